"""Static checks of the deployment files (docs/deploy.md).

Docker does not run on the dev machines, so ``docker compose up`` is never exercised here. Instead
these tests parse Dockerfile, docker-compose.yml, deploy/prometheus/*, deploy/grafana/** and check
that they agree with each other, with ``workers.settings.Settings`` and with deploy/kafka/pom.xml.
No Docker, no network.
"""

from __future__ import annotations

import json
import re
import shlex
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml
from prometheus_client import CollectorRegistry

from workers.metrics import KhabarMetrics
from workers.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
POM = ROOT / "deploy" / "kafka" / "pom.xml"
PROMETHEUS_DIR = ROOT / "deploy" / "prometheus"
PROMETHEUS = PROMETHEUS_DIR / "prometheus.yml"
ALERTS = PROMETHEUS_DIR / "alerts.yml"
GRAFANA_DIR = ROOT / "deploy" / "grafana"
DATASOURCES = GRAFANA_DIR / "provisioning" / "datasources" / "prometheus.yml"
DASHBOARD_PROVIDERS = GRAFANA_DIR / "provisioning" / "dashboards" / "khabar.yml"
DASHBOARDS_DIR = GRAFANA_DIR / "dashboards"
DASHBOARD = DASHBOARDS_DIR / "khabar.json"

ENV_PREFIX = "KHABAR_"

def _khabar_metrics() -> dict[str, tuple[str, frozenset[str]]]:
    """The series the worker exposes (from workers.metrics itself), with their type and labels."""
    registry = CollectorRegistry()
    metrics = KhabarMetrics(registry)
    # Declared label names: a series such as khabar_consumer_lag{partition} has no sample before
    # the worker owns a partition, so the samples alone would not show its labels.
    declared = {m._name: frozenset(m._labelnames) for m in vars(metrics).values() if hasattr(m, "_labelnames")}
    out = {}
    for family in registry.collect():
        name = family.name + ("_total" if family.type == "counter" else "")
        labels = set().union(*(set(sample.labels) for sample in family.samples)) - {"le"}
        out[name] = (family.type, frozenset(labels) | declared.get(family.name, frozenset()))
    return out


KHABAR_METRICS = _khabar_metrics()
HISTOGRAM_SUFFIXES = {"_bucket": {"le"}, "_sum": set(), "_count": set()}
# Labels Prometheus adds to every scraped series.
TARGET_LABELS = {"job", "instance"}


def _series_labels() -> dict[str, set[str]]:
    """Every series name a query may use, with the labels it carries."""
    series: dict[str, set[str]] = {"up": set(TARGET_LABELS)}
    for name, (kind, labels) in KHABAR_METRICS.items():
        if kind == "histogram":
            for suffix, extra in HISTOGRAM_SUFFIXES.items():
                series[name + suffix] = set(labels) | extra | TARGET_LABELS
        else:
            series[name] = set(labels) | TARGET_LABELS
    return series


SERIES = _series_labels()


# --- tiny PromQL scanner ----------------------------------------------------------------------------

