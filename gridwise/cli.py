"""The `gridwise` command line (typer). Errors a person can fix print cleanly here."""

from __future__ import annotations

import json
import os
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from gridwise import __version__
from gridwise.errors import UserError
from gridwise.settings import Settings

err = Console(stderr=True, soft_wrap=True)
# Piped output (logs, CI) would otherwise be cut to 80 columns and squeeze the tables.
out = Console(width=None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 132)


app = typer.Typer(no_args_is_help=True, add_completion=False,
                  help="gridwise: where and when ML jobs run, and why.")
data_app = typer.Typer(no_args_is_help=True,
                       help="Load and inspect the DuckDB store.")
eval_app = typer.Typer(no_args_is_help=True,
                       help="Experiments and evaluations on real data.")
app.add_typer(data_app, name="data")
app.add_typer(eval_app, name="eval")
decisions_app = typer.Typer(no_args_is_help=True, help="Stored decisions.")
app.add_typer(decisions_app, name="decisions")
telemetry_app = typer.Typer(no_args_is_help=True, help="GPU telemetry (NVML).")
app.add_typer(telemetry_app, name="telemetry")


def _faithfulness_command() -> Any:
    from evals.faithfulness import DEFAULT_REQUESTS, faithfulness

    def command(
        requests: Annotated[Path, typer.Option("--requests", help="labelled requests YAML")
                            ] = DEFAULT_REQUESTS,
        llm: Annotated[str | None, typer.Option(
            "--llm", envvar="GRIDWISE_LLM", help="embedded, endpoint or none")] = None,
        limit: Annotated[int | None, typer.Option("--limit", min=1)] = None,
        json_out: JsonOpt = False,
    ) -> None:
        """Rationale faithfulness over labelled requests: verified share, leaks (target 0)."""
        faithfulness(requests, llm, limit, json_out)

    return command


def _register_commands() -> None:
    from evals.forecast_cli import forecast_eval
    from evals.gpushare_cli import gpushare
    from evals.intake_cli import intake
    from evals.shifting_cli import shifting
    from evals.shifting_forecast_cli import shifting_forecast
    from gridwise.fetch_cli import data_fetch
    from gridwise.report_cli import report

    eval_app.command("gpushare")(gpushare)
    eval_app.command("shifting")(shifting)
    eval_app.command("forecast")(forecast_eval)
    eval_app.command("shifting-forecast")(shifting_forecast)
    eval_app.command("intake")(intake)
    eval_app.command("faithfulness")(_faithfulness_command())
    app.command("report")(report)
    data_app.command("fetch")(data_fetch)


_register_commands()

DbOpt = Annotated[Path | None, typer.Option("--db", envvar="GRIDWISE_DB_PATH",
                                            help="DuckDB file (default .gridwise/gridwise.duckdb)")]
JsonOpt = Annotated[bool, typer.Option("--json", help="machine-readable output on stdout")]
OracleOpt = Annotated[bool, typer.Option(
    "--oracle", help="decide on the actual future series (hindsight: an upper bound for "
    "experiments), not on the forecast made at the clock")]
ModelOpt = Annotated[str, typer.Option(
    "--forecast-model", help="ridge (default), seasonal_168, seasonal_24 or persistence")]


def _version(value: bool) -> None:
    if value:
        out.print(f"gridwise {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="print the version and exit")] = False,
) -> None:
    """Gridwise decides where and when ML/AI jobs run, trading off cost, time and CO2."""


