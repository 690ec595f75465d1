"""Report benchmark: HTML + PDF with the 4 charts for one decision, warm and cold.

Run: .venv/bin/python -m bench.bench_report [--runs 5] [--cold-runs 3]   (needs a loaded
store: `gridwise data load`; GRIDWISE_HOME / GRIDWISE_DB_PATH pick it). Warm = in one
process after a first report (export server running); cold = a fresh Python process per
run, timed from process start (imports, Chromium start, report). Medians; target 3 s warm.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench.bench_load import machine

SPEC = Path(__file__).resolve().parent.parent / "examples" / "finetune.yaml"
CLOCK = datetime(2023, 6, 14, 9)


def one_report(out: Path) -> float:
    """Quote the example job, explain it and write HTML + PDF; seconds for the report."""
    from agents.explainer import explain
    from agents.explainer.verifier import store_vocabulary
    from gridwise.settings import Settings
    from gridwise.store import Store
    from tools.options import load_spec, rank_quotes, to_decision
    from tools.reports import build_report

    with Store.open(Settings().db_file, read_only=True) as store:
        decision = to_decision(rank_quotes(store, load_spec(SPEC), CLOCK), now=CLOCK)
        t0 = time.perf_counter()
        explanation = explain(decision, store_vocabulary(store.conn))
        build_report(store, decision, explanation, html=out / "r.html", pdf=out / "r.pdf")
        return time.perf_counter() - t0


def main() -> None:
    """Print JSON timings (s, medians)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cold-runs", type=int, default=3)
    ap.add_argument("--once", action="store_true", help="one report, print its seconds")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        if args.once:
            print(json.dumps({"report_s": one_report(out)}))
            return
        first = one_report(out)
        warm = [one_report(out) for _ in range(args.runs)]
        cold_wall, cold_inner = [], []
        for _ in range(args.cold_runs):
            t0 = time.perf_counter()
            res = subprocess.run([sys.executable, "-m", "bench.bench_report", "--once"],
                                 capture_output=True, text=True, check=True)
            cold_wall.append(time.perf_counter() - t0)
            cold_inner.append(json.loads(res.stdout.splitlines()[-1])["report_s"])
        sizes = {p.name: p.stat().st_size for p in out.iterdir()}
    print(json.dumps({
        "machine": machine(), "runs": args.runs, "cold_runs": args.cold_runs,
        "first_in_process_s": round(first, 2),
        "warm_median_s": round(statistics.median(warm), 2),
        "cold_report_median_s": round(statistics.median(cold_inner), 2),
        "cold_process_median_s": round(statistics.median(cold_wall), 2),
        "bytes": sizes, "target_warm_s": 3.0}, indent=1))


if __name__ == "__main__":
    main()
