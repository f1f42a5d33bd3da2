"""Stage ``blocks``: split a page into blocks, keeping each block's original text and position.

Plain text: every non-empty line is a block (scrapers put one paragraph, caption or widget per
line). HTML: every block-level element that holds no other block-level element, in document
order, read with a real parser (selectolax); scripts and styles are dropped.
"""

from __future__ import annotations

from itertools import islice

import regex
from selectolax.lexbor import LexborHTMLParser

from workers.model import Block, RawPage
from workers.text import fold_arabic, key_of_folded

_BLOCK_TAGS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li figcaption blockquote pre td th dt dd caption address summary div section "
    "article header footer nav aside main figure ul ol table tr".split()
)
_CONTEXT_TAGS = frozenset("nav aside footer header figure figcaption form menu".split())
# Words in class or id attributes that tell an element's role (class="post-tags", id="related").
_CLASS_HINTS = (
    ("nav", frozenset({"nav", "navbar", "menu", "breadcrumb", "breadcrumbs", "tags", "tag", "topics"})),
    ("aside", frozenset({"related", "share", "sharing", "social", "comments", "comment", "sidebar", "widget", "newsletter"})),
    ("footer", frozenset({"footer"})),
)
_SKIP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "head")
_SPACE = regex.compile(r"\s+")


def split_blocks(page: RawPage) -> list[Block]:
    """Blocks of a page, in reading order.

    Args:
        page: A validated page.

    Returns:
        One ``Block`` per non-empty line (text/plain) or per innermost block element (text/html).
    """
    if page.content_type == "text/html":
        return _html_blocks(page.content)
    blocks: list[Block] = []
    for line_no, line in enumerate(page.content.splitlines(), start=1):
        text = line.strip()
        if text:
            folded = fold_arabic(text).casefold().strip()
            blocks.append(Block(index=len(blocks), text=text, key=key_of_folded(folded), line=line_no, folded=folded))
    return blocks


def _html_blocks(html: str) -> list[Block]:
    tree = LexborHTMLParser(html)
    tree.strip_tags(list(_SKIP_TAGS))
    root = tree.body or tree.root
    blocks: list[Block] = []
    if root is None:
        return blocks
    for node in root.traverse(include_text=False):
        if node.tag not in _BLOCK_TAGS or _has_block_child(node):
            continue
        text = _SPACE.sub(" ", node.text(deep=True)).strip()
        if text:
            folded = fold_arabic(text).casefold().strip()
            blocks.append(
                Block(len(blocks), text, key_of_folded(folded), tag=node.tag, context=_context(node), folded=folded)
            )
    return blocks


def _context(node) -> tuple[str, ...]:
    """Structural elements (nav, aside, footer, ...) around ``node``, itself included, innermost first."""
    found = []
    while node is not None:
        if node.tag in _CONTEXT_TAGS or (node.tag in ("div", "section", "ul") and _role_hint(node)):
            found.append(node.tag if node.tag in _CONTEXT_TAGS else _role_hint(node))
        node = node.parent
    return tuple(found)


def _role_hint(node) -> str | None:
    """A structural role given by ARIA role or a telling class/id (e.g. class="related-posts")."""
    attrs = node.attributes
    role = (attrs.get("role") or "").lower()
    if role in ("navigation", "complementary", "contentinfo", "banner"):
        return {"navigation": "nav", "complementary": "aside", "contentinfo": "footer", "banner": "header"}[role]
    names = set(regex.split(r"[\s_-]+", f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()))
    for tag, hints in _CLASS_HINTS:
        if names & hints:
            return tag
    return None


def _has_block_child(node) -> bool:
    # traverse() yields the node itself first; node objects are not identical across calls.
    return any(child.tag in _BLOCK_TAGS for child in islice(node.traverse(include_text=False), 1, None))
