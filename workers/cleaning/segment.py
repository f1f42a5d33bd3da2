"""Stage ``segment``: cut a page into articles and give every block a role or a removal reason.

Decisions, in order:

1. **Line classes** (``boilerplate.classify_blocks``) remove artifacts, widgets, dates, footers and
   navigation wherever they stand.
2. **Article starts.** Scraped news pages repeat an article's header: headline, captions, an
   artifact ("TT"), headline again, captions again. A *strong header* is a block repeated within
   the next few blocks with either an artifact or a doubled block (a caption printed twice) in
   between, or with the blocks in between printed again right after the repetition. Each strong
   header starts an article; so does, in HTML, the heading of each further ``<article>`` element
   that holds a whole article (``html_article_starts``); a page without either is one article;
   short labels above the first strong header are that article's category, and so is one section
   label printed right above a later header.
3. **Teaser lists.** A line that is only a related-articles marker ("مقالات ذات صلة", "Related
   News", "اقرأ أيضاً") opens a teaser list that runs to the next article start or the end of the
   page; all of it is removed as ``teaser`` (blocks with a more specific class keep theirs). A
   marker followed by a title on the same line is one teaser line only.
4. **Roles** within an article: one or two short category labels before a longer headline or one
   right after it, or a menu (``MENU_MIN_ITEMS`` or more short lines of at most 4 words, no byline
   among them, followed by a headline-like line: that line is the headline); the title; a subtitle
   (a headline-like line right after the title); captions (blocks printed twice in the header or
   twice in a row, or with a photo credit or label); a tag list (short lines closing the article,
   or after a "Tags:" line); paragraphs (everything else, section headings and bullets included).
5. **Repeats** within an article: same matching key, a short label in front of a kept block
   ("أوروبا " + caption), or a high token-set similarity between short blocks. The first
   occurrence is kept; the others are removed as ``repeat`` pointing at it.

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
CARD_MIN, CARD_BLOCKS = 2, 4  # a teaser list without its marker: this many cards of at most this many blocks
_CARD_SOURCE = regex.compile(r"^[\u00ab\"\u201c][^\u00ab\u00bb\"\u201c\u201d]{2,40}[\u00bb\"\u201d]\s*\([^()]{2,40}\)$")
SITE_TITLE_LOOKAHEAD = 3  # how far after a '<headline> | <site>' line its bare headline is looked for
_SITE_SUFFIX = regex.compile(r"\s+[|\-\u2013\u2014]\s+\S+(?:\s+\S+){0,2}\s*$")
HTML_TITLE_MIN_WORDS = 3  # an h1 of fewer words is a logo or a section name, not the headline
HTML_CHROME_MAX_WORDS = 12  # short lines above an HTML page's h1 headline are its top bar
CAPTION_MAX_WORDS = 45
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
    splits = sorted(set(starts) | set(html_article_starts(blocks, labels)))
    _remove_tag_lists(blocks, labels, removed)
    _remove_teasers(blocks, labels, splits, removed)

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
    if orphans and drafts:
        drafts[-1].removed.extend(orphans)
    for draft in drafts:
        draft.removed.sort(key=lambda r: r.block)
    return drafts


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
        if after == len(same) or same[after] > i + HEADER_WINDOW or block.words > MAX_HEADLINE_WORDS:
            continue
        j = same[after]  # the first repetition
        doubled = any(blocks[k].key and blocks[k].key == blocks[k + 1].key for k in range(i + 1, j - 1))
        artifact = any(labels.get(k) == "artifact" for k in range(i + 1, j))
        if doubled or artifact or _printed_twice(blocks, i, j):
            starts.append(i)
            covered = j
    return starts


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


def _remove_teasers(blocks: list[Block], labels: dict[int, str], starts: list[int], removed: dict[int, Removal]) -> None:
    """Teaser lists and comment sections: a marker line opens a region that runs to the next
    marker, article start, footer or the end of the page (in HTML: to the end of the marker's
    container, e.g. its ``aside``). Blocks with a line class of their own keep it."""
    markers = sorted(i for i, label in labels.items() if label in REGION_MARKERS)
    for m in markers:
        reason = REGION_MARKERS[labels[m]]
        removed.setdefault(m, Removal(m, blocks[m].text, reason))
        if blocks[m].words > 5 or regex.search(r"[:\-\u2013]\s*\S", blocks[m].text):
            continue  # "اقرأ أيضاً: <title>" is one teaser line, not a list
        end = min([s for s in starts if s > m] + [k for k in markers if k > m] + [len(blocks)])
        container = set(blocks[m].context)
        for k in range(m + 1, end):
            if labels.get(k) == "footer" or (blocks[m].tag is not None and container and not container <= set(blocks[k].context)):
                break
            removed.setdefault(k, Removal(k, blocks[k].text, reason))


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
    return 1 <= block.words <= 25 and not _STATEMENT_END.search(block.text)


def _is_label(block: Block, max_words: int = LABEL_MAX_WORDS, max_chars: int = 30) -> bool:
    return len(block.text) <= max_chars and block.words <= max_words and not _SENTENCE_END.search(block.text)


def _build_article(
    blocks: list[Block], header: set[int], removed: dict[int, Removal], rules: Rules, labels: dict[int, str]
) -> ArticleDraft | None:
    kept = [b for b in blocks if b.index not in removed]
    if not kept:
        return None
    own: list[Removal] = [removed[b.index] for b in blocks if b.index in removed]

    def drop(block: Block, reason: str, kept_block: int | None = None) -> None:
        own.append(Removal(block.index, block.text, reason, kept_block))

    # Title: the strong header's headline, or the first kept block that is not a category label.
    label_reason = "category"
    if header and min(header) not in removed:  # a learned template may have removed the headline
        title_block = next(b for b in blocks if b.index == min(header))
    else:
        header = set()
        title_block = kept[0]
        # HTML: the page's h1, when it reads like a headline (a logo in an h1 does not)
        h1 = next((b for b in kept if b.tag == "h1" and _headline_like(b) and b.words >= HTML_TITLE_MIN_WORDS), None)
        # a menu of short lines (a site name, sections) above the headline, or one or two very short
        # labels above a longer headline
        menu = _leading_labels(kept, rules, len(kept), max_words=4, max_chars=40)
        labels_ahead = _leading_labels(kept, rules, min(2, len(kept) - 1))
        if h1 is not None:
            title_block = h1
        elif MENU_MIN_ITEMS <= menu < len(kept) and _headline_like(kept[menu]):
            title_block, label_reason = kept[menu], "navigation"
        elif labels_ahead and _headline_like(kept[labels_ahead]) and kept[labels_ahead].words > max(b.words for b in kept[:labels_ahead]):
            title_block = kept[labels_ahead]
        # the page's <title> printed first: the headline with the site's name ("… | هسبريس"), then
        # the headline alone: the headline alone is the title
        bare = _headline_without_site_name(title_block, kept)
        if bare is not None:
            drop(title_block, "repeat", bare.index)
            kept = [b for b in kept if b is not title_block]
            title_block = bare
    before = [b for b in kept if b.index < title_block.index]
    body_before = []
    for b in before:
        if _is_label(b, max_words=4, max_chars=40):
            drop(b, label_reason)
        elif title_block.tag == "h1" and b.words <= HTML_CHROME_MAX_WORDS and not _SENTENCE_END.search(b.text):
            drop(b, "navigation")  # a site's top bar above the h1 ("الاثنين 23 نوفمبر 2026 تسجيل الدخول")
        else:
            body_before.append(b)

    header_counts = Counter(b.key for b in blocks if b.index in header)  # printed twice in the header: a caption
    kept_blocks = KeptBlocks()
    kept_blocks.add(title_block)
    subtitle: str | None = None
    captions: list[str] = []
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
        if first_after and _is_label(b, max_words=2, max_chars=20) and nxt is not None and not in_header and not _bulleted(nxt):
            drop(b, "category")
            continue
        doubled = nxt is not None and nxt.key == b.key
        # a byline is never a caption or the subtitle; an editor's initials with the agencies
        # ("م.ع/ع.ج.م (د ب أ، رويترز)") end with a credit but close the article as a byline
        byline = "byline" in b.context or rules.is_byline(b.text, b.folded or None)  # HTML: class="author", ...
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


def _unmarked_teaser_cards(after: list[Block], rules: Rules) -> int:
    """Where a teaser list printed without its marker line starts among the blocks after the
    headline (``len(after)`` if there is none). The list is known by its cards' source lines, an
    outlet in quotes with a place ("«الشرق الأوسط» (موسكو)"): ``CARD_MIN`` or more of them, every
    one ``CARD_BLOCKS`` blocks after the previous (title, summary, source, and a photo caption
    with a section label in front), the first one after some body, the last one at the article's
    end. The list starts at the first card's title, or at the captioned photo above it."""
    sources = [i for i, b in enumerate(after) if len(b.text) <= 90 and _CARD_SOURCE.match(b.text.strip())]
    if len(sources) < CARD_MIN or any(not 3 <= j - i <= CARD_BLOCKS for i, j in zip(sources, sources[1:])):
        return len(after)
    start = sources[0] - 2  # the first card's title (its summary is between)
    if start >= 1 and rules.has_credit(after[start - 1].text, after[start - 1].folded or None):
        start -= 1
    tail = after[sources[-1] + 1 :]  # after the last card: nothing, or the photo of a card cut short
    if start < 2 or len(tail) > 1 or (tail and not rules.has_credit(tail[0].text, tail[0].folded or None)):
        return len(after)  # no body before it, or prose after it: not a list at the article's end
    return start


def _bulleted(block: Block) -> bool:
    return block.text.lstrip().startswith(_BULLETS)


def _headline_without_site_name(title: Block, kept: list[Block]) -> Block | None:
    """The block among the next ``SITE_TITLE_LOOKAHEAD`` kept blocks whose key is ``title``'s key
    without a site name of at most ``LABEL_MAX_WORDS`` words after " | " or " - ", if any."""
    match = _SITE_SUFFIX.search(title.text)
    if match is None:
        return None
    key = block_key(title.text[: match.start()])
    after = [b for b in kept if b.index > title.index][:SITE_TITLE_LOOKAHEAD]
    return next((b for b in after if key and b.key == key), None)


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
