"""A checkpoint file from before incremental auto-vacuum is converted once on open.

Files made before 3d8d70c have auto_vacuum NONE: pruning frees pages inside them but the
file keeps its peak size for ever. `open_saver` (what every turn opens) converts such a
file once; when it cannot (read-only, disk full) the file stays as it was and usable.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from langgraph.checkpoint.sqlite import SqliteSaver

from graphs.scheduling.checkpoints import open_saver, prune
from gridwise.errors import UserError

THREADS, KEEP, BLOB_KIB = 50, 2, 64


def _old_file(path: Path, threads: int = THREADS, blob_kib: int = BLOB_KIB) -> int:
    """A file as main's code made it before auto_vacuum was set: many threads pruned."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    saver = SqliteSaver(conn)
    saver.setup()
    with conn:
        for t in range(threads):
            conn.execute(
                "INSERT INTO checkpoints (thread_id, checkpoint_ns, checkpoint_id, type, "
                "checkpoint, metadata) VALUES (?, '', ?, 'msgpack', ?, ?)",
                [f"thread-{t}", f"1ef{t:05d}", os.urandom(blob_kib * 1024), b"{}"])
    assert prune(saver, keep_threads=KEEP) == threads - KEEP
    assert conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 0  # NONE
    assert conn.execute("PRAGMA freelist_count").fetchone()[0] > 0  # kept, never given back
    conn.close()
    return path.stat().st_size


def _facts(path: Path) -> tuple[int, int, str]:
    """(auto_vacuum, checkpoint rows, integrity) read without the product's code."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return (conn.execute("PRAGMA auto_vacuum").fetchone()[0],
                conn.execute("SELECT count(*) FROM checkpoints").fetchone()[0],
                conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_old_file_is_converted_once_and_then_gives_pages_back(tmp_path, capsys) -> None:
    path = tmp_path / "checkpoints.sqlite"
    peak = _old_file(path)
    with open_saver(path) as saver:
        assert saver.conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 2  # incremental
    err = capsys.readouterr().err
    assert "converted once to incremental auto-vacuum" in err and str(path) in err
    assert path.stat().st_size < peak / 5
    assert _facts(path) == (2, KEEP, "ok")
    with open_saver(path) as saver:  # once: a converted file is left alone
        conn = saver.conn
        with conn:
            for t in range(20):
                conn.execute(
                    "INSERT INTO checkpoints (thread_id, checkpoint_ns, checkpoint_id, type, "
                    "checkpoint, metadata) VALUES (?, '', ?, 'msgpack', ?, ?)",
                    [f"later-{t}", f"2ef{t:05d}", os.urandom(BLOB_KIB * 1024), b"{}"])
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        grown = path.stat().st_size
        assert prune(saver, keep_threads=KEEP) == 20
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
    assert "converted" not in capsys.readouterr().err
    assert path.stat().st_size < grown / 5


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[Path]:
    """`path` as a process cannot write it (its folder can): a read-only bind mount of the
    file when root (modes do not bind root), else its mode."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o444)
        try:
            yield path
        finally:
            path.chmod(mode)
        return
    view = path.with_name(f"ro-{path.name}")
    view.touch()
    if subprocess.run(["mount", "--bind", "-o", "ro", str(path), str(view)],
                      capture_output=True).returncode != 0:
        pytest.skip("root, but a read-only bind mount is not allowed here")
    try:
        yield view
    finally:
        subprocess.run(["umount", "-l", str(view)], check=False)


def test_a_read_only_old_file_is_left_usable_and_says_why(tmp_path, capsys) -> None:
    path = tmp_path / "checkpoints.sqlite"
    _old_file(path)
    digest = _digest(path)
    with _read_only(path) as view, pytest.raises(UserError) as caught:
        with open_saver(view):
            pass
    text = caught.value.render()
    assert "cannot be written" in text and "writable" in text and "damaged" not in text
    err = capsys.readouterr().err
    assert "kept as it was" in err and "readonly" in err
    assert _digest(path) == digest and _facts(path) == (0, KEEP, "ok")
    with open_saver(path) as saver:  # once writable, the next open converts it
        assert saver.conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 2


@contextlib.contextmanager
def _small_disk(tmp_path: Path, mib: int) -> Iterator[Path]:
    """A real file system of `mib` MiB (tmpfs); skipped where it cannot be mounted."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={mib}m", "tmpfs", str(mount)],
            capture_output=True).returncode != 0:
        pytest.skip("a small file system for the full-disk case needs root and mount")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_during_vacuum_leaves_the_file_usable(tmp_path, capsys) -> None:
    with _small_disk(tmp_path, 32) as disk:
        path = disk / "checkpoints.sqlite"
        _old_file(path, threads=60, blob_kib=96)  # ~5.6 MiB, 2 threads kept
        filler = disk / "filler"
        with open(filler, "wb") as fh:  # the disk full but for 64 KiB
            with contextlib.suppress(OSError):
                while True:
                    fh.write(b"\0" * 65536)
                    fh.flush()
        os.truncate(filler, max(0, filler.stat().st_size - 64 * 1024))
        with open_saver(path) as saver:  # opens; the turn goes on with the old file
            assert saver.conn.execute("SELECT count(*) FROM checkpoints").fetchone()[0] == KEEP
        err = capsys.readouterr().err
        assert "kept as it was" in err and "full" in err and "Traceback" not in err
        assert _facts(path) == (0, KEEP, "ok")
        filler.unlink()
        with open_saver(path) as saver:  # room again: converted now
            assert saver.conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 2
        assert "converted once" in capsys.readouterr().err


# The file system refusing to let the file grow (RLIMIT_FSIZE: writes past it fail),
# in a child process so the limit binds nothing else; runs as any user.
LIMITED = """
import resource, signal, sys
from pathlib import Path
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[2]), int(sys.argv[2])))
from graphs.scheduling.checkpoints import open_saver
with open_saver(Path(sys.argv[1])) as saver:
    print(saver.conn.execute("SELECT count(*) FROM checkpoints").fetchone()[0])
"""


def test_writes_refused_during_vacuum_leave_the_file_usable(tmp_path) -> None:
    path = tmp_path / "checkpoints.sqlite"
    _old_file(path)
    digest = _digest(path)
    run = subprocess.run([sys.executable, "-c", LIMITED, str(path), str(64 * 1024)],
                         capture_output=True, text=True, timeout=120,
                         cwd=Path(__file__).resolve().parents[1])
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == str(KEEP)
    assert "kept as it was" in run.stderr and "Traceback" not in run.stderr
    assert _digest(path) == digest and _facts(path) == (0, KEEP, "ok")
