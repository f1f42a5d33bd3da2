"""JSON log lines: one object per line, with the page id and stage on dead-letter lines."""

from __future__ import annotations

import io
import logging

import orjson

from workers.errors import Origin, Reason, RejectedRecord, Stage
from workers.logs import JsonFormatter, log_rejection, logging_config


def _logger(stream: io.StringIO) -> logging.Logger:
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("test.khabar.logs")
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel(logging.INFO)
    return logger


def test_dead_letter_line_has_page_id_stage_reason_and_origin():
    stream = io.StringIO()
    error = RejectedRecord(Stage.SEGMENT, Reason.NO_BODY, "no article text among 3 blocks")
    log_rejection(_logger(stream), error, Origin("raw", 1, 42, b"site"), "page-7")
    (line,) = stream.getvalue().splitlines()
    record = orjson.loads(line)
    assert record["level"] == "WARNING" and record["logger"] == "test.khabar.logs"
    assert record["message"] == "record dead-lettered: no article text among 3 blocks"
    assert {k: record[k] for k in ("page_id", "stage", "reason", "source_topic", "source_partition", "source_offset")} == {
        "page_id": "page-7", "stage": "segment", "reason": "no_body", "source_topic": "raw", "source_partition": 1, "source_offset": 42,
    }
    assert record["time"].endswith("+00:00")


def test_exceptions_are_inside_the_json_object():
    stream = io.StringIO()
    logger = _logger(stream)
    try:
        raise ValueError("boom")
    except ValueError:
        logger.exception("failed", extra={"page_id": "p", "stage": "pipeline"})
    (line,) = stream.getvalue().splitlines()  # the traceback does not break the one-line format
    record = orjson.loads(line)
    assert "ValueError: boom" in record["exception"] and record["stage"] == "pipeline"


def test_logging_config_is_a_valid_dict_config_for_json_only():
    assert logging_config("text", "info") is None
    config = logging_config("json", "warn")
    assert config["root"]["level"] == "WARNING"
    assert config["formatters"]["json"]["()"] is JsonFormatter
    assert config["handlers"]["default"] == {
        "class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr", "level": "WARNING"
    }
