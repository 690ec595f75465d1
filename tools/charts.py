"""Decision charts (plotly): options scatter, grid timelines, cluster usage, breakdowns.

Every figure function is pure: a `Decision` plus data arrays in, a `go.Figure` out, with
fixed colours, fixed trace order and no "now" timestamps, so figure JSON can be a golden
file. `chart_data` is the one function here that reads the store. Static PNG/SVG export
goes through kaleido with one long-lived export server (a headless Chromium) per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from gridwise.models import Decision, Quote
from tools.chart_style import layout as _layout
from tools.chart_timeline import (
    CHOSEN_FILL,
    NOW_FILL,
    Span,
    chosen_spans,
    grid_timeline,
    run_now_window,
    timeline_span,
)
from tools.grid import HourlySeries, hourly

PATHWAY_ORDER = ("recommended", "cheapest", "fastest", "greenest", "optimal-time")
PATHWAY_COLOURS = {"recommended": "#d62728", "cheapest": "#1f77b4", "fastest": "#ff7f0e",
                   "greenest": "#2ca02c", "optimal-time": "#9467bd"}
OPTION_COLOUR = "#7f7f7f"
FRONT_COLOUR = "#17becf"
USED, FREE, FRAGMENTED = "#8c564b", "#2ca02c", "#bcbd22"
LABEL_OFFSETS = ((40, -36), (-40, 36), (-60, -30), (60, 30), (0, -48))


__all__ = [
    "CHOSEN_FILL", "NOW_FILL", "Span", "chart_data", "chosen_spans", "decision_figures",
    "grid_timeline", "options_scatter", "run_now_window", "timeline_span",
]


def _label(q: Quote) -> str:
    return f"{q.provider} {q.region}, {q.count} x {q.accelerator}" + (
        f" ({q.variant})" if q.variant else "") + (" spot" if q.spot else "")


def _hover(q: Quote) -> str:
    co2 = "unknown" if q.kg_co2e is None else f"{q.kg_co2e:,.2f} kg CO2e"
    return (f"{_label(q)}<br>window {q.window}, {q.start:%Y-%m-%d %H:%M} → "
            f"{q.finish:%Y-%m-%d %H:%M} UTC<br>${q.cost_usd:,.2f}, {co2}, {q.runtime_h:.1f} h")


def _same(a: Quote, b: Quote) -> bool:
    return (a.cluster, a.accelerator, a.count, a.start, a.finish, a.spot, a.variant) == (
        b.cluster, b.accelerator, b.count, b.start, b.finish, b.spot, b.variant)


def _sizes(hours: list[float], biggest: float) -> list[float]:
    """Marker diameter in px: area grows with hours (8 px .. 34 px)."""
    return [round(8 + 26 * float(np.sqrt(h / biggest)), 2) if biggest > 0 else 8 for h in hours]


def cost_co2_front(options: list[Quote]) -> list[Quote]:
    """The known-CO2 options no other beats on both cost and kg CO2e, by rising cost."""
    known = sorted((q for q in options if q.kg_co2e is not None),
                   key=lambda q: (q.cost_usd, q.kg_co2e))
    front: list[Quote] = []
    for q in known:
        if not front or q.kg_co2e < front[-1].kg_co2e:  # type: ignore[operator]
            front.append(q)
    return front


def pathway_groups(decision: Decision) -> list[tuple[str, Quote]]:
    """Pathways in fixed order; pathways naming the same quote share one label."""
    groups: list[tuple[list[str], Quote]] = []
    for name in PATHWAY_ORDER:
        p = decision.pathways.get(name)
        if p is None:
            continue
        for names, q in groups:
            if _same(q, p.quote):
                names.append(name)
                break
        else:
            groups.append(([name], p.quote))
    return [(" / ".join(n), q) for n, q in groups]


def options_scatter(decision: Decision) -> go.Figure:
    """Cost (USD) vs kg CO2e of every shown option; marker size = runtime hours.

    The cost-CO2 Pareto front is a line, pathways are labelled stars, and options whose
    CO2 is unknown sit on their own strip below (never dropped).
    """
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.84, 0.16],
                        vertical_spacing=0.04)
    opts = decision.options
    biggest = max((q.runtime_h for q in opts), default=0.0)
    known = [q for q in opts if q.kg_co2e is not None]
    unknown = [q for q in opts if q.kg_co2e is None]
    marker = {"color": OPTION_COLOUR, "opacity": 0.55, "line": {"width": 0.5, "color": "#444"}}
    fig.add_trace(go.Scatter(
        name="options", mode="markers", x=[round(q.cost_usd, 2) for q in known],
        y=[round(q.kg_co2e or 0.0, 3) for q in known], text=[_hover(q) for q in known],
        hoverinfo="text", marker={**marker, "size": _sizes([q.runtime_h for q in known],
                                                             biggest)}), row=1, col=1)
    front = cost_co2_front(opts)
    fig.add_trace(go.Scatter(
        name="cost-CO2 Pareto front", mode="lines", line={"color": FRONT_COLOUR, "width": 2,
                                                          "shape": "hv"},
        x=[round(q.cost_usd, 2) for q in front], y=[round(q.kg_co2e or 0.0, 3) for q in front],
        hoverinfo="skip"), row=1, col=1)
    fig.add_trace(go.Scatter(
        name="CO2 unknown", mode="markers", x=[round(q.cost_usd, 2) for q in unknown],
        y=["CO2 unknown"] * len(unknown), text=[_hover(q) for q in unknown], hoverinfo="text",
        marker={**marker, "symbol": "x", "size": _sizes([q.runtime_h for q in unknown],
                                                         biggest)}), row=2, col=1)
    for i, (label, q) in enumerate(pathway_groups(decision)):
        first = label.split(" / ")[0]
        row = 1 if q.kg_co2e is not None else 2
        y = round(q.kg_co2e, 3) if q.kg_co2e is not None else "CO2 unknown"
        fig.add_trace(go.Scatter(
            name=label, mode="markers", x=[round(q.cost_usd, 2)], y=[y],
            hovertext=[_hover(q)], hoverinfo="text",
            marker={"symbol": "star", "size": 16, "color": PATHWAY_COLOURS[first],
                    "line": {"width": 1, "color": "#222"}}), row=row, col=1)
        # an arrow ties each label to its own star (free text lands on a neighbour's)
        ax, ay = LABEL_OFFSETS[i % len(LABEL_OFFSETS)]
        fig.add_annotation(x=round(q.cost_usd, 2), y=y, text=label.replace(" / ", " = "),
                           showarrow=True, arrowhead=2, arrowwidth=1, ax=ax, ay=ay,
                           font={"color": PATHWAY_COLOURS[first]}, bgcolor="white",
                           row=row, col=1)
    if not opts:
        fig.add_annotation(text="no feasible option: see what to relax", showarrow=False,
                           xref="paper", yref="paper", x=0.5, y=0.6)
    fig.update_xaxes(title_text="cost (USD)", row=2, col=1)
    fig.update_yaxes(title_text=f"kg CO2e ({basis_label(decision)})", row=1, col=1)
    fig.update_yaxes(type="category", row=2, col=1)
    return _layout(fig, f"Options: cost vs CO2 ({len(opts)} shown, {len(unknown)} with CO2 "
                        "unknown; marker size = runtime)", 560)


@dataclass(frozen=True)
class ClusterUsage:
    """GPU use of one on-prem cluster (GPUs as floats: shared GPUs count in fractions)."""

    cluster: str
    gpus: int
    used: float
    free_whole: int
    free_fragmented: float


def cluster_usage_chart(decision: Decision, usage: list[ClusterUsage]) -> go.Figure:
    """Per on-prem cluster: used GPUs, wholly free GPUs and free slivers of shared GPUs.

    Fragmentation = free milli-GPU left on partly used GPUs (hard to place a whole-GPU job
    on). Clusters the decision's options use are marked with an asterisk.
    """
    rows = sorted(usage, key=lambda u: u.cluster)
    in_options = {q.cluster for q in decision.options}
    names = [u.cluster + (" *" if u.cluster in in_options else "") for u in rows]
    fig = go.Figure()
    for label, colour, vals in (
            ("used", USED, [round(u.used, 3) for u in rows]),
            ("free (whole GPUs)", FREE, [u.free_whole for u in rows]),
            ("free but fragmented", FRAGMENTED, [round(u.free_fragmented, 3) for u in rows])):
        fig.add_trace(go.Bar(name=label, y=names, x=vals, orientation="h",
                             marker={"color": colour}))
    for n, u in zip(names, rows, strict=True):
        frag = u.free_fragmented / (u.free_whole + u.free_fragmented) * 100 if (
            u.free_whole + u.free_fragmented) > 0 else 0.0
        fig.add_annotation(x=u.gpus, y=n, xanchor="left", showarrow=False,
                           text=f" {u.gpus} GPUs, {frag:.0f}% of free is fragmented")
    if not rows:
        fig.add_annotation(text="no on-prem inventory loaded", showarrow=False,
                           xref="paper", yref="paper", x=0.5, y=0.5)
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title_text="GPUs")
    return _layout(fig, "On-prem GPU utilisation and fragmentation (* = in the options)",
                   140 + 60 * max(1, len(rows)))


def cost_split(q: Quote, capex_usd_per_gpu_h: float | None) -> tuple[float, float]:
    """(compute, energy) USD of a quote: on-prem = capex x GPUs x h + energy; else all compute."""
    if q.kind != "onprem":
        return q.cost_usd, 0.0
    compute = min(q.cost_usd, (capex_usd_per_gpu_h or 0.0) * q.count * q.runtime_h)
    return compute, q.cost_usd - compute


def breakdown_chart(decision: Decision, capex: dict[str, float | None]) -> go.Figure:
    """Cost (compute vs energy, stacked) and kg CO2e for each pathway, side by side."""
    groups = pathway_groups(decision)
    fig = make_subplots(rows=1, cols=2, subplot_titles=[
        "cost (USD)", f"kg CO2e ({basis_label(decision)}; whiskers = range)"],
                        horizontal_spacing=0.18)
    labels = [label.replace(" / ", "<br>") for label, _ in groups]
    splits = [cost_split(q, capex.get(q.cluster)) for _, q in groups]
    fig.add_trace(go.Bar(name="compute / instance", x=labels,
                         y=[round(c, 2) for c, _ in splits], marker={"color": "#1f77b4"}),
                  row=1, col=1)
    fig.add_trace(go.Bar(name="energy (on-prem)", x=labels, y=[round(e, 2) for _, e in splits],
                         marker={"color": "#ff7f0e"}), row=1, col=1)
    for label, (c, e) in zip(labels, splits, strict=True):  # the value on every cost bar
        fig.add_annotation(x=label, y=round(c + e, 2), text=f"${c + e:,.0f}", showarrow=False,
                           yshift=10, row=1, col=1)
    fig.add_trace(go.Bar(name="kg CO2e", x=labels, showlegend=False,
                         y=[0.0 if q.kg_co2e is None else round(q.kg_co2e, 3) for _, q in groups],
                         text=["unknown" if q.kg_co2e is None else "" for _, q in groups],
                         textposition="outside",
                         error_y=_co2_error_bars([q for _, q in groups]),
                         marker={"color": [PATHWAY_COLOURS[label.split(" / ")[0]]
                                           for label, _ in groups]}), row=1, col=2)
    for label, (_, q) in zip(labels, groups, strict=True):  # value above its whisker
        if q.kg_co2e is not None:
            top = q.kg_co2e_range[1] if q.kg_co2e_range else q.kg_co2e
            fig.add_annotation(x=label, y=round(top, 3), text=f"{q.kg_co2e:,.1f}",
                               showarrow=False, yshift=10, row=1, col=2)
    if not groups:
        fig.add_annotation(text="no pathways: nothing is feasible", showarrow=False,
                           xref="paper", yref="paper", x=0.5, y=0.5)
    fig.update_layout(barmode="stack")
    return _layout(fig, "Cost and CO2 by pathway")


def basis_label(decision: Decision) -> str:
    """'LCA basis' or 'direct basis': the carbon intensity the decision's CO2 uses."""
    quotes = [p.quote for p in decision.pathways.values()] + decision.options
    return f"{quotes[0].carbon_basis.upper() if quotes else 'LCA'} basis".replace(
        "DIRECT", "direct")


