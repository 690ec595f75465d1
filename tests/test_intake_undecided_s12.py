"""Options the user has not chosen between (`open_choices`, `vague_values`, session 12).

Sentences are written for the test. A cue that nobody has decided ("can't decide",
"hasn't confirmed", "depends on legal", "I don't remember" in other languages) with two
options leaves that field unset and asked; options handed to the scheduler ("L40S or
A100 depending on price", "whichever is cheaper") and settled choices are not asked.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake import parse_request
from agents.intake.open_choices import open_choices
from agents.intake.schema import ParsedRequest
from agents.intake.vague_values import unsized_batch

NOW = datetime(2023, 5, 10, 9, 0, tzinfo=UTC)


def _parse(text: str) -> ParsedRequest:
    return parse_request(text, NOW, limits=None, attack_model=None, kind_model=None)


@pytest.mark.parametrize(("text", "field"), [
    # two budgets, the decision someone else's or forgotten
    ("Fine-tune Phi-2 on 5 GB. Budget 300 dollars... or 3000? Finance hasn't confirmed.",
     "budget_usd"),
    ("Fine-tune Mistral-7B on 8 GB, budget $800 or $1200, it depends on the grant board.",
     "budget_usd"),
    ("Entrena Mistral-7B con 6 GB, presupuesto 400 o 4000 dólares, no recuerdo cuál.",
     "budget_usd"),
    ("Обучи Mistral-7B на 6 GB, бюджет 400 или 4000 долларов, не помню точно.",
     "budget_usd"),
    # two model sizes or models, the choice pending
    ("Fine-tune a Qwen model, 14B or 72B depending on what legal approves, 30 GB of chats.",
     "model"),
    ("Serve a demo for 3 days on 1 L4; which model depends on sign-off: Phi-2 or our own.",
     "model"),
    # two deadlines, pending someone
    ("Eval Gemma-2B on 2 GB. Done by Tuesday, or maybe Thursday, depends on the client.",
     "deadline"),
])
def test_undecided_options_asked(text: str, field: str) -> None:
    p = _parse(text)
    assert p.needs_clarification
    assert field in [q["field"] for q in p.problems]
    assert getattr(p, field) is None


def test_two_kinds_each_hedged() -> None:
    unset, problems = open_choices("something on the A100 box, maybe fine-tune maybe just "
                                   "eval, we'll see. 6 hours?", ParsedRequest())
    assert "kind" in unset and problems[0].field == "kind"


def test_count_not_decided_despite_whichever() -> None:
    p = _parse("Train ResNet-50 on 30 GB with 2 GPUs, or 4, honestly I can't decide - whichever.")
    assert p.gpu_count is None and p.needs_clarification


def test_unitless_run_length_before_hardware() -> None:
    p = _parse("train our segmentation net for 12 on 2 A100s, 9 GB of scans")
    assert p.needs_clarification and p.duration_hours is None
    assert "duration_hours" in [q["field"] for q in p.problems]


@pytest.mark.parametrize("text", [
    "Train Mistral-7B on 20 GB on A100s or H100s depending on availability.",
    "Serve Phi-2 on an L40S or an A100 depending on price, for 2 days.",
    "Fine-tune Mistral-7B on 10 GB, budget $500 (about 460 EUR).",
    "Fine-tune Mistral-7B on 10 GB with 4 GPUs, or 8 if cheaper, whichever is cheaper.",
    "The run time depends on the data size; fine-tune Phi-2 on 4 GB on 1 A100.",
    "Eval Gemma-2B on 2 GB, done by Tuesday. Budget $200, confirmed by finance.",
    "Train ResNet-50 for 12 hours on 2 A100s, 9 GB.",
    "Fine-tune Llama-3-8B on 5 GB; maybe we add more data later, maybe not.",
])
def test_look_alikes_not_asked(text: str) -> None:
    p = _parse(text)
    assert not [q for q in p.problems if "not decided" in q["reason"]
                or "two values" in q["reason"] or "no unit" in q["reason"]]


@pytest.mark.parametrize("text", [
    "classify 5万条用户评论 with Qwen-7B, cheapest please",
    "classify 3천 건 reviews with Qwen-7B",
    "classify 200 тыс. отзывов with Qwen-7B",
])
def test_batch_amount_counted_in_other_scripts(text: str) -> None:
    assert unsized_batch(text, ParsedRequest(kind="batch-inference", model="Qwen-7B")) == []


def test_batch_without_amount_still_asked() -> None:
    p = ParsedRequest(kind="batch-inference", model="Qwen-7B")
    assert unsized_batch("classify the user reviews with Qwen-7B, cheapest please", p)
