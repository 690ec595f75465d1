"""What a decision sees of the grid from a clock on: the forecast made then, or the oracle.

Quoting and windows ask a `SignalSource` for the hours after the clock and get, per zone, a
`Signal`: the values the decision is made on (`seen`), an interval (`lo`, `hi`), and the
actual series where the store has it (`actual`), which scores the decision afterwards.
`ForecastSignals` (the default) forecasts from the history before the clock only;
`OracleSignals` hands over the actual future, optionally with synthetic noise, and is only
for labelled upper-bound experiments (`--oracle`).
"""

from __future__ import annotations

import functools
import hashlib
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal, Protocol

import duckdb
import numpy as np

from tools.forecast import gbm
from tools.forecast.api import (
    DEFAULT_MODEL,
    LEARNED_HORIZON_H,
    MAX_GAP_H,
    MAX_HORIZON_H,
    Forecast,
    ForecastGapError,
    ModelName,
    extend_forecast,
    forecast,
    interpolate_gaps,
)
from tools.forecast.cache import PROCESS_CACHE, ForecastCache
from tools.forecast.exog import Exog
from tools.forecast.fanout import default_workers, in_order
from tools.forecast.inputs import exog_from, exog_needs, loaded_markets
from tools.forecast.models import MODEL_VERSION, TRAIN_DAYS
from tools.forecast.published import overlay, published_many
from tools.grid import HOUR, floor_hour
from tools.grid_frame import GridFrame
from tools.offers import load_stamp
from tools.windows import forecast_with_error

Table = Literal["carbon_intensity", "energy_price"]
#: History read before the clock: what the learned model needs, with a margin.
HISTORY_H = (TRAIN_DAYS + 7) * 24 + LEARNED_HORIZON_H + 24
#: History the LightGBM model reads (its training year before the month's start).
GBM_HISTORY_H = (gbm.TRAIN_DAYS + 40) * 24


def history_hours(model: str) -> int:
    """Hours of history a model reads before the clock."""
    return GBM_HISTORY_H if model == "gbm" else HISTORY_H


@dataclass(frozen=True)
class Signal:
    """One zone's series for the hours from `start`: what is seen, its range, the actual."""

    zone: str
    table: str
    start: datetime
    seen: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    actual: np.ndarray
    basis: str                 # "forecast" or "oracle"
    model: str                 # e.g. "ridge", "seasonal_24", "actual", "actual + 5 % noise"
    label: str
    notes: list[str] = field(default_factory=list)

    @property
    def values(self) -> np.ndarray:
        """The series decisions are made on (alias of `seen`)."""
        return self.seen

    def covered(self) -> int:
        """How many hours carry a value decisions can use."""
        return int(np.count_nonzero(~np.isnan(self.seen)))

    def describe(self) -> dict[str, object]:
        """JSON-ready provenance: which basis and model, made when, and how far it reaches."""
        return {"basis": self.basis, "model": self.model, "label": self.label,
                "made_at": self.start.isoformat(), "notes": self.notes}


#: Per table, the zones a decision asks for.
Wants = Mapping[Table, list[str]]


class SignalSource(Protocol):
    """Gives the grid series a decision at a clock may use."""

    basis: str

    def signals(self, conn: duckdb.DuckDBPyConnection, table: Table, zones: list[str],
                clock: datetime, start: datetime, hours: int,
                carbon_basis: str = "lca") -> dict[str, Signal]:
        """Per zone, `hours` hourly values from `start` (>= the clock).

        `carbon_basis` picks the carbon intensity column (life-cycle `lca` or `direct`).
        """
        ...

    def signals_many(self, conn: duckdb.DuckDBPyConnection, wants: Wants, clock: datetime,
                     start: datetime, hours: int,
                     carbon_basis: str = "lca") -> dict[Table, dict[str, Signal]]:
        """`signals` for each table's zones in `wants`, reading each table once for all."""
        ...