def _co2_error_bars(quotes: list[Quote]) -> dict[str, Any]:
    """Asymmetric error bars from each quote's kg CO2e range (0 where unknown)."""
    hi = [round(q.kg_co2e_range[1] - q.kg_co2e, 3) if q.kg_co2e_range and q.kg_co2e is not None
          else 0.0 for q in quotes]
    lo = [round(q.kg_co2e - q.kg_co2e_range[0], 3) if q.kg_co2e_range and q.kg_co2e is not None
          else 0.0 for q in quotes]
    return {"type": "data", "symmetric": False, "array": hi, "arrayminus": lo,
            "color": "#444", "thickness": 1}


@dataclass(frozen=True)
class ChartData:
    """What the charts read from the store for one decision."""

    carbon: HourlySeries | None
    price: HourlySeries | None
    usage: list[ClusterUsage]
    capex: dict[str, float | None]


def cluster_usage(conn: duckdb.DuckDBPyConnection) -> list[ClusterUsage]:
    """Used / wholly free / fragmented GPUs per on-prem cluster from the `nodes` table."""
    rows = conn.execute(
        "SELECT cluster, count(*) AS gpus, sum(1000 - f) / 1000.0 AS used, "
        "count(*) FILTER (WHERE f >= 1000) AS free_whole, "
        "coalesce(sum(f) FILTER (WHERE f > 0 AND f < 1000), 0) / 1000.0 AS frag "
        "FROM (SELECT cluster, unnest(gpu_free_milli) AS f FROM nodes) GROUP BY cluster "
        "ORDER BY cluster").fetchall()
    return [ClusterUsage(c, int(g), float(u), int(w), float(fr)) for c, g, u, w, fr in rows]


