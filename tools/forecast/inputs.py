"""Build a forecast's exogenous inputs (`Exog`) from the store, as known at the clock.

A carbon zone's inputs: its calendar, the prices of its market (day-ahead prices to the
hour they were published by the clock, real-time prices up to the clock), and its other
carbon basis (lags). A price market's: its calendar, and for a day-ahead market its own
published prices beyond the clock (`published`), which replace the forecast where they
exist.
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import numpy as np

from tools.forecast.exog import Exog
from tools.grid_frame import GridFrame

#: Carbon zones whose price market has another name.
PRICE_MARKET = {"BR-SP": "BR"}


def loaded_markets(conn: duckdb.DuckDBPyConnection) -> set[str]:
    """The price markets the store holds any price for (a scan of the price table)."""
    return {z for (z,) in conn.execute("SELECT DISTINCT zone FROM energy_price").fetchall()}


def market_for(zone: str, markets: set[str]) -> str | None:
    """The price market of a carbon zone, or None where none is loaded."""
    m = PRICE_MARKET.get(zone, zone)
    return m if m in markets else None


def exog_needs(table: str, zones: list[str], carbon_basis: str, markets: set[str],
               ) -> dict[str, tuple[list[str], tuple[str, ...]]]:
    """What `exog_from` reads of a frame: per table, (zones, carbon bases).

    A price market's inputs are its own prices; a carbon zone's, its market's prices (in
    `markets`, the loaded ones) and its other carbon basis.
    """
    if table == "energy_price":
        return {"energy_price": (zones, ("lca",))}
    wanted = sorted({m for z in zones if (m := market_for(z, markets))})
    return {"energy_price": (wanted, ("lca",)),
            "carbon_intensity": (zones, (other_basis(carbon_basis),))}


def other_basis(carbon_basis: str) -> str:
    """The carbon basis a forecast on `carbon_basis` reads as a lagged input."""
    return "direct" if carbon_basis == "lca" else "lca"


def exog_many(conn: duckdb.DuckDBPyConnection, table: str, zones: list[str], t0: datetime,
              hours: int, clock: int, carbon_basis: str = "lca") -> dict[str, Exog]:
    """Per zone, the inputs on the grid `t0 + k h` for `hours` hours, masked at step `clock`.

    Reads what `exog_needs` names into a frame of its own (`exog_from` takes a shared one).

    Args:
        conn: the store's connection.
        table: 'carbon_intensity' or 'energy_price' (the series being forecast).
        zones: carbon zones or price markets.
        t0: step 0 of the history (naive UTC, whole hour).
        hours: steps to cover (the history plus the horizon).
        clock: the step of the clock (what lies at or after it is unknown unless published).
        carbon_basis: the basis forecast; the other one is read as a lagged input.
    """
    markets = loaded_markets(conn) if table != "energy_price" else set()
    frame = GridFrame.read(conn, exog_needs(table, zones, carbon_basis, markets), t0, hours)
    return exog_from(frame, table, zones, t0, hours, clock, carbon_basis, markets)


def exog_from(frame: GridFrame, table: str, zones: list[str], t0: datetime, hours: int,
              clock: int, carbon_basis: str, markets: set[str]) -> dict[str, Exog]:
    """`exog_many`'s inputs taken from `frame`, which holds what `exog_needs` names.

    `markets`: the price markets loaded (`loaded_markets`; unused for a price series).
    """
    t0_h = int(np.datetime64(t0, "h").astype(np.int64))
    if table == "energy_price":
        prices = frame.series("energy_price", zones, t0, hours)
        return {z: Exog(z, t0_h, None, z, None, published=prices[z].values).at_clock(
            clock, hours - clock) for z in zones}
    by_zone = {z: market_for(z, markets) for z in zones}
    wanted = sorted({m for m in by_zone.values() if m})
    prices = frame.series("energy_price", wanted, t0, hours)
    other = frame.series("carbon_intensity", zones, t0, clock, other_basis(carbon_basis))
    out: dict[str, Exog] = {}
    for z in zones:
        m = by_zone[z]
        o = other[z].values
        out[z] = Exog(z, t0_h, prices[m].values if m else None, m,
                      o if np.isfinite(o).any() else None).at_clock(clock, hours - clock)
    return out


__all__ = ["PRICE_MARKET", "exog_from", "exog_many", "exog_needs", "loaded_markets",
           "market_for", "other_basis"]
