"""The intake scorer and `gridwise eval intake` (the parser itself: test_intake.py)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agents.intake import parse_request
from evals.intake import (
    DEFAULT_REQUESTS,
    Case,
    field_matches,
    load_requests,
    run_intake_eval,
    score_case,
)
from gridwise.errors import UserError
from tests.test_intake import DEV_FIELD_ACCURACY, NOW


def test_field_matches_rules() -> None:
    assert field_matches("model", "GPT-2-medium", "gpt2 medium")
    assert field_matches("regions", ["NO", "SE"], ["se", "no"])
    assert field_matches("budget_usd", 1000, 1009)
    assert not field_matches("budget_usd", 1000, 1011)
    assert field_matches("deadline", "2023-06-16T18:00:00Z", "2023-06-16T18:00:59Z")
    assert not field_matches("deadline", "2023-06-16T18:00:00Z", "2023-06-16T18:01:01Z")
    assert field_matches("kind", "Fine-Tune", "fine-tune")
    assert not field_matches("interruptible", True, 1)


def test_score_counts_invented_fields_and_crashes() -> None:
    case = Case("c", "x", NOW, {"kind": "eval", "needs_clarification": False})
    good = score_case(case, {"kind": "eval", "needs_clarification": False, "regions": []})
    assert good.fields == {"kind": True, "needs_clarification": True}
    invented = score_case(case, {"kind": "eval", "needs_clarification": False, "gpu_count": 8})
    assert invented.fields["gpu_count"] is False and not invented.exact
    crashed = score_case(case, None, "boom")
    assert not any(crashed.fields.values()) and crashed.crashed == "boom"


def test_crashing_parser_is_counted_not_fatal() -> None:
    def broken(text: str, now: datetime):
        raise RuntimeError("boom")

    result = run_intake_eval(DEFAULT_REQUESTS, parser=broken)
    assert result["crashes"] == result["n"] == 45
    assert result["field_accuracy"] == 0.0


@pytest.mark.parametrize(("content", "problem"), [
    ("[1", "not valid YAML"), ("a: 1", "list"), ("- id: x\n  text: hi\n", "lacks now"),
    ("- 3\n", "not a mapping"),
])
def test_malformed_requests_file(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(content)
    with pytest.raises(UserError, match=problem):
        load_requests(path)


def test_dev_set_accuracy_does_not_regress() -> None:
    result = run_intake_eval(DEFAULT_REQUESTS)
    assert result["crashes"] == 0
    assert result["field_accuracy"] >= DEV_FIELD_ACCURACY - 0.02
    cases = load_requests(DEFAULT_REQUESTS)
    adversarial = [c for c in cases if "adversarial" in c.tags]
    assert adversarial
    for case in adversarial:
        assert parse_request(case.text, case.now).needs_clarification, case.id


def test_cli_json_and_llm_not_built() -> None:
    import typer

    from gridwise.cli.eval import intake

    app = typer.Typer()
    app.command()(intake)
    runner = CliRunner()
    result = runner.invoke(app, ["--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for key in ("field_accuracy", "exact_match", "clarify_precision", "clarify_recall",
                "crashes", "n"):
        assert key in data
    assert data["n"] == 45
    failed = runner.invoke(app, ["--llm", "gpt-17"])
    assert failed.exit_code == 2
    assert "unknown --llm" in failed.output


def test_cli_says_when_catalog_checks_are_off(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a loaded store the budget / carbon / availability checks cannot run: the
    result says so (JSON key and a line with the fix) instead of a silently lower recall."""
    import typer

    from gridwise.cli.eval import intake

    monkeypatch.setenv("GRIDWISE_HOME", str(tmp_path))
    monkeypatch.delenv("GRIDWISE_DB_PATH", raising=False)
    app = typer.Typer()
    app.command()(intake)
    runner = CliRunner()
    data = json.loads(runner.invoke(app, ["--json"]).output)
    assert data["catalog_checks"] is False
    text = runner.invoke(app, []).output
    assert "catalog checks are off" in text and "gridwise data load" in text
