"""One simulation run (scenario x policy x reserved x seed) and its metrics, then normalising.

Metrics, per GAIA's definitions: carbon = the actual intensity of every hour each segment
ran x cores x watts; cost = on-demand and spot core-hours at their rates (plus each hour's
energy price when the scenario bills energy) + reserved cores x discount x the on-demand
rate over the billed span; wait = start - arrival (mean over jobs, or over run segments as
GAIA counts it); a deadline miss = finishing after arrival + length + the queue's wait.
Normalised: carbon to the baseline policy (NoWait), cost to the baseline at its reserved
count (0).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

import evals.sim.gaia_policies  # noqa: F401  (registers GAIA's policies)
import evals.sim.spatial_policies  # noqa: F401  (registers the multi-region policies)
from evals.sim.carbon import OracleCarbon
from evals.sim.engine import ON_DEMAND, RESERVED, SPOT, Segments, simulate
from evals.sim.forecasting import ForecastView, forecast_model, summary
from evals.sim.inputs import Inputs
from evals.sim.pods import simulate_pods
from evals.sim.policy import REGISTRY, DecisionContext
from evals.sim.scenario import Scenario

WAIT_QUANTILES = tuple(range(0, 101, 5))


def run_policy(sc: Scenario, inputs: Inputs, policy_id: str, reserved: int,
               seed: int = 0) -> dict[str, Any]:
    """Simulate one policy at one reserved count; the raw (un-normalised) metrics."""
    if sc.kind == "pods":
        series = inputs.carbon[inputs.regions[0].zone]
        return simulate_pods(sc, series, policy_id, inputs.source_dir) | {
            "policy": policy_id, "reserved": reserved, "seed": seed}
    policy = REGISTRY.create(policy_id)
    holds = [r.get("holds_reserved", True) for r in sc.data["regions"]]
    regions = [dataclasses.replace(r, reserved=reserved if h else 0)
               for r, h in zip(inputs.regions, holds, strict=True)]
    watts = float(sc.get("carbon", "watts_per_cpu", 1000))
    ctx = _context(sc, inputs, regions, watts)
    seg = simulate(inputs.job_stream(), policy, ctx, sc.get("knowledge", "length", "queue-mean")
                   == "exact", sc.data.get("dispatch_order", "fifo"))
    seen: dict[str, Any] = {"model": forecast_model(sc.data["carbon"])}
    if inputs.carbon_books is not None:
        seen |= {"carbon": summary(inputs.carbon_books),
                 "price": summary(inputs.price_books or {})}
    return metrics(sc, inputs, seg, regions, watts) | {
        "policy": policy_id, "reserved": reserved, "seed": seed, "forecast": seen}


def _context(sc: Scenario, inputs: Inputs, regions: list, watts: float) -> DecisionContext:
    """What policies may read: the oracle's series, or forecasts made at each decision hour."""
    tph, end = inputs.ticks_per_hour, inputs.end_tick
    if inputs.carbon_books is None:
        return DecisionContext(OracleCarbon(inputs.carbon).known_at, regions, tph, end, watts,
                               sc.start, static_carbon=True)
    carbon = ForecastView(inputs.carbon, inputs.carbon_books)
    prices = ForecastView({m: r.price for m, r in zip(inputs.markets, regions, strict=True)
                           if m is not None}, inputs.price_books or {})
    markets = inputs.markets

    def known_price(region: int, tick: int) -> Any:
        m = markets[region] if region < len(markets) else None
        return prices.known_at(m, tick) if m is not None else None

    return DecisionContext(carbon.known_at, regions, tph, end, watts, sc.start,
                           known_price=known_price)


