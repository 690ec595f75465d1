"""GPU-model-aware reservation and CPU parking on top of FGD (`fgd-reserve`, ours).

FGD looks at one node at a time, so it cannot see that a GPU model is scarce for the
cluster as a whole: an unconstrained pod lands on a T4 node as readily as on a G2 node,
even when T4-only pods are about to ask for most of the T4 capacity left. And a
CPU-only pod scores the same (zero fragmentation change) on a node whose GPUs are all
taken as on a node with idle GPUs, though only on the second does its CPU strand GPUs.
This policy keeps FGD's score and changes two things:

- Each GPU class m of the estimated workload, with weight w_m (its share of pods times
  its GPU milli), can run on a set of models A_m. A class that pins models (`gpu_spec`)
  can run on those of them with a node big enough for it (GPU count and CPU capacity);
  a class without `gpu_spec` on every GPU model. The reservation prices model
  constraints only: a node's shape (how many GPUs are fully free for a 2-, 4- or 8-GPU
  pod) is node-level, and FGD's fragmentation already counts it node by node. Pricing
  shape per model as well (an 8-GPU class "needs" the 8-GPU models) penalised small pods
  on every node of the big models, even on partly used nodes that could no longer host a
  big pod, and pushed them onto the 2- and 4-GPU nodes that the 2- and 4-GPU pods
  needed: +0.11 / +0.14 pp on multigpu30 / 40 over 4-5 paired seeds (BENCHMARKS.md).
- Spreading every class's demand over its models in proportion to their free milli-GPU
  gives the pressure on model g, pi_g = sum over m with g in A_m of w_m / free(A_m):
  expected demand per free milli-GPU. Unconstrained classes add the same to every model;
  constrained ones raise the pressure on the models they need.
- For a pod that may use models A_p, the relative excess of model g is
  x_g = (pi_g - min over A_p of pi) / min over A_p of pi, and the penalty of a node of
  model g is floor(KAPPA * min(CAP, x_g)) where x_g >= DEAD_ZONE, else 0: zero on the
  least pressured models the pod may use, up to KAPPA * CAP score points on models other
  pods need more. Integer, so FGD's ties stay ties where pressures are equal (the traces
  without `gpu_spec` place exactly as FGD, but for CPU parking). The dead zone falls back
  to FGD's own score where a model is only slightly scarcer: a penalty of 1 to 3 points
  changes little but which of FGD's tied nodes wins, and FGD is very sensitive to that
  (on gpuspec05, 5 % pinned pods, such penalties cost +0.5 pp over 2 paired seeds).

Free capacity is read from the live state at every decision (a bincount over nodes), so
the reservation relaxes as the scarce models fill up or free up.

- CPU parking: a CPU-only pod goes to a feasible node with the least idle milli-GPU
  (first in the seeded node order among equals), where its CPU costs GPU pods least.

`fgd-reserve` takes the target workload as FGD does (the same information, so the
comparison is of the placement rule alone); `fgd-reserve-online` learns it as
`fgd-online` does.
"""

from __future__ import annotations

import numpy as np

from tools.placement.fgd import FGDPolicy
from tools.placement.online import OnlineFGDPolicy
from tools.placement.policy import Placement
from tools.placement.state import ClusterState, Pod

KAPPA = 30.0
CAP = 2.0
DEAD_ZONE = 0.15


