"""A stored decision with no option kept must not be labelled as decided on the oracle."""

from __future__ import annotations

from datetime import datetime

from gridwise.cli.render import decided_on_line
from gridwise.models import Decision, JobSpec
from tools.options import decision_view


def _decision() -> Decision:
    job = JobSpec.model_validate({"kind": "eval", "gpu_hours": 5})
    return Decision(id="d-1", created_at=datetime(2023, 5, 1, 10), clock=datetime(2023, 5, 1, 10),
                    job=job, options=[], pathways={},
                    infeasible_reasons=["feasible if virginia-dc1 (US) is allowed"])


def test_no_options_is_decided_on_nothing_not_the_oracle() -> None:
    got = decision_view(_decision())["decided_on"]
    assert got == {"basis": "none", "models": []}
    line = decided_on_line(got)
    assert "ORACLE" not in line and "nothing" in line
