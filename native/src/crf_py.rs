//! The Python face of [`crate::crf`]: `CrfModel` and `CrfToken`, for `workers.entities.crf`.
//!
//! `workers.entities.crf.Featurizer` computes a token's feature strings once, when it first sees
//! the token (with its lexicon tag), and hands them to `CrfModel.token`, which keeps the ids of
//! those the model knows in a `CrfToken`; the featurizer caches that. `CrfModel.tag` then scores a
//! sentence from its tokens: each token's own attributes, those its neighbours two either side
//! give it (or the sentence-edge attributes), and the context attributes made from the tokens'
//! keys and lexicon tags, in the order and with the names of `Featurizer.features` (the strings
//! the model was trained on). `CrfModel.items` returns those ids, so the two can be compared.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use crate::crf::Model;

/// The neighbour slots of a token's features: what it gives the token two before it (-2), one
/// before (-1), one after (+1) and two after (+2).
const SLOTS: usize = 4;

/// `items[j]`, or the sentence-edge marker the features use before the first item (`<s>`) and
/// after the last (`</s>`).
fn padded<'a>(items: &[&'a str], j: isize) -> &'a str {
    match usize::try_from(j) {
        Err(_) => "<s>",
        Ok(j) => items.get(j).copied().unwrap_or("</s>"),
    }
}

/// A trained crfsuite model, read from its file's bytes.
#[pyclass(frozen, module = "khabar_native", name = "CrfModel")]
pub struct PyCrfModel {
    model: Model,
    labels: Vec<Py<PyString>>,
    bias: Option<u32>,
    edges: [Option<u32>; SLOTS],
}

/// One token as the model sees it: its key and the ids of its known attributes (see module doc).
#[pyclass(frozen, module = "khabar_native", name = "CrfToken")]
pub struct PyCrfToken {
    #[pyo3(get)]
    key: String,
    own: Vec<u32>,
    neighbour: [Vec<u32>; SLOTS],
}

impl PyCrfModel {
    fn ids(&self, names: &Bound<'_, PyAny>) -> PyResult<Vec<u32>> {
        let mut out = Vec::new();
        for name in names.try_iter()? {
            if let Some(id) = self.model.attribute(name?.cast::<PyString>()?.to_str()?) {
                out.push(id);
            }
        }
        Ok(out)
    }

    /// Call `add(t, id)` for every known attribute of every token, in `Featurizer.features` order.
    fn assemble(&self, tokens: &Bound<'_, PyList>, lexes: &Bound<'_, PyList>, mut add: impl FnMut(usize, u32)) -> PyResult<()> {
        let bound: Vec<Bound<'_, PyCrfToken>> = tokens.iter().map(|t| t.cast_into::<PyCrfToken>()).collect::<Result<_, _>>()?;
        let tokens: Vec<&PyCrfToken> = bound.iter().map(|t| t.get()).collect();
        let lexes_bound: Vec<Bound<'_, PyString>> = lexes.iter().map(|l| l.cast_into::<PyString>()).collect::<Result<_, _>>()?;
        let lexes: Vec<&str> = lexes_bound.iter().map(|l| l.to_str()).collect::<Result<_, _>>()?;
        let n = tokens.len();
        if lexes.len() != n {
            return Err(PyValueError::new_err(format!("{n} tokens but {} lexicon tags", lexes.len())));
        }
        let keys: Vec<&str> = tokens.iter().map(|t| t.key.as_str()).collect();
        let key = |j: isize| padded(&keys, j);
        let lex = |j: isize| padded(&lexes, j);
        let mut name = String::new();
        for (t, token) in tokens.iter().enumerate() {
            let i = t as isize;
            self.bias.into_iter().for_each(|id| add(t, id));
            token.own.iter().for_each(|&id| add(t, id));
            for (slot, offset) in [-2isize, -1, 1, 2].into_iter().enumerate() {
                let j = i + offset;
                if j < 0 || j as usize >= n {
                    self.edges[slot].into_iter().for_each(|id| add(t, id));
                } else {
                    tokens[j as usize].neighbour[slot].iter().for_each(|&id| add(t, id));
                }
            }
            let context: [&[&str]; 5] = [
                &["w0w1=", key(i), "|", key(i + 1)],
                &["w-1w0=", key(i - 1), "|", key(i)],
                &["-3:w=", key(i - 3)],
                &["3:w=", key(i + 3)],
                &["lx=", lex(i - 1), "|", lex(i), "|", lex(i + 1)],
            ];
            for parts in context {
                name.clear();
                parts.iter().for_each(|p| name.push_str(p));
                if let Some(id) = self.model.attribute(&name) {
                    add(t, id);
                }
            }
        }
        Ok(())
    }
}

#[pymethods]
impl PyCrfModel {
    #[new]
    fn new(py: Python<'_>, data: &[u8]) -> PyResult<Self> {
        let model = Model::parse(data).map_err(PyValueError::new_err)?;
        let labels = model.labels().iter().map(|l| PyString::new(py, l).unbind()).collect();
        let bias = model.attribute("bias");
        let edges = ["-2:edge", "-1:edge", "1:edge", "2:edge"].map(|e| model.attribute(e));
        Ok(PyCrfModel { model, labels, bias, edges })
    }

    /// The labels, by id.
    #[getter]
    fn labels(&self, py: Python<'_>) -> Vec<Py<PyString>> {
        self.labels.iter().map(|l| l.clone_ref(py)).collect()
    }

    /// The attributes the model has weights for, by id.
    #[getter]
    fn attributes(&self) -> Vec<String> {
        self.model.attributes().to_vec()
    }

    /// A token with key `key`, its own feature strings and those it gives its neighbours at -2,
    /// -1, +1 and +2 (strings the model has no weights for are dropped: they add nothing).
    fn token(&self, key: String, own: &Bound<'_, PyAny>, neighbour: &Bound<'_, PyAny>) -> PyResult<PyCrfToken> {
        let slots: Vec<Vec<u32>> = neighbour.try_iter()?.map(|names| self.ids(&names?)).collect::<PyResult<_>>()?;
        let neighbour: [Vec<u32>; SLOTS] =
            slots.try_into().map_err(|v: Vec<_>| PyValueError::new_err(format!("{} neighbour slots, not {SLOTS}", v.len())))?;
        Ok(PyCrfToken { key, own: self.ids(own)?, neighbour })
    }

    /// The attribute ids of every token of a sentence (`tokens`: `CrfToken`s; `lexes`: their
    /// lexicon tags), in the order the model adds them.
    fn items(&self, tokens: &Bound<'_, PyList>, lexes: &Bound<'_, PyList>) -> PyResult<Vec<Vec<u32>>> {
        let mut items = vec![Vec::new(); tokens.len()];
        self.assemble(tokens, lexes, |t, id| items[t].push(id))?;
        Ok(items)
    }

    /// The most likely label of every token of a sentence (arguments as for `items`): the tags
    /// crfsuite's tagger gives for the feature strings of `Featurizer.features`.
    fn tag<'py>(&self, py: Python<'py>, tokens: &Bound<'py, PyList>, lexes: &Bound<'py, PyList>) -> PyResult<Bound<'py, PyList>> {
        let l = self.labels.len();
        let mut state = vec![0.0; tokens.len() * l];
        self.assemble(tokens, lexes, |t, id| self.model.add_state(&mut state[t * l..t * l + l], id))?;
        PyList::new(py, self.model.viterbi(&state).into_iter().map(|i| self.labels[i].bind(py)))
    }
}
