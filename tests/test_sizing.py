"""Sizing: model table, memory formulas, fit / TP / variant choice, runtime, bad input."""

from __future__ import annotations

import pytest

from gridwise.accelerators import get_accelerator
from gridwise.errors import UnknownNameError, UserError
from gridwise.models import DatasetSpec, JobSpec, ModelSpec
from tools import calibration as cal
from tools import runtime_model, sizing
from tools.sizing import plan, resolve_model, size_job


def _infer(model: str, **kw: object) -> JobSpec:
    return JobSpec(kind="inference", model=ModelSpec(name=model), **kw)


# ---------------------------------------------------------------- model table
@pytest.mark.parametrize(
    ("name", "canonical", "params_b"),
    [
        ("Llama-3-70B", "Llama-3-70B", 70.55),
        ("meta-llama/Meta-Llama-3-8B-Instruct", "Llama-3-8B", 8.03),
        ("llama3 70b", "Llama-3-70B", 70.55),
        ("mixtral-8x7b-instruct-v0.1", "Mixtral-8x7B", 46.7),
        ("gpt2", "GPT-2", 0.124),
        ("Qwen2.5-72B-Instruct", "Qwen2.5-72B", 72.7),
    ],
)
def test_resolve_known_names_and_aliases(name: str, canonical: str, params_b: float) -> None:
    spec = resolve_model(name)
    assert spec.name == canonical
    assert spec.params_b == pytest.approx(params_b)


def test_mixtral_is_moe_with_active_params() -> None:
    spec = resolve_model("Mixtral-8x22B")
    assert (spec.moe, spec.params_b, spec.active_params_b) == (True, 141, 39)


@pytest.mark.parametrize(("name", "params_b"), [("Foo-13B", 13.0), ("bar-350M", 0.35)])
def test_size_parsed_from_unknown_name(name: str, params_b: float) -> None:
    spec = resolve_model(name)
    assert spec.params_b == pytest.approx(params_b)
    assert spec.layers is None


def test_unknown_model_suggests_close_names() -> None:
    with pytest.raises(UnknownNameError) as err:
        resolve_model("Lama-3-70")
    assert "Llama-3-70B" in err.value.suggestions


def test_absurd_size_in_name_rejected() -> None:
    with pytest.raises(UserError):
        resolve_model("Huge-90000B")


def test_every_table_row_loads_with_positive_sizes() -> None:
    models = sizing.load_models()
    assert len(models) >= 40
    for spec in models.values():
        assert spec.params_b > 0
        if spec.active_params_b is not None:
            assert spec.moe and spec.active_params_b < spec.params_b


# ---------------------------------------------------------------- memory formulas
def test_weight_bytes_by_precision() -> None:
    gib = 7e9 / 2**30
    assert sizing.weight_gb(7, "fp32") == pytest.approx(4 * gib)
    assert sizing.weight_gb(7, "bf16") == pytest.approx(2 * gib)
    assert sizing.weight_gb(7, "int8") == pytest.approx(1.02 * gib)
    assert sizing.weight_gb(7, "int4") == pytest.approx(0.55 * gib)


def test_kv_cache_formula_llama3_8b() -> None:
    # 2 * 32 layers * 8 kv heads * 128 head_dim * 4096 tokens * 1 seq * 2 bytes = 0.5 GiB
    assert sizing.kv_cache_gb(resolve_model("Llama-3-8B"), 4096, 1) == pytest.approx(0.5)


def test_full_training_uses_16_bytes_per_param() -> None:
    p = plan(JobSpec(kind="train", model=ModelSpec(name="Llama-3-8B")), "H100")
    assert p.memory_gb["weights_grads_optimizer"] == pytest.approx(8.03e9 * 16 / 2**30, rel=1e-3)


# ---------------------------------------------------------------- required cases
def test_mixtral_inference_splits_over_two_l40s() -> None:
    p = plan(_infer("Mixtral-8x7B"), "L40S")
    assert p.memory_gb["weights"] == pytest.approx(87.0, abs=1.0)  # ~90 GB in bf16
    assert (p.precision, p.count, p.tp_degree, p.fits) == ("bf16", 2, 2, True)
    assert p.per_gpu_gb_needed <= 48 * sizing.GPU_HEADROOM


def test_mixtral_goes_4bit_on_one_48gb_gpu() -> None:
    p = plan(_infer("Mixtral-8x7B"), "L40S", max_gpus_per_node=1)
    assert (p.precision, p.variant, p.count) == ("int4", "int4", 1)


def test_llama3_70b_on_24gb_node_is_4bit_over_two_gpus() -> None:
    p = plan(_infer("Llama-3-70B"), "RTX4090")
    assert (p.variant, p.count, p.tp_degree) == ("int4", 2, 2)
    assert p.total_gb_needed > 24  # still too big for one 24 GB GPU ...
    assert any("more than one RTX4090" in n for n in p.notes)  # ... and the plan says so


