"""Sizing: memory, fit, parallelism, quantised variant and runtime of a job on one GPU model.

Memory formulas live in `tools.memory`, the runtime model in `tools.runtime_model` and
every calibrated constant in `tools.calibration`. A stated `hardware.gpu_count` is
honoured (a count too small for the memory gets the minimum in the message); activations
are sharded by the tensor / context / pipeline parallelism the plan chooses.
"""

from __future__ import annotations

from pydantic import BaseModel, Field, ValidationError

from gridwise.accelerators import get_accelerator
from gridwise.errors import UserError
from gridwise.models import Accelerator, DatasetSpec, JobSpec, ModelSpec
from tools import runtime_model
from tools.memory import (
    QUANT_OVERHEAD_FRACTION,
    Footprint,
    Parallelism,
    fits,
    footprint,
    kv_cache_gb,
    lora_trainable_params,
    parallelism,
    weight_gb,
)
from tools.model_table import _complete, _shape, load_models, resolve_model

__all__ = [
    "SizingPlan", "fits", "kv_cache_gb", "load_models", "lora_trainable_params", "plan",
    "resolve_model", "size_job", "tp_degree", "weight_gb",
]

#: Per-GPU runtime memory not counted elsewhere: CUDA context, cuBLAS workspace, NCCL buffers.
RUNTIME_OVERHEAD_GB_PER_GPU = 1.0
#: Fraction of each GPU's memory a plan may fill; the rest absorbs allocator fragmentation.
GPU_HEADROOM = 0.95
DEFAULT_CONTEXT_TOKENS = 4096
DEFAULT_BATCH_SIZE = 1
DEFAULT_TRAIN_SEQ_LEN = 2048
DEFAULT_TRAIN_MICRO_BATCH = 1
#: Bytes of raw text per token for BPE tokenizers on English text.
BYTES_PER_TOKEN_TEXT = 4.0
#: Full precision is kept while it fits a tensor-parallel group of at most this many GPUs;
#: beyond it (when the workload allows) the variant needing the fewest GPUs wins, ties going
#: to higher precision, because each extra GPU costs more than weight-only 8/4-bit loses.
QUANTISE_ABOVE_TP = 4
#: Without a stated GPU count, training may shard (FSDP / ZeRO-3) across up to this many
#: nodes; a stated `hardware.gpu_count` is honoured up to `MAX_STATED_GPUS`.
MAX_TRAINING_NODES = 16
MAX_STATED_GPUS = 100_000
#: Sanity limits; larger inputs are typos (e.g. a dataset size given as the batch size).
MAX_CONTEXT_TOKENS = 10_000_000
MAX_BATCH_SIZE = 100_000

#: Without a stated batch, decode runs as many sequences as the memory left holds, up to this.
DECODE_BATCH_MAX = 64
INFERENCE_KINDS = {"inference", "batch-inference", "eval"}
TRAINING_METHODS = ("full", "lora", "qlora")
#: GPUs without bf16 tensor cores: full precision means fp16 there.
_NO_BF16 = {"V100", "V100-32GB", "T4", "P100", "P4", "M60", "RTX6000", "MI25"}


class SizingPlan(BaseModel):
    """How a job runs on one accelerator model: variant, GPU count, memory and runtime."""

    accelerator: str
    model: str | None
    method: str = Field(description="'inference', 'full', 'lora' or 'qlora'")
    precision: str = Field(description="weight precision of the plan, e.g. 'bf16' or 'int4'")
    variant: str | None = Field(None, description="quantised variant chosen to fit, if any")
    count: int = Field(gt=0, description="GPUs in total")
    tp_degree: int = Field(gt=0, description="tensor-parallel / sharding degree within a node")
    nodes: int = 1
    per_gpu_gb_needed: float
    per_gpu_gb_usable: float
    total_gb_needed: float
    fits: bool
    memory_gb: dict[str, float] = Field(default_factory=dict, description="breakdown, all GPUs")
    parallelism: dict[str, int] | None = Field(None, description="tp, cp, pp, dp")
    flops: float | None = None
    efficiency: float | None = None
    compute_precision: str | None = Field(None, description="'bf16' or 'fp8' tensor maths")
    phase: str | None = Field(None, description="calibration phase of the runtime model")
    scaling: float | None = Field(None, description="scaling efficiency at `count` GPUs")
    activation_recompute: str | None = Field(
        None, description="training: 'selective' or 'full' activation recomputation")
    runtime_h: float | None = None
    runtime_basis: str = Field("", description="how the runtime was reached, with factors")
    notes: list[str] = Field(default_factory=list)


