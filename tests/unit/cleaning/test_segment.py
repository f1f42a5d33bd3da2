"""Segmentation on small synthetic pages (English, so the rules are readable here)."""

from workers.cleaning.blocks import split_blocks
from workers.cleaning.boilerplate import Rules, classify_blocks
from workers.cleaning.segment import find_article_starts, segment
from workers.model import RawPage

RULES = Rules.load()


def run(text: str):
    blocks = split_blocks(RawPage("p", "s", None, "text/plain", text, None, None, "0" * 64))
    labels = classify_blocks(blocks, RULES)
    return blocks, labels, segment(blocks, labels, RULES)


HEADER = ["Storm hits the coast", "A deck line about the storm", "Waves break on the pier (Reuters)",
          "Waves break on the pier (Reuters)", "TT", "Storm hits the coast",
          "Waves break on the pier (Reuters)", "Waves break on the pier (Reuters)"]
BODY = ["The storm reached the coast on Monday night, officials said, and thousands lost power.",
        "Schools will stay closed on Tuesday while crews clear the roads, the mayor said."]


def test_strong_header_gives_title_subtitle_caption_and_repeats():
    blocks, labels, [article] = run("\n".join(HEADER + BODY))
    assert find_article_starts(blocks, labels) == [0]
    assert article.title == HEADER[0] and article.subtitle == HEADER[1]
    assert article.captions == [HEADER[2]] and article.paragraphs == BODY
    assert [(r.block, r.reason, r.kept_block) for r in article.removed] == [
        (3, "repeat", 2), (4, "artifact", None), (5, "repeat", 0), (6, "repeat", 2), (7, "repeat", 2)]


def test_each_strong_header_starts_an_article_and_a_teaser_list_runs_to_the_next():
    second = ["Second story title here", "A photo (AFP)", "A photo (AFP)", "TT", "Second story title here",
              "A photo (AFP)", "A photo (AFP)", "Body of the second story, long enough to be a paragraph for sure."]
    teasers = ["Related News", "Storm hits the coast", "Some teaser summary line about another story.", "Reporter (City)"]
    _, _, articles = run("\n".join(HEADER + BODY + teasers + second))
    assert [a.title for a in articles] == [HEADER[0], second[0]]
    assert articles[1].paragraphs == [second[-1]]
    assert {r.text: r.reason for r in articles[0].removed if r.block >= 10} == {t: "teaser" for t in teasers}


def test_a_page_without_repeats_or_chrome_is_unharmed():
    lines = ["Short title", *BODY, "A closing paragraph that says what happens next in the story."]
    _, _, [article] = run("\n".join(lines))
    assert article.title == "Short title" and article.paragraphs == lines[1:] and article.removed == []


def test_category_label_before_the_headline_and_chrome_after_it():
    lines = ["World", "Storm hits the coast of the northern region", "2 hours ago", "Share", *BODY, "© 2025 Example News"]
    _, _, [article] = run("\n".join(lines))
    assert article.title == lines[1] and article.paragraphs == BODY
    assert [r.reason for r in article.removed] == ["category", "date", "widget", "footer"]


def test_inline_read_more_line_is_one_teaser_not_a_list():
    lines = ["Storm hits the coast of the north", BODY[0], "Read more: Floods in the south last year", BODY[1]]
    _, _, [article] = run("\n".join(lines))
    assert article.paragraphs == BODY and [r.reason for r in article.removed] == ["teaser"]


def test_no_kept_block_gives_no_article():
    assert run("TT\nShare\n2 hours ago")[2] == []


def test_a_header_printed_twice_without_an_artifact_makes_its_caption_a_caption():
    page = ["World", "Storm hits the coast", "Crowds watch the waves", "Storm hits the coast", "Crowds watch the waves", *BODY]
    blocks, labels, [article] = run("\n".join(page))
    assert find_article_starts(blocks, labels) == [1]
    assert (article.title, article.subtitle, article.captions, article.paragraphs) == (page[1], None, [page[2]], BODY)
    assert [(r.text, r.reason) for r in article.removed] == [
        ("World", "category"), (page[1], "repeat"), (page[2], "repeat")]  # the label is no article of its own


