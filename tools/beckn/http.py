"""Beckn over HTTP for remote providers: Starlette + uvicorn servers, an httpx client.

A request is `POST {bpp_uri}/{action}`; the provider answers at once with an ACK (or a
NACK: 401 for a bad, stale or replayed signature, 413 for a body over `MAX_BODY_BYTES`,
408 for a body not sent within `READ_TIMEOUT_S`, 400 for anything it cannot read) and
later posts its callback to the `bap_uri` **registered** for the signer, never to one a
message names. Every body is signed (Ed25519 over BLAKE2b-512) and checked against the
receiver's `Registry`; the signer must be the party the context names. The coordinator
matches callbacks to requests by (transaction_id, message_id, bpp_id) and takes only
those it is waiting for. `HttpTransport.send` has the in-process transport's contract:
the validated callback, or a NACK envelope.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from gridwise.errors import UserError
from tools.beckn.context import (
    BUSINESS_ERROR,
    INVALID_REQUEST,
    REQUEST_ACTIONS,
    BecknError,
    ack,
    nack,
    reply_error,
)
from tools.beckn.parse import decode_json, decode_message
from tools.beckn.registry import Peer, Registry, Subscriber
from tools.beckn.signing import SignatureError, SignatureHeader
from tools.beckn.transport import check_answers, refusal
from tools.beckn.validate import BecknValidationError, nack_for, validate

Handler = Callable[[dict[str, Any]], dict[str, Any]]
#: Largest body a server reads (bytes); larger ones get 413 before being read.
MAX_BODY_BYTES = 1 << 20
#: Seconds a client has to send the whole body.
READ_TIMEOUT_S = 10.0
log = logging.getLogger(__name__)
MatchKey = tuple[str, str, str]   # (transaction_id, message_id, bpp_id)


def _client(timeout_s: float) -> httpx.Client:
    # No redirects (a 30x must not turn a callback into a request elsewhere), no proxies
    # from the environment. One client per sender: building one costs ~0.1 s (TLS context).
    return httpx.Client(timeout=httpx.Timeout(timeout_s), follow_redirects=False,
                        trust_env=False)


def _nack(status: int, exc: BecknError) -> JSONResponse:
    return JSONResponse(nack_for(exc), status_code=status)


async def _read_body(request: Request) -> bytes:
    """The body, or `BecknError` carrying the HTTP status (413 too large, 408 too slow)."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY_BYTES):
        raise _Refused(413, BecknError(INVALID_REQUEST, f"the body is over {MAX_BODY_BYTES} "
                                       "bytes (or its Content-Length is invalid)"))

    async def read() -> bytes:
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                raise _Refused(413, BecknError(INVALID_REQUEST,
                                               f"the body is over {MAX_BODY_BYTES} bytes"))
            chunks.append(chunk)
        return b"".join(chunks)

    try:
        return await asyncio.wait_for(read(), READ_TIMEOUT_S)
    except TimeoutError:
        raise _Refused(408, BecknError(INVALID_REQUEST, f"the body did not arrive within "
                                       f"{READ_TIMEOUT_S:g} s")) from None


class _Refused(Exception):
    """An HTTP status and the Beckn error a NACK carries."""

    def __init__(self, status: int, error: BecknError) -> None:
        super().__init__(error.message)
        self.status, self.error = status, error


class _Server:
    """A uvicorn server in a thread on a socket it binds itself (port 0: any free port).

    Every POST `/{action}` is read within limits, authenticated, decoded and checked by
    `admit`, then answered by `accept` (ACK plus optional background work).
    """

    def __init__(self, registry: Registry, host: str = "127.0.0.1", port: int = 0) -> None:
        self.registry = registry
        self.sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self.sock.bind((host, port))
        except OSError as exc:
            self.sock.close()
            raise UserError(f"cannot listen on {host}:{port}: {exc.strerror or exc}",
                            "pick another --port (or 0 for any free one)") from None
        app = Starlette(routes=[Route("/{action}", self._post, methods=["POST"])])
        self.server = uvicorn.Server(uvicorn.Config(
            app, log_level="warning", access_log=False, lifespan="off",
            timeout_keep_alive=5, limit_concurrency=64, h11_max_incomplete_event_size=16384))
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """`http://host:port` of the bound socket."""
        host, port = self.sock.getsockname()[:2]
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    def start(self) -> str:
        """Serve in a background thread; returns the base URL once it accepts connections."""
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]},
                                       daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and self.thread.is_alive():
            if time.monotonic() > deadline:
                raise RuntimeError("the Beckn HTTP server did not start within 10 s")
            time.sleep(0.01)
        return self.url

    def serve_forever(self) -> None:
        """Serve in this thread until interrupted (Ctrl-C)."""
        self.server.run(sockets=[self.sock])

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(10)
        self.sock.close()

    async def _post(self, request: Request) -> JSONResponse:
        action = request.path_params["action"]
        try:
            body = await _read_body(request)
            try:
                peer, header = self.registry.authenticate(request.headers.get("authorization"),
                                                          body)
            except SignatureError as exc:
                raise _Refused(401, BecknError(INVALID_REQUEST, exc.message)) from None
            try:
                message = decode_message(body, action)
            except BecknError as exc:
                raise _Refused(404 if action not in self.actions else 400, exc) from None
            if action not in self.actions:
                raise _Refused(404, BecknError(INVALID_REQUEST, f"no action {action!r} here",
                                               ["$.context.action"]))
            self.admit(peer, message)
            try:
                self.registry.remember(peer.subscriber_id, action,
                                       str(message["context"]["message_id"]), header.expires)
            except SignatureError as exc:
                raise _Refused(401, BecknError(INVALID_REQUEST, exc.message)) from None
        except _Refused as refused:
            return _nack(refused.status, refused.error)
        return self.accept(peer, message, header)

    actions: tuple[str, ...] = ()

    def admit(self, peer: Peer, message: dict[str, Any]) -> None:
        """Refuse (`_Refused`) a message its signer may not send here."""
        raise NotImplementedError

    def accept(self, peer: Peer, message: dict[str, Any],
               header: SignatureHeader) -> JSONResponse:
        """Answer an admitted message."""
        raise NotImplementedError


