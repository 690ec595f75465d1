"""Quote drafts: one offer, shape and start window priced, timed and carbon-accounted.

`QuoteDraft` holds a quote's numbers cheaply, for the thousands of options quoting builds;
`to_quote()` adds the evidence for the few that are shown or chosen. `drafts` turns the
start options quoting found for a zone and run length (`StartOption`: hours and weighted
sums) into one `QuoteDraft` each for an offer, deducting confidence for every number that
is missing or estimated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache

from gridwise.models import Accelerator, CarbonBasis, Evidence, Quote
from gridwise.price_checks import snapshot_label
from tools import sizing
from tools.assumptions import quote_assumptions
from tools.grid import HOUR
from tools.offers import Offer
from tools.power_model import Power, energy_range

#: Confidence deductions (from 1.0), stated so reviewers can check them.
CONFIDENCE_PENALTY = {"zone_proxy": 0.15, "no_carbon": 0.25, "marketplace": 0.15,
                      "per_forecast_day": 0.03, "no_power": 0.2, "price_flag": 0.2,
                      "price_snapshot": 0.05}
CONFIDENCE_FLOOR = 0.1
DAY = timedelta(days=1)


@dataclass(frozen=True)
class SeriesSums:
    """Weighted sums over a run's hours: seen (forecast or oracle), its interval, actual."""

    seen: float
    lo: float
    hi: float
    actual: float | None


@dataclass(slots=True)
class QuoteDraft:
    """A quote's numbers, cheap to build for thousands of options.

    `to_quote()` adds the evidence for the few that are shown or chosen.
    """

    offer: Offer
    acc: Accelerator
    plan: sizing.SizingPlan
    instances: int
    count: int
    spot: bool
    window: str
    hours: list[int]
    earliest: datetime
    start: datetime
    finish: datetime
    runtime_h: float
    price_usd_per_h: float
    cost_usd: float
    energy_kwh: float | None
    kg_co2e: float | None
    ci_mean: float | None
    usd_mwh_mean: float | None
    confidence: float
    notes: list[str]
    energy_kwh_range: tuple[float, float] | None = None
    # (low, high): the energy range x the carbon series' interval (forecast) where known
    kg_co2e_range: tuple[float, float] | None = None
    carbon_basis: CarbonBasis = "lca"
    power: Power | None = None
    price_label: str | None = None  # the price is a later snapshot than the clock
    window_basis: str | None = None  # what the windows were chosen on (forecast or oracle)
    # what the CO2 was decided on, the actual afterwards, and running now instead
    signal: str = "oracle"
    kg_co2e_actual: float | None = None
    kg_co2e_now: float | None = None

    # the attributes ranking reads, under the names `Quote` uses
    @property
    def provider(self) -> str:
        """The provider id."""
        return self.offer.provider

    @property
    def region(self) -> str:
        """The provider's region."""
        return self.offer.region

    @property
    def cluster(self) -> str:
        """The cluster id."""
        return self.offer.cluster

    @property
    def kind(self) -> str:
        """cloud, tpu, marketplace, decentralised or onprem."""
        return self.offer.kind

    @property
    def country(self) -> str | None:
        """ISO country code, if known."""
        return self.offer.country

    @property
    def area(self) -> str | None:
        """Area (EU, US, APAC...), if known."""
        return self.offer.area

    @property
    def accelerator(self) -> str:
        """Canonical accelerator name."""
        return self.acc.name

    @property
    def price_flagged(self) -> bool:
        """Whether the catalog check flagged this offer's price as implausible."""
        return self.offer.price_check == "flag"

    @property
    def co2_grid_borrowed(self) -> str | None:
        """The zone whose carbon series stands in for this region's, if borrowed."""
        return self.offer.carbon_zone if self.offer.zone_proxy else None

    def to_quote(self) -> Quote:
        """The full, validated `Quote` with evidence for every number."""
        o, acc = self.offer, self.acc
        evidence = [Evidence(table="accelerators", keys={"name": acc.name}, note=acc.source)]
        if o.kind == "onprem":
            evidence.append(Evidence(table="energy_price", keys={"zone": o.price_market},
                                     ts_from=self.start, ts_to=self.finish,
                                     note=f"mean {self.usd_mwh_mean:.2f} USD/MWh"))
            evidence.append(Evidence(table="clusters", keys={"id": o.cluster},
                                     note=f"capex {o.capex_usd_per_gpu_h} USD/GPU-h, "
                                     f"PUE {o.pue}"))
        else:
            per = o.spot_usd_per_h if self.spot else o.price_usd_per_h
            evidence.append(Evidence(
                table="instance_prices",
                keys={"provider": o.provider, "region": o.region,
                      "instance_type": o.instance_type, "accelerator": o.accelerator,
                      "column": "spot_price_usd_per_h" if self.spot else "price_usd_per_h"},
                note=f"{per} USD/h x {self.instances} instance(s) from {o.source_file}"))
        if self.ci_mean is not None:
            evidence.append(Evidence(table="carbon_intensity", keys={"zone": o.carbon_zone},
                                     ts_from=self.start, ts_to=self.finish,
                                     note=f"mean {self.ci_mean:.1f} gCO2/kWh "
                                     f"({self.signal})"))
        return Quote(
            cluster=o.cluster, provider=o.provider, kind=o.kind, region=o.region,
            instance_type=o.instance_type, accelerator=acc.name, count=self.count,
            tp_degree=self.plan.tp_degree, variant=self.plan.variant, spot=self.spot,
            start=self.start, finish=self.finish, runtime_h=self.runtime_h,
            price_usd_per_h=self.price_usd_per_h, cost_usd=self.cost_usd,
            energy_kwh=self.energy_kwh, kg_co2e=self.kg_co2e, window=self.window,
            run_hours=([self.earliest + HOUR * i for i in self.hours]
                       if self.window == "interruptible" else None),
            carbon_zone=o.carbon_zone, country=o.country, area=o.area,
            energy_kwh_range=self.energy_kwh_range, kg_co2e_range=self.kg_co2e_range,
            carbon_basis=self.carbon_basis, co2_grid_borrowed=self.co2_grid_borrowed,
            assumptions=quote_assumptions(self.plan, self.power, o, self.carbon_basis,
                                          self.price_label, self.count, self.window_basis),
            confidence=self.confidence, notes=self.notes, evidence=evidence,
            signal=self.signal, kg_co2e_now=self.kg_co2e_now,
            kg_co2e_actual=self.kg_co2e_actual)