def test_a_menu_printed_one_item_per_line_is_navigation_and_the_headline_follows_it():
    _, _, [article] = run("\n".join(["Gulf Times", "World", "Business", "Sport", "Storm hits the coast tonight", *BODY]))
    assert article.title == "Storm hits the coast tonight" and article.paragraphs == BODY
    assert {r.text: r.reason for r in article.removed} == {t: "navigation" for t in ("Gulf Times", "World", "Business", "Sport")}
    _, _, [article] = run("\n".join(["Gulf Times", "World", "Storm hits the coast tonight", *BODY]))
    assert article.title == "Storm hits the coast tonight"
    assert {r.text: r.reason for r in article.removed} == {"Gulf Times": "category", "World": "category"}


def test_short_lines_closing_an_article_are_its_tags_unless_they_are_a_list():
    _, _, [article] = run("\n".join(["Storm hits the coast tonight", *BODY, "Storms", "Coast", "Weather"]))
    assert article.paragraphs == BODY
    assert {r.text: r.reason for r in article.removed} == {"Storms": "navigation", "Coast": "navigation", "Weather": "navigation"}
    for tail in (["You will need:", "Flour", "Eggs", "Sugar"], ["\u2022 Flour", "\u2022 Eggs", "\u2022 Sugar"], ["Two tags", "Only"]):
        _, _, [article] = run("\n".join(["Storm hits the coast tonight", *BODY, *tail]))
        assert article.paragraphs == BODY + tail and article.removed == []


def run_html(html: str):
    blocks = split_blocks(RawPage("p", "s", None, "text/html", html, None, None, "0" * 64))
    labels = classify_blocks(blocks, RULES)
    return segment(blocks, labels, RULES)


_SENTENCES = (
    "Officials said on Monday that the work would take most of the coming year.",
    "Residents welcomed the news but asked for more details about the costs.",
    "The ministry expects the first results to be published before the summer.",
)


def _article(title: str, heading: str = "h2", paragraphs: int = 2) -> str:
    body = "".join(f"<p>{sentence}</p>" for sentence in _SENTENCES[:paragraphs])
    return f"<article><{heading}>{title}</{heading}>{body}</article>"


def test_each_html_article_element_holding_a_whole_article_is_an_article():
    articles = run_html("<body>" + _article("Olive harvest begins") + _article("New railway opens") + "</body>")
    assert [(a.title, len(a.paragraphs)) for a in articles] == [("Olive harvest begins", 2), ("New railway opens", 2)]


def test_teaser_cards_and_comments_in_article_elements_stay_in_the_page_article():
    cards = "".join(_article(f"Teaser {i}", heading="h3", paragraphs=1) for i in range(3))
    comments = "<section>" + "".join(
        f"<article><p>Comment {i} says the story was long enough to read twice.</p><p>Posted by reader number {i} of many.</p></article>"
        for i in range(2)) + "</section>"
    articles = run_html("<body>" + _article("Olive harvest begins", heading="h1", paragraphs=3) + cards + comments + "</body>")
    assert [a.title for a in articles] == ["Olive harvest begins"]
    related = "<aside>" + "".join(_article(f"Related {i}", heading="h3", paragraphs=2) for i in range(2)) + "</aside>"
    assert [a.title for a in run_html("<body>" + _article("Olive harvest begins", "h1", 3) + related + "</body>")] == [
        "Olive harvest begins"]


