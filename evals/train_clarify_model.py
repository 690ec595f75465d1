"""Train intake's learned clarification check and test it by leave-one-set-out.

Usage: `PYTHONPATH=$PWD python -m evals.train_clarify_model [--parsed DIR] [--blind DIR]
[--out PATH] [--weights-only]`. Writes `agents/intake/clarify_model.npz` (read by
`agents.intake.clarify_model`) and prints two leave-one-set-out (LOSO) tables: for each
labelled set, a model trained on every *other* set second-guesses the parser on it.

- Table A: the parser as it is now. Its rules were tuned on every one of these sets, so
  they leave little to fix; these figures are what the brief asks for, not evidence about
  new text.
- Table B (`--blind DIR`): the parser as it was at the commit that added each blind set,
  before any rule was tuned on it (`DIR/<set>.json`, written by `dump_parsed` in a work
  tree at that commit). That parser met the set's text cold, as today's will meet the
  next writer's: the nearest stand-in here for "text nobody tuned on".

Each table gives, per set and pooled, clarification P/R of the rules alone and of rules +
model, the flips made (right / all, each way), and the full scorer's field / exact with
the model on. Parses are slow (~2,900 requests): `--parsed DIR` keeps today's per set.

Pre-registered (written before any result of this trainer was seen; not tuned after):
- Data: every `evals/data/requests_*.yaml`, one example per request; positive when its
  label has `needs_clarification: true`. Features: `clarify_model.features` (the attack
  model's char 2-5 grams of the text as written, and the parser's decision as tokens,
  each block L2-normalised). Training rows use the blind parse where `--blind` has one
  (the errors a model must learn to catch are those of rules that have not seen the text)
  and today's parse elsewhere.
- Model: `train_attack_model.fit_logistic` (L2 1e-4, balanced classes, 300 steps at 2.0).
- Thresholds, from pooled LOSO probabilities of table B's parses (table A's where there
  is no table B): `t_hi` is the lowest of 0.80, 0.81, ..., 0.99 at which at least 3 of
  the requests the rules let through score >= it and >= 80 % of those need
  clarification; `t_lo` the highest of 0.20, 0.19, ..., 0.01 at which at least 3 of the
  requests asked about for `open` reasons only score <= it and >= 80 % of those need
  none. Where no value qualifies, that flip is never made (1.01 / -0.01).
- Default: ON only if, in both tables, pooled LOSO precision and recall both rise and no
  set has more than one more wrong `needs_clarification`; otherwise OFF.
- The shipped model trains on every set (rows as above) with the LOSO thresholds.

Blind parses (`evals/clarify_blind/`, by `evals/dump_parses.py` run in a work tree at the
commit that added each set, on today's texts and labels): fresh6 25f5b5c, fresh7 4220f06,
fresh8 d33f244, fresh9 b47924e, fresh10 741cd16, fresh11/12 6260bdd, fresh13/14 4994c31,
fresh15/16/17 7f2324b, fresh18/19 0008245, fresh20 1c281c8, fresh21 93881a1,
fresh22 0481bbb, fresh23 ce83cda (001-032; 033-072 at ae1cf7a, the same
parses for 001-032), fresh24 3fe7a2c.
Their rules-alone scores equal those the commits' messages record for the blind runs.

Changed after the first results (v1 -> v2; v1 stays behind `--v1`):
- v1 made no flip: its grids (>= 0.80 to ask, <= 0.20 not to) were never reached, as a
  regression with balanced classes and this penalty gives few probabilities near 0 or 1;
  table B's LOSO probabilities did rank the rules' misses (37 of the 40 requests the
  rules let through that scored highest needed clarification).
- v2: the same rule over grids 0.50-0.99 and 0.50-0.01, and, so that no set's flips are
  judged at thresholds chosen on it, each set's thresholds come from the pooled folds of
  the other sets only (the shipped ones from all). Default rule unchanged.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from agents.intake.clarify_model import (
    DIM,
    WEIGHTS,
    ClarifyModel,
    features,
    reason_class,
    second_opinion,
)
from agents.intake.schema import ParsedRequest
from evals import dump_parses
from evals.intake import Case, score_case, summarise
from evals.train_attack_model import fit_logistic, labelled_sets, sparse_rows

#: v2's grids (v1's, `--v1`: 0.80-0.99 and 0.20-0.01)
GRIDS = {"v2": (np.round(np.arange(0.50, 1.00, 0.01), 2),
                np.round(np.arange(0.50, 0.00, -0.01), 2)),
         "v1": (np.round(np.arange(0.80, 1.00, 0.01), 2),
                np.round(np.arange(0.20, 0.00, -0.01), 2))}
#: words of a label's clarify_reason that show the named field is what is missing
_NAMES = {"kind": r"workload|job type|what to run|no job", "model": r"model",
          "params_b": r"size", "gpu_type": r"accelerator|gpu type|hardware|V100|H100|A100",
          "gpu_count": r"gpu count|gpus|count", "min_gpu_mem_gb": r"memory",
          "dataset_gb": r"dataset|data size", "dataset_tokens": r"token",
          "gpu_hours": r"gpu-hours|compute", "duration_hours": r"run length|duration|run for",
          "budget_usd": r"budget", "max_co2_kg": r"carbon|co2", "interruptible": r"spot",
          "request": r"$^"}  # the generic question names no field
MIN_FLIPS, MIN_RIGHT = 3, 0.80
NEVER_HI, NEVER_LO = 1.01, -0.01

BLIND = Path(__file__).resolve().parent / "clarify_blind"
Parses = dict[str, dict[str, ParsedRequest]]


def read_parsed(raw: dict[str, dict]) -> dict[str, ParsedRequest]:
    """Parses from `dump_parsed` data, possibly of an older schema (unknown keys dropped).

    Built unvalidated, as the parser leaves them: a list field a conflict unset is None.
    Times stay ISO strings, which the scorer reads as it reads labels.
    """
    known = set(ParsedRequest.model_fields)
    return {i: ParsedRequest.model_construct(**{k: v for k, v in row.items() if k in known})
            for i, row in raw.items()}


def parses(sets: dict[str, list[Case]], cache: Path | None) -> Parses:
    """Today's parse of every case, read from `cache/<set>.json.gz` or parsed (and written)."""
    out = {}
    for name, cases in sets.items():
        path = cache / f"{name}.json.gz" if cache else None
        if path and path.exists():
            raw = dump_parses.read(path)
        else:
            raw = dump_parses.dump_parsed(cases, limits=None)  # same with or without a store
            if path:
                dump_parses.write(path, raw)
        out[name] = read_parsed(raw)
    return out


