"""Where the data must stay, in languages (and case forms) the place tables do not hold.

The concept matrix (`pivot`) names a dozen places per language in their basic forms;
writers of inflected languages put the place in its locative ("bisraelu" is Hebrew's
"in Israel", Basque "Espainian", Icelandic "á Íslandi", Slovene "v Sloveniji", Kazakh
"Еуропада"), and Lithuanian / Latvian write the EU as "ES" (which elsewhere is Spain's
code, so only after their own "stay" / "only"). `lexicon.rewrite` turns each into the
English "in <place>" (and "only") the place reader knows.
"""

from __future__ import annotations

#: (pattern, English) applied before the general phrase tables; whole words, any case.
PLACE_PHRASES: list[tuple[str, str]] = [
    # Lithuanian / Latvian: "turi likti ES", "tik ES", "Tikai ES", "paliek ES"
    (r"(?:likti|lieka|palikti|paliek\w*|palikt)\s+ES", "stay in the EU"),
    (r"(?:tik|tikai|vien)\s+ES", "only in the EU"),
    (r"Europos\s+Sąjung\w*|Eiropas\s+Savienīb\w*", "the EU"),
    # Estonian, Icelandic, Welsh: "only", the place in its case form
    (r"ainult", "only"), (r"Euroopa\s+andmekeskus\w*|Euroopas", "in Europe"),
    (r"aðeins|einungis", "only"), (r"á\s+Íslandi", "in Iceland"), (r"í\s+Svíþjóð", "in Sweden"),
    (r"í\s+Evrópu", "in Europe"), (r"í\s+Noregi", "in Norway"), (r"í\s+Danmörku", "in Denmark"),
    (r"yn\s+y\s+DU", "in the UK"), (r"yn\s+Ewrop", "in Europe"),
    # Basque: locatives end in -(e)an / -n
    (r"Espainian", "in Spain"), (r"Frantzian", "in France"), (r"Europan", "in Europe"),
    (r"edo(?=\s+(?:in\s+)?[A-Z])", "or"),
    # Slovene (and the Croatian locative of Croatia)
    (r"v\s+Sloveniji", "in Slovenia"), (r"(?:v\s+)?Hrvaški", "in Croatia"),
    (r"v\s+Česku|v\s+Čechách", "in Czechia"), (r"Česku", "Czechia"),
    # Hebrew: the proclitic "in" on Israel
    (r"בישראל", "in Israel"),
    # Kazakh: "only in Europe"
    (r"Тек", "only"), (r"Еуропада", "in Europe"),
    # Dutch / Estonian adjective of Europe before a data-centre noun
    (r"Europese\s+datacent(?:ers|ra)", "European datacenters"),
]
