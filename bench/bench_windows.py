"""Benchmark: window search over 1-, 7- and 30-day hourly horizons, and the shifting run.

Run: .venv/bin/python -m bench.bench_windows [--lwa-dir PATH]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from functools import partial
from pathlib import Path

import numpy as np

from tools.windows import choose_window

HORIZON_DAYS = (1, 7, 30)
JOB_HOURS = 4
REPEATS = 7  # timing samples; the median is reported
CALLS_PER_SAMPLE = 2000
SHIFTING_REPEATS = 3
REPO = Path(__file__).resolve().parents[1]
DEFAULT_LWA = REPO.parent / "shared" / "data" / "carbon" / "lets_wait_awhile"


def _median_us(fn, calls: int) -> float:
    samples = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        samples.append((time.perf_counter() - start) / calls * 1e6)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lwa-dir", type=Path, default=os.environ.get("GRIDWISE_LWA_DIR"))
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, numpy {np.__version__}")
    print("| horizon | steps | contiguous (us) | interruptible (us) |")
    print("|---|---:|---:|---:|")
    for days in HORIZON_DAYS:
        actual = 300 + 100 * rng.standard_normal(days * 24)
        forecast = actual * (1 + 0.05 * rng.standard_normal(actual.size))
        n = actual.size
        contiguous = partial(choose_window, actual, JOB_HOURS, 0, n, forecast=forecast)
        interruptible = partial(choose_window, actual, JOB_HOURS, 0, n, interruptible=True,
                                forecast=forecast)

        print(f"| {days} d hourly, {JOB_HOURS} h job | {n} | "
              f"{_median_us(contiguous, CALLS_PER_SAMPLE):.1f} | "
              f"{_median_us(interruptible, CALLS_PER_SAMPLE):.1f} |")
    folder = args.lwa_dir or (DEFAULT_LWA if DEFAULT_LWA.is_dir() else None)
    if folder is None:
        print("shifting experiment: skipped (no --lwa-dir / GRIDWISE_LWA_DIR)")
        return
    from evals.shifting import run_shifting

    walls = []
    for _ in range(SHIFTING_REPEATS):
        start = time.perf_counter()
        run_shifting(Path(folder))
        walls.append(time.perf_counter() - start)
    print(f"shifting experiment (3 regions, nightly + ad hoc 3,387 jobs x 21 runs): "
          f"median {statistics.median(walls):.2f} s over {SHIFTING_REPEATS} runs")


if __name__ == "__main__":
    main()
