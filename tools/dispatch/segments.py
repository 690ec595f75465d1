"""Interruptible plans on Slurm: run in the plan's segments, suspended in between.

An interruptible quote may choose separate low-carbon hours (`Quote.run_hours`, window
"interruptible"); consecutive hours form a segment. The dispatcher submits the job with
`--begin` at the first segment still ahead and, on every pass, compares where the plan is
(the wall clock, through the order's `ClockMap`) with the job's state in Slurm:

* running after a segment's end, before the next one's begin: `scontrol suspend`;
* suspended at a segment's begin: `scontrol resume`;
* running after the last segment's end (the work took longer than quoted: overrun): left
  running until done, never killed (killing would lose the work), recorded once as OVERRUN;
  an intermediate segment's end suspends the job whatever its progress, its remaining work
  going on in the next segment (so the overrun, if any, shows after the last one).

Why suspend rather than requeue: `scontrol suspend` stops the job's processes with SIGSTOP
and `resume` continues them with SIGCONT, so the job keeps everything it did, needs no
checkpoint code, and "the time a job is suspended will not count against a job's time
limit" (scontrol(1)). A requeue starts the batch script "from its beginning" (sbatch(1)
`--requeue`): without a checkpoint the work is lost, and "a requeued job must wait" for
`cred_expire` (120 s by default, slurm.conf(5)) before it starts again. What the user's job
must tolerate: being stopped for hours between segments with its memory and GPUs kept
allocated (on this Slurm a job needing those GPUs waits meanwhile; scontrol(1): "A
suspended job releases its CPUs"), so wall-clock timeouts (NCCL/Gloo watchdogs, leases,
connections to outside services) must allow the gaps; and the dispatcher must run as a Slurm
operator ("Only an operator, administrator, SlurmUser, or root can suspend jobs"). When
Slurm refuses the suspend, the job runs on (nothing is lost), the refusal is recorded once
for that gap with how to fix it, and the plan resumes at the next segment.

Idempotent: every decision is taken from Slurm's state read back this pass and the rows of
`job_segments`; a dispatcher killed between (or within) passes finds the job suspended or
running and records what it had not. A segment that passed without the job running in it
(it started late, or the dispatcher was down) is marked skipped, its work going on later.

The hourly re-check leaves a plan of two or more segments as decided (`recheck_bounds`):
the plan is several separate hours and a re-check decides one contiguous start.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Literal

from gridwise.models import Quote
from gridwise.records import job_segments as js
from gridwise.records import jobs as jr
from gridwise.store import Store
from tools.dispatch.slurm import Slurm, SlurmJob, SlurmRejected
from tools.grid import HOUR, floor_hour

if TYPE_CHECKING:
    from tools.dispatch.recheck_bounds import ClockMap

#: Slurm's words for a job that is not running any more (ended, or gone).
GONE = ("already completing or completed", "Invalid job id", "Unexpected message received")
#: How to let the dispatcher suspend jobs (Slurm's operator level).
OPERATOR_FIX = ("make the dispatcher's user a Slurm operator (`sacctmgr modify user NAME set "
                "adminlevel=Operator`), or run it as SlurmUser; meanwhile the job runs on")
Phase = Literal["before", "run", "gap", "after"]
Move = Literal["suspend", "resume"]


@dataclass(frozen=True)
class Segment:
    """Consecutive hours of a plan (decision clock): `begin` to `end` (exclusive)."""

    n: int
    begin: datetime
    end: datetime


def plan_of(quote: Quote) -> list[Segment] | str | None:
    """The plan's segments, None for a contiguous run, or why the plan cannot be followed.

    A plan is the quote's `run_hours` (window "interruptible"): whole hours, strictly
    increasing. Hours that repeat (overlapping segments), go back, or fall inside an hour
    are refused with a sentence naming them; a single segment is a contiguous run.
    """
    if quote.window != "interruptible" or not quote.run_hours:
        return None
    hours = quote.run_hours
    for h in hours:
        if h != floor_hour(h):
            return f"the plan's hour {h:%Y-%m-%d %H:%M:%S} is not a whole hour"
    for a, b in pairwise(hours):
        if b == a:
            return f"the plan lists the hour {a:%Y-%m-%d %H:%M} twice (overlapping segments)"
        if b < a:
            return (f"the plan's hours are out of order ({a:%Y-%m-%d %H:%M} is listed before "
                    f"{b:%Y-%m-%d %H:%M})")
    out: list[Segment] = []
    begin = hours[0]
    for prev, h in pairwise([*hours, hours[-1]]):
        if h != prev + HOUR:  # the last pair (h == prev) always closes a segment
            out.append(Segment(len(out) + 1, begin, prev + HOUR))
            begin = h
    return out if len(out) > 1 else None


def plan_rows(plan: list[Segment], cm: ClockMap) -> list[dict[str, Any]]:
    """The plan's `job_segments` rows, with the wall times the decision clock maps to."""
    return [{"segment": s.n, "segments": len(plan), "begin_clock": s.begin,
             "end_clock": s.end, "begin_wall": cm.wall(s.begin), "end_wall": cm.wall(s.end)}
            for s in plan]


