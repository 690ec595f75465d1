import copy
import json
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import pytest

from gridwise.errors import UserError
from gridwise.models import Accelerator, Evidence, JobSpec, Quote
from tools.beckn import messages as m
from tools.beckn.context import ERROR_RANGES, QUANTITY_UNAVAILABLE
from tools.beckn.validate import ACTIONS, BecknValidationError, nack_for, schema_names, validate
from tools.beckn.wire import decimal_str, iso_duration, money_str, parse_decimal

CLOCK = datetime(2022, 3, 1, 5, 17, 3)
TXN = m.Transaction(bap_id="gridwise.coordinator", bap_uri="inproc://coordinator",
                    transaction_id=str(uuid.UUID(int=10**6)), country="DE")
BPP = m.Bpp(bpp_id="cluster.aws-us-east-1", bpp_uri="inproc://cluster.aws-us-east-1")
PROVIDER = "aws-us-east-1"
BILLING = {"name": "ML platform team", "email": "ml@example.org"}


def counter() -> Callable[[], str]:
    it: Iterator[int] = iter(range(1, 10**6))
    return lambda: str(uuid.UUID(int=next(it)))


def make_quotes() -> list[Quote]:
    cloud = Quote(
        cluster=PROVIDER, provider="aws", kind="cloud", region="us-east-1",
        instance_type="p5.48xlarge", accelerator="H100", count=8, tp_degree=2, spot=False,
        start=datetime(2022, 3, 1, 6), finish=datetime(2022, 3, 1, 9, 42, 0, 123456),
        runtime_h=11 / 3, price_usd_per_h=98.32, cost_usd=98.32 * 11 / 3,
        energy_kwh=1e-7 + 31.4, kg_co2e=12.345678901234567, window="low-carbon",
        carbon_zone="US-MIDA-PJM", country="US", area="NA", confidence=0.82,
        notes=["ideal data-parallel scaling assumed", "zone is a proxy, 'quoted'"],
        evidence=[Evidence(table="instance_prices", keys={"provider": "aws", "price": 98.32,
                                                          "n": 8, "gone": None},
                           note="98.32 USD/h x 1 instance(s)"),
                  Evidence(table="carbon_intensity", keys={"zone": "US-MIDA-PJM"},
                           ts_from=datetime(2022, 3, 1, 6), ts_to=datetime(2022, 3, 1, 10),
                           note="mean 390.1 gCO2/kWh")])
    onprem = Quote(
        cluster=PROVIDER, provider="aws", kind="onprem", region="us-east-1",
        accelerator="A100-80GB", count=1, variant="int4", spot=True,
        start=datetime(2022, 3, 1, 8), finish=datetime(2022, 3, 2, 1, 30),
        runtime_h=2.5, price_usd_per_h=0.1 + 0.2, cost_usd=0.75e-3, energy_kwh=0.0,
        kg_co2e=1e-9, window="interruptible", confidence=1.0,
        run_hours=[datetime(2022, 3, 1, 8), datetime(2022, 3, 1, 23), datetime(2022, 3, 2, 1)])
    unknown = Quote(
        cluster=PROVIDER, provider="aws", kind="cloud", region="us-west-2",
        accelerator="MI300X", count=2, start=datetime(2022, 3, 1, 5, 17, 3),
        finish=datetime(2022, 3, 2, 5, 17, 3), runtime_h=24, price_usd_per_h=7,
        cost_usd=168, confidence=0.1)
    return [cloud, onprem, unknown]


def make_job() -> JobSpec:
    return JobSpec.model_validate({
        "kind": "fine-tune", "method": "lora", "gpu_hours": 29.5, "duration_hours": 3.5,
        "model": {"name": "llama-3-70b", "params_b": 70, "precision": "bf16"},
        "hardware": {"gpu_type": "H100", "gpu_count": 8, "min_gpu_mem_gb": 80,
                     "excluded_gpus": ["T4", "V100"]},
        "constraints": {"earliest_start": "2022-03-01T06:00:00+01:00",
                        "deadline": "2022-03-03T00:00:00Z", "budget_usd": 2000,
                        "max_co2_kg": 0.1, "regions": ["us-east-1"], "interruptible": False},
        "preferences": {"objective": "greenest"}})


