"""Clarification classes from the fresh9 tuning set (issue 17, seventh session, round 2).

Every phrase is written for the test (none is copied from a labelled set): a value the user
promises to give later (a country, a budget, a deadline), ... Near misses go ahead without
a question.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake import parse_request
from tests.intakekit import assert_fields

NOW = datetime(2023, 3, 8, 10, 0, tzinfo=UTC)  # a Wednesday


def _asked(p) -> set[str]:
    return {q["field"] for q in p.problems}


#: (text, the field asked about, fields still read)
ASKED = [
    # a value promised for later
    ("Fine-tune Gemma-7B on 4 A100. It must stay in the client's country; I'll let you know "
     "which one tomorrow.", "regions", {"kind": "fine-tune", "gpu_count": 4, "regions": None}),
    ("Serve Mistral-7B on 2 L4 for a week, region to be confirmed later by legal.", "regions",
     {"kind": "inference", "regions": None}),
    ("Eval Phi-2 on 1 T4. Budget around 300 dollars, but let me check with my manager on the "
     "budget.", "budget_usd", {"kind": "eval", "budget_usd": None}),
    ("Train our 1B model on 8 H100s; we'll confirm the deadline next week.", "deadline",
     {"kind": "train", "gpu_count": 8}),
]

#: near misses: no question
BENIGN = [
    "Fine-tune Gemma-7B on 2 A100 in the EU; I'll check the loss curves when it finishes.",
    "Serve Mistral-7B on 1 L4 for 6 hours in Germany. I will tell you how the demo went.",
    "Eval Phi-2 on 1 T4 for 2 hours, budget $40, let me know where it ran.",
]


@pytest.mark.parametrize("text,field,want", ASKED)
def test_asked(text, field, want):
    p = parse_request(text, NOW)
    assert p.needs_clarification and field in _asked(p), (p.clarify_reason, _asked(p))
    assert_fields(p.fields(), want)


@pytest.mark.parametrize("text", BENIGN)
def test_near_miss_goes_ahead(text):
    p = parse_request(text, NOW)
    assert not p.needs_clarification, p.clarify_reason
