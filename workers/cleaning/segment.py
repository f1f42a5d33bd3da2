"""Stage ``segment``: cut a page into articles and give every block a role or a removal reason.

Decisions, in order:

1. **Line classes** (``boilerplate.classify_blocks``) remove artifacts, widgets, dates, footers and
   navigation wherever they stand.
2. **Article starts.** Scraped news pages repeat an article's header: headline, captions, an
   artifact ("TT"), headline again, captions again. A *strong header* is a block repeated within
   the next few blocks with either an artifact or a doubled block (a caption printed twice) in
   between, or with the blocks in between printed again right after the repetition. Each strong
   header starts an article; so does, in plain text, a later headline printed once over its
   photo's caption printed twice and prose (``photo_header_starts``), or around a caption with a
   credit, over a lead that retells it (``captioned_headline_starts``), and, in HTML, the heading
   of each further ``<article>`` element that holds a whole article (``html_article_starts``); a
   page without any of these is one article;
   short labels above the first strong header are that article's category, and so is one section
   label printed right above a later header.
3. **Teaser lists.** A line that is only a related-articles marker ("مقالات ذات صلة", "Related
   News", "اقرأ أيضاً") opens a teaser list that runs to the next article start or the end of the
   page (in plain text: to where the story resumes, two paragraphs of prose in a row; a marker
   above the page's first prose ends at the story's headline); all of it is removed as ``teaser``
   (blocks with a more specific class keep theirs). A marker followed by a title on the same line
   is one teaser line only.
4. **Roles** within an article: one or two short category labels before a longer headline or one
   right after it, or a menu (``MENU_MIN_ITEMS`` or more short lines of at most 4 words, no byline
   among them, followed by a headline-like line: that line is the headline), the chrome printed
   above the headline (link lists, cut teasers, site labels, a list of the site's headlines whose
   one line is the headline printed again); the title; a subtitle
   (a headline-like line right after the title); captions (blocks printed twice in the header or
   twice in a row, or with a photo credit or label); a tag list (short lines closing the article,
   or after a "Tags:" line); paragraphs (everything else, section headings and bullets included).
5. **Repeats** within an article: same matching key, a short label in front of a kept block
   ("أوروبا " + caption), or a high token-set similarity between short blocks. The first
   occurrence is kept; the others are removed as ``repeat`` pointing at it. A whole article
   printed again further down the page is one article (``_fold_reprints``).

Every block ends up in exactly one article, as text or in ``removed``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

import regex

from workers.cleaning.boilerplate import REGION_MARKERS, Rules
from workers.cleaning.repeats import LABEL_MAX_WORDS, KeptBlocks
from workers.model import ArticleDraft, Block, Removal
from workers.text import block_key

REMOVAL_REASONS = ("repeat", "artifact", "widget", "navigation", "date", "footer", "category", "teaser", "template")

HEADER_WINDOW = 10  # how far ahead a headline's repetition is looked for
MENU_MIN_ITEMS = 3  # this many short label lines before the headline are a menu, not the title
TAG_RUN_MIN = 3  # this many short lines closing an article after its prose are a tag list
ARTICLE_MIN_PARAGRAPHS, PARAGRAPH_MIN_CHARS = 2, 40  # an HTML <article> that holds a whole article
_BULLETS = ("\u2022", "-", "*", "\u25cf", "\u25aa")
MAX_HEADLINE_WORDS = 40
MIN_HEADLINE_WORDS = 3  # a strong header's headline: a section name printed around a menu item is none
MAX_TITLE_WORDS = 25  # a headline-like line (``_headline_like``) has at most this many words
HEADLINE_LIST_MIN = 3  # a headline printed again below its first copy and this many other headline-like lines: a list
MENU_REPEATED_NAME = 3  # a line above the headline that repeats two words this often is a channel menu
PROSE_MIN_WORDS = 15  # a line of at least this many words ending a sentence is the story's prose
PAIR_MIN_WORDS = 8  # two sentence-ending lines in a row of this many words each (twice PROSE_MIN_WORDS together)
_LIST_MARKS = "".join(_BULLETS) + "\u00b7\u2013"
_LIST_ITEM = regex.compile(rf"^(?:[{regex.escape(_LIST_MARKS)}]|\d{{1,2}}\s*[.)\-])\s*\S")  # "• …", "- …", "3. …"
# "الحدث- غزة", "القدس المحتلة ـ فلسطين اليوم": a place and a source (or a source and a place)
_SHORT_DATELINE = regex.compile(r"^\p{L}+(?:\s\p{L}+){0,2}\s*[-\u2013\u2014\u0640]\s*\p{L}+(?:\s\p{L}+){0,2}\s*:?$")
# "بيروت: كارولين عاكوم", "القاهرة - «الشرق الأوسط»": a place, then the writer or the paper
_PLACE_DATELINE = regex.compile(
    r"^\p{L}+(?:\s\p{L}+)?\s*[:\-\u2013\u2014]\s*[\u00ab\"]?\p{L}+(?:\s\p{L}+){0,2}[\u00bb\"]?$"
)
CARD_MIN, CARD_BLOCKS = 2, 5  # a teaser list without its marker: this many cards of at most this many blocks
_CARD_SOURCE = regex.compile(r"^[\u00ab\"\u201c][^\u00ab\u00bb\"\u201c\u201d]{2,40}[\u00bb\"\u201d]\s*\([^()]{2,40}\)$")
SITE_TITLE_LOOKAHEAD = 3  # how far after a '<headline> | <site>' line its bare headline is looked for
_SITE_SUFFIX = regex.compile(r"\s+[|\-\u2013\u2014]\s+\S+(?:\s+\S+){0,2}\s*$")
_SECTION_PREFIX = regex.compile(r"^\S+(?:\s+\S+){0,2}\s*:\s+")  # "اخبار السودان : <headline>"
HTML_TITLE_MIN_WORDS = 3  # an h1 of fewer words is a logo or a section name, not the headline
HTML_CHROME_MAX_WORDS = 12  # short lines above an HTML page's h1 headline are its top bar
CAPTION_MAX_WORDS = 45
HEADLINE_MAX_CHARS = 300  # no longer than this: a headline's characters (its words: MAX_TITLE_WORDS)
HEADER_LINE_MIN_WORDS = 4  # a headline or deck line has at least this many words
ECHO_HEADLINE_MIN_WORDS = 5  # a later headline printed once with one caption has at least this many words
ECHO_MIN_WORDS, ECHO_MIN_SHARE = 3, 0.4  # of a headline's words that its story's lead paragraph repeats
LEAD_CHARS = 400  # a lead retells its headline in its first sentence or two
_SENTENCE_END = regex.compile(r"(?r)[.!?\u061f\u06d4\u2026:]['\"\u00bb\u201d)]?\s*$")
_STATEMENT_END = regex.compile(r"(?r)[.\u06d4\u2026:]['\"\u00bb\u201d)]?\s*$")  # a headline may end with ? or !


@dataclass
class _Article:
    blocks: list[Block]
    header: set[int] = field(default_factory=set)  # indexes of the strong header span


def segment(blocks: list[Block], labels: dict[int, str], rules: Rules, removals: list[Removal] = ()) -> list[ArticleDraft]:
    """Articles of a page, in order.

    Args:
        blocks: All blocks of the page.
        labels: Line classes by block index (``boilerplate.classify_blocks``).
        rules: Compiled rules (for caption credits and teaser markers).
        removals: Removals found by earlier stages (e.g. learned site templates).

    Returns:
        The articles; every block is in exactly one article, as text or in ``removed``. Empty when
        the page has no kept block.
    """
    removed: dict[int, Removal] = {
        index: Removal(index, blocks[index].text, label) for index, label in labels.items() if label not in REGION_MARKERS
    }
    for removal in removals:  # a line class is more specific than a learned template
        if removal.block not in labels:
            removed.setdefault(removal.block, removal)
    starts = find_article_starts(blocks, labels)
    splits = sorted(
        set(starts)
        | set(photo_header_starts(blocks, labels, rules, starts))
        | set(captioned_headline_starts(blocks, labels, rules, starts))
        | set(html_article_starts(blocks, labels))
    )
    _remove_tag_lists(blocks, labels, removed)
    _remove_teasers(blocks, labels, rules, splits, removed)

    # An article's section label printed right above its header opens the article: one short line
    # after prose or chrome (not the last of several short lines, which may be the previous
    # article's tags).
    opens: dict[int, int] = {}  # span start -> the split it leads to
    for s in splits:
        a = s
        if s > 1 and s - 1 not in removed and s - 1 not in splits and _is_label(blocks[s - 1]):
            if s - 2 in removed or not _is_label(blocks[s - 2], max_words=4, max_chars=40):
                a = s - 1
        opens[a] = s
    bounds = [0, *(a for a in opens if a > 0), len(blocks)]
    spans = [(a, b) for a, b in zip(bounds, bounds[1:]) if a < b]
    if len(spans) > 1 and 0 not in opens:  # short labels above the first header are not an article
        lead = [i for i in range(*spans[0]) if i not in removed]
        if all(_is_label(blocks[i], max_words=4, max_chars=40) for i in lead):
            for i in lead:
                removed[i] = Removal(i, blocks[i].text, "category")
    drafts: list[ArticleDraft] = []
    ranges: list[tuple[int, int]] = []  # each draft's span of blocks
    orphans: list[Removal] = []
    for a, b in spans:
        header = _header_span(blocks, opens[a], labels) if opens.get(a) in starts else set()
        draft = _build_article(blocks[a:b], header, removed, rules, labels)
        if draft is None:
            orphans.extend(removed[i] for i in range(a, b) if i in removed)
            continue
        if orphans:
            draft.removed.extend(orphans)
            orphans = []
        drafts.append(draft)
        ranges.append((a, b))
    if orphans and drafts:
        drafts[-1].removed.extend(orphans)
    if len(drafts) > 1:
        drafts = _fold_reprints(blocks, drafts, ranges)
    for draft in drafts:
        draft.removed.sort(key=lambda r: r.block)
    return drafts


def _fold_reprints(blocks: list[Block], drafts: list[ArticleDraft], ranges: list[tuple[int, int]]) -> list[ArticleDraft]:
    """A whole article printed again further down the page (an endless-scroll page that loaded it
    twice) is one article: when every kept block of a later article, headline first, is a kept
    block of an earlier one, the later one's blocks are ``repeat``s of the earlier copy's and are
    recorded in the earlier article."""
    out: list[tuple[ArticleDraft, str, dict[str, int]]] = []  # (draft, its title's key, kept key -> block)
    for draft, (a, b) in zip(drafts, ranges):
        gone = {r.block for r in draft.removed}
        kept = [blocks[i] for i in range(a, b) if i not in gone]
        title_key = next((block.key for block in kept if block.text == draft.title), None) or block_key(draft.title)
        for earlier, earlier_title_key, index in out:
            if title_key == earlier_title_key and all(block.key in index for block in kept):
                earlier.removed.extend(  # a repeat within the reprint points at the earlier copy too
                    Removal(r.block, r.text, r.reason, index[blocks[r.kept_block].key])
                    if r.kept_block is not None and a <= r.kept_block < b
                    else r
                    for r in draft.removed
                )
                earlier.removed.extend(Removal(block.index, block.text, "repeat", index[block.key]) for block in kept)
                break
        else:
            index: dict[str, int] = {}
            for block in kept:
                index.setdefault(block.key, block.index)
            out.append((draft, title_key, index))
    return [draft for draft, _, _ in out]


def find_article_starts(blocks: list[Block], labels: dict[int, str]) -> list[int]:
    """Indexes of strong headers: a headline repeated shortly after, with an artifact or a doubled
    block (a caption printed twice) in between, or with what stands between them printed again
    after the repetition (headline, caption, headline, caption)."""
    starts: list[int] = []
    covered = -1
    positions: dict[str, list[int]] = {}  # key -> indexes of the blocks with that key, ascending
    for i, block in enumerate(blocks):
        positions.setdefault(block.key, []).append(i)
    for i, block in enumerate(blocks):
        if i <= covered or i in labels or not block.key:
            continue
        same = positions[block.key]
        after = bisect_right(same, i)
        if after == len(same) or same[after] > i + HEADER_WINDOW or not MIN_HEADLINE_WORDS <= block.words <= MAX_HEADLINE_WORDS:
            continue
        if _chrome_above_headline(block) is not None:
            continue  # a list item ("• X", then "X") is a link printed twice, not a header
        j = same[after]  # the first repetition
        doubled = any(blocks[k].key and blocks[k].key == blocks[k + 1].key for k in range(i + 1, j - 1))
        artifact = any(labels.get(k) == "artifact" for k in range(i + 1, j))
        if doubled or artifact or _printed_twice(blocks, i, j):
            starts.append(i)
            covered = j
    return starts


def photo_header_starts(blocks: list[Block], labels: dict[int, str], rules: Rules, starts: list[int]) -> list[int]:
    """Plain text: the headlines of later articles printed once, with their photo: a headline-like
    line after the page's first sentence of text, then (after at most one line, a summary) a
    caption printed twice in a row, then prose. Inside an article a photo's caption is printed
    once; a doubled caption under a headline is an article's header whose headline was not
    repeated."""
    unlabelled = [k for k in range(len(blocks)) if k not in labels]
    doubled = {  # blocks printed again as the next unlabelled block: the only candidate captions
        k for k, k2 in zip(unlabelled, unlabelled[1:]) if blocks[k].key and blocks[k].key == blocks[k2].key
    }
    strong = {k for start in starts for k in _header_span(blocks, start, labels)} if doubled and starts else set()
    doubled -= strong  # a strong header's headline around its "TT" is no caption
    if not doubled:
        return []
    position = {k: p for p, k in enumerate(unlabelled)}
    # the headline stands one or two unlabelled lines above a doubled caption
    candidates = sorted({unlabelled[p] for c in doubled for p in (position[c] - 1, position[c] - 2) if p >= 0})
    first_text = _first_sentence(blocks, unlabelled, strong)
    out: list[int] = []
    covered = -1
    n = len(blocks)
    for i in candidates:
        block = blocks[i]
        if i <= first_text or i <= covered or i in strong or block.tag is not None:
            continue
        following = [k for k in range(i + 1, min(n, i + 6)) if k not in labels]
        if not doubled.intersection(following[:2]):
            continue  # no caption printed twice right under this line or under the next
        if not _headline_like(block) or _chrome_above_headline(block) is not None:
            continue
        before = next((k for k in range(i - 1, -1, -1) if k not in labels), None)
        # the caption right under the headline, or after a summary; not a line of a list whose
        # last item or marker stands above the headline
        summary_allowed = labels.get(i - 1) not in REGION_MARKERS and (
            before is None or _is_prose(blocks[before]) or not _headline_like(blocks[before])
        )
        for skip in (0, 1) if summary_allowed else (0,):
            if len(following) < skip + 3:
                break
            c, c2, body = following[skip], following[skip + 1], following[skip + 2]
            if _dateline_line(blocks[body], rules) and len(following) > skip + 3:
                body = following[skip + 3]  # the writer's dateline between the photo and the story
            if blocks[c].key and blocks[c].key == blocks[c2].key and blocks[c].key != block.key and _is_prose(blocks[body]):
                out.append(i)
                covered = c2
                break
    return out


def captioned_headline_starts(blocks: list[Block], labels: dict[int, str], rules: Rules, starts: list[int]) -> list[int]:
    """Plain text: the headers of later articles whose headline and photo caption are printed once.
    Around a caption with a credit, after the page's first sentence of text: one or two
    headline-like lines right above it (headline, or headline and deck) or one right under it,
    then two paragraphs of prose in a row, the first of which retells one of those lines (a news
    lead does: at least ``ECHO_MIN_WORDS`` of the headline's words, and ``ECHO_MIN_SHARE`` of them,
    come back in it). The article starts at the topmost of those lines, or at the caption when
    the photo is printed above the headline. A section heading inside an article is short and
    rarely stands over a photo and its own retelling; a teaser card (photo, title, a
    one-sentence summary, source line) has no second paragraph."""
    unlabelled = [k for k in range(len(blocks)) if k not in labels and blocks[k].tag is None]
    if len(unlabelled) < 4:
        return []
    strong = {k for start in starts for k in _header_span(blocks, start, labels)}
    first_text = _first_sentence(blocks, unlabelled, strong)
    line = [blocks[k] for k in unlabelled]
    short = [len(b.text) <= HEADLINE_MAX_CHARS and not _STATEMENT_END.search(b.text) for b in line]  # cheap: most are prose
    out: list[int] = []
    for p, c in enumerate(unlabelled):
        if c <= first_text or c in strong or not short[p] or not _is_caption_line(line[p], rules):
            continue
        above = []  # the headline (and deck) over the photo, topmost first
        for q in (p - 1, p - 2):
            if q < 0 or unlabelled[q] <= first_text or not (short[q] and _header_line(line[q], rules)):
                break
            above.insert(0, line[q])
        under = [line[p + 1]] if p + 1 < len(line) and short[p + 1] and _header_line(line[p + 1], rules) else []
        first = p + 1 + len(under)
        if first < len(line) and short[first] and _dateline_line(line[first], rules):
            first += 1  # the writer's dateline above the story
        story = line[first : first + 2]
        if not above and not under or len(story) < 2 or not (_is_prose(story[0]) and _is_prose(story[1])):
            continue
        if any(b.words >= ECHO_HEADLINE_MIN_WORDS and _retells(story[0], b, rules) for b in above + under):
            q = p - len(above)
            while q > 0 and line[q - 1].key == line[p].key and unlabelled[q - 1] > first_text:
                q -= 1  # the same caption printed right above the header too
            out.append(unlabelled[q])
    return out


def _dateline_line(block: Block, rules: Rules) -> bool:
    """A byline or a dateline alone on its line, as printed between a later article's photo and
    its story ("بيروت: كارولين عاكوم", "القاهرة - «الشرق الأوسط»", "كتب: …")."""
    return block.words <= 6 and (
        _PLACE_DATELINE.match(block.text.strip()) is not None or rules.is_byline(block.text, block.folded or None)
    )


def _byline_or_dateline(block: Block, rules: Rules) -> bool:
    """A byline ("كتب: …", "By …") or a short dateline ("الحدث- غزة"), kept where it stands."""
    return rules.is_byline(block.text, block.folded or None) or _SHORT_DATELINE.match(block.text.strip()) is not None


def _first_sentence(blocks: list[Block], candidates: list[int], strong: set[int]) -> int:
    """Index of the page's first sentence of text among ``candidates`` (plain-text lines outside
    the strong headers, ``PAIR_MIN_WORDS`` words or more, ending a sentence): a later article's
    header can only stand below it. ``len(blocks)`` if there is none."""
    return next(
        (
            k
            for k in candidates
            if k not in strong and blocks[k].tag is None and blocks[k].words >= PAIR_MIN_WORDS and _SENTENCE_END.search(blocks[k].text)
        ),
        len(blocks),
    )


def _header_line(block: Block, rules: Rules) -> bool:
    """A line of a header printed once: a headline or a deck of ``HEADER_LINE_MIN_WORDS`` to
    ``MAX_TITLE_WORDS`` words (no sentence end), not a caption, byline or chrome."""
    return (
        HEADER_LINE_MIN_WORDS <= block.words <= MAX_TITLE_WORDS
        and _chrome_above_headline(block) is None
        and not rules.is_byline(block.text, block.folded or None)
        and not rules.has_credit(block.text, block.folded or None)
    )


def _is_caption_line(block: Block, rules: Rules) -> bool:
    """A photo caption printed once: a line of at most ``CAPTION_MAX_WORDS`` words ending with a
    credit (or starting with a photo label), not a byline, not a paragraph that reports speech and
    names its source (the test ``_build_article`` applies to a line with a credit)."""
    folded = block.folded or None
    return (
        rules.has_credit(block.text, folded)
        and block.words <= CAPTION_MAX_WORDS
        and not rules.is_byline(block.text, folded)
        and not rules.reports_speech(block.key)
    )


# a key's words, each with the clitics that headline and lead may not share taken off (conjunction,
# preposition, article): group 1 the word, group 2 its stem
_CLITIC_WORDS = regex.compile(
    r"(?<!\w)((?:(?:[\N{ARABIC LETTER WAW}\N{ARABIC LETTER FEH}]?"
    r"(?:[\N{ARABIC LETTER BEH}\N{ARABIC LETTER KAF}\N{ARABIC LETTER LAM}]?\N{ARABIC LETTER ALEF}\N{ARABIC LETTER LAM}"
    r"|\N{ARABIC LETTER LAM}\N{ARABIC LETTER LAM})"
    r"|[\N{ARABIC LETTER WAW}\N{ARABIC LETTER FEH}\N{ARABIC LETTER BEH}\N{ARABIC LETTER LAM}])(?=\w\w\w))?(\w+))"
)


def _content_words(key: str, rules: Rules) -> set[str]:
    """A key's words of three letters or more, each without its clitics, function words left out."""
    stop = rules.function_words
    return {stem for word, stem in _CLITIC_WORDS.findall(key) if len(stem) >= 3 and word not in stop and stem not in stop}