def first_begin(plan: list[Segment], cm: ClockMap, wall: datetime) -> datetime | None:
    """The wall begin of the first segment not yet over at `wall` (None: all are over).

    A segment under way at `wall` counts: the job may start at once. Rounded up to the
    second (Slurm's `--begin` drops fractions, which would start the job before its plan).
    """
    for s in plan:
        if cm.wall(s.end) > wall:
            begin = cm.wall(s.begin)
            return begin if begin.microsecond == 0 else \
                begin.replace(microsecond=0) + timedelta(seconds=1)
    return None


def phase(rows: list[dict[str, Any]], wall: datetime) -> tuple[Phase, int]:
    """Where the plan is at `wall`, and the segment that names it.

    Before segment 1 (0), in segment k, in the gap after segment k, or after the last.
    """
    for r in rows:
        if wall < r["begin_wall"]:
            return ("before", 0) if r["segment"] == 1 else ("gap", r["segment"] - 1)
        if wall < r["end_wall"]:
            return "run", r["segment"]
    return "after", len(rows)


def _clock(r: dict[str, Any], col: str) -> str:
    return f"{r[col]:%Y-%m-%d %H:%M}"


@dataclass
class Follower:
    """Makes a job in Slurm follow its plan's segments (one move per dispatcher pass).

    A pass decides the move from what it read (`move`), writes what it found (`before`,
    with the state file held), asks Slurm (`act`, the state file free), then records what
    Slurm did (`after`, held again). Only a running or suspended job is acted on (a
    pending one waits for its begin).
    """

    slurm: Slurm

    @staticmethod
    def move(rows: list[dict[str, Any]], sj: SlurmJob,
             now: datetime) -> tuple[tuple[Phase, int], Move | None]:
        """Where the plan is at `now` and what to ask Slurm, from the rows read (pure)."""
        where, k = phase(rows, now)
        if sj.state == "RUNNING" and where == "gap" and rows[k - 1]["state"] != "refused":
            return (where, k), "suspend"
        if sj.state == "SUSPENDED" and where in ("run", "after"):
            return (where, k), "resume"
        return (where, k), None

    @staticmethod
    def before(store: Store, order_id: str, attempt: int, recorded: str, sj: SlurmJob,
               plan: list[Segment], cm: ClockMap, at: tuple[Phase, int],
               now: datetime) -> str:
        """Catch up before Slurm is asked; returns the attempt's recorded state after.

        The plan's rows are written if a crash just after sbatch left none, and a
        suspension Slurm reports but the store does not (a crash after scontrol) is
        recorded.
        """
        rows = js.segments(store, order_id, attempt)
        if not rows:
            js.insert_plan(store, order_id, attempt, plan_rows(plan, cm))
            rows = js.segments(store, order_id, attempt)
        if sj.state == "SUSPENDED" and recorded != "SUSPENDED":
            _record(store, order_id, attempt, rows, at, (recorded, sj.state, sj.state), now)
            return sj.state
        return recorded

    def act(self, move: Move, job_id: str) -> str | None:
        """Ask Slurm to suspend or resume the job (no store): None, or Slurm's refusal."""
        try:
            (self.slurm.suspend if move == "suspend" else self.slurm.resume)(job_id)
        except SlurmRejected as exc:
            return exc.reason
        return None

    @staticmethod
    def after(store: Store, order_id: str, attempt: int, recorded: str, sj: SlurmJob,
              at: tuple[Phase, int], move: Move | None, refused: str | None,
              now: datetime) -> str:
        """Record what the plan's state means after the move; returns Slurm's state after.

        `recorded` is the attempt's state as `before` left it; `refused` Slurm's answer
        to the move (None: done, or no move).
        """
        rows = js.segments(store, order_id, attempt)
        state = sj.state
        if move == "suspend":
            if refused is None:
                state = "SUSPENDED"
            elif any(w in refused for w in GONE):
                return state            # it ended meanwhile: the next pass records that
            else:
                Follower._refused(store, order_id, attempt, rows[at[1] - 1], rows, refused,
                                  now)
                return state
        elif move == "resume":
            if refused is not None and "not suspended" not in refused:  # else resumed
                js.change(store, order_id, attempt, [], (             # meanwhile: running
                    "RESUME_REFUSED", f"Slurm refused to resume job {sj.job_id}: "
                    f"{refused}; To fix: {OPERATOR_FIX}"), now)
                return state
            state = "RUNNING"
        _record(store, order_id, attempt, rows, at, (recorded, sj.state, state), now)
        return state

    @staticmethod
    def _refused(store: Store, order_id: str, attempt: int, ended: dict[str, Any],
                 rows: list[dict[str, Any]], reason: str, now: datetime) -> None:
        nxt = rows[ended["segment"]]
        js.change(store, order_id, attempt, [(ended["segment"], {
            "state": "refused", "detail": f"Slurm: {reason}"})], (
            "SUSPEND_REFUSED",
            f"segment {ended['segment']} of {len(rows)} ended at {_clock(ended, 'end_clock')}"
            f" (decision clock) but Slurm refused to suspend the job: {reason}; it runs on "
            f"through the gap to segment {nxt['segment']} ({_clock(nxt, 'begin_clock')}). "
            f"To fix: {OPERATOR_FIX}"), now)


