//! Line-level rules (`data/rules.json`): what a block *is*, judged from its own text. The
//! behaviour of `workers/cleaning/boilerplate.py`'s `Rules` methods and `classify_blocks`.
//!
//! Patterns are written for Python's `regex` module. Most compile with the `regex` crate (one
//! alternation per line class); the few with look-arounds with `fancy-regex`. Both crates and
//! Python's `regex` define `\w`, `\s`, `\d`, `\b` and `\p{..}` by Unicode's properties.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use regex::Regex;
use serde_json::Value;

use crate::text::{casefold, char_len, fold_arabic, is_letter, py_isdigit, py_strip};

pub const LINE_CLASSES: [&str; 7] =
    ["artifact", "widget", "date", "footer", "navigation", "teaser_marker", "comments_marker"];
const WORD_LIST_MAX_CHARS: usize = 120;
const MASTHEAD_MAX_CHARS: usize = 80;
const MASTHEAD_NAME_MAX_WORDS: usize = 4;
const ERA_LETTERS: [char; 2] = ['\u{0647}', '\u{0645}'];

/// One pattern, compiled by whichever engine accepts it.
enum Pattern {
    Plain(Regex),
    Fancy(fancy_regex::Regex),
}

impl Pattern {
    fn new(pattern: &str) -> Result<Pattern, String> {
        match Regex::new(pattern) {
            Ok(re) => Ok(Pattern::Plain(re)),
            Err(_) => fancy_regex::Regex::new(pattern)
                .map(Pattern::Fancy)
                .map_err(|e| format!("cannot compile {pattern:?}: {e}")),
        }
    }

    fn is_match(&self, text: &str) -> bool {
        match self {
            Pattern::Plain(re) => re.is_match(text),
            // A pattern that exceeds fancy-regex's backtrack limit counts as not matching.
            Pattern::Fancy(re) => re.is_match(text).unwrap_or(false),
        }
    }
}

/// A pattern tried first without its word boundaries and look-arounds (a superset of its
/// matches, which the regex crate's lazy DFA runs fast over Arabic text; with a Unicode `\b` it
/// falls back to slower engines): only a text that the relaxed pattern matches is tried against
/// the pattern as written. The result is the pattern's.
struct Prefiltered {
    relaxed: Option<Regex>, // None when relaxing changes nothing or does not compile
    exact: Pattern,
}

impl Prefiltered {
    fn new(pattern: &str) -> Result<Prefiltered, String> {
        let loose = relaxed(pattern);
        let relaxed = if loose == pattern {
            None
        } else {
            // Unicode classes repeated up to 40 times: room for the lazy DFA (see `DFA_CACHE_BYTES`)
            regex::RegexBuilder::new(&loose).dfa_size_limit(DFA_CACHE_BYTES).build().ok()
        };
        Ok(Prefiltered { relaxed, exact: Pattern::new(pattern)? })
    }

    fn is_match(&self, text: &str) -> bool {
        self.relaxed.as_ref().is_none_or(|re| re.is_match(text)) && self.exact.is_match(text)
    }
}

/// The patterns of one line class. They are first tried together as one alternation without
/// their word boundaries and look-arounds (a superset of their matches), which the regex crate's
/// lazy DFA runs over Arabic text; it gives up on Unicode word boundaries outside ASCII, and its
/// fallback took 450 µs per line for the widget class, and fancy-regex backtracks. Only a line
/// that the relaxed alternation matches is tried against the patterns as written.
struct ClassPatterns {
    name: &'static str,
    max_chars: usize,
    relaxed: Option<Regex>,
    exact: Vec<Pattern>, // empty when relaxing changed no pattern
}

impl ClassPatterns {
    fn is_match(&self, folded: &str) -> bool {
        self.relaxed.as_ref().is_some_and(|re| re.is_match(folded))
            && (self.exact.is_empty() || self.exact.iter().any(|p| p.is_match(folded)))
    }
}

