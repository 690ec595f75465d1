"""Beckn over HTTP, asynchronously as the protocol has it, for providers that are remote.

A request is `POST {bpp_uri}/{action}`; the provider answers at once with an ACK (or a NACK,
or 401 for a bad signature) and later posts its callback to `{bap_uri}/on_{action}`.
Every body is signed (`tools.beckn.signing`: Ed25519 over a BLAKE2b-512 digest) and
checked against a registry of public keys, and validated against the project's schemas
on send and on receive. `HttpTransport.send` has the same contract as the in-process
transport: it returns the validated callback or a NACK envelope.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tools.beckn.context import (
    INVALID_REQUEST,
    REQUEST_ACTIONS,
    BecknError,
    nack,
    reply_error,
)
from tools.beckn.signing import SignatureError, SigningKey, VerifyKey, sign, verify
from tools.beckn.transport import refusal
from tools.beckn.validate import BecknValidationError, nack_for, validate

Handler = Callable[[dict[str, Any]], dict[str, Any]]
SIGNATURE_TTL_S = 60


@dataclass(frozen=True)
class Subscriber:
    """A signing party: its registry id, key id and private key."""

    subscriber_id: str
    key_id: str
    private_key: SigningKey

    def headers(self, body: bytes) -> dict[str, str]:
        """Content type and the `Authorization` signature for `body`."""
        now = int(time.time())
        return {"Content-Type": "application/json",
                "Authorization": sign(body, self.subscriber_id, self.key_id, self.private_key,
                                      now, now + SIGNATURE_TTL_S)}


@dataclass
class Registry:
    """Public keys by (subscriber id, key id): the lookup a Beckn registry provides."""

    keys: dict[tuple[str, str], VerifyKey] = field(default_factory=dict)

    def check(self, header: str | None, body: bytes) -> str:
        """The verified subscriber id; `SignatureError` (HTTP 401) otherwise."""
        from tools.beckn.signing import parse_header

        if not header:
            raise SignatureError("the request carries no Authorization signature",
                                 "sign the body (tools.beckn.signing.sign)")
        parsed = parse_header(header)
        key = self.keys.get((parsed.subscriber_id, parsed.key_id))
        if key is None:
            raise SignatureError(f"no key {parsed.key_id!r} registered for "
                                 f"{parsed.subscriber_id!r}", "register the subscriber's key")
        return verify(header, body, key, int(time.time())).subscriber_id


def _post(url: str, body: bytes, headers: Mapping[str, str], timeout: float) -> tuple[int, bytes]:
    req = urllib.request.Request(url, data=body, headers=dict(headers), method="POST")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


class _Server:
    """A loopback HTTP server in a thread.

    It checks every POST's signature (401 if bad), then routes it to `self.on_post`.
    """

    def __init__(self, registry: Registry, host: str = "127.0.0.1", port: int = 0) -> None:
        self.registry = registry
        outer = self

        class _Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server naming)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    outer.registry.check(self.headers.get("Authorization"), body)
                    status, reply = outer.on_post(self.path, body)
                except SignatureError as exc:
                    status, reply = 401, nack(INVALID_REQUEST, exc.message)
                data = json.dumps(reply).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer((host, port), _Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """`http://host:port`."""
        address = self.httpd.server_address
        host = address[0].decode() if isinstance(address[0], bytes) else address[0]
        return f"http://{host}:{address[1]}"

    def start(self) -> str:
        """Serve in a background thread; returns the base URL."""
        self.thread.start()
        return self.url

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self.httpd.shutdown()
        self.httpd.server_close()

    def on_post(self, path: str, body: bytes) -> tuple[int, dict[str, Any]]:
        """Answer a POST whose signature has been verified."""
        raise NotImplementedError


class BppServer(_Server):
    """A cluster agent (provider platform) reachable over HTTP."""

    def __init__(self, bpp_id: str, handler: Handler, registry: Registry, signer: Subscriber,
                 timeout_s: float = 30.0, **kw: Any) -> None:
        super().__init__(registry, **kw)
        self.bpp_id, self.handler = bpp_id, handler
        self.signer, self.timeout_s = signer, timeout_s

    def on_post(self, path: str, body: bytes) -> tuple[int, dict[str, Any]]:
        """ACK at once (or NACK); the callback follows from a worker thread."""
        action = path.strip("/").rsplit("/", 1)[-1]
        try:
            message = json.loads(body)
        except ValueError:
            return 400, nack(INVALID_REQUEST, "the body is not JSON")
        if action not in REQUEST_ACTIONS:
            return 404, nack(INVALID_REQUEST, f"no action {action!r}", ["$.context.action"])
        try:
            validate(message, action)
        except BecknValidationError as exc:
            return 400, nack_for(exc)
        threading.Thread(target=self._answer, args=(message,), daemon=True).start()
        return 200, {"message": {"ack": {"status": "ACK"}}}

    def _answer(self, message: dict[str, Any]) -> None:
        ctx = message["context"]
        try:
            reply = self.handler(message)
        except BecknError as exc:
            reply = refusal(ctx | {"bpp_id": self.bpp_id}, exc, self.url, datetime.now(UTC))
        body = json.dumps(reply).encode()
        _post(f"{ctx['bap_uri']}/{reply['context']['action']}", body,
              self.signer.headers(body), self.timeout_s)


class BapServer(_Server):
    """The coordinator's callback endpoint: collects on_* messages by message id."""

    def __init__(self, registry: Registry, **kw: Any) -> None:
        super().__init__(registry, **kw)
        self._replies: dict[str, dict[str, Any]] = {}
        self._arrived = threading.Condition()

    def on_post(self, path: str, body: bytes) -> tuple[int, dict[str, Any]]:
        """Validate and keep a callback for whoever waits on its message id."""
        try:
            reply = json.loads(body)
            validate(reply, reply["context"]["action"])
        except BecknValidationError as exc:
            return 400, nack_for(exc)
        except (ValueError, KeyError, TypeError):
            return 400, nack(INVALID_REQUEST, "the callback is not a Beckn message")
        with self._arrived:
            self._replies[reply["context"]["message_id"]] = reply
            self._arrived.notify_all()
        return 200, {"message": {"ack": {"status": "ACK"}}}

    def wait(self, message_id: str, timeout_s: float) -> dict[str, Any] | None:
        """The callback for `message_id`, or None after `timeout_s`."""
        with self._arrived:
            self._arrived.wait_for(lambda: message_id in self._replies, timeout_s)
            return self._replies.pop(message_id, None)


