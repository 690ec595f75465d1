"""Reproduce Let's Wait Awhile (Wiesner et al., Middleware '21): temporal shifting savings.

Definitions mirror the paper's code (GitHub dos-group/lets-wait-awhile, `simulate.py` and
`strategy.py` at the initial commit 6f58b9e, savings as in `evaluation.ipynb`):

* Series: from 2020-01-01 00:00, kept at :00 and :30 only (a 30-minute grid; DE's 15-minute
  points in between are dropped). Positions, not timestamps, index the series.
* Nightly: a one-step (30 min) job daily at 01:00 for 365 days. With a window of w steps its
  scheduler wakes w steps early and runs at the lowest of the 2w + 1 steps around 01:00
  (first minimum). A job whose window would start before the series is skipped, as the
  paper's simulator does. Saving = 1 - sum(shifted) / sum(at 01:00).
* Ad hoc: 3,387 jobs on random workdays of 2020 (multinomial, seed 0), submitted at a random
  half hour in [09:00, 17:00), lasting a random whole number of half hours in [4 h, 90 h).
  The deadline is "next workday 09:00" of the original finish time (the paper's rule, which
  sends Friday-evening finishes to Saturday 09:00). A job sees D + F + 1 steps from its
  submission (D duration, F the steps to the deadline), runs contiguously at the lowest
  rolling mean or, interruptible, in the D lowest steps. Forecasts are actual + N(0, 0.05 x
  mean(series)), seeds 0-9, emissions averaged over seeds. The baseline is the same
  scheduler with F = 0 and no error (it may start now or 30 minutes later), as in the paper.
  Saving = 1 - total emissions / baseline emissions.

The series carry no licence: they are read from a configured folder, never bundled.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from gridwise.errors import SourceDirError, UserError
from gridwise.settings import Settings
from tools.windows import forecast_with_error, lowest_steps, min_mean_window

REGION_FILES = {"DE": "ger_ci.csv", "GB": "gb_ci.csv", "FR": "fr_ci.csv"}
STEP_MINUTES = 30
STEPS_PER_DAY = 24 * 60 // STEP_MINUTES
SERIES_START = np.datetime64("2020-01-01T00:00", "m")
NIGHTLY_HOUR = 1
NIGHTLY_DAYS = 365
NIGHTLY_WINDOWS_H = (1, 2, 4, 8)
ADHOC_JOBS = 3387
ADHOC_MIN_STEPS = 4 * 60 // STEP_MINUTES
ADHOC_MAX_STEPS = 90 * 60 // STEP_MINUTES  # exclusive, as range(240, 5400, 30) is
WORKDAY_START_STEP = 9 * 60 // STEP_MINUTES
WORKDAY_END_STEP = 17 * 60 // STEP_MINUTES  # exclusive submission slot
ADHOC_ERROR = 0.05
ERROR_REPETITIONS = 10
ADHOC_YEAR_DAYS = 366  # 2020

#: Reference figures (%), ../shared/design/shifting.md (paper notebooks / re-run of its method).
PAPER_NIGHTLY = {
    "DE": {1: 1.7, 2: 2.8, 4: 4.0, 8: 13.8},
    "GB": {1: 4.7, 2: 6.8, 4: 8.6, 8: 10.4},
    "FR": {1: 2.9, 2: 4.7, 4: 6.1, 8: 7.8},
}
PAPER_ADHOC = {
    "DE": {"interruptible": 7.93, "non_interruptible": 5.91},
    "GB": {"interruptible": 9.03, "non_interruptible": 6.56},
    "FR": {"interruptible": 5.92, "non_interruptible": 4.77},
}


@dataclass(frozen=True)
class AdHocJobs:
    """Submission step (from 2020-01-01 00:00) and duration in steps of each job."""

    submit: np.ndarray
    duration: np.ndarray


def resolve_lwa_folder(explicit: Path | None = None) -> Path:
    """The folder with the Let's-Wait-Awhile CSVs: argument, else settings.

    Raises:
        SourceDirError: not configured, missing, or missing a region file.
    """
    folder = explicit if explicit is not None else Settings().lwa_folder
    hint = ("pass --lwa-dir, or set GRIDWISE_LWA_DIR (or GRIDWISE_SOURCE_DIR with "
            "carbon/lets_wait_awhile/ inside) to the folder holding ger_ci.csv, gb_ci.csv, "
            "fr_ci.csv")
    if folder is None:
        raise SourceDirError("the Let's-Wait-Awhile data folder is not configured", hint)
    folder = Path(folder)
    missing = [f for f in REGION_FILES.values() if not (folder / f).is_file()]
    if missing:
        raise SourceDirError(f"{str(folder)!r} lacks {', '.join(missing)} (lwa_dir setting)",
                             hint)
    return folder


def load_region(folder: Path, region: str) -> np.ndarray:
    """The region's CI from 2020-01-01 00:00 on the 30-minute grid (:00 and :30 rows).

    Raises:
        UserError: unknown region, or the file breaks the 30-minute grid.
    """
    if region not in REGION_FILES:
        raise UserError(f"unknown region {region!r}", f"use one of {', '.join(REGION_FILES)}")
    with open(folder / REGION_FILES[region], newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))[1:]
    times = np.array([r[0] for r in rows], dtype="datetime64[m]")
    values = np.array([float(r[1]) for r in rows])
    keep = (times >= SERIES_START) & (times.astype("int64") % STEP_MINUTES == 0)
    times, values = times[keep], values[keep]
    if times.size == 0 or times[0] != SERIES_START or np.any(
            np.diff(times) != np.timedelta64(STEP_MINUTES, "m")):
        raise UserError(f"{REGION_FILES[region]} is not a gap-free 30-minute series from 2020",
                        "use the unmodified files from dos-group/lets-wait-awhile")
    return values


def nightly_savings(ci: np.ndarray, windows_h: tuple[int, ...] = NIGHTLY_WINDOWS_H,
                    days: int = NIGHTLY_DAYS) -> dict[int, float]:
    """Saving (%) of a daily 01:00 half-hour job shifted within +-h hours (perfect forecast)."""
    at_one = np.arange(days) * STEPS_PER_DAY + NIGHTLY_HOUR * 60 // STEP_MINUTES
    baseline = ci[at_one].sum()
    out: dict[int, float] = {}
    for hours in windows_h:
        w = hours * 60 // STEP_MINUTES
        wake = at_one - w
        wake = wake[wake >= 0]  # the paper's simulator skips jobs that would wake too early
        candidates = ci[wake[:, None] + np.arange(2 * w + 1)]
        chosen = candidates[np.arange(wake.size), np.argmin(candidates, axis=1)]
        out[hours] = float((1 - chosen.sum() / baseline) * 100)
    return out


def generate_adhoc_jobs(n: int = ADHOC_JOBS, seed: int = 0) -> AdHocJobs:
    """Jobs as the paper samples them (same numpy draws, so seed 0 gives its job set)."""
    rng = np.random.default_rng(seed)
    day_numbers = np.arange(ADHOC_YEAR_DAYS)
    weekday = (day_numbers + _weekday(SERIES_START)) % 7
    workdays = day_numbers[weekday <= 4]
    per_workday = rng.multinomial(n, [1 / workdays.size] * workdays.size)
    per_day = np.zeros(ADHOC_YEAR_DAYS, dtype=int)
    per_day[workdays] = per_workday
    slots = np.arange(WORKDAY_START_STEP, WORKDAY_END_STEP)
    submit: list[int] = []
    for day, count in enumerate(per_day):
        for slot in np.sort(rng.choice(slots, size=count)):
            submit.append(day * STEPS_PER_DAY + int(slot))
    duration = rng.choice(np.arange(ADHOC_MIN_STEPS, ADHOC_MAX_STEPS), size=n)
    return AdHocJobs(np.array(submit), duration)


def _weekday(t: np.datetime64) -> int:
    """Monday = 0 (1970-01-01 was a Thursday)."""
    return int((t.astype("datetime64[D]").astype("int64") + 3) % 7)


def next_workday_steps(finish_step: np.ndarray) -> np.ndarray:
    """Steps from each original finish to its deadline, by the paper's next-workday rule."""
    day, slot = np.divmod(finish_step, STEPS_PER_DAY)
    weekday = (day + _weekday(SERIES_START)) % 7
    hour = slot * STEP_MINUTES / 60
    nine = WORKDAY_START_STEP
    deadline_day = np.where(weekday == 5, day + 2,
                            np.where((weekday == 6) | (hour > 17), day + 1, day))
    deadline = deadline_day * STEPS_PER_DAY + nine
    keep = (weekday <= 4) & (hour >= 9) & (hour <= 17)
    return np.where(keep, 0, deadline - finish_step)


