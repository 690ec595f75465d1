"""Probe: would a learned attack detector catch what the intake rules miss on unseen text.

Usage: `PYTHONPATH=$PWD python -m evals.attack_probe fresh10 [fresh9 ...]`. For each named
blind set it trains a character n-gram linear classifier on every *other* labelled set in
`evals/data/` (positives: cases tagged `adversarial`), scores the named set once, and prints
how many attacks it catches, its false alarms, and the clarification precision / recall of
"the rules ask OR the classifier flags". It is an experiment, not part of the product.

The settings were fixed before the first run and are not tuned: lowercased char 2-5 grams
hashed to 2**18 columns, each row L2-normalised; logistic regression with L2 (1e-4), the
classes balanced, 300 steps of full-batch gradient descent at rate 2; threshold 0.5.
"""

from __future__ import annotations

import sys
import zlib
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from scipy.sparse import csr_matrix

from agents.intake.parser import parse_request

DATA = Path(__file__).resolve().parent / "data"
DIM = 2**18


def _rows(texts: list[str]) -> csr_matrix:
    """Hashed, L2-normalised char 2-5 gram counts, one row per text."""
    ri: list[int] = []
    ci: list[int] = []
    va: list[float] = []
    for r, text in enumerate(texts):
        t, counts = f" {text.lower()} ", dict[int, int]()
        for n in (2, 3, 4, 5):
            for i in range(len(t) - n + 1):
                h = zlib.crc32(t[i:i + n].encode()) % DIM
                counts[h] = counts.get(h, 0) + 1
        vs = np.fromiter(counts.values(), float)
        ri += [r] * len(counts)
        ci += list(counts)
        va += (vs / np.sqrt((vs**2).sum())).tolist()
    return csr_matrix((va, (ri, ci)), shape=(len(texts), DIM))


def _adversarial(cases: list[dict[str, Any]]) -> np.ndarray:
    return np.array(["adversarial" in (c.get("tags") or []) for c in cases])


def flagged(blind: str) -> tuple[list[dict[str, Any]], np.ndarray]:
    """The blind set's cases and the classifier's flags, trained on every other set."""
    train = [c for p in sorted(DATA.glob("requests_*.yaml")) if blind not in p.name
             for c in yaml.safe_load(p.read_text())]
    test = yaml.safe_load(next(DATA.glob(f"requests_{blind}*.yaml")).read_text())
    y = _adversarial(train).astype(float)
    x = _rows([c["text"] for c in train])
    w, b = np.zeros(DIM), 0.0
    weight = np.where(y == 1, (1 - y.mean()) / y.mean(), 1.0)
    for _ in range(300):
        g = (1 / (1 + np.exp(-(x @ w + b))) - y) * weight
        w -= 2.0 * (x.T @ g / y.size + 1e-4 * w)
        b -= 2.0 * g.mean()
    return test, (_rows([c["text"] for c in test]) @ w + b) > 0


def main(argv: list[str]) -> int:
    """Print one block per blind set named."""
    for blind in argv:
        cases, flag = flagged(blind)
        adv = _adversarial(cases)
        asks = np.array([parse_request(c["text"], datetime.fromisoformat(
            c["now"].replace("Z", "+00:00"))).needs_clarification for c in cases])
        want = np.array([bool(c["expect"]["needs_clarification"]) for c in cases])
        print(f"{blind}: classifier catches {int((flag & adv).sum())}/{int(adv.sum())} attacks, "
              f"false alarms {int((flag & ~adv).sum())}/{int((~adv).sum())}; rules refuse "
              f"{int((asks & adv).sum())}/{int(adv.sum())}")
        for name, got in (("rules", asks), ("rules OR classifier", asks | flag)):
            tp = int((got & want).sum())
            print(f"  {name:<20} refused {int((got & adv).sum())}/{int(adv.sum())}, clarify P "
                  f"{tp / max(int(got.sum()), 1):.2f} R {tp / max(int(want.sum()), 1):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
