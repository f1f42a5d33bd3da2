"""Errors are data: reason codes, stages and the dead-letter record.

A record that khabar cannot process is not an exception that kills a worker; it becomes a
dead letter with a reason from the closed set below (safe as a metric label), the error text, the
coordinates of the source record and the original payload.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from enum import StrEnum


class Stage(StrEnum):
    """Where a record was rejected."""

    DECODE = "decode"
    VALIDATE = "validate"
    SEGMENT = "segment"
    PIPELINE = "pipeline"


class Reason(StrEnum):
    """Closed set of dead-letter reason codes (documented in docs/reason-codes.md)."""

    INVALID_UTF8 = "invalid_utf8"
    INVALID_JSON = "invalid_json"
    SCHEMA_VIOLATION = "schema_violation"
    EMPTY_CONTENT = "empty_content"
    OVERSIZED = "oversized"
    NO_BODY = "no_body"
    PIPELINE_ERROR = "pipeline_error"


class RejectedRecord(Exception):
    """Raised by a stage for input it refuses; turned into a dead letter by the error policy."""

    def __init__(self, stage: Stage, reason: Reason, message: str) -> None:
        super().__init__(f"{stage}/{reason}: {message}")
        self.stage = stage
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class Origin:
    """Where a record came from: a Kafka record, or a file and line when offline."""

    topic: str | None = None
    partition: int | None = None
    offset: int | None = None
    key: bytes | None = None


def _text_or_base64(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return base64.b64encode(data).decode("ascii"), "base64"


def dead_letter(payload: bytes, origin: Origin, error: RejectedRecord, pipeline_version: str) -> dict:
    """Build a dead-letter event (schemas/dead-letter.v1.json) for a rejected record.

    The event id is derived from the source coordinates and the payload, so a replay of the same
    record yields the same id.
    """
    body, encoding = _text_or_base64(payload)
    key, key_encoding = _text_or_base64(origin.key) if origin.key is not None else (None, None)
    digest = hashlib.sha256()
    for part in (origin.topic, origin.partition, origin.offset, pipeline_version):
        digest.update(repr(part).encode() + b"\0")
    digest.update(payload)
    return {
        "schema_version": 1,
        "event_id": digest.hexdigest()[:32],
        "stage": str(error.stage),
        "reason": str(error.reason),
        "error": error.message,
        "source_topic": origin.topic,
        "source_partition": origin.partition,
        "source_offset": origin.offset,
        "key": key,
        "key_encoding": key_encoding,
        "payload": body,
        "payload_encoding": encoding,
        "pipeline_version": pipeline_version,
    }
