"""The statistical named-entity tagger: a linear-chain CRF (trained with python-crfsuite) over token
features.

What this stage decides: the BIO tag of every token, for names that no list knows as well as for
those it does. Features of a token (all computed on ``match_key``, the spelling-insensitive key):

* the word, its 1-3 letter prefixes and suffixes, and its proclitic-stripped stems
  (``workers.entities.clitics``: ``وبيروت`` -> ``بيروت``), so a name seen once with a clitic is
  known without it;
* shape: digits, Latin letters, punctuation, length;
* the gazetteer's view: the tag the lexicon tagger gives the token (``B-LOC``...), so list
  knowledge and context are weighed together instead of one overriding the other, and which
  lexicon phrases the token (or, failing that, its most stripped stem) occurs in, by type and
  position (first or later token);
* whether the token or one of its stems is a common given name (``data/given-names.txt``, a
  hand-made list), for the token and its direct neighbours;
* how common it is in Arabic text at large (``workers.entities.frequency``: Zipf value, how often
  the bare word takes the article), for the token and its direct neighbours;
* its word class (``workers.entities.wordclass``: seen in the training text only outside names,
  only inside, both, or rarely/never), and its roles in the knowledge base's names (``LOC:B``: the
  first token of a place name) for the token and its direct neighbours;
* the same for the neighbours (two tokens either side: word, lexicon tag, and for the direct
  neighbours 2-letter prefix and suffix, proclitic-stripped stem, lexicon phrases, given names
  and knowledge-base roles), the words three tokens
  away, the word bigrams with the previous and the next token, the lexicon tags of the previous,
  this and the next token together, and the sentence boundaries.

The model file is built by ``python -m workers.entities.train_crf`` (see docs/entities.md) and
loaded with :meth:`CrfTagger.load`. Tagging runs in ``khabar_native.CrfModel`` (Rust,
``native/src/crf.rs``), which reads crfsuite's model file and gives the tags crfsuite's own tagger
gives, from attribute ids: a token's features are built once, when the tagger first sees it, and
kept as the ids of the attributes the model knows. The tagger's results never change after
loading (it keeps a bounded per-instance cache of per-token features, no module-level state).
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import khabar_native

from workers.entities.bio import bio_spans
from workers.entities.consistency import propagate
from workers.entities.frequency import WordFrequencies
from workers.entities.kb import KnowledgeBase
from workers.entities.normalize import match_key
from workers.entities.tagger import MENTION_TYPES, TOKEN_CACHE_MAX, LexiconTagger, Mention
from workers.entities.tokenize import Token, tokenize
from workers.entities.wordclass import load_word_classes

__all__ = ["DEFAULT_MODEL", "GIVEN_NAMES", "CrfTagger", "Featurizer", "load_given_names", "sentence_features"]

DEFAULT_MODEL = ("data", "ner-crf.model")
"""The shipped model: path parts relative to the ``workers.entities`` package."""

GIVEN_NAMES = ("data", "given-names.txt")
"""The given-names list (a gazetteer feature): path parts relative to ``workers.entities``."""


def load_given_names() -> frozenset[str]:
    """The ``match_key`` of every name of the shipped given-names list (``#`` lines are comments)."""
    resource = resources.files("workers.entities")
    for part in GIVEN_NAMES:
        resource = resource.joinpath(part)
    with resource.open("r", encoding="utf-8") as f:
        return frozenset(match_key(line.strip()) for line in f if line.strip() and not line.startswith("#"))


def _shape(token: str) -> str:
    if token and "\N{ARABIC LETTER HAMZA}" <= min(token) and max(token) <= "\N{ARABIC LETTER YEH}":
        # fast path: Arabic letters (and tatweel) only, all alphabetic, none Latin
        return "long" if len(token) > 6 else "short" if len(token) < 3 else "mid"
    if token.isdigit():
        return "digit"
    if any("a" <= c.lower() <= "z" for c in token):
        return "latin"
    if not any(c.isalnum() for c in token):
        return "punct"
    return "long" if len(token) > 6 else "short" if len(token) < 3 else "mid"


# The features of a token that depend on the token and its lexicon tag alone, precomputed once per
# distinct (token, tag): (key, own features, the features it gives as a neighbour at -2, -1, +1, +2).
_Parts = tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...]]


