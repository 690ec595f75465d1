"""Values named only by reference to unstated context, and clocks with no zone (session 10)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake import parse_request
from agents.intake.unstated import unnamed_zone, unstated_context

NOW = datetime(2023, 3, 8, 10, 0, tzinfo=UTC)


def test_references_to_earlier_talk_are_asked() -> None:
    parsed = parse_request("Fine-tune the model Priya picked on the usual data, same as last "
                           "time.", NOW)
    assert parsed.needs_clarification
    assert any(q["field"] == "request" for q in parsed.problems)


@pytest.mark.parametrize("text", [
    "Fine-tune Llama-2-7B on 4 GB, same region as last time is fine.",  # one reference
    "Train the usual-sized ViT on 30 GB with 8 A100.",
    "Serve the model we trained, Mistral-7B-ft, on 2 L4 in the EU.",
])
def test_one_reference_or_none_is_no_question(text: str) -> None:
    assert unstated_context(text) == []


def test_clock_in_our_time_is_unset_and_asked() -> None:
    parsed = parse_request("Transcribe 40 GB with Whisper-small, finished by 9am our time on "
                           "Friday.", NOW)
    assert parsed.needs_clarification
    assert parsed.deadline is None


@pytest.mark.parametrize("text", [
    "Done by 9am our time (CET) on Friday.",
    "We're in Oslo, so by 9am our time on Friday.",
    "Deadline Friday 17:00 UTC.",
    "Report by Friday 9am in my local time (Tokyo).",
    "Finish by 6pm our time in Lisbon.",
])
def test_clock_with_a_zone_is_no_question(text: str) -> None:
    assert unnamed_zone(text) == (set(), [])
