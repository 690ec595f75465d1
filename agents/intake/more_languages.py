"""Words and phrases of Swedish, Danish, Norwegian, Polish and Finnish, for `lexicon.rewrite`.

Job verbs, run-time units, "only", weekdays, countries and the locative forms of country
names ("i Sverige", "w Polsce", "we Francji", "Suomessa"), read as the English the
extractors know. Also time and cost phrases of the Romance languages and Dutch ("non
prima di", "até ao fim do mês", "binnen 36 uur", "al costo minimo", "15 mil dólares")
and spelt-out sums ("three thousand dollars"). Kept apart from `lexicon` so that each
module stays small.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from agents.intake.month_words import MONTH_PHRASES
from agents.intake.units import WORD_NUMBERS

#: Single words (lower case) -> English.
MORE_WORDS: dict[str, str] = {
    # what the user wants most, in German, Dutch and Romance words ("Hauptsache billig")
    "billig": "cheap", "günstig": "cheap", "preiswert": "cheap", "goedkoop": "cheap",
    "barato": "cheap", "zügig": "fast", "snel": "fast", "rápido": "fast",
    # Swedish, Danish, Norwegian
    "träna": "train", "träning": "training", "trene": "train",
    "træne": "train", "træn": "train", "finjustera": "fine-tune",
    "finjustere": "fine-tune", "finjuster": "fine-tune", "finjustering": "fine-tuning",
    "utvärdera": "evaluate", "utvärdering": "evaluation", "evaluere": "evaluate",
    "evaluer": "evaluate", "driftsätt": "deploy", "driftsätta": "deploy", "servera": "serve",
    "betjäna": "serve", "transkribera": "transcribe", "transkribere": "transcribe",
    "timmar": "hours", "timme": "hour", "timmars": "hours", "dagars": "days",
    "veckors": "weeks", "väggtid": "wall time", "veggtid": "wall time", "vægtid": "wall time",
    "karta": "card", "karty": "cards", "kart": "cards", "kort": "cards",
    "avbrytbara": "interruptible", "avbrytbar": "interruptible", "avbrytbart": "interruptible",
    "instanser": "instances", "przerwy": "interruptions", "są": "are",
    "gerar": "generate", "generar": "generate", "générer": "generate", "generare": "generate",
    "legendas": "subtitles", "subtítulos": "subtitles", "sottotitoli": "subtitles",
    "transkrypcję": "transcription", "transkrypcja": "transcription",
    "transkrypcji": "transcription", "dagar": "days", "dager": "days", "dage": "days",
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
    "pas": "not", "clasificar": "classify", "classificar": "classify",
    "klassifizieren": "classify", "classificare": "classify", "klassificera": "classify",
    "klasyfikuj": "classify", "resumir": "summarise", "résumer": "summarise",
    "zusammenfassen": "summarise", "riassumere": "summarise", "traducir": "translate",
    "traduire": "translate", "übersetzen": "translate", "tradurre": "translate",
    "traduzir": "translate", "översätta": "translate", "vertalen": "translate",
    "puntuar": "score", "trenowanie": "training", "entrenamiento": "training",
    "tokenów": "tokens", "jetons": "tokens", "jeton": "token", "czechach": "Czechia",
    "czechy": "Czechia", "nie": "not", "budżet": "budget", "inferens": "inference",
    "inferencja": "inference", "köra": "run", "helst": "preferably", "knoten": "nodes",
    "nœuds": "nodes", "noeuds": "nodes", "nodos": "nodes", "noder": "nodes", "węzły": "nodes",
    "vortraining": "pre-training", "vortrainieren": "pre-train", "transcriberen": "transcribe",
    "transcrever": "transcribe", "transcribir": "transcribe", "transcrire": "transcribe",
    "trascrivere": "transcribe", "gebruiken": "use", "valutazione": "evaluation",
    "évaluation": "evaluation", "evaluación": "evaluation", "avaliação": "evaluation",
    "segunda": "Monday", "segunda-feira": "Monday", "terça": "Tuesday",
    "terça-feira": "Tuesday", "quarta": "Wednesday", "quarta-feira": "Wednesday",
    "quinta": "Thursday", "quinta-feira": "Thursday", "sexta": "Friday",
    "sexta-feira": "Friday",
    "transcripción": "transcription", "transcrição": "transcription",
    "trascrizione": "transcription", "traducción": "translation", "tradução": "translation",
    "traduction": "translation", "traduzione": "translation", "übersetzung": "translation",
    "vertaling": "translation", "clasificación": "classification",
    "classificação": "classification", "classificazione": "classification",
    "klaar": "done", "zwei": "two", "drei": "three", "vier": "four", "fünf": "five",
    "sechs": "six", "sieben": "seven", "acht": "eight", "neun": "nine", "zehn": "ten",
    "zwölf": "twelve", "deux": "two", "trois": "three", "quatre": "four", "cinq": "five",
    "huit": "eight", "dix": "ten", "cuatro": "four", "cinco": "five", "seis": "six",
    "ocho": "eight", "diez": "ten", "dois": "two", "duas": "two", "oito": "eight",
    "två": "two", "fyra": "four", "åtta": "eight", "dwa": "two", "dwie": "two",
    "trzy": "three", "cztery": "four", "pięć": "five", "osiem": "eight",
    "ignorez": "ignore", "ignoriere": "ignore", "ignorieren": "ignore", "ignora": "ignore",
    "ignorera": "ignore", "ignorer": "ignore", "ignoruj": "ignore", "zignoruj": "ignore",
    "überspringe": "skip", "überspring": "skip", "überspringen": "skip", "umgehe": "bypass",
    "umgehen": "bypass", "deaktiviere": "disable", "deaktivieren": "disable",
    "contournez": "bypass", "contourne": "bypass", "contourner": "bypass",
    "désactivez": "disable", "désactive": "disable", "désactiver": "disable",
    "desactiva": "disable", "desactivar": "disable", "desactive": "disable", "omite": "skip",
    "omitir": "skip", "sáltate": "skip", "salta": "skip", "omijaj": "bypass", "omiń": "bypass",
    "pomiń": "skip", "wyłącz": "disable", "hoppa": "skip", "zasady": "rules", "reguły": "rules",
    "regler": "rules", "regeln": "rules", "règles": "rules", "reglas": "rules",
    "przydziel": "allocate", "entrena": "train", "entrene": "train", "entrenen": "train",
    "entraîne": "train", "entraînez": "train", "entrainez": "train", "afina": "fine-tune",
    "affinez": "fine-tune", "affine": "fine-tune", "évaluez": "evaluate", "evalúa": "evaluate",
    "evalua": "evaluate", "servez": "serve", "sirve": "serve", "trainiere": "train",
    "addestra": "train", "allena": "train", "valuta": "evaluate", "ospita": "host",
    "ospitare": "host", "non": "not", "só": "only", "brasil": "Brazil", "orçamento": "budget",
    "presupuesto": "budget", "dólares": "dollars", "oder": "or", "und": "and", "ou": "or",
    "eller": "or", "och": "and", "lub": "or", "albo": "or", "oppure": "or", "inte": "not",
    "ikke": "not", "mese": "month", "mesi": "months", "giorno": "day", "settimana": "week",
    "maand": "month", "maanden": "months", "månad": "month", "månader": "months",
    "miesiąc": "month", "dag": "day", "héberger": "host", "alojar": "host",
    "einen": "a", "monat": "month", "körtid": "runtime", "ungefär": "about", "omkring": "about",
    "cirka": "about",
    "prüfung": "check", "aber": "but", "mais": "but", "pero": "but", "ma": "but",
    "maar": "but", "niente": "no", "nessuno": "no",
    "ingen": "no", "inga": "no", "geen": "no", "nenhum": "no", "ninguna": "no",
    "ninguno": "no", "billionen": "trillion", "modells": "model", "modelle": "model",
    "feintuning": "fine-tuning", "hasta": "until", "jusqu'au": "until", "até": "until",
    "twee": "two", "drie": "three", "vijf": "five", "zes": "six", "tien": "ten",
    "betreiben": "run", "klart": "done",
    "jutro": "tomorrow", "dzisiaj": "today", "dziś": "today", "polska": "Poland",
    "niemcy": "Germany", "francja": "France", "szwecja": "Sweden",
    # Finnish
    "kouluta": "train", "hienosäädä": "fine-tune", "arvioi": "evaluate", "tuntia": "hours",
    "päivää": "days", "viikkoa": "weeks", "suomi": "Finland",
    # Swahili and Arabic job verbs
    "tafsiri": "translate", "kutafsiri": "translate", "tathmini": "evaluate",
    "kutathmini": "evaluate", "تقييم": "evaluate", "ترجمة": "translate", "تدريب": "train",
}

_POLISH_PLACES = {"polsce": "Poland", "niemczech": "Germany", "francji": "France",
                  "szwecji": "Sweden", "norwegii": "Norway", "finlandii": "Finland",
                  "holandii": "Netherlands", "hiszpanii": "Spain", "irlandii": "Ireland",
                  "europie": "Europe", "stanach zjednoczonych": "the US"}
#: Polish genitives after "leave" ("opuścić Polski"): the country in English
_POLISH_GENITIVES = {"polski": "Poland", "niemiec": "Germany", "francji": "France",
                     "szwecji": "Sweden", "norwegii": "Norway", "finlandii": "Finland",
                     "holandii": "Netherlands", "hiszpanii": "Spain", "irlandii": "Ireland",
                     "europy": "Europe", "unii europejskiej": "the EU"}
_FINNISH_PLACES = {"suomessa": "Finland", "saksassa": "Germany", "ruotsissa": "Sweden",
                   "euroopassa": "Europe"}


def _polish_place(m: re.Match[str]) -> str:
    head, place = m.group(0).lower().split(None, 1)
    # "w Polsce lub Niemczech": a locative after "or"/"and" is a second place
    return ("in " if head in ("w", "we") else head + " ") + _POLISH_PLACES[place]


def _polish_genitive(m: re.Match[str]) -> str:
    return m.group(1) + " " + _POLISH_GENITIVES[m.group(2).lower()]


def _finnish_place(m: re.Match[str]) -> str:
    return "in " + _FINNISH_PLACES[m.group(0).lower()]


_UNITS = (r"timmar|timme|dagar|dager|dage|veckor|vecka|uker|uke|uger|uge|minuter|timer|godzin\w*|"
          r"månader|månad|måneder|måned|miesiące|miesięcy|miesiąc|hours|days|weeks|minutes|months|"
          r"dni|dzień|tygodni\w*|tydzień|minut\w*|tuntia|päivää|viikkoa")
_NATION_CITY = {"svensk": "Stockholm", "norsk": "Oslo", "dansk": "Copenhagen", "finsk": "Helsinki",
                "polskiego": "Warsaw", "czasu": "Warsaw", "deutsche": "Berlin",
                "deutscher": "Berlin", "heure": "Paris", "ora": "Rome", "nederlandse": "Amsterdam"}


def _clock_city(m: re.Match[str]) -> str:
    from agents.intake.zones import GENERIC_ZONES  # noqa: PLC0415 (zones loads the tz list)
    city = m.group(2)
    if f"{city.lower()} time" not in GENERIC_ZONES:
        return m.group(0)
    return f"{m.group(1)} {city} time"


def _romance_city_time(m: re.Match[str]) -> str:
    """"horário de São Paulo" -> "São Paulo time": the longest leading words the zones know."""
    from agents.intake.zones import GENERIC_ZONES  # noqa: PLC0415 (zones loads the tz list)
    words = m.group("c").split()
    for n in range(len(words), 0, -1):
        city = " ".join(words[:n])
        if f"{city.lower()} time" in GENERIC_ZONES:
            return " ".join([f"{city} time", *words[n:]])
    return f"{words[0]} time" + "".join(" " + w for w in words[1:])


def _nation_time(m: re.Match[str]) -> str:
    words = m.group(0).lower().split()
    if words[0] == "hora":
        return "Lisbon time" if words[1] == "portuguesa" else "Madrid time"
    return _NATION_CITY.get(words[0], "Berlin") + " time"


_NUMS = (r"en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|jeden|jedna|dwa|dwie|trzy|cztery|pięć|"
         r"to|ti")
_NUM_VALUES = {"en": "1", "ett": "1", "två": "2", "tre": "3", "fyra": "4", "fem": "5",
               "sex": "6", "sju": "7", "åtta": "8", "nio": "9", "tio": "10", "jeden": "1",
               "jedna": "1", "dwa": "2", "dwie": "2", "trzy": "3", "cztery": "4", "pięć": "5",
               "to": "2", "ti": "10"}
#: (pattern, replacement), applied by `lexicon.rewrite` with its own phrases.
MORE_PHRASES: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    # "ajuste fino" (fine-tune); "cualquier nube menos Azure", "qualquer nuvem exceto AWS",
    # "jeder Anbieter außer AWS": any provider except one
    (r"ajuste\s+fino|afinamiento|afina[cç][aã]o", "fine-tune"),
    (r"(?:cualquier|qualquer|n'importe quel(?:le)?|jede[rs]?|qualsiasi)\s+(?:nube|nuvem|cloud|"
     r"proveedor|provedor|fournisseur|anbieter|fornitore)\s+(?:menos|excepto|salvo|exceto|"
     r"sauf|au(?:ß|ss)er|tranne|eccetto)", "any cloud except"),
    # locatives of Swedish/Danish/Norwegian ("i Sverige"), Polish ("w Polsce", "we Francji")
    # and Finnish ("Suomessa"): the country in English after "in"
    (r"(?:w|we|lub|albo|oraz|i)\s+(?:polsce|niemczech|francji|szwecji|norwegii|finlandii|holandii|hiszpanii|"
     r"irlandii|europie|stanach zjednoczonych)", _polish_place),
    (r"i(?=\s+(?:sverige|norge|danmark|tyskland|frankrike|frankrig|finland|europa|"
     r"nederländerna|irland|usa)\b)", "in"),
    (r"suomessa|saksassa|ruotsissa|euroopassa", _finnish_place),
    (r"(opu[śs]ci[ćc]|opuszcza[ćc]|spoza)\s+(" + "|".join(_POLISH_GENITIVES) + r")\b",
     _polish_genitive),
    # nodes and their size: "nœuds de 4", "Knoten mit je vier", "nodos con 8 ... cada uno"
    (r"(?:knoten|nodes)\s+mit(?:\s+je)?|(?:nœuds|noeuds|nodes)\s+(?:de|avec)|"
     r"(?:nodos|nodi|nós|nodes)\s+(?:con|com)|(?:knooppunten|nodes)\s+met", "nodes with"),
    (r"nodi|nodos|nœuds|noeuds|knooppunten", "nodes"),
    (r"dos(?=\s+(?:nodes|nodos|nodi|servidores|GPU))", "two"),
    (r"tre(?=\s+(?:nodes|nodi|noder|GPU))", "three"),
    (r"una\s+sola|un\s+solo|une\s+seule|un\s+seul|una\s+[úu]nica|un\s+[úu]nico|"
     r"eine\s+einzige|einer\s+einzigen|einen\s+einzigen|jedn[aą]\s+jedyn\w*", "one"),
    (r"l'italia", "Italy"), (r"l'europa", "Europe"), (r"l'irlanda", "Ireland"),
    (r"(\d+)\s+timer\b", r"\1 hours"),
    # clock times: "à partir de lundi", "a partir de segunda às 9h", "ab Montag", "alle 18:00"
    (r"[àa] partir (?:d[eou]|des|del)\b|ab(?=\s+(?:montag|dienstag|mittwoch|donnerstag|freitag|"
     r"samstag|sonntag|morgen|\d))", "from"),
    (r"(?:às|alle|kl\.?|klockan|o godzinie|godz\.?)\s+(\d{1,2})(?![:.,\dh])", r"at \1:00"),
    (r"(?:às|alle|om|kl\.?|klockan|o godzinie|godz\.?)(?=\s+\d)", "at"),
    # a city's time in Romance languages ("hora de Madrid", "ora di Roma", "horário de
    # Brasília") and German ("Madrider Zeit"): "<city> time", the zone table knows the city
    (r"(?:heure|hora|ora|hor[áa]rio)\s+(?:de|di|da|do)\s+(?-i:(?P<c>[A-ZÀ-Ý][\w-]+(?:\s+(?:de\s+)?"
     r"[A-ZÀ-Ý][\w-]+){0,2}))", _romance_city_time),
    # "this evening" in other languages: a start at 20:00 like "tonight"
    (r"esta\s+noche|esta\s+noite|ce\s+soir|stasera|questa\s+sera|heute\s+abend|heute\s+nacht|"
     r"vanavond|i\s+kv[äa]ll|i\s+aften|dzi[śs]\s+wieczorem", "tonight"),
    (r"(?-i:([A-ZÄÖÜ][a-zäöüß]+))er zeit", r"\1 time"),
    # "at the latest": a deadline cue
    (r"au plus tard|a m[áa]s tardar|al m[áa]s tardar|uiterlijk|najp[óo][źz]niej|"
     r"sp[äa]testens|senast|senest|entro e non oltre", "by"),
    (r"over(?=\s+\d+(?:[.,]\d+)?\s+(?:dagen|uur|weken|minuten)\b)", "in"),
    # GPU-hours in other languages: "12 ore-GPU", "GPU-Stunden", "horas de GPU"
    (r"(?:ore|horas|heures|stunden|uur|godzin\w*|timmar|timer)[- ](?:de\s+)?GPU|GPU[- ](?:stunden|"
     r"heures|horas|ore|uur|timmar|timer|godzin\w*)", "GPU-hours"),
    (r"by in(?=\s+\d)", "within"),
    (r"(?:(?<=at )|(?<=by )|(?<=from )|(?<=to ))(\d{1,2})\s?h(?![\w:])", r"\1:00"),
    (r"mld\.?|mrd\.?|md\.?(?=\s+tok)", "billion"),
    (r"mln\.?|mio\.?", "million"),
    # "8 kart A100", "4 Karten H100": a count of cards before an accelerator name
    (r"(\d+)\s+(?:kart|karty|karten|cartes|tarjetas|placas|schede|kort)(?=\s+[A-Z]?\w*\d)", r"\1"),
    # "zwei Knoten mit je 8 H100": per node
    (r"mit je (\d+) ([\w-]+)", r"with \1 \2 each"),
    (r"avec (\d+) ([\w-]+) chacun", r"with \1 \2 each"),
    (r"con (\d+) ([\w-]+) cada uno", r"with \1 \2 each"),
    # objectives
    (r"s[åa] gr[öo]n(?:t)? som m[öo]jligt|s[åa] gr[øo]n(?:t)? som muligt|jak najbardziej "
     r"ekologicznie|jak najekologiczniej", "as green as possible"),
    (r"s[åa] billigt som m[öo]jligt|s[åa] billigt som muligt|jak najtaniej", "cheapest"),
    (r"s[åa] snabbt som m[öo]jligt|s[åa] hurtigt som muligt|jak najszybciej",
     "as soon as possible"),
    (r"od zera|fr[åa]n grunden|fra bunden", "from scratch"),
    (r"g[åa]r bra|er fint|[äa]r ok", "is fine"),
    (r"(billion|million|trillion) (?:de|di|d'|of|von) (tokens?|jetons?|token[óo]w)", r"\1 \2"),
    (r"modelu\s+(\d+(?:[.,]\d+)?\s?[BM])\b", r"\1 model"),
    (r"en dehors d(?:es|u|e)|hors d(?:es|u|e)|au[ßs]erhalb(?: der| von| des)?|fuera de(?:l)?|"
     r"fora d[eoa]s?|al di fuori d\w*|poza|utanf[öo]r|uden for|utenfor|buiten", "outside"),
    (r"(?:des )?[ÉE]tats-Unis|Estados Unidos|Stati Uniti|Verenigde Staten|Vereinigte[nr]? Staaten|"
     r"USA", "the US"),
    # policy words, so that the safety scan reads them in English
    (r"r[ée]sidence des donn[ée]es|residencia de (?:los )?datos|(?:daten)?residenz|residência de "
     r"dados|residenza dei dati|dataresidens|rezydencj\w* danych", "data residency"),
    (r"souverainet[ée] des donn[ée]es|datensouver[äa]nit[äa]t|soberan[íi]a de (?:los )?datos",
     "data sovereignty"),
    (r"dsgvo|rgpd|rodo|avg(?=\W)", "GDPR"),
    (r"za darmo|gratuitamente|umsonst|sin coste|sin costo|sans frais", "for free"),
    (r"aux [ÉE]tats-Unis|en EE\.? ?UU\.?|EE\.? ?UU\.?|in den USA|w USA|i USA", "in the US"),
    # dates and start/finish verbs: "hasta el 5 de mayo", "antes del 4 de mayo a las 12:00"
    *MONTH_PHRASES,  # "20 noiembrie", "15. decembra", "december 4-én" (s14)
    (r"(?:no puede|no podemos|no pueden|ne peut pas|ne pouvons pas|kann nicht|können nicht|"
     r"darf nicht|não pode|non può|kan inte|nie może) (?:empezar|comenzar|commencer|d[ée]marrer|"
     r"starten|beginnen|come[çc]ar|iniziare|partire|b[öo]rja|starta|zacz[ąa][ćc])(?:\s+antes)?",
     "can't start"),
    (r"antes d(?:el?|[oa])|avant le|vor dem|prima del|före den", "before"),  # + gl/pt "do" (s14)
    (r"(?:a las|alle ore|à|um)(?=\s+\d)|o(?=\s+\d{1,2}:\d{2})", "at"),
    (r"mit(?=\s+(?:mindestens|min\.|\d))", "with"),
    (r"(?:empezar|comenzar|commencer|starten|beginnen|começar|iniziare)", "start"),
    (r"(?:terminar|acabar|finir|terminer|fertig sein|beenden|finire|terminare|avsluta|skończyć)",
     "finish"),
    # "18h de Lisboa", "9:00 di Roma": a clock then a city
    (r"(\d{1,2}(?::\d{2}|h))\s+(?:de|di|da|do|du)\s+(?-i:([A-ZÀ-Ý][\w-]+))", _clock_city),
    # a nation's time: "svensk tid", "deutscher Zeit", "heure française", "hora española"
    (r"svensk tid|norsk tid|dansk tid|finsk tid|polskiego czasu|czasu polskiego|deutscher? zeit|"
     r"heure fran[çc]aise|hora (?:española|peninsular)|ora italiana|hora portuguesa|"
     r"nederlandse tijd", _nation_time),
    (r"i morgon|i morgen", "tomorrow"),
    (r"(?<=\d )(t|kg|g|tonnes?|toneladas?|tonnellate)\s+(?:de|di|d')(?=\s*CO)", r"\1 of"),
    (r"no m[áa]ximo|como m[áa]ximo|au maximum|h[öo]chstens|al massimo|maximaal|maximalt|"
     r"maksymalnie", "at most"),
    (r"(?<![-./\w])schnell(?![-.\w])", "fast"),  # not the "FLUX.1-schnell" model's part
    (r"au moins|al menos|como m[íi]nimo|pelo menos|almeno|ten minste|minimaal|minst|"
     r"co najmniej|mindestens|mind\.|min\.(?=\s*\d)", "at least"),
    (r"(\w+)\s+(weken|dagen|uur|uren)\s+lang", r"for \1 \2"),
    # "pendant un mois", "per un mese", "einen Monat lang": a run of one unit
    (r"(?:un|une|uno|una|um|uma|ein|einen|eine|en|ett|een|jeden|jedną)(?=\s+(?:mois|semaine|jour|"
     r"heure|mes|semana|d[íi]a|hora|giorno|settimana|mese|monat|woche|tag|stunde|m[åa]nad|vecka|"
     r"dag|timme|maand|week|uur|tydzień|dzień|miesiąc|godzinę)\b)", "a"),
    (r"pas d['’](\w+)", r"no \1"),
    (r"(?:no|na|em)(?=\s+(?:Brasil|Alemanha|França|Espanha|Itália|Japão|Canadá|EUA|Europa|"
     r"Holanda|Irlanda|Suécia|Noruega|Polónia|Polônia)\b)", "in"),
    (r"(\d+),(\d{1,2})\s?([BM])(?=\b|-)", r"\1.\2\3"),
    (r"(?-i:([A-Z][a-z]+))se tijd", r"\1 time"),
    # "på en A10G", "één L4", "eine H100": one accelerator; Swedish/Danish/Norwegian "en"
    # only after their own words, since Spanish and French "en RTX 4090" means "on"
    (r"(?:(?:(?<=\bpå )|(?<=\bmed )|(?<=\bför )|(?<=\btil )|(?<=\bfor )|(?<=\bkör )|"
     r"(?<=\bbruk )|(?<=\bbrug )|(?<=\bkjør )|(?<=\bhar )|(?<=\bbehöver )|(?<=\btrenger )|"
     r"(?<=\bbehøver )|(?<=\bvia ))en|ett|ein|eine|einer|einem|un|une|uno|una|um|uma|een|"
     r"één|jeden|jedna|jedno|jednej|jednym|jedną)"
     r"(?=\s+(?:[A-Z]{1,3}\d{1,4}|RTX|MI\d|TPU))", "one"),
    # a number word before a unit or a card: "tre dagars", "fyra kort", "dwie karty"
    (r"(?:" + _NUMS + r")(?=\s+(?:timmar|timmars|timme|dagar|dagars|dager|dage|veckor|veckors|"
     r"uker|uger|minuter|timer|godzin\w*|dni|tygodni\w*|karta|karty|kart|kort)\b)",
     lambda m: _NUM_VALUES[m.group(0).lower()]),
    # time phrases of Romance languages and Dutch: "non prima di" (not before), "até ao fim
    # do mês" (by the end of the month), "binnen 36 uur" (within 36 hours), "lanzar" (start)
    (r"non prima d[i']|pas avant|nicht vor|no antes de|n[aã]o antes d[eao]|niet voor|inte f[öo]re",
     "not before"),
    (r"(?:at[ée]|hasta|d'ici|entro|bis|tot)\s+(?:a[ol]?\s+|el\s+|la\s+|zum\s+|het\s+)?"
     r"(?:fim|fin(?:al)?|fine|ende|eind)\s+(?:do|del|de|du|della|dello|des|van\s+de)\s+"
     r"(?:m[eê]s|mes|mois|mese|monats|maand)|bis\s+(?:zum\s+)?monatsende",
     "by the end of the month"),
    (r"binnen|innerhalb(?:\s+von)?|dentro\s+de|en\s+moins\s+de|inom|w\s+ci[aą]gu",
     "within"),
    (r"(?:^|(?<=[.;:!?]\s))(?:lanzar|arrancar|empezar|comenzar|iniciar|lancer|d[ée]marrer|"
     r"avviare|iniziare|starten|beginnen|come[cç]ar|"
     # the imperatives ("Lanza el fine-tune", "Arrancad el batch", "Démarrez", "Avvia")
     r"lanza|lanzad|lance|lancez|arranca|arrancad|arranque|empieza|empezad|comienza|inicia|"
     r"iniciad|inicie|d[ée]marre|d[ée]marrez|avvia|avviate|inizia|starte|startet|beginne|"
     r"come[cç]a|comece)(?=\s)", "start"),
    # cost as the criterion in Romance languages: "al costo minimo", "custo mínimo"
    (r"(?:al|a|au|con|com)?\s*(?:menor|m[ií]nimo|minimo|moindre)\s+(?:costo|coste|custo|co[uû]t|"
     r"precio|pre[cç]o|prezzo|prix)|(?:al\s+|au\s+|a\s+)?(?:costo|coste|custo|co[uû]t|precio|"
     r"pre[cç]o|prezzo|prix)\s+(?:m[ií]nimo|minimo|minimal|le plus bas|pi[uù] basso|m[aá]s bajo)",
     "cheapest"),
    (r"(?:è|es|est|é|ist|is)\s+(?:molto\s+|muy\s+|tr[eè]s\s+|sehr\s+|muito\s+)?(?:urgente|"
     r"dringend)|\burgente\b|\bdringend\b|\bpilne\b|\bbr[åa]dskande\b", "is urgent"),
    # "nada en AWS", "rien sur GCP", "nichts auf Azure": nothing on a provider
    (r"(?:nada|nenhum|niente|rien|nichts)\s+(?:en|em|su|sur|auf|bei|no|na)(?=\s+[A-Z])",
     "nothing on"),
    # "three thousand dollars", "two hundred euros": a spelt-out amount of money
    (r"(?P<w>" + "|".join(sorted((re.escape(w) for w in WORD_NUMBERS if w not in (
        "a few", "a couple of", "couple of", "several")), key=len, reverse=True))
     + r")\s+(?P<s>hundred|thousand)(?=\s+(?:dollars|usd|euros?|eur|bucks)\b)",
     lambda m: str(int(WORD_NUMBERS[m.group("w").lower()]
                       * (100 if m.group("s").lower() == "hundred" else 1000)))),
    # "one dollar", "fifty euros": a spelt-out small amount of money
    (r"(?P<w>" + "|".join(sorted((re.escape(w) for w in WORD_NUMBERS if w not in (
        "a few", "a couple of", "couple of", "several", "a", "an", "a couple", "half a",
        "half an")), key=len, reverse=True))
     + r")\s+(?P<c>dollars?|usd|euros?|eur|bucks)",
     lambda m: f"{WORD_NUMBERS[m.group('w').lower()]:g} {m.group('c')}"),
    # thousands in Spanish/Portuguese/Catalan: "15 mil dólares"
    (r"(\d+(?:[.,]\d+)?)\s+mil(?=\s+(?:d[oó]lares|dollars|euros?|reais|usd|eur|\$|€))",
     r"\1 thousand"),
    # a run length: "i 10 timmar", "przez 6 godzin", "i 3 dagar"
    (r"(?:przez|i|på|i løpet af|i løpet av)(?=\s+(?:\d+(?:[.,]\d+)?|" + _NUMS + r")\s+(?:"
     + _UNITS + r")\b)", "for"),
    (r"przez(?=\s+(?:tydzień|dzień|miesiąc|godzinę)\b)", "for a"),
]
