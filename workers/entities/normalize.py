"""Normalisation of Arabic strings for matching (``match_key``).

What this stage decides: which spellings of a name count as "the same" for a lookup. Arabic news
text writes one name in several ways: with or without short-vowel diacritics, with or without
tatweel (the kashida used to stretch words), with hamza on the alef or without it, with final
alef maqsura or final yeh, with final teh marbuta or final heh. Presentation-form code points
(ligatures copied out of PDFs) also turn up. ``match_key`` maps all of these to one key.

Why these folds and no others: they are the orthographic variations that are common in news text
and almost never distinguish two different names. The key is used only for *matching*; it is never
shown to a user and it does not preserve offsets (it can be shorter than its input), so callers
keep the original text for display and offsets and use the key only as a dictionary key. Lexicon
keys and lookups must go through this one function, otherwise they silently stop matching.

Latin letters are not case-folded: the v0 lexicon is Arabic, and case can matter for acronyms.
"""

from __future__ import annotations

from workers.text import fold_arabic

__all__ = ["match_key"]


def match_key(s: str) -> str:
    """Return the matching key of ``s``: ``workers.text.fold_arabic`` (one implementation for
    the cleaning and entity stages).

    Steps, in order: Unicode NFKC (which also turns Arabic presentation forms and ligatures into
    ordinary letters and composes alef + hamza/madda into one code point); removal of Arabic
    diacritics, Quranic annotation marks, superscript alef and tatweel; folding of alef with
    hamza above/below, alef with madda and alef wasla to bare alef, alef maqsura to yeh, teh
    marbuta to heh (and Farsi yeh and keheh to yeh and kaf); NFKC again, so marks that became
    neighbours are in canonical order. Nothing else changes (no case folding, no whitespace
    changes).

    The function is idempotent: ``match_key(match_key(s)) == match_key(s)``.

    Args:
        s: Any string (a token, or tokens joined with single spaces).

    Returns:
        The normalised key. It may be shorter than ``s``; do not use it to compute offsets.
    """
    return fold_arabic(s)
