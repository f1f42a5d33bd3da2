//! Arabic folding and matching keys: the same results as `workers/text.py` (the Python
//! reference, kept for documentation and the parity tests), character for character.
//!
//! Python's string predicates are reproduced exactly where the Python code relies on them:
//! `str.isspace` (`strip`), `str.isalnum` (the key's word runs: general categories L and N),
//! `str.isdigit` (Nd plus the 128 characters of numeric type Digit).

use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

/// Tashkeel, superscript alef, Quranic marks, tatweel, bidirectional marks and isolates, BOM.
#[inline]
fn is_removed_mark(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}'
        | '\u{0640}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}')
}

#[inline]
fn fold_char(c: char) -> char {
    match c {
        '\u{0623}' | '\u{0625}' | '\u{0622}' | '\u{0671}' => '\u{0627}', // alef forms -> alef
        '\u{0649}' => '\u{064A}',                                        // alef maqsura -> yeh
        '\u{0629}' => '\u{0647}',                                        // ta marbuta -> heh
        '\u{06CC}' => '\u{064A}',                                        // Farsi yeh -> yeh
        '\u{06A9}' => '\u{0643}',                                        // keheh -> kaf
        _ => c,
    }
}

#[inline]
fn known(c: char) -> bool {
    c.is_ascii() || crate::props::ASSIGNED.contains(c)
}

/// NFKC as Python 3.11 computes it: characters that Unicode 14.0 does not know are left as they
/// are and, being starters to Python, nothing composes across them.
fn nfkc(text: &str) -> String {
    use unicode_normalization::{is_nfkc_quick, IsNormalized};
    if !text.chars().all(known) {
        let mut out = String::with_capacity(text.len());
        let mut start = 0;
        for (i, c) in text.char_indices().filter(|&(_, c)| !known(c)) {
            out.push_str(&nfkc(&text[start..i]));
            out.push(c);
            start = i + c.len_utf8();
        }
        out.push_str(&nfkc(&text[start..]));
        return out;
    }
    if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        text.to_owned()
    } else {
        text.nfkc().collect()
    }
}

/// `workers.text.fold_arabic`: NFKC, marks removed, letter forms folded, NFKC again.
pub fn fold_arabic(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    fast_fold(text, false).unwrap_or_else(|| fold_slow(text))
}

fn fold_slow(text: &str) -> String {
    let folded: String = nfkc(text).chars().filter(|&c| !is_removed_mark(c)).map(fold_char).collect();
    nfkc(&folded)
}

/// Python's `str.casefold` (Unicode 14.0: later characters are left as they are).
pub fn casefold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.chars().fold(String::with_capacity(text.len()), |mut out, c| {
        push_casefolded(&mut out, c);
        out
    })
}

fn push_casefolded(out: &mut String, c: char) {
    use caseless::Caseless;
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if known(c) {
        out.extend(std::iter::once(c).default_case_fold());
    } else {
        out.push(c);
    }
}

const SLOW: u32 = u32::MAX;
const REMOVE: u32 = u32::MAX - 1;

/// For each character of the Basic Multilingual Plane, what folding does to it in a text that
/// holds only such characters: `REMOVE` (tatweel, bidi marks, diacritics), or the one character
/// it becomes (`fold_char` of its NFKC form, and case-folded in the second table); `SLOW` for the
/// characters that need the full path: those NFKC may compose with their neighbours or reorder
/// (quick check not "yes", or a combining mark that folding keeps), those whose NFKC or case
/// folding is several characters ("…", lam-alef ligatures), and those Unicode 14.0 lacks. A
/// diacritic can be removed before NFKC: it never composes (the hamza and madda marks that do,
/// U+0653-0655, have quick check "maybe") and its place in the canonical order does not matter.
struct FastFold {
    folded: Vec<u32>,
    casefolded: Vec<u32>,
}

static FAST_FOLD: LazyLock<FastFold> = LazyLock::new(|| {
    use unicode_normalization::char::canonical_combining_class;
    use unicode_normalization::{is_nfkc_quick, IsNormalized};
    let simple = |c: char| canonical_combining_class(c) == 0 && is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes;
    let (mut folded, mut casefolded) = (Vec::with_capacity(0x10000), Vec::with_capacity(0x10000));
    for cp in 0..0x10000u32 {
        let action = char::from_u32(cp).filter(|&c| known(c)).map_or(SLOW, |c| {
            if is_removed_mark(c) {
                return if is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes { REMOVE } else { SLOW };
            }
            let normal = nfkc(c.encode_utf8(&mut [0; 4]));
            let mut chars = normal.chars();
            match (chars.next(), chars.next()) {
                (Some(n), None) if simple(n) && !is_removed_mark(n) => n as u32,
                _ => SLOW,
            }
        });
        let (f, cf) = match action {
            SLOW | REMOVE => (action, action),
            n => {
                let f = fold_char(char::from_u32(n).expect("a character"));
                let mut lower = String::new();
                push_casefolded(&mut lower, f);
                let mut chars = lower.chars();
                match (chars.next(), chars.next()) {
                    (Some(l), None) => (f as u32, l as u32),
                    _ => (f as u32, SLOW),
                }
            }
        };
        folded.push(f);
        casefolded.push(cf);
    }
    FastFold { folded, casefolded }
});

