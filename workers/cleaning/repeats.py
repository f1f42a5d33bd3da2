"""Stage ``repeats``: does a block repeat one already kept in the same article?

Scraped pages print an article's headline and photo captions two to four times, sometimes with a
section label in front ("أوروبا " + caption) or slightly different punctuation. A block repeats a
kept block when:

- their matching keys (``workers.text.block_key``: Arabic-folded, punctuation and spacing folded)
  are equal;
- one is the other with a short label (at most ``LABEL_MAX_WORDS`` words) in front or behind; or
- both are short (4 to ``SIMILARITY_MAX_TOKENS`` tokens) and their token sets have a Jaccard
  similarity of at least ``SIMILARITY``.

Repeats are judged within one article (``workers.cleaning.segment`` calls this), never across the
page: a teaser list earlier on the page may carry the headline of a later article.
"""

from __future__ import annotations

from workers.model import Block

LABEL_MAX_WORDS = 3
SIMILARITY = 0.85
SIMILARITY_MAX_TOKENS = 40
MIN_LABELLED_KEY_CHARS = 20


class KeptBlocks:
    """The blocks kept so far in one article, indexed for repeat look-ups."""

    def __init__(self) -> None:
        self._by_key: dict[str, int] = {}
        self._kept: list[tuple[Block, frozenset[str]]] = []

    def add(self, block: Block) -> None:
        self._by_key.setdefault(block.key, block.index)
        self._kept.append((block, frozenset(block.key.split())))

    def repeat_of(self, block: Block) -> int | None:
        """Index of the kept block that ``block`` repeats, or ``None``."""
        if not block.key:
            return None
        if block.key in self._by_key:
            return self._by_key[block.key]
        words = block.key.split()
        if len(words) > SIMILARITY_MAX_TOKENS + LABEL_MAX_WORDS:
            return None  # a long paragraph repeats only verbatim (same key)
        mine = frozenset(words)
        short = 4 <= len(words) <= SIMILARITY_MAX_TOKENS
        for original, tokens in self._kept:
            key = original.key
            if len(key) >= MIN_LABELLED_KEY_CHARS and (block.key.endswith(" " + key) or block.key.startswith(key + " ")):
                if 0 < len(words) - len(tokens) <= LABEL_MAX_WORDS or 0 < len(words) - len(key.split()) <= LABEL_MAX_WORDS:
                    return original.index
            if short and 4 <= len(tokens) <= SIMILARITY_MAX_TOKENS and len(mine & tokens) / len(mine | tokens) >= SIMILARITY:
                return original.index
        return None
