"""`gridwise eval churn`: placement with departures; options and printing only.

The replay itself is `evals.churn`: every openb pod keeps its trace lifetime, arrivals
are seeded and loaded to `--load`, and allocation is sampled over time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from evals.churn import load_timed, replay_churn, summarise_churn, write_churn_csv
from gridwise.cli.common import JsonOpt, out, print_json, user_errors
from gridwise.settings import Settings
from tools.placement import default_registry


@user_errors
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
    folder: Annotated[Path, typer.Option(
        "--out", help="folder for the allocation-over-time CSV")] = Path("out/churn"),
    json_out: JsonOpt = False,
) -> None:
    """Replay placement with departures (pods keep their trace lifetimes); allocation over time."""
    from gridwise.cli.eval import POLICY_GROUPS, parse_seeds

    names = default_registry().resolve(policy, POLICY_GROUPS)
    seed_list = parse_seeds(seeds)
    node_list, timed = load_timed(trace, nodes, Settings().source_dir)
    results = [replay_churn(p, node_list, timed, s, load) for p in names for s in seed_list]
    summaries = summarise_churn(results)
    csv_path = write_churn_csv(results, folder / "allocation.csv")
    rejected = len(timed.rejected)
    if json_out:
        print_json({"trace": timed.name, "load": load, "rejected_rows": rejected, "results": [
            {"policy": s.policy, "seeds": s.seeds,
             "mean_allocated_gpu_pct": round(s.mean_allocated, 4),
             "dropped_demand_pct": round(s.dropped_demand_pct, 4),
             "dropped_pods": round(s.dropped_pods, 2),
             "allocated_gpu_pct_every_10pct": [round(float(v), 2)
                                               for v in s.allocated_curve[::10]]}
            for s in summaries]})
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
    out.print(table)
    out.print(f"allocation over time: {csv_path}")