class Featurizer:
    """Feature strings of sentences, for one lexicon (the lexicon tagger's tags are features).

    Per-token work is cached on the instance, bounded like the lexicon tagger's cache (emptied when
    it holds ``TOKEN_CACHE_MAX`` entries); the features never depend on what is cached.

    Args:
        lexicon: The lexicon tagger whose tags (and phrases) are features.
        given_names: Keys of given names (default: :func:`load_given_names`).
        model: At tagging time, the model (``khabar_native.CrfModel``): a token's features are
            then kept as the ids of the attributes the model has weights for (the others add
            nothing to any score), in a ``khabar_native.CrfToken``, and :meth:`encode` gives what
            ``CrfModel.tag`` scores. Without it (training), features are strings.
        word_classes: ``workers.entities.wordclass`` classes by key (default: the shipped file;
            training passes the classes of the other folds).
        kb_roles: ``KnowledgeBase.token_roles()`` (default: those of the shipped knowledge base).
        frequencies: General-text word frequencies (default: the shipped list).
    """

    def __init__(
        self,
        lexicon: LexiconTagger,
        given_names: frozenset[str] | None = None,
        model: khabar_native.CrfModel | None = None,
        word_classes: dict[str, str] | None = None,
        kb_roles: dict[str, tuple[str, ...]] | None = None,
        frequencies: WordFrequencies | None = None,
    ) -> None:
        self._lexicon = lexicon
        self._frequencies = WordFrequencies.load() if frequencies is None else frequencies
        self._names = load_given_names() if given_names is None else given_names
        self._model = model
        self._attributes = model.attributes if model is not None else []
        self.word_classes = load_word_classes() if word_classes is None else word_classes
        self._kb_roles = KnowledgeBase.load().token_roles() if kb_roles is None else kb_roles
        self._parts: dict[tuple[str, str], _Parts | khabar_native.CrfToken] = {}
        # token key -> the (type, B or I) of the lexicon phrases it occurs in (the lexicon's own
        # phrase index, read once; the lexicon is immutable)
        member: dict[str, set[str]] = {}
        for phrase, label in lexicon._phrases.items():
            for pos, k in enumerate(phrase):
                member.setdefault(k, set()).add(label + ("B" if pos == 0 else "I"))
        self._member = {k: tuple(sorted(v)) for k, v in member.items()}

    def encode(self, tokens: Sequence[str]) -> tuple[list, list[str]]:
        """The per-token parts of one sentence (tokens as written) and their lexicon tags: what
        :meth:`features` assembles, and with a model what ``CrfModel.tag`` scores."""
        lex_tags = self._lexicon.tag_tokens(tokens)
        cache = self._parts
        parts = []
        for item in zip(tokens, lex_tags):
            p = cache.get(item)
            if p is None:
                if len(cache) >= TOKEN_CACHE_MAX:
                    cache.clear()
                p = cache[item] = self._compute_parts(*item)
            parts.append(p)
        return parts, lex_tags

    def features(self, tokens: Sequence[str]) -> list[list[str]]:
        """The feature lists of one sentence (tokens as written). With a model, only the
        attributes it has weights for, assembled by the model (``CrfModel.items``)."""
        parts, lex_tags = self.encode(tokens)
        if self._model is not None:
            names = self._attributes
            return [[names[i] for i in ids] for ids in self._model.items(parts, lex_tags)]
        n = len(parts)
        keys = ["<s>", "<s>", "<s>", *(p[0] for p in parts), "</s>", "</s>", "</s>"]
        lexes = ["<s>", *lex_tags, "</s>"]
        out: list[list[str]] = []
        for i in range(n):
            feats = ["bias", *parts[i][1]]
            feats += parts[i - 2][2][0] if i > 1 else ("-2:edge",)
            feats += parts[i - 1][2][1] if i > 0 else ("-1:edge",)
            feats += parts[i + 1][2][2] if i + 1 < n else ("1:edge",)
            feats += parts[i + 2][2][3] if i + 2 < n else ("2:edge",)
            key = keys[i + 3]
            feats += (
                "w0w1=" + key + "|" + keys[i + 4],
                "w-1w0=" + keys[i + 2] + "|" + key,
                "-3:w=" + keys[i],
                "3:w=" + keys[i + 6],
                "lx=" + lexes[i] + "|" + lexes[i + 1] + "|" + lexes[i + 2],
            )
            out.append(feats)
        return out

    def _compute_parts(self, token: str, lex: str) -> _Parts | khabar_native.CrfToken:
        key, stems = self._lexicon._token_info(token)
        names = self._names
        own = [
            "w=" + key,
            "p1=" + key[:1], "p2=" + key[:2], "p3=" + key[:3],
            "s1=" + key[-1:], "s2=" + key[-2:], "s3=" + key[-3:],
            "shape=" + _shape(token),
            "lex=" + lex,
        ]
        if stems:
            own += ("stem=" + stems[-1].key, "stem1=" + stems[0].key, "stem_s2=" + stems[-1].key[-2:])
        member = self._member.get(key, ())
        if not member and stems:
            member = tuple("s" + m for m in self._member.get(stems[-1].key, ()))
        own += ["lt=" + m for m in member]
        given = key in names or any(s.key in names for s in stems)
        if given:
            own.append("gn")
        word_class = self.word_classes.get(key) or (self.word_classes.get(stems[-1].key) if stems else None) or "rare"
        own.append("wc=" + word_class)
        kb_roles = self._kb_roles.get(key) or (self._kb_roles.get(stems[-1].key, ()) if stems else ())
        own += ["kb=" + r for r in kb_roles]
        general = self._frequencies.features(key, [s.key for s in stems])
        own += general
        s2, p2 = key[-2:], key[:2]
        neighbour = [
            ["-2:w=" + key, "-2:lex=" + lex],
            ["-1:w=" + key, "-1:lex=" + lex, "-1:s2=" + s2, "-1:p2=" + p2],
            ["1:w=" + key, "1:lex=" + lex, "1:s2=" + s2, "1:p2=" + p2],
            ["2:w=" + key, "2:lex=" + lex],
        ]
        for m in member:
            neighbour[1].append("-1:lt=" + m)
            neighbour[2].append("1:lt=" + m)
        if given:
            neighbour[1].append("-1:gn")
            neighbour[2].append("1:gn")
        for r in kb_roles:
            neighbour[1].append("-1:kb=" + r)
            neighbour[2].append("1:kb=" + r)
        for g in general:
            neighbour[1].append("-1:" + g)
            neighbour[2].append("1:" + g)
        if stems:  # "للرئيس" before a name is "رئيس" before it
            neighbour[1].append("-1:stem=" + stems[-1].key)
            neighbour[2].append("1:stem=" + stems[-1].key)
        if self._model is not None:
            return self._model.token(key, own, neighbour)
        return key, tuple(own), tuple(tuple(x) for x in neighbour)


