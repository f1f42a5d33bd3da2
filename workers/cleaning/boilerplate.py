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
from dataclasses import dataclass, field
from importlib import resources

import ahocorasick
import regex

from workers.cleaning.literals import is_anchored, required_literals
from workers.model import Block
from workers.text import fold_arabic

LINE_CLASSES = ("artifact", "widget", "date", "footer", "navigation", "teaser_marker", "comments_marker")
REGION_MARKERS = {"teaser_marker": "teaser", "comments_marker": "widget"}
WORD_LIST_MAX_CHARS = 120
MASTHEAD_MAX_CHARS = 80  # a masthead line is a role and a name
MASTHEAD_NAME_MAX_WORDS = 4  # the name printed under a masthead role ("رئيس التحرير" / "أحمد صبري")
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_CREDIT = regex.compile(r"(?r)\(([^()]{1,60})\)\s*\.?$")
# A bare credit after the caption's last separator: "… معبر كرم أبو سالم. أرشيفية", "… - رويترز".
_BARE_CREDIT = regex.compile(r"(?r)[.\-\u2013\u2014|/\u00a9]\s*([^.\-\u2013\u2014|/()\u00a9]{2,30}?)\s*$")  # "… © رويترز" too
_CREDIT_SPLIT = regex.compile(r"\s*[-/\u2013\u2014\u060c,|:]\s*")
_WORD = regex.compile(r"\w+")
_ERA_LETTERS = "\u0647\u0645"  # "1439هـ" (folded "1439ه"), "2017م": a year with its era letter
_SENTENCE_END = regex.compile(r"(?r)[.!?\u061f:]\s*$")  # (?r): end-anchored, search from the end
_SOURCE_ALONE = regex.compile(r"^\(([^()]{1,30})\)\.?$")
# A dateline alone on its line: one or two words of place, a dash, the source ("نيويورك - الأناضول",
# "ستراسبورغ - «الخليج»"); the source may be quoted or in parentheses.
_DATELINE = regex.compile(r"^(?:\p{L}+\s)?\p{L}+\s*[-\u2013\u2014]\s*[\u00ab\"(]?([^()\u00ab\u00bb\"\-\u2013\u2014]{2,30}?)[\u00bb\")]?$")


def _folded_set(words: list[str]) -> frozenset[str]:
    return frozenset(fold_arabic(w).casefold() for w in words)


@dataclass(frozen=True)
class _ClassPatterns:
    """The patterns of one line class. Patterns with a required literal run only when the
    pre-filter saw that literal; the other anchored ones (``^...``) are combined into one
    alternation tried at the block's start only; the rest into one alternation that always runs."""

    anchored: regex.Pattern | None
    always: regex.Pattern | None
    gated: tuple[regex.Pattern, ...]


def _compile_classes(data: dict) -> tuple[dict[str, _ClassPatterns], ahocorasick.Automaton]:
    """Compile every class's patterns and one automaton: literal -> ((class, gated index), ...)."""
    classes: dict[str, _ClassPatterns] = {}
    by_literal: dict[str, list[tuple[str, int]]] = {}
    for name in LINE_CLASSES:
        anchored: list[str] = []
        always: list[str] = []
        gated: list[regex.Pattern] = []
        for pattern in data[name]:
            literals = required_literals(pattern)
            if is_anchored(pattern) and literals is None:
                anchored.append(pattern)
            elif literals is None:
                always.append(pattern)
            else:
                for literal in literals:
                    by_literal.setdefault(literal, []).append((name, len(gated)))
                gated.append(regex.compile(pattern))
        classes[name] = _ClassPatterns(_alternation(anchored), _alternation(always), tuple(gated))
    automaton = ahocorasick.Automaton()  # an empty automaton cannot be searched: check len() first
    for literal, targets in by_literal.items():
        automaton.add_word(literal, tuple(targets))
    if by_literal:
        automaton.make_automaton()
    return classes, automaton


def _alternation(patterns: list[str]) -> regex.Pattern | None:
    return regex.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


