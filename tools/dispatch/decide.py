"""What a dispatcher pass does with each order, decided from what it read and Slurm said.

`Decider.decide` is pure: from an order as read (`reconcile.Order`) and Slurm's answers
(`reconcile.Seen`) it returns the order's `Step`: the writes for the pass's one
transaction (each a record function of `gridwise.records`, joined into it), the counts,
at most one act for Slurm (sbatch, scancel of twins, suspend / resume) and, for a job
waiting in Slurm, what its re-check needs. `Decider.act` puts an act to Slurm with no
store held and returns the write that records its outcome.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from gridwise.models import JobSpec, Quote
from gridwise.records import job_segments as js
from gridwise.records import jobs as jr
from gridwise.store import Store
from tools.dispatch import segments as seg
from tools.dispatch import skypilot
from tools.dispatch.launch import batch_script
from tools.dispatch.recheck import ClockMap, Read, Rechecker
from tools.dispatch.reconcile import (
    LIFECYCLE,
    CancelTwins,
    Follow,
    Order,
    Seen,
    Snapshot,
    Step,
    Submit,
    Write,
)
from tools.dispatch.slurm import BROKEN, TERMINAL, Slurm, SlurmJob, SlurmRejected
from tools.energy import measure_attempt

#: `--nice` per priority: lower is sooner (Slurm accepts 0..2147483645 for users).
NICE = {"high": 0, "normal": 100, "low": 1000}
SETTING_PARTITIONS = "GRIDWISE_SLURM_PARTITIONS"


def gres_type(accelerator: str) -> str:
    """Slurm's GPU type name for an accelerator: lower-case letters and digits."""
    return "".join(ch for ch in accelerator.lower() if ch.isalnum())


def priority(job: JobSpec | None) -> str:
    """The request's priority: 'high' for a hurry (fastest), 'low' when it can wait."""
    if job is None:
        return "normal"
    obj = job.preferences.objective
    if obj == "fastest":
        return "high"
    if obj in ("cheapest", "greenest") and job.constraints.deadline is None:
        return "low"
    return "normal"


def interruptible(quote: Quote, job: JobSpec | None) -> bool:
    """Whether the run may be preempted and restarted (spot, interruptible window)."""
    return bool(quote.spot or quote.window == "interruptible"
                or (job is not None and job.constraints.interruptible))


