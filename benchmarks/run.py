"""khabar benchmark: prints figures (throughput, latency, memory); asserts nothing.

    python benchmarks/run.py [--pages N] [--e2e-pages M] [--e2e-rate R] [--skip-e2e] [--json]

Three measurements over a corpus made of the seed pages (seeds/raw-pages.jsonl) repeated with
unique page ids and a unique marker line per copy:

1. offline    ``khabar process corpus.jsonl`` as a child process: wall time, pages/s,
              articles/s, the child's peak RSS and CPU time;
2. in-process ``Pipeline.process_record`` page by page: p50/p99 latency, mean seconds per
              stage, full-pipeline and cleaning-only pages/s on one core;
3. end-to-end a real Kafka broker (temp dir, free ports) and one ``khabar worker``: pages are
              produced with kafka-python, enriched articles consumed back; articles/s and
              per-article latency (output CreateTime minus input timestamp), worker peak RSS.

Progress goes to stderr; the report (or, with ``--json``, one JSON object) to stdout. See
benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import math
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# The code measured is whatever `import workers` finds (the editable install, or a tree put first
# with PYTHONPATH, which the child processes inherit); the project root only as a fallback.
try:
    import workers
except ImportError:
    sys.path.insert(0, str(PROJECT_ROOT))
    try:
        import workers
    except ImportError:  # pragma: no cover - run with the wrong interpreter
        sys.exit(f"cannot import khabar's `workers` package: run this with {PROJECT_ROOT / '.venv/bin/python'}")

SEEDS = PROJECT_ROOT / "seeds" / "raw-pages.jsonl"
from workers.broker import free_ports  # noqa: E402
from workers.pipeline import STAGES as PIPELINE_STAGES  # noqa: E402

STAGES = tuple(s for s in PIPELINE_STAGES if s != "total")
# Cleaning = everything before entity tagging (parse, blocks, boilerplate, template, segment).
CLEANING_STAGES = tuple(s for s in STAGES if s not in ("entities", "assemble"))
CLEANING_TARGET_PAGES_S = 2000
WARMUP_PAGES = 5


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- corpus ---------------------------------------------------------------------------------------


def load_seeds(path: Path = SEEDS) -> list[dict]:
    seeds = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not seeds:
        raise SystemExit(f"no records in {path}")
    return seeds


def make_pages(seeds: list[dict], n: int, prefix: str = "bench") -> list[tuple[str, bytes, bytes]]:
    """``n`` raw-page records, deterministic: seed ``i % len(seeds)``, a unique page id, and the
    content with a marker line ``copy <i>`` appended. Returns (page_id, key, value) triples."""
    pages = []
    for i in range(n):
        record = dict(seeds[i % len(seeds)])
        record["page_id"] = f"{prefix}-{i:07d}-{record.get('page_id', 'page')}"
        record["content"] = record["content"].rstrip("\n") + f"\ncopy {i}\n"
        value = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        pages.append((record["page_id"], str(record["source"]).encode("utf-8"), value))
    return pages


def write_jsonl(pages: list[tuple[str, bytes, bytes]], path: Path) -> int:
    with open(path, "wb") as f:
        for _, _, value in pages:
            f.write(value + b"\n")
    return path.stat().st_size


# --- helpers --------------------------------------------------------------------------------------


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def rate(count: float, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("nan")


def khabar_command() -> list[str]:
    """The ``khabar`` console script next to this interpreter, else ``python -m workers``."""
    script = Path(sys.executable).parent / "khabar"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "workers"]




def proc_status_kib(pid: int, field: str) -> int | None:
    """A ``kB`` field of /proc/<pid>/status (VmHWM = peak RSS, VmRSS = current RSS)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def proc_cpu_seconds(pid: int) -> float | None:
    """utime + stime of a live process, in seconds."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def machine_info() -> dict:
    cpu_model = None
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    mem_kib = None
    with contextlib.suppress(OSError, ValueError, IndexError):
        mem_kib = int(Path("/proc/meminfo").read_text().splitlines()[0].split()[1])
    try:
        nproc = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        nproc = os.cpu_count()
    from workers.pipeline import PIPELINE_VERSION

    return {
        "source": source_info(),
        "nproc": nproc,
        "cpu_count": os.cpu_count(),
        "cpu_model": cpu_model,
        "memory_mib": round(mem_kib / 1024) if mem_kib else None,
        "python": platform.python_version(),
        "platform": f"{platform.system()} {platform.release()} {platform.machine()}",
        "pipeline_version": PIPELINE_VERSION,
    }


def source_info() -> dict:
    """Where the measured ``workers`` package lives, and its git revision when it is a checkout."""
    root = Path(workers.__file__).resolve().parent.parent
    info: dict = {"workers": str(root / "workers"), "git_revision": None, "uncommitted_changes": None}
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10)
        if head.returncode == 0:
            info["git_revision"] = head.stdout.strip()
            status = subprocess.run(
                ["git", "-C", str(root), "status", "--porcelain", "--", "workers", "schemas"],
                capture_output=True, text=True, timeout=10,
            )  # fmt: skip
            info["uncommitted_changes"] = bool(status.stdout.strip())
    return info


# --- 1. offline: khabar process -------------------------------------------------------------------


def bench_offline(corpus: Path, pages: int, workdir: Path) -> dict:
    out_path, err_path = workdir / "process.out.jsonl", workdir / "process.err"
    cmd = [*khabar_command(), "process", str(corpus)]
    log(f"offline: {' '.join(cmd)}")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=workdir)
        # wait4: this child's own rusage (what getrusage(RUSAGE_CHILDREN) reports when it is
        # the only child waited for), so nothing else started by this script can leak into it.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 2):
        raise RuntimeError(f"khabar process exited {proc.returncode}: {err_path.read_text(errors='replace')[-2000:]}")
    with open(out_path, "rb") as f:
        articles = sum(1 for line in f if line.strip())
    with open(err_path, "rb") as f:
        dead_letters = sum(1 for line in f if line.startswith(b"{"))
    return {
        "command": " ".join(["khabar", "process", "<corpus.jsonl>"]),
        "pages": pages,
        "articles": articles,
        "dead_letters": dead_letters,
        "wall_s": wall,
        "pages_per_s": rate(pages, wall),
        "articles_per_s": rate(articles, wall),
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_kib": usage.ru_maxrss,
    }


# --- 2. in-process: Pipeline.process_record -------------------------------------------------------


def bench_in_process(pages: list[tuple[str, bytes, bytes]], warmup: list[tuple[str, bytes, bytes]]) -> tuple[dict, dict]:
    """Figures, and the number of articles each page gave (by page id; used by end-to-end)."""
    from workers.app import build_pipeline
    from workers.errors import Origin
    from workers.settings import Settings

    log(f"in-process: Pipeline.process_record over {len(pages)} pages")
    pipeline = build_pipeline(Settings())
    # Without learned templates: the corpus repeats five pages, so after four copies their headlines
    # and captions would be template and the entity tagger would see less text than a real stream.
    # bench_cleaning_alone and bench_template_full_state time the template stage.
    articles_by_page: dict[str, int] = {}
    for page_id, key, value in warmup:
        articles_by_page[page_id] = pipeline.process_record(value, Origin(key=key)).count("article")

    latencies: list[float] = []
    stage_sums = dict.fromkeys(STAGES, 0.0)
    articles = 0
    dead = 0
    for page_id, key, value in pages:
        started = time.perf_counter()
        outcome = pipeline.process_record(value, Origin(key=key))
        latencies.append(time.perf_counter() - started)
        for stage in STAGES:
            stage_sums[stage] += outcome.seconds.get(stage, 0.0)
        articles_by_page[page_id] = outcome.count("article")
        articles += articles_by_page[page_id]
        dead += outcome.dead_letter_reason is not None
    n = len(pages)
    total = sum(latencies)
    cleaning = sum(stage_sums[s] for s in CLEANING_STAGES)
    alone = bench_cleaning_alone(pipeline, pages)
    alone_without_templates = bench_cleaning_alone(pipeline, pages, learn_templates=False)
    template_full = bench_template_full_state(pipeline.config.template)
    ordered = sorted(latencies)
    figures = {
        "pages": n,
        "warmup_pages": len(warmup),
        "articles": articles,
        "dead_letters": dead,
        "latency_ms": {
            "p50": percentile(ordered, 50) * 1000,
            "p99": percentile(ordered, 99) * 1000,
            "mean": total / n * 1000,
            "max": ordered[-1] * 1000,
        },
        "stage_mean_ms": {stage: stage_sums[stage] / n * 1000 for stage in STAGES},
        "pipeline_pages_per_s": rate(n, total),
        "cleaning_pages_per_s": rate(n, cleaning),
        "cleaning_alone_pages_per_s": rate(n, alone),
        "cleaning_alone_without_templates_pages_per_s": rate(n, alone_without_templates),
        "cleaning_target_pages_per_s": CLEANING_TARGET_PAGES_S,
        "template_full_state": template_full,
    }
    return figures, articles_by_page


def bench_cleaning_alone(pipeline, pages: list[tuple[str, bytes, bytes]], rounds: int = 3, learn_templates: bool = True) -> float:
    """Seconds for the cleaning stages alone (decode, then ``Pipeline.clean``: blocks, line classes,
    learned templates, looked up and learned as the worker does, segmentation; no entity tagging)
    over all pages, the best of ``rounds`` passes, each with new template state. Inside the full
    pipeline the same stages run slower: entity tagging between two pages evicts their tables
    from the CPU caches. On this corpus (five pages repeated) a page's headlines and captions are
    template from its fifth copy on, which leaves the segmenter fewer blocks to place; hence the
    second figure, ``learn_templates=False``, and ``bench_template_full_state``."""
    from workers.errors import RejectedRecord
    from workers.parse import decode_page

    best = math.inf
    for _ in range(rounds):
        templates: dict[str, dict] | None = {} if learn_templates else None
        started = time.perf_counter()
        for _page_id, _key, value in pages:
            try:
                pipeline.clean(decode_page(value, pipeline.contract, pipeline.config.max_page_bytes), templates)
            except RejectedRecord:
                pass
        best = min(best, time.perf_counter() - started)
    return best


def bench_template_full_state(config, pages: int = 1000) -> dict:
    """Microseconds per page of the template stage (``find_template_blocks`` then ``learn`` in place, as
    ``Pipeline.clean`` runs them) for a source
    whose state is full (``max_keys`` keys, ``max_recent_pages`` page ids), as a busy site's state
    is in a long-running worker. The repeated seed pages never fill a state: this uses synthetic
    pages of a site (a 4-line menu, 40 lines drawn from 3,000 words, fixed random seed)."""
    import random

    from workers.cleaning.template import find_template_blocks, learn
    from workers.model import Block
    from workers.text import block_key

    rng = random.Random(20261124)
    vocabulary = [f"word{i}" for i in range(3000)]
    menu = ["Home", "World", "Sports", "All rights reserved"]

    def page() -> list[Block]:
        lines = menu + [" ".join(rng.choices(vocabulary, k=rng.randint(2, 12))) for _ in range(40)]
        return [Block(i, text, block_key(text)) for i, text in enumerate(lines)]

    state = None
    n = 0
    while state is None or len(state["keys"]) < config.max_keys - config.max_keys // 8 or len(state["recent"]) < config.max_recent_pages:
        state = learn(state, f"warm-{n}", page(), config, in_place=True)
        n += 1
    timed = [page() for _ in range(pages)]
    started = time.perf_counter()
    for i, blocks in enumerate(timed):
        find_template_blocks(blocks, state, config, page_id=f"page-{i}")
        state = learn(state, f"page-{i}", blocks, config, in_place=True)
    seconds = time.perf_counter() - started
    return {"max_keys": config.max_keys, "max_recent_pages": config.max_recent_pages, "us_per_page": seconds / pages * 1e6}


# --- 3. end-to-end: broker + worker ---------------------------------------------------------------


def settings_env(settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KHABAR_")}
    for name, value in settings.model_dump().items():
        env[f"KHABAR_{name.upper()}"] = str(value)
    return env


def wait_http(url: str, timeout: float, proc: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"the worker exited with {proc.returncode} during startup:\n{tail(log_path)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                response.read()
                return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not answer within {timeout:.0f} s:\n{tail(log_path)}") from None
            time.sleep(0.2)


def tail(path: Path, n: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return "(no log)"


class ArticleReader:
    """Reads the enriched-articles topic from the beginning; remembers every article seen."""

    def __init__(self, settings) -> None:
        from kafka import KafkaConsumer, TopicPartition

        topic = settings.topic_enriched_articles
        self.consumer = KafkaConsumer(
            bootstrap_servers=settings.bootstrap_list, group_id=None, enable_auto_commit=False, client_id="khabar-bench"
        )
        partitions = self.consumer.partitions_for_topic(topic) or set()
        deadline = time.monotonic() + 30
        while not partitions and time.monotonic() < deadline:
            time.sleep(0.2)
            partitions = self.consumer.partitions_for_topic(topic) or set()
        if not partitions:
            raise RuntimeError(f"topic {topic} has no partitions")
        tps = [TopicPartition(topic, p) for p in sorted(partitions)]
        self.consumer.assign(tps)
        self.consumer.seek_to_beginning(*tps)
        self.seen: dict[str, tuple[str, int, int]] = {}  # article_id -> (page_id, timestamp ms, type)
        self.article_count: dict[str, int] = {}  # page_id -> article_count of its events
        self.by_page: dict[str, int] = {}  # page_id -> distinct articles received
        self.duplicates = 0

    def poll(self) -> int:
        new = 0
        for records in self.consumer.poll(timeout_ms=500).values():
            for message in records:
                article = json.loads(message.value)
                article_id = article["article_id"]
                if article_id in self.seen:
                    self.duplicates += 1
                    continue
                page_id = article["page_id"]
                self.seen[article_id] = (page_id, message.timestamp, message.timestamp_type)
                self.article_count[page_id] = article["article_count"]
                self.by_page[page_id] = self.by_page.get(page_id, 0) + 1
                new += 1
        return new

    def complete(self, page_ids: set[str]) -> int:
        """How many of ``page_ids`` have all their articles (``article_count`` of their events)."""
        return sum(1 for p in page_ids if p in self.by_page and self.by_page[p] >= self.article_count[p])

    def received(self, page_ids: set[str]) -> int:
        return sum(self.by_page.get(p, 0) for p in page_ids)

    def wait_for(self, page_ids: set[str], idle_timeout: float, what: str, worker: subprocess.Popen) -> int:
        """Poll until every page of ``page_ids`` has all its articles, or nothing new came for
        ``idle_timeout`` seconds, or the worker died; returns the number of complete pages."""
        last_progress = time.monotonic()
        last_report = time.monotonic()
        done = self.complete(page_ids)
        while done < len(page_ids):
            if self.poll():
                last_progress = time.monotonic()
                done = self.complete(page_ids)
            elif worker.poll() is not None:
                log(f"{what}: the worker exited with {worker.returncode}")
                break
            elif time.monotonic() - last_progress > idle_timeout:
                log(f"{what}: gave up after {idle_timeout:.0f} s without new articles")
                break
            if time.monotonic() - last_report > 5:
                log(f"{what}: {done}/{len(page_ids)} pages complete, {self.received(page_ids)} articles")
                last_report = time.monotonic()
        return done

    def close(self) -> None:
        self.consumer.close()


def prime_group_coordinator(settings, timeout: float = 60) -> None:
    """Join a throwaway consumer group once, so that ``__consumer_offsets`` exists and the group
    coordinator answers before the worker starts (a fresh broker creates it on first use)."""
    from kafka import KafkaConsumer

    consumer = KafkaConsumer(
        settings.topic_dead_letters,
        bootstrap_servers=settings.bootstrap_list,
        group_id=f"{settings.app_id}-bench-prime",
        enable_auto_commit=False,
        client_id="khabar-bench-prime",
    )
    try:
        deadline = time.monotonic() + timeout
        while not consumer.assignment():
            if time.monotonic() > deadline:
                raise RuntimeError(f"no group coordinator on {settings.bootstrap_servers} after {timeout:.0f} s")
            consumer.poll(timeout_ms=500)
    finally:
        consumer.close()


def bench_end_to_end(
    pages: list[tuple[str, bytes, bytes]],
    expected_by_page: dict[str, int],
    warmup: list[tuple[str, bytes, bytes]],
    workdir: Path,
    rate_limit: float,
    idle_timeout: float,
) -> dict:
    from kafka import KafkaProducer

    from workers.broker import LocalBroker
    from workers.kafka_io import ensure_topics
    from workers.settings import Settings

    port, controller_port, web_port = free_ports(3)
    broker = LocalBroker(workdir / "kafka", port, controller_port, heap="512M")
    worker: subprocess.Popen | None = None
    reader: ArticleReader | None = None
    producer = None
    worker_log = workdir / "worker.log"
    result: dict = {"pages": len(pages), "warmup_pages": len(warmup), "rate_limit_pages_per_s": rate_limit or None}
    try:
        log(f"end-to-end: starting Kafka {broker.version} on {broker.bootstrap}")
        started = time.perf_counter()
        broker.start(timeout=180)
        result["broker_start_s"] = time.perf_counter() - started

        run = uuid.uuid4().hex[:8]
        settings = Settings(
            bootstrap_servers=broker.bootstrap,
            app_id=f"khabar-bench-{run}",
            topic_raw_pages=f"bench{run}.raw-pages",
            topic_enriched_articles=f"bench{run}.enriched-articles",
            topic_entity_mentions=f"bench{run}.entity-mentions",
            topic_dead_letters=f"bench{run}.dead-letters",
            data_dir=workdir / "worker-data",
            web_port=web_port,
            log_level="info",
        )
        result["topic_partitions"] = settings.topic_partitions
        ensure_topics(settings)
        prime_group_coordinator(settings)

        log(f"end-to-end: starting `khabar worker` (web port {web_port}, log {worker_log})")
        started = time.perf_counter()
        with open(worker_log, "ab") as out:
            worker = subprocess.Popen(
                [*khabar_command(), "worker"], env=settings_env(settings), stdout=out, stderr=subprocess.STDOUT, cwd=workdir
            )
        wait_http(f"http://127.0.0.1:{web_port}/metrics", 120, worker, worker_log)
        result["worker_start_s"] = time.perf_counter() - started

        reader = ArticleReader(settings)
        producer = KafkaProducer(bootstrap_servers=settings.bootstrap_list, acks="all", linger_ms=5, client_id="khabar-bench")
        topic = settings.topic_raw_pages

        # Warm-up: wait until the worker has its partitions and has answered a few pages.
        log(f"end-to-end: {len(warmup)} warm-up pages")
        for _, key, value in warmup:
            producer.send(topic, key=key, value=value)
        producer.flush()
        warm_ids = {p for p, _, _ in warmup}
        if reader.wait_for(warm_ids, 120, "warm-up", worker) < len(warm_ids):
            raise RuntimeError(f"warm-up: only {reader.received(warm_ids)} articles arrived; worker log:\n{tail(worker_log)}")

        log(f"end-to-end: producing {len(pages)} pages" + (f" at {rate_limit:g} pages/s" if rate_limit else " (burst)"))
        produced_ms: dict[str, int] = {}
        futures = []
        first = time.time()
        for i, (page_id, key, value) in enumerate(pages):
            if rate_limit:
                delay = first + i / rate_limit - time.time()
                if delay > 0:
                    time.sleep(delay)
            ts = int(time.time() * 1000)
            produced_ms[page_id] = ts
            futures.append(producer.send(topic, key=key, value=value, timestamp_ms=ts))
        producer.flush()
        for future in futures:
            future.get(timeout=60)
        result["produce_s"] = time.time() - first

        page_ids = set(produced_ms)
        expected = sum(expected_by_page[p] for p in page_ids)
        complete = reader.wait_for(page_ids, idle_timeout, "end-to-end", worker)
        got = reader.received(page_ids)
        mismatched = sum(1 for p in page_ids if p in reader.article_count and reader.article_count[p] != expected_by_page[p])

        if worker.poll() is None:
            result["worker_peak_rss_kib"] = proc_status_kib(worker.pid, "VmHWM")
            result["worker_cpu_s"] = proc_cpu_seconds(worker.pid)
        broker_pid = _broker_pid(broker)
        if broker_pid:
            result["broker_peak_rss_kib"] = proc_status_kib(broker_pid, "VmHWM")

        latencies, out_ts, types = [], [], set()
        for page_id, ts, ts_type in reader.seen.values():
            if page_id in produced_ms:
                latencies.append(ts - produced_ms[page_id])
                out_ts.append(ts)
                types.add(ts_type)
        latencies.sort()
        first_ms = min(produced_ms.values())
        span_s = (max(out_ts) - first_ms) / 1000 if out_ts else float("nan")
        result.update(
            {
                "articles_expected": expected,
                "articles": got,
                "pages_complete": complete,
                # pages whose events announce another article_count than the in-process run gave:
                # the worker is not running the same code as this process.
                "pages_article_count_mismatch": mismatched,
                "duplicates": reader.duplicates,
                "timestamp_types": sorted(types),  # 0 = CreateTime
                "span_s": span_s,
                "articles_per_s": rate(got, span_s),
                "pages_per_s": rate(len(pages), span_s) if complete == len(pages) else float("nan"),
                "latency_ms": {
                    "p50": percentile(latencies, 50),
                    "p99": percentile(latencies, 99),
                    "max": latencies[-1] if latencies else float("nan"),
                },
            }
        )
        return result
    finally:
        if producer is not None:
            with contextlib.suppress(Exception):
                producer.close(timeout=10)
        if reader is not None:
            with contextlib.suppress(Exception):
                reader.close()
        if worker is not None and worker.poll() is None:
            log("end-to-end: stopping the worker (SIGTERM)")
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                log("end-to-end: the worker ignored SIGTERM for 30 s; killing it")
                worker.kill()
                worker.wait()
        if worker is not None:
            result["worker_exit_code"] = worker.returncode
        log("end-to-end: stopping the broker")
        try:
            broker.stop()
        except Exception as exc:  # noqa: BLE001 - report, keep going to clean up
            log(f"end-to-end: stopping the broker failed: {exc}")


def _broker_pid(broker) -> int | None:
    try:
        return int(broker.pid_file.read_text().strip())
    except (OSError, ValueError):
        return None


# --- report ---------------------------------------------------------------------------------------


def mib(kib: float | None) -> str:
    return f"{kib / 1024:.1f} MiB" if kib else "n/a"


def render(report: dict) -> str:
    m, c = report["machine"], report["corpus"]
    lines = [
        f"khabar benchmark  {report['date']}  ({m['pipeline_version']})",
        f"machine   nproc {m['nproc']}, {m['cpu_model'] or 'unknown CPU'}, {m['memory_mib']} MiB RAM, "
        f"Python {m['python']}, {m['platform']}",
        f"code      {m['source']['workers']}"
        + (f" (git {m['source']['git_revision']}{', with uncommitted changes' if m['source']['uncommitted_changes'] else ''})"
           if m["source"]["git_revision"] else " (not a git checkout)"),
        f"corpus    {c['pages']} pages = {c['seeds']} seed pages repeated (unique page_id, marker line), "
        f"{c['bytes'] / 1e6:.1f} MB, mean {c['bytes'] / max(c['pages'], 1) / 1000:.1f} kB/page",
        "",
    ]
    o = report["offline"]
    lines += [
        "offline   khabar process corpus.jsonl (child process, one core)",
        f"  pages {o['pages']}  articles {o['articles']}  dead letters {o['dead_letters']}",
        f"  wall {o['wall_s']:.2f} s   cpu {o['cpu_s']:.2f} s   peak RSS {mib(o['peak_rss_kib'])}",
        f"  {o['pages_per_s']:.1f} pages/s   {o['articles_per_s']:.1f} articles/s",
        "",
    ]
    p = report["in_process"]
    lat, st, tf = p["latency_ms"], p["stage_mean_ms"], p["template_full_state"]
    lines += [
        f"in-process  Pipeline.process_record, {p['pages']} pages after {p['warmup_pages']} warm-up",
        f"  per page   p50 {lat['p50']:.2f} ms   p99 {lat['p99']:.2f} ms   mean {lat['mean']:.2f} ms   max {lat['max']:.2f} ms",
        "  stage mean " + "  ".join(f"{s} {st[s]:.3f}" for s in STAGES) + "  (ms)",
        f"  full pipeline  {p['pipeline_pages_per_s']:.1f} pages/s on one core",
        f"  cleaning alone {p['cleaning_alone_pages_per_s']:.0f} pages/s on one core ({'+'.join(CLEANING_STAGES)}, "
        f"no entity tagging; product target >= {p['cleaning_target_pages_per_s']:,} pages/s)",
        f"  cleaning alone without template learning  {p['cleaning_alone_without_templates_pages_per_s']:.0f} pages/s",
        f"  cleaning stages inside the full pipeline  {p['cleaning_pages_per_s']:.0f} pages/s (no template learning)",
        f"  template stage at a full state ({tf['max_keys']:,} keys, {tf['max_recent_pages']} page ids)  {tf['us_per_page']:.0f} us/page",
        "",
    ]
    e = report.get("end_to_end")
    if e is None:
        lines.append("end-to-end  skipped (--skip-e2e)")
    elif "error" in e:
        lines.append(f"end-to-end  FAILED: {e['error']}")
    else:
        elat = e["latency_ms"]
        mode = f"paced at {e['rate_limit_pages_per_s']:g} pages/s" if e["rate_limit_pages_per_s"] else "burst"
        lines += [
            f"end-to-end  Kafka {e.get('kafka_version', '?')} (1 node) + 1 khabar worker, {e['topic_partitions']} partitions, "
            f"{e['pages']} pages ({mode}) after {e['warmup_pages']} warm-up",
            f"  pages complete {e['pages_complete']}/{e['pages']}  articles {e['articles']}/{e['articles_expected']}  "
            f"duplicates {e['duplicates']}  "
            f"produce {e['produce_s']:.2f} s  first produce -> last output {e['span_s']:.2f} s",
            f"  {e['articles_per_s']:.1f} articles/s",
            *(
                [f"  WARNING    {e['pages_article_count_mismatch']} page(s) gave another number of articles than in-process:"
                 " the worker did not run the same code"]
                if e["pages_article_count_mismatch"] else []
            ),
            f"  latency    p50 {elat['p50']:.0f} ms   p99 {elat['p99']:.0f} ms   max {elat['max']:.0f} ms  "
            "(output CreateTime - input timestamp)",
            f"  worker     peak RSS {mib(e.get('worker_peak_rss_kib'))}   cpu {e.get('worker_cpu_s') or float('nan'):.1f} s"
            f"   broker peak RSS {mib(e.get('broker_peak_rss_kib'))}",
            f"  startup    broker {e['broker_start_s']:.1f} s   worker {e['worker_start_s']:.1f} s"
            f"   worker exit code after SIGTERM {e.get('worker_exit_code')}",
        ]
    return "\n".join(lines)


def _clean(value):
    """NaN/inf -> None and floats rounded, so the JSON is strict and readable."""
    if isinstance(value, float):
        return None if not math.isfinite(value) else round(value, 4)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=3000, help="pages in the offline corpus (default 3000)")
    parser.add_argument("--e2e-pages", type=int, default=1000, help="pages sent through Kafka (default 1000)")
    parser.add_argument(
        "--e2e-rate", type=float, default=0.0, help="produce at most R pages/s end-to-end (default 0: all at once)"
    )
    parser.add_argument(
        "--e2e-idle-timeout", type=float, default=60.0, help="stop waiting after S seconds without new articles"
    )
    parser.add_argument("--skip-e2e", action="store_true", help="no broker, no worker: offline figures only")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    if args.pages < 1 or args.e2e_pages < 1:
        parser.error("--pages and --e2e-pages must be >= 1")

    seeds = load_seeds()
    report: dict = {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": " ".join(["python", "benchmarks/run.py", *(argv if argv is not None else sys.argv[1:])]),
        "machine": machine_info(),
    }
    workdir = Path(tempfile.mkdtemp(prefix="khabar-bench-"))
    keep = True  # the corpus, worker log and broker logs stay for inspection unless all went well
    try:
        pages = make_pages(seeds, args.pages)
        corpus = workdir / "corpus.jsonl"
        size = write_jsonl(pages, corpus)
        report["corpus"] = {"pages": len(pages), "seeds": len(seeds), "bytes": size}
        log(f"corpus: {len(pages)} pages, {size / 1e6:.1f} MB in {corpus}")

        warmup = make_pages(seeds, WARMUP_PAGES, prefix="warmup")
        report["offline"] = bench_offline(corpus, len(pages), workdir)
        report["in_process"], articles_by_page = bench_in_process(pages, warmup)

        if not args.skip_e2e:
            e2e_pages = make_pages(seeds, args.e2e_pages)  # the first M pages of the same sequence
            missing = [p for p in e2e_pages if p[0] not in articles_by_page]
            if missing:  # more e2e pages than offline ones: count their articles too
                from workers.app import build_pipeline
                from workers.errors import Origin
                from workers.settings import Settings

                pipeline = build_pipeline(Settings())
                for page_id, key, value in missing:
                    articles_by_page[page_id] = pipeline.process_record(value, Origin(key=key)).count("article")
            try:
                from workers.broker import kafka_version

                e2e = bench_end_to_end(e2e_pages, articles_by_page, warmup, workdir, args.e2e_rate, args.e2e_idle_timeout)
                e2e["kafka_version"] = kafka_version()
            except Exception as exc:  # noqa: BLE001 - the offline figures are still worth printing
                log(f"end-to-end failed: {type(exc).__name__}: {exc}")
                e2e = {"error": f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"}
            report["end_to_end"] = e2e
        e2e = report.get("end_to_end")
        keep = e2e is not None and ("error" in e2e or e2e["pages_complete"] < e2e["pages"])
    finally:
        if keep:
            log(f"kept {workdir} for inspection (corpus, worker.log, kafka/logs)")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    if args.json:
        print(json.dumps(_clean(report), ensure_ascii=False, indent=None))
    else:
        print(render(report))
    return 1 if "error" in report.get("end_to_end", {}) else 0


if __name__ == "__main__":
    sys.exit(main())
