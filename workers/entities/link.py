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
   the same type is that entity (``ترمب`` -> Donald Trump, ``بيونغيانغ`` -> Pyongyang);
3. in-article coreference: a one-word person mention that is the last word of a person named
   earlier in the article is that person (``لافروف`` after ``سيرغي لافروف``);
4. otherwise the entity is unknown and its id is derived from the type and the transliteration key
   (``<type>-<12 hex>``), so every worker gives the same spelling variants the same id without
   shared state.

Entities keep the order of their first mention. ``name`` is the KB's canonical Arabic name, or for
an unknown entity its most frequent surface form (the first one on ties).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import Protocol

from workers.entities.kb import Entity, KbMatch
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
        tagger: Anything with ``find_mentions(text)``; ``find_mentions_in(texts)`` is used when it
            has it (``workers.entities.crf.CrfTagger``: a name tagged in one field is tagged
            wherever it recurs in the article).
        kb: A ``workers.entities.kb.KnowledgeBase``, or ``None``.
    """
    texts = [text for _name, _index, text in fields]
    if hasattr(tagger, "find_mentions_in"):  # names found in one field are looked for in all
        tagged = tagger.find_mentions_in(texts)
    else:
        tagged = [tagger.find_mentions(text) for text in texts]
    mentions = [
        FieldMention(name, index, start, end, mention, kind, entity)
        for (name, index, text), spans in zip(fields, tagged)
        for start, end, mention, kind, entity in merge(spans, kb.find(text) if kb is not None else [])
    ]
    return link(mentions, kb)


def link(mentions: list[FieldMention], kb=None) -> list[dict]:
    """Group an article's mentions into entities (the ``entities`` of the enriched article).

    Args:
        mentions: Mentions in reading order.
        kb: A ``workers.entities.kb.KnowledgeBase`` for transliteration look-ups, or ``None``.

    Returns:
        Entities in order of first mention, each with ``id``, ``type``, ``name``, ``name_en``,
        ``kb`` (whether the id is a knowledge-base id), ``count`` and ``mentions``.
    """
    grouped: dict[str, list[FieldMention]] = {}
    known: dict[str, Entity] = {}
    people: list[tuple[str, str]] = []  # (last word's translit key, entity id) of multi-word persons
    for m in mentions:
        entity = m.entity or (kb.by_translit(m.text, m.type) if kb is not None else None)
        if entity is not None:
            eid = entity.id
            known[eid] = entity
        else:
            eid = _coreferent(m, people) or entity_id(m.type, m.text)
        if m.type == "PER" and len(m.text.split()) > 1:
            people.append((translit_key(m.text.split()[-1]), eid))
        grouped.setdefault(eid, []).append(m)
    entities = []
    for eid, group in grouped.items():
        entity = known.get(eid)
        if entity is not None:
            name, entity_type, name_en = entity.ar, entity.type, entity.en
        else:
            forms = Counter(m.text for m in group)
            best = max(forms.values())
            name, entity_type, name_en = next(m.text for m in group if forms[m.text] == best), group[0].type, None
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


def _coreferent(mention: FieldMention, people: list[tuple[str, str]]) -> str | None:
    """Id of the person named earlier whose last word this one-word person mention is."""
    if mention.type != "PER" or len(mention.text.split()) != 1:
        return None
    key = translit_key(mention.text)
    for last_word, eid in reversed(people):
        if key and key == last_word:
            return eid
    return None