def settings_with(**overrides: Any) -> Settings:
    """Settings with explicit (non-None) CLI values on top of env and defaults."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})


@data_app.command("load")
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
    json_out: JsonOpt = False,
) -> None:
    """Load every reference table (idempotent, one transaction) with a progress bar."""
    from gridwise.ingest.load import load
    from gridwise.store import Store

    s = settings_with(source_dir=source, lwa_dir=lwa_dir, db_path=db)
    steps = ["checking sources", "catalogs", "carbon intensity", "energy prices",
             "on-prem inventory", "writing the store"]
    with Store.open(s.db_file) as store, Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
        console=err, disable=json_out or not err.is_terminal,
    ) as bar:
        task = bar.add_task("loading", total=len(steps))

        def step(msg: str) -> None:
            bar.update(task, description=msg, completed=steps.index(msg) if msg in steps else 0)

        report = load(store, s.source_dir, s.cache_dir, s.lwa_folder, rebuild, step)
        bar.update(task, completed=len(steps), description="done")
    if json_out:
        print(json.dumps({"db": str(s.db_file), "rebuilt": report.rebuilt,
                          "seconds": round(report.seconds, 3), "rows": report.rows}))
        return
    err.print(f"loaded {sum(report.rows.values()):,} rows from {report.sources} source files "
              f"into {s.db_file} in {report.seconds:.1f} s"
              + (" (Parquet snapshot rebuilt)" if report.rebuilt else " (snapshot reused)")
              + ("" if report.lwa_loaded else "; Let's-Wait-Awhile series not configured"))


@data_app.command("info")
def data_info(
    db: DbOpt = None,
    at: Annotated[str | None, typer.Option(
        "--at", help="check that the data covers this clock (ISO-8601, UTC if no offset)")] = None,
    zone: Annotated[str | None, typer.Option("--zone", help="grid zone or price market")] = None,
    region: Annotated[str | None, typer.Option(
        "--region", help="a provider region, e.g. us-east-1 or aws:us-east-1")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Row counts and time ranges per table; optionally check a clock, zone or region."""
    from gridwise.clock import parse_clock
    from gridwise.regions import resolve_region, resolve_zone
    from gridwise.store import Store

    s = settings_with(db_path=db)
    with Store.open(s.db_file, read_only=True) as store:
        tables = store.info()
        extra: dict[str, Any] = {}
        if zone is not None:
            extra["zone"] = resolve_zone(store, zone)
        if region is not None:
            extra["region"] = resolve_region(store, region)
        if at is not None:
            clock = store.check_clock(parse_clock(at), extra.get("zone", {}).get("zone"))
            extra["at"] = clock.isoformat()
    if json_out:
        print(json.dumps({"tables": tables, **extra}))
        return
    table = Table(title=f"gridwise store {s.db_file}")
    for col in ("table", "rows", "from", "to"):
        table.add_column(col, justify="right" if col == "rows" else "left")
    for name, meta in tables.items():
        table.add_row(name, f"{meta['rows']:,}", meta["from"] or "", meta["to"] or "")
    out.print(table)
    for key, value in extra.items():
        out.print(f"{key}: {value}")


@app.command("quote")
def quote(
    spec: Annotated[Path, typer.Option("--spec", help="job spec, YAML or JSON (see examples/)")],
    at: Annotated[str | None, typer.Option(
        "--at", help="the clock, ISO-8601 (UTC if no offset); default: the spec's "
        "earliest_start")] = None,
    db: DbOpt = None,
    top: Annotated[int, typer.Option("--top", min=1, help="options to list")] = 10,
    save: Annotated[bool, typer.Option(
        "--save", help="store the decision (prints its id; see `gridwise decisions`)")] = False,
    forecast_error: Annotated[float, typer.Option(
        "--forecast-error", min=0.0, max=1.0,
        help="with --oracle: add this relative noise to the actual series (0.05 = 5 %)")] = 0.0,
    oracle: OracleOpt = False,
    model: ModelOpt = "ridge",
    json_out: JsonOpt = False,
) -> None:
    """Quote a job on every provider and cluster and rank the options into pathways."""
    from gridwise.decisions import save_decision
    from gridwise.store import Store
    from tools.forecast.choice import quote_clock, signal_source
    from tools.options import load_spec, options_for, to_decision, to_json

    job = load_spec(spec)
    s = settings_with(db_path=db)
    signals = signal_source(oracle, model, forecast_error, s.home / "forecasts")
    with Store.open(s.db_file, read_only=not save) as store:
        clock = quote_clock(store, at, job.constraints.earliest_start)
        opts = options_for(store, job, clock, signals=signals)
        result = to_json(opts, top=top)
        if save:
            result["decision_id"] = save_decision(store, to_decision(opts, top=top))
    if json_out:
        print(json.dumps(result))
        return
    from gridwise.render import print_options

    print_options(out, result)
    if save:
        err.print(f"decision saved: {result['decision_id']}")


