"""The matrix cells of Slovak, Lithuanian, Latvian, Slovenian and Bulgarian (s16).

The layout of `pivot_north`. These five were read only through neighbours until now
(Slovak through Czech, Slovenian through Croatian, Bulgarian through Russian) or not at
all (the Baltic two): the tuning sets fresh23 and fresh24 had requests in each whose start
("nie skôr ako", "ne anksčiau kaip"), weekdays and places went unread. Nouns decline, so a
weekday or a country is listed in the cases its prepositions take ("do piatku", "iki
penktadienio", "līdz piektdienai", "do petka"; "v Nemecku", "Vokietijoje", "Vācijā").
Lithuanian and Latvian write the EU as "ES", which is also Spain's code: left out.
Number words that are English words ("pet") are in `CLASH_NUMBERS`.
"""

from __future__ import annotations

BALTIC: dict[str, dict[str, str]] = {
    "sk": {
        "numbers": "jeden|jedna|jedno|jednej;dva|dve|dvoch;tri|troch;štyri|štyroch;päť|piatich;"
                   "šesť|šiestich;sedem|siedmich;osem|ôsmich;deväť|deviatich;desať|desiatich;"
                   "jedenásť;dvanásť",
        "counters": "karty|kariet|kartách|kartu|čipov|čipy|kusy|ks",
        "hour": "hodín|hodiny|hodinu|hod.",
        "day": "dní|dni|deň|dňa",
        "week": "týždňov|týždne|týždeň|týždňa",
        "weekdays": "pondelok|pondelka|pondelkom;utorok|utorka|utorkom;streda|stredu|stredy;"
                    "štvrtok|štvrtka|štvrtkom;piatok|piatku|piatka|piatkom;sobota|sobotu|"
                    "soboty;nedeľa|nedeľu|nedele",
        "today": "dnes",
        "tomorrow": "zajtra",
        "before": "pred _",
        "by": "najneskôr do _|najneskôr v _|termín _",  # plain "do _" is Polish's cell
        "not_before": "nie skôr ako _|nie skôr než _|najskôr v _|najskôr _|od _",
        "within": "v priebehu _|v rámci _",
        "for": "po dobu _|počas _",
        "train": "natrénuj|natrénovať|trénuj|trénovať|natrénovan*|od nuly",
        "fine_tune": "doladiť|doladenie|dolaďovanie|dotrénuj|dotrénovať",
        "evaluate": "vyhodnoť|vyhodnotiť|vyhodnoteni*|otestovať",
        "serve": "nasaď|nasadiť|nasadeni*|prevádzkuj",
        "transcribe": "prepíš|prepísať",
        "translate": "prelož|preložiť|preklad*",
        "embed": "vytvor embeddingy|vektorizuj",
        "classify": "klasifikuj|klasifikovať|klasifikáci*|roztrieď",
        "summarise": "zhrň|zhrnúť|zhrnuti*",
        "cheapest": "najlacnejšie|čo najlacnejšie|najlacnejš*",
        "fastest": "najrýchlejšie|čo najrýchlejšie|najrýchlejš*",
        "greenest": "najekologickejšie|čo najekologickejšie|najekologickejš*|najzelenš*",
        "balanced": "vyvážene|vyvážen*",
        "spot_ok": "spot nevadí|spot je ok|spot môže byť",
        "no_spot": "žiadne spot|bez spot",
        "no_interrupt": "bez prerušenia|nesmie byť prerušen*",
        "only_in": "len v _|iba v _|len vo _|iba vo _|výlučne v _",
        "not_in": "nie v _|mimo _|okrem _",
        "places": "DE=Nemecko|Nemecku|Nemecka;FR=Francúzsko|Francúzsku|Francúzska;"
                  "GB=Veľká Británia|Veľkej Británii|Spojené kráľovstvo;NL=Holandsko|"
                  "Holandsku|Holandska;US=Spojené štáty|Spojených štátoch|Spojených štátov;"
                  "JP=Japonsko|Japonsku;SG=Singapur|Singapure;IN=India|Indii;"
                  "AE=Spojené arabské emiráty;BR=Brazília|Brazílii;AU=Austrália|Austrálii;"
                  "CA=Kanada|Kanade;EU=Európska únia|Európskej únii|EÚ;EUROPE=Európa|Európe;"
                  "ASIA=Ázia|Ázii",
        "zones": "NEWFOUNDLAND=newfoundlandského času;ALASKA=aljašského času;"
                 "HAWAII=havajského času;MEXICO=mexického času;SAO_PAULO=času São Paula;"
                 "MOSCOW=moskovského času;TEHRAN=teheránskeho času;KATHMANDU=nepálskeho času",
    },
    "lt": {
        "numbers": "vienas|viena|vieną;du|dvi|dviem;trys|tris|trimis;keturi|keturios|"
                   "keturias|keturiomis|keturiais;penki|penkios|penkis|penkiomis;šeši|šešios|"
                   "šešis;septyni|septynios;aštuoni|aštuonios|aštuonis;devyni|devynios;dešimt;"
                   "vienuolika;dvylika",
        "counters": "kortos|kortų|kortas|kortomis|vnt.",
        "hour": "valandų|valandas|valandos|valandą|valanda|val.",
        "day": "dienų|dienas|dienos|dieną|diena|parų|paros",
        "week": "savaičių|savaites|savaitės|savaitę|savaitė",
        "weekdays": "pirmadienis|pirmadienį|pirmadienio;antradienis|antradienį|antradienio;"
                    "trečiadienis|trečiadienį|trečiadienio;ketvirtadienis|ketvirtadienį|"
                    "ketvirtadienio;penktadienis|penktadienį|penktadienio;šeštadienis|"
                    "šeštadienį|šeštadienio;sekmadienis|sekmadienį|sekmadienio",
        "today": "šiandien",
        "tomorrow": "rytoj",
        "before": "prieš _",
        "by": "iki _|ne vėliau kaip _|ne vėliau nei _",
        "not_before": "ne anksčiau kaip _|ne anksčiau nei _|anksčiausiai _|nuo _",
        "within": "_ bėgyje|_ laikotarpyje",  # not "per _": Italian "for"
        "for": "_ trukmės",
        "train": "apmokyk|apmokyti|treniruok|treniruoti|apmokym*|mokym*",
        "fine_tune": "tiksliai suderink|tiksliai suderinti|papildomai apmokyk|dotreniruok",
        "evaluate": "įvertink|įvertinti|įvertinim*|ištestuok",
        "serve": "įdiek|įdiegti|paleisk kaip paslaugą",
        "transcribe": "transkribuok|transkribuoti|transkripcij*",
        "translate": "išversk|išversti|išverst*|vertim*",
        "embed": "sukurk įterpinius|vektorizuok",
        "classify": "klasifikuok|klasifikuoti|klasifikavim*|suskirstyk",
        "summarise": "apibendrink|apibendrinti|santrauk*",
        "cheapest": "pigiausia|pigiausias|pigiausią|pigiausiai|kuo pigiau",
        "fastest": "greičiausia|greičiausias|greičiausiai|kuo greičiau",
        "greenest": "žaliausia|žaliausias|kuo žaliau|ekologiškiausi*|kuo mažiau emisijų",
        "balanced": "subalansuot*|kompromis*",
        "spot_ok": "spot tinka|spot gerai|galima spot",
        "no_spot": "jokių spot|be spot",
        "no_interrupt": "be pertraukų|negali būti nutrauktas|negali nutrūkti",
        "only_in": "tik _|tiktai _|vien _",
        "not_in": "išskyrus _|ne _",
        "places": "DE=Vokietija|Vokietijoje|Vokietijos;FR=Prancūzija|Prancūzijoje|"
                  "Prancūzijos;GB=Jungtinė Karalystė|Jungtinėje Karalystėje|Didžioji Britanija|"
                  "Didžiojoje Britanijoje;NL=Nyderlandai|Nyderlanduose|Olandija|Olandijoje;"
                  "US=JAV|Jungtinės Valstijos|Jungtinėse Valstijose;JP=Japonija|Japonijoje;"
                  "SG=Singapūras|Singapūre;IN=Indija|Indijoje;AE=Jungtiniai Arabų Emyratai|"
                  "Jungtiniuose Arabų Emyratuose;BR=Brazilija|Brazilijoje;AU=Australija|"
                  "Australijoje;CA=Kanada|Kanadoje;EU=Europos Sąjunga|Europos Sąjungoje;"
                  "EUROPE=Europa|Europoje|Europos;ASIA=Azija|Azijoje",
        "zones": "NEWFOUNDLAND=Niufaundlendo laiku;ALASKA=Aliaskos laiku;HAWAII=Havajų laiku;"
                 "MEXICO=Meksikos laiku;SAO_PAULO=San Paulo laiku;MOSCOW=Maskvos laiku;"
                 "TEHRAN=Teherano laiku;KATHMANDU=Nepalo laiku",
    },
    "lv": {
        "numbers": "viens|viena|vienu;divi|divas|diviem;trīs|trijiem;četri|četras|četriem;"
                   "pieci|piecas|pieciem;seši|sešas|sešiem;septiņi|septiņas;astoņi|astoņas|"
                   "astoņiem;deviņi|deviņas;desmit;vienpadsmit;divpadsmit",
        "counters": "kartes|karšu|kartēm|gab.",
        "hour": "stundas|stundām|stundu|stunda|st.",
        "day": "dienas|dienām|dienu|diena|diennaktis",
        "week": "nedēļas|nedēļām|nedēļu|nedēļa",
        "weekdays": "pirmdiena|pirmdien|pirmdienai|pirmdienas;otrdiena|otrdien|otrdienai|"
                    "otrdienas;trešdiena|trešdien|trešdienai|trešdienas;ceturtdiena|"
                    "ceturtdien|ceturtdienai|ceturtdienas;piektdiena|piektdien|piektdienai|"
                    "piektdienas;sestdiena|sestdien|sestdienai|sestdienas;svētdiena|svētdien|"
                    "svētdienai|svētdienas",
        "today": "šodien",
        "tomorrow": "rīt",
        "before": "pirms _",
        "by": "līdz _|ne vēlāk kā _|ne vēlāk par _",
        "not_before": "ne agrāk kā _|ne agrāk par _|agrākais _|sākot no _",
        "within": "_ laikā",
        "for": "uz _",
        "train": "apmāc*|jāapmāca|trenē|trenēt",
        "fine_tune": "pieregulē|pieregulēt|precīzi noregulē*|papildapmāci*",
        "evaluate": "novērtē|novērtēt|novērtējum*|izvērtē*",
        "serve": "izvieto|izvietot|palaid kā servisu",
        "transcribe": "transkribē|transkribēt|atšifrē*",
        "translate": "iztulko|iztulkot|tulko|tulkot|tulkojum*",
        "embed": "izveido iegultnes|vektorizē",
        "classify": "klasificē|klasificēt|klasifikācij*",
        "summarise": "apkopo|apkopot|kopsavilkum*",
        "cheapest": "lētākais|lētāko|vislētāk|pēc iespējas lētāk",
        "fastest": "ātrākais|ātrāko|visātrāk|pēc iespējas ātrāk",
        "greenest": "zaļākais|zaļāko|pēc iespējas zaļāk|videi draudzīgāk*",
        "balanced": "sabalansēt*|kompromis*",
        "spot_ok": "spot der|spot ir ok|var spot",
        "no_spot": "bez spot|nekādu spot",
        "no_interrupt": "bez pārtraukumiem|nedrīkst pārtraukt",
        "only_in": "tikai _",
        "not_in": "izņemot _|ārpus _",
        "places": "DE=Vācija|Vācijā|Vācijas;FR=Francija|Francijā|Francijas;GB=Lielbritānija|"
                  "Lielbritānijā|Apvienotā Karaliste|Apvienotajā Karalistē;NL=Nīderlande|"
                  "Nīderlandē;US=ASV|Amerikas Savienotās Valstis|Amerikas Savienotajās Valstīs;"
                  "JP=Japāna|Japānā;SG=Singapūra|Singapūrā;IN=Indija|Indijā;"
                  "AE=Apvienotie Arābu Emirāti;BR=Brazīlija|Brazīlijā;AU=Austrālija|Austrālijā;"
                  "CA=Kanāda|Kanādā;EU=Eiropas Savienība|Eiropas Savienībā;EUROPE=Eiropa|Eiropā;"
                  "ASIA=Āzija|Āzijā",
        "zones": "NEWFOUNDLAND=Ņūfaundlendas laikā;ALASKA=Aļaskas laikā;HAWAII=Havaju laikā;"
                 "MEXICO=Meksikas laikā;SAO_PAULO=Sanpaulu laikā;MOSCOW=Maskavas laikā;"
                 "TEHRAN=Teherānas laikā;KATHMANDU=Nepālas laikā",
    },
    "sl": {
        "numbers": "ena|enega|eno;dva|dve|dveh;tri|treh;štiri|štirih;pet|petih;šest|šestih;"
                   "sedem|sedmih;osem|osmih;devet|devetih;deset|desetih;enajst;dvanajst",
        "counters": "kartic|kartice|kartici|kartico|kosov|kos",
        "hour": "urah|urami|ur|ure|uri|uro",
        "day": "dneh|dnevih|dni|dan|dneva|dnevi",
        "week": "tednov|tedne|tedna|tedni|teden",
        "weekdays": "ponedeljek|ponedeljka|ponedeljkom;torek|torka|torkom;sreda|sredo|srede;"
                    "četrtek|četrtka|četrtkom;petek|petka|petkom;sobota|soboto|sobote;"
                    "nedelja|nedeljo|nedelje",
        "today": "danes",
        "tomorrow": "jutri",
        "before": "pred _",
        "by": "najkasneje do _|najpozneje do _",
        "not_before": "ne pred _|ne prej kot _|najprej _|najzgodneje _",
        "within": "v roku _|znotraj _|v naslednjih _|v prihodnjih _",
        "for": "za _",
        "train": "natreniraj|treniraj|natrenirati|trenirati|učenje od začetka",
        "fine_tune": "fino nastavi|fino nastaviti|fina nastavitev|dodatno nauči",
        "evaluate": "ovrednot*|oceni|ocenite|ocenimo|evalvacij*",
        "serve": "namesti|postavi kot storitev|streži",
        "transcribe": "prepiši|prepisati|transkribiraj",
        "translate": "prevedi|prevesti|prevod*|prevaja*",
        "embed": "ustvari vložitve|vektoriziraj",
        "classify": "klasificiraj|razvrsti|klasifikacij*",
        "summarise": "povzemi|povzeti|povzet*",
        "cheapest": "najceneje|čim ceneje|najcenejš*",
        "fastest": "najhitreje|čim hitreje|najhitrejš*",
        "greenest": "najbolj zeleno|čim bolj zeleno|najbolj ekološk*|najmanj emisij",
        "balanced": "uravnotežen*",
        "spot_ok": "spot je v redu|spot je ok|lahko spot",
        "no_spot": "brez spot|nobenih spot",
        "no_interrupt": "brez prekinitev|ne sme biti prekinjen*",
        "only_in": "samo v _|le v _|izključno v _",
        "not_in": "ne v _|zunaj _|razen _",
        "places": "DE=Nemčija|Nemčiji|Nemčije;FR=Francija|Franciji|Francije;GB=Velika Britanija|"
                  "Veliki Britaniji|Združeno kraljestvo|Združenem kraljestvu;NL=Nizozemska|"
                  "Nizozemskem|Nizozemske;US=ZDA|Združene države|Združenih državah;JP=Japonska|"
                  "Japonskem;SG=Singapur|Singapurju;IN=Indija|Indiji;AE=Združeni arabski emirati;"
                  "BR=Brazilija|Braziliji;AU=Avstralija|Avstraliji;CA=Kanada|Kanadi;"
                  "EU=Evropska unija|Evropski uniji;EUROPE=Evropa|Evropi;ASIA=Azija|Aziji",
        "zones": "NEWFOUNDLAND=po novofundlandskem času;ALASKA=po aljaškem času;"
                 "HAWAII=po havajskem času;MEXICO=po mehiškem času;SAO_PAULO=po času São Paula;"
                 "MOSCOW=po moskovskem času;TEHRAN=po teheranskem času;"
                 "KATHMANDU=po nepalskem času",
    },
    "bg": {
        "numbers": "един|една|едно;два|две;три;четири;пет;шест;седем;осем;девет;десет;"
                   "единадесет|единайсет;дванадесет|дванайсет",
        "counters": "карти|карта|броя|бр.",
        "hour": "часа|часове|час|ч.",
        "day": "дни|дена|ден",
        "week": "седмици|седмица",
        "weekdays": "понеделник;вторник;сряда;четвъртък;петък;събота;неделя",
        "today": "днес",
        "tomorrow": "утре",
        "before": "преди _",
        "by": "най-късно до _|не по-късно от _|до _",
        "not_before": "не преди _|не по-рано от _|най-рано _",
        "within": "в рамките на _",
        "for": "в продължение на _",
        "train": "обучи|обучение от нулата|тренирай",
        "fine_tune": "дообучи|дообучение|фина настройка|фино настройване",
        "evaluate": "оцени|оценка|оценяване",
        "serve": "разположи|разгърни|пусни като услуга",
        "transcribe": "транскрибирай|транскрибиране",
        "translate": "преведи|превод*",
        "embed": "създай ембединги|векторизирай",
        "classify": "класифицирай|класификация|класифициране",
        "summarise": "обобщи|обобщение|резюмирай",
        "cheapest": "най-евтино|най-евтиния|възможно най-евтино",
        "fastest": "най-бързо|най-бързия|възможно най-бързо",
        "greenest": "най-зелено|най-екологично|възможно най-зелено",
        "balanced": "балансиран*|компромис",
        "spot_ok": "spot е ок|spot е добре|може spot",
        "no_spot": "без spot|никакви spot",
        "no_interrupt": "без прекъсване|не трябва да се прекъсва",
        "only_in": "само в _|единствено в _",
        "not_in": "не в _|извън _|освен _",
        "places": "DE=Германия;FR=Франция;GB=Великобритания|Обединеното кралство;"
                  "NL=Нидерландия|Холандия;US=САЩ;JP=Япония;SG=Сингапур;IN=Индия;"
                  "AE=Обединените арабски емирства|ОАЕ;BR=Бразилия;AU=Австралия;CA=Канада;"
                  "EU=Европейския съюз|Европейския съюз|ЕС;EUROPE=Европа;ASIA=Азия",
        "zones": "NEWFOUNDLAND=по нюфаундлендско време;ALASKA=по аляскинско време;"
                 "HAWAII=по хавайско време;MEXICO=по мексиканско време;"
                 "SAO_PAULO=по времето на Сао Пауло;MOSCOW=по московско време;"
                 "TEHRAN=по техеранско време;KATHMANDU=по непалско време",
    },
}