def _actual(frame: GridFrame, table: Table, zones: list[str], start: datetime, hours: int,
            carbon_basis: str = "lca") -> dict[str, np.ndarray]:
    """The stored series, short gaps interpolated (longer ones stay NaN and refuse windows)."""
    return {z: interpolate_gaps(s.values, MAX_GAP_H)
            for z, s in frame.series(table, zones, start, hours, carbon_basis).items()}


@dataclass
class OracleSignals:
    """The actual future series (hindsight): an upper bound, never the default.

    With `sigma` > 0 the carbon series decisions see is actual x (1 + N(0, sigma)), seeded
    per zone, while `actual` still scores them.
    """

    sigma: float = 0.0
    seed: int = 0
    basis: str = "oracle"

    def signals(self, conn: duckdb.DuckDBPyConnection, table: Table, zones: list[str],
                clock: datetime, start: datetime, hours: int,
                carbon_basis: str = "lca") -> dict[str, Signal]:
        """The actual series from `start` (see the class)."""
        return self.signals_many(conn, {table: zones}, clock, start, hours, carbon_basis)[table]

    def signals_many(self, conn: duckdb.DuckDBPyConnection, wants: Wants, clock: datetime,
                     start: datetime, hours: int,
                     carbon_basis: str = "lca") -> dict[Table, dict[str, Signal]]:
        """`signals` per table in `wants`, one read per table."""
        frame = GridFrame.read(conn, {t: (z, (carbon_basis,)) for t, z in wants.items()},
                               start, hours)
        out: dict[Table, dict[str, Signal]] = {}
        for table, zones in wants.items():
            got = out[table] = {}
            for zone, actual in _actual(frame, table, zones, start, hours, carbon_basis).items():
                noisy = table == "carbon_intensity" and self.sigma > 0
                seen = (forecast_with_error(actual, "multiplicative", self.sigma,
                                            self.seed + zlib.crc32(zone.encode()))
                        if noisy else actual)
                model = f"actual + {self.sigma:.0%} noise" if noisy else "actual"
                got[zone] = Signal(zone, table, start, seen, seen, seen, actual, "oracle",
                                   model, "oracle: the actual series (hindsight, an upper bound)")
        return out