@dataclass
class Decider:
    """The dispatcher's per-order rules (its settings; no store, no state)."""

    slurm: Slurm
    partitions: dict[str, str]
    max_retries: int
    time_scale: float
    log_dir: Path | None

    def decide(self, o: Order, snap: Snapshot, seen: Seen) -> Step:
        """The order's step this pass (pure: nothing is read, written or asked)."""
        step = Step(o)
        order_id, quote = o.order_id, o.quote
        if quote.kind != "onprem":
            step.writes.append(lambda s: launch_spec(s, order_id, quote, o.job))
            step.counts["launch_specs"] += 1
            return step
        partition = self.partitions.get(quote.cluster)
        if partition is None:
            why = (f"cluster {quote.cluster!r} has no Slurm mapping: add it to "
                   f"{SETTING_PARTITIONS} (JSON: cluster id -> partition)")
            step.writes.append(lambda s: jr.reject(s, order_id, 1, "slurm", why))
            step.counts["rejected"] += 1
            return step
        last = o.last
        if last is None:  # the intent, committed by the pass's write before sbatch
            step.writes.append(lambda s: jr.new_attempt(s, order_id, 1, "slurm", None))
            last = {"attempt": 1, "state": "SUBMITTING", "engine_job_id": None}
        plan = seg.plan_of(quote)
        if isinstance(plan, str) and last["state"] == "SUBMITTING":
            why = (f"the interruptible plan cannot be followed: {plan}; nothing was "
                   "submitted. To fix: quote the job again (gridwise never reorders or "
                   "merges a plan it was given)")
            attempt = last["attempt"]
            step.writes.append(lambda s: jr.reject(s, order_id, attempt, "slurm", why))
            step.counts["rejected"] += 1
            return step
        plan = plan if isinstance(plan, list) else None
        if last["state"] == "SUBMITTING":
            self._submit(step, last["attempt"], partition,
                         {t["engine_job_id"] for t in o.tries}, seen, snap, plan)
        elif last["state"] in jr.ATTEMPT_DONE:
            self._after(step, last)
        elif (sj := seen.of.get(order_id)) is None:
            self._finish(step, last, "FAILED", None, (
                f"Slurm no longer knows job {last['engine_job_id']} (purged, no "
                "accounting to ask, or the controller lost its state)"), None, None)
        elif plan is not None and o.row["decided_clock"] is not None \
                and sj.state in ("RUNNING", "SUSPENDED"):
            self._follow(step, last, sj, plan, seen, snap.read)
        else:
            self._observe(step, last, sj, seen.gpus.get(order_id), snap.read)
        return step

    def _follow(self, step: Step, last: dict[str, Any], sj: SlurmJob,
                plan: list[seg.Segment], seen: Seen, read: Read | None) -> None:
        """A job between its plan's segments: catch up, then suspend / resume or record."""
        o, attempt = step.order, last["attempt"]
        cm = ClockMap(o.row["decided_clock"], o.row["ordered_at"], self.time_scale)
        rows = o.segments or [{**r, "state": "planned"} for r in seg.plan_rows(plan, cm)]
        now = jr.utcnow()
        at, move = seg.Follower.move(rows, sj, now)
        recorded = sj.state if sj.state == "SUSPENDED" else last["state"]
        step.writes.append(lambda s: seg.Follower.before(
            s, o.order_id, attempt, last["state"], sj, plan, cm, at, now))
        if move is not None:
            step.act = Follow(attempt, sj, at, move, recorded, now)
            return
        step.writes.append(lambda s: seg.Follower.after(
            s, o.order_id, attempt, recorded, sj, at, None, None, now))
        self._observe(step, last, sj, seen.gpus.get(o.order_id), read)

    def _observe(self, step: Step, last: dict[str, Any], sj: SlurmJob, gpus: str | None,
                 read: Read | None) -> None:
        """Record what Slurm reports of a job it knows (its end, or its state)."""
        order_id, attempt = step.order.order_id, last["attempt"]
        state = LIFECYCLE.get(sj.state, "FAILED" if sj.state in BROKEN else "PENDING")
        recheck = read.last.get((order_id, attempt)) if read is not None else None
        if read is not None and state != "PENDING":  # a re-check cut short, then it went on
            step.writes.append(lambda s: Rechecker.settle(s, recheck, sj))
        if sj.state in TERMINAL:
            why = None if state == "COMPLETED" else \
                f"Slurm state {sj.state}, exit code {sj.exit_code}, reason {sj.reason}"
            self._finish(step, last, state, sj, why, sj.end_time, sj.exit_code)
            return
        reason = sj.reason if state == "PENDING" and sj.reason != "None" else None
        started = sj.start_time if state == "RUNNING" else None
        gpus = gpus if not last.get("gpus") else None
        if not _as_recorded(step.order, last, state, sj, started, gpus, reason):
            step.writes.append(lambda s: jr.observe(
                s, order_id, attempt, state, visible_at=jr.utcnow(), started_at=started,
                nodes=sj.nodes, gpus=gpus, requeues=sj.restarts, reason=reason))
        if last["state"] != state or last["requeues"] != sj.restarts:
            step.counts["changed"] += 1
        if read is not None and state == "PENDING":
            step.waiting, step.recheck = sj, recheck
            if recheck is not None and recheck["outcome"] == "pending":  # cut short: settle

                def settled(s: Store) -> None:
                    step.recheck = Rechecker.settle(s, recheck, sj)
                step.writes.append(settled)

    def _submit(self, step: Step, attempt: int, partition: str, known: set[Any],
                seen: Seen, snap: Snapshot, plan: list[seg.Segment] | None) -> None:
        o = step.order
        comment = f"gridwise attempt={attempt}"
        mine = sorted((j for j in seen.jobs.values() if j.name == o.order_id
                       and j.comment == comment and j.job_id not in known),
                      key=lambda j: int(j.job_id))
        if mine:  # submitted before a crash: adopt it (and cancel any stray twin)
            first = mine[0]
            step.writes.append(lambda s: jr.submitted(
                s, o.order_id, attempt, first.job_id, first.submit_time or jr.utcnow(),
                f"adopted Slurm job {first.job_id} after a restart"))
            step.counts["adopted"] += 1
            if mine[1:]:
                step.act = CancelTwins([j.job_id for j in mine[1:]])
            return
        cm = ClockMap(o.row["decided_clock"], o.row["ordered_at"], self.time_scale) \
            if o.row["decided_clock"] is not None else None
        step.act = Submit(
            attempt, batch_script(o.order_id, attempt, o.quote, o.job, self.time_scale,
                                  plan is not None), partition,
            f"gpu:{gres_type(o.quote.accelerator)}:{o.quote.count}",
            self._begin(o, snap, plan), NICE[priority(o.job)],
            interruptible(o.quote, o.job), comment,
            str(self.log_dir / f"{o.order_id}.{attempt}.out") if self.log_dir else None,
            seg.plan_rows(plan, cm) if plan is not None and cm is not None else None)

    def _begin(self, o: Order, snap: Snapshot,
               plan: list[seg.Segment] | None) -> datetime | None:
        """When Slurm may start the job: the decided start's delay after the decision.

        Decisions are made at a clock (often historical); the delay chosen (e.g. waiting
        for a low-carbon window) is kept, counted from when the order was made and scaled
        like the runtime (`time_scale` wall seconds per hour). The start is the one decided
        last: a re-check's move or release (of any attempt, so a retry waits for a start
        moved later while it is still ahead), else the quote's; for an interruptible plan,
        the first segment not yet over (None: every one is, the job runs now and overruns).
        """
        clock = o.row["decided_clock"]
        if clock is None:
            return None
        cm = ClockMap(clock, o.row["ordered_at"], self.time_scale)
        if plan is not None:
            return seg.first_begin(plan, cm, jr.utcnow())
        start = snap.applied.get(o.order_id, o.quote.start)
        return None if start <= clock else cm.wall(start)

    def _finish(self, step: Step, last: dict[str, Any], state: str, sj: SlurmJob | None,
                why: str | None, ended: datetime | None, code: int | None) -> None:
        order_id, attempt = step.order.order_id, last["attempt"]
        retry = state == "FAILED" and attempt <= self.max_retries

        def finished(s: Store) -> None:
            seg.close(s, order_id, attempt, ended)
            jr.observe(s, order_id, attempt, state, visible_at=jr.utcnow(),
                       started_at=sj.start_time if sj else None,
                       ended_at=ended or jr.utcnow(), reason=why,
                       nodes=sj.nodes if sj else None, exit_code=code,
                       requeues=sj.restarts if sj else last["requeues"],
                       job_status="PENDING" if retry else state, release=not retry)
            measure_attempt(s, order_id, attempt)
        step.writes.append(finished)
        step.counts["changed"] += 1
        if retry:
            self._retry(step, attempt, why)

    def _after(self, step: Step, last: dict[str, Any]) -> None:
        """The last attempt ended but the job is not final (a crash between the two)."""
        if last["state"] == "FAILED" and last["attempt"] <= self.max_retries:
            self._retry(step, last["attempt"], last["reason"])
        else:
            step.writes.append(lambda s: jr.observe(
                s, step.order.order_id, last["attempt"], last["state"], release=True,
                requeues=last["requeues"]))

    def _retry(self, step: Step, attempt: int, why: str | None) -> None:
        reason = f"retry {attempt} of {self.max_retries} after: {why}"
        step.writes.append(lambda s: jr.new_attempt(s, step.order.order_id, attempt + 1,
                                                    "slurm", reason))
        step.counts["retried"] += 1

    def act(self, step: Step, read: Read | None) -> tuple[Write, str | None]:
        """Put the step's act to Slurm (no store held).

        Returns the write that records its outcome, and the job it submitted (None: none).
        """
        a, order_id = step.act, step.order.order_id
        if isinstance(a, Submit):
            try:
                job_id = self.slurm.submit(
                    a.script, order_id, partition=a.partition, gres=a.gres, begin=a.begin,
                    nice=a.nice, requeue=a.requeue, comment=a.comment, output=a.output)
            except SlurmRejected as exc:
                why = f"Slurm rejected the job: {exc.reason}"

                def rejected(s: Store) -> None:
                    jr.reject(s, order_id, a.attempt, "slurm", why)
                    step.counts["rejected"] += 1
                return rejected, None
            at = jr.utcnow()

            def submitted(s: Store) -> None:
                jr.submitted(s, order_id, a.attempt, job_id, at,
                             f"sbatch job {job_id} on partition {a.partition}")
                if a.plan is not None:
                    js.insert_plan(s, order_id, a.attempt, a.plan)
                step.counts["submitted"] += 1
            return submitted, job_id
        if isinstance(a, CancelTwins):
            for twin in a.job_ids:
                self.slurm.cancel(twin)
            return (lambda s: None), None
        assert isinstance(a, Follow)
        refused = seg.Follower(self.slurm).act(a.move, a.sj.job_id)
        last = step.order.last
        assert last is not None

        def followed(s: Store) -> None:
            state = seg.Follower.after(s, order_id, a.attempt, a.recorded, a.sj, a.at,
                                       a.move, refused, a.now)
            sub = Step(step.order)
            self._observe(sub, last, replace(a.sj, state=state), None, read)
            for write in sub.writes:
                write(s)
            step.counts.update(sub.counts)
        return followed, None


