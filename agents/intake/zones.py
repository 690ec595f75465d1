"""Time zones the intake parser understands (README "Time").

Fixed abbreviations are used literally (CET is always UTC+1); generic names follow the
place's daylight-saving rules on the date in question, through `zoneinfo`.
"""

from __future__ import annotations

import re
from datetime import timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from agents.intake.alternation import longest_first
from agents.intake.world_cities import WORLD_CITIES

FIXED_OFFSETS_H: dict[str, float] = {
    "UTC": 0, "GMT": 0, "Z": 0, "CET": 1, "MEZ": 1, "CEST": 2, "MESZ": 2, "BST": 1,
    "WET": 0, "WEST": 1, "EET": 2, "EEST": 3, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
    "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "JST": 9, "KST": 9, "IST": 5.5, "SGT": 8,
    "HKT": 8, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
    # Indonesia (WIB/WITA/WIT), Indochina, Philippines, Moscow, East/West Africa, Brazil
    "WIB": 7, "WITA": 8, "WIT": 9, "ICT": 7, "PHT": 8, "MSK": 3, "EAT": 3, "WAT": 1,
    "BRT": -3, "PKT": 5, "MYT": 8,
    # Australia's other zones, Alaska, Hawaii, South Africa (s11)
    "AWST": 8, "ACST": 9.5, "ACDT": 10.5, "AKST": -9, "AKDT": -8, "HST": -10, "SAST": 2,
}
GENERIC_ZONES: dict[str, str] = {
    "pt": "America/Los_Angeles", "pacific": "America/Los_Angeles",
    "pacific time": "America/Los_Angeles", "california time": "America/Los_Angeles",
    "et": "America/New_York", "eastern": "America/New_York", "eastern time": "America/New_York",
    "new york time": "America/New_York", "ct": "America/Chicago",
    "central time": "America/Chicago", "mountain time": "America/Denver",
    "berlin time": "Europe/Berlin", "german time": "Europe/Berlin",
    "frankfurt time": "Europe/Berlin", "paris time": "Europe/Paris",
    "amsterdam time": "Europe/Amsterdam", "london time": "Europe/London",
    "uk time": "Europe/London", "dublin time": "Europe/Dublin",
    "sydney time": "Australia/Sydney", "tokyo time": "Asia/Tokyo",
    "singapore time": "Asia/Singapore", "india time": "Asia/Kolkata",
    "stockholm time": "Europe/Stockholm", "oslo time": "Europe/Oslo",
    "madrid time": "Europe/Madrid", "zurich time": "Europe/Zurich",
    # zones named in words or as a generic abbreviation (s11): each follows its place's
    # daylight-saving rules on the date, like "Berlin time"
    "aet": "Australia/Sydney", "australian eastern time": "Australia/Sydney",
    "central european time": "Europe/Berlin", "eastern european time": "Europe/Helsinki",
    "western european time": "Europe/Lisbon", "new zealand time": "Pacific/Auckland",
    "nzt": "Pacific/Auckland", "japan time": "Asia/Tokyo", "korea time": "Asia/Seoul",
    "china time": "Asia/Shanghai", "hawaii time": "Pacific/Honolulu",
    "alaska time": "America/Anchorage", "atlantic time": "America/Halifax",
    "india standard time": "Asia/Kolkata",
}
#: Cities people name for a zone ("9am Mumbai time"), beyond the tz database's own city
#: names (every `Area/City` id also counts: "Chicago time", "Seoul time").
CITY_ALIASES: dict[str, str] = {
    "mumbai": "Asia/Kolkata", "bombay": "Asia/Kolkata", "bangalore": "Asia/Kolkata",
    "bengaluru": "Asia/Kolkata", "delhi": "Asia/Kolkata", "new delhi": "Asia/Kolkata",
    "chennai": "Asia/Kolkata", "hyderabad": "Asia/Kolkata", "pune": "Asia/Kolkata",
    "beijing": "Asia/Shanghai", "shenzhen": "Asia/Shanghai", "hangzhou": "Asia/Shanghai",
    "san francisco": "America/Los_Angeles", "seattle": "America/Los_Angeles",
    "silicon valley": "America/Los_Angeles", "bay area": "America/Los_Angeles",
    "portland": "America/Los_Angeles", "san diego": "America/Los_Angeles",
    "boston": "America/New_York", "washington": "America/New_York", "miami": "America/New_York",
    "atlanta": "America/New_York", "philadelphia": "America/New_York",
    "austin": "America/Chicago", "dallas": "America/Chicago", "houston": "America/Chicago",
    "munich": "Europe/Berlin", "hamburg": "Europe/Berlin", "frankfurt": "Europe/Berlin",
    "cologne": "Europe/Berlin", "barcelona": "Europe/Madrid", "milan": "Europe/Rome",
    "geneva": "Europe/Zurich", "osaka": "Asia/Tokyo", "kyoto": "Asia/Tokyo",
    "tel aviv": "Asia/Jerusalem", "sao paulo": "America/Sao_Paulo",
    "são paulo": "America/Sao_Paulo", "montreal": "America/Toronto",
    "ottawa": "America/Toronto", "brisbane": "Australia/Brisbane", "canberra": "Australia/Sydney",
    "abu dhabi": "Asia/Dubai", "hong kong": "Asia/Hong_Kong", "saigon": "Asia/Ho_Chi_Minh",
    "ho chi minh city": "Asia/Ho_Chi_Minh",
    # s12: "St. John's time", "hora de SP" (São Paulo)
    "st. john's": "America/St_Johns", "st john's": "America/St_Johns", "sp": "America/Sao_Paulo",
    # the names in other languages ("ora di Roma", "hora de Londres", "Münchner Zeit")
    "roma": "Europe/Rome", "londres": "Europe/London", "londra": "Europe/London",
    "lisboa": "Europe/Lisbon", "lisbonne": "Europe/Lisbon", "bruxelles": "Europe/Brussels",
    "bruselas": "Europe/Brussels", "brüssel": "Europe/Brussels", "milano": "Europe/Rome",
    "mailand": "Europe/Rome", "wien": "Europe/Vienna", "viena": "Europe/Vienna",
    "vienne": "Europe/Vienna", "varsovia": "Europe/Warsaw", "warszawa": "Europe/Warsaw",
    "warschau": "Europe/Warsaw", "varsovie": "Europe/Warsaw", "praga": "Europe/Prague",
    "prag": "Europe/Prague", "múnich": "Europe/Berlin", "munique": "Europe/Berlin",
    "münchen": "Europe/Berlin", "münchner": "Europe/Berlin", "brasília": "America/Sao_Paulo",
    "brasilia": "America/Sao_Paulo", "tokio": "Asia/Tokyo", "pékin": "Asia/Shanghai",
    "pekín": "Asia/Shanghai", "moscou": "Europe/Moscow", "moskau": "Europe/Moscow",
    "ginebra": "Europe/Zurich", "genf": "Europe/Zurich", "genève": "Europe/Zurich",
    "ginevra": "Europe/Zurich", "zürich": "Europe/Zurich", "zurigo": "Europe/Zurich",
    "köln": "Europe/Berlin", "kopenhagen": "Europe/Copenhagen", "copenhague": "Europe/Copenhagen",
    "københavn": "Europe/Copenhagen", "estocolmo": "Europe/Stockholm",
    "stockholm": "Europe/Stockholm", "amsterdão": "Europe/Amsterdam", "berlín": "Europe/Berlin",
    "parís": "Europe/Paris", "parigi": "Europe/Paris", "atenas": "Europe/Athens",
    "dublín": "Europe/Dublin", "sevilla": "Europe/Madrid", "valencia": "Europe/Madrid",
    "lyon": "Europe/Paris", "marseille": "Europe/Paris", "toulouse": "Europe/Paris",
    "göteborg": "Europe/Stockholm", "kraków": "Europe/Warsaw", "krakow": "Europe/Warsaw",
    "porto": "Europe/Lisbon", "rio de janeiro": "America/Sao_Paulo",
    "ciudad de méxico": "America/Mexico_City", "méxico": "America/Mexico_City",
    "cidade do méxico": "America/Mexico_City", "nueva york": "America/New_York",
    "nova york": "America/New_York", "nova iorque": "America/New_York",
    "new york": "America/New_York", "los ángeles": "America/Los_Angeles",
    "fráncfort": "Europe/Berlin", "francoforte": "Europe/Berlin", "tóquio": "Asia/Tokyo",
}


