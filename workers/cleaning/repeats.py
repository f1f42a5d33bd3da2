"""Stage ``repeats``: does a block repeat one already kept in the same article?

Scraped pages print an article's headline and photo captions two to four times, sometimes with a
section label in front ("أوروبا " + caption) or slightly different punctuation. A block repeats a
kept block when:

- their matching keys (``workers.text.block_key``: Arabic-folded, punctuation and spacing folded)
  are equal;
- one is the other with a short label (at most ``LABEL_MAX_WORDS`` words) in front or behind; or
- both are short (4 to ``SIMILARITY_MAX_TOKENS`` words) and their token sets have a Jaccard
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
        self._short: list[tuple[int, frozenset[str], int]] = []  # (token count, tokens, index)

    def add(self, block: Block) -> None:
        key = block.key
        self._by_key.setdefault(key, block.index)
        if key and 4 <= key.count(" ") + 1 <= SIMILARITY_MAX_TOKENS:  # a key's words are joined by single spaces
            tokens = frozenset(key.split())
            self._short.append((len(tokens), tokens, block.index))

    def repeat_of(self, block: Block) -> int | None:
        """Index of the kept block that ``block`` repeats, or ``None``."""
        key = block.key
        if not key:
            return None
        if key in self._by_key:
            return self._by_key[key]
        n_words = key.count(" ") + 1
        if n_words > SIMILARITY_MAX_TOKENS + LABEL_MAX_WORDS:
            return None  # a long paragraph repeats only verbatim (same key)
        # A kept block with a short label in front of it or behind it. Keys are words joined by
        # single spaces, so dropping ``cut`` words is slicing at the cut-th space from either end.
        if len(key) > MIN_LABELLED_KEY_CHARS:  # what is left after a cut is shorter than the key
            head, back = -1, len(key)
            for _cut in range(min(LABEL_MAX_WORDS, n_words - 1)):
                head = key.find(" ", head + 1)
                back = key.rfind(" ", 0, back)
                for rest in (key[head + 1 :], key[:back]):
                    if len(rest) >= MIN_LABELLED_KEY_CHARS and rest in self._by_key:
                        return self._by_key[rest]
        # A short block with nearly the same words (Jaccard similarity of the token sets).
        if not 4 <= n_words <= SIMILARITY_MAX_TOKENS:
            return None
        mine = frozenset(key.split())
        size = len(mine)
        low, high = SIMILARITY * size, size / SIMILARITY  # sizes a similar set can have
        for count, tokens, index in self._short:
            if low <= count <= high and len(mine & tokens) >= SIMILARITY * len(mine | tokens):
                return index
        return None