def _mismatch(path: str, what: str) -> _Refused:
    return _Refused(401, BecknError(INVALID_REQUEST, what, [path]))


class BppServer(_Server):
    """A cluster agent (provider platform) reachable over HTTP."""

    actions = REQUEST_ACTIONS

    def __init__(self, bpp_id: str, handler: Handler, registry: Registry, signer: Subscriber,
                 timeout_s: float = 30.0, **kw: Any) -> None:
        super().__init__(registry, **kw)
        self.bpp_id, self.handler = bpp_id, handler
        self.signer, self.timeout_s = signer, timeout_s
        self.client = _client(timeout_s)

    def stop(self) -> None:
        """Stop serving, close the socket and the callback client."""
        super().stop()
        self.client.close()

    def admit(self, peer: Peer, message: dict[str, Any]) -> None:
        """The signer is the context's BAP, at its registered URI, asking this provider."""
        ctx = message["context"]
        if ctx.get("bap_id") != peer.subscriber_id:
            raise _mismatch("$.context.bap_id", f"signed by {peer.subscriber_id!r} but the "
                            f"context names bap_id {ctx.get('bap_id')!r}")
        if str(ctx.get("bap_uri", "")).rstrip("/") != peer.uri:
            raise _mismatch("$.context.bap_uri", f"bap_uri {ctx.get('bap_uri')!r} is not the "
                            f"URI registered for {peer.subscriber_id!r}")
        if ctx.get("bpp_id", self.bpp_id) != self.bpp_id:
            raise _Refused(400, BecknError(INVALID_REQUEST, f"this is {self.bpp_id!r}, not "
                                           f"{ctx.get('bpp_id')!r}", ["$.context.bpp_id"]))

    def accept(self, peer: Peer, message: dict[str, Any],
               header: SignatureHeader) -> JSONResponse:
        """ACK at once; the callback follows from a worker thread."""
        ctx = message["context"] | {"bpp_id": self.bpp_id, "bpp_uri": self.url}
        return JSONResponse(ack(), background=BackgroundTask(
            self._answer, message | {"context": ctx}, peer))

    def _answer(self, message: dict[str, Any], peer: Peer) -> None:
        ctx = message["context"]
        try:
            reply = self.handler(message)
        except BecknError as exc:
            reply = refusal(ctx, exc, self.url, datetime.now(UTC))
        except Exception as exc:  # the BAP must hear of it: an error callback, and the log
            log.exception("provider %s failed on %s %s", self.bpp_id, ctx["action"],
                          ctx["message_id"])
            reply = refusal(ctx, BecknError(BUSINESS_ERROR, f"{self.bpp_id} could not process "
                            f"the {ctx['action']}: {type(exc).__name__}: {exc}"),
                            self.url, datetime.now(UTC))
        body = httpx_json(reply)
        url = f"{peer.uri}/{reply['context']['action']}"
        try:
            r = self.client.post(url, content=body, headers=self.signer.headers(body))
            if r.status_code != 200:
                log.warning("callback %s to %s refused: HTTP %s %s", reply["context"]["action"],
                            url, r.status_code, r.text[:300])
        except httpx.HTTPError as exc:
            log.warning("callback to %s failed: %s", url, exc)


def httpx_json(value: Any) -> bytes:
    """Compact JSON bytes (what goes on the wire and is signed)."""
    import json

    return json.dumps(value, separators=(",", ":")).encode()


@dataclass
class _Waiting:
    request: dict[str, Any]
    arrived: threading.Event = field(default_factory=threading.Event)
    reply: dict[str, Any] | None = None


