from workers.cleaning.repeats import KeptBlocks
from workers.model import Block
from workers.text import block_key


def kept(*texts: str) -> KeptBlocks:
    blocks = KeptBlocks()
    for i, text in enumerate(texts):
        blocks.add(Block(i, text, block_key(text)))
    return blocks


def block(text: str, index: int = 99) -> Block:
    return Block(index, text, block_key(text))


CAPTION = "The foreign minister at a press conference in Moscow (Reuters)"


def test_same_key_is_a_repeat_of_the_first_occurrence():
    blocks = kept("Title", CAPTION)
    assert blocks.repeat_of(block("title!")) == 0
    assert blocks.repeat_of(block("  The foreign minister at a press conference in Moscow  (Reuters).")) == 1


def test_a_short_label_in_front_or_behind_is_a_repeat():
    blocks = kept("Title", CAPTION)
    assert blocks.repeat_of(block("Europe " + CAPTION)) == 1
    assert blocks.repeat_of(block("Middle East " + CAPTION)) == 1
    assert blocks.repeat_of(block("a much longer lead in here " + CAPTION)) is None


def test_near_identical_short_blocks_are_repeats_but_different_ones_are_not():
    blocks = kept("one two three four five six seven eight nine ten eleven twelve")
    assert blocks.repeat_of(block("one two three four five six seven eight nine ten eleven twelve thirteen")) == 0
    assert blocks.repeat_of(block("one two three four five six seven something else entirely here")) is None


def test_empty_keys_are_never_repeats():
    assert kept("***").repeat_of(block("***")) is None
