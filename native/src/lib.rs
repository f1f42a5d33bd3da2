//! `khabar_native`: the per-line hot paths of khabar's cleaning stages in Rust.
//!
//! Plain functions over strings, called from `workers.text` and `workers.cleaning.boilerplate`;
//! the Python signatures and results are those of the functions they replace (documented there).
//! A page's blocks are `Block` objects of this module (`workers.model.Block`), whose strings stay
//! Rust's: `text_blocks` makes them from a text page, `Rules.classify` and `Segmenter.segment`
//! (`segment.rs`, with `repeats.rs`; called from `workers.cleaning.segment`) read them in place,
//! and `template_hashes` hashes their keys for the learned templates. `CrfModel` (`crf.rs`,
//! `crf_py.rs`) tags sentences with the named-entity tagger's crfsuite model.

use pyo3::exceptions::{PyIndexError, PyKeyError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use std::sync::OnceLock;

use pyo3::types::{PyDict, PyList, PyString, PyTuple};

pub mod crf;
mod crf_py;
mod props;
pub mod repeats;
pub mod rules;
pub mod segment;
pub mod text;

/// `workers.text.fold_arabic`.
#[pyfunction]
fn fold_arabic(text: &str) -> String {
    text::fold_arabic(text)
}

/// `fold_arabic(text).casefold().strip()`: the folded text of a block.
#[pyfunction]
fn folded(text: &str) -> String {
    text::folded_of(text)
}

/// `workers.text.key_of_folded` for text without "&" (HTML character references are read by the
/// Python wrapper).
#[pyfunction]
fn key_of_folded(folded: &str) -> String {
    text::key_of_folded(folded)
}

/// `workers.model.Block`: one block of a page (a line of text, or a block element of HTML) with
/// its matching key. A native class so that a page's blocks are made, classified and segmented
/// without a Python string per attribute: the strings are Rust's, and Python sees a copy when it
/// reads one (the text is made once and kept).
///
/// `index` is the block's position among the page's blocks; `line` the 1-based line of the
/// content it came from (text/plain) or None (HTML). For HTML, `tag` is the element and `context`
/// the structural elements around it (nav, aside, footer, header, figure, ...); `html_article`
/// which `<article>` element holds the block (0, 1, ... in page order). `folded` is
/// `fold_arabic(text).casefold().strip()`, computed once for the line rules ("" when not
/// computed).
#[pyclass(frozen, module = "khabar_native", name = "Block")]
pub struct PyBlock {
    #[pyo3(get)]
    index: i64,
    text: String,
    text_object: OnceLock<Py<PyString>>,
    #[pyo3(get)]
    key: String,
    #[pyo3(get)]
    line: Option<i64>,
    #[pyo3(get)]
    tag: Option<String>,
    context: Vec<String>,
    #[pyo3(get)]
    folded: String,
    #[pyo3(get)]
    html_article: Option<i64>,
    /// `key_hash(key)`, made once (the template stage reads it twice per page).
    key_hash: OnceLock<String>,
}

impl PyBlock {
    /// The text as a Python string, made once.
    fn text_object<'py>(&self, py: Python<'py>) -> &Bound<'py, PyString> {
        self.text_object.get_or_init(|| PyString::new(py, &self.text).unbind()).bind(py)
    }

    /// The view the segmenter reads.
    fn view(&self) -> segment::Block<'_> {
        segment::Block::new(
            &self.text,
            &self.key,
            &self.folded,
            self.tag.as_deref(),
            self.context.iter().map(String::as_str).collect(),
            self.html_article,
        )
    }

    fn fields(&self) -> (i64, &str, &str, Option<i64>, Option<&str>, &[String], &str, Option<i64>) {
        (self.index, &self.text, &self.key, self.line, self.tag.as_deref(), &self.context, &self.folded, self.html_article)
    }
}

