"""The pods each cluster placed (`placement_history`, migration 0009): the only writer.

The online placement policies (fgd-online, fgd-reserve-online) start from this history as
a decaying prior (`tools.placement.history` turns rows into pods). `record` adds the pod
shapes an order placed; `load` reads them back per shape, aggregated in SQL and decayed
by age: a pod placed `half_life_days` before the clock counts half. Only rows placed at or
before the clock are read, so a decision never sees its own future.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from gridwise.errors import UserError
from gridwise.store import Store

#: A pod shape: (cpu_milli, memory_mib, num_gpu, gpu_milli, gpu_spec '|'-joined or '').
Shape = tuple[int, int, int, int, str]

HALF_LIFE_DAYS = 7.0


def record(store: Store, cluster: str, shapes: Iterable[Shape], at: datetime,
           source: str) -> int:
    """Append one row per pod shape placed on `cluster` at `at` (one transaction); the count."""
    rows = [[cluster, at, *shape, source] for shape in shapes]
    if rows:
        with store.transaction() as con:
            con.executemany("INSERT INTO placement_history VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            rows)
    return len(rows)


def load(store: Store, cluster: str, at: datetime,
         half_life_days: float = HALF_LIFE_DAYS) -> list[dict[str, Any]]:
    """The cluster's past pod shapes, each with weight sum of 0.5 ** (age / half-life).

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
    return rows
