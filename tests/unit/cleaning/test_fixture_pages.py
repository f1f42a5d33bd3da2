"""The page cleaner's specification: hand-labelled pages in ``tests/fixtures/pages``.

Each page ``NAME.txt`` (text/plain, one block per line) or ``NAME.html`` (text/html) has a
``NAME.expected.json`` written by an editor, not produced by running the cleaner::

    {"source": "example.com",
     "articles": [{"title": ..., "subtitle": ... or null, "captions": [...], "paragraphs": [...]}],
     "removed": {"<block text as in the input>": "<reason>", ...}}

A block text that occurs several times in the input occurs as often in the output: as kept text
(title, subtitle, captions, paragraphs) or as removed text. ``removed`` maps a text to the one
reason that applies to all of its removed occurrences (a headline kept once and printed again
twice maps to ``repeat``). Input blocks are the non-empty stripped lines of a text page and the
``split_blocks`` blocks of an HTML page.

``test_fixture_is_consistent`` checks the fixtures themselves; the other tests run the strict
pipeline on every page and compare.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import orjson
import pytest

from workers.cleaning.blocks import split_blocks
from workers.model import RawPage

PAGES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"
EXPECTED_FILES = sorted(PAGES.glob("*.expected.json"))
FIELDS = ("title", "subtitle", "captions", "paragraphs")
# Closed set of docs/reason-codes.md; "template" belongs to the site-template tests, not to single pages.
REASONS = frozenset({"repeat", "artifact", "widget", "navigation", "date", "footer", "category", "teaser"})


@dataclass(frozen=True)
class Case:
    name: str
    content_type: str
    content: str
    expected: dict

    @property
    def blocks(self) -> list[str]:
        """The page's input blocks, in order."""
        if self.content_type == "text/html":
            page = RawPage(self.name, self.expected["source"], None, "text/html", self.content, None, None, "0" * 64)
            return [block.text for block in split_blocks(page)]
        return [line.strip() for line in self.content.splitlines() if line.strip()]

    @property
    def payload(self) -> bytes:
        """The page as a raw record, as a scraper would send it."""
        return orjson.dumps(
            {"schema_version": 1, "source": self.expected["source"], "content_type": self.content_type, "content": self.content}
        )


def load_case(expected_path: Path) -> Case:
    name = expected_path.name.removesuffix(".expected.json")
    inputs = [p for p in (PAGES / f"{name}.txt", PAGES / f"{name}.html") if p.exists()]
    assert len(inputs) == 1, f"{name}: expected exactly one of {name}.txt / {name}.html, found {inputs}"
    content_type = "text/html" if inputs[0].suffix == ".html" else "text/plain"
    return Case(name, content_type, inputs[0].read_text(encoding="utf-8"), orjson.loads(expected_path.read_bytes()))


CASES = [load_case(path) for path in EXPECTED_FILES]
IDS = [case.name for case in CASES]


def kept_texts(article: dict) -> list[str]:
    """Every kept text of an article (title, subtitle, captions, paragraphs), in field order."""
    texts = [article["title"]]
    if article.get("subtitle") is not None:
        texts.append(article["subtitle"])
    return texts + list(article["captions"]) + list(article["paragraphs"])


def duplicates(texts: list[str]) -> list[str]:
    return sorted(text for text, n in Counter(texts).items() if n > 1)


def counter_diff(left: Counter, right: Counter) -> dict[str, int]:
    """Texts whose counts differ, as left - right."""
    return {text: left[text] - right[text] for text in set(left) | set(right) if left[text] != right[text]}


def test_there_are_enough_fixture_pages():
    assert len(CASES) >= 12
    assert sum(case.content_type == "text/html" for case in CASES) >= 2