def test_a_section_label_above_a_header_opens_that_article_but_tags_stay_with_theirs():
    second = ["Oil prices rise after output cut", "A rig at sea (Reuters)", "A rig at sea (Reuters)", "TT",
              "Oil prices rise after output cut", "A rig at sea (Reuters)", "A rig at sea (Reuters)",
              "Brent rose two percent to 84 dollars a barrel on Wednesday, traders said."]
    articles = run("\n".join(HEADER + BODY + ["Economy"] + second))[2]
    assert [a.title for a in articles] == [HEADER[0], second[0]]
    assert articles[0].paragraphs == BODY
    assert ("Economy", "category") in [(r.text, r.reason) for r in articles[1].removed]
    tags = ["Storms", "Coast", "Weather"]
    articles = run("\n".join(HEADER + BODY + tags + second))[2]
    assert articles[0].paragraphs == BODY and articles[1].paragraphs == [second[-1]]
    assert [(r.text, r.reason) for r in articles[0].removed if r.text in tags] == [(t, "navigation") for t in tags]


def test_an_html_h1_headline_is_the_title_and_the_top_bar_above_it_is_chrome():
    paragraphs = "".join(f"<p>{s}</p>" for s in BODY)
    top = "<div><span>Monday 23 November 2026</span> <a>Sign in to your account</a></div>"
    [article] = run_html(f"<body>{top}<h1>Storm hits the coast overnight</h1>{paragraphs}</body>")
    assert article.title == "Storm hits the coast overnight"
    assert article.paragraphs == BODY
    assert [(r.text, r.reason) for r in article.removed] == [("Monday 23 November 2026 Sign in to your account", "navigation")]
    # a logo in an h1 is not the headline; prose above an h1 is kept
    intro = "<p>The storm reached the coast on Monday night, officials said, and the roads were closed.</p>"
    [article] = run_html(f"<body><h1>Gazette</h1><h2>Storm hits the coast overnight</h2>{paragraphs}</body>")
    assert article.title != "Gazette"
    [article] = run_html(f"<body>{intro}<h1>Storm hits the coast overnight</h1>{paragraphs}</body>")
    assert article.title == "Storm hits the coast overnight" and article.paragraphs[0].startswith("The storm reached")


def test_an_html_comments_heading_opens_the_comments_but_a_plain_comments_button_does_not():
    paragraphs = "".join(f"<p>{s}</p>" for s in BODY)
    comments = "<div class='comments'><h3>Comments</h3><div><b>Reader</b><p>I was there that night, it was a long one.</p></div></div>"
    [article] = run_html(f"<body><h1>Storm hits the coast overnight</h1>{paragraphs}{comments}</body>")
    assert article.paragraphs == BODY
    assert {r.reason for r in article.removed} == {"widget"} and len(article.removed) == 3
    _, _, [article] = run("\n".join(["Storm hits the coast overnight", "Comments", *BODY]))
    assert article.paragraphs == BODY  # a share bar's "Comments" button between paragraphs


def test_a_page_title_with_the_site_name_gives_way_to_the_bare_headline_after_it():
    _, _, [article] = run("\n".join(["Storm hits the coast | Gazette", "Weather", "Storm hits the coast", *BODY]))
    assert article.title == "Storm hits the coast"
    assert [(r.text, r.reason, r.kept_block) for r in article.removed] == [
        ("Storm hits the coast | Gazette", "repeat", 2), ("Weather", "category", None)]
    _, _, [article] = run("\n".join(["Storm hits the coast - live", *BODY]))
    assert article.title == "Storm hits the coast - live"  # no bare copy follows: nothing to prefer


def test_a_short_heading_over_bullets_under_the_headline_is_body_not_a_category():
    bullets = ["• Power cut for thousands", "• Schools closed on Tuesday"]
    _, _, [article] = run("\n".join(["Storm hits the coast", "Key points", *bullets, *BODY]))
    assert article.paragraphs == ["Key points", *bullets, *BODY]
    _, _, [article] = run("\n".join(["Storm hits the coast", "Weather", *BODY]))
    assert [r.reason for r in article.removed] == ["category"]


