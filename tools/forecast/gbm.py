"""A gradient-boosted (LightGBM) forecaster on lags, calendar and inputs known at the clock.

One model per zone and series serves every lead (the lead is a feature; "direct" global
multi-horizon). A row is an (origin, lead) pair; its features, all divided by the mean of
the week before the origin (so one model spans level changes):

* lags: the last three values, the last day's mean, the same hour on the last known day and
  the day before, the same hour a week before;
* calendar of the target hour (local hour, weekday, public holiday, day of year) and the lead;
* exogenous (`tools.forecast.exog`): the target hour's day-ahead price where it is published
  at the origin (NaN otherwise, which LightGBM routes on its own), the last known price and
  the price at the same hour the day before; the other carbon basis's last value.

Training is refitted once per calendar month (`cutoff`: 00:00 UTC of the clock's month's
first day) on origins whose targets all lie before the cutoff, the last `TRAIN_DAYS`; the
last `HOLDOUT_DAYS` of those origins are held out of the fit and their errors give the 80 %
interval per lead. Forecasts at any clock in the month use that fit with the lags up to the
clock. Fits are cached per zone, series, inputs and cutoff (`FitCache`).

Hyper-parameters were chosen on a 2022 split (origins of 2022-07 .. 2022-12, trained on
2021-07 ..), never on the 2023 evaluation year: see BENCHMARKS.md, issue 13.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tools.forecast.exog import Exog, calendar_features, known_until

#: Days of origins before the cutoff the model is trained on (at most).
TRAIN_DAYS = 365
#: Fewer days than this before the cutoff: the model is not fitted (fall back to ridge).
MIN_TRAIN_DAYS = 90
#: The last days of training origins held out for the interval.
HOLDOUT_DAYS = 21
#: Train on every STRIDE-th origin (5 cycles through every hour of the day).
STRIDE = 5
PARAMS = {
    "objective": "l2", "learning_rate": 0.05, "num_leaves": 63, "min_data_in_leaf": 50,
    "feature_fraction": 0.9, "bagging_fraction": 0.8, "bagging_freq": 1, "lambda_l2": 1.0,
    "verbose": -1, "num_threads": 1, "seed": 0, "deterministic": True,
}
ROUNDS = 300
#: Origins this recent weigh RECENT_WEIGHT times as much (the grid drifts over a year).
RECENT_DAYS = 60
RECENT_WEIGHT = 4.0
#: Also fit on the held-out origins (their errors are then in-sample, so narrower).
FIT_ALL = True
#: Train on every LEAD_STRIDE-th lead of each origin (in turn).
LEAD_STRIDE = 3


def lightgbm_available() -> bool:
    """Whether the `lightgbm` package is installed."""
    try:
        import lightgbm  # noqa: F401
    except ImportError:
        return False
    return True


def _scaled_lag(y: np.ndarray, idx: np.ndarray, scale: np.ndarray) -> np.ndarray:
    ok = idx >= 0
    out = np.full(idx.shape, np.nan)
    out[ok] = y[idx[ok]]
    return out / scale


def features(y: np.ndarray, origins: np.ndarray, leads: int, exog: Exog | None,
             t0_h: int) -> np.ndarray:
    """Design tensor (origins, leads, features); NaN where an input is missing or unknown."""
    n = origins.size
    j = np.arange(leads)
    t = origins[:, None] + j[None, :]
    week = np.stack([y[o - 168:o] for o in origins]) if n else np.zeros((0, 168))
    scale = np.nanmean(np.abs(week), axis=1) if n else np.zeros(0)
    scale = np.where(np.isfinite(scale) & (scale > 0), scale, 1.0)[:, None]
    cols = [np.broadcast_to(j[None, :].astype(float), t.shape)]
    for k in (1, 2, 3):
        cols.append(np.broadcast_to(_scaled_lag(y, origins[:, None] - k, scale), t.shape))
    cols.append(np.broadcast_to(np.nanmean(week[:, -24:], axis=1)[:, None] / scale, t.shape))
    back = 24 * (j // 24 + 1)
    cols += [_scaled_lag(y, t - back[None, :], scale),
             _scaled_lag(y, t - back[None, :] - 24, scale),
             _scaled_lag(y, t - 168, scale)]
    cal = calendar_features(exog.zone if exog else None, t0_h + t)
    cols += [cal[..., k] for k in range(cal.shape[-1])]
    if exog is not None and exog.price is not None:
        p = exog.price
        pweek = np.stack([p[o - 168:o] for o in origins]) if n else np.zeros((0, 168))
        pscale = np.nanmean(np.abs(pweek), axis=1) if n else np.zeros(0)
        pscale = np.where(np.isfinite(pscale) & (pscale > 0), pscale, 1.0)[:, None]
        until = known_until(exog.market, t0_h, origins)[:, None]
        tt = np.where(t < np.minimum(until, p.size), t, -1)
        cols += [_scaled_lag(p, tt, pscale),
                 np.broadcast_to(_scaled_lag(p, origins[:, None] - 1, pscale), t.shape),
                 _scaled_lag(p, np.minimum(t - 24, origins[:, None] - 1), pscale)]
    if exog is not None and exog.other is not None:
        cols.append(np.broadcast_to(_scaled_lag(exog.other, origins[:, None] - 1, scale),
                                    t.shape))
    return np.stack(cols, axis=-1)


@dataclass
class GbmFit:
    """A fitted booster, its training cutoff and the held-out errors' quantiles per lead."""

    booster: object
    cutoff: int           # step index: the fit read nothing at or after it
    lo: np.ndarray        # per lead, offsets added to the point forecast (80 % interval)
    hi: np.ndarray
    rows: int
    spread: np.ndarray    # per lead, the scale of the learned target


