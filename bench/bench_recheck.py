"""Re-check benchmark: the cost of hold-and-re-check per waiting job, and the saving it keeps.

Run (as root, with Debian slurm-wlm + munge, on a loaded home; `make demo` loads one):
    GRIDWISE_HOME=.gridwise .venv/bin/python -m bench.bench_recheck [--jobs 1,20]
        [--passes 7] [--saving-orders 10] [--scale 8] [--whole-pass]

On a copy of the loaded store, with a real single-node Slurm (`LocalSlurm`):

* cost: `--jobs` waiting low-carbon orders on `onprem-eu-v100` (DE-LU), decided at one
  clock and held past it (an earliest start a day later, so none can start meanwhile),
  at 2 wall seconds per hour of the decision clock, so every pass is due. Per pass it
  times the dispatcher's tick with re-checking on and, right after, one with it off, on
  the same queue; a pass's cost per waiting job is the difference over the re-checks it
  made. Median (and max) over `--passes` passes. Each pass reaches the state file as the
  service does (`StoreAccess`), so it also reports how long a pass held the state file
  (every use together, and its longest use); `--whole-pass` holds it for the whole pass,
  as the service did before re-check forecasts moved to the reference file.
* saving: `--saving-orders` low-carbon orders per zone (V100s in DE-LU, T4s in
  US-MIDA-PJM, next-day deadline) at 09:00 UTC on days of 2023 (never used to choose
  anything), all waiting in Slurm at once at `--scale` wall seconds per hour; the
  dispatcher runs until every job has run. Each job's start is read from its re-checks
  (checked against Slurm's start time) and scored on the actual series against running at
  once, the quote's start (deciding once: what the product did before, and does with
  GRIDWISE_DISPATCH_REDECIDE=false) and the best window in hindsight.
Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from bench.bench_load import machine
from gridwise.records import jobs as jr
from gridwise.settings import load_settings
from gridwise.store import Store
from gridwise.store_access import StoreAccess
from tools.dispatch.dispatcher import Dispatcher
from tools.dispatch.local_slurm import LocalSlurm
from tools.dispatch.recheck import ClockMap
from tools.dispatch.slurm import Slurm
from tools.forecast.signals import ForecastCache, ForecastSignals
from tools.grid import ceil_hour, hourly
from tools.windows import min_mean_window

JOB = {"kind": "train", "gpu_hours": 4, "hardware": {"gpu_type": "V100-32GB", "gpu_count": 2}}
#: The saving run's orders per carbon zone: the on-prem cluster's GPU there.
ZONE_GPUS = {"DE-LU": "V100-32GB", "US-MIDA-PJM": "T4"}
SAVING_DAYS = ("2023-01-17", "2023-02-14", "2023-03-14", "2023-04-18", "2023-05-16",
               "2023-06-13", "2023-09-12", "2023-10-17", "2023-11-14", "2023-12-12")


def _dispatcher(cluster: LocalSlurm, root: Path, scale: float, redecide: bool) -> Dispatcher:
    return Dispatcher(slurm=Slurm(conf=cluster.conf),
                      partitions={"onprem-eu-v100": cluster.partition,
                                  "onprem-us-t4": cluster.partition}, max_retries=0,
                      time_scale=scale, log_dir=root, redecide=redecide,
                      signals=ForecastSignals(cache=ForecastCache()))


def _job(clock: datetime, deadline_h: int, earliest_h: int = 0,
         gpu: str = "V100-32GB") -> dict[str, Any]:
    c: dict[str, str] = {"deadline": (clock + timedelta(hours=deadline_h)).isoformat()}
    if earliest_h:
        c["earliest_start"] = (clock + timedelta(hours=earliest_h)).isoformat()
    return JOB | {"hardware": {"gpu_type": gpu, "gpu_count": 2}, "constraints": c}


def _timed_tick(disp: Dispatcher, access: StoreAccess,
                whole_pass: bool) -> tuple[dict[str, int], float, float, float]:
    """One pass through `access`: (what it did, seconds, state file held, longest use)."""
    held, access.longest_hold_s = access.held_s, 0.0
    t = time.perf_counter()
    if whole_pass:
        with access.state() as s:
            done = disp.tick(s)
    else:
        done = disp.tick(access)
    return (done, time.perf_counter() - t, access.held_s - held, access.longest_hold_s)


def cost(store: Store, cluster: LocalSlurm, root: Path, jobs: int, passes: int,
         whole_pass: bool = False) -> dict:
    """Per-job cost of a re-check pass over `jobs` waiting orders (see the module)."""
    from tests.dispatchkit import copies, order_onprem

    clock = datetime(2023, 3, 7, 9)
    first, _ = order_onprem(store, _job(clock, 72, earliest_h=24), window="low-carbon",
                            clock=clock)
    jr.release_hold(store, first)
    orders = [first, *copies(store, first, jobs - 1, tag=f"n{jobs}-")]
    on = _dispatcher(cluster, root, 2.0, True)
    off = _dispatcher(cluster, root, 2.0, False)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        off.tick(store)
        n = store.rows("SELECT count(*) AS n FROM jobs WHERE id IN (SELECT unnest(?)) AND "
                       "status = 'PENDING'", [orders])[0]["n"]
        if n == len(orders):
            break
        time.sleep(0.2)
    per_job: list[float] = []
    with_s: list[float] = []
    without_s: list[float] = []
    held_s: list[float] = []
    longest_s: list[float] = []
    held_off_s: list[float] = []
    counts: list[int] = []
    access = StoreAccess(store.path)
    while len(per_job) < passes and time.monotonic() < deadline + 120:
        time.sleep(2.05)                     # one hour of the decision clock
        done, a, held, longest = _timed_tick(on, access, whole_pass)
        _, b, held_off, _ = _timed_tick(off, access, whole_pass)
        if done["rechecked"]:
            per_job.append((a - b) / done["rechecked"])
            with_s.append(a)
            without_s.append(b)
            held_s.append(held)
            longest_s.append(longest)
            held_off_s.append(held_off)
            counts.append(done["rechecked"])
    for o in orders:
        from tools.dispatch.dispatcher import cancel

        cancel(store, Slurm(conf=cluster.conf), o)
    return {"waiting_jobs": jobs, "passes": len(per_job), "rechecks_per_pass": counts,
            "per_job_ms_median": round(1000 * statistics.median(per_job), 1),
            "per_job_ms_max": round(1000 * max(per_job), 1),
            "tick_with_ms_median": round(1000 * statistics.median(with_s), 1),
            "tick_without_ms_median": round(1000 * statistics.median(without_s), 1),
            "whole_pass": whole_pass,
            "state_held_ms_median": round(1000 * statistics.median(held_s), 1),
            "state_held_ms_max": round(1000 * max(held_s), 1),
            "state_longest_use_ms_median": round(1000 * statistics.median(longest_s), 1),
            "state_held_without_ms_median": round(1000 * statistics.median(held_off_s), 1)}


def _actual_mean(store: Store, zone: str, start: datetime, runtime_h: float) -> float:
    steps = max(1, math.ceil(runtime_h - 1e-9))
    v = hourly(store.conn, "carbon_intensity", zone, start, steps).values
    w = np.ones(steps)
    w[-1] = runtime_h - (steps - 1)
    return float(np.dot(v, w) / w.sum())


def saving(store: Store, cluster: LocalSlurm, root: Path, n: int, scale: float) -> dict:
    """Saving kept by re-checking on `n` recorded orders (see the module)."""
    from tests.dispatchkit import order_onprem

    orders, skipped = [], []
    for zone, gpu in ZONE_GPUS.items():
        for day in SAVING_DAYS[:n]:
            clock = datetime.fromisoformat(day).replace(hour=9)
            try:
                order_id, quote = order_onprem(store, _job(clock, 24, gpu=gpu),
                                               window="low-carbon", clock=clock)
            except AssertionError:  # the forecast's best window is now: nothing deferred
                skipped.append(f"{zone} {day}")
                continue
            assert quote.carbon_zone == zone, (zone, quote.carbon_zone)
            jr.release_hold(store, order_id)
            orders.append((order_id, quote, clock))
    disp = _dispatcher(cluster, root, scale, True)
    t0 = time.monotonic()
    ids = [o for o, _, _ in orders]
    while time.monotonic() - t0 < 30 * scale + 60:
        disp.tick(store)
        left = store.rows("SELECT count(*) AS n FROM jobs WHERE id IN (SELECT unnest(?)) AND "
                          "status NOT IN ('COMPLETED', 'FAILED', 'CANCELLED', 'REJECTED')",
                          [ids])[0]["n"]
        if left == 0:
            break
        time.sleep(0.3)
    rows, totals = [], {"now": 0.0, "once": 0.0, "recheck": 0.0, "oracle": 0.0}
    by_zone: dict[str, dict[str, float]] = {}
    for order_id, quote, clock in orders:
        checks = jr.rechecks(store, order_id)
        applied = [r for r in checks if r["outcome"] in ("moved", "released")]
        start = applied[-1]["new_start"] if applied else quote.start
        att = jr.attempts(store, order_id)[-1]
        ordered = store.rows("SELECT created_at FROM orders WHERE id = ?",
                             [order_id])[0]["created_at"]
        ran = ClockMap(clock, ordered, scale).clock(att["started_at"]) \
            if att["started_at"] else None
        earliest = ceil_hour(clock)
        runtime = quote.runtime_h
        latest = (clock + timedelta(hours=24) - timedelta(hours=runtime)).replace(minute=0)
        steps = max(1, math.ceil(runtime - 1e-9))
        span = int((latest - earliest) / timedelta(hours=1)) + steps
        zone = str(quote.carbon_zone)
        actual = hourly(store.conn, "carbon_intensity", zone, earliest, span).values
        best, _ = min_mean_window(actual, steps, 0, span)
        got = {"now": _actual_mean(store, zone, earliest, runtime),
               "once": _actual_mean(store, zone, quote.start, runtime),
               "recheck": _actual_mean(store, zone, start, runtime),
               "oracle": _actual_mean(store, zone, earliest + timedelta(hours=best),
                                      runtime)}
        for k, v in got.items():
            totals[k] += v
            by_zone.setdefault(zone, dict.fromkeys(totals, 0.0))[k] += v
        rows.append({"order": order_id, "zone": zone, "clock": clock.isoformat(),
                     "runtime_h": runtime,
                     "quote_start": quote.start.isoformat(), "rechecked_start":
                     start.isoformat(), "slurm_started_clock": ran.isoformat() if ran else None,
                     "status": store.rows("SELECT status FROM jobs WHERE id = ?",
                                          [order_id])[0]["status"],
                     "rechecks": len(checks), "moves": sum(r["outcome"] == "moved"
                                                           for r in checks),
                     # every hour of the wait re-checked once (none skipped by a slow pass)
                     "hours_checked": len({r["made_at"] for r in checks}),
                     "hours_waited": max(0, int((start - clock) / timedelta(hours=1))),
                     "released": any(r["outcome"] == "released" for r in checks),
                     "g_per_kwh_actual": {k: round(v, 1) for k, v in got.items()}})
    return {"orders": rows, "mean_g_per_kwh": {k: round(v / len(orders), 1)
                                               for k, v in totals.items()},
            "saving_kept_pct_of_oracle": _kept(totals),
            "saving_kept_pct_by_zone": {z: _kept(t) for z, t in by_zone.items()},
            "scale_s_per_h": scale,
            "skipped_not_deferred": skipped}


def _kept(t: dict[str, float]) -> dict[str, float | None]:
    """% of the oracle's saving over running at once that deciding once / re-checking keep."""
    gap = t["now"] - t["oracle"]
    return {k: round(100 * (t["now"] - t[k]) / gap, 1) if gap > 0 else None
            for k in ("once", "recheck")}


