"""`gridwise eval scenario` and `gridwise eval batch`: options and printing (runs: evals/sim)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from evals.sim.evaluate import evaluate, public
from evals.sim.forecasting import forecast_model
from evals.sim.scenario import load_scenario, parse_reserved
from gridwise.cli.common import DbOpt, out
from gridwise.cli.common import err as err_console
from gridwise.errors import UserError
from gridwise.settings import Settings
from gridwise.store import Store
from gridwise.store_access import StoreAccess

ZoneOpt = Annotated[str | None, typer.Option(
    "--zone", help="carbon zone for a single-region scenario (overrides the file)")]
ReservedOpt = Annotated[str | None, typer.Option(
    "--reserved", help="reserved core counts to compare, e.g. 0,9 (overrides the file)")]


def _db(db: Path | None) -> Path:
    return (Settings(db_path=db) if db is not None else Settings()).db_file


def forecast_cache() -> Path:
    """Where the simulator keeps the forecasts its policies decide on (under the home folder)."""
    return Settings().home / "cache" / "sim-forecasts"


def _policies(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [p.strip() for v in values for p in v.split(",") if p.strip()]


def results_table(title: str, rows: list[dict[str, Any]]) -> Table:
    """Rich table of normalised results."""
    t = Table(title=title)
    for col in ("policy", "reserved", "carbon", "cost", "wait h", "miss %", "kg CO2e", "USD"):
        t.add_column(col, justify="left" if col == "policy" else "right", no_wrap=True)

    def f(v: Any, nd: int) -> str:
        return "" if v is None else f"{v:.{nd}f}"

    for r in rows:
        t.add_row(r["policy"], str(r["reserved"]), f(r["carbon_norm"], 4), f(r["cost_norm"], 4),
                  f(r["mean_wait_h"], 3), f(r["deadline_miss_pct"], 1), f(r["kg_co2e"], 2),
                  f(r["cost_usd"], 2))
    return t


def scenario(
    file: Annotated[Path, typer.Argument(help="scenario YAML (e.g. evals/scenarios/gaia.yaml)")],
    policy: Annotated[list[str] | None, typer.Option(
        "--policy", help="policy id(s) to run instead of the file's (repeat or comma-separate)")
    ] = None,
    zone: ZoneOpt = None,
    reserved: ReservedOpt = None,
    trace: Annotated[Path | None, typer.Option("--trace", help="job trace CSV override")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="machine-readable output")] = False,
    llm: Annotated[str | None, typer.Option(
        "--llm", help="requests scenarios: none (deterministic) or configured (the settings' LLM)")
    ] = None,
    db: DbOpt = None,
) -> None:
    """Simulate one scenario: every policy x reserved count, normalised as GAIA does.

    A requests scenario replays its requests through the whole `ask` graph instead.
    """
    sc = load_scenario(file, zone=zone, policies=_policies(policy), trace=trace,
                       reserved=parse_reserved(reserved) if reserved is not None else None)
    if sc.kind == "requests":
        _requests(sc, db, json_out, llm)
        return
    if llm is not None:
        raise UserError("--llm applies to requests scenarios only",
                        "drop --llm (simulator policies call no LLM)")
    # on the reference file alone: a long simulation never holds the state file
    with StoreAccess(_db(db), Settings().db_wait_s).reference(read_only=True) as store:
        rows = evaluate(store.conn, sc, Settings().source_dir, forecast_cache())
    if json_out:
        typer.echo(json.dumps({"scenario": sc.name, "forecast": forecast_model(sc.data["carbon"]),
                               "results": [public(r) for r in rows]}))
        return
    out.print(results_table(f"{sc.name}: {sc.data['regions'][0]['zone']}"
                            + (" + more" if len(sc.data["regions"]) > 1 else "")
                            + f" (policies see: {forecast_model(sc.data['carbon'])})", rows))


def _requests(sc: Any, db: Path | None, json_out: bool, llm: str | None) -> None:
    """Replay a requests scenario on a copy of the store (the user's decisions stay as they are)."""
    if llm is not None:
        if llm not in ("none", "configured"):
            raise UserError(f"unknown --llm {llm!r}", "use --llm none or --llm configured")
        sc.data["requests"]["llm"] = llm
    import shutil
    import tempfile

    from evals.sim.requests import run_requests

    settings = Settings(db_path=db) if db is not None else Settings()
    with tempfile.TemporaryDirectory(prefix="gridwise-requests-") as tmp:
        copy = Path(tmp) / "g.duckdb"
        if settings.db_file.exists():
            shutil.copy(settings.db_file, copy)
        row = run_requests(sc, settings.model_copy(update={"db_path": copy}), Path(tmp))
    if json_out:
        typer.echo(json.dumps({"scenario": sc.name, "results": [
            public(row) | {"match_pct": row["match_pct"], "cases": row["cases"]}]}))
        return
    t = Table(title=f"{sc.name}: {row['match_pct']:.0f} % of cases match (llm: {row['llm']})")
    for col in ("case", "at", "status", "decision", "match", "differences"):
        t.add_column(col)
    for c in row["cases"]:
        d = c["decision"]
        shown = (f"{'/'.join(d['pathway'])}: {d['provider']} {d['region']}, {d['window']} "
                 f"{d['start']}" if d["provider"] else "")
        t.add_row(c["id"], c["at"], c["status"], shown, "yes" if c["match"] else "NO",
                  json.dumps(c["differences"]) if c["differences"] else "")
    out.print(t)


def batch(
    targets: Annotated[list[Path], typer.Argument(help="scenario files or folders of them")],
    backend: Annotated[str, typer.Option("--backend", help="process (default) or ray")
                       ] = "process",
    workers: Annotated[int, typer.Option("--workers", min=1, help="parallel runs")] = 1,
    zone: ZoneOpt = None,
    reserved: ReservedOpt = None,
    out_dir: Annotated[Path, typer.Option(
        "--out", help="folder for results.csv, report.html and report.pdf")] = Path("out/eval"),
    pdf: Annotated[bool | None, typer.Option(
        "--pdf/--no-pdf", help="the PDF report (needs Chromium; default: when it is found)")
                   ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="machine-readable output")] = False,
    db: DbOpt = None,
) -> None:
    """Run many scenarios; runs are stored in `eval_runs` so a killed batch resumes."""
    from evals.sim.batch import run_batch
    from evals.sim.report import write_report

    res_list = parse_reserved(reserved) if reserved is not None else None
    err = err_console
    with Store.open(_db(db)) as store, Progress(
            TextColumn("runs"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=err, disable=json_out) as bar:
        task = bar.add_task("runs", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        result = run_batch(store, targets, backend, workers, progress, zone, res_list,
                           Settings().source_dir, forecast_cache())
    by = result["scenarios"]
    files = write_report(out_dir, by, pdf)
    if json_out:
        typer.echo(json.dumps({"computed": result["computed"], "reused": result["reused"],
                               "csv": files["csv"], "html": files["html"], "pdf": files["pdf"],
                               "scenarios": {k: [public(r) for r in v] for k, v in by.items()}}))
        return
    for name, rows in by.items():
        out.print(results_table(Path(name).name, rows))
    err.print(f"{result['computed']} run(s) computed, {result['reused']} reused from eval_runs; "
              + ", ".join(v for k, v in files.items() if v and k != "pdf_skipped"))
    if files["pdf_skipped"]:
        err.print(f"PDF not written: {files['pdf_skipped']}")
