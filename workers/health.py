"""Worker health: liveness, readiness, consumer lag, rebalances, last progress.

The decisions are plain functions over plain data (``Progress.live``, ``readiness``), tested
without faust. ``register_health`` is the faust shell: a timer that measures the consumer lag of
the raw-pages partitions this worker owns, a sensor that counts rebalances, and two web views on
the worker's web port (next to ``/metrics``):

* ``GET /health/live``: 200 while the worker makes progress, or is idle with no lag; 503 when it
  has lag and processed nothing for ``KHABAR_STALL_SECONDS`` (a stuck agent). A restart helps.
* ``GET /health/ready``: 200 once the worker runs, is not rebalancing, owns partitions of the
  raw-pages topic and its tables are recovered; 503 before. A worker beyond the partition count
  owns none and stays unready (it is a standby). Restarting does not help.

Lag is ``end offset - committed offset`` per owned partition of the raw-pages topic, read from the
faust consumer every ``KHABAR_LAG_INTERVAL_SECONDS``. faust keeps the committed offsets in a
private attribute (``Consumer._committed_offset``); if a faust upgrade removes it, lag falls back
to ``end offset - (last offset processed + 1)``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import faust

from workers.metrics import KhabarMetrics
from workers.settings import Settings


@dataclass
class Progress:
    """What one worker knows about its own progress (one instance per worker, not global)."""

    started_at: float = field(default_factory=time.monotonic)
    last_progress: float | None = None  # time.monotonic() of the last record processed
    processed: dict[int, int] = field(default_factory=dict)  # partition -> last offset processed
    lag: dict[int, int] = field(default_factory=dict)  # partition -> records behind

    def record(self, partition: int, offset: int, now: float | None = None) -> None:
        """Note that the record at ``offset`` of ``partition`` was processed."""
        self.last_progress = time.monotonic() if now is None else now
        self.processed[partition] = offset

    def live(self, now: float, stall_seconds: float) -> tuple[bool, str]:
        """Liveness: progress within ``stall_seconds``, or nothing to do."""
        behind = sum(self.lag.values())
        if behind == 0:
            return True, "idle: no lag"
        since = now - (self.last_progress if self.last_progress is not None else self.started_at)
        if since <= stall_seconds:
            return True, f"progressing: lag {behind}, last record {since:.0f} s ago"
        return False, f"stalled: lag {behind} and no record processed for {since:.0f} s"


def readiness(running: bool, rebalancing: bool, assigned: bool, recovered: bool) -> tuple[bool, str]:
    """Readiness: running, not rebalancing, partitions assigned, tables recovered."""
    if not running:
        return False, "starting"
    if rebalancing:
        return False, "rebalancing"
    if not assigned:
        return False, "no partitions assigned"
    if not recovered:
        return False, "recovering tables"
    return True, "ready"


def partition_lag(end: int | None, committed: int | None, processed: int | None) -> int | None:
    """Records behind in one partition, or ``None`` while the end offset is unknown."""
    if end is None or end < 0:
        return None
    if committed is None and processed is not None:
        committed = processed + 1
    return max(0, end - (committed or 0))


class _RebalanceSensor(faust.Sensor):
    def __init__(self, metrics: KhabarMetrics, **kwargs) -> None:
        super().__init__(**kwargs)
        self._metrics = metrics

    def on_rebalance_start(self, app: faust.App) -> dict:
        self._metrics.rebalances.inc()
        return super().on_rebalance_start(app)


def register_health(app: faust.App, settings: Settings, metrics: KhabarMetrics, progress: Progress) -> None:
    """Add the lag timer, the rebalance sensor and the health views to ``app``."""
    app.sensors.add(_RebalanceSensor(metrics))

    @app.timer(interval=settings.lag_interval_seconds)
    async def measure_lag() -> None:
        consumer = app.consumer
        committed_offsets = getattr(consumer, "_committed_offset", {})
        owned = {tp for tp in consumer.assignment() if tp.topic == settings.topic_raw_pages}
        lag: dict[int, int] = {}
        for tp in owned:
            behind = partition_lag(consumer.highwater(tp), committed_offsets.get(tp), progress.processed.get(tp.partition))
            if behind is not None:
                lag[tp.partition] = behind
        for gone in set(progress.lag) - set(lag):
            metrics.consumer_lag.remove(str(gone))
        for partition, behind in lag.items():
            metrics.consumer_lag.labels(partition=str(partition)).set(behind)
        progress.lag = lag

    @app.page("/health/live")
    async def live(web, request):
        ok, reason = progress.live(time.monotonic(), settings.stall_seconds)
        return web.json({"status": "ok" if ok else "fail", "reason": reason}, status=200 if ok else 503)

    @app.page("/health/ready")
    async def ready(web, request):
        recovery = getattr(app.tables, "recovery", None)
        recovered = recovery is None or (recovery.completed.is_set() and not recovery.in_recovery)
        assigned = any(tp.topic == settings.topic_raw_pages for tp in app.consumer.assignment())
        ok, reason = readiness(bool(app.started), bool(app.rebalancing), assigned, recovered)
        return web.json({"status": "ok" if ok else "fail", "reason": reason}, status=200 if ok else 503)
