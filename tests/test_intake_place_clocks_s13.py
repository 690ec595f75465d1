"""A place's clock named in other languages, and windows whose end comes after the start (s13).

Texts written for these tests (not taken from any labelled set): inflected place words
with a time noun ("po sarajevskom vremenu", "berlini idő szerint", "ora Finlandei"), a
country's clock, the part of the day before an Urdu / Bengali hour, and windows "from X
to Y" whose end weekday falls before the start, across a daylight-saving change.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake.parser import parse_request


def _fields(text: str, now: str) -> dict[str, object]:
    when = datetime.fromisoformat(now).replace(tzinfo=UTC)
    return parse_request(text, when).fields()


def _iso(value: object) -> str | None:
    """An ISO datetime field to the minute ("2023-07-06T13:00")."""
    return None if value is None else str(value)[:16]


@pytest.mark.parametrize(("text", "now", "want"), [
    # an adjective of the city with a time noun after it (Bosnian: Sarajevo, CEST in July)
    ("Eval Qwen2-7B na jednoj L4, rok je četvrtak u 15:00 po sarajevskom vremenu.",
     "2023-07-03T08:00", "2023-07-06T13:00"),
    # a Czech adjective of the city before "času" (Madrid, CET in February)
    ("Fine-tune Mistral-7B with LoRA, hotovo do Thursday 10:00 madridského času.",
     "2023-02-06T08:00", "2023-02-09T09:00"),
    # a country's genitive after the time noun (Romanian: Finland -> Helsinki, EEST in June)
    ("Eval Llama-3-8B on one A10G, gata până vineri 09:00 ora Finlandei.",
     "2023-06-05T08:00", "2023-06-09T06:00"),
    # a one-zone country with English "time" (Kenya -> Nairobi, +3)
    ("Transcribe 40 GB of audio with Whisper-small, finished by Tuesday 9am Kenya time.",
     "2023-03-01T08:00", "2023-03-07T06:00"),
    # a Swiss German adjective of the city before "Ziit" (Geneva, CEST in September)
    ("Evaluiered eusers Modell uf ere L4, fertig bis Friday 14:00 Genfer Ziit.",
     "2023-09-04T08:00", "2023-09-08T12:00"),
    # Bengali: the part of the day before the hour and the city's time in Bengali (+6)
    ("Llama-3-8B eval, বুধবার সকাল 7টার মধ্যে (ঢাকা সময়) শেষ করুন।",
     "2023-04-02T06:00", "2023-04-05T01:00"),
    # Urdu: "شام 4 بجے" (4 in the evening) and "کراچی وقت" (Karachi time, +5)
    ("Mistral-7B fine-tune، جمعرات شام 4 بجے (کراچی وقت) تک مکمل کریں۔",
     "2023-04-02T06:00", "2023-04-06T11:00"),
])
def test_place_clock_deadline(text: str, now: str, want: str) -> None:
    assert _iso(_fields(text, now)["deadline"]) == want


def test_inflected_noun_alone_names_no_place() -> None:
    """"dovoljno vremena" (enough time) has no place word: no zone, the bare clock is UTC.

    (A guard on the new rule's reach: it passes without the rule too.)
    """
    f = _fields("Eval Qwen2-7B na L4, imamo dovoljno vremena, rok je petak u 15:00.",
                "2023-07-03T08:00")
    assert _iso(f["deadline"]) == "2023-07-07T15:00"


@pytest.mark.parametrize(("text", "now", "start", "end"), [
    # the end weekday falls before the start: a week on by the local clock, which changed
    # from summer to winter time in between (Lisbon: WEST -> WET on 30 Oct 2022)
    ("Serve Llama-3-8B-Instruct on one L4 from Monday 09:00 to Friday 17:00 Lisbon time.",
     "2022-10-26T12:00", "2022-10-31T09:00", "2022-11-04T17:00"),
    # one date after both ends: the end past midnight is the next day (PST in December)
    ("Our demo endpoint on one L4 must be serving from 10pm to 2am Pacific on Dec 5.",
     "2023-11-20T12:00", "2023-12-06T06:00", "2023-12-06T10:00"),
    # a window's "to" in another language after its "from" word ("od ... do ...",
    # "de ... până ..."), the end weekday before the start's
    ("Inference API na L4: od pondělí 8:00 do pátku 16:00 CET.",
     "2023-01-11T12:00", "2023-01-16T07:00", "2023-01-20T15:00"),
    ("API pe o L4: de luni 08:00 până vineri 20:00 CET.",
     "2023-01-11T12:00", "2023-01-16T07:00", "2023-01-20T19:00"),
])
def test_window_end_after_start(text: str, now: str, start: str, end: str) -> None:
    f = _fields(text, now)
    assert (_iso(f["earliest_start"]), _iso(f["deadline"])) == (start, end)


@pytest.mark.parametrize(("text", "now", "field", "want"), [
    # "after the weekend" (a start, Monday 00:00) and "before the weekend" (Saturday 00:00)
    ("Fine-tune Gemma-2-9B with LoRA. Start etter helga, norsk tid.",
     "2023-09-06T10:00", "earliest_start", "2023-09-10T22:00"),
    ("Trénink ResNet-50 od nuly, spustit až po víkendu.",
     "2023-09-06T10:00", "earliest_start", "2023-09-11T00:00"),
    ("Eval Llama-3-8B na L4, završiti pre vikenda.",
     "2023-09-06T10:00", "deadline", "2023-09-09T00:00"),
    ("Eval Llama-3-8B egy L4-en, a hétvége előtt legyen kész.",
     "2023-09-06T10:00", "deadline", "2023-09-09T00:00"),
    # MYT (Malaysia Time) is UTC+8 all year
    ("Embed 3 GB of Malay news with bge-m3, done by 6 pm on 12 May, MYT.",
     "2023-05-01T02:00", "deadline", "2023-05-12T10:00"),
])
def test_weekend_words_and_myt(text: str, now: str, field: str, want: str) -> None:
    assert _iso(_fields(text, now)[field]) == want


def test_korean_postposition_keeps_the_whole_clock() -> None:
    """"17:30 JST까지": the colon of the clock is no clause break, so "by" takes all of it."""
    f = _fields("Qwen2-7B eval 부탁해요, 목요일 17:30 JST까지 끝내주세요.", "2023-05-01T03:00")
    assert _iso(f["deadline"]) == "2023-05-04T08:30"
