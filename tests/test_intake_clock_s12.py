"""A day's clock a few unknown words away, dotted / "8h30" clocks, "30.11." (s12, issue 17)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake.parser import parse_request
from agents.intake.timeparse import find_times

NOW = datetime(2023, 10, 25, 9, 0, tzinfo=UTC)  # a Wednesday


def _deadline(text: str) -> datetime | None:
    hits = find_times(text, NOW).deadlines
    return hits[0].value if hits else None


@pytest.mark.parametrize(("text", "want"), [
    # unknown words between the day and its clock (the parser reads only digits and the day)
    ("Abgabe: Friday, spätestens gegen 16.45 bitte", datetime(2023, 10, 27, 16, 45, tzinfo=UTC)),
    ("deadline Thursday (torstai) 20:00", datetime(2023, 10, 26, 20, 0, tzinfo=UTC)),
    ("ferdig Monday kl. 07.30", datetime(2023, 10, 30, 7, 30, tzinfo=UTC)),
    ("due Friday, vers 8h30", datetime(2023, 10, 27, 8, 30, tzinfo=UTC)),
    # the clock before its day
    ("deadline 21:00 mañana no, Friday", datetime(2023, 10, 27, 21, 0, tzinfo=UTC)),
    # year-first date, then a comma and the clock
    ("határidő 2023. december 9., 18:00", datetime(2023, 12, 9, 18, 0, tzinfo=UTC)),
    # a day and month closed by dots before a clock time
    ("valmis 05.12. klo 14.30", datetime(2023, 12, 5, 14, 30, tzinfo=UTC)),
    ("gotowe 5.12. godz. 9:15", datetime(2023, 12, 5, 9, 15, tzinfo=UTC)),
])
def test_day_takes_the_clock_near_it(text: str, want: datetime) -> None:
    assert _deadline(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # a word that starts with a zone city right after the clock names its zone
    ("deadline Friday, 18:00 budapesti idő", datetime(2023, 10, 27, 16, 0, tzinfo=UTC)),
    ("klart Wednesday at 14.00 Stockholms tid", datetime(2023, 11, 1, 13, 0, tzinfo=UTC)),
    ("termin Monday 10:00 (Londons tid)", datetime(2023, 10, 30, 10, 0, tzinfo=UTC)),
    ("Friday, 12:00 madridi idő", datetime(2023, 10, 27, 10, 0, tzinfo=UTC)),
])
def test_city_word_after_the_clock_gives_its_zone(text: str, want: datetime) -> None:
    assert _deadline(text) == want


@pytest.mark.parametrize("text", [
    "Train on 08.00 GPUs by Friday",  # an amount, not a clock
    "done by Friday, v2.00 of the model",  # a version
    "run for 20:00 minutes, due Friday",  # a duration
    "due Friday, 3.5 hours",
    "due Friday, 12.50 EUR max",
    "done by Friday, python 3.10 please",
    "due Friday, 4 GPUs, 20:00",  # a number between: the clock is not the day's
])
def test_look_alikes_leave_the_day_alone(text: str) -> None:
    assert _deadline(text) == datetime(2023, 10, 27, 23, 59, 59, tzinfo=UTC)


def test_a_loose_clock_alone_is_no_deadline() -> None:
    assert find_times("a second pass of 3h30 on 2 cards", NOW).deadlines == []
    assert find_times("costs 08.00 per hour", NOW).deadlines == []
    assert find_times("it must be done in 2h45 of wall time", NOW).deadlines == []


def test_a_clock_cued_for_another_role_stays_its_own() -> None:
    hits = find_times("due Friday, start not before 20.00", NOW)
    assert hits.deadlines[0].value == datetime(2023, 10, 27, 23, 59, 59, tzinfo=UTC)
    assert hits.starts[0].value == datetime(2023, 10, 25, 20, 0, tzinfo=UTC)


def test_two_clocks_the_nearest_is_the_days() -> None:
    hits = find_times("due Friday (fredag) kl. 09.00, eller 17.00", NOW)
    assert [h.value for h in hits.deadlines] == [datetime(2023, 10, 27, 9, 0, tzinfo=UTC)]
    hits = find_times("due Monday 08:00, and Tuesday 20:00 for the second", NOW)
    assert hits.deadlines[0].value == datetime(2023, 10, 30, 8, 0, tzinfo=UTC)


def test_sentence_end_stops_the_attachment() -> None:
    hits = find_times("Due Friday. 18:00 Dublin is when the lab closes.", NOW)
    assert datetime(2023, 10, 27, 18, 0, tzinfo=UTC) not in [h.value for h in hits.deadlines]


@pytest.mark.parametrize(("text", "want"), [
    ("Vi behöver finjustera Llama-3-8B med LoRA, klart onsdag kl. 14.00 Stockholms tid.",
     datetime(2023, 11, 1, 13, 0, tzinfo=UTC)),
    ("Proszę o fine-tune Llama-3-8B. Termin: 14.12. godz. 09.00, dziękuję",
     datetime(2023, 12, 14, 9, 0, tzinfo=UTC)),
    ("Fine-tune de Mistral-7B: il faut que ce soit prêt vendredi, disons vers 8h30.",
     datetime(2023, 10, 27, 8, 30, tzinfo=UTC)),
    ("Fine-tune do Llama-3-8B. Prazo: sexta-feira, no máximo 18h30 horário de Lisboa",
     datetime(2023, 10, 27, 17, 30, tzinfo=UTC)),
    ("LoRA fine-tune Llama-3-8B-re, határidő 2023. december 1., 10:00 madridi idő szerint.",
     datetime(2023, 12, 1, 9, 0, tzinfo=UTC)),
])
def test_whole_requests(text: str, want: datetime) -> None:
    assert parse_request(text, NOW).deadline == want


def test_single_quoted_keys_state_the_role() -> None:
    now = datetime(2023, 12, 12, 9, 0, tzinfo=UTC)
    hits = find_times("job=reindex window_start='Sat 22:00 Seoul' window_end='Sun 06:00 Seoul'",
                      now)
    assert [h.value for h in hits.starts] == [datetime(2023, 12, 16, 13, 0, tzinfo=UTC)]
    assert hits.deadlines[0].value == datetime(2023, 12, 16, 21, 0, tzinfo=UTC)
    # a quote in prose is no key: "it's" before a time states no role
    hits = find_times("the note said 'Friday 18:00' and that's it", now)
    assert hits.starts == []
