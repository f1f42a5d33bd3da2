"""Stage ``blocks``: split a page into blocks, keeping each block's original text and position.

Plain text: every non-empty line is a block (scrapers put one paragraph, caption or widget per
line). HTML: every block-level element that holds no other block-level element, and every run of text
and inline elements between the block children of a container, in document order, read with a real
parser (selectolax); scripts and styles are dropped.
"""

from __future__ import annotations

import unicodedata
from itertools import islice

import khabar_native
import regex
from selectolax.lexbor import LexborHTMLParser

from workers.model import Block, RawPage
from workers.text import folded as folded_text
from workers.text import key_of_folded

_BLOCK_TAGS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li figcaption blockquote pre td th dt dd caption address summary div section "
    "article header footer nav aside main figure ul ol table tr".split()
)
# Elements whose text is one block even across line breaks (a paragraph, a heading, a caption); the
# text of generic containers (div, section, td, ...) is split at each ``br``.
_TEXT_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 li figcaption blockquote pre dt dd th caption address summary".split())
_CONTEXT_TAGS = frozenset("nav aside footer header figure figcaption form menu".split())
# Words in class or id attributes that tell an element's role (class="post-tags", id="related").
_CLASS_HINTS = (
    ("nav", frozenset({"nav", "navbar", "menu", "breadcrumb", "breadcrumbs", "tags", "tag", "topics"})),
    ("aside", frozenset({"related", "relatedposts", "yarpp", "share", "sharing", "sharedaddy", "social", "comments", "comment", "sidebar", "widget", "newsletter"})),
    ("footer", frozenset({"footer"})),
    ("byline", frozenset({"author", "byline", "meta", "writer", "dateline"})),
)
# WordPress's post_class(): a post's wrapper carries "post", "hentry", "post-123" or "type-post" and a class
# per tag and category of the post ("tag-health"), which would otherwise read as a tag list.
_POST_CLASSES = regex.compile(r"(?<!\S)(?:hentry|post|post-\d+|type-post)(?!\S)")
_TERM_CLASS = regex.compile(r"(?<!\S)(?:tag|category)-\S+")
_SKIP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "head")
_SPACE = regex.compile(r"\s+")


def split_blocks(page: RawPage) -> list[Block]:
    """Blocks of a page, in reading order.

    Args:
        page: A validated page.

    Returns:
        One ``Block`` per non-empty line (text/plain), or per innermost block element and per run
        of loose text between block elements (text/html).
    """
    if page.content_type == "text/html":
        return _html_blocks(page.content)
    # One native pass: the lines (str.splitlines), stripped, folded and keyed.
    return khabar_native.text_blocks(page.content, key_of_folded)


def _html_blocks(html: str) -> list[Block]:
    tree = LexborHTMLParser(html)
    tree.strip_tags(list(_SKIP_TAGS))
    root = tree.body or tree.root
    blocks: list[Block] = []
    if root is None:
        return blocks

    articles: dict[int, int] = {}  # <article> element (lexbor node id) -> its ordinal on the page

    def add(text: str, tag: str, context_node) -> None:
        text = _SPACE.sub(" ", text).strip()
        if text:
            folded = folded_text(text)
            article = _enclosing_article(context_node)
            html_article = None if article is None else articles.setdefault(article, len(articles))
            blocks.append(
                Block(len(blocks), text, key_of_folded(folded), tag=tag, context=_context(context_node), folded=folded, html_article=html_article)
            )

    # Depth-first in document order, with an explicit stack (no recursion limit on deep pages). A
    # text element (p, h1, li, figcaption, ...) without block children is one block. Any other
    # element is opened: its block children are visited, and each run of text and inline elements
    # between them is a block of its own, as a browser lays out an anonymous block box
    # (``<div><b>name</b> text<p>...</p>tail</div>``); a ``br`` ends a run, so loose text broken
    # into lines (``<div>para one<br><br>para two</div>``) gives one block per line.
    todo: list = [root]
    while todo:
        item = todo.pop()
        if isinstance(item, tuple):
            run, parent = item
            add(_text_of(run), parent.tag, parent)
            continue
        if item.tag in _TEXT_TAGS and not _has_block_child(item):
            add(_text_of([item]), item.tag, item)
            continue
        entries: list = []
        run: list = []
        for child in _run_atoms(item):
            if child.tag == "br":  # loose text broken into lines: one block per line, as in plain text
                if run:
                    entries.append((run, item))
                    run = []
                continue
            if child.tag == "-text" or (child.tag not in _BLOCK_TAGS and not _has_block_child(child)):
                run.append(child)
                continue
            if run:
                entries.append((run, item))
                run = []
            entries.append(child)
        if run:
            entries.append((run, item))
        todo.extend(reversed(entries))
    return blocks


