"""Conservative stripping of Arabic proclitics, to find the stem a name may hide behind.

What this stage decides: which substrings of a token *might* be a bare name once the prefixed
particles are taken off. Arabic writes conjunctions, some prepositions and the definite article
joined to the next word: ``و`` + ``بيروت`` ("and Beirut"), ``ل`` + ``روسيا`` ("to Russia"),
``و`` + ``ب`` + ``ال`` + ``عراق``. A lexicon of names only knows the bare forms, so the tagger looks
the bare forms up too, and a mention then starts *after* the clitic.

The order of the clitics is fixed by Arabic morphology, and that is all this module uses:

    [conjunction: wa | fa]  [preposition: bi | li | ka]  [article: al]  stem

with one orthographic rule: li + al is written ``لل`` (the article's alef is dropped), so for that
prefix the stem's lookup key gets the article back (``للعراق`` -> key ``العراق``, while the
substring of the text that is left is ``عراق``).

Why it is conservative:

* It only *proposes* stems; the tagger uses one only when the whole token did not match the
  lexicon and the stem itself is a lexicon entry, so a word such as ``وليد`` (a name that merely
  starts with waw) is not broken unless its unprefixed remainder is itself a known name.
* A stem must keep at least two letters.
* Only the letters above are stripped; no suffixes (pronouns, plural/dual endings) and no future
  ``sa``, which attaches to verbs, not names.

In the code, letters are written as ``\\N{...}`` escapes (no Arabic string literals; Arabic appears
only in the examples of the docstrings).
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from workers.entities.normalize import match_key

__all__ = ["PROCLITICS", "Stem", "candidate_stems", "MIN_STEM_LETTERS"]

MIN_STEM_LETTERS = 2
"""A proposed stem must keep at least this many letters."""

_WAW = "\N{ARABIC LETTER WAW}"
_FEH = "\N{ARABIC LETTER FEH}"
_BEH = "\N{ARABIC LETTER BEH}"
_LAM = "\N{ARABIC LETTER LAM}"
_KAF = "\N{ARABIC LETTER KAF}"
_ALEF = "\N{ARABIC LETTER ALEF}"
_ALEF_WASLA = "\N{ARABIC LETTER ALEF WASLA}"

_CONJUNCTIONS = ("", _WAW, _FEH)
_PREPOSITIONS = ("", _BEH, _LAM, _KAF)
_ARTICLE = _ALEF + _LAM  # restored in the lookup key after li + al

PROCLITICS = tuple(c + p for c in _CONJUNCTIONS for p in _PREPOSITIONS if c + p)
"""The proclitics a name may carry glued to its first word: wa, fa, bi, li, ka and wa/fa + bi/li/ka."""


@dataclass(frozen=True, slots=True)
class Stem:
    """A candidate stem of a token.

    Attributes:
        offset: Number of characters of the token taken by the stripped clitics, so the stem's
            text is ``token[offset:]`` and a mention of it starts ``offset`` characters later.
        text: ``token[offset:]``.
        key: The lookup key of the stem, ``match_key(text)``, with the definite article put back
            when the clitics were li + al written ``لل``.
        clitics: The stripped prefix letters as written, without diacritics (e.g. ``وب``).
        strips_article: Whether the definite article was stripped and *not* put back in ``key``
            (``وال`` + X gives key X): such a stem is a weaker guess, as the article is often part
            of a name.
    """

    offset: int
    text: str
    key: str
    clitics: str
    strips_article: bool


def _prefixes() -> list[tuple[str, bool, bool]]:
    """Every clitic prefix as (letters, restores_article, strips_article), without the empty one."""
    out: list[tuple[str, bool, bool]] = []
    for conj, prep, art in itertools.product(_CONJUNCTIONS, _PREPOSITIONS, (False, True)):
        if art and prep == _LAM:
            out.append((conj + _LAM + _LAM, True, False))  # li + al is written lam-lam
        else:
            out.append((conj + prep + (_ARTICLE if art else ""), False, art))
    return [p for p in out if p[0]]


_PREFIXES = _prefixes()
_MAX_PREFIX = max(len(p[0]) for p in _PREFIXES)
_PREFIXES_BY_FIRST: dict[str, list[tuple[str, bool, bool]]] = {}
for _p in _PREFIXES:
    _PREFIXES_BY_FIRST.setdefault(_p[0][0], []).append(_p)
del _p
_FIRST_LETTERS = frozenset(_PREFIXES_BY_FIRST)  # every prefix starts with one of these


def _is_plain_letter(ch: str) -> bool:
    """Whether ``ch`` is an ordinary Arabic letter (hamza to ghain, feh to yeh): NFKC leaves it
    alone, ``match_key`` does not remove it, and it is not alef wasla."""
    return "\N{ARABIC LETTER HAMZA}" <= ch <= "\N{ARABIC LETTER GHAIN}" or "\N{ARABIC LETTER FEH}" <= ch <= "\N{ARABIC LETTER YEH}"


def _letter_positions(token: str, limit: int | None = None) -> list[tuple[int, str]]:
    """(offset, letter) for the base letters of ``token``, skipping diacritics and tatweel.

    The letters are as written (alef with hamza is *not* folded to alef here: ``أل`` is not the
    article), except that alef wasla counts as alef. A presentation-form ligature gives several
    letters with the same offset. With ``limit``, the scan stops once that many letters are found
    (the result then has at least ``limit`` letters, the first ones).
    """
    out: list[tuple[int, str]] = []
    for i, ch in enumerate(token):
        if limit is not None and len(out) >= limit:
            break
        if ch.isascii() or _is_plain_letter(ch):  # fast path: NFKC-stable, never folded away
            out.append((i, ch))
            continue
        for c in unicodedata.normalize("NFKC", ch):
            if match_key(c):  # empty for a diacritic or tatweel
                out.append((i, _ALEF if c == _ALEF_WASLA else c))
    return out


def candidate_stems(token: str) -> Iterator[Stem]:
    """Yield the candidate stems of ``token`` after stripping proclitics.

    Candidates come in order of increasing ``offset`` (least stripped first); for equal offsets
    the order is deterministic. The token itself (offset 0) is not yielded. Each candidate keeps at
    least :data:`MIN_STEM_LETTERS` letters, and diacritics/tatweel directly after the stripped
    letters belong to the clitic (so the stem starts on a letter).

    Args:
        token: One token, as produced by :func:`workers.entities.tokenize.tokenize`.

    Yields:
        :class:`Stem` candidates. Nothing for tokens that start with no clitic letter.

    Example:
        ``وبالعراق`` ("and in Iraq") gives ``بالعراق`` (offset 1), ``العراق`` (offset 2) and
        ``عراق`` (offset 4, ``strips_article``); ``للأمم`` gives ``لأمم`` (offset 1) and ``أمم``
        (offset 2, key ``الامم``).
    """
    first = token[:1]
    if (first.isascii() or _is_plain_letter(first)) and first not in _FIRST_LETTERS:
        return  # fast path: the first letter is as written and starts no clitic
    # A prefix has at most _MAX_PREFIX letters and the stem needs MIN_STEM_LETTERS more: the
    # letters after those change nothing below.
    letters = _letter_positions(token, _MAX_PREFIX + MIN_STEM_LETTERS)
    if not letters:
        return
    written = "".join([ch for _, ch in letters])
    found: list[Stem] = []
    for prefix, restores_article, strips_article in _PREFIXES_BY_FIRST.get(written[0], ()):
        n = len(prefix)
        if not written.startswith(prefix) or len(letters) - n < MIN_STEM_LETTERS:
            continue
        offset = letters[n][0]  # the stem starts at its first letter, after any clitic diacritics
        if letters[n - 1][0] == offset:  # a ligature straddles the clitic boundary
            continue
        text = token[offset:]
        key = match_key(text)
        if restores_article:
            key = _ARTICLE + key
        found.append(Stem(offset, text, key, prefix, strips_article))
    found.sort(key=lambda s: (s.offset, s.key))
    yield from found