def tp_degree(fp: Footprint, accelerator: Accelerator, max_gpus: int,
              headroom: float = GPU_HEADROOM) -> int | None:
    """Smallest power of two GPUs (<= max_gpus) whose memory holds the job, else None."""
    n = 1
    while n <= max_gpus:
        if fits(fp.per_gpu_need(n), accelerator, headroom):
            return n
        n *= 2
    return None


# ----------------------------------------------------------------------------- plan
def _method(job: JobSpec) -> str:
    if job.kind in INFERENCE_KINDS:
        return "inference"
    return job.method or "full"


def _candidates(job: JobSpec, method: str, accelerator: Accelerator) -> list[str]:
    full = "fp16" if accelerator.name in _NO_BF16 else "bf16"
    if method == "qlora":
        return ["int4"]
    if job.model.precision and method in ("inference", "lora"):
        return [job.model.precision]
    return [full, "int8", "int4"] if method == "inference" else [full]


def _check_job(job: JobSpec, max_gpus_per_node: int) -> None:
    if not 1 <= max_gpus_per_node <= 64:
        raise UserError(f"max_gpus_per_node={max_gpus_per_node!r} is out of range",
                        "use a node size between 1 and 64 GPUs")
    if job.context_tokens and job.context_tokens > MAX_CONTEXT_TOKENS:
        raise UserError(f"context of {job.context_tokens:,} tokens exceeds {MAX_CONTEXT_TOKENS:,}",
                        "give the context length in tokens (e.g. 8192)")
    if job.batch_size and job.batch_size > MAX_BATCH_SIZE:
        raise UserError(f"batch size {job.batch_size:,} is beyond {MAX_BATCH_SIZE:,}",
                        "give the per-step batch size, not the dataset size")
    stated = job.hardware.gpu_count
    if stated and stated > MAX_STATED_GPUS:
        raise UserError(f"hardware.gpu_count {stated:,} is beyond {MAX_STATED_GPUS:,}",
                        "give the number of GPUs, not of GPU-hours")


def _sharded_nodes(fp: Footprint, acc: Accelerator, per_node: int, context: int,
                   headroom: float, max_nodes: int) -> tuple[int, Parallelism] | None:
    """The fewest nodes (<= max_nodes) whose GPUs hold a sharded training job."""
    for nodes in range(2, max_nodes + 1):
        par = parallelism(fp, per_node * nodes, per_node, context, acc, headroom)
        if fits(fp.per_gpu_need(per_node * nodes, par), acc, headroom):
            return nodes, par
    return None


