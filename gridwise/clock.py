"""The scenario clock: `--at` values parsed to naive UTC and checked against the data."""

from __future__ import annotations

from datetime import UTC, datetime

from gridwise.errors import UserError


def parse_clock(value: str) -> datetime:
    """Parse an ISO-8601 time (`2023-06-14T09:00Z`, `2023-06-14 09:00+02:00`) to naive UTC.

    A time without an offset is taken as UTC.
    """
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise UserError(
            f"--at {value!r} is not an ISO-8601 time",
            "write it like 2023-06-14T09:00:00Z or 2023-06-14 09:00+02:00",
        ) from None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed
