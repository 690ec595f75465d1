"""Recorded requests: replay natural-language requests through the whole `ask` graph.

Each case has a clock (`at`), the request text, optionally the pathway to choose (which
orders it, so later cases meet its holds), and the decision expected. Cases replay in clock
order on one store, each through `graphs.scheduling.session.run_turn`, the function the
`ask` command calls. Expectations are dotted paths of the result (`status`,
`pathways.cheapest.accelerator`, ...) or these shorthands for the recommended pathway:
`pathway` (the named pathway it is: cheapest, fastest, greenest, optimal-time),
`provider`, `region`, `cluster`, `window` and `start`. A run reports how many cases match
and, for each, what differed. `llm: none` forces the deterministic path; `configured` uses
the LLM the settings name (tests replay its HTTP traffic from vcrpy cassettes).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evals.sim.scenario import Scenario
from gridwise.settings import Settings

#: Shorthand expectation -> the dotted path of the result it reads.
SHORTHAND = {k: f"pathways.recommended.{k}"
             for k in ("provider", "region", "cluster", "window", "start")}
#: The recommended pathway "is" a named one when these agree.
SAME_OPTION = ("cluster", "instance_type", "count", "spot", "start")
NAMED = ("cheapest", "fastest", "greenest", "optimal-time")


def lookup(result: dict[str, Any], dotted: str) -> Any:
    """`result['a']['b']` for `'a.b'` (None where a key is missing)."""
    cur: Any = result
    for part in dotted.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def recommended_is(result: dict[str, Any]) -> list[str]:
    """The named pathways the recommended option is (several when they coincide)."""
    paths = result.get("pathways") or {}
    rec = paths.get("recommended")
    if not rec:
        return []
    return [n for n in NAMED if n in paths
            and all(paths[n].get(k) == rec.get(k) for k in SAME_OPTION)]


def _same(expected: Any, got: Any) -> bool:
    if isinstance(expected, float) and isinstance(got, int | float):
        return abs(expected - got) <= 1e-6 * max(1.0, abs(expected))
    if isinstance(expected, str) and isinstance(got, str) and expected[:4].isdigit():
        return got.startswith(expected.rstrip("Z"))  # a time given to the minute or hour
    return expected == got


def differences(expect: dict[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    """Each expectation the result does not meet, with what it got."""
    out = {}
    for key, want in expect.items():
        if key == "pathway":
            got: Any = recommended_is(result)
            if want not in got:
                out[key] = {"expected": want, "got": got}
            continue
        got = lookup(result, SHORTHAND.get(key, key))
        if not _same(want, got):
            out[key] = {"expected": want, "got": got}
    return out


def run_requests(sc: Scenario, settings: Settings, home: Path) -> dict[str, Any]:
    """Replay every case in clock order; one result row with the match rate and the cases."""
    from graphs.scheduling.session import run_turn

    spec = sc.data["requests"]
    if spec.get("llm", "none") == "none":
        settings = settings.model_copy(update={"llm": "none"})
    cases = []
    order = sorted(range(len(spec["cases"])), key=lambda i: spec["cases"][i]["at"])
    for i in order:
        case = spec["cases"][i]
        s = settings.model_copy(update={"home": home / f"case-{i}"})
        result = run_turn(s, case["request"], case["at"], None, None, None,
                          case.get("choose"), False, None, new=True)
        rec = (result.get("pathways") or {}).get("recommended") or {}
        cases.append({"id": case["id"], "at": case["at"],
                      "match": not (diffs := differences(case["expect"], result)),
                      "differences": diffs, "status": result.get("status"),
                      "decision": {k: rec.get(k) for k in ("provider", "region", "window",
                                                          "start")} | {
                          "pathway": recommended_is(result)},
                      "llm_calls": result.get("llm_calls", 0),
                      "llm_failed": (result.get("llm") or {}).get("failed", 0)})
    matched = sum(c["match"] for c in cases)
    return {"policy": sc.data["policies"][0], "reserved": 0, "seed": 0,
            "match_pct": 100.0 * matched / len(cases), "cases": cases,
            "llm": settings.llm, "kg_co2e": None, "cost_usd": None, "mean_wait_h": None,
            "deadline_miss_pct": 100.0 * (len(cases) - matched) / len(cases)}