#[pymethods]
impl PyBlock {
    #[new]
    #[pyo3(signature = (index, text, key, line=None, tag=None, context=Vec::new(), folded=String::new(), html_article=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        index: i64,
        text: Bound<'_, PyString>,
        key: String,
        line: Option<i64>,
        tag: Option<String>,
        context: Vec<String>,
        folded: String,
        html_article: Option<i64>,
    ) -> PyResult<Self> {
        Ok(PyBlock {
            index,
            text: text.to_str()?.to_owned(),
            text_object: OnceLock::from(text.unbind()),
            key,
            line,
            tag,
            context,
            folded,
            html_article,
            key_hash: OnceLock::new(),
        })
    }

    #[getter]
    fn text<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        self.text_object(py).clone()
    }

    #[getter]
    fn context<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, &self.context)
    }

    /// Number of words (`\w+` runs of Python's `regex` module) in `text`.
    #[getter]
    fn words(&self) -> usize {
        segment::word_count(&self.text)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyBlock>().is_ok_and(|other| self.fields() == other.get().fields())
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = rustc_hash::FxHasher::default();
        self.fields().hash(&mut hasher);
        hasher.finish()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let repr = |value: Bound<'_, PyAny>| -> PyResult<String> { Ok(value.repr()?.to_str()?.to_owned()) };
        Ok(format!(
            "Block(index={}, text={}, key={}, line={}, tag={}, context={}, folded={}, html_article={})",
            self.index,
            repr(self.text_object(py).clone().into_any())?,
            repr(PyString::new(py, &self.key).into_any())?,
            repr(self.line.into_pyobject(py)?)?,
            repr(self.tag.as_deref().into_pyobject(py)?)?,
            repr(self.context(py)?.into_any())?,
            repr(PyString::new(py, &self.folded).into_any())?,
            repr(self.html_article.into_pyobject(py)?)?,
        ))
    }
}

/// The blocks of a text/plain page (`workers.cleaning.blocks.split_blocks`): one `Block` per
/// non-empty line, its text stripped, folded and keyed in one pass. `key_of_folded` is
/// `workers.text.key_of_folded`, called for the rare folded text that holds "&" (HTML character
/// references).
#[pyfunction]
fn text_blocks<'py>(py: Python<'py>, content: &str, key_of_folded: &Bound<'py, PyAny>) -> PyResult<Vec<Bound<'py, PyBlock>>> {
    text::text_lines(content)
        .into_iter()
        .enumerate()
        .map(|(index, (line, text, folded, key))| {
            let key = match key {
                Some(key) => key,
                None => key_of_folded.call1((&folded,))?.extract()?,
            };
            let block = PyBlock {
                index: index as i64,
                text: text.to_owned(),
                text_object: OnceLock::new(),
                key,
                line: Some(line as i64),
                tag: None,
                context: Vec::new(),
                folded,
                html_article: None,
                key_hash: OnceLock::new(),
            };
            Bound::new(py, block)
        })
        .collect()
}

/// Compiled line rules (`data/rules.json`).
#[pyclass(frozen, module = "khabar_native")]
struct Rules {
    inner: rules::Rules,
}

fn folded_arg(text: &str, folded: Option<&str>) -> String {
    match folded {
        Some(f) => f.to_owned(),
        None => text::casefold(&text::fold_arabic(text)),
    }
}

#[pymethods]
impl Rules {
    #[new]
    fn new(json_text: &str) -> PyResult<Self> {
        rules::Rules::from_json(json_text)
            .map(|inner| Rules { inner })
            .map_err(pyo3::exceptions::PyValueError::new_err)
    }

    #[pyo3(signature = (text, folded=None))]
    fn line_class(&self, text: &str, folded: Option<&str>) -> Option<&'static str> {
        self.inner.line_class(&folded_arg(text, folded))
    }

    fn opens_comments(&self, folded: &str) -> bool {
        self.inner.opens_comments(folded)
    }

    #[pyo3(signature = (text, folded=None))]
    fn is_byline(&self, text: &str, folded: Option<&str>) -> bool {
        self.inner.is_byline(&folded_arg(text, folded))
    }

    fn reports_speech(&self, key: &str) -> bool {
        self.inner.reports_speech(key)
    }

    #[pyo3(signature = (text, folded=None))]
    fn has_credit(&self, text: &str, folded: Option<&str>) -> bool {
        self.inner.has_credit(&folded_arg(text, folded))
    }

    /// `classify_blocks`: {block index: line class} for a page's blocks (`Block` objects).
    fn classify<'py>(&self, py: Python<'py>, blocks: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
        let blocks = read_blocks(blocks)?;
        let views: Vec<rules::BlockView> = blocks
            .iter()
            .map(|block| {
                let block = block.get();
                rules::BlockView {
                    index: block.index,
                    text: &block.text,
                    folded: &block.folded,
                    tag: block.tag.as_deref(),
                    context: block.context.iter().map(String::as_str).collect(),
                }
            })
            .collect();
        let labels = PyDict::new(py);
        for (index, label) in self.inner.classify(&views) {
            labels.set_item(index, label)?;
        }
        Ok(labels)
    }
}

