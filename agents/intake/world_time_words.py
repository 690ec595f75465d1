"""Time, run-length and money phrases of more languages, and spelt-out numbers.

Indonesian/Malay, Swahili, Vietnamese, Korean and Hindi-English, zone names built from a
city ("Stockholmstid", "czasu warszawskiego", "北京时间"), for `lexicon.rewrite`.

Each rule reads a whole phrase, or a word next to a number, as the English the time and
unit extractors know: "dalam 3 hari" -> "within 3 days", "ndani ya saa 48" -> "within 48
hours", "kwa wiki moja" -> "for 1 week", "trước thứ Sáu" -> "before Friday", "금요일 오후
6시" -> "Friday 18:00", "kal subah 10 baje" -> "tomorrow 10:00", "GB 30" -> "30 GB",
"dola 150" -> "150 dollars", "four-ish days" -> "about four days".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from agents.intake.month_words import DAY_WORD_PHRASES, MONTH_END_PHRASES
from agents.intake.place_clocks import PLACE_CLOCK_PHRASES
from agents.intake.zone_words import ZONE_PHRASES
from agents.intake.zones import GENERIC_ZONES

_NUM = r"\d+(?:[.,]\d+)?"

# Swahili numbers 1-10 ("wiki moja", "siku tatu"); a number word follows its noun
_SW_NUMBERS = {"moja": 1, "mbili": 2, "tatu": 3, "nne": 4, "tano": 5, "sita": 6, "saba": 7,
               "nane": 8, "tisa": 9, "kumi": 10}
_SW_UNITS = {"saa": "hours", "masaa": "hours", "siku": "days", "wiki": "weeks", "mwezi": "months",
             "miezi": "months", "dakika": "minutes"}
_ID_UNITS = {"jam": "hours", "hari": "days", "minggu": "weeks", "pekan": "weeks",
             "bulan": "months", "menit": "minutes"}
_VI_UNITS = {"giờ": "hours", "tiếng": "hours", "ngày": "days", "tuần": "weeks",
             "tháng": "months", "phút": "minutes"}
_VI_DAYS = {"thứ hai": "Monday", "thứ ba": "Tuesday", "thứ tư": "Wednesday",
            "thứ năm": "Thursday", "thứ sáu": "Friday", "thứ bảy": "Saturday",
            "chủ nhật": "Sunday"}
_ID_DAYS = {"senin": "Monday", "selasa": "Tuesday", "rabu": "Wednesday", "kamis": "Thursday",
            "jumat": "Friday", "jum'at": "Friday", "sabtu": "Saturday"}
_HI_DAYS = {"somvar": "Monday", "mangalvar": "Tuesday", "budhvar": "Wednesday",
            "guruvar": "Thursday", "brihaspativar": "Thursday", "shukravar": "Friday",
            "shanivar": "Saturday", "ravivar": "Sunday", "सोमवार": "Monday", "मंगलवार": "Tuesday",
            "बुधवार": "Wednesday", "गुरुवार": "Thursday", "शुक्रवार": "Friday",
            "शनिवार": "Saturday", "रविवार": "Sunday"}
_HI_DAYS.update({k.replace("var", "vaar"): v for k, v in list(_HI_DAYS.items())
                 if k.endswith("var")})
_KO_DAYS = {"월요일": "Monday", "화요일": "Tuesday", "수요일": "Wednesday", "목요일": "Thursday",
            "금요일": "Friday", "토요일": "Saturday", "일요일": "Sunday", "내일": "tomorrow",
            "오늘": "today"}
#: a city's time written as one word or an adjective: Scandinavian "<City>(s)tid", Polish
#: "czasu <city>-skiego", Chinese/Japanese "<city>时间 / 時間"
_PL_CITY_ADJ = {"warszawskiego": "Warsaw", "krakowskiego": "Warsaw", "londyńskiego": "London",
                "berlińskiego": "Berlin", "paryskiego": "Paris", "nowojorskiego": "New York",
                "tokijskiego": "Tokyo", "moskiewskiego": "Moscow"}
_CJK_CITY = {"北京": "Beijing", "上海": "Shanghai", "东京": "Tokyo", "東京": "Tokyo",
             "日本": "Tokyo", "新加坡": "Singapore", "香港": "Hong Kong", "台北": "Taipei",
             "伦敦": "London", "倫敦": "London", "首尔": "Seoul", "ソウル": "Seoul"}
#: what "तक" (by) may follow: a weekday (already English), a clock, a date, a day word
_HI_TIMEISH = (r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|today|tomorrow|tonight|midnight"
               r"|noon|कल|आज|\d[\d:./-]*(?:\s*(?:am|pm|h|baje|बजे))?|बजे")


_PL_WHEN = (r"poniedzia[łl]\w*|wtork\w*|[śs]rod\w*|czwartk\w*|pi[ąa]tk\w*|sobot\w*|niedziel\w*|"
            r"jutra|ko[ńn]ca|\d{1,2}[:.]\d{2}|\d{1,2}\.\d{1,2}\.")


def _polish_by(m: re.Match[str]) -> str:
    """"do" (by) before a Polish time, unless an "od" (from) opens a window before it."""
    clause = re.split(r"[.;!?\n]", m.string[max(0, m.start() - 50):m.start()])[-1]
    if re.search(r"\bod\s", clause, re.IGNORECASE):
        return m.group(0)
    # before a clock ("do 15:00") only in Polish text: "I do 15:00 syncs" is English
    clock = re.match(r"\s+\d", m.string[m.end():m.end() + 3])
    return "by" if not clock or re.search(r"[ąćęłńóśźż]", m.string, re.IGNORECASE) else m.group(0)


def _unit(table: dict[str, str], group: int = 1) -> Callable[[re.Match[str]], str]:
    return lambda m: table[m.group(group).lower()]


def _sw_amount(m: re.Match[str]) -> str:
    """"ndani ya saa 48" / "kwa wiki moja": the lead word, the amount, then the unit."""
    raw = m.group("n").lower()
    amount = str(_SW_NUMBERS.get(raw, raw))
    lead = {"ndani ya": "within", "kwa": "for", "kabla ya": "within"}[m.group("lead").lower()]
    return f"{lead} {amount} {_SW_UNITS[m.group('u').lower()]}"


def _scandi_city(m: re.Match[str]) -> str:
    city = m.group("c")
    for name in (city, city[:-1] if city.endswith("s") else city):
        if name.lower() + " time" in GENERIC_ZONES:
            return f"{name} time"
    return m.group(0)


def _tz_id(m: re.Match[str]) -> str:
    city = m.group("c").replace("_", " ")
    return f"{city} time" if city.lower() + " time" in GENERIC_ZONES else m.group(0)


def _twelve(hour: str, pm: bool) -> str:
    h = int(hour)
    return f"{h + 12 if pm and h < 12 else h:02d}:00"


def _hindi_clock(m: re.Match[str]) -> str:
    part = (m.group("part") or "").lower()
    h = int(m.group("h"))
    pm = part in ("shaam", "sham") or (part == "raat" and h >= 6) or (
        part == "dopahar" and h < 6)
    day = "tomorrow " if m.group("kal") else ""
    return f"{day}{_twelve(m.group('h'), pm)}"


_ONES = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven "
                                     "twelve thirteen fourteen fifteen sixteen seventeen "
                                     "eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty "
                                         "ninety".split()) if i >= 2}
_SPELT_WORD = "|".join([*_TENS, *sorted(_ONES, key=len, reverse=True), "hundred", "thousand"])
#: what a spelt-out compound number counts: a size, a length of time, tokens, money, carbon
_SPELT_UNIT = (r"(?=\s+(?:gigabytes?|gigs?|terabytes?|megabytes?|GB|TB|MB|GiB|TiB|hours?|days?|"
               r"weeks?|minutes?|tokens?|GPU|dollars?|euros?|bucks|kg|kilograms?|tonnes?|"
               r"million|billion)\b)")


def _spelt(m: re.Match[str]) -> str:
    """"one hundred and fifty" -> "150", "twenty-four" -> "24"."""
    total = current = 0
    for word in re.split(r"[\s-]+", m.group(0).lower()):
        if word == "and":
            continue
        if word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total, current = total + (current or 1) * 1000, 0
        else:
            current += _ONES.get(word, _TENS.get(word, 0))
    return str(total + current)


#: "3h30" is a clock time, unless a run length on hardware ("3h30 on one V100"), enough
#: ("2h30 should do") or its length is said ("roughly 3h30 of wall-clock", "2h15 of training")
CLOCK_HMM = (r"(?<!for )(?<!about )(?<!~)(?<!takes )(?<!runs )(?<!roughly )(?<!around )(?<!maybe )"
             r"(?<!approx\. )(?<!approx )(?<!like )(?<!ca\. )(\d{1,2})\s?h(?:eures?)?\s?(\d{2})\b"
             r"(?=\s|$|[,.])(?!\s+on\s|\s+(?:\w+ )?(?:be )?(?:enough|plenty|do)\b)"
             r"(?!\s+(?:of\s+)?(?:max(?:imum)?\b|wall|run-?time|training|fine-?tuning|compute\b|"
             r"gpu time))")
_SW_NUM = "|".join(_SW_NUMBERS)
WORLD_TIME_PHRASES: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    *DAY_WORD_PHRASES,  # s14: "ngày 1/12", "dia 14"
    *MONTH_END_PHRASES,  # s16: "selle kuu lõpuks", "do konca meseca"
    # s16: "Not earlier than tomorrow 07:00", "no sooner than 9pm": the start words the
    # time rules know
    (r"not\s+(?:any\s+)?(?:earlier|sooner)\s+than|no\s+sooner\s+than", "no earlier than"),
    *PLACE_CLOCK_PHRASES,  # s13: "po beogradskom vremenu", "ora României"
    *ZONE_PHRASES,  # s12: a city's clock, "at" and start words in more languages
    # a spelt-out compound number before its unit (dictation): "one hundred and fifty
    # gigabytes", "twenty-four hours", "two thousand five hundred dollars"
    (rf"(?:{_SPELT_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_SPELT_WORD}))+{_SPELT_UNIT}", _spelt),
    # one spelt-out number before a data size ("twelve gigs", "three terabytes")
    (rf"(?:{_SPELT_WORD})(?=\s+(?:gigabytes?|gigs?|terabytes?|megabytes?|tebibytes?|"
     r"gibibytes?)\b)", _spelt),
    # a rough amount: "four-ish days", "10ish hours" -> "about four days"
    (r"(\w+)-?ish(?=\s+(?:minutes?|hours?|days?|weeks?|months?)\b)", r"about \1"),
    # city zones: a tz database id ("Europe/Amsterdam", "America/Sao_Paulo")
    (r"(?-i:(?:Europe|America|Asia|Australia|Africa|Pacific|Atlantic|Indian)/(?:\w+/)?"
     r"(?P<c>[A-Z][A-Za-z_]+))", _tz_id),
    (r"(?-i:(?P<c>[A-ZÅÄÖØ][a-zåäöøæ]+))tid", _scandi_city),
    (r"czasu\s+(" + "|".join(_PL_CITY_ADJ) + r")", lambda m: f"{_PL_CITY_ADJ[m.group(1).lower()]}"
                                                          " time"),
    (r"(" + "|".join(_CJK_CITY) + r")(?:时间|時間)", lambda m: f" {_CJK_CITY[m.group(1)]} time"),
    # Swahili: "ndani ya saa 48" (within), "kwa wiki moja" (for), "GB 30", "dola 150"
    (rf"(?P<lead>ndani ya|kwa|kabla ya)\s+(?P<u>{'|'.join(_SW_UNITS)})\s+(?P<n>{_NUM}|{_SW_NUM})",
     _sw_amount),
    (r"(?:dola|dolar|dólares)\s+(" + _NUM + r")(?!\s*(?:k\b|\d))", r"\1 dollars"),
    (r"(?<!\d)(?<!\d\s)(GB|TB|MB|GiB|TiB)\s+(" + _NUM + r")(?![\d.,]*\s*(?:GB|TB|MB|%|x\b))",
     r"\2 \1"),
    # Chinese currency words after an amount: "3000 美元" (USD), "500 欧元" (EUR)
    (rf"({_NUM})\s*(?:美元|美金)", r"\1 USD"), (rf"({_NUM})\s*(?:欧元|歐元)", r"\1 EUR"),
    # Indonesian / Malay
    (rf"dalam(?:\s+waktu)?\s+({_NUM})\s+({'|'.join(_ID_UNITS)})",
     lambda m: f"within {m.group(1)} {_ID_UNITS[m.group(2).lower()]}"),
    (rf"selama\s+({_NUM})\s+({'|'.join(_ID_UNITS)})",
     lambda m: f"for {m.group(1)} {_ID_UNITS[m.group(2).lower()]}"),
    (r"mulai(?=\s+(?:besok|hari ini|jam|pukul|\d|" + "|".join(_ID_DAYS) + r"))", "from"),
    (r"(?:jam|pukul)\s+(\d{1,2})[:.](\d{2})", r"at \1:\2"),
    (r"besok", "tomorrow"), (r"paling lambat|sebelum", "by"),
    (r"(?<=\d )(?:GPU-jam|jam-GPU)", "GPU-hours"),
    (rf"(?<=\d )({'|'.join(_ID_UNITS)})", _unit(_ID_UNITS)),
    ("|".join(_ID_DAYS), lambda m: _ID_DAYS[m.group(0).lower()]),
    # Vietnamese
    (rf"trong vòng\s+({_NUM})\s+({'|'.join(_VI_UNITS)})",
     lambda m: f"within {m.group(1)} {_VI_UNITS[m.group(2).lower()]}"),
    ("|".join(_VI_DAYS), lambda m: _VI_DAYS[m.group(0).lower()]),
    (r"trước(?=\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|ngày|\d))",
     "before"),
    (rf"(?<=\d )({'|'.join(_VI_UNITS)})", _unit(_VI_UNITS)),
    # Korean: weekdays, "오후 6시" (6 pm), "까지" (by, after its time)
    ("|".join(_KO_DAYS), lambda m: _KO_DAYS[m.group(0)]),
    (r"(?:(오전|오후)\s*)?(\d{1,2})시(?:\s*(\d{1,2})분)?(?:까지)?",
     lambda m: (_twelve(m.group(2), m.group(1) == "오후")[:3]
                + f"{int(m.group(3) or 0):02d}")),
    (r"까지", " "),
    # Hindi weekdays, romanised ("shukravar") or in Devanagari, and "तक" (by, after its time)
    (r"(?:" + "|".join(_HI_DAYS) + r")", lambda m: _HI_DAYS[m.group(0).lower()]),
    # only a time-like run moves ("Friday 18:00 तक"), never the words before it ("H100 पर")
    (r"(?P<t>(?:" + _HI_TIMEISH + r")(?:\s+(?:" + _HI_TIMEISH + r")){0,2})\s*तक", r"by \g<t>"),
    (r"कल", "tomorrow"),
    # a start gerund: "começando amanhã às 8h", "empezando el lunes", "iniziando lunedì"
    (r"come[çc]ando|empezando|comenzando|iniziando|cominciando|en commen[çc]ant|commen[çc]ant",
     "starting"),
    # Polish "do piątku do 15:00" (by Friday by 15:00); "od X do Y" is a window, left
    (r"do(?=\s+(?:" + _PL_WHEN + r"))", _polish_by), (r"jutr[ao]", "tomorrow"),
    # Dutch "om 9 uur" (at 9 o'clock), before "uur" is read as hours
    (r"om\s+(\d{1,2})(?:[.:](\d{2}))?\s+uur\b",
     lambda m: f"at {m.group(1)}:{m.group(2) or '00'}"),
    # "lundi prochain", "el próximo lunes", "martedì prossimo": next <weekday>
    (r"(?P<d>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|mi[ée]rcoles|"
     r"jueves|viernes|s[áa]bado|domingo|luned[iì]|marted[iì]|mercoled[iì]|gioved[iì]|"
     r"venerd[iì]|sabato|domenica)\s+(?:prochaine?|que viene|pr[óo]xim[oa]|prossim[oa]|que vem)"
     r"|(?:el\s+)?pr[óo]xim[oa]\s+(?P<e>lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|"
     r"domingo|segunda|ter[çc]a|quarta|quinta|sexta)",
     lambda m: f"next {m.group('d') or m.group('e')}"),
    # Hindi-English: "kal subah 10 baje" (tomorrow 10:00), "shaam 6 baje" (18:00)
    (r"(?P<kal>kal\s+)?(?:(?P<part>subah|shaam|sham|raat|dopahar)\s+)?(?P<h>\d{1,2})\s+baje",
     _hindi_clock),
]
