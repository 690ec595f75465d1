"""How gridwise matches names: one spelling key, and alias tables read from CSV."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path


def spelling_key(name: str) -> str:
    """Lower-case letters and digits only ('A100 80GB' and 'a100-80gb' match)."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


def alias_index(path: Path, key: Callable[[str], str] = spelling_key) -> dict[str, str]:
    """`key(spelling)` -> canonical name, from a CSV with `name` and `|`-separated `aliases`.

    A canonical name wins over an alias that happens to share its key.
    """
    index: dict[str, str] = {}
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            index[key(row["name"])] = row["name"]
            for alias in filter(None, (row.get("aliases") or "").split("|")):
                index.setdefault(key(alias), row["name"])
    return index
