"""The concept x language matrix of `pivot_table`, compiled into context-bound rewrites.

`lexicon.rewrite` calls `pivot_rewrite` once, after its own phrase and word rules (they
win where they know a word; the matrix fills what they leave foreign): each cell of the
matrix (a concept such as "by <day>" or "cheapest" in one language) becomes a rewrite into
the English the extractors read. Bare words that are also English or code ("da", "de",
"to", "na", "se") are only rewritten in their context: a number word only before a unit, a
counter or an accelerator; a preposition only next to the day, the run length or the place
it governs ("до Friday", "Friday kadar", "केवल India में"). Postpositions (Turkish,
Japanese, Korean, Hindi, Urdu, Bengali) are written `_ kadar` in the table and move in
front of their slot. Zones named by a place ("hora CDMX", "по Москве") become the city of
an IANA name, so the offset is the one zoneinfo gives on that date (Mexico City has kept
no DST since October 2022).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from agents.intake.alternation import longest_first
from agents.intake.pivot_table import (
    AFTER_NOUN_ONE,
    CASED_FORMS,
    CLASH_NUMBERS,
    CLOCK_FORMS,
    CONCEPTS,
    LANGUAGES,
    PHRASE_EN,
    PLACE_EN,
    UNSPACED,
    ZONE_IANA,
    forms,
    groups,
    is_na,
    keyed,
)

_I = re.IGNORECASE
#: characters that continue a word: letters, digits and the combining marks of Indic,
#: Thai and Arabic scripts (which `\w` does not include); not the danda "।" / "॥", which ends
#: a sentence (s13)
_WCH = r"[\w\u0900-\u0963\u0966-\u0DFF\u0E31\u0E34-\u0E3A\u0E47-\u0E4E\u064B-\u065F\u0670]"
#: + "T4", "L4" (s12), "RTX 4090" and a case ending on a short name ("L4-en", s14)
_ACCEL = r"(?-i:[A-Z]{1,3}\d{2,4}[A-Za-z0-9-]*|RTX\s\d{4}(?!\w)|[TLP]4(?!\w|-[\dA-Z]))"
_GPU_NEXT = rf"(?:GPUs?\s*)?(?:的|の)?\s*{_ACCEL}|GPUs?(?!\w)"
_DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DATE = r"(?:\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?|\d{4}-\d{2}-\d{2})(?![\w.])"
#: what a deadline or a start governs once its words are English: a day (with a clock)
_MONTHS_EN = "January|February|March|April|May|June|July|August|September|October|November|December"
#: a date once its words are English: "20 November", "December 4" (`month_words`, s14)
_MONTH_DATE = rf"\d{{1,2}}\s+(?-i:{_MONTHS_EN})\b|(?-i:{_MONTHS_EN})\s+\d{{1,2}}(?![\d:.])"
_TIME_SLOT = (rf"(?:{'|'.join(_DAYS_EN)}|today|tomorrow|{_DATE}|{_MONTH_DATE})"
              r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2})?")
#: a run length once its words are English ("a month": s14)
_SPAN_SLOT = r"(?:\d+(?:[.,]\d+)?|a|an)\s+(?:hours?|days?|weeks?|months?)(?!\w)"
_PLACE_SLOT = "|".join(sorted(map(re.escape, PLACE_EN.values()), key=len, reverse=True))
_SLOTS = {"before": rf"{_TIME_SLOT}|\d{{1,2}}[:.]\d{{2}}",
          "by": rf"{_TIME_SLOT}|\d{{1,2}}[:.]\d{{2}}",
          "not_before": rf"{_TIME_SLOT}|\d{{1,2}}[:.]\d{{2}}",
          "within": _SPAN_SLOT, "for": _SPAN_SLOT, "only_in": _PLACE_SLOT, "not_in": _PLACE_SLOT}
_TIME_CONCEPTS = ("before", "by", "not_before")
#: a window's opener just before a "by" ("od Monday do Friday"): the lexicon's window rule
#: reads the pair, so neither half is rewritten alone
_OPENER = re.compile(r"(?:^|\s)(?:od|от|с|з|von|vom|de|du|desde|dal|van|fr[åa]n|fra|ze|z)\s+"
                     r"\S+(?:\s+\S+)?\s*$", _I)
_CLOSER = re.compile(r"\s+(?:do|до|по|bis|a|al|au|à|hasta|till|to|tot|až|ila|hadi|đến|tới|iki|"
                     r"līdz)\s", _I)
#: a proclitic written on the next word (Hebrew ב/ל/מ/ה/ו, Arabic و/ب/ل), kept apart
_PROCLITIC = {"he": "[בלמהוש]{0,2}", "ar": "[وبل]?", "am": "[ከበለየ]?"}  # am (s12)
#: the script of each language not written in Latin letters: its rules run only on text
#: that has that script (the rewrites never write one)
_CYR, _ARAB, _HAN = (re.compile(r"[\u0400-\u04FF]"), re.compile(r"[\u0600-\u06FF]"),
                     re.compile(r"[\u3040-\u30FF\u4E00-\u9FFF]"))
_SCRIPTS = {"ru": _CYR, "uk": _CYR, "sr": _CYR, "bg": _CYR, "am": re.compile(r"[\u1200-\u137F]"),
            "ta": re.compile(r"[\u0B80-\u0BFF]"), "el": re.compile(r"[\u0370-\u03FF\u1F00-\u1FFF]"),
            "ar": _ARAB, "fa": _ARAB, "ur": _ARAB, "he": re.compile(r"[\u0590-\u05FF]"),
            "hi": re.compile(r"[\u0900-\u097F]"), "bn": re.compile(r"[\u0980-\u09FF]"),
            "th": re.compile(r"[\u0E00-\u0E7F]"), "zh-Hans": _HAN, "zh-Hant": _HAN, "ja": _HAN,
            "ko": re.compile(r"[\uAC00-\uD7AF\u1100-\u11FF]")}
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९০১২৩৪৫৬৭৮৯๐๑๒๓๔๕๖๗๘๙",
                        "0123456789" * 5)
#: a Hebrew proclitic joined to a Latin name or a number by a hyphen or maqaf ("ל-Mistral",
#: "ב-H100", "ל-8"): the name starts after it, so the prefix is spaced apart
_LATIN_CLITIC = re.compile(r"(?<![\u0590-\u05FF])([בלמהוכש]{1,2})[-\u05BE](?=[A-Za-z0-9])")
#: a Korean particle or ending glued onto a Latin word ("fine-tune을", "eval인데"): spaced
#: apart, so the English word is read whole (a digit keeps its counter: "4장") (s13)
_LATIN_PARTICLE = re.compile(r"(?<=[A-Za-z])(?=[\uAC00-\uD7AF])")
Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]
#: a negation left in front of a "before" that an earlier rule translated alone ("No abans
#: de" -> "No before", "Isianze kabla ya" -> "Isianze before", "Không chạy trước" ->
#: "Không chạy before"): a start bound, "not before" (s16). No English text says "no before".
_NEG_BEFORE: Rule = (re.compile(
    r"(?<![\w-])(?:no|ne|nie|nu|non|não|nao|nicht|niet|ikke|inte|ei|mitte|nem|не|ні|لا|ليس|"
    r"לא|không|tidak|jangan|hindi|isianze|usianze|asianze|wasianze|kò)"
    r"(?:\s+(?:chạy|bắt đầu|start|run|begin|mulai|mula|jalankan|kuanza))?\s+before(?=\s)", _I),
    lambda m: "not before")


def _alt(alts: list[str]) -> str:
    return "|".join(longest_first(re.escape(f) for f in alts if f))


def _stem_alt(alts: list[str]) -> str:
    """`_alt`, where a form ending in `*` is a stem with any ending.

    "перевед*" reads переведите, "özetle*" özetleme: an inflected language ends a verb or
    a noun many ways (s12).
    """
    pieces = longest_first(re.escape(f[:-1]) + f"{_WCH}*" if f.endswith("*") else re.escape(f)
                           for f in alts if f.rstrip("*"))
    return "|".join(pieces)


class _StemTable(dict[str, str]):
    """Forms (case-folded) -> English; a word missing is looked up by its longest stem."""

    def __missing__(self, word: str) -> str:
        stems = [k for k in self if k.endswith("*") and word.startswith(k[:-1])]
        return self[max(stems, key=len)]


def _variants(alts: list[str]) -> list[str]:
    """Each form, and the form as `lexicon.WORDS` leaves it ("hora CDMX" -> "hour CDMX").

    The lexicon's single words are rewritten before the matrix, so a zone or a slot cell
    written as the language has it would otherwise never match. (A plain phrase is not
    varied: what `WORDS` makes of it is English the extractors read already.)
    """
    from agents.intake.lexicon import WORDS  # lexicon imports this module

    def english(form: str) -> str:
        words = form.split(" ")
        if all(w.lower() in WORDS for w in words if w != "_"):
            return form  # all English then ("snabbast" -> "as soon as possible"): not ours
        return " ".join(WORDS.get(w.lower(), w) for w in words)
    return longest_first(v for f in alts for v in (f, english(f)))


def _word(body: str, lang: str) -> str:
    """`body` as a whole word (no boundary in scripts written without spaces)."""
    if lang in UNSPACED:
        return f"(?:{body})"
    return rf"(?<![/{_WCH[1:-1]}])(?:{body})(?![/{_WCH[1:-1]}])"


def _key(word: str) -> str:
    """A form as looked up: case-folded, the dot of Turkish İ dropped."""
    return word.casefold().replace("\u0307", "")


def _lookup(table: dict[str, str], pad: bool = False) -> Callable[[re.Match[str]], str]:
    """The English of the matched word (spaced apart in a script that has no spaces)."""
    return lambda m: f" {table[_key(m.group('w'))]} " if pad else table[_key(m.group("w"))]


def _unit_forms(lang: str) -> list[str]:
    return [f.replace("_", "").strip() for c in ("hour", "day", "week") for f in forms(lang, c)]


def _clock_rules(lang: str) -> Iterator[Rule]:
    """`klo 16` / `u 20 sati` -> `at 16:00`: an hour named as a clock is no run length."""
    for form in CLOCK_FORMS.get(lang, "").split("|"):
        head, _, tail = (p.strip() for p in form.partition("_"))
        if not head:
            continue
        pat = (_word(re.escape(head), lang) + r"\s*(?P<h>[01]?\d|2[0-4])(?:[:.](?P<m>[0-5]\d))?"
               + (r"\s*" + re.escape(tail) + f"(?!{_WCH})" if tail else r"(?!\d|[:.]\d)"))
        yield re.compile(pat, _I), lambda m: f"at {m.group('h')}:{m.group('m') or '00'}"


def _number_rules(lang: str) -> Iterator[Rule]:
    """Number words before a unit, a counter or an accelerator (clashing words: a counter)."""
    table = {_key(f): str(n) for n, alts in enumerate(groups(lang, "numbers"), start=1)
             for f in alts}
    counters = _alt(forms(lang, "counters")) or "(?!)"
    after = _alt(_unit_forms(lang) + forms(lang, "counters"))
    sep = r"\s*" if lang in UNSPACED else r"\s+"
    plain = [w for w in table if w not in CLASH_NUMBERS]
    clash = [w for w in table if w in CLASH_NUMBERS]
    if plain:
        pat = _word(f"(?P<w>{_alt(plain)})", lang) + rf"(?={sep}(?:{after}|{_GPU_NEXT}))"
        yield re.compile(pat, _I), _lookup(table)
    if clash:
        pat = _word(f"(?P<w>{_alt(clash)})", lang) + rf"(?={sep}(?:{counters})(?!{_WCH}))"
        yield re.compile(pat, _I), _lookup(table)


def _unit_rules(lang: str) -> Iterator[Rule]:
    """`12 часов` -> `12 hours`; `masaa 12` (the number after the noun) -> `12 hours`."""
    for concept, en in (("hour", "hours"), ("day", "days"), ("week", "weeks")):
        before = [f for f in forms(lang, concept) if "_" not in f]
        after = [f.replace("_", "").strip() for f in forms(lang, concept) if "_" in f]
        end = "" if lang in UNSPACED else f"(?!{_WCH})"
        if before:
            pat = rf"(?<![\d.:h])(?P<n>\d+(?:[.,]\d+)?)\s*(?:{_alt(before)}){end}"
            yield re.compile(pat, _I), _after_group("n", en)
        if after:
            pat = _word(_alt(after), lang) + r"\s+(?P<n>\d+(?:[.,]\d+)?)(?![\d:.])"
            yield re.compile(pat, _I), _after_group("n", en)


def _gpu_unit_rules(lang: str) -> Iterator[Rule]:
    """`GPU-hodinami`, `GPU-zile`, `GPU-óra` -> `GPU-hours`, `GPU-days` (s13).

    A compound of "GPU" and the language's hour, day or week noun, with any case ending,
    is a GPU-time unit, not a count of GPUs. (Forms under three letters, "h" or "t", are
    left to the English rules: "GPU-heavy".)
    """
    for concept, en in (("hour", "hours"), ("day", "days"), ("week", "weeks")):
        # a phrase's head noun makes the compound too: "giờ đồng hồ" -> "GPU-giờ" (s14)
        heads = [f.split(" ")[0] for f in forms(lang, concept) if "_" not in f]
        nouns = [f for f in dict.fromkeys(heads) if len(f) >= 3 and re.fullmatch(f"{_WCH}+", f)
                 and not any(ch.isdigit() for ch in f)]  # Thai "ชั่วโมง" has marks
        if nouns:
            pat = rf"(?<![\w-])GPU-(?:{_alt(nouns)}){_WCH}*"
            yield re.compile(pat, _I), _fixed(f"GPU-{en}")


def _fixed(word: str) -> Callable[[re.Match[str]], str]:
    """Always `word`, whatever matched."""
    return lambda m: word


def _after_group(group: str, word: str) -> Callable[[re.Match[str]], str]:
    """`<the matched group> <word>`: a number and its unit, a clock and its zone."""
    return lambda m: f"{m.group(group)} {word}"


def _counter_rules(lang: str) -> Iterator[Rule]:
    """`4 tane H100` / `4张H100` -> `4 x H100`; `H100 4 adet` -> `4 x H100`."""
    counters = _alt(forms(lang, "counters"))
    if not counters:
        return
    end = "" if lang in UNSPACED else f"(?!{_WCH})"
    # "30 grafičkih kartica tipa T4": "of the type" may stand between (s14)
    yield (re.compile(rf"(?P<n>\d+)\s*(?:{counters}){end}\s*(?:(?:tipa|typu|typ|tip)\s+)?"
                      rf"(?=(?:{_GPU_NEXT}))", _I),
           lambda m: f"{m.group('n')} x ")
    # between the name and its count: a comma, a symbol or a short quantity word ("GPU T4
    # จำนวน 2 ตัว", "RTX 4090, 8 kartica")
    yield (re.compile(rf"(?P<t>{_ACCEL})(?![\w-])\s*,?\s*(?:[^\sA-Za-z0-9,.;:]{{1,6}}\s*)?"
                      rf"(?<!\d)(?P<n>\d+)\s*"
                      rf"(?:{counters}){end}", _I),
           lambda m: f"{m.group('n')} x {m.group('t')} ")
    if one := AFTER_NOUN_ONE.get(lang):  # "L40S אחד", "بطاقة A100 واحدة": one, after it
        yield (re.compile(rf"(?P<t>{_ACCEL})(?![\w-])\s+(?:{one})(?!{_WCH})", _I),
               lambda m: f"1 x {m.group('t')} ")


def _zone_rules(lang: str) -> Iterator[Rule]:
    """A place-named zone next to a clock becomes its IANA city's zone ("St Johns time")."""
    clock = r"\d{1,2}(?:[:.]\d{2})?(?:\s?[ap]m)?"
    for zone, alts in keyed(lang, "zones").items():
        # "America/St_Johns" -> "St Johns time": the city of an IANA name, as `zones` reads it
        body = _alt(_variants(alts))
        iana = ZONE_IANA[zone].rpartition("/")[2].replace("_", " ") + " time"
        yield (re.compile(rf"(?P<c>{clock})\s*(?:\(\s*)?(?:{body})(?:\s*\))?(?!{_WCH})", _I),
               _after_group("c", iana))
        yield (re.compile(rf"(?<!{_WCH})(?:{body})\s*(?P<c>{clock})(?![\d:])", _I),
               _after_group("c", iana))