def _city_zones() -> dict[str, str]:
    from zoneinfo import available_timezones

    out: dict[str, str] = {}
    for name in sorted(available_timezones()):
        area, _, city = name.rpartition("/")
        if area.split("/")[0] in ("America", "Europe", "Asia", "Australia", "Africa", "Pacific",
                                  "Atlantic", "Indian") and city:
            out[city.replace("_", " ").lower() + " time"] = name
    out.update({city + " time": zone for city, (zone, _) in WORLD_CITIES.items()})
    out.update({city + " time": zone for city, zone in CITY_ALIASES.items()})
    return out


GENERIC_ZONES = _city_zones() | GENERIC_ZONES

#: Meetings a deadline is pinned to: "before my 9am Tokyo call", "the standup in London"
EVENT_NOUNS = (r"(?:call|meeting|stand-?up|sync|demo|review|presentation|briefing|all-hands|"
               r"kick-?off|check-?in|board meeting|catch-?up)")
#: Zone cities that are also holidays or first names ("the Christmas review", "Victoria")
_NOT_MEETING_CITIES = {"christmas", "easter", "wake", "regina", "victoria", "midway", "eucla",
                       "troll", "casey", "chatham", "marengo", "monticello", "beulah", "center"}


def zone_cities(min_chars: int, one_word: bool = False, ascii_only: bool = False,
                skip: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The cities `GENERIC_ZONES` knows as "<city> time", lower case, longest first.

    Args:
        min_chars: the shortest "<city> time" key kept (its length, " time" included).
        one_word: only names without a space.
        ascii_only: only ASCII names.
        skip: names left out (e.g. `_NOT_MEETING_CITIES`).
    """
    return longest_first(k[:-5] for k in GENERIC_ZONES
                         if k.endswith(" time") and len(k) >= min_chars and k[:-5] not in skip
                         and not (one_word and " " in k[:-5].strip())
                         and not (ascii_only and not k[:-5].isascii()))


_CITY_NAMES = "|".join(longest_first(re.escape(c.title()) for c in zone_cities(
    8, skip=_NOT_MEETING_CITIES)))
#: A city named with a meeting gives the zone of the meeting's clock time (written
#: capitalised: "Tokyo call", "call in Tokyo"); the city is then no place to run in.
CITY_ZONES = (
    re.compile(rf"(?<![\w-])(?P<w>{_CITY_NAMES})(?=\s+(?:team\s+|office\s+)?{EVENT_NOUNS}\b)"),
    re.compile(rf"(?i:\b{EVENT_NOUNS})\s+(?:in|with)\s+(?:the\s+)?(?P<w>{_CITY_NAMES})(?![\w-])"),
)


def city_zone(word: str) -> tzinfo:
    """The zone of a city named with a meeting ("Tokyo" -> Asia/Tokyo)."""
    return ZoneInfo(GENERIC_ZONES[word.lower() + " time"])


#: Abbreviations also accepted in lower case (the rest must be upper case: "west", "et").
_LOWER_OK = {"utc", "gmt", "cet", "cest", "pst", "pdt", "edt", "jst", "bst", "aest", "aedt",
             "sgt", "mesz"}


def zone_ok(word: str, text: str, pos: int) -> bool:
    """Whether a zone word at `pos` really names a zone.

    "Pacific" in "Asia-Pacific" does not; "west" and "et" count only in upper case.
    """
    low = word.lower()
    if low in GENERIC_ZONES and " " in low:
        return True
    if low in ("eastern", "pacific"):
        # "by 9:00 eastern": right after a clock time, lower case names the zone too (s12)
        after_clock = re.search(r"\d(?::\d\d)?\s?(?:[ap]\.?m\.?)?\s+$",
                                text[max(0, pos - 12):pos], re.IGNORECASE)
        return (word[0].isupper() or bool(after_clock)) and not re.search(
            r"asia[- ]?$", text[max(0, pos - 6):pos], re.IGNORECASE)
    if word.upper() in FIXED_OFFSETS_H or low in GENERIC_ZONES:
        return word.isupper() or low in _LOWER_OK
    return False


def zone_for(word: str) -> tzinfo:
    """The tzinfo of a zone word: a `ZoneInfo` for generic names, a fixed offset otherwise."""
    if word.lower() in GENERIC_ZONES:
        return ZoneInfo(GENERIC_ZONES[word.lower()])
    return timezone(timedelta(hours=FIXED_OFFSETS_H[word.upper()]))
