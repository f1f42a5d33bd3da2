//! The segmenter (`workers/cleaning/segment.py` is its Python face): cut a page into articles and
//! give every block a role or a removal reason.
//!
//! Decisions, in order:
//!
//! 1. **Line classes** (`rules::Rules::classify`) remove artifacts, widgets, dates, footers and
//!    navigation wherever they stand.
//! 2. **Article starts.** Scraped news pages repeat an article's header: headline, captions, an
//!    artifact ("TT"), headline again, captions again. A *strong header* is a block repeated
//!    within the next few blocks with either an artifact or a doubled block (a caption printed
//!    twice) in between, or with the blocks in between printed again right after the repetition.
//!    Each strong header starts an article; so does, in plain text, a later headline printed once
//!    over its photo's caption printed twice and prose ([`Page::photo_header_starts`]), or around
//!    a caption with a credit, over a lead that retells it ([`Page::captioned_headline_starts`]),
//!    and, in HTML, the heading of each further `<article>` element that holds a whole article
//!    ([`Page::html_article_starts`]); a page without any of these is one article; short labels
//!    above the first strong header are that article's category, and so is one section label
//!    printed right above a later header.
//! 3. **Teaser lists.** A line that is only a related-articles marker ("مقالات ذات صلة",
//!    "Related News", "اقرأ أيضاً") opens a teaser list that runs to the next article start or the
//!    end of the page (in plain text: to where the story resumes, two paragraphs of prose in a
//!    row; a marker above the page's first prose ends at the story's headline); all of it is
//!    removed as `teaser` (blocks with a more specific class keep theirs). A marker followed by a
//!    title on the same line is one teaser line only.
//! 4. **Roles** within an article: one or two short category labels before a longer headline or
//!    one right after it, or a menu ([`MENU_MIN_ITEMS`] or more short lines of at most 4 words,
//!    no byline among them, followed by a headline-like line: that line is the headline), the
//!    chrome printed above the headline (link lists, cut teasers, site labels, a list of the
//!    site's headlines whose one line is the headline printed again); the title; a subtitle (a
//!    headline-like line right after the title); captions (blocks printed twice in the header or
//!    twice in a row, or with a photo credit or label); a tag list (short lines closing the
//!    article, or after a "Tags:" line); paragraphs (everything else, section headings and
//!    bullets included).
//! 5. **Repeats** within an article (`repeats.rs`): same matching key, a short label in front of
//!    a kept block ("أوروبا " + caption), or a high token-set similarity between short blocks. The
//!    first occurrence is kept; the others are removed as `repeat` pointing at it. A whole
//!    article printed again further down the page is one article ([`Page::fold_reprints`]).
//!
//! Every block ends up in exactly one article, as text or in `removed`.
//!
//! ## Python semantics
//!
//! This is a port of a Python implementation whose output it reproduces exactly (checked by a
//! differential harness over real, probe and mutated pages): lengths and slices are counted in
//! characters; `str.strip`, `str.split` and `str.isdigit` are Python's (`text.rs`); the patterns
//! were written for Python's `regex` module, whose `\w`, `\p{L}` and `\d` know the characters of
//! a newer Unicode version than the `regex` crate: [`PY_WORD_EXTRA`], [`PY_LETTER_EXTRA`] and
//! [`PY_DIGIT_EXTRA`] add them (checked for every code point by
//! `tests/unit/cleaning/test_native_segment.py`). Texts hold no "\n" (blocks are stripped lines,
//! or HTML text with whitespace collapsed), so `$` means the same in both engines.
//!
//! ## Speed
//!
//! A block's word count, length, byline and credit tests and chrome class are computed once,
//! when first asked for ([`Block`]); the conditions of a rule are tested cheapest first where
//! Python's order made no difference (they have no side effects), so that most paragraphs are
//! never scanned for words. Repeats compare token sets by signatures first (`repeats.rs`).

use std::borrow::Cow;
use std::cell::OnceCell;
use std::sync::LazyLock;

use regex::Regex;

use crate::repeats::{py_split, FastMap, FastSet, KeptBlocks, LABEL_MAX_WORDS};
use crate::rules::Rules;
use crate::text::{casefold, char_len, fold_arabic, folded_of, key_of_folded, py_isdigit, py_isspace, py_strip};

/// How far ahead a headline's repetition is looked for.
pub const HEADER_WINDOW: usize = 10;
/// This many short label lines before the headline are a menu, not the title.
pub const MENU_MIN_ITEMS: usize = 3;
/// This many short lines closing an article after its prose are a tag list.
pub const TAG_RUN_MIN: usize = 3;
/// An HTML `<article>` that holds a whole article has this many paragraphs of this many characters.
pub const ARTICLE_MIN_PARAGRAPHS: usize = 2;
pub const PARAGRAPH_MIN_CHARS: usize = 40;
const BULLETS: [char; 5] = ['\u{2022}', '-', '*', '\u{25cf}', '\u{25aa}'];
/// A strong header's headline has at most this many words...
pub const MAX_HEADLINE_WORDS: usize = 40;
/// ...and at least this many: a section name printed around a menu item is none.
pub const MIN_HEADLINE_WORDS: usize = 3;
/// A headline-like line ([`headline_like`]) has at most this many words.
pub const MAX_TITLE_WORDS: usize = 25;
/// A headline printed again below its first copy and more than this many other headline-like
/// lines: a list of the site's headlines.
pub const HEADLINE_LIST_MIN: usize = 3;
/// A line above the headline that repeats two words this often is a channel menu.
pub const MENU_REPEATED_NAME: usize = 3;
/// A line of at least this many words ending a sentence is the story's prose.
pub const PROSE_MIN_WORDS: usize = 15;
/// Two sentence-ending lines in a row of this many words each (twice `PROSE_MIN_WORDS` together).
pub const PAIR_MIN_WORDS: usize = 8;
/// The list marks that open a list item ("• …", "- …") and that a teaser marker may carry.
const LIST_MARKS: [char; 7] = ['\u{2022}', '-', '*', '\u{25cf}', '\u{25aa}', '\u{00b7}', '\u{2013}'];
/// A teaser list without its marker: this many cards...
pub const CARD_MIN: usize = 2;
/// ...of at most this many blocks each.
pub const CARD_BLOCKS: usize = 5;
/// How far after a '<headline> | <site>' line its bare headline is looked for.
pub const SITE_TITLE_LOOKAHEAD: usize = 3;
/// An HTML h1 of fewer words is a logo or a section name, not the headline.
pub const HTML_TITLE_MIN_WORDS: usize = 3;
/// Short lines above an HTML page's h1 headline are its top bar.
pub const HTML_CHROME_MAX_WORDS: usize = 12;
pub const CAPTION_MAX_WORDS: usize = 45;
/// A headline has no more characters than this (its words: `MAX_TITLE_WORDS`).
pub const HEADLINE_MAX_CHARS: usize = 300;
/// A headline or deck line has at least this many words.
pub const HEADER_LINE_MIN_WORDS: usize = 4;
/// A later headline printed once with one caption has at least this many words.
pub const ECHO_HEADLINE_MIN_WORDS: usize = 5;
/// Of a headline's words, how many (and what share) its story's lead paragraph repeats.
pub const ECHO_MIN_WORDS: usize = 3;
pub const ECHO_MIN_SHARE: f64 = 0.4;
/// A lead retells its headline in its first sentence or two: its first this many characters.
pub const LEAD_CHARS: usize = 400;

// --- Python `regex` character classes --------------------------------------------------------

/// Code points that Python's `regex` module (2026.11.15, pinned) counts as `\w` and the `regex`
/// crate does not (assigned in a later Unicode version than the crate's tables).
pub const PY_WORD_EXTRA: &[(u32, u32)] = &[
    (0x558, 0x558),
    (0x58B, 0x58C),
    (0x5C8, 0x5C9),
    (0x88F, 0x88F),
    (0xB53, 0xB54),
    (0xC5C, 0xC5C),
    (0xCDC, 0xCDC),
    (0x1ACF, 0x1AF0),
    (0x208F, 0x208F),
    (0x209D, 0x209F),
    (0xA7CE, 0xA7CF),
    (0xA7D2, 0xA7D2),
    (0xA7D4, 0xA7D4),
    (0xA7DD, 0xA7DD),
    (0xA7E2, 0xA7E2),
    (0xA7F1, 0xA7F1),
    (0xAB6C, 0xAB6D),
    (0x107BB, 0x107BF),
    (0x10940, 0x10959),
    (0x10EC5, 0x10EC7),
    (0x10ECB, 0x10ECF),
    (0x10ED9, 0x10EEE),
    (0x10EF0, 0x10EFB),
    (0x11B0A, 0x11B0A),
    (0x11B60, 0x11B67),
    (0x11DB0, 0x11DDB),
    (0x11DE0, 0x11DE9),
    (0x11DF0, 0x11DF1),
    (0x1246F, 0x1246F),
    (0x12475, 0x1247F),
    (0x12550, 0x12686),
    (0x16EA0, 0x16EB8),
    (0x16EBB, 0x16ED3),
    (0x16FF2, 0x16FF6),
    (0x187F8, 0x187FF),
    (0x18CD6, 0x18CDA),
    (0x18D09, 0x18D20),
    (0x18D80, 0x18DF2),
    (0x18E00, 0x19191),
    (0x191A0, 0x191D2),
    (0x1B123, 0x1B128),
    (0x1B168, 0x1B168),
    (0x1D127, 0x1D128),
    (0x1D250, 0x1D252),
    (0x1D25B, 0x1D25C),
    (0x1D25F, 0x1D25F),
    (0x1D280, 0x1D281),
    (0x1D6A6, 0x1D6A6),
    (0x1DF1F, 0x1DF24),
    (0x1DF2B, 0x1DF81),
    (0x1DF90, 0x1DF96),
    (0x1DFCD, 0x1DFFF),
    (0x1E6C0, 0x1E6DE),
    (0x1E6E0, 0x1E6F5),
    (0x1E6FE, 0x1E6FF),
    (0x2B73A, 0x2B73F),
    (0x2B81E, 0x2B81E),
    (0x2CEA2, 0x2CEAD),
    (0x323B0, 0x33479),
    (0x3D000, 0x3FC3F),
];

