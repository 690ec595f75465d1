"""The console's tables: orders and jobs (sort, filter, cancel) and savings per user or team.

Read from the store in one short open each; the console renders them, tests call them.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from gridwise.errors import UserError
from gridwise.models import Decision, Quote
from gridwise.store import Store

JOB_COLUMNS = ("order_id", "decision_id", "user_id", "team", "provider", "region",
               "accelerator", "count", "start", "finish", "cost_usd", "kg_co2e",
               "order_status", "job_status", "engine_state", "created_at")
SORTABLE = {"created_at", "start", "cost_usd", "kg_co2e", "provider", "order_status"}
CANCELLABLE = ("SCHEDULED", "DEFERRED")
CARBON_BASIS = ("location-based: each option's energy (GPU power x hours x the site's PUE) "
                "times the life-cycle (LCA) grid intensity of its zone, hour by hour, for the "
                "hours it runs (sources: {sources})")


def jobs(store: Store, user: str | None = None, status: str | None = None,
         provider: str | None = None, sort: str = "created_at",
         descending: bool = True) -> list[dict[str, Any]]:
    """Orders with their job's status, newest first by default; filters are exact."""
    if sort not in SORTABLE:
        raise UserError(f"cannot sort by {sort!r}",
                        f"sort by one of: {', '.join(sorted(SORTABLE))}")
    where, params = [], []
    if user:
        where.append("c.user_id = ?")
        params.append(user)
    if status:
        where.append("(o.status = ? OR j.status = ?)")
        params += [status.upper(), status.upper()]
    if provider:
        where.append("o.record->>'provider' = ?")
        params.append(provider)
    order_by = {"cost_usd": "cost_usd", "kg_co2e": "kg_co2e", "provider": "provider",
                "order_status": "order_status", "start": "o.start",
                "created_at": "o.created_at"}[sort]
    rows = store.rows(
        "SELECT o.id AS order_id, o.decision_id, c.user_id, c.team, "
        "o.record->>'provider' AS provider, o.record->>'region' AS region, "
        "o.record->>'accelerator' AS accelerator, (o.record->>'count')::INTEGER AS count, "
        "o.start, (o.record->>'finish')::TIMESTAMP AS finish, "
        "(o.record->>'cost_usd')::DOUBLE AS cost_usd, "
        "(o.record->>'kg_co2e')::DOUBLE AS kg_co2e, o.status AS order_status, "
        "j.status AS job_status, o.created_at, "
        "(SELECT a.engine || coalesce(' ' || a.engine_job_id, '') || ': ' || a.state "
        " FROM job_attempts a WHERE a.order_id = o.id ORDER BY a.attempt DESC LIMIT 1) "
        "AS engine_state "
        "FROM orders o LEFT JOIN jobs j ON j.id = o.id "
        "LEFT JOIN console_decisions c ON c.decision_id = o.decision_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + f" ORDER BY {order_by} {'DESC' if descending else 'ASC'} NULLS LAST, o.id", params)
    return rows


def cancel_order(store: Store, order_id: str, by: str = "the console") -> dict[str, Any]:
    """Cancel an order that has not been handed to an engine: order, job and GPU hold.

    A job the dispatcher already submitted is cancelled where the engine is
    (`gridwise jobs cancel ID` runs `scancel`), so it is refused here with that hint.
    """
    from gridwise.records.jobs import attempts, cancelled
    from gridwise.records.orders import set_order_status

    row = store.rows("SELECT o.id, o.status, j.status AS job FROM orders o "
                     "LEFT JOIN jobs j ON j.id = o.id WHERE o.id = ?", [order_id])
    if not row:
        raise UserError(f"no order with id {order_id!r}", "pick one from the jobs view")
    state = row[0]["job"] or row[0]["status"]
    if row[0]["status"] not in CANCELLABLE or state not in CANCELLABLE:
        raise UserError(f"order {order_id} is {state}, so it cannot be cancelled here",
                        "only scheduled or deferred orders not yet dispatched can be")
    if any(a.get("engine_job_id") for a in attempts(store, order_id)):
        raise UserError(f"order {order_id} was already submitted to its engine",
                        f"cancel it there: gridwise jobs cancel {order_id}")
    cancelled(store, order_id, None, f"cancelled by {by}")
    with store.transaction() as con:
        set_order_status(con, order_id, "CANCELLED")
    return {"order_id": order_id, "status": "CANCELLED"}


@dataclass(frozen=True)
class Saving:
    """One ordered decision against running it at once (the baseline)."""

    decision_id: str
    user_id: str | None
    team: str | None
    chosen: Quote
    baseline: Quote | None
    basis: str

    @property
    def usd_saved(self) -> float | None:
        """Baseline cost minus the chosen option's cost (None without a baseline)."""
        return None if self.baseline is None else self.baseline.cost_usd - self.chosen.cost_usd

    @property
    def kg_saved(self) -> float | None:
        """Baseline CO2e minus the chosen option's (None without both figures)."""
        if self.baseline is None or self.baseline.kg_co2e is None or self.chosen.kg_co2e is None:
            return None
        return self.baseline.kg_co2e - self.chosen.kg_co2e


def baseline(decision: Decision, chosen: Quote, default_region: str | None) -> tuple[
        Quote | None, str]:
    """What running at once would have been, from the decision's own options, and how."""
    now = [q for q in decision.options if q.window == "now"]
    if default_region:
        there = [q for q in now if q.cluster == default_region]
        if there:
            return min(there, key=lambda q: q.finish), f"run at once in {default_region}"
    twin = [q for q in now if q.cluster == chosen.cluster and q.accelerator == chosen.accelerator
            and q.count == chosen.count]
    if twin:
        return min(twin, key=lambda q: q.finish), "run at once on the chosen cluster"
    return None, "no run-at-once option was recorded for this decision"


def savings(store: Store, default_region: str | None = None,
            user: str | None = None) -> list[Saving]:
    """Every live (not cancelled) order's saving against running it at once."""
    params: list[Any] = []
    sql = ("SELECT o.decision_id, o.record AS quote, d.record, c.user_id, c.team "
           "FROM orders o JOIN decisions d ON d.id = o.decision_id "
           "LEFT JOIN console_decisions c ON c.decision_id = o.decision_id "
           "WHERE o.status <> 'CANCELLED'")
    if user:
        sql += " AND c.user_id = ?"
        params.append(user)
    out = []
    for r in store.rows(sql + " ORDER BY o.created_at, o.id", params):
        decision = Decision.model_validate_json(r["record"])
        chosen = Quote.model_validate(json.loads(r["quote"]))
        base, basis = baseline(decision, chosen, default_region)
        out.append(Saving(r["decision_id"], r["user_id"], r["team"], chosen, base, basis))
    return out


def carbon_basis(store: Store) -> str:
    """The carbon accounting the savings use, naming the loaded carbon sources."""
    sources = [r["source"] for r in store.rows(
        "SELECT DISTINCT source FROM carbon_intensity ORDER BY 1")]
    return CARBON_BASIS.format(sources=", ".join(sources) or "none loaded")


def totals(rows: list[Saving], by: str = "user") -> list[dict[str, Any]]:
    """Savings summed per user or per team; decisions without a baseline are counted."""
    if by not in ("user", "team"):
        raise UserError(f"cannot group savings by {by!r}", "group by user or team")
    groups: dict[str, dict[str, Any]] = {}
    for s in rows:
        key = (s.user_id if by == "user" else s.team) or "(unknown)"
        g = groups.setdefault(key, {by: key, "orders": 0, "usd_saved": 0.0, "kg_co2e_saved": 0.0,
                                    "without_baseline": 0})
        g["orders"] += 1
        if s.usd_saved is None:
            g["without_baseline"] += 1
            continue
        g["usd_saved"] = round(g["usd_saved"] + s.usd_saved, 2)
        g["kg_co2e_saved"] = round(g["kg_co2e_saved"] + (s.kg_saved or 0.0), 3)
    return sorted(groups.values(), key=lambda g: str(g[by]))


def savings_csv(rows: list[Saving], basis: str) -> str:
    """One line per order, for carbon-credit or flexibility-market reporting."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["decision_id", "user", "team", "provider", "region", "accelerator", "count",
                "start", "cost_usd", "kg_co2e", "baseline_region", "baseline_start",
                "baseline_cost_usd", "baseline_kg_co2e", "usd_saved", "kg_co2e_saved",
                "baseline", "carbon_basis"])
    for s in rows:
        c, b = s.chosen, s.baseline
        w.writerow([s.decision_id, s.user_id or "", s.team or "", c.provider, c.region,
                    c.accelerator, c.count, c.start.isoformat(), round(c.cost_usd, 2),
                    "" if c.kg_co2e is None else round(c.kg_co2e, 3),
                    "" if b is None else b.cluster, "" if b is None else b.start.isoformat(),
                    "" if b is None else round(b.cost_usd, 2),
                    "" if b is None or b.kg_co2e is None else round(b.kg_co2e, 3),
                    "" if s.usd_saved is None else round(s.usd_saved, 2),
                    "" if s.kg_saved is None else round(s.kg_saved, 3), s.basis, basis])
    return buf.getvalue()
