"""A seeded fuzzer for intake: crashes, slow parses and broken invariants on unseen text.

Usage: `PYTHONPATH=$PWD python -m evals.intake_fuzz [--n 5000] [--seed 0] [--json]`.
Each mutant is a labelled text of `evals/data/` with one to three mutations of
`evals.fuzz_mutations` applied; it is parsed by `parse_request` (twice: a parse must be
deterministic) and by the graph's deterministic intake path (`understand` without an
LLM). A crash, a parse over `--slow` seconds, or a broken invariant of
`evals.fuzz_checks` is a finding; each finding's text is shrunk to a minimal reproducer
that fails the same way. The slowest parses and the parse-time percentiles are printed,
so that catastrophic regex backtracking shows up as a number.
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import Any

from agents.intake import parse_request
from agents.intake.understand import understand
from evals.fuzz_checks import all_problems, same
from evals.fuzz_mutations import MUTATIONS, Mutation, splice
from evals.intake import Case, load_requests

DATA = Path(__file__).resolve().parent / "data"
#: A parse this slow is a finding (a denial of service by one request).
SLOW_S = 2.0
#: A parse this slow is stopped (between regex calls; the finding is a timeout).
HANG_S = 20.0


@dataclass(frozen=True)
class Mutant:
    """One mutated request."""

    id: int
    base: str
    mutations: str
    text: str
    now: datetime


@dataclass
class Finding:
    """One way the parser failed on a mutant, with the shrunk reproducer."""

    kind: str  # crash | timeout | invariant | nondeterministic
    signature: str
    mutant: int
    base: str
    mutations: str
    now: str
    text_chars: int
    reproducer: str = ""
    detail: str = ""


@dataclass
class Outcome:
    """What running one mutant gave: parse time and the failure signatures."""

    ms: float
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # kind, signature, detail


class _Hang(Exception):
    pass


def _alarm(_sig: int, _frame: FrameType | None) -> None:
    raise _Hang


def cases() -> list[Case]:
    """Every labelled request of `evals/data/`, in file order."""
    return [c for p in sorted(DATA.glob("requests_*.yaml")) for c in load_requests(p)]


def mutants(pool: list[Case], n: int, seed: int,
            exclude: tuple[str, ...] = ()) -> Iterator[Mutant]:
    """`n` mutants, the same ones for the same seed, pool and exclusions."""
    rng = random.Random(seed)
    names = [name for name in MUTATIONS if name not in exclude]
    for i in range(n):
        case = rng.choice(pool)
        text, now, used = case.text, case.now, []
        for _ in range(rng.choice((1, 1, 2, 3))):
            name = rng.choice([*names, "splice"])
            fn: Mutation = splice(rng.choice(pool).text) if name == "splice" else MUTATIONS[name]
            text, now = fn(rng, text, now)
            used.append(name)
        yield Mutant(i, case.id, "+".join(used), text, now)


def _crash_site(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/agents/" in f.filename or "/gridwise/" in f.filename] or frames
    last = ours[-1]
    where = f"{Path(last.filename).name}:{last.lineno}" if last else "?"
    return f"{type(exc).__name__} at {where}"


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, HANG_S)
    t0 = time.perf_counter()
    try:
        return fn(), time.perf_counter() - t0
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def run_one(text: str, now: datetime, graph: bool = True, slow_s: float = SLOW_S) -> Outcome:
    """Parse one text (twice, and through `understand` if `graph`) and check it."""
    try:
        parsed, took = _timed(lambda: parse_request(text, now))
    except _Hang:
        return Outcome(HANG_S * 1000, [("timeout", "timeout", f"over {HANG_S:.0f} s")])
    except Exception as exc:  # every exception is the finding here, reported with its site
        return Outcome(0.0, [("crash", _crash_site(exc), repr(exc)[:200])])
    out = Outcome(took * 1000)
    if took > slow_s:
        out.failures.append(("timeout", "timeout", f"{took:.2f} s"))
    for problem in all_problems(text, parsed):
        out.failures.append(("invariant", problem.split("=")[0].split(" (")[0], problem))
    if not same(parsed, parse_request(text, now)):
        out.failures.append(("nondeterministic", "nondeterministic", "two parses differ"))
    if graph:
        try:
            understand(text, now, None)
        except Exception as exc:  # as above: the crash is the finding
            out.failures.append(("crash", "understand: " + _crash_site(exc), repr(exc)[:200]))
    return out


def shrink(text: str, now: datetime, signature: str, graph: bool = True,
           budget: int = 400) -> str:
    """A shorter text that fails with the same signature (delta debugging on characters)."""
    def fails(t: str) -> bool:
        return any(sig == signature for _, sig, _ in run_one(t, now, graph, slow_s=SLOW_S).failures)

    tries = 0
    chunk = max(1, len(text) // 2)
    while chunk >= 1 and tries < budget:
        i, changed = 0, False
        while i < len(text) and tries < budget:
            candidate = text[:i] + text[i + chunk:]
            tries += 1
            if candidate != text and fails(candidate):
                text, changed = candidate, True
            else:
                i += chunk
        if not changed:
            chunk //= 2
    return text


def percentile(values: list[float], q: float) -> float:
    """The `q` quantile (0..1) of `values`, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))] if values else 0.0


