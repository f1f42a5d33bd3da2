from workers.cleaning.repeats import find_repeated_blocks
from workers.model import Block
from workers.text import block_key


def blocks(*texts: str) -> list[Block]:
    return [Block(i, t, block_key(t)) for i, t in enumerate(texts)]


def test_repeats_point_to_the_first_occurrence():
    removals = find_repeated_blocks(blocks("Title", "Caption", "Caption", "TT", "Title!", "Caption", "Body"))
    assert [(r.block, r.kept_block, r.reason) for r in removals] == [(2, 1, "repeat"), (4, 0, "repeat"), (5, 1, "repeat")]
    assert removals[1].text == "Title!"


def test_page_without_repeats_loses_nothing():
    assert find_repeated_blocks(blocks("a", "b", "c")) == []


def test_punctuation_only_blocks_are_not_repeats():
    assert find_repeated_blocks(blocks("***", "***")) == []
