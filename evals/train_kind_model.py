"""Train intake's learned job-kind reader and choose how it joins the rules, by leave-one-set-out.

Usage: `PYTHONPATH=$PWD python -m evals.train_kind_model [--product] [--features]
[--out PATH] [--thresholds FILL OVERRIDE]`.
Writes `agents/intake/kind_model.npz` (read by `agents.intake.kind_model`) and prints the
leave-one-set-out (LOSO) table: for each labelled set, a model trained on every *other*
set reads its cases, so its kinds are for text it never saw. Per set: kind accuracy of
the rules alone (intake with the model off; the rules were tuned on every one of these
sets, so this figure is optimistic), of the model alone, of (a) the model only where the
rules found no kind, and of (b) = (a) plus the model replacing the rules' kind when it is
confident (`kind_model.combine`). `--features` also compares char n-grams alone with char
+ word n-grams. `--product` scores every set with intake's own scorer twice (rules only;
rules then the set's LOSO model as intake applies it): field accuracy, exact match,
clarification P/R, and the cases each way. `--thresholds` skips LOSO and the rules (fast:
what the shipped-weights test runs) and writes the model trained on all sets.

Pre-registered (written before any result of this trainer was seen; not tuned after):
- Data: every `evals/data/requests_*.yaml`; one example per request, `model_text` of its
  `text`; the label is its `expect.kind` (one of `KINDS`, None when unset). A set is a file.
- Features: `kind_model.kind_features` (hashed char 2-5 grams and word 1-2 grams, 2**16
  columns, L2-normalised counts); word grams stay only if `--features` shows char + word
  beating char alone on pooled LOSO model-alone accuracy (else WORDS becomes ()).
- Model: multinomial logistic regression with biases, the attack trainer's constants (L2
  1e-4 on the weights, 300 steps of full-batch gradient descent at rate 2.0 from zeros),
  classes not balanced (the aim is accuracy).
- Combination: `kind_model.combine(rules, top class, its probability, fill, override)`.
  The pair (fill, override) maximises pooled LOSO kind accuracy of (b) over fill in 0.00,
  0.01, ..., 0.99 and override in 0.50, ..., 0.99 and "never" (stored as 2.0); ties go to
  the higher override, then the higher fill (the model changes less). Chosen on all sets
  pooled, never on one set. The shipped model trains on all sets.
- Default: on only if (b) gains on pooled LOSO kind accuracy and no set loses more than
  one case (exact match) in `--product`; otherwise it ships off.

Result of v1 (BENCHMARKS.md, issue 17): fill 0.79, override never; pooled LOSO kind 2651
(rules) -> 2652 (+1), no case changed on the full scorer, so by the rule above it would be
on; but with it on, a test of intake failed ("benchmark or fine-tune, you tell me": the
rules ask, the model filled "fine-tune"). Changed after that result: the model fills only
where the rules saw no kind cue at all (`combine`'s `cued`); the thresholds were chosen
before that gate and the model ships off until the trainer is rerun with it.
"""

from __future__ import annotations

import argparse
import sys
from functools import partial
from typing import Any

import numpy as np

from agents.intake.hashed_ngrams import hashed_ngrams
from agents.intake.kind_model import (
    DIM,
    KINDS,
    WEIGHTS,
    KindModel,
    combine,
    kind_features,
    model_text,
)
from evals.intake import Case
from evals.train_attack_model import DATA, L2, RATE, STEPS, Featuriser, labelled_sets, matrix

FILLS = np.round(np.arange(0.0, 1.0, 0.01), 2)
OVERRIDES = np.append(np.round(np.arange(0.50, 1.00, 0.01), 2), 2.0)
NEVER = 2.0
WIDTHS = (5, 7, 7, 6, 6)


def labels(cases: list[Case]) -> np.ndarray:
    """Each case's class index in `KINDS` (its `expect.kind`, None when unset)."""
    return np.array([KINDS.index(c.expect.get("kind")) for c in cases])


