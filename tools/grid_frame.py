"""One read per table for a decision at a clock, shared by everything that decision reads.

A quote at a clock read the grid tables seven times (tenth session): per table, the
forecaster's history and the actual series that scores the decision; for the exogenous
inputs, the prices of each carbon zone's market and the other carbon basis; and the prices
of the on-prem markets again, for their own forecast and its published day-ahead hours. A
`GridFrame` reads each table once, over every zone and every hour those consumers need
(both carbon columns where the other basis is an input), and hands each consumer its
slice. A slice holds the values `hourly_many` returns for the same zones and hours: a
stored row lands at its zone and hour whatever else the query covers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

import duckdb
import numpy as np

from tools.grid import HOUR, HourlySeries, column_of, floor_hour, read_grids


@dataclass(frozen=True)
class GridFrame:
    """Hourly values of some zones of each table from `start`, for `hours` hours.

    Attributes:
        start: the first hour (whole hour, naive UTC).
        hours: how many hours every table covers.
        rows: per table, each zone's row in its grids.
        grids: per (table, stored column), a (zones, hours) array, NaN where no value.
    """

    start: datetime
    hours: int
    rows: dict[str, dict[str, int]]
    grids: dict[tuple[str, str], np.ndarray]

    @classmethod
    def read(cls, conn: duckdb.DuckDBPyConnection,
             wants: Mapping[str, tuple[Iterable[str], Iterable[str]]], start: datetime,
             hours: int) -> GridFrame:
        """Read, per table in `wants`, (its zones, the carbon bases needed), in one query each.

        A table asked with no zones is not queried.
        """
        start = floor_hour(start)
        rows: dict[str, dict[str, int]] = {}
        grids: dict[tuple[str, str], np.ndarray] = {}
        for table, (zones, bases) in wants.items():
            names = list(dict.fromkeys(zones))
            columns = tuple(dict.fromkeys(column_of(table, b) for b in bases))
            rows[table] = {z: i for i, z in enumerate(names)}
            for column, grid in read_grids(conn, table, names, columns, start, hours).items():
                grids[(table, column)] = grid
        return cls(start, hours, rows, grids)

    def series(self, table: str, zones: Iterable[str], start: datetime, hours: int,
               carbon_basis: str = "lca") -> dict[str, HourlySeries]:
        """The slice of `zones` for `hours` hours from `start`, as `hourly_many` returns it.

        Raises:
            ValueError: the hours, a zone or a basis were not read into this frame (a
                caller asking for more than it read: a bug, never a data condition).
        """
        start = floor_hour(start)
        off = int((start - self.start) / HOUR)
        if off < 0 or off + hours > self.hours:
            raise ValueError(f"{hours} h from {start:%Y-%m-%d %H:%M} lie outside the frame "
                             f"({self.hours} h from {self.start:%Y-%m-%d %H:%M})")
        grid = self.grids.get((table, column_of(table, carbon_basis)))
        row = self.rows.get(table, {})
        names = list(dict.fromkeys(zones))
        missing = [z for z in names if z not in row]
        if grid is None or missing:
            raise ValueError(f"{table} ({carbon_basis}) for {missing or names!r} was not read "
                             "into this frame")
        return {z: HourlySeries(z, table, start, grid[row[z], off:off + hours].copy())
                for z in names}


__all__ = ["GridFrame"]
