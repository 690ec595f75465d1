"""Hourly series: carbon intensity (Electricity Maps, Let's Wait Awhile) and energy prices."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from gridwise.errors import DataFileError
from gridwise.ingest.extras import is_fetched, zone_files
from gridwise.ingest.sources import CARBON_ZONES, LWA_FILES, PRICE_MARKETS, read_csv_checked
from gridwise.ingest.validate import (
    CARBON_RANGE,
    MIN_CARBON_COVERAGE,
    MIN_PRICE_COVERAGE,
    PRICE_RANGE_USD_MWH,
    check_series,
    check_spans,
)

EM_COLUMNS = {
    "datetime_utc": "TIMESTAMP", "ci_direct_gco2eq_per_kwh": "DOUBLE",
    "ci_lca_gco2eq_per_kwh": "DOUBLE", "low_carbon_pct": "DOUBLE", "renewable_pct": "DOUBLE",
    "estimated": "BOOLEAN", "estimation_method": "VARCHAR",
}
LWA_COLUMNS = {"Time": "TIMESTAMP", "Carbon Intensity": "DOUBLE"}
# Electricity Maps coverage starts here; the LWA series (2020) is trimmed before it so
# that a zone never has two values for one hour.
LWA_END = "2021-01-01 00:00:00"
_PRICE_HEADER = re.compile(r"^price_([a-z]{3})_per_mwh$")


def build_carbon(con: duckdb.DuckDBPyConnection, source_dir: Path, lwa_dir: Path | None) -> str:
    """Build the temp table `carbon_raw` from every carbon series.

    Columns: ts, zone, gco2_per_kwh, gco2_direct_per_kwh, kind, estimated, source. LWA data
    (15/30-min) is averaged to hourly.
    """
    selects = []
    folder = source_dir / "carbon/electricitymaps"
    paths: dict[str, Path] = {}
    for zone, files in zone_files(folder, CARBON_ZONES, "carbon zone").items():
        for path in files:
            paths[zone] = path
            view = read_csv_checked(con, path, EM_COLUMNS)
            check_series(con, view, "datetime_utc", "ci_lca_gco2eq_per_kwh", path,
                         "carbon intensity", *CARBON_RANGE, MIN_CARBON_COVERAGE)
            selects.append(
                f"SELECT datetime_utc, '{zone}', ci_lca_gco2eq_per_kwh, "
                f"ci_direct_gco2eq_per_kwh, 'actual', estimated, 'electricitymaps', "
                f"'{path.name}', {int(is_fetched(path))} FROM {view}"
            )
    if lwa_dir is not None and lwa_dir.is_dir():
        for zone, name in LWA_FILES.items():
            view = read_csv_checked(con, lwa_dir / name, LWA_COLUMNS)
            check_series(con, view, '"Time"', '"Carbon Intensity"', lwa_dir / name,
                         "carbon intensity", *CARBON_RANGE, MIN_CARBON_COVERAGE)
            selects.append(
                f"SELECT date_trunc('hour', \"Time\") AS h, '{zone}', avg(\"Carbon Intensity\"), "
                f"NULL, 'actual', NULL, 'lets-wait-awhile', '{name}', 0 FROM {view} "
                f"WHERE \"Time\" < TIMESTAMP '{LWA_END}' GROUP BY h"
            )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE carbon_files AS SELECT * FROM ("
        + " UNION ALL ".join(selects)
        + ") AS t(ts, zone, gco2_per_kwh, gco2_direct_per_kwh, kind, estimated, source, file, "
        "fetched)"
    )
    # aligned coverage is checked on the bundled files (a live fetch may reach further)
    check_spans(con, "carbon_files", paths, "source = 'electricitymaps' AND fetched = 0")
    merge_files(con, "carbon_files", "carbon_raw", folder,
                "gco2_per_kwh IS DISTINCT FROM b.gco2_per_kwh OR "
                "a.gco2_direct_per_kwh IS DISTINCT FROM b.gco2_direct_per_kwh",
                "ts, zone, gco2_per_kwh, gco2_direct_per_kwh, kind, estimated, source")
    bad = con.execute(
        "SELECT zone, count(*) FROM carbon_raw WHERE gco2_per_kwh IS NULL OR gco2_per_kwh < 0 "
        "OR ts IS NULL GROUP BY zone LIMIT 1"
    ).fetchone()
    if bad:
        raise DataFileError(source_dir / "carbon", f"zone {bad[0]!r} has {bad[1]} empty or "
                            "negative carbon values")
    return "carbon_raw"


def price_currency(path: Path) -> str:
    """The currency named in a price file's header (`price_eur_per_mwh` -> 'EUR')."""
    try:
        with open(path, encoding="utf-8") as fh:
            cols = fh.readline().strip().split(",")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(path, f"cannot be read as UTF-8 text ({exc})") from None
    m = _PRICE_HEADER.match(cols[1]) if len(cols) == 2 else None
    if not m:
        raise DataFileError(path, f"unexpected header {cols!r}; expected "
                            "['datetime_utc', 'price_<ccy>_per_mwh']")
    return m.group(1).upper()