def _retells(lead: Block, headline: Block, rules: Rules) -> bool:
    """Whether ``lead`` repeats enough of ``headline``'s words to be its story's first paragraph
    (in its first ``LEAD_CHARS`` characters; a word counts wherever it stands in the lead's key,
    clitics and endings around it too)."""
    words = _content_words(headline.key, rules)
    if len(words) < ECHO_MIN_WORDS:
        return False
    text = lead.key[:LEAD_CHARS]
    shared = sum(1 for word in words if word in text)
    return shared >= ECHO_MIN_WORDS and shared >= ECHO_MIN_SHARE * len(words)


def html_article_starts(blocks: list[Block], labels: dict[int, str]) -> list[int]:
    """HTML: the headings of the second and later ``<article>`` elements that hold a whole article
    (a heading and at least ``ARTICLE_MIN_PARAGRAPHS`` paragraphs of ``PARAGRAPH_MIN_CHARS``
    characters or more, outside ``nav``, ``aside`` and ``footer``). Teaser cards and comments are ``<article>``
    elements on many sites too; they hold one excerpt or none and stay where they are."""
    members: dict[int, list[Block]] = {}
    for block in blocks:
        if block.html_article is not None and block.index not in labels:
            members.setdefault(block.html_article, []).append(block)
    headings = []
    for group in members.values():
        heading = next((b for b in group if b.tag in ("h1", "h2", "h3")), None)
        paragraphs = sum(1 for b in group if b.tag == "p" and len(b.text) >= PARAGRAPH_MIN_CHARS)
        if heading is not None and paragraphs >= ARTICLE_MIN_PARAGRAPHS and not {"nav", "aside", "footer"} & set(heading.context):
            headings.append(heading.index)
    return sorted(headings)[1:]


