"""place_writer (issue 17, session 10): the writer's or users' place is no region."""

from datetime import UTC, datetime

import pytest

from agents.intake.parser import parse_request

NOW = datetime(2023, 5, 2, 9, 0, tzinfo=UTC)


def _regions(text: str) -> set[str]:
    return {r.upper() for r in parse_request(text, NOW, limits=None).regions}


@pytest.mark.parametrize("text, want", [
    ("We're a small law firm in Madrid. Eval Mistral-7B on 1 L4, data must stay in France.",
     {"FR"}),
    ("I am a PhD student from Kraków; fine-tune Qwen2-7B with LoRA on 2 GB, EU only.", {"EU"}),
    ("Our bakery chain based in Lyon wants Llama-3-8B served for a week on 1 L4.", set()),
    ("The new portal launches in Tokyo next month: serve Qwen2-7B on one L4 for 30 days.",
     set()),
    ("Serve Qwen2-7B on one L4 for a week. Budget AU$ 900, hosting in Australia only.",
     {"AU"}),
    ("Eval Phi-3-mini on 1 T4, the corpus lives in eu-west-1 and has to stay there.",
     {"eu-west-1".upper()}),
])
def test_writer_and_user_places(text: str, want: set[str]) -> None:
    assert _regions(text) == want


@pytest.mark.parametrize("text, want", [
    ("We are only allowed to run in Germany. Eval Mistral-7B on 1 L4.", {"DE"}),
    ("We are happy to host it in Sweden: serve Qwen2-7B on one L4 for a week.", {"SE"}),
])
def test_rules_after_we_are_stay_rules(text: str, want: set[str]) -> None:
    assert _regions(text) == want
