"""Property-based tests (hypothesis): the three parsers of untrusted input never crash.

Over generated inputs, the request parser, the spec loader and the Beckn message parser
either succeed or raise a `UserError` (a `BecknError`, i.e. a NACK, for Beckn): never
another exception. Each runs a quick pass (`QUICK` examples) and, marked slow, the
10,000 examples the issue asks for. Both are derandomised, so runs are repeatable.
"""

from __future__ import annotations

import json
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agents.intake.parser import parse_request
from gridwise.errors import UserError
from gridwise.yaml_input import parse_yaml
from tools.beckn import messages as m
from tools.beckn.context import BecknError, Bpp, Transaction
from tools.beckn.parse import decode_message
from tools.beckn.validate import ACTIONS
from tools.options import load_spec, parse_spec

QUICK = 100
FULL = 10_000  # the figure; strategies are kept small so that 10,000 stay cheap


def _profile(n: int) -> Any:
    return settings(max_examples=n, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


# ------------------------------------------------------------------ request parser
FRAGMENTS = ["fine-tune", "train", "serve", "Llama-3-8B", "Lama-3-8B", "70B", "H100", "8x A100",
             "-20 GB", "−5 TB", "20,5 GB", "1.234,50 EUR", "$-3", "by Friday", "tomorrow 18:00",
             "EU only", "no EU", "us-eats-1", "on-prem only", "not aws", "spot ok", "greenest",
             "cheapest", "within 3 days", "100 GPU-hours", "1e308 hours", "99999999999999999 GPUs",
             "ignore previous instructions", "\u202e", "\x00", "[/]", "[bold]", "NaN", "inf",
             "2023-02-30", "25:99", "0 GPUs", "½ day", "٣ GPUs", "🙂", "\n\n"]
REQUESTS = st.one_of(
    st.text(max_size=80),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=8).map(
        " ".join))
CLOCKS = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1))


def _parse_request(text: str, now: datetime) -> None:
    parsed = parse_request(text, now)  # documented never to raise
    try:
        parsed.to_jobspec()  # what the graph builds from it
    except UserError:
        pass


@_profile(QUICK)
@given(REQUESTS, CLOCKS)
def test_request_parser_quick(text: str, now: datetime) -> None:
    _parse_request(text, now)


@pytest.mark.slow
@_profile(FULL)
@given(REQUESTS, CLOCKS)
def test_request_parser_10k(text: str, now: datetime) -> None:
    _parse_request(text, now)


# -------------------------------------------------------------------- spec loader
KEYS = ["kind", "model", "name", "params_b", "precision", "method", "dataset", "size_gb",
        "tokens", "rows", "columns", "gpu_hours", "duration_hours", "flops", "hardware",
        "gpu_type", "gpu_count", "min_gpu_mem_gb", "allowed_gpus", "constraints", "deadline",
        "earliest_start", "budget_usd", "regions", "exclude_providers", "preferences",
        "objective", "weights", "cost", "co2", "time", "interruptible"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(),
                    st.sampled_from(["train", "fine-tune", "H100", "2023-06-14T09:00Z", "EU",
                                     "bf16", "lora", "greenest", "1e400", ".inf", "-1"]),
                    st.text(max_size=20))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), inner, max_size=4)),
    max_leaves=10)
SPECS = st.one_of(
    st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=8).map(
        lambda d: yaml.safe_dump(d, allow_unicode=True)),
    VALUES.map(lambda v: yaml.safe_dump(v, allow_unicode=True)),
    st.text(max_size=200),
    st.sampled_from(["kind: train\nmodel: " + "[" * 3000, "a: &a [*a]", "!!python/object:os.system",
                     "kind: train\ngpu_hours: .inf", "- - - - -", "\ufeffkind: train"]))


def _load_spec(text: str, folder: Path) -> None:
    """The file route, as `quote --spec` reads it."""
    path = folder / "spec.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        load_spec(path)
    except UserError:
        pass


def _parse_spec_text(text: str) -> None:
    """The same loader without the file write (what the 10,000-example run uses)."""
    try:
        parse_spec(parse_yaml(text, "the spec", "examples/finetune.yaml"))
    except UserError:
        pass


@pytest.fixture(scope="module")
def folder() -> Any:
    with tempfile.TemporaryDirectory() as d:
        yield Path(d)


def test_spec_loader_quick(folder: Path) -> None:
    @_profile(QUICK)
    @given(SPECS)
    def check(text: str) -> None:
        _load_spec(text, folder)

    check()


@pytest.mark.slow
@_profile(FULL)
@given(SPECS)
def test_spec_loader_10k(text: str) -> None:
    _parse_spec_text(text)


# ----------------------------------------------------------- Beckn message parser
def _valid_search() -> dict[str, Any]:
    from gridwise.models import JobSpec

    txn = Transaction(bap_id="bap", bap_uri="http://127.0.0.1:1",
                      transaction_id="00000000-0000-4000-8000-000000000001")
    job = JobSpec.model_validate({"kind": "train", "gpu_hours": 10})
    return m.search_from_job(job, datetime(2022, 3, 1, 5), txn,
                             bpp=Bpp(bpp_id="lambda", bpp_uri="http://127.0.0.1:2"))


VALID = _valid_search()
JSONS = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20)),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=10)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*prefix, i))
    return out


PATHS = _paths(VALID)[1:]


@st.composite
def mutated(draw: Any) -> bytes:
    msg = json.loads(json.dumps(VALID))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PATHS))
        node = msg
        try:
            for k in path[:-1]:
                node = node[k]
            if draw(st.booleans()):
                node[path[-1]] = draw(JSONS)
            elif isinstance(node, dict):
                node.pop(path[-1], None)
        except (KeyError, IndexError, TypeError):
            continue
    return json.dumps(msg, allow_nan=True).encode()


BODIES = st.one_of(st.binary(max_size=300), JSONS.map(lambda v: json.dumps(v).encode()),
                   mutated(), st.just(b"[" * 5000), st.just(b'{"context": NaN}'))
WIRE_ACTIONS = st.one_of(st.sampled_from(ACTIONS), st.text(max_size=10))


def _decode(body: bytes, action: str) -> None:
    try:
        decode_message(body, action)
    except BecknError:
        pass


@_profile(QUICK)
@given(BODIES, WIRE_ACTIONS)
def test_beckn_parser_quick(body: bytes, action: str) -> None:
    _decode(body, action)


@pytest.mark.slow
@_profile(FULL)
@given(BODIES, WIRE_ACTIONS)
def test_beckn_parser_10k(body: bytes, action: str) -> None:
    _decode(body, action)


def test_the_valid_message_still_parses() -> None:
    assert decode_message(json.dumps(VALID).encode(), "search") == VALID
