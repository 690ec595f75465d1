"""The world's countries by English name, with their ISO 3166-1 alpha-2 codes (issue 17, s11).

Written from general knowledge (no copied data set): every UN member and the few other
places with their own code, with the short and older names people write ("Burma",
"Ivory Coast", "Macedonia"). `places.COUNTRIES` adds the ones it does not list itself, so a
rule on a country outside the catalogue ("only in Kazakhstan") is read (and asked about)
instead of dropped. Names that are also common words, first names, states or
languages (Chad, Georgia, Jordan, Guinea, Niger, Dominica, "America", "Czech") are left
out: a wrong region is worse than a question.
"""

from __future__ import annotations

#: ISO code -> English names, "|"-separated, lower case
_TABLE: dict[str, str] = {
    # Europe
    "AL": "albania", "AD": "andorra", "AM": "armenia", "AZ": "azerbaijan", "BY": "belarus",
    "BA": "bosnia and herzegovina|bosnia", "CY": "cyprus", "CZ": "czechia|the czech republic",
    "XK": "kosovo", "LI": "liechtenstein", "MT": "malta", "MD": "moldova", "MC": "monaco",
    "ME": "montenegro", "MK": "north macedonia|macedonia", "RS": "serbia",
    "SM": "san marino", "SI": "slovenia", "VA": "vatican city",
    # Asia
    "AF": "afghanistan", "BD": "bangladesh", "BT": "bhutan", "BN": "brunei",
    "KH": "cambodia", "IR": "iran", "IQ": "iraq", "KZ": "kazakhstan", "KG": "kyrgyzstan",
    "LA": "laos", "LB": "lebanon", "MO": "macau|macao", "MV": "maldives", "MN": "mongolia",
    "MM": "myanmar|burma", "NP": "nepal", "KP": "north korea", "OM": "oman",
    "PK": "pakistan", "PS": "palestine", "LK": "sri lanka", "SY": "syria",
    "TJ": "tajikistan", "TL": "timor-leste|east timor", "TM": "turkmenistan",
    "UZ": "uzbekistan", "YE": "yemen",
    # Africa
    "DZ": "algeria", "AO": "angola", "BJ": "benin", "BW": "botswana", "BF": "burkina faso",
    "BI": "burundi", "CM": "cameroon", "CV": "cape verde|cabo verde",
    "CF": "central african republic", "KM": "comoros",
    "CD": "dr congo|democratic republic of the congo",
    "CG": "republic of the congo", "CI": "ivory coast|côte d'ivoire|cote d'ivoire",
    "DJ": "djibouti", "GQ": "equatorial guinea", "ER": "eritrea", "SZ": "eswatini|swaziland",
    "ET": "ethiopia", "GA": "gabon", "GM": "gambia|the gambia", "GH": "ghana",
    "GW": "guinea-bissau", "LS": "lesotho", "LR": "liberia", "LY": "libya",
    "MG": "madagascar", "MW": "malawi", "ML": "mali", "MR": "mauritania", "MU": "mauritius",
    "MA": "morocco", "MZ": "mozambique", "NA": "namibia", "RW": "rwanda",
    "ST": "são tomé and príncipe|sao tome and principe", "SN": "senegal",
    "SC": "seychelles", "SL": "sierra leone", "SO": "somalia", "SS": "south sudan",
    "SD": "sudan", "TZ": "tanzania", "TG": "togo", "TN": "tunisia", "UG": "uganda",
    "ZM": "zambia", "ZW": "zimbabwe",
    # the Americas
    "AG": "antigua and barbuda", "BS": "bahamas|the bahamas", "BB": "barbados",
    "BZ": "belize", "BO": "bolivia", "CR": "costa rica", "CU": "cuba",
    "DO": "dominican republic", "EC": "ecuador", "SV": "el salvador", "GD": "grenada",
    "GT": "guatemala", "GY": "guyana", "HT": "haiti", "HN": "honduras", "JM": "jamaica",
    "NI": "nicaragua", "PA": "panama", "PY": "paraguay", "PE": "peru", "PR": "puerto rico",
    "KN": "saint kitts and nevis", "LC": "saint lucia",
    "VC": "saint vincent and the grenadines", "SR": "suriname",
    "TT": "trinidad and tobago", "UY": "uruguay", "VE": "venezuela",
    # Oceania
    "FJ": "fiji", "KI": "kiribati", "MH": "marshall islands", "FM": "micronesia",
    "NR": "nauru", "PW": "palau", "PG": "papua new guinea", "WS": "samoa",
    "SB": "solomon islands", "TO": "tonga", "TV": "tuvalu", "VU": "vanuatu",
    # names and spellings of countries `places` lists under another name
    "US": "united states of america|the united states", "GB": "scotland|wales",
    "NL": "nederland", "KR": "republic of korea", "TR": "turkiye",
    "CH": "schweiz|suisse|schwiiz|schwyz",
    "DE": "deutschland", "AT": "österreich", "ES": "españa|espanya", "IT": "italia",
    "JP": "nippon", "VN": "viet nam",
    # endonyms as their speakers write them (Croatian with its locatives, Afrikaans; and
    # above Catalan "Espanya", Swiss German "Schwiiz") (s13)
    "HR": "hrvatska|hrvatskoj|hrvatskom",
    "ZA": "suid-afrika",
}

#: country name (lower case) -> ISO alpha-2
WORLD_COUNTRIES: dict[str, str] = {name: code for code, names in _TABLE.items()
                                   for name in names.split("|")}
