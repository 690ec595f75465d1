"""Reading the YAML files people hand to gridwise (job specs, labelled requests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from gridwise.errors import UserError


def load_yaml(path: Path, what: str, example: str) -> Any:
    """Parse `path`; a missing, unreadable or malformed file is a `UserError`.

    Args:
        path: the file.
        what: what the file is, for the message ("the spec", "requests file").
        example: where a valid one can be seen, for the hint.
    """
    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"{what} {str(path)!r} not found", "check the path") from None
    except OSError as exc:
        raise UserError(f"cannot read {what} {str(path)!r}: {exc.strerror}",
                        "check the path and its permissions") from None
    except RecursionError:
        raise UserError(f"{what} {str(path)!r} is nested too deeply to read",
                        f"flatten it (see {example} for the format)") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise UserError(f"{what} {str(path)!r} is not valid YAML: {exc}",
                        f"fix the YAML (see {example} for the format)") from None
