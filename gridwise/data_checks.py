"""What `gridwise data info` reports beyond row counts: catalog plausibility, carbon bases."""

from __future__ import annotations

from typing import Any

from rich.console import Console

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


def print_check(console: Console, key: str, value: Any) -> None:
    """One check as readable lines (dicts one field a line, lists one item a line)."""
    if not isinstance(value, dict):
        console.print(f"{key}: {value}")
        return
    console.print(f"[bold]{key}[/]")
    for k, v in value.items():
        if isinstance(v, list) and v and isinstance(v[0], str):
            console.print(f"  {k}:")
            for item in v:
                console.print(f"    - {item}")
        elif isinstance(v, dict):
            for kk, vv in v.items():
                console.print(f"  {k}.{kk}: {vv}")
        else:
            console.print(f"  {k}: {v}")
