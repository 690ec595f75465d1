"""Reproducers `evals.intake_fuzz` found, shrunk, one test each (issue 17)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from agents.intake import parse_request
from agents.intake.romanised import _WHEN
from agents.intake.text import normalise
from evals.fuzz_checks import all_problems

NOW = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("now", [datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC),
                                 datetime(1, 1, 1, tzinfo=UTC)])
def test_a_clock_at_datetimes_edge_parses_without_a_time(now: datetime) -> None:
    # was: OverflowError in timeparse.resolve (`now.astimezone` past year 9999)
    parsed = parse_request("fine-tune Llama-3-8B by Friday 17:00 Berlin time", now)
    assert parsed.kind == "fine-tune"
    assert parsed.deadline is None or parsed.deadline > now  # none past year 9999
    assert all_problems("", parsed) == []


def test_zero_tokens_is_no_token_count() -> None:
    # was: dataset_tokens=0 from "1/0M tokens" (superscripts after NFKC)
    parsed = parse_request("Train a BERT-base classifier on \u00b9/\u2070M tokens, 4x V100", NOW)
    assert parsed.dataset_tokens is None
    assert all_problems("", parsed) == []


def test_a_long_unbroken_run_is_split_for_the_extractors() -> None:
    # 8,000 digits took 15 s: `[^\s]*\d[^\s]*`-style patterns are quadratic in a run
    runs = normalise("9" * 8000 + " ok").split()
    assert max(map(len, runs)) == 256
    assert "".join(runs[:-1]) == "9" * 8000


def test_a_base64_blob_splits_on_a_decodable_boundary() -> None:
    blob = "QUJD" * 100  # 400 chars: "ABC" x 100
    assert [len(r) for r in normalise(blob).split()] == [256, 144]


def test_nfkc_expansion_is_cut_and_flagged() -> None:
    # "\ufdfa" is 18 characters after NFKC: 8,000 of them were 144,000 characters parsed
    parsed = parse_request("\ufdfa" * 8000, NOW)
    assert parsed.needs_clarification
    assert "length" in {p["field"] for p in parsed.problems}


def test_the_romanised_time_pattern_reads_the_first_digit_only_one_way() -> None:
    # `[^\s,;.]*\d[^\s,;.]*` let every digit of a run be "the" digit (cubic backtracking);
    # the first class now excludes digits, so the same strings match in one way
    assert re.fullmatch(_WHEN, "22:00 IST", re.IGNORECASE)
    assert re.fullmatch(_WHEN, "shukravaar 5pm", re.IGNORECASE)
    assert r"[^\s,;.]*\d" not in _WHEN
