"""On-prem GPU clusters over time: openb pods arrive, are placed by a placement policy, leave.

Scenario kind `pods`: a node inventory (`cluster.nodes`), a pod list with creation and
deletion times (`pods.trace`), the placement policies to compare (ids of
`tools.placement`'s registry: `fgd`, `bestfit`, ... and any registered later), and a queue
limit. Event-driven: at a pod's creation it is placed if nothing queues before it and some
node fits (the policy picks which), else it joins a strict FIFO queue (no backfilling) whose
head is retried whenever a pod leaves; a pod that has waited more than `max_wait_h` when it
reaches the head counts as a miss. A placed pod holds its resources for its recorded
lifetime (deletion - creation), then frees them. Carbon = GPU-hours x watts per GPU x the
zone's intensity of each hour held; cost = GPU-hours x the scenario's rate.
"""

from __future__ import annotations

import csv
import heapq
from collections import deque
from pathlib import Path
from typing import Any

import numpy as np

from evals.sim.carbon import TickSeries
from evals.sim.scenario import Scenario
from gridwise.errors import DataFileError, UnknownNameError, UserError
from tools.placement import default_registry
from tools.placement.openb import load_nodes, load_pods
from tools.placement.policy import PolicyContext
from tools.placement.state import GPU_MILLI, Pod


def _resolve(sc: Scenario, spec: str, source_dir: Path | None, prefix: str) -> Path:
    """`openb:NAME` (under the source folder) or a path relative to the scenario file."""
    if spec.startswith("openb:"):
        if source_dir is None:
            raise UserError(f"{spec!r} needs the source data folder",
                            "set GRIDWISE_SOURCE_DIR to the folder holding openb/")
        name = spec.removeprefix("openb:")
        return Path(source_dir) / "openb" / f"{prefix}{name}.csv"
    p = Path(spec)
    return p if p.is_absolute() else (sc.path.parent / p).resolve()


def _times(path: Path) -> dict[str, tuple[float, float]]:
    out: dict[str, tuple[float, float]] = {}
    with open(path, newline="", encoding="utf-8") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            try:
                c, d = float(row["creation_time"]), float(row["deletion_time"])
            except (KeyError, TypeError, ValueError):
                raise UserError(f"pod trace {str(path)!r} line {line}: creation_time or "
                                "deletion_time is missing", "give every pod both times "
                                "(seconds)") from None
            if d < c:
                raise UserError(f"pod trace {str(path)!r} line {line}: deletion_time before "
                                "creation_time (negative length)", "fix or drop that pod")
            out[row["name"]] = (c, d)
    return out


