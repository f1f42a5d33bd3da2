"""Arabic-aware text folding shared by the cleaning and entity stages.

Two strings that a reader would call "the same text" should fold to the same key: Unicode
compatibility forms, diacritics (tashkeel), tatweel, the alef/hamza variants, alef maqsura and ta
marbuta are folded; ``block_key`` also drops punctuation and folds spacing and case. Characters are
written as escapes so that the Python files stay free of Arabic literals.
"""

from __future__ import annotations

import html
import re
import unicodedata


# Tashkeel (fathatan .. sukun and the extended marks), superscript alef, Quranic marks, tatweel;
# and the invisible bidirectional marks and isolates (LRM, RLM, U+202A-202E, U+2066-2069) and the
# byte-order mark that embeds and pasted text carry ("\u200fتمت مشاركة منشور"), so that a rule
# anchored at the start of a line still sees its first word.
_DIACRITICS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]")
_FOLD = str.maketrans(
    {
        "\u0623": "\u0627",  # alef with hamza above -> alef
        "\u0625": "\u0627",  # alef with hamza below -> alef
        "\u0622": "\u0627",  # alef with madda -> alef
        "\u0671": "\u0627",  # alef wasla -> alef
        "\u0649": "\u064A",  # alef maqsura -> yeh
        "\u0629": "\u0647",  # ta marbuta -> heh
        "\u06CC": "\u064A",  # Farsi yeh -> yeh
        "\u06A9": "\u0643",  # keheh -> kaf
    }
)
# Python's \w is Unicode-aware (letters and digits of every script); a key keeps runs of word
# characters other than "_" and joins them with single spaces.
_WORD_RUN = re.compile(r"[^\W_]+")
# An HTML character reference with its semicolon (``html.unescape`` alone would also read
# "&notice" as "¬ice").
_CHAR_REF = re.compile(r"&(?:[a-z][a-z0-9]{1,31}|#[0-9]{1,7}|#x[0-9a-f]{1,6});")
_FOLD_PAIRS = tuple((chr(code), replacement) for code, replacement in _FOLD.items())


def fold_arabic(text: str) -> str:
    """Fold a string to its spelling-insensitive form, keeping punctuation and spaces.

    Args:
        text: Any Unicode text.

    Returns:
        NFKC-normalised text without diacritics, tatweel or bidirectional marks, with alef/hamza
        forms, alef maqsura and ta marbuta folded. Code points outside Arabic are only NFKC-normalised. Normalised
        again after removal, because marks that a tatweel separated become neighbours.
    """
    if text.isascii():
        return text
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    folded = _DIACRITICS.sub("", text)
    for char, replacement in _FOLD_PAIRS:  # str.replace is much faster than translate() on non-ASCII
        if char in folded:
            folded = folded.replace(char, replacement)
    return folded if unicodedata.is_normalized("NFKC", folded) else unicodedata.normalize("NFKC", folded)


def block_key(text: str) -> str:
    """Matching key of a block: folded, case-folded, punctuation and spacing collapsed.

    Two blocks with the same key are the same block to a reader (e.g. a headline repeated with
    different punctuation or an extra space).
    """
    return key_of_folded(fold_arabic(text).casefold())


def _unescape(match: re.Match[str]) -> str:
    return html.unescape(match.group())


def key_of_folded(folded: str) -> str:
    """``block_key`` of text that is already folded and case-folded.

    Same as replacing every run of non-word characters (and "_") with one space and stripping
    the ends; joining the word runs found is twice as fast in CPython. HTML character references
    left in scraped text count as the characters they stand for (``&quot;`` is a quote, not the
    word "quot"), so a headline printed once with ``«»`` and once with ``&quot;`` has one key.
    """
    if "&" in folded:
        folded = _CHAR_REF.sub(_unescape, folded)
    return " ".join(_WORD_RUN.findall(folded))


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
