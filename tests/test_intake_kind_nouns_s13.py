"""A job named by its noun in another language: an endpoint, a classification, a sweep.

Issue 17, twelfth session: requests that named the job only by a noun ("ein
Inferenz-Endpunkt", "эндпоинт", "نقطة نهاية", "balayage d'hyperparamètres", "生成描述") found
no kind and were asked "what should run?". The nouns sit in the concept matrix's kind cells
(pivot_*.py) and the CJK table. Texts written for these tests, not taken from any set; the
last ones check that a training request naming a classification model stays training.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake.parser import parse_request

NOW = datetime(2023, 3, 8, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(("text", "kind"), [
    ("Wir brauchen einen Endpunkt für Mistral-7B auf einer L4 für zwei Wochen.", "inference"),
    ("Bitte einen Chat-Endpunkt mit Llama-3-8B auf 2 A10G, 5 Tage.", "inference"),
    ("Нужен эндпоинт для модели Qwen2-7B на одной A100 на неделю.", "inference"),
    ("Потрібен ендпоінт для Phi-3-mini на одній L4 на 3 дні.", "inference"),
    ("نحتاج نقطة نهاية لنموذج Mistral-7B على وحدة L4 واحدة لمدة أسبوع.", "inference"),
    ("Un balayage d'hyperparamètres pour notre ResNet-50, 32 essais sur 4 V100.", "train"),
    ("用 Qwen-VL 为 5 万张照片生成描述，照片共 80 GB，2 张 A100。", "batch-inference"),
])
def test_a_job_noun_names_the_kind(text: str, kind: str) -> None:
    parsed = parse_request(text, NOW)
    assert parsed.kind == kind
    assert parsed.clarify_field != "kind"


@pytest.mark.parametrize("text", [
    "Wytrenuj od zera model do klasyfikacji obrazów roślin na 200 GB zdjęć, 8 A100.",
    "Обучить с нуля модель для классификации спутниковых снимков, 300 ГБ, 8 A100.",
])
def test_training_a_classification_model_stays_training(text: str) -> None:
    assert parse_request(text, NOW).kind == "train"
