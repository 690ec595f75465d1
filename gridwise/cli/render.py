"""Rich terminal views of gridwise results (the JSON views live next to the tools)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from gridwise.carbon_basis import CARBON_BASIS_TEXT

PATHWAY_ORDER = ("recommended", "cheapest", "fastest", "greenest", "optimal-time")
ASK_OPTIONS_SHOWN = 5  # `ask` lists the pathways and this many options (--json has all)


def _co2(v: float | None, o: dict[str, Any] | None = None, with_range: bool = True) -> str:
    """Kg CO2e with its range and, when the grid is borrowed, whose series it is.

    `with_range=False` leaves the range out (the pathway table has a column for it).
    """
    if v is None:
        return "unknown"
    text = f"{v:,.2f}"
    rng = (o or {}).get("kg_co2e_range")
    if rng and with_range:
        text += f" ({rng[0]:,.2f}-{rng[1]:,.2f})"
    if (o or {}).get("co2_grid_borrowed"):
        text += f" CO2 from {o['co2_grid_borrowed']} grid"  # type: ignore[index]
    return text


def _range(r: list[float] | None) -> str:
    return "-" if r is None else f"{r[0]:,.2f}–{r[1]:,.2f}"


def decided_on_line(d: dict[str, Any] | None) -> str:
    """One line saying what the windows were chosen on: the forecast (which model) or oracle."""
    if not d:
        return "decided on: unknown (a decision stored before forecasts were recorded)"
    if d["basis"] == "none":
        return "decided on: nothing (no option met every hard constraint, so no window was chosen)"
    if d["basis"] == "oracle":
        return ("[yellow]decided on: the ORACLE[/] (the actual future series: hindsight, an "
                "upper bound, not a forecast)")
    return (f"decided on: the forecast made at the clock ({', '.join(d['models'])}); kg CO2e "
            "is expected; its range spans the forecast's 80 % interval and the energy range")


def _where(o: dict[str, Any]) -> str:
    it = f" {o['instance_type']}" if o.get("instance_type") else ""
    return f"{o['provider']} {o['region']}{it}"


def _delta_lines(p: dict[str, Any]) -> list[tuple[str, str]]:
    from tools.ranking import describe_delta

    return [(o, describe_delta(d)) for o, d in p["deltas"].items() if o != "recommended"]


def print_options(console: Console, result: dict[str, Any]) -> None:
    """Pathways, top options and (if nothing is feasible) the relaxations."""
    n = result["counts"]
    quoted = f"{n['quotes']:,} quotes, " if n["quotes"] is not None else "options kept: "
    console.print(f"clock {result['clock']} UTC · earliest start {result['earliest_start']} · "
                  f"{quoted}{n['feasible']:,} feasible, {n['pareto']} on the Pareto front")
    console.print(decided_on_line(result.get("decided_on")))
    if result["pathways"]:
        t = Table(title="pathways")
        for col in ("pathway", "where", "hardware", "start → finish (UTC)", "cost $",
                    "kg CO2e", "kg CO2e range", "kg if now", "window"):
            t.add_column(col, justify="right" if col in ("cost $", "kg CO2e") else "left",
                         no_wrap=col != "where")
        for name in PATHWAY_ORDER:
            p = result["pathways"].get(name)
            if p is None:
                continue
            hw = f"{p['count']} x {p['accelerator']}" + (f" {p['variant']}" if p["variant"] else "")
            hw += " spot" if p["spot"] else ""
            t.add_row(name, _where(p), hw, f"{p['start'][5:16]} → {p['finish'][5:16]}",
                      f"{p['cost_usd']:,.2f}", _co2(p["kg_co2e"], p, with_range=False),
                      _range(p.get("kg_co2e_range")), _co2(p.get("kg_co2e_now")), p["window"])
        console.print(t)
        console.print(f"CO2: {CARBON_BASIS_TEXT[result.get('carbon_basis', 'lca')]}")
        rec = result["pathways"].get("recommended")
        if rec:
            for other, line in _delta_lines(rec):
                console.print(f"  recommended vs {other}: {line}")
            for key, line in (rec.get("assumptions") or {}).items():
                console.print(f"  [dim]{key}: {line}[/]")
    if result["options"]:
        t = Table(title=f"top {len(result['options'])} options (* = on the Pareto front)")
        for col in ("#", "where", "hardware", "start", "cost $", "kg CO2e", "conf.", "score"):
            t.add_column(col)
        for i, o in enumerate(result["options"], 1):
            t.add_row(f"{i}{'*' if o['pareto'] else ''}", _where(o),
                      f"{o['count']} x {o['accelerator']}{' spot' if o['spot'] else ''}",
                      o["start"][:16], f"{o['cost_usd']:,.2f}", _co2(o["kg_co2e"], o),
                      f"{o['confidence']:.2f}",
                      "-" if o["score"] is None else f"{o['score']:.3f}")
        console.print(t)
    for reason in result["infeasible_reasons"]:
        console.print(f"[yellow]infeasible:[/] {escape(reason)}")


def print_ask(console: Console, result: dict[str, Any]) -> None:
    """One `ask` turn: what happened, the pathways, the question or the order."""
    if result.get("duplicate_of"):
        console.print(f"[yellow]the same request was made already[/] (thread "
                      f"{result['duplicate_of']}); nothing new was ordered. Use --new to ask "
                      "again.")
    for line in result.get("log", []):
        console.print(f"[dim]· {escape(line)}[/]")
    if result.get("pathways") or result.get("infeasible_reasons"):
        shown = result | {"options": result.get("options", [])[:ASK_OPTIONS_SHOWN]}
        print_options(console, shown)
    rationale = (result.get("rationale") or {}).get("prose")
    if rationale:
        console.print(f"[bold]why:[/] {escape(rationale)}")
    if result.get("question"):
        flag = "--choose PATHWAY" if result.get("waiting_for") == "choice" else '--answer "..."'
        console.print(f"[bold yellow]?[/] {escape(result['question'])}")
        console.print(f"  continue with: gridwise ask --thread {result['thread_id']} {flag}")
    if result.get("unresolved"):
        console.print(f"[bold red]not scheduled:[/] {escape(result['unresolved'])}")
    if result.get("order"):
        o = result["order"]
        console.print(f"[bold green]ordered[/] {o['order_id']} on {o.get('provider')} "
                      f"{o.get('start', '')} -> {o.get('finish', '')}"
                      + (" (already ordered)" if o.get("duplicate") else ""))
    if result.get("report"):
        console.print(f"report: {result['report']}")
    console.print(f"[dim]thread {result['thread_id']} · status {result.get('status')} · "
                  f"{_llm_line(result)} · {result.get('seconds', 0)} s[/]")


def _llm_line(result: dict[str, Any]) -> str:
    """"2 LLM calls (1 failed), 310 tokens, 1 rejected" - the true counts of this turn."""
    llm = result.get("llm") or {}
    calls = llm.get("calls", result.get("llm_calls", 0))
    extra = [f"{llm['failed']} failed"] if llm.get("failed") else []
    line = f"{calls} LLM call{'s' if calls != 1 else ''}" + (f" ({', '.join(extra)})"
                                                            if extra else "")
    if calls:
        line += f", {llm.get('tokens', result.get('llm_tokens', 0))} tokens"
    if llm.get("rejected"):
        line += f", {llm['rejected']} result{'s' if llm['rejected'] != 1 else ''} rejected"
    return line
