"""The two choices every decision command makes: its clock, and what it decides on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from gridwise.clock import parse_clock
from gridwise.errors import UserError
from gridwise.store import Store
from tools.forecast.api import MODELS
from tools.forecast.signals import ForecastSignals, OracleSignals, SignalSource

#: Carbon data reaching this close to now counts as live: without --at, the clock is now.
LIVE_LAG = timedelta(hours=48)


def signal_source(oracle: bool, model: str = "ridge", sigma: float = 0.0,
                  cache_dir: Path | None = None) -> SignalSource:
    """The forecast made at the clock (default), or with `oracle` the actual future.

    `cache_dir`: where forecasts are kept per zone and clock for the next command.

    Raises:
        UserError: noise asked for without the oracle, or an unknown model.
    """
    if sigma and not oracle:
        raise UserError("--forecast-error adds synthetic noise to the actual series, so it "
                        "only applies with --oracle",
                        "add --oracle for a noisy-hindsight experiment, or drop "
                        "--forecast-error to decide on the real forecast")
    if oracle:
        return OracleSignals(sigma)
    if model not in MODELS:
        raise UserError(f"unknown forecast model {model!r}", f"use one of {', '.join(MODELS)}")
    # the process's shared cache, kept under `cache_dir` as `ask` keeps its own
    return ForecastSignals(model, folder=cache_dir)  # type: ignore[arg-type]


def live_now(store: Store, now: datetime | None = None) -> datetime | None:
    """Now (naive UTC) when the store holds live carbon data, else None."""
    now = now or datetime.now(UTC).replace(tzinfo=None)
    _, hi = store.time_range()
    return now if hi >= now - LIVE_LAG else None


def quote_clock(store: Store, at: str | None, earliest_start: datetime | None,
                now: datetime | None = None) -> datetime:
    """`--at`, else the spec's earliest start, else now when the data is live.

    Raises:
        UserError: historical data and no clock given.
    """
    if at:
        return parse_clock(at)
    if earliest_start is not None:
        return earliest_start
    live = live_now(store, now)
    if live is None:
        _, hi = store.time_range()
        raise UserError(f"no clock: the loaded data is historical (it ends {hi:%Y-%m-%d %H:%M}"
                        " UTC), so say when the request is made",
                        "pass --at 2023-06-14T09:00Z (or set earliest_start in the spec), or "
                        "load live data with `gridwise data fetch` for the clock to be now")
    return live
