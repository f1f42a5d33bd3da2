import base64

import khabar_native
import orjson
import pytest

from workers.entities.tagger import LexiconTagger
from workers.errors import Origin, RejectedRecord
from workers.pipeline import Pipeline, PipelineConfig


@pytest.fixture(scope="module")
def tagger() -> LexiconTagger:
    return LexiconTagger.load()


@pytest.fixture()
def pipeline(contract, tagger) -> Pipeline:
    return Pipeline(PipelineConfig(max_page_bytes=200_000), contract, tagger)


def events(outcome, kind):
    return [orjson.loads(r.value) for r in outcome.records if r.kind == kind]


def test_every_seed_gives_schema_valid_articles_and_mentions(pipeline, contract, seed_values):
    for value in seed_values:
        outcome = pipeline.process_record(value)
        articles, mentions = events(outcome, "article"), events(outcome, "mention")
        assert articles and outcome.dead_letter_reason is None
        for article in articles:
            assert contract.errors("enriched_article", article) == []
        for mention in mentions:
            assert contract.errors("entity_mention", mention) == []
        assert len(mentions) == sum(len(a["entities"]) for a in articles)


def test_records_are_keyed_by_page_id_and_entity_id(pipeline, seed_values):
    outcome = pipeline.process_record(seed_values[0])
    for record in outcome.records:
        event = orjson.loads(record.value)
        expected = event["page_id"] if record.kind == "article" else event["entity_id"]
        assert record.key == expected.encode()


def test_same_input_gives_the_same_bytes_and_event_ids(contract, tagger, seed_values):
    first = [r.value for v in seed_values for r in Pipeline(PipelineConfig(), contract, tagger).process_record(v).records]
    again = [r.value for v in seed_values for r in Pipeline(PipelineConfig(), contract, tagger).process_record(v).records]
    assert first == again
    ids = [orjson.loads(v)["event_id"] for v in first]
    assert len(ids) == len(set(ids))


def test_every_non_empty_line_is_kept_or_removed_with_a_reason(pipeline, seed_values, seed_records):
    for value, record in zip(seed_values, seed_records):
        lines = [line.strip() for line in record["content"].splitlines() if line.strip()]
        out: list[str] = []
        for article in events(pipeline.process_record(value), "article"):
            out += [article["title"], *([article["subtitle"]] if article["subtitle"] else []), *article["captions"]]
            out += article["paragraphs"] + [r["text"] for r in article["removed"]]
        assert sorted(out) == sorted(lines)


def test_repeated_headline_and_captions_are_removed_once_kept_once(pipeline, seed_values):
    [article, *_] = events(pipeline.process_record(seed_values[0]), "article")
    kept = [article["title"], *article["paragraphs"]]
    assert len(kept) == len(set(kept))
    repeats = [r for r in article["removed"] if r["reason"] == "repeat"]
    assert repeats and all(r["kept_block"] < r["block"] for r in repeats)


def test_mention_offsets_slice_back_to_the_mention_text(pipeline, seed_values):
    for value in seed_values:
        for article in events(pipeline.process_record(value), "article"):
            for entity in article["entities"]:
                for m in entity["mentions"]:
                    field = article[m["field"]] if m["index"] is None else article[m["field"]][m["index"]]
                    assert field[m["start"] : m["end"]] == m["text"]