def _lexical_rules(lang: str) -> Iterator[Rule]:
    """Days, places and the plain phrases (verbs, objectives, spot) in one pass, longest first."""
    written: dict[str, str] = {}
    for i, alts in enumerate(groups(lang, "weekdays")):
        written |= {f: _DAYS_EN[i] for f in alts}
    for code, alts in keyed(lang, "places").items():
        written |= {f: PLACE_EN[code] for f in alts}
    for concept, en in (*PHRASE_EN.items(), ("today", "today"), ("tomorrow", "tomorrow")):
        written |= {f: en for f in forms(lang, concept)}
    written = {k: v for k, v in written.items()  # "Japan", "EU": English already
               if _key(k) not in (_key(v), _key(v.removeprefix("the ")))}
    if not written:
        return
    table = _StemTable({_key(k): v for k, v in written.items()})
    pre = _PROCLITIC.get(lang)
    body = f"(?P<w>{_stem_alt(list(written))})"
    if pre:
        pat = rf"(?<!{_WCH})(?P<p>{pre})" + body + f"(?!{_WCH})"
        yield re.compile(pat, _I), lambda m: (m.group("p") + " " if m.group("p") else "") + table[
            _key(m.group("w"))]
    else:
        # 日本語, 독일어, 英语: a country's language (or people) is no place to run in
        tail = "(?![語语人어])" if lang in UNSPACED else ""
        english = _lookup(table, lang in UNSPACED)
        cased = {f for f in written if f in CASED_FORMS}
        yield re.compile(_word(body, lang) + tail, _I), (lambda m: m.group(0) if any(
            _key(f) == _key(m.group("w")) and m.group("w") != f for f in cased) else english(m))