@dataclass(frozen=True)
class Rules:
    """Compiled line-level rules; build once per process with ``Rules.load()``."""

    classes: dict[str, _ClassPatterns]
    literals: ahocorasick.Automaton
    max_chars: dict[str, int]
    credit_words: frozenset[str]
    credit_prefixes: tuple[str, ...]
    section_words: frozenset[str]
    date_words: frozenset[str]
    social_words: frozenset[str]
    speech_verbs: frozenset[str]
    function_words: frozenset[str]
    byline: regex.Pattern
    masthead: regex.Pattern  # group "name": the name after the role, if any
    credit_suffix: regex.Pattern
    caption_prefix: regex.Pattern
    list_end: regex.Pattern  # a line that closes a marked list ("end of list")

    # Derived once: (class, max_chars, anchored, always, gated) in LINE_CLASSES order, and the
    # longest max_chars (no line class applies to a longer block).
    _plan: tuple = field(init=False, repr=False, compare=False)
    longest: int = field(init=False, compare=False)
    _credit_starts: tuple[str, ...] = field(init=False, repr=False, compare=False)  # a credit word and a space, or a credit prefix

    def __post_init__(self) -> None:
        plan = tuple((n, self.max_chars[n], c.anchored, c.always, c.gated) for n in LINE_CLASSES for c in [self.classes[n]])
        object.__setattr__(self, "_plan", plan)
        object.__setattr__(self, "longest", max(self.max_chars.values()))
        object.__setattr__(self, "_credit_starts", tuple(sorted(w + " " for w in self.credit_words)) + self.credit_prefixes)

    @classmethod
    def load(cls, text: str | None = None) -> "Rules":
        """Compile ``data/rules.json`` (or the given JSON text)."""
        if text is None:
            text = resources.files("workers.cleaning").joinpath("data/rules.json").read_text(encoding="utf-8")
        data = json.loads(text)
        classes, literals = _compile_classes(data)
        return cls(
            classes=classes,
            literals=literals,
            max_chars=dict(data["max_chars"]),
            credit_words=frozenset(data["credit_words"]),
            credit_prefixes=tuple(data["credit_prefixes"]),
            section_words=_folded_set(data["section_words"]),
            date_words=_folded_set(data["date_words"]),
            social_words=_folded_set(data["social_words"]),
            speech_verbs=_folded_set(data["speech_verbs"]),
            function_words=_folded_set(data["function_words"]),
            byline=regex.compile("|".join(data["byline"])),
            masthead=_masthead_pattern(data["masthead_roles"]),
            credit_suffix=regex.compile("|".join(data["credit_suffix"])),
            caption_prefix=regex.compile("|".join(data["caption_prefix"])),
            list_end=regex.compile("|".join(data["list_end"])),
        )

    def line_class(self, text: str, folded: str | None = None) -> str | None:
        """The first line class (in ``LINE_CLASSES`` order) whose patterns match ``text``, if any.

        ``folded`` (``fold_arabic(text).casefold()``) may be passed when already known.
        """
        folded = (fold_arabic(text).casefold() if folded is None else folded).strip()
        size = len(folded)
        if size > self.longest:
            return None
        seen: dict[str, set[int]] = {}  # class -> gated patterns whose required literal occurs
        if len(self.literals):
            for _end, targets in self.literals.iter(folded):
                for name, i in targets:
                    seen.setdefault(name, set()).add(i)
        for name, limit, anchored, always, gated in self._plan:
            if size > limit:
                continue
            if anchored is not None and anchored.match(folded):
                return name
            if always is not None and always.search(folded):
                return name
            if name in seen and any(gated[i].search(folded) for i in seen[name]):
                return name
        return self._word_list_class(folded) if size <= WORD_LIST_MAX_CHARS else None

    def opens_comments(self, folded: str) -> bool:
        """Whether a block's folded text is a comments-section heading ("التعليقات", "Comments (4)")
        by the ``comments_marker`` patterns alone (in plain text a bare "التعليقات" is a share-bar
        button, a ``widget``; as an HTML heading it opens the comments)."""
        patterns = self.classes["comments_marker"]
        folded = folded.strip()
        return bool(
            (patterns.anchored is not None and patterns.anchored.match(folded))
            or (patterns.always is not None and patterns.always.search(folded))
            or any(p.search(folded) for p in patterns.gated)
        )

    def _word_list_class(self, folded: str) -> str | None:
        """A block made only of date words and numbers is a date; of social-network and share words a
        widget; of (mostly) section names a navigation menu."""
        tokens = _WORD.findall(folded)
        words = [t for t in tokens if not (t.isdigit() or (t[-1] in _ERA_LETTERS and t[:-1].isdigit()))]
        if not tokens:
            return None
        if len(words) < len(tokens) and all(w in self.date_words for w in words):
            return "date"
        if len(tokens) >= 2 and all(t in self.social_words for t in tokens):
            return "widget"
        if len(words) >= 3 and not _SENTENCE_END.search(folded):
            known = sum(1 for w in words if w in self.section_words or (w[:1] == "\u0648" and w[1:] in self.section_words))
            if known >= 0.8 * len(words):
                return "navigation"
        return None

    def is_byline(self, text: str, folded: str | None = None) -> bool:
        """Whether ``text`` names the article's author or source ("كتب: …", "By …"), is a
        dateline alone on its line whose source is an agency ("نيويورك - الأناضول"), or an agency
        alone in parentheses ("(د ب أ)")."""
        folded = (fold_arabic(text).casefold() if folded is None else folded).strip()
        if len(folded) > self.max_chars["byline"]:
            return False
        if self.byline.search(folded):
            return True
        if folded.startswith("(") and (source := _SOURCE_ALONE.match(folded)) is not None:
            return source.group(1).strip() in self.credit_words  # "(د ب أ)" after the text: its source
        dateline = _DATELINE.match(folded) if "-" in folded or "\u2013" in folded or "\u2014" in folded else None
        return dateline is not None and dateline.group(1).strip() in self.credit_words

    def reports_speech(self, key: str) -> bool:
        """Whether a block's matching key has a verb of saying ("وقال", "أكد", "said"): a sentence
        that ends with an agency in parentheses and reports what someone said is a paragraph with
        its source, not a photo caption."""
        return any(word in self.speech_verbs for word in key.split())

    def has_credit(self, text: str, folded: str | None = None) -> bool:
        """Whether ``text`` ends with a photo credit: "(أرشيفية - رويترز)", "… Photo: Reuters",
        "… أبو سالم. أرشيفية", or starts with a photo label: "صدر الصورة، Getty Images"."""
        folded = fold_arabic(text).casefold() if folded is None else folded
        if self.caption_prefix.match(folded):
            return True
        tail = folded[-80:]
        if (":" in tail or "/" in tail) and self.credit_suffix.search(folded):
            return True
        if folded.endswith((")", ").")):
            match = _CREDIT.search(folded)
            if not match:
                return False
            for part in _CREDIT_SPLIT.split(match.group(1).strip()):
                part = part.strip().lstrip("\u00a9").lstrip()  # "(© أ ف ب)"
                if part in self.credit_words or part.startswith(self._credit_starts):
                    return True
            return False
        if not folded[-1:].isalpha():  # prose ends with punctuation; a bare credit with a word
            return False
        bare = _BARE_CREDIT.search(folded[-48:])  # a credit is short: only the end can hold one
        return bare is not None and bare.group(1).strip() in self.credit_words