def _printed_twice(blocks: list[Block], i: int, j: int) -> bool:
    """Whether what stands between a headline (``i``) and its repetition (``j``), a caption, is
    printed again right after the repetition: the whole header printed twice."""
    between = [blocks[k].key for k in range(i + 1, j)]
    return bool(between) and all(between) and between == [b.key for b in blocks[j + 1 : j + 1 + len(between)]]


def _header_span(blocks: list[Block], start: int, labels: dict[int, str]) -> set[int]:
    """The strong header at ``start``: headline, what stands between it and its repetition, and the
    repeated blocks right after it."""
    j = next(k for k in range(start + 1, len(blocks)) if blocks[k].key == blocks[start].key)
    keys = {blocks[k].key for k in range(start, j + 1)}
    end = j
    while end + 1 < len(blocks) and (blocks[end + 1].key in keys or labels.get(end + 1) == "artifact"):
        end += 1
    return set(range(start, end + 1))


def _remove_teasers(blocks: list[Block], labels: dict[int, str], rules: Rules, starts: list[int], removed: dict[int, Removal]) -> None:
    """Teaser lists and comment sections: a marker line opens a region that runs to the next
    marker, article start, footer or the end of the page (in HTML: to the end of the marker's
    container when the DOM names one, e.g. its ``aside``; in plain text and in an unnamed box, to
    where the story resumes: ``_story_resumes``). A list that prints its own end ("end of list")
    ends there. Blocks with a line class of their own keep it."""
    markers = sorted(i for i, label in labels.items() if label in REGION_MARKERS)
    first_prose = None if not markers else next((k for k in range(len(blocks)) if k not in labels and _is_prose(blocks[k])), len(blocks))
    for m in markers:
        reason = REGION_MARKERS[labels[m]]
        removed.setdefault(m, Removal(m, blocks[m].text, reason))
        if labels[m] == "teaser_marker" and (
            blocks[m].words > 5 or regex.search(r"[:\-\u2013]\s*\S", blocks[m].text.lstrip(_LIST_MARKS + " "))
        ):
            continue  # "اقرأ أيضاً: <title>" is one teaser line, not a list ("3 تعليقات على “<title>”" opens the comments)
        end = min([s for s in starts if s > m] + [k for k in markers if k > m] + [len(blocks)])
        container = set(blocks[m].context)
        close = next((k for k in range(m + 1, end) if labels.get(k) == "widget" and rules.list_end.search(blocks[k].folded)), None)
        if close is not None:  # "list of 4 items" ... "end of list": the list says where it ends
            end = close + 1
        elif blocks[m].tag is None or not container:  # plain text, or a box the DOM does not name
            end = _story_resumes(blocks, labels, rules, m, end, top=first_prose > m)
        for k in range(m + 1, end):
            if labels.get(k) == "footer" or (blocks[m].tag is not None and container and not container <= set(blocks[k].context)):
                break
            removed.setdefault(k, Removal(k, blocks[k].text, reason))