_PROMQL_KEYWORDS = {
    "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset",
    "and", "or", "unless", "inf", "nan", "atan2",
}
_IDENT = re.compile(r"[A-Za-z_:][A-Za-z0-9_:]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`')
_GROUPING = re.compile(r"\b(by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)")
_MATCHERS = re.compile(r"\{([^}]*)\}")
_MATCHER_LABEL = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*(?:=~|!~|!=|=)")
_RANGE = re.compile(r"\[[^\]]*\]")


def promql_names(expr: str) -> tuple[set[str], set[str], dict[str, set[str]]]:
    """(series names, label names, label values of matchers) used by a PromQL expression.

    Good enough for the expressions in this repository: it drops strings, ranges and grouping
    clauses, then treats every identifier not followed by ``(`` and not a keyword as a series name.
    """
    values: dict[str, set[str]] = {}
    for body in _MATCHERS.findall(expr):
        for m in re.finditer(r'([A-Za-z_][A-Za-z0-9_]*)\s*(?:=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"', body):
            values.setdefault(m.group(1), set()).add(m.group(2))
    labels: set[str] = set()
    for _, body in _GROUPING.findall(expr):
        labels |= {part.strip() for part in body.split(",") if part.strip()}
    for body in _MATCHERS.findall(_STRING.sub('""', expr)):
        labels |= set(_MATCHER_LABEL.findall(body))
    stripped = _STRING.sub(" ", expr)
    stripped = _GROUPING.sub(" ", stripped)
    stripped = _MATCHERS.sub(" ", stripped)
    stripped = _RANGE.sub(" ", stripped)
    names = set()
    for m in _IDENT.finditer(stripped):
        word = m.group(0)
        rest = stripped[m.end():].lstrip()
        if rest.startswith("(") or word.lower() in _PROMQL_KEYWORDS:
            continue
        if m.start() > 0 and (stripped[m.start() - 1].isdigit() or stripped[m.start() - 1] == "."):
            continue  # the unit of a duration or the exponent of a number (5m, 1e3)
        names.add(word)
    return names, labels, values


def test_promql_scanner_finds_series_labels_and_values() -> None:
    names, labels, values = promql_names(
        'histogram_quantile(0.95, sum by (le, stage) (rate(khabar_stage_seconds_bucket{stage!="x"}[$__rate_interval])))'
        ' / on (job) group_left up{job="khabar-worker"} offset 5m'
    )
    assert names == {"khabar_stage_seconds_bucket", "up"}
    assert labels == {"le", "stage", "job"}
    assert values == {"stage": {"x"}, "job": {"khabar-worker"}}


def check_expr(expr: str, where: str, job: str) -> None:
    names, labels, values = promql_names(expr)
    assert names, f"{where}: no series in {expr!r}"
    for name in names:
        assert name == "up" or name.startswith("khabar_"), f"{where}: {name} is not a khabar metric"
        assert name in SERIES, f"{where}: unknown series {name} (known: {sorted(SERIES)})"
    allowed = set().union(*(SERIES[n] for n in names))
    assert labels <= allowed, f"{where}: labels {sorted(labels - allowed)} are not on {sorted(names)}"
    assert values.get("job", {job}) == {job}, f"{where}: job matcher is not the scrape job {job!r}"
    if "up" in names:
        assert "job" in values, f"{where}: select the workers' up with up{{job={job!r}}}"


# --- loaders ----------------------------------------------------------------------------------------


def load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return load_yaml(COMPOSE)


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return compose["services"]


@pytest.fixture(scope="module")
def prometheus() -> dict[str, Any]:
    return load_yaml(PROMETHEUS)


@pytest.fixture(scope="module")
def worker_scrape(prometheus: dict[str, Any]) -> dict[str, Any]:
    """The scrape job of the compose service `worker` (found through its DNS name)."""
    jobs = [
        job
        for job in prometheus["scrape_configs"]
        if any("worker" in sd.get("names", []) for sd in job.get("dns_sd_configs", []))
    ]
    assert len(jobs) == 1, "exactly one scrape job must discover the `worker` replicas"
    return jobs[0]


@pytest.fixture(scope="module")
def alert_rules() -> list[dict[str, Any]]:
    doc = load_yaml(ALERTS)
    return [rule for group in doc["groups"] for rule in group["rules"]]


@pytest.fixture(scope="module")
def dashboard() -> dict[str, Any]:
    return json.loads(DASHBOARD.read_text(encoding="utf-8"))


def environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {str(k): "" if v is None else str(v) for k, v in env.items()}


def as_argv(command: Any) -> list[str]:
    return shlex.split(command) if isinstance(command, str) else [str(c) for c in command]


def bind_mounts(service: dict[str, Any]) -> dict[str, tuple[Path, str]]:
    """container path -> (host path, mode) of the service's ``./host:/container[:mode]`` volumes."""
    mounts = {}
    for volume in service.get("volumes", []):
        parts = volume.split(":")
        if parts[0].startswith("."):
            mounts[parts[1]] = ((ROOT / parts[0]).resolve(), parts[2] if len(parts) > 2 else "rw")
    return mounts


def image_tag(image: str) -> tuple[str, str]:
    name, _, tag = image.rpartition(":")
    assert name and "/" not in tag, f"image {image!r} has no tag"
    return name, tag


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, continuation lines joined, comments dropped."""
    logical, current = [], ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        logical.append(current)
        current = ""
    if current:
        logical.append(current)
    out = []
    for line in logical:
        instruction, _, args = line.partition(" ")
        out.append((instruction.upper(), args.strip()))
    return out


def dockerfile_env() -> dict[str, str]:
    env = {}
    for instruction, args in dockerfile_instructions():
        if instruction == "ENV":
            for token in shlex.split(args):
                key, sep, value = token.partition("=")
                assert sep, f"use ENV KEY=value, not {args!r}"
                env[key] = value
    return env


class _InitOnlySettings(Settings):
    """Settings validated from explicit values only (no process environment, no .env file)."""

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, **sources):  # type: ignore[override]
        return (init_settings,)


def settings_fields(env: dict[str, str], where: str) -> dict[str, str]:
    """Map KHABAR_* variables to Settings field names; fail on any name Settings does not have."""
    fields = {}
    for name, value in env.items():
        if not name.startswith(ENV_PREFIX):
            continue
        field = name[len(ENV_PREFIX):].lower()
        assert field in Settings.model_fields, f"{where}: {name} is not a field of workers.settings.Settings"
        fields[field] = value
    return fields


# --- Kafka ------------------------------------------------------------------------------------------


def test_kafka_image_tag_equals_pom_kafka_version(services: dict[str, Any]) -> None:
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    version = ET.parse(POM).getroot().findtext("m:properties/m:kafka.version", namespaces=ns)
    assert version, "no <kafka.version> in deploy/kafka/pom.xml"
    name, tag = image_tag(services["kafka"]["image"])
    assert name == "apache/kafka"
    assert tag == version.strip()


def test_kafka_is_a_single_kraft_node_without_topic_auto_creation(services: dict[str, Any]) -> None:
    env = environment(services["kafka"])
    assert set(env["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    assert env["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"
    assert env["KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS"] == "0"
    for key in (
        "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR",
        "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR",
        "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR",
        "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR",
        "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR",
    ):
        assert env[key] == "1", key
    controller = env["KAFKA_CONTROLLER_LISTENER_NAMES"]
    listeners = {entry.split("://")[0]: entry.split("://")[1] for entry in env["KAFKA_LISTENERS"].split(",")}
    assert controller in listeners
    assert env["KAFKA_CONTROLLER_QUORUM_VOTERS"] == f"{env['KAFKA_NODE_ID']}@kafka:{listeners[controller].rsplit(':', 1)[1]}"
    protocols = dict(entry.split(":") for entry in env["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"].split(","))
    assert set(listeners) <= set(protocols)
    assert "healthcheck" in services["kafka"]


def test_bootstrap_servers_are_advertised_by_kafka(services: dict[str, Any]) -> None:
    advertised = {
        entry.split("://")[1] for entry in environment(services["kafka"])["KAFKA_ADVERTISED_LISTENERS"].split(",")
    }
    for name in ("topics", "worker"):
        servers = environment(services[name])["KHABAR_BOOTSTRAP_SERVERS"].split(",")
        assert set(servers) <= advertised, f"{name}: {servers} not in advertised listeners {advertised}"


# --- compose services -------------------------------------------------------------------------------


def test_every_khabar_env_var_in_compose_is_a_settings_field(services: dict[str, Any]) -> None:
    text = COMPOSE.read_text(encoding="utf-8")
    used = set(re.findall(r"\bKHABAR_[A-Z0-9_]+", text))
    assert used, "docker-compose.yml sets no KHABAR_* variable"
    unknown = sorted(n for n in used if n[len(ENV_PREFIX):].lower() not in Settings.model_fields)
    assert not unknown, f"not fields of workers.settings.Settings: {unknown}"
    for name, service in services.items():
        fields = settings_fields(environment(service), f"service {name}")
        if fields:
            _InitOnlySettings(**fields)  # the values validate too (e.g. KHABAR_STORE, KHABAR_LOG_LEVEL)


def test_topics_and_worker_agree_on_kafka_and_topics(services: dict[str, Any]) -> None:
    topics = settings_fields(environment(services["topics"]), "topics")
    worker = settings_fields(environment(services["worker"]), "worker")
    shared = {"bootstrap_servers", "app_id", "retention_ms", "dead_letter_retention_ms"}
    shared |= {field for field in Settings.model_fields if field.startswith("topic_")}
    for field in sorted(shared):
        assert topics.get(field) == worker.get(field), f"topics and worker disagree on {field}"


def test_topics_is_a_one_shot_of_the_worker_image(services: dict[str, Any]) -> None:
    topics, worker = services["topics"], services["worker"]
    assert topics["image"] == worker["image"]
    assert topics["build"] == worker["build"]
    assert as_argv(topics["command"]) == ["topics", "create"]
    assert str(topics.get("restart", "no")) == "no"
    assert topics["depends_on"]["kafka"]["condition"] == "service_healthy"


def test_worker_can_be_scaled(services: dict[str, Any]) -> None:
    worker = services["worker"]
    assert as_argv(worker["command"]) == ["worker"]
    assert worker["build"]["context"] == "."
    assert worker["depends_on"]["topics"]["condition"] == "service_completed_successfully"
    assert "ports" not in worker, "a fixed host port breaks `docker compose up --scale worker=N`"
    assert "container_name" not in worker, "a container_name breaks `--scale worker=N`"
    fields = settings_fields(environment(worker), "worker")
    assert fields["store"] == "rocksdb://"
    data_dir = fields["data_dir"]
    for volume in worker.get("volumes", []):
        # Only an anonymous volume (just a container path) may hold the RocksDB data directory.
        spec = volume if isinstance(volume, str) else volume.get("target", "")
        if isinstance(volume, dict):
            assert volume.get("type") != "volume" or not volume.get("source"), "named volume on a scaled worker"
        elif ":" in spec:
            assert PurePosixPath(spec.split(":")[1]) != PurePosixPath(data_dir), "named volume on a scaled worker"


def test_images_are_pinned(services: dict[str, Any]) -> None:
    for name, service in services.items():
        if "build" in service:
            continue
        _, tag = image_tag(service["image"])
        assert tag != "latest", f"{name}: pin the image tag"
    stages = [args.split()[0] for i, args in dockerfile_instructions() if i == "FROM"]
    assert dockerfile_instructions()[0][0] == "FROM"
    assert all(image_tag(image)[1] not in ("", "latest") for image in stages), stages
    runtime, tag = image_tag(stages[-1])
    assert runtime == "python" and tag.startswith("3.11"), stages[-1]


# --- Dockerfile -------------------------------------------------------------------------------------


def test_dockerfile_exposes_the_web_port_and_runs_khabar() -> None:
    instructions = dockerfile_instructions()
    exposed = {int(p.split("/")[0]) for i, args in instructions if i == "EXPOSE" for p in args.split()}
    assert exposed == {Settings.model_fields["web_port"].default}
    last = {i: args for i, args in instructions}
    assert json.loads(last["ENTRYPOINT"]) == ["khabar"]
    assert json.loads(last["CMD"]) == ["worker"]
    assert last.get("USER", "root") not in {"root", "0"}, "run as a non-root user"
    # the native module is built as a wheel in the first stage and installed with the package
    assert any(i == "RUN" and "maturin build" in args and "native/Cargo.toml" in args for i, args in instructions)
    assert any(i == "RUN" and "pip install --no-cache-dir /wheels/*.whl ." in args for i, args in instructions)
    env = dockerfile_env()
    assert env["KHABAR_WEB_HOST"] == "0.0.0.0"
    _InitOnlySettings(**settings_fields(env, "Dockerfile"))


def test_dockerignore_keeps_local_state_out() -> None:
    entries = {line.strip() for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()}
    entries = {e.removeprefix("**/") for e in entries if e and not e.startswith("#")}
    assert {".git", ".venv", ".khabar", "__pycache__", ".pytest_cache", ".hypothesis"} <= entries


# --- Prometheus -------------------------------------------------------------------------------------


def test_prometheus_scrapes_every_worker_on_the_web_port(
    prometheus: dict[str, Any], worker_scrape: dict[str, Any], services: dict[str, Any]
) -> None:
    assert prometheus["global"]["scrape_interval"] == "15s"
    assert worker_scrape.get("metrics_path", "/metrics") == "/metrics"
    (sd,) = worker_scrape["dns_sd_configs"]
    assert sd["names"] == ["worker"] and "worker" in services
    assert sd["type"] == "A"
    web_port = Settings.model_fields["web_port"].default
    assert sd["port"] == web_port
    worker_env = settings_fields(environment(services["worker"]), "worker")
    assert int(worker_env.get("web_port", web_port)) == sd["port"]
    assert worker_env.get("web_host", dockerfile_env().get("KHABAR_WEB_HOST")) == "0.0.0.0"


def test_prometheus_container_reads_this_directory(services: dict[str, Any], prometheus: dict[str, Any]) -> None:
    service = services["prometheus"]
    mounts = bind_mounts(service)
    config_flag = next(a for a in as_argv(service.get("command", [])) if a.startswith("--config.file="))
    config = PurePosixPath(config_flag.split("=", 1)[1])
    host_dir, _ = mounts[str(config.parent)]
    assert host_dir == PROMETHEUS_DIR.resolve()
    assert (host_dir / config.name).resolve() == PROMETHEUS.resolve()
    rule_files = prometheus["rule_files"]
    assert (PROMETHEUS_DIR / "alerts.yml").name in rule_files
    for rule_file in rule_files:
        assert (PROMETHEUS_DIR / rule_file).is_file(), rule_file


def test_alerts_are_well_formed_and_use_known_metrics(
    alert_rules: list[dict[str, Any]], worker_scrape: dict[str, Any]
) -> None:
    by_name = {rule["alert"]: rule for rule in alert_rules}
    assert set(EXPECTED_ALERTS) == by_name.keys()
    for rule in alert_rules:
        assert set(rule) <= {"alert", "expr", "for", "keep_firing_for", "labels", "annotations"}, rule["alert"]
        assert rule["labels"]["severity"] in {"critical", "warning", "info"}
        assert rule["annotations"]["summary"]
        check_expr(rule["expr"], f"alert {rule['alert']}", worker_scrape["job_name"])
    assert by_name["KhabarWorkerDown"]["for"] == "2m"
    assert by_name["KhabarStalled"]["labels"]["severity"] == "critical"
    assert by_name["KhabarDeadLetterRatioHigh"]["labels"]["severity"] == "warning"


# Every alert the issue asks for; each has promtool unit tests in tests/promtool/alerts.test.yml.
EXPECTED_ALERTS = (
    "KhabarWorkerDown",
    "KhabarStalled",
    "KhabarDeadLetterRatioHigh",
    "KhabarEndToEndLatencyHigh",
    "KhabarRebalanceStorm",
    "KhabarPagesWithoutBody",
)


def test_alert_job_is_the_scrape_job(alert_rules: list[dict[str, Any]], worker_scrape: dict[str, Any]) -> None:
    jobs = set()
    for rule in alert_rules:
        jobs |= promql_names(rule["expr"])[2].get("job", set())
    assert jobs == {worker_scrape["job_name"]}


# --- Grafana ----------------------------------------------------------------------------------------


def test_grafana_mounts_the_provisioning_and_dashboards(services: dict[str, Any]) -> None:
    service = services["grafana"]
    mounts = bind_mounts(service)
    assert mounts["/etc/grafana/provisioning"][0] == (GRAFANA_DIR / "provisioning").resolve()
    providers = load_yaml(DASHBOARD_PROVIDERS)["providers"]
    for provider in providers:
        assert provider["type"] == "file"
        host_dir, _ = mounts[provider["options"]["path"]]
        assert host_dir == DASHBOARDS_DIR.resolve()
    env = environment(service)
    assert env["GF_AUTH_ANONYMOUS_ENABLED"] == "true"
    assert env["GF_AUTH_ANONYMOUS_ORG_ROLE"] == "Viewer"
    home = PurePosixPath(env["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"])
    assert mounts[str(home.parent)][0] / home.name == DASHBOARD.resolve()


def test_grafana_datasource_is_the_compose_prometheus(services: dict[str, Any], prometheus: dict[str, Any]) -> None:
    (datasource,) = load_yaml(DATASOURCES)["datasources"]
    assert datasource["type"] == "prometheus"
    assert datasource["uid"] == "prometheus"
    assert datasource["url"] == "http://prometheus:9090"
    assert "prometheus" in services
    assert any(str(p).endswith(":9090") for p in services["prometheus"].get("ports", []))
    assert datasource["jsonData"]["timeInterval"] == prometheus["global"]["scrape_interval"]


def _panels(dashboard: dict[str, Any]) -> list[dict[str, Any]]:
    panels = []
    for panel in dashboard["panels"]:
        panels.append(panel)
        panels.extend(panel.get("panels", []))  # collapsed rows
    return [p for p in panels if p.get("type") != "row"]


def test_dashboard_identity(dashboard: dict[str, Any]) -> None:
    assert dashboard["uid"] == "khabar"
    assert dashboard["title"] == "khabar"
    assert 36 <= dashboard["schemaVersion"] <= 41
    ids = [p["id"] for p in _panels(dashboard)]
    assert len(ids) == len(set(ids)), "panel ids must be unique"


def test_dashboard_datasources_are_the_provisioned_uid(dashboard: dict[str, Any]) -> None:
    (datasource,) = load_yaml(DATASOURCES)["datasources"]
    for panel in _panels(dashboard):
        assert panel["datasource"]["uid"] == datasource["uid"], panel["title"]
        for target in panel["targets"]:
            assert target.get("datasource", panel["datasource"])["uid"] == datasource["uid"], panel["title"]


def test_dashboard_queries_use_known_metrics(dashboard: dict[str, Any], worker_scrape: dict[str, Any]) -> None:
    used = set()
    for panel in _panels(dashboard):
        assert panel["targets"], f"panel {panel['title']!r} has no query"
        for target in panel["targets"]:
            check_expr(target["expr"], f"panel {panel['title']!r}", worker_scrape["job_name"])
            used |= promql_names(target["expr"])[0]
    # Every metric of the worker is on the dashboard, plus the workers' up.
    bases = {name.removesuffix(s) for name in used for s in HISTOGRAM_SUFFIXES if name.endswith(s)} | used
    assert set(KHABAR_METRICS) | {"up"} <= bases


def test_dashboard_stage_quantiles(dashboard: dict[str, Any]) -> None:
    exprs = [t["expr"] for p in _panels(dashboard) for t in p["targets"]]
    for q in ("0.5", "0.95"):
        pattern = rf"histogram_quantile\(\s*{re.escape(q)}\s*,\s*sum by \(le, stage\) \(rate\(khabar_stage_seconds_bucket\["
        assert any(re.search(pattern, e) for e in exprs), f"no p{q} of khabar_stage_seconds by stage"
