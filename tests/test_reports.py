import json
import os
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from agents.explainer import explain
from agents.explainer.verifier import store_vocabulary
from gridwise.cli.decisions import report
from gridwise.errors import UserError
from gridwise.ingest.load import load
from gridwise.models import Decision, JobSpec
from gridwise.records.decisions import save_decision
from gridwise.store import Store
from tests.sourcedata import make_source_dir
from tools import reports
from tools.options import rank_quotes, to_decision

CLOCK = datetime(2022, 3, 1, 6)
SPEC = {"kind": "train", "gpu_hours": 16, "preferences": {"objective": "greenest"},
        "constraints": {"deadline": "2022-03-02T20:00:00Z", "interruptible": True}}
INFEASIBLE = {"kind": "inference", "duration_hours": 10, "hardware": {"gpu_type": "H100"},
              "constraints": {"deadline": "2022-03-01T11:00:00Z"}}
CHROMIUM = os.environ.get("BROWSER_PATH") or shutil.which("chromium")
needs_chromium = pytest.mark.skipif(not CHROMIUM, reason="no Chromium (install chromium or "
                                    "set BROWSER_PATH): static charts / browser load untested")
EXTERNAL = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?"
                      r"(?:https?:)?//", re.IGNORECASE)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    root = tmp_path_factory.mktemp("reports")
    path = root / "g.duckdb"
    with Store.open(path) as s:
        load(s, make_source_dir(root / "src"), root / "cache")
        ok = to_decision(rank_quotes(s, JobSpec.model_validate(SPEC), CLOCK), now=CLOCK)
        bad = to_decision(rank_quotes(s, JobSpec.model_validate(INFEASIBLE), CLOCK), now=CLOCK)
        bad.id = ok.id + "-none"
        save_decision(s, ok)
        save_decision(s, bad)
    return path, ok.id, bad.id


@pytest.fixture
def store(db: tuple[Path, str, str]):  # noqa: ANN201
    with Store.open(db[0], read_only=True) as s:
        yield s


def _decision(store: Store, decision_id: str) -> Decision:
    from gridwise.records.decisions import load_decision

    return load_decision(store, decision_id)


def _build(store: Store, decision_id: str, **out: Path) -> dict:
    d = _decision(store, decision_id)
    return reports.build_report(store, d, explain(d, store_vocabulary(store.conn)), **out)


def test_html_report_is_self_contained(store: Store, db, tmp_path: Path) -> None:  # noqa: ANN001
    paths = _build(store, db[1], html=tmp_path / "r.html")
    html = Path(paths["html"]).read_text(encoding="utf-8")
    assert not EXTERNAL.search(html)
    assert len(re.findall(r'<div id="chart-(options|timeline|clusters|breakdown)"', html)) == 4
    assert "Plotly.newPlot" in html and len(html) > 3_000_000     # plotly.js inlined
    assert "none (templated)" in html and "every sentence verified" in html
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]


@needs_chromium
def test_html_report_renders_offline_in_chromium(store: Store, db, tmp_path: Path) -> None:  # noqa: ANN001
    path = Path(_build(store, db[1], html=tmp_path / "r.html")["html"])
    res = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
         "--virtual-time-budget=8000", f"--user-data-dir={tmp_path / 'profile'}",
         "--dump-dom", path.as_uri()], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr[-2000:]
    # every plot drew its SVG with no network at all
    assert len(re.findall(r'class="main-svg"', res.stdout)) >= 8


@needs_chromium
def test_pdf_report_pages_and_chart_images(store: Store, db, tmp_path: Path) -> None:  # noqa: ANN001
    if not (shutil.which("pdftoppm") and shutil.which("pdfimages")):
        pytest.skip("pdftoppm/pdfimages (poppler-utils) not installed")
    paths = _build(store, db[1], pdf=tmp_path / "r.pdf", html=tmp_path / "r.html")
    pdf = Path(paths["pdf"])
    assert pdf.read_bytes()[:5] == b"%PDF-"
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=60)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert 3 <= len(pages) <= 10
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True,
                             text=True, check=True).stdout.splitlines()[2:]
    images = [line.split() for line in listing if line.split()[2] == "image"]
    assert len(images) == 4 and all(int(i[3]) >= 1000 for i in images)   # 4 charts, 2x scale


def test_no_chromium_is_a_user_error_and_writes_nothing(store: Store, db, tmp_path: Path,  # noqa: ANN001
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "missing-chromium"))
    with pytest.raises(UserError, match="install chromium or set BROWSER_PATH"):
        _build(store, db[1], html=tmp_path / "r.html", pdf=tmp_path / "r.pdf")
    assert list(tmp_path.iterdir()) == []
    assert _build(store, db[1], html=tmp_path / "r.html")["html"]   # HTML still works


def test_unwritable_output_path(store: Store, db, tmp_path: Path) -> None:  # noqa: ANN001
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(UserError, match="cannot write the report"):
        _build(store, db[1], html=blocker / "r.html")
    with pytest.raises(UserError, match="does not exist"):
        _build(store, db[1], html=tmp_path / "no" / "such" / "r.html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_failed_write_leaves_no_partial_files(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.replace
    calls: list[str] = []

    def flaky(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(reports.os, "replace", flaky)
    with pytest.raises(UserError, match="No space left"):
        reports.write_outputs({tmp_path / "a.html": b"a", tmp_path / "b.pdf": b"b"})
    assert len(calls) == 2 and list(tmp_path.iterdir()) == []


def test_zero_feasible_report_says_what_to_relax(store: Store, db, tmp_path: Path) -> None:  # noqa: ANN001
    d = _decision(store, db[2])
    assert not d.pathways and d.infeasible_reasons
    html = Path(_build(store, db[2], html=tmp_path / "r.html")["html"]).read_text()
    assert "No feasible option" in html
    for reason in d.infeasible_reasons:
        assert reason in html.replace("&#39;", "'")


def _cli() -> typer.Typer:
    app = typer.Typer()
    app.command("report")(report)
    app.command("noop")(lambda: None)
    return app


def test_cli_report_json(db, tmp_path: Path) -> None:  # noqa: ANN001
    out = tmp_path / "c.html"
    res = CliRunner().invoke(_cli(), ["report", db[1], "--html", str(out), "--db", str(db[0]),
                                      "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout) == {"decision_id": db[1],
                                      "report": {"html": str(out), "pdf": None}}
    assert out.stat().st_size > 0


def test_cli_unknown_decision_suggests_ids(db, tmp_path: Path) -> None:  # noqa: ANN001
    res = CliRunner().invoke(_cli(), ["report", db[1][:-2] + "zz", "--html",
                                      str(tmp_path / "x.html"), "--db", str(db[0])])
    assert res.exit_code == 2
    assert "no decision with id" in res.stderr and db[1] in res.stderr
    assert list(tmp_path.iterdir()) == []
