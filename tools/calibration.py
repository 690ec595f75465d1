"""Every constant of the runtime and node-power models, in one place, each with its source.

Calibration figures are in `../shared/design/references.md` (MLPerf Training v4.0/v4.1/v5.0
results, MLPerf Training v4.0 Power, Dubey et al. 2024, Touvron et al. 2023, Luccioni et
al. 2022); `tests/references/` turns each into a JobSpec and asserts a ratio band, so any
change here shows there. "Assumption" marks a value no measurement here pins down.

Efficiencies are shares of the peak dense throughput *of the precision the job computes
in* (BF16 peak from `data/accelerators.csv`, FP8 peak below), for one 8-GPU node; the
scaling curve takes them to larger counts.
"""

from __future__ import annotations

from typing import Literal

Phase = Literal["pretrain", "full", "lora", "qlora", "prefill", "decode"]
ComputePrecision = Literal["bf16", "fp8"]

# ----------------------------------------------------------------------------- precision
#: Dense FP8 tensor throughput per device, TFLOP/s (vendor datasheets: sparse figure / 2).
#: Accelerators missing here cannot compute in FP8 (V100, A100, T4, TPUs...).
PEAK_TFLOPS_FP8: dict[str, float] = {
    "H100": 1978.9,        # NVIDIA H100 SXM datasheet: FP8 3,958 TFLOPS with sparsity
    "H200": 1978.9,        # NVIDIA H200 SXM datasheet: FP8 3,958 TFLOPS with sparsity
    "GH200": 1978.9,       # NVIDIA GH200 datasheet: H100-class GPU
    "B200": 4500.0,        # NVIDIA HGX B200: 72 PFLOPS FP8 sparse for 8 GPUs
    "B300": 4500.0,        # NVIDIA HGX B300: dense FP8 as B200 (FP4 is what grew)
    "L40S": 733.0,         # NVIDIA L40S datasheet: FP8 1,466 TFLOPS with sparsity
    "L40": 362.0,          # NVIDIA L40 datasheet: FP8 724 TFLOPS with sparsity
    "L4": 242.5,           # NVIDIA L4 datasheet: FP8 485 TFLOPS with sparsity
    "RTX6000-Ada": 728.5,  # NVIDIA RTX 6000 Ada datasheet: FP8 1,457 TFLOPS with sparsity
    "RTX4090": 330.3,      # NVIDIA Ada whitepaper: FP8 660.6 TFLOPS with sparsity
    "RTX5090": 419.0,      # NVIDIA Blackwell whitepaper: FP8 838 TFLOPS with sparsity
    "MI300X": 2614.9,      # AMD Instinct MI300X datasheet: FP8 2,614.9 TFLOPS dense
}
#: Memory bandwidth per device, TB/s (vendor datasheets); decode reads weights + KV cache.
MEMORY_BANDWIDTH_TBS: dict[str, float] = {
    "H100": 3.35, "H200": 4.8, "GH200": 4.0, "B200": 8.0, "B300": 8.0, "A100-80GB": 2.039,
    "A100": 1.555, "A10": 0.6, "A10G": 0.6, "A40": 0.696, "A6000": 0.768, "RTX6000": 0.672,
    "RTX6000-Ada": 0.96, "L40S": 0.864, "L40": 0.864, "L4": 0.3, "T4": 0.32, "V100": 0.9,
    "V100-32GB": 0.9, "P100": 0.732, "P4": 0.192, "M60": 0.16, "MI300X": 5.3, "MI25": 0.484,
    "RTX5090": 1.792, "RTX4090": 1.008, "RTX3090": 0.936, "RTX3080": 0.76,
    "TPU-v6e": 1.64, "TPU-v5p": 2.765, "TPU-v5e": 0.819, "TPU-v4": 1.2, "TPU-v3": 0.9,
    "TPU-v2": 0.7, "Inferentia2": 0.82,
}
#: Share of the memory bandwidth decode reaches (vLLM / TensorRT-LLM decode benchmarks reach
#: 70-85 % of HBM bandwidth at small batch; assumption within that range). Checked against
#: TensorRT-LLM's published throughput table (docs/source/performance.md, v0.6.1, H100 FP8
#: with FP8 KV cache, A100 FP16): `tests/references` holds the decode-bound Llama-2-7B
#: rows to +-25 % (the KV cache is read at its mean length over the decode, prompt +
#: output / 2; at the full length the long-output rows were 0.58x).
DECODE_BANDWIDTH_EFFICIENCY = 0.75

