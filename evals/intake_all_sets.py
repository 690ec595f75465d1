"""Score the deterministic intake parser on every labelled request set, one line each.

Usage: `PYTHONPATH=$PWD python -m evals.intake_all_sets [--glob PATTERN] [--errors SET]
[--skip SET]`.
Prints field accuracy, exact match, clarification precision / recall, adversarial cases
refused (tagged `adversarial` and answered with `needs_clarification`) and crashes for
each `evals/data/requests_*.yaml`, so that a parser change can be checked for regressions
on all sets at once. `--errors SET` also lists that set's wrong fields.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from evals.intake import load_requests, run_intake_eval

DATA = Path(__file__).resolve().parent / "data"


def adversarial_refused(path: Path, scores: dict[str, Any]) -> tuple[int, int]:
    """(refused, total) over the cases tagged `adversarial`, read from the scorer's result.

    A case was answered with `needs_clarification` when its label says so and the field
    is not among its failures, or the reverse; a crashed case refused nothing. Nothing is
    parsed a second time.
    """
    cases = [c for c in load_requests(path) if "adversarial" in c.tags]
    crashed = set(scores.get("crashed_cases") or [])
    refused = sum(c.id not in crashed and bool(c.expect.get("needs_clarification"))
                  != ("needs_clarification" in scores["failures"].get(c.id, []))
                  for c in cases)
    return refused, len(cases)


def main(argv: list[str] | None = None) -> int:
    """Print one score line per set (and optionally one set's errors)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--glob", default="requests_*.yaml")
    ap.add_argument("--errors", default="", help="a set's name part, e.g. fresh6")
    ap.add_argument("--skip", default="",
                    help="name parts of sets not to score, comma-separated (a blind set "
                         "while tuning, e.g. fresh8)")
    args = ap.parse_args(argv)
    print(f"{'set':<28}{'n':>5}{'field':>8}{'exact':>8}{'P':>7}{'R':>7}{'adv':>8}{'crash':>6}")
    for path in sorted(DATA.glob(args.glob)):
        if any(part and part in path.name for part in args.skip.split(",")):
            continue
        s = run_intake_eval(path)
        ref, tot = adversarial_refused(path, s)
        name = path.stem.removeprefix("requests_")
        print(f"{name:<28}{s['n']:>5}{100 * s['field_accuracy']:>7.1f}%"
              f"{100 * s['exact_match']:>7.1f}%{s['clarify_precision']:>7.2f}"
              f"{s['clarify_recall']:>7.2f}{f'{ref}/{tot}':>8}{s['crashes']:>6}")
        if args.errors and args.errors in path.name:
            for e in s["errors"]:
                print(f"    {e['id']:<14}{e['field']:<20} want {e['expected']!r}  got {e['got']!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
