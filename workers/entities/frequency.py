"""How common a word is in Arabic text at large: general-text frequencies, features of the CRF.

What this stage decides: for a token (its ``match_key`` and proclitic-stripped stems), three
facts drawn from the Arabic word list of wordfreq (Robyn Speer; Wikipedia, subtitles, news, web
and social media text; CC BY-SA 4.0, see NOTICE), which has seen far more text than ANERcorp:

* ``zf=N``: the word's frequency as a Zipf value rounded down (``7`` for the commonest words,
  ``1`` for words seen about once in a hundred million, ``0`` for words not in the list: most of
  these are rare names and misspellings);
* ``al=N``: how often the bare word (proclitics and the article stripped) is written with the
  article ``ال``: ``0`` almost never ... ``4`` almost always, or ``none``. Common nouns and
  adjectives take the article about as often as not; names keep or refuse it (``القاهرة`` always
  has it, ``بيروت`` and ``كوناري`` never do), as English names keep their capital letter;
* ``bz=N``: the Zipf value of the bare word with and without the article together.

Of a token's readings (as written, or with one of its proclitic strippings: ``وبيروت`` may be
``و`` + ``بيروت`` or ``وب`` + ``يروت``), the one most frequent in general text is taken.

Measured on ANERcorp (train on nine tenths, score the tenth, as ``benchmarks/ner_eval.py``):
micro-F1 73.8 -> 74.5 on the last tenth, +0.5 and +0.3 on two others; keeping only words of Zipf 2 and
above lost 0.3 and 1.9 of that: a word's *rarity* is the telling part.

The shipped file (``data/word-freq-ar.marisa``, a ``marisa_trie.RecordTrie`` of ``match_key`` ->
centibels (``round(-100 * log10(share of all words))``) of the word and of the word with the
article, so that one look-up answers both; mapped into memory, not read) is built
deterministically from the pinned wordfreq package (a development dependency) by::

    python -m workers.entities.frequency workers/entities/data/word-freq-ar.marisa
"""

from __future__ import annotations

import argparse
import hashlib
import math
import re
from collections.abc import Iterable, Sequence
from importlib import metadata, resources
from pathlib import Path

import marisa_trie

from workers.entities.normalize import match_key

__all__ = ["DEFAULT_FREQUENCIES", "WordFrequencies", "article_pairs", "centibel_table"]

DEFAULT_FREQUENCIES = ("data", "word-freq-ar.marisa")
"""The shipped file: path parts relative to the ``workers.entities`` package."""

_ARTICLE = "\u0627\u0644"  # al-
_ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")  # letters only: no digits, Latin or marks
_RECORD = "<HH"  # centibels of a word and of the article + the word; _NONE when not listed
_NONE = 0xFFFF
_MAX_CENTIBELS = 1000  # a share of 1e-10: wordfreq lists nothing rarer than 1e-8
_SHARE = {cb: 10 ** (-cb / 100) for cb in range(_MAX_CENTIBELS + 1)} | {_NONE: 0.0}  # centibels -> share
_ABSENT = (0.0, 0.0)


def _ratio_bucket(ratio: float) -> int:
    return 0 if ratio < 0.05 else 1 if ratio < 0.3 else 2 if ratio < 0.7 else 3 if ratio < 0.95 else 4


def _zipf(frequency: float) -> int:
    """Zipf value rounded down (log10 of occurrences per billion words); 0 for nothing."""
    return int(9 + math.log10(frequency)) if frequency > 0 else 0


