"""Typed builders (pure functions) for gridwise's Beckn messages, search to on_status.

Discovery lives in `tools.beckn.catalog` and contexts in `tools.beckn.context`; both
are re-exported here, so graph code imports builders from this one module. Every
builder takes the message's context, built with `request_context` (BAP side) or
`callback_context` (BPP side), and returns a plain `{context, message}` dict that
validates against `tools/beckn/schemas/<action>.json`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from gridwise.models import Quote
from tools.beckn.catalog import (
    CURRENCY,
    FULFILLMENT_TYPE,
    CatalogItem,
    item_id_for,
    items_from_on_search,
    job_from_search,
    on_search_from_quotes,
    quotes_from_on_search,
    search_from_job,
)
from tools.beckn.context import (
    DOMAIN,
    VERSION,
    BecknError,
    Bpp,
    Transaction,
    ack,
    callback_context,
    error_callback,
    nack,
    reply_error,
    request_context,
)
from tools.beckn.wire import decimal_str, money_str, parse_decimal, parse_time, rfc3339, tag_group

__all__ = [
    "DOMAIN", "VERSION", "BecknError", "Bpp", "CatalogItem", "ConfirmedOrder", "JobProgress",
    "Transaction", "ack", "callback_context", "confirm_from_quote", "error_callback",
    "fulfillment_id_for", "init_from_quote", "item_id_for", "job_from_search", "nack",
    "items_from_on_search", "on_confirm_from_quote", "on_init_from_quote",
    "on_search_from_quotes", "on_select_from_quote", "on_status_for", "order_from_on_confirm",
    "payment_terms", "progress_from_on_status", "quotes_from_on_search", "reply_error",
    "request_context", "search_from_job", "select_from_quote", "status_request",
]

JobState = Literal["SCHEDULED", "QUEUED", "RUNNING", "COMPLETED", "FAILED"]
#: Order status for each fulfillment state: the order stays ACTIVE until the job ends.
ORDER_STATUS: dict[str, str] = {"SCHEDULED": "ACTIVE", "QUEUED": "ACTIVE", "RUNNING": "ACTIVE",
                                "COMPLETED": "COMPLETE", "FAILED": "COMPLETE"}
Billing = Mapping[str, Any]


class ConfirmedOrder(BaseModel):
    """What the BAP keeps from an on_confirm: the order and its scheduled window."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    order_id: str
    provider_id: str
    item_id: str
    fulfillment_id: str
    start: datetime
    finish: datetime


class JobProgress(BaseModel):
    """What the BAP keeps from an on_status."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    order_id: str
    state: JobState
    energy_used_kwh: float | None = None
    actual_gco2e: float | None = None


def fulfillment_id_for(quote: Quote) -> str:
    """The fulfillment id the order flow uses for a quote's run."""
    return "f-" + item_id_for(quote)[2:]


def select_from_quote(quote: Quote, provider_id: str, context: dict[str, Any]) -> dict[str, Any]:
    """The select request for one offer (provider id + item id + the quote's window)."""
    _expect(context, "select")
    return _msg(context, _order(quote, provider_id))


def on_select_from_quote(quote: Quote, provider_id: str, context: dict[str, Any],
                         energy_usd: float | None = None, carbon_offset_usd: float | None = None,
                         ttl: str = "PT15M") -> dict[str, Any]:
    """The on_select callback: a firm quote whose breakup is compute / energy (/ offset).

    Args:
        quote: the offer being firmed up.
        provider_id: the provider id used in the catalog.
        context: the callback context.
        energy_usd: the part of `quote.cost_usd` that pays for energy (None: none split out,
            as for cloud prices that include it).
        carbon_offset_usd: an optional carbon offset added on top of the cost.
        ttl: how long the quote holds (ISO 8601 duration).

    Raises:
        ValueError: `energy_usd` exceeds the quote's cost.
    """
    _expect(context, "on_select")
    return _msg(context, _order(quote, provider_id, priced=True)
                | {"quote": _quotation(quote, energy_usd, carbon_offset_usd, ttl)})


def init_from_quote(quote: Quote, provider_id: str, billing: Billing,
                    context: dict[str, Any]) -> dict[str, Any]:
    """The init request: the selected offer plus billing (`billing['name']` required)."""
    _expect(context, "init")
    return _msg(context, _order(quote, provider_id) | {"billing": dict(billing)})


