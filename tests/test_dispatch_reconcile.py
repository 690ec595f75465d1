"""The reconcile pass holds the state file only to read and write, on a real Slurm.

The dispatcher runs as the service does, on a `StoreAccess` over the store's file: each
use of the state file is recorded, and so is every Slurm command with whether the file
was held then. What is checked: Slurm is never asked while the pass holds the file; a
dispatcher killed between recording an attempt SUBMITTING and sbatch (or just after
sbatch) submits it exactly once; an operator's cancel made while the pass asks Slurm is
not written over; and a pass's writes are one transaction for all its orders.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from gridwise.records import jobs as jr
from gridwise.store import Store
from gridwise.store_access import StoreAccess
from tests.dispatchkit import copies, dispatcher, order_onprem, slurm_jobs_named, slurm_of
from tools.dispatch import dispatcher as dp
from tools.dispatch.dispatcher import Dispatcher, cancel
from tools.dispatch.slurm import Slurm

pytestmark = pytest.mark.slow
RECONCILE_PY = str(Path(dp.__file__).with_name("reconcile.py"))  # the pass's steps


class WatchedAccess(StoreAccess):
    """A `StoreAccess` that knows whether its state file is held right now."""

    holding = False

    @contextmanager
    def state(self, read_only: bool = False, migrate: bool = False) -> Iterator[Store]:
        """The state file, held (and marked so) for one use."""
        with super().state(read_only, migrate) as store:
            self.holding = True
            try:
                yield store
            finally:
                self.holding = False


@dataclass(frozen=True)
class WatchedSlurm(Slurm):
    """Slurm whose every command is logged with whether the pass held the state file;
    `meanwhile[name]` runs once, just before the next call of method `name`."""

    access: WatchedAccess | None = None
    calls: list[tuple[str, bool]] = field(default_factory=list)
    meanwhile: dict[str, Callable[[], None]] = field(default_factory=dict)

    def _run(self, args: Any, stdin: str | None = None) -> Any:
        assert self.access is not None
        self.calls.append((args[0], self.access.holding))
        return super()._run(args, stdin)

    def _hook(self, name: str) -> None:
        if name in self.meanwhile:
            self.meanwhile.pop(name)()

    def submit(self, *args: Any, **kw: Any) -> str:
        """sbatch (between the hooks)."""
        self._hook("submit")
        job_id = super().submit(*args, **kw)
        self._hook("submitted")
        return job_id

    def gpu_indices(self, job_id: str) -> dict[str, list[int]]:
        """scontrol's GPUs of a running job (after the hook)."""
        self._hook("gpu_indices")
        return super().gpu_indices(job_id)


def _service(store: Store, cluster: Any, tmp_path: Path,
             **kw: Any) -> tuple[WatchedAccess, WatchedSlurm, Dispatcher]:
    """The store's file as the dispatcher service reaches it (the fixture's handle closed)."""
    store.close()
    access = WatchedAccess(store.path, wait_s=2.0)
    slurm = WatchedSlurm(conf=cluster.conf, access=access)
    opts: dict[str, Any] = {"partitions": {"onprem-eu-v100": cluster.partition},
                            "max_retries": 1, "time_scale": 2.0, "log_dir": tmp_path,
                            "redecide": False} | kw
    return access, slurm, Dispatcher(slurm=slurm, **opts)


def _status(access: StoreAccess, order_id: str) -> str | None:
    with access.state() as s:
        rows = s.rows("SELECT status FROM jobs WHERE id = ?", [order_id])
    return rows[0]["status"] if rows else None


