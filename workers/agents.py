"""Agents: decode, call the pipeline, send, dead-letter. Nothing else happens here."""

from __future__ import annotations

import logging
import time

import faust

from workers.errors import Origin
from workers.health import Progress
from workers.logs import log_rejection
from workers.metrics import KhabarMetrics
from workers.pipeline import Pipeline
from workers.topics import Topics

logger = logging.getLogger("khabar.worker")


def register_agents(
    app: faust.App,
    topics: Topics,
    tables: dict[str, faust.Table],
    pipeline: Pipeline,
    metrics: KhabarMetrics,
    progress: Progress,
) -> faust.types.AgentT:
    page_counts_by_source = tables["page_counts_by_source"]
    templates_by_source = tables["templates_by_source"]

    # concurrency=1: faust loses offsets with concurrent agents (faust issue #606).
    @app.agent(topics.raw_pages_topic, concurrency=1)
    async def clean_pages(stream: faust.StreamT) -> None:
        async for event in stream.events():
            message = event.message
            origin = Origin(message.topic, message.partition, message.offset, message.key)
            outcome = pipeline.process_record(event.value, origin, templates_by_source)
            if outcome.error is not None:
                log_rejection(logger, outcome.error, origin, outcome.page.page_id if outcome.page else None)
            for record in outcome.records:
                await topics.for_kind(record.kind).send(key=record.key, value=record.value)
            if outcome.page is not None:
                page_counts_by_source[outcome.page.source] += 1
            metrics.observe(outcome)
            now = time.time()
            if message.timestamp:  # Kafka's record timestamp (produce time), in seconds
                metrics.end_to_end_seconds.observe(max(0.0, now - message.timestamp))
            metrics.last_progress.set(now)
            progress.record(message.partition, message.offset)
            metrics.table_keys.labels(table="page_counts_by_source").set(len(page_counts_by_source))
            metrics.table_keys.labels(table="templates_by_source").set(len(templates_by_source))

    return clean_pages
