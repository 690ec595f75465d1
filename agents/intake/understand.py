"""Hybrid intake: the deterministic parser proposes, the LLM only resolves ambiguity.

Where the parser saw two or more different values for a field and could not pick one,
the LLM may choose among exactly those values (a JSON-schema enum built from the
candidates). The supervisor then keeps an LLM value only if it is grounded: one of the
candidates, which the parser read in the text or matched in the catalog.
With `GRIDWISE_LLM=none`, or when the model is unreachable or answers badly, the
parser's own choice stands and the log says so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from agents.intake import ParsedRequest, parse_request
from agents.intake.answers import settle
from gridwise.errors import UserError
from gridwise.llm import LLMOutputError, LLMSeam, LLMUnavailable
from gridwise.models import DatasetSpec, JobSpec
from gridwise.prompts import load_prompt

#: Fields the LLM may resolve (enumerable, and where ambiguity is common).
RESOLVABLE = ("kind", "objective", "gpu_type", "model", "method", "precision")
MAX_TEXT_CHARS = 20_000
_DEFAULT: Any = object()


@dataclass
class Understanding:
    """What intake produced for the graph."""

    parsed: ParsedRequest
    question: str | None
    job: dict[str, Any] | None
    llm_fields: dict[str, Any] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)
    job_without_llm: dict[str, Any] | None = None  # what a repair falls back to
    field: str | None = None  # what `question` asks about
    stop: str | None = None  # why the conversation cannot go on (a field asked twice)

    def record(self) -> dict[str, Any]:
        """JSON for the graph state."""
        return {"fields": self.parsed.fields(), "candidates": self.parsed.candidates,
                "llm_fields": self.llm_fields, "adversarial": self.parsed.adversarial,
                "clarify_reason": self.parsed.clarify_reason,
                "problems": self.parsed.problems}

    def job_json(self) -> dict[str, Any]:
        """The JobSpec as JSON (only when no clarification is needed)."""
        assert self.job is not None
        return self.job


def ambiguous(parsed: ParsedRequest) -> dict[str, list[Any]]:
    """Fields the parser left unset although it saw two or more distinct candidates.

    Where the parser's own rules picked a value, the LLM is not asked: measured on the
    dev set, letting the embedded model re-decide such fields only made one right answer
    wrong (BENCHMARKS.md, intake).
    """
    out = {}
    for name in RESOLVABLE:
        if getattr(parsed, name) is not None:
            continue
        seen = []
        for value in parsed.candidates.get(name, []):
            if value not in seen:
                seen.append(value)
        if len(seen) >= 2:
            out[name] = seen
    return out


def grounded(value: Any, candidates: list[Any]) -> bool:
    """An LLM value counts only if it is one of the parser's candidates.

    The candidates are, by construction, what the parser read in the text or matched in
    the catalog (model table, accelerator aliases), so this is the grounding check.
    """
    return any(value == c and type(value) is type(c) for c in candidates)


def understand(text: str, now: datetime, llm: LLMSeam | None,
               dataset: dict[str, Any] | None = None,
               answers: list[dict[str, Any]] | None = None,
               asked: list[str] | None = None, limits: Any = None) -> Understanding:
    """Parse `text` at `now`, apply the operator's answers, let the LLM resolve ambiguity.

    `answers` are `{"field", "answer"}` items from earlier clarifications in this thread
    and `asked` the fields already asked about: a field is never asked twice (the result's
    `stop` then says why the conversation ends). `limits` are the catalog's extremes
    (`tools.catalog_limits`); None: the catalog-free checks only.
    """
    log: list[str] = []
    now = now if now.tzinfo else now.replace(tzinfo=UTC)
    if len(text) > MAX_TEXT_CHARS:
        parsed = ParsedRequest(needs_clarification=True,
                               clarify_reason=f"the request is {len(text):,} characters long",
                               clarify_question="Please summarise the job in a few sentences.")
        return Understanding(parsed, parsed.clarify_question, None, log=["request too long"],
                             field="length")
    parsed, resolved = parse_hybrid(text, now, llm, log, limits)
    if answers or parsed.needs_clarification:
        nxt, stop = settle(parsed, list(answers or []), list(asked or []), now, limits,
                           lambda t, n, **kw: parse_request(t, n, limits, **kw))
        if answers:
            log.append(f"intake: read {len(answers)} answer(s); "
                       + ("all resolved" if not parsed.needs_clarification
                          else f"open: {parsed.clarify_reason}"))
        if stop:
            return Understanding(parsed, None, None, resolved, log, stop=stop)
        if nxt is not None:
            return Understanding(parsed, nxt.question, None, resolved, log, field=nxt.field)
    try:
        job = _with_dataset(parsed.to_jobspec(), dataset)
    except UserError as exc:
        return Understanding(parsed, f"{exc.message}. {exc.hint}", None, resolved, log)
    fallback = None
    if resolved:  # the parser's own reading, for the supervisor's error-aware repair
        plain = parsed.model_copy(update={k: None for k in resolved})
        try:
            fallback = json.loads(_with_dataset(plain.to_jobspec(), dataset).model_dump_json())
        except UserError:
            fallback = None
    return Understanding(parsed, None, json.loads(job.model_dump_json()), resolved, log,
                         fallback)


def _with_dataset(job: JobSpec, dataset: dict[str, Any] | None) -> JobSpec:
    """Fill the job's dataset fields the request left open from an uploaded file's spec."""
    if dataset:
        spec = DatasetSpec.model_validate(dataset)
        job.dataset = job.dataset.model_copy(update={
            k: v for k, v in spec.model_dump().items()
            if v is not None and getattr(job.dataset, k) is None})
    return job


def parse_hybrid(text: str, now: datetime, llm: LLMSeam | None,
                 log: list[str] | None = None, limits: Any = _DEFAULT,
                 offer: dict[str, list[Any]] | None = None,
                 ) -> tuple[ParsedRequest, dict[str, Any]]:
    """The parser's reading, with ambiguous fields resolved by the LLM where grounded.

    `offer` (an evaluation probe, never set by `ask`) also asks the LLM about these fields
    with these options even where the parser decided: the schema admits every option, but
    a value is kept only if the parser saw it (grounding), so an ungrounded pick is
    rejected and counted.
    """
    log = log if log is not None else []
    parsed = parse_request(text, now) if limits is _DEFAULT else parse_request(text, now, limits)
    resolved: dict[str, Any] = {}
    todo = ambiguous(parsed)
    ground = dict(todo)
    for name, options in (offer or {}).items():
        todo.setdefault(name, list(options))
        ground.setdefault(name, list(dict.fromkeys(
            [*parsed.candidates.get(name, []), *([getattr(parsed, name)]
                                                 if getattr(parsed, name) is not None else [])])))
    if todo and parsed.needs_clarification is False:
        resolved = _resolve(text, todo, llm, log, ground)
        for name, value in resolved.items():
            setattr(parsed, name, value)
    elif not todo:
        log.append("intake: the parser left nothing ambiguous; no LLM call")
    return parsed, resolved


def _resolve(text: str, todo: dict[str, list[Any]], llm: LLMSeam | None,
             log: list[str], ground: dict[str, list[Any]] | None = None) -> dict[str, Any]:
    if llm is None or not llm.enabled_for("intake"):
        log.append(f"intake: ambiguous {sorted(todo)} kept the parser's choice (no LLM)")
        return {}
    schema = {"type": "object", "properties": {
        name: {"enum": [json.dumps(v) if not isinstance(v, str) else v for v in values]
               + ["unknown"]} for name, values in todo.items()},
        "required": sorted(todo)}
    prompt = load_prompt("intake", "resolve", 1, request=text,
                         options=json.dumps({k: [str(v) for v in vs] for k, vs in todo.items()},
                                            sort_keys=True))
    try:
        answer = llm.structured("intake", [("user", prompt.text)], schema)
    except (LLMUnavailable, LLMOutputError) as exc:
        log.append(f"intake: LLM could not resolve {sorted(todo)} ({type(exc).__name__}); "
                   "kept the parser's choice")
        return {}
    out = {}
    for name, raw in answer.items():
        values = todo.get(name, [])
        value = next((v for v in values if (v if isinstance(v, str) else json.dumps(v)) == raw),
                     None)
        if value is not None and grounded(value, (ground or todo).get(name, values)):
            out[name] = value
        elif raw != "unknown":
            llm.reject("intake", "grounding", f"{name}={raw!r} is not a parser candidate")
            log.append(f"intake: LLM value {raw!r} for {name} rejected (not grounded)")
    log.append(f"intake: LLM ({llm.model_name}, prompt {prompt.name} v{prompt.version}) "
               f"resolved {sorted(out)}")
    return out
