"""Recorded requests through the whole graph: the small regression `make test` runs."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from evals.sim.requests import run_requests
from evals.sim.scenario import load_scenario
from gridwise.settings import Settings
from tests.graphkit import tiny_store

GOLDEN = Path(__file__).parent / "golden" / "requests-tiny.yaml"


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


def test_a_changed_decision_is_reported(tmp_path: Path) -> None:
    """An expectation the graph does not meet is listed with what it got."""
    store = tiny_store(tmp_path)
    store.close()
    data = yaml.safe_load(GOLDEN.read_text())
    case = copy.deepcopy(data["requests"]["cases"][0])
    case["expect"]["pathways.recommended.provider"] = "nobody"
    data["requests"]["cases"] = [case]
    f = tmp_path / "changed.yaml"
    f.write_text(yaml.safe_dump(data))
    settings = Settings(home=tmp_path, db_path=tmp_path / "g.duckdb")
    row = run_requests(load_scenario(f), settings, tmp_path / "runs")
    assert row["match_pct"] == 0.0
    diff = row["cases"][0]["differences"]["pathways.recommended.provider"]
    assert diff == {"expected": "nobody", "got": "hyperbolic"}
