"""A date's clock written a few unknown words away from it (s12, issue 17).

"Monday kl. 08.00", "2022. december 9., 18:00 budapesti idő", "Friday (Friday) 20:00":
the parser reads the day, but the words between are not `timeexpr._GAP`'s, so the clock
was left alone and the day kept 23:59:59. A careful reader attaches the nearest digit
clock in the same short clause whatever the words between, when nothing else claims it:
no digit, range word or sentence end between, the clock not a duration ("20:00 minutes")
and not cued for another role than the day. A word that starts with a city the zone
lexicon knows ("budapesti", "Stockholms") right after such a clock names its zone.
Language-agnostic: it reads digits, punctuation and the place lexicon, no new words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from agents.intake.zones import _NOT_MEETING_CITIES, zone_cities

#: "08.00", "20.30": a dotted 24 h clock (two-digit hour, or minutes 00/15/30/45);
#: not "v2.00", "3.10" (a version), "12.50 EUR" (an amount: see `_NOT_CLOCK_AFTER`)
DOTTED = re.compile(r"(?<![\w.,:/-])(?P<h>[01]\d|2[0-3]|(?P<one>\d)(?=\.(?:00|15|30|45)))"
                    r"\.(?P<mi>[0-5]\d)(?![\w%€$£]|[.,:/]\d)(?P<ap>)")
#: "8h30", "17h45": an hour and minutes around an "h" (French, Portuguese, Catalan...)
H_CLOCK = re.compile(r"(?<![\w.,:/-])(?P<h>[01]?\d|2[0-3])h(?P<mi>[0-5]\d)(?![\w%])(?P<ap>)")
#: "30.11. klo 09.00": a day and month closed by dots (day first), one short word or
#: none before a digit clock; with no clock it stays unread ("2.3." may be a version)
DAY_MONTH = re.compile(r"(?<![\w./:-])(?P<a>[0-2]?\d|3[01])\.(?P<b>0?[1-9]|1[0-2])\.(?P<y>)(?!\d)"
                       r"(?=,?\s+(?:[^\W\d_]{1,6}\.?\s+)?(?:[01]?\d|2[0-3])[.:h][0-5]\d)")
#: what after a number makes it an amount, not a clock time
_NOT_CLOCK_AFTER = re.compile(r"^\s*(?:x\b|[-–]\s*\d|%|(?:min(?:ute)?s?|h|hrs?|hours?|GPUs?|GB|TB|"
                              r"GiB|TiB|MB|EUR|USD|GBP|SEK|NOK|DKK|[€$£]|nodes?|cards?|"
                              r"epochs?|steps?|days?|weeks?)\b)", re.IGNORECASE)
#: a clock this far (in characters) from its day at most
SPAN = 40
_STOP = re.compile(r"[\d;!?\n]|\.\s+[A-Z]|(?:^|\s)(?:-|–|to|until|till|through|and|or|then)(?:\s|$)"
                   r"|\bvs\.?|/", re.IGNORECASE)
_CITIES = zone_cities(10, one_word=True, skip=_NOT_MEETING_CITIES)


def clock_like(text: str, start: int, end: int) -> bool:
    """Whether the number at `start:end` reads as a clock, not an amount ("20:00 minutes")."""
    return not _NOT_CLOCK_AFTER.match(text[end:end + 12])


def loose_clocks(text: str) -> list[re.Match[str]]:
    """Dotted ("08.00") and "8h30" clock times that are not amounts.

    Such a clock counts only as a day's clock or with a cue of its own: `attach` drops
    one left alone ("a pass of 3h30" is a run length).
    """
    return [m for pattern in (DOTTED, H_CLOCK) for m in pattern.finditer(text)
            if clock_like(text, m.start(), m.end())]


def day_months(text: str) -> list[re.Match[str]]:
    """"30.11." right before a clock time (`DAY_MONTH`)."""
    return list(DAY_MONTH.finditer(text))


def _free_gap(gap: str) -> bool:
    return len(gap) <= SPAN and not _STOP.search(gap)


def attach(text: str, groups: list[Any], family: Callable[[str], str],
           role_of: Callable[[str, int], str | None]) -> list[Any]:
    """Groups with each day-only group joined to the clock-only group nearest it.

    A clock after its day is preferred to one before. `groups` are `TimeExpr`s; `family`
    maps a component kind to its family ("date", "time", "zone"...).
    """
    def fams(g: Any) -> set[str]:
        return {family(p.kind) for p in g.parts}

    def day_only(g: Any) -> bool:
        f = fams(g)
        return "date" in f and "time" not in f and not (f - {"date", "zone", "city"})

    def clock_only(g: Any) -> bool:
        f = fams(g)
        clock = next((p for p in g.parts if p.kind == "clock"), None)
        return clock is not None and "date" not in f and not (f - {"time", "zone", "city"}) \
            and clock_like(text, clock.start, clock.end)

    def same_role(a: Any, b: Any) -> bool:
        ra, rb = role_of(text, a.start), role_of(text, b.start)
        return rb is None or ra is None or ra == rb

    def joinable(a: Any, b: Any) -> bool:  # a clock after its day first, then before it
        return _free_gap(text[a.end:b.start]) and same_role(a, b) and (
            (day_only(a) and clock_only(b)) or (clock_only(a) and day_only(b)))

    out = _merge(_merge(list(groups), lambda a, b: day_only(a) and joinable(a, b)),
                 lambda a, b: clock_only(a) and joinable(a, b))
    return [_city_zoned(text, g) for g in out
            if not (clock_only(g) and _loose_alone(text, g, role_of))]


def _loose_alone(text: str, g: Any, role_of: Callable[[str, int], str | None]) -> bool:
    """Whether a clock-only group is a loose clock to drop.

    A dotted clock with no day stays only with its own cue ("start not before 20.00");
    an "8h30" with no day is a run length ("done in 3h30").
    """
    clocks = [p.match.re for p in g.parts if p.kind == "clock"]
    return H_CLOCK in clocks or (DOTTED in clocks and role_of(text, g.start) is None)


def _merge(out: list[Any], ok: Callable[[Any, Any], bool]) -> list[Any]:
    """`out` with each neighbour pair that `ok` accepts joined, left to right."""
    i = 0
    while i + 1 < len(out):
        if ok(out[i], out[i + 1]):
            out[i] = _joined(out[i], out[i + 1])
            del out[i + 1]
        i += 1
    return out


def _joined(a: Any, b: Any) -> Any:
    return type(a)(sorted(a.parts + b.parts, key=lambda p: p.start), a.borrowed + b.borrowed)


def city_word_zone(text: str, end: int) -> tuple[int, int, re.Match[str]] | None:
    """The word right after `end` when it starts with a known city ("budapesti idő").

    Returns its span and a match whose group "w" is the zone lexicon's "<city> time".
    """
    w = re.match(r"[\s(]{1,3}([^\W\d_]+)", text[end:end + 40])
    if w is None:
        return None
    low = w.group(1).lower()
    city = next((c for c in _CITIES if low.startswith(c) and len(low) - len(c) <= 3), None)
    if city is None:
        return None
    found = re.fullmatch(r"(?P<w>.+)", city + " time")
    assert found is not None
    return end + w.start(1), end + w.end(1), found


def _city_zoned(text: str, g: Any) -> Any:
    """`g` with the zone of a city word right after its clock, when it states none."""
    kinds = {p.kind for p in g.parts + g.borrowed}
    clock = next((p for p in g.parts if p.kind == "clock"), None)
    if clock is None or kinds & {"zone", "offset_zone", "city_zone"} or clock is not g.parts[-1]:
        return g
    hit = city_word_zone(text, clock.end)
    if hit is not None:
        g.borrowed.append(type(clock)("zone", hit[0], hit[1], hit[2]))
    return g
