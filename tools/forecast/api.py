"""`forecast(history, clock, horizon_h, model)`: a labelled forecast with a prediction interval.

The history ends at the clock: its last value is the step just before it, and nothing after
the clock is read. Up to `LEARNED_HORIZON_H` hours ahead the named model forecasts; beyond,
a seasonal profile (the mean of recent weeks by hour of week) carries on, and the label says
from which step. Gaps of at most `MAX_GAP_H` hours are interpolated; a longer gap in the
recent history makes the model fall back to a baseline that does not need those hours, and
if none can, the forecast is refused (`ForecastGapError`). A clock with less history than the
model needs falls back the same way, and says so.

Intervals are empirical: the 10th and 90th percentiles of the model's own errors on origins
before the clock, per lead (an 80 % interval), added to the point forecast; the ridge's
(in-sample errors) widened by `RIDGE_INTERVAL_WIDEN`, chosen on 2022 so that they cover 80 %.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

import numpy as np

from gridwise.errors import UserError
from tools.forecast import gbm
from tools.forecast.baselines import BASELINES, baseline_residuals, seasonal_profile
from tools.forecast.exog import DAY_AHEAD, Exog, holiday_flags, known_until
from tools.forecast.models import Calendar, RidgeExog, fit_ridge, min_history, predict_ridge

ModelName = Literal["persistence", "seasonal_24", "seasonal_168", "ridge", "gbm"]
MODELS: tuple[str, ...] = ("persistence", "seasonal_24", "seasonal_168", "ridge", "gbm")
#: Fallback order when a model lacks history: the next one that needs less.
FALLBACK = {"gbm": "ridge", "ridge": "seasonal_168", "seasonal_168": "seasonal_24",
            "seasonal_24": "persistence", "persistence": None}
DEFAULT_MODEL: ModelName = "ridge"
#: The named model forecasts this far ahead; a seasonal profile beyond (as EM/WattTime: 72 h).
LEARNED_HORIZON_H = 72
#: The longest forecast made at all: beyond five weeks even a profile says little.
MAX_HORIZON_H = 35 * 24
#: Gaps up to this long are interpolated linearly; longer ones are refused.
MAX_GAP_H = 2
#: The interval's quantiles (an 80 % prediction interval).
INTERVAL = (0.1, 0.9)
#: The ridge's interval offsets are its in-sample residuals' quantiles times this: in-sample
#: errors understate the errors of a forecast (v6: its 80 % interval covered 75 % of 2022's
#: day-ahead actuals, x 1.1 covered 80 %; v7, recency-weighted: x 1 covers 77.7 %, x 1.06
#: covers 80.1 %, median over 18 zones, origins every 73 h of 2022; chosen on 2022 only).
RIDGE_INTERVAL_WIDEN = 1.06


class ForecastGapError(UserError):
    """The history just before the clock has a gap no model can forecast across."""


@dataclass(frozen=True)
class Forecast:
    """Point forecast and interval for the steps from the clock on (one per step)."""

    values: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    model: str              # the model that made steps < learned_steps
    label: str              # what a person reads, e.g. "ridge (lags + calendar) ..."
    requested: str
    learned_steps: int      # steps made by `model`; the rest by the seasonal profile
    notes: list[str] = field(default_factory=list)

    @property
    def fell_back(self) -> bool:
        """Whether another model than the requested one was used."""
        return self.model != self.requested


def interpolate_gaps(values: np.ndarray, max_gap: int) -> np.ndarray:
    """Fill NaN runs of at most `max_gap` steps between two known values, linearly."""
    y = np.asarray(values, dtype=np.float64).copy()
    nan = np.isnan(y)
    if not nan.any() or nan.all():
        return y
    edges = np.diff(np.concatenate(([0], nan.view(np.int8), [0])))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    known = np.flatnonzero(~nan)
    for a, b in zip(starts, ends, strict=True):
        if b - a <= max_gap and a > 0 and b < y.size:
            y[a:b] = np.interp(np.arange(a, b), known, y[known])
    return y


def _calendar(clock: np.datetime64, n: int, step_minutes: int) -> Calendar:
    spd = 24 * 60 // step_minutes
    t0 = clock - np.timedelta64(n * step_minutes, "m")
    minutes = int((t0 - t0.astype("datetime64[D]")) / np.timedelta64(1, "m"))
    weekday = int((t0.astype("datetime64[D]").astype("int64") + 3) % 7)
    return Calendar(spd, minutes // step_minutes, weekday)


def _recent_gap(y: np.ndarray, need: int) -> int:
    """Length of the longest NaN run among the last `need` steps (0: none)."""
    tail = np.isnan(y[-need:]) if need else np.zeros(0, bool)
    if not tail.any():
        return 0
    edges = np.diff(np.concatenate(([0], tail.view(np.int8), [0])))
    return int((np.flatnonzero(edges == -1) - np.flatnonzero(edges == 1)).max())


def _quantiles(resid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-lead interval offsets from residuals (leads, samples); 0 where none exist."""
    lo, hi = np.zeros(resid.shape[0]), np.zeros(resid.shape[0])
    # leads without a sample get a zero-width interval (and no warning: quoting runs in
    # threads, where silencing warnings is not safe)
    ok = ~np.all(np.isnan(resid), axis=1) if resid.size else np.zeros(resid.shape[0], bool)
    if ok.any():
        lo[ok], hi[ok] = row_nanquantiles(resid[ok], INTERVAL)
    return lo, hi