def build_flow() -> dict[str, dict[str, Any]]:
    """One message per action, built the way the graph and a cluster agent would."""
    ids, q = counter(), make_quotes()[0]
    out: dict[str, dict[str, Any]] = {}
    out["search"] = m.search_from_job(make_job(), CLOCK, TXN, ids)
    ctx = m.callback_context(out["search"]["context"], BPP, CLOCK)
    out["on_search"] = m.on_search_from_quotes(
        PROVIDER, make_quotes(), ctx,
        specs={"H100": Accelerator(name="H100", vendor="NVIDIA", memory_gb=80, power_w=700)})

    def req(action: str) -> dict[str, Any]:
        return m.request_context(TXN, action, CLOCK, BPP, ids)  # type: ignore[arg-type]

    def cb(action: str) -> dict[str, Any]:
        return m.callback_context(out[action]["context"], BPP, CLOCK)

    out["select"] = m.select_from_quote(q, PROVIDER, req("select"))
    out["on_select"] = m.on_select_from_quote(q, PROVIDER, cb("select"), energy_usd=41.07,
                                              carbon_offset_usd=1.5)
    out["init"] = m.init_from_quote(q, PROVIDER, BILLING, req("init"))
    out["on_init"] = m.on_init_from_quote(q, PROVIDER, BILLING, cb("init"), energy_usd=41.07)
    payments = out["on_init"]["message"]["order"]["payments"]
    out["confirm"] = m.confirm_from_quote(q, PROVIDER, BILLING, payments, req("confirm"))
    out["on_confirm"] = m.on_confirm_from_quote(q, PROVIDER, BILLING, payments, "order-1",
                                                cb("confirm"))
    out["status"] = m.status_request("order-1", req("status"))
    out["on_status"] = m.on_status_for("order-1", m.fulfillment_id_for(q), "RUNNING",
                                       cb("status"), energy_used_kwh=12.5, actual_gco2e=4321.25,
                                       updated_at=datetime(2022, 3, 1, 7))
    return out


@pytest.fixture(scope="module")
def flow() -> dict[str, dict[str, Any]]:
    return build_flow()


def test_schemas_ship_as_package_data() -> None:
    assert schema_names() == sorted([*ACTIONS, "common"])


@pytest.mark.parametrize("action", ACTIONS)
def test_every_builder_validates(flow: dict[str, dict[str, Any]], action: str) -> None:
    validate(flow[action], action)
    validate(json.loads(json.dumps(flow[action])), action)


def test_search_mapping(flow: dict[str, dict[str, Any]]) -> None:
    ctx, intent = flow["search"]["context"], flow["search"]["message"]["intent"]
    assert "bpp_id" not in ctx and ctx["location"] == {"country": {"code": "DE"}}
    assert ctx["timestamp"] == "2022-03-01T05:17:03Z"
    assert intent["item"] == {"descriptor": {"code": "gpu-compute"}, "quantity": {
        "selected": {"measure": {"value": "29.5", "unit": "gpu-hour"}}}}
    start, end = intent["fulfillment"]["stops"]
    assert intent["fulfillment"]["type"] == "BATCH-JOB"
    # earliest start converted to UTC; latest start = deadline - 3.5 h
    assert start["time"]["range"] == {"start": "2022-03-01T05:17:03Z",
                                      "end": "2022-03-02T20:30:00Z"}
    assert start["location"] == {"id": "us-east-1"}
    assert end["time"] == {"timestamp": "2022-03-03T00:00:00Z"}
    req = dict((t["descriptor"]["code"], t["value"]) for t in intent["tags"][0]["list"])
    assert req["max-gco2e"] == "100" and req["excluded-gpus"] == "T4,V100"
    assert req["interruptible"] == "false" and req["params-b"] == "70.0"
    assert m.job_from_search(flow["search"]) == make_job()


