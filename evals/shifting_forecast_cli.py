"""`gridwise eval shifting-forecast`: shifting decided on forecasts, beside the oracle."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from evals.shifting_forecast import EM_ADHOC_JOBS, run_em, run_lwa
from gridwise.errors import UserError
from gridwise.settings import Settings


def shifting_forecast(
    lwa_dir: Annotated[Path | None, typer.Option(
        "--lwa-dir", envvar="GRIDWISE_LWA_DIR",
        help="folder with ger_ci.csv, gb_ci.csv, fr_ci.csv (not bundled)")] = None,
    model: Annotated[str, typer.Option("--forecast-model", help="ridge, seasonal_168, "
                                       "seasonal_24 or persistence")] = "ridge",
    zones: Annotated[str | None, typer.Option(
        "--zones", help="Electricity Maps zones for the hourly 2023 runs (comma-separated); "
        "'none' to skip them")] = None,
    jobs: Annotated[int, typer.Option("--jobs", min=1, help="ad-hoc jobs per zone (2023)")
                    ] = EM_ADHOC_JOBS,
    skip_lwa: Annotated[bool, typer.Option("--skip-lwa", help="only the 2023 zones")] = False,
    db: Annotated[Path | None, typer.Option("--db", envvar="GRIDWISE_DB_PATH")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="print JSON only")] = False,
) -> None:
    """Shifting savings realised on forecasts made at each job's clock vs the oracle's."""
    from gridwise.store import Store
    from tools.forecast import MODELS

    try:
        if model not in MODELS:
            raise UserError(f"unknown forecast model {model!r}",
                            f"use one of {', '.join(MODELS)}")
        result: dict[str, dict] = {}
        if not skip_lwa:
            result["lets_wait_awhile"] = run_lwa(lwa_dir, model)
        if zones != "none":
            s = Settings(**({"db_path": db} if db else {}))
            with Store.open(s.db_file, read_only=True) as store:
                result["electricitymaps_2023"] = run_em(
                    store, [z.strip() for z in zones.split(",")] if zones else None, model,
                    jobs)
    except UserError as exc:
        Console(stderr=True).print(f"[red]error:[/red] {exc.render()}", highlight=False)
        raise typer.Exit(2) from exc
    if json_out:
        typer.echo(json.dumps(result))
        return
    for name, res in result.items():
        Console().print(kept_table(name, res))


def kept_table(name: str, res: dict[str, dict]) -> Table:
    """Per zone and experiment: oracle saving, forecast saving, share kept (%)."""
    table = Table(title=f"{name}: saving (%) on the forecast vs the oracle (target: keep >= 85 %)")
    for col in ("zone", "experiment", "oracle %", "forecast %", "kept %", "fallbacks"):
        table.add_column(col, justify="left" if col in ("zone", "experiment") else "right")
    for exp in ("nightly", "adhoc"):
        for zone, rows in res[exp].items():
            for key, r in rows.items():
                label = f"nightly ±{key} h" if exp == "nightly" else f"ad hoc, {key}"
                kept = "-" if r["kept_pct"] is None else f"{r['kept_pct']:.0f}"
                table.add_row(zone, label, f"{r['oracle_pct']:.2f}", f"{r['forecast_pct']:.2f}",
                              kept, str(r["fallbacks"]))
    return table
