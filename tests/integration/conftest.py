"""Integration tier: a real Kafka broker (started here, once per session) and real workers.

The broker runs from Maven Central jars (workers.broker) on free loopback ports in a temporary
home, so the test command needs nothing running beforehand and never skips. Each test gets its
own topic names and consumer group.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from workers.broker import LocalBroker
from workers.broker import free_ports as _free_ports
from workers.settings import Settings




@pytest.fixture(scope="session")
def free_ports() -> Callable[[int], list[int]]:
    """``free_ports(n)``: n distinct free TCP ports on 127.0.0.1."""
    return _free_ports


@pytest.fixture(scope="session")
def kafka(tmp_path_factory) -> Iterator[LocalBroker]:
    """One real single-node Kafka 4 broker for the whole session."""
    port, controller_port = _free_ports(2)
    broker = LocalBroker(tmp_path_factory.mktemp("kafka"), port, controller_port, heap="512M")
    broker.start(timeout=120)
    try:
        yield broker
    finally:
        broker.stop()


@pytest.fixture()
def settings(kafka: LocalBroker, tmp_path: Path, free_ports) -> Settings:
    """Settings for one test: unique topics, group and data dir, a free web port."""
    run = uuid.uuid4().hex[:8]
    return Settings(
        bootstrap_servers=kafka.bootstrap,
        app_id=f"khabar-test-{run}",
        topic_raw_pages=f"t{run}.raw-pages",
        topic_enriched_articles=f"t{run}.enriched-articles",
        topic_entity_mentions=f"t{run}.entity-mentions",
        topic_dead_letters=f"t{run}.dead-letters",
        topic_partitions=2,
        data_dir=tmp_path / "worker-data",
        web_port=free_ports(1)[0],
        log_level="info",
        lag_interval_seconds=1,
    )


def settings_env(settings: Settings) -> dict[str, str]:
    """The environment that makes a child process build exactly ``settings``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KHABAR_")}
    for name, value in settings.model_dump().items():
        env[f"KHABAR_{name.upper()}"] = str(value)
    return env


def get(url: str, timeout: float) -> str:
    """GET a loopback URL, retrying until it answers or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture(scope="session")
def http_get() -> Callable[..., str]:
    """``http_get(url, timeout)``: GET a loopback URL, retrying until it answers."""
    return get


@contextlib.contextmanager
def running_worker(settings: Settings, log: Path) -> Iterator[subprocess.Popen]:
    """A ``khabar worker`` process; stopped with SIGTERM on exit, which must end it cleanly."""
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "workers", "worker"], env=settings_env(settings), stdout=out, stderr=subprocess.STDOUT
        )
    try:
        get(f"http://127.0.0.1:{settings.web_port}/metrics", timeout=60)
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                raise AssertionError(f"worker ignored SIGTERM for 30 s; log: {log}") from None


@pytest.fixture()
def worker(settings: Settings, tmp_path: Path):
    """``worker()`` is a context manager running a worker with this test's settings."""
    return lambda s=settings: running_worker(s, tmp_path / "worker.log")
