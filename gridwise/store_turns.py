"""Turns at the state file: a fair, crash-safe queue in front of DuckDB's own lock.

DuckDB lets one process open a file for writing at a time and refuses the others at once;
whoever retries at the right moment wins, so under many writers a process can wait for
ever (measured: a `decisions list` among 50 asks gave up after 120 s). Every open of a
database file therefore first takes a *turn* here, and the turn is given back when the
store is closed:

- A turn is a ticket file in `<db>.queue/`, numbered from a counter (taken under a
  short `flock`), held with an exclusive `flock` for as long as the process has the file,
  and renamed into place only once locked, so a live ticket is never seen unlocked.
- Writers are served in ticket order (first come, first served). Readers (read-only
  opens: `decisions list`, `report`, `data info`, ...) go before waiting writers: a
  reader waits only for the use in progress and for earlier readers, so it is admitted
  at the next release whatever the number of writers.
- ... but not for ever: a reader that arrives when the oldest waiting writer has waited
  longer than `GRIDWISE_DB_WRITER_WAIT_S` (3 s) queues behind that writer (its ticket
  says `behind N`), so a steady stream of reads delays a writer by at most that bound
  plus the reads that arrived within it. Each reader's `behind` is fixed when it draws
  its ticket and never lower than an earlier reader's, and writers read it from the
  ticket, so every process agrees who waits for whom (no cycle) whatever its setting.
- A waiter blocks on its predecessor's lock (no polling), so it wakes at once when that
  process closes the file or dies: the kernel drops a dead process's locks, and the
  first waiter to find a ticket unlocked removes it. A `kill -9` never blocks the queue.
- The wait is bounded (`wait_s`, `GRIDWISE_DB_WAIT_S`); on giving up the error names
  the process that holds the file, what it runs and for how long.

DuckDB's lock stays the guarantee of exclusive use: the queue only decides who tries
next (a process that does not use it, such as the `duckdb` shell, is still waited for).
A folder where the queue cannot be made (read-only) falls back to DuckDB's lock alone.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

READER, WRITER = "r", "w"

#: Seconds the oldest waiting writer may wait before new readers queue behind it.
DEFAULT_WRITER_WAIT_S = 3.0


def writer_wait_s() -> float:
    """`GRIDWISE_DB_WRITER_WAIT_S` (validated by `Settings`; a bad value: the default)."""
    try:
        value = float(os.environ.get("GRIDWISE_DB_WRITER_WAIT_S", DEFAULT_WRITER_WAIT_S))
    except ValueError:
        return DEFAULT_WRITER_WAIT_S
    return value if value >= 0 else DEFAULT_WRITER_WAIT_S


def queue_dir(db_file: str) -> Path:
    """The folder holding the tickets of the database file `db_file` (beside it)."""
    return Path(f"{db_file}.queue")


@dataclass
class _Held:
    """A process's turn at one file, shared by its threads (DuckDB shares the file)."""

    fd: int
    path: Path
    users: int = 1


@dataclass
class _PerFile:
    lock: threading.Lock = field(default_factory=threading.Lock)
    held: _Held | None = None


_files: dict[str, _PerFile] = {}
_files_guard = threading.Lock()


def _per_file(db_file: str) -> _PerFile:
    with _files_guard:
        return _files.setdefault(os.path.abspath(db_file), _PerFile())


class TurnTimeout(Exception):
    """No turn within the wait; `holder` says who had the file (may be '')."""

    def __init__(self, holder: str, ahead: int) -> None:
        super().__init__(holder)
        self.holder, self.ahead = holder, ahead


class Turn:
    """A turn at one database file; `release()` gives it back (idempotent)."""

    def __init__(self, db_file: str, held: _Held | None) -> None:
        self._state = _per_file(db_file)
        self._held = held
        self.waited_s = 0.0

    def release(self) -> None:
        """Give the turn back: the next waiter is admitted at once."""
        held, self._held = self._held, None
        if held is None:
            return
        with self._state.lock:
            held.users -= 1
            if held.users > 0:
                return
            self._state.held = None
            _drop(held.fd, held.path)


def _drop(fd: int, path: Path) -> None:
    """Remove one's own ticket: unlink first, so a waiter that gets the lock finds it gone."""
    with contextlib.suppress(OSError):
        path.unlink()
    os.close(fd)


def take(db_file: str, read_only: bool, wait_s: float) -> Turn:
    """Wait for this process's turn at `db_file` (shared with its threads that have one).

    Raises:
        TurnTimeout: not admitted within `wait_s` seconds (the ticket is withdrawn).
    """
    state = _per_file(db_file)
    deadline = time.monotonic() + max(0.0, wait_s)
    if not state.lock.acquire(timeout=max(0.0, wait_s)):
        raise TurnTimeout(_holder(queue_dir(db_file)), 0)
    try:
        if state.held is not None:  # another thread of this process has the file
            state.held.users += 1
            return Turn(db_file, state.held)
        try:
            fd, path = _ticket(queue_dir(db_file), READER if read_only else WRITER)
        except OSError:  # no queue possible here: DuckDB's own lock alone
            return Turn(db_file, None)
        t0 = time.monotonic()
        try:
            _wait_for_predecessors(path, deadline, db_file)
        except BaseException:
            _drop(fd, path)
            raise
        state.held = _Held(fd, path)
        with contextlib.suppress(OSError):
            os.pwrite(fd, f"admitted {time.time():.3f}".ljust(40).encode(), 0)  # line 1
        turn = Turn(db_file, state.held)
        turn.waited_s = time.monotonic() - t0
        return turn
    finally:
        state.lock.release()


