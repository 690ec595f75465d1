"""`gridwise eval churn`: GPU-sharing placement with departures, allocation over time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from evals.churn import replay_churn, summarise_churn, timed_trace, write_churn_csv
from evals.gpushare import sort_by_name
from evals.gpushare_cli import POLICY_GROUPS, parse_seeds
from evals.openb import load_nodes, load_pods, node_path, resolve_trace
from gridwise.errors import UserError
from gridwise.settings import Settings
from tools.placement import default_registry


def churn(
    trace: Annotated[str, typer.Option(
        help="openb trace name (default, gpuspec20, ...) or a pod-list CSV with lifetimes")
    ] = "default",
    policy: Annotated[str, typer.Option(
        help="policy names, comma-separated, or a group: all, paper")
    ] = "fgd,fgd-online,fgd-reserve",
    seeds: Annotated[str, typer.Option(help="seeds: a range 42-51 or a list 42,43")] = "42-44",
    load: Annotated[float, typer.Option(
        help="GPU demand still running at the end of the horizon, x capacity", min=0.05,
        max=5.0)] = 1.0,
    nodes: Annotated[Path | None, typer.Option(
        help="node-list CSV (default: <source_dir>/openb/openb_node_list_gpu_node.csv)")
    ] = None,
    out: Annotated[Path, typer.Option(help="folder for the allocation-over-time CSV")] = Path(
        "out/churn"),
    json_out: Annotated[bool, typer.Option("--json", help="print only the JSON summary")] = False,
) -> None:
    """Replay placement with departures (pods keep their trace lifetimes); allocation over time."""
    err = Console(stderr=True)
    try:
        names = default_registry().resolve(policy, POLICY_GROUPS)
        seed_list = parse_seeds(seeds)
        source = Settings().source_dir
        node_list = load_nodes(node_path(nodes, source))
        pods = sort_by_name(load_pods(resolve_trace(trace, source), node_list))
        timed = timed_trace(pods)
        if not timed.pods:
            raise UserError(f"trace {trace!r} has no schedulable pod with a lifetime",
                            "check the rejected rows with `gridwise eval gpushare`")
    except UserError as exc:
        err.print(f"[red]error:[/red] {exc.render()}", markup=True, highlight=False)
        raise typer.Exit(2) from None
    results = [replay_churn(p, node_list, timed, s, load) for p in names for s in seed_list]
    summaries = summarise_churn(results)
    csv_path = write_churn_csv(results, out / "allocation.csv")
    rejected = len(timed.rejected)
    if json_out:
        typer.echo(json.dumps({"trace": timed.name, "load": load, "rejected_rows": rejected,
                               "results": [
            {"policy": s.policy, "seeds": s.seeds,
             "mean_allocated_gpu_pct": round(s.mean_allocated, 4),
             "dropped_demand_pct": round(s.dropped_demand_pct, 4),
             "dropped_pods": round(s.dropped_pods, 2),
             "allocated_gpu_pct_every_10pct": [round(float(v), 2)
                                               for v in s.allocated_curve[::10]]}
            for s in summaries]}))
        return
    table = Table(title=f"openb {timed.name} with departures, load {load:g}: means over seeds "
                        f"{seeds} ({rejected} rows rejected)")
    for col in ("policy", "mean allocated GPU % (2nd half)", "dropped demand %",
                "dropped pods", "allocated at 25/50/75/100 % of time", "decisions/s"):
        table.add_column(col, justify="left" if col == "policy" else "right")
    for s in summaries:
        curve = " / ".join(f"{s.allocated_curve[i]:.1f}" for i in (25, 50, 75, 100))
        table.add_row(s.policy, f"{s.mean_allocated:.2f}", f"{s.dropped_demand_pct:.2f}",
                      f"{s.dropped_pods:.0f}", curve, f"{s.decisions_per_s:,.0f}")
    Console().print(table)
    Console().print(f"allocation over time: {csv_path}")
