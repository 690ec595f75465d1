"""How long quotes and decisions took (`latencies`): the only writer of the table."""

from __future__ import annotations

from datetime import UTC, datetime

from gridwise.store import Store


def record_latency(store: Store, kind: str, seconds: float, ref: str | None = None) -> None:
    """Append how long a quote or a decision took (skipped on a read-only store)."""
    if store.read_only:
        return
    store.conn.execute("INSERT INTO latencies VALUES (?, ?, ?, ?)",
                       [datetime.now(UTC).replace(tzinfo=None), kind, seconds, ref])
