"""The segments of an interruptible plan as the dispatcher follows them (`job_segments`).

One row per segment of each attempt (`tools.dispatch.segments` decides; this writes). A
change of the job's state between segments (suspended, resumed, overrun, refused) is written
with its event and the attempt's and job's new state in one transaction, so a dispatcher
killed at any point leaves the old record or the new one; the next pass compares them with
what Slurm reports and catches up.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from gridwise.store import Store


def insert_plan(store: Store, order_id: str, attempt: int,
                rows: list[dict[str, Any]]) -> None:
    """Record an attempt's segments as planned (once: a second call changes nothing)."""
    with store.transaction() as con:
        for r in rows:
            con.execute(
                "INSERT INTO job_segments (order_id, attempt, segment, segments, begin_clock, "
                "end_clock, begin_wall, end_wall, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                "'planned') ON CONFLICT DO NOTHING",
                [order_id, attempt, r["segment"], r["segments"], r["begin_clock"],
                 r["end_clock"], r["begin_wall"], r["end_wall"]])


def segments(store: Store, order_id: str, attempt: int | None = None) -> list[dict[str, Any]]:
    """An attempt's segments in plan order (`attempt` None: the order's last attempt)."""
    if attempt is None:
        last = store.rows("SELECT max(attempt) AS a FROM job_segments WHERE order_id = ?",
                          [order_id])[0]["a"]
        if last is None:
            return []
        attempt = int(last)
    return store.rows("SELECT * FROM job_segments WHERE order_id = ? AND attempt = ? "
                      "ORDER BY segment", [order_id, attempt])


def segments_of(store: Store, order_ids: list[str]) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """The segments of every attempt of `order_ids`, by (order id, attempt): one read."""
    out: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for r in store.rows("SELECT * FROM job_segments WHERE order_id IN (SELECT unnest(?)) "
                        "ORDER BY order_id, attempt, segment", [order_ids]):
        out.setdefault((r["order_id"], r["attempt"]), []).append(r)
    return out


def change(store: Store, order_id: str, attempt: int, marks: list[tuple[int, dict[str, Any]]],
           event: tuple[str, str] | None, ts: datetime, state: str | None = None) -> None:
    """Update segment rows, write an event and (optionally) the attempt's new state, at once.

    `marks`: (segment, {column: value}); `event`: (state, detail) for `job_events`;
    `state`: the attempt's and the job's new state (e.g. SUSPENDED), None to leave them.
    """
    with store.transaction() as con:
        for seg, cols in marks:
            sets = ", ".join(f"{c} = ?" for c in cols)  # column names are the caller's own
            con.execute(f"UPDATE job_segments SET {sets} WHERE order_id = ? AND attempt = ? "
                        "AND segment = ?", [*cols.values(), order_id, attempt, seg])
        if state is not None:
            con.execute("UPDATE job_attempts SET state = ? WHERE order_id = ? AND attempt = ?",
                        [state, order_id, attempt])
            con.execute("UPDATE jobs SET status = ? WHERE id = ?", [state, order_id])
        if event is not None:
            con.execute("INSERT INTO job_events VALUES (?, ?, ?, ?, ?)",
                        [order_id, attempt, ts, event[0], event[1]])