/// A page's blocks: the `Block` objects of a list or other iterable.
fn read_blocks<'py>(blocks: &Bound<'py, PyAny>) -> PyResult<Vec<Bound<'py, PyBlock>>> {
    if let Ok(list) = blocks.cast::<PyList>() {
        return list.iter().map(|b| b.cast_into::<PyBlock>().map_err(PyErr::from)).collect();
    }
    blocks.try_iter()?.map(|b| b?.cast_into::<PyBlock>().map_err(PyErr::from)).collect()
}

/// A page's blocks for the segmenter; a block's `index` must be its position.
fn read_page<'py>(blocks: &Bound<'py, PyAny>) -> PyResult<Vec<Bound<'py, PyBlock>>> {
    let blocks = read_blocks(blocks)?;
    for (position, block) in blocks.iter().enumerate() {
        let index = block.get().index;
        if usize::try_from(index).ok() != Some(position) {
            return Err(PyValueError::new_err(format!("the block at position {position} has index {index}")));
        }
    }
    Ok(blocks)
}

/// Line classes by block index (`classify_blocks`' dict) as one entry per block.
fn read_labels<'py>(labels: &Bound<'py, PyDict>, n: usize) -> PyResult<Vec<Option<Bound<'py, PyString>>>> {
    let mut out = vec![None; n];
    for (index, label) in labels.iter() {
        let index: i64 = index.extract()?;
        let i = usize::try_from(index)
            .ok()
            .filter(|&i| i < n)
            .ok_or_else(|| PyIndexError::new_err(format!("a line class for block {index}, which the page does not have")))?;
        out[i] = Some(label.cast_into::<PyString>()?);
    }
    Ok(out)
}

/// A removal given by an earlier stage (`workers.model.Removal`), and the object itself, which is
/// passed on unchanged.
struct PyGiven<'py> {
    object: Bound<'py, PyAny>,
    block: i64,
    text: Bound<'py, PyString>,
    reason: Bound<'py, PyString>,
    kept_block: Option<i64>,
}

fn read_given<'py>(py: Python<'py>, removals: Option<&Bound<'py, PyAny>>) -> PyResult<Vec<PyGiven<'py>>> {
    let Some(removals) = removals else { return Ok(Vec::new()) };
    removals
        .try_iter()?
        .map(|r| {
            let object = r?;
            Ok(PyGiven {
                block: object.getattr(intern!(py, "block"))?.extract()?,
                text: object.getattr(intern!(py, "text"))?.cast_into::<PyString>()?,
                reason: object.getattr(intern!(py, "reason"))?.cast_into::<PyString>()?,
                kept_block: object.getattr(intern!(py, "kept_block"))?.extract()?,
                object,
            })
        })
        .collect()
}

/// The segmenter (`workers.cleaning.segment.segment`), built once with the classes of its output
/// (`workers.model.Removal`, `workers.model.ArticleDraft`) and `workers.text.key_of_folded`, which
/// it calls for the rare folded text that holds "&" (HTML character references).
#[pyclass(frozen, module = "khabar_native")]
struct Segmenter {
    removal: Py<PyAny>,
    draft: Py<PyAny>,
    key_of_folded: Py<PyAny>,
    /// `object.__new__`, when `removal` is a plain (frozen) dataclass of the four fields: its
    /// instances are made by filling their `__dict__`, three times faster than by its `__init__`
    /// (which sets each field through `object.__setattr__`).
    plain_removal: Option<Py<PyAny>>,
}

