"""A learned job-kind reader: a multinomial logistic regression over the whole request.

The kind rules of `workload.find_kind` (and `kind_material`) name the job from cue words;
a writer who never saw them uses other words ("de-identify the archive", "score every
ticket", a Korean job word, a job told only by its material), and the rules then find no
kind (a wrong "no workload" question) or a wrong one. This model, trained by
`evals.train_kind_model` on the labelled `kind` of every request set, reads hashed char
2-5 grams and word 1-2 grams of the whole (normalised) text and gives a probability to
each of the five kinds and to "no kind". Intake applies it once, where the rules' kind is
final (`combined_kind`): it fills a kind the rules did not find when its top kind reaches
`fill` and the rules saw no kind word at all ("benchmark or fine-tune, you tell me" names
two kinds and is asked about, never filled), and replaces the rules' kind when another
kind reaches `override`; it never drops a kind the rules read. Both thresholds were chosen
by leave-one-set-out (LOSO) on all sets pooled (the trainer's docstring says how).

Run time needs numpy only: the weights ship in `kind_model.npz` beside this module.
Off by default (`GRIDWISE_KIND_MODEL=1` turns it on): at its LOSO thresholds it changed
1 kind in 2,672 and no case on the full scorer, and it filled a kind into a request that
offered two (a test of intake); see BENCHMARKS.md (issue 17).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from agents.intake.hashed_ngrams import hashed_ngrams
from agents.intake.text import MAX_CHARS, normalise

#: the classes, in the weights' column order; None is "the text names no job kind"
KINDS: tuple[str | None, ...] = ("train", "fine-tune", "inference", "batch-inference",
                                 "eval", None)
#: hashed feature columns; the weights file must have this many rows
DIM = 2**16
#: character and word n-gram lengths read
CHARS = (2, 3, 4, 5)
WORDS = (1, 2)
WEIGHTS = Path(__file__).resolve().parent / "kind_model.npz"


def model_text(text: str) -> str:
    """What the model reads of a request: its first `MAX_CHARS`, as intake normalises them."""
    return normalise(text[:MAX_CHARS])[:MAX_CHARS]


def kind_features(text: str) -> tuple[np.ndarray, np.ndarray]:
    """The text's hashed char 2-5 and word 1-2 gram columns, L2-normalised counts."""
    return hashed_ngrams(text, DIM, CHARS, WORDS)


@dataclass(frozen=True)
class KindModel:
    """Weights (`DIM` x classes), biases and the two thresholds of the trained reader."""

    weights: np.ndarray
    bias: np.ndarray
    fill: float
    override: float

    def probabilities(self, text: str) -> np.ndarray:
        """The softmax over `KINDS` for `text` (the biases alone on empty text)."""
        cols, values = kind_features(text)
        z = values @ self.weights[cols].astype(float) + self.bias
        e = np.exp(z - z.max())
        return e / e.sum()

    def predict(self, text: str) -> tuple[str | None, float]:
        """The most probable class of `text` and its probability."""
        p = self.probabilities(text)
        best = int(np.argmax(p))
        return KINDS[best], float(p[best])


def combine(rules: str | None, predicted: str | None, probability: float,
            fill: float, override: float, cued: bool = False) -> str | None:
    """The kind intake keeps, from the rules' kind and the model's top class.

    The model's kind fills a kind the rules did not find when `probability >= fill` and
    the rules saw no kind cue (`cued` False: a request that names two kinds without a
    choice is asked about), and replaces a different kind of the rules' when `probability
    >= override`. "No kind" from the model changes nothing: a rules' kind is never dropped.
    """
    if predicted is None:
        return rules
    if rules is None:
        return predicted if probability >= fill and not cued else None
    return predicted if probability >= override else rules


def combined_kind(rules: str | None, text: str, model: KindModel | None,
                  cued: bool = False) -> str | None:
    """`combine` with the model's reading of `text` (`model_text` of the request); None: rules.

    `cued`: the rules found kind cues (their candidates), even if they chose no kind.
    """
    if model is None:
        return rules
    predicted, probability = model.predict(text)
    return combine(rules, predicted, probability, model.fill, model.override, cued)


def load_kind_model(path: Path = WEIGHTS) -> KindModel:
    """Read a weights file written by `evals.train_kind_model`.

    Raises:
        ValueError: the file's weights are not `DIM` x `len(KINDS)` (a stale file).
    """
    with np.load(path) as f:
        weights = f["weights"]
        if weights.shape != (DIM, len(KINDS)):
            raise ValueError(f"{path} has {weights.shape} weights, want ({DIM}, {len(KINDS)}):"
                             " retrain with `python -m evals.train_kind_model`")
        return KindModel(weights, f["bias"].astype(float), float(f["fill"]),
                         float(f["override"]))


@cache
def shipped_kind_model() -> KindModel:
    """The model in the shipped weights file (read once)."""
    return load_kind_model()


def default_kind_model() -> KindModel | None:
    """The shipped model when `GRIDWISE_KIND_MODEL` is on, else None (the default)."""
    return shipped_kind_model() if _turned_on(os.environ.get(_SWITCH)) else None


_SWITCH = "GRIDWISE_KIND_MODEL"


@cache
def _turned_on(_environment: str | None) -> bool:
    """The setting, read once per value of its environment variable (`Settings` costs ~2 ms)."""
    from gridwise.settings import Settings

    return Settings().kind_model
