"""Issue 11 item 7: damaged sources are refused, naming the file and the failed check.

Every refusal leaves the previous store intact.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from gridwise.errors import DataFileError
from gridwise.ingest.load import load
from gridwise.ingest.validate import check_spans
from gridwise.store import Store
from tests.sourcedata import make_source_dir

CARBON = "carbon/electricitymaps/DE-LU.csv"
PRICE = "prices/ES.csv"


@pytest.fixture
def src(tmp_path: Path) -> Path:
    return make_source_dir(tmp_path / "src")


@pytest.fixture
def loaded(src: Path, tmp_path: Path):
    store = Store.open(":memory:")
    load(store, src, tmp_path / "cache")
    yield store, _counts(store)
    store.close()


def _counts(store: Store) -> dict[str, int]:
    return {t: v["rows"] for t, v in store.info().items() if t != "data_sources"}


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def _refused(store: Store, src: Path, tmp_path: Path, before: dict[str, int], file: str,
             check: str, **kw: object) -> DataFileError:
    with pytest.raises(DataFileError) as e:
        load(store, src, tmp_path / "cache", **kw)  # type: ignore[arg-type]
    assert e.value.path.endswith(file), e.value.path
    assert check in e.value.problem, e.value.problem
    assert _counts(store) == before  # the previous store stays intact
    return e.value


def test_file_cut_at_a_line_boundary_is_refused(loaded, src, tmp_path) -> None:
    store, before = loaded
    path = src / CARBON
    path.write_text("".join(_lines(path)[:-10]), encoding="utf-8")
    err = _refused(store, src, tmp_path, before, CARBON, "10 fewer than at the previous load")
    assert "--allow-fewer-rows" in err.hint
    report = load(store, src, tmp_path / "cache", allow_fewer_rows=True)
    assert report.rows["carbon_intensity"] == before["carbon_intensity"] - 10


def test_header_only_price_file_is_refused(loaded, src, tmp_path) -> None:
    store, before = loaded
    path = src / PRICE
    path.write_text(_lines(path)[0], encoding="utf-8")
    _refused(store, src, tmp_path, before, PRICE, "no rows", allow_fewer_rows=True)


def test_negative_instance_price_is_refused(loaded, src, tmp_path) -> None:
    store, before = loaded
    path = src / "catalog/lambda.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2.49", "-50"), encoding="utf-8")
    _refused(store, src, tmp_path, before, "catalog/lambda.csv", "price -50.0")


@pytest.mark.parametrize("file, edit, check", [
    (CARBON, lambda ls: ls[:5] + [ls[4]] + ls[5:-1], "repeat or go backwards"),
    (CARBON, lambda ls: [ls[0], ls[2], ls[1], *ls[3:]], "repeat or go backwards"),
    (CARBON, lambda ls: ls[:10] + ls[16:], "hourly coverage"),
    (PRICE, lambda ls: ls[:3] + ls[30:], "hourly coverage"),
    (CARBON, lambda ls: [ls[0], ls[1].replace(ls[1].split(",")[2], "5000", 1), *ls[2:]],
     "value range"),
    (PRICE, lambda ls: [ls[0], ls[1].split(",")[0] + ",-50000\n", *ls[2:]], "value range"),
])
def test_damaged_series_are_refused_on_first_load(src, tmp_path, file, edit, check) -> None:
    path = src / file
    path.write_text("".join(edit(_lines(path))), encoding="utf-8")
    store = Store.open(":memory:")
    _refused(store, src, tmp_path, _counts(store), file, check)


def test_truncated_zone_is_refused_by_its_span(tmp_path) -> None:
    con = duckdb.connect()
    con.execute("""CREATE TABLE t AS SELECT z.zone, ts FROM (VALUES ('A'), ('B')) z(zone),
        range(TIMESTAMP '2021-01-01', TIMESTAMP '2021-03-01', INTERVAL 1 HOUR) r(ts)
        WHERE z.zone = 'A' OR ts < TIMESTAMP '2021-01-20'""")
    with pytest.raises(DataFileError) as e:
        check_spans(con, "t", {"A": tmp_path / "A.csv", "B": tmp_path / "B.csv"})
    assert e.value.path.endswith("B.csv") and "looks truncated" in e.value.problem


def test_bit_flipped_snapshot_is_not_reused(loaded, src, tmp_path) -> None:
    store, before = loaded
    snap = tmp_path / "cache/carbon_intensity.parquet"
    data = bytearray(snap.read_bytes())
    data[len(data) // 2] ^= 0x01
    snap.write_bytes(bytes(data))
    err = _refused(store, src, tmp_path, before, "carbon_intensity.parquet", "snapshot hash")
    assert "--rebuild" in err.hint
    assert load(store, src, tmp_path / "cache", rebuild=True).rows == load(
        store, src, tmp_path / "cache").rows
