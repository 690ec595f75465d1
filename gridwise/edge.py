"""The command line's edge: what a person sees when a command cannot run.

Every failure a person can fix reaches them as one line (`error: ...`) plus a `To fix:`
hint and exit status 2. This module holds the checks and translations the CLI applies
before and after a command runs; the typer wiring stays in `gridwise.cli`.

Messages are printed as plain text, never as Rich markup: a value such as `H100[x]` or
`[/]` in an error must come out exactly as it went in.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from gridwise.errors import UserError

#: The largest value an integer option accepts (counts, limits, workers): beyond this
#: no command has anything to count, and C-level APIs would overflow.
MAX_INT_OPTION = 1_000_000


def check_argv(argv: Sequence[str]) -> None:
    """Refuse arguments that are not valid UTF-8 (Python keeps such bytes as surrogates).

    Raises:
        UserError: naming the first bad argument with its bytes escaped.
    """
    for i, arg in enumerate(argv, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            raw = arg.encode("utf-8", "surrogateescape")
            shown = raw.decode("utf-8", "backslashreplace")
            raise UserError(f"argument {i} is not valid UTF-8 text: {shown!r}",
                            "pass text in UTF-8 (check the terminal's or script's "
                            "encoding)") from None


def as_user_error(exc: BaseException) -> UserError | None:
    """The `UserError` a person can act on for an exception the commands let through.

    Covers what a bad input causes below the commands: a path that is not a usable file
    or folder (`OSError` with a file name), input nested too deeply to parse
    (`RecursionError`). Anything else is an infrastructure failure: None (it propagates).
    """
    if isinstance(exc, UserError):
        return exc
    if isinstance(exc, RecursionError):
        return UserError("the input is nested too deeply to read",
                         "flatten the YAML / JSON (a job spec is at most a few levels deep)")
    if isinstance(exc, OSError) and exc.filename is not None:
        name = exc.filename if isinstance(exc.filename, str) else str(exc.filename)
        return UserError(f"cannot use {name!r}: {exc.strerror or exc}",
                         "pass a path whose folder exists and is writable (or a readable "
                         "file for an input)")
    return None


def print_error(console: Console, exc: UserError) -> None:
    """`error: <message>` and `To fix: <hint>` on `console`, never read as markup."""
    console.print(Text("error: ", style="bold red") + Text(exc.message), highlight=False)
    if exc.hint:
        console.print(Text(f"To fix: {exc.hint}"), highlight=False)
