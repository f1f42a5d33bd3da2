//! Does a block repeat one already kept in the same article? (`workers/cleaning/repeats.py`)
//!
//! Scraped pages print an article's headline and photo captions two to four times, sometimes with
//! a section label in front ("أوروبا " + caption) or slightly different punctuation. A block
//! repeats a kept block when:
//!
//! - their matching keys (`workers.text.block_key`: Arabic-folded, punctuation and spacing folded)
//!   are equal;
//! - one is the other with a short label (at most [`LABEL_MAX_WORDS`] words) in front or behind; or
//! - both are short (4 to [`SIMILARITY_MAX_TOKENS`] words) and their token sets have a Jaccard
//!   similarity of at least [`SIMILARITY`].
//!
//! Repeats are judged within one article (the segmenter, `segment.rs`, calls this), never across
//! the page: a teaser list earlier on the page may carry the headline of a later article.
//!
//! Python's semantics are kept exactly: a key's words are counted by its single spaces
//! (`key.count(" ") + 1`), its tokens are `str.split()` (runs of `str.isspace` characters
//! separate them), lengths are in characters, and the similarity is compared in floating point as
//! Python computes it.

use std::cell::OnceCell;
use std::hash::Hasher;

use crate::text::{char_len, py_isspace};

/// A label in front of or behind a kept block has at most this many words.
pub const LABEL_MAX_WORDS: usize = 3;
/// The Jaccard similarity of two short blocks' token sets that makes one a repeat of the other.
pub const SIMILARITY: f64 = 0.85;
/// Blocks of at most this many words are compared by similarity.
pub const SIMILARITY_MAX_TOKENS: usize = 40;
/// What is left of a key after a label is cut off must have at least this many characters.
pub const MIN_LABELLED_KEY_CHARS: usize = 20;

// The per-page maps of keys use rustc-hash's Fx hash: SipHash (std's default) took a tenth of the
// segmenter's time on paragraph-long keys. No random key: colliding keys could only slow one page.
pub type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;
pub type FastSet<K> = rustc_hash::FxHashSet<K>;

/// Whether `text` may hold a `str.isspace` character other than " ": a byte of one (ASCII
/// controls, or the lead byte of U+0085, U+00A0, U+1680, U+2000-205F or U+3000). Written without
/// an early exit so that it runs over many bytes at once.
#[inline]
fn other_space(text: &str) -> bool {
    text.bytes().fold(false, |found, b| {
        found | (b.wrapping_sub(b'\t') < 5) | (b.wrapping_sub(0x1c) < 4) | (b == 0xc2) | (b.wrapping_sub(0xe1) < 3)
    })
}

/// Python's `str.split()` (no argument): the words between runs of `str.isspace` characters.
pub fn py_split(text: &str) -> impl Iterator<Item = &str> {
    let spaces_only = !other_space(text); // a key: words joined by single spaces
    text.split(move |c: char| if spaces_only { c == ' ' } else { py_isspace(c) }).filter(|word| !word.is_empty())
}

fn token_hash(token: &str) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(token.as_bytes());
    hasher.finish()
}

/// A key's tokens (`key.split()`) as the similarity rule reads them: a 64-bit signature with one
/// bit per token's hash and the number of tokens, computed in one pass; and, asked for only when
/// the signatures leave the question open, the distinct tokens with their hashes, sorted by hash
/// and token, so that two sets intersect by a merge that compares hashes first and tokens only
/// when the hashes are equal (the count is exact whatever the hash).
struct Tokens<'k> {
    key: &'k str,
    signature: u64,
    count: usize, // with repetitions: at least the number of distinct tokens
    set: OnceCell<Vec<(u64, &'k str)>>,
}

