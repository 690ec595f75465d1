"""Session 10 (issue 17): counts, types, places and objectives as classes of phrasing.

Each case is a phrasing of a class, written for this file (not copied from a request set):
counters in other languages, upper bounds and per-run counts, changed minds, alternatives,
places in other languages, time-zone names, example regions, postposed negations, and
objectives stated through their consequences or attached to spot.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake.parser import parse_request

NOW = datetime(2024, 4, 2, 9, 0, tzinfo=UTC)


def parse(text: str):
    return parse_request(text, NOW, limits=None)


@pytest.mark.parametrize(("text", "count", "gpu"), [
    ("Fine-tune Mistral-7B on 3 GB, H100 2장, 3일.", 2, "H100"),
    ("Gemma-2B LoRA, 5 GB veri, 3 adet L4 kullan.", 3, "L4"),
    ("Fine-tune Gemma-2B kwa LoRA, data GB 5, tumia GPU mbili za A100.", 2, "A100"),
    ("Serve Llama-3-8B on L40S moja for a week.", 1, "L40S"),
    ("Pretrain a 1B model on 20B tokens, H100 8 x please.", 8, "H100"),
])
def test_counters_in_other_languages(text: str, count: int, gpu: str) -> None:
    p = parse(text)
    assert (p.gpu_count, p.gpu_type) == (count, gpu)


@pytest.mark.parametrize("text", [
    "LoRA on Llama-2-13B, 7 GB of notes, A100s, at most 4 of them.",
    "Fine-tune Mistral-7B on 2 GB, no more than 8 GPUs please.",
    "Sweep of 30 configs on CIFAR-10. Every trial takes an hour on one T4.",
])
def test_bounds_and_per_run_counts_are_no_count(text: str) -> None:
    assert parse(text).gpu_count is None


def test_changed_mind_keeps_the_last_count() -> None:
    p = parse("Please reserve 2x A100 for a Llama-2-7B LoRA on 3 GB. On second thought, "
              "make that 4 A100s; the estimate was low.")
    assert p.gpu_count == 4


@pytest.mark.parametrize("text", [
    "Train our 3B model on 16 GPUs in total, that is 4 nodes of 8 H100 each.",
    "Fine-tune DistilBERT on 1 GB on a single card - 4x L4 please.",
])
def test_disagreeing_counts_are_asked(text: str) -> None:
    p = parse(text)
    assert p.gpu_count is None
    assert p.needs_clarification


def test_count_stated_apart_and_keyed() -> None:
    assert parse("Need L40S cards with 48 GB, 6 of them, to serve Llama-3-8B.").gpu_count == 6
    assert parse('{"task": "eval", "model": "Phi-2", "num_gpus": 3}').gpu_count == 3


@pytest.mark.parametrize("text", [
    "Batch-embed 20 GB with bge-large on H100 or A100, either is fine.",
    "Whisper-small transcription of 50 GB on L4s or A10Gs.",
])
def test_type_alternatives_leave_the_type_unset(text: str) -> None:
    assert parse(text).gpu_type is None


def test_correction_with_no() -> None:
    assert parse("Serve Phi-3 on 2 T4? no - 2 L4 for 5 days.").gpu_type == "L4"


@pytest.mark.parametrize(("text", "regions"), [
    ("Fine-tune Llama-2-7B on 4 GB, hanya di Jepang atau Singapura.", ["JP", "SG"]),
    ("Llama-2-7B ince ayar, 4 GB, veri AB içinde kalmalı.", ["EU"]),
    ("Fine-tune Llama-2-7B on 4 GB. 독일 리전에서만.", ["DE"]),
    ("Tafsiri GB 10 kwa NLLB-200, Ulaya tu.", ["EU"]),
    ("Dostrajanie Llama-2-7B, 4 GB, dane tylko w Szwecji lub Norwegii.", ["SE", "NO"]),
    ("Eval Llama-2-7B, 3 GPU-hours, data in Kenya only.", ["KE"]),
])
def test_places_in_other_languages(text: str, regions: list[str]) -> None:
    assert parse(text).regions == regions


def test_zone_names_and_form_answers_are_no_places() -> None:
    p = parse("Fine-tune Llama-2-7B on 3 GB, 1x A100. Start Friday 20:00 Europe/Paris. "
              "Data in Spain only.")
    assert p.regions == ["ES"]
    p = parse("Workload: eval\nModel: Phi-2\nRegion: eu-west-1\nPreemptible: NO")
    assert p.regions == ["eu-west-1"]


def test_example_region_of_a_wider_rule_is_dropped() -> None:
    p = parse("Eval Llama-2-7B, 3 GPU-hours; data must stay in Japan "
              "(e.g. ap-northeast-1).")
    assert p.regions == ["JP"]


@pytest.mark.parametrize(("text", "providers"), [
    ("Fine-tune Llama-2-7B on 4 GB, 2x A100, Nebius please not.", ["nebius"]),
    ("Fine-tune Llama-2-7B on 4 GB, 2x A100. Vast? no thanks.", ["vast"]),
    ("Tafsiri GB 10 kwa NLLB-200. Jangan pakai penyedia marketplace.",
     ["hyperbolic", "lium", "vast"]),
    ("Transcrire 40 Go avec Whisper-small. Évitez les hyperscalers.", ["aws", "azure", "gcp"]),
])
def test_provider_exclusions(text: str, providers: list[str]) -> None:
    assert sorted(parse(text).exclude_providers) == sorted(providers)


def test_negation_ends_at_a_second_verb() -> None:
    p = parse("Eval Phi-2, 2 GPU-hours. Don't go over 30 dollars and run it in France.")
    assert p.regions == ["FR"]
    assert p.exclude_regions == []


@pytest.mark.parametrize(("text", "objective"), [
    ("Fine-tune Phi-2 on 1 GB, one L4, the least possible emissions.", "greenest"),
    ("Fine-tune Phi-2 on 1 GB on geothermal power, that is the point.", "greenest"),
    ("Fine-tune Phi-2 on 1 GB. Whatever keeps procurement happy on the invoice.", "cheapest"),
    ("Fine-tune Phi-2 on 1 GB, weka kwa bei nafuu zaidi.", "cheapest"),
    ("Fine-tune Phi-2 on 1 GB, kam kharcha karna.", "cheapest"),
    ("Addestra Phi-2 su 1 GB, la soluzione più economica.", "cheapest"),
    ("Fine-tune Phi-2 on 1 GB, one L4, preemptible if much cheaper.", None),
    ("Fine-tune Phi-2 on 1 GB; use spot instances to save money.", None),
    ("Fine-tune Phi-2 on 1 GB. Speed matters, but not hugely.", None),
    ("Fine-tune Phi-2 on 1 GB. Ops wants greenest, I want fastest; up to you.", None),
])
def test_objectives(text: str, objective: str | None) -> None:
    assert parse(text).objective == objective


def test_a_parenthesis_gives_a_reason_not_approval() -> None:
    p = parse("Fine-tune Phi-2 on 1 GB. EU only, not France though (works agreement).")
    assert (p.regions, p.exclude_regions) == (["EU"], ["FR"])


def test_where_people_sit_is_no_place_rule() -> None:
    p = parse("Eval Phi-2 on MMLU, 2 GPU-hours. Our research crew is based in Lisbon, "
              "so results by 9am Lisbon time.")
    assert p.regions == []


@pytest.mark.parametrize(("text", "regions"), [
    ("对 Qwen-7B 做 LoRA 微调，数据 5GB，数据不能出德国。", ["DE"]),
    ("对 Qwen-7B 做 LoRA 微调，数据 5GB，只在新加坡运行。", ["SG"]),
    ("Qwen-7B を LoRA でファインチューニング、日本語のデータ 5GB。", []),
])
def test_places_in_chinese_and_japanese(text: str, regions: list[str]) -> None:
    assert parse(text).regions == regions
