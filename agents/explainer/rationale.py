"""Structured rationale of a decision: claims bound to the record, counterfactuals, prose.

Every claim names the value it rests on (`source` is a path into the `Decision` record,
e.g. `pathways.recommended.quote.cost_usd`, or an evidence entry). The templated prose is
built only from those claims, so the verifier can trace every number in it; the LLM
explainer (a later step) receives the same claims through `prompts/explainer/`.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Literal

from pydantic import BaseModel, Field

from gridwise.models import Decision, Quote
from tools.ranking import describe_delta

PATHWAY_ORDER = ("recommended", "cheapest", "fastest", "greenest", "optimal-time")
_MEAN = re.compile(r"mean ([0-9][0-9,]*\.?[0-9]*) (gCO2/kWh|USD/MWh)")


class Claim(BaseModel):
    """One statement of fact, bound to a value in the decision record."""

    id: str = Field(description="stable id, e.g. 'recommended.cost_usd'")
    metric: str
    value: float | int | str
    unit: str = Field(description="USD, USD/h, kg CO2e, kWh, h, GPU, gCO2/kWh, USD/MWh, "
                      "datetime, %, or '' for names")
    source: str = Field(description="path into the decision record or an evidence entry")


class Counterfactual(BaseModel):
    """Why not another option: a constraint it breaks, or its deltas to the recommended."""

    option: str
    reason: Literal["delta", "constraint", "same"]
    deltas: dict[str, float] = Field(default_factory=dict)
    text: str
    source: str


class Rationale(BaseModel):
    """Claims, counterfactuals and prose for one decision."""

    decision_id: str
    claims: list[Claim]
    counterfactuals: list[Counterfactual]
    prose: str
    source: Literal["template", "llm"] = "template"
    model: str | None = None
    prompt: dict[str, str] | None = None


def quote_label(q: Quote) -> str:
    """'gcp europe-north1, 16 x B200' (variant and spot noted)."""
    extra = (f" {q.variant}" if q.variant else "") + (" spot" if q.spot else "")
    return f"{q.provider} {q.region}, {q.count} x {q.accelerator}{extra}"


def fmt_time(t: datetime) -> str:
    """Times as prose shows them (UTC, minutes)."""
    return f"{t:%Y-%m-%d %H:%M} UTC"


def _hours(a: datetime, b: datetime) -> float:
    return (b - a) / timedelta(hours=1)


def _evidence_means(q: Quote, base: str) -> list[Claim]:
    out = []
    for i, e in enumerate(q.evidence):
        m = _MEAN.search(e.note)
        if m:
            unit = m.group(2)
            metric = "mean_carbon_intensity" if unit == "gCO2/kWh" else "mean_energy_price"
            zone = str(e.keys.get("zone", ""))
            out.append(Claim(id=f"{base}.{metric}", metric=metric,
                             value=float(m.group(1).replace(",", "")), unit=unit,
                             source=f"{base}.quote.evidence[{i}] ({e.table} zone={zone})"))
    return out


def quote_claims(q: Quote, base: str) -> list[Claim]:
    """The claims one pathway's quote supports (`base` = 'pathways.<name>')."""
    src = f"{base}.quote"
    claims = [
        Claim(id=f"{base}.provider", metric="provider", value=q.provider, unit="",
              source=f"{src}.provider"),
        Claim(id=f"{base}.region", metric="region", value=q.region, unit="",
              source=f"{src}.region"),
        Claim(id=f"{base}.accelerator", metric="accelerator", value=q.accelerator, unit="",
              source=f"{src}.accelerator"),
        Claim(id=f"{base}.count", metric="gpu_count", value=q.count, unit="GPU",
              source=f"{src}.count"),
        Claim(id=f"{base}.window", metric="window", value=q.window, unit="",
              source=f"{src}.window"),
        Claim(id=f"{base}.start", metric="start", value=q.start.isoformat(), unit="datetime",
              source=f"{src}.start"),
        Claim(id=f"{base}.finish", metric="finish", value=q.finish.isoformat(),
              unit="datetime", source=f"{src}.finish"),
        Claim(id=f"{base}.runtime_h", metric="runtime", value=q.runtime_h, unit="h",
              source=f"{src}.runtime_h"),
        Claim(id=f"{base}.cost_usd", metric="cost", value=q.cost_usd, unit="USD",
              source=f"{src}.cost_usd"),
        Claim(id=f"{base}.price_usd_per_h", metric="price", value=q.price_usd_per_h,
              unit="USD/h", source=f"{src}.price_usd_per_h"),
        Claim(id=f"{base}.confidence", metric="confidence", value=q.confidence * 100,
              unit="%", source=f"{src}.confidence"),
    ]
    if q.kg_co2e is not None:
        claims.append(Claim(id=f"{base}.kg_co2e", metric="co2", value=q.kg_co2e,
                            unit="kg CO2e", source=f"{src}.kg_co2e"))
    if q.energy_kwh is not None:
        claims.append(Claim(id=f"{base}.energy_kwh", metric="energy", value=q.energy_kwh,
                            unit="kWh", source=f"{src}.energy_kwh"))
    return claims + _evidence_means(q, base)


