"""Clarification classes fresh10 missed (issue 17, session 8), each in words of its own.

Every phrase is written for the test (none is copied from a labelled set): a carbon cap,
deadline or run length with no unit (asked, naming the readings); hedged alternatives for
a count, size, run length, precision or method (unset and asked, naming both); a job whose
model is only a pronoun; a batch job over input data with no amount of it. A budget with
no currency is USD by the labelling rules (not asked), a settled choice ("let's say two")
is not asked, and a batch job with an item count, or one that generates its own data,
goes ahead.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake import parse_request
from tests.intakekit import asked

NOW = datetime(2023, 6, 14, 9, 0, tzinfo=UTC)

#: (text, the field asked about, a word the question names)
UNITLESS = [
    ("Benchmark Gemma-7B on 1 A100, keep emissions under 20.", "max_co2_kg", "kg"),
    ("Fine-tune Llama-2-7B with LoRA on 30 GB, max CO2 of 15.", "max_co2_kg", "t"),
    ("Evaluate Qwen-7B on GSM8K, deadline in 3.", "deadline", "days"),
    ("Train a ResNet-50 on 40 GB with 8 V100s, finish within 5.", "deadline", "hours"),
    ("Serve Mistral-7B on an L4 for 3.", "duration_hours", "hours"),
    ("LoRA on Gemma-2B on 1 GB, runtime 12, 1 T4.", "duration_hours", "minutes"),
    ("Eval Mistral-7B on 1 A100, keep it under 30 of carbon.", "max_co2_kg", "g"),
]

#: (text, field left unset and asked about, the two values the question names)
HEDGED = [
    ("Need 2 H100s for the eval of Llama-2-13B, or maybe 4.", "gpu_count", ("2", "4")),
    ("Run an eval of Llama-2-13B on 2 or 3 A100s.", "gpu_count", ("2", "3")),
    ("LoRA on Mistral-7B, 8 GPUs or perhaps 16, not decided yet.", "gpu_count", ("8", "16")),
    ("Fine-tune Falcon-7B on 6 GB with 2 A100s for 3 days, or possibly 5.", "duration_hours",
     ("3", "5")),
    ("Serve Gemma-7B for three or four days on 1 L4.", "duration_hours", ("three", "four")),
    ("Pre-train a 1B model on 20B tokens with 32 H100s, perhaps 64.", "gpu_count",
     ("32", "64")),
    ("Fine-tune Mistral-7B on 20 GB with 2 A100s in fp16 or bf16, not sure.", "precision",
     ("fp16", "bf16")),
    ("Fine-tune Mistral-7B with LoRA or a full fine-tune on 5 GB, 1 A100.", "method",
     ("lora", "full")),
]

OBJECTLESS = [
    ("Evaluate it on MMLU with 2 A100s.", "model"),
    ("Serve that model on one L4 for a day.", "model"),
    ("Benchmark this one on HumanEval with 1 A100 for 2 hours.", "model"),
    ("Translate the documents with NLLB-200 by Friday.", "dataset_gb"),
    ("Caption our photos with BLIP-2 tomorrow, spot ok.", "dataset_gb"),
]

#: near misses that go ahead
NOT_ASKED = [
    "Fine-tune Falcon-7B on 20 GB with 2 A100s, budget 40.",
    "Serve SDXL for two days on one or two GPUs, let's say two L40S.",
    "Fine-tune Llama-2-7B on 10 GB with 4 A100s for 6 hours.",
    "Eval Mistral-7B on 1 A100 with a carbon cap of 5 kg, done within 3 days.",
    "Transcribe 300 GB of audio with Whisper-large-v3 by Monday.",
    "Caption 400k product photos with BLIP-2 by Friday.",
    "Batch-generate product copy with Llama-2-13B in int4, deadline 2023-07-01.",
    "Take Llama-2-7B and fine-tune it with LoRA on 6 GB, 1 A100.",
    "Train our model from scratch on 20B tokens with 64 H100s for 10 days.",
    "Serve our model for the sales team on 1 L4 for a week.",
    "Fine-tune Falcon-7B on 6 GB with 2 A100s for 3 days, maybe 4 GB more later.",
    "Eval Mistral-7B on 1 A100 where carbon intensity is under 30 per kWh.",
    "Serve Mistral-7B on 1 L4 for 3 or 4 days, let's say 4.",
    "Serve Mistral-7B on 1 L4 for 12 or so hours.",
    "Fine-tune Mistral-7B on 20 GB with 2 A100s, no LoRA or QLoRA, a full fine-tune.",
    "Train GPT-2 on 8 GB with 4 V100s for 10 hours, carbon intensity below 200 if possible.",
]


@pytest.mark.parametrize(("text", "field", "word"), UNITLESS)
def test_a_value_with_no_unit_is_asked(text: str, field: str, word: str) -> None:
    """The field is asked about and the question offers the readings."""
    p = parse_request(text, NOW)
    assert p.needs_clarification and field in asked(p), (text, p.clarify_reason)
    question = next(q["question"] for q in p.problems if q["field"] == field)
    assert word in question


@pytest.mark.parametrize(("text", "field", "values"), HEDGED)
def test_hedged_alternatives_are_unset_and_asked(text: str, field: str,
                                                 values: tuple[str, str]) -> None:
    """Neither value is taken; the question names both."""
    p = parse_request(text, NOW)
    assert field in asked(p), (text, p.clarify_reason)
    assert getattr(p, field) is None
    question = next(q["question"] for q in p.problems if q["field"] == field)
    assert all(v in question for v in values), question


@pytest.mark.parametrize(("text", "field"), OBJECTLESS)
def test_a_job_without_its_object_is_asked(text: str, field: str) -> None:
    """A pronoun for the model, or input data of no amount: the specific field is asked."""
    p = parse_request(text, NOW)
    assert p.needs_clarification and field in asked(p), (text, p.clarify_reason)


@pytest.mark.parametrize("text", NOT_ASKED)
def test_near_misses_go_ahead(text: str) -> None:
    """A currency-less budget (USD), a settled choice, a sized or generating job: no question."""
    p = parse_request(text, NOW)
    assert not p.needs_clarification, (text, p.clarify_reason)
