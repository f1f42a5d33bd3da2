//! `khabar_native`: the per-line hot paths of khabar's cleaning stages in Rust.
//!
//! Plain functions over strings, called from `workers.text` and `workers.cleaning.boilerplate`;
//! the Python signatures and results are those of the functions they replace (documented there).

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

mod props;
pub mod rules;
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

#[pymodule]
fn khabar_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(fold_arabic, m)?)?;
    m.add_function(wrap_pyfunction!(folded, m)?)?;
    m.add_function(wrap_pyfunction!(key_of_folded, m)?)?;
    m.add_class::<Rules>()?;
    Ok(())
}
