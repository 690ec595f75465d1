"""Batches: eval_runs keys, resuming a killed batch, backends, the CLI's JSON and report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from evals.sim.batch import run_batch
from gridwise.cli import app
from tests.simkit import small_gaia, store_with, wavy


class Killed(Exception):
    """Stands for the batch process being killed."""


def _count(store) -> int:
    return store.conn.execute("SELECT count(*) FROM eval_runs WHERE kind = 'sim'").fetchone()[0]


def test_killed_batch_resumes_without_recomputing(tmp_path: Path) -> None:
    """Only whole runs are stored; the rerun computes the rest and matches a clean batch."""
    scen = small_gaia(tmp_path, policies=["nowait", "carbon-time", "wait-awhile"],
                      reserved=[0, 9])
    store = store_with({"US-CAL-CISO": wavy(720, 2)}, path=str(tmp_path / "a.duckdb"))
    calls = []

    def die(done: int, total: int) -> None:
        calls.append(done)
        if done == 2:
            raise Killed

    with pytest.raises(Killed):
        run_batch(store, [scen], progress=die)
    assert _count(store) == 2
    for (res,) in store.conn.execute("SELECT results FROM eval_runs").fetchall():
        assert json.loads(res)["jobs"] == 40
    again = run_batch(store, [scen])
    assert (again["computed"], again["reused"]) == (4, 2)
    assert run_batch(store, [scen])["computed"] == 0
    clean = run_batch(store_with({"US-CAL-CISO": wavy(720, 2)}), [scen])
    assert clean["scenarios"] == again["scenarios"]


def test_two_workers_give_the_same_rows(tmp_path: Path) -> None:
    """The process pool changes nothing but the wall time."""
    scen = small_gaia(tmp_path, policies=["carbon-time", "allwait-threshold"], reserved=[0, 3])
    one = run_batch(store_with({"US-CAL-CISO": wavy(720, 4)}), [scen], workers=1)
    two = run_batch(store_with({"US-CAL-CISO": wavy(720, 4)}), [scen], workers=2)
    assert json.dumps(one["scenarios"]) == json.dumps(two["scenarios"])


@pytest.mark.slow
def test_ray_backend_matches_the_process_backend(tmp_path: Path) -> None:
    """Ray (the `scale` extra) returns the same rows byte for byte."""
    pytest.importorskip("ray", reason="Ray is the optional `scale` extra (pip install '.[scale]')")
    scen = small_gaia(tmp_path, policies=["carbon-time"], reserved=[0, 9])
    proc = run_batch(store_with({"US-CAL-CISO": wavy(720, 5)}), [scen])
    ray = run_batch(store_with({"US-CAL-CISO": wavy(720, 5)}), [scen], backend="ray", workers=2)
    assert json.dumps(proc["scenarios"]) == json.dumps(ray["scenarios"])


def test_cli_scenario_json_shape_and_batch_report(tmp_path: Path) -> None:
    """`eval scenario --json` rows carry the issue's keys; `eval batch` writes CSV + HTML."""
    db = tmp_path / "g.duckdb"
    store_with({"US-CAL-CISO": wavy(720, 6), "DE-LU": wavy(720, 7)}, path=str(db)).close()
    scen = small_gaia(tmp_path, policies=["nowait", "carbon-time"])
    runner = CliRunner()
    res = runner.invoke(app, ["eval", "scenario", str(scen), "--json", "--db", str(db),
                              "--zone", "DE-LU", "--reserved", "0,9"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)["results"]
    assert [(r["policy"], r["reserved"]) for r in rows] == [
        ("nowait", 0), ("nowait", 9), ("carbon-time", 0), ("carbon-time", 9)]
    assert set(rows[0]) == {"policy", "reserved", "carbon_norm", "cost_norm", "mean_wait_h",
                            "deadline_miss_pct", "kg_co2e", "cost_usd"}
    assert rows[0]["carbon_norm"] == 1.0 and rows[2]["carbon_norm"] < 1.0
    bad = subprocess.run([sys.executable, "-m", "gridwise", "eval", "scenario", str(scen),
                          "--policy", "carbon-tme", "--db", str(db)], capture_output=True,
                         text=True)
    assert bad.returncode == 2 and "did you mean 'carbon-time'" in bad.stderr
    assert "Traceback" not in bad.stderr
    out = tmp_path / "report"
    res = runner.invoke(app, ["eval", "batch", str(scen), "--db", str(db), "--out", str(out),
                              "--json", "--no-pdf"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["computed"] == 4  # 2 policies x reserved 0, 9 (file)
    assert json.loads(res.stdout)["pdf"] is None and not (out / "report.pdf").exists()
    csv_text = (out / "results.csv").read_text()
    assert csv_text.splitlines()[0].startswith("scenario,policy,reserved")
    html = (out / "report.html").read_text()
    assert "wait CDF" in html and "busy cores over time" in html
