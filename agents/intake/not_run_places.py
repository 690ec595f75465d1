"""Places that name a clock, a language or a speaker, not where a job runs (issue 17, s13).

- A clock named by a place in another language: "waktu Malaysia", "Budapest idő",
  "Zürcher Ziit", "Johannesburg-tyd": a place next to one of `clock_nouns` (the time
  nouns `place_clocks` reads too).
- A language named after a country: "Bahasa Malaysia", "Bahasa Indonesia".
- A greeting from the writer's institution: "Hi from the Universidad de Chile".
- A chat speaker's place: "[13:40] jin (Seoul): ..." says where a person sits.
- A place right before the writer's organisation at the start of a line or sentence:
  "Myanmar NGO: caption ...", "Swedish-US collaboration".
"""

from __future__ import annotations

import re
from functools import lru_cache

from agents.intake.clock_nouns import clock_nouns, plain


@lru_cache(maxsize=1)
def _time_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(nouns before a place, nouns after it) that make it a clock, for unaccented text."""
    return (re.compile(rf"(?<!\w)(?:{clock_nouns('before')})\s+$", re.IGNORECASE),
            re.compile(rf"^(?:\s*\)?)?[\s-]?(?:{clock_nouns('after')})(?!\w)", re.IGNORECASE))


#: a greeting from the writer's institution: "Hi from the Universidad de Chile", "greetings
#: from the University of Ghana" (`place_writer` reads "Hello from Lagos")
_GREETING_FROM = re.compile(r"\b(?:hello|hi|hey|greetings|regards|cheers|quick\s+(?:one|note|"
                            r"question))\s+from\s+(?:the\s+)?(?-i:(?:[A-Z][\w-]*\s+(?:(?:de|"
                            r"of|do|di|da|del|la)\s+)?){0,3})$", re.IGNORECASE)
_LANGUAGE_BEFORE = re.compile(r"\bbahasa\s+$", re.IGNORECASE)
#: "[13:40] jin (Seoul):", "- ana (Lisbon): ok": a name, then its place in brackets, then ":"
_SPEAKER = re.compile(r"(?:^|\n)[^\n(]{0,40}\b[\w.-]+\s*\(\s*$")
_SPEAKER_AFTER = re.compile(r"^\s*\)\s*:")
_ORG = (r"(?:ngo|non-?profit|charity|collaboration|consortium|partnership|startup|start-up|"
        r"hospital|clinic|university|institute|lab|group|team|company|newsroom|agency)")
#: the start of a line or sentence, or "a" / "our" (with a hyphenated partner: "Swedish-")
_ORG_START = re.compile(r"(?:^|[\n.!?]\s*|\b(?:a|an|our|my)\s+(?:[\w]+-)?)$", re.IGNORECASE)
_ORG_NEXT = re.compile(rf"^(?:-based|\s+based)?\s+(?:[\w-]+\s+)?{_ORG}s?\b(?!\s+(?:in|at)\b)",
                       re.IGNORECASE)


def names_no_run_place(text: str, start: int, end: int) -> bool:
    """Whether the place at `text[start:end]` names a clock, a language or who writes."""
    before_re, after_re = _time_words()
    before = text[max(0, start - 40):start]
    return bool(before_re.search(plain(before)) or after_re.match(plain(text[end:end + 20]))
                or _LANGUAGE_BEFORE.search(before) or _GREETING_FROM.search(before)
                or (_SPEAKER.search(text[max(0, start - 60):start])
                    and _SPEAKER_AFTER.match(text[end:end + 5]))
                or (_ORG_START.search(text[max(0, start - 20):start])
                    and _ORG_NEXT.match(text[end:end + 40])))