def month_cutoff(t0_h: int, clock: int) -> int:
    """Step index of 00:00 UTC on the first day of the clock's month."""
    when = np.datetime64(int(t0_h + clock), "h")
    first = when.astype("datetime64[M]").astype("datetime64[h]").astype(np.int64)
    return int(first - t0_h)


def fit(y: np.ndarray, cutoff: int, leads: int, exog: Exog | None, t0_h: int) -> GbmFit | None:
    """Fit on origins whose targets lie before `cutoff`; None with too little history."""
    import lightgbm as lgb

    last = cutoff - leads
    first = max(168 + 48, last - TRAIN_DAYS * 24)
    if last - first < MIN_TRAIN_DAYS * 24:
        return None
    origins = np.arange(last, first - 1, -STRIDE)[::-1]
    split = last - HOLDOUT_DAYS * 24
    x = features(y, origins, leads, exog, t0_h)
    week = np.stack([y[o - 168:o] for o in origins])
    scale = np.nanmean(np.abs(week), axis=1)
    scale = np.where(np.isfinite(scale) & (scale > 0), scale, 1.0)
    target = y[origins[:, None] + np.arange(leads)[None, :]] / scale[:, None] - x[..., 1]
    # per-lead spread of the change: dividing by it weighs every lead alike (otherwise the
    # far leads' large changes dominate the loss and the near leads lose their anchor)
    spread = np.nanstd(target, axis=0)
    spread = np.where(np.isfinite(spread) & (spread > 0), spread, 1.0)
    target = target / spread[None, :]
    train = (origins < split)[:, None] & np.isfinite(target)
    # every LEAD_STRIDE-th lead per origin, in turn (a third of the rows, every lead seen)
    train &= ((np.arange(leads)[None, :] + np.arange(origins.size)[:, None]) % LEAD_STRIDE
              == 0)
    train[np.isnan(y[origins - 1])] = False
    if FIT_ALL:
        train |= (origins >= split)[:, None] & np.isfinite(target) & (
            (np.arange(leads)[None, :] + np.arange(origins.size)[:, None]) % LEAD_STRIDE == 0)
    age = (last - origins)[:, None] / 24.0 + np.zeros((1, leads))
    weight = np.where(age < RECENT_DAYS, RECENT_WEIGHT, 1.0)
    xs, ts = x[train], target[train]
    booster = lgb.train(PARAMS, lgb.Dataset(xs, ts, weight=weight[train],
                                            free_raw_data=True), ROUNDS)
    hold = np.flatnonzero(origins >= split)
    resid = np.full((leads, hold.size), np.nan)
    if hold.size:
        held = np.asarray(x[hold])
        pred = np.asarray(booster.predict(held.reshape(-1, x.shape[-1]))).reshape(hold.size, leads)
        resid = ((target[hold] - pred) * spread[None, :] * scale[hold, None]).T
    lo, hi = np.zeros(leads), np.zeros(leads)
    ok = ~np.all(np.isnan(resid), axis=1)
    if ok.any():
        lo[ok], hi[ok] = np.nanquantile(resid[ok], (0.1, 0.9), axis=1)
    return GbmFit(booster, cutoff, lo, hi, int(train.sum()), spread)


