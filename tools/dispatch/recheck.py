"""Hold and re-check: a deferred job waiting in Slurm re-decides its start every hour.

A quote that waits for a low-carbon (or low-price) window goes to Slurm with `--begin` at
the start the forecast made at the decision's clock ranked lowest. While the job waits
(PENDING, its begin time still ahead), the dispatcher looks again once per
hour of the decision's clock (on its first pass after each whole hour): it remakes the
forecast at the current clock from every value known then (`ForecastSignals`: history
strictly before the clock's hour, as every quote's forecast), and applies the re-deciding
rule the evaluation adopted (`tools.forecast.redecide.DEFAULT_REDECIDE`: start now when the
current hour's window is the lowest forecast of the starts left, ties to now). Otherwise the
start becomes the lowest forecast window left (earliest on ties). The outcome:

* keep: the start is still the best;
* move: `scontrol update JobId=N StartTime=...` to the new start;
* release: `StartTime=now`, the current hour is the best.

Bounds: a start is never before the current hour or the order's earliest start, and never
after the latest start that still meets the deadline (deadline minus the quoted runtime,
floored to the hour; without a deadline, the quote's search horizon). An interruptible
plan of separate hours is followed as decided (`tools.dispatch.segments`: suspended between
its segments) and never re-checked: a re-check decides one contiguous start, and moving
the first segment alone would break the plan. An interruptible quote whose hours are
consecutive is one contiguous run, re-checked like a low-carbon one.

The start a re-check starts from, and the one a retry waits for, is the order's decided
start: the last applied move or release of any attempt (`decided_start`), else the quote's.

The decision clock maps to wall time as the dispatcher's `--begin` does: the order was made
at the decision's clock, and `time_scale` wall seconds pass per hour of it (3600 at a live
clock, where the decision clock is now). Only quotes decided on a forecast are re-checked
(an oracle decision already saw the actual series); `GRIDWISE_DISPATCH_REDECIDE=false`
turns re-checking off.

Every re-check is a `job_rechecks` row and a RECHECK event (clock, forecast made at,
old vs new start with the forecast's mean for each, outcome, why). A move or release is
written as an intent ('pending') before Slurm is asked and completed after, so a dispatcher
killed in between finds it on its next pass and settles it with what Slurm reports (the
begin it asked for is there: applied; it is not: not applied, and the hour is re-checked).
The forecasts are made on the read-only reference file (`gridwise.reference`), while the
dispatcher holds no turn at the state file: it takes that only to read what re-checks
need and to write the intents and the outcomes, one transaction each for all the pass's
jobs (`Rechecker`), so a pass over many waiting jobs in many zones does not keep other
commands waiting for its forecasts (~100 ms or more per zone and hour). A forecast that
cannot be made at the clock (too little history, a gap) keeps the start and says why; Slurm
refusing, or the job having started meanwhile, is recorded, never raised.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

import numpy as np

from gridwise.models import JobSpec, Quote
from gridwise.records import jobs as jr
from gridwise.store import Store
from gridwise.store_access import StoreAccess
from tools.dispatch.recheck_bounds import Bounds, ClockMap, bounds_of
from tools.dispatch.slurm import Slurm, SlurmJob, SlurmRejected
from tools.forecast.api import LEARNED_HORIZON_H
from tools.forecast.redecide import DEFAULT_REDECIDE, start_now
from tools.forecast.signals import Signal, SignalSource
from tools.grid import HOUR, floor_hour
from tools.windows import min_mean_window

#: Slurm's words for a job that is no longer waiting (it started, ended or was purged).
NOT_WAITING = ("no longer pending", "already finished", "Invalid job id")
Action = Literal["keep", "move", "release"]


@dataclass(frozen=True)
class Verdict:
    """What one re-check decided (decision clock)."""

    action: Action
    start: datetime
    old_value: float | None   # the forecast's mean over the old start's hours
    new_value: float | None   # ... over the new start's hours
    why: str
    decided: bool = True      # False: nothing could be decided (the start is kept)


def _hours(d: timedelta) -> int:
    return int(d / HOUR)


def _mean(seen: np.ndarray, at: int, steps: int) -> float | None:
    if at < 0 or at + steps > seen.size:
        return None
    part = seen[at:at + steps]
    return None if np.isnan(part).any() else float(part.mean())


def redecide_start(seen: np.ndarray, now: datetime, old: datetime, b: Bounds,
                   rule: str = DEFAULT_REDECIDE) -> Verdict:
    """Re-decide a waiting job's start on the forecast made at `now` (pure).

    Args:
        seen: the forecast made at `now`, per hour from `now` on (index 0 = the hour
            starting now); it must cover the starts left and the run after the last.
        now: the current hour of the decision clock (whole hour).
        old: the start planned so far.
        b: the order's bounds.
        rule: a `tools.forecast.redecide` rule.

    Returns:
        A `Verdict`: keep, move (to a later or earlier hour) or release (start now); the
        start is never before `now` or `b.earliest` and never after `b.latest` (unless no
        start meets the deadline any more: then the first possible one).
    """
    first = max(now, b.earliest)
    old_value = _mean(seen, _hours(old - now), b.steps)
    if b.latest < first:
        start = first
        what = f"the first possible start (none from then on meets the deadline {b.deadline})"
    else:
        left = _hours(b.latest - first) + 1
        off = _hours(first - now)
        part = seen[off:off + left + b.steps - 1]
        if part.size < left + b.steps - 1 or np.isnan(part).any():
            return Verdict("keep", old, old_value, None, "the forecast made at the clock does "
                           f"not cover every start left (to {b.latest:%Y-%m-%d %H:%M} and "
                           f"{b.steps} h after it): start kept", decided=False)
        k = 0 if start_now(part, b.steps, left, rule) else min_mean_window(
            part, b.steps, 0, part.size)[0]
        start = first + HOUR * k
        what = (f"the lowest forecast window of the {left} start(s) left (rule {rule})"
                if left > 1 else "the last start that meets the deadline")
    new_value = _mean(seen, _hours(start - now), b.steps)
    action: Action = "keep" if start == old else ("release" if start == now else "move")
    why = {"keep": f"the planned start is still {what}", "release": f"now is {what}",
           "move": f"{start:%Y-%m-%d %H:%M} is {what}"}[action]
    return Verdict(action, start, old_value, new_value, why)


def verdict_at(store: Store, signals: SignalSource, b: Bounds, clock: datetime,
               old: datetime, rule: str = DEFAULT_REDECIDE) -> tuple[Verdict, Signal]:
    """The re-check at decision clock `clock`: the forecast made then, and its verdict.

    The forecast is made at the clock's hour from the values before it (as a quote's is),
    and covers at least `LEARNED_HORIZON_H` hours, so the waiting jobs of one zone ask the
    same question in one hour and share its answer (`ForecastSignals` memoises it).
    """
    now = floor_hour(clock)
    hours = max(LEARNED_HORIZON_H, _hours(max(b.latest, old) - now) + b.steps)
    sig = signals.signals(store.conn, b.table, [b.zone], now, now, hours,
                          b.carbon_basis)[b.zone]
    if not sig.covered():
        why = "; ".join(sig.notes) or sig.label
        return Verdict("keep", old, None, None, f"no forecast at the clock ({why}): start "
                       "kept", decided=False), sig
    return redecide_start(sig.seen, now, old, b, rule), sig


@dataclass(frozen=True)
class Due:
    """A waiting job whose re-check is due this pass: what was read from the state file.

    Attributes:
        order_id / attempt / job_id: the order, its attempt and that attempt's Slurm job.
        bounds: what the order lets the re-check choose.
        old: the start planned so far.
        clock / clock_map: the decision clock now, and its mapping to wall time.
        last_id: the attempt's last re-check when read (None: never re-checked); a pass
            records its re-check only if it is still the last (see `Rechecker.record`).
    """

    order_id: str
    attempt: int
    job_id: str
    bounds: Bounds
    old: datetime
    clock: datetime
    clock_map: ClockMap
    last_id: str | None


@dataclass(frozen=True)
class Ask:
    """A move or release recorded as an intent, to be put to Slurm (`scontrol`)."""

    rid: str                  # the pending `job_rechecks` row
    job_id: str
    action: Action
    begin: datetime | None    # the new begin (wall time); None: now


@dataclass(frozen=True)
class Read:
    """What a pass read of its orders' re-checks, in one transaction (`Rechecker.read`).

    Attributes:
        last: the newest re-check of each attempt, by (order id, attempt).
        applied: each order's start as its newest applied move or release left it.
        markets: each cluster's price market (None: it has none).
    """

    last: dict[tuple[str, int], dict[str, Any]]
    applied: dict[str, datetime]
    markets: dict[str, str | None]


@dataclass
class Rechecker:
    """The dispatcher's re-checks of waiting jobs (one per dispatcher).

    A pass takes its steps so that the state file is held only to read and write rows,
    each step once for all its jobs: `read` (state file, one transaction: every order's
    last re-checks, decided starts and markets), `settle` (a cut-short re-check, rare) and
    `due` (from what was read: is an hour due, the bounds), `forecast` (the reference file
    alone: the forecasts and verdicts, the long part), `record` (state file, one
    transaction: the kept starts and the intents), `ask` (Slurm alone: `scontrol`),
    `outcome` (state file, one transaction: what Slurm did).

    Attributes:
        slurm: the cluster the jobs wait in.
        signals: the forecasts re-checks decide on (the quotes' default: `ForecastSignals`).
        time_scale: wall seconds per hour of the decision clock (the dispatcher's).
        rule: the re-deciding rule (`tools.forecast.redecide`).
    """

    slurm: Slurm
    signals: SignalSource
    time_scale: float
    rule: str = DEFAULT_REDECIDE

    @staticmethod
    def read(store: Store, order_ids: list[str]) -> Read:
        """What the pass's re-checks of `order_ids` need from the state file (one read)."""
        with store.transaction():  # one consistent snapshot, three queries for every job
            return Read(jr.last_rechecks(store, order_ids),
                        jr.applied_starts(store, order_ids),
                        {r["id"]: r["price_market"] for r in
                         store.rows("SELECT id, price_market FROM clusters")})

    @staticmethod
    def settle(store: Store, last: dict[str, Any] | None,
               sj: SlurmJob | None) -> dict[str, Any] | None:
        """An attempt's last re-check (`last`, as read; None: never re-checked), settled.

        A pending one (a crash between intent and record) is settled with what Slurm reports.
        """
        if last is None or last["outcome"] != "pending":
            return last
        if last["action"] == "release":  # started since, or its begin brought to then
            applied = sj is not None and (
                sj.state != "PENDING" or (sj.begin_time is not None and sj.begin_time
                                          <= last["ts"] + timedelta(seconds=5)))
        else:
            applied = (sj is not None and sj.begin_time is not None
                       and last["engine_begin"] is not None
                       and abs((sj.begin_time - last["engine_begin"]).total_seconds()) <= 2)
        outcome = ("released" if last["action"] == "release" else "moved") if applied \
            else "not_applied"
        jr.recheck_done(store, last["id"], outcome,
                        "found applied in Slurm after a restart" if applied else
                        "the dispatcher stopped before Slurm took it; re-checked again")
        return jr.last_recheck(store, last["order_id"], last["attempt"])

    def due(self, row: dict[str, Any], attempt: int, sj: SlurmJob, quote: Quote,
            job: JobSpec | None, last: dict[str, Any] | None, read: Read,
            segmented: bool | None = None) -> Due | None:
        """The job's re-check if an hour of its decision clock began since the last.

        `row` is the order's `dispatchable` row; `sj` what Slurm reported this pass; `last`
        the attempt's last re-check, settled; `read` the pass's read; `segmented` whether
        the quote's plan has separate segments (None: `bounds_of` works it out). Decided
        from those alone: the state file is not read.
        """
        if row["decided_clock"] is None or not _waiting(sj, jr.utcnow()):
            return None
        cm = ClockMap(row["decided_clock"], row["ordered_at"], self.time_scale)
        clock = cm.clock(jr.utcnow())
        since = row["decided_clock"] if last is None else last["clock"]
        if floor_hour(clock) <= floor_hour(since) and (last is None
                                                        or last["outcome"] != "not_applied"):
            return None  # this hour is checked already
        b = bounds_of(quote, job, row["decided_clock"], read.markets.get(quote.cluster),
                      segmented)
        if isinstance(b, str):
            return None
        planned = read.applied.get(row["order_id"], quote.start) if last is None \
            else _planned(last)
        return Due(row["order_id"], attempt, sj.job_id, b, planned, clock, cm,
                   last["id"] if last is not None else None)

    def forecast(self, access: StoreAccess,
                 due: list[Due]) -> list[tuple[Due, Verdict, Signal]]:
        """Each due re-check's verdict, on the reference file (the state file is not taken).

        One reference database for the pass, so jobs of one zone and hour share one
        forecast (`ForecastSignals` memoises it).
        """
        if not due:
            return []
        with access.reference(read_only=True) as ref:
            return [(d, *verdict_at(ref, self.signals, d.bounds, d.clock, d.old, self.rule))
                    for d in due]

    @staticmethod
    def record(store: Store, made: list[tuple[Due, Verdict, Signal]],
               done: dict[str, int]) -> list[Ask]:
        """Record the pass's verdicts in one transaction; the moves and releases to ask.

        A kept start is recorded in full; a move or release as a 'pending' intent,
        returned as the `Ask` to put to Slurm next. Nothing is recorded for an order that
        changed since `read` (another pass re-checked it, or it was cancelled): its next
        pass looks again (`jr.record_rechecks` checks that in the same transaction).
        """
        wall = jr.utcnow()  # the intents' time: just before Slurm is asked
        rows = [_row(d, verdict, sig, wall) for d, verdict, sig in made]
        ids = jr.record_rechecks(store, rows, [d.last_id for d, _, _ in made])
        done["rechecked"] += sum(rid is not None for rid in ids)
        return [Ask(rid, d.job_id, v.action, rec["engine_begin"]) for (d, v, _), rec, rid
                in zip(made, rows, ids, strict=True) if rid is not None and v.action != "keep"]

    def ask(self, a: Ask) -> tuple[str, str | None]:
        """Put a recorded intent to Slurm (no store): its outcome and detail."""
        try:
            self.slurm.set_begin(a.job_id, a.begin)
        except SlurmRejected as exc:
            gone = any(w in exc.reason for w in NOT_WAITING)
            return ("started" if gone else "refused"), f"Slurm: {exc.reason}"
        return ("released" if a.action == "release" else "moved"), None

    @staticmethod
    def outcome(store: Store, said: list[tuple[Ask, tuple[str, str | None]]],
                done: dict[str, int]) -> None:
        """Complete the intents with what Slurm did, in one transaction (state file)."""
        jr.rechecks_done(store, [(a.rid, *outcome) for a, outcome in said])
        for _, (what, _) in said:
            if what in ("moved", "released"):
                done[what] += 1


def _row(d: Due, verdict: Verdict, sig: Signal, wall: datetime) -> dict[str, Any]:
    """The `job_rechecks` row of a verdict (the intent, for a move or release)."""
    b = d.bounds
    return {
        "order_id": d.order_id, "attempt": d.attempt, "ts": wall, "clock": d.clock,
        "made_at": floor_hour(d.clock) if sig.covered() else None, "series": b.series,
        "zone": b.zone, "model": sig.model if sig.covered() else None,
        "old_start": d.old, "new_start": verdict.start, "old_value": verdict.old_value,
        "new_value": verdict.new_value, "unit": b.unit, "action": verdict.action,
        "why": verdict.why, "detail": sig.label,
        "outcome": ("kept" if verdict.decided else "no_forecast")
        if verdict.action == "keep" else "pending",
        "engine_begin": d.clock_map.wall(verdict.start) if verdict.action == "move"
        else None}


def _waiting(sj: SlurmJob, wall: datetime) -> bool:
    """Whether Slurm holds the job for its begin time, still ahead.

    (Not the reason alone: right after `scontrol update StartTime` it reads 'None' until
    the scheduler's next cycle.)
    """
    return sj.state == "PENDING" and sj.begin_time is not None and sj.begin_time > wall


def _planned(last: dict[str, Any]) -> datetime:
    """The start planned after an attempt's last re-check."""
    return last["new_start"] if last["outcome"] in ("moved", "released") else last["old_start"]


def decided_start(store: Store, order_id: str, quote: Quote) -> datetime:
    """The order's start as last decided (decision clock), over all its attempts.

    The newest re-check that moved or released it, else the quote's start: a retry
    waits for it while it is still ahead, and a retry's re-checks start from it.
    """
    return jr.applied_starts(store, [order_id]).get(order_id, quote.start)


def recheck_summary(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """What `jobs show` says of an order's re-checks (None: never re-checked).

    `redecided` is True when a re-check moved or released the start; `why` is the last such
    re-check's reason.
    """
    if not rows:
        return None
    changed = [r for r in rows if r["outcome"] in ("moved", "released")]
    last = changed[-1] if changed else None
    return {"rechecks": len(rows), "redecided": bool(changed),
            "moves": sum(r["outcome"] == "moved" for r in rows),
            "released": any(r["outcome"] == "released" for r in rows),
            "start": (last["new_start"] if last else rows[0]["old_start"]),
            "why": last["why"] if last else rows[-1]["why"]}


__all__ = ["Ask", "Bounds", "ClockMap", "Due", "Read", "Rechecker", "Verdict", "bounds_of",
           "decided_start", "recheck_summary", "redecide_start", "verdict_at"]