def test_on_search_round_trip_rebuilds_each_quote_exactly(
        flow: dict[str, dict[str, Any]]) -> None:
    wire = json.loads(json.dumps(flow["on_search"]))
    assert m.quotes_from_on_search(wire) == make_quotes()
    offers = m.items_from_on_search(wire)
    assert [o.item_id for o in offers] == [m.item_id_for(q) for q in make_quotes()]
    assert {o.provider_id for o in offers} == {PROVIDER}


def test_on_search_reader_fields(flow: dict[str, dict[str, Any]]) -> None:
    provider = flow["on_search"]["message"]["catalog"]["providers"][0]
    assert [loc["id"] for loc in provider["locations"]] == ["us-east-1", "us-west-2"]
    item = provider["items"][0]
    assert item["price"] == {"currency": "USD", "value": "12.2900"}
    assert item["quantity"]["available"] == {"count": 8}
    assert item["time"]["duration"] == "PT3H40M"
    groups = {g["descriptor"]["code"]: {t["descriptor"]["code"]: t["value"] for t in g["list"]}
              for g in item["tags"]}
    assert groups["hardware"]["gpu-mem-gb"] == "80.0" and groups["hardware"]["tdp-w"] == "700.0"
    assert groups["energy"]["est-gco2e"] == "12345.678901234567"
    assert set(groups) >= {"hardware", "energy", "availability"}


def test_order_flow_values(flow: dict[str, dict[str, Any]]) -> None:
    quote = flow["on_select"]["message"]["order"]["quote"]
    assert quote["price"] == {"currency": "USD", "value": "362.01"}  # 360.51 + 1.50 offset
    assert [(b["title"], b["price"]["value"]) for b in quote["breakup"]] == [
        ("compute", "319.44"), ("energy", "41.07"), ("carbon-offset", "1.50")]
    assert flow["on_init"]["message"]["order"]["payments"][0]["params"]["amount"] == "360.51"
    order = m.order_from_on_confirm(flow["on_confirm"])
    q = make_quotes()[0]
    assert (order.order_id, order.start, order.finish) == ("order-1", q.start, q.finish)
    assert order.item_id == m.item_id_for(q)
    progress = m.progress_from_on_status(flow["on_status"])
    assert progress == m.JobProgress(order_id="order-1", state="RUNNING", energy_used_kwh=12.5,
                                     actual_gco2e=4321.25)
    assert flow["on_status"]["message"]["order"]["status"] == "ACTIVE"


def test_contexts_pair_requests_with_callbacks(flow: dict[str, dict[str, Any]]) -> None:
    for action in ("search", "select", "init", "confirm", "status"):
        req, cb = flow[action]["context"], flow[f"on_{action}"]["context"]
        assert cb["message_id"] == req["message_id"] and cb["action"] == f"on_{action}"
        assert req["transaction_id"] == cb["transaction_id"] == TXN.transaction_id
    assert len({flow[a]["context"]["message_id"] for a in ("search", "select", "init")}) == 3
    with pytest.raises(ValueError, match="bpp_id"):
        m.request_context(TXN, "select", CLOCK)


# Where each action can hold a tag group and a price (None: nowhere).
TAG_AT: dict[str, list[Any] | None] = {
    "search": ["intent", "tags"], "on_search": ["catalog", "providers", 0, "tags"],
    **{a: ["order", "tags"] for a in ("select", "on_select", "init", "on_init", "confirm",
                                      "on_confirm", "on_status")}, "status": None}
PRICE_AT: dict[str, list[Any] | None] = {
    "search": ["intent", "item", "price"],
    "on_search": ["catalog", "providers", 0, "items", 0, "price"],
    **{a: ["order", "items", 0, "price"] for a in ("select", "on_select", "init", "on_init",
                                                   "confirm", "on_confirm")},
    "on_status": ["order", "quote", "price"], "status": None}


