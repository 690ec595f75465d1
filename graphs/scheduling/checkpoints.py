"""The conversation checkpoints (`<home>/checkpoints.sqlite`): open, and keep them small.

Resuming a thread needs only its newest checkpoint and that checkpoint's pending writes,
so after every turn the older checkpoints of each thread are deleted, and only the
newest `keep_threads` conversations stay resumable (a setting). A file that is not a
checkpoint database is refused with a message, never a traceback.
"""

from __future__ import annotations

import sqlite3
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
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        if conn.execute("PRAGMA page_count").fetchone()[0] == 0:
            # a new file: pages that pruning frees go back to the file system (below);
            # without this the file stays at its peak (e.g. 50 asks in flight at once)
            conn.execute("PRAGMA auto_vacuum=INCREMENTAL")
        conn.execute("PRAGMA journal_mode=WAL")
        saver = SqliteSaver(conn)
        saver.setup()
    except sqlite3.DatabaseError as exc:
        raise UserError(f"the checkpoint file {str(path)!r} is damaged ({exc})",
                        "move it away (conversations in it can no longer be resumed) and "
                        "ask again") from None
    try:
        yield saver
    finally:
        conn.close()


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
    # give freed pages back (files made before auto_vacuum was set keep them for reuse);
    # executescript steps the pragma to the end (execute() frees one page per step)
    conn.executescript("PRAGMA incremental_vacuum;")
    return int(before - after)
