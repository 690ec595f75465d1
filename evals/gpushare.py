"""The FGD paper's GPU-sharing experiment, replayed on the openb traces.

Per seed: shuffle the trace's pods; if their GPU request is below 130 % of the cluster's
GPU capacity, append pods sampled with replacement until the next one would pass 130 %
(above it, drop random pods until it fits); submit them one by one with no departures;
a pod that fits nowhere is dropped. After every pod we record the allocated GPU share
against the arrived GPU request, both in % of capacity; a curve point x is the mean over
the pods whose arrived % rounds to x (as the authors' analysis script does).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

from tools.placement import PolicyContext, default_registry
from tools.placement.fgd import FragModel, target_workload
from tools.placement.openb import NodeList, PodList, load_nodes, load_pods
from tools.placement.state import ClusterState, Pod

TUNE_RATIO = 1.3
CURVE_POINTS = np.arange(0, int(TUNE_RATIO * 100) + 1)


@dataclass(frozen=True)
class RunResult:
    """One (policy, seed) replay."""

    policy: str
    trace: str
    seed: int
    unallocated: np.ndarray  # unallocated GPU % at each CURVE_POINTS arrived %, nan if none
    frag_rate_at_90: float
    decisions: int
    decide_seconds: float
    submitted: int
    failed: int
    latencies_us: np.ndarray | None = None

    @property
    def unallocated_at(self) -> dict[int, float]:
        """Unallocated GPU % keyed by arrived %."""
        return {int(x): float(v) for x, v in zip(CURVE_POINTS, self.unallocated, strict=True)}

    @property
    def decisions_per_s(self) -> float:
        """Placement decisions per second of policy time."""
        return self.decisions / self.decide_seconds if self.decide_seconds > 0 else float("nan")


def build_workload(pods: Sequence[Pod], capacity_milli: int, seed: int,
                   ratio: float = TUNE_RATIO) -> list[int]:
    """Indices into `pods` in submission order for one seed (shuffle, then tune to `ratio`)."""
    rng = np.random.default_rng(seed)
    order = [int(i) for i in rng.permutation(len(pods))]
    target = ratio * capacity_milli
    total = sum(pods[i].total_gpu_milli for i in order)
    if total <= target:
        while True:
            i = int(rng.integers(len(pods)))
            if total + pods[i].total_gpu_milli > target:
                return order
            order.append(i)
            total += pods[i].total_gpu_milli
    while total > target and order:
        i = order.pop(int(rng.integers(len(order))))
        total -= pods[i].total_gpu_milli
    return order


def _curve(arrived: np.ndarray, values: np.ndarray,
           points: Sequence[int] | np.ndarray) -> np.ndarray:
    """Mean of `values` over steps whose arrived % rounds to each point (then +-1)."""
    key = np.round(arrived)
    out = np.full(len(points), np.nan)
    for j, x in enumerate(points):
        sel = key == x
        if not sel.any():
            sel = (key >= x - 1) & (key <= x + 1)
        if sel.any():
            out[j] = finite_mean(values[sel])
    return out


def replay(policy_name: str, nodes: NodeList, trace: PodList, seed: int,
           keep_latencies: bool = False,
           history: Sequence[tuple[Pod, float]] | None = None,
           until_pct: float | None = None, frag_rate: bool = True,
           clock: Callable[[], float] = time.perf_counter) -> RunResult:
    """Run one policy on one seed of the experiment.

    Only policies that need it get the trace's pods as their target workload (FGD's
    hindsight); online ones get `history` (a prior) and learn the rest as pods arrive.
    `until_pct` stops once the arrived workload passes that % of capacity (curve points
    above it are nan); `frag_rate=False` skips the fragmentation rate at 90 % (nan).
    `clock` times each decision (`time.process_time` gives CPU time on a busy machine).
    """
    pods = trace.pods
    state: ClusterState = nodes.state()
    registry = default_registry()
    ctx = PolicyContext(seed=seed, workload=pods if registry.needs_workload(policy_name) else None,
                        history=history)
    policy = registry.create(policy_name, ctx)
    frag_model = FragModel(target_workload(pods), state.models)
    capacity = state.gpu_capacity_milli
    order = build_workload(pods, capacity, seed)
    arrived = np.empty(len(order))
    allocated = np.empty(len(order))
    frag = np.full(len(order), np.nan)
    lat = np.empty(len(order)) if keep_latencies else None
    total_arrived, failed, spent = 0, 0, 0.0
    for step, i in enumerate(order):
        pod = pods[i]
        total_arrived += pod.total_gpu_milli
        if until_pct is not None and 100.0 * total_arrived / capacity > until_pct:
            arrived, allocated, frag = arrived[:step], allocated[:step], frag[:step]
            break
        t0 = clock()
        decision = policy.choose(state, pod)
        dt = clock() - t0
        spent += dt
        if lat is not None:
            lat[step] = dt * 1e6
        if decision is None:
            failed += 1
        else:
            state.reserve(step, decision.node, decision.gpus, pod)
        arrived[step] = 100.0 * total_arrived / capacity
        allocated[step] = 100.0 * state.allocated_gpu_milli / capacity
        if frag_rate and 88.5 <= arrived[step] < 91.5:
            fragmented, idle = frag_model.cluster_frag(state)
            frag[step] = 100.0 * fragmented / idle if idle else np.nan
    steps = len(arrived)
    unallocated = 100.0 - _curve(arrived, allocated, CURVE_POINTS)
    frag90 = float(_curve(arrived, frag, [90])[0])
    return RunResult(policy_name, trace.name, seed, unallocated, frag90, steps, spent,
                     steps, failed, None if lat is None else lat[:steps])


def _replay_paths(policy: str, nodes_path: Path, trace_path: Path, seed: int) -> RunResult:
    nodes = load_nodes(nodes_path)
    trace = load_pods(trace_path, nodes)
    trace = sort_by_name(trace)
    return replay(policy, nodes, trace, seed)


def sort_by_name(trace: PodList) -> PodList:
    """The trace with its pods ordered by name (the simulator shuffles from that order)."""
    order = sorted(range(len(trace.names)), key=trace.names.__getitem__)
    return PodList(trace.path, [trace.names[i] for i in order], [trace.pods[i] for i in order],
                   trace.rejected)


def run_experiment(nodes_path: Path, trace_path: Path, policies: Sequence[str],
                   seeds: Sequence[int], workers: int | None = None,
                   console: Console | None = None) -> list[RunResult]:
    """Replay every (policy, seed) pair, in parallel processes when `workers` > 1.

    Results come back sorted by (policy order, seed), whatever the finishing order, so
    the output does not depend on the number of workers.
    """
    jobs = [(p, s) for p in policies for s in seeds]
    workers = workers if workers is not None else min(os.cpu_count() or 1, len(jobs))
    results: dict[tuple[str, int], RunResult] = {}
    progress = Progress("[progress.description]{task.description}", BarColumn(),
                        MofNCompleteColumn(), TimeElapsedColumn(),
                        console=console or Console(stderr=True), transient=False)
    with progress:
        task = progress.add_task("gpushare replays", total=len(jobs))
        if workers <= 1:
            for p, s in jobs:
                progress.update(task, description=f"{p} seed {s}")
                results[(p, s)] = _replay_paths(p, nodes_path, trace_path, s)
                progress.advance(task)
        else:
            with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
                futures = {pool.submit(_replay_paths, p, nodes_path, trace_path, s): (p, s)
                           for p, s in jobs}
                for fut in as_completed(futures):
                    results[futures[fut]] = fut.result()
                    p, s = futures[fut]
                    progress.update(task, description=f"{p} seed {s} done")
                    progress.advance(task)
    return [results[j] for j in jobs]


@dataclass(frozen=True)
class Summary:
    """Means over seeds for one policy on one trace."""

    policy: str
    trace: str
    seeds: list[int]
    unallocated_gpu_pct_at_100: float
    unallocated_gpu_pct_at_95: float
    unallocated_gpu_pct_at_130: float
    frag_rate_at_90: float
    decisions_per_s: float
    failed_pods: float


def finite_mean(values: Sequence[float]) -> float:
    """Mean of the finite values (nan when there are none, without a warning)."""
    arr = np.asarray(values, dtype=float)
    arr = arr[np.isfinite(arr)]
    return float(arr.mean()) if len(arr) else float("nan")


def summarise(results: Sequence[RunResult]) -> list[Summary]:
    """One `Summary` per policy, in first-seen order."""
    out = []
    for policy in dict.fromkeys(r.policy for r in results):
        rs = [r for r in results if r.policy == policy]
        at = [r.unallocated_at for r in rs]
        out.append(Summary(
            policy=policy, trace=rs[0].trace, seeds=[r.seed for r in rs],
            unallocated_gpu_pct_at_100=finite_mean([a[100] for a in at]),
            unallocated_gpu_pct_at_95=finite_mean([a[95] for a in at]),
            unallocated_gpu_pct_at_130=finite_mean([a[130] for a in at]),
            frag_rate_at_90=finite_mean([r.frag_rate_at_90 for r in rs]),
            decisions_per_s=float(sum(r.decisions for r in rs) / sum(r.decide_seconds for r in rs)),
            failed_pods=float(np.mean([r.failed for r in rs])),
        ))
    return out


@dataclass(frozen=True)
class Outputs:
    """Files written by `write_outputs`; `png_error` says why no PNG was written."""

    curves_csv: Path
    summary_csv: Path
    html: Path
    png: Path | None
    png_error: str | None


def write_outputs(results: Sequence[RunResult], summaries: Sequence[Summary],
                  out_dir: Path) -> Outputs:
    """Write curves.csv, summary.csv, the figure as HTML (plotly.js inline) and PNG."""
    import csv

    out_dir.mkdir(parents=True, exist_ok=True)
    curves = out_dir / "curves.csv"
    with curves.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["policy", "trace", "seed", "arrived_gpu_pct", "unallocated_gpu_pct"])
        for r in results:
            for x, v in zip(CURVE_POINTS, r.unallocated, strict=True):
                w.writerow([r.policy, r.trace, r.seed, int(x), "" if np.isnan(v) else f"{v:.4f}"])
    summary = out_dir / "summary.csv"
    with summary.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["policy", "trace", "seeds", "unallocated_gpu_pct_at_95",
                    "unallocated_gpu_pct_at_100", "unallocated_gpu_pct_at_130",
                    "frag_rate_at_90", "decisions_per_s", "failed_pods"])
        for s in summaries:
            w.writerow([s.policy, s.trace, " ".join(map(str, s.seeds)),
                        f"{s.unallocated_gpu_pct_at_95:.3f}", f"{s.unallocated_gpu_pct_at_100:.3f}",
                        f"{s.unallocated_gpu_pct_at_130:.3f}", f"{s.frag_rate_at_90:.2f}",
                        f"{s.decisions_per_s:.1f}", f"{s.failed_pods:.1f}"])
    fig = figure(results)
    html = out_dir / "gpushare.html"
    fig.write_html(html, include_plotlyjs=True, full_html=True)
    png: Path | None = out_dir / "gpushare.png"
    png_error = None
    try:
        fig.write_image(png, width=900, height=550)
    except Exception as exc:  # kaleido/Chromium missing or broken: keep the HTML, report why
        png, png_error = None, f"{type(exc).__name__}: {exc}".strip()[:300]
    return Outputs(curves, summary, html, png, png_error)


def figure(results: Sequence[RunResult]):  # noqa: ANN201 - plotly's Figure type
    """Unallocated GPU % against arrived workload %, one line per policy (mean of seeds)."""
    import plotly.graph_objects as go

    fig = go.Figure()
    for policy in dict.fromkeys(r.policy for r in results):
        curves = np.array([r.unallocated for r in results if r.policy == policy])
        mean = [finite_mean(col) for col in curves.T]
        fig.add_trace(go.Scatter(x=CURVE_POINTS, y=mean, mode="lines", name=policy))
    trace = results[0].trace if results else ""
    fig.update_layout(
        title=f"openb {trace}: unallocated GPU vs arrived workload (mean of seeds)",
        xaxis_title="arrived workload (% of GPU capacity)",
        yaxis_title="unallocated GPU (%)", template="plotly_white",
    )
    fig.update_xaxes(range=[70, 130])
    fig.update_yaxes(range=[0, 35])
    return fig