/// Folding (and with `casefolded`, case folding too) in one pass over a text of characters that
/// `FAST_FOLD` covers; `None` when the text needs the full path.
fn fast_fold(text: &str, casefolded: bool) -> Option<String> {
    let table = if casefolded { &FAST_FOLD.casefolded } else { &FAST_FOLD.folded };
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut kept = 0; // start of the run of characters that fold to themselves, not yet copied
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if casefolded && b.is_ascii_uppercase() {
                out.extend_from_slice(&bytes[kept..i]);
                out.push(b.to_ascii_lowercase());
                kept = i + 1;
            }
            i += 1;
            continue;
        }
        let (code, width) = decode_bmp(bytes, i)?; // a character outside the BMP: the full path
        let folded = table[code as usize];
        if folded != code {
            out.extend_from_slice(&bytes[kept..i]);
            match folded {
                SLOW => return None,
                REMOVE => {}
                f => push_utf8(&mut out, f),
            }
            kept = i + width;
        }
        i += width;
    }
    out.extend_from_slice(&bytes[kept..]);
    // Only whole UTF-8 sequences of characters were copied or pushed.
    Some(String::from_utf8(out).expect("UTF-8"))
}

/// The Basic Multilingual Plane character whose UTF-8 sequence starts at `bytes[i]` (a lead byte
/// of valid UTF-8), with its length; `None` for a 4-byte sequence.
#[inline]
fn decode_bmp(bytes: &[u8], i: usize) -> Option<(u32, usize)> {
    let b = bytes[i] as u32;
    if b & 0xE0 == 0xC0 {
        Some((((b & 0x1F) << 6) | (bytes[i + 1] as u32 & 0x3F), 2))
    } else if b & 0xF0 == 0xE0 {
        Some((((b & 0x0F) << 12) | ((bytes[i + 1] as u32 & 0x3F) << 6) | (bytes[i + 2] as u32 & 0x3F), 3))
    } else {
        None
    }
}

#[inline]
fn push_utf8(out: &mut Vec<u8>, code: u32) {
    if code < 0x80 {
        out.push(code as u8);
    } else if code < 0x800 {
        out.extend_from_slice(&[0xC0 | (code >> 6) as u8, 0x80 | (code & 0x3F) as u8]);
    } else if code < 0x10000 {
        out.extend_from_slice(&[0xE0 | (code >> 12) as u8, 0x80 | ((code >> 6) & 0x3F) as u8, 0x80 | (code & 0x3F) as u8]);
    } else {
        // a BMP character whose NFKC form is outside it (CJK compatibility ideographs)
        out.extend_from_slice(&[
            0xF0 | (code >> 18) as u8,
            0x80 | ((code >> 12) & 0x3F) as u8,
            0x80 | ((code >> 6) & 0x3F) as u8,
            0x80 | (code & 0x3F) as u8,
        ]);
    }
}

/// Python's `str.isspace` for one character.
#[inline]
pub fn py_isspace(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | '\u{1C}'..='\u{1F}' | ' ' | '\u{85}' | '\u{A0}'
        | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}'
        | '\u{3000}')
}

/// Python's `str.strip()` (no argument).
#[inline]
pub fn py_strip(text: &str) -> &str {
    text.trim_matches(py_isspace)
}

/// Python's `str.isalnum` for one character: general category L* or N* (checked against
/// CPython for every code point of Unicode 14 by the parity tests).
#[inline]
pub fn py_isalnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    is_letter(c) || is_number(c)
}

/// General category L*.
#[inline]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    crate::props::LETTER.contains(c)
}

/// General category N*.
#[inline]
fn is_number(c: char) -> bool {
    crate::props::NUMBER.contains(c)
}

/// Characters of numeric type Digit that are not decimal digits (superscripts, circled digits...).
const DIGIT_NOT_DECIMAL: &[(u32, u32)] = &[
    (0xB2, 0xB3), (0xB9, 0xB9), (0x1369, 0x1371), (0x19DA, 0x19DA), (0x2070, 0x2070), (0x2074, 0x2079),
    (0x2080, 0x2089), (0x2460, 0x2468), (0x2474, 0x247C), (0x2488, 0x2490), (0x24EA, 0x24EA),
    (0x24F5, 0x24FD), (0x24FF, 0x24FF), (0x2776, 0x277E), (0x2780, 0x2788), (0x278A, 0x2792),
    (0x10A40, 0x10A43), (0x10E60, 0x10E68), (0x11052, 0x1105A), (0x1F100, 0x1F10A),
];

