"""What `gridwise data info` reports beyond row counts: catalog plausibility, carbon bases."""

from __future__ import annotations

from typing import Any

from gridwise import carbon_basis, price_checks
from gridwise.store import Store


def data_checks(store: Store) -> dict[str, Any]:
    """Catalog price checks and carbon-basis coverage (empty parts when not loaded)."""
    out: dict[str, Any] = {}
    tables = set(store.tables())
    if "instance_prices" in tables:
        out["price_checks"] = price_checks.summary(store.conn)
    if "carbon_intensity" in tables:
        out["carbon_basis"] = carbon_basis.coverage(store.conn)
    return out

