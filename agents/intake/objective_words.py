"""What the user wants most, in languages (and phrasings) the concept matrix does not hold.

`pivot`'s matrix has a cheapest / fastest / greenest / balanced cell for each of its
languages; writers also use Baltic, Bulgarian, Welsh, Icelandic, Greek, Swahili, Thai and
romanised Japanese, and longer turns of the matrix's languages ("il miglior compromesso
tra costo e tempi", "equilibrar custo e prazo", "najniższy ślad węglowy"). `lexicon.rewrite`
turns each into the English word `objective.find_objective` reads. Entries are whole
words, case-insensitive; an inflected stem ends in a word-character star.
"""

from __future__ import annotations

#: (pattern, English) applied before the general phrase tables.
OBJECTIVE_PHRASES: list[tuple[str, str]] = [
    # Lithuanian, Latvian, Estonian
    (r"kuo\s+pigiau", "cheapest"), (r"kuo\s+greičiau", "as fast as possible"),
    (r"kuo\s+žaliau|mažiausi\w*\s+emisij\w*", "greenest"),
    (r"lētāk\w*", "cheapest"), (r"pēc\s+iespējas\s+ātrāk|ātrāk\w*", "as fast as possible"),
    (r"zaļāk\w*", "greenest"),
    (r"võimalikult\s+odava\w*|odavaim\w*|kõige\s+odava\w*", "cheapest"),
    (r"võimalikult\s+kiiresti|kõige\s+kiirem\w*", "as fast as possible"),
    (r"võimalikult\s+rohelise\w*|kõige\s+rohelise\w*|roheliselt", "greenest"),
    # Bulgarian, Greek
    (r"най-евтин\w*", "cheapest"), (r"възможно\s+най-бързо|най-бърз\w*", "as fast as possible"),
    (r"най-зелен\w*|най-екологич\w*", "greenest"),
    (r"(?:πιο\s+)?φθην\w*", "cheap"), (r"όσο\s+(?:το\s+)?δυνατόν\s+πιο\s+οικολογικ\w*|"
                                       r"πιο\s+οικολογικ\w*", "greenest"),
    (r"όσο\s+(?:το\s+)?δυνατόν\s+(?:πιο\s+)?(?:γρήγορα|νωρίτερα)", "as fast as possible"),
    # Welsh, Icelandic
    (r"y\s+rhataf(?:\s+posib)?|rhataf", "cheapest"), (r"y\s+cyflymaf(?:\s+posib)?", "fastest"),
    (r"y\s+gwyrddaf(?:\s+posib)?", "greenest"),
    (r"sem\s+ódýrast|ódýrast\w*", "cheapest"),
    (r"sem\s+fyrst|sem\s+hraðast", "as fast as possible"),
    (r"sem\s+grænast|grænast\w*", "greenest"),
    # Swahili, Thai
    (r"gharama\s+(?:iwe\s+)?(?:ndogo|nafuu)(?:\s+kabisa)?|bei\s+nafuu\s+kabisa", "cheapest"),
    (r"haraka\s+iwezekanavyo", "as fast as possible"),
    # (Thai runs words together: a short request word before, a particle after, go too)
    (r"[\u0E00-\u0E7F]{0,10}(?:ประหยัดที่สุด|ถูกที่สุด)[\u0E00-\u0E7F]{0,6}", "cheapest"),
    (r"[\u0E00-\u0E7F]{0,10}เร็วที่สุด[\u0E00-\u0E7F]{0,6}", "as fast as possible"),
    # romanised Japanese
    (r"ichiban\s+yasui", "cheapest"),
    (r"dekiru\s+dake\s+hayaku|ichiban\s+hayai", "as fast as possible"),
    # longer turns of the matrix's languages: a trade-off between cost and time
    (r"(?:miglior\s+)?compromesso\s+tra\s+costo\s+e\s+(?:tempi|tempo|velocità)|"
     r"costo\s+e\s+velocità\s+bilanciat\w*", "balanced"),
    (r"equilibrar\s+(?:o\s+)?custo\s+e\s+(?:o\s+)?(?:prazo|tempo|velocidade)", "balanced"),
    (r"naj(?:niższ|mniejsz)\w*\s+ślad\w*\s+węglow\w*", "greenest"),
]