@dataclass(frozen=True, slots=True)
class OfferNotes:
    """An offer's own deductions and notes: the same for each of its shapes and price modes."""

    later: str | None             # the price is a later snapshot than the clock
    penalties: tuple[float, ...]  # offer-level deductions, in the order they apply
    notes: tuple[str, ...]        # offer-level notes, after the power / carbon one


def offer_notes(offer: Offer, earliest: datetime) -> OfferNotes:
    """The deductions and notes an offer brings to every quote made on it."""
    penalties: list[float] = []
    notes: list[str] = []
    if offer.zone_proxy:
        penalties.append(CONFIDENCE_PENALTY["zone_proxy"])
        notes.append(f"CO2 from {offer.carbon_zone} grid: {offer.region} has no series of "
                     "its own")
    if offer.price_check == "flag":
        penalties.append(CONFIDENCE_PENALTY["price_flag"])
        notes.append(f"catalog price implausible: {offer.price_check_reason}")
    later = snapshot_label(offer.source_file, offer.provider, earliest) if (
        offer.kind != "onprem") else None
    if later:
        penalties.append(CONFIDENCE_PENALTY["price_snapshot"])
        notes.append(later)
    if offer.kind in ("marketplace", "decentralised"):
        penalties.append(CONFIDENCE_PENALTY["marketplace"])
    return OfferNotes(later, tuple(penalties), tuple(notes))