/// Code points that Python's `regex` module counts as `\p{L}` and the `regex` crate does not.
pub const PY_LETTER_EXTRA: &[(u32, u32)] = &[
    (0x558, 0x558),
    (0x58B, 0x58C),
    (0x88F, 0x88F),
    (0xC5C, 0xC5C),
    (0xCDC, 0xCDC),
    (0x208F, 0x208F),
    (0x209D, 0x209F),
    (0xA7CE, 0xA7CF),
    (0xA7D2, 0xA7D2),
    (0xA7D4, 0xA7D4),
    (0xA7DD, 0xA7DD),
    (0xA7E2, 0xA7E2),
    (0xA7F1, 0xA7F1),
    (0xAB6C, 0xAB6D),
    (0x107BB, 0x107BF),
    (0x10940, 0x10959),
    (0x10EC5, 0x10EC7),
    (0x10ED9, 0x10EEE),
    (0x11B0A, 0x11B0A),
    (0x11DB0, 0x11DDB),
    (0x11DF1, 0x11DF1),
    (0x16EA0, 0x16EB8),
    (0x16EBB, 0x16ED3),
    (0x16FF2, 0x16FF3),
    (0x187F8, 0x187FF),
    (0x18CD6, 0x18CDA),
    (0x18D09, 0x18D20),
    (0x18D80, 0x18DF2),
    (0x18E00, 0x19191),
    (0x191A0, 0x191D2),
    (0x1B123, 0x1B128),
    (0x1B168, 0x1B168),
    (0x1D6A6, 0x1D6A6),
    (0x1DF1F, 0x1DF24),
    (0x1DF2B, 0x1DF81),
    (0x1DF90, 0x1DF96),
    (0x1DFCD, 0x1DFFF),
    (0x1E6C0, 0x1E6DE),
    (0x1E6E0, 0x1E6E2),
    (0x1E6E4, 0x1E6E5),
    (0x1E6E7, 0x1E6ED),
    (0x1E6F0, 0x1E6F4),
    (0x1E6FE, 0x1E6FF),
    (0x2B73A, 0x2B73F),
    (0x2B81E, 0x2B81E),
    (0x2CEA2, 0x2CEAD),
    (0x323B0, 0x33479),
    (0x3D000, 0x3FC3F),
];

/// Code points that Python's `regex` module counts as `\d` and the `regex` crate does not.
pub const PY_DIGIT_EXTRA: &[(u32, u32)] = &[(0x11DE0, 0x11DE9)];

fn in_ranges(c: char, ranges: &[(u32, u32)]) -> bool {
    let cp = c as u32;
    ranges.iter().any(|&(lo, hi)| lo <= cp && cp <= hi)
}

/// Python `regex`'s `\w` over the Basic Multilingual Plane, one bit per character.
static PY_WORD_BMP: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; 0x10000 / 64];
    for cp in 0..0x10000u32 {
        if let Some(c) = char::from_u32(cp) {
            if crate::props::WORD.contains(c) || in_ranges(c, PY_WORD_EXTRA) {
                bits[(cp / 64) as usize] |= 1 << (cp % 64);
            }
        }
    }
    bits
});

/// Python `regex`'s `\w` for one character.
#[inline]
pub fn is_word_char(c: char) -> bool {
    let cp = c as u32;
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else if cp < 0x10000 {
        PY_WORD_BMP[(cp / 64) as usize] & (1 << (cp % 64)) != 0
    } else {
        crate::props::WORD.contains(c) || in_ranges(c, PY_WORD_EXTRA)
    }
}

/// `len(regex.findall(r"\w+", text))`: a block's number of words (`Block.words`).
pub fn word_count(text: &str) -> usize {
    let bmp: &[u64] = &PY_WORD_BMP;
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        let cp = c as u32;
        let word = if cp < 0x10000 { bmp[(cp / 64) as usize] & (1 << (cp % 64)) != 0 } else { is_word_char(c) };
        count += usize::from(word && !in_word);
        in_word = word;
    }
    count
}

/// Python `regex`'s `\s`: Unicode's White_Space (the same 25 characters in both engines; not
/// `str.isspace`, which adds U+001C-001F).
#[inline]
fn is_regex_space(c: char) -> bool {
    matches!(c, '\t'..='\r' | ' ' | '\u{85}' | '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}'
        | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}')
}

/// A character class for the `regex` crate: `base` plus the extra ranges.
fn class_with(base: &str, extra: &[(u32, u32)]) -> String {
    let ranges: String = extra.iter().map(|&(lo, hi)| format!(r"\x{{{lo:X}}}-\x{{{hi:X}}}")).collect();
    format!("[{base}{ranges}]")
}

fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a valid built-in pattern")
}

/// Python `regex`'s `\p{L}` and `\d` as `regex` crate classes.
static LETTER: LazyLock<String> = LazyLock::new(|| class_with(r"\p{L}", PY_LETTER_EXTRA));
static DIGIT: LazyLock<String> = LazyLock::new(|| class_with(r"\d", PY_DIGIT_EXTRA));

/// "• …", "- …", "3. …": an item of a list of links (matched at the start of the stripped text).
static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"^(?:[\x{{2022}}\-*\x{{25CF}}\x{{25AA}}\x{{00B7}}\x{{2013}}]|{d}{{1,2}}\s*[.)\-])\s*\S",
        d = *DIGIT
    ))
});
/// "الحدث- غزة", "القدس المحتلة ـ فلسطين اليوم": a place and a source (or a source and a place).
static SHORT_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"^{l}+(?:\s{l}+){{0,2}}\s*[\-\x{{2013}}\x{{2014}}\x{{0640}}]\s*{l}+(?:\s{l}+){{0,2}}\s*:?$",
        l = *LETTER
    ))
});
/// "بيروت: كارولين عاكوم", "القاهرة - «الشرق الأوسط»": a place, then the writer or the paper.
static PLACE_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r#"^{l}+(?:\s{l}+)?\s*[:\-\x{{2013}}\x{{2014}}]\s*[\x{{00AB}}"]?{l}+(?:\s{l}+){{0,2}}[\x{{00BB}}"]?$"#,
        l = *LETTER
    ))
});
/// A teaser card's source line: an outlet in quotes with a place ("«الشرق الأوسط» (موسكو)").
static CARD_SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    compile(r#"^[\x{00AB}"\x{201C}][^\x{00AB}\x{00BB}"\x{201C}\x{201D}]{2,40}[\x{00BB}"\x{201D}]\s*\([^()]{2,40}\)$"#)
});
/// " | <site>", " - <site>": a site's name of at most three words after the headline.
static SITE_SUFFIX: LazyLock<Regex> = LazyLock::new(|| compile(r"\s+[|\-\x{2013}\x{2014}]\s+\S+(?:\s+\S+){0,2}\s*$"));
/// "اخبار السودان : <headline>": a section name of at most three words and a colon in front.
static SECTION_PREFIX: LazyLock<Regex> = LazyLock::new(|| compile(r"^\S+(?:\s+\S+){0,2}\s*:\s+"));
/// A teaser marker followed by a title on its line ("اقرأ أيضاً: <title>").
static MARKER_TITLE: LazyLock<Regex> = LazyLock::new(|| compile(r"[:\-\x{2013}]\s*\S"));

const SENTENCE_MARKS: &[char] = &['.', '!', '?', '\u{061f}', '\u{06d4}', '\u{2026}', ':'];
const STATEMENT_MARKS: &[char] = &['.', '\u{06d4}', '\u{2026}', ':']; // a headline may end with ? or !
const CLOSING_MARKS: &[char] = &['\'', '"', '\u{00bb}', '\u{201d}', ')'];

/// Whether `text` ends (before trailing `\s`) with one of `marks`, or one of them and a closing
/// quote or parenthesis: the pattern `[marks]['"»”)]?\s*$`.
fn ends_with_mark(text: &str, marks: &[char]) -> bool {
    let mut rest = text.trim_end_matches(is_regex_space).chars().rev();
    match rest.next() {
        Some(c) if marks.contains(&c) => true,
        Some(c) if CLOSING_MARKS.contains(&c) => rest.next().is_some_and(|p| marks.contains(&p)),
        _ => false,
    }
}

/// Whether `text` ends a sentence (`.`, `!`, `?`, `؟`, `۔`, `…` or `:`, maybe before a closing
/// quote or parenthesis).
pub fn ends_sentence(text: &str) -> bool {
    ends_with_mark(text, SENTENCE_MARKS)
}

/// Whether `text` ends a statement: a sentence end other than `?` and `!`, which a headline may
/// have.
pub fn ends_statement(text: &str) -> bool {
    ends_with_mark(text, STATEMENT_MARKS)
}

fn py_lstrip(text: &str) -> &str {
    text.trim_start_matches(py_isspace)
}

fn py_rstrip(text: &str) -> &str {
    text.trim_end_matches(py_isspace)
}

/// For the parity tests: the span, in characters, of a pattern of the segmenter in `text`
/// (`None` inside: no match); `None` for an unknown name. The sentence ends give the span of
/// their forward match (the mark to the end).
pub fn pattern_span(name: &str, text: &str) -> Option<Option<(usize, usize)>> {
    let found = |m: Option<regex::Match>| m.map(|m| (char_len(&text[..m.start()]), char_len(&text[..m.end()])));
    let mark_span = |marks: &[char]| {
        if !ends_with_mark(text, marks) {
            return None;
        }
        let trimmed = text.trim_end_matches(is_regex_space);
        let last = trimmed.chars().next_back().filter(|c| !marks.contains(c)).map_or(1, |_| 2);
        Some((char_len(trimmed) - last, char_len(text)))
    };
    Some(match name {
        "list_item" => found(LIST_ITEM.find(text)),
        "short_dateline" => found(SHORT_DATELINE.find(text)),
        "place_dateline" => found(PLACE_DATELINE.find(text)),
        "card_source" => found(CARD_SOURCE.find(text)),
        "site_suffix" => found(SITE_SUFFIX.find(text)),
        "section_prefix" => found(SECTION_PREFIX.find(text)),
        "marker_title" => found(MARKER_TITLE.find(text)),
        "sentence_end" => mark_span(SENTENCE_MARKS),
        "statement_end" => mark_span(STATEMENT_MARKS),
        _ => return None,
    })
}