def test_a_teaser_list_without_its_marker_is_known_by_its_cards_source_lines():
    cards = ["Europe Officials at the summit (AP)", "Ministers meet on energy", "Ministers met in Brussels on Monday to discuss prices.",
             "\u00abThe Gazette\u00bb (Brussels)", "Rail strike ends after two weeks", "Unions and the rail company agreed on a new contract.",
             "\u00abThe Gazette\u00bb (Paris)"]
    _, _, [article] = run("\n".join(["Storm hits the coast", *BODY, *cards]))
    assert article.paragraphs == BODY
    assert [(r.text, r.reason) for r in article.removed] == [(c, "teaser") for c in cards]
    # one source line is an article's own dateline; cards followed by more prose are not a list at the end
    _, _, [article] = run("\n".join(["Storm hits the coast", "\u00abThe Gazette\u00bb (Brussels)", *BODY]))
    assert article.paragraphs == ["\u00abThe Gazette\u00bb (Brussels)", *BODY]
    _, _, [article] = run("\n".join(["Storm hits the coast", *BODY, *cards, "More prose to close the story, with a second sentence."]))
    assert "teaser" not in {r.reason for r in article.removed}


def test_a_short_paragraph_that_reports_speech_and_ends_with_its_agency_is_not_a_caption():
    said = "The minister said the talks would resume next week. (Reuters)"
    photo = "Rescue teams search the rubble in the old town (Reuters)"
    _, _, [article] = run("\n".join(["Storm hits the coast", *BODY, said, photo]))
    assert article.paragraphs == [*BODY, said]
    assert article.captions == [photo]


SECOND = ["Ferry service resumes after the storm", "Passengers board the first ferry", "Passengers board the first ferry",
          "The first ferry left the harbour at dawn on Wednesday, two days after the storm closed the port.",
          "The operator said all routes would run on the normal timetable from Thursday, weather permitting."]


def test_a_later_headline_printed_once_over_its_doubled_photo_caption_starts_an_article():
    teasers = ["Related News", "Power returns to the islands", "Flights resume at the airport"]
    _, _, articles = run("\n".join(HEADER + BODY + teasers + SECOND))
    assert [a.title for a in articles] == [HEADER[0], SECOND[0]]
    assert (articles[1].captions, articles[1].paragraphs) == ([SECOND[1]], SECOND[3:])
    assert {r.text: r.reason for r in articles[0].removed if r.block >= 10} == {t: "teaser" for t in teasers}
    # with a summary between headline and photo, straight after the previous story's prose
    with_summary = [SECOND[0], "The port reopened after two days", *SECOND[1:]]
    _, _, articles = run("\n".join(HEADER + BODY + with_summary))
    assert [(a.title, a.subtitle) for a in articles] == [(HEADER[0], HEADER[1]), (SECOND[0], with_summary[1])]


def test_a_doubled_caption_inside_an_article_or_above_its_prose_starts_nothing():
    # a section heading over a caption printed once, and a doubled caption not followed by prose
    inside = ["The damage", "A flooded street (AP)", *SECOND[3:], "Cleanup", "A crew at work", "A crew at work", "Crews"]
    _, _, [article] = run("\n".join(HEADER + BODY + inside))
    assert article.title == HEADER[0] and "The damage" in article.paragraphs
    # the first headline of a page: its own header, not a split
    _, _, [article] = run("\n".join(SECOND))
    assert (article.title, article.captions) == (SECOND[0], [SECOND[1]])


