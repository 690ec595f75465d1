"""Domain exceptions.

`UserError` is the family for what a person can fix: each one carries a `hint`
("To fix: ...") and is printed cleanly at the CLI edge. Everything else is an
infrastructure failure and propagates as a normal exception.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class GridwiseError(Exception):
    """Base class of every gridwise exception."""


class UserError(GridwiseError):
    """A problem the user can fix; the message says how."""

    def __init__(self, message: str, hint: str = "") -> None:
        self.message = message
        self.hint = hint
        super().__init__(self.render())

    def render(self) -> str:
        """The full message: what went wrong, then the 'To fix:' hint."""
        if not self.hint:
            return self.message
        return f"{self.message}\nTo fix: {self.hint}"


class DataFileError(UserError):
    """A source or bundled data file is missing, unreadable or malformed."""

    def __init__(self, path: object, problem: str, hint: str = "") -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(
            f"data file {self.path!r}: {problem}",
            hint or "restore the file (see data/README.md for where it comes from) and load again",
        )


class SourceDirError(UserError):
    """The licence-restricted source data folder is not configured or incomplete."""


class StoreLockedError(UserError):
    """The DuckDB file is held by another process."""

    def __init__(self, path: object, detail: str = "", waited_s: float = 0.0,
                 holder: str = "", ahead: int = 0) -> None:
        self.path = str(path)
        self.detail = detail
        waited = f" (waited {waited_s:.0f} s)" if waited_s else ""
        who = f" ({holder})" if holder else ""
        queue = f"; {ahead} use(s) were still ahead of this one" if ahead > 1 else ""
        super().__init__(
            f"the database {self.path!r} is locked by another process{who}{waited}{queue}",
            "wait for the other gridwise process to finish, raise GRIDWISE_DB_WAIT_S, or "
            "point GRIDWISE_DB_PATH (or --db) at another file",
        )


#: The two ways to get data, told at once to anyone who has none.
NO_DATA_HINT = (
    "run `gridwise data load` after getting data one of two ways: (1) a source folder: set "
    "GRIDWISE_SOURCE_DIR (or pass --source) to a folder laid out as data/README.md "
    "describes, e.g. ../shared/data; or (2) live data: set GRIDWISE_ELECTRICITYMAPS_TOKEN "
    "and GRIDWISE_ENTSOE_TOKEN and run `gridwise data fetch` (SkyPilot catalogs need no "
    "token)")


class StoreNotLoadedError(UserError):
    """The store has no data yet."""


class OutOfRangeError(UserError):
    """A clock time falls outside the span the data covers."""

    def __init__(self, what: str, value: object, start: object, end: object) -> None:
        self.value = value
        self.start = start
        self.end = end
        super().__init__(
            f"{what} {str(value)!r} is outside the data's time range {start} .. {end}",
            f"pick a time between {start} and {end} (the data is historical; "
            "set the clock with --at)",
        )


class UnknownNameError(UserError):
    """A name (region, zone, GPU, model, provider...) that gridwise does not know."""

    def __init__(self, kind: str, name: str, known: Iterable[str]) -> None:
        self.kind = kind
        self.name = name
        self.known = sorted(set(known))
        self.suggestions = suggest(name, self.known)
        if self.suggestions:
            hint = "did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        else:
            shown = ", ".join(self.known[:12]) + (" ..." if len(self.known) > 12 else "")
            hint = f"use one of: {shown}"
        super().__init__(f"unknown {kind} {name!r}", hint)


def suggest(name: str, known: Iterable[str], n: int = 3) -> list[str]:
    """Close matches for `name` among `known`, case-insensitively (difflib)."""
    known = list(known)
    by_lower: dict[str, str] = {}
    for k in known:
        by_lower.setdefault(k.lower(), k)
    low = name.lower().strip()
    prefixed = [k for k in by_lower if low and k.startswith(low) and k != low]
    hits = difflib.get_close_matches(low, list(by_lower), n=n, cutoff=0.6)
    ordered = list(dict.fromkeys(sorted(prefixed, key=len)[:n] + hits))
    return [by_lower[h] for h in ordered[:n]]
