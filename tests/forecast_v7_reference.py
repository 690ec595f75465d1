"""The v7 ridge fit as it stood before the eighth session's faster fit (main at 4415f22).

Kept verbatim (module constants read from `tools.forecast.models`, so a monkeypatched
setting applies to both) to prove that the faster fit gives the same coefficients,
residuals and forecasts: tests/test_forecast_fast_fit.py. Not product code.
"""

from __future__ import annotations

import numpy as np

from tools.forecast import models as m


def _nanmean(a: np.ndarray) -> np.ndarray:
    """Mean over the last axis ignoring NaN; NaN where all are (no warning, thread-safe)."""
    known = ~np.isnan(a)
    count = known.sum(axis=-1)
    total = np.where(known, a, 0.0).sum(axis=-1)
    return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def _exog_columns(origins: np.ndarray, leads: int, ex: m.RidgeExog) -> list[np.ndarray]:
    """Exogenous columns per (lead, origin).

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
        last = np.broadcast_to(p[origins - 1][None, :], t.shape)
        cols += [pk[..., None], ps[..., None], known.astype(np.float64)[..., None],
                 last[..., None]]
    if ex.holiday is not None:
        h = ex.holiday
        cols.append(np.where(t < h.size, h[np.minimum(t, h.size - 1)], 0.0)[..., None])
    return cols


def _feature_span(s: int) -> int:
    """Steps before an origin its features read at most (`s` steps per day)."""
    return max(7 * s, s * m.PROFILE_DAYS + 1, s + m.EC_LAGS, s + m.EC_MEAN_H)


def _features(y: np.ndarray, origins: np.ndarray, leads: int, cal: m.Calendar,
              ex: m.RidgeExog | None = None) -> np.ndarray:
    """Design tensor (leads, origins, features), NaN where a lag is missing."""
    s = cal.steps_per_day
    week = 7 * s
    n = origins.size
    j = np.arange(leads)
    t = origins[None, :] + j[:, None]                      # (leads, n) target steps
    recent = np.stack([y[origins - k] for k in range(1, m.N_LAGS + 1)], axis=1)   # (n, lags)
    csum = np.concatenate(([0.0], np.cumsum(np.nan_to_num(y))))
    day_mean = (csum[origins] - csum[origins - s]) / s
    day_mean = np.where(np.isnan(y[origins - 1]), np.nan, day_mean)
    same_day = y[t - (s * (j // s + 1))[:, None]]
    same_week = y[t - (week * (j // week + 1))[:, None]]
    extra: list[np.ndarray] = []
    if m.PROFILE_DAYS:
        # the mean of the same time of day over the last m.PROFILE_DAYS known days (a steadier
        # daily shape than one day), and how far the last value sits from its own profile
        k = np.arange(m.PROFILE_DAYS)
        back = (s * (j // s + 1))[:, None] + s * k[None, :]            # (leads, days)
        prof = _nanmean(y[t[..., None] - back[:, None, :]])
        last_prof = _nanmean(y[origins[:, None] - 1 - s * (k[None, :] + 1)])
        dev = np.broadcast_to((y[origins - 1] - last_prof)[None, :], (leads, n))
        extra = [prof[..., None], dev[..., None]]
    if m.EC_LAGS:  # the last values' deviations from the same time the day before
        dev = np.stack([y[origins - k] - y[origins - k - s] for k in range(1, m.EC_LAGS + 1)],
                       axis=1)
        extra = [*extra, np.broadcast_to(dev[None], (leads, n, m.EC_LAGS))]
    if m.EC_MEAN_H:  # the mean deviation from the day before over the last m.EC_MEAN_H hours
        k = np.arange(1, m.EC_MEAN_H + 1)
        run = (y[origins[:, None] - k] - y[origins[:, None] - k - s]).mean(axis=1)
        extra = [*extra, np.broadcast_to(run[None, :, None], (leads, n, 1))]
    onehot = np.zeros((leads, n, s))
    np.put_along_axis(onehot, cal.of_day(t)[..., None], 1.0, axis=2)
    shared = np.concatenate([np.ones((n, 1)), recent, day_mean[:, None]], axis=1)
    return np.concatenate([
        np.broadcast_to(shared, (leads, n, shared.shape[1])),
        same_day[..., None], same_week[..., None], *extra, onehot, cal.weekend(t)[..., None],
        *(_exog_columns(origins, leads, ex) if ex is not None else []),
    ], axis=2)


def _standardise(window: np.ndarray) -> tuple[float, float]:
    """(level, scale) of the training window under `m.SCALING`."""
    if m.SCALING == "magnitude":
        return 0.0, float(np.nanmean(np.abs(window))) or 1.0
    level = float(np.nanmean(window))
    return level, float(np.nanstd(window)) or 1.0


def fit_ridge(y: np.ndarray, clock: int, leads: int, cal: m.Calendar,
              train_days: int | None = None, ex: m.RidgeExog | None = None) -> m.RidgeFit:
    """Fit one ridge regression per lead on origins whose targets lie before `clock`."""
    s = cal.steps_per_day
    if m.HOUR_BAND is None:
        first = clock - leads - (train_days or m.MIN_TRAIN_DAYS) * s + 1
        # every other origin (half the work; neighbours add little), in phase with the clock
        origins = np.arange(clock - m.TRAIN_STRIDE, max(first, 7 * s + 1) - 1,
                            -m.TRAIN_STRIDE)[::-1]
    else:
        # the origins within m.HOUR_BAND hours of the clock's time of day, on every known day
        first = clock - leads - (train_days or m.TRAIN_DAYS) * s + 1
        cand = np.arange(max(first, _feature_span(s) + 1), clock)
        d = (clock - cand) % s
        origins = cand[np.minimum(d, s - d) <= m.HOUR_BAND * s // 24]
    level, scale = _standardise(y[max(0, first - 7 * s):clock])
    ys = (y - level) / scale
    x = _features(ys, origins, leads, cal, ex)
    t = origins[None, :] + np.arange(leads)[:, None]
    target = np.where(t < clock, ys[np.minimum(t, clock - 1)], np.nan)
    ok = ~np.isnan(target) & ~np.isnan(x).any(axis=2)
    recency = (np.ones(origins.size) if m.RECENCY_DAYS is None
               else 0.5 ** ((clock - origins) / s / m.RECENCY_DAYS))
    w = ok * recency[None, :]
    xz = np.where(ok[..., None], x, 0.0)
    tz = np.where(ok, target, 0.0)
    pen = m.RIDGE_ALPHA * np.maximum(w.sum(axis=1), 1.0)
    keep = _nonzero_columns(xz, ok) if m.PRUNE else None
    xs = xz if keep is None else np.take_along_axis(xz, keep[:, None, :], axis=2)
    coef = _solve(xs, tz, w, pen)
    for _ in range(m.LAD_ITERS):
        # reweighted least squares toward least absolute deviations: each sample weighs
        # 1 / |its residual| (floored at m.LAD_DELTA), rescaled to the same total weight
        r = np.abs(tz - np.einsum("lnf,lf->ln", xs, coef))
        wi = np.where(ok, recency[None, :] / np.maximum(r, m.LAD_DELTA), 0.0)
        wi *= w.sum(axis=1, keepdims=True) / np.maximum(wi.sum(axis=1, keepdims=True), 1e-12)
        coef = _solve(xs, tz, wi, pen)
    fitted = np.einsum("lnf,lf->ln", xs, coef)
    if keep is not None:  # back to every column, zeros where a column was left out
        coef, part = np.zeros(xz.shape[::2]), coef
        np.put_along_axis(coef, keep, part, axis=1)
    resid = np.where(ok, (tz - fitted) * scale, np.nan)
    return m.RidgeFit(coef, scale, level, resid, int(ok.sum()))


def _nonzero_columns(xz: np.ndarray, ok: np.ndarray) -> np.ndarray | None:
    """Per lead, the columns not all zero in its used rows (None when all are needed).

    They are padded with zero columns to one width. A column left out is decoupled from the
    rest, and the penalty sets its coefficient to exactly 0 (most hour-of-day columns: each
    lead trains on origins within `m.HOUR_BAND` of one time of day), so solving on the others
    gives the same solution at a fraction of the cost.
    """
    nz = ((xz != 0) & ok[..., None]).any(axis=1)
    nz[:, 0] = True  # the intercept stays first (it is the unpenalised column)
    k = int(nz.sum(axis=1).max())
    return None if k == xz.shape[2] else np.argsort(~nz, axis=1, kind="stable")[:, :k]


def _solve(xz: np.ndarray, tz: np.ndarray, w: np.ndarray, pen: np.ndarray) -> np.ndarray:
    """Weighted ridge coefficients per lead: (leads, features), intercept unpenalised."""
    # einsum's optimised path (a batched BLAS product): numpy's stacked matmul over a
    # transposed view can run 20x slower for some feature counts, a loop per lead 2x
    # (on sqrt(w)-scaled rows, so both operands are one array: 2x faster than x'Wx here)
    root = np.sqrt(w)
    xw = xz * root[..., None]
    xtx = np.einsum("lnf,lng->lfg", xw, xw, optimize=True)
    xty = np.einsum("lnf,ln->lf", xw, tz * root)
    eye = np.eye(xz.shape[2])
    eye[0, 0] = 0.0  # the intercept is not shrunk
    return np.linalg.solve(xtx + pen[:, None, None] * eye[None], xty[..., None])[..., 0]
