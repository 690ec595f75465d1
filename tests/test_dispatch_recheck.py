"""Hold and re-check on a real single-node Slurm: moved, released, bounded, off, crash-safe.

Each order waits for a low-carbon window chosen on the forecast made at `DECIDED`; the
actual series then departs from it (`tests.recheckkit`), and the dispatcher's hourly
re-checks (3 wall seconds per hour of the decision clock) see it and act in Slurm.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from gridwise.cli.jobs import job_detail
from gridwise.models import JobSpec
from gridwise.records import jobs as jr
from gridwise.settings import load_settings
from gridwise.store import Store
from gridwise.store_access import StoreAccess
from gridwise.store_turns import DEFAULT_WRITER_WAIT_S, queue_dir
from tests.dispatchkit import dispatcher, order_onprem, slurm_of, until
from tests.recheckkit import DECIDED, ZONE, publish, write_grid
from tools.dispatch import recheck as rc
from tools.dispatch.dispatcher import cancel
from tools.dispatch.service import run
from tools.dispatch.slurm import Slurm
from tools.forecast.signals import ForecastCache, ForecastSignals

pytestmark = pytest.mark.slow
SCALE = 3.0  # wall seconds per hour of the decision clock
ROOT = Path(__file__).resolve().parents[1]


def _order(store: Store, shock: float, deadline_h: int) -> tuple[str, Any, rc.Bounds]:
    """A deferred low-carbon order decided at DECIDED; the actual series then gets `shock`."""
    write_grid(store, shock=shock, shock_hours=(0, 6))
    job = {"kind": "train", "gpu_hours": 4, "hardware": {"gpu_type": "V100-32GB",
                                                         "gpu_count": 2},
           "constraints": {"deadline": (DECIDED + timedelta(hours=deadline_h)).isoformat()}}
    order_id, quote = order_onprem(store, job, window="low-carbon", clock=DECIDED)
    assert quote.start > DECIDED + timedelta(hours=2)       # it waits for its window
    b = rc.bounds_of(quote, JobSpec.model_validate(job), DECIDED, ZONE)
    assert isinstance(b, rc.Bounds)
    return order_id, quote, b


def _waiting(store: Store, cluster: Any, tmp_path: Any, shock: float,
             deadline_h: int) -> tuple[str, Any, rc.Bounds, Any, str]:
    """`_order`, dispatched until it waits in Slurm: (order, quote, bounds, dispatcher, job)."""
    order_id, quote, b = _order(store, shock, deadline_h)
    disp = _disp(cluster, tmp_path)
    assert until(store, disp, order_id, ("PENDING",)) == "PENDING"
    return order_id, quote, b, disp, jr.attempts(store, order_id)[0]["engine_job_id"]


def _starts_at(cluster: Any, job_id: str, cm: rc.ClockMap, start: datetime) -> bool:
    """Whether Slurm's StartTime of the job is the wall time of `start` (to the second)."""
    return abs((_slurm_start(cluster, job_id) - cm.wall(start)).total_seconds()) <= 1


def _disp(cluster: Any, tmp_path: Any, **kw: Any) -> Any:
    return dispatcher(cluster, tmp_path, time_scale=SCALE,
                      signals=ForecastSignals(cache=ForecastCache()), **kw)


def _clock_map(store: Store, order_id: str) -> rc.ClockMap:
    (row,) = [r for r in jr.dispatchable(store) if r["order_id"] == order_id]
    return rc.ClockMap(row["decided_clock"], row["ordered_at"], SCALE)


def _slurm_start(cluster: Any, job_id: str) -> datetime:
    return datetime.fromisoformat(slurm_of(cluster).show(job_id)["StartTime"])