def predict(gf: GbmFit, y: np.ndarray, origin: int, leads: int, exog: Exog | None,
            t0_h: int) -> np.ndarray:
    """The point forecast for `leads` steps from `origin` (y is read before it only)."""
    x = features(y, np.array([origin]), leads, exog, t0_h)[0]
    week = y[origin - 168:origin]
    scale = float(np.nanmean(np.abs(week)))
    scale = scale if np.isfinite(scale) and scale > 0 else 1.0
    raw = gf.booster.predict(x) * gf.spread[:leads]  # type: ignore[attr-defined]
    return (raw + x[:, 1]) * scale


@dataclass
class FitCache:
    """Fits per (inputs, cutoff, data hash), in memory; optionally as text files on disk."""

    folder: Path | None = None
    limit: int = 64

    def __post_init__(self) -> None:
        self.entries: OrderedDict[str, GbmFit | None] = OrderedDict()

    def get(self, y: np.ndarray, clock: int, leads: int, exog: Exog | None,
            t0_h: int, tag: str = "") -> GbmFit | None:
        """The month's fit for this series (made on first use)."""
        cutoff = month_cutoff(t0_h, clock)
        h = hashlib.sha1(np.ascontiguousarray(y[:cutoff]).tobytes())
        if exog is not None and exog.price is not None:
            h.update(np.ascontiguousarray(exog.price[:cutoff]).tobytes())
        key = "|".join((tag, exog.key() if exog else "-", str(t0_h + cutoff), str(leads),
                        h.hexdigest()[:20]))
        if key in self.entries:
            self.entries.move_to_end(key)
            return self.entries[key]
        made = self._read(key, cutoff, leads)
        if made is None:
            made = fit(y, cutoff, leads, exog, t0_h)
            self._write(key, made)
        self.entries[key] = made
        if len(self.entries) > self.limit:
            self.entries.popitem(last=False)
        return made

    def _path(self, key: str) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / (hashlib.sha1(key.encode()).hexdigest()[:24] + ".gbm.npz")

    def _read(self, key: str, cutoff: int, leads: int) -> GbmFit | None:
        path = self._path(key)
        if path is None or not path.is_file():
            return None
        try:
            import lightgbm as lgb

            with np.load(path) as z:
                booster = lgb.Booster(model_str=str(z["model"]))
                return GbmFit(booster, cutoff, z["lo"], z["hi"], int(z["rows"]),
                              z["spread"])
        except (OSError, ValueError, KeyError):
            return None

    def _write(self, key: str, gf: GbmFit | None) -> None:
        path = self._path(key)
        if path is None or gf is None:
            return
        import os

        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp.npz")
        np.savez(tmp, model=gf.booster.model_to_string(),  # type: ignore[attr-defined]
                 lo=gf.lo, hi=gf.hi, rows=gf.rows, spread=gf.spread)
        os.replace(tmp, path)


#: The process's fits (the eval and the quote commands share it).
FITS = FitCache()

__all__ = ["FITS", "FitCache", "GbmFit", "fit", "lightgbm_available", "month_cutoff",
           "predict"]
