"""GPU-sharing placement inside a cluster: FGD, the paper's five baselines, and our variant.

Policies work on a `ClusterState` built from any node inventory and a `Pod` record.
`default_registry()` returns a fresh name->factory registry with every built-in policy.
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
from tools.placement.policy import Placement, Policy, PolicyContext, PolicyRegistry
from tools.placement.state import ClusterState, Pod

PAPER_POLICIES = ("random", "dotprod", "clustering", "packing", "bestfit", "fgd")
OWN_POLICIES = ("fgd-tight",)


def default_registry() -> PolicyRegistry:
    """A registry holding the six paper policies and ours (names as in PAPER/OWN_POLICIES)."""
    registry = PolicyRegistry()
    for cls in (RandomPolicy, DotProdPolicy, ClusteringPolicy, PackingPolicy, BestFitPolicy,
                FGDPolicy, FGDTightPolicy):
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
