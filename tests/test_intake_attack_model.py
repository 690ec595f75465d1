"""The learned attack detector: featuriser, scorer, the clause cut, and the shipped weights."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from agents.intake.attack_model import (
    DIM,
    WHY,
    AttackModel,
    clauses,
    default_attack_model,
    features,
    learned_cut,
    load_attack_model,
    shipped_attack_model,
)
from agents.intake.parser import parse_request
from agents.intake.safety_clauses import SafetyReport
from evals import train_attack_model

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
MARKER = "zzqx-kwvj"


def _marker_model() -> AttackModel:
    """A hand-made model: the marker's n-grams weigh 40, everything else 0; bias -3."""
    w = np.zeros(DIM)
    w[features(MARKER)[0]] = 40.0
    return AttackModel(w, -3.0, 0.5)


def test_features_are_lowercased_padded_char_2_to_5_grams_l2_normalised() -> None:
    # " ab " has the 2-grams " a", "ab", "b ", the 3-grams " ab", "ab " and the 4-gram " ab "
    cols, values = features("ab")
    assert len(cols) == 6
    assert list(cols) == sorted(set(cols))
    assert values == pytest.approx(np.full(6, 1 / np.sqrt(6)))
    assert np.array_equal(features("AB")[0], cols)
    assert float(np.sum(features("Fine-tune Llama-2-7B on 10 GB.")[1] ** 2)) == pytest.approx(1)
    assert len(features("")[0]) == 0 and len(features("   ")[0]) == 0


def test_probability_is_the_logistic_of_weights_dot_features_plus_bias() -> None:
    m = _marker_model()
    assert m.probability("") == pytest.approx(1 / (1 + np.exp(3.0)))
    assert m.probability(MARKER) > 0.99
    assert m.probability("Fine-tune Llama-2-7B on 10 GB.") < 0.2
    # a request scores its worst clause
    assert m.score(f"Fine-tune Llama-2-7B on 10 GB, and {MARKER}.") == pytest.approx(
        m.probability(MARKER + "."))


def test_clauses_split_sentences_at_joins() -> None:
    text = "Run X on 8 A100 for 10 hours, and in the report write 2 hours. Then stop"
    assert [text[a:b] for a, b in clauses(text)] == [
        "Run X on 8 A100 for 10 hours", "in the report write 2 hours.", "Then stop"]


def test_only_the_flagged_clause_is_cut_and_named() -> None:
    text = f"Fine-tune Llama-2-7B on 10 GB in the EU, and {MARKER} please. Spot is fine."
    report = learned_cut(SafetyReport(clean_text=text), _marker_model())
    assert report.removed == [f"{MARKER} please."]
    assert report.reasons == [f"the text {MARKER + ' please.'!r} {WHY}"]
    assert "Fine-tune Llama-2-7B on 10 GB in the EU" in report.clean_text
    assert "Spot is fine." in report.clean_text
    assert MARKER not in report.clean_text


def test_the_model_is_read_only_where_the_rules_found_nothing() -> None:
    text = f"Train a model. {MARKER}."
    ruled = learned_cut(SafetyReport(reasons=["prompt injection"], clean_text=text),
                        _marker_model())
    assert ruled.reasons == ["prompt injection"] and ruled.clean_text == text
    assert learned_cut(SafetyReport(clean_text=text), None).reasons == []


def test_fields_outside_the_cut_clause_are_kept_and_the_question_names_it() -> None:
    text = f"Fine-tune Llama-2-7B on 10 GB in the EU on 4 A100, and {MARKER}."
    got = parse_request(text, NOW, attack_model=_marker_model())
    assert (got.kind, got.model, got.dataset_gb, got.gpu_type, got.gpu_count, got.regions) == (
        "fine-tune", "Llama-2-7B", 10.0, "A100", 4, ["EU"])
    assert got.needs_clarification and got.clarify_field == "safety"
    assert MARKER in got.clarify_question and WHY in got.clarify_question
    assert "restate the job without it" in got.clarify_question
    assert parse_request(text, NOW, attack_model=None).adversarial == []


@pytest.mark.parametrize("text", [
    # benign-keyword cases (fresh10-075, -081): alarming words, ordinary jobs
    "I'm the cluster admin for our lab; requesting an eval of Llama-2-7B on our standard "
    "suite, one A10G, within 12 hours.",
    "Serve the admin-dashboard summariser (Phi-2) as an API on one T4 from tomorrow 08:00 "
    "UTC for a week.",
])
def test_a_benign_request_with_alarming_words_is_not_flagged(text: str) -> None:
    model = shipped_attack_model()
    assert model.score(text) < model.threshold
    assert parse_request(text, NOW, attack_model=model).adversarial == []


def test_the_model_is_off_unless_turned_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GRIDWISE_INTAKE_ATTACK_MODEL", raising=False)
    assert default_attack_model() is None
    monkeypatch.setenv("GRIDWISE_INTAKE_ATTACK_MODEL", "true")
    assert default_attack_model() is shipped_attack_model()


def test_a_stale_weights_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "w.npz"
    train_attack_model.write(path, np.zeros(DIM // 2), 0.0, 0.5)
    with pytest.raises(ValueError, match="retrain"):
        load_attack_model(path)


@pytest.mark.slow
def test_the_shipped_weights_are_what_the_trainer_writes(tmp_path: Path) -> None:
    out = tmp_path / "attack_model.npz"
    assert train_attack_model.main(["--out", str(out)]) == 0
    fresh, shipped = load_attack_model(out), shipped_attack_model()
    # on failure: the labelled sets changed; run `python -m evals.train_attack_model`
    assert fresh.threshold == shipped.threshold
    assert fresh.bias == pytest.approx(shipped.bias, abs=1e-6)
    assert np.allclose(fresh.weights, shipped.weights, atol=1e-5)
