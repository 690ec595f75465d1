"""Why the nightly jobs keep little of the oracle's saving on some grids: diagnostics.

`evals.shifting_forecast` reports how much of the oracle's saving a job deciding on the
forecast keeps. These diagnostics split the shortfall of the nightly cells (decided once,
at the wake, as its `once`/`point` rule does) into its parts:

* `hourly_ceiling`: the share a *perfect* forecast of the hourly means keeps when a
  30-minute job ranks them repeated to both half hours (how the Let's-Wait-Awhile grid is
  forecast): the cap that the hourly resolution alone puts on any forecast (100 % on an
  hourly grid).
* `shape_skill`: how well the forecast made at the wake predicts the window's shape, the only
  thing a ranking reads: 1 - sum |forecast - its window mean - (actual - its window mean)| /
  sum |actual - its window mean|. 1: the shape exactly; 0: no better than a flat line;
  below 0: worse.
* `kept_blend_pct`: the same jobs ranking half the forecast and half the window's profile
  (the mean of the same step over the `PROFILE_DAYS` days before the clock, moved to the
  forecast's level): a decide-once rule chosen on 2022 (nightly cells >= 85 %: 29/72 vs
  28/72 on the forecast alone; blends of 0.25-0.75 and 7-28 days, and the profile alone,
  were tried there), measured once on 2023 and LWA 2020 (the issue 13 report, s13).
* `first_day`: nights before it are left out, so that the year-start fallbacks (the LWA
  files carry ten days of history before 2020) can be scored apart.

Run: `python -m evals.shifting_diagnose [--year 2023] [--sample 4] [--first-day 60]`
(without `--year`: the LWA regions; with it: the Electricity Maps zones of that year).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import duckdb
import numpy as np

from evals.shifting import NIGHTLY_WINDOWS_H, REGION_FILES, STEPS_PER_DAY
from evals.shifting_forecast import EM_HISTORY_H, Forecaster, lwa_forecaster, resolve_lwa_folder
from tools.windows import min_mean_window

#: Days of the profile a blended ranking reads, and the profile's weight (chosen on 2022).
PROFILE_DAYS = 28
BLEND_WEIGHT = 0.5


def _nights(ci: np.ndarray, at: np.ndarray, w: int) -> Iterator[tuple[int, np.ndarray]]:
    """(wake, actual window of 2w + 1 steps) of every night whose window is gap-free."""
    for a in at:
        wake = int(a - w)
        actual = ci[wake:wake + 2 * w + 1]
        if wake >= 0 and actual.size == 2 * w + 1 and not np.isnan(actual).any():
            yield wake, actual


def _kept(base: float, oracle: float, chosen: float) -> float | None:
    """Share (%) of the oracle's saving kept; None when the oracle saves nothing."""
    return None if oracle >= base else round((base - chosen) / (base - oracle) * 100, 1)


def hourly_ceiling(ci: np.ndarray, at: np.ndarray, hours: int, per_hour: int) -> float | None:
    """Kept % of a one-step nightly job (+-`hours`) ranking the true hourly means.

    `ci` is on a grid of `per_hour` steps an hour, step 0 at a whole hour; the means are
    repeated to their steps and the first lowest start wins, as on a forecast.
    """
    w = hours * per_hour
    n = ci.size - ci.size % per_hour
    means = np.repeat(ci[:n].reshape(-1, per_hour).mean(axis=1), per_hour)
    base = oracle = chosen = 0.0
    for wake, actual in _nights(ci[:n], at, w):
        start, _ = min_mean_window(means[wake:wake + actual.size], 1, 0, actual.size)
        base, oracle, chosen = base + actual[w], oracle + actual.min(), chosen + actual[start]
    return _kept(base, oracle, chosen)