class BapServer(_Server):
    """The coordinator's callback endpoint: takes only the callbacks it waits for."""

    actions = tuple(f"on_{a}" for a in REQUEST_ACTIONS)

    def __init__(self, registry: Registry, bap_id: str, **kw: Any) -> None:
        super().__init__(registry, **kw)
        self.bap_id = bap_id
        self._waiting: dict[MatchKey, _Waiting] = {}
        self._lock = threading.Lock()

    def expect(self, request_ctx: dict[str, Any]) -> MatchKey:
        """Start waiting for the callback of the request with this context."""
        key = (request_ctx["transaction_id"], request_ctx["message_id"], request_ctx["bpp_id"])
        with self._lock:
            self._waiting[key] = _Waiting(dict(request_ctx))
        return key

    def wait(self, key: MatchKey, timeout_s: float) -> dict[str, Any] | None:
        """The callback for `key`, or None after `timeout_s`; stops waiting either way."""
        with self._lock:
            slot = self._waiting.get(key)
        if slot is not None:
            slot.arrived.wait(timeout_s)
        with self._lock:
            self._waiting.pop(key, None)
        return slot.reply if slot else None

    def admit(self, peer: Peer, message: dict[str, Any]) -> None:
        """The signer is the callback's BPP, answering a request this BAP is waiting on."""
        ctx = message["context"]
        if ctx.get("bpp_id") != peer.subscriber_id:
            raise _mismatch("$.context.bpp_id", f"signed by {peer.subscriber_id!r} but the "
                            f"context names bpp_id {ctx.get('bpp_id')!r}")
        key = (ctx.get("transaction_id"), ctx.get("message_id"), ctx.get("bpp_id"))
        with self._lock:
            slot = self._waiting.get(key)
        if slot is None or slot.reply is not None:
            raise _Refused(400, BecknError(INVALID_REQUEST, "no request is waiting for this "
                                           "callback (transaction_id, message_id, bpp_id)",
                                           ["$.context.message_id"]))
        if ctx["action"] != f"on_{slot.request['action']}":
            raise _Refused(400, BecknError(INVALID_REQUEST, f"{ctx['action']!r} does not "
                                           f"answer a {slot.request['action']!r}",
                                           ["$.context.action"]))
        try:
            check_answers(slot.request, ctx)
        except BecknValidationError as exc:
            raise _Refused(400, exc) from None

    def accept(self, peer: Peer, message: dict[str, Any],
               header: SignatureHeader) -> JSONResponse:
        """Hand the callback to whoever waits for it; ACK."""
        ctx = message["context"]
        key = (ctx["transaction_id"], ctx["message_id"], ctx["bpp_id"])
        with self._lock:
            slot = self._waiting.get(key)
            if slot is not None and slot.reply is None:
                slot.reply = message
                slot.arrived.set()
        return JSONResponse(ack())


@dataclass
class HttpTransport:
    """Sends requests to remote providers and waits for their callbacks."""

    bap: BapServer
    signer: Subscriber
    providers: dict[str, str]          # bpp_id -> bpp_uri
    timeout_s: float = 30.0
    client: httpx.Client | None = None

    def _http(self) -> httpx.Client:
        if self.client is None:
            self.client = _client(self.timeout_s)
        return self.client

    def send(self, action: str, message: dict[str, Any]) -> dict[str, Any]:
        """POST the signed request; return the validated callback or a NACK envelope.

        The context is stamped with this BAP's own id and callback URI and the
        provider's registered URI, whatever the caller put there.
        """
        if action not in REQUEST_ACTIONS:
            return nack(INVALID_REQUEST, f"{action!r} is not a request action",
                        ["$.context.action"])
        ctx = message.get("context") if isinstance(message, dict) else None
        bpp_id = ctx.get("bpp_id") if isinstance(ctx, dict) else None
        if bpp_id not in self.providers:
            return nack(INVALID_REQUEST, f"no provider {bpp_id!r} is known over HTTP",
                        ["$.context.bpp_id"])
        assert isinstance(ctx, dict)
        ctx = ctx | {"bap_id": self.signer.subscriber_id, "bap_uri": self.bap.url,
                     "bpp_uri": self.providers[bpp_id]}
        message = message | {"context": ctx}
        try:
            validate(message, action)
        except BecknValidationError as exc:
            return nack_for(exc)
        key = self.bap.expect(ctx)
        body = httpx_json(message)
        try:
            r = self._http().post(f"{self.providers[bpp_id]}/{action}", content=body,
                                  headers=self.signer.headers(body))
            answer = decode_json(r.content[:MAX_BODY_BYTES])
        except httpx.HTTPError as exc:
            self.bap.wait(key, 0)
            return nack(INVALID_REQUEST, f"cannot reach {bpp_id!r} at "
                        f"{self.providers[bpp_id]}: {type(exc).__name__}: {exc}")
        except BecknError:
            answer = {}
        if r.status_code != 200 or not isinstance(answer, dict) or reply_error(answer):
            self.bap.wait(key, 0)
            if isinstance(answer, dict) and reply_error(answer):
                return answer
            return nack(INVALID_REQUEST, f"{bpp_id!r} answered HTTP {r.status_code}")
        reply = self.bap.wait(key, self.timeout_s)
        if reply is None:
            return nack(INVALID_REQUEST, f"no on_{action} from {bpp_id!r} within "
                        f"{self.timeout_s:g} s")
        return reply
