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

from agents.intake.checks import Problem
from agents.intake.text import Hit, clause_before
from agents.intake.time_doubts import corrected, doubted
from agents.intake.timeexpr import (
    DAY_ABBR,
    DAYS,
    MONTHS,
    OFFSET_HOURS,
    TimeExpr,
    components,
    group,
)
from agents.intake.timeroles import (
    answered_then,
    before_then,
    booked_for,
    role_after,
    role_inside,
    role_of,
    started_by_verb,
)
from agents.intake.units import parse_number
from agents.intake.zones import city_zone, zone_for


def _zone(expr: TimeExpr) -> tzinfo:
    m = expr.get("offset_zone")
    if m:
        hours = int(m.group("oh")) + int(m.group("om") or 0) / 60
        return timezone(timedelta(hours=hours if m.group("sign") == "+" else -hours))
    m = expr.get("zone")
    if m is None and expr.get("city_zone"):  # "my 9am Tokyo call": the city's zone
        return city_zone(expr.get("city_zone").group("w"))  # type: ignore[union-attr]
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
            month = int(m.group("m")) if kind == "iso" else MONTHS[
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
        target = DAYS.get(word.lower(), DAY_ABBR.get(word.title(), 0))
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
    return bool(expr.get("zone") or expr.get("offset_zone") or expr.get("city_zone")
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
        amount = parse_number(m.group("n")) + (0.5 if m.group("half") else 0)
        return now + timedelta(hours=amount * OFFSET_HOURS[unit])
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
    relday = expr.get("relday")
    if day is not None and (expr.get("nextday") or (
            clock is not None and clock.hour < 6 and relday is not None
            and relday.group("w").lower() == "tonight")):
        day += timedelta(days=1)  # "to 06:00 the next day"; "01:00 tonight" is after midnight
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


def _local_days(when: datetime, days: int, tz: tzinfo) -> datetime:
    """`when` moved `days` days on by the local clock of `tz` (same local time, new offset)."""
    return _to_utc(when.astimezone(tz).replace(tzinfo=None) + timedelta(days=days), tz)


@dataclass
class TimeHits:
    """Resolved deadlines and earliest starts, in text order."""

    deadlines: list[Hit] = field(default_factory=list)
    starts: list[Hit] = field(default_factory=list)
    #: a date given two ways ("Friday, or maybe the Friday after"): neither read, asked
    doubts: list[Problem] = field(default_factory=list)


_RANGE = re.compile(r"[\s,;]*(?:-|to|until|till|through|thru|->|\u2192|=>)\s*", re.IGNORECASE)
#: "between Sat 00:00 and Sun 23:59": "and" joins a window's ends after "between"
_BETWEEN = re.compile(r"\b(?:between|from)\s*$", re.IGNORECASE)
#: "od pondělí 9:00 do pátku 18:00", "de marți 08:00 până vineri 20:00", "dari Isnin 9:00
#: hingga Jumaat": a window's "to" in other languages (or "by", as a rule may have read it),
#: between two times, after a "from" word (s13)
_FOREIGN_TO = re.compile(r"[\s,;)]*(?:do|до|până(?:\s+la)?|hingga|sampai|tot|bis|till|til|by)\s*",
                         re.IGNORECASE)
_FOREIGN_FROM = re.compile(r"(?<!\w)(?:from|not before|od|од|de|dari|van|från|fra|von|ab)\s*$",
                           re.IGNORECASE)
_DATE_KINDS = ("iso", "dmy", "mdy", "slash", "dom", "weekday", "relday", "period_end")


def _borrow(expr: TimeExpr, other: TimeExpr) -> TimeExpr:
    """`expr` completed with the zone and date of the other end of a window it lacks."""
    parts = list(expr.parts)
    borrowed = list(expr.borrowed)
    if not _has_zone(expr):
        parts += [p for p in other.parts if p.kind in ("zone", "offset_zone", "city_zone")]
        borrowed += other.borrowed
    if not any(p.kind in _DATE_KINDS for p in expr.parts):
        parts += [p for p in other.parts if p.kind in _DATE_KINDS]
    return TimeExpr(sorted(parts, key=lambda p: p.start), borrowed)


_ZONE_KINDS = ("zone", "offset_zone", "city_zone")


def _sentence_zone(text: str, expr: TimeExpr, exprs: list[TimeExpr]) -> TimeExpr:
    """`expr` with the zone of the time before it in its sentence, when it states none.

    "not before 22:00 Amsterdam time, done before 06:00", "from 09:00 Monday Kyiv time
    to 18:00 Friday", "... WIB, selesai before Monday": one clock is named for the
    sentence's times (s12). A calendar date with no clock time is left a UTC day.
    """
    if _has_zone(expr) or expr.get("offset") or (
            expr.get("clock") is None and expr.get("named_time") is None
            and any(p.kind in _DATE_KINDS[:5] for p in expr.parts)):
        return expr  # "by 2023-11-10": a calendar date with no clock stays a UTC day
    earlier = [e for e in exprs if e.end <= expr.start and _has_zone(e) and not e.get("offset")]
    if not earlier or re.search(r"[.!?\n]\s", text[earlier[-1].end:expr.start] + " "):
        return expr
    zone = [p for p in earlier[-1].parts + earlier[-1].borrowed if p.kind in _ZONE_KINDS]
    return TimeExpr(expr.parts, expr.borrowed + zone)


def _same_day(text: str, expr: TimeExpr, exprs: list[TimeExpr]) -> TimeExpr:
    """"by 15:00 UTC the same day": a clock with the date of the time before it (s12)."""
    if any(p.kind in _DATE_KINDS for p in expr.parts) or not re.match(
            r"\s*,?\s*(?:on\s+)?(?:the|that)\s+same\s+day\b", text[expr.end:expr.end + 30],
            re.IGNORECASE):
        return expr
    dated = [e for e in exprs if e.end <= expr.start
             and any(p.kind in _DATE_KINDS for p in e.parts)]
    if not dated:
        return expr
    day = [p for p in dated[-1].parts if p.kind in _DATE_KINDS]
    return TimeExpr(sorted(expr.parts + day, key=lambda p: p.start), expr.borrowed)


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
    exprs = [e for e in group(text, components(text))
             if not (e.get("offset") and re.search(r"\bfor\s*$", text[max(0, e.start - 8):e.start],
                                                   re.IGNORECASE))]
    window_end: dict[int, TimeExpr] = {}
    for a, b in zip(exprs, exprs[1:], strict=False):
        gap = text[a.end:b.start]
        if not a.get("offset") and not b.get("offset") and (_RANGE.fullmatch(gap) or (
                re.fullmatch(r"\s*and\s*", gap, re.IGNORECASE)
                and _BETWEEN.search(text[max(0, a.start - 9):a.start])) or (
                _FOREIGN_TO.fullmatch(gap) and _FOREIGN_FROM.search(
                    text[max(0, a.start - 12):a.start]))):
            window_end[id(a)] = b
    starts_of: dict[int, TimeExpr] = {id(window_end[id(a)]): a for a in exprs
                                      if id(a) in window_end}
    # "after Christmas (26 Dec)": a bracketed date right after another restates it
    restated = {id(b): a for a, b in zip(exprs, exprs[1:], strict=False)
                if re.fullmatch(r"\s*(?:\((?:\s*(?:so|i\.\s?e\.|ie|that is|=))?|"
                                r",?\s*(?:i\.\s?e\.|that is|namely|meaning)\s*,?"
                                r"(?:\s*(?:not before|after|from|on|by|before))?)\s*",
                                text[a.end:b.start], re.IGNORECASE)
                and any(p.kind in (*_DATE_KINDS, "weekend") for p in a.parts)
                and any(p.kind in _DATE_KINDS for p in b.parts)}
    exprs = [e for e in exprs if all(e is not a for a in restated.values())]
    doubt_ids, out.doubts = doubted(text, exprs)
    doubt_ids |= {id(window_end[i]) for i in list(window_end) if i in doubt_ids}
    doubt_ids |= {id(starts_of[i]) for i in list(starts_of) if i in doubt_ids}
    taken_back, correcting = corrected(text, exprs)
    exprs = [e for e in exprs if id(e) not in doubt_ids | taken_back]
    window_start: dict[int, datetime] = {}
    uncued: set[int] = set()  # deadlines by default only, with no cue of their own
    for expr in exprs:
        effective = expr
        cue_at = restated[id(expr)].start if id(expr) in restated else expr.start
        if id(expr) in window_end:
            role = "start"
            effective = _borrow(expr, window_end[id(expr)])
        elif id(expr) in starts_of:
            role = "deadline"
            effective = _borrow(expr, starts_of[id(expr)])
        elif expr.get("offset"):
            starts_here = re.search(r"\b(?:start|begin|launch|kick(?:ed)? off)\w*\s*$",
                                    text[max(0, expr.start - 20):expr.start], re.IGNORECASE)
            role = "start" if starts_here or started_by_verb(text, expr.start) else (
                role_after(text, expr.end) or "deadline")
        else:
            cued = before_then(text, expr.end) or role_after(text, expr.end) or role_of(
                text, cue_at) or role_inside(text, expr.start, expr.end, expr.parts[0].end)
            if cued is None and expr.get("clock") is None and booked_for(text, cue_at) \
                    and _default_role(text, expr) == "deadline":
                continue  # "8 H100s for Thursday": neither a start nor a deadline
            if cued is None and answered_then(text, cue_at):
                continue  # "finance will tell me tomorrow": when an answer comes
            role = cued or _default_role(text, restated.get(id(expr), expr))
            if cued is None and role == "deadline" and expr.get("weekend") is None:
                uncued.add(expr.start)
        effective = _same_day(text, _sentence_zone(text, effective, exprs), exprs)
        try:
            when = resolve(effective, now, role, text)
        except OverflowError:  # past year 9999 or before year 1: `now` at datetime's edge
            continue
        if when is None:
            continue
        opened = window_start.get(id(expr))
        if opened is not None and when <= opened and effective.get("weekday") is not None:
            when = _local_days(when, 7, _zone(effective))  # "from Tuesday to Thursday" said on a
            # Wednesday; a week on by the local calendar, so a DST change between is kept
        elif opened is not None and when <= opened and not all(
                any(p.kind in _DATE_KINDS[:5] for p in end.parts)
                for end in (expr, starts_of[id(expr)])):  # one date for both ends
            when = _local_days(when, (opened - when).days + 1, _zone(effective))  # "between
            # 22:00 and 06:00"
        if id(expr) in window_end:
            window_start[id(window_end[id(expr)])] = when
        bare = effective.get("clock") is not None and _day(effective, now.date()) is None
        hit = Hit(when, expr.start, expr.end, role + (":uncued" if expr.start in uncued else "")
                  + (":bare" if bare else ""))
        (out.deadlines if role == "deadline" else out.starts).append(hit)
    # a window's end is the deadline over a bare day named elsewhere ("Sunday maintenance
    # window: ... between Sunday 02:00 and 06:00")
    ends = [h for h in out.deadlines if any(h.start == e.start for e in exprs
                                            if id(e) in starts_of)]
    # a deadline with its own cue ("live by Monday 09:00") beats a day named with no cue
    # ("we have a customer demo on Monday") written before it
    rest = [h for h in out.deadlines if h not in ends]
    out.deadlines = ends + [h for h in rest if h.start not in uncued] + [
        h for h in rest if h.start in uncued]
    for hits in (out.deadlines, out.starts):  # "..., not 07:00": the correction is read
        hits.sort(key=lambda h: h.start not in correcting)
    return out
