"""khabar_native (native/, Rust) against the definitions it implements, written with Python's own
Unicode functions (``unicodedata`` is Unicode 14.0 on Python 3.11): folding and keys for every
code point and for random text, and the line rules' look-arounds and word boundaries, which the
native code first relaxes and then checks as written."""

from __future__ import annotations

import json
import re
import unicodedata
from importlib import resources

import khabar_native
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workers.cleaning.boilerplate import Rules
from workers.text import fold_arabic, folded, key_of_folded

_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_LETTERS = str.maketrans({"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627", "\u0649": "\u064a", "\u0629": "\u0647", "\u06cc": "\u064a", "\u06a9": "\u0643"})


def oracle_fold(text: str) -> str:
    """The definition: NFKC, marks removed, letter forms folded, NFKC again."""
    return unicodedata.normalize("NFKC", _MARKS.sub("", unicodedata.normalize("NFKC", text)).translate(_LETTERS))


def oracle_key(text: str) -> str:
    """The definition: runs of ``str.isalnum`` characters joined by one space."""
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def test_every_code_point_folds_and_keys_as_python_defines_it():
    # Alone, between letters, and after an alef with madda (composition and reordering contexts).
    mismatches = []
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        for text in (char, "a" + char + "\u0628", "\u0627\u0653" + char + "\u0654"):
            expected = oracle_fold(text)
            if fold_arabic(text) != expected or folded(text) != expected.casefold().strip():
                mismatches.append(hex(code))
            if key_of_folded(expected.casefold()) != oracle_key(expected.casefold()):
                mismatches.append(hex(code))
    assert mismatches == []


_ALPHABET = (
    "\u0627\u0628\u062a\u062c\u062d\u062f\u0631\u0633\u0639\u0641\u0642\u0643\u0644\u0645\u0646\u0647\u0648\u064a\u0621\u0622\u0623\u0625\u0624\u0626\u0649\u0629\u0640"
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0670\u06d6\u06cc\u06a9\u0660\u0669\u06f4\u060c\u061f"
    "\ufee7\ufefb\ufe70\ufb50\u00a0\u2026\u00b2\u00bd\u2163\u00df\u0130\ufb01\u1100\u1161\u11a8\u0300\u0301\u0340\u200f\u2067"
    "abcXYZ019 .,:;!?()[]\u00ab\u00bb\"'-\u2013|/\u00a9_\t"
)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40) | st.text(max_size=40))
def test_random_text_folds_and_keys_as_python_defines_it(text):
    expected = oracle_fold(text)
    assert fold_arabic(text) == expected
    assert folded(text) == expected.casefold().strip()
    assert key_of_folded(expected.casefold().replace("&", "+")) == oracle_key(expected.casefold().replace("&", "+"))


def _rules(**classes: list[str]) -> Rules:
    data = json.loads(resources.files("workers.cleaning").joinpath("data/rules.json").read_text(encoding="utf-8"))
    for name in ("artifact", "widget", "date", "footer", "navigation", "teaser_marker", "comments_marker"):
        data[name] = classes.get(name, [])
    return Rules.load(json.dumps(data))


@pytest.mark.parametrize(
    ("pattern", "matches", "misses"),
    [
        (r"\bshare\b", ["share", "please share it"], ["shared", "timeshare", "sharex now"]),
        ("\\b\u0634\u0627\u0631\u0643\\b", ["\u0634\u0627\u0631\u0643 \u0627\u0644\u0622\u0646"], ["\u0627\u0644\u0645\u0634\u0627\u0631\u0643\u0647"]),
        (r"^(?=(?:[^>]*>){2})[^.]{1,40}$", ["a > b > c"], ["a > b", "a > b > c."]),
        (r"^menu(?!.*login)", ["menu home"], ["menu login", "home menu"]),
        (r"(?<!e)mail\b", ["mail us", "send mail"], ["email us", "mailbox"]),
    ],
)
def test_word_boundaries_and_lookarounds_hold_as_written(pattern, matches, misses):
    rules = _rules(widget=[pattern])
    assert [rules.line_class(t) for t in matches] == ["widget"] * len(matches)
    assert [rules.line_class(t) for t in misses] == [None] * len(misses)


def test_a_pattern_the_regex_engines_reject_fails_loudly():
    with pytest.raises(ValueError, match="cannot compile"):
        _rules(widget=["(unclosed"])


def test_the_native_module_is_the_one_the_rules_use():
    assert isinstance(Rules.load().native, khabar_native.Rules)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=_ALPHABET + "\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029&;quot", max_size=80))
def test_text_lines_are_python_splitlines_stripped_folded_and_keyed(text):
    expected = [
        (number, line.strip(), folded(line.strip()), None if "&" in folded(line.strip()) else key_of_folded(folded(line.strip())))
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]
    assert khabar_native.text_lines(text) == expected
