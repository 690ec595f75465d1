"""Time expressions in a request: the components (dates, clocks, zones...) and their groups.

`timeparse` resolves each group against `now`. A group is a run of adjacent components
of different families ("Friday 18:00 CET"); the words allowed between them are `_GAP`'s
("on", "at", a meeting noun: "9am Tokyo call on Friday").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

from agents.intake import clock_span
from agents.intake.timeroles import past_weekday, role_of
from agents.intake.units import _APPROX, QTY
from agents.intake.zones import (
    CITY_ZONES,
    EVENT_NOUNS,
    FIXED_OFFSETS_H,
    GENERIC_ZONES,
    zone_ok,
)

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
_MON = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
DAY_ABBR = {"Mon": 0, "Tue": 1, "Tues": 1, "Wed": 2, "Thu": 3, "Thur": 3, "Thurs": 3,
             "Fri": 4, "Sat": 5, "Sun": 6}

_ZONE_FIXED = "|".join(sorted(FIXED_OFFSETS_H, key=len, reverse=True))
_ZONE_GENERIC = "|".join(sorted((re.escape(z) for z in GENERIC_ZONES), key=len, reverse=True))
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("offset_zone", re.compile(r"\b(?:UTC|GMT)\s?(?P<sign>[+-])\s?(?P<oh>\d{1,2})"
                               r"(?::?(?P<om>\d{2}))?(?!\d)", re.IGNORECASE)),
    # an ISO 8601 offset right after a clock: "2023-06-02T18:00+02:00", "18:00 +0200"
    # ("01:00-05:00" is a window: a minus only after an ISO "T" time)
    ("offset_zone", re.compile(r"(?:(?<=T\d\d:\d\d)|(?<=T\d\d:\d\d:\d\d)|(?<=:\d\d)(?=\s?\+))"
                               r"\s?(?P<sign>[+-])(?P<oh>[01]\d):?(?P<om>[0-5]\d)(?![\d:])")),
    ("iso", re.compile(r"\b(?P<y>20\d\d)([-/])(?P<m>\d{1,2})\2(?P<d>\d{1,2})(?!\d)")),
    ("dmy", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<mon>{_MON})"
                       r"(?:,?\s+(?P<y>20\d\d))?\b", re.IGNORECASE)),
    ("mdy", re.compile(rf"\b(?P<mon>{_MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:]|\.\d)"
                       r"(?:,?\s+(?P<y>20\d\d))?\b", re.IGNORECASE)),
    ("slash", re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>20\d\d)\b")),
    # "by 15.10.", "from 9/10": day and month with no year, only right after a time word
    ("slash", re.compile(r"(?:(?<=\bby )|(?<=\bfrom )|(?<=\bto )|(?<=\buntil )|(?<=\btill )|"
                         r"(?<=\bbefore )|(?<=\bafter )|(?<=\bdeadline )|(?<=\bstarting ))"
                         r"(?P<a>[0-3]?\d)[/.](?P<b>0?[1-9]|1[0-2])(?P<y>)\.?(?=\s*(?:$|[,;)]|\.(?:\s|$)|"
                         r"\s+(?:at\s+)?\d{1,2}[:h]|\s+(?:and|to|until|till)\b|\s*-))",
                         re.IGNORECASE)),
    # "starts 6/20 9am ET", "on 14.03. at 12:00": a day and month with no year right
    # before a clock time (the larger number is the day; both small: day first)
    # (a dotted pair needs its closing dot, so "python 3.10 at 9am" stays a version)
    *[("slash", re.compile(r"(?<![\w./:-])(?P<a>[0-3]?\d)" + sep + r"(?P<b>[0-3]?\d)(?P<y>)" + end
                           + r"(?=,?\s+(?:at\s+)?\d{1,2}(?::\d\d)?\s?(?:[ap]\.?m\b|h\b|:\d))",
                           re.IGNORECASE)) for sep, end in (("/", ""), (r"\.", r"\."))],
    ("dom", re.compile(r"\bthe\s+(?P<d>[12]?\d|3[01])(?:st|nd|rd|th)\b(?!\s+of\b)", re.IGNORECASE)),
    ("clock", re.compile(r"(?:\b|T)(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::[0-5]\d)?"
                         r"(?:\s?(?P<ap>[ap]\.?m\.?)(?![a-z]))?(?P<z>Z\b)?", re.IGNORECASE)),
    ("clock", re.compile(r"\b(?P<h>1[0-2]|0?\d)\s?(?P<ap>[ap]\.?m\.?)(?![a-z])", re.IGNORECASE)),
    ("named_time", re.compile(r"\b(?P<w>noon|midday|midnight|eod|end of (?:the )?day|cob|"
                              r"close of business)\b", re.IGNORECASE)),
    ("weekday", re.compile(r"\b(?P<w>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                           r"\b", re.IGNORECASE)),
    ("weekday", re.compile(r"\b(?P<w>Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\b\.?")),
    # "sat 10am to mon 10am PT": a lower-case abbreviation only right before a clock time
    ("weekday", re.compile(r"\b(?P<w>(?i:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun))\b\.?"
                           r"(?=,?\s+(?:at\s+)?\d{1,2}(?::\d\d)?\s?(?:[ap]\.?m\b|h\b|:))")),
    # "tonight's run", "today's batch": the job's name; its time only if no clock is given
    ("named_run", re.compile(r"\b(?P<w>tonight|today)'s\b", re.IGNORECASE)),
    ("relday", re.compile(r"\b(?P<w>day after tomorrow|tomorrow|tmrw|tmr|today|tonight|"
                          r"yesterday(?=\s+(?:at\s+)?(?:\d|noon|midnight|eod))|"
                          # "deadline yesterday", "was due yesterday": a past deadline (asked)
                          r"(?:(?<=deadline )|(?<=deadline was )|(?<=due )|(?<=deadline: ))"
                          r"yesterday)\b",
                          re.IGNORECASE)),
    # "after the long weekend", "before the Thanksgiving weekend": the coming weekend
    ("weekend", re.compile(r"\b(?P<w>after|before|by|until|till)\s+the\s+(?:(?:long|holiday|"
                           r"bank[- ]holiday|thanksgiving|easter|memorial day|labou?r day)\s+)?"
                           r"weekend\b",
                           re.IGNORECASE)),
    ("period_end", re.compile(r"\bend of (?:the |this |(?P<next>next) )?(?P<w>month|year|week)\b",
                              re.IGNORECASE)),
    # "within a day and a half", "next 48h" (a deadline; "for the next 48h" is a run length)
    ("offset", re.compile(rf"(?:\b(?P<pre>within|in|over(?=\s+the\s+next))(?:\s+the\s+next)?|"
                          # bare "next": not "for / over / during / the next 3 days" (a run)
                          r"(?<!for )(?<!over )(?<!during )(?<!every )(?<!the )\bnext)\s+"
                          rf"(?:{_APPROX}\s+)?"
                          rf"(?P<n>{QTY})\s?(?P<u>minutes?|mins?|hours?|hrs?|h|days?|weeks?|wks?|"
                          r"months?)\b(?P<half>\s+and\s+a\s+half)?"
                          # "within 36 hours of this message": now + 36 h (s12)
                          r"(?!\s+of\b(?!\s+(?:now|(?:this|my|the)\s+(?:message|e-?mail|mail|"
                          r"request|note|ticket|post))\b))",
                          re.IGNORECASE)),
    # "to 06:00 the next day": the day after the other end's date
    ("nextday", re.compile(r"\b(?:the\s+)?(?:next|following)\s+(?:day|morning)\b",
                           re.IGNORECASE)),
    ("zone", re.compile(rf"(?<![\w-])(?P<w>{_ZONE_GENERIC})\b(?!-)", re.IGNORECASE)),
    # ASCII edges: "KST까지", "9時JST" (a CJK letter is a word character to `\b`)
    ("zone", re.compile(rf"(?<![A-Za-z0-9_])(?P<w>{_ZONE_FIXED})(?![A-Za-z0-9_])",
                        re.IGNORECASE)),
    *[("city_zone", pattern) for pattern in CITY_ZONES],
]
#: "Monday at 9", "lunes a las 9" (after the lexicon: "Monday at 9"): an hour with no
#: minutes is a clock only right after a date, which `components` checks; 1-7 are left
#: ("Friday at 5" may be 05:00 or 17:00: the day alone is read)
_AT_HOUR = re.compile(r"\bat\s+(?P<h>0?[89]|1\d|2[0-3])(?![\d:/%]|[.,]\d|\s*(?:x\b|[-–]|GB|TB|"
                      r"GPU|nodes?\b|cards?\b|%))(?:\s*(?:o'?clock|uhr|uur|heures?|hours?)\b)?"
                      r"(?P<ap>)",
                      re.IGNORECASE)
_GAP = re.compile(rf"^[\s,(]*(?:{EVENT_NOUNS}\s+|(?<=\s)for (?:the|my|our) )?"
                  r"(?:(?:in the |the )?(?:morning|afternoon|evening|night)[\s,]*)?"
                  # "17:00 hora de Madrid de mañana": Romance "of" joins a clock to its day
                  r"(?:(?:at|on|the|of|by|@|say|around|ideally|latest|from|de|del|di|du)\s*)?"
                  # "18:00 UTC that same Friday", "09:00 the same day"
                  r"(?:(?:that|the)\s+same\s+|that\s+|this\s+)?"  # "6 pm ET this Friday"
                  r"(?:(?:which|that)\s+is\s+)?"  # "tomorrow, which is 9:30 New York time"
                  # "tonight after 22:00", "Friday before 17:00": the role word sits inside
                  r"(?:(?:after|before|not before|no earlier than|no later than|until|till|"
                  r"starting(?: at| from)?)\s*)?"
                  r"[\s,]*$",
                  re.IGNORECASE)
OFFSET_HOURS = {"min": 1 / 60, "h": 1, "hr": 1, "hour": 1, "day": 24, "week": 168, "wk": 168,
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


def components(text: str) -> list[_Part]:
    """Every time component in `text`, in text order (overlaps: the earlier pattern wins)."""
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
    for kind, m in [("slash", m) for m in clock_span.day_months(text)] + [
            ("clock", m) for m in clock_span.loose_clocks(text)]:  # "30.11.", "08.00" (s12)
        if not any(m.start() < e and s < m.end() for s, e in taken):
            taken.append((m.start(), m.end()))
            parts.append(_Part(kind, m.start(), m.end(), m))
    clocked = any(p.kind == "clock" for p in parts)
    parts = sorted((p if p.kind != "named_run" else _Part("relday", p.start, p.end, p.match)
                    for p in parts if p.kind != "named_run" or not clocked),
                   key=lambda p: p.start)
    return _merge_weekday_dates(parts + _hours_after_dates(text, parts, taken))


def _hours_after_dates(text: str, parts: list[_Part], taken: list[tuple[int, int]]
                       ) -> list[_Part]:
    """`_AT_HOUR` clocks that follow a date component ("Friday at 9": 09:00)."""
    out = []
    for m in _AT_HOUR.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        if any(_family(p.kind) == "date" and re.fullmatch(r"[\s,]*", text[p.end:m.start()])
               for p in parts):
            out.append(_Part("clock", m.start(), m.end(), m))
    return out


def _merge_weekday_dates(parts: list[_Part]) -> list[_Part]:
    """A weekday right before the date it names ("Monday 4 September") gives way to it."""
    parts = sorted(parts, key=lambda p: p.start)
    return [p for i, p in enumerate(parts)
            if not (p.kind == "weekday" and i + 1 < len(parts)
                    and parts[i + 1].kind in ("iso", "dmy", "mdy", "slash", "dom")
                    and parts[i + 1].start - p.end <= 3)]


def group(text: str, parts: list[_Part]) -> list[TimeExpr]:
    """Adjacent components of different families joined into time expressions."""
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
    for prev, zone_only in zip(groups, groups[1:], strict=False):
        # "holnap 9:00 induljon (budapesti idő)": a bracketed zone after the time's verb
        if all(_family(p.kind) == "zone" or p.kind == "zone" for p in zone_only.parts) \
                and not any(_family(p.kind) in ("zone", "city") for p in prev.parts
                            + prev.borrowed) and _ZONE_TRAIL.match(text[prev.end:zone_only.start]):
            prev.borrowed = prev.borrowed + list(zone_only.parts)
    groups = clock_span.attach(text, groups, _family, role_of)  # "Monday kl. 08.00" (s12)
    return [g for g in groups if any(p.kind not in ("zone", "offset_zone", "city_zone")
                                     for p in g.parts)]


_ZONE_LEAD = re.compile(r"^[\s,:-]*(?:(?:time|deadline|due|cut-?off|start|end|finish|by|before"
                        r"|until|till|at|on|is|from|starting)[\s,:-]+){0,3}$", re.IGNORECASE)


#: between a time and a bracketed zone: a case ending, one word ("-kor induljon (")
_ZONE_TRAIL = re.compile(r"^(?:-[^\W\d_]+)?\s*(?:[^\W\d_]+\s*)?[(\[]\s*$")


def _family(kind: str) -> str:
    return {"iso": "date", "dmy": "date", "mdy": "date", "slash": "date", "relday": "date",
            "nextday": "nextday",
            "dom": "date", "weekday": "date", "period_end": "date", "clock": "time",
            "named_time": "time", "offset_zone": "zone", "city_zone": "city"}.get(kind, kind)