class ReserveMixin(FGDPolicy):
    """Reservation penalty and CPU parking on top of FGD.

    For another FGD variant put it before that variant in the bases
    (`class X(ReserveMixin, OnlineFGDPolicy)`): `super()` then reaches the variant.
    """

    kappa = KAPPA
    cap = CAP
    dead_zone = DEAD_ZONE
    _last_penalty: np.ndarray | None = None

    def _pools(self, state: ClusterState) -> None:
        """Per GPU class of the target workload: its weight and the models it can use.

        Unconstrained classes may use every GPU model (they add the same pressure to
        all); constrained ones the models they pin that have a node big enough for them.
        """
        gpu = [c for c in self.classes if c.num_gpu > 0 and c.gpu_milli > 0]
        n_models = len(state.models)
        usable = np.zeros((len(gpu), n_models))
        for j in range(n_models):
            model = state.models[j]
            on = state.model_id == j
            if not model or not on.any():
                continue
            most_gpus, most_cpu = int(state.n_gpu[on].max()), int(state.cpu_cap[on].max())
            for i, c in enumerate(gpu):
                if not c.gpu_spec or (model in c.gpu_spec and c.num_gpu <= most_gpus
                                      and c.cpu_milli <= most_cpu):
                    usable[i, j] = 1.0
        self._usable = usable
        self._weight = np.array([c.count * c.num_gpu * c.gpu_milli for c in gpu], dtype=float)
        self._pools_for = (self.classes, state)
        self._pod_models: dict[tuple[str, ...], np.ndarray] = {}

    def pressure(self, state: ClusterState) -> np.ndarray:
        """Expected demand per free milli-GPU of every GPU model (index as state.models)."""
        held = getattr(self, "_pools_for", None)
        if held is None or held[0] is not self.classes or held[1] is not state:
            self._pools(state)
        free = np.bincount(state.model_id, weights=state.idle, minlength=len(state.models))
        share = self._weight / np.maximum(self._usable @ free, 1.0)
        return share @ self._usable

    def penalty(self, state: ClusterState, pod: Pod) -> np.ndarray:
        """Integer reservation penalty per GPU model for `pod` (0 on its best models)."""
        pi = self.pressure(state)
        allowed = self._pod_models.get(pod.gpu_spec)
        if allowed is None:
            allowed = np.array([bool(m) and (not pod.gpu_spec or m in pod.gpu_spec)
                                for m in state.models])
            self._pod_models[pod.gpu_spec] = allowed
        if not allowed.any():
            return np.zeros(len(pi))
        low = pi[allowed].min()
        if low <= 0:
            return np.zeros(len(pi))
        excess = (pi - low) / low
        return np.where(excess >= self.dead_zone,
                        np.floor(self.kappa * np.clip(excess, 0.0, self.cap)), 0.0)

    def choose(self, state: ClusterState, pod: Pod) -> Placement | None:
        """CPU-only pods are parked (least idle GPU); GPU pods are scored."""
        if pod.needs_gpu:
            return super().choose(state, pod)
        if hasattr(self, "observe"):
            self.observe(state, pod)  # online variant: the pod is part of the workload
        mask = state.feasible(pod)
        if not mask.any():
            return None
        idx = np.flatnonzero(mask)
        least = idx[state.idle[idx] == state.idle[idx].min()]
        node = int(least[np.argmin(self.tie_rank(state)[least])])
        return Placement(node, (), 0.0, f"{self.name}: CPU-only pod parked on "
                        f"{state.names[node]}, one of {len(least)} feasible nodes with the "
                        f"least idle GPU ({int(state.idle[node])} milli)")

    def score(self, state: ClusterState, pod: Pod, mask: np.ndarray) -> np.ndarray:
        """FGD's score minus the reservation penalty of each node's GPU model."""
        scores = super().score(state, pod, mask)
        self._last_penalty = None
        if not pod.needs_gpu:
            return scores
        self._last_penalty = self.penalty(state, pod)
        return scores - self._last_penalty[state.model_id]

    def explain(self, state: ClusterState, node: int, ties: int, mask: np.ndarray) -> str:
        """Online FGD's reason plus the reservation penalty of the chosen model."""
        base = super().explain(state, node, ties, mask)
        pen = self._last_penalty
        if pen is None or not pen.any():
            return base
        model = state.models[state.model_id[node]]
        held = ", ".join(f"{state.models[j]} -{pen[j]:.0f}" for j in np.flatnonzero(pen))
        return f"{base}; reservation for constrained pods: {held} points ({model} chosen)"


class ReserveFGDPolicy(ReserveMixin):
    """FGD (target workload given) with model reservation and CPU parking."""

    name = "fgd-reserve"


class OnlineReserveFGDPolicy(ReserveMixin, OnlineFGDPolicy):
    """fgd-online (target workload learned) with model reservation and CPU parking."""

    name = "fgd-reserve-online"
