"""Online FGD, the workload estimate, fgd-reserve and the placement history, on tiny inputs."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytest

from gridwise.errors import UserError
from gridwise.store import Store
from tools.placement import OWN_POLICIES, PolicyContext, default_registry
from tools.placement.fgd import FGDPolicy, WorkloadClass, target_workload
from tools.placement.history import load_history, record_placements
from tools.placement.online import OnlineFGDPolicy
from tools.placement.reserve import ReserveFGDPolicy
from tools.placement.state import ClusterState, Pod
from tools.placement.workload import EstimateConfig, WorkloadEstimate, class_key, drift

SHARE = Pod(1000, 1000, 1, 500)
WHOLE = Pod(1000, 1000, 1, 1000)
CPU = Pod(2000, 1000)


def cluster(n: int = 4, gpus: int = 2, model: str = "T4") -> ClusterState:
    return ClusterState.from_inventory([f"n{i}" for i in range(n)], [32000] * n,
                                       [65536] * n, [gpus] * n, [model] * n)


def test_estimate_counts_decays_and_rescales() -> None:
    est = WorkloadEstimate(EstimateConfig(half_life=10, min_count=1))
    for _ in range(10):
        est.observe(SHARE)
    for _ in range(10):
        est.observe(WHOLE)
    dist = est.distribution()
    # the 10 older pods weigh half as much as the 10 newer ones, give or take one step
    assert dist[class_key(WHOLE)] == pytest.approx(2 / 3, abs=0.03)
    long = WorkloadEstimate(EstimateConfig(half_life=1.0))
    for _ in range(5000):  # growth 2**5000 would overflow without rescaling
        long.observe(CPU)
    assert long.distribution() == {class_key(CPU): pytest.approx(1.0)}
    assert np.isfinite(long.total) and long.seen == 5000


def test_no_decay_matches_fgds_target_workload() -> None:
    pods = [SHARE] * 6 + [WHOLE] * 3 + [CPU] * 3 + [Pod(500, 1, 2, 1000)]
    est = WorkloadEstimate(EstimateConfig(half_life=0, min_count=1))
    for p in pods:
        est.observe(p)
    got = [(c.cpu_milli, c.gpu_milli, c.num_gpu, c.count) for c in est.classes()]
    want = target_workload(pods)
    assert [(c.cpu_milli, c.gpu_milli, c.num_gpu) for c in want] == [g[:3] for g in got]
    total = sum(c.count for c in want)
    assert [round(c.count / total * 10_000) for c in want] == [g[3] for g in got]


def test_min_count_keeps_one_off_classes_out_until_seen_again() -> None:
    est = WorkloadEstimate(EstimateConfig(half_life=0, min_count=3))
    est.observe(SHARE)
    assert [c.gpu_milli for c in est.classes()] == [500]  # nothing passes yet: keep all
    for _ in range(3):
        est.observe(WHOLE)
    assert [c.gpu_milli for c in est.classes()] == [1000]
    est.observe(SHARE)
    est.observe(SHARE)
    assert sorted(c.gpu_milli for c in est.classes()) == [500, 1000]


def test_prior_is_a_decaying_pseudo_count() -> None:
    prior = {class_key(WHOLE): 50.0, class_key(SHARE): 50.0}
    est = WorkloadEstimate(EstimateConfig(half_life=100, prior_weight=100, min_count=1), prior)
    assert est.distribution()[class_key(SHARE)] == pytest.approx(0.5)
    for _ in range(300):  # the prior is now worth 100 / 8 pods against ~144 new ones
        est.observe(CPU)
    assert est.distribution()[class_key(CPU)] > 0.9
    assert est.prior_classes == 2


def test_drift_is_total_variation() -> None:
    a = [WorkloadClass(1, 500, 1, (), 1), WorkloadClass(1, 1000, 1, (), 1)]
    assert drift(a, a) == 0.0
    assert drift(a, [WorkloadClass(2, 0, 0, (), 5)]) == 1.0
    assert drift(a, [WorkloadClass(1, 500, 1, (), 3)]) == pytest.approx(0.5)


def test_registry_knows_which_policies_need_the_workload() -> None:
    reg = default_registry()
    assert {"fgd-online", "fgd-reserve", "fgd-reserve-online"} <= set(reg.names())
    assert set(OWN_POLICIES) <= set(reg.names())
    assert reg.needs_workload("fgd") and reg.needs_workload("fgd-reserve")
    assert not reg.needs_workload("fgd-online") and not reg.needs_workload("bestfit")
    with pytest.raises(ValueError, match="target workload"):
        reg.create("fgd", PolicyContext(seed=1))
    reg.create("fgd-online", PolicyContext(seed=1))  # no workload, no history: fine


def test_online_fgd_equals_fgd_once_the_estimate_equals_the_workload() -> None:
    """With the same target workload the two policies make the same decisions."""
    workload = [SHARE] * 30 + [WHOLE] * 10
    online = OnlineFGDPolicy(PolicyContext(seed=3, history=[(p, 1.0) for p in workload]))
    online.config = EstimateConfig(half_life=0)
    hind = FGDPolicy(PolicyContext(seed=3, workload=workload))
    s1, s2 = cluster(), cluster()
    for step, pod in enumerate([SHARE, WHOLE, SHARE, SHARE]):
        online.classes = online.estimate.classes()  # pin: compare the placement rule
        online._state = None
        d1 = FGDPolicy.choose(online, s1, pod)
        d2 = hind.choose(s2, pod)
        assert (d1.node, d1.gpus, d1.score) == (d2.node, d2.gpus, d2.score)
        s1.reserve(step, d1.node, d1.gpus, pod)
        s2.reserve(step, d2.node, d2.gpus, pod)


def test_online_fgd_learns_and_rebuilds_rarely() -> None:
    state = cluster(8, 4)
    policy = default_registry().create("fgd-online", PolicyContext(seed=0))
    for step in range(600):
        pod = SHARE if step % 3 else WHOLE
        d = policy.choose(state, pod)
        if d is not None:
            state.reserve(step, d.node, d.gpus, pod)
        if step == 100:
            state = cluster(8, 4)  # keep room: a fresh cluster rebuilds the caches only
    assert policy.estimate.seen == 600
    shares = {c.gpu_milli: c.count for c in policy.classes}
    assert shares[500] == pytest.approx(2 * shares[1000], rel=0.1)
    assert policy.rebuilds <= 8  # checks at 1, 2, 4, ... 256, then every 256 pods
    assert "estimated from 600 pods seen" in policy.explain(state, 0, 1, np.ones(8, bool))


@pytest.mark.parametrize("name", ["fgd-online", "fgd-reserve-online"])
def test_online_policies_count_impossible_and_unknown_model_pods_without_crashing(
        name: str) -> None:
    state = cluster(2, 1)
    policy = default_registry().create(name, PolicyContext(seed=0))
    assert policy.choose(state, Pod(1000, 1000, 1, 500, ("H100",))) is None  # unknown model
    assert policy.choose(state, Pod(1000, 1000, 4, 1000)) is None  # more GPUs than a node
    assert policy.choose(state, Pod(10**9, 1000)) is None  # more CPU than any node
    assert policy.estimate.seen == 3
    assert policy.choose(state, SHARE) is not None


def t4_and_g2() -> ClusterState:
    """One small T4 node and four big G2 nodes: T4 capacity is scarce."""
    names = ["a-t4", "b0", "b1", "b2", "b3"]
    return ClusterState.from_inventory(names, [32000] * 5, [65536] * 5, [2, 8, 8, 8, 8],
                                       ["T4", "G2", "G2", "G2", "G2"])


def test_reserve_penalises_the_model_constrained_pods_need() -> None:
    t4_only = Pod(1000, 1000, 1, 1000, ("T4",))
    workload = [t4_only] * 2 + [WHOLE] * 18  # 10 % of pods can only use the 2 T4 GPUs
    ctx = PolicyContext(seed=None, workload=workload)
    fgd, res = FGDPolicy(ctx), ReserveFGDPolicy(ctx)
    state = t4_and_g2()
    t4, g2 = state.models.index("T4"), state.models.index("G2")
    pen = res.penalty(state, WHOLE)
    # pressure: T4 = 0.9/34000 + 0.1/2000 per milli, G2 = 0.9/34000; excess 1.89 -> 56 points
    assert pen[t4] == np.floor(30 * (0.1 / 2000) / (0.9 / 34000)) and pen[g2] == 0
    mask = state.feasible(WHOLE)
    want = fgd.score(state, WHOLE, mask) - pen[state.model_id]
    assert np.array_equal(res.score(state, WHOLE, mask), want)
    assert not res.penalty(state, t4_only).any()  # T4 is the only model it may use
    decision = res.choose(state, WHOLE)
    assert decision.node != 0 and "reservation for constrained pods: T4 -56" in decision.reason
    # as the G2 nodes fill up, their pressure rises and the T4 penalty falls
    for node in range(1, 5):
        state.set_gpu_free(node, [0] * 7 + [1000])
    assert res.penalty(state, WHOLE)[t4] < pen[t4]


def test_reserve_falls_back_to_fgd_where_a_model_is_only_slightly_scarcer() -> None:
    """Relative excess pressure below the dead zone: no penalty, FGD's score decides."""
    t4_only = Pod(1000, 1000, 1, 1000, ("T4",))
    ctx = PolicyContext(seed=None, workload=[t4_only] * 2 + [WHOLE] * 18)
    state = ClusterState.from_inventory([f"n{i}" for i in range(6)], [32000] * 6,
                                        [65536] * 6, [8] * 6, ["T4"] * 5 + ["G2"])
    res = ReserveFGDPolicy(ctx)
    t4 = state.models.index("T4")
    # T4 holds 5/6 of the capacity: excess = (0.1 / 40000) / (0.9 / 48000) = 0.133
    pi = res.pressure(state)
    assert (pi[t4] - pi.min()) / pi.min() == pytest.approx(0.1 / 40000 / (0.9 / 48000))
    assert not res.penalty(state, WHOLE).any()
    res.dead_zone = 0.0
    assert res.penalty(state, WHOLE)[t4] == 3  # floor(30 * 0.133) without the dead zone
    mask = state.feasible(WHOLE)
    assert np.array_equal(ReserveFGDPolicy(ctx).score(state, WHOLE, mask),
                          FGDPolicy(ctx).score(state, WHOLE, mask))


