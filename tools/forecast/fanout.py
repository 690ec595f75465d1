"""Independent forecasts made side by side, one thread per core, answered in the asked order.

A cold quote makes one forecast per carbon zone and price market (19 ridge fits at the bench
clock), none reading another's result. A fit is mostly numpy passes over (72, 728) arrays
and OpenBLAS products, which run with the GIL released, so two fits overlap on two cores.
Each forecast is the same computation on the same inputs in whichever thread makes it, so
the answers are the serial ones, returned in the order the jobs were given.

`GRIDWISE_FORECAST_WORKERS` (read when a `ForecastSignals` is made, as `OPENBLAS_NUM_THREADS`
is read when numpy loads: a process's resource knob, not a per-run choice): unset or 0, one
thread per core this process may use, divided by the BLAS threads each fit may start (one,
by default: `gridwise/__init__.py`), so that fits x BLAS threads never exceed the cores;
1, every forecast in the caller's thread (the pre-twelfth-session behaviour); n, at most n.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from gridwise.errors import UserError

T = TypeVar("T")

#: The environment variable that bounds the threads (see the module docstring).
WORKERS_ENV = "GRIDWISE_FORECAST_WORKERS"


def cores() -> int:
    """CPU cores this process may run on (its affinity mask where the OS tells it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def blas_threads() -> int:
    """The threads OpenBLAS may start per call (`OPENBLAS_NUM_THREADS`; 1 if unreadable)."""
    try:
        return max(1, int(os.environ.get("OPENBLAS_NUM_THREADS", "1")))
    except ValueError:
        return 1


def default_workers() -> int:
    """Threads that make a quote's forecasts at once, from `GRIDWISE_FORECAST_WORKERS`.

    Raises:
        UserError: the variable is not a whole number >= 0.
    """
    raw = os.environ.get(WORKERS_ENV, "").strip()
    try:
        asked = int(raw) if raw else 0
    except ValueError:
        asked = -1
    if asked < 0:
        raise UserError(f"{WORKERS_ENV}={raw!r} is not a number of threads",
                        f"set {WORKERS_ENV} to 0 (one per core), 1 (no threads) or a "
                        "whole number of threads, or unset it")
    return asked or max(1, cores() // blas_threads())


def in_order(jobs: Sequence[Callable[[], T]], workers: int) -> list[T]:
    """Each job's result, in the order of `jobs`, made by at most `workers` threads.

    With one worker or one job, in the caller's thread. A job's exception is raised here
    (the first in the jobs' order) once the others have finished.
    """
    if workers <= 1 or len(jobs) <= 1:
        return [job() for job in jobs]
    with ThreadPoolExecutor(max_workers=min(workers, len(jobs)),
                            thread_name_prefix="forecast") as pool:
        futures = [pool.submit(job) for job in jobs]
        return [f.result() for f in futures]


__all__ = ["WORKERS_ENV", "blas_threads", "cores", "default_workers", "in_order"]
