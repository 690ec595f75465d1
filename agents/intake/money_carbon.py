"""Money and carbon: total budgets in USD and carbon caps in kg CO2(e).

The labelling rules (`../shared/data/requests/README.md`): EUR x 1.08, other currencies
at data/fx_rates.csv (a currency with no rate is asked about), g / kg / t of CO2.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from agents.intake.text import Hit, clause_before
from agents.intake.units import _WORDS, NUM, parse_number, scale

#: Fixed conversion the labels use (README "Money and carbon").
USD_PER_EUR = 1.08

# ----------------------------------------------------------------------------- money
#: Currencies with a rate in data/fx_rates.csv (besides USD and EUR), as written.
_FX_WORDS = {"jpy": "JPY", "¥": "JPY", "yen": "JPY", "sgd": "SGD", "s$": "SGD", "aud": "AUD",
             "a$": "AUD", "au$": "AUD", "cad": "CAD", "c$": "CAD", "ca$": "CAD", "brl": "BRL",
             "r$": "BRL", "krw": "KRW", "₩": "KRW"}
#: Currencies with no rate: a budget in them must be asked about, never read as USD.
_NO_RATE = {"gbp": "GBP", "£": "GBP", "pounds": "GBP", "pound": "GBP", "quid": "GBP",
            "chf": "CHF", "inr": "INR", "₹": "INR", "rupees": "INR", "cny": "CNY", "rmb": "CNY",
            "yuan": "CNY", "sek": "SEK", "nok": "NOK", "dkk": "DKK", "hkd": "HKD", "nzd": "NZD",
            "pln": "PLN",
            # the same currencies by name, as other languages write them after the sum (s14)
            "franken": "CHF", "franke": "CHF", "francs": "CHF", "franc": "CHF", "sfr": "CHF",
            "franchi": "CHF", "tl": "TRY", "₺": "TRY", "lira": "TRY", "liras": "TRY",
            "türk lirası": "TRY"}
_OTHER = (r"S\$|A\$|AU\$|C\$|CA\$|R\$|JPY|SGD|AUD|CAD|BRL|KRW|GBP|CHF|INR|CNY|RMB|SEK|NOK|DKK|HKD|"
          r"NZD|PLN|¥|₩|£|₹")
_CUR_BEFORE = rf"(?P<c1>{_OTHER}|US\$|(?<![A-Za-z])\$|USD|€|EUR|euros?)"
#: dollars and euros as other scripts write them after the sum ("150 דולר", "900 دولار",
#: "30 ดอลลาร์", "500 евро"), s12
_DOLLAR_WORDS = (r"dolar\w*|doler\w*|dolār\w*|"  # "500 dolara", "dolerių", "dolāru" (s16)
                 r"доллар\w*|долар\w*|دولار\w*|דולר|ดอลลาร์|ドル|美元|美金|달러|डॉलर|ڈالر|ডলার")
_EURO_WORDS = r"евро|євро|يورو|יורו|ยูโร|ユーロ|欧元|유로|यूरो"
_CUR_AFTER = (rf"(?P<c2>{_OTHER}|yen|pounds?|quid|rupees|yuan|franken|franke|francs?|franchi|"
              r"sfr|(?-i:TL)|₺|türk lirası|liras?|\$|USD|usd|dollars?|bucks|€|EUR|"
              rf"eur|euros?|{_DOLLAR_WORDS}|{_EURO_WORDS})")
#: the first of two sums sharing one currency word: "500 or 5000 dollars", "500 או 5000 דולר"
_OR_BEFORE = re.compile(rf"(?<![\d.,])(?P<a>{NUM})\s+(?:or|או|أو|или|або|veya|atau|o|ou|oder)"
                        r"\s+$", re.IGNORECASE)
_MONEY = re.compile(
    rf"(?:{_CUR_BEFORE}\s?(?P<n1>{NUM})\s?(?P<s1>k|grand|thousand|m|million)?\b"
    rf"|(?P<n2>{NUM})\s?(?P<s2>k|grand|thousand|m|million)?\s?{_CUR_AFTER}(?!\w)"
    rf"|(?P<n3>{NUM})\s?(?P<s3>k|grand)\b)", re.IGNORECASE)
_WORD_MONEY = re.compile(rf"\b(?P<w>(?!an?\b|single\b){_WORDS})\s+"
                         r"(?P<c>bucks|dollars?|euros?|grand)\b", re.IGNORECASE)
_RATE_AFTER = re.compile(
    # "/" only before what it is a rate of: "2,500 EUR / deadline: ..." lists the next item
    r"^\s*(?:/\s*(?:gpu|h\b|hr|hour|day|d\b|month|mo\b|week|wk|year|yr|min|run|node|card|"
    r"instance|chip|job|token|image|request|call|1k|1m|m\b|k\b)|per\b|an? (?:hour|gpu)|each\b|"
    r"a month|monthly)", re.IGNORECASE)
_BUDGET_BARE = re.compile(
    rf"(?<!carbon )(?<!co2 )(?<!emissions )\b(?:budget|spend|cost)(?:\s*(?:of|is|:|cap|at|up to|"
    rf"most|max(?:imum)?|limit|under|below|no more than|around|about|roughly|~))*\s*"
    rf"(?P<num>{NUM})(?![\d,]|\.\d)"
    r"(?!\s*(?:%|gpu|h\b|hours?|days?|tokens?|[kmgt]b|kg|g\b|t\b|tonnes?))", re.IGNORECASE)


#: a key-value budget whose key names the currency: "max_budget_eur": 2500, budget_usd=300
_BUDGET_KEY = re.compile(
    rf"(?<![\w])\"?(?:(?:(?P<c1>usd|eur)_(?:(?:max|total|gpu|compute)_)?(?:budget|spend|cost)"
    rf"(?:_(?:max|total|limit|cap))?)|"
    rf"(?:(?:max|total|gpu|compute)_)?(?:budget|spend|cost)(?:_(?:max|total|limit|cap))?"
    rf"_(?P<c2>usd|eur))\"?\s*[:=]\s*\"?(?P<num>{NUM})(?!\d|,\d)",
    re.IGNORECASE)


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
        cur = "eur" if re.fullmatch(_EURO_WORDS, cur) else cur
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
        rate = fx_rate(_FX_WORDS[cur]) if cur in _FX_WORDS else (
            USD_PER_EUR if cur.startswith(("€", "eur")) else 1.0)
        alt = _OR_BEFORE.search(text[max(0, m.start() - 30):m.start()]) if m.group("n2") else None
        if alt:  # "500 or 5000 dollars": both sums share the currency written after them
            out.append(Hit(round(parse_number(alt.group("a")) * scale(word) * rate, 2),
                           m.start() - len(alt.group(0)), m.start(), "money"))
        out.append(Hit(round(parse_number(num) * scale(word) * rate, 2), m.start(), m.end(),
                       "money"))
    for m in _WORD_MONEY.finditer(text):  # "ten bucks", "fifty euros"
        if not _RATE_AFTER.match(text[m.end():m.end() + 12]):
            value = parse_number(m.group("w")) * (1e3 if m.group("c").lower() == "grand" else 1)
            eur = m.group("c").lower().startswith("euro")
            out.append(Hit(round(value * USD_PER_EUR, 2) if eur else value, m.start(), m.end(),
                           "money"))
    if not out and not unrated:
        for m in _BUDGET_KEY.finditer(text):  # "max_budget_eur": 2500
            cur = (m.group("c1") or m.group("c2") or "usd").lower()
            value = parse_number(m.group("num"))
            out.append(Hit(round(value * USD_PER_EUR, 2) if cur == "eur" else value,
                           m.start(), m.end(), "money"))
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
#: "co2_max: 50 kg", "carbon budget: 0,05 t", "emissions cap = 2 t": a keyed cap
_CO2_KEY = re.compile(rf"{_CO2_WORD}[\w-]*(?:\s+(?:budget|cap|limit|ceiling|max(?:imum)?|"
                      r"allowance|target|footprint))?\"?\s*[:=]\s*\"?"
                      r"(?:<=?|≤|max\.?|at most|up to|~)?\s*$",
                      re.IGNORECASE)
#: (+ "carbon" / "emissions" in other languages, before an amount in g, kg or t: "탄소 배출은
#: 100 g 이하", "emisiones de carbono", "Kohlendioxid") (s13)
_CO2_CUE = re.compile(rf"{_CO2_WORD}|footprint|탄소|배출량?|碳排放|二酸化炭素|炭素|कार्बन|কার্বন|"
                      r"\bcarbon[eo]\b|\bkarbon\b|\bemisi|\bkohlen(?:stoff|dioxid)\b",
                      re.IGNORECASE)
_REPORTED_AS = re.compile(r"\b(?:report|record|log|show|declare|list)\w*\s+(?:[\w']+\s+){0,4}?"
                          r"as\s*$", re.IGNORECASE)


def carbon(text: str) -> list[Hit]:
    """Carbon caps in kg CO2(e): g / 1000, t and tonnes x 1000."""
    out = []
    for m in _CO2.finditer(text):
        before = clause_before(text, m.start(), 60)
        keyed = _CO2_KEY.search(text[max(0, m.start() - 40):m.start()])  # "carbon: <= 1.5 t"
        if not (m.group("after") or keyed) and not _CO2_CUE.search(before) \
                or _REPORTED_AS.search(before):
            continue  # "report the emissions as 0 kg" states a figure to write, not a cap
        unit = m.group("unit").lower()
        value = parse_number(m.group("num")) * (1e3 if m.group("k") else 1.0)
        if unit.startswith(("g", "gram")):
            value /= 1e3
        elif unit.startswith(("t", "metric", "mt")):
            value *= 1e3
        out.append(Hit(value, m.start(), m.end(), "co2"))
    return out
