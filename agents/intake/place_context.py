"""Place names that are not where the job may run, read from the words around them.

- an IANA time-zone name ("Europe/Amsterdam", "America/Toronto") is a clock, not a region;
- a region given as an example of a wider rule ("India only (ap-south-1 or similar)",
  "in Japan, e.g. ap-northeast-1") is not a second rule: the wider place stands.
"""

from __future__ import annotations

import re

from agents.intake.places import PlaceHits

_ZONE = re.compile(r"\b(?:Europe|America|Asia|Australia|Africa|Pacific|Atlantic|Indian|"
                   r"Antarctica|Etc)/[A-Za-z_]+(?:/[A-Za-z_]+)?(?:[+-]\d+)?")
_EXAMPLE_AFTER = re.compile(r"^\s*(?:,\s*)?(?:or (?:similar|equivalent|so|the like|whatever|"
                            r"something (?:similar|like (?:it|that)))|etc\.?|and the like|"
                            r"or nearby)\b", re.IGNORECASE)
_EXAMPLE_BEFORE = re.compile(r"(?:\be\.?g\.?,?|\bfor example,?|\bfor instance,?|\bsuch as|"
                             r"\bsomething like|\bsay,?)\s*$", re.IGNORECASE)


def zone_names(text: str) -> list[tuple[int, int]]:
    """Spans of IANA time-zone names, to mask before places are read."""
    return [(m.start(), m.end()) for m in _ZONE.finditer(text)]


def drop_examples(text: str, places: PlaceHits) -> PlaceHits:
    """`places` without regions named only as examples of another stated place."""
    examples = [h for h in places.regions
                if _EXAMPLE_AFTER.match(text[h.end:h.end + 40])
                or _EXAMPLE_BEFORE.search(text[max(0, h.start - 20):h.start])]
    if examples and len(examples) < len(places.regions):
        places.regions = [h for h in places.regions if h not in examples]
    return places
