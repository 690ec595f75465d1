"""The on-prem fleet's pod history, read from the store: FGD's target workload.

`gridwise data load` stores the pod shapes the fleet has seen, as classes with counts
(`placement_workload`); the on-prem agent builds FGD from them, never from a source folder
at run time. An empty table means no target workload is known.
"""

from __future__ import annotations

import duckdb

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
