import shutil
from pathlib import Path

import pytest

from gridwise.errors import DataFileError, SourceDirError
from gridwise.ingest.load import load
from gridwise.store import Store
from tests.sourcedata import HOURS, make_source_dir


@pytest.fixture
def src(tmp_path: Path) -> Path:
    return make_source_dir(tmp_path / "src")


def _load(store: Store, src: Path, tmp_path: Path, **kw: object):
    return load(store, src, tmp_path / "cache", **kw)  # type: ignore[arg-type]


def _counts(store: Store) -> dict[str, int]:
    return {t: v["rows"] for t, v in store.info().items() if t != "data_sources"}


def test_load_tiny_sources(src: Path, tmp_path: Path) -> None:
    store = Store.open(":memory:")
    report = _load(store, src, tmp_path)
    assert report.rebuilt
    assert report.rows["carbon_intensity"] == 18 * HOURS
    assert report.rows["energy_price"] == 15 * HOURS
    assert report.rows["nodes"] == 4
    assert report.rows["accelerators"] == 35
    assert report.rows["data_sources"] == report.sources + 5


def test_load_is_idempotent_and_reuses_snapshot(src: Path, tmp_path: Path) -> None:
    store = Store.open(":memory:")
    _load(store, src, tmp_path)
    first = _counts(store)
    again = _load(store, src, tmp_path)
    assert not again.rebuilt
    assert _counts(store) == first


def test_changed_source_rebuilds_snapshot(src: Path, tmp_path: Path) -> None:
    store = Store.open(":memory:")
    _load(store, src, tmp_path)
    with open(src / "prices/FR.csv", "a", encoding="utf-8") as fh:
        fh.write("2022-03-03 00:00:00,55.5\n")
    report = _load(store, src, tmp_path)
    assert report.rebuilt
    assert report.rows["energy_price"] == 15 * HOURS + 1


def test_catalog_rules(src: Path, tmp_path: Path) -> None:
    store = Store.open(":memory:")
    _load(store, src, tmp_path)
    rows = {(r["provider"], r["instance_type"], r["accelerator_raw"]): r
            for r in store.rows("SELECT * FROM instance_prices")}
    a2 = rows[("gcp", "a2-highgpu-1g", "A100")]          # host + accelerator
    assert a2["price_usd_per_h"] == pytest.approx(2.7)
    assert a2["spot_price_usd_per_h"] == pytest.approx(1.3)
    n1 = rows[("gcp", "n1-standard-16", "T4")]           # 2 x T4 on an n1 host
    assert n1["accelerator_count"] == 2
    assert n1["price_usd_per_h"] == pytest.approx(1.46)
    tpu = rows[("gcp", None, "tpu-v5p-8")]                # TensorCores -> chips
    assert (tpu["accelerator"], tpu["accelerator_count"]) == ("TPU-v5p", 4)
    assert tpu["spot_price_usd_per_h"] is None             # 700.0 placeholder
    v6e = rows[("gcp", None, "tpu-v6e-1")]
    assert v6e["price_usd_per_h"] is None and "unavailable" in v6e["note"]
    vast = rows[("vast", "1x-4090", "RTX4090")]
    assert vast["spot_price_usd_per_h"] is None            # Vast 0.00 = no spot offer
    assert vast["gpu_memory_gb"] == pytest.approx(24564 / 1024)
    assert rows[("aws", "g5.xlarge", "A10G")]["gpu_memory_gb"] == 24   # from accelerators
    assert rows[("lium", "A100_1x", "A100-80GB")]["accelerator"] == "A100-80GB"


def test_clusters_and_regions(src: Path, tmp_path: Path) -> None:
    store = Store.open(":memory:")
    _load(store, src, tmp_path)
    clusters = {r["id"]: r for r in store.rows("SELECT * FROM clusters")}
    assert clusters["aws:eu-central-1"]["carbon_zone"] == "DE-LU"
    assert clusters["aws:eu-central-1"]["pue"] == pytest.approx(1.15)
    assert clusters["vast:Texas, US, NA"]["price_market"] == "US-TEX-ERCO"
    assert clusters["onprem-eu-v100"]["kind"] == "onprem"
    node = store.rows("SELECT * FROM nodes WHERE name = 'openb-node-0002'")[0]
    assert node["cluster"] == "onprem-eu-v100" and node["accelerator"] == "V100-32GB"
    assert node["gpu_free_milli"] == [1000] * 8


def test_prices_converted_at_fixed_rate(src: Path, tmp_path: Path) -> None:
    store = Store.open(":memory:")
    _load(store, src, tmp_path)
    row = store.rows("SELECT * FROM energy_price WHERE zone = 'DE-LU' ORDER BY ts LIMIT 1")[0]
    assert row["currency"] == "EUR"
    assert row["price_usd_per_mwh"] == pytest.approx(40 * 1.07764)


