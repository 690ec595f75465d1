"""The shifting experiments re-run on forecasts made at each decision's clock.

Let's Wait Awhile assumes a perfect forecast (nightly) or the actual series plus 5 % noise
(ad hoc). Here every job decides on `tools.forecast.forecast` made when it is scheduled,
from the history before that moment only, and is scored on the actual series. The saving
realised is set beside the oracle's (perfect foresight) saving: `kept_pct` = realised /
oracle x 100 (the target is >= 85 %).

* LWA regions (DE, GB, FR, 30-minute grid of 2020): the paper's jobs exactly
  (`evals.shifting`); forecasts are made on the hourly means of the 30-minute series and
  repeated to the half hours (the forecaster's calendar is hourly). History before 2020
  is only the ten days the files carry, so January-February 2020 forecasts fall back to the
  seasonal baselines (counted in `fallbacks`).
* Electricity Maps zones (hourly, 2023): a one-hour nightly job at 01:00 UTC within
  +-1/2/4/8 h, and ad-hoc jobs drawn like the paper's (workday 09:00-17:00 submissions, 4-90 h,
  next-workday-09:00 deadline), in whole hours.

Jobs decide once here; with a re-deciding `rule` (`run_em(..., rule="redecide")`) they look
again every hour instead (`evals.shifting_redecide`), deciding once tallied beside.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import numpy as np

from evals.shifting import (
    NIGHTLY_WINDOWS_H,
    REGION_FILES,
    SERIES_START,
    STEPS_PER_DAY,
    AdHocJobs,
    generate_adhoc_jobs,
    next_workday_steps,
    resolve_lwa_folder,
)
from gridwise.errors import UserError
from gridwise.store import Store
from tools.forecast import ForecastGapError, forecast
from tools.forecast.decide import DEFAULT_RULE, RULES, choose_steps, choose_window
from tools.forecast.exog import Exog
from tools.forecast.inputs import exog_many
from tools.grid import HOUR, hourly_many

EM_YEAR = datetime(2023, 1, 1)
EM_HISTORY_H = 60 * 24
EM_ADHOC_JOBS = 400
REACH_BUCKETS_H = (24, 240)


@dataclass
class Tally:
    """Emissions (sums of intensity over the steps run) of one experiment, per decision rule."""

    baseline: float = 0.0
    oracle: float = 0.0
    forecast: dict[str, float] = field(default_factory=lambda: dict.fromkeys(RULES, 0.0))
    jobs: int = 0
    fallbacks: int = 0
    models: set[str] = field(default_factory=set)

    def row(self, rule: str = DEFAULT_RULE) -> dict[str, object]:
        """Savings in %, and the share of the oracle's saving each rule kept (`rule` first)."""
        ora = (1 - self.oracle / self.baseline) * 100

        def kept(r: str) -> float | None:
            fc = (1 - self.forecast[r] / self.baseline) * 100
            return None if ora <= 0 else round(fc / ora * 100, 1)

        fc = (1 - self.forecast[rule] / self.baseline) * 100
        return {"oracle_pct": round(ora, 3), "forecast_pct": round(fc, 3),
                "kept_pct": kept(rule), "rule": rule,
                "kept_pct_by_rule": {r: kept(r) for r in self.forecast}, "jobs": self.jobs,
                "fallbacks": self.fallbacks, "models": sorted(self.models)}


