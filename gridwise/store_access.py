"""How a long-running process uses the store: never holding the file while it works.

DuckDB lets one process write a file at a time. An `ask` works for seconds (quoting every
offer of every provider), and fifty of them may run at once on one home, so nothing may
keep the state database open while it computes. `StoreAccess` is the one way a turn (the
CLI session, the graph's nodes, the console) reaches the data:

- `state()`: the state database (decisions, orders, holds, jobs, requests) for one short
  piece of work: opened (waiting, bounded, with a message, while another process has it),
  used, closed. Writes are transactions inside it; a firm-quote check and the hold it
  guards are one transaction, so two processes never hold the same GPUs.
- `reference(copy)`: a private in-memory database for reading and computing: the
  reference tables are views over the read-only reference file (`gridwise.reference`),
  and the few state rows the work needs (`copy`: the open GPU holds, the placement
  history, the newest telemetry) are copied in during one brief `state()` use. Any
  number of processes quote at once; none holds the state file meanwhile.

An in-memory store (tests) has no file to share: both give cursors on it.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from gridwise.reference import (
    REFERENCE_TABLES,
    fingerprint,
    reference_current,
    reference_path,
    refresh_reference,
)
from gridwise.store import DEFAULT_WAIT_S, Store

#: State rows a quote reads: table -> (SQL over the state database, parameters).
QUOTE_STATE: dict[str, tuple[str, list[Any]]] = {
    "reservations": ("SELECT * FROM reservations WHERE released_at IS NULL", []),
    "placement_history": ("SELECT * FROM placement_history", []),
    "gpu_metrics": ("SELECT * FROM gpu_metrics QUALIFY row_number() OVER "
                    "(PARTITION BY node, gpu ORDER BY ts DESC) = 1", []),
    "schema_migrations": ("SELECT * FROM schema_migrations", []),
}

# A process's threads (parallel graph branches) take the state file in turn: each use is
# short, and one open at a time keeps their waits and opens counted one by one.
_file_locks: dict[str, threading.RLock] = {}
_guard = threading.Lock()


def _file_lock(path: str) -> threading.RLock:
    with _guard:
        return _file_locks.setdefault(path, threading.RLock())


def _catalog(con: duckdb.DuckDBPyConnection) -> str:
    """The quoted name of the database `con` opened (for fully qualified names)."""
    rows = con.execute("SELECT current_database()").fetchall()
    return '"' + str(rows[0][0] if rows else "main").replace('"', '""') + '"'


def _views(con: duckdb.DuckDBPyConnection, ref: Path) -> None:
    """Attach the reference file read-only to `con`, its tables as views in `main`."""
    quoted = str(ref).replace("'", "''")
    con.execute(f"ATTACH '{quoted}' AS gw_ref (READ_ONLY)")
    for table in REFERENCE_TABLES:
        con.execute(f"CREATE VIEW main.{table} AS SELECT * FROM gw_ref.main.{table}")


def _caller() -> str:
    """The first function outside this module and contextlib on the stack (for benches)."""
    frame = sys._getframe(2)
    while frame is not None and frame.f_code.co_filename in (__file__, contextlib.__file__):
        frame = frame.f_back  # type: ignore[assignment]
    return frame.f_code.co_name if frame is not None else "?"


class StoreAccess:
    """Short state transactions and read-only reference reads for one process."""

    def __init__(self, db_file: Path | str, wait_s: float = DEFAULT_WAIT_S,
                 held: Store | None = None) -> None:
        self.db_file = str(db_file)
        self.wait_s = wait_s
        self.held = held if held is not None and held.path == ":memory:" else None
        self.waited_s = 0.0  # time spent waiting for other processes' use of the state file
        self.opens = 0       # how many times the state file was taken
        self.held_s = 0.0    # how long it was held, every use together (open to close)
        self.longest_hold_s = 0.0  # the longest one use held it ...
        self.longest_hold_by = ""  # ... and the function that used it
        self._shared_con: duckdb.DuckDBPyConnection | None = None
        self._shared_key: tuple[int, int] | None = None
        self._shared_lock = threading.Lock()

    @classmethod
    def of(cls, store: Store, wait_s: float = DEFAULT_WAIT_S) -> StoreAccess:
        """Access to the database `store` is on (an in-memory one is shared, not reopened)."""
        return cls(store.path, wait_s, held=store)

    @contextmanager
    def state(self, read_only: bool = False, migrate: bool = False) -> Iterator[Store]:
        """The state database for one short piece of work: opened here, closed on leaving.

        `read_only` uses of many processes overlap, and a writer waits until none is
        left: DuckDB's file lock is not fair, so many overlapping readers starve writers
        (measured: 50 asks whose reads were read-only stalled). An `ask` therefore takes
        every use exclusively; read-only is for commands that only read.
        """
        if self.held is not None:
            yield from self._cursor()
            return
        with _file_lock(self.db_file):
            try:
                store = Store.open(self.db_file, read_only=read_only, migrate=migrate,
                                   wait_s=self.wait_s)
            except duckdb.ConnectionException:  # this process has it open for writing
                store = Store.open(self.db_file, migrate=migrate, wait_s=self.wait_s)
            t0 = time.perf_counter()
            self.waited_s += store.waited_s
            self.opens += 1
            try:
                yield store
            finally:
                store.close()
                held = time.perf_counter() - t0
                self.held_s += held
                if held > self.longest_hold_s:
                    self.longest_hold_s, self.longest_hold_by = held, _caller()

    @contextmanager
    def reference(self, copy: Mapping[str, tuple[str, list[Any]]] | None = None,
                  read_only: bool = False) -> Iterator[Store]:
        """A private database: reference views plus a copy of the state rows in `copy`.

        With rows to copy (or no reference file yet) the state file is taken once, briefly,
        and the reference file is rewritten first if it is not from the state's last load.
        `read_only`: that use is a read (a command that only reads; a missing state file
        is refused, not created).
        """
        if self.held is not None:
            yield from self._cursor()
            return
        ref = reference_path(self.db_file)
        shared = self._shared(ref) if not copy and ref.exists() else None
        if shared is not None:  # reference reads alone never take the state file
            cursor = shared.cursor()
            try:
                yield Store(cursor, str(ref), read_only=False)
            finally:
                cursor.close()
            return
        con = duckdb.connect(":memory:")
        try:
            self._snapshot(con, ref, copy or {}, read_only)
            _views(con, ref)
            yield Store(con, str(ref), read_only=False)
        finally:
            con.close()

    def _shared(self, ref: Path) -> duckdb.DuckDBPyConnection | None:
        """One in-memory database over the reference file per process, for reads alone.

        Made again when `data load` has renamed a new file in (another inode); uses in
        flight keep their cursors on the old one. None: the file is from an older schema
        (a reference table added since), to be written again.
        """
        st = ref.stat()
        key = (st.st_ino, st.st_mtime_ns)
        with self._shared_lock:
            if self._shared_con is None or self._shared_key != key:
                con = duckdb.connect(":memory:")
                try:
                    _views(con, ref)
                except duckdb.CatalogException:
                    con.close()
                    return None
                self._shared_con, self._shared_key = con, key
            return self._shared_con

    def _snapshot(self, con: duckdb.DuckDBPyConnection, ref: Path,
                  copy: Mapping[str, tuple[str, list[Any]]], read_only: bool = False) -> None:
        """One brief read of the state file: copy `copy` out, note which load it holds.

        The state file is opened as any `state()` is (not attached to `con`), so a
        process that has it open already shares that one database instance. The
        reference file is checked after (and, rarely, written again) without holding it.
        """
        if not read_only and not Path(self.db_file).exists():
            with self.state(migrate=True):   # a new home: create and migrate it once
                pass
        with self.state(read_only) as st:   # an ask's: exclusive, like all its uses (`state`)
            want = fingerprint(st.conn, _catalog(st.conn))
            for table, (sql, params) in copy.items():
                rows = st.conn.sql(sql, params=params).to_arrow_table()
                con.register("gw_copy", rows)
                con.execute(f"CREATE TABLE main.{table} AS SELECT * FROM gw_copy")
                con.unregister("gw_copy")
        if not reference_current(con, ref, want):  # missing, or not from the last load
            with self.state() as st:
                refresh_reference(st.conn, _catalog(st.conn), ref)

    def _cursor(self) -> Iterator[Store]:
        assert self.held is not None
        cursor = Store(self.held.conn.cursor(), self.held.path, self.held.read_only)
        try:
            yield cursor
        finally:
            cursor.conn.close()
