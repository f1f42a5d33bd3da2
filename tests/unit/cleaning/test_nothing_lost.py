"""Property: every non-empty input line ends up in an article or in a removal, exactly once."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from workers.cleaning.blocks import split_blocks
from workers.cleaning.boilerplate import Rules, classify_blocks
from workers.cleaning.segment import segment
from workers.cleaning.template import TemplateConfig, find_template_blocks, learn
from workers.model import RawPage

RULES = Rules.load()


def _lines_from_seeds() -> list[str]:
    from pathlib import Path

    import orjson

    path = Path(__file__).resolve().parents[3] / "seeds" / "raw-pages.jsonl"
    lines: list[str] = []
    for record in path.read_bytes().splitlines():
        lines += [line for line in orjson.loads(record)["content"].splitlines() if line.strip()]
    return sorted(set(lines))


VOCABULARY = _lines_from_seeds() + ["TT", "Share", "Related News", "Read more: other story", "2 hours ago", "World",
                                    "\u00a9 2025 Example", "Headline of a test story", "A photo of the scene (AFP)"]

pages = st.lists(
    st.one_of(st.sampled_from(VOCABULARY), st.text(min_size=1, max_size=80), st.just("")), min_size=1, max_size=60
)


def outcome(lines: list[str], removals=()):
    page = RawPage("p", "s", None, "text/plain", "\n".join(lines), None, None, "0" * 64)
    blocks = split_blocks(page)
    return blocks, segment(blocks, classify_blocks(blocks, RULES), RULES, list(removals))


def accounted(drafts) -> Counter:
    out: Counter = Counter()
    for d in drafts:
        out.update([d.title, *([d.subtitle] if d.subtitle is not None else []), *d.captions, *d.paragraphs])
        out.update(r.text for r in d.removed)
    return out


@given(pages | pages.map(lambda lines: lines + lines))  # also a page printed twice over
def test_every_block_is_kept_or_removed_exactly_once(lines):
    blocks, drafts = outcome(lines)
    if drafts:
        assert accounted(drafts) == Counter(b.text for b in blocks)
        removed = [r.block for d in drafts for r in d.removed]
        assert len(removed) == len(set(removed))
        for d in drafts:  # a repeat points at a block kept in its own article
            kept = {d.title, d.subtitle, *d.captions, *d.paragraphs}
            assert all(r.kept_block not in removed and blocks[r.kept_block].text in kept for r in d.removed if r.kept_block is not None)
    # With no article the pipeline dead-letters the whole page as no_body (tests/unit/test_pipeline.py).


@given(pages, st.lists(pages, max_size=6))
def test_template_removals_keep_the_invariant(lines, history):
    config = TemplateConfig(min_pages=2)
    state = None
    for n, earlier in enumerate(history):
        prior = split_blocks(RawPage(f"h{n}", "s", None, "text/plain", "\n".join(earlier), None, None, "0" * 64))
        state = learn(state, f"h{n}", prior, config)
    page_blocks = split_blocks(RawPage("p", "s", None, "text/plain", "\n".join(lines), None, None, "0" * 64))
    blocks, drafts = outcome(lines, find_template_blocks(page_blocks, state, config, page_id="p"))
    if drafts:
        assert accounted(drafts) == Counter(b.text for b in blocks)


def test_a_headline_removed_by_the_template_is_not_also_the_title():
    # Found by hypothesis: the repeated "headline" of a strong header was also a template block.
    a = "A bullet line long enough to be a block of its own in this page."
    b = "Another bullet line that is printed twice in a row on the page."
    config = TemplateConfig(min_pages=1)
    state = learn(None, "h0", split_blocks(RawPage("h0", "s", None, "text/plain", a, None, None, "0" * 64)), config)
    lines = [a, b, b, a]
    page_blocks = split_blocks(RawPage("p", "s", None, "text/plain", "\n".join(lines), None, None, "0" * 64))
    blocks, drafts = outcome(lines, find_template_blocks(page_blocks, state, config, page_id="p"))
    assert accounted(drafts) == Counter(lines)
