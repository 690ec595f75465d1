"""On-prem GPU holds (`reservations`): the only writer of the table.

A hold names an order, a node, the GPU indices on it and the time window it covers
[start, finish). Inventory is derived from holds: a node's GPUs are free at a time unless
a hold that is not released covers that time. So two orders never hold the same GPU for
overlapping windows, a hold ends when its job ends (its window closes, or it is released
early), and a reload of the reference data (which rewrites `nodes`) loses no hold.
"""

from __future__ import annotations

from datetime import datetime

from gridwise.store import Store


def holds_of(store: Store, order_id: str) -> list[tuple[str, tuple[int, ...]]]:
    """(node, GPU indices) the order holds, [] if none."""
    rows = store.rows("SELECT node, gpus FROM reservations WHERE order_id = ? ORDER BY node",
                      [order_id])
    return [(r["node"], tuple(r["gpus"])) for r in rows]


def busy_gpus(store: Store, cluster: str, start: datetime, finish: datetime,
              ) -> dict[str, set[int]]:
    """Per node of `cluster`: the GPU indices held at any time in [start, finish)."""
    rows = store.rows(
        "SELECT r.node, r.gpus FROM reservations r JOIN nodes n ON n.name = r.node "
        "WHERE n.cluster = ? AND r.released_at IS NULL AND r.start < ? AND r.finish > ?",
        [cluster, finish, start])
    busy: dict[str, set[int]] = {}
    for r in rows:
        busy.setdefault(r["node"], set()).update(r["gpus"])
    return busy


def hold(store: Store, order_id: str, start: datetime, finish: datetime,
         placed: list[tuple[str, tuple[int, ...]]]) -> bool:
    """Hold `placed` GPUs for the order over [start, finish), all or nothing.

    Returns False (and writes nothing) when any of those GPUs is already held by another
    order over an overlapping window; an order that already holds GPUs keeps them.
    """
    with store.transaction() as con:
        if con.execute("SELECT count(*) FROM reservations WHERE order_id = ?",
                       [order_id]).fetchone()[0]:  # type: ignore[index]
            return True
        for node, gpus in placed:  # check every node before writing any row
            clash = con.execute(
                "SELECT count(*) FROM reservations WHERE node = ? AND released_at IS NULL "
                "AND start < ? AND finish > ? AND len(list_intersect(gpus, ?)) > 0",
                [node, finish, start, list(gpus)]).fetchone()
            if clash and clash[0]:
                return False
        for node, gpus in placed:
            con.execute("INSERT INTO reservations VALUES (?, ?, ?, ?, ?, NULL)",
                        [order_id, node, list(gpus), start, finish])
    return True


def release(store: Store, order_id: str, at: datetime) -> int:
    """End the order's holds at `at` (its job ended early or was cancelled); rows changed."""
    cur = store.conn.execute(
        "UPDATE reservations SET released_at = ? WHERE order_id = ? AND released_at IS NULL",
        [at, order_id])
    row = cur.fetchone()
    return int(row[0]) if row else 0
