"""Recorded requests: replay natural-language requests through the whole `ask` graph.

Each case has a clock (`at`), the request text, optionally the pathway to choose, and the
expected values at dotted paths of the result (`status`, `pathways.recommended.provider`,
...). A run reports how many cases match, and for each case what differed. The graph uses
the store and LLM that the settings name (`llm: none` forces the deterministic path; tests
drive an LLM from cassettes through the settings' endpoint).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evals.sim.scenario import Scenario
from gridwise.settings import Settings


def lookup(result: dict[str, Any], dotted: str) -> Any:
    """`result['a']['b']` for `'a.b'` (None where a key is missing)."""
    cur: Any = result
    for part in dotted.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def _same(expected: Any, got: Any) -> bool:
    if isinstance(expected, float) and isinstance(got, int | float):
        return abs(expected - got) <= 1e-6 * max(1.0, abs(expected))
    return expected == got


def run_requests(sc: Scenario, settings: Settings, home: Path) -> dict[str, Any]:
    """Replay every case; one result row with the match rate and each case's differences."""
    from graphs.scheduling.session import run_turn

    spec = sc.data["requests"]
    if spec.get("llm", "none") == "none":
        settings = settings.model_copy(update={"llm": "none"})
    cases = []
    for i, case in enumerate(spec["cases"]):
        s = settings.model_copy(update={"home": home / f"case-{i}"})
        result = run_turn(s, case["request"], case["at"], None, None, None,
                         case.get("choose"), False, None)
        diffs = {k: {"expected": v, "got": lookup(result, k)}
                 for k, v in case["expect"].items() if not _same(v, lookup(result, k))}
        cases.append({"id": case["id"], "match": not diffs, "differences": diffs,
                      "llm_calls": result.get("llm_calls", 0)})
    matched = sum(c["match"] for c in cases)
    return {"policy": sc.data["policies"][0], "reserved": 0, "seed": 0,
            "match_pct": 100.0 * matched / len(cases), "cases": cases,
            "kg_co2e": None, "cost_usd": None, "mean_wait_h": None,
            "deadline_miss_pct": 100.0 * (len(cases) - matched) / len(cases)}
