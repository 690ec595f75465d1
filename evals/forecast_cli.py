"""`gridwise eval forecast`: rolling-origin MAE / MAPE per zone, horizon and model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from evals.forecast import DEFAULT_EVERY_H, DEFAULT_FROM, DEFAULT_TO, evaluate, parse_horizons
from gridwise.clock import parse_clock
from gridwise.errors import UserError
from gridwise.settings import Settings


def forecast_eval(
    zones: Annotated[str | None, typer.Option(
        "--zones", help="comma-separated zones / markets (default: every one loaded)")] = None,
    start: Annotated[str, typer.Option("--from", help="first origin, ISO-8601 UTC")
                     ] = DEFAULT_FROM.isoformat(),
    end: Annotated[str, typer.Option("--to", help="last origin, ISO-8601 UTC")
                   ] = DEFAULT_TO.isoformat(),
    horizon: Annotated[str, typer.Option("--horizon", help="hours ahead, e.g. 24,72")] = "24,72",
    series: Annotated[str, typer.Option("--series", help="carbon, price or carbon,price")
                      ] = "carbon,price",
    every: Annotated[int, typer.Option("--every", min=1, help="hours between origins")
                     ] = DEFAULT_EVERY_H,
    db: Annotated[Path | None, typer.Option("--db", envvar="GRIDWISE_DB_PATH")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="print JSON only")] = False,
) -> None:
    """Rolling-origin forecast evaluation: MAE and MAPE per zone, horizon and model."""
    from gridwise.store import Store

    try:
        kinds = tuple(s.strip() for s in series.split(",") if s.strip())
        bad = [k for k in kinds if k not in ("carbon", "price")]
        if bad or not kinds:
            raise UserError(f"--series {series!r} is not carbon and/or price",
                            "use --series carbon, --series price or --series carbon,price")
        s = Settings(**({"db_path": db} if db else {}))
        with Store.open(s.db_file, read_only=True) as store:
            result = evaluate(store, [z.strip() for z in zones.split(",")] if zones else None,
                              parse_clock(start), parse_clock(end), parse_horizons(horizon),
                              kinds, every_h=every)
    except UserError as exc:
        Console(stderr=True).print(f"[red]error:[/red] {exc.render()}", highlight=False)
        raise typer.Exit(2) from exc
    if json_out:
        typer.echo(json.dumps(result))
        return
    Console().print(results_table(result))


def results_table(result: dict) -> Table:  # type: ignore[type-arg]
    """One row per zone, series and horizon; MAPE (MAE) per model."""
    meta = result["meta"]
    models = meta["models"]
    table = Table(title=f"forecast error, {meta['origins']} origins every {meta['every_h']} h, "
                  f"{meta['from'][:10]} .. {meta['to'][:10]}: MAPE % (MAE)")
    for col in ("zone", "series", "h", *models, "ridge 80 % coverage"):
        table.add_column(col, justify="left" if col in ("zone", "series") else "right")
    rows: dict[tuple, dict] = {}  # type: ignore[type-arg]
    for r in result["results"]:
        rows.setdefault((r["zone"], r["series"], r["horizon_h"]), {})[r["model"]] = r
    for (zone, kind, h), by in rows.items():
        cells = [f"{by[m]['mape']:.1f} ({by[m]['mae']:.1f})" if m in by and by[m]["mae"]
                 is not None else "-" for m in models]
        cov = by.get("ridge", {}).get("coverage_pct")
        table.add_row(zone, kind, str(h), *cells, "-" if cov is None else f"{cov:.0f} %")
    return table
