"""The dispatcher's heartbeat (`dispatcher_runs`): the only writer of the table."""

from __future__ import annotations

from datetime import datetime

from gridwise.records.jobs import utcnow
from gridwise.store import Store


def heartbeat(store: Store, run_id: str, pid: int, started_at: datetime, ticks: int,
              submitted_n: int, retries: int, error: str | None) -> None:
    """Upsert the dispatcher's heartbeat row."""
    with store.transaction() as con:
        con.execute("INSERT INTO dispatcher_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, "
                    "ticks = excluded.ticks, submitted = excluded.submitted, "
                    "retries = excluded.retries, last_error = excluded.last_error",
                    [run_id, pid, started_at, utcnow(), ticks, submitted_n, retries, error])
