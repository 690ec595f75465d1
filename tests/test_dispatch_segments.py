"""Interruptible plans on a real single-node Slurm: suspended between segments, resumed.

The plan's hours are hours of the decision clock; `SCALE` wall seconds pass per hour of it,
so a plan of a few hours plays out in seconds. The placeholder job counts its work in
half-second ticks that stop while Slurm has it suspended (SIGSTOP).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from gridwise.cli.jobs import job_detail
from gridwise.models import Quote
from gridwise.records import job_segments as js
from gridwise.records import jobs as jr
from gridwise.store import Store
from tests.dispatchkit import CLOCK, V100_JOB, dispatcher, order_onprem, slurm_of
from tools.dispatch import segments as seg
from tools.dispatch.dispatcher import cancel
from tools.dispatch.local_slurm import LocalSlurm
from tools.dispatch.recheck_bounds import ClockMap
from tools.dispatch.slurm import Slurm

SCALE = 4.0  # wall seconds per hour of the decision clock
H = timedelta(hours=1)


def _plan_order(store: Store, hours: list[int], runtime_h: float, *, ago_h: float = 0.0,
                command: str | None = None, window: str = "interruptible") -> tuple[str, Quote]:
    """An interruptible on-prem order whose plan runs in the given hours after the decision.

    The order is made `ago_h` hours of the decision clock before now (wall), so a plan can
    start in the past.
    """
    job = {**V100_JOB, "constraints": {"interruptible": True}}
    if command is not None:
        job["command"] = command
    order_id, quote = order_onprem(store, job)
    plan = quote.model_copy(update={
        "window": window, "run_hours": [CLOCK + h * H for h in hours], "runtime_h": runtime_h,
        "start": CLOCK + hours[0] * H, "finish": CLOCK + hours[-1] * H + H})
    ordered = jr.utcnow() - timedelta(seconds=ago_h * SCALE)
    store.conn.execute("UPDATE orders SET record = ?, created_at = ? WHERE id = ?",
                       [plan.model_dump_json(), ordered, order_id])
    return order_id, plan


def _clock_map(store: Store, order_id: str) -> ClockMap:
    (row,) = [r for r in jr.dispatchable(store) if r["order_id"] == order_id]
    return ClockMap(row["decided_clock"], row["ordered_at"], SCALE)


def _tick_until(store: Store, disp: Any, cond: Any, timeout_s: float = 40.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        disp.tick(store)
        if cond():
            return
        time.sleep(0.25)
    raise AssertionError(f"not reached in {timeout_s:.0f} s")


def _status(store: Store, order_id: str) -> str:
    return str(store.rows("SELECT status FROM jobs WHERE id = ?", [order_id])[0]["status"])


def _states(store: Store, order_id: str) -> list[str]:
    return [e["state"] for e in jr.events(store, order_id)]


def test_plan_of_groups_consecutive_hours_and_refuses_bad_plans():
    q = Quote.model_construct(window="interruptible",
                              run_hours=[CLOCK + h * H for h in (1, 2, 4, 7, 8)])
    plan = seg.plan_of(q)
    assert isinstance(plan, list)
    assert [(s.n, s.begin, s.end) for s in plan] == [
        (1, CLOCK + H, CLOCK + 3 * H), (2, CLOCK + 4 * H, CLOCK + 5 * H),
        (3, CLOCK + 7 * H, CLOCK + 9 * H)]
    q.run_hours = [CLOCK, CLOCK + H]
    assert seg.plan_of(q) is None                           # consecutive: a contiguous run
    q.run_hours = [CLOCK + 3 * H, CLOCK + H]
    assert seg.plan_of(q) == ("the plan's hours are out of order (2022-03-01 08:00 is listed "
                              "before 2022-03-01 06:00)")
    q.run_hours = [CLOCK, CLOCK + 2 * H, CLOCK + 2 * H]
    assert "twice (overlapping segments)" in str(seg.plan_of(q))
    q.run_hours = [CLOCK, CLOCK + timedelta(minutes=150)]
    assert "is not a whole hour" in str(seg.plan_of(q))
    q.window = "low-carbon"
    assert seg.plan_of(q) is None


@pytest.mark.slow
def test_the_job_runs_in_its_segments_suspended_between_and_skips_a_past_one(
        store, local_slurm, tmp_path):
    # made 2 h ago: segment 1 (hour 0) is over; segments 2 (hour 3) and 3 (hour 5) are ahead
    order_id, _ = _plan_order(store, [0, 3, 5], runtime_h=1.5, ago_h=2.0)
    cm = _clock_map(store, order_id)
    disp = dispatcher(local_slurm, tmp_path, time_scale=SCALE)
    disp.tick(store)
    job_id = jr.attempts(store, order_id)[0]["engine_job_id"]
    slurm = slurm_of(local_slurm)
    # Slurm's begin is the first segment not yet over (read back)
    begin = datetime.fromisoformat(slurm.show(job_id)["StartTime"])
    assert abs((begin - cm.wall(CLOCK + 3 * H)).total_seconds()) <= 1
    _tick_until(store, disp, lambda: _status(store, order_id) == "SUSPENDED")
    # in the gap after segment 2: suspended in Slurm, and `jobs show --json` says so
    assert slurm.jobs()[job_id].state == "SUSPENDED"
    assert cm.wall(CLOCK + 4 * H) <= jr.utcnow() < cm.wall(CLOCK + 5 * H)
    plan = job_detail(store, order_id)["plan"]
    assert plan["running"] is None and plan["now"].startswith(
        "suspended after segment 2 of 3; segment 3 begins at 2022-03-01 10:00")
    _tick_until(store, disp, lambda: _status(store, order_id) == "RUNNING")
    assert slurm.jobs()[job_id].state == "RUNNING"
    assert jr.utcnow() >= cm.wall(CLOCK + 5 * H)
    plan = job_detail(store, order_id)["plan"]
    assert plan["running"] == 3 and plan["now"].startswith("segment 3 of 3 running")
    _tick_until(store, disp, lambda: _status(store, order_id) == "COMPLETED")
    rows = js.segments(store, order_id)
    assert [r["state"] for r in rows] == ["skipped", "done", "done"]
    assert "over before the job ran in it" in rows[0]["detail"]
    # suspended within a pass of segment 2's end, resumed within a pass of segment 3's begin
    assert abs((rows[1]["ran_to"] - rows[1]["end_wall"]).total_seconds()) < 1.5
    assert abs((rows[2]["ran_from"] - rows[2]["begin_wall"]).total_seconds()) < 1.5
    states = _states(store, order_id)
    assert states.count("SUSPENDED") == 1 and states.count("RESUMED") == 1
    assert states.index("RUNNING") < states.index("SUSPENDED") < states.index("RESUMED") \
        < states.index("COMPLETED") and "OVERRUN" not in states
    (suspended,) = [e for e in jr.events(store, order_id) if e["state"] == "SUSPENDED"]
    assert suspended["detail"] == ("segment 2 of 3 ended at 2022-03-01 09:00 (decision clock):"
                                   " suspended until segment 3 begins at 2022-03-01 10:00")
    # Slurm ran it over the gap: its run spans the 6 s of work plus the suspended hour
    sj = slurm.jobs()[job_id]
    assert sj.end_time is not None and sj.start_time is not None
    assert (sj.end_time - sj.start_time).total_seconds() >= 6 + SCALE - 1


@pytest.mark.slow
def test_work_not_done_at_the_last_segments_end_runs_on_and_is_an_overrun(
        store, local_slurm, tmp_path):
    # 12 s of work in a plan of two 1-hour segments (8 s): suspended after the first, then
    # past the second's end it runs on, never suspended again, and finishes
    ticks = "for ((i = 0; i < 24; i++)); do sleep 0.5; done"
    order_id, _ = _plan_order(store, [1, 3], runtime_h=1.5, command=ticks)
    cm = _clock_map(store, order_id)
    disp = dispatcher(local_slurm, tmp_path, time_scale=SCALE)
    _tick_until(store, disp, lambda: "OVERRUN" in _states(store, order_id))
    job_id = jr.attempts(store, order_id)[0]["engine_job_id"]
    assert jr.utcnow() >= cm.wall(CLOCK + 4 * H)
    assert slurm_of(local_slurm).jobs()[job_id].state == "RUNNING"
    plan = job_detail(store, order_id)["plan"]
    assert plan["running"] == 2 and plan["now"].startswith("overrun: past the last segment")
    _tick_until(store, disp, lambda: _status(store, order_id) == "COMPLETED")
    states = _states(store, order_id)
    assert states.count("OVERRUN") == 1 and states.count("SUSPENDED") == 1
    (over,) = [e for e in jr.events(store, order_id) if e["state"] == "OVERRUN"]
    assert over["detail"].startswith("the plan's last segment (2 of 2) ended at "
                                     "2022-03-01 09:00 (decision clock) with the work not done")
    rows = js.segments(store, order_id)
    assert [r["state"] for r in rows] == ["done", "overrun"]
    assert rows[1]["ran_to"] > rows[1]["end_wall"] + timedelta(seconds=1)   # ran past it
    assert jr.attempts(store, order_id)[0]["exit_code"] == 0          # finished, not killed


@pytest.mark.slow
def test_a_dispatcher_killed_after_suspending_catches_up_from_slurms_state(
        store, local_slurm, tmp_path, monkeypatch):
    order_id, _ = _plan_order(store, [1, 3], runtime_h=1.5)
    cm = _clock_map(store, order_id)
    disp = dispatcher(local_slurm, tmp_path, time_scale=SCALE)
    _tick_until(store, disp, lambda: _status(store, order_id) == "RUNNING")
    job_id = jr.attempts(store, order_id)[0]["engine_job_id"]

    def killed(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt("dispatcher killed between scontrol suspend and its record")

    real = js.change
    monkeypatch.setattr(js, "change", killed)
    with pytest.raises(KeyboardInterrupt):
        _tick_until(store, disp, lambda: False)
    monkeypatch.setattr(js, "change", real)
    assert slurm_of(local_slurm).jobs()[job_id].state == "SUSPENDED"   # done in Slurm ...
    assert _status(store, order_id) == "RUNNING"                       # ... not recorded
    # down until segment 2 has begun; the restarted dispatcher records the suspension it
    # finds, then resumes the job
    while jr.utcnow() < cm.wall(CLOCK + 3 * H) + timedelta(seconds=0.5):
        time.sleep(0.2)
    fresh = dispatcher(local_slurm, tmp_path, time_scale=SCALE)
    fresh.tick(store)
    assert slurm_of(local_slurm).jobs()[job_id].state == "RUNNING"
    assert _status(store, order_id) == "RUNNING"
    assert [s for s in _states(store, order_id) if s in ("SUSPENDED", "RESUMED")] == [
        "SUSPENDED", "RESUMED"]
    assert [r["state"] for r in js.segments(store, order_id)] == ["done", "running"]
    fresh.tick(store)                                                   # nothing twice
    assert [s for s in _states(store, order_id) if s in ("SUSPENDED", "RESUMED")] == [
        "SUSPENDED", "RESUMED"]
    cancel(store, slurm_of(local_slurm), order_id)


@pytest.mark.slow
@pytest.mark.parametrize("hours", [[3, 1], [1, 3, 3]])
def test_a_plan_that_is_unordered_or_overlaps_is_rejected_before_slurm(
        store, local_slurm, tmp_path, hours):
    order_id, plan = _plan_order(store, hours, runtime_h=1.5)
    disp = dispatcher(local_slurm, tmp_path, time_scale=SCALE)
    assert disp.tick(store)["rejected"] == 1
    (a,) = jr.attempts(store, order_id)
    assert a["state"] == "REJECTED" and a["engine_job_id"] is None
    assert a["reason"].startswith("the interruptible plan cannot be followed: the plan")
    assert "To fix: quote the job again" in a["reason"]
    assert [j for j in slurm_of(local_slurm).jobs().values() if j.name == order_id] == []
    # nothing lost: the order keeps its quote and plan as given, its hold ends
    record = store.rows("SELECT record FROM orders WHERE id = ?", [order_id])[0]["record"]
    assert Quote.model_validate_json(record).run_hours == plan.run_hours
    assert store.rows("SELECT count(*) AS n FROM reservations WHERE order_id = ? AND "
                      "released_at IS NULL", [order_id])[0]["n"] == 0


# --- a Slurm of its own: world-readable (a non-root user talks to it), and restartable


@pytest.fixture(scope="module")
def own_slurm():
    why = LocalSlurm.unavailable()
    if why:
        pytest.skip(f"no local Slurm: {why}")
    root = Path(tempfile.mkdtemp(prefix="gridwise-slurm-", dir="/tmp"))
    os.chmod(root, 0o755)
    cluster = LocalSlurm(root, gres={"v10032gb": 8, "t4": 4})
    cluster.start()
    for sub in ("munge", "etc"):  # `nobody` may read the config and reach munged
        os.chmod(root / sub, 0o755)
    yield cluster
    cluster.stop()
    shutil.rmtree(root, ignore_errors=True)


class NotOperator(Slurm):
    """The cluster's own commands, `scontrol suspend` run as a user who is no operator."""

    def _run(self, args: Any, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        if list(args[:2]) == ["scontrol", "suspend"]:
            args = ["runuser", "-u", "nobody", "--", *args]
        return super()._run(args, stdin)


@pytest.mark.slow
def test_slurm_refusing_the_suspend_is_recorded_once_and_the_job_runs_on(
        store, own_slurm, tmp_path):
    order_id, _ = _plan_order(store, [1, 3], runtime_h=2.5)   # ends inside segment 2
    disp = dispatcher(own_slurm, tmp_path, time_scale=SCALE)
    disp.slurm = NotOperator(conf=own_slurm.conf)
    _tick_until(store, disp, lambda: "SUSPEND_REFUSED" in _states(store, order_id))
    job_id = jr.attempts(store, order_id)[0]["engine_job_id"]
    for _ in range(4):                                           # later passes in the gap
        disp.tick(store)
        time.sleep(0.25)
    assert Slurm(conf=own_slurm.conf).jobs()[job_id].state == "RUNNING"   # nothing lost
    (refused,) = [e for e in jr.events(store, order_id) if e["state"] == "SUSPEND_REFUSED"]
    assert "Slurm refused to suspend the job: Access/permission denied" in refused["detail"]
    assert "To fix: make the dispatcher's user a Slurm operator" in refused["detail"]
    assert js.segments(store, order_id)[0]["state"] == "refused"
    _tick_until(store, disp, lambda: _status(store, order_id) == "COMPLETED")
    assert _states(store, order_id).count("SUSPEND_REFUSED") == 1
    assert jr.attempts(store, order_id)[0]["exit_code"] == 0