def test_lwa_is_hourly_and_trimmed(tmp_path: Path) -> None:
    src = make_source_dir(tmp_path / "src", with_lwa=True)
    store = Store.open(":memory:")
    report = _load(store, src, tmp_path, lwa_dir=src / "carbon/lets_wait_awhile")
    assert report.lwa_loaded
    fr = store.rows("SELECT ts, gco2_per_kwh FROM carbon_intensity WHERE zone = 'FR' ORDER BY ts")
    # 22:00 -> mean(200, 201), 23:00 -> mean(202, 203); 2021 rows are trimmed
    assert [r["gco2_per_kwh"] for r in fr] == [200.5, 202.5]


def test_missing_source_dir_setting(tmp_path: Path) -> None:
    with pytest.raises(SourceDirError, match="GRIDWISE_SOURCE_DIR"):
        load(Store.open(":memory:"), None, tmp_path / "cache")


def test_missing_file_names_it_and_loads_nothing(src: Path, tmp_path: Path) -> None:
    (src / "prices/KR.csv").unlink()
    store = Store.open(":memory:")
    with pytest.raises(DataFileError, match="prices/KR.csv"):
        _load(store, src, tmp_path)
    assert sum(_counts(store).values()) == 0


@pytest.mark.parametrize("damage", [
    ("prices/FR.csv", "2022-03-03 00:00:00,not-a-number\n", "a"),
    ("carbon/electricitymaps/GB.csv", "garbage header\n1,2\n", "w"),
    ("catalog/lambda.csv", "\xff\xfe binary", "wb"),
])
def test_corrupt_csv_names_file_and_keeps_previous_load(
    src: Path, tmp_path: Path, damage: tuple[str, str, str]
) -> None:
    store = Store.open(":memory:")
    _load(store, src, tmp_path)
    before = _counts(store)
    rel, text, mode = damage
    if mode == "wb":
        (src / rel).write_bytes(text.encode("latin-1"))
    else:
        with open(src / rel, mode, encoding="utf-8") as fh:
            fh.write(text)
    with pytest.raises(DataFileError) as info:
        _load(store, src, tmp_path)
    assert rel in info.value.path
    assert _counts(store) == before


def test_corrupt_parquet_names_file_and_keeps_store(src: Path, tmp_path: Path) -> None:
    store = Store.open(":memory:")
    _load(store, src, tmp_path)
    before = _counts(store)
    (tmp_path / "cache/energy_price.parquet").write_bytes(b"PAR1 not really parquet")
    with pytest.raises(DataFileError) as info:
        _load(store, src, tmp_path)
    assert info.value.path.endswith("energy_price.parquet")
    assert "--rebuild" in str(info.value)
    assert _counts(store) == before
    assert _load(store, src, tmp_path, rebuild=True).rows["energy_price"] == 15 * HOURS


def test_unplanned_gpu_model_is_reported(src: Path, tmp_path: Path) -> None:
    with open(src / "openb/openb_node_list_gpu_node.csv", "a", encoding="utf-8") as fh:
        fh.write("openb-node-0009,1000,1000,1,H999\n")
    with pytest.raises(DataFileError, match="H999"):
        _load(Store.open(":memory:"), src, tmp_path)


def test_failed_build_leaves_old_snapshot(src: Path, tmp_path: Path) -> None:
    store = Store.open(":memory:")
    _load(store, src, tmp_path)
    manifest = (tmp_path / "cache/manifest.json").read_text()
    shutil.copy(src / "prices/FR.csv", tmp_path / "fr.bak")
    (src / "prices/FR.csv").write_text("datetime_utc,price_eur_per_mwh\nbad,1\n")
    with pytest.raises(DataFileError):
        _load(store, src, tmp_path)
    assert (tmp_path / "cache/manifest.json").read_text() == manifest


@pytest.mark.shared
def test_real_sources_load(shared_data: Path, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "real.duckdb")
    report = load(store, shared_data, tmp_path / "cache", shared_data / "carbon/lets_wait_awhile")
    assert report.rows["nodes"] == 1213
    assert report.rows["instance_prices"] > 2500
    assert report.rows["carbon_intensity"] == 18 * 26280 + 3 * 9072
    zones = {r["zone"] for r in store.rows("SELECT DISTINCT zone FROM carbon_intensity")}
    assert len(zones) == 19  # 18 Electricity Maps zones + FR from Let's Wait Awhile
    gpus = store.rows("SELECT sum(gpu_count) AS n FROM nodes")[0]["n"]
    assert gpus == 6212
    unmapped = store.rows(
        "SELECT count(*) AS n FROM clusters WHERE kind <> 'onprem' AND carbon_zone IS NULL")
    assert unmapped[0]["n"] < 100  # regions without a grid series are counted, not hidden