def _masthead_pattern(roles: list[str]) -> regex.Pattern:
    """A masthead line: a role alone, a role with a name after a colon or dash, or a role with a
    name of one or two words (glued to it or not: "رئيس التحريرعلى الحوفي")."""
    role = "|".join(roles)
    return regex.compile(
        rf"(?:{role})\s*(?:$|[:\-\u2013]\s*(?P<name>[^:!?\u061f]{{1,50}}[^:.!?\u061f])$|(?P<name>\p{{L}}+(?: \p{{L}}+)?)$)"
    )


def _is_name(block: Block) -> bool:
    """Whether a block is short enough to be a person's name alone on its line."""
    return block.words <= MASTHEAD_NAME_MAX_WORDS and len(block.text) <= 40 and not _SENTENCE_END.search(block.text) and not any(c.isdigit() for c in block.text)


def classify_blocks(blocks: list[Block], rules: Rules) -> dict[int, str]:
    """Line classes of the blocks that have one, by block index.

    A newspaper's imprint is a footer wherever it stands: a masthead role ("رئيس التحرير") alone
    or with a name, and the short name line right under a role alone. HTML context is used as
    evidence too: text inside ``nav`` is navigation and inside ``footer`` a footer, unless the
    block is long; a heading "التعليقات" / "Comments" opens the comments.
    """
    labels: dict[int, str] = {}
    seen: dict[str, str | None] = {}  # a page prints its headline and captions several times
    name_due = False  # the previous block was a masthead role alone: a short line under it is the name
    for block in blocks:
        if block.folded and block.folded in seen:
            label = seen[block.folded]
        else:
            label = rules.line_class(block.text, block.folded or None)
            if block.folded:
                seen[block.folded] = label
        if label is None:
            folded = block.folded or fold_arabic(block.text).casefold()
            role = rules.masthead.match(folded) if len(folded) <= MASTHEAD_MAX_CHARS else None
            if role is not None or (name_due and _is_name(block)):
                label = "footer"  # a newspaper's imprint, wherever the page prints it
            name_due = role is not None and not role.group("name")
        else:
            name_due = False
        if label == "widget" and block.tag in _HEADING_TAGS and rules.opens_comments(block.folded or fold_arabic(block.text).casefold()):
            label = "comments_marker"
        if label is None and block.context:
            if "nav" in block.context and len(block.text) <= rules.max_chars["navigation"]:
                label = "navigation"
            elif "footer" in block.context and len(block.text) <= rules.max_chars["footer"]:
                label = "footer"
        if label is not None:
            labels[block.index] = label
    return labels

