"""Running the dispatcher: from settings, one pass or a loop, holding the store briefly.

DuckDB lets one process write a file at a time, so each pass takes the state file only
for its reads and writes (`gridwise.store_access`): to read, to write what Slurm said, to
record what sbatch and scontrol did, and to record its re-checks; Slurm is asked, and the
re-checks' forecasts made on the reference file, in between (`tools.dispatch.reconcile`).
`gridwise jobs cancel`, `metrics serve` and the other commands get their turn between
those uses.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gridwise.settings import Settings
from gridwise.store_access import StoreAccess
from tools.dispatch.dispatcher import Dispatcher
from tools.dispatch.slurm import Slurm


def slurm_from(settings: Settings) -> Slurm:
    """The Slurm connection the settings name."""
    return Slurm(conf=settings.slurm_conf)


def dispatcher_from(settings: Settings) -> Dispatcher:
    """A dispatcher configured from settings (job logs under <home>/jobs)."""
    log_dir = Path(settings.home).resolve() / "jobs"
    log_dir.mkdir(parents=True, exist_ok=True)
    return Dispatcher(slurm=slurm_from(settings), partitions=dict(settings.slurm_partitions),
                      max_retries=settings.dispatch_max_retries,
                      time_scale=settings.dispatch_time_scale, log_dir=log_dir,
                      redecide=settings.dispatch_redecide)


def run(settings: Settings, once: bool = False, interval_s: float | None = None,
        max_ticks: int | None = None,
        on_tick: Callable[[dict[str, int]], None] | None = None) -> dict[str, Any]:
    """Reconcile once, or every `interval_s` until `max_ticks` passes (None: forever)."""
    disp = dispatcher_from(settings)
    interval = settings.dispatch_interval_s if interval_s is None else interval_s
    totals: dict[str, int] = {}
    access = StoreAccess(settings.db_file, wait_s=settings.db_wait_s)
    with access.state(migrate=True):  # create or upgrade the home once
        pass
    while True:
        done = disp.tick(access)
        for k, v in done.items():
            totals[k] = totals.get(k, 0) + v
        if on_tick is not None:
            on_tick(done)
        if once or (max_ticks is not None and disp.ticks >= max_ticks):
            break
        time.sleep(interval)
    return {"run_id": disp.run_id, "ticks": disp.ticks, **totals}
