"""Issue 12 on a tiny store: catalog checks, de-duplication, carbon basis, ranges, labels."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from gridwise.ingest.load import load
from gridwise.price_checks import price_checks, snapshot_label, summary
from gridwise.store import Store
from tests.sourcedata import make_source_dir
from tools.offers import load_offers
from tools.options import parse_spec
from tools.quote_draft import CONFIDENCE_PENALTY
from tools.quoting import quote_job

CLOCK = datetime(2022, 3, 1, 5)
#: a3-highgpu-8g: host + 8 x H100 GPU-only rows; us-central1 at half the price elsewhere,
#: as in the real catalog (SOURCE.md: ~$43 vs Google's ~$88).
GCP_H100 = {"us-east4": 79.0, "us-east5": 80.0, "europe-north1": 81.0, "us-central1": 33.6}


def _append(path: Path, rows: list[list[object]]) -> None:
    with open(path, "a", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    root = tmp_path_factory.mktemp("cal")
    src = make_source_dir(root / "src")
    rows: list[list[object]] = []
    for region, gpus in GCP_H100.items():
        rows.append(["gcp", region, "", "H100", 8, "", "", gpus, "", "r", "p", "c", "GPU-only"])
        rows.append(["gcp", region, "a3-highgpu-8g", "", 0, 208, 1872, 9.46, "", "r", "p", "c",
                     "HOST VM only; add accelerator row H100 x8; implied by machine type"])
    _append(src / "catalog/hyperscalers.csv", rows)
    # the v6e file lists a slice once per zone: three zones of one region, one price
    _append(src / "catalog/gcp_tpu_v6e.csv",
            [["", "tpu-v6e-4", 1, "", "", "", 10.8, 4.0, "us-east5", f"us-east5-{z}"]
             for z in "abc"])
    s = Store.open(":memory:")
    load(s, src, root / "cache")
    return s


def _h100_job(**kw: object):
    return parse_spec({"kind": "train", "gpu_hours": 80,
                       "hardware": {"gpu_type": "H100", "gpu_count": 8}, **kw})


def test_half_price_region_is_flagged_against_its_own_provider(store: Store) -> None:
    checks = price_checks(store.conn)
    verdict = {k[1]: c for k, c in checks.items() if k[0] == "gcp" and k[3] == "H100"}
    assert verdict["us-central1"].verdict == "flag"
    assert "gcp's median for a3-highgpu-8g" in (verdict["us-central1"].reason or "")
    assert {verdict[r].verdict for r in ("us-east4", "us-east5", "europe-north1")} == {"ok"}


def test_flag_lowers_confidence_and_says_why(store: Store) -> None:
    book = quote_job(store, _h100_job(), CLOCK)
    gcp = {q.region: q for q in book.quotes if q.provider == "gcp" and q.window == "now"}
    flagged, ok = gcp["us-central1"], gcp["us-east4"]
    assert any(n.startswith("catalog price implausible") for n in flagged.notes)
    assert "price_check" in flagged.to_quote().assumptions
    # us-central1 also has no carbon series in the tiny data; us-east4 has PJM's
    assert flagged.kg_co2e is None and ok.kg_co2e is not None
    expected = ok.confidence - CONFIDENCE_PENALTY["price_flag"] - CONFIDENCE_PENALTY["no_carbon"]
    assert flagged.confidence == pytest.approx(expected, abs=0.0015)  # both rounded to 3 dp


def test_dropped_rows_are_skipped_with_the_reason(store: Store) -> None:
    offers = load_offers(store.conn)
    target = next(o for o in offers if o.provider == "gcp" and o.region == "us-east4"
                  and o.accelerator == "H100")
    dropped = [o if o is not target else
               type(o)(**{**o.__dict__, "price_check": "drop", "price_check_reason": "test"})
               for o in offers]
    book = quote_job(store, _h100_job(), CLOCK, offers=dropped)
    assert book.skipped.get("catalog price implausible, dropped: test") == 1
    assert not any(q.region == "us-east4" and q.provider == "gcp" for q in book.quotes)


def test_repeated_v6e_rows_are_kept_once(store: Store) -> None:
    n = store.conn.execute("SELECT count(*) FROM instance_prices WHERE accelerator = "
                           "'TPU-v6e' AND accelerator_count = 4").fetchone()
    assert n == (1,)
    assert summary(store.conn)["duplicates_left"] == 0


def test_direct_basis_uses_the_direct_column(store: Store) -> None:
    job = _h100_job()
    lca = {(q.cluster, q.window, q.spot): q for q in quote_job(store, job, CLOCK).quotes}
    direct = {(q.cluster, q.window, q.spot): q
              for q in quote_job(store, job, CLOCK, carbon_basis="direct").quotes}
    key = next(k for k, q in lca.items() if q.kg_co2e is not None and k[1] == "now")
    a, b = lca[key], direct[key]
    # the tiny files: direct = 100 + i + h, LCA = 120 + i + h (gCO2/kWh), same energy
    assert a.energy_kwh == b.energy_kwh and b.kg_co2e < a.kg_co2e
    assert (a.carbon_basis, b.carbon_basis) == ("lca", "direct")
    assert b.to_quote().assumptions["carbon_basis"].startswith("Electricity Maps direct")


def test_energy_and_co2_ranges_bracket_the_central_value(store: Store) -> None:
    for q in quote_job(store, _h100_job(), CLOCK).quotes:
        if q.energy_kwh is None:
            continue
        lo, hi = q.energy_kwh_range  # type: ignore[misc]
        assert lo < q.energy_kwh < hi
        if q.kg_co2e is not None:
            klo, khi = q.kg_co2e_range  # type: ignore[misc]
            assert klo < q.kg_co2e < khi


def test_later_snapshot_is_labelled() -> None:
    label = snapshot_label("catalog/hyperscalers.csv", "aws", datetime(2023, 6, 1))
    assert label and "2026-04-02" in label and "later snapshot" in label
    assert snapshot_label("catalog/hyperscalers.csv", "aws", datetime(2026, 8, 1)) is None


def _cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRIDWISE_")}
    src = make_source_dir(tmp_path / "src")
    env.update(GRIDWISE_HOME=str(tmp_path), GRIDWISE_SOURCE_DIR=str(src), GRIDWISE_LLM="none")
    return subprocess.run([sys.executable, "-m", "gridwise", *args], capture_output=True,
                          text=True, env=env, timeout=120)


def test_cli_basis_everywhere_and_bad_basis(tmp_path: Path) -> None:
    assert _cli(tmp_path, "data", "load").returncode == 0
    spec = tmp_path / "job.yaml"
    spec.write_text("kind: train\ngpu_hours: 10\nhardware: {gpu_type: H100}\n")
    res = _cli(tmp_path, "quote", "--spec", str(spec), "--at", "2022-03-01T05:00Z",
               "--carbon-basis", "direct", "--json")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["carbon_basis"] == "direct"
    assert {p["carbon_basis"] for p in out["pathways"].values()} == {"direct"}
    bad = _cli(tmp_path, "quote", "--spec", str(spec), "--at", "2022-03-01T05:00Z",
               "--carbon-basis", "marginal")
    assert bad.returncode == 2 and "marginal" in bad.stderr
    info = json.loads(_cli(tmp_path, "data", "info", "--json").stdout)
    assert info["price_checks"]["rows_checked"] > 0
    assert info["carbon_basis"]["direct_zones"] == 18


def test_flagged_price_does_not_win_cheapest(store: Store) -> None:
    from tools.ranking import rank

    job = _h100_job(constraints={"exclude_providers": ["lambda", "nebius", "hyperbolic",
                                                       "vast", "lium"]})
    book = quote_job(store, job, CLOCK)
    gcp = [q for q in book.quotes if q.provider == "gcp" and not q.spot]
    assert min(gcp, key=lambda q: q.cost_usd).region == "us-central1"  # cheapest by price
    cheapest = rank(book.quotes, job, CLOCK).pathways["cheapest"].quote
    assert cheapest.region != "us-central1" and not cheapest.price_flagged


def test_setting_reaches_the_cluster_agents(store: Store, tmp_path: Path) -> None:
    from graphs.scheduling.context import build_deps, live
    from gridwise.settings import Settings

    deps = build_deps(store, Settings(home=tmp_path, carbon_basis="direct", llm="none"), None)
    resources = live(deps)   # the run context is settings; its live objects carry the basis
    with resources.store() as held:
        handlers = resources.transport(held).local.handlers.values()  # type: ignore[attr-defined]
    assert {h.__self__.carbon_basis for h in handlers} == {"direct"}
