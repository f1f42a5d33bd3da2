"""The v0 named-entity tagger: greedy longest match against a phrase lexicon.

What this stage decides: which token spans are entity mentions and of which type. It is a
deliberately simple baseline with a stable interface (``LexiconTagger.load``, ``tag_tokens``,
``find_mentions``) that a later CRF + knowledge-base tagger replaces.

How it decides, and why:

* Tokens are compared by :func:`~workers.entities.normalize.match_key`, the same function that made
  the lexicon keys, so spelling variants (diacritics, tatweel, hamza on alef, final yeh/alef maqsura,
  teh marbuta/heh) match.
* Left to right, at each token the *longest* lexicon phrase that starts there wins and the scan
  resumes after it (greedy longest match). Longer phrases are more specific ("United States" over
  "United"), and greedy matching guarantees non-overlapping output in one linear pass.
* Only if the token itself starts no phrase, the token's proclitic-stripped stems
  (:func:`~workers.entities.clitics.candidate_stems`, least stripped first) are tried as the first
  token of a phrase; the first stem that starts a phrase is used, again with its longest phrase.
  Stripping is a fallback because a token that is itself a known name must not be cut up. Only the
  first token of a phrase is stripped (a clitic attaches to the front of the whole name).
* ANERcorp annotates tokens with their clitics, so the lexicon also holds forms such as
  ``وفرنسا``. For ``find_mentions`` the start of a match moves past the clitics as long as the
  stripped phrase is still in the lexicon *with the same type* (see ``_bare_offset``); the type
  check keeps a name that merely starts with a clitic letter whole.
* ``tag_tokens`` tags whole tokens, clitics included, as ANERcorp does (``وبريطانيا`` is
  ``B-LOC``). ``find_mentions`` reports character spans and skips the clitic, so the mention text
  is the bare name (``وبيروت`` gives the mention ``بيروت``; for li + al written ``لل`` the article's
  alef is not in the text, so the mention is the name without the article).
* No context is used at all. The lexicon builder already dropped phrases that are usually ordinary
  words; what remains is tagged wherever it occurs. That is the main limit of v0.

The tagger holds only its own lexicon index and a bounded per-instance cache of per-token work
(matching key and candidate stems, see ``_token_info``; no module-level caches). Its results never
change after construction and it is safe to share between threads (the cache is a plain dict whose
single-key updates are atomic; at worst two threads compute the same entry).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from workers.entities.clitics import Stem, candidate_stems
from workers.entities.lexicon import LexiconEntry, read_lexicon
from workers.entities.normalize import match_key
from workers.entities.tokenize import tokenize

__all__ = ["DEFAULT_LEXICON", "LexiconTagger", "Mention", "MentionType", "MENTION_TYPES"]

TOKEN_CACHE_MAX = 200_000
"""Per-instance cache of per-token work: emptied when it would grow beyond this many tokens."""

DEFAULT_LEXICON = ("data", "lexicon-v0.tsv")
"""The shipped lexicon: path parts relative to the ``workers.entities`` package."""

MentionType = Literal["PER", "ORG", "LOC", "MISC"]

MENTION_TYPES: dict[str, MentionType] = {"PERS": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
"""ANERcorp entity label -> mention type."""


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention in a text.

    Attributes:
        start: Offset of the mention's first character (after any stripped clitic).
        end: Offset just past its last character; ``text[start:end] == mention.text``.
        text: The mention as written in the text.
        type: ``"PER"``, ``"ORG"``, ``"LOC"`` or ``"MISC"``.
    """

    start: int
    end: int
    text: str
    type: MentionType


@dataclass(frozen=True, slots=True)
class _Match:
    first: int  # index of the first token
    stop: int  # index just past the last token
    offset: int  # characters of clitics stripped from the first token
    label: str  # ANERcorp label, e.g. "PERS"


