"""The learned forecast model over a fixed-step series: a ridge regression on lags.

(The three baselines and the seasonal profile are in `tools.forecast.baselines`.) Every
model is a predictor `predict(y, origins, leads) -> (len(origins), leads)`: for an
origin `o` (the first forecast step) it may read `y[:o]` only, so a forecast made at a clock
never sees the future. The learned model is fitted on origins whose targets all lie before
the clock (`fit_ridge`), one ridge regression per lead (the "direct" multi-horizon method),
batched so that 72 leads fit in a few milliseconds.

Features of the ridge model for origin `o` and lead `j` (target step `t = o + j`): the last
three values, the mean of the last day, the same time of day on the last known day
(seasonal naive 24 h), the same time of the last known week (seasonal naive 168 h), the
target's time of day (one-hot), whether it falls on a weekend, and how far each of the
last three values sits from the same time the day before (error correction). Each lead's
model is trained on the origins within an hour of the clock's time of day, over the last
`TRAIN_DAYS` days (fourth session: chosen on 2022 origins; pooling every time of day, as
before, fitted one persistence for mornings and evenings alike). With `PROFILE_DAYS` > 0
also the mean of the same time of day over that many known days and how far the last value
sits from its own such mean (on since the fifth session, 3 days: with the reweighted fit
below it won on 2022 origins; alone, in the third session, it had won and lost as often).
The fit is least squares reweighted toward least absolute deviations (`LAD_ITERS`), since
the forecast is judged by its MAE and a few days whose level jumps pulled a least-squares
fit toward them (fifth session, chosen on 2022 origins). The series
is centred and divided by its standard deviation over the training window before the fit:
dividing by the mean magnitude alone (the first sessions') let the penalty shrink flat
series (IN-WE, SG) toward their mean, where seasonal naive beat the ridge.
Since the seventh session (v7, chosen on 2022 origins) the window is `TRAIN_DAYS` 240 days
with each origin weighted by its recency (`RECENCY_DAYS`: half-life 60 days), one more
feature carries the mean deviation from the day before over the last `EC_MEAN_H` hours
(how far the whole morning, not just the last hour, runs above yesterday), the same-hour
profile spans 7 days (was 3), and one reweighting toward least absolute deviations
(`LAD_ITERS`) instead of two: a third less fitting per forecast. Lost on 2022 and left
out: a two-week lag, a weekly-deviation feature, 30 or 120 days' half-life, a 2 h band.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from tools.forecast.ridge_solve import SplitDesign

#: Days of origins the ridge model is trained on at most (before the clock); it trains on
#: what there is from `MIN_TRAIN_DAYS` on.
TRAIN_DAYS = 240
#: Days of origins the ridge needs at least (else a baseline, labelled).
MIN_TRAIN_DAYS = 42
#: Ridge penalty per training sample, on the standardised series (fifth session: 1e-2,
#: chosen on 2022 origins; the first four sessions' 1e-3 fitted nearly unpenalised).
RIDGE_ALPHA = 1e-2
#: Reweighting iterations toward least absolute deviations (0: least squares, the first
#: four sessions'). The target is an MAE, and a day whose level jumps (a front, a dry
#: week) pulls a least-squares fit toward it; 2 iterations won on 2022 (NO +19.6 -> +27.6 %);
#: v7: 1 (each iteration is another weighted solve; see BENCHMARKS.md for the 2022 cost).
LAD_ITERS = 1
#: Fit on one hour-of-day column per hour the training origins start at (3 with
#: `HOUR_BAND` 1), not on the target's 24 (most of them zero for each lead): the same
#: coefficients, a third of the columns (False: all 24, as `_features`).
PRUNE = True
#: The smallest residual a reweighting divides by, in standard deviations of the series
#: (residuals below it keep least squares' weight: Huber-like). 0.5 was chosen on 2022 over
#: 0.1-0.3, which fitted the zones with day-ahead prices worse (DE-LU MAE gain 41.7 % at 0.1,
#: 43.4 % at 0.5).
LAD_DELTA = 0.5
N_LAGS = 3
#: Days averaged into the same-time-of-day profile feature (0: none, the first four
#: sessions'; fifth session: 3, chosen on 2022 origins with the reweighted fit; v7: 7,
#: chosen on 2022 with the recency weights, which let a longer profile follow the season).
PROFILE_DAYS = 7
#: Error-correction features: how far each of the last `EC_LAGS` values sits from the same
#: time on the day before (the origin's deviation from its own seasonal value); each lead's
#: coefficient learns how fast it decays.
EC_LAGS = 3
#: Train only on origins within this many hours of the clock's time of day (so each lead's
#: model is fitted for the hours it will forecast: how fast a deviation persists from a
#: morning clock is not how it does from an evening one). None: every `TRAIN_STRIDE`-th
#: origin at any time of day over `MIN_TRAIN_DAYS` days, the first three sessions' model.
HOUR_BAND: int | None = 1
#: Half-life, in days before the clock, of a training origin's weight (None: all weigh the
#: same, the first six sessions'): a 240-day window sees more seasons, and the recent ones
#: say most about the next day.
RECENCY_DAYS: float | None = 60
#: Hours averaged into the recent-deviation feature: the mean over the last `EC_MEAN_H`
#: hours of each value's deviation from the same time the day before (0: none). Each lead's
#: coefficient learns how fast a day's running departure from yesterday decays.
EC_MEAN_H = 12
#: Changes whenever the models' output changes, so that forecasts cached on disk by an older
#: version are never reused (part of every disk cache key).
MODEL_VERSION = "7"
#: Without `HOUR_BAND`: train on every TRAIN_STRIDE-th origin.
TRAIN_STRIDE = 2


@dataclass(frozen=True)
class Calendar:
    """Where step 0 of the series falls: its step of day and its weekday (Monday = 0)."""

    steps_per_day: int
    step0_of_day: int
    weekday0: int

    def of_day(self, t: np.ndarray) -> np.ndarray:
        """Step of day of steps `t`."""
        return (t + self.step0_of_day) % self.steps_per_day

    def weekend(self, t: np.ndarray) -> np.ndarray:
        """1.0 where step `t` falls on a Saturday or Sunday."""
        day = (t + self.step0_of_day) // self.steps_per_day
        return ((day + self.weekday0) % 7 >= 5).astype(np.float64)


def min_history(model: str, steps_per_day: int, leads: int) -> int:
    """Steps of history a model needs before the clock (its lags plus its training origins)."""
    week = 7 * steps_per_day
    return {
        "persistence": 1,
        "seasonal_24": 2 * steps_per_day,
        "seasonal_168": week + 2 * steps_per_day,
        "ridge": MIN_TRAIN_DAYS * steps_per_day + week + leads,
    }[model]


@dataclass(frozen=True)
class RidgeExog:
    """Exogenous inputs of the ridge model, on the history's grid (index 0 = step 0).

    `price` is scaled and NaN where unknown at the clock; `until(origins)` gives, per origin,
    the first step whose price was not yet published then; `holiday` flags each step's local
    public holiday (history plus horizon).
    """

    price: np.ndarray | None
    until: Callable[[np.ndarray], np.ndarray] | None
    holiday: np.ndarray | None


def _nanmean(a: np.ndarray) -> np.ndarray:
    """Mean over the last axis ignoring NaN; NaN where all are (no warning, thread-safe)."""
    known = ~np.isnan(a)
    count = known.sum(axis=-1)
    total = np.where(known, a, 0.0).sum(axis=-1)
    return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def _exog_columns(origins: np.ndarray, leads: int, ex: RidgeExog) -> list[np.ndarray]:
    """Exogenous columns per (lead, origin), or per origin where leads share them.

    The price where published at the origin (else 0), the latest known price at the same
    hour where not (else 0), a published flag, the last price, and the holiday flag.
    """
    j = np.arange(leads)
    t = origins[None, :] + j[:, None]
    cols: list[np.ndarray] = []
    if ex.price is not None and ex.until is not None:
        p = ex.price
        until = np.minimum(ex.until(origins), p.size)[None, :]
        known = t < until
        pk = np.where(known, p[np.minimum(t, p.size - 1)], 0.0)
        back = 24 * (j // 24 + 1)
        ps = np.where(known, 0.0, p[t - back[:, None]])
        last = p[origins - 1][:, None]  # the same for every lead: (origins, 1)
        cols += [pk[..., None], ps[..., None], known.astype(np.float64)[..., None], last]
    if ex.holiday is not None:
        h = ex.holiday
        cols.append(np.where(t < h.size, h[np.minimum(t, h.size - 1)], 0.0)[..., None])
    return cols


def _feature_span(s: int) -> int:
    """Steps before an origin its features read at most (`s` steps per day)."""
    return max(7 * s, s * PROFILE_DAYS + 1, s + EC_LAGS, s + EC_MEAN_H)


Blocks = list[np.ndarray]


def _blocks(y: np.ndarray, origins: np.ndarray, leads: int, cal: Calendar,
            ex: RidgeExog | None = None) -> tuple[Blocks, Blocks]:
    """The design's columns before and after the hour-of-day ones, in blocks.

    A block is `(origins, k)` where every lead shares it (lags, day mean, deviations) or
    `(leads, origins, k)`, so a fit assembles each lead's rows once and shares the rest.
    """
    s = cal.steps_per_day
    week = 7 * s
    n = origins.size
    j = np.arange(leads)
    t = origins[None, :] + j[:, None]                      # (leads, n) target steps
    recent = np.stack([y[origins - k] for k in range(1, N_LAGS + 1)], axis=1)   # (n, lags)
    csum = np.concatenate(([0.0], np.cumsum(np.nan_to_num(y))))
    day_mean = (csum[origins] - csum[origins - s]) / s
    day_mean = np.where(np.isnan(y[origins - 1]), np.nan, day_mean)
    day_back = t - (s * (j // s + 1))[:, None]              # same time, last known day
    same_day = y[day_back]
    same_week = y[t - (week * (j // week + 1))[:, None]]
    before = [np.concatenate([np.ones((n, 1)), recent, day_mean[:, None]], axis=1),
              same_day[..., None], same_week[..., None]]
    if PROFILE_DAYS:
        # the mean of the same time of day over the last PROFILE_DAYS known days (a steadier
        # daily shape than one day), and how far the last value sits from its own profile;
        # the profile is taken once per step the leads read, not once per (lead, origin)
        k = np.arange(PROFILE_DAYS)
        low = int(day_back.min())
        steps = np.arange(low, int(day_back.max()) + 1)
        profile = _nanmean(y[steps[:, None] - s * k[None, :]])
        last_prof = _nanmean(y[origins[:, None] - 1 - s * (k[None, :] + 1)])
        before += [profile[day_back - low][..., None], (y[origins - 1] - last_prof)[:, None]]
    if EC_LAGS:  # the last values' deviations from the same time the day before
        before.append(np.stack([y[origins - k] - y[origins - k - s]
                                for k in range(1, EC_LAGS + 1)], axis=1))
    if EC_MEAN_H:  # the mean deviation from the day before over the last EC_MEAN_H hours
        k = np.arange(1, EC_MEAN_H + 1)
        before.append((y[origins[:, None] - k] - y[origins[:, None] - k - s]).mean(axis=1)[
            :, None])
    low = int(origins.min())  # the weekend flag once per step, then gathered
    weekend = cal.weekend(np.arange(low, int(origins.max()) + leads))[t - low]
    after = [weekend[..., None],
             *(_exog_columns(origins, leads, ex) if ex is not None else [])]
    return before, after


def _stack(blocks: Blocks, leads: int) -> np.ndarray:
    """The blocks side by side as one (leads, origins, features) tensor."""
    return np.concatenate([b if b.ndim == 3 else np.broadcast_to(b, (leads, *b.shape))
                           for b in blocks], axis=2)


def _features(y: np.ndarray, origins: np.ndarray, leads: int, cal: Calendar,
              ex: RidgeExog | None = None) -> np.ndarray:
    """Design tensor (leads, origins, features), NaN where a lag is missing.

    Columns: intercept, lags, day mean, same day, same week, profile and its deviation,
    error corrections, their running mean, the target's hour of day (one-hot), weekend, and
    the exogenous ones.
    """
    return _assemble(*_blocks(y, origins, leads, cal, ex), origins, leads, cal)


def _assemble(before: Blocks, after: Blocks, origins: np.ndarray, leads: int,
              cal: Calendar) -> np.ndarray:
    """`_features` from the blocks `_blocks` made for `origins`."""
    t = origins[None, :] + np.arange(leads)[:, None]
    onehot = np.zeros((leads, origins.size, cal.steps_per_day))
    np.put_along_axis(onehot, cal.of_day(t)[..., None], 1.0, axis=2)
    return _stack([*before, onehot, *after], leads)


def _split_last(blocks: Blocks) -> tuple[Blocks, Blocks]:
    """Each block without its last origin, and the last origin's rows alone."""
    head = [b[:-1] if b.ndim == 2 else b[:, :-1] for b in blocks]
    tail = [b[-1:] if b.ndim == 2 else b[:, -1:] for b in blocks]
    return head, tail


