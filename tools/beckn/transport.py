"""In-process Beckn transport: the coordinator (BAP) calls cluster agents (BPPs) directly.

`send` does what the HTTP form would, without sockets: validate the request, hand it to
the provider's handler, validate the callback and check that it answers this request.
Nothing fails silently: a refused request comes back as a NACK envelope, a handler's
`BecknError` as an error callback, a malformed callback as a NACK naming its paths.
Any other exception from a handler is an infrastructure failure and propagates.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from tools.beckn.context import (
    INVALID_REQUEST,
    REQUEST_ACTIONS,
    BecknError,
    Bpp,
    callback_context,
    error_callback,
    nack,
)
from tools.beckn.validate import BecknValidationError, nack_for, validate

#: A cluster agent: takes a validated request, returns its callback `{context, message}`.
Handler = Callable[[dict[str, Any]], dict[str, Any]]


class InProcessTransport:
    """Routes requests to in-process handlers by `context.bpp_id`."""

    def __init__(self, handlers: Mapping[str, Handler],
                 clock: Callable[[], datetime] | None = None) -> None:
        """Create the transport.

        Args:
            handlers: one handler per bpp_id.
            clock: the time written into error callbacks (default: the request's timestamp).
        """
        self.handlers = dict(handlers)
        self.clock = clock

    def send(self, action: str, message: dict[str, Any]) -> dict[str, Any]:
        """Send one request and return the provider's callback (or a NACK envelope).

        Args:
            action: search, select, init, confirm or status.
            message: the request `{context, message}`; `context.bpp_id` picks the handler
                (a search without one must go through `broadcast`).

        Returns:
            The validated callback `{context, message | error}`, or a NACK envelope
            `{message: {ack: {status: "NACK"}}, error: {code, paths, message}}` when the
            request or the callback is invalid. `reply_error(reply)` tells them apart
            from good replies.
        """
        if action not in REQUEST_ACTIONS:
            return nack(INVALID_REQUEST, f"{action!r} is not a request action: use one of "
                        f"{', '.join(REQUEST_ACTIONS)}", ["$.context.action"])
        try:
            validate(message, action)
        except BecknValidationError as exc:
            return nack_for(exc)
        bpp_id = message["context"].get("bpp_id")
        if bpp_id is None:
            return nack(INVALID_REQUEST, "the request names no bpp_id (send a search to every "
                        "provider with broadcast)", ["$.context.bpp_id"])
        if bpp_id not in self.handlers:
            known = ", ".join(sorted(self.handlers)) or "none"
            return nack(INVALID_REQUEST, f"no provider {bpp_id!r} on this transport "
                        f"(known: {known})", ["$.context.bpp_id"])
        return self._call(self.handlers[bpp_id], action, message)

    def broadcast(self, message: dict[str, Any]) -> dict[str, dict[str, Any]]:
        """Send a search to every provider, as a gateway would; replies keyed by bpp_id.

        Each reply is what `send` returns for that provider (callback or NACK).
        """
        try:
            validate(message, "search")
        except BecknValidationError as exc:
            return {bpp_id: nack_for(exc) for bpp_id in self.handlers}
        out = {}
        for bpp_id, handler in self.handlers.items():
            ctx = message["context"] | {"bpp_id": bpp_id,
                                        "bpp_uri": f"inproc://{bpp_id}"}
            out[bpp_id] = self._call(handler, "search", message | {"context": ctx})
        return out

    def _call(self, handler: Handler, action: str, message: dict[str, Any]) -> dict[str, Any]:
        ctx = message["context"]
        try:
            reply = handler(message)
        except BecknValidationError as exc:
            # a handler's own check of the request: the request is at fault
            return nack_for(exc)
        except BecknError as exc:
            now = self.clock() if self.clock else datetime.fromisoformat(ctx["timestamp"])
            return refusal(ctx, exc, f"inproc://{ctx['bpp_id']}", now)
        try:
            validate(reply, f"on_{action}")
            _check_answers(ctx, reply["context"])
        except BecknValidationError as exc:
            return nack_for(exc)
        return reply


def refusal(request_ctx: Mapping[str, Any], exc: BecknError, default_uri: str,
            now: datetime) -> dict[str, Any]:
    """The error callback a provider sends when its handler refuses a request."""
    ctx = dict(request_ctx)
    bpp = Bpp(bpp_id=ctx["bpp_id"], bpp_uri=ctx.get("bpp_uri") or default_uri)
    return error_callback(callback_context(ctx, bpp, now), exc)


def _check_answers(request: Mapping[str, Any], callback: Mapping[str, Any]) -> None:
    """The callback must repeat the request's transaction, message id and parties."""
    problems = [(f"$.context.{k}", f"must repeat the request's {request.get(k)!r}, "
                                   f"got {callback.get(k)!r}")
                for k in ("transaction_id", "message_id", "bap_id", "bpp_id")
                if callback.get(k) != request.get(k)]
    if problems:
        raise BecknValidationError(f"on_{request['action']}", problems)


#: The public name of the check a callback must pass (used by the HTTP transport too).
check_answers = _check_answers
