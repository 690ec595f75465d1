"""The evaluation report as PDF: pages, the results table's policies, the four charts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from evals.sim.evaluate import evaluate
from evals.sim.report import write_report
from evals.sim.scenario import load_scenario
from gridwise.errors import UserError
from tests.simkit import small_gaia, store_with, wavy

POLICIES = ["nowait", "carbon-time", "wait-awhile"]


def _rows(tmp_path: Path) -> dict:
    sc = load_scenario(small_gaia(tmp_path, policies=POLICIES, reserved=[0, 9]))
    with store_with({"US-CAL-CISO": wavy(720, 8)}) as store:
        return {str(sc.path): evaluate(store.conn, sc)}


@pytest.mark.slow
def test_pdf_report_opens_with_pages_policies_and_charts(tmp_path: Path) -> None:
    """report.pdf: a PDF whose text names every policy, with four chart images."""
    if not (shutil.which("chromium") and shutil.which("pdftotext") and shutil.which("pdfimages")):
        pytest.skip("Chromium and poppler-utils (make system-deps) are needed for the PDF")
    files = write_report(tmp_path / "out", _rows(tmp_path), pdf=True)
    pdf = Path(files["pdf"])
    assert pdf.read_bytes()[:5] == b"%PDF-"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[1])
    assert 2 <= pages <= 10
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    for p in POLICIES:
        assert p in text
    assert "gridwise evaluation" in text and "small-40.yaml" in text
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    assert len([x for x in listing if x.split()[2] == "image"]) == 4
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "report.html", "report.pdf", "results.csv"]


def test_without_chromium_pdf_is_skipped_or_refused(tmp_path: Path, monkeypatch) -> None:
    """Default: CSV + HTML and the reason; --pdf: a UserError and nothing written."""
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    rows = _rows(tmp_path)
    with pytest.raises(UserError, match="BROWSER_PATH"):
        write_report(tmp_path / "strict", rows, pdf=True)
    assert not (tmp_path / "strict").exists() or not any((tmp_path / "strict").iterdir())
    files = write_report(tmp_path / "out", rows)
    assert files["pdf"] is None and "BROWSER_PATH" in files["pdf_skipped"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.html",
                                                                    "results.csv"]
