"""GAIA's ten policies (Hanafy et al., ASPLOS '24), written from their definitions.

Each decides once, at arrival, on the carbon series its scenario's provider makes known
(GAIA's scenario names the oracle) and within the job's queue limit:

- `nowait`: start on arrival.
- `lowest-slot`: start at the first tick of the lowest-intensity hour within the limit.
- `lowest-window`: the hourly start offset whose window of the queue's mean length has the
  least carbon.
- `carbon-time`: the offset with the most carbon saved (against starting now) per hour of
  wait plus run, on the queue's mean length (GAIA's own).
- `ecovisor`: run while the intensity is under the 30th percentile of the next 24 h, else
  suspend, until the wait budget is spent (suspend-resume threshold).
- `wait-awhile`: run in the lowest-intensity ticks of `[arrival, arrival + length + wait)`.
- `allwait-threshold`: wait until the limit, unless reserved cores free up first.
- `res-first-carbon-time`: Carbon-Time, starting early whenever reserved cores are free.
- `spot-first-carbon-time`: Carbon-Time, short jobs on spot.
- `spot-res-carbon-time`: both: short jobs on spot, long jobs early on free reserved cores.
"""

from __future__ import annotations

import numpy as np

from evals.sim.carbon import TickSeries
from evals.sim.policy import REGISTRY, Decision, DecisionContext, JobView, SimPolicy, first_min

#: Ecovisor's threshold: this quantile of the next `THRESHOLD_HOURS` of intensity.
THRESHOLD_QUANTILE = 0.3
THRESHOLD_HOURS = 24


class NoWait(SimPolicy):
    """Every job starts on arrival, in its home region."""

    id = "nowait"
    honours_queue = False

    def decide(self, job: JobView, ctx: DecisionContext) -> Decision:  # noqa: D102
        return Decision(job.home, ((job.arrival, job.planned_length),))

    def plan_all(self, arrival: np.ndarray, max_wait: np.ndarray, mean: np.ndarray,  # noqa: D102
                 home: np.ndarray, ctx: DecisionContext) -> np.ndarray | None:
        return arrival.copy()


class LowestSlot(SimPolicy):
    """Start at the lowest-intensity tick within the wait limit (the first such tick)."""

    id = "lowest-slot"

    def decide(self, job: JobView, ctx: DecisionContext) -> Decision:  # noqa: D102
        s = ctx.carbon(job.home, job.arrival)
        last = min(job.arrival + job.max_wait, ctx.end_tick - job.planned_length)
        lo, _, vals = s.chunks(job.arrival, max(last, job.arrival) + 1)
        return Decision(job.home, ((int(lo[first_min(vals, 0.0)]), job.planned_length),))


