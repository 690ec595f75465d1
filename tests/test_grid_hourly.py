"""`hourly_many` puts each stored row at its zone and hour, as `hourly` does one zone at a time."""

from __future__ import annotations

from datetime import datetime, timedelta

import duckdb
import numpy as np

from tools.grid import hourly, hourly_many

T0 = datetime(2023, 3, 1)


def _conn() -> duckdb.DuckDBPyConnection:
    conn = duckdb.connect()
    conn.execute("CREATE TABLE carbon_intensity(ts TIMESTAMP, zone VARCHAR, "
                 "gco2_per_kwh DOUBLE, gco2_direct_per_kwh DOUBLE)")
    rows = [(T0 + timedelta(hours=h), z, 100.0 * (i + 1) + h, None if h == 2 else float(h))
            for i, z in enumerate(("DE", "FR")) for h in range(-3, 8) if (z, h) != ("FR", 4)]
    conn.executemany("INSERT INTO carbon_intensity VALUES (?, ?, ?, ?)", rows)
    return conn


def test_each_row_lands_at_its_zone_and_hour() -> None:
    got = hourly_many(_conn(), "carbon_intensity", ["FR", "DE", "XX", "FR"], T0, 6)
    assert list(got) == ["FR", "DE", "XX"]  # a zone asked twice comes back once
    np.testing.assert_array_equal(got["DE"].values, [100, 101, 102, 103, 104, 105])
    np.testing.assert_array_equal(got["FR"].values, [200, 201, 202, 203, np.nan, 205])
    assert np.isnan(got["XX"].values).all() and got["XX"].values.size == 6
    assert got["DE"].start == T0


def test_null_values_are_nan_and_rows_outside_the_range_are_left_out() -> None:
    got = hourly_many(_conn(), "carbon_intensity", ["DE"], T0 + timedelta(hours=1), 10,
                      "direct")
    np.testing.assert_array_equal(got["DE"].values,
                                  [1, np.nan, 3, 4, 5, 6, 7, np.nan, np.nan, np.nan])


def test_the_same_series_as_one_zone_at_a_time() -> None:
    conn = _conn()
    start = T0 - timedelta(hours=2, minutes=30)  # floored to the hour, as `hourly` does
    many = hourly_many(conn, "carbon_intensity", ["DE", "FR"], start, 12)
    for zone, series in many.items():
        one = hourly(conn, "carbon_intensity", zone, start, 12)
        np.testing.assert_array_equal(series.values, one.values)
        assert series.start == one.start


def test_no_zones_no_query() -> None:
    assert hourly_many(_conn(), "carbon_intensity", [], T0, 4) == {}
