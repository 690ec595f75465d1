"""Field-extraction classes found on the fresh7 set, fixed by rule (issue 17, session 6).

Every phrase here is written for this test (none is a case of any labelled set). Each
class is tried in several shapes, next to near-misses that share its words and must not
trigger. The checks run without a catalog (`limits=None`), so they hold with or without
a loaded store. Times: NOW is Wednesday 2023-10-04 09:00 UTC (summer time still on in
Europe and the US; São Paulo and Buenos Aires are UTC-3).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from agents.intake import parse_request
from tests.intakekit import assert_fields

NOW = datetime(2023, 10, 4, 9, 0, tzinfo=UTC)  # a Wednesday


def _check(text: str, want: dict[str, Any]) -> None:
    assert_fields(parse_request(text, NOW, limits=None).fields(), want)


# ------------------------------------------------ time: offsets, trailing cues, past days
TIMES = [
    # "within N of now" is the plain offset from now
    ("Eval Mistral-7B on MMLU within 20h of now.", {"deadline": "2023-10-05T05:00:00Z"}),
    ("Embed 5 GB with bge-small; it has to be done within 3 days of now.",
     {"deadline": "2023-10-07T09:00:00Z"}),
    # near-miss: an offset from another event is no deadline
    ("Embed 5 GB with bge-small within 3 days of the upload.", {"deadline": None}),
    # a role that closes the clause after the time: "..., not before", "at the earliest"
    ("Run the Phi-2 eval on HellaSwag in 3 hours, not earlier.",
     {"earliest_start": "2023-10-04T12:00:00Z", "deadline": None}),
    ("Transcribe 20 GB with Whisper-small, 22:00 at the earliest.",
     {"earliest_start": "2023-10-04T22:00:00Z", "deadline": None}),
    ("Batch OCR of 8 GB with Donut: in 45 minutes or later.",
     {"earliest_start": "2023-10-04T09:45:00Z", "deadline": None}),
    # near-misses: the cue belongs to the next time, or the cue says deadline
    ("Fine-tune Gemma-2B on 3 GB, done by Monday 09:00, not before Friday.",
     {"deadline": "2023-10-09T09:00:00Z", "earliest_start": "2023-10-06T00:00:00Z"}),
    ("Fine-tune Gemma-2B on 3 GB, Friday 18:00 at the latest.",
     {"deadline": "2023-10-06T18:00:00Z", "earliest_start": None}),
    # the weekend reckoned in the zone written after it
    ("Begin the Qwen-7B LoRA on 2 GB after the weekend (Tokyo time).",
     {"earliest_start": "2023-10-08T15:00:00Z"}),
    ("Finish the Phi-2 eval on MMLU before the weekend, Pacific time.",
     {"deadline": "2023-10-07T07:00:00Z"}),
    # a weekday that names an earlier run is no time
    ("Repeat Monday's run of the Llama-2-7B eval on MMLU.", {"deadline": None}),
    ("Same settings as last Thursday: fine-tune Mistral-7B on 2 GB.", {"deadline": None}),
    ("Fine-tune Mistral-7B on 2 GB by Thursday.", {"deadline": "2023-10-05T23:59:59Z"}),
    # a deadline that already passed is read (and then asked about)
    ("Serve Phi-2 behind an API, due yesterday.",
     {"deadline": "2023-10-03T23:59:59Z", "needs_clarification": True}),
    ("Fine-tune Gemma-2B on 3 GB. Deadline was yesterday.",
     {"deadline": "2023-10-03T23:59:59Z", "needs_clarification": True}),
    ("The data arrived yesterday; fine-tune Gemma-2B on it (3 GB).", {"deadline": None}),
]


@pytest.mark.parametrize(("text", "want"), TIMES)
def test_time_classes(text: str, want: dict[str, Any]) -> None:
    _check(text, want)


# ------------------------------------------- other languages: city zones, tonight, verbs
LANGUAGES = [
    # a city of two words after "horário de" / "hora de" is that city's zone
    ("Treinar o ResNet-50 em 20 GB até sexta-feira às 18h, horário de São Paulo.",
     {"deadline": "2023-10-06T21:00:00Z"}),
    ("Servir Llama-2-7B hasta el lunes a las 9:00, hora de Nueva York.",
     {"deadline": "2023-10-09T13:00:00Z"}),
    ("Evaluar Mistral-7B en MMLU antes del viernes 12:00, hora de Buenos Aires.",
     {"deadline": "2023-10-06T15:00:00Z"}),
    # "this evening" in other languages is a start at 20:00, in the zone stated
    ("Lancez ce soir (heure de Paris) la transcription de 30 Go avec Whisper-large-v3.",
     {"earliest_start": "2023-10-04T18:00:00Z", "kind": "batch-inference"}),
    ("Avvia stasera la traduzione di 10 GB con NLLB-200-600M.",
     {"earliest_start": "2023-10-04T20:00:00Z", "kind": "batch-inference"}),
    ("Bitte heute Abend das Fine-Tuning von Gemma-2B auf 3 GB starten.",
     {"earliest_start": "2023-10-04T20:00:00Z"}),
    # imperative start verbs open a start
    ("Lanza el fine-tune de Mistral-7B sobre 2 GB el viernes a las 10:00.",
     {"earliest_start": "2023-10-06T10:00:00Z", "deadline": None}),
    ("Inicia la transcripción de 40 GB con Whisper-small mañana a las 9:00.",
     {"earliest_start": "2023-10-05T09:00:00Z", "kind": "batch-inference"}),
    # romaji: "only the Japan region"
    ("Qwen-7B no fine-tune, data wa 2 GB, Nihon no region dake de onegaishimasu.",
     {"regions": ["JP"]}),
    ("Whisper-small de 30 GB no transcribe, Nippon no deeta sentaa nomi.", {"regions": ["JP"]}),
]


@pytest.mark.parametrize(("text", "want"), LANGUAGES)
def test_language_classes(text: str, want: dict[str, Any]) -> None:
    _check(text, want)


# ---------------------------------------------------------------- hardware counts and floors
HARDWARE = [
    # one box of N accelerators
    ("Serve Llama-2-13B on a 4-way L40S box for a week.",
     {"gpu_type": "L40S", "gpu_count": 4}),
    ("A 2-way A100 rig for the Mistral-7B fine-tune on 3 GB.", {"gpu_count": 2}),
    # a multiplier word is a count
    ("Dual RTX 4090 workstation, fine-tune Gemma-2B on 3 GB.",
     {"gpu_type": "RTX4090", "gpu_count": 2}),
    ("Octo H100 node for the pretrain of our 3B model on 60B tokens.", {"gpu_count": 8}),
    # near-miss: "dual" that is no count of accelerators
    ("Fine-tune Gemma-2B on 3 GB with a dual objective, on an L4.", {"gpu_count": 1}),
    # a per-node count times the nodes written after it
    ("A100 x4 per node, 3 nodes, train ResNet-50 on 140 GB.", {"gpu_count": 12}),
    ("8 H100 per server across 2 servers for the 7B pretrain on 50B tokens.",
     {"gpu_count": 16}),
    # near-miss: a per-node count with no node count stays as written
    ("8 H100 per node for the 7B pretrain on 50B tokens.", {"gpu_count": 8}),
    # a MIG slice is part of one GPU: no count, and its profile is no size
    ("Put the Phi-2 eval on a MIG 2g.20gb slice of an H100, 2 GPU-hours.",
     {"gpu_type": "H100", "gpu_count": None, "dataset_gb": None, "min_gpu_mem_gb": None}),
    ("Serve our ranker on a MIG 1g.10gb instance, needs at least 10 GB, for 7 days.",
     {"gpu_count": None, "min_gpu_mem_gb": 10.0, "dataset_gb": None}),
    # a floor on the hardware is no type
    ("Fine-tune Mistral-7B on 2 GB, L4 or better.", {"gpu_type": None}),
    ("Eval Llama-2-13B on MMLU on at least an A10G.", {"gpu_type": None}),
    ("Batch-embed 9 GB with bge-base on A10G and up.", {"gpu_type": None}),
    # near-miss: a plain type
    ("Fine-tune Mistral-7B on 2 GB on one L4.", {"gpu_type": "L4", "gpu_count": 1}),
]


@pytest.mark.parametrize(("text", "want"), HARDWARE)
def test_hardware_classes(text: str, want: dict[str, Any]) -> None:
    _check(text, want)


# ------------------------------------------- units: compound run lengths, word money, sizes
UNITS = [
    # a smaller unit added to a run length
    ("Train ResNet-50 on 90 GB for 3 days and 12 hours on 4 A100.", {"duration_hours": 84.0}),
    ("Serve Phi-2 for 1 hour 30 minutes on one L4.", {"duration_hours": 1.5}),
    ("Fine-tune Gemma-2B on 3 GB, runtime 2 days, 4 hours.", {"duration_hours": 52.0}),
    # near-miss: a second length of another thing is not added
    ("Serve Phi-2 for 2 days, 4 A10G, checkpoint every 6 hours.", {"duration_hours": 48.0}),
    # an amount in words before a currency word
    ("Eval Mistral-7B on MMLU, twenty bucks tops.", {"budget_usd": 20.0}),
    ("Embed 4 GB with bge-small for fifty euros at most.", {"budget_usd": 54.0}),
    ("Fine-tune Llama-2-7B on 5 GB, three grand max.", {"budget_usd": 3000.0}),
    # near-miss: a price per hour in words is no budget
    ("Serve Phi-2 on an L4 for 3 days, it costs about two dollars per hour.",
     {"budget_usd": None}),
    # a size after "<verb> of a": the model's size
    ("bf16 pretrain of a 7B on 4 H100 nodes, 100B tokens.", {"params_b": 7.0}),
    ("Quick fine-tune of a 3B on 2 GB of chats.", {"params_b": 3.0}),
    # near-miss: a token count after the same words is no model size
    ("Pretrain of a 2B tokens corpus for a GPT-style model on 8 H100.", {"params_b": None}),
]


@pytest.mark.parametrize(("text", "want"), UNITS)
def test_unit_classes(text: str, want: dict[str, Any]) -> None:
    _check(text, want)


# ------------------------------------------- key-value requests ("spot: false", "gpu_hours=1")
KEY_VALUES = [
    ("kind: eval\nmodel: Mistral-7B\nspot: false\ngpu_hours: 12", {"interruptible": False,
                                                                  "gpu_hours": 12.0}),
    ("model=Phi-2; kind=fine-tune; dataset=2 GB; preemptible=no", {"interruptible": False}),
    ('{"task": "eval", "model": "Gemma-7B", "gpu_hours": 3, "spot": "no"}',
     {"interruptible": False, "gpu_hours": 3.0}),
    ("task=eval model=Llama-2-7B gpu-hours=40", {"gpu_hours": 40.0}),
    # near-miss: prose about spot, not a key
    ("Eval Mistral-7B on MMLU: spot would be nice but no spot if it costs us the deadline, "
     "12 GPU-hours.", {"gpu_hours": 12.0}),
]


@pytest.mark.parametrize(("text", "want"), KEY_VALUES)
def test_key_value_classes(text: str, want: dict[str, Any]) -> None:
    _check(text, want)


# ------------------------------------------- kind, objective, typos, provider exclusions
WORDING = [
    # a batch word that describes the model is not the job
    ("Need 8 V100s for the OCR model training, 50 GB.", {"kind": "train"}),
    ("Fourteen GPU-days for the summarisation model training on 30 GB.", {"kind": "train"}),
    ("Run inference for our re-ranker on one L4 for 10 days.", {"kind": "inference"}),
    ("Run inference for our embedder on one A10G for a month.", {"kind": "inference"}),
    # near-miss: the batch verb itself is the job
    ("Classify 20 GB of tickets with our fine-tuned classifier.", {"kind": "batch-inference"}),
    # "bench <model>" is an eval
    ("Bench our AWQ Mistral-7B build on one A10G tonight.", {"kind": "eval"}),
    ("Please bench the Gemma-7B checkpoint, 4 GPU-hours.", {"kind": "eval"}),
    # a real English word is no typo of a key word
    ("Batch translate 30 GB with NLLB-200-1.3B, it is an escalation.",
     {"kind": "batch-inference"}),
    ("Serve Phi-2 for the trainee cohort for 3 days.", {"kind": "inference"}),
    ("evaulation of Mistral-7B on MMLU", {"kind": "eval"}),
    # the criterion named, then referred back to
    ("Pretrain our 1B model on 10B tokens. Emissions are what the board tracks, so cut them.",
     {"objective": "greenest"}),
    ("Fine-tune Gemma-2B on 3 GB. Our CO2 gets reported yearly; minimise it.",
     {"objective": "greenest"}),
    # a worry about the bill
    ("Eval Llama-2-13B on MMLU. Last month the invoice was way too high.",
     {"objective": "cheapest"}),
    ("Fine-tune Phi-2 on 1 GB; if the bill comes in high again finance will fire me.",
     {"objective": "cheapest"}),
    # near-miss: a bill that is not a worry
    ("Fine-tune Phi-2 on 1 GB; the bill is not high, we need it ASAP.",
     {"objective": "fastest"}),
    # "keep it out of <provider>"
    ("Serve Mistral-7B for a week, and keep it out of Vast and Lium.",
     {"exclude_providers": ["vast", "lium"]}),
    ("Fine-tune Gemma-2B on 2 GB; stay out of Azure.", {"exclude_providers": ["azure"]}),
    ("Serve Phi-2 for 3 days. Keep the whole thing out of Hyperbolic.",
     {"exclude_providers": ["hyperbolic"]}),
]


@pytest.mark.parametrize(("text", "want"), WORDING)
def test_wording_classes(text: str, want: dict[str, Any]) -> None:
    _check(text, want)