def _until(access: StoreAccess, disp: Dispatcher, done: Callable[[], bool],
           timeout_s: float = 40.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not done():
        assert time.monotonic() < deadline, "the pass did not get there"
        disp.tick(access)
        time.sleep(0.3)


def test_slurm_is_never_asked_while_the_pass_holds_the_state_file(
        store, local_slurm, tmp_path):
    order_id, _ = order_onprem(store)
    access, slurm, disp = _service(store, local_slurm, tmp_path)
    _until(access, disp, lambda: _status(access, order_id) == "COMPLETED")
    asked = Counter(cmd for cmd, _ in slurm.calls)
    assert asked["sbatch"] == 1 and asked["squeue"] >= 2      # it did ask Slurm ...
    assert [c for c in slurm.calls if c[1]] == []              # ... never with the file held
    assert access.opens >= 3                                   # read, write, outcome uses


@pytest.mark.parametrize("when", ["before sbatch", "after sbatch"])
def test_a_crash_around_sbatch_submits_the_attempt_exactly_once(
        store, local_slurm, tmp_path, when):
    order_id, _ = order_onprem(store)
    access, slurm, disp = _service(store, local_slurm, tmp_path)
    other = StoreAccess(store.path, wait_s=2.0)   # another process's view, meanwhile
    seen: dict[str, Any] = {}

    def killed() -> None:
        seen["held"] = access.holding
        with other.state(read_only=True) as s:     # committed before sbatch, file free
            seen["state"] = jr.attempts(s, order_id)[0]["state"]
        raise KeyboardInterrupt(f"dispatcher killed {when}")

    slurm.meanwhile["submit" if when == "before sbatch" else "submitted"] = killed
    with pytest.raises(KeyboardInterrupt):
        disp.tick(access)
    assert seen == {"held": False, "state": "SUBMITTING"}
    assert len(slurm_jobs_named(local_slurm, order_id)) == (when == "after sbatch")
    _, _, fresh = _service(store, local_slurm, tmp_path)      # the restarted dispatcher
    _until(access, fresh, lambda: _status(access, order_id) == "COMPLETED")
    assert len(slurm_jobs_named(local_slurm, order_id)) == 1   # never submitted twice
    with access.state() as s:
        (attempt,) = jr.attempts(s, order_id)
        detail = [e["detail"] for e in jr.events(s, order_id) if e["state"] == "SUBMITTED"]
    assert attempt["state"] == "COMPLETED"
    assert detail[0].startswith("adopted Slurm job" if when == "after sbatch" else "sbatch job")


def test_an_operator_cancel_while_the_pass_asks_slurm_is_not_written_over(
        store, local_slurm, tmp_path):
    order_id, _ = order_onprem(store)
    access, slurm, disp = _service(store, local_slurm, tmp_path, time_scale=30.0)
    operator = StoreAccess(store.path, wait_s=2.0)
    said: list[str] = []

    def operator_cancels() -> None:    # `gridwise jobs cancel`, while scontrol runs
        with operator.state() as s:
            said.append(cancel(s, slurm_of(local_slurm), order_id))

    slurm.meanwhile["gpu_indices"] = operator_cancels   # asked once the job runs
    _until(access, disp, lambda: bool(said))
    assert said[0].startswith(f"cancelled {order_id}")

    def recorded() -> tuple[Any, ...]:
        with access.state() as s:
            (attempt,) = jr.attempts(s, order_id)
            held = s.rows("SELECT count(*) AS n FROM reservations WHERE order_id = ? AND "
                          "released_at IS NULL", [order_id])[0]["n"]
            return (attempt["state"], jr.events(s, order_id)[-1]["state"], held,
                    s.rows("SELECT status FROM jobs WHERE id = ?", [order_id])[0]["status"])

    # the racing pass wrote nothing of what it had read (RUNNING) over the cancel
    assert recorded() == ("CANCELLED", "CANCELLED", 0, "CANCELLED")
    assert disp.tick(access)["changed"] == 0                # a later pass: nothing to do
    assert recorded() == ("CANCELLED", "CANCELLED", 0, "CANCELLED")
    (sj,) = slurm_jobs_named(local_slurm, order_id)
    assert sj.state == "CANCELLED"


def _outer_transactions(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Count each outermost store transaction by the reconcile step (else 'other')."""
    counts: Counter[str] = Counter()
    real = Store.transaction

    def counted(self: Store) -> Any:
        if not getattr(self, "in_transaction", False):  # (main: no nesting)
            frame = sys._getframe(1)
            name = "other"
            while frame is not None:
                if frame.f_code.co_filename == RECONCILE_PY:
                    name = frame.f_code.co_name
                    break
                if frame.f_code.co_name == "heartbeat":
                    name = "heartbeat"
                frame = frame.f_back  # type: ignore[assignment]
            counts[name] += 1
        return real(self)

    monkeypatch.setattr(Store, "transaction", counted)
    return counts


def test_a_pass_writes_every_orders_records_in_one_transaction(
        store, local_slurm, tmp_path, monkeypatch):
    first, _ = order_onprem(store)
    jr.release_hold(store, first)
    ids = [first, *copies(store, first, 2)]
    disp = dispatcher(local_slurm, tmp_path, redecide=False)
    counts = _outer_transactions(monkeypatch)
    done = disp.tick(store)                       # three attempts written, three sbatch
    assert done["submitted"] == 3
    assert counts == {"read_pass": 1, "write_pass": 1, "record_outcomes": 1,
                      "heartbeat": counts["heartbeat"]}
    deadline = time.monotonic() + 40
    while True:                                   # every later pass: at most one each
        counts.clear()
        done = disp.tick(store)
        assert counts["other"] == 0 and counts["read_pass"] == 1
        assert counts["write_pass"] <= 1 and counts["record_outcomes"] <= 1
        if all(store.rows("SELECT status FROM jobs WHERE id = ?", [o])[0]["status"]
               == "COMPLETED" for o in ids):
            break
        assert time.monotonic() < deadline
        time.sleep(0.3)
    assert all(len(slurm_jobs_named(local_slurm, o)) == 1 for o in ids)


def test_a_job_submitted_for_an_order_cancelled_during_sbatch_is_cancelled_too(
        store, local_slurm, tmp_path):
    order_id, _ = order_onprem(store)
    access, slurm, disp = _service(store, local_slurm, tmp_path)
    operator = StoreAccess(store.path, wait_s=2.0)

    def operator_cancels() -> None:    # after the intent is committed, before sbatch
        with operator.state() as s:
            cancel(s, slurm_of(local_slurm), order_id)

    slurm.meanwhile["submit"] = operator_cancels
    assert disp.tick(access)["submitted"] == 0               # not recorded as submitted
    with access.state() as s:
        (attempt,) = jr.attempts(s, order_id)
    assert attempt["state"] == "CANCELLED" and attempt["engine_job_id"] is None
    assert _status(access, order_id) == "CANCELLED"
    (sj,) = slurm_jobs_named(local_slurm, order_id)           # sbatch went through ...
    assert sj.state == "CANCELLED"                            # ... and was cancelled after
