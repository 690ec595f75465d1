"""Beckn HTTP signatures: BLAKE2b digests, the Authorization header, Ed25519."""

import base64
import hmac
import json
from typing import Any

import pytest

from tests.test_beckn import build_flow
from tools.beckn import signing

RFC8032_SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
CREATED, EXPIRES = 1646111823, 1646112123


class FakeEd25519:
    """Stands in for an Ed25519 key pair where no crypto library is installed."""

    def __init__(self, secret: bytes) -> None:
        self.secret = secret

    def sign(self, data: bytes) -> bytes:
        return hmac.digest(self.secret, data, "sha512")

    def verify(self, signature: bytes, data: bytes) -> None:
        if not hmac.compare_digest(signature, self.sign(data)):
            raise ValueError("bad signature")


def test_digest_is_blake2b_512() -> None:
    empty = ("786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419d25e1031afee5853"
             "13896444934eb04b903a685b1448b755d56f701afe9be2ce")
    assert signing.body_digest(b"") == "BLAKE-512=" + base64.b64encode(
        bytes.fromhex(empty)).decode()
    assert signing.signing_string(b"", 1, 2) == (
        f"(created): 1\n(expires): 2\ndigest: {signing.body_digest(b'')}")


def test_sign_header_format_and_verify() -> None:
    key, body = FakeEd25519(b"k1"), json.dumps(build_flow()["select"]).encode()
    header = signing.sign(body, "gridwise.coordinator", "k1", key, CREATED, EXPIRES)
    sig = base64.b64encode(key.sign(signing.signing_string(body, CREATED, EXPIRES).encode()))
    assert header == (
        'Signature keyId="gridwise.coordinator|k1|ed25519",algorithm="ed25519",'
        f'created="{CREATED}",expires="{EXPIRES}",headers="(created) (expires) digest",'
        f'signature="{sig.decode()}"')
    parsed = signing.verify(header, body, key, now=CREATED + 10)
    assert (parsed.subscriber_id, parsed.key_id) == ("gridwise.coordinator", "k1")


@pytest.mark.parametrize(("change", "problem"), [
    ({"body": b"{}"}, "does not match the body"),
    ({"key": FakeEd25519(b"other")}, "does not match the body"),
    ({"now": CREATED - 1}, "in the future"),
    ({"now": EXPIRES + 1}, "expired"),
    ({"header": "Bearer abc"}, "does not start with 'Signature '"),
    ({"header": 'Signature keyId="a|b|rsa",algorithm="rsa",created="1",expires="2",'
                'headers="(created) (expires) digest",signature="AA=="'}, "is not"),
    ({"header": 'Signature keyId="a|b|ed25519",algorithm="ed25519"'}, "lacks created"),
])
def test_verify_rejects(change: dict[str, Any], problem: str) -> None:
    key, body = FakeEd25519(b"k1"), b'{"context": {}}'
    args = {"header": signing.sign(body, "bap", "k1", key, CREATED, EXPIRES), "body": body,
            "public_key": key, "now": CREATED}
    if "key" in change:
        args["public_key"] = change.pop("key")
    with pytest.raises(signing.SignatureError, match=problem):
        signing.verify(**(args | change))


def test_sign_rejects_bad_inputs() -> None:
    with pytest.raises(ValueError, match="after created"):
        signing.sign(b"", "bap", "k1", FakeEd25519(b"k"), EXPIRES, CREATED)
    with pytest.raises(ValueError, match="must not contain"):
        signing.sign(b"", "bap|x", "k1", FakeEd25519(b"k"), CREATED, EXPIRES)


def test_ed25519_with_fixed_keys() -> None:
    ed = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.ed25519",
                             reason="cryptography is not installed")
    private = ed.Ed25519PrivateKey.from_private_bytes(bytes.fromhex(RFC8032_SECRET))
    assert private.sign(b"").hex().startswith("e5564300c360ac72")  # RFC 8032, test 1
    body = json.dumps(build_flow()["on_search"]).encode()
    header = signing.sign(body, "cluster.a", "k1", private, CREATED, EXPIRES)
    signing.verify(header, body, private.public_key(), now=CREATED)
    with pytest.raises(signing.SignatureError):
        signing.verify(header, body + b" ", private.public_key(), now=CREATED)
