"""Words of Turkish, Indonesian/Malay, Swahili, Korean and romanised Hindi, for `lexicon.rewrite`.

Each language a request arrives in names the same few things: how many accelerators
("A100 4장", "2 adet A100", "GPU moja ya L4"), where the data may live ("AB içinde",
"hanya di Singapura atau Jepang", "Ulaya tu", "한국 리전에서만"), and what matters most
("bei nafuu zaidi", "paisa kam lagna chahiye", "il più veloce possibile"). These are read
as the English the extractors know. Also two shapes of any language: a counter written
after the accelerator ("A100 1 x", what `asian_languages` makes of "A100 1枚") and a
yes/no form field whose "NO" is not Norway ("Spot: NO").
"""

from __future__ import annotations

import re
from collections.abc import Callable

_SW_NUMBERS = {"moja": 1, "mbili": 2, "tatu": 3, "nne": 4, "tano": 5, "sita": 6, "saba": 7,
               "nane": 8, "tisa": 9, "kumi": 10}
_SW_NUM = "|".join(_SW_NUMBERS)
#: Korean country names (a following "리전" is "region") and the particle "에서만" (only in).
_KO_PLACES = {"한국": "Korea", "대한민국": "Korea", "일본": "Japan", "미국": "US", "유럽": "Europe",
              "독일": "Germany", "싱가포르": "Singapore", "영국": "UK", "프랑스": "France"}
_KO = "|".join(_KO_PLACES)
#: an accelerator-looking name: letters then digits ("A100", "L40S", "H100-80GB")
_ACCEL = r"(?-i:[A-Z]{1,3}\d{1,4}[A-Za-z0-9-]*)"

