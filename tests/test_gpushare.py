"""Tests of the openb loaders, the gpushare experiment and its CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from evals.gpushare import build_workload, replay, sort_by_name
from gridwise.cli.eval import gpushare, parse_seeds
from gridwise.errors import DataFileError, SourceDirError, UnknownNameError, UserError
from tools.placement.openb import load_nodes, load_pods, node_path, resolve_trace
from tools.placement.state import Pod

NODES = """sn,cpu_milli,memory_mib,gpu,model
node-a,32000,65536,2,T4
node-b,16000,32768,1,V100M16
node-bad,lots,1024,1,T4
node-neg,8000,-5,1,T4
"""

HEADER = ("name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,"
          "deletion_time,scheduled_time")
PODS = HEADER + """
p-ok,4000,8192,1,500,,LS,Running,0,10,0
p-text,four,8192,1,500,,LS,Running,0,10,0
p-neg,4000,-1,1,500,,LS,Running,0,10,0
p-milli,4000,8192,1,1500,,LS,Running,0,10,0
p-share2,4000,8192,2,500,,LS,Running,0,10,0
p-model,4000,8192,1,1000,H100,LS,Running,0,10,0
p-big,64000,8192,0,0,,LS,Running,0,10,0
p-gpus,1000,1024,4,1000,,LS,Running,0,10,0

p-spec,1000,1024,1,1000,V100M16|T4,LS,Running,0,10,0
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_node_list_rejects_bad_rows(tmp_path: Path) -> None:
    nodes = load_nodes(write(tmp_path, "nodes.csv", NODES))
    assert nodes.names == ["node-a", "node-b"]
    assert [r.name for r in nodes.rejected] == ["node-bad", "node-neg"]
    assert "not an integer" in nodes.rejected[0].reason
    assert nodes.state().gpu_capacity_milli == 3000


def test_malformed_and_unschedulable_pods_are_counted(tmp_path: Path) -> None:
    nodes = load_nodes(write(tmp_path, "nodes.csv", NODES))
    pods = load_pods(write(tmp_path, "openb_pod_list_tiny.csv", PODS), nodes)
    assert pods.name == "tiny"
    assert pods.names == ["p-ok", "p-spec"]
    assert pods.pods[1] == Pod(1000, 1024, 1, 1000, ("V100M16", "T4"))
    reasons = {r.name: r.reason for r in pods.rejected}
    assert set(reasons) == {"p-text", "p-neg", "p-milli", "p-share2", "p-model", "p-big",
                            "p-gpus"}
    assert "'four' is not an integer" in reasons["p-text"]
    assert "negative" in reasons["p-neg"]
    assert "more than one GPU" in reasons["p-milli"]
    assert "sharing pods use one GPU" in reasons["p-share2"]
    assert "'H100'" in reasons["p-model"]
    assert reasons["p-big"] == reasons["p-gpus"] == "larger than any node of the cluster"


def test_five_column_multigpu_format(tmp_path: Path) -> None:
    text = "name,cpu_milli,memory_mib,num_gpu,gpu_milli\np0,1000,1024,8,1000\np1,500,512,0,0\n"
    pods = load_pods(write(tmp_path, "m.csv", text))
    assert pods.pods == [Pod(1000, 1024, 8, 1000), Pod(500, 512, 0, 0)]


def test_missing_columns_and_files_are_user_errors(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="missing column"):
        load_pods(write(tmp_path, "x.csv", "name,cpu\np,1\n"))
    with pytest.raises(SourceDirError, match="not configured"):
        resolve_trace("default", None)
    (tmp_path / "openb").mkdir()
    write(tmp_path / "openb", "openb_pod_list_default.csv", PODS)
    with pytest.raises(UnknownNameError) as info:
        resolve_trace("defualt", tmp_path)
    assert info.value.suggestions == ["default"]
    with pytest.raises(DataFileError, match="node list not found"):
        node_path(None, tmp_path)


def test_parse_seeds() -> None:
    assert parse_seeds("42-45") == [42, 43, 44, 45]
    assert parse_seeds("42,43,42") == [42, 43]
    for bad in ("x", "5-3", ""):
        with pytest.raises(UserError):
            parse_seeds(bad)


def test_build_workload_tunes_to_130_percent() -> None:
    pods = [Pod(100, 100, 1, 500), Pod(100, 100, 2, 1000), Pod(100, 100)]
    order = build_workload(pods, capacity_milli=10_000, seed=3)
    total = sum(pods[i].total_gpu_milli for i in order)
    assert total <= 13_000 and sorted(order[:3]) == [0, 1, 2]
    assert order == build_workload(pods, capacity_milli=10_000, seed=3)
    down = build_workload(pods * 20, capacity_milli=1_000, seed=3)
    assert sum((pods * 20)[i].total_gpu_milli for i in down) <= 1_300


def test_cli_json_output_is_exact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "openb").mkdir()
    write(tmp_path / "openb", "openb_node_list_gpu_node.csv", NODES)
    write(tmp_path / "openb", "openb_pod_list_tiny.csv", PODS)
    monkeypatch.setenv("GRIDWISE_SOURCE_DIR", str(tmp_path))
    app = typer.Typer()
    app.command()(gpushare)
    app.callback()(lambda: None)
    args = ["gpushare", "--trace", "tiny", "--policy", "fgd,bestfit", "--seeds", "1,2",
            "--workers", "1", "--out", str(tmp_path / "out"), "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert [r["policy"] for r in payload["results"]] == ["fgd", "bestfit"]
    assert set(payload["results"][0]) == {"policy", "trace", "seeds", "unallocated_gpu_pct_at_100",
                                          "frag_rate_at_90", "decisions_per_s"}
    assert payload["results"][0]["seeds"] == [1, 2]
    assert (tmp_path / "out" / "gpushare.html").stat().st_size > 1_000_000  # plotly.js inline
    bad = CliRunner().invoke(app, ["gpushare", "--policy", "fgdd", "--json"])
    assert bad.exit_code == 2 and "did you mean 'fgd'" in bad.stderr


@pytest.mark.shared
def test_real_default_trace_fgd_beats_bestfit(shared_data: Path) -> None:
    openb = shared_data / "openb"
    nodes = load_nodes(openb / "openb_node_list_gpu_node.csv")
    trace = sort_by_name(load_pods(openb / "openb_pod_list_default.csv", nodes))
    assert (len(nodes.names), len(trace.pods), len(trace.rejected)) == (1213, 8152, 0)
    fgd = replay("fgd", nodes, trace, seed=42)
    bestfit = replay("bestfit", nodes, trace, seed=42)
    # paper, mean of 10 seeds: FGD 4.77, BestFit 7.14 % unallocated at 100 % arrived
    assert 3.8 < fgd.unallocated_at[100] < 5.8
    assert 6.2 < bestfit.unallocated_at[100] < 8.1
    assert fgd.unallocated_at[100] < bestfit.unallocated_at[100] - 1.5
    assert 40 < fgd.frag_rate_at_90 < 60
