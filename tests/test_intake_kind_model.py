"""The learned job-kind reader: features, combination rule, switch and shipped weights."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from agents.intake import kind_model
from agents.intake.attack_model import features
from agents.intake.hashed_ngrams import hashed_ngrams
from agents.intake.kind_model import (
    DIM,
    KINDS,
    KindModel,
    combine,
    combined_kind,
    default_kind_model,
    kind_features,
    load_kind_model,
    model_text,
    shipped_kind_model,
)
from agents.intake.parser import parse_request
from evals import train_kind_model

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
MARKER = "zzqx-kwvj"


def _marker_model(fill: float = 0.5, override: float = 0.9) -> KindModel:
    """A hand-made model: the marker's n-grams weigh 40 towards eval, all else 0."""
    w = np.zeros((DIM, len(KINDS)))
    w[kind_features(MARKER)[0], KINDS.index("eval")] = 40.0
    return KindModel(w, np.zeros(len(KINDS)), fill, override)


def test_word_grams_add_columns_and_chars_alone_are_the_attack_features() -> None:
    text = "De-identify the archive"
    chars = hashed_ngrams(text, 2**16, (2, 3, 4, 5))
    assert np.array_equal(chars[0], features(text)[0])
    assert np.allclose(chars[1], features(text)[1])
    both = kind_features(text)
    assert len(both[0]) > len(chars[0])
    assert float(np.sum(both[1] ** 2)) == pytest.approx(1)
    assert len(kind_features("  ")[0]) == 0


def test_combine_fills_overrides_and_never_drops_a_rules_kind() -> None:
    assert combine(None, "eval", 0.6, fill=0.5, override=0.9) == "eval"
    assert combine(None, "eval", 0.4, fill=0.5, override=0.9) is None
    assert combine("train", "eval", 0.89, fill=0.5, override=0.9) == "train"
    assert combine("train", "eval", 0.9, fill=0.5, override=0.9) == "eval"
    # "no kind" from the model leaves the rules' kind, however sure it is
    assert combine("train", None, 0.99, fill=0.5, override=0.9) == "train"
    assert combine(None, None, 0.99, fill=0.5, override=0.9) is None
    # the rules saw kind cues and chose none (two kinds offered): asked, not filled
    assert combine(None, "eval", 0.99, fill=0.5, override=0.9, cued=True) is None


def test_combined_kind_reads_the_model_only_when_given() -> None:
    m = _marker_model()
    assert combined_kind(None, f"{MARKER} please", m) == "eval"
    assert combined_kind(None, f"{MARKER} please", None) is None
    assert combined_kind("train", "Train a small model", m) == "train"


def test_the_parser_applies_the_model_where_the_kind_is_final() -> None:
    text = f"Please {MARKER} Llama-3-8B on 2 A100s."
    assert parse_request(text, NOW, kind_model=None).kind is None
    parsed = parse_request(text, NOW, kind_model=_marker_model())
    assert parsed.kind == "eval"
    assert parsed.candidates["kind"][0] == "eval"
    assert parsed.method is None  # method_for_kind saw the model's kind


def test_the_model_is_off_unless_turned_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GRIDWISE_KIND_MODEL", raising=False)
    assert default_kind_model() is None
    monkeypatch.setattr(kind_model, "shipped_kind_model", _marker_model)
    text = f"Please {MARKER} Llama-3-8B on 2 A100s."
    assert parse_request(text, NOW).kind is None
    monkeypatch.setenv("GRIDWISE_KIND_MODEL", "1")
    assert parse_request(text, NOW).kind == "eval"
    monkeypatch.setenv("GRIDWISE_KIND_MODEL", "0")
    assert default_kind_model() is None
    assert parse_request(text, NOW).kind is None


def test_the_shipped_model_loads_when_turned_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRIDWISE_KIND_MODEL", "true")
    assert default_kind_model() is shipped_kind_model()


@pytest.mark.parametrize("text", [
    "Take Phi-3-mini and our 2 GB folder: benchmark or fine-tune, you tell me.",
    "Eval or fine-tune Mistral-7B on 10 GB, whatever makes sense.",
])
def test_two_kinds_offered_are_asked_not_filled(text: str) -> None:
    # the rules see two kind cues and no choice; the model (v1 filled "fine-tune") must not
    assert parse_request(text, NOW, kind_model=None).kind is None
    assert parse_request(text, NOW, kind_model=shipped_kind_model()).kind is None
    assert parse_request(text, NOW, kind_model=KindModel(
        shipped_kind_model().weights, shipped_kind_model().bias, 0.0, 2.0)).kind is None