// --- data --------------------------------------------------------------------------------------

/// One block of a page (a view of `workers.model.Block`); its index is its position.
pub struct Block<'a> {
    pub text: &'a str,
    /// Matching key (`workers.text.block_key`).
    pub key: &'a str,
    /// `fold_arabic(text).casefold().strip()`, or "" when not computed.
    pub folded: &'a str,
    /// HTML: the element (`p`, `h1`, ...).
    pub tag: Option<&'a str>,
    /// HTML: the structural elements around the block (nav, aside, footer, header, ...).
    pub context: Vec<&'a str>,
    /// HTML: which `<article>` element holds the block.
    pub html_article: Option<i64>,
    chars: OnceCell<usize>,
    words: OnceCell<usize>,
    rule_text: OnceCell<String>,
    byline: OnceCell<bool>,
    credit: OnceCell<bool>,
    chrome: OnceCell<Option<&'static str>>,
}

impl<'a> Block<'a> {
    /// A block's view: its text, matching key, folded text (may be ""), HTML element, structural
    /// context and `<article>` ordinal.
    pub fn new(
        text: &'a str,
        key: &'a str,
        folded: &'a str,
        tag: Option<&'a str>,
        context: Vec<&'a str>,
        html_article: Option<i64>,
    ) -> Block<'a> {
        Block {
            text,
            key,
            folded,
            tag,
            context,
            html_article,
            chars: OnceCell::new(),
            words: OnceCell::new(),
            rule_text: OnceCell::new(),
            byline: OnceCell::new(),
            credit: OnceCell::new(),
            chrome: OnceCell::new(),
        }
    }

    /// Number of words (`\w+` runs) in `text`, counted once (`Block.words`).
    pub fn words(&self) -> usize {
        *self.words.get_or_init(|| word_count(self.text))
    }

    /// `len(text)`.
    pub fn chars(&self) -> usize {
        *self.chars.get_or_init(|| char_len(self.text))
    }

    /// The folded text the line rules read: `folded`, or when that is empty,
    /// `fold_arabic(text).casefold()` (the Python `Rules` methods' `folded or None`).
    fn rule_text(&self) -> &str {
        if !self.folded.is_empty() {
            return self.folded;
        }
        self.rule_text.get_or_init(|| casefold(&fold_arabic(self.text)))
    }

    fn in_context(&self, name: &str) -> bool {
        self.context.contains(&name)
    }
}

/// A block removed from the output, and why (`workers.model.Removal`).
#[derive(Clone, Debug, PartialEq)]
pub struct Removal<'a> {
    pub block: usize,
    pub text: &'a str,
    pub reason: &'a str,
    pub kept_block: Option<i64>,
    /// The position among the removals given by earlier stages of the one this removal was made
    /// from (its text is that removal's text), if any.
    pub given: Option<usize>,
}

impl<'a> Removal<'a> {
    fn of(block: usize, text: &'a str, reason: &'a str, kept_block: Option<usize>) -> Removal<'a> {
        Removal { block, text, reason, kept_block: kept_block.map(|k| k as i64), given: None }
    }
}

/// A removal found by an earlier stage (a learned site template).
#[derive(Clone, Debug)]
pub struct GivenRemoval<'a> {
    pub block: i64,
    pub text: &'a str,
    pub reason: &'a str,
    pub kept_block: Option<i64>,
}

/// An article cut from a page: its texts as the indexes of the blocks that hold them.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleDraft<'a> {
    pub title: usize,
    pub subtitle: Option<usize>,
    pub captions: Vec<usize>,
    pub paragraphs: Vec<usize>,
    pub removed: Vec<Removal<'a>>,
}

/// Why a page could not be segmented.
#[derive(Debug)]
pub enum Failure<E> {
    /// The matching key of a text could not be computed (the caller's `key_with_refs` failed).
    Key(E),
    /// A removal of a reprinted article points at a block whose key the earlier copy lacks (only
    /// possible with removals given by earlier stages; Python raised `KeyError`).
    MissingKept(i64),
}

/// The matching key (`workers.text.key_of_folded`) of folded text that holds "&": HTML character
/// references count as the characters they stand for, which the caller reads.
pub type KeyWithRefs<'f, E> = &'f dyn Fn(&str) -> Result<String, E>;

fn is_region_marker(label: &str) -> bool {
    region_reason(label).is_some()
}

/// The removal reason of the region a marker opens: `teaser` or (comments) `widget`.
fn region_reason(label: &str) -> Option<&'static str> {
    match label {
        "teaser_marker" => Some("teaser"),
        "comments_marker" => Some("widget"),
        _ => None,
    }
}

/// A strong header's blocks: `start` (the headline) to `end`, inclusive.
#[derive(Clone, Copy, Debug)]
struct Header {
    start: usize,
    end: usize,
}

impl Header {
    fn contains(&self, i: usize) -> bool {
        self.start <= i && i <= self.end
    }
}

// --- block tests -------------------------------------------------------------------------------

/// A headline-like line: 1 to `MAX_TITLE_WORDS` words, no statement end.
pub fn headline_like(block: &Block) -> bool {
    !ends_statement(block.text) && (1..=MAX_TITLE_WORDS).contains(&block.words())
}

/// A short line that does not end a sentence or a clause ("اليمني،" is a line of a paragraph cut
/// into lines): at most `max_chars` characters and `max_words` words.
pub fn is_label(block: &Block, max_words: usize, max_chars: usize) -> bool {
    block.chars() <= max_chars
        && block.words() <= max_words
        && !ends_sentence(block.text)
        && !py_rstrip(block.text).ends_with(['\u{060c}', ','])
}

/// `is_label` with the default size: `LABEL_MAX_WORDS` words, 30 characters.
fn is_short_label(block: &Block) -> bool {
    is_label(block, LABEL_MAX_WORDS, 30)
}

/// A label of a menu or a list heading: 4 words, 40 characters.
fn is_menu_label(block: &Block) -> bool {
    is_label(block, 4, 40)
}

/// The story's prose: `2 * PROSE_MIN_WORDS` characters or more, a sentence end and
/// `PROSE_MIN_WORDS` words or more.
pub fn is_prose(block: &Block) -> bool {
    block.chars() >= 2 * PROSE_MIN_WORDS && ends_sentence(block.text) && block.words() >= PROSE_MIN_WORDS
}

fn bulleted(block: &Block) -> bool {
    py_lstrip(block.text).starts_with(BULLETS)
}

/// The removal reason of a block that cannot be the headline and, standing above it, is site
/// chrome: an item of a list of links ("• …", "- …", "3. …"), a teaser cut short ("… ..."), a
/// source or site label ending with a colon or dash ("تاق برس:", "مدار الساعة ـ"), a ticker of
/// headlines run together on one line (more than `MAX_TITLE_WORDS` words, no sentence end), or a
/// menu of a site's channels that names the site in every item (the same two words
/// `MENU_REPEATED_NAME` times).
pub fn chrome_above_headline(block: &Block) -> Option<&'static str> {
    *block.chrome.get_or_init(|| chrome_of(block))
}

fn chrome_of(block: &Block) -> Option<&'static str> {
    let text = py_strip(block.text);
    if LIST_ITEM.is_match(text) {
        return Some("navigation");
    }
    if text.ends_with("...") || text.ends_with('\u{2026}') {
        return Some("teaser");
    }
    if text.ends_with([':', '-', '\u{2013}', '\u{2014}', '\u{0640}', '|']) {
        return Some("category");
    }
    if !ends_sentence(text) && block.words() > MAX_TITLE_WORDS {
        return Some("widget");
    }
    let words: Vec<&str> = py_split(block.key).collect();
    if words.len() >= 2 * MENU_REPEATED_NAME {
        // "قناة صدى البلد البلد سبورت صدى البلد جامعات صدى البلد عقارات"
        let mut pairs: Vec<(&str, &str)> = words.windows(2).map(|pair| (pair[0], pair[1])).collect();
        pairs.sort_unstable();
        if pairs.chunk_by(|x, y| x == y).any(|run| run.len() >= MENU_REPEATED_NAME) {
            return Some("navigation");
        }
    }
    None
}

/// The words of a key (`\w+` runs) of three letters or more, each without the clitics that
/// headline and lead may not share (a conjunction, a preposition, the article), function words
/// left out; distinct.
///
/// The Python pattern was `(?<!\w)((?:(?:[وف]?(?:[بكل]?ال|لل)|[وفبل])(?=\w\w\w))?(\w+))`: at
/// the start of each `\w` run, the first of the prefixes below (in the pattern's order of
/// preference) that leaves three word characters is taken off.
fn content_words<'k>(key: &'k str, rules: &Rules) -> Vec<&'k str> {
    const WAW: char = '\u{0648}';
    const FEH: char = '\u{0641}';
    const BEH: char = '\u{0628}';
    const KAF: char = '\u{0643}';
    const LAM: char = '\u{0644}';
    const ALEF: char = '\u{0627}';
    let mut out: Vec<&str> = Vec::new();
    let mut rest = key;
    while let Some(start) = rest.find(is_word_char) {
        let tail = &rest[start..];
        let end = tail.find(|c: char| !is_word_char(c)).unwrap_or(tail.len());
        let word = &tail[..end];
        rest = &tail[end..];
        let chars: Vec<char> = word.chars().collect();
        let at = |i: usize| chars.get(i).copied();
        // The prefix lengths the pattern tries, in order; the first that leaves 3 characters.
        let mut candidates: Vec<usize> = Vec::with_capacity(7);
        let conjunction = matches!(at(0), Some(WAW | FEH));
        for base in if conjunction { [Some(1), Some(0)] } else { [Some(0), None] }.into_iter().flatten() {
            if matches!(at(base), Some(BEH | KAF | LAM)) && at(base + 1) == Some(ALEF) && at(base + 2) == Some(LAM) {
                candidates.push(base + 3);
            }
            if at(base) == Some(ALEF) && at(base + 1) == Some(LAM) {
                candidates.push(base + 2);
            }
            if at(base) == Some(LAM) && at(base + 1) == Some(LAM) {
                candidates.push(base + 2);
            }
        }
        if matches!(at(0), Some(WAW | FEH | BEH | LAM)) {
            candidates.push(1);
        }
        let prefix = candidates.into_iter().find(|&p| chars.len() >= p + 3).unwrap_or(0);
        let stem_start: usize = chars[..prefix].iter().map(|c| c.len_utf8()).sum();
        let stem = &word[stem_start..];
        if chars.len() - prefix >= 3
            && !rules.is_function_word(word)
            && !rules.is_function_word(stem)
            && !out.contains(&stem)
        {
            out.push(stem);
        }
    }
    out
}

