//! Unicode general categories of characters, from the regex crate's tables, with a bitmap for
//! the Basic Multilingual Plane (built once, ~3 ms) so that a per-character test is one load.

use std::sync::LazyLock;

use regex::Regex;

pub struct CharClass {
    bmp: Vec<u64>,
    pattern: Regex,
}

impl CharClass {
    fn new(class: &str) -> CharClass {
        let pattern = Regex::new(&format!("^{class}$")).expect("valid class");
        let mut bmp = vec![0u64; 0x10000 / 64];
        let mut buf = [0u8; 4];
        for cp in 0..0x10000u32 {
            if let Some(c) = char::from_u32(cp) {
                if pattern.is_match(c.encode_utf8(&mut buf)) {
                    bmp[(cp / 64) as usize] |= 1 << (cp % 64);
                }
            }
        }
        CharClass { bmp, pattern }
    }

    /// For a code point below U+10000.
    #[inline]
    pub fn contains_bmp(&self, code: u32) -> bool {
        self.bmp[(code / 64) as usize] & (1 << (code % 64)) != 0
    }

    #[inline]
    pub fn contains(&self, c: char) -> bool {
        let cp = c as u32;
        if cp < 0x10000 {
            self.bmp[(cp / 64) as usize] & (1 << (cp % 64)) != 0
        } else {
            self.pattern.is_match(c.encode_utf8(&mut [0u8; 4]))
        }
    }
}

// Python 3.11's `unicodedata` (and so `str.isalnum`, `str.casefold`, NFKC) is Unicode 14.0; the
// regex crate's and unicode-normalization's tables are newer. Characters assigned later are
// unassigned to Python: not letters, not numbers, left alone by folding.

/// Assigned in Unicode 14.0 or earlier.
pub static ASSIGNED: LazyLock<CharClass> = LazyLock::new(|| CharClass::new(r"\p{Age=14.0}"));
/// General category L*, Unicode 14.0.
pub static LETTER: LazyLock<CharClass> = LazyLock::new(|| CharClass::new(r"[\p{L}&&\p{Age=14.0}]"));
/// General category N*, Unicode 14.0.
pub static NUMBER: LazyLock<CharClass> = LazyLock::new(|| CharClass::new(r"[\p{N}&&\p{Age=14.0}]"));
/// General categories L* and N*, Unicode 14.0: Python's `str.isalnum`.
pub static ALNUM: LazyLock<CharClass> = LazyLock::new(|| CharClass::new(r"[\p{L}\p{N}&&\p{Age=14.0}]"));
/// General category Nd, Unicode 14.0.
pub static DECIMAL: LazyLock<CharClass> = LazyLock::new(|| CharClass::new(r"[\p{Nd}&&\p{Age=14.0}]"));
/// Unicode word characters as the regex crate and Python's `regex` module define `\w`.
pub static WORD: LazyLock<CharClass> = LazyLock::new(|| CharClass::new(r"\w"));

/// The runs of `\w` characters (`regex.findall(r"\w+", text)`).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find(|c: char| WORD.contains(c))?;
        let tail = &rest[start..];
        let end = tail.find(|c: char| !WORD.contains(c)).unwrap_or(tail.len());
        let (word, after) = tail.split_at(end);
        rest = after;
        Some(word)
    })
}
