"""The five baseline policies of the FGD paper (Random, DotProd, Clustering, Packing, BestFit).

Each follows design/fgd.md and the public simulator's integer arithmetic, so the same
nodes tie as in the paper. Baselines other than Random take the best-fit GPU for a
sharing pod (the simulator's "best" GPU selection) and the lowest-index free GPUs for
whole-GPU pods.
"""

from __future__ import annotations

import numpy as np

from tools.placement.policy import Policy
from tools.placement.state import GPU_MILLI, MAX_GPUS, ClusterState, Pod

MAX_SPEC_CPU = 128_000  # the simulator's normaliser for CPU milli
MAX_SPEC_GPU = MAX_GPUS * GPU_MILLI  # and for milli-GPU on one node


class RandomPolicy(Policy):
    """Any feasible node, uniformly at random; a random fitting GPU for sharing pods."""

    name = "random"

    def score(self, state: ClusterState, pod: Pod, mask: np.ndarray) -> np.ndarray:
        """One random feasible node scores 100, every other node 0."""
        scores = np.zeros(state.n_nodes, dtype=np.int64)
        scores[int(self.rng.choice(np.flatnonzero(mask)))] = 100
        return scores

    def select_gpus(self, state: ClusterState, pod: Pod, node: int) -> tuple[int, ...]:
        """A uniformly random GPU that fits a sharing pod; lowest free GPUs otherwise."""
        if pod.is_sharing:
            fits = np.flatnonzero(state.gpu_exists[node] & (state.gpu_free[node] >= pod.gpu_milli))
            return (int(self.rng.choice(fits)),)
        return super().select_gpus(state, pod, node)


class DotProdPolicy(Policy):
    """Tetris-style alignment: the smallest dot product of free and requested resources."""

    name = "dotprod"

    def score(self, state: ClusterState, pod: Pod, mask: np.ndarray) -> np.ndarray:
        """floor(100 * (1 - dot/2)) with both vectors scaled by (128000, 8000)."""
        node_cpu = state.cpu_free / MAX_SPEC_CPU
        node_gpu = state.idle / MAX_SPEC_GPU
        dot = node_cpu * (pod.cpu_milli / MAX_SPEC_CPU) + node_gpu * (
            pod.total_gpu_milli / MAX_SPEC_GPU)
        return np.floor(100.0 * (1.0 - dot / 2)).astype(np.int64)


class ClusteringPolicy(Policy):
    """Put pods of the same GPU-type tag together (share-gpu, 1-gpu, 2-gpu, ...)."""

    name = "clustering"

    def score(self, state: ClusterState, pod: Pod, mask: np.ndarray) -> np.ndarray:
        """75/50/25/0 by how the node's tags match the pod's, plus up to 25 for GPU use."""
        if not pod.needs_gpu:
            return np.zeros(state.n_nodes, dtype=np.int64)
        used = 25 * (MAX_SPEC_GPU - state.idle) // MAX_SPEC_GPU
        distinct = (state.tags > 0).sum(axis=1)
        same = state.tags[:, pod.tag] > 0
        base = np.where(same, np.where(distinct == 1, 75, 50), np.where(distinct == 0, 25, 0))
        return base + used


class PackingPolicy(Policy):
    """Prefer partly used GPUs, then free GPUs on used nodes, then idle nodes."""

    name = "packing"

    def score(self, state: ClusterState, pod: Pod, mask: np.ndarray) -> np.ndarray:
        """The simulator's three-tier packing score (CPU-only pods score 0 everywhere)."""
        if not pod.needs_gpu:
            return np.zeros(state.n_nodes, dtype=np.int64)
        idle_node = state.n_full == state.n_gpu
        tier3 = np.maximum(33 - state.n_full, state.n_full)
        if pod.is_sharing:
            fit = np.where(state.gpu_exists & (state.gpu_free >= pod.gpu_milli),
                           state.gpu_free, GPU_MILLI + 1).min(axis=1)
            tier1 = np.maximum(100 - (fit * 100 // GPU_MILLI) // 10, 50)
            used = np.where(fit >= GPU_MILLI, max(50 - 1, 33), tier1)
        else:
            used = np.full(state.n_nodes, max(50 - pod.num_gpu, 33), dtype=np.int64)
        return np.where(idle_node, tier3, used)


class BestFitPolicy(Policy):
    """The least CPU and GPU left over after placement, min-max normalised."""

    name = "bestfit"

    def score(self, state: ClusterState, pod: Pod, mask: np.ndarray) -> np.ndarray:
        """floor(100 * (1 - [0.5 cpu left/128000 + 0.5 GPU left/8000]))."""
        left = ((state.cpu_free - pod.cpu_milli) / MAX_SPEC_CPU * 0.5
                + (state.idle - pod.total_gpu_milli) / MAX_SPEC_GPU * 0.5)
        return np.floor((1.0 - left) * 100).astype(np.int64)

    def normalise(self, scores: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Integer min-max scaling to 0..100 over the feasible nodes (all 0 if equal)."""
        sub = scores[mask]
        lo, hi = int(sub.min()), int(sub.max())
        if hi == lo:
            return np.where(mask, 0, scores)
        return np.where(mask, (scores - lo) * 100 // (hi - lo), scores)

