"""The baseline forecasters and the seasonal profile that carries a forecast past 72 h.

Each baseline is a predictor `predict(y, origins, leads) -> (len(origins), leads)`: for an
origin `o` (the first forecast step) it reads `y[:o]` only. Moved out of `models` (which keeps
the ridge model) in the eighth session, unchanged.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Predictor = Callable[[np.ndarray, np.ndarray, int], np.ndarray]


def persistence(y: np.ndarray, origins: np.ndarray, leads: int) -> np.ndarray:
    """The last known value, for every lead."""
    return np.repeat(y[origins - 1][:, None], leads, axis=1)


def _seasonal(period: int) -> Predictor:
    def predict(y: np.ndarray, origins: np.ndarray, leads: int) -> np.ndarray:
        j = np.arange(leads)
        back = period * (j // period + 1)  # the latest known step at the same phase
        return y[origins[:, None] + j[None, :] - back[None, :]]

    return predict


def seasonal_naive(period: int) -> Predictor:
    """The value one period (a day or a week of steps) before the target.

    When the lead exceeds the period, the latest known value at the same phase.
    """
    return _seasonal(period)


BASELINES: dict[str, Callable[[int], Predictor]] = {
    "persistence": lambda s: persistence,
    "seasonal_24": lambda s: seasonal_naive(s),
    "seasonal_168": lambda s: seasonal_naive(7 * s),
}


def baseline_residuals(name: str, y: np.ndarray, clock: int, leads: int,
                       steps_per_day: int, days: int = 28) -> np.ndarray:
    """Errors (actual - forecast) of a baseline over past origins, (leads, origins)."""
    predict = BASELINES[name](steps_per_day)
    need = {"persistence": 1, "seasonal_24": steps_per_day,
            "seasonal_168": 7 * steps_per_day}[name]
    origins = np.arange(max(need, clock - leads - days * steps_per_day + 1), clock)
    if origins.size == 0:
        return np.full((leads, 0), np.nan)
    pred = predict(y, origins, leads).T
    t = origins[None, :] + np.arange(leads)[:, None]
    actual = np.where(t < clock, y[np.minimum(t, clock - 1)], np.nan)
    return actual - pred


def seasonal_profile(y: np.ndarray, clock: int, steps: int, steps_per_day: int,
                     weeks: int = 4, skip: int = 0) -> tuple[np.ndarray, np.ndarray, str]:
    """A seasonal profile for `steps` steps from `clock + skip`, and its residuals.

    The mean by step of week over the last `weeks` weeks, or by step of day over the last
    week when less history exists.

    Returns:
        (profile values, in-sample residuals, a label saying which profile it is).
    """
    week = 7 * steps_per_day
    period, label = week, f"mean of the last {weeks} weeks by hour of week"
    have = min(clock, weeks * week)
    if have < 2 * week:
        period, have = steps_per_day, min(clock, 7 * steps_per_day)
        label = f"mean of the last {have // steps_per_day} day(s) by hour of day"
    have -= have % period
    if have < period:  # under a day of history: its mean, flat
        known = y[:clock][~np.isnan(y[:clock])]
        level = float(known.mean()) if known.size else np.nan
        return (np.full(steps, level), known - level,
                f"mean of the {known.size} h of history, flat")
    block = y[clock - have:clock].reshape(-1, period)
    known = ~np.isnan(block)
    counts = known.sum(axis=0)
    mean = np.where(counts > 0, np.where(known, block, 0.0).sum(axis=0) / np.maximum(counts, 1),
                    np.nan)
    if np.isnan(mean).any() and known.any():  # a phase never seen: the overall mean
        mean = np.where(np.isnan(mean), block[known].mean(), mean)
    resid = (block - mean[None, :]).ravel()
    # phase: step clock - have is at phase 0 of the block
    idx = (np.arange(steps) + skip + have) % period
    return mean[idx], resid, label
