"""Online FGD: the target workload learned from the pods seen so far, not given in advance.

`OnlineFGDPolicy` (`fgd-online`) counts every pod it is asked to place in a decayed
`WorkloadEstimate` (seeded with the cluster's history as a prior) and scores with FGD
against the estimate. Rebuilding the fragmentation model invalidates every cached score,
so it is rebuilt only when the estimate has moved: checks come after 1, 2, 4, ... pods,
then every `REFRESH` pods, and a check rebuilds only when the total-variation distance
between the estimate and the model's workload exceeds `TOLERANCE`. A decision between
rebuilds costs what FGD's costs (cached per node, only changed nodes recomputed).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from tools.placement.fgd import FGDPolicy, WorkloadClass
from tools.placement.policy import Placement, PolicyContext
from tools.placement.state import ClusterState, Pod
from tools.placement.workload import (
    ClassKey,
    EstimateConfig,
    WorkloadEstimate,
    class_key,
    drift,
)

REFRESH = 256
TOLERANCE = 0.02


def prior_from_history(history: Sequence[tuple[Pod, float]] | None) -> dict[ClassKey, float]:
    """Class weights from `PolicyContext.history` ((pod, weight) pairs; weights <= 0 skipped)."""
    out: dict[ClassKey, float] = {}
    for pod, weight in history or ():
        if weight > 0:
            k = class_key(pod)
            out[k] = out.get(k, 0.0) + float(weight)
    return out


class OnlineFGDPolicy(FGDPolicy):
    """FGD whose target workload is estimated online (decayed, with a history prior)."""

    name = "fgd-online"
    needs_workload = False
    config = EstimateConfig()
    refresh = REFRESH
    tolerance = TOLERANCE

    def __init__(self, ctx: PolicyContext | None = None) -> None:
        self.estimate = WorkloadEstimate(self.config, prior_from_history((ctx or PolicyContext())
                                                                         .history))
        self.rebuilds = 0
        self._next_check = 1
        super().__init__(ctx)

    def initial_classes(self) -> list[WorkloadClass]:
        """The prior's classes (empty until a pod or a history is seen); never the trace."""
        return self.estimate.classes()

    def observe(self, state: ClusterState, pod: Pod) -> None:
        """Count `pod` in the estimate; rebuild the model when the estimate has drifted."""
        self.estimate.observe(pod)
        seen = self.estimate.seen
        if seen < self._next_check and self.classes:
            return
        self._next_check = seen * 2 if seen < self.refresh else seen + self.refresh
        new = self.estimate.classes()
        if not self.classes or drift(self.classes, new) > self.tolerance:
            self.classes = new
            self.rebuilds += 1
            self._state = None  # the next score() rebuilds the model and every cache

    def choose(self, state: ClusterState, pod: Pod) -> Placement | None:
        """Learn from `pod` (it is part of the workload, placed or not), then place it."""
        self.observe(state, pod)
        return super().choose(state, pod)

    def explain(self, state: ClusterState, node: int, ties: int, mask: np.ndarray) -> str:
        """FGD's reason plus what the target workload was estimated from."""
        est = self.estimate
        prior = f" and a prior of {est.prior_classes} classes" if est.prior_classes else ""
        return (super().explain(state, node, ties, mask)
                + f"; target workload of {len(self.classes)} classes estimated from "
                  f"{est.seen} pods seen{prior} (half-life {est.config.half_life:.0f} pods)")
