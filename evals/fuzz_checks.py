"""The invariants `evals.intake_fuzz` checks on every parse of a mutated request.

Each check returns the names of the invariants a parse breaks (empty: all hold). They
hold for any text, labelled or not, so a violation is a bug whatever the request says.
"""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import ValidationError

from agents.intake import ParsedRequest
from agents.intake.attack_model import default_attack_model, learned_cut
from agents.intake.attack_shapes import rescan
from agents.intake.conflicts import drop_corrections
from agents.intake.lexicon import rewrite
from agents.intake.safety import scan
from agents.intake.text import MAX_CHARS, normalise
from gridwise.errors import UserError

_COUNTS = ("gpu_count", "dataset_tokens")
_AMOUNTS = ("params_b", "min_gpu_mem_gb", "dataset_gb", "gpu_hours", "duration_hours",
            "budget_usd", "max_co2_kg")
_TIMES = ("deadline", "earliest_start")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def schema_problems(parsed: ParsedRequest) -> list[str]:
    """The parse survives the schema, with counts positive ints and amounts finite."""
    out: list[str] = []
    try:
        again = ParsedRequest.model_validate(parsed.model_dump())
    except ValidationError as exc:
        return [f"schema: {exc.errors()[0]['loc']} {exc.errors()[0]['msg']}"]
    if again.model_dump() != parsed.model_dump():
        out.append("schema: a field changed on validation (set with the wrong type)")
    try:
        json.dumps(parsed.model_dump(mode="json"), allow_nan=False)
    except (TypeError, ValueError) as exc:
        out.append(f"schema: not JSON ({type(exc).__name__})")
    for name in _COUNTS:
        value = getattr(parsed, name)
        if value is not None and (type(value) is not int or value < 1):
            out.append(f"count: {name}={value!r} is not a positive int")
    for name in _AMOUNTS:
        value = getattr(parsed, name)
        if value is not None and (not math.isfinite(value) or value < 0):
            out.append(f"amount: {name}={value!r} is not finite and >= 0")
    for name in _TIMES:
        value = getattr(parsed, name)
        if value is not None and (value.tzinfo is None or value.utcoffset() != timedelta(0)):
            out.append(f"time: {name}={value!r} is not UTC-aware")
    return out


def question_problems(parsed: ParsedRequest) -> list[str]:
    """A question is asked exactly when `needs_clarification` is set."""
    asks = bool(parsed.clarify_question or parsed.problems)
    if asks and not parsed.needs_clarification:
        return ["question: a question is asked but needs_clarification is False"]
    if parsed.needs_clarification and not parsed.clarify_question:
        return ["question: needs_clarification without a question"]
    return []


def jobspec_problems(parsed: ParsedRequest) -> list[str]:
    """An accepted request (no clarification, a workload) builds a JobSpec."""
    if parsed.needs_clarification or parsed.kind is None:
        return []
    try:
        parsed.to_jobspec()
    except UserError as exc:
        return [f"jobspec: accepted but unbuildable ({exc.message[:80]})"]
    return []


def _numbers(text: str) -> set[float]:
    return {float(m.group(0)) for m in _NUMBER.finditer(text.replace(",", ""))}


def cut_span_problems(text: str, parsed: ParsedRequest) -> list[str]:
    """No field takes a number found only in a cut adversarial span.

    The cut is recomputed as the parser does it (normalise, rewrite, corrections, the
    rules' scan and rescan, the learned cut);
    a number both in the cut text and in the kept text may come from either.
    """
    norm, _ = rewrite(normalise(text[:MAX_CHARS])[:MAX_CHARS])
    report = learned_cut(rescan(scan(drop_corrections(norm))), default_attack_model())
    if not report.removed:
        return []
    only_cut = _numbers(" ".join(report.removed)) - _numbers(report.clean_text)
    only_cut.discard(0.0)
    # a policy-bypass clause's job (kind, model, so the model's size) is still read
    named = _numbers(" ".join(report.bypass))
    hit = [f for f in (*_COUNTS, *_AMOUNTS)
           if getattr(parsed, f) is not None and float(getattr(parsed, f)) in only_cut
           and float(getattr(parsed, f)) > 1
           and not (f == "params_b" and float(getattr(parsed, f)) in named)]
    return [f"cut span: {f}={getattr(parsed, f)!r} appears only in the cut text"
            for f in hit]


def same(a: ParsedRequest, b: ParsedRequest) -> bool:
    """Two parses are identical (the determinism check)."""
    return _plain(a.model_dump()) == _plain(b.model_dump())


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def all_problems(text: str, parsed: ParsedRequest) -> list[str]:
    """Every invariant one parse breaks."""
    return (schema_problems(parsed) + question_problems(parsed) + jobspec_problems(parsed)
            + cut_span_problems(text, parsed))
