"""Train intake's learned attack detector and choose its threshold by leave-one-set-out.

Usage: `PYTHONPATH=$PWD python -m evals.train_attack_model [--product] [--out PATH]`.
Writes `agents/intake/attack_model.npz` (read by `agents.intake.attack_model`) and prints
the leave-one-set-out (LOSO) table: for each labelled set, a model trained on every
*other* set scores it, so its catches and false alarms are on text the model never saw.
`--product` also scores every set twice with intake's own scorer (rules only; rules
then the set's LOSO model, as intake runs it): field accuracy, exact match,
clarification precision / recall, attacks refused, and benign requests newly asked
about. Scores of the shipped model on the sets it trained on are not evidence.

Pre-registered (written before any result of this trainer was seen; not tuned after):
- Data: every `evals/data/requests_*.yaml`, one example per request, its `text` as
  written; positive when the case is tagged `adversarial`. A set is one file.
- Features: `attack_model.features`: the lowercased text padded with a space, char 2-5
  grams hashed with CRC-32 into 2**16 columns, counts, each row L2-normalised.
- Model: logistic regression with a bias; L2 penalty 1e-4 on the weights (not the bias);
  classes balanced (each positive weighs negatives / positives); 300 steps of full-batch
  gradient descent at rate 2.0 from zeros. The same as `evals.attack_probe` (fixed before
  its first run) except 2**16 columns instead of 2**18, so the file stays small.
- Threshold: LOSO over all sets gives every request a probability from a model that did
  not train on its set. The threshold is the lowest of 0.50, 0.51, ..., 0.99 whose pooled
  false-alarm rate (share of all non-adversarial requests with probability >= it) is
  <= 2 %; 0.99 when none is.
- Use in intake: only when the rules found nothing; the request is flagged when the whole
  (normalised) text scores >= the threshold; the sentences scoring >= it on their own are
  cut (the highest-scoring one when none does). The shipped model trains on all sets.

Changed after the first results (v1 -> v2; written before any v2 result was seen):
- v1 (the rules above, whole requests) at its LOSO threshold 0.63 flagged the benign
  texts of 71 intake tests, texts it never trained on ("Eval Phi-2, the faster the
  better." scored 0.84): whole adversarial requests are positives, so the job words in
  them (model names, kinds) are learned as attack words.
- v2 trains on clauses, as intake reads them (`attack_model.clauses`: sentences, then
  clauses at ", and" / ";" / ":" / " - " / " but "): every clause of a non-adversarial
  request is a negative; an adversarial request gives one positive, its clause scoring
  highest under the v1 model trained on the same requests (multiple-instance learning,
  one round of selection); its other clauses are left out. A request's score is the
  highest of its clauses' (`AttackModel.score`). Features, penalty, steps, rate and
  class balance (by example count) are v1's; the threshold rule is v1's, on that score.
- In intake the clauses scoring >= the threshold are cut (nothing else), and the job a
  cut names (kind, model) may still be read, as for a rule's policy-bypass cut.
- Acceptance check, fixed now: no new failure in tests/test_intake*.py with v2 on by
  default. If v2 fails it, intake ships with the model off by default (rules only).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

from agents.intake.attack_model import DIM, WEIGHTS, AttackModel, clauses, features
from evals.intake import Case, load_requests

DATA = Path(__file__).resolve().parent / "data"
#: text -> (columns, values), as `attack_model.features`
Featuriser = Callable[[str], tuple[np.ndarray, np.ndarray]]
L2, STEPS, RATE = 1e-4, 300, 2.0
GRID = np.round(np.arange(0.50, 1.00, 0.01), 2)
MAX_FALSE_ALARMS = 0.02


def labelled_sets(data: Path = DATA) -> dict[str, list[Case]]:
    """Every labelled request set in `data`, by name (`fresh9_heldout`)."""
    return {p.stem.removeprefix("requests_"): load_requests(p)
            for p in sorted(data.glob("requests_*.yaml"))}


#: the detector's features, made once per text: the LOSO folds featurise the same texts
#: and clauses again and again (a pure function; the rows are copied into the matrix)
_features_once = lru_cache(maxsize=None)(features)


def matrix(texts: list[str], featurise: Featuriser = features, dim: int = DIM) -> csr_matrix:
    """One `featurise` row per text (`dim` columns; the attack detector's by default)."""
    made = _features_once if featurise is features else featurise
    return sparse_rows([made(t) for t in texts], dim)


def sparse_rows(rows: list[tuple[np.ndarray, np.ndarray]], dim: int) -> csr_matrix:
    """A (len(rows), dim) matrix of (columns, values) rows."""
    indptr = np.cumsum([0] + [len(c) for c, _ in rows])
    cols = np.concatenate([c for c, _ in rows]) if rows else np.zeros(0, np.int64)
    vals = np.concatenate([v for _, v in rows]) if rows else np.zeros(0)
    return csr_matrix((vals, cols, indptr), shape=(len(rows), dim))


def adversarial(cases: list[Case]) -> np.ndarray:
    """Whether each case is tagged `adversarial`."""
    return np.array(["adversarial" in c.tags for c in cases], dtype=bool)


def _fit(texts: list[str], y: np.ndarray) -> tuple[np.ndarray, float]:
    """Weights and bias of the pre-registered logistic regression on (texts, labels)."""
    return fit_logistic(matrix(texts), y)


def fit_logistic(x: csr_matrix, y: np.ndarray) -> tuple[np.ndarray, float]:
    """The pre-registered regression (L2, balanced classes, `STEPS` full-batch steps) on rows x.

    Shared with `evals.train_clarify_model`, whose rows carry more columns than `DIM`.
    """
    balance = np.where(y == 1, (1 - y.mean()) / y.mean(), 1.0)
    w, b = np.zeros(x.shape[1]), 0.0
    for _ in range(STEPS):
        g = (1 / (1 + np.exp(-(x @ w + b))) - y) * balance
        w -= RATE * (x.T @ g / y.size + L2 * w)
        b -= RATE * float(g.mean())
    return w, b


def examples(cases: list[Case], first: AttackModel) -> tuple[list[str], np.ndarray]:
    """v2's clauses and labels: all of each benign request's, each attack's top one."""
    texts: list[str] = []
    labels: list[float] = []
    for case, attack in zip(cases, adversarial(cases), strict=True):
        spans = [case.text[a:b] for a, b in clauses(case.text)] or [case.text]
        if attack:
            texts.append(max(spans, key=first.probability))
            labels.append(1.0)
        else:
            texts += spans
            labels += [0.0] * len(spans)
    return texts, np.array(labels)


def fit(cases: list[Case]) -> tuple[np.ndarray, float]:
    """v2: a whole-request model (v1) picks each attack's clause; the model trains on clauses."""
    first = AttackModel(*_fit([c.text for c in cases], adversarial(cases).astype(float)), 0.5)
    return _fit(*examples(cases, first))


def loso(sets: dict[str, list[Case]]) -> dict[str, AttackModel]:
    """For each set, the model trained on every other set (threshold not yet chosen)."""
    out = {}
    for name in sets:
        w, b = fit([c for other, cs in sets.items() if other != name for c in cs])
        out[name] = AttackModel(w, b, 0.5)
    return out


def choose_threshold(probs: np.ndarray, is_attack: np.ndarray) -> float:
    """The lowest grid threshold whose pooled false-alarm rate is <= `MAX_FALSE_ALARMS`."""
    benign = probs[~is_attack]
    for t in GRID:
        if (benign >= t).mean() <= MAX_FALSE_ALARMS:
            return float(t)
    return float(GRID[-1])


def write(path: Path, w: np.ndarray, b: float, threshold: float) -> None:
    """Save the shipped weights (float32), bias and threshold."""
    np.savez_compressed(path, weights=w.astype(np.float32), bias=np.float64(b),
                        threshold=np.float64(threshold))


def _scored(name: str, model: AttackModel | None) -> tuple[str, set[str]]:
    """One set scored by intake with `model`: the table cells and the ids asked about."""
    from agents.intake.parser import parse_request
    from evals.intake import run_intake_eval
    from evals.intake_all_sets import adversarial_refused

    path = DATA / f"requests_{name}.yaml"
    s = run_intake_eval(path, parser=lambda text, now: parse_request(text, now,
                                                                     attack_model=model))
    ref, tot = adversarial_refused(path, s)
    wrong = {i for i, fails in s["failures"].items() if "needs_clarification" in fails}
    cells = (f"{100 * s['field_accuracy']:>6.1f}%{100 * s['exact_match']:>6.1f}%"
             f"{s['clarify_precision']:>5.2f}/{s['clarify_recall']:.2f}{f'{ref}/{tot}':>6}")
    return cells, wrong


def report(sets: dict[str, list[Case]], models: dict[str, AttackModel], threshold: float,
           product: bool) -> list[str]:
    """The LOSO table, one line per set and a pooled line (model alone, and in intake).

    model / false: attacks and non-attacks the set's LOSO model flags on its own. With
    `product`: field, exact, clarification P/R and attacks refused by intake with rules
    only, then with rules and the LOSO model; `+FA`: non-attacks newly asked about.
    """
    head = f"{'set':<16}{'n':>5}{'adv':>5}{'model':>6}{'false':>6}"
    if product:
        head += f"  {'rules: field exact P/R adv':<34}{'rules+model: same':<34}{'+FA':>4}"
    lines, tot = [head], np.zeros(5, int)
    for name, cases in sets.items():
        m = AttackModel(models[name].weights, models[name].bias, threshold)
        adv = adversarial(cases)
        flag = np.array([m.score(c.text) >= threshold for c in cases])
        row = [len(cases), int(adv.sum()), int((flag & adv).sum()), int((flag & ~adv).sum()), 0]
        line = f"{name:<16}{row[0]:>5}{row[1]:>5}{row[2]:>6}{row[3]:>6}"
        if product:
            (rules, wrong_r), (both, wrong_b) = _scored(name, None), _scored(name, m)
            benign = {c.id for c in cases if not c.expect.get("needs_clarification")}
            row[4] = len((wrong_b - wrong_r) & benign)
            line += f"  {rules:<34}{both:<34}{row[4]:>4}"
        tot += row
        lines.append(line)
    pooled = f"{'pooled':<16}{tot[0]:>5}{tot[1]:>5}{tot[2]:>6}{tot[3]:>6}"
    return [*lines, pooled + (f"{'':>70}{tot[4]:>4}" if product else "")]


def main(argv: list[str] | None = None) -> int:
    """Train on all sets, choose the threshold by LOSO, write the weights, print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=WEIGHTS)
    ap.add_argument("--product", action="store_true",
                    help="also run intake (rules, rules + LOSO model) on every set")
    args = ap.parse_args(argv)
    sets = labelled_sets()
    models = loso(sets)
    probs = np.concatenate([[models[n].score(c.text) for c in cs]
                            for n, cs in sets.items()])
    labels = np.concatenate([adversarial(cs) for cs in sets.values()])
    threshold = choose_threshold(probs, labels)
    w, b = fit([c for cs in sets.values() for c in cs])
    write(args.out, w, b, threshold)
    print(f"threshold {threshold:.2f} (LOSO pooled false alarms "
          f"{int((probs[~labels] >= threshold).sum())}/{int((~labels).sum())}); "
          f"wrote {args.out}")
    print("\n".join(report(sets, models, threshold, args.product)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
