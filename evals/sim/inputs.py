"""A scenario's inputs from the store: carbon and price series on the tick grid, the job stream."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import duckdb
import numpy as np

from evals.sim.carbon import TickSeries
from evals.sim.engine import Jobs
from evals.sim.forecasting import ORACLE, ForecastBook, forecast_model, horizon_hours, make_books
from evals.sim.policy import RegionView
from evals.sim.scenario import Scenario
from evals.sim.trace import Trace, load_gaia_trace
from gridwise.errors import UnknownNameError, UserError

#: Price gaps up to this many hours carry the previous hour's price; longer ones are errors.
MAX_PRICE_GAP_H = 3
COLUMNS = {("carbon_intensity", "lca"): "gco2_per_kwh",
           ("carbon_intensity", "direct"): "gco2_direct_per_kwh",
           ("energy_price", "usd"): "price_usd_per_mwh"}


def hourly_values(conn: duckdb.DuckDBPyConnection, table: str, basis: str, zone: str,
                  sc: Scenario) -> np.ndarray:
    """One zone's hourly values over the scenario window; unknown zones and gaps are errors."""
    col = COLUMNS[(table, basis)]
    what = "carbon zone" if table == "carbon_intensity" else "price market"
    known = [r[0] for r in conn.execute(f"SELECT DISTINCT zone FROM {table}").fetchall()]
    if zone not in known:
        if not known:
            raise UserError(f"the store has no {table} data",
                            "run `gridwise data load` first")
        raise UnknownNameError(what, zone, known)
    end = sc.start + timedelta(hours=sc.hours)
    rows = conn.execute(
        f"SELECT CAST((epoch(ts) - epoch(CAST(? AS TIMESTAMP))) / 3600 AS BIGINT), {col} "
        f"FROM {table} WHERE zone = ? AND ts >= ? AND ts < ? AND {col} IS NOT NULL",
        [sc.start, zone, sc.start, end]).fetchall()
    values = np.full(sc.hours, np.nan)
    for i, v in rows:
        values[int(i)] = float(v)
    if table == "energy_price" and not np.isnan(values).all():
        values = _fill_short_gaps(values)
    if np.isnan(values).any():
        lo, hi = conn.execute(f"SELECT min(ts), max(ts) FROM {table} WHERE zone = ?",
                              [zone]).fetchone()  # type: ignore[misc]
        first = int(np.flatnonzero(np.isnan(values))[0])
        gap = sc.start + timedelta(hours=first)
        raise UserError(
            f"the window {sc.start:%Y-%m-%d %H:%M} + {sc.hours} h is outside the {what} "
            f"{zone!r} data (it covers {lo:%Y-%m-%d %H:%M} .. {hi:%Y-%m-%d %H:%M}; first "
            f"missing hour {gap:%Y-%m-%d %H:%M})",
            "move clock.start or shorten clock.hours to fit the data")
    return values


def _fill_short_gaps(values: np.ndarray, most: int = MAX_PRICE_GAP_H) -> np.ndarray:
    """Carry the last price over gaps of up to `most` hours (a market's missing hours)."""
    out = values.copy()
    run = 0
    for i in range(out.size):
        if np.isnan(out[i]):
            run += 1
            if i and run <= most and not np.isnan(out[i - 1]):
                out[i] = out[i - 1]
        else:
            run = 0
    return out


@dataclass(frozen=True)
class Inputs:
    """Everything a run needs, built once per scenario (shared by its policies)."""

    jobs: Jobs | None                # None for a pods scenario
    trace: Trace | None
    carbon: dict[str, TickSeries]    # by zone
    regions: list[RegionView]        # reserved = 0; each run sets its own
    ticks_per_hour: int
    end_tick: int
    source_dir: Path | None = None   # where openb files are read from (pods)
    markets: tuple[str | None, ...] = ()          # each region's price market
    carbon_books: dict[str, ForecastBook] | None = None   # None: the oracle
    price_books: dict[str, ForecastBook] | None = None    # by market

    def job_stream(self) -> Jobs:
        """The job stream of a `jobs` scenario (inputs built for a pods scenario have none)."""
        if self.jobs is None:
            raise ValueError("these inputs were built for a pods scenario, which has no job "
                             "stream (run it through simulate_pods)")
        return self.jobs


