//! `khabar_native`: the per-line hot paths of khabar's cleaning stages in Rust.
//!
//! Plain functions over strings, called from `workers.text` and `workers.cleaning.boilerplate`;
//! the Python signatures and results are those of the functions they replace (documented there).
//! The segmenter (`segment.rs`, with `repeats.rs`) runs behind `Segmenter.segment`, called from
//! `workers.cleaning.segment`.

use pyo3::exceptions::{PyIndexError, PyKeyError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

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

/// The non-empty lines of a text/plain page: [(line number, stripped text, folded text, key or
/// None when the folded text holds "&")], in one pass (`workers.cleaning.blocks.split_blocks`).
#[pyfunction]
fn text_lines(content: &str) -> Vec<(usize, &str, String, Option<String>)> {
    text::text_lines(content)
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

    /// `classify_blocks`: {block index: line class} for blocks (objects with `index`, `text`,
    /// `folded`, `tag` and `context` attributes).
    fn classify<'py>(&self, py: Python<'py>, blocks: &Bound<'py, PyList>) -> PyResult<Bound<'py, PyDict>> {
        let mut owned: Vec<(i64, String, String, Option<String>, Vec<String>)> = Vec::with_capacity(blocks.len());
        for block in blocks.iter() {
            let context = block.getattr("context")?;
            let context: Vec<String> = context.cast::<PyTuple>()?.iter().map(|c| c.extract()).collect::<PyResult<_>>()?;
            owned.push((
                block.getattr("index")?.extract()?,
                block.getattr("text")?.extract()?,
                block.getattr("folded")?.extract()?,
                block.getattr("tag")?.extract()?,
                context,
            ));
        }
        let views: Vec<rules::BlockView> = owned
            .iter()
            .map(|(index, text, folded, tag, context)| rules::BlockView {
                index: *index,
                text,
                folded,
                tag: tag.as_deref(),
                context: context.iter().map(String::as_str).collect(),
            })
            .collect();
        let labels = PyDict::new(py);
        for (index, label) in self.inner.classify(&views) {
            labels.set_item(index, label)?;
        }
        Ok(labels)
    }
}

/// The attributes of a page's blocks (`workers.model.Block`) that the segmenter reads, held while
/// it runs: its strings are read in place.
struct PyBlocks<'py> {
    texts: Vec<Bound<'py, PyString>>,
    keys: Vec<Bound<'py, PyString>>,
    foldeds: Vec<Bound<'py, PyString>>,
    tags: Vec<Option<Bound<'py, PyString>>>,
    contexts: Vec<Vec<Bound<'py, PyString>>>,
    articles: Vec<Option<i64>>,
}

impl<'py> PyBlocks<'py> {
    /// Read the blocks (objects with `index`, `text`, `key`, `folded`, `tag`, `context` and
    /// `html_article` attributes); a block's `index` must be its position.
    fn read(py: Python<'py>, blocks: &Bound<'py, PyAny>) -> PyResult<Self> {
        let mut out = PyBlocks {
            texts: Vec::new(),
            keys: Vec::new(),
            foldeds: Vec::new(),
            tags: Vec::new(),
            contexts: Vec::new(),
            articles: Vec::new(),
        };
        for (position, block) in blocks.try_iter()?.enumerate() {
            let block = block?;
            let index: i64 = block.getattr(intern!(py, "index"))?.extract()?;
            if usize::try_from(index).ok() != Some(position) {
                return Err(PyValueError::new_err(format!("the block at position {position} has index {index}")));
            }
            out.texts.push(block.getattr(intern!(py, "text"))?.cast_into::<PyString>()?);
            out.keys.push(block.getattr(intern!(py, "key"))?.cast_into::<PyString>()?);
            out.foldeds.push(block.getattr(intern!(py, "folded"))?.cast_into::<PyString>()?);
            let tag = block.getattr(intern!(py, "tag"))?;
            out.tags.push(if tag.is_none() { None } else { Some(tag.cast_into::<PyString>()?) });
            let context = block.getattr(intern!(py, "context"))?;
            let context = context.cast::<PyTuple>()?;
            out.contexts.push(if context.is_empty() {
                Vec::new()
            } else {
                context.iter().map(|c| c.cast_into::<PyString>().map_err(PyErr::from)).collect::<PyResult<_>>()?
            });
            out.articles.push(block.getattr(intern!(py, "html_article"))?.extract()?);
        }
        Ok(out)
    }

    fn views(&self) -> PyResult<Vec<segment::Block<'_>>> {
        (0..self.texts.len())
            .map(|i| {
                let text = &self.texts[i];
                Ok(segment::Block::new(
                    text.to_str()?,
                    self.keys[i].to_str()?,
                    self.foldeds[i].to_str()?,
                    self.tags[i].as_ref().map(|t| t.to_str()).transpose()?,
                    self.contexts[i].iter().map(|c| c.to_str()).collect::<PyResult<_>>()?,
                    self.articles[i],
                )
                .with_len(text.len()?))
            })
            .collect()
    }
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
        let data = PyBlocks::read(py, blocks)?;
        let views = data.views()?;
        let label_objects = read_labels(labels, views.len())?;
        let label_views: Vec<Option<&str>> =
            label_objects.iter().map(|l| l.as_ref().map(|s| s.to_str()).transpose()).collect::<PyResult<_>>()?;
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
                    None => self.removal(py, r.block, &data.texts[r.block], PyString::new(py, r.reason).as_any(), r.kept_block)?,
                };
                removed.append(object)?;
            }
            let captions = PyList::new(py, draft.captions.iter().map(|&i| &data.texts[i]))?;
            let paragraphs = PyList::new(py, draft.paragraphs.iter().map(|&i| &data.texts[i]))?;
            let subtitle = draft.subtitle.map(|i| &data.texts[i]);
            out.append(draft_type.call1((&data.texts[draft.title], subtitle, captions, paragraphs, removed))?)?;
        }
        Ok(out)
    }
}

/// `workers.cleaning.segment.find_article_starts`: indexes of the page's strong headers.
#[pyfunction]
fn find_article_starts(py: Python<'_>, blocks: &Bound<'_, PyAny>, labels: &Bound<'_, PyDict>) -> PyResult<Vec<usize>> {
    let data = PyBlocks::read(py, blocks)?;
    let views = data.views()?;
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
    m.add_function(wrap_pyfunction!(text_lines, m)?)?;
    m.add_class::<Rules>()?;
    m.add_class::<Segmenter>()?;
    m.add_class::<KeptBlocks>()?;
    m.add_function(wrap_pyfunction!(find_article_starts, m)?)?;
    m.add_function(wrap_pyfunction!(word_count, m)?)?;
    m.add_function(wrap_pyfunction!(segment_pattern, m)?)?;
    m.add("LABEL_MAX_WORDS", repeats::LABEL_MAX_WORDS)?;
    m.add("MIN_LABELLED_KEY_CHARS", repeats::MIN_LABELLED_KEY_CHARS)?;
    m.add("SIMILARITY", repeats::SIMILARITY)?;
    m.add("SIMILARITY_MAX_TOKENS", repeats::SIMILARITY_MAX_TOKENS)?;
    Ok(())
}
