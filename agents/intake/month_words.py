"""Month names of other languages, and the dates written with them, as English dates.

`lexicon.rewrite` reads "20 noiembrie", "15. decembra", "20 de xaneiro", "12 ژانویه",
"14. júní" (day first) and "december 4-én", "gruodžio 15 d." (month first: Hungarian,
Lithuanian) as "20 November", which `timeexpr` reads as a date; a day after the word for
"day" ("ngày 1/12", "dia 14") is read too. Each language's cell
lists its twelve months, ";"-separated, each with the inflections dates take ("|");
a form shared by two languages must name the same month (Croatian "listopad" is October,
Polish and Czech November: the Croatian months are left out).
"""

from __future__ import annotations

import re
from collections.abc import Callable

ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December")

#: language -> its months, day first ("15 <month>")
_DAY_FIRST = {
    "es": "enero;febrero;marzo;abril;mayo;junio;julio;agosto;septiembre|setiembre;octubre;"
          "noviembre;diciembre",
    "fr": "janvier;février|fevrier;mars;avril;mai;juin;juillet;août|aout;septembre;octobre;"
          "novembre;décembre|decembre",
    "de": "januar;februar;märz;april;mai;juni;juli;august;september;oktober;november;dezember",
    "it": "gennaio;febbraio;marzo;aprile;maggio;giugno;luglio;agosto;settembre;ottobre;"
          "novembre;dicembre",
    "pt": "janeiro;fevereiro;março;abril;maio;junho;julho;agosto;setembro;outubro;novembro;"
          "dezembro",
    "gl": "xaneiro;febreiro;marzo;abril;maio;xuño;xullo;agosto;setembro;outubro;novembro;"
          "decembro",
    "ca": "gener;febrer;març;abril;maig;juny;juliol;agost;setembre;octubre;novembre;desembre",
    "ro": "ianuarie;februarie;martie;aprilie;mai;iunie;iulie;august;septembrie;octombrie;"
          "noiembrie;decembrie",
    "nl": "januari;februari;maart;april;mei;juni;juli;augustus;september;oktober;november;"
          "december",
    "sv": "januari;februari;mars;april;maj;juni;juli;augusti;september;oktober;november;december",
    "nb": "januar;februar;mars;april;mai;juni;juli;august;september;oktober;november;desember",
    "pl": "stycznia;lutego;marca;kwietnia;maja;czerwca;lipca;sierpnia;września;października;"
          "listopada;grudnia",
    "cs": "ledna|leden;února|únor;března|březen;dubna|duben;května|květen;června|červen;"
          "července|červenec;srpna|srpen;září;října|říjen;listopadu|listopad;prosince|prosinec",
    "sk": "januára|január;februára|február;marca|marec;apríla|apríl;mája|máj;júna|jún;"
          "júla|júl;augusta|august;septembra|september;októbra|október;novembra|november;"
          "decembra|december",
    "sr": "januara|januar;februara|februar;marta|mart;aprila|april;maja|maj;juna|jun;"
          "jula|jul;avgusta|avgust|augusta;septembra|septembar;oktobra|oktobar;"
          "novembra|novembar;decembra|decembar",
    "sr-Cyrl": "јануара|јануар;фебруара|фебруар;марта|март;априла|април;маја|мај;јуна|јун;"
               "јула|јул;августа|август;септембра|септембар;октобра|октобар;"
               "новембра|новембар;децембра|децембар",
    "sl": "januarja|januar;februarja|februar;marca|marec;aprila|april;maja|maj;junija|junij;"
          "julija|julij;avgusta|avgust;septembra|september;oktobra|oktober;novembra|november;"
          "decembra|december",
    "ru": "января;февраля;марта;апреля;мая;июня;июля;августа;сентября;октября;ноября;декабря",
    "uk": "січня;лютого;березня;квітня;травня;червня;липня;серпня;вересня;жовтня;листопада;"
          "грудня",
    "et": "jaanuaril|jaanuar;veebruaril|veebruar;märtsil|märts;aprillil|aprill;mai;"
          "juunil|juuni;juulil|juuli;augustil|august;septembril|september;oktoobril|oktoober;"
          "novembril|november;detsembril|detsember",
    "lv": "janvārī|janvāris;februārī|februāris;martā|marts;aprīlī|aprīlis;maijā|maijs;"
          "jūnijā|jūnijs;jūlijā|jūlijs;augustā|augusts;septembrī|septembris;oktobrī|oktobris;"
          "novembrī|novembris;decembrī|decembris",
    "fi": "tammikuuta;helmikuuta;maaliskuuta;huhtikuuta;toukokuuta;kesäkuuta;heinäkuuta;"
          "elokuuta;syyskuuta;lokakuuta;marraskuuta;joulukuuta",
    "is": "janúar;febrúar;mars;apríl;maí;júní;júlí;ágúst;september;október;nóvember;desember",
    "tr": "ocak;şubat;mart;nisan;mayıs;haziran;temmuz;ağustos;eylül;ekim;kasım;aralık",
    "id": "januari;februari;maret;april;mei;juni;juli;agustus|ogos;september;oktober;november;"
          "desember|disember",
    "el": "ιανουαρίου;φεβρουαρίου;μαρτίου;απριλίου;μαΐου;ιουνίου;ιουλίου;αυγούστου;"
          "σεπτεμβρίου;οκτωβρίου;νοεμβρίου;δεκεμβρίου",
    "fa": "ژانویه;فوریه;مارس;آوریل;مه;ژوئن;ژوئیه;اوت;سپتامبر;اکتبر;نوامبر;دسامبر",
    "ar": "يناير;فبراير;مارس;أبريل|ابريل;مايو;يونيو;يوليو;أغسطس|اغسطس;سبتمبر;أكتوبر|اكتوبر;"
          "نوفمبر;ديسمبر",
    "th": "มกราคม;กุมภาพันธ์;มีนาคม;เมษายน;พฤษภาคม;มิถุนายน;กรกฎาคม;สิงหาคม;กันยายน;ตุลาคม;"
          "พฤศจิกายน;ธันวาคม",
}
#: language -> its months, month first ("<month> 15")
_MONTH_FIRST = {
    "hu": "január;február;március;április;május;június;július;augusztus;szeptember;október;"
          "november;december",
    "lt": "sausio;vasario;kovo;balandžio;gegužės;birželio;liepos;rugpjūčio;rugsėjo;spalio;"
          "lapkričio;gruodžio",
}


