"""Online FGD and fgd-reserve against FGD with hindsight, on every openb trace.

Run (CPU heavy: 4 policies x 21 traces x 10 seeds; resumable, results appended as they
finish): `GRIDWISE_SOURCE_DIR=../shared/data nice -n 15 .venv/bin/python -m
bench.bench_placement_online --workers 2`. Options: `--traces default,gpuspec20`,
`--policies`, `--seeds 42-51`, `--latency` (decision latency on default), `--churn`
(the replay with departures on the traces that have lifetimes), `--sim` (the simulator's
on-prem pod scenario with departures), `--no-grid`.
Raw rows go to bench/results/placement_online*.csv, a markdown summary to
bench/results/PLACEMENT_ONLINE.md (git-ignored; curated figures are in bench/PLACEMENT.md).
"""

from __future__ import annotations

import argparse
import csv
import functools
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path

import numpy as np

from bench.bench_placement import machine
from evals.churn import replay_churn, timed_trace
from evals.gpushare import replay, sort_by_name
from gridwise.cli.eval import parse_seeds
from gridwise.errors import UserError
from gridwise.settings import Settings
from tools.placement.openb import POD_PREFIX, load_nodes, load_pods, node_path, openb_dir

RESULTS = Path(__file__).parent / "results"
GRID_CSV = RESULTS / "placement_online.csv"
CHURN_CSV = RESULTS / "placement_online_churn.csv"
OUT_MD = RESULTS / "PLACEMENT_ONLINE.md"
POLICIES = ("fgd", "fgd-online", "fgd-reserve", "fgd-reserve-online")
UNTIL_PCT = 101.0  # the target is read at 100 % arrived: the rest of the run is not needed


@functools.lru_cache(maxsize=4)
def _inputs(trace: str):  # noqa: ANN202 - (NodeList, PodList), cached per worker process
    source = Settings().source_dir
    nodes = load_nodes(node_path(None, source))
    pods = load_pods(openb_dir(source) / f"{POD_PREFIX}{trace}.csv", nodes)
    return nodes, sort_by_name(pods)


def _grid_job(trace: str, policy: str, seed: int) -> list[object]:
    nodes, pods = _inputs(trace)
    r = replay(policy, nodes, pods, seed, until_pct=UNTIL_PCT, frag_rate=False)
    return [trace, policy, seed, f"{r.unallocated_at[100]:.4f}", "",
            r.failed, f"{r.decide_seconds:.3f}", r.decisions]


def _churn_job(trace: str, policy: str, seed: int) -> list[object]:
    nodes, pods = _inputs(trace)
    try:
        timed = timed_trace(pods)
    except UserError:
        return [trace, policy, seed, "", "", "", "no lifetimes"]
    r = replay_churn(policy, nodes, timed, seed)
    curve = " ".join(f"{v:.2f}" for v in r.allocated[::10])
    return [trace, policy, seed, f"{r.mean_allocated:.4f}", f"{r.dropped_demand_pct:.4f}",
            r.dropped_pods, curve]


def _run(job: Callable[[str, str, int], list[object]], path: Path, header: list[str],
         jobs: list[tuple[str, str, int]], workers: int) -> None:
    """Run the jobs not yet in `path`, appending each row as it finishes."""
    done: set[tuple[str, str, int]] = set()
    if path.exists():
        with path.open() as fh:
            done = {(r["trace"], r["policy"], int(r["seed"])) for r in csv.DictReader(fh)}
    todo = [j for j in jobs if j not in done]
    path.parent.mkdir(parents=True, exist_ok=True)
    new = not path.exists()
    with path.open("a", newline="") as fh:
        w = csv.writer(fh)
        if new:
            w.writerow(header)
        t0 = time.perf_counter()
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
            futures = {pool.submit(job, *j): j for j in todo}
            for n, fut in enumerate(as_completed(futures), start=1):
                w.writerow(fut.result())
                fh.flush()
                print(f"{n}/{len(todo)} {futures[fut]} {time.perf_counter() - t0:.0f}s",
                      flush=True)


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open() as fh:
        return list(csv.DictReader(fh))


def grid_table(rows: list[dict[str, str]], policies: list[str]) -> list[str]:
    """Markdown: unallocated GPU % at 100 % arrived per trace over the seeds every listed
    policy has there: mean ± std, and the paired difference to FGD (mean ± standard error).
    """
    by: dict[tuple[str, str], dict[int, float]] = {}
    for r in rows:
        by.setdefault((r["trace"], r["policy"]), {})[int(r["seed"])] = float(
            r["unallocated_gpu_pct_at_100"])
    traces = sorted({t for t, _ in by})
    others = [p for p in policies if p != "fgd"]
    head = "| trace | seeds | " + " | ".join(policies) + " | " + " | ".join(
        f"{p} − fgd" for p in others) + " |"
    lines = [head, "|---" * (2 + len(policies) + len(others)) + "|"]
    for t in traces:
        runs = {p: by[(t, p)] for p in policies if (t, p) in by}
        common = sorted(set.intersection(*(set(v) for v in runs.values())))
        vals = {p: np.array([v[s] for s in common]) for p, v in runs.items()}
        cells = [f"{vals[p].mean():.2f} ± {vals[p].std():.2f}" if p in vals and common
                 else "—" for p in policies]
        for p in others:
            diff = vals[p] - vals["fgd"] if p in vals and "fgd" in vals else np.zeros(0)
            cells.append(f"{diff.mean():+.2f} ± {diff.std(ddof=1) / np.sqrt(len(diff)):.2f}"
                         if len(diff) > 1 else "—")
        lines.append(f"| {t} | {len(common)} | " + " | ".join(cells) + " |")
    return lines


