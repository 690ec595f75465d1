"""Field classes from the fresh10 tuning set, fixed by general mechanisms (issue 17, s8).

Every phrase here is written for this test in new words (none is a case of any labelled
set): the kind implied by what a request names when no job word says it, cities outside
the old gazetteer (zones and places), run lengths of a named job or judged enough, unit
typos in other languages, pinyin and Hindi-English run lengths, and deadline roles (an end
that "closes", a key-value `not_before`, a day only booked for). Near misses sit next to
each class. The checks run without a catalog. NOW is Wednesday 2023-06-14 09:00 UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from agents.intake import parse_request
from tests.intakekit import asked, assert_fields

NOW = datetime(2023, 6, 14, 9, 0, tzinfo=UTC)  # a Wednesday


def _fields(text: str) -> dict[str, Any]:
    return parse_request(text, NOW, limits=None).fields()


# ------------------------------------------------- kind from the material a request names
MATERIAL = [
    # a fine-tuning method on a named model, no job verb
    ("Full-parameter pass on Qwen2-1.5B, 12 GB of forms, 4x L4, by Monday.", "fine-tune"),
    ("Gemma-2B, gradient accumulation 8, 3 GB of notes, one A10G", "fine-tune"),
    # training knobs on a named model
    ("Mistral-7B, 3 epochs over 20 GB, 8 H100, lr 2e-5.", "fine-tune"),
    # a task model with data to go through
    ("got nllb-200-distilled-600M and 45 GB of subtitles, one A10G, spot fine", "batch-inference"),
    ("bge-large-en-v1.5 plus 300 GB of product pages, cheapest possible", "batch-inference"),
    ("distil-whisper-large-v2 vs 2 TB of podcast audio this weekend", "batch-inference"),
    ("hey, paraphrase-multilingual-mpnet-base-v2 over 80 GB of chats, spot is ok",
     "batch-inference"),
]


@pytest.mark.parametrize(("text", "want"), MATERIAL)
def test_kind_from_named_material(text: str, want: str) -> None:
    parsed = parse_request(text, NOW, limits=None)
    assert parsed.kind == want
    assert "kind" not in asked(parsed)


@pytest.mark.parametrize("text", [
    # a general model and data: a fine-tune or a batch pass, still asked
    "Mistral-7B, 20 GB, 8 H100, by Friday.",
    # a task model with no data to go through: a service or a batch, still asked
    "whisper-large-v3 on two L4s next week",
])
def test_too_little_material_still_asks_the_workload(text: str) -> None:
    parsed = parse_request(text, NOW, limits=None)
    assert parsed.kind is None
    assert "kind" in asked(parsed)


# ----------------------------------------------------- cities: zones, places and venues
CITIES = [
    # a city's own zone for a clock time (America/Sao_Paulo is UTC-3)
    ("Evaluate Phi-2 on our test set, results by 17:00 Porto Alegre time on Friday.",
     {"deadline": "2023-06-16T20:00:00Z"}),
    # America/Los_Angeles in June is UTC-7
    ("Serve Llama-2-7B-chat on 2 L4, live by 8am Las Vegas time tomorrow.",
     {"deadline": "2023-06-15T15:00:00Z"}),
    # Asia/Ho_Chi_Minh is UTC+7, written with the city's other name
    ("Fine-tune Gemma-2B on 1 A100, done by 18:00 Hanoi time Thursday.",
     {"deadline": "2023-06-15T11:00:00Z"}),
    # a city where a place is expected is its country
    ("Fine-tune Mistral-7B on 4 A100, keep it in Lyon.", {"regions": ["FR"]}),
    ("Serve Phi-2 on one L4 in Guadalajara or Monterrey.", {"regions": ["MX"]}),
    ("Batch-embed 30 GB with e5-base, run it in Kraków.", {"regions": ["PL"]}),
]


@pytest.mark.parametrize(("text", "want"), CITIES)
def test_world_cities(text: str, want: dict[str, Any]) -> None:
    parsed = parse_request(text, NOW, limits=None)
    assert_fields(parsed.fields(), want)
    assert "regions" not in asked(parsed)


@pytest.mark.parametrize("text", [
    "Serve SDXL-Turbo on two L40S during the expo in Denver, on-demand only.",
    "Host a Phi-2 demo running for the conference in Lisbon next week on one L4.",
])
def test_a_city_where_an_event_is_held_is_no_place_to_run(text: str) -> None:
    parsed = parse_request(text, NOW, limits=None)
    assert parsed.regions == []
    assert "regions" not in asked(parsed)


def test_an_unknown_place_is_still_asked() -> None:
    parsed = parse_request("Fine-tune Gemma-2B on 2 A100, keep it in Atlantis.", NOW,
                           limits=None)
    assert "regions" in asked(parsed)


# ------------------------------------------------------------------------ run lengths
DURATIONS = [
    ("Serve Phi-2 on one L4, 45 mins for the investor demo.", 0.75),
    ("Host Gemma-2B on an L4, 3 days for our booth demo.", 72),
    ("Fine-tune Gemma-2B with LoRA on 1 A100, 5h15 should be plenty.", 5.25),
    ("Eval Mistral-7B on MMLU, 2 hours will do, one A100.", 2),
    # a typo of a run-length unit in another language
    ("Feintuning von Gemma-7B mit LoRA, 4 Wochne, 2 A100.", 672),
    ("Evaluar Phi-2 en 1 L4, 6 hroas.", 6),
    # pinyin number words and Hindi-English run lengths
    ("Xunlian yi ge 1B moxing, 8 zhang A100, liang tian.", 48),
    ("Bushu Mistral-7B, 2 zhang L4, yi ge yue.", 720),
    ("Humein Phi-2 serve karna hai, teen din ke liye, ek L4.", 72),
    ("Gemma-2B fine-tune chahiye, 6 ghante, ek A100.", 6),
    # a length stated as unbroken
    ("Serve Phi-2 on one L4, it has to stay up 30 hours straight.", 30),
    ("Phi-2 chatbot on one L4; it must remain online 5 days without a break.", 120),
    ("Run the Phi-2 eval sweep 20 hours non-stop on 2 A100.", 20),
]


@pytest.mark.parametrize(("text", "hours"), DURATIONS)
def test_run_length_phrasings(text: str, hours: float) -> None:
    assert _fields(text)["duration_hours"] == pytest.approx(hours, rel=0.01)


@pytest.mark.parametrize("text", [
    # near misses: a clock time, hours of data, a time until the deadline
    "Fine-tune Gemma-2B on 1 A100, start at 5h15 tomorrow.",
    "Transcribe 300 hours of calls with Whisper-small on one L4.",
    "Eval Phi-2 on one L4 within 2 hours.",
])
def test_no_run_length_in_near_misses(text: str) -> None:
    assert _fields(text)["duration_hours"] is None


def test_hindi_refusal_of_spot_is_no_spot() -> None:
    assert _fields("Phi-2 serve karna hai ek L4 par, spot nahi chalega.")["interruptible"] is False


# ---------------------------------------------------------------------------- deadlines
DEADLINES = [
    # the end of what the job serves
    ("We need Phi-2 served on one L4 for a fair. The stand opens Monday 9am Pacific and the "
     "fair closes Wednesday 5pm Pacific.", {"earliest_start": "2023-06-19T16:00:00Z",
                                            "deadline": "2023-06-22T00:00:00Z"}),
    ("Serve Phi-2 on one L4. Doors open Monday 9am CET, the venue shuts down Wednesday 5pm CET.",
     {"earliest_start": "2023-06-19T08:00:00Z", "deadline": "2023-06-21T16:00:00Z"}),
    # key-value items
    ("kind: eval\nmodel: Phi-2\ngpu: 1xL4\nnot_before: 2023-06-20 06:00 UTC\n"
     "deadline: 2023-06-20 18:00 UTC", {"earliest_start": "2023-06-20T06:00:00Z",
                                        "deadline": "2023-06-20T18:00:00Z"}),
    ("task=fine-tune model=Gemma-2B earliest_start=2023-06-21 08:00 UTC",
     {"earliest_start": "2023-06-21T08:00:00Z", "deadline": None}),
    # a cued deadline beats a day named earlier with no cue
    ("We have the investor meeting on Friday. Serve Phi-2 on one L4, up by Thursday 15:00 UTC.",
     {"deadline": "2023-06-15T15:00:00Z"}),
    # a Romance "of" joins the clock to its day: Lisbon in June is UTC+1
    ("Evaluar Phi-2 con 1 L4, antes de las 10:00 hora de Lisboa del viernes.",
     {"deadline": "2023-06-16T09:00:00Z"}),
]


@pytest.mark.parametrize(("text", "want"), DEADLINES)
def test_deadline_roles(text: str, want: dict[str, Any]) -> None:
    assert_fields(_fields(text), want)


@pytest.mark.parametrize("text", ["4 A100s for Friday thanks", "some L4s for tomorrow, ok?",
                                  "Serve Gemma-2B on one L4 for the board demo Friday."])
def test_a_day_only_booked_for_sets_no_time(text: str) -> None:
    got = _fields(text)
    assert got["deadline"] is None and got["earliest_start"] is None


def test_a_day_with_a_deadline_word_is_still_a_deadline() -> None:
    got = _fields("Eval Phi-2 on one L4, results needed for Friday.")
    assert got["deadline"] == "2023-06-16T23:59:59Z"
