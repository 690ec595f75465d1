"""Beckn HTTP signatures: the `Authorization` header over a BLAKE2b-512 body digest.

The header format, digest, signing string and time checks are plain Python. The
Ed25519 primitive comes from the key objects passed in, shaped like the
`cryptography` package's `Ed25519PrivateKey.sign(data) -> bytes` and
`Ed25519PublicKey.verify(signature, data)` (raises on a bad signature), so this module
imports no crypto library itself. gridwise does not depend on one yet: add
`cryptography` to use these helpers with real keys.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from typing import Protocol

from gridwise.errors import UserError

ALGORITHM = "ed25519"
SIGNED_HEADERS = "(created) (expires) digest"

try:  # the exception cryptography raises for a signature that does not match
    from cryptography.exceptions import InvalidSignature

    _BAD_SIGNATURE: tuple[type[Exception], ...] = (InvalidSignature, ValueError)
except ImportError:  # pragma: no cover - depends on the environment
    _BAD_SIGNATURE = (ValueError,)


class SigningKey(Protocol):
    """An Ed25519 private key (e.g. `cryptography`'s `Ed25519PrivateKey`)."""

    def sign(self, data: bytes) -> bytes:
        """The 64-byte signature of `data`."""
        ...


class VerifyKey(Protocol):
    """An Ed25519 public key (e.g. `cryptography`'s `Ed25519PublicKey`)."""

    def verify(self, signature: bytes, data: bytes) -> None:
        """Return if `signature` signs `data`; raise otherwise."""
        ...


class SignatureError(UserError):
    """A request whose signature header is missing, malformed, stale or wrong (HTTP 401)."""


@dataclass(frozen=True, slots=True)
class SignatureHeader:
    """The parts of a Beckn `Authorization: Signature ...` header."""

    subscriber_id: str
    key_id: str
    created: int
    expires: int
    signature: bytes


def body_digest(body: bytes) -> str:
    """`BLAKE-512=<base64 of the BLAKE2b-512 digest of the raw body>`."""
    return "BLAKE-512=" + base64.b64encode(hashlib.blake2b(body, digest_size=64).digest()).decode()


def signing_string(body: bytes, created: int, expires: int) -> str:
    """The string that is signed: created, expires and the body digest, one per line."""
    return f"(created): {created}\n(expires): {expires}\ndigest: {body_digest(body)}"


def sign(body: bytes, subscriber_id: str, key_id: str, private_key: SigningKey, created: int,
         expires: int) -> str:
    """The `Authorization` header value for a request body.

    Args:
        body: the exact bytes sent.
        subscriber_id: the sender's registry id (bap_id or bpp_id).
        key_id: the id of the key in the registry entry.
        private_key: the sender's Ed25519 private key.
        created: unix seconds when the signature was made.
        expires: unix seconds after which it is refused.

    Raises:
        ValueError: `expires` is not after `created`, or an id contains `|` or `"`.
    """
    if expires <= created:
        raise ValueError(f"expires {expires!r} must be after created {created!r}")
    for name, value in (("subscriber_id", subscriber_id), ("key_id", key_id)):
        if "|" in value or '"' in value:
            raise ValueError(f"{name} {value!r} must not contain '|' or '\"'")
    signature = private_key.sign(signing_string(body, created, expires).encode())
    return (f'Signature keyId="{subscriber_id}|{key_id}|{ALGORITHM}",algorithm="{ALGORITHM}",'
            f'created="{created}",expires="{expires}",headers="{SIGNED_HEADERS}",'
            f'signature="{base64.b64encode(signature).decode()}"')


def parse_header(header: str) -> SignatureHeader:
    """The parts of a signature header.

    Raises:
        SignatureError: the header is not a Beckn ed25519 signature header.
    """
    if not header.startswith("Signature "):
        raise _bad("the Authorization header does not start with 'Signature '")
    fields = dict(re.findall(r'(\w+)="([^"]*)"', header))
    missing = [k for k in ("keyId", "algorithm", "created", "expires", "headers", "signature")
               if k not in fields]
    if missing:
        raise _bad(f"the signature header lacks {', '.join(missing)}")
    parts = fields["keyId"].split("|")
    if len(parts) != 3 or parts[2] != ALGORITHM or fields["algorithm"] != ALGORITHM:
        raise _bad(f"keyId {fields['keyId']!r} / algorithm {fields['algorithm']!r} is not "
                   f"'<subscriber>|<key>|{ALGORITHM}' / {ALGORITHM!r}")
    if fields["headers"] != SIGNED_HEADERS:
        raise _bad(f"signed headers {fields['headers']!r} are not {SIGNED_HEADERS!r}")
    try:
        created, expires = int(fields["created"]), int(fields["expires"])
        signature = base64.b64decode(fields["signature"], validate=True)
    except (ValueError, binascii.Error) as exc:
        raise _bad(f"created/expires/signature are malformed: {exc}") from exc
    return SignatureHeader(parts[0], parts[1], created, expires, signature)


def verify(header: str, body: bytes, public_key: VerifyKey, now: int,
           skew_s: int = 0) -> SignatureHeader:
    """Check a request's signature header against its body and the sender's public key.

    Args:
        header: the `Authorization` header value.
        body: the exact bytes received.
        public_key: the key the registry holds for the header's subscriber and key id.
        now: the receiver's unix time.
        skew_s: clock difference tolerated on both ends of the validity window.

    Returns:
        The parsed header (who signed, with which key).

    Raises:
        SignatureError: malformed header, `created` in the future, `expires` in the past,
            or a signature that does not match (answer HTTP 401).
    """
    parsed = parse_header(header)
    if parsed.created > now + skew_s:
        raise _bad(f"created {parsed.created} is in the future (now {now})")
    if parsed.expires < now - skew_s:
        raise _bad(f"the signature expired at {parsed.expires} (now {now})")
    data = signing_string(body, parsed.created, parsed.expires).encode()
    try:
        public_key.verify(parsed.signature, data)
    except _BAD_SIGNATURE as exc:
        raise _bad(f"the signature of {parsed.subscriber_id!r} (key {parsed.key_id!r}) does "
                   "not match the body") from exc
    return parsed


def _bad(problem: str) -> SignatureError:
    return SignatureError(problem, "sign the exact body bytes with the key registered for "
                          "the keyId, with created <= now <= expires")