@dataclass
class ForecastSignals:
    """The forecast made at the clock from the history before it (the default).

    Hours between the clock and `start` are forecast too (lead 1 is the clock's own hour).
    """

    model: ModelName = DEFAULT_MODEL
    cache: ForecastCache = field(default_factory=lambda: PROCESS_CACHE)
    basis: str = "forecast"
    #: Read inputs known at the clock (calendar, published prices, the other basis).
    exogenous: bool = True
    #: Threads that make one table's forecasts at once (`tools.forecast.fanout`; 1: all in
    #: the caller's thread). LightGBM forecasts are always made in the caller's thread:
    #: LightGBM runs its own threads, and its fit cache is not shared between threads.
    workers: int = field(default_factory=default_workers)
    #: Where this source keeps forecasts on disk for the next process at the same clock
    #: (None: the cache's own folder; the in-memory cache is shared either way).
    folder: Path | None = None

    def signals(self, conn: duckdb.DuckDBPyConnection, table: Table, zones: list[str],
                clock: datetime, start: datetime, hours: int,
                carbon_basis: str = "lca") -> dict[str, Signal]:
        """Forecasts for `hours` hours from `start`, with the actual series beside them.

        The forecast is made from the history on the chosen `carbon_basis` (`lca`/`direct`).
        """
        return self.signals_many(conn, {table: zones}, clock, start, hours, carbon_basis)[table]

    def signals_many(self, conn: duckdb.DuckDBPyConnection, wants: Wants, clock: datetime,
                     start: datetime, hours: int,
                     carbon_basis: str = "lca") -> dict[Table, dict[str, Signal]]:
        """`signals` per table in `wants`: the tables not memoised are read once, together.

        One frame (`GridFrame`) holds every zone and hour the forecasts, their exogenous
        inputs and the actual series need, so a quote reads each grid table once.
        """
        stamp = load_stamp(conn)
        keys = {t: (id(conn), stamp, t, carbon_basis, tuple(z), clock.isoformat(),
                    start.isoformat(), hours, self.model, self.exogenous)
                for t, z in wants.items()}
        # the same question on the same loaded data: the answer already made (no queries)
        out: dict[Table, dict[str, Signal]] = {}
        for table, key in keys.items():
            hit = self.cache.recall(self.cache.signals, key)
            if hit is not None:
                out[table] = hit  # type: ignore[assignment]
        todo = {t: z for t, z in wants.items() if t not in out}
        if todo:
            made_at = floor_hour(clock)
            t0 = made_at - HOUR * history_hours(self.model)
            markets = (self._markets(conn, stamp)
                       if self.exogenous and "carbon_intensity" in todo else set())
            frame = GridFrame.read(conn, frame_needs(todo, carbon_basis, markets,
                                                     self.exogenous),
                                   t0, int((start - t0) / HOUR) + hours)
            for table, zones in todo.items():
                out[table] = self._signals(frame, conn, table, zones, clock, start, hours,
                                           carbon_basis, markets)
                if stamp is not None:  # data not loaded by `data load`: never memoised
                    self.cache.remember(self.cache.signals, keys[table], out[table], 64)
        return {t: out[t] for t in wants}

    def _markets(self, conn: duckdb.DuckDBPyConnection, stamp: str | None) -> set[str]:
        """The loaded price markets, memoised per load stamp (none without one)."""
        if stamp is None:
            return loaded_markets(conn)
        key = (id(conn), stamp)
        hit = self.cache.recall(self.cache.markets, key)
        if hit is None:
            hit = loaded_markets(conn)
            self.cache.remember(self.cache.markets, key, hit, 64)
        return hit  # type: ignore[return-value]

    def _signals(self, frame: GridFrame, conn: duckdb.DuckDBPyConnection, table: Table,
                 zones: list[str], clock: datetime, start: datetime, hours: int,
                 carbon_basis: str, markets: set[str]) -> dict[str, Signal]:
        made_at = floor_hour(clock)
        skip = int((start - made_at) / HOUR)
        need = skip + hours
        reach = min(need, MAX_HORIZON_H)
        span = history_hours(self.model)
        t0 = made_at - HOUR * span
        history = frame.series(table, zones, t0, span, carbon_basis)
        inputs = (exog_from(frame, table, zones, t0, span + reach, span, carbon_basis, markets)
                  if self.exogenous else {})
        actual = _actual(frame, table, zones, start, hours, carbon_basis)
        published = (published_many(conn, zones, clock, start, hours)
                     if table == "carbon_intensity" and carbon_basis == "lca" else {})
        trimmed = [_trim(history[zone].values) for zone in zones]
        forecasts = in_order([functools.partial(
            self._forecast, table, carbon_basis, zone, made_at, reach, past,
            inputs[zone].trimmed(first) if zone in inputs else None)
            for zone, (past, first) in zip(zones, trimmed, strict=True)],
            1 if self.model == "gbm" else self.workers)
        out = {}
        for zone, fc in zip(zones, forecasts, strict=True):
            notes: list[str] = []
            if isinstance(fc, ForecastGapError):
                nan = np.full(hours, np.nan)
                out[zone] = Signal(zone, table, start, nan, nan, nan, actual[zone], "forecast",
                                   "none", f"no forecast: {fc.message}", [fc.message])
                continue
            seen, lo, hi = (_place(a[skip:], hours) for a in (fc.values, fc.lo, fc.hi))
            if table == "carbon_intensity":  # intensity is never negative (prices can be)
                seen, lo, hi = (np.maximum(a, 0.0) for a in (seen, lo, hi))
            notes += fc.notes
            if need > reach:
                notes.append(f"the forecast reaches {MAX_HORIZON_H} h from the clock; hours "
                             f"beyond ({need - reach} h) are not quoted")
            model, label = fc.model, fc.label
            if zone in published:
                pub, made = published[zone]
                seen, lo, hi, n_pub = overlay(seen, lo, hi, pub)
                model = f"electricitymaps+{fc.model}"
                label = (f"Electricity Maps published forecast (made {made:%Y-%m-%d %H:%M} "
                         f"UTC) for {n_pub} h; other hours: {fc.label}")
            out[zone] = Signal(zone, table, start, seen, lo, hi, actual[zone], "forecast",
                               model, label, notes)
        return out

    def _forecast(self, table: Table, carbon_basis: str, zone: str, made_at: datetime,
                  reach: int, past: np.ndarray, ex: Exog | None,
                  ) -> Forecast | ForecastGapError:
        """One zone's forecast from the cache or made (any thread), or why none can be.

        The cache keeps the model's part (up to `LEARNED_HORIZON_H`), made from the inputs
        that part reads, so quotes of any horizon at one clock share one fit per zone; the
        seasonal profile beyond is added per request (`extend_forecast`: the same values
        `forecast` gives for the whole reach).
        """
        learned = min(reach, LEARNED_HORIZON_H)
        ex = ex.head(past.size + learned) if ex is not None else None
        key = (table, carbon_basis, zone, made_at.isoformat(), f"{self.model}@{MODEL_VERSION}",
               str(learned), hashlib.sha1(past.tobytes()).hexdigest(),
               ex.digest() if ex else "-")
        try:
            fc = self.cache.get_or_make(
                key, functools.partial(forecast, past, made_at, learned, self.model, exog=ex),
                self.folder)
        except ForecastGapError as exc:
            return exc
        return extend_forecast(fc, past, reach, 24)


