"""The native segmenter (native/src/segment.rs, native/src/repeats.rs) against the Python
definitions it was ported from: the patterns as Python's ``regex`` module reads them (for every
code point where a character class matters, and on random text), the repeat rule written plainly,
and the wrapper's contract (given removals passed on, bad input refused)."""

from __future__ import annotations

import khabar_native
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from workers.cleaning.blocks import split_blocks
from workers.cleaning.boilerplate import Rules, classify_blocks
from workers.cleaning.repeats import LABEL_MAX_WORDS, MIN_LABELLED_KEY_CHARS, SIMILARITY, SIMILARITY_MAX_TOKENS, KeptBlocks
from workers.cleaning.segment import segment
from workers.model import Block, RawPage, Removal
from workers.text import block_key

RULES = Rules.load()

# The segmenter's patterns as the Python implementation wrote them (regex module).
_LIST_MARKS = "\u2022-*\u25cf\u25aa\u00b7\u2013"
PATTERNS = {
    "list_item": regex.compile(rf"^(?:[{regex.escape(_LIST_MARKS)}]|\d{{1,2}}\s*[.)\-])\s*\S"),
    "short_dateline": regex.compile(r"^\p{L}+(?:\s\p{L}+){0,2}\s*[-\u2013\u2014\u0640]\s*\p{L}+(?:\s\p{L}+){0,2}\s*:?$"),
    "place_dateline": regex.compile(r"^\p{L}+(?:\s\p{L}+)?\s*[:\-\u2013\u2014]\s*[\u00ab\"]?\p{L}+(?:\s\p{L}+){0,2}[\u00bb\"]?$"),
    "card_source": regex.compile(r"^[\u00ab\"\u201c][^\u00ab\u00bb\"\u201c\u201d]{2,40}[\u00bb\"\u201d]\s*\([^()]{2,40}\)$"),
    "site_suffix": regex.compile(r"\s+[|\-\u2013\u2014]\s+\S+(?:\s+\S+){0,2}\s*$"),
    "section_prefix": regex.compile(r"^\S+(?:\s+\S+){0,2}\s*:\s+"),
    "marker_title": regex.compile(r"[:\-\u2013]\s*\S"),
    "sentence_end": regex.compile(r"[.!?\u061f\u06d4\u2026:]['\"\u00bb\u201d)]?\s*$"),
    "statement_end": regex.compile(r"[.\u06d4\u2026:]['\"\u00bb\u201d)]?\s*$"),
}
# Python searched the two sentence ends backwards ((?r)); whether they match is the same.
REVERSED = {
    "sentence_end": regex.compile(r"(?r)[.!?\u061f\u06d4\u2026:]['\"\u00bb\u201d)]?\s*$"),
    "statement_end": regex.compile(r"(?r)[.\u06d4\u2026:]['\"\u00bb\u201d)]?\s*$"),
}
_ANCHORED = {"list_item", "short_dateline", "place_dateline", "card_source", "section_prefix"}


def python_span(name: str, text: str) -> tuple[int, int] | None:
    pattern = PATTERNS[name]
    found = pattern.match(text) if name in _ANCHORED else pattern.search(text)
    return found.span() if found else None


