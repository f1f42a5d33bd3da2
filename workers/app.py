"""The one faust App of khabar, built from the settings.

faust is started with an empty environment mapping (``env={}``), so faust's own variables
(``BROKER_URL``, ``WEB_PORT``, ...) cannot override what ``workers.settings`` decided.
"""

from __future__ import annotations

from dataclasses import dataclass

import faust
from faust.sensors.prometheus import setup_prometheus_sensors
from prometheus_client import REGISTRY, CollectorRegistry

from workers.agents import register_agents
from workers.contract import Contract
from workers.entities.crf import CrfTagger
from workers.entities.kb import KnowledgeBase
from workers.faust_fixes import KhabarFaustApp
from workers.health import Progress, register_health
from workers.metrics import KhabarMetrics
from workers.pipeline import Pipeline, PipelineConfig
from workers.settings import Settings
from workers.tables import declare_tables
from workers.topics import Topics, declare_topics


def build_pipeline(settings: Settings, strict: bool = False) -> Pipeline:
    """The pipeline as configured; shared by the worker and ``khabar process``."""
    kb = KnowledgeBase.load()
    return Pipeline(
        PipelineConfig(max_page_bytes=settings.max_page_bytes, strict=strict),
        Contract.load(settings.schemas_dir),
        CrfTagger.load(kb=kb),  # the tagger's knowledge-base features and the linker share one KB
        kb=kb,
    )


@dataclass
class KhabarApp:
    app: faust.App
    topics: Topics
    tables: dict[str, faust.Table]
    pipeline: Pipeline
    metrics: KhabarMetrics
    clean_pages: faust.types.AgentT
    progress: Progress


def create_app(settings: Settings, registry: CollectorRegistry = REGISTRY) -> KhabarApp:
    """Build the faust app, its topics, tables and agents, and the metrics on ``registry``."""
    app = KhabarFaustApp(  # faust.App with fixes for start-up races of faust 0.15.3 (workers/faust_fixes.py)
        settings.app_id,
        env={},
        broker=[f"kafka://{server}" for server in settings.bootstrap_list],
        store=settings.store,
        datadir=str(settings.data_dir),
        web_bind=settings.web_host,
        web_port=settings.web_port,
        web_host=settings.web_host,
        topic_partitions=settings.topic_partitions,
        topic_replication_factor=settings.topic_replication_factor,
        topic_allow_declare=True,
        consumer_auto_offset_reset="earliest",
        producer_acks=-1,
        autodiscover=False,
    )
    setup_prometheus_sensors(app, registry=registry, name_prefix="faust")
    metrics = KhabarMetrics(registry)
    topics = declare_topics(app, settings)
    tables = declare_tables(app, settings)
    pipeline = build_pipeline(settings)
    progress = Progress()
    agent = register_agents(app, topics, tables, pipeline, metrics, progress)
    register_health(app, settings, metrics, progress)
    return KhabarApp(app, topics, tables, pipeline, metrics, agent, progress)
