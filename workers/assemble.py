"""Stage ``assemble``: the published events, with deterministic ids.

``event_id`` depends only on the pipeline version, the article id and the digest of the page
content, so replaying the same input yields the same ids; wall-clock time is never part of an
event (Kafka's record timestamp carries time).
"""

from __future__ import annotations

import hashlib

from workers.model import ArticleDraft, RawPage


def _hex32(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


def article_event(
    page: RawPage, draft: ArticleDraft, index: int, count: int, lang: str, entities: list[dict], version: str
) -> dict:
    """The enriched-article event (schemas/enriched-article.v1.json)."""
    article_id = f"{page.page_id}:{index}"
    return {
        "schema_version": 1,
        "event_id": _hex32("article", version, article_id, page.content_digest),
        "article_id": article_id,
        "page_id": page.page_id,
        "article_index": index,
        "article_count": count,
        "source": page.source,
        "url": page.url,
        "lang": lang,
        "scraped_at": page.scraped_at,
        "content_digest": page.content_digest,
        "title": draft.title,
        "subtitle": draft.subtitle,
        "captions": list(draft.captions),
        "paragraphs": list(draft.paragraphs),
        "removed": [
            {"text": r.text, "reason": r.reason, "block": r.block, "kept_block": r.kept_block} for r in draft.removed
        ],
        "entities": entities,
        "pipeline_version": version,
    }


def mention_events(article: dict) -> list[dict]:
    """One entity-mention event (schemas/entity-mention.v1.json) per entity of an article."""
    return [
        {
            "schema_version": 1,
            "event_id": _hex32("mention", article["event_id"], entity["id"]),
            "entity_id": entity["id"],
            "entity_type": entity["type"],
            "name": entity["name"],
            "name_en": entity["name_en"],
            "kb": entity["kb"],
            "count": entity["count"],
            "mentions": entity["mentions"],
            "article_id": article["article_id"],
            "article_event_id": article["event_id"],
            "page_id": article["page_id"],
            "source": article["source"],
            "url": article["url"],
            "pipeline_version": article["pipeline_version"],
        }
        for entity in article["entities"]
    ]
