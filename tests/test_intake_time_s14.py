"""Deadline, earliest-start and run-length rules of session 14 (issue 17), on own texts.

Each text imitates a class of errors on the fresh18-23 sets with other words, numbers
and places: one table of clock nouns for both of its readers, month names of more
languages (day first and month first), "not before" forms that govern their time through
a preposition, start words of other languages, a form's label of several words, parts of
the day around an hour, and run lengths stated with an estimate, a run-time word or a month.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake.clock_nouns import clock_nouns, plain
from agents.intake.lexicon import rewrite
from agents.intake.not_run_places import names_no_run_place
from agents.intake.parser import parse_request
from agents.intake.place_clocks import place_city

NOW = datetime(2023, 6, 7, 9, 0, tzinfo=UTC)  # a Wednesday


def _parse(text: str, now: datetime = NOW):  # type: ignore[no-untyped-def]
    return parse_request(text, now, limits=None, attack_model=None, kind_model=None)


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------- one table of clock nouns
def test_plain_case_folds_and_drops_accents() -> None:
    assert plain("Straße") == "strasse"
    assert plain("Bucureștiului") == "bucurestiului"


def test_both_readers_share_the_clock_nouns() -> None:
    after = clock_nouns("after").split("|")
    assert "laiku" in after and "time" in after and "ziit" in after
    assert "čase" in after and "case" not in after  # "čase" only with its accent
    text = "Potrebujem to hotové do 14:00 bratislavského času, prosím."
    start = text.index("bratislavského")
    assert names_no_run_place(text, start, start + len("bratislavského"))
    assert place_city("bratislavského") == "bratislava"


# ------------------------------------------------------------------ months of more languages
@pytest.mark.parametrize(("text", "deadline"), [
    ("Fine-tune Gemma-2B pe 3 GB, gata până pe 18 iulie.", "2023-07-18T23:59:59Z"),
    ("Evaluácia Mistral-7B na L4, hotovo do 22. júla.", "2023-07-22T23:59:59Z"),
    ("Embeddings con bge-m3, prazo: 9 de xullo.", "2023-07-09T23:59:59Z"),
    ("Fine-tune Llama-3-8B, határidő: július 12-én.", "2023-07-12T23:59:59Z"),
    ("Embed 4 GB of manuals with e5-large, deadline 11 Temmuz.", "2023-07-11T23:59:59Z"),
])
def test_a_month_named_in_another_language_is_a_date(text: str, deadline: str) -> None:
    assert _iso(_parse(text).deadline) == deadline


def test_a_month_word_without_a_day_is_no_date() -> None:
    assert "July" not in rewrite("Am lucrat în iulie la un model nou.")[0]


# ------------------------------------------------------- "not before" through a preposition
@pytest.mark.parametrize(("text", "start"), [
    ("Ewaluacja Llama-3-8B na 1 L4, nie wcześniej niż w sobotę 07:30 UTC.",
     "2023-06-10T07:30:00Z"),
    ("Valutazione di Mistral-7B su 1 L4, non prima delle 23:00 UTC.", "2023-06-07T23:00:00Z"),
    ("Evaluare Gemma-2B pe 3 GB, cel mai devreme pe 14 iunie.", "2023-06-14T00:00:00Z"),
])
def test_not_before_governs_its_time_through_a_short_word(text: str, start: str) -> None:
    got = _parse(text)
    assert _iso(got.earliest_start) == start
    assert got.deadline is None


def test_a_window_from_to_keeps_both_ends() -> None:
    got = _parse("Ewaluacja Llama-3-8B na L4 od piątku 09:00 do piątku 17:00 UTC.")
    assert _iso(got.earliest_start) == "2023-06-09T09:00:00Z"
    assert _iso(got.deadline) == "2023-06-09T17:00:00Z"


# ------------------------------------------------------------ start words of other languages
@pytest.mark.parametrize(("text", "start"), [
    ("Pornim evaluarea Gemma-2B vineri la 10:00 UTC.", "2023-06-09T10:00:00Z"),
    ("Inizio della valutazione di Mistral-7B: sabato 08:00 UTC.", "2023-06-10T08:00:00Z"),
    ("Llama-3-8B kiértékelés, holnap 14:00 UTC induljon.", "2023-06-08T14:00:00Z"),
])
def test_a_start_word_makes_the_time_a_start(text: str, start: str) -> None:
    got = _parse(text)
    assert _iso(got.earliest_start) == start
    assert got.deadline is None


def test_a_start_key_after_a_deadline_leaves_it_a_deadline() -> None:
    got = _parse("Eval of Gemma-2B on one L4: deadline Friday 12:00 UTC, start: asap.")
    assert _iso(got.deadline) == "2023-06-09T12:00:00Z"


# ------------------------------------------------------------------ labels and long names
def test_a_label_of_several_words_states_the_role() -> None:
    text = ("Workload: NER over 9 GB of notes\nModel: BioBERT-base\n"
            "Not before: Saturday 06:00 UTC\nRegion: EU only")
    got = _parse(text)
    assert _iso(got.earliest_start) == "2023-06-10T06:00:00Z"
    assert got.deadline is None


def test_cannot_start_a_long_named_run_before_a_time() -> None:
    got = _parse("Please don't start the Qwen2-7B-Instruct LoRA sweep job before 21:00 UTC.")
    assert _iso(got.earliest_start) == "2023-06-07T21:00:00Z"
    assert got.deadline is None


# --------------------------------------------------------------------- parts of the day
@pytest.mark.parametrize(("text", "deadline"), [
    ("Evaluasi Llama-3-8B, siap sebelum Jumaat pukul 12 tengah hari UTC.",
     "2023-06-09T12:00:00Z"),
    ("Evaluasi Mistral-7B, siap sebelum Jumaat 4 petang UTC.", "2023-06-09T16:00:00Z"),
    ("Evaluare Gemma-2B, gata până vineri la 7 dimineața UTC.", "2023-06-09T07:00:00Z"),
    ("Llama-3-8B kiértékelés, legkésőbb péntek reggel 7-kor UTC.", "2023-06-09T07:00:00Z"),
])
def test_an_hour_with_its_part_of_the_day_is_a_clock(text: str, deadline: str) -> None:
    assert _iso(_parse(text).deadline) == deadline


# ------------------------------------------------------------------------ run lengths
@pytest.mark.parametrize(("text", "hours"), [
    ("Ewaluacja Llama-3-8B na jednej L4, około 5 godzin.", 5),
    ("Llama-3-8B QLoRA fine-tune, 2 nap futásidő, 1 H100.", 48),
    ("Vi ska köra en chattbot med Mistral-7B på en L4 i en månad.", 720),
    ("Pelatihan YOLOv8 dari nol, kira-kira 2 hari dengan 4 GPU.", 48),
])
def test_a_run_length_stated_another_way(text: str, hours: float) -> None:
    assert _parse(text).duration_hours == pytest.approx(hours)


@pytest.mark.parametrize(("text", "deadline"), [
    ("Fine-tune Gemma-2B på 3 GB, må være ferdig innen 10 dager.", "2023-06-17T09:00:00Z"),
    ("Fine-tuning de Gemma-2B con 3 GB, que termine en los próximos 3 días.",
     "2023-06-10T09:00:00Z"),
])
def test_within_n_days_in_another_language_is_a_deadline(text: str, deadline: str) -> None:
    got = _parse(text)
    assert _iso(got.deadline) == deadline
    assert got.duration_hours is None


@pytest.mark.parametrize(("text", "deadline"), [
    ("Cần fine-tune Llama-3-8B, phải xong trước 15:00 ngày 20/6 UTC.", "2023-06-20T15:00:00Z"),
    ("Treinar o classificador com 2 GB, pronto dia 21 às 10:00 UTC.", "2023-06-21T10:00:00Z"),
])
def test_a_day_after_the_word_for_day_is_a_date(text: str, deadline: str) -> None:
    assert _iso(_parse(text).deadline) == deadline


def test_a_day_word_before_a_month_keeps_the_month() -> None:
    assert "14 May" in rewrite("Entrenar el modelo antes del día 14 de mayo.")[0]


def test_a_done_word_keeps_a_deadline_in_a_sentence_opened_by_a_start_word() -> None:
    got = _parse("Spustit klasifikaci XLM-R na L4 nejdříve v úterý v 8:00 UTC, hotovo do čtvrtka "
                 "18:00 UTC.")
    assert _iso(got.earliest_start) == "2023-06-13T08:00:00Z"
    assert _iso(got.deadline) == "2023-06-08T18:00:00Z"


def test_a_bracketed_zone_after_the_start_word_is_the_times_zone() -> None:
    got = _parse("Llama-3-8B QLoRA, 1 H100: holnap reggel 6-kor induljon (budapesti idő).")
    assert _iso(got.earliest_start) == "2023-06-08T04:00:00Z"


def test_a_bracketed_remark_after_a_zoned_time_changes_nothing() -> None:
    got = _parse("Eval Gemma-2B on one L4 by Friday 10:00 UTC, thanks (Paris office).")
    assert _iso(got.deadline) == "2023-06-09T10:00:00Z"
