"""``khabar demo``: the whole path on one machine, for the README's first command.

Starts the local broker (unless one is running), creates the topics, starts a worker process,
feeds ``seeds/``, prints a short summary of every enriched article and the worker's ``khabar_``
metrics, then stops what it started (or, with ``--keep-running``, waits for Ctrl-C first).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import orjson
from kafka import KafkaConsumer, TopicPartition

from workers.broker import LocalBroker
from workers.inputs import InputProblem, InputRecord, read_inputs
from workers.kafka_io import ensure_topics, produce
from workers.settings import Settings


def _end_offsets(settings: Settings, topic: str) -> dict[TopicPartition, int]:
    consumer = KafkaConsumer(bootstrap_servers=settings.bootstrap_list, group_id=None)
    try:
        tps = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
        return consumer.end_offsets(tps)
    finally:
        consumer.close()


def _collect_articles(settings: Settings, start: dict[TopicPartition, int], page_ids: list[str], timeout: float) -> list[dict]:
    """Articles of ``page_ids`` published after ``start``, until every page is complete, in feed order."""
    consumer = KafkaConsumer(bootstrap_servers=settings.bootstrap_list, group_id=None, enable_auto_commit=False)
    consumer.assign(list(start))
    for tp, offset in start.items():
        consumer.seek(tp, offset)
    articles: dict[tuple[str, int], dict] = {}
    expected: dict[str, int] = {}
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            for records in consumer.poll(timeout_ms=500).values():
                for record in records:
                    event = orjson.loads(record.value)
                    if event["page_id"] in page_ids:
                        articles[(event["page_id"], event["article_index"])] = event
                        expected[event["page_id"]] = event["article_count"]
            if set(expected) == set(page_ids) and len(articles) == sum(expected.values()):
                break
    finally:
        consumer.close()
    return [articles[k] for k in sorted(articles, key=lambda k: (page_ids.index(k[0]), k[1]))]


def _summary(article: dict) -> str:
    names = ", ".join(f"{e['name']} ({e['type']}×{e['count']})" for e in article["entities"][:6])
    more = len(article["entities"]) - 6
    return (
        f"[{article['source']}] {article['page_id']} article {article['article_index'] + 1}/{article['article_count']}\n"
        f"  title:      {article['title'][:100]}\n"
        f"  paragraphs: {len(article['paragraphs'])} kept, captions: {len(article['captions'])}, "
        f"blocks removed: {len(article['removed'])}\n"
        f"  entities:   {names}{f' … +{more}' if more > 0 else ''}"
    )


def _metric_summary(text: str) -> list[str]:
    """Non-zero khabar_ counters and gauges, and the mean of each stage's seconds."""
    samples: dict[str, float] = {}
    for line in text.splitlines():
        if line.startswith("khabar_"):
            name, _, value = line.rpartition(" ")
            samples[name] = float(value)
    lines = [
        f"{name} {value:g}"
        for name, value in samples.items()
        if value and not name.startswith("khabar_stage_seconds") and "_created" not in name
    ]
    means = []
    for name, total in samples.items():
        if name.startswith("khabar_stage_seconds_sum"):
            count = samples.get(name.replace("_sum", "_count"), 0)
            stage = name[name.index('"') + 1 : name.rindex('"')]
            if count:
                means.append(f"{stage}={total / count:.4f}")
    return lines + ["stage seconds (mean): " + " ".join(means)]


def _wait_http(url: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback URL we built
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def run_demo(settings: Settings, seeds: Path, keep_running: bool = False) -> int:
    broker = LocalBroker.from_settings(settings)
    started_broker = not broker.status()["running"]
    print(f"• starting the local Kafka broker ({'new' if started_broker else 'already running'}) …", flush=True)
    broker.start()
    worker: subprocess.Popen | None = None
    log_path = settings.broker_home.parent / "worker.log"
    try:
        ensure_topics(settings)
        log_path.parent.mkdir(parents=True, exist_ok=True)
        print(f"• starting a worker (log: {log_path}) …", flush=True)
        with open(log_path, "ab") as log:
            worker = subprocess.Popen(
                [sys.executable, "-m", "workers", "worker"], stdout=log, stderr=subprocess.STDOUT, env=os.environ.copy()
            )
        metrics_url = f"http://{settings.web_host}:{settings.web_port}/metrics"
        _wait_http(metrics_url, timeout=60)
        # Feed once the worker owns its partitions and has recovered its tables.
        _wait_http(f"http://{settings.web_host}:{settings.web_port}/health/ready", timeout=60)

        records = [r for r in read_inputs([str(seeds)]) if isinstance(r, InputRecord)]
        problems = [r for r in read_inputs([str(seeds)]) if isinstance(r, InputProblem)]
        for problem in problems:
            print(f"  skipped {problem.where}: {problem.reason}")
        page_ids = list(dict.fromkeys(orjson.loads(r.value)["page_id"] for r in records))
        start = _end_offsets(settings, settings.topic_enriched_articles)
        produce(settings, settings.topic_raw_pages, [(r.key, r.value) for r in records])
        print(f"• fed {len(records)} pages from {seeds} to {settings.topic_raw_pages}\n", flush=True)

        articles = _collect_articles(settings, start, page_ids, timeout=120)
        for article in articles:
            print(_summary(article))
        print(f"\n• {len(articles)} enriched articles on {settings.topic_enriched_articles}")
        print(f"• metrics at {metrics_url} (khabar_ counters; mean seconds per stage):")
        for line in _metric_summary(_wait_http(metrics_url, timeout=10)):
            print(f"    {line}")
        if keep_running:
            print("\n• broker and worker keep running; press Ctrl-C to stop them.", flush=True)
            try:
                signal.pause()
            except KeyboardInterrupt:
                pass
        return 0 if len(page_ids) == len({a["page_id"] for a in articles}) else 1
    finally:
        if worker is not None:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
        if started_broker:
            broker.stop()
        print("• stopped what the demo started.")
