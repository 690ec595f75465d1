"""What a decision report renders at most, and where it may be written.

A report is read by a person: a dataset with 20,000 columns or a megabyte of request
text is summarised, never rendered whole (a 20,000-column spec once took 98 s and
1.18 GB for the PDF). Each cap says what it left out.
Reports replace only regular files: a FIFO, a symlink or a device at the target path is
refused, so that writing a report never feeds a pipe, follows a link or fills a device.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from gridwise.errors import UserError

#: Rows of the "request as understood" table.
MAX_REQUEST_ROWS = 40
#: Dataset columns named in the report (the rest are counted).
MAX_COLUMNS_SHOWN = 12
#: Characters of the operator's request text quoted.
MAX_REQUEST_CHARS = 2000


def cap_rows(rows: list[tuple[str, Any]], columns: dict[str, str] | None) -> list[tuple[str, Any]]:
    """The request rows with the dataset's columns summarised and the table capped."""
    out = [(k, v) for k, v in rows if not k.startswith("dataset.columns.")]
    if columns:
        shown = ", ".join(f"{name} ({kind})" for name, kind in
                          list(columns.items())[:MAX_COLUMNS_SHOWN])
        more = len(columns) - MAX_COLUMNS_SHOWN
        out.append(("dataset.columns", f"{len(columns):,} columns: {shown}"
                    + (f" ... and {more:,} more (not shown)" if more > 0 else "")))
    if len(out) > MAX_REQUEST_ROWS:
        left = len(out) - MAX_REQUEST_ROWS + 1
        out = out[:MAX_REQUEST_ROWS - 1] + [("...", f"{left:,} more fields not shown")]
    return out


def cap_text(text: str | None) -> str | None:
    """The request text, cut at `MAX_REQUEST_CHARS` with a note of how much was left out."""
    if text is None or len(text) <= MAX_REQUEST_CHARS:
        return text
    return (text[:MAX_REQUEST_CHARS]
            + f" ... [{len(text) - MAX_REQUEST_CHARS:,} more characters not shown]")


def refuse_special(path: Path) -> None:
    """Raise if `path` exists and is not a regular file (symlinks are not followed).

    Raises:
        UserError: the target is a symlink, FIFO, socket or device.
    """
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise UserError(f"cannot write the report to {str(path)!r}: {exc.strerror}",
                        "choose a path in an existing, writable folder") from None
    kind = ("a symbolic link" if stat.S_ISLNK(mode) else "a named pipe (FIFO)"
            if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket" if stat.S_ISSOCK(mode) else None)
    if kind is not None:
        raise UserError(f"cannot write the report to {str(path)!r}: it is {kind}, not a "
                        "regular file", "pass a path to a regular file or a new name")
