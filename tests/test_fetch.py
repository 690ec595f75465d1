"""`data fetch`: recorded API answers (vcrpy) into the source layout; tokens; nothing half-written.

The cassettes are built by tests/fetch_cassettes.py from the providers' documented formats.
"""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gridwise.errors import UserError
from gridwise.ingest.live import electricitymaps, markets
from gridwise.ingest.live.fetch import MANIFEST, fetch, plan
from gridwise.ingest.live.http import FetchError
from tests.fetch_cassettes import NOW


@pytest.fixture(scope="module")
def vcr_config():
    return {"match_on": ["method", "host", "path", "query"], "record_mode": "none",
            "filter_query_parameters": ["securityToken"], "filter_headers": ["auth-token"],
            "serializer": "json"}


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.vcr
def test_electricitymaps_history_and_forecast(tmp_path: Path) -> None:
    p = plan(["carbon", "forecast"], ["DE-LU", "GB"], None, 2, NOW)
    report = fetch(tmp_path, p, "em-token", None, NOW)
    hist = rows(tmp_path / "carbon/electricitymaps/DE-LU.fetched.csv")
    assert len(hist) == 48 and hist[0]["datetime_utc"] == "2024-01-03 00:00:00"
    assert list(hist[0]) == ["datetime_utc", "ci_direct_gco2eq_per_kwh", "ci_lca_gco2eq_per_kwh",
                             "low_carbon_pct", "renewable_pct", "estimated",
                             "estimation_method"]
    lca, direct = float(hist[0]["ci_lca_gco2eq_per_kwh"]), float(
        hist[0]["ci_direct_gco2eq_per_kwh"])
    assert lca == 380.0 and direct == pytest.approx(323.0)   # both factor types kept
    assert hist[-1]["estimated"] == "true" and hist[-1]["estimation_method"]
    fc = rows(tmp_path / "carbon/electricitymaps_forecast/GB.csv")
    assert len(fc) == 72 and fc[0]["made_at"] == "2024-01-04 23:49:03"
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    assert manifest["carbon/electricitymaps/GB.fetched.csv"]["fetched_at"] == "2024-01-05T00:00:00Z"
    assert report.files["carbon/electricitymaps/GB.fetched.csv"] == 48


@pytest.mark.vcr
def test_entsoe_day_ahead_prices(tmp_path: Path) -> None:
    p = plan(["prices"], None, ["DE-LU"], 2, NOW)
    fetch(tmp_path, p, None, "entsoe-token", NOW)
    got = rows(tmp_path / "prices/DE-LU.fetched.csv")
    assert list(got[0]) == ["datetime_utc", "price_eur_per_mwh"]
    assert len(got) == 48 and got[0]["datetime_utc"] == "2024-01-03 00:00:00"
    # position 1 of the day starting 2024-01-03 00:00 UTC (the second TimeSeries: d = 1)
    assert float(got[0]["price_eur_per_mwh"]) == pytest.approx(70 - 25 + 1, abs=0.01)


@pytest.mark.vcr
def test_skypilot_catalogs(tmp_path: Path) -> None:
    fetch(tmp_path, plan(["catalogs"], None, None, 1, NOW), None, None, NOW)
    lam = rows(tmp_path / "catalog/lambda.csv")
    assert [r["accelerator_name"] for r in lam] == ["H100", "A100-80GB"]  # CPU rows dropped
    assert lam[1]["gpu_memory_mib_per_accelerator"] == "81920"
    vast = rows(tmp_path / "catalog/vast.csv")
    assert vast[0]["gpu_memory_mib_per_accelerator"] == "24564"  # Vast's total / count
    tpu = rows(tmp_path / "catalog/gcp_tpu_v6e.csv")
    assert [r["accelerator_name"] for r in tpu] == ["tpu-v6e-8"]
    assert tpu[0]["availability_zone"] == "us-east5-b"


