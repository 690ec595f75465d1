"""What a re-check may choose: the decision clock against wall time, and an order's bounds.

`ClockMap` maps an order's decision clock to wall time (the dispatcher's `--begin` and the
hourly re-check use the same map); `bounds_of` gives the series, zone and the earliest and
latest starts (whole hours) a re-check of the order may choose, or why it has none.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from gridwise.models import JobSpec, Quote
from tools.dispatch.segments import plan_of
from tools.forecast.signals import Table
from tools.grid import HOUR, ceil_hour, floor_hour
from tools.quoting import DEFAULT_HORIZON_H

#: Quote windows that chose to wait for a better hour (a "now" quote has nothing to re-decide).
RECHECK_WINDOWS = ("low-carbon", "low-price", "interruptible")

@dataclass(frozen=True)
class ClockMap:
    """The decision clock against wall time for one order.

    Attributes:
        decided: the decision's clock.
        ordered_at: the wall time the order was made (it maps to `decided`).
        time_scale: wall seconds per hour of the decision clock (3600: real time).
    """

    decided: datetime
    ordered_at: datetime
    time_scale: float

    def wall(self, clock: datetime) -> datetime:
        """The wall time of a decision-clock time."""
        hours = (clock - self.decided).total_seconds() / 3600
        return self.ordered_at + timedelta(seconds=hours * self.time_scale)

    def clock(self, wall: datetime) -> datetime:
        """The decision-clock time of a wall time."""
        secs = (wall - self.ordered_at).total_seconds()
        return self.decided + timedelta(hours=secs / self.time_scale)


@dataclass(frozen=True)
class Bounds:
    """What an order lets a re-check choose, on the decision clock (whole hours)."""

    table: Table
    zone: str
    carbon_basis: str
    earliest: datetime        # the first start the order allows
    latest: datetime          # the last start that still meets the deadline
    steps: int                # whole hours the run covers
    deadline: datetime | None

    @property
    def series(self) -> str:
        """'carbon_intensity:lca' etc.: the series re-decided on."""
        return f"{self.table}:{self.carbon_basis}" if self.table == "carbon_intensity" \
            else self.table

    @property
    def unit(self) -> str:
        """The forecast's unit."""
        return "gCO2/kWh" if self.table == "carbon_intensity" else "USD/MWh"


def bounds_of(quote: Quote, job: JobSpec | None, decided: datetime,
              price_market: str | None, segmented: bool | None = None) -> Bounds | str:
    """The bounds of an order's re-check, or why it has none (a sentence).

    `segmented`: whether the quote's plan has separate segments, when the caller has
    worked out its plan already (None: `plan_of` here).
    """
    if quote.window not in RECHECK_WINDOWS:
        return f"a {quote.window!r} quote did not wait for a window"
    if isinstance(plan_of(quote), list) if segmented is None else segmented:
        return ("an interruptible plan of separate hours is followed as decided (suspended "
                "between its segments): the re-check, which decides one contiguous start, "
                "leaves it")
    if not quote.signal.startswith("forecast"):
        return "decided on the actual series (oracle): nothing newer to learn"
    if quote.window == "low-price":
        if price_market is None:
            return "the cluster has no price market"
        table: Table = "energy_price"
        zone = price_market
    else:
        if quote.carbon_zone is None:
            return "the quote has no carbon zone"
        table, zone = "carbon_intensity", quote.carbon_zone
    c = job.constraints if job is not None else None
    earliest = ceil_hour(max(decided, (c.earliest_start if c else None) or decided))
    steps = max(1, math.ceil(quote.runtime_h - 1e-9))
    deadline = c.deadline if c is not None else None
    latest = (floor_hour(deadline - timedelta(hours=quote.runtime_h)) if deadline is not None
              else earliest + HOUR * (DEFAULT_HORIZON_H - steps))
    return Bounds(table, zone, quote.carbon_basis, earliest, latest, steps, deadline)
