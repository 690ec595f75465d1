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
import zlib
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from gridwise.accelerators import canonical_accelerator, load_accelerators
from gridwise.errors import UserError
from gridwise.models import Accelerator, CarbonBasis, JobSpec
from gridwise.store import Store
from tools import power_model, runtime_model, sizing
from tools.grid import HOUR, HourlySeries, ceil_hour, hourly_many
from tools.offers import Offer, load_offers
from tools.quote_draft import QuoteDraft, _one_quote
from tools.spec_names import MAX_INSTANCES, check_gpu_count, check_spec_names
from tools.windows import forecast_with_error, lowest_steps, min_mean_window

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
_UNSIZED_PHASE = {"train": "pretrain", "fine-tune": "full", "batch-inference": "prefill",
                  "eval": "prefill", "inference": "decode"}
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
    carbon_basis: CarbonBasis = "lca"

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
    """Window searches shared by every offer in a zone (cached by zone and length)."""

    def __init__(self, store: Store, earliest: datetime, hours: int, offers: list[Offer],
                 forecast_sigma: float = 0.0, seed: int = 0,
                 carbon_basis: CarbonBasis = "lca") -> None:
        self.earliest = earliest
        self.carbon_basis = carbon_basis
        self.window_basis = (f"carbon windows chosen on a forecast with {forecast_sigma:.0%} "
                             "error, CO2 scored on the actual hours" if forecast_sigma > 0 else
                             "carbon windows chosen on the actual series (oracle: a perfect "
                             "forecast)")
        self.series: dict[tuple[str, str], HourlySeries | None] = {}
        self.seen: dict[tuple[str, str], np.ndarray] = {}  # what the window search sees
        self.cache: dict[tuple[str, str, int, int, bool], _Span | None] = {}
        self.sums: dict[tuple[str, str, tuple[int, ...], float], float | None] = {}
        self._now: dict[int, _Span] = {}
        self._weights: dict[tuple[float, int], np.ndarray] = {}
        for table, zones in (
            ("carbon_intensity", {o.carbon_zone for o in offers if o.carbon_zone}),
            ("energy_price", {o.price_market for o in offers
                              if o.price_market and o.kind == "onprem"}),
        ):
            for zone, s in hourly_many(store.conn, table, sorted(zones), earliest, hours,
                                       carbon_basis).items():
                self.series[(table, zone)] = s if s.covered() else None
                # Carbon windows are chosen on a forecast (actual x (1 + N(0, sigma)), seeded
                # per zone) and scored on the actual series; day-ahead prices are known.
                noisy = table == "carbon_intensity" and forecast_sigma > 0
                self.seen[(table, zone)] = (
                    forecast_with_error(s.values, "multiplicative", forecast_sigma,
                                        seed + zlib.crc32(zone.encode())) if noisy else s.values)

    def get(self, table: str, zone: str | None) -> HourlySeries | None:
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

    def weighted(self, table: str, s: HourlySeries | None, span: _Span, w: np.ndarray,
                 runtime: float) -> float | None:
        """Σ value x weight over the run's hours (None: no series, or a gap in the run).

        Cached: offers in one zone with the same window and runtime share the sum.
        """
        if s is None or span.hours[-1] >= s.values.size:
            return None
        ck = (table, s.zone, span.key, runtime)
        if ck not in self.sums:
            v = s.values[span.idx]
            self.sums[ck] = None if np.isnan(v).any() else float(np.dot(v, w))
        return self.sums[ck]

    def best(self, table: str, zone: str, steps: int, latest_start: int,
             interruptible: bool) -> _Span | None:
        key = (table, zone, steps, latest_start, interruptible)
        if key not in self.cache:
            s = self.get(table, zone)
            self.cache[key] = None
            if s is not None and steps <= s.values.size:
                seen = self.seen[(table, zone)]
                deadline = min(latest_start + steps, s.values.size)
                try:
                    if interruptible:
                        self.cache[key] = _Span.of(lowest_steps(seen, steps, 0, deadline))
                    else:
                        start, _ = min_mean_window(seen, steps, 0, deadline)
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
              carbon_basis: CarbonBasis = "lca") -> QuoteBook:
    """Quote `job` on every offer in `store` (or the given `offers`) at `clock` (naive UTC).

    The bundled carbon data is historical, so by default windows are chosen on the actual
    series (a perfect forecast). `forecast_sigma` > 0 chooses them on a noisy forecast
    instead and still reports the CO2 of the actual hours, which is what an honest
    evaluation needs. `carbon_basis` picks the life-cycle (default) or direct intensity.

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
        check_spec_names(job, offers)
    max_run = max((r for r in (_runtime_h(job, p, p.count) for p in book.plans.values()) if r),
                  default=24.0)
    windows = _Windows(store, earliest, min(window_h + int(math.ceil(max_run)) + 1, 24 * 400),
                       offers, forecast_sigma, seed, carbon_basis)
    for offer in offers:
        plan = book.plans.get(offer.accelerator)
        if plan is None:
            book.skip("accelerator not allowed or job does not fit it")
            continue
        if offer.price_check == "drop":
            book.skip(f"catalog price implausible, dropped: {offer.price_check_reason}")
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
                made = _quotes_for(offer, acc, plan, job, instances, gpus, runtime, spot,
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
                instances: int, gpus: float, runtime: float, spot: bool,
                windows: _Windows, window_h: int) -> list[QuoteDraft]:
    steps = max(1, math.ceil(runtime - 1e-9))
    latest_start = window_h - steps  # < 0: even a run now misses the deadline (ranked so)
    weights = windows.weights(runtime, steps)
    power = power_model.job_power(
        acc, gpus, runtime_model.power_phase(job, plan.method) if plan.method != "unsized"
        else _UNSIZED_PHASE[job.kind])
    kw_per_h = power.kw * offer.pue if power else None
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
    for kind, span in options.items():
        if span.key in seen:
            continue
        seen.add(span.key)
        # every hour counts fully but the last (chosen) one, which the run may end inside
        ci = windows.weighted("carbon_intensity", carbon, span, weights, runtime)
        usd = windows.weighted("energy_price", price, span, weights, runtime)
        if offer.kind == "onprem" and usd is None:
            continue  # a gap in the price series: this window cannot be costed
        out.append(_one_quote(offer, acc, plan, instances, gpus, runtime, spot, kind,
                              span.hours, weights, kw_per_h, ci, usd, windows.earliest,
                              power, windows.carbon_basis, not (job.duration_hours
                                                                or job.gpu_hours),
                              windows.window_basis))
    return out