#: requests in wording written for this test (none is in a labelled set) that the rules
#: read no kind in, or a wrong one
NEW_WORDING = [
    ("Our Gemma-2-9B should keep replying to shoppers in the web shop all weekend, 2 L4s.",
     "inference"),
    ("Teach Llama-3-8B our legal house style using 12 GB of contracts, 4 A100s.", "fine-tune"),
    ("Anonymise 2 million support chats with a Mistral-7B redactor, one H100, done by Friday.",
     "batch-inference"),
    ("We need Qwen2-7B answering customer questions around the clock on 2 L40S.",
     "inference"),
    ("Tag each of the 4M news articles by topic with DeBERTa-v3-large, 2 A10G.",
     "batch-inference"),
]


@pytest.mark.parametrize(("text", "kind"), NEW_WORDING)
def test_the_rules_miss_the_new_wording(text: str, kind: str) -> None:
    assert parse_request(text, NOW, kind_model=None).kind != kind


#: the shipped model (fill 0.46 since the sixteenth session's retrain on 30 sets) finds the last
#: one; the others stay strict xfails: a better-fitted model that finds them turns its
#: case into a failure (XPASS), then un-mark it
_UNSURE = pytest.mark.xfail(strict=True, reason="the shipped model is too unsure of this "
                            "wording: its top probability is under its LOSO fill")


@pytest.mark.parametrize(("text", "kind"), [
    pytest.param(t, k, marks=() if t.startswith("Tag each") else _UNSURE)
    for t, k in NEW_WORDING])
def test_the_model_finds_the_kind_in_new_wording(text: str, kind: str) -> None:
    assert parse_request(text, NOW, kind_model=shipped_kind_model()).kind == kind


#: new wording the shipped model reads right as its top class (the rules read these too)
MODEL_READS = [
    ("Teach Llama-3-8B our legal house style using 12 GB of contracts, 4 A100s.", "fine-tune"),
    ("Tag each of the 4M news articles by topic with DeBERTa-v3-large, 2 A10G.",
     "batch-inference"),
    ("Grow a 350M transformer from random init on 30B tokens, 16 H100s.", "train"),
    ("Pseudonymise 500 GB of CRM exports with Llama-3-8B on 2 H100s.", "batch-inference"),
    ("Put Mixtral-8x7B behind an endpoint for the support bot, 2 H100s.", "inference"),
    ("Benchmark how Llama-3-8B does on TruthfulQA, 1 H100, by Monday.", "eval"),
    ("Transcribe 900 hours of podcasts with Whisper-large-v3 on 2 L4s.", "batch-inference"),
]


@pytest.mark.parametrize(("text", "kind"), MODEL_READS)
def test_the_models_top_class_in_new_wording(text: str, kind: str) -> None:
    assert shipped_kind_model().predict(model_text(text))[0] == kind


#: benign look-alikes: the rules read the kind right and the model must leave it
RULES_RIGHT = [
    ("Fine-tune Llama-3-8B with LoRA on 20 GB of support tickets, 8 A100s.", "fine-tune"),
    ("Evaluate Mistral-7B on MMLU and GSM8K, 1 H100.", "eval"),
    ("Pretrain a 1.3B model from scratch on 200B tokens on 64 H100s.", "train"),
    ("Serve Llama-3-70B as a chat API for our staff, 4 H100s, p95 under 300 ms.",
     "inference"),
    ("Run batch inference with Whisper-large-v3 over 5 TB of call recordings.",
     "batch-inference"),
]


@pytest.mark.parametrize(("text", "kind"), RULES_RIGHT)
def test_the_model_keeps_a_right_rules_kind(text: str, kind: str) -> None:
    assert parse_request(text, NOW, kind_model=None).kind == kind
    assert parse_request(text, NOW, kind_model=shipped_kind_model()).kind == kind


@pytest.mark.parametrize("text", ["", "   ", "Hello, how are you today?",
                                  "Thanks for the quote last week, all good."])
def test_no_job_no_kind(text: str) -> None:
    assert parse_request(text, NOW, kind_model=shipped_kind_model()).kind is None


def test_a_stale_weights_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kind_model.npz"
    np.savez(path, weights=np.zeros((DIM, 5)), bias=np.zeros(5), fill=0.5, override=0.9)
    with pytest.raises(ValueError, match="retrain"):
        load_kind_model(path)


def test_the_shipped_weights_are_what_the_trainer_writes(tmp_path: Path) -> None:
    shipped = shipped_kind_model()
    out = tmp_path / "kind_model.npz"
    # the thresholds come from LOSO (the full trainer run); this checks the weights
    assert train_kind_model.main(["--out", str(out), "--thresholds", str(shipped.fill),
                                  str(shipped.override)]) == 0
    fresh = load_kind_model(out)
    # on failure: the labelled sets changed; run `python -m evals.train_kind_model`
    assert (fresh.fill, fresh.override) == (shipped.fill, shipped.override)
    assert np.allclose(fresh.bias, shipped.bias, atol=1e-6)
    assert np.allclose(fresh.weights, shipped.weights, atol=1e-5)
