"""`make bench`: every benchmark in turn; JSON results under bench/results/."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

BENCHES = ["bench.bench_load"]
OPTIONAL = ["bench.bench_placement", "bench.bench_windows", "bench.bench_quote",
            "bench.bench_report", "bench.bench_ask", "bench.bench_dispatch",
            "bench.bench_concurrency", "bench.bench_sim", "bench.bench_references",
            "bench.bench_console", "bench.bench_beckn_http", "bench.bench_writer_wait",
            "bench.bench_cold"]


def main() -> None:
    """Run each benchmark module as a script and save its stdout."""
    out = Path("bench/results")
    out.mkdir(parents=True, exist_ok=True)
    for name in BENCHES + [m for m in OPTIONAL if importlib.util.find_spec(m)]:
        print(f"== {name}", flush=True)
        res = subprocess.run([sys.executable, "-m", name], capture_output=True, text=True)
        if res.returncode != 0:
            print(res.stderr, file=sys.stderr)
            sys.exit(res.returncode)
        (out / f"{name.split('.')[-1]}.txt").write_text(res.stdout)
        print(res.stdout)
    print(json.dumps({"results": str(out)}))


if __name__ == "__main__":
    main()
