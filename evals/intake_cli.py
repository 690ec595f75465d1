"""`gridwise eval intake`: score the intake parser on labelled requests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from evals.intake import DEFAULT_REQUESTS, run_intake_eval
from gridwise.edge import print_error
from gridwise.errors import UserError

#: The LLM steps `--llm` will select once they exist.
LLM_CHOICES = ("none", "embedded", "endpoint")
HEADLINE = ("field_accuracy", "exact_match", "clarify_precision", "clarify_recall", "crashes", "n")


def intake(
    requests: Annotated[
        Path,
        typer.Option("--requests", envvar="GRIDWISE_INTAKE_REQUESTS",
                     help="YAML list of labelled requests (default: the bundled dev set)"),
    ] = DEFAULT_REQUESTS,
    llm: Annotated[
        str,
        typer.Option("--llm", envvar="GRIDWISE_INTAKE_LLM",
                     help="LLM step after the parser: none | embedded | endpoint"),
    ] = "none",
    json_out: Annotated[bool, typer.Option("--json", help="print JSON only")] = False,
) -> None:
    """Score intake (deterministic parser) on labelled requests: field accuracy and more."""
    try:
        result = _run(requests, llm)
    except UserError as exc:
        print_error(Console(stderr=True), exc)
        raise typer.Exit(2) from exc
    if json_out:
        typer.echo(json.dumps(result))
        return
    console = Console()
    console.print(headline_table(result))
    console.print(breakdown_table("per field", result["per_field"], "accuracy"))
    console.print(breakdown_table("per tag", result["per_tag"], "field_accuracy"))


def _run(requests: Path, llm: str) -> dict[str, Any]:
    choice = llm.strip().lower()
    if choice not in LLM_CHOICES:
        raise UserError(f"unknown --llm {llm!r}", "use one of: " + ", ".join(LLM_CHOICES))
    if choice == "none":
        result = run_intake_eval(requests)
        result["llm"] = choice
        return result
    from agents.intake.understand import parse_hybrid
    from gridwise.llm import LLMSeam
    from gridwise.settings import Settings

    with LLMSeam(Settings(llm=choice)) as seam:  # type: ignore[arg-type]
        result = run_intake_eval(requests, lambda text, now: parse_hybrid(text, now, seam)[0])
        result["llm"] = f"{choice} ({seam.model_name})"
        result["llm_calls"] = len(seam.calls)
        result["llm_tokens"] = sum(c.prompt_tokens + c.completion_tokens for c in seam.calls)
    return result


def headline_table(result: dict[str, Any]) -> Table:
    """Rich table of the headline metrics."""
    table = Table(title=f"Intake evaluation (llm: {result.get('llm', 'none')})")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key in HEADLINE:
        value = result[key]
        table.add_row(key, f"{value:.1%}" if isinstance(value, float) else str(value))
    return table


def breakdown_table(title: str, rows: dict[str, dict[str, Any]], key: str) -> Table:
    """Rich table of one breakdown (per field or per tag)."""
    table = Table(title=title)
    table.add_column("name")
    table.add_column(key, justify="right")
    extra = [k for k in next(iter(rows.values()), {}) if k != key]
    for k in extra:
        table.add_column(k, justify="right")
    for name, vals in rows.items():
        table.add_row(name, f"{vals[key]:.1%}", *(str(vals[k]) for k in extra))
    return table


if __name__ == "__main__":
    typer.run(intake)
