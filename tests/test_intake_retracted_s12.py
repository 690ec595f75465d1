"""A stated value withdrawn with its replacement straight after (`retracted`, s12).

"scratch the 8 GPUs, make it 4 x A10G": only the replacement is read, so no conflict is
asked. Look-alikes: a withdrawal with no replacement, and a verb with no value.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake import parse_request
from agents.intake.retracted import drop_retracted

NOW = datetime(2023, 5, 10, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(("text", "count"), [
    ("Train ResNet-50 on 30 GB. Scratch the 16 GPUs, make it 8 x V100.", 8),
    ("Fine-tune Phi-2 on 2 GB; forget the 4 A100s - use 2 A100s instead.", 2),
    ("Trainiere ResNet-50 auf 30 GB, vergiss die 16 GPUs, nimm 8 x V100.", 8),
])
def test_withdrawn_count_replaced(text: str, count: int) -> None:
    p = parse_request(text, NOW, limits=None, attack_model=None, kind_model=None)
    assert p.gpu_count == count
    assert not [q for q in p.problems if q["field"] == "gpu_count"]


@pytest.mark.parametrize("text", [
    "Forget the 8 GPUs for now and tell me what it would cost.",  # no replacement
    "Drop the learning rate, use 8 GPUs.",  # no value withdrawn
    "Use 8 GPUs, then drop the checkpoints older than 3 days.",
])
def test_look_alikes_unchanged(text: str) -> None:
    assert drop_retracted(text) == text


@pytest.mark.parametrize("text", [
    "Data must never leave the EU. Embed 5 GB with bge-small on 1 L4 in us-east-1.",
    "Our records can't leave Germany; run the 3 GB embedding job in us-west-2.",
])
def test_never_leave_an_area_contradicted_by_a_region(text: str) -> None:
    p = parse_request(text, NOW, limits=None, attack_model=None, kind_model=None)
    assert p.needs_clarification and p.regions == []
    assert "regions" in [q["field"] for q in p.problems]


def test_never_leave_with_a_region_inside() -> None:
    p = parse_request("Data must never leave the EU. Embed 5 GB with bge-small on 1 L4 in "
                      "eu-west-1.", NOW, limits=None, attack_model=None, kind_model=None)
    assert "regions" not in [q["field"] for q in p.problems]
