"""The checkpoint file after many real asks: does pruning keep it bounded?

Runs N `ask --yes` turns (`--llm none`) one after the other in one process through the
same `run_turn` the CLI calls, on a copy of the loaded home (each request different, so
each is a new thread), with the pruning setting at its default
(`GRIDWISE_CHECKPOINT_KEEP_THREADS`). Prints the size of checkpoints.sqlite, the rows it
holds and the seconds so far at a few points, as JSON lines.

Usage: python -m bench.bench_checkpoints [N] [--at CLOCK] [--keep THREADS]
(default 1000 asks, 2023-06-14T09:00Z, the setting's default number of resumable threads;
`--keep` lowers the cap so that pruning past it is seen in a short run)
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

AT = "2023-06-14T09:00Z"


def _rows(path: Path) -> dict[str, int]:
    con = sqlite3.connect(str(path))
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("checkpoints", "writes")}
    finally:
        con.close()


def main() -> None:
    """Run the asks and report the checkpoint file as it grows."""
    from graphs.scheduling.session import run_turn
    from gridwise.settings import Settings

    args = sys.argv[1:]
    at = AT
    if "--at" in args:
        at = args.pop(args.index("--at") + 1)
        args.remove("--at")
    keep: dict[str, int] = {}
    if "--keep" in args:
        keep = {"checkpoint_keep_threads": int(args.pop(args.index("--keep") + 1))}
        args.remove("--keep")
    n = int(args[0]) if args else 1000
    db = Path(os.environ.get("GRIDWISE_DB_PATH", ".gridwise/gridwise.duckdb"))
    home = Path(tempfile.mkdtemp(prefix="gw-ckpt-"))
    shutil.copy(db, home / "gridwise.duckdb")
    ref = db.with_suffix(".reference.duckdb")
    if ref.exists():
        shutil.copy(ref, home / ref.name)
    for key in [k for k in os.environ if k.startswith("GRIDWISE_")]:
        del os.environ[key]
    settings = Settings(home=home, llm="none", **keep)
    marks = {1, 10, n} | set(range(100, n + 1, 100)) | {250, 750} | (
        set(range(25, n + 1, 25)) if keep else set())
    t0 = time.perf_counter()
    failed = 0
    try:
        for i in range(1, n + 1):
            text = (f"Fine-tune a 7B model with LoRA for {10 + i % 500} GPU-hours on H100, "
                    f"{'cheapest' if i % 2 else 'greenest'} please (run {i})")
            out = run_turn(settings, text, at, None, None, None, None, True, None)
            failed += out.get("status") not in ("ordered", "deferred")
            if i in marks:
                path = home / "checkpoints.sqlite"
                print(json.dumps({
                    "asks": i, "not_ordered": failed,
                    "checkpoints_sqlite_kib": round(path.stat().st_size / 1024, 1),
                    "wal_kib": round(Path(f"{path}-wal").stat().st_size / 1024, 1)
                    if Path(f"{path}-wal").exists() else 0.0,
                    "rows": _rows(path), "keep_threads": settings.checkpoint_keep_threads,
                    "seconds": round(time.perf_counter() - t0, 1)}), flush=True)
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
