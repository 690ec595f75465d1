"""Spelt-out small amounts of money are budgets (issue 17, session 10)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake import parse_request

NOW = datetime(2023, 3, 8, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(("text", "usd"), [
    ("Eval Phi-2 on GSM8K, 2 GPU-hours, budget is twenty dollars.", 20.0),
    ("Serve Gemma-2B for a day, we can spend forty bucks.", 40.0),
])
def test_word_amount_is_the_budget(text: str, usd: float) -> None:
    assert parse_request(text, NOW).budget_usd == usd


def test_a_one_dollar_budget_for_a_big_run_is_asked() -> None:
    parsed = parse_request("Pretrain a 13B model on 64 H100 for two weeks, the budget is one "
                           "dollar.", NOW)
    assert parsed.budget_usd == 1.0
    assert parsed.needs_clarification
