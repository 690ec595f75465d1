"""A decision as the console shows it: pathway table, inline charts, verified rationale, report.

Read from the store in short opens (worker threads call these); Chainlit elements are
built here so the chat module stays about the conversation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import chainlit as cl

from gridwise.models import Decision
from gridwise.settings import Settings
from gridwise.store import Store


def load(settings: Settings, decision_id: str) -> tuple[Decision, list[str]]:
    """The decision and the provider ids (an unknown id raises `UserError` with hints)."""
    from gridwise.records.decisions import load_decision

    with Store.open(settings.db_file, migrate=False) as store:
        decision = load_decision(store, decision_id)
        providers = [r["id"] for r in store.rows("SELECT id FROM providers ORDER BY id")]
    return decision, providers


def pathway_table(decision: Decision) -> str:
    """The pathways as a Markdown table (recommended first)."""
    rows = ["| pathway | where | hardware | start → finish (UTC) | cost | CO2e |",
            "|---|---|---|---|---|---|"]
    names = ["recommended"] + sorted(n for n in decision.pathways if n != "recommended")
    for name in names:
        p = decision.pathways.get(name)
        if p is None:
            continue
        q = p.quote
        co2 = "n/a" if q.kg_co2e is None else f"{q.kg_co2e:,.2f} kg"
        rows.append(f"| **{name}** | {q.provider} {q.region} | {q.count}× {q.accelerator}"
                    f"{' spot' if q.spot else ''} | {q.start:%a %d %b %H:%M} → "
                    f"{q.finish:%a %H:%M} ({q.window}) | ${q.cost_usd:,.2f} | {co2} |")
    return "\n".join(rows)


def rationale(decision: Decision) -> str:
    """The verified rationale, with its verification status per sentence."""
    e = decision.explanation or {}
    sentences = e.get("sentences") or []
    lines = [f"**Why** ({e.get('source', 'templated')}; {verification(e)}):"]
    for s in sentences:
        mark = "✓" if s.get("verified") else "✗ (not verified, not shown in the report)"
        lines.append(f"- {s.get('text', '')} {mark}")
    return "\n".join(lines)


def verification(explanation: dict[str, Any]) -> str:
    """'all 7 sentences verified' / '5 of 7 verified, 2 dropped'."""
    sentences = explanation.get("sentences") or []
    ok = sum(1 for s in sentences if s.get("verified"))
    dropped = len(explanation.get("dropped") or [])
    if not sentences:
        return "no sentences to verify"
    head = f"all {ok} sentences verified" if ok == len(sentences) else \
        f"{ok} of {len(sentences)} sentences verified"
    return head + (f", {dropped} dropped" if dropped else "") + \
        f", {explanation.get('checked_numbers', 0)} numbers checked against the record"


def decision_message(settings: Settings, decision_id: str) -> tuple[str, list[Any]]:
    """The message text and inline chart elements for a decision's pathways."""
    from tools.charts import chart_data, grid_timeline, options_scatter

    with Store.open(settings.db_file, migrate=False) as store:
        from gridwise.records.decisions import load_decision

        decision = load_decision(store, decision_id)
        data = chart_data(store.conn, decision)
    figures = {"options": options_scatter(decision),
               "timeline": grid_timeline(decision, data.carbon, data.price)}
    elements = [cl.Plotly(name=f"{name}-{decision.id}", figure=fig, display="inline",
                          size="large") for name, fig in figures.items()]
    text = "\n\n".join([
        f"Decision `{decision.id}`: {len(decision.options)} feasible options, "
        f"recommended by {decision.recommended_by or 'rule'}.",
        pathway_table(decision), rationale(decision),
        "Pick a pathway below, or ask a follow-up: *why not the TPU?*, *defer to tonight*, "
        "*exclude lium*, *under $300*."])
    return text, elements


def report_pdf(settings: Settings, decision_id: str) -> Path:
    """Write (once) and return the decision's PDF report under <home>/console/reports."""
    from graphs.scheduling.reports import write_report

    folder = settings.home / "console" / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{decision_id}.pdf"
    if not path.is_file():
        with Store.open(settings.db_file, migrate=False) as store:
            write_report(store, decision_id, None, path)
    return path
