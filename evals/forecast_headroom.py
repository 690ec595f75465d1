"""How far a zone's day-ahead ridge forecast could move by blending: an upper bound (issue 13).

Issue 13 asks the day-ahead carbon forecast to beat seasonal naive 24 h by >= 20 % MAE in
every zone. The candidate mechanisms that keep the model's inputs (lags and calendar) —
shrinking a zone's forecast toward seasonal naive, blending in a weekly profile, a per-zone
choice among a few fits — all end up as a blend of the ridge with a baseline at a weight
chosen before the origin. This diagnostic scores, at the same rolling origins as `gridwise
eval forecast`, the ridge and each blend at weights chosen **in hindsight** on the scored
origins themselves, so no weight chosen before an origin can do better; and, to say where
the remaining error lies, the ridge with the actual day's mean level put in (the error left
is the within-day shape).

Per zone (gains in % of seasonal naive 24 h's MAE over leads 1..24):

* `ridge`: the model as it is.
* `blend_<base>`: the best of `a * ridge + (1 - a) * base` over `WEIGHTS`, and its `a`;
  bases: `seasonal_24`, `profile_7` (the same hour's mean over the last 7 days),
  `seasonal_168`.
* `ridge_ci90`: the 5th-95th percentile of the ridge's gain over `BOOTSTRAP` resamples of
  the origins (how much of a zone's distance to 20 % the origins' sample alone moves).
* `oracle_level`: the ridge moved to the actual day's mean (not a forecast: a bound on what
  a perfect level term could add).

Run: `python -m evals.forecast_headroom --zones AU-NSW,CL-SIC,NO,SG [--from 2022-01-16
--to 2022-12-24 --every 73]` (reads the store's reference file, never the state).
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime

import numpy as np

from gridwise.store import Store
from tools.forecast import forecast
from tools.forecast.inputs import exog_many
from tools.forecast.signals import history_hours
from tools.grid import HOUR, floor_hour, hourly_many

LEADS = 24
PROFILE_DAYS = 7
#: The blend weights of the ridge tried (1.0: the ridge alone).
WEIGHTS = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)
#: Resamples of the origins for the gain's interval (seeded: the output is reproducible).
BOOTSTRAP = 1000


def _gain(actual: np.ndarray, fc: np.ndarray, base_mae: float) -> float:
    return round(float((1 - np.nanmean(np.abs(actual - fc)) / base_mae) * 100), 2)


def headroom(actual: np.ndarray, ridge: np.ndarray, bases: dict[str, np.ndarray]
             ) -> dict[str, object]:
    """The gains of the ridge, its best blends and its oracle level over seasonal naive.

    Args:
        actual: (origins, leads) actual values, NaN where unknown.
        ridge: (origins, leads) the ridge's forecasts.
        bases: (origins, leads) baseline forecasts by name; must hold `seasonal_24`.
    """
    base_mae = float(np.nanmean(np.abs(actual - bases["seasonal_24"])))
    level = np.nanmean(actual, axis=1, keepdims=True) - ridge.mean(axis=1, keepdims=True)
    out: dict[str, object] = {"ridge": _gain(actual, ridge, base_mae)}
    for name, base in bases.items():
        gains = [_gain(actual, a * ridge + (1 - a) * base, base_mae) for a in WEIGHTS]
        best = int(np.argmax(gains))
        out[f"blend_{name}"] = {"gain": gains[best], "weight": WEIGHTS[best]}
    out["ridge_ci90"] = _interval(np.nanmean(np.abs(actual - ridge), axis=1),
                                  np.nanmean(np.abs(actual - bases["seasonal_24"]), axis=1))
    out["oracle_level"] = _gain(actual, ridge + level, base_mae)
    return out


def _interval(ridge_mae: np.ndarray, base_mae: np.ndarray) -> list[float]:
    """5th-95th percentile of the gain over resamples of the origins (per-origin MAEs)."""
    pick = np.random.default_rng(0).integers(0, ridge_mae.size, (BOOTSTRAP, ridge_mae.size))
    gains = (1 - np.nanmean(ridge_mae[pick], axis=1) / np.nanmean(base_mae[pick], axis=1)) * 100
    return [round(float(q), 1) for q in np.percentile(gains, (5, 95))]


def _baselines(y: np.ndarray, o: int) -> dict[str, np.ndarray]:
    """Seasonal naive 24 h and 168 h and the 7-day same-hour profile for leads 0..23."""
    days = np.stack([y[o - 24 * k:o - 24 * k + LEADS] for k in range(1, PROFILE_DAYS + 1)])
    return {"seasonal_24": y[o - 24:o - 24 + LEADS],
            "profile_7": np.nanmean(days, axis=0),
            "seasonal_168": y[o - 168:o - 168 + LEADS]}


def diagnose(store: Store, zones: list[str], start: datetime, end: datetime,
             every_h: int) -> dict[str, dict[str, object]]:
    """Per zone, `headroom` at the origins `gridwise eval forecast` would use."""
    start, end = floor_hour(start), floor_hour(end)
    back_h = history_hours("ridge")
    t0 = start - HOUR * back_h
    span_h = back_h + int((end - start) / HOUR) + LEADS + 1
    origins = [start + HOUR * k for k in range(0, int((end - start) / HOUR) + 1, every_h)]
    got = hourly_many(store.conn, "carbon_intensity", zones, t0, span_h)
    inputs = exog_many(store.conn, "carbon_intensity", zones, t0, span_h, span_h)
    out: dict[str, dict[str, object]] = {}
    for zone in zones:
        y = got[zone].values
        rows: list[tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]] = []
        for origin in origins:
            o = int((origin - t0) / HOUR)
            fc = forecast(y[:o], origin, LEADS, "ridge", exog=inputs[zone].at_clock(o, LEADS))
            rows.append((y[o:o + LEADS], fc.values[:LEADS], _baselines(y, o)))
        bases = {k: np.stack([r[2][k] for r in rows]) for k in rows[0][2]}
        out[zone] = headroom(np.stack([r[0] for r in rows]), np.stack([r[1] for r in rows]),
                             bases)
    return out


def main(argv: list[str] | None = None) -> None:
    """Print the headroom per zone as JSON."""
    from gridwise.settings import Settings
    from gridwise.store_access import StoreAccess

    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--zones", required=True, help="comma-separated carbon zones")
    p.add_argument("--from", dest="start", default="2022-01-16", help="first origin (UTC)")
    p.add_argument("--to", dest="end", default="2022-12-24", help="last origin (UTC)")
    p.add_argument("--every", type=int, default=73, help="hours between origins")
    a = p.parse_args(argv)
    s = Settings()
    with StoreAccess(s.db_file, s.db_wait_s).reference(read_only=True) as store:
        res = diagnose(store, [z.strip() for z in a.zones.split(",")],
                       datetime.fromisoformat(a.start), datetime.fromisoformat(a.end), a.every)
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
