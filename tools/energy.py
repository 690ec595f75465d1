"""A job's measured energy from NVML's cumulative counter, next to the quoted prediction.

`nvmlDeviceGetTotalEnergyConsumption` counts millijoules since the driver loaded; the
collector stores it per GPU (`gpu_metrics.energy_mj`). A run's energy is, per GPU, the
counter's last reading at or before the run's end minus its first reading at or after its
start; a GPU with fewer than two readings inside the run has no measurement (None, never a
guess). The report compares that with the quote's `energy_kwh` (the power model's error).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from gridwise.models import Quote
from gridwise.records import jobs as jr
from gridwise.store import Store
from tools.dispatch.slurm import expand_hostlist

MJ_PER_KWH = 3.6e9


def parse_gpus(text: str | None) -> dict[str, list[int]]:
    """'n1:0,1;n2:3' (as `job_attempts.gpus` stores it) -> {node: [indices]}."""
    out: dict[str, list[int]] = {}
    for part in (text or "").split(";"):
        node, _, idx = part.partition(":")
        if node:
            out[node] = [int(i) for i in idx.split(",") if i]
    return out


def format_gpus(gpus: dict[str, list[int]]) -> str:
    """{node: [indices]} -> 'n1:0,1;n2:3'."""
    return ";".join(f"{n}:{','.join(map(str, g))}" for n, g in sorted(gpus.items()))


def energy_kwh(store: Store, nodes: list[str], start: datetime, end: datetime,
               gpus: dict[str, list[int]] | None = None) -> float | None:
    """Energy the nodes' GPUs used between start and end, from the counter (None: unmeasured).

    With `gpus` (the indices the job held per node) only those GPUs count; without, every
    GPU of the nodes does (a job sharing its node with others then counts theirs too).
    """
    if not nodes or end <= start:
        return None
    rows = store.rows(
        "SELECT node, gpu, arg_min(energy_mj, ts) AS first, arg_max(energy_mj, ts) AS last, "
        "count(*) AS n FROM gpu_metrics WHERE node IN (SELECT unnest(?)) AND ts >= ? "
        "AND ts <= ? AND energy_mj IS NOT NULL GROUP BY node, gpu", [nodes, start, end])
    mine = [r for r in rows if not gpus or r["gpu"] in gpus.get(r["node"], [])]
    deltas = [r["last"] - r["first"] for r in mine if r["n"] >= 2 and r["last"] >= r["first"]]
    return sum(deltas) / MJ_PER_KWH if deltas else None


def measure_attempt(store: Store, order_id: str, attempt: int) -> float | None:
    """Measure one finished attempt's energy and store it; returns kWh or None."""
    row = store.rows("SELECT nodes, gpus, started_at, ended_at FROM job_attempts "
                     "WHERE order_id = ? AND attempt = ?", [order_id, attempt])
    if not row or row[0]["started_at"] is None or row[0]["ended_at"] is None:
        return None
    kwh = energy_kwh(store, expand_hostlist(row[0]["nodes"] or ""), row[0]["started_at"],
                     row[0]["ended_at"], parse_gpus(row[0]["gpus"]))
    if kwh is not None:
        jr.set_energy(store, order_id, attempt, kwh)
    return kwh


def energy_report(store: Store) -> dict[str, Any]:
    """Predicted (quote) vs measured (NVML counter) energy for every finished job."""
    rows = store.rows(
        "SELECT o.id, o.record, sum(a.measured_kwh) AS measured, count(a.measured_kwh) AS n "
        "FROM orders o JOIN job_attempts a ON a.order_id = o.id "
        "WHERE a.state IN ('COMPLETED', 'FAILED', 'CANCELLED') GROUP BY o.id, o.record "
        "ORDER BY o.id")
    jobs, errors = [], []
    for r in rows:
        predicted = Quote.model_validate_json(r["record"]).energy_kwh
        measured = r["measured"] if r["n"] else None
        err = (None if predicted in (None, 0) or measured is None
               else (predicted - measured) / measured if measured else None)
        if err is not None:
            errors.append(abs(err))
        jobs.append({"order_id": r["id"], "predicted_kwh": predicted, "measured_kwh": measured,
                     "error": err})
    return {"jobs": jobs, "measured": len(errors),
            "mean_abs_error": sum(errors) / len(errors) if errors else None,
            "note": None if errors else "no job has NVML energy readings over its run (no GPU "
            "telemetry was collected on its nodes while it ran)"}
