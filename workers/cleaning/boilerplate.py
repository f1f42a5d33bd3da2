"""Stage ``boilerplate``: what a block *is*, judged from its own text.

A block that is a scraper artifact ("TT"), a widget (share, comments, promos, tickers,
back-to-top), a standalone date ("منذ 2 ساعات", "1 day ago"), a footer (copyright, disclaimer), a
navigation line (breadcrumbs, menus) or a related-articles marker is recognised by the patterns in
``data/rules.json`` -- word lists live in data, not in code. Classes only apply to blocks shorter
than their ``max_chars``: a long block is content even if it mentions "copyright". Photo captions
are recognised by a trailing credit such as "(رويترز)" or "(أرشيفية - أ.ب)".

Structure (where a block stands: before a headline, inside a teaser list, in an HTML ``nav``) is
judged by ``workers.cleaning.segment``, which uses these labels as evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import khabar_native

from workers.model import Block

LINE_CLASSES = ("artifact", "widget", "date", "footer", "navigation", "teaser_marker", "comments_marker")
REGION_MARKERS = {"teaser_marker": "teaser", "comments_marker": "widget"}


@dataclass(frozen=True)
class Rules:
    """Compiled line-level rules; build once per process with ``Rules.load()``.

    The rules run in ``khabar_native`` (Rust, ``native/src/rules.rs``): the patterns of
    ``data/rules.json`` are compiled by Rust's ``regex`` crate, and by ``fancy-regex`` when they
    use look-arounds; the segmenter (``native/src/segment.rs``) reads the word lists there too.
    """

    native: khabar_native.Rules

    @classmethod
    def load(cls, text: str | None = None) -> "Rules":
        """Compile ``data/rules.json`` (or the given JSON text)."""
        if text is None:
            text = resources.files("workers.cleaning").joinpath("data/rules.json").read_text(encoding="utf-8")
        return cls(native=khabar_native.Rules(text))

    def line_class(self, text: str, folded: str | None = None) -> str | None:
        """The first line class (in ``LINE_CLASSES`` order) whose patterns match ``text``, if any.

        ``folded`` (``fold_arabic(text).casefold()``) may be passed when already known. A class
        applies only to blocks of at most its ``max_chars`` characters. A block of at most 120
        characters made only of date words and numbers is a date; of social-network and share
        words a widget; of (mostly) section names a navigation menu.
        """
        return self.native.line_class(text, folded)

    def opens_comments(self, folded: str) -> bool:
        """Whether a block's folded text is a comments-section heading ("التعليقات", "Comments (4)")
        by the ``comments_marker`` patterns alone (in plain text a bare "التعليقات" is a share-bar
        button, a ``widget``; as an HTML heading it opens the comments)."""
        return self.native.opens_comments(folded)

    def is_byline(self, text: str, folded: str | None = None) -> bool:
        """Whether ``text`` names the article's author or source ("كتب: …", "By …"), is a
        dateline alone on its line whose source is an agency ("نيويورك - الأناضول"), or an agency
        alone in parentheses ("(د ب أ)")."""
        return self.native.is_byline(text, folded)

    def reports_speech(self, key: str) -> bool:
        """Whether a block's matching key has a verb of saying ("وقال", "أكد", "said"): a sentence
        that ends with an agency in parentheses and reports what someone said is a paragraph with
        its source, not a photo caption."""
        return self.native.reports_speech(key)

    def has_credit(self, text: str, folded: str | None = None) -> bool:
        """Whether ``text`` ends with a photo credit: "(أرشيفية - رويترز)", "… Photo: Reuters",
        "… أبو سالم. أرشيفية", or starts with a photo label: "صدر الصورة، Getty Images"."""
        return self.native.has_credit(text, folded)


def classify_blocks(blocks: list[Block], rules: Rules) -> dict[int, str]:
    """Line classes of the blocks that have one, by block index.

    A newspaper's imprint is a footer wherever it stands: a masthead role ("رئيس التحرير") alone
    or with a name, and the short name line (at most 4 words and 40 characters, no digit, no
    sentence end) right under a role alone. HTML context is used as evidence too: text inside
    ``nav`` is navigation and inside ``footer`` a footer, unless the block is long; a heading
    "التعليقات" / "Comments" whose line class is ``widget`` opens the comments. Identical folded
    texts (a page prints its headline and captions several times) are classified once.
    """
    return rules.native.classify(blocks)
