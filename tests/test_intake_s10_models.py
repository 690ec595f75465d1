"""Session 10 (issue 17): model names, sizes, method and kind read from their shapes.

Every phrasing here is new (not copied from a labelled set): corrections between model
names, names nobody chose, sizes split by a unit letter, family spellings, sizes stated
apart, kinds left open, kinds in other scripts.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake.parser import parse_request

NOW = datetime(2023, 3, 1, 9, 0, tzinfo=UTC)


def parse(text: str):  # noqa: ANN201 - ParsedRequest
    return parse_request(text, NOW)


@pytest.mark.parametrize(("text", "model", "params"), [
    ("Fine-tune Mistral-7B? no wait, Qwen2-1.5B, on 4 GB of FAQs, 1 A10G.", "Qwen2-1.5B", 1.5),
    ("Serve Falcon-40B... actually Phi-3-mini, on one L4 for a week.", "Phi-3-mini", None),
    ("Run an eval of Gemma-2-27B (too big for us) - fine, Gemma-2-9B then, 6 GPU-hours.",
     "Gemma-2-9B", 9),
    ("Fine-tune Pythia-1.4B, not Pythia-12B, on 3 GB of notes, 2 GPUs.", "Pythia-1.4B", 1.4),
])
def test_a_name_taken_back_gives_way_to_the_later_one(text: str, model: str,
                                                       params: float | None) -> None:
    r = parse(text)
    assert r.model == model
    assert r.params_b == params


@pytest.mark.parametrize("text", [
    "Evaluate Qwen2-7B and Falcon-7B on our QA suite, 10 GPU-hours on A100s.",
    "Fine-tune either Gemma-2-9B or Phi-3-medium on 8 GB of tickets, we have not picked yet.",
    "Benchmark our four whisper variants on call-centre audio, 5 GPU-hours.",
    "Fine-tune qwen two point five, either the seven b or the fourteen b, on 9 GB of chats.",
])
def test_no_single_model_named(text: str) -> None:
    assert parse(text).model is None


def test_a_teacher_distilled_into_a_sized_student_is_not_the_model() -> None:
    r = parse("Please distil Falcon-40B into a 2B student on 50B tokens, 32 A100s.")
    assert r.model is None
    assert r.params_b == pytest.approx(2.0)
    assert r.kind == "train"


@pytest.mark.parametrize(("text", "params"), [
    ("Pretrain a 250M ViT from scratch on 3 TB of satellite tiles, 16 A100s, 4 days.", 0.25),
    ("Train our 90M-param BERT from scratch on 20 GB of logs, 2 GPUs.", 0.09),
])
def test_a_size_before_a_bare_family_describes_a_new_network(text: str, params: float) -> None:
    r = parse(text)
    assert r.model is None
    assert r.params_b == pytest.approx(params)


def test_a_family_word_acting_as_a_person_is_no_model() -> None:
    assert parse("Fine-tune on the corpus Florence shared, 2 GPUs, 10 hours.").model is None


@pytest.mark.parametrize(("text", "model", "params"), [
    ("Batch translate 70 GB of forms with bloomz-3b1 on 2 L4s.", "bloomz-3b1", 3.1),
    ("Translate 5 TB of subtitles with NLLB-200 (the 1.3B one) on 8 GPUs.", "NLLB-200", 1.3),
    ("Caption 2 million photos with blip two, cheapest region.", "BLIP-2", None),
    ("Transcribe 900 hours of lectures with whisper medium.", "Whisper-medium", None),
    ("Run document parsing with LayoutLMv2 over 400 GB of invoices.", "LayoutLMv2", None),
    ("Fine-tune StarCoder-2 on 30 GB of Rust, 8 H100s.", "StarCoder-2", None),
    ("Fine-tune CodeT5+ 220M on 6 GB of Java, 1 A10G.", "CodeT5+-220M", 0.22),
])
def test_name_shapes(text: str, model: str, params: float | None) -> None:
    r = parse(text)
    assert (r.model or "").replace("-", "").lower() == model.replace("-", "").lower()
    assert r.params_b == (pytest.approx(params) if params else None)


@pytest.mark.parametrize(("text", "params"), [
    ("Serve our 2.5T-parameter model on 64 H100s for a month.", 2500),
    ("Train a small mixture of experts (16 experts, 3B total) on 80B tokens.", 3.0),
    ("Generate 5M product blurbs with our 7B generator, 300 A100-hours.", 7.0),
])
def test_sizes_stated_apart(text: str, params: float) -> None:
    assert parse(text).params_b == pytest.approx(params)


@pytest.mark.parametrize(("text", "kind", "method"), [
    ("Host the Mistral-7B LoRA we trained last month behind an endpoint, 1 L4, 2 weeks.",
     "inference", None),
    ("Benchmark our Llama-2-13B QLoRA checkpoint on MMLU, 3 GPU-hours.", "eval", None),
    ("Fine-tune Qwen2-7B with all params in bf16, 8 H100s, 2B tokens.", "fine-tune", "full"),
    ("can u spin up 2x A100 for a lora on gemma 2 9b, 3 gb of data", "fine-tune", "lora"),
])
def test_method_only_for_tuning(text: str, kind: str, method: str | None) -> None:
    r = parse(text)
    assert (r.kind, r.method) == (kind, method)


@pytest.mark.parametrize(("text", "kind"), [
    ("Redeploy our Qwen2-7B-Instruct chatbot on 2 L4s for the launch week.", "inference"),
    ("Re-embed 3 TB of product pages with bge-large, 4 T4s.", "batch-inference"),
    ("Re-transcribe 600 hours of calls with Whisper-large-v3, cheapest.", "batch-inference"),
    ("Nightly pass: re-score 2 TB of ads with our CTR model (DistilBERT-based), A10G.",
     "batch-inference"),
    ("Scan 40 GB of source files with our vuln model (CodeBERT fine-tune), by Friday.",
     "batch-inference"),
    ("Run 300 GPU-hours of hyperparameter sweeps for our 120M model on V100s.", "train"),
    ("Need the Gemma-2-9b-it helpdesk bot live by Tuesday, one L4.", "inference"),
    ("Auswertung? Nein: Evaluierung von Qwen2-7B auf unserem Testset, 3 GPU-Stunden.", "eval"),
    ("推論エンドポイント: Qwen2-7B, L4 1枚", "inference"),
    ("任务：用 Qwen2-7B 对 20 GB 评论做批量分类。", "batch-inference"),
    ("Tafsiri GB 12 za nyaraka kwa NLLB-200.", "batch-inference"),
])
def test_kind_shapes(text: str, kind: str) -> None:
    assert parse(text).kind == kind


@pytest.mark.parametrize("text", [
    "Take Phi-3-mini and our 2 GB folder: benchmark or fine-tune, you tell me.",
    "Vi vill köra antingen utvärdering eller finjustering av Qwen2-7B, vi bestämmer senare.",
])
def test_two_kinds_offered_leave_kind_unset(text: str) -> None:
    assert parse(text).kind is None


def test_reserve_is_not_a_re_prefixed_service() -> None:
    r = parse("Fine-tune Qwen2-7B on 5 GB; please reserve 4 A100s for Monday.")
    assert r.kind == "fine-tune"
