"""Beckn over the in-process transport: the whole flow, NACKs and error callbacks."""

import uuid
from typing import Any

import pytest

from tests.test_beckn import BILLING, BPP, CLOCK, PROVIDER, TXN, counter, make_job, make_quotes
from tools.beckn import messages as m
from tools.beckn.context import QUANTITY_UNAVAILABLE
from tools.beckn.transport import InProcessTransport
from tools.beckn.validate import validate


class FakeCluster:
    """A cluster agent that answers every action with the builders."""

    def __init__(self, bpp: m.Bpp = BPP) -> None:
        self.bpp, self.calls = bpp, []  # type: list[str]

    def __call__(self, msg: dict[str, Any]) -> dict[str, Any]:
        action, q = msg["context"]["action"], make_quotes()[0]
        self.calls.append(action)
        ctx = m.callback_context(msg["context"], self.bpp, CLOCK)
        if action == "search":
            return m.on_search_from_quotes(PROVIDER, make_quotes(), ctx)
        if action == "select":
            if msg["message"]["order"]["items"][0]["id"] != m.item_id_for(q):
                raise m.BecknError(QUANTITY_UNAVAILABLE, "those GPUs are gone")
            return m.on_select_from_quote(q, PROVIDER, ctx)
        if action == "init":
            return m.on_init_from_quote(q, PROVIDER, BILLING, ctx)
        if action == "confirm":
            return m.on_confirm_from_quote(q, PROVIDER, BILLING,
                                           msg["message"]["order"]["payments"], "order-7", ctx)
        return m.on_status_for(msg["message"]["order_id"], m.fulfillment_id_for(q),
                               "COMPLETED", ctx, energy_used_kwh=30.0, actual_gco2e=11000)


def test_transport_runs_the_whole_flow() -> None:
    ids, cluster = counter(), FakeCluster()
    t = InProcessTransport({BPP.bpp_id: cluster})
    found = t.send("search", m.search_from_job(make_job(), CLOCK, TXN, ids, bpp=BPP))
    assert m.reply_error(found) is None
    offer = m.items_from_on_search(found)[0]
    assert offer.quote == make_quotes()[0]

    def ctx(action: str) -> dict[str, Any]:
        return m.request_context(TXN, action, CLOCK, BPP, ids)  # type: ignore[arg-type]

    selected = t.send("select", m.select_from_quote(offer.quote, offer.provider_id, ctx("select")))
    assert m.reply_error(selected) is None
    inited = t.send("init", m.init_from_quote(offer.quote, PROVIDER, BILLING, ctx("init")))
    payments = inited["message"]["order"]["payments"]
    confirmed = t.send("confirm", m.confirm_from_quote(offer.quote, PROVIDER, BILLING, payments,
                                                       ctx("confirm")))
    order = m.order_from_on_confirm(confirmed)
    done = t.send("status", m.status_request(order.order_id, ctx("status")))
    assert m.progress_from_on_status(done).state == "COMPLETED"
    assert done["message"]["order"]["status"] == "COMPLETE"
    assert cluster.calls == ["search", "select", "init", "confirm", "status"]


def test_transport_nacks_an_invalid_request_without_calling_the_provider() -> None:
    cluster = FakeCluster()
    msg = m.status_request("order-1", m.request_context(TXN, "status", CLOCK, BPP, counter()))
    del msg["context"]["bap_uri"]
    reply = InProcessTransport({BPP.bpp_id: cluster}).send("status", msg)
    assert reply["error"]["paths"] == "$.context.bap_uri" and cluster.calls == []
    validate(reply, "ack")


def test_transport_nacks_a_bad_callback() -> None:
    def bad(msg: dict[str, Any]) -> dict[str, Any]:
        reply = FakeCluster()(msg)
        reply["message"]["catalog"]["providers"][0]["items"][0]["tags"][0]["list"][0][
            "value"] = 8
        return reply

    reply = InProcessTransport({BPP.bpp_id: bad}).send(
        "search", m.search_from_job(make_job(), CLOCK, TXN, counter(), bpp=BPP))
    assert reply["message"] == {"ack": {"status": "NACK"}}
    assert reply["error"]["paths"] == (
        "$.message.catalog.providers[0].items[0].tags[0].list[0].value")
    assert "on_search" in reply["error"]["message"]


def test_transport_nacks_a_callback_for_another_message() -> None:
    def stray(msg: dict[str, Any]) -> dict[str, Any]:
        reply = FakeCluster()(msg)
        reply["context"] = reply["context"] | {"message_id": str(uuid.UUID(int=99))}
        return reply

    reply = InProcessTransport({BPP.bpp_id: stray}).send(
        "search", m.search_from_job(make_job(), CLOCK, TXN, counter(), bpp=BPP))
    assert reply["error"]["paths"] == "$.context.message_id"


def test_transport_turns_a_business_refusal_into_an_error_callback() -> None:
    other = make_quotes()[1]
    msg = m.select_from_quote(other, PROVIDER, m.request_context(TXN, "select", CLOCK, BPP,
                                                                 counter()))
    reply = InProcessTransport({BPP.bpp_id: FakeCluster()}).send("select", msg)
    validate(reply, "on_select")
    assert reply["error"] == {"code": "40002", "message": "those GPUs are gone"}
    assert reply["context"]["message_id"] == msg["context"]["message_id"]
    with pytest.raises(m.BecknError) as info:
        m.items_from_on_search(reply)
    assert info.value.code == 40002


def test_transport_addressing_and_broadcast() -> None:
    a = m.Bpp(bpp_id="cluster.a", bpp_uri="inproc://cluster.a")
    b = m.Bpp(bpp_id="cluster.b", bpp_uri="inproc://cluster.b")
    t = InProcessTransport({a.bpp_id: FakeCluster(a), b.bpp_id: FakeCluster(b)})
    search = m.search_from_job(make_job(), CLOCK, TXN, counter())
    assert t.send("search", search)["error"]["paths"] == "$.context.bpp_id"
    replies = t.broadcast(search)
    assert sorted(replies) == ["cluster.a", "cluster.b"]
    assert all(m.quotes_from_on_search(r) == make_quotes() for r in replies.values())
    stray = m.status_request("o", m.request_context(TXN, "status", CLOCK, BPP, counter()))
    assert "no provider 'cluster.aws-us-east-1'" in t.send("status", stray)["error"]["message"]
    assert t.send("on_status", stray)["error"]["code"] == "30000"


def test_transport_lets_infrastructure_errors_propagate() -> None:
    def broken(msg: dict[str, Any]) -> dict[str, Any]:
        raise ConnectionError("cluster agent crashed")

    with pytest.raises(ConnectionError):
        InProcessTransport({BPP.bpp_id: broken}).send(
            "search", m.search_from_job(make_job(), CLOCK, TXN, counter(), bpp=BPP))
