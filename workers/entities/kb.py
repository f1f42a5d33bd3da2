"""The knowledge base of canonical entities, and the matcher that finds them in text.

Data: ``workers/entities/data/kb/*.jsonl``, one entity per line::

    {"id": "Q423", "type": "LOC", "ar": "...", "en": "North Korea", "aliases": ["...", ...]}

(see ``workers/entities/data/kb/README.md``). Ids are Wikidata QIDs where they are certain,
otherwise stable slugs such as ``loc:pyongyang``.

Matching (``KnowledgeBase.find``): every name and alias is tokenised and keyed with
``match_key`` token by token; one Aho-Corasick automaton over those phrase keys scans the text's
token keys. A match must end at a token boundary and start either at a token boundary or after a
proclitic (``و ف`` + ``ب ل ك``) glued to its first token, so ``وبيونغ يانغ`` and ``لكوريا الشمالية``
are found without the clitic; li + al written ``لل`` (``للعراق``) is found too. At each position
the longest phrase wins, and matches do not overlap.

A few names are also common words (``مالي`` is Mali and "financial", ``حماس`` Hamas and
"enthusiasm"): ``data/kb/ambiguous.txt`` lists them, and their matches
carry ``ambiguous=True``; ``workers.entities.link.merge`` keeps such a match only where the tagger
tagged a name over it too.

Linking (``KnowledgeBase.by_translit``): a name that the tagger found but that no alias matched
exactly is looked up by its transliteration-insensitive key (``workers.entities.translit``).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import ahocorasick
import orjson

from workers.entities.clitics import PROCLITICS
from workers.entities.normalize import match_key
from workers.entities.tokenize import Token, tokenize
from workers.entities.translit import translit_key

__all__ = ["Entity", "KbMatch", "KnowledgeBase"]

_LAM, _ALEF = "\u0644", "\u0627"
_CLITICS = frozenset(PROCLITICS)
_ARTICLE = _ALEF + _LAM
MIN_STEM_CHARS = 3  # a clitic is only split off when at least this much of the token remains
TRANSLIT_MIN_LETTERS = 3  # a shorter transliteration key links only with its long vowels matching too


@dataclass(frozen=True)
class Entity:
    """One canonical entity of the knowledge base."""

    id: str
    type: str  # PER, ORG, LOC, MISC
    ar: str
    en: str | None
    aliases: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.ar, *((self.en,) if self.en else ()), *self.aliases)


@dataclass(frozen=True)
class KbMatch:
    """A knowledge-base entity found in a text: ``text[start:end] == self.text``."""

    start: int
    end: int
    text: str
    entity: Entity
    ambiguous: bool = False  # the name is also a common word (``data/kb/ambiguous.txt``)


AMBIGUOUS_FILE = "ambiguous.txt"
"""Names of the knowledge base that are also common words, in the KB folder (``#`` lines are comments)."""


class KnowledgeBase:
    """Entities by id, an Aho-Corasick automaton over their names, and a transliteration index."""

    def __init__(self, entities: list[Entity], ambiguous: frozenset[str] = frozenset()) -> None:
        """``ambiguous``: names (any spelling; compared by their token keys) that are also common
        words; their matches are flagged ``ambiguous``."""
        self.entities = {e.id: e for e in entities}
        ambiguous_keys = {" ".join(match_key(t.text) for t in tokenize(name)) for name in ambiguous}
        if len(self.entities) != len(entities):
            raise ValueError("duplicate entity ids in the knowledge base")
        self._automaton = ahocorasick.Automaton()
        self._translit: dict[tuple[str, str], Entity | None] = {}
        phrases: dict[str, Entity] = {}
        for entity in entities:
            for name in entity.names:
                key = " ".join(match_key(t.text) for t in tokenize(name))
                if key:
                    phrases.setdefault(key, entity)
                tkey = translit_key(name)
                if tkey:
                    seen = self._translit.get((entity.type, tkey), entity)
                    self._translit[(entity.type, tkey)] = entity if seen is entity else None  # ambiguous: no link
        for key, entity in phrases.items():
            # value: (entity, phrase length in chars, needs a lam before it: li + al written "ll",
            # the name is also a common word)
            common = key in ambiguous_keys
            self._automaton.add_word(key + " ", (entity, len(key), False, common))
            if key.startswith(_ARTICLE) and len(key) > len(_ARTICLE) + 1:
                self._automaton.add_word(key[1:] + " ", (entity, len(key) - 1, True, common))
        if phrases:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self.entities)

    def token_roles(self) -> dict[str, tuple[str, ...]]:
        """Every token key of a name or alias -> the roles it has in them, sorted: the entity type
        and ``B`` for a first token or ``I`` for a later one (``LOC:B``). A feature of the CRF."""
        roles: dict[str, set[str]] = {}
        for entity in self.entities.values():
            for name in entity.names:
                for position, token in enumerate(tokenize(name)):
                    key = match_key(token.text)
                    if key:
                        roles.setdefault(key, set()).add(f"{entity.type}:{'B' if position == 0 else 'I'}")
        return {key: tuple(sorted(value)) for key, value in roles.items()}

    @classmethod
    def load(cls, folder: Path | None = None) -> KnowledgeBase:
        """Read every ``*.jsonl`` of ``folder`` (default: the shipped ``data/kb``) and its
        ``ambiguous.txt``, if there is one."""
        if folder is None:
            folder = Path(str(resources.files("workers.entities").joinpath("data", "kb")))
        entities = []
        for path in sorted(folder.glob("*.jsonl")):
            for number, line in enumerate(path.read_bytes().splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    record = orjson.loads(line)
                    entities.append(
                        Entity(record["id"], record["type"], record["ar"], record.get("en"), tuple(record.get("aliases", ())))
                    )
                except (orjson.JSONDecodeError, KeyError, TypeError) as exc:
                    raise ValueError(f"{path.name}:{number}: bad knowledge-base record ({exc})") from None
        ambiguous_path = folder / AMBIGUOUS_FILE
        ambiguous = frozenset()
        if ambiguous_path.exists():
            lines = ambiguous_path.read_text(encoding="utf-8").splitlines()
            ambiguous = frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))
        return cls(entities, ambiguous)

    def by_translit(self, name: str, entity_type: str) -> Entity | None:
        """The entity of this type whose name has the same transliteration key, if exactly one.
        A key of fewer than ``TRANSLIT_MIN_LETTERS`` letters says too little (فيتو, the Egyptian
        paper, and فيات, Fiat, are both ``فت``; قم, Qom, and غوام, Guam, both ``كم``): such a name
        must also match one of the entity's names with its long vowels kept."""
        key = translit_key(name)
        entity = self._translit.get((entity_type, key))
        if entity is None or len(key) >= TRANSLIT_MIN_LETTERS:
            return entity
        strict = translit_key(name, keep_long_vowels=True)
        return entity if any(translit_key(n, keep_long_vowels=True) == strict for n in entity.names) else None

    def find(self, text: str, tokens: list[Token] | None = None) -> list[KbMatch]:
        """Knowledge-base entities named in ``text``, in order, non-overlapping, longest first
        (``tokens``: ``tokenize(text)``, if the caller has it already)."""
        if not len(self._automaton):
            return []
        if tokens is None:
            tokens = tokenize(text)
        keys = [match_key(t.text) for t in tokens]
        haystack = " ".join(keys) + " "
        token_at: list[int] = []  # char offset in haystack -> token index
        for i, key in enumerate(keys):
            token_at.extend([i] * (len(key) + 1))
        candidates = []  # (first token, -last token, clitic letters, entity, ambiguous)
        for end, (entity, length, needs_lam, common) in self._automaton.iter(haystack):
            start = end - length  # first char of the phrase key (``end`` is the trailing space)
            first = token_at[start]
            token_start = _token_start(first, token_at, start)
            prefix = keys[first][: start - token_start]
            if prefix or needs_lam:
                if needs_lam and not prefix.endswith(_LAM):
                    continue
                if prefix and (prefix not in _CLITICS or len(keys[first]) - len(prefix) < MIN_STEM_CHARS):
                    continue
            last = token_at[end - 1]
            # li + al: the mention starts after the article's lam too (its alef is not written).
            candidates.append((first, -last, len(prefix) + needs_lam, entity, common))
        return _choose(candidates, tokens, text)


def _token_start(first: int, token_at: list[int], start: int) -> int:
    """Offset in the haystack where token ``first`` begins."""
    position = start
    while position > 0 and token_at[position - 1] == first:
        position -= 1
    return position


def _choose(candidates: list, tokens: list[Token], text: str) -> list[KbMatch]:
    """Leftmost, then longest, non-overlapping matches; a whole-token match beats a clitic split."""
    out: list[KbMatch] = []
    taken = -1
    for first, neg_last, prefix_len, entity, common in sorted(candidates, key=lambda c: (c[0], c[1], c[2])):
        if first <= taken:
            continue
        last = -neg_last
        start = tokens[first].start + _original_offset(tokens[first].text, prefix_len)
        end = tokens[last].end
        out.append(KbMatch(start, end, text[start:end], entity, common))
        taken = last
    return out


def _original_offset(token: str, letters: int) -> int:
    """Characters of ``token`` that hold its first ``letters`` key letters (marks are skipped)."""
    position = 0
    while letters > 0 and position < len(token):
        if match_key(token[position]):
            letters -= 1
        position += 1
    while position < len(token) and not match_key(token[position]):
        position += 1  # marks of the last clitic letter
    return position