def latency(seeds: list[int]) -> list[str]:
    """Median and p99 CPU time per decision of the policies on default (1,213 nodes).

    CPU time (`time.process_time`), not wall time: on a machine shared at a load of
    dozens, wall time measures the neighbours.
    """
    nodes, pods = _inputs("default")
    lines = ["| policy | median (µs) | p99 (µs) | decisions/s |", "|---|---:|---:|---:|"]
    for p in POLICIES:
        runs = [replay(p, nodes, pods, s, keep_latencies=True, until_pct=UNTIL_PCT,
                       frag_rate=False, clock=time.process_time) for s in seeds]
        lat = np.concatenate([r.latencies_us for r in runs])
        rate = sum(r.decisions for r in runs) / sum(r.decide_seconds for r in runs)
        lines.append(f"| {p} | {np.median(lat):.0f} | {np.percentile(lat, 99):.0f} | "
                     f"{rate:,.0f} |")
    return lines


def simulated(policies: list[str]) -> list[str]:
    """Markdown: the multi-cluster simulator's on-prem pod scenario (departures, a FIFO queue).

    `evals/scenarios/openb-fgd.yaml` with its policies replaced by `policies`; allocated
    GPU % is the GPUs held in each hour over the cluster's GPUs. Its arrivals are 1,000x
    denser than recorded, so they all come in the first hours of the horizon: the table
    shows the hours around the peak, and the waits (a pod that fits nowhere queues).
    """
    from evals.sim.evaluate import evaluate
    from evals.sim.scenario import load_scenario
    from gridwise.store import Store

    sc = load_scenario(Path(__file__).parents[1] / "evals/scenarios/openb-fgd.yaml",
                       policies=policies)
    with Store.open(Settings().db_file, read_only=True) as store:
        rows = evaluate(store.conn, sc, Settings().source_dir)
    hours = (1, 2, 4, 8, 16, 32, 64)
    lines = ["| policy | peak allocated GPU % (hour) | allocated at hour "
             + " / ".join(map(str, hours)) + " | placed % | mean wait (h) | p95 wait (h) | "
             "missed % |", "|---|---:|---|---:|---:|---:|---:|"]
    for r in rows:
        alloc = 100.0 * np.array(r["usage_by_hour"]) / r["gpu_capacity"]
        at = " / ".join(f"{alloc[h]:.1f}" for h in hours if h < len(alloc))
        lines.append(f"| {r['policy']} | {alloc.max():.1f} ({int(alloc.argmax())}) | {at} | "
                     f"{r['placed_pct']:.2f} | {r['mean_wait_h']:.3f} | "
                     f"{r['wait_quantiles_h'][19]:.3f} | {r['deadline_miss_pct']:.2f} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--traces", default="all")
    parser.add_argument("--policies", default=",".join(POLICIES))
    parser.add_argument("--seeds", default="42-51")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--latency", action="store_true")
    parser.add_argument("--churn", action="store_true")
    parser.add_argument("--sim", action="store_true",
                        help="the simulator's pod scenario (openb-fgd.yaml) for the policies")
    parser.add_argument("--no-grid", action="store_true")
    args = parser.parse_args()
    folder = openb_dir(Settings().source_dir)
    traces = (sorted(p.stem.removeprefix(POD_PREFIX) for p in folder.glob(f"{POD_PREFIX}*.csv"))
              if args.traces == "all" else args.traces.split(","))
    policies = args.policies.split(",")
    seeds = parse_seeds(args.seeds)
    # seed by seed, so that an interrupted run still covers every trace and policy
    jobs = [(t, p, s) for s in seeds for t in traces for p in policies]
    lines = ["## Online FGD and fgd-reserve vs FGD with hindsight", "",
             f"Machine: {machine()}.", ""]
    if args.latency:
        lines += ["CPU time per decision, default trace, seed 42 up to 101 % arrived:", "",
                  *latency([42]), ""]
    if not args.no_grid:
        _run(_grid_job, GRID_CSV, ["trace", "policy", "seed", "unallocated_gpu_pct_at_100",
                                   "frag_rate_at_90", "failed", "decide_s", "decisions"],
             jobs, args.workers)
    lines += ["Unallocated GPU % at 100 % arrived, mean of seeds:", "",
              *grid_table(_rows(GRID_CSV), policies), ""]
    if args.churn:
        _run(_churn_job, CHURN_CSV, ["trace", "policy", "seed", "mean_allocated_pct",
                                     "dropped_demand_pct", "dropped_pods", "curve"],
             jobs, args.workers)
    if args.sim:
        lines += ["Simulator, evals/scenarios/openb-fgd.yaml (departures, FIFO queue):", "",
                  *simulated(policies), ""]
    OUT_MD.parent.mkdir(parents=True, exist_ok=True)
    OUT_MD.write_text("\n".join(lines) + "\n")
    print(f"wrote {OUT_MD}")


if __name__ == "__main__":
    main()
