"""Arabic-aware text folding shared by the cleaning and entity stages.

Two strings that a reader would call "the same text" should fold to the same key: Unicode
compatibility forms, diacritics (tashkeel), tatweel, the alef/hamza variants, alef maqsura and ta
marbuta are folded; ``block_key`` also drops punctuation and folds spacing and case. The folding
and the keys run in ``khabar_native`` (Rust, ``native/src/text.rs``), which reproduces Python's
``unicodedata`` NFKC, ``str.casefold``, ``str.strip`` and ``str.isalnum`` (checked for every
code point by ``tests/unit/test_native.py``).
"""

from __future__ import annotations

import html
import re

import khabar_native

# An HTML character reference with its semicolon (``html.unescape`` alone would also read
# "&notice" as "¬ice").
_CHAR_REF = re.compile(r"&(?:[a-z][a-z0-9]{1,31}|#[0-9]{1,7}|#x[0-9a-f]{1,6});")


def fold_arabic(text: str) -> str:
    """Fold a string to its spelling-insensitive form, keeping punctuation and spaces.

    Args:
        text: Any Unicode text.

    Returns:
        NFKC-normalised text without diacritics (U+0610-061A, U+064B-065F, U+0670,
        U+06D6-06ED), tatweel, bidirectional marks (LRM, RLM, U+202A-202E, U+2066-2069) or BOM,
        with alef/hamza forms (أ إ آ ٱ), alef maqsura (ى), ta marbuta (ة), Farsi yeh and keheh
        folded (ا ي ه ي ك). Code points outside Arabic are only NFKC-normalised. Normalised
        again after removal, because marks that a tatweel separated become neighbours. The bidi
        marks go because embeds and pasted text carry them ("\u200fتمت مشاركة منشور") and a rule
        anchored at the start of a line must still see its first word. Runs in ``khabar_native``.
    """
    return khabar_native.fold_arabic(text)


def folded(text: str) -> str:
    """``fold_arabic(text).casefold().strip()``: the folded text of a block, in one native call."""
    return khabar_native.folded(text)


def block_key(text: str) -> str:
    """Matching key of a block: folded, case-folded, punctuation and spacing collapsed.

    Two blocks with the same key are the same block to a reader (e.g. a headline repeated with
    different punctuation or an extra space).
    """
    return key_of_folded(khabar_native.folded(text))


def _unescape(match: re.Match[str]) -> str:
    return html.unescape(match.group())


def key_of_folded(folded: str) -> str:
    """``block_key`` of text that is already folded and case-folded.

    The runs of letters and digits (``str.isalnum``: Unicode categories L and N; "_" is not one)
    joined with single spaces. HTML character references left in scraped text count as the
    characters they stand for (``&quot;`` is a quote, not the word "quot"), so a headline
    printed once with ``«»`` and once with ``&quot;`` has one key.
    """
    if "&" in folded:
        folded = _CHAR_REF.sub(_unescape, folded)
    return khabar_native.key_of_folded(folded)


_ASCII_LETTERS = bytes(range(ord("A"), ord("Z") + 1)) + bytes(range(ord("a"), ord("z") + 1))
_ARABIC_LEADS = (b"\xd8", b"\xd9", b"\xda", b"\xdb", b"\xdd")  # UTF-8 of U+0600-06FF, U+0740-077F
_NON_ASCII_LEADS = bytes(range(0xC0, 0xF8))


def arabic_share(text: str) -> float:
    """Share of Arabic-script characters among the text's letters, estimated from its UTF-8 bytes.

    Counted as Arabic: characters of the Arabic and Arabic Supplement blocks (U+0600-06FF,
    U+0740-077F); as other letters: ASCII letters and every other non-ASCII character. Counting
    lead bytes with ``bytes.count`` is a hundred times cheaper than classifying each character,
    and precise enough to tell an Arabic page from a non-Arabic one. 0.0 when nothing counts.
    """
    data = text.encode("utf-8")
    arabic = sum(data.count(lead) for lead in _ARABIC_LEADS)
    ascii_letters = len(data) - len(data.translate(None, _ASCII_LETTERS))
    non_ascii = len(data) - len(data.translate(None, _NON_ASCII_LEADS))
    letters = ascii_letters + non_ascii
    return arabic / letters if letters else 0.0
