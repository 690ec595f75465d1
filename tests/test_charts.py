import json
import os
import shutil
from datetime import datetime
from pathlib import Path

import plotly.graph_objects as go
import pytest
from plotly.utils import PlotlyJSONEncoder

from gridwise.errors import UserError
from gridwise.models import Decision, JobSpec
from gridwise.store import Store
from tests.graphkit import memory_store
from tools import chart_export, charts
from tools.forecast.signals import OracleSignals
from tools.options import rank_quotes, to_decision

GOLDEN = Path(__file__).parent / "golden" / "charts"
CLOCK = datetime(2022, 3, 1, 6)
SPEC = {"kind": "train", "gpu_hours": 16, "preferences": {"objective": "greenest"},
        "constraints": {"deadline": "2022-03-02T20:00:00Z", "interruptible": True}}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return memory_store(tmp_path_factory.mktemp("charts"))


@pytest.fixture(scope="module")
def decision(store: Store) -> Decision:
    # the oracle: these tests are about the charts, on hand-made series with clear windows
    return to_decision(rank_quotes(store, JobSpec.model_validate(SPEC), CLOCK,
                                   signals=OracleSignals()), now=CLOCK)


@pytest.fixture(scope="module")
def figures(store: Store, decision: Decision) -> dict:
    return charts.decision_figures(decision, charts.chart_data(store.conn, decision))


@pytest.mark.parametrize("name", ["options", "timeline", "clusters", "breakdown"])
def test_golden_figure_json(figures: dict, name: str) -> None:
    got = json.loads(json.dumps(figures[name].to_plotly_json(), cls=PlotlyJSONEncoder,
                                sort_keys=True))
    path = GOLDEN / f"{name}.json"
    if os.environ.get("GRIDWISE_UPDATE_GOLDEN"):
        path.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n")
    assert got == json.loads(path.read_text())


def test_figures_are_deterministic(store: Store, decision: Decision) -> None:
    a = charts.decision_figures(decision, charts.chart_data(store.conn, decision))
    b = charts.decision_figures(decision, charts.chart_data(store.conn, decision))
    assert all(a[k].to_json() == b[k].to_json() for k in a)


def test_scatter_keeps_unknown_co2_and_draws_the_front(decision: Decision) -> None:
    fig = charts.options_scatter(decision)
    traces = {t.name: t for t in fig.data}
    unknown = [q for q in decision.options if q.kg_co2e is None]
    known = [q for q in decision.options if q.kg_co2e is not None]
    assert unknown, "fixture should have options with unknown CO2"
    assert len(traces["CO2 unknown"].x) == len(unknown)
    assert len(traces["options"].x) == len(known)
    front = list(zip(traces["cost-CO2 Pareto front"].x, traces["cost-CO2 Pareto front"].y,
                     strict=True))
    assert front == sorted(front)
    assert all(b[1] < a[1] for a, b in zip(front, front[1:], strict=False))
    for q in known:  # nothing known beats the front on both axes
        assert not any(q.cost_usd < x - 0.01 and q.kg_co2e < y - 0.001 for x, y in front)
    labels = {t.name for t in fig.data} - {"options", "CO2 unknown", "cost-CO2 Pareto front"}
    assert {n for label in labels for n in label.split(" / ")} == set(decision.pathways)


def test_timeline_shades_chosen_and_run_now_windows(decision: Decision, store: Store) -> None:
    data = charts.chart_data(store.conn, decision)
    fig = charts.grid_timeline(decision, data.carbon, data.price)
    rec = decision.pathways["recommended"].quote
    rects = [s for s in fig.layout.shapes if s.type == "rect"]
    chosen = [s for s in rects if s.fillcolor == charts.CHOSEN_FILL]
    spans = charts.chosen_spans(rec)
    assert len(chosen) == 2 * len(spans)                  # both panels
    assert {s.x0 for s in chosen} == {s.start.isoformat() for s in spans}
    assert sum((s.end - s.start).total_seconds() for s in spans) / 3600 == len(rec.run_hours)
    assert any(s.fillcolor == charts.NOW_FILL for s in rects)
    lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert {s.x0 for s in lines} == {decision.job.constraints.deadline.isoformat()}


def test_breakdown_splits_onprem_cost(decision: Decision, store: Store) -> None:
    data = charts.chart_data(store.conn, decision)
    fig = charts.breakdown_chart(decision, data.capex)
    compute, energy = fig.data[0].y, fig.data[1].y
    groups = charts.pathway_groups(decision)
    for (_, q), c, e in zip(groups, compute, energy, strict=True):
        assert c + e == pytest.approx(q.cost_usd, abs=0.02)
        assert (e > 0) == (q.kind == "onprem")


def test_cluster_usage_counts_gpus(store: Store) -> None:
    usage = charts.cluster_usage(store.conn)
    total = store.conn.execute("SELECT cluster, sum(gpu_count) FROM nodes GROUP BY 1").fetchall()
    assert {u.cluster: u.gpus for u in usage} == {c: int(n) for c, n in total}
    for u in usage:
        assert u.used + u.free_whole + u.free_fragmented == pytest.approx(u.gpus)


def test_missing_browser_is_a_user_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    with pytest.raises(UserError, match="install chromium or set BROWSER_PATH"):
        chart_export.export_png(go.Figure(), tmp_path / "x.png")
    assert not list(tmp_path.iterdir())


@pytest.mark.skipif(not (os.environ.get("BROWSER_PATH") or shutil.which("chromium")),
                    reason="no Chromium: static export not testable (install chromium)")
def test_export_png_and_svg_share_one_server(figures: dict, tmp_path: Path) -> None:
    png = chart_export.export_png(figures["options"], tmp_path / "o.png")
    svg = chart_export.export_svg(figures["breakdown"], tmp_path / "b.svg")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert svg.read_text().lstrip().startswith("<svg")
    assert chart_export.export_server() is chart_export.export_server()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.svg", "o.png"]
