import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path

import pytest

from gridwise.errors import OutOfRangeError, StoreLockedError, StoreNotLoadedError
from gridwise.store import Migration, Store, discover_migrations


def test_migrations_apply_in_order_once(tmp_path: Path) -> None:
    db = tmp_path / "g.duckdb"
    with Store.open(db) as store:
        assert store.schema_version() == discover_migrations()[-1].version
        extra = [*discover_migrations(), Migration(99, "extra", "CREATE TABLE extra (x INT);")]
        assert store.migrate(extra) == [99]
        assert store.migrate(extra) == []
        assert "extra" in store.tables()


def test_failed_migration_rolls_back(tmp_path: Path) -> None:
    with Store.open(tmp_path / "g.duckdb") as store:
        bad = [*discover_migrations(),
               Migration(50, "bad", "CREATE TABLE half (x INT); SELECT * FROM no_such_table;")]
        with pytest.raises(Exception, match="no_such_table"):
            store.migrate(bad)
        assert "half" not in store.tables()
        assert store.schema_version() == discover_migrations()[-1].version


def test_duplicate_migration_versions_rejected(tmp_path: Path) -> None:
    (tmp_path / "0001_a.sql").write_text("SELECT 1;")
    (tmp_path / "0001_b.sql").write_text("SELECT 1;")
    with pytest.raises(ValueError, match="share version 1"):
        discover_migrations(tmp_path)


def test_read_only_missing_file_says_to_load(tmp_path: Path) -> None:
    with pytest.raises(StoreNotLoadedError, match="gridwise data load"):
        Store.open(tmp_path / "absent.duckdb", read_only=True)


def test_locked_database_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "locked.duckdb"
    Store.open(db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import duckdb, sys, time
            con = duckdb.connect({str(db)!r})
            print("held", flush=True)
            time.sleep(30)
        """)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreLockedError) as info:  # opens wait (120 s by default)
            Store.open(db, wait_s=0.5)
        assert info.value.path == str(db)
        assert "To fix:" in str(info.value)
    finally:
        holder.kill()
        holder.wait()


def test_clock_outside_carbon_range_names_the_range() -> None:
    store = Store.open(":memory:")
    store.conn.execute(
        "INSERT INTO carbon_intensity VALUES ('2022-01-01 00:00', 'GB', 100, NULL, 'actual', "
        "NULL, 't'), ('2022-01-02 00:00', 'GB', 90, NULL, 'actual', NULL, 't')"
    )
    assert store.check_clock(datetime(2022, 1, 1, 12)) == datetime(2022, 1, 1, 12)
    with pytest.raises(OutOfRangeError) as info:
        store.check_clock(datetime(2030, 1, 1))
    assert "2022-01-01T00:00:00 .. 2022-01-02T00:00:00" in info.value.message


def test_clock_with_no_data_says_load() -> None:
    with pytest.raises(StoreNotLoadedError):
        Store.open(":memory:").check_clock(datetime(2022, 1, 1))


def test_info_reports_rows_and_ranges() -> None:
    store = Store.open(":memory:")
    store.conn.execute(
        "INSERT INTO energy_price VALUES ('2021-05-01 03:00', 'FR', 10, 'EUR', 10.8, 't')"
    )
    info = store.info()
    assert info["energy_price"] == {"rows": 1, "from": "2021-05-01T03:00:00",
                                    "to": "2021-05-01T03:00:00"}
    assert info["nodes"] == {"rows": 0, "from": None, "to": None}
    assert "schema_migrations" not in info


def test_a_lower_numbered_migration_merged_later_is_still_applied(tmp_path: Path) -> None:
    with Store.open(tmp_path / "g.duckdb") as store:
        later = [*discover_migrations(), Migration(500, "late", "CREATE TABLE late (x INT);")]
        assert store.migrate(later) == [500]
        merged = sorted([*later, Migration(450, "merged", "CREATE TABLE merged (x INT);")],
                        key=lambda m: m.version)
        assert store.migrate(merged) == [450]
        assert "merged" in store.tables()


def test_a_transaction_opened_inside_another_joins_it() -> None:
    store = Store.open(":memory:", migrate=False)
    store.conn.execute("CREATE TABLE t (x INTEGER)")
    with store.transaction() as con:
        with store.transaction():               # joins: nothing is committed yet
            con.execute("INSERT INTO t VALUES (1)")
        assert store.in_transaction
        con.execute("INSERT INTO t VALUES (2)")
    assert not store.in_transaction
    with pytest.raises(RuntimeError), store.transaction() as con:
        with store.transaction():
            con.execute("INSERT INTO t VALUES (3)")
        raise RuntimeError("the outer one fails: the inner one's write goes too")
    assert store.rows("SELECT x FROM t ORDER BY x") == [{"x": 1}, {"x": 2}]
    assert not store.in_transaction
