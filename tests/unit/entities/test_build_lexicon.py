"""Tests of the lexicon builder, the BIO reader and the span scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

from workers.entities.bio import Span, bio_spans, read_sentences
from workers.entities.build_lexicon import build_entries, main
from workers.entities.evaluate import score_spans
from workers.entities.lexicon import LexiconEntry, read_lexicon
from workers.entities.tagger import LexiconTagger


def sent(*pairs: str) -> list[tuple[str, str]]:
    return [tuple(p.split(" ")) for p in pairs]  # type: ignore[misc]


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["B-LOC", "I-LOC", "O"], [Span(0, 2, "LOC")]),
        (["B-LOC", "B-LOC"], [Span(0, 1, "LOC"), Span(1, 2, "LOC")]),
        (["O", "I-ORG", "I-ORG"], [Span(1, 3, "ORG")]),  # I- after O starts an entity
        (["I-PERS"], [Span(0, 1, "PERS")]),
        (["B-PERS", "I-LOC"], [Span(0, 1, "PERS"), Span(1, 2, "LOC")]),  # I- of another type
        ([], []),
    ],
)
def test_bio_spans(tags: list[str], spans: list[Span]) -> None:
    assert bio_spans(tags) == spans


def test_bio_spans_rejects_garbage() -> None:
    with pytest.raises(ValueError):
        bio_spans(["X-LOC"])


def test_read_sentences() -> None:
    lines = ["\n", "a O\n", "b x B-LOC\n", "\n", "\n", "c O"]
    assert list(read_sentences(lines)) == [[("a", "O"), ("b", "B-LOC")], [("c", "O")]]
    with pytest.raises(ValueError):
        list(read_sentences(["lonely"]))


def test_thresholds() -> None:
    corpus = [
        # "بغداد": always LOC -> kept
        sent("في O", "بغداد B-LOC"),
        sent("بغداد B-LOC", "قال O"),
        # "الأمل": ORG once, a common word three times -> dropped (1/4 < 50%)
        sent("الأمل B-ORG"),
        sent("الأمل O"),
        sent("الأمل O", "الأمل O"),
        # "فؤاد": PERS 2, ORG 1 -> 67% PERS -> kept as PERS
        sent("فؤاد B-PERS"),
        sent("فؤاد B-PERS"),
        sent("فؤاد B-ORG"),
        # "سالم": PERS 1, LOC 1 -> 50% -> dropped
        sent("سالم B-PERS"),
        sent("سالم B-LOC"),
        # a two-token phrase; "I-" after "O" starts a new entity
        sent("O O", "كوريا I-LOC", "الجنوبية I-LOC"),
    ]
    entries = {e.key: e for e in build_entries(corpus)}
    assert entries == {
        "بغداد": LexiconEntry("بغداد", "LOC", 2, 2, 2),
        "فؤاد": LexiconEntry("فؤاد", "PERS", 2, 3, 3),
        "كوريا الجنوبيه": LexiconEntry("كوريا الجنوبيه", "LOC", 1, 1, 1),
    }
    assert build_entries(corpus, min_count=2) == [entries["بغداد"], entries["فؤاد"]]


def test_cli_is_deterministic_and_slices_sentences(tmp_path: Path) -> None:
    train = tmp_path / "train.txt"
    train.write_text("بغداد B-LOC\n\nفؤاد B-PERS\nقال O\n\nبيروت B-LOC\n", encoding="utf-8")
    out1, out2, first2 = tmp_path / "a.tsv", tmp_path / "b.tsv", tmp_path / "c.tsv"
    assert main([str(train), str(out1)]) == 0
    assert main([str(train), str(out2)]) == 0
    assert out1.read_bytes() == out2.read_bytes()
    keys = [e.key for e in read_lexicon(out1.read_text(encoding="utf-8").splitlines())]
    assert keys == sorted(keys) == ["بغداد", "بيروت", "فؤاد"]
    assert main([str(train), str(first2), "--sentences-from", "0", "--sentences-to", "2"]) == 0
    assert [e.key for e in read_lexicon(first2.read_text(encoding="utf-8").splitlines())] == ["بغداد", "فؤاد"]
    assert "sentences [0, 2) of 3" in first2.read_text(encoding="utf-8")
    assert LexiconTagger.load(first2).tag_tokens(["بيروت", "فؤاد"]) == ["O", "B-PERS"]


def test_score_spans() -> None:
    gold = [["B-LOC", "I-LOC", "O", "B-PERS"], ["O", "B-ORG"]]
    pred = [["B-LOC", "O", "O", "B-PERS"], ["O", "B-ORG"]]  # one LOC span is too short
    scores = score_spans(gold, pred)
    assert (scores["micro"].gold, scores["micro"].predicted, scores["micro"].correct) == (3, 3, 2)
    assert scores["LOC"].precision == 0.0 and scores["PERS"].f1 == 1.0
    assert scores["micro"].f1 == pytest.approx(2 / 3)
    with pytest.raises(ValueError):
        score_spans(gold, pred[:1])
