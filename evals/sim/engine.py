"""The event-driven simulator: arrivals, decisions, starts on capacity, releases, metrics.

Time is an integer tick (`tick_s` seconds). Events happen only at arrivals, planned starts
and, for work-conserving policies, one tick after reserved capacity is released, so a
30-day run costs what its jobs cost, not 518,400 steps. At one tick the order is GAIA's:
arrivals are decided, then queued segments start (in arrival order), then segments that end
at that tick release their reserved cores (usable from the next tick).

A segment starts on spot capacity when the policy uses spot and the job is short enough,
else on reserved cores of its region when enough are free, else on on-demand capacity.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np

from evals.sim.policy import DecisionContext, JobView, SimPolicy
from evals.sim.queues import QUEUES

RESERVED, ON_DEMAND, SPOT = 0, 1, 2


@dataclass(frozen=True)
class Jobs:
    """A job stream on the tick grid (arrays of equal length, sorted by arrival)."""

    arrival: np.ndarray     # tick
    length: np.ndarray      # ticks
    cpus: np.ndarray
    max_wait: np.ndarray    # ticks
    queue_mean: np.ndarray  # ticks
    spot_ok: np.ndarray     # bool
    home: np.ndarray        # region index

    def __len__(self) -> int:
        return int(self.arrival.size)


@dataclass(frozen=True)
class Segments:
    """What ran: one row per run segment."""

    job: np.ndarray
    region: np.ndarray
    start: np.ndarray
    length: np.ndarray
    kind: np.ndarray        # RESERVED / ON_DEMAND / SPOT


def _fit(segments: tuple[tuple[int, int], ...], length: int, arrival: int) -> list[list[int]]:
    """Segments trimmed or extended so that they add up to the job's true length."""
    out: list[list[int]] = []
    left = length
    for start, n in segments:
        if left <= 0:
            break
        take = min(int(n), left)
        if take > 0:
            out.append([max(int(start), arrival), take])
            left -= take
    if not out:
        out.append([arrival, 0])
    out[-1][1] += left
    return out


def simulate(jobs: Jobs, policy: SimPolicy, ctx: DecisionContext, length_known: bool,
             queue: str = "fifo") -> Segments:
    """Run `jobs` under `policy`; returns every segment that ran.

    `queue` names the dispatch order among jobs of equal arrival (`evals.sim.queues`).
    """
    avail = [r.reserved for r in ctx.regions]
    ctx.free_reserved = avail
    wc = policy.work_conserving
    q = QUEUES[queue]()
    ends: list[tuple[int, int, int]] = []          # (end tick, region, cpus) on reserved
    starts: dict[tuple[int, int], int] = {}
    plans: dict[int, list[list[int]]] = {}
    seg_rows: list[tuple[int, int, int, int, int]] = []
    arr = jobs.arrival.tolist()
    lengths = jobs.length.tolist()
    cpus = jobs.cpus.tolist()
    spot_ok = jobs.spot_ok.tolist()
    max_wait = jobs.max_wait.tolist()
    queue_mean = jobs.queue_mean.tolist()
    home = jobs.home.tolist()
    region_of: dict[int, int] = {}
    n, nxt, t = len(jobs), 0, -1
    waits = jobs.max_wait if policy.honours_queue else np.zeros_like(jobs.max_wait)
    pre = policy.plan_all(jobs.arrival, waits, jobs.queue_mean, jobs.home, ctx)
    pre_start = pre.tolist() if pre is not None else None
    now = 0

    def visit(a: int, j: int, s: int, due: bool) -> bool:
        r = region_of[j]
        if not due and avail[r] < cpus[j]:
            return False
        ln = plans[j][s][1]
        if policy.uses_spot and spot_ok[j]:
            kind = SPOT
        elif avail[r] >= cpus[j]:
            kind = RESERVED
            avail[r] -= cpus[j]
            heapq.heappush(ends, (now + ln, r, cpus[j]))
        else:
            kind = ON_DEMAND
        seg_rows.append((j, r, now, ln, kind))
        return True

    while nxt < n or len(q):
        cands = [arr[nxt]] if nxt < n else []
        due = q.next_due()
        if due is not None:
            cands.append(due)
        if ends and q.has_waiting():
            cands.append(ends[0][0] + 1)
        nt = max(min(cands), t + 1)
        if t >= 0 and nt - t > 1:
            q.idle(nt - t - 1)
        t = now = nt
        while ends and ends[0][0] < t:
            _, r, c = heapq.heappop(ends)
            avail[r] += c
        while nxt < n and arr[nxt] == t:
            j = nxt
            if pre_start is not None:
                region_of[j] = home[j]
                plans[j] = [[pre_start[j], lengths[j]]]
            else:
                view = JobView(j, t, cpus[j], max_wait[j] if policy.honours_queue else 0,
                               queue_mean[j], lengths[j] if length_known else None,
                               spot_ok[j], home[j])
                d = policy.decide(view, ctx)
                region_of[j] = d.region
                plans[j] = _fit(d.segments, lengths[j], t)
            eager = wc == "all" or (wc == "long" and not spot_ok[j])
            for s, (st, _) in enumerate(plans[j]):
                starts[(j, s)] = st
                q.push(st, t, j, s, eager)
            nxt += 1
        q.sweep(t, visit, starts, max(avail) > 0)
    rows = np.array(seg_rows, dtype=np.int64).reshape(-1, 5)
    order = np.lexsort((rows[:, 2], rows[:, 0]))
    rows = rows[order]
    return Segments(rows[:, 0], rows[:, 1], rows[:, 2], rows[:, 3], rows[:, 4])
