"""Where a job may or must not run: areas, countries, cloud regions and providers.

A mention is an exclusion when an odd number of negating words precede it in its
clause ("nothing in China" excludes CN; "can't leave the EU" negates twice and keeps
EU). Where the data merely *is* ("our bucket is in Singapore") is no constraint.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from agents.intake.alternation import longest_first
from agents.intake.cities import CITIES, CITY_PATTERN, city_is_place
from agents.intake.not_run_places import names_no_run_place
from agents.intake.place_writer import data_place_is_rule, not_a_run_place
from agents.intake.text import Hit
from agents.intake.world_countries import WORLD_COUNTRIES
from agents.intake.zones import EVENT_NOUNS

REGIONS_CSV = Path(__file__).resolve().parents[2] / "data" / "regions.csv"
_CLOUD_PROVIDERS = {"aws", "gcp", "azure", "lambda", "nebius"}

COUNTRIES: dict[str, str] = {
    "germany": "DE", "france": "FR", "united kingdom": "GB", "uk": "GB", "great britain": "GB",
    "britain": "GB", "england": "GB", "norway": "NO", "sweden": "SE", "netherlands": "NL",
    "the netherlands": "NL", "holland": "NL", "finland": "FI", "ireland": "IE", "spain": "ES",
    "italy": "IT", "poland": "PL", "switzerland": "CH", "austria": "AT", "belgium": "BE",
    "denmark": "DK", "iceland": "IS", "portugal": "PT", "japan": "JP", "singapore": "SG",
    "india": "IN", "canada": "CA", "china": "CN", "mainland china": "CN", "south korea": "KR",
    "korea": "KR", "australia": "AU", "brazil": "BR", "israel": "IL", "taiwan": "TW",
    "hong kong": "HK", "russia": "RU", "united states": "US",
    "mexico": "MX", "indonesia": "ID", "south africa": "ZA", "chile": "CL", "qatar": "QA",
    "uae": "AE", "united arab emirates": "AE", "saudi arabia": "SA", "luxembourg": "LU",
    "czechia": "CZ", "czech republic": "CZ", "romania": "RO", "greece": "GR",
    # countries no catalogue region is in yet: named, so that a rule on them is asked about
    "turkey": "TR", "türkiye": "TR", "hungary": "HU", "new zealand": "NZ", "thailand": "TH",
    "malaysia": "MY", "vietnam": "VN", "philippines": "PH", "argentina": "AR",
    "colombia": "CO", "egypt": "EG", "nigeria": "NG", "kenya": "KE", "ukraine": "UA",
    "bulgaria": "BG", "croatia": "HR", "slovakia": "SK", "estonia": "EE", "latvia": "LV",
    "lithuania": "LT", "bahrain": "BH", "kuwait": "KW",
}
COUNTRIES.update({n: c for n, c in WORLD_COUNTRIES.items() if n not in COUNTRIES})  # the rest
#: Adjectives name a place only before an infrastructure noun ("Norwegian datacentres";
#: "German web text" is about the data's language).
DEMONYMS: dict[str, str] = {
    "german": "DE", "french": "FR", "british": "GB", "norwegian": "NO", "swedish": "SE",
    "dutch": "NL", "finnish": "FI", "irish": "IE", "spanish": "ES", "italian": "IT",
    "polish": "PL", "swiss": "CH", "austrian": "AT", "danish": "DK", "icelandic": "IS",
    "japanese": "JP", "singaporean": "SG", "indian": "IN", "canadian": "CA", "chinese": "CN",
    "korean": "KR", "australian": "AU", "american": "US", "european": "EU",
    "russian": "RU", "brazilian": "BR", "mexican": "MX", "israeli": "IL", "taiwanese": "TW",
    "belgian": "BE", "portuguese": "PT", "czech": "CZ", "greek": "GR", "romanian": "RO",
    "emirati": "AE", "saudi": "SA", "indonesian": "ID", "chilean": "CL", "luxembourgish": "LU",
    # Scandinavian adjectives ("svenska datacenter", "norske servere") (s13)
    "svensk": "SE", "svenska": "SE", "svenske": "SE", "norsk": "NO", "norska": "NO",
    "norske": "NO", "dansk": "DK", "danska": "DK", "danske": "DK",
}
_ISO_OK = {"DE", "FR", "GB", "UK", "NO", "SE", "NL", "FI", "IE", "ES", "IT", "PL", "CH", "AT",
           "BE", "DK", "JP", "SG", "KR", "AU", "CA", "IN", "CN", "IS"}
_INFRA_NOUN = (r"(?:\s+[\w-]+){0,2}?\s+(?:data\s?cent(?:er|re)s?|dcs?|regions?|clouds?|servers?|"
               r"hosting|hosts|providers?|soil|sites?|jurisdictions?|infrastructure|machines|"
               r"gpus|capacity|zones?|borders?|territory|residency|sovereignty)\b")

PROVIDERS: list[tuple[str, tuple[str, ...], bool]] = [
    # (pattern, ids, case-sensitive)
    (r"\baws\b|\bamazon(?:\s+web\s+services)?\b", ("aws",), False),
    (r"\bgcp\b|\bgoogle(?:\s+cloud)?(?:\s+platform)?\b", ("gcp",), False),
    (r"\bazure\b|\bmicrosoft\b", ("azure",), False),
    (r"\blambda(?:\s+labs|\s+cloud)?\b", ("lambda",), False),
    (r"\bnebius\b", ("nebius",), False),
    (r"\bvast(?:\.ai)?\b(?!\s+(?:majority|amounts?|numbers?|arrays?|quantit\w+|range|sums?|"
     r"improvement\w*|collection|corpus|datasets?|amount|scale|library|volumes?))", ("vast",),
     False),
    (r"\blium\b", ("lium",), False),
    (r"\bhyperbolic\b", ("hyperbolic",), False),
    (r"\bon-?prem(?:ise)?s?\b(?:\s+(?:cluster|servers|hardware|gpus|fleet))?|\bour own "
     r"(?:servers|hardware|cluster|gpus|data\s?cent(?:er|re))\b|\bin-house (?:cluster|servers)\b",
     ("onprem",), False),
    (r"\bhyperscalers?\b|\bbig (?:three|3)\b|\bbig clouds?\b|\bbig cloud providers\b|"
     r"\bmajor clouds?\b|\bpublic clouds?\b|"
    # "nicht bei den großen Clouds", "pas sur les grands clouds", "grandes nuvens" (s14)
    r"\bgro(?:ß|ss)en\s+clouds?\b|\bgrand(?:e|i)?s?\s+(?:clouds?|nubes|nuvens|nuages)\b",
     ("aws", "azure", "gcp"), False),
    (r"\bdecentrali[sz]ed\b|\bmarketplaces?\b|\bcommunity (?:gpus|clouds?|hosts)\b|"
     r"\bpeer-to-peer\b", ("hyperbolic", "lium", "vast"), False),
]

_NEG = re.compile(
    # "nothign", "nohting", "noting in": a negation with two letters swapped (s12)
    r"\bei\s+saa\b|\beiv[äa]t\s+saa\b|"  # Finnish "must not" ("ei saa poistua EU:sta") (s13)
    r"\b(?:no|not|nothing|nothign|nohting|notihng|never|none|except|excluding|exclude|outside|avoid(?:ing)?|without|"
    r"off|don't|do not|dont|can't|cannot|cant|mustn't|must not|shouldn't|should not|won't|"
    r"will not|ban(?:ned)?|skip|nor|anything but|other than|apart from|away from|stay off|"
    r"steer clear of|keep off|anywhere but|everywhere but|stay out of|"
    r"keep\s+(?:\w+\s+){0,3}?(?:out\s+of|away\s+from))\b|n't\b|"
    # negations and "except" words the lexicon leaves as written (Romanian, Malay /
    # Indonesian, Tagalog, Greek, French, Italian, Spanish, German) (s14)
    r"\b(?:nu|bukan|jangan|tanpa|huwag|[οό]χι|χωρ[ιί]ς|sauf|hormis|tranne|eccetto|salvo|"
    r"excepto|kecuali|au(?:ß|ss)er)\b",
    re.IGNORECASE)
#: "any provider but", "every cloud but": the exceptive "but" ends no clause
_ANY_NOUN_BUT = re.compile(r"\b(?:any|every|all)\s+(?:other\s+)?[\w-]+\s+$", re.IGNORECASE)
_FLIP = re.compile(r"\b(?:leave|leaves|leaving|exit|go outside|be moved out of|go out (?:from|of)|"
                   r"get out of|be taken out of|move out of|forlate|forlade|l[äa]mna\w*|verlassen|"
                   r"verlaten|salir|quitter|opu[śs]ci[ćc]|opuszcza[ćc]|sair|lasciare|l[äa]hte[äa]|"
                   r"poistua)\b", re.IGNORECASE)
#: (a parenthesis gives a reason, not approval: "not Germany though (works council)")
_POSITIVE_AFTER = re.compile(r"^[^\w;.!?(]*(?:(?!but\b|however\b|spot\b|interrupt\w*\b|"
                             r"preempt\w*\b)\w+[^\w;.!?(]+){0,2}?(?:welcome|ok|"
                             r"okay|fine(?!-)|allowed|preferred|is fine|are fine|works)\b",
                             re.IGNORECASE)
_NEG_AFTER = re.compile(r"^\s*[?:,]?\s*(?:(?:clouds?|providers?|regions?|data ?cent(?:er|re)s?|"
                        r"servers?|instances?|machines?|gpus?)\s+)?(?:is|are)?\s*"
                        r"(?:off[- ]limits|not allowed|forbidden|banned|excluded|"
                        r"out(?=\s*(?:[.,;!)]|$))|off the table|"
                        r"a no-go|not an option|blocked|out of the question|no,?\s+thanks?|"
                        r"no thank you|nope|"
                        # "Lambda please not (bad experience)": the negation placed after
                        r"(?:please\s+|pls\s+)?(?:not|no)(?=\s*(?:[.,;!)(]|$)))(?!\w)",
                        re.IGNORECASE)
#: "We got burned by Vast, so skip them": a later clause excludes the mention by pronoun.
_NEG_BACKREF = re.compile(r"^[^.;:!?]{0,45}?\b(?:skip|avoid|exclude|drop|ban|block|no more of|"
                          r"stay away from|keep away from|not)\s+(?:them|it|that one|those|those "
                          r"guys|there)\b", re.IGNORECASE)
_DATA_LOCATION = re.compile(
    r"\b(?:bucket|data|dataset|storage|corpus|files|s3|gcs)\b[^.;(),]*\b(?:is|are|lives?|sits?|"
    r"stored|located|hosted|kept)\s+(?:in|on)\s*(?:the\s+)?"
    # "sits in S3 us-east-1", "is in our GCS bucket in europe-west4" (the store, then its place)
    r"(?:(?:s3|gcs|blob|azure|bucket|storage|our|an?|the)\s+(?:(?:in|on)\s+)?){0,3}$",
    re.IGNORECASE)
_BREAK = re.compile(r"[.;:!?()\n]| - |(?<!anything )(?<!everything )(?<!everywhere )(?<!all )"
                    r"(?<!anywhere )"
                    r"(?<!any )\bbut\b|\bhowever\b|\bwhile\b|\bwhereas\b|"
                    # "let's not spend over $50 and keep it in Europe": a second verb, a clause
                    r"\band\s+(?=(?:keep|run|put|host|place|store|deploy|serve)\s+(?:it|them|"
                    r"this|the\s+\w+)\s+(?:in|on|within|inside)\b)", re.IGNORECASE)
#: "any EU country except France is fine": "fine" praises the rest, the exception stays out.
_EXCEPTIVE = re.compile(r"\b(?:except(?: for)?|excluding|other than|apart from|anything but|"
                        r"besides|save for|everywhere but|all but)\s+(?:\w+\s+){0,2}?$|"
                        r"\b(?:any|every|all)\s+(?:other\s+)?[\w-]+\s+but\s+(?:the\s+)?$",
                        re.IGNORECASE)
#: ("away from Vast and from anything running on Microsoft's cloud": one list, one negation)
_LIST_WORDS = {"and", "or", "nor", "also", "either", "neither", "the", "in", "on", "any", "of",
               "from", "anything", "everything", "running", "hosted", "owned", "operated", "by",
               "'s", "s",
               "mainland", "&", "/",
               # the "nor" of other languages (accents stripped): "nie na AWS ani Google",
               # "niente Amazon né Google", "nada de AWS nin Google", "weder AWS noch GCP"
               "ani", "ne", "nin", "ni", "noch", "nem"}


#: "Berlin time" (and "Mexico City time", s12) is a zone and "our Singapore team" a group
#: of people: neither constrains where the job runs.
_NOT_A_PLACE_RULE = re.compile(r"^\s+(?:city\s+)?(?:time|timezone|team|office|colleagues|staff|"
                               rf"folks|people|hq|headquarters|branch|lab|crew|squad|{EVENT_NOUNS})\b",
                               re.IGNORECASE)
#: "the standup in Singapore": where a meeting is, not where to run
_MEETING_BEFORE = re.compile(rf"\b{EVENT_NOUNS}\s+(?:in|with)\s+(?:the\s+)?$|"
                             # "our ops team is in Toronto": where people sit, not the job
                             r"\b(?:team|office|ops|staff|colleagues|folks|people|engineers|"
                             r"crew)\s+(?:is|are|sits?|works?|lives?)\s+(?:all\s+|mostly\s+)?"
                             r"(?:based\s+|located\s+)?(?:in|out of)\s+(?:the\s+)?$",
                             re.IGNORECASE)


@dataclass
class PlaceHits:
    """Regions allowed, regions excluded and providers excluded (with all mentions seen)."""

    regions: list[Hit] = field(default_factory=list)
    exclude_regions: list[Hit] = field(default_factory=list)
    exclude_providers: list[Hit] = field(default_factory=list)
    mentions: list[Hit] = field(default_factory=list)


@lru_cache(maxsize=2)
def cloud_regions(path: Path = REGIONS_CSV) -> frozenset[str]:
    """Cloud region ids of the big providers, as they spell them (`us-east-1`, `westeurope`)."""
    with open(path, newline="", encoding="utf-8") as fh:
        return frozenset(row["region"] for row in csv.DictReader(fh)
                         if row["provider"] in _CLOUD_PROVIDERS)


def _region_patterns() -> list[tuple[re.Pattern[str], str | None]]:
    pats: list[tuple[re.Pattern[str], str | None]] = []
    names = longest_first(cloud_regions())
    pats.append((re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])",
                            re.IGNORECASE), None))
    pats.append((re.compile(r"(?<![\w-])((?:us|eu|ap|sa|ca|me|af|il|mx)-(?:east|west|north|south|"
                            r"central|northeast|southeast|southwest|northwest|midwest)-\d)(?![\w-])",
                            re.IGNORECASE), None))
    pats.append((re.compile(r"(?<![\w-])((?:us|europe|asia|australia|northamerica|southamerica|me|"
                            r"africa)-(?:east|west|north|south|central|northeast|southeast|"
                            r"southwest|northwest)\d{1,2})(?![\w-])", re.IGNORECASE), None))
    areas = [
        # written in lower case, "us-east" is a place only where a place is expected (s14)
        (r"\bUS[- ]?(?:[Ee]ast|EAST)(?:ern|ERN)?\b|\b[Ee]ast [Cc]oast\b|\bUS East Coast\b|"
         r"\bus-east(?=\s+only\b|[- ]based\b)", "US-East"),
        (r"\bUS[- ]?[Ww]est(?:ern)?\b|\b[Ww]est [Cc]oast\b|\bus-west(?=\s+only\b|[- ]based\b)",
         "US-West"),
        (r"\bEU/EEA\b|\bEEA\b|\bEU\b|\b[Ee]urope\b|\bthe European Union\b|"
         # written in lower case, "eu" is a place only where a place is expected
         r"\beu(?=[- ](?:only|based|regions?|data ?cent(?:er|re)s?)\b)|(?<=\bin the )eu\b", "EU"),
        (r"\bAPAC\b|\b[Aa]sia[- ][Pp]acific\b", "APAC"),
        (r"\bUSA\b|\bUS\b|\bU\.S\.(?:A\.)?|(?<=\bin the )us\b", "US"),
    ]
    for pat, value in areas:
        pats.append((re.compile(pat), value))
    countries = sorted(COUNTRIES, key=len, reverse=True)
    pats.append((re.compile(r"\b(" + "|".join(map(re.escape, countries)) + r")\b", re.IGNORECASE),
                 "country"))
    pats.append((re.compile(r"\b(" + "|".join(DEMONYMS) + r")(?=" + _INFRA_NOUN + ")",
                            re.IGNORECASE), "demonym"))
    # "on the German grid only": the grid a job runs on is its country's
    pats.append((re.compile(r"(?<=\bon the )(" + "|".join(DEMONYMS) + r")(?=\s+(?:power\s+|"
                            r"electricity\s+)?grid\b)", re.IGNORECASE), "demonym"))
    pats.append((re.compile(r"(?<![\w-])(" + "|".join(sorted(_ISO_OK)) + r")(?![\w-])"), "iso"))
    pats.append((CITY_PATTERN, "city"))
    return pats


_PATTERNS = _region_patterns()
_PROVIDER_PATTERNS = [(re.compile(p, 0 if cs else re.IGNORECASE), ids) for p, ids, cs in PROVIDERS]


def _value(kind: str | None, word: str) -> str:
    if kind is None:
        return word.lower()
    if kind == "country":
        return COUNTRIES[word.lower()]
    if kind == "demonym":
        return DEMONYMS[word.lower()]
    if kind == "iso":
        return "GB" if word == "UK" else word
    if kind == "city":
        return CITIES[word.lower()]
    return kind


def _iso_context(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 12):start]
    after = text[end:end + 10]
    if re.search(r"\d\s?$", before):
        return False
    return bool(re.search(r"(?:\bin|\bto|\bor|\band|,|/|=|'|\"|\(|:)\s*(?:the\s+)?$", before)
                or re.match(r"^(?:\s*only|-only|-based|\s+region)", after))


def _clause_window(text: str, start: int) -> str:
    """The text before `start` back to a clause break or the last comma.

    A bracket just before the mention ("not in (us-east-1)") only encloses it: the window
    runs on from before the bracket.
    """
    bracket = re.search(r"[(\[]\s*$", text[:start])
    start = bracket.start() if bracket else start
    window = text[max(0, start - 90):start]
    cut = 0
    exceptive = False
    for m in _BREAK.finditer(window):
        if m.group(0).lower() == "but" and _ANY_NOUN_BUT.search(window[:m.start()]) \
                and re.fullmatch(r"\s*(?:the\s+)?", window[m.end():]):
            exceptive = True  # "any cloud but AWS": an exception, not a new clause
            continue
        cut = m.start() if m.group(0).lower() == "but" else m.end()
    window = window[cut:].rpartition(",")[2]
    if exceptive:
        return "except " + window
    line = _KEY_LINE.search(text[:start])
    if line and _NEG_KEY.search(line.group("key").replace("_", " ")):
        # "providers_to_avoid: vast, lium": the key of a key-value line negates its value
        return "not " + window
    return window


#: The key of a "key: value" line the mention is in the value of
_KEY_LINE = re.compile(r"(?:^|\n)[ \t]*(?P<key>[A-Za-z][\w -]{0,40}):[^\n:]*$")
_NEG_KEY = re.compile(r"\b(?:exclud\w*|avoid\w*|block\w*|ban(?:ned)?|forbidden|no|not|never|"
                      r"deny\w*|disallow\w*|blacklist\w*|except\w*)\b", re.IGNORECASE)


#: "don't care which cloud", "doesn't matter where": indifference, not a negation
_INDIFFERENT = re.compile(r"\b(?:do not|don't|dont|doesn't|does not|won't)\s+(?:really\s+)?"
                          r"(?:care|mind|matter)\b", re.IGNORECASE)


def _count_negations(window: str) -> int:
    window = _INDIFFERENT.sub(" ", window)
    return len(_NEG.findall(window)) + len(_FLIP.findall(window))


def _negate_list_before(out: PlaceHits, what: str, text: str, start: int) -> None:
    """"Azure and GCP are off limits": a negation after a list covers its earlier items."""
    keep, pos = (out.exclude_providers, "provider") if what == "provider" else (
        out.exclude_regions, "region")
    allowed = out.regions if what == "region" else []
    for hit in sorted((h for h in out.mentions if h.cue == pos and h.end <= start),
                      key=lambda h: -h.start):
        between = text[hit.end:start]
        words = re.findall(r"[\w'&/]+", between)
        if _BREAK.search(between) or not all(w.lower() in _LIST_WORDS for w in words):
            break
        if "," in between and re.search(r"\b(?:in|within|inside|to|from)\s+(?:the\s+)?$",
                                        text[max(0, hit.start - 12):hit.start], re.IGNORECASE):
            break  # "in the EU, Germany is out": the EU is where to run, not a list item
        if all(h.value != hit.value for h in keep):
            keep.append(Hit(hit.value, hit.start, hit.end, "list"))
        allowed[:] = [h for h in allowed if h.start != hit.start]
        start = hit.start


def _unaccented(text: str) -> str:
    """`text` with accented Latin letters as their base letter, of the same length.

    "Brasil or México", "Perú", "Canadá": a place written with its own language's accents
    is read as the English name (s12).
    """
    def base(ch: str) -> str:
        first = unicodedata.normalize("NFD", ch)[0]
        return first if first != ch and first.isascii() and first.isalpha() else ch
    return "".join(base(ch) for ch in text)


def find_places(text: str) -> PlaceHits:
    """Allowed regions, excluded regions and excluded providers stated in `text`."""
    text = _unaccented(text)
    out = PlaceHits()
    found: list[tuple[int, int, str, str]] = []  # start, end, value, what
    taken: list[tuple[int, int]] = []
    for pattern, kind in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span(1) if m.groups() else m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "iso" and not _iso_context(text, s, e) \
                    or kind == "city" and not city_is_place(text, s, e):
                continue
            taken.append((s, e))
            found.append((s, e, _value(kind, m.group(1) if m.groups() else m.group(0)), "region"))
    for pattern, ids in _PROVIDER_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < te and ts < m.end() for ts, te in taken):
                continue
            taken.append(m.span())
            for pid in ids:
                found.append((m.start(), m.end(), pid, "provider"))
    found.sort()
    last: dict[str, tuple[int, bool, bool]] = {}  # what -> (end, negative, data location)
    last_any: tuple[int, bool, str] | None = None  # the previous mention of either kind
    for s, e, value, what in found:
        out.mentions.append(Hit(value, s, e, what))
        prev = last.get(what)
        between = text[prev[0]:s] if prev else ""
        in_list = (prev is not None and s - prev[0] < 40 and not _BREAK.search(between)
                   and all(w.lower() in _LIST_WORDS for w in re.findall(r"[\w'&/]+", between)))
        if prev is not None and in_list:
            negative, located = prev[1], prev[2]
        else:
            window = between if prev is not None and s - prev[0] < 40 \
                and not _BREAK.search(between) else _clause_window(text, s)
            other = max((h.end for h in out.mentions[:-1] if h.cue != what and h.end <= s),
                        default=-1)
            if other >= 0 and s - other < len(window):
                window = text[other:s]
            if last_any is not None and last_any[2] != what and "," not in text[last_any[0]:s] \
                    and all(
                    w.lower() in _LIST_WORDS for w in re.findall(r"[\w'&/]+", text[last_any[0]:s])):
                window = "not" if last_any[1] else ""  # "no AWS or Germany": one list
            located = what == "region" and bool(_DATA_LOCATION.search(
                re.sub(r"[(\[]\s*$", "", text[max(0, s - 60):s]).split("(")[-1])
            ) and not data_place_is_rule(text, e)
            negative = (_count_negations(window) % 2 == 1
                        and (not _POSITIVE_AFTER.match(text[e:e + 30])
                             or bool(_EXCEPTIVE.search(window))))
        negative = negative or bool(_NEG_AFTER.match(text[e:e + 30])) or bool(
            _NEG_BACKREF.match(text[e:e + 70]))
        if _NEG_AFTER.match(text[e:e + 30]):
            _negate_list_before(out, what, text, s)
        last[what] = (e, negative, located)
        last_any = (e, negative, what)
        if located or (what == "region" and (_NOT_A_PLACE_RULE.match(text[e:e + 20])
                                             or _MEETING_BEFORE.search(text[max(0, s - 45):s])
                                             or not_a_run_place(text, s, e)
                                             or names_no_run_place(text, s, e))):
            continue
        if what == "provider":
            if negative:
                out.exclude_providers.append(Hit(value, s, e, what))
        elif negative:
            out.exclude_regions.append(Hit(value, s, e, what))
        else:
            out.regions.append(Hit(value, s, e, what))
    return out
