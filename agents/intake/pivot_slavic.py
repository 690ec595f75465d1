"""The matrix cells of Polish, Czech, Romanian, Russian, Ukrainian, Greek and Turkish.

Same layout as `pivot_west`. Slavic nouns decline, so a weekday or a country is listed in
the cases its prepositions take ("до пятницы", "с понедельника", "w Niemczech"); Turkish
suffixes are listed on the word ("Cuma'ya", "Almanya'da") and its postpositions are
written after the slot ("_ kadar", "_ dışında").
"""

from __future__ import annotations

SLAVIC: dict[str, dict[str, str]] = {
    "pl": {
        "numbers": "jeden|jedna|jednej;dwa|dwie|dwóch;trzy|trzech;cztery|czterech;pięć|pięciu;"
                   "sześć|sześciu;siedem|siedmiu;osiem|ośmiu;dziewięć|dziewięciu;dziesięć|"
                   "dziesięciu;jedenaście;dwanaście",
        "counters": "karty|kart|karcie|kartach|kartę|sztuki|szt.",
        "hour": "godzin|godziny|godzinę|godz.",
        "day": "dni|dzień|doby",
        "week": "tygodni|tygodnie|tydzień",
        "weekdays": "poniedziałek|poniedziałku;wtorek|wtorku;środa|środę|środy;czwartek|"
                    "czwartku;piątek|piątku;sobota|sobotę|soboty;niedziela|niedzielę|niedzieli",
        "today": "dzisiaj|dziś",
        "tomorrow": "jutro",
        "before": "przed _",
        "by": "najpóźniej w _",  # "do _" is world_time_words' guarded rule (English "do")
        "not_before": "nie wcześniej niż _|od _|począwszy od _",
        "within": "w ciągu _|w przeciągu _",
        "for": "przez _|na _",
        "train": "wytrenuj|trenuj|wytrenować",
        "fine_tune": "dostrój|dostroić|fine-tuning",
        "evaluate": "oceń|ewaluuj|przetestuj|ewaluacj*|ewaluowa*",
        "serve": "serwuj|udostępnij|wdróż",
        "transcribe": "transkrybuj|przepisz",
        "translate": "przetłumacz|tłumacz",
        "embed": "wygeneruj embeddingi",
        "classify": "sklasyfikuj|klasyfikuj|klasyfikacj*",
        "summarise": "streść|podsumuj",
        "cheapest": "najtaniej|jak najtaniej|najtańsza opcja",
        "fastest": "najszybciej|jak najszybciej",
        "greenest": "najbardziej ekologicznie|najzieleniej",
        "balanced": "kompromis|zrównoważona",
        "spot_ok": "spot jest ok|spot może być",
        "no_spot": "bez spot|bez instancji spot",
        "no_interrupt": "bez przerw|nie może być przerywane",
        "only_in": "tylko w _|wyłącznie w _|tylko we _",
        "not_in": "nie w _|poza _|z wyjątkiem _",
        "places": "DE=Niemcy|Niemczech|Niemiec;FR=Francja|Francji;GB=Wielka Brytania|"
                  "Wielkiej Brytanii;NL=Holandia|Holandii;US=USA|Stany Zjednoczone|"
                  "Stanach Zjednoczonych;JP=Japonia|Japonii;SG=Singapur|Singapurze;IN=Indie|"
                  "Indiach;AE=Zjednoczone Emiraty Arabskie;BR=Brazylia|Brazylii;AU=Australia|"
                  "Australii;CA=Kanada|Kanadzie;EU=UE|Unii Europejskiej;EUROPE=Europa|Europie;"
                  "ASIA=Azja|Azji",
        "zones": "NEWFOUNDLAND=czasu Nowej Fundlandii;ALASKA=czasu Alaski;"
                 "HAWAII=czasu hawajskiego;MEXICO=czasu meksykańskiego;"
                 "SAO_PAULO=czasu São Paulo;MOSCOW=czasu moskiewskiego;TEHRAN=czasu Teheranu;"
                 "KATHMANDU=czasu nepalskiego",
    },
    "cs": {
        "numbers": "jeden|jedna|jedno;dva|dvě|dvou;tři|třech;čtyři|čtyřech;pět;šest;sedm;osm;"
                   "devět;deset;jedenáct;dvanáct",
        "counters": "karty|kartách|kartě|karet|kartu|čipů|čipy|kusy|ks",
        "hour": "hodin|hodiny|hodinu|hod.|h",
        "day": "dní|dny|den|dnů",
        "week": "týdnů|týdny|týden",
        "weekdays": "pondělí;úterý;středa|středu|středy;čtvrtek|čtvrtka;pátek|pátku;sobota|"
                    "sobotu|soboty;neděle|neděli",
        "today": "dnes",
        "tomorrow": "zítra",
        "before": "před _",
        "by": "nejpozději v _",  # not "do _": English "I do 15:00"
        "not_before": "ne dříve než _|od _|nejdříve v _",
        "within": "během _",
        "for": "po dobu _|na _",
        "train": "natrénuj|trénuj|natrénovat|trénován*|natrénován*|předtrénován*|od nuly",
        "fine_tune": "dolaď|doladit|doladění",
        "evaluate": "vyhodnoť|vyhodnotit|otestuj",
        "serve": "nasaď|nasadit|poskytuj",
        "transcribe": "přepiš|přepsat",
        "translate": "přelož|přeložit",
        "embed": "vytvoř embeddingy",
        "classify": "klasifikuj|klasifikov*|klasifikac*|zaklasifik*",  # not "klasifikátor"
        "summarise": "shrň|shrnout",
        "cheapest": "nejlevněji|co nejlevněji|nejlevn*|najlacn*|čo najlacnejšie",
        "fastest": "nejrychleji|co nejrychleji|najrýchlejšie|čo najrýchlejšie",
        # + Slovak spellings ("najlacnejšia", "čo najzelenší"): no Slovak column yet (s13)
        "greenest": "nejekologičtěji|co nejekologičtěji|nejzelen*|co nejzelen*|najzelen*|"
                    "čo najzelen*",
        "balanced": "kompromis|vyvážené",
        "spot_ok": "spot je ok|spot nevadí",
        "no_spot": "bez spot|žádné spot",
        "no_interrupt": "bez přerušení|nesmí být přerušen",
        "only_in": "jen v _|pouze v _|jen ve _|pouze ve _",
        "not_in": "ne v _|mimo _|kromě _",
        "places": "DE=Německo|Německu|Německa;FR=Francie|Francii;GB=Velká Británie|"
                  "Velké Británii;NL=Nizozemsko|Nizozemsku;US=USA|Spojené státy|"
                  "Spojených státech;JP=Japonsko|Japonsku;SG=Singapur|Singapuru;IN=Indie|Indii;"
                  "AE=Spojené arabské emiráty;BR=Brazílie|Brazílii;AU=Austrálie|Austrálii;"
                  "CA=Kanada|Kanadě;EU=Evropské unii;EUROPE=Evropa|Evropě;ASIA=Asie|Asii",
        "zones": "NEWFOUNDLAND=newfoundlandského času;ALASKA=aljašského času;"
                 "HAWAII=havajského času;MEXICO=mexického času;SAO_PAULO=času São Paula;"
                 "MOSCOW=moskevského času;TEHRAN=teheránského času;KATHMANDU=nepálského času",
    },
    "ro": {
        "numbers": "un|o|unu;două|doua|doi;trei;patru;cinci;șase|sase;șapte|sapte;opt;nouă|noua;"
                   "zece;unsprezece;douăsprezece|doisprezece",
        "counters": "plăci|placi|bucăți",
        "hour": "ore|oră|ora|h",
        "day": "zile|zi",
        "week": "săptămâni|săptămână",
        "weekdays": "luni;marți|marţi|marti;miercuri;joi;vineri;sâmbătă|sambata;duminică|duminica",
        "today": "azi|astăzi",
        "tomorrow": "mâine|maine",
        "before": "înainte de _",
        "by": "până la _|până _",
        "not_before": "nu înainte de _|începând cu _|începând de _|cel mai devreme _|după _|"
                      "după ora _",  # "după 19:00": after it, a start (s16)
        "within": "în cel mult _|în maximum _",
        "for": "timp de _|pentru _",
        "train": "antrenează|antrena|antrenare|antrenar*|de la zero",
        "fine_tune": "reglaj fin|ajustează fin",
        "evaluate": "evaluează|evalua",
        "serve": "servește|servim|implementează",
        "transcribe": "transcrie",
        "translate": "traduce|tradu",
        "embed": "generează embeddings",
        "classify": "clasifică|clasifica",
        "summarise": "rezumă|rezuma",
        "cheapest": "cel mai ieftin*|cea mai ieftin*|cât mai ieftin*",
        "fastest": "cel mai rapid*|cea mai rapid*|cât mai repede",
        "greenest": "cel mai verde|cea mai verde|cât mai ecologic*|cea mai ecologic*",
        "balanced": "echilibrat|un compromis",
        "spot_ok": "spot e ok|spot e în regulă",
        "no_spot": "fără spot",
        "no_interrupt": "fără întreruperi|nu trebuie întrerupt",
        "only_in": "doar în _|numai în _",
        "not_in": "nu în _|în afara _|cu excepția _",
        "places": "DE=Germania;FR=Franța|Franta;GB=Regatul Unit|Marea Britanie;NL=Țările de Jos|"
                  "Olanda;US=SUA|Statele Unite;JP=Japonia;SG=Singapore;IN=India;"
                  "AE=Emiratele Arabe Unite|EAU;BR=Brazilia;AU=Australia;CA=Canada;EU=UE|"
                  "Uniunea Europeană;EUROPE=Europa;ASIA=Asia",
        "zones": "NEWFOUNDLAND=ora din Newfoundland;ALASKA=ora Alaskăi;HAWAII=ora din Hawaii;"
                 "MEXICO=ora Mexicului|ora din Ciudad de México;SAO_PAULO=ora din São Paulo;"
                 "MOSCOW=ora Moscovei;TEHRAN=ora Teheranului;KATHMANDU=ora Nepalului",
    },
    "ru": {
        "numbers": "один|одна|одну|одной|одном|одного|одним;два|две|двух;три|трёх|трех;"
                   "четыре|четырёх|"
                   "четырех;пять|пяти;шесть|шести;семь|семи;восемь|восьми;девять|девяти;десять|"
                   "десяти;одиннадцать|одиннадцати;двенадцать|двенадцати",
        "counters": "шт.|шт|штуки|штук|карты|карт|видеокарты|видеокарт",
        "hour": "часов|часа|час|ч.|ч",
        "day": "дней|дня|день|суток|сутки|дн.",
        "week": "недель|недели|неделю|неделя",
        "weekdays": "понедельник|понедельника|понедельнику|понедельником;вторник|вторника|"
                    "вторнику|вторником;среда|среду|среды|средой;четверг|четверга|четвергу|"
                    "четвергом;пятница|пятницу|пятницы|пятнице|пятницей;суббота|субботу|субботы|"
                    "субботе|субботой;воскресенье|воскресенья|воскресенью|воскресеньем",
        "today": "сегодня",
        "tomorrow": "завтра",
        "before": "перед _",
        "by": "до _|не позже _|не позднее _|к _",
        "not_before": "не раньше _|не ранее _|начиная с _|с _",
        "within": "за _|в пределах _",
        "for": "на _|в течение _",
        "train": "обучить|обучи|обучение|натренировать",
        "fine_tune": "дообучить|дообучи|дообучение|файнтюнинг|дообуч*",
        "evaluate": "оценить|оцени|прогнать бенчмарк",
        "serve": ("развернуть|разверни|запустить инференс|разверн*|эндпоинт*|эндпойнт*|"
                  "инференс-сервис*"),
        "transcribe": "транскрибировать|расшифровать",
        "translate": "перевести|переведи|перевед*|перевод*",
        "embed": "посчитать эмбеддинги|эмбеддинги",
        "classify": "классифицировать|классифицируй|классифицир*|классификаци*",
        "summarise": "суммаризировать|кратко изложить|суммаризир*",
        "cheapest": "как можно дешевле|подешевле|самый дешёвый|дешевле всего|недорог*",
        "fastest": "как можно быстрее|побыстрее|быстрее всего",
        "greenest": "как можно экологичнее|самый зелёный",
        "balanced": "компромисс|сбалансированно",
        "spot_ok": "spot можно|спот можно|spot допустим",
        "no_spot": "без spot|без спот|без спотов",
        "no_interrupt": "без прерываний|нельзя прерывать",
        "only_in": "только в _|только во _",
        "not_in": "не в _|вне _|кроме _|за пределами _",
        "places": "DE=Германия|Германии|Германию;FR=Франция|Франции;GB=Великобритания|"
                  "Великобритании;NL=Нидерланды|Нидерландах|Нидерландов;US=США;JP=Япония|Японии;"
                  "SG=Сингапур|Сингапуре;IN=Индия|Индии;AE=ОАЭ;BR=Бразилия|Бразилии;"
                  "AU=Австралия|Австралии;CA=Канада|Канаде;EU=ЕС|Евросоюз|Евросоюзе|Евросоюза;"
                  "EUROPE=Европа|Европе|Европы;ASIA=Азия|Азии",
        "zones": "NEWFOUNDLAND=по ньюфаундлендскому времени;ALASKA=по времени Аляски|"
                 "по аляскинскому времени;HAWAII=по гавайскому времени;MEXICO=по времени Мехико;"
                 "SAO_PAULO=по времени Сан-Паулу;MOSCOW=по Москве|по московскому времени|МСК|"
                 "мск;TEHRAN=по тегеранскому времени;KATHMANDU=по непальскому времени",
    },
    "uk": {
        "numbers": "один|одна|одну|одній|одного|одним;два|дві|двох;три|трьох;чотири|чотирьох;"
                   "п'ять|п’ять;шість;сім;"
                   "вісім;дев'ять|дев’ять;десять;одинадцять;дванадцять",
        "counters": "шт.|шт|штуки|карти|карт|відеокарти",
        "hour": "годин|години|годину|год.|год",
        "day": "днів|дні|дня|день|доби",
        "week": "тижнів|тижні|тиждень",
        "weekdays": "понеділок|понеділка|понеділком;вівторок|вівторка|вівторком;середа|середу|"
                    "середи|середою;четвер|четверга|четвергом;п'ятниця|п'ятницю|п'ятниці|"
                    "п’ятниці|п’ятницю|п'ятницею;субота|суботу|суботи|суботою;неділя|неділю|"
                    "неділі|неділею",
        "today": "сьогодні",
        "tomorrow": "завтра",
        "before": "перед _",
        "by": "до _|не пізніше _",
        "not_before": "не раніше _|починаючи з _|з _",
        "within": "за _|протягом _",
        "for": "на _",
        "train": "навчити|навчи|навчання|натренувати",
        "fine_tune": "донавчити|донавчи|донавчання|донавч*",
        "evaluate": "оцінити|оціни",
        "serve": "розгорнути|розгорни|розгорн*|ендпоінт*|ендпойнт*|інференс-сервіс*",
        "transcribe": "транскрибувати|розшифрувати",
        "translate": "перекласти|переклади|переклад*",
        "embed": "порахувати ембедінги",
        "classify": "класифікувати|класифіку*|класифікаці*",
        "summarise": "підсумувати|стисло викласти",
        "cheapest": "якомога дешевше|найдешевше|недорог*|дешев*",
        "fastest": "якомога швидше|найшвидше",
        "greenest": "якомога екологічніше|найзеленіше",
        "balanced": "компроміс|збалансовано",
        "spot_ok": "spot можна|спот можна",
        "no_spot": "без spot|без спот",
        "no_interrupt": "без переривань|не можна переривати",
        "only_in": "лише в _|тільки в _|лише у _|тільки у _",
        "not_in": "не в _|не у _|поза _|крім _",
        "places": "DE=Німеччина|Німеччині|Німеччину;FR=Франція|Франції;GB=Велика Британія|"
                  "Великій Британії;NL=Нідерланди|Нідерландах;US=США;JP=Японія|Японії;"
                  "SG=Сінгапур|Сінгапурі;IN=Індія|Індії;AE=ОАЕ;BR=Бразилія|Бразилії;"
                  "AU=Австралія|Австралії;CA=Канада|Канаді;EU=ЄС|Євросоюз|Євросоюзі;"
                  "EUROPE=Європа|Європі;ASIA=Азія|Азії",
        "zones": "NEWFOUNDLAND=за ньюфаундлендським часом;ALASKA=за часом Аляски;"
                 "HAWAII=за гавайським часом;MEXICO=за часом Мехіко;"
                 "SAO_PAULO=за часом Сан-Паулу;MOSCOW=за московським часом;"
                 "TEHRAN=за тегеранським часом;KATHMANDU=за непальським часом",
    },
    "el": {
        "numbers": "ένα|μία|μια|έναν;δύο|δυο;τρεις|τρία;τέσσερις|τέσσερα;πέντε;έξι;επτά|εφτά;"
                   "οκτώ|οχτώ;εννέα|εννιά;δέκα;έντεκα;δώδεκα",
        "counters": "κάρτες|τεμάχια",
        "hour": "ώρες|ώρα|ωρών",
        "day": "ημέρες|μέρες|ημέρα|μέρα|ημερών",
        "week": "εβδομάδες|εβδομάδα",
        "weekdays": "Δευτέρα;Τρίτη;Τετάρτη;Πέμπτη;Παρασκευή;Σάββατο;Κυριακή",
        "today": "σήμερα",
        "tomorrow": "αύριο",
        "before": "πριν την _|πριν από την _|πριν τη _|πριν από τη _",
        "by": "μέχρι την _|μέχρι τη _|μέχρι το _|μέχρι _|έως την _|έως τη _|ως την _",
        "not_before": "όχι πριν την _|όχι πριν τη _|όχι πριν από την _|από την _|από τη _|"
                      "από το _|από _|ξεκινώντας την _",
        "within": "μέσα σε _|εντός _",
        "for": "για _",
        "train": "εκπαίδευ*|εκπαιδεύ*",  # "να εκπαιδεύσουμε" (s16)
        "fine_tune": "λεπτή ρύθμιση|fine-tune",
        "evaluate": "αξιολόγησε|αξιολόγηση",
        "serve": "εξυπηρέτησε|ανάπτυξε|ανάπτυξη",
        "transcribe": "μεταγραφή|απομαγνητοφώνησε",
        "translate": "μετάφρασε|μετάφραση",
        "embed": "υπολόγισε embeddings",
        "classify": "ταξινόμησε|ταξινόμηση",
        "summarise": "σύνοψη|συνόψισε",
        "cheapest": "το φθηνότερο|όσο πιο φθηνά|φθηνότερα",
        "fastest": "το γρηγορότερο|όσο πιο γρήγορα",
        "greenest": "το πιο πράσινο|όσο πιο πράσινα",
        "balanced": "ισορροπημένα|συμβιβασμός",
        "spot_ok": "spot επιτρέπεται|spot είναι εντάξει",
        "no_spot": "χωρίς spot|όχι spot",
        "no_interrupt": "χωρίς διακοπές|να μη διακοπεί",
        "only_in": "μόνο στη _|μόνο στην _|μόνο στο _|μόνο στις _|μόνο σε _",
        "not_in": "όχι στη _|όχι στην _|όχι στο _|όχι στις _|εκτός _",
        "places": "DE=Γερμανία;FR=Γαλλία;GB=Ηνωμένο Βασίλειο|Βρετανία;NL=Ολλανδία|Κάτω Χώρες;"
                  "US=ΗΠΑ;JP=Ιαπωνία;SG=Σιγκαπούρη;IN=Ινδία;AE=Ηνωμένα Αραβικά Εμιράτα|ΗΑΕ;"
                  "BR=Βραζιλία;AU=Αυστραλία;CA=Καναδά|Καναδάς;EU=ΕΕ|Ευρωπαϊκή Ένωση;"
                  "EUROPE=Ευρώπη;ASIA=Ασία",
        "zones": "NEWFOUNDLAND=ώρα Νέας Γης;ALASKA=ώρα Αλάσκας;HAWAII=ώρα Χαβάης;"
                 "MEXICO=ώρα Πόλης του Μεξικού;SAO_PAULO=ώρα Σάο Πάουλο;MOSCOW=ώρα Μόσχας;"
                 "TEHRAN=ώρα Τεχεράνης;KATHMANDU=ώρα Νεπάλ",
    },
    "tr": {
        "numbers": "bir;iki;üç;dört;beş;altı;yedi;sekiz;dokuz;on;on bir;on iki",
        "counters": "tane|adet|kart",
        "hour": "saat|saatlik",
        "day": "gün|günlük",
        "week": "hafta|haftalık",
        "weekdays": "Pazartesi|Pazartesiye|Pazartesi'ye|Pazartesiden|Pazartesi'den;Salı|Salıya|"
                    "Salı'ya|Salıdan|Salı'dan;Çarşamba|Çarşambaya|Çarşamba'ya|Çarşambadan|"
                    "Çarşamba'dan;Perşembe|Perşembeye|Perşembe'ye|Perşembeden|Perşembe'den;Cuma|"
                    "Cumaya|Cuma'ya|Cumadan|Cuma'dan;Cumartesi|Cumartesiye|Cumartesi'ye|"
                    "Cumartesiden|Cumartesi'den;Pazar|Pazara|Pazar'a|Pazardan|Pazar'dan",
        "today": "bugün",
        "tomorrow": "yarın",
        "before": "_ önce",
        "by": "_ kadar|_ e kadar|en geç _",
        "not_before": "_ itibaren|_ önce değil|_ sonra",
        "within": "_ içinde|_ içerisinde",
        "for": "_ boyunca|_ süreyle",
        "train": "eğit|eğitimi|eğitmek",
        "fine_tune": "ince ayar|ince ayarla|ince ayar*",
        "evaluate": "değerlendir|değerlendirme",
        "serve": "servis et|dağıt",
        "transcribe": "yazıya dök|transkribe et",
        "translate": "çevir|tercüme et|çevir*|tercüme*",
        "embed": "embedding çıkar|gömme",
        "classify": "sınıflandır|sınıflandır*",
        "summarise": "özetle|özetle*",
        "cheapest": "en ucuz|en ucuzu|mümkün olduğunca ucuz",
        "fastest": "en hızlı|mümkün olduğunca hızlı",
        "greenest": "en yeşil|en çevreci",
        "balanced": "dengeli|orta yol",
        "spot_ok": "spot olur|spot kabul",
        "no_spot": "spot yok|spot olmasın|spotsuz",
        "no_interrupt": "kesintisiz|kesintiye uğramamalı",
        "only_in": "sadece _|yalnızca _|yalnız _",
        "not_in": "_ dışında|_ hariç",
        "places": "DE=Almanya|Almanya'da|Almanyada;FR=Fransa|Fransa'da;GB=İngiltere|"
                  "İngiltere'de|Birleşik Krallık;NL=Hollanda|Hollanda'da|Hollandada;US=ABD|"
                  "ABD'de|Amerika'da;JP=Japonya|Japonya'da;SG=Singapur|Singapur'da;IN=Hindistan|"
                  "Hindistan'da;AE=BAE|BAE'de|Birleşik Arap Emirlikleri;BR=Brezilya|Brezilya'da;"
                  "AU=Avustralya|Avustralya'da;CA=Kanada|Kanada'da;EU=AB'de|Avrupa Birliği;"
                  "EUROPE=Avrupa|Avrupa'da;ASIA=Asya|Asya'da",
        "zones": "NEWFOUNDLAND=Newfoundland saatiyle;ALASKA=Alaska saatiyle;"
                 "HAWAII=Hawaii saatiyle;MEXICO=Meksiko saatiyle|Mexico City saatiyle;"
                 "SAO_PAULO=São Paulo saatiyle;MOSCOW=Moskova saatiyle;TEHRAN=Tahran saatiyle;"
                 "KATHMANDU=Nepal saatiyle",
    },
}
