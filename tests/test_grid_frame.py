"""A `GridFrame` slice holds what `hourly_many` reads for the same zones, hours and basis."""

from __future__ import annotations

from datetime import datetime, timedelta

import duckdb
import numpy as np
import pytest

from tools.grid import hourly_many
from tools.grid_frame import GridFrame

T0 = datetime(2023, 3, 1)


def _conn() -> duckdb.DuckDBPyConnection:
    conn = duckdb.connect()
    conn.execute("CREATE TABLE carbon_intensity(ts TIMESTAMP, zone VARCHAR, "
                 "gco2_per_kwh DOUBLE, gco2_direct_per_kwh DOUBLE)")
    rows = [(T0 + timedelta(hours=h), z, 100.0 * (i + 1) + h, None if h % 5 == 2 else float(h))
            for i, z in enumerate(("DE", "FR", "NO")) for h in range(-3, 30)
            if (z, h) != ("FR", 4)]
    conn.executemany("INSERT INTO carbon_intensity VALUES (?, ?, ?, ?)", rows)
    conn.execute("CREATE TABLE energy_price(ts TIMESTAMP, zone VARCHAR, "
                 "price_usd_per_mwh DOUBLE)")
    conn.executemany("INSERT INTO energy_price VALUES (?, ?, ?)",
                     [(T0 + timedelta(hours=h), "DE-LU", 50.0 + h) for h in range(24)])
    return conn


def test_every_slice_is_what_hourly_many_reads() -> None:
    conn = _conn()
    frame = GridFrame.read(conn, {"carbon_intensity": (["FR", "DE", "XX"], ["lca", "direct"]),
                                  "energy_price": (["DE-LU"], ["lca"])}, T0, 30)
    for zones in (["DE"], ["FR", "DE"], ["XX", "FR"]):
        for start, hours in ((T0, 30), (T0 + timedelta(hours=5), 7),
                             (T0 + timedelta(hours=29, minutes=30), 1)):
            for basis in ("lca", "direct"):
                got = frame.series("carbon_intensity", zones, start, hours, basis)
                want = hourly_many(conn, "carbon_intensity", zones, start, hours, basis)
                assert list(got) == list(want)
                for z in zones:
                    np.testing.assert_array_equal(got[z].values, want[z].values)
                    assert got[z].start == want[z].start
    price = frame.series("energy_price", ["DE-LU"], T0 + timedelta(hours=20), 10)["DE-LU"]
    np.testing.assert_array_equal(price.values[:4], [70, 71, 72, 73])
    assert np.isnan(price.values[4:]).all()


def test_a_slice_is_a_copy() -> None:
    frame = GridFrame.read(_conn(), {"carbon_intensity": (["DE"], ["lca"])}, T0, 6)
    frame.series("carbon_intensity", ["DE"], T0, 6)["DE"].values[:] = -1
    assert frame.series("carbon_intensity", ["DE"], T0, 6)["DE"].values[0] == 100


def test_what_was_not_read_is_refused() -> None:
    frame = GridFrame.read(_conn(), {"carbon_intensity": (["DE"], ["lca"])}, T0, 6)
    with pytest.raises(ValueError, match="outside the frame"):
        frame.series("carbon_intensity", ["DE"], T0 - timedelta(hours=1), 2)
    with pytest.raises(ValueError, match="outside the frame"):
        frame.series("carbon_intensity", ["DE"], T0 + timedelta(hours=5), 2)
    with pytest.raises(ValueError, match="not read"):
        frame.series("carbon_intensity", ["FR"], T0, 6)
    with pytest.raises(ValueError, match="not read"):
        frame.series("carbon_intensity", ["DE"], T0, 6, "direct")
    with pytest.raises(ValueError, match="not read"):
        frame.series("energy_price", ["DE"], T0, 6)
    # look-alikes: the frame's last hour, a zone asked twice, a basis read: all served
    assert frame.series("carbon_intensity", ["DE"], T0 + timedelta(hours=5), 1)["DE"].covered()
    assert list(frame.series("carbon_intensity", ["DE", "DE"], T0, 6)) == ["DE"]


def test_one_query_per_table_and_none_for_a_table_without_zones() -> None:
    conn = _conn()
    seen: list[str] = []

    class Counting:
        def execute(self, sql: str, params: object = None) -> duckdb.DuckDBPyConnection:
            seen.append(sql)
            return conn.execute(sql, params)

    GridFrame.read(Counting(), {"carbon_intensity": (["DE", "FR"], ["lca", "direct"]),  # type: ignore[arg-type]
                                "energy_price": ([], ["lca"])}, T0, 6)
    assert len(seen) == 1 and "FROM carbon_intensity" in seen[0]
