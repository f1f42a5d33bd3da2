"""Tests of workers.entities.normalize.match_key."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workers.entities.normalize import match_key


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("مُحَمَّدٌ", "محمد"),  # harakat, shadda, tanween
        ("صناعـــة", "صناعه"),  # tatweel; teh marbuta -> heh
        ("أحمد", "احمد"),  # alef with hamza above
        ("إيران", "ايران"),  # alef with hamza below
        ("آسيا", "اسيا"),  # alef with madda
        ("ٱلله", "الله"),  # alef wasla
        ("موسى", "موسي"),  # alef maqsura -> yeh
        ("الرحمٰن", "الرحمن"),  # superscript alef
        ("ﻻ", "لا"),  # presentation-form ligature, via NFKC
        ("ا\u0654", "ا"),  # decomposed hamza: composed by NFKC, then folded
        ("Albert Einstein", "Albert Einstein"),  # Latin untouched, no case folding
        ("", ""),
    ],
)
def test_match_key_examples(raw: str, key: str) -> None:
    assert match_key(raw) == key


def test_spelling_variants_share_a_key() -> None:
    variants = ["أنان", "انان", "أنَان", "أنـان", "ﺃﻧﺎﻥ"]
    assert {match_key(v) for v in variants} == {"انان"}


def test_other_letters_are_kept() -> None:
    # hamza on waw / yeh and the letters themselves are not folded
    assert match_key("مؤتمر سوريا ئ") == "مؤتمر سوريا ئ"


_ARABIC_AND_MORE = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFC),  # presentation forms
        st.sampled_from("abcXYZ 0123.,\u200c\u200f"),
    ),
    max_size=30,
)


@given(_ARABIC_AND_MORE)
def test_match_key_is_idempotent(s: str) -> None:
    assert match_key(match_key(s)) == match_key(s)


@given(_ARABIC_AND_MORE)
def test_match_key_removes_and_folds(s: str) -> None:
    key = match_key(s)
    removed = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", "\u0640"}
    folded = set("أإآٱىة")
    assert not (set(key) & (removed | folded))
    assert unicodedata.is_normalized("NFKC", key)
