"""Job traces for the simulator (GAIA's format: `arrival_time,length,cpus`)."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from gridwise.errors import UserError

UNIT_S = {"s": 1.0, "h": 3600.0}


@dataclass(frozen=True)
class Trace:
    """Arrival and length in seconds (float), cores, in arrival order."""

    arrival_s: np.ndarray
    length_s: np.ndarray
    cpus: np.ndarray


def load_gaia_trace(path: Path, time_unit: str = "s", limit: int | None = None) -> Trace:
    """Read a GAIA trace; negative, missing or non-numeric values are `UserError`s by row."""
    if not path.is_file():
        raise UserError(f"job trace {str(path)!r} not found",
                        "check jobs.trace in the scenario (relative to the scenario file)")
    scale = UNIT_S[time_unit]
    arr: list[float] = []
    ln: list[float] = []
    cpu: list[int] = []
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = {"arrival_time", "length", "cpus"} - set(reader.fieldnames or [])
        if missing:
            raise UserError(f"job trace {str(path)!r}: no column(s) {sorted(missing)}",
                            "GAIA traces have the header arrival_time,length,cpus")
        for row_no, row in enumerate(reader, start=2):
            if limit is not None and len(arr) >= limit:
                break
            vals = []
            for col in ("arrival_time", "length", "cpus"):
                text = (row.get(col) or "").strip()
                try:
                    v = float(text)
                except ValueError:
                    v = math.nan
                if not math.isfinite(v):
                    raise UserError(f"job trace {str(path)!r} line {row_no}: {col} is "
                                    f"{'missing' if not text else repr(text)}",
                                    f"give every job a numeric {col}")
                vals.append(v)
            a, n, c = vals
            if a < 0 or n <= 0 or c <= 0 or c != int(c):
                what = ("arrival_time is negative" if a < 0 else
                        f"length {row['length']} is not positive" if n <= 0 else
                        f"cpus {row['cpus']} is not a positive whole number")
                raise UserError(f"job trace {str(path)!r} line {row_no}: {what}",
                                "fix or drop that job")
            arr.append(a * scale)
            ln.append(n * scale)
            cpu.append(int(c))
    if not arr:
        raise UserError(f"job trace {str(path)!r} has no jobs", "give at least one job")
    arrival = np.array(arr)
    if np.any(np.diff(arrival) < 0):
        order = np.argsort(arrival, kind="stable")
        return Trace(arrival[order], np.array(ln)[order], np.array(cpu, dtype=np.int64)[order])
    return Trace(arrival, np.array(ln), np.array(cpu, dtype=np.int64))
