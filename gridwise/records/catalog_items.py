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
    import pyarrow as pa

    offered = pa.table({k: [r[k] for r in rows]
                        for k in ("transaction_id", "item_id", "provider", "record")})
    with store.transaction() as con:   # one statement, not one per row (a short hold)
        # registered by name, not found by DuckDB's replacement scan of the caller's
        # variables: in the console's resumed turns that lookup failed ("Table Function
        # with name python_arrow_scan does not exist") and the decision was never stored
        con.register("gw_offered", offered)
        try:
            con.execute("INSERT INTO catalog_items SELECT * FROM gw_offered "
                        "ON CONFLICT DO NOTHING")
        finally:
            con.unregister("gw_offered")


def offered_item(store: Store, transaction_id: str, item_id: str,
                 provider: str) -> Quote | None:
    """The quote behind an item offered in this transaction, or None."""
    rows = store.rows(
        "SELECT record FROM catalog_items WHERE transaction_id = ? AND item_id = ? "
        "AND provider = ?", [transaction_id, item_id, provider])
    return Quote.model_validate_json(rows[0]["record"]) if rows else None
