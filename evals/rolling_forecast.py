"""Forecasts remade every hour from the newest values, with the model refitted once a day.

Re-deciding each hour (`tools.forecast.redecide`) needs a forecast at every hour a job is
still waiting. Refitting the ridge at every hour costs ~0.2 s (its 72 per-lead regressions);
operational forecasters instead refit on a schedule and update the forecast whenever a new
value arrives. `RollingForecaster` does the same: the ridge is fitted at 00:00 UTC (and at
01:00: it trains on every other origin in phase with its clock, so each parity of hour has
its own fit; see `fit_phases`) on the history before then, exactly as
`tools.forecast.forecast` fits it at that clock, and at any hour `t` of that day it predicts
from `t` on with every value before `t` (lags, the last day, the last week, prices
published by `t`). Nothing at or after `t` is read: the history is cut at `t` before
anything is computed, and prices are masked to what was published by `t`
(`Exog.at_clock`). Beyond 72 h the same labelled seasonal profile carries on.

Where the ridge cannot be fitted at the day's start or used at `t` (too little history, a
recent gap), the forecast at `t` is `tools.forecast.forecast` itself, which falls back to a
baseline and says so (counted in `fell_back`). Prices are scaled by their mean magnitude up
to `t` (the fit used the mean up to the day's start: a difference of under a day in 60).
"""

from __future__ import annotations

import numpy as np

from evals.shifting_forecast import Forecaster
from tools.forecast import models
from tools.forecast.api import (
    LEARNED_HORIZON_H,
    MAX_GAP_H,
    RIDGE_INTERVAL_WIDEN,
    _calendar,
    _quantiles,
    _ridge_exog,
    _usable,
    interpolate_gaps,
)
from tools.forecast.baselines import seasonal_profile
from tools.forecast.exog import Exog
from tools.forecast.models import (
    TRAIN_STRIDE,
    RidgeFit,
    fit_ridge,
    predict_ridge,
)

#: Hours between refits of the ridge (aligned to 00:00 UTC).
REFIT_H = 24
Seen = tuple[np.ndarray, np.ndarray, np.ndarray, str, bool]


def fit_phases() -> int:
    """Hours of day that need a fit of their own.

    The ridge trains on every `TRAIN_STRIDE`-th origin in phase with its clock; a model that
    trains only on origins near the clock's time of day (`models.HOUR_BAND`, where set)
    needs one fit per hour of day, so refitting daily then fits at every hour.
    """
    return 24 if getattr(models, "HOUR_BAND", None) else TRAIN_STRIDE


class RollingForecaster(Forecaster):
    """`Forecaster.at(step, steps)`, on a ridge refitted every `refit_h` hours.

    Args:
        hourly: the hourly series from `t0` (NaN where missing).
        t0: the hour of index 0 (numpy datetime64).
        per_hour: steps per hour of the grid jobs run on (2 for the 30-minute LWA grid).
        model: the forecast model; only 'ridge' is refitted on a schedule, any other is made
            at each hour by `tools.forecast.forecast` (the baselines fit nothing).
        exog: the inputs on the same hourly grid (calendar, prices), or None.
        refit_h: hours between refits.
    """

    def __init__(self, hourly: np.ndarray, t0: np.datetime64, per_hour: int, model: str,
                 exog: Exog | None = None, refit_h: int = REFIT_H) -> None:
        super().__init__(hourly, t0, per_hour, model, exog)
        self.refit_h = refit_h
        self.hour0 = int((t0 - t0.astype("datetime64[D]")) / np.timedelta64(1, "h"))
        self.fits: dict[int, RidgeFit | None] = {}
        self.refits = 0

    def _exog(self, clock: int, hours: int) -> Exog | None:
        return self.exog.at_clock(clock, hours) if self.exog is not None else None

    def _fit(self, day: int) -> RidgeFit | None:
        """The ridge fitted at hour `day` (a refit time) on the history before it."""
        if day not in self.fits:
            y = interpolate_gaps(self.hourly[:day], MAX_GAP_H)
            fit = None
            if _usable("ridge", y, 24, LEARNED_HORIZON_H) is None:
                when = self.t0 + np.timedelta64(day, "h")
                cal = _calendar(when.astype("datetime64[m]"), day, 60)
                rx = _ridge_exog(self._exog(day, LEARNED_HORIZON_H), day, LEARNED_HORIZON_H,
                                 self._t0_h())
                fit = fit_ridge(y, day, LEARNED_HORIZON_H, cal, ex=rx)
                self.refits += 1
            self.fits[day] = fit
        return self.fits[day]

    def _t0_h(self) -> int:
        return int(self.t0.astype("datetime64[h]").astype(np.int64))

    def _seen(self, values: np.ndarray, lo: np.ndarray, hi: np.ndarray, model: str,
              fell: bool) -> Seen:
        """Hourly arrays repeated to the job grid's steps."""
        v, lo, hi = (np.repeat(a, self.per_hour) for a in (values, lo, hi))
        return v, lo, hi, model, fell

    def _make(self, hour: int, hours: int) -> Seen:
        if self.model != "ridge" or (self.exog is not None and self.exog.published is not None):
            return super()._make(hour, hours)
        day = hour - (hour + self.hour0) % self.refit_h
        # the ridge trains on origins in phase with its clock (each lead's targets at the
        # times of day it will forecast): one fit per phase
        day += (hour - day) % fit_phases()
        fit = self._fit(day) if day > 0 else None
        y = interpolate_gaps(self.hourly[:hour], MAX_GAP_H)
        leads = LEARNED_HORIZON_H
        if fit is None or _usable("ridge", y, 24, leads) is not None:
            return super()._make(hour, hours)
        when = self.t0 + np.timedelta64(hour, "h")
        cal = _calendar(when.astype("datetime64[m]"), hour, 60)
        rx = _ridge_exog(self._exog(hour, max(hours, leads)), hour, leads, self._t0_h())
        point = predict_ridge(fit, y, hour, cal, rx)
        if np.isnan(point).any():
            return super()._make(hour, hours)
        lo_off, hi_off = _quantiles(fit.residuals * np.sqrt(1 + 1 / max(1, fit.samples))
                                    * RIDGE_INTERVAL_WIDEN)
        values, lo, hi = point, point + lo_off, point + hi_off
        if hours > leads:
            prof, resid, _ = seasonal_profile(y, hour, hours - leads, 24, skip=leads)
            plo, phi = _quantiles(resid[None, :])
            values = np.concatenate((values, prof))
            lo = np.concatenate((lo, prof + plo[0]))
            hi = np.concatenate((hi, prof + phi[0]))
        values, lo, hi = values[:hours], lo[:hours], hi[:hours]
        return self._seen(values, np.minimum(lo, values), np.maximum(hi, values), "ridge",
                          False)


__all__ = ["REFIT_H", "RollingForecaster"]
