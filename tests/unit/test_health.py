"""Liveness, readiness and lag decisions (workers.health), without faust."""

from __future__ import annotations

from workers.health import Progress, partition_lag, readiness


def test_idle_worker_without_lag_is_live_forever():
    progress = Progress(started_at=0.0)
    assert progress.live(now=10_000.0, stall_seconds=300) == (True, "idle: no lag")


def test_lag_without_progress_is_live_until_the_stall_bound():
    progress = Progress(started_at=0.0)
    progress.lag = {0: 5, 1: 0}
    assert progress.live(now=300.0, stall_seconds=300)[0] is True
    ok, reason = progress.live(now=301.0, stall_seconds=300)
    assert ok is False and reason == "stalled: lag 5 and no record processed for 301 s"


def test_progress_resets_the_stall_clock():
    progress = Progress(started_at=0.0)
    progress.lag = {0: 5}
    progress.record(partition=0, offset=41, now=1_000.0)
    assert progress.live(now=1_200.0, stall_seconds=300)[0] is True
    assert progress.live(now=1_301.0, stall_seconds=300)[0] is False
    assert progress.processed == {0: 41}


def test_readiness_needs_running_settled_assigned_and_recovered():
    assert readiness(running=False, rebalancing=False, assigned=True, recovered=True) == (False, "starting")
    assert readiness(running=True, rebalancing=True, assigned=True, recovered=True) == (False, "rebalancing")
    assert readiness(running=True, rebalancing=False, assigned=False, recovered=True) == (False, "no partitions assigned")
    assert readiness(running=True, rebalancing=False, assigned=True, recovered=False) == (False, "recovering tables")
    assert readiness(running=True, rebalancing=False, assigned=True, recovered=True) == (True, "ready")


def test_partition_lag():
    assert partition_lag(end=None, committed=3, processed=None) is None  # end offset not known yet
    assert partition_lag(end=10, committed=4, processed=None) == 6
    assert partition_lag(end=10, committed=None, processed=7) == 2  # fallback: last processed + 1
    assert partition_lag(end=10, committed=None, processed=None) == 10
    assert partition_lag(end=10, committed=12, processed=None) == 0
