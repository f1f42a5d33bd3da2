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