def _trim(past: np.ndarray) -> tuple[np.ndarray, int]:
    """History from its first known value on (a zone whose data starts late), and that step."""
    known = np.flatnonzero(~np.isnan(past))
    first = int(known[0]) if known.size else past.size
    return past[first:], first


def _place(values: np.ndarray, hours: int) -> np.ndarray:
    out = np.full(hours, np.nan)
    n = min(hours, values.size)
    out[:n] = values[:n]
    return out


def frame_needs(todo: Wants, carbon_basis: str, markets: set[str], exogenous: bool,
                ) -> dict[str, tuple[list[str], list[str]]]:
    """Per table, the zones and carbon bases the forecasts of `todo` read (one frame).

    Each table's own zones on `carbon_basis` (history and actual), and with `exogenous`
    what their inputs read (`exog_needs`: the markets' prices, the other basis).
    """
    needs: dict[str, tuple[list[str], list[str]]] = {}

    def add(table: str, zones: list[str], bases: tuple[str, ...]) -> None:
        have, on = needs.setdefault(table, ([], []))
        have += [z for z in dict.fromkeys(zones) if z not in have]
        on += [b for b in bases if b not in on]

    for table, zones in todo.items():
        add(table, zones, (carbon_basis,))
        if exogenous:
            for t, (z, b) in exog_needs(table, zones, carbon_basis, markets).items():
                add(t, z, b)
    return needs


def signal_for(source: SignalSource, conn: duckdb.DuckDBPyConnection, table: Table,
               zone: str, clock: datetime, hours: int,
               start: datetime | None = None, carbon_basis: str = "lca") -> Signal:
    """One zone's signal from `start` (default: the clock's hour) for `hours` hours."""
    start = floor_hour(clock) if start is None else start
    return source.signals(conn, table, [zone], clock, start, hours, carbon_basis)[zone]


def horizon_note(hours: int) -> str:
    """How the hours of a horizon split between the model and the seasonal profile."""
    if hours <= LEARNED_HORIZON_H:
        return f"all {hours} h from the model"
    return (f"{LEARNED_HORIZON_H} h from the model, {hours - LEARNED_HORIZON_H} h from the "
            "seasonal profile")


__all__ = ["ForecastCache", "ForecastSignals", "OracleSignals", "Signal", "SignalSource",
           "Wants", "frame_needs", "horizon_note", "signal_for"]
