"""The coordinator (the Beckn BAP): aggregates catalogs, ranks, supervises, orders.

The numbers come from the cluster agents' catalogs and tools.ranking; the LLM may only
pick the recommended pathway among valid ones when the request's preference is fuzzy, and
its pick is kept only if it names one of them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from gridwise.llm import LLMOutputError, LLMSeam, LLMUnavailable
from gridwise.models import JobSpec, Quote
from gridwise.prompts import load_prompt
from gridwise.records.jobs import insert_job
from gridwise.records.orders import insert_order, order_for_transaction
from gridwise.store import Store
from tools.beckn import messages as m
from tools.beckn.context import BecknError, Bpp, Transaction
from tools.beckn.routing import Transport
from tools.ranking import Ranking, rank, violations

BILLING = {"name": "gridwise operator"}


@dataclass
class Aggregate:
    """Every offer the providers returned, and the providers that answered with an error."""

    quotes: list[Quote] = field(default_factory=list)
    item_provider: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def aggregate(catalogs: list[dict[str, Any]]) -> Aggregate:
    """Merge on_search callbacks (or NACKs/error callbacks) into one list of quotes."""
    out = Aggregate()
    for reply in sorted(catalogs, key=lambda r: r.get("context", {}).get("bpp_id", "")):
        bpp = reply.get("context", {}).get("bpp_id", "?")
        err = m.reply_error(reply)
        if err is not None:
            out.errors[bpp] = f"{err.get('code')}: {err.get('message')}"
            continue
        for offer in m.items_from_on_search(reply):
            out.quotes.append(offer.quote)
            out.item_provider[offer.item_id] = offer.provider_id
    return out


def supervise_ranking(r: Ranking, job: JobSpec) -> list[str]:
    """Re-check every pathway against the hard constraints; returns problems (none = ok)."""
    problems = []
    for name, p in r.pathways.items():
        bad = violations(p.quote, job.constraints)
        if bad:
            problems.append(f"pathway {name} breaks {', '.join(bad)}")
    return problems


def llm_pick_recommended(seam: LLMSeam | None, request: str, r: Ranking,
                         job: JobSpec) -> tuple[str, str]:
    """(pathway name, who chose): the LLM picks among valid pathways only for fuzzy asks.

    A stated objective decides by rule (`balanced` is the equal-weight optimal-time
    pathway). When the parser found no objective, the preference, if any, is phrased in a
    way it could not map, and the LLM (if any) chooses from an enum of the pathway names
    present; anything else, or no LLM, keeps `optimal-time`.
    """
    if job.preferences.objective is not None or not r.pathways:
        return "recommended", "rule: the request states its objective"
    names = sorted(n for n in r.pathways if n != "recommended")
    if seam is None or not seam.enabled:
        return "optimal-time", "rule: no LLM (GRIDWISE_LLM=none)"
    if not seam.enabled_for("coordinator"):
        return "optimal-time", "rule: the coordinator's LLM role is off (GRIDWISE_LLM_ROLES)"
    summary = {n: {"cost_usd": round(r.pathways[n].quote.cost_usd, 2),
                   "kg_co2e": r.pathways[n].quote.kg_co2e,
                   "finish": r.pathways[n].quote.finish.isoformat()} for n in names}
    prompt = load_prompt("coordinator", "pick_pathway", 1, request=request,
                         pathways=json.dumps(summary, sort_keys=True))
    schema = {"type": "object", "properties": {"pathway": {"type": "string", "enum": names}},
              "required": ["pathway"]}
    try:
        answer = seam.structured("coordinator", [("user", prompt.text)], schema)
    except (LLMUnavailable, LLMOutputError) as exc:
        return "optimal-time", f"rule: LLM gave no valid pick ({type(exc).__name__})"
    pick = answer.get("pathway")
    if pick not in names:
        seam.reject("coordinator", "enum", f"pick {pick!r} is not a valid pathway")
        return "optimal-time", "rule: LLM pick was not a valid pathway"
    return pick, f"llm ({seam.model_name}, prompt {prompt.name} v{prompt.version})"


@dataclass
class Coordinator:
    """The BAP side of one transaction."""

    store: Store
    transport: Transport
    txn: Transaction

    def rank(self, agg: Aggregate, job: JobSpec, clock: datetime) -> Ranking:
        """Rank the aggregated quotes (tools.ranking)."""
        return rank(agg.quotes, job, clock)

    def order(self, quote: Quote, provider: str, clock: datetime, decision_id: str,
              job: JobSpec | None = None) -> dict[str, Any]:
        """Order: select -> init -> confirm, persisted once per transaction."""
        existing = order_for_transaction(self.store, self.txn.transaction_id)
        if existing:
            return {"order_id": existing["id"], "duplicate": True}
        bpp = Bpp(bpp_id=provider, bpp_uri=f"inproc://{provider}")
        replies = {}
        ctx = m.request_context(self.txn, "select", clock, bpp)
        replies["on_select"] = self._ok(self.transport.send(
            "select", m.select_from_quote(quote, provider, ctx)))
        ctx = m.request_context(self.txn, "init", clock, bpp)
        replies["on_init"] = self._ok(self.transport.send(
            "init", m.init_from_quote(quote, provider, BILLING, ctx)))
        payments = replies["on_init"]["message"]["order"]["payments"]
        ctx = m.request_context(self.txn, "confirm", clock, bpp)
        confirmed = self._ok(self.transport.send(
            "confirm", m.confirm_from_quote(quote, provider, BILLING, payments, ctx)))
        order = m.order_from_on_confirm(confirmed)
        with self.store.transaction() as con:
            insert_order(con, order.order_id, self.txn.transaction_id, decision_id,
                         order.start, quote)
            if job is not None:  # the job itself, deferred when it starts after the clock
                insert_job(con, order.order_id, job, deferred=order.start > clock)
        return {"order_id": order.order_id, "start": order.start.isoformat(),
                "finish": order.finish.isoformat(), "provider": provider, "duplicate": False}

    def status(self, order_id: str, provider: str, clock: datetime) -> m.JobProgress:
        """Poll the provider for the order's state (Beckn status -> on_status)."""
        bpp = Bpp(bpp_id=provider, bpp_uri=f"inproc://{provider}")
        ctx = m.request_context(self.txn, "status", clock, bpp)
        reply = self._ok(self.transport.send("status", m.status_request(order_id, ctx)))
        return m.progress_from_on_status(reply)

    @staticmethod
    def _ok(reply: dict[str, Any]) -> dict[str, Any]:
        err = m.reply_error(reply)
        if err is not None:
            raise BecknError.from_body(err, reply.get("context", {}).get("action", "reply"))
        return reply
