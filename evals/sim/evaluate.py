"""Evaluate a scenario: every policy x reserved count x seed, the bounds, normalised rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from evals.sim.inputs import Inputs, build_inputs
from evals.sim.policy import REGISTRY
from evals.sim.run import normalise, run_policy
from evals.sim.scenario import Scenario
from evals.sim.spatial_policies import infinite_migration_kg
from gridwise.errors import UnknownNameError
from tools.placement import default_registry

#: The keys of each row of `gridwise eval scenario --json`.
PUBLIC_KEYS = ("policy", "reserved", "carbon_norm", "cost_norm", "mean_wait_h",
               "deadline_miss_pct", "kg_co2e", "cost_usd")
BOUNDS = {"infinite-migration": False, "infinite-migration+wait": True}


def check_policies(sc: Scenario) -> None:
    """Unknown policy ids raise (with a suggestion) before anything runs."""
    if sc.kind == "pods":
        known = default_registry().names()
        for p in sc.data["policies"]:
            if p not in known:
                raise UnknownNameError("placement policy", p, known)
        return
    for p in sc.data["policies"]:
        REGISTRY.create(p)


def planned_runs(sc: Scenario) -> list[tuple[str, int, int]]:
    """(policy, reserved, seed) for every run, the baseline first (added if not listed)."""
    base = sc.data.get("baseline") or {}
    bp, br = base.get("policy", _default_baseline(sc)), int(base.get("reserved", 0))
    runs = [(p, r, s) for p in sc.data["policies"] for r in sc.data.get("reserved", [0])
            for s in sc.data.get("seeds", [0])]
    first = (bp, br, sc.data.get("seeds", [0])[0])
    return [first] + [x for x in runs if x != first]


def _default_baseline(sc: Scenario) -> str:
    """NoWait for job streams; the first listed placement policy for pods."""
    return "nowait" if sc.kind == "jobs" else sc.data["policies"][0]


def bound_rows(sc: Scenario, inputs: Inputs) -> list[dict[str, Any]]:
    """The infinite-migration carbon bounds the scenario asks for (no cost or wait)."""
    watts = float(sc.get("carbon", "watts_per_cpu", 1000))
    series = [inputs.carbon[r.zone] for r in inputs.regions]
    rows: list[dict[str, Any]] = []
    if sc.kind != "jobs":
        return rows
    for name in sc.data.get("bounds", []):
        for b, with_wait in BOUNDS.items():
            if b.startswith(name):
                kg = infinite_migration_kg(series, inputs.job_stream(), watts, with_wait)
                rows.append({"policy": f"bound:{b}", "reserved": 0, "seed": 0, "kg_co2e": kg,
                             "cost_usd": None, "mean_wait_h": None, "deadline_miss_pct": None})
    return rows


def evaluate(conn: duckdb.DuckDBPyConnection, sc: Scenario, source_dir: Path | None = None,
             cache_dir: Path | None = None) -> list[dict[str, Any]]:
    """Run the scenario's whole matrix in this process; normalised rows with every metric.

    `cache_dir` keeps the forecasts policies decide on for the next run.
    """
    check_policies(sc)
    inputs = build_inputs(conn, sc, source_dir, cache_dir)
    rows = [run_policy(sc, inputs, p, r, s) for p, r, s in planned_runs(sc)]
    return finish_rows(sc, rows, bound_rows(sc, inputs))


def finish_rows(sc: Scenario, rows: list[dict[str, Any]],
                bounds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Normalise; keep the baseline only when the scenario lists it; bounds last."""
    base = sc.data.get("baseline") or {}
    out = normalise(rows + bounds, base.get("policy", _default_baseline(sc)),
                    int(base.get("reserved", 0)))
    listed = set(sc.data["policies"])
    reserved = set(sc.data.get("reserved", [0]))
    return [r for r in out if r["policy"].startswith("bound:")
            or (r["policy"] in listed and r["reserved"] in reserved)]


def public(row: dict[str, Any]) -> dict[str, Any]:
    """The row as `--json` prints it (rounded)."""
    out = {}
    for k in PUBLIC_KEYS:
        v = row.get(k)
        out[k] = round(v, 6) if isinstance(v, float) else v
    return out
