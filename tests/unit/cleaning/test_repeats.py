from hypothesis import given
from hypothesis import strategies as st

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


def _reference_label_repeat(kept_keys: list[str], key: str) -> int | None:
    """The label rule written plainly: drop 1..3 words from the front, or from the back."""
    from workers.cleaning.repeats import LABEL_MAX_WORDS, MIN_LABELLED_KEY_CHARS

    words = key.split()
    for cut in range(1, min(LABEL_MAX_WORDS, len(words) - 1) + 1):
        for rest in (" ".join(words[cut:]), " ".join(words[:-cut])):
            if len(rest) >= MIN_LABELLED_KEY_CHARS and rest in kept_keys:
                return kept_keys.index(rest)
    return None


@given(st.lists(st.sampled_from(["aa", "bbb", "c", "dddd", "eeeeeeee", "ff"]), min_size=1, max_size=12), st.integers(0, 3), st.integers(0, 3))
def test_label_rule_matches_its_plain_definition(words, front, back):
    kept_key = " ".join(words)
    probe = " ".join(["lbl"] * front + words + ["tag"] * back)
    blocks = KeptBlocks()
    blocks.add(Block(0, kept_key, kept_key))
    expected = 0 if probe == kept_key else _reference_label_repeat([kept_key], probe)
    if expected is None and len(set(words)) >= 4:
        return  # the similarity rule may apply as well; only the label rule is compared here
    assert blocks.repeat_of(Block(1, probe, probe)) == expected
