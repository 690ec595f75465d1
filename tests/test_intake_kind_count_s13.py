"""Kind, count, card memory and carbon rules of session 13 (issue 17), on own texts.

Each text imitates a class of errors on the fresh18-20 tuning sets with other words and
numbers: training from scratch and serving in more languages, a Korean particle glued onto
an English word, "one card" / "one device", a memory no such card has ("T4 com 48 GB"), and
a carbon cap stated in Korean.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake.parser import parse_request

NOW = datetime(2023, 6, 7, 9, 0, tzinfo=UTC)  # a Wednesday


def _parse(text: str):  # type: ignore[no-untyped-def]
    return parse_request(text, NOW, limits=None, attack_model=None, kind_model=None)


@pytest.mark.parametrize(("text", "kind"), [
    ("Potřebujeme trénování modelu ViT-B/16 na 300 GB snímků.", "train"),
    ("Konvoluční síť na 80 GB snímků, od nuly, 4 A100.", "train"),
    ("Szeretnénk egy kis modellt tanítani 5 GB szövegen, 2 A100.", "train"),
    ("Vrem antrenarea unui ResNet-101 pe 200 GB de imagini.", "train"),
    ("Vrem să servim Mistral-7B-Instruct pe 2 L4 timp de 3 zile.", "inference"),
    ("Gemma-2-9B fine-tune을 A100 2장으로 부탁해요.", "fine-tune"),
])
def test_kind_in_more_languages(text: str, kind: str) -> None:
    assert _parse(text).kind == kind


@pytest.mark.parametrize("text", [
    "Training needs 200 GB of memory on ONE device, about 20 GPU-hours.",
    "Serve Mistral-7B on one 48GB card for a week.",
    "Our solver wants 96 GB on one big accelerator, 6 GPU-hours of eval.",
])
def test_one_card_or_device_is_a_count_of_one(text: str) -> None:
    assert _parse(text).gpu_count == 1


def test_a_card_memory_no_such_card_has_is_asked() -> None:
    got = _parse("Precisamos de 2 T4 com 48 GB para treinar um modelo de 1B do zero.")
    assert got.needs_clarification
    assert got.dataset_gb is None


def test_a_korean_carbon_cap_is_read() -> None:
    got = _parse("Mistral-7B 평가, 300 H100-hours, 탄소 배출은 50 g 이하로.")
    assert got.max_co2_kg == pytest.approx(0.05)