_CONJUNCTIONS = ("\u0648", "\u0641")  # و, ف

_TANWEEN = ("\u064b", "\u064c", "\u064d")  # fathatan, dammatan, kasratan


def _without_tanween_spans(tokens: Sequence[str], tags: list[str]) -> list[str]:
    """``tags`` with every span that has a word written with tanween set to ``O``: tanween marks
    an indefinite common word or an adverb (بحرياً "by sea", إلكترونياً "electronically"), never a
    name (in ANERcorp, 521 such tokens are outside names, 2 inside)."""
    if not any(mark in token for token in tokens for mark in _TANWEEN):
        return tags
    out = list(tags)
    for span in bio_spans(tags):
        if any(mark in token for token in tokens[span.start : span.end] for mark in _TANWEEN):
            out[span.start : span.end] = ["O"] * (span.end - span.start)
    return out


def _mostly_latin(tokens: Sequence[str]) -> bool:
    latin = arabic = 0
    for token in tokens:
        first = token[:1]
        if first.isascii():
            latin += first.isalpha()
        elif "\u0600" <= first <= "\u06ff":
            arabic += 1
    return latin > arabic


def sentence_features(tokens: Sequence[str], lexicon: LexiconTagger) -> list[list[str]]:
    """Feature strings of every token of one sentence (a one-off :class:`Featurizer`).

    Args:
        tokens: The tokens as written.
        lexicon: The lexicon tagger whose tags (and entries) are features.
    """
    return Featurizer(lexicon).features(tokens)


