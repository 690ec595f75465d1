"""Checks every source must pass before it replaces what the store holds.

A damaged file must never load silently: a carbon file cut at a line boundary, a
header-only price file, a negative instance price, duplicated or shuffled hours. Each
check raises `DataFileError` naming the file and the check that failed; the load then
stops before the store is touched, so the previous contents stay intact.

Checks, per file: at least one row; timestamps strictly increasing in file order (so
unique); hourly coverage of the file's own span (carbon >= `MIN_CARBON_COVERAGE`, prices
>= `MIN_PRICE_COVERAGE`: markets publish gaps); the span aligned with the other zones
of its source (a truncated file ends early); values within physical / market ranges;
and no fewer rows than the same file had at the previous load (unless allowed).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import duckdb

from gridwise.errors import DataFileError

#: Share of the hours between a carbon file's first and last row that must be present.
MIN_CARBON_COVERAGE = 0.99
#: Same for prices (day-ahead markets have missing hours: DE-LU lacks 0.5 %).
MIN_PRICE_COVERAGE = 0.95
#: A zone's series may start later / end earlier than its source's others by this much.
SPAN_SLACK_H = 7 * 24
#: Grid carbon intensity, gCO2e/kWh (lignite-heavy grids peak near 1,200).
CARBON_RANGE = (0.0, 2000.0)
#: Wholesale electricity, USD/MWh: negative prices are real (EU floor -500 EUR), ERCOT's
#: cap reached 9,000 in February 2021.
PRICE_RANGE_USD_MWH = (-1000.0, 20000.0)
#: Instance price per hour, USD (the largest 8-GPU VMs list near 100).
INSTANCE_PRICE_RANGE = (0.0, 10000.0)


def _one(con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None) -> tuple:
    row = con.execute(sql, params or []).fetchone()
    assert row is not None
    return tuple(row)


def check_series(con: duckdb.DuckDBPyConnection, view: str, ts: str, value: str, path: Path,
                 what: str, low: float, high: float, hourly_min: float | None,
                 scale: str = "1") -> None:
    """One time-series file, as read into `view`: rows, order, coverage, value range.

    Args:
        con: the connection holding `view` (a table read in file order).
        view: the table name.
        ts: its timestamp column (quoted if needed).
        value: its value column (quoted if needed); NULLs are gaps, not values.
        path: the file, for the message.
        what: what the values are, for the message ("carbon intensity").
        low: smallest accepted value (after `scale`).
        high: largest accepted value (after `scale`).
        hourly_min: least share of hours present between first and last row (None: the
            file is sub-hourly and only order is checked).
        scale: SQL factor turning the value into the unit of `low`/`high`.

    Raises:
        DataFileError: the first check that fails.
    """
    n, first, last = _one(con, f"SELECT count(*), min({ts}), max({ts}) FROM {view}")
    if n == 0:
        raise DataFileError(path, "has a header but no rows (check: at least one row)")
    (bad_order,) = _one(con, f"""SELECT count(*) FROM (SELECT {ts} AS t,
        lag({ts}) OVER (ORDER BY rowid) AS prev FROM {view}) WHERE t <= prev""")
    if bad_order:
        (at,) = _one(con, f"""SELECT min(t) FROM (SELECT {ts} AS t,
            lag({ts}) OVER (ORDER BY rowid) AS prev FROM {view}) WHERE t <= prev""")
        raise DataFileError(path, f"{bad_order} timestamp(s) repeat or go backwards, first at "
                            f"{at} (check: unique, increasing timestamps)")
    if hourly_min is not None:
        hours = int((last - first).total_seconds() // 3600) + 1
        (have,) = _one(con, f"SELECT count(DISTINCT date_trunc('hour', {ts})) FROM {view} "
                       f"WHERE {value} IS NOT NULL")
        if have < hourly_min * hours:
            raise DataFileError(path, f"covers {have:,} of the {hours:,} hours from {first} to "
                                f"{last} ({have / hours:.1%}; check: at least "
                                f"{hourly_min:.0%} hourly coverage)")
    lo, hi = _one(con, f"SELECT min({value} * {scale}), max({value} * {scale}) FROM {view}")
    if lo is not None and (lo < low or hi > high):
        bad = lo if lo < low else hi
        raise DataFileError(path, f"{what} {bad:g} is outside {low:g} .. {high:g} (check: "
                            "value range)")


def check_spans(con: duckdb.DuckDBPyConnection, table: str, paths: Mapping[str, Path],
                where: str = "true") -> None:
    """Every zone of one source covers about the same span as the others.

    A file cut at a line boundary still has hourly coverage; it ends early.

    Raises:
        DataFileError: a zone starts more than `SPAN_SLACK_H` later, or ends more than
            that earlier, than the widest span of its source.
    """
    rows = con.execute(f"SELECT zone, min(ts), max(ts) FROM {table} WHERE {where} "
                       "GROUP BY zone").fetchall()
    if len(rows) < 2:
        return
    start, end = min(r[1] for r in rows), max(r[2] for r in rows)
    for zone, first, last in rows:
        late = (first - start).total_seconds() / 3600
        early = (end - last).total_seconds() / 3600
        if late > SPAN_SLACK_H or early > SPAN_SLACK_H:
            raise DataFileError(paths[zone], f"spans {first} .. {last}, while the other "
                                f"zones span {start} .. {end} (check: aligned coverage; "
                                "the file looks truncated)")


def check_catalog(con: duckdb.DuckDBPyConnection, table: str, source_dir: Path) -> None:
    """Instance prices are positive and plausible; accelerator counts not negative.

    Raises:
        DataFileError: naming the catalog file and the offending instance.
    """
    lo, hi = INSTANCE_PRICE_RANGE
    bad = con.execute(f"""SELECT source_file, instance_type, region, price_usd_per_h,
        spot_price_usd_per_h, accelerator_count FROM {table}
        WHERE price_usd_per_h <= {lo} OR price_usd_per_h > {hi}
           OR spot_price_usd_per_h < {lo} OR spot_price_usd_per_h > {hi}
           OR accelerator_count < 0 LIMIT 1""").fetchone()
    if bad:
        f, itype, region, price, spot, count = bad
        raise DataFileError(source_dir / f, f"instance {itype!r} in {region!r} has price "
                            f"{price!r}, spot {spot!r}, {count!r} accelerators (check: prices "
                            f"in {lo:g} .. {hi:g} USD/h, no negative accelerator count)")


def check_row_counts(new: Mapping[str, int], previous: Mapping[str, int],
                     paths: Mapping[str, Path]) -> None:
    """No source has fewer rows than at the previous load.

    Raises:
        DataFileError: the first file that shrank.
    """
    for key, rows in new.items():
        before = previous.get(key)
        if before is not None and rows < before:
            raise DataFileError(paths[key], f"has {rows:,} rows, {before - rows:,} fewer than "
                                f"at the previous load ({before:,}; check: row count)",
                                "restore the file; if the smaller file is intended, load "
                                "again with --allow-fewer-rows")
