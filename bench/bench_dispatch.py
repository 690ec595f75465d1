"""Dispatch benchmark: 100 orders to a real single-node Slurm, 5 dispatcher kills, a retry.

Run (as root, with Debian slurm-wlm + munge; make bench does it):
    .venv/bin/python -m bench.bench_dispatch [--orders 100] [--kills 5]
    .venv/bin/python -m bench.bench_dispatch --hold 1,20   # state-file hold per pass
Prints JSON: submit-to-visible latency p50/p95 (from the dispatcher's decision to submit,
recorded as the attempt's SUBMITTING time, to the job first seen by an independent
`squeue` poller), lost/duplicated orders after `kill -9` of the dispatcher at random points
while it works, the retry behaviour on an injected failing job, and `/metrics` scrape
latency over the resulting store. The orders are one real on-prem order (search, select,
init, confirm on the tiny test fleet) and copies of it without GPU holds (the tiny fleet
holds one at a time); the placeholder runs sleep ~1 s.

`--hold N,...`: for each N, N such orders dispatched by one `Dispatcher` on a
`StoreAccess` over the store's file (as `gridwise dispatch` runs), pass after pass until
all complete; per pass, how long the state file was held (every use together, and the
longest use) and how long Slurm's commands took, reported for the first pass (N sbatch)
and the later ones (squeue, scontrol, the observations); then again with N orders that
wait in Slurm for a start two days ahead (passes that find nothing new). Where the state
file is held while Slurm is asked, the hold includes the Slurm time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.bench_load import machine
from gridwise.records import jobs as jr
from gridwise.store import Store
from gridwise.store_access import StoreAccess
from tools.dispatch.local_slurm import LocalSlurm
from tools.dispatch.slurm import Slurm


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(q * (len(xs) - 1))))]


class Poller(threading.Thread):
    """Polls squeue and remembers when each job id was first seen (wall clock, UTC)."""

    def __init__(self, slurm: Slurm) -> None:
        super().__init__(daemon=True)
        self.slurm, self.first_seen, self.stop = slurm, {}, threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            now = datetime.now(UTC).replace(tzinfo=None)
            try:
                for job_id in self.slurm.jobs():
                    self.first_seen.setdefault(job_id, now)
            except Exception:  # noqa: BLE001 (keep polling through a slow answer)
                pass
            time.sleep(0.05)


def _env(root: Path, cluster: LocalSlurm, **extra: str) -> dict[str, str]:
    return {**os.environ, "GRIDWISE_DB_PATH": str(root / "g.duckdb"),
            "GRIDWISE_HOME": str(root / "home"), "GRIDWISE_SLURM_CONF": str(cluster.conf),
            "GRIDWISE_SLURM_PARTITIONS": json.dumps({"onprem-eu-v100": cluster.partition}),
            "GRIDWISE_DISPATCH_TIME_SCALE": "4"} | extra


def _kills(root: Path, cluster: LocalSlurm, poller: Poller, kills: int, seed: int) -> list[str]:
    """Run the dispatcher, killing it (-9) at a random point once it has submitted more."""
    rng = random.Random(seed)
    cmd = [sys.executable, "-m", "gridwise", "dispatch", "--interval", "0.2"]
    log = []
    for k in range(kills):
        before = len(poller.first_seen)
        proc = subprocess.Popen(cmd, env=_env(root, cluster), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while len(poller.first_seen) <= before and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 1.5))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        log.append(f"kill {k + 1}: {len(poller.first_seen) - before} new Slurm jobs seen")
    return log


def _finish(root: Path, cluster: LocalSlurm, orders: list[str], timeout_s: float) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "gridwise", "dispatch", "--interval", "0.3"],
                            env=_env(root, cluster), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline:
            time.sleep(1.0)
            try:
                with Store.open(root / "g.duckdb", read_only=True, wait_s=5) as s:
                    left = s.rows("SELECT count(*) AS n FROM jobs WHERE status NOT IN "
                                  "('COMPLETED', 'FAILED', 'REJECTED', 'CANCELLED')")[0]["n"]
            except Exception:  # noqa: BLE001 (the dispatcher holds the store; try again)
                continue
            if left == 0:
                return
    finally:
        proc.terminate()
        proc.wait()


def _scrape(db: Path, runs: int) -> dict[str, float]:
    from tools.metrics import serve

    server, url = serve(db, "127.0.0.1", 0)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    xs, size = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        with opener.open(url + "/metrics", timeout=10) as r:
            size = len(r.read())
        xs.append((time.perf_counter() - t0) * 1000)
    server.shutdown()
    server.server_close()
    return {"median_ms": round(statistics.median(xs), 1), "p95_ms": round(_pct(xs, 0.95), 1),
            "bytes": size, "runs": runs}


@dataclass(frozen=True)
class TimedSlurm(Slurm):
    """Slurm that adds up the wall time its commands take (`spent[0]`, seconds)."""

    spent: list[float] = field(default_factory=lambda: [0.0])

    def _run(self, args: Any, stdin: str | None = None) -> Any:
        t0 = time.perf_counter()
        try:
            return super()._run(args, stdin)
        finally:
            self.spent[0] += time.perf_counter() - t0


def _ms(xs: list[float]) -> list[float]:
    """[median, p95, max] in ms."""
    return [round(statistics.median(xs) * 1000, 1), round(_pct(xs, 0.95) * 1000, 1),
            round(max(xs) * 1000, 1)]


def hold_per_pass(root: Path, cluster: LocalSlurm, n: int,
                  waiting: bool = False) -> dict[str, Any]:
    """N orders dispatched pass after pass on the store's file: hold and Slurm time per pass.

    `waiting`: the orders' start is two days after their decision (at a live clock), so
    after the first pass they wait in Slurm and passes find nothing new (10 passes).
    """
    from tests.dispatchkit import copies, order_onprem
    from tests.graphkit import tiny_store
    from tools.dispatch.dispatcher import Dispatcher

    store = tiny_store(root / f"hold{n}")
    first, quote = order_onprem(store)
    jr.release_hold(store, first)
    copies(store, first, n - 1)
    if waiting:
        store.conn.execute("UPDATE decisions SET clock = ? WHERE id = (SELECT decision_id "
                           "FROM orders WHERE id = ?)", [quote.start - timedelta(hours=48),
                                                         first])
    path = store.path
    store.close()
    access = StoreAccess(path)
    slurm = TimedSlurm(conf=cluster.conf)
    disp = Dispatcher(slurm=slurm, partitions={"onprem-eu-v100": cluster.partition},
                      time_scale=3600.0 if waiting else 4.0, redecide=False)
    passes: list[dict[str, float]] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        held, spent, opens = access.held_s, slurm.spent[0], access.opens
        access.longest_hold_s = 0.0
        t0 = time.perf_counter()
        disp.tick(access)
        passes.append({"held": access.held_s - held, "longest": access.longest_hold_s,
                       "slurm": slurm.spent[0] - spent, "wall": time.perf_counter() - t0,
                       "uses": access.opens - opens})
        with Store.open(path, read_only=True) as s:
            left = s.rows("SELECT count(*) AS n FROM jobs WHERE status NOT IN "
                          "('COMPLETED', 'FAILED', 'REJECTED', 'CANCELLED')")[0]["n"]
        if left == 0 or (waiting and len(passes) == 10):
            break
        time.sleep(0.3)
    later = passes[1:] or passes

    def summary(ps: list[dict[str, float]]) -> dict[str, Any]:
        return {"ms": "median, p95, max", "held": _ms([p["held"] for p in ps]),
                "longest_use": _ms([p["longest"] for p in ps]),
                "slurm": _ms([p["slurm"] for p in ps]), "pass": _ms([p["wall"] for p in ps]),
                "uses_per_pass": statistics.median([p["uses"] for p in ps]), "passes": len(ps)}

    return {"orders": n, "waiting": waiting, "completed": left == 0,
            "first_pass": summary(passes[:1]), "later_passes": summary(later)}


def main() -> None:
    """Print the JSON results."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--orders", type=int, default=100)
    ap.add_argument("--kills", type=int, default=5)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--hold", default="", help="order counts, e.g. 1,20: hold per pass only")
    args = ap.parse_args()
    why = LocalSlurm.unavailable()
    if why:
        print(json.dumps({"skipped": why}))
        return
    if args.hold:
        root = Path(tempfile.mkdtemp(prefix="gw-bench-hold-"))
        cluster = LocalSlurm(root / "slurm", gres={"v10032gb": 64}).start()
        try:
            out = [hold_per_pass(root, cluster, int(n), waiting)
                   for waiting in (False, True) for n in args.hold.split(",")]
        finally:
            cluster.stop()
            shutil.rmtree(root, ignore_errors=True)
        print(json.dumps({"machine": machine(), "load": os.getloadavg(), "hold": out},
                         indent=1))
        return
    from tests.dispatchkit import copies, order_onprem
    from tests.graphkit import tiny_store

    root = Path(tempfile.mkdtemp(prefix="gw-bench-dispatch-"))
    cluster = LocalSlurm(root / "slurm", gres={"v10032gb": 64}).start()
    try:
        store = tiny_store(root)
        first, _ = order_onprem(store)
        jr.release_hold(store, first)
        orders = [first, *copies(store, first, args.orders - 1)]
        store.close()
        slurm = Slurm(conf=cluster.conf)
        poller = Poller(slurm)
        poller.start()
        t0 = time.perf_counter()
        kill_log = _kills(root, cluster, poller, args.kills, args.seed)
        _finish(root, cluster, orders, timeout_s=300)
        wall = time.perf_counter() - t0
        poller.stop.set()
        poller.join()
        seen = slurm.jobs()
        with Store.open(root / "g.duckdb", read_only=True) as s:
            status = {r["id"]: r["status"] for r in s.rows("SELECT id, status FROM jobs")}
            tries = {o: jr.attempts(s, o) for o in orders}
            adopted = s.rows("SELECT count(*) AS n FROM job_events WHERE detail LIKE "
                             "'adopted%'")[0]["n"]
        lat = [(poller.first_seen[str(a["engine_job_id"])] - a["created_at"]).total_seconds()
               for o in orders for a in tries[o]
               if a["engine_job_id"] and str(a["engine_job_id"]) in poller.first_seen]
        named = {o: sum(1 for j in seen.values() if j.name == o) for o in orders}
        lost = [o for o in orders if status.get(o) != "COMPLETED"]
        dup = [o for o in orders if named[o] != len(tries[o]) or named[o] > 1]
        retry = _retry(root, cluster)
        scrape = _scrape(root / "g.duckdb", 50)
    finally:
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)
    print(json.dumps({
        "machine": machine(), "orders": len(orders), "kills": kill_log,
        "wall_s": round(wall, 1), "lost": len(lost), "duplicated": len(dup),
        "adopted_after_kill": adopted,
        "submit_to_visible_s": {"p50": round(_pct(lat, 0.5), 3), "p95": round(_pct(lat, 0.95), 3),
                                "max": round(max(lat), 3), "n": len(lat)},
        "retry": retry, "metrics_scrape": scrape}, indent=1))


def _retry(root: Path, cluster: LocalSlurm) -> dict[str, object]:
    """An injected failing job (`exit 3`), two retries allowed: three attempts, reasons kept."""
    from tests.dispatchkit import copies
    from tools.dispatch.dispatcher import Dispatcher

    store = Store.open(root / "g.duckdb")
    first = store.rows("SELECT id FROM orders ORDER BY created_at, id LIMIT 1")[0]["id"]
    (bad,) = copies(store, first, 1, command="echo injected failure >&2; exit 3",
                  tag="fail")
    disp = Dispatcher(slurm=Slurm(conf=cluster.conf),
                      partitions={"onprem-eu-v100": cluster.partition}, max_retries=2,
                      time_scale=4.0)
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < 60:
        disp.tick(store)
        if store.rows("SELECT status FROM jobs WHERE id = ?", [bad])[0]["status"] == "FAILED":
            break
        time.sleep(0.3)
    tries = jr.attempts(store, bad)
    store.close()
    return {"attempts": len(tries), "states": [t["state"] for t in tries],
            "reasons": [t["reason"] for t in tries], "seconds": round(time.perf_counter() - t0, 1)}


if __name__ == "__main__":
    main()
