"""Japanese (romaji and kana) and Chinese words, for `lexicon.rewrite`.

Romaji phrases are whole-word patterns applied with the lexicon's own (`ROMAJI_PHRASES`):
"ruuru o mushi shite" (ignore the rules), "yaku 6 jikan" (about 6 hours), "A100 ichi-mai"
(one A100 card), "kayoubi no 10-ji JST made ni" (by Tuesday 10:00 JST). Kana and hanzi have
no spaces between words, so `cjk_rewrite` replaces them without word boundaries, before
any other rewrite: job verbs, counters ("4 张 A100"), weekdays, "only in Japan", "outside
China" and the postposition "までに" (by), which moves in front of what it follows.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable

from agents.intake.world_time_words import _CJK_CITY

_TIME_TOKEN = (r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|tomorrow|today|tonight|midnight|noon|"
               r"\d{1,2}:\d\d(?:\s?[ap]m)?|\d{1,2}\s(?:" + "|".join(calendar.month_name[1:]) + r")")
#: (pattern, replacement) applied by `lexicon.rewrite` as whole-word phrases.
ROMAJI_PHRASES: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    # Japanese, in romaji or kana: "ruuru o mushi shite" (ignore the rules), "seigen o
    # kaijo" (lift the limits); the particle and the verb ending vary
    (r"(?:subete\s+no\s+|zenbu\s+no\s+)?(?:ruuru|kisoku|shiji|seisaku|porishii|sett[ei]i)\s+"
     r"(?:o|wo|mo)\s+mushi\w*(?:\s+(?:shite|shi|suru)\w*)?|(?:全ての|すべての)?(?:ルール|規則|"
     r"指示|ポリシー)を無視\w*", "ignore all rules"),
    (r"(?:kosuto|yosan|hiyou)?\s*(?:seigen|jougen|kisei)\s+(?:o|wo|mo)\s+(?:kaijo|hazushi|"
     r"mushi|teppai)\w*(?:\s+(?:shite|shi|suru)\w*)?|(?:コスト|予算)?(?:制限|上限)を(?:解除|"
     r"外し|無視)\w*", "disable the budget limits"),
    # Japanese run lengths and counters in romaji: "yaku 6 jikan" (about 6 hours),
    # "A100 ichi-mai" (one A100 card), "3-nichikan" (3 days)
    (r"(?P<n>\d+(?:[.,]\d+)?)\s*-?\s*jikan(?:\s+han)?\b", lambda m: m.group("n") + (
        ".5" if m.group(0).endswith("han") else "") + " hours"),
    (r"(?P<n>\d+)\s*-?\s*nichi-?kan\b", r"\g<n> days"),
    (r"(?P<n>\d+)\s*-?\s*fun-?kan\b|(?P<p>\d+)\s*-?\s*pun-?kan\b",
     lambda m: (m.group("n") or m.group("p")) + " minutes"),
    (r"yaku(?=\s+\d)", "about"),
    *[(rf"{word}[- ]?(?:mai|dai)", f"{n} cards") for n, word in enumerate(
        ("ichi", "ni", "san", "yon", "go", "roku", "nana", "hachi", "kyuu", "juu"), start=1)],
    # romaji dates and clock times: "kayoubi no 10-ji JST made ni" (by Tuesday 10:00 JST),
    # "ashita no asa 9-ji" (tomorrow 9:00), "gogo 3-ji" (15:00)
    *[(rf"{jp}-?youbi(?:\s+no)?", day) for jp, day in (
        ("getsu", "Monday"), ("ka", "Tuesday"), ("sui", "Wednesday"), ("moku", "Thursday"),
        ("kin", "Friday"), ("do", "Saturday"), ("nichi", "Sunday"))],
    (r"ashita(?:\s+no)?", "tomorrow"), (r"kyou(?:\s+no)?", "today"),
    (r"gogo\s+(\d{1,2})\s*-?\s*ji(?:\s+han)?",
     lambda m: f"{int(m.group(1)) % 12 + 12}:{'30' if m.group(0).endswith('han') else '00'}"),
    (r"(?:asa\s+|gozen\s+)?(\d{1,2})\s*-?\s*ji(?:\s+han)?",
     lambda m: f"{int(m.group(1))}:{'30' if m.group(0).endswith('han') else '00'}"),
    (r"(?P<t>(?:[^\s,;]+\s+){1,6}?[^\s,;]+)\s+made\s+ni\b", r"by \g<t>"),
    # katakana loanwords in romaji: "supotto wa OK" (spot is OK), "supotto fuka" (no spot),
    # "deeta" (data), "insutansu" (instance)
    (r"supotto(?:\s+insutansu)?\s+(?:wa|ga|mo)?\s*(?:fuka|dame|kinshi|NG)\b", "no spot"),
    (r"supotto(?:\s+insutansu)?", "spot"), (r"deeta(?!\s*sentaa)", "data"), (r"daijoubu", "ok"),
    (r"insutansu", "instances"),
    # romaji places and "only": "Nihon kokunai nomi" (within Japan only)
    (r"(?:nihon|nippon)\s+(?:no\s+)?(?:kokunai\s+|region\s+|rījon\s+|riijon\s+|chiiki\s+|"
     r"deeta\s*sentaa\s+|sa-?ba-?\s+)?(?:nomi|dake)(?:\s+de)?", "Japan only"),
]

_DAYS_JA = {"月": "Monday", "火": "Tuesday", "水": "Wednesday", "木": "Thursday", "金": "Friday",
            "土": "Saturday", "日": "Sunday"}
_DAYS_ZH = {"一": "Monday", "二": "Tuesday", "三": "Wednesday", "四": "Thursday", "五": "Friday",
            "六": "Saturday", "日": "Sunday", "天": "Sunday"}


def _clock(m: re.Match[str]) -> str:
    hour = int(m.group("h")) + (12 if m.group("pm") and int(m.group("h")) < 12 else 0)
    return f" {hour}:{'30' if m.group('half') else '00'} "


def _start(m: re.Match[str]) -> str:
    """A time followed by "from"/"after" starts the job; other text keeps its words."""
    t = m.group("t")
    timed = re.search(r"\d|[A-Z][a-z]+day\b|tomorrow|tonight", t)
    return f" starting {t} " if timed else m.group(0)


#: (pattern, replacement) for kana and hanzi, applied in order without word boundaries.
_CJK_DIGITS = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
               "八": 8, "九": 9}


def _counted(m: re.Match[str]) -> str:
    """"两张" / "十六枚" (two / sixteen of a flat thing): the count as digits, "2 x"."""
    word = m.group("n")
    tens, _, units = word.partition("十")
    if "十" not in word:
        value = _CJK_DIGITS.get(word, 0) if len(word) == 1 else 0
    else:
        value = (_CJK_DIGITS.get(tens, 0) if tens else 1) * 10 + _CJK_DIGITS.get(units, 0)
    return f" {value} x " if value else m.group(0)


_CJK_TABLE: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    # "6月20日" / "6月20号" (20 June): a month-day date, before any "日" is read
    (r"(?P<m>1[0-2]|0?[1-9])\s*月\s*(?P<d>[0-3]?\d)\s*(?:日|号|號)",
     lambda m: f" {int(m.group('d'))} {calendar.month_name[int(m.group('m'))]} "),
    (r"(?P<d>[月火水木金土日])曜日?", lambda m: f" {_DAYS_JA[m.group('d')]} "),
    (r"(?:星期|周|週|礼拜)(?P<d>[一二三四五六日天])", lambda m: f" {_DAYS_ZH[m.group('d')]} "),
    # "請在台北時間…" (Taipei time): the city's clock, glued to the words around it (s12)
    (r"(" + "|".join(_CJK_CITY) + r")(?:时间|時間)", lambda m: f" {_CJK_CITY[m.group(1)]} time "),
    (r"午夜|深夜", " midnight "),
    (r"明日|あした|明天", " tomorrow "), (r"今日|きょう|今天", " today "),
    # "spot は NG" (no spot), "安さ優先" (cost first: cheapest), "速さ優先" (fastest)
    (r"(?:spot|スポット)(?:インスタンス)?\s*(?:は|が|も)?\s*(?:NG|ダメ|だめ|不可|禁止)",
     " no spot "),
    (r"(?:安さ|コスト|費用|价格|成本|価格)(?:を)?(?:最)?優先|最安|越便宜越好|最便宜",
     " the cheaper the better "),
    (r"(?:速さ|スピード|速度)(?:を)?(?:最)?優先", " as fast as possible "),
    (r"だいたい|およそ|約|大约|大概|大約", " about "), (r"今夜|今晩|今晚", " tonight "),
    (r"来週(?=\s*[A-Z])|下周(?=\s*[A-Z])", " next "),
    # clock hours: "朝9時" (9:00), "午後3時半" (15:30), "晚上8点" (20:00)
    (r"(?P<pm>午後|下午|晚上|夜)?\s*(?:朝|午前|上午|早上)?\s*(?P<h>\d{1,2})\s*(?:時|时|点|點)(?!間)"
     r"(?P<half>半)?", _clock),
    # a start postposed: "月曜 9:00 から開始" (from), "22時以降に開始" (after)
    (r"(?P<t>[^、。,，\s][^、。,，]{0,24}?)(?:から|以降|以后|以後)(?:に)?(?:開始|开始|スタート)?",
     _start),
    # "明天早上9点开始跑" (start running tomorrow 9:00): a start verb right after its time (s12)
    (r"(?P<t>(?:\s*(?:[A-Z][a-z]+ time|" + _TIME_TOKEN + r"))+)\s*(?:開始|开始)",
     r" starting \g<t> "),
    # "在周五之前" (before Friday): only the run of time words before 之前 is the deadline,
    # not the count or the place written before it in the clause (s12)
    (r"(?P<t>(?:\s*(?:\(?\s*[A-Z][a-z]+ time\s*\)?|next|" + _TIME_TOKEN + r"))+)\s*"
     r"(?:までに|まで|之前|以前|前)",
     r" by \g<t> "),
    (r"(?:(?<=[\s、。,，])|^)(?P<t>[^、。,，\s][^、。,，]{0,28}?)(?:までに|まで|之前|以前)",
     r" by \g<t> "),
    (r"ファインチューニング|ファインチューン|微調整|微调|微調", " fine-tune "),
    (r"事前学習|预训练|預訓練", " pretrain "), (r"训练|訓練|学習させ", " train "),
    (r"評価|评估|评测|評測|ベンチマーク", " evaluate "),
    (r"推論サーバ|推理服务|部署|デプロイ", " serve "), (r"文字起こし|转录|轉錄", " transcribe "),
    (r"エンドポイント|端点", " endpoint "), (r"推論|推理", " inference "),
    (r"生成(?:描述|说明|說明|字幕|标题|標題)|キャプション生成", " generate captions "),
    (r"批量|バッチ", " batch "), (r"分类|分類", " classify "), (r"翻訳|翻译|翻譯", " translate "),
    (r"(?P<n>[一二两兩三四五六七八九十]{1,3})\s*(?:张|張|枚|台|块|塊)\s*", _counted),  # "两张"
    (r"(?P<n>\d+)\s*(?:张|張|枚|台|块|塊)\s*", r" \g<n> x "),
    (r"日本国内のみ|日本国内だけ|日本のみ|仅限日本|只在日本", " Japan only "),
    (r"中国(?:大陆)?以外|中國(?:大陸)?以外|不在中国|不要在中国", " not in China "),
    # "数据不能出新加坡" (the data may not leave Singapore), "只在日本" (only in Japan)
    (r"不能出|不得出|不能离开|不得离开|不可离开|を出ない", " must not leave "),
    (r"只在|仅在|僅在|只能在|仅限于?", " only in "), (r"境内|境內|国内|國內", " "),
    (r"新加坡|シンガポール", " Singapore "), (r"欧洲|歐洲|ヨーロッパ", " Europe "),
    (r"德国|德國|ドイツ", " Germany "), (r"美国|美國|アメリカ", " US "),
    (r"韩国|韓國|韓国", " Korea "), (r"日本(?!語|语|人)", " Japan "),
    (r"(?P<n>\d+(?:\.\d+)?)\s*(?:時間|小时|小時)", r" \g<n> hours "),
    (r"(?P<n>\d+(?:\.\d+)?)\s*(?:日間|天)", r" \g<n> days "),
    # "2週間", "2周" (2 weeks), "3か月", "3个月" (3 months); "周五" is Friday (read above)
    (r"(?P<n>\d+(?:\.\d+)?)\s*(?:週間|个星期|個星期|周|週)", r" \g<n> weeks "),
    (r"(?P<n>\d+(?:\.\d+)?)\s*(?:か月|ヶ月|カ月|ケ月|个月|個月)", r" \g<n> months "),
    (r"[。！？]", ". "), (r"[、，；：]", ", "),
    (r"(?:の|を|で|は|が|に|と|用|数据)(?=\s|\d|[A-Za-z])", " "),
    # "H100在" (H100 at): a Latin name or number glued to the hanzi after it (s12)
    (r"(?<=[A-Za-z0-9])(?=[\u3040-\u30ff\u4e00-\u9fff])", " "),
]
_CJK = [(re.compile(p), r) for p, r in _CJK_TABLE]
_HAS_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def cjk_rewrite(text: str) -> tuple[str, list[tuple[str, str]]]:
    """`text` with Japanese kana/kanji and Chinese words in English, and the rewrites made."""
    if not _HAS_CJK.search(text):
        return text, []
    changes: list[tuple[str, str]] = []
    for pattern, repl in _CJK:
        def one(m: re.Match[str], repl: str | Callable[[re.Match[str]], str] = repl) -> str:
            new = repl(m) if callable(repl) else m.expand(repl)
            changes.append((m.group(0), new.strip()))
            return new
        text = pattern.sub(one, text)
    return re.sub(r"\s{2,}", " ", text).strip(), changes