def row_nanquantiles(a: np.ndarray, qs: tuple[float, ...]) -> tuple[np.ndarray, ...]:
    """`np.nanquantile(a, qs, axis=1)` (linear), for rows with a value, in one sort.

    numpy's nanquantile loops in Python over rows; this sorts once (NaN sort last) and
    interpolates at each row's own count.
    """
    srt = np.sort(a, axis=1)
    count = (~np.isnan(a)).sum(axis=1)
    rows = np.arange(a.shape[0])
    out = []
    for q in qs:
        pos = q * (count - 1)
        lo = np.floor(pos).astype(np.int64)
        hi = np.minimum(lo + 1, count - 1)
        frac = pos - lo
        out.append(srt[rows, lo] * (1 - frac) + srt[rows, hi] * frac)
    return tuple(out)


def _usable(model: str, y: np.ndarray, spd: int, leads: int) -> str | None:
    """Why `model` cannot forecast from `y` (None: it can)."""
    if model == "gbm":
        if spd != 24:
            return "runs on hourly series only"
        if not gbm.lightgbm_available():
            return "needs the lightgbm package (pip install lightgbm)"
    need = (min_history(model, spd, leads) if model != "gbm"
            else (gbm.MIN_TRAIN_DAYS + 40) * spd + leads)
    if y.size < need:
        return f"needs {need // spd} day(s) of history before the clock, {y.size / spd:.1f} given"
    recent = {"persistence": 1, "seasonal_24": spd, "seasonal_168": 7 * spd,
              "ridge": 7 * spd + leads, "gbm": 7 * spd + leads}[model]
    gap = _recent_gap(y, min(recent, y.size))
    if gap:
        return f"a gap of {gap} step(s) in the last {recent // spd or 1} day(s) of history"
    return None


def _ridge_exog(ex: Exog | None, n: int, leads: int, t0_h: int) -> RidgeExog | None:
    """The ridge model's view of `ex` (prices scaled by their mean magnitude)."""
    if ex is None:
        return None
    price = until = None
    if ex.price is not None and np.isfinite(ex.price[:n]).sum() > 24 * 14:
        scale = float(np.nanmean(np.abs(ex.price[:n]))) or 1.0
        price = interpolate_gaps(ex.price, MAX_GAP_H) / scale
        price = np.where(np.isnan(price), np.nanmean(price[:n]), price)
        price[int(known_until(ex.market, t0_h, np.array([n]))[0]):] = np.nan
        market = ex.market
        until = lambda o: known_until(market, t0_h, o)  # noqa: E731
    holiday = holiday_flags(ex.zone, t0_h + np.arange(n + leads))
    return RidgeExog(price, until, holiday)


def _inputs(ex: Exog | None) -> str:
    """', holidays and day-ahead prices' etc.: the exogenous inputs a label names."""
    if ex is None:
        return ""
    kind = "day-ahead" if ex.market in DAY_AHEAD else "past"
    return ", holidays" + (f" and {kind} {ex.market} prices" if ex.price is not None else "")