def _as_recorded(o: Order, last: dict[str, Any], state: str, sj: SlurmJob,
                 started: datetime | None, gpus: str | None, reason: str | None) -> bool:
    """Whether `jr.observe` would change nothing: the pass need not write (nor hold) for it.

    It keeps every field it is given no new value for, so an attempt already in `state`
    (and its job), with these restarts, nodes, start and reason and no GPUs to add, is as is.
    """
    return (last.get("visible_at") is not None and o.row["status"] == state
            and last["state"] == state and last["requeues"] == sj.restarts
            and (started is None or last["started_at"] == started)
            and (not sj.nodes or last["nodes"] == sj.nodes) and gpus is None
            and (reason is None or last["reason"] == reason))


def launch_spec(store: Store, order_id: str, quote: Quote, job: JobSpec | None) -> None:
    """Store a cloud or marketplace order's SkyPilot launch spec (never launched here)."""
    task = skypilot.task_for(order_id, quote, job)
    if task is None:
        text = (f"# no launch spec: SkyPilot has no backend for provider "
                f"{quote.provider!r}; order {order_id} runs through that provider's "
                "own console or API\n")
        jr.save_launch_spec(store, order_id, "none", text, "not applicable")
        return
    text = skypilot.task_yaml(task)
    try:
        checked = skypilot.validate(text)
    except ValueError as exc:
        checked = f"rejected: {exc}"
    jr.save_launch_spec(store, order_id, "skypilot", text, checked)