def test_reserve_leaves_node_shape_to_fgd() -> None:
    """Unconstrained 8-GPU pods reserve nothing: only gpu_spec constraints are priced."""
    eight = Pod(8000, 1000, 8, 1000)
    ctx = PolicyContext(seed=None, workload=[eight] * 10 + [SHARE] * 10)
    fgd, res = FGDPolicy(ctx), ReserveFGDPolicy(ctx)
    state = t4_and_g2()  # only the G2 nodes can ever host an 8-GPU pod
    assert not res.penalty(state, SHARE).any() and not res.penalty(state, eight).any()
    mask = state.feasible(SHARE)
    assert np.array_equal(res.score(state, SHARE, mask), fgd.score(state, SHARE, mask))
    # a T4-pinned 8-GPU class can never run (no T4 node has 8 GPUs): it reserves nothing
    pinned = Pod(8000, 1000, 8, 1000, ("T4",))
    res = ReserveFGDPolicy(PolicyContext(seed=None, workload=[pinned] * 10 + [SHARE] * 10))
    assert not res.penalty(state, SHARE).any()
    assert res.choose(state, pinned) is None  # impossible pod: no node, no crash


def test_reserve_parks_cpu_only_pods_where_no_gpu_is_idle() -> None:
    state = cluster(3, 1)
    state.reserve("busy", 2, (0,), WHOLE)
    policy = default_registry().create("fgd-reserve", PolicyContext(seed=5, workload=[SHARE]))
    decision = policy.choose(state, CPU)
    assert decision.node == 2 and decision.gpus == () and "parked" in decision.reason
    online = default_registry().create("fgd-reserve-online", PolicyContext(seed=5))
    assert online.choose(state, CPU).node == 2 and online.estimate.seen == 1


def test_history_round_trip_decays_and_respects_the_clock(tmp_path) -> None:
    at = datetime(2026, 11, 1)
    with Store.open(tmp_path / "h.duckdb") as store:
        assert record_placements(store, "c1", [WHOLE, WHOLE], at, "o-1") == 2
        record_placements(store, "c1", [SHARE], at + timedelta(days=7), "o-2")
        record_placements(store, "c1", [CPU], at + timedelta(days=30), "o-3")  # future
        record_placements(store, "c2", [CPU], at, "o-4")  # another cluster
        got = load_history(store, "c1", at + timedelta(days=7), half_life_days=7)
        assert dict((p, round(w, 6)) for p, w in got) == {WHOLE: 1.0, SHARE: 1.0}
        got = load_history(store, "c1", at + timedelta(days=14), half_life_days=7)
        assert dict((p, round(w, 6)) for p, w in got) == {WHOLE: 0.5, SHARE: 0.5}
        assert load_history(store, "c1", at - timedelta(days=1)) == []
        with pytest.raises(UserError, match="half-life"):
            load_history(store, "c1", at, half_life_days=0)
        policy = default_registry().create("fgd-online", PolicyContext(history=got))
        assert policy.estimate.prior_classes == 2