def label(cases: list[Case]) -> np.ndarray:
    """Whether each case's label asks for clarification."""
    return np.array([bool(c.expect.get("needs_clarification")) for c in cases])


def fit(rows: list[tuple[Case, ParsedRequest]]) -> tuple[np.ndarray, float]:
    """The pre-registered regression on (case text, parse) rows."""
    x = sparse_rows([features(c.text, p) for c, p in rows], DIM)
    return fit_logistic(x, label([c for c, _ in rows]).astype(float))


def loso(sets: dict[str, list[Case]], train: Parses) -> dict[str, ClarifyModel]:
    """For each set, the model trained on every other set (thresholds not yet chosen)."""
    out = {}
    for name in sets:
        rows = [(c, train[other][c.id]) for other, cs in sets.items() if other != name
                for c in cs]
        out[name] = ClarifyModel(*fit(rows), NEVER_HI, NEVER_LO)
    return out


def choose_thresholds(probs: np.ndarray, asked: np.ndarray, open_only: np.ndarray,
                      want: np.ndarray, grid: str = "v2") -> tuple[float, float]:
    """(t_hi, t_lo) by the pre-registered rule over pooled LOSO probabilities."""
    t_hi, t_lo = NEVER_HI, NEVER_LO
    hi_grid, lo_grid = GRIDS[grid]
    for t in hi_grid:
        flip = ~asked & (probs >= t)
        if flip.sum() >= MIN_FLIPS and want[flip].mean() >= MIN_RIGHT:
            t_hi = float(t)
            break
    for t in lo_grid:
        flip = asked & open_only & (probs <= t)
        if flip.sum() >= MIN_FLIPS and (~want[flip]).mean() >= MIN_RIGHT:
            t_lo = float(t)
            break
    return t_hi, t_lo


