"""Stage ``segment``: cut the kept blocks of a page into articles and give each block a role.

v0: one article per page; the first kept block is the title and every other kept block a
paragraph. Every removal is attached to the article, so each input block ends up either in the
article or in its ``removed`` list.
"""

from __future__ import annotations

from workers.model import ArticleDraft, Block, Removal


def segment(blocks: list[Block], removals: list[Removal]) -> list[ArticleDraft]:
    """Articles of a page.

    Args:
        blocks: All blocks of the page.
        removals: What the earlier stages removed.

    Returns:
        The page's articles in order; empty when no block was kept.
    """
    removed = {r.block for r in removals}
    kept = [b for b in blocks if b.index not in removed]
    if not kept:
        return []
    return [
        ArticleDraft(
            title=kept[0].text,
            paragraphs=[b.text for b in kept[1:]],
            removed=sorted(removals, key=lambda r: r.block),
        )
    ]
