"""Words the extractors do not know, rewritten into the English they do know.

Requests (and answers to clarifications) arrive in other languages, with misspelt verbs and
idioms the English patterns miss. Before extraction, `rewrite` maps a general lexicon
(German, French, Spanish, Portuguese, Dutch, Italian: units, weekdays, "only", countries,
job verbs, cost/speed phrases, injection verbs), then `pivot`'s concept x language matrix,
and near-misses of key English words ("finetnue", "cheepest"), logged as `(from, to)`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from functools import lru_cache

from agents.intake.kind_words import JOB_WORDS, KIND_PHRASES
from agents.intake.korean_words import ROMAJI_PHRASES, cjk_rewrite  # + Hangul job words
from agents.intake.more_languages import MORE_PHRASES, MORE_WORDS
from agents.intake.objective_words import OBJECTIVE_PHRASES
from agents.intake.phrasing import PHRASES as IDIOMS
from agents.intake.pivot import pivot_rewrite  # the concept x language matrix
from agents.intake.place_words import PLACE_PHRASES
from agents.intake.romanised import ROMANISED_PHRASES, ROMANISED_WORDS
from agents.intake.time_cue_words import CUE_WORDS
from agents.intake.typos import edits
from agents.intake.unit_words import UNIT_PHRASES
from agents.intake.units import WORD_NUMBERS
from agents.intake.world_time_words import CLOCK_HMM, WORLD_TIME_PHRASES
from agents.intake.world_words import WORLD_PHRASES, WORLD_WORDS

_I = re.IGNORECASE
#: Weekday names (and Polish genitives) that may open or close a window in another language.
_DAY_WORDS = (r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|"
              r"donnerstag|freitag|samstag|sonntag|lunes|martes|mi[ée]rcoles|jueves|viernes|"
              r"s[áa]bado|domingo|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|"
              r"luned[ìi]|marted[ìi]|mercoled[ìi]|gioved[ìi]|venerd[ìi]|sabato|"
              r"m[åa]ndag(?:en)?|tisdag(?:en)?|onsdag(?:en)?|torsdag(?:en)?|fredag(?:en)?|"
              r"l[öø]rdag(?:en)?|s[öø]ndag(?:en)?|mandag|tirsdag|"
              r"poniedzia[łl]\w*|wtor\w*|[śs]rod\w*|czwart\w*|pi[ąa]t\w*|sobot\w*|niedziel\w*|"
              r"monday|tuesday|wednesday|thursday|friday|saturday|sunday")
_EVENING = ("afternoon", "evening", "night", "après-midi", "apres-midi", "soir", "tarde", "noche",
            "noite", "pomeriggio", "sera", "nachmittag", "abend")


def _daypart(m: re.Match[str]) -> str:
    """`9 in the morning` -> `9:00am`, `5 in the evening` -> `5:00pm` (a 24 h clock is kept)."""
    hour, minute = int(m.group("h")), m.group("m") or "00"
    if hour > 12:
        return f"{hour}:{minute}"
    return f"{hour}:{minute}{'pm' if m.group('p').lower() in _EVENING else 'am'}"


#: A clock time or a date as written in many languages ("9h", "9 Uhr", "9:00", "3.12.", "3 mars").
_CLOCKISH = (r"\d{1,2}(?:\s?(?:h|uhr|am|pm)(?!\w)|[:.]\d{2}|[./]\d{1,2}[./]|\s+(?:jan|feb|m[aä]r|"
             r"apr|ma[iyj]|jun|jul|aug|sep|o[ck]t|nov|de[cz]|janv|f[ée]v|avr|juin|juil|ao[uû]t|"
             r"d[ée]c|ene|abr|ago|dic|lis|pa[źz]|gru|sty|lut|kwi|cze|sie|wrz)\w*)")
#: (pattern, replacement) applied in order; patterns are whole words, case-insensitive.
PHRASES: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    # injection and policy verbs first, so the safety scan sees them in English
    (r"ignorier(?:e|en)?\s+(?:alle\s+)?(?:die\s+)?(?:regeln|anweisungen)", "ignore all rules"),
    (r"ignor(?:e|ez|a)\s+(?:toutes?\s+)?(?:les\s+|las\s+|todas\s+las\s+)?(?:r[eè]gles|reglas|"
     r"instrucciones|instructions)", "ignore all rules"),
    *ROMAJI_PHRASES,
    *WORLD_TIME_PHRASES,
    *ROMANISED_PHRASES,
    # "Monday 14 March 08:00", "Fri, 13 Oct": the explicit date fixes the day, so the weekday
    # before it is dropped (otherwise the two read as separate dates and the clock is lost)
    (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|"
     r"fri|sat|sun)\.?,?\s+(?:the\s+)?(?P<d>\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|"
     r"apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|"
     r"dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{4}-\d{2}-\d{2})", r"\g<d>"),
    # "3 jours de calcul", "36 horas de cálculo", "5 Stunden Rechenzeit": compute time
    (r"(?P<n>\d+(?:[.,]\d+)?)\s+(?P<u>[a-zà-ÿ]+)\s+(?:(?:de|di)\s+(?:calcul|c[áa]lculo|calcolo|"
     r"computa[cç][aã]o|c[oô]mputo)|rechenzeit|beregningstid|ber[äa]kningstid|rekentijd)",
     r"\g<n> \g<u> of runtime"),
    # "in the cheapest slot between 01:00 and 05:00 UTC": a window of two clock times
    (r"between\s+(?P<a>\d{1,2}(?::\d{2}(?:\s?(?:am|pm))?|\s?(?:am|pm)))\s+and\s+"
     r"(?P<b>\d{1,2}(?::\d{2}(?:\s?(?:am|pm))?|\s?(?:am|pm)))", r"from \g<a> to \g<b>"),
    (r"kostenlos|gratuitement|gratis|de gra[cç]a|gratuito", "for free"),
    # named days of the calendar, as the dates they are
    (r"(?:christmas|x-?mas) eve|heiligabend|nochebuena|r[ée]veillon de no[eë]l", "24 December"),
    (r"(?:christmas|x-?mas)(?: day)?|weihnachten|no[eë]l|navidad|natale|kerstmis", "25 December"),
    (r"new year'?s eve|silvester|saint-sylvestre|nochevieja", "31 December"),
    (r"boxing day", "26 December"),
    (r"new year'?s(?: day)?|neujahr|jour de l'an|a[ñn]o nuevo", "1 January"),
    # a lower-case weekday abbreviation after a time cue ("til fri 17:00")
    *[(rf"(til|till|until|by|before|next|this|on) {abbr}\.?(?=\s|$|,)", rf"\1 {day}")
      for abbr, day in (("mon", "Monday"), ("tue", "Tuesday"), ("tues", "Tuesday"),
                        ("wed", "Wednesday"), ("thu", "Thursday"), ("thurs", "Thursday"),
                        ("fri", "Friday"), ("sat", "Saturday"), ("sun", "Sunday"))],
    # run-length prepositions and "about"
    (r"durante|pendant|gedurende|f[üu]r|por(?=\s+\d)|"
     r"per(?=\s+(?:un|una|uno)\s+(?:giorno|settimana|mese|ora)\b)|"
     r"per(?=\s+\d+\s*(?:giorni|ore|settimane|minuti|days|hours|weeks|minutes)\b)", "for"),
    (r"etwa|ungef[äa]hr|environ|aproximadamente|ongeveer|circa", "about"),
    (r"milliards?|milliarden?|miliard[io]|mil millones|miljard(?:er)?|miliard(?:y|ów)?|"
     r"bilh[õo]es|bilh[ãa]o|mil milh[õo]es", "billion"),
    (r"milioni|millones|milh[õo]es|millionen|miljoen|miljoner|milion(?:y|ów)?", "million"),
    (r"(?:au |le )?moins cher(?:\s+possible)?|m[aá]s barato", "cheapest"),
    (r"(berlin|m[üu]nchen|frankfurt|wien|z[üu]rich|hamburg|k[öo]ln)er zeit", r"\1 time"),
    (r"de VS|die USA|les [ÉE]tats-Unis|los Estados Unidos|gli Stati Uniti", "the US"),
    # multi-word job phrases
    (r"batch-?inferenz|inferencia por lotes|inf[ée]rence par lots|infer[êe]ncia em lote",
     "batch inference"),
    (r"do zero|desde cero|de z[ée]ro|von grund auf(?: neu)?|vanaf nul", "from scratch"),
    (r"(?:lo|o|le|il)\s+m[aá]s\s+barato(?:\s+posible)?|o mais barato(?:\s+poss[ií]vel)?|"
     r"le moins cher(?:\s+possible)?|so g[üu]nstig wie m[öo]glich|m[öo]glichst g[üu]nstig|"
     r"am g[üu]nstigsten|g[üu]nstigste|billigste|zo goedkoop mogelijk|goedkoopst[e]?|"
     r"il pi[uù] economico(?:\s+possibile)?", "cheapest"),
    (r"(?:lo|o)\s+m[aá]is\s+r[aá]pido(?:\s+poss[ií]vel|\s+posible)?|lo m[aá]s r[aá]pido(?:\s+"
     r"posible)?|cuanto antes|le plus (?:vite|rapidement) possible|d[èe]s que possible|"
     r"so schnell wie m[öo]glich|schnellstm[öo]glich|zo snel mogelijk|il prima possibile",
     "as soon as possible"),
    (r"so gr[üu]n wie m[öo]glich|m[öo]glichst gr[üu]n|lo m[aá]s verde posible|"
     r"le plus vert possible|zo groen mogelijk|o mais verde poss[ií]vel", "as green as possible"),
    (r"lo antes posible|o quanto antes|au plus vite|prima possibile", "as soon as possible"),
    (r"before the (monday|tuesday|wednesday|thursday|friday|saturday|sunday)", r"before \1"),
    (r"(?:modelo|mod[eè]le|modello|modell|model)\s+(?:de|van|von|mit|da|di)\s+(\d+(?:[.,]\d+)?\s?[BM])\b",
     r"\1 model"),
    (r"stunden\s+(audio|video|aufnahmen)", r"hours of \1"),
    (r"(\d+(?:[.,]\d+)?)\s+(tage|tagen|stunden|wochen|minuten)\s+lang\b", r"for \1 \2"),
    # a window "from X to Y" in other languages: "du lundi 9h au vendredi 18h", "vom Montag
    # bis Freitag", "desde el lunes hasta el jueves", "od poniedziałku do piątku", "från
    # måndag till fredag"; the opener must be followed by a day or a number
    (r"(?:du|vom|von|desde(?:\s+el)?|de|dal|van|od|fr[åa]n|fra)\s+(?=(?:" + _DAY_WORDS + r"|"
     + _CLOCKISH + r"))"
     r"(?P<a>[^,;!?]{1,40}?)\s+(?:au|bis(?:\s+zum)?|hasta(?:\s+el)?|a|al|tot|do|till|"
     r"til)"
     r"(?=\s+(?:" + _DAY_WORDS + r"|" + _CLOCKISH + r"))", r"from \g<a> to"),
    # "9 in the morning", "5 in the afternoon", "17h du soir", "9 de la mañana": a clock
    (r"(?P<h>\d{1,2})(?:[:h.](?P<m>\d{2}))?\s?(?:h\s|heures?\s|uhr\s|o'clock\s)?\s*(?:in the|"
     r"du|de la|da|della|di|am|des)\s+(?P<p>morning|afternoon|evening|night|matin|"
     r"apr[èe]s-midi|soir|mañana|manhã|tarde|noche|noite|mattina|pomeriggio|sera|vormittag|nachmittag|abend)",
     _daypart),
    # "tomorrow morning at 7", "tonight at 9": a bare hour after a part of the day
    (r"(?P<p>morning|afternoon|evening|night|tonight) (?P<at>at|around|by|about) (?P<h>\d{1,2})"
     r"(?![:.\d]|\s?(?:am|pm|h\b|hours?|hrs?))",
     lambda m: f"{m.group('p')} {m.group('at')} " + (f"{int(m.group('h')) + 12}:00" if m.group(
         "p").lower() != "morning" and int(m.group("h")) < 12 else f"{m.group('h')}:00")),
    # a day word then "17h" ("vendredi 17h"): a clock time
    (r"(" + _DAY_WORDS + r"|demain|tomorrow|today|aujourd'hui|morgen|mañana|domani|amanhã)"
     r"\s+(\d{1,2})\s?h(?![\w:])", r"\1 \2:00"),
    (r"(\d{1,2})\s?uhr\b", r"\1:00"),
    # "from 9 to 17 London time": bare hours of a window with a zone
    (r"(?<=from )(\d{1,2}) (?:to|until|till|-) (\d{1,2})(?=\s+(?:\w+\s+)?(?:time|utc|gmt|cet|"
     r"cest|pt|et|pst|pdt|est|edt|bst|jst|ist|sgt|aest|aedt)\b)", r"\1:00 to \2:00"),
    # a Hugging Face id: the organisation is not part of the model's name
    # ("mistralai/Mistral-7B-Instruct-v0.3"; "ViT-L/14" has no name after its slash)
    (r"[A-Za-z][A-Za-z_.-]*/([A-Za-z](?:[^\W\d]|[.-])*\d[\w.-]*)", r"\1"),
    # "3 gigs", "half a tera": sizes in speech
    (r"(\d+(?:[.,]\d+)?)\s?gigs?", r"\1 GB"), (r"(\d+(?:[.,]\d+)?)\s?teras?", r"\1 TB"),
    (r"(\d+(?:[.,]\d+)?)\s?megs?", r"\1 MB"),
    # scientific notation: "3.5e10 tokens"
    (r"(\d+(?:\.\d+)?)e\+?(\d{1,2})", lambda m: f"{float(m.group(0)):.0f}"),
    # powers of ten: "10^12 tokens"
    (r"(?<![\w.])10\s?\^\s?(\d{1,2})(?!\d)", lambda m: str(10 ** int(m.group(1)))),
    (CLOCK_HMM, r"\1:\2"),  # "3h30" is a clock time, unless a run length (`CLOCK_HMM`)
    # "avant vendredi 17h", "bis Montag 9h": an hour after a time cue is a clock time
    (r"((?:avant|à|vers|jusqu'à|bis|um|gegen|at|by|before|until|from|to)\s+(?:\w+\s+)?)(\d{1,2})\s?h"
     r"(?![\w:])", r"\1\2:00"),
    (r"heure de (paris|berlin|londres|madrid|rome|bruxelles|montr[ée]al)", r"\1 time"),
    (r"inferenz-?dienst|servicio de inferencia|service d'inf[ée]rence", "inference service"),
    (r"(\d+(?:[.,]\d+)?)\s?(?-i:Go)\b", r"\1 GB"),
    (r"(\d+(?:[.,]\d+)?)\s?(?-i:To)\b", r"\1 TB"),
    (r"(\d+(?:[.,]\d+)?)\s?(?-i:Mo)\b", r"\1 MB"),
    # a size or size class in parentheses inside a model name: "Llama 2 (13B) chat",
    # "DeBERTa-v3 (large)"
    (r"([\w.-]+) \((\d+(?:\.\d+)?[BM])\) (chat|instruct|it|base|coder|code|vision|hf)\b",
     lambda m: " ".join(m.groups()) if m.group(1).isdigit() else "-".join(m.groups())),
    # a family written with its version and no size takes the size in parentheses:
    # "Qwen2.5 (14B)" -> "Qwen2.5-14B" (a complete name such as "NLLB-200 (3.3B)" keeps its own)
    (r"([A-Za-z]+\d+(?:\.\d+)?) \((\d+(?:\.\d+)?[BM])\)", r"\1-\2"),
    (r"([A-Za-z](?:[^\W\d]|[.-])*\d[\w.-]*) "
     r"\((large|base|small|xl|xxl|medium|tiny|mini|huge)\)", r"\1-\2"),
    (r"la UE|l'UE|die EU|de EU|in der EU|na UE|nell'UE|w UE|i EU", "the EU"),
    *OBJECTIVE_PHRASES,  # cheapest / fastest / greenest / balanced (s14)
    *PLACE_PHRASES,  # locatives and the Baltic "ES" (s14)
    *KIND_PHRASES,  # job nouns (s14)
    *UNIT_PHRASES,  # "12 ГБ", "18 گیگابایت", `dataset_gb=12` (s14)
    *WORLD_PHRASES,
    *MORE_PHRASES,
    *IDIOMS,
    (r"\bUE\b", "EU"),
]
#: Single words (lower case) -> English.
WORDS: dict[str, str] = {
    # run-time units and words
    "stunden": "hours", "stunde": "hour", "tage": "days", "tagen": "days",
    "wochen": "weeks", "woche": "week", "minuten": "minutes", "monate": "months",
    "heures": "hours", "heure": "hour", "jours": "days", "jour": "day", "semaines": "weeks",
    "semaine": "week", "mois": "months",
    "horas": "hours", "hora": "hour", "días": "days", "dias": "days", "día": "day",
    "semanas": "weeks", "minutos": "minutes", "meses": "months",
    "uur": "hours", "uren": "hours", "dagen": "days", "weken": "weeks", "minuten's": "minutes",
    "giorni": "days", "settimane": "weeks",
    "laufzeit": "runtime", "dauer": "duration", "durée": "duration", "duración": "duration",
    "duração": "duration", "looptijd": "runtime", "durata": "duration",
    # only / by / before / from
    "nur": "only", "uniquement": "only", "seulement": "only", "solo": "only", "sólo": "only",
    "solamente": "only", "únicamente": "only", "apenas": "only", "somente": "only",
    "alleen": "only", "soltanto": "only",
    "bis": "by", "spätestens": "by", "d'ici": "by", "entro": "by", "avant": "before",
    "vor": "before", "antes": "before", "voor": "before",
    # days
    "montag": "Monday", "dienstag": "Tuesday", "mittwoch": "Wednesday", "donnerstag": "Thursday",
    "freitag": "Friday", "samstag": "Saturday", "sonntag": "Sunday",
    "lundi": "Monday", "mardi": "Tuesday", "mercredi": "Wednesday", "jeudi": "Thursday",
    "vendredi": "Friday", "samedi": "Saturday", "dimanche": "Sunday",
    "lunes": "Monday", "martes": "Tuesday", "miércoles": "Wednesday", "jueves": "Thursday",
    "viernes": "Friday", "sábado": "Saturday", "domingo": "Sunday",
    "maandag": "Monday", "dinsdag": "Tuesday", "woensdag": "Wednesday", "donderdag": "Thursday",
    "vrijdag": "Friday", "zaterdag": "Saturday", "zondag": "Sunday",
    "lunedì": "Monday", "martedì": "Tuesday", "mercoledì": "Wednesday", "giovedì": "Thursday",
    "venerdì": "Friday", "sabato": "Saturday",
    "morgen": "tomorrow", "demain": "tomorrow", "mañana": "tomorrow", "amanhã": "tomorrow",
    "domani": "tomorrow", "heute": "today", "aujourd'hui": "today", "hoy": "today",
    "hoje": "today", "vandaag": "today", "oggi": "today",
    # countries (the English names are in places.COUNTRIES)
    "deutschland": "Germany", "allemagne": "Germany", "alemania": "Germany",
    "alemanha": "Germany", "duitsland": "Germany", "germania": "Germany",
    "frankreich": "France", "francia": "France", "frankrijk": "France", "frança": "France",
    "españa": "Spain", "espagne": "Spain", "spanien": "Spain", "spanje": "Spain",
    "espanha": "Spain", "spagna": "Spain", "italien": "Italy", "italia": "Italy",
    "italie": "Italy", "nederland": "Netherlands", "niederlande": "Netherlands",
    "pays-bas": "Netherlands", "países bajos": "Netherlands", "schweiz": "Switzerland",
    "suisse": "Switzerland", "suiza": "Switzerland", "svizzera": "Switzerland",
    "österreich": "Austria", "autriche": "Austria", "schweden": "Sweden", "suède": "Sweden",
    "suecia": "Sweden", "norwegen": "Norway", "norvège": "Norway", "noruega": "Norway",
    "irland": "Ireland", "irlande": "Ireland", "finnland": "Finland", "japon": "Japan",
    "japón": "Japan", "japão": "Japan", "kanada": "Canada", "canadá": "Canada",
    "europa": "Europe", "l'europe": "Europe",
    **JOB_WORDS,  # job verbs and nouns (kind_words.py)
    "daten": "data", "données": "data", "datos": "data", "dados": "data", "gegevens": "data",
    "ohne": "without", "sans": "without", "sin": "without", "sem": "without", "zonder": "without",
    "keine": "no", "kein": "no", "pas de": "no", "über": "on",
    "niet": "not", "nicht": "not", "não": "not", "ore": "hours", "minuti": "minutes",
    **CUE_WORDS,  # "induljon" (start), "około" (about), "futásidő" (runtime) (s14)
    **MORE_WORDS,
    **ROMANISED_WORDS,
    **WORLD_WORDS,
}
#: Key English words and model families: near-misses of these are read as them.
FUZZY_TARGETS = (
    "fine-tune", "finetune", "fine-tuning", "pretrain", "pre-train", "pretraining", "training",
    "evaluate", "evaluation", "inference", "transcribe", "embeddings", "deadline", "cheapest",
    "greenest", "fastest", "benchmark", "preemptible", "interruptible", "mistral", "mixtral",
    "llama", "falcon", "whisper", "gemma", "pythia", "starcoder", "train", "serve", "service",
    "endpoint", "qlora", "tokens", "lora", "start", "tomorrow", "before", "until", "instruct",
    "please", "single", "europe", "community",
)
#: Targets this short are only matched by a transposition or one dropped letter ("trian",
#: "qlroa", "tokns"), never by a different word of the same shape ("trail", "nerve").
_SHORT = 6
_TOKEN = re.compile(r"(?<![\w-])[A-Za-z][a-z]+(?:-[a-z]+)?(?![\w-])")


@lru_cache(maxsize=1)
def _phrase_res() -> list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]]:
    return [(re.compile(r"(?<!\w)(?:" + p + r")(?!\w)", _I), r) for p, r in PHRASES]


@lru_cache(maxsize=1)
def _word_re() -> re.Pattern[str]:
    words = sorted(WORDS, key=len, reverse=True)
    return re.compile(r"(?<![\w'])(" + "|".join(map(re.escape, words)) + r")(?![\w'-])", _I)


_SUFFIXES = ("ings", "ing", "ions", "ion", "ible", "able", "est", "ers", "er", "ed", "es", "s", "e",
             "d", "r")


def _root(word: str) -> str:
    """A crude English stem: `cheaper`/`cheapest` -> `cheap`, `fine-tuned` -> `finetun`."""
    word = word.lower().replace("-", "")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[:-len(suffix)]
    return word


@lru_cache(maxsize=4096)
def _near_miss(word: str) -> str | None:
    low = word.lower()
    if low in FUZZY_TARGETS:
        return None
    if len(low) == 4:  # "lroa": only two neighbouring letters swapped
        return next((t for t in FUZZY_TARGETS if len(t) == 4 and t[0] == low[0]
                     and one_edit(low, t)), None)
    if len(low) < 5:
        return None
    if _root(low) != low.replace("-", "") and any(_root(low) == _root(t) for t in FUZZY_TARGETS):
        return None  # an inflection of a known word ("cheaper", "fine-tuned"), not a typo
    best = difflib.get_close_matches(low, FUZZY_TARGETS, n=1, cutoff=0.8)
    if not best:
        return None
    target = best[0]
    # one transposed or missing letter, never a different word of similar shape
    if abs(len(low) - len(target)) > 2 or low[0] != target[0].lower():
        return None
    if len(target) <= _SHORT and not (sorted(low) == sorted(target) or (
            len(low) == len(target) - 1 and _dropped_one(low, target))):
        return None
    if edits(low.replace("-", ""), target.replace("-", "")) > 2:
        return None  # "escalation" is no "evaluation": a typo is one or two slips
    return target


def _dropped_one(short: str, full: str) -> bool:
    """`short` is `full` with one letter left out."""
    return any(full[:i] + full[i + 1:] == short for i in range(len(full)))


#: Run-time and size unit words a typo after a number is read as ("10 dyas", "5 hurs").
_UNIT_WORDS: tuple[str, ...] = ("minutes", "minute", "hours", "hour", "days", "day", "weeks",
                                "week", "months", "month", "years", "year", "tokens")
#: ... and the same units in the languages of `WORDS` ("3 Stundne" is 3 Stunden, hours)
_UNIT_WORDS += tuple(w for w, en in WORDS.items() if en in _UNIT_WORDS and len(w) >= 5)
_AFTER_NUMBER = re.compile(r"(?<=\d )([A-Za-z]{3,8})\b|(?<=\d)([a-z]{3,8})\b")


def one_edit(word: str, target: str) -> bool:
    """`word` is `target` with two letters swapped, one dropped, or one doubled."""
    if len(word) == len(target):
        diff = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and sorted(word) == sorted(target)
    if len(word) == len(target) - 1:
        return _dropped_one(word, target)
    return len(word) == len(target) + 1 and _dropped_one(target, word)


def _unit_typo(word: str) -> str | None:
    low = word.lower()
    if low in _UNIT_WORDS or low in WORDS:
        return None
    return next((WORDS.get(t, t) for t in _UNIT_WORDS if t[0] == low[0] and one_edit(low, t)),
                None)


def _halves(m: re.Match[str]) -> str:
    num = m.group("n").lower()
    value = float(WORD_NUMBERS[num]) if num in WORD_NUMBERS else float(num.replace(",", "."))
    return f"{value + 0.5:g} {m.group('u')}"


_HALVES = re.compile(r"(?<![\w.,])(?P<n>\d+|" + "|".join(sorted(
    (re.escape(w) for w in WORD_NUMBERS if w[0] != "a" and " " not in w), key=len, reverse=True))
    + r") and a half (?P<u>minutes?|hours?|"
                     r"days?|weeks?|months?|years?)\b", _I)


def rewrite(text: str) -> tuple[str, list[tuple[str, str]]]:
    """`text` with foreign words, idioms and near-miss spellings in English, and the rewrites."""
    changes: list[tuple[str, str]] = []

    def sub(pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str] | None,
            s: str) -> str:
        def one(m: re.Match[str]) -> str:
            new = (repl(m) if callable(repl) else m.expand(repl) if repl is not None
                   else WORDS[m.group(1).lower()])
            if new != m.group(0):
                changes.append((m.group(0), new))
            return new
        return pattern.sub(one, s)

    text, cjk = cjk_rewrite(text)
    changes.extend(cjk)
    for pattern, repl in _phrase_res():
        text = sub(pattern, repl, text)
    text = sub(_word_re(), None, text)
    text = pivot_rewrite(text, changes)[0]  # what the rules above left foreign

    def fuzzy(m: re.Match[str]) -> str:
        head, dash, tail = m.group(0).partition("-")
        target = _near_miss(m.group(0)) or (  # "Euorpe-only": the head of a compound
            (_near_miss(head) or "") + dash + tail if dash and _near_miss(head) else None)
        if target is None:
            return m.group(0)
        changes.append((m.group(0), target))
        return target

    def unit_typo(m: re.Match[str]) -> str:
        word = m.group(0)
        target = _unit_typo(word)
        if target is None:
            return word
        changes.append((word, target))
        return target

    def halves(m: re.Match[str]) -> str:
        new = _halves(m)
        changes.append((m.group(0), new))
        return new

    text = _AFTER_NUMBER.sub(unit_typo, _TOKEN.sub(fuzzy, text))
    return _HALVES.sub(halves, text), changes