@dataclass(slots=True)
class OfferTerms:
    """What every start window of one offer, shape and price mode shares, computed once.

    `drafts` adds each window's hours and sums; the numbers are the same as computing
    everything per window (same operations, same order), only not repeated.
    """

    offer: Offer
    acc: Accelerator
    plan: sizing.SizingPlan
    instances: int
    gpus: float
    runtime: float
    spot: bool
    kw_per_h: float | None
    earliest: datetime
    power: Power | None
    carbon_basis: CarbonBasis
    window_basis: str | None
    energy: float | None
    e_range: tuple[float, float] | None
    hourly_price: float | None  # cloud: per hour for all instances (on-prem: per window)
    known: OfferNotes


@lru_cache(maxsize=8192)
def _energy_bounds(power: Power, runtime: float, pue: float,
                   runtime_modelled: bool) -> tuple[float, float]:
    """(low, high) kWh, rounded as quotes carry them (cached: many offers share a shape)."""
    _, lo, hi = energy_range(power, runtime, pue, runtime_modelled)
    return (round(lo, 6), round(hi, 6))


def offer_terms(offer: Offer, acc: Accelerator, plan: sizing.SizingPlan, instances: int,
                gpus: float, runtime: float, spot: bool, kw_per_h: float | None,
                earliest: datetime, power: Power | None = None,
                carbon_basis: CarbonBasis = "lca", runtime_modelled: bool = True,
                window_basis: str | None = None,
                known: OfferNotes | None = None) -> OfferTerms:
    """The window-independent part of an offer's quotes (price, energy range, notes).

    `known`: the offer's `offer_notes`, when the caller has them already.
    """
    energy = kw_per_h * runtime if kw_per_h is not None else None
    e_range = None
    if power is not None and energy is not None:
        e_range = _energy_bounds(power, runtime, offer.pue, runtime_modelled)
    hourly_price = None
    if offer.kind != "onprem":
        per_instance = offer.spot_usd_per_h if spot else offer.price_usd_per_h
        assert per_instance is not None
        hourly_price = per_instance * instances
    return OfferTerms(offer, acc, plan, instances, gpus, runtime, spot, kw_per_h, earliest,
                      power, carbon_basis, window_basis, energy, e_range, hourly_price,
                      known if known is not None else offer_notes(offer, earliest))


@dataclass(eq=False, slots=True)
class StartOption:
    """One start window with its sums, shared by every offer of a zone and run length.

    Compared and hashed by identity: `DraftMemo` keys on the object itself.
    """

    kind: str                 # now, low-carbon, interruptible, low-price
    hours: list[int]          # hour indices from the earliest start
    ci: SeriesSums | None     # weighted carbon sums (None: no series over the run)
    usd: SeriesSums | None    # weighted energy-price sums (on-prem only)
    start: datetime
    finish: datetime
    day_penalty: float        # the confidence lost to how far ahead the run finishes

    @classmethod
    def at(cls, kind: str, hours: list[int], ci: SeriesSums | None,
           usd: SeriesSums | None, earliest: datetime, tail: timedelta) -> StartOption:
        """The option running `hours` from `earliest`, its last hour lasting `tail`."""
        span = HOUR * hours[-1] + tail  # finish - earliest, exactly (whole microseconds)
        return cls(kind, hours, ci, usd, earliest + HOUR * hours[0], earliest + span,
                   CONFIDENCE_PENALTY["per_forecast_day"] * min(span / DAY, 7))


#: A window's CO2 for one node power: kg, mean gCO2/kWh, kg range, actual kg, kg if now.
_Carbon = tuple[float | None, float | None, tuple[float, float] | None, float | None,
                float | None]


@dataclass
class DraftMemo:
    """What `drafts` computes once per window and node power, or per deduction set.

    Many offers share a zone, run length and node power (the same GPU shape and PUE in
    several regions): their CO2 numbers and confidences are the same floats, made once.
    """

    carbon: dict[tuple[object, ...], _Carbon] = field(default_factory=dict)
    confidence: dict[tuple[object, ...], float] = field(default_factory=dict)


