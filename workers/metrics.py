"""khabar's Prometheus metrics, declared once.

Names follow Prometheus conventions: ``khabar_`` prefix, base units (seconds), ``_total`` on
counters (prometheus_client appends it), and labels with bounded values only (reason codes,
entity types, stage names). The worker registers them on the registry that faust's sensor serves
at ``/metrics``; tests build them on a fresh registry. Every metric is listed in docs/metrics.md.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from workers.cleaning.segment import REMOVAL_REASONS
from workers.errors import Reason
from workers.pipeline import STAGES, Outcome

ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC")
TABLES = ("page_counts_by_source", "templates_by_source")
STAGE_BUCKETS = (0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
END_TO_END_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0)


class KhabarMetrics:
    """The metrics of one worker process."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.pages_consumed = Counter(
            "khabar_pages_consumed", "Raw page records consumed (valid or not).", registry=registry
        )
        self.articles_published = Counter(
            "khabar_articles_published", "Enriched-article events published.", registry=registry
        )
        self.entity_mentions_published = Counter(
            "khabar_entity_mentions_published", "Entity-mention events published.", registry=registry
        )
        self.dead_letters = Counter(
            "khabar_dead_letters", "Records sent to the dead-letter topic, by reason code.", ["reason"], registry=registry
        )
        self.blocks_removed = Counter(
            "khabar_blocks_removed", "Blocks removed from pages, by reason code.", ["reason"], registry=registry
        )
        self.entities = Counter("khabar_entities", "Entities found in articles, by type.", ["type"], registry=registry)
        self.entity_mentions = Counter(
            "khabar_entity_mentions",
            "Entity mentions in published articles, by whether they link to the knowledge base (kb) or not (none).",
            ["linked"], registry=registry,
        )
        self.stage_seconds = Histogram(
            "khabar_stage_seconds", "Seconds spent per page in each pipeline stage.", ["stage"],
            buckets=STAGE_BUCKETS, registry=registry,
        )
        self.articles_per_page = Histogram(
            "khabar_articles_per_page", "Articles cut from each valid page.", buckets=(0, 1, 2, 3, 4, 6, 8, 12),
            registry=registry,
        )
        self.pages_without_body = Counter(
            "khabar_pages_without_body",
            "Pages where no body text was found (quality alarm): all blocks removed, or articles without paragraphs.",
            registry=registry,
        )
        self.table_keys = Gauge("khabar_table_keys", "Keys held in a worker table.", ["table"], registry=registry)
        self.end_to_end_seconds = Histogram(
            "khabar_end_to_end_seconds",
            "Seconds from a raw record's Kafka timestamp (produce time) to the worker publishing its events.",
            buckets=END_TO_END_BUCKETS, registry=registry,
        )
        self.last_progress = Gauge(
            "khabar_last_progress_timestamp_seconds",
            "Unix time at which this worker last finished processing a raw record.", registry=registry,
        )
        self.consumer_lag = Gauge(
            "khabar_consumer_lag",
            "Records of the raw-pages topic not yet committed, per partition this worker owns (end offset - committed offset).",
            ["partition"], registry=registry,
        )
        self.rebalances = Counter(
            "khabar_rebalances", "Consumer-group rebalances this worker took part in.", registry=registry
        )
        # Create every labelled series up front so dashboards and alerts see zeros, not gaps.
        for reason in Reason:
            self.dead_letters.labels(reason=str(reason))
        for reason in REMOVAL_REASONS:
            self.blocks_removed.labels(reason=reason)
        for entity_type in ENTITY_TYPES:
            self.entities.labels(type=entity_type)
        for linked in ("kb", "none"):
            self.entity_mentions.labels(linked=linked)
        for stage in STAGES:
            self.stage_seconds.labels(stage=stage)
        for table in TABLES:
            self.table_keys.labels(table=table)

    def observe(self, outcome: Outcome) -> None:
        """Count what one input record produced."""
        self.pages_consumed.inc()
        if outcome.dead_letter_reason is not None:
            self.dead_letters.labels(reason=outcome.dead_letter_reason).inc()
        self.articles_published.inc(outcome.count("article"))
        if outcome.page is not None:
            self.articles_per_page.observe(outcome.count("article"))
        if outcome.without_body:
            self.pages_without_body.inc()
        self.entity_mentions_published.inc(outcome.count("mention"))
        for reason, n in outcome.removed_by_reason.items():
            self.blocks_removed.labels(reason=reason).inc(n)
        for entity_type, n in outcome.entities_by_type.items():
            self.entities.labels(type=entity_type).inc(n)
        for linked, n in outcome.mentions_by_link.items():
            self.entity_mentions.labels(linked=linked).inc(n)
        for stage, seconds in outcome.seconds.items():
            self.stage_seconds.labels(stage=stage).observe(seconds)