def test_a_whole_article_printed_again_further_down_the_page_is_one_article():
    page = HEADER + BODY + ["Related News", "Power returns to the islands"] + SECOND
    blocks, _, articles = run("\n".join(page + page))
    assert [a.title for a in articles] == [HEADER[0], SECOND[0]]
    assert articles[0].paragraphs == BODY and articles[1].paragraphs == SECOND[3:]
    n = len(page)
    reprint = {r.block: r for a in articles for r in a.removed if r.block >= n}
    assert sorted(reprint) == list(range(n, 2 * n))  # every block of the second copy is removed once
    for r in reprint.values():  # "TT" and the teaser list keep their own reasons
        assert r.reason != "repeat" or (r.kept_block < n and blocks[r.kept_block].key == blocks[r.block].key)
    assert reprint[n].reason == "repeat" and reprint[n].kept_block == 0  # its headline points at the first copy's
    # the same headline over another text (a story updated further down) stays an article of its own
    updated = HEADER + ["Officials now say the storm cut power to more than fifty thousand homes on Monday night."]
    _, _, articles = run("\n".join(HEADER + BODY + updated))
    assert len(articles) == 2


def test_a_headline_repeated_around_an_artifact_is_no_doubled_caption_for_the_line_above_it():
    teasers = ["Related News", "Power returns to the islands", "Reporter (City)"]
    second = ["Ferry service resumes", "TT", "Ferry service resumes", SECOND[3]]
    _, _, articles = run("\n".join(HEADER + BODY + teasers + second))
    assert [a.title for a in articles] == [HEADER[0], second[0]]
    assert {r.text: r.reason for r in articles[0].removed if r.block >= 10} == {t: "teaser" for t in teasers}


# A later article printed once: its headline, its photo's caption with a credit, a lead that
# retells the headline, more prose.
ONCE = ["Floods cut the railway between the two northern cities", "A flooded track near the station (AFP)",
          "Floods cut the railway between the northern cities of Alder and Birch on Sunday, the rail operator said.",
          "Engineers expect the line to reopen by the end of the week if the water keeps falling, officials added."]


def test_a_later_headline_over_a_credited_caption_and_a_lead_that_retells_it_starts_an_article():
    _, _, articles = run("\n".join(HEADER + BODY + ONCE))
    assert [a.title for a in articles] == [HEADER[0], ONCE[0]]
    assert articles[1].captions == [ONCE[1]] and articles[1].paragraphs == ONCE[2:]
    assert articles[0].paragraphs == BODY


def test_a_photo_printed_above_the_later_headline_opens_its_article():
    photo_first = [ONCE[1], ONCE[0], *ONCE[2:]]
    _, _, articles = run("\n".join(HEADER + BODY + photo_first))
    assert [a.title for a in articles] == [HEADER[0], ONCE[0]]
    assert articles[1].captions == [ONCE[1]] and articles[0].captions == [HEADER[2]]
    # printed again, above or under the headline, the caption is a repeat of its first copy
    for photo_again in ([ONCE[1], ONCE[1], ONCE[0], *ONCE[2:]], [ONCE[1], ONCE[0], ONCE[1], *ONCE[2:]]):
        blocks, _, articles = run("\n".join(HEADER + BODY + photo_again))
        first = len(HEADER + BODY)
        assert articles[1].captions == [ONCE[1]] and articles[1].title == ONCE[0] and articles[1].paragraphs == ONCE[2:]
        assert [(r.text, r.reason, r.kept_block) for r in articles[1].removed] == [(ONCE[1], "repeat", first)]


def test_a_later_headline_and_its_deck_over_the_caption_start_an_article_at_the_headline():
    deck = "Rail operator says repairs will take days"
    _, _, articles = run("\n".join(HEADER + BODY + [ONCE[0], deck, *ONCE[1:]]))
    assert [a.title for a in articles] == [HEADER[0], ONCE[0]]
    assert articles[1].subtitle == deck and articles[1].captions == [ONCE[1]] and articles[1].paragraphs == ONCE[2:]


def test_section_headings_over_a_photo_stay_in_the_article():
    # too short for a news headline, though the paragraph under it retells it
    short = ["Northern railway floods", ONCE[1], *ONCE[2:]]
    # long enough, but the paragraph under it tells another part of the story
    other = ["What the mayor promised the families on Tuesday", ONCE[1], *ONCE[2:]]
    for lines in (short, other):
        _, _, [article] = run("\n".join(HEADER + BODY + lines))
        assert article.paragraphs == BODY + [lines[0]] + ONCE[2:]