def write(path: Path, model: ClarifyModel) -> None:
    """Save the shipped weights (float32), bias and thresholds."""
    np.savez_compressed(path, weights=model.weights.astype(np.float32),
                        bias=np.float64(model.bias), t_hi=np.float64(model.t_hi),
                        t_lo=np.float64(model.t_lo))


@dataclass
class Row:
    """One set's table line: rules alone, rules + model, flips each way."""

    name: str
    n: int
    rules: dict
    both: dict
    ask: tuple[int, int]
    drop: tuple[int, int]
    wrong: tuple[int, int]
    asks: dict[str, tuple[int, int]]  # rules / both: (right asks, asks)
    wanted: int
    named: int  # right flips to ask whose question names what the label says is missing
    generic: int  # right flips to ask with the generic question

    def line(self) -> str:
        """The set's line of the table."""
        def cells(s: dict) -> str:
            return (f"{100 * s['field_accuracy']:>6.1f}%{100 * s['exact_match']:>6.1f}%"
                    f"{s['clarify_precision']:>6.2f}{s['clarify_recall']:>5.2f}")
        return (f"{self.name:<17}{self.n:>5}  {cells(self.rules)}  {cells(self.both)}"
                f"{f'{self.ask[0]}/{self.ask[1]}':>7}{f'{self.drop[0]}/{self.drop[1]}':>7}"
                f"{f'{self.wrong[0]}>{self.wrong[1]}':>8}")


HEAD = (f"{'set':<17}{'n':>5}  {'rules: field exact   P    R':<31}"
        f"{'rules+model: same':<31}{'ask+':>6}{'ask-':>7}{'wrongNC':>8}")


def scored(name: str, cases: list[Case], parsed: dict[str, ParsedRequest],
           model: ClarifyModel) -> Row:
    """One set scored by intake's scorer, rules alone and with the model's flips."""
    rules, both = [], []
    ask = drop = ask_ok = drop_ok = named = generic = 0
    asks = {"rules": [0, 0], "both": [0, 0]}
    for c in cases:
        before = parsed[c.id]
        after = second_opinion(before.model_copy(deep=True), c.text, model)
        want = bool(c.expect.get("needs_clarification"))
        for key, p in (("rules", before), ("both", after)):
            asks[key][0] += p.needs_clarification and want
            asks[key][1] += p.needs_clarification
        if after.needs_clarification and not before.needs_clarification and want:
            generic += after.clarify_field == "request"
            named += bool(re.search(_NAMES[after.clarify_field or "request"],
                                    str(c.expect.get("clarify_reason", "")), re.IGNORECASE))
        if after.needs_clarification != before.needs_clarification:
            ask, ask_ok = ask + after.needs_clarification, ask_ok + (after.needs_clarification
                                                                     and want)
            drop, drop_ok = (drop + before.needs_clarification,
                             drop_ok + (before.needs_clarification and not want))
        rules.append(score_case(c, before.fields()))
        both.append(score_case(c, after.fields()))
    r, b = summarise(rules, cases), summarise(both, cases)
    wrong_r, wrong_b = (sum("needs_clarification" in f for f in s["failures"].values())
                        for s in (r, b))
    return Row(name, len(cases), r, b, (ask_ok, ask), (drop_ok, drop), (wrong_r, wrong_b),
               {k: (v[0], v[1]) for k, v in asks.items()}, int(label(cases).sum()), named,
               generic)


