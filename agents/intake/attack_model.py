"""A learned attack detector: a char n-gram logistic regression read after the rules.

The rules of `safety` name attacks they know the shape of; text written by someone else
often says the same thing in new words. This model, trained by `evals.train_attack_model`
on every labelled request set (positives: cases tagged `adversarial`), scores how much a
text reads like an instruction to the scheduler rather than a job. It runs only where the
rules found nothing, flags the request when its probability reaches the threshold the
trainer chose (leave-one-set-out, see its docstring) on one of its clauses, and cuts only
the clauses that score above that threshold, so the job's fields around them are read.

Run time needs numpy only: the weights ship in `attack_model.npz` beside this module.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from agents.intake.hashed_ngrams import hashed_ngrams
from agents.intake.safety_clauses import SafetyReport
from agents.intake.text import sentences
from agents.intake.weights_file import read_weights

#: hashed feature columns; the weights file must have this many
DIM = 2**16
#: character n-gram lengths read
NGRAMS = (2, 3, 4, 5)
WEIGHTS = Path(__file__).resolve().parent / "attack_model.npz"
#: what the user is told a cut sentence looks like (the reason shown in the question)
WHY = "reads like an instruction to the scheduler, not part of a job"


def features(text: str) -> tuple[np.ndarray, np.ndarray]:
    """The text's hashed char n-gram columns and their L2-normalised counts.

    The text is lowercased and padded with one space each side; every n-gram of length
    2 to 5 is hashed with CRC-32 into `DIM` columns (`hashed_ngrams`). Empty text has no
    features.

    Returns:
        (columns, values), both 1-D and aligned, columns ascending and unique.
    """
    return hashed_ngrams(text, DIM, NGRAMS)


@dataclass(frozen=True)
class AttackModel:
    """Weights, bias and the flag threshold of the trained detector."""

    weights: np.ndarray
    bias: float
    threshold: float

    def probability(self, text: str) -> float:
        """The model's probability that `text` is adversarial (the bias alone on empty text)."""
        cols, values = features(text)
        z = float(self.weights[cols].astype(float) @ values) + self.bias
        return float(1.0 / (1.0 + np.exp(-z)))

    def score(self, text: str) -> float:
        """The request's score: the highest probability of any of its clauses (0 if none)."""
        return max((self.probability(text[a:b]) for a, b in clauses(text)), default=0.0)


def load_attack_model(path: Path = WEIGHTS) -> AttackModel:
    """Read a weights file written by `evals.train_attack_model`.

    Raises:
        ValueError: the file's weights do not have `DIM` columns (a stale file).
    """
    weights, (bias, threshold) = read_weights(path, DIM, "evals.train_attack_model",
                                              "bias", "threshold")
    return AttackModel(weights, bias, threshold)


@cache
def shipped_attack_model() -> AttackModel:
    """The model in the shipped weights file (read once)."""
    return load_attack_model()


def default_attack_model() -> AttackModel | None:
    """The shipped model when `GRIDWISE_INTAKE_ATTACK_MODEL` is on, else None (the default).

    Off by default: the model failed its acceptance check (benign near-miss texts of the
    intake tests flagged; `evals.train_attack_model`), so intake reads rules only unless
    an operator turns it on.
    """
    return shipped_attack_model() if _turned_on(os.environ.get(_SWITCH)) else None


_SWITCH = "GRIDWISE_INTAKE_ATTACK_MODEL"


@cache
def _turned_on(_environment: str | None) -> bool:
    """The setting, read once per value of its environment variable (`Settings` costs ~2 ms).

    A `.env` file is read the first time only; the environment variable is seen each call.
    """
    from gridwise.settings import Settings

    return Settings().intake_attack_model


def _quote(text: str, limit: int = 120) -> str:
    s = " ".join(text.split())
    return repr(s if len(s) <= limit else s[:limit - 1] + "…")


#: where a sentence's clauses meet: ", and", "; ", " && ", ": ", " - ", " but "
_CLAUSE = re.compile(r",\s+(?:and\s+|but\s+|then\s+|so\s+)?|\s*;\s*|\s*&&\s*|\s*\|\|\s*|"
                     r":\s+|\s+[-–—]\s+|\s+(?:and|but|then)\s+(?=\w)", re.IGNORECASE)


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the clauses of each sentence of `text`; blank ones left out."""
    out = []
    for sent in sentences(text):
        pos = 0
        for m in [*_CLAUSE.finditer(sent.text), None]:
            end = m.start() if m else len(sent.text)
            if sent.text[pos:end].strip():
                out.append((sent.start + pos, sent.start + end))
            pos = m.end() if m else pos
    return out


def learned_cut(report: SafetyReport, model: AttackModel | None) -> SafetyReport:
    """Flag and cut what the model finds in `report.clean_text`, when the rules found nothing.

    No model (None) reads nothing. Each clause is scored on its own (`clauses`); the
    request is flagged when one reaches the threshold, and only those clauses are cut, so
    the job's fields around them are still read. Each cut is named in a reason that says
    why, and, as for a policy bypass, the job it names (kind, model) may still be read but
    never its constraints. `report` is changed in place and returned.
    """
    text = report.clean_text
    if model is None or report.reasons:
        return report
    cut = [(a, b) for a, b in clauses(text) if model.probability(text[a:b]) >= model.threshold]
    kept, pos = [], 0
    for a, b in cut:
        kept.append(text[pos:a] + " . ")
        pos = b
        report.removed.append(text[a:b])
        report.bypass.append(text[a:b])
        report.reasons.append(f"the text {_quote(text[a:b])} {WHY}")
    report.clean_text = "".join(kept) + text[pos:]
    return report
