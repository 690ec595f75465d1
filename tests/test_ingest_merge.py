"""Newer files beside old ones merge or fail clearly; fetched folders load partially."""

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from gridwise.errors import DataFileError, SourceDirError
from gridwise.ingest.load import load
from gridwise.store import Store
from tests.sourcedata import SKY_HEADER, START, _write, make_source_dir

EM_HEADER = ["datetime_utc", "ci_direct_gco2eq_per_kwh", "ci_lca_gco2eq_per_kwh",
             "low_carbon_pct", "renewable_pct", "estimated", "estimation_method"]


def carbon_rows(first: datetime, hours: int, lca: float) -> list[list[object]]:
    return [[(first + timedelta(hours=h)).strftime("%Y-%m-%d %H:%M:%S"), lca - 20, lca, 50, 30,
             "false", ""] for h in range(hours)]


def loaded(src: Path, tmp: Path) -> Store:
    s = Store.open(":memory:")
    load(s, src, tmp / "cache")
    return s


def de_lu(store: Store) -> list[tuple]:
    return store.conn.execute("SELECT ts, gco2_per_kwh FROM carbon_intensity WHERE zone = "
                              "'DE-LU' ORDER BY ts").fetchall()


def test_later_year_beside_the_old_file_is_merged(tmp_path: Path) -> None:
    src = make_source_dir(tmp_path / "src")
    later = START + timedelta(hours=48)
    _write(src / "carbon/electricitymaps/DE-LU_2024.csv", EM_HEADER, carbon_rows(later, 24, 999))
    rows = de_lu(loaded(src, tmp_path))
    assert len(rows) == 72 and rows[-1] == (later + timedelta(hours=23), 999.0)
    assert rows[0][0] == START  # the old file is still there


def test_identical_overlap_merges_conflicting_overlap_fails(tmp_path: Path) -> None:
    src = make_source_dir(tmp_path / "src")
    # DE-LU in the tiny data: lca = 120 + 5 + h % 24 (zone index 5)
    same = [[(START + timedelta(hours=h)).strftime("%Y-%m-%d %H:%M:%S"), 105 + h % 24,
             125 + h % 24, 50, 30, "false", ""] for h in range(40, 48)]
    _write(src / "carbon/electricitymaps/DE-LU_b.csv", EM_HEADER, same)
    assert len(de_lu(loaded(src, tmp_path / "a"))) == 48
    _write(src / "carbon/electricitymaps/DE-LU_b.csv", EM_HEADER,
           carbon_rows(START + timedelta(hours=47), 2, 500))
    with pytest.raises(DataFileError) as info:
        loaded(src, tmp_path / "b")
    assert "DE-LU_b.csv" in info.value.path and "2022-03-02 23:00:00" in info.value.problem
    assert "DE-LU.csv" in info.value.problem and "nothing was loaded" in info.value.hint


def test_fetched_file_supersedes(tmp_path: Path) -> None:
    src = make_source_dir(tmp_path / "src")
    _write(src / "carbon/electricitymaps/DE-LU.fetched.csv", EM_HEADER,
           carbon_rows(START + timedelta(hours=47), 3, 700))
    rows = de_lu(loaded(src, tmp_path))
    assert len(rows) == 50 and rows[47][1] == 700.0 and rows[46][1] != 700.0


def test_unplaceable_files_fail_clearly(tmp_path: Path) -> None:
    src = make_source_dir(tmp_path / "src")
    _write(src / "carbon/electricitymaps/Germany-2024.csv", EM_HEADER, carbon_rows(START, 1, 1))
    with pytest.raises(DataFileError) as info:
        loaded(src, tmp_path / "a")
    assert "Germany-2024.csv" in info.value.path and "names no known carbon zone" in \
        info.value.problem
    os.remove(src / "carbon/electricitymaps/Germany-2024.csv")
    (src / "carbon/electricitymaps/2024").mkdir()
    with pytest.raises(DataFileError, match="cannot place|can place"):
        loaded(src, tmp_path / "b")


def test_price_year_in_another_currency_fails(tmp_path: Path) -> None:
    src = make_source_dir(tmp_path / "src")
    _write(src / "prices/DE-LU_2024.csv", ["datetime_utc", "price_usd_per_mwh"],
           [["2022-03-03 00:00:00", 50]])
    with pytest.raises(DataFileError, match="different currencies"):
        loaded(src, tmp_path)


def test_fetched_folder_loads_what_it_has(tmp_path: Path) -> None:
    src = tmp_path / "fetched"
    _write(src / "carbon/electricitymaps/GB.fetched.csv", EM_HEADER, carbon_rows(START, 30, 150))
    _write(src / "catalog/nebius.csv", SKY_HEADER,
           [["h100", "H100", 1, 16, 200, 81920, 2.95, 1.25, "eu-north1", ""]])
    (src / "FETCHED.json").write_text(json.dumps({}))
    s = loaded(src, tmp_path)
    n = s.conn.execute("SELECT count(*) FROM carbon_intensity WHERE zone = 'GB'").fetchone()[0]
    assert n == 30
    assert s.conn.execute("SELECT count(*) FROM instance_prices").fetchone()[0] == 1
    assert s.conn.execute("SELECT count(*) FROM nodes").fetchone()[0] == 0
    # without FETCHED.json the same folder is an incomplete source folder: refused
    os.remove(src / "FETCHED.json")
    with pytest.raises(DataFileError, match="missing from the source folder"):
        loaded(src, tmp_path / "b")


def test_newcomer_is_told_the_two_ways(tmp_path: Path) -> None:
    with pytest.raises(SourceDirError) as info:
        load(Store.open(":memory:"), None, tmp_path / "cache")
    assert "GRIDWISE_SOURCE_DIR" in info.value.hint and "gridwise data fetch" in info.value.hint
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRIDWISE_")}
    env["GRIDWISE_HOME"] = str(tmp_path / "home")
    spec = tmp_path / "job.json"
    spec.write_text(json.dumps({"kind": "train", "gpu_hours": 4}))
    res = subprocess.run([sys.executable, "-m", "gridwise", "quote", "--spec", str(spec),
                          "--at", "2023-06-01T00:00Z"], capture_output=True, text=True,
                         env=env, timeout=120, cwd=tmp_path)
    assert res.returncode == 2 and "no data is loaded yet" in res.stderr
    assert "GRIDWISE_SOURCE_DIR" in res.stderr and "gridwise data fetch" in res.stderr
