"""A city's clock, the word "at" before a clock, and start words, in more languages (s12).

For `lexicon.rewrite`, before `world_time_words`: each rule turns a phrase the time
extractors cannot read into the English they do read, so that `timeparse` applies the
README's rules (a generic zone follows the place's daylight-saving rules; weekdays and
"tomorrow" are reckoned on that zone's calendar):

- a city's time written as "<time word> <city>": "ώρα Αθήνας", "за київським часом",
  "oras sa Maynila", "İstanbul saati", "به وقت تهران", "שעון תל אביב", "بتوقيت الرياض"
  -> "Athens time", "Kyiv time", ...;
- a city named right after a clock time: "deadline Monday 06:00 Manila", "by 5pm Riyadh";
- the word joining a day to its clock: "Friday στις 14:00", "Ijumaa saa 18:00", "у
  понеділок о 07:00" -> "Friday at 14:00";
- clock hours with a part of the day: "jam 12 siang" (noon), "6:00 ng gabi" (18:00),
  "ساعت 8 صبح" (8 am), "सुबह 10 बजे", "下午 3:00", a spoken "nine thirty" before a zone;
- start and "before" words: "не раньше" (not before), "через 3 часа" (in 3 hours),
  "починати після вихідних" (start after the weekend), "sebelum" (before), "Ξεκίνα" (start).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from agents.intake.alternation import longest_first
from agents.intake.zones import GENERIC_ZONES, zone_cities

#: a city's name in another script or inflection -> the English name `GENERIC_ZONES` knows
_CITY = {
    # Greek genitives
    "αθήνας": "Athens", "αθηνας": "Athens", "ελλάδας": "Athens", "ελλάδος": "Athens",
    "θεσσαλονίκης": "Athens", "λευκωσίας": "Nicosia", "κύπρου": "Nicosia",
    "λονδίνου": "London", "βερολίνου": "Berlin", "παρισιού": "Paris", "νέας υόρκης": "New York",
    # Ukrainian / Russian adjectives ("за київським часом", "по московскому времени")
    "київським": "Kyiv", "києвським": "Kyiv", "кийвським": "Kyiv", "львівським": "Kyiv",
    "киевским": "Kyiv", "киевскому": "Kyiv", "московським": "Moscow", "московским": "Moscow",
    "московскому": "Moscow", "лондонським": "London", "лондонскому": "London",
    "берлінським": "Berlin", "берлинскому": "Berlin", "варшавським": "Warsaw",
    "варшавскому": "Warsaw", "минскому": "Minsk", "мінським": "Minsk",
    # Tagalog, Turkish, Persian, Hebrew, Arabic, Thai, Vietnamese, Swahili
    "maynila": "Manila", "manila": "Manila", "pilipinas": "Manila", "cebu": "Manila",
    "davao": "Manila", "i̇stanbul": "Istanbul", "istanbul": "Istanbul", "ankara": "Istanbul",
    "izmir": "Istanbul", "i̇zmir": "Istanbul", "türkiye": "Istanbul", "tehran": "Tehran",
    "تهران": "Tehran", "ایران": "Tehran", "תל אביב": "Tel Aviv", "תל-אביב": "Tel Aviv",
    "ישראל": "Tel Aviv", "ירושלים": "Jerusalem", "الرياض": "Riyadh", "السعودية": "Riyadh",
    "مكة": "Riyadh", "دبي": "Dubai", "الإمارات": "Dubai", "القاهرة": "Cairo", "مصر": "Cairo",
    "الدوحة": "Qatar", "قطر": "Qatar", "بيروت": "Beirut", "عمان": "Amman", "عمّان": "Amman",
    "الكويت": "Kuwait", "ไทย": "Bangkok", "ประเทศไทย": "Bangkok", "กรุงเทพ": "Bangkok",
    "กรุงเทพฯ": "Bangkok", "hà nội": "Ho Chi Minh", "việt nam": "Ho Chi Minh",
    "sài gòn": "Ho Chi Minh", "nairobi": "Nairobi", "afrika mashariki": "Nairobi",
}
_CITY_RE = "|".join(sorted((re.escape(c) for c in _CITY), key=len, reverse=True))


def _city_time(m: re.Match[str]) -> str:
    name = _CITY.get(m.group("c").lower())
    if name is None or name.lower() + " time" not in GENERIC_ZONES:
        return m.group(0)
    return f" {name} time "


#: capitalised city names `GENERIC_ZONES` knows as "<city> time" (two letters or more)
_ZONE_CITIES = "|".join(longest_first(re.escape(c.title()) for c in zone_cities(
    9, one_word=True, ascii_only=True)))
_HOUR_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten "
                                          "eleven twelve".split()) if i}
_MINUTE_WORDS = {"o five": 5, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30,
                 "forty": 40, "forty five": 45, "forty-five": 45, "fifty": 50}
_SPOKEN_H = "|".join(sorted(_HOUR_WORDS, key=len, reverse=True))
_SPOKEN_M = "|".join(sorted((re.escape(w) for w in _MINUTE_WORDS), key=len, reverse=True))


def _spoken_clock(m: re.Match[str]) -> str:
    """"nine thirty" -> "9:30", "eight am" -> "8:00 am", "nine o'clock" -> "9:00"."""
    hour = _HOUR_WORDS[m.group("h").lower()]
    minute = _MINUTE_WORDS.get((m.group("m") or "").lower(), 0)
    ap = (m.group("ap") or "").replace(".", "").lower()
    return f"{hour}:{minute:02d}" + (f" {ap}" if ap in ("am", "pm") else "")


def _day_part(m: re.Match[str]) -> str:
    """A clock hour with a word for the part of the day, on a 24-hour clock."""
    hour, minute = int(m.group("h")), int(m.group("mi") or 0)
    part = m.group("p").lower()
    if part in _PM_PARTS and hour < 12 and not (part in _NOON_PARTS and hour >= 11):
        hour += 12
    elif part in _AM_PARTS and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}"


#: words for the evening / afternoon and the morning (Indonesian, Tagalog, Persian, Hindi, zh)
_PM_PARTS = {"sore", "malam", "siang", "ng gabi", "ng hapon", "ng tanghali", "gabi", "hapon",
             "tanghali", "عصر", "بعدازظهر", "بعد از ظهر", "شب", "शाम", "रात", "दोपहर", "下午",
             "晚上", "午後", "夜",
             # s13: Urdu and Bengali, written before the hour ("شام 5 بجے", "সন্ধ্যা 6টায়")
             "شام", "رات", "دوپہر", "সন্ধ্যা", "রাত", "বিকেল", "দুপুর",
             # s14: Malay, Romanian (after the hour), Hungarian (before it)
             "petang", "tengah hari", "seara", "după-amiaza", "dupa-amiaza", "délután"}
_AM_PARTS = {"pagi", "ng umaga", "umaga", "صبح", "सुबह", "上午", "早上", "午前", "朝", "সকাল",
             "ভোর", "dimineața", "dimineaţa", "dimineata", "reggel", "délelőtt"}
#: parts that name midday: "jam 12 siang", "pukul 12 tengah hari" is noon, not midnight
_NOON_PARTS = ("siang", "tanghali", "tengah hari")
#: Latin-script parts written before the hour ("reggel 9-kor": Hungarian)
_LATIN_BEFORE = ("reggel", "délután", "délelőtt")
_AFTER_PART = "|".join(longest_first(re.escape(p) for p in _PM_PARTS | _AM_PARTS
                                     if (p.isascii() and p not in _LATIN_BEFORE) or p in (
                                         "عصر", "بعدازظهر", "بعد از ظهر", "شب", "صبح",
                                         "dimineața", "dimineaţa", "după-amiaza")))
#: (Persian writes the part after the hour, Urdu before it: both orders are read, the
#: after-rule first)
_BEFORE_PART = "|".join(longest_first(re.escape(p) for p in _PM_PARTS | _AM_PARTS
                                      if (not p.isascii() or p in _LATIN_BEFORE)
                                      and p not in ("عصر", "بعدازظهر", "بعد از ظهر", "شب")))

_MONTH_NAMES = ("January February March April May June July August September October November "
                "December").split()
_MONTHS = {w: _MONTH_NAMES[i] for words in (
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
    "ιανουαρίου φεβρουαρίου μαρτίου απριλίου μαΐου ιουνίου ιουλίου αυγούστου σεπτεμβρίου "
    "οκτωβρίου νοεμβρίου δεκεμβρίου",
    "ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık")
    for i, w in enumerate(words.split())}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

#: the weekend, and the words for after / before it, in Nordic, West Slavic, South Slavic,
#: Baltic, Romanian and Hungarian (s13)
_WEEKEND_WORDS = (r"helgen|helga|helgi|weekenden|víkendu|víkendem|víkendom|víkend|vikenda|"
                  r"vikendu|vikend|weekend-ul|weekendului|weekend|savaitgalio|savaitgalį|"
                  r"hétvégén|hétvége")
_AFTER_WORDS = r"efter|etter|po|nakon|posle|poslije|după|dupa|after"
_BEFORE_WORDS = r"före|innan|før|inden|před|pred|prije|pre|înainte\s+de|prieš|before"

ZONE_PHRASES: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    # a city's time: "<time word> <city>" and "<city> <time word>"
    (rf"ώρα\s+(?P<c>{_CITY_RE})", _city_time),
    (rf"(?:за|по)\s+(?P<c>{_CITY_RE})\s+(?:часом|времени)", _city_time),
    (rf"oras\s+(?:din\s+)?(?:sa|ng)\s+(?P<c>{_CITY_RE})", _city_time),
    (rf"(?P<c>{_CITY_RE})\s+saat(?:i|iyle|ine göre)", _city_time),
    (rf"(?:به\s+)?وقت\s+(?P<c>{_CITY_RE})", _city_time),
    (rf"(?:לפי\s+)?שעון\s+(?P<c>{_CITY_RE})", _city_time),
    (rf"(?:ب|حسب\s+)?توقيت\s+(?P<c>{_CITY_RE})", _city_time),
    (rf"เวลา\s*(?P<c>{_CITY_RE})", _city_time),
    (rf"giờ\s+(?P<c>{_CITY_RE})", _city_time),
    (rf"saa\s+za\s+(?P<c>{_CITY_RE})", _city_time),
    # a city named right after a clock time, closing its clause: "Monday 06:00 Manila;"
    (rf"(?-i:(?P<t>\d{{1,2}}(?::\d\d)?\s?(?:[ap]\.?m\.?|:\d\d)|\d{{1,2}}:\d\d)\s+"
     rf"(?P<c>{_ZONE_CITIES}))(?=\s*(?:$|[;,.)!?\n]|\s+(?:on|tomorrow|today|tonight)\b))",
     r"\g<t> \g<c> time"),
    # the word "at" between a day and its clock
    # a clock hour with the part of the day: "jam 12 siang", "6:00 ng gabi", "下午 3:00"
    (rf"(?:(?:jam|pukul|alas|la|ساعت)\s+)?(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d\d))?\s*"
     rf"(?P<p>{_AFTER_PART})(?=\s|$|[,.;)])", _day_part),
    (rf"(?P<p>{_BEFORE_PART})\s*(?P<h>\d{{1,2}})(?::(?P<mi>\d\d))?\s*(?:बजे|بجے|টার|টায়|টায়|টা|點|点|時|时|-kor|kor)?",
     _day_part),
    (r"(?P<h>\d{1,2})\s*बजे", r"\g<h>:00"),
    # (a rule that ends before a digit re-writes the clock it reads: `lexicon` ends each
    # match at a word edge)
    (r"از\s+(?:ساعت\s+)?(?P<c>\d{1,2}:\d\d)", r"from \g<c>"),
    (r"saat\s+(?P<c>\d{1,2}[:.]\d\d)'(?:dan|den|tan|ten)(?P<z>\s*\([^)]{1,30}\))?"
     r"(?:\s+itibaren)?", r"from \g<c>\g<z>"),
    (r"(?:στις|saa|saat|о|об|в|alas|lúc|ساعت)\s+(?P<c>\d{1,2}[:.]\d\d)(?!\d)(?:'(?:da|de|ta|te)\b)?",
     r"at \g<c>"),
    (r"(?P<c>\d{1,2}:\d\d)\s+(?:uur|hours|hrs|horas|heures|ore)(?=\s+\S+\s+(?:tijd|time|Zeit|hora"
     r"|heure|ora)\b|\s*(?:$|[,.;)]))", r"\g<c>"),
    (r"(?P<h>\d{1,2})\s*o'?clock", r"\g<h>:00"),  # "say 7 o'clock Athens time"
    (r"hatinggabi|nửa đêm|午夜|深夜0時|نیمه‌?شب|منتصف الليل|μεσάνυχτα|полночь|північ",
     " midnight "),
    # a spoken clock: "nine thirty new york time", "eight am", "nine o'clock"
    (rf"(?P<h>{_SPOKEN_H})(?:\s+(?P<m>{_SPOKEN_M}))?\s*(?P<ap>[ap]\.?m\.?|o'?clock)",
     _spoken_clock),
    (rf"(?P<h>{_SPOKEN_H})\s+(?P<m>{_SPOKEN_M})(?=\s+(?:[A-Za-z]+\s+){{0,2}}time\b)"
     r"(?P<ap>)", _spoken_clock),
    # "prazo final 24/02/2023 18h": an hour right after a date is its clock
    (r"(?P<d>\d{1,2}[/.]\d{1,2}[/.](?:20)?\d\d)\s+(?:às\s+|a las\s+|à\s+)?(?P<h>\d{1,2})h(?!\w)",
     r"\g<d> \g<h>:00"),
    # a month after its day: "1 декабря", "5 листопада", "12 Ιουλίου", "3 Kasım"
    (rf"(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH_RE})", lambda m: f"{m.group('d')} "
     + _MONTHS[m.group("m").lower()]),
    # Hindi "(IST) से" (from, after its time)
    (r"(?P<t>\d{1,2}:\d\d(?:\s*\([A-Za-z ]{2,20}\))?)\s*से", r"from \g<t>"),
    # start words and "before"
    (r"(?:старт|начало|початок)\s+не\s+(?:раньше|раніше)(?:\s+ніж|\s+чем)?", "start not before"),
    (r"не\s+(?:раньше|раніше)(?:\s+ніж|\s+чем)?", "not before"),
    (r"(?:начать|запустить|стартовать|починати|почати|розпочати|запуск)(?=\s+(?:через|після|"
     r"после|з\s|с\s|о\s|в\s|at\s|\d))", "start"),
    (r"через\s+(?P<n>\d+)", r"in \g<n>"),
    (r"(?:в\s+течение|протягом|впродовж)\s+(?P<n>\d+)", r"within \g<n>"),
    # "у понеділок", "во вторник": the preposition before a weekday
    (r"(?:у|в|во)\s+(?P<d>(?:понеділ|вівтор|серед|четвер|п'ятниц|пʼятниц|субот|неділ|понедельник"
     r"|вторник|сред|пятниц|суббот|воскресень)\w*)", r"\g<d>"),
    (r"(?:после|після)\s+(?:выходных|вихідних)", "after the weekend"),
    # s13: "before / after the weekend" in more languages ("efter helgen", "po víkendu",
    # "před víkendem", "nakon vikenda", "după weekend", "hétvége után")
    (rf"(?:{_AFTER_WORDS})\s+(?:the\s+)?(?:{_WEEKEND_WORDS})|(?:{_WEEKEND_WORDS})\s+után",
     "after the weekend"),
    (rf"(?:{_BEFORE_WORDS})\s+(?:the\s+)?(?:{_WEEKEND_WORDS})|(?:{_WEEKEND_WORDS})\s+előtt",
     "before the weekend"),
    (r"(?:з|с)\s+(?P<c>\d{1,2}:\d\d)", r"from \g<c>"),
    (r"(?:mulai\s+)?paling\s+cepat(?=\s+(?:besok|jam|pukul|hari|\d))", "not before"),
    (r"sebelum|sblm", "before"),
    (r"(?:huwag|wag)\s+(?:(?:mo|nyo|ninyo)\s+)?(?:simulan|umpisahan)\s+(?:nang\s+)?bago\s+"
     r"(?:mag-?\s*)?(?P<x>\d{1,2}(?::\d\d)?)", r"do not start before \g<x>"),
    (r"bago\s+(?:mag-?\s*|ang\s+)?(?P<x>\d{1,2}(?::\d\d)?|midnight|lunes|martes|miyerkules|huwebes|biyernes|"
     r"sabado|linggo|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|hatinggabi)",
     r"before \g<x>"),
    (r"ξεκίνα|ξεκινήστε|ξεκίνησε|να\s+ξεκινήσει", "start"), (r"όχι\s+πριν", "not before"),
    (r"agle\s+(?P<n>\d+)\s+(?P<u>din|ghante|ghanton|hafte|hafton)\s+(?:ke\s+)?"
     r"(?:andar|bheetar|bhitar|mein)",
     lambda m: f"within the next {m.group('n')} " + {"din": "days", "hafte": "weeks",
                                                      "hafton": "weeks"}.get(
         m.group("u").lower(), "hours")),
    # a Spanish / Portuguese / Italian article between an English time word and its date
    (r"(?P<w>until|from|by|before|after|to|hasta|desde|antes\s+de)\s+(?:el|la|las|los|il)\s+"
     r"(?P<d>\d{1,2}(?=:\d\d|\s+(?:de\s+)?[A-Za-z]{3,})(?!\s+(?:de\s+)?(?:GB|TB|GPU|nodes?|"
     r"clusters?|cards?|x)\b)|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)",
     r"\g<w> \g<d>"),
    (r"desde\s+(?:el\s+|la\s+|las\s+)?(?P<d>\d{1,2})", r"from \g<d>"),
    (r"fim\s+do\s+dia|final\s+do\s+dia|fin\s+del\s+d[íi]a|final\s+del\s+d[íi]a|fine\s+giornata",
     "end of day"),
    (r"(?:закончить|завершить|закінчити|завершити|финиш)", "finish"),
    (r"misma\s+zona(?:\s+horaria)?|mesmo\s+fuso(?:\s+horário)?|stessa\s+ora", "same zone"),
]
