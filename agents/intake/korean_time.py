"""Korean time words and counters, for `korean_words.korean_rewrite` (issue 17, session 11).

Korean marks a time's role with a postposition written against it, after the time:
"금요일까지" (by Friday), "월요일 오전 9시 KST까지" (by Monday 09:00 KST), "내일부터" (from
tomorrow), "22시 이후" (after 22:00). The English extractors read the role from the words
*before* a time, so the cue moves in front of the clause piece it closes, as
`asian_languages` does for Japanese "までに". Run lengths ("2주 안에": within 2 weeks,
"3일 동안": for 3 days), month-day dates ("9월 4일": 4 September) and card counters
("H100 8장", "A100 4대") are written in the English the unit and hardware extractors know.
Hangul carries its particles without a space, so nothing here uses word boundaries.
"""

from __future__ import annotations

import calendar
import re

_UNITS = {"주": "weeks", "주일": "weeks", "일": "days", "시간": "hours", "분": "minutes",
          "개월": "months", "달": "months"}
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_N = r"(?P<n>\d+(?:\.\d+)?)\s*"
#: the clause piece a postposition closes: from the last clause break, at most 30 characters
#: (the colon of a clock time, "18:00", is no break)
_PIECE = r"(?:(?<=[\s,.;()])|(?<=\D:)|^)(?P<t>[^,.;:()\s](?:[^,.;:()]|(?<=\d):(?=\d)){0,30}?)"

_TABLE: list[tuple[str, str]] = [
    # "9월 4일" (4 September): before any "일" is read as days
    (r"(?P<m>1[0-2]|0?[1-9])\s*월\s*(?P<d>[0-3]?\d)\s*일", "date"),
    # "2주 안에 / 이내 / 내에" (within 2 weeks): a deadline counted from now
    (_N + rf"(?P<u>{_UNIT})\s*(?:안에|안으로|이내(?:에|로)?|내에|내로)", "within"),
    # "3일 동안", "2주간" (for 3 days, for 2 weeks): a run length
    (_N + rf"(?P<u>{_UNIT})\s*(?:동안|간)", "for"),
    # "48시간", "2주", "3개월" alone: the amount ("일" alone may be a day of the month)
    (_N + r"(?P<u>시간|주일|주|개월)(?![가-힣])", "amount"),
    # card and machine counters after a number: "H100 8장", "A100 4대", "GPU 2개"
    (_N + r"(?:장|대|개)(?![가-힣])", "cards"),
    # postposed roles: "<time>까지" (by), "<time>부터" (from), "<time> 이후" (after)
    (_PIECE + r"\s*까지(?:는|에|만)?", "by"),
    (_PIECE + r"\s*부터(?:는)?", "from"),
    (_PIECE + r"\s*이후(?:에|로)?", "after"),
]
_RULES = [(re.compile(p), how) for p, how in _TABLE]
#: a clause piece that holds a time: a digit, a Hangul weekday or day word, or a zone
_TIMED = re.compile(r"\d|[월화수목금토일]요일|내일|오늘|모레|다음\s*주|이번\s*주|주말|[A-Z]{2,4}\b")


def _one(how: str, m: re.Match[str]) -> str:
    if how == "date":
        return f" {int(m.group('d'))} {calendar.month_name[int(m.group('m'))]} "
    if how in ("within", "for", "amount"):
        amount = f"{m.group('n')} {_UNITS[m.group('u')]}"
        return f" {how} {amount} " if how != "amount" else f" {amount} "
    if how == "cards":
        return f" {m.group('n')} x "
    piece = m.group("t")
    if not _TIMED.search(piece):  # "서울까지" (as far as Seoul): no time, left as it is
        return m.group(0)
    return f" {how} {piece} "


def korean_time_rewrite(text: str) -> tuple[str, list[tuple[str, str]]]:
    """`text` with Korean time postpositions, run lengths and counters in English."""
    changes: list[tuple[str, str]] = []
    for pattern, how in _RULES:
        def sub(m: re.Match[str], how: str = how) -> str:
            new = _one(how, m)
            if new != m.group(0):
                changes.append((m.group(0), new.strip()))
            return new
        text = pattern.sub(sub, text)
    return text, changes
