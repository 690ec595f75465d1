"""The job lifecycle: the only writer of the job tables.

Those are `jobs`, `job_attempts`, `job_events`, `launch_specs` and `job_rechecks`. An
ordered job is written once (`insert_job`); the dispatcher then records each attempt on its
engine, every state change, every re-check of a deferred start
(`tools.dispatch.recheck`), and a cloud order's launch spec. Every change is one
transaction, so a dispatcher killed at any point leaves either the old state or the new
one, never half of it; a job that ends ends its GPU hold in the same transaction (through
`gridwise.records.reservations`). Times are naive UTC.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

import duckdb

from gridwise.models import JobSpec
from gridwise.records import reservations
from gridwise.store import Store


def insert_job(con: duckdb.DuckDBPyConnection, order_id: str, job: JobSpec,
               deferred: bool) -> None:
    """Record the job of an order inside the caller's transaction (once per order id).

    A job that starts after the clock is DEFERRED, else SCHEDULED.
    """
    con.execute(
        "INSERT INTO jobs VALUES (?, now()::TIMESTAMP, ?, ?) ON CONFLICT DO NOTHING",
        [order_id, job.model_dump_json(), "DEFERRED" if deferred else "SCHEDULED"])


#: Order-level job states the dispatcher no longer acts on.
FINAL = ("COMPLETED", "FAILED", "CANCELLED", "REJECTED", "LAUNCH_SPEC")
#: Attempt states that will not change any more.
ATTEMPT_DONE = ("COMPLETED", "FAILED", "CANCELLED", "REJECTED")


def utcnow() -> datetime:
    """Now, naive UTC (the store's convention)."""
    return datetime.now(UTC).replace(tzinfo=None)


def dispatchable(store: Store) -> list[dict[str, Any]]:
    """Confirmed orders whose job still needs the dispatcher, oldest first.

    Each row: order id, decision id, quote record, the job spec (None when the order
    carries none), the job's status (None: no jobs row yet), when the order was made and
    the decision's clock.
    """
    return store.rows(
        "SELECT o.id AS order_id, o.decision_id, o.record AS quote, o.created_at AS ordered_at, "
        "       j.spec, j.status, d.clock AS decided_clock "
        "FROM orders o LEFT JOIN jobs j ON j.id = o.id "
        "LEFT JOIN decisions d ON d.id = o.decision_id "
        "WHERE j.status IS NULL OR j.status NOT IN (SELECT unnest(?)) "
        "ORDER BY o.created_at, o.id", [list(FINAL)])


def attempts(store: Store, order_id: str) -> list[dict[str, Any]]:
    """Every attempt of an order, first first."""
    return store.rows("SELECT * FROM job_attempts WHERE order_id = ? ORDER BY attempt",
                      [order_id])


def attempts_of(store: Store, order_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Every attempt of each of `order_ids`, first first (orders without any absent): one read."""
    out: dict[str, list[dict[str, Any]]] = {}
    for r in store.rows("SELECT * FROM job_attempts WHERE order_id IN (SELECT unnest(?)) "
                        "ORDER BY order_id, attempt", [order_ids]):
        out.setdefault(r["order_id"], []).append(r)
    return out


def versions(store: Store, order_ids: list[str]) -> dict[str, tuple[Any, ...]]:
    """Each order's version, by order id (one read): what says its job changed.

    Its job's status and its last attempt's number, state, engine job and restarts. A pass
    writes what it decided for an order only if this is as it read it (another
    dispatcher, an operator's cancel).
    """
    rows = store.rows(
        "SELECT o.id, j.status, a.attempt, a.state, a.engine_job_id, a.requeues "
        "FROM orders o LEFT JOIN jobs j ON j.id = o.id LEFT JOIN (SELECT * FROM job_attempts "
        "QUALIFY row_number() OVER (PARTITION BY order_id ORDER BY attempt DESC) = 1) a "
        "ON a.order_id = o.id WHERE o.id IN (SELECT unnest(?))", [order_ids])
    return {r["id"]: (r["status"], r["attempt"], r["state"], r["engine_job_id"],
                      r["requeues"]) for r in rows}


def events(store: Store, order_id: str) -> list[dict[str, Any]]:
    """Every recorded state change of an order's attempts, in order."""
    return store.rows("SELECT attempt, ts, state, detail FROM job_events WHERE order_id = ? "
                      "ORDER BY rowid", [order_id])


def _event(con: Any, order_id: str, attempt: int, state: str, detail: str | None,
           ts: datetime | None = None) -> None:
    con.execute("INSERT INTO job_events VALUES (?, ?, ?, ?, ?)",
                [order_id, attempt, ts or utcnow(), state, detail])


def _job_status(con: Any, order_id: str, status: str, spec: str | None = None) -> None:
    con.execute("INSERT INTO jobs VALUES (?, ?, coalesce(?, '{}'), ?) ON CONFLICT (id) DO "
                "UPDATE SET status = excluded.status", [order_id, utcnow(), spec, status])


def new_attempt(store: Store, order_id: str, attempt: int, engine: str,
                reason: str | None = None, spec: str | None = None) -> None:
    """Record the intent to submit (state SUBMITTING) before the engine is called."""
    now = utcnow()
    with store.transaction() as con:
        con.execute("INSERT INTO job_attempts (order_id, attempt, engine, state, reason, "
                    "created_at) VALUES (?, ?, ?, 'SUBMITTING', ?, ?) ON CONFLICT DO NOTHING",
                    [order_id, attempt, engine, reason, now])
        _event(con, order_id, attempt, "SUBMITTING", reason, now)
        _job_status(con, order_id, "SUBMITTING", spec)


def submitted(store: Store, order_id: str, attempt: int, job_id: str,
              submitted_at: datetime, detail: str) -> None:
    """The engine accepted the attempt as `job_id`."""
    with store.transaction() as con:
        con.execute("UPDATE job_attempts SET engine_job_id = ?, state = 'SUBMITTED', "
                    "submitted_at = ? WHERE order_id = ? AND attempt = ?",
                    [job_id, submitted_at, order_id, attempt])
        _event(con, order_id, attempt, "SUBMITTED", detail, submitted_at)
        _job_status(con, order_id, "SUBMITTED")


def observe(store: Store, order_id: str, attempt: int, state: str, *,
            visible_at: datetime | None = None, started_at: datetime | None = None,
            ended_at: datetime | None = None, reason: str | None = None,
            nodes: str | None = None, gpus: str | None = None,
            exit_code: int | None = None, requeues: int = 0,
            job_status: str | None = None, release: bool = False) -> bool:
    """Record what the engine reports; returns True when the state changed.

    The attempt's times are only ever filled in (never cleared); the job's status follows
    (`job_status`, default the attempt's state); `release` ends the order's GPU hold in
    the same transaction.
    """
    row = store.rows("SELECT state, requeues FROM job_attempts WHERE order_id = ? AND "
                     "attempt = ?", [order_id, attempt])[0]
    changed = row["state"] != state or row["requeues"] != requeues
    with store.transaction() as con:
        con.execute(
            "UPDATE job_attempts SET state = ?, visible_at = coalesce(visible_at, ?), "
            "started_at = coalesce(?, started_at), ended_at = coalesce(?, ended_at), "
            "reason = coalesce(?, reason), nodes = coalesce(nullif(?, ''), nodes), "
            "gpus = coalesce(nullif(?, ''), gpus), exit_code = coalesce(?, exit_code), "
            "requeues = ? WHERE order_id = ? AND attempt = ?",
            [state, visible_at, started_at, ended_at, reason, nodes, gpus, exit_code,
             requeues, order_id, attempt])
        if row["requeues"] != requeues:
            _event(con, order_id, attempt, "REQUEUED",
                   f"the engine restarted the job ({requeues} restart(s) so far)")
        if row["state"] != state:
            ts = {"RUNNING": started_at, "PENDING": visible_at}.get(state) or ended_at
            _event(con, order_id, attempt, state, reason, ts)
        _job_status(con, order_id, job_status or state)
        if release:
            _release(order_id, store)
    return changed


def reject(store: Store, order_id: str, attempt: int, engine: str, reason: str) -> None:
    """The order cannot run on its engine: attempt, job and order REJECTED, hold ended."""
    now = utcnow()
    with store.transaction() as con:
        con.execute("INSERT INTO job_attempts (order_id, attempt, engine, state, created_at) "
                    "VALUES (?, ?, ?, 'REJECTED', ?) ON CONFLICT DO NOTHING",
                    [order_id, attempt, engine, now])
        con.execute("UPDATE job_attempts SET state = 'REJECTED', reason = ?, "
                    "ended_at = coalesce(ended_at, ?) WHERE order_id = ? AND attempt = ?",
                    [reason, now, order_id, attempt])
        _event(con, order_id, attempt, "REJECTED", reason, now)
        _job_status(con, order_id, "REJECTED")
        con.execute("UPDATE orders SET status = 'REJECTED' WHERE id = ?", [order_id])
        _release(order_id, store)


def set_energy(store: Store, order_id: str, attempt: int, kwh: float) -> None:
    """The attempt's energy measured from the NVML counter."""
    with store.transaction() as con:
        con.execute("UPDATE job_attempts SET measured_kwh = ? WHERE order_id = ? AND "
                    "attempt = ?", [kwh, order_id, attempt])


def _release(order_id: str, store: Store) -> None:
    """End the order's GPU hold now (idempotent), inside the caller's transaction."""
    reservations.release(store, order_id, utcnow())


def release_hold(store: Store, order_id: str) -> None:
    """End an order's GPU hold (e.g. a job rejected before it ever ran)."""
    with store.transaction():
        _release(order_id, store)


def cancelled(store: Store, order_id: str, attempt: int | None, reason: str) -> None:
    """The operator cancelled the order's job: attempt, job and hold end together."""
    now = utcnow()
    with store.transaction() as con:
        if attempt is not None:
            con.execute("UPDATE job_attempts SET state = 'CANCELLED', reason = ?, "
                        "ended_at = coalesce(ended_at, ?) WHERE order_id = ? AND attempt = ?",
                        [reason, now, order_id, attempt])
            _event(con, order_id, attempt, "CANCELLED", reason, now)
        _job_status(con, order_id, "CANCELLED")
        _release(order_id, store)


#: Re-check outcomes that changed nothing in the engine.
RECHECK_KEPT = ("kept", "no_forecast", "refused", "started", "not_applied")


def rechecks(store: Store, order_id: str) -> list[dict[str, Any]]:
    """Every re-check of an order's deferred start, first first (`job_rechecks` rows)."""
    return store.rows("SELECT * FROM job_rechecks WHERE order_id = ? ORDER BY ts, id",
                      [order_id])


def last_recheck(store: Store, order_id: str, attempt: int) -> dict[str, Any] | None:
    """The newest re-check of one attempt, or None."""
    return last_rechecks(store, [order_id]).get((order_id, attempt))


def last_rechecks(store: Store, order_ids: list[str]) -> dict[tuple[str, int], dict[str, Any]]:
    """The newest re-check of every attempt of `order_ids`, by (order id, attempt): one read."""
    rows = store.rows("SELECT * FROM job_rechecks WHERE order_id IN (SELECT unnest(?)) "
                      "QUALIFY row_number() OVER (PARTITION BY order_id, attempt "
                      "ORDER BY ts DESC, id DESC) = 1", [order_ids])
    return {(r["order_id"], r["attempt"]): r for r in rows}


def applied_starts(store: Store, order_ids: list[str]) -> dict[str, datetime]:
    """Each order's start as its newest moved or released re-check left it (any attempt).

    Orders no re-check moved or released are absent: one read for all of `order_ids`.
    """
    rows = store.rows("SELECT order_id, new_start FROM job_rechecks WHERE order_id IN "
                      "(SELECT unnest(?)) AND outcome IN ('moved', 'released') "
                      "QUALIFY row_number() OVER (PARTITION BY order_id "
                      "ORDER BY ts DESC, id DESC) = 1", [order_ids])
    return {r["order_id"]: r["new_start"] for r in rows}


def _insert_rechecks(con: Any, rows: list[dict[str, Any]]) -> list[str]:
    """Insert re-check rows (each with a new id) and their RECHECK events; returns the ids.

    Inside the caller's transaction; an intent (`outcome` 'pending') gets its event when
    `rechecks_done` completes it.
    """
    recs = [{"id": "rc-" + secrets.token_hex(6), **row} for row in rows]
    for cols in {tuple(r) for r in recs}:  # one statement per column set (one, in practice)
        con.executemany(f"INSERT INTO job_rechecks ({', '.join(cols)}) VALUES "
                        f"({', '.join('?' * len(cols))})",
                        [[r[c] for c in cols] for r in recs if tuple(r) == cols])
    events = [(r["order_id"], r["attempt"], r["ts"], "RECHECK", recheck_line(r))
              for r in recs if r["outcome"] != "pending"]
    if events:
        con.executemany("INSERT INTO job_events VALUES (?, ?, ?, ?, ?)", events)
    return [str(r["id"]) for r in recs]


def recheck(store: Store, row: dict[str, Any]) -> str:
    """Record one re-check; returns its id.

    A `job_rechecks` row, and a RECHECK event unless it is only an intent (`outcome`
    'pending', completed by `recheck_done`).
    """
    with store.transaction() as con:
        return _insert_rechecks(con, [row])[0]


def record_rechecks(store: Store, rows: list[dict[str, Any]],
                    expected: list[str | None]) -> list[str | None]:
    """Record a pass's re-checks in one transaction; each one's id, None where left out.

    A row is recorded only if its attempt's newest re-check is still `expected` (its id
    when the pass read it; None: there was none) and its job is not final. The check and
    the writes are one transaction, so what changed since the pass read (another
    dispatcher's re-check, an operator's `jobs cancel`) is never written over: that
    order's next pass looks again.
    """
    if not rows:
        return []
    ids = sorted({r["order_id"] for r in rows})
    with store.transaction() as con:
        last = {k: r["id"] for k, r in last_rechecks(store, ids).items()}
        status = {r["id"]: r["status"] for r in store.rows(
            "SELECT id, status FROM jobs WHERE id IN (SELECT unnest(?))", [ids])}
        keep = [last.get((r["order_id"], r["attempt"])) == want
                and status.get(r["order_id"]) not in FINAL
                for r, want in zip(rows, expected, strict=True)]
        made = iter(_insert_rechecks(con, [r for r, k in zip(rows, keep, strict=True) if k]))
    return [next(made) if k else None for k in keep]


def recheck_done(store: Store, rid: str, outcome: str, detail: str | None = None) -> None:
    """Complete a pending re-check with what the engine did, and write its RECHECK event."""
    rechecks_done(store, [(rid, outcome, detail)])


def rechecks_done(store: Store, outcomes: list[tuple[str, str, str | None]]) -> None:
    """Complete pending re-checks, (id, outcome, detail) each, in one transaction.

    Each gets its RECHECK event; one no longer pending (completed already) is left as is.
    """
    if not outcomes:
        return
    with store.transaction() as con:
        rows = {r["id"]: r for r in store.rows(
            "SELECT * FROM job_rechecks WHERE id IN (SELECT unnest(?))",
            [[rid for rid, _, _ in outcomes]])}
        for rid, outcome, detail in outcomes:
            row = rows[rid]
            if row["outcome"] != "pending":
                continue
            row |= {"outcome": outcome, "detail": detail or row["detail"]}
            con.execute("UPDATE job_rechecks SET outcome = ?, detail = ? WHERE id = ?",
                        [outcome, row["detail"], rid])
            _event(con, row["order_id"], row["attempt"], "RECHECK", recheck_line(row))


def recheck_line(r: dict[str, Any]) -> str:
    """One line a person reads: clock, forecast, old vs new start and values, outcome, why."""
    def at(v: float | None) -> str:
        return "" if v is None else f" ({v:.1f} {r['unit']})"

    made = (f"forecast made at {r['made_at']:%Y-%m-%d %H:%M} ({r['model']})"
            if r["made_at"] is not None else "no forecast")
    return (f"clock {r['clock']:%Y-%m-%d %H:%M}, {made}: start {r['old_start']:%Y-%m-%d %H:%M}"
            f"{at(r['old_value'])} -> {r['new_start']:%Y-%m-%d %H:%M}{at(r['new_value'])}, "
            f"{r['outcome']}: {r['why']}"
            + (f" [{r['detail']}]" if r["outcome"] in ("refused", "started", "not_applied")
               and r["detail"] else ""))


def save_launch_spec(store: Store, order_id: str, kind: str, spec: str, validated: str,
                     spec_json: str | None = None) -> None:
    """Store a cloud order's launch spec (once) and mark its job LAUNCH_SPEC."""
    with store.transaction() as con:
        con.execute("INSERT INTO launch_specs VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    [order_id, kind, spec, validated, utcnow()])
        _event(con, order_id, 0, "LAUNCH_SPEC",  # attempt 0: nothing was run by gridwise
               f"{kind} launch spec stored ({validated}); not launched by gridwise")
        _job_status(con, order_id, "LAUNCH_SPEC", spec_json)
