"""Session 12 (issue 17): a city's clock, start words and shared zones in more wordings.

Each case is a phrasing of a class, written for this file (not copied from a request set):
a city's time as "<time word> <city>" in Greek, Ukrainian, Tagalog, Turkish, Persian,
Hebrew and Arabic; a city named right after a clock ("Friday 17:30 Nairobi"); spoken
clocks ("ten thirty tokyo time"); "within N hours of this message"; one zone for a
sentence's times; "the same day"; "before then"; Russian / Ukrainian start words, months
and relative times; Indonesian "sebelum" (before); Hindi "से" (from); a lower-case
"eastern" after a clock; "3h30 max runtime"; a bracketed date restating "after the
weekend". Each rule has look-alikes that must not trigger it.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake.lexicon import rewrite
from agents.intake.parser import parse_request

NOW = datetime(2023, 6, 14, 9, 0, tzinfo=UTC)  # a Wednesday; Europe on summer time


def parse(text: str):
    return parse_request(text, NOW, limits=None)


def iso(value: datetime | None) -> str | None:
    return value.strftime("%Y-%m-%dT%H:%M") if value else None


@pytest.mark.parametrize(("text", "deadline"), [
    # Greek "ώρα Αθήνας" (Athens time, EEST +3), "στις" (at)
    ("Fine-tune Gemma-2B on 1 L4, finish by Friday στις 09:30 ώρα Αθήνας", "2023-06-16T06:30"),
    # Arabic "بتوقيت دبي" (Dubai time, +4)
    ("Evaluate Llama-3-8B on 1 H100, by Friday 18:00 بتوقيت دبي", "2023-06-16T14:00"),
    # Hebrew "שעון ירושלים" (Jerusalem time, IDT +3): "before Thursday" = its 00:00 there
    ("Fine-tune Mistral-7B on 2 H100, done before Thursday, שעון ירושלים", "2023-06-14T21:00"),
    # a city named right after a clock time closes the clause
    ("Summarise 2 GB of tickets with Llama-3-8B, deadline Friday 17:30 Nairobi; 1 L4",
     "2023-06-16T14:30"),
    ("Evaluate Llama-3-8B on 1 H100 by Thursday 5pm Lima.", "2023-06-15T22:00"),
    # spoken clocks (dictation)
    ("serve llama three on one L4 and have it up by ten thirty tokyo time tomorrow",
     "2023-06-15T01:30"),
    ("evaluate Llama-3-8B before seven pm london time on friday", "2023-06-16T18:00"),
    # a lower-case "eastern" right after a clock time
    ("evaluate Llama-3-8B on 1 H100, done by friday 9:00 eastern", "2023-06-16T13:00"),
    # "within N hours of this message": now + N
    ("Classify 3 GB of scans with Donut-base within 36 hours of this message",
     "2023-06-15T21:00"),
    # Indonesian "sebelum" is "before": a day's 00:00, a clock's own time
    ("Eval Llama-3-8B di 1 H100, selesai sebelum Kamis", "2023-06-15T00:00"),
    ("Eval Llama-3-8B di 1 H100, selesai sebelum jam 3 sore WIB", "2023-06-15T08:00"),
    # Chinese: only the time words before 之前 / 前 are the deadline
    ("用两张H100评估Llama-3-8B，台北时间6月20日下午3点之前完成", "2023-06-20T07:00"),
])
def test_deadline_in_a_city_clock(text: str, deadline: str) -> None:
    assert iso(parse(text).deadline) == deadline


@pytest.mark.parametrize(("text", "start"), [
    # Ukrainian "не раніше ніж у вівторок о 08:00 за київським часом" (EEST +3)
    ("Оцінити Llama-3-8B на одній H100, не раніше ніж у вівторок о 08:00 за київським часом",
     "2023-06-20T05:00"),
    # Russian "Старт не раньше 3 июля 06:00 МСК" (+3)
    ("Дообучить Llama-3-8B на 8 H100. Старт не раньше 3 июля 06:00 МСК", "2023-07-03T03:00"),
    # Tagalog "huwag simulan bago mag-7:00 ng umaga, oras sa Maynila" (+8)
    ("Eval ng Llama-3-8B, huwag simulan bago mag-7:00 ng umaga, oras sa Maynila",
     "2023-06-14T23:00"),
    # Turkish "yarın saat 14:30'dan (Ankara saati) itibaren" (+3)
    ("Llama-3-8B eval, 1 H100, yarın saat 14:30'dan (Ankara saati) itibaren", "2023-06-15T11:30"),
    # Persian "از ساعت 10:00 فردا به وقت تهران" (+3:30)
    ("ارزیابی Llama-3-8B روی 1 H100، از ساعت 10:00 فردا به وقت تهران", "2023-06-15T06:30"),
    # Hindi "कल सुबह 9 बजे (IST) से" (from tomorrow 9 am IST)
    ("Llama-3-8B की inference API, कल सुबह 9 बजे (IST) से 2 दिन तक", "2023-06-15T03:30"),
    # Chinese: a start verb right after its time
    ("请在东京时间明天早上 9 点开始跑 eval: Llama-3-8B, 1 x H100", "2023-06-15T00:00"),
])
def test_start_words_in_more_languages(text: str, start: str) -> None:
    parsed = parse(text)
    assert iso(parsed.earliest_start) == start
    assert parsed.deadline is None


def test_relative_start_and_deadline_in_russian() -> None:
    parsed = parse("Оценка Llama-3-8B на 1 H100: начать через 2 часа, закончить в течение "
                   "10 часов")
    assert iso(parsed.earliest_start) == "2023-06-14T11:00"
    assert iso(parsed.deadline) == "2023-06-14T19:00"


def test_one_zone_for_a_sentences_times() -> None:
    parsed = parse("Transcribe 40 GB of audio with Whisper, not before 21:00 Lisbon time, "
                   "finished before 05:00.")
    assert iso(parsed.earliest_start) == "2023-06-14T20:00"
    assert iso(parsed.deadline) == "2023-06-15T04:00"
    parsed = parse("Eval Llama-3-8B: з 09:00 Thursday за київським часом by 18:00 Friday.")
    assert iso(parsed.earliest_start) == "2023-06-15T06:00"
    assert iso(parsed.deadline) == "2023-06-16T15:00"
    # look-alike: a deadline day before the start is asked, not moved a week on
    parsed = parse("Eval Llama-3-8B: start Friday 09:00 Kyiv time, done by Thursday 18:00.")
    assert iso(parsed.deadline) == "2023-06-15T15:00"
    assert parsed.needs_clarification


@pytest.mark.parametrize(("text", "deadline"), [
    # a new sentence names its own clock: the zone is not carried over
    ("Evaluate Llama-3-8B. Start 21:00 CET. Results by 23:00.", "2023-06-14T23:00"),
    # a calendar date with no clock stays a UTC day
    ("Pretrain a 1B model on 5B tokens, start 2023-06-20 08:00 CET, finish by 2023-06-25.",
     "2023-06-25T23:59"),
])
def test_zone_not_borrowed(text: str, deadline: str) -> None:
    assert iso(parse(text).deadline) == deadline


def test_same_day_keeps_the_date_and_asks_when_it_ends_first() -> None:
    parsed = parse("Start the Llama-3-8B LoRA no earlier than 19:00 CEST on 20 June 2023 and "
                   "finish by 16:00 UTC the same day, 1 A100.")
    assert iso(parsed.deadline) == "2023-06-20T16:00"
    assert parsed.needs_clarification
    # look-alike: no "same day", the bare clock after a start is the next morning
    parsed = parse("Evaluate Llama-3-8B: kick off at 23:00 and finish by 06:00.")
    assert iso(parsed.deadline) == "2023-06-15T06:00"


def test_before_then_refers_back_to_an_event() -> None:
    parsed = parse("The workshop opens Thursday 10:00 Paris time, so the fine-tuned "
                   "Mistral-7B must exist before then. 2 L4.")
    assert iso(parsed.deadline) == "2023-06-15T08:00"
    assert parsed.earliest_start is None
    parsed = parse("The workshop opens Thursday 10:00 Paris time; serve Mistral-7B from then.")
    assert parsed.deadline is None


def test_restated_date_after_the_weekend_is_the_start() -> None:
    parsed = parse("after the holiday weekend (so Tuesday 20 June) please start embedding "
                   "20M sentences with all-MiniLM-L6-v2 on a T4")
    assert iso(parsed.earliest_start) == "2023-06-20T00:00"
    assert parsed.deadline is None


def test_runtime_with_hours_and_minutes_is_no_clock() -> None:
    parsed = parse("eval Meditron-7B on MedQA, 1xA100-80G, 2h45 max runtime")
    assert parsed.deadline is None


@pytest.mark.parametrize("text", [
    "deadline Friday 17:30, Nairobi region only, eval Llama-3-8B on 1 L4",  # a region, no zone
    "run nine thirty-minute evals of Llama-3-8B on 1 L4",  # counts, no clock
    "evaluate Llama-3-8B by Friday, eastern europe only",  # a place, no zone
])
def test_lookalikes_keep_utc(text: str) -> None:
    parsed = parse(text)
    assert parsed.deadline is None or parsed.deadline.hour in (17, 23)
    assert parsed.earliest_start is None


@pytest.mark.parametrize(("text", "unchanged"), [
    ("the model saa 7 dakika", "saa 7"),  # Swahili hours, no clock
    ("use the H100 from el 2 cluster", "el 2"),
])
def test_rewrite_lookalikes(text: str, unchanged: str) -> None:
    assert unchanged in rewrite(text)[0]


@pytest.mark.parametrize("text", [
    "Run the Llama-3-8B fine-tune on 4 H100. Done by Friday, or maybe the Friday after.",
    "Qwen-7B-Chat demo, 1 L4, from 10:00 to 18:00 JST on 2023-06-20. Wait, or was it the "
    "21st? Marketing will confirm.",
    "Start the Mistral-7B eval on Monday or possibly Tuesday, 1 L4.",
])
def test_a_date_given_two_ways_is_asked(text: str) -> None:
    parsed = parse(text)
    assert parsed.deadline is None and parsed.earliest_start is None
    assert parsed.needs_clarification
    assert any("two ways" in q["reason"] for q in parsed.problems)


@pytest.mark.parametrize(("text", "deadline"), [
    ("Fine-tune Llama-3-8B on 4 H100 by Friday or earlier", "2023-06-16T23:59"),
    ("Evaluate Llama-3-8B on 1 H100 by Friday. Or use 2 H100 on Monday if cheaper.",
     "2023-06-16T23:59"),
])
def test_one_date_with_an_or_is_kept(text: str, deadline: str) -> None:
    assert iso(parse(text).deadline) == deadline


@pytest.mark.parametrize(("text", "start"), [
    # a digit hour with "o'clock" after a day
    ("Transcribe 900 hours of audio on 2 A100s, start it Thursday, say 7 o'clock Athens time",
     "2023-06-15T04:00"),
    # Persian "ساعت 8 صبح" (8 in the morning) after "از" (from)
    ("سرویس Whisper-medium روی 1 T4، از ساعت 8 صبح فردا به وقت تهران و به مدت 10 ساعت",
     "2023-06-15T04:30"),
])
def test_more_clock_words(text: str, start: str) -> None:
    assert iso(parse(text).earliest_start) == start


def test_a_time_taken_back_with_not_gives_way_to_its_correction() -> None:
    parsed = parse("Host Llama-2-13B-chat in the EU, available from Monday 07:00 CET until "
                   "Friday 17:00 CET.\n\nP.S. the start is Monday 09:00 CET, not 07:00.")
    assert iso(parsed.earliest_start) == "2023-06-19T08:00"
    parsed = parse("eval Llama-3-8B by Friday, not Thursday")
    assert iso(parsed.deadline) == "2023-06-16T23:59"
    # look-alike: "not before" is a start cue, no correction
    parsed = parse("eval Llama-3-8B on Monday, not before 09:00")
    assert iso(parsed.earliest_start) == "2023-06-19T09:00"
