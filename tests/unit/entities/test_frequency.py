"""General-text word frequencies (a CRF feature): Zipf values and how often a word takes the article."""

from __future__ import annotations

import math
from importlib import resources

import marisa_trie
import pytest

from workers.entities.frequency import DEFAULT_FREQUENCIES, WordFrequencies, article_pairs, centibel_table, main
from workers.entities.normalize import match_key

AL = "\u0627\u0644"
BEIRUT = "\u0628\u064a\u0631\u0648\u062a"
YROUT = "\u064a\u0631\u0648\u062a"  # a wrong stripping of "wa-" + "b" off "wa-beirut"
DEFENSIVE = "\u062f\u0641\u0627\u0639\u064a\u0647"  # match_key of "defensive" (f.)
CAIRO_BARE = "\u0642\u0627\u0647\u0631\u0647"  # Cairo without its article
IN = "\u0641\u064a"  # "in"


def _frequencies(shares: dict[str, float]) -> WordFrequencies:
    pairs = article_pairs(centibel_table(shares))
    return WordFrequencies(marisa_trie.RecordTrie("<HH", ((k, pairs[k]) for k in sorted(pairs))))


def test_zipf_buckets_and_unknown_words():
    f = _frequencies({IN: 1e-2, BEIRUT: 1e-5})
    assert f.features(IN)[0] == "zf=7"
    assert f.features(BEIRUT)[0] == "zf=4"
    assert f.features("\u0643\u0648\u0646\u0627\u0631\u064a") == ("zf=0", "al=none")  # not in the list
    assert f.frequency(BEIRUT) == pytest.approx(1e-5, rel=0.012)  # stored as whole centibels


def test_article_ratio_tells_names_from_common_words():
    f = _frequencies({BEIRUT: 1e-5, DEFENSIVE: 2e-6, AL + DEFENSIVE: 2e-6, AL + CAIRO_BARE: 1e-5})
    assert f.features(BEIRUT)[1:] == ("al=0", "bz=4")  # never with the article
    assert f.features(AL + DEFENSIVE)[1:] == ("al=2", "bz=3")  # either way: a common word
    assert f.features(AL + CAIRO_BARE)[1:] == ("al=4", "bz=4")  # always with it


def test_the_reading_most_frequent_in_general_text_is_taken():
    f = _frequencies({BEIRUT: 1e-5, YROUT: 1e-8, AL + YROUT: 1e-7})
    wa_beirut = "\u0648" + BEIRUT
    assert f.features(wa_beirut, [BEIRUT, YROUT]) == ("zf=0", "al=0", "bz=4")
    assert f.features(wa_beirut, [YROUT]) == ("zf=0", "al=3", "bz=2")


def test_spellings_that_fold_together_are_summed_and_other_scripts_dropped():
    ahmad_hamza, ahmad = "\u0623\u062d\u0645\u062f", "\u0627\u062d\u0645\u062f"
    table = centibel_table({ahmad_hamza: 3e-5, ahmad: 1e-5, "paris": 1e-4, "\u0661\u0662": 1e-4, IN + "3": 1e-4})
    assert table == {match_key(ahmad): round(-100 * math.log10(4e-5))}


def test_shipped_list():
    f = WordFrequencies.load()
    assert len(f) > 400_000
    assert f.features(IN)[0] == "zf=7"
    assert f.features(BEIRUT)[1] == "al=0"
    assert f.features(AL + DEFENSIVE)[1] in ("al=1", "al=2", "al=3")


def test_shipped_list_matches_a_fresh_wordfreq_build(tmp_path, capsys):
    out = tmp_path / "freq.marisa"
    assert main([str(out)]) == 0  # needs wordfreq, a development dependency
    shipped = resources.files("workers.entities").joinpath(*DEFAULT_FREQUENCIES)
    assert out.read_bytes() == shipped.read_bytes()
    assert "502517 keys" in capsys.readouterr().out


def test_article_pairs_cover_words_listed_only_with_the_article():
    table = {BEIRUT: 500, AL + DEFENSIVE: 560, DEFENSIVE: 570}
    assert article_pairs(table) == {
        BEIRUT: (500, 0xFFFF),
        DEFENSIVE: (570, 560),
        AL + DEFENSIVE: (560, 0xFFFF),
    }
    assert article_pairs({AL + CAIRO_BARE: 400}) == {AL + CAIRO_BARE: (400, 0xFFFF), CAIRO_BARE: (0xFFFF, 400)}
