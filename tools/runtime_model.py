"""Runtime of a sized job: work (FLOPs, bytes) over sustained throughput, plus overheads.

    training  = FLOPs x recompute / (GPUs x peak[precision] x MFU[phase, precision]
                x scaling(GPUs)) x (1 + eval/checkpoint share) / (1 - lost to interruptions)
    inference = prefill FLOPs / (GPUs x peak x MFU)
                + decode steps x max(bytes read / bandwidth, FLOPs / compute)

FLOPs count the dense matmuls (2 / 6 / 4 per parameter per token for forward / training /
LoRA) plus causal attention (PaLM convention). Every constant is in `tools.calibration`,
with its source; `tests/references/` holds the model to the published runs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from gridwise.errors import UserError
from gridwise.models import Accelerator, JobSpec, ModelSpec
from tools import calibration as cal
from tools.calibration import ComputePrecision, Phase

FP8_CAPABLE_HINT = ("use precision bf16 (fp16 on pre-Ampere GPUs), or an FP8-capable GPU: "
                    + ", ".join(sorted(cal.PEAK_TFLOPS_FP8)))


@dataclass
class RuntimeEstimate:
    """Runtime hours and how they were reached (every factor, for the explanation)."""

    flops: float | None
    precision: ComputePrecision
    phase: Phase
    efficiency: float
    scaling: float
    overhead_share: float
    runtime_h: float | None
    basis: str
    notes: list[str] = field(default_factory=list)
    recompute: str = "selective"
    goodput_loss: float = 0.0


def training_phase(job: JobSpec, method: str) -> Phase:
    """The calibration phase of a training job: pre-train, full fine-tune, LoRA or QLoRA."""
    if method in ("lora", "qlora"):
        return method  # type: ignore[return-value]
    return "pretrain" if job.kind == "train" else "full"


def power_phase(job: JobSpec, method: str) -> Phase:
    """The phase whose GPU draw the power model uses for the whole job."""
    if method == "inference":
        return "decode" if job.kind == "inference" else "prefill"
    return training_phase(job, method)


def compute_precision(job: JobSpec, acc: Accelerator, method: str) -> ComputePrecision:
    """FP8 where the job asks for it and the accelerator has FP8 tensor cores, else BF16.

    Raises:
        UserError: the job asks for FP8 on an accelerator without FP8 (never silently BF16).
    """
    if job.model.precision != "fp8":
        return "bf16"
    if acc.name not in cal.PEAK_TFLOPS_FP8:
        raise UserError(f"{acc.name} cannot compute in FP8 (precision 'fp8' was asked for)",
                        FP8_CAPABLE_HINT)
    if method == "qlora":
        raise UserError("QLoRA trains on a 4-bit base de-quantised to BF16: 'fp8' does not apply",
                        "drop the precision, or use method 'lora' with precision 'fp8'")
    return "fp8"


def peak_tflops(acc: Accelerator, precision: ComputePrecision) -> float | None:
    """Dense peak TFLOP/s of `acc` in `precision` (None: not published)."""
    if precision == "fp8":
        return cal.PEAK_TFLOPS_FP8.get(acc.name)
    return acc.peak_tflops_bf16


def scaling_efficiency(gpus: float, phase: Phase) -> float:
    """Share of linear speed-up kept at `gpus` (1.0 within one node)."""
    doublings = max(0.0, math.log2(max(gpus, 1.0) / cal.SCALING_BASE_GPUS))
    return 1.0 / (1.0 + cal.SCALING_ALPHA[phase] * doublings)


def goodput_loss(gpus: float, phase: Phase) -> float:
    """Share of a training job's wall time lost to interruptions on `gpus` GPUs.

    Interruptions arrive per GPU-hour, so a synchronous job on N GPUs loses
    N x rate x hours-per-interruption of its wall time (7 % at Llama 3's 16,384 GPUs,
    0.3 % on 512); inference replicas restart alone (0).
    """
    if phase in ("prefill", "decode"):
        return 0.0
    lost = gpus * cal.INTERRUPTIONS_PER_GPU_HOUR * cal.LOST_HOURS_PER_INTERRUPTION
    return min(lost, cal.GOODPUT_LOSS_MAX)


def rescale(runtime_h: float, from_gpus: float, to_gpus: float, phase: Phase | None) -> float:
    """A runtime on `from_gpus` moved to `to_gpus` along the scaling and goodput curves."""
    if phase is None:
        return runtime_h * from_gpus / to_gpus
    return (runtime_h * from_gpus / to_gpus
            * scaling_efficiency(from_gpus, phase) / scaling_efficiency(to_gpus, phase)
            * (1 - goodput_loss(from_gpus, phase)) / (1 - goodput_loss(to_gpus, phase)))


def describe(phase: Phase, precision: str, efficiency: float, gpus: float,
             recompute: str = "selective") -> str:
    """'lora fp8: MFU 0.32 x scaling 1.00 at 8 GPUs, +13% eval/checkpoint, ...'."""
    text = (f"{phase} {precision}: MFU {efficiency:.2f} x scaling "
            f"{scaling_efficiency(gpus, phase):.2f} at {gpus:g} GPUs, "
            f"+{cal.OVERHEAD_SHARE[phase]:.0%} eval/checkpoint")
    if recompute == "full" and phase not in ("prefill", "decode"):
        text += ", full activation recompute (+1 forward pass)"
    lost = goodput_loss(gpus, phase)
    if lost >= 0.0005:
        text += f", {lost:.1%} of wall time lost to interruptions"
    return text


def flops_per_token(spec: ModelSpec, phase: Phase, seq: int, layers: int, hidden: int) -> float:
    """Dense + causal-attention FLOPs per token of a phase."""
    n_active = (spec.active_params_b or spec.params_b or 0.0) * 1e9
    attention_fwd = cal.ATTENTION_FWD_FLOPS_PER_SEQ_HIDDEN * layers * seq * hidden
    passes = 1.0 if phase in ("prefill", "decode") else 3.0  # backward = 2 x forward
    return cal.FLOPS_PER_PARAM_TOKEN[phase] * n_active + passes * attention_fwd


def training_runtime(job: JobSpec, spec: ModelSpec, acc: Accelerator, method: str,
                     gpus: int, seq: int, layers: int, hidden: int, tokens: float | None,
                     efficiency: float | None = None,
                     recompute: str = "selective") -> RuntimeEstimate:
    """Runtime of a training job (pre-train, full fine-tune, LoRA, QLoRA) on `gpus` GPUs.

    `recompute` is the activation recomputation the plan needs ('selective' or 'full').
    """
    phase = training_phase(job, method)
    precision = compute_precision(job, acc, method)
    eff = efficiency if efficiency is not None else cal.MFU[phase][precision]
    scale = scaling_efficiency(gpus, phase)
    overhead = cal.OVERHEAD_SHARE[phase]
    lost = goodput_loss(gpus, phase)
    est = RuntimeEstimate(job.flops, precision, phase, eff, scale, overhead, None,
                          describe(phase, precision, eff, gpus, recompute),
                          recompute=recompute, goodput_loss=lost)
    flops = job.flops
    if flops is None:
        if tokens is None:
            est.notes.append("runtime unknown: give dataset tokens or size, FLOPs, GPU-hours "
                             "or hours")
            return est
        flops = flops_per_token(spec, phase, seq, layers, hidden) * tokens
    est.flops = flops
    peak = peak_tflops(acc, precision)
    if not peak:
        est.notes.append(f"runtime unknown: no peak {precision.upper()} TFLOPs for {acc.name}")
        return est
    if recompute == "full":  # one more forward pass of every layer, in the backward pass
        flops *= 1 + cal.RECOMPUTE_EXTRA_FORWARDS * (
            flops_per_token(spec, "prefill", seq, layers, hidden)
            / flops_per_token(spec, phase, seq, layers, hidden))
    seconds = flops / (gpus * peak * 1e12 * eff * scale)
    est.runtime_h = seconds * (1 + overhead) / (1 - lost) / 3600
    if precision == "bf16" and acc.name in cal.PEAK_TFLOPS_FP8 and method != "qlora":
        fp8 = cal.MFU[phase]["fp8"] * cal.PEAK_TFLOPS_FP8[acc.name] / (eff * peak)
        est.notes.append(f"BF16 compute assumed; FP8 on {acc.name} would be ~{fp8:.1f}x "
                         "faster (set model.precision: fp8)")
    return est


def inference_runtime(job: JobSpec, spec: ModelSpec, acc: Accelerator, gpus: int,
                      weight_gb: float, kv_gb_per_seq: float, batch: int, seq: int,
                      layers: int, hidden: int, tokens: float | None,
                      efficiency: float | None = None,
                      output_share: float | None = None) -> RuntimeEstimate:
    """Runtime of an inference job: compute-bound prefill, bandwidth-bound decode.

    `kv_gb_per_seq` is one sequence's KV cache at the full `seq` tokens; a decode step
    reads the cache as long as it is then, on average the prompt plus half the output.
    `output_share`: generated tokens / all tokens (default `INFERENCE_OUTPUT_SHARE`).
    """
    share = cal.INFERENCE_OUTPUT_SHARE if output_share is None else output_share
    precision = compute_precision(job, acc, "inference")
    eff = efficiency if efficiency is not None else cal.MFU["prefill"][precision]
    est = RuntimeEstimate(job.flops, precision, "prefill", eff, 1.0, 0.0, None,
                          f"prefill {precision} MFU {eff:.2f}; decode at "
                          f"{cal.DECODE_BANDWIDTH_EFFICIENCY:.0%} of memory bandwidth, "
                          f"{batch} sequence(s) per step; output "
                          f"{share:.0%} of tokens")
    if tokens is None:
        if job.flops is None:
            est.notes.append("runtime unknown: give dataset tokens or size, FLOPs, GPU-hours "
                             "or hours")
            return est
        tokens = job.flops / flops_per_token(spec, "prefill", seq, layers, hidden)
    peak = peak_tflops(acc, precision)
    bandwidth = cal.MEMORY_BANDWIDTH_TBS.get(acc.name)
    if not peak or not bandwidth:
        est.notes.append(f"runtime unknown: no peak TFLOPs or memory bandwidth for {acc.name}")
        return est
    per_token = flops_per_token(spec, "prefill", seq, layers, hidden)
    output = tokens * share
    prompt = tokens - output
    est.flops = per_token * tokens
    compute = gpus * peak * 1e12
    prefill_s = per_token * prompt / (compute * eff)
    # each decode step reads every weight once and each sequence's KV cache, which grows
    # from the prompt to the full sequence: on average prompt + output / 2
    step_bytes = (weight_gb + kv_gb_per_seq * (1 - share / 2) * batch) * 2**30
    step_s = max(step_bytes / (gpus * bandwidth * 1e12 * cal.DECODE_BANDWIDTH_EFFICIENCY),
                 per_token * batch / (compute * cal.MFU["decode"][precision]))
    decode_s = math.ceil(output / batch) * step_s
    est.runtime_h = (prefill_s + decode_s) / 3600
    est.notes.append(f"inference: prefill {prefill_s / 3600:.3g} h, decode {decode_s / 3600:.3g} h")
    return est
