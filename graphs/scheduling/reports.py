"""Decision reports: the stored explanation (or a fresh one) rendered to HTML and PDF.

This joins the explainer (agents) and the report tool, so it lives above both: the CLI's
`report` command and an `ask --report` turn call it.
"""

from __future__ import annotations

from pathlib import Path

from agents.explainer import explain
from agents.explainer.verifier import store_vocabulary
from gridwise.records.decisions import load_decision
from gridwise.store import Store
from tools.reports import build_report


def write_report(store: Store, decision_id: str, html: Path | None,
                 pdf: Path | None) -> dict[str, str | None]:
    """The report of a stored decision, with its stored explanation (or a fresh one)."""
    decision = load_decision(store, decision_id)
    explanation = decision.explanation or explain(decision, store_vocabulary(store.conn))
    return build_report(store, decision, explanation, html=html, pdf=pdf)


def write_report_files(store: Store, decision_id: str, folder: Path) -> dict[str, str | None]:
    """HTML and PDF of a decision into `folder` (`<id>.html`, `<id>.pdf`)."""
    folder.mkdir(parents=True, exist_ok=True)
    return write_report(store, decision_id, folder / f"{decision_id}.html",
                        folder / f"{decision_id}.pdf")
