"""Field classes generalised in the fourth session of issue 17, with phrases of my own.

Clock words after a number, start bounds said as "can't start until", windows said as
"over the next N days", run lengths "of compute", Romance start words, Polish run-time
and evaluation words, job words glued to a model name, nodes of N GPUs in other
languages, "una sola" = one, full fine-tuning in other words, named eval suites, and
cost, speed and carbon wishes said indirectly. None is a scored case of any request set.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake import parse_request

NOW = datetime(2023, 10, 4, 9, 0, tzinfo=UTC)  # a Wednesday, before the EU DST switch


def _parse(text: str):
    return parse_request(text, NOW, limits=None)


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M") if value else None


@pytest.mark.parametrize(("text", "start", "deadline"), [
    ("Serve Phi-3-mini on one T4, live by 8 tomorrow morning, Chicago time.",
     None, "2023-10-05T13:00"),
    ("Batch-embed 20 GB with BGE-small; done by 7 tomorrow evening UTC.", None,
     "2023-10-05T19:00"),
    ("The fine-tune of Mistral-7B on 3 GB cannot begin until 22:00 UTC.",
     "2023-10-04T22:00", None),
    ("Eval Llama-3-8B, 4 GPU-hours, not until Friday.", "2023-10-06T00:00", None),
    ("Fine-tune Gemma-2-2B on 2 GB whenever power is cheap over the next 3 days.",
     None, "2023-10-07T09:00"),
    ("Addestrare ResNet-50 su 50 GB, avvio giovedì alle 14:00 ora di Roma.",
     "2023-10-05T12:00", None),
])
def test_times_said_in_other_words(text: str, start: str | None, deadline: str | None) -> None:
    parsed = _parse(text)
    assert (_iso(parsed.earliest_start), _iso(parsed.deadline)) == (start, deadline)


@pytest.mark.parametrize(("text", "field", "value"), [
    ("Evaluate Qwen2-7B, roughly 5 hours of compute on 2 L4.", "duration_hours", 5),
    ("Ewaluować Mistral-7B na naszych testach, czas pracy około 3 godzin.", "duration_hours", 3),
    ("Ewaluować Mistral-7B na naszych testach, czas pracy około 3 godzin.", "kind", "eval"),
    ("Das Llama-3-8B-Feintuning auf 4 GB muss bis Freitag fertig sein.", "model", "Llama-3-8B"),
    ("Das Llama-3-8B-Feintuning auf 4 GB muss bis Freitag fertig sein.", "kind", "fine-tune"),
    ("Run the lm-evaluation-harness on Mistral-7B, 2 GPU-hours.", "kind", "eval"),
    ("Stand up a chat backend for Phi-3-mini on one L4.", "kind", "inference"),
    ("Need transcripts of 12 GB of podcasts with Whisper-small.", "kind", "batch-inference"),
    ("Tre nodi con 8 H100 ciascuno per il training di un modello 3B.", "gpu_count", 24),
    ("Trois nœuds de 8 H100 pour entraîner un modèle 1B.", "gpu_count", 24),
    ("Wir brauchen zwei Knoten mit je acht A100 für das Training.", "gpu_count", 16),
    ("Four servers, 8 L40S apiece, to train a 2B model.", "gpu_count", 32),
    ("Fine-tuning di GPT-2 su 1 GB con una sola T4.", "gpu_count", 1),
    ("Fine-tuning complet de Mistral-7B sur 4 Go, 2 A100.", "method", "full"),
    ("Fine-tune Qwen2-7B fully on 4 GB, 2 A100.", "method", "full"),
    ("Finance will scream if this costs more than it has to: fine-tune Llama-2-7B on 4 GB.",
     "objective", "cheapest"),
    ("Fine-tuning di GPT-2 su 1 GB, la soluzione meno cara.", "objective", "cheapest"),
    ("Every hour we wait loses us users: serve Mistral-7B on 2 A10G now.", "objective",
     "fastest"),
    ("We got the green light, fine-tune Phi-2 on 1 GB.", "objective", None),
    ("Trenuj ResNet-50 na 40 GB, najlepiej zielono.", "objective", "greenest"),
    ("Servir Phi-3-mini, hébergé en Allemagne ou en Belgique.", "regions", ["DE", "BE"]),
    ("Serveer Gemma-7B, alleen in Frankrijk of België.", "regions", ["FR", "BE"]),
    ("Trenuj ResNet-18 na 20 GB, trzy karty T4.", "gpu_count", 3),
    ("Train a 1B model on 8 H100, a quarter of a tonne of CO2 at most.", "max_co2_kg", 250),
    ("Evaluate RoBERTa-base on GLUE v2, two L4, done by Friday.", "gpu_type", "L4"),
    ("Fine-tune Gemma-2-2B on a v4 slice (32 chips).", "gpu_count", 32),
    ("finetune llama3 8b instruct w lora on 2gb", "model", "Llama-3-8B-instruct"),
    ("quick eval of gemma2 2b on one L4", "model", "Gemma-2-2B"),
    ("Spot is fine, but it must never be preempted: train ResNet-50 on 20 GB.",
     "interruptible", None),
])
def test_fields_said_in_other_words(text: str, field: str, value: object) -> None:
    assert getattr(_parse(text), field) == value


def test_spot_allowed_and_never_preempted_is_a_contradiction() -> None:
    parsed = _parse("Spot capacity only, though under no circumstances may the job be "
                    "interrupted: embed 50 GB with BGE-small.")
    assert parsed.interruptible is None and parsed.needs_clarification


def test_support_transcripts_as_data_are_not_a_transcription_job() -> None:
    parsed = _parse("We have 20 GB of support transcripts; fine-tune Llama-2-7B on them.")
    assert parsed.kind == "fine-tune"
