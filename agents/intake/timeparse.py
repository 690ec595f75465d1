"""Deadlines and earliest starts: time expressions resolved against `now`, written in UTC.

The rules are those of `../shared/data/requests/README.md` ("Time"): a time with no zone
is UTC; fixed abbreviations (CET, PST, IST...) are used literally; generic zones (PT,
"Berlin time") follow that place's daylight-saving rules on the date in question;
weekdays and "tomorrow" are reckoned on the stated zone's calendar; a bare clock time is
its next occurrence; a date as a deadline ends at 23:59:59 and as a start begins at 00:00.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

from agents.intake.text import Hit, clause_before
from agents.intake.timeroles import past_weekday, role_after, role_of
from agents.intake.units import _APPROX, QTY, parse_number
from agents.intake.zones import FIXED_OFFSETS_H, GENERIC_ZONES, zone_for, zone_ok

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_MON = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_DAY_ABBR = {"Mon": 0, "Tue": 1, "Tues": 1, "Wed": 2, "Thu": 3, "Thur": 3, "Thurs": 3,
             "Fri": 4, "Sat": 5, "Sun": 6}

_ZONE_FIXED = "|".join(sorted(FIXED_OFFSETS_H, key=len, reverse=True))
_ZONE_GENERIC = "|".join(sorted((re.escape(z) for z in GENERIC_ZONES), key=len, reverse=True))
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("offset_zone", re.compile(r"\b(?:UTC|GMT)\s?(?P<sign>[+-])\s?(?P<oh>\d{1,2})"
                               r"(?::?(?P<om>\d{2}))?(?!\d)", re.IGNORECASE)),
    ("iso", re.compile(r"\b(?P<y>20\d\d)([-/])(?P<m>\d{1,2})\2(?P<d>\d{1,2})(?!\d)")),
    ("dmy", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<mon>{_MON})"
                       r"(?:,?\s+(?P<y>20\d\d))?\b", re.IGNORECASE)),
    ("mdy", re.compile(rf"\b(?P<mon>{_MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:]|\.\d)"
                       r"(?:,?\s+(?P<y>20\d\d))?\b", re.IGNORECASE)),
    ("slash", re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>20\d\d)\b")),
    # "by 15.10.", "from 9/10": day and month with no year, only right after a time word
    ("slash", re.compile(r"(?:(?<=\bby )|(?<=\bfrom )|(?<=\bto )|(?<=\buntil )|(?<=\btill )|"
                         r"(?<=\bbefore )|(?<=\bafter )|(?<=\bdeadline )|(?<=\bstarting ))"
                         r"(?P<a>[0-3]?\d)[/.](?P<b>[01]?\d)(?P<y>)\.?(?=\s*(?:$|[,;)]|\.(?:\s|$)|"
                         r"\s+(?:at\s+)?\d{1,2}[:h]|\s+(?:and|to|until|till)\b|\s*-))",
                         re.IGNORECASE)),
    ("dom", re.compile(r"\bthe\s+(?P<d>[12]?\d|3[01])(?:st|nd|rd|th)\b(?!\s+of\b)", re.IGNORECASE)),
    ("clock", re.compile(r"(?:\b|T)(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::[0-5]\d)?"
                         r"(?:\s?(?P<ap>[ap]\.?m\.?)(?![a-z]))?(?P<z>Z\b)?", re.IGNORECASE)),
    ("clock", re.compile(r"\b(?P<h>1[0-2]|0?\d)\s?(?P<ap>[ap]\.?m\.?)(?![a-z])", re.IGNORECASE)),
    ("named_time", re.compile(r"\b(?P<w>noon|midday|midnight|eod|end of (?:the )?day|cob|"
                              r"close of business)\b", re.IGNORECASE)),
    ("weekday", re.compile(r"\b(?P<w>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                           r"\b", re.IGNORECASE)),
    ("weekday", re.compile(r"\b(?P<w>Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\b\.?")),
    ("relday", re.compile(r"\b(?P<w>day after tomorrow|tomorrow|tmrw|tmr|today|tonight|"
                          r"yesterday(?=\s+(?:at\s+)?(?:\d|noon|midnight|eod))|"
                          # "deadline yesterday", "was due yesterday": a past deadline (asked)
                          r"(?:(?<=deadline )|(?<=deadline was )|(?<=due )|(?<=deadline: ))"
                          r"yesterday)\b",
                          re.IGNORECASE)),
    ("weekend", re.compile(r"\b(?P<w>after|before|by|until|till)\s+the\s+weekend\b",
                           re.IGNORECASE)),
    ("period_end", re.compile(r"\bend of (?:the |this |(?P<next>next) )?(?P<w>month|year|week)\b",
                              re.IGNORECASE)),
    ("offset", re.compile(rf"\b(?P<pre>within|in|over(?=\s+the\s+next))(?:\s+the\s+next)?\s+"
                          rf"(?:{_APPROX}\s+)?"
                          rf"(?P<n>{QTY})\s?(?P<u>minutes?|mins?|hours?|hrs?|h|days?|weeks?|wks?|"
                          r"months?)\b(?!\s+of\b(?!\s+now\b))", re.IGNORECASE)),
    ("zone", re.compile(rf"(?<![\w-])(?P<w>{_ZONE_GENERIC})\b(?!-)", re.IGNORECASE)),
    ("zone", re.compile(rf"\b(?P<w>{_ZONE_FIXED})\b", re.IGNORECASE)),
]
_GAP = re.compile(r"^[\s,(]*(?:(?:in the |the )?(?:morning|afternoon|evening|night)[\s,]*)?"
                  r"(?:(?:at|on|the|of|by|@|say|around|ideally|latest|from)\s*)?[\s,]*$",
                  re.IGNORECASE)
_OFFSET_HOURS = {"min": 1 / 60, "h": 1, "hr": 1, "hour": 1, "day": 24, "week": 168, "wk": 168,
                 "month": 720}


@dataclass
class _Part:
    kind: str
    start: int
    end: int
    match: re.Match[str]


@dataclass
class TimeExpr:
    """A group of adjacent time components (date, weekday, clock, zone...) in the text."""

    parts: list[_Part] = field(default_factory=list)
    #: components apart from the group that still qualify it (a leading zone)
    borrowed: list[_Part] = field(default_factory=list)

    @property
    def start(self) -> int:
        """Offset of the first component."""
        return self.parts[0].start

    @property
    def end(self) -> int:
        """Offset past the last component."""
        return self.parts[-1].end

    def get(self, kind: str) -> re.Match[str] | None:
        """The first component of `kind`, if any."""
        return next((p.match for p in self.parts + self.borrowed if p.kind == kind), None)


def _components(text: str) -> list[_Part]:
    taken: list[tuple[int, int]] = []
    parts: list[_Part] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if kind == "zone" and not zone_ok(m.group("w"), text, m.start()):
                continue
            if kind == "weekday" and past_weekday(text, m.start(), m.end()):
                continue
            if kind == "mdy" and m.group("mon").lower().rstrip(".") == "may" \
                    and not m.group("mon")[0].isupper():
                continue
            taken.append((m.start(), m.end()))
            parts.append(_Part(kind, m.start(), m.end(), m))
    return sorted(parts, key=lambda p: p.start)


def _group(text: str, parts: list[_Part]) -> list[TimeExpr]:
    groups: list[TimeExpr] = []
    for part in parts:
        last = groups[-1] if groups else None
        if (last and part.kind not in ("offset", "weekend", "period_end")
                and (last.parts[-1].kind not in ("offset", "weekend")
                     # "after the weekend (New York time)": the zone of the weekend's days
                     or (last.parts[-1].kind == "weekend" and part.kind == "zone"))
                and _GAP.match(text[last.end:part.start])
                and all(_family(p.kind) != _family(part.kind) for p in last.parts)):
            last.parts.append(part)
        else:
            groups.append(TimeExpr([part]))
    for zone_only, nxt in zip(groups, groups[1:], strict=False):
        # "JST deadline Friday 18:00": a zone written just before the time it qualifies
        if all(_family(p.kind) == "zone" or p.kind == "zone" for p in zone_only.parts) \
                and not any(p.kind in ("zone", "offset_zone") for p in nxt.parts) \
                and _ZONE_LEAD.match(text[zone_only.end:nxt.start]):
            nxt.borrowed = list(zone_only.parts)
    return [g for g in groups if any(p.kind != "zone" and p.kind != "offset_zone"
                                     for p in g.parts)]


_ZONE_LEAD = re.compile(r"^[\s,:-]*(?:(?:time|deadline|due|cut-?off|start|end|finish|by|before"
                        r"|until|till|at|on|is)[\s,:-]+){0,3}$", re.IGNORECASE)


def _family(kind: str) -> str:
    return {"iso": "date", "dmy": "date", "mdy": "date", "slash": "date", "relday": "date",
            "dom": "date", "weekday": "date", "period_end": "date", "clock": "time",
            "named_time": "time", "offset_zone": "zone"}.get(kind, kind)


def _zone(expr: TimeExpr) -> tzinfo:
    m = expr.get("offset_zone")
    if m:
        hours = int(m.group("oh")) + int(m.group("om") or 0) / 60
        return timezone(timedelta(hours=hours if m.group("sign") == "+" else -hours))
    m = expr.get("zone")
    return UTC if m is None else zone_for(m.group("w"))


def _clock(expr: TimeExpr) -> tuple[time | None, str]:
    m = expr.get("clock")
    if m:
        hour = int(m.group("h"))
        ap = (m.group("ap") or "").lower().replace(".", "")
        if ap == "pm" and hour < 12:
            hour += 12
        elif ap == "am" and hour == 12:
            hour = 0
        minute = int(m.groupdict().get("mi") or 0)
        return time(hour, minute), "clock"
    m = expr.get("named_time")
    if m:
        word = m.group("w").lower()
        named = {"noon": 12, "midday": 12, "midnight": 0, "cob": 17, "close of business": 17}
        return (time(named[word]), "clock") if word in named else (time(23, 59, 59), "eod")
    return None, ""


def _day(expr: TimeExpr, today: date) -> date | None:
    for kind in ("iso", "dmy", "mdy", "slash"):
        m = expr.get(kind)
        if m is None:
            continue
        if kind == "slash":
            a, b = int(m.group("a")), int(m.group("b"))
            day, month = (b, a) if b > 12 else (a, b)
        else:
            day = int(m.group("d"))
            month = int(m.group("m")) if kind == "iso" else _MONTHS[
                m.group("mon").lower().rstrip(".")]
        year = int(m.group("y")) if m.group("y") else today.year
        found: date | None
        try:
            found = date(year, month, day)
            if not m.group("y") and found < today:
                found = date(year + 1, month, day)
        except ValueError:
            return None
        return found
    m = expr.get("dom")
    if m:
        day = int(m.group("d"))
        year, month = today.year, today.month
        for _ in range(3):
            try:
                found = date(year, month, day)
            except ValueError:
                found = None
            if found and found >= today:
                return found
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return None
    m = expr.get("weekday")
    if m:
        word = m.group("w")
        target = _DAYS.get(word.lower(), _DAY_ABBR.get(word.title(), 0))
        ahead = (target - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    m = expr.get("relday")
    if m:
        word = m.group("w").lower()
        return today + timedelta(days={"tomorrow": 1, "tmrw": 1, "tmr": 1, "yesterday": -1,
                                       "day after tomorrow": 2}.get(word, 0))
    m = expr.get("period_end")
    if m:
        ahead = 1 if m.group("next") else 0  # "end of next month"
        if m.group("w").lower() == "year":
            return date(today.year + ahead, 12, 31)
        if m.group("w").lower() == "week":  # the week ends on Sunday
            return today + timedelta(days=6 - today.weekday() + 7 * ahead)
        year, month = divmod(today.year * 12 + today.month - 1 + ahead, 12)
        return date(year, month + 1, calendar.monthrange(year, month + 1)[1])
    return None


def _has_zone(expr: TimeExpr) -> bool:
    clock = expr.get("clock")
    return bool(expr.get("zone") or expr.get("offset_zone")
                or (clock is not None and clock.groupdict().get("z")))


def resolve(expr: TimeExpr, now: datetime, role: str, text: str,
            zone: tzinfo | None = None) -> datetime | None:
    """The UTC instant of one time expression in a given role ('deadline' or 'start').

    `zone` overrides the expression's own zone (a window "from Sat 09:00 to Sun 21:00
    Berlin time" states one zone for both ends).
    """
    now = now if now.tzinfo else now.replace(tzinfo=UTC)
    m = expr.get("offset")
    if m:
        unit = m.group("u").lower().rstrip("s")
        unit = {"min": "min", "minute": "min", "hr": "h"}.get(unit, unit)
        return now + timedelta(hours=parse_number(m.group("n")) * _OFFSET_HOURS[unit])
    m = expr.get("weekend")
    tz = zone or _zone(expr)
    local_now = now.astimezone(tz)
    today = local_now.date()
    if m:
        word = m.group("w").lower()
        target = 0 if word == "after" else 5
        ahead = (target - today.weekday()) % 7 or 7
        return _to_utc(datetime.combine(today + timedelta(days=ahead), time(0)), tz)
    clock, how = _clock(expr)
    day = _day(expr, today)
    before_word = re.search(r"\bbefore\s*$", clause_before(text, expr.start, 30), re.IGNORECASE)
    if day is None:
        if clock is None:
            return None
        candidate = datetime.combine(today, clock)
        if _to_utc(candidate, tz) <= now:
            candidate += timedelta(days=1)
        return _to_utc(candidate, tz)
    if clock is None:
        relday = expr.get("relday")
        if relday and relday.group("w").lower() == "tonight":
            clock = time(20)
        elif expr.get("period_end"):
            clock = time(23, 59, 59)
        elif role == "deadline" and not before_word:
            clock = time(23, 59, 59)
        else:
            clock = time(0)
    return _to_utc(datetime.combine(day, clock), tz)


def _to_utc(local: datetime, tz: tzinfo) -> datetime:
    return local.replace(tzinfo=tz).astimezone(UTC)


@dataclass
class TimeHits:
    """Resolved deadlines and earliest starts, in text order."""

    deadlines: list[Hit] = field(default_factory=list)
    starts: list[Hit] = field(default_factory=list)


_RANGE = re.compile(r"\s*(?:-|to|until|till|through|thru)\s*", re.IGNORECASE)
_DATE_KINDS = ("iso", "dmy", "mdy", "slash", "dom", "weekday", "relday", "period_end")


def _borrow(expr: TimeExpr, other: TimeExpr) -> TimeExpr:
    """`expr` completed with the zone and date of the other end of a window it lacks."""
    parts = list(expr.parts)
    borrowed = list(expr.borrowed)
    if not _has_zone(expr):
        parts += [p for p in other.parts if p.kind in ("zone", "offset_zone")]
        borrowed += other.borrowed
    if not any(p.kind in _DATE_KINDS for p in expr.parts):
        parts += [p for p in other.parts if p.kind in _DATE_KINDS]
    return TimeExpr(sorted(parts, key=lambda p: p.start), borrowed)


def _default_role(text: str, expr: TimeExpr) -> str:
    relday = expr.get("relday")
    if relday is not None and relday.group("w").lower() == "tonight":
        return "start"
    weekend = expr.get("weekend")
    if weekend is not None and weekend.group("w").lower() == "after":
        return "start"
    return "deadline"


def find_times(text: str, now: datetime) -> TimeHits:
    """Every deadline and earliest start the text states, resolved to UTC datetimes.

    A window "from X to Y" / "X-Y" gives a start X and a deadline Y, each end borrowing
    the zone and date the other states ("9am-5pm PT tomorrow"). An expression with no
    cue is a deadline, except "tonight" and "after the weekend", which are starts.
    """
    out = TimeHits()
    exprs = [e for e in _group(text, _components(text))
             if not (e.get("offset") and re.search(r"\bfor\s*$", text[max(0, e.start - 8):e.start],
                                                   re.IGNORECASE))]
    window_end: dict[int, TimeExpr] = {}
    for a, b in zip(exprs, exprs[1:], strict=False):
        if not a.get("offset") and not b.get("offset") and _RANGE.fullmatch(text[a.end:b.start]):
            window_end[id(a)] = b
    starts_of: dict[int, TimeExpr] = {id(window_end[id(a)]): a for a in exprs
                                      if id(a) in window_end}
    window_start: dict[int, datetime] = {}
    for expr in exprs:
        effective = expr
        if id(expr) in window_end:
            role = "start"
            effective = _borrow(expr, window_end[id(expr)])
        elif id(expr) in starts_of:
            role = "deadline"
            effective = _borrow(expr, starts_of[id(expr)])
        elif expr.get("offset"):
            starts_here = re.search(r"\b(?:start|begin|launch|kick(?:ed)? off)\w*\s*$",
                                    text[max(0, expr.start - 20):expr.start], re.IGNORECASE)
            role = "start" if starts_here else (role_after(text, expr.end) or "deadline")
        else:
            role = (role_after(text, expr.end) or role_of(text, expr.start)
                    or _default_role(text, expr))
        when = resolve(effective, now, role, text)
        if when is None:
            continue
        opened = window_start.get(id(expr))
        if opened is not None and when <= opened and effective.get("weekday") is not None:
            when += timedelta(days=7)  # "from Tuesday to Thursday" said on a Wednesday
        if id(expr) in window_end:
            window_start[id(window_end[id(expr)])] = when
        bare = effective.get("clock") is not None and _day(effective, now.date()) is None
        hit = Hit(when, expr.start, expr.end, role + (":bare" if bare else ""))
        (out.deadlines if role == "deadline" else out.starts).append(hit)
    return out
