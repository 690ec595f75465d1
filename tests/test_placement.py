"""Unit tests of the placement state, the policies and the registry, on tiny inventories."""

from __future__ import annotations

import math

import numpy as np
import pytest

from gridwise.errors import UnknownNameError
from tools.placement import PolicyContext, PolicyRegistry, default_registry
from tools.placement.baselines import (
    BestFitPolicy,
    ClusteringPolicy,
    DotProdPolicy,
    PackingPolicy,
    RandomPolicy,
)
from tools.placement.fgd import FGDPolicy, FGDTightPolicy, FragModel, target_workload
from tools.placement.state import ClusterState, Pod

SHARE = Pod(1000, 1000, 1, 500)
WHOLE = Pod(1000, 1000, 1, 1000)
# target workload: 3 sharing pods of 500 milli, 1 whole-GPU pod (W = 4)
WORKLOAD = [SHARE, SHARE, SHARE, WHOLE]


def two_nodes() -> ClusterState:
    return ClusterState.from_inventory(
        ["n0", "n1"], [8000, 4000], [16000, 8000], [2, 1], ["T4", "V100M16"])


def one_node(free: list[int], cpu: int = 8000) -> ClusterState:
    state = ClusterState.from_inventory(["n0"], [cpu], [65536], [len(free)], ["T4"])
    state.gpu_free[0, : len(free)] = free
    state.idle[0] = sum(free)
    state.n_full[0] = sum(f == 1000 for f in free)
    state.max_free[0] = max(free)
    return state


def test_feasibility_cpu_memory_and_gpu_model() -> None:
    state = two_nodes()
    assert state.feasible(Pod(6000, 100)).tolist() == [True, False]
    assert state.feasible(Pod(100, 10000)).tolist() == [True, False]
    assert state.feasible(Pod(100, 100, 1, 500, ("V100M16",))).tolist() == [False, True]
    assert state.feasible(Pod(100, 100, 1, 500, ("A100",))).tolist() == [False, False]
    assert state.feasible(Pod(100, 100, 2, 1000)).tolist() == [True, False]


def test_feasibility_sharing_versus_whole_gpu() -> None:
    state = two_nodes()
    state.reserve("a", 0, (0,), Pod(100, 100, 1, 500))
    assert state.feasible(Pod(100, 100, 1, 1000)).tolist() == [True, True]
    state.reserve("b", 0, (1,), Pod(100, 100, 1, 1000))
    assert state.feasible(Pod(100, 100, 1, 1000)).tolist() == [False, True]
    assert state.feasible(Pod(100, 100, 1, 500)).tolist() == [True, True]
    assert state.feasible(Pod(100, 100, 1, 600)).tolist() == [False, True]
    assert state.idle.tolist() == [500, 1000] and state.n_full.tolist() == [0, 1]


def test_reserve_and_unreserve_are_idempotent() -> None:
    state = two_nodes()
    before = (state.cpu_free.copy(), state.gpu_free.copy(), state.idle.copy())
    assert state.reserve("p", 0, (1,), SHARE) is True
    assert state.reserve("p", 0, (1,), SHARE) is False
    assert state.gpu_free[0, 1] == 500 and state.cpu_free[0] == 7000
    with pytest.raises(ValueError, match="already reserved"):
        state.reserve("p", 1, (0,), SHARE)
    assert state.unreserve("p") is True
    assert state.unreserve("p") is False
    for a, b in zip(before, (state.cpu_free, state.gpu_free, state.idle), strict=True):
        assert np.array_equal(a, b)


def test_reserve_rejects_a_pod_that_does_not_fit() -> None:
    state = two_nodes()
    with pytest.raises(ValueError, match="does not fit GPUs"):
        state.reserve("x", 1, (1,), SHARE)  # node 1 has one GPU


def test_dotprod_score_hand_computed() -> None:
    state = one_node([1000, 1000], cpu=64000)
    pod = Pod(32000, 100, 1, 500)
    # dot = 0.5*0.25 + 0.25*0.0625 = 0.140625 -> floor(100 * (1 - 0.0703125)) = 92
    assert DotProdPolicy().score(state, pod, state.feasible(pod)).tolist() == [92]


