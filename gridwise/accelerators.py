"""The accelerator spec table shipped in `data/accelerators.csv` (self-authored, sourced).

Names are canonical (`H100`, `A100-80GB`, `TPU-v6e`); `aliases` map catalog and
user spellings onto them.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from gridwise import names
from gridwise.errors import UnknownNameError
from gridwise.models import Accelerator

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
ACCELERATORS_CSV = DATA_DIR / "accelerators.csv"


@lru_cache(maxsize=4)
def load_accelerators(path: Path = ACCELERATORS_CSV) -> dict[str, Accelerator]:
    """Canonical name -> `Accelerator`, read from the shipped CSV."""
    out: dict[str, Accelerator] = {}
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out[row["name"]] = Accelerator(
                name=row["name"],
                vendor=row["vendor"],
                memory_gb=float(row["memory_gb"]),
                power_w=float(row["power_w"]) if row["power_w"] else None,
                peak_tflops_bf16=(float(row["peak_tflops_bf16"])
                                  if row["peak_tflops_bf16"] else None),
                consumer=row["consumer"] == "true",
                source=row["source"],
            )
    return out


@lru_cache(maxsize=4)
def alias_index(path: Path = ACCELERATORS_CSV) -> dict[str, str]:
    """Normalised spelling (names and aliases) -> canonical name."""
    return names.alias_index(path)


def canonical_accelerator(name: str, path: Path = ACCELERATORS_CSV) -> str:
    """The canonical name for a user or catalog spelling; `UnknownNameError` with suggestions."""
    hit = alias_index(path).get(names.spelling_key(name))
    if hit is None:
        raise UnknownNameError("accelerator", name, load_accelerators(path).keys())
    return hit


def get_accelerator(name: str, path: Path = ACCELERATORS_CSV) -> Accelerator:
    """The `Accelerator` for a name or alias."""
    return load_accelerators(path)[canonical_accelerator(name, path)]
