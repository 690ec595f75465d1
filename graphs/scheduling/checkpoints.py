"""The conversation checkpoints (`<home>/checkpoints.sqlite`): open, and keep them small.

Resuming a thread needs only its newest checkpoint and that checkpoint's pending writes,
so after every turn the older checkpoints of each thread are deleted, and only the
newest `keep_threads` conversations stay resumable (a setting). A file that is not a
checkpoint database is refused with a message, never a traceback.

Pruning gives freed pages back to the file system only in a file made with incremental
auto-vacuum. A file made before that (auto_vacuum NONE) is converted once when it is
opened (`convert_once`): a VACUUM under SQLite's own write lock, which other processes
wait for through their busy timeout as for any write. If it cannot be done (the file or
its folder read-only, the disk full, another process busy past the timeout) the file is
left as it was, still usable, a line says why, and the next open tries again.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from langgraph.checkpoint.sqlite import SqliteSaver

from gridwise.errors import UserError

#: Seconds a turn waits for another process's write to the checkpoint file.
BUSY_TIMEOUT_S = 120.0


@contextmanager
def open_saver(path: Path) -> Iterator[SqliteSaver]:
    """A SQLite checkpointer on `path` that waits for other processes instead of failing."""
    conn: sqlite3.Connection | None = None
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        if conn.execute("PRAGMA page_count").fetchone()[0] == 0:
            # a new file: pages that pruning frees go back to the file system (below);
            # without this the file stays at its peak (e.g. 50 asks in flight at once)
            conn.execute("PRAGMA auto_vacuum=INCREMENTAL")
        else:
            convert_once(conn, path)
        conn.execute("PRAGMA journal_mode=WAL")
        saver = SqliteSaver(conn)
        saver.setup()
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        if getattr(exc, "sqlite_errorname", "").startswith(("SQLITE_READONLY",
                                                            "SQLITE_CANTOPEN")):
            raise UserError(f"the checkpoint file {str(path)!r} cannot be written ({exc})",
                            "make it and its folder writable (chmod u+w), or set GRIDWISE_HOME "
                            "to a folder you can write") from None
        raise UserError(f"the checkpoint file {str(path)!r} is damaged ({exc})",
                        "move it away (conversations in it can no longer be resumed) and "
                        "ask again") from None
    try:
        yield saver
    finally:
        conn.close()


def _kib(path: Path) -> int:
    """The file's size with its write-ahead log, in KiB (0 if absent)."""
    total = 0
    for part in (path, Path(f"{path}-wal")):
        try:
            total += os.path.getsize(part)
        except OSError:
            pass
    return total // 1024


def convert_once(conn: sqlite3.Connection, path: Path) -> bool:
    """Make a file from before incremental auto-vacuum give freed pages back; True: done.

    Only a file whose auto_vacuum is NONE is touched: it is set to INCREMENTAL and
    VACUUMed (which rewrites the file without its free pages). A failure leaves the file
    as it was (SQLite rolls the VACUUM back) and is said on stderr, never raised.
    """
    if conn.execute("PRAGMA auto_vacuum").fetchone()[0] != 0:
        return False
    before = _kib(path)
    try:
        conn.execute("PRAGMA auto_vacuum=INCREMENTAL")
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")  # copy back now if nobody reads
    except sqlite3.Error as exc:
        if getattr(exc, "sqlite_errorname", "") in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
            raise  # a damaged file: refused by `open_saver`
        with contextlib.suppress(sqlite3.Error):
            conn.execute("PRAGMA auto_vacuum=NONE")  # the setting waits for a VACUUM
        print(f"checkpoints: {path} kept as it was: converting it to incremental "
              f"auto-vacuum failed ({exc}); its free pages are reused but not given back, "
              "and the next open tries again", file=sys.stderr, flush=True)
        if getattr(exc, "sqlite_errorname", "").startswith("SQLITE_READONLY"):
            raise  # no turn can be kept in it: refused by `open_saver`, file untouched
        return False
    print(f"checkpoints: {path} converted once to incremental auto-vacuum (VACUUM: "
          f"{before:,} KiB -> {_kib(path):,} KiB); pruning now gives freed pages back",
          file=sys.stderr, flush=True)
    return True


def prune(saver: SqliteSaver, keep_threads: int) -> int:
    """Delete what no resume needs; returns the checkpoint rows deleted."""
    conn = saver.conn
    with conn:
        before = conn.execute("SELECT count(*) FROM checkpoints").fetchone()[0]
        conn.execute(
            "DELETE FROM checkpoints WHERE thread_id NOT IN (SELECT thread_id FROM "
            "checkpoints GROUP BY thread_id ORDER BY max(checkpoint_id) DESC LIMIT ?)",
            [keep_threads])
        conn.execute(
            "DELETE FROM checkpoints AS c WHERE checkpoint_id < (SELECT max(checkpoint_id) "
            "FROM checkpoints AS k WHERE k.thread_id = c.thread_id AND "
            "k.checkpoint_ns = c.checkpoint_ns)")
        conn.execute(
            "DELETE FROM writes AS w WHERE NOT EXISTS (SELECT 1 FROM checkpoints AS c WHERE "
            "c.thread_id = w.thread_id AND c.checkpoint_ns = w.checkpoint_ns AND "
            "c.checkpoint_id = w.checkpoint_id)")
        after = conn.execute("SELECT count(*) FROM checkpoints").fetchone()[0]
    # give freed pages back (a file made before auto_vacuum is converted on open);
    # executescript steps the pragma to the end (execute() frees one page per step)
    conn.executescript("PRAGMA incremental_vacuum;")
    return int(before - after)
