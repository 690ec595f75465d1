"""Confirmed orders (`orders`): the only writer of the table.

An order is written once per Beckn transaction (the `transaction_id` is unique), so a
retried or resumed confirm finds the order it already made.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import duckdb

from gridwise.models import Quote
from gridwise.store import Store


def order_for_transaction(store: Store, transaction_id: str) -> dict[str, Any] | None:
    """The order already made in this transaction (id, record), or None."""
    rows = store.rows("SELECT id, record FROM orders WHERE transaction_id = ?",
                      [transaction_id])
    return rows[0] if rows else None


def load_order_quote(store: Store, order_id: str) -> Quote | None:
    """The quote an order was made on, or None for an unknown id."""
    rows = store.rows("SELECT record FROM orders WHERE id = ?", [order_id])
    return Quote.model_validate_json(rows[0]["record"]) if rows else None


def insert_order(con: duckdb.DuckDBPyConnection, order_id: str, transaction_id: str,
                 decision_id: str, start: datetime, quote: Quote) -> None:
    """Write one order inside the caller's transaction (a second write is a no-op)."""
    con.execute(
        "INSERT INTO orders VALUES (?, ?, ?, 'SCHEDULED', ?, now()::TIMESTAMP, ?) "
        "ON CONFLICT (id) DO NOTHING",
        [order_id, transaction_id, decision_id, start, quote.model_dump_json()])


def set_order_status(con: duckdb.DuckDBPyConnection, order_id: str, status: str) -> None:
    """Change an order's status (e.g. CANCELLED) inside the caller's transaction."""
    con.execute("UPDATE orders SET status = ? WHERE id = ?", [status, order_id])