const REMOVAL_FIELDS: [&str; 4] = ["block", "text", "reason", "kept_block"];

impl Segmenter {
    /// A `Removal(block, text, reason, kept_block)`.
    fn removal<'py>(
        &self,
        py: Python<'py>,
        block: usize,
        text: &Bound<'py, PyString>,
        reason: &Bound<'py, PyAny>,
        kept_block: Option<i64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let removal = self.removal.bind(py);
        let Some(new) = &self.plain_removal else {
            return removal.call1((block, text, reason, kept_block));
        };
        let object = new.bind(py).call1((removal,))?;
        let fields = object.getattr(intern!(py, "__dict__"))?.cast_into::<PyDict>()?;
        fields.set_item(intern!(py, "block"), block)?;
        fields.set_item(intern!(py, "text"), text)?;
        fields.set_item(intern!(py, "reason"), reason)?;
        fields.set_item(intern!(py, "kept_block"), kept_block)?;
        Ok(object)
    }
}

#[pymethods]
impl Segmenter {
    #[new]
    fn new(py: Python<'_>, removal: Py<PyAny>, draft: Py<PyAny>, key_of_folded: Py<PyAny>) -> PyResult<Self> {
        let class = removal.bind(py).clone();
        let object = py.import("builtins")?.getattr("object")?;
        let fields: Option<Vec<String>> = match class.getattr("__dataclass_fields__") {
            Ok(fields) => Some(fields.try_iter()?.map(|f| f?.extract()).collect::<PyResult<_>>()?),
            Err(_) => None,
        };
        let plain = fields.is_some_and(|f| f == REMOVAL_FIELDS)
            && !class.hasattr("__post_init__")?
            && class.getattr("__new__")?.is(&object.getattr("__new__")?);
        let mut segmenter = Segmenter { removal, draft, key_of_folded, plain_removal: None };
        if plain {
            // made as the class makes them? (not if its instances have no `__dict__`)
            segmenter.plain_removal = Some(object.getattr("__new__")?.unbind());
            let (text, reason) = (PyString::new(py, "text"), PyString::new(py, "reason"));
            let made = segmenter.removal(py, 1, &text, reason.as_any(), Some(2));
            let same = made.and_then(|made| made.eq(class.call1((1, &text, &reason, Some(2)))?)).unwrap_or(false);
            if !same {
                segmenter.plain_removal = None;
            }
        }
        Ok(segmenter)
    }

    /// Articles of a page, in order: `ArticleDraft(title, subtitle, captions, paragraphs,
    /// removed)` objects whose texts are the blocks' own strings and whose `removed` holds
    /// `Removal(block, text, reason, kept_block)` objects (a given removal passed on unchanged is
    /// the object given). `labels` is `{block index: line class}`; `removals` the removals found
    /// by earlier stages.
    #[pyo3(signature = (blocks, labels, rules, removals=None))]
    fn segment<'py>(
        &self,
        py: Python<'py>,
        blocks: &Bound<'py, PyAny>,
        labels: &Bound<'py, PyDict>,
        rules: &Bound<'py, Rules>,
        removals: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let data = read_page(blocks)?;
        let views: Vec<segment::Block> = data.iter().map(|b| b.get().view()).collect();
        let label_objects = read_labels(labels, views.len())?;
        let label_views: Vec<Option<&str>> =
            label_objects.iter().map(|l| l.as_ref().map(|s| s.to_str()).transpose()).collect::<PyResult<_>>()?;
        let text = |i: usize| data[i].get().text_object(py);
        let given_objects = read_given(py, removals)?;
        let given: Vec<segment::GivenRemoval> = given_objects
            .iter()
            .map(|g| {
                Ok(segment::GivenRemoval { block: g.block, text: g.text.to_str()?, reason: g.reason.to_str()?, kept_block: g.kept_block })
            })
            .collect::<PyResult<_>>()?;
        let key_of_folded = self.key_of_folded.bind(py);
        let key_with_refs = |folded: &str| -> PyResult<String> { key_of_folded.call1((folded,))?.extract() };
        let drafts = segment::segment(&views, &label_views, &rules.get().inner, &given, &key_with_refs).map_err(|failure| match failure {
            segment::Failure::Key(error) => error,
            segment::Failure::MissingKept(block) => PyKeyError::new_err(block),
        })?;
        let draft_type = self.draft.bind(py);
        let out = PyList::empty(py);
        for draft in drafts {
            let removed = PyList::empty(py);
            for r in &draft.removed {
                let object = match r.given.and_then(|j| given_objects.get(j)) {
                    Some(g) if g.kept_block == r.kept_block => g.object.clone(),
                    Some(g) => self.removal(py, r.block, &g.text, g.reason.as_any(), r.kept_block)?,
                    None => self.removal(py, r.block, text(r.block), PyString::new(py, r.reason).as_any(), r.kept_block)?,
                };
                removed.append(object)?;
            }
            let captions = PyList::new(py, draft.captions.iter().map(|&i| text(i)))?;
            let paragraphs = PyList::new(py, draft.paragraphs.iter().map(|&i| text(i)))?;
            let subtitle = draft.subtitle.map(text);
            out.append(draft_type.call1((text(draft.title), subtitle, captions, paragraphs, removed))?)?;
        }
        Ok(out)
    }
}

