"""Quoting: every offer in the store, for one job at one clock, priced, timed and carbon-accounted.

Numbers and where they come from (each quote carries `evidence`):
- runtime: `tools.sizing.plan` on the offer's accelerator, scaled to the GPUs the offer
  provides (ideal data-parallel scaling, stated); the user's wall time or GPU-hours win.
- hourly price: the catalog's on-demand (and, for interruptible jobs, spot) price per
  instance; on-prem = energy (kWh x the market's hourly USD price) + amortised capex.
- energy: GPUs x board power x utilisation x (1 + host overhead) x PUE, per hour.
- CO2: that energy times the zone's hourly carbon intensity over the exact hours run.
- start: run now, or the lowest-carbon / lowest-price contiguous window before the
  deadline (or within `DEFAULT_HORIZON_H`), or for interruptible jobs the lowest hours.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from gridwise.accelerators import canonical_accelerator, load_accelerators
from gridwise.errors import UserError
from gridwise.models import Accelerator, JobSpec
from gridwise.store import Store
from tools import sizing
from tools.forecast.signals import ForecastSignals, OracleSignals, Signal, SignalSource
from tools.grid import HOUR, ceil_hour
from tools.offers import Offer, load_offers
from tools.quote_draft import QuoteDraft, SeriesSums, _one_quote
from tools.windows import lowest_steps, min_mean_window

#: Search horizon when the job has no deadline (hours).
DEFAULT_HORIZON_H = 168
#: Mean GPU utilisation while the job runs, by kind (board power x utilisation).
GPU_UTILISATION = {"train": 0.85, "fine-tune": 0.8, "batch-inference": 0.7, "eval": 0.6,
                   "inference": 0.5}
#: Host CPU, memory, network and storage power as a fraction of GPU power.
HOST_OVERHEAD = 0.25
#: An offer may bring at most this many times the GPUs the plan needs: beyond that,
#: ideal data-parallel scaling (assumed for the runtime) is not credible.
MAX_SCALE_OUT = 8
#: Data-parallel jobs may also scale out to meet a deadline, up to this many GPUs
#: (instance multiples 1, 2, 4, 8 of the smallest shape that holds the job).
MAX_DATA_PARALLEL_GPUS = 64
DATA_PARALLEL_KINDS = ("train", "fine-tune", "batch-inference", "eval")
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
    basis: str = "forecast"
    signals: dict[str, dict[str, object]] = field(default_factory=dict)

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
                notes=["no model given: memory not checked"])
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
    return plan.runtime_h * plan.count / gpus


def _shape(offer: Offer, plan: sizing.SizingPlan, job: JobSpec) -> tuple[int, float] | str:
    """(instances, GPUs) the offer needs for the plan, or the reason it cannot host it."""
    per = offer.gpus_per_instance
    need = max(plan.count, job.hardware.gpu_count or 0)
    if per < 1:
        return "partitioned GPU too small"
    if plan.tp_degree > per:
        return f"needs {plan.tp_degree} GPUs in one node"
    instances = max(1, math.ceil(need / per))
    if instances * per > need * MAX_SCALE_OUT:
        return f"more than {MAX_SCALE_OUT}x the GPUs the job needs"
    if instances > 1 and job.kind == "inference" and plan.nodes == 1:
        return f"needs {need} GPUs in one node"
    if offer.free_gpus is not None and instances * per > offer.free_gpus:
        return "the on-prem cluster has fewer GPUs of this model than the job needs"
    return instances, instances * per


@dataclass(frozen=True)
class _Span:
    """The hours a run uses: indices from the earliest start (array, list and hashable key)."""

    idx: np.ndarray
    hours: list[int]
    key: tuple[int, ...]

    @classmethod
    def of(cls, idx: np.ndarray) -> _Span:
        hours = idx.tolist()
        return cls(idx, hours, tuple(hours))


class _Windows:
    """Window searches shared by every offer in a zone (cached by zone and length).

    The series come from a `SignalSource`: the forecast made at the clock (default), or the
    oracle. Windows are chosen on what the source lets the decision see; sums are kept for
    the seen series, its interval and the actual series (which scores the choice).
    """

    def __init__(self, store: Store, clock: datetime, earliest: datetime, hours: int,
                 offers: list[Offer], source: SignalSource) -> None:
        self.earliest = earliest
        self.basis = source.basis
        self.series: dict[tuple[str, str], Signal | None] = {}
        self.described: dict[str, dict[str, object]] = {}
        self.label: dict[str, str] = {}  # carbon zone -> what its CO2 is decided on
        self.cache: dict[tuple[str, str, int, int, bool], _Span | None] = {}
        self.sums: dict[tuple[str, str, tuple[int, ...], float], SeriesSums | None] = {}
        self._now: dict[int, _Span] = {}
        self._weights: dict[tuple[float, int], np.ndarray] = {}
        for table, zones in (
            ("carbon_intensity", {o.carbon_zone for o in offers if o.carbon_zone}),
            ("energy_price", {o.price_market for o in offers
                              if o.price_market and o.kind == "onprem"}),
        ):
            got = source.signals(store.conn, table, sorted(zones), clock, earliest, hours)  # type: ignore[arg-type]
            for zone, s in got.items():
                self.series[(table, zone)] = s if s.covered() else None
                self.described[f"{table}:{zone}"] = s.describe()
                self.label[zone if table == "carbon_intensity" else f"price:{zone}"] = (
                    "oracle" if s.basis == "oracle" else f"forecast:{s.model}")

    def get(self, table: str, zone: str | None) -> Signal | None:
        return None if zone is None else self.series.get((table, zone))

    def now(self, steps: int) -> _Span:
        """The run-now span of `steps` hours (shared by every offer)."""
        if steps not in self._now:
            self._now[steps] = _Span.of(np.arange(steps))
        return self._now[steps]

    def weights(self, runtime: float, steps: int) -> np.ndarray:
        """Per-hour weights: 1 for every hour but the last, which the run may end inside."""
        key = (runtime, steps)
        if key not in self._weights:
            self._weights[key] = _weights(runtime, steps)
        return self._weights[key]

    def weighted(self, table: str, s: Signal | None, span: _Span, w: np.ndarray,
                 runtime: float) -> SeriesSums | None:
        """Σ value x weight over the run's hours (None: no series, or a gap in the run).

        Cached: offers in one zone with the same window and runtime share the sums.
        """
        if s is None or span.hours[-1] >= s.seen.size:
            return None
        ck = (table, s.zone, span.key, runtime)
        if ck not in self.sums:
            v = s.seen[span.idx]
            if np.isnan(v).any():
                self.sums[ck] = None
            else:
                a = s.actual[span.idx]
                self.sums[ck] = SeriesSums(float(np.dot(v, w)), float(np.dot(s.lo[span.idx], w)),
                                      float(np.dot(s.hi[span.idx], w)),
                                      None if np.isnan(a).any() else float(np.dot(a, w)))
        return self.sums[ck]

    def best(self, table: str, zone: str, steps: int, latest_start: int,
             interruptible: bool) -> _Span | None:
        key = (table, zone, steps, latest_start, interruptible)
        if key not in self.cache:
            s = self.get(table, zone)
            self.cache[key] = None
            if s is not None and steps <= s.seen.size:
                deadline = min(latest_start + steps, s.seen.size)
                try:
                    if interruptible:
                        self.cache[key] = _Span.of(lowest_steps(s.seen, steps, 0, deadline))
                    else:
                        start, _ = min_mean_window(s.seen, steps, 0, deadline)
                        self.cache[key] = _Span.of(np.arange(start, start + steps))
                except UserError:  # no gap-free window: this start option is simply absent
                    self.cache[key] = None
        return self.cache[key]


def _weights(runtime_h: float, steps: int) -> np.ndarray:
    w = np.ones(steps)
    w[-1] = runtime_h - (steps - 1)
    return w


def quote_job(store: Store, job: JobSpec, clock: datetime,
              horizon_h: int = DEFAULT_HORIZON_H, offers: list[Offer] | None = None,
              forecast_sigma: float = 0.0, seed: int = 0,
              signals: SignalSource | None = None) -> QuoteBook:
    """Quote `job` on every offer in `store` (or the given `offers`) at `clock` (naive UTC).

    Windows and CO2 are decided on what is known at the clock: by default the forecast made
    then (`ForecastSignals`), with its interval carried into a kg CO2e range; the actual
    series, where the store has it, scores the decision afterwards (`kg_co2e_actual`).
    `signals=OracleSignals(...)` decides on the actual future instead (upper-bound
    experiments only); `forecast_sigma` > 0 adds noise to that oracle and implies it.

    Raises:
        UserError: the job cannot be sized or timed anywhere, or its window is empty.
    """
    c = job.constraints
    earliest = ceil_hour(max(clock, c.earliest_start or clock))
    if c.deadline is not None and c.deadline <= earliest:
        raise UserError(f"the deadline {c.deadline.isoformat()} is not after the earliest "
                        f"possible start {earliest.isoformat()}",
                        "move the deadline later or the earliest start earlier")
    window_h = (math.ceil((c.deadline - earliest) / HOUR) if c.deadline else horizon_h)
    book = QuoteBook(clock, earliest, c.deadline)
    accs = load_accelerators()
    _plans(job, _allowed_accelerators(job, accs), accs, book)
    if not book.plans:
        raise UserError("the job fits on no accelerator: "
                        + "; ".join(sorted(book.skipped)[:3]),
                        "use a smaller or quantised model, allow more GPUs, or relax hardware "
                        "constraints")
    offers = load_offers(store.conn) if offers is None else offers
    max_run = max((r for r in (_runtime_h(job, p, p.count) for p in book.plans.values()) if r),
                  default=24.0)
    if signals is None:
        signals = OracleSignals(forecast_sigma, seed) if forecast_sigma else ForecastSignals()
    windows = _Windows(store, clock, earliest,
                       min(window_h + int(math.ceil(max_run)) + 1, 24 * 400), offers, signals)
    book.signals = windows.described
    book.basis = signals.basis
    util = GPU_UTILISATION[job.kind]
    for offer in offers:
        plan = book.plans.get(offer.accelerator)
        if plan is None:
            book.skip("accelerator not allowed or job does not fit it")
            continue
        shape = _shape(offer, plan, job)
        if isinstance(shape, str):
            book.skip(shape)
            continue
        acc = accs[offer.accelerator]
        for instances, gpus, runtime in _scale_outs(offer, plan, job, *shape, window_h):
            if runtime is None:
                book.skip("runtime unknown")
                continue
            if runtime > MAX_RUNTIME_H:
                book.skip(f"would run longer than {MAX_RUNTIME_H:,} h")
                continue
            for spot in _price_modes(offer, job):
                made = _quotes_for(offer, acc, plan, job, instances, gpus, runtime, spot, util,
                                   windows, window_h)
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


def _quotes_for(offer: Offer, acc: Accelerator, plan: sizing.SizingPlan, job: JobSpec,
                instances: int, gpus: float, runtime: float, spot: bool, util: float,
                windows: _Windows, window_h: int) -> list[QuoteDraft]:
    steps = max(1, math.ceil(runtime - 1e-9))
    latest_start = window_h - steps  # < 0: even a run now misses the deadline (ranked so)
    weights = windows.weights(runtime, steps)
    kw_per_h = (gpus * acc.power_w * util * (1 + HOST_OVERHEAD) * offer.pue / 1000
                if acc.power_w else None)
    carbon = windows.get("carbon_intensity", offer.carbon_zone)
    price = windows.get("energy_price", offer.price_market) if offer.kind == "onprem" else None
    if offer.kind == "onprem" and (price is None or steps > price.values.size):
        return []  # no energy price to cost it with; quote_job counts the offer
    options: dict[str, _Span] = {"now": windows.now(steps)}
    interruptible = job.constraints.interruptible is True
    if carbon is not None and latest_start >= 0:
        best = windows.best("carbon_intensity", carbon.zone, steps, latest_start, False)
        if best is not None:
            options["low-carbon"] = best
        if interruptible:
            hours = windows.best("carbon_intensity", carbon.zone, steps, latest_start, True)
            if hours is not None:
                options["interruptible"] = hours
    if price is not None and latest_start >= 0:
        best = windows.best("energy_price", price.zone, steps, latest_start, False)
        if best is not None:
            options["low-price"] = best
    seen: set[tuple[int, ...]] = set()
    out = []
    now = windows.weighted("carbon_intensity", carbon, options["now"], weights, runtime)
    for kind, span in options.items():
        if span.key in seen:
            continue
        seen.add(span.key)
        # every hour counts fully but the last (chosen) one, which the run may end inside
        ci = windows.weighted("carbon_intensity", carbon, span, weights, runtime)
        usd = windows.weighted("energy_price", price, span, weights, runtime)
        if offer.kind == "onprem" and usd is None:
            continue  # a gap in the price series: this window cannot be costed
        cand = _one_quote(offer, acc, plan, instances, gpus, runtime, spot, kind, span.hours,
                          weights, kw_per_h, ci and ci.seen, usd and usd.seen,
                          windows.earliest)
        cand.signal = windows.label.get(offer.carbon_zone or "", windows.basis)
        cand.add_carbon_context(ci, now, kw_per_h)
        out.append(cand)
    return out
