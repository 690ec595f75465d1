"""Load-time benchmark: cold (rebuild the Parquet snapshot) and warm (snapshot reused).

Run: .venv/bin/python -m bench.bench_load [--runs 5]
Needs GRIDWISE_SOURCE_DIR (make bench sets it to ../shared/data).
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import tempfile
import time
from pathlib import Path

from gridwise.ingest.load import load
from gridwise.settings import Settings
from gridwise.store import Store


def machine() -> str:
    """A one-line description of this machine."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import os

    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def run(runs: int) -> dict[str, object]:
    """Time `runs` cold and warm loads into fresh DuckDB files; report medians."""
    s = Settings()
    cold, warm, sizes = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            db = Path(tmp) / f"cold{i}.duckdb"
            with Store.open(db) as store:
                t0 = time.perf_counter()
                report = load(store, s.source_dir, Path(tmp) / "cache", s.lwa_folder, rebuild=True)
                cold.append(time.perf_counter() - t0)
            sizes.append(db.stat().st_size)
            db.unlink()
        for i in range(runs):
            db = Path(tmp) / f"warm{i}.duckdb"
            with Store.open(db) as store:
                t0 = time.perf_counter()
                load(store, s.source_dir, Path(tmp) / "cache", s.lwa_folder)
                warm.append(time.perf_counter() - t0)
            db.unlink()
        snapshot = sum(p.stat().st_size for p in (Path(tmp) / "cache").glob("*.parquet"))
    return {
        "machine": machine(),
        "runs": runs,
        "rows": sum(report.rows.values()),
        "cold_load_s_median": round(statistics.median(cold), 3),
        "warm_load_s_median": round(statistics.median(warm), 3),
        "cold_load_s_all": [round(x, 3) for x in cold],
        "warm_load_s_all": [round(x, 3) for x in warm],
        "db_mib_median": round(statistics.median(sizes) / 2**20, 1),
        "snapshot_parquet_mib": round(snapshot / 2**20, 1),
        "target_s": 10.0,
    }


def main() -> None:
    """CLI entry."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    print(json.dumps(run(args.runs), indent=1))


if __name__ == "__main__":
    main()
