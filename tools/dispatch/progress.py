"""An order's state as its engine reports it, for Beckn `on_status`.

The dispatcher records what Slurm says; this maps it onto the Beckn fulfillment states:
not yet submitted (or a cloud order with only a launch spec, which gridwise cannot see
run) is SCHEDULED; in the engine's queue QUEUED; then RUNNING, COMPLETED, or FAILED for a
run that failed its retries, was rejected or cancelled (the order itself then CANCELLED).
A job suspended between the segments of its interruptible plan is RUNNING: under way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from gridwise.store import Store

#: Recorded job state -> Beckn fulfillment state.
BECKN_STATE = {"SUBMITTING": "QUEUED", "SUBMITTED": "QUEUED", "PENDING": "QUEUED",
               "RUNNING": "RUNNING", "SUSPENDED": "RUNNING", "COMPLETED": "COMPLETED",
               "FAILED": "FAILED",
               "REJECTED": "FAILED", "CANCELLED": "FAILED"}


@dataclass(frozen=True)
class EngineProgress:
    """What on_status reports for an order."""

    state: str
    order_status: str | None
    updated_at: datetime | None
    energy_used_kwh: float | None
    engine_state: str


def engine_progress(store: Store, order_id: str) -> EngineProgress:
    """The order's job state from the dispatch records (SCHEDULED before any submit)."""
    job = store.rows("SELECT status FROM jobs WHERE id = ?", [order_id])
    status = job[0]["status"] if job else "ORDERED"
    last = store.rows("SELECT max(ts) AS ts FROM job_events WHERE order_id = ?", [order_id])
    kwh = store.rows("SELECT sum(measured_kwh) AS k FROM job_attempts WHERE order_id = ?",
                     [order_id])[0]["k"]
    return EngineProgress(state=BECKN_STATE.get(status, "SCHEDULED"),
                          order_status="CANCELLED" if status == "CANCELLED" else None,
                          updated_at=last[0]["ts"] if last else None,
                          energy_used_kwh=kwh, engine_state=status)
