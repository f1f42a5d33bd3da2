"""Stage ``link``: give every mention a canonical entity id and group mentions into entities.

v0: the id is derived from the entity type and the spelling-insensitive key of the name
(``workers.text.block_key`` without spaces), so two workers agree on ids without shared state and
spacing or hamza variants of a name share an id. A knowledge base and transliteration-insensitive
keys come later; the id format (``<type>-<12 hex>``) stays.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

from workers.text import block_key


@dataclass(frozen=True)
class FieldMention:
    """A mention found in one text field of an article."""

    field: str
    index: int | None
    start: int
    end: int
    text: str
    type: str


def entity_id(entity_type: str, name: str) -> str:
    """Deterministic id of an entity not in any knowledge base."""
    key = block_key(name).replace(" ", "")
    return f"{entity_type.lower()}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:12]}"


def link(mentions: list[FieldMention]) -> list[dict]:
    """Group mentions into entities (the ``entities`` of schemas/enriched-article.v1.json).

    Args:
        mentions: Mentions in reading order.

    Returns:
        Entities in order of first mention; ``name`` is the most frequent surface form (the
        first one on ties).
    """
    grouped: dict[str, list[FieldMention]] = {}
    for m in mentions:
        grouped.setdefault(entity_id(m.type, m.text), []).append(m)
    entities = []
    for eid, group in grouped.items():
        forms = Counter(m.text for m in group)
        best = max(forms.values())
        name = next(m.text for m in group if forms[m.text] == best)
        entities.append(
            {
                "id": eid,
                "type": group[0].type,
                "name": name,
                "count": len(group),
                "mentions": [
                    {"text": m.text, "field": m.field, "index": m.index, "start": m.start, "end": m.end} for m in group
                ],
            }
        )
    return entities
