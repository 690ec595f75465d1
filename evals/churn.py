"""GPU-sharing replay with departures: openb pods arrive, run for their own lifetime, leave.

The FGD paper's experiment never frees a GPU. Here every pod keeps the lifetime it had in
the trace (`deletion_time - creation_time`). Per seed every pod arrives `passes` times,
in seeded shuffled orders, as a Poisson process over a horizon chosen so that the GPU
demand still running at its end is, in expectation, `load` times the cluster's capacity:
the trace's own timestamps would load the 1,213-node cluster to about 1 %, so only
lifetimes are kept, not the arrival clock. A pod that fits nowhere when it arrives is
dropped. Reported: allocated GPU % over time (at `POINTS` evenly spaced instants of the
arrival horizon), its mean over the second half, and the share of arrived GPU demand
that was dropped.

Rows whose times are missing, not integers, or end before they start are counted and
reported, never a crash; a trace without time columns (the 5-column multigpu files) is a
`UserError`.
"""

from __future__ import annotations

import csv
import heapq
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from evals.gpushare import sort_by_name
from gridwise.errors import DataFileError, UserError
from tools.placement import PolicyContext, default_registry
from tools.placement.openb import (
    NodeList,
    PodList,
    Rejected,
    load_nodes,
    load_pods,
    node_path,
    resolve_trace,
)
from tools.placement.state import Pod

POINTS = 101  # allocation samples over the arrival horizon (0 %, 1 %, ... 100 %)
PASSES = 2  # each pod arrives this many times per seed (one seeded shuffle per pass)
TIME_COLUMNS = ("creation_time", "deletion_time")


@dataclass
class TimedTrace:
    """Pods with lifetimes (seconds); pods whose times are bad are in `rejected`."""

    name: str
    pods: list[Pod]
    lifetimes: np.ndarray
    rejected: list[Rejected] = field(default_factory=list)


def timed_trace(trace: PodList) -> TimedTrace:
    """Attach each loaded pod's lifetime, read from the trace's time columns.

    Raises:
        UserError: the trace file has no creation_time / deletion_time columns.
    """
    try:
        with trace.path.open(newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh)
            header = [h.strip() for h in next(reader, [])]
            missing = [c for c in TIME_COLUMNS if c not in header]
            if missing:
                raise UserError(
                    f"trace {trace.name!r} has no {' / '.join(missing)} column, so pods have no "
                    "lifetime", "use an openb trace with creation_time and deletion_time "
                    "(every file except the 5-column multigpu ones)")
            ni, ci, di = (header.index(c) for c in ("name", *TIME_COLUMNS))
            times: dict[str, tuple[int, str, str]] = {}
            for line, row in enumerate(reader, start=2):
                if len(row) > max(ni, ci, di):
                    times.setdefault(row[ni].strip(), (line, row[ci], row[di]))
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(trace.path, f"cannot read it ({exc})") from exc
    pods, life, rejected = [], [], list(trace.rejected)
    for name, pod in zip(trace.names, trace.pods, strict=True):
        line, start, end = times.get(name, (0, "", ""))
        try:
            t0, t1 = int(start.strip()), int(end.strip())
        except ValueError:
            rejected.append(Rejected(line, name, f"creation/deletion time {start!r}/{end!r} "
                                                  "is not an integer"))
            continue
        if t1 < t0:
            rejected.append(Rejected(line, name, f"deleted at {t1} before created at {t0}"))
            continue
        pods.append(pod)
        life.append(max(t1 - t0, 1))
    return TimedTrace(trace.name, pods, np.asarray(life, dtype=np.float64), rejected)


def load_timed(trace: str, nodes: Path | None, source_dir: Path | None,
               ) -> tuple[NodeList, TimedTrace]:
    """The node list and a trace with lifetimes, by trace name or path.

    Raises:
        UserError: unknown trace, missing files, no time columns, or no usable pod.
    """
    node_list = load_nodes(node_path(nodes, source_dir))
    timed = timed_trace(sort_by_name(load_pods(resolve_trace(trace, source_dir), node_list)))
    if not timed.pods:
        raise UserError(f"trace {trace!r} has no schedulable pod with a lifetime",
                        f"check its rows: {len(timed.rejected)} were rejected")
    return node_list, timed


@dataclass(frozen=True)
class ChurnResult:
    """One (policy, seed) replay with departures."""

    policy: str
    trace: str
    seed: int
    allocated: np.ndarray  # allocated GPU % at POINTS instants of the arrival horizon
    mean_allocated: float  # mean allocated GPU % over the second half of the horizon
    dropped_pods: int
    dropped_demand_pct: float  # GPU milli of dropped pods, % of all arrived GPU milli
    arrived: int
    decisions: int
    decide_seconds: float


