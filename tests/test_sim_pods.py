"""On-prem GPU cluster scenarios: pods placed by the placement registry, with departures."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from evals.sim.evaluate import evaluate
from evals.sim.scenario import load_scenario
from gridwise.errors import UnknownNameError, UserError
from tests.simkit import store_with, wavy, write

START = datetime(2022, 1, 1)


def _files(tmp: Path, pods: list[tuple[int, int, int, int]], gpus: int = 2) -> tuple[Path, Path]:
    nodes = tmp / "nodes.csv"
    nodes.write_text("sn,cpu_milli,memory_mib,gpu,model\n"
                     f"n0,32000,65536,{gpus},V100\nn1,32000,65536,{gpus},V100\n")
    trace = tmp / "pods.csv"
    trace.write_text("name,cpu_milli,memory_mib,num_gpu,gpu_milli,creation_time,deletion_time\n"
                     + "".join(f"p{i},1000,1024,{n},{m},{c},{d}\n"
                               for i, (n, m, c, d) in enumerate(pods)))
    return nodes, trace


def _scenario(tmp: Path, nodes: Path, trace: Path, policies: list[str], wait_h: float) -> Path:
    return write(tmp, {
        "version": 1, "name": "pods", "kind": "pods",
        "clock": {"start": "2022-01-01T00:00:00Z", "hours": 48, "tick_s": 60},
        "carbon": {"provider": "oracle"}, "regions": [{"name": "dc", "zone": "US-CAL-CISO"}],
        "cluster": {"nodes": str(nodes), "watts_per_gpu": 300, "usd_per_gpu_h": 2.0},
        "pods": {"trace": str(trace), "max_wait_h": wait_h}, "policies": policies})


def test_departures_free_gpus_for_queued_pods(tmp_path: Path) -> None:
    """4 GPUs: the fifth whole-GPU pod waits for the first to leave (1 h), then runs."""
    pods = [(1, 1000, 0, 3600)] * 4 + [(1, 1000, 60, 7200)]
    nodes, trace = _files(tmp_path, pods)
    store = store_with({"US-CAL-CISO": wavy(48, 0)}, start=START)
    rows = evaluate(store.conn, load_scenario(_scenario(tmp_path, nodes, trace,
                                                        ["fgd", "bestfit"], 2)))
    for r in rows:
        assert r["deadline_miss_pct"] == 0.0
        assert r["mean_wait_h"] == pytest.approx((3600 - 60) / 3600 / 5)
        assert r["cost_usd"] == pytest.approx(2.0 * (4 * 1 + 7140 / 3600))
        # GPUs held, hourly mean: the fifth pod runs 3600 s to 10740 s
        assert r["usage_by_hour"][:4] == pytest.approx([4.0, 1.0, 3540 / 3600, 0.0], abs=1e-3)


def test_a_pod_that_waits_too_long_is_a_miss(tmp_path: Path) -> None:
    """With no wait allowed, the fifth pod misses."""
    pods = [(1, 1000, 0, 3600)] * 4 + [(1, 1000, 60, 7200)]
    nodes, trace = _files(tmp_path, pods)
    store = store_with({"US-CAL-CISO": wavy(48, 0)}, start=START)
    (row,) = evaluate(store.conn, load_scenario(_scenario(tmp_path, nodes, trace, ["fgd"], 0)))
    assert row["deadline_miss_pct"] == pytest.approx(20.0)


def test_pod_scenario_bad_inputs(tmp_path: Path) -> None:
    """Unknown placement policy (suggested), negative lifetimes, GPU capacity 0."""
    store = store_with({"US-CAL-CISO": wavy(48, 0)}, start=START)
    nodes, trace = _files(tmp_path, [(1, 1000, 0, 3600)])
    with pytest.raises(UnknownNameError, match="fgd"):
        evaluate(store.conn, load_scenario(_scenario(tmp_path, nodes, trace, ["fgdd"], 1)))
    nodes, trace = _files(tmp_path, [(1, 1000, 3600, 0)])
    with pytest.raises(UserError, match="negative length"):
        evaluate(store.conn, load_scenario(_scenario(tmp_path, nodes, trace, ["fgd"], 1)))
    nodes, trace = _files(tmp_path, [(0, 0, 0, 60)], gpus=0)
    with pytest.raises(UserError, match="capacity 0"):
        evaluate(store.conn, load_scenario(_scenario(tmp_path, nodes, trace, ["fgd"], 1)))


def test_a_trace_of_zero_length_pods_is_a_user_error(tmp_path: Path) -> None:
    """No pod with a positive lifetime: a clear error, not FGD's ValueError or a division by 0."""
    nodes, trace = _files(tmp_path, [(1, 1000, 0, 0), (0, 0, 60, 60)])
    store = store_with({"US-CAL-CISO": wavy(48, 0)}, start=START)
    for policy in ("fgd", "bestfit"):
        with pytest.raises(UserError, match="no pod runs for any time"):
            evaluate(store.conn, load_scenario(_scenario(tmp_path, nodes, trace, [policy], 2)))
