"""`gridwise data load|info`: build and inspect the DuckDB store."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from gridwise.cli.common import (
    AtOpt,
    DbOpt,
    JsonOpt,
    err,
    out,
    print_json,
    settings_with,
    user_errors,
)

app = typer.Typer(no_args_is_help=True, help="Load and inspect the DuckDB store.")

LOAD_STEPS = ["checking sources", "catalogs", "carbon intensity", "energy prices",
              "on-prem inventory", "writing the store", "writing the reference file",
              "replacing the state's reference tables"]


@app.command("load")
@user_errors
def data_load(
    source: Annotated[Path | None, typer.Option(
        "--source", envvar="GRIDWISE_SOURCE_DIR",
        help="folder with the licence-restricted source data (see data/README.md)")] = None,
    lwa_dir: Annotated[Path | None, typer.Option(
        "--lwa-dir", envvar="GRIDWISE_LWA_DIR",
        help="Let's-Wait-Awhile CSV folder (default <source>/carbon/lets_wait_awhile)")] = None,
    db: DbOpt = None,
    rebuild: Annotated[bool, typer.Option(
        "--rebuild", help="rebuild the Parquet snapshot")] = False,
    allow_fewer_rows: Annotated[bool, typer.Option(
        "--allow-fewer-rows", help="accept sources with fewer rows than the previous load")
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Load every reference table (idempotent, one transaction) with a progress bar.

    Built in a staging file; the state file is taken only briefly (`ingest.stage`).
    """
    from gridwise.ingest.stage import load_file

    s = settings_with(source_dir=source, lwa_dir=lwa_dir, db_path=db)
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
        console=err, disable=json_out or not err.is_terminal,
    ) as bar:
        task = bar.add_task("loading", total=len(LOAD_STEPS))

        def step(msg: str) -> None:
            done = LOAD_STEPS.index(msg) if msg in LOAD_STEPS else 0
            bar.update(task, description=msg, completed=done)

        report = load_file(s.db_file, s.source_dir, s.cache_dir, s.lwa_folder, rebuild, step,
                           allow_fewer_rows, s.db_wait_s)
        bar.update(task, completed=len(LOAD_STEPS), description="done")
    if json_out:
        print_json({"db": str(s.db_file), "rebuilt": report.rebuilt,
                    "seconds": round(report.seconds, 3), "rows": report.rows,
                    "state_file_held_s": round(report.state_hold_s, 3)})
        return
    err.print(f"loaded {sum(report.rows.values()):,} rows from {report.sources} source files "
              f"into {s.db_file} in {report.seconds:.1f} s"
              + (" (Parquet snapshot rebuilt)" if report.rebuilt else " (snapshot reused)")
              + ("" if report.lwa_loaded else "; Let's-Wait-Awhile series not configured"))


@app.command("info")
@user_errors
def data_info(
    db: DbOpt = None,
    at: AtOpt = None,
    zone: Annotated[str | None, typer.Option("--zone", help="grid zone or price market")] = None,
    region: Annotated[str | None, typer.Option(
        "--region", help="a provider region, e.g. us-east-1 or aws:us-east-1")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Row counts and time ranges per table; optionally check a clock, zone or region."""
    from gridwise.clock import parse_clock
    from gridwise.data_checks import data_checks
    from gridwise.regions import resolve_region, resolve_zone
    from gridwise.store import Store

    s = settings_with(db_path=db)
    with Store.open(s.db_file, read_only=True, wait_s=s.db_wait_s) as store:
        tables = store.info()
        extra: dict[str, Any] = data_checks(store)
        if zone is not None:
            extra["zone"] = resolve_zone(store, zone)
        if region is not None:
            extra["region"] = resolve_region(store, region)
        if at is not None:
            clock = store.check_clock(parse_clock(at), extra.get("zone", {}).get("zone"))
            extra["at"] = clock.isoformat()
    if json_out:
        print_json({"tables": tables, **extra})
        return
    table = Table(title=f"gridwise store {s.db_file}")
    for col in ("table", "rows", "from", "to"):
        table.add_column(col, justify="right" if col == "rows" else "left")
    for name, meta in tables.items():
        table.add_row(name, f"{meta['rows']:,}", meta["from"] or "", meta["to"] or "")
    out.print(table)
    for key, value in extra.items():
        _print_check(key, value)


def _print_check(key: str, value: Any) -> None:
    """One check as readable lines (a dict one field a line, a list one item a line)."""
    if not isinstance(value, dict):
        out.print(f"{key}: {value}")
        return
    out.print(f"[bold]{key}[/]")
    for k, v in value.items():
        if isinstance(v, list) and v and isinstance(v[0], str):
            out.print(f"  {k}:")
            for item in v:
                out.print(f"    - {item}")
        elif isinstance(v, dict):
            for kk, vv in v.items():
                out.print(f"  {k}.{kk}: {vv}")
        else:
            out.print(f"  {k}: {v}")


@app.command("fetch")
@user_errors
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

    s = settings_with()
    target = source or s.source_dir or s.home / "source"
    now = datetime.now(UTC).replace(tzinfo=None)

    def split(v: str | None) -> list[str] | None:
        return [x.strip() for x in v.split(",") if x.strip()] if v else None

    p = plan(split(what) or [], split(zones), split(markets), days, now)
    report = fetch(target, p, s.electricitymaps_token, s.entsoe_token, now,
                   lambda m: None if json_out else err.print(f"fetching {m}"))
    if json_out:
        print_json({"source": str(target), "fetched_at": now.isoformat() + "Z",
                    "files": report.files})
        return
    err.print(f"wrote {len(report.files)} file(s) into {target} "
              f"({sum(report.files.values()):,} rows); now run `gridwise data load"
              f"{'' if source or s.source_dir else f' --source {target}'}`")
