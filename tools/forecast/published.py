"""A provider's published carbon forecast (Electricity Maps, via `data fetch`) at a clock.

A published forecast is used where it was made at or before the clock (never one made
later: that would be hindsight), at most `MAX_AGE_H` hours before it, and only for the hours
it covers; the newest such one per zone wins. Hours it does not cover keep gridwise's own
forecast, and the label says which hours came from which.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import duckdb
import numpy as np

#: A published forecast older than this at the clock is not used.
MAX_AGE_H = 24


def published_many(conn: duckdb.DuckDBPyConnection, zones: list[str], clock: datetime,
                   start: datetime, hours: int) -> dict[str, tuple[np.ndarray, datetime]]:
    """Per zone with one: (values for `hours` hours from `start`, NaN where not covered; made)."""
    try:
        rows = conn.execute(
            "SELECT zone, ts, gco2_per_kwh, made_at FROM published_forecast "
            "WHERE zone IN (SELECT unnest(?)) AND made_at <= ? AND made_at >= ? "
            "AND ts >= ? AND ts < ? ORDER BY zone, made_at",
            [zones, clock, clock - timedelta(hours=MAX_AGE_H), start,
             start + timedelta(hours=hours)]).fetchall()
    except duckdb.CatalogException:  # a store from before published forecasts
        return {}
    newest: dict[str, datetime] = {}
    for zone, _, _, made in rows:
        newest[zone] = max(made, newest.get(zone, made))
    out: dict[str, tuple[np.ndarray, datetime]] = {}
    for zone, ts, value, made in rows:
        if made != newest[zone]:
            continue
        values = out.setdefault(zone, (np.full(hours, np.nan), made))[0]
        values[int((ts - start) / timedelta(hours=1))] = value
    return out


def overlay(seen: np.ndarray, lo: np.ndarray, hi: np.ndarray, pub: np.ndarray,
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """`pub` where it has values, gridwise's forecast elsewhere.

    The interval keeps its width around the published value. Returns (seen, lo, hi, hours
    published).
    """
    have = np.isfinite(pub)
    seen2 = np.where(have, pub, seen)
    return (seen2, np.where(have, pub - (seen - lo), lo), np.where(have, pub + (hi - seen), hi),
            int(have.sum()))


__all__ = ["MAX_AGE_H", "overlay", "published_many"]
