from workers.cleaning.segment import segment
from workers.model import Block, Removal


def test_first_kept_block_is_the_title_and_every_block_is_accounted_for():
    bs = [Block(i, t, t) for i, t in enumerate(["T", "T", "p1", "p2"])]
    removals = [Removal(1, "T", "repeat", 0)]
    [article] = segment(bs, removals)
    assert article.title == "T" and article.paragraphs == ["p1", "p2"] and article.removed == removals
    assert article.fields()[0] == ("title", None, "T") and article.fields()[2] == ("paragraphs", 1, "p2")


def test_no_kept_block_gives_no_article():
    assert segment([], []) == []