class LexiconTagger:
    """Greedy longest-match tagger over a phrase lexicon (see the module docstring)."""

    def __init__(self, entries: Iterable[LexiconEntry]) -> None:
        """Index ``entries``.

        Args:
            entries: Lexicon entries; their keys are space-joined token keys. If a key occurs
                twice, the last entry wins.
        """
        self._phrases: dict[tuple[str, ...], str] = {}
        for entry in entries:
            self._phrases[tuple(entry.key.split(" "))] = entry.type
        lengths: dict[str, set[int]] = {}
        for phrase in self._phrases:
            lengths.setdefault(phrase[0], set()).add(len(phrase))
        # first token key -> the phrase lengths starting with it, longest first
        self._lengths = {first: tuple(sorted(ns, reverse=True)) for first, ns in lengths.items()}
        # token as written -> (match_key, candidate stems); bounded, see _token_info
        self._token_cache: dict[str, tuple[str, tuple[Stem, ...]]] = {}

    @classmethod
    def load(cls, path: Path | None = None) -> LexiconTagger:
        """Build a tagger from a lexicon file.

        Args:
            path: A lexicon TSV (format: :mod:`workers.entities.lexicon`). ``None`` loads the
                lexicon shipped with the package (``workers/entities/data/lexicon-v0.tsv``).

        Returns:
            A new tagger. Each call reads the file again; keep the instance rather than reloading.

        Raises:
            OSError: If the file cannot be read.
            ValueError: If the file is not a valid lexicon.
        """
        if path is None:
            resource = resources.files("workers.entities")
            for part in DEFAULT_LEXICON:
                resource = resource.joinpath(part)
            with resource.open("r", encoding="utf-8") as f:
                return cls(read_lexicon(f))
        with Path(path).open(encoding="utf-8") as f:
            return cls(read_lexicon(f))

    def __len__(self) -> int:
        """Number of phrases in the lexicon."""
        return len(self._phrases)

    def tag_tokens(self, tokens: Sequence[str]) -> list[str]:
        """Tag a tokenised sentence with BIO tags.

        Args:
            tokens: The tokens (e.g. one sentence of a CoNLL file). Tokens are matched whole, so
                they should not contain spaces.

        Returns:
            One tag per token: ``O``, ``B-TYPE`` or ``I-TYPE`` with ANERcorp types
            (``PERS``, ``LOC``, ``ORG``, ``MISC``). A token with a stripped clitic is still tagged
            as a whole.
        """
        tags = ["O"] * len(tokens)
        for m in self._matches(tokens):
            tags[m.first] = "B-" + m.label
            for i in range(m.first + 1, m.stop):
                tags[i] = "I-" + m.label
        return tags

    def find_mentions(self, text: str) -> list[Mention]:
        """Find entity mentions in raw text.

        The text is tokenised with :func:`workers.entities.tokenize.tokenize` and matched like
        :meth:`tag_tokens`. A mention whose first token had a clitic stripped starts after the
        clitic.

        Args:
            text: Any text.

        Returns:
            Mentions sorted by ``start``, non-overlapping, each with
            ``text[m.start:m.end] == m.text``.
        """
        tokens = tokenize(text)
        mentions = []
        for m in self._matches([t.text for t in tokens], offsets=True):
            start = tokens[m.first].start + m.offset
            end = tokens[m.stop - 1].end
            mentions.append(Mention(start, end, text[start:end], MENTION_TYPES[m.label]))
        return mentions

    def _matches(self, tokens: Sequence[str], *, offsets: bool = False) -> list[_Match]:
        """Greedy left-to-right longest matches over ``tokens``.

        With ``offsets``, each match's clitic offset is refined by :meth:`_bare_offset`.
        """
        infos = [self._token_info(t) for t in tokens]
        keys = [info[0] for info in infos]
        out: list[_Match] = []
        i = 0
        while i < len(keys):
            offset = 0
            found = self._longest(keys, i, keys[i])
            if found is None:
                for stem in infos[i][1]:
                    found = self._longest(keys, i, stem.key)
                    if found is not None:
                        offset = stem.offset
                        break
            if found is None:
                i += 1
                continue
            stop, label = found
            if offsets:
                offset = self._bare_offset(tokens[i], keys, i, stop, label, offset)
            out.append(_Match(i, stop, offset, label))
            i = stop
        return out

    def clitic_offset(self, token: str, rest: Sequence[str] = ()) -> int:
        """Characters of proclitics to skip at the start of ``token`` when the phrase ``token``
        + ``rest`` is tagged by someone else (the CRF): the largest stem offset at which the
        stripped phrase is a lexicon phrase, not counting stems that drop the definite article;
        0 when the lexicon knows no such bare form."""
        keys = tuple(self._token_info(t)[0] for t in rest)
        offset = 0
        for stem in self._token_info(token)[1]:
            if stem.offset > offset and not stem.strips_article and (stem.key, *keys) in self._phrases:
                offset = stem.offset
        return offset

    def _bare_offset(self, token: str, keys: Sequence[str], i: int, stop: int, label: str, offset: int) -> int:
        """Where the bare name starts in ``token``, the first token of the match ``keys[i:stop]``.

        ANERcorp annotates tokens with their clitics, so the lexicon holds forms such as ``وفرنسا``
        or ``بالعراق`` and a match (as written, or after stripping fewer clitics than there are)
        can still include a clitic. The result is the largest stem offset at which the stripped
        phrase is also in the lexicon *with the same type*, not counting stems that drop the
        definite article (the article is often part of a name). The type check keeps a name that
        merely starts with a clitic letter whole (``بكين`` is not ``ب`` + a person ``كين``).
        """
        rest = tuple(keys[i + 1 : stop])
        for stem in self._token_info(token)[1]:
            if stem.offset > offset and not stem.strips_article and self._phrases.get((stem.key, *rest)) == label:
                offset = stem.offset
        return offset

    def _token_info(self, token: str) -> tuple[str, tuple[Stem, ...]]:
        """``(match_key(token), tuple(candidate_stems(token)))``, cached on the instance.

        The cache is bounded: it is emptied when it holds :data:`TOKEN_CACHE_MAX` tokens. Also
        used by :class:`workers.entities.crf.CrfTagger`, which needs the same per-token facts.
        """
        info = self._token_cache.get(token)
        if info is None:
            if len(self._token_cache) >= TOKEN_CACHE_MAX:
                self._token_cache.clear()
            info = self._token_cache[token] = (match_key(token), tuple(candidate_stems(token)))
        return info

    def _longest(self, keys: Sequence[str], i: int, first: str) -> tuple[int, str] | None:
        """Longest phrase starting at token ``i`` whose first key is ``first``: (stop, label)."""
        for n in self._lengths.get(first, ()):
            if i + n > len(keys):
                continue
            label = self._phrases.get((first, *keys[i + 1 : i + n]))
            if label is not None:
                return i + n, label
        return None