def test_missing_tokens_fail_before_any_request(tmp_path: Path) -> None:
    with pytest.raises(UserError) as info:
        fetch(tmp_path / "src", plan(["carbon", "prices"], None, None, 1, NOW), None, None, NOW)
    assert "GRIDWISE_ELECTRICITYMAPS_TOKEN" in info.value.hint
    assert "GRIDWISE_ENTSOE_TOKEN" in info.value.hint
    assert not (tmp_path / "src").exists()


def test_no_network_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a closed loopback port: the connection is really refused
    monkeypatch.setattr(electricitymaps, "BASE_URL", "http://127.0.0.1:9/v3")
    target = tmp_path / "src"
    (target / "carbon/electricitymaps").mkdir(parents=True)
    before = sorted(p.name for p in target.rglob("*"))
    with pytest.raises(FetchError) as info:
        fetch(target, plan(["carbon"], ["DE-LU", "GB"], None, 1, NOW), "tok", None, NOW)
    assert "cannot reach Electricity Maps" in info.value.message
    assert "nothing was written" in info.value.hint
    assert sorted(p.name for p in target.rglob("*")) == before


def test_bad_requests_are_named() -> None:
    with pytest.raises(UserError, match="unknown carbon zone 'DE'"):
        plan(["carbon"], ["DE"], None, 1, NOW)
    with pytest.raises(UserError, match="unknown fetch kind"):
        plan(["weather"], None, None, 1, NOW)
    with pytest.raises(UserError, match="price market"):
        plan(["prices"], None, ["GB"], 1, NOW)
    with pytest.raises(FetchError, match="unexpected columns"):
        markets.catalog_rows("a,b\n1,2\n", "lambda", "")


def test_cli_without_tokens(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRIDWISE_")}
    env["GRIDWISE_HOME"] = str(tmp_path / "home")
    res = subprocess.run([sys.executable, "-m", "gridwise", "data", "fetch", "--source",
                          str(tmp_path / "src"), "--what", "carbon"], capture_output=True,
                         text=True, env=env, timeout=120, cwd=tmp_path)
    assert res.returncode == 2 and "GRIDWISE_ELECTRICITYMAPS_TOKEN" in res.stderr
    assert "Traceback" not in res.stderr and not (tmp_path / "src").exists()


CASSETTES = Path(__file__).parent / "cassettes" / "test_fetch"


@pytest.mark.vcr(str(CASSETTES / "test_electricitymaps_history_and_forecast.json"),
                 str(CASSETTES / "test_skypilot_catalogs.json"))
def test_fetched_data_loads_and_the_clock_is_now(tmp_path: Path) -> None:
    from datetime import timedelta

    from gridwise.ingest.load import load
    from gridwise.models import JobSpec
    from gridwise.store import Store
    from tools.forecast.choice import quote_clock
    from tools.quoting import quote_job

    src = tmp_path / "src"
    fetch(src, plan(["carbon", "catalogs"], ["DE-LU", "GB"], None, 2, NOW), "tok", None, NOW)
    store = Store.open(":memory:")
    load(store, src, tmp_path / "cache")  # a partial, fetched folder
    now = NOW + timedelta(minutes=30)
    clock = quote_clock(store, None, None, now=now)
    assert clock == now  # live data and no --at: the clock is now
    job = JobSpec.model_validate({"kind": "train", "gpu_hours": 4,
                                  "hardware": {"gpu_type": "A100-80GB"}})
    book = quote_job(store, job, clock)
    lium = [q for q in book.quotes if q.provider == "lium" and q.window == "now"][0]
    assert lium.offer.carbon_zone == "DE-LU" and lium.kg_co2e is not None
    assert lium.signal == "forecast:seasonal_24"  # two days of history: labelled fallback
    assert lium.kg_co2e_actual is None  # the future is not known yet
    notes = book.signals["carbon_intensity:DE-LU"]["notes"]
    assert any("ridge needs" in n for n in notes)
