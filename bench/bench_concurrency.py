"""Many `ask --yes` processes on one home at once: every request stored exactly once.

Each process runs the real CLI (`--llm none`) with its own request text on a copy of the
loaded home (state database, reference file, Parquet snapshot). Reported: processes that
succeeded / were refused, decisions and orders stored (must equal the process count),
wall time, the time each process waited for other processes' use of the state file
(`store_wait_s` in its JSON: p50 / p95 / max), the longest any one use held it and the
uses per ask; `decisions list` run again and again while the asks are in flight (a read
must never fail because an ask is running); with `--with-load` (and
`GRIDWISE_SOURCE_DIR`), one `data load` in the middle of the asks (it must succeed, and
the asks with it). Then the size of checkpoints.sqlite after the runs.

Usage: python -m bench.bench_concurrency [N ...] [--with-load]   (default: 12 50)
"""

from __future__ import annotations

import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

AT = "2023-06-14T09:00Z"


def run(n: int, db: Path, with_load: bool = False) -> dict[str, object]:
    home = Path(tempfile.mkdtemp(prefix=f"gw-conc-{n}-"))
    shutil.copy(db, home / "gridwise.duckdb")
    ref = db.with_suffix(".reference.duckdb")
    if ref.exists():
        shutil.copy(ref, home / ref.name)
    if (db.parent / "parquet").is_dir():
        shutil.copytree(db.parent / "parquet", home / "parquet")
    source = os.environ.get("GRIDWISE_SOURCE_DIR") if with_load else None
    con = duckdb.connect(str(home / "gridwise.duckdb"), read_only=True)
    decisions0 = con.execute("SELECT count(*) FROM decisions").fetchone()[0]  # type: ignore[index]
    orders0 = con.execute("SELECT count(*) FROM orders").fetchone()[0]  # type: ignore[index]
    con.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRIDWISE_")}
    env |= {"GRIDWISE_HOME": str(home), "GRIDWISE_LLM": "none", "GRIDWISE_DB_WAIT_S": "900"}
    t0 = time.perf_counter()
    logs = [(open(home / f"ask-{i}.out", "w+"), open(home / f"ask-{i}.err", "w+"))  # noqa: SIM115
            for i in range(n)]   # files, not pipes: a full pipe would stall an ask
    procs = [subprocess.Popen(
        [sys.executable, "-m", "gridwise", "ask",
         f"Fine-tune a 7B model with LoRA for {10 + i} GPU-hours on H100, cheapest please",
         "--at", AT, "--yes", "--json"], env=env, stdout=out, stderr=err, text=True)
        for i, (out, err) in enumerate(logs)]
    reads, read_failures, load = 0, [], None
    time.sleep(1.0)
    while any(p.poll() is None for p in procs):
        read = subprocess.run([sys.executable, "-m", "gridwise", "decisions", "list",
                               "--json"], env=env, capture_output=True, text=True)
        reads += 1
        if read.returncode != 0:
            read_failures.append(read.stderr.strip()[-200:])
        if load is None and source and reads == 2:  # a reload while the asks run
            load = subprocess.run([sys.executable, "-m", "gridwise", "data", "load",
                                   "--json"], env=env | {"GRIDWISE_SOURCE_DIR": source},
                                  capture_output=True, text=True)
        time.sleep(2.0)
    wall = time.perf_counter() - t0
    outs = []
    for p, (out, err) in zip(procs, logs, strict=True):
        p.wait()
        out.seek(0)
        err.seek(0)
        outs.append((out.read(), err.read()))
        out.close()
        err.close()
    ok = [json.loads(o) for (o, _), p in zip(outs, procs, strict=True) if p.returncode == 0]
    waits = sorted(float(r.get("store_wait_s", 0.0)) for r in ok)
    holds = sorted((float(r.get("store_longest_hold_s", 0.0)), r.get("store_longest_hold_by", ""))
                   for r in ok)
    uses = [int(r.get("store_opens", 0)) for r in ok]
    con = duckdb.connect(str(home / "gridwise.duckdb"), read_only=True)
    decisions = con.execute("SELECT count(*) FROM decisions").fetchone()[0]  # type: ignore[index]
    orders = con.execute("SELECT count(DISTINCT transaction_id), count(*) FROM orders").fetchone()
    con.close()
    size = (home / "checkpoints.sqlite").stat().st_size
    shutil.rmtree(home, ignore_errors=True)
    return {
        "processes": n, "succeeded": len(ok), "refused": n - len(ok),
        "errors": sorted({e.strip().splitlines()[-1] for (_, e), p in zip(outs, procs,
                                                                          strict=True)
                          if p.returncode != 0 and e.strip()}),
        "decisions_stored": decisions - decisions0,
        "orders_stored": (orders[1] if orders else 0) - orders0,
        "wall_s": round(wall, 1),
        "store_wait_s": {"p50": round(statistics.median(waits), 2) if waits else None,
                         "p95": round(waits[math.ceil(0.95 * len(waits)) - 1], 2)
                         if waits else None, "max": round(max(waits), 2) if waits else None},
        "longest_hold_s": [round(holds[-1][0], 2), holds[-1][1]] if holds else None,
        "hold_p50_s": round(statistics.median(h for h, _ in holds), 2) if holds else None,
        "state_uses_per_ask": round(statistics.median(uses), 1) if uses else None,
        "reads_during_asks": reads, "read_failures": read_failures,
        "data_load_during_asks": None if load is None else (
            "ok" if load.returncode == 0 else load.stderr.strip()[-300:]),
        "checkpoints_sqlite_kib": round(size / 1024, 1),
    }


def main() -> None:
    """Run the benchmark for each process count given (default 12 and 50)."""
    with_load = "--with-load" in sys.argv[1:]
    counts = [int(a) for a in sys.argv[1:] if a != "--with-load"] or [12, 50]
    db = Path(os.environ.get("GRIDWISE_DB_PATH", ".gridwise/gridwise.duckdb"))
    for n in counts:
        print(json.dumps(run(n, db, with_load)), flush=True)


if __name__ == "__main__":
    main()