def fuzz(n: int, seed: int, graph: bool = True, shrink_budget: int = 400,
         progress: Callable[[int], None] | None = None,
         exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """Run `n` mutants; findings (first per signature, shrunk), slowest parses, timings."""
    findings: dict[str, Finding] = {}
    counts: dict[str, int] = {}
    times: list[tuple[float, Mutant]] = []
    keep: dict[str, Mutant] = {}
    pool = cases()
    # one parse first, untimed: the parser compiles its pattern tables on first use (about
    # 2 s on a busy 2-core host), a cost of the process, not of whichever mutant comes first
    run_one(pool[0].text, pool[0].now, graph)
    for m in mutants(pool, n, seed, exclude):
        outcome = run_one(m.text, m.now, graph)
        times.append((outcome.ms, m))
        for kind, sig, detail in outcome.failures:
            counts[sig] = counts.get(sig, 0) + 1
            if sig not in findings:
                findings[sig] = Finding(kind, sig, m.id, m.base, m.mutations,
                                        m.now.isoformat(), len(m.text), detail=detail)
                keep[sig] = m
        if progress:
            progress(1)
    for sig, f in findings.items():
        if shrink_budget:
            f.reproducer = shrink(keep[sig].text, keep[sig].now, sig, graph, shrink_budget)
    ms = [t for t, _ in times]
    slowest = sorted(times, key=lambda x: -x[0])[:20]
    return {
        "mutants": n, "seed": seed,
        "findings": [dict(asdict(f), count=counts[f.signature]) for f in findings.values()],
        "parse_ms": {"p50": percentile(ms, 0.5), "p99": percentile(ms, 0.99),
                     "max": max(ms, default=0.0)},
        "slowest": [{"ms": round(t, 1), "mutant": m.id, "base": m.base,
                     "mutations": m.mutations, "chars": len(m.text)} for t, m in slowest],
    }


def _print(result: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    con = Console()
    p = result["parse_ms"]
    con.print(f"{result['mutants']} mutants (seed {result['seed']}): "
              f"{len(result['findings'])} distinct findings; parse ms p50 {p['p50']:.1f} "
              f"p99 {p['p99']:.1f} max {p['max']:.1f}")
    table = Table("kind", "signature", "count", "first mutant", "reproducer")
    for f in result["findings"]:
        table.add_row(f["kind"], f["signature"], str(f["count"]),
                      f"#{f['mutant']} {f['base']} {f['mutations']}", repr(f["reproducer"])[:120])
    con.print(table)
    slow = Table("ms", "mutant", "base", "mutations", "chars", title="slowest parses")
    for s in result["slowest"]:
        slow.add_row(f"{s['ms']:.1f}", str(s["mutant"]), s["base"], s["mutations"],
                     str(s["chars"]))
    con.print(slow)


def main(argv: list[str] | None = None) -> int:
    """Run the fuzzer; exit 1 when it found anything."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=5000, help="number of mutants")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    ap.add_argument("--no-graph", action="store_true",
                    help="parse_request only (skip the graph's deterministic intake path)")
    ap.add_argument("--shrink", type=int, default=400, help="parses per shrink (0: none)")
    args = ap.parse_args(argv)
    if args.json:
        result = fuzz(args.n, args.seed, not args.no_graph, args.shrink)
        print(json.dumps(result, indent=2, default=str))
    else:
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("fuzzing intake", total=args.n)
            result = fuzz(args.n, args.seed, not args.no_graph, args.shrink,
                          lambda k: bar.advance(task, k))
        _print(result)
    return 1 if result["findings"] else 0


if __name__ == "__main__":
    sys.exit(main())
