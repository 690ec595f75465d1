"""Beckn contexts, acknowledgements and errors for gridwise's compute domain.

A `Transaction` is serialisable (it may live in graph state): the BAP's identity and
the transaction id that stays constant from search to confirm. Each request gets a
fresh message id; its callback repeats it (`callback_context`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from gridwise.errors import UserError
from tools.beckn.wire import rfc3339

DOMAIN = "compute:ml-jobs:0.1"
VERSION = "1.1.0"

RequestAction = Literal["search", "select", "init", "confirm", "status"]
CallbackAction = Literal["on_search", "on_select", "on_init", "on_confirm", "on_status"]
REQUEST_ACTIONS: tuple[str, ...] = ("search", "select", "init", "confirm", "status")
CALLBACK_ACTIONS: tuple[str, ...] = tuple(f"on_{a}" for a in REQUEST_ACTIONS)

# Error codes (shared/design/beckn.md): 30000-30015 invalid request, 40000-40006
# business, 50000-50004 policy.
INVALID_REQUEST = 30000
ITEM_NOT_FOUND = 30004
ORDER_NOT_FOUND = 30010
BUSINESS_ERROR = 40000
QUANTITY_UNAVAILABLE = 40002
QUOTE_UNAVAILABLE = 40003
ERROR_RANGES: dict[str, range] = {"invalid-request": range(30000, 30016),
                                  "business": range(40000, 40007),
                                  "policy": range(50000, 50005)}


def new_id() -> str:
    """A fresh uuid4 as a string (the default message-id source)."""
    return str(uuid.uuid4())


#: Where message ids come from; tests pass a deterministic counter.
IdSource = Callable[[], str]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bpp(_Frozen):
    """A provider platform's address: a cluster agent."""

    bpp_id: str = Field(min_length=1)
    bpp_uri: str = Field(min_length=1, description="https://... or inproc://...")


class Transaction(_Frozen):
    """One Beckn transaction as seen by the BAP (the coordinator)."""

    bap_id: str = Field(min_length=1)
    bap_uri: str = Field(min_length=1)
    transaction_id: str = Field(default_factory=new_id)
    country: str | None = Field(None, description="context.location.country.code")
    city: str | None = Field(None, description="context.location.city.code")
    ttl: str = Field("PT30S", description="ISO 8601 duration a request stays valid")


class BecknError(UserError):
    """A request or callback gridwise refuses, with its Beckn error code.

    Cluster-agent handlers raise it for business or policy refusals (e.g. code 40002,
    quantity unavailable); the transport turns it into an error callback.
    """

    def __init__(self, code: int, message: str, paths: list[str] | None = None,
                 hint: str = "") -> None:
        if not any(code in r for r in ERROR_RANGES.values()):
            spans = ", ".join(f"{r.start}-{r.stop - 1}" for r in ERROR_RANGES.values())
            raise ValueError(f"Beckn error code {code!r} is outside the ranges {spans}")
        self.code = code
        self.paths = paths or []
        super().__init__(message, hint)

    @classmethod
    def from_body(cls, body: dict[str, Any], what: str) -> BecknError:
        """The error a NACK or an error callback carries, raised again on this side.

        Args:
            body: the envelope's `error` object.
            what: what carried it, for the message (e.g. "on_search").
        """
        try:
            code = int(body.get("code", INVALID_REQUEST))
        except ValueError:
            code = INVALID_REQUEST
        if not any(code in r for r in ERROR_RANGES.values()):
            code = INVALID_REQUEST
        paths = [p for p in str(body.get("paths", "")).split(", ") if p]
        return cls(code, f"{what} carries error {body.get('code')!r}: "
                         f"{body.get('message', 'no message')}", paths)


def request_context(txn: Transaction, action: RequestAction, clock: datetime,
                    bpp: Bpp | None = None, ids: IdSource = new_id) -> dict[str, Any]:
    """The context of a request the BAP sends.

    Args:
        txn: the transaction (BAP identity, constant transaction id).
        action: search, select, init, confirm or status.
        clock: the scenario's time, written as the RFC 3339 timestamp.
        bpp: the provider addressed; required for everything but search.
        ids: where the new message id comes from.

    Raises:
        ValueError: a non-search action without a provider.
    """
    if bpp is None and action != "search":
        raise ValueError(f"a {action!r} request needs the provider's bpp_id and bpp_uri")
    ctx: dict[str, Any] = {"domain": DOMAIN, "action": action, "version": VERSION,
                           "bap_id": txn.bap_id, "bap_uri": txn.bap_uri}
    if bpp is not None:
        ctx |= {"bpp_id": bpp.bpp_id, "bpp_uri": bpp.bpp_uri}
    ctx |= {"transaction_id": txn.transaction_id, "message_id": ids(),
            "timestamp": rfc3339(clock), "ttl": txn.ttl}
    location = {k: {"code": v} for k, v in (("country", txn.country), ("city", txn.city)) if v}
    if location:
        ctx["location"] = location
    return ctx


def callback_context(request: dict[str, Any], bpp: Bpp, clock: datetime) -> dict[str, Any]:
    """The context of the callback answering `request` (same transaction and message id).

    Args:
        request: the request's context.
        bpp: the provider answering.
        clock: the time of the answer.
    """
    action = request["action"]
    if action not in REQUEST_ACTIONS:
        raise ValueError(f"{action!r} is not a request action: one of {REQUEST_ACTIONS}")
    return request | {"action": f"on_{action}", "bpp_id": bpp.bpp_id, "bpp_uri": bpp.bpp_uri,
                      "timestamp": rfc3339(clock)}


def ack() -> dict[str, Any]:
    """The ACK envelope: the request was received and is valid."""
    return {"message": {"ack": {"status": "ACK"}}}


def error_body(code: int, message: str, paths: list[str] | None = None) -> dict[str, str]:
    """A Beckn error object; `paths` are JSON paths joined with ", "."""
    body = {"code": str(code), "message": message}
    if paths:
        body["paths"] = ", ".join(paths)
    return body


def nack(code: int, message: str, paths: list[str] | None = None) -> dict[str, Any]:
    """The NACK envelope with its error (code, JSON paths, message)."""
    return {"message": {"ack": {"status": "NACK"}}, "error": error_body(code, message, paths)}


def error_callback(context: dict[str, Any], exc: BecknError) -> dict[str, Any]:
    """A callback that carries only an error (e.g. 40003 quote unavailable)."""
    return {"context": context, "error": error_body(exc.code, exc.message, exc.paths)}


def reply_error(reply: dict[str, Any]) -> dict[str, str] | None:
    """The error in a NACK or an error callback, or None when the reply is good."""
    err = reply.get("error")
    return err if isinstance(err, dict) else None