def test_without_a_credited_photo_a_retold_heading_starts_no_article():
    # inside the story, a heading that the next paragraph retells is a section heading
    _, _, [article] = run("\n".join(HEADER + BODY + [ONCE[0], *ONCE[2:]]))
    assert article.paragraphs == BODY + [ONCE[0], *ONCE[2:]]
    # a teaser box inside the story: its title, a summary that retells it, then the story goes on
    box = ["Read more", "Storm damage shuts the harbour for a week and strands ferries",
           "The storm damage shut the harbour for a week and stranded ferries, the port authority said on Monday."]
    _, _, [article] = run("\n".join(HEADER + BODY + box + ONCE[2:]))
    assert article.title == HEADER[0] and ONCE[3] in article.paragraphs


def test_an_html_read_also_box_the_dom_does_not_name_ends_where_the_story_resumes():
    story = ["<p>The storm reached the coast on Monday night, officials said, and thousands of homes lost power.</p>",
             "<p>Schools will stay closed on Tuesday while crews clear the roads and repair the lines, the mayor said.</p>",
             "<p>Forecasters expect calmer weather from Wednesday, but warned of flooding along the rivers this week.</p>"]
    box = "<div class='box'><h4>Read also</h4><ul><li><a>Floods in the south last year</a></li></ul></div>"
    [article] = run_html(f"<body><h1>Storm hits the coast overnight</h1>{story[0]}{box}{''.join(story[1:])}</body>")
    assert len(article.paragraphs) == 3 and [r.reason for r in article.removed] == ["teaser", "teaser"]
    # a sidebar list printed before the story ends at the story's headline
    side = "<div class='col'><h3>Most read</h3><a>Floods in the south last year</a></div>"
    [article] = run_html(f"<body>{side}<div><h1>Storm hits the coast overnight</h1>{''.join(story)}</div></body>")
    assert article.title == "Storm hits the coast overnight" and len(article.paragraphs) == 3


def test_one_read_also_link_inside_the_story_does_not_take_its_last_paragraph():
    last = "Forecasters expect calmer weather from Wednesday, but warned of flooding along the rivers this week."
    long_body = [*BODY, "Crews worked through the night to restore power to the hospital and the water plant, the utility said."]
    for tail in ([last], [last, "Rescue boats on a flooded street (Reuters)"]):
        _, _, [article] = run("\n".join(HEADER + long_body + ["Read more", "Floods in the south last year", *tail]))
        assert article.paragraphs == long_body + [last] and article.captions == [HEADER[2], *tail[1:]]
    # a list of related stories with summaries keeps its summaries
    teasers = ["Related News", "Floods in the south last year", last, "Reporter (Port City)"]
    _, _, [article] = run("\n".join(HEADER + long_body + teasers))
    assert article.paragraphs == long_body


def test_a_section_name_printed_again_around_a_two_letter_menu_item_is_not_a_header():
    menu = ["Egypt News", "World News", "Sports", "TV", "Economy", "Egypt News"]
    blocks, labels, [article] = run("\n".join([*menu, "Storm hits the coast of the north", *BODY]))
    assert find_article_starts(blocks, labels) == [] and labels[3] == "artifact"
    assert article.title == "Storm hits the coast of the north" and article.paragraphs == BODY


def test_a_paragraph_that_reports_speech_with_its_source_is_no_photo_under_a_headline():
    said = "The operator said the line stays closed (Reuters)"
    _, _, [article] = run("\n".join(HEADER + BODY + [ONCE[0], said, *ONCE[2:]]))
    assert article.paragraphs == BODY + [ONCE[0], said, *ONCE[2:]]