def run_now_twin(decision: Decision, q: Quote) -> tuple[int, Quote] | None:
    """The shown run-now option on the same cluster and size as `q`, if `q` is shifted."""
    if q.window == "now":
        return None
    for i, o in enumerate(decision.options):
        if (o.window == "now" and o.cluster == q.cluster and o.accelerator == q.accelerator
                and o.count == q.count and o.spot == q.spot):
            return i, o
    return None


def build_claims(decision: Decision) -> list[Claim]:
    """All claims: each pathway's quote, the constraints, counts and the run-now twin."""
    claims: list[Claim] = []
    for name in PATHWAY_ORDER:
        if name in decision.pathways:
            claims += quote_claims(decision.pathways[name].quote, f"pathways.{name}")
    c = decision.job.constraints
    if c.deadline is not None:
        claims.append(Claim(id="constraints.deadline", metric="deadline",
                            value=c.deadline.isoformat(), unit="datetime",
                            source="job.constraints.deadline"))
    if c.budget_usd is not None:
        claims.append(Claim(id="constraints.budget_usd", metric="budget", value=c.budget_usd,
                            unit="USD", source="job.constraints.budget_usd"))
    if c.max_co2_kg is not None:
        claims.append(Claim(id="constraints.max_co2_kg", metric="co2_cap",
                            value=c.max_co2_kg, unit="kg CO2e",
                            source="job.constraints.max_co2_kg"))
    claims.append(Claim(id="options.count", metric="options_shown",
                        value=len(decision.options), unit="", source="options (length)"))
    rec = decision.pathways.get("recommended")
    if rec is not None:
        q = rec.quote
        if c.deadline is not None:
            claims.append(Claim(id="recommended.slack_h", metric="slack_before_deadline",
                                value=round(_hours(q.finish, c.deadline), 2), unit="h",
                                source="job.constraints.deadline - pathways.recommended."
                                       "quote.finish"))
        twin = run_now_twin(decision, q)
        if twin is not None:
            i, now = twin
            claims += [Claim(id="run_now.start", metric="start", value=now.start.isoformat(),
                             unit="datetime", source=f"options[{i}].start"),
                       Claim(id="run_now.cost_usd", metric="cost", value=now.cost_usd,
                             unit="USD", source=f"options[{i}].cost_usd")]
            if now.kg_co2e is not None and q.kg_co2e is not None and now.kg_co2e > 0:
                claims += [
                    Claim(id="run_now.kg_co2e", metric="co2", value=now.kg_co2e,
                          unit="kg CO2e", source=f"options[{i}].kg_co2e"),
                    Claim(id="run_now.co2_saving_pct", metric="co2_saving",
                          value=round((now.kg_co2e - q.kg_co2e) / now.kg_co2e * 100, 2),
                          unit="%", source=f"1 - pathways.recommended.quote.kg_co2e / "
                                           f"options[{i}].kg_co2e")]
    return claims


