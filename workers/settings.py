"""The one settings object of khabar.

Every setting is read from an environment variable with the ``KHABAR_`` prefix (or a ``.env``
file) and documented in the README's configuration table. Faust itself is started with an empty
environment (see ``workers.app``), so faust's own variables such as ``BROKER_URL`` or
``WEB_PORT`` cannot silently override these.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """khabar's configuration; frozen once built."""

    model_config = SettingsConfigDict(env_prefix="KHABAR_", env_file=".env", extra="ignore", frozen=True)

    # --- Kafka -----------------------------------------------------------------------------
    bootstrap_servers: str = Field("127.0.0.1:19092", description="Kafka bootstrap servers, comma-separated host:port.")
    app_id: str = Field("khabar", description="Faust app id; also the consumer group id.")

    # --- topics ----------------------------------------------------------------------------
    topic_raw_pages: str = Field("khabar.raw-pages.v1", description="Input: raw scraper pages, keyed by source.")
    topic_enriched_articles: str = Field("khabar.enriched-articles.v1", description="Output: one event per article.")
    topic_entity_mentions: str = Field("khabar.entity-mentions.v1", description="Output: one event per (article, entity).")
    topic_dead_letters: str = Field("khabar.dead-letters.v1", description="Output: rejected input, with a reason code.")
    topic_partitions: int = Field(8, ge=1, description="Partitions of every khabar topic (the unit of parallelism).")
    topic_replication_factor: int = Field(1, ge=1, description="Replication factor of every khabar topic.")
    retention_ms: int = Field(7 * 24 * 3600 * 1000, description="retention.ms of raw, enriched and mentions topics.")
    dead_letter_retention_ms: int = Field(
        30 * 24 * 3600 * 1000, description="retention.ms of the dead-letter topic (kept longer for replay)."
    )

    # --- worker ----------------------------------------------------------------------------
    store: Literal["memory://", "rocksdb://"] = Field(
        "memory://", description="Table store: memory:// (local default) or rocksdb:// (rocksdict, production)."
    )
    data_dir: Path = Field(PROJECT_ROOT / ".khabar" / "worker-data", description="Faust data directory (RocksDB tables).")
    web_host: str = Field("127.0.0.1", description="Host the worker's web server (metrics, health) binds to.")
    web_port: int = Field(6066, description="Port of the worker's web server; /metrics is served there.")
    max_page_bytes: int = Field(2_000_000, ge=1, description="Raw records larger than this go to dead letters.")
    schemas_dir: Path = Field(PROJECT_ROOT / "schemas", description="Folder of the JSON Schemas (the event contract).")
    stall_seconds: float = Field(
        300, gt=0, description="/health/live fails when there is lag and no record was processed for this long."
    )
    lag_interval_seconds: float = Field(10, gt=0, description="How often the worker measures its consumer lag.")
    log_format: Literal["text", "json"] = Field(
        "text", description="Worker log lines: faust's text, or one JSON object per line (page id, stage, reason on errors)."
    )
    log_level: Literal["debug", "info", "warn", "error", "crit"] = Field("info", description="Worker log level.")

    # --- local broker (khabar broker start) ------------------------------------------------
    broker_home: Path = Field(PROJECT_ROOT / ".khabar" / "broker", description="Local broker's data and logs.")
    broker_port: int = Field(19092, description="Local broker's client port on 127.0.0.1.")
    broker_controller_port: int = Field(19093, description="Local broker's KRaft controller port on 127.0.0.1.")
    broker_heap: str = Field("512M", description="Local broker's JVM heap (-Xmx/-Xms).")

    @property
    def bootstrap_list(self) -> list[str]:
        return [s.strip() for s in self.bootstrap_servers.split(",") if s.strip()]

    @property
    def all_topics(self) -> dict[str, int]:
        """Every khabar topic with its retention.ms."""
        return {
            self.topic_raw_pages: self.retention_ms,
            self.topic_enriched_articles: self.retention_ms,
            self.topic_entity_mentions: self.retention_ms,
            self.topic_dead_letters: self.dead_letter_retention_ms,
        }
