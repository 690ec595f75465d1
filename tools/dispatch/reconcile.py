"""The steps of a dispatcher pass that touch the state file or Slurm, and what they carry.

A pass (`Dispatcher.tick`) never asks Slurm while it holds the state file:

1. `read_pass` (state file, one transaction): every order in flight, its attempts, its
   plan's segments, its version (`jr.versions`) and what the re-checks need;
2. `ask_slurm` (state file free): `squeue`, then `sacct` for a job squeue no longer
   shows and `scontrol` for the GPUs of a job that runs;
3. decide (`tools.dispatch.decide`, pure): each order's writes and its one act;
4. `write_pass` (state file, one transaction): the writes of every order whose version
   is still the one read; an order changed meanwhile (an operator's `jobs cancel`, another
   dispatcher) gets none of this pass's writes or acts, and its next pass looks again;
5. the acts (state file free): `sbatch`, `scancel` of stray twins, suspend / resume;
6. `record_outcomes` (state file, one transaction): what Slurm did, for every order
   still as the write left it; a job submitted for an order cancelled meanwhile is
   returned, to be cancelled in Slurm too.

Crash safety is the one of `tools.dispatch.dispatcher`: an attempt is SUBMITTING, and
committed (step 4, or an earlier pass), before step 5 submits it, and a SUBMITTING attempt
is first looked for in Slurm by its job name and comment.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from gridwise.models import JobSpec, Quote
from gridwise.records import job_segments as js
from gridwise.records import jobs as jr
from gridwise.store import Store
from tools.dispatch.recheck import Read, Rechecker
from tools.dispatch.segments import Move, Phase
from tools.dispatch.slurm import Slurm, SlurmJob
from tools.energy import format_gpus

#: Slurm states -> the lifecycle state gridwise records.
LIFECYCLE = {"PENDING": "PENDING", "CONFIGURING": "RUNNING", "RUNNING": "RUNNING",
             "COMPLETING": "RUNNING", "SUSPENDED": "SUSPENDED", "REQUEUED": "PENDING",
             "REQUEUE_HOLD": "PENDING", "REQUEUE_FED": "PENDING", "RESIZING": "RUNNING",
             "COMPLETED": "COMPLETED", "CANCELLED": "CANCELLED"}
#: A write of the pass, run inside its one transaction.
Write = Callable[[Store], object]


@dataclass(frozen=True)
class Order:
    """One order in flight as the pass read it."""

    row: dict[str, Any]              # its `jr.dispatchable` row
    quote: Quote
    job: JobSpec | None
    tries: list[dict[str, Any]]      # its attempts, first first
    segments: list[dict[str, Any]]   # its last attempt's plan rows (empty: none)
    version: tuple[Any, ...] | None  # `jr.versions`: the write checks it is unchanged

    @property
    def order_id(self) -> str:
        """The order's id."""
        return str(self.row["order_id"])

    @property
    def last(self) -> dict[str, Any] | None:
        """Its last attempt (None: none yet)."""
        return self.tries[-1] if self.tries else None


@dataclass(frozen=True)
class Snapshot:
    """What a pass read, in one transaction."""

    orders: list[Order]
    read: Read | None               # the re-checks' reads (None: re-checking is off)
    applied: dict[str, datetime]    # each on-prem order's start as re-checks left it


@dataclass(frozen=True)
class Seen:
    """What Slurm said this pass."""

    jobs: dict[str, SlurmJob]           # squeue, by job id
    of: dict[str, SlurmJob | None]      # each watched order's last attempt's job (None: gone)
    gpus: dict[str, str | None]         # the GPUs of a running job not yet recorded


@dataclass(frozen=True)
class Submit:
    """sbatch an attempt recorded SUBMITTING (and committed)."""

    attempt: int
    script: str
    partition: str
    gres: str
    begin: datetime | None
    nice: int
    requeue: bool
    comment: str
    output: str | None
    plan: list[dict[str, Any]] | None   # the plan's `job_segments` rows, written with it


@dataclass(frozen=True)
class CancelTwins:
    """scancel jobs submitted twice for one attempt before a crash (one was adopted)."""

    job_ids: list[str]


