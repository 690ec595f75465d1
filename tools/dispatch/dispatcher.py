"""The dispatcher: hands confirmed orders to their engine and records how they run.

On-prem orders go to Slurm (`sbatch`, job name = order id); cloud and marketplace orders
get a SkyPilot launch spec (never launched here). Each `tick` reconciles the store with
what Slurm reports, so a dispatcher killed at any point and started again loses and
duplicates nothing:

1. before `sbatch`, the attempt is recorded as SUBMITTING (committed);
2. a SUBMITTING attempt first looks for a Slurm job of that name whose comment names the
   attempt (`gridwise attempt=N`) and adopts it: the crash came after `sbatch`;
3. only if there is none is it submitted.

Slurm is never asked while the pass holds the state file: a pass reads (one transaction),
asks Slurm, decides, writes what it decided (one transaction, for orders no operator or
other dispatcher changed meanwhile), submits, and records what Slurm did (one
transaction): `tools.dispatch.reconcile`, `tools.dispatch.decide`.

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
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from gridwise.errors import UserError
from gridwise.models import Quote
from gridwise.records import jobs as jr
from gridwise.records.dispatcher_runs import heartbeat
from gridwise.store import Store
from gridwise.store_access import StoreAccess
from tools.dispatch import reconcile as rp
from tools.dispatch import segments as seg
from tools.dispatch.decide import (
    NICE,
    SETTING_PARTITIONS,
    Decider,
    gres_type,
    interruptible,
    priority,
)
from tools.dispatch.recheck import Rechecker
from tools.dispatch.reconcile import LIFECYCLE
from tools.dispatch.slurm import Slurm
from tools.forecast.signals import ForecastSignals, SignalSource

__all__ = ["LIFECYCLE", "NICE", "SETTING_PARTITIONS", "Dispatcher", "cancel", "gres_type",
           "interruptible", "priority"]


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

        `data`: a `StoreAccess` (the service), whose state file is taken only for the
        pass's reads and writes (`tools.dispatch.reconcile`): one transaction to read,
        one to write what Slurm said (for orders unchanged since the read), one to record
        what sbatch and scontrol did, and the re-checks' (to read is shared with the
        first). Slurm is asked, and the re-checks' forecasts made (on the reference
        file), between those uses, so other commands get the state file meanwhile. Or a
        `Store` the caller holds (tests, benches): every use is on it.
        """
        done: dict[str, int] = {"submitted": 0, "adopted": 0, "changed": 0, "retried": 0,
                                "rejected": 0, "launch_specs": 0, "rechecked": 0,
                                "moved": 0, "released": 0}
        access, state = self._access(data)
        self.ticks += 1
        with state() as store, self._beating(store):
            snap = rp.read_pass(store, self.redecide)
        with self._reported(state):   # the state file is free while Slurm is asked ...
            seen = rp.ask_slurm(self.slurm, snap, self.partitions)
        decider = self._decider
        steps = [decider.decide(o, snap, seen) for o in snap.orders]
        kept = [s for s in steps if not s.writes and s.act is None]  # nothing to write
        writing = [s for s in steps if s.writes or s.act is not None]
        if writing:
            with state() as store, self._beating(store):
                written, left = rp.write_pass(store, writing)  # one transaction for all
            kept += written
            with self._reported(state):   # ... and while it submits, cancels, suspends
                said = [(s, *decider.act(s, snap.read)) for s in kept if s.act is not None]
            if said:
                with state() as store, self._beating(store):
                    strays = rp.record_outcomes(store, said, left)   # one transaction
                with self._reported(state):  # submitted for an order cancelled meanwhile
                    for job_id in strays:
                        self.slurm.cancel(job_id)
        for s in kept:
            for k, n in s.counts.items():
                done[k] += n
        self.submitted += sum(s.counts["submitted"] for s in kept)
        self.retries += sum(s.counts["retried"] for s in kept)
        if snap.read is None:
            return done
        checker = self._rechecker
        due = [d for s in kept if s.waiting is not None and (d := checker.due(
            s.order.row, s.order.tries[-1]["attempt"], s.waiting, s.order.quote,
            s.order.job, s.recheck, snap.read,
            segmented=isinstance(seg.plan_of(s.order.quote), list))) is not None]
        with self._reported(state):   # the state file is free meanwhile ...
            made = checker.forecast(access, due)
        if not made:
            return done
        with state() as store, self._beating(store):
            asks = checker.record(store, made, done)   # one transaction for every job
        with self._reported(state):   # ... and while Slurm is asked
            answers = [(a, checker.ask(a)) for a in asks]
        if answers:
            with state() as store, self._beating(store):
                checker.outcome(store, answers, done)     # one transaction
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

    @property
    def _rechecker(self) -> Rechecker:
        return Rechecker(self.slurm, self.signals, self.time_scale)

    @property
    def _decider(self) -> Decider:
        return Decider(self.slurm, self.partitions, self.max_retries, self.time_scale,
                       self.log_dir)


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