def _record(store: Store, order_id: str, attempt: int, rows: list[dict[str, Any]],
            at: tuple[Phase, int], states: tuple[str, str, str], now: datetime) -> None:
    """Write what Slurm's state means for the plan, where not yet recorded.

    `states`: the attempt's recorded state, Slurm's at the pass's start, and after it.
    """
    (where, k), (recorded, was, state), n = at, states, len(rows)
    marks: list[tuple[int, dict[str, Any]]] = []
    ran = [r for r in rows if r["state"] in ("running", "refused")]
    if where == "gap" and was == "RUNNING" and rows[k - 1]["state"] == "planned":
        ran.append(rows[k - 1])  # it ran in segment k unseen (started between passes)
    for r in rows:  # segments that passed without the job running in them
        if r["state"] == "planned" and r["end_wall"] <= now and r not in ran \
                and r["segment"] != k:
            marks.append((r["segment"], {"state": "skipped", "detail": (
                "over before the job ran in it (it started late, or the dispatcher was "
                "not running); its work goes on in the next segment")}))
    event: tuple[str, str] | None = None
    new_state: str | None = None
    if state == "SUSPENDED":
        marks += [(r["segment"], {"state": "done", "ran_to": now}) for r in ran]
        if recorded != "SUSPENDED":
            last = ran[-1] if ran else rows[max(k - 1, 0)]
            nxt = rows[last["segment"]] if last["segment"] < n else None
            event = ("SUSPENDED", f"segment {last['segment']} of {n} ended at "
                     f"{_clock(last, 'end_clock')} (decision clock): suspended"
                     + (f" until segment {nxt['segment']} begins at "
                        f"{_clock(nxt, 'begin_clock')}" if nxt else ""))
            new_state = "SUSPENDED"
    elif state == "RUNNING" and where in ("run", "after"):
        cur = rows[k - 1]
        if cur["state"] == "planned":
            marks.append((k, {"state": "running", "ran_from": now}))
        if recorded == "SUSPENDED":
            event = ("RESUMED", f"segment {k} of {n} began at {_clock(cur, 'begin_clock')} "
                     "(decision clock): resumed")
            new_state = "RUNNING"
        if where == "after" and cur["state"] != "overrun":
            marks.append((k, {"state": "overrun", "detail": (
                f"still running at the plan's end ({_clock(cur, 'end_clock')}, decision "
                "clock): it runs on until done")}))
            if event is not None:  # resumed after the plan's end: both are said
                js.change(store, order_id, attempt, [], event, now, new_state)
            event = ("OVERRUN", f"the plan's last segment ({k} of {n}) ended at "
                     f"{_clock(cur, 'end_clock')} (decision clock) with the work not done: "
                     "the job runs on until it ends (never killed; the hours after the plan "
                     "were not chosen for their carbon)")
            new_state = "RUNNING"
    if marks or event:
        js.change(store, order_id, attempt, marks, event, now, new_state)