def _story_resumes(blocks: list[Block], labels: dict[int, str], rules: Rules, m: int, end: int, top: bool) -> int:
    """Where a region opened by the marker at ``m`` ends at the latest (``end``) in plain text: a
    list holds titles, summaries, sources and captions, never two paragraphs of prose in a row, so
    the story resumes at such a pair (each of ``PROSE_MIN_WORDS`` words or more; above the first
    prose ``PAIR_MIN_WORDS`` each and ``2 * PROSE_MIN_WORDS`` together, as scrapers cut paragraphs
    into lines). A marker above the page's first prose (a sidebar's "الأكثر مشاهدة" printed before
    the article) ends where the story starts (a page cut short may hold one paragraph, not a pair:
    then the first prose line stands for it): at the lines above the pair up to the nearest
    label-sized line or list item (dates, datelines and other classified lines in between do not
    count), which takes in the headline, its repetition and paragraphs cut into lines. A marker
    inside the story (prose right above it) followed by one line (a link) and one paragraph that
    ends the region or stands over a credited caption ends at that paragraph: it is the story's."""
    unlabelled = [k for k in range(m + 1, end) if k not in labels]
    before = next((k for k in range(m - 1, -1, -1) if k not in labels), None)
    inline = not top and before is not None and _is_prose(blocks[before])  # the marker stands inside the story
    if inline and len(unlabelled) >= 2 and not _is_prose(blocks[unlabelled[0]]) and _is_prose(blocks[unlabelled[1]]):
        # one link (a title), then the story's last paragraph, or a paragraph over its photo
        after = unlabelled[2] if len(unlabelled) > 2 else None
        if after is None or _is_caption_line(blocks[after], rules):
            return unlabelled[1]
    for k, k2 in zip(unlabelled, unlabelled[1:]):
        a, b = blocks[k], blocks[k2]
        if not (_SENTENCE_END.search(a.text) and _SENTENCE_END.search(b.text)):
            continue
        if min(a.words, b.words) >= (PAIR_MIN_WORDS if top else PROSE_MIN_WORDS) and a.words + b.words >= 2 * PROSE_MIN_WORDS:
            break
    else:
        k = next((k for k in unlabelled if _is_prose(blocks[k])), None) if top else None
        if k is None:
            return end
    if not top:
        return k
    resume = k
    for i in range(k - 1, m, -1):
        b = blocks[i]
        if i in labels or _byline_or_dateline(b, rules):
            continue
        if _is_label(b, max_words=4, max_chars=40) or _chrome_above_headline(b) is not None:
            break
        resume = i
    return resume


