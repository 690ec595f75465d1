"""The intake fuzzer (issue 17): a small seeded run keeps the invariants checked in CI."""

from __future__ import annotations

from datetime import datetime

import pytest

from agents.intake import ParsedRequest
from evals import intake_fuzz
from evals.intake_fuzz import cases, fuzz, mutants, run_one, shrink


def test_a_seeded_run_finds_no_crash_slow_parse_or_broken_invariant() -> None:
    # 100 KB texts are left to `python -m evals.intake_fuzz` (about a second each)
    result = fuzz(300, seed=0, graph=True, shrink_budget=0, exclude=("huge",))
    assert [(f["signature"], f["mutations"]) for f in result["findings"]] == []
    assert result["mutants"] == 300


def test_the_same_seed_gives_the_same_mutants() -> None:
    pool = cases()[:50]
    first = [(m.text, m.now) for m in mutants(pool, 40, seed=7)]
    assert first == [(m.text, m.now) for m in mutants(pool, 40, seed=7)]
    assert first != [(m.text, m.now) for m in mutants(pool, 40, seed=8)]


def _crashes_on_gpu(text: str, now: datetime) -> ParsedRequest:
    if "GPU" in text:
        raise ZeroDivisionError("planted")
    return ParsedRequest()


def test_a_crash_is_reported_with_its_site_and_shrunk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(intake_fuzz, "parse_request", _crashes_on_gpu)
    now = cases()[0].now
    outcome = run_one("Run it on 8 GPUs in the EU, please", now, graph=False)
    assert [(k, s.split(" at ")[0]) for k, s, _ in outcome.failures] == [
        ("crash", "ZeroDivisionError")]
    signature = outcome.failures[0][1]
    assert shrink("Run it on 8 GPUs in the EU, please", now, signature, graph=False) == "GPU"


def test_a_question_without_needs_clarification_is_a_finding(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(intake_fuzz, "parse_request",
                        lambda text, now: ParsedRequest(clarify_question="Which GPU?"))
    outcome = run_one("anything", cases()[0].now, graph=False)
    assert [k for k, _, _ in outcome.failures] == ["invariant"]
    assert "needs_clarification is False" in outcome.failures[0][2]
