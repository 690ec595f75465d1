"""`gridwise eval forecast`: rolling-origin evaluation of every forecast model, per zone.

Origins run from `--from` to `--to` every `every_h` hours (25 by default, so that the
origins cycle through every hour of the day). At each origin every model forecasts from the
history before it only (`tools.forecast.forecast`), and the forecast for leads 1..h is
scored against the actual series: MAE, and MAPE over the hours whose actual magnitude is at
least `MAPE_FLOOR` (gCO2/kWh, or USD/MWh for prices; hours near zero would make it explode).
A horizon of 24 h is the day-ahead error. The interval's empirical coverage (the share of
actuals inside the 80 % interval) is reported too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

import numpy as np

from gridwise.errors import UnknownNameError, UserError
from gridwise.store import Store
from tools.forecast import MODELS, forecast
from tools.forecast.api import LEARNED_HORIZON_H, ForecastGapError
from tools.forecast.exog import Exog
from tools.forecast.inputs import exog_many
from tools.forecast.signals import history_hours
from tools.grid import HOUR, floor_hour, hourly_many

SERIES = {"carbon": "carbon_intensity", "price": "energy_price"}
MAPE_FLOOR = 1.0
DEFAULT_FROM = datetime(2023, 1, 1)
DEFAULT_TO = datetime(2023, 3, 31)
DEFAULT_EVERY_H = 25
#: Models the evaluation knows: the forecaster's, and the ridge without exogenous inputs
#: (lags and calendar only: last session's model, kept to show what the inputs add).
EVAL_MODELS: tuple[str, ...] = (*MODELS, "ridge_lags")
#: The models given the exogenous inputs (the baselines stay plain, as their names say).
LEARNED = ("ridge", "gbm")
DEFAULT_EVAL_MODELS: tuple[str, ...] = ("persistence", "seasonal_24", "seasonal_168",
                                        "ridge_lags", "ridge", "gbm")


@dataclass
class _Score:
    abs_err: list[float]
    pct_err: list[float]
    inside: list[float]
    origins: int = 0
    fallbacks: int = 0


def _zones(store: Store, tables: list[str], zones: list[str] | None) -> dict[str, list[str]]:
    """Per table, the zones to evaluate: all it has, or the asked ones it has.

    Raises:
        UnknownNameError: an asked zone that no evaluated series has.
    """
    have = {t: [z for (z,) in store.conn.execute(
        f"SELECT DISTINCT zone FROM {t} ORDER BY zone").fetchall()] for t in tables}
    if zones is None:
        return have
    every = sorted({z for zs in have.values() for z in zs})
    for z in zones:
        if z not in every:
            raise UnknownNameError("zone", z, every)
    return {t: [z for z in zones if z in zs] for t, zs in have.items()}


def parse_horizons(text: str) -> list[int]:
    """'24,72' -> [24, 72]; each between 1 and the learned horizon (72 h)."""
    try:
        hs = sorted({int(x) for x in text.split(",") if x.strip()})
    except ValueError:
        raise UserError(f"--horizon {text!r} is not a list of whole hours",
                        "write it like --horizon 24,72") from None
    if not hs or hs[0] < 1 or hs[-1] > LEARNED_HORIZON_H:
        raise UserError(f"--horizon {text!r} must list hours between 1 and "
                        f"{LEARNED_HORIZON_H}", "write it like --horizon 24,72")
    return hs


def evaluate(store: Store, zones: list[str] | None = None, start: datetime = DEFAULT_FROM,
             end: datetime = DEFAULT_TO, horizons: tuple[int, ...] | list[int] = (24, 72),
             series: tuple[str, ...] = ("carbon", "price"),
             models: tuple[str, ...] = DEFAULT_EVAL_MODELS, every_h: int = DEFAULT_EVERY_H,
             progress: object = None, carbon_basis: str = "lca") -> dict[str, object]:
    """Rolling-origin MAE / MAPE per zone, series, model and horizon.

    Every model at an origin reads the history before it, and the inputs known then only
    (`tools.forecast.exog`); `carbon_basis` picks the carbon series (`lca` or `direct`).

    Returns:
        `{"results": [{"zone", "series", "model", "horizon_h", "mae", "mape", ...}],
        "meta": {...}}`.

    Raises:
        UserError: an empty or inverted period, an unknown zone or model.
    """
    bad = [m for m in models if m not in EVAL_MODELS]
    if bad or not models:
        raise UserError(f"unknown forecast model(s) {', '.join(bad) or '(none)'}",
                        f"use some of {', '.join(EVAL_MODELS)}")
    if carbon_basis not in ("lca", "direct"):
        raise UserError(f"unknown carbon basis {carbon_basis!r}", "use lca or direct")
    start, end = floor_hour(start), floor_hour(end)
    if end <= start:
        raise UserError(f"--to {end.isoformat()} is not after --from {start.isoformat()}",
                        "give a period of at least one day")
    if every_h < 1:
        raise UserError(f"origins every {every_h!r} h", "use at least 1")
    hmax = max(horizons)
    origins = [start + HOUR * k for k in range(0, int((end - start) / HOUR) + 1, every_h)]
    back_h = max(history_hours(m) for m in models)
    span_h = back_h + int((end - start) / HOUR) + hmax + 1
    t0 = start - HOUR * back_h
    results: list[dict[str, object]] = []
    skipped: list[str] = []
    per_table = _zones(store, [SERIES[n] for n in series], zones)
    for name in series:
        table = SERIES[name]
        zone_list = per_table[table]
        got = hourly_many(store.conn, table, zone_list, t0, span_h, carbon_basis)
        inputs = exog_many(store.conn, table, zone_list, t0, span_h, span_h, carbon_basis)
        for zone in zone_list:
            y = got[zone].values
            scores = _score_zone(y, t0, origins, horizons, models, inputs[zone])
            if progress is not None:
                progress(f"{name} {zone}")  # type: ignore[operator]
            if not any(sc.origins for sc in scores.values()):
                skipped.append(f"{name} {zone}: no data in the period")
                continue
            for (model, h), sc in scores.items():
                results.append(_row(zone, name, model, h, sc))
    return {"results": results,
            "meta": {"from": start.isoformat(), "to": end.isoformat(), "every_h": every_h,
                     "origins": len(origins), "mape_floor": MAPE_FLOOR,
                     "horizons": list(horizons), "models": list(models),
                     "interval": "80 % (10th-90th percentile of past errors)",
                     "carbon_basis": carbon_basis,
                     "skipped": skipped}}


def _score_zone(y: np.ndarray, t0: datetime, origins: list[datetime], horizons: tuple[int, ...]
                | list[int], models: tuple[str, ...], inputs: Exog | None = None,
                ) -> dict[tuple[str, int], _Score]:
    hmax = max(horizons)
    scores = {(m, h): _Score([], [], []) for m in models for h in horizons}
    for origin in origins:
        o = int((origin - t0) / HOUR)
        actual = y[o:o + hmax]
        if actual.size < hmax or np.isnan(actual).all():
            continue
        ex = inputs.at_clock(o, hmax) if inputs is not None else None
        for model in models:
            name = "ridge" if model == "ridge_lags" else model
            try:
                fc = forecast(y[:o], origin, hmax, name,  # type: ignore[arg-type]
                              exog=ex if model in LEARNED else None)
            except ForecastGapError:
                continue
            for h in horizons:
                a, f = actual[:h], fc.values[:h]
                ok = ~np.isnan(a)
                sc = scores[(model, h)]
                sc.origins += 1
                sc.fallbacks += fc.model != name
                sc.abs_err.extend(np.abs(a[ok] - f[ok]))
                big = ok & (np.abs(a) >= MAPE_FLOOR)
                sc.pct_err.extend(np.abs(a[big] - f[big]) / np.abs(a[big]))
                sc.inside.extend(((a[ok] >= fc.lo[:h][ok]) & (a[ok] <= fc.hi[:h][ok]))
                                 .astype(float))
    return scores


def _row(zone: str, series: str, model: str, h: int, sc: _Score) -> dict[str, object]:
    def mean(xs: list[float], k: float = 1.0) -> float | None:
        return None if not xs else round(float(np.mean(xs)) * k, 3)

    return {"zone": zone, "series": series, "model": model, "horizon_h": h,
            "mae": mean(sc.abs_err), "mape": mean(sc.pct_err, 100.0),
            "coverage_pct": mean(sc.inside, 100.0), "origins": sc.origins,
            "fallbacks": sc.fallbacks}


def skill_table(result: dict[str, object]) -> list[dict[str, object]]:
    """Per zone, series and horizon: the ridge model's MAE / MAPE against seasonal naive 24 h.

    `mae_gain_pct` > 0 means ridge has the lower MAE (the target is >= 20 %).
    """
    rows = cast("list[dict[str, Any]]", result["results"])
    by = {(r["zone"], r["series"], r["horizon_h"], r["model"]): r for r in rows}
    out = []
    for (zone, series, h, model), r in by.items():
        if model != "ridge":
            continue
        base = by.get((zone, series, h, "seasonal_24"))
        if not base or not base["mae"] or r["mae"] is None:
            continue
        out.append({"zone": zone, "series": series, "horizon_h": h, "ridge_mape": r["mape"],
                    "seasonal_24_mape": base["mape"], "ridge_mae": r["mae"],
                    "seasonal_24_mae": base["mae"],
                    "mae_gain_pct": round((1 - r["mae"] / base["mae"]) * 100, 1)})
    return out


__all__ = ["evaluate", "parse_horizons", "skill_table"]