def build_inputs(conn: duckdb.DuckDBPyConnection, sc: Scenario,
                 source_dir: Path | None = None, cache_dir: Path | None = None) -> Inputs:
    """Read the trace and the series; check every job fits in the window; make forecasts.

    `cache_dir` keeps the forecasts (`evals.sim.forecasting`) for the next run.
    """
    tph = 3600 // sc.tick_s
    basis = sc.get("carbon", "basis", "lca")
    carbon = {}
    for r in sc.data["regions"]:
        if r["zone"] not in carbon:
            carbon[r["zone"]] = TickSeries(
                hourly_values(conn, "carbon_intensity", basis, r["zone"], sc), tph)
    if sc.kind == "pods":
        regions = [RegionView(r["name"], r["zone"], 0, 0.0, 0.0, None)
                   for r in sc.data["regions"]]
        return Inputs(None, None, carbon, regions, tph, sc.hours * tph, source_dir)
    p = sc.data["pricing"]
    regions = []
    for r in sc.data["regions"]:
        price = None
        if p.get("energy", "none") == "market":
            price = TickSeries(hourly_values(conn, "energy_price", "usd", r["price_market"], sc),
                               tph)
        od = r.get("on_demand_usd_per_cpu_h", p["on_demand_usd_per_cpu_h"])
        sp = r.get("spot_usd_per_cpu_h", p.get("spot_usd_per_cpu_h", od))
        regions.append(RegionView(r["name"], r["zone"], 0, od / tph, sp / tph, price))
    jb = sc.data["jobs"]
    trace = load_gaia_trace(sc.trace_path, jb.get("time_unit", "s"), jb.get("limit"))
    jobs = make_jobs(trace, sc)
    end_tick = sc.hours * tph
    late = np.flatnonzero(jobs.arrival + jobs.length > end_tick)
    if late.size:
        j = int(late[0])
        raise UserError(
            f"job {j} (arrives {trace.arrival_s[j] / 3600:.1f} h, runs "
            f"{trace.length_s[j] / 3600:.1f} h) cannot finish inside the {sc.hours} h window "
            f"({late.size} job(s) do not)", "lengthen clock.hours or trim the trace (jobs.limit)")
    markets = tuple(r.get("price_market") if reg.price is not None else None
                    for r, reg in zip(sc.data["regions"], regions, strict=True))
    model = forecast_model(sc.data["carbon"])
    if model == ORACLE:
        return Inputs(jobs, trace, carbon, regions, tph, end_tick, source_dir, markets)
    exact = sc.get("knowledge", "length", "queue-mean") == "exact"
    horizon = horizon_hours(jobs.max_wait, jobs.length if exact else jobs.queue_mean, tph)
    hours = sorted(set((jobs.arrival // tph).tolist()))
    folder = cache_dir / model if cache_dir else None
    books = make_books(conn, "carbon_intensity", carbon, sc.start, model, horizon, hours,
                       folder, basis)
    prices = {m: reg.price for m, reg in zip(markets, regions, strict=True)
              if m is not None and reg.price is not None}   # a market only where billed
    price_books = make_books(conn, "energy_price", prices, sc.start, model, horizon, hours,
                             folder)
    return Inputs(jobs, trace, carbon, regions, tph, end_tick, source_dir, markets, books,
                  price_books)


def make_jobs(trace: Trace, sc: Scenario) -> Jobs:
    """Jobs on the tick grid: floored ticks, queue by length, the queue's mean length."""
    tick = sc.tick_s
    tph = 3600 // tick
    a_f = trace.arrival_s / tick
    l_f = trace.length_s / tick
    arrival = a_f.astype(np.int64)
    length = l_f.astype(np.int64)
    if np.any(length <= 0):
        j = int(np.flatnonzero(length <= 0)[0])
        raise UserError(f"job {j} is shorter than one {tick} s tick",
                        "use a smaller clock.tick_s or drop sub-tick jobs")
    queues = sc.data["queues"]
    limits = [q.get("max_length_h", np.inf) * tph for q in queues]
    qidx = np.searchsorted(np.array(limits[:-1]), length, side="right")
    max_wait = np.array([int(q["max_wait_h"] * tph) for q in queues], dtype=np.int64)[qidx]
    lo_edges = [0.0] + limits[:-1]
    means = []
    for lo, hi in zip(lo_edges, limits, strict=True):
        m = (l_f >= lo) & (l_f <= hi)
        means.append(int(l_f[m].mean()) if m.any() else int(max(lo, 1)))
    queue_mean = np.array(means, dtype=np.int64)[qidx]
    spot_ok = l_f <= sc.get("spot", "max_job_h", 2) * tph
    return Jobs(arrival, length, trace.cpus, max_wait, queue_mean, spot_ok,
                np.zeros(arrival.size, dtype=np.int64))
