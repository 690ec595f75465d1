"""Recorded requests through the whole graph: the small regression `make test` runs.

The LLM case replays the embedded model's HTTP traffic from a cassette. Re-record it with
`make cassettes` (starts the embedded llama.cpp server; GRIDWISE_RECORD_LLM=1).
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from evals.sim.requests import recommended_is, run_requests
from evals.sim.scenario import SCENARIOS_DIR, load_scenario
from gridwise.settings import Settings
from tests.graphkit import tiny_store

GOLDEN = Path(__file__).parent / "golden" / "requests-tiny.yaml"
RECORDING = os.environ.get("GRIDWISE_RECORD_LLM") == "1"
REPLAY_URL = "http://127.0.0.1:9/v1"   # never contacted: the cassette answers


@pytest.fixture(scope="module")
def vcr_config():
    return {"match_on": ["method", "path", "body"], "filter_headers": ["authorization"],
            "decode_compressed_response": True, "serializer": "json"}


def test_recorded_requests_match_their_decisions(tmp_path: Path) -> None:
    """Every recorded case still gets its recorded decision (via the CLI, exit 0)."""
    tiny_store(tmp_path).close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRIDWISE_")}
    env |= {"GRIDWISE_HOME": str(tmp_path), "GRIDWISE_DB_PATH": str(tmp_path / "g.duckdb")}
    res = subprocess.run([sys.executable, "-m", "gridwise", "eval", "scenario", str(GOLDEN),
                          "--json"], capture_output=True, text=True, env=env, timeout=300)
    assert res.returncode == 0, res.stderr
    (row,) = json.loads(res.stdout)["results"]
    assert row["match_pct"] == 100.0, row["cases"]
    assert all(c["llm_calls"] == 0 for c in row["cases"])
    assert [c["id"] for c in row["cases"]][-1] == "greenest-h100-ordered"  # clock order


def test_a_changed_decision_is_reported(tmp_path: Path) -> None:
    """An expectation the graph does not meet is listed with what it got."""
    store = tiny_store(tmp_path)
    store.close()
    data = yaml.safe_load(GOLDEN.read_text())
    case = copy.deepcopy(data["requests"]["cases"][0])
    case["expect"] |= {"provider": "nobody", "pathway": "greenest"}
    data["requests"]["cases"] = [case]
    f = tmp_path / "changed.yaml"
    f.write_text(yaml.safe_dump(data))
    settings = Settings(home=tmp_path, db_path=tmp_path / "g.duckdb")
    row = run_requests(load_scenario(f), settings, tmp_path / "runs")
    assert row["match_pct"] == 0.0
    diff = row["cases"][0]["differences"]
    assert diff["provider"] == {"expected": "nobody", "got": "hyperbolic"}
    assert diff["pathway"]["expected"] == "greenest" and "cheapest" in diff["pathway"]["got"]


def test_recommended_is_names_coinciding_pathways() -> None:
    """The recommended option is every named pathway it coincides with."""
    opt = {"cluster": "a", "instance_type": "x", "count": 1, "spot": False, "start": "t"}
    res = {"pathways": {"recommended": opt, "cheapest": opt, "greenest": opt | {"start": "u"}}}
    assert recommended_is(res) == ["cheapest"]
    assert recommended_is({"status": "clarify"}) == []


def test_the_shipped_requests_scenario_validates() -> None:
    """evals/scenarios/requests/demo.yaml loads (it is replayed on the demo data by hand)."""
    sc = load_scenario(SCENARIOS_DIR / "requests" / "demo.yaml")
    assert sc.kind == "requests" and len(sc.data["requests"]["cases"]) >= 3


@pytest.mark.vcr
def test_recorded_requests_with_the_llm(tmp_path: Path) -> None:
    """The same cases with the intake and coordinator LLM roles (embedded model, replayed)."""
    from gridwise.llm import LocalServer, embedded_model_path

    tiny_store(tmp_path).close()
    server, url = None, REPLAY_URL
    if RECORDING:
        server = LocalServer(embedded_model_path("smollm2-135m", tmp_path / "models"),
                             log_path=tmp_path / "llm.log")
        url = server.start()
    data = yaml.safe_load(GOLDEN.read_text())
    data["requests"]["llm"] = "configured"
    f = tmp_path / "llm.yaml"
    f.write_text(yaml.safe_dump(data))
    settings = Settings(home=tmp_path, db_path=tmp_path / "g.duckdb", llm="endpoint",
                        llm_base_url=url, llm_model="smollm2-135m",
                        llm_roles="intake,coordinator", llm_structured="json_object",
                        llm_max_tokens=64, llm_timeout_s=600)
    try:
        row = run_requests(load_scenario(f), settings, tmp_path / "runs")
    finally:
        if server is not None:
            server.stop()
    assert row["llm"] == "endpoint"
    assert sum(c["llm_calls"] for c in row["cases"]) >= 1  # the coordinator's pick
    assert sum(c["llm_failed"] for c in row["cases"]) == 0, row["cases"]
    assert row["match_pct"] == 100.0, row["cases"]


def test_requests_scenarios_are_not_batch_simulations(tmp_path: Path) -> None:
    """`eval batch` on a requests scenario, or `--llm` on a job scenario: a clear message."""
    from typer.testing import CliRunner

    from gridwise.cli import app

    runner = CliRunner()
    db = tmp_path / "g.duckdb"
    res = runner.invoke(app, ["eval", "batch", str(GOLDEN), "--db", str(db), "--out",
                              str(tmp_path / "out")])
    assert res.exit_code == 2 and "is a requests scenario" in res.output
    res = runner.invoke(app, ["eval", "scenario", str(SCENARIOS_DIR / "gaia.yaml"), "--llm",
                              "none", "--db", str(db)])
    assert res.exit_code == 2 and "--llm applies to requests scenarios only" in res.output
    res = runner.invoke(app, ["eval", "scenario", str(GOLDEN), "--llm", "psychic", "--db",
                              str(db)])
    assert res.exit_code == 2 and "use --llm none or --llm configured" in res.output
