"""An online estimate of a cluster's workload: decayed counts of the pod classes seen so far.

FGD optimises for a target workload M (the pod classes it expects and how often). The
paper hands it M computed from the very trace it is about to place; a live cluster cannot
know that. `WorkloadEstimate` learns M instead: every pod that arrives adds weight to its
class (cpu, gpu_milli, num_gpu, gpu_spec), older pods weigh less (exponential decay with
a half-life counted in pods), and a prior (the cluster's history) starts the estimate
with a pseudo-count that decays like any other observation. One observation costs O(1):
instead of multiplying every weight by the decay factor, the weight of a new pod grows
by 1/decay, and all weights are rescaled once that growth gets large.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tools.placement.fgd import COVERAGE, WorkloadClass
from tools.placement.state import Pod

ClassKey = tuple[int, int, int, tuple[str, ...]]

#: Integer weight of the whole target workload handed to FGD (its arithmetic is integer).
RESOLUTION = 10_000
_RESCALE_AT = 1e12


def class_key(pod: Pod) -> ClassKey:
    """The FGD class of a pod: (cpu_milli, gpu_milli, num_gpu, gpu_spec)."""
    if not pod.needs_gpu:
        return (pod.cpu_milli, 0, 0, ())
    return (pod.cpu_milli, pod.gpu_milli, pod.num_gpu, pod.gpu_spec)


def class_counts(pods: Iterable[Pod]) -> dict[ClassKey, float]:
    """How many of `pods` fall in each class."""
    out: dict[ClassKey, float] = {}
    for p in pods:
        k = class_key(p)
        out[k] = out.get(k, 0.0) + 1.0
    return out


@dataclass(frozen=True)
class EstimateConfig:
    """How the estimate weighs the past.

    Attributes:
        half_life: pods after which an observation (or the prior) counts half; 0 means
            no decay (every pod seen counts the same).
        prior_weight: how many observed pods the prior is worth when it is loaded.
        coverage: share of the (weighted) workload the target classes must cover.
        min_count: a class joins the target only once seen this many times (prior
            pseudo-counts included): early on, a class seen once holds a share that is
            mostly noise, and FGD is sensitive to the classes it optimises for.
    """

    half_life: float = 4000.0
    prior_weight: float = 200.0
    coverage: float = COVERAGE
    min_count: float = 3.0


class WorkloadEstimate:
    """Decayed class weights of the pods seen so far, plus a decaying prior."""

    def __init__(self, config: EstimateConfig | None = None,
                 prior: Mapping[ClassKey, float] | None = None) -> None:
        self.config = config or EstimateConfig()
        h = self.config.half_life
        self._growth = 2.0 ** (1.0 / h) if h > 0 else 1.0
        self._inc = 1.0
        self.weights: dict[ClassKey, float] = {}
        self.counts: dict[ClassKey, float] = {}  # undecayed, for min_count
        self.total = 0.0
        self.seen = 0
        self.prior_classes = 0
        if prior:
            mass = sum(v for v in prior.values() if v > 0)
            if mass > 0:
                scale = self.config.prior_weight / mass
                for k, v in prior.items():
                    if v > 0:
                        self.weights[k] = v * scale
                        self.counts[k] = v * scale
                        self.prior_classes += 1
                self.total = self.config.prior_weight

    def observe(self, pod: Pod) -> None:
        """Count one arriving pod (O(1))."""
        self._inc *= self._growth
        k = class_key(pod)
        self.weights[k] = self.weights.get(k, 0.0) + self._inc
        self.counts[k] = self.counts.get(k, 0.0) + 1.0
        self.total += self._inc
        self.seen += 1
        if self._inc > _RESCALE_AT:
            inv = 1.0 / self._inc
            self.weights = {k: v * inv for k, v in self.weights.items()}
            self.total *= inv
            self._inc = 1.0

    @property
    def empty(self) -> bool:
        """True before any pod or prior was counted."""
        return self.total <= 0

    def distribution(self) -> dict[ClassKey, float]:
        """Each class's share of the decayed weight (sums to 1; empty when nothing seen).

        Only classes seen at least `min_count` times count (all of them while none is).
        """
        if self.empty:
            return {}
        floor = self.config.min_count
        kept = {k: v for k, v in self.weights.items() if self.counts.get(k, 0.0) >= floor}
        kept = kept or self.weights
        inv = 1.0 / sum(kept.values())
        return {k: v * inv for k, v in kept.items()}

    def classes(self) -> list[WorkloadClass]:
        """The target workload now: top classes covering `coverage`, integer weights.

        Ranked as `fgd.target_workload` ranks them (weight, then larger cpu, milli, GPU
        count, spec); weights are scaled to RESOLUTION in total, each at least 1.
        """
        dist = self.distribution()
        ranked = sorted(dist.items(), key=lambda kv: (kv[1], kv[0][:3], "|".join(kv[0][3])),
                        reverse=True)
        out: list[WorkloadClass] = []
        cum = 0.0
        for (cpu, milli, num, spec), p in ranked:
            if cum >= self.config.coverage - 1e-12:
                break
            cum += p
            out.append(WorkloadClass(cpu, milli, num, spec, max(1, round(p * RESOLUTION))))
        return out


def drift(old: Iterable[WorkloadClass], new: Iterable[WorkloadClass]) -> float:
    """Total-variation distance between two target workloads (0 same, 1 disjoint)."""
    def shares(classes: Iterable[WorkloadClass]) -> dict[tuple, float]:
        cs = list(classes)
        tot = sum(c.count for c in cs) or 1
        return {(c.cpu_milli, c.gpu_milli, c.num_gpu, c.gpu_spec): c.count / tot for c in cs}

    a, b = shares(old), shares(new)
    return 0.5 * sum(abs(a.get(k, 0.0) - b.get(k, 0.0)) for k in a.keys() | b.keys())
