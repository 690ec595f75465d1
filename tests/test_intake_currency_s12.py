"""A budget in a currency with no rate, converted by the user in the same breath (s12).

"£250, which finance says is $315" gives its USD figure: that is the budget and nothing is
asked. A rated amount for something else, or none, leaves the question.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake import parse_request
from agents.intake.schema import ParsedRequest

NOW = datetime(2023, 5, 10, 9, 0, tzinfo=UTC)


def _parse(text: str) -> ParsedRequest:
    return parse_request(text, NOW, limits=None, attack_model=None, kind_model=None)


@pytest.mark.parametrize(("text", "usd"), [
    ("Fine-tune Phi-2 on 4 GB, budget £400 (roughly $505).", 505.0),
    ("Fine-tune Phi-2 on 4 GB, budget CHF 900, which is about EUR 930.", 1004.4),
    ("Eval Gemma-2B on 1 L4, max ₹40,000 = $480 in total.", 480.0),
])
def test_stated_equivalent_is_the_budget(text: str, usd: float) -> None:
    p = _parse(text)
    assert p.budget_usd == pytest.approx(usd)
    assert not [q for q in p.problems if q["field"] == "budget_usd"]


@pytest.mark.parametrize("text", [
    "Fine-tune Phi-2 on 4 GB, budget £400.",
    "Fine-tune Phi-2 on 4 GB, budget CHF 900. Storage is billed separately at $30.",
    "Fine-tune Phi-2 on 4 GB for £400; last month's run cost us $250 on another provider.",
])
def test_unconverted_budget_still_asked(text: str) -> None:
    p = _parse(text)
    assert "budget_usd" in [q["field"] for q in p.problems]
