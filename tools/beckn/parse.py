"""Reading a Beckn message off the wire: bytes in, a validated message or a NACK reason out.

Whatever the bytes are (not UTF-8, not JSON, NaN, nested thousands deep, the wrong
action, a schema break), `decode_message` raises a `BecknError` (a `UserError`) that the
server answers as a NACK: no other exception escapes it.
"""

from __future__ import annotations

import json
from typing import Any

from tools.beckn.context import INVALID_REQUEST, BecknError
from tools.beckn.validate import ACTIONS, BecknValidationError, validate

#: Deepest nesting a message may have; Beckn messages are a dozen levels deep.
MAX_DEPTH = 48


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _depth(value: Any) -> int:
    """Nesting depth of a decoded JSON value, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, d = stack.pop()
        deepest = max(deepest, d)
        if d > MAX_DEPTH:
            return d
        if isinstance(item, dict):
            stack.extend((v, d + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, d + 1) for v in item)
    return deepest


def decode_json(body: bytes) -> Any:
    """The JSON value in `body` (strict UTF-8, no NaN/Infinity, bounded depth).

    Raises:
        BecknError: code 30000, saying what is wrong with the bytes.
    """
    try:
        text = body.decode("utf-8")
        value = json.loads(text, parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise BecknError(INVALID_REQUEST, "the body is not UTF-8 text") from None
    except RecursionError:
        raise BecknError(INVALID_REQUEST, f"the body nests deeper than {MAX_DEPTH} "
                         "levels") from None
    except ValueError as exc:
        raise BecknError(INVALID_REQUEST, f"the body is not JSON ({exc})") from None
    if _depth(value) > MAX_DEPTH:
        raise BecknError(INVALID_REQUEST, f"the body nests deeper than {MAX_DEPTH} levels")
    return value


def decode_message(body: bytes, action: str) -> dict[str, Any]:
    """A Beckn message for `action` from raw bytes, validated against its schema.

    Args:
        body: the raw request body.
        action: the action the endpoint serves (`search`, `on_search`, ...).

    Returns:
        The decoded message, whose `context.action` is `action`.

    Raises:
        BecknError: the bytes are not a valid `action` message (answer with a NACK).
    """
    if action not in ACTIONS:
        raise BecknError(INVALID_REQUEST, f"no action {action!r}", ["$.context.action"])
    message = decode_json(body)
    if not isinstance(message, dict) or not isinstance(message.get("context"), dict):
        raise BecknError(INVALID_REQUEST, "the body is not a Beckn message {context, ...}",
                         ["$.context"])
    said = message["context"].get("action")
    if said != action:
        raise BecknError(INVALID_REQUEST, f"context.action {said!r} does not match the "
                         f"endpoint {action!r}", ["$.context.action"])
    try:
        validate(message, action)
    except BecknValidationError:
        raise
    except RecursionError:
        raise BecknError(INVALID_REQUEST, "the message is too deeply nested") from None
    return message
