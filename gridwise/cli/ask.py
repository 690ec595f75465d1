"""`gridwise ask`: the whole scheduling graph from natural language, one turn at a time."""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer

from gridwise.cli.common import (
    AtOpt,
    CarbonBasisOpt,
    DbOpt,
    JsonOpt,
    LlmOpt,
    err,
    out,
    print_json,
    settings_with,
    user_errors,
)


@user_errors
def ask(
    request: Annotated[str | None, typer.Argument(help="the job, in your words")] = None,
    at: AtOpt = None,
    dataset: Annotated[Path | None, typer.Option(
        "--dataset", help="a CSV / Parquet / JSON / JSONL file the job processes")] = None,
    thread: Annotated[str | None, typer.Option(
        "--thread", help="continue (or resume after a crash) this conversation")] = None,
    answer: Annotated[str | None, typer.Option(
        "--answer", help="answer the clarification question of --thread")] = None,
    choose: Annotated[str | None, typer.Option(
        "--choose", help="pick a pathway for --thread (recommended, cheapest, fastest, "
        "greenest, optimal-time) or 'cancel'")] = None,
    yes: Annotated[bool, typer.Option("--yes", help="confirm the recommended pathway")] = False,
    report: Annotated[Path | None, typer.Option(
        "--report", help="write the decision report (HTML + PDF) into this folder")] = None,
    new: Annotated[bool, typer.Option(
        "--new", help="ask again even if the same request was made in the dedupe window")
    ] = False,
    oracle: Annotated[bool, typer.Option(
        "--oracle", help="decide on the actual future series (hindsight: an upper bound for "
        "experiments; the default is the forecast made at the clock)")] = False,
    llm: LlmOpt = None,
    carbon_basis: CarbonBasisOpt = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Ask in natural language: understand, quote every provider, rank, explain, order."""
    from graphs.scheduling.session import run_turn

    s = settings_with(db_path=db, llm=llm, carbon_basis=carbon_basis)

    def said(thread_id: str, existing: bool) -> None:
        # Printed before any work: a killed run resumes with this id.
        how = "continuing" if existing else "thread"
        err.print(f"{how} {thread_id} (resume with: gridwise ask --thread {thread_id})",
                  highlight=False, markup=False)

    # A spinner on stderr while the graph (and possibly the local LLM) works.
    with err.status("understanding, quoting every provider, ranking, explaining …",
                    spinner="dots") if err.is_terminal and not json_out else nullcontext():
        result = run_turn(s, request=request, at=at, dataset=dataset, thread=thread,
                          answer=answer, choose=choose, yes=yes, report_dir=report, new=new,
                          on_thread=said, oracle=oracle)
    if json_out:
        print_json(result)
    else:
        from gridwise.cli.render import print_ask

        print_ask(out, result)
    if result.get("report_error"):
        err.print(f"error: report not written: {result['report_error']}", highlight=False,
                  markup=False)
        raise typer.Exit(2)