@pytest.mark.parametrize(
    ("payload", "reason", "encoding"),
    [
        (b"\xff\xfe\x00garbage", "invalid_utf8", "base64"),
        (b'{"schema_version": 1,', "invalid_json", "utf-8"),
        (b'{"schema_version": 1, "content": "x"}', "schema_violation", "utf-8"),
        (b'{"schema_version": 1, "source": "s", "content": " "}', "empty_content", "utf-8"),
        (b'{"schema_version": 1, "source": "s", "content": "' + b"x" * 300_000 + b'"}', "oversized", "utf-8"),
    ],
)
def test_bad_input_becomes_one_schema_valid_dead_letter(pipeline, contract, payload, reason, encoding):
    outcome = pipeline.process_record(payload, Origin("raw", 3, 42, b"key"))
    [letter] = events(outcome, "dead_letter")
    assert outcome.records[0].key == b"key" and outcome.dead_letter_reason == reason
    assert contract.errors("dead_letter", letter) == []
    assert (letter["reason"], letter["payload_encoding"]) == (reason, encoding)
    assert (letter["source_topic"], letter["source_partition"], letter["source_offset"]) == ("raw", 3, 42)
    original = base64.b64decode(letter["payload"]) if encoding == "base64" else letter["payload"].encode()
    assert original == payload


def test_a_bug_in_a_stage_becomes_a_pipeline_error_dead_letter(contract, seed_values):
    class BrokenTagger:
        def find_mentions(self, text):
            raise ValueError("boom")

    outcome = Pipeline(PipelineConfig(), contract, BrokenTagger()).process_record(seed_values[1])
    [letter] = events(outcome, "dead_letter")
    assert letter["reason"] == "pipeline_error" and letter["stage"] == "pipeline" and "boom" in letter["error"]
    assert outcome.count("article") == 0


def test_a_panic_in_the_native_code_becomes_a_pipeline_error_dead_letter(contract, seed_values, monkeypatch):
    # PyO3 raises a Rust panic as PanicException, a BaseException that `except Exception` misses.
    def panicking_segment(*args, **kwargs):
        raise khabar_native.PanicException("index out of bounds")

    monkeypatch.setattr("workers.pipeline.segment", panicking_segment)
    outcome = Pipeline(PipelineConfig(), contract, None).process_record(seed_values[1])
    [letter] = events(outcome, "dead_letter")
    assert letter["reason"] == "pipeline_error" and "index out of bounds" in letter["error"]
    assert not issubclass(khabar_native.PanicException, Exception)


def test_strict_policy_raises_instead(contract, tagger):
    strict = Pipeline(PipelineConfig(strict=True), contract, tagger)
    with pytest.raises(RejectedRecord):
        strict.process_record(b"{oops")


def test_stage_seconds_are_measured(pipeline, seed_values):
    seconds = pipeline.process_record(seed_values[0]).seconds
    assert {"parse", "blocks", "boilerplate", "segment", "entities", "assemble", "total"} <= set(seconds)
    assert seconds["total"] >= seconds["parse"] > 0


def test_a_page_of_chrome_only_is_a_no_body_dead_letter_that_keeps_the_page(pipeline, contract):
    payload = orjson.dumps({"schema_version": 1, "source": "s", "content": "TT\nShare\n2 hours ago\n\u00a9 2025 Example"})
    outcome = pipeline.process_record(payload)
    [letter] = events(outcome, "dead_letter")
    assert (letter["stage"], letter["reason"]) == ("segment", "no_body") and outcome.without_body
    assert "artifact: 1" in letter["error"] and letter["payload"].encode() == payload
    assert contract.errors("dead_letter", letter) == []


def test_metrics_count_articles_per_page_and_pages_without_body(pipeline, seed_values):
    from prometheus_client import CollectorRegistry

    from workers.metrics import KhabarMetrics

    registry = CollectorRegistry()
    metrics = KhabarMetrics(registry)
    metrics.observe(pipeline.process_record(seed_values[0]))
    metrics.observe(pipeline.process_record(orjson.dumps({"schema_version": 1, "source": "s", "content": "TT\nShare"})))
    value = registry.get_sample_value
    assert value("khabar_articles_per_page_count") == 2 and value("khabar_articles_per_page_sum") == 4
    assert value("khabar_pages_without_body_total") == 1
    assert value("khabar_dead_letters_total", {"reason": "no_body"}) == 1
    assert value("khabar_blocks_removed_total", {"reason": "teaser"}) > 0
