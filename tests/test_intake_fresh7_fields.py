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

NOW = datetime(2023, 10, 4, 9, 0, tzinfo=UTC)  # a Wednesday


def _check(text: str, want: dict[str, Any]) -> None:
    got = parse_request(text, NOW, limits=None).fields()
    for key, value in want.items():
        if isinstance(value, float):
            assert got[key] == pytest.approx(value, rel=0.01), (key, got[key])
        elif isinstance(value, list):
            assert sorted(got[key]) == sorted(value), (key, got[key])
        else:
            assert got[key] == value, (key, got[key])


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