def test_llama3_70b_on_80gb_node_is_bf16_over_two() -> None:
    p = plan(_infer("Llama-3-70B"), "H100")
    assert (p.precision, p.variant, p.count) == ("bf16", None, 2)


def test_7b_inference_fits_one_consumer_gpu() -> None:
    p = plan(_infer("Mistral-7B"), get_accelerator("RTX4090"))
    assert (p.precision, p.count) == ("bf16", 1)


def test_training_never_quantised_unless_qlora() -> None:
    lora = plan(JobSpec(kind="fine-tune", method="lora", model=ModelSpec(name="Llama-3-70B")),
                "RTX4090")
    assert lora.precision == "bf16"
    qlora = plan(JobSpec(kind="fine-tune", method="qlora", model=ModelSpec(name="Llama-3-8B")),
                 "RTX4090")
    assert (qlora.precision, qlora.count) == ("int4", 1)


def test_full_training_beyond_a_node_shards_over_nodes() -> None:
    p = plan(JobSpec(kind="train", model=ModelSpec(name="Llama-3-70B")), "H100")
    assert p.nodes >= 2 and p.count == 8 * p.nodes


def test_explicit_precision_is_respected() -> None:
    p = plan(JobSpec(kind="inference", model=ModelSpec(name="Llama-3-8B", precision="fp32")),
             "H100")
    assert p.precision == "fp32"


def test_fits_nowhere_says_what_to_relax() -> None:
    with pytest.raises(UserError) as err:
        plan(_infer("Llama-3.1-405B"), "RTX4090")
    assert "larger-memory GPU" in err.value.hint


def test_tp_degree_is_a_power_of_two() -> None:
    p = plan(_infer("Llama-3-70B"), "L40S")
    assert p.tp_degree in (1, 2, 4, 8) and p.count == 4


# ---------------------------------------------------------------- runtime
def test_training_runtime_from_6nd_plus_attention() -> None:
    job = JobSpec(kind="train", model=ModelSpec(name="Llama-3-8B"),
                  dataset=DatasetSpec(tokens=10**9))
    p = plan(job, "H100")
    # 6 N per token plus causal attention: 3 passes x 2 x layers x seq x hidden
    assert p.flops == pytest.approx((6 * 8.03e9 + 3 * 2 * 32 * 2048 * 4096) * 1e9)
    mfu = cal.MFU["pretrain"]["bf16"]
    expected = (p.flops / (p.count * 989.4e12 * mfu) / 3600
                * (1 + cal.OVERHEAD_SHARE["pretrain"])
                / (1 - runtime_model.goodput_loss(p.count, "pretrain")))
    assert (p.compute_precision, p.phase) == ("bf16", "pretrain")
    assert p.runtime_h == pytest.approx(expected)


def test_moe_runtime_uses_active_params() -> None:
    job = _infer("Mixtral-8x7B", dataset=DatasetSpec(tokens=10**6))
    assert plan(job, "H100").flops == pytest.approx((2 * 12.9e9 + 2 * 32 * 4096 * 4096) * 1e6)


def test_efficiency_override_and_gpu_hours() -> None:
    job = JobSpec(kind="train", model=ModelSpec(name="Llama-3-8B"),
                  dataset=DatasetSpec(tokens=10**9))
    slow, fast = plan(job, "H100", efficiency=0.1), plan(job, "H100", efficiency=0.5)
    assert slow.runtime_h == pytest.approx(5 * fast.runtime_h)
    assert plan(_infer("Llama-3-70B", gpu_hours=10), "H100").runtime_h == pytest.approx(5)


# ---------------------------------------------------------------- bad input + wrapper
def test_unknown_accelerator_suggests() -> None:
    with pytest.raises(UnknownNameError) as err:
        plan(_infer("Llama-3-8B"), "H10O")
    assert err.value.suggestions


@pytest.mark.parametrize(
    "kwargs",
    [{"context_tokens": -5}, {"batch_size": 0}, {"gpu_hours": -1.0}, {"kind": "sleep"},
     {"context_tokens": 10**9}, {"max_gpus_per_node": 0}],
)
def test_wrapper_rejects_bad_numbers(kwargs: dict) -> None:
    with pytest.raises(UserError):
        size_job("Llama-3-8B", "H100", **kwargs)


def test_wrapper_returns_plan_dict() -> None:
    out = size_job("Mixtral-8x7B", "L40S")
    assert (out["precision"], out["count"], out["fits"]) == ("bf16", 2, True)
    assert size_job.__doc__ and "Args:" in size_job.__doc__
