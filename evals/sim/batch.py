"""Batch evaluation: many scenarios' runs on a process pool (or Ray), stored in `eval_runs`.

Every run is keyed by a hash of the resolved scenario (with its trace's bytes), the policy,
the reserved count and the seed. Finished runs are written one row per run in a single
INSERT, so a batch killed mid-way leaves only whole rows; running it again skips them and
computes only what is missing. Results do not depend on the backend or the worker count
(each run is deterministic and rows are read back in a fixed order).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.sim.evaluate import bound_rows, check_policies, finish_rows, planned_runs
from evals.sim.inputs import Inputs, build_inputs
from evals.sim.run import run_policy
from evals.sim.scenario import Scenario, load_scenario
from gridwise.errors import UserError
from gridwise.store import Store

KIND = "sim"


def run_key(sc: Scenario, policy: str, reserved: int, seed: int) -> str:
    """The `eval_runs.id` of one run: hash of scenario digest, policy, reserved and seed."""
    text = f"{sc.digest()}|{policy}|{reserved}|{seed}"
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def scenario_files(targets: list[Path]) -> list[Path]:
    """YAML files named, or found (sorted) in the folders named."""
    out: list[Path] = []
    for t in targets:
        if t.is_dir():
            found = sorted([*t.glob("*.yaml"), *t.glob("*.yml")])
            if not found:
                raise UserError(f"no scenario files (*.yaml) in {str(t)!r}",
                                "name a folder of scenarios or the files themselves")
            out += found
        elif t.is_file():
            out.append(t)
        else:
            raise UserError(f"scenario {str(t)!r} not found", "check the path")
    return out


@dataclass(frozen=True)
class Task:
    """One run to compute."""

    key: str
    scenario: Scenario
    inputs: Inputs
    policy: str
    reserved: int
    seed: int


def _compute(task: Task) -> tuple[str, dict[str, Any], float]:
    t0 = time.perf_counter()
    row = run_policy(task.scenario, task.inputs, task.policy, task.reserved, task.seed)
    return task.key, row, time.perf_counter() - t0


def _ray_map(tasks: list[Task], workers: int) -> Iterator[tuple[str, dict[str, Any], float]]:
    try:
        import ray
    except ImportError:
        raise UserError("the Ray backend needs the `scale` extra",
                        "pip install 'gridwise[scale]' (or use --backend process)") from None
    started = not ray.is_initialized()
    if started:
        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False,
                 configure_logging=False)
    try:
        remote = ray.remote(_compute)
        pending = [remote.remote(t) for t in tasks]
        while pending:
            done, pending = ray.wait(pending, num_returns=1)
            yield ray.get(done[0])
    finally:
        if started:
            ray.shutdown()


def _process_map(tasks: list[Task], workers: int) -> Iterator[tuple[str, dict[str, Any], float]]:
    if workers <= 1:
        for t in tasks:
            yield _compute(t)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_compute, tasks)


BACKENDS: dict[str, Callable[[list[Task], int], Iterator[tuple[str, dict[str, Any], float]]]] = {
    "process": _process_map, "ray": _ray_map}


def stored(store: Store, keys: list[str]) -> dict[str, dict[str, Any]]:
    """Rows of `eval_runs` already computed among `keys`."""
    if not keys:
        return {}
    rows = store.conn.execute(
        "SELECT id, results FROM eval_runs WHERE id IN (SELECT unnest(?))", [keys]).fetchall()
    return {k: json.loads(v) for k, v in rows}


def save(store: Store, task: Task, row: dict[str, Any], wall: float) -> None:
    """Write one finished run (one statement: all of it or nothing)."""
    params = {"scenario": str(task.scenario.path), "digest": task.scenario.digest(),
              "policy": task.policy, "reserved": task.reserved, "seed": task.seed}
    store.conn.execute(
        "INSERT INTO eval_runs (id, kind, started_at, params, results, versions, scenario, "
        "policy, reserved, seed, finished_at, wall_s) VALUES (?, ?, now()::TIMESTAMP, ?, ?, ?, "
        "?, ?, ?, ?, now()::TIMESTAMP, ?) ON CONFLICT (id) DO NOTHING",
        [task.key, KIND, json.dumps(params), json.dumps(row), json.dumps({"schema": 1}),
         task.scenario.name, task.policy, task.reserved, task.seed, wall])


def run_batch(store: Store, targets: list[Path], backend: str = "process", workers: int = 1,
              progress: Callable[[int, int], None] | None = None, zone: str | None = None,
              reserved: list[int] | None = None, source_dir: Path | None = None,
              cache_dir: Path | None = None) -> dict[str, Any]:
    """Compute every missing run of the scenarios, store each, return rows per scenario.

    `cache_dir` keeps forecasts (made once per scenario, before any run) for the next batch.
    """
    if backend not in BACKENDS:
        raise UserError(f"unknown backend {backend!r}", "use --backend process or ray")
    if workers < 1:
        raise UserError(f"--workers {workers} is not positive", "give 1 or more workers")
    files = scenario_files(targets)
    scenarios = [load_scenario(f, zone=zone, reserved=reserved) for f in files]
    for sc in scenarios:
        if sc.kind == "requests":
            raise UserError(f"{sc.path.name} is a requests scenario (it replays requests "
                            "through the graph, not a simulation)",
                            f"run it with `gridwise eval scenario {sc.path}`")
        check_policies(sc)
    inputs = {id(sc): build_inputs(store.conn, sc, source_dir, cache_dir) for sc in scenarios}
    plan = [(sc, p, r, s, run_key(sc, p, r, s)) for sc in scenarios
            for p, r, s in planned_runs(sc)]
    done = stored(store, [k for *_, k in plan])
    todo = [Task(k, sc, inputs[id(sc)], p, r, s) for sc, p, r, s, k in plan if k not in done]
    total, finished = len(plan), len(plan) - len(todo)
    if progress:
        progress(finished, total)
    t0 = time.perf_counter()
    for key, row, wall in BACKENDS[backend](todo, workers):
        task = next(t for t in todo if t.key == key)
        save(store, task, row, wall)
        done[key] = row
        finished += 1
        if progress:
            progress(finished, total)
    out = {}
    for sc in scenarios:
        rows = [done[run_key(sc, p, r, s)] for p, r, s in planned_runs(sc)]
        out[str(sc.path)] = finish_rows(sc, rows, bound_rows(sc, inputs[id(sc)]))
    return {"scenarios": out, "computed": len(todo), "reused": total - len(todo),
            "wall_s": round(time.perf_counter() - t0, 3), "backend": backend,
            "workers": workers, "pid": os.getpid()}
