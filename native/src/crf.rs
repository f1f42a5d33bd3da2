//! Tagging with a linear-chain CRF trained by crfsuite: its model file read natively, and its
//! Viterbi decoding done the way crfsuite does it.
//!
//! crfsuite's own tagger (through python-crfsuite) spends most of its time turning Python lists
//! of feature strings into its items; here a token's known attributes are looked up once, when a
//! token is first seen ([`Model::attribute`]), and a sentence is scored from attribute ids.
//!
//! Same tags as crfsuite, bit for bit: the weights are read as stored (little-endian f64, not the
//! six decimals of `crfsuite dump`), a label's state score adds the weights of the item's
//! attributes in the item's order (crfsuite's `crf1dt_state_score`; adding the +0.0 of a label an
//! attribute has no feature for changes no sum), and [`Model::viterbi`] follows
//! `crf1dc_viterbi`, ties included (the first best predecessor and the first best last label).
//!
//! The model format (crfsuite's `crf1d_model.c`): a 48-byte header ("lCRF", size, "FOMC",
//! version, counts of features, labels and attributes, offsets of the features, of the label and
//! attribute CQDB string tables and of the feature references), a "FEAT" chunk of 20-byte
//! features (type, source, destination, weight: type 0 is a state feature, attribute -> label;
//! type 1 a transition, label -> label), and CQDB tables whose backward array gives the string of
//! every id.

use rustc_hash::FxHashMap;

const HEADER_SIZE: usize = 48;
const CHUNK_SIZE: usize = 12;
const FEATURE_SIZE: usize = 20;

/// A crfsuite CRF1d model, with its state weights as one dense row of label weights per attribute.
pub struct Model {
    labels: Vec<String>,
    attributes: Vec<String>,
    ids: FxHashMap<String, u32>,
    /// `state[a * L + l]`: the weight of attribute `a` for label `l` (0.0 if none).
    state: Vec<f64>,
    /// `transitions[i * L + j]`: the weight of label `i` followed by label `j`.
    transitions: Vec<f64>,
}

