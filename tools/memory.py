"""Memory of a job on N GPUs: weights, optimizer, adapters, KV cache and sharded activations.

Memory is in GB meaning GiB (2**30 bytes), the unit GPU vendors use for device memory.
Activations are sharded by the parallelism a plan chooses: tensor parallelism with
sequence parallelism inside a node (Korthikanti et al. 2022) and context parallelism
across nodes split every layer's activations; pipeline parallelism splits the layers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from gridwise.models import Accelerator, ModelSpec
from tools import calibration as cal
from tools.model_table import _params_b, _shape

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
#: Adapter parameters are trained like full training (weights, grads, Adam, master).
LORA_ADAPTER_BYTES_PER_PARAM = FULL_TRAINING_BYTES_PER_PARAM
#: Training activations with full activation checkpointing (Korthikanti et al. 2022, with
#: flash attention): each layer keeps its 16-bit input (2 bytes per token x hidden) and the
#: layer being recomputed holds 34 bytes per token x hidden.
ACT_CHECKPOINT_BYTES_PER_LAYER = 2.0
ACT_RECOMPUTE_BYTES = 34.0
#: Activations one layer keeps without full recomputation (selective recomputation with
#: sequence parallelism, Korthikanti et al. 2022 eq. 4 less the attention-score term that
#: flash attention never stores): 34 bytes per token x hidden, split by TP x CP. With a
#: 1F1B pipeline the first stage holds PP micro-batches in flight, so a GPU keeps its
#: layers x PP, about every layer's worth.
ACT_SELECTIVE_BYTES_PER_LAYER = 34.0
#: Inference workspace during prefill, bytes per token x hidden (MLP intermediate, attention).
INFERENCE_ACT_BYTES = 16.0
#: Context parallelism keeps at least this many tokens of a sequence per GPU.
MIN_TOKENS_PER_CP_RANK = 1024


@dataclass(frozen=True)
class Parallelism:
    """How N GPUs split one job: tensor x context x pipeline x data parallel."""

    tp: int = 1
    cp: int = 1
    pp: int = 1
    dp: int = 1

    def describe(self) -> str:
        """'TP 8 x CP 2 x PP 1 x DP 32'."""
        return f"TP {self.tp} x CP {self.cp} x PP {self.pp} x DP {self.dp}"


@dataclass(frozen=True)
class Footprint:
    """Memory of a job: split across GPUs, held by every GPU, and activations."""

    sharded_gb: dict[str, float]
    per_gpu_gb: dict[str, float]
    act_per_layer_gb: float = 0.0  # kept for every layer (sharded by TP x CP, layers by PP)
    act_working_gb: float = 0.0    # one layer's working set (sharded by TP x CP)
    layers: int = 1
    act_selective_per_layer_gb: float = 0.0  # kept per layer without full recomputation

    def activations(self, par: Parallelism, recompute: str = "full") -> float:
        """Activation GB on one GPU under `par` ('full' or 'selective' recomputation)."""
        if recompute == "selective" and self.act_selective_per_layer_gb:
            in_flight = math.ceil(self.layers / par.pp) * par.pp  # 1F1B: PP micro-batches
            return self.act_selective_per_layer_gb * in_flight / (par.tp * par.cp)
        kept = self.act_per_layer_gb * math.ceil(self.layers / par.pp)
        return (kept + self.act_working_gb) / (par.tp * par.cp)

    def per_gpu_need(self, n: int, par: Parallelism | None = None,
                     recompute: str = "full") -> float:
        """GB one GPU needs when the job runs on `n` GPUs (default: `n`-way tensor parallel)."""
        par = par or Parallelism(tp=n)
        return (sum(self.sharded_gb.values()) / n + sum(self.per_gpu_gb.values())
                + self.activations(par, recompute))

    def total(self, n: int, par: Parallelism | None = None, recompute: str = "full") -> float:
        """GB over all `n` GPUs."""
        par = par or Parallelism(tp=n)
        return sum(self.sharded_gb.values()) + n * (sum(self.per_gpu_gb.values())
                                                    + self.activations(par, recompute))


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


def lora_trainable_params(spec: ModelSpec, rank: int = cal.LORA_RANK) -> float:
    """LoRA adapter parameters: rank x (d_in + d_out) for every linear layer of every block.

    Attention q, o (hidden x hidden), k, v (hidden x hidden x kv ratio) and the gated MLP's
    three projections, whose width is what the block's parameters leave after attention
    (N / layers - attention) / (3 x hidden); embeddings are counted in N, so the MLP
    width is slightly overstated.
    """
    layers, hidden, kv_ratio = _shape(spec)
    kv = hidden * kv_ratio
    attention = 2 * hidden * hidden + 2 * hidden * kv
    per_block = _params_b(spec) * 1e9 / layers
    ffn = max(per_block - attention, 0.0) / (cal.MLP_PROJECTIONS * hidden)
    per_layer = rank * (2 * (hidden + hidden) + 2 * (hidden + kv)
                        + cal.MLP_PROJECTIONS * (hidden + ffn))
    return per_layer * layers


def footprint(spec: ModelSpec, method: str, precision: str, context: int, batch: int,
              overhead_gb: float, lora_rank: int = cal.LORA_RANK) -> Footprint:
    """The memory of a job by item: weights, optimizer, adapters, KV cache, activations."""
    layers, hidden, _ = _shape(spec)
    overhead = {"runtime_overhead": overhead_gb}
    if method == "inference":
        act = batch * context * hidden * INFERENCE_ACT_BYTES / GIB
        return Footprint({"weights": weight_gb(_params_b(spec), precision),
                          "kv_cache": kv_cache_gb(spec, context, batch)}, overhead,
                         act_working_gb=act, layers=layers)
    tokens_hidden = batch * context * hidden / GIB
    acts = {"act_per_layer_gb": tokens_hidden * ACT_CHECKPOINT_BYTES_PER_LAYER,
            "act_working_gb": tokens_hidden * ACT_RECOMPUTE_BYTES, "layers": layers,
            "act_selective_per_layer_gb": tokens_hidden * ACT_SELECTIVE_BYTES_PER_LAYER}
    params = _params_b(spec) * 1e9
    if method == "full":
        return Footprint({"weights_grads_optimizer": params * FULL_TRAINING_BYTES_PER_PARAM
                          / GIB}, overhead, **acts)  # type: ignore[arg-type]
    adapters = lora_trainable_params(spec, lora_rank) * LORA_ADAPTER_BYTES_PER_PARAM / GIB
    return Footprint({"frozen_weights": weight_gb(_params_b(spec), precision),
                      "lora_adapters": adapters}, overhead, **acts)  # type: ignore[arg-type]


def fits(need_per_gpu_gb: float, accelerator: Accelerator, headroom: float) -> bool:
    """Whether a per-GPU memory need fits one device, keeping `1 - headroom` free."""
    return need_per_gpu_gb <= accelerator.memory_gb * headroom


def parallelism(fp: Footprint, n: int, per_node: int, context: int, acc: Accelerator,
                headroom: float, recompute: str = "full") -> Parallelism:
    """The least-split parallelism of `n` GPUs whose memory holds the job.

    Tensor parallelism fills a node; context parallelism (no pipeline bubble) comes before
    pipeline parallelism; the rest is data parallel. When nothing fits, the most-split
    option is returned (the caller reports the shortfall).
    """
    tp = min(n, per_node)
    rest = max(1, n // tp)
    options: list[Parallelism] = []
    cp = 1
    while cp <= rest and (cp == 1 or context // cp >= MIN_TOKENS_PER_CP_RANK):
        pp = 1
        while cp * pp <= rest and pp <= fp.layers:
            if rest % (cp * pp) == 0:
                options.append(Parallelism(tp, cp, pp, rest // (cp * pp)))
            pp *= 2
        cp *= 2
    options.sort(key=lambda p: (p.cp * p.pp, p.pp))
    for par in options:
        if fits(fp.per_gpu_need(n, par, recompute), acc, headroom):
            return par
    return min(options, key=lambda p: fp.per_gpu_need(n, p, recompute))