def build_prices(con: duckdb.DuckDBPyConnection, source_dir: Path) -> str:
    """Build the temp table `price_raw` from every price market.

    Columns: ts, zone, price, currency, price_usd_per_mwh, source; it needs the bundled
    `b_fx` table for the fixed USD rates.
    """
    selects = []
    folder = source_dir / "prices"
    paths: dict[str, Path] = {}
    for market, files in zone_files(folder, PRICE_MARKETS, "price market").items():
        currencies = {price_currency(p) for p in files}
        if len(currencies) > 1:
            raise DataFileError(folder / f"{market}.csv", f"the files of {market} give prices "
                                f"in different currencies {sorted(currencies)!r}",
                                "convert them to one currency (the column name says which)")
        for path in files:
            paths[market] = path
            ccy = price_currency(path)
            col = f"price_{ccy.lower()}_per_mwh"
            view = read_csv_checked(con, path, {"datetime_utc": "TIMESTAMP", col: "DOUBLE"})
            check_series(con, view, "datetime_utc", col, path, "price (USD/MWh)",
                         *PRICE_RANGE_USD_MWH, MIN_PRICE_COVERAGE,
                         scale=f"(SELECT max(usd_per_unit) FROM b_fx WHERE currency = '{ccy}')")
            source = "entsoe" if is_fetched(path) else "sustain-cluster"
            selects.append(
                f"SELECT v.datetime_utc, '{market}', v.{col}, '{ccy}', "
                f"v.{col} * fx.usd_per_unit, '{source}', '{path.name}', {int(is_fetched(path))} "
                f"FROM {view} v JOIN b_fx fx ON fx.currency = '{ccy}' WHERE v.{col} IS NOT NULL"
            )
            known = con.execute("SELECT count(*) FROM b_fx WHERE currency = ?", [ccy]).fetchone()
            if not known or not known[0]:
                raise DataFileError(path, f"currency {ccy!r} has no rate in data/fx_rates.csv",
                                    "add its USD rate to data/fx_rates.csv")
    if not selects:
        selects.append("SELECT NULL::TIMESTAMP, '', 0.0, '', 0.0, '', '', 0 WHERE false")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE price_files AS SELECT * FROM ("
        + " UNION ALL ".join(selects)
        + ") AS t(ts, zone, price, currency, price_usd_per_mwh, source, file, fetched)"
    )
    check_spans(con, "price_files", paths, "fetched = 0")
    merge_files(con, "price_files", "price_raw", folder, "price IS DISTINCT FROM b.price",
                "ts, zone, price, currency, price_usd_per_mwh, source")
    return "price_raw"


def merge_files(con: duckdb.DuckDBPyConnection, files: str, out: str, folder: Path,
                differs: str, columns: str) -> None:
    """One row per zone and hour from several files: conflicts fail, a fetch supersedes.

    Raises:
        DataFileError: two files that are not a live fetch give one hour different values.
    """
    clash = con.execute(
        f"SELECT a.zone, a.ts, a.file, b.file FROM {files} a JOIN {files} b "
        f"ON a.zone = b.zone AND a.ts = b.ts AND a.file < b.file "
        f"WHERE a.fetched = 0 AND b.fetched = 0 AND (a.{differs}) LIMIT 1"
    ).fetchone()
    if clash:
        zone, ts, f1, f2 = clash
        raise DataFileError(folder / f2, f"gives {zone} at {ts} a different value than {f1}",
                            f"keep one value per hour: remove the overlap from {f1} or {f2} "
                            "(a later year's file must not repeat earlier hours differently); "
                            "nothing was loaded")
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {out} AS SELECT {columns} FROM {files} "
        "QUALIFY row_number() OVER (PARTITION BY zone, ts ORDER BY fetched DESC, file DESC) = 1"
    )