def chart_data(conn: duckdb.DuckDBPyConnection, decision: Decision) -> ChartData:
    """Read the grid series of the shown option's zone, node usage and capex."""
    capex = {c: x for c, x in conn.execute(
        "SELECT id, capex_usd_per_gpu_h FROM clusters WHERE kind = 'onprem'").fetchall()}
    rec = decision.shown_pathway()
    carbon = price = None
    if rec is not None:
        start, hours = timeline_span(decision)
        if rec.quote.carbon_zone:
            carbon = hourly(conn, "carbon_intensity", rec.quote.carbon_zone, start, hours,
                            rec.quote.carbon_basis)
        row = conn.execute("SELECT price_market FROM clusters WHERE id = ?",
                           [rec.quote.cluster]).fetchone()
        if row and row[0]:
            price = hourly(conn, "energy_price", row[0], start, hours)
        carbon = carbon if carbon is not None and carbon.covered() else None
        price = price if price is not None and price.covered() else None
    return ChartData(carbon, price, cluster_usage(conn), capex)


def decision_figures(decision: Decision, data: ChartData) -> dict[str, go.Figure]:
    """The four report charts, keyed by a stable name (the report's order)."""
    return {
        "options": options_scatter(decision),
        "timeline": grid_timeline(decision, data.carbon, data.price),
        "clusters": cluster_usage_chart(decision, data.usage),
        "breakdown": breakdown_chart(decision, data.capex),
    }


# -- static export ------------------------------------------------------------------------