# ----------------------------------------------------------------------------- efficiency
#: Model-FLOPs utilisation on one 8-GPU node, by phase and compute precision.
#: - pretrain bf16 0.49: Llama 3 405B on 16,384 H100 reached 0.38-0.43 (Dubey et al. 2024,
#:   Table 4) and Llama 2 70B ~0.43-0.45 on A100 (Touvron et al. 2023, GPU-hours / FLOPs);
#:   divided by the scaling curve at those counts (0.82 at 16k GPUs).
#: - pretrain fp8 0.49 of the FP8 peak: MLPerf Training v4.1 GPT-3 175B on 512 x H100
#:   (51.0 min) implies 0.42-0.44 of the FP8 peak at 512 GPUs; / the curve (0.89 at 512).
#:   MLPerf submissions are tuned; ordinary FP8 jobs sit lower (FP8 speed-up 1.3-1.6x).
#: - lora fp8 0.32: MLPerf Training v4.0 llama2_70b_lora on 8 x H100, 28.07 min of which
#:   ~11.5 % eval: training alone reaches 0.63 of the BF16 peak = 0.32 of the FP8 peak.
#: - lora bf16 0.42: the FP8 figure over a 1.5x FP8 speed-up (assumption; NVIDIA
#:   Transformer Engine reports 1.3-1.6x on Hopper).
#: - full fine-tune: as LoRA in BF16 less optimizer-step and weight-gradient overhead on
#:   short runs (assumption, 0.40 / 0.30).
#: - qlora 0.25: 4-bit base weights are de-quantised every step; QLoRA runs ~0.6x LoRA's
#:   speed (Dettmers et al. 2023 report slower steps; assumption).
#: - prefill 0.45 / 0.35: compute-bound batched prompt processing (assumption, between
#:   training MFU and the 0.25 the previous single figure used).
MFU: dict[Phase, dict[ComputePrecision, float]] = {
    "pretrain": {"bf16": 0.49, "fp8": 0.49},
    "full": {"bf16": 0.40, "fp8": 0.30},
    "lora": {"bf16": 0.42, "fp8": 0.32},
    "qlora": {"bf16": 0.25, "fp8": 0.25},
    "prefill": {"bf16": 0.45, "fp8": 0.35},
    "decode": {"bf16": 0.45, "fp8": 0.35},  # only bounds decode when it is compute-bound
}
#: GPUs one node holds; within it, NVLink keeps scaling at 1.0 (folded into MFU above).
SCALING_BASE_GPUS = 8
#: Scaling efficiency = 1 / (1 + alpha x log2(GPUs / 8)) beyond one node.
#: - fine-tuning (full, LoRA, QLoRA): fixed global batch (strong scaling); MLPerf Training
#:   llama2_70b_lora: 64 x H100 give ~5.4x the 8 x H100 speed -> 1 / (1 + 3 alpha) = 0.675,
#:   alpha = 0.16.
#: - pre-training: the global batch grows with data parallelism (weak scaling); Llama 3
#:   405B lost ~7 % of MFU from 8k to 16k GPUs (Dubey et al. 2024, Table 4); alpha = 0.02
#:   gives 0.89 at 512 GPUs and 0.82 at 16,384.
#: - inference: replicas are independent (alpha = 0).
SCALING_ALPHA: dict[Phase, float] = {
    "pretrain": 0.02, "full": 0.16, "lora": 0.16, "qlora": 0.16, "prefill": 0.0, "decode": 0.0,
}
#: Wall time spent on evaluation and checkpoints, as a share of training time.
#: - lora 0.13: MLPerf llama2_70b_lora spends ~11.5 % of its wall time on evaluation
#:   (0.115 / 0.885 = 0.13 of the training time).
#: - pretrain 0.03: checkpoint writes and periodic evals of large runs (assumption; the
#:   failures and restarts of long runs are the goodput term below, not this share).
#: - full fine-tune 0.05 (assumption: evals every few hundred steps).
OVERHEAD_SHARE: dict[Phase, float] = {
    "pretrain": 0.03, "full": 0.05, "lora": 0.13, "qlora": 0.13, "prefill": 0.0, "decode": 0.0,
}
#: Full activation recomputation runs every layer's forward pass again during the backward
#: pass: one more forward of compute (dense 2 FLOPs per parameter per token, attention one
#: more forward), i.e. x4/3 for pre-training / full fine-tuning, x1.5 for LoRA. Korthikanti
#: et al. 2022 ("Reducing Activation Recomputation in Large Transformer Models", Table 4)
#: measure 33-39 % step-time overhead for full recomputation; BigScience's BLOOM run
#: (`bigscience/train/tr11-176B-ml/README.md`, "Throughput") ran with DeepSpeed activation
#: checkpointing and reports *hardware* TFLOPs with the 4 x 2 (not 3 x 2) coefficient.
#: Selective recomputation (flash attention re-derives only attention internals) costs
#: nothing extra in this model.
RECOMPUTE_EXTRA_FORWARDS = 1.0

