"""Forecasts made ahead of the first quote: every zone the catalog quotes, at one clock.

A quote's first pass at a clock makes one forecast per carbon zone and price market
(about 20 ridge fits: most of a cold quote's time, BENCHMARKS.md). A long-lived process
that knows the clock its requests will be quoted at (the console's scenario clock) makes
them once, in the background, so that the operator's first request finds them cached
(`ForecastCache`, keyed by the history's hash: a warm forecast is the very forecast a quote
would make, never a stale one). Every quote whose run reaches past the learned horizon
(`LEARNED_HORIZON_H`, 72 h: all of a 7-day window) asks for exactly these forecasts.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime

import duckdb

from gridwise.store import Store
from tools.forecast.api import LEARNED_HORIZON_H
from tools.forecast.signals import ForecastSignals
from tools.grid import ceil_hour
from tools.offers import load_offers
from tools.quote_windows import wants_of


@dataclass(frozen=True)
class Warmed:
    """What a warm-up made: the clock, the series it forecast, and how long it took."""

    clock: datetime
    zones: int
    markets: int
    seconds: float


def warm_forecasts(conn: duckdb.DuckDBPyConnection, clock: datetime,
                   signals: ForecastSignals | None = None,
                   carbon_basis: str = "lca") -> Warmed:
    """Make (or find cached) the forecast of every zone and market the catalog quotes.

    `signals`: the source whose cache is filled (default: the process-wide one, which
    quotes use when they are given no source). The hours asked for reach the learned
    horizon, so the per-zone forecasts are those any longer quote at `clock` makes.
    """
    source = signals if signals is not None else ForecastSignals()
    t0 = time.perf_counter()
    wants = wants_of(load_offers(conn))
    source.signals_many(conn, wants, clock, ceil_hour(clock), LEARNED_HORIZON_H, carbon_basis)
    return Warmed(clock, len(wants["carbon_intensity"]), len(wants["energy_price"]),
                  time.perf_counter() - t0)


def warm_in_background(open_store: Callable[[], AbstractContextManager[Store]],
                       clock: datetime, carbon_basis: str = "lca",
                       done: Callable[[Warmed | Exception], None] | None = None,
                       ) -> threading.Thread:
    """`warm_forecasts` on a daemon thread, on a store of its own (`with open_store()`).

    A failure is handed to `done` (never raised: a warm-up only saves time, and the quote
    that needs a forecast makes it itself and reports any problem there).
    """

    def run() -> None:
        got: Warmed | Exception
        try:
            with open_store() as store:
                got = warm_forecasts(store.conn, clock, carbon_basis=carbon_basis)
        except Exception as exc:  # noqa: BLE001 - reported to `done`, never fatal
            got = exc
        if done is not None:
            done(got)

    thread = threading.Thread(target=run, name="gridwise-forecast-warm", daemon=True)
    thread.start()
    return thread


__all__ = ["Warmed", "warm_forecasts", "warm_in_background"]
