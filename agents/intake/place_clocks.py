"""A place's clock named with an inflected place word and a time noun (issue 17, s13).

Many languages name a zone as "<place adjective or genitive> <time noun>" ("po beogradskom
vremenu", "bratislavského času", "Vilniaus laiku", "budapesti idő szerint", "Suomen aikaa",
"Zürcher Ziit", "Johannesburg-tyd") or "<time noun> <place>" ("ora României", "waktu
Malaysia"); the time nouns are `clock_nouns`'. The place word is the city's or country's
name with a case or adjective ending, so it is matched by its stem (the name less a final
vowel or "-us") rather than listed in every inflection; `lexicon.rewrite` then sees
"Belgrade time", which `timeparse` reads by the place's daylight-saving rules (README
"Time"). A country with one zone stands for its capital's clock ("Malaysia time" -> Kuala
Lumpur).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from agents.intake.clock_nouns import clock_nouns, plain
from agents.intake.zones import GENERIC_ZONES, zone_cities

#: English city `GENERIC_ZONES` knows -> its local names and adjectives, and the one-zone
#: countries (English and local names) whose clock is that city's, "|"-separated
_ENDONYM_TABLE = (
    "belgrade=beograd|srpsk|serbia|srbija;bucharest=bucuresti|romania|roman;"
    "prague=praha|prazsky|czechia|cesko|cesky;zurich=zurcher|zuri|switzerland|schweiz|schwiiz;"
    "copenhagen=kobenhavn|kobenhavnsk|denmark|danmark|dansk;warsaw=varsav|poland|polska;"
    "lisbon=lisabon|portugal;vienna=beci|bec|austria|osterreich;"
    "kuala lumpur=kl|malaysia;yangon=myanmar|burma;phoenix=arizona;"
    "helsinki=finland|suomi;budapest=hungary|magyar;zagreb=croatia|hrvatska;"
    "bratislava=slovakia|slovensko|slovensky;vilnius=lithuania|lietuva;"
    "stockholm=sweden|sverige|svensk;oslo=norway|norge|norsk;"
    "dhaka=bangladesh|ঢাকা|ঢাকার|ڈھاکہ;karachi=pakistan|کراچی|لاہور;lagos=nigeria;"
    "addis ababa=ethiopia;johannesburg=south africa|suid-afrika;sofia=bulgaria;"
    "tallinn=estonia|eesti;riga=latvia|latvija;nairobi=kenya;cairo=egypt;istanbul=turkey;"
    "jerusalem=israel;athens=greece;kyiv=ukraine;dublin=ireland;"
    # s16: New York's and Cologne's clocks in a Slavic adjective or a Greek genitive
    "new york=newyork|newyorsk|njujorsk|nowojorsk|νέας υόρκης|νεας υορκης;"
    "berlin=köln|koln|kolín|kolonia|kolonii|κολωνίας|κολωνιας|münchen|mnichov|frankfurt"
)
_ENDONYMS = {name: city for cell in _ENDONYM_TABLE.split(";")
             for city, _, names in [cell.partition("=")] for name in names.split("|")}
#: a place of one or two words; a hyphen may join it to the noun ("Johannesburg-tyd")
_LETTER = r"(?:[^\W\d_]|[\u0980-\u09FF])"  # Bengali vowel signs are no `\w`
_TAIL = r"(?:[\w']|[\u0980-\u09FF])*"
_PLACE = rf"(?P<p>(?:{_LETTER}(?:[\w'-]|[\u0980-\u09FF])*[ \t]+)?{_LETTER}{_TAIL})"


def _stem(name: str) -> str:
    """A name less its ending: "vilnius" -> "vilni", "bratislava" -> "bratislav"."""
    name = name.removesuffix("us") if len(name) > 6 else name
    return name.rstrip("aeiouy")


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Folded place name -> the English city, tz-database cities and the endonyms."""
    out = {plain(c): c for c in zone_cities(8, ascii_only=False)}
    out.update({plain(k): v for k, v in _ENDONYMS.items()})
    return out


def place_city(word: str, english: bool = False) -> str | None:
    """The English city whose clock an inflected place word names, or None.

    Args:
        word: the place word(s) as written ("beogradskom", "Suomen", "Lord Howe").
        english: the noun was English "time": English does not inflect place names, so
            only a whole name counts (and "Chicago time" is left to `timeparse`).
    """
    low = plain(word)
    names = _names()
    if low in names:
        return names[low]
    if english:
        return None
    best = ""
    for name in names:
        stem = _stem(name)
        if len(stem) >= 4 and low.startswith(stem) and len(low) - len(stem) <= 7 \
                and len(stem) > len(best):
            best = name
    return names[best] if best else None


def _as_time(city: str) -> str:
    return f" {city.title()} time "


def _after(m: re.Match[str]) -> str:
    """"beogradskom vremenu" -> " Belgrade time "; a name `timeparse` reads is kept."""
    whole, place, noun = m.group(0), m.group("p"), m.group("n")
    english = noun.lower() == "time"
    words = place.split()
    tries = [("", place)] + ([(place[:place.rfind(words[-1])], words[-1])] if len(words) > 1
                             else [])
    for lead, word in tries:
        city = place_city(word, english)
        if city is not None:
            if english and city + " time" in GENERIC_ZONES and plain(word) == city:
                return whole  # already a name `timeparse` reads
            return lead + _as_time(city)
    return whole


def _before(m: re.Match[str]) -> str:
    """"ora României" -> " Bucharest time "; a word after the place is kept."""
    place = m.group("p")
    words = place.split()
    tries = [(place, "")] + ([(words[0], place[len(words[0]):])] if len(words) > 1 else [])
    for word, tail in tries:
        city = place_city(word)
        if city is not None:
            return _as_time(city) + tail.lstrip()
    return m.group(0)


PLACE_CLOCK_PHRASES: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    (rf"(?:(?:po|za|v|ve|pagal)\s+)?{_PLACE}(?:-|\s+)(?P<n>{clock_nouns('after')})", _after),
    (rf"(?:{clock_nouns('before')})\s+{_PLACE}", _before),
]
