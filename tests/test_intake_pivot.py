"""The concept x language matrix (`pivot_table`) and its rewrites (`pivot`).

Completeness: every cell is filled or marked n/a with a reason. Cells: each form of each
language becomes the English of its concept. Round trip: one request per language, in its
own word order, parses to the fields of the English request. Look-alikes: English text
with the short words other languages use ("da", "de", "to", "on", "se", "tak", "ke") is
left alone.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agents.intake.parser import parse_request
from agents.intake.pivot import pivot_rewrite
from agents.intake.pivot_table import (
    CONCEPTS,
    LANGUAGES,
    PHRASE_EN,
    PLACE_EN,
    forms,
    groups,
    is_na,
    keyed,
    missing_cells,
)

NOW = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)  # a Thursday
FIELDS = ("kind", "model", "gpu_type", "gpu_count", "deadline", "regions", "objective")
ENGLISH = "fine-tune Llama-3-8B on four H100 {by} Friday, only in Germany, cheapest"
#: the requests below whose word for the deadline means "before" (the start of the day)
#: rather than "by" / "until" (its end)
SAYS_BEFORE = {"es", "fr", "nl", "sv", "ar", "tl", "vi", "th", "sw", "id"}  # id: "sebelum" (s12)
SAYS_BEFORE |= {"hu", "ca", "ms", "am", "yo"}  # "előtt", "abans de", "sebelum", "በፊት", "ṣáájú"
#: the same request in each language, written in that language's own order
ROUND_TRIP = {
    "nb": "Finjuster Llama-3-8B på fire H100 innen fredag, bare i Tyskland, billigst",
    "da": "Finjuster Llama-3-8B på fire H100 senest fredag, kun i Tyskland, billigst",
    "fi": "Hienosäädä Llama-3-8B neljällä H100:lla perjantaihin mennessä, vain Saksassa, halvin",
    "et": "Peenhäälesta Llama-3-8B neljal H100 kaardil hiljemalt reedeks, ainult Saksamaal, "
          "odavaim",  # s14
    "hu": "Finomhangold a Llama-3-8B modellt négy H100-on péntek előtt, csak Németországban, "
          "a legolcsóbb",
    "ca": "Fes l'ajust fi de Llama-3-8B en quatre H100 abans de divendres, només a Alemanya, "
          "el més barat",
    "hr": "Fino podesi Llama-3-8B na četiri H100 najkasnije do petka, samo u Njemačkoj, "
          "najjeftinije",
    "sr": "Фино подеси Llama-3-8B на четири H100 најкасније до петка, само у Немачкој, "
          "најјефтиније",
    "gsw": "Tuen Llama-3-8B uf vier H100 bis Friitig finetune, nur in Dütschland, "
           "am billigschte",
    "ms": "Penalaan halus Llama-3-8B pada empat H100 sebelum Jumaat, hanya di Jerman, "
          "paling murah",
    "ta": "Llama-3-8B ஐ நான்கு H100 இல் வெள்ளிக்கிழமைக்குள் ஃபைன்-ட்யூன் செய், ஜெர்மனியில் "
          "மட்டும், மிக மலிவான",
    "am": "Llama-3-8Bን በአራት H100 ላይ ከዓርብ በፊት ፋይን-ቲዩን አድርግ፣ በጀርመን ብቻ፣ በጣም ርካሽ",
    "yo": "Ṣàtúnṣe Llama-3-8B lórí káàdì 4 H100 ṣáájú Ẹtì, ní Jámánì nìkan, "
          "olówó pọ́ọ́kú jù lọ",
    "es": "Ajuste fino de Llama-3-8B en cuatro H100 antes del viernes, solo en Alemania, "
          "lo más barato",
    "pt": "Faça ajuste fino do Llama-3-8B em quatro H100 até sexta-feira, apenas na Alemanha, "
          "o mais barato",
    "fr": "Affiner Llama-3-8B sur quatre H100 avant vendredi, uniquement en Allemagne, "
          "le moins cher",
    "it": "Affinare Llama-3-8B su quattro H100 entro venerdì, solo in Germania, il più economico",
    "de": "Llama-3-8B auf vier H100 bis Freitag feintunen, nur in Deutschland, am günstigsten",
    "nl": "Llama-3-8B finetunen op vier H100 vóór vrijdag, alleen in Duitsland, "
          "zo goedkoop mogelijk",
    "sv": "Finjustera Llama-3-8B på fyra H100 före fredag, bara i Tyskland, billigast",
    "pl": "Dostrój Llama-3-8B na czterech H100 do piątku, tylko w Niemczech, najtaniej",
    "cs": "Dolaď Llama-3-8B na čtyřech H100 do pátku, pouze v Německu, co nejlevněji",
    "ro": "Reglaj fin pentru Llama-3-8B pe patru H100 până vineri, doar în Germania, "
          "cel mai ieftin",
    "ru": "Дообучить Llama-3-8B на четырёх H100 до пятницы, только в Германии, "
          "как можно дешевле",
    "uk": "Донавчити Llama-3-8B на чотирьох H100 до п'ятниці, лише в Німеччині, якомога дешевше",
    "el": "Λεπτή ρύθμιση του Llama-3-8B σε τέσσερις H100 μέχρι την Παρασκευή, μόνο στη "
          "Γερμανία, το φθηνότερο",
    "tr": "Llama-3-8B'i dört tane H100 ile Cuma'ya kadar ince ayar yap, sadece Almanya'da, "
          "en ucuz",
    "ar": "ضبط دقيق لـ Llama-3-8B على أربع بطاقات H100 قبل الجمعة، فقط في ألمانيا، الأرخص",
    "fa": "تنظیم دقیق Llama-3-8B روی چهار عدد H100 تا جمعه، فقط در آلمان، ارزان‌ترین",
    "he": "כוונון עדין של Llama-3-8B על ארבעה H100 עד יום שישי, רק בגרמניה, הכי זול",
    "hi": "Llama-3-8B को चार H100 पर शुक्रवार तक फाइन-ट्यून करो, केवल जर्मनी में, सबसे सस्ता",
    "hi-Latn": "Llama-3-8B ko chaar H100 par shukravar tak fine-tune karo, sirf Germany mein, "
               "sabse sasta",
    "ur": "Llama-3-8B کو چار H100 پر جمعہ تک فائن ٹیون کریں، صرف جرمنی میں، سب سے سستا",
    "bn": "Llama-3-8B চারটি H100 এ শুক্রবারের মধ্যে ফাইন-টিউন করুন, শুধু জার্মানিতে, "
          "সবচেয়ে সস্তা",
    "id": "Fine-tune Llama-3-8B di empat H100 sebelum Jumat, hanya di Jerman, paling murah",
    "tl": "I-fine-tune ang Llama-3-8B sa apat na H100 bago ang Biyernes, sa Alemanya lang, "
          "pinakamura",
    "vi": "Tinh chỉnh Llama-3-8B trên bốn H100 trước thứ Sáu, chỉ ở Đức, rẻ nhất",
    "th": "ไฟน์จูน Llama-3-8B บน H100 สี่ตัว ก่อนวันศุกร์ เฉพาะในเยอรมนี ถูกที่สุด",
    "sw": "Fanya fine-tune ya Llama-3-8B kwenye GPU nne za H100 kabla ya Ijumaa, Ujerumani tu, "
          "bei nafuu zaidi",
    "zh-Hans": "用四张H100在周五之前微调Llama-3-8B，只在德国，最便宜",
    "zh-Hant": "用四張H100在週五之前微調Llama-3-8B，只在德國，最便宜",
    "ja": "Llama-3-8BをH100 4枚で金曜日までにファインチューニング、ドイツのみ、最安で",
    "ko": "Llama-3-8B를 H100 네 장으로 금요일까지 파인튜닝, 독일에서만, 가장 저렴하게",
    # s16: Slovak, Lithuanian, Latvian, Slovenian, Bulgarian
    "sk": "Doladiť Llama-3-8B na štyroch H100 najneskôr do piatku, len v Nemecku, "
          "čo najlacnejšie",
    "lt": "Tiksliai suderink Llama-3-8B su keturiomis H100 iki penktadienio, tik Vokietijoje, "
          "pigiausia",
    "lv": "Pieregulē Llama-3-8B uz četriem H100 līdz piektdienai, tikai Vācijā, lētākais",
    "sl": "Fino nastavi Llama-3-8B na štirih H100 najkasneje do petka, samo v Nemčiji, "
          "najceneje",
    "bg": "Дообучи Llama-3-8B на четири H100 до петък, само в Германия, най-евтино",
}
#: English text with words that are numbers, prepositions or places elsewhere
LOOKALIKES = (
    "run on H100s in the US, da Vinci style, de-duplicate the data first",
    "go to the cluster, se the logs, tak ke ab testing as soon as possible",
    "do 3 runs and report once the A100 vs H100 numbers are in",
    "once H100 capacity frees up, use das Modell or en masse",
    "the config sets o=4 and na=2; see Sept notes for the Europe/Moscow box",
    "deploy to America/Sao_Paulo at 17:00 with jam sessions on Lima hosts",
    "Sun Microsystems boxes; Leo said the moja library is fine; aaj is a user name",
    "begin until 2022-09-01, then until Friday 18:00 SGT, only in Germany for 3 days",
    "without spot, as soon as possible, deploy it; the classifier will resume training",
    "move to H100 et al, a hat trick, set 4 GPUs on the server; ni ti is a user name",  # s12
    "the sad SAD report: sat 12 rows, ma 3 cards, as 2 H100 jobs",  # s12: hr/ms/hu words
)


def _fields(text: str) -> dict[str, object]:
    parsed = parse_request(text, NOW, limits=None, attack_model=None)
    return {f: getattr(parsed, f) for f in FIELDS}


def test_every_cell_is_filled_or_marked() -> None:
    assert missing_cells() == []
    for lang, cells in LANGUAGES.items():
        for concept in CONCEPTS:
            cell = cells[concept]
            if is_na(lang, concept):
                assert len(cell.removeprefix("n/a:").strip()) > 10, f"{lang}/{concept}"
            else:
                assert cell.strip(), f"{lang}/{concept}"
            for part in cell.split(";"):  # a number or a weekday marked n/a says why too
                assert part.strip() != "n/a" and part.strip() != "n/a:", f"{lang}/{concept}"


def test_every_language_has_a_round_trip() -> None:
    assert set(ROUND_TRIP) == set(LANGUAGES)


@pytest.mark.parametrize("lang", sorted(ROUND_TRIP))
def test_round_trip_matches_english(lang: str) -> None:
    english = ENGLISH.format(by="before" if lang in SAYS_BEFORE else "by")
    assert _fields(ROUND_TRIP[lang]) == _fields(english)


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_each_phrase_form_becomes_its_english(lang: str) -> None:
    for concept, en in (*PHRASE_EN.items(), ("today", "today"), ("tomorrow", "tomorrow")):
        for form in forms(lang, concept):
            out, _ = pivot_rewrite(f"x {form} y")
            assert en.lower() in out.lower() or form.lower() == en.lower(), (lang, form, out)


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_each_day_and_place_form_becomes_its_english(lang: str) -> None:
    days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    for day, alts in zip(days, groups(lang, "weekdays"), strict=True):
        for form in alts:
            assert day in pivot_rewrite(f"x {form} y")[0], (lang, form)
    for code, alts in keyed(lang, "places").items():
        for form in alts:
            assert PLACE_EN[code] in pivot_rewrite(f"x {form} y")[0], (lang, form)


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_each_slot_form_moves_in_front_of_its_slot(lang: str) -> None:
    samples = {"before": "Friday", "by": "Friday", "not_before": "Monday", "within": "3 days",
               "for": "12 hours", "only_in": "Germany", "not_in": "the US"}
    for concept, slot in samples.items():
        for form in forms(lang, concept):
            out, _ = pivot_rewrite("x " + form.replace("_", f" {slot} ") + " y")
            assert f"{concept.replace('_', ' ')} {slot}" in " ".join(out.split()), (lang, form, out)


@pytest.mark.parametrize("text", LOOKALIKES)
def test_english_look_alikes_are_left_alone(text: str) -> None:
    assert pivot_rewrite(text) == (text, [])


@pytest.mark.parametrize("text", ["日本語のデータ 5GB", "독일어 데이터", "英语数据", "德语和法语"])
def test_a_language_named_after_a_country_is_no_place(text: str) -> None:
    assert not any(en in pivot_rewrite(text)[0] for en in PLACE_EN.values())


@pytest.mark.parametrize(("text", "utc"), [
    ("train Llama-3-8B on 2 H100 by Friday 17:00 hora CDMX", datetime(2026, 12, 4, 23, 0)),
    ("train Llama-3-8B on 2 H100 до пятницы 17:00 по Москве", datetime(2026, 12, 4, 14, 0)),
    ("train Llama-3-8B on 2 H100 by Friday 17:00 Newfoundland time", datetime(2026, 12, 4, 20, 30)),
    ("train Llama-3-8B on 2 H100 by Friday 17:00 Alaska time", datetime(2026, 12, 5, 2, 0)),
    ("train Llama-3-8B on 2 H100 by Friday 17:00 नेपाल समय", datetime(2026, 12, 4, 11, 15)),
])
def test_place_named_zones_use_zoneinfo(text: str, utc: datetime) -> None:
    assert _fields(text)["deadline"] == utc.replace(tzinfo=UTC)


def test_mexico_city_keeps_no_summer_time() -> None:
    july = datetime(2026, 7, 1, 10, 0, tzinfo=UTC)  # a Wednesday; Mexico has no DST since 2022
    parsed = parse_request("train Llama-3-8B on 2 H100 by Friday 17:00 hora CDMX", july,
                           limits=None, attack_model=None)
    assert parsed.deadline == datetime(2026, 7, 3, 23, 0, tzinfo=UTC)