def test_bestfit_score_and_normalisation() -> None:
    state = ClusterState.from_inventory(["a", "b"], [64000, 128000], [1 << 20] * 2, [2, 8],
                                        ["T4", "T4"])
    pod = Pod(32000, 100, 1, 500)
    policy = BestFitPolicy()
    raw = policy.score(state, pod, state.feasible(pod))
    # a: 0.5*32000/128000 + 0.5*1500/8000 = 0.21875 -> 78; b: 0.375 + 0.46875 -> 15
    assert raw.tolist() == [78, 15]
    assert policy.normalise(raw, np.array([True, True])).tolist() == [100, 0]
    assert policy.choose(state, pod).node == 0


def test_clustering_score_by_tags() -> None:
    state = ClusterState.from_inventory(["a", "b", "c", "d"], [96000] * 4, [1 << 20] * 4,
                                        [8] * 4, ["G2"] * 4)
    state.reserve(1, 0, (0,), Pod(100, 100, 1, 500))  # a: share-gpu only
    state.reserve(2, 1, (0,), Pod(100, 100, 1, 500))  # b: share-gpu and 1-gpu
    state.reserve(3, 1, (1,), Pod(100, 100, 1, 1000))
    state.reserve(4, 2, (0,), Pod(100, 100, 1, 1000))  # c: 1-gpu only; d: idle
    scores = ClusteringPolicy().score(state, SHARE, state.feasible(SHARE))
    # 25 * (8000 - idle) // 8000: a 7500 -> 1, b 6500 -> 4, c 7000 -> 3, d 0
    assert scores.tolist() == [75 + 1, 50 + 4, 0 + 3, 25 + 0]
    assert ClusteringPolicy().score(state, Pod(100, 100), state.feasible(SHARE)).tolist() == [0] * 4


def test_packing_tiers() -> None:
    state = ClusterState.from_inventory(["idle2", "part", "used"], [96000] * 3, [1 << 20] * 3,
                                        [2, 2, 4], ["T4"] * 3)
    state.reserve(1, 1, (0,), Pod(100, 100, 1, 500))  # part: GPU0 has 500 free
    state.reserve(2, 2, (0,), Pod(100, 100, 1, 1000))  # used: 3 GPUs fully free
    pod = Pod(100, 100, 1, 300)
    scores = PackingPolicy().score(state, pod, state.feasible(pod))
    # idle2: max(33-2, 2) = 31; part: 100 - (500*100//1000)//10 = 95; used: max(50-1, 33) = 49
    assert scores.tolist() == [31, 95, 49]
    whole = Pod(100, 100, 2, 1000)
    assert PackingPolicy().score(state, whole, state.feasible(whole)).tolist()[2] == 48


def test_random_scores_one_feasible_node_and_is_seeded() -> None:
    state = ClusterState.from_inventory([f"n{i}" for i in range(20)], [8000] * 20, [8000] * 20,
                                        [1] * 20, ["T4"] * 20)
    mask = np.arange(20) % 2 == 0
    picks = [RandomPolicy(PolicyContext(seed=7)).score(state, SHARE, mask) for _ in range(2)]
    assert np.array_equal(picks[0], picks[1])
    assert picks[0].sum() == 100 and mask[np.argmax(picks[0])]


def test_fragmentation_hand_computed() -> None:
    model = FragModel(target_workload(WORKLOAD), ["T4"])
    assert model.weight == 4
    state = one_node([1000, 300])
    # share-500 fits, frag = 300 (GPU1); whole fits, frag = 300 -> (3*300 + 300) / 4 = 300
    frag, idle = model.cluster_frag(state)
    assert (frag, idle) == (300.0, 1300.0)
    state = one_node([500, 300])
    # share fits (frag 300); whole does not fit -> all 800 idle: (900 + 800) / 4 = 425
    assert model.cluster_frag(state)[0] == 425.0
    state = one_node([1000, 1000], cpu=500)  # CPU too small for either class: all idle
    assert model.cluster_frag(state)[0] == 2000.0


