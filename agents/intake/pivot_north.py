"""The matrix cells of Norwegian, Danish, Finnish, Hungarian, Catalan (s12) and Estonian (s14).

The same layout as `pivot_west`: `|` between alternatives, `;` between the twelve numbers,
the seven weekdays (Monday first) and the `KEY=forms` places and zones, `_` the slot of a
preposition (`innen _`) or a postposition (`_ mennessä`, `_ előtt`), a trailing `*` a stem
with any ending (lexical cells only). Finnish and Hungarian glue cases onto the noun, so
their day and place cells list the inflected words ("perjantaihin", "Németországban").
Number words that are English words ("to", "hat", "ni") are in `CLASH_NUMBERS`.
"""

from __future__ import annotations

NORTH: dict[str, dict[str, str]] = {
    "nb": {
        "numbers": "en|ett;to;tre;fire;fem;seks;sju|syv;åtte;ni;ti;elleve;tolv",
        "counters": "kort|stk",
        "hour": "timer",  # not "t" ("1T" is a terabyte), not "time" ("100 time steps")
        "day": "dager|dag|døgn",
        "week": "uker|uke",
        "weekdays": "mandag|mandagen;tirsdag|tirsdagen;onsdag|onsdagen;torsdag|torsdagen;"
                    "fredag|fredagen;lørdag|lørdagen;søndag|søndagen",
        "today": "i dag|idag",
        "tomorrow": "i morgen|imorgen",
        "before": "før _",
        "by": "senest _|innen _|innen utgangen av _|frist: _|frist _",
        "not_before": "ikke før _|fra og med _|tidligst _",
        "within": "i løpet av _|på under _|innen _",
        "for": "i _",
        "train": "tren|trene|trening",
        "fine_tune": "finjuster|finjustere|finjustering",
        "evaluate": "evaluer|evaluere|evaluering",
        "serve": "driftsett|driftsette|rull ut",
        "transcribe": "transkriber|transkribere",
        "translate": "oversett|oversette",
        "embed": "lag embeddinger|beregn embeddinger",
        "classify": "klassifiser|klassifisere",
        "summarise": "oppsummer|oppsummere",
        "cheapest": "billigst|så billig som mulig|rimeligst",
        "fastest": "raskest|så raskt som mulig|fortest",
        "greenest": "grønnest|så grønt som mulig|lavest utslipp|grønn strøm|grønn energi",
        "balanced": "balansert|et kompromiss",
        "spot_ok": "spot går fint|spot er ok|spot er greit",
        "no_spot": "ingen spot|uten spot",
        "no_interrupt": "uten avbrudd|må ikke avbrytes",
        "only_in": "bare i _|kun i _|utelukkende i _",
        "not_in": "ikke i _|utenfor _|unntatt _",
        "places": "DE=Tyskland;FR=Frankrike;GB=Storbritannia;NL=Nederland;US=USA;JP=Japan;"
                  "SG=Singapore;IN=India;AE=De forente arabiske emirater;BR=Brasil;"
                  "AU=Australia;CA=Canada;EU=;EUROPE=Europa;ASIA=Asia",
        "zones": "NEWFOUNDLAND=Newfoundland-tid;ALASKA=Alaska-tid;HAWAII=Hawaii-tid;"
                 "MEXICO=Mexico by-tid;SAO_PAULO=São Paulo-tid;MOSCOW=Moskva-tid|Moskvatid;"
                 "TEHRAN=Teheran-tid;KATHMANDU=Nepal-tid|Katmandu-tid",
    },
    "da": {
        "numbers": "en|et;to;tre;fire;fem;seks;syv;otte;ni;ti;elleve;tolv",
        "counters": "kort|stk",
        "hour": "timer",  # not "t" ("1T" is a terabyte), not "time" ("100 time steps")
        "day": "dage|dag|døgn",
        "week": "uger|uge",
        "weekdays": "mandag|mandagen;tirsdag|tirsdagen;onsdag|onsdagen;torsdag|torsdagen;"
                    "fredag|fredagen;lørdag|lørdagen;søndag|søndagen",
        "today": "i dag|idag",
        "tomorrow": "i morgen|imorgen",
        "before": "før _",
        "by": "senest _|inden _|inden udgangen af _|frist: _|frist _",
        "not_before": "ikke før _|fra og med _|tidligst _",
        "within": "i løbet af _|på under _|inden for _|inden _",
        "for": "i _",
        "train": "træn|træne|træning",
        "fine_tune": "finjuster|finjustere|finjustering",
        "evaluate": "evaluer|evaluere|evaluering",
        "serve": "udrul|udrulle",
        "transcribe": "transskriber|transskribere",
        "translate": "oversæt|oversætte",
        "embed": "lav embeddings|beregn embeddings",
        "classify": "klassificer|klassificere",
        "summarise": "opsummer|opsummere|resumer",
        "cheapest": "billigst|så billigt som muligt",
        "fastest": "hurtigst|så hurtigt som muligt",
        "greenest": "grønnest|så grønt som muligt|lavest udledning|grøn strøm|grøn energi",
        "balanced": "balanceret|et kompromis",
        "spot_ok": "spot er fint|spot er ok|spot går fint",
        "no_spot": "ingen spot|uden spot",
        "no_interrupt": "uden afbrydelser|må ikke afbrydes",
        "only_in": "kun i _|udelukkende i _",
        "not_in": "ikke i _|uden for _|undtagen _",
        "places": "DE=Tyskland;FR=Frankrig;GB=Storbritannien;NL=Holland|Nederlandene;US=USA;"
                  "JP=Japan;SG=Singapore;IN=Indien;AE=De Forenede Arabiske Emirater;"
                  "BR=Brasilien;AU=Australien;CA=Canada;EU=;EUROPE=Europa;ASIA=Asien",
        "zones": "NEWFOUNDLAND=Newfoundland-tid;ALASKA=Alaska-tid;HAWAII=Hawaii-tid;"
                 "MEXICO=Mexico City-tid;SAO_PAULO=São Paulo-tid;MOSCOW=Moskva-tid|Moskvatid;"
                 "TEHRAN=Teheran-tid;KATHMANDU=Nepal-tid|Kathmandu-tid",
    },
    "fi": {
        "numbers": "yksi|yhdellä|yhden;kaksi|kahdella|kahden;kolme|kolmella|kolmen;"
                   "neljä|neljällä|neljän;viisi|viidellä|viiden;kuusi|kuudella|kuuden;"
                   "seitsemän|seitsemällä;kahdeksan|kahdeksalla;yhdeksän|yhdeksällä;"
                   "kymmenen|kymmenellä;yksitoista;kaksitoista",
        "counters": "kpl|korttia|kortilla",
        "hour": "tuntia|tunnin|tunti|tunnissa|h",
        "day": "päivää|päivän|päivä|päivässä|vrk",
        "week": "viikkoa|viikon|viikko|viikossa",
        "weekdays": "maanantai|maanantaina|maanantaihin|maanantaista|maanantaita;"
                    "tiistai|tiistaina|tiistaihin|tiistaista|tiistaita;"
                    "keskiviikko|keskiviikkona|keskiviikkoon|keskiviikosta|keskiviikkoa;"
                    "torstai|torstaina|torstaihin|torstaista|torstaita;"
                    "perjantai|perjantaina|perjantaihin|perjantaista|perjantaita;"
                    "lauantai|lauantaina|lauantaihin|lauantaista|lauantaita;"
                    "sunnuntai|sunnuntaina|sunnuntaihin|sunnuntaista|sunnuntaita",
        "today": "tänään",
        "tomorrow": "huomenna",
        "before": "ennen _",
        "by": "viimeistään _|_ mennessä|määräaika _|määräaika on _|takaraja _",
        "not_before": "aikaisintaan _|_ alkaen|_ lähtien",
        "within": "_ sisällä|_ kuluessa|alle _",
        "for": "_ ajan",
        "train": "kouluta*|koulutet*|koulutta*|opeta*|koulutus*",  # "Koulutetaan" (s16)
        "fine_tune": "hienosäädä|hienosäätä*|hienosäätö*",
        "evaluate": "arvioi*|evaluoi*",
        "serve": "tarjoile|ota käyttöön|julkaise",
        "transcribe": "litteroi*|transkriboi*",
        "translate": "käännä|kääntä*|käännös*",
        "embed": "laske upotukset|luo upotukset|upotusvektorit",
        "classify": "luokittele|luokittel*|luokitus*",
        "summarise": "tiivistä|tiivistä*|tee yhteenveto",
        "cheapest": "halvin|halvimmalla|mahdollisimman halvalla|mahdollisimman edullisesti",
        "fastest": "nopein|nopeimmin|mahdollisimman nopeasti",
        "greenest": "vihrein|mahdollisimman vihreästi|pienimmät päästöt|vähäpäästöi*",
        "balanced": "tasapainoinen|kompromissi",
        "spot_ok": "spot käy|spot on ok|spot kelpaa",
        "no_spot": "ei spot|ilman spot",
        "no_interrupt": "ilman keskeytyksiä|ei saa keskeytyä",
        "only_in": "vain _|ainoastaan _",
        "not_in": "ei _|paitsi _|_ ulkopuolella",
        "places": "DE=Saksa|Saksassa|Saksaan|Saksan;FR=Ranska|Ranskassa|Ranskaan|Ranskan;"
                  "GB=Iso-Britannia|Iso-Britanniassa|Britanniassa;NL=Alankomaat|"
                  "Alankomaissa|Hollanti|Hollannissa;US=Yhdysvallat|Yhdysvalloissa|USA:ssa;"
                  "JP=Japani|Japanissa;SG=Singapore|Singaporessa;IN=Intia|Intiassa;"
                  "AE=Arabiemiirikunnat|Arabiemiirikunnissa;BR=Brasilia|Brasiliassa;"
                  "AU=Australia|Australiassa;CA=Kanada|Kanadassa;EU=EU:ssa|Euroopan unionissa;"
                  "EUROPE=Eurooppa|Euroopassa;ASIA=Aasia|Aasiassa",
        "zones": "NEWFOUNDLAND=Newfoundlandin aikaa;ALASKA=Alaskan aikaa;HAWAII=Havaijin aikaa;"
                 "MEXICO=Meksikon aikaa;SAO_PAULO=São Paulon aikaa|Brasilian aikaa;"
                 "MOSCOW=Moskovan aikaa;TEHRAN=Teheranin aikaa|Iranin aikaa;"
                 "KATHMANDU=Nepalin aikaa",
    },
    "hu": {
        "numbers": "egy;két|kettő;három;négy;öt;hat;hét;nyolc;kilenc;tíz;tizenegy;tizenkét",
        "counters": "db|darab|kártya|kártyán",
        "hour": "óra|órán|órát|órás|órára",
        "day": "nap|napon|napig|napos",
        "week": "hét|héten|hetes|hetet",
        "weekdays": "hétfő|hétfőn|hétfőre|hétfőtől;kedd|kedden|keddre|keddtől;"
                    "szerda|szerdán|szerdára|szerdától;csütörtök|csütörtökön|csütörtökre|"
                    "csütörtöktől;péntek|pénteken|péntekre|péntektől;szombat|szombaton|"
                    "szombatra|szombattól;vasárnap|vasárnapra|vasárnaptól",
        "today": "mára|mai napon",
        "tomorrow": "holnap",
        "before": "_ előtt",
        "by": "legkésőbb _|_ határidővel|határidő: _|határidő _",
        "not_before": "_ után|legkorábban _",
        "within": "_ belül|_ alatt",
        "for": "_ keresztül|_ hosszan",
        "train": "tanítsd|tanít*|betanít*|nulláról",
        "fine_tune": "finomhangold|finomhangol*",
        "evaluate": "értékeld|értékel*",
        "serve": "szolgáld ki|telepítsd|üzemeltesd",
        "transcribe": "írd át|átír*|leirat*",
        "translate": "fordítsd|fordít*",
        "embed": "készíts beágyazásokat|beágyaz*",
        "classify": "osztályozd|osztályoz*",
        "summarise": "foglald össze|összefoglal*",
        "cheapest": "a legolcsóbb|legolcsóbban|legolcsóbb",
        "fastest": "a leggyorsabb|leggyorsabban|minél gyorsabban",
        "greenest": "a legzöldebb|legzöldebben|legkisebb kibocsátással|legkisebb szénlábnyom*",
        "balanced": "kiegyensúlyozott|kompromisszum",
        "spot_ok": "a spot jó|spot is jó|spot mehet",
        "no_spot": "spot nélkül|nem spot",
        "no_interrupt": "megszakítás nélkül|nem szakadhat meg",
        "only_in": "csak _|kizárólag _",
        "not_in": "nem _|_ kívül",
        "places": "DE=Németország|Németországban|Németországba;FR=Franciaország|"
                  "Franciaországban;GB=Egyesült Királyság|Egyesült Királyságban|Nagy-Britannia;"
                  "NL=Hollandia|Hollandiában|Németalföld;US=USA|USA-ban|Egyesült Államok|"
                  "Egyesült Államokban;JP=Japán|Japánban;SG=Szingapúr|Szingapúrban;"
                  "IN=India|Indiában;AE=Egyesült Arab Emírségek|Egyesült Arab Emírségekben;"
                  "BR=Brazília|Brazíliában;AU=Ausztrália|Ausztráliában;CA=Kanada|Kanadában;"
                  "EU=EU-ban|az EU-ban|Európai Unióban;EUROPE=Európa|Európában;ASIA=Ázsia|Ázsiában",
        "zones": "NEWFOUNDLAND=új-fundlandi idő;ALASKA=alaszkai idő;HAWAII=hawaii idő;"
                 "MEXICO=mexikóvárosi idő;SAO_PAULO=São Pauló-i idő|brazíliai idő;"
                 "MOSCOW=moszkvai idő;TEHRAN=teheráni idő|iráni idő;KATHMANDU=nepáli idő",
    },
    "ca": {
        "numbers": "un|una;dos|dues;tres;quatre;cinc;sis;set;vuit;nou;deu;onze;dotze",
        "counters": "targetes|unitats",
        "hour": "hores|hora",
        "day": "dies|dia",
        "week": "setmanes|setmana",
        "weekdays": "dilluns;dimarts;dimecres;dijous;divendres;dissabte;diumenge",
        "today": "avui",
        "tomorrow": "demà",
        "before": "abans de _|abans del _",
        "by": "com a molt tard _|per al _|fins al _|fins a _|fins _|termini: _",
        "not_before": "no abans de _|no abans del _|a partir de _|a partir del _",
        "within": "en menys de _|dins de _",
        "for": "durant _",
        "train": "entrenar|entrena|entrenament",
        "fine_tune": "ajust fi|afinar|afina",
        "evaluate": "avaluar|avalua",
        "serve": "servir|desplegar|desplega",
        "transcribe": "transcriure|transcriu",
        "translate": "traduir|tradueix",
        "embed": "generar embeddings|vectoritzar",
        "classify": "classificar|classifica",
        "summarise": "resumir|resumeix",
        "cheapest": "el més barat|més barat|el més econòmic",
        "fastest": "el més ràpid|com més aviat millor|al més aviat possible",
        "greenest": "el més verd|el més ecològic|menys emissions|com més verd|com més ecològic",
        "balanced": "equilibrat|un compromís|terme mitjà",
        "spot_ok": "spot està bé|spot ja va bé|es permet spot",
        "no_spot": "sense spot|res de spot",
        "no_interrupt": "sense interrupcions|no es pot interrompre",
        "only_in": "només a _|només en _|únicament a _",
        "not_in": "no a _|fora de _|excepte _",
        "places": "DE=Alemanya;FR=França;GB=Regne Unit;NL=Països Baixos|Holanda;US=Estats Units|"
                  "EUA;JP=Japó;SG=Singapur;IN=Índia;AE=Emirats Àrabs Units|Emirats;BR=Brasil;"
                  "AU=Austràlia;CA=Canadà;EU=la UE|Unió Europea;EUROPE=Europa;ASIA=Àsia",
        "zones": "NEWFOUNDLAND=hora de Terranova;ALASKA=hora d'Alaska;HAWAII=hora de Hawaii;"
                 "MEXICO=hora de Ciutat de Mèxic|hora de Mèxic;SAO_PAULO=hora de São Paulo|"
                 "hora de Brasília;MOSCOW=hora de Moscou;TEHRAN=hora de Teheran;"
                 "KATHMANDU=hora del Nepal|hora de Katmandú",
    },
    "et": {  # Estonian (s14): cases on numbers and nouns ("kaheksal kaardil", "Euroopas")
        "numbers": "üks|ühe|ühel;kaks|kahe|kahel;kolm|kolme|kolmel;neli|nelja|neljal;"
                   "viis|viie|viiel;kuus|kuue|kuuel;seitse|seitsme|seitsmel;"
                   "kaheksa|kaheksal|kaheksale;üheksa|üheksal;kümme|kümnel;üksteist;kaksteist",
        "counters": "kaarti|kaardil|kaardi|tk",
        "hour": "tundi|tunni|tund|tunniga",
        "day": "päeva|päev|päevaga|ööpäeva",
        "week": "nädalat|nädala|nädal",
        # + the genitive and partitive a preposition takes ("mitte enne reedet", "esmaspäeva
        # hommikuks": s16)
        "weekdays": "esmaspäev|esmaspäeval|esmaspäevaks|esmaspäeva|esmaspäevast;"
                    "teisipäev|teisipäeval|teisipäevaks|teisipäeva|teisipäevast;"
                    "kolmapäev|kolmapäeval|kolmapäevaks|kolmapäeva|kolmapäevast;"
                    "neljapäev|neljapäeval|neljapäevaks|neljapäeva|neljapäevast;"
                    "reede|reedel|reedeks|reedet|reedest;"
                    "laupäev|laupäeval|laupäevaks|laupäeva|laupäevast;"
                    "pühapäev|pühapäeval|pühapäevaks|pühapäeva|pühapäevast",
        "today": "täna",
        "tomorrow": "homme",
        "before": "enne _",
        "by": "hiljemalt _|tähtaeg _|tähtaeg on _",
        "not_before": "mitte enne _|alates _|kõige varem _",
        "within": "_ jooksul",
        "for": "_ vältel|_ kestel",
        "train": "treeni*|koolita*",
        "fine_tune": "peenhäälesta*|täppishäälesta*",
        "evaluate": "hindamis*|hinnata|hinnake|evalveeri*",
        "serve": "serveeri*|juuruta*",
        "transcribe": "transkribeeri*|litereeri*",
        "translate": "tõlgi*|tõlki*|tõlke*",
        "embed": "arvuta manustused|vektoresitused",
        "classify": "klassifitseeri*|liigita*",
        "summarise": "kokkuvõt*|võta kokku",
        "cheapest": "odavaim|kõige odavam|võimalikult odavalt|võimalikult soodsalt",
        "fastest": "kiireim|kõige kiirem|võimalikult kiiresti",
        "greenest": "kõige rohelisem|võimalikult roheliselt|väikseimad heitmed",
        "balanced": "tasakaalustatud|kompromiss",
        "spot_ok": "spot sobib|spot on ok|spot on lubatud",
        "no_spot": "ilma spot|mitte spot",
        "no_interrupt": "ilma katkestusteta|ei tohi katkeda",
        "only_in": "ainult _|üksnes _|vaid _",
        "not_in": "mitte _|välja arvatud _|väljaspool _",
        # (not "EL", Estonian for the EU: it is also the Spanish article)
        "places": "DE=Saksamaa|Saksamaal;FR=Prantsusmaa|Prantsusmaal;GB=Suurbritannia|"
                  "Suurbritannias|Ühendkuningriik;NL=Holland|Hollandis|Madalmaad;US=USA|USAs|"
                  "Ameerika Ühendriigid|Ameerikas;JP=Jaapan|Jaapanis;SG=Singapur|Singapuris;"
                  "IN=India|Indias;AE=Araabia Ühendemiraadid;BR=Brasiilia|Brasiilias;"
                  "AU=Austraalia|Austraalias;CA=Kanada|Kanadas;EU=Euroopa Liit|Euroopa Liidus;"
                  "EUROPE=Euroopa|Euroopas;ASIA=Aasia|Aasias",
        "zones": "NEWFOUNDLAND=Newfoundlandi aja järgi;ALASKA=Alaska aja järgi;"
                 "HAWAII=Hawaii aja järgi;MEXICO=Mehhiko aja järgi;SAO_PAULO=São Paulo aja järgi;"
                 "MOSCOW=Moskva aja järgi;TEHRAN=Teherani aja järgi;KATHMANDU=Nepali aja järgi",
    },
}
