"""`gridwise eval shifting`: the Let's-Wait-Awhile reproduction, ours beside the paper's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from evals.shifting import PAPER_ADHOC, PAPER_NIGHTLY, REGION_FILES, run_shifting
from gridwise.edge import print_error
from gridwise.errors import UserError

#: Decimals kept in the JSON output (the paper reports two at most).
JSON_DECIMALS = 3


def shifting(
    lwa_dir: Annotated[
        Path | None,
        typer.Option("--lwa-dir", envvar="GRIDWISE_LWA_DIR",
                     help="folder with ger_ci.csv, gb_ci.csv, fr_ci.csv (not bundled)"),
    ] = None,
    seed: Annotated[int, typer.Option(help="seed of the job sample and forecast error")] = 0,
    json_out: Annotated[bool, typer.Option("--json", help="print JSON only")] = False,
) -> None:
    """Reproduce Let's Wait Awhile (Middleware '21): nightly and ad-hoc shifting savings."""
    try:
        result = run_shifting(lwa_dir, seed=seed)
    except UserError as exc:
        print_error(Console(stderr=True), exc)
        raise typer.Exit(2) from exc
    if json_out:
        typer.echo(json.dumps(_rounded(result)))
        return
    Console().print(comparison_table(result))


def _rounded(result: dict[str, dict]) -> dict[str, dict]:
    return {exp: {region: {k: round(v, JSON_DECIMALS) for k, v in vals.items()}
                  for region, vals in regions.items()}
            for exp, regions in result.items()}


def comparison_table(result: dict[str, dict]) -> Table:
    """Rich table: one row per experiment, ours and the paper's per region (%)."""
    regions = [r for r in REGION_FILES if r in result["nightly"]]
    table = Table(title="Temporal shifting savings (%) — ours vs Let's Wait Awhile")
    table.add_column("experiment")
    for region in regions:
        table.add_column(f"{region} ours", justify="right")
        table.add_column(f"{region} paper", justify="right", style="dim")
    for hours in ("1", "2", "4", "8"):
        row = [f"nightly ±{hours} h"]
        for region in regions:
            row += [f"{result['nightly'][region][hours]:.2f}",
                    f"{PAPER_NIGHTLY[region][int(hours)]:.1f}"]
        table.add_row(*row)
    for mode, label in (("non_interruptible", "non-interruptible"),
                        ("interruptible", "interruptible")):
        row = [f"ad hoc, next workday, 5 % error, {label}"]
        for region in regions:
            row += [f"{result['adhoc'][region][mode]:.2f}", f"{PAPER_ADHOC[region][mode]:.2f}"]
        table.add_row(*row)
    return table


if __name__ == "__main__":
    typer.run(shifting)
