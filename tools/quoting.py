"""Quoting: every offer in the store, for one job at one clock, priced, timed and carbon-accounted.

Numbers and where they come from (each quote carries `evidence`):
- runtime: `tools.sizing.plan` on the offer's accelerator (`tools.runtime_model`), moved
  to the GPUs the offer provides along the scaling curve; the user's wall time or
  GPU-hours win.
- hourly price: the catalog's on-demand (and, for interruptible jobs, spot) price per
  instance; on-prem = energy (kWh x the market's hourly USD price) + amortised capex.
- energy: node power (`tools.power_model`: GPU draw by job phase + host + fans) x PUE,
  per hour, with a low-high range.
- CO2: that energy times the zone's hourly carbon intensity over the exact hours run, on
  the chosen basis (Electricity Maps life-cycle `lca` or direct `direct`; both average,
  location-based); a region without its own series borrows a neighbour's, and says so.
- start: run now, or the lowest-carbon / lowest-price contiguous window before the
  deadline (or within `DEFAULT_HORIZON_H`), or for interruptible jobs the lowest hours.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np

from gridwise.accelerators import canonical_accelerator, load_accelerators
from gridwise.errors import UserError
from gridwise.models import Accelerator, CarbonBasis, JobKind, JobSpec
from gridwise.store import Store
from tools import power_model, runtime_model, sizing
from tools.calibration import Phase
from tools.forecast.signals import ForecastSignals, OracleSignals, Signal, SignalSource
from tools.grid import HOUR, ceil_hour
from tools.offers import Offer, load_offers
from tools.quote_draft import (
    DraftMemo,
    OfferNotes,
    QuoteDraft,
    SeriesSums,
    StartOption,
    drafts,
    offer_notes,
    offer_terms,
)
from tools.quote_windows import Span, Windows
from tools.spec_names import MAX_INSTANCES, check_gpu_count, check_spec_names

#: Search horizon when the job has no deadline (hours).
DEFAULT_HORIZON_H = 168
#: An offer may bring at most this many times the GPUs the plan needs: beyond that,
#: the scaling curve (`tools.calibration.SCALING_ALPHA`) is extrapolated too far.
MAX_SCALE_OUT = 8
#: Data-parallel jobs may also scale out to meet a deadline, up to this many GPUs
#: (instance multiples 1, 2, 4, 8 of the smallest shape that holds the job).
MAX_DATA_PARALLEL_GPUS = 64
DATA_PARALLEL_KINDS = ("train", "fine-tune", "batch-inference", "eval")
#: The power phase of a job given without a model (so without a sizing plan).
_UNSIZED_PHASE: dict[JobKind, Phase] = {
    "train": "pretrain", "fine-tune": "full", "batch-inference": "prefill", "eval": "prefill",
    "inference": "decode"}
#: Runs longer than this are not quoted (two years: the data could not price them anyway).
MAX_RUNTIME_H = 2 * 8784


@dataclass
class QuoteBook:
    """All quotes for one job, plus why some offers produced none."""

    clock: datetime
    earliest: datetime
    latest_finish: datetime | None
    quotes: list[QuoteDraft] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    plans: dict[str, sizing.SizingPlan] = field(default_factory=dict)
    basis: str = "forecast"  # what windows are decided on: "forecast" or "oracle"
    signals: dict[str, dict[str, object]] = field(default_factory=dict)
    carbon_basis: CarbonBasis = "lca"  # which intensity: life-cycle or direct

    def skip(self, reason: str) -> None:
        """Count an offer that could not be quoted, by reason."""
        self.skipped[reason] = self.skipped.get(reason, 0) + 1


def _allowed_accelerators(job: JobSpec, accs: dict[str, Accelerator]) -> list[str]:
    hw = job.hardware
    names = list(accs)
    if hw.gpu_type:
        names = [canonical_accelerator(hw.gpu_type)]
    if hw.allowed_gpus:
        allowed = {canonical_accelerator(g) for g in hw.allowed_gpus}
        names = [n for n in names if n in allowed]
    excluded = {canonical_accelerator(g) for g in hw.excluded_gpus}
    names = [n for n in names if n not in excluded]
    if hw.min_gpu_mem_gb:
        names = [n for n in names if accs[n].memory_gb >= hw.min_gpu_mem_gb]
    if not names:
        raise UserError("no accelerator matches the hardware constraints",
                        "relax the GPU type, memory or exclusion constraints")
    return names


def _sized(job: JobSpec) -> bool:
    return bool(job.model.name or job.model.params_b)


def _plans(job: JobSpec, names: list[str], accs: dict[str, Accelerator],
           book: QuoteBook) -> None:
    """Size the job on each allowed accelerator; an accelerator it cannot use is counted."""
    if job.model.name and not job.model.params_b:
        sizing.resolve_model(job.model.name)  # an unknown name fails here, with suggestions
    for name in names:
        if not _sized(job):
            if not (job.duration_hours or job.gpu_hours):
                raise UserError("the job names no model and no compute, so its runtime is "
                                "unknown", "give the model, GPU-hours or the wall-clock hours")
            count = job.hardware.gpu_count or 1
            book.plans[name] = sizing.SizingPlan(
                accelerator=name, model=None, method="unsized", precision="as given",
                count=count, tp_degree=1, per_gpu_gb_needed=0,
                per_gpu_gb_usable=accs[name].memory_gb, total_gb_needed=0, fits=True,
                runtime_h=job.duration_hours or (job.gpu_hours or 0) / count,
                runtime_basis="stated wall time" if job.duration_hours else
                "stated GPU-hours / GPUs", notes=["no model given: memory not checked"])
            continue
        try:
            book.plans[name] = sizing.plan(job, accs[name])
        except UserError as exc:  # the reason is kept and reported, not swallowed
            book.skip(f"{name}: {exc.message}")


def _runtime_h(job: JobSpec, plan: sizing.SizingPlan, gpus: float) -> float | None:
    if job.duration_hours:
        return job.duration_hours
    if job.gpu_hours:
        return job.gpu_hours / gpus
    if plan.runtime_h is None:
        return None
    if job.kind == "inference":
        return plan.runtime_h
    return runtime_model.rescale(plan.runtime_h, plan.count, gpus, plan.phase)  # type: ignore[arg-type]


def _shape(offer: Offer, plan: sizing.SizingPlan, job: JobSpec) -> tuple[int, float] | str:
    """(instances, GPUs) the offer needs for the plan, or the reason it cannot host it."""
    per = offer.gpus_per_instance
    need = max(plan.count, job.hardware.gpu_count or 0)
    if per < 1:
        return "partitioned GPU too small"
    if plan.tp_degree > per:
        return f"needs {plan.tp_degree} GPUs in one node"
    instances = max(1, math.ceil(need / per))
    if instances > MAX_INSTANCES:
        return f"more than {MAX_INSTANCES} instances"
    if instances * per > need * MAX_SCALE_OUT:
        return f"more than {MAX_SCALE_OUT}x the GPUs the job needs"
    if instances > 1 and job.kind == "inference" and plan.nodes == 1:
        return f"needs {need} GPUs in one node"
    if offer.free_gpus is not None and instances * per > offer.free_gpus:
        return "the on-prem cluster has fewer GPUs of this model than the job needs"
    return instances, instances * per


def quote_job(store: Store, job: JobSpec, clock: datetime,
              horizon_h: int = DEFAULT_HORIZON_H, offers: list[Offer] | None = None,
              forecast_sigma: float = 0.0, seed: int = 0,
              signals: SignalSource | None = None,
              carbon_basis: CarbonBasis = "lca") -> QuoteBook:
    """Quote `job` on every offer in `store` (or the given `offers`) at `clock` (naive UTC).

    Windows and CO2 are decided on what is known at the clock: by default the forecast made
    then (`ForecastSignals`), with its interval carried into the kg CO2e range beside the
    power and runtime uncertainty; the actual series, where the store has it, scores the
    decision afterwards (`kg_co2e_actual`). `signals=OracleSignals(...)` decides on the
    actual future instead (upper-bound experiments only); `forecast_sigma` > 0 adds noise to
    that oracle and implies it. `carbon_basis` picks the life-cycle (default) or direct
    intensity, for the forecast and the actual alike.

    Raises:
        UserError: the job cannot be sized or timed anywhere, or its window is empty; on
            the whole catalog (no `offers` given) also a GPU count no offer can serve or a
            provider / place name no offer carries (with close matches).
    """
    c = job.constraints
    earliest = ceil_hour(max(clock, c.earliest_start or clock))
    if c.deadline is not None and c.deadline <= earliest:
        raise UserError(f"the deadline {c.deadline.isoformat()} is not after the earliest "
                        f"possible start {earliest.isoformat()}",
                        "move the deadline later or the earliest start earlier")
    window_h = (math.ceil((c.deadline - earliest) / HOUR) if c.deadline else horizon_h)
    book = QuoteBook(clock, earliest, c.deadline, carbon_basis=carbon_basis)
    accs = load_accelerators()
    _plans(job, _allowed_accelerators(job, accs), accs, book)
    if not book.plans:
        raise UserError("the job fits on no accelerator: "
                        + "; ".join(sorted(book.skipped)[:3]),
                        "use a smaller or quantised model, allow more GPUs, or relax hardware "
                        "constraints")
    if offers is None:  # the whole catalog: names and counts can be checked against it
        offers = load_offers(store.conn)
        check_gpu_count(job, offers)
        if c.exclude_providers or c.regions or c.exclude_regions:  # names to check
            check_spec_names(job, offers)
    max_run = max((r for r in (_runtime_h(job, p, p.count) for p in book.plans.values()) if r),
                  default=24.0)
    if signals is None:
        signals = OracleSignals(forecast_sigma, seed) if forecast_sigma else ForecastSignals()
    windows = Windows(store, clock, earliest,
                       min(window_h + int(math.ceil(max_run)) + 1, 24 * 400), offers, signals,
                       carbon_basis)
    book.signals = windows.described
    book.basis = signals.basis
    shared = _Shared()
    shapes: dict[tuple[object, ...], tuple[int, float] | str] = {}
    scales: dict[tuple[object, ...], list[tuple[int, float, float | None]]] = {}
    for offer in offers:
        plan = book.plans.get(offer.accelerator)
        if plan is None:
            book.skip("accelerator not allowed or job does not fit it")
            continue
        if offer.price_check == "drop":
            book.skip(f"catalog price implausible, dropped: {offer.price_check_reason}")
            continue
        # what an offer's shapes depend on: its accelerator (so plan), GPUs and free GPUs
        key: tuple[object, ...] = (offer.accelerator, offer.gpus_per_instance, offer.free_gpus)
        shape = shapes.get(key)
        if shape is None:
            shape = shapes[key] = _shape(offer, plan, job)
        if isinstance(shape, str):
            book.skip(shape)
            continue
        key = (offer.accelerator, *shape, offer.free_gpus is None)
        scale_outs = scales.get(key)
        if scale_outs is None:
            scale_outs = scales[key] = _scale_outs(offer, plan, job, *shape, window_h)
        acc = accs[offer.accelerator]
        known = offer_notes(offer, windows.earliest)
        for instances, gpus, runtime in scale_outs:
            if runtime is None:
                book.skip("runtime unknown")
                continue
            if runtime > MAX_RUNTIME_H:
                book.skip(f"would run longer than {MAX_RUNTIME_H:,} h")
                continue
            for made in _quotes_for(offer, acc, plan, job, instances, gpus, runtime,
                                    _price_modes(offer, job), windows, window_h, shared,
                                    known):
                if not made:
                    book.skip("on-prem energy price series does not cover the run")
                book.quotes.extend(made)
    return book


def _scale_outs(offer: Offer, plan: sizing.SizingPlan, job: JobSpec, instances: int,
                gpus: float, window_h: int) -> list[tuple[int, float, float | None]]:
    """The shapes to quote: the smallest, and a scale-out that meets the deadline.

    For data-parallel jobs whose smallest shape misses the window, the smallest multiple
    (2, 4, 8 x) that fits is added.
    """
    runtime = _runtime_h(job, plan, gpus)
    shapes = [(instances, gpus, runtime)]
    if (runtime is None or runtime <= window_h or job.kind not in DATA_PARALLEL_KINDS
            or job.duration_hours or offer.free_gpus is not None):
        return shapes
    for k in (2, 4, 8):
        more = gpus * k
        if more > MAX_DATA_PARALLEL_GPUS:
            break
        r = _runtime_h(job, plan, more)
        if r is not None and r <= window_h:
            shapes.append((instances * k, more, r))
            break
    return shapes


def _price_modes(offer: Offer, job: JobSpec) -> list[bool]:
    modes = []
    if offer.price_usd_per_h is not None or offer.kind == "onprem":
        modes.append(False)
    if offer.spot_usd_per_h is not None and job.constraints.interruptible is not False:
        modes.append(True)
    return modes


#: The start options of one zone and run length, and the carbon sums of running now.
_Options = tuple[tuple[StartOption, ...], SeriesSums | None]


@dataclass
class _Shared:
    """What the offers of one `quote_job` share, each computed once.

    Start options per zone, price market and run length; node power per GPU shape; CO2
    numbers and confidences per window and node power (`DraftMemo`).
    """

    options: dict[tuple[object, ...], _Options] = field(default_factory=dict)
    power: dict[tuple[str, float], power_model.Power | None] = field(default_factory=dict)
    memo: DraftMemo = field(default_factory=DraftMemo)


def _quotes_for(offer: Offer, acc: Accelerator, plan: sizing.SizingPlan, job: JobSpec,
                instances: int, gpus: float, runtime: float, modes: list[bool],
                windows: Windows, window_h: int, shared: _Shared,
                known: OfferNotes) -> list[list[QuoteDraft]]:
    """The quotes of one offer and shape, per price mode (spot or not) in `modes`."""
    if not modes:
        return []
    steps = max(1, math.ceil(runtime - 1e-9))
    weights = windows.weights(runtime, steps)
    pk = (acc.name, gpus)  # the plan, so the power phase, follows from the accelerator
    if pk in shared.power:
        power = shared.power[pk]
    else:
        power = shared.power[pk] = power_model.job_power(
            acc, gpus, runtime_model.power_phase(job, plan.method)
            if plan.method != "unsized" else _UNSIZED_PHASE[job.kind])
    kw_per_h = power.kw * offer.pue if power else None
    carbon = windows.get("carbon_intensity", offer.carbon_zone)
    price = windows.get("energy_price", offer.price_market) if offer.kind == "onprem" else None
    if offer.kind == "onprem" and (price is None or steps > price.values.size):
        return [[] for _ in modes]  # no energy price to cost it with; quote_job counts it
    interruptible = job.constraints.interruptible is True
    key = (None if carbon is None else carbon.zone, None if price is None else price.zone,
           steps, window_h, interruptible, runtime)
    found = shared.options.get(key)
    if found is None:
        found = shared.options[key] = _options(windows, carbon, price, steps,
                                               window_h - steps, interruptible, weights,
                                               runtime)
    options, now = found
    signal = windows.label.get(offer.carbon_zone or "", windows.basis)
    modelled = not (job.duration_hours or job.gpu_hours)
    return [drafts(offer_terms(offer, acc, plan, instances, gpus, runtime, spot, kw_per_h,
                               windows.earliest, power, windows.carbon_basis, modelled,
                               windows.window_basis, known),
                   options, now, signal, shared.memo) for spot in modes]


def _options(windows: Windows, carbon: Signal | None, price: Signal | None, steps: int,
             latest_start: int, interruptible: bool, weights: np.ndarray,
             runtime: float) -> _Options:
    """Run now, lowest carbon, lowest price (on-prem) and interruptible hours, with sums.

    Shared by every offer in the same zone, price market and run length. `latest_start` <
    0: even a run now misses the deadline (ranked so), so only "now" is offered.
    """
    spans: dict[str, Span] = {"now": windows.now(steps)}
    if carbon is not None and latest_start >= 0:
        best = windows.best("carbon_intensity", carbon.zone, steps, latest_start, False)
        if best is not None:
            spans["low-carbon"] = best
        if interruptible:
            hours = windows.best("carbon_intensity", carbon.zone, steps, latest_start, True)
            if hours is not None:
                spans["interruptible"] = hours
    if price is not None and latest_start >= 0:
        best = windows.best("energy_price", price.zone, steps, latest_start, False)
        if best is not None:
            spans["low-price"] = best
    tail = timedelta(hours=float(weights[-1]))  # the last hour's share
    seen: set[tuple[int, ...]] = set()
    out = []
    for kind, span in spans.items():
        if span.key in seen:
            continue
        seen.add(span.key)
        # every hour counts fully but the last (chosen) one, which the run may end inside
        ci = windows.weighted("carbon_intensity", carbon, span, weights, runtime)
        usd = windows.weighted("energy_price", price, span, weights, runtime)
        if price is not None and usd is None:
            continue  # on-prem, a gap in the price series: this window cannot be costed
        out.append(StartOption.at(kind, span.hours, ci, usd, windows.earliest, tail))
    now = windows.weighted("carbon_intensity", carbon, spans["now"], weights, runtime)
    return tuple(out), now
