"""Quote-and-rank benchmark: every provider/cluster, windows over the horizon, one job.

Run: .venv/bin/python -m bench.bench_quote [--runs 7]   (needs a loaded store:
`gridwise data load`; make bench does it). Reports medians, and how time grows with the
horizon length and the number of offers. Quotes decide on the forecast made at the clock,
as the product does: forecasts are cached per zone and clock (the first quote at a clock
pays for them: `forecast_cold_7d_ms`, its forecasts made by `forecast_workers` threads;
`forecast_cold_7d_serial_ms` makes them in the caller's thread, as before the twelfth
session; `..._cpu_ms` is the process CPU time of the same, which a shared host disturbs
less than wall time); `forecast_warmed_7d_ms` is the first quote at a clock whose forecasts
a warm-up made ahead (`tools.forecast.warm`, as the console does at its scenario clock;
the warm-up itself untimed); `oracle_7d_ms` is the hindsight path for reference.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from datetime import datetime

from bench.bench_load import machine
from gridwise.models import JobSpec
from gridwise.settings import Settings
from gridwise.store import Store
from tools.forecast.signals import (
    ForecastCache,
    ForecastSignals,
    OracleSignals,
    SignalSource,
)
from tools.forecast.warm import warm_forecasts
from tools.offers import load_offers
from tools.quoting import quote_job
from tools.ranking import rank

CLOCK = datetime(2023, 6, 14, 9)
JOB = {"kind": "fine-tune", "model": {"name": "Llama-3-8B"}, "method": "lora",
       "dataset": {"tokens": 2_000_000_000}, "constraints": {"interruptible": True}}


def _time(fn: Callable[[], object], runs: int,
          clock: Callable[[], float] = time.perf_counter) -> float:
    fn()  # warm caches (model table, accelerator table)
    xs = []
    for _ in range(runs):
        t0 = clock()
        fn()
        xs.append(clock() - t0)
    return statistics.median(xs) * 1000


def main() -> None:
    """Print JSON timings (ms, medians)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--quick", action="store_true",
                    help="only the 7-day paths: forecast cached, forecast cold, oracle")
    args = ap.parse_args()
    store = Store.open(Settings().db_file, read_only=True)
    offers = load_offers(store.conn)
    out: dict[str, object] = {"machine": machine(), "runs": args.runs, "offers": len(offers)}
    by_horizon = {}
    cached = ForecastSignals(cache=ForecastCache())  # per zone and clock, as the product does
    for days in (7,) if args.quick else (1, 7, 30):
        job = JobSpec.model_validate(JOB)

        def go(days: int = days, job: JobSpec = job) -> None:
            book = quote_job(store, job, CLOCK, horizon_h=24 * days, signals=cached)
            rank(book.quotes, job, CLOCK)

        by_horizon[f"{days}d"] = round(_time(go, args.runs), 1)
    out["quote_and_rank_ms_by_horizon"] = by_horizon
    by_offers = {}
    job = JobSpec.model_validate(JOB)
    for frac in () if args.quick else (0.25, 0.5, 1.0):
        subset = offers[: int(len(offers) * frac)]

        def go2(subset: list = subset) -> None:
            book = quote_job(store, job, CLOCK, horizon_h=168, offers=subset, signals=cached)
            rank(book.quotes, job, CLOCK)

        by_offers[str(len(subset))] = round(_time(go2, args.runs), 1)
    out["quote_and_rank_ms_by_offers_7d"] = by_offers

    def cold() -> SignalSource:
        return ForecastSignals(cache=ForecastCache())  # a new cache: forecasts made anew

    def cold_serial() -> SignalSource:
        return ForecastSignals(cache=ForecastCache(), workers=1)

    out["forecast_workers"] = ForecastSignals().workers
    for name, fresh in (("forecast_cold_7d_ms", cold), ("forecast_cold_7d_serial_ms", cold_serial),
                        ("oracle_7d_ms", OracleSignals)):

        def go3(fresh: Callable[[], SignalSource] = fresh) -> None:
            book = quote_job(store, job, CLOCK, horizon_h=168, signals=fresh())
            rank(book.quotes, job, CLOCK)

        out[name] = round(_time(go3, args.runs), 1)
        if name != "oracle_7d_ms":
            out[name.replace("_ms", "_cpu_ms")] = round(
                _time(go3, args.runs, time.process_time), 1)
    warmed = []
    for _ in range(args.runs):
        source = ForecastSignals(cache=ForecastCache())
        warm_forecasts(store.conn, CLOCK, source)
        t0 = time.perf_counter()
        book = quote_job(store, job, CLOCK, horizon_h=168, signals=source)
        rank(book.quotes, job, CLOCK)
        warmed.append(time.perf_counter() - t0)
    out["forecast_warmed_7d_ms"] = round(statistics.median(warmed) * 1000, 1)
    out["load_offers_ms"] = round(_time(lambda: load_offers(store.conn), args.runs), 1)
    book = quote_job(store, job, CLOCK)
    out["quotes_7d"] = len(book.quotes)
    out["target_ms"] = 250
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
