"""Fixtures shared by every test tier."""

from __future__ import annotations

from pathlib import Path

import os

import orjson
import pytest
from hypothesis import settings as hypothesis_settings

from workers.contract import Contract

# CI runs the same examples every time (no flaky counterexample hunts) and has no deadline.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, database=None)
hypothesis_settings.register_profile("dev", deadline=None)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds" / "raw-pages.jsonl"


@pytest.fixture(scope="session")
def contract() -> Contract:
    return Contract.load()


@pytest.fixture(scope="session")
def seed_values() -> list[bytes]:
    """The seed records as a scraper sends them (raw bytes)."""
    return [line for line in SEEDS.read_bytes().split(b"\n") if line.strip()]


@pytest.fixture(scope="session")
def seed_records(seed_values: list[bytes]) -> list[dict]:
    return [orjson.loads(v) for v in seed_values]
