"""Answers to clarifications: each resolves the field that was asked about, or says why not.

An answer is never appended to the request and re-read (that made the same question come
back forever). It is read on its own, in the request's clock, for the field its question
was about (`Problem.field`); what it gives for that field replaces the request's value,
and a field the request left open may be filled too. What the answer cannot give is said
precisely (unsafe, too long, no value for the field, a value that is itself a problem),
and a field is asked about at most once per thread: `settle` then ends the conversation
with that reason instead of asking again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from agents.intake.checks import Problem, catalog_problems, find_problems
from agents.intake.schema import FIELDS, ParsedRequest

#: Longest answer read; a longer one is refused, not cut.
MAX_ANSWER_CHARS = 2_000
#: Fields an answer to a question about the key may also set.
RELATED = {"kind": ("kind", "model", "params_b", "method"), "gpu_type": ("gpu_type", "gpu_count"),
           "gpu_count": ("gpu_count", "gpu_type", "precision"),
           "deadline": ("deadline", "earliest_start", "duration_hours"),
           "regions": ("regions", "exclude_regions"),
           "min_gpu_mem_gb": ("min_gpu_mem_gb", "gpu_count", "gpu_type"),
           "model": ("model", "params_b", "dataset_gb", "dataset_tokens", "gpu_hours",
                     "duration_hours", "gpu_type", "gpu_count")}
_YES = re.compile(r"^\s*(?:yes|yeah|yep|sure|ok(?:ay)?|allowed|fine|ja|oui|s[ií]|sim|jawohl|"
                  r"certainly|of course|go ahead)\b", re.IGNORECASE)
_NO = re.compile(r"^\s*(?:no|nope|not allowed|never|nein|non|não|nee|niet|forbidden)\b",
                 re.IGNORECASE)
_WHOLE = ("safety", "length", "request")  # questions that ask for the whole job again


@dataclass
class Reading:
    """What the answers settled: fields set, and why any answer did not resolve its field."""

    values: dict[str, Any] = field(default_factory=dict)
    resolved: set[str] = field(default_factory=set)
    unresolved: dict[str, str] = field(default_factory=dict)  # field -> precise reason
    conflicts: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # answer vs request


def _set_fields(p: ParsedRequest) -> dict[str, Any]:
    return {k: getattr(p, k) for k in FIELDS
            if k != "needs_clarification" and getattr(p, k) not in (None, [], "")}


def read_answer(asked: str, answer: Any, now: datetime, parse: Any,
                chars: int | None = None) -> tuple[dict[str, Any], str]:
    """(fields the answer gives, '' or why it does not resolve `asked`).

    `parse` is the request parser (`(text, now, answer_to=field) -> ParsedRequest`), passed
    in so that this module does not import it (the parser imports the checks this module
    uses).
    """
    text = answer if isinstance(answer, str) else str(answer)
    length = max(chars or 0, len(text))
    if length > MAX_ANSWER_CHARS:
        return {}, (f"the answer is {length:,} characters long (at most "
                    f"{MAX_ANSWER_CHARS:,} are read); answer in a sentence")
    if not text.strip():
        return {}, "the answer was empty"
    got = parse(text, now, answer_to=asked)
    if got.adversarial:
        return {}, "the answer was ignored as unsafe (" + ", ".join(got.adversarial) + ")"
    values = _set_fields(got)
    if asked == "interruptible" and "interruptible" not in values:
        if _YES.match(text):
            values["interruptible"] = True
        elif _NO.match(text):
            values["interruptible"] = False
    if asked in _WHOLE:
        return values, "" if values.get("kind") else "the answer names no workload either"
    keys = RELATED.get(asked, (asked,))
    if not any(k in values for k in keys):
        names = {"deadline": "deadline (a date or time)", "gpu_type": "accelerator type",
                 "regions": "region or country", "budget_usd": "budget amount",
                 "max_co2_kg": "carbon cap", "kind": "workload",
                 "interruptible": "yes or no"}.get(asked, asked.replace("_", " "))
        problems = [p["reason"] for p in got.problems if p["field"] == asked]
        why = f"; {problems[0]}" if problems else ""
        return values, f"the answer {text[:80]!r} gives no {names}{why}"
    bad = [p["reason"] for p in got.problems if p["field"] in keys]
    if bad:
        return values, f"the answer does not fix it: {bad[0]}"
    return values, ""


def _show(value: Any) -> str:
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M} UTC"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def apply_answers(parsed: ParsedRequest, answers: list[dict[str, Any]], now: datetime,
                  parse: Any) -> Reading:
    """Read every answer in order and set what each resolves onto `parsed` (in place)."""
    reading = Reading()
    request_fields = _set_fields(parsed)
    for item in answers:
        asked = str(item.get("field") or "request")
        values, why = read_answer(asked, item.get("answer"), now, parse, item.get("chars"))
        if why:
            reading.unresolved[asked] = why
            continue
        keys = set(RELATED.get(asked, (asked,))) if asked not in _WHOLE else set(values)
        for name, value in values.items():
            if name in keys or name not in request_fields:
                reading.values[name] = value
            elif request_fields[name] != value:
                reading.conflicts.setdefault(name, (value, request_fields[name]))
        reading.resolved.add(asked)
        reading.unresolved.pop(asked, None)
        for name in keys:
            reading.conflicts.pop(name, None)
    for name, value in reading.values.items():
        setattr(parsed, name, value)
    return reading


def remaining_problems(parsed: ParsedRequest, reading: Reading, now: datetime,
                       limits: Any) -> list[Problem]:
    """The request's problems after the answers: resolved fields' problems are re-checked."""
    if not reading.resolved and not reading.values:
        return [Problem(p["reason"], p["question"], p["field"]) for p in parsed.problems]
    kept = [Problem(p["reason"], p["question"], p["field"]) for p in parsed.problems
            if p["field"] not in reading.resolved and p["field"] not in reading.values
            and not (p["field"] in _WHOLE and reading.resolved & set(_WHOLE))]
    fresh = find_problems(parsed, now, unknown_gpus=[], spot_conflict=False)
    fresh += catalog_problems(parsed, limits)
    seen = {p.reason for p in kept}
    return kept + [p for p in fresh if p.reason not in seen]


def settle(parsed: ParsedRequest, answers: list[dict[str, Any]], asked: list[str],
           now: datetime, limits: Any, parse: Any) -> tuple[Problem | None, str | None]:
    """(the next question to ask, or None; why the conversation must stop, or None).

    Applies the answers to `parsed`, updates its clarification fields, and refuses to
    ask about a field already asked in this thread: the stop reason then says which
    answer did not resolve what.
    """
    reading = apply_answers(parsed, answers, now, parse)
    problems = remaining_problems(parsed, reading, now, limits)
    for name, why in reading.unresolved.items():
        if name not in {p.field for p in problems}:
            problems.insert(0, Problem(why, f"Please give {name.replace('_', ' ')} again.", name))
    for name, (said, request) in reading.conflicts.items():
        label = name.replace("_", " ")
        problems.insert(0, Problem(
            f"the answer's {label} ({_show(said)}) contradicts the request's ({_show(request)}); "
            "the request's value was kept",
            f"Your answer gives {label} {_show(said)} but the request says {_show(request)}: "
            "which is right?", name))
    parsed.needs_clarification = bool(problems)
    parsed.clarify_reason = "; ".join(p.reason for p in problems) or None
    parsed.problems = [{"field": p.field, "reason": p.reason, "question": p.question}
                       for p in problems]
    if not problems:
        parsed.clarify_question = parsed.clarify_field = None
        return None, None
    fresh = [p for p in problems if p.field not in asked]
    if not fresh:
        first = problems[0]
        why = reading.unresolved.get(first.field, first.reason)
        return None, (f"I already asked about {first.field.replace('_', ' ')} and the answer "
                      f"did not resolve it: {why}. Start a new request with it fixed.")
    parsed.clarify_question, parsed.clarify_field = fresh[0].question, fresh[0].field
    return fresh[0], None