def metrics(sc: Scenario, inputs: Inputs, seg: Segments, regions: list, watts: float
            ) -> dict[str, Any]:
    """Carbon, cost, waits, deadline misses and capacity use of one run's segments."""
    jobs, tph = inputs.job_stream(), inputs.ticks_per_hour
    cpus = jobs.cpus[seg.job]
    kg = np.zeros(seg.job.size)
    energy_usd = np.zeros(seg.job.size)
    for r, reg in enumerate(regions):
        m = seg.region == r
        if not m.any():
            continue
        s = inputs.carbon[reg.zone]
        kg[m] = (s.cum(seg.start[m] + seg.length[m]) - s.cum(seg.start[m])) \
            * cpus[m] * watts / 1e6 / tph
        if reg.price is not None:
            energy_usd[m] = (reg.price.cum(seg.start[m] + seg.length[m])
                             - reg.price.cum(seg.start[m])) * cpus[m] * watts / 1e6 / tph
    core_ticks = cpus * seg.length
    od = np.array([r.od_usd_per_cpu_tick for r in regions])[seg.region]
    sp = np.array([r.spot_usd_per_cpu_tick for r in regions])[seg.region]
    use_cost = np.where(seg.kind == ON_DEMAND, core_ticks * od,
                        np.where(seg.kind == SPOT, core_ticks * sp, 0.0))
    p = sc.data["pricing"]
    billed = (int(seg.start.max()) if p.get("reserved_billing") == "until-last-start"
              else int((seg.start + seg.length).max()))
    reserved_usd = sum(r.reserved * p.get("reserved_discount", 0.4) * r.od_usd_per_cpu_tick
                       * billed for r in regions)
    first = np.full(len(jobs), np.iinfo(np.int64).max)
    np.minimum.at(first, seg.job, seg.start)
    finish = np.zeros(len(jobs), dtype=np.int64)
    np.maximum.at(finish, seg.job, seg.start + seg.length)
    if sc.data.get("wait_basis", "jobs") == "segments":
        waits = (seg.start - jobs.arrival[seg.job]) / tph
    else:
        waits = (first - jobs.arrival) / tph
    deadline = jobs.arrival + jobs.length + jobs.max_wait
    names = [r.name for r in regions]
    share = np.bincount(seg.region, weights=core_ticks, minlength=len(regions))
    kinds = np.bincount(seg.kind, weights=core_ticks, minlength=3) / tph
    return {
        "kg_co2e": float(kg.sum()),
        "cost_usd": float(use_cost.sum() + energy_usd.sum() + reserved_usd),
        "mean_wait_h": float(waits.mean()),
        "deadline_miss_pct": float(100.0 * np.mean(finish > deadline)),
        "jobs": len(jobs), "segments": int(seg.job.size),
        "wait_quantiles_h": [float(x) for x in np.percentile(waits, WAIT_QUANTILES)],
        "region_core_h": {n: float(v / tph) for n, v in zip(names, share, strict=True)},
        "capacity_core_h": {"reserved": float(kinds[RESERVED]),
                            "on_demand": float(kinds[ON_DEMAND]), "spot": float(kinds[SPOT])},
        "usage_by_hour": _usage_by_hour(seg, cpus, tph, inputs.end_tick),
    }


def _usage_by_hour(seg: Segments, cpus: np.ndarray, tph: int, end_tick: int) -> list[float]:
    """Mean busy cores per hour of the window (capacity over time)."""
    hours = -(-end_tick // tph)
    delta = (np.bincount(seg.start, weights=cpus, minlength=end_tick + 1)
             - np.bincount(np.minimum(seg.start + seg.length, end_tick), weights=cpus,
                           minlength=end_tick + 1))
    busy = np.cumsum(delta)[:end_tick]
    pad = np.zeros(hours * tph)
    pad[:busy.size] = busy
    return [round(float(x), 3) for x in pad.reshape(hours, tph).mean(axis=1)]


def normalise(rows: list[dict[str, Any]], baseline_policy: str = "nowait",
              baseline_reserved: int = 0) -> list[dict[str, Any]]:
    """Add `carbon_norm` (vs the baseline policy) and `cost_norm` (vs it at its reserved count)."""
    base_c = next((r for r in rows if r["policy"] == baseline_policy), None)
    base_d = next((r for r in rows if r["policy"] == baseline_policy
                   and r["reserved"] == baseline_reserved), None)
    out = []
    for r in rows:
        c = (r["kg_co2e"] / base_c["kg_co2e"]
             if base_c and base_c["kg_co2e"] and r["kg_co2e"] is not None else None)
        d = (r["cost_usd"] / base_d["cost_usd"]
             if base_d and base_d["cost_usd"] and r["cost_usd"] is not None else None)
        out.append(r | {"carbon_norm": c, "cost_norm": d})
    return out
