"""Validate Beckn messages against gridwise's own JSON Schemas (draft 2020-12).

The schemas are package files (`tools/beckn/schemas/*.json`), read once and linked
through a local `referencing` registry, so `$ref: "common.json#/..."` never touches
the network. A failure lists every failing JSON path.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from tools.beckn.context import CALLBACK_ACTIONS, INVALID_REQUEST, REQUEST_ACTIONS, BecknError, nack

#: Every action with a schema file; "ack" validates the synchronous ACK/NACK envelope.
ACTIONS: tuple[str, ...] = (*REQUEST_ACTIONS, *CALLBACK_ACTIONS)
BASE_URI = "https://gridwise.invalid/beckn/compute/0.1/"


class BecknValidationError(BecknError):
    """A message that breaks its schema; `problems` holds (JSON path, what is wrong)."""

    def __init__(self, action: str, problems: list[tuple[str, str]]) -> None:
        self.action = action
        self.problems = problems
        shown = "; ".join(f"{p}: {m}" for p, m in problems[:8])
        more = f" (+{len(problems) - 8} more)" if len(problems) > 8 else ""
        super().__init__(
            INVALID_REQUEST,
            f"invalid Beckn {action!r} message, {len(problems)} problem(s): {shown}{more}",
            [p for p, _ in problems],
            f"fix the fields at those paths (schema: tools/beckn/schemas/{action}.json), "
            "or build the message with tools.beckn.messages")


def validate(message: Any, action: str) -> None:
    """Check `message` against the schema of `action`.

    Args:
        message: the decoded JSON message (`{context, message}`, or an ACK/NACK envelope).
        action: search, on_search, ..., on_status, or "ack".

    Raises:
        BecknValidationError: the message breaks the schema, or the action is unknown;
            each failing JSON path is listed.
    """
    validators = _validators()
    if action not in validators:
        raise BecknValidationError(action, [("$.context.action",
                                             f"unknown action {action!r}: use one of "
                                             f"{', '.join(validators)}")])
    problems: dict[tuple[str, str], None] = {}
    for error in validators[action].iter_errors(message):
        for problem in _describe(error):
            problems[problem] = None
    if problems:
        raise BecknValidationError(action, sorted(problems))


def nack_for(exc: BecknError) -> dict[str, Any]:
    """The NACK envelope for a refused message: code, failing paths and message.

    A schema failure carries code 30000; a handler's `BecknError` keeps its own code.
    """
    return nack(exc.code, exc.message, exc.paths)


def schema_names() -> list[str]:
    """The schema files shipped with the package (without `.json`)."""
    return sorted(p.name.removesuffix(".json") for p in _schema_dir().iterdir()
                  if p.name.endswith(".json"))


def _schema_dir() -> Any:
    return resources.files("tools.beckn").joinpath("schemas")


@cache
def _validators() -> dict[str, Draft202012Validator]:
    schemas = {name: json.loads(_schema_dir().joinpath(f"{name}.json").read_text("utf-8"))
               for name in schema_names()}
    registry: Registry = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas.values())
    out = {action: Draft202012Validator(schemas[action], registry=registry)
           for action in ACTIONS}
    out["ack"] = Draft202012Validator({"$ref": BASE_URI + "common.json#/$defs/ack"},
                                      registry=registry)
    for v in out.values():
        v.check_schema(v.schema)
    return out


def _describe(e: ValidationError) -> list[tuple[str, str]]:
    path, inst, value = e.json_path, e.instance, e.validator_value
    match e.validator:
        case "required":
            missing = [p for p in value if isinstance(inst, dict) and p not in inst]
            name = next((p for p in missing if e.message.startswith(repr(p))), None)
            return [(_join(path, name) if name else path, "required field is missing")]
        case "additionalProperties":
            known = set(e.schema.get("properties", {}))
            return [(_join(path, k), "unexpected field") for k in inst if k not in known]
        case "type":
            return [(path, f"expected {value}, got {_json_type(inst)} {_short(inst)}")]
        case "const":
            return [(path, f"must be {value!r}, got {_short(inst)}")]
        case "enum":
            return [(path, f"must be one of {', '.join(map(repr, value))}, got {_short(inst)}")]
        case "pattern":
            return [(path, f"{_short(inst)} does not match the pattern {value!r}")]
        case "anyOf" | "oneOf" if all(set(s) == {"required"} for s in value):
            names = [n for s in value for n in s["required"]]
            return [(path, f"needs one of {', '.join(map(repr, names))}")]
        case "minItems" | "minProperties":
            return [(path, "must not be empty")]
    return [(path, _short(e.message, 200))]


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if key.isidentifier() else f"{path}[{key!r}]"


def _json_type(x: Any) -> str:
    names = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array",
             dict: "object", type(None): "null"}
    return names.get(type(x), type(x).__name__)


def _short(x: Any, n: int = 60) -> str:
    s = x if isinstance(x, str) and n == 200 else repr(x)
    return s if len(s) <= n else s[: n - 3] + "..."
