"""Every khabar topic, declared once from the settings.

Values and keys are raw bytes: khabar decodes and validates values itself (a value that fails
faust's own decoding would kill the agent) and publishes plain JSON without faust metadata.
"""

from __future__ import annotations

from dataclasses import dataclass

import faust

from workers.settings import Settings


@dataclass(frozen=True)
class Topics:
    raw_pages_topic: faust.TopicT
    enriched_articles_topic: faust.TopicT
    entity_mentions_topic: faust.TopicT
    dead_letters_topic: faust.TopicT

    def for_kind(self, kind: str) -> faust.TopicT:
        """Output topic of a pipeline record kind (article, mention, dead_letter)."""
        return {
            "article": self.enriched_articles_topic,
            "mention": self.entity_mentions_topic,
            "dead_letter": self.dead_letters_topic,
        }[kind]


def declare_topics(app: faust.App, settings: Settings) -> Topics:
    def topic(name: str) -> faust.TopicT:
        return app.topic(
            name, key_serializer="raw", value_serializer="raw", partitions=settings.topic_partitions
        )

    return Topics(
        raw_pages_topic=topic(settings.topic_raw_pages),
        enriched_articles_topic=topic(settings.topic_enriched_articles),
        entity_mentions_topic=topic(settings.topic_entity_mentions),
        dead_letters_topic=topic(settings.topic_dead_letters),
    )
