"""Queues of planned segments, in the order a tick's dispatch pass visits them.

`FifoQueue` visits segments by (arrival, job, segment): the natural order, and fast (a heap
of planned starts plus, for work-conserving policies, the waiting list). `GaiaHeapQueue`
reproduces GAIA's own order, which matters only when jobs arrive at the same tick and
compete for reserved cores: GAIA keeps a `PriorityQueue` keyed by arrival alone and rebuilds
it on every 5-second step (pop everything, push back what did not start), so among equal
arrivals the order is the heap's. It is replayed here, idle steps included (as one
permutation raised to the number of idle steps).
"""

from __future__ import annotations

import heapq
from bisect import insort
from collections.abc import Callable
from typing import Protocol

#: `visit(arrival, job, seg, due)` -> True when the segment started.
Visit = Callable[[int, int, int, bool], bool]


class SegmentQueue(Protocol):
    """What the engine asks of a queue of planned segments (`FifoQueue`, `GaiaHeapQueue`)."""

    def push(self, start: int, arrival: int, job: int, seg: int, eager: bool) -> None:
        """Queue a segment planned at `start`; `eager`: may start early on free reserved cores."""

    def next_due(self) -> int | None:
        """The earliest planned start still queued."""

    def has_waiting(self) -> bool:
        """Whether some eager segment is still queued."""

    def sweep(self, t: int, visit: Visit, starts: dict[tuple[int, int], int],
              free: bool = True) -> None:
        """Offer the segments that may start at tick `t` to `visit`, in the queue's order."""

    def idle(self, steps: int) -> None:
        """Account for `steps` ticks without events."""

    def __len__(self) -> int:
        """How many segments are still queued (0: none)."""


class FifoQueue:
    """Planned segments by (start, arrival, job, segment); work-conserving ones also waiting."""

    def __init__(self) -> None:
        self.due: list[tuple[int, int, int, int]] = []
        self.waiting: list[tuple[int, int, int]] = []
        self.started: set[tuple[int, int]] = set()

    def push(self, start: int, arrival: int, job: int, seg: int, eager: bool) -> None:
        """Queue a segment planned at `start`; `eager`: may start early on free reserved cores."""
        heapq.heappush(self.due, (start, arrival, job, seg))
        if eager:
            insort(self.waiting, (arrival, job, seg))

    def next_due(self) -> int | None:
        """The earliest planned start still queued."""
        while self.due and (self.due[0][2], self.due[0][3]) in self.started:
            heapq.heappop(self.due)
        return self.due[0][0] if self.due else None

    def has_waiting(self) -> bool:
        """Whether some eager segment is still queued."""
        return bool(self.waiting)

    def sweep(self, t: int, visit: Visit, starts: dict[tuple[int, int], int],
              free: bool = True) -> None:
        """Visit eager segments in arrival order (when cores are `free`), then those due at `t`."""
        if self.waiting and free:
            keep = []
            for a, j, s in self.waiting:
                if (j, s) in self.started:
                    continue
                if visit(a, j, s, starts[(j, s)] <= t):
                    self.started.add((j, s))
                else:
                    keep.append((a, j, s))
            self.waiting = keep
        while self.due and self.due[0][0] <= t:
            _, a, j, s = heapq.heappop(self.due)
            if (j, s) not in self.started:
                visit(a, j, s, True)
                self.started.add((j, s))

    def idle(self, steps: int) -> None:
        """Nothing to do between events."""

    def __len__(self) -> int:
        return 0 if self.next_due() is None else len(self.due)


class _Item(int):
    """A queued segment that compares as its arrival tick only (ties are equal).

    An `int` subclass, so `heapq` compares items in C, exactly as GAIA's `__lt__` on the
    priority would, while each item keeps its identity (job, segment).
    """

    job: int
    seg: int
    start: int
    eager: bool

    def __new__(cls, arrival: int, job: int, seg: int, start: int = 0,  # noqa: D102
                eager: bool = False) -> _Item:
        obj = super().__new__(cls, arrival)
        obj.job, obj.seg, obj.start, obj.eager = job, seg, start, eager
        return obj

    @property
    def arrival(self) -> int:
        """The arrival tick (the priority)."""
        return int(self)


