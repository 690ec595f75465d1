"""Numbers with units: dataset sizes, tokens, GPU-hours, run lengths, money and carbon.

Every converter follows the labelling rules in `../shared/data/requests/README.md`:
decimal commas, thousands separators (comma or space), `k`/"grand", TB x 1000, GiB x
1.073741824, EUR x 1.08, g / kg / t of CO2, days x 24, a month = 720 h, a year = 8760 h.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from agents.intake.text import MASK, Hit, clause_before

#: Fixed conversion the labels use (README "Money and carbon").
USD_PER_EUR = 1.08

#: A number as people write it: `1,500` / `1 500` (thousands), `1,5` (decimal comma), `2.7`,
#: `1.234,50` (European thousands and decimals).
NUM = (r"(?<![\w.,])(?:\d{1,3}(?:\.\d{3})+,\d{1,2}(?!\d)|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])"
       r"|\d{1,3}(?: \d{3})+(?!\d|,\d|\.\d)|\d+(?:[.,]\d+)?)")
WORD_NUMBERS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "twenty": 20, "twenty-four": 24,
    "thirty": 30, "thirty-two": 32, "forty": 40, "fifty": 50, "sixty": 60, "sixty-four": 64,
    "hundred": 100, "half a": 0.5, "half an": 0.5, "a couple of": 2, "a couple": 2,
    "a few": 3, "half a dozen": 6, "half-dozen": 6, "a half-dozen": 6, "a dozen": 12,
    "dozen": 12, "a pair of": 2, "pair of": 2, "a whole": 1, "an entire": 1, "a full": 1,
    "one whole": 1,
}
_UNITS_W = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS_W = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
            "eighteen", "nineteen")
_TENS_W = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
WORD_NUMBERS.update({w: i + 1 for i, w in enumerate(_UNITS_W)})
WORD_NUMBERS.update({w: i + 10 for i, w in enumerate(_TEENS_W)})
for _t, _tens in enumerate(_TENS_W):
    WORD_NUMBERS[_tens] = 20 + 10 * _t
    for _u, _unit in enumerate(_UNITS_W):
        WORD_NUMBERS[f"{_tens}-{_unit}"] = WORD_NUMBERS[f"{_tens} {_unit}"] = 21 + 10 * _t + _u
_WORDS = "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len, reverse=True))
#: A number or a number word.
QTY = rf"(?:{NUM}|\b(?:{_WORDS})\b)"
_SCALE = {"k": 1e3, "thousand": 1e3, "grand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6,
          "b": 1e9, "bn": 1e9, "billion": 1e9, "t": 1e12, "tn": 1e12, "trillion": 1e12}
_APPROX = (r"(?:~|about|roughly|around|approx\.?|approximately|ca\.?|circa|some|up to|at most|"
           r"max\.?|maybe|perhaps|probably|like|est\.?|estimated|an estimated|likely)")


def parse_number(raw: str) -> float:
    """A written number as a float: `1,500` -> 1500, `1,5` -> 1.5, `1 500` -> 1500, `two` -> 2.

    Raises:
        ValueError: the text is not a number.
    """
    s = raw.strip().lower()
    if s in WORD_NUMBERS:
        return float(WORD_NUMBERS[s])
    s = s.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+,\d{1,2}", s):  # European "1.234,50"
        return float(s.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
        s = s.replace(",", "")
    else:
        s = s.replace(",", ".")
    return float(s)


def scale(word: str | None) -> float:
    """The multiplier of a scale word (`k`, `million`, `B`, `trillion`); 1 when absent."""
    return _SCALE.get((word or "").lower(), 1.0)


# ----------------------------------------------------------------------------- data size
_BYTES = {"kb": 1e-6, "mb": 1e-3, "gb": 1.0, "g": 1.0, "tb": 1e3, "pb": 1e6,
          "kib": 2**10 / 1e9, "mib": 2**20 / 1e9, "gib": 2**30 / 1e9,
          "tib": 2**40 / 1e9, "megabytes": 1e-3, "gigabytes": 1.0, "terabytes": 1e3,
          "petabytes": 1e6, "megabyte": 1e-3, "gigabyte": 1.0, "terabyte": 1e3}
_SIZE = re.compile(
    rf"(?P<num>{QTY})\s?(?P<unit>[kmgtp]i?b|g|(?:mega|giga|tera|peta)bytes?)(?![\w])",
    re.IGNORECASE)
_MEM_BEFORE = re.compile(
    r"(?:>=|≥|>|at least|min(?:imum)?\.?|fits? (?:in|into|on)|with|of|over|more than)\s*$",
    re.IGNORECASE)
_GPU_NOUN = re.compile(r"\b(?:gpus?|cards?|accelerators?|devices?|vram|memory|mig)\b|fits?\b",
                       re.IGNORECASE)
_MEM_AFTER = re.compile(
    r"^\s*(?:\+|or more|(?:of )?(?:vram|hbm|gpu memory|memory)|each|per (?:gpu|card|device)|"
    r"(?:gpus?|cards?|accelerators?|devices?)\b)",
    re.IGNORECASE)


def data_sizes(text: str) -> tuple[list[Hit], list[Hit]]:
    """(dataset sizes in decimal GB, per-GPU memory needs in GB) found in `text`.

    A size is GPU memory when it sits next to a GPU noun or a memory cue ("GPUs with at
    least 40 GiB", "fits in 24 GiB", "24gb+"); GB and GiB are the same nominal number there.
    Everything else in bytes describes the data.
    """
    data: list[Hit] = []
    memory: list[Hit] = []
    for m in _SIZE.finditer(text):
        unit = m.group("unit").lower()
        try:
            value = parse_number(m.group("num"))
        except ValueError:
            continue
        before = clause_before(text, m.start(), 60)
        after = text[m.end():m.end() + 25]
        is_mem_unit = unit in ("gb", "gib", "g")
        nouns = list(_GPU_NOUN.finditer(before))
        near_gpu = bool(_MEM_BEFORE.search(before)) and bool(nouns) and not re.search(
            r"\d\s?(?:[kmgtp]i?b|g)\b", before[nouns[-1].end():] if nouns else "", re.IGNORECASE)
        mem_after = bool(_MEM_AFTER.match(after)) and not re.match(
            r"^\s*\+?\s*of\b(?! (?:vram|memory|hbm|gpu memory|gpu ram|video memory))", after,
            re.IGNORECASE)
        if mem_after and not nouns and re.match(
                r"^\s*(?:\+|or more)(?!\s*(?:of\s+)?(?:vram|hbm|gpu|memory|each|per|cards?|"
                r"gpus?|accelerators?|devices?)\b)", after, re.IGNORECASE):
            mem_after = False  # "on 100 GB or more": at least that much data, no GPU in sight
        if is_mem_unit and (near_gpu or mem_after):
            memory.append(Hit(value, m.start(), m.end(), "memory"))
        elif unit != "g":
            data.append(Hit(round(value * _BYTES[unit], 2), m.start(), m.end(), "data"))
    for m in re.finditer(r"\bhalf an? (tera|giga|peta)byte\b", text, re.IGNORECASE):
        unit = {"tera": 1e3, "giga": 1.0, "peta": 1e6}[m.group(1).lower()]
        data.append(Hit(0.5 * unit, m.start(), m.end(), "data"))
    return data, memory


# ----------------------------------------------------------------------------- tokens
_TOKENS = re.compile(
    rf"(?P<num>{NUM})\s?(?P<scale>k|m|b|t|bn|mn|tn|thousand|million|billion|trillion)?"
    r"-?\s*(?:[a-z][\w-]*\s+){0,2}?(?:tokens?|toks?)\b", re.IGNORECASE)


#: "tokens are 40 billion", "tokens: 2.5B"
_TOKENS_FIRST = re.compile(
    rf"\btokens?\s*(?:are|is|=|:|total|count|of)?\s*(?:about\s+|~\s?)?(?P<num>{NUM})\s?"
    r"(?P<scale>k|m|b|t|bn|mn|tn|thousand|million|billion|trillion)\b", re.IGNORECASE)


def tokens(text: str) -> list[Hit]:
    """Token counts ("26B tokens", "1.5 trillion tokens", "450M tokens") as integers."""
    out = []
    for m in _TOKENS.finditer(text):
        value = parse_number(m.group("num")) * scale(m.group("scale"))
        out.append(Hit(int(round(value)), m.start(), m.end(), "tokens"))
    if not out:
        out = [Hit(int(round(parse_number(m.group("num")) * scale(m.group("scale")))), m.start(),
                   m.end(), "tokens") for m in _TOKENS_FIRST.finditer(text)]
    return out


# ----------------------------------------------------------------------------- compute
_HOURS_PER = {"min": 1 / 60, "minute": 1 / 60, "minutes": 1 / 60, "mins": 1 / 60,
              "h": 1.0, "hr": 1.0, "hrs": 1.0, "hour": 1.0, "hours": 1.0,
              "d": 24.0, "day": 24.0, "days": 24.0, "w": 168.0, "wk": 168.0, "wks": 168.0,
              "week": 168.0, "weeks": 168.0, "month": 720.0, "months": 720.0,
              "year": 8760.0, "years": 8760.0, "yr": 8760.0, "yrs": 8760.0,
              "fortnight": 336.0, "fortnights": 336.0}
_UNIT = r"(?:minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|wks?|w|months?|years?|yrs?|fortnights?)"
_GPU_TIME = re.compile(
    rf"(?P<num>{QTY})\s?(?P<k>k)?\s*(?:gpu|{MASK}+|accelerator|chip)s?[- ]?"
    r"(?P<unit>hours?|hrs?|h|days?|weeks?)\b", re.IGNORECASE)


#: A key-value item ("gpu_hours=1", "gpu-hours: 30"): the schema's own name for the field
_GPU_HOURS_KV = re.compile(rf"\bgpu[_ -]?h(?:ours|rs)?\"?\s*[:=]\s*\"?(?P<num>{NUM})(?![\d.])",
                           re.IGNORECASE)


def gpu_hours(text: str) -> list[Hit]:
    """Compute stated as GPU-hours / GPU-h / `<GPU>-hours` / GPU-days (x24) / -weeks (x168).

    `<GPU>` is a masked accelerator name (the hardware extractor masks `H100` in
    "6,000 H100-hours" and records the type).
    """
    out = [Hit(parse_number(m.group("num")), m.start(), m.end(), "gpu_hours")
           for m in _GPU_HOURS_KV.finditer(text)]
    for m in _GPU_TIME.finditer(text):
        value = parse_number(m.group("num")) * (1e3 if m.group("k") else 1.0)
        unit = m.group("unit").lower()
        per = 24.0 if unit.startswith("day") else 168.0 if unit.startswith("week") else 1.0
        out.append(Hit(value * per, m.start(), m.end(), "gpu_hours"))
    return out


_FOR = re.compile(
    rf"\b(?:for|over(?!\s+the\s+next))\s+(?:the\s+next\s+|another\s+|a\s+further\s+|{_APPROX}\s+)?"
    rf"(?P<num>{QTY}|(?<=the )(?:whole|entire|full)|(?<=for )the\s+(?:whole|entire|full))\s?-?"
    rf"(?P<unit>{_UNIT})\b(?!\s+of\b)(?![-/]\w)", re.IGNORECASE)
_RUNS = re.compile(
    r"\b(?:runs?|running|takes?|lasts?|runtime|run[- ]time|duration|wall[- ]?clock(?: time)?|"
    r"time\s+(?:maximum|max\.?|at most))"
    rf"(?:\s+(?:is|of|:|for|should be|will be|{_APPROX}))*\s*:?\s*(?P<num>{QTY})\s?"
    rf"(?P<unit>{_UNIT})\b(?!\s+of\b)", re.IGNORECASE)
_ADJ = re.compile(
    rf"(?P<num>{QTY})[- ]?(?P<unit>{_UNIT})[- ](?:long\s+)?(?:[\w-]+\s+){{0,2}}?(?:demo|run|job|"
    r"window|(?:pre-?|re-?)?training|session|test|campaign|deployment|service|pilot|trial|"
    r"experiment|rental|reservation|fine-?tun\w*|eval\w*|benchmark\w*|sweep|inference|"
    r"endpoint|hosting|workload|batch|hackathon|event|workshop|sprint|livestream)\b",
    re.IGNORECASE)
_AFTER = re.compile(
    rf"(?P<num>{QTY})\s?(?P<unit>{_UNIT})\s+(?:of\s+)?(?:wall(?:[- ]?clock|[- ]?time)?\b|runtime|"
    r"run[- ]time|compute time|training time)",
    re.IGNORECASE)
_ABOUT = re.compile(
    rf"(?<!within )(?<!in )(?<!next )(?<!every )(?:~\s?|\b(?:about|roughly|around|approx\.?|"
    rf"approximately|ca\.?|circa|maybe|perhaps|probably|estimated|likely)\s+)(?P<num>{NUM})\s?"
    rf"(?P<unit>{_UNIT})\b(?!\s+of\b)(?![-/]\w)",
    re.IGNORECASE)
_WHOLE = ("whole", "entire", "full")
#: A run length standing alone as an item of a terse list ("1x A100, 6h, spot ok", "(4 hours)").
_BARE = re.compile(
    rf"(?:^|[,;(]|(?<=\s))\s*(?<!\bwithin )(?<!\bin )(?<!\bnext )(?<!\bevery )(?<!\bafter )"
    rf"(?<!\bbefore )(?<!\bby )(?<!\bthan )(?<!\bpast )(?<!\blast )(?<!\bfirst )"
    rf"(?:~\s?)?(?P<num>{NUM}|half an?|a couple of|a few|an?|one)\s?(?P<unit>minutes?|mins?|hours?|"
    r"hrs?|h|days?|weeks?|wks?|fortnight|months?)"
    r"(?=\s*(?:tops|max(?:imum)?|at most|or so|or less)?\s*(?:[,;)]|\.(?:\s|$)|$))(?!\s*ago)",
    re.IGNORECASE)
#: "3 hours on 2 A10G": a run length stated against the (masked) hardware
_ON_HARDWARE = re.compile(
    rf"(?<!within )(?<!in )(?<!next )(?<!every )(?<!after )(?<!\bby )(?<!\bbefore )"
    rf"(?P<num>{NUM}|(?<![\w-])an?(?= hour\b))\s?(?P<unit>{_UNIT})\b"
    rf"(?=\s+on\s+(?:(?:a|an|one|the|our|\d+|\d+\s?x)\s*)?(?:single\s+)?{MASK})", re.IGNORECASE)
#: "2 days and 6 hours", "1 hour 30 minutes": a smaller unit added to a run length
_COMPOUND = re.compile(rf"^\s*(?:,|and|\+|&)?\s*(?P<num>{NUM})\s?"
                       r"(?P<unit>days?|hours?|hrs?|h|minutes?|mins?)\b", re.IGNORECASE)
_HMM = re.compile(r"\b(?P<h>\d{1,2})\s?h\s?(?P<m>[0-5]\d)\b(?!\s*(?:gb|mb|:))", re.IGNORECASE)


def durations(text: str) -> list[Hit]:
    """Wall-clock run lengths in hours ("for 5 days", "runtime ca. 20h", "a 2-week demo").

    "within N hours" and "in the next N days" are deadlines, and "900 hours of audio"
    describes data, so neither is read here.
    """
    out: list[Hit] = []
    seen: set[int] = set()
    for pattern in (_FOR, _RUNS, _ADJ, _AFTER, _ABOUT, _BARE, _ON_HARDWARE):
        for m in pattern.finditer(text):
            if m.start("num") in seen or (pattern is _BARE and m.group("num").isalpha()
                                          and text[m.end():].lstrip().startswith(".")):
                continue  # "... cost us a day." tells a story; "…, 48 hours." is an item
            unit = m.group("unit").lower()
            num = re.sub(r"^the\s+", "", m.group("num").lower())
            try:
                value = (1.0 if num in _WHOLE else parse_number(m.group("num"))) * _HOURS_PER[unit]
            except (KeyError, ValueError):
                continue
            seen.add(m.start("num"))
            more = _COMPOUND.match(text[m.end():m.end() + 20])
            if more and _HOURS_PER[more.group("unit").lower()] < _HOURS_PER[unit]:
                value += parse_number(more.group("num")) * _HOURS_PER[more.group("unit").lower()]
                seen.add(m.end() + more.start("num"))
            if re.match(r"^\s+and a half\b", text[m.end():m.end() + 12], re.IGNORECASE):
                value *= 1.5 if parse_number(m.group("num")) == 1 else 1 + 0.5 / parse_number(
                    m.group("num"))  # "a week and a half"
            out.append(Hit(value, m.start(), m.end(), "duration"))
    for m in _HMM.finditer(text):
        before = clause_before(text, m.start(), 40).lower()
        on_hw = re.match(rf"\s+on\s+(?:(?:a|an|one|the|our|\d+)\s+)?(?:single\s+)?{MASK}",
                         text[m.end():m.end() + 30])
        if re.search(r"\b(?:for|runs?|takes?|runtime|lasts?|about|~)\s*$", before) or on_hw:
            out.append(Hit(int(m.group("h")) + int(m.group("m")) / 60, m.start(), m.end(),
                           "duration"))
    return out


# ----------------------------------------------------------------------------- money
#: Currencies with a rate in data/fx_rates.csv (besides USD and EUR), as written.
_FX_WORDS = {"jpy": "JPY", "¥": "JPY", "yen": "JPY", "sgd": "SGD", "s$": "SGD", "aud": "AUD",
             "a$": "AUD", "au$": "AUD", "cad": "CAD", "c$": "CAD", "ca$": "CAD", "brl": "BRL",
             "r$": "BRL", "krw": "KRW", "₩": "KRW"}
#: Currencies with no rate: a budget in them must be asked about, never read as USD.
_NO_RATE = {"gbp": "GBP", "£": "GBP", "pounds": "GBP", "pound": "GBP", "quid": "GBP",
            "chf": "CHF", "inr": "INR", "₹": "INR", "rupees": "INR", "cny": "CNY", "rmb": "CNY",
            "yuan": "CNY", "sek": "SEK", "nok": "NOK", "dkk": "DKK", "hkd": "HKD", "nzd": "NZD",
            "pln": "PLN"}
_OTHER = (r"S\$|A\$|AU\$|C\$|CA\$|R\$|JPY|SGD|AUD|CAD|BRL|KRW|GBP|CHF|INR|CNY|RMB|SEK|NOK|DKK|HKD|"
          r"NZD|PLN|¥|₩|£|₹")
_CUR_BEFORE = rf"(?P<c1>{_OTHER}|US\$|(?<![A-Za-z])\$|USD|€|EUR|euros?)"
_CUR_AFTER = (rf"(?P<c2>{_OTHER}|yen|pounds?|quid|rupees|yuan|\$|USD|usd|dollars?|bucks|€|EUR|"
              r"eur|euros?)")
_MONEY = re.compile(
    rf"(?:{_CUR_BEFORE}\s?(?P<n1>{NUM})\s?(?P<s1>k|grand|thousand|m|million)?\b"
    rf"|(?P<n2>{NUM})\s?(?P<s2>k|grand|thousand|m|million)?\s?{_CUR_AFTER}(?!\w)"
    rf"|(?P<n3>{NUM})\s?(?P<s3>k|grand)\b)", re.IGNORECASE)
_WORD_MONEY = re.compile(rf"\b(?P<w>(?!an?\b|single\b){_WORDS})\s+"
                         r"(?P<c>bucks|dollars|euros?|grand)\b", re.IGNORECASE)
_RATE_AFTER = re.compile(
    r"^\s*(?:/|per\b|an? (?:hour|gpu)|each\b|a month|monthly|/mo)", re.IGNORECASE)
_BUDGET_BARE = re.compile(
    rf"(?<!carbon )(?<!co2 )(?<!emissions )\b(?:budget|spend|cost)(?:\s*(?:of|is|:|cap|at|up to|"
    rf"most|max(?:imum)?|limit|under|below|no more than|around|about|roughly|~))*\s*"
    rf"(?P<num>{NUM})(?![\d,]|\.\d)"
    r"(?!\s*(?:%|gpu|h\b|hours?|days?|tokens?|[kmgt]b|kg|g\b|t\b|tonnes?))", re.IGNORECASE)


FX_CSV = Path(__file__).resolve().parents[2] / "data" / "fx_rates.csv"
@lru_cache(maxsize=1)
def _fx_rates() -> dict[str, float]:
    with open(FX_CSV, newline="", encoding="utf-8") as fh:
        return {row["currency"]: float(row["usd_per_unit"]) for row in csv.DictReader(fh)}


def fx_rate(currency: str) -> float:
    """USD per unit of `currency` from data/fx_rates.csv (EUR uses the labels' fixed 1.08)."""
    return USD_PER_EUR if currency == "EUR" else _fx_rates()[currency]


def unrated_money(text: str) -> list[Hit]:
    """Amounts in a currency with no rate ("£2,000"): intake asks for USD or EUR instead."""
    return _scan_money(text)[1]


def money(text: str) -> list[Hit]:
    """Total budgets in USD (EUR x 1.08, others at data/fx_rates.csv, rounded to cents).

    Per-hour rates are skipped; amounts in a currency with no rate are left out (see
    `unrated_money`).
    """
    return _scan_money(text)[0]


def _scan_money(text: str) -> tuple[list[Hit], list[Hit]]:
    out: list[Hit] = []
    unrated: list[Hit] = []
    for m in _MONEY.finditer(text):
        num = m.group("n1") or m.group("n2") or m.group("n3")
        word = m.group("s1") or m.group("s2") or m.group("s3")
        cur = (m.group("c1") or m.group("c2") or "$").lower()
        if cur in _NO_RATE:
            unrated.append(Hit(_NO_RATE[cur], m.start(), m.end(), "currency"))
            continue
        if m.group("n3") and word and word.lower() == "k":
            before = clause_before(text, m.start(), 40).lower()
            if not re.search(r"\b(?:budget|spend|cost|under|max|cap|up to|pay|limit)\b", before) \
                    and not re.match(r"\s*(?:budget|total|max(?:imum)?|cap|limit|to spend)\b",
                                     text[m.end():m.end() + 16], re.IGNORECASE):
                continue  # "1.5k budget": the budget word may follow the amount
        if _RATE_AFTER.match(text[m.end():m.end() + 12]):
            continue
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", num):
            num = num.replace(".", "")  # "1.500 €": a dot before three digits groups thousands
        value = parse_number(num) * scale(word)
        if cur in _FX_WORDS:
            value = round(value * fx_rate(_FX_WORDS[cur]), 2)
        elif cur.startswith(("€", "eur")):
            value = round(value * USD_PER_EUR, 2)
        out.append(Hit(value, m.start(), m.end(), "money"))
    for m in _WORD_MONEY.finditer(text):  # "ten bucks", "fifty euros"
        if not _RATE_AFTER.match(text[m.end():m.end() + 12]):
            value = parse_number(m.group("w")) * (1e3 if m.group("c").lower() == "grand" else 1)
            eur = m.group("c").lower().startswith("euro")
            out.append(Hit(round(value * USD_PER_EUR, 2) if eur else value, m.start(), m.end(),
                           "money"))
    if not out and not unrated:
        for m in _BUDGET_BARE.finditer(text):
            out.append(Hit(parse_number(m.group("num")), m.start(), m.end(), "money"))
    return out, unrated


# ----------------------------------------------------------------------------- carbon
_CO2_WORD = r"(?:co2e?|co2-?eq|carbon(?:\s+dioxide)?|emissions?|ghg)"
_CO2 = re.compile(
    rf"(?P<num>{NUM})\s?(?P<k>k)?\s?(?P<unit>kg|kilograms?|kilos?|g|grams?|t|tonnes?|tons?|"
    rf"metric tons?|mt)(?:\b|(?=co2))(?P<after>\s*(?:of\s+)?{_CO2_WORD})?"
    r"(?!\s*/\s*kwh|\s*per\s+kwh)",
    re.IGNORECASE)
_CO2_CUE = re.compile(rf"{_CO2_WORD}|footprint", re.IGNORECASE)
_REPORTED_AS = re.compile(r"\b(?:report|record|log|show|declare|list)\w*\s+(?:[\w']+\s+){0,4}?"
                          r"as\s*$", re.IGNORECASE)


def carbon(text: str) -> list[Hit]:
    """Carbon caps in kg CO2(e): g / 1000, t and tonnes x 1000."""
    out = []
    for m in _CO2.finditer(text):
        before = clause_before(text, m.start(), 60)
        if not m.group("after") and not _CO2_CUE.search(before) or _REPORTED_AS.search(before):
            continue  # "report the emissions as 0 kg" states a figure to write, not a cap
        unit = m.group("unit").lower()
        value = parse_number(m.group("num")) * (1e3 if m.group("k") else 1.0)
        if unit.startswith(("g", "gram")):
            value /= 1e3
        elif unit.startswith(("t", "metric", "mt")):
            value *= 1e3
        out.append(Hit(value, m.start(), m.end(), "co2"))
    return out
