"""The simulator's policy interface: one decision per job, at its arrival, on what is known then.

A policy returns a `Decision`: the region, and the run segments (absolute start tick and
length; several segments = suspend and resume). It may also ask the engine to start a
queued job early whenever reserved capacity is free (GAIA's work-conserving cost policies)
and to put short jobs on spot capacity. What a policy may read is the `DecisionContext`:
the carbon and price views of the scenario's provider at the decision tick, the job's
length as the scenario lets policies know it, and the queue's wait limit.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

import numpy as np

from evals.sim.carbon import TickSeries
from gridwise.errors import UnknownNameError

WorkConserving = Literal["none", "all", "long"]


@dataclass(frozen=True)
class JobView:
    """What a policy knows of one job when it arrives."""

    index: int
    arrival: int          # tick
    cpus: int
    max_wait: int         # ticks the job's queue lets it wait
    queue_mean: int       # the queue's mean length in ticks (GAIA's `cst_average` basis)
    length: int | None    # the true length in ticks, only when the scenario makes it known
    spot_ok: bool         # short enough for spot capacity
    home: int             # region the job was submitted to

    @property
    def planned_length(self) -> int:
        """The length a policy plans with: the true one when known, else the queue mean."""
        return self.length if self.length is not None else self.queue_mean


@dataclass(frozen=True)
class RegionView:
    """One region as policies see it."""

    name: str
    zone: str
    reserved: int
    od_usd_per_cpu_tick: float
    spot_usd_per_cpu_tick: float
    price: TickSeries | None   # energy price (USD/MWh) when the scenario bills energy


@dataclass
class DecisionContext:
    """What a policy may read at a decision: carbon as known at that tick, regions, limits."""

    known_carbon: Callable[[str, int], TickSeries]
    regions: list[RegionView]
    ticks_per_hour: int
    end_tick: int              # the data ends here: no plan may run past it
    watts_per_cpu: float
    start: datetime = datetime(1970, 1, 1)   # the clock at tick 0
    free_reserved: list[int] = field(default_factory=list)  # set live by the engine
    static_carbon: bool = False   # what policies know does not change with the decision time
    #: energy prices as known at a decision (region index, tick); None: the actual series
    known_price: Callable[[int, int], TickSeries | None] | None = None

    def free_reserved_at(self, region: int) -> int:
        """Reserved cores free right now in `region` (known at decision time)."""
        return self.free_reserved[region] if self.free_reserved else 0

    def clock_at(self, tick: int) -> datetime:
        """The wall-clock time of `tick`."""
        return self.start + timedelta(seconds=tick * 3600 / self.ticks_per_hour)

    def carbon(self, region: int, tick: int) -> TickSeries:
        """Region `region`'s carbon series as known at `tick`."""
        return self.known_carbon(self.regions[region].zone, tick)

    def price(self, region: int, tick: int) -> TickSeries | None:
        """Region `region`'s energy price series (USD/MWh) as known at `tick` (None: not billed)."""
        if self.known_price is None:
            return self.regions[region].price
        return self.known_price(region, tick)

    def hourly_starts(self, job: JobView, length: int) -> np.ndarray:
        """Start ticks every hour from arrival within the queue limit that end inside the data."""
        offsets = np.arange(0, job.max_wait + 1, self.ticks_per_hour, dtype=np.int64)
        starts = job.arrival + offsets
        return starts[starts + length <= self.end_tick]


@dataclass(frozen=True)
class Decision:
    """Where and when one job runs: region and `(start tick, ticks)` segments, in order."""

    region: int
    segments: tuple[tuple[int, int], ...]


class SimPolicy(ABC):
    """Base class of every simulator policy."""

    id: str = ""
    uses_spot: bool = False
    work_conserving: WorkConserving = "none"
    honours_queue: bool = True   # False: the policy ignores queue waits (NoWait)

    @abstractmethod
    def decide(self, job: JobView, ctx: DecisionContext) -> Decision:
        """Where and when `job` runs, from what `ctx` makes known at its arrival."""

    def plan_all(self, arrival: np.ndarray, max_wait: np.ndarray, mean: np.ndarray,
                 home: np.ndarray, ctx: DecisionContext) -> np.ndarray | None:
        """Optional fast path: every job's single start tick at once (None: decide per job)."""
        return None


def first_min(values: np.ndarray, rtol: float = 1e-12) -> int:
    """Index of the first value within `rtol` of the minimum (ties go to the earliest)."""
    m = values.min()
    return int(np.flatnonzero(values <= m + abs(m) * rtol)[0])


def first_max(values: np.ndarray, rtol: float = 1e-12) -> int:
    """Index of the first value within `rtol` of the maximum (ties go to the earliest)."""
    m = values.max()
    return int(np.flatnonzero(values >= m - abs(m) * rtol)[0])


class PolicyRegistry:
    """Policy id to factory; unknown ids raise with a suggestion."""

    def __init__(self) -> None:
        self._factories: dict[str, Callable[[], SimPolicy]] = {}

    def register(self, factory: Callable[[], SimPolicy], name: str | None = None) -> None:
        """Register `factory` under `name` (default: the class's `id`)."""
        key = name or getattr(factory, "id", "")
        if not key or key in self._factories:
            raise ValueError(f"simulator policy {key!r} is empty or already registered")
        self._factories[key] = factory

    def names(self) -> list[str]:
        """Registered ids, in registration order."""
        return list(self._factories)

    def create(self, name: str) -> SimPolicy:
        """A fresh policy for `name`."""
        if name not in self._factories:
            raise UnknownNameError("simulator policy", name, self._factories)
        return self._factories[name]()


REGISTRY = PolicyRegistry()