def plan(job: JobSpec, accelerator: Accelerator | str, max_gpus_per_node: int = 8, *,
         headroom: float = GPU_HEADROOM, overhead_gb: float = RUNTIME_OVERHEAD_GB_PER_GPU,
         quantise_above_tp: int = QUANTISE_ABOVE_TP, efficiency: float | None = None,
         max_training_nodes: int = MAX_TRAINING_NODES) -> SizingPlan:
    """Size a job on one accelerator model: precision/variant, GPUs, memory and runtime.

    Full precision is kept while it fits `quantise_above_tp` GPUs; otherwise a quantised
    variant is chosen only where the workload allows it (inference; QLoRA trains a 4-bit
    base by definition). Training that outgrows a node is sharded across nodes; a stated
    GPU count is used as given when it holds the job.

    Raises:
        UserError: bad numbers, FP8 on an accelerator without it, a stated GPU count too
            small (the message names the minimum), or the job fits nowhere.
        UnknownNameError: unknown model or accelerator (with close names).
    """
    acc = get_accelerator(accelerator) if isinstance(accelerator, str) else accelerator
    _check_job(job, max_gpus_per_node)
    spec = _complete(job.model)
    method = _method(job)
    runtime_model.compute_precision(job, acc, method)  # FP8 where it cannot run: refused
    infer = method == "inference"
    context = job.context_tokens or (DEFAULT_CONTEXT_TOKENS if infer else DEFAULT_TRAIN_SEQ_LEN)
    batch = job.batch_size or (DEFAULT_BATCH_SIZE if infer else DEFAULT_TRAIN_MICRO_BATCH)
    notes: list[str] = []
    options: list[tuple[str, Footprint, int | None]] = []
    for precision in _candidates(job, method, acc):
        fp = footprint(spec, method, precision, context, batch, overhead_gb)
        options.append((precision, fp, tp_degree(fp, acc, max_gpus_per_node, headroom)))
    full_prec, full_fp, full_tp = options[0]
    fitting = [(p, f, t) for p, f, t in options if t is not None]
    usable = acc.memory_gb * headroom
    stated = job.hardware.gpu_count if method in TRAINING_METHODS else None
    nodes = 1
    tp: int
    if full_tp is not None and (full_tp <= quantise_above_tp or len(options) == 1):
        precision, fp, tp = full_prec, full_fp, full_tp
    elif fitting:
        precision, fp, tp = min(fitting, key=lambda o: o[2])
        if full_tp is None:
            notes.append(f"{full_prec} needs {full_fp.total(max_gpus_per_node):.1f} GB: more "
                         f"than {max_gpus_per_node} x {acc.name} hold; quantised to {precision}")
        else:
            notes.append(f"{full_prec} would need {full_tp} GPUs; {precision} needs {tp}")
    elif method in TRAINING_METHODS:
        precision, fp, tp = full_prec, full_fp, max_gpus_per_node
        cap = max(max_training_nodes, -(-(stated or 0) // max_gpus_per_node))
        found = _sharded_nodes(fp, acc, max_gpus_per_node, context, headroom, cap)
        if found is None:
            raise _fits_nowhere(spec, method, acc, max_gpus_per_node, fp, cap, context, headroom)
        nodes = found[0]
    else:
        raise _fits_nowhere(spec, method, acc, max_gpus_per_node, options[-1][1], 1, context,
                            headroom)
    minimum = tp * nodes
    if stated and stated < minimum:
        par = parallelism(fp, stated, max_gpus_per_node, context, acc, headroom)
        raise UserError(
            f"{spec.name or 'the model'} needs at least {minimum} x {acc.name} for "
            f"{method} training: on {stated} GPU(s) each needs "
            f"{fp.per_gpu_need(stated, par):.1f} GB, {usable:.1f} GB usable",
            f"set hardware.gpu_count to {minimum} or more, use a larger-memory GPU, or "
            "shorten the sequence")
    count = max(stated or 0, minimum)
    if method in TRAINING_METHODS and count > tp and stated:
        nodes = -(-count // max_gpus_per_node)
    par = parallelism(fp, count, max_gpus_per_node, context, acc, headroom) if (
        nodes > 1 and method in TRAINING_METHODS) else Parallelism(tp, 1, 1, max(1, count // tp))
    mem_n = count if nodes > 1 else tp
    if nodes > 1:
        held = "" if count == minimum else f"; {minimum} GPUs would hold it"
        notes.append(f"sharded (FSDP / ZeRO-3) over {nodes} nodes of {max_gpus_per_node} x "
                     f"{acc.name}{held}")
    recompute = "full"
    if method in TRAINING_METHODS:
        recompute, par, mem_n = _recompute(job, fp, count, mem_n, par, acc, headroom,
                                           max_gpus_per_node, context, notes)
    need = fp.per_gpu_need(mem_n, par, recompute)
    if nodes > 1:
        notes.append(f"parallelism {par.describe()} (activations sharded by TP x CP, layers "
                     "by PP)")
    if tp > 1 and nodes == 1:
        notes.append(f"{precision} needs {fp.total(1):.1f} GB on one GPU, more than one "
                     f"{acc.name} holds ({usable:.1f} GB usable): tensor-parallel over {tp} GPUs")
    for alt_prec, _, alt_tp in options[1:]:
        if alt_prec != precision and alt_tp is not None and alt_tp < tp:
            notes.append(f"alternative: {alt_prec} fits on {alt_tp} GPU(s)")
    if method == "lora" and tp > 1:
        notes.append("QLoRA (4-bit base) would need less memory")
    memory = {k: round(v, 3) for k, v in fp.sharded_gb.items()}
    memory.update({k: round(v * mem_n, 3) for k, v in fp.per_gpu_gb.items()})
    memory["activations"] = round(fp.activations(par, recompute) * mem_n, 3)
    decode_batch = batch
    if infer and not job.batch_size:  # serving fills the memory left with KV cache
        spare = max(0.0, usable - need) * mem_n
        decode_batch = min(DECODE_BATCH_MAX, 1 + int(spare / max(kv_cache_gb(spec, context, 1),
                                                                 1e-9)))
    est = _runtime(job, spec, method, acc, count, efficiency, context, decode_batch,
                   weight_gb(spec.params_b or 0.0, precision) if infer else 0.0, recompute)
    notes += est.notes if est else []
    return SizingPlan(
        accelerator=acc.name, model=spec.name, method=method, precision=precision,
        variant=precision if precision in QUANT_OVERHEAD_FRACTION else None,
        count=count, tp_degree=tp, nodes=nodes, per_gpu_gb_needed=round(need, 3),
        per_gpu_gb_usable=round(usable, 3),
        total_gb_needed=round(fp.total(mem_n, par, recompute), 3),
        fits=True, memory_gb=memory, parallelism=vars(par).copy(),
        flops=est.flops if est else job.flops, efficiency=est.efficiency if est else None,
        compute_precision=est.precision if est else None, phase=est.phase if est else None,
        scaling=est.scaling if est else None,
        activation_recompute=recompute if method in TRAINING_METHODS else None,
        runtime_h=_stated_runtime(job, count, notes) or (est.runtime_h if est else None),
        runtime_basis=_basis(job, est), notes=notes)


def _recompute(job: JobSpec, fp: Footprint, count: int, n: int, par: Parallelism,
               acc: Accelerator, headroom: float, per_node: int, context: int,
               notes: list[str]) -> tuple[str, Parallelism, int]:
    """Activation recomputation and the layout it runs on.

    'selective' where some split of the `count` GPUs holds every layer's activations,
    else 'full' on the plan's layout (`par` over `n` GPUs).

    Raises:
        UserError: the job asks for selective recomputation where it does not fit.
    """
    need = fp.per_gpu_need(n, par, "selective")
    roomy = fits(need, acc, headroom)
    if not roomy and count > 1 and job.activation_recompute != "full":
        wide = parallelism(fp, count, per_node, context, acc, headroom, "selective")
        if fits(fp.per_gpu_need(count, wide, "selective"), acc, headroom):
            par, n, roomy = wide, count, True
    if job.activation_recompute == "selective" and not roomy:
        raise UserError(
            f"activations without full recomputation need {need:.1f} GB per GPU on {n} x "
            f"{acc.name}, {acc.memory_gb * headroom:.1f} GB usable",
            "set activation_recompute to 'full' (or leave it unset), state more GPUs "
            "(hardware.gpu_count), or shorten the sequence / micro-batch")
    if not roomy and not job.activation_recompute:
        notes.append(f"activations fit only with full recomputation ({need:.1f} GB per GPU "
                     "without it): +1 forward pass of compute")
    return job.activation_recompute or ("selective" if roomy else "full"), par, n


def _fits_nowhere(spec: ModelSpec, method: str, acc: Accelerator, max_gpus: int,
                  smallest: Footprint, nodes: int, context: int, headroom: float) -> UserError:
    n = max_gpus * nodes
    need = smallest.per_gpu_need(n, parallelism(smallest, n, max_gpus, context, acc, headroom))
    what = {"inference": "even at int4", "lora": "with LoRA", "qlora": "with QLoRA",
            "full": "with full training"}[method]
    hint = {"inference": "use a larger-memory GPU (e.g. H200 / MI300X), allow more GPUs per "
                         "node, or shorten the context / batch",
            "lora": "use QLoRA (4-bit base), a larger-memory GPU, or state more GPUs "
                    "(hardware.gpu_count)",
            "qlora": "use a larger-memory GPU, state more GPUs, or a shorter sequence",
            "full": "use LoRA / QLoRA, a larger-memory GPU, or state more GPUs "
                    "(hardware.gpu_count)"}[method]
    return UserError(
        f"{spec.name or f'{spec.params_b:g}B model'} does not fit {what} on {n} x "
        f"{acc.name}: {need:.1f} GB per GPU needed, {acc.memory_gb * GPU_HEADROOM:.1f} GB usable",
        hint)


def _stated_runtime(job: JobSpec, count: int, notes: list[str]) -> float | None:
    """The user's own wall time or GPU-hours win over the modelled runtime."""
    if job.duration_hours:
        return job.duration_hours
    if job.gpu_hours:
        notes.append("runtime = stated GPU-hours / GPUs (assumes they were on this GPU model)")
        return job.gpu_hours / count
    return None


def _basis(job: JobSpec, est: runtime_model.RuntimeEstimate | None) -> str:
    if job.duration_hours:
        return "stated wall time"
    if job.gpu_hours:
        return "stated GPU-hours / GPUs"
    return est.basis if est else ""


def _runtime(job: JobSpec, spec: ModelSpec, method: str, acc: Accelerator, count: int,
             efficiency: float | None, context: int, batch: int,
             weights_gb: float, recompute: str = "selective"
             ) -> runtime_model.RuntimeEstimate | None:
    """The modelled runtime (None when the user's own hours make it moot)."""
    if efficiency is not None and not 0 < efficiency <= 1:
        raise UserError(f"efficiency {efficiency!r} must be in (0, 1]", "use an MFU such as 0.4")
    layers, hidden, _ = _shape(spec)
    tokens = _tokens(job.dataset)
    if method == "inference":
        kv = kv_cache_gb(spec, context, 1)
        return runtime_model.inference_runtime(job, spec, acc, count, weights_gb, kv, batch,
                                               context, layers, hidden, tokens, efficiency)
    return runtime_model.training_runtime(job, spec, acc, method, count, context, layers,
                                          hidden, tokens, efficiency, recompute)


def _tokens(dataset: DatasetSpec) -> float | None:
    if dataset.tokens:
        return float(dataset.tokens)
    if dataset.size_gb:
        return dataset.size_gb * 1e9 / BYTES_PER_TOKEN_TEXT
    return None


# ----------------------------------------------------------------------------- LLM tool
def size_job(model: str, accelerator: str, kind: str = "inference", method: str = "",
             precision: str = "", context_tokens: int = DEFAULT_CONTEXT_TOKENS,
             batch_size: int = 1, dataset_tokens: float = 0.0, gpu_hours: float = 0.0,
             max_gpus_per_node: int = 8) -> dict:
    """Size an ML job on a GPU model: precision or quantised variant, GPU count, memory, runtime.

    Args:
        model: model name, e.g. 'Llama-3-70B', 'Mixtral-8x7B' or any 'Name-13B'.
        accelerator: GPU / TPU model, e.g. 'H100', 'L40S', 'RTX4090'.
        kind: 'inference', 'batch-inference', 'eval', 'train' or 'fine-tune'.
        method: for training: 'full', 'lora' or 'qlora' (empty: full).
        precision: force a weight precision ('bf16', 'fp16', 'int8', 'int4'); empty: choose.
        context_tokens: context length (inference) or sequence length (training).
        batch_size: concurrent sequences (inference) or micro-batch per GPU (training).
        dataset_tokens: tokens processed, for the runtime estimate (0: unknown).
        gpu_hours: GPU-hours the user states, used for runtime instead of FLOPs (0: none).
        max_gpus_per_node: GPUs in one node (tensor parallelism stays within a node).

    Returns:
        The plan as a dict (see `SizingPlan`).
    """
    try:
        job = JobSpec.model_validate({
            "kind": kind, "method": method or None, "context_tokens": context_tokens,
            "batch_size": batch_size, "gpu_hours": gpu_hours or None,
            "model": {"name": model, "precision": precision or None},
            "dataset": {"tokens": int(dataset_tokens) if dataset_tokens else None}})
    except ValidationError as exc:
        bad = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise UserError(f"invalid sizing request: {bad}", "fix the values named above") from exc
    return plan(job, accelerator, max_gpus_per_node).model_dump()

