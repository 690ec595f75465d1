"""The matrix cells of the European languages and Turkish, for `pivot_table`.

One dict per language, one string per concept: alternatives split by `|`, the twelve
numbers and seven weekdays (Monday first) split by `;`, places and zones as `KEY=forms`
split by `;`. `_` is the slot a preposition governs: `до _` (before the slot), `_ kadar`
(a postposition, after it). `n/a: ...` marks a cell that has no form, with the reason.
Inflected forms are listed where a language declines (Slavic cases, Greek articles,
Turkish suffixes), because the rewrite matches whole words.
"""

from __future__ import annotations

WEST: dict[str, dict[str, str]] = {
    "es": {
        "numbers": "un|uno|una;dos;tres;cuatro;cinco;seis;siete;ocho;nueve;diez;once;doce",
        "counters": "tarjetas|unidades",
        "hour": "horas|hora",
        "day": "días|dias|día|dia",
        "week": "semanas|semana",
        "weekdays": "lunes;martes;miércoles|miercoles;jueves;viernes;sábado|sabado;domingo",
        "today": "hoy",
        "tomorrow": "mañana",
        "before": "antes del _|antes de _|antes del día _",
        "by": "para el _|hasta el _|a más tardar el _",
        "not_before": "no antes del _|no antes de _|a partir del _|a partir de _|desde el _",
        "within": "en menos de _|dentro de _|en un plazo de _|en los próximos _|"
                  "en los siguientes _",
        "for": "durante _|por _",
        "train": "entrenar|entrena|entrenamiento",
        "fine_tune": "ajuste fino|afinar|afina",
        "evaluate": "evaluar|evalúa|evalua",
        "serve": "servir|sirve|desplegar|despliega",
        "transcribe": "transcribir|transcribe",
        "translate": "traducir|traduce",
        "embed": "generar embeddings|vectorizar",
        "classify": "clasificar|clasifica",
        "summarise": "resumir",
        "cheapest": "lo más barato|lo mas barato|más barato|el más barato|lo más económico|"
                    "cuanto más barato",
        "fastest": "lo más rápido|lo mas rapido|lo antes posible",
        "greenest": "lo más verde|lo más ecológico|menos emisiones|cuanto más verde|"
                    "cuanto más ecológico",
        "balanced": "equilibrado|un compromiso|término medio",
        "spot_ok": "spot está bien|spot vale|se permite spot",
        "no_spot": "sin spot|nada de spot",
        "no_interrupt": "sin interrupciones|no se puede interrumpir",
        "only_in": "solo en _|sólo en _|únicamente en _",
        "not_in": "no en _|fuera de _|excepto _",
        "places": "DE=Alemania;FR=Francia;GB=Reino Unido;NL=Países Bajos|Paises Bajos|Holanda;"
                  "US=Estados Unidos|EE. UU.|EEUU|EE.UU.;JP=Japón|Japon;SG=Singapur;IN=India;"
                  "AE=Emiratos Árabes Unidos|Emiratos;BR=Brasil;AU=Australia;CA=Canadá;EU=la UE|"
                  "Unión Europea;EUROPE=Europa;ASIA=Asia",
        "zones": "NEWFOUNDLAND=hora de Terranova;ALASKA=hora de Alaska;HAWAII=hora de Hawái;"
                 "MEXICO=hora CDMX|hora de la CDMX|hora de Ciudad de México|"
                 "hora del centro de México|hora del centro;"
                 "SAO_PAULO=hora de São Paulo|hora de Brasilia;MOSCOW=hora de Moscú;"
                 "TEHRAN=hora de Teherán;KATHMANDU=hora de Nepal|hora de Katmandú",
    },
    "pt": {
        "numbers": "um|uma|numa;dois|duas;três|tres;quatro;cinco;seis;sete;oito;nove;dez;onze;doze",
        "counters": "placas|unidades",
        "hour": "horas|hora",
        "day": "dias|dia",
        "week": "semanas|semana",
        "weekdays": "segunda-feira|segunda;terça-feira|terça|terca;quarta-feira|quarta;"
                    "quinta-feira|quinta;sexta-feira|sexta;sábado|sabado;domingo",
        "today": "hoje",
        "tomorrow": "amanhã|amanha",
        "before": "antes de _|antes da _",
        "by": "até _|até a _|até à _|até o _|até ao _",
        "not_before": "não antes de _|a partir de _|a partir da _|desde _",
        "within": "em menos de _|dentro de _|no prazo de _",
        "for": "durante _|por _",
        "train": "treinar|treina|treinamento|treino",
        "fine_tune": "ajuste fino|afinar",
        "evaluate": "avaliar|avalia",
        "serve": "servir|implantar|implanta",
        "transcribe": "transcrever|transcreve",
        "translate": "traduzir|traduz",
        "embed": "gerar embeddings|vetorizar",
        "classify": "classificar|classifica",
        "summarise": "resumir",
        "cheapest": "o mais barato|mais barato|o mais econômico",
        "fastest": "o mais rápido|o mais rapido|o quanto antes",
        "greenest": "o mais verde|menos emissões|o mais sustentável|quanto mais verde",
        "balanced": "equilibrado|um meio-termo|um compromisso",
        "spot_ok": "spot pode|spot está ok|spot serve",
        "no_spot": "sem spot|nada de spot",
        "no_interrupt": "sem interrupções|não pode ser interrompido",
        "only_in": "só em _|somente em _|apenas em _|só na _|apenas na _|apenas no _",
        "not_in": "não em _|fora de _|fora da _|fora do _|exceto _",
        "places": "DE=Alemanha;FR=França|Franca;GB=Reino Unido;NL=Países Baixos|Holanda;"
                  "US=Estados Unidos|EUA;JP=Japão|Japao;SG=Singapura;IN=Índia|India;"
                  "AE=Emirados Árabes Unidos|Emirados;BR=Brasil;AU=Austrália;CA=Canadá;EU=a UE|"
                  "União Europeia;EUROPE=Europa;ASIA=Ásia",
        "zones": "NEWFOUNDLAND=hora da Terra Nova;ALASKA=hora do Alasca;HAWAII=hora do Havaí;"
                 "MEXICO=hora da Cidade do México;SAO_PAULO=horário de Brasília|"
                 "hora de Brasília|horário de São Paulo|hora de São Paulo|BRT;"
                 "MOSCOW=hora de Moscou;TEHRAN=hora de Teerã;KATHMANDU=hora do Nepal|"
                 "hora de Katmandu",
    },
    "fr": {
        "numbers": "un|une;deux;trois;quatre;cinq;six;sept;huit;neuf;dix;onze;douze",
        "counters": "cartes",
        "hour": "heures|heure",
        "day": "jours|jour",
        "week": "semaines|semaine",
        "weekdays": "lundi;mardi;mercredi;jeudi;vendredi;samedi;dimanche",
        "today": "aujourd'hui",
        "tomorrow": "demain",
        "before": "avant _",
        "by": "d'ici _|au plus tard _|pour _|jusqu'à _",
        "not_before": "pas avant _|à partir de _|à partir du _|dès _",
        "within": "en moins de _|sous _|dans les _",
        "for": "pendant _|durant _",
        "train": ("entraîner|entraîne|entraînement|balayage d'hyperparamètres|"
                  "recherche d'hyperparamètres"),
        "fine_tune": "affiner|affine",
        "evaluate": "évaluer|évalue",
        "serve": "servir|déployer|déploie|démo",
        "transcribe": "transcrire|transcris",
        "translate": "traduire|traduis",
        "embed": "vectoriser|calculer les embeddings",
        "classify": "classer",
        "summarise": "résumer|résume",
        "cheapest": "le moins cher|moins cher",
        "fastest": "le plus rapide|au plus vite",
        "greenest": "le plus vert|le moins carboné|le plus écologique",
        "balanced": "équilibré|un compromis",
        "spot_ok": "spot accepté|spot ok|spot possible",
        "no_spot": "pas de spot|sans spot",
        "no_interrupt": "sans interruption|ne doit pas être interrompu",
        "only_in": "seulement en _|uniquement en _|seulement au _|uniquement au _|que en _",
        "not_in": "pas en _|pas au _|hors de _|hors _|sauf _",
        "places": "DE=Allemagne;FR=France;GB=Royaume-Uni;NL=Pays-Bas;US=États-Unis|Etats-Unis;"
                  "JP=Japon;SG=Singapour;IN=Inde;AE=Émirats arabes unis|Émirats;BR=Brésil;"
                  "AU=Australie;CA=;EU=l'UE|Union européenne;EUROPE=Europe;ASIA=Asie",
        "zones": "NEWFOUNDLAND=heure de Terre-Neuve;ALASKA=heure de l'Alaska;"
                 "HAWAII=heure d'Hawaï;MEXICO=heure de Mexico;SAO_PAULO=heure de São Paulo|"
                 "heure de Brasilia;MOSCOW=heure de Moscou;TEHRAN=heure de Téhéran;"
                 "KATHMANDU=heure du Népal",
    },
    "it": {
        "numbers": "un|uno|una;due;tre;quattro;cinque;sei;sette;otto;nove;dieci;undici;dodici",
        "counters": "schede",
        "hour": "ore|ora",
        "day": "giorni|giorno",
        "week": "settimane|settimana",
        "weekdays": "lunedì|lunedi;martedì|martedi;mercoledì|mercoledi;giovedì|giovedi;venerdì|"
                    "venerdi;sabato;domenica",
        "today": "oggi",
        "tomorrow": "domani",
        "before": "prima di _|prima del _",
        "by": "entro _|entro il _",
        "not_before": "non prima di _|non prima del _|non prima delle _|non prima della _|"
                      "a partire da _|a partire dal _|da _",
        "within": "entro _|in meno di _",
        "for": "per _",
        "train": "addestrare|addestra|addestramento",
        "fine_tune": "affinare|affina",
        "evaluate": "valutare|valuta",
        "serve": "servire|distribuire|servi",
        "transcribe": "trascrivere|trascrivi",
        "translate": "tradurre|traduci",
        "embed": "calcolare gli embedding|vettorizzare",
        "classify": "classificare|classifica",
        "summarise": "riassumere|riassumi",
        "cheapest": "il più economico|più economico|il meno costoso",
        "fastest": "il più veloce|più veloce|il prima possibile",
        "greenest": "il più verde|meno emissioni|il più sostenibile",
        "balanced": "equilibrato|un compromesso",
        "spot_ok": "spot va bene|spot ok",
        "no_spot": "niente spot|senza spot",
        "no_interrupt": "senza interruzioni|non deve essere interrotto",
        "only_in": "solo in _|soltanto in _|solo negli _",
        "not_in": "non in _|fuori da _|fuori dall'_|tranne _",
        "places": "DE=Germania;FR=Francia;GB=Regno Unito;NL=Paesi Bassi|Olanda;US=Stati Uniti;"
                  "JP=Giappone;SG=Singapore;IN=India;AE=Emirati Arabi Uniti|Emirati;BR=Brasile;"
                  "AU=Australia;CA=Canada;EU=l'UE|Unione Europea;EUROPE=Europa;ASIA=Asia",
        "zones": "NEWFOUNDLAND=ora di Terranova;ALASKA=ora dell'Alaska;HAWAII=ora delle Hawaii;"
                 "MEXICO=ora di Città del Messico;SAO_PAULO=ora di San Paolo;"
                 "MOSCOW=ora di Mosca;TEHRAN=ora di Teheran;KATHMANDU=ora del Nepal",
    },
    "de": {
        "numbers": "ein|eine|einer|einem;zwei;drei;vier;fünf|fuenf;sechs;sieben;acht;neun;zehn;"
                   "elf;zwölf|zwoelf",
        "counters": "Karten|Stück|Stk.|Stk",
        "hour": "Stunden|Stunde|Std.|Std",
        "day": "Tage|Tagen|Tag",
        "week": "Wochen|Woche",
        "weekdays": "Montag;Dienstag;Mittwoch;Donnerstag;Freitag;Samstag|Sonnabend;Sonntag",
        "today": "heute",
        "tomorrow": "morgen",
        "before": "vor _",
        "by": "bis zum _|bis spätestens zum _|spätestens _|bis spätestens _",
        "not_before": "nicht vor _|ab _|frühestens _|ab dem _|erst ab _",
        "within": "innerhalb von _|innerhalb _|binnen _",
        "for": "für _",
        "train": "trainieren|trainiere",
        "fine_tune": "feintunen|finetunen|nachtrainieren",
        "evaluate": "evaluieren|auswerten|benchmarken",
        "serve": "bereitstellen|ausliefern|hosten|Endpunkt*",
        "transcribe": "transkribieren",
        "translate": "übersetzen|übersetze",
        "embed": "einbetten|Embeddings berechnen",
        "classify": "klassifizieren",
        "summarise": "zusammenfassen",
        "cheapest": "am günstigsten|am billigsten|möglichst günstig",
        "fastest": "am schnellsten|möglichst schnell|so schnell wie möglich",
        "greenest": "am grünsten|möglichst grün|möglichst klimafreundlich",
        "balanced": "ausgewogen|ein Kompromiss|Mittelweg",
        "spot_ok": "Spot ist ok|Spot erlaubt|Spot geht",
        "no_spot": "kein Spot|keine Spot-Instanzen|ohne Spot",
        "no_interrupt": "ohne Unterbrechung|darf nicht unterbrochen werden",
        "only_in": "nur in _|ausschließlich in _|nur in der _|nur im _",
        "not_in": "nicht in _|nicht in der _|außerhalb _|außer _",
        "places": "DE=Deutschland;FR=Frankreich;GB=Großbritannien|Vereinigtes Königreich;"
                  "NL=Niederlande|Holland;US=USA|Vereinigte Staaten;JP=Japan;SG=Singapur;"
                  "IN=Indien;AE=Vereinigte Arabische Emirate|VAE|Emirate;BR=Brasilien;"
                  "AU=Australien;CA=Kanada;EU=die EU|Europäische Union;EUROPE=Europa;ASIA=Asien",
        "zones": "NEWFOUNDLAND=Neufundland-Zeit|Zeit in Neufundland;ALASKA=Alaska-Zeit;"
                 "HAWAII=Hawaii-Zeit;MEXICO=Mexiko-Stadt-Zeit|Zeit in Mexiko-Stadt;"
                 "SAO_PAULO=São-Paulo-Zeit|Brasília-Zeit;MOSCOW=Moskauer Zeit;"
                 "TEHRAN=Teheraner Zeit;KATHMANDU=Nepal-Zeit|nepalesischer Zeit",
    },
    "nl": {
        "numbers": "een|één|eén;twee;drie;vier;vijf;zes;zeven;acht;negen;tien;elf;twaalf",
        "counters": "kaarten|stuks",
        "hour": "uur|uren",
        "day": "dagen|dag",
        "week": "weken|week",
        "weekdays": "maandag;dinsdag;woensdag;donderdag;vrijdag;zaterdag;zondag",
        "today": "vandaag",
        "tomorrow": "morgen",
        "before": "voor _|vóór _",
        "by": "uiterlijk _|tegen _",
        "not_before": "niet voor _|vanaf _|pas vanaf _",
        "within": "binnen _",
        "for": "gedurende _|voor _",
        "train": "trainen|train",
        "fine_tune": "finetunen|fijnafstemmen",
        "evaluate": "evalueren|evalueer",
        "serve": "serveren|uitrollen|hosten",
        "transcribe": "transcriberen",
        "translate": "vertalen|vertaal",
        "embed": "embeddings berekenen",
        "classify": "classificeren",
        "summarise": "samenvatten|vat samen",
        "cheapest": "zo goedkoop mogelijk|het goedkoopst|goedkoopste|stroomprijs laag|"
                    "stroom goedkoop|energieprijs laag",  # "wanneer de stroomprijs laag is"
        "fastest": "zo snel mogelijk|het snelst|snelste",
        "greenest": "zo groen mogelijk|het groenst",
        "balanced": "gebalanceerd|een compromis",
        "spot_ok": "spot is prima|spot mag",
        "no_spot": "geen spot|zonder spot",
        "no_interrupt": "zonder onderbreking|mag niet onderbroken worden",
        "only_in": "alleen in _|uitsluitend in _",
        "not_in": "niet in _|buiten _|behalve _",
        "places": "DE=Duitsland;FR=Frankrijk;GB=Verenigd Koninkrijk;NL=Nederland;"
                  "US=Verenigde Staten;JP=Japan;SG=Singapore;IN=India;"
                  "AE=Verenigde Arabische Emiraten|VAE;BR=Brazilië;AU=Australië;CA=Canada;"
                  "EU=de EU|Europese Unie;EUROPE=Europa;ASIA=Azië",
        "zones": "NEWFOUNDLAND=Newfoundland-tijd|tijd in Newfoundland;ALASKA=Alaska-tijd;"
                 "HAWAII=Hawaii-tijd;MEXICO=Mexico-Stad-tijd;SAO_PAULO=São Paulo-tijd;"
                 "MOSCOW=Moskouse tijd|Moskou-tijd;TEHRAN=Teheraanse tijd;"
                 "KATHMANDU=Nepalese tijd",
    },
    "sv": {
        "numbers": "en|ett;två;tre;fyra;fem;sex;sju;åtta;nio;tio;elva;tolv",
        "counters": "kort|st",
        "hour": "timmar|timme|tim",
        "day": "dagar|dag|dygn",
        "week": "veckor|vecka",
        "weekdays": "måndag|måndagen;tisdag|tisdagen;onsdag|onsdagen;torsdag|torsdagen;fredag|"
                    "fredagen;lördag|lördagen;söndag|söndagen",
        "today": "idag|i dag",
        "tomorrow": "imorgon|i morgon",
        "before": "före _|innan _",
        "by": "senast _|till _",
        "not_before": "inte före _|från och med _|tidigast _",
        "within": "inom _",
        "for": "i _|under _",
        "train": "träna|träning",
        "fine_tune": "finjustera|finjustering",
        "evaluate": "utvärdera|utvärdering",
        "serve": "servera|driftsätta",
        "transcribe": "transkribera",
        "translate": "översätta|översätt",
        "embed": "beräkna embeddings",
        "classify": "klassificera",
        "summarise": "sammanfatta",
        "cheapest": "billigast|så billigt som möjligt|billigt",
        "fastest": "snabbast|så snabbt som möjligt|snabbt|fort",
        "greenest": "grönast|så grönt som möjligt|grön el|grön energi|som renast|när det blåser",
        "balanced": "balanserat|en kompromiss",
        "spot_ok": "spot går bra|spot är ok",
        "no_spot": "ingen spot|utan spot",
        "no_interrupt": "utan avbrott|får inte avbrytas",
        "only_in": "bara i _|endast i _|enbart i _",
        "not_in": "inte i _|utanför _|utom _",
        "places": "DE=Tyskland;FR=Frankrike;GB=Storbritannien;NL=Nederländerna;US=USA;JP=Japan;"
                  "SG=Singapore;IN=Indien;AE=Förenade Arabemiraten;BR=Brasilien;AU=Australien;"
                  "CA=Kanada;EU=;EUROPE=Europa;ASIA=Asien",
        "zones": "NEWFOUNDLAND=Newfoundlandtid;ALASKA=Alaskatid;HAWAII=Hawaiitid;"
                 "MEXICO=Mexico City-tid;SAO_PAULO=São Paulo-tid;MOSCOW=Moskvatid;"
                 "TEHRAN=Teherantid;KATHMANDU=nepalesisk tid",
    },
}