class Forecaster:
    """Forecasts from a history array at step origins, cached per origin and horizon.

    `exog` (hourly, on the same grid as `hourly`) gives the inputs known at each origin.
    """

    def __init__(self, hourly: np.ndarray, t0: np.datetime64, per_hour: int, model: str,
                 exog: Exog | None = None) -> None:
        self.hourly, self.t0, self.per_hour, self.model = hourly, t0, per_hour, model
        self.exog = exog
        self.cache: dict[tuple[int, int], tuple[np.ndarray, np.ndarray, np.ndarray, str,
                                                bool]] = {}

    def at(self, step: int, steps: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, str,
                                                 bool]:
        """Forecast (values, lo, hi) of `steps` steps from `step`, made at its hour."""
        hour = step // self.per_hour
        lead = step - hour * self.per_hour
        need = -(-(lead + steps) // self.per_hour)
        # two reaches only, so that jobs scheduled in the same hour share one forecast
        hours = next(b for b in (*REACH_BUCKETS_H, need) if b >= need)
        key = (hour, hours)
        if key not in self.cache:
            self.cache[key] = self._make(hour, hours)
        values, lo, hi, model, fell = self.cache[key]
        sl = slice(lead, lead + steps)
        return values[sl], lo[sl], hi[sl], model, fell

    def _make(self, hour: int, hours: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, str,
                                                    bool]:
        """The forecast of `hours` hours made at `hour`, repeated to the job grid's steps."""
        when = self.t0 + np.timedelta64(hour, "h")
        ex = self.exog.at_clock(hour, hours) if self.exog is not None else None
        fc = forecast(self.hourly[:hour], when, hours, self.model,  # type: ignore[arg-type]
                      exog=ex)
        rep = [np.repeat(a, self.per_hour) for a in (fc.values, fc.lo, fc.hi)]
        return rep[0], rep[1], rep[2], fc.model, fc.fell_back


def _run(ci: np.ndarray, seen: tuple[np.ndarray, np.ndarray, np.ndarray] | np.ndarray,
         duration: int, interruptible: bool, default_start: int = 0,
         rule: str = "point") -> float:
    """Actual emissions of a job choosing its steps on `seen` (both from its submission)."""
    v, lo, hi = seen if isinstance(seen, tuple) else (seen, seen, seen)
    if interruptible:
        return float(ci[choose_steps(v, lo, hi, duration, rule)].sum())
    start = choose_window(v, lo, hi, duration, default_start, rule)
    return float(ci[start:start + duration].sum())


def nightly(ci: np.ndarray, fc: Forecaster, at_steps: np.ndarray, job_steps: int,
            windows: tuple[int, ...], per_hour: int) -> dict[str, Tally]:
    """Daily jobs at `at_steps`, each free to start within +-w hours, on forecasts."""
    out = {}
    for hours in windows:
        w = hours * per_hour
        t = Tally()
        for at in at_steps:
            wake = int(at - w)
            if wake < 0 or at + w + job_steps > ci.size:
                continue
            span = 2 * w + job_steps
            actual = ci[wake:wake + span]
            if np.isnan(actual).any():
                continue
            values, lo, hi, model, fell = fc.at(wake, span)
            seen = (values, lo, hi)
            t.baseline += actual[w:w + job_steps].sum()
            t.oracle += _run(actual, actual, job_steps, False)
            for rule in RULES:
                t.forecast[rule] += _run(actual, seen, job_steps, False, w, rule)
            t.jobs += 1
            t.fallbacks += fell
            t.models.add(model)
        out[str(hours)] = t
    return out


def adhoc(ci: np.ndarray, fc: Forecaster, jobs: AdHocJobs, slack: np.ndarray,
          offset: int) -> dict[str, Tally]:
    """Next-workday jobs on forecasts; the baseline starts each job at its submission.

    `offset` shifts the jobs' steps into `ci`'s (the history before the first step).
    """
    out = {m: Tally() for m in ("interruptible", "non_interruptible")}
    for submit, duration, extra in zip(jobs.submit, jobs.duration, slack, strict=True):
        s = int(submit) + offset
        end = min(ci.size, int(s + duration + extra + 1))
        actual = ci[s:end]
        if actual.size < duration or np.isnan(actual).any():
            continue  # past the data's end (2024 carbon is held out) or across a gap
        try:
            values, lo, hi, model, fell = fc.at(s, end - s)
            seen = (values, lo, hi)
        except ForecastGapError:
            continue
        for mode, tally in out.items():
            inter = mode == "interruptible"
            tally.baseline += actual[:duration].sum()
            tally.oracle += _run(actual, actual, int(duration), inter)
            for rule in RULES:
                tally.forecast[rule] += _run(actual, seen, int(duration), inter, 0,
                                             rule)
            tally.jobs += 1
            tally.fallbacks += fell
            tally.models.add(model)
    return out


def _lwa_series(folder: Path, region: str) -> tuple[np.ndarray, int]:
    """The whole 30-minute series (from 2019-12-20) and the step of 2020-01-01 00:00."""
    with open(folder / REGION_FILES[region], newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))[1:]
    times = np.array([r[0] for r in rows], dtype="datetime64[m]")
    values = np.array([float(r[1]) for r in rows])
    keep = times.astype("int64") % 30 == 0
    times, values = times[keep], values[keep]
    first = times[0].astype("datetime64[h]").astype("datetime64[m]")
    grid = first + np.arange(int((times[-1] - first) / np.timedelta64(30, "m")) + 1) * 30
    out = np.full(grid.size, np.nan)
    out[((times - first) / np.timedelta64(30, "m")).astype(int)] = values
    return out, int((SERIES_START - first) / np.timedelta64(30, "m"))