@decisions_app.command("list")
def decisions_list(
    db: DbOpt = None,
    limit: Annotated[int, typer.Option("--limit", min=1)] = 20,
    json_out: JsonOpt = False,
) -> None:
    """The newest stored decisions."""
    from gridwise.decisions import recent_decisions
    from gridwise.store import Store

    with Store.open(settings_with(db_path=db).db_file, read_only=True) as store:
        rows = recent_decisions(store, limit)
    if json_out:
        print(json.dumps({"decisions": rows}, default=str))
        return
    table = Table(title="decisions")
    for col in ("id", "created (UTC)", "clock", "chosen", "request"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["id"], f"{r['created_at']:%Y-%m-%d %H:%M}", f"{r['clock']:%Y-%m-%d %H:%M}",
                      r["chosen"] or "-", (r["request_text"] or "")[:50])
    out.print(table)


@decisions_app.command("show")
def decisions_show(
    decision_id: Annotated[str, typer.Argument(help="a decision id (see `decisions list`)")],
    db: DbOpt = None,
) -> None:
    """A stored decision as JSON."""
    from gridwise.decisions import load_decision
    from gridwise.store import Store

    with Store.open(settings_with(db_path=db).db_file, read_only=True) as store:
        print(load_decision(store, decision_id).model_dump_json(indent=1))


@app.command("ask")
def ask(
    request: Annotated[str | None, typer.Argument(help="the job, in your words")] = None,
    at: Annotated[str | None, typer.Option(
        "--at", help="the clock, ISO-8601 (the data is historical, e.g. 2023-06-14T09:00Z)")
    ] = None,
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
    llm: Annotated[str | None, typer.Option(
        "--llm", envvar="GRIDWISE_LLM", help="embedded (default), endpoint or none")] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Ask in natural language: understand, quote every provider, rank, explain, order."""
    from gridwise.ask import run_ask

    s = settings_with(db_path=db, llm=llm)
    # A spinner on stderr while the graph (and possibly the local LLM) works.
    with err.status("understanding, quoting every provider, ranking, explaining …",
                    spinner="dots") if err.is_terminal and not json_out else nullcontext():
        result = run_ask(s, request=request, at=at, dataset=dataset, thread=thread,
                         answer=answer, choose=choose, yes=yes, report_dir=report)
    if json_out:
        print(json.dumps(result, default=str))
        return
    from gridwise.render import print_ask

    print_ask(out, result)


@telemetry_app.command("status")
def telemetry_status() -> None:
    """Whether NVML (an NVIDIA driver) is available here."""
    from tools.telemetry import nvml_status

    out.print(nvml_status())


@telemetry_app.command("collect")
def telemetry_collect(
    count: Annotated[int, typer.Option("--count", min=1)] = 1,
    interval: Annotated[float, typer.Option("--interval", min=0.1, help="seconds")] = 1.0,
    node: Annotated[str | None, typer.Option("--node", help="node name (default: host)")] = None,
    db: DbOpt = None,
) -> None:
    """Sample every local GPU with NVML into `gpu_metrics`."""
    from gridwise.store import Store
    from tools.telemetry import collect

    with Store.open(settings_with(db_path=db).db_file) as store:
        n = collect(store, count, interval, node)
    err.print(f"stored {n} GPU readings")


def run(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning `UserError` into a clean message and exit code 2.

    Typer already suggests close command names for typos (difflib).
    """
    try:
        app(args=argv, prog_name="gridwise")
    except UserError as exc:
        err.print(f"[bold red]error:[/] {exc.message}", highlight=False, markup=True)
        if exc.hint:
            err.print(f"To fix: {exc.hint}", highlight=False, markup=False)
        sys.exit(2)
