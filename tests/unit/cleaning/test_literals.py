"""The literal pre-filter of the line rules must never change a line's class."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import orjson
import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from workers.cleaning.boilerplate import LINE_CLASSES, WORD_LIST_MAX_CHARS, Rules
from workers.cleaning.literals import is_anchored, required_literals
from workers.text import fold_arabic

RULES = Rules.load()
DATA = json.loads(resources.files("workers.cleaning").joinpath("data/rules.json").read_text(encoding="utf-8"))
REFERENCE = {name: regex.compile("|".join(f"(?:{p})" for p in DATA[name])) for name in LINE_CLASSES}
ROOT = Path(__file__).resolve().parents[3]


def reference_class(folded: str) -> str | None:
    """``Rules.line_class`` without any pre-filter: every pattern of every class is searched."""
    folded = folded.strip()
    for name in LINE_CLASSES:
        if len(folded) <= RULES.max_chars[name] and REFERENCE[name].search(folded):
            return name
    return RULES._word_list_class(folded) if len(folded) <= WORD_LIST_MAX_CHARS else None


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bcopyright\b", {"copyright"}),
        (r"(download|get) (our|the) app", {" app"}),  # the longest required piece wins
        ("x (?:abc|de)f", {"abcf", "def"}),  # the parser factors the common "f" out: still safe
        (r"\(c\)\s*\d{4}", {"(c)"}),
        (r"^\d+$", None),
        (r"(?i)copyright", None),  # case-insensitive: a literal test would miss "COPYRIGHT"
        (r"(ab)?cd", {"cd"}),
        (r"[\p{L}]+ sign up", {" sign up"}),
        (r"a|\d", None),  # one branch has no literal
        (r"^[^.]{1,9}(\s+[>/]\s+\w+){2,}$", {">", "/"}),  # a small class of literal characters
        (r"^[^>/]+$", None),  # a negated class requires nothing
        (r"^[abcdefghij]\d", None),  # too large a class to be worth a look-up
        # the parser moves the "a" all alternatives share out of them; the whole words come back
        # (without them, "way", "head", "long" would tie with and lose to "one", "two")
        (r"^(away|ahead|along) (one|two)$", {"away", "ahead", "along"}),
        (r"be (one|two) of (those|these)", {"those", "these"}),  # " of " is no rarer than "of"
    ],
)
def test_required_literals(pattern, expected):
    found = required_literals(pattern)
    if expected is None:
        assert found is None
    else:
        # Every match contains one of the literals; for these patterns the choice is also known.
        assert found is not None
        assert all(any(lit in m for lit in found) for m in _sample_matches(pattern))
        if pattern != "x (?:abc|de)f":
            assert found == frozenset(expected)


def _sample_matches(pattern: str) -> list[str]:
    samples = ["copyright 2024", "get the app", "download our app", "x abcf", "x def", "(c) 2024", "cd", "abcd", "xyz sign up",
               "home > world / asia"]
    compiled = regex.compile(pattern)
    return [m.group() for s in samples if (m := compiled.search(s))]


def test_is_anchored():
    assert is_anchored("^abc")
    assert is_anchored("^(a|b)$")
    assert not is_anchored("^a|b")  # the second branch can match anywhere
    assert not is_anchored("abc$")
    assert not is_anchored("(?m)^abc")


def _corpus_lines() -> list[str]:
    lines = []
    for record in (ROOT / "seeds" / "raw-pages.jsonl").read_bytes().splitlines():
        lines += orjson.loads(record)["content"].splitlines()
    for path in sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.txt")):
        lines += path.read_text(encoding="utf-8").splitlines()
    return [fold_arabic(line.strip()).casefold() for line in lines if line.strip()]


def test_prefiltered_classes_equal_reference_on_seeds_and_fixtures():
    lines = _corpus_lines()
    classified = [RULES.line_class(line, line) for line in lines]
    assert classified == [reference_class(line) for line in lines]
    assert sum(c is not None for c in classified) >= 50  # the corpus exercises the rules


# Words that the rules know, so generated lines hit the patterns often.
_WORDS = sorted({w for name in LINE_CLASSES for p in DATA[name] for w in regex.findall(r"[\p{L}]{2,}", p)})


@given(st.lists(st.sampled_from(_WORDS) | st.text(alphabet="0123456789 :|>/-()©.", max_size=4), min_size=1, max_size=6))
def test_prefiltered_classes_equal_reference_on_generated_lines(parts):
    line = " ".join(parts)
    assert RULES.line_class(line, line) == reference_class(line)
