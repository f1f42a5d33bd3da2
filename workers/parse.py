"""Stage ``parse``: raw bytes to a validated ``RawPage``, or a ``RejectedRecord``.

Decides what counts as bad input: too large, not UTF-8, not JSON, not matching
``schemas/raw-page.v1.json``, or without any text. Faust never decodes our values; this stage
does, so a bad value becomes a dead letter instead of killing the agent.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

import orjson

from workers.contract import Contract
from workers.errors import Reason, RejectedRecord, Stage
from workers.model import RawPage


def derive_page_id(content: str) -> str:
    """Stable page id derived from the page content: 16 hex digits of its sha256."""
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]


def decode_page(payload: bytes, contract: Contract, max_bytes: int) -> RawPage:
    """Decode and validate one raw-page record.

    Args:
        payload: The record value as received.
        contract: Compiled schemas.
        max_bytes: Records larger than this are rejected as ``oversized``.

    Returns:
        The validated page, with ``page_id`` derived from the content when the record has none.

    Raises:
        RejectedRecord: With the stage and reason code of the first problem found.
    """
    if len(payload) > max_bytes:
        raise RejectedRecord(Stage.DECODE, Reason.OVERSIZED, f"record is {len(payload)} bytes, limit is {max_bytes}")
    try:
        # orjson checks that the whole payload is UTF-8 before parsing it, as strictly as Python's
        # codec (tests/unit/test_parse_fast.py), so valid UTF-8 is only checked again on failure.
        record = orjson.loads(payload)
    except orjson.JSONDecodeError as exc:
        try:
            payload.decode("utf-8")
        except UnicodeDecodeError as utf8_exc:
            raise RejectedRecord(Stage.DECODE, Reason.INVALID_UTF8, str(utf8_exc)) from None
        raise RejectedRecord(Stage.DECODE, Reason.INVALID_JSON, str(exc)) from None
    # The contract's fast check answers for well-formed records; jsonschema explains the others.
    errors = contract.errors("raw_page", record)
    if errors:
        raise RejectedRecord(Stage.VALIDATE, Reason.SCHEMA_VIOLATION, "; ".join(errors[:5]))
    scraped_at = record.get("scraped_at")
    if scraped_at is not None:
        try:
            datetime.fromisoformat(scraped_at)
        except ValueError:
            raise RejectedRecord(
                Stage.VALIDATE, Reason.SCHEMA_VIOLATION, f"scraped_at: {scraped_at!r} is not an RFC 3339 date-time"
            ) from None
    content = record["content"]
    # Same as `not content.strip()` (both use str.isspace's notion of whitespace), without copying.
    if not content or content.isspace():
        raise RejectedRecord(Stage.VALIDATE, Reason.EMPTY_CONTENT, "content has no text")
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
    return RawPage(
        page_id=record.get("page_id") or digest[:16],  # = derive_page_id(content), hashed once
        source=record["source"],
        url=record.get("url"),
        content_type=record.get("content_type", "text/plain"),
        content=content,
        lang=record.get("lang"),
        scraped_at=scraped_at,
        content_digest=digest,
    )