/// Python's `str.isdigit` for one character.
#[inline]
pub fn py_isdigit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    let cp = c as u32;
    crate::props::DECIMAL.contains(c)
        || DIGIT_NOT_DECIMAL.iter().any(|&(lo, hi)| lo <= cp && cp <= hi)
}

/// `workers.text.key_of_folded` for text without `&` (the caller handles character references):
/// the runs of `str.isalnum` characters joined by single spaces.
pub fn key_of_folded(folded: &str) -> String {
    let alnum = &*crate::props::ALNUM;
    let bytes = folded.as_bytes();
    let mut key = String::with_capacity(bytes.len());
    let mut run_start: Option<usize> = None; // byte offset where the current word run began
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (is_alnum, width) = if b < 0x80 {
            (b.is_ascii_alphanumeric(), 1)
        } else if let Some((code, width)) = decode_bmp(bytes, i) {
            (alnum.contains_bmp(code), width)
        } else {
            let c = folded[i..].chars().next().expect("a character");
            (py_isalnum(c), c.len_utf8())
        };
        match (is_alnum, run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(start)) => {
                push_word(&mut key, &folded[start..i]);
                run_start = None;
            }
            _ => {}
        }
        i += width;
    }
    if let Some(start) = run_start {
        push_word(&mut key, &folded[start..]);
    }
    key
}

#[inline]
fn push_word(key: &mut String, word: &str) {
    if !key.is_empty() {
        key.push(' ');
    }
    key.push_str(word);
}

/// `fold_arabic(text).casefold().strip()`: a block's folded text.
pub fn folded_of(text: &str) -> String {
    match fast_fold(text, true) {
        Some(folded) => py_strip(&folded).to_owned(),
        None => py_strip(&casefold(&fold_slow(text))).to_owned(),
    }
}

/// Number of characters (Python's `len`).
#[inline]
pub fn char_len(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

/// The last `n` characters (Python's `text[-n:]`).
pub fn last_chars(text: &str, n: usize) -> &str {
    match text.char_indices().rev().nth(n.wrapping_sub(1)) {
        Some((i, _)) if n > 0 => &text[i..],
        _ if n == 0 => "",
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_joins_word_runs() {
        assert_eq!(key_of_folded("  a_b, c!! 12 "), "a b c 12");
        assert_eq!(key_of_folded("..."), "");
    }

    #[test]
    fn last_chars_counts_characters() {
        assert_eq!(last_chars("abc", 2), "bc");
        assert_eq!(last_chars("abc", 5), "abc");
        assert_eq!(last_chars("abc", 0), "");
        assert_eq!(last_chars("\u{0627}\u{0628}", 1), "\u{0628}");
    }

    #[test]
    fn strip_uses_python_whitespace() {
        assert_eq!(py_strip("\u{1C} x \u{3000}"), "x");
    }
}

/// Python's `str.splitlines()`: the lines without their line boundaries (`\n`, `\r`, `\r\n`,
/// `\v`, `\f`, `\x1c`-`\x1e`, `\x85`, U+2028, U+2029).
pub fn py_splitlines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        // The boundaries are ASCII bytes or start with 0xC2 (U+0085) or 0xE2 (U+2028, U+2029).
        let bytes = rest.as_bytes();
        let found = bytes.iter().enumerate().find_map(|(i, &b)| match b {
            b'\n' | b'\r' | 0x0B | 0x0C | 0x1C..=0x1E => Some((i, b as char)),
            0xC2 if bytes.get(i + 1) == Some(&0x85) => Some((i, '\u{85}')),
            0xE2 if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) => {
                Some((i, if bytes[i + 2] == 0xA8 { '\u{2028}' } else { '\u{2029}' }))
            }
            _ => None,
        });
        match found {
            None => {
                let line = rest;
                rest = "";
                Some(line)
            }
            Some((i, c)) => {
                let line = &rest[..i];
                let mut next = i + c.len_utf8();
                if c == '\r' && rest[next..].starts_with('\n') {
                    next += 1;
                }
                rest = &rest[next..];
                Some(line)
            }
        }
    })
}

/// The non-empty lines of a text/plain page as blocks: (1-based line number, stripped text,
/// folded text, key). The key is `None` when the folded text holds "&" (the caller reads HTML
/// character references, as `workers.text.key_of_folded` does).
pub fn text_lines(content: &str) -> Vec<(usize, &str, String, Option<String>)> {
    let mut out = Vec::new();
    for (i, line) in py_splitlines(content).enumerate() {
        let text = py_strip(line);
        if text.is_empty() {
            continue;
        }
        let folded = folded_of(text);
        let key = if folded.contains('&') { None } else { Some(key_of_folded(&folded)) };
        out.push((i + 1, text, folded, key));
    }
    out
}
