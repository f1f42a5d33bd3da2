"""A real Prometheus scrapes a worker that processed the seeds; every dashboard query and alert works.

Prometheus is Debian's (``/usr/bin/prometheus``, installed with promtool by scripts/test.sh). It
loads ``deploy/prometheus/alerts.yml`` and scrapes the worker every second; the test then asks its
HTTP API to evaluate every query of the Grafana dashboard (each must parse and return data) and
reads back the alert rules (each must be loaded and evaluated without error).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import yaml

from workers.inputs import read_inputs
from workers.kafka_io import ensure_topics, produce, read_topic

pytestmark = [pytest.mark.broker, pytest.mark.timeout(240)]

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "deploy" / "grafana" / "dashboards" / "khabar.json"
ALERTS = ROOT / "deploy" / "prometheus" / "alerts.yml"
JOB = "khabar-worker"


@pytest.fixture()
def prometheus(tmp_path, free_ports, http_get):
    """``start(target)``: a Prometheus scraping ``target`` every second; stopped at the end."""
    binary = shutil.which("prometheus")
    assert binary, "prometheus is missing: ./scripts/test.sh installs Debian's prometheus package"
    procs = []

    def start(target: str) -> str:
        port = free_ports(1)[0]
        config = {
            "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
            "rule_files": [str(ALERTS)],
            "scrape_configs": [{"job_name": JOB, "static_configs": [{"targets": [target]}]}],
        }
        (tmp_path / "prometheus.yml").write_text(yaml.safe_dump(config))
        log = open(tmp_path / "prometheus.log", "ab")
        procs.append(
            subprocess.Popen(
                [binary, f"--config.file={tmp_path / 'prometheus.yml'}", f"--storage.tsdb.path={tmp_path / 'tsdb'}",
                 f"--web.listen-address=127.0.0.1:{port}"],
                stdout=log, stderr=subprocess.STDOUT,
            )
        )
        base = f"http://127.0.0.1:{port}"
        http_get(f"{base}/-/ready", timeout=60)
        return base

    yield start
    for proc in procs:
        proc.terminate()
        proc.wait(timeout=30)


def _query(base: str, expr: str) -> dict:
    url = f"{base}/api/v1/query?{urllib.parse.urlencode({'query': expr})}"
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as exc:  # a query that does not parse answers 400 with the error
        return json.loads(exc.read())


def _wait_for(base: str, expr: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not _query(base, expr)["data"]["result"]:
        assert time.monotonic() < deadline, f"no data for {expr!r} after {timeout} s"
        time.sleep(0.5)


def test_dashboard_queries_and_alert_rules_work_on_a_real_prometheus(settings, worker, prometheus):
    inputs = list(read_inputs([str(ROOT / "seeds")]))
    ensure_topics(settings)
    with worker(settings):
        produce(settings, settings.topic_raw_pages, [(b"bad", b"{not json"), *[(i.key, i.value) for i in inputs]])
        assert len(list(read_topic(settings, settings.topic_dead_letters, 1, timeout=60))) == 1
        assert list(read_topic(settings, settings.topic_enriched_articles, len(inputs), timeout=60))
        base = prometheus(f"127.0.0.1:{settings.web_port}")
        _wait_for(base, f'khabar_pages_consumed_total{{job="{JOB}"}} == {len(inputs) + 1}')
        _wait_for(base, 'sum(khabar_consumer_lag) == 0')  # lag measured and everything committed
        _wait_for(base, f'count_over_time(up{{job="{JOB}"}}[1m]) >= 10')  # enough samples for rates
        dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
        failures = []
        for panel in dashboard["panels"]:
            for target in panel["targets"]:
                expr = target["expr"].replace("$__rate_interval", "30s")
                answer = _query(base, expr)
                if answer["status"] != "success":
                    failures.append(f"{panel['title']}: {expr}: {answer.get('error')}")
                elif not answer["data"]["result"]:
                    failures.append(f"{panel['title']}: {expr}: no data")
        alerts = yaml.safe_load(ALERTS.read_text())["groups"][0]["rules"]
        for rule in alerts:
            answer = _query(base, rule["expr"])
            if answer["status"] != "success":
                failures.append(f"alert {rule['alert']}: {answer.get('error')}")
        deadline = time.monotonic() + 30
        while True:
            with urllib.request.urlopen(f"{base}/api/v1/rules", timeout=10) as response:
                loaded = {r["name"]: r for g in json.loads(response.read())["data"]["groups"] for r in g["rules"]}
            if all(r.get("lastEvaluation", "").startswith("20") for r in loaded.values()) or time.monotonic() > deadline:
                break
            time.sleep(0.5)
    assert failures == []
    assert sorted(loaded) == sorted(r["alert"] for r in alerts)
    assert {name: (r["health"], r["state"]) for name, r in loaded.items()} == {
        r["alert"]: ("ok", "inactive") for r in alerts  # evaluated without error; nothing is wrong
    }
