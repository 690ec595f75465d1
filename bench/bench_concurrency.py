"""Many `ask --yes` processes on one home at once: every request stored exactly once.

Each process runs the real CLI (`--llm none`) with its own request text on a copy of the
loaded store. Reported: processes that succeeded / were refused, decisions and orders
stored (must equal the process count), wall time, and the time each process waited for
the DuckDB file (`store_wait_s` in its JSON: p50 / p95 / max), plus one `decisions list`
run while the asks are in flight (a read must never fail because an ask is running).
Then the size of checkpoints.sqlite after the runs.

Usage: python -m bench.bench_concurrency [N ...]   (default: 12 50)
"""

from __future__ import annotations

import json
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


def run(n: int, db: Path) -> dict[str, object]:
    home = Path(tempfile.mkdtemp(prefix=f"gw-conc-{n}-"))
    shutil.copy(db, home / "gridwise.duckdb")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRIDWISE_")}
    env |= {"GRIDWISE_HOME": str(home), "GRIDWISE_LLM": "none", "GRIDWISE_DB_WAIT_S": "900"}
    t0 = time.perf_counter()
    procs = [subprocess.Popen(
        [sys.executable, "-m", "gridwise", "ask",
         f"Fine-tune a 7B model with LoRA for {10 + i} GPU-hours on H100, cheapest please",
         "--at", AT, "--yes", "--json"], env=env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True) for i in range(n)]
    time.sleep(1.0)
    read = subprocess.run([sys.executable, "-m", "gridwise", "decisions", "list", "--json"],
                          env=env, capture_output=True, text=True)
    outs = [p.communicate() for p in procs]
    wall = time.perf_counter() - t0
    ok = [json.loads(o) for (o, _), p in zip(outs, procs, strict=True) if p.returncode == 0]
    waits = sorted(float(r.get("store_wait_s", 0.0)) for r in ok)
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
        "decisions_stored": decisions, "orders_stored": orders[1] if orders else 0,
        "wall_s": round(wall, 1),
        "store_wait_s": {"p50": round(statistics.median(waits), 2) if waits else None,
                         "p95": round(waits[max(0, int(0.95 * len(waits)) - 1)], 2)
                         if waits else None, "max": round(max(waits), 2) if waits else None},
        "read_during_asks_ok": read.returncode == 0,
        "checkpoints_sqlite_kib": round(size / 1024, 1),
    }


def main() -> None:
    """Run the benchmark for each process count given (default 12 and 50)."""
    counts = [int(a) for a in sys.argv[1:]] or [12, 50]
    db = Path(os.environ.get("GRIDWISE_DB_PATH", ".gridwise/gridwise.duckdb"))
    for n in counts:
        print(json.dumps(run(n, db)), flush=True)


if __name__ == "__main__":
    main()
