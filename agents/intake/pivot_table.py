"""The concept x language matrix that `pivot` compiles: what each cell holds and means.

A concept is something a request says that the extractors read in English (a number of
accelerators, "by Friday", "for 12 hours", "cheapest", "only in Germany", "Moscow time").
Each language of `LANGUAGES` fills every concept with its forms or says, with a reason,
why it has none (`n/a: ...`); `tests/test_intake_pivot.py` checks that no cell is missing.
The forms themselves live in one module per family (`pivot_west`, `pivot_slavic`,
`pivot_south`, `pivot_east`, `pivot_north`, `pivot_more`, `pivot_baltic`).
"""

from __future__ import annotations

from agents.intake.pivot_baltic import BALTIC
from agents.intake.pivot_east import EAST
from agents.intake.pivot_more import MORE
from agents.intake.pivot_north import NORTH
from agents.intake.pivot_slavic import SLAVIC
from agents.intake.pivot_south import SOUTH
from agents.intake.pivot_west import WEST

#: every concept a language must fill (or mark n/a)
CONCEPTS = ("numbers", "counters", "hour", "day", "week", "weekdays", "today", "tomorrow",
            "before", "by", "not_before", "within", "for", "train", "fine_tune", "evaluate",
            "serve", "transcribe", "translate", "embed", "classify", "summarise", "cheapest",
            "fastest", "greenest", "balanced", "spot_ok", "no_spot", "no_interrupt", "only_in",
            "not_in", "places", "zones")
#: the English each plain phrase concept is rewritten to
PHRASE_EN = {"train": "train", "fine_tune": "fine-tune", "evaluate": "evaluate",
             "serve": "serve", "transcribe": "transcribe", "translate": "translate",
             "embed": "embed", "classify": "classify", "summarise": "summarise",
             "cheapest": "cheapest", "fastest": "fastest", "greenest": "greenest",
             "balanced": "balanced", "spot_ok": "spot is fine", "no_spot": "no spot",
             "no_interrupt": "must not be interrupted"}
#: the places of the `places` cells, as the English that `places` reads
PLACE_EN = {"DE": "Germany", "FR": "France", "GB": "the UK", "NL": "the Netherlands",
            "US": "the US", "JP": "Japan", "SG": "Singapore", "IN": "India", "AE": "the UAE",
            "BR": "Brazil", "AU": "Australia", "CA": "Canada", "EU": "the EU",
            "EUROPE": "Europe", "ASIA": "Asia"}
#: the zones of the `zones` cells (IANA names: zoneinfo knows each one's DST, or its lack)
ZONE_IANA = {"NEWFOUNDLAND": "America/St_Johns", "ALASKA": "America/Anchorage",
             "HAWAII": "Pacific/Honolulu", "MEXICO": "America/Mexico_City",
             "SAO_PAULO": "America/Sao_Paulo", "MOSCOW": "Europe/Moscow",
             "TEHRAN": "Asia/Tehran", "KATHMANDU": "Asia/Kathmandu"}
LANGUAGES: dict[str, dict[str, str]] = {**WEST, **SLAVIC, **SOUTH, **EAST, **NORTH, **MORE,
                                        **BALTIC}
#: English names of the zones the English rules do not know (the pseudo-language "en",
#: zones only); "Moscow time", "Mexico City time" are read by `zones` already
ZONES_EN = ("NEWFOUNDLAND=Newfoundland time|Newfoundland|NST|NDT;ALASKA=Alaska time|Alaskan time|"
            "AKST|AKDT;HAWAII=Hawaii time|Hawaiian time|HST;MEXICO=CDMX time|CDMX;"
            "SAO_PAULO=BRT;MOSCOW=MSK;TEHRAN=Iran time|IRST;"
            "KATHMANDU=Nepal time|Kathmandu time|NPT")
#: "one" written after the noun it counts (Hebrew "L40S אחד", Arabic "A100 واحدة"), the
#: other numbers before it (s12)
AFTER_NOUN_ONE = {"he": "אחד|אחת", "ar": "واحدة|واحد|واحده"}
#: forms that are places only as written, capitalised: Vietnamese "anh" is also "you" /
#: "older brother" ("Chào anh", "Nhờ anh chạy"), "Anh" alone the UK (s12)
CASED_FORMS = frozenset({"Anh"})
#: a clock written with its word ("klo 16", "kl. 12", "u 20 sati"): `_` the hour (and an
#: optional ":MM"), rewritten "at 16:00", so "20 sati" is not read as twenty hours (s12)
CLOCK_FORMS = {"fi": "klo _", "da": "kl. _|kl _|klokken _", "nb": "kl. _|kl _|klokka _",
               "sv": "kl. _|kl _|klockan _", "hr": "u _ sati|u _ sata|u _ h|u _h",
               "sr": "у _ сати|у _ сата|у _ ч|у _ч"}
#: languages matched without word boundaries (no spaces, or particles glued to the noun)
UNSPACED = frozenset({"th", "zh-Hans", "zh-Hant", "ja", "ko", "ta"})  # ta: glued cases (s12)
#: number words that are also words of another language or of English ("en", "on", "do",
#: "das"): they count only before a counter, never before a bare accelerator
CLASH_NUMBERS = frozenset({"en", "o", "on", "do", "se", "na", "das", "char", "teen", "saat",
                           "due", "once", "opt", "a", "ba", "tư",
                           "to", "ni", "ti", "et", "hat", "set",  # nb/da, hu, ca (s12)
                           "pet", "du"})  # sl/bg five, lt two (s16)
_GROUPED = {"numbers": 12, "weekdays": 7}
_KEYED = {"places": PLACE_EN, "zones": ZONE_IANA}


def _cells(lang: str) -> dict[str, str]:
    return LANGUAGES[lang] if lang in LANGUAGES else {"zones": ZONES_EN}


def is_na(lang: str, concept: str) -> bool:
    """The cell is marked not applicable (`n/a: reason`)."""
    return _cells(lang).get(concept, "").startswith("n/a:")


def forms(lang: str, concept: str) -> list[str]:
    """The alternatives of a plain cell (none when it is n/a)."""
    cell = _cells(lang).get(concept, "")
    return [] if is_na(lang, concept) else [f.strip() for f in cell.split("|") if f.strip()]


def groups(lang: str, concept: str) -> list[list[str]]:
    """The alternatives of each number (1..12) or weekday (Monday..Sunday)."""
    parts = _cells(lang).get(concept, "").split(";")
    return [[] if p.strip().startswith("n/a") else [f.strip() for f in p.split("|") if f.strip()]
            for p in parts]


def keyed(lang: str, concept: str) -> dict[str, list[str]]:
    """The alternatives per place (`PLACE_EN` key) or zone (`ZONE_IANA` key)."""
    out: dict[str, list[str]] = {}
    for part in _cells(lang).get(concept, "").split(";"):
        key, _, alts = part.partition("=")
        if not key.strip():
            continue
        out[key.strip()] = [f.strip() for f in alts.split("|") if f.strip()]
    return out


def missing_cells() -> list[str]:
    """`lang/concept` for every cell neither filled nor marked n/a (must be empty)."""
    bad = []
    for lang, cells in LANGUAGES.items():
        for concept in CONCEPTS:
            if concept not in cells:
                bad.append(f"{lang}/{concept}")
            elif concept in _GROUPED and len(groups(lang, concept)) != _GROUPED[concept]:
                bad.append(f"{lang}/{concept} (count)")
            elif concept in _KEYED and set(keyed(lang, concept)) != set(_KEYED[concept]):
                bad.append(f"{lang}/{concept} (keys)")
    return bad
