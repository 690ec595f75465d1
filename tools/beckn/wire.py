"""Wire formats shared by the Beckn builders: decimals, money, times and tags.

Numbers travel as decimal strings. `decimal_str` writes a float's shortest repr
(the one Python round-trips) in positional notation, so `float(decimal_str(x)) == x`
exactly; `money_str` rounds to cents for prices people read. Times are RFC 3339 with
`Z`: gridwise keeps datetimes as naive UTC, and `parse_time` gives naive UTC back.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

#: A tag value before encoding: None means "leave the tag out".
TagValue = str | int | float | bool | datetime | None


def decimal_str(x: float | int, shift: int = 0) -> str:
    """`x` (times 10**shift) as a positional decimal string that round-trips exactly.

    Args:
        x: a finite number.
        shift: a power of ten to scale by, exactly (3 turns kg into g).

    Raises:
        ValueError: `x` is NaN or infinite.
    """
    if isinstance(x, bool) or not math.isfinite(x):
        raise ValueError(f"not a finite number: {x!r}")
    d = Decimal(x) if isinstance(x, int) else Decimal(repr(float(x)))
    s = format(d.scaleb(shift), "f")
    return "0" if s in ("-0", "-0.0") else s


def parse_decimal(s: str, shift: int = 0) -> float:
    """The float a `decimal_str(x, shift)` string came from (`shift` undone exactly)."""
    return float(Decimal(s).scaleb(-shift))


def money_str(x: float | Decimal, places: int = 2) -> str:
    """`x` rounded half-up to `places` decimals, e.g. 2.1 -> "2.10"."""
    d = x if isinstance(x, Decimal) else Decimal(repr(float(x)))
    return format(d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP), "f")


def rfc3339(t: datetime) -> str:
    """`t` as RFC 3339 in UTC with a `Z`; naive datetimes are taken as UTC."""
    if t.tzinfo is not None:
        t = t.astimezone(UTC).replace(tzinfo=None)
    return t.isoformat() + "Z"


def parse_time(s: str) -> datetime:
    """An RFC 3339 string as naive UTC (gridwise's convention for datetimes)."""
    t = datetime.fromisoformat(s.replace("Z", "+00:00"))
    return t.astimezone(UTC).replace(tzinfo=None) if t.tzinfo else t


def iso_duration(hours: float) -> str:
    """A duration in hours as ISO 8601, e.g. 2.5 -> "PT2H30M" (whole seconds)."""
    total = round(timedelta(hours=hours).total_seconds())
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    out = "PT" + (f"{h}H" if h else "") + (f"{m}M" if m else "") + (f"{s}S" if s else "")
    return out if out != "PT" else "PT0S"


def tag_str(value: TagValue) -> str:
    """A tag value as the string Beckn carries (bools lower-case, times RFC 3339)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return rfc3339(value)
    if isinstance(value, int | float):
        return decimal_str(value)
    if isinstance(value, str):
        return value
    raise TypeError(f"cannot put {type(value).__name__} in a tag")


def tag_group(code: str, values: Mapping[str, TagValue] | Iterable[tuple[str, TagValue]],
              name: str | None = None) -> dict[str, Any]:
    """A Beckn tag group; entries whose value is None are left out.

    Args:
        code: the group's machine key, e.g. "hardware".
        values: code -> value pairs (a list of pairs may repeat a code).
        name: an optional human name for the group.
    """
    pairs = values.items() if isinstance(values, Mapping) else values
    descriptor = {"code": code} | ({"name": name} if name else {})
    return {"descriptor": descriptor,
            "list": [{"descriptor": {"code": k}, "value": tag_str(v)}
                     for k, v in pairs if v is not None]}


def tags_by_group(tags: Iterable[Mapping[str, Any]] | None) -> dict[str, list[tuple[str, str]]]:
    """Tag groups as `{group code: [(code, value), ...]}`, in message order."""
    out: dict[str, list[tuple[str, str]]] = {}
    for group in tags or ():
        entries = out.setdefault(group["descriptor"]["code"], [])
        entries.extend((t["descriptor"]["code"], t["value"]) for t in group.get("list", ()))
    return out


def tag_values(tags: Iterable[Mapping[str, Any]] | None, group: str) -> dict[str, str]:
    """One group's tags as `{code: value}` (the last value wins on a repeated code)."""
    return dict(tags_by_group(tags).get(group, ()))
