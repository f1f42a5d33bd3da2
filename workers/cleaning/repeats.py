"""Stage ``repeats``: find blocks that repeat an earlier block of the page.

Scraped pages repeat their headline and photo captions two to four times. v0 rule: a block whose
matching key (``workers.text.block_key``) equals an earlier block's key is a repeat; the first
occurrence is kept and each later one is recorded with a pointer to it. Blocks whose key is empty
(punctuation only) are never treated as repeats.
"""

from __future__ import annotations

from workers.model import Block, Removal

REASON_REPEAT = "repeat"


def find_repeated_blocks(blocks: list[Block]) -> list[Removal]:
    """Removals for every block that repeats an earlier one.

    Args:
        blocks: The page's blocks in order.

    Returns:
        One ``Removal`` (reason ``repeat``, ``kept_block`` = the first occurrence) per repeat.
    """
    first_by_key: dict[str, int] = {}
    removals: list[Removal] = []
    for block in blocks:
        if not block.key:
            continue
        kept = first_by_key.setdefault(block.key, block.index)
        if kept != block.index:
            removals.append(Removal(block=block.index, text=block.text, reason=REASON_REPEAT, kept_block=kept))
    return removals
