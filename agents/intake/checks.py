"""Whether a parsed request can be acted on as written (README "needs_clarification").

No workload, contradictions (deadline before start, spot both allowed and forbidden),
and requests infeasible on their face: a deadline already past, hardware that does not
exist or cannot hold the model's weights, a budget or carbon cap orders of magnitude
below the least the stated work could cost. The bounds are deliberately generous so
that only requests that are clearly impossible are stopped.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from datetime import datetime

from agents.intake.availability import placement_problems
from agents.intake.compute import compute_problems, weight_problems, work_flops
from agents.intake.schema import ParsedRequest
from agents.intake.text import Hit
from gridwise.accelerators import get_accelerator
from gridwise.errors import UnknownNameError
from gridwise.models import MAX_COUNT
from tools.catalog_limits import CatalogLimits
from tools.sizing import weight_gb

#: Cheapest plausible price of one GPU-hour anywhere (marketplace consumer cards), USD.
FLOOR_USD_PER_GPU_H = 0.10
#: Best plausible sustained FLOP/s of one accelerator (B200-class peak at full use).
CEILING_FLOPS_PER_GPU = 2.25e15
#: Least plausible power of one busy accelerator (kW) and cleanest grid (kg CO2 / kWh).
FLOOR_KW_PER_GPU = 0.07
FLOOR_KG_PER_KWH = 0.01
#: How far below the floor a budget or cap must be to count as "orders of magnitude".
MARGIN = 10.0
#: More accelerators than any one job is given (the largest training clusters of the
#: period hold ~10-25k GPUs, shared): a count above it is a typo or an impossible ask.
MAX_JOB_GPUS = 16_384
FLOPS_PER_PARAM_TOKEN = {"train": 6.0, "fine-tune": 6.0, "lora": 4.0, "qlora": 4.0}


@dataclass(frozen=True)
class Problem:
    """One reason the request cannot run as written, the question to ask, and its field.

    `field` names what the question is about (a scored field, or `safety`, `length`,
    `currency`, `places`), so that an answer can be read for exactly that field.
    """

    reason: str
    question: str
    field: str = "request"


def _min_gpu_hours(p: ParsedRequest) -> float | None:
    if p.gpu_hours:
        return p.gpu_hours
    if p.gpu_count and p.duration_hours:
        return p.gpu_count * p.duration_hours
    if p.params_b and p.dataset_tokens and p.kind in ("train", "fine-tune"):
        per = FLOPS_PER_PARAM_TOKEN.get(p.method or p.kind, 6.0)
        return per * p.params_b * 1e9 * p.dataset_tokens / CEILING_FLOPS_PER_GPU / 3600
    return None


def _min_wall_hours(p: ParsedRequest) -> float | None:
    """Least wall time the stated work needs on the stated GPU count (None: unknown)."""
    if not p.gpu_count:
        return None
    if p.gpu_hours:
        return p.gpu_hours / p.gpu_count
    if p.params_b and p.dataset_tokens and p.kind in ("train", "fine-tune"):
        per = FLOPS_PER_PARAM_TOKEN.get(p.method or p.kind, 6.0)
        flops = per * p.params_b * 1e9 * p.dataset_tokens
        return flops / (CEILING_FLOPS_PER_GPU * p.gpu_count) / 3600 / MARGIN
    return None


def _window_hours(p: ParsedRequest, now: datetime) -> float | None:
    """Hours the user allows for the run: the stated duration, else start-to-deadline."""
    if p.duration_hours and p.kind != "inference":
        return p.duration_hours
    if p.deadline and p.kind != "inference":
        start = max(filter(None, (p.earliest_start, now)))
        hours = (p.deadline - start).total_seconds() / 3600
        return hours if hours > 0 else None
    return None


def _weights_precision(p: ParsedRequest) -> str:
    """The precision a model's weights are judged in: as stated, else the least it may use.

    With no precision stated, a model served or evaluated that fits only quantised (13B on
    one 24 GB card) is tight, not impossible (it may run in int8), so int8 is the floor
    there; training and fine-tuning hold 16-bit weights; QLoRA loads 4-bit weights.
    """
    if p.precision:
        return p.precision
    if p.method == "qlora":
        return "int4"
    return "int8" if p.kind in ("inference", "batch-inference", "eval") else "fp16"


#: a service's deadline said as its end ("shut down by", "off by 20:00"), not "live by"
_SERVICE_END = re.compile(r"\b(?:shut\s*(?:it\s+)?down|turn(?:ed)?\s+off|switch(?:ed)?\s+off|"
                          r"torn\s+down|tear\s+(?:it\s+)?down|taken\s+down|take\s+(?:it\s+)?"
                          r"down|stopp?(?:ed)?|offline|off|over|end(?:ed|s)?|gone)\s+"
                          r"(?:again\s+)?(?:by|before|at|no later than)\b", re.IGNORECASE)


def find_problems(p: ParsedRequest, now: datetime, *, unknown_gpus: list[str],
                  spot_conflict: bool, accelerator: str | None = None,
                  text: str = "") -> list[Problem]:
    """Every reason the parsed request needs clarification (empty: it can go ahead).

    `accelerator` is the accelerator-table name behind `p.gpu_type` when it is more
    specific (`V100-32GB` for a "V100 32GB" that the catalog calls `V100`). `text` (the
    request) tells a service's deadline said as its end from one said as "live by".
    """
    out: list[Problem] = []
    if p.kind is None:
        out.append(Problem("no workload: the text does not say what to run",
                           "What should run: training, fine-tuning, a service, batch "
                           "processing or an evaluation, and of which model?", "kind"))
    elif not any((p.model, p.params_b, p.dataset_gb, p.dataset_tokens, p.gpu_hours,
                  p.duration_hours, p.gpu_type, p.gpu_count, p.min_gpu_mem_gb)):
        # "fine-tune it on the data from before": a job named, but nothing it runs on
        out.append(Problem(f"no model and no size: the text does not say what to {p.kind}",
                           f"Which model should the {p.kind} use, and on how much data or "
                           "compute?", "model"))
    if p.deadline and p.deadline <= now:
        out.append(Problem(f"the deadline {p.deadline:%Y-%m-%d %H:%M} UTC has already passed",
                           f"The deadline {p.deadline:%Y-%m-%d %H:%M} UTC is before now "
                           f"({now:%Y-%m-%d %H:%M} UTC): what is the new deadline?",
                           "deadline"))
    if p.deadline and p.earliest_start and p.deadline <= p.earliest_start:
        out.append(Problem("the deadline is not after the earliest start",
                           f"The deadline ({p.deadline:%Y-%m-%d %H:%M} UTC) is not after the "
                           f"earliest start ({p.earliest_start:%Y-%m-%d %H:%M} UTC): which "
                           "one is right?", "deadline"))
    start = max(filter(None, (p.earliest_start, now)))
    service_end = p.kind == "inference" and bool(_SERVICE_END.search(text))
    if p.deadline and p.duration_hours and p.deadline > now and (
            p.kind != "inference" or service_end) \
            and (p.deadline - start).total_seconds() / 3600 < p.duration_hours:
        out.append(Problem("the stated run length does not fit between start and deadline",
                           f"A {p.duration_hours:g} h run does not fit before the deadline "
                           f"({p.deadline:%Y-%m-%d %H:%M} UTC): can the deadline move, or is "
                           "the run shorter?", "deadline"))
    wall = _min_wall_hours(p)
    window = _window_hours(p, now)
    if wall and window and wall > window:
        out.append(Problem(f"the work needs at least ~{wall:,.0f} h on the stated GPUs but only "
                           f"{window:,.0f} h are allowed", "Can the deadline move or more GPUs be "
                           "used?", "deadline"))
    if spot_conflict:
        out.append(Problem("spot capacity is both allowed and forbidden",
                           "May the job run on interruptible (spot) capacity or not?",
                           "interruptible"))
    for name in unknown_gpus:
        out.append(Problem(f"no such accelerator: {name!r}",
                           "Which accelerator did you mean?" + did_you_mean(name), "gpu_type"))
    out.extend(_hardware_problems(p, accelerator or p.gpu_type))
    if p.gpu_count and MAX_JOB_GPUS < p.gpu_count <= MAX_COUNT:
        # (beyond MAX_COUNT no job spec holds it: `to_jobspec` names the impossible value)
        out.append(Problem(f"{p.gpu_count:,} accelerators for one job: more than any job is "
                           f"given (at most ~{MAX_JOB_GPUS:,})",
                           f"How many GPUs should the job use (at most {MAX_JOB_GPUS:,}), or "
                           "can it run longer on fewer?", "gpu_count"))
    floor_h = _min_gpu_hours(p)
    if floor_h and p.budget_usd and p.budget_usd * MARGIN < floor_h * FLOOR_USD_PER_GPU_H:
        out.append(Problem(f"a budget of ${p.budget_usd:,.0f} is far below the least "
                           f"~{floor_h:,.0f} GPU-hours could cost",
                           "Can the budget grow, or the job shrink?", "budget_usd"))
    if floor_h and p.max_co2_kg and \
            p.max_co2_kg * MARGIN < floor_h * FLOOR_KW_PER_GPU * FLOOR_KG_PER_KWH:
        out.append(Problem(f"a carbon cap of {p.max_co2_kg:g} kg is far below what "
                           f"~{floor_h:,.0f} GPU-hours emit on the cleanest grid",
                           "Can the carbon cap be raised?", "max_co2_kg"))
    return out


def did_you_mean(name: str) -> str:
    """" Did you mean H100 or H200?" for a name close to catalog accelerators ('' if none)."""
    from agents.intake.hardware import CATALOG_TYPES

    close = difflib.get_close_matches(name.upper(), CATALOG_TYPES, n=3, cutoff=0.5)
    return (" Did you mean " + " or ".join(close) + "?") if close else (
        " Known types include " + ", ".join(CATALOG_TYPES[:8]) + ".")


def _hardware_problems(p: ParsedRequest, name: str | None) -> list[Problem]:
    if not name:
        return []
    try:
        acc = get_accelerator(name)
    except UnknownNameError:
        return [Problem(f"unknown accelerator {name!r}",
                        "Which accelerator did you mean?" + did_you_mean(name), "gpu_type")]
    out = []
    if p.min_gpu_mem_gb and p.min_gpu_mem_gb > acc.memory_gb:
        out.append(Problem(f"a {acc.name} has {acc.memory_gb:g} GB, less than the "
                           f"{p.min_gpu_mem_gb:g} GB asked for",
                           f"A {acc.name} has {acc.memory_gb:g} GB: which matters, the GPU "
                           f"type or the {p.min_gpu_mem_gb:g} GB?", "gpu_type"))
    if p.params_b and p.gpu_count:
        need = weight_gb(p.params_b, _weights_precision(p))
        have = acc.memory_gb * p.gpu_count
        if need > have:
            out.append(Problem(f"{p.params_b:g}B parameters in {_weights_precision(p)} need "
                               f"about {need:,.0f} GB for the weights alone; "
                               f"{p.gpu_count} x {acc.name} hold {have:g} GB",
                               f"Can the job use at least "
                               f"{math.ceil(need / acc.memory_gb)} x {acc.name}, larger GPUs, "
                               "or a quantised variant (int8 / int4)?", "gpu_count"))
    out += _training_memory(p, acc.name, acc.memory_gb)
    return out


#: Bytes per parameter a full training step holds: 16-bit weights and gradients, fp32
#: master weights and two Adam moments (2 + 2 + 4 + 4 + 4).
TRAIN_BYTES_PER_PARAM = 16
#: Sharding, offload and 8-bit optimisers cut that by a few times; a run that needs more
#: than this many times the stated GPUs' memory is impossible on its face, not just tight.
TRAIN_MEMORY_SLACK = 6.0


def _training_memory(p: ParsedRequest, name: str, memory_gb: float) -> list[Problem]:
    """A full training run whose weights, gradients and optimiser states dwarf the GPUs."""
    if not (p.params_b and p.gpu_count and (p.method == "full" or p.kind == "train")
            and p.method not in ("lora", "qlora")):
        return []
    need = p.params_b * TRAIN_BYTES_PER_PARAM
    have = memory_gb * p.gpu_count
    if need <= have * TRAIN_MEMORY_SLACK:
        return []
    gpus = math.ceil(need / memory_gb / TRAIN_MEMORY_SLACK)
    return [Problem(f"a full training run of {p.params_b:g}B parameters holds about "
                    f"{need:,.0f} GB (weights, gradients, Adam states); {p.gpu_count} x {name} "
                    f"hold {have:g} GB", f"Can the job use at least {gpus} x {name}, or LoRA / "
                    "QLoRA instead of a full fine-tune?", "gpu_count")]


def catalog_problems(p: ParsedRequest, limits: CatalogLimits | None,
                     now: datetime | None = None) -> list[Problem]:
    """What no offer in the loaded catalog can meet, and what would make it possible.

    A budget below the cheapest price of the stated work, a carbon cap below what that
    work emits on the cleanest grid hour, memory beyond the largest single GPU, and (in
    `compute`) 6·N·D FLOPs against the budget and window at the catalog's peak throughput
    and a model's weights against the stated count of the largest GPU.
    """
    if limits is None:
        return []
    out: list[Problem] = []
    hours = _min_gpu_hours(p)
    cheapest = limits.cheapest(p.gpu_type)
    # work given as tokens x parameters is priced per FLOP in `compute` when the catalog
    # has peak figures (hours at the fastest GPU priced at the cheapest one mislead)
    by_flops = bool(limits.peak_tflops) and not p.gpu_hours and not (
        p.gpu_count and p.duration_hours) and work_flops(p) is not None
    if hours and p.budget_usd is not None and cheapest and not by_flops:
        name, rate = cheapest
        least = hours * rate
        if p.budget_usd < least:
            out.append(Problem(
                f"a budget of ${p.budget_usd:,.2f} is below the cheapest possible run: "
                f"~{hours:,.0f} GPU-hours at the catalog's lowest {name} price "
                f"(${rate:,.3f}/GPU-h) cost at least ${least:,.2f}",
                f"Can the budget rise to at least ${least:,.0f}, or the work shrink to "
                f"~{p.budget_usd / rate:,.0f} GPU-hours?", "budget_usd"))
    kwh = limits.least_kwh_per_gpu_h(p.gpu_type)
    if hours and p.max_co2_kg is not None and kwh and limits.min_g_per_kwh > 0:
        least_kg = hours * kwh * limits.min_g_per_kwh / 1000
        if p.max_co2_kg < least_kg:
            out.append(Problem(
                f"a carbon cap of {p.max_co2_kg:g} kg is below what ~{hours:,.0f} GPU-hours "
                f"emit even on the cleanest grid hour in the data "
                f"({limits.min_g_per_kwh:g} g/kWh): at least {least_kg:,.2f} kg",
                f"Can the cap rise to at least {least_kg:,.2f} kg, or the work shrink?",
                "max_co2_kg"))
    largest = limits.largest_gpu()
    if p.min_gpu_mem_gb and largest and p.min_gpu_mem_gb > largest[1]:
        out.append(Problem(
            f"no single GPU has {p.min_gpu_mem_gb:g} GB: the largest in the catalog is "
            f"{largest[0]} with {largest[1]:g} GB",
            f"Can the job shard across GPUs of at most {largest[1]:g} GB each (say how many)?",
            "min_gpu_mem_gb"))
    fields = {q.field for q in out}
    out += [q for q in compute_problems(p, limits, now) if q.field not in fields]
    fields = {q.field for q in out}
    out += [q for q in placement_problems(p, limits, hours) if q.field not in fields]
    weights = weight_problems(p, limits, _weights_precision(p))
    if largest and not p.gpu_type and not weights:
        # a full training run on the stated count of the largest GPU (no type named): its
        # weights may fit one B300 while the gradients and Adam states do not (s14)
        weights = _training_memory(p, largest[0], largest[1])
    return out + weights


#: the unrated amount said to equal a rated one: "£250, which finance says is $315",
#: "CHF 1,000 (about EUR 1,030)", "≈ $540", "i.e. 500 USD"
_EQUALS = re.compile(r"^[^.;!?]{0,40}?(?:\bis\b|\bare\b|=|≈|~|\babout\b|\baround\b|\broughly\b|"
                     r"\bapprox\w*|\bi\.e\.|\bequals?\b|\bworth\b|\bthat'?s\b|\bor\b|\()"
                     r"[^.;!?\d$€]{0,20}$", re.IGNORECASE)


def unrated_budget(text: str, unrated: list[Hit], rated: list[Hit]) -> list[Problem]:
    """A budget in a currency with no rate, asked about unless the text converts it itself.

    Ordering without it would drop a limit the user set; but when the same sentence gives
    its USD or EUR figure ("£250 ceiling, which finance says is $315") that figure is the
    budget and nothing is asked (s12; fresh15 labels it so).
    """
    for h in unrated[:1]:
        if any(0 <= r.start - h.end <= 60 and _EQUALS.search(text[h.end:r.start])
               for r in rated):
            return []
        return [Problem(f"the budget is in {h.value}, a currency with no rate in "
                        "data/fx_rates.csv", f"What is the budget in USD or EUR (not {h.value})?",
                        "budget_usd")]
    return []