def _remove_tag_lists(blocks: list[Block], labels: dict[int, str], removed: dict[int, Removal]) -> None:
    """A navigation line that ends with a colon ("الكلمات المفتاحية:", "Tags:") announces a list:
    the short label lines right after it (one tag per line) are navigation too."""
    for m, label in labels.items():
        if label != "navigation" or not blocks[m].text.rstrip().endswith((":", "\uff1a")):
            continue
        for k in range(m + 1, len(blocks)):
            if k in labels or not _is_label(blocks[k], max_words=4, max_chars=40):
                break
            removed.setdefault(k, Removal(k, blocks[k].text, "navigation"))


def _headline_like(block: Block) -> bool:
    return 1 <= block.words <= MAX_TITLE_WORDS and not _STATEMENT_END.search(block.text)


def _is_label(block: Block, max_words: int = LABEL_MAX_WORDS, max_chars: int = 30) -> bool:
    """A short line that does not end a sentence or a clause ("اليمني،" is a line of a paragraph
    cut into lines)."""
    return (
        len(block.text) <= max_chars
        and block.words <= max_words
        and not _SENTENCE_END.search(block.text)
        and not block.text.rstrip().endswith(("\u060c", ","))
    )


def _build_article(
    blocks: list[Block], header: set[int], removed: dict[int, Removal], rules: Rules, labels: dict[int, str]
) -> ArticleDraft | None:
    kept = [b for b in blocks if b.index not in removed]
    if not kept:
        return None
    own: list[Removal] = [removed[b.index] for b in blocks if b.index in removed]

    def drop(block: Block, reason: str, kept_block: int | None = None) -> None:
        own.append(Removal(block.index, block.text, reason, kept_block))

    # Title: the strong header's headline, the h1, or the first headline-like block past the labels
    # and chrome above it (``_headline_after_chrome``).
    label_reason = "category"
    listed_from: int | None = None  # block index where a list of the site's headlines above the title starts
    h1: Block | None = None  # the HTML headline element, when it gives the title
    if header and min(header) not in removed:  # a learned template may have removed the headline
        title_block = next(b for b in blocks if b.index == min(header))
    else:
        header = set()
        title_block = kept[0]
        # HTML: the page's h1, when it reads like a headline (a logo in an h1 does not)
        h1 = next((b for b in kept if b.tag == "h1" and _headline_like(b) and b.words >= HTML_TITLE_MIN_WORDS), None)
        if h1 is not None and h1.html_article is None and "header" in h1.context:
            # the site's name in the page header's h1 (WordPress themes): the post's own heading in
            # its <article> is the headline
            h1 = next(
                (b for b in kept if b.tag in ("h1", "h2") and b.html_article is not None and _headline_like(b) and b.words >= HTML_TITLE_MIN_WORDS),
                h1,
            )
        # a menu of short lines (a site name, sections) above the headline, or one or two very short
        # labels above a longer headline
        menu = _leading_labels(kept, rules, len(kept), max_words=4, max_chars=40)
        labels_ahead = _leading_labels(kept, rules, min(2, len(kept) - 1))
        if h1 is not None:
            title_block = h1
        else:
            start = 0
            if MENU_MIN_ITEMS <= menu < len(kept) and _headline_like(kept[menu]) and not rules.is_byline(kept[menu].text, kept[menu].folded or None):
                start, label_reason = menu, "navigation"
            elif labels_ahead and _headline_like(kept[labels_ahead]) and kept[labels_ahead].words > max(b.words for b in kept[:labels_ahead]):
                start = labels_ahead
            title_block, listed_from = _headline_after_chrome(kept, start, rules)
        # the page's <title> printed first: the headline with the site's name ("… | هسبريس"), then
        # the headline alone: the headline alone is the title
        bare = _headline_without_site_name(title_block, kept)
        if bare is not None:
            drop(title_block, "repeat", bare.index)
            kept = [b for b in kept if b is not title_block]
            title_block = bare
    before = [b for b in kept if b.index < title_block.index]
    body_before: list[Block] = []
    captions_before: list[Block] = []
    chrome_of = {b.index: _chrome_above_headline(b) for b in before}
    links = {b.key for b in before if chrome_of[b.index] == "navigation"}
    # labels right above a list of links are its headings ("أقسام مهمة", "Stories", then "• …")
    headings: set[int] = set()
    for b, nxt in zip(reversed(before[:-1]), reversed(before[1:])):
        if (nxt.index in headings or chrome_of[nxt.index] == "navigation") and _is_label(b, max_words=4, max_chars=40):
            headings.add(b.index)
    for b in before:
        chrome = chrome_of[b.index]
        if chrome is not None:
            drop(b, chrome)
        elif b.key in links:
            drop(b, "navigation")  # "• X" then "X": one link printed twice
        elif listed_from is not None and b.index >= listed_from and b.key == title_block.key:
            drop(b, "repeat", title_block.index)  # the headline's copy in the list points forward
        elif listed_from is not None and b.index >= listed_from and _headline_like(b):
            drop(b, "teaser")
        elif _is_label(b, max_words=4, max_chars=40):
            drop(b, "navigation" if b.index in headings else label_reason)
        elif (title_block.tag == "h1" or title_block is h1) and b.words <= HTML_CHROME_MAX_WORDS and not _SENTENCE_END.search(b.text):
            drop(b, "navigation")  # a site's top bar above the h1 ("الاثنين 23 نوفمبر 2026 تسجيل الدخول")
        elif b.tag is None and _is_caption_line(b, rules):  # the photo printed above the headline
            first_copy = next((c for c in captions_before if c.key == b.key), None)
            if first_copy is None:
                captions_before.append(b)
            else:
                drop(b, "repeat", first_copy.index)
        else:
            body_before.append(b)

    header_counts = Counter(b.key for b in blocks if b.index in header)  # printed twice in the header: a caption
    kept_blocks = KeptBlocks()
    kept_blocks.add(title_block)
    for b in captions_before:
        kept_blocks.add(b)
    subtitle: str | None = None
    captions: list[str] = [b.text for b in captions_before]
    paragraphs: list[str] = [b.text for b in body_before]
    after = [b for b in kept if b.index > title_block.index]
    cards = _unmarked_teaser_cards(after, rules)
    for b in after[cards:]:
        drop(b, "teaser")
    after = after[:cards]
    tags = _trailing_tags(after, rules)
    for b in tags:
        drop(b, "navigation")
    if tags:
        after = after[: -len(tags)]
    first_after = True
    for pos, b in enumerate(after):
        original = kept_blocks.repeat_of(b)
        if original is not None:
            drop(b, "repeat", original)
            continue
        nxt = after[pos + 1] if pos + 1 < len(after) else None
        in_header = b.index in header
        # a section label right under the headline; not the heading of a list ("أبرز النقاط" + bullets)
        if (
            first_after
            and _is_label(b, max_words=2, max_chars=20)
            and nxt is not None
            and not in_header
            and not _bulleted(nxt)
            and not _SHORT_DATELINE.match(b.text.strip())  # "مسقط - العمانية": a dateline, kept
            and (b.words == 1 or any(w in rules.section_words for w in b.key.split()))  # "بثينة الخليل": a byline
            and nxt.key != b.key  # "الزمالك" printed twice: a photo's caption
        ):
            drop(b, "category")
            continue
        doubled = nxt is not None and nxt.key == b.key
        # a byline is never a caption or the subtitle; an editor's initials with the agencies
        # ("م.ع/ع.ج.م (د ب أ، رويترز)") end with a credit but close the article as a byline
        byline = (
            "byline" in b.context  # HTML: class="author", ...
            or rules.is_byline(b.text, b.folded or None)
            or (len(b.text) <= 60 and _SHORT_DATELINE.match(b.text.strip()) is not None and b.words <= 5)  # "هسبريس - عبد السلام الشامخ"
        )
        credit = not byline and rules.has_credit(b.text, b.folded or None) and not rules.reports_speech(b.key)
        if (in_header and (doubled or credit or header_counts[b.key] > 1)) or (
            (credit or doubled) and b.words <= CAPTION_MAX_WORDS
        ) or "figcaption" in b.context:
            captions.append(b.text)
        elif (
            first_after
            and subtitle is None
            and not paragraphs
            and not byline
            and _subtitle_like(b, in_header, nxt)
        ):
            subtitle = b.text
        else:
            paragraphs.append(b.text)
        first_after = False
        kept_blocks.add(b)
    return ArticleDraft(title=title_block.text, subtitle=subtitle, captions=captions, paragraphs=paragraphs, removed=own)


