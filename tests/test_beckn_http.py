"""Beckn over HTTP on loopback: signed requests, ACK, asynchronous callbacks."""

from datetime import datetime

import pytest

cryptography = pytest.importorskip("cryptography")
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402

from agents.cluster import ClusterAgent  # noqa: E402
from gridwise.models import JobSpec  # noqa: E402
from tests.graphkit import tiny_store  # noqa: E402
from tools.beckn import messages as m  # noqa: E402
from tools.beckn.context import Bpp, Transaction  # noqa: E402
from tools.beckn.http import BapServer, BppServer, HttpTransport, Registry, Subscriber  # noqa: E402

CLOCK = datetime(2022, 3, 1, 5)
JOB = JobSpec.model_validate({"kind": "train", "gpu_hours": 10,
                              "hardware": {"gpu_type": "H100"}})


@pytest.fixture
def net(tmp_path):
    store = tiny_store(tmp_path)
    bap_key, bpp_key = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    registry = Registry({("bap", "k1"): bap_key.public_key(),
                         ("lambda", "k1"): bpp_key.public_key()})
    bap = BapServer(registry)
    bap_url = bap.start()
    bpp = BppServer("lambda", ClusterAgent(store, "lambda").handle, registry,
                    Subscriber("lambda", "k1", bpp_key))
    bpp_url = bpp.start()
    transport = HttpTransport(bap, Subscriber("bap", "k1", bap_key), {"lambda": bpp_url},
                              timeout_s=20)
    yield store, transport, bap_url, bpp_url, bap_key
    bpp.stop()
    bap.stop()


def _search(bap_url, bpp_url):
    txn = Transaction(bap_id="bap", bap_uri=bap_url)
    return m.search_from_job(JOB, CLOCK, txn, bpp=Bpp(bpp_id="lambda", bpp_uri=bpp_url))


def test_search_over_http_equals_in_process(net):
    store, transport, bap_url, bpp_url, _ = net
    reply = transport.send("search", _search(bap_url, bpp_url))
    assert m.reply_error(reply) is None, reply
    over_http = m.quotes_from_on_search(reply)
    direct = m.quotes_from_on_search(ClusterAgent(store, "lambda").handle(
        _search(bap_url, bpp_url)))
    assert over_http == direct and over_http


def test_bad_signature_is_refused(net):
    _, transport, bap_url, bpp_url, _ = net
    impostor = Subscriber("bap", "k1", Ed25519PrivateKey.generate())
    bad = HttpTransport(transport.bap, impostor, transport.providers, timeout_s=5)
    reply = bad.send("search", _search(bap_url, bpp_url))
    assert m.reply_error(reply) is not None
    assert "does not match" in reply["error"]["message"]


def test_invalid_request_is_nacked_before_sending(net):
    _, transport, bap_url, bpp_url, _ = net
    msg = _search(bap_url, bpp_url)
    del msg["context"]["message_id"]
    reply = transport.send("search", msg)
    assert reply["message"]["ack"]["status"] == "NACK"
    assert "message_id" in reply["error"]["paths"]


def test_select_after_search_over_http(net):
    _, transport, bap_url, bpp_url, _ = net
    txn = Transaction(bap_id="bap", bap_uri=bap_url)
    bpp = Bpp(bpp_id="lambda", bpp_uri=bpp_url)
    found = transport.send("search", m.search_from_job(JOB, CLOCK, txn, bpp=bpp))
    quote = m.quotes_from_on_search(found)[0]
    ctx = m.request_context(txn, "select", CLOCK, bpp)
    reply = transport.send("select", m.select_from_quote(quote, "lambda", ctx))
    assert m.reply_error(reply) is None, reply
    assert reply["context"]["action"] == "on_select"
    assert reply["message"]["order"]["quote"]["price"]["currency"] == "USD"
