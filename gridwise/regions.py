"""Look up regions and grid zones in the store, with suggestions for unknown names."""

from __future__ import annotations

from typing import Any

from gridwise.errors import UnknownNameError
from gridwise.store import Store


def resolve_zone(store: Store, name: str) -> dict[str, Any]:
    """A carbon zone or price market by id (case-insensitive) with its data span."""
    zones = {r[0] for r in store.conn.execute(
        "SELECT DISTINCT zone FROM carbon_intensity UNION SELECT DISTINCT zone FROM energy_price"
    ).fetchall()}
    match = next((z for z in zones if z.lower() == name.strip().lower()), None)
    if match is None:
        raise UnknownNameError("grid zone", name, zones)
    row = store.rows(
        "SELECT (SELECT min(ts) FROM carbon_intensity WHERE zone = $z) AS carbon_from, "
        "(SELECT max(ts) FROM carbon_intensity WHERE zone = $z) AS carbon_to, "
        "(SELECT min(ts) FROM energy_price WHERE zone = $z) AS price_from, "
        "(SELECT max(ts) FROM energy_price WHERE zone = $z) AS price_to",
        {"z": match},  # type: ignore[arg-type]
    )[0]
    return {"zone": match, **{k: v.isoformat() if v else None for k, v in row.items()}}


def resolve_region(store: Store, name: str) -> dict[str, Any]:
    """A provider region (`us-east-1` or `aws:us-east-1`) with its zone and market."""
    rows = store.rows("SELECT * FROM clusters")
    text = name.strip().lower()
    hits = [r for r in rows if r["id"].lower() == text or r["region"].lower() == text]
    if not hits:
        known = [r["region"] for r in rows] + [r["id"] for r in rows]
        raise UnknownNameError("region", name, known)
    return {"matches": [
        {k: hit[k] for k in ("id", "provider", "kind", "region", "carbon_zone", "price_market",
                             "country", "area", "pue")} for hit in hits
    ]}