/// `workers.cleaning.template.key_hash`: 16 hex digits of BLAKE2b with an 8-byte digest of the
/// key's UTF-8 bytes (`hashlib.blake2b(key.encode(), digest_size=8).hexdigest()`).
fn key_hash(key: &str) -> String {
    use blake2::digest::{Update, VariableOutput};
    let mut hasher = blake2::Blake2bVar::new(8).expect("8 is a valid BLAKE2b digest size");
    hasher.update(key.as_bytes());
    let mut digest = [0u8; 8];
    hasher.finalize_variable(&mut digest).expect("the digest size given");
    const HEX: &[u8; 16] = b"0123456789abcdef";
    digest.iter().flat_map(|&byte| [HEX[usize::from(byte >> 4)] as char, HEX[usize::from(byte & 15)] as char]).collect()
}

/// `workers.cleaning.template`'s eligible keys: (block index, key hash) of each block whose key
/// has `min_chars` to `max_chars` characters, in block order.
#[pyfunction]
fn template_hashes(blocks: &Bound<'_, PyAny>, min_chars: usize, max_chars: usize) -> PyResult<Vec<(i64, String)>> {
    Ok(read_blocks(blocks)?
        .iter()
        .map(|block| block.get())
        .filter(|block| (min_chars..=max_chars).contains(&text::char_len(&block.key)))
        .map(|block| (block.index, block.key_hash.get_or_init(|| key_hash(&block.key)).clone()))
        .collect())
}

/// `workers.cleaning.template`'s eviction: the `n` keys of a state's `keys` dict
/// (`{hash: [count, first_seq, last_seq]}`) with the lowest `(count, last_seq, hash)`, lowest first
/// (`heapq.nsmallest` over those triples, in one pass over the dict instead of a Python loop).
#[pyfunction]
fn template_evictions<'py>(keys: &Bound<'py, PyDict>, n: usize) -> PyResult<Vec<Bound<'py, PyString>>> {
    let mut entries: Vec<(i64, i64, Bound<'py, PyString>)> = Vec::with_capacity(keys.len());
    for (hash, entry) in keys.iter() {
        let entry = entry.cast_into::<PyList>()?;
        let (count, last): (i64, i64) = (entry.get_item(0)?.extract()?, entry.get_item(2)?.extract()?);
        entries.push((count, last, hash.cast_into::<PyString>()?));
    }
    let mut ordered: Vec<(i64, i64, &str, usize)> = Vec::with_capacity(entries.len());
    for (i, (count, last, hash)) in entries.iter().enumerate() {
        ordered.push((*count, *last, hash.to_str()?, i));
    }
    let n = n.min(ordered.len());
    if n > 0 && n < ordered.len() {
        ordered.select_nth_unstable(n - 1);
    }
    ordered.truncate(n);
    ordered.sort_unstable();
    Ok(ordered.into_iter().map(|(_, _, _, i)| entries[i].2.clone()).collect())
}

