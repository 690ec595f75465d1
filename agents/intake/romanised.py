"""Romanised Chinese (pinyin), Hindi-English and Japanese counters, for `lexicon.rewrite`.

Requests typed on a Latin keyboard spell other languages in Latin letters: "xunlian yi ge
7B moxing" (train a 7B model), "ek L4 kaafi hai" (one L4 is enough), "H100 hitotsu" (one
H100). The job verbs, counters, run-length units, place names and postpositions are
rewritten to the English the extractors read; a postposition ("22:00 ke baad", after
22:00) moves in front of what it follows. Words that are also English words ("do", "to",
"kal") are left alone: only a whole phrase or a word next to a number is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_NUMBERS_HI = {"ek": 1, "do": 2, "teen": 3, "chaar": 4, "paanch": 5, "chhe": 6, "saat": 7,
               "aath": 8}
_NUMBERS_JA = {"hitotsu": 1, "futatsu": 2, "mittsu": 3, "yottsu": 4, "itsutsu": 5,
               "muttsu": 6, "nanatsu": 7, "yattsu": 8}
_NUMBERS_ZH = {"yi": 1, "liang": 2, "er": 2, "san": 3, "si": 4, "wu": 5, "liu": 6, "qi": 7,
               "ba": 8, "jiu": 9, "shi": 10}
_WEEKDAYS_ZH = {"yi": "Monday", "er": "Tuesday", "san": "Wednesday", "si": "Thursday",
                "wu": "Friday", "liu": "Saturday", "ri": "Sunday", "tian": "Sunday"}
_UNITS_HI = {"din": "days", "dino": "days", "ghante": "hours", "ghanta": "hours",
             "ghanton": "hours", "hafte": "weeks", "hafta": "weeks", "haftey": "weeks",
             "mahina": "months", "mahine": "months", "saal": "years"}
#: a time a Hindi postposition follows: "22:00 IST", "shukravaar 5pm", "Friday", "kal"
_WHEN = (r"(?:(?:[^\s,;.]+\s+){0,2}?[^\s,;.\d]*\d[^\s,;.]*(?:\s+(?-i:[A-Z]{2,4}))?|"
         r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|"
         r"tonight|kal|parson|somvaar|mangalvaar|budhvaar|guruvaar|shukravaar|shanivaar|"
         r"ravivaar)(?:\s+[^\s,;.\d]*\d[^\s,;.]*(?:\s+(?-i:[A-Z]{2,4}))?)?)")
_GPU = r"(?:[A-Z]{1,3}\d{1,4}\w*|MI\d{3}\w*|GPUs?)"


def _unit_zh(unit: str) -> str:
    """A pinyin run-length unit in English: "ge yue" -> "months", "tian" -> "days"."""
    low = re.sub(r"\s+", "", unit.lower()).removeprefix("ge")
    return {"yue": "months", "tian": "days", "xiaoshi": "hours", "zhongtou": "hours"}.get(
        low, "weeks")


def _count_before(m: re.Match[str]) -> str:
    """"ek L4" / "H100 hitotsu" -> "1 x L4" / "1 x H100"."""
    word = (m.group("w") or "").lower()
    n = _NUMBERS_HI.get(word) or _NUMBERS_JA.get(word)
    return f"{n} x {m.group('g')}"


#: (pattern, replacement) applied by `lexicon.rewrite` as whole-word phrases.
ROMANISED_PHRASES: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    # counts next to an accelerator: Hindi before it, Japanese after it
    (rf"(?P<w>{'|'.join(w for w in _NUMBERS_HI if w != 'do')})\s+(?P<g>{_GPU})(?=\W|$)",
     _count_before),
    (rf"(?-i:(?P<g>{_GPU}))\s+(?:wa\s+|ga\s+|o\s+|wo\s+)?(?P<w>{'|'.join(_NUMBERS_JA)})\b",
     _count_before),
    # pinyin number words before a run-length unit: "yige yue" (one month), "san tian"
    (rf"(?P<w>{'|'.join(_NUMBERS_ZH)})\s*(?P<u>ge\s*(?:yue|xiao\s*shi|zhong\s*tou|xing\s*qi|"
     r"li\s*bai)|tian|zhou)\b", lambda m: f"{_NUMBERS_ZH[m.group('w').lower()]} "
                                        f"{_unit_zh(m.group('u'))}"),
    # pinyin weekdays (xingqi/zhou/libai + 1-6, ri/tian) and "cong X kaishi" (from X on)
    (r"(?:xing\s*qi|li\s*bai|zhou)\s*(?P<d>yi|er|san|si|wu|liu|ri|tian)\b",
     lambda m: _WEEKDAYS_ZH[m.group("d").lower()]),
    (r"cong\s+(?P<x>\S+(?:\s+\S+)?)\s+kai\s*shi\b", r"from \g<x>"),
    # pinyin counters and measure words: "8 zhang H100", "yi ge 7B moxing", "2 zhou"
    (r"(?P<n>\d+)\s*(?:zhang|kuai|tai|ge)(?=\s+[A-Z])", r"\g<n> x"),
    (rf"(?:{'|'.join(_NUMBERS_ZH)})\s+ge(?=\s+\d)", ""),
    (r"(?P<n>\d+(?:\.\d+)?)\s*(?:ge\s+)?(?:xiao\s*shi|zhong\s*tou)\b", r"\g<n> hours"),
    (r"(?P<n>\d+(?:\.\d+)?)\s*(?:tian)\b", r"\g<n> days"),
    (r"(?P<n>\d+(?:\.\d+)?)\s*(?:ge\s+)?(?:zhou|xing\s*qi|li\s*bai)\b", r"\g<n> weeks"),
    (r"(?P<n>\d+(?:\.\d+)?)\s*ge\s+yue\b", r"\g<n> months"),
    # pinyin "only in" / "not in" / "before"
    (r"(?:zhi\s*neng|zhi\s*you|jin\s*xian|zhi)\s+(?:zai|yong)\b", "only in"),
    (r"bu\s*(?:yao|neng|yong)\s+(?:zai|yong)\b", "not in"),
    # pinyin objectives: "yue pianyi yue hao" (the cheaper the better), "jin kuai" (asap)
    (r"yue\s+pianyi\s+yue\s+hao|zui\s+pianyi|jin\s*liang\s+pianyi|sheng\s*qian",
     "the cheaper the better"),
    # Hinglish: "bill kam se kam" (the bill as low as possible), "kharcha kam se kam"
    (r"(?:bill|kharcha|kharch|cost|paisa)\s+(?:\w+\s+){0,2}kam\s+se\s+kam",
     "the cheaper the better"),
    (r"yue\s+kuai\s+yue\s+hao|jin\s*kuai|zui\s+kuai", "the sooner the better"),
    (r"yue\s+huan\s*bao\s+yue\s+hao|zui\s+huan\s*bao|di\s*tan", "as green as possible"),
    # "lo más ecológico posible", "zo duurzaam mogelijk": the greenest, in Romance and Dutch
    (r"(?:lo|o|le|il)\s+(?:m[aá]s|mais|plus|pi[uù])\s+(?:ecol[óo]gic[oa]|[ée]cologique|"
     r"sostenible|sustent[aá]vel|durable|sostenibile)(?:\s+(?:posible|poss[ií]vel|possible|"
     r"possibile))?|zo duurzaam mogelijk|m[öo]glichst (?:nachhaltig|umweltfreundlich)|"
     r"so (?:nachhaltig|umweltfreundlich) wie m[öo]glich", "as green as possible"),
    (r"wo\s*men\s+(?:xu\s*yao|yao|xiang)", "we need"),
    # Hindi-English postpositions and verbs: "22:00 IST ke baad" (after), "Friday tak" (by),
    # "se pehle" (before), "MMLU pe" (on), "India mein hi" (only in India)
    (rf"(?P<t>{_WHEN})\s+ke\s+(?:baad|bad)\b", r"after \g<t>"),
    (rf"(?P<t>{_WHEN})\s+(?:se|ke)\s+(?:pehle|pahle)\b", r"before \g<t>"),
    (rf"(?P<t>{_WHEN})\s+tak\b", r"by \g<t>"),
    (rf"(?P<t>{_WHEN})\s+se\s+(?:shuru|start|chalu|aarambh)\w*", r"starting \g<t>"),
    (r"aaj\s+raat", "tonight"), (r"aaj", "today"),
    (r"(?-i:(?P<p>[A-Z][\w-]*))(?:\s+region)?\s+mein\s+hi\b", r"only in \g<p>"),
    (r"(?:chalana|chalani|chalaana|run\s+karna|karna|karni|karwana)\s+(?:hai|h|he)\b", ""),
    # Dutch verb-final clauses: "wij willen X draaien over 1.800 uur aan opnames" (run X over
    # 1,800 hours of recordings); the verb moves in front of its object
    (r"(?P<o>[\w.-]+)\s+(?:draaien|uitvoeren|laten lopen)\s+(?P<p>over|op)\b", r"run \g<o> \g<p>"),
    (r"(?P<n>\d[\d.,]*)\s+(?:uur|uren)\s+(?:aan|van|met)\b", r"\g<n> hours of"),
    # "het mag niet op Google of Microsoft" (not on Google or Microsoft): Dutch "of" is "or"
    (r"(?:mag|mogen|moet|kan|wil)\s+niet\s+(?:op|bij|in|naar)\s+(?P<a>[\w-]+)"
     r"(?:\s+(?:of|en)\s+(?P<b>[\w-]+))?",
     lambda m: "not on " + m.group("a") + (" or " + m.group("b") if m.group("b") else "")),
    # Spanish and Portuguese "nada de Azure" / "nada da AWS" (none of): an exclusion
    (r"nada\s+(?:de|da|do)\b", "no"),
    # "numa L4", "em uma A100" (Portuguese: on one): one accelerator
    (r"(?:numa|num|em\s+uma|em\s+um)(?=\s+(?-i:[A-Z]{1,3}\d))", "on one"),
    # Hindi-English run lengths: "10 din ke liye" (for 10 days), "do ghante" (2 hours)
    (rf"(?P<n>\d+(?:[.,]\d+)?|{'|'.join(_NUMBERS_HI)})\s+(?P<u>din|dino|ghante|ghanta|ghanton|"
     r"hafte|hafta|haftey|mahina|mahine|saal)\b(?:\s+(?:ke\s+liye|tak))?",
     lambda m: f"for {_NUMBERS_HI.get(m.group('n').lower(), m.group('n'))} "
               f"{_UNITS_HI[m.group('u').lower()]}"),
    # "spot nahi chalega" (spot won't do), "X nahi chahiye" (no X wanted)
    (r"(?P<x>[\w-]+)\s+(?:nahi|nahin|nahi\s+hi)\s+(?:chalega|chahiye|chalegi)\b", r"no \g<x>"),
    (r"(?:kaafi|kafi)\s+(?:hai|h)\b|bhi\s+chalega|chalega", "is enough"),
]

#: Single words (lower case) -> English.
ROMANISED_WORDS: dict[str, str] = {
    # pinyin job verbs and nouns
    "xunlian": "train", "yuxunlian": "pretrain", "weitiao": "fine-tune", "tuili": "inference",
    "bushu": "serve", "pinggu": "evaluate", "pingce": "evaluate", "ceping": "evaluate",
    "yunxing": "run", "fuwu": "service", "kaishi": "start", "pianyi": "cheap",
    "moxing": "model", "shuju": "data", "fanyi": "translate", "zhuanlu": "transcribe",
    # pinyin places
    "xinjiapo": "Singapore", "riben": "Japan", "meiguo": "the US", "deguo": "Germany",
    "faguo": "France", "yingguo": "the UK", "ouzhou": "Europe", "zhongguo": "China",
    "xianggang": "Hong Kong", "hanguo": "South Korea", "yindu": "India", "jianada": "Canada",
    "helan": "Netherlands", "ruidian": "Sweden", "aodaliya": "Australia",
    # Hindi-English
    "chalana": "run", "chalao": "run", "humein": "we", "hume": "we", "hamein": "we",
    # Dutch job verbs and data nouns
    "draaien": "run", "uitvoeren": "run", "vertalen": "translate", "transcriberen": "transcribe",
    "fijnafstemmen": "fine-tune", "hosten": "serve", "opnames": "recordings",
    "vergaderopnames": "recordings", "opnamen": "recordings", "bestanden": "files",
    "afbeeldingen": "images", "documenten": "documents",
    # common transpositions of short job verbs the fuzzy matcher leaves alone
    "rnu": "run", "srve": "serve", "sevre": "serve", "evla": "eval", "tarin": "train",
}
