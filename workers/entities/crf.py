"""The statistical named-entity tagger: a linear-chain CRF (python-crfsuite) over token features.

What this stage decides: the BIO tag of every token, for names that no list knows as well as for
those it does. Features of a token (all computed on ``match_key``, the spelling-insensitive key):

* the word, its 1-3 letter prefixes and suffixes, and its proclitic-stripped stems
  (``workers.entities.clitics``: ``وبيروت`` -> ``بيروت``), so a name seen once with a clitic is
  known without it;
* shape: digits, Latin letters, punctuation, length;
* the gazetteer's view: the tag the lexicon tagger gives the token (``B-LOC``...), so list
  knowledge and context are weighed together instead of one overriding the other;
* the same for the neighbours (two tokens either side) and the sentence boundaries.

The model file is built by ``python -m workers.entities.train_crf`` (see docs/entities.md) and
loaded with :meth:`CrfTagger.load`. The tagger is immutable after loading; crfsuite's tagger object
is not thread-safe, so each worker process (or thread) loads its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import pycrfsuite

from workers.entities.clitics import candidate_stems
from workers.entities.normalize import match_key
from workers.entities.tagger import MENTION_TYPES, LexiconTagger, Mention
from workers.entities.tokenize import tokenize

__all__ = ["DEFAULT_MODEL", "CrfTagger", "sentence_features"]

DEFAULT_MODEL = ("data", "ner-crf.model")
"""The shipped model: path parts relative to the ``workers.entities`` package."""

_WINDOW = (-2, -1, 1, 2)


def _shape(token: str) -> str:
    if token.isdigit():
        return "digit"
    if any("a" <= c.lower() <= "z" for c in token):
        return "latin"
    if not any(c.isalnum() for c in token):
        return "punct"
    return "long" if len(token) > 6 else "short" if len(token) < 3 else "mid"


def _token_features(token: str, key: str, lex: str) -> list[str]:
    stems = [s.key for s in candidate_stems(token)]
    feats = [
        "w=" + key,
        "p1=" + key[:1], "p2=" + key[:2], "p3=" + key[:3],
        "s1=" + key[-1:], "s2=" + key[-2:], "s3=" + key[-3:],
        "shape=" + _shape(token),
        "lex=" + lex,
    ]
    if stems:
        feats.append("stem=" + stems[-1])
        feats.append("stem1=" + stems[0])
        feats.append("stem_s2=" + stems[-1][-2:])
    return feats


def sentence_features(tokens: Sequence[str], lex_tags: Sequence[str]) -> list[list[str]]:
    """Feature strings of every token of one sentence.

    Args:
        tokens: The tokens as written.
        lex_tags: The lexicon tagger's BIO tags for the same tokens.
    """
    keys = [match_key(t) for t in tokens]
    own = [_token_features(t, k, lx) for t, k, lx in zip(tokens, keys, lex_tags)]
    n = len(tokens)
    out: list[list[str]] = []
    for i in range(n):
        feats = ["bias", *own[i]]
        for d in _WINDOW:
            j = i + d
            if 0 <= j < n:
                feats.append(f"{d}:w={keys[j]}")
                feats.append(f"{d}:lex={lex_tags[j]}")
                if abs(d) == 1:
                    feats.append(f"{d}:s2={keys[j][-2:]}")
                    feats.append(f"{d}:p2={keys[j][:2]}")
            else:
                feats.append(f"{d}:edge")
        feats.append(f"w0w1={keys[i]}|{keys[i + 1] if i + 1 < n else '</s>'}")
        feats.append(f"w-1w0={keys[i - 1] if i else '<s>'}|{keys[i]}")
        out.append(feats)
    return out


class CrfTagger:
    """BIO tagging with a trained CRF model plus the lexicon tagger's tags as features."""

    def __init__(self, model: Path, lexicon: LexiconTagger) -> None:
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model))
        self._lexicon = lexicon
        self.model = model

    @classmethod
    def load(cls, model: Path | None = None, lexicon: LexiconTagger | None = None) -> CrfTagger:
        """Load a model file (default: the shipped one) and the lexicon (default: the shipped one)."""
        if model is None:
            model = Path(str(resources.files("workers.entities").joinpath(*DEFAULT_MODEL)))
        return cls(model, lexicon or LexiconTagger.load())

    def tag_tokens(self, tokens: Sequence[str]) -> list[str]:
        """One ANERcorp BIO tag (``B-PERS``, ``I-LOC``, ``O``...) per token."""
        if not tokens:
            return []
        return self._tagger.tag(sentence_features(tokens, self._lexicon.tag_tokens(tokens)))

    def find_mentions(self, text: str) -> list[Mention]:
        """Entity mentions in raw text, as character spans (``text[m.start:m.end] == m.text``).

        A mention whose first token carries a proclitic (``وبيروت``) starts after it when the
        lexicon knows the bare name; otherwise it covers the whole token, as ANERcorp does.
        """
        tokens = tokenize(text)
        if not tokens:
            return []
        words = [t.text for t in tokens]
        tags = self.tag_tokens(words)
        mentions: list[Mention] = []
        i = 0
        while i < len(tags):
            if tags[i] == "O":
                i += 1
                continue
            label = tags[i][2:]
            stop = i + 1
            while stop < len(tags) and tags[stop] == "I-" + label:
                stop += 1
            start = tokens[i].start + self._lexicon.clitic_offset(words[i], words[i + 1 : stop])
            end = tokens[stop - 1].end
            mentions.append(Mention(start, end, text[start:end], MENTION_TYPES[label]))
            i = stop
        return mentions