def _slot_rules() -> Iterator[tuple[str, Rule]]:
    """`до _` -> `by _`, `_ kadar` -> `by _`: the preposition moves in front of its slot.

    The longest form of any language first, so that "não antes de _" is read before the
    Spanish "antes de _" inside it.
    """
    cells = sorted(((v, c, lang) for lang in LANGUAGES for c in _SLOTS
                    for v in _variants(forms(lang, c))), key=lambda fcl: -len(fcl[0]))
    for form, concept, lang in cells:
        sp = r"\s*" if lang in UNSPACED else r"\s+"
        head, _, tail = (p.strip() for p in form.partition("_"))
        # "nie wcześniej niż w Sunday", "non prima delle 22:00": a long head may govern its
        # slot through one short preposition or article (a short head, "do", may be English)
        filler = (r"(?:[^\W\d_]{1,5}\s+)?" if concept in _TIME_CONCEPTS
                  and (" " in head or len(head) >= 5) else "")
        pat = (_word(re.escape(head), lang) + sp + filler if head else "") + (
            f"(?P<s>{_SLOTS[concept]})")
        if tail:
            pat += r"\s*'?" + re.escape(tail) + ("" if lang in UNSPACED else f"(?!{_WCH})")
        elif concept == "not_before":
            pat += rf"(?!{_CLOSER.pattern})"
        yield lang, (re.compile(pat, _I), _slot_repl(concept.replace("_", " "),
                                                     concept in ("by", "before"), lang in UNSPACED))


