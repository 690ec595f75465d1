"""Evaluation report: a CSV of every run and one HTML page of plots (plotly.js inlined).

Plots: carbon vs cost per policy (marker size = mean wait), wait CDFs, core-hours per
region, and busy cores over time, one set per scenario.
"""

from __future__ import annotations

import csv
import html
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from evals.sim.run import WAIT_QUANTILES
from gridwise.errors import UserError
from tools.chart_style import TEMPLATE

CSV_KEYS = ("scenario", "policy", "reserved", "seed", "carbon_norm", "cost_norm", "mean_wait_h",
            "deadline_miss_pct", "kg_co2e", "cost_usd", "jobs", "segments")


def _label(r: dict[str, Any]) -> str:
    return f"{r['policy']} (R={r['reserved']})"


def _fig(title: str, height: int = 420) -> go.Figure:
    fig = go.Figure()
    fig.layout.template = go.layout.Template(TEMPLATE)
    fig.update_layout(title={"text": title, "x": 0.01}, height=height, width=900)
    return fig


def figures(name: str, rows: list[dict[str, Any]]) -> dict[str, go.Figure]:
    """The four charts of one scenario's rows."""
    runs = [r for r in rows if not r["policy"].startswith("bound:")]
    scatter = _fig(f"{name}: carbon vs cost (normalised to NoWait; size = mean wait)")
    for r in runs:
        scatter.add_trace(go.Scatter(
            x=[r["cost_norm"]], y=[r["carbon_norm"]], mode="markers+text", name=_label(r),
            text=[_label(r)], textposition="top center", showlegend=False,
            marker={"size": 8 + 3 * (r["mean_wait_h"] or 0)},
            hovertext=f"{_label(r)}: wait {r['mean_wait_h']:.2f} h"))
    for b in (r for r in rows if r["policy"].startswith("bound:")):
        if b["carbon_norm"] is not None:
            scatter.add_hline(y=b["carbon_norm"], line_dash="dot",
                              annotation_text=b["policy"])
    scatter.update_xaxes(title="cost / NoWait cost")
    scatter.update_yaxes(title="carbon / NoWait carbon")
    cdf = _fig(f"{name}: wait CDF")
    for r in runs:
        cdf.add_trace(go.Scatter(x=r["wait_quantiles_h"], y=[q / 100 for q in WAIT_QUANTILES],
                                 mode="lines", name=_label(r)))
    cdf.update_xaxes(title="wait (h)")
    cdf.update_yaxes(title="share of jobs")
    regions = _fig(f"{name}: core-hours per region")
    names = sorted({k for r in runs for k in r["region_core_h"]})
    for n in names:
        regions.add_trace(go.Bar(x=[_label(r) for r in runs],
                                 y=[r["region_core_h"].get(n, 0) for r in runs], name=n))
    regions.update_layout(barmode="stack")
    usage = _fig(f"{name}: busy cores over time (hourly mean)")
    for r in runs:
        usage.add_trace(go.Scatter(y=r["usage_by_hour"], mode="lines", name=_label(r)))
    usage.update_xaxes(title="hour of the window")
    return {"scatter": scatter, "wait_cdf": cdf, "regions": regions, "usage": usage}


def _target(path: Path) -> Path:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot write the report to {str(path)!r}: {exc.strerror}",
                        "pick a writable folder (--out)") from None
    return path


def write_csv(path: Path, by_scenario: dict[str, list[dict[str, Any]]]) -> Path:
    """One CSV row per run (and bound), every scenario."""
    path = _target(path)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=CSV_KEYS, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for name, rows in by_scenario.items():
            for r in rows:
                w.writerow({"scenario": name} | r)
    return path


def _cell(v: Any) -> str:
    if v is None:
        return ""
    return f"{v:.4f}" if isinstance(v, float) else html.escape(str(v))


def write_html(path: Path, by_scenario: dict[str, list[dict[str, Any]]]) -> Path:
    """One HTML page: a results table and the four charts per scenario."""
    path = _target(path)
    parts = ["<!doctype html><html><head><meta charset='utf-8'><title>gridwise evaluation"
             "</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:"
             "collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}</style>"
             f"<script>{get_plotlyjs()}</script></head><body><h1>gridwise evaluation</h1>"]
    for name, rows in by_scenario.items():
        parts.append(f"<h2>{html.escape(Path(name).name)}</h2><table><tr>"
                     + "".join(f"<th>{k}</th>" for k in CSV_KEYS[1:10]) + "</tr>")
        for r in rows:
            cells = [f"<td>{_cell(r.get(k))}</td>" for k in CSV_KEYS[1:10]]
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</table>")
        for key, fig in figures(Path(name).stem, rows).items():
            parts.append(pio.to_html(fig, full_html=False, include_plotlyjs=False,
                                     div_id=f"{Path(name).stem}-{key}"))
    parts.append("</body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")
    return path