@dataclass(frozen=True)
class Follow:
    """Suspend or resume a job between its plan's segments."""

    attempt: int
    sj: SlurmJob
    at: tuple[Phase, int]
    move: Move
    recorded: str          # the attempt's state as the write left it
    now: datetime


Act = Submit | CancelTwins | Follow


@dataclass
class Step:
    """What a pass decided for one order: its writes, counts, act and re-check."""

    order: Order
    writes: list[Write] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    act: Act | None = None
    waiting: SlurmJob | None = None          # PENDING in Slurm: a re-check may be due
    recheck: dict[str, Any] | None = None    # its last re-check, settled by the write


def read_pass(store: Store, redecide: bool) -> Snapshot:
    """Everything a pass decides on, in one transaction."""
    with store.transaction():
        todo = jr.dispatchable(store)
        ids = [r["order_id"] for r in todo]
        tries = jr.attempts_of(store, ids)
        versions = jr.versions(store, ids)
        segments = js.segments_of(store, ids)
        orders = []
        for r in todo:
            mine = tries.get(r["order_id"], [])
            spec = r["spec"]
            orders.append(Order(
                r, Quote.model_validate_json(r["quote"]),
                JobSpec.model_validate_json(spec) if spec and spec != "{}" else None, mine,
                segments.get((r["order_id"], mine[-1]["attempt"]), []) if mine else [],
                versions.get(r["order_id"])))
        onprem = [o.order_id for o in orders if o.quote.kind == "onprem"]
        read = Rechecker.read(store, onprem) if redecide and onprem else None
        applied = read.applied if read is not None else jr.applied_starts(store, onprem)
    return Snapshot(orders, read, applied)


def ask_slurm(slurm: Slurm, snap: Snapshot, partitions: dict[str, str]) -> Seen:
    """What Slurm says of the pass's on-prem orders (no store is used)."""
    onprem = [o for o in snap.orders
              if o.quote.kind == "onprem" and o.quote.cluster in partitions]
    jobs = slurm.jobs() if onprem else {}
    of: dict[str, SlurmJob | None] = {}
    gpus: dict[str, str | None] = {}
    for o in onprem:
        last = o.last
        if last is None or last["state"] == "SUBMITTING" or last["state"] in jr.ATTEMPT_DONE:
            continue
        job_id = str(last["engine_job_id"])
        sj = jobs.get(job_id) or slurm.accounting(job_id)
        of[o.order_id] = sj
        if sj is not None and LIFECYCLE.get(sj.state) == "RUNNING" and not last["gpus"]:
            # which GPUs it got: Slurm tells only while the job runs
            gpus[o.order_id] = format_gpus(slurm.gpu_indices(sj.job_id)) or None
    return Seen(jobs, of, gpus)


def write_pass(store: Store, steps: list[Step]) -> tuple[list[Step], dict[str, Any]]:
    """Write the steps of every order unchanged since the read, in one transaction.

    Returns the steps written and the versions they left for those with an act (the
    outcomes are recorded only over those).
    """
    with store.transaction():
        now = jr.versions(store, [s.order.order_id for s in steps])
        kept = [s for s in steps if now.get(s.order.order_id) == s.order.version]
        for s in kept:
            for write in s.writes:
                write(store)
        left = jr.versions(store, [s.order.order_id for s in kept if s.act is not None])
    return kept, left


def record_outcomes(store: Store, said: list[tuple[Step, Write, str | None]],
                    left: dict[str, Any]) -> list[str]:
    """Record what Slurm did, in one transaction, for each order still as written.

    `said`: (step, its outcome's write, the Slurm job it submitted or None). Returns the
    jobs submitted for orders changed meanwhile (cancelled: they are to be scancelled).
    """
    with store.transaction():
        now = jr.versions(store, [s.order.order_id for s, _, _ in said])
        strays = []
        for step, write, job_id in said:
            if now.get(step.order.order_id) == left.get(step.order.order_id):
                write(store)
            elif job_id is not None:
                strays.append(job_id)
    return strays