def hourly_window_sums(series: TickSeries, arrival: np.ndarray, max_wait: np.ndarray,
                       length: np.ndarray, tph: int, end_tick: int
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Carbon of `length`-tick windows starting every hour from arrival within the wait.

    Returns (offsets, sums, valid), each (jobs x starts); the offset-0 start is always valid.
    """
    k = int(max_wait.max()) // tph + 1
    offsets = np.arange(k, dtype=np.int64)[None, :] * tph
    starts = arrival[:, None] + offsets
    valid = (offsets <= max_wait[:, None]) & (starts + length[:, None] <= end_tick)
    valid[:, 0] = True
    ends = np.minimum(starts + length[:, None], end_tick)
    sums = series.cum(ends) - series.cum(np.minimum(starts, end_tick))
    return np.broadcast_to(offsets, starts.shape), sums, valid


def _first(values: np.ndarray, valid: np.ndarray, lowest: bool) -> np.ndarray:
    """Per row, the first valid column within 1e-12 (relative) of the row's best value."""
    v = np.where(valid, values if lowest else -values, np.inf)
    best = v.min(axis=1, keepdims=True)
    return np.argmax(v <= best + np.abs(best) * 1e-12, axis=1)


def lowest_window_offsets(series: TickSeries, arrival: np.ndarray, max_wait: np.ndarray,
                          mean: np.ndarray, tph: int, end_tick: int) -> np.ndarray:
    """Lowest-Window's start offsets (ticks) for many jobs at once."""
    offsets, sums, valid = hourly_window_sums(series, arrival, max_wait, mean, tph, end_tick)
    return offsets[np.arange(arrival.size), _first(sums, valid, True)]


def carbon_time_offsets(series: TickSeries, arrival: np.ndarray, max_wait: np.ndarray,
                        mean: np.ndarray, tph: int, end_tick: int) -> np.ndarray:
    """Carbon-Time's start offsets: most carbon saved per tick of wait plus (mean) run."""
    offsets, sums, valid = hourly_window_sums(series, arrival, max_wait, mean, tph, end_tick)
    score = (sums[:, :1] - sums) / (offsets + mean[:, None])
    return offsets[np.arange(arrival.size), _first(score, valid, False)]


class _Planned(SimPolicy):
    """A single-segment policy whose start offsets come from a vectorised rule."""

    rule = staticmethod(carbon_time_offsets)

    def decide(self, job: JobView, ctx: DecisionContext) -> Decision:  # noqa: D102
        off = self.rule(ctx.carbon(job.home, job.arrival), np.array([job.arrival]),
                        np.array([job.max_wait]), np.array([job.queue_mean]),
                        ctx.ticks_per_hour, ctx.end_tick)
        return Decision(job.home, ((job.arrival + int(off[0]), job.planned_length),))

    def plan_all(self, arrival: np.ndarray, max_wait: np.ndarray, mean: np.ndarray,
                 home: np.ndarray, ctx: DecisionContext) -> np.ndarray | None:
        """Every job's start at once, when what the policy knows does not change over time."""
        if not ctx.static_carbon or np.any(home != 0):
            return None
        return arrival + self.rule(ctx.carbon(0, 0), arrival, max_wait, mean,
                                   ctx.ticks_per_hour, ctx.end_tick)


class LowestWindow(_Planned):
    """The hourly offset whose queue-mean-long window has the least carbon."""

    id = "lowest-window"
    rule = staticmethod(lowest_window_offsets)


class CarbonTime(_Planned):
    """GAIA's own: the start with the most carbon saved per unit of completion time."""

    id = "carbon-time"


def carbon_time_start(job: JobView, ctx: DecisionContext) -> int:
    """Carbon-Time's start tick for one job."""
    return CarbonTime().decide(job, ctx).segments[0][0]


class ResFirstCarbonTime(CarbonTime):
    """Carbon-Time, but any queued job starts as soon as reserved cores are free."""

    id = "res-first-carbon-time"
    work_conserving = "all"


class SpotFirstCarbonTime(CarbonTime):
    """Carbon-Time with short jobs on spot capacity."""

    id = "spot-first-carbon-time"
    uses_spot = True


class SpotResCarbonTime(CarbonTime):
    """Short jobs on spot, long jobs early on free reserved cores, Carbon-Time otherwise."""

    id = "spot-res-carbon-time"
    uses_spot = True
    work_conserving = "long"


class AllWaitThreshold(SimPolicy):
    """Carbon-blind: wait up to the queue limit for free reserved cores."""

    id = "allwait-threshold"
    work_conserving = "all"

    def decide(self, job: JobView, ctx: DecisionContext) -> Decision:  # noqa: D102
        return Decision(job.home, ((job.arrival + job.max_wait, job.planned_length),))

    def plan_all(self, arrival: np.ndarray, max_wait: np.ndarray, mean: np.ndarray,  # noqa: D102
                 home: np.ndarray, ctx: DecisionContext) -> np.ndarray | None:
        return arrival + max_wait


def _runs(picked: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Merge `(start, ticks)` pieces into maximal contiguous segments, in time order."""
    out: list[list[int]] = []
    for st, n in sorted(picked):
        if out and out[-1][0] + out[-1][1] == st:
            out[-1][1] += n
        else:
            out.append([st, n])
    return tuple((a, b) for a, b in out)


def threshold_value(series_hourly: np.ndarray, lo: np.ndarray, counts: np.ndarray,
                    q: float = THRESHOLD_QUANTILE) -> float:
    """The `q` quantile (linear interpolation) of per-tick values given as chunks."""
    order = np.lexsort((lo, series_hourly))
    vals, cnt = series_hourly[order], counts[order]
    cum = np.cumsum(cnt)
    pos = q * (int(cum[-1]) - 1)
    k = int(np.floor(pos))
    frac = pos - k
    a = float(vals[np.searchsorted(cum, k, side="right")])
    b = float(vals[np.searchsorted(cum, min(k + 1, int(cum[-1]) - 1), side="right")])
    return a + (b - a) * frac if frac < 0.5 else b - (b - a) * (1 - frac)


class Ecovisor(SimPolicy):
    """Suspend while intensity is above the next day's 30th percentile, within the wait budget."""

    id = "ecovisor"

    def decide(self, job: JobView, ctx: DecisionContext) -> Decision:  # noqa: D102
        s = ctx.carbon(job.home, job.arrival)
        a, length = job.arrival, job.planned_length
        tlo, tn, tv = s.chunks(a, min(a + THRESHOLD_HOURS * ctx.ticks_per_hour, ctx.end_tick))
        q = threshold_value(tv, tlo, tn)
        remaining, left = job.max_wait, length
        picked: list[tuple[int, int]] = []
        lo, cnt, vals = s.chunks(a, min(a + length + job.max_wait, ctx.end_tick))
        for st, n, v in zip(lo.tolist(), cnt.tolist(), vals.tolist(), strict=True):
            if left <= 0:
                break
            if v < q or remaining <= 0:
                take = min(n, left)
                picked.append((st, take))
                left -= take
                continue
            w = min(n, remaining)
            remaining -= w
            if remaining <= 0 and n > w:
                take = min(n - w, left)
                picked.append((st + w, take))
                left -= take
        return Decision(job.home, _runs(picked))


class WaitAwhile(SimPolicy):
    """Run in the lowest-intensity ticks of the job's window (suspend-resume, optimal)."""

    id = "wait-awhile"

    def decide(self, job: JobView, ctx: DecisionContext) -> Decision:  # noqa: D102
        s = ctx.carbon(job.home, job.arrival)
        length = job.planned_length
        lo, cnt, vals = s.chunks(job.arrival, min(job.arrival + length + job.max_wait,
                                                  ctx.end_tick))
        left = length
        picked: list[tuple[int, int]] = []
        for i in np.lexsort((lo, vals)).tolist():
            if left <= 0:
                break
            take = min(int(cnt[i]), left)
            picked.append((int(lo[i]), take))
            left -= take
        return Decision(job.home, _runs(picked))


GAIA_POLICIES = [NoWait, LowestSlot, LowestWindow, CarbonTime, Ecovisor, WaitAwhile,
                 AllWaitThreshold, ResFirstCarbonTime, SpotFirstCarbonTime, SpotResCarbonTime]
for _cls in GAIA_POLICIES:
    REGISTRY.register(_cls)
