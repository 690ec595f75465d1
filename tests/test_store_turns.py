"""Reads get in under load: turns at the state file (gridwise.store_turns), real processes.

Before the queue, every process retried DuckDB's lock on its own backoff and whoever
retried at the right moment won: among ten writers a read with a 2 s wait failed 2 of 5
times and one writer got 2 uses while another got 19 (measured with main's code).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from gridwise.errors import StoreLockedError
from gridwise.store import Store
from gridwise.store_turns import queue_dir

# A writer: from `start` (epoch seconds) until the file `stop` exists (or `end`) take the
# file, add a row, hold it `hold` s, give it back; print how many uses it had.
WRITER = """
import os, sys, time
from gridwise.store import Store
db, start, end, hold, name = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), \
    float(sys.argv[4]), sys.argv[5]
stop = db + ".stop"
time.sleep(max(0.0, start - time.time()))
n = 0
while time.time() < end and not os.path.exists(stop):
    with Store.open(db, migrate=False, wait_s=60) as s:
        s.conn.execute("INSERT INTO hammer VALUES (?)", [name])
        time.sleep(hold)
    n += 1
print(n, flush=True)
"""

# A holder: takes the file (through the queue) and keeps it until told on stdin.
HOLDER = """
import sys
from gridwise.store import Store
with Store.open(sys.argv[1], migrate=False) as s:
    s.conn.execute("SELECT 1")
    print("held", flush=True)
    sys.stdin.readline()
    if len(sys.argv) > 2:
        s.conn.execute("INSERT INTO hammer VALUES (?)", [sys.argv[2]])
"""


def _home(tmp_path: Path) -> str:
    db = str(tmp_path / "gridwise.duckdb")
    with Store.open(db) as s:
        s.conn.execute("CREATE TABLE hammer (name VARCHAR)")
    return db


def _env(tmp_path: Path, db: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRIDWISE_")}
    return env | {"GRIDWISE_HOME": str(tmp_path), "GRIDWISE_DB_PATH": db, **extra}


def _tickets(db: str) -> list[str]:
    return sorted(n for n in os.listdir(queue_dir(db)) if n[:1].isdigit())


def _holder(db: str, *args: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, db, *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def _until(check, timeout: float = 60.0) -> None:
    end = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.02)


@pytest.mark.slow
def test_reads_get_in_and_writers_take_turns_under_many_writers(tmp_path):
    db = _home(tmp_path)
    start = time.time() + 4.0   # every writer has started (imports) by then
    end = start + 300.0         # a cap only: they stop when told, after the reads
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, db, str(start), str(end), "0.1",
                                 f"w{i}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True) for i in range(8)]
    try:
        time.sleep(max(0.0, start + 1.0 - time.time()))
        _until(lambda: len(_tickets(db)) >= 4, 120)   # the writers are queueing
        waits = []
        for _ in range(3):   # in this process, with a wait a few writer uses long
            t0 = time.monotonic()
            with Store.open(db, read_only=True, wait_s=3) as s:
                s.conn.execute("SELECT count(*) FROM hammer").fetchone()
            waits.append(time.monotonic() - t0)
        cli = subprocess.run([sys.executable, "-m", "gridwise", "decisions", "list", "--json"],
                             env=_env(tmp_path, db, GRIDWISE_DB_WAIT_S="3"),
                             capture_output=True, text=True, timeout=120)
        assert time.time() < end, "the reads were not made while the writers ran"
        assert cli.returncode == 0, cli.stderr
        assert "Traceback" not in cli.stderr
    finally:
        Path(db + ".stop").touch()
        uses = [int(w.communicate(timeout=120)[0].split()[-1]) for w in writers]
    assert all(w.returncode == 0 for w in writers)
    # first come, first served: every writer had about as many uses as every other
    assert min(uses) >= max(uses) // 2, uses
    assert _tickets(db) == []


def test_a_waiting_reader_goes_before_waiting_writers(tmp_path):
    db = _home(tmp_path)
    holder = _holder(db, "holder")
    writer = subprocess.Popen([sys.executable, "-c", HOLDER, db, "writer"],  # one use
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, text=True)
    try:
        _until(lambda: len(_tickets(db)) == 2)   # the writer is waiting
        seen: list[list[str]] = []

        def read() -> None:
            with Store.open(db, read_only=True, wait_s=60) as s:
                seen.append([r[0] for r in s.conn.execute("SELECT name FROM hammer")
                             .fetchall()])

        reader = threading.Thread(target=read)
        reader.start()
        _until(lambda: len(_tickets(db)) == 3)   # and the reader, after it
        assert holder.stdin is not None
        holder.stdin.write("go\n")
        holder.stdin.flush()
        reader.join(timeout=60)
        assert seen == [["holder"]]   # admitted before the writer that waited longer
    finally:
        holder.wait(timeout=60)
        writer.wait(timeout=60)
    with Store.open(db, read_only=True) as s:
        assert sorted(r[0] for r in s.conn.execute("SELECT name FROM hammer").fetchall()) == [
            "holder", "writer"]


def test_a_killed_holder_never_blocks_the_queue(tmp_path):
    db = _home(tmp_path)
    holder = _holder(db)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=30)
    assert len(_tickets(db)) == 1   # its ticket is left behind, unlocked
    t0 = time.monotonic()
    with Store.open(db, wait_s=10) as s:
        s.conn.execute("INSERT INTO hammer VALUES ('after')")
    assert time.monotonic() - t0 < 5
    assert _tickets(db) == []


def test_giving_up_names_the_holder_and_the_setting(tmp_path):
    db = _home(tmp_path)
    holder = _holder(db)
    try:
        for command in (["decisions", "list"], ["data", "info"], ["jobs", "list"]):
            cli = subprocess.run([sys.executable, "-m", "gridwise", *command],
                                 env=_env(tmp_path, db, GRIDWISE_DB_WAIT_S="1"),
                                 capture_output=True, text=True, timeout=120)
            assert cli.returncode == 2, (command, cli.stderr)
            assert "Traceback" not in cli.stderr
            assert f"pid {holder.pid}" in cli.stderr and "has had it for" in cli.stderr
            assert "GRIDWISE_DB_WAIT_S" in cli.stderr and "waited 1 s" in cli.stderr
        with pytest.raises(StoreLockedError, match="waited 0 s|locked by another process"):
            Store.open(db, read_only=True, wait_s=0.2).close()
        assert len(_tickets(db)) == 1   # the ones that gave up withdrew their tickets
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=60)


def test_threads_of_one_process_share_its_turn(tmp_path):
    db = _home(tmp_path)
    with Store.open(db, migrate=False) as a, Store.open(db, migrate=False, wait_s=1) as b:
        a.conn.execute("INSERT INTO hammer VALUES ('a')")
        b.conn.execute("INSERT INTO hammer VALUES ('b')")
        assert len(_tickets(db)) == 1
    assert _tickets(db) == []