/// Whether `lead` repeats enough of `headline`'s words to be its story's first paragraph (in its
/// first `LEAD_CHARS` characters; a word counts wherever it stands in the lead's key, clitics and
/// endings around it too).
fn retells(lead: &Block, headline: &Block, rules: &Rules) -> bool {
    let words = content_words(headline.key, rules);
    if words.len() < ECHO_MIN_WORDS {
        return false;
    }
    let text = match lead.key.char_indices().nth(LEAD_CHARS) {
        Some((i, _)) => &lead.key[..i],
        None => lead.key,
    };
    let shared = words.iter().filter(|w| text.contains(**w)).count();
    shared >= ECHO_MIN_WORDS && shared as f64 >= ECHO_MIN_SHARE * words.len() as f64
}

/// Indexes of strong headers: a headline repeated shortly after, with an artifact or a
/// doubled block (a caption printed twice) in between, or with what stands between them
/// printed again after the repetition (headline, caption, headline, caption).
pub fn find_article_starts(blocks: &[Block], labels: &[Option<&str>]) -> Vec<usize> {
    let n = blocks.len();
    let mut starts = Vec::new();
    let mut covered: Option<usize> = None;
    for (i, block) in blocks.iter().enumerate() {
        if covered.is_some_and(|c| i <= c) || label_of(labels, i).is_some() || block.key.is_empty() {
            continue;
        }
        // the first repetition, if it is close enough
        let Some(j) = (i + 1..n.min(i + HEADER_WINDOW + 1)).find(|&k| blocks[k].key == block.key) else { continue };
        if !(MIN_HEADLINE_WORDS..=MAX_HEADLINE_WORDS).contains(&block.words()) {
            continue;
        }
        if chrome_above_headline(block).is_some() {
            continue; // a list item ("• X", then "X") is a link printed twice, not a header
        }
        let doubled =
            (i + 1..j.saturating_sub(1)).any(|k| !blocks[k].key.is_empty() && blocks[k].key == blocks[k + 1].key);
        let artifact = (i + 1..j).any(|k| label_of(labels, k) == Some("artifact"));
        if doubled || artifact || printed_twice(blocks, i, j) {
            starts.push(i);
            covered = Some(j);
        }
    }
    starts
}

/// Whether what stands between a headline (`i`) and its repetition (`j`), a caption, is
/// printed again right after the repetition: the whole header printed twice.
fn printed_twice(blocks: &[Block], i: usize, j: usize) -> bool {
    let between = &blocks[i + 1..j];
    !between.is_empty()
        && between.iter().all(|b| !b.key.is_empty())
        && blocks.len() >= j + 1 + between.len()
        && between.iter().zip(&blocks[j + 1..]).all(|(x, y)| x.key == y.key)
}

/// The strong header at `start`: headline, what stands between it and its repetition, and
/// the repeated blocks (and artifacts) right after it.
fn header_span(blocks: &[Block], labels: &[Option<&str>], start: usize) -> Header {
    let key = blocks[start].key;
    let Some(j) = (start + 1..blocks.len()).find(|&k| blocks[k].key == key) else {
        return Header { start, end: start }; // not a strong header (never asked)
    };
    let keys: FastSet<&str> = blocks[start..=j].iter().map(|b| b.key).collect();
    let mut end = j;
    while end + 1 < blocks.len()
        && (keys.contains(blocks[end + 1].key) || label_of(labels, end + 1) == Some("artifact"))
    {
        end += 1;
    }
    Header { start, end }
}

/// The indexes of `range` that `keep` accepts, in a vector sized for all of them.
fn indexes(range: std::ops::Range<usize>, keep: impl FnMut(&usize) -> bool) -> Vec<usize> {
    let mut out = Vec::with_capacity(range.len());
    out.extend(range.filter(keep));
    out
}

fn label_of<'a>(labels: &[Option<&'a str>], i: usize) -> Option<&'a str> {
    labels.get(i).copied().flatten()
}

// --- the page ----------------------------------------------------------------------------------

/// A page being segmented: its blocks, their line classes, the rules.
pub struct Page<'p, 'a, E> {
    blocks: &'p [Block<'a>],
    labels: &'p [Option<&'a str>],
    rules: &'p Rules,
    key_with_refs: KeyWithRefs<'p, E>,
}

