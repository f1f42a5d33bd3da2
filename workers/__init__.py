"""khabar: stream processing for messy Arabic news pages."""

__version__ = "0.1.0"
