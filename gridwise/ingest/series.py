"""Hourly series: carbon intensity (Electricity Maps, Let's Wait Awhile) and energy prices."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from gridwise.errors import DataFileError
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
    paths: dict[str, Path] = {}
    for zone in CARBON_ZONES:
        paths[zone] = source_dir / f"carbon/electricitymaps/{zone}.csv"
        view = read_csv_checked(con, paths[zone], EM_COLUMNS)
        check_series(con, view, "datetime_utc", "ci_lca_gco2eq_per_kwh", paths[zone],
                     "carbon intensity", *CARBON_RANGE, MIN_CARBON_COVERAGE)
        selects.append(
            f"SELECT datetime_utc, '{zone}', ci_lca_gco2eq_per_kwh, ci_direct_gco2eq_per_kwh, "
            f"'actual', estimated, 'electricitymaps' FROM {view}"
        )
    if lwa_dir is not None and lwa_dir.is_dir():
        for zone, name in LWA_FILES.items():
            view = read_csv_checked(con, lwa_dir / name, LWA_COLUMNS)
            check_series(con, view, '"Time"', '"Carbon Intensity"', lwa_dir / name,
                         "carbon intensity", *CARBON_RANGE, MIN_CARBON_COVERAGE)
            selects.append(
                f"SELECT date_trunc('hour', \"Time\") AS h, '{zone}', avg(\"Carbon Intensity\"), "
                f"NULL, 'actual', NULL, 'lets-wait-awhile' FROM {view} "
                f"WHERE \"Time\" < TIMESTAMP '{LWA_END}' GROUP BY h"
            )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE carbon_raw AS SELECT * FROM ("
        + " UNION ALL ".join(selects)
        + ") AS t(ts, zone, gco2_per_kwh, gco2_direct_per_kwh, kind, estimated, source)"
    )
    check_spans(con, "carbon_raw", paths, "source = 'electricitymaps'")
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
    paths: dict[str, Path] = {}
    for market in PRICE_MARKETS:
        path = paths[market] = source_dir / f"prices/{market}.csv"
        ccy = price_currency(path)
        col = f"price_{ccy.lower()}_per_mwh"
        view = read_csv_checked(con, path, {"datetime_utc": "TIMESTAMP", col: "DOUBLE"})
        check_series(con, view, "datetime_utc", col, path, "price (USD/MWh)",
                     *PRICE_RANGE_USD_MWH, MIN_PRICE_COVERAGE,
                     scale=f"(SELECT max(usd_per_unit) FROM b_fx WHERE currency = '{ccy}')")
        selects.append(
            f"SELECT v.datetime_utc, '{market}', v.{col}, '{ccy}', v.{col} * fx.usd_per_unit, "
            f"'sustain-cluster' FROM {view} v JOIN b_fx fx ON fx.currency = '{ccy}' "
            f"WHERE v.{col} IS NOT NULL"
        )
        known = con.execute("SELECT count(*) FROM b_fx WHERE currency = ?", [ccy]).fetchone()
        if not known or not known[0]:
            raise DataFileError(path, f"currency {ccy!r} has no rate in data/fx_rates.csv",
                                "add its USD rate to data/fx_rates.csv")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE price_raw AS SELECT * FROM ("
        + " UNION ALL ".join(selects)
        + ") AS t(ts, zone, price, currency, price_usd_per_mwh, source)"
    )
    check_spans(con, "price_raw", paths)
    return "price_raw"