def main() -> None:
    """Run the benchmark (see the module docstring) and print JSON."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--jobs", default="1,20")
    ap.add_argument("--passes", type=int, default=7)
    ap.add_argument("--saving-orders", type=int, default=10, help="orders per zone")
    ap.add_argument("--scale", type=float, default=8.0,
                    help="wall s per hour: slow enough for a pass to re-check every job "
                    "within the hour (at 3 s, 10 orders' passes skipped hours)")
    ap.add_argument("--whole-pass", action="store_true",
                    help="hold the state file for each whole pass (the service before)")
    args = ap.parse_args()
    settings = load_settings()
    with tempfile.TemporaryDirectory(prefix="gw-recheck-") as tmp:
        root = Path(tmp)
        shutil.copyfile(settings.db_file, root / "gridwise.duckdb")
        ref = settings.db_file.with_suffix(".reference.duckdb")
        if ref.exists():
            shutil.copyfile(ref, root / "gridwise.reference.duckdb")
        cluster = LocalSlurm(root / "slurm", gres={"v10032gb": 64, "t4": 64}).start()
        try:
            store = Store.open(root / "gridwise.duckdb")
            out: dict[str, Any] = {"machine": machine(), "cost": [], "saving": None}
            for n in (int(x) for x in args.jobs.split(",") if x):
                out["cost"].append(cost(store, cluster, root, n, args.passes, args.whole_pass))
            if args.saving_orders:
                out["saving"] = saving(store, cluster, root, args.saving_orders, args.scale)
            store.close()
        finally:
            cluster.stop()
    print(json.dumps(out, indent=2, default=str))


if __name__ == "__main__":
    main()