fn u32_at(data: &[u8], at: usize) -> Result<u32, String> {
    data.get(at..at + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or_else(|| format!("crfsuite model truncated at byte {at}"))
}

fn f64_at(data: &[u8], at: usize) -> Result<f64, String> {
    data.get(at..at + 8)
        .map(|b| f64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
        .ok_or_else(|| format!("crfsuite model truncated at byte {at}"))
}

/// The `n` strings of the CQDB table at `base`, by id (through its backward array).
fn cqdb_strings(data: &[u8], base: usize, n: usize) -> Result<Vec<String>, String> {
    if data.get(base..base + 4) != Some(b"CQDB") {
        return Err(format!("no CQDB string table at byte {base}"));
    }
    let backward = base + u32_at(data, base + 20)? as usize;
    (0..n)
        .map(|id| {
            let record = base + u32_at(data, backward + 4 * id)? as usize;
            let (stored, size) = (u32_at(data, record)? as usize, u32_at(data, record + 4)? as usize);
            let bytes = data.get(record + 8..record + 8 + size).ok_or("crfsuite model: string past the end")?;
            if stored != id || size == 0 || bytes[size - 1] != 0 {
                return Err(format!("crfsuite model: bad string record for id {id}"));
            }
            String::from_utf8(bytes[..size - 1].to_vec()).map_err(|e| e.to_string())
        })
        .collect()
}

impl Model {
    /// Read a model file's bytes (as written by crfsuite's trainer).
    pub fn parse(data: &[u8]) -> Result<Model, String> {
        if data.len() < HEADER_SIZE || &data[0..4] != b"lCRF" || &data[8..12] != b"FOMC" {
            return Err("not a crfsuite CRF1d model (lCRF/FOMC header)".into());
        }
        let field = |i: usize| u32_at(data, 16 + 4 * i).map(|v| v as usize);
        // the header's feature count is not filled in by crfsuite (0): the FEAT chunk has it
        let (n_labels, n_attributes) = (field(1)?, field(2)?);
        let (off_features, off_labels, off_attributes) = (field(3)?, field(4)?, field(5)?);
        let labels = cqdb_strings(data, off_labels, n_labels)?;
        let attributes = cqdb_strings(data, off_attributes, n_attributes)?;
        if data.get(off_features..off_features + 4) != Some(b"FEAT") {
            return Err("crfsuite model: no FEAT chunk".into());
        }
        let n_features = u32_at(data, off_features + 8)? as usize;
        let mut state = vec![0.0; n_attributes * n_labels];
        let mut transitions = vec![0.0; n_labels * n_labels];
        for k in 0..n_features {
            let at = off_features + CHUNK_SIZE + FEATURE_SIZE * k;
            let (kind, src, dst) = (u32_at(data, at)?, u32_at(data, at + 4)? as usize, u32_at(data, at + 8)? as usize);
            let weight = f64_at(data, at + 12)?;
            match kind {
                0 if src < n_attributes && dst < n_labels => state[src * n_labels + dst] = weight,
                1 if src < n_labels && dst < n_labels => transitions[src * n_labels + dst] = weight,
                _ => return Err(format!("crfsuite model: bad feature {k}")),
            }
        }
        let ids = attributes.iter().enumerate().map(|(i, a)| (a.clone(), i as u32)).collect();
        Ok(Model { labels, attributes, ids, state, transitions })
    }

    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    pub fn attributes(&self) -> &[String] {
        &self.attributes
    }

    /// The id of an attribute the model has weights for (`None`: crfsuite would ignore it).
    pub fn attribute(&self, name: &str) -> Option<u32> {
        self.ids.get(name).copied()
    }

    /// Add attribute `id`'s weights to a token's state scores (one per label).
    #[inline]
    pub fn add_state(&self, scores: &mut [f64], id: u32) {
        let l = self.labels.len();
        let row = &self.state[id as usize * l..id as usize * l + l];
        for (s, w) in scores.iter_mut().zip(row) {
            *s += w;
        }
    }

    /// The best label sequence for state scores `state` (`T * L`, token by token), as label
    /// indices: crfsuite's `crf1dc_viterbi`.
    pub fn viterbi(&self, state: &[f64]) -> Vec<usize> {
        let l = self.labels.len();
        let t_max = state.len().checked_div(l).unwrap_or(0);
        if t_max == 0 {
            return Vec::new();
        }
        let mut alpha = state[..l].to_vec();
        let mut back = vec![0usize; t_max * l];
        let mut current = vec![0.0; l];
        for t in 1..t_max {
            for j in 0..l {
                let mut best = -f64::MAX;
                for (i, a) in alpha.iter().enumerate() {
                    let score = a + self.transitions[i * l + j];
                    if best < score {
                        best = score;
                        back[t * l + j] = i;
                    }
                }
                current[j] = best + state[t * l + j];
            }
            std::mem::swap(&mut alpha, &mut current);
        }
        let mut labels = vec![0usize; t_max];
        let mut best = -f64::MAX;
        for (i, &score) in alpha.iter().enumerate() {
            if best < score {
                best = score;
                labels[t_max - 1] = i;
            }
        }
        for t in (0..t_max - 1).rev() {
            labels[t] = back[(t + 1) * l + labels[t + 1]];
        }
        labels
    }

    /// Label indices of a sentence given as the attribute ids of each token.
    pub fn tag(&self, items: &[Vec<u32>]) -> Vec<usize> {
        let l = self.labels.len();
        let mut state = vec![0.0; items.len() * l];
        for (t, ids) in items.iter().enumerate() {
            for &id in ids {
                self.add_state(&mut state[t * l..t * l + l], id);
            }
        }
        self.viterbi(&state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A model file as crfsuite lays it out (the header's feature count left 0, as crfsuite does), for the given labels, attributes and features.
    fn model_bytes(labels: &[&str], attributes: &[&str], features: &[(u32, u32, u32, f64)]) -> Vec<u8> {
        fn cqdb(strings: &[&str]) -> Vec<u8> {
            let mut records = Vec::new();
            let mut offsets = Vec::new();
            let data_start = 24 + 256 * 8;
            for (id, s) in strings.iter().enumerate() {
                offsets.push((data_start + records.len()) as u32);
                records.extend((id as u32).to_le_bytes());
                records.extend((s.len() as u32 + 1).to_le_bytes());
                records.extend(s.as_bytes());
                records.push(0);
            }
            let backward = data_start + records.len();
            let mut out = b"CQDB".to_vec();
            let size = backward + 4 * strings.len();
            for v in [size as u32, 0, 0x62445371, strings.len() as u32, backward as u32] {
                out.extend(v.to_le_bytes());
            }
            out.extend(vec![0u8; 256 * 8]); // no hash tables: the reader only uses the backward array
            out.extend(records);
            for o in offsets {
                out.extend(o.to_le_bytes());
            }
            out
        }
        let mut feat = b"FEAT".to_vec();
        feat.extend(((CHUNK_SIZE + FEATURE_SIZE * features.len()) as u32).to_le_bytes());
        feat.extend((features.len() as u32).to_le_bytes());
        for &(kind, src, dst, w) in features {
            for v in [kind, src, dst] {
                feat.extend(v.to_le_bytes());
            }
            feat.extend(w.to_le_bytes());
        }
        let (l, a) = (cqdb(labels), cqdb(attributes));
        let off_features = HEADER_SIZE;
        let off_labels = off_features + feat.len();
        let off_attributes = off_labels + l.len();
        let mut out = b"lCRF".to_vec();
        out.extend(0u32.to_le_bytes());
        out.extend(b"FOMC");
        for v in [100, 0, labels.len(), attributes.len(), off_features, off_labels, off_attributes, 0, 0] {
            out.extend((v as u32).to_le_bytes());
        }
        out.extend(feat);
        out.extend(l);
        out.extend(a);
        out
    }

    #[test]
    fn reads_labels_attributes_and_exact_weights() {
        let w = 0.123456789012345_f64;
        let data = model_bytes(&["O", "B-LOC"], &["w=x", "bias"], &[(0, 0, 1, w), (0, 1, 0, -1.5), (1, 0, 1, 0.25)]);
        let m = Model::parse(&data).unwrap();
        assert_eq!(m.labels(), ["O", "B-LOC"]);
        assert_eq!(m.attributes(), ["w=x", "bias"]);
        assert_eq!(m.attribute("bias"), Some(1));
        assert_eq!(m.attribute("w=y"), None);
        let mut s = [0.0, 0.0];
        m.add_state(&mut s, 0);
        assert_eq!(s, [0.0, w]); // not rounded to six decimals
        assert_eq!(m.transitions, [0.0, 0.25, 0.0, 0.0]);
    }

    #[test]
    fn rejects_what_is_not_a_model() {
        assert!(Model::parse(b"not a model at all, not a model at all, not a model").is_err());
        let mut data = model_bytes(&["O"], &["a"], &[(0, 0, 0, 1.0)]);
        data.truncate(data.len() - 3);
        assert!(Model::parse(&data).is_err());
        assert!(Model::parse(&model_bytes(&["O"], &["a"], &[(0, 5, 0, 1.0)])).is_err()); // attribute out of range
    }

    #[test]
    fn viterbi_is_the_best_path_by_brute_force() {
        // 3 labels, transitions and state scores from a fixed pseudo-random sequence
        let mut x = 12345u64;
        let mut next = || {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((x >> 33) as f64 / (1u64 << 31) as f64) - 0.5
        };
        let features: Vec<(u32, u32, u32, f64)> = (0..9).map(|k| (1, k / 3, k % 3, next())).collect();
        let m = Model::parse(&model_bytes(&["a", "b", "c"], &["x"], &features)).unwrap();
        for t_max in 1..6 {
            let state: Vec<f64> = (0..t_max * 3).map(|_| next() * 3.0).collect();
            let score = |path: &[usize]| {
                let mut s = state[path[0]];
                for t in 1..path.len() {
                    s += m.transitions[path[t - 1] * 3 + path[t]] + state[t * 3 + path[t]];
                }
                s
            };
            let mut best = (f64::MIN, vec![]);
            for code in 0..3usize.pow(t_max as u32) {
                let path: Vec<usize> = (0..t_max).map(|t| code / 3usize.pow(t as u32) % 3).collect();
                if score(&path) > best.0 {
                    best = (score(&path), path);
                }
            }
            assert_eq!(m.viterbi(&state), best.1);
        }
    }

    #[test]
    fn ties_go_to_the_first_label_as_in_crfsuite() {
        let m = Model::parse(&model_bytes(&["a", "b"], &["x"], &[(0, 0, 0, 1.0)])).unwrap();
        assert_eq!(m.viterbi(&[0.0, 0.0, 0.0, 0.0]), [0, 0]);
        assert_eq!(m.tag(&[vec![], vec![0]]), [0, 0]);
        assert!(m.tag(&[]).is_empty());
    }
}