def payment_terms(amount_usd: str, kind: str = "POST-FULFILLMENT") -> list[dict[str, Any]]:
    """One payment, collected by the provider, not yet paid; `amount_usd` as a decimal string."""
    return [{"type": kind, "collected_by": "BPP", "status": "NOT-PAID",
             "params": {"currency": CURRENCY, "amount": amount_usd}}]


def on_init_from_quote(quote: Quote, provider_id: str, billing: Billing, context: dict[str, Any],
                       energy_usd: float | None = None, carbon_offset_usd: float | None = None,
                       cancellation_fee_pct: float = 0.0) -> dict[str, Any]:
    """The on_init callback: quote, payment terms, and the cancellation fee while SCHEDULED."""
    _expect(context, "on_init")
    quotation = _quotation(quote, energy_usd, carbon_offset_usd, None)
    terms = [{"fulfillment_state": {"descriptor": {"code": "SCHEDULED"}},
              "cancellation_fee": {"percentage": decimal_str(cancellation_fee_pct)}}]
    return _msg(context, _order(quote, provider_id, priced=True)
                | {"billing": dict(billing), "quote": quotation,
                   "payments": payment_terms(quotation["price"]["value"]),
                   "cancellation_terms": terms})


def confirm_from_quote(quote: Quote, provider_id: str, billing: Billing,
                       payments: list[dict[str, Any]], context: dict[str, Any]) -> dict[str, Any]:
    """The confirm request; `payments` are the terms on_init returned (order.payments)."""
    _expect(context, "confirm")
    return _msg(context, _order(quote, provider_id)
                | {"billing": dict(billing), "payments": list(payments)})


def on_confirm_from_quote(quote: Quote, provider_id: str, billing: Billing,
                          payments: list[dict[str, Any]], order_id: str,
                          context: dict[str, Any], energy_usd: float | None = None,
                          carbon_offset_usd: float | None = None) -> dict[str, Any]:
    """The on_confirm callback: order id, status ACTIVE, fulfillment SCHEDULED in the window."""
    _expect(context, "on_confirm")
    order = _order(quote, provider_id, priced=True, state="SCHEDULED")
    return _msg(context, {"id": order_id, "status": "ACTIVE"} | order
                | {"billing": dict(billing),
                   "quote": _quotation(quote, energy_usd, carbon_offset_usd, None),
                   "payments": list(payments)})


def order_from_on_confirm(message: Mapping[str, Any]) -> ConfirmedOrder:
    """The confirmed order and its scheduled window.

    Raises:
        BecknError: the callback carries an error instead of an order.
    """
    order = _body(message)["order"]
    f = order["fulfillments"][0]
    ends = {s["type"]: parse_time(s["time"]["timestamp"]) for s in f["stops"]}
    return ConfirmedOrder(order_id=order["id"], provider_id=order["provider"]["id"],
                          item_id=order["items"][0]["id"], fulfillment_id=f["id"],
                          start=ends["start"], finish=ends["end"])


def status_request(order_id: str, context: dict[str, Any]) -> dict[str, Any]:
    """The status request for an order."""
    _expect(context, "status")
    return {"context": context, "message": {"order_id": order_id}}


def on_status_for(order_id: str, fulfillment_id: str, state: JobState, context: dict[str, Any],
                  energy_used_kwh: float | None = None, actual_gco2e: float | None = None,
                  updated_at: datetime | None = None,
                  order_status: str | None = None) -> dict[str, Any]:
    """The on_status callback: the job's state plus the energy and CO2 measured so far.

    Args:
        order_id: the order's id (from on_confirm).
        fulfillment_id: the run's fulfillment id (`fulfillment_id_for(quote)`).
        state: SCHEDULED, QUEUED, RUNNING, COMPLETED or FAILED.
        context: the callback context.
        energy_used_kwh: metered energy (tag `usage/energy-used-kwh`).
        actual_gco2e: CO2e in grams over the hours actually run (tag `usage/actual-gco2e`).
        updated_at: when the state last changed.
        order_status: the order's status when not the state's usual one (CANCELLED).
    """
    _expect(context, "on_status")
    fulfillment: dict[str, Any] = {"id": fulfillment_id, "type": FULFILLMENT_TYPE,
                                   "state": {"descriptor": {"code": state}}}
    if updated_at is not None:
        fulfillment["state"]["updated_at"] = rfc3339(updated_at)
    usage = {"energy-used-kwh": energy_used_kwh, "actual-gco2e": actual_gco2e}
    if any(v is not None for v in usage.values()):
        fulfillment["tags"] = [tag_group("usage", usage)]
    return _msg(context, {"id": order_id, "status": order_status or ORDER_STATUS[state],
                          "fulfillments": [fulfillment]})


