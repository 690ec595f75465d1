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


@user_errors
def quote(
    spec: Annotated[Path, typer.Option("--spec", help="job spec, YAML or JSON (see examples/)")],
    at: Annotated[str | None, typer.Option(
        "--at", help="the clock, ISO-8601 (UTC if no offset); default: the spec's "
        "earliest_start, else now when live data is loaded")] = None,
    db: DbOpt = None,
    top: Annotated[int, typer.Option("--top", **CountOpt, help="options to list")] = 10,
    save: Annotated[bool, typer.Option(
        "--save", help="store the decision (prints its id; see `gridwise decisions`)")] = False,
    forecast_error: Annotated[float, typer.Option(
        "--forecast-error", min=0.0, max=1.0,
        help="with --oracle: add this relative noise to the actual series (0.05 = 5 %); "
        "CO2 is always scored on the actual hours too")] = 0.0,
    oracle: Annotated[bool, typer.Option(
        "--oracle", help="decide on the actual future series (hindsight: an upper bound for "
        "experiments), not on the forecast made at the clock")] = False,
    model: Annotated[str, typer.Option(
        "--forecast-model", help="ridge (default), seasonal_168, seasonal_24 or persistence")
    ] = "ridge",
    carbon_basis: CarbonBasisOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Quote a job on every provider and cluster and rank the options into pathways.

    The state file is taken only briefly: once to copy the few state rows a quote reads
    (open GPU holds, placement history, telemetry), and with --save once more to store
    the decision. The quote itself runs on a private view of the reference file, so a
    writer (an `ask --yes`) is never kept waiting by it.
    """
    from gridwise.records.decisions import save_decision
    from gridwise.store_access import QUOTE_STATE, StoreAccess
    from tools.forecast.choice import quote_clock, signal_source
    from tools.options import load_spec, rank_quotes, to_decision, to_json

    job = load_spec(spec)
    s = settings_with(db_path=db, carbon_basis=carbon_basis)
    signals = signal_source(oracle, model, forecast_error, s.home / "forecasts")
    access = StoreAccess(s.db_file, s.db_wait_s)
    with access.reference(QUOTE_STATE, read_only=True) as store:
        clock = quote_clock(store, at, job.constraints.earliest_start)
        t0 = time.perf_counter()
        ranked = rank_quotes(store, job, clock, signals=signals, carbon_basis=s.carbon_basis)
        result = to_json(ranked, top=top)
    if save:
        from gridwise.records.latencies import record_latency

        with access.state() as state:
            result["decision_id"] = save_decision(state, to_decision(ranked, top=top))
            record_latency(state, "quote", time.perf_counter() - t0, result["decision_id"])
    if json_out:
        print_json(result)
        return
    from gridwise.cli.render import print_options

    print_options(out, result)
    if save:
        err.print(f"decision saved: {result['decision_id']}")
