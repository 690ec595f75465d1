"""Intake time, run-length and amount classes of session 10 (issue 17, helper p17d).

Every phrase is written for this test; none is a scored case of any request set. The
classes: a role word inside one time expression ("tomorrow from 9am", "tonight after
22:00"); "3h30 of wall-clock" as a run length; approximate run lengths in words ("about
one week", "four-ish days", "like 30 minutes on any GPU"); zones named by a tz database id,
a city word of another language or an Indonesian/Indochina abbreviation; and time,
run-length and money phrases of Indonesian, Swahili, Vietnamese, Korean and Hindi-English.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake import parse_request

NOW = datetime(2023, 10, 4, 9, 0, tzinfo=UTC)  # a Wednesday; Europe on CEST (+2)


def _get(text: str, field: str, now: datetime = NOW):
    value = getattr(parse_request(text, now, limits=None), field)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if isinstance(value, datetime) else value


@pytest.mark.parametrize(("text", "field", "want"), [
    ("Book 4 A100s tomorrow from 10am for 6 hours to fine-tune Mistral-7B.",
     "earliest_start", "2023-10-05T10:00:00Z"),
    ("Host a Phi-3 demo on one L4 on 9 October from 14:00 CEST, 3 hours.",
     "earliest_start", "2023-10-09T12:00:00Z"),
    ("Run the Gemma-7B eval on one A10G tonight after 21:30, done by 06:00.",
     "earliest_start", "2023-10-04T21:30:00Z"),
    ("Fine-tune Qwen-7B with LoRA on 2 L4, Friday not before 08:00.",
     "earliest_start", "2023-10-06T08:00:00Z"),
    ("Fine-tune Qwen-7B with LoRA on 2 L4, Friday no later than 16:00.",
     "deadline", "2023-10-06T16:00:00Z"),
])
def test_role_word_inside_one_time(text: str, field: str, want: str) -> None:
    assert _get(text, field) == want


def test_role_word_inside_leaves_no_deadline() -> None:
    text = "Book 4 A100s tomorrow from 10am for 6 hours to fine-tune Mistral-7B."
    assert _get(text, "deadline") is None
    assert _get(text, "duration_hours") == pytest.approx(6)


@pytest.mark.parametrize(("text", "want"), [
    ("Score Pythia-1B on LAMBADA, roughly 2h45 of wall-clock on one A100.", 2.75),
    ("Fine-tune DistilBERT on 300 MB, maybe 1h20 of training on a T4.", 1 + 20 / 60),
    ("Pretrain a 300M model on 16 H100, about one week.", 168),
    ("Pretrain a 300M model on 16 H100, roughly three days, EU only.", 72),
    ("Distil into a 1B student, five-ish days on 32 A100.", 120),
    ("quick eval of opt-350m, like 40 minutes on any gpu", 40 / 60),
])
def test_run_lengths_in_words(text: str, want: float) -> None:
    assert _get(text, "duration_hours") == pytest.approx(want, rel=0.01)


def test_hmm_after_by_stays_a_clock() -> None:
    text = "Batch-embed 20 GB with bge-base on a T4, deliver by 4h15 tomorrow."
    assert _get(text, "duration_hours") is None
    assert _get(text, "deadline") == "2023-10-05T04:15:00Z"


@pytest.mark.parametrize(("text", "want"), [
    ("Fine-tune Llama-3-8B on 2 A100, due Monday 12:00 Europe/Lisbon.", "2023-10-09T11:00:00Z"),
    ("Fine-tune Llama-3-8B on 2 A100, due Monday 12:00 America/Sao_Paulo.",
     "2023-10-09T15:00:00Z"),
    ("Fine-tune Llama-3-8B on 2 A100, senast fredag 15:00 Göteborgstid.", "2023-10-06T13:00:00Z"),
    ("Fine-tune Llama-3-8B na 2 A100, termin piątek 10:00 czasu londyńskiego.",
     "2023-10-06T09:00:00Z"),
    ("Fine-tune Llama-3-8B on 2 A100 by Friday 20:00 WITA.", "2023-10-06T12:00:00Z"),
    ("Fine-tune Llama-3-8B on 2 A100 by Friday 20:00 ICT.", "2023-10-06T13:00:00Z"),
])
def test_zone_words(text: str, want: str) -> None:
    assert _get(text, "deadline") == want


@pytest.mark.parametrize(("text", "field", "want"), [
    ("Tolong jalankan evaluasi Mistral-7B, harus selesai dalam 2 hari.", "deadline",
     "2023-10-06T09:00:00Z"),
    ("Siapkan endpoint untuk Gemma-7B mulai besok jam 09:30 WIB selama 3 hari.",
     "earliest_start", "2023-10-05T02:30:00Z"),
    ("Siapkan endpoint untuk Gemma-7B mulai besok jam 09:30 WIB selama 3 hari.",
     "duration_hours", 72),
    ("Endesha tathmini ya Mistral-7B, imalizike ndani ya siku 2.", "deadline",
     "2023-10-06T09:00:00Z"),
    ("Weka huduma ya Gemma-7B kwa siku tatu kwenye GPU moja.", "duration_hours", 72),
    ("Tafsiri GB 12 za hati kwa NLLB-200.", "dataset_gb", 12),
    ("Fine-tune Gemma-2B, bajeti ni dola 80 tu.", "budget_usd", 80),
    ("Đánh giá Mistral-7B, xong trước thứ Hai.", "deadline", "2023-10-09T00:00:00Z"),
    ("Mistral-7B 평가, 목요일 오전 9시(KST)까지.", "deadline", "2023-10-05T00:00:00Z"),
    ("Mistral-7B ka eval chahiye, kal shaam 6 baje IST tak.", "deadline",
     "2023-10-05T12:30:00Z"),
])
def test_other_languages(text: str, field: str, want: object) -> None:
    got = _get(text, field)
    assert got == (pytest.approx(want) if isinstance(want, int | float) else want)


@pytest.mark.parametrize(("text", "field", "want"), [
    ("Caption about two hundred and forty gigabytes of photos with BLIP-2.", "dataset_gb", 240),
    ("fine tune mistral 7b on like nine gigs of emails", "dataset_gb", 9),
    ("Serve Phi-3-mini on one L4 for thirty-six hours.", "duration_hours", 36),
    ("Full fine-tune of Llama-2-70B on 2 T4s, and our budget is one dollar.", "budget_usd", 1),
    ("job: summarise / model: Llama-2-7B / budget: 1,200 EUR / deadline: 2023-10-20",
     "budget_usd", 1296),
    ("Embed 300 million tokens? no, 30 million tokens with bge-small.", "dataset_tokens",
     30_000_000),
])
def test_amounts(text: str, field: str, want: float) -> None:
    assert _get(text, field) == pytest.approx(want)


@pytest.mark.parametrize("text", [
    "Transkribiere rund 700 Stunden Interview-Audio mit Whisper-large-v3.",
    "Transcribe roughly 250 hours of podcast audio with Whisper-medium.",
    "Sweep 30 configs of a small CNN, each trial ~20 min on one T4.",
    "Grid search over 12 variants, 45 minutes per run on an A10G.",
])
def test_lengths_that_are_not_the_run(text: str) -> None:
    assert _get(text, "duration_hours") is None


@pytest.mark.parametrize("text", [
    "Run the usual Thursday job again, a bit bigger this time.",
    "Repeat our weekly Monday eval of Gemma-7B on one A100.",
    "Fine-tune Phi-3 on 2 GB; legal will tell me Friday whether we can use the data.",
    "Fine-tune Phi-3 on 2 GB; I'll know on Monday which GPUs we get.",
])
def test_days_that_set_no_deadline(text: str) -> None:
    assert _get(text, "deadline") is None


def test_named_weekend() -> None:
    text = "Pretrain a 125M model on 8 A10G, starting after the long weekend."
    assert _get(text, "earliest_start") == "2023-10-09T00:00:00Z"


def test_card_memory_in_brackets_is_not_data() -> None:
    assert _get("Benchmark Mistral-7B on MMLU on one L40S (48 GB).", "dataset_gb") is None
    assert _get("Caption 80k frames with BLIP-base (12 GB).", "dataset_gb") == pytest.approx(12)


@pytest.mark.parametrize(("text", "field", "want"), [
    ("- job: eval\n- model: Gemma-7B\n- carbon: <= 0.8 t", "max_co2_kg", 800),
    ("co2_cap: 250 kg, model: Phi-3-mini, task: eval on MMLU", "max_co2_kg", 250),
    ('{"task": "serve", "model": "Gemma-7B", "duration": "2d"}', "duration_hours", 48),
    ("A Phi-3 demo on one L4, 5 hours on Friday from 13:00 UTC.", "duration_hours", 5),
    ("Serve Gemma-7B on one L4, 4 days starting Monday.", "duration_hours", 96),
    ("LoRA 微调 Qwen-7B，预算 2000 美元。", "budget_usd", 2000),
])
def test_keyed_and_placed_amounts(text: str, field: str, want: float) -> None:
    assert _get(text, field) == pytest.approx(want)


@pytest.mark.parametrize(("text", "want"), [
    ("Caption our photo archive with BLIP-2, it is between 3 and 30 TB, no idea yet.", None),
    ("OCR the scans with Donut, anywhere from 500 GB to 5 TB.", None),
    ("Translate 2 TB of manuals from English to German with NLLB-200.", 2000),
])
def test_size_ranges_state_no_size(text: str, want: float | None) -> None:
    got = _get(text, "dataset_gb")
    assert got == (None if want is None else pytest.approx(want))