def close(store: Store, order_id: str, attempt: int, ended: datetime | None) -> None:
    """The attempt ended: record where its segments stand.

    The running one is done (an overrun one stays so, with its end); unused ones say so.
    """
    rows = js.segments(store, order_id, attempt)
    end = ended or jr.utcnow()
    marks = [(r["segment"], {"state": "done", "ran_to": end})
             for r in rows if r["state"] in ("running", "refused")]
    marks += [(r["segment"], {"ran_to": end}) for r in rows
              if r["state"] == "overrun" and r["ran_to"] is None]
    marks += [(r["segment"], {"state": "unused", "detail": "the job ended before it"})
              for r in rows if r["state"] == "planned"]
    if marks:
        js.change(store, order_id, attempt, marks, None, jr.utcnow())


def segment_summary(store: Store, order_id: str, status: str) -> dict[str, Any] | None:
    """What `jobs show` says of an order's plan (None: a contiguous run).

    `now` is a sentence naming the segment that runs (or the one the job waits for);
    `running` that segment's number (None when none runs); `segments` the rows.
    """
    rows = js.segments(store, order_id)
    if not rows:
        return None
    n = len(rows)
    active = [r for r in rows if r["state"] in ("running", "overrun", "refused")]
    done = [r for r in rows if r["state"] == "done"]
    ahead = [r for r in rows if r["state"] == "planned"]
    running = active[-1]["segment"] if active and status == "RUNNING" else None
    if running is not None:
        cur = active[-1]
        now = (f"segment {running} of {n} running ({_clock(cur, 'begin_clock')} to "
               f"{_clock(cur, 'end_clock')}, decision clock)")
        if cur["state"] == "overrun":
            now = f"overrun: past the last segment ({n} of {n}), running until done"
    elif status == "SUSPENDED":
        now = (f"suspended after segment {done[-1]['segment'] if done else 0} of {n}"
               + (f"; segment {ahead[0]['segment']} begins at "
                  f"{_clock(ahead[0], 'begin_clock')} (decision clock)" if ahead else ""))
    elif status in jr.FINAL:
        now = f"ended ({status}) after {len(done)} of {n} segment(s) run"
    else:
        nxt = ahead[0] if ahead else rows[0]
        now = (f"waiting for segment {nxt['segment']} of {n} at "
               f"{_clock(nxt, 'begin_clock')} (decision clock)")
    return {"attempt": rows[0]["attempt"], "segments": n, "running": running, "now": now,
            "rows": rows}