/// Articles of a page, in order.
///
/// `blocks` are all blocks of the page; `labels` their line classes by position
/// (`rules::Rules::classify`), `None` for a block without one (`labels.len() == blocks.len()`);
/// `given` the removals found by earlier stages (learned site templates); `key_with_refs` the
/// matching key of folded text holding "&" (see [`KeyWithRefs`]).
///
/// Every block is in exactly one article, as text or in `removed`; no article when the page has
/// no kept block.
pub fn segment<'a, E>(
    blocks: &[Block<'a>],
    labels: &[Option<&'a str>],
    rules: &Rules,
    given: &[GivenRemoval<'a>],
    key_with_refs: KeyWithRefs<'_, E>,
) -> Result<Vec<ArticleDraft<'a>>, Failure<E>> {
    Page { blocks, labels, rules, key_with_refs }.segment(given)
}

impl<'p, 'a, E> Page<'p, 'a, E> {
    fn label(&self, i: usize) -> Option<&'a str> {
        label_of(self.labels, i)
    }

    fn labelled(&self, i: usize) -> bool {
        self.label(i).is_some()
    }

    /// `Rules::is_byline` of the block, asked once.
    fn is_byline(&self, block: &Block) -> bool {
        *block.byline.get_or_init(|| self.rules.is_byline(block.rule_text()))
    }

    /// `Rules::has_credit` of the block, asked once.
    fn has_credit(&self, block: &Block) -> bool {
        *block.credit.get_or_init(|| self.rules.has_credit(block.rule_text()))
    }

    /// `workers.text.block_key` of any text.
    fn block_key(&self, text: &str) -> Result<String, Failure<E>> {
        let folded = folded_of(text);
        if folded.contains('&') {
            (self.key_with_refs)(&folded).map_err(Failure::Key)
        } else {
            Ok(key_of_folded(&folded))
        }
    }

    fn segment(&self, given: &[GivenRemoval<'a>]) -> Result<Vec<ArticleDraft<'a>>, Failure<E>> {
        let blocks = self.blocks;
        let n = blocks.len();
        let mut removed: Vec<Option<Removal<'a>>> = vec![None; n];
        for (i, block) in blocks.iter().enumerate() {
            if let Some(label) = self.label(i) {
                if !is_region_marker(label) {
                    removed[i] = Some(Removal::of(i, block.text, label, None));
                }
            }
        }
        // a line class is more specific than a learned template
        for (position, r) in given.iter().enumerate() {
            let Some(i) = usize::try_from(r.block).ok().filter(|&i| i < n) else { continue };
            if !self.labelled(i) && removed[i].is_none() {
                removed[i] = Some(Removal {
                    block: i,
                    text: r.text,
                    reason: r.reason,
                    kept_block: r.kept_block,
                    given: Some(position),
                });
            }
        }
        let starts = find_article_starts(self.blocks, self.labels);
        let mut is_start = vec![false; n];
        let mut is_split = vec![false; n];
        for &s in &starts {
            is_start[s] = true;
            is_split[s] = true;
        }
        for s in self
            .photo_header_starts(&starts)
            .into_iter()
            .chain(self.captioned_headline_starts(&starts))
            .chain(self.html_article_starts())
        {
            is_split[s] = true;
        }
        let splits = indexes(0..n, |&s| is_split[s]);
        self.remove_tag_lists(&mut removed);
        self.remove_teasers(&splits, &mut removed);

        // An article's section label printed right above its header opens the article: one short
        // line after prose or chrome (not the last of several short lines, which may be the
        // previous article's tags).
        let mut opens: Vec<Option<usize>> = vec![None; n]; // span start -> the split it leads to
        let mut bounds = vec![0];
        for &s in &splits {
            let label_above = s > 1
                && removed[s - 1].is_none()
                && !is_split[s - 1]
                && is_short_label(&blocks[s - 1])
                && (removed[s - 2].is_some() || !is_menu_label(&blocks[s - 2]));
            let a = if label_above { s - 1 } else { s };
            opens[a] = Some(s);
            if a > 0 {
                bounds.push(a);
            }
        }
        bounds.push(n);
        let spans: Vec<(usize, usize)> = bounds.windows(2).map(|w| (w[0], w[1])).filter(|(a, b)| a < b).collect();
        if spans.len() > 1 && opens.first().is_none_or(|o| o.is_none()) {
            // short labels above the first header are not an article
            let (a, b) = spans[0];
            let lead: Vec<usize> = (a..b).filter(|&i| removed[i].is_none()).collect();
            if lead.iter().all(|&i| is_menu_label(&blocks[i])) {
                for i in lead {
                    removed[i] = Some(Removal::of(i, blocks[i].text, "category", None));
                }
            }
        }
        let mut drafts: Vec<ArticleDraft<'a>> = Vec::new();
        let mut ranges: Vec<(usize, usize)> = Vec::new(); // each draft's span of blocks
        let mut orphans: Vec<Removal<'a>> = Vec::new();
        for &(a, b) in &spans {
            let header = match opens[a] {
                Some(s) if is_start[s] => Some(header_span(self.blocks, self.labels, s)),
                _ => None,
            };
            match self.build_article(a, b, header, &removed)? {
                None => orphans.extend((a..b).filter_map(|i| removed[i].clone())),
                Some(mut draft) => {
                    draft.removed.append(&mut orphans);
                    drafts.push(draft);
                    ranges.push((a, b));
                }
            }
        }
        if let Some(last) = drafts.last_mut() {
            last.removed.append(&mut orphans);
        }
        if drafts.len() > 1 {
            drafts = self.fold_reprints(drafts, &ranges)?;
        }
        for draft in &mut drafts {
            draft.removed.sort_by_key(|r| r.block); // stable, as Python's sort
        }
        Ok(drafts)
    }

    /// A whole article printed again further down the page (an endless-scroll page that loaded
    /// it twice) is one article: when every kept block of a later article, headline first, is a
    /// kept block of an earlier one, the later one's blocks are `repeat`s of the earlier copy's
    /// and are recorded in the earlier article.
    fn fold_reprints(
        &self,
        drafts: Vec<ArticleDraft<'a>>,
        ranges: &[(usize, usize)],
    ) -> Result<Vec<ArticleDraft<'a>>, Failure<E>> {
        let blocks = self.blocks;
        // (draft, its title's key, kept key -> block)
        let mut out: Vec<(ArticleDraft<'a>, Cow<'a, str>, FastMap<&'a str, usize>)> = Vec::new();
        for (draft, &(a, b)) in drafts.into_iter().zip(ranges) {
            let mut gone = vec![false; b - a];
            for r in &draft.removed {
                if (a..b).contains(&r.block) {
                    gone[r.block - a] = true;
                }
            }
            let kept = indexes(a..b, |&i| !gone[i - a]);
            let title = blocks[draft.title].text;
            let title_key: Cow<'a, str> = match kept.iter().find(|&&i| blocks[i].text == title) {
                Some(&i) if !blocks[i].key.is_empty() => Cow::Borrowed(blocks[i].key),
                _ => Cow::Owned(self.block_key(title)?),
            };
            let earlier = out.iter_mut().find(|(_, earlier_key, index)| {
                title_key == *earlier_key && kept.iter().all(|&i| index.contains_key(blocks[i].key))
            });
            if let Some((earlier, _, index)) = earlier {
                for r in draft.removed {
                    // a repeat within the reprint points at the earlier copy too
                    let within = r.kept_block.filter(|&k| a as i64 <= k && k < b as i64);
                    match within {
                        Some(k) => {
                            let to = index.get(blocks[k as usize].key).ok_or(Failure::MissingKept(k))?;
                            earlier.removed.push(Removal { kept_block: Some(*to as i64), ..r });
                        }
                        None => earlier.removed.push(r),
                    }
                }
                for &i in &kept {
                    let to = index.get(blocks[i].key).copied();
                    earlier.removed.push(Removal::of(i, blocks[i].text, "repeat", to));
                }
            } else {
                let mut index: FastMap<&'a str, usize> = FastMap::default();
                for &i in &kept {
                    index.entry(blocks[i].key).or_insert(i);
                }
                out.push((draft, title_key, index));
            }
        }
        Ok(out.into_iter().map(|(draft, _, _)| draft).collect())
    }

    /// Which blocks are in the strong headers that start at `starts`.
    fn strong_headers(&self, starts: &[usize]) -> Vec<bool> {
        let mut strong = vec![false; self.blocks.len()];
        for &start in starts {
            let header = header_span(self.blocks, self.labels, start);
            strong[header.start..=header.end].iter_mut().for_each(|s| *s = true);
        }
        strong
    }

    /// Plain text: the headlines of later articles printed once, with their photo: a
    /// headline-like line after the page's first sentence of text, then (after at most one
    /// line, a summary) a caption printed twice in a row, then prose. Inside an article a
    /// photo's caption is printed once; a doubled caption under a headline is an article's
    /// header whose headline was not repeated.
    pub fn photo_header_starts(&self, starts: &[usize]) -> Vec<usize> {
        let blocks = self.blocks;
        let n = blocks.len();
        let unlabelled = indexes(0..n, |&k| !self.labelled(k));
        // blocks printed again as the next unlabelled block: the only candidate captions
        let mut doubled = vec![false; n];
        let mut any_doubled = false;
        for pair in unlabelled.windows(2) {
            let (k, k2) = (pair[0], pair[1]);
            if !blocks[k].key.is_empty() && blocks[k].key == blocks[k2].key {
                doubled[k] = true;
                any_doubled = true;
            }
        }
        if !any_doubled {
            return Vec::new();
        }
        let strong = if starts.is_empty() { vec![false; n] } else { self.strong_headers(starts) };
        for k in 0..n {
            doubled[k] &= !strong[k]; // a strong header's headline around its "TT" is no caption
        }
        if !doubled.iter().any(|&d| d) {
            return Vec::new();
        }
        // the headline stands one or two unlabelled lines above a doubled caption
        let mut candidate = vec![false; n];
        for (p, &c) in unlabelled.iter().enumerate() {
            if doubled[c] {
                for q in [p.checked_sub(1), p.checked_sub(2)].into_iter().flatten() {
                    candidate[unlabelled[q]] = true;
                }
            }
        }
        let first_text = self.first_sentence(&unlabelled, &strong);
        let mut out = Vec::new();
        let mut covered: Option<usize> = None;
        for i in (0..n).filter(|&i| candidate[i]) {
            let block = &blocks[i];
            if i <= first_text || covered.is_some_and(|c| i <= c) || strong[i] || block.tag.is_some() {
                continue;
            }
            let following: Vec<usize> = (i + 1..n.min(i + 6)).filter(|&k| !self.labelled(k)).collect();
            if !following.iter().take(2).any(|&k| doubled[k]) {
                continue; // no caption printed twice right under this line or under the next
            }
            if !headline_like(block) || chrome_above_headline(block).is_some() {
                continue;
            }
            let before = (0..i).rev().find(|&k| !self.labelled(k));
            // the caption right under the headline, or after a summary; not a line of a list
            // whose last item or marker stands above the headline
            let summary_allowed = !i.checked_sub(1).and_then(|k| self.label(k)).is_some_and(is_region_marker)
                && before.is_none_or(|k| is_prose(&blocks[k]) || !headline_like(&blocks[k]));
            for skip in if summary_allowed { &[0, 1][..] } else { &[0][..] } {
                let skip = *skip;
                if following.len() < skip + 3 {
                    break;
                }
                let (c, c2, mut body) = (following[skip], following[skip + 1], following[skip + 2]);
                if self.dateline_line(&blocks[body]) && following.len() > skip + 3 {
                    body = following[skip + 3]; // the writer's dateline between the photo and the story
                }
                let key = blocks[c].key;
                if !key.is_empty() && key == blocks[c2].key && key != block.key && is_prose(&blocks[body]) {
                    out.push(i);
                    covered = Some(c2);
                    break;
                }
            }
        }
        out
    }

    /// Plain text: the headers of later articles whose headline and photo caption are printed
    /// once. Around a caption with a credit, after the page's first sentence of text: one or two
    /// headline-like lines right above it (headline, or headline and deck) or one right under
    /// it, then two paragraphs of prose in a row, the first of which retells one of those lines
    /// (a news lead does: at least `ECHO_MIN_WORDS` of the headline's words, and
    /// `ECHO_MIN_SHARE` of them, come back in it). The article starts at the topmost of those
    /// lines, or at the caption when the photo is printed above the headline. A section heading
    /// inside an article is short and rarely stands over a photo and its own retelling; a teaser
    /// card (photo, title, a one-sentence summary, source line) has no second paragraph.
    pub fn captioned_headline_starts(&self, starts: &[usize]) -> Vec<usize> {
        let blocks = self.blocks;
        let unlabelled = indexes(0..blocks.len(), |&k| !self.labelled(k) && blocks[k].tag.is_none());
        if unlabelled.len() < 4 {
            return Vec::new();
        }
        let strong = self.strong_headers(starts);
        let first_text = self.first_sentence(&unlabelled, &strong);
        let line: Vec<&Block> = unlabelled.iter().map(|&k| &blocks[k]).collect();
        // cheap: most are prose
        let short: Vec<bool> =
            line.iter().map(|b| b.chars() <= HEADLINE_MAX_CHARS && !ends_statement(b.text)).collect();
        let mut out = Vec::new();
        for (p, &c) in unlabelled.iter().enumerate() {
            if c <= first_text || strong[c] || !short[p] || !self.is_caption_line(line[p]) {
                continue;
            }
            let mut above: Vec<&Block> = Vec::new(); // the headline (and deck) over the photo, topmost first
            for q in [p.checked_sub(1), p.checked_sub(2)] {
                match q {
                    Some(q) if unlabelled[q] > first_text && short[q] && self.header_line(line[q]) => {
                        above.insert(0, line[q])
                    }
                    _ => break,
                }
            }
            let under: Vec<&Block> = if p + 1 < line.len() && short[p + 1] && self.header_line(line[p + 1]) {
                vec![line[p + 1]]
            } else {
                Vec::new()
            };
            let mut first = p + 1 + under.len();
            if first < line.len() && short[first] && self.dateline_line(line[first]) {
                first += 1; // the writer's dateline above the story
            }
            let story = &line[first.min(line.len())..(first + 2).min(line.len())];
            if (above.is_empty() && under.is_empty()) || story.len() < 2 || !(is_prose(story[0]) && is_prose(story[1]))
            {
                continue;
            }
            if above
                .iter()
                .chain(&under)
                .any(|b| b.words() >= ECHO_HEADLINE_MIN_WORDS && retells(story[0], b, self.rules))
            {
                let mut q = p - above.len();
                while q > 0 && line[q - 1].key == line[p].key && unlabelled[q - 1] > first_text {
                    q -= 1; // the same caption printed right above the header too
                }
                out.push(unlabelled[q]);
            }
        }
        out
    }

    /// A byline or a dateline alone on its line, as printed between a later article's photo
    /// and its story ("بيروت: كارولين عاكوم", "القاهرة - «الشرق الأوسط»", "كتب: …").
    fn dateline_line(&self, block: &Block) -> bool {
        block.words() <= 6 && (PLACE_DATELINE.is_match(py_strip(block.text)) || self.is_byline(block))
    }

    /// A byline ("كتب: …", "By …") or a short dateline ("الحدث- غزة"), kept where it stands.
    fn byline_or_dateline(&self, block: &Block) -> bool {
        self.is_byline(block) || SHORT_DATELINE.is_match(py_strip(block.text))
    }

    /// Index of the page's first sentence of text among `candidates` (plain-text lines outside
    /// the strong headers, `PAIR_MIN_WORDS` words or more, ending a sentence): a later article's
    /// header can only stand below it. The number of blocks if there is none.
    fn first_sentence(&self, candidates: &[usize], strong: &[bool]) -> usize {
        let blocks = self.blocks;
        candidates
            .iter()
            .copied()
            .find(|&k| {
                !strong[k]
                    && blocks[k].tag.is_none()
                    && ends_sentence(blocks[k].text)
                    && blocks[k].words() >= PAIR_MIN_WORDS
            })
            .unwrap_or(blocks.len())
    }

    /// A line of a header printed once: a headline or a deck of `HEADER_LINE_MIN_WORDS` to
    /// `MAX_TITLE_WORDS` words (no sentence end), not a caption, byline or chrome.
    fn header_line(&self, block: &Block) -> bool {
        (HEADER_LINE_MIN_WORDS..=MAX_TITLE_WORDS).contains(&block.words())
            && chrome_above_headline(block).is_none()
            && !self.is_byline(block)
            && !self.has_credit(block)
    }

    /// A photo caption printed once: a line of at most `CAPTION_MAX_WORDS` words ending with a
    /// credit (or starting with a photo label), not a byline, not a paragraph that reports
    /// speech and names its source (the test `build_article` applies to a line with a credit).
    fn is_caption_line(&self, block: &Block) -> bool {
        self.has_credit(block)
            && block.words() <= CAPTION_MAX_WORDS
            && !self.is_byline(block)
            && !self.rules.reports_speech(block.key)
    }

    /// HTML: the headings of the second and later `<article>` elements that hold a whole article
    /// (a heading and at least `ARTICLE_MIN_PARAGRAPHS` paragraphs of `PARAGRAPH_MIN_CHARS`
    /// characters or more, outside `nav`, `aside` and `footer`). Teaser cards and comments are
    /// `<article>` elements on many sites too; they hold one excerpt or none and stay where they
    /// are.
    pub fn html_article_starts(&self) -> Vec<usize> {
        // per <article>: its first heading and its number of paragraphs
        let mut members: FastMap<i64, (Option<usize>, usize)> = FastMap::default();
        for (i, block) in self.blocks.iter().enumerate() {
            let Some(article) = block.html_article else { continue };
            if self.labelled(i) {
                continue;
            }
            let (heading, paragraphs) = members.entry(article).or_insert((None, 0));
            if heading.is_none() && matches!(block.tag, Some("h1" | "h2" | "h3")) {
                *heading = Some(i);
            }
            if block.tag == Some("p") && block.chars() >= PARAGRAPH_MIN_CHARS {
                *paragraphs += 1;
            }
        }
        let mut headings: Vec<usize> = members
            .values()
            .filter_map(|&(heading, paragraphs)| {
                let heading = heading?;
                let context = &self.blocks[heading].context;
                let outside = !context.iter().any(|c| matches!(*c, "nav" | "aside" | "footer"));
                (paragraphs >= ARTICLE_MIN_PARAGRAPHS && outside).then_some(heading)
            })
            .collect();
        headings.sort_unstable();
        headings.into_iter().skip(1).collect()
    }

    /// Teaser lists and comment sections: a marker line opens a region that runs to the next
    /// marker, article start, footer or the end of the page (in HTML: to the end of the marker's
    /// container when the DOM names one, e.g. its `aside`; in plain text and in an unnamed box,
    /// to where the story resumes: [`Page::story_resumes`]). A list that prints its own end
    /// ("end of list") ends there. Blocks with a line class of their own keep it.
    fn remove_teasers(&self, starts: &[usize], removed: &mut [Option<Removal<'a>>]) {
        let blocks = self.blocks;
        let n = blocks.len();
        let markers: Vec<usize> = (0..n).filter(|&i| self.label(i).is_some_and(is_region_marker)).collect();
        if markers.is_empty() {
            return;
        }
        let first_prose = (0..n).find(|&k| !self.labelled(k) && is_prose(&blocks[k])).unwrap_or(n);
        for &m in &markers {
            let label = self.label(m).unwrap_or_default();
            let reason = region_reason(label).unwrap_or("teaser");
            let marker = &blocks[m];
            removed[m].get_or_insert_with(|| Removal::of(m, marker.text, reason, None));
            if label == "teaser_marker"
                && (marker.words() > 5
                    || MARKER_TITLE.is_match(marker.text.trim_start_matches(|c| c == ' ' || LIST_MARKS.contains(&c))))
            {
                continue; // "اقرأ أيضاً: <title>" is one teaser line, not a list ("3 تعليقات على “<title>”" opens the comments)
            }
            let next_start = starts.iter().copied().find(|&s| s > m).unwrap_or(n);
            let next_marker = markers.iter().copied().find(|&k| k > m).unwrap_or(n);
            let mut end = next_start.min(next_marker);
            let container = &marker.context;
            let close =
                (m + 1..end).find(|&k| self.label(k) == Some("widget") && self.rules.closes_list(blocks[k].folded));
            if let Some(close) = close {
                end = close + 1; // "list of 4 items" ... "end of list": the list says where it ends
            } else if marker.tag.is_none() || container.is_empty() {
                // plain text, or a box the DOM does not name
                end = self.story_resumes(m, end, first_prose > m);
            }
            for k in m + 1..end {
                let outside = marker.tag.is_some()
                    && !container.is_empty()
                    && !container.iter().all(|c| blocks[k].context.contains(c));
                if self.label(k) == Some("footer") || outside {
                    break;
                }
                removed[k].get_or_insert_with(|| Removal::of(k, blocks[k].text, reason, None));
            }
        }
    }

    /// Where a region opened by the marker at `m` ends at the latest (`end`) in plain text: a
    /// list holds titles, summaries, sources and captions, never two paragraphs of prose in a
    /// row, so the story resumes at such a pair (each of `PROSE_MIN_WORDS` words or more; above
    /// the first prose `PAIR_MIN_WORDS` each and `2 * PROSE_MIN_WORDS` together, as scrapers cut
    /// paragraphs into lines). A marker above the page's first prose (a sidebar's "الأكثر
    /// مشاهدة" printed before the article) ends where the story starts (a page cut short may
    /// hold one paragraph, not a pair: then the first prose line stands for it): at the lines
    /// above the pair up to the nearest label-sized line or list item (dates, datelines and
    /// other classified lines in between do not count), which takes in the headline, its
    /// repetition and paragraphs cut into lines. A marker inside the story (prose right above
    /// it) followed by one line (a link) and one paragraph that ends the region or stands over a
    /// credited caption ends at that paragraph: it is the story's.
    fn story_resumes(&self, m: usize, end: usize, top: bool) -> usize {
        let blocks = self.blocks;
        let unlabelled = indexes(m + 1..end, |&k| !self.labelled(k));
        let before = (0..m).rev().find(|&k| !self.labelled(k));
        let inline = !top && before.is_some_and(|k| is_prose(&blocks[k])); // the marker stands inside the story
        if inline && unlabelled.len() >= 2 && !is_prose(&blocks[unlabelled[0]]) && is_prose(&blocks[unlabelled[1]]) {
            // one link (a title), then the story's last paragraph, or a paragraph over its photo
            match unlabelled.get(2) {
                Some(&after) if !self.is_caption_line(&blocks[after]) => {}
                _ => return unlabelled[1],
            }
        }
        let pair_min = if top { PAIR_MIN_WORDS } else { PROSE_MIN_WORDS };
        let pair = unlabelled.windows(2).find(|pair| {
            let (a, b) = (&blocks[pair[0]], &blocks[pair[1]]);
            ends_sentence(a.text)
                && ends_sentence(b.text)
                && a.words().min(b.words()) >= pair_min
                && a.words() + b.words() >= 2 * PROSE_MIN_WORDS
        });
        let k = match pair {
            Some(pair) => pair[0],
            None if top => match unlabelled.iter().copied().find(|&k| is_prose(&blocks[k])) {
                Some(k) => k,
                None => return end,
            },
            None => return end,
        };
        if !top {
            return k;
        }
        let mut resume = k;
        for i in (m + 1..k).rev() {
            let b = &blocks[i];
            if self.labelled(i) || self.byline_or_dateline(b) {
                continue;
            }
            if is_menu_label(b) || chrome_above_headline(b).is_some() {
                break;
            }
            resume = i;
        }
        resume
    }

    /// A navigation line that ends with a colon ("الكلمات المفتاحية:", "Tags:") announces a list:
    /// the short label lines right after it (one tag per line) are navigation too.
    fn remove_tag_lists(&self, removed: &mut [Option<Removal<'a>>]) {
        let blocks = self.blocks;
        for m in 0..blocks.len() {
            if self.label(m) != Some("navigation") || !py_rstrip(blocks[m].text).ends_with([':', '\u{ff1a}']) {
                continue;
            }
            for k in m + 1..blocks.len() {
                if self.labelled(k) || !is_menu_label(&blocks[k]) {
                    break;
                }
                removed[k].get_or_insert_with(|| Removal::of(k, blocks[k].text, "navigation", None));
            }
        }
    }

    /// The article of the blocks `a..b`: title, subtitle, captions, paragraphs and removals
    /// (`removed` holds the removals decided so far, by block). `None` when no block is kept.
    fn build_article(
        &self,
        a: usize,
        b: usize,
        header: Option<Header>,
        removed: &[Option<Removal<'a>>],
    ) -> Result<Option<ArticleDraft<'a>>, Failure<E>> {
        let blocks = self.blocks;
        let rules = self.rules;
        let mut kept = indexes(a..b, |&i| removed[i].is_none());
        if kept.is_empty() {
            return Ok(None);
        }
        let mut own: Vec<Removal<'a>> = Vec::with_capacity(b - a + 4);
        own.extend((a..b).filter_map(|i| removed[i].clone()));
        let drop = |own: &mut Vec<Removal<'a>>, i: usize, reason: &'a str, kept_block: Option<usize>| {
            own.push(Removal::of(i, blocks[i].text, reason, kept_block));
        };

        // Title: the strong header's headline, the h1, or the first headline-like block past the
        // labels and chrome above it (`headline_after_chrome`).
        let mut label_reason = "category";
        let mut listed_from: Option<usize> = None; // where a list of the site's headlines above the title starts
        let mut h1: Option<usize> = None; // the HTML headline element, when it gives the title
        let mut header = header;
        let mut title_block: usize;
        match header {
            // a learned template may have removed the headline
            Some(h) if (a..b).contains(&h.start) && removed[h.start].is_none() => title_block = h.start,
            _ => {
                header = None;
                let title_h1 = |i: &usize| headline_like(&blocks[*i]) && blocks[*i].words() >= HTML_TITLE_MIN_WORDS;
                // HTML: the page's h1, when it reads like a headline (a logo in an h1 does not)
                h1 = kept.iter().copied().find(|i| blocks[*i].tag == Some("h1") && title_h1(i));
                if let Some(h) = h1 {
                    if blocks[h].html_article.is_none() && blocks[h].in_context("header") {
                        // the site's name in the page header's h1 (WordPress themes): the post's
                        // own heading in its <article> is the headline
                        h1 = kept
                            .iter()
                            .copied()
                            .find(|i| {
                                matches!(blocks[*i].tag, Some("h1" | "h2"))
                                    && blocks[*i].html_article.is_some()
                                    && title_h1(i)
                            })
                            .or(h1);
                    }
                }
                if let Some(h) = h1 {
                    title_block = h;
                } else {
                    // a menu of short lines (a site name, sections) above the headline, or one or
                    // two very short labels above a longer headline
                    let menu = self.leading_labels(&kept, kept.len(), 4, 40);
                    let labels_ahead = self.leading_labels(&kept, 2.min(kept.len() - 1), LABEL_MAX_WORDS, 30);
                    let mut start = 0;
                    if (MENU_MIN_ITEMS..kept.len()).contains(&menu)
                        && headline_like(&blocks[kept[menu]])
                        && !self.is_byline(&blocks[kept[menu]])
                    {
                        (start, label_reason) = (menu, "navigation");
                    } else if labels_ahead > 0
                        && headline_like(&blocks[kept[labels_ahead]])
                        && blocks[kept[labels_ahead]].words()
                            > kept[..labels_ahead].iter().map(|&i| blocks[i].words()).max().unwrap_or(0)
                    {
                        start = labels_ahead;
                    }
                    (title_block, listed_from) = self.headline_after_chrome(&kept, start);
                }
                // the page's <title> printed first: the headline with the site's name ("… |
                // هسبريس"), then the headline alone: the headline alone is the title
                if let Some(bare) = self.headline_without_site_name(title_block, &kept)? {
                    drop(&mut own, title_block, "repeat", Some(bare));
                    kept.retain(|&i| i != title_block);
                    title_block = bare;
                }
            }
        }
        let title = &blocks[title_block];
        let before: Vec<usize> = kept[..kept.partition_point(|&i| i < title_block)].to_vec();
        let mut body_before: Vec<usize> = Vec::new();
        let mut captions_before: Vec<usize> = Vec::new();
        let chrome_of: Vec<Option<&'static str>> = before.iter().map(|&i| chrome_above_headline(&blocks[i])).collect();
        let links: FastSet<&str> = before
            .iter()
            .zip(&chrome_of)
            .filter(|(_, chrome)| **chrome == Some("navigation"))
            .map(|(&i, _)| blocks[i].key)
            .collect();
        // labels right above a list of links are its headings ("أقسام مهمة", "Stories", then "• …")
        let mut headings = vec![false; before.len()];
        for p in (0..before.len().saturating_sub(1)).rev() {
            if (headings[p + 1] || chrome_of[p + 1] == Some("navigation")) && is_menu_label(&blocks[before[p]]) {
                headings[p] = true;
            }
        }
        for (p, &i) in before.iter().enumerate() {
            let b = &blocks[i];
            let listed = listed_from.is_some_and(|from| i >= from);
            if let Some(chrome) = chrome_of[p] {
                drop(&mut own, i, chrome, None);
            } else if links.contains(b.key) {
                drop(&mut own, i, "navigation", None); // "• X" then "X": one link printed twice
            } else if listed && b.key == title.key {
                drop(&mut own, i, "repeat", Some(title_block)); // the headline's copy in the list points forward
            } else if listed && headline_like(b) {
                drop(&mut own, i, "teaser", None);
            } else if is_menu_label(b) {
                drop(&mut own, i, if headings[p] { "navigation" } else { label_reason }, None);
            } else if (title.tag == Some("h1") || h1 == Some(title_block))
                && b.words() <= HTML_CHROME_MAX_WORDS
                && !ends_sentence(b.text)
            {
                drop(&mut own, i, "navigation", None); // a site's top bar above the h1 ("الاثنين 23 نوفمبر 2026 تسجيل الدخول")
            } else if b.tag.is_none() && self.is_caption_line(b) {
                // the photo printed above the headline
                match captions_before.iter().copied().find(|&c| blocks[c].key == b.key) {
                    None => captions_before.push(i),
                    Some(first_copy) => drop(&mut own, i, "repeat", Some(first_copy)),
                }
            } else {
                body_before.push(i);
            }
        }

        // printed twice in the header: a caption
        let header_counts: FastMap<&str, usize> = match header {
            Some(h) => {
                let mut counts = FastMap::default();
                for i in (a..b).filter(|&i| h.contains(i)) {
                    *counts.entry(blocks[i].key).or_insert(0) += 1;
                }
                counts
            }
            None => FastMap::default(),
        };
        let mut kept_blocks: KeptBlocks<usize> = KeptBlocks::with_capacity(kept.len());
        kept_blocks.add(title.key, title_block);
        for &i in &captions_before {
            kept_blocks.add(blocks[i].key, i);
        }
        let mut subtitle: Option<usize> = None;
        let mut captions: Vec<usize> = captions_before;
        let mut paragraphs: Vec<usize> = body_before;
        let mut after: Vec<usize> = kept[kept.partition_point(|&i| i <= title_block)..].to_vec();
        let cards = self.unmarked_teaser_cards(&after);
        for &i in &after[cards..] {
            drop(&mut own, i, "teaser", None);
        }
        after.truncate(cards);
        let tags = self.trailing_tags(&after);
        for &i in &after[after.len() - tags..] {
            drop(&mut own, i, "navigation", None);
        }
        after.truncate(after.len() - tags);
        let mut first_after = true;
        for (pos, &i) in after.iter().enumerate() {
            let b = &blocks[i];
            if let Some(original) = kept_blocks.repeat_of(b.key) {
                drop(&mut own, i, "repeat", Some(original));
                continue;
            }
            let next = after.get(pos + 1).map(|&k| &blocks[k]);
            let in_header = header.is_some_and(|h| h.contains(i));
            // a section label right under the headline; not the heading of a list ("أبرز
            // النقاط" + bullets)
            if first_after
                && is_label(b, 2, 20)
                && next.is_some_and(|next| !bulleted(next) && next.key != b.key) // "الزمالك" printed twice: a photo's caption
                && !in_header
                && !SHORT_DATELINE.is_match(py_strip(b.text)) // "مسقط - العمانية": a dateline, kept
                && (b.words() == 1 || py_split(b.key).any(|w| rules.is_section_word(w)))
            // "بثينة الخليل": a byline
            {
                drop(&mut own, i, "category", None);
                continue;
            }
            let doubled = next.is_some_and(|next| next.key == b.key);
            // a byline is never a caption or the subtitle; an editor's initials with the agencies
            // ("م.ع/ع.ج.م (د ب أ، رويترز)") end with a credit but close the article as a byline
            let byline = b.in_context("byline")
                || self.is_byline(b)
                || (b.chars() <= 60 && SHORT_DATELINE.is_match(py_strip(b.text)) && b.words() <= 5); // "هسبريس - عبد السلام الشامخ"
                                                                                                     // a credit makes a caption; asked only where it decides
            let credit = || !byline && self.has_credit(b) && !rules.reports_speech(b.key);
            let header_caption =
                in_header && (doubled || credit() || header_counts.get(b.key).copied().unwrap_or(0) > 1);
            let short_caption = (doubled || credit()) && b.words() <= CAPTION_MAX_WORDS;
            if header_caption || short_caption || b.in_context("figcaption") {
                captions.push(i);
            } else if first_after
                && subtitle.is_none()
                && paragraphs.is_empty()
                && !byline
                && subtitle_like(b, in_header, next)
            {
                subtitle = Some(i);
            } else {
                paragraphs.push(i);
            }
            first_after = false;
            kept_blocks.add(b.key, i);
        }
        Ok(Some(ArticleDraft { title: title_block, subtitle, captions, paragraphs, removed: own }))
    }

    /// The headline of a page without a repeated header or an `h1`: from `kept[start]` (the
    /// first block that is not a label), the first block before the story's first prose
    /// paragraph that reads like a headline, past chrome ([`chrome_above_headline`]), labels,
    /// bylines and datelines. When a line of that stretch is printed again below its first copy
    /// and more than `HEADLINE_LIST_MIN` other headline-like lines, before the prose and before
    /// any caption (a list of the site's headlines, then the article's own headline), the later
    /// copy is the headline and the list starts at the returned block index (else `None`). With
    /// no headline-like block above the prose, a headline cut short ("… ...") right above it
    /// (past bylines and datelines), else the first label-sized line past the chrome (a short
    /// headline: "الإمارات 2017"), else a photo's caption, else the first block past it (a page
    /// cut above its headline); `kept[start]` when nothing is left past it.
    fn headline_after_chrome(&self, kept: &[usize], start: usize) -> (usize, Option<usize>) {
        let blocks = self.blocks;
        let prose = (start..kept.len()).find(|&i| is_prose(&blocks[kept[i]])).unwrap_or(kept.len());
        let mut first = start;
        let mut links: FastSet<&str> = FastSet::default(); // keys of the list items passed: "• X" then "X" is one link printed twice
        let mut short: Option<usize> = None; // the first label-sized line that is not chrome: a short headline?
        let mut photo: Option<usize> = None; // the first caption passed: printed above the headline, or standing for it
        let mut cut: Option<usize> = None; // a headline cut short ("… ...") with only bylines and datelines under it
        while first < prose {
            let i = kept[first];
            let b = &blocks[i];
            let chrome = chrome_above_headline(b);
            let mut dateline = self.byline_or_dateline(b);
            if !dateline && chrome.is_none() && self.is_caption_line(b) {
                photo = photo.or(Some(i));
                dateline = true;
            }
            let plain = chrome.is_none() && !links.contains(b.key) && !dateline;
            if plain && is_menu_label(b) {
                short = short.or(Some(i));
            } else if plain {
                break;
            }
            if chrome == Some("navigation") {
                links.insert(b.key);
            }
            if !dateline {
                cut = (chrome == Some("teaser") && b.words() <= MAX_TITLE_WORDS).then_some(i);
            }
            first += 1;
        }
        if first == kept.len() {
            return (kept[start], None);
        }
        if first == prose || !headline_like(&blocks[kept[first]]) {
            return (cut.or(short).or(photo).unwrap_or(kept[first]), None);
        }
        let mut listed: FastSet<&str> = FastSet::default(); // keys of the headline-like lines from `first` on
        for &i in &kept[first..prose] {
            let b = &blocks[i];
            if is_menu_label(b) {
                continue;
            }
            if !headline_like(b) || self.has_credit(b) {
                break; // a caption: a header, not a list
            }
            if listed.contains(b.key) && listed.len() > HEADLINE_LIST_MIN {
                return (i, Some(kept[first])); // the site's headline list above, then the article's own headline
            }
            listed.insert(b.key);
        }
        (kept[first], None)
    }

    /// Where a teaser list printed without its marker line starts among the blocks after the
    /// headline (`after.len()` if there is none). The list is known by its cards' source lines,
    /// an outlet in quotes with a place ("«الشرق الأوسط» (موسكو)"): `CARD_MIN` or more of them,
    /// every one 3 to `CARD_BLOCKS` blocks after the previous (title, summary, source, and a
    /// photo caption with a section label in front, the title printed again around it), the
    /// first one after some body, the last one at the article's end (or all of it but its
    /// source line, which stands above the next article's headline). The list starts at the
    /// first card's title, or at the captioned photo above it.
    fn unmarked_teaser_cards(&self, after: &[usize]) -> usize {
        let blocks = self.blocks;
        let sources: Vec<usize> = (0..after.len())
            .filter(|&p| blocks[after[p]].chars() <= 90 && CARD_SOURCE.is_match(py_strip(blocks[after[p]].text)))
            .collect();
        if sources.len() < CARD_MIN || sources.windows(2).any(|w| !(3..=CARD_BLOCKS).contains(&(w[1] - w[0]))) {
            return after.len();
        }
        let block_at = |p: isize| &blocks[after[p as usize]];
        let mut start = sources[0] as isize - 2; // the first card's title (its summary is between)
        if start >= 1 && self.has_credit(block_at(start - 1)) {
            start -= 1;
            if start >= 1 && block_at(start - 1).key == block_at(start + 1).key {
                start -= 1; // its title printed above the photo too
            }
        }
        // after the last card: nothing, the photo of a card cut short, or a whole card but its
        // source line (printed above the next article's headline, where it reads as that
        // article's label)
        let last = sources[sources.len() - 1];
        let tail = &after[last + 1..];
        let last_card = last - sources[sources.len() - 2] - 1;
        let cut_short = tail.len() == 1 && self.has_credit(&blocks[tail[0]]);
        if start < 2 || (!tail.is_empty() && !cut_short && tail.len() != last_card) {
            return after.len(); // no body before it, or prose after it: not a list at the article's end
        }
        start as usize
    }

    /// The block among the next `SITE_TITLE_LOOKAHEAD` kept blocks whose key is `title`'s key
    /// without a site name of at most three words after " | " or " - ", or without a section
    /// name of at most three words and a colon in front ("اخبار السودان : …"), if any.
    fn headline_without_site_name(&self, title: usize, kept: &[usize]) -> Result<Option<usize>, Failure<E>> {
        let blocks = self.blocks;
        let after: Vec<usize> = kept.iter().copied().filter(|&i| i > title).take(SITE_TITLE_LOOKAHEAD).collect();
        if after.is_empty() {
            return Ok(None);
        }
        let text = blocks[title].text;
        let mut keys: Vec<String> = Vec::with_capacity(2);
        if let Some(suffix) = SITE_SUFFIX.find(text) {
            keys.push(self.block_key(&text[..suffix.start()])?);
        }
        if let Some(prefix) = SECTION_PREFIX.find(text) {
            keys.push(self.block_key(&text[prefix.end()..])?);
        }
        keys.retain(|k| !k.is_empty());
        Ok(after.into_iter().find(|&i| keys.iter().any(|k| k == blocks[i].key)))
    }

    /// How many of the first `limit` kept blocks are short labels ([`is_label`]), bylines
    /// excepted.
    fn leading_labels(&self, kept: &[usize], limit: usize, max_words: usize, max_chars: usize) -> usize {
        let blocks = self.blocks;
        kept.iter()
            .take(limit)
            .take_while(|&&i| is_label(&blocks[i], max_words, max_chars) && !self.is_byline(&blocks[i]))
            .count()
    }

    /// A tag list printed without its label at the end of an article: `TAG_RUN_MIN` or more
    /// short lines (at most 3 words, no sentence end, no bullet or number, no byline) right after
    /// a line of prose; how many of the last blocks of `after` it takes (0: none). A list
    /// announced by a colon ("المكونات:") is body, not tags.
    fn trailing_tags(&self, after: &[usize]) -> usize {
        let blocks = self.blocks;
        let mut run = 0;
        while run + 1 < after.len() {
            let b = &blocks[after[after.len() - 1 - run]];
            let text = py_lstrip(b.text);
            if !is_short_label(b)
                || text.starts_with(BULLETS)
                || text.chars().next().is_some_and(py_isdigit)
                || self.is_byline(b)
            {
                break;
            }
            run += 1;
        }
        if run < TAG_RUN_MIN {
            return 0;
        }
        let before = py_rstrip(blocks[after[after.len() - 1 - run]].text);
        if before.ends_with([':', '\u{ff1a}']) || !ends_sentence(before) {
            return 0;
        }
        run
    }
}

/// A subtitle: a line right after the title, followed by more text, not a bullet; in the
/// header at most 60 words, else 4 to 30 words without a sentence end.
fn subtitle_like(block: &Block, in_header: bool, next: Option<&Block>) -> bool {
    if next.is_none() || py_lstrip(block.text).starts_with(BULLETS) {
        return false;
    }
    let words = block.words();
    if in_header {
        return words <= 60;
    }
    (4..=30).contains(&words) && !ends_sentence(block.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Rules {
        Rules::from_json(include_str!("../../workers/cleaning/data/rules.json")).expect("rules")
    }

    fn page(lines: &[&'static str]) -> Vec<Block<'static>> {
        lines
            .iter()
            .map(|t| Block::new(t, Box::leak(key_of_folded(&folded_of(t)).into_boxed_str()), "", None, vec![], None))
            .collect()
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("Done.") && ends_sentence("«قال.» ") && ends_sentence("Why?"));
        assert!(!ends_statement("Why?") && ends_statement("so:\u{a0}"));
        assert!(!ends_sentence("no end") && !ends_sentence("") && !ends_sentence(")"));
    }

    #[test]
    fn words_are_regex_word_runs() {
        assert_eq!(word_count("a_b c-d  é"), 4);
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("x\u{558}y"), 1); // \u{558}: a letter to Python's regex module
    }

    #[test]
    fn clitics_are_taken_off_when_three_letters_remain() {
        let rules = rules();
        // "والكتاب" -> "كتاب"; "بالبيت" -> "بيت"; "لله" keeps its letters (none would remain)
        assert_eq!(
            content_words("\u{0648}\u{0627}\u{0644}\u{0643}\u{062a}\u{0627}\u{0628}", &rules),
            vec!["\u{0643}\u{062a}\u{0627}\u{0628}"]
        );
        assert_eq!(
            content_words("\u{0628}\u{0627}\u{0644}\u{0628}\u{064a}\u{062a}", &rules),
            vec!["\u{0628}\u{064a}\u{062a}"]
        );
        assert_eq!(content_words("ab cdef cdef", &rules), vec!["cdef"]);
    }

    #[test]
    fn a_strong_header_starts_the_article_and_its_repeats_point_at_it() {
        let rules = rules();
        let blocks = page(&[
            "Storm hits the coast",
            "A deck line about the storm",
            "Waves break on the pier (Reuters)",
            "Waves break on the pier (Reuters)",
            "TT",
            "Storm hits the coast",
            "Waves break on the pier (Reuters)",
            "Waves break on the pier (Reuters)",
            "The storm reached the coast on Monday night, officials said, and thousands lost power.",
            "Schools will stay closed on Tuesday while crews clear the roads, the mayor said.",
        ]);
        let mut labels = vec![None; blocks.len()];
        labels[4] = Some("artifact");
        assert_eq!(find_article_starts(&blocks, &labels), vec![0]);
        let no_refs = |_: &str| -> Result<String, ()> { Ok(String::new()) };
        let drafts = segment(&blocks, &labels, &rules, &[], &no_refs).expect("segmented");
        assert_eq!(drafts.len(), 1);
        let draft = &drafts[0];
        assert_eq!(
            (draft.title, draft.subtitle, &draft.captions, &draft.paragraphs),
            (0, Some(1), &vec![2], &vec![8, 9])
        );
        let removed: Vec<(usize, &str, Option<i64>)> =
            draft.removed.iter().map(|r| (r.block, r.reason, r.kept_block)).collect();
        assert_eq!(
            removed,
            vec![
                (3, "repeat", Some(2)),
                (4, "artifact", None),
                (5, "repeat", Some(0)),
                (6, "repeat", Some(2)),
                (7, "repeat", Some(2))
            ]
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        let rules = rules();
        let no_refs = |_: &str| -> Result<String, ()> { Ok(String::new()) };
        let blocks = page(&["", " ", "x", "x", "«a» (b)", "«aa» (bb)", "\u{0640}", "- x", "1. x"]);
        let labels =
            vec![Some("teaser_marker"), None, None, Some("artifact"), None, None, Some("navigation"), None, None];
        let given = [GivenRemoval { block: -3, text: "t", reason: "template", kept_block: Some(99) }];
        assert!(segment(&blocks, &labels, &rules, &given, &no_refs).is_ok());
        assert!(segment(&[], &[], &rules, &[], &no_refs).expect("empty").is_empty());
    }
}
