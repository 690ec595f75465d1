"""Beckn over HTTP on loopback: signed requests, ACK, asynchronous callbacks, and attacks.

Issue 11 item 4: every sub-item has a test here (callback target, signer identity, reply
matching, replay, signature windows, body limits, read timeouts, never silence).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from datetime import datetime

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from agents.cluster import ClusterAgent
from gridwise.errors import UserError
from gridwise.models import JobSpec
from tests.graphkit import tiny_store
from tools.beckn import http as bh
from tools.beckn import messages as m
from tools.beckn.context import Bpp, Transaction, callback_context
from tools.beckn.http import BapServer, BppServer, HttpTransport
from tools.beckn.registry import MAX_SIGNATURE_WINDOW_S, Peer, Registry, Subscriber
from tools.beckn.signing import sign

CLOCK = datetime(2022, 3, 1, 5)
JOB = JobSpec.model_validate({"kind": "train", "gpu_hours": 10,
                              "hardware": {"gpu_type": "H100"}})
BAP = "bap"


class Net:
    """A BAP and two BPPs (lambda, nebius) on loopback, each with its own registry."""

    def __init__(self, store, handlers=None):
        self.store = store
        self.keys = {n: Ed25519PrivateKey.generate() for n in (BAP, "lambda", "nebius",
                                                               "mallory")}
        self.bap_registry, self.bpp_registry = Registry(), Registry()
        self.bap = BapServer(self.bap_registry, BAP)
        handlers = handlers or {p: ClusterAgent(store, p).handle for p in ("lambda", "nebius")}
        self.bpps = {p: BppServer(p, h, self.bpp_registry, self.signer(p), timeout_s=5)
                     for p, h in handlers.items()}
        self.bpp_registry.add(Peer.of(BAP, self.bap.url, {"k1": self.pub(BAP)}))
        self.bpp_registry.add(Peer.of("mallory", "http://127.0.0.1:9", {"k1": self.pub(
            "mallory")}))
        for p, server in self.bpps.items():
            self.bap_registry.add(Peer.of(p, server.url, {"k1": self.pub(p)}))
        self.bap.start()
        for server in self.bpps.values():
            server.start()
        self.transport = HttpTransport(self.bap, self.signer(BAP),
                                       {p: s.url for p, s in self.bpps.items()}, timeout_s=5)

    def pub(self, name):
        return self.keys[name].public_key()

    def signer(self, name):
        return Subscriber(name, "k1", self.keys[name])

    def stop(self):
        for server in self.bpps.values():
            server.stop()
        self.bap.stop()

    def search(self, bpp="lambda", bap_uri=None):
        txn = Transaction(bap_id=BAP, bap_uri=bap_uri or self.bap.url)
        return m.search_from_job(JOB, CLOCK, txn,
                                 bpp=Bpp(bpp_id=bpp, bpp_uri=self.bpps[bpp].url))

    def post(self, url, message, signer=BAP, created=None, expires=None, raw=None,
             headers=None):
        body = raw if raw is not None else json.dumps(message).encode()
        now = int(time.time())
        created = now if created is None else created
        expires = created + 60 if expires is None else expires
        h = {"Content-Type": "application/json",
             "Authorization": sign(body, signer, "k1", self.keys[signer], created, expires)}
        h.update(headers or {})
        return httpx.post(url, content=body, headers=h, timeout=10, trust_env=False)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = tiny_store(tmp_path_factory.mktemp("beckn-http"))
    yield s
    s.close()


@pytest.fixture
def net(store):
    n = Net(store)
    yield n
    n.stop()


class Listener:
    """A loopback socket that records whether anything connects to it (SSRF canary)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.hits = 0
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def poll(self, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                conn, _ = self.sock.accept()
                self.hits += 1
                conn.close()
            except TimeoutError:
                pass
        return self.hits

    def close(self):
        self.sock.close()


def nack_of(r):
    body = r.json()
    assert body["message"]["ack"]["status"] == "NACK", body
    return body["error"]


# --------------------------------------------------------------------- the happy path
def test_search_over_http_equals_in_process(net):
    reply = net.transport.send("search", net.search())
    assert m.reply_error(reply) is None, reply
    over_http = m.quotes_from_on_search(reply)
    direct = m.quotes_from_on_search(ClusterAgent(net.store, "lambda").handle(net.search()))
    assert over_http == direct and over_http


def test_select_after_search_over_http(net):
    txn = Transaction(bap_id=BAP, bap_uri=net.bap.url)
    bpp = Bpp(bpp_id="lambda", bpp_uri=net.bpps["lambda"].url)
    found = net.transport.send("search", m.search_from_job(JOB, CLOCK, txn, bpp=bpp))
    quote = m.quotes_from_on_search(found)[0]
    ctx = m.request_context(txn, "select", CLOCK, bpp)
    reply = net.transport.send("select", m.select_from_quote(quote, "lambda", ctx))
    assert m.reply_error(reply) is None, reply
    assert reply["context"]["action"] == "on_select"
    assert reply["message"]["order"]["quote"]["price"]["currency"] == "USD"


def test_invalid_request_is_nacked_before_sending(net):
    msg = net.search()
    del msg["context"]["message_id"]
    reply = net.transport.send("search", msg)
    assert reply["message"]["ack"]["status"] == "NACK"
    assert "message_id" in reply["error"]["paths"]


# ---------------------------------------------- (a) callbacks only to the registered URI
@pytest.mark.parametrize("target", ["file:///etc/passwd", "{canary}/steal?x=1", "{canary}",
                                    "{bap}/../admin?q=1", "gopher://127.0.0.1:70/"])
def test_callback_never_goes_where_the_message_says(net, target):
    canary = Listener()
    try:
        msg = net.search(bap_uri=target.format(canary=canary.url, bap=net.bap.url))
        r = net.post(f"{net.bpps['lambda'].url}/search", msg)
        assert r.status_code == 401
        assert "bap_uri" in nack_of(r)["paths"]
        assert canary.poll(1.0) == 0
    finally:
        canary.close()


@pytest.mark.parametrize("uri", ["file:///tmp/x", "http://u:p@host/", "http://h/?q=1",
                                 "http://h/#f", "ftp://h/"])
def test_registry_refuses_non_http_uris(uri):
    with pytest.raises(UserError):
        Peer.of("x", uri, {})


# -------------------------------------- (b) the signer is the party the context names
def test_a_key_cannot_speak_for_another_bap(net):
    r = net.post(f"{net.bpps['lambda'].url}/search", net.search(), signer="mallory")
    assert r.status_code == 401
    assert "signed by 'mallory'" in nack_of(r)["message"]


def test_a_provider_cannot_answer_for_another(net):
    msg = net.search("lambda")
    key = net.bap.expect(msg["context"])
    reply = ClusterAgent(net.store, "lambda").handle(msg)
    forged = reply | {"context": reply["context"] | {"bpp_id": "lambda"}}
    r = net.post(f"{net.bap.url}/on_search", forged, signer="nebius")
    assert r.status_code == 401 and "bpp_id" in nack_of(r)["paths"]
    assert net.bap.wait(key, 0.2) is None


def test_unknown_signer_and_missing_signature(net):
    body = json.dumps(net.search()).encode()
    r = httpx.post(f"{net.bpps['lambda'].url}/search", content=body, trust_env=False)
    assert r.status_code == 401 and "no Authorization" in nack_of(r)["message"]
    stranger = Ed25519PrivateKey.generate()
    h = {"Authorization": sign(body, "eve", "k1", stranger, int(time.time()),
                               int(time.time()) + 60)}
    r = httpx.post(f"{net.bpps['lambda'].url}/search", content=body, headers=h,
                   trust_env=False)
    assert r.status_code == 401 and "no key 'k1' registered for 'eve'" in nack_of(r)["message"]


def test_bad_signature_is_refused(net):
    impostor = Subscriber(BAP, "k1", Ed25519PrivateKey.generate())
    bad = HttpTransport(net.bap, impostor, net.transport.providers, timeout_s=5)
    reply = bad.send("search", net.search())
    assert m.reply_error(reply) is not None
    assert "does not match" in reply["error"]["message"]


# ------------------------------------ (c) replies matched by (txn, message id, bpp id)
def test_unsolicited_and_mismatched_callbacks_are_refused(net):
    msg = net.search("lambda")
    reply = ClusterAgent(net.store, "lambda").handle(msg)
    r = net.post(f"{net.bap.url}/on_search", reply, signer="lambda")
    assert r.status_code == 400 and "no request is waiting" in nack_of(r)["message"]
    key = net.bap.expect(msg["context"])
    other_txn = reply | {"context": reply["context"] | {"transaction_id": "t-other"}}
    r = net.post(f"{net.bap.url}/on_search", other_txn, signer="lambda")
    assert r.status_code == 400
    assert net.bap.wait(key, 0.2) is None


def test_concurrent_replies_are_never_swapped(net):
    results = {}

    def ask(p):
        results[p] = net.transport.send("search", net.search(p))

    threads = [threading.Thread(target=ask, args=(p,)) for p in ("lambda", "nebius") * 3]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    for p, reply in results.items():
        assert reply["context"]["bpp_id"] == p, reply
        assert {q.provider for q in m.quotes_from_on_search(reply)} == {p}


# ----------------------------------------------------------------------- (d) replay
def test_replayed_request_is_refused(net):
    msg = net.search()
    body = json.dumps(msg).encode()
    now = int(time.time())
    h = {"Authorization": sign(body, BAP, "k1", net.keys[BAP], now, now + 60)}
    url = f"{net.bpps['lambda'].url}/search"
    assert httpx.post(url, content=body, headers=h, trust_env=False).status_code == 200
    again = httpx.post(url, content=body, headers=h, trust_env=False)
    assert again.status_code == 401 and "replayed" in nack_of(again)["message"]
    resigned = net.post(url, msg, created=now + 1)  # a fresh signature, same message id
    assert resigned.status_code == 401 and "replayed" in nack_of(resigned)["message"]


# ---------------------------------------------------------- (e) signature windows
@pytest.mark.parametrize("created, expires, ok", [
    (0, MAX_SIGNATURE_WINDOW_S + 1, False),    # a window longer than the cap
    (0, 86400 * 365, False),
    (60, 120, False),                          # created well in the future
    (-200, -100, False),                       # expired
    (3, 60, True),                             # within the stated 5 s skew
])
def test_signature_window_is_capped(net, created, expires, ok):
    now = int(time.time())
    r = net.post(f"{net.bpps['lambda'].url}/search", net.search(), created=now + created,
                 expires=now + expires)
    assert (r.status_code == 200) is ok, r.text


# ------------------------------------------------------------ (f) bodies limited
def test_declared_oversize_body_is_refused_unread(net):
    sock = socket.create_connection(("127.0.0.1", int(net.bpps["lambda"].url.rsplit(":", 1)[1])))
    sock.sendall(b"POST /search HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 b"Content-Length: 1000000000\r\n\r\n{")
    sock.settimeout(5)
    head = sock.recv(4096)
    sock.close()
    assert head.startswith(b"HTTP/1.1 413")


def test_streamed_oversize_body_is_refused(net):
    def chunks():
        for _ in range(bh.MAX_BODY_BYTES // 65536 + 2):
            yield b" " * 65536

    r = httpx.post(f"{net.bpps['lambda'].url}/search", content=chunks(), trust_env=False,
                   timeout=10)
    assert r.status_code == 413


# ---------------------------------------------------------------- (g) read timeouts
def test_slow_body_times_out(net, monkeypatch):
    monkeypatch.setattr(bh, "READ_TIMEOUT_S", 0.5)
    sock = socket.create_connection(("127.0.0.1", int(net.bpps["lambda"].url.rsplit(":", 1)[1])))
    sock.sendall(b"POST /search HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"con")
    sock.settimeout(5)
    head = sock.recv(4096)
    sock.close()
    assert head.startswith(b"HTTP/1.1 408")


def test_client_times_out_on_a_silent_provider(net):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    try:
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        t = HttpTransport(net.bap, net.signer(BAP), {"lambda": url}, timeout_s=0.5)
        t0 = time.monotonic()
        reply = t.send("search", net.search())
        assert time.monotonic() - t0 < 5
        assert "cannot reach 'lambda'" in reply["error"]["message"]
    finally:
        silent.close()


# -------------------------------------------------------- (h) never silence
def test_a_crashing_provider_sends_an_error_callback(store):
    def broken(message):
        raise RuntimeError("disk on fire")

    n = Net(store, handlers={"lambda": broken})
    try:
        reply = n.transport.send("search", n.search("lambda"))
        assert reply["error"]["code"] == "40000"
        assert "RuntimeError: disk on fire" in reply["error"]["message"]
    finally:
        n.stop()


def test_a_refusing_provider_sends_its_error(store):
    def refuse(message):
        raise m.BecknError(40002, "no H100 left")

    n = Net(store, handlers={"lambda": refuse})
    try:
        reply = n.transport.send("search", n.search("lambda"))
        assert reply["error"] == {"code": "40002", "message": "no H100 left"}
        assert reply["context"]["action"] == "on_search"
    finally:
        n.stop()


@pytest.mark.parametrize("path, raw, status", [
    ("search", b"{not json", 400),
    ("search", b"\xff\xfe", 400),
    ("search", b"[" * 10000 + b"]" * 10000, 400),
    ("search", b'{"context": {"action": "search"}, "x": NaN}', 400),
    ("delete_everything", b"{}", 404),
    ("on_search", None, 404),
])
def test_unreadable_requests_get_a_nack(net, path, raw, status):
    r = net.post(f"{net.bpps['lambda'].url}/{path}", net.search(), raw=raw)
    assert r.status_code == status
    assert nack_of(r)["code"] == "30000"


def test_wrong_method_and_wrong_provider(net):
    r = httpx.get(f"{net.bpps['lambda'].url}/search", trust_env=False)
    assert r.status_code == 405
    r = net.post(f"{net.bpps['nebius'].url}/search", net.search("lambda"))
    assert r.status_code == 400 and "bpp_id" in nack_of(r)["paths"]


def test_callback_for_a_different_action_is_refused(net):
    msg = net.search()
    key = net.bap.expect(msg["context"])
    ctx = callback_context(msg["context"] | {"action": "status"},
                           Bpp(bpp_id="lambda", bpp_uri="inproc://lambda"), CLOCK)
    status = m.on_status_for("o-1", "f-1", "RUNNING", ctx)
    r = net.post(f"{net.bap.url}/on_status", status, signer="lambda")
    assert r.status_code == 400 and "does not answer" in nack_of(r)["message"]
    assert net.bap.wait(key, 0.1) is None