def adhoc_emissions(ci: np.ndarray, jobs: AdHocJobs, forecast: np.ndarray, slack: np.ndarray,
                    interruptible: bool) -> float:
    """Total actual CI over the steps each job runs, choosing on `forecast`."""
    total = 0.0
    n = ci.size
    for submit, duration, extra in zip(jobs.submit, jobs.duration, slack, strict=True):
        end = min(n, int(submit + duration + extra + 1))
        if interruptible:
            steps = lowest_steps(forecast, int(duration), int(submit), end)
            total += ci[steps].sum()
        else:
            start, _ = min_mean_window(forecast, int(duration), int(submit), end)
            total += ci[start:start + duration].sum()
    return total


def adhoc_savings(ci: np.ndarray, jobs: AdHocJobs, error: float = ADHOC_ERROR,
                  repetitions: int = ERROR_REPETITIONS, seed: int = 0) -> dict[str, float]:
    """Saving (%) of next-workday shifting versus the paper's baseline, per mode."""
    baseline = adhoc_emissions(ci, jobs, ci, np.zeros_like(jobs.duration), False)
    slack = next_workday_steps(jobs.submit + jobs.duration)
    out: dict[str, float] = {}
    for mode, interruptible in (("interruptible", True), ("non_interruptible", False)):
        runs = [adhoc_emissions(ci, jobs, forecast_with_error(ci, "additive_mean", error, s),
                                slack, interruptible)
                for s in range(seed, seed + repetitions)]
        out[mode] = float((1 - np.mean(runs) / baseline) * 100)
    return out


def run_shifting(folder: Path | None = None, seed: int = 0,
                 regions: tuple[str, ...] = tuple(REGION_FILES)) -> dict[str, dict]:
    """Both experiments for every region: `{"nightly": ..., "adhoc": ...}` in %."""
    folder = resolve_lwa_folder(folder)
    jobs = generate_adhoc_jobs(seed=seed)
    nightly: dict[str, dict[str, float]] = {}
    adhoc: dict[str, dict[str, float]] = {}
    for region in regions:
        ci = load_region(folder, region)
        nightly[region] = {str(h): v for h, v in nightly_savings(ci).items()}
        adhoc[region] = adhoc_savings(ci, jobs, seed=seed)
    return {"nightly": nightly, "adhoc": adhoc}
