"""The on-prem fleet's pod history, read from the store: FGD's target workload, or a prior.

`gridwise data load` stores the pod shapes the fleet has seen, as classes with counts
(`placement_workload`); the on-prem agent builds FGD from them, never from a source folder
at run time. An empty table means no target workload is known. Then the agent places with
fgd-online, whose prior is what the cluster itself placed before (`placement_history`,
written through gridwise.records.placement_history): `record_placements` and
`load_history` convert between those rows and pods.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import duckdb

from gridwise.records import placement_history
from gridwise.store import Store
from tools.placement.state import Pod


def stored_workload(conn: duckdb.DuckDBPyConnection) -> list[Pod]:
    """The stored pod history expanded to pods (one per recorded pod), [] when none."""
    rows = conn.execute(
        "SELECT cpu_milli, memory_mib, num_gpu, gpu_milli, gpu_spec, pods "
        "FROM placement_workload ORDER BY pods DESC, cpu_milli, memory_mib, num_gpu, "
        "gpu_milli, gpu_spec").fetchall()
    pods: list[Pod] = []
    for cpu, mem, num, milli, spec, n in rows:
        models = tuple(s for s in str(spec).split("|") if s)
        pods.extend([Pod(int(cpu), int(mem), int(num), int(milli), models)] * int(n))
    return pods


def record_placements(store: Store, cluster: str, pods: Iterable[Pod], at: datetime,
                      source: str) -> int:
    """Add the pods placed on `cluster` at `at` to its history; returns how many."""
    return placement_history.record(
        store, cluster, [(p.cpu_milli, p.memory_mib, p.num_gpu, p.gpu_milli, "|".join(p.gpu_spec))
                         for p in pods], at, source)


def load_history(store: Store, cluster: str, at: datetime,
                 half_life_days: float = placement_history.HALF_LIFE_DAYS,
                 ) -> list[tuple[Pod, float]]:
    """The cluster's past pods up to `at`, per shape, with age-decayed weights.

    Raises:
        UserError: `half_life_days` is not positive.
    """
    return [(Pod(r["cpu_milli"], r["memory_mib"], r["num_gpu"], r["gpu_milli"],
                 tuple(s for s in r["gpu_spec"].split("|") if s)), float(r["weight"]))
            for r in placement_history.load(store, cluster, at, half_life_days)]