def arrivals(trace: TimedTrace, capacity_milli: int, seed: int, load: float,
             passes: int = PASSES) -> tuple[np.ndarray, np.ndarray]:
    """Pod order and arrival times for one seed.

    The order is `passes` seeded shuffles of the trace, one after another. Arrivals are
    Poisson over a horizon H chosen so that the GPU demand still running at the end,
    in expectation, is `load` times the capacity: sum(d * min(lifetime, H)) / H over the
    arrivals (a lifetime longer than the horizon counts only for the horizon).
    """
    rng = np.random.default_rng(seed)
    order = np.concatenate([rng.permutation(len(trace.pods)) for _ in range(passes)])
    demand = np.array([p.total_gpu_milli for p in trace.pods], dtype=np.float64)[order]
    life = trace.lifetimes[order]
    target = load * capacity_milli

    def running(h: float) -> float:
        return float((demand * np.minimum(life, h)).sum()) / h

    # beyond the longest lifetime running(h) = sum(d * lifetime) / h: that bounds H above
    lo, hi = 1.0, max(float(life.max()), float((demand * life).sum()) / target) * 2 + 1.0
    if running(lo) <= target:  # even all at once the demand stays under the target
        hi = lo
    for _ in range(60):  # running(h) decreases in h: bisect on a log scale
        if hi / lo < 1.0001:
            break
        mid = (lo * hi) ** 0.5
        lo, hi = (mid, hi) if running(mid) > target else (lo, mid)
    rate = len(order) / hi
    return order, np.cumsum(rng.exponential(1.0 / rate, len(order)))


def replay_churn(policy_name: str, nodes: NodeList, trace: TimedTrace, seed: int,
                 load: float = 1.0, hindsight: Sequence[Pod] | None = None,
                 passes: int = PASSES) -> ChurnResult:
    """Run one policy on one seed with departures (FGD gets `hindsight`, or the trace)."""
    state = nodes.state()
    registry = default_registry()
    workload = (hindsight or trace.pods) if registry.needs_workload(policy_name) else None
    policy = registry.create(policy_name, PolicyContext(seed=seed, workload=workload))
    capacity = state.gpu_capacity_milli
    order, times = arrivals(trace, capacity, seed, load, passes)
    horizon = float(times[-1]) if len(times) else 0.0
    marks = np.linspace(0.0, horizon, POINTS)
    allocated = np.full(POINTS, np.nan)
    leaving: list[tuple[float, int]] = []
    mark, dropped, dropped_milli, arrived_milli, spent = 0, 0, 0, 0, 0.0
    for step, (i, now) in enumerate(zip(order, times, strict=True)):
        while leaving and leaving[0][0] <= now:
            state.unreserve(heapq.heappop(leaving)[1])
        while mark < POINTS and marks[mark] <= now:
            allocated[mark] = 100.0 * state.allocated_gpu_milli / capacity
            mark += 1
        pod = trace.pods[int(i)]
        arrived_milli += pod.total_gpu_milli
        t0 = time.perf_counter()
        decision = policy.choose(state, pod)
        spent += time.perf_counter() - t0
        if decision is None:
            dropped += 1
            dropped_milli += pod.total_gpu_milli
            continue
        state.reserve(step, decision.node, decision.gpus, pod)
        heapq.heappush(leaving, (float(now + trace.lifetimes[int(i)]), step))
    if mark < POINTS:
        allocated[mark:] = 100.0 * state.allocated_gpu_milli / capacity
    half = allocated[POINTS // 2:]
    return ChurnResult(
        policy_name, trace.name, seed, allocated, float(np.nanmean(half)), dropped,
        100.0 * dropped_milli / arrived_milli if arrived_milli else 0.0, len(order),
        len(order), spent)


@dataclass(frozen=True)
class ChurnSummary:
    """Means over seeds for one policy on one trace, with departures."""

    policy: str
    trace: str
    seeds: list[int]
    mean_allocated: float
    dropped_demand_pct: float
    dropped_pods: float
    allocated_curve: np.ndarray
    decisions_per_s: float


def summarise_churn(results: Sequence[ChurnResult]) -> list[ChurnSummary]:
    """One summary per policy, in first-seen order."""
    out = []
    for policy in dict.fromkeys(r.policy for r in results):
        rs = [r for r in results if r.policy == policy]
        out.append(ChurnSummary(
            policy, rs[0].trace, [r.seed for r in rs],
            float(np.mean([r.mean_allocated for r in rs])),
            float(np.mean([r.dropped_demand_pct for r in rs])),
            float(np.mean([r.dropped_pods for r in rs])),
            np.nanmean(np.array([r.allocated for r in rs]), axis=0),
            float(sum(r.decisions for r in rs) / max(sum(r.decide_seconds for r in rs), 1e-9))))
    return out


def write_churn_csv(results: Sequence[ChurnResult], path: Path) -> Path:
    """Allocation over time per (policy, seed): columns policy, trace, seed, horizon %, %."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["policy", "trace", "seed", "horizon_pct", "allocated_gpu_pct"])
        for r in results:
            for x, v in zip(np.linspace(0, 100, POINTS), r.allocated, strict=True):
                w.writerow([r.policy, r.trace, r.seed, f"{x:.0f}", f"{v:.4f}"])
    return path
