"""khabar_native (native/, Rust) against the definitions it implements, written with Python's own
Unicode functions (``unicodedata`` is Unicode 14.0 on Python 3.11): folding and keys for every
code point and for random text, and the line rules' look-arounds and word boundaries, which the
native code first relaxes and then checks as written."""

from __future__ import annotations

import hashlib
import heapq
import json
import re
import unicodedata
from importlib import resources

import khabar_native
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from workers.cleaning.boilerplate import Rules
from workers.cleaning.template import key_hash
from workers.model import Block
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
def test_text_blocks_are_python_splitlines_stripped_folded_and_keyed(text):
    lines = [(number, line.strip()) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]
    expected = [Block(i, line, key_of_folded(folded(line)), number, None, (), folded(line)) for i, (number, line) in enumerate(lines)]
    assert khabar_native.text_blocks(text, key_of_folded) == expected


def test_a_block_reads_compares_and_prints_like_the_dataclass_it_replaced():
    block = Block(3, "نص الخبر", "نص الخبر", tag="p", context=("aside", "footer"), folded="نص الخبر", html_article=1)
    assert (block.index, block.text, block.key, block.line, block.tag, block.context, block.folded, block.html_article) == (
        3, "نص الخبر", "نص الخبر", None, "p", ("aside", "footer"), "نص الخبر", 1
    )
    assert Block(0, "a", "a") == Block(0, "a", "a", None, None, (), "", None)
    assert Block(0, "a", "a") != Block(1, "a", "a") and Block(0, "a", "a") != "a"
    assert hash(Block(0, "a", "a", line=2)) == hash(Block(0, "a", "a", line=2))
    assert len({Block(0, "a", "a"), Block(0, "a", "a"), Block(0, "b", "b")}) == 2
    assert repr(Block(0, "a'b", "a b", line=1)) == "Block(index=0, text=\"a'b\", key='a b', line=1, tag=None, context=(), folded='', html_article=None)"
    with pytest.raises(AttributeError):
        block.text = "other"
    assert block.text is block.text  # made once


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_ALPHABET + " -_.,", max_size=40))
def test_a_blocks_words_are_python_regex_word_runs(text):
    assert Block(0, text, text).words == len(regex.findall(r"\w+", text))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet=_ALPHABET + " ", max_size=12), max_size=12), st.integers(0, 6), st.integers(0, 10))
def test_template_hashes_are_blake2b_of_the_keys_of_eligible_length(keys, min_chars, max_chars):
    blocks = [Block(i, key, key) for i, key in enumerate(keys)]
    expected = [(i, hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()) for i, key in enumerate(keys) if min_chars <= len(key) <= max_chars]
    assert khabar_native.template_hashes(blocks, min_chars, max_chars) == expected
    assert all(khabar_native.key_hash(key) == key_hash(key) for key in keys)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(alphabet="0123456789abcdef", min_size=1, max_size=16), st.tuples(st.integers(1, 5), st.integers(1, 9), st.integers(1, 9)), max_size=40), st.integers(0, 45))
def test_template_evictions_are_the_lowest_count_then_last_seq_then_hash(entries, n):
    keys = {h: [count, first, last] for h, (count, first, last) in entries.items()}
    expected = [h for _, _, h in heapq.nsmallest(n, ((e[0], e[2], h) for h, e in keys.items()))]
    assert khabar_native.template_evictions(keys, n) == expected
