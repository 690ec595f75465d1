"""Sizing: memory, fit, tensor-parallel degree, quantised variant and runtime of a job.

Memory is in GB meaning GiB (2**30 bytes), the unit GPU vendors use for device memory
("80 GB" H100 = 80 GiB), so model bytes and `Accelerator.memory_gb` compare directly.
Every constant below is named, documented and overridable by argument.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, Field, ValidationError

from gridwise.accelerators import get_accelerator
from gridwise.errors import UserError
from gridwise.models import Accelerator, DatasetSpec, JobSpec, ModelSpec
from tools.model_table import _complete, _params_b, _shape, load_models, resolve_model

__all__ = [
    "SizingPlan", "fits", "kv_cache_gb", "load_models", "plan", "resolve_model", "size_job",
    "tp_degree", "weight_gb",
]

GIB = 2**30

BYTES_PER_PARAM: dict[str, float] = {
    "fp32": 4.0, "bf16": 2.0, "fp16": 2.0, "fp8": 1.0, "int8": 1.0, "int4": 0.5,
}
#: Extra weight memory of quantised formats, as a fraction of the quantised weights:
#: int8 per-channel scales (~2 %); int4 group-wise (group 128) fp16 scales + zeros (~6 %)
#: plus embeddings / norms kept in 16 bit (~4 %).
QUANT_OVERHEAD_FRACTION: dict[str, float] = {"int8": 0.02, "int4": 0.10}
#: Full mixed-precision Adam training, bytes per parameter: bf16 weights 2 + bf16 grads 2
#: + fp32 master weights 4 + fp32 Adam first and second moments 8 (ZeRO paper, Rajbhandari 2020).
FULL_TRAINING_BYTES_PER_PARAM = 16.0
#: LoRA adapter size as a fraction of the base parameters (rank 16 on all linear layers).
LORA_TRAINABLE_FRACTION = 0.01
#: Adapter parameters are trained like full training (weights, grads, Adam, master).
LORA_ADAPTER_BYTES_PER_PARAM = FULL_TRAINING_BYTES_PER_PARAM
#: Per-GPU runtime memory not counted elsewhere: CUDA context, cuBLAS workspace, NCCL buffers.
RUNTIME_OVERHEAD_GB_PER_GPU = 1.0
#: Fraction of each GPU's memory a plan may fill; the rest absorbs allocator fragmentation.
GPU_HEADROOM = 0.95
DEFAULT_CONTEXT_TOKENS = 4096
DEFAULT_BATCH_SIZE = 1
DEFAULT_TRAIN_SEQ_LEN = 2048
DEFAULT_TRAIN_MICRO_BATCH = 1
#: Training activations with full activation checkpointing (Korthikanti et al. 2022, with
#: flash attention): each layer keeps its 16-bit input (2 bytes per token x hidden) and the
#: layer being recomputed holds 34 bytes per token x hidden.
ACT_CHECKPOINT_BYTES_PER_LAYER = 2.0
ACT_RECOMPUTE_BYTES = 34.0
#: Inference workspace during prefill, bytes per token x hidden (MLP intermediate, attention).
INFERENCE_ACT_BYTES = 16.0
#: Dense FLOPs per parameter per token: forward 2, backward 4 (training); LoRA skips weight
#: gradients of the frozen base (forward 2 + activation gradients 2).
TRAIN_FLOPS_PER_PARAM_TOKEN = 6.0
LORA_FLOPS_PER_PARAM_TOKEN = 4.0
INFERENCE_FLOPS_PER_PARAM_TOKEN = 2.0
#: Default model-FLOPs utilisation (share of peak dense bf16 reached on real jobs).
MFU_TRAINING = 0.35
MFU_INFERENCE = 0.25
#: Bytes of raw text per token for BPE tokenizers on English text.
BYTES_PER_TOKEN_TEXT = 4.0
#: Full precision is kept while it fits a tensor-parallel group of at most this many GPUs;
#: beyond it (when the workload allows) the variant needing the fewest GPUs wins, ties going
#: to higher precision, because each extra GPU costs more than weight-only 8/4-bit loses.
QUANTISE_ABOVE_TP = 4
#: Full training may shard (FSDP / ZeRO-3) across up to this many nodes.
MAX_TRAINING_NODES = 16
#: Sanity limits; larger inputs are typos (e.g. a dataset size given as the batch size).
MAX_CONTEXT_TOKENS = 10_000_000
MAX_BATCH_SIZE = 100_000

INFERENCE_KINDS = {"inference", "batch-inference", "eval"}
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
    flops: float | None = None
    efficiency: float | None = None
    runtime_h: float | None = None
    notes: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class _Footprint:
    """Memory of a job: the part split across GPUs and the part every GPU holds."""

    sharded_gb: dict[str, float]
    per_gpu_gb: dict[str, float]

    def per_gpu_need(self, n: int) -> float:
        return sum(self.sharded_gb.values()) / n + sum(self.per_gpu_gb.values())

    def total(self, n: int) -> float:
        return sum(self.sharded_gb.values()) + n * sum(self.per_gpu_gb.values())


# ----------------------------------------------------------------------------- memory
def weight_gb(params_b: float, precision: str) -> float:
    """Weight memory (GB) at a precision, quantisation scales included."""
    per_param = BYTES_PER_PARAM[precision] * (1 + QUANT_OVERHEAD_FRACTION.get(precision, 0.0))
    return params_b * 1e9 * per_param / GIB


def kv_cache_gb(spec: ModelSpec, context_tokens: int, batch_size: int,
                kv_bytes: float = 2.0) -> float:
    """KV cache: 2 (K and V) x layers x kv_heads x head_dim x context x batch x bytes.

    kv_heads x head_dim = hidden x (kv_heads / heads), so GQA models need a fraction of MHA.
    """
    layers, hidden, ratio = _shape(spec)
    return 2 * layers * hidden * ratio * context_tokens * batch_size * kv_bytes / GIB


def _footprint(spec: ModelSpec, method: str, precision: str, context: int, batch: int,
               overhead_gb: float) -> _Footprint:
    layers, hidden, _ = _shape(spec)
    if method == "inference":
        act = batch * context * hidden * INFERENCE_ACT_BYTES / GIB
        return _Footprint(
            {"weights": weight_gb(_params_b(spec), precision),
             "kv_cache": kv_cache_gb(spec, context, batch)},
            {"activations": act, "runtime_overhead": overhead_gb})
    act = batch * context * hidden * (ACT_CHECKPOINT_BYTES_PER_LAYER * layers + ACT_RECOMPUTE_BYTES)
    per_gpu = {"activations": act / GIB, "runtime_overhead": overhead_gb}
    params = _params_b(spec) * 1e9
    if method == "full":
        return _Footprint({"weights_grads_optimizer": params * FULL_TRAINING_BYTES_PER_PARAM / GIB},
                          per_gpu)
    adapters = params * LORA_TRAINABLE_FRACTION * LORA_ADAPTER_BYTES_PER_PARAM / GIB
    return _Footprint({"frozen_weights": weight_gb(_params_b(spec), precision),
                       "lora_adapters": adapters}, per_gpu)


def fits(need_per_gpu_gb: float, accelerator: Accelerator, headroom: float = GPU_HEADROOM) -> bool:
    """Whether a per-GPU memory need fits one device, keeping `1 - headroom` free."""
    return need_per_gpu_gb <= accelerator.memory_gb * headroom


def tp_degree(footprint: _Footprint, accelerator: Accelerator, max_gpus: int,
              headroom: float = GPU_HEADROOM) -> int | None:
    """Smallest power of two GPUs (<= max_gpus) whose memory holds the job, else None."""
    n = 1
    while n <= max_gpus:
        if fits(footprint.per_gpu_need(n), accelerator, headroom):
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


def plan(job: JobSpec, accelerator: Accelerator | str, max_gpus_per_node: int = 8, *,
         headroom: float = GPU_HEADROOM, overhead_gb: float = RUNTIME_OVERHEAD_GB_PER_GPU,
         quantise_above_tp: int = QUANTISE_ABOVE_TP, efficiency: float | None = None,
         max_training_nodes: int = MAX_TRAINING_NODES) -> SizingPlan:
    """Size a job on one accelerator model: precision/variant, GPUs, memory and runtime.

    Full precision is kept while it fits `quantise_above_tp` GPUs; otherwise a quantised
    variant is chosen only where the workload allows it (inference; QLoRA trains a 4-bit
    base by definition). Full training that outgrows a node is sharded across nodes.

    Raises:
        UserError: bad numbers, or the job fits nowhere (the hint says what to relax).
        UnknownNameError: unknown model or accelerator (with close names).
    """
    acc = get_accelerator(accelerator) if isinstance(accelerator, str) else accelerator
    _check_job(job, max_gpus_per_node)
    spec = _complete(job.model)
    method = _method(job)
    infer = method == "inference"
    context = job.context_tokens or (DEFAULT_CONTEXT_TOKENS if infer else DEFAULT_TRAIN_SEQ_LEN)
    batch = job.batch_size or (DEFAULT_BATCH_SIZE if infer else DEFAULT_TRAIN_MICRO_BATCH)
    notes: list[str] = []
    options: list[tuple[str, _Footprint, int | None]] = []
    for precision in _candidates(job, method, acc):
        fp = _footprint(spec, method, precision, context, batch, overhead_gb)
        options.append((precision, fp, tp_degree(fp, acc, max_gpus_per_node, headroom)))
    full_prec, full_fp, full_tp = options[0]
    fitting = [(p, f, t) for p, f, t in options if t is not None]
    usable = acc.memory_gb * headroom
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
    elif method == "full":
        precision, fp = full_prec, full_fp
        per_node = max_gpus_per_node
        while nodes <= max_training_nodes and not fits(fp.per_gpu_need(per_node * nodes), acc,
                                                         headroom):
            nodes += 1
        if nodes > max_training_nodes:
            raise _fits_nowhere(spec, method, acc, max_gpus_per_node, fp, nodes - 1)
        tp = per_node
        notes.append(f"sharded (FSDP / ZeRO-3) over {nodes} nodes of {per_node} x {acc.name}")
    else:
        raise _fits_nowhere(spec, method, acc, max_gpus_per_node, options[-1][1], 1)
    count = tp * nodes
    need = fp.per_gpu_need(count)
    if tp > 1 and nodes == 1:
        notes.append(f"{precision} needs {fp.total(1):.1f} GB on one GPU, more than one "
                     f"{acc.name} holds ({usable:.1f} GB usable): tensor-parallel over {tp} GPUs")
    for alt_prec, _, alt_tp in options[1:]:
        if alt_prec != precision and alt_tp is not None and alt_tp < tp:
            notes.append(f"alternative: {alt_prec} fits on {alt_tp} GPU(s)")
    if method == "lora" and tp > 1:
        notes.append("QLoRA (4-bit base) would need less memory")
    memory = {k: round(v, 3) for k, v in fp.sharded_gb.items()}
    memory.update({k: round(v * count, 3) for k, v in fp.per_gpu_gb.items()})
    flops, eff, runtime = _runtime(job, spec, method, acc, count, efficiency, notes)
    return SizingPlan(
        accelerator=acc.name, model=spec.name, method=method, precision=precision,
        variant=precision if precision in QUANT_OVERHEAD_FRACTION else None,
        count=count, tp_degree=tp, nodes=nodes, per_gpu_gb_needed=round(need, 3),
        per_gpu_gb_usable=round(usable, 3), total_gb_needed=round(fp.total(count), 3),
        fits=True, memory_gb=memory, flops=flops, efficiency=eff, runtime_h=runtime, notes=notes)


def _fits_nowhere(spec: ModelSpec, method: str, acc: Accelerator, max_gpus: int,
                  smallest: _Footprint, nodes: int) -> UserError:
    need = smallest.per_gpu_need(max_gpus * nodes)
    what = {"inference": "even at int4", "lora": "with LoRA", "qlora": "with QLoRA",
            "full": "with full training"}[method]
    hint = {"inference": "use a larger-memory GPU (e.g. H200 / MI300X), allow more GPUs per "
                         "node, or shorten the context / batch",
            "lora": "use QLoRA (4-bit base), a larger-memory GPU, or more GPUs per node",
            "qlora": "use a larger-memory GPU, more GPUs per node, or a shorter sequence",
            "full": "use LoRA / QLoRA, a larger-memory GPU, or allow more nodes"}[method]
    return UserError(
        f"{spec.name or f'{spec.params_b:g}B model'} does not fit {what} on {nodes * max_gpus} x "
        f"{acc.name}: {need:.1f} GB per GPU needed, {acc.memory_gb * GPU_HEADROOM:.1f} GB usable",
        hint)


def _runtime(job: JobSpec, spec: ModelSpec, method: str, acc: Accelerator, count: int,
             efficiency: float | None, notes: list[str],
             ) -> tuple[float | None, float, float | None]:
    """(FLOPs, efficiency, runtime hours); the user's own figures win over derived ones."""
    eff = efficiency if efficiency is not None else (
        MFU_INFERENCE if method == "inference" else MFU_TRAINING)
    if not 0 < eff <= 1:
        raise UserError(f"efficiency {eff!r} must be in (0, 1]", "use an MFU such as 0.35")
    if job.duration_hours:
        return job.flops, eff, job.duration_hours
    if job.gpu_hours:
        notes.append("runtime = stated GPU-hours / GPUs (assumes they were on this GPU model)")
        return job.flops, eff, job.gpu_hours / count
    n_active = (spec.active_params_b or _params_b(spec)) * 1e9
    per_token = {"inference": INFERENCE_FLOPS_PER_PARAM_TOKEN, "full": TRAIN_FLOPS_PER_PARAM_TOKEN}
    flops = job.flops
    if flops is None:
        tokens = _tokens(job.dataset)
        if tokens is None:
            notes.append("runtime unknown: give dataset tokens or size, FLOPs, GPU-hours or hours")
            return None, eff, None
        flops = per_token.get(method, LORA_FLOPS_PER_PARAM_TOKEN) * n_active * tokens
    if not acc.peak_tflops_bf16:
        notes.append(f"runtime unknown: no peak TFLOPs published for {acc.name}")
        return flops, eff, None
    return flops, eff, flops / (count * acc.peak_tflops_bf16 * 1e12 * eff) / 3600


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

