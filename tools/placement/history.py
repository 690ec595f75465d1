"""A cluster's placement history in the store: the prior of the online placement policies.

The only module that writes `placement_history` (migration 0009). `record_placements`
adds the pods a cluster placed; `load_history` reads them back as (pod class, weight)
pairs for `PolicyContext.history`, aggregated in SQL and decayed by age: a pod placed
`half_life_days` before the clock counts half. Only rows placed at or before the clock
are read, so a decision never sees its own future.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import duckdb

from gridwise.errors import UserError
from gridwise.store import Store
from tools.placement.state import Pod

HALF_LIFE_DAYS = 7.0


def record_placements(con: duckdb.DuckDBPyConnection, cluster: str, pods: Iterable[Pod],
                      at: datetime, source: str) -> int:
    """Append one history row per pod placed on `cluster` at `at`; returns the count.

    Runs on `con` as it is, so a caller's transaction (e.g. the one that writes the
    order's reservations) covers it.
    """
    rows = [[cluster, at, p.cpu_milli, p.memory_mib, p.num_gpu, p.gpu_milli,
             "|".join(p.gpu_spec), source] for p in pods]
    if rows:
        con.executemany("INSERT INTO placement_history VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


def load_history(store: Store, cluster: str, at: datetime,
                 half_life_days: float = HALF_LIFE_DAYS) -> list[tuple[Pod, float]]:
    """The cluster's past pods per class, each weighted by 0.5 ** (age / half-life).

    Raises:
        UserError: `half_life_days` is not positive.
    """
    if not half_life_days > 0:
        raise UserError(f"history half-life {half_life_days!r} days is not positive",
                        "give a half-life in days above 0, e.g. 7")
    rows = store.rows(
        "SELECT cpu_milli, memory_mib, num_gpu, gpu_milli, gpu_spec, "
        "sum(pow(0.5, epoch(CAST(? AS TIMESTAMP) - placed_at) / 86400.0 / ?)) AS weight "
        "FROM placement_history WHERE cluster = ? AND placed_at <= ? "
        "GROUP BY ALL ORDER BY weight DESC, cpu_milli, gpu_milli, num_gpu, gpu_spec",
        [at, half_life_days, cluster, at])
    return [(Pod(r["cpu_milli"], r["memory_mib"], r["num_gpu"], r["gpu_milli"],
                 tuple(s for s in r["gpu_spec"].split("|") if s)), float(r["weight"]))
            for r in rows]