def forecast(history: np.ndarray, clock: datetime | np.datetime64 | str, horizon_h: int,
             model: ModelName = DEFAULT_MODEL, step_minutes: int = 60,
             exog: Exog | None = None) -> Forecast:
    """Forecast `horizon_h` hours from `clock` using only `history` (which ends at it).

    Args:
        history: values per step up to the clock (the last one is the step before it);
            NaN for a missing step.
        clock: when the forecast is made (naive UTC), the start of the first forecast step.
        horizon_h: hours to forecast (at most `MAX_HORIZON_H`).
        model: 'ridge' (learned), 'seasonal_168', 'seasonal_24' or 'persistence'.
        step_minutes: the series' step (60 for hourly; 30 for the Let's-Wait-Awhile grid).
        exog: inputs known at the clock (`tools.forecast.exog`): calendar, prices published
            by then, the other carbon basis; aligned with `history` (hourly series only).

    Returns:
        A `Forecast`; `model` says which model was used, `notes` why another was.

    Raises:
        UserError: unknown model or a horizon it cannot cover.
        ForecastGapError: the recent history has a gap longer than `MAX_GAP_H` hours that
            every model would need.
    """
    if model not in MODELS:
        raise UserError(f"unknown forecast model {model!r}", f"use one of {', '.join(MODELS)}")
    if not 0 < horizon_h <= MAX_HORIZON_H:
        raise UserError(f"a forecast cannot cover {horizon_h!r} h from the clock (at most "
                        f"{MAX_HORIZON_H} h = {MAX_HORIZON_H // 24} days)",
                        "bring the deadline closer, or use --oracle for hindsight experiments")
    spd = 24 * 60 // step_minutes
    steps = int(np.ceil(horizon_h * 60 / step_minutes))
    leads = min(steps, LEARNED_HORIZON_H * 60 // step_minutes)
    y = interpolate_gaps(np.asarray(history, dtype=np.float64), MAX_GAP_H * 60 // step_minutes)
    # numpy takes a datetime, a datetime64 or an ISO string here; its stubs split them
    when = np.datetime64(clock, "m")  # type: ignore[call-overload]
    cal = _calendar(when, y.size, step_minutes)
    notes: list[str] = []
    used: str | None = model
    while used is not None:
        why = _usable(used, y, spd, leads)
        if why is None:
            break
        nxt = FALLBACK[used]
        notes.append(f"{used} {why}" + (f": fell back to {nxt}" if nxt else ""))
        used = nxt
    if used is None:
        raise ForecastGapError(
            "no forecast can be made at this clock: " + "; ".join(notes),
            f"fill gaps longer than {MAX_GAP_H} h in the series, or move the clock later")
    n = y.size
    t0_h = int(when.astype("datetime64[h]").astype(np.int64)) - n
    gf = (gbm.FITS.get(y, n, leads, exog, t0_h, f"{step_minutes}") if used == "gbm"
          else None)
    if used == "gbm" and gf is None:
        notes.append("gbm has too little history before its monthly cutoff: fell back to "
                     "ridge")
        used = "ridge"
    if gf is not None:
        point = gbm.predict(gf, y, n, leads, exog, t0_h)
        lo_off, hi_off = gf.lo, gf.hi
        label = (f"LightGBM on lags, calendar{_inputs(exog)}, fitted on {gf.rows} rows "
                 "before the month's start")
    elif used == "ridge":
        rx = _ridge_exog(exog, n, leads, t0_h) if step_minutes == 60 else None
        fit = fit_ridge(y, n, leads, cal, ex=rx)
        point = (fit.forecast if fit.forecast is not None  # made with the fit
                 else predict_ridge(fit, y, n, cal, rx))
        lo_off, hi_off = _quantiles(fit.residuals * np.sqrt(1 + 1 / max(1, fit.samples))
                                    * RIDGE_INTERVAL_WIDEN)
        label = (f"ridge on lags and calendar{_inputs(exog)}, trained on "
                 f"{fit.samples // leads} origins")
    else:
        predict = BASELINES[used](spd)
        point = predict(np.concatenate((y, [np.nan])), np.array([n]), leads)[0]
        lo_off, hi_off = _quantiles(baseline_residuals(used, y, n, leads, spd))
        label = used.replace("_", " ") + (" h" if used != "persistence" else "")
    if np.isnan(point).any():
        raise ForecastGapError(f"the {used} forecast needs values the history lacks",
                               f"fill gaps longer than {MAX_GAP_H} h in the series")
    values, lo, hi = point, point + lo_off, point + hi_off
    if exog is not None and exog.published is not None:  # a day-ahead market's own prices
        pub = exog.published[n:n + leads]
        known = np.flatnonzero(np.isfinite(pub))
        if known.size:
            values, lo, hi = values.copy(), lo.copy(), hi.copy()
            values[known] = lo[known] = hi[known] = pub[known]
            label += f"; the first {known.size} h are the published day-ahead prices"
    learned = Forecast(values, np.minimum(lo, values), np.maximum(hi, values), used, label,
                       model, leads, notes)
    return extend_forecast(learned, y, steps, spd) if steps > leads else learned


def extend_forecast(fc: Forecast, history: np.ndarray, steps: int,
                    steps_per_day: int) -> Forecast:
    """`fc` (its model's steps) continued to `steps` steps by the seasonal profile.

    What `forecast` does past the learned horizon, kept apart so that a cache can keep the
    model's part once per clock and continue it to any horizon: the profile depends on the
    history only, so `extend_forecast(forecast(h, c, LEARNED_HORIZON_H), h, steps, spd)` is
    `forecast(h, c, steps)` value for value. `history` gaps are interpolated as there.
    """
    leads = fc.learned_steps
    if steps <= leads:
        return fc
    y = interpolate_gaps(np.asarray(history, dtype=np.float64),
                         MAX_GAP_H * steps_per_day // 24)
    prof, resid, plabel = seasonal_profile(y, y.size, steps - leads, steps_per_day, skip=leads)
    plo, phi = _quantiles(resid[None, :])
    values = np.concatenate((fc.values[:leads], prof))
    lo = np.concatenate((fc.lo[:leads], prof + plo[0]))
    hi = np.concatenate((fc.hi[:leads], prof + phi[0]))
    label = fc.label + f"; beyond {LEARNED_HORIZON_H} h a seasonal profile ({plabel})"
    return Forecast(values, np.minimum(lo, values), np.maximum(hi, values), fc.model, label,
                    fc.requested, leads, list(fc.notes))