# ----------------------------------------------------------------------------- goodput
#: Interruptions of a synchronous training job per GPU-hour: Llama 3 405B pre-training saw
#: 466 job interruptions (419 unexpected, 47 planned) in a 54-day snapshot on 16,384 H100s
#: (Dubey et al. 2024, section 3.3.4, Table 5). Cross-check: OPT-175B on 992 A100s reports at
#: least 35 manual restarts in ~2 months (Zhang et al. 2022, section 2.5): ~2.4e-5.
INTERRUPTIONS_PER_GPU_HOUR = 466 / (16_384 * 54 * 24)
#: Wall hours one interruption costs (restart, re-scheduling, steps redone since the last
#: checkpoint). Dubey et al. report "higher than 90 % effective training time" over those
#: 466 interruptions: at most 10 % lost, of which the eval/checkpoint share below takes 3 %,
#: leaving 7 % of 1,296 h over 466 interruptions = 0.195 h (12 min) each.
LOST_HOURS_PER_INTERRUPTION = (0.10 - 0.03) * 54 * 24 / 466
#: The lost share never exceeds this (a job that loses more would not run synchronously).
GOODPUT_LOSS_MAX = 0.5

#: Generated tokens as a share of an inference job's tokens (prompt + output) when the job
#: does not say (assumption: batch generation with long prompts, ~4:1 prompt to output).
INFERENCE_OUTPUT_SHARE = 0.2
#: Dense FLOPs per parameter per token: forward 2; training forward + backward 6; LoRA
#: skips the frozen weights' gradients (forward 2 + activation gradients 2) = 4.
FLOPS_PER_PARAM_TOKEN: dict[Phase, float] = {
    "pretrain": 6.0, "full": 6.0, "lora": 4.0, "qlora": 4.0, "prefill": 2.0, "decode": 2.0,
}
#: Causal attention FLOPs per token per layer = this x sequence x hidden (forward: QK^T and
#: AV at 2 FLOPs per multiply-add, halved by the causal mask; PaLM appendix B convention).
ATTENTION_FWD_FLOPS_PER_SEQ_HIDDEN = 2.0
#: Relative uncertainty of a modelled runtime, used for the energy range: the reference
#: bands the model is held to (15 % on MLPerf LoRA and the Llama 2 GPU-hours).
RUNTIME_UNCERTAINTY = 0.15

# ----------------------------------------------------------------------------- LoRA
#: LoRA defaults (Hu et al. 2021; MLPerf llama2_70b_lora uses rank 16): rank 16 adapters on
#: every linear layer of every block (attention q, k, v, o and the MLP projections).
LORA_RANK = 16
#: MLP projections per block: 3 for gated (SwiGLU) MLPs (Llama, Mistral, Qwen, Gemma).
MLP_PROJECTIONS = 3

# ----------------------------------------------------------------------------- power
#: Mean GPU draw while the job runs, as a share of board power (TDP), by phase.
#: Calibrated on MLPerf Training v4.0 Power (Sustainable Metal Cloud, immersion-cooled, no
#: fans): llama2_70b_lora on 8 x H100 drew 7.16 kW at the wall and GPT-3 6.85 kW per node;
#: with the host share below that gives 0.92 (644 W) for LoRA and 0.865 (606 W) for
#: pre-training: fine-tuning does not draw less than pre-training. Inference (assumption):
#: prefill-heavy batches 0.75, decode-bound serving 0.55.
GPU_DRAW_SHARE: dict[Phase, float] = {
    "pretrain": 0.865, "full": 0.92, "lora": 0.92, "qlora": 0.92, "prefill": 0.75,
    "decode": 0.55,
}
#: Host CPUs, memory, NICs, NVSwitch and storage, as a share of the GPUs' board power.
#: 0.36 of 8 x 700 W = 2.0 kW per HGX H100 node, the value that fits both MLPerf Power
#: figures above; references.md gives 1.3-2 kW (30-45 % over GPU power) from Latif et al.
#: (arXiv 2412.08602) and Newkirk et al. (arXiv 2506.14551).
HOST_SHARE_OF_GPU_TDP = 0.36
HOST_SHARE_RANGE = (0.26, 0.45)
#: A host never draws less than this per GPU (small 1-2 GPU servers; assumption).
HOST_MIN_KW_PER_GPU = 0.1
#: Fans of an air-cooled node, share of the GPUs' board power: the gap between the
#: immersion-cooled MLPerf node (7.16 kW) and air-cooled 8 x H100 nodes under heavy load
#: (7.75 kW, Newkirk et al.; up to 8.4 kW, Latif et al.). Central 0.06, range 0-0.12.
FAN_SHARE: dict[str, float] = {"air": 0.06, "immersion": 0.0, "liquid": 0.02}
FAN_SHARE_RANGE = (0.0, 0.12)
#: GPU draw uncertainty (relative, either way), capped at the board power.
GPU_DRAW_UNCERTAINTY = 0.07