def test_the_writers_dateline_between_a_later_photo_and_its_story_does_not_hide_the_header():
    for dateline in ("Alder: Jane Roe", "London - The Daily Paper", "By Jane Roe"):
        # headline over a doubled caption, then the dateline, then prose
        doubled = [*SECOND[:3], dateline, *SECOND[3:]]
        _, _, articles = run("\n".join(HEADER + BODY + doubled))
        assert [a.title for a in articles] == [HEADER[0], SECOND[0]], dateline
        assert articles[1].paragraphs == [dateline, *SECOND[3:]] and articles[0].paragraphs == BODY
        # headline over a credited caption printed once, then the dateline, then a lead retelling it
        once = [*ONCE[:2], dateline, *ONCE[2:]]
        _, _, articles = run("\n".join(HEADER + BODY + once))
        assert [a.title for a in articles] == [HEADER[0], ONCE[0]], dateline
        assert articles[1].paragraphs == [dateline, *ONCE[2:]]
    # a line of a list under the photo is no dateline: the teaser card stays what it was
    card = [*SECOND[:3], "Alder: Jane Roe and others in a long list of names here", *SECOND[3:]]
    _, _, articles = run("\n".join(HEADER + BODY + card))
    assert len(articles) == 1


def test_unmarked_teaser_cards_with_their_title_around_the_photo_before_the_next_article():
    def card(title: str, photo: str, summary: str, place: str) -> list[str]:
        return [title, f"Europe {photo} (AP)", title, summary, f"\u00abThe Gazette\u00bb ({place})"]

    cards = card("Ministers meet on energy", "Officials at the summit", "Ministers met in Brussels on Monday to discuss prices.", "Brussels")
    cards += card("Rail strike ends after two weeks", "A train at the station", "Unions and the rail company agreed on a contract.", "Paris")
    last = card("Farmers block the roads", "Tractors on the motorway", "Farmers protested against new rules on Friday.", "Berlin")
    # the last card's source line stands above the next article's headline
    blocks, _, articles = run("\n".join(HEADER + BODY + cards + last + SECOND))
    assert [a.title for a in articles] == [HEADER[0], SECOND[0]]
    assert articles[0].paragraphs == BODY and articles[1].paragraphs == SECOND[3:]
    removed = {r.text: r.reason for a in articles for r in a.removed if r.block >= len(HEADER + BODY)}
    assert {removed[t] for t in cards + last[:-1]} == {"teaser"}
    # an article's prose after its cards' last whole card is no card cut short: the list is not at the end
    _, _, articles = run("\n".join(HEADER + BODY + cards + BODY[:1] + SECOND))
    assert "teaser" not in {r.reason for r in articles[0].removed}


def test_a_site_and_writer_dateline_under_the_headline_is_a_byline_not_the_subtitle():
    for byline in ("Hespress - Jane Roe", "Abu Dhabi - Sky News"):
        _, _, [article] = run("\n".join([ONCE[0], byline, *BODY]))
        assert article.subtitle is None and article.paragraphs == [byline, *BODY]
    deck = "Thousands lose power - schools stay closed"  # a deck with a dash: more than five words
    _, _, [article] = run("\n".join([ONCE[0], deck, *BODY]))
    assert (article.title, article.subtitle) == (ONCE[0], deck)


def test_a_headline_printed_with_an_ellipsis_right_above_the_story_is_the_title():
    for cut in ("Storm warning: heavy rain and a sharp drop in temperatures...", "Storm warning for the coast\u2026"):
        _, _, [article] = run("\n".join([cut, "By Jane Roe:", *BODY]))
        assert article.title == cut and article.paragraphs == ["By Jane Roe:", *BODY]
    # teasers cut short above the page's own headline stay teasers
    teasers = ["Power returns to the islands after the...", "Flights resume at the airport as..."]
    _, _, [article] = run("\n".join([*teasers, ONCE[0], *BODY]))
    assert article.title == ONCE[0] and [r.reason for r in article.removed] == ["teaser", "teaser"]