/// The pattern without its zero-width assertions other than `^` and `$`: word boundaries (`\b`)
/// and look-arounds (`(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)`), outside character classes. Every
/// text the pattern matches, the relaxed pattern matches too.
fn relaxed(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len());
    let mut i = 0;
    let mut in_class = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            if !(chars.get(i + 1) == Some(&'b') && !in_class) {
                out.extend(&chars[i..(i + 2).min(chars.len())]);
            }
            i += 2;
            continue;
        }
        if in_class {
            in_class = c != ']';
            out.push(c);
            i += 1;
            continue;
        }
        if c == '[' {
            in_class = true;
            out.push(c);
            // a ']' right after '[' or '[^' is a literal
            if chars.get(i + 1) == Some(&'^') {
                out.push('^');
                i += 1;
            }
            if chars.get(i + 1) == Some(&']') {
                out.push(']');
                i += 1;
            }
            i += 1;
            continue;
        }
        let rest: String = chars[i..(i + 4).min(chars.len())].iter().collect();
        if rest.starts_with("(?=") || rest.starts_with("(?!") || rest.starts_with("(?<=") || rest.starts_with("(?<!") {
            i = group_end(&chars, i);
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Index after the group that opens at `start` (its closing parenthesis), skipping escapes and
/// character classes.
fn group_end(chars: &[char], start: usize) -> usize {
    let mut depth = 0;
    let mut in_class = false;
    let mut i = start;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            '(' if !in_class => depth += 1,
            ')' if !in_class => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    chars.len()
}

/// Room for the lazy DFA of a class's alternation over Arabic text (the default 2 MB cache
/// thrashes on the widget class's 119 patterns).
const DFA_CACHE_BYTES: usize = 32 << 20;

pub struct Rules {
    classes: Vec<ClassPatterns>,
    longest: usize,
    pub max_chars: HashMap<String, usize>,
    pub credit_words: HashSet<String>,
    credit_starts: Vec<String>,
    section_words: HashSet<String>,
    function_words: HashSet<String>,
    date_words: HashSet<String>,
    social_words: HashSet<String>,
    speech_verbs: HashSet<String>,
    byline: Prefiltered,
    masthead: Regex,
    credit_suffix: Prefiltered,
    caption_prefix: Pattern,
    sentence_end: Regex,
    credit: Regex,
    bare_credit: Regex,
    credit_split: Regex,
    source_alone: Regex,
    dateline: Regex,
    list_end: Pattern,
}

/// Block data that classification needs (a view of `workers.model.Block`).
pub struct BlockView<'a> {
    pub index: i64,
    pub text: &'a str,
    pub folded: &'a str,
    pub tag: Option<&'a str>,
    pub context: Vec<&'a str>,
}

fn strings(data: &Value, key: &str) -> Result<Vec<String>, String> {
    data.get(key)
        .and_then(Value::as_array)
        .ok_or_else(|| format!("rules: {key} must be a list"))?
        .iter()
        .map(|v| v.as_str().map(str::to_owned).ok_or_else(|| format!("rules: {key} holds a non-string")))
        .collect()
}

fn folded_set(words: Vec<String>) -> HashSet<String> {
    words.iter().map(|w| casefold(&fold_arabic(w))).collect()
}

/// The last `n` characters (Python's `text[-n:]`), found by counting the characters' first bytes
/// from the end (`text::last_chars`, without decoding).
fn last_chars(text: &str, n: usize) -> &str {
    if n == 0 {
        return "";
    }
    let mut seen = 0;
    for (i, &b) in text.as_bytes().iter().enumerate().rev() {
        if b & 0xc0 != 0x80 {
            seen += 1;
            if seen == n {
                return &text[i..];
            }
        }
    }
    text
}

fn joined(patterns: &[String]) -> String {
    patterns.join("|")
}

fn compile(pattern: &str) -> Result<Regex, String> {
    Regex::new(pattern).map_err(|e| format!("cannot compile {pattern:?}: {e}"))
}

