"""Two options for one field and nobody has chosen (issue 17, session 10): asked, unset.

Phrases are written for the test (none copied from a labelled set). Near-misses: options
the user leaves open on purpose ("whichever is cheaper"), and a decision made.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake import parse_request

NOW = datetime(2023, 3, 8, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(("text", "unset"), [
    ("Fine-tune Qwen-7B or maybe Phi-3-mini on 4 GB of tickets, haven't settled, "
     "we're still choosing.", "model"),
    ("We'd like to serve either Gemma-2B or Mistral-7B, not decided, for 3 days on one L4.",
     "model"),
    ("Benchmark or fine-tune Llama-3-8B on these 2 GB, whatever you think is best.", "kind"),
    ("Deadline 14 March or 21 March, I have to confirm with legal. Eval Phi-2, 2 GPU-hours.",
     "deadline"),
    ("Fine-tune T5-base on 2 GB, cap 300 (euros or dollars, can't remember which).",
     "budget_usd"),
    ("Translate our manuals with NLLB-200-1.3B, between 50 and 500 GB, not sure yet.",
     "dataset_gb"),
    ("Train ViT-B on 20 GB. Finance wants cheapest, but the team wants fastest.", "objective"),
])
def test_undecided_field_is_asked_and_unset(text: str, unset: str) -> None:
    parsed = parse_request(text, NOW)
    assert parsed.needs_clarification
    assert getattr(parsed, unset) is None
    assert any(q["field"] == unset for q in parsed.problems)


@pytest.mark.parametrize("text", [
    "Fine-tune Mistral-7B on 3 GB with LoRA, on L40S or A100, whichever is cheaper.",
    "Serve Gemma-7B in Frankfurt or Paris for 2 days, either is fine.",
    "Eval Llama-3-8B on MMLU or ARC, 3 GPU-hours; I'm sure about the budget: $50.",
    "Fine-tune Phi-2 on 2 GB; we decided on LoRA after comparing LoRA or full fine-tuning.",
    # the cue is about something else (another clause or sentence)
    "Serve Mistral-7B in Paris or Frankfurt for 2 days; not sure about traffic yet.",
    "Eval Gemma-7B or Gemma-2B on MMLU, both please, 4 GPU-hours. We are not sure the 2B fits.",
    "Fine-tune Phi-2 on 3 GB with LoRA or QLoRA, whichever is cheaper, no idea which is faster.",
])
def test_options_left_open_on_purpose_are_no_question(text: str) -> None:
    parsed = parse_request(text, NOW)
    assert not any(q["reason"].endswith("not decided yet") or "not decided yet (" in q["reason"]
                   for q in parsed.problems), parsed.problems