def progress_from_on_status(message: Mapping[str, Any]) -> JobProgress:
    """The job's state and usage from an on_status.

    Raises:
        BecknError: the callback carries an error instead of an order.
    """
    order = _body(message)["order"]
    f = order["fulfillments"][0]
    usage = {t["descriptor"]["code"]: t["value"]
             for g in f.get("tags", ()) if g["descriptor"]["code"] == "usage" for t in g["list"]}
    return JobProgress(order_id=order["id"], state=f["state"]["descriptor"]["code"],
                       energy_used_kwh=_opt(usage.get("energy-used-kwh")),
                       actual_gco2e=_opt(usage.get("actual-gco2e")))


def _order(quote: Quote, provider_id: str, priced: bool = False,
           state: str | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {"id": item_id_for(quote),
                            "quantity": {"selected": {"count": quote.count}},
                            "fulfillment_ids": [fulfillment_id_for(quote)]}
    if priced:
        item["price"] = {"currency": CURRENCY,
                         "value": money_str(quote.price_usd_per_h / quote.count, 4)}
    fulfillment: dict[str, Any] = {
        "id": fulfillment_id_for(quote), "type": FULFILLMENT_TYPE,
        "stops": [{"type": "start", "time": {"timestamp": rfc3339(quote.start)}},
                  {"type": "end", "time": {"timestamp": rfc3339(quote.finish)}}]}
    if state is not None:
        fulfillment["state"] = {"descriptor": {"code": state}}
    if quote.run_hours is not None:
        fulfillment["tags"] = [tag_group("schedule", {
            "run-hours": ",".join(rfc3339(t) for t in quote.run_hours)})]
    return {"provider": {"id": provider_id}, "items": [item], "fulfillments": [fulfillment]}


def _quotation(quote: Quote, energy_usd: float | None, carbon_offset_usd: float | None,
               ttl: str | None) -> dict[str, Any]:
    cost = Decimal(money_str(quote.cost_usd))
    energy = Decimal(money_str(energy_usd)) if energy_usd is not None else None
    if energy is not None and energy > cost:
        raise ValueError(f"energy cost {energy_usd!r} exceeds the quote's cost "
                         f"{quote.cost_usd!r}")
    item = {"id": item_id_for(quote)}
    lines: list[tuple[str, Decimal, dict[str, str] | None]] = [
        ("compute", cost - (energy or 0), item)]
    if energy is not None:
        lines.append(("energy", energy, item))
    if carbon_offset_usd is not None:
        lines.append(("carbon-offset", Decimal(money_str(carbon_offset_usd)), None))
    total = sum((amount for _, amount, _ in lines), Decimal(0))
    out: dict[str, Any] = {
        "id": "quote-" + item["id"][2:],
        "price": {"currency": CURRENCY, "value": money_str(total)},
        "breakup": [{"title": title, "price": {"currency": CURRENCY, "value": money_str(amount)}}
                    | ({"item": ref} if ref else {}) for title, amount, ref in lines]}
    if ttl is not None:
        out["ttl"] = ttl
    return out


def _msg(context: dict[str, Any], order: dict[str, Any]) -> dict[str, Any]:
    return {"context": context, "message": {"order": order}}


def _body(message: Mapping[str, Any]) -> dict[str, Any]:
    body = message.get("message")
    if body is None:
        raise BecknError.from_body(message.get("error") or {}, message["context"]["action"])
    return body


def _opt(value: str | None) -> float | None:
    return None if value is None else parse_decimal(value)


def _expect(context: Mapping[str, Any], action: str) -> None:
    if context.get("action") != action:
        raise ValueError(f"expected a {action!r} context, got action {context.get('action')!r}")
