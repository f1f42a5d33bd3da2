"""Stage ``segment``: cut a page into articles and give every block a role or a removal reason.

Decisions, in order:

1. **Line classes** (``boilerplate.classify_blocks``) remove artifacts, widgets, dates, footers and
   navigation wherever they stand.
2. **Article starts.** Scraped news pages repeat an article's header: headline, captions, an
   artifact ("TT"), headline again, captions again. A *strong header* is a block repeated within
   the next few blocks with either an artifact or a doubled block (a caption printed twice) in
   between, or with the blocks in between printed again right after the repetition. Each strong
   header starts an article; so does, in plain text, a later headline printed once over its
   photo's caption printed twice and prose (``photo_header_starts``), or around a caption with a
   credit, over a lead that retells it (``captioned_headline_starts``), and, in HTML, the heading
   of each further ``<article>`` element that holds a whole article (``html_article_starts``); a
   page without any of these is one article;
   short labels above the first strong header are that article's category, and so is one section
   label printed right above a later header.
3. **Teaser lists.** A line that is only a related-articles marker ("مقالات ذات صلة", "Related
   News", "اقرأ أيضاً") opens a teaser list that runs to the next article start or the end of the
   page (in plain text: to where the story resumes, two paragraphs of prose in a row; a marker
   above the page's first prose ends at the story's headline); all of it is removed as ``teaser``
   (blocks with a more specific class keep theirs). A marker followed by a title on the same line
   is one teaser line only.
4. **Roles** within an article: one or two short category labels before a longer headline or one
   right after it, or a menu (``MENU_MIN_ITEMS`` or more short lines of at most 4 words, no byline
   among them, followed by a headline-like line: that line is the headline), the chrome printed
   above the headline (link lists, cut teasers, site labels, a list of the site's headlines whose
   one line is the headline printed again); the title; a subtitle
   (a headline-like line right after the title); captions (blocks printed twice in the header or
   twice in a row, or with a photo credit or label); a tag list (short lines closing the article,
   or after a "Tags:" line); paragraphs (everything else, section headings and bullets included).
5. **Repeats** within an article: same matching key, a short label in front of a kept block
   ("أوروبا " + caption), or a high token-set similarity between short blocks. The first
   occurrence is kept; the others are removed as ``repeat`` pointing at it. A whole article
   printed again further down the page is one article (``fold_reprints``).

Every block ends up in exactly one article, as text or in ``removed``.

The segmenter runs in ``khabar_native`` (Rust, ``native/src/segment.rs`` with
``native/src/repeats.rs``), where each rule is documented with its constants; this module is its
Python face. Its output is that of the Python implementation it replaced, block for block
(``tests/unit/cleaning/test_native_segment.py`` checks the patterns' character classes, which
follow Python's ``regex`` module).
"""

from __future__ import annotations

from collections.abc import Iterable

import khabar_native

from workers.cleaning.boilerplate import Rules
from workers.model import ArticleDraft, Block, Removal
from workers.text import key_of_folded

REMOVAL_REASONS = ("repeat", "artifact", "widget", "navigation", "date", "footer", "category", "teaser", "template")

_SEGMENTER = khabar_native.Segmenter(Removal, ArticleDraft, key_of_folded)


def segment(blocks: list[Block], labels: dict[int, str], rules: Rules, removals: Iterable[Removal] = ()) -> list[ArticleDraft]:
    """Articles of a page, in order.

    Args:
        blocks: All blocks of the page (``Block.index`` is the block's position).
        labels: Line classes by block index (``boilerplate.classify_blocks``).
        rules: Compiled rules (for caption credits, bylines, section and function words, teaser
            list ends).
        removals: Removals found by earlier stages (e.g. learned site templates); a line class
            is more specific than a learned template.

    Returns:
        The articles; every block is in exactly one article, as text or in ``removed`` (sorted by
        block; a given removal passed on unchanged is the object given). Empty when the page has
        no kept block.

    Raises:
        ValueError: A block's ``index`` is not its position.
        IndexError: ``labels`` names a block the page does not have.
    """
    return _SEGMENTER.segment(blocks, labels, rules.native, removals)


def find_article_starts(blocks: list[Block], labels: dict[int, str]) -> list[int]:
    """Indexes of strong headers: a headline repeated shortly after, with an artifact or a doubled
    block (a caption printed twice) in between, or with what stands between them printed again
    after the repetition (headline, caption, headline, caption)."""
    return khabar_native.find_article_starts(blocks, labels)