#: The store's zone (calendar, price market) of each Let's-Wait-Awhile region.
LWA_ZONES = {"DE": "DE-LU", "GB": "GB", "FR": "FR"}


def lwa_forecaster(folder: Path, region: str, model: str = "ridge",
                   conn: duckdb.DuckDBPyConnection | None = None) -> tuple[
        np.ndarray, int, np.ndarray, Forecaster]:
    """A region's 30-minute series, the step of 2020-01-01, its hourly means, their forecaster.

    With `conn` (the store), forecasts also read the inputs known at each clock (calendar,
    the region's 2020 day-ahead prices); without, lags and calendar only.
    """
    ci, offset = _lwa_series(folder, region)
    hourly = np.nanmean(ci[: ci.size - ci.size % 2].reshape(-1, 2), axis=1)
    t0 = (SERIES_START - np.timedelta64(offset * 30, "m")).astype("datetime64[h]")
    ex = None
    if conn is not None:
        zone = LWA_ZONES[region]
        ex = exog_many(conn, "carbon_intensity", [zone], t0.astype(datetime), hourly.size,
                       hourly.size)[zone]
        ex = Exog(ex.zone, ex.t0_h, ex.price, ex.market)  # the LWA series has one basis
    return ci, offset, hourly, Forecaster(hourly, t0, 2, model, ex)


def run_lwa(folder: Path | None = None, model: str = "ridge",
            regions: tuple[str, ...] = tuple(REGION_FILES),
            store: Store | None = None, sample: int = 1, rule: str = "once",
            refit_h: int = 24) -> dict[str, dict]:
    """LWA nightly and ad-hoc experiments on forecasts, per region.

    `sample` > 1 runs every `sample`-th night and ad-hoc job only (to fit a CPU budget).
    `rule`: 'once' (decide at submission, every `tools.forecast.decide` rule) or a
    re-deciding rule (`evals.shifting_redecide`, every rule there beside it), on forecasts
    remade hourly from a ridge refitted every `refit_h` hours.

    With `store`, forecasts also read the inputs known at each clock (calendar, the
    region's 2020 day-ahead prices); without, lags and calendar only.
    """
    folder = resolve_lwa_folder(folder)
    every = generate_adhoc_jobs()
    jobs = AdHocJobs(every.submit[::sample], every.duration[::sample])
    slack = next_workday_steps(jobs.submit + jobs.duration)
    res: dict[str, dict] = {"nightly": {}, "adhoc": {}}
    for region in regions:
        ci, offset, hourly, fc = lwa_forecaster(folder, region, model,
                                                store.conn if store is not None else None)
        at = offset + np.arange(0, 365, sample) * STEPS_PER_DAY + 2
        res["nightly"][region], res["adhoc"][region] = _experiments(
            ci, hourly, fc, at, 2, jobs, slack, offset, rule, refit_h)
    return res