def _ticket(folder: Path, kind: str) -> tuple[int, Path]:
    """Draw the next number and put a locked ticket file under it; (fd, path)."""
    folder.mkdir(exist_ok=True)
    counter = os.open(folder / "counter", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(counter, fcntl.LOCK_EX)
        raw = os.pread(counter, 32, 0).strip()
        number = int(raw) + 1 if raw.isdigit() else 1
        os.pwrite(counter, f"{number:<20d}\n".encode(), 0)
        queued = time.time()
        behind = _behind_for_reader(folder, queued) if kind == READER else 0
        tmp = folder / f".{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp"
        fd = os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        fcntl.flock(fd, fcntl.LOCK_EX)
        cmd = " ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(sys.argv))
        os.pwrite(fd, f"{' ' * 40}\nqueued {queued:.6f} behind {behind}\n"
                      f"pid {os.getpid()}, `{cmd[:120]}`\n".encode(), 0)
        path = folder / f"{number:012d}{kind}"
        os.replace(tmp, path)  # visible only once locked
        return fd, path
    finally:
        os.close(counter)  # also drops the counter's lock


def _tickets(folder: Path) -> list[tuple[int, str, Path]]:
    out = []
    with contextlib.suppress(OSError):
        for name in os.listdir(folder):
            if len(name) == 13 and name[:12].isdigit() and name[12] in (READER, WRITER):
                out.append((int(name[:12]), name[12], folder / name))
    return sorted(out)


def _ahead(mine: Path) -> list[Path]:
    """The tickets `mine` waits for.

    Writers wait for every earlier ticket and for every reader not queued behind them
    (`behind` below their number) or already in; readers for earlier readers, the use in
    progress and the writers they queued behind.
    """
    number, kind = int(mine.name[:12]), mine.name[12]
    tickets = [t for t in _tickets(mine.parent) if t[2] != mine]
    if kind == WRITER:
        return [p for n, k, p in tickets if n < number or (
            k == READER and (_read(p)[2] < number or _admitted(p)))]
    behind = _read(mine)[2]
    return [p for n, k, p in tickets if (k == READER and n < number) or (
        k == WRITER and (n <= behind or _admitted(p)))]


def _read(path: Path) -> tuple[bool, float, int]:
    """A ticket's (admitted, queued at, behind); an unreadable one: (False, its mtime, 0)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(256).decode(errors="replace").split("\n")
        fields = head[1].split() if len(head) > 1 else []
        if len(fields) == 4 and fields[0] == "queued" and fields[2] == "behind":
            return head[0].startswith("admitted"), float(fields[1]), int(fields[3])
        return head[0].startswith("admitted"), os.stat(path).st_mtime, 0
    except (OSError, ValueError):
        return False, time.time(), 0


def _admitted(path: Path) -> bool:
    return _read(path)[0]


def _behind_for_reader(folder: Path, now: float) -> int:
    """The writer a new reader queues behind (0: none), under the counter's lock.

    The oldest waiting writer, once it has waited longer than `writer_wait_s()`; never
    lower than what an earlier reader still queued is behind (readers keep their order).
    """
    bound, behind = writer_wait_s(), 0
    oldest = True
    for n, k, p in _tickets(folder):
        admitted, queued, earlier = _read(p)
        if k == READER:
            behind = max(behind, earlier)
        elif oldest and not admitted:
            oldest = False
            if now - queued > bound:
                behind = max(behind, n)
    return behind


_said: set[str] = set()  # files whose wait this process has announced


def _wait_for_predecessors(mine: Path, deadline: float, db_file: str) -> None:
    while True:
        ahead = _ahead(mine)
        if not ahead:
            return
        if db_file not in _said:
            who = _holder(mine.parent) or "another gridwise process has it"
            print(f"waiting for {db_file} ({who}; {len(ahead)} ahead of this process; up to "
                  f"{max(0.0, deadline - time.monotonic()):.0f} s, GRIDWISE_DB_WAIT_S)",
                  file=sys.stderr, flush=True)
            _said.add(db_file)
        if not _wait_gone(ahead[-1], deadline):
            raise TurnTimeout(_holder(mine.parent), len(ahead))


def _wait_gone(path: Path, deadline: float) -> bool:
    """Block until the ticket at `path` is released (or its process died); False: timed out.

    A helper thread blocks in `flock` (a shared lock, compatible with other waiters) so
    the wait ends at the release itself; on a timeout it is left to end with that release.
    """
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return True
    ino = os.fstat(fd).st_ino
    done = threading.Event()

    def block() -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)
        finally:
            os.close(fd)
            done.set()

    threading.Thread(target=block, daemon=True, name="gridwise-turn").start()
    if not done.wait(max(0.0, deadline - time.monotonic())):
        return False
    with contextlib.suppress(OSError):  # still there: its process died without removing it
        if os.stat(path).st_ino == ino:
            path.unlink()
    return True


def _holder(folder: Path) -> str:
    """Who has the file: "pid N, `command`, has had it for S s" ('' if nobody admitted)."""
    for _, _, path in _tickets(folder):
        try:
            text = path.read_text(errors="replace")
        except OSError:
            continue
        head, _, rest = text.partition("\n")
        if head.startswith("admitted"):
            since = time.time() - float(head.split()[1])
            who = [line for line in rest.splitlines() if line.startswith("pid ")]
            return f"{who[0] if who else rest.strip()}, has had it for {since:.0f} s"
    return ""


def _forget_in_child() -> None:  # a forked child holds no turn of its parent's
    _files.clear()


os.register_at_fork(after_in_child=_forget_in_child)