class GaiaHeapQueue:
    """One heap keyed by arrival only, rebuilt at every step as GAIA's scheduler does."""

    def __init__(self) -> None:
        self.heap: list[_Item] = []
        self.starts: dict[tuple[int, int], int] = {}
        self.eager: set[tuple[int, int]] = set()
        self.due: list[tuple[int, int, int]] = []      # (start, job, seg), lazily cleaned
        self.per_arrival: dict[int, int] = {}
        self.ties = 0                                  # queued items sharing an arrival

    def push(self, start: int, arrival: int, job: int, seg: int, eager: bool) -> None:  # noqa: D102
        heapq.heappush(self.heap, _Item(arrival, job, seg, start, eager))
        self.starts[(job, seg)] = start
        heapq.heappush(self.due, (start, job, seg))
        k = self.per_arrival.get(arrival, 0)
        self.per_arrival[arrival] = k + 1
        self.ties += (k == 1) + (k >= 1)
        if eager:
            self.eager.add((job, seg))

    def _gone(self, it: _Item) -> None:
        a = int(it)
        k = self.per_arrival.pop(a) - 1
        if k:
            self.per_arrival[a] = k
        self.ties -= (k == 1) + (k >= 1)

    def next_due(self) -> int | None:  # noqa: D102
        while self.due and (self.due[0][1], self.due[0][2]) not in self.starts:
            heapq.heappop(self.due)
        return self.due[0][0] if self.due else None

    def has_waiting(self) -> bool:  # noqa: D102
        return bool(self.eager)

    def sweep(self, t: int, visit: Visit, starts: dict[tuple[int, int], int],
              free: bool = True) -> None:
        """Pop everything in heap order; push back, in that order, what did not start."""
        new: list[_Item] = []
        heap = self.heap
        pop, push = heapq.heappop, heapq.heappush
        while heap:
            it = pop(heap)
            due = it.start <= t
            if (due or (it.eager and free)) and visit(it, it.job, it.seg, due):
                key = (it.job, it.seg)
                del self.starts[key]
                self.eager.discard(key)
                self._gone(it)
            else:
                push(new, it)
        self.heap = new

    def _rebuild(self) -> None:
        new: list[_Item] = []
        while self.heap:
            heapq.heappush(new, heapq.heappop(self.heap))
        self.heap = new

    def idle(self, steps: int) -> None:
        """Apply `steps` empty rebuilds without doing each one.

        A rebuild leaves the heap in pop order, sorted by arrival, so from the second one on
        every rebuild sees the same keys and applies the same permutation P: the first is
        done, then P is found once (on indices) and applied `steps - 1` times by cycles.
        """
        if steps <= 0 or not self.heap:
            return
        self._rebuild()
        steps -= 1
        if steps == 0 or not self.ties:  # distinct arrivals: sorted is a fixed point
            return
        old, n = self.heap, len(self.heap)
        where = {id(it): i for i, it in enumerate(old)}
        self._rebuild()
        perm = [where[id(it)] for it in self.heap]   # after a rebuild slot i holds old perm[i]
        seen = [False] * n
        steps -= 1  # the rebuild that found P was one of them
        if steps == 0:
            return
        old = self.heap
        out = list(old)   # every slot is overwritten below (the cycles cover all of them)
        for i in range(n):
            if seen[i]:
                continue
            cycle = [i]
            seen[i] = True
            j = perm[i]
            while j != i:
                cycle.append(j)
                seen[j] = True
                j = perm[j]
            k = steps % len(cycle)
            for pos, slot in enumerate(cycle):
                out[slot] = old[cycle[(pos + k) % len(cycle)]]
        self.heap = out

    def __len__(self) -> int:
        return len(self.heap)


QUEUES: dict[str, Callable[[], SegmentQueue]] = {"fifo": FifoQueue, "gaia-heap": GaiaHeapQueue}
