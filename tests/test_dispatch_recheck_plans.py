"""Re-checks and what follows them, on a real single-node Slurm: a retry waits for the start
a re-check moved, and an interruptible plan of separate hours is left as decided.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Any

import pytest

from gridwise.models import JobSpec, Quote
from gridwise.records import jobs as jr
from gridwise.store import Store
from tests.dispatchkit import dispatcher, order_onprem, slurm_of, until
from tests.recheckkit import DECIDED, ZONE, write_grid
from tools.dispatch.dispatcher import cancel
from tools.dispatch.local_slurm import LocalSlurm
from tools.dispatch.recheck_bounds import ClockMap, bounds_of
from tools.forecast.signals import ForecastCache, ForecastSignals

pytestmark = pytest.mark.slow
SCALE = 3.0  # wall seconds per hour of the decision clock
H = timedelta(hours=1)


@pytest.fixture(scope="module")
def restartable(tmp_path_factory):
    """A Slurm of this module's own: its controller is restarted with its state lost."""
    why = LocalSlurm.unavailable()
    if why:
        pytest.skip(f"no local Slurm: {why}")
    cluster = LocalSlurm(tmp_path_factory.mktemp("slurm-restart"), gres={"v10032gb": 8})
    cluster.start()
    yield cluster
    cluster.stop()


def _disp(cluster: Any, tmp_path: Any, **kw: Any) -> Any:
    return dispatcher(cluster, tmp_path, time_scale=SCALE,
                      signals=ForecastSignals(cache=ForecastCache()), **kw)


def _job(deadline_h: int, **constraints: Any) -> dict[str, Any]:
    return {"kind": "train", "gpu_hours": 4, "hardware": {"gpu_type": "V100-32GB",
                                                          "gpu_count": 2},
            "constraints": {"deadline": (DECIDED + deadline_h * H).isoformat(), **constraints}}


def _clock_map(store: Store, order_id: str) -> ClockMap:
    (row,) = [r for r in jr.dispatchable(store) if r["order_id"] == order_id]
    return ClockMap(row["decided_clock"], row["ordered_at"], SCALE)


def _slurm_start(cluster: Any, job_id: str) -> datetime:
    return datetime.fromisoformat(slurm_of(cluster).show(job_id)["StartTime"])


def test_a_retry_after_a_moved_start_waits_for_the_decided_start(store, restartable,
                                                                  tmp_path):
    # dirtier hours after the decision move the start later (the re-check test's setting)
    write_grid(store, shock=400.0, shock_hours=(0, 6))
    order_id, quote = order_onprem(store, _job(8), window="low-carbon", clock=DECIDED)
    disp = _disp(restartable, tmp_path, max_retries=1)
    assert until(store, disp, order_id, ("PENDING",)) == "PENDING"
    deadline = time.monotonic() + 30
    while not [r for r in jr.rechecks(store, order_id) if r["outcome"] == "moved"]:
        assert time.monotonic() < deadline, jr.rechecks(store, order_id)
        disp.tick(store)
        time.sleep(0.3)
    (moved,) = [r for r in jr.rechecks(store, order_id) if r["outcome"] == "moved"]
    assert moved["new_start"] > quote.start                     # moved later
    cm = _clock_map(store, order_id)
    # the run fails before its start: the controller loses every job (restarted, state lost)
    restartable.restart_controller(clear_state=True)
    assert disp.tick(store)["retried"] == 1
    first = jr.attempts(store, order_id)[0]
    assert first["state"] == "FAILED" and "Slurm no longer knows job" in first["reason"]
    assert disp.tick(store)["submitted"] == 1                   # the retry, in Slurm
    second = jr.attempts(store, order_id)[1]
    job_id = second["engine_job_id"]
    # read back: the retry's StartTime is the moved start, still ahead; not the quote's
    start = _slurm_start(restartable, job_id)
    assert abs((start - cm.wall(moved["new_start"])).total_seconds()) <= 1
    assert start > jr.utcnow() and abs((start - cm.wall(quote.start)).total_seconds()) > 2
    shown = slurm_of(restartable).show(job_id)
    assert shown["JobState"] == "PENDING" and shown["Reason"] == "BeginTime"
    cancel(store, slurm_of(restartable), order_id)


def test_the_recheck_leaves_an_interruptible_plans_segments_as_decided(store, local_slurm,
                                                                       tmp_path):
    write_grid(store, shock=400.0, shock_hours=(0, 6))          # a forecast that changes
    job = _job(12, interruptible=True)
    order_id, quote = order_onprem(store, job, window="low-carbon", clock=DECIDED)
    plan = quote.model_copy(update={"window": "interruptible",
                                    "run_hours": [DECIDED + 4 * H, DECIDED + 6 * H]})
    store.conn.execute("UPDATE orders SET record = ? WHERE id = ?",
                       [plan.model_dump_json(), order_id])
    assert plan.signal.startswith("forecast")                   # re-checkable but for the plan
    why = bounds_of(plan, JobSpec.model_validate(job), DECIDED, ZONE)
    assert isinstance(why, str) and why.startswith("an interruptible plan of separate hours")
    contiguous = plan.model_copy(update={"run_hours": [DECIDED + 4 * H, DECIDED + 5 * H]})
    assert not isinstance(bounds_of(contiguous, JobSpec.model_validate(job), DECIDED, ZONE),
                          str)                                  # one run: re-checked as before
    disp = _disp(local_slurm, tmp_path)
    assert until(store, disp, order_id, ("PENDING",)) == "PENDING"
    cm = _clock_map(store, order_id)
    while jr.utcnow() < cm.wall(DECIDED + 3 * H):               # 3 hours of the clock waiting
        disp.tick(store)
        time.sleep(0.3)
    assert jr.rechecks(store, order_id) == []
    job_id = jr.attempts(store, order_id)[0]["engine_job_id"]
    assert abs((_slurm_start(local_slurm, job_id) - cm.wall(DECIDED + 4 * H))
               .total_seconds()) <= 1
    assert Quote.model_validate_json(store.rows(
        "SELECT record FROM orders WHERE id = ?", [order_id])[0]["record"]).run_hours == \
        plan.run_hours
    cancel(store, slurm_of(local_slurm), order_id)