def _carbon(o: StartOption, now: SeriesSums | None, kw_per_h: float | None,
            energy: float | None, e_range: tuple[float, float] | None,
            runtime: float) -> _Carbon:
    """A window's CO2 numbers: the carbon sums x node power, over the energy range."""
    ci = o.ci
    if ci is None or kw_per_h is None:
        return None, None, None, None, None
    kg = ci.seen * kw_per_h / 1000
    ci_mean = ci.seen / runtime
    e_lo, e_hi = (e_range[0] / energy, e_range[1] / energy) if (
        e_range is not None and energy) else (1.0, 1.0)
    # the range spans the forecast's interval and the energy (power x runtime) range
    kg_range = (round(min(ci.lo, ci.seen) * kw_per_h / 1000 * e_lo, 6),
                round(max(ci.hi, ci.seen) * kw_per_h / 1000 * e_hi, 6))
    k = kw_per_h / 1000
    return (kg, ci_mean, kg_range, None if ci.actual is None else ci.actual * k,
            None if now is None else now.seen * k)


def _confidence(energy_known: bool, kg_known: bool, penalties: tuple[float, ...],
                day_penalty: float) -> float:
    """1 less every deduction, in the order they apply, rounded and floored."""
    confidence = 1.0
    if not energy_known:
        confidence -= CONFIDENCE_PENALTY["no_power"]
    elif not kg_known:
        confidence -= CONFIDENCE_PENALTY["no_carbon"]
    for penalty in penalties:
        confidence -= penalty
    confidence -= day_penalty
    return max(CONFIDENCE_FLOOR, round(confidence, 3))


def drafts(t: OfferTerms, options: Sequence[StartOption], now: SeriesSums | None,
           signal: str, memo: DraftMemo) -> list[QuoteDraft]:
    """One `QuoteDraft` per start option of an offer, shape and price mode.

    `now`: the carbon sums of running now (the CO2 a deferral is compared with); `signal`:
    what the CO2 was decided on. Deducts confidence for every number that is missing or
    estimated.
    """
    offer, runtime, kw_per_h, energy, e_range = t.offer, t.runtime, t.kw_per_h, t.energy, \
        t.e_range
    known = t.known
    count = int(t.gpus)
    out = []
    for o in options:
        if t.hourly_price is None:  # on-prem: energy at the window's market price + capex
            usd_weighted = None if o.usd is None else o.usd.seen
            usd_mwh_mean = (usd_weighted or 0.0) / runtime
            energy_cost = (usd_weighted or 0.0) * (kw_per_h or 0) / 1000
            capex = (offer.capex_usd_per_gpu_h or 0.0) * t.gpus * runtime
            cost = energy_cost + capex
            hourly_price = cost / runtime
        else:
            usd_mwh_mean = None
            hourly_price = t.hourly_price
            cost = hourly_price * runtime
        ck = (o, kw_per_h, e_range)
        carbon = memo.carbon.get(ck)
        if carbon is None:
            carbon = memo.carbon[ck] = _carbon(o, now, kw_per_h, energy, e_range, runtime)
        kg = carbon[0]
        notes = list(t.plan.notes)
        if energy is None:
            notes.append(f"no published board power for {t.acc.name}: energy and CO2 unknown")
        elif kg is None:
            notes.append(f"no carbon series for {offer.region!r} over the run: CO2 unknown")
        notes.extend(known.notes)
        fk = (energy is not None, kg is not None, known.penalties, o.day_penalty)
        confidence = memo.confidence.get(fk)
        if confidence is None:
            confidence = memo.confidence[fk] = _confidence(*fk)
        out.append(QuoteDraft(
            offer, t.acc, t.plan, t.instances, count, t.spot, o.kind, o.hours, t.earliest,
            o.start, o.finish, runtime, hourly_price, cost, energy, kg, carbon[1],
            usd_mwh_mean, confidence, notes, e_range, carbon[2], t.carbon_basis, t.power,
            known.later, t.window_basis, signal, carbon[3], carbon[4]))
    return out
