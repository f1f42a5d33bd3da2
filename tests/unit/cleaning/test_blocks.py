from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from workers.cleaning.blocks import split_blocks
from workers.model import RawPage


def page(content: str, content_type: str = "text/plain") -> RawPage:
    return RawPage("p", "s", None, content_type, content, None, None, "0" * 64)


def test_plain_text_blocks_are_non_empty_lines_with_their_line_numbers():
    blocks = split_blocks(page("Title\n\n  first para  \n\t\nsecond para\n"))
    assert [(b.index, b.text, b.line) for b in blocks] == [(0, "Title", 1), (1, "first para", 3), (2, "second para", 5)]
    assert blocks[1].key == "first para"


def test_html_blocks_are_innermost_block_elements_in_order_without_scripts():
    html = (
        "<html><head><title>t</title><script>var x=1;</script></head><body>"
        "<nav><ul><li>Home</li><li>World</li></ul></nav>"
        "<article><h1>Head  line</h1><figure><img src=a><figcaption>A caption</figcaption></figure>"
        "<p>Para <b>one</b>.</p><div><p>Para two</p></div></article><footer>(c) 2025</footer></body></html>"
    )
    blocks = split_blocks(page(html, "text/html"))
    assert [(b.text, b.tag) for b in blocks] == [
        ("Home", "li"), ("World", "li"), ("Head line", "h1"), ("A caption", "figcaption"),
        ("Para one.", "p"), ("Para two", "p"), ("(c) 2025", "footer"),
    ]


def test_html_text_between_block_elements_is_a_block_of_its_own():
    html = "<body>lead<div class='comment'><b>Name</b> wrote<br>this<p>Para</p>tail <i>end</i></div></body>"
    blocks = split_blocks(page(html, "text/html"))
    assert [(b.text, b.tag) for b in blocks] == [
        ("lead", "body"), ("Name wrote", "div"), ("this", "div"), ("Para", "p"), ("tail end", "div")]


def test_html_line_breaks_split_loose_text_but_not_an_element():
    html = "<div>First para.<br><br>Second <b>para</b>.<br>Third</div><p>An address<br>on two lines</p>"
    assert [b.text for b in split_blocks(page(html, "text/html"))] == ["First para.", "Second para.", "Third", "An address on two lines"]
    # line breaks inside an inline element (Blogger's <span>, old table layouts' <font>) split it too
    html = "<div><span>First para.<br><br>Second <b>para</b>.</span></div><td><font size=2>One.<br>Two.</font> tail</td>"
    assert [b.text for b in split_blocks(page(html, "text/html"))] == ["First para.", "Second para.", "One.", "Two. tail"]


def test_html_inline_elements_side_by_side_read_as_separate_words_but_punctuation_stays_attached():
    html = "<div><span>Read also</span><a href='#'>The title</a></div><div><a>Facebook</a><a>X</a></div><p>a <a>link</a>.</p>"
    assert [b.text for b in split_blocks(page(html, "text/html"))] == ["Read also The title", "Facebook X", "a link."]


def test_html_class_words_give_a_byline_context():
    blocks = split_blocks(page("<div class='post-meta'><span>By A. Writer</span> <time>Monday</time></div>", "text/html"))
    assert [(b.text, b.context) for b in blocks] == [("By A. Writer Monday", ("byline",))]


def test_a_footer_inside_an_article_is_the_articles_footer_not_the_sites():
    html = ("<article><h1>Storm</h1><p>Text</p><footer><div>A. Writer covers science.</div></footer></article>"
            "<footer><p>All rights reserved</p></footer>")
    blocks = split_blocks(page(html, "text/html"))
    assert [(b.text, b.context) for b in blocks][2:] == [
        ("A. Writer covers science.", ("article-footer",)), ("All rights reserved", ("footer",))]


def test_deeply_nested_html_does_not_exhaust_the_stack():
    html = "<div>" * 3000 + "<p>deep</p>" + "</div>" * 3000
    assert [b.text for b in split_blocks(page(html, "text/html"))] == ["deep"]


# Random nested HTML: every text of the page must reach a block (none is lost between elements).
_WORDS = st.sampled_from(["alpha", "beta", "gamma", "\u0628\u064a\u0631\u0648\u062a", "\u063a\u0632\u0629", "42"])
_TAGS = st.sampled_from(["div", "p", "span", "a", "b", "li", "ul", "section", "h2", "figure", "figcaption", "em"])


def _element(tag_and_children: tuple[str, list[str]]) -> str:
    tag, children = tag_and_children
    return f"<{tag}>" + " ".join(children) + f"</{tag}>"


def _elements_of(inner):
    return st.tuples(_TAGS, st.lists(inner, min_size=1, max_size=4)).map(_element)


_html = st.recursive(_WORDS, _elements_of, max_leaves=25)


@given(st.lists(_html, min_size=1, max_size=5))
def test_every_word_of_random_html_reaches_a_block(parts):
    html = "<body>" + " ".join(parts) + "</body>"
    from selectolax.lexbor import LexborHTMLParser

    # what a browser would show, as words (the parser, not a regex, decides how tags nest)
    expected = Counter((LexborHTMLParser(html).body.text(separator=" ") or "").split())
    blocks = split_blocks(page(html, "text/html"))
    assert Counter(" ".join(b.text for b in blocks).split()) == expected


_PIECES = st.sampled_from(list("<>/ab =\"'!-\u0628\u0629") + ["<p>", "<br>", "</div>", "<article>", "<li>", "&amp;", "<script>", "<h2>"])


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_any_html_splits_without_raising(html):
    for block in split_blocks(page(html, "text/html")):
        assert block.text and block.text == block.text.strip()


def test_a_wordpress_posts_tag_and_category_classes_do_not_make_it_a_tag_list():
    html = ("<div class='post-7 post type-post hentry category-news tag-health'><h2>Flu campaign starts</h2>"
            "<p>Text</p></div><div class='tag-list'><a>Health</a></div>")
    blocks = split_blocks(page(html, "text/html"))
    assert [(b.text, b.context) for b in blocks] == [("Flu campaign starts", ()), ("Text", ()), ("Health", ("nav",))]
