"""`gridwise quote`: quote a structured job on every offer and rank the pathways."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from gridwise.cli.common import (
    CarbonBasisOpt,
    CountOpt,
    DbOpt,
    JsonOpt,
    err,
    out,
    print_json,
    settings_with,
    user_errors,
)
from gridwise.errors import UserError


@user_errors
def quote(
    spec: Annotated[Path, typer.Option("--spec", help="job spec, YAML or JSON (see examples/)")],
    at: Annotated[str | None, typer.Option(
        "--at", help="the clock, ISO-8601 (UTC if no offset); default: the spec's "
        "earliest_start")] = None,
    db: DbOpt = None,
    top: Annotated[int, typer.Option("--top", **CountOpt, help="options to list")] = 10,
    save: Annotated[bool, typer.Option(
        "--save", help="store the decision (prints its id; see `gridwise decisions`)")] = False,
    forecast_error: Annotated[float, typer.Option(
        "--forecast-error", min=0.0, max=1.0,
        help="choose carbon windows on a forecast with this relative error (0.05 = 5 %); "
        "CO2 is always reported for the actual hours")] = 0.0,
    carbon_basis: CarbonBasisOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Quote a job on every provider and cluster and rank the options into pathways."""
    from gridwise.clock import parse_clock
    from gridwise.records.decisions import save_decision
    from gridwise.store import Store
    from tools.options import load_spec, rank_quotes, to_decision, to_json

    job = load_spec(spec)
    if at is None and job.constraints.earliest_start is None:
        raise UserError("no clock: the data is historical, so say when the request is made",
                        "pass --at 2023-06-14T09:00Z (or set earliest_start in the spec)")
    clock = parse_clock(at) if at else job.constraints.earliest_start
    assert clock is not None
    s = settings_with(db_path=db, carbon_basis=carbon_basis)
    with Store.open(s.db_file, read_only=not save) as store:
        t0 = time.perf_counter()
        ranked = rank_quotes(store, job, clock, forecast_error, s.carbon_basis)
        result = to_json(ranked, top=top)
        if save:
            from gridwise.records.latencies import record_latency

            result["decision_id"] = save_decision(store, to_decision(ranked, top=top))
            record_latency(store, "quote", time.perf_counter() - t0, result["decision_id"])
    if json_out:
        print_json(result)
        return
    from gridwise.cli.render import print_options

    print_options(out, result)
    if save:
        err.print(f"decision saved: {result['decision_id']}")
