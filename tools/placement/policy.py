"""The placement-policy interface (filter, score, normalise, choose) and its registry.

A policy works on a `ClusterState` and a `Pod` only, never on a trace format. Shaped like
a Kubernetes scheduler profile: `filter` keeps feasible nodes, `score` rates them,
`normalise` may rescale, and `choose` picks the highest score. Ties go to the node that
comes first in a seeded order of node names (the paper's simulator prefixes node names
with a seeded permutation and keeps the lexicographically smallest).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from gridwise.errors import UnknownNameError
from tools.placement.state import ClusterState, Pod


@dataclass(frozen=True)
class PolicyContext:
    """What a policy factory may use.

    Attributes:
        seed: seeds tie-breaking (and any randomness of the policy); None means the
            plain lexicographic order of node names and seed 0.
        workload: pods that describe the expected workload (FGD's target workload M);
            only policies with `needs_workload` read it (hindsight in a replay).
        history: the cluster's past pods, each with a weight (how many, or a decayed
            count): the prior of online policies such as fgd-online.
    """

    seed: int | None = None
    workload: Sequence[Pod] | None = None
    history: Sequence[tuple[Pod, float]] | None = None


@dataclass(frozen=True)
class Placement:
    """A placement: the node index, the GPU indices on it, the score and why."""

    node: int
    gpus: tuple[int, ...]
    score: float
    reason: str


class Policy(ABC):
    """Base class of every placement policy."""

    name: str = "policy"
    #: True when the policy needs `PolicyContext.workload` (the pods it will place).
    needs_workload: bool = False

    def __init__(self, ctx: PolicyContext | None = None) -> None:
        self.ctx = ctx or PolicyContext()
        self.rng = np.random.default_rng(self.ctx.seed if self.ctx.seed is not None else 0)
        self._rank: np.ndarray | None = None
        self._rank_names: list[str] | None = None

    def filter(self, state: ClusterState, pod: Pod) -> np.ndarray:
        """Boolean mask of the nodes where `pod` fits now."""
        return state.feasible(pod)

    @abstractmethod
    def score(self, state: ClusterState, pod: Pod, mask: np.ndarray) -> np.ndarray:
        """Scores for every node (only entries under `mask` are read); higher is better."""

    def normalise(self, scores: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Rescale scores; the default keeps them as they are."""
        return scores

    def select_gpus(self, state: ClusterState, pod: Pod, node: int) -> tuple[int, ...]:
        """GPUs to use on the chosen node: best-fit GPU for sharing, lowest free otherwise."""
        if not pod.needs_gpu:
            return ()
        if pod.is_sharing:
            return (state.best_fit_gpu(node, pod.gpu_milli),)
        return state.whole_gpus(node, pod.num_gpu)

    def tie_rank(self, state: ClusterState) -> np.ndarray:
        """Rank of every node in the seeded order used to break ties (0 wins)."""
        if self._rank is None or self._rank_names is not state.names:
            order = np.argsort(np.array(state.names, dtype=object), kind="stable")
            if self.ctx.seed is not None:
                prefix = np.random.default_rng(self.ctx.seed).permutation(state.n_nodes)
                order = order[np.argsort(prefix, kind="stable")]
            rank = np.empty(state.n_nodes, dtype=np.int64)
            rank[order] = np.arange(state.n_nodes)
            self._rank, self._rank_names = rank, state.names
        return self._rank

    def pick(self, state: ClusterState, scores: np.ndarray, mask: np.ndarray) -> tuple[int, int]:
        """The best node under `mask` and how many nodes tie with it."""
        idx = np.flatnonzero(mask)
        sub = scores[idx]
        best = sub.max()
        tied = idx[sub == best]
        if len(tied) == 1:
            return int(tied[0]), 1
        rank = self.tie_rank(state)
        return int(tied[np.argmin(rank[tied])]), len(tied)

    def choose(self, state: ClusterState, pod: Pod) -> Placement | None:
        """Pick a node and GPUs for `pod`, or None when no node fits."""
        mask = self.filter(state, pod)
        if not mask.any():
            return None
        scores = self.normalise(self.score(state, pod, mask), mask)
        node, ties = self.pick(state, scores, mask)
        gpus = self.select_gpus(state, pod, node)
        return Placement(node, gpus, float(scores[node]), self.explain(state, node, ties, mask))

    def explain(self, state: ClusterState, node: int, ties: int, mask: np.ndarray) -> str:
        """A short reason for the explainer."""
        tie = f", {ties} tied, broken by seeded node order" if ties > 1 else ""
        return (f"{self.name}: best of {int(mask.sum())} feasible nodes{tie}; "
                f"{state.names[node]} has {int(state.idle[node])} milli-GPU free")


PolicyFactory = Callable[[PolicyContext], Policy]


class PolicyRegistry:
    """Name to factory map; registering a name twice is an error."""

    def __init__(self) -> None:
        self._factories: dict[str, PolicyFactory] = {}

    def register(self, name: str, factory: PolicyFactory) -> None:
        """Add `factory` under `name`.

        Raises:
            ValueError: `name` is already registered.
        """
        if name in self._factories:
            raise ValueError(f"placement policy {name!r} is already registered")
        self._factories[name] = factory

    def needs_workload(self, name: str) -> bool:
        """True when the policy registered as `name` needs `PolicyContext.workload`."""
        return bool(getattr(self._factories.get(name), "needs_workload", False))

    def names(self) -> list[str]:
        """Registered names, in registration order."""
        return list(self._factories)

    def create(self, name: str, ctx: PolicyContext | None = None) -> Policy:
        """Build the policy registered as `name`.

        Raises:
            UnknownNameError: no policy has that name (with close-name suggestions).
        """
        factory = self._factories.get(name)
        if factory is None:
            raise UnknownNameError("placement policy", name, self._factories)
        return factory(ctx or PolicyContext())

    def resolve(self, spec: str, groups: Mapping[str, Iterable[str]] | None = None) -> list[str]:
        """Expand a comma list of names and group names (e.g. "all") into policy names."""
        out: list[str] = []
        groups = groups or {}
        for part in (p.strip() for p in spec.split(",")):
            if not part:
                continue
            names = list(groups[part]) if part in groups else [part]
            for name in names:
                if name not in self._factories:
                    raise UnknownNameError("placement policy", name, [*self._factories, *groups])
                if name not in out:
                    out.append(name)
        return out