class WordFrequencies:
    """General-text frequencies by ``match_key``, and the CRF features drawn from them."""

    def __init__(self, trie: marisa_trie.RecordTrie) -> None:
        self._trie = trie

    @classmethod
    def load(cls, path: Path | None = None) -> WordFrequencies:
        """Map a frequency file into memory (default: the shipped one)."""
        if path is None:
            path = Path(str(resources.files("workers.entities").joinpath(*DEFAULT_FREQUENCIES)))
        return cls(marisa_trie.RecordTrie(_RECORD).mmap(str(path)))

    def __len__(self) -> int:
        return len(self._trie)

    def frequency(self, key: str) -> float:
        """Share of all words that are ``key`` (0.0 if the list does not have it)."""
        return self._pair(key)[0]

    def _pair(self, word: str) -> tuple[float, float]:
        """Shares of ``word`` and of the article + ``word``: one look-up."""
        found = self._trie.get(word)
        if not found:
            return _ABSENT
        plain, with_article = found[0]
        return _SHARE[plain], _SHARE[with_article]

    def features(self, key: str, stems: Iterable[str] = ()) -> tuple[str, str, str] | tuple[str, str]:
        """``zf=``, ``al=`` and (when the bare word is known) ``bz=`` features of a token.

        Args:
            key: The token's ``match_key``.
            stems: ``match_key`` of its proclitic strippings (``workers.entities.clitics``).
        """
        own = 0.0  # the key's own share: the first reading's look-up gives it
        tried = set()  # readings share look-ups: "الدفاعيه" and its stem "دفاعيه"
        best, best_total, best_ratio = "", 0.0, 0.0
        for i, candidate in enumerate((key, *stems)):
            stripped = candidate.startswith(_ARTICLE) and len(candidate) > 4
            bare = candidate[2:] if stripped else candidate
            if bare in tried:
                continue
            tried.add(bare)
            plain, with_article = self._pair(bare)
            if i == 0:
                own = with_article if stripped else plain
            total = plain + with_article
            if total > best_total:
                best, best_total, best_ratio = bare, total, with_article / total
        zf = f"zf={_zipf(own)}"
        if not best:
            return zf, "al=none"
        return zf, f"al={_ratio_bucket(best_ratio)}", f"bz={_zipf(best_total)}"


def centibel_table(frequencies: dict[str, float]) -> dict[str, int]:
    """``match_key`` -> centibels (``round(-100 * log10(share))``) of the Arabic words of a
    word -> frequency mapping; spellings that fold to one key are summed."""
    folded: dict[str, float] = {}
    for word, share in frequencies.items():
        if share > 0 and _ARABIC_WORD.fullmatch(word):
            key = match_key(word)
            if key:
                folded[key] = folded.get(key, 0.0) + share
    return {key: min(_MAX_CENTIBELS, round(-100 * math.log10(share))) for key, share in folded.items()}


def article_pairs(table: dict[str, int]) -> dict[str, tuple[int, int]]:
    """``word`` -> (centibels of ``word``, of the article + ``word``), ``_NONE`` where the table
    has no such key, for every word that is a key or a key with its article removed."""
    pairs: dict[str, tuple[int, int]] = {}
    for key, cb in table.items():
        pairs[key] = (cb, table.get(_ARTICLE + key, _NONE))
        if key.startswith(_ARTICLE) and key[2:] not in table:
            pairs[key[2:]] = (_NONE, cb)
    return pairs


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; see the module docstring."""
    p = argparse.ArgumentParser(prog="python -m workers.entities.frequency", description=__doc__.split("\n")[0])
    p.add_argument("out", type=Path, help="frequency file to write (marisa-trie RecordTrie)")
    args = p.parse_args(argv)
    try:
        import wordfreq
    except ImportError:
        p.error("needs the wordfreq package: pip install -e '.[dev]'")
    table = centibel_table(wordfreq.get_frequency_dict("ar", "large"))
    pairs = article_pairs(table)
    trie = marisa_trie.RecordTrie(_RECORD, ((word, pairs[word]) for word in sorted(pairs)))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    trie.save(str(args.out))
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    print(f"wrote {len(table)} keys ({len(pairs)} words with or without the article) (wordfreq {metadata.version('wordfreq')}) to {args.out}; sha256 {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