# --- the fixtures themselves (independent of the cleaner) ----------------------------------


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_fixture_is_consistent(case: Case):
    expected = case.expected
    assert set(expected) == {"source", "articles", "removed"}
    assert isinstance(expected["source"], str) and expected["source"]
    assert expected["articles"], "a fixture page has at least one article"
    for article in expected["articles"]:
        assert set(article) == set(FIELDS)
        assert isinstance(article["title"], str) and article["title"]
        assert article["subtitle"] is None or (isinstance(article["subtitle"], str) and article["subtitle"])
        assert all(isinstance(t, str) and t for t in article["captions"] + article["paragraphs"])
        assert not duplicates(kept_texts(article)), "a text is kept twice in one article"
    bad_reasons = {text: reason for text, reason in expected["removed"].items() if reason not in REASONS}
    assert not bad_reasons

    inputs = Counter(case.blocks)
    kept = Counter(text for article in expected["articles"] for text in kept_texts(article))
    assert not (kept - inputs), "kept texts that are not (or not that often) input blocks"
    removed_counts = inputs - kept
    assert set(removed_counts) == set(expected["removed"]), (
        f"unaccounted blocks: {sorted(set(removed_counts) - set(expected['removed']))}; "
        f"removed texts not left over in the input: {sorted(set(expected['removed']) - set(removed_counts))}"
    )
    kept_and_removed = {text: expected["removed"][text] for text in removed_counts if kept[text]}
    assert all(reason == "repeat" for reason in kept_and_removed.values()), kept_and_removed


# --- the cleaner against the fixtures ------------------------------------------------------


@pytest.fixture(scope="module")
def pipeline():
    from workers.app import build_pipeline
    from workers.settings import Settings

    return build_pipeline(Settings(), strict=True)


@pytest.fixture(scope="module")
def cleaned(pipeline):
    """Articles the pipeline makes of a case (computed once per case)."""
    cache: dict[str, list[dict] | BaseException] = {}

    def run(case: Case) -> list[dict]:
        if case.name not in cache:
            try:
                outcome = pipeline.process_record(case.payload)
                cache[case.name] = [orjson.loads(r.value) for r in outcome.records if r.kind == "article"]
            except Exception as exc:  # noqa: BLE001 - reported as a test failure below
                cache[case.name] = exc
        result = cache[case.name]
        if isinstance(result, BaseException):
            pytest.fail(f"{case.name}: the pipeline raised {type(result).__name__}: {result}")
        return result

    return run


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_article_count(case: Case, cleaned):
    got = cleaned(case)
    want = case.expected["articles"]
    assert len(got) == len(want), f"{len(got)} articles instead of {len(want)}: {[a['title'] for a in got]}"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_articles_match(case: Case, cleaned):
    got = cleaned(case)
    want = case.expected["articles"]
    assert len(got) == len(want), f"{len(got)} articles instead of {len(want)}: {[a['title'] for a in got]}"
    for index, (g, w) in enumerate(zip(got, want)):
        for field in FIELDS:
            assert g[field] == w[field], f"article {index}, {field}"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_removed_blocks_have_the_expected_reason(case: Case, cleaned):
    expected = case.expected["removed"]
    wrong = [
        (r["text"], r["reason"], expected.get(r["text"], "(should be kept)"))
        for article in cleaned(case)
        for r in article["removed"]
        if expected.get(r["text"]) != r["reason"]
    ]
    assert not wrong, "removed as (text, got, expected):\n" + "\n".join(map(repr, wrong))


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_every_input_block_is_accounted_for_exactly(case: Case, cleaned):
    got = cleaned(case)
    output = Counter(text for article in got for text in kept_texts(article))
    output.update(r["text"] for article in got for r in article["removed"])
    diff = counter_diff(Counter(case.blocks), output)
    assert not diff, "input count - output count (kept + removed), by text:\n" + "\n".join(
        f"{n:+d} {text!r}" for text, n in sorted(diff.items())
    )


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_no_text_is_kept_twice_in_an_article(case: Case, cleaned):
    for index, article in enumerate(cleaned(case)):
        assert not duplicates(kept_texts(article)), f"article {index}"
