"""Re-deciding as time passes: start (or run) now, or wait for a newer forecast.

Deciding once commits a job to the start its submission-time forecast ranks lowest. A job
not yet started can instead look again every hour, on the newest forecast (made from every
value known by then), and start when the current hour is the best of its remaining feasible
starts; the last feasible start always runs (a receding horizon: the plan is remade each
hour and only its first step is taken). An interruptible job re-plans
its remaining work each hour: it runs this hour when the hour is among the lowest forecast
hours that its remaining work needs before the deadline.

Each rule reads only the forecast it is given (made at the current hour; index 0 = now), so
it cannot see the future. Rules (`REDECIDE_RULES`):

* `redecide`: start when now is the lowest forecast window of those left (ties go to now).
* `redecide_<p>`: start when now's forecast window is within `p` % of the lowest left
  (waiting must promise more than `p` % to be worth another hour's risk).
* `redecide_gate_<k>`: start (run) now unless waiting promises a gain larger than `k` times
  the half-width of the forecast's 80 % interval over the hours waited for, divided by the
  square root of the job's length (the gated rules of `tools.forecast.decide`, applied to
  waiting: do not wait for a gain inside the forecast's error).
* `redecide_wait_<p>`: the other way round: start (run) now only when now beats the best
  window (hour) still ahead by more than `p` % of it; otherwise wait for the next forecast.
  Waiting is worth something the point forecast does not show (the next forecast knows one
  more hour), and the tolerances above, which wait less, all lost on 2022.
"""

from __future__ import annotations

import numpy as np

from gridwise.errors import UserError

REDECIDE_RULES: tuple[str, ...] = ("redecide", "redecide_1", "redecide_2", "redecide_5",
                                   "redecide_gate_0.5", "redecide_gate_1",
                                   "redecide_wait_0.5", "redecide_wait_1", "redecide_wait_2",
                                   "redecide_wait_5")
#: The rule adopted: on 2022 (18 zones, 108 cells) it kept >= 85 % of the oracle's saving in
#: 38 cells against 32 deciding once, and every tolerance lost (BENCHMARKS.md, issue 13).
#: Fifth session, 2022 on model v6: still the best (36 cells, median 75.9 %); every waiting
#: margin lost (0.5 %: 36 cells, median 73.7 %; 1 %: 30; 5 %: 24), for nightly and ad-hoc
#: jobs alike, so no rule per job length either.
DEFAULT_REDECIDE = "redecide"


def tolerance(rule: str) -> float:
    """The relative tolerance of a re-deciding rule (0.01 for `redecide_1`).

    Raises:
        UserError: not a re-deciding rule.
    """
    return _parse(rule)[0]


def _parse(rule: str) -> tuple[float, float]:
    """(relative tolerance, interval gate k) of a re-deciding rule.

    A waiting margin (`redecide_wait_<p>`) is a negative tolerance, -p / 100.
    """
    if rule == "redecide":
        return 0.0, 0.0
    kind = next((k for k in ("gate", "wait") if rule.startswith(f"redecide_{k}_")), "")
    text = rule[len(f"redecide_{kind}_" if kind else "redecide_"):]
    try:
        p = float(text) if rule.startswith("redecide_") else -1.0
    except ValueError:
        p = -1.0
    if p >= 0:
        return {"gate": (0.0, p), "wait": (-p / 100.0, 0.0)}.get(kind, (p / 100.0, 0.0))
    raise UserError(f"unknown re-deciding rule {rule!r}",
                    f"use one of {', '.join(REDECIDE_RULES)}")


def _within(now: float, best: float, tol: float) -> bool:
    return bool(now <= best + tol * abs(best) + 1e-12 * max(1.0, abs(best)))


def start_now(seen: np.ndarray, duration: int, starts_left: int,
              rule: str = DEFAULT_REDECIDE, half: np.ndarray | None = None) -> bool:
    """Whether a contiguous job starts at this hour.

    Args:
        seen: the forecast made now, from now on (at least `starts_left + duration - 1`
            steps); NaN steps make a window unusable.
        duration: the job's length in steps.
        starts_left: how many starts remain feasible, now included (1: now is the last).
        rule: a `REDECIDE_RULES` name.
        half: the half-width of the forecast's interval per step (gated rules only).
    """
    if starts_left <= 1:
        return True
    tol, k = _parse(rule)
    sums = np.concatenate(([0.0], np.cumsum(seen[:starts_left + duration - 1])))
    window = (sums[duration:] - sums[:-duration]) / duration
    window = np.where(np.isnan(window), np.inf, window)
    if not np.isfinite(window[0]):
        return False
    if tol < 0:  # a waiting margin: now must beat every window still ahead by -tol
        ahead = float(window[1:].min())
        return not np.isfinite(ahead) or _within(float(window[0]), ahead, tol)
    best = int(np.argmin(window))
    if _within(float(window[0]), float(window[best]), tol):
        return True
    return k > 0 and half is not None and bool(
        window[0] - window[best]
        <= k * float(np.nanmean(half[best:best + duration])) / np.sqrt(duration))


def run_now(seen: np.ndarray, work_left: int, rule: str = DEFAULT_REDECIDE,
            half: np.ndarray | None = None) -> bool:
    """Whether an interruptible job runs this hour.

    Args:
        seen: the forecast made now, for every step left before the deadline (index 0 = now).
        work_left: steps of work still to run.
        rule: a `REDECIDE_RULES` name.
        half: the half-width of the forecast's interval per step (gated rules only).
    """
    if work_left <= 0:
        return False
    if work_left >= seen.size:
        return True
    tol, k = _parse(rule)
    keyed = np.where(np.isnan(seen), np.inf, seen)
    if tol < 0:  # a waiting margin: now must beat the hour the rest would need by -tol
        rest = np.partition(keyed[1:], work_left - 1)[work_left - 1]
        return not np.isfinite(rest) or _within(float(keyed[0]), float(rest), tol)
    at = int(np.argpartition(keyed, work_left - 1)[work_left - 1])
    kth = float(keyed[at])
    if _within(float(keyed[0]), kth, tol):
        return True
    return k > 0 and half is not None and bool(keyed[0] - kth <= k * float(half[at]))


__all__ = ["DEFAULT_REDECIDE", "REDECIDE_RULES", "run_now", "start_now", "tolerance"]
