"""GPU-sharing placement inside a cluster: FGD, the paper's five baselines, and our variant.

Policies work on a `ClusterState` built from any node inventory and a `Pod` record.
`default_registry()` returns a fresh name->factory registry with every built-in policy;
`registry.needs_workload(name)` says whether a policy must be given the target workload
(`fgd`, `fgd-reserve`: hindsight in a replay). `fgd-online` and `fgd-reserve-online`
learn it from the pods they are asked to place, with `PolicyContext.history` (see
`tools.placement.history.load_history`) as a decaying prior. Every policy works with
departures: `ClusterState.unreserve` frees a pod and the caches follow.
"""

from __future__ import annotations

from tools.placement.baselines import (
    BestFitPolicy,
    ClusteringPolicy,
    DotProdPolicy,
    PackingPolicy,
    RandomPolicy,
)
from tools.placement.fgd import FGDPolicy, FGDTightPolicy
from tools.placement.online import OnlineFGDPolicy
from tools.placement.policy import Placement, Policy, PolicyContext, PolicyRegistry
from tools.placement.reserve import OnlineReserveFGDPolicy, ReserveFGDPolicy
from tools.placement.state import ClusterState, Pod

PAPER_POLICIES = ("random", "dotprod", "clustering", "packing", "bestfit", "fgd")
OWN_POLICIES = ("fgd-tight", "fgd-online", "fgd-reserve", "fgd-reserve-online")


def default_registry() -> PolicyRegistry:
    """A registry holding the six paper policies and ours (names as in PAPER/OWN_POLICIES)."""
    registry = PolicyRegistry()
    for cls in (RandomPolicy, DotProdPolicy, ClusteringPolicy, PackingPolicy, BestFitPolicy,
                FGDPolicy, FGDTightPolicy, OnlineFGDPolicy, ReserveFGDPolicy,
                OnlineReserveFGDPolicy):
        registry.register(cls.name, cls)
    return registry


__all__ = [
    "OWN_POLICIES",
    "PAPER_POLICIES",
    "ClusterState",
    "Placement",
    "Pod",
    "Policy",
    "PolicyContext",
    "PolicyRegistry",
    "default_registry",
]
