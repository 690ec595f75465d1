"""`gridwise eval gpushare`: replay the FGD paper's experiment on an openb trace."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from evals.gpushare import run_experiment, summarise, write_outputs
from evals.openb import node_path, resolve_trace
from gridwise.edge import MAX_INT_OPTION, print_error
from gridwise.errors import UserError
from gridwise.settings import load_settings
from tools.placement import OWN_POLICIES, PAPER_POLICIES, default_registry

POLICY_GROUPS = {"all": (*PAPER_POLICIES, *OWN_POLICIES), "paper": PAPER_POLICIES}


#: More seeds than this is not an experiment that finishes.
MAX_SEEDS = 1000


def parse_seeds(spec: str) -> list[int]:
    """Seeds from `42-51` (inclusive range), `42,43`, or a mix such as `42-44,50`.

    Raises:
        UserError: the text is not a list of non-negative integers and ranges.
    """
    seeds: list[int] = []
    try:
        for part in (p.strip() for p in spec.split(",")):
            if not part:
                continue
            lo, sep, hi = part.partition("-")
            first, last = int(lo), int(hi) if sep else int(lo)
            if first < 0 or last < first or last - first >= MAX_SEEDS:
                raise ValueError(part)
            seeds.extend(s for s in range(first, last + 1) if s not in seeds)
            if len(seeds) > MAX_SEEDS:
                raise ValueError(part)
    except ValueError:
        raise UserError(f"bad --seeds value {spec!r}",
                        f"use a range like 42-51 or a list like 42,43 (at most {MAX_SEEDS:,} "
                        "seeds)") from None
    if not seeds:
        raise UserError(f"bad --seeds value {spec!r}", "give at least one seed, e.g. 42")
    return seeds


def _number(value: float, digits: int) -> float | None:
    """Rounded value, or None (JSON null) when it is not finite."""
    return round(value, digits) if math.isfinite(value) else None


def gpushare(
    trace: Annotated[str, typer.Option(
        help="openb trace name (default, gpushare40, multigpu20, ...) or a pod-list CSV path",
    )] = "default",
    policy: Annotated[str, typer.Option(
        help="policy names, comma-separated, or a group: all, paper",
    )] = "all",
    seeds: Annotated[str, typer.Option(help="seeds: a range 42-51 or a list 42,43")] = "42-51",
    nodes: Annotated[Path | None, typer.Option(
        help="node-list CSV (default: <source_dir>/openb/openb_node_list_gpu_node.csv)",
    )] = None,
    out: Annotated[Path, typer.Option(help="folder for curves, summary and figures")] = Path(
        "out/gpushare"),
    json_out: Annotated[bool, typer.Option(
        "--json", help="print only the JSON summary on stdout")] = False,
    workers: Annotated[int | None, typer.Option(
        min=1, max=MAX_INT_OPTION, help="parallel processes (default: one per CPU core)")] = None,
) -> None:
    """Replay GPU-sharing placement (FGD and baselines) on an Alibaba openb trace."""
    err = Console(stderr=True)
    try:
        registry = default_registry()
        names = registry.resolve(policy, POLICY_GROUPS)
        seed_list = parse_seeds(seeds)
        source_dir = load_settings().source_dir
        trace_path = resolve_trace(trace, source_dir)
        nodes_path = node_path(nodes, source_dir)
    except UserError as exc:
        print_error(err, exc)
        raise typer.Exit(2) from None
    results = run_experiment(nodes_path, trace_path, names, seed_list, workers, err)
    summaries = summarise(results)
    outputs = write_outputs(results, summaries, out)
    if json_out:
        payload = {"results": [
            {"policy": s.policy, "trace": s.trace, "seeds": s.seeds,
             "unallocated_gpu_pct_at_100": _number(s.unallocated_gpu_pct_at_100, 4),
             "frag_rate_at_90": _number(s.frag_rate_at_90, 4),
             "decisions_per_s": _number(s.decisions_per_s, 1)}
            for s in summaries]}
        typer.echo(json.dumps(payload))
        if outputs.png_error:
            err.print(f"PNG not written ({outputs.png_error}); HTML at {outputs.html}")
        return
    console = Console()
    table = Table(title=f"openb {summaries[0].trace}: means over seeds {seeds}")
    for col in ("policy", "unalloc. GPU % @100", "@95", "@130", "frag rate % @90",
                "decisions/s", "failed pods"):
        table.add_column(col, justify="left" if col == "policy" else "right")
    for s in summaries:
        table.add_row(s.policy, f"{s.unallocated_gpu_pct_at_100:.2f}",
                      f"{s.unallocated_gpu_pct_at_95:.2f}", f"{s.unallocated_gpu_pct_at_130:.2f}",
                      f"{s.frag_rate_at_90:.1f}", f"{s.decisions_per_s:,.0f}",
                      f"{s.failed_pods:.0f}")
    console.print(table)
    console.print(f"curves: {outputs.curves_csv}\nsummary: {outputs.summary_csv}\n"
                  f"figure: {outputs.html}")
    if outputs.png:
        console.print(f"png: {outputs.png}")
    else:
        console.print(f"png: not written ({outputs.png_error}); the HTML figure is complete")