def _experiments(ci: np.ndarray, hourly: np.ndarray, fc: Forecaster, at: np.ndarray,
                 per_hour: int, jobs: AdHocJobs, slack: np.ndarray, offset: int,
                 rule: str, refit_h: int = 24) -> tuple[dict[str, dict], dict[str, dict]]:
    """Nightly and ad-hoc rows of one series, deciding once or re-deciding (`rule`)."""
    if rule == "once":
        return ({h: t.row() for h, t in
                 nightly(ci, fc, at, 1, NIGHTLY_WINDOWS_H, per_hour).items()},
                {m: t.row() for m, t in adhoc(ci, fc, jobs, slack, offset).items()})
    from evals import shifting_redecide as sr
    from evals.rolling_forecast import RollingForecaster

    roll = RollingForecaster(hourly, fc.t0, per_hour, fc.model, fc.exog, refit_h)
    return ({h: t.row(rule) for h, t in
             sr.nightly(ci, fc, roll, at, 1, NIGHTLY_WINDOWS_H, per_hour).items()},
            {m: t.row(rule) for m, t in sr.adhoc(ci, fc, roll, jobs, slack, offset).items()})


def em_jobs(n: int = EM_ADHOC_JOBS, seed: int = 0, year: datetime = EM_YEAR) -> tuple[
        AdHocJobs, np.ndarray]:
    """Hourly ad-hoc jobs over `year` drawn like the paper's, with their slack (hours)."""
    rng = np.random.default_rng(seed)
    days = np.arange(365)
    weekday = (days + year.weekday()) % 7
    workdays = days[weekday <= 4]
    day = np.sort(rng.choice(workdays, size=n))
    submit = day * 24 + rng.integers(9, 17, size=n)
    duration = rng.integers(4, 90, size=n)
    finish = submit + duration
    fday, fhour = np.divmod(finish, 24)
    fwd = (fday + year.weekday()) % 7
    nxt = np.where(fwd == 4, fday + 3, np.where(fwd == 5, fday + 2, fday + 1))
    same = (fwd <= 4) & (fhour < 9)
    deadline = np.where(same, fday * 24 + 9, nxt * 24 + 9)
    in_hours = (fwd <= 4) & (fhour >= 9) & (fhour <= 17)
    return AdHocJobs(submit, duration), np.where(in_hours, 0, deadline - finish)


def run_em(store: Store, zones: list[str] | None = None, model: str = "ridge",
           n_jobs: int = EM_ADHOC_JOBS, year: int = EM_YEAR.year,
           exogenous: bool = True, sample: int = 1, rule: str = "once",
           refit_h: int = 24) -> dict[str, dict]:
    """Nightly and ad-hoc experiments on the hourly Electricity Maps zones of `year`.

    `sample` > 1 runs every `sample`-th night only; `rule` and `refit_h` as in `run_lwa`.
    2023 is the evaluation year; 2022 is where decision rules were chosen.
    """
    have = [z for (z,) in store.conn.execute(
        "SELECT DISTINCT zone FROM carbon_intensity WHERE source = 'electricitymaps' "
        "ORDER BY zone").fetchall()]
    zones = zones or have
    first = datetime(year, 1, 1)
    lo, hi = store.time_range()
    if not lo <= first - HOUR * EM_HISTORY_H or hi < datetime(year, 12, 31):
        raise UserError(f"the loaded carbon data ({lo:%Y-%m-%d} .. {hi:%Y-%m-%d}) does not "
                        f"cover {year} and the {EM_HISTORY_H // 24} days before it",
                        "pick a --year inside the loaded data (e.g. 2022 or 2023), or load "
                        "that year's files with `gridwise data load`")
    start = first - HOUR * EM_HISTORY_H
    span = EM_HISTORY_H + 365 * 24 + 24 * 8
    series = hourly_many(store.conn, "carbon_intensity", zones, start, span)
    inputs = (exog_many(store.conn, "carbon_intensity", zones, start, span, span)
              if exogenous else {})
    jobs, slack = em_jobs(n_jobs, year=first)
    res: dict[str, dict] = {"nightly": {}, "adhoc": {}}
    for zone in zones:
        ci = series[zone].values
        fc = Forecaster(ci, np.datetime64(start, "h"), 1, model, inputs.get(zone))
        at = EM_HISTORY_H + np.arange(0, 365, sample) * 24 + 1
        res["nightly"][zone], res["adhoc"][zone] = _experiments(
            ci, ci, fc, at, 1, jobs, slack, EM_HISTORY_H, rule, refit_h)
    return res
