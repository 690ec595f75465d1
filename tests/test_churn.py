"""The replay with departures (evals.churn) and its CLI, on tiny synthetic traces."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import typer
from typer.testing import CliRunner

from evals.churn import POINTS, arrivals, replay_churn, timed_trace
from gridwise.cli.churn import churn
from gridwise.errors import UserError
from tools.placement.openb import load_nodes, load_pods

NODES = """sn,cpu_milli,memory_mib,gpu,model
node-a,32000,65536,2,T4
node-b,32000,65536,2,G2
"""
HEADER = ("name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,"
          "deletion_time,scheduled_time")
ROWS = [f"p{i:02d},2000,4096,1,{500 if i % 2 else 1000},,LS,Running,{i * 10},{i * 10 + 50 + i},0"
        for i in range(20)]
PODS = "\n".join([HEADER, *ROWS,
                  "p-late,2000,4096,1,500,,LS,Running,100,40,0",     # deleted before created
                  "p-text,2000,4096,1,500,,LS,Running,soon,90,0",    # not an integer
                  "p-model,2000,4096,1,500,H100,LS,Running,0,10,0",  # unknown GPU model
                  "p-huge,2000,4096,8,1000,,LS,Running,0,10,0",      # bigger than any node
                  "p-short,2000"]) + "\n"                            # malformed row


@pytest.fixture
def trace(tmp_path: Path):
    (tmp_path / "openb").mkdir()
    (tmp_path / "openb" / "openb_node_list_gpu_node.csv").write_text(NODES)
    path = tmp_path / "openb" / "openb_pod_list_tiny.csv"
    path.write_text(PODS)
    nodes = load_nodes(tmp_path / "openb" / "openb_node_list_gpu_node.csv")
    return tmp_path, nodes, timed_trace(load_pods(path, nodes))


def test_bad_rows_are_counted_with_reasons(trace) -> None:
    _, _, timed = trace
    assert len(timed.pods) == 20 and len(timed.lifetimes) == 20
    reasons = {r.name: r.reason for r in timed.rejected}
    assert set(reasons) == {"p-late", "p-text", "p-model", "p-huge", "p-short"}
    assert "before created" in reasons["p-late"] and "not an integer" in reasons["p-text"]
    assert "unknown: 'H100'" in reasons["p-model"] and "larger than any node" in reasons["p-huge"]
    assert timed.lifetimes[3] == 53


def test_a_trace_without_lifetimes_is_a_user_error(tmp_path: Path) -> None:
    path = tmp_path / "openb_pod_list_multigpu20.csv"
    path.write_text("name,cpu_milli,memory_mib,num_gpu,gpu_milli\np0,1000,1024,1,1000\n")
    with pytest.raises(UserError, match="no creation_time / deletion_time") as info:
        timed_trace(load_pods(path))
    assert "To fix:" in info.value.render()


def test_arrival_horizon_meets_the_target_load(trace) -> None:
    _, nodes, timed = trace
    capacity = nodes.state().gpu_capacity_milli
    order, times = arrivals(timed, capacity, seed=1, load=0.5, passes=2)
    assert sorted(order.tolist()) == sorted(list(range(20)) * 2)
    demand = np.array([timed.pods[i].total_gpu_milli for i in order], dtype=float)
    horizon = times[-1]  # the last of 40 Poisson arrivals: the horizon, give or take noise
    running = (demand * np.minimum(timed.lifetimes[order], horizon)).sum() / horizon
    assert running == pytest.approx(0.5 * capacity, rel=0.4)
    assert np.all(np.diff(times) > 0)


def test_departures_free_the_gpus_and_drops_are_counted(trace) -> None:
    _, nodes, timed = trace
    light = replay_churn("fgd-online", nodes, timed, seed=3, load=0.3)
    heavy = replay_churn("fgd-online", nodes, timed, seed=3, load=5.0)
    assert light.allocated.shape == (POINTS,) and light.allocated[0] == 0.0
    assert np.nanmax(light.allocated) <= 100.0
    assert light.dropped_pods <= heavy.dropped_pods and heavy.dropped_pods > 0
    assert heavy.dropped_demand_pct > 0 and heavy.arrived == 40
    again = replay_churn("fgd-online", nodes, timed, seed=3, load=5.0)
    assert np.array_equal(again.allocated, heavy.allocated)  # deterministic per seed
    hind = replay_churn("fgd", nodes, timed, seed=3, load=5.0)  # FGD gets the trace
    assert hind.arrived == 40


def test_cli_json_and_bad_input(trace, monkeypatch: pytest.MonkeyPatch) -> None:
    root, _, _ = trace
    monkeypatch.setenv("GRIDWISE_SOURCE_DIR", str(root))
    app = typer.Typer()
    app.command()(churn)
    app.callback()(lambda: None)
    args = ["churn", "--trace", "tiny", "--policy", "fgd,fgd-reserve", "--seeds", "1,2",
            "--out", str(root / "out"), "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["rejected_rows"] == 5
    assert [r["policy"] for r in payload["results"]] == ["fgd", "fgd-reserve"]
    assert len(payload["results"][0]["allocated_gpu_pct_every_10pct"]) == 11
    assert (root / "out" / "allocation.csv").read_text().count("\n") == 1 + 2 * 2 * POINTS
    (root / "openb" / "openb_pod_list_nolife.csv").write_text(
        "name,cpu_milli,memory_mib,num_gpu,gpu_milli\np0,1000,1024,1,1000\n")
    bad = CliRunner().invoke(app, ["churn", "--trace", "nolife", "--json"])
    assert bad.exit_code == 2 and "To fix:" in bad.stderr
    unknown = CliRunner().invoke(app, ["churn", "--policy", "fgd-onlin", "--json"])
    assert unknown.exit_code == 2 and "did you mean 'fgd-online'" in unknown.stderr