def _code_points():
    return (chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


def test_words_are_python_regex_word_runs_for_every_code_point():
    word = regex.compile(r"\w")
    wrong = [hex(ord(c)) for c in _code_points() if khabar_native.word_count(c) != (1 if word.match(c) else 0)]
    assert wrong == []


@pytest.mark.parametrize(
    ("name", "template"),
    [
        ("short_dateline", "{c}{c} - {c}"),  # \p{L}
        ("place_dateline", "{c}: {c}{c}"),  # \p{L}
        ("list_item", "{c}. x"),  # \d
        ("list_item", "{c}x"),  # the list marks, \s, \S
        ("marker_title", ":{c}"),  # \s, \S
        ("sentence_end", "x.{c}"),  # \s
        ("site_suffix", "x{c}|{c}y"),  # \s, \S
    ],
)
def test_character_classes_read_as_python_regex_does_for_every_code_point(name, template):
    wrong = []
    for c in _code_points():
        text = template.format(c=c)
        if khabar_native.segment_pattern(name, text) != python_span(name, text):
            wrong.append(hex(ord(c)))
    assert wrong == []


_ALPHABET = list("ab \u0627\u0644\u0645\u062f\u064a\u0646\u0647 :-\u2013\u2014\u0640|.!?\u061f\u06d4\u2026'\"\u00ab\u00bb\u201c\u201d()\u2022*\u25cf\u00b7\u060c,0123\u0661\u00a0\u3000\t\x1c")


@settings(max_examples=3000, deadline=None)
@given(st.sampled_from(sorted(PATTERNS)), st.text(alphabet=st.sampled_from(_ALPHABET), max_size=40))
def test_patterns_find_what_python_regex_finds(name, text):
    assert khabar_native.segment_pattern(name, text) == python_span(name, text)
    if name in REVERSED:
        assert (khabar_native.segment_pattern(name, text) is None) == (REVERSED[name].search(text) is None)


class ReferenceKeptBlocks:
    """The repeat rule as the Python implementation wrote it (workers/cleaning/repeats.py)."""

    def __init__(self) -> None:
        self._by_key: dict[str, int] = {}
        self._short: list[tuple[int, frozenset[str], int]] = []

    def add(self, key: str, index: int) -> None:
        self._by_key.setdefault(key, index)
        if key and 4 <= key.count(" ") + 1 <= SIMILARITY_MAX_TOKENS:
            tokens = frozenset(key.split())
            self._short.append((len(tokens), tokens, index))

    def repeat_of(self, key: str) -> int | None:
        if not key:
            return None
        if key in self._by_key:
            return self._by_key[key]
        n_words = key.count(" ") + 1
        if n_words > SIMILARITY_MAX_TOKENS + LABEL_MAX_WORDS:
            return None
        if len(key) > MIN_LABELLED_KEY_CHARS:
            head, back = -1, len(key)
            for _cut in range(min(LABEL_MAX_WORDS, n_words - 1)):
                head = key.find(" ", head + 1)
                back = key.rfind(" ", 0, back)
                for rest in (key[head + 1 :], key[:back]):
                    if len(rest) >= MIN_LABELLED_KEY_CHARS and rest in self._by_key:
                        return self._by_key[rest]
        if not 4 <= n_words <= SIMILARITY_MAX_TOKENS:
            return None
        mine = frozenset(key.split())
        size = len(mine)
        low, high = SIMILARITY * size, size / SIMILARITY
        for count, tokens, index in self._short:
            if low <= count <= high and len(mine & tokens) >= SIMILARITY * len(mine | tokens):
                return index
        return None


_WORDS = st.sampled_from(["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "w9", "كتاب", "البيت", "aaaaaaaaaaaaaaaaaaaaaa", "x"])
_KEYS = st.lists(_WORDS, max_size=44).map(" ".join) | st.lists(st.sampled_from(["w1", "w2", " ", "\u3000", "\t", "\x1c"]), max_size=30).map("".join)


@settings(max_examples=800, deadline=None)
@given(st.lists(_KEYS, min_size=1, max_size=10), st.lists(st.tuples(st.integers(0, 9), st.integers(0, 3), st.lists(_WORDS, max_size=3)), max_size=8))
def test_repeats_match_the_python_rule(kept_keys, probes):
    reference, native = ReferenceKeptBlocks(), KeptBlocks()
    for i, key in enumerate(kept_keys):
        reference.add(key, i)
        native.add(Block(i, key, key))
    for which, edit, extra in probes:
        words = kept_keys[which % len(kept_keys)].split(" ")
        if edit == 1 and words:
            words[len(extra) % len(words)] = "zz"  # one word replaced
        elif edit == 2:
            words = extra + words  # a label in front
        elif edit == 3:
            words = words[::-1] + extra  # the same words in another order, and more
        key = " ".join(words)
        assert native.repeat_of(Block(99, key, key)) == reference.repeat_of(key)


def _page(text: str) -> tuple[list[Block], dict[int, str]]:
    blocks = split_blocks(RawPage("p", "s", None, "text/plain", text, None, None, "0" * 64))
    return blocks, classify_blocks(blocks, RULES)


BODY = [
    "The storm reached the coast on Monday night, officials said, and thousands lost power.",
    "Schools will stay closed on Tuesday while crews clear the roads, the mayor said.",
]


def test_a_given_removal_is_passed_on_unchanged_and_a_line_class_wins_over_it():
    blocks, labels = _page("\n".join(["Storm hits the coast of the north", *BODY, "Share"]))
    template = [Removal(1, blocks[1].text, "template"), Removal(3, blocks[3].text, "template"), Removal(40, "gone", "template")]
    [article] = segment(blocks, labels, RULES, template)
    assert article.paragraphs == [BODY[1]]
    assert article.removed[0] is template[0]
    assert [(r.block, r.reason) for r in article.removed] == [(1, "template"), (3, "widget")]


def test_a_block_numbered_out_of_place_or_a_label_of_no_block_is_refused():
    blocks, labels = _page("\n".join(["Storm hits the coast", *BODY]))
    with pytest.raises(ValueError):
        segment([blocks[1], blocks[0]], {}, RULES)
    with pytest.raises(IndexError):
        segment(blocks, {7: "widget"}, RULES)


def test_removals_are_the_model_type_and_equal_to_ones_made_by_hand():
    blocks, labels = _page("\n".join(["World", "Storm hits the coast tonight", *BODY, "2 hours ago"]))
    [article] = segment(blocks, labels, RULES)
    assert article.removed == [Removal(0, "World", "category"), Removal(4, "2 hours ago", "date")]
    assert all(type(r) is Removal and hash(r) == hash(Removal(r.block, r.text, r.reason, r.kept_block)) for r in article.removed)


def test_a_headline_with_html_character_references_keys_as_python_does():
    # '<headline> | <site>' then the headline alone: the key of the bare headline is computed with
    # the character references read (workers.text.key_of_folded, called back from native code)
    title = "Storm &amp; floods hit the coast | Example News"
    blocks, labels = _page("\n".join([title, "Storm & floods hit the coast", *BODY]))
    [article] = segment(blocks, labels, RULES)
    assert block_key("Storm &amp; floods hit the coast") == blocks[1].key
    assert article.title == "Storm & floods hit the coast"
    assert [(r.block, r.reason, r.kept_block) for r in article.removed] == [(0, "repeat", 1)]
