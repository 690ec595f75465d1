"""Who may talk to whom over Beckn HTTP: registered peers, their keys, and replay memory.

A Beckn registry maps a subscriber id to its URI and public keys. A receiver accepts a
signed message only when

- the signature verifies with a key registered for the signer (`keyId`),
- the signer is the party the context names (`bap_id` on a request, `bpp_id` on a
  callback): a key of one subscriber never speaks for another,
- the signature's window is short (`MAX_SIGNATURE_WINDOW_S`) and current, with
  `CLOCK_SKEW_S` of tolerance on both ends,
- the (signer, action, message id) has not been seen within the window (replay).

Callbacks go only to the URI registered for the signer, never to one a message names.
"""

from __future__ import annotations

import base64
import binascii
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from gridwise.errors import UserError
from tools.beckn.signing import (
    SignatureError,
    SignatureHeader,
    SigningKey,
    VerifyKey,
    parse_header,
    sign,
    verify,
)

#: Longest `expires - created` a receiver accepts (seconds).
MAX_SIGNATURE_WINDOW_S = 300
#: Clock difference tolerated between sender and receiver (seconds).
CLOCK_SKEW_S = 5
#: How long a signature the sender makes stays valid.
SIGNATURE_TTL_S = 60


def check_uri(uri: str, what: str = "URI") -> str:
    """`uri` without a trailing slash, if it is a plain http(s) base URL.

    Raises:
        UserError: another scheme (file://, gopher://...), credentials, a query or a
            fragment: none of these can be a Beckn endpoint.
    """
    parts = urlsplit(uri)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UserError(f"{what} {uri!r} is not an http(s) URL",
                        "register an address like https://provider.example:8443/beckn")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise UserError(f"{what} {uri!r} carries credentials, a query or a fragment",
                        "register the plain base URL; actions are appended to it")
    return uri.rstrip("/")


def public_key_from_b64(text: str) -> Ed25519PublicKey:
    """An Ed25519 public key from its raw 32 bytes in standard base64.

    Raises:
        UserError: not base64, or not 32 bytes.
    """
    try:
        raw = base64.b64decode(text, validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError):
        raise UserError(f"public key {text[:60]!r} is not a base64 Ed25519 key (32 bytes)",
                        "copy the key `gridwise provider serve` prints") from None


def public_key_b64(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """The raw public key in standard base64 (what a registry entry holds)."""
    pub = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return base64.b64encode(pub.public_bytes(serialization.Encoding.Raw,
                                             serialization.PublicFormat.Raw)).decode()


def load_or_create_key(path: Path) -> Ed25519PrivateKey:
    """The Ed25519 private key of this node (PEM), created with mode 0600 when absent.

    Raises:
        UserError: the file exists but is not an Ed25519 private key.
    """
    if path.exists():
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (ValueError, TypeError, OSError) as exc:
            raise UserError(f"the Beckn key file {str(path)!r} is not a PEM private key "
                            f"({exc})", "remove it to create a new key, or restore it") from None
        if not isinstance(key, Ed25519PrivateKey):
            raise UserError(f"the Beckn key file {str(path)!r} is not an Ed25519 key",
                            "remove it to create a new key")
        return key
    key = Ed25519PrivateKey.generate()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key.private_bytes(serialization.Encoding.PEM,
                                   serialization.PrivateFormat.PKCS8,
                                   serialization.NoEncryption()))
    return key


@dataclass(frozen=True)
class Subscriber:
    """A signing party: its registry id, key id and private key."""

    subscriber_id: str
    key_id: str
    private_key: SigningKey

    def headers(self, body: bytes, now: int | None = None) -> dict[str, str]:
        """Content type and the `Authorization` signature for `body`."""
        created = int(time.time()) if now is None else now
        return {"Content-Type": "application/json",
                "Authorization": sign(body, self.subscriber_id, self.key_id, self.private_key,
                                      created, created + SIGNATURE_TTL_S)}


@dataclass(frozen=True)
class Peer:
    """A registry entry: a subscriber's base URI and its public keys by key id."""

    subscriber_id: str
    uri: str
    keys: dict[str, VerifyKey]

    @classmethod
    def of(cls, subscriber_id: str, uri: str, keys: dict[str, VerifyKey]) -> Peer:
        """A checked entry (see `check_uri`)."""
        return cls(subscriber_id, check_uri(uri, f"the URI of {subscriber_id!r}"), dict(keys))


@dataclass
class Registry:
    """Registered peers plus the replay memory of one receiver (thread-safe)."""

    peers: dict[str, Peer] = field(default_factory=dict)
    _seen: dict[tuple[str, str, str], float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, peer: Peer) -> None:
        """Register (or replace) a peer."""
        with self._lock:
            self.peers[peer.subscriber_id] = peer

    def peer(self, subscriber_id: str) -> Peer | None:
        """The entry of `subscriber_id`, if registered."""
        with self._lock:
            return self.peers.get(subscriber_id)

    def authenticate(self, header: str | None, body: bytes,
                     now: float | None = None) -> tuple[Peer, SignatureHeader]:
        """The registered peer that signed `body` and its header; `SignatureError` otherwise.

        A `SignatureError` is answered with HTTP 401.
        """
        if not header:
            raise SignatureError("the request carries no Authorization signature",
                                 "sign the body (tools.beckn.signing.sign)")
        parsed = parse_header(header)
        peer = self.peer(parsed.subscriber_id)
        key = peer.keys.get(parsed.key_id) if peer else None
        if peer is None or key is None:
            raise SignatureError(f"no key {parsed.key_id!r} registered for "
                                 f"{parsed.subscriber_id!r}", "register the subscriber's key")
        if parsed.expires - parsed.created > MAX_SIGNATURE_WINDOW_S:
            raise SignatureError(
                f"the signature is valid for {parsed.expires - parsed.created} s, more than "
                f"the {MAX_SIGNATURE_WINDOW_S} s accepted",
                f"sign with expires - created <= {MAX_SIGNATURE_WINDOW_S}")
        verify(header, body, key, int(time.time() if now is None else now), CLOCK_SKEW_S)
        return peer, parsed

    def remember(self, signer: str, action: str, message_id: str, expires: int,
                 now: float | None = None) -> None:
        """Record a message once; a second time within its validity is a replay.

        Raises:
            SignatureError: the same signer already sent this action and message id.
        """
        t = time.time() if now is None else now
        key = (signer, action, message_id)
        with self._lock:
            for k in [k for k, until in self._seen.items() if until < t]:
                del self._seen[k]
            if key in self._seen:
                raise SignatureError(f"replayed {action!r} message {message_id!r} from "
                                     f"{signer!r}", "send each message once, with a new "
                                     "message_id")
            self._seen[key] = max(expires, t) + CLOCK_SKEW_S
