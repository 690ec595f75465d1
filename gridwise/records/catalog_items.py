"""What each provider offered in a Beckn transaction (`catalog_items`): the only writer.

Remembered so select / init / confirm work after a restart (a resumed graph talks to
fresh agent objects).
"""

from __future__ import annotations

from gridwise.models import Quote
from gridwise.store import Store


def remember_items(store: Store, transaction_id: str, provider: str,
                   items: list[tuple[str, Quote]]) -> None:
    """Store (item id, quote) pairs offered in a transaction; repeats are ignored."""
    with store.transaction() as con:
        for item_id, quote in items:
            con.execute("INSERT INTO catalog_items VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        [transaction_id, item_id, provider, quote.model_dump_json()])


def remember_rows(store: Store, rows: list[dict[str, str]]) -> None:
    """Store rows {transaction_id, item_id, provider, record (JSON)} in one transaction."""
    if not rows:
        return
    cols = ("transaction_id", "item_id", "provider", "record")
    with store.transaction() as con:   # a few statements, not one per row (a short hold)
        # plain parameters, no Python-object scan: in the console's resumed turns DuckDB
        # could not find its arrow scan function ("python_arrow_scan does not exist"),
        # so the decision was never stored
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start:start + _CHUNK]
            con.execute("INSERT INTO catalog_items VALUES "
                        + ", ".join(["(?, ?, ?, ?)"] * len(chunk)) + " ON CONFLICT DO NOTHING",
                        [r[c] for r in chunk for c in cols])


#: Rows per INSERT statement (4 parameters each).
_CHUNK = 250


def offered_item(store: Store, transaction_id: str, item_id: str,
                 provider: str) -> Quote | None:
    """The quote behind an item offered in this transaction, or None."""
    rows = store.rows(
        "SELECT record FROM catalog_items WHERE transaction_id = ? AND item_id = ? "
        "AND provider = ?", [transaction_id, item_id, provider])
    return Quote.model_validate_json(rows[0]["record"]) if rows else None
