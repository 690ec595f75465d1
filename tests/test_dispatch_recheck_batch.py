"""A pass re-checks its waiting jobs together, on a real single-node Slurm.

Three orders alike wait in Slurm for a low-carbon window (`tests.recheckkit`'s grid, dirtier
after the decision), all due in the same passes. One pass reads what every re-check needs
in one transaction, decides outside any, and writes every kept start and intent in one
(and every outcome in one); what changes while it forecasts (an operator's cancel, another
dispatcher's re-check) is not written over.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from gridwise.records import jobs as jr
from gridwise.store import Store
from tests.dispatchkit import copies, dispatcher, order_onprem, slurm_of, until
from tests.recheckkit import DECIDED, write_grid
from tools.dispatch import recheck as rc
from tools.dispatch.dispatcher import Dispatcher, cancel
from tools.forecast.signals import ForecastCache, ForecastSignals

pytestmark = pytest.mark.slow
SCALE = 3.0  # wall seconds per hour of the decision clock
RECHECK_PY = str(Path(rc.__file__))


def _three_waiting(store: Store, cluster: Any, tmp_path: Any) -> tuple[list[str], Dispatcher]:
    """Three orders alike (one made at once, so due together), waiting in Slurm."""
    write_grid(store, shock=400.0, shock_hours=(0, 6))
    job = {"kind": "train", "gpu_hours": 4, "hardware": {"gpu_type": "V100-32GB",
                                                         "gpu_count": 2},
           "constraints": {"deadline": (DECIDED + timedelta(hours=8)).isoformat()}}
    first, quote = order_onprem(store, job, window="low-carbon", clock=DECIDED)
    assert quote.start > DECIDED + timedelta(hours=2)       # it waits for its window
    jr.release_hold(store, first)
    ids = [first, *copies(store, first, 2)]
    store.conn.execute("UPDATE orders SET created_at = (SELECT created_at FROM orders "
                       "WHERE id = ?) WHERE id IN (SELECT unnest(?))", [first, ids])
    disp = dispatcher(cluster, tmp_path, time_scale=SCALE,
                      signals=ForecastSignals(cache=ForecastCache()))
    for o in ids:
        assert until(store, disp, o, ("PENDING",)) == "PENDING"
    return ids, disp


def _transactions_by_recheck(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Count each store transaction under the re-check's functions, by function name."""
    counts: Counter[str] = Counter()
    real = Store.transaction

    def counted(self: Store) -> Any:
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_code.co_filename == RECHECK_PY:
                counts[frame.f_code.co_name] += 1
                break
            frame = frame.f_back  # type: ignore[assignment]
        return real(self)

    monkeypatch.setattr(Store, "transaction", counted)
    return counts


def test_a_pass_reads_and_writes_its_rechecks_in_one_transaction_each(
        store, local_slurm, tmp_path, monkeypatch):
    ids, disp = _three_waiting(store, local_slurm, tmp_path)
    counts = _transactions_by_recheck(monkeypatch)
    deadline = time.monotonic() + 30
    while True:                                     # a pass that re-checks all three
        counts.clear()
        done = disp.tick(store)
        if done["rechecked"] == 3:
            break
        assert time.monotonic() < deadline, [jr.rechecks(store, o) for o in ids]
        time.sleep(0.3)
    # one read, one write of the three re-checks, one write of Slurm's outcomes (if any)
    assert counts["read"] == counts["record"] == 1 and counts["outcome"] <= 1
    assert sum(counts.values()) == 2 + counts["outcome"]
    last = [jr.rechecks(store, o)[-1] for o in ids]
    assert len({r["clock"].replace(minute=0, second=0, microsecond=0) for r in last}) == 1
    assert all(r["outcome"] != "pending" for r in last)
    for o in ids:
        cancel(store, slurm_of(local_slurm), o)


def test_what_changes_while_a_pass_forecasts_is_not_written_over(
        store, local_slurm, tmp_path, monkeypatch):
    ids, disp = _three_waiting(store, local_slurm, tmp_path)
    mine, cancelled, theirs = ids
    slurm = slurm_of(local_slurm)
    real = rc.Rechecker.forecast
    seen: dict[str, Any] = {}

    def forecast_meanwhile(self: rc.Rechecker, access: Any, due: list[rc.Due]) -> Any:
        if not seen and {d.order_id for d in due} == set(ids):  # read as due, all three
            cancel(store, slurm, cancelled)                      # the operator cancels one
            (d,) = [d for d in due if d.order_id == theirs]      # another dispatcher ...
            b = d.bounds
            jr.recheck(store, {                                  # ... re-checks another
                "order_id": theirs, "attempt": d.attempt, "ts": jr.utcnow(),
                "clock": d.clock, "made_at": None, "series": b.series, "zone": b.zone,
                "model": None, "old_start": d.old, "new_start": d.old, "old_value": None,
                "new_value": None, "unit": b.unit, "action": "keep",
                "outcome": "no_forecast", "engine_begin": None, "why": "the other one's",
                "detail": None})
            seen["before"] = {o: len(jr.rechecks(store, o)) for o in ids}
            seen["begin"] = slurm.jobs()[jr.attempts(store, theirs)[0]["engine_job_id"]] \
                .begin_time
        return real(self, access, due)

    monkeypatch.setattr(rc.Rechecker, "forecast", forecast_meanwhile)
    deadline = time.monotonic() + 30
    while not seen:
        assert time.monotonic() < deadline, [jr.rechecks(store, o) for o in ids]
        done = disp.tick(store)
        time.sleep(0.3)
    assert done["rechecked"] == 1                   # the pass recorded its own order's only
    after = {o: jr.rechecks(store, o) for o in ids}
    assert len(after[mine]) == seen["before"][mine] + 1
    assert after[mine][-1]["outcome"] != "pending"
    # the cancelled order: nothing recorded, still cancelled, and Slurm was not asked
    assert len(after[cancelled]) == seen["before"][cancelled]
    assert store.rows("SELECT status FROM jobs WHERE id = ?",
                      [cancelled])[0]["status"] == "CANCELLED"
    # the other dispatcher's re-check stays the last, and the job's begin is as it was
    assert len(after[theirs]) == seen["before"][theirs]
    assert after[theirs][-1]["why"] == "the other one's"
    job_id = jr.attempts(store, theirs)[0]["engine_job_id"]
    assert slurm.jobs()[job_id].begin_time == seen["begin"]
    for o in (mine, theirs):
        cancel(store, slurm, o)
