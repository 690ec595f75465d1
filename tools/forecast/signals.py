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
import json
import os
import threading
import zlib
from collections.abc import Callable
from concurrent.futures import Future
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
    forecast,
    interpolate_gaps,
)
from tools.forecast.inputs import exog_many
from tools.forecast.models import MODEL_VERSION, TRAIN_DAYS
from tools.forecast.published import overlay, published_many
from tools.grid import HOUR, floor_hour, hourly_many
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


def _actual(conn: duckdb.DuckDBPyConnection, table: Table, zones: list[str],
            start: datetime, hours: int, carbon_basis: str = "lca") -> dict[str, np.ndarray]:
    """The stored series, short gaps interpolated (longer ones stay NaN and refuse windows)."""
    return {z: interpolate_gaps(s.values, MAX_GAP_H)
            for z, s in hourly_many(conn, table, zones, start, hours, carbon_basis).items()}


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
        out = {}
        for zone, actual in _actual(conn, table, zones, start, hours, carbon_basis).items():
            noisy = table == "carbon_intensity" and self.sigma > 0
            seen = (forecast_with_error(actual, "multiplicative", self.sigma,
                                        self.seed + zlib.crc32(zone.encode()))
                    if noisy else actual)
            model = f"actual + {self.sigma:.0%} noise" if noisy else "actual"
            out[zone] = Signal(zone, table, start, seen, seen, seen, actual, "oracle", model,
                               "oracle: the actual series (hindsight, an upper bound)")
        return out


@dataclass
class ForecastCache:
    """Forecasts per (table, zone, clock, model, horizon, history hash): made once, reused.

    In memory, and under `folder` (one small .npz per forecast) when given, so that the
    next command at the same clock reuses them. The key hashes the history itself, so new
    data never meets a stale forecast.
    """

    folder: Path | None = None
    entries: dict[tuple[str, ...], Forecast] = field(default_factory=dict)
    limit: int = 512
    #: Whole answers of `ForecastSignals.signals`, keyed by the question and the data's
    #: load stamp (a reload makes new keys).
    signals: dict[tuple[object, ...], dict[str, Signal]] = field(default_factory=dict)

    #: Guards both dicts: quotes fan out over one thread per provider, and a long-lived
    #: process (the console, a provider server) fills the cache until eviction starts;
    #: evicting while another thread inserts raised "dictionary changed size".
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    #: Forecasts being made now, by key: a thread asking for one waits for it instead of
    #: making it again (the cluster agents of one `ask` quote the same zones at once: 135
    #: forecasts were made for 60 distinct ones over three dev requests, eighth session).
    making: dict[tuple[str, ...], Future[Forecast]] = field(default_factory=dict, repr=False,
                                                            compare=False)

    def get_or_make(self, key: tuple[str, ...], make: Callable[[], Forecast]) -> Forecast:
        """The cached forecast for `key`, or `make()` stored under it (thread-safe).

        While one thread makes it, others asking for `key` wait for that one (and get its
        error, if it raises).
        """
        with self.lock:
            hit = self.entries.get(key)
            pending = None if hit is not None else self.making.get(key)
            if hit is None and pending is None:
                mine: Future[Forecast] = Future()
                self.making[key] = mine
        if hit is not None:
            return hit
        if pending is not None:
            return pending.result()
        try:
            fc = self._made(key, make)
        except BaseException as exc:
            with self.lock:
                del self.making[key]
            mine.set_exception(exc)
            raise
        self.remember(self.entries, key, fc, self.limit)
        with self.lock:
            del self.making[key]
        mine.set_result(fc)
        return fc

    def _made(self, key: tuple[str, ...], make: Callable[[], Forecast]) -> Forecast:
        """The forecast from the folder, or made (and written there)."""
        name = hashlib.sha1("|".join(key).encode()).hexdigest()[:24] + ".npz"
        fc = self._read(self.folder / name) if self.folder else None
        if fc is None:
            fc = make()
            if self.folder:
                self._write(self.folder / name, fc)
        return fc

    def remember(self, memo: dict, key: object, value: object, limit: int) -> None:
        """Store `value` under `key` in `memo`, evicting the oldest entry at `limit`."""
        with self.lock:
            while len(memo) >= limit:
                memo.pop(next(iter(memo)))
            memo[key] = value

    def recall(self, memo: dict, key: object) -> object | None:
        """The value under `key` in `memo`, or None (thread-safe)."""
        with self.lock:
            return memo.get(key)

    @staticmethod
    def _read(path: Path) -> Forecast | None:
        if not path.is_file():
            return None
        try:
            with np.load(path) as z:
                meta = json.loads(str(z["meta"]))
                return Forecast(z["values"], z["lo"], z["hi"], **meta)
        except (OSError, ValueError, KeyError, TypeError):
            return None  # a damaged entry is simply made again

    @staticmethod
    def _write(path: Path, fc: Forecast) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = {"model": fc.model, "label": fc.label, "requested": fc.requested,
                "learned_steps": fc.learned_steps, "notes": fc.notes}
        tmp = path.with_suffix(f".{os.getpid()}.tmp.npz")
        np.savez(tmp, values=fc.values, lo=fc.lo, hi=fc.hi, meta=json.dumps(meta))
        os.replace(tmp, path)  # atomic: a reader never sees half a file


