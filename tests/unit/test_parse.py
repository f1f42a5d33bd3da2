import orjson
import pytest

from workers.errors import Reason, RejectedRecord, Stage
from workers.parse import decode_page, derive_page_id


def record(**fields) -> bytes:
    base = {"schema_version": 1, "source": "example.org", "content": "line one\nline two"}
    base.update(fields)
    return orjson.dumps({k: v for k, v in base.items() if v is not ...})


def reject(payload: bytes, contract, max_bytes: int = 10_000) -> RejectedRecord:
    with pytest.raises(RejectedRecord) as info:
        decode_page(payload, contract, max_bytes)
    return info.value


def test_valid_record_gets_a_page_id_derived_from_content(contract):
    page = decode_page(record(), contract, 10_000)
    assert page.page_id == derive_page_id("line one\nline two")
    assert page.content_type == "text/plain" and page.url is None
    assert len(page.content_digest) == 64


def test_explicit_page_id_is_kept(contract):
    assert decode_page(record(page_id="abc-1"), contract, 10_000).page_id == "abc-1"


@pytest.mark.parametrize(
    ("payload", "stage", "reason"),
    [
        (b"\xff\xfe not utf-8", Stage.DECODE, Reason.INVALID_UTF8),
        (b"{not json", Stage.DECODE, Reason.INVALID_JSON),
        (orjson.dumps([1, 2]), Stage.VALIDATE, Reason.SCHEMA_VIOLATION),
        (record(source=...), Stage.VALIDATE, Reason.SCHEMA_VIOLATION),
        (record(schema_version=2), Stage.VALIDATE, Reason.SCHEMA_VIOLATION),
        (record(content_type="application/pdf"), Stage.VALIDATE, Reason.SCHEMA_VIOLATION),
        (record(extra=1), Stage.VALIDATE, Reason.SCHEMA_VIOLATION),
        (record(scraped_at="yesterday"), Stage.VALIDATE, Reason.SCHEMA_VIOLATION),
        (record(content="  \n\t "), Stage.VALIDATE, Reason.EMPTY_CONTENT),
    ],
)
def test_bad_records_are_rejected_with_stage_and_reason(contract, payload, stage, reason):
    error = reject(payload, contract)
    assert (error.stage, error.reason) == (stage, reason)
    assert error.message


def test_oversized_is_checked_before_decoding(contract):
    error = reject(record(content="x" * 500), contract, max_bytes=100)
    assert error.reason == Reason.OVERSIZED and "limit is 100" in error.message


def test_schema_violation_names_the_field(contract):
    assert "source" in reject(record(source=...), contract).message