#: How the series is scaled before the ridge fit: "std" (centred on the window's mean, divided
#: by its standard deviation) or "magnitude" (divided by the mean magnitude: the first
#: sessions' choice, which shrinks flat series toward their mean).
SCALING = "std"


def _standardise(window: np.ndarray) -> tuple[float, float]:
    """(level, scale) of the training window under `SCALING`."""
    if SCALING == "magnitude":
        return 0.0, float(np.nanmean(np.abs(window))) or 1.0
    level = float(np.nanmean(window))
    return level, float(np.nanstd(window)) or 1.0


@dataclass(frozen=True)
class RidgeFit:
    """Coefficients per lead and the in-sample residuals the intervals come from."""

    coef: np.ndarray        # (leads, features)
    scale: float
    level: float
    residuals: np.ndarray   # (leads, origins), NaN where the sample was unused
    samples: int
    #: The forecast from the clock (`predict_ridge(fit, y, clock, ...)`), made from the
    #: fit's own features at the clock (one `_blocks` pass serves both); NaN where a
    #: feature at the clock is missing.
    forecast: np.ndarray | None = None


def fit_ridge(y: np.ndarray, clock: int, leads: int, cal: Calendar,
              train_days: int | None = None, ex: RidgeExog | None = None) -> RidgeFit:
    """Fit one ridge regression per lead on origins whose targets lie before `clock`."""
    s = cal.steps_per_day
    if HOUR_BAND is None:
        first = clock - leads - (train_days or MIN_TRAIN_DAYS) * s + 1
        # every other origin (half the work; neighbours add little), in phase with the clock
        origins = np.arange(clock - TRAIN_STRIDE, max(first, 7 * s + 1) - 1,
                            -TRAIN_STRIDE)[::-1]
    else:
        # the origins within HOUR_BAND hours of the clock's time of day, on every known day
        first = clock - leads - (train_days or TRAIN_DAYS) * s + 1
        cand = np.arange(max(first, _feature_span(s) + 1), clock)
        d = (clock - cand) % s
        origins = cand[np.minimum(d, s - d) <= HOUR_BAND * s // 24]
    level, scale = _standardise(y[max(0, first - 7 * s):clock])
    ys = (y - level) / scale
    # the clock's own features with the training origins' (each origin's are its own):
    # what `predict_ridge` would make again for the forecast
    at = np.append(origins, clock)
    (before, now_before), (after, now_after) = (_split_last(b) for b in _blocks(
        ys, at, leads, cal, ex))
    phases, phase = _phases((clock - origins) % s, s)
    if PRUNE:  # one column per time of day the origins start at (see `_hour_coefficients`)
        hours = np.zeros((origins.size, phases.size))
        hours[np.arange(origins.size), phase] = 1.0
    else:  # the target's hour of day, as `_features` (most columns zero for every lead)
        t = origins[None, :] + np.arange(leads)[:, None]
        hours = np.zeros((leads, origins.size, s))
        np.put_along_axis(hours, cal.of_day(t)[..., None], 1.0, axis=2)
    # the columns leads share are kept once; `missing`: a lag missing in any column
    x = SplitDesign.of([*before, hours, *after], leads)
    t = origins[None, :] + np.arange(leads)[:, None]
    target = np.where(t < clock, ys[np.minimum(t, clock - 1)], np.nan)
    ok = ~np.isnan(target) & ~x.missing
    recency = (np.ones(origins.size) if RECENCY_DAYS is None
               else 0.5 ** ((clock - origins) / s / RECENCY_DAYS))
    w = ok * recency[None, :]
    tz = np.where(ok, target, 0.0)
    pen = RIDGE_ALPHA * np.maximum(w.sum(axis=1), 1.0)
    coef = x.solve(tz, w, pen)
    for _ in range(LAD_ITERS):
        # reweighted least squares toward least absolute deviations: each sample weighs
        # 1 / |its residual| (floored at LAD_DELTA), rescaled to the same total weight
        r = np.abs(tz - x.fitted(coef))
        wi = np.where(ok, recency[None, :] / np.maximum(r, LAD_DELTA), 0.0)
        wi *= w.sum(axis=1, keepdims=True) / np.maximum(wi.sum(axis=1, keepdims=True), 1e-12)
        coef = x.solve(tz, wi, pen)
    fitted = x.fitted(coef)
    coef = x.in_blocks_order(coef)
    if PRUNE:
        width = sum(b.shape[-1] for b in before)
        coef = _hour_coefficients(coef, width, (cal.of_day(np.array(clock)) - phases) % s, s)
    resid = np.where(ok, (tz - fitted) * scale, np.nan)
    x_now = _assemble(now_before, now_after, at[-1:], leads, cal)[:, 0, :]
    point = np.einsum("lp,lp->l", x_now, coef) * scale + level
    return RidgeFit(coef, scale, level, resid, int(ok.sum()), point)


def _phases(r: np.ndarray, s: int) -> tuple[np.ndarray, np.ndarray]:
    """`np.unique(r, return_inverse=True)` for steps of day `r` in [0, s), without a sort."""
    present = np.zeros(s, dtype=bool)
    present[r] = True
    return np.flatnonzero(present), np.cumsum(present)[r] - 1


def _hour_coefficients(coef: np.ndarray, at: int, hour0: np.ndarray, s: int) -> np.ndarray:
    """Coefficients on one column per origin hour, moved onto `_features`' target hours.

    An origin at step of day `hour0[p]` forecasts lead `j` for step of day `hour0[p] + j`,
    so for each lead the origin-hour columns (`at` on) are the target-hour columns that are
    not all zero, in another order: the same least-squares problem, the same solution, on
    `s - len(hour0)` fewer columns. The target-hour columns no origin reaches stay 0 (the
    penalty's solution for an all-zero column).
    """
    leads, p = coef.shape[0], hour0.size
    out = np.zeros((leads, coef.shape[1] - p + s))
    out[:, :at], out[:, at + s:] = coef[:, :at], coef[:, at + p:]
    j = np.arange(leads)[:, None]
    out[j, at + (hour0[None, :] + j) % s] = coef[:, at:at + p]
    return out


def predict_ridge(fit: RidgeFit, y: np.ndarray, origin: int, cal: Calendar,
                  ex: RidgeExog | None = None) -> np.ndarray:
    """The fitted model's forecast for the `leads` steps from `origin`."""
    leads = fit.coef.shape[0]
    x = _features((y - fit.level) / fit.scale, np.array([origin]), leads, cal, ex)[:, 0, :]
    return np.einsum("lp,lp->l", x, fit.coef) * fit.scale + fit.level