#: One in-process memo of forecasts (keyed by their inputs' hash, so it can never be stale):
#: the cluster agents of one `ask` turn, and repeated quotes in the console, share it.
PROCESS_CACHE = ForecastCache()


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

    def signals(self, conn: duckdb.DuckDBPyConnection, table: Table, zones: list[str],
                clock: datetime, start: datetime, hours: int,
                carbon_basis: str = "lca") -> dict[str, Signal]:
        """Forecasts for `hours` hours from `start`, with the actual series beside them.

        The forecast is made from the history on the chosen `carbon_basis` (`lca`/`direct`).
        """
        # the same question on the same loaded data: the answer already made (no queries)
        memo_key = (id(conn), load_stamp(conn), table, carbon_basis, tuple(zones),
                    clock.isoformat(), start.isoformat(), hours, self.model, self.exogenous)
        memo = self.cache.signals
        hit = self.cache.recall(memo, memo_key)
        if hit is not None:
            return hit  # type: ignore[return-value]
        out = self._signals(conn, table, zones, clock, start, hours, carbon_basis)
        if memo_key[1] is None:  # data not loaded by `data load` (no stamp): never memoised
            return out
        self.cache.remember(memo, memo_key, out, 64)
        return out

    def _signals(self, conn: duckdb.DuckDBPyConnection, table: Table, zones: list[str],
                 clock: datetime, start: datetime, hours: int,
                 carbon_basis: str) -> dict[str, Signal]:
        made_at = floor_hour(clock)
        skip = int((start - made_at) / HOUR)
        need = skip + hours
        reach = min(need, MAX_HORIZON_H)
        span = history_hours(self.model)
        t0 = made_at - HOUR * span
        history = hourly_many(conn, table, zones, t0, span, carbon_basis)
        inputs = (exog_many(conn, table, zones, t0, span + reach, span, carbon_basis)
                  if self.exogenous else {})
        actual = _actual(conn, table, zones, start, hours, carbon_basis)
        published = (published_many(conn, zones, clock, start, hours)
                     if table == "carbon_intensity" and carbon_basis == "lca" else {})
        out = {}
        for zone in zones:
            past, first = _trim(history[zone].values)
            ex = inputs[zone].trimmed(first) if zone in inputs else None
            key = (table, carbon_basis, zone, made_at.isoformat(),
                   f"{self.model}@{MODEL_VERSION}", str(reach),
                   hashlib.sha1(past.tobytes()).hexdigest(), ex.digest() if ex else "-")
            notes: list[str] = []
            try:
                fc = self.cache.get_or_make(
                    key, functools.partial(forecast, past, made_at, reach, self.model, exog=ex))
            except ForecastGapError as exc:
                nan = np.full(hours, np.nan)
                out[zone] = Signal(zone, table, start, nan, nan, nan, actual[zone], "forecast",
                                   "none", f"no forecast: {exc.message}", [exc.message])
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
           "horizon_note", "signal_for"]
