"""Cities a request may name as where a job runs, and the country each is in (issue 11.1).

"Frankfurt or Amsterdam" is a place constraint: read as the cities' countries, never
dropped (an order without it could go anywhere). The list is `world_cities` (the major
cities of every continent and the data-centre towns); a city is read as a place only where a
place is expected ("in Frankfurt", ", Frankfurt or Amsterdam"), never as a time zone
("09:00 Berlin", "Tokyo time") or an adjective ("our Berlin team").
"""

from __future__ import annotations

import re

from agents.intake.world_cities import WORLD_CITIES, ZONE_ONLY
from agents.intake.zones import EVENT_NOUNS

#: city (lower case) -> country: the world's major cities (`world_cities`), short forms
#: that only name a zone ("LA", "NYC") left out.
CITIES: dict[str, str] = {city: country for city, (_, country) in WORLD_CITIES.items()
                          if city not in ZONE_ONLY}

CITY_PATTERN = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(c.title()) for c in sorted(CITIES, key=len, reverse=True))
    + r")(?![\w-])")
#: Just before a city that is a place: a location preposition, or a list of places.
_PLACE_BEFORE = re.compile(r"(?:\b(?:in|at|near|around|within|to|from|or|and|nur|en|à|a|"
                           r"em|w|i|ve|di)\s+(?:the\s+)?|[,/(]\s*)$", re.IGNORECASE)
#: Just after a city read as a clock's zone or an adjective, not a place.
_NOT_PLACE_AFTER = re.compile(r"\s*(?:time|local|standard|daylight|zeit|tid|tijd|heure|hora|"
                              r"ora|office|team|based\s+team|colleagues|marathon|meetup|conference|summit|event|"
                              r"workshop|hackathon|demo|launch|customers?|users?)\b",
                              re.IGNORECASE)
_CLOCK_BEFORE = re.compile(r"(?:\d\s?(?:am|pm|a\.m\.|p\.m\.|h|uhr)|\d:\d\d|\bnoon|\bmidnight)"
                           r"\s*(?:in\s+)?$", re.IGNORECASE)


#: "the standup in Tokyo", "a call with London": where a meeting is, not where to run
_EVENT_BEFORE = re.compile(rf"\b{EVENT_NOUNS}\s+(?:in|with)\s+(?:the\s+)?$", re.IGNORECASE)
#: "the trade show in Las Vegas", "our booth at the Berlin expo": where an event is held
_VENUE_BEFORE = re.compile(r"\b(?:(?:trade\s+)?shows?|expos?|exhibitions?|conferences?|"
                           r"conventions?|summits?|booths?|fairs?|festivals?|meet-?ups?|"
                           r"off-?sites?|keynotes?|hackathons?|workshops?|tournaments?|"
                           r"concerts?|events?)\s+(?:(?:being\s+)?held\s+)?(?:in|at)\s+"
                           r"(?:the\s+)?$", re.IGNORECASE)
_EVENT_AFTER = re.compile(rf"\s+(?:team\s+|office\s+)?{EVENT_NOUNS}\b", re.IGNORECASE)


_REGION_AFTER = re.compile(r"\s+(?:cloud\s+)?(?:regions?|data\s?cent(?:er|re)s?|dcs?|"
                           r"availability zones?)\b|\s*(?:-\s*)?only\b", re.IGNORECASE)


def city_is_place(text: str, start: int, end: int) -> bool:
    """Whether the city at `text[start:end]` says where to run (not a zone or an adjective)."""
    before = text[max(0, start - 16):start]
    if _REGION_AFTER.match(text[end:end + 24]):
        return True  # "Tokyo region only", "a Frankfurt data centre"
    return bool(_PLACE_BEFORE.search(before)) and not _CLOCK_BEFORE.search(before) \
        and not _NOT_PLACE_AFTER.match(text[end:end + 16]) \
        and not _EVENT_BEFORE.search(text[max(0, start - 30):start]) \
        and not _VENUE_BEFORE.search(text[max(0, start - 40):start]) \
        and not _EVENT_AFTER.match(text[end:end + 24])