def _chrome_above_headline(block: Block) -> str | None:
    """The removal reason of a block that cannot be the headline and, standing above it, is site
    chrome: an item of a list of links ("• …", "- …", "3. …"), a teaser cut short ("… ..."), a
    source or site label ending with a colon or dash ("تاق برس:", "مدار الساعة ـ"), a ticker of
    headlines run together on one line (more than ``MAX_TITLE_WORDS`` words, no sentence end), or
    a menu of a site's channels that names the site in every item (the same two words
    ``MENU_REPEATED_NAME`` times)."""
    text = block.text.strip()
    if _LIST_ITEM.match(text):
        return "navigation"
    if text.endswith(("...", "\u2026")):
        return "teaser"
    if text.endswith((":", "-", "\u2013", "\u2014", "\u0640", "|")):
        return "category"
    if block.words > MAX_TITLE_WORDS and not _SENTENCE_END.search(text):
        return "widget"
    words = block.key.split()
    if len(words) >= 2 * MENU_REPEATED_NAME and max(Counter(zip(words, words[1:])).values()) >= MENU_REPEATED_NAME:
        return "navigation"  # "قناة صدى البلد البلد سبورت صدى البلد جامعات صدى البلد عقارات"
    return None


def _headline_after_chrome(kept: list[Block], start: int, rules: Rules) -> tuple[Block, int | None]:
    """The headline of a page without a repeated header or an ``h1``: from ``kept[start]`` (the
    first block that is not a label), the first block before the story's first prose paragraph
    that reads like a headline, past chrome (``_chrome_above_headline``), labels, bylines and
    datelines. When a line of that stretch is printed again below its first copy and
    ``HEADLINE_LIST_MIN`` or more other headline-like lines, before the prose and before any
    caption (a list of the site's headlines, then the article's own headline), the later copy is
    the headline and the list starts at the returned block index
    (else None). With no headline-like block above the prose, the first label-sized line past the
    chrome (a short headline: "الإمارات 2017"), else the first block past it (a page cut above its
    headline); ``kept[start]`` when nothing is left past it."""
    prose = next((i for i in range(start, len(kept)) if _is_prose(kept[i])), len(kept))
    first = start
    links: set[str] = set()  # keys of the list items passed: "• X" then "X" is one link printed twice
    short: Block | None = None  # the first label-sized line that is not chrome: a short headline?
    photo: Block | None = None  # the first caption passed: printed above the headline, or standing for it
    cut: Block | None = None  # a headline cut short ("… ...") with only bylines and datelines under it
    while first < prose:
        b = kept[first]
        chrome = _chrome_above_headline(b)
        dateline = _byline_or_dateline(b, rules)
        if not dateline and chrome is None and _is_caption_line(b, rules):
            photo, dateline = photo or b, True
        if chrome is None and b.key not in links and not dateline and _is_label(b, max_words=4, max_chars=40):
            short = short or b
        elif chrome is None and b.key not in links and not dateline:
            break
        if chrome == "navigation":
            links.add(b.key)
        if not dateline:
            cut = b if chrome == "teaser" and b.words <= MAX_TITLE_WORDS else None
        first += 1
    if first == len(kept):
        return kept[start], None
    if first == prose or not _headline_like(kept[first]):
        # no headline-like line above the prose: one that ends with an ellipsis right above it
        # (past bylines and datelines), a short one, else a photo's caption or the first
        # paragraph stands for it
        return cut or short or photo or kept[first], None
    listed: set[str] = set()  # keys of the headline-like lines from ``first`` on
    for b in kept[first:prose]:
        label = _is_label(b, max_words=4, max_chars=40)
        if label:
            continue
        if not _headline_like(b) or rules.has_credit(b.text, b.folded or None):
            break  # a caption: a header, not a list
        if b.key in listed and len(listed) > HEADLINE_LIST_MIN:
            return b, kept[first].index  # the site's headline list above, then the article's own headline
        listed.add(b.key)
    return kept[first], None


