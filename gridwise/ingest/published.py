"""Published carbon forecasts (`carbon/electricitymaps_forecast/<ZONE>.csv`) into the store.

`data fetch` writes one file per zone (columns `datetime_utc`, `ci_lca_gco2eq_per_kwh`,
`made_at`). They are read and checked before the store is touched; a file with a bad row
fails the load with its name. The table is replaced on every load (a fetch replaces the
files too).
"""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

from gridwise.errors import DataFileError
from gridwise.store import Store

FOLDER = "carbon/electricitymaps_forecast"
COLUMNS = ("datetime_utc", "ci_lca_gco2eq_per_kwh", "made_at")
Row = tuple[datetime, str, float, datetime, str]


def read_published(source_dir: Path | None) -> list[Row]:
    """Every published forecast row under `source_dir` (none when the folder is absent).

    Raises:
        DataFileError: a file without the columns, or with an unreadable row.
    """
    folder = (source_dir / FOLDER) if source_dir is not None else None
    if folder is None or not folder.is_dir():
        return []
    out: list[Row] = []
    for path in sorted(folder.glob("*.csv")):
        zone = path.stem
        with open(path, newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            if tuple(reader.fieldnames or ()) != COLUMNS:
                raise DataFileError(path, f"columns {reader.fieldnames} are not "
                                    f"{', '.join(COLUMNS)}", "fetch it again with "
                                    "`gridwise data fetch --what forecast`")
            for n, r in enumerate(reader, start=2):
                try:
                    value = float(r["ci_lca_gco2eq_per_kwh"])
                    ts = datetime.fromisoformat(r["datetime_utc"])
                    made = datetime.fromisoformat(r["made_at"]) if r["made_at"] else ts
                except ValueError:
                    raise DataFileError(path, f"line {n} is not a time, a number and a time",
                                        "fetch it again with `gridwise data fetch "
                                        "--what forecast`") from None
                if value < 0:
                    raise DataFileError(path, f"line {n}: negative carbon intensity",
                                        "fetch it again")
                out.append((ts, zone, value, made, "electricitymaps"))
    return out


def write_published(store: Store, rows: list[Row]) -> None:
    """Replace the published forecasts with `rows` (one transaction)."""
    with store.transaction():
        store.conn.execute("DELETE FROM published_forecast")
        if rows:
            store.conn.executemany("INSERT INTO published_forecast VALUES (?, ?, ?, ?, ?)",
                                   rows)


__all__ = ["read_published", "write_published"]