def fit(cases: list[Case], featurise: Featuriser = kind_features) -> tuple[np.ndarray, np.ndarray]:
    """Weights (`DIM` x classes) and biases of the pre-registered softmax regression."""
    x = matrix([model_text(c.text) for c in cases], featurise, DIM)
    y = np.eye(len(KINDS))[labels(cases)]
    w, b = np.zeros((DIM, len(KINDS))), np.zeros(len(KINDS))
    for _ in range(STEPS):
        z = x @ w + b
        p = np.exp(z - z.max(axis=1, keepdims=True))
        g = p / p.sum(axis=1, keepdims=True) - y
        w -= RATE * (x.T @ g / len(y) + L2 * w)
        b -= RATE * g.mean(axis=0)
    return w, b


def loso(sets: dict[str, list[Case]], featurise: Featuriser = kind_features,
         ) -> dict[str, KindModel]:
    """For each set, the model trained on every other set (thresholds not yet chosen)."""
    out = {}
    for name in sets:
        w, b = fit([c for other, cs in sets.items() if other != name for c in cs], featurise)
        out[name] = KindModel(w, b, 0.0, NEVER)
    return out


def read(sets: dict[str, list[Case]], models: dict[str, KindModel],
         featurise: Featuriser = kind_features) -> dict[str, np.ndarray]:
    """Each set's class probabilities (cases x `KINDS`) under its own model in `models`."""
    out = {}
    for name, cases in sets.items():
        m = models[name]
        x = matrix([model_text(c.text) for c in cases], featurise, DIM)
        z = x @ m.weights + m.bias
        e = np.exp(z - z.max(axis=1, keepdims=True))
        out[name] = e / e.sum(axis=1, keepdims=True)
    return out


Rules = list[tuple[str | None, bool]]


def rules_kinds(sets: dict[str, list[Case]]) -> dict[str, Rules]:
    """Each case's (kind, kind cue seen) by intake with the model off (~1 min a 1,000)."""
    from agents.intake.parser import parse_request

    out: dict[str, Rules] = {}
    for name, cases in sets.items():
        parsed = [parse_request(c.text, c.now, kind_model=None) for c in cases]
        out[name] = [(p.kind, bool(p.candidates.get("kind"))) for p in parsed]
    return out


def combined(rules: Rules, probs: np.ndarray, fill: float, override: float,
             ) -> list[str | None]:
    """`combine` for each case of a set."""
    return [combine(r, KINDS[int(np.argmax(p))], float(p.max()), fill, override, cued)
            for (r, cued), p in zip(rules, probs, strict=True)]


def right(kinds: list[str | None], cases: list[Case]) -> int:
    """How many of `kinds` are the cases' labelled kind."""
    return sum(k == c.expect.get("kind") for k, c in zip(kinds, cases, strict=True))


def choose(sets: dict[str, list[Case]], rules: dict[str, Rules],
           probs: dict[str, np.ndarray]) -> tuple[float, float]:
    """The (fill, override) of the highest pooled LOSO accuracy (ties: the model changes less)."""
    best: tuple[int, float, float] = (-1, 0.0, 0.0)
    for override in OVERRIDES:
        for fill in FILLS:
            score = sum(right(combined(rules[n], probs[n], fill, override), cs)
                        for n, cs in sets.items())
            if (score, override, fill) > best:
                best = (score, float(override), float(fill))
    return best[2], best[1]


def write(path: Any, w: np.ndarray, b: np.ndarray, fill: float, override: float) -> None:
    """Save the shipped weights (float32), biases and the two thresholds."""
    np.savez_compressed(path, weights=w.astype(np.float32), bias=b.astype(np.float64),
                        fill=np.float64(fill), override=np.float64(override))


def table(sets: dict[str, list[Case]], rules: dict[str, Rules],
          probs: dict[str, np.ndarray], fill: float, override: float) -> list[str]:
    """Kind right per set and pooled: rules, model alone, (a) fill only, (b) fill + override."""
    lines = [f"{'set':<16}{'n':>5}{'rules':>7}{'model':>7}{'(a)':>6}{'(b)':>6}{'b-r':>5}"]
    tot = np.zeros(5, int)
    for name, cases in sets.items():
        alone = [KINDS[int(np.argmax(p))] for p in probs[name]]
        row = np.array([len(cases), right([k for k, _ in rules[name]], cases),
                        right(alone, cases),
                        right(combined(rules[name], probs[name], fill, NEVER), cases),
                        right(combined(rules[name], probs[name], fill, override), cases)])
        tot += row
        lines.append(f"{name:<16}" + "".join(f"{v:>{w}}" for v, w in zip(row, WIDTHS, strict=True))
                     + f"{row[4] - row[1]:>+5}")
    lines.append(f"{'pooled':<16}" + "".join(f"{v:>{w}}" for v, w in zip(tot, WIDTHS, strict=True))
                 + f"{tot[4] - tot[1]:>+5}")
    lines.append(f"{'pooled %':<16}{'':>5}" + "".join(
        f"{100 * v / tot[0]:>{w}.1f}" for v, w in zip(tot[1:], WIDTHS[1:], strict=True)))
    return lines