impl<'k> Tokens<'k> {
    fn of(key: &'k str) -> Tokens<'k> {
        let (mut signature, mut count) = (0u64, 0);
        for token in py_split(key) {
            signature |= 1 << (token_hash(token) >> 58);
            count += 1;
        }
        Tokens { key, signature, count, set: OnceCell::new() }
    }

    /// The distinct tokens (`frozenset(key.split())`), sorted.
    fn set(&self) -> &[(u64, &'k str)] {
        self.set.get_or_init(|| {
            let mut set: Vec<(u64, &str)> = py_split(self.key).map(|token| (token_hash(token), token)).collect();
            set.sort_unstable();
            set.dedup();
            set
        })
    }

    /// The size of the intersection of two sets.
    fn shared(a: &[(u64, &str)], b: &[(u64, &str)]) -> usize {
        let (mut i, mut j, mut n) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    n += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        n
    }

    /// Whether a kept block's tokens are similar to these: sizes that allow a Jaccard
    /// similarity of `SIMILARITY` (`low <= len(kept) <= high`), and that similarity, as Python
    /// computes them (`len(a & b) >= SIMILARITY * len(a | b)`).
    fn similar(&self, kept: &Tokens) -> bool {
        // A quick test first. A bit set in one signature and not in the other stands for at
        // least one token of one set that the other lacks, so the differing bits bound the
        // symmetric difference `d` from below. The sets are similar only if
        // `i >= 0.85 * (i + d)` (`i` the intersection), so `d <= 0.1765 * i` (plus rounding), and
        // `i` is at most the smaller token count: many differing bits rule similarity out.
        let differing = (self.signature ^ kept.signature).count_ones() as usize;
        if differing * 100 >= 18 * self.count.min(kept.count) + 100 {
            return false;
        }
        let (mine, theirs) = (self.set(), kept.set());
        let size = mine.len() as f64;
        let count = theirs.len() as f64;
        if !(SIMILARITY * size <= count && count <= size / SIMILARITY) {
            return false; // sizes a similar set cannot have
        }
        let both = Self::shared(mine, theirs);
        let either = mine.len() + theirs.len() - both;
        both as f64 >= SIMILARITY * either as f64
    }
}

/// The number of words of a key by its single spaces (a key's words are joined by one space).
fn word_count(key: &str) -> usize {
    key.as_bytes().iter().map(|&b| usize::from(b == b' ')).sum::<usize>() + 1
}

/// The blocks kept so far in one article, by matching key, indexed for repeat look-ups. `I` is
/// whatever identifies a block to the caller (its index on the page).
///
/// The token set of the key last asked about is remembered for `add`, which the segmenter calls
/// next with the same key.
pub struct KeptBlocks<'k, I> {
    by_key: FastMap<&'k str, I>,
    key_lengths: Vec<u64>, // one bit per byte length of the keys in `by_key` (a quick test)
    short: Vec<(Tokens<'k>, I)>,
    last: Option<Tokens<'k>>,
}

impl<'k, I: Copy> Default for KeptBlocks<'k, I> {
    fn default() -> Self {
        KeptBlocks { by_key: FastMap::default(), key_lengths: Vec::new(), short: Vec::new(), last: None }
    }
}

impl<'k, I: Copy> KeptBlocks<'k, I> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Room for this many blocks.
    pub fn with_capacity(blocks: usize) -> Self {
        let mut kept = Self::default();
        kept.by_key.reserve(blocks);
        kept.short.reserve(blocks);
        kept
    }

    /// The tokens of a key, remembered from `repeat_of` or read.
    fn tokens(&mut self, key: &'k str) -> Tokens<'k> {
        match self.last.take() {
            Some(tokens) if tokens.key == key => tokens,
            _ => Tokens::of(key),
        }
    }

    /// Whether a key of this many bytes may be kept.
    fn may_hold(&self, length: usize) -> bool {
        self.key_lengths.get(length / 64).is_some_and(|bits| bits & (1 << (length % 64)) != 0)
    }

    /// Keep a block (its matching key and identity). The first block of a key is the one a
    /// repeat points at.
    pub fn add(&mut self, key: &'k str, block: I) {
        self.by_key.entry(key).or_insert(block);
        let length = key.len();
        if self.key_lengths.len() <= length / 64 {
            self.key_lengths.resize(length / 64 + 1, 0);
        }
        self.key_lengths[length / 64] |= 1 << (length % 64);
        // compared by the similarity of its tokens: 4 to `SIMILARITY_MAX_TOKENS` words
        let compared = match &self.last {
            Some(tokens) if tokens.key == key => true, // asked about: a short key
            _ => !key.is_empty() && (4..=SIMILARITY_MAX_TOKENS).contains(&word_count(key)),
        };
        if compared {
            let tokens = self.tokens(key);
            self.short.push((tokens, block));
        }
        self.last = None;
    }

    /// The kept block that a block with this matching key repeats, if any.
    pub fn repeat_of(&mut self, key: &'k str) -> Option<I> {
        if key.is_empty() {
            return None;
        }
        if self.may_hold(key.len()) {
            if let Some(&block) = self.by_key.get(key) {
                return Some(block);
            }
        }
        let n_words = word_count(key);
        if n_words > SIMILARITY_MAX_TOKENS + LABEL_MAX_WORDS {
            return None; // a long paragraph repeats only verbatim (same key)
        }
        // A kept block with a short label in front of it or behind it. Keys are words joined by
        // single spaces, so dropping `cut` words is slicing at the cut-th space from either end
        // (there are `n_words - 1` spaces, so each search finds one).
        if char_len(key) > MIN_LABELLED_KEY_CHARS {
            let (mut head, mut back): (Option<usize>, usize) = (None, key.len());
            for _cut in 0..LABEL_MAX_WORDS.min(n_words - 1) {
                let from = head.map_or(0, |h| h + 1);
                let (Some(h), Some(b)) = (key[from..].find(' ').map(|i| from + i), key[..back].rfind(' ')) else {
                    break;
                };
                head = Some(h);
                back = b;
                for rest in [&key[h + 1..], &key[..b]] {
                    if self.may_hold(rest.len()) && char_len(rest) >= MIN_LABELLED_KEY_CHARS {
                        if let Some(&block) = self.by_key.get(rest) {
                            return Some(block);
                        }
                    }
                }
            }
        }
        // A short block with nearly the same words (Jaccard similarity of the token sets).
        if !(4..=SIMILARITY_MAX_TOKENS).contains(&n_words) || self.short.is_empty() {
            return None;
        }
        let mine = Tokens::of(key);
        let found = self.short.iter().find_map(|(kept, block)| mine.similar(kept).then_some(*block));
        self.last = Some(mine);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept<'k>(keys: &[&'k str]) -> KeptBlocks<'k, usize> {
        let mut kept = KeptBlocks::new();
        for (i, key) in keys.iter().enumerate() {
            kept.add(key, i);
        }
        kept
    }