def json_path(keys: list[Any]) -> str:
    return "$.message" + "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in keys)


def put(msg: dict[str, Any], keys: list[Any], value: Any) -> dict[str, Any]:
    out = copy.deepcopy(msg)
    node = out["message"]
    for k in keys[:-1]:
        node = node.setdefault(k, {}) if isinstance(k, str) else node[k]
    node[keys[-1]] = value
    return out


def rejected(msg: Any, action: str) -> BecknValidationError:
    with pytest.raises(BecknValidationError) as info:
        validate(msg, action)
    return info.value


@pytest.mark.parametrize("action", ACTIONS)
def test_schema_rejects_missing_field_and_wrong_type(
        flow: dict[str, dict[str, Any]], action: str) -> None:
    msg = copy.deepcopy(flow[action])
    del msg["context"]["message_id"]
    msg["context"]["timestamp"] = 1646112000
    err = rejected(msg, action)
    assert err.paths == ["$.context.message_id", "$.context.timestamp"]
    assert "$.context.message_id: required field is missing" in str(err)
    assert "expected string, got integer" in str(err)
    assert isinstance(err, UserError) and err.code == 30000


@pytest.mark.parametrize("action", [a for a in ACTIONS if TAG_AT[a]])
def test_schema_rejects_numeric_tag_value(flow: dict[str, dict[str, Any]], action: str) -> None:
    keys = TAG_AT[action]
    assert keys is not None
    bad = put(flow[action], keys, [{"descriptor": {"code": "energy"},
                                   "list": [{"descriptor": {"code": "pue"}, "value": 1.2}]}])
    assert rejected(bad, action).paths == [json_path([*keys, 0, "list", 0, "value"])]


@pytest.mark.parametrize("action", [a for a in ACTIONS if PRICE_AT[a]])
def test_schema_rejects_unit_in_price_currency(
        flow: dict[str, dict[str, Any]], action: str) -> None:
    keys = PRICE_AT[action]
    assert keys is not None
    bad = put(flow[action], keys, {"currency": "USD/gpu-hour", "value": "2.10"})
    err = rejected(bad, action)
    assert err.paths == [json_path([*keys, "currency"])]
    assert "'USD/gpu-hour' does not match" in str(err)
    bad = put(flow[action], keys, {"currency": "USD", "value": 2.1})
    assert rejected(bad, action).paths == [json_path([*keys, "value"])]


@pytest.mark.parametrize(("action", "keys", "value", "path"), [
    ("on_search", ["catalog", "providers", 0, "id"], None,
     "$.message.catalog.providers[0].id"),
    ("on_search", ["catalog", "providers", 0, "items", 1, "id"], None,
     "$.message.catalog.providers[0].items[1].id"),
    ("select", ["order", "provider", "id"], None, "$.message.order.provider.id"),
    ("on_select", ["order", "quote", "breakup"], None, "$.message.order.quote.breakup"),
    ("init", ["order", "billing"], None, "$.message.order.billing"),
    ("on_init", ["order", "payments"], [], "$.message.order.payments"),
    ("confirm", ["order", "payments"], None, "$.message.order.payments"),
    ("on_confirm", ["order", "status"], "COMPLETE", "$.message.order.status"),
    ("on_confirm", ["order", "fulfillments", 0, "state", "descriptor", "code"], "QUEUED",
     "$.message.order.fulfillments[0].state.descriptor.code"),
    ("status", ["order_id"], None, "$.message.order_id"),
    ("on_status", ["order", "fulfillments", 0, "state", "descriptor", "code"], "DONE",
     "$.message.order.fulfillments[0].state.descriptor.code"),
    ("search", ["intent", "item", "descriptor", "code"], None,
     "$.message.intent.item.descriptor.code"),
    ("search", ["intent", "fulfilment"], {"type": "BATCH-JOB"}, "$.message.intent.fulfilment"),
])
def test_schema_requirements_per_action(flow: dict[str, dict[str, Any]], action: str,
                                        keys: list[Any], value: Any, path: str) -> None:
    msg = put(flow[action], keys, value)
    if value is None:  # None means: remove the field
        msg = copy.deepcopy(flow[action])
        node = msg["message"]
        for k in keys[:-1]:
            node = node[k]
        del node[keys[-1]]
    paths = rejected(msg, action).paths
    # removing the only field of an object also empties it: both are reported
    assert path in paths and set(paths) <= {path, path.rsplit(".", 1)[0]}


