"""A stated total GPU count that the rest of the text contradicts (issue 17, session 10)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake import parse_request
from agents.intake.count_totals import total_conflict

NOW = datetime(2023, 3, 8, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize("text", [
    "Train our 3B model on 16 GPUs in total: 4 nodes with 8 A100 each.",
    "Serve Phi-3-mini from a single GPU, 4x L4 please, for a week.",
])
def test_contradicting_total_is_asked_and_unset(text: str) -> None:
    parsed = parse_request(text, NOW)
    assert parsed.needs_clarification
    assert parsed.gpu_count is None
    assert any(q["field"] == "gpu_count" for q in parsed.problems)


@pytest.mark.parametrize(("text", "count"), [
    ("32 GPUs overall, i.e. 4 nodes with 8 each", 32),
    ("8x H100, 8 GPUs total", 8),
    ("a single GPU for the eval, 8 A100 for training", 8),
    ("one node with 8 GPUs per node", 8),
])
def test_agreeing_or_per_phase_counts_are_no_conflict(text: str, count: int) -> None:
    assert total_conflict(text, count) == []