impl Rules {
    /// Compile the rules from the text of `rules.json`.
    pub fn from_json(text: &str) -> Result<Rules, String> {
        let data: Value = serde_json::from_str(text).map_err(|e| format!("rules: {e}"))?;
        let limits = data.get("max_chars").and_then(Value::as_object).ok_or("rules: max_chars must be an object")?;
        let mut max_chars = HashMap::default();
        for (name, limit) in limits {
            max_chars.insert(name.clone(), limit.as_u64().ok_or("rules: max_chars values are integers")? as usize);
        }
        let mut classes = Vec::new();
        for name in LINE_CLASSES {
            let patterns = strings(&data, name)?;
            let exact = patterns.iter().map(|p| Pattern::new(p)).collect::<Result<Vec<_>, _>>()?;
            let loose: Vec<String> = patterns.iter().map(|p| relaxed(p)).collect();
            let changed = loose.iter().zip(&patterns).any(|(l, p)| l != p);
            let relaxed = if loose.is_empty() {
                None
            } else {
                let alternation: Vec<String> = loose.iter().map(|p| format!("(?:{p})")).collect();
                Some(
                    regex::RegexBuilder::new(&alternation.join("|"))
                        .dfa_size_limit(DFA_CACHE_BYTES)
                        .build()
                        .map_err(|e| format!("cannot compile the {name} patterns without assertions: {e}"))?,
                )
            };
            let limit = *max_chars.get(name).ok_or_else(|| format!("rules: no max_chars for {name}"))?;
            classes.push(ClassPatterns { name, max_chars: limit, relaxed, exact: if changed { exact } else { Vec::new() } });
        }
        let longest = max_chars.values().copied().max().unwrap_or(0);
        let credit_words: HashSet<String> = strings(&data, "credit_words")?.into_iter().collect();
        let mut credit_starts: Vec<String> = credit_words.iter().map(|w| format!("{w} ")).collect();
        credit_starts.sort();
        credit_starts.extend(strings(&data, "credit_prefixes")?);
        // Python's `regex` lets two groups share a name; here the masthead's two name groups differ.
        let roles = joined(&strings(&data, "masthead_roles")?);
        let masthead = compile(&format!(
            r"^(?:{roles})\s*(?:$|[:\-\x{{2013}}]\s*(?P<name1>[^:!?\x{{061f}}]{{1,50}}[^:.!?\x{{061f}}])$|(?P<name2>\p{{L}}+(?: \p{{L}}+)?)$)"
        ))?;
        Ok(Rules {
            classes,
            longest,
            credit_starts,
            credit_words,
            section_words: folded_set(strings(&data, "section_words")?),
            function_words: folded_set(strings(&data, "function_words")?),
            // Python's `regex.compile("|".join(list_end))`, searched anywhere in the text.
            list_end: Pattern::new(&joined(&strings(&data, "list_end")?))?,
            date_words: folded_set(strings(&data, "date_words")?),
            social_words: folded_set(strings(&data, "social_words")?),
            speech_verbs: folded_set(strings(&data, "speech_verbs")?),
            byline: Prefiltered::new(&joined(&strings(&data, "byline")?))?,
            masthead,
            credit_suffix: Prefiltered::new(&joined(&strings(&data, "credit_suffix")?))?,
            // Python's `match` anchors the whole alternation at the start.
            caption_prefix: Pattern::new(&format!("^(?:{})", joined(&strings(&data, "caption_prefix")?)))?,
            max_chars,
            sentence_end: compile(r"[.!?\x{061f}:]\s*$")?,
            credit: compile(r"\(([^()]{1,60})\)\s*\.?$")?,
            bare_credit: compile(r"[.\-\x{2013}\x{2014}|/\x{00a9}]\s*([^.\-\x{2013}\x{2014}|/()\x{00a9}]{2,30}?)\s*$")?,
            credit_split: compile(r"\s*[-/\x{2013}\x{2014}\x{060c},|:]\s*")?,
            source_alone: compile(r"^\(([^()]{1,30})\)\.?$")?,
            dateline: compile(
                r#"^(?:\p{L}+\s)?\p{L}+\s*[-\x{2013}\x{2014}]\s*[\x{00ab}"(]?([^()\x{00ab}\x{00bb}"\-\x{2013}\x{2014}]{2,30}?)[\x{00bb}")]?$"#,
            )?,
        })
    }