def _table(cells: dict[str, str]) -> dict[str, int]:
    """Lower-cased form -> month number (1-12); a form that names two months fails."""
    out: dict[str, int] = {}
    for cell in cells.values():
        for month, forms in enumerate(cell.split(";"), start=1):
            for form in forms.split("|"):
                if out.setdefault(form.lower(), month) != month:
                    raise ValueError(f"month form {form!r} names two months")
    return out


MONTH_WORDS = _table(_DAY_FIRST)
_FIRST_WORDS = _table(_MONTH_FIRST)


def _alt(words: dict[str, int]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


def _day_month(m: re.Match[str]) -> str:
    return f"{m.group('d')} {ENGLISH_MONTHS[MONTH_WORDS[m.group('m').lower()] - 1]}"


def _month_day(m: re.Match[str]) -> str:
    return f"{ENGLISH_MONTHS[_FIRST_WORDS[m.group('m').lower()] - 1]} {m.group('d')}"


def _numeric_day_month(m: re.Match[str]) -> str:
    """"ngày 1/12" -> "1 December": a day and month after the word for "day" (day first)."""
    day, month = int(m.group("d")), int(m.group("m"))
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return m.group(0)
    return f"{day} {ENGLISH_MONTHS[month - 1]}" + (f" {m.group('y')}" if m.group("y") else "")


_ALL_EN = "|".join(ENGLISH_MONTHS)
#: (pattern, replacement) for `lexicon.rewrite`: "15. decembra" -> "15 December",
#: "20 de xaneiro", "14 d'abril" (Romance "of"), "december 4-én" -> "December 4" (a
#: Hungarian case ending, a Lithuanian "d." for "day" dropped)
MONTH_PHRASES: list[tuple[str, Callable[[re.Match[str]], str]]] = [
    (rf"(?P<d>\d{{1,2}})\.?\s+(?:de\s+|d'|del\s+)?(?P<m>{_alt(MONTH_WORDS)})(?!\w)", _day_month),
    (rf"(?P<m>{_alt(_FIRST_WORDS)})\s+(?P<d>\d{{1,2}})(?:-?(?:án|én|jén|ig|áig|éig)|\s+d\.)?"
     r"(?![\d\w])", _month_day),
]
#: a day after the word for "day", for `lexicon.rewrite` before the unit words read "ngày"
#: as "days" ("17:00 ngày 1/12")
DAY_WORD_PHRASES: list[tuple[str, Callable[[re.Match[str]], str]]] = [
    # "ngày 1/12" (Vietnamese): the word for "day" before a day/month pair
    (r"ngày\s+(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>20\d\d))?(?![\d/])", _numeric_day_month),
    # "dia 14 às 09:30", "el día 14", "il giorno 14": a day of the month with no month
    (rf"(?:(?:o|el|il)\s+)?(?:dia|día|giorno)\s+(?P<d>[12]?\d|3[01])(?![\d/.:,]|\s+(?:de|del|d'|"
     rf"{_ALL_EN})\b)", lambda m: f"the {m.group('d')}th"),
]
#: "by the end of this month" in other languages (s16: "Tähtaeg: selle kuu lõpuks", "Iki šio
#: mėnesio pabaigos", "do konca meseca"): the English the time rules read as the month's
#: last second
MONTH_END_PHRASES: list[tuple[str, str]] = [(
    r"(?:selle\s+)?kuu\s+lõpuks|(?:iki\s+)?(?:šio\s+)?mėnesio\s+pabaigos|"
    r"(?:līdz\s+)?(?:šī\s+)?mēneša\s+beigām|do\s+konca\s+(?:tega\s+)?meseca|"
    r"do\s+konca\s+(?:tohto\s+)?mesiaca|do\s+konce\s+(?:tohoto\s+)?měsíce|"
    r"do\s+końca\s+(?:tego\s+)?miesiąca|do\s+kraja\s+(?:ovog\s+)?(?:mjeseca|meseca)|"
    r"до\s+краја\s+(?:овог\s+)?месеца|до\s+края\s+на\s+(?:този\s+)?месеца|"
    r"до\s+конца\s+(?:этого\s+)?месяца|до\s+кінця\s+(?:цього\s+)?місяця|"
    r"(?:d'ici|avant)\s+la\s+fin\s+du\s+mois|(?:antes\s+de|para)\s+(?:el\s+)?(?:fin|final)\s+"
    r"de(?:l)?\s+mes|entro\s+(?:la\s+)?fine\s+(?:del\s+)?mese|até\s+(?:o|ao)\s+(?:fim|final)\s+"
    r"do\s+mês|(?:voor|tegen)\s+(?:het\s+)?einde\s+van\s+de\s+maand|bis\s+ende\s+(?:des|dieses)\s+"
    r"monats|(?:bu\s+)?ay(?:ın)?\s+sonuna\s+kadar|(?:tämän\s+)?kuun\s+loppuun(?:\s+mennessä)?|"
    r"(?:a\s+)?hónap\s+végéig|până\s+la\s+sfârșitul\s+lunii|pana\s+la\s+sfarsitul\s+lunii|"
    r"μέχρι\s+το\s+τέλος\s+του\s+μήνα|(?:sebelum|paling\s+lambat)\s+akhir\s+bulan(?:\s+ini)?|"
    r"trước\s+cuối\s+tháng(?:\s+này)?|(?:före|innan)\s+månadens\s+slut|innen\s+utgangen\s+av\s+"
    r"måneden|inden\s+udgangen\s+af\s+måneden|mahine\s+ke\s+ant\s+tak|kabla\s+ya\s+mwisho\s+wa\s+"
    r"mwezi", "by the end of this month")]