@pytest.mark.parametrize(("field", "value"), [
    ("domain", "retail:1.1.0"), ("version", "1.0.0"), ("timestamp", "2022-03-01T05:00:00"),
    ("ttl", "30 seconds"), ("bap_uri", "coordinator"), ("transaction_id", "txn-1"),
    ("action", "on_search"), ("bpp_idd", "x"),
])
def test_context_rules(flow: dict[str, dict[str, Any]], field: str, value: str) -> None:
    msg = copy.deepcopy(flow["select"])
    msg["context"][field] = value
    assert rejected(msg, "select").paths == [f"$.context.{field}"]


def test_bpp_required_except_on_search(flow: dict[str, dict[str, Any]]) -> None:
    for action in ACTIONS:
        msg = copy.deepcopy(flow[action])
        msg["context"].pop("bpp_id", None)
        if action == "search":
            validate(msg, action)
        else:
            assert rejected(msg, action).paths == ["$.context.bpp_id"]


def test_callback_needs_message_or_error(flow: dict[str, dict[str, Any]]) -> None:
    err = rejected({"context": flow["on_select"]["context"]}, "on_select")
    assert err.paths == ["$"] and "needs one of 'message', 'error'" in str(err)
    validate({"context": flow["on_select"]["context"],
              "error": {"code": "40003", "message": "quote expired"}}, "on_select")


def test_unknown_action() -> None:
    assert rejected({}, "on_cancel").paths == ["$.context.action"]


def test_nack_envelope_shape(flow: dict[str, dict[str, Any]]) -> None:
    msg = copy.deepcopy(flow["select"])
    del msg["context"]["bap_id"]
    envelope = nack_for(rejected(msg, "select"))
    validate(envelope, "ack")
    assert envelope["message"] == {"ack": {"status": "NACK"}}
    assert envelope["error"]["code"] == "30000"
    assert envelope["error"]["paths"] == "$.context.bap_id"
    assert "required field is missing" in envelope["error"]["message"]
    validate(m.ack(), "ack")
    assert rejected({"message": {"ack": {"status": "NACK"}}}, "ack").paths == ["$.error"]


def test_error_codes_are_checked() -> None:
    assert m.BecknError(QUANTITY_UNAVAILABLE, "no GPUs").code == 40002
    with pytest.raises(ValueError, match="outside the ranges"):
        m.BecknError(40010, "nope")
    assert ERROR_RANGES["policy"] == range(50000, 50005)


@pytest.mark.parametrize("x", [0.1, 0.1 + 0.2, 1e-7, 1e-9, 1e20, 1 / 3, 98.32 * 11 / 3, 0.0, 7])
def test_decimal_strings_round_trip_exactly(x: float) -> None:
    s = decimal_str(x)
    assert "e" not in s.lower() and parse_decimal(s) == x
    assert parse_decimal(decimal_str(x, 3), 3) == x


def test_money_and_duration() -> None:
    assert (money_str(2.1), money_str(2.005), money_str(0.123456, 4)) == ("2.10", "2.01",
                                                                          "0.1235")
    assert (iso_duration(11 / 3), iso_duration(0), iso_duration(24)) == ("PT3H40M", "PT0S",
                                                                         "PT24H")
    with pytest.raises(ValueError):
        decimal_str(float("nan"))
