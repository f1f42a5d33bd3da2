"""Stage ``link``: merge tagger and knowledge-base mentions, give each one canonical entity id.

Per text field, ``merge`` combines the statistical tagger's spans with the knowledge base's
matches: a KB match wins over a tagger span it overlaps (it is a known entity with a canonical id
and type), unless the tagger span contains it and more words (``جامعة القاهرة`` is an
organisation, not the city inside it; ``وبيونغ يانغ`` is only the city with a clitic). Tagger spans
that overlap nothing are kept. A match of a name that is also a common word (``KbMatch.ambiguous``:
``مالي`` in ``عجز مالي``, "a financial deficit") is kept only where a tagger span overlaps it.

``link`` then resolves every mention of an article, in reading order:

1. a KB match is its entity;
2. a tagged name whose transliteration key (``workers.entities.translit``) equals a KB name's of
   the same type is that entity (``ترمب`` -> Donald Trump, ``بيونغيانغ`` -> Pyongyang; a key of
   under three letters must match with its long vowels too: ``KnowledgeBase.by_translit``);
3. in-article coreference: a one-word person mention that is the last word of a person named
   in the article is that person (``لافروف`` after ``سيرغي لافروف``; the nearest person named
   before it, or else the first named after it: headlines name people by surname before the body
   introduces them); failing that, one that is the first word of exactly one person named in
   the article, when that word is not a common given name, is that person: East Asian names put the family name first (``كيم`` after
   ``كيم جونغ أون``, ``شي`` after ``شي جين بينغ``), while ``محمد`` alone names nobody in
   particular;
4. otherwise the entity is unknown and its id is derived from the type and the transliteration key
   (``<type>-<12 hex>``), so every worker gives the same spelling variants the same id without
   shared state.

Entities keep the order of their first mention. ``name`` is the KB's canonical Arabic name, or for
an unknown entity its most frequent surface form of several words if it has one (a full name
rather than a surname alone), else its most frequent form (the first one on ties).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import Protocol

from workers.entities.kb import Entity, KbMatch
from workers.entities.normalize import match_key
from workers.entities.tokenize import tokenize
from workers.entities.translit import translit_key

__all__ = ["FieldMention", "entity_id", "link", "merge", "resolve"]


class _Span(Protocol):
    start: int
    end: int
    text: str
    type: str


@dataclass(frozen=True)
class FieldMention:
    """A mention found in one text field of an article."""

    field: str
    index: int | None
    start: int
    end: int
    text: str
    type: str
    entity: Entity | None = None  # set when the knowledge base matched the mention


def entity_id(entity_type: str, name: str) -> str:
    """Deterministic id of an entity not in the knowledge base."""
    key = translit_key(name)
    return f"{entity_type.lower()}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:12]}"


def merge(tagged: list[_Span], matches: list[KbMatch]) -> list[tuple[int, int, str, str, Entity | None]]:
    """Mentions of one text: ``(start, end, text, type, entity or None)``, ordered by start."""
    out: list[tuple[int, int, str, str, Entity | None]] = []
    matches = [m for m in matches if not m.ambiguous or any(m.start < s.end and s.start < m.end for s in tagged)]
    dropped: set[int] = set()
    for span in tagged:
        inside = [m for m in matches if m.start < span.end and span.start < m.end]
        if inside and all(_more_words(span, m) for m in inside):
            dropped.update(id(m) for m in inside)  # the longer tagged name contains the KB names
            out.append((span.start, span.end, span.text, span.type, None))
        elif not inside:
            out.append((span.start, span.end, span.text, span.type, None))
    out.extend((m.start, m.end, m.text, m.entity.type, m.entity) for m in matches if id(m) not in dropped)
    out.sort(key=lambda x: (x[0], x[1]))
    return out


def _more_words(span: _Span, match: KbMatch) -> bool:
    """Whether the tagged span contains the KB match and more words (not just a clitic)."""
    if not (span.start <= match.start and match.end <= span.end):
        return False
    before = span.text[: match.start - span.start]
    after = span.text[match.end - span.start :]
    return any(ch.isspace() for ch in before) or any(ch.isspace() for ch in after)


def resolve(fields: list[tuple[str, int | None, str]], tagger, kb=None) -> list[dict]:
    """The entities of an article's text fields: tag, match the KB, merge, link.

    Args:
        fields: ``(field, index, text)`` in reading order (``ArticleDraft.fields()``).
        tagger: Anything with ``find_mentions(text)``; ``find_mentions_in(texts, tokenized)`` is
            used when it has it (``workers.entities.crf.CrfTagger``: a name tagged in one field is
            tagged wherever it recurs in the article). Each text is tokenised once, for the tagger
            and the knowledge base.
        kb: A ``workers.entities.kb.KnowledgeBase``, or ``None``.
    """
    texts = [text for _name, _index, text in fields]
    tokenized = [tokenize(text) for text in texts]  # once, for the tagger and the KB matcher
    given_names = getattr(tagger, "given_names", frozenset())
    if hasattr(tagger, "find_mentions_in"):  # names found in one field are looked for in all
        tagged = tagger.find_mentions_in(texts, tokenized)
    else:
        tagged = [tagger.find_mentions(text) for text in texts]
    mentions = [
        FieldMention(name, index, start, end, mention, kind, entity)
        for (name, index, text), tokens, spans in zip(fields, tokenized, tagged)
        for start, end, mention, kind, entity in merge(spans, kb.find(text, tokens) if kb is not None else [])
    ]
    return link(mentions, kb, given_names)


def link(mentions: list[FieldMention], kb=None, given_names: frozenset[str] = frozenset()) -> list[dict]:
    """Group an article's mentions into entities (the ``entities`` of the enriched article).

    Args:
        mentions: Mentions in reading order.
        kb: A ``workers.entities.kb.KnowledgeBase`` for transliteration look-ups, or ``None``.
        given_names: ``match_key`` of common given names (``workers.entities.crf.load_given_names``):
            such a first word alone does not corefer.

    Returns:
        Entities in order of first mention, each with ``id``, ``type``, ``name``, ``name_en``,
        ``kb`` (whether the id is a knowledge-base id), ``count`` and ``mentions``.
    """
    known: dict[str, Entity] = {}
    ids: list[str | None] = []  # None: a one-word person mention, resolved once all persons are known
    people: list[tuple[int, str, str, str]] = []  # (position, first and last word's translit keys, id) of multi-word persons
    for position, m in enumerate(mentions):
        entity = m.entity or (kb.by_translit(m.text, m.type) if kb is not None else None)
        words = m.text.split()
        if entity is not None:
            eid = entity.id
            known[eid] = entity
        elif m.type == "PER" and len(words) == 1:
            eid = None
        else:
            eid = entity_id(m.type, m.text)
        if eid is not None and m.type == "PER" and len(words) > 1:
            people.append((position, translit_key(words[0]), translit_key(words[-1]), eid))
        ids.append(eid)
    grouped: dict[str, list[FieldMention]] = {}
    for position, (m, eid) in enumerate(zip(mentions, ids)):
        if eid is None:
            eid = _coreferent(position, m, people, given_names) or entity_id(m.type, m.text)
        grouped.setdefault(eid, []).append(m)
    entities = []
    for eid, group in grouped.items():
        entity = known.get(eid)
        if entity is not None:
            name, entity_type, name_en = entity.ar, entity.type, entity.en
        else:
            # the most frequent form, a full name before a surname alone (first on ties)
            forms = Counter(m.text for m in group)
            rank = {text: (" " in text.strip(), count) for text, count in forms.items()}
            best = max(rank.values())
            name, entity_type, name_en = next(m.text for m in group if rank[m.text] == best), group[0].type, None
        entities.append(
            {
                "id": eid,
                "type": entity_type,
                "name": name,
                "name_en": name_en,
                "kb": entity is not None,
                "count": len(group),
                "mentions": [
                    {"text": m.text, "field": m.field, "index": m.index, "start": m.start, "end": m.end} for m in group
                ],
            }
        )
    return entities


def _coreferent(
    position: int, mention: FieldMention, people: list[tuple[int, str, str, str]], given_names: frozenset[str]
) -> str | None:
    """Id of the person whose last word this one-word person mention is (the nearest one named
    before it, else the first one named after it: a headline names people by surname before the
    body introduces them), or else whose first word it is (one such person in the article, and
    not a common given name)."""
    key = translit_key(mention.text)
    if not key:
        return None
    before = [eid for at, _first, last_word, eid in people if at < position and last_word == key]
    if before:
        return before[-1]
    after = [eid for at, _first, last_word, eid in people if at > position and last_word == key]
    if after:
        return after[0]
    if match_key(mention.text) in given_names:
        return None
    family = {eid for _at, first_word, _last, eid in people if first_word == key}
    return family.pop() if len(family) == 1 else None
