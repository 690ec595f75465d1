"""English idioms and foreign phrases read as the parser's English (issue 17, fourth session).

Clock words after a number ("by 10 tomorrow morning"), "can't start until" (a start, not
a deadline), "over the next day" (a window), run lengths "of running", start words in
Romance languages ("partenza lunedì alle 9"), Polish run-time words, a job word glued
to a model name ("Whisper-large-v3-Feintuning"), and Polish/French/German cost and
carbon wishes. Each entry is a (pattern, replacement) for `lexicon.rewrite`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_DAYS = (r"lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|lundi|mardi|mercredi|"
         r"jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|"
         r"domingo|segunda|terça|quarta|quinta|sexta")


def _evening(m: re.Match[str]) -> str:
    hour = int(m.group(1))
    return f"{m.group(2)} at {hour + 12 if hour < 12 else hour}:00"


def _family(m: re.Match[str]) -> str:
    name = f"{m.group(1).capitalize()}-{m.group(2)}-{m.group(3)}B"
    return name + (f"-{m.group(4).lower()}" if m.group(4) else "")


PHRASES: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    # "stay up a month", "keep it running a week": an uptime, not a story's "a day."
    (r"((?:stay|stays|staying|remain|remains)\s+(?:up|online|live|running|available)|"
     r"keep(?:ing)?\s+(?:it|them|this|that)\s+(?:up|running|online|live))\s+(?:for\s+)?"
     r"(?:a|an|one)\s+(hour|day|week|month|year)", r"\1 for 1 \2"),
    # "done in 3h30 wall clock": a run length (wall clock), not a deadline offset
    (r"(?:(?:done|finished|complete[d]?)\s+)?in\s+(?:(?P<h>\d{1,2}):(?P<m>[0-5]\d)|(?P<d>\d+"
     r"(?:[.,]\d+)?\s?(?:hours?|hrs?|h|minutes?|mins?|days?)))\s+(?:of\s+)?(?P<w>wall[- ]?clock"
     r"(?:\s+time)?|wall[- ]?time)", lambda m: (m.group("d") or (
         f"{int(m.group('h')) + int(m.group('m')) / 60:g} hours")) + " " + m.group("w")),
    # plural unit abbreviations: "700 MBs", "~90 GBs", "5 kgs CO2"
    (r"(\d[\d.,]*)\s?([kmgtp]i?b)s", r"\1 \2"), (r"(\d[\d.,]*)\s?kgs", r"\1 kg"),
    # "5,000 A100-80GB GPU-hours": the accelerator's own hours
    (r"((?-i:[A-Z]{1,3}\d{2,4})[\w-]*?)\s+gpu[- ]?(hours?|hrs?|days?|weeks?)", r"\1-\2"),
    # "by 10 tomorrow morning" -> "by tomorrow at 10:00"; "7 tomorrow evening" -> 19:00
    (r"(\d{1,2})\s+(?:o'clock\s+)?(tomorrow|today|this)\s+morning", r"\2 at \1:00"),
    (r"(\d{1,2})\s+(?:o'clock\s+)?(tomorrow|today|this)\s+(?:evening|afternoon|night)",
     _evening),
    # a start bound: "can't start until 03:00", "not until Monday"
    (r"(can'?t|cannot|can not|won'?t|may not|must not|mustn'?t|shouldn'?t|should not)\s+"
     r"(start|begin|kick off|run)\s+(?:until|till|til|'til)", r"\1 \2 before"),
    (r"\bnot\s+until\b", "not before"),
    # "can't start until our export finishes at 03:00": the start waits for the stated time
    (r"(can'?t|cannot|can not|won'?t|may not|must not) (start|begin|run) before\s+"
     r"(?:our|the|my|their|its)\s+[^.;,]{0,50}?\s+(?:finishes|ends|completes|is done|lands|"
     r"is ready)\s+(?:at|by|on|around)\s+(?P<t>\d{1,2}(?::\d{2})?(?:\s?[ap]m)?)",
     r"\1 \2 before \g<t>"),
    # "en 48 heures", "en 3 días": within, in French and Spanish
    (r"\ben(?=\s+\d+(?:[.,]\d+)?\s*(?:heures|jours|semaines|minutes|horas|d[ií]as|semanas|"
     r"minutos)\b)", "within"),
    # a window: "over the next day", "during the next 3 days", "over the coming week"
    (r"(?:over|during|within|in)\s+the\s+(?:next|coming)\s+day", "in the next 24 hours"),
    (r"(?:over|during)\s+the\s+(?:next|coming)\s+(\d+)\s+(hours|days)", r"in the next \1 \2"),
    (r"(?:over|during|within|in)\s+the\s+(?:next|coming)\s+week", "in the next 7 days"),
    # "6 hours of running", "2 days of compute" -> run length
    (r"(\d+(?:[.,]\d+)?)\s*(hours?|hrs?|days?|minutes?|mins?)\s+of\s+(?:running|run|"
     r"compute|computing|processing|work|wall[- ]?clock)\b", r"\1 \2 of runtime"),
    # Polish run time: "czas działania ok. 10 godzin"
    (r"czas\s+(?:działania|pracy|trwania|wykonania)(?:\s+(?:ok\.|około|ok))?",
     "runtime about"),
    # Romance start words before a day or a time: "partenza lunedì alle 9:00"
    (r"(?:partenza|avvio|inizio|départ|début|inicio|comienzo|arranque|início|partida)"
     r"(?=\s+(?:il\s+|le\s+|el\s+|la\s+|o\s+|a\s+|de\s+)?(?:" + _DAYS + r"|\d))", "starting"),
    # a job word glued to a model name with a digit: "Whisper-large-v3-Feintuning", not
    # "Pre-training"
    (r"((?:[^\W\d]|[.-])*\d[\w.-]*)-(feintuning|finetuning|fine-tuning|training|evaluierung|evaluation|"
     r"inferenz|serving)", r"\1 \2"),
    # Polish evaluation verbs
    (r"oceni[ćc]|ewaluowa[ćc]|przetestowa[ćc]", "evaluate"),
    # Belgium in other languages, and country lists joined by "ou en" / Dutch "of"
    (r"belgique|belgi[ëe]|belgien|b[ée]lgica|belgio|belgia", "Belgium"),
    (r"(?:ou|o|or|oder)\s+(?:en|in|na|w)\s+(?=(?-i:[A-Z]))", "or in "),
    (r"(nederland|netherlands|belgium|duitsland|germany|frankrijk|france|luxemburg)\s+of\s+",
     r"\1 or "),
    # cards in other languages ("cztery karty A10G", "vier Karten")
    (r"kart[ay]?|karten|cartes|tarjetas|schede|placas", "cards"),
    # "half a tonne of CO2"
    (r"half\s+a\s+(tonne|ton|metric\s+ton)", r"0.5 \1"),
    (r"a\s+quarter\s+(?:of\s+)?a\s+(tonne|ton)", r"0.25 \1"),
    # a family with its version glued and the size apart: "llama2 13b chat", "gemma2 9b"
    (r"(llama|gemma)\s?(\d(?:\.\d)?)\s+(\d+(?:\.\d+)?)\s?b(?:\s+(chat|instruct|it))?",
     _family),
    # cost and carbon wishes in other languages
    (r"najlepiej\s+(?:zielono|ekologicznie)|możliwie\s+zielono", "greenest"),
    (r"(?:la\s+)?(?:soluzione|opzione)\s+meno\s+car[ao]|pas\s+cher|bon\s+march[ée]|am\s+liebsten\s+g[üu]nstig|m[öo]glichst\s+g[üu]nstig",
     "cheapest"),
]
