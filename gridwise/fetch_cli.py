"""`gridwise data fetch`: live data into the source folder (then `gridwise data load`)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from gridwise.errors import UserError
from gridwise.settings import Settings


def data_fetch(
    source: Annotated[Path | None, typer.Option(
        "--source", envvar="GRIDWISE_SOURCE_DIR",
        help="the source folder to write into (default <home>/source)")] = None,
    what: Annotated[str, typer.Option(
        "--what", help="comma-separated: carbon, forecast, prices, catalogs")
    ] = "carbon,forecast,prices,catalogs",
    zones: Annotated[str | None, typer.Option(
        "--zones", help="carbon zones (default: all 18)")] = None,
    markets: Annotated[str | None, typer.Option(
        "--markets", help="ENTSO-E price markets: DE-LU, FR, ES, NL (default: all)")] = None,
    days: Annotated[int, typer.Option("--days", help="days of history up to now")] = 10,
    json_out: Annotated[bool, typer.Option("--json", help="print JSON only")] = False,
) -> None:
    """Fetch live carbon (Electricity Maps), prices (ENTSO-E) and GPU catalogs (SkyPilot)."""
    from gridwise.ingest.live.fetch import fetch, plan

    err = Console(stderr=True)
    s = Settings()
    target = source or s.source_dir or s.home / "source"
    now = datetime.now(UTC).replace(tzinfo=None)

    def split(v: str | None) -> list[str] | None:
        return [x.strip() for x in v.split(",") if x.strip()] if v else None

    try:
        p = plan(split(what) or [], split(zones), split(markets), days, now)
        report = fetch(target, p, s.electricitymaps_token, s.entsoe_token, now,
                       lambda m: None if json_out else err.print(f"fetching {m}"))
    except UserError as exc:
        err.print(f"[red]error:[/red] {exc.render()}", highlight=False)
        raise typer.Exit(2) from exc
    if json_out:
        typer.echo(json.dumps({"source": str(target), "fetched_at": now.isoformat() + "Z",
                               "files": report.files}))
        return
    err.print(f"wrote {len(report.files)} file(s) into {target} "
              f"({sum(report.files.values()):,} rows); now run `gridwise data load"
              f"{'' if source or s.source_dir else f' --source {target}'}`")
