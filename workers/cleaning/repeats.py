"""Stage ``repeats``: does a block repeat one already kept in the same article?

Scraped pages print an article's headline and photo captions two to four times, sometimes with a
section label in front ("أوروبا " + caption) or slightly different punctuation. A block repeats a
kept block when:

- their matching keys (``workers.text.block_key``: Arabic-folded, punctuation and spacing folded)
  are equal;
- one is the other with a short label (at most ``LABEL_MAX_WORDS`` words) in front or behind; or
- both are short (4 to ``SIMILARITY_MAX_TOKENS`` words) and their token sets have a Jaccard
  similarity of at least ``SIMILARITY``.

Repeats are judged within one article (the segmenter calls this), never across the page: a teaser
list earlier on the page may carry the headline of a later article.

The rule runs in ``khabar_native`` (Rust, ``native/src/repeats.rs``), inside the segmenter; this
module gives it to Python code and tests.
"""

from __future__ import annotations

import khabar_native

from workers.model import Block

LABEL_MAX_WORDS: int = khabar_native.LABEL_MAX_WORDS
SIMILARITY: float = khabar_native.SIMILARITY
SIMILARITY_MAX_TOKENS: int = khabar_native.SIMILARITY_MAX_TOKENS
MIN_LABELLED_KEY_CHARS: int = khabar_native.MIN_LABELLED_KEY_CHARS


class KeptBlocks:
    """The blocks kept so far in one article, indexed for repeat look-ups."""

    def __init__(self) -> None:
        self._native = khabar_native.KeptBlocks()

    def add(self, block: Block) -> None:
        self._native.add(block.key, block.index)

    def repeat_of(self, block: Block) -> int | None:
        """Index of the kept block that ``block`` repeats, or ``None``."""
        return self._native.repeat_of(block.key)