def _slot_repl(en: str, closer: bool, pad: bool) -> Callable[[re.Match[str]], str]:
    def repl(m: re.Match[str]) -> str:
        if closer and _OPENER.search(m.string[:m.start()]):
            return m.group(0)
        return f" {en} {m.group('s')} " if pad else f"{en} {m.group('s')}"
    return repl


@lru_cache(maxsize=1)
def compiled() -> list[tuple[str, Rule]]:
    """Every rule of the matrix with its language, in the order they must apply."""
    stages = (_clock_rules, _number_rules, _gpu_unit_rules, _unit_rules, _counter_rules,
              _zone_rules, _lexical_rules)
    return [(lang, rule) for stage in stages for lang in (*LANGUAGES, "en")
            if lang in LANGUAGES or stage is _zone_rules for rule in stage(lang)
            ] + list(_slot_rules())


def pivot_rewrite(text: str, changes: list[tuple[str, str]] | None = None,
                  ) -> tuple[str, list[tuple[str, str]]]:
    """`text` with the matrix's foreign forms in English, and the `(from, to)` rewrites.

    Args:
        text: the request, after the lexicon's own rules.
        changes: a list to append the rewrites to (a new one when None).
    """
    changes = [] if changes is None else changes
    text = _LATIN_CLITIC.sub(r"\1 ", text)  # "ל-Mistral-7B", "על 2 כרטיסי H100" (s12)
    text = text.translate(_DIGITS)  # Arabic-Indic, Persian, Devanagari, Bengali, Thai digits
    text = _LATIN_PARTICLE.sub(" ", text)  # "fine-tune을", "eval인데": the English word ends

    def apply(rule: Rule, s: str) -> str:
        def one(m: re.Match[str]) -> str:
            new = rule[1](m)
            if new != m.group(0):
                changes.append((m.group(0), new))
            return new
        return rule[0].sub(one, s)

    present = {lang for lang, script in _SCRIPTS.items() if script.search(text)}
    for lang, rule in compiled():
        if lang in present or lang not in _SCRIPTS:
            text = apply(rule, text)
    return apply(_NEG_BEFORE, text), changes


def concepts_filled() -> dict[str, list[str]]:
    """Per language, the concepts with forms (for the report and the completeness test)."""
    return {lang: [c for c in CONCEPTS if not is_na(lang, c)] for lang in LANGUAGES}