def _is_prose(block: Block) -> bool:
    return len(block.text) >= 2 * PROSE_MIN_WORDS and _SENTENCE_END.search(block.text) is not None and block.words >= PROSE_MIN_WORDS


def _unmarked_teaser_cards(after: list[Block], rules: Rules) -> int:
    """Where a teaser list printed without its marker line starts among the blocks after the
    headline (``len(after)`` if there is none). The list is known by its cards' source lines, an
    outlet in quotes with a place ("«الشرق الأوسط» (موسكو)"): ``CARD_MIN`` or more of them, every
    one ``CARD_BLOCKS`` blocks after the previous (title, summary, source, and a photo caption
    with a section label in front, the title printed again around it), the first one after some
    body, the last one at the article's end (or all of it but its source line, which stands above
    the next article's headline). The list starts at the first card's title, or at the captioned
    photo above it."""
    sources = [i for i, b in enumerate(after) if len(b.text) <= 90 and _CARD_SOURCE.match(b.text.strip())]
    if len(sources) < CARD_MIN or any(not 3 <= j - i <= CARD_BLOCKS for i, j in zip(sources, sources[1:])):
        return len(after)
    start = sources[0] - 2  # the first card's title (its summary is between)
    if start >= 1 and rules.has_credit(after[start - 1].text, after[start - 1].folded or None):
        start -= 1
        if start >= 1 and after[start - 1].key == after[start + 1].key:
            start -= 1  # its title printed above the photo too
    # after the last card: nothing, the photo of a card cut short, or a whole card but its source
    # line (printed above the next article's headline, where it reads as that article's label)
    tail = after[sources[-1] + 1 :]
    last_card = sources[-1] - sources[-2] - 1 if len(sources) > 1 else None
    cut_short = len(tail) == 1 and rules.has_credit(tail[0].text, tail[0].folded or None)
    if start < 2 or (tail and not cut_short and len(tail) != last_card):
        return len(after)  # no body before it, or prose after it: not a list at the article's end
    return start