class CrfTagger:
    """BIO tagging with a trained CRF model plus the lexicon tagger's tags as features."""

    def __init__(
        self, model: Path, lexicon: LexiconTagger, word_classes: dict[str, str] | None = None, kb: KnowledgeBase | None = None
    ) -> None:
        self._model = khabar_native.CrfModel(Path(model).read_bytes())
        self._lexicon = lexicon
        self.model = model
        kb_roles = kb.token_roles() if kb is not None else None
        self._features = Featurizer(lexicon, model=self._model, word_classes=word_classes, kb_roles=kb_roles)

    @classmethod
    def load(cls, model: Path | None = None, lexicon: LexiconTagger | None = None, kb: KnowledgeBase | None = None) -> CrfTagger:
        """Load a model file (default: the shipped one) with the shipped word classes, the lexicon
        and the knowledge base (defaults: the shipped ones)."""
        if model is None:
            model = Path(str(resources.files("workers.entities").joinpath(*DEFAULT_MODEL)))
        return cls(model, lexicon or LexiconTagger.load(), kb=kb)

    @property
    def given_names(self) -> frozenset[str]:
        """``match_key`` of the common given names the features use (``load_given_names``)."""
        return self._features._names

    def tag_tokens(self, tokens: Sequence[str]) -> list[str]:
        """One ANERcorp BIO tag (``B-PERS``, ``I-LOC``, ``O``...) per token. A sentence with more
        Latin-script words than Arabic ones gets ``O`` throughout: the model has learnt Arabic
        news only, and on English it tags whole clauses as names (the knowledge base's matcher
        still finds the names it knows there, "Saudi Arabia", "OPEC+"). A span with a word written
        with tanween is not a name (``_without_tanween_spans``)."""
        if not tokens or _mostly_latin(tokens):
            return ["O"] * len(tokens)
        return _without_tanween_spans(tokens, self._model.tag(*self._features.encode(tokens)))

    def tag_document(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags of a document's sentences: each sentence tagged on its own, then every
        recurrence of a tagged name tagged too (``workers.entities.consistency``)."""
        tags = [self.tag_tokens(tokens) for tokens in sentences]
        keys = [[self._lexicon._token_info(t)[0] for t in tokens] for tokens in sentences]
        return propagate(keys, tags, self._features.word_classes)

    def find_mentions(self, text: str) -> list[Mention]:
        """Entity mentions in raw text, as character spans (``text[m.start:m.end] == m.text``).

        A mention whose first token carries a proclitic (``وبيروت``) starts after it when the
        lexicon knows the bare name; otherwise it covers the whole token, as ANERcorp does.
        """
        return self.find_mentions_in([text])[0]

    def find_mentions_in(self, texts: Sequence[str], tokenized: Sequence[list[Token]] | None = None) -> list[list[Mention]]:
        """``find_mentions`` of several texts of one document (an article's title, captions and
        paragraphs), with the names found in one text looked for in all (``tag_document``).
        ``tokenized``: the texts' ``tokenize`` results, if the caller has them already."""
        if tokenized is None:
            tokenized = [tokenize(text) for text in texts]
        words = [[t.text for t in tokens] for tokens in tokenized]
        return [
            self._mentions(text, tokens, sentence_words, tags)
            for text, tokens, sentence_words, tags in zip(texts, tokenized, words, self.tag_document(words))
        ]

    def _conjunction_before_given_name(self, token: str) -> int:
        """1 when a person's name starts with the conjunction و or ف glued to a common given name
        (``وداليا``, ``ومحمود``): the mention starts at the name, so that the person has the same
        id with or without the conjunction. 0 when the whole word is a given name or a word the
        training text saw in names (``وليد``, ``وسام``), or for any other clitic (``كريم`` is
        not ك + ``ريم``)."""
        if token[:1] not in _CONJUNCTIONS:
            return 0
        key, stems = self._lexicon._token_info(token)
        names = self._features._names
        if key in names or self._features.word_classes.get(key, "o") != "o":
            return 0
        return next((1 for s in stems if s.offset == 1 and not s.strips_article and s.key in names), 0)

    def _mentions(self, text: str, tokens: list, words: list[str], tags: list[str]) -> list[Mention]:
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
            offset = self._lexicon.clitic_offset(words[i], words[i + 1 : stop])
            if not offset and label == "PERS":
                offset = self._conjunction_before_given_name(words[i])
            start = tokens[i].start + offset
            end = tokens[stop - 1].end
            mentions.append(Mention(start, end, text[start:end], MENTION_TYPES[label]))
            i = stop
        return mentions
