"""Cleaning stages: split a page into blocks, find what to remove, cut it into articles."""
