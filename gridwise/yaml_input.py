"""Reading the YAML files people hand to gridwise (job specs, labelled requests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from gridwise.errors import UserError

#: Deepest nesting accepted: job specs and request files are a few levels deep, and a
#: thousand `[` would otherwise cost seconds of recursion before failing.
MAX_DEPTH = 64


class _TooDeep(yaml.YAMLError):
    pass


class _BoundedLoader(yaml.SafeLoader):
    """`SafeLoader` that stops composing beyond `MAX_DEPTH` levels."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:  # noqa: D102 (PyYAML hook)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep(f"nested deeper than {MAX_DEPTH} levels")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _flow_depth(text: str) -> int:
    """Deepest run of unclosed `[` / `{` (a cheap bound: PyYAML's scanner is quadratic in it)."""
    depth = deepest = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}" and depth:
            depth -= 1
    return deepest


def load_yaml(path: Path, what: str, example: str) -> Any:
    """Parse `path`; a missing, unreadable or malformed file is a `UserError`.

    Args:
        path: the file.
        what: what the file is, for the message ("the spec", "requests file").
        example: where a valid one can be seen, for the hint.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"{what} {str(path)!r} not found", "check the path") from None
    except OSError as exc:
        raise UserError(f"cannot read {what} {str(path)!r}: {exc.strerror}",
                        "check the path and its permissions") from None
    except UnicodeDecodeError as exc:
        raise UserError(f"{what} {str(path)!r} is not UTF-8 text: {exc}",
                        f"save it as UTF-8 (see {example} for the format)") from None
    return parse_yaml(text, f"{what} {str(path)!r}", example)


def parse_yaml(text: str, what: str, example: str) -> Any:
    """Parse YAML text safely (no tags that run code, bounded nesting).

    Args:
        text: the YAML.
        what: where it came from, for the message ("the spec 'job.yaml'").
        example: where a valid one can be seen, for the hint.

    Raises:
        UserError: the text is not valid YAML or nests deeper than `MAX_DEPTH`.
    """
    try:
        if _flow_depth(text) > 4 * MAX_DEPTH:
            raise _TooDeep(f"nested deeper than {MAX_DEPTH} levels")
        return yaml.load(text, Loader=_BoundedLoader)  # noqa: S506
    except (RecursionError, _TooDeep):
        raise UserError(f"{what} is nested too deeply to read (more than {MAX_DEPTH} "
                        f"levels)", f"flatten it (see {example} for the format)") from None
    except yaml.YAMLError as exc:
        raise UserError(f"{what} is not valid YAML: {exc}",
                        f"fix the YAML (see {example} for the format)") from None
