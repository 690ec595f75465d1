"""Regions, objective, model and GPU-time rules of session 13 (issue 17), on own texts.

Each text imitates a class of errors on the fresh18-20 tuning sets with other words,
numbers and places: GPU-hours in another language, a place that names a clock or who
writes, endonyms and Scandinavian adjectives, objectives in more languages, and words
another language glues onto a model name.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from agents.intake.parser import parse_request

NOW = datetime(2023, 6, 7, 9, 0, tzinfo=UTC)  # a Wednesday


def _parse(text: str):  # type: ignore[no-untyped-def]
    return parse_request(text, NOW, limits=None, attack_model=None, kind_model=None)


@pytest.mark.parametrize(("text", "hours"), [
    ("Vyhodnocení Gemma-2B, asi 6 GPU-hodin na L4.", 6),
    ("Evaluacija Mistral-7B, oko 9 GPU-sata na L4.", 9),
    ("Evaluare pentru Gemma-2B: cam 2 GPU-zile în total.", 48),
    ("Kiértékelés: Llama-3-8B, nagyjából 15 GPU-órát.", 15),
])
def test_gpu_time_in_another_language_is_gpu_hours_not_a_count(text: str, hours: float) -> None:
    got = _parse(text)
    assert got.gpu_hours == pytest.approx(hours)
    assert got.gpu_count is None


@pytest.mark.parametrize("text", [
    "Evaluasi Llama-3-8B di 2x L4, siap sebelum Jumaat 15:00 waktu Thailand.",
    "Batch OCR of 8 GB of forms with Donut-base, ready Friday 17:00 (Tokyo idő).",
    "[08:15] maria (Lisbon): can we embed 3 GB of notes with BGE-M3 today?",
    "Hi from the Universidad de Peru: eval of Qwen2-7B, 3 GPU-hours.",
    "Kenya NGO: caption 12k photos with BLIP-2 (9 GB), by Friday.",
    "Sentiment scoring of 4 GB of Bahasa Indonesia reviews with XLM-RoBERTa-base.",
])
def test_a_place_naming_a_clock_language_or_writer_is_no_region(text: str) -> None:
    assert _parse(text).regions == []


@pytest.mark.parametrize(("text", "want"), [
    ("LoRA fine-tune of Mistral-7B on 3 GB. Podaci moraju ostati u Hrvatskoj.", ["HR"]),
    ("Embed 20 GB of contracts with BGE-M3. Die data moet in Suid-Afrika bly.", ["ZA"]),
    ("Fine-tune Gemma-2B on 2 GB, kun danske datacentre.", ["DK"]),
    ("Litteroi 50 GB Whisper-large-v2:lla. Tiedot eivät saa poistua EU:sta.", ["EU"]),
])
def test_residency_in_another_language(text: str, want: list[str]) -> None:
    assert sorted(_parse(text).regions) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Eval av Llama-3-8B på 2 A10, gärna snabbt.", "fastest"),
    ("Evaluering af Mistral-7B, 4 GPU-timer, helst grøn strøm.", "greenest"),
    ("Trénování ResNet-50 od nuly, co nejzelenější provoz.", "greenest"),
    ("Hienosäätö Llama-3-8B:lle, mahdollisimman vähäpäästöisesti.", "greenest"),
    ("Llama-3-8B ফাইন-টিউন, খুব জরুরি।", "fastest"),
    ("Mistral-7B 파인튜닝 부탁해요. 정말 급합니다.", "fastest"),
    ("Serve Phi-3-mini for a week, we are tight on cash.", "cheapest"),
    ("Serve Qwen2-7B for 5 days with a mix of cost and speed.", "balanced"),
])
def test_objective_in_more_words(text: str, want: str) -> None:
    assert _parse(text).objective == want


@pytest.mark.parametrize(("text", "want"), [
    ("Litterointi Whisper-medium-v2-mallilla, 30 GB.", "Whisper-medium-v2"),
    ("Tarvitsemme Falcon-7B-mallin hienosäätöä (LoRA).", "Falcon-7B"),
    ("Jöhet egy kis eval a Qwen2-7B-n, egy L4-en.", "Qwen2-7B"),
    ("Ons wil 'n DETR-v2-model oplei op 40 GB beelde.", "DETR-v2"),
    ("Doladiť Phi-3-mini-4B s LoRA na 1 GB textov.", "Phi-3-mini-4B"),
    # a version or size written onto the family, then the sentence's full stop
    ("Index 4 GB of scanned forms with LayoutLMv2.", "LayoutLMv2"),
    ("Eval on 2 L4, please use falcon7b.", "falcon-7B"),
])
def test_a_word_glued_onto_a_model_name_is_not_part_of_it(text: str, want: str) -> None:
    got = _parse(text).model
    assert got is not None and re.sub(r"[^a-z0-9]", "", got.lower()) == re.sub(
        r"[^a-z0-9]", "", want.lower())
