"""Threads of one process opening the state file at once can all scan Python objects.

DuckDB's Python client could hand a thread a database instance another thread was still
setting up; that thread then found none of the client's table functions ("Table Function
with name python_arrow_scan does not exist", seen in the console, which opens the state
file from many threads). `gridwise.store.open_file` takes the opens one at a time. Here
eight threads open the file through `Store.open` again and again and read a pyarrow table
through DuckDB each time (registered and by name); before, 10-20 of 1,600 failed.
"""

from __future__ import annotations

import threading

import pyarrow as pa

from gridwise.store import Store

THREADS, OPENS = 8, 200


def test_threads_opening_the_file_at_once_can_scan_python_objects(tmp_path) -> None:
    db = str(tmp_path / "gridwise.duckdb")
    Store.open(db).close()
    offered = pa.table({"a": [1, 2, 3]})
    failures: list[str] = []

    def opens() -> None:
        for i in range(OPENS):
            with Store.open(db, migrate=False, read_only=False, wait_s=60) as store:
                con = store.conn
                try:
                    if i % 2:
                        con.register("gw_offered", offered)
                        total = con.execute("SELECT sum(a) FROM gw_offered").fetchall()
                        con.unregister("gw_offered")
                    else:   # DuckDB's replacement scan of the caller's variable
                        total = con.execute("SELECT sum(a) FROM offered").fetchall()
                    assert total == [(6,)]
                except Exception as exc:  # noqa: BLE001 - counted, reported below
                    failures.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=opens) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == [], f"{len(failures)} of {THREADS * OPENS}: {failures[0]}"
