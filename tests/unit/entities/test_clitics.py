"""Tests of workers.entities.clitics.candidate_stems."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workers.entities.clitics import MIN_STEM_LETTERS, candidate_stems
from workers.entities.normalize import match_key


def stems(token: str) -> list[tuple[int, str, str]]:
    return [(s.offset, s.text, s.key) for s in candidate_stems(token)]


def test_conjunction_and_preposition() -> None:
    assert stems("وبيونغ") == [(1, "بيونغ", "بيونغ"), (2, "يونغ", "يونغ")]
    assert stems("لروسيا") == [(1, "روسيا", "روسيا")]


def test_article_combinations() -> None:
    assert stems("وبالعراق") == [
        (1, "بالعراق", "بالعراق"),
        (2, "العراق", "العراق"),
        (4, "عراق", "عراق"),
    ]
    strips = {s.offset: s.strips_article for s in candidate_stems("وبالعراق")}
    assert strips == {1: False, 2: False, 4: True}


def test_lam_lam_restores_the_article_in_the_key() -> None:
    # li + al is written lam-lam: the substring left is "أمم" but the lookup key has the article
    assert stems("للأمم") == [(1, "لأمم", "لامم"), (2, "أمم", "الامم")]


def test_diacritics_after_a_clitic_belong_to_the_clitic() -> None:
    assert stems("وَبِالعِراق")[1] == (4, "العِراق", "العراق")
    assert stems("بـلبنان") == [(2, "لبنان", "لبنان")]


def test_conservative() -> None:
    assert stems("ألمانيا") == []  # alef with hamza is not the article
    assert stems("مصر") == []  # no clitic letter
    assert stems("ولد") == [(1, "لد", "لد")]  # two letters left: allowed
    assert stems("وب") == [] and stems("بل") == []  # fewer than two letters left
    assert [s.clitics for s in candidate_stems("بلبنان")] == ["ب"]  # two prepositions never stack


@pytest.mark.parametrize("token", ["", "و", "\u064e", "abc", "123"])
def test_degenerate_tokens(token: str) -> None:
    assert stems(token) == []


@given(
    st.text(
        alphabet=st.sampled_from("وفبلكالعراقسيأـَُِّ"),
        max_size=10,
    )
)
def test_stems_are_suffixes_with_enough_letters(token: str) -> None:
    found = list(candidate_stems(token))
    offsets = [s.offset for s in found]
    assert offsets == sorted(offsets)
    for s in found:
        assert 0 < s.offset < len(token)
        assert s.text == token[s.offset :]
        assert len(match_key(s.text)) >= MIN_STEM_LETTERS
        assert s.key.endswith(match_key(s.text))
