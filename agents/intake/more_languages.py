"""Words and phrases of Swedish, Danish, Norwegian, Polish and Finnish, for `lexicon.rewrite`.

Job verbs, run-time units, "only", weekdays, countries and the locative forms of country
names ("i Sverige", "w Polsce", "we Francji", "Suomessa"), read as the English the
extractors know. Kept apart from `lexicon` so that each module stays small.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: Single words (lower case) -> English.
MORE_WORDS: dict[str, str] = {
    # Swedish, Danish, Norwegian
    "träna": "train", "träning": "training", "trene": "train",
    "træne": "train", "træn": "train", "finjustera": "fine-tune",
    "finjustere": "fine-tune", "finjuster": "fine-tune", "finjustering": "fine-tuning",
    "utvärdera": "evaluate", "utvärdering": "evaluation", "evaluere": "evaluate",
    "evaluer": "evaluate", "driftsätt": "deploy", "driftsätta": "deploy", "servera": "serve",
    "betjäna": "serve", "transkribera": "transcribe", "transkribere": "transcribe",
    "timmar": "hours", "timme": "hour", "dagar": "days", "dager": "days", "dage": "days",
    "veckor": "weeks", "vecka": "week", "uker": "weeks", "uke": "week", "uger": "weeks",
    "uge": "week", "minuter": "minutes", "bara": "only", "endast": "only", "enbart": "only",
    "kun": "only", "modellen": "the model", "billigast": "cheapest", "billigst": "cheapest",
    "snabbast": "as soon as possible", "hurtigst": "as soon as possible", "senast": "by",
    "före": "before", "innan": "before", "inden": "before", "utan": "without",
    "uden": "without", "uten": "without", "måndag": "Monday", "tisdag": "Tuesday",
    "onsdag": "Wednesday", "torsdag": "Thursday", "fredag": "Friday", "lördag": "Saturday",
    "söndag": "Sunday", "mandag": "Monday", "tirsdag": "Tuesday", "lørdag": "Saturday",
    "søndag": "Sunday", "imorgon": "tomorrow", "idag": "today", "sverige": "Sweden",
    "norge": "Norway", "danmark": "Denmark", "tyskland": "Germany", "frankrike": "France",
    "frankrig": "France", "finland": "Finland", "nederländerna": "Netherlands",
    # Polish
    "trenuj": "train", "wytrenuj": "train", "wytrenować": "train", "trenować": "train",
    "trening": "training", "dostrój": "fine-tune", "dostroić": "fine-tune",
    "dostrajanie": "fine-tuning", "oceń": "evaluate", "ewaluuj": "evaluate",
    "ewaluacja": "evaluation", "serwuj": "serve", "udostępnij": "serve", "wdróż": "deploy",
    "transkrybuj": "transcribe", "przetłumacz": "translate", "godzin": "hours",
    "godziny": "hours", "godzinę": "hour", "godzina": "hour", "dni": "days", "dzień": "day",
    "tygodni": "weeks", "tygodnie": "weeks", "tydzień": "week", "minut": "minutes",
    "tylko": "only", "wyłącznie": "only", "danych": "data",
    "najtaniej": "cheapest", "najtańszy": "cheapest", "bez": "without", "przed": "before",
    "poniedziałek": "Monday", "wtorek": "Tuesday", "środa": "Wednesday",
    "czwartek": "Thursday", "piątek": "Friday", "sobota": "Saturday", "niedziela": "Sunday",
    "poniedziałku": "Monday", "wtorku": "Tuesday", "środy": "Wednesday", "czwartku": "Thursday",
    "piątku": "Friday", "soboty": "Saturday", "niedzieli": "Sunday",
    "jutro": "tomorrow", "dzisiaj": "today", "dziś": "today", "polska": "Poland",
    "niemcy": "Germany", "francja": "France", "szwecja": "Sweden",
    # Finnish
    "kouluta": "train", "hienosäädä": "fine-tune", "arvioi": "evaluate", "tuntia": "hours",
    "päivää": "days", "viikkoa": "weeks", "suomi": "Finland",
}

_POLISH_PLACES = {"polsce": "Poland", "niemczech": "Germany", "francji": "France",
                  "szwecji": "Sweden", "norwegii": "Norway", "finlandii": "Finland",
                  "holandii": "Netherlands", "hiszpanii": "Spain", "irlandii": "Ireland",
                  "europie": "Europe", "stanach zjednoczonych": "the US"}
_FINNISH_PLACES = {"suomessa": "Finland", "saksassa": "Germany", "ruotsissa": "Sweden",
                   "euroopassa": "Europe"}


def _polish_place(m: re.Match[str]) -> str:
    return "in " + _POLISH_PLACES[re.sub(r"^we?\s+", "", m.group(0).lower())]


def _finnish_place(m: re.Match[str]) -> str:
    return "in " + _FINNISH_PLACES[m.group(0).lower()]


_UNITS = (r"timmar|timme|dagar|dager|dage|veckor|vecka|uker|uke|uger|uge|minuter|timer|godzin\w*|"
          r"dni|dzień|tygodni\w*|tydzień|minut\w*|tuntia|päivää|viikkoa")
#: (pattern, replacement), applied by `lexicon.rewrite` with its own phrases.
MORE_PHRASES: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    # locatives of Swedish/Danish/Norwegian ("i Sverige"), Polish ("w Polsce", "we Francji")
    # and Finnish ("Suomessa"): the country in English after "in"
    (r"(?:w|we)\s+(?:polsce|niemczech|francji|szwecji|norwegii|finlandii|holandii|hiszpanii|"
     r"irlandii|europie|stanach zjednoczonych)", _polish_place),
    (r"i\s+(?=(?:sverige|norge|danmark|tyskland|frankrike|frankrig|finland|europa|"
     r"nederländerna|irland|usa)\b)", "in "),
    (r"suomessa|saksassa|ruotsissa|euroopassa", _finnish_place),
    (r"(?<=\d)\s+(?:timer)\b", " hours"),
    # a run length: "i 10 timmar", "przez 6 godzin", "i 3 dagar"
    (r"(?:przez|i|på|i løpet af|i løpet av)(?=\s+\d+(?:[.,]\d+)?\s+(?:" + _UNITS + r")\b)", "for"),
]
