"""The one look every gridwise chart shares: fonts, white background, grid, legend."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

TEMPLATE: dict[str, Any] = {"layout": {
    "font": {"family": "DejaVu Sans, Arial, sans-serif", "size": 12, "color": "#222"},
    "paper_bgcolor": "white", "plot_bgcolor": "white",
    "xaxis": {"gridcolor": "#e5e5e5", "zeroline": False, "linecolor": "#999", "automargin": True},
    "yaxis": {"gridcolor": "#e5e5e5", "zeroline": False, "linecolor": "#999", "automargin": True},
    "margin": {"l": 70, "r": 30, "t": 60, "b": 60},
    "legend": {"orientation": "h", "y": -0.18},
}}

def layout(fig: go.Figure, title: str, height: int = 480) -> go.Figure:
    """Apply the gridwise template, a title and a fixed size (no plotly default theme)."""
    fig.layout.template = go.layout.Template(TEMPLATE)  # replaces plotly's default theme
    fig.update_layout(title={"text": title, "x": 0.01}, height=height, width=900)
    return fig


