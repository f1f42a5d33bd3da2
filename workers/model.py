"""Plain data passed between the pipeline stages (no faust, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, field

import khabar_native


@dataclass(frozen=True)
class RawPage:
    """A validated raw page (schemas/raw-page.v1.json) with its derived ids."""

    page_id: str
    source: str
    url: str | None
    content_type: str
    content: str
    lang: str | None
    scraped_at: str | None
    content_digest: str


# One block of a page (a line of text, or a block element of HTML) with its matching key:
# ``Block(index, text, key, line=None, tag=None, context=(), folded="", html_article=None)``.
# ``index`` is the block's position among the page's blocks; ``line`` the 1-based line of the
# content it came from (text/plain) or ``None`` (HTML). For HTML, ``tag`` is the element,
# ``context`` the structural elements around it (nav, aside, footer, header, figure, ...) and
# ``html_article`` which ``<article>`` element holds it (0, 1, ... in page order). ``folded`` is
# ``fold_arabic(text).casefold().strip()``, computed once for the line rules; ``words`` the number
# of ``\w+`` runs in ``text``. Frozen, compared and hashed by value. It is a native class
# (``native/src/lib.rs``): the blocks of a page are made, classified and segmented in Rust without
# a Python string per attribute.
Block = khabar_native.Block


@dataclass(frozen=True)
class Removal:
    """A block removed from the output, and why (reason codes: docs/reason-codes.md)."""

    block: int
    text: str
    reason: str
    kept_block: int | None = None


@dataclass
class ArticleDraft:
    """An article cut from a page, before entities and ids are added."""

    title: str
    subtitle: str | None = None
    captions: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)

    def fields(self) -> list[tuple[str, int | None, str]]:
        """Every text of the article as (field, index, text), in reading order."""
        out: list[tuple[str, int | None, str]] = [("title", None, self.title)]
        if self.subtitle is not None:
            out.append(("subtitle", None, self.subtitle))
        out.extend(("captions", i, t) for i, t in enumerate(self.captions))
        out.extend(("paragraphs", i, t) for i, t in enumerate(self.paragraphs))
        return out
