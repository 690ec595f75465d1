"""Which transport reaches which provider: in-process agents, or remote ones over HTTP.

`open_remote` builds the coordinator's HTTP side from settings (registered providers,
this node's key, the callback address); `RoutedTransport` sends each request by its
`bpp_id`. Both transports keep one contract: a validated callback or a NACK envelope.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol
from urllib.parse import urlsplit

from gridwise.errors import UserError
from gridwise.settings import BecknPeer, Settings
from tools.beckn.http import BapServer, HttpTransport
from tools.beckn.registry import (
    Peer,
    Registry,
    Subscriber,
    check_uri,
    load_or_create_key,
    public_key_from_b64,
)
from tools.beckn.transport import InProcessTransport


class Transport(Protocol):
    """What the coordinator sends Beckn requests through."""

    def send(self, action: str, message: dict[str, Any]) -> dict[str, Any]:
        """The callback of one request, or a NACK envelope."""
        ...


def registry_of(peers: Sequence[BecknPeer]) -> Registry:
    """A registry holding `peers` (URIs and keys checked).

    Raises:
        UserError: a duplicate id, a bad URI or a bad key.
    """
    registry = Registry()
    for p in peers:
        if registry.peer(p.id) is not None:
            raise UserError(f"Beckn peer {p.id!r} is listed twice",
                            "list each remote provider / buyer once")
        registry.add(Peer.of(p.id, p.uri, {p.key_id: public_key_from_b64(p.public_key)}))
    return registry


def open_remote(settings: Settings) -> HttpTransport:
    """Start the callback server and return the HTTP transport to the remote providers."""
    registry = registry_of(settings.remote_providers)
    url = urlsplit(check_uri(settings.beckn_callback_url, "GRIDWISE_BECKN_CALLBACK_URL"))
    key = load_or_create_key(settings.beckn_key_path(settings.beckn_id))
    bap = BapServer(registry, settings.beckn_id, host=url.hostname or "127.0.0.1",
                    port=url.port or 0)
    bap.start()
    return HttpTransport(bap, Subscriber(settings.beckn_id, "k1", key),
                         {p.id: p.uri.rstrip("/") for p in settings.remote_providers},
                         timeout_s=settings.beckn_timeout_s)


class RoutedTransport:
    """In-process handlers for local providers, HTTP for the remote ones."""

    def __init__(self, local: InProcessTransport, remote: HttpTransport | None = None) -> None:
        self.local, self.remote = local, remote

    @property
    def remote_ids(self) -> list[str]:
        """The providers reached over HTTP."""
        return sorted(self.remote.providers) if self.remote else []

    def send(self, action: str, message: dict[str, Any]) -> dict[str, Any]:
        """Send by `context.bpp_id`: remote providers over HTTP, the rest in-process."""
        bpp_id = (message.get("context") or {}).get("bpp_id")
        if self.remote is not None and bpp_id in self.remote.providers:
            return self.remote.send(action, message)
        return self.local.send(action, message)

    def close(self) -> None:
        """Stop the callback server, if one runs."""
        if self.remote is not None:
            self.remote.bap.stop()
            if self.remote.client is not None:
                self.remote.client.close()
