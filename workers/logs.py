"""Logging of the worker: plain text (default) or one JSON object per line (``KHABAR_LOG_FORMAT=json``).

A JSON line has ``time`` (UTC, ISO 8601), ``level``, ``logger``, ``message`` and every
``extra`` field the call passed, e.g. ``page_id``, ``stage``, ``reason``, ``source_topic``,
``source_partition``, ``source_offset`` on a dead-letter line; an exception adds ``exception``.
The worker logs one WARNING line per dead-lettered record (``log_rejection``), so every error line
says which page and which stage.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone

import orjson

from workers.errors import Origin, RejectedRecord

__all__ = ["JsonFormatter", "logging_config", "log_rejection"]

_LEVELS = {"debug": "DEBUG", "info": "INFO", "warn": "WARNING", "error": "ERROR", "crit": "CRITICAL"}
# Attributes every LogRecord has; anything else on a record came from ``extra=``.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    """One JSON object per record (see the module docstring)."""

    def format(self, record: logging.LogRecord) -> str:
        out = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        out.update({k: v for k, v in vars(record).items() if k not in _STANDARD and not k.startswith("_")})
        if record.exc_info:
            out["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(out, default=str).decode("utf-8")


def logging_config(log_format: str, level: str) -> dict | None:
    """A ``logging.config.dictConfig`` for the worker, or ``None`` for faust's own text logging."""
    if log_format != "json":
        return None
    level = _LEVELS.get(level, level.upper())
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {"default": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr", "level": level}},
        "root": {"level": level, "handlers": ["default"]},
    }


def log_rejection(logger: logging.Logger, error: RejectedRecord, origin: Origin, page_id: str | None) -> None:
    """One WARNING line for a dead-lettered record, with where it came from and why."""
    logger.warning(
        "record dead-lettered: %s",
        error.message,
        extra={
            "page_id": page_id,
            "stage": str(error.stage),
            "reason": str(error.reason),
            "source_topic": origin.topic,
            "source_partition": origin.partition,
            "source_offset": origin.offset,
        },
    )