def _until_recheck(store: Store, disp: Any, order_id: str, outcomes: tuple[str, ...],
                   timeout_s: float = 30.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        disp.tick(store)
        hits = [r for r in jr.rechecks(store, order_id) if r["outcome"] in outcomes]
        if hits:
            return hits[0]
        time.sleep(0.3)
    raise AssertionError(f"no re-check {outcomes} of {order_id}: {jr.rechecks(store, order_id)}")


def test_a_forecast_that_changes_moves_the_slurm_start_within_the_deadline(
        store, local_slurm, tmp_path):
    # dirtier hours after the decision: the start it chose (14:00) is no longer the best;
    # the deadline (18:00) bounds the move to 17:00 however dirty the rest of the day looks
    order_id, quote, b, disp, job_id = _waiting(store, local_slurm, tmp_path, 400.0, 8)
    cm = _clock_map(store, order_id)
    assert _starts_at(local_slurm, job_id, cm, quote.start)
    moved = _until_recheck(store, disp, order_id, ("moved",))
    assert moved["old_start"] == quote.start and moved["new_start"] != quote.start
    assert b.earliest <= moved["new_start"] <= b.latest == DECIDED + timedelta(hours=7)
    assert moved["made_at"] == moved["clock"].replace(minute=0, second=0, microsecond=0)
    assert moved["made_at"] > DECIDED and moved["model"] == "ridge"
    assert moved["new_value"] < moved["old_value"] and moved["unit"] == "gCO2/kWh"
    # read back from Slurm: the job's start is the new one
    assert _starts_at(local_slurm, job_id, cm, moved["new_start"])
    sj = slurm_of(local_slurm).jobs()[job_id]
    assert sj.state == "PENDING" and sj.begin_time is not None
    assert abs((sj.begin_time - cm.wall(moved["new_start"])).total_seconds()) <= 1
    # every later re-check stays within the bounds, and Slurm agrees with the last move
    for _ in range(6):
        disp.tick(store)
        time.sleep(0.4)
    checks = jr.rechecks(store, order_id)
    assert all(b.earliest <= r["new_start"] <= b.latest for r in checks)
    assert [r["clock"].hour for r in checks] == sorted({r["clock"].hour for r in checks})
    applied = [r for r in checks if r["outcome"] in ("moved", "released")]
    sj = slurm_of(local_slurm).jobs()[job_id]
    if sj.state == "PENDING":
        assert _starts_at(local_slurm, job_id, cm, applied[-1]["new_start"])
    events = [e for e in jr.events(store, order_id) if e["state"] == "RECHECK"]
    assert len(events) == len(checks) and "-> " in events[0]["detail"]
    cancel(store, slurm_of(local_slurm), order_id)


def test_a_job_whose_current_hour_becomes_best_is_released_and_counted(
        store, local_slurm, tmp_path):
    # a clean spell right after the decision: the current hour beats tomorrow's 14:00
    order_id, quote, _ = _order(store, shock=-300.0, deadline_h=30)
    assert quote.start >= DECIDED + timedelta(hours=20)
    store.close()
    settings = load_settings(db_path=tmp_path / "g.duckdb", home=tmp_path / "home",
                             slurm_conf=local_slurm.conf, dispatch_time_scale=SCALE,
                             slurm_partitions={"onprem-eu-v100": local_slurm.partition})
    totals = run(settings, interval_s=0.3, max_ticks=30)
    assert totals["released"] == 1 and totals["rechecked"] >= 1 and totals["moved"] == 0
    with Store.open(tmp_path / "g.duckdb") as s:
        (released,) = [r for r in jr.rechecks(s, order_id) if r["outcome"] == "released"]
        attempt = jr.attempts(s, order_id)[0]
        detail = job_detail(s, order_id)                 # what `jobs show --json` prints
    assert released["new_start"] == released["clock"].replace(minute=0, second=0,
                                                              microsecond=0)
    assert released["new_start"] < quote.start and released["action"] == "release"
    assert released["why"].startswith("now is the lowest forecast window")
    assert released["new_value"] < released["old_value"]
    # Slurm started it long before the quoted start's wall time
    wall_quoted = rc.ClockMap(DECIDED, detail_ordered_at(tmp_path, order_id),
                              SCALE).wall(quote.start)
    assert attempt["started_at"] is not None
    assert attempt["started_at"] < wall_quoted - timedelta(seconds=30)
    red = detail["redecided"]
    assert red["redecided"] and red["released"] and red["start"] == released["new_start"]
    assert any(e["state"] == "RECHECK" and "released" in e["detail"]
               for e in detail["events"])


def detail_ordered_at(tmp_path: Any, order_id: str) -> datetime:
    with Store.open(tmp_path / "g.duckdb", read_only=True) as s:
        return s.rows("SELECT created_at FROM orders WHERE id = ?", [order_id])[0]["created_at"]


def test_the_off_switch_keeps_the_first_decided_start(store, local_slurm, tmp_path,
                                                      monkeypatch):
    order_id, quote, _ = _order(store, shock=-300.0, deadline_h=30)
    store.close()
    monkeypatch.setenv("GRIDWISE_DISPATCH_REDECIDE", "false")
    settings = load_settings(db_path=tmp_path / "g.duckdb", home=tmp_path / "home",
                             slurm_conf=local_slurm.conf, dispatch_time_scale=SCALE,
                             slurm_partitions={"onprem-eu-v100": local_slurm.partition})
    assert settings.dispatch_redecide is False
    totals = run(settings, interval_s=0.3, max_ticks=25)        # > 2 h of the clock
    assert totals["rechecked"] == totals["released"] == totals["moved"] == 0
    with Store.open(tmp_path / "g.duckdb") as s:
        assert jr.rechecks(s, order_id) == []
        job_id = jr.attempts(s, order_id)[0]["engine_job_id"]
        assert _starts_at(local_slurm, job_id, _clock_map(s, order_id), quote.start)
        cancel(s, slurm_of(local_slurm), order_id)


def test_a_forecast_that_cannot_be_made_keeps_the_start_and_says_why(
        store, local_slurm, tmp_path):
    order_id, quote, _, disp, job_id = _waiting(store, local_slurm, tmp_path, 400.0, 8)
    store.conn.execute("DELETE FROM carbon_intensity WHERE zone = ? AND ts >= ?",
                       [ZONE, DECIDED - timedelta(hours=3)])      # a gap up to the clock
    publish(store)                                # ... in the reference file re-checks read
    kept = _until_recheck(store, disp, order_id, ("no_forecast",))
    assert kept["new_start"] == kept["old_start"] == quote.start and kept["made_at"] is None
    assert "no forecast at the clock" in kept["why"] and "gap" in kept["why"]
    assert _starts_at(local_slurm, job_id, _clock_map(store, order_id), quote.start)
    cancel(store, slurm_of(local_slurm), order_id)


def test_a_job_gone_from_the_queue_meanwhile_is_recorded_not_raised(
        store, local_slurm, tmp_path):
    order_id, quote, _, _, job_id = _waiting(store, local_slurm, tmp_path, 400.0, 8)
    stale = slurm_of(local_slurm).jobs()[job_id]                 # what the pass saw ...
    slurm_of(local_slurm).cancel(job_id)                          # ... then the job ended
    (row,) = [r for r in jr.dispatchable(store) if r["order_id"] == order_id]
    time.sleep(SCALE * 1.2)                                       # an hour of the clock
    done = dict.fromkeys(("rechecked", "moved", "released"), 0)
    checker = rc.Rechecker(slurm_of(local_slurm), ForecastSignals(cache=ForecastCache()),
                           SCALE)
    read = checker.read(store, [order_id])                      # the pass's steps
    due = checker.due(row, 1, stale, quote, JobSpec.model_validate_json(row["spec"]),
                      read.last.get((order_id, 1)), read)
    assert due is not None
    (ask,) = checker.record(store, checker.forecast(StoreAccess.of(store), [due]), done)
    checker.outcome(store, [(ask, checker.ask(ask))], done)
    (gone,) = jr.rechecks(store, order_id)
    assert gone["action"] == "move" and gone["outcome"] == "started"
    assert gone["detail"].startswith("Slurm: ") and done == {"rechecked": 1, "moved": 0,
                                                             "released": 0}
    assert "started" in jr.events(store, order_id)[-1]["detail"]


@pytest.mark.parametrize("crash", ["before_scontrol", "after_scontrol"])
def test_a_dispatcher_killed_mid_recheck_leaves_the_next_pass_consistent(
        store, local_slurm, tmp_path, monkeypatch, crash):
    order_id, quote, b, disp, job_id = _waiting(store, local_slurm, tmp_path, 400.0, 8)

    def killed(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt("dispatcher killed mid re-check")

    real_set = Slurm.set_begin
    if crash == "before_scontrol":
        monkeypatch.setattr(Slurm, "set_begin", killed)
    else:
        monkeypatch.setattr(jr, "rechecks_done", killed)
    deadline = time.monotonic() + 20
    with pytest.raises(KeyboardInterrupt):
        while time.monotonic() < deadline:
            disp.tick(store)
            time.sleep(0.3)
    (pending,) = jr.rechecks(store, order_id)
    assert pending["outcome"] == "pending" and pending["action"] == "move"
    cm = _clock_map(store, order_id)
    in_slurm = _slurm_start(local_slurm, job_id)
    moved_in_slurm = abs((in_slurm - pending["engine_begin"]).total_seconds()) <= 1
    assert moved_in_slurm is (crash == "after_scontrol")
    monkeypatch.undo()
    assert Slurm.set_begin is real_set
    fresh = _disp(local_slurm, tmp_path)                          # the restarted dispatcher
    fresh.tick(store)
    checks = jr.rechecks(store, order_id)
    assert checks[0]["outcome"] == ("moved" if moved_in_slurm else "not_applied")
    assert all(r["outcome"] != "pending" for r in checks)
    if not moved_in_slurm:  # the hour is re-checked again, and this time applied
        assert checks[1]["outcome"] == "moved" and checks[1]["clock"] >= checks[0]["clock"]
    last = [r for r in checks if r["outcome"] == "moved"][-1]
    assert _starts_at(local_slurm, job_id, cm, last["new_start"])
    assert last["new_start"] <= b.latest
    cancel(store, slurm_of(local_slurm), order_id)


# A writer in another process (an `ask --yes`, a `quote --save`): once the dispatcher's
# re-check forecasts, it takes the state file, writes, and notes how long that took.
WRITER = """
import sys, time
from pathlib import Path
from gridwise.store import Store
db, flags = sys.argv[1], Path(sys.argv[2])
end = time.monotonic() + 120
while not (flags / "forecasting").exists() and time.monotonic() < end:
    time.sleep(0.01)
t0 = time.monotonic()
with Store.open(db, migrate=False, wait_s=120) as s:
    s.conn.execute("CREATE TABLE probe AS SELECT 1 AS x")
(flags / "written").write_text(f"{time.monotonic() - t0:.3f}")
"""


def _my_tickets(db: Path) -> list[str]:
    """This process's tickets in the state file's queue (it has, or waits for, the file)."""
    folder, mine = queue_dir(str(db)), []
    for name in sorted(os.listdir(folder)) if folder.exists() else []:
        try:
            if name[:1].isdigit() and f"pid {os.getpid()}," in (folder / name).read_text():
                mine.append(name)
        except OSError:  # given back meanwhile
            pass
    return mine


def test_a_writer_gets_the_state_file_while_a_recheck_forecasts(store, local_slurm, tmp_path,
                                                                monkeypatch):
    """The service's pass forecasts on the reference file, holding no turn at the state
    file: a writer in another process gets in at once (before, it waited for the pass)."""
    order_id, _, b = _order(store, shock=400.0, deadline_h=8)
    store.close()
    db, flags = tmp_path / "g.duckdb", tmp_path / "flags"
    flags.mkdir()
    real = ForecastSignals.signals

    def forecast_then_wait_for_the_writer(self: Any, *args: Any, **kwargs: Any) -> Any:
        out = real(self, *args, **kwargs)  # the real forecast; then, the first time, the
        if not (flags / "forecasting").exists():  # pass waits (up to 20 s) for the writer
            (flags / "forecasting").write_text(" ".join(_my_tickets(db)))
            end = time.monotonic() + 20
            while not (flags / "written").exists() and time.monotonic() < end:
                time.sleep(0.02)
            (flags / "during").write_text("yes" if (flags / "written").exists() else "no")
        return out

    monkeypatch.setattr(ForecastSignals, "signals", forecast_then_wait_for_the_writer)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRIDWISE_")}
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(flags)], env=env,
                              cwd=ROOT, stderr=subprocess.PIPE, text=True)
    settings = load_settings(db_path=db, home=tmp_path / "home",
                             slurm_conf=local_slurm.conf, dispatch_time_scale=SCALE,
                             slurm_partitions={"onprem-eu-v100": local_slurm.partition})
    try:
        totals = run(settings, interval_s=0.3, max_ticks=20)
    finally:
        (flags / "forecasting").touch()  # a writer still waiting for the flag goes on
        _, w_err = writer.communicate(timeout=150)
    assert writer.returncode == 0, w_err
    # the writer got the file while the re-check forecast, within the writers' wait bound
    assert (flags / "during").read_text() == "yes"
    assert float((flags / "written").read_text()) < DEFAULT_WRITER_WAIT_S
    # ... for the pass had no turn at it (neither held nor waited for) while forecasting
    assert totals["rechecked"] >= 1 and (flags / "forecasting").read_text() == ""
    with Store.open(db) as s:
        assert s.rows("SELECT x FROM probe") == [{"x": 1}]
        checks = jr.rechecks(s, order_id)
        assert checks and checks[0]["model"] == "ridge"   # recorded after the forecast
        assert all(b.earliest <= r["new_start"] <= b.latest for r in checks)
        cancel(s, slurm_of(local_slurm), order_id)
