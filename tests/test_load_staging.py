"""`data load` builds in a staging file and takes the state file only to swap (ingest.stage)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from gridwise.errors import DataFileError
from gridwise.ingest.stage import load_file
from gridwise.records import reservations
from gridwise.reference import reference_path
from gridwise.store import Store
from tests.sourcedata import make_source_dir

T0 = datetime(2022, 3, 1, 5)


def _counts(db: Path) -> dict[str, int]:
    with Store.open(db, read_only=True) as s:
        return {t: s.rows(f"SELECT count(*) AS n FROM {t}")[0]["n"]
                for t in ("carbon_intensity", "energy_price", "instance_prices", "nodes")}


def test_a_load_holds_the_state_file_only_to_swap_and_keeps_the_holds(tmp_path):
    db, src, cache = tmp_path / "gridwise.duckdb", make_source_dir(tmp_path / "src"), \
        tmp_path / "cache"
    load_file(db, src, cache)
    with Store.open(db) as s:
        node = s.rows("SELECT name, cluster FROM nodes ORDER BY name LIMIT 1")[0]
        assert reservations.hold(s, "o-1", T0, T0 + timedelta(hours=4), [(node["name"], (0, 1))])
    before = _counts(db)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRIDWISE_")}
    env |= {"GRIDWISE_HOME": str(tmp_path), "GRIDWISE_DB_PATH": str(db),
            "GRIDWISE_DB_WAIT_S": "0"}   # not a moment's wait: the load must not hold it
    reads: list[subprocess.CompletedProcess[str]] = []

    def step(msg: str) -> None:
        if msg == "carbon intensity":   # the load is building (in its staging file)
            reads.append(subprocess.run([sys.executable, "-m", "gridwise", "decisions", "list",
                                         "--json"], env=env, capture_output=True, text=True,
                                        timeout=120))

    report = load_file(db, src, cache, rebuild=True, progress=step)
    assert len(reads) == 1 and reads[0].returncode == 0, reads[0].stderr
    assert json.loads(reads[0].stdout)["decisions"] == []
    assert report.state_hold_s < report.seconds
    assert _counts(db) == before and report.rows["carbon_intensity"] == before["carbon_intensity"]
    with Store.open(db) as s:   # the hold survived the reload and still guards its GPUs
        assert reservations.busy_gpus(s, node["cluster"], T0, T0 + timedelta(hours=1)) == {
            node["name"]: {0, 1}}
    assert reference_path(db).exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".tmp", ".tmp.wal"))]


def test_a_refused_load_leaves_the_state_file_as_it_was(tmp_path):
    db, src, cache = tmp_path / "gridwise.duckdb", make_source_dir(tmp_path / "src"), \
        tmp_path / "cache"
    load_file(db, src, cache)
    before, ref = _counts(db), reference_path(db).stat().st_ino
    price = next((src / "prices").glob("*.csv"))
    price.write_text(price.read_text().splitlines()[0] + "\n")   # header only
    with pytest.raises(DataFileError, match=price.name):
        load_file(db, src, cache)
    assert _counts(db) == before
    assert reference_path(db).stat().st_ino == ref
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".tmp", ".tmp.wal"))]
