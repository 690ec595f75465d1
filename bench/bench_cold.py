"""A one-shot `gridwise ask` process from start to exit: what each process-level cache saves.

Run: .venv/bin/python -m bench.bench_cold [--runs 3]
Needs a loaded store (`gridwise data load`). Each variant runs `gridwise ask ... --new
--json` `--runs` times in a fresh process, on a copy of the loaded home (so the user's
caches are untouched), and reports median wall and CPU seconds:
- `compile_all`: regex cache off and no forecasts on disk (every process before s16);
- `regex_cached`: the compiled intake patterns read from a warm cache file, forecasts
  made afresh (a new clock);
- `both_cached`: the same request again at the same clock, so its forecasts are also read
  from `<home>/forecasts` (what the CLI `quote` already did).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_load import machine
from gridwise.settings import Settings

REQUEST = "Fine-tune Llama-3-8B with LoRA on 20 GB of text, EU only, done by Friday 18:00 UTC"
AT = "2023-06-14T09:00Z"


def _one(env: dict[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "gridwise", "ask", REQUEST, "--at", AT, "--new",
                    "--llm", "none", "--json"], check=True, capture_output=True, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    """Print JSON timings."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    home = Settings().home
    if not (home / "gridwise.duckdb").is_file():
        sys.exit(f"no loaded store under {home}: run `gridwise data load` first")
    out: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        regex_file = Path(tmp) / "regex.marshal"
        base = {k: v for k, v in os.environ.items() if not k.startswith("GRIDWISE_")}

        def variant(name: str, regex: str, keep_forecasts: bool) -> None:
            walls, cpus = [], []
            for i in range(args.runs):
                h = Path(tmp) / f"{name}-{i}"
                shutil.copytree(home, h, ignore=shutil.ignore_patterns(
                    "forecasts", "checkpoints.sqlite*", "cache"))
                env = {**base, "GRIDWISE_HOME": str(h), "GRIDWISE_REGEX_CACHE": regex}
                if keep_forecasts:
                    _one(env)  # makes this clock's forecasts under the home
                wall, cpu = _one(env)
                walls.append(wall)
                cpus.append(cpu)
                shutil.rmtree(h)
            out[name] = {"wall_s_median": round(statistics.median(walls), 3),
                         "cpu_s_median": round(statistics.median(cpus), 3)}

        variant("compile_all", "off", False)
        warm = Path(tmp) / "warm"  # fills the regex cache file (never the user's home)
        shutil.copytree(home, warm, ignore=shutil.ignore_patterns("forecasts", "cache"))
        _one({**base, "GRIDWISE_HOME": str(warm), "GRIDWISE_REGEX_CACHE": str(regex_file)})
        variant("regex_cached", str(regex_file), False)
        variant("both_cached", str(regex_file), True)
    first = out["compile_all"]["wall_s_median"]
    print(json.dumps({"machine": machine(), "runs": args.runs, "request": REQUEST, **out,
                      "ratio_both_vs_compile_all": round(
                          out["both_cached"]["wall_s_median"] / first, 3)}, indent=1))


if __name__ == "__main__":
    main()