def _bulleted(block: Block) -> bool:
    return block.text.lstrip().startswith(_BULLETS)


def _headline_without_site_name(title: Block, kept: list[Block]) -> Block | None:
    """The block among the next ``SITE_TITLE_LOOKAHEAD`` kept blocks whose key is ``title``'s key
    without a site name of at most ``LABEL_MAX_WORDS`` words after " | " or " - ", or without a
    section name of at most three words and a colon in front ("اخبار السودان : …"), if any."""
    suffix, prefix = _SITE_SUFFIX.search(title.text), _SECTION_PREFIX.match(title.text)
    keys = {block_key(title.text[: suffix.start()]) if suffix else "", block_key(title.text[prefix.end() :]) if prefix else ""} - {""}
    after = [b for b in kept if b.index > title.index][:SITE_TITLE_LOOKAHEAD]
    return next((b for b in after if b.key in keys), None)


def _leading_labels(kept: list[Block], rules: Rules, limit: int, **label_size: int) -> int:
    """How many of the first ``limit`` kept blocks are short labels (``_is_label``), bylines excepted."""
    n = 0
    while n < limit and _is_label(kept[n], **label_size) and not rules.is_byline(kept[n].text, kept[n].folded or None):
        n += 1
    return n


def _trailing_tags(after: list[Block], rules: Rules) -> list[Block]:
    """A tag list printed without its label at the end of an article: ``TAG_RUN_MIN`` or more short
    lines (at most 3 words, no sentence end, no bullet or number, no byline) right after a line of
    prose. A list announced by a colon ("المكونات:") is body, not tags."""
    run = 0
    while run < len(after) - 1:
        b = after[-1 - run]
        text = b.text.lstrip()
        if not _is_label(b) or text.startswith(_BULLETS) or text[:1].isdigit() or rules.is_byline(b.text, b.folded or None):
            break
        run += 1
    if run < TAG_RUN_MIN:
        return []
    before = after[-1 - run].text.rstrip()
    if before.endswith((":", "\uff1a")) or not _SENTENCE_END.search(before):
        return []
    return after[-run:]


def _subtitle_like(block: Block, in_header: bool, nxt: Block | None) -> bool:
    if nxt is None or block.text.lstrip().startswith(_BULLETS):
        return False
    words = block.words
    if in_header:
        return words <= 60
    return 4 <= words <= 30 and not _SENTENCE_END.search(block.text)
