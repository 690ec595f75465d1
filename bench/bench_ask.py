"""`ask` latency: the scheduling graph from request to presented pathways, per decision.

Run: .venv/bin/python -m bench.bench_ask [--llm none|embedded] [--limit N]
Uses the 35 answerable requests of the bundled dev set (evals/data/requests_dev.yaml) on
the loaded store; reports p50/p95 in-process latency, LLM calls and tokens per decision,
and the cold CLI start-up (a fresh `gridwise ask` process) as a median of 3.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

from bench.bench_load import machine
from evals.faithfulness import run_faithfulness
from gridwise.settings import Settings

CLI_REQUEST = "Train a 350M-parameter model for 10 GPU-hours on H100, cheapest please"


def main() -> None:
    """Print JSON timings."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--llm", default="none")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    r = run_faithfulness(Settings(llm=args.llm), limit=args.limit)
    rows = [x for x in r["rows"] if "seconds" in x and "sentences" in x]
    secs = sorted(x["seconds"] for x in rows)
    p95 = secs[min(len(secs) - 1, int(round(0.95 * (len(secs) - 1))))]
    cold = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "gridwise", "ask", CLI_REQUEST, "--at",
                        "2023-06-14T09:00Z", "--llm", args.llm, "--json"], check=True,
                       capture_output=True, env=os.environ.copy())
        cold.append(time.perf_counter() - t0)
    print(json.dumps({
        "machine": machine(), "llm": r["llm"], "decisions": len(rows),
        "p50_s": round(statistics.median(secs), 3), "p95_s": round(p95, 3),
        "llm_calls_per_decision": round(statistics.mean(x["llm_calls"] for x in rows), 2),
        "llm_tokens_per_decision": round(statistics.mean(x["llm_tokens"] for x in rows), 1),
        "cli_cold_s_median": round(statistics.median(cold), 3),
        "rationale_verified_share": r["verified_share"],
        "unverifiable_in_reports": r["unverifiable_in_reports"],
        "llm_prose_used": r["llm_prose_used"],
    }, indent=1))


if __name__ == "__main__":
    main()
