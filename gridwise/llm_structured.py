"""Structured output negotiated with what the endpoint supports.

OpenAI-compatible servers differ in how they constrain output: OpenAI and vLLM take
`response_format: json_schema`; llama.cpp's servers answer that with HTTP 500 but take
their own `{"type": "json_object", "schema": ...}` and a GBNF `grammar`; some servers
take none of these. `structured_call` tries, in order, `json_schema`, `json_object`
(+ schema), `grammar` and plain `text` (the schema in the prompt, the first JSON object in
the reply parsed), moves to the next mode only when the server *refuses* a mode (an HTTP
4xx/5xx status), remembers the mode that worked for the rest of the process, and always
validates the reply against the schema (one error-aware repair, then `LLMOutputError`).
A timeout or a refused connection is not a refusal of the mode: it propagates as
`LLMUnavailable` at once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import jsonschema

if TYPE_CHECKING:
    from gridwise.llm import LLMSeam, Role

MODES = ("json_schema", "json_object", "grammar", "text")
#: HTTP statuses that mean "this request shape is not supported here".
REFUSALS = {400, 404, 405, 415, 422, 500, 501}


class ModeRefused(Exception):
    """The server refused this structured-output mode (HTTP status in `REFUSALS`)."""


def _literal(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value)
    token = json.dumps(text) if isinstance(value, str) else text
    return '"' + token.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _rule(schema: dict[str, Any]) -> str:
    if "enum" in schema:
        return "(" + " | ".join(_literal(v) for v in schema["enum"]) + ")"
    kind = schema.get("type")
    if kind == "string":
        return "string"
    if kind == "integer":
        return "integer"
    if kind == "number":
        return "number"
    if kind == "boolean":
        return '("true" | "false")'
    if kind == "array":
        item = _rule(schema.get("items", {"type": "string"}))
        return f'"[" ws ({item} (ws "," ws {item})*)? ws "]"'
    if kind == "object" or "properties" in schema:
        return _object(schema)
    return "value"


def _object(schema: dict[str, Any]) -> str:
    props = schema.get("properties", {})
    parts = [f'{_literal(name)} ws ":" ws {_rule(sub)}' for name, sub in props.items()]
    if not parts:
        return '"{" ws "}"'
    return '"{" ws ' + ' ws "," ws '.join(parts) + ' ws "}"'


def gbnf(schema: dict[str, Any]) -> str:
    """A GBNF grammar (llama.cpp) for the JSON `schema` (every property present, in order)."""
    return "\n".join([
        f"root ::= {_rule(schema)}",
        'ws ::= [ \\t\\n]*',
        'string ::= "\\"" ([^"\\\\] | "\\\\" ["\\\\/bfnrtu])* "\\""',
        'integer ::= "-"? [0-9]+',
        'number ::= "-"? [0-9]+ ("." [0-9]+)? ([eE] [-+]? [0-9]+)?',
        'value ::= string | number | "true" | "false" | "null"',
    ])


def bind_mode(model: Any, mode: str, schema: dict[str, Any], max_tokens: int) -> Any:
    """The chat model with this mode's request parameters bound."""
    if mode == "json_schema":
        return model.bind(response_format={"type": "json_schema", "json_schema": {
            "name": "answer", "schema": schema, "strict": False}})
    if mode == "json_object":
        return model.bind(response_format={"type": "json_object", "schema": schema})
    if mode == "grammar":
        return model.bind(extra_body={"max_tokens": max_tokens, "grammar": gbnf(schema)})
    return model


def extract_json(raw: str) -> Any:
    """The first JSON value in `raw` (a reply with prose or code fences around it)."""
    try:
        return json.loads(raw)
    except ValueError:
        pass
    for m in re.finditer(r"[{\[]", raw):
        try:
            value, _ = json.JSONDecoder().raw_decode(raw[m.start():])
            return value
        except ValueError:
            continue
    raise ValueError("no JSON object in the reply")


def _status(exc: BaseException) -> int | None:
    seen: BaseException | None = exc
    while seen is not None:
        code = getattr(seen, "status_code", None)
        if isinstance(code, int):
            return code
        seen = seen.__cause__
    return None


def structured_call(seam: LLMSeam, role: Role, messages: Sequence[tuple[str, str]],
                    schema: dict[str, Any]) -> dict[str, Any]:
    """Ask for JSON matching `schema`, in the first mode the endpoint accepts."""
    from gridwise.llm import LLMOutputError, LLMUnavailable

    model = seam.chat_model(role)
    start = MODES.index(seam.structured_mode) if seam.structured_mode in MODES else 0
    for mode in MODES[start:]:
        bound = bind_mode(model, mode, schema, seam.settings.llm_max_tokens)
        convo: list[tuple[str, Any]] = [(r, c or "") for r, c in messages]
        if mode == "text":
            convo.append(("user", "Reply with only one JSON object, no other text, matching "
                                  "this JSON Schema: " + json.dumps(schema)))
        try:
            value = _ask_valid(seam, bound, role, convo, schema, LLMOutputError)
        except LLMUnavailable as exc:
            code = _status(exc)
            if code in REFUSALS and mode != MODES[-1]:
                seam.events.append(f"structured output: the endpoint refused {mode} "
                                   f"(HTTP {code}); trying {MODES[MODES.index(mode) + 1]}")
                continue
            raise
        if seam.structured_mode != mode:
            seam.events.append(f"structured output: using {mode}")
        seam.structured_mode = mode
        return value
    raise LLMUnavailable("the endpoint refused every structured-output mode")


def _ask_valid(seam: LLMSeam, bound: Any, role: Role, convo: list[tuple[str, Any]],
               schema: dict[str, Any], error: type[Exception]) -> dict[str, Any]:
    repaired = False
    for attempt in range(2):
        raw = seam._invoke(bound, role, convo, repaired)  # noqa: SLF001 - the seam's own call
        try:
            value = extract_json(raw)
            jsonschema.validate(value, schema)
            return value
        except (ValueError, jsonschema.ValidationError) as exc:
            if attempt == 1:
                seam.reject(role, "schema", str(exc).splitlines()[0][:200])
                raise error(f"invalid structured output after one repair: "
                            f"{str(exc).splitlines()[0]}", raw) from None
            convo = [*convo, ("assistant", raw or " "),
                     ("user", f"That was not valid: {str(exc).splitlines()[0]}. Answer again "
                              "with only JSON matching the schema.")]
            repaired = True
    raise AssertionError("unreachable")
