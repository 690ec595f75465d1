"""Policies across regions: greenest-region, cheapest-now, and gridwise's coordinator.

- `greenest-region` (Sukprasert et al., EuroSys '24, one migration): at arrival, move the
  job to the region whose carbon over its (planned) run is lowest, and start now.
- `cheapest-now`: start now in the region whose core-hour costs least at this hour (on-demand
  rate plus the hour's energy price), free reserved cores first.
- `gridwise`: every region x every hourly start within the queue's limit is an option with a
  cost (free reserved cores cost nothing more than energy), a carbon estimate from the
  scenario's provider and a finish time; `tools.ranking.rank`, the ranking `ask` uses,
  filters them by the job's deadline (arrival + length + the queue's wait) and picks the
  recommended (balanced cost / CO2 / time) option.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from evals.sim.carbon import TickSeries
from evals.sim.engine import Jobs
from evals.sim.policy import REGISTRY, Decision, DecisionContext, JobView, SimPolicy, first_min
from gridwise.models import Constraints, JobSpec, Quote
from tools.ranking import rank


def _energy_usd_per_core(ctx: DecisionContext, r: int, tick: int, starts: np.ndarray,
                         length: int) -> np.ndarray:
    """Energy cost per core of runs from `starts`, on prices as known at `tick`."""
    price = ctx.price(r, tick)
    if price is None:
        return np.zeros(starts.size)
    return price.window(starts, length) * ctx.watts_per_cpu / 1e6 / ctx.ticks_per_hour


class GreenestRegion(SimPolicy):
    """One migration at arrival to the region with the least carbon over the run; start now."""

    id = "greenest-region"
    honours_queue = False

    def decide(self, job: JobView, ctx: DecisionContext) -> Decision:  # noqa: D102
        length = job.planned_length
        sums = np.array([float(ctx.carbon(r, job.arrival).window(job.arrival, length))
                         for r in range(len(ctx.regions))])
        return Decision(first_min(sums), ((job.arrival, length),))


class CheapestNow(SimPolicy):
    """Start now where a core-hour costs least this hour (free reserved cores cost nothing)."""

    id = "cheapest-now"
    honours_queue = False

    def decide(self, job: JobView, ctx: DecisionContext) -> Decision:  # noqa: D102
        length = job.planned_length
        start = np.array([job.arrival])
        costs = []
        for r, reg in enumerate(ctx.regions):
            rate = 0.0 if ctx.free_reserved_at(r) >= job.cpus else reg.od_usd_per_cpu_tick
            energy = _energy_usd_per_core(ctx, r, job.arrival, start, length)
            costs.append(rate * length + float(energy[0]))
        return Decision(first_min(np.array(costs)), ((job.arrival, length),))


@dataclass(frozen=True)
class _Option:
    """One (region, start) option in the shape `tools.ranking` reads."""

    region: str
    cluster: str
    cost_usd: float
    kg_co2e: float | None
    start: datetime
    finish: datetime
    count: int
    index: int
    provider: str = "sim"
    country: str | None = None
    area: str | None = None
    spot: bool = False
    accelerator: str = "cpu"

    def to_quote(self) -> Quote:
        """A `Quote` for ranking's pathway summaries."""
        hours = max((self.finish - self.start) / timedelta(hours=1), 1e-6)
        return Quote(cluster=self.cluster, provider=self.provider, kind="cloud",
                     region=self.region, accelerator=self.accelerator, count=self.count,
                     start=self.start, finish=self.finish, runtime_h=hours,
                     price_usd_per_h=self.cost_usd / hours, cost_usd=self.cost_usd,
                     kg_co2e=self.kg_co2e, confidence=1.0)


class Coordinator(SimPolicy):
    """gridwise's own: rank every region x hourly start jointly on cost, CO2 and finish time."""

    id = "gridwise"

    def decide(self, job: JobView, ctx: DecisionContext) -> Decision:  # noqa: D102
        length = job.planned_length
        tph = ctx.ticks_per_hour
        clock = ctx.clock_at(job.arrival)
        options: list[_Option] = []
        plan: list[tuple[int, int]] = []
        for r, reg in enumerate(ctx.regions):
            starts = ctx.hourly_starts(job, length)
            if starts.size == 0:
                starts = np.array([job.arrival], dtype=np.int64)
            kg = (ctx.carbon(r, job.arrival).window(starts, length) * job.cpus
                  * ctx.watts_per_cpu / 1e6 / tph)
            rate = np.full(starts.size, reg.od_usd_per_cpu_tick)
            if ctx.free_reserved_at(r) >= job.cpus:
                rate[starts == job.arrival] = 0.0
            energy = _energy_usd_per_core(ctx, r, job.arrival, starts, length)
            cost = (rate * length + energy) * job.cpus
            for i, st in enumerate(starts.tolist()):
                begin = clock + timedelta(hours=(st - job.arrival) / tph)
                options.append(_Option(reg.name, reg.name, float(cost[i]), float(kg[i]), begin,
                                       begin + timedelta(hours=length / tph), job.cpus,
                                       len(plan)))
                plan.append((r, st))
        deadline = clock + timedelta(hours=(job.max_wait + length) / tph)
        spec = JobSpec(kind="batch-inference", constraints=Constraints(deadline=deadline))
        ranked = rank(options, spec, clock)
        best = ranked.feasible[ranked.chosen["recommended"]]
        assert isinstance(best, _Option)  # rank returns the options it was given
        r, st = plan[best.index]
        return Decision(r, ((st, length),))


for _cls in (GreenestRegion, CheapestNow, Coordinator):
    REGISTRY.register(_cls)


def infinite_migration_kg(carbon: list[TickSeries], jobs: Jobs, watts: float,
                          with_wait: bool) -> float:
    """Sukprasert's bound: each hour run in the greenest region (free, unlimited moves).

    `with_wait`: also move in time, within each job's queue limit (the lowest envelope ticks
    of `[arrival, arrival + length + wait)`), a bound no policy here can beat.
    """
    env = np.min(np.vstack([s.hourly for s in carbon]), axis=0)
    s = TickSeries(env, carbon[0].ticks_per_hour)
    total = 0.0
    for a, n, c, w in zip(jobs.arrival.tolist(), jobs.length.tolist(),
                          jobs.cpus.tolist(), jobs.max_wait.tolist(), strict=True):
        if not with_wait:
            total += float(s.window(a, n)) * c
            continue
        lo, cnt, vals = s.chunks(a, min(a + n + w, s.ticks))
        left, acc = n, 0.0
        for i in np.argsort(vals, kind="stable").tolist():
            take = min(int(cnt[i]), left)
            acc += take * float(vals[i])
            left -= take
            if left <= 0:
                break
        total += acc * c
    return total * watts / 1e6 / s.ticks_per_hour
