"""Rich terminal views of gridwise results (the JSON views live next to the tools)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

PATHWAY_ORDER = ("recommended", "cheapest", "fastest", "greenest", "optimal-time")


def _co2(v: float | None) -> str:
    return "unknown" if v is None else f"{v:,.2f}"


def _where(o: dict[str, Any]) -> str:
    it = f" {o['instance_type']}" if o.get("instance_type") else ""
    return f"{o['provider']} {o['region']}{it}"


def print_options(console: Console, result: dict[str, Any]) -> None:
    """Pathways, top options and (if nothing is feasible) the relaxations."""
    console.print(f"clock {result['clock']} UTC · earliest start {result['earliest_start']} · "
                  f"{result['counts']['quotes']:,} quotes, {result['counts']['feasible']:,} "
                  f"feasible, {result['counts']['pareto']} on the Pareto front")
    if result["pathways"]:
        t = Table(title="pathways")
        for col in ("pathway", "where", "hardware", "start (UTC)", "finish (UTC)", "cost $",
                    "kg CO2e", "window", "vs cheapest"):
            t.add_column(col, justify="right" if col in ("cost $", "kg CO2e") else "left")
        for name in PATHWAY_ORDER:
            p = result["pathways"].get(name)
            if p is None:
                continue
            hw = f"{p['count']} x {p['accelerator']}" + (f" {p['variant']}" if p['variant'] else "")
            hw += " spot" if p["spot"] else ""
            vs = p["deltas"].get("cheapest")
            vs_text = ("" if vs is None else
                       f"{vs['cost_usd']:+,.2f} $, {vs['finish_h']:+.1f} h"
                       + (f", {vs['kg_co2e']:+.2f} kg" if "kg_co2e" in vs else ""))
            t.add_row(name, _where(p), hw, p["start"][:16], p["finish"][:16],
                      f"{p['cost_usd']:,.2f}", _co2(p["kg_co2e"]), p["window"], vs_text)
        console.print(t)
    if result["options"]:
        t = Table(title=f"top {len(result['options'])} options (weighted score; * = Pareto)")
        for col in ("#", "where", "hardware", "start", "cost $", "kg CO2e", "conf.", "score"):
            t.add_column(col)
        for i, o in enumerate(result["options"], 1):
            t.add_row(f"{i}{'*' if o['pareto'] else ''}", _where(o),
                      f"{o['count']} x {o['accelerator']}{' spot' if o['spot'] else ''}",
                      o["start"][:16], f"{o['cost_usd']:,.2f}", _co2(o["kg_co2e"]),
                      f"{o['confidence']:.2f}", f"{o['score']:.3f}")
        console.print(t)
    for reason in result["infeasible_reasons"]:
        console.print(f"[yellow]infeasible:[/] {reason}")