def product(sets: dict[str, list[Case]], models: dict[str, KindModel]) -> list[str]:
    """Intake's scorer on each set, rules only and with the set's LOSO model.

    gained / lost: cases exact with the model and not without, and the reverse; clar+/-:
    cases whose `needs_clarification` became right / wrong.
    """
    from agents.intake.parser import parse_request
    from evals.intake import run_intake_eval

    def cells(s: dict[str, Any]) -> str:
        return (f"{100 * s['field_accuracy']:>6.1f}%{100 * s['exact_match']:>6.1f}%"
                f"{s['clarify_precision']:>5.2f}/{s['clarify_recall']:.2f}")

    lines = [f"{'set':<16}{'rules: field exact P/R':<26}{'rules+model: same':<26}"
             f"{'gained':>7}{'lost':>5}{'clar+':>6}{'clar-':>6}"]
    tot = np.zeros(4, int)
    for name in sets:
        path = DATA / f"requests_{name}.yaml"
        runs = [run_intake_eval(path, parser=partial(parse_request, kind_model=m))
                for m in (None, models[name])]
        wrong = [set(s["failures"]) for s in runs]
        clar = [{i for i, f in s["failures"].items() if "needs_clarification" in f} for s in runs]
        row = np.array([len(wrong[0] - wrong[1]), len(wrong[1] - wrong[0]),
                        len(clar[0] - clar[1]), len(clar[1] - clar[0])])
        tot += row
        lines.append(f"{name:<16}{cells(runs[0]):<26}{cells(runs[1]):<26}"
                     + "".join(f"{v:>{w}}" for v, w in zip(row, (7, 5, 6, 6), strict=True)))
    lines.append(f"{'pooled':<16}{'':<52}" + "".join(f"{v:>{w}}" for v, w in
                                                     zip(tot, (7, 5, 6, 6), strict=True)))
    return lines


def _chars_only(text: str) -> tuple[np.ndarray, np.ndarray]:
    return hashed_ngrams(text, DIM, (2, 3, 4, 5))


def main(argv: list[str] | None = None) -> int:
    """Choose the thresholds by LOSO (unless given), train on all sets, write, print."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(WEIGHTS))
    ap.add_argument("--thresholds", nargs=2, type=float, metavar=("FILL", "OVERRIDE"),
                    help="write with these thresholds; no LOSO, no rules run")
    ap.add_argument("--features", action="store_true",
                    help="also compare char n-grams alone with char + word n-grams")
    ap.add_argument("--product", action="store_true",
                    help="also run intake (rules, rules + LOSO model) on every set")
    args = ap.parse_args(argv)
    sets = labelled_sets()
    if args.thresholds:
        fill, override = args.thresholds
    else:
        models = loso(sets)
        probs = read(sets, models)
        rules = rules_kinds(sets)
        fill, override = choose(sets, rules, probs)
        if args.features:
            chars = read(sets, loso(sets, _chars_only), _chars_only)
            pooled = [sum(right([KINDS[int(np.argmax(p))] for p in pr[n]], cs)
                          for n, cs in sets.items()) for pr in (chars, probs)]
            print(f"model alone, pooled LOSO: char {pooled[0]}, char + word {pooled[1]} "
                  f"of {sum(map(len, sets.values()))}")
        print(f"fill {fill:.2f}, override {override:.2f} (LOSO, all sets pooled)")
        print("\n".join(table(sets, rules, probs, fill, override)))
    w, b = fit([c for cs in sets.values() for c in cs])
    write(args.out, w, b, fill, override)
    print(f"wrote {args.out}")
    if args.product and not args.thresholds:
        print("\n".join(product(sets, {n: KindModel(m.weights, m.bias, fill, override)
                                       for n, m in models.items()})))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
