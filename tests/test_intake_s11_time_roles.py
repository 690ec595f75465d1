"""Session 11 (issue 17): time roles and clocks in other people's words.

Each case is a phrasing of a class, written for this file (not copied from a request set):
Korean postposed roles ("까지", "부터", "이후") and run lengths ("2주 안에", "3일 동안"),
Hindi "तक" and weekdays, an hour with no minutes after a date ("lunes a las 9", "lundi à 9h",
"om 9 uur"), a weekday before the date it names, day-month dates before a clock ("6/20 9am",
"14.03. um 12:00"), chat/log stamps, file names and versions (never job times), a span
of time after a start verb ("Kick off ... in 3 days"), a weekday after a past verb ("as
discussed on Monday"), and a day with no cue in a request with no job. Each rule has
benign look-alikes that must not trigger it.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake.log_stamps import stamp_spans
from agents.intake.parser import parse_request

NOW = datetime(2023, 6, 14, 9, 0, tzinfo=UTC)  # a Wednesday


def parse(text: str):
    return parse_request(text, NOW, limits=None)


def iso(value: datetime | None) -> str | None:
    return value.strftime("%Y-%m-%dT%H:%M") if value else None


@pytest.mark.parametrize(("text", "deadline"), [
    ("Mistral-7B LoRA 파인튜닝, 다음 주 월요일 오전 9시 KST까지 끝내야 해요.", "2023-06-19T00:00"),
    ("Mistral-7B 파인튜닝을 금요일까지 부탁합니다.", "2023-06-16T23:59"),
    ("Mistral-7B 파인튜닝, 2주 안에 끝나면 좋겠어요.", "2023-06-28T09:00"),
    ("Mistral-7B 파인튜닝, 7월 3일까지.", "2023-07-03T23:59"),
    ("Evaluate Mistral-7B, शुक्रवार तक", "2023-06-16T23:59"),
    ("Evaluate Mistral-7B, shukravar tak khatam karna hai", "2023-06-16T23:59"),
])
def test_postposed_deadlines(text: str, deadline: str) -> None:
    assert iso(parse(text).deadline) == deadline


@pytest.mark.parametrize(("text", "start"), [
    ("Mistral-7B 파인튜닝, 내일 오후 3시부터 시작해 주세요.", "2023-06-15T15:00"),
    ("Mistral-7B 파인튜닝, 22시 이후에 시작.", "2023-06-14T22:00"),
    ("Fine-tune Mistral-7B, começando amanhã às 8h horário de Brasília.", "2023-06-15T11:00"),
    ("Servir Mistral-7B, à partir du lundi 19 juin à 9h (heure de Paris).", "2023-06-19T07:00"),
    ("Start the Mistral-7B fine-tune in 3 days.", "2023-06-17T09:00"),
])
def test_start_cues(text: str, start: str) -> None:
    parsed = parse(text)
    assert iso(parsed.earliest_start) == start
    assert parsed.deadline is None


def test_korean_run_length_and_counter() -> None:
    parsed = parse("Mistral-7B 파인튜닝, H100 4장, 3일 동안.")
    assert (parsed.duration_hours, parsed.gpu_count, parsed.gpu_type) == (72, 4, "H100")


def test_korean_place_postposition_is_not_a_time() -> None:
    assert parse("Mistral-7B 파인튜닝, 서울까지 가는 데이터 2 GB.").deadline is None


@pytest.mark.parametrize(("text", "deadline"), [
    ("Evalúa Mistral-7B antes del lunes a las 9.", "2023-06-19T09:00"),
    ("Valuta Mistral-7B entro lunedì alle 9.", "2023-06-19T09:00"),
    ("Evalueer Mistral-7B vóór maandag om 9 uur.", "2023-06-19T09:00"),
    ("Evaluate Mistral-7B by Friday at 9.", "2023-06-16T09:00"),
    ("Fine-tune Mistral-7B, fertig am 20.06. um 12:00 Berliner Zeit.", "2023-06-20T10:00"),
])
def test_hour_after_a_date_is_a_clock(text: str, deadline: str) -> None:
    parsed = parse(text)
    assert iso(parsed.deadline) == deadline
    assert parsed.duration_hours is None


@pytest.mark.parametrize("text", [
    "Evaluate Mistral-7B by Friday at 8 GPUs.",
    "Evaluate Mistral-7B by Friday at 5 nodes max.",
])
def test_count_after_a_date_is_not_a_clock(text: str) -> None:
    assert iso(parse(text).deadline) == "2023-06-16T23:59"


def test_us_month_day_before_a_clock() -> None:
    parsed = parse("Serve Mistral-7B: starts 6/20 9am ET, ends 6/23 9pm ET.")
    assert (iso(parsed.earliest_start), iso(parsed.deadline)) == (
        "2023-06-20T13:00", "2023-06-24T01:00")


def test_lower_case_weekday_window() -> None:
    parsed = parse("Serve Mistral-7B for our launch, sat 10am to mon 10am PT.")
    assert (iso(parsed.earliest_start), iso(parsed.deadline)) == (
        "2023-06-17T17:00", "2023-06-19T17:00")


@pytest.mark.parametrize("text", [
    "The data sat 10 days in S3; fine-tune Mistral-7B by Friday.",
    "Fine-tune Mistral-7B with python 3.10 at 9am tomorrow.",
])
def test_look_alikes_of_dates(text: str) -> None:
    parsed = parse(text)
    assert parsed.deadline is not None and parsed.deadline.day in (15, 16)


@pytest.mark.parametrize(("text", "stamp"), [
    ("[14:02 CEST] <marta> we need a pretrain", "[14:02 CEST]"),
    ("[09:14] alice: can we fine-tune?", "[09:14]"),
    ("09:14 <bob> fine-tune please", "09:14"),
    ("2023-06-01 03:12:44,120 ERROR OOM on node 3", "2023-06-01 03:12:44,120"),
    ("score eval_2023-06-20.jsonl with it", "eval_2023-06-20.jsonl"),
    ("read logs/2023-06-20/run.txt", "logs/2023-06-20/run.txt"),
    ("serve v2023.06.1 of it", "v2023.06.1"),
])
def test_stamps_found(text: str, stamp: str) -> None:
    assert stamp in [text[s:e] for s, e in stamp_spans(text)]


@pytest.mark.parametrize("text", [
    "Fine-tune Mistral-7B by 2023-06-30 18:00.",
    "not before 22:00 CEST today",
    "start at 09:14 tomorrow",
])
def test_job_times_are_no_stamps(text: str) -> None:
    assert stamp_spans(text) == []


def test_chat_stamp_is_not_a_deadline() -> None:
    parsed = parse("[11:02 CEST] <marta> pretrain a ViT-B/16 on 2 TB, not before 22:00 CEST "
                   "today, in Germany")
    assert parsed.deadline is None
    assert iso(parsed.earliest_start) == "2023-06-14T20:00"


def test_date_in_a_file_name_is_not_a_deadline() -> None:
    assert parse("Evaluate Mistral-7B on eval_2023-06-20.jsonl.").deadline is None


def test_span_after_a_start_verb_then_a_deadline() -> None:
    parsed = parse("Kick off the Mistral-7B fine-tune in 3 days; it must be finished within "
                   "48 hours from now.")
    assert (iso(parsed.earliest_start), iso(parsed.deadline)) == (
        "2023-06-17T09:00", "2023-06-16T09:00")


@pytest.mark.parametrize("text", [
    "Fine-tune Mistral-7B in 3 days.",
    "Start fine-tuning Mistral-7B; it has to be done in 3 days.",
    "Find the optimal start time in the next 3 days for a Mistral-7B eval.",
])
def test_spans_that_stay_deadlines(text: str) -> None:
    parsed = parse(text)
    assert iso(parsed.deadline) == "2023-06-17T09:00" and parsed.earliest_start is None


def test_weekday_after_a_past_verb() -> None:
    assert parse("As discussed with Priya on Monday, evaluate Mistral-7B, 40 GPU-hours."
                 ).deadline is None


@pytest.mark.parametrize("text", [
    "We agreed on Tuesday to evaluate Mistral-7B by Friday.",
    "Evaluate Mistral-7B, I said it must finish on Friday.",
])
def test_past_verb_look_alikes(text: str) -> None:
    assert iso(parse(text).deadline) == "2023-06-16T23:59"


@pytest.mark.parametrize("text", ["need gpus friday", "Need 8 H100s next Friday.",
                                  "is there capacity friday?"])
def test_no_job_no_cue_no_deadline(text: str) -> None:
    assert parse(text).deadline is None


@pytest.mark.parametrize("text", ["We need GPUs. Lots. By Friday.", "Fine-tune Mistral-7B friday",
                                  "book the GPUs for the thing, before the weekend"])
def test_cued_or_with_a_job_stays(text: str) -> None:
    assert parse(text).deadline is not None


@pytest.mark.parametrize(("text", "hours"), [
    ("推論エンドポイント: Qwen-7B, A100 1枚, 2週間。", 336),
    ("部署 Qwen-7B 推理服务 2周。", 336),
    ("Serve Qwen-7B for 3か月.", 2160),
])
def test_cjk_weeks_and_months(text: str, hours: float) -> None:
    assert parse(text).duration_hours == hours


def test_cjk_weekday_is_no_week() -> None:
    parsed = parse("Qwen-7B 评估，周五之前完成。")
    assert iso(parsed.deadline) == "2023-06-16T23:59" and parsed.duration_hours is None


def test_event_word_takes_the_role_of_its_lead() -> None:
    parsed = parse("Score headlines with Qwen2-1.5B. Start after the market closes, 16:30 UTC "
                   "today, and results before the open at 09:30 tomorrow.")
    assert (iso(parsed.earliest_start), iso(parsed.deadline)) == (
        "2023-06-14T16:30", "2023-06-15T09:30")


@pytest.mark.parametrize(("text", "deadline"), [
    ("Serve Qwen2-1.5B until the show closes Thursday 6pm.", "2023-06-15T18:00"),
    ("Serve Qwen2-1.5B; the window ends at 17:00.", "2023-06-14T17:00"),
    ("Keep the Qwen2-1.5B endpoint up, starting Monday and ending Wednesday.",
     "2023-06-21T23:59"),
])
def test_event_words_alone_keep_their_role(text: str, deadline: str) -> None:
    assert iso(parse(text).deadline) == deadline


def test_that_same_weekday() -> None:
    parsed = parse("Scoring with XLM-R. Don't start before 20:00 CET on Friday, and it must be "
                   "done by 18:00 UTC that same Friday.")
    assert iso(parsed.deadline) == "2023-06-16T18:00"


def test_tonights_run_with_a_clock_is_the_clock() -> None:
    parsed = parse("Retrain the fraud model; tonight's run needs 4 T4 for 3 hours and can't "
                   "start before 01:00 UTC.")
    assert iso(parsed.earliest_start) == "2023-06-15T01:00"


def test_tonights_run_alone_is_tonight() -> None:
    assert iso(parse("Batch-score 45 GB with DistilBERT in tonight's run.").earliest_start) \
        == "2023-06-14T20:00"


@pytest.mark.parametrize("text", ["hey can u sort the thing from tuesday, ta",
                                  "As per your email from Tuesday, evaluate Qwen2-1.5B."])
def test_thing_from_a_weekday_is_past(text: str) -> None:
    parsed = parse(text)
    assert parsed.deadline is None and parsed.earliest_start is None


@pytest.mark.parametrize("text", ["Run the Qwen2-1.5B eval from Tuesday.",
                                  "Serve Qwen2-1.5B, the meeting from Tuesday onwards."])
def test_from_a_weekday_still_starts(text: str) -> None:
    assert iso(parse(text).earliest_start) == "2023-06-20T00:00"


@pytest.mark.parametrize(("now", "text", "deadline"), [
    # EU: summer time from 26 March 2023 (02:00 CET)
    ("2023-03-24T09:00", "Fine-tune Qwen-7B by Saturday 09:00 Berlin time.", "2023-03-25T08:00"),
    ("2023-03-24T09:00", "Fine-tune Qwen-7B by Sunday 09:00 Berlin time.", "2023-03-26T07:00"),
    ("2023-03-24T09:00", "Fine-tune Qwen-7B by Sunday 09:00 CET.", "2023-03-26T08:00"),  # fixed
    # US: daylight time from 12 March 2023
    ("2023-03-10T09:00", "Fine-tune Qwen-7B by Saturday 9am ET.", "2023-03-11T14:00"),
    ("2023-03-10T09:00", "Fine-tune Qwen-7B by Sunday 9am ET.", "2023-03-12T13:00"),
    # Australia: daylight time ends 2 April 2023 (03:00 AEDT)
    ("2023-03-31T09:00", "Fine-tune Qwen-7B by Saturday 9am AET.", "2023-03-31T22:00"),
    ("2023-03-31T09:00", "Fine-tune Qwen-7B by Monday 9am AET.", "2023-04-02T23:00"),
    ("2023-03-31T09:00", "Fine-tune Qwen-7B by Monday 9am Sydney time.", "2023-04-02T23:00"),
    # "Central European Time" in words follows the place (generic), like "Berlin time"
    ("2023-10-27T09:00", "Fine-tune Qwen-7B by Saturday 9am Central European Time.",
     "2023-10-28T07:00"),
    ("2023-10-27T09:00", "Fine-tune Qwen-7B by Monday 9am Central European Time.",
     "2023-10-30T08:00"),
])
def test_dst_boundaries(now: str, text: str, deadline: str) -> None:
    when = datetime.fromisoformat(now).replace(tzinfo=UTC)
    assert iso(parse_request(text, when, limits=None).deadline) == deadline


@pytest.mark.parametrize("text", [
    "Évaluer Mistral-7B d'ici mardi 20 juin à 14h30.",
    "Mistral-7B evaluieren bis Dienstag, 20. Juni um 14:30 Uhr.",
    "Evaluar Mistral-7B antes del martes 20 de junio a las 14:30.",
    "Mistral-7B evalueren vóór dinsdag 20 juni om 14.30 uur.",
    "Mistral-7B 評価、6月20日 14時30分までに。".replace("14時30分", "14:30"),
    "Mistral-7B 评估，6月20号下午2点半之前完成。",
    "Mistral-7B 평가, 6월 20일 오후 2시 30분까지.",
])
def test_weekday_date_and_clock_in_many_languages(text: str) -> None:
    parsed = parse(text)
    assert iso(parsed.deadline) == "2023-06-20T14:30"
    assert parsed.duration_hours is None


@pytest.mark.parametrize("text", ["Évaluer Mistral-7B avant lundi prochain à 9h.",
                                  "Evaluar Mistral-7B antes del próximo lunes a las 9.",
                                  "Valutare Mistral-7B entro lunedì prossimo alle 9."])
def test_next_weekday_words(text: str) -> None:
    assert iso(parse(text).deadline) == "2023-06-19T09:00"


def test_cjk_month_is_no_monday() -> None:
    parsed = parse("Mistral-7B の評価、7月3日までにお願いします。")
    assert iso(parsed.deadline) == "2023-07-03T23:59"


@pytest.mark.parametrize(("text", "deadline"), [
    ("Ewaluacja Bielik-11B, około 20 godzin GPU, do piątku do 15:00 czasu warszawskiego.",
     "2023-06-16T13:00"),
    ("Ewaluacja Bielik-11B do jutra.", "2023-06-15T23:59"),
])
def test_polish_do_is_by(text: str, deadline: str) -> None:
    assert iso(parse(text).deadline) == deadline


def test_polish_window_and_english_do_left() -> None:
    from agents.intake.lexicon import rewrite
    assert "from Monday to Friday" in rewrite("Serwer z Bielik-11B od poniedziałku do piątku.")[0]
    assert rewrite("I do 15:00 syncs; evaluate Bielik-11B.")[0].startswith("I do 15:00")


@pytest.mark.parametrize(("text", "deadline"), [
    ("Serve Qwen-7B from 20 June; shut it down on 30 June.", "2023-06-30T23:59"),
    ("Serve Qwen-7B from 20 June; tear it down on 30 June.", "2023-06-30T23:59"),
])
def test_shut_it_down_on_a_day_is_a_deadline(text: str, deadline: str) -> None:
    assert iso(parse(text).deadline) == deadline


def test_shut_down_with_no_time_sets_nothing() -> None:
    parsed = parse("Serve Qwen-7B; shut down the old endpoint first.")
    assert parsed.deadline is None and parsed.earliest_start is None


def test_small_hour_after_a_date_is_left() -> None:
    assert iso(parse("Evaluate Mistral-7B by Friday at 5.").deadline) == "2023-06-16T23:59"
