"""Second looks at the places `places.find_places` read (issue 17, session 11).

- A place restated by the cloud region in it: "Mumbai region (ap-south-1)", "India only
  (ap-south-1)", "eu-central-1 (Frankfurt)". The user names one place twice, and the label is
  the narrower, the cloud region (README "Regions": cloud regions as the provider spells them);
  keeping both would allow all of India.
- "IT" in upper case is Italy only where a place is expected ("in IT", "IT only", "DE, IT");
  in a signature or a department ("K. Bauer, IT, Klinikum", "IT team") it is no place.
- "only in Poland or Czech": an adjective listed right after an allowed country is a country.
A cloud region id with a letter wrong ("us-centrel1") is not fixed here: it is asked about
with the close ids (`unresolved`), as `test_intake_unseen` and the older sets want.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from agents.intake.places import (
    _CLOUD_PROVIDERS,
    COUNTRIES,
    DEMONYMS,
    REGIONS_CSV,
    PlaceHits,
)
from agents.intake.text import Hit


@lru_cache(maxsize=1)
def _region_places() -> dict[str, frozenset[str]]:
    """Cloud region id (lower case) -> the country and area it lies in ("DE", "EU")."""
    out: dict[str, set[str]] = {}
    with open(REGIONS_CSV, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["provider"] in _CLOUD_PROVIDERS:
                out.setdefault(row["region"].lower(), set()).update(
                    v for v in (row["country"], row["area"]) if v)
    return {k: frozenset(v) for k, v in out.items()}


#: what may stand between a place and the cloud region restating it
_RESTATE_GAP = re.compile(r"^\s*(?:region\s*|only\s*|-only\s*)?(?:\(|,\s*(?:i\.\s?e\.|aka|that is)"
                          r",?)\s*$|^\s*\(\s*$", re.IGNORECASE)


def _restated(text: str, places: PlaceHits) -> set[int]:
    """Starts of place hits that a cloud region right beside them restates."""
    inside = _region_places()
    hits = sorted(places.regions, key=lambda h: h.start)
    drop: set[int] = set()
    for a, b in zip(hits, hits[1:], strict=False):
        for wide, cloud, gap in ((a, b, text[a.end:b.start]), (b, a, text[a.end:b.start])):
            if str(cloud.value).lower() in inside and str(wide.value).upper() in inside[
                    str(cloud.value).lower()] and _RESTATE_GAP.match(gap):
                drop.add(wide.start)
    return drop


_IT_PLACE_BEFORE = re.compile(r"(?:\b(?:in|to|or|and|only|nur|en|within)\s+(?:the\s+)?|[/(]\s*|"
                              r"\b[A-Z]{2}\s*,\s*)$")
_IT_PLACE_AFTER = re.compile(r"^(?:\s*only\b|-only|-based|\s+regions?\b|\s*(?:,|or|and|/)\s*"
                             r"[A-Z]{2}\b)")


def _department_it(text: str, places: PlaceHits) -> set[int]:
    return {h.start for h in places.regions
            if text[h.start:h.end] == "IT"
            and not _IT_PLACE_BEFORE.search(text[max(0, h.start - 12):h.start])
            and not _IT_PLACE_AFTER.match(text[h.end:h.end + 12])}


#: "only in Poland or Czech": an adjective listed right after a country names a country
_LISTED_ADJ = re.compile(r"(?<![\w-])(?P<c>" + "|".join(sorted(COUNTRIES, key=len, reverse=True))
                         + r")\s+(?:or|and)\s+(?P<a>" + "|".join(DEMONYMS)
                         + r")(?=\s*(?:[.,;)!?]|$))", re.IGNORECASE)


def _listed_adjectives(text: str, places: PlaceHits) -> list[Hit]:
    allowed = {h.start for h in places.regions}
    return [Hit(DEMONYMS[m.group("a").lower()], m.start("a"), m.end("a"), "region")
            for m in _LISTED_ADJ.finditer(text) if m.start("c") in allowed]


def refine_places(text: str, places: PlaceHits) -> PlaceHits:
    """`places` refined: restated places and "IT" the department out, listed adjectives in.

    An adjective listed right after an allowed country ("Poland or Czech") is added.
    """
    drop = _restated(text, places) | _department_it(text, places)
    places.regions = [h for h in places.regions if h.start not in drop]
    places.regions += [h for h in _listed_adjectives(text, places)
                       if all(h.value != r.value for r in places.regions)]
    return places
