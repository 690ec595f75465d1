"""Pruned checkpoints give their pages back: the file follows what is kept, not its peak."""

from __future__ import annotations

from pathlib import Path

from graphs.scheduling.checkpoints import open_saver, prune


def _fill(saver, threads: int, blob_kib: int) -> None:
    conn = saver.conn
    with conn:
        for t in range(threads):
            conn.execute(
                "INSERT INTO checkpoints (thread_id, checkpoint_ns, checkpoint_id, type, "
                "checkpoint, metadata) VALUES (?, '', ?, 'msgpack', ?, ?)",
                [f"thread-{t}", f"1ef{t:05d}", b"x" * (blob_kib * 1024), b"{}"])


def test_a_new_checkpoint_file_shrinks_after_pruning(tmp_path: Path) -> None:
    path = tmp_path / "checkpoints.sqlite"
    with open_saver(path) as saver:
        assert saver.conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 2  # incremental
        _fill(saver, threads=50, blob_kib=64)  # 50 conversations in flight at once
        saver.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        peak = path.stat().st_size
        assert prune(saver, keep_threads=2) == 48
        saver.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert saver.conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
        kept = saver.conn.execute("SELECT count(*) FROM checkpoints").fetchone()[0]
    assert kept == 2
    assert path.stat().st_size < peak / 5


def test_an_old_file_without_auto_vacuum_opens_converted_and_prunes(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "checkpoints.sqlite"
    sqlite3.connect(path).execute("CREATE TABLE unrelated (x)").connection.close()
    with open_saver(path) as saver:
        # converted on open (tests/test_checkpoint_convert.py has the cases)
        assert saver.conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 2
        _fill(saver, threads=5, blob_kib=4)
        assert prune(saver, keep_threads=1) == 4
