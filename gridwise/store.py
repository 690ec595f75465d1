"""The DuckDB store: one file, ordered migrations, injected where needed.

A `Store` owns one connection. Tools receive a `Store` (or its connection)
as an argument; there is no module-global connection. Open it read-only for
tools that only query (`Store.open(path, read_only=True)`).

Many processes, one file: DuckDB lets one process write a file at a time and refuses
the others at once. So every open that finds the file held waits, with a bounded backoff
(`wait_s`, `GRIDWISE_DB_WAIT_S`), before it gives up with `StoreLockedError`; and a
process that works for long (an `ask`) never keeps the file open while it works: it goes
through `gridwise.store_access.StoreAccess`, which opens the file only for short pieces
of work and quotes from the read-only reference file `data load` writes.
"""

from __future__ import annotations

import random
import re
import sys
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from gridwise import store_turns
from gridwise.errors import (
    NO_DATA_HINT,
    OutOfRangeError,
    StoreLockedError,
    StoreNotLoadedError,
    UserError,
)

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "data" / "migrations"
_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

# Tables that carry a time column, and which column: `data info` reports their range.
TIME_COLUMNS = {
    "carbon_intensity": "ts",
    "energy_price": "ts",
    "gpu_metrics": "ts",
    "jobs": "created_at",
    "decisions": "created_at",
    "quotes": "start",
    "orders": "created_at",
    "eval_runs": "started_at",
    "data_sources": "loaded_at",
}


@dataclass(frozen=True)
class Migration:
    """One schema step: `NNNN_name.sql` under data/migrations."""

    version: int
    name: str
    sql: str


def discover_migrations(folder: Path = MIGRATIONS_DIR) -> list[Migration]:
    """The migrations in `folder`, ordered by version; duplicates are an error."""
    found: dict[int, Migration] = {}
    for path in sorted(folder.glob("*.sql")):
        m = _MIGRATION_NAME.match(path.name)
        if not m:
            raise ValueError(f"migration file {path.name!r} is not named NNNN_name.sql")
        version = int(m.group(1))
        if version in found:
            raise ValueError(f"two migrations share version {version}: {path.name!r}")
        found[version] = Migration(version, m.group(2), path.read_text(encoding="utf-8"))
    return [found[v] for v in sorted(found)]


#: How long an open waits for a file another process holds (seconds).
DEFAULT_WAIT_S = 120.0


def connect(path: str, read_only: bool, wait_s: float = DEFAULT_WAIT_S,
            ) -> duckdb.DuckDBPyConnection:
    """Connect to `path`, waiting (bounded, with jittered backoff) while another holds it.

    Says on stderr that it waits (once per process and file). Raises `StoreLockedError`
    after `wait_s` seconds.
    """
    return connect_timed(path, read_only, wait_s)[0]


_said: set[str] = set()

# One open of a database file at a time per process. DuckDB's Python client can give a
# thread a database instance another thread is still setting up when both open the same
# file at once; that thread then finds none of the client's own table functions, and any
# scan of a Python object (a pyarrow table, a DataFrame, by name or registered) fails with
# "Table Function with name python_arrow_scan does not exist" - measured: 10-20 of 1,600
# opens by 8 threads, none with the opens taken one at a time (tests/test_duckdb_opens.py).
# The console opens the state file from many threads; the CLI's threads never overlap.
_OPEN_LOCK = threading.Lock()