def _run_atoms(node):
    """The children of an element opened as a container, in order, with every inline element
    that holds a ``br`` (Blogger's ``<div><span>para<br><br>para</span></div>``) opened in turn,
    so that its line breaks end runs as loose text's do."""
    for child in node.iter(include_text=True):
        if child.tag not in _BLOCK_TAGS and child.tag not in ("-text", "br") and child.css_first("br") is not None and not _has_block_child(child):
            yield from _run_atoms(child)
        else:
            yield child


def _text_of(nodes) -> str:
    """The text of some sibling nodes and their descendants, text nodes joined. A ``br`` is a
    space. Where two inline elements stand side by side with no space between them
    (``<span>اقرأ أيضاً</span><a>العنوان</a>``, a row of share links), a browser's layout shows
    them apart: a space is put between a letter (or its mark) and a following letter or digit,
    never before punctuation."""
    out: list[str] = []
    for node in nodes:
        for child in node.traverse(include_text=True) if node.tag != "-text" else (node,):
            if child.tag == "br":
                out.append(" ")
                continue
            if child.tag != "-text":
                continue
            piece = child.text_content or ""
            if not piece:
                continue
            if out and _word_end(out[-1][-1]) and piece[0].isalnum():
                out.append(" ")
            out.append(piece)
    return "".join(out)


def _word_end(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char).startswith("M")


def _enclosing_article(node) -> int | None:
    """Identity of the innermost ``<article>`` element around ``node`` (itself included), if any."""
    while node is not None:
        if node.tag == "article":
            return node.mem_id
        node = node.parent
    return None


def _context(node) -> tuple[str, ...]:
    """Structural elements (nav, aside, footer, ...) around ``node``, itself included, innermost
    first. A ``footer`` element inside an ``article`` is that article's footer (its author's bio,
    its tags, its share buttons), not the site's: it is ``article-footer``."""
    found = []
    footers = []  # positions in ``found`` of footer elements, until an article is seen above them
    while node is not None:
        if node.tag == "article":
            for i in footers:
                found[i] = "article-footer"
            footers = []
        if node.tag in _CONTEXT_TAGS or (node.tag in ("div", "section", "ul") and _role_hint(node)):
            if node.tag == "footer":
                footers.append(len(found))
            found.append(node.tag if node.tag in _CONTEXT_TAGS else _role_hint(node))
        node = node.parent
    return tuple(found)


def _role_hint(node) -> str | None:
    """A structural role given by ARIA role or a telling class/id (e.g. class="related-posts")."""
    attrs = node.attributes
    role = (attrs.get("role") or "").lower()
    if role in ("navigation", "complementary", "contentinfo", "banner"):
        return {"navigation": "nav", "complementary": "aside", "contentinfo": "footer", "banner": "header"}[role]
    classes = (attrs.get("class") or "").lower()
    if _POST_CLASSES.search(classes):  # a post's wrapper: "tag-health", "category-news" name its terms, not its role
        classes = _TERM_CLASS.sub(" ", classes)
    names = set(regex.split(r"[\s_-]+", f"{classes} {attrs.get('id') or ''}".lower()))
    for tag, hints in _CLASS_HINTS:
        if names & hints:
            return tag
    return None


def _has_block_child(node) -> bool:
    # traverse() yields the node itself first; node objects are not identical across calls.
    return any(child.tag in _BLOCK_TAGS for child in islice(node.traverse(include_text=False), 1, None))
