"""Tests of workers.entities.tokenize."""

from __future__ import annotations

import dataclasses
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workers.entities.tokenize import Token, tokenize


def texts(s: str) -> list[str]:
    return [t.text for t in tokenize(s)]


def test_words_and_offsets() -> None:
    s = "أعلن اتحاد صناعة السيارات"
    assert tokenize(s) == [
        Token("أعلن", 0, 4),
        Token("اتحاد", 5, 10),
        Token("صناعة", 11, 16),
        Token("السيارات", 17, 25),
    ]


@pytest.mark.parametrize(
    ("s", "expected"),
    [
        ("لبنان، سوريا؛ العراق؟", ["لبنان", "،", "سوريا", "؛", "العراق", "؟"]),
        ("قال «نعم» (غدا)", ["قال", "«", "نعم", "»", "(", "غدا", ")"]),
        ('"بغداد"-بيروت', ['"', "بغداد", '"', "-", "بيروت"]),
        ("نما 3.5% و1,000.25 و٣٫٥٪", ["نما", "3.5", "%", "و1,000.25", "و٣٫٥", "٪"]),
        ("عام 2006.", ["عام", "2006", "."]),  # a final full stop is not part of the number
        ("1, 2", ["1", ",", "2"]),
        ("مُحَمَّد صناعـــة", ["مُحَمَّد", "صناعـــة"]),  # diacritics and tatweel stay inside
        ("وبيونغ يانغ", ["وبيونغ", "يانغ"]),  # clitics are not split here
        ("G8 F16 2006م", ["G8", "F16", "2006م"]),
        ("\u200fبغداد\u200e \ufeffبيروت", ["بغداد", "بيروت"]),  # bidi marks and BOM separate
        ("می\u200cخواهم", ["می\u200cخواهم"]),  # ZWNJ inside a word
        ("...", [".", ".", "."]),
        ("", []),
        (" \n\t ", []),
    ],
)
def test_token_texts(s: str, expected: list[str]) -> None:
    assert texts(s) == expected


def test_token_is_frozen() -> None:
    tok = tokenize("بيروت")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        tok.start = 1  # type: ignore[misc]


_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),  # Arabic incl. punctuation, digits
        st.characters(min_codepoint=0x0020, max_codepoint=0x007E),  # ASCII
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),  # presentation forms, BOM
        st.sampled_from("«»“”\u00a0\u00ad\u200b\u200c\u200d\u200e\u200f\u2028\n\t\r"),
    ),
    max_size=60,
)


@given(_TEXT)
def test_offsets_slice_back_exactly(s: str) -> None:
    tokens = tokenize(s)
    pos = 0
    for tok in tokens:
        assert s[tok.start : tok.end] == tok.text
        assert tok.text
        assert tok.start >= pos  # in order, no overlap
        pos = tok.end
        assert not any(c.isspace() for c in tok.text)


@given(_TEXT)
def test_only_invisible_characters_are_dropped(s: str) -> None:
    covered = set()
    for tok in tokenize(s):
        covered.update(range(tok.start, tok.end))
    for i, c in enumerate(s):
        if i not in covered:
            assert c.isspace() or unicodedata.category(c) in ("Cc", "Cf", "Zs", "Zl", "Zp"), repr(c)


@given(_TEXT)
def test_tokenize_is_stable_under_reassembly(s: str) -> None:
    # tokens joined by single spaces tokenise back to the same tokens
    first = texts(s)
    again = texts(" ".join(first))
    assert again == first