def profile_blend(ci: np.ndarray, seen: np.ndarray, wake: int, steps_per_day: int,
                  days: int = PROFILE_DAYS, weight: float = BLEND_WEIGHT) -> np.ndarray:
    """`seen` blended with the mean of the same steps over the `days` days before `wake`.

    Step `wake + j` reads `ci` one or more whole days earlier, always before `wake`; the
    profile is moved to `seen`'s mean, so only its shape counts.
    """
    j = np.arange(seen.size)
    back = (j // steps_per_day + 1)[:, None] + np.arange(days)[None, :]
    idx = wake + j[:, None] - steps_per_day * back
    past = np.where(idx >= 0, ci[np.maximum(idx, 0)], np.nan)
    known = ~np.isnan(past)
    prof = np.where(known, past, 0.0).sum(axis=1) / np.maximum(known.sum(axis=1), 1)
    if not known.any(axis=1).all():
        return seen
    return (1 - weight) * seen + weight * (prof - prof.mean() + seen.mean())


def nightly_diagnosis(ci: np.ndarray, fc: Forecaster, at: np.ndarray, per_hour: int,
                      windows: tuple[int, ...] = NIGHTLY_WINDOWS_H) -> dict[str, dict]:
    """Per window: oracle saving, kept % on `fc` and on the blend, ceiling, shape skill."""
    out: dict[str, dict] = {}
    for hours in windows:
        w = hours * per_hour
        base = oracle = chosen = blended = err = spread = 0.0
        nights = 0
        for wake, actual in _nights(ci, at, w):
            seen = fc.at(wake, actual.size)[0]
            start, _ = min_mean_window(seen, 1, 0, actual.size)
            base, oracle, chosen = base + actual[w], oracle + actual.min(), chosen + actual[start]
            mixed = profile_blend(ci, seen, wake, 24 * per_hour)
            blended += actual[min_mean_window(mixed, 1, 0, actual.size)[0]]
            dev = actual - actual.mean()
            err += float(np.abs(seen - seen.mean() - dev).sum())
            spread += float(np.abs(dev).sum())
            nights += 1
        out[str(hours)] = {
            "nights": nights,
            "oracle_pct": round((1 - oracle / base) * 100, 3) if base else None,
            "kept_pct": _kept(base, oracle, chosen) if nights else None,
            "kept_blend_pct": _kept(base, oracle, blended) if nights else None,
            "hourly_ceiling_pct": hourly_ceiling(ci, at, hours, per_hour),
            "shape_skill": round(1 - err / spread, 3) if spread else None}
    return out


def lwa(conn: duckdb.DuckDBPyConnection | None, sample: int = 1, first_day: int = 0,
        folder: Path | None = None) -> dict[str, dict]:
    """`nightly_diagnosis` of DE, GB, FR 2020 (forecasts as `run_lwa` makes them)."""
    folder = resolve_lwa_folder(folder)
    days = np.arange(0, 365, sample)
    res = {}
    for region in REGION_FILES:
        ci, offset, _, fc = lwa_forecaster(folder, region, "ridge", conn)
        at = offset + days[days >= first_day] * STEPS_PER_DAY + 2
        res[region] = nightly_diagnosis(ci, fc, at, 2)
    return res


def em(conn: duckdb.DuckDBPyConnection, year: int, sample: int = 1,
       first_day: int = 0) -> dict[str, dict]:
    """`nightly_diagnosis` of every Electricity Maps zone of `year` (as `run_em`)."""
    from tools.forecast.inputs import exog_many
    from tools.grid import HOUR, hourly_many

    zones = [z for (z,) in conn.execute(
        "SELECT DISTINCT zone FROM carbon_intensity WHERE source = 'electricitymaps' "
        "ORDER BY zone").fetchall()]
    start = datetime(year, 1, 1) - HOUR * EM_HISTORY_H
    span = EM_HISTORY_H + 365 * 24 + 24 * 8
    series = hourly_many(conn, "carbon_intensity", zones, start, span)
    inputs = exog_many(conn, "carbon_intensity", zones, start, span, span)
    days = np.arange(0, 365, sample)
    at = EM_HISTORY_H + days[days >= first_day] * 24 + 1
    return {z: nightly_diagnosis(series[z].values, Forecaster(
        series[z].values, np.datetime64(start, "h"), 1, "ridge", inputs.get(z)), at, 1)
        for z in zones}


def main(argv: list[str] | None = None) -> None:
    """Print the diagnosis as JSON (reads the store's reference file, never the state)."""
    from gridwise.settings import Settings
    from gridwise.store_access import StoreAccess

    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--year", type=int, help="Electricity Maps year (default: LWA 2020)")
    p.add_argument("--sample", type=int, default=1, help="every N-th night")
    p.add_argument("--first-day", type=int, default=0, help="first day of the year scored")
    a = p.parse_args(argv)
    s = Settings()
    with StoreAccess(s.db_file, s.db_wait_s).reference(read_only=True) as store:
        res = (em(store.conn, a.year, a.sample, a.first_day) if a.year
               else lwa(store.conn, a.sample, a.first_day))
    print(json.dumps(res, indent=1))

if __name__ == "__main__":
    main()