@dataclass
class HttpTransport:
    """Sends requests to remote providers and waits for their callbacks."""

    bap: BapServer
    signer: Subscriber
    providers: dict[str, str]          # bpp_id -> bpp_uri
    timeout_s: float = 30.0

    def send(self, action: str, message: dict[str, Any]) -> dict[str, Any]:
        """POST the signed request; return the validated callback or a NACK envelope."""
        if action not in REQUEST_ACTIONS:
            return nack(INVALID_REQUEST, f"{action!r} is not a request action",
                        ["$.context.action"])
        bpp_id = message["context"].get("bpp_id")
        if bpp_id not in self.providers:
            return nack(INVALID_REQUEST, f"no provider {bpp_id!r} is known over HTTP",
                        ["$.context.bpp_id"])
        try:
            validate(message, action)
        except BecknValidationError as exc:
            return nack_for(exc)
        body = json.dumps(message).encode()
        status, raw = _post(f"{self.providers[bpp_id]}/{action}", body,
                            self.signer.headers(body), self.timeout_s)
        ack = json.loads(raw or b"{}")
        if status != 200 or reply_error(ack) is not None:
            return ack if reply_error(ack) else nack(INVALID_REQUEST, f"HTTP {status}")
        reply = self.bap.wait(message["context"]["message_id"], self.timeout_s)
        if reply is None:
            return nack(INVALID_REQUEST, f"no on_{action} from {bpp_id!r} within "
                        f"{self.timeout_s:g} s")
        return reply
