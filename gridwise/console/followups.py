"""Follow-ups on a decision: answered from its record, or a re-rank with one changed constraint.

Never free LLM text: "why not the TPU?" is answered from the stored options, pathway deltas
and the reasons the record keeps (a provider that did not quote, a constraint options
broke); "defer to tonight", "exclude lium", "under $300" change one constraint of the
decision's own job, and the console runs it again as a new decision linked to the first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from gridwise.models import Decision, JobSpec, Quote
from tools.ranking import describe_delta

_WHY = re.compile(r"^\s*why\s+(?:not|no|didn'?t\s+you\s+(?:pick|choose))\s+(?:the\s+|a\s+|an\s+)?"
                  r"(?P<what>[\w .:-]+?)\s*\??\s*$", re.I)
_EXCLUDE = re.compile(r"^\s*(?:exclude|without|no|drop|skip)\s+(?P<what>[\w.:-]+)\s*$", re.I)
_BUDGET = re.compile(r"^\s*(?:under|below|at most|max(?:imum)?|budget)\s*(?:of\s*)?\$?\s*"
                     r"(?P<usd>\d[\d,]*(?:\.\d+)?)\s*(?P<k>k)?\s*(?:usd|dollars|\$)?\s*$", re.I)
_DEFER = re.compile(r"^\s*(?:defer|delay|postpone|start|run)\s+(?:it\s+)?(?:to|until|till)?\s*"
                    r"(?P<when>tonight|tomorrow(?: morning)?|the weekend|this weekend)\s*$",
                    re.I)


@dataclass(frozen=True)
class Answer:
    """A follow-up answered from the record (nothing is run)."""

    text: str


@dataclass(frozen=True)
class Rerank:
    """The same job with one changed constraint, to run as a new decision."""

    job: JobSpec
    change: str          # what changed, for people and the link record


def parse(text: str, decision: Decision, providers: list[str]) -> Answer | Rerank | None:
    """The follow-up `text` asks for on `decision`, or None when it is not one."""
    if m := _WHY.match(text):
        return Answer(why_not(decision, m.group("what").strip()))
    c = decision.job.constraints
    if m := _EXCLUDE.match(text):
        what = m.group("what").lower()
        if what not in providers:
            return Answer(f"'{what}' is not a provider here; known providers: "
                          f"{', '.join(providers)}.")
        new = c.model_copy(update={"exclude_providers": sorted({*c.exclude_providers, what})})
        return Rerank(decision.job.model_copy(update={"constraints": new}), f"exclude {what}")
    if m := _BUDGET.match(text):
        usd = float(m.group("usd").replace(",", "")) * (1000 if m.group("k") else 1)
        if usd <= 0:
            return Answer("A budget must be more than $0.")
        new = c.model_copy(update={"budget_usd": usd})
        return Rerank(decision.job.model_copy(update={"constraints": new}), f"budget ${usd:,.0f}")
    if m := _DEFER.match(text):
        start = defer_start(decision.clock, m.group("when").lower())
        if c.deadline is not None and start >= c.deadline:
            return Answer(f"Starting {start:%a %H:%M} UTC would be after the deadline "
                          f"{c.deadline:%a %d %b %H:%M} UTC; relax the deadline first.")
        new = c.model_copy(update={"earliest_start": start})
        return Rerank(decision.job.model_copy(update={"constraints": new}),
                      f"start after {start:%Y-%m-%d %H:%M} UTC")
    return None


def defer_start(clock: datetime, when: str) -> datetime:
    """The earliest start a deferral means, relative to the decision's clock (UTC)."""
    day = clock.replace(hour=0, minute=0, second=0, microsecond=0)
    if when == "tonight":
        start = day + timedelta(hours=20)
        return start if start > clock else day + timedelta(days=1, hours=20)
    if when.startswith("tomorrow"):
        return day + timedelta(days=1, hours=8 if "morning" in when else 0)
    return day + timedelta(days=(5 - clock.weekday()) % 7 or 7)   # next Saturday 00:00


def _matches(q: Quote, what: str) -> bool:
    w = what.lower().replace(" ", "")
    fields = [q.accelerator, q.provider, q.region, q.cluster, q.kind, q.instance_type or ""]
    return any(w and w in f.lower().replace(" ", "") for f in fields)


def _describe(q: Quote) -> str:
    co2 = "no carbon figure" if q.kg_co2e is None else f"{q.kg_co2e:.2f} kg CO2e"
    return (f"{q.count}x {q.accelerator} on {q.provider} {q.region} ({q.window}), "
            f"${q.cost_usd:,.2f}, {q.runtime_h:.1f} h, finishes {q.finish:%a %H:%M} UTC, {co2}")


def why_not(decision: Decision, what: str) -> str:
    """Why `what` (an accelerator, provider, region or pathway) was not recommended."""
    rec = decision.pathways.get("recommended")
    if what.lower() in decision.pathways:
        p = decision.pathways[what.lower()]
        against = p.deltas.get("recommended")
        return (f"The {what.lower()} pathway of {decision.id} is {_describe(p.quote)}"
                + (f"; against the recommended: {describe_delta(against)}" if against else "")
                + ".")
    if rec is not None and _matches(rec.quote, what):
        return f"It was recommended: {_describe(rec.quote)}."
    found = [q for q in decision.options if _matches(q, what)]
    if found and rec is not None:
        best = min(found, key=lambda q: q.cost_usd)
        r = rec.quote
        deltas = [f"${best.cost_usd - r.cost_usd:+,.2f} cost",
                  f"{(best.finish - r.finish).total_seconds() / 3600:+.1f} h finish"]
        if best.kg_co2e is not None and r.kg_co2e is not None:
            deltas.append(f"{best.kg_co2e - r.kg_co2e:+.2f} kg CO2e")
        return (f"The best {what} option in {decision.id} is {_describe(best)}. Against the "
                f"recommended ({_describe(r)}): {', '.join(deltas)}; the recommendation "
                f"weighs cost, time and carbon as the request asked.")
    said = [r for r in decision.reasons + decision.infeasible_reasons
            if what.lower() in r.lower()]
    if said:
        return f"No {what} option is among the feasible options of {decision.id}: " + \
            "; ".join(said) + "."
    c = decision.job.constraints
    excluded = [p for p in c.exclude_providers if what.lower() in p]
    if excluded:
        return f"{what} was excluded by the request (exclude_providers: {', '.join(excluded)})."
    broke = [r for r in decision.reasons if "broke the" in r]
    return (f"No {what} option is among the {len(decision.options)} feasible options of "
            f"{decision.id}" + (f"; the record says {'; '.join(broke)}" if broke else
                                "; no provider quoted one for this job") + ".")


_DECISION_REF = re.compile(r"(?:^|\s)(?:on|for|of|in|about)?\s*(?P<id>d-[0-9a-z]+(?:-[0-9a-z]+)*)"
                           r"\s*[:,]?", re.I)


def mentioned_decision(text: str) -> tuple[str, str] | None:
    """A follow-up naming its decision ("exclude lium on d-2026...") -> (id, the rest)."""
    m = _DECISION_REF.search(text)
    if m is None:
        return None
    rest = (text[:m.start()] + " " + text[m.end():]).strip(" ,:?") + ("?" if "?" in text else "")
    return m.group("id"), rest.strip()
