"""The shifting experiments with jobs that re-decide every hour instead of once.

`evals.shifting_forecast` commits each job at its submission (or the nightly job at its
wake) to the start the forecast made then ranks lowest. Here a job not yet started looks
again every hour on the forecast made then (`evals.rolling_forecast`: the ridge refitted
daily, the forecast remade hourly from the newest values) and starts when the rules of
`tools.forecast.redecide` say so; an interruptible job re-plans its remaining work each hour.
Every decision at hour `t` reads the forecast made at `t` only; the saving is scored on the
actual series afterwards.

Rules tallied side by side on the same jobs:

* `once_fresh`: the ridge fitted at the decision's own clock, decided once (the plain
  `point` rule of `evals.shifting_forecast`: what main decided before re-deciding).
* `once`: the daily-refitted forecast, decided once at submission (so the gain of
  re-deciding is not confused with the model's refit schedule).
* `redecide`, `redecide_<p>`: re-deciding each hour (`tools.forecast.redecide`).
* `redecide_lower`: `redecide` on the forecast's lower interval bound (10th percentile).
"""

from __future__ import annotations

import numpy as np

from evals.rolling_forecast import RollingForecaster
from evals.shifting import AdHocJobs
from evals.shifting_forecast import Forecaster, Tally
from tools.forecast import ForecastGapError
from tools.forecast.redecide import REDECIDE_RULES, run_now, start_now
from tools.windows import lowest_steps, min_mean_window

#: Rules that rank the forecast's lower interval bound (its 10th percentile) instead of its
#: point values: optimistic about uncertain hours, which favours waiting for the far ones.
LOWER_RULES: tuple[str, ...] = ("redecide_lower",)
RULES: tuple[str, ...] = ("once_fresh", "once", *REDECIDE_RULES, *LOWER_RULES)


def new_tally() -> Tally:
    """A tally over this module's rules."""
    return Tally(forecast=dict.fromkeys(RULES, 0.0))


def once(ci: np.ndarray, seen: np.ndarray, duration: int, interruptible: bool) -> float:
    """Actual emissions of a job deciding once on `seen` (both from its submission)."""
    if interruptible:
        return float(ci[lowest_steps(seen, duration, 0, seen.size)].sum())
    start, _ = min_mean_window(seen, duration, 0, seen.size)
    return float(ci[start:start + duration].sum())


def _ranked(rule: str, seen: np.ndarray, lo: np.ndarray) -> tuple[np.ndarray, str]:
    """The series a rule ranks, and the `tools.forecast.redecide` rule it applies to it."""
    return (lo, "redecide") if rule in LOWER_RULES else (seen, rule)


def redecided_start(fc: RollingForecaster, first: int, span: int, duration: int,
                    rule: str) -> int:
    """The start (steps after `first`) a contiguous job re-deciding each step reaches.

    At step `k` it reads only the forecast made then (`fc.at(first + k, ...)`).
    """
    starts = span - duration + 1
    for k in range(starts):
        seen, lo, hi, _, _ = fc.at(first + k, span - k)
        ranked, base = _ranked(rule, seen, lo)
        if start_now(ranked, duration, starts - k, base, (hi - lo) / 2):
            return k
    return starts - 1


def redecided_steps(fc: RollingForecaster, first: int, span: int, duration: int,
                    rule: str) -> np.ndarray:
    """The steps (after `first`) an interruptible job re-planning each step runs in."""
    ran: list[int] = []
    for k in range(span):
        left = duration - len(ran)
        if left == 0:
            break
        seen, lo, hi, _, _ = fc.at(first + k, span - k)
        ranked, base = _ranked(rule, seen, lo)
        if run_now(ranked, left, base, (hi - lo) / 2):
            ran.append(k)
    return np.array(ran, dtype=np.int64)


def _score(actual: np.ndarray, fresh: Forecaster, roll: RollingForecaster, first: int,
           duration: int, interruptible: bool) -> dict[str, float]:
    """Actual emissions per rule of one job whose window is `actual` (from `first`)."""
    span = actual.size
    out = {"once_fresh": once(actual, fresh.at(first, span)[0], duration, interruptible),
           "once": once(actual, roll.at(first, span)[0], duration, interruptible)}
    for rule in (*REDECIDE_RULES, *LOWER_RULES):
        if interruptible:
            out[rule] = float(actual[redecided_steps(roll, first, span, duration, rule)].sum())
        else:
            k = redecided_start(roll, first, span, duration, rule)
            out[rule] = float(actual[k:k + duration].sum())
    return out


def _add(t: Tally, baseline: float, oracle: float, scores: dict[str, float],
         seen: tuple) -> None:
    t.baseline += baseline
    t.oracle += oracle
    for rule, v in scores.items():
        t.forecast[rule] += v
    t.jobs += 1
    t.fallbacks += seen[4]
    t.models.add(seen[3])


def nightly(ci: np.ndarray, fresh: Forecaster, roll: RollingForecaster, at_steps: np.ndarray,
            job_steps: int, windows: tuple[int, ...], per_hour: int) -> dict[str, Tally]:
    """Daily jobs at `at_steps`, each free to start within +-w hours of it."""
    out = {}
    for hours in windows:
        w = hours * per_hour
        t = new_tally()
        for at in at_steps:
            wake = int(at - w)
            span = 2 * w + job_steps
            if wake < 0 or wake + span > ci.size:
                continue
            actual = ci[wake:wake + span]
            if np.isnan(actual).any():
                continue
            try:
                scores = _score(actual, fresh, roll, wake, job_steps, False)
            except ForecastGapError:
                continue
            _add(t, float(actual[w:w + job_steps].sum()), once(actual, actual, job_steps, False),
                 scores, fresh.at(wake, span))
        out[str(hours)] = t
    return out


def adhoc(ci: np.ndarray, fresh: Forecaster, roll: RollingForecaster, jobs: AdHocJobs,
          slack: np.ndarray, offset: int) -> dict[str, Tally]:
    """Next-workday jobs; the baseline starts each job at its submission."""
    out = {m: new_tally() for m in ("interruptible", "non_interruptible")}
    for submit, duration, extra in zip(jobs.submit, jobs.duration, slack, strict=True):
        s = int(submit) + offset
        end = min(ci.size, int(s + duration + extra + 1))
        actual = ci[s:end]
        d = int(duration)
        if actual.size < d or np.isnan(actual).any():
            continue
        for mode, tally in out.items():
            inter = mode == "interruptible"
            try:
                scores = _score(actual, fresh, roll, s, d, inter)
            except ForecastGapError:
                continue
            _add(tally, float(actual[:d].sum()), once(actual, actual, d, inter), scores,
                 fresh.at(s, actual.size))
    return out


__all__ = ["RULES", "adhoc", "new_tally", "nightly", "redecided_start", "redecided_steps"]
