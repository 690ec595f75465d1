"""Nobody in: an `ask` never holds the DuckDB file while it works (gridwise.store_access).

Quotes read a private in-memory database over the read-only reference file `data load`
renames into place; the state file is taken only for short uses. So while an ask is
quoting, another process reads, writes and even reloads the data.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import duckdb

from gridwise.reference import fingerprint, reference_path, stored_fingerprint
from gridwise.store import Store
from gridwise.store_access import QUOTE_STATE, StoreAccess
from tests.graphkit import tiny_store
from tests.sourcedata import make_source_dir
from tests.test_ask import AT, REQUEST


def _ref_fingerprint(path) -> str | None:
    con = duckdb.connect(":memory:")
    con.execute(f"ATTACH '{path}' AS r (READ_ONLY)")
    try:
        return stored_fingerprint(con, "r")
    finally:
        con.close()


def test_load_writes_the_reference_file_by_rename(tmp_path):
    store = tiny_store(tmp_path)
    ref = reference_path(store.path)
    assert ref.name == "g.reference.duckdb" and ref.exists()
    assert not [p for p in tmp_path.iterdir()   # no temporary file, no WAL of its own
                if p.name.endswith(".tmp") or p.name == "g.reference.duckdb.wal"]
    assert _ref_fingerprint(ref) == fingerprint(store.conn, '"g"') != ""
    carbon = store.conn.execute("SELECT count(*) FROM carbon_intensity").fetchone()
    store.close()
    access = StoreAccess(tmp_path / "g.duckdb")
    with access.reference() as view:
        assert view.conn.execute("SELECT count(*) FROM carbon_intensity").fetchone() == carbon
        assert access.opens == 0   # reference reads alone never take the state file


def test_a_reader_keeps_its_snapshot_while_a_load_renames_a_new_file_in(tmp_path):
    tiny_store(tmp_path).close()
    db = tmp_path / "g.duckdb"
    access = StoreAccess(db)
    with access.reference() as old:
        before = old.conn.execute("SELECT max(loaded_at) FROM data_sources").fetchone()
        from gridwise.ingest.load import load

        with Store.open(db) as store:   # a reload: new loaded_at, new reference file
            load(store, make_source_dir(tmp_path / "src"), tmp_path / "cache")
        assert old.conn.execute("SELECT max(loaded_at) FROM data_sources").fetchone() == before
    with access.reference() as new:
        after = new.conn.execute("SELECT max(loaded_at) FROM data_sources").fetchone()
    assert after[0] > before[0]


def test_a_missing_or_stale_reference_file_is_written_again_from_the_state(tmp_path):
    tiny_store(tmp_path).close()
    db = tmp_path / "g.duckdb"
    ref = reference_path(db)
    want = _ref_fingerprint(ref)
    ref.unlink()                                   # a home from before the reference file
    with StoreAccess(db).reference() as view:
        assert view.conn.execute("SELECT count(*) FROM nodes").fetchone()[0] > 0
    assert _ref_fingerprint(ref) == want
    con = duckdb.connect(":memory:")               # a load killed before its rename
    con.execute(f"ATTACH '{ref}' AS r")
    con.execute("UPDATE r.reference_meta SET fingerprint = 'older'")
    con.close()
    with StoreAccess(db).reference(QUOTE_STATE) as view:
        assert view.conn.execute("SELECT count(*) FROM reservations").fetchone() == (0,)
    assert _ref_fingerprint(ref) == want
    con = duckdb.connect(":memory:")   # a file from an older schema (a table added since)
    con.execute(f"ATTACH '{ref}' AS r")
    con.execute("DROP TABLE r.published_forecast")
    con.close()
    with StoreAccess(db).reference() as view:   # reads alone, too, find it out of date
        assert view.conn.execute("SELECT count(*) FROM published_forecast").fetchone() == (0,)
    with StoreAccess(db).reference(QUOTE_STATE) as view:
        assert view.conn.execute("SELECT count(*) FROM published_forecast").fetchone() == (0,)


def test_while_an_ask_quotes_another_process_reads_writes_and_reloads(tmp_path, monkeypatch):
    """The old design held the file for the whole quoting step: these would all wait."""
    from agents import cluster
    from graphs.scheduling import session
    from gridwise.settings import Settings

    tiny_store(tmp_path).close()
    src = make_source_dir(tmp_path / "src")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRIDWISE_")}
    env |= {"GRIDWISE_HOME": str(tmp_path), "GRIDWISE_DB_PATH": str(tmp_path / "g.duckdb"),
            "GRIDWISE_LLM": "none", "GRIDWISE_DB_WAIT_S": "20",
            "GRIDWISE_SOURCE_DIR": str(src)}
    seen: dict[str, subprocess.CompletedProcess[str]] = {}
    once = threading.Lock()
    real = cluster.quote_job

    def quoting(*args, **kwargs):
        with once:   # the first provider to quote runs the other processes, mid-quote
            if not seen:
                for name, cmd in (("read", ["decisions", "list", "--json"]),
                                  ("load", ["data", "load", "--json"]),
                                  ("read again", ["decisions", "list", "--json"])):
                    seen[name] = subprocess.run([sys.executable, "-m", "gridwise", *cmd],
                                                env=env, capture_output=True, text=True,
                                                timeout=300)
        return real(*args, **kwargs)

    monkeypatch.setattr(cluster, "quote_job", quoting)
    s = Settings(home=tmp_path, db_path=tmp_path / "g.duckdb", llm="none", db_wait_s=20)
    out = session.run_turn(s, REQUEST, AT, None, None, None, None, True, None)
    assert set(seen) == {"read", "load", "read again"}
    for name, res in seen.items():
        assert res.returncode == 0, (name, res.stderr)
    assert json.loads(seen["load"].stdout)["rows"]["carbon_intensity"] > 0
    assert out["status"] in ("ordered", "deferred") and out["order"]["order_id"]
    con = duckdb.connect(str(tmp_path / "g.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM orders").fetchone() == (1,)
        assert con.execute("SELECT count(*) FROM decisions").fetchone() == (1,)
    finally:
        con.close()
    assert out["store_opens"] <= 20 and out["store_wait_s"] < 20


def test_an_in_memory_store_is_shared_not_reopened(tmp_path):
    store = Store.open(":memory:")
    access = StoreAccess.of(store)
    with access.state() as a:
        a.conn.execute("CREATE TABLE x AS SELECT 1 AS v")
    with access.reference(QUOTE_STATE) as b:
        assert b.conn.execute("SELECT v FROM x").fetchone() == (1,)
    assert access.opens == 0


def test_decisions_list_waits_as_long_as_the_setting_says(tmp_path):
    """A read waits for a writer with the same bound as an ask (it gave up at 120 s)."""
    tiny_store(tmp_path).close()
    db = str(tmp_path / "g.duckdb")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRIDWISE_")}
    env |= {"GRIDWISE_HOME": str(tmp_path), "GRIDWISE_DB_PATH": db}
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; "
                               f"c = duckdb.connect({db!r}); print('held', flush=True); "
                               "time.sleep(12); c.close()"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        now = subprocess.run([sys.executable, "-m", "gridwise", "decisions", "list", "--json"],
                             env=env | {"GRIDWISE_DB_WAIT_S": "0"}, capture_output=True,
                             text=True, timeout=120)
        assert now.returncode == 2 and "locked by another process" in now.stderr
        later = subprocess.run([sys.executable, "-m", "gridwise", "decisions", "list",
                                "--json"], env=env | {"GRIDWISE_DB_WAIT_S": "60"},
                               capture_output=True, text=True, timeout=120)
        assert later.returncode == 0, later.stderr
    finally:
        holder.wait(timeout=60)