    #[test]
    fn same_key_label_and_similarity() {
        let caption = "the foreign minister at a press conference in moscow reuters";
        let mut kept = kept(&["title", caption]);
        assert_eq!(kept.repeat_of("title"), Some(0));
        let (europe, middle_east, lead) = (
            format!("europe {caption}"),
            format!("middle east {caption}"),
            format!("a much longer lead in here {caption}"),
        );
        assert_eq!(kept.repeat_of(&europe), Some(1));
        assert_eq!(kept.repeat_of(&middle_east), Some(1));
        assert_eq!(kept.repeat_of(&lead), None);
        assert_eq!(kept.repeat_of(""), None);
        let mut kept = self::kept(&["one two three four five six seven eight nine ten eleven twelve"]);
        assert_eq!(kept.repeat_of("one two three four five six seven eight nine ten eleven twelve thirteen"), Some(0));
        assert_eq!(kept.repeat_of("one two three four five six seven something else entirely here"), None);
        kept.add("one two three four five six seven something else entirely here", 1);
        assert_eq!(kept.repeat_of("one two three four five six seven something else entirely here and"), Some(1));
    }

    #[test]
    fn odd_spacing_does_not_panic() {
        let mut kept = kept(&["  aaaaaaaaaaaaaaaaaaaaaaaaa  "]);
        assert_eq!(kept.repeat_of("   aaaaaaaaaaaaaaaaaaaaaaaaa  b"), None);
        assert_eq!(kept.repeat_of(" \u{3000} aaaaaaaaaaaaaaaaaaaaaaaaa"), None);
        assert_eq!(py_split("b a\u{3000}a\u{1c}c  b").collect::<Vec<_>>(), vec!["b", "a", "a", "c", "b"]);
    }
}
