"""How long a writer waits for the state file under a steady stream of reads.

`--readers` processes read the state file (through the queue, `Store.open(read_only=True)`)
again and again for `--seconds`, each read holding it `--hold` s; one writer process asks
for the file every second from 1 s in, writes a row and gives it back. Reported: the
writer's waits (p50 / max), how many writes got in while the reads went on, and the
reads' waits (p50 / p95: what the bound costs the readers). Run it on another tree's code
with PYTHONPATH=<that tree> to compare (BENCHMARKS.md, issue 11: main before the bound).

With `--quote SPEC --at CLOCK` (a loaded home in GRIDWISE_HOME) the reads are
`gridwise quote` runs instead, one after another: the writer's waits then say how long
a quote keeps a writer out.

Usage: python -m bench.bench_writer_wait [--readers 3] [--hold 0.2] [--seconds 20]
       python -m bench.bench_writer_wait --quote SPEC --at CLOCK [--seconds 60]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

READER = """
import sys, time
from gridwise.store import Store
db, start, end, hold = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
time.sleep(max(0.0, start - time.time()))
while time.time() < end:
    q = time.time()
    with Store.open(db, read_only=True, migrate=False, wait_s=600) as s:
        s.conn.execute("SELECT count(*) FROM probe").fetchall()
        t = time.time()
        time.sleep(hold)
    print(q, t, flush=True)
"""

WRITER = """
import sys, time
from gridwise.store import Store
db, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
time.sleep(max(0.0, start - time.time()))
while time.time() < end:
    q = time.time()
    with Store.open(db, migrate=False, wait_s=600) as s:
        s.conn.execute("INSERT INTO probe VALUES (1)")
        t = time.time()
    print(q, t, flush=True)
    time.sleep(max(0.0, 1.0 - (time.time() - q)))
"""


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))] if ordered else 0.0


def run(readers: int, hold: float, seconds: float) -> dict[str, object]:
    """One measurement; the figures as a dict."""
    from gridwise import store
    from gridwise.store import Store

    home = Path(tempfile.mkdtemp(prefix="gw-writer-wait-"))
    db = str(home / "gridwise.duckdb")
    with Store.open(db) as s:
        s.conn.execute("CREATE TABLE probe (x INTEGER)")
    env = {k: v for k, v in os.environ.items() if k != "GRIDWISE_DB_PATH"}
    start = time.time() + 4.0
    end = start + seconds
    procs = [subprocess.Popen([sys.executable, "-c", READER, db, str(start), str(end), str(hold)],
                              stdout=subprocess.PIPE, text=True, env=env) for _ in range(readers)]
    writer = subprocess.Popen([sys.executable, "-c", WRITER, db, str(start + 1.0), str(end)],
                              stdout=subprocess.PIPE, text=True, env=env)
    try:
        w_out = writer.communicate(timeout=seconds + 900)[0]
        r_out = [p.communicate(timeout=seconds + 900)[0] for p in procs]
    finally:
        shutil.rmtree(home, ignore_errors=True)
    writes = [tuple(map(float, line.split())) for line in w_out.splitlines()]
    reads = [tuple(map(float, line.split())) for out in r_out for line in out.splitlines()]
    w_waits = [t - q for q, t in writes]
    r_waits = [t - q for q, t in reads]
    last_read = max((t for _, t in reads), default=end)
    return {
        "code": str(Path(store.__file__).resolve().parents[1]),
        "readers": readers, "hold_s": hold, "seconds": seconds,
        "bound_s": os.environ.get("GRIDWISE_DB_WRITER_WAIT_S", "default"),
        "writes": len(writes),
        "writes_during_reads": sum(1 for _, t in writes if t < last_read),
        "writer_wait_p50_s": round(statistics.median(w_waits), 2) if w_waits else None,
        "writer_wait_max_s": round(max(w_waits), 2) if w_waits else None,
        "reads": len(reads),
        "read_wait_p50_s": round(_pct(r_waits, 0.5), 3),
        "read_wait_p95_s": round(_pct(r_waits, 0.95), 3),
        "loadavg_1m": float(Path("/proc/loadavg").read_text().split()[0]),
    }


QUOTES = """
import subprocess, sys, time
end, argv = float(sys.argv[1]), sys.argv[2:]
while time.time() < end:
    q = time.time()
    done = subprocess.run([sys.executable, "-m", "gridwise", "quote", *argv, "--json"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    print(q, time.time(), flush=True)
"""


def run_quotes(spec: str, at: str, seconds: float) -> dict[str, object]:
    """Quotes one after another on the loaded home, a writer every 0.25 s beside them."""
    from gridwise import store
    from gridwise.settings import Settings

    db = str(Settings().db_file)
    with store.Store.open(db) as s:
        s.conn.execute("CREATE TABLE IF NOT EXISTS probe (x INTEGER)")
    start = time.time() + 4.0
    end = start + seconds
    quotes = subprocess.Popen([sys.executable, "-c", QUOTES, str(end), "--spec", spec, "--at", at],
                              stdout=subprocess.PIPE, text=True)
    writer = subprocess.Popen([sys.executable, "-c", WRITER.replace("1.0 - (", "0.25 - ("), db,
                               str(start + 1.0), str(end)], stdout=subprocess.PIPE, text=True)
    w_out = writer.communicate(timeout=seconds + 900)[0]
    q_out = quotes.communicate(timeout=seconds + 900)[0]
    w_waits = [t - q for q, t in (map(float, line.split()) for line in w_out.splitlines())]
    q_walls = [t - q for q, t in (map(float, line.split()) for line in q_out.splitlines())]
    return {
        "code": str(Path(store.__file__).resolve().parents[1]), "seconds": seconds,
        "quotes": len(q_walls),
        "quote_wall_p50_s": round(statistics.median(q_walls), 2) if q_walls else None,
        "writes": len(w_waits),
        "writer_wait_p50_s": round(_pct(w_waits, 0.5), 3),
        "writer_wait_p95_s": round(_pct(w_waits, 0.95), 3),
        "writer_wait_max_s": round(max(w_waits), 3) if w_waits else None,
        "loadavg_1m": float(Path("/proc/loadavg").read_text().split()[0]),
    }


def main() -> None:
    """Parse the options, measure once, print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=3)
    parser.add_argument("--hold", type=float, default=0.2)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--quote", help="a job spec: quotes instead of reads")
    parser.add_argument("--at", default="2023-06-14T09:00Z", help="the quotes' clock")
    args = parser.parse_args()
    if args.quote:
        print(json.dumps(run_quotes(args.quote, args.at, args.seconds)), flush=True)
        return
    print(json.dumps(run(args.readers, args.hold, args.seconds)), flush=True)


if __name__ == "__main__":
    main()
