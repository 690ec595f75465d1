"""Matrix cells of Serbo-Croatian, Swiss German, Malay, Tamil, Amharic, Yoruba (s12).

The layout of `pivot_north`: `|` between alternatives, `;` between numbers, weekdays
(Monday first), places and zones, `_` the slot of a preposition or a postposition (Tamil
"_ க்குள்", Amharic "_ በፊት"), a trailing `*` a stem with any ending (lexical cells only).
"""

from __future__ import annotations

MORE: dict[str, dict[str, str]] = {
    "hr": {  # Croatian / Serbian / Bosnian in Latin letters
        "numbers": "jedan|jedna|jednu|jednom;dva|dvije|dve|dvjema;tri;četiri|četirima;pet;"
                   "šest;sedam;osam;devet;deset;jedanaest;dvanaest",
        "counters": "grafičkih kartica|grafičke kartice|kartice|kartica|komada|kom",
        "hour": "sati|sata|sat|h",
        "day": "dana|dan",
        "week": "tjedana|tjedna|tjedan|nedelja|nedelje|sedmica|sedmice",
        "weekdays": "ponedjeljak|ponedjeljka|ponedeljak|ponedeljka;utorak|utorka;srijeda|"
                    "srijedu|srijede|sreda|sredu|srede;četvrtak|četvrtka;petak|petka;subota|"
                    "subotu|subote;nedjelja|nedjelju|nedjelje|nedelju",
        "today": "danas",
        "tomorrow": "sutra",
        "before": "prije _|pre _",
        "by": "najkasnije do _|najkasnije u _|rok je _|rok: _",  # not "do _": English "I do 15:00"
        "not_before": "ne prije _|ne pre _|od _|najranije u _",
        "within": "u roku od _|unutar _",
        "for": "tijekom _|tokom _|na _",
        "train": "trenir*|istrenir*",  # "treniramo od nule" (s16)
        "fine_tune": "fino podesi|fino podešavanje|dotjeraj",
        "evaluate": "evaluiraj|procijeni|proceni|evaluacija",
        "serve": "poslužuj|postavi|pokreni servis|deployaj",
        "transcribe": "transkribiraj|transkribuj|prepiši",
        "translate": "prevedi|prevesti|prijevod|prevod",
        "embed": "izračunaj embeddinge|napravi embeddinge",
        "classify": "klasificira*|klasifikuj*|razvrsta*",  # not "klasifikator"
        "summarise": "sažmi|sažetak|rezimiraj",
        "cheapest": "najjeftinije|što jeftinije|najjeftiniji",
        "fastest": "najbrže|što brže|što prije",
        "greenest": "najzelenije|što zelenije|najmanje emisija",
        "balanced": "uravnoteženo|kompromis",
        "spot_ok": "spot je ok|spot može|spot je u redu",
        "no_spot": "bez spota|bez spot|nikakav spot",
        "no_interrupt": "bez prekida|ne smije se prekinuti|ne sme se prekinuti",
        "only_in": "samo u _|isključivo u _",
        "not_in": "ne u _|izvan _|osim _|van _",
        "places": "DE=Njemačka|Njemačkoj|Nemačka|Nemačkoj;FR=Francuska|Francuskoj;"
                  "GB=Ujedinjeno Kraljevstvo|Velika Britanija|Velikoj Britaniji;"
                  "NL=Nizozemska|Nizozemskoj|Holandija|Holandiji;US=SAD-u|Sjedinjene "
                  "Države|Amerika|Americi;JP=Japan|Japanu;SG=Singapur|Singapuru;"
                  "IN=Indija|Indiji;AE=Ujedinjeni Arapski Emirati|UAE-u;BR=Brazil|Brazilu;"
                  "AU=Australija|Australiji;CA=Kanada|Kanadi;EU=EU-u|Europskoj uniji|"
                  "Evropskoj uniji;EUROPE=Europa|Europi|Evropa|Evropi;ASIA=Azija|Aziji",
        "zones": "NEWFOUNDLAND=po newfoundlandskom vremenu;ALASKA=po aljaskom vremenu;"
                 "HAWAII=po havajskom vremenu;MEXICO=po meksičkom vremenu;"
                 "SAO_PAULO=po brazilskom vremenu;MOSCOW=po moskovskom vremenu;"
                 "TEHRAN=po teheranskom vremenu|po iranskom vremenu;"
                 "KATHMANDU=po nepalskom vremenu",
    },
    "sr": {  # Serbian in Cyrillic letters
        "numbers": "један|једна|једну;два|две|двије;три;четири;пет;шест;седам;осам;девет;"
                   "десет;једанаест;дванаест",
        "counters": "картице|картица|комада|ком",
        "hour": "сати|сата|сат|ч",
        "day": "дана|дан",
        "week": "недеља|недеље|седмица|седмице",
        "weekdays": "понедељак|понедељка;уторак|уторка;среда|среду|среде;четвртак|четвртка;"
                    "петак|петка;субота|суботу|суботе;недеља|недељу|недеље",
        "today": "данас",
        "tomorrow": "сутра",
        "before": "пре _|прије _",
        "by": "најкасније до _|најкасније у _|рок је _|рок: _",
        "not_before": "не пре _|најраније у _",
        "within": "у року од _|унутар _",
        "for": "током _|у трајању од _",
        "train": "тренир*|истренир*",
        "fine_tune": "фино подеси|фино подешавање",
        "evaluate": "евалуирај|процени|евалуација",
        "serve": "послужуј|постави|покрени сервис",
        "transcribe": "транскрибуј|препиши",
        "translate": "преведи|превести|превод",
        "embed": "израчунај ембединге|направи ембединге",
        "classify": "класификуј*|разврста*",  # "да класификујемо" (s16)
        "summarise": "сажми|сажетак|резимирај",
        "cheapest": "најјефтиније|што јефтиније|најјефтинији",
        "fastest": "најбрже|што брже|што пре",
        "greenest": "најзеленије|што зеленије|најмање емисија",
        "balanced": "уравнотежено|компромис",
        "spot_ok": "спот је ок|спот може|spot је ок",
        "no_spot": "без спота|без spot",
        "no_interrupt": "без прекида|не сме се прекинути",
        "only_in": "само у _|искључиво у _",
        "not_in": "не у _|изван _|осим _|ван _",
        "places": "DE=Немачка|Немачкој;FR=Француска|Француској;GB=Велика Британија|"
                  "Великој Британији|Уједињено Краљевство;NL=Холандија|Холандији|Низоземска;"
                  "US=САД|САД-у|Америка|Америци;JP=Јапан|Јапану;SG=Сингапур|Сингапуру;"
                  "IN=Индија|Индији;AE=Уједињени Арапски Емирати|УАЕ;BR=Бразил|Бразилу;"
                  "AU=Аустралија|Аустралији;CA=Канада|Канади;EU=ЕУ|Европској унији;"
                  "EUROPE=Европа|Европи;ASIA=Азија|Азији",
        "zones": "NEWFOUNDLAND=по њуфаундлендском времену;ALASKA=по аљаском времену;"
                 "HAWAII=по хавајском времену;MEXICO=по мексичком времену;"
                 "SAO_PAULO=по бразилском времену;MOSCOW=по московском времену;"
                 "TEHRAN=по техеранском времену|по иранском времену;"
                 "KATHMANDU=по непалском времену",
    },
    "gsw": {  # Swiss German (Schwiizerdütsch), as it is commonly written
        "numbers": "eis|eini;zwei|zwöi|zwo;drü|drei;vier|vieri;füf|föif|foif;sächs;sibe;"
                   "acht|achti;nüün|nün|nüni;zäh|zäni;elf|elfi;zwölf|zwölfi",
        "counters": "Charte|Stück|Stk",
        "hour": "Stund|Stunde|Stunden|Std",
        "day": "Täg|Tag|Tage",
        "week": "Wuche|Wuchä|Wochen",
        "weekdays": "Mäntig|Mänti;Ziischtig|Zischtig|Dienschtig;Mittwuch|Mittwoch|Mittwuche;"
                    "Dunnschtig|Donnschtig|Dunschtig;Friitig|Fritig|Freitig;Samschtig|Samstig;"
                    "Sunntig|Sonntig",
        "today": "hüt|hütt",
        "tomorrow": "morn|moorn",
        "before": "vor _|vorem _",
        "by": "bis _|bis am _|spötischtens _|spätestens am _",
        "not_before": "nöd vor _|nid vor _|frühestens _|ab _",
        "within": "innert _|inerhalb vo _",
        "for": "für _|während _",
        "train": "trainiere|trainier",
        "fine_tune": "feintune|nachtrainiere",
        "evaluate": "evaluiere|uswerte",
        "serve": "bereitstelle|deploye|betriibe",
        "transcribe": "transkribiere|abschriibe",
        "translate": "übersetze|übersetz",
        "embed": "embeddings rächne|embeddings mache",
        "classify": "klassifiziere|iiteile",
        "summarise": "zämefasse|zämmefasse",
        "cheapest": "am billigschte|so billig wie möglich|am günschtigschte|am günstigschte",
        "fastest": "am schnällschte|so schnäll wie möglich|am schnellschte",
        "greenest": "am grüenschte|so grüen wie möglich",
        "balanced": "usgwoge|en Kompromiss",
        "spot_ok": "spot isch ok|spot gaht|spot isch guet",
        "no_spot": "kei spot|ohni spot",
        "no_interrupt": "ohni Unterbruch|darf nöd unterbroche wärde",
        "only_in": "nur in _|nume in _|bloss in _",
        "not_in": "nöd in _|nid in _|usserhalb vo _|usser _",
        "places": "DE=Dütschland|Tüütschland;FR=Frankriich;GB=England|Grossbritannie;"
                  "NL=Holland;US=Amerika|USA;JP=Japan;SG=Singapur;IN=Indie;AE=Emirate;"
                  "BR=Brasilie;AU=Auschtralie|Australie;CA=Kanada;EU=;EUROPE=Europa;"
                  "ASIA=Asie",
        "zones": "NEWFOUNDLAND=Neufundland-Ziit;ALASKA=Alaska-Ziit;HAWAII=Hawaii-Ziit;"
                 "MEXICO=Mexiko-Ziit;SAO_PAULO=São-Paulo-Ziit|Brasilie-Ziit;"
                 "MOSCOW=Moskauer Ziit|Moskau-Ziit;TEHRAN=Teheran-Ziit|Iran-Ziit;"
                 "KATHMANDU=Nepal-Ziit",
    },
    "ms": {  # Malay (Bahasa Melayu): the Indonesian cells cover the words they share
        "numbers": "satu|sebuah|sebiji;dua;tiga;empat;lima;enam;tujuh;lapan;sembilan;sepuluh;"
                   "sebelas;dua belas",
        "counters": "unit|buah|kad",
        "hour": "jam",
        "day": "hari",
        "week": "minggu",
        "weekdays": "Isnin;Selasa;Rabu;Khamis;Jumaat;Sabtu;Ahad",
        "today": "hari ini",
        "tomorrow": "esok",
        "before": "sebelum _",
        "by": "selewat-lewatnya _|paling lewat _|menjelang _|tarikh akhir _|tarikh akhir: _",
        "not_before": "tidak sebelum _|bermula _|mulai _",
        "within": "dalam tempoh _|dalam masa _",
        "for": "selama _",
        "train": "latih|melatih|latihan",
        "fine_tune": "penalaan halus|talakan",
        "evaluate": "menilai|penilaian|nilaikan",
        "serve": "hidangkan|laksanakan|lancarkan",
        "transcribe": "transkripsi|menyalin",
        "translate": "terjemah|terjemahkan|menterjemah",
        "embed": "jana embedding|menjana embedding",
        "classify": "klasifikasi|mengklasifikasikan|kelaskan",
        "summarise": "ringkaskan|meringkaskan|rumuskan",
        "cheapest": "paling murah|semurah mungkin|termurah",
        "fastest": "paling cepat|secepat mungkin|terpantas",
        "greenest": "paling hijau|sehijau mungkin|pelepasan terendah",
        "balanced": "seimbang|kompromi",
        "spot_ok": "spot tidak mengapa|spot boleh|spot okay",
        "no_spot": "tanpa spot|jangan spot",
        "no_interrupt": "tanpa gangguan|tidak boleh diganggu",
        "only_in": "hanya di _|hanya dalam _",  # not "cuma": Turkish Friday
        "not_in": "bukan di _|di luar _|kecuali _",
        "places": "DE=Jerman;FR=Perancis;GB=United Kingdom|Britain;NL=Belanda;"
                  "US=Amerika Syarikat;JP=Jepun;SG=Singapura;IN=India;AE=Emiriah Arab "
                  "Bersatu;BR=Brazil;AU=Australia;CA=Kanada;EU=Kesatuan Eropah;"
                  "EUROPE=Eropah;ASIA=Asia",
        "zones": "NEWFOUNDLAND=waktu Newfoundland;ALASKA=waktu Alaska;HAWAII=waktu Hawaii;"
                 "MEXICO=waktu Mexico City;SAO_PAULO=waktu São Paulo;MOSCOW=waktu Moscow;"
                 "TEHRAN=waktu Tehran;KATHMANDU=waktu Nepal|waktu Kathmandu",
    },
    "ta": {  # Tamil: case endings are glued on ("ஜெர்மனியில்"), so it is matched unspaced
        "numbers": "ஒன்று|ஒரு;இரண்டு;மூன்று;நான்கு;ஐந்து;ஆறு;ஏழு;எட்டு;ஒன்பது;பத்து;"
                   "பதினொன்று;பன்னிரண்டு",
        "counters": "அட்டைகள்|அட்டை|யூனிட்",
        "hour": "மணி நேரம்|மணிநேரம்|மணி நேரங்கள்",  # bare "மணி" is o'clock ("5 மணிக்கு")
        "day": "நாட்கள்|நாள்",
        "week": "வாரங்கள்|வாரம்",
        "weekdays": "திங்கட்கிழமை|திங்கள்கிழமை;செவ்வாய்க்கிழமை|செவ்வாய்;புதன்கிழமை;"
                    "வியாழக்கிழமை|வியாழன்;வெள்ளிக்கிழமை;சனிக்கிழமை;ஞாயிற்றுக்கிழமை|ஞாயிறு",
        "today": "இன்று",
        "tomorrow": "நாளை",
        "before": "_ க்கு முன்|_ க்கு முன்பு|_ முன்",
        "by": "_ க்குள்|_ குள்",
        "not_before": "_ க்கு முன் அல்ல|_ முதல்|_ இலிருந்து",
        "within": "_ க்குள்|_ குள்",
        "for": "_ க்கு|_ நேரம்",
        "train": "பயிற்சி அளி|பயிற்றுவி|பயிற்சி",
        "fine_tune": "நுண்ணிய சரிசெய்|ஃபைன்-ட்யூன்|ஃபைன் ட்யூன்",
        "evaluate": "மதிப்பிடு|மதிப்பீடு",
        "serve": "சேவை செய்|வரிசைப்படுத்து",
        "transcribe": "படியெடு|எழுத்தாக்கு|டிரான்ஸ்கிரைப்",
        "translate": "மொழிபெயர்|மொழிபெயர்ப்பு",
        "embed": "எம்பெடிங்",
        "classify": "வகைப்படுத்து|வகைப்படுத்தல்",
        "summarise": "சுருக்கு|சுருக்கம்",
        "cheapest": "மிக மலிவான|மலிவான|குறைந்த செலவில்|மிகக் குறைந்த செலவு",
        "fastest": "மிக வேகமான|விரைவாக|சீக்கிரம்",
        "greenest": "மிகப் பசுமையான|குறைந்த கார்பன்",
        "balanced": "சமநிலை|சமரசம்",
        "spot_ok": "spot பரவாயில்லை|ஸ்பாட் பரவாயில்லை",
        "no_spot": "spot வேண்டாம்|ஸ்பாட் வேண்டாம்",
        "no_interrupt": "இடையூறு இல்லாமல்|நிறுத்தக்கூடாது",
        "only_in": "_ இல் மட்டும்|_ யில் மட்டும்|_ வில் மட்டும்|_ மட்டும்",
        "not_in": "_ இல் வேண்டாம்|_ யில் வேண்டாம்|_ தவிர",
        "places": "DE=ஜெர்மனி;FR=பிரான்ஸ்;GB=இங்கிலாந்து|பிரிட்டன்;NL=நெதர்லாந்து;"
                  "US=அமெரிக்கா;JP=ஜப்பான்;SG=சிங்கப்பூர்;IN=இந்தியா;AE=ஐக்கிய அரபு அமீரகம்|"
                  "அமீரகம்;BR=பிரேசில்;AU=ஆஸ்திரேலியா;CA=கனடா;EU=ஐரோப்பிய ஒன்றியம்;"
                  "EUROPE=ஐரோப்பா;ASIA=ஆசியா",
        "zones": "NEWFOUNDLAND=நியூஃபவுண்ட்லாந்து நேரம்;ALASKA=அலாஸ்கா நேரம்;"
                 "HAWAII=ஹவாய் நேரம்;MEXICO=மெக்சிகோ நேரம்;SAO_PAULO=பிரேசில் நேரம்;"
                 "MOSCOW=மாஸ்கோ நேரம்;TEHRAN=ஈரான் நேரம்;KATHMANDU=நேபாள நேரம்",
    },
    "am": {  # Amharic: ከ/በ/ለ glued on the next word are `pivot._PROCLITIC`
        "numbers": "አንድ|በአንድ;ሁለት|በሁለት;ሦስት|ሶስት|በሶስት;አራት|በአራት;አምስት|በአምስት;"
                   "ስድስት|በስድስት;ሰባት|በሰባት;ስምንት|በስምንት;ዘጠኝ;አስር|አሥር;አስራ አንድ;አስራ ሁለት",
        "counters": "ካርዶች|ካርድ",
        "hour": "ሰዓታት|ሰዓት|ሰአት",
        "day": "ቀናት|ቀን",
        "week": "ሳምንታት|ሳምንት",
        "weekdays": "ሰኞ;ማክሰኞ;ረቡዕ|እሮብ;ሐሙስ|ሀሙስ;ዓርብ|አርብ;ቅዳሜ;እሁድ|እሑድ",
        "today": "ዛሬ",
        "tomorrow": "ነገ",
        "before": "ከ _ በፊት|_ በፊት",
        "by": "እስከ _ ድረስ|እስከ _|_ ድረስ",
        "not_before": "ከ _ ጀምሮ|_ ጀምሮ",
        "within": "በ _ ውስጥ|_ ውስጥ",
        "for": "ለ _",
        "train": "አሰልጥን|ማሰልጠን|ስልጠና",
        "fine_tune": "ፋይን ቲዩን|ፋይን-ቲዩን|በጥልቀት አስተካክል",
        "evaluate": "ገምግም|መገምገም|ግምገማ",
        "serve": "አገልግል|ማገልገል|አሰማራ",
        "transcribe": "ወደ ጽሑፍ ቀይር|ገልብጥ",
        "translate": "ተርጉም|መተርጎም|ትርጉም",
        "embed": "ኢምቤዲንግ አውጣ|ኢምቤዲንግ",
        "classify": "መድብ|መመደብ|ምደባ",
        "summarise": "አጠቃልል|ማጠቃለል|ማጠቃለያ",
        "cheapest": "በጣም ርካሽ|ርካሹ|በርካሽ",
        "fastest": "በጣም ፈጣን|በተቻለ ፍጥነት|ፈጣኑ",
        "greenest": "በጣም አረንጓዴ|አነስተኛ ልቀት",
        "balanced": "ሚዛናዊ",
        "spot_ok": "spot ችግር የለውም|ስፖት ችግር የለውም",
        "no_spot": "ያለ spot|ያለ ስፖት|spot አይሁን",
        "no_interrupt": "ያለ መቋረጥ|መቋረጥ የለበትም",
        "only_in": "በ _ ብቻ|_ ውስጥ ብቻ",
        "not_in": "ከ _ ውጭ|_ ውስጥ አይደለም",
        "places": "DE=ጀርመን;FR=ፈረንሳይ;GB=እንግሊዝ|ዩናይትድ ኪንግደም;NL=ኔዘርላንድ|ሆላንድ;"
                  "US=አሜሪካ|ዩናይትድ ስቴትስ;JP=ጃፓን;SG=ሲንጋፖር;IN=ህንድ|ሕንድ;AE=የተባበሩት አረብ "
                  "ኤምሬትስ|ኤምሬትስ;BR=ብራዚል;AU=አውስትራሊያ;CA=ካናዳ;EU=አውሮፓ ህብረት|የአውሮፓ ህብረት;"
                  "EUROPE=አውሮፓ;ASIA=እስያ",
        "zones": "NEWFOUNDLAND=የኒውፋውንድላንድ ሰዓት;ALASKA=የአላስካ ሰዓት;HAWAII=የሃዋይ ሰዓት;"
                 "MEXICO=የሜክሲኮ ሰዓት;SAO_PAULO=የብራዚል ሰዓት;MOSCOW=የሞስኮ ሰዓት;"
                 "TEHRAN=የኢራን ሰዓት;KATHMANDU=የኔፓል ሰዓት",
    },
    "yo": {  # Yoruba, with and without its tone marks
        "numbers": "ọ̀kan|ọkan|okan;méjì|meji;mẹ́ta|meta;mẹ́rin|merin;márùn-ún|márùn|marun;"
                   "mẹ́fà|mefa;méje|meje;mẹ́jọ|mejo;mẹ́sàn-án|mẹ́sàn|mesan;mẹ́wàá|mewaa|mewa;"
                   "mọ́kànlá|mokanla;méjìlá|mejila",
        "counters": "káàdì|kaadi",
        "hour": "wákàtí _|wakati _|wákàtí|wakati",
        "day": "ọjọ́ _|ojo _|ọjọ́|ojo",
        "week": "ọ̀sẹ̀ _|ose _|ọ̀sẹ̀|ose",
        "weekdays": "Ọjọ́ Ajé|Ajé|Aje;Ọjọ́ Ìṣẹ́gun|Ìṣẹ́gun|Isegun;Ọjọ́rú|Ojoru;Ọjọ́bọ̀|Ojobo;"
                    "Ọjọ́ Ẹtì|Ẹtì|Eti;Àbámẹ́ta|Abameta;Ọjọ́ Àìkú|Àìkú|Aiku",
        "today": "lónìí|loni|òní",
        "tomorrow": "lọ́la|lola|ọ̀la",
        "before": "ṣáájú _|saaju _",
        "by": "títí di _|titi di _|kí ó tó di _|ki o to di _|gbọ́dọ̀ parí ní _|parí ní _",
        "not_before": "kò ṣáájú _|ko saaju _|bẹ̀rẹ̀ láti _|bere lati _",
        "within": "láàrin _|laarin _",
        "for": "fún _",
        "train": "kọ́ ní ẹ̀kọ́|dá lẹ́kọ̀ọ́|da lekoo",
        "fine_tune": "ṣàtúnṣe|satunse|ṣe àtúnṣe",
        "evaluate": "ṣàyẹ̀wò|ṣe àyẹ̀wò|se ayewo",
        "serve": "pèsè|pese|gbé kalẹ̀",
        "transcribe": "kọ sílẹ̀|ṣe àkọsílẹ̀|ko sile",
        "translate": "túmọ̀|tumo|ìtúmọ̀",
        "embed": "ṣe embeddings|se embeddings",
        "classify": "pín sí ẹ̀ka|ṣe ìpínsísọ̀rí",
        "summarise": "ṣàkópọ̀|ṣe àkópọ̀|se akopo",
        "cheapest": "olówó pọ́ọ́kú jù lọ|tí ó kéré jù lọ ní owó|ti o kere ju ni owo|ti o "
                     "din owo ju",
        "fastest": "kíákíá jù lọ|yára jù lọ|ni kiakia",
        "greenest": "tí ó dára jù fún àyíká|ti o dara ju fun ayika",
        "balanced": "ìwọ̀ntúnwọ̀nsì|iwontunwonsi",
        "spot_ok": "spot dára|spot kò burú|spot ko buru",
        "no_spot": "kò sí spot|láìsí spot|laisi spot",
        "no_interrupt": "láìsí ìdílọ́wọ́|laisi idiwo|kò gbọdọ̀ dáwọ́ dúró",
        "only_in": "ní _ nìkan|ni _ nikan|_ nìkan|_ nikan",
        "not_in": "kì í ṣe ní _|yàtọ̀ sí _|yato si _",
        "places": "DE=Jámánì|Jamani;FR=Faransé|Faranse;GB=Ilẹ̀ Gẹ̀ẹ́sì|Ile Geesi|Gẹ̀ẹ́sì;"
                  "NL=Nẹ́dálándì|Nedalandi;US=Amẹ́ríkà|Amerika;JP=Jápánì|Japani;"
                  "SG=Sìngápọ̀|Singapo;IN=Íńdíà|Indiya;AE=Àwọn Ẹmírétì|Emireti;"
                  "BR=Bràsíl|Brasil;AU=Ọsirélíà|Osirelia;CA=Kánádà|Kanada;"
                  "EU=Ìṣọ̀kan Yúróòpù|Isokan Yuroopu;EUROPE=Yúróòpù|Yuroopu;ASIA=Éṣíà|Esia",
        "zones": "NEWFOUNDLAND=àkókò Newfoundland;ALASKA=àkókò Alaska;HAWAII=àkókò Hawaii;"
                 "MEXICO=àkókò Mexico;SAO_PAULO=àkókò Brazil|àkókò São Paulo;"
                 "MOSCOW=àkókò Moscow|aago Moscow;TEHRAN=àkókò Tehran;"
                 "KATHMANDU=àkókò Nepal|àkókò Kathmandu",
    },
}
