"""``decode_page`` takes shortcuts (no separate UTF-8 pass, the contract's fastjsonschema check,
``isspace``); it must decide exactly as the straightforward version below: same pages, same
rejections, same stage, reason and message."""

from __future__ import annotations

import hashlib
import sys
from datetime import datetime

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workers.errors import Reason, RejectedRecord, Stage
from workers.model import RawPage
from workers.parse import decode_page

from tests.unit.test_contract import raw_page_records

MAX_BYTES = 10_000


def reference_decode_page(payload: bytes, contract, max_bytes: int) -> RawPage:
    """decode_page as it was before the shortcuts: every check spelled out, jsonschema only."""
    if len(payload) > max_bytes:
        raise RejectedRecord(Stage.DECODE, Reason.OVERSIZED, f"record is {len(payload)} bytes, limit is {max_bytes}")
    try:
        payload.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RejectedRecord(Stage.DECODE, Reason.INVALID_UTF8, str(exc)) from None
    try:
        record = orjson.loads(payload)
    except orjson.JSONDecodeError as exc:
        raise RejectedRecord(Stage.DECODE, Reason.INVALID_JSON, str(exc)) from None
    found = sorted(contract.validators["raw_page"].iter_errors(record), key=lambda e: list(e.absolute_path))
    errors = [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in found]
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
    if not content.strip():
        raise RejectedRecord(Stage.VALIDATE, Reason.EMPTY_CONTENT, "content has no text")
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
    return RawPage(
        page_id=record.get("page_id") or digest[:16],
        source=record["source"],
        url=record.get("url"),
        content_type=record.get("content_type", "text/plain"),
        content=content,
        lang=record.get("lang"),
        scraped_at=scraped_at,
        content_digest=digest,
    )


def outcome(decode, payload: bytes, contract, max_bytes: int = MAX_BYTES):
    try:
        return decode(payload, contract, max_bytes)
    except RejectedRecord as error:
        return (error.stage, error.reason, error.message)


def assert_same(payload: bytes, contract, max_bytes: int = MAX_BYTES):
    got = outcome(decode_page, payload, contract, max_bytes)
    assert got == outcome(reference_decode_page, payload, contract, max_bytes), payload
    return got


def test_seed_pages_decode_as_before(contract, seed_values):
    for payload in seed_values:
        assert isinstance(assert_same(payload, contract, 2_000_000), RawPage)


# Content that is empty, blank or not, with the whitespace str.strip() knows (and some it does not).
CONTENTS = st.one_of(
    st.text(alphabet=" \t\n\r\x0b\x0c\x1c\x85\xa0\u2000\u200b\u2028\u3000\ufeffa\u0628", max_size=6),
    st.text(max_size=30),
)


@st.composite
def raw_page_payloads(draw) -> bytes:
    record = draw(raw_page_records())
    if isinstance(record, dict) and draw(st.booleans()):
        record["content"] = draw(CONTENTS)
    if isinstance(record, dict) and draw(st.integers(0, 3)) == 0:
        record["scraped_at"] = draw(
            st.sampled_from(["2024-05-01T10:00:00+00:00", "2024-05-01", "2024-05-01 10:00", "2024-13-01", "", "soon"])
        )
    return orjson.dumps(record)


@settings(max_examples=1500)
@given(raw_page_payloads())
def test_records_decode_as_before(contract, payload):
    assert_same(payload, contract)


BAD_UTF8 = [
    b"\x80", b"\xbf", b"\xc0\xaf", b"\xc1\xbf", b"\xc2", b"\xe0\x80\x80", b"\xe0\x9f\xbf", b"\xed\xa0\x80",
    b"\xed\xbf\xbf", b"\xef\xbf", b"\xf0\x8f\xbf\xbf", b"\xf4\x90\x80\x80", b"\xf5\x80\x80\x80", b"\xf8\x88\x80\x80\x80",
    b"\xfe", b"\xff",
]  # fmt: skip
GOOD_UTF8 = [b"\xc2\x80", b"\xdf\xbf", b"\xe0\xa0\x80", b"\xed\x9f\xbf", b"\xee\x80\x80", b"\xf0\x90\x80\x80", b"\xf4\x8f\xbf\xbf"]


@settings(max_examples=1000)
@given(
    raw_page_payloads(),
    st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(BAD_UTF8 + GOOD_UTF8) | st.binary(max_size=4)), max_size=3),
    st.integers(0, 10_000) | st.none(),
)
def test_damaged_payloads_are_rejected_as_before(contract, payload, inserts, cut):
    """Bytes inserted anywhere (in strings, between tokens, after the end) and truncation."""
    for position, data in inserts:
        position %= len(payload) + 1
        payload = payload[:position] + data + payload[position:]
    if cut is not None:
        payload = payload[: cut % (len(payload) + 1)]
    assert_same(payload, contract)


@settings(max_examples=500)
@given(st.binary(max_size=60))
def test_arbitrary_bytes_are_handled_as_before(contract, payload):
    assert_same(payload, contract)


@pytest.mark.parametrize("data", BAD_UTF8)
def test_invalid_utf8_inside_a_valid_record_is_invalid_utf8(contract, data):
    payload = orjson.dumps({"schema_version": 1, "source": "s", "content": "a@b"}).replace(b"@", data)
    stage, reason, message = assert_same(payload, contract)
    assert (stage, reason) == (Stage.DECODE, Reason.INVALID_UTF8)
    assert "can't decode" in message


@pytest.mark.parametrize("data", GOOD_UTF8)
def test_valid_utf8_inside_a_valid_record_is_accepted(contract, data):
    payload = orjson.dumps({"schema_version": 1, "source": "s", "content": "a@b"}).replace(b"@", data)
    assert assert_same(payload, contract).content == "a" + data.decode() + "b"


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b'{"schema_version":1,"source":"s","content":"x"} \xff', Reason.INVALID_UTF8),
        (b'{"schema_version":1,"source":"s","content":"x"} x', Reason.INVALID_JSON),
        (b'{"schema_version":1,"source":"s","content":"\\ud800"}', Reason.INVALID_JSON),
        (b'\xef\xbb\xbf{"schema_version":1,"source":"s","content":"x"}', Reason.INVALID_JSON),
        (b'{"schema_version":1,"source":"s","content":"a\nb"}', Reason.INVALID_JSON),
        (b"", Reason.INVALID_JSON),
    ],
)
def test_decode_errors_keep_their_reason(contract, payload, reason):
    stage, got, message = assert_same(payload, contract)
    assert (stage, got) == (Stage.DECODE, reason) and message


def test_a_float_schema_version_is_still_accepted(contract):
    """jsonschema and fastjsonschema both take 1.0 for the const 1."""
    page = assert_same(b'{"schema_version":1.0,"source":"s","content":"x"}', contract)
    assert isinstance(page, RawPage) and page.content == "x"


def test_blank_content_is_what_strip_leaves_empty():
    """decode_page tests ``not content or content.isspace()`` for ``not content.strip()``."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert (not char.strip()) == char.isspace(), hex(code)
