"""The grid-signal timeline: carbon intensity and energy price around the chosen window.

A zone without an hourly market price gets one panel and a line saying so, not an empty
second panel; the chosen and run-now windows are labelled at opposite corners (one label
when they coincide), and the run-now window is an outline so an overlap stays legible.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from gridwise.models import Decision, Quote
from tools.chart_style import layout
from tools.grid import HOUR, HourlySeries, ceil_hour, floor_hour

MAX_TIMELINE_H = 24 * 14
CHOSEN_FILL, NOW_FILL = "rgba(44,160,44,0.20)", "rgba(127,127,127,0.10)"
NOW_LINE = {"color": "#7f7f7f", "width": 1.5, "dash": "dot"}


@dataclass(frozen=True)
class Span:
    """A shaded time span on a timeline."""

    start: datetime
    end: datetime
    label: str


def run_now_window(decision: Decision) -> Span | None:
    """The run-now twin of the chosen (else recommended) option, same cluster and size."""
    rec = decision.shown_pathway()
    if rec is None:
        return None
    r = rec.quote
    for q in decision.options:
        if (q.window == "now" and q.cluster == r.cluster and q.accelerator == r.accelerator
                and q.count == r.count and q.spot == r.spot):
            return Span(q.start, q.finish, "run now")
    start = max(decision.clock, decision.job.constraints.earliest_start or decision.clock)
    return Span(start, start + timedelta(hours=r.runtime_h), "run now")


def chosen_spans(q: Quote) -> list[Span]:
    """The hours the chosen option runs: one span, or one per block if interruptible."""
    if not q.run_hours:
        return [Span(q.start, q.finish, "chosen window")]
    hours = sorted(q.run_hours)
    spans: list[Span] = []
    begin = prev = hours[0]
    for h in hours[1:] + [None]:
        if h is not None and h - prev == HOUR:
            prev = h
            continue
        spans.append(Span(begin, prev + HOUR, "chosen window"))
        if h is not None:
            begin = prev = h
    return spans


def timeline_span(decision: Decision) -> tuple[datetime, int]:
    """Start hour and length (h) a timeline needs: clock to past the deadline and finish."""
    start = floor_hour(decision.clock)
    ends = [q.finish for q in decision.options]
    if decision.job.constraints.deadline is not None:
        ends.append(decision.job.constraints.deadline)
    end = ceil_hour(max(ends, default=start + 24 * HOUR)) + 6 * HOUR
    return start, max(24, min(MAX_TIMELINE_H, int((end - start) / HOUR)))


def _series_trace(s: HourlySeries, name: str, colour: str) -> go.Scatter:
    x = [(s.start + HOUR * i).isoformat() for i in range(s.values.size)]
    y = [None if np.isnan(v) else round(float(v), 3) for v in s.values]
    return go.Scatter(name=name, x=x, y=y, mode="lines", line={"color": colour, "shape": "hv"})


def _panels(carbon: HourlySeries | None, price: HourlySeries | None
            ) -> tuple[list[tuple[HourlySeries | None, str, str, str]], list[str]]:
    """The panels to draw (series, title, unit, colour) and one line per missing series."""
    panels: list[tuple[HourlySeries | None, str, str, str]] = []
    missing = []
    if carbon is not None:
        panels.append((carbon, f"carbon intensity, zone {carbon.zone}", "gCO2/kWh", "#2ca02c"))
    else:
        missing.append("carbon intensity: no hourly series for this option's grid zone")
    if price is not None:
        panels.append((price, f"energy price, market {price.zone}", "USD/MWh", "#1f77b4"))
    else:
        missing.append("energy price: no hourly wholesale market for this option (cloud "
                       "instances are priced per hour by the provider)")
    if not panels:  # nothing to plot: one empty panel carries the axis and the lines
        panels.append((None, "grid signals", "", "#2ca02c"))
    return panels, missing


def _labelled_spans(decision: Decision) -> list[tuple[Span, str, str]]:
    """(span, fill, label position) for the run-now and chosen windows of the shown option."""
    rec = decision.shown_pathway()
    if rec is None:
        return []
    chosen = chosen_spans(rec.quote)
    now = run_now_window(decision)
    out: list[tuple[Span, str, str]] = []
    same = now is not None and len(chosen) == 1 and (now.start, now.end) == (
        chosen[0].start, chosen[0].end)
    if now is not None and not same:
        out.append((now, NOW_FILL, "top left"))
    label = "chosen window = run now" if same else "chosen window"
    out += [(Span(c.start, c.end, label if i == 0 else ""), CHOSEN_FILL, "bottom right")
            for i, c in enumerate(chosen)]
    return out


def grid_timeline(decision: Decision, carbon: HourlySeries | None,
                  price: HourlySeries | None) -> go.Figure:
    """Carbon intensity and energy price of the chosen (else recommended) option's zone.

    The chosen window is shaded green (labelled bottom right), the run-now window is a
    dotted outline (labelled top left), the deadline a dashed line. A missing series gets
    a line of text under the title instead of an empty panel.
    """
    panels, missing = _panels(carbon, price)
    rows = len(panels)
    fig = make_subplots(rows=rows, cols=1, shared_xaxes=True, vertical_spacing=0.12,
                        subplot_titles=[t for _, t, _, _ in panels])
    t0, hours = timeline_span(decision)
    for row, (series, _, unit, colour) in enumerate(panels, 1):
        if series is not None:
            fig.add_trace(_series_trace(series, unit, colour), row=row, col=1)
        else:  # an empty trace keeps the axes drawn
            fig.add_trace(go.Scatter(x=[t0.isoformat(), (t0 + HOUR * hours).isoformat()],
                                     y=[None, None], mode="lines", showlegend=False,
                                     hoverinfo="skip"), row=row, col=1)
            fig.update_yaxes(range=[0, 1], showticklabels=False, row=row, col=1)
        fig.update_yaxes(title_text=unit, row=row, col=1)
    for span, fill, position in _labelled_spans(decision):
        for row in range(1, rows + 1):
            label = ({"annotation_text": span.label, "annotation_position": position}
                     if row == 1 and span.label else {})  # no args at all: plotly says "new text"
            outline = {"line": NOW_LINE} if fill == NOW_FILL else {"line_width": 0}
            fig.add_vrect(x0=span.start.isoformat(), x1=span.end.isoformat(), fillcolor=fill,
                          layer="below", row=row, col=1, **outline, **label)
    deadline = decision.job.constraints.deadline
    if deadline is not None:
        for row in range(1, rows + 1):
            fig.add_vline(x=deadline.isoformat(), line={"color": "#d62728", "dash": "dash"},
                          row=row, col=1)
        fig.add_annotation(x=deadline.isoformat(), y=1.0, xref="x", yref="paper",
                           text="deadline", showarrow=False, font={"color": "#d62728"},
                           yshift=12)
    for i, line in enumerate(missing):
        fig.add_annotation(text=line, showarrow=False, xref="paper", yref="paper", x=0,
                           xanchor="left", yanchor="top", y=-0.3 - 0.07 * i,
                           font={"size": 11, "color": "#555"})
    # An empty panel must neither turn the shared axis linear nor stretch it to 1970.
    fig.update_xaxes(type="date", range=[t0.isoformat(), (t0 + HOUR * hours).isoformat()])
    fig.update_xaxes(title_text="time (UTC)", row=rows, col=1)
    for row in range(1, rows):
        fig.update_xaxes(showticklabels=False, row=row, col=1)  # shared axis: labels below
    rec = decision.shown_pathway()
    which = decision.chosen if decision.chosen in decision.pathways else "recommended"
    where = f"{rec.quote.provider} {rec.quote.region}" if rec else "no recommended option"
    basis = ""
    if rec is not None and carbon is not None:
        basis = f"; CO2 {rec.quote.carbon_basis.upper().replace('DIRECT', 'direct')} basis"
        if rec.quote.co2_grid_borrowed:
            basis += f", CO2 from {rec.quote.co2_grid_borrowed} grid"
    fig = layout(fig, f"Grid signals for the {which} option ({where}{basis})",
                 560 if rows == 2 else 400)
    if missing:
        fig.update_layout(margin={"b": 90 + 25 * len(missing)})
    return fig