WORLD_PHRASES: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    # counters after a number: Korean 장/개/대 (sheets, pieces, units), Turkish "adet"
    (r"(?P<n>\d+)\s*(?:장|개|대)", r"\g<n> x"),
    (r"(?P<n>\d+)\s+adet", r"\g<n> x"),
    # the count written after the accelerator: "A100 4 x" -> "4 x A100"
    (rf"(?P<t>{_ACCEL})\s+(?P<n>\d+)\s+x(?!\s*\d)(?!\w)", r"\g<n> x \g<t>"),
    # Swahili "GPU moja ya L4" (one GPU of type L4), "GPU mbili za A100"
    (rf"(?:GPUs?|kadi)\s+(?P<n>{_SW_NUM})\s+(?:ya|za)\s+(?P<t>{_ACCEL})",
     lambda m: f"{_SW_NUMBERS[m.group('n').lower()]} x {m.group('t')}"),
    (rf"(?P<t>{_ACCEL})\s+(?P<n>{_SW_NUM})(?!\w)",
     lambda m: f"{_SW_NUMBERS[m.group('n').lower()]} x {m.group('t')}"),
    # a form field answered "NO" ("Spot: NO", "Preemptible = NO") is a no, not Norway
    (r"(?P<f>spot(?:\s+instances?)?|pre-?emptible|interruptible|spot ok)\s*(?P<s>[:=])\s*"
     r"(?-i:NO)(?!\w)", r"\g<f>\g<s> no"),
    # Korean places: "한국 리전에서만" (only in Korean regions), "유럽에서만"
    # and any particle after a place (session 10): "한국에만" / "한국 리전만 가능" (only),
    # "한국이나 일본" (Korea or Japan), "미국 리전으로" (to US regions), "한국 밖으로 나가면
    # 안" (must not leave Korea)
    (rf"(?P<p>{_KO})\s*(?:리전|지역|서버|데이터\s*센터)?\s*(?:에서만|에만|만)(?:\s*가능)?",
     lambda m: f" {_KO_PLACES[m.group('p')]} only "),
    (rf"(?P<p>{_KO})\s*밖으로\s*(?:나가면|나가서는|보내면|옮기면)\s*안\s*(?:되|돼|됩)\w*",
     lambda m: f" must stay in {_KO_PLACES[m.group('p')]} "),
    (rf"(?P<p>{_KO})\s*(?:리전|지역)?\s*(?:이나|나|또는|혹은|or)(?=\s*(?:{_KO}))",
     lambda m: f" {_KO_PLACES[m.group('p')]} or "),
    (rf"(?P<p>{_KO})\s*(?:리전|지역)?\s*(?:에서|으로|로|에)(?!\w)",
     lambda m: f" in {_KO_PLACES[m.group('p')]} "),
    (rf"(?P<p>{_KO})\s*(?:리전|지역)", lambda m: f" {_KO_PLACES[m.group('p')]} region"),
    # a place that ends a list or a clause: "서버는 한국이나 일본." (Korea or Japan)
    (rf"(?P<p>{_KO})(?=\s*(?:[.,;)!?]|$))", lambda m: f" {_KO_PLACES[m.group('p')]} "),
    # Turkish: "veri AB içinde kalmalı" (data must stay inside the EU), "Türkiye'de kalmalı"
    (r"veri\s+yerle[şs]im\w*\s+kural\w*\s+kapat\w*", "turn off the data residency rule"),
    (r"\bAB\s+i[çc]inde", "in the EU"), (r"AB'?de", "in the EU"),
    (r"T[üu]rkiye'?de(?:ki)?", "in Turkey"), (r"ABD'?de", "in the US"),
    (r"Almanya'?da", "in Germany"),
    (r"Avrupa'?da", "in Europe"), (r"kalmal[ıi]", "must stay"),
    # Indonesian/Malay: "hanya di Singapura atau Jepang" (only in Singapore or Japan);
    # "GPU-jam" (GPU-hours), "penyedia marketplace" (marketplace providers)
    (r"hanya\s+di", "only in"), (r"GPU-?jam", "GPU-hours"),
    (r"penyedia\s+marketplace", "marketplace providers"), (r"jangan\s+pakai", "do not use"),
    (r"paling\s+murah|termurah", "cheapest"), (r"secepat\s+mungkin", "as soon as possible"),
    # Swahili: "barani Ulaya" (in Europe), "Ulaya tu" (Europe only), "bei nafuu zaidi"
    (r"barani\s+Ulaya", "in Europe"), (r"Ulaya\s+tu", "Europe only"),
    (r"(?:kwa\s+)?bei\s+(?:nafuu|rahisi)(?:\s+zaidi)?|nafuu\s+zaidi", "cheapest"),
    (r"haraka\s+iwezekanavyo|haraka\s+sana", "as soon as possible"),
    # romanised Hindi: "paisa kam lagna chahiye" (it should cost little), "kam kharcha",
    # "zyada kharcha mat karna" (don't spend much), "jaldi se jaldi" (as soon as possible)
    (r"(?:paisa|paise|kharcha|kharch)\s+kam(?:\s+\w+){0,3}?\s+(?:chahiye|karna|rakhna)|"
     r"kam\s+(?:se\s+kam\s+)?(?:kharcha|kharch|paisa|paise)|sasta(?:\s+wala)?", "cheapest"),
    (r"(?:zyada|jyada|bahut)\s+(?:kharcha|kharch|paisa)\s+(?:mat|nahi|nahin)\s+\w+",
     "keep costs low"),
    (r"jaldi\s+se\s+jaldi", "as soon as possible"),
    # Italian: "l'opzione più economica" (the cheapest option), "meglio spendere poco",
    # "il più veloce possibile" (as fast as possible)
    (r"(?:l'opzione\s+|la\s+soluzione\s+)?pi[uù]\s+economic[oa](?:\s+possibile)?", "cheapest"),
    (r"(?:meglio\s+)?spendere\s+poco", "keep costs low"),
    (r"(?:il\s+|la\s+)?pi[uù]\s+(?:veloce|rapid[oa])(?:\s+possibile)?", "as fast as possible"),
]

#: Single words (lower case) -> English.
WORLD_WORDS: dict[str, str] = {
    # Indonesian/Malay
    "singapura": "Singapore", "jepang": "Japan", "jepun": "Japan", "atau": "or",
    "eropa": "Europe", "amerika": "US", "jerman": "Germany", "murah": "cheap",
    # Turkish
    "türkiye": "Turkey", "almanya": "Germany", "avrupa": "Europe", "ucuz": "cheap",
    "en ucuz": "cheapest",
    # Swahili
    "ulaya": "Europe", "marekani": "US", "ujerumani": "Germany", "nafuu": "cheap",
    # "avoid" in the Romance languages ("Évitez les hyperscalers", "evita AWS")
    "évitez": "avoid", "éviter": "avoid", "évitons": "avoid", "evitez": "avoid",
    "evita": "avoid", "evite": "avoid", "evitar": "avoid", "evitate": "avoid",
}
