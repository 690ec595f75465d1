"""gridwise against published runs: each ratio (gridwise / published) inside its band."""

from __future__ import annotations

import pytest

from gridwise.errors import UserError
from tests.references.cases import REFERENCES, Reference, predict
from tools import calibration as cal
from tools.memory import lora_trainable_params
from tools.sizing import plan, resolve_model


def _id(ref: Reference) -> str:
    return ref.name


@pytest.mark.parametrize("ref", [r for r in REFERENCES if r.known_miss is None], ids=_id)
def test_reference_inside_band(ref: Reference) -> None:
    ratio = predict(ref) / ref.published
    assert 1 - ref.band <= ratio <= 1 + ref.band, (
        f"{ref.name}: gridwise / published = {ratio:.3f}, band ±{ref.band:.0%} ({ref.source})")


@pytest.mark.parametrize("ref", [r for r in REFERENCES if r.known_miss], ids=_id)
def test_known_miss_still_misses(ref: Reference) -> None:
    """A documented miss (BENCHMARKS.md says why); if the model starts to hit it, this fails."""
    ratio = predict(ref) / ref.published
    assert not 1 - ref.band <= ratio <= 1 + ref.band, f"{ref.name} now hits: {ratio:.3f}"
    assert 0.5 < ratio < 2, f"{ref.name} is off by more than 2x: {ratio:.3f}"


def test_llama2_all_four_sizes_gpu_hours() -> None:
    """Touvron et al. 2023, Table 2: 3,311,616 GPU-hours for 7B + 13B + 34B + 70B."""
    total = sum(predict(r) for r in REFERENCES if r.name.startswith("Llama 2 "))
    assert total / 3_311_616 == pytest.approx(1.0, abs=0.15)


def test_405b_at_8k_on_512_h100_is_feasible_and_sharded() -> None:
    ref = next(r for r in REFERENCES if "405b" in r.name)
    p = plan(ref.job, "H100")
    assert (p.count, p.nodes, p.fits) == (512, 64, True)
    assert p.parallelism and p.parallelism["tp"] == 8
    assert p.per_gpu_gb_needed <= p.per_gpu_gb_usable


def test_stated_gpu_count_below_minimum_names_the_minimum() -> None:
    ref = next(r for r in REFERENCES if "405b" in r.name)
    small = ref.job.model_copy(update={"hardware": ref.job.hardware.model_copy(
        update={"gpu_count": 32})})
    with pytest.raises(UserError) as err:
        plan(small, "H100")
    minimum = int(err.value.message.split("needs at least ")[1].split(" x ")[0])
    assert minimum > 32 and f"gpu_count to {minimum} or more" in err.value.hint
    ok = small.model_copy(update={"hardware": small.hardware.model_copy(
        update={"gpu_count": minimum})})
    assert plan(ok, "H100").count == minimum  # the minimum it names does fit


def test_fp8_on_v100_is_refused_not_silently_bf16() -> None:
    ref = REFERENCES[0]
    with pytest.raises(UserError) as err:
        plan(ref.job, "V100-32GB")
    assert "cannot compute in FP8" in err.value.message and "H100" in err.value.hint


def test_h200_differs_from_h100_where_it_should() -> None:
    """Same FLOPs peak, so training matches; decode reads memory, so H200 is faster."""
    from gridwise.models import DatasetSpec, JobSpec, ModelSpec

    infer = JobSpec(kind="inference", model=ModelSpec(name="Llama-3-8B"), batch_size=1,
                    dataset=DatasetSpec(tokens=10**6))
    h100, h200 = plan(infer, "H100"), plan(infer, "H200")
    assert h100.runtime_h and h200.runtime_h
    assert h100.runtime_h / h200.runtime_h == pytest.approx(4.8 / 3.35, rel=0.05)


def test_lora_params_from_rank_and_shape() -> None:
    """Rank 16 on every linear layer of Llama-2-70B (published shape: d 8,192, 8 KV heads,
    MLP 28,672): 80 x 16 x (2 x 16,384 + 2 x 9,216 + 3 x 36,864) = 207,093,760."""
    exact = 80 * 16 * (2 * 16_384 + 2 * 9_216 + 3 * 36_864)
    got = lora_trainable_params(resolve_model("Llama-2-70B"), cal.LORA_RANK)
    assert got == pytest.approx(exact, rel=0.02)
    assert got / 69e9 == pytest.approx(0.003, abs=0.0005)  # not the old flat 1 %