def counterfactuals(decision: Decision) -> list[Counterfactual]:
    """'Why not X' for every other pathway, and for each hard constraint that rejected options."""
    out: list[Counterfactual] = []
    rec = decision.pathways.get("recommended")
    if rec is not None:
        for name in PATHWAY_ORDER[1:]:
            p = decision.pathways.get(name)
            if p is None:
                continue
            d = p.deltas.get("recommended")
            if d is None:  # same quote as the recommended one
                out.append(Counterfactual(
                    option=name, reason="same", source=f"pathways.{name}.quote",
                    text=f"The {name} pathway is the recommended option itself."))
                continue
            out.append(Counterfactual(
                option=name, reason="delta", deltas=d,
                source=f"pathways.{name}.deltas.recommended",
                text=f"Why not {name} ({quote_label(p.quote)}): against the recommended "
                     f"option it is {describe_delta(d)}"
                     + ("; its CO2 is unknown." if p.quote.kg_co2e is None else ".")))
    for i, reason in enumerate(decision.reasons):
        if "broke the" in reason:
            out.append(Counterfactual(option=reason.split("broke the ")[1].split()[0],
                                      reason="constraint", source=f"reasons[{i}]",
                                      text=f"Excluded: {reason}."))
    return out


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def template_prose(decision: Decision) -> str:
    """Plain sentences built from the claims' values (the verifier traces every number)."""
    rec = decision.pathways.get("recommended")
    if rec is None:
        fixes = "; ".join(decision.infeasible_reasons) or "no relaxation is known"
        return (f"No option meets every hard constraint, so nothing is recommended. "
                f"To get a feasible option: {fixes}.")
    q = rec.quote
    also = [n for n in PATHWAY_ORDER[1:] if n in decision.pathways
            and "recommended" not in decision.pathways[n].deltas]
    objective = decision.job.preferences.objective or "balanced"
    s = [f"The recommended option is {quote_label(q)}"
         + (f", which is also the {_and(also)} pathway" if also else "")
         + f" (objective: {objective})."]
    s.append(f"It starts {fmt_time(q.start)} and finishes {fmt_time(q.finish)} after "
             f"{q.runtime_h:,.1f} h of runtime ({q.window} window).")
    deadline = decision.job.constraints.deadline
    if deadline is not None:
        s.append(f"That is {_hours(q.finish, deadline):,.1f} h before the deadline of "
                 f"{fmt_time(deadline)}.")
    co2 = ("its CO2 is unknown (no carbon series or power figure)" if q.kg_co2e is None
           else f"it emits {q.kg_co2e:,.1f} kg CO2e")
    energy = f" from {q.energy_kwh:,.1f} kWh" if q.energy_kwh is not None else ""
    s.append(f"It costs ${q.cost_usd:,.2f} (${q.price_usd_per_h:,.2f} per hour) and {co2}"
             f"{energy}.")
    means = _evidence_means(q, "pathways.recommended")
    for m in means:
        what = "carbon intensity" if m.unit == "gCO2/kWh" else "energy price"
        s.append(f"The mean {what} over the run is {m.value:,.1f} {m.unit}.")
    s.append(f"The quote's confidence is {q.confidence * 100:.0f}%.")
    twin = run_now_twin(decision, q)
    if twin is not None:
        _, now = twin
        line = f"Running now instead (from {fmt_time(now.start)}) would cost ${now.cost_usd:,.2f}"
        if now.kg_co2e is not None and q.kg_co2e is not None and now.kg_co2e > 0:
            pct = (now.kg_co2e - q.kg_co2e) / now.kg_co2e * 100
            line += (f" and emit {now.kg_co2e:,.1f} kg CO2e, so the chosen window "
                     f"{'saves' if pct >= 0 else 'adds'} {abs(pct):.0f}% of the CO2")
        s.append(line + ".")
    s += [c.text for c in counterfactuals(decision) if c.reason == "delta"]
    return " ".join(s)


def build_rationale(decision: Decision) -> Rationale:
    """The structured rationale with templated prose (`source='template'`)."""
    return Rationale(decision_id=decision.id, claims=build_claims(decision),
                     counterfactuals=counterfactuals(decision),
                     prose=template_prose(decision), source="template")
