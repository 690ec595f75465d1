"""Words of other languages that cue a time's role or a run length, as English words.

A start verb or noun ("Pornim luni de la 08:00", "Holnap reggel 9-kor induljon", "Inizio
non prima delle 22:00", "Käivitus mitte enne homme") makes the time next to it an earliest
start (`timeroles` reads "start" before a time, and after it when it closes the clause),
where the time alone would be read as a deadline; a word for "done" or "ready" makes
it a deadline. An estimate or run-time word ("Około 3
godzin", "3 nap futásidő") makes a number of hours a run length (`run_lengths`). Each cell
lists one language's forms, "|"-separated; none is also a common English word.
"""

from __future__ import annotations

_START_FORMS = {
    "hu": "induljon|induljunk|indul|induljanak|indítás|indítsd|indítsátok|kezdés|kezdjük|"
          "kezdődjön|kezdődik",
    "ro": "pornim|porniți|porniti|pornește|porneste|pornirea|începem|incepem|începeți|începe|"
          "începutul|startul",
    "it": "inizio|iniziamo|iniziate|inizia|partenza|avvio|avviare|avviate",
    "es": "inicio|iniciar|empieza|empiece|comienzo|comience|arranque|arrancar",
    "pt": "início|inicio|iniciar|começo|comece|arranque",
    "fr": "début|démarrage|démarrer|lancement|commencer",
    "de": "beginn|startet|starte|loslegen",
    "nl": "starten|beginnen",
    "et": "käivitus|käivitage|käivitada|alustame|alustage|algus",
    "lv": "sākums|sākt|sāciet",
    "lt": "pradžia|pradėti|pradėkite",
    "sk": "začiatok|spustiť|spustite|začať|začnite",
    "cs": "začátek|spuštění|spustit|spusťte|začít|začněte",
    "sl": "začetek|zaženite|začnite",
    "sr": "početak|pokrenuti|pokrenite|почетак|покренути|покрените",
    "fi": "aloitus|aloitetaan|aloittakaa|käynnistys|käynnistäkää",
    "tr": "başlasın|başlat|başlatın|başlangıç",
    "el": "ξεκινήσουμε|ξεκινήστε|ξεκινάει|ξεκινά|έναρξη|εκκίνηση",
    "id": "dimulai|memulai",
    "ms": "bermula|dimulakan",
}

#: words that make a number of hours or days a run length, not a deadline: an estimate
#: ("Około 3 godzin", "kira-kira 3 hari") or the run time itself ("3 nap futásidő")
_LENGTH_FORMS = {
    "about": "około|körülbelül|kb.|kira-kira|sekitar|lebih kurang|ungefär|omkring|cirka|noin|"
             "približno|otprilike|aproximadamente|aproximativ|environ|ungefähr|ongeveer|"
             "yaklaşık|khoảng|zhruba|přibližne|přibližně|orientativamente",
    "runtime": "futásidő|futásidőt|futásideje|körtid|kjøretid|ajoaika|czas trwania",
}

#: words that make the time after them a deadline ("hotovo do pátku", "legyen kész
#: csütörtök délig"): without them a sentence opened by a start word would make every
#: time in it a start
_DONE_FORMS = ("hotovo|hotové|hotový|gotowe|gotowy|gotowa|gata|gată|kész|készen|valmis|ferdig|"
               "færdig|fertig|klaar|listo|lista|terminado|terminada|terminat|gotovo|gotova|"
               "selesai|xong|hazır|bitmiş|tilbúið")
#: Hungarian "noon" with a case ending ("délig": until noon, "délre", "délben")
_NOON_FORMS = "délig|délre|délben"

#: a cue word (lower case) -> its English, for `lexicon.WORDS`
CUE_WORDS: dict[str, str] = {
    **{form: "start" for cell in _START_FORMS.values() for form in cell.split("|")},
    **{form: en for en, cell in _LENGTH_FORMS.items() for form in cell.split("|")},
    **{form: "done" for form in _DONE_FORMS.split("|")},
    **{form: "noon" for form in _NOON_FORMS.split("|")},
}