/// `workers.cleaning.template.key_hash` (for the parity tests).
#[pyfunction(name = "key_hash")]
fn py_key_hash(key: &str) -> String {
    key_hash(key)
}

/// `workers.cleaning.segment.find_article_starts`: indexes of the page's strong headers.
#[pyfunction]
fn find_article_starts(blocks: &Bound<'_, PyAny>, labels: &Bound<'_, PyDict>) -> PyResult<Vec<usize>> {
    let data = read_page(blocks)?;
    let views: Vec<segment::Block> = data.iter().map(|b| b.get().view()).collect();
    let label_objects = read_labels(labels, views.len())?;
    let label_views: Vec<Option<&str>> =
        label_objects.iter().map(|l| l.as_ref().map(|s| s.to_str()).transpose()).collect::<PyResult<_>>()?;
    Ok(segment::find_article_starts(&views, &label_views))
}

/// `workers.cleaning.repeats.KeptBlocks`: the blocks kept so far in one article, by matching key
/// and index, for repeat look-ups (`repeats.rs`).
#[pyclass(module = "khabar_native")]
#[derive(Default)]
struct KeptBlocks {
    kept: Vec<(String, i64)>,
}

#[pymethods]
impl KeptBlocks {
    #[new]
    fn new() -> Self {
        Self::default()
    }

    /// Keep a block: its matching key and index.
    fn add(&mut self, key: String, index: i64) {
        self.kept.push((key, index));
    }

    /// The index of the kept block that a block with this key repeats, or None.
    fn repeat_of(&self, key: &str) -> Option<i64> {
        let mut kept = repeats::KeptBlocks::new();
        for (kept_key, index) in &self.kept {
            kept.add(kept_key, *index);
        }
        kept.repeat_of(key)
    }
}

/// `len(regex.findall(r"\w+", text))` with Python's `regex` module: `workers.model.Block.words`.
#[pyfunction]
fn word_count(text: &str) -> usize {
    segment::word_count(text)
}

/// For the parity tests: the span (in characters) of the segmenter's pattern `name` in `text`
/// (searched, or matched at the start for the patterns anchored there), or None.
#[pyfunction]
fn segment_pattern(name: &str, text: &str) -> PyResult<Option<(usize, usize)>> {
    segment::pattern_span(name, text).ok_or_else(|| PyValueError::new_err(format!("no pattern {name:?}")))
}

#[pymodule]
fn khabar_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // A panic in Rust reaches Python as this exception, which derives from BaseException, not
    // Exception: the pipeline catches it by name, so a bug here becomes a dead letter.
    m.add("PanicException", m.py().get_type::<pyo3::panic::PanicException>())?;
    m.add_function(wrap_pyfunction!(fold_arabic, m)?)?;
    m.add_function(wrap_pyfunction!(folded, m)?)?;
    m.add_function(wrap_pyfunction!(key_of_folded, m)?)?;
    m.add_function(wrap_pyfunction!(text_blocks, m)?)?;
    m.add_class::<PyBlock>()?;
    m.add_function(wrap_pyfunction!(template_hashes, m)?)?;
    m.add_function(wrap_pyfunction!(template_evictions, m)?)?;
    m.add_function(wrap_pyfunction!(py_key_hash, m)?)?;
    m.add_class::<Rules>()?;
    m.add_class::<Segmenter>()?;
    m.add_class::<KeptBlocks>()?;
    m.add_class::<crf_py::PyCrfModel>()?;
    m.add_class::<crf_py::PyCrfToken>()?;
    m.add_function(wrap_pyfunction!(find_article_starts, m)?)?;
    m.add_function(wrap_pyfunction!(word_count, m)?)?;
    m.add_function(wrap_pyfunction!(segment_pattern, m)?)?;
    m.add("LABEL_MAX_WORDS", repeats::LABEL_MAX_WORDS)?;
    m.add("MIN_LABELLED_KEY_CHARS", repeats::MIN_LABELLED_KEY_CHARS)?;
    m.add("SIMILARITY", repeats::SIMILARITY)?;
    m.add("SIMILARITY_MAX_TOKENS", repeats::SIMILARITY_MAX_TOKENS)?;
    Ok(())
}
