"""Word classes (a CRF feature): how each word was used in the annotated training text."""

from __future__ import annotations

import io

import pytest

from workers.entities.kb import KnowledgeBase
from workers.entities.normalize import match_key
from workers.entities.wordclass import MIN_COUNT, load_word_classes, read_word_classes, word_classes, write_word_classes

SAID = "\u0642\u0627\u0644"  # "said"
PARIS, JORDAN = "\u0628\u0627\u0631\u064a\u0633", "\u0627\u0644\u0623\u0631\u062f\u0646"


def test_words_are_classed_by_how_they_were_tagged():
    sentences = [[(SAID, "O"), (PARIS, "B-LOC"), (JORDAN, "B-LOC")]] * MIN_COUNT + [[(JORDAN, "O")], [("x", "O")]]
    classes = word_classes(sentences)
    assert classes[match_key(SAID)] == "o"
    assert classes[match_key(PARIS)] == "e"
    assert classes[match_key(JORDAN)] == "mix"
    assert "x" not in classes  # seen fewer than MIN_COUNT times: rare, not listed


def test_file_round_trip_and_bad_lines():
    classes = {"b": "e", "a": "o", "c": "mix"}
    out = io.StringIO()
    write_word_classes(classes, out, ["provenance"])
    assert out.getvalue() == "# provenance\na\to\nb\te\nc\tmix\n"
    assert read_word_classes(io.StringIO(out.getvalue())) == classes
    with pytest.raises(ValueError, match="line 1"):
        read_word_classes(io.StringIO("a\tperson\n"))


def test_shipped_word_classes():
    classes = load_word_classes()
    assert len(classes) > 5000
    assert classes[match_key(SAID)] == "o"
    assert set(classes.values()) == {"o", "e", "mix"}


def test_knowledge_base_token_roles():
    roles = KnowledgeBase.load().token_roles()
    assert "LOC:B" in roles[match_key(PARIS)]
    assert all(r.split(":")[1] in ("B", "I") for rs in roles.values() for r in rs)