def test_fgd_score_and_gpu_choice_hand_computed() -> None:
    policy = FGDPolicy(PolicyContext(workload=WORKLOAD))
    state = one_node([1000, 600])
    # before: (3*0 + 600)/4 = 150. GPU0 -> [500, 600]: (0 + 1100)/4 = 275, delta -125;
    # GPU1 -> [1000, 100]: (3*100 + 100)/4 = 100, delta +50 -> floor(100*sigmoid(0.05)) = 51
    decision = policy.choose(state, SHARE)
    assert decision is not None
    assert decision.gpus == (1,)
    assert decision.score == math.floor(100 / (1 + math.exp(-0.05)))
    state = one_node([1000, 300])
    # only GPU0 fits: 300 -> 425, delta -125 -> floor(100*sigmoid(-0.125)) = 46
    assert policy.choose(state, SHARE).score == 46


def test_fgd_cache_follows_state_changes() -> None:
    state = ClusterState.from_inventory(["a", "b"], [8000, 8000], [65536] * 2, [2, 2],
                                        ["T4", "T4"])
    policy = FGDPolicy(PolicyContext(workload=WORKLOAD))
    first = policy.choose(state, SHARE)
    state.reserve("x", first.node, first.gpus, SHARE)
    fresh = FGDPolicy(PolicyContext(workload=WORKLOAD))
    mask = state.feasible(SHARE)
    assert np.array_equal(policy.score(state, SHARE, mask), fresh.score(state, SHARE, mask))


def test_fgd_tight_breaks_ties_towards_the_fuller_node() -> None:
    state = ClusterState.from_inventory(["a", "b"], [8000, 8000], [65536] * 2, [2, 2],
                                        ["T4", "T4"])
    state.reserve("cpu", 1, (), Pod(4000, 100))  # b has less CPU left, same GPUs
    decision = FGDTightPolicy(PolicyContext(workload=WORKLOAD)).choose(state, WHOLE)
    assert decision.node == 1 and "tightest fit" in decision.reason


def test_target_workload_keeps_95_percent_and_orders_by_count() -> None:
    pods = [SHARE] * 90 + [WHOLE] * 6 + [Pod(2000, 100)] * 4
    classes = target_workload(pods)
    assert [(c.gpu_milli, c.count) for c in classes] == [(500, 90), (1000, 6)]


def test_registry_rejects_duplicates_and_suggests_names() -> None:
    registry = PolicyRegistry()
    registry.register("fgd", FGDPolicy)
    with pytest.raises(ValueError, match="already registered"):
        registry.register("fgd", BestFitPolicy)
    with pytest.raises(UnknownNameError) as info:
        default_registry().create("bestfitt")
    assert info.value.suggestions == ["bestfit"]
    assert default_registry().resolve("paper,fgd", {"paper": ["random", "fgd"]}) == [
        "random", "fgd"]


def test_ties_follow_seeded_node_order() -> None:
    state = ClusterState.from_inventory([f"n{i}" for i in range(50)], [8000] * 50, [8000] * 50,
                                        [1] * 50, ["T4"] * 50)
    plain = PackingPolicy().choose(state, SHARE)
    assert plain.node == 0  # lexicographic order without a seed
    seeded = {PackingPolicy(PolicyContext(seed=s)).choose(state, SHARE).node for s in range(8)}
    assert len(seeded) > 1


def test_set_gpu_free_updates_derived_state():
    from tools.placement import ClusterState

    state = ClusterState.from_inventory(["n0"], [8000], [65536], [4], ["T4"])
    state.set_gpu_free(0, [1000, 500, 0, 1000])
    assert int(state.idle[0]) == 2500 and int(state.n_full[0]) == 2
    assert int(state.max_free[0]) == 1000
    with pytest.raises(ValueError):
        state.set_gpu_free(0, [1000] * 5)