def simulate_pods(sc: Scenario, carbon: TickSeries, policy_id: str, source_dir: Path | None
                  ) -> dict[str, Any]:
    """Run the pod stream under one placement policy; raw metrics."""
    cl, pd = sc.data["cluster"], sc.data["pods"]
    node_path = _resolve(sc, cl["nodes"], source_dir, "openb_node_list_")
    pod_path = _resolve(sc, pd["trace"], source_dir, "openb_pod_list_")
    for path in (node_path, pod_path):
        if not path.is_file():
            raise DataFileError(path, "file not found", "check cluster.nodes / pods.trace")
    nodes = load_nodes(node_path)
    if sum(nodes.num_gpu) == 0:
        raise UserError(f"{sc.path}: cluster.nodes: capacity 0 (no GPU on any node)",
                        "give a node list with GPU nodes")
    pods = load_pods(pod_path, nodes)
    times = _times(pod_path)
    registry = default_registry()
    if policy_id not in registry.names():
        raise UnknownNameError("placement policy", policy_id, registry.names())
    limit = pd.get("limit")
    scale = float(pd.get("arrival_scale", 1))
    base = [(times[n][0] * scale, times[n][1] - times[n][0], i)
            for i, n in enumerate(pods.names) if times[n][1] > times[n][0]][:limit]
    n_pods = len(pods.pods)
    rows = sorted((a, d, i + k * n_pods) for k in range(int(pd.get("copies", 1)))
                  for a, d, i in base)
    if not rows:
        raise UserError(f"pod trace {str(pod_path)!r}: no pod runs for any time "
                        "(every deletion_time equals its creation_time)",
                        "give at least one pod with deletion_time after creation_time")
    workload = [pods.pods[i % n_pods] for _, _, i in rows]
    policy = registry.create(policy_id, PolicyContext(seed=sc.data.get("seeds", [0])[0],
                                                      workload=workload))
    state = nodes.state()
    max_wait = float(pd.get("max_wait_h", 0)) * 3600
    watts = float(cl.get("watts_per_gpu", 300))
    rate = float(cl.get("usd_per_gpu_h", 0))
    end_s = sc.hours * 3600
    departures: list[tuple[float, int]] = []
    queue: deque[tuple[float, float, int]] = deque()   # (arrival, duration, pod index)
    placed: list[tuple[float, float, float]] = []  # (start, end, gpus) per placed pod
    waits: list[float] = []
    missed = 0

    def place(arrival: float, dur: float, i: int, now: float) -> bool:
        pod: Pod = pods.pods[i % n_pods]
        d = policy.choose(state, pod)
        if d is None:
            return False
        state.reserve(i, d.node, d.gpus, pod)
        end = min(now + dur, end_s)
        heapq.heappush(departures, (end, i))
        placed.append((now, end, pod.total_gpu_milli / GPU_MILLI))
        waits.append((now - arrival) / 3600)
        return True

    def retry(now: float) -> None:
        """Strict FIFO: place from the head until a pod does not fit (no backfilling)."""
        nonlocal missed
        while queue:
            a, dur, i = queue[0]
            if now - a > max_wait:
                missed += 1
            elif not place(a, dur, i, now):
                return
            queue.popleft()

    for arrival, dur, i in rows:
        if arrival >= end_s:
            break
        while departures and departures[0][0] <= arrival:
            t, j = heapq.heappop(departures)
            state.unreserve(j)
            retry(t)
        retry(arrival)
        if queue or not place(arrival, dur, i, arrival):
            queue.append((arrival, dur, i))
    while departures and queue:
        t, j = heapq.heappop(departures)
        state.unreserve(j)
        retry(t)
    missed += len(queue)
    p = np.array(placed).reshape(-1, 3)
    tph = carbon.ticks_per_hour
    st = (p[:, 0] / 3600 * tph).astype(np.int64)
    en = (p[:, 1] / 3600 * tph).astype(np.int64)
    gpu_h = float(((p[:, 1] - p[:, 0]) / 3600 * p[:, 2]).sum())
    kg = float(((carbon.cum(en) - carbon.cum(st)) * p[:, 2]).sum() * watts / 1e6 / tph)
    total = len(rows)
    # GPUs held, averaged over each hour (a pod counts for the part of the hour it ran)
    end_tick = sc.hours * tph
    held = np.cumsum(np.bincount(np.minimum(st, end_tick), p[:, 2], end_tick + 1)
                     - np.bincount(np.minimum(en, end_tick), p[:, 2], end_tick + 1))[:end_tick]
    usage = held.reshape(sc.hours, tph).mean(axis=1)
    return {"kg_co2e": kg, "cost_usd": gpu_h * rate, "gpu_h": gpu_h,
            "mean_wait_h": float(np.mean(waits)) if waits else 0.0,
            "deadline_miss_pct": 100.0 * missed / total if total else 0.0,
            "jobs": total, "segments": len(placed), "placed_pct": 100.0 * len(placed) / total,
            "gpu_capacity": int(sum(nodes.num_gpu)),
            "wait_quantiles_h": [float(x) for x in np.percentile(waits or [0], range(0, 101, 5))],
            "region_core_h": {"cluster": gpu_h},
            "capacity_core_h": {"reserved": gpu_h, "on_demand": 0.0, "spot": 0.0},
            "usage_by_hour": [round(float(x), 3) for x in usage]}
