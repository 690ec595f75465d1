"""What a policy knows of carbon and prices at its decision: the forecast made then, or hindsight.

A scenario's `carbon.forecast` names a `tools.forecast` model (default: the one quotes use) or
`oracle`, the actual future (GAIA's semantics, only when named). With a model, a policy
deciding at any tick of hour `h` sees the observed values of the hours before `h` and, from
`h` on, the forecast `tools.forecast.forecast` makes at the start of hour `h` from the store's
history before it (weeks before the clock window included, as a quote's forecast would).
Carbon and energy prices are both forecast (carbon clipped at 0, as quotes clip it; prices
may be negative); scoring always uses the actual series.

Forecasts are made once per (series, origin hour) for the hours jobs arrive in, before the
runs (so every policy and reserved count of a scenario shares them), and kept on disk under
the cache folder keyed by a hash of the history, model and horizon: the next run of the same
scenario reads them back. Hours beyond the horizon (the longest a policy looks ahead: its
queue's wait plus the planned run) carry the last forecast value. Where no model can forecast
across a gap in the history the last observed value is carried instead, and counted.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import numpy as np

from evals.sim.carbon import TickSeries
from gridwise.errors import UserError
from tools.forecast import ForecastGapError, forecast
from tools.forecast.api import DEFAULT_MODEL, MAX_HORIZON_H
from tools.forecast.models import MODEL_VERSION
from tools.grid import hourly_many

#: Hours of history read before the window (the learned model trains on weeks of origins).
HISTORY_H = 10 * 7 * 24
ORACLE = "oracle"


def forecast_model(carbon: dict) -> str:
    """`carbon.forecast`; `oracle` for the old `provider: oracle`; else the quotes' default."""
    if "forecast" in carbon:
        return str(carbon["forecast"])
    return ORACLE if carbon.get("provider") == ORACLE else DEFAULT_MODEL


@dataclass
class ForecastBook:
    """One series' forecasts by origin hour (window hours), made from `history` only.

    `history[i]` is the value of hour `i - HISTORY_H` of the window (the window's own hours
    are the actual series; a forecast made at hour `h` reads `history[:HISTORY_H + h]`).
    """

    key: str
    model: str
    horizon_h: int
    start: datetime
    history: np.ndarray
    made: dict[int, np.ndarray] = field(default_factory=dict)
    fallbacks: int = 0
    models_used: dict[str, int] = field(default_factory=dict)

    def at(self, hour: int) -> np.ndarray:
        """The forecast made at the start of window hour `hour` (`horizon_h` values)."""
        if hour not in self.made:
            self.made[hour] = self._make(hour)
        return self.made[hour]

    def _make(self, hour: int) -> np.ndarray:
        past = self.history[:HISTORY_H + hour]
        clock = self.start + timedelta(hours=hour)
        try:
            fc = forecast(past, clock, self.horizon_h, self.model)  # type: ignore[arg-type]
            used, values = fc.model, np.asarray(fc.values, dtype=np.float64)
            if self.key.startswith("carbon_intensity:"):  # as quotes: never negative
                values = np.maximum(values, 0.0)
        except ForecastGapError:
            known = past[~np.isnan(past)]
            if known.size == 0:
                raise UserError(
                    f"no {self.key} value is known before {clock:%Y-%m-%d %H:%M}, so nothing "
                    "can be forecast there", "move clock.start later, load more history, or "
                    "set carbon.forecast: oracle (hindsight)") from None
            self.fallbacks += 1
            used, values = "last-value", np.full(self.horizon_h, float(known[-1]))
        self.models_used[used] = self.models_used.get(used, 0) + 1
        return values

    def digest(self, hours: list[int]) -> str:
        """Hash of what the forecasts at `hours` depend on (the disk cache's key)."""
        h = hashlib.sha256(f"{self.key}|{self.model}@{MODEL_VERSION}|{self.horizon_h}|"
                           f"{self.start}|{hours}".encode())
        h.update(np.ascontiguousarray(self.history).tobytes())
        return h.hexdigest()[:24]

    def warm(self, hours: list[int], folder: Path | None) -> None:
        """Make (or read back from `folder`) the forecasts at `hours`."""
        path = folder / f"{self.digest(hours)}.npz" if folder else None
        if path is not None and path.is_file():
            try:
                with np.load(path) as z:
                    self.made.update(zip(z["hours"].tolist(), z["values"], strict=True))
                    self.fallbacks = int(z["fallbacks"])
                    self.models_used = dict(zip(z["models"].tolist(),
                                                z["counts"].tolist(), strict=True))
                return
            except (OSError, ValueError, KeyError):
                self.made.clear()  # a damaged file is made again
        for hr in hours:
            self.at(hr)
        if path is not None and hours:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp.npz")
            np.savez(tmp, hours=np.array(hours), values=np.vstack([self.made[h] for h in hours]),
                     fallbacks=self.fallbacks, models=np.array(list(self.models_used)),
                     counts=np.array(list(self.models_used.values())))
            os.replace(tmp, path)  # atomic: a reader never sees half a file


class ForecastView:
    """Series as known at a decision: observed before its hour, forecast from it on."""

    def __init__(self, actual: dict[str, TickSeries], books: dict[str, ForecastBook]) -> None:
        self.actual = actual
        self.books = books
        self.name = next(iter(books.values())).model if books else DEFAULT_MODEL
        self._cache: dict[tuple[str, int], TickSeries] = {}

    def known_at(self, key: str, tick: int) -> TickSeries:
        """`key`'s series as a policy deciding at `tick` knows it (cached per hour)."""
        s = self.actual[key]
        hour = min(tick // s.ticks_per_hour, s.hourly.size - 1)
        got = self._cache.get((key, hour))
        if got is None:
            fc = self.books[key].at(hour)
            h = s.hourly.copy()
            ahead = h.size - hour
            h[hour:hour + min(ahead, fc.size)] = fc[:ahead]
            h[hour + fc.size:] = fc[-1]
            if len(self._cache) > 8192:
                self._cache.clear()
            got = self._cache[(key, hour)] = TickSeries(h, s.ticks_per_hour)
        return got


def horizon_hours(max_wait: np.ndarray, planned: np.ndarray, ticks_per_hour: int) -> int:
    """The longest a policy looks ahead from its decision hour: wait + planned run, in hours."""
    need = int(np.max(max_wait + planned)) if max_wait.size else 0
    return int(min(MAX_HORIZON_H, -(-need // ticks_per_hour) + 1))


def make_books(conn: duckdb.DuckDBPyConnection, table: str, actual: dict[str, TickSeries],
               start: datetime, model: str, horizon_h: int, hours: list[int],
               folder: Path | None, carbon_basis: str = "lca") -> dict[str, ForecastBook]:
    """Forecast books per zone (carbon) or market (prices), warmed at the origin `hours`."""
    before = hourly_many(conn, table, list(actual), start - timedelta(hours=HISTORY_H),
                         HISTORY_H, carbon_basis)
    books = {}
    for key, series in actual.items():
        history = np.concatenate([before[key].values, series.hourly])
        book = ForecastBook(f"{table}:{key}", model, horizon_h, start, history)
        book.warm(hours, folder)
        books[key] = book
    return books


def summary(books: dict[str, ForecastBook]) -> dict[str, object]:
    """Which models made the forecasts, how many, and how many fell back to the last value."""
    used: dict[str, int] = {}
    for b in books.values():
        for k, v in b.models_used.items():
            used[k] = used.get(k, 0) + v
    return {"models": used, "fallbacks": sum(b.fallbacks for b in books.values())}