def test_a_wordpress_comments_heading_that_names_the_post_opens_the_comments():
    paragraphs = "".join(f"<p>{s}</p>" for s in BODY)
    comments = (
        "<div id='comments'><h2>2 thoughts on \u201cStorm hits the coast overnight\u201d</h2><ol><li><article>"
        "<footer><b>Reader</b> <span>says:</span></footer><div><p>I was there that night, it was a long one.</p></div>"
        "</article></li></ol></div>"
    )
    [article] = run_html(f"<body><h1>Storm hits the coast overnight</h1>{paragraphs}{comments}</body>")
    assert article.paragraphs == BODY
    assert {r.reason for r in article.removed} == {"widget"} and len(article.removed) == 3


def test_an_in_story_list_of_links_and_a_promoted_links_box_are_teasers_and_the_story_goes_on():
    items = ["list of 3 items", "list 1 of 3", "Leaders meet again in Geneva next week", "list 2 of 3",
             "What the new climate fund means for islands", "list 3 of 3", "Five charts that explain the deal",
             "end of list"]
    promoted = ["Sponsored stories", "Doctors stunned by this simple kitchen trick",
                "These flats in Dubai may surprise you", "Taboola"]
    body = ["The climate summit closed on Sunday with a deal to raise the money that helps poorer states adapt, "
            "after two extra days of hard talks.",
            "The deal lifts yearly funding to 300 billion dollars by 2035, with rich states paying the largest share "
            "and banks and private funds the rest."]
    tail = ["The summit's chair called the deal a step that rebuilds trust, and urged states to act on it."]
    _, _, [article] = run("\n".join(HEADER + body + items + tail + promoted))
    assert article.paragraphs == body + tail
    reasons = {r.text: r.reason for r in article.removed}
    assert {t: reasons[t] for t in items[::2] + promoted[:3]} == {t: "teaser" for t in items[::2] + promoted[:3]}
    assert {reasons[t] for t in items[1::2] + promoted[3:]} == {"widget"}


def test_a_site_name_in_the_page_headers_h1_gives_way_to_the_posts_heading_in_its_article():
    paragraphs = "".join(f"<p>{s}</p>" for s in _SENTENCES[:3])
    site = ("<header class='site-header'><div class='site-branding'><h1 class='site-title'><a>The Morning Ledger Gazette</a></h1>"
            "<p class='site-description'>Business news from the whole region</p></div></header>")
    post = f"<article class='post hentry'><header class='entry-header'><h2>Phosphate exports rise by a fifth this year</h2></header>{paragraphs}</article>"
    [article] = run_html(f"<body>{site}<main>{post}</main></body>")
    assert article.title == "Phosphate exports rise by a fifth this year"
    assert article.paragraphs == list(_SENTENCES[:3])
    assert {r.text for r in article.removed} == {"The Morning Ledger Gazette", "Business news from the whole region"}
    # an h1 in the page header with no article element to hold a heading stays the title
    [article] = run_html(f"<body><header><h1>Phosphate exports rise by a fifth this year</h1></header>{paragraphs}</body>")
    assert article.title == "Phosphate exports rise by a fifth this year"


def test_a_dateline_ending_with_a_colon_above_the_lead_does_not_hide_the_headline_in_a_sidebar_list():
    sidebar = ["Latest News", "Governor inspects sewage projects in three villages", "Three tonnes of fake fertiliser seized in a raid",
               "Second-round exams for the preparatory certificate start tomorrow"]
    story = ["Local News", "Farm minister opens the wheat harvest season in Sharqia",
             "The minister during his tour of wheat fields in Zagazig (Reuters)", "Zagazig - Special:",
             "The farm minister opened the wheat harvest season in Sharqia on Sunday morning, touring fields with the governor.",
             "He said the price of wheat delivered this season would be higher than last year, to help the farmers.",
             "He added that the area planted with wheat in the province had grown by a tenth on the last season."]
    _, _, [article] = run("\n".join(sidebar + story))
    assert article.title == story[1]
    assert article.paragraphs == story[3:]
