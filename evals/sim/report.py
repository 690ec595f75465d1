"""Evaluation report: a CSV of every run, one HTML page of plots (plotly.js inlined), a PDF.

Plots, one set per scenario: carbon vs cost per policy (marker size and colour = mean wait),
wait CDFs, core-hours per region, and busy cores over time. The PDF is the same page with
the charts as static images (kaleido's headless Chromium) through WeasyPrint, as decision
reports are made (`tools.reports`); the files are written all or none.
"""

from __future__ import annotations

import base64
import csv
import html
import io
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from evals.sim.run import WAIT_QUANTILES
from gridwise.errors import UserError
from tools.chart_export import export_server, find_browser
from tools.chart_style import TEMPLATE
from tools.reports import render_pdf, write_outputs

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
            marker={"size": 8 + 3 * (r["mean_wait_h"] or 0), "color": [r["mean_wait_h"] or 0],
                    "coloraxis": "coloraxis"},
            hovertext=f"{_label(r)}: wait {r['mean_wait_h']:.2f} h"))
    for b in (r for r in rows if r["policy"].startswith("bound:")):
        if b["carbon_norm"] is not None:
            scatter.add_hline(y=b["carbon_norm"], line_dash="dot",
                              annotation_text=b["policy"])
    scatter.update_layout(coloraxis={"colorscale": "Viridis", "colorbar": {"title": "wait h"}})
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


def render_csv(by_scenario: dict[str, list[dict[str, Any]]]) -> bytes:
    """One CSV row per run (and bound), every scenario."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_KEYS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for name, rows in by_scenario.items():
        for r in rows:
            w.writerow({"scenario": name} | r)
    return buf.getvalue().encode("utf-8")


def _cell(v: Any) -> str:
    if v is None:
        return ""
    return f"{v:.4f}" if isinstance(v, float) else html.escape(str(v))


STYLE = ("body{font-family:'Open Sans',sans-serif;margin:2em}table{border-collapse:collapse;"
         "font-size:9pt}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
         "@page{size:A4 landscape;margin:12mm}.chart{page-break-inside:avoid}"
         "img{width:100%}h2{page-break-before:auto}")


def render_html(by_scenario: dict[str, list[dict[str, Any]]],
                images: dict[str, bytes] | None = None) -> str:
    """The report page: a results table and the four charts per scenario.

    With `images` (PNG per chart id) the charts are static images (for the PDF); otherwise
    interactive plotly divs with plotly.js inlined (no CDN).
    """
    script = "" if images is not None else f"<script>{get_plotlyjs()}</script>"
    parts = ["<!doctype html><html><head><meta charset='utf-8'><title>gridwise evaluation"
             f"</title><style>{STYLE}</style>{script}</head><body><h1>gridwise evaluation</h1>"]
    for name, rows in by_scenario.items():
        parts.append(f"<h2>{html.escape(Path(name).name)}</h2><table><tr>"
                     + "".join(f"<th>{k}</th>" for k in CSV_KEYS[1:10]) + "</tr>")
        for r in rows:
            cells = [f"<td>{_cell(r.get(k))}</td>" for k in CSV_KEYS[1:10]]
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</table>")
        for key, fig in figures(Path(name).stem, rows).items():
            cid = f"{Path(name).stem}-{key}"
            if images is not None:
                b64 = base64.b64encode(images[cid]).decode("ascii")
                parts.append(f'<div class="chart"><img alt="{html.escape(cid)}" '
                             f'src="data:image/png;base64,{b64}"></div>')
            else:
                parts.append(pio.to_html(fig, full_html=False, include_plotlyjs=False,
                                         div_id=cid))
    parts.append("</body></html>")
    return "\n".join(parts)


def chart_images(by_scenario: dict[str, list[dict[str, Any]]],
                 browser: str | None = None) -> dict[str, bytes]:
    """Every chart as a PNG (kaleido's shared headless Chromium)."""
    server = export_server(browser)
    return {f"{Path(name).stem}-{key}": server.render(fig, "png", scale=1.5)
            for name, rows in by_scenario.items()
            for key, fig in figures(Path(name).stem, rows).items()}


def write_report(folder: Path, by_scenario: dict[str, list[dict[str, Any]]],
                 pdf: bool | None = None, browser: str | None = None) -> dict[str, str | None]:
    """`results.csv`, `report.html` and (see `pdf`) `report.pdf` in `folder`, all or none.

    `pdf`: True needs Chromium (a `UserError` without it, nothing written); None writes the
    PDF when Chromium is found and says why not otherwise; False skips it.
    """
    folder = _target(Path(folder) / "results.csv").parent
    outputs = {folder / "results.csv": render_csv(by_scenario),
               folder / "report.html": render_html(by_scenario).encode("utf-8")}
    why = None
    if pdf is not False:
        try:
            find_browser(browser)
        except UserError as exc:
            if pdf:
                raise
            why = f"{exc.message}; to fix: {exc.hint}" if exc.hint else exc.message
    if pdf is not False and why is None:
        outputs[folder / "report.pdf"] = render_pdf(
            render_html(by_scenario, chart_images(by_scenario, browser)))
    write_outputs(outputs)
    names = {p.name: str(p) for p in outputs}
    return {"csv": names["results.csv"], "html": names["report.html"],
            "pdf": names.get("report.pdf"), "pdf_skipped": why}


def _target(path: Path) -> Path:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot write the report to {str(path)!r}: {exc.strerror}",
                        "pick a writable folder (--out)") from None
    return path
