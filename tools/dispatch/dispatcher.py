"""The dispatcher: hands confirmed orders to their engine and records how they run.

On-prem orders go to Slurm (`sbatch`, job name = order id); cloud and marketplace orders
get a SkyPilot launch spec (never launched here). Each `tick` reconciles the store with
what Slurm reports, so a dispatcher killed at any point and started again loses and
duplicates nothing:

1. before `sbatch`, the attempt is recorded as SUBMITTING (committed);
2. a SUBMITTING attempt first looks for a Slurm job of that name whose comment names the
   attempt (`gridwise attempt=N`) and adopts it: the crash came after `sbatch`;
3. only if there is none is it submitted.

Failed runs are retried up to `max_retries` times, with the reason; GPU holds end with
the job (gridwise.job_runs writes every record).

A deferred job waiting in Slurm for its begin time is re-checked once per hour of the
decision's clock on the forecast made then, and its start kept, moved or released
(`tools.dispatch.recheck`; `redecide=False`, setting `GRIDWISE_DISPATCH_REDECIDE=false`,
turns it off). The re-check follows the same crash-safety rule: the intent is recorded
before Slurm is asked, and the next pass settles it with what Slurm reports. Its forecasts
(~100 ms per zone and hour) are made on the read-only reference file, and Slurm asked,
between short uses of the state file, never while the pass holds it; its reads and writes
are one transaction each for all the pass's waiting jobs (read, record, outcome).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from gridwise.errors import UserError
from gridwise.models import JobSpec, Quote
from gridwise.records import job_segments as js
from gridwise.records import jobs as jr
from gridwise.records.dispatcher_runs import heartbeat
from gridwise.store import Store
from gridwise.store_access import StoreAccess
from tools.dispatch import segments as seg
from tools.dispatch import skypilot
from tools.dispatch.launch import batch_script
from tools.dispatch.recheck import ClockMap, Due, Read, Rechecker, decided_start
from tools.dispatch.slurm import BROKEN, TERMINAL, Slurm, SlurmJob, SlurmRejected
from tools.energy import format_gpus, measure_attempt
from tools.forecast.signals import ForecastSignals, SignalSource

#: Slurm states -> the lifecycle state gridwise records.
LIFECYCLE = {"PENDING": "PENDING", "CONFIGURING": "RUNNING", "RUNNING": "RUNNING",
             "COMPLETING": "RUNNING", "SUSPENDED": "SUSPENDED", "REQUEUED": "PENDING",
             "REQUEUE_HOLD": "PENDING", "REQUEUE_FED": "PENDING", "RESIZING": "RUNNING",
             "COMPLETED": "COMPLETED", "CANCELLED": "CANCELLED"}
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
class Dispatcher:
    """One dispatcher process (its counters feed the heartbeat and the metrics).

    `redecide` turns the hourly re-check of waiting deferred jobs on (default) or off;
    `signals` are the forecasts it decides on (the quotes' default, `ForecastSignals`).
    """

    slurm: Slurm
    partitions: dict[str, str]
    max_retries: int = 2
    time_scale: float = 3600.0
    log_dir: Path | None = None
    redecide: bool = True
    signals: SignalSource = field(default_factory=ForecastSignals)
    run_id: str = field(default_factory=lambda: "disp-" + secrets.token_hex(4))
    started_at: datetime = field(default_factory=jr.utcnow)
    ticks: int = 0
    submitted: int = 0
    retries: int = 0
    _reads: StoreAccess | None = field(default=None, init=False, repr=False)

    def tick(self, data: Store | StoreAccess) -> dict[str, int]:
        """One reconcile pass over every order still in flight; returns what it did.

        `data`: a `StoreAccess` (the service), whose state file is taken briefly: to
        reconcile and read what the due re-checks need, then (only if any are due) to
        record them (the intents of moves and releases), and to record what Slurm did with
        those. Their forecasts are made on the reference file, and Slurm is asked, between
        those uses, so other commands get the state file meanwhile. Or a `Store` the
        caller holds (tests, benches): every use is on it, the forecasts still read the
        reference file.
        """
        done: dict[str, int] = {"submitted": 0, "adopted": 0, "changed": 0, "retried": 0,
                                "rejected": 0, "launch_specs": 0, "rechecked": 0,
                                "moved": 0, "released": 0}
        access, state = self._access(data)
        self.ticks += 1
        due: list[Due] = []
        checker = self._rechecker
        with state() as store, self._beating(store):
            todo = jr.dispatchable(store)
            onprem = [o for o in todo if Quote.model_validate_json(o["quote"]).kind == "onprem"]
            seen = self.slurm.jobs() if onprem else {}
            read = checker.read(store, [o["order_id"] for o in onprem]) \
                if self.redecide and onprem else None   # every job's, in one transaction
            for row in todo:
                self._one(store, row, seen, done, due, read)
        with self._reported(state):   # the state file is free meanwhile ...
            made = checker.forecast(access, due)
        if not made:
            return done
        with state() as store, self._beating(store):
            asks = checker.record(store, made, done)   # one transaction for every job
        with self._reported(state):   # ... and while Slurm is asked
            said = [(a, checker.ask(a)) for a in asks]
        if said:
            with state() as store, self._beating(store):
                checker.outcome(store, said, done)     # one transaction
        return done

    def _access(self, data: Store | StoreAccess) -> tuple[
            StoreAccess, Callable[[], AbstractContextManager[Store]]]:
        """The reference reads and the state uses of a pass over `data`."""
        if isinstance(data, StoreAccess):
            return data, data.state
        if (self._reads is None or data.path == ":memory:"
                or self._reads.db_file != data.path):  # one reference database per file
            self._reads = StoreAccess.of(data)
        return self._reads, lambda: nullcontext(data)

    @contextmanager
    def _beating(self, store: Store) -> Iterator[None]:
        """Write the heartbeat on leaving a use of the state file (with a `UserError`'s)."""
        error = None
        try:
            yield
        except UserError as exc:
            error = exc.message
            raise
        finally:
            heartbeat(store, self.run_id, os.getpid(), self.started_at, self.ticks,
                      self.submitted, self.retries, error)

    @contextmanager
    def _reported(self, state: Callable[[], AbstractContextManager[Store]]) -> Iterator[None]:
        """Work done off the state file: a `UserError` still reaches the heartbeat."""
        try:
            yield
        except UserError as exc:
            with state() as store:
                heartbeat(store, self.run_id, os.getpid(), self.started_at, self.ticks,
                          self.submitted, self.retries, exc.message)
            raise

    def _one(self, store: Store, row: dict[str, Any], seen: dict[str, SlurmJob],
             done: dict[str, int], due: list[Due], read: Read | None) -> None:
        order_id = row["order_id"]
        quote = Quote.model_validate_json(row["quote"])
        job = JobSpec.model_validate_json(row["spec"]) if row["spec"] and row["spec"] != "{}" \
            else None
        if quote.kind != "onprem":
            self._launch_spec(store, order_id, quote, job)
            done["launch_specs"] += 1
            return
        partition = self.partitions.get(quote.cluster)
        if partition is None:
            jr.reject(store, order_id, 1, "slurm",
                      f"cluster {quote.cluster!r} has no Slurm mapping: add it to "
                      f"{SETTING_PARTITIONS} (JSON: cluster id -> partition)")
            done["rejected"] += 1
            return
        tries = jr.attempts(store, order_id)
        if not tries:
            jr.new_attempt(store, order_id, 1, "slurm", None)
            tries = jr.attempts(store, order_id)
        last = tries[-1]
        plan = seg.plan_of(quote)
        if isinstance(plan, str) and last["state"] == "SUBMITTING":
            jr.reject(store, order_id, last["attempt"], "slurm",
                      f"the interruptible plan cannot be followed: {plan}; nothing was "
                      "submitted. To fix: quote the job again (gridwise never reorders or "
                      "merges a plan it was given)")
            done["rejected"] += 1
            return
        plan = plan if isinstance(plan, list) else None
        if last["state"] == "SUBMITTING":
            self._submit(store, order_id, last["attempt"], quote, job, partition, row,
                         {t["engine_job_id"] for t in tries}, seen, done, plan)
            return
        if last["state"] in jr.ATTEMPT_DONE:
            self._after(store, order_id, last, quote, job, done)
            return
        sj = seen.get(str(last["engine_job_id"])) or self.slurm.accounting(
            str(last["engine_job_id"]))
        if sj is None:
            self._finish(store, order_id, last, "FAILED", None,
                         f"Slurm no longer knows job {last['engine_job_id']} (purged, no "
                         "accounting to ask, or the controller lost its state)", None, None,
                         done, quote, job)
            return
        if plan is not None and row["decided_clock"] is not None:  # suspend / resume
            cm = ClockMap(row["decided_clock"], row["ordered_at"], self.time_scale)
            sj = replace(sj, state=seg.Follower(self.slurm).follow(
                store, order_id, last["attempt"], last["state"], sj, plan, cm))
        state = LIFECYCLE.get(sj.state, "FAILED" if sj.state in BROKEN else "PENDING")
        recheck = read.last.get((order_id, last["attempt"])) if read is not None else None
        if read is not None and state != "PENDING":  # a re-check cut short, then it went on
            Rechecker.settle(store, recheck, sj)
        if sj.state in TERMINAL:
            why = None if state == "COMPLETED" else \
                f"Slurm state {sj.state}, exit code {sj.exit_code}, reason {sj.reason}"
            self._finish(store, order_id, last, state, sj, why, sj.end_time, sj.exit_code,
                         done, quote, job)
            return
        gpus = None  # which GPUs it got: Slurm tells only while the job runs
        if state == "RUNNING" and not last["gpus"]:
            gpus = format_gpus(self.slurm.gpu_indices(sj.job_id)) or None
        if jr.observe(store, order_id, last["attempt"], state, visible_at=jr.utcnow(),
                      started_at=sj.start_time if state == "RUNNING" else None,
                      nodes=sj.nodes, gpus=gpus, requeues=sj.restarts,
                      reason=sj.reason if state == "PENDING" and sj.reason != "None" else None):
            done["changed"] += 1
        if read is not None and state == "PENDING":
            d = self._rechecker.due(row, last["attempt"], sj, quote, job,
                                    Rechecker.settle(store, recheck, sj), read,
                                    segmented=plan is not None)
            if d is not None:
                due.append(d)

    @property
    def _rechecker(self) -> Rechecker:
        return Rechecker(self.slurm, self.signals, self.time_scale)

    def _submit(self, store: Store, order_id: str, attempt: int, quote: Quote,
                job: JobSpec | None, partition: str, row: dict[str, Any], known: set[Any],
                seen: dict[str, SlurmJob], done: dict[str, int],
                plan: list[seg.Segment] | None) -> None:
        comment = f"gridwise attempt={attempt}"
        mine = sorted((j for j in seen.values() if j.name == order_id and j.comment == comment
                       and j.job_id not in known), key=lambda j: int(j.job_id))
        if mine:  # submitted before a crash: adopt it (and cancel any stray twin)
            for twin in mine[1:]:
                self.slurm.cancel(twin.job_id)
            jr.submitted(store, order_id, attempt, mine[0].job_id,
                         mine[0].submit_time or jr.utcnow(),
                         f"adopted Slurm job {mine[0].job_id} after a restart")
            done["adopted"] += 1
            return
        script = batch_script(order_id, attempt, quote, job, self.time_scale, plan is not None)
        output = str(self.log_dir / f"{order_id}.{attempt}.out") if self.log_dir else None
        try:
            job_id = self.slurm.submit(
                script, order_id, partition=partition,
                gres=f"gpu:{gres_type(quote.accelerator)}:{quote.count}",
                begin=self._begin(store, quote, row, plan), nice=NICE[priority(job)],
                requeue=interruptible(quote, job), comment=comment, output=output)
        except SlurmRejected as exc:
            jr.reject(store, order_id, attempt, "slurm",
                      f"Slurm rejected the job: {exc.reason}")
            done["rejected"] += 1
            return
        jr.submitted(store, order_id, attempt, job_id, jr.utcnow(),
                     f"sbatch job {job_id} on partition {partition}")
        if plan is not None and row["decided_clock"] is not None:
            js.insert_plan(store, order_id, attempt, seg.plan_rows(
                plan, ClockMap(row["decided_clock"], row["ordered_at"], self.time_scale)))
        self.submitted += 1
        done["submitted"] += 1

    def _begin(self, store: Store, quote: Quote, row: dict[str, Any],
               plan: list[seg.Segment] | None) -> datetime | None:
        """When Slurm may start the job: the decided start's delay after the decision.

        Decisions are made at a clock (often historical); the delay chosen (e.g. waiting
        for a low-carbon window) is kept, counted from when the order was made and scaled
        like the runtime (`time_scale` wall seconds per hour). The start is the one decided
        last: a re-check's move or release (of any attempt, so a retry waits for a start
        moved later while it is still ahead), else the quote's; for an interruptible plan,
        the first segment not yet over (None: every one is, the job runs now and overruns).
        """
        clock = row["decided_clock"]
        if clock is None:
            return None
        cm = ClockMap(clock, row["ordered_at"], self.time_scale)
        if plan is not None:
            return seg.first_begin(plan, cm, jr.utcnow())
        start = decided_start(store, row["order_id"], quote)
        return None if start <= clock else cm.wall(start)

    def _finish(self, store: Store, order_id: str, last: dict[str, Any], state: str,
                sj: SlurmJob | None, why: str | None, ended: datetime | None,
                code: int | None, done: dict[str, int], quote: Quote,
                job: JobSpec | None) -> None:
        retry = state == "FAILED" and last["attempt"] <= self.max_retries
        seg.close(store, order_id, last["attempt"], ended)
        jr.observe(store, order_id, last["attempt"], state, visible_at=jr.utcnow(),
                   started_at=sj.start_time if sj else None, ended_at=ended or jr.utcnow(),
                   reason=why, nodes=sj.nodes if sj else None, exit_code=code,
                   requeues=sj.restarts if sj else last["requeues"],
                   job_status="PENDING" if retry else state, release=not retry)
        measure_attempt(store, order_id, last["attempt"])
        done["changed"] += 1
        if retry:
            self._retry(store, order_id, last["attempt"], why, done)

    def _after(self, store: Store, order_id: str, last: dict[str, Any], quote: Quote,
               job: JobSpec | None, done: dict[str, int]) -> None:
        """The last attempt ended but the job is not final (a crash between the two)."""
        if last["state"] == "FAILED" and last["attempt"] <= self.max_retries:
            self._retry(store, order_id, last["attempt"], last["reason"], done)
        else:
            jr.observe(store, order_id, last["attempt"], last["state"], release=True,
                       requeues=last["requeues"])

    def _retry(self, store: Store, order_id: str, attempt: int, why: str | None,
               done: dict[str, int]) -> None:
        jr.new_attempt(store, order_id, attempt + 1, "slurm",
                       f"retry {attempt} of {self.max_retries} after: {why}")
        self.retries += 1
        done["retried"] += 1

    def _launch_spec(self, store: Store, order_id: str, quote: Quote,
                     job: JobSpec | None) -> None:
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


def cancel(store: Store, slurm: Slurm, order_id: str) -> str:
    """Cancel an order's job in Slurm and in the store; returns what was done.

    Raises:
        UserError: no such order, or its job already ended.
    """
    rows = store.rows("SELECT j.status, o.record FROM orders o LEFT JOIN jobs j ON j.id = o.id "
                      "WHERE o.id = ?", [order_id])
    if not rows:
        raise UserError(f"no order {order_id!r}", "list them with `gridwise jobs list`")
    if rows[0]["status"] in jr.FINAL:
        raise UserError(f"order {order_id}'s job already ended ({rows[0]['status']})",
                        "nothing to cancel; see `gridwise jobs show " + order_id + "`")
    tries = jr.attempts(store, order_id)
    ids = {t["engine_job_id"] for t in tries if t["engine_job_id"]}
    if Quote.model_validate_json(rows[0]["record"]).kind == "onprem":
        # also any job submitted just before a dispatcher crash, not yet recorded
        ids |= {j.job_id for j in slurm.jobs().values() if j.name == order_id}
        for job_id in sorted(ids):
            slurm.cancel(job_id)
    jr.cancelled(store, order_id, tries[-1]["attempt"] if tries else None,
                 "cancelled by the operator (gridwise jobs cancel)")
    return f"cancelled {order_id}" + (f" (Slurm job {', '.join(sorted(ids))})" if ids else "")
