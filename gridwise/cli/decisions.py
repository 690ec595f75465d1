"""`gridwise decisions list|show` and `gridwise report`: the decision log and its reports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from gridwise.cli.common import (
    CountOpt,
    DbOpt,
    JsonOpt,
    out,
    print_json,
    settings_with,
    user_errors,
)

app = typer.Typer(no_args_is_help=True, help="Stored decisions.")

HtmlOpt = Annotated[Path | None, typer.Option(
    "--html", help="write the HTML report here (default <decision id>.html if no --pdf)")]
PdfOpt = Annotated[Path | None, typer.Option(
    "--pdf", help="write the PDF report here (needs Chromium for the charts)")]


def _open(db: Path | None) -> Any:
    """The store, read-only, waiting as long as the settings say (`GRIDWISE_DB_WAIT_S`)."""
    from gridwise.store import Store

    s = settings_with(db_path=db)
    return Store.open(s.db_file, read_only=True, wait_s=s.db_wait_s)


@app.command("list")
@user_errors
def decisions_list(
    db: DbOpt = None,
    limit: Annotated[int, typer.Option("--limit", **CountOpt)] = 20,
    json_out: JsonOpt = False,
) -> None:
    """The newest stored decisions."""
    from gridwise.records.decisions import recent_decisions

    with _open(db) as store:
        rows = recent_decisions(store, limit)
    if json_out:
        print_json({"decisions": rows})
        return
    table = Table(title="decisions")
    for col in ("id", "created (UTC)", "clock", "chosen", "request"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["id"], f"{r['created_at']:%Y-%m-%d %H:%M}", f"{r['clock']:%Y-%m-%d %H:%M}",
                      r["chosen"] or "-", (r["request_text"] or "")[:50])
    out.print(table)


@app.command("show")
@user_errors
def decisions_show(
    decision_id: Annotated[str, typer.Argument(help="a decision id (see `decisions list`)")],
    db: DbOpt = None,
) -> None:
    """A stored decision as JSON."""
    from gridwise.records.decisions import load_decision

    with _open(db) as store:
        print(load_decision(store, decision_id).model_dump_json(indent=1))


@user_errors
def report(
    decision_id: Annotated[str, typer.Argument(help="a decision id (see `decisions list`)")],
    html: HtmlOpt = None,
    pdf: PdfOpt = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Write the report of a stored decision: pathways, window, charts, verified rationale."""
    from graphs.scheduling.reports import write_report

    if html is None and pdf is None:
        html = Path(f"{decision_id}.html")
    with _open(db) as store:
        paths = write_report(store, decision_id, html, pdf)
    if json_out:
        print_json({"decision_id": decision_id, "report": paths})
        return
    for kind, path in paths.items():
        if path:
            print(f"{kind}: {path}")
