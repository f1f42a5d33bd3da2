"""Tokenisation of Arabic (and mixed Arabic/Latin) news text with character offsets.

What this stage decides: where token boundaries are. Every later stage (lexicon lookup, mention
offsets, CoNLL output) works on these tokens, and each token carries ``start``/``end`` offsets into
the original string so that ``text[token.start:token.end] == token.text`` always holds; nothing is
normalised or rewritten here (normalisation for matching is ``match_key``'s job).

Rules, and why:

* A *word* is a maximal run of letters (any script), combining marks (Arabic harakat, shadda...)
  and digits, which may contain ZERO WIDTH NON-JOINER / JOINER (used inside Persian-style and some
  Arabic words) and soft hyphens (left over from HTML ``&shy;``). Tatweel (U+0640) is a letter
  modifier (category Lm), so stretched words stay whole.
  Letters and digits stay together (``G8``, ``F16``, ``2006م``) because splitting them would invent
  boundaries the writer did not make; clitics are *not* split off here (``وبيروت`` is one token):
  proclitic handling is a separate, conservative stage (:mod:`workers.entities.clitics`), so the
  tokens line up with ANERcorp-style corpora, which do not split clitics either.
* A *number* keeps its separators: a single ``.`` ``,`` or the Arabic decimal/thousands separators
  (U+066B, U+066C) *between two digits* stays inside the token, so ``1,000.5`` and ``٣٫٥`` are one
  token each.
* Every other visible character is a one-character token of its own: punctuation (``.`` ``,`` and
  the Arabic comma U+060C, semicolon U+061B, question mark U+061F), guillemets ``«»``, quotes,
  brackets, dashes, symbols. Runs such as ``...`` give one token per character.
* Whitespace, control characters and invisible format characters (left-to-right/right-to-left
  marks, byte-order marks, ZWNJ/ZWJ outside a word...) separate tokens and are never tokens; scraped
  pages are full of them.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

__all__ = ["Token", "tokenize"]


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a text.

    Attributes:
        text: The token exactly as it appears in the text.
        start: Offset (in code points) of the token's first character.
        end: Offset just past the token's last character, so ``text[start:end] == token.text``.
    """

    text: str
    start: int
    end: int


_NUMBER_SEPARATORS = r".,\u066B\u066C"  # . , ARABIC DECIMAL SEPARATOR, ARABIC THOUSANDS SEPARATOR

_TOKEN_RE = regex.compile(
    r"""
    (?:                                   # a word or number: letters, marks, digits ...
        [\p{L}\p{M}\p{N}]
      | (?<=[\p{L}\p{M}\p{N}])[\u00AD\u200C\u200D]+(?=[\p{L}\p{M}\p{N}])  # ... joiners inside a word
      | (?<=\p{Nd})[SEP](?=\p{Nd})                                   # ... separators inside a number
    )+
    | [^\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}]       # any other visible character on its own
    """.replace("SEP", _NUMBER_SEPARATORS),
    regex.VERBOSE | regex.VERSION1,
)


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens with character offsets.

    See the module docstring for the rules. The result is in text order, tokens do not overlap,
    and for every token ``text[token.start:token.end] == token.text``.

    Args:
        text: Any string; it is not modified or normalised.

    Returns:
        The tokens of ``text``; an empty list for empty or whitespace-only text.

    Example:
        >>> [t.text for t in tokenize("He said: «1,000.5 G8»...")]
        ['He', 'said', ':', '«', '1,000.5', 'G8', '»', '.', '.', '.']
    """
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]
