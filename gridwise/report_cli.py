"""`gridwise report`: write a decision's HTML and/or PDF report.

This is the CLI edge: it joins the store, the explainer (agents) and the report tool.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from gridwise.store import Store

HtmlOpt = Annotated[Path | None, typer.Option(
    "--html", help="write the HTML report here (default <decision id>.html if no --pdf)")]
PdfOpt = Annotated[Path | None, typer.Option(
    "--pdf", help="write the PDF report here (needs Chromium for the charts)")]
DbOpt = Annotated[Path | None, typer.Option(
    "--db", envvar="GRIDWISE_DB_PATH", help="DuckDB file (default .gridwise/gridwise.duckdb)")]
JsonOpt = Annotated[bool, typer.Option("--json", help="machine-readable output on stdout")]


def write_report(store: Store, decision_id: str, html: Path | None,
                 pdf: Path | None) -> dict[str, str | None]:
    """The report of a stored decision, with its stored explanation (or a fresh one)."""
    from agents.explainer import explain
    from agents.explainer.verifier import store_vocabulary
    from gridwise.decisions import load_decision
    from tools.reports import build_report

    decision = load_decision(store, decision_id)
    explanation = decision.explanation or explain(decision, store_vocabulary(store.conn))
    return build_report(store, decision, explanation, html=html, pdf=pdf)


def write_report_files(store: Store, decision_id: str, folder: Path) -> dict[str, str | None]:
    """HTML and PDF of a decision into `folder` (`<id>.html`, `<id>.pdf`)."""
    folder.mkdir(parents=True, exist_ok=True)
    return write_report(store, decision_id, folder / f"{decision_id}.html",
                        folder / f"{decision_id}.pdf")


def report(
    decision_id: Annotated[str, typer.Argument(help="a decision id (see `decisions list`)")],
    html: HtmlOpt = None,
    pdf: PdfOpt = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Write the report of a stored decision: pathways, window, charts, verified rationale."""
    from gridwise.settings import load_settings

    settings = load_settings(db_path=db)
    if html is None and pdf is None:
        html = Path(f"{decision_id}.html")
    with Store.open(settings.db_file, read_only=True) as store:
        paths = write_report(store, decision_id, html, pdf)
    if json_out:
        print(json.dumps({"decision_id": decision_id, "report": paths}))
        return
    for kind, path in paths.items():
        if path:
            print(f"{kind}: {path}")