    fn limit(&self, name: &str) -> usize {
        self.max_chars.get(name).copied().unwrap_or(usize::MAX)
    }

    /// The first line class whose patterns match the (stripped) folded text, if any.
    pub fn line_class(&self, folded: &str) -> Option<&'static str> {
        let folded = py_strip(folded);
        let size = char_len(folded);
        if size > self.longest {
            return None;
        }
        for class in &self.classes {
            if size <= class.max_chars && class.is_match(folded) {
                return Some(class.name);
            }
        }
        if size <= WORD_LIST_MAX_CHARS {
            self.word_list_class(folded)
        } else {
            None
        }
    }

    /// Whether the folded text is a comments-section heading by the comments-marker patterns.
    pub fn opens_comments(&self, folded: &str) -> bool {
        self.classes.iter().find(|c| c.name == "comments_marker").is_some_and(|c| c.is_match(py_strip(folded)))
    }

    fn word_list_class(&self, folded: &str) -> Option<&'static str> {
        let tokens: Vec<&str> = crate::props::words(folded).collect();
        if tokens.is_empty() {
            return None;
        }
        let all_digits = |t: &str| !t.is_empty() && t.chars().all(py_isdigit);
        let words: Vec<&str> = tokens
            .iter()
            .copied()
            .filter(|t| {
                let last = t.chars().next_back().unwrap();
                !(all_digits(t) || (ERA_LETTERS.contains(&last) && all_digits(&t[..t.len() - last.len_utf8()])))
            })
            .collect();
        if words.len() < tokens.len() && words.iter().all(|w| self.date_words.contains(*w)) {
            return Some("date");
        }
        if tokens.len() >= 2 && tokens.iter().all(|t| self.social_words.contains(*t)) {
            return Some("widget");
        }
        if words.len() >= 3 && !self.sentence_end.is_match(folded) {
            let known = words
                .iter()
                .filter(|w| {
                    self.section_words.contains(**w)
                        || w.strip_prefix('\u{0648}').is_some_and(|rest| self.section_words.contains(rest))
                })
                .count();
            if known as f64 >= 0.8 * words.len() as f64 {
                return Some("navigation");
            }
        }
        None
    }

    /// Whether the (folded) text names the article's author or source.
    pub fn is_byline(&self, folded: &str) -> bool {
        let folded = py_strip(folded);
        if char_len(folded) > self.limit("byline") {
            return false;
        }
        if self.byline.is_match(folded) {
            return true;
        }
        if folded.starts_with('(') {
            if let Some(source) = self.source_alone.captures(folded) {
                return self.credit_words.contains(py_strip(&source[1]));
            }
        }
        if folded.contains(['-', '\u{2013}', '\u{2014}']) {
            if let Some(dateline) = self.dateline.captures(folded) {
                return self.credit_words.contains(py_strip(&dateline[1]));
            }
        }
        false
    }

    /// Whether a folded word is a section name ("رياضة", "sport"): `section_words`, folded.
    pub fn is_section_word(&self, word: &str) -> bool {
        self.section_words.contains(word)
    }

    /// Whether a folded word is a function word (a preposition, pronoun, ...) that a headline and
    /// its lead may share without retelling each other: `function_words`, folded.
    pub fn is_function_word(&self, word: &str) -> bool {
        self.function_words.contains(word)
    }

    /// Whether a block's folded text closes a list that says where it ends ("end of list"): the
    /// `list_end` patterns, searched anywhere in the text.
    pub fn closes_list(&self, folded: &str) -> bool {
        self.list_end.is_match(folded)
    }

    /// Whether a matching key has a verb of saying.
    pub fn reports_speech(&self, key: &str) -> bool {
        key.split(' ').any(|word| self.speech_verbs.contains(word))
    }

    /// Whether the folded text ends with a photo credit or starts with a photo label.
    pub fn has_credit(&self, folded: &str) -> bool {
        if self.caption_prefix.is_match(folded) {
            return true;
        }
        let tail = last_chars(folded, 80);
        if (tail.contains(':') || tail.contains('/')) && self.credit_suffix.is_match(folded) {
            return true;
        }
        if folded.ends_with(')') || folded.ends_with(").") {
            let Some(found) = self.credit.captures(folded) else { return false };
            for part in self.credit_split.split(py_strip(&found[1])) {
                let part = py_strip(part).trim_start_matches('\u{00a9}').trim_start_matches(crate::text::py_isspace);
                if self.credit_words.contains(part) || self.credit_starts.iter().any(|s| part.starts_with(s.as_str())) {
                    return true;
                }
            }
            return false;
        }
        if !folded.chars().next_back().is_some_and(is_letter) {
            return false;
        }
        self.bare_credit
            .captures(last_chars(folded, 48))
            .is_some_and(|bare| self.credit_words.contains(py_strip(&bare[1])))
    }

    /// A masthead line: `None` if not one, else whether a name follows the role.
    pub fn masthead(&self, folded: &str) -> Option<bool> {
        self.masthead.captures(folded).map(|m| m.name("name1").is_some() || m.name("name2").is_some())
    }

    fn words(&self, text: &str) -> usize {
        crate::props::words(text).count()
    }

    fn is_name(&self, text: &str) -> bool {
        self.words(text) <= MASTHEAD_NAME_MAX_WORDS
            && char_len(text) <= 40
            && !self.sentence_end.is_match(text)
            && !text.chars().any(py_isdigit)
    }

    /// `classify_blocks`: line classes of the blocks that have one, as (index, class).
    pub fn classify(&self, blocks: &[BlockView]) -> Vec<(i64, &'static str)> {
        let mut labels = Vec::new();
        let mut seen: HashMap<&str, Option<&'static str>> = HashMap::default();
        let mut name_due = false;
        for block in blocks {
            let own_folded;
            let folded: &str = if block.folded.is_empty() {
                own_folded = casefold(&fold_arabic(block.text));
                &own_folded
            } else {
                block.folded
            };
            let mut label = match seen.get(block.folded) {
                Some(label) if !block.folded.is_empty() => *label,
                _ => {
                    let label = self.line_class(folded);
                    if !block.folded.is_empty() {
                        seen.insert(block.folded, label);
                    }
                    label
                }
            };
            if label.is_none() {
                let role = if char_len(folded) <= MASTHEAD_MAX_CHARS { self.masthead(folded) } else { None };
                if role.is_some() || (name_due && self.is_name(block.text)) {
                    label = Some("footer");
                }
                name_due = role == Some(false);
            } else {
                name_due = false;
            }
            if label == Some("widget")
                && block.tag.is_some_and(|t| matches!(t, "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
                && self.opens_comments(folded)
            {
                label = Some("comments_marker");
            }
            if label.is_none() && !block.context.is_empty() {
                let size = char_len(block.text);
                if block.context.contains(&"nav") && size <= self.limit("navigation") {
                    label = Some("navigation");
                } else if block.context.contains(&"footer") && size <= self.limit("footer") {
                    label = Some("footer");
                }
            }
            if let Some(label) = label {
                labels.push((block.index, label));
            }
        }
        labels
    }
}

#[cfg(test)]
mod tests {
    use super::{last_chars, relaxed};

    #[test]
    fn last_chars_counts_characters() {
        for text in ["", "abc", "\u{0627}\u{0628}c\u{1F600}d", "\u{0640}\u{0640}"] {
            for n in 0..6 {
                assert_eq!(last_chars(text, n), crate::text::last_chars(text, n), "{text:?} {n}");
            }
        }
    }

    #[test]
    fn relaxing_drops_word_boundaries_and_lookarounds_only() {
        assert_eq!(relaxed(r"\bab\b"), "ab");
        assert_eq!(relaxed(r"[\b]x\\b"), r"[\b]x\\b");
        assert_eq!(relaxed(r"^(?=(?:[^>)]*[>)]){2})[^.]{1,40}$"), r"^[^.]{1,40}$");
        assert_eq!(relaxed(r"^a(?!.*(b|c))(\s+d)$"), r"^a(\s+d)$");
        assert_eq!(relaxed(r"x(?<=y)z(?<!\))"), "xz");
        assert_eq!(relaxed(r"[]a(]b"), r"[]a(]b");
    }
}
