"""Feasibility at intake from the work itself: compute from tokens x parameters, weights.

A training or fine-tuning run of N parameters on D tokens needs about 6·N·D FLOPs
(4·N·D for adapters: no weight gradients). No accelerator in the catalog runs faster
than its peak bf16 throughput, so FLOPs / peak is a floor on GPU-hours, and the floor
times each accelerator's cheapest catalog price is a floor on cost: a budget below the
least of those, or a window shorter than the floor on the stated GPU count, cannot be
met by any offer. A model's weights at the stated precision that exceed the memory of
the stated number of the catalog's largest GPUs cannot load at all. Each problem says
what is impossible and what would make it possible.
"""

from __future__ import annotations

import math
from datetime import datetime
from typing import TYPE_CHECKING

from agents.intake.schema import ParsedRequest
from tools.catalog_limits import CatalogLimits
from tools.memory import weight_gb

if TYPE_CHECKING:
    from agents.intake.checks import Problem

#: FLOPs per parameter per token: forward + backward (6), adapters skip weight gradients (4)
FLOPS_PER_PARAM_TOKEN = {"train": 6.0, "fine-tune": 6.0, "lora": 4.0, "qlora": 4.0}
#: A floor counts only when it is over this many times what the request allows: token
#: counts and peak figures are approximate, and a tight request is the planner's to judge.
TOLERANCE = 2.0
#: A window counts as too short only when it is an order of magnitude short (README:
#: "infeasible on its face"): the bf16 peak is no floor for a run in fp8 or with sparsity
#: (2-4x faster), so a run 3x over its window at bf16 peak is tight, not impossible.
WINDOW_TOLERANCE = 10.0
#: GPUs assumed when the request names no count: a very large allocation for one tenant's
#: job. With `WINDOW_TOLERANCE` a window is judged too short only when even 10x this many
#: of the fastest GPU at peak could not finish in it (a frontier-scale run due tomorrow).
LARGEST_ALLOCATION = 1024


def work_flops(p: ParsedRequest) -> float | None:
    """6·N·D (4·N·D for LoRA/QLoRA) for a training or fine-tuning run; None otherwise."""
    if not (p.params_b and p.dataset_tokens and p.kind in ("train", "fine-tune")):
        return None
    per = FLOPS_PER_PARAM_TOKEN.get(p.method or p.kind, 6.0)
    return per * p.params_b * 1e9 * p.dataset_tokens


def _accelerators(limits: CatalogLimits, gpu_type: str | None) -> list[tuple[str, float, float]]:
    """(name, cheapest USD per GPU-hour, peak FLOP/s) of each priced accelerator with a peak."""
    out = []
    for name, price in limits.usd_per_gpu_h.items():
        peak = limits.peak_tflops.get(name)
        if price <= 0 or not peak:
            continue
        if gpu_type is not None and name != gpu_type and name.split("-")[0] != gpu_type:
            continue
        out.append((name, price, peak * 1e12))
    return out


def _count(tokens: float) -> str:
    """600M, 70B, 1.5T: a token count the way people write it."""
    for scale, unit in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if tokens >= scale:
            return f"{tokens / scale:,.3g}{unit}"
    return f"{tokens:,.0f}"


def _window_hours(p: ParsedRequest, now: datetime) -> float | None:
    if p.duration_hours:
        return p.duration_hours
    if p.deadline:
        start = max(filter(None, (p.earliest_start, now)))
        hours = (p.deadline - start).total_seconds() / 3600
        return hours if hours > 0 else None
    return None


def compute_problems(p: ParsedRequest, limits: CatalogLimits,
                     now: datetime | None = None) -> list[Problem]:
    """Budget and window checked against 6·N·D at the catalog's peak throughput."""
    from agents.intake.checks import Problem

    flops = work_flops(p)
    accs = _accelerators(limits, p.gpu_type) if flops else []
    if not flops or not accs:
        return []
    out: list[Problem] = []
    what = (f"{p.params_b:g}B parameters on {_count(p.dataset_tokens or 0)} tokens need about "
            f"{flops:.2g} FLOPs ({FLOPS_PER_PARAM_TOKEN.get(p.method or p.kind or '', 6.0):g}"
            f" x N x D)")
    name, price, peak = min(accs, key=lambda a: a[1] / a[2])
    hours = flops / peak / 3600
    least = hours * price
    if p.budget_usd is not None and p.budget_usd * TOLERANCE < least:
        share = p.budget_usd / least
        out.append(Problem(
            f"{what}: even at the full bf16 peak of {name} ({peak / 1e12:,.0f} TFLOP/s, the "
            f"catalog's cheapest compute) that is ~{hours:,.0f} GPU-hours, at least "
            f"${least:,.0f} at ${price:,.3f}/GPU-h; a budget of ${p.budget_usd:,.0f} cannot pay "
            "for it", f"Can the budget rise to at least ${least:,.0f}, or the run shrink to "
            f"~{_count((p.dataset_tokens or 0) * share)} tokens (or a model of "
            f"~{(p.params_b or 0) * share:.2g}B) "
            "for this budget?", "budget_usd"))
    window = _window_hours(p, now) if now is not None and p.kind != "inference" else None
    if window:
        fname, _, fpeak = max(accs, key=lambda a: a[2])
        count = p.gpu_count or LARGEST_ALLOCATION
        wall = flops / (fpeak * count) / 3600
        if wall > window * WINDOW_TOLERANCE:
            need = math.ceil(flops / (fpeak * window * 3600))
            on = (f"{p.gpu_count} x {fname}" if p.gpu_count else
                  f"even {LARGEST_ALLOCATION:,} x {fname} (no count is given)")
            out.append(Problem(
                f"{what}: on {on} at full bf16 peak that takes at least "
                f"~{wall:,.0f} h, but only {window:,.0f} h are allowed",
                f"Can the deadline allow at least {wall:,.0f} h, or the run use at least "
                f"{need:,} such GPUs (or fewer tokens)?", "deadline"))
    return out


def weight_problems(p: ParsedRequest, limits: CatalogLimits,
                    precision: str) -> list[Problem]:
    """The named model's weights against the stated count of the catalog's largest GPU.

    Only when no GPU type is named (a named type is checked against its own memory).
    """
    from agents.intake.checks import Problem

    largest = limits.largest_gpu()
    if not (p.params_b and p.gpu_count and not p.gpu_type and largest):
        return []
    need = weight_gb(p.params_b, precision)
    have = largest[1] * p.gpu_count
    if need <= have:
        return []
    gpus = math.ceil(need / largest[1])
    int4 = weight_gb(p.params_b, "int4")
    fix = f"at least {gpus} GPUs of {largest[1]:g} GB"
    if int4 <= have:
        fix += f", or int4 weights (~{int4:,.0f} GB)"
    word = "a single GPU" if p.gpu_count == 1 else f"{p.gpu_count} GPUs"
    return [Problem(
        f"{p.params_b:g}B parameters in {precision} need about {need:,.0f} GB for the weights "
        f"alone; {word} hold at most {have:g} GB (the catalog's largest, {largest[0]}, has "
        f"{largest[1]:g} GB)", f"Can the job use {fix}?", "gpu_count")]
