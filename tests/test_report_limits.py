"""Issue 11: reports never overwrite special files, and cap what they render."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from agents.explainer import explain
from agents.explainer.verifier import store_vocabulary
from gridwise.errors import UserError
from gridwise.models import JobSpec
from tests.graphkit import memory_store
from tools import reports
from tools.options import rank_quotes, to_decision
from tools.report_limits import MAX_REQUEST_CHARS

CLOCK = datetime(2022, 3, 1, 6)
COLUMNS = {f"col_{i:05d}": "int64" if i % 2 else "string" for i in range(20_000)}


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory):
    store = memory_store(tmp_path_factory.mktemp("limits"))
    job = JobSpec.model_validate({"kind": "train", "gpu_hours": 16,
                                  "dataset": {"columns": COLUMNS, "rows": 10}})
    decision = to_decision(rank_quotes(store, job, CLOCK), now=CLOCK,
                           request_text="train on this table " + "x" * 100_000)
    yield store, decision, explain(decision, store_vocabulary(store.conn))
    store.close()


def build(made, target: Path) -> None:
    store, decision, explanation = made
    reports.build_report(store, decision, explanation, html=target)


def test_fifo_target_is_refused_and_left_alone(made, tmp_path: Path) -> None:
    fifo = tmp_path / "report.html"
    os.mkfifo(fifo)
    with pytest.raises(UserError, match="named pipe"):
        build(made, fifo)
    assert fifo.is_fifo()
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temp left behind


def test_symlink_target_is_refused_and_its_target_untouched(made, tmp_path: Path) -> None:
    real = tmp_path / "precious.txt"
    real.write_text("keep me", encoding="utf-8")
    link = tmp_path / "report.html"
    link.symlink_to(real)
    with pytest.raises(UserError, match="symbolic link"):
        build(made, link)
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "keep me"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_device_target_is_refused(made) -> None:
    with pytest.raises(UserError, match="a device"):
        build(made, Path("/dev/full"))
    assert Path("/dev/full").is_char_device()


def test_regular_file_is_replaced_atomically(made, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    build(made, target)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_twenty_thousand_columns_are_summarised(made, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    build(made, target)
    html = target.read_text(encoding="utf-8")
    assert "20,000 columns: col_00000 (string), col_00001 (int64)" in html
    assert "and 19,988 more (not shown)" in html
    assert "col_00012" not in html and "col_19999" not in html
    assert f"{100_020 - MAX_REQUEST_CHARS:,} more characters not shown" in html
    assert "x" * (MAX_REQUEST_CHARS + 1) not in html