def table(sets: dict[str, list[Case]], parsed: Parses, models: dict[str, ClarifyModel]
          ) -> tuple[list[str], bool]:
    """The LOSO table over the sets in `parsed`, and whether it passes the default rule.

    `models[set]` carries that set's thresholds (chosen without it).
    """
    rows = [scored(n, sets[n], parsed[n], models[n]) for n in parsed]
    tp = {k: sum(r.asks[k][0] for r in rows) for k in ("rules", "both")}
    said = {k: sum(r.asks[k][1] for r in rows) for k in ("rules", "both")}
    wanted = sum(r.wanted for r in rows)
    pr = {k: (tp[k] / max(said[k], 1), tp[k] / max(wanted, 1)) for k in tp}
    lost = max(r.wrong[1] - r.wrong[0] for r in rows)
    ok = pr["both"][0] > pr["rules"][0] and pr["both"][1] > pr["rules"][1] and lost <= 1
    asks = [sum(r.ask[i] for r in rows) for i in (0, 1)]
    drops = [sum(r.drop[i] for r in rows) for i in (0, 1)]
    wrong = [sum(r.wrong[i] for r in rows) for i in (0, 1)]
    pooled = (f"{'pooled':<17}{sum(r.n for r in rows):>5}  P/R rules {pr['rules'][0]:.3f}/"
              f"{pr['rules'][1]:.3f}  rules+model {pr['both'][0]:.3f}/{pr['both'][1]:.3f}"
              f"  ask+ {asks[0]}/{asks[1]}  ask- {drops[0]}/{drops[1]}  wrong NC "
              f"{wrong[0]}>{wrong[1]}  worst set {lost:+d}  asks naming the missing field "
              f"{sum(r.named for r in rows)}/{asks[0]} (generic question "
              f"{sum(r.generic for r in rows)})  -> {'PASS' if ok else 'FAIL'}")
    return [HEAD, *(r.line() for r in rows), pooled], ok


def main(argv: list[str] | None = None) -> int:
    """Train, test by LOSO (tables A and B), choose thresholds, write the weights."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=WEIGHTS)
    ap.add_argument("--parsed", type=Path, help="cache of today's parses, one JSON per set")
    ap.add_argument("--blind", type=Path, default=BLIND,
                    help="blind parses, DIR/<set>.json.gz (table B)")
    ap.add_argument("--v1", action="store_true", help="v1's threshold grids")
    ap.add_argument("--weights-only", action="store_true",
                    help="write the weights and thresholds without tables A and B: today's "
                         "parse only of the sets without a blind one (what training reads)")
    args = ap.parse_args(argv)
    grid = "v1" if args.v1 else "v2"
    sets = labelled_sets()
    blind = {n: read_parsed(dump_parses.read(args.blind / f"{n}.json.gz"))
             for n in sets if (args.blind / f"{n}.json.gz").exists()}
    now = parses({n: cs for n, cs in sets.items() if not (args.weights_only and n in blind)},
                 args.parsed)
    train = {n: blind[n] if n in blind else now[n] for n in sets}
    models = loso(sets, train)
    cases = [(n, c) for n, cs in sets.items() for c in cs]
    probs = np.array([models[n].probability(c.text, train[n][c.id]) for n, c in cases])
    picked = [train[n][c.id] for n, c in cases]
    asked = np.array([bool(p.needs_clarification) for p in picked])
    open_only = np.array([all(reason_class(q) == "open" for q in p.problems)
                          and not p.adversarial for p in picked])
    want = np.concatenate([label(cs) for cs in sets.values()])
    where = np.array([n for n, _ in cases])
    for name, m in models.items():  # each set's thresholds from the other sets' folds
        rest = where != name
        t = choose_thresholds(probs[rest], asked[rest], open_only[rest], want[rest], grid)
        models[name] = ClarifyModel(m.weights, m.bias, *t)
        print(f"{name:<17} t_hi {t[0]:.2f}  t_lo {t[1]:.2f}")
    t_hi, t_lo = choose_thresholds(probs, asked, open_only, want, grid)
    print(f"shipped: t_hi {t_hi:.2f}  t_lo {t_lo:.2f} (all folds pooled, {len(blind)} blind)")
    w, b = fit([(c, train[n][c.id]) for n, c in cases])
    write(args.out, ClarifyModel(w, b, t_hi, t_lo))
    if args.weights_only:
        print(f"\nwrote {args.out} (no tables: --weights-only)")
        return 0
    lines_a, ok_a = table(sets, now, models)
    print("\nA: today's parser (its rules were tuned on every set)\n" + "\n".join(lines_a))
    ok_b = True
    if blind:
        lines_b, ok_b = table(sets, blind, models)
        print("\nB: the parser at each blind set's commit\n" + "\n".join(lines_b))
    print(f"\nwrote {args.out}; default by the pre-registered rule: "
          f"{'ON' if ok_a and ok_b else 'OFF'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
