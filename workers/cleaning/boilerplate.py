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

import json
from dataclasses import dataclass
from importlib import resources

import regex

from workers.model import Block
from workers.text import fold_arabic

LINE_CLASSES = ("artifact", "widget", "date", "footer", "navigation", "teaser_marker")
_CREDIT = regex.compile(r"\(([^()]{1,60})\)\s*\.?$")
_CREDIT_SPLIT = regex.compile(r"\s*[-/\u2013\u2014\u060c,|:]\s*")
_WORD = regex.compile(r"\w+")


@dataclass(frozen=True)
class Rules:
    """Compiled line-level rules; build once per process with ``Rules.load()``."""

    patterns: dict[str, regex.Pattern]
    max_chars: dict[str, int]
    credit_words: frozenset[str]
    credit_prefixes: tuple[str, ...]

    @classmethod
    def load(cls, text: str | None = None) -> "Rules":
        """Compile ``data/rules.json`` (or the given JSON text)."""
        if text is None:
            text = resources.files("workers.cleaning").joinpath("data/rules.json").read_text(encoding="utf-8")
        data = json.loads(text)
        return cls(
            patterns={name: regex.compile("|".join(f"(?:{p})" for p in data[name])) for name in LINE_CLASSES},
            max_chars=dict(data["max_chars"]),
            credit_words=frozenset(data["credit_words"]),
            credit_prefixes=tuple(data["credit_prefixes"]),
        )

    def line_class(self, text: str) -> str | None:
        """The first line class (in ``LINE_CLASSES`` order) whose patterns match ``text``, if any."""
        folded = fold_arabic(text).casefold().strip()
        for name in LINE_CLASSES:
            if len(folded) <= self.max_chars[name] and self.patterns[name].search(folded):
                return name
        return None

    def has_credit(self, text: str) -> bool:
        """Whether ``text`` ends with a photo credit in parentheses, e.g. "(أرشيفية - رويترز)"."""
        match = _CREDIT.search(fold_arabic(text).casefold())
        if not match:
            return False
        for part in _CREDIT_SPLIT.split(match.group(1).strip()):
            part = part.strip()
            if part in self.credit_words or any(part.startswith(w + " ") for w in self.credit_words):
                return True
            if any(part.startswith(p) for p in self.credit_prefixes):
                return True
        return False


def classify_blocks(blocks: list[Block], rules: Rules) -> dict[int, str]:
    """Line classes of the blocks that have one, by block index.

    HTML context is used as evidence too: text inside ``nav`` is navigation and inside ``footer``
    a footer, unless the block is long.
    """
    labels: dict[int, str] = {}
    for block in blocks:
        label = rules.line_class(block.text)
        if label is None and block.context:
            if "nav" in block.context and len(block.text) <= rules.max_chars["navigation"]:
                label = "navigation"
            elif "footer" in block.context and len(block.text) <= rules.max_chars["footer"]:
                label = "footer"
        if label is not None:
            labels[block.index] = label
    return labels


def word_count(text: str) -> int:
    return len(_WORD.findall(text))
