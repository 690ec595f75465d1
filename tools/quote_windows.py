"""The hours a quote may run: window searches and weighted sums over a zone's signal.

`Windows` asks a `SignalSource` (the forecast made at the clock, or the oracle) for every
carbon zone and price market the offers use, on the chosen carbon basis, and caches the
lowest-carbon / lowest-price windows and the weighted sums (seen, interval, actual) that
`tools.quoting` turns into quotes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np

from gridwise.errors import UserError
from gridwise.models import CarbonBasis
from gridwise.store import Store
from tools.forecast.signals import Signal, SignalSource, Wants
from tools.offers import Offer
from tools.quote_draft import SeriesSums
from tools.windows import WindowSearch


@dataclass(frozen=True)
class Span:
    """The hours a run uses: indices from the earliest start (array, list and hashable key)."""

    idx: np.ndarray
    hours: list[int]
    key: tuple[int, ...]

    @classmethod
    def of(cls, idx: np.ndarray) -> Span:
        """The span of hour indices `idx`."""
        hours = idx.tolist()
        return cls(idx, hours, tuple(hours))


class Windows:
    """Window searches shared by every offer in a zone (cached by zone and length).

    The series come from a `SignalSource`: the forecast made at the clock (default), or the
    oracle, on the chosen carbon basis (life-cycle or direct intensity). Windows are chosen
    on what the source lets the decision see; sums are kept for the seen series, its
    interval and the actual series (which scores the choice).
    """

    def __init__(self, store: Store, clock: datetime, earliest: datetime, hours: int,
                 offers: list[Offer], source: SignalSource,
                 carbon_basis: CarbonBasis = "lca") -> None:
        self.earliest = earliest
        self.basis = source.basis
        self.carbon_basis = carbon_basis
        self.window_basis = window_basis(source)
        self.series: dict[tuple[str, str], Signal | None] = {}
        self.described: dict[str, dict[str, object]] = {}
        self.label: dict[str, str] = {}  # carbon zone -> what its CO2 is decided on
        self.cache: dict[tuple[str, str, int, int, bool], Span | None] = {}
        # weighted sums per (table, zone, hours) and runtime, and the hours' values they
        # are made from (None: a gap), gathered once for every runtime
        self.sums: dict[tuple[str, str, tuple[int, ...]], dict[float, SeriesSums | None]] = {}
        self._hours: dict[tuple[str, str, tuple[int, ...]], tuple[
            np.ndarray, np.ndarray, np.ndarray, np.ndarray | None] | None] = {}
        # one search per series stretch, shared by every run length
        self._searches: dict[tuple[str, str, int], WindowSearch] = {}
        self._now: dict[int, Span] = {}
        self._weights: dict[tuple[float, int], np.ndarray] = {}
        # both tables in one call: the source reads each once, for every consumer
        got = source.signals_many(store.conn, wants_of(offers), clock, earliest, hours,
                                  carbon_basis)
        for table, by_zone in got.items():
            for zone, s in by_zone.items():
                self.series[(table, zone)] = s if s.covered() else None
                self.described[f"{table}:{zone}"] = s.describe()
                self.label[zone if table == "carbon_intensity" else f"price:{zone}"] = (
                    "oracle" if s.basis == "oracle" else f"forecast:{s.model}")

    def get(self, table: str, zone: str | None) -> Signal | None:
        """The zone's signal for `table` (None: no zone, or no usable series)."""
        return None if zone is None else self.series.get((table, zone))

    def now(self, steps: int) -> Span:
        """The run-now span of `steps` hours (shared by every offer)."""
        if steps not in self._now:
            self._now[steps] = Span.of(np.arange(steps))
        return self._now[steps]

    def weights(self, runtime: float, steps: int) -> np.ndarray:
        """Per-hour weights: 1 for every hour but the last, which the run may end inside."""
        key = (runtime, steps)
        if key not in self._weights:
            self._weights[key] = _weights(runtime, steps)
        return self._weights[key]

    def weighted(self, table: str, s: Signal | None, span: Span, w: np.ndarray,
                 runtime: float) -> SeriesSums | None:
        """Σ value x weight over the run's hours (None: no series, or a gap in the run).

        Cached: offers in one zone with the same window and runtime share the sums.
        """
        if s is None or span.hours[-1] >= s.seen.size:
            return None
        gk = (table, s.zone, span.key)
        by_runtime = self.sums.get(gk)
        if by_runtime is None:
            by_runtime = self.sums[gk] = {}
            v = s.seen[span.idx]
            if np.isnan(v).any():  # a gap in the run: no sums, for any runtime
                self._hours[gk] = None
            else:
                a = s.actual[span.idx]
                self._hours[gk] = (v, s.lo[span.idx], s.hi[span.idx],
                                   None if np.isnan(a).any() else a)
        if runtime not in by_runtime:
            got = self._hours[gk]
            if got is None:
                by_runtime[runtime] = None
            else:
                v, lo, hi, a = got
                by_runtime[runtime] = SeriesSums(
                    float(np.dot(v, w)), float(np.dot(lo, w)), float(np.dot(hi, w)),
                    None if a is None else float(np.dot(a, w)))
        return by_runtime[runtime]

    def best(self, table: str, zone: str, steps: int, latest_start: int,
             interruptible: bool) -> Span | None:
        """The lowest window (or, interruptible, the lowest hours) before the deadline."""
        key = (table, zone, steps, latest_start, interruptible)
        if key not in self.cache:
            s = self.get(table, zone)
            self.cache[key] = None
            if s is not None and steps <= s.seen.size:
                deadline = min(latest_start + steps, s.seen.size)
                sk = (table, zone, deadline)
                search = self._searches.get(sk)
                if search is None:
                    search = self._searches[sk] = WindowSearch(s.seen, 0, deadline)
                try:
                    if interruptible:
                        self.cache[key] = Span.of(search.lowest(steps))
                    else:
                        start, _ = search.min_mean(steps)
                        self.cache[key] = Span.of(np.arange(start, start + steps))
                except UserError:  # no gap-free window: this start option is simply absent
                    self.cache[key] = None
        return self.cache[key]


def wants_of(offers: list[Offer]) -> Wants:
    """The carbon zones and (on-prem) price markets whose series quoting `offers` reads."""
    return {
        "carbon_intensity": sorted({o.carbon_zone for o in offers if o.carbon_zone}),
        "energy_price": sorted({o.price_market for o in offers
                                if o.price_market and o.kind == "onprem"}),
    }


def window_basis(source: SignalSource) -> str:
    """The assumption line saying what the carbon windows were chosen on."""
    if source.basis != "oracle":
        return ("carbon windows chosen on the forecast made at the clock "
                f"({getattr(source, 'model', 'forecast')}); the CO2 range spans its 80 % "
                "interval and the energy range")
    sigma = getattr(source, "sigma", 0.0)
    if sigma > 0:
        return (f"carbon windows chosen on the actual series with {sigma:.0%} synthetic "
                "error (oracle), CO2 scored on the actual hours")
    return "carbon windows chosen on the actual series (oracle: a perfect forecast)"


def _weights(runtime_h: float, steps: int) -> np.ndarray:
    w = np.ones(steps)
    w[-1] = runtime_h - (steps - 1)
    return w
