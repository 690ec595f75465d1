"""Cluster state for GPU-sharing placement: numpy arrays over nodes, updated in place.

The state knows nothing about trace formats: build it from any node inventory (the openb
node list, an on-prem cluster's current inventory) with `ClusterState.from_inventory`.
Every GPU has `GPU_MILLI` milli-GPU; nodes have at most `MAX_GPUS` GPUs. Missing GPU slots
are padded with 0 free milli and masked out by `gpu_exists`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

GPU_MILLI = 1000
MAX_GPUS = 8
# Clustering's GPU-type tags: column 0 is "share-gpu", column k is "k-gpu".
N_TAGS = MAX_GPUS + 1


@dataclass(frozen=True, slots=True)
class Pod:
    """A pod (task) request; `gpu_milli` is per GPU, as in the openb traces.

    Attributes:
        cpu_milli: CPU request in millicores.
        memory_mib: memory request in MiB.
        num_gpu: number of GPUs (0 for a CPU-only pod).
        gpu_milli: milli-GPU per GPU: below 1000 only for a sharing pod (one GPU).
        gpu_spec: acceptable GPU models; empty means any model.
    """

    cpu_milli: int
    memory_mib: int
    num_gpu: int = 0
    gpu_milli: int = 0
    gpu_spec: tuple[str, ...] = ()

    @property
    def is_sharing(self) -> bool:
        """True for a pod that shares one GPU (one GPU, less than 1000 milli)."""
        return self.num_gpu == 1 and 0 < self.gpu_milli < GPU_MILLI

    @property
    def needs_gpu(self) -> bool:
        """True when the pod asks for any GPU."""
        return self.num_gpu > 0 and self.gpu_milli > 0

    @property
    def total_gpu_milli(self) -> int:
        """Requested milli-GPU over all its GPUs."""
        return self.num_gpu * self.gpu_milli

    @property
    def tag(self) -> int:
        """Clustering tag column: -1 no GPU, 0 share-gpu, k for k whole GPUs."""
        if not self.needs_gpu:
            return -1
        return 0 if self.is_sharing else self.num_gpu


@dataclass
class Allocation:
    """Where a reserved pod sits."""

    node: int
    gpus: tuple[int, ...]
    pod: Pod


@dataclass
class ClusterState:
    """Free resources of every node, with derived per-node aggregates kept in step.

    Attributes:
        names: node names.
        models: GPU model names; `model_id` indexes into it ("" for a CPU-only node).
        cpu_cap, mem_cap, n_gpu: capacities per node.
        cpu_free, mem_free: free CPU (milli) and memory (MiB) per node.
        gpu_free: (n_nodes, MAX_GPUS) free milli per GPU, 0 where no GPU exists.
        gpu_exists: (n_nodes, MAX_GPUS) mask of real GPUs.
        idle: total free milli-GPU per node; n_full: fully free GPUs per node;
        max_free: the largest free milli on one GPU of the node.
        tags: (n_nodes, N_TAGS) count of running GPU pods per Clustering tag.
        version: bumped on every change of a node, so policies can refresh caches.
    """

    names: list[str]
    models: list[str]
    model_id: np.ndarray
    cpu_cap: np.ndarray
    mem_cap: np.ndarray
    n_gpu: np.ndarray
    cpu_free: np.ndarray
    mem_free: np.ndarray
    gpu_free: np.ndarray
    gpu_exists: np.ndarray
    idle: np.ndarray
    n_full: np.ndarray
    max_free: np.ndarray
    tags: np.ndarray
    version: np.ndarray
    allocations: dict[object, Allocation] = field(default_factory=dict)
    _model_masks: dict[tuple[str, ...], np.ndarray] = field(default_factory=dict, repr=False)

    @classmethod
    def from_inventory(
        cls,
        names: Sequence[str],
        cpu_milli: Sequence[int],
        memory_mib: Sequence[int],
        num_gpu: Sequence[int],
        models: Sequence[str],
    ) -> ClusterState:
        """Build an empty (nothing running) cluster from per-node capacities.

        Args:
            names: node names, one per node.
            cpu_milli: allocatable CPU in millicores.
            memory_mib: allocatable memory in MiB.
            num_gpu: GPUs per node (0..8).
            models: GPU model per node ("" for a CPU-only node).

        Raises:
            ValueError: the sequences differ in length or a node has more than 8 GPUs.
        """
        n = len(names)
        if not (len(cpu_milli) == len(memory_mib) == len(num_gpu) == len(models) == n):
            raise ValueError("node inventory columns have different lengths")
        n_gpu = np.asarray(num_gpu, dtype=np.int64)
        if n and (n_gpu.max() > MAX_GPUS or n_gpu.min() < 0):
            raise ValueError(f"a node has more than {MAX_GPUS} GPUs or a negative count")
        model_names = sorted({m for m in models})
        index = {m: i for i, m in enumerate(model_names)}
        exists = np.arange(MAX_GPUS)[None, :] < n_gpu[:, None]
        gpu_free = np.where(exists, GPU_MILLI, 0).astype(np.int64)
        cpu = np.asarray(cpu_milli, dtype=np.int64)
        mem = np.asarray(memory_mib, dtype=np.int64)
        return cls(
            names=list(names),
            models=model_names,
            model_id=np.array([index[m] for m in models], dtype=np.int64),
            cpu_cap=cpu.copy(),
            mem_cap=mem.copy(),
            n_gpu=n_gpu,
            cpu_free=cpu.copy(),
            mem_free=mem.copy(),
            gpu_free=gpu_free,
            gpu_exists=exists,
            idle=gpu_free.sum(axis=1),
            n_full=n_gpu.copy(),
            max_free=gpu_free.max(axis=1) if n else np.zeros(0, dtype=np.int64),
            tags=np.zeros((n, N_TAGS), dtype=np.int64),
            version=np.zeros(n, dtype=np.int64),
        )

    @property
    def n_nodes(self) -> int:
        """Number of nodes."""
        return len(self.names)

    @property
    def gpu_capacity_milli(self) -> int:
        """Total milli-GPU of the cluster."""
        return int(self.n_gpu.sum()) * GPU_MILLI

    @property
    def allocated_gpu_milli(self) -> int:
        """Milli-GPU currently reserved."""
        return self.gpu_capacity_milli - int(self.idle.sum())

    def model_mask(self, gpu_spec: tuple[str, ...]) -> np.ndarray:
        """Per node: does its GPU model satisfy `gpu_spec` (empty spec: any GPU node)."""
        mask = self._model_masks.get(gpu_spec)
        if mask is None:
            allowed = [i for i, m in enumerate(self.models)
                       if m and (not gpu_spec or m in gpu_spec)]
            mask = np.isin(self.model_id, allowed)
            self._model_masks[gpu_spec] = mask
        return mask

    def feasible(self, pod: Pod) -> np.ndarray:
        """Nodes where `pod` fits now (CPU, memory, GPU model, GPU capacity)."""
        mask = (self.cpu_free >= pod.cpu_milli) & (self.mem_free >= pod.memory_mib)
        if not pod.needs_gpu:
            return mask
        mask &= self.model_mask(pod.gpu_spec)
        if pod.is_sharing:
            return mask & (self.max_free >= pod.gpu_milli)
        return mask & (self.n_full >= pod.num_gpu)

    def whole_gpus(self, node: int, count: int) -> tuple[int, ...]:
        """The `count` lowest-index fully free GPUs of `node` (the simulator's choice)."""
        free = np.flatnonzero(self.gpu_free[node] == GPU_MILLI)
        return tuple(int(g) for g in free[:count])

    def best_fit_gpu(self, node: int, milli: int) -> int:
        """The GPU with the least free milli that still fits `milli` (first index on ties)."""
        free = np.where(self.gpu_free[node] >= milli, self.gpu_free[node], GPU_MILLI + 1)
        free = np.where(self.gpu_exists[node], free, GPU_MILLI + 1)
        return int(np.argmin(free))

    def reserve(self, key: object, node: int, gpus: tuple[int, ...], pod: Pod) -> bool:
        """Place `pod` (under `key`) on `node`, using `gpus`; idempotent per key.

        Returns:
            True when the state changed, False when `key` was already reserved there.

        Raises:
            ValueError: `key` is reserved elsewhere, or the pod does not fit as asked.
        """
        held = self.allocations.get(key)
        if held is not None:
            if held.node == node and held.gpus == tuple(gpus) and held.pod == pod:
                return False
            raise ValueError(f"pod {key!r} is already reserved on node {held.node}")
        gpus = tuple(int(g) for g in gpus)
        if self.cpu_free[node] < pod.cpu_milli or self.mem_free[node] < pod.memory_mib:
            raise ValueError(f"pod {key!r} does not fit CPU/memory of node {node}")
        if pod.needs_gpu:
            if len(gpus) != pod.num_gpu or len(set(gpus)) != len(gpus):
                raise ValueError(f"pod {key!r} needs {pod.num_gpu} distinct GPUs, got {gpus}")
            if any(not self.gpu_exists[node, g] or self.gpu_free[node, g] < pod.gpu_milli
                   for g in gpus):
                raise ValueError(f"pod {key!r} does not fit GPUs {gpus} of node {node}")
        self._apply(node, gpus, pod, sign=-1)
        self.allocations[key] = Allocation(node, gpus, pod)
        return True

    def unreserve(self, key: object) -> bool:
        """Remove the reservation under `key`; idempotent (False when nothing was held)."""
        held = self.allocations.pop(key, None)
        if held is None:
            return False
        self._apply(held.node, held.gpus, held.pod, sign=+1)
        return True

    def set_gpu_free(self, node: int, free_milli: Sequence[int]) -> None:
        """Set one node's per-GPU free milli (an inventory already partly in use).

        Raises:
            ValueError: more values than the node has GPUs, or a value outside 0..1000.
        """
        n = int(self.n_gpu[node])
        if len(free_milli) > n or any(not 0 <= f <= GPU_MILLI for f in free_milli):
            raise ValueError(f"node {self.names[node]!r} has {n} GPUs of 0..{GPU_MILLI} milli; "
                             f"got {list(free_milli)!r}")
        self.gpu_free[node, :len(free_milli)] = free_milli
        row = self.gpu_free[node]
        self.idle[node] = row.sum()
        self.n_full[node] = int((row == GPU_MILLI).sum())
        self.max_free[node] = row.max()
        self.version[node] += 1

    def _apply(self, node: int, gpus: tuple[int, ...], pod: Pod, sign: int) -> None:
        self.cpu_free[node] += sign * pod.cpu_milli
        self.mem_free[node] += sign * pod.memory_mib
        if pod.needs_gpu:
            for g in gpus:
                self.gpu_free[node, g] += sign * pod.gpu_milli
            row = self.gpu_free[node]
            self.idle[node] = row.sum()
            self.n_full[node] = int((row == GPU_MILLI).sum())
            self.max_free[node] = row.max()
            self.tags[node, pod.tag] -= sign
        self.version[node] += 1
