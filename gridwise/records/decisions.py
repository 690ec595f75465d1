"""Decision records (`decisions`, `quotes`): the only writer of both tables.

Save, load, list (the log reports and the console read), and the two later updates a
decision gets: its explanation and the pathway the operator chose.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from gridwise.errors import UserError, suggest
from gridwise.models import Decision
from gridwise.store import Store


def new_decision_id(now: datetime | None = None) -> str:
    """A sortable, readable id: `d-YYYYMMDD-HHMMSS-xxxx`."""
    import secrets

    now = now or datetime.now(UTC)
    return f"d-{now:%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


def save_decision(store: Store, decision: Decision) -> str:
    """Insert the decision and its quotes in one transaction; returns its id."""
    record = decision.model_dump_json()
    with store.transaction() as con:
        con.execute(
            "INSERT INTO decisions VALUES (?, ?, ?, ?, NULL, ?, ?)",
            [decision.id, decision.created_at, decision.clock, decision.request_text,
             decision.chosen, record],
        )
        for i, q in enumerate(decision.options):
            con.execute(
                "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [decision.id, i, q.cluster, q.accelerator, q.count, q.start, q.finish,
                 q.cost_usd, q.kg_co2e if q.kg_co2e is not None else -1.0,
                 q.model_dump_json()],
            )
    return decision.id


def load_decision(store: Store, decision_id: str) -> Decision:
    """The decision with this id; an unknown id suggests close and recent ids."""
    row = store.conn.execute("SELECT record FROM decisions WHERE id = ?",
                             [decision_id]).fetchone()
    if row is None:
        recent = [d["id"] for d in recent_decisions(store, 5)]
        close = suggest(decision_id, [r[0] for r in store.conn.execute(
            "SELECT id FROM decisions").fetchall()])
        shown = close or recent
        hint = ("did you mean " + " or ".join(repr(i) for i in shown) + "?") if shown else \
            "make one with `gridwise quote --spec FILE --save` (no decisions are stored yet)"
        raise UserError(f"no decision with id {decision_id!r}", hint)
    return Decision.model_validate_json(row[0])


def recent_decisions(store: Store, limit: int = 20) -> list[dict[str, Any]]:
    """The newest decisions: id, time, clock, chosen pathway, request."""
    return store.rows(
        "SELECT id, created_at, clock, chosen, request_text FROM decisions "
        "ORDER BY created_at DESC, id DESC LIMIT ?", [limit])


def set_explanation(store: Store, decision_id: str, explanation: dict[str, Any]) -> None:
    """Attach the verified explanation to a stored decision."""
    store.conn.execute(
        "UPDATE decisions SET record = json_merge_patch(record, ?) WHERE id = ?",
        [json.dumps({"explanation": explanation}, default=str), decision_id])


def set_chosen(store: Store, decision_id: str, pathway: str) -> None:
    """Record the pathway the operator chose (and the order went to)."""
    store.conn.execute(
        "UPDATE decisions SET chosen = ?, record = json_merge_patch(record, ?) WHERE id = ?",
        [pathway, json.dumps({"chosen": pathway}), decision_id])


def link_job(store: Store, decision_id: str, job_id: str) -> None:
    """The decision names the job (order id) it led to (`decisions.job_id`)."""
    store.conn.execute("UPDATE decisions SET job_id = ? WHERE id = ?", [job_id, decision_id])