def open_file(path: str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """`duckdb.connect(path)`, one open at a time in this process (see `_OPEN_LOCK`)."""
    with _OPEN_LOCK:
        return duckdb.connect(path, read_only=read_only)


def connect_timed(path: str, read_only: bool, wait_s: float = DEFAULT_WAIT_S,
                  admitted: bool = False) -> tuple[duckdb.DuckDBPyConnection, float]:
    """`connect`, and the seconds it waited for other processes (0.0: the file was free).

    `admitted`: this process has its turn (`gridwise.store_turns`), so whoever still has
    the file is finishing its use (or does not queue): retry often, nobody else will.
    """
    deadline = time.monotonic() + max(0.0, wait_s)
    delay, first_refusal = (0.005 if admitted else 0.02), None
    cap = 0.05 if admitted else 0.5
    while True:
        try:
            con = open_file(path, read_only=read_only)
            return con, (0.0 if first_refusal is None else time.monotonic() - first_refusal)
        except duckdb.IOException as exc:
            text = str(exc)
            if "lock" not in text.lower():
                raise UserError(
                    f"cannot open the database {path!r}: {text}",
                    "check the path and its permissions, or delete a corrupt file and reload",
                ) from None
            if time.monotonic() >= deadline:
                raise StoreLockedError(path, text, wait_s) from None
            if first_refusal is None:
                first_refusal = time.monotonic()
            if path not in _said:
                print(f"waiting for {path} (another gridwise process is using it; up to "
                      f"{wait_s:.0f} s)", file=sys.stderr, flush=True)
                _said.add(path)
            time.sleep(min(delay * (1 + random.random()), max(0.0, deadline - time.monotonic())))
            delay = min(delay * 1.6, cap)


class Store:
    """A DuckDB database file with gridwise's schema."""

    def __init__(self, conn: duckdb.DuckDBPyConnection | None, path: str, read_only: bool,
                 wait_s: float = DEFAULT_WAIT_S) -> None:
        self._conn = conn
        self.path = path
        self.read_only = read_only
        self.wait_s = wait_s
        self._lock = threading.Lock()
        self.waited_s = 0.0          # time spent waiting for other processes (benches)
        self._turn: store_turns.Turn | None = None
        self._finalizer: weakref.finalize | None = None
        self._depth = 0              # transactions open on this store (nested ones join)

    @property
    def conn(self) -> duckdb.DuckDBPyConnection:
        """The connection (opened on first use, waiting while another process holds the file).

        A file is opened only in this process's turn (`gridwise.store_turns`: readers at
        the next release, writers first come first served); `close` gives the turn back.
        """
        if self._conn is None:
            with self._lock:
                if self._conn is None:
                    self._conn = self._connect()
        return self._conn

    def _connect(self) -> duckdb.DuckDBPyConnection:
        if self.path == ":memory:":
            return connect_timed(self.path, self.read_only, self.wait_s)[0]
        t0 = time.monotonic()
        try:
            self._turn = store_turns.take(self.path, self.read_only, self.wait_s)
        except store_turns.TurnTimeout as exc:
            raise StoreLockedError(self.path, "", self.wait_s, exc.holder, exc.ahead) from None
        try:
            con, waited = connect_timed(self.path, self.read_only,
                                        self.wait_s - (time.monotonic() - t0), admitted=True)
        except BaseException:
            self._turn.release()
            raise
        self.waited_s += self._turn.waited_s + waited
        # a store dropped without close() still gives its turn back when collected
        self._finalizer = weakref.finalize(self, self._turn.release)
        return con

    @classmethod
    def open(cls, path: Path | str, read_only: bool = False, migrate: bool = True,
             wait_s: float = DEFAULT_WAIT_S) -> Store:
        """Open (and, unless read-only, create and migrate) the database at `path`.

        `":memory:"` gives a throw-away in-memory store (tests). A file held by another
        process is waited for up to `wait_s` seconds, then raises `StoreLockedError`; a
        read-only open of a missing file raises `StoreNotLoadedError`.
        """
        spath = str(path)
        if spath != ":memory:":
            p = Path(spath)
            if read_only and not p.exists():
                raise StoreNotLoadedError(f"no gridwise database at {spath!r}: no data is "
                                          "loaded yet", NO_DATA_HINT)
            if not read_only:
                p.parent.mkdir(parents=True, exist_ok=True)
        store = cls(None, spath, read_only, wait_s)
        store.conn  # noqa: B018  # connect now: a bad path fails here, not mid-run
        if migrate and not read_only:
            store.migrate()
        return store

    def close(self) -> None:
        """Close the connection (and give this process's turn at the file back)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._turn is not None:
            self._turn.release()
            self._turn = None
            if self._finalizer is not None:
                self._finalizer.detach()
                self._finalizer = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -----------------------------------------------------------------------
    def schema_version(self) -> int:
        """The highest applied migration version (0 for an empty database)."""
        exists = self.conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        ).fetchone()
        if not exists or not exists[0]:
            return 0
        row = self.conn.execute(
            "SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
        return int(row[0]) if row else 0

    def migrate(self, migrations: list[Migration] | None = None) -> list[int]:
        """Apply pending migrations in order, each in its own transaction."""
        migrations = discover_migrations() if migrations is None else migrations
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
        )
        # Apply every version not applied yet (not only those above the highest), so a
        # migration merged from a parallel branch with a lower number is not skipped.
        done = {int(v) for (v,) in self.conn.execute(
            "SELECT version FROM schema_migrations").fetchall()}
        applied = []
        for mig in migrations:
            if mig.version in done:
                continue
            with self.transaction():
                self.conn.execute(mig.sql)
                self.conn.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, now()::TIMESTAMP)",
                    [mig.version, mig.name],
                )
            applied.append(mig.version)
        return applied

    @property
    def in_transaction(self) -> bool:
        """Whether a `transaction` of this store is open."""
        return self._depth > 0

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """BEGIN ... COMMIT, rolled back on any exception (nothing half-written).

        Opened inside another transaction of this store, it joins that one: the outermost
        commits or rolls back every write (the dispatcher's pass writes many records in one).
        """
        con = self.conn
        if self._depth:
            self._depth += 1
            try:
                yield con
            finally:
                self._depth -= 1
            return
        con.execute("BEGIN TRANSACTION")
        self._depth = 1
        try:
            yield con
        except BaseException:
            self._depth = 0
            con.execute("ROLLBACK")
            raise
        self._depth = 0
        con.execute("COMMIT")

    # -- queries ----------------------------------------------------------------------
    def rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Run parametrised SQL and return rows as dicts."""
        cur = self.conn.execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def tables(self) -> list[str]:
        """User tables, sorted (schema_migrations excluded)."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'main' AND table_catalog = current_database() "
                "AND table_name <> 'schema_migrations' ORDER BY 1"
            ).fetchall()
        ]

    def info(self) -> dict[str, dict[str, Any]]:
        """Per table: row count and, for timed tables, the first and last timestamp."""
        out: dict[str, dict[str, Any]] = {}
        for table in self.tables():
            col = TIME_COLUMNS.get(table)
            if col:
                n, lo, hi = self.conn.execute(
                    f'SELECT count(*), min("{col}"), max("{col}") FROM "{table}"'
                ).fetchone()  # type: ignore[misc]
            else:
                (n,) = self.conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()  # type: ignore[misc]
                lo = hi = None
            out[table] = {
                "rows": int(n),
                "from": lo.isoformat() if lo is not None else None,
                "to": hi.isoformat() if hi is not None else None,
            }
        return out

    def time_range(self, zone: str | None = None) -> tuple[datetime, datetime]:
        """The span covered by carbon-intensity data (optionally for one zone)."""
        sql = "SELECT min(ts), max(ts) FROM carbon_intensity"
        params: list[Any] = []
        if zone is not None:
            sql += " WHERE zone = ?"
            params.append(zone)
        lo, hi = self.conn.execute(sql, params).fetchone()  # type: ignore[misc]
        if lo is None:
            raise StoreNotLoadedError(
                "the store has no carbon-intensity data"
                + (f" for zone {zone!r}" if zone else ""),
                "run `gridwise data load`" if zone else NO_DATA_HINT,
            )
        return lo, hi

    def check_clock(self, at: datetime, zone: str | None = None) -> datetime:
        """Return `at` (naive UTC) if carbon data covers it, else `OutOfRangeError`."""
        lo, hi = self.time_range(zone)
        if not (lo <= at <= hi):
            raise OutOfRangeError("--at", at.isoformat(), lo.isoformat(), hi.isoformat())
        return at
