"""Carbon (and price) signals on the simulator's tick grid, and what a policy may know of them.

A signal is hourly (one value per hour of the scenario's clock window). The simulator counts
time in ticks (`tick_s` seconds, GAIA's 5 s); a job running ticks `[s, s + n)` is charged the
hourly values of the hours it actually runs, pro rata (carbon integrated per hour run).

Providers decide what a policy sees at its decision time: `OracleCarbon` hands it the actual
series (GAIA's semantics; a scenario must name it explicitly), `evals.sim.forecasting` the
forecast `tools/forecast` makes at that hour. Both expose one method, `known_at(key, tick)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class TickSeries:
    """Hourly values seen on a tick grid, with exact window sums through prefix sums."""

    hourly: np.ndarray
    ticks_per_hour: int
    _prefix: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        h = np.asarray(self.hourly, dtype=np.float64)
        object.__setattr__(self, "hourly", h)
        prefix = np.concatenate([[0.0], np.cumsum(h * self.ticks_per_hour)])
        object.__setattr__(self, "_prefix", prefix)

    @property
    def ticks(self) -> int:
        """Ticks covered by the series."""
        return int(self.hourly.size * self.ticks_per_hour)

    def cum(self, t: np.ndarray | int) -> np.ndarray:
        """Sum of the per-tick values (hourly value each tick) over ticks `[0, t)`."""
        t = np.asarray(t, dtype=np.int64)
        h = np.minimum(t // self.ticks_per_hour, self.hourly.size - 1)
        return self._prefix[h] + (t - h * self.ticks_per_hour) * self.hourly[h]

    def window(self, start: np.ndarray | int, length: int) -> np.ndarray:
        """Per-tick value sums over `[start, start + length)` (one tick = 1/`ticks_per_hour` h)."""
        start = np.asarray(start, dtype=np.int64)
        return self.cum(start + length) - self.cum(start)

    def value_at(self, t: int) -> float:
        """The hourly value in force at tick `t`."""
        return float(self.hourly[min(t // self.ticks_per_hour, self.hourly.size - 1)])

    def chunks(self, start: int, end: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Constant-value pieces of `[start, end)`: (first tick, tick count, hourly value)."""
        tph = self.ticks_per_hour
        h0, h1 = start // tph, (end - 1) // tph
        hours = np.arange(h0, h1 + 1)
        lo = np.maximum(hours * tph, start)
        hi = np.minimum((hours + 1) * tph, end)
        return lo, hi - lo, self.hourly[hours]


class OracleCarbon:
    """The actual series: a policy deciding at any tick sees every hour (hindsight)."""

    name = "oracle"

    def __init__(self, actual: dict[str, TickSeries]) -> None:
        self.actual = actual

    def known_at(self, zone: str, tick: int) -> TickSeries:
        """What a policy deciding at `tick` knows of `zone`'s series: all of it."""
        return self.actual[zone]
