"""Choosing when to run from a forecast, knowing it is one.

A forecast's point values rank hours well where differences between hours are larger than
its error, and badly where they are not: moving a job on a forecast gain smaller than the
forecast's own uncertainty often realises a loss. The rules here decide on the forecast:

* `point`: the lowest forecast window (or steps), as if the forecast were the truth.
* `gate_<k>`: the same choice, taken only when its forecast gain over the default (running
  at the requested time) exceeds `k` times the half-width of the forecast's 80 % interval
  over the chosen hours, scaled down by the square root of the job's length (errors of
  neighbouring hours partly cancel); otherwise the job runs at the default.

The default was chosen on 2022 (DE-LU, GB, ES, US-CAL-CISO; never on the evaluation years):
every gate kept less of the oracle's saving than `point` there (a wrong move on these grids
costs less than the good moves a gate forgoes), so `point` is the default and the gates
stay as reported alternatives (BENCHMARKS.md, issue 13).
"""

from __future__ import annotations

import numpy as np

from gridwise.errors import UserError
from tools.windows import lowest_steps, min_mean_window

RULES: tuple[str, ...] = ("point", "gate_0.25", "gate_0.5", "gate_1")
DEFAULT_RULE = "point"


def _gate(rule: str) -> float:
    if rule == "point":
        return 0.0
    if rule.startswith("gate_"):
        try:
            return float(rule[5:])
        except ValueError:
            pass
    raise UserError(f"unknown decision rule {rule!r}", f"use one of {', '.join(RULES)}")


def _worth_it(gain: float, lo: np.ndarray, hi: np.ndarray, steps: np.ndarray, k: float,
              ) -> bool:
    if k <= 0:
        return True
    half = float(np.nanmean((hi[steps] - lo[steps]) / 2.0)) if steps.size else 0.0
    return gain > k * half / np.sqrt(max(1, steps.size))


def choose_window(seen: np.ndarray, lo: np.ndarray, hi: np.ndarray, duration: int,
                  default_start: int, rule: str = DEFAULT_RULE) -> int:
    """The start of a contiguous run of `duration` steps within `seen` (index 0 = earliest)."""
    start, best = min_mean_window(seen, duration, 0, seen.size)
    k = _gate(rule)
    if start == default_start or k <= 0:
        return start
    base = float(np.mean(seen[default_start:default_start + duration]))
    steps = np.arange(start, start + duration)
    return start if _worth_it(base - best, lo, hi, steps, k) else default_start


def choose_steps(seen: np.ndarray, lo: np.ndarray, hi: np.ndarray, duration: int,
                 rule: str = DEFAULT_RULE) -> np.ndarray:
    """The steps an interruptible job runs in; the default is its first `duration` steps."""
    steps = lowest_steps(seen, duration, 0, seen.size)
    k = _gate(rule)
    if k <= 0:
        return steps
    gain = float(np.mean(seen[:duration]) - np.mean(seen[steps]))
    return steps if _worth_it(gain, lo, hi, steps, k) else np.arange(duration)


__all__ = ["DEFAULT_RULE", "RULES", "choose_steps", "choose_window"]
