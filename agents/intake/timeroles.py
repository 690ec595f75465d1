"""Whether a time in a request is a deadline or an earliest start, from the words before it.

`role_of` reads the nearest cue in the clause before a time expression ("by", "due",
"done" for a deadline; "not before", "can't start until", "from" for a start), and a
sentence that opens with a start verb ("Kick off ... tomorrow 9am").
"""

from __future__ import annotations

import re

from agents.intake.text import clause_before

_DEADLINE_CUE = re.compile(
    r"\b(?:by|before|due|deadline|until|till|til|no later than|latest|done|finish(?:ed|es)?|"
    r"ready|complete(?:d)?|results?|"
    # the end of what the job serves: "the show closes Thursday 6pm", "the window ends at 5"
    r"clos(?:es|ing)|ends|ending|wraps?\s+up|shuts?\s+(?:it\s+|them\s+|everything\s+)?down|"
    r"turn(?:s|ed)?\s+(?:it\s+)?off|tear(?:s)?\s+(?:it\s+)?down|is\s+over)\b", re.IGNORECASE)
#: an event word whose role comes from the word before it: "start after the market closes,
#: 16:30" (a start), "results before the open at 9:30" (a deadline)
_EVENT_WORD = re.compile(r"^(?:clos(?:es|ing)|ends|ending|is\s+over|opens?|opening)$",
                         re.IGNORECASE)
_EVENT_LEAD = re.compile(r"\b(?P<w>after|once|when|as soon as|before|by|until|till)\s+"
                         r"(?:the\s+|our\s+|their\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_START_CUE = re.compile(
    r"n't (?:start |begin |run )?before\b|"
    r"(?:n't|\bnot|\bcannot|\bunable to|\bnever)\s+(?:\w+\s+){0,3}?(?:start|begin|run|kick off|"
    r"launch|go)\w*\s+(?:\S+\s+){0,5}?(?:until|till|before)\b|"
    r"\b(?:wait(?:ing)?|hold(?:ing)? off|hang on)\s+(?:\w+\s+){0,2}?(?:until|till|til)\b|"
    r"\b(?:not before|no earlier than|start(?:s|ing|ed)?|"
    r"from(?! scratch)|after|"
    r"earliest|launch(?:es|ing)?(?: on)?|begin(?:s|ning)?|kick(?:s|ing)? off|commenc\w*|"
    r"not until|go live|opens?)\b", re.IGNORECASE)

#: the key of a key-value item right before its value: "not_before: ", "deadline="
#: (either quote: "window_start='Sat 22:00'", s12)
_KEY_BEFORE = re.compile(r"(?:^|[\n,;{]|\s)[\"']?(?P<k>[A-Za-z][\w-]{1,30})[\"']?\s*[:=]\s*[\"']?$")
#: a form's label of a few words on its own line: "Not before: Monday 07:00" (s14)
_LINE_KEY = re.compile(r"(?:^|\n)[ \t*•-]*(?P<k>[A-Za-z][\w-]*(?:[ \t]+[A-Za-z][\w-]*){1,3})"
                       r"[ \t]*:[ \t]*$")
_SENTENCE_START_VERB = re.compile(
    r"(?:^|[.!?;\n]\s*)(?:please\s+|pls\s+|ok\s+)?(?:kick(?:s|ing)? off|start|begin|launch|"
    r"commence)\b[^.!?;\n]*$", re.IGNORECASE)


def role_of(text: str, expr_start: int) -> str | None:
    """'deadline' or 'start' from the nearest cue before a time expression (None: no cue).

    With no cue in its clause, a sentence that opens with a start verb ("Kick off the
    transcription batch (60 GB) tomorrow 9am") makes the time a start.
    """
    key = _LINE_KEY.search(text[max(0, expr_start - 40):expr_start]) or _KEY_BEFORE.search(
        text[max(0, expr_start - 40):expr_start])
    if key:  # a key-value item ("not_before: 2023-12-01 20:00"): the key states the role
        words = re.sub(r"[_-]+", " ", key.group("k"))
        return "start" if _START_CUE.search(words) else (
            "deadline" if _DEADLINE_CUE.search(words) else None)
    if _opens_with_start_verb(text, expr_start):
        return "start"
    before = clause_before(text, expr_start, 60)
    best: tuple[int, str, int] | None = None
    for pattern, role in ((_DEADLINE_CUE, "deadline"), (_START_CUE, "start")):
        for m in pattern.finditer(before):
            if best is None or m.end() > best[0] or (m.end() == best[0] and role == "start"):
                best = (m.end(), role, m.start())
    if best is None:
        return None
    lead = _EVENT_LEAD.search(before[:best[2]])
    if _EVENT_WORD.match(before[best[2]:best[0]]) and lead:
        return "start" if lead.group("w").lower() in ("after", "once", "when", "as soon as") \
            else "deadline"
    return best[1]


def _opens_with_start_verb(text: str, expr_start: int) -> bool:
    before = clause_before(text, expr_start, 60)
    return not (_DEADLINE_CUE.search(before) or _START_CUE.search(before)) and bool(
        _SENTENCE_START_VERB.search(text[max(0, expr_start - 200):expr_start]))


_START_VERB = re.compile(r"\b(?:kick(?:s|ing|ed)? off|start(?:s|ing)?|begin(?:s|ning)?|"
                         r"launch(?:es|ing)?|commenc\w*)\b"
                         # "the optimal start time in the next 2 days": a noun, no start
                         r"(?!\s+(?:time|times|window|slot|date|of)\b)", re.IGNORECASE)


def started_by_verb(text: str, expr_start: int) -> bool:
    """Whether a span of time ("in 3 days") counts to a start.

    A start verb must be its clause's last cue ("Kick off the Llama fine-tune in 3 days";
    not "start it, done in 3 days").
    """
    before = clause_before(text, expr_start, 60)
    verbs = list(_START_VERB.finditer(before))
    ends = [m.end() for m in _DEADLINE_CUE.finditer(before)]
    return bool(verbs) and all(end <= verbs[-1].start() for end in ends)


#: A role stated after the time and closing its clause: "in 90 minutes, not before",
#: "Thursday 22:00 at the earliest" (start); "Friday noon at the latest" (deadline).
_AFTER_CUE = re.compile(r"^[\s,(-]*(?:(?P<start>not before|not earlier|no earlier|at the earliest|"
                        r"or later|start(?!\s*[:=]))|"
                        r"(?P<deadline>at the latest|or earlier|latest|no later))"
                        # "Holnap 9-kor induljon (budapesti idő)": a verb closes the clause
                        r"\s*(?:[.,;:()!?\n]|$)", re.IGNORECASE)


def role_after(text: str, expr_end: int) -> str | None:
    """'start' or 'deadline' from a cue that closes the clause after a time (None: none)."""
    m = _AFTER_CUE.match(text[expr_end:expr_end + 40])
    if m is None:
        return None
    return "start" if m.group("start") else "deadline"


#: A weekday that names a past run, not a time: "rerun Tuesday's job", "like last Friday".
_PAST_DAY_AFTER = re.compile(r"^'s\s+(?:\w+\s+)?(?:jobs?|runs?|batch|experiments?|settings|config|"
                             r"results?|checkpoints?|sweeps?|outputs?|logs?)\b", re.IGNORECASE)
#: "since Monday", "like last Friday", and a weekday that names a recurring job ("the usual
#: Monday job", "our weekly Friday eval", "every Tuesday")
_PAST_DAY_BEFORE = re.compile(r"\b(?:last|previous|past|since|usual|regular|weekly|normal|"
                              r"recurring|standing|every|each)\s+$", re.IGNORECASE)
#: a weekday after a verb in the past: "as discussed with Priya on Monday", "we agreed on
#: Tuesday", "sent it Friday" (when something was said or done, not the job's time)
_PAST_VERB_BEFORE = re.compile(
    r"\b(?:discussed|mentioned|agreed|talked|spoke|said|met|sent|asked|decided|wrote|emailed|"
    r"called|promised|approved|signed off|told|reported|noticed|failed|crashed|broke)\b"
    r"(?:\s+(?:it|this|that|with|to|about|us|me|you|them|him|her|[A-Z][a-z]+)){0,4}\s+(?:on\s+)?$")


#: a thing said or sent on a day: "the thing from Tuesday", "your email from Monday"
_NOUN_FROM = re.compile(r"\b(?:the|that|this|your|my|our|his|her|their)\s+(?:[\w-]+\s+){0,2}?"
                        r"(?:thing|one|e-?mail|mail|message|call|meeting|chat|discussion|"
                        r"conversation|thread|ticket|notes?|spec|numbers|request)\s+from\s+$",
                        re.IGNORECASE)
_RANGE_AFTER = re.compile(r"^\s*(?:to|until|till|through|thru|-|–|on(?:wards)?\b)", re.IGNORECASE)


def past_weekday(text: str, start: int, end: int) -> bool:
    """Whether the weekday at `text[start:end]` refers back to an earlier run."""
    if _NOUN_FROM.search(text[max(0, start - 60):start]) \
            and not _RANGE_AFTER.match(text[end:end + 12]):
        return True
    return bool(_PAST_DAY_AFTER.match(text[end:end + 40])
                or _PAST_DAY_BEFORE.search(text[max(0, start - 12):start])
                or _PAST_VERB_BEFORE.search(text[max(0, start - 60):start]))


#: "8 H100s for Thursday": a day booked for is neither a start nor a deadline (unset)
#: ("for a demo tomorrow": the demo's day, no clock time)
_BOOKED_FOR = re.compile(r"\bfor\s+(?:(?:the|a|an|our|my|this|that)\s+)?(?:[\w-]+\s+){0,2}$",
                         re.IGNORECASE)


def booked_for(text: str, expr_start: int) -> bool:
    """Whether a time with no role cue is only the day something is booked for."""
    return bool(_BOOKED_FOR.search(text[max(0, expr_start - 40):expr_start]))


#: A role word between the parts of one time expression: "tomorrow from 9am", "on 20 June
#: starting 08:00 BST", "Friday by 17:00", "den 5. ab 9 Uhr" (after the lexicon's rewrite).
_INSIDE_START = re.compile(r"\b(?:from|starting(?: at| from)?|start(?:ing)? at|beginning(?: at)?|"
                           r"not before|after|no earlier than)\b", re.IGNORECASE)
_INSIDE_DEADLINE = re.compile(r"\b(?:by|until|till|before|no later than)\b", re.IGNORECASE)


def role_inside(text: str, start: int, end: int, first_part_end: int) -> str | None:
    """'start' or 'deadline' from a cue after an expression's first part (None: no cue)."""
    inner = re.sub(r"\b(?:not|no\s+later)\s+(?:before|than)\b",
                   lambda m: "not-before" if m.group(0).lower().startswith("not") else "by",
                   text[first_part_end:end], flags=re.IGNORECASE)
    s = _INSIDE_START.search(inner.replace("not-before", "not before"))
    d = _INSIDE_DEADLINE.search(inner.replace("not-before", ""))
    if s and not d:
        return "start"
    if d and not s:
        return "deadline"
    return None


#: When someone will answer, not when the job runs: "finance will tell me tomorrow", "I'll
#: know on Friday", "Priya confirms Monday", "we hear back Thursday"
_ANSWER_BEFORE = re.compile(
    r"\b(?:will|'ll|shall|should|to|can|gonna|going to)?\s*(?:tell|let\s+(?:me|us|you)\s+know|"
    r"confirm|know|decide|find out|hear(?:\s+back)?|get\s+back(?:\s+to\s+(?:me|us|you))?|"
    r"reply|answer|sign\s+off|approve|check)s?(?:\s+(?:me|us|you|it|this|that))?\s+"
    r"(?:on\s+|by\s+)?$", re.IGNORECASE)


def answered_then(text: str, expr_start: int) -> bool:
    """Whether a time with no role cue is when someone answers a question, not the job's."""
    return bool(_ANSWER_BEFORE.search(clause_before(text, expr_start, 50)))


#: "The lab opens Monday 14:00, so the adapter must exist before then": the job ends by
#: the time a later clause refers back to (s12)
_BEFORE_THEN = re.compile(r"^[^.!?\n]{0,80}?\b(?:before|by|ahead of|prior to)\s+(?:then|that"
                          r"(?:\s+time|\s+point)?)\b(?!\s+(?:job|run|model|one|is|was))",
                          re.IGNORECASE)


def before_then(text: str, expr_end: int) -> str | None:
    """'deadline' when a clause after the time says the job is done "before then"."""
    return "deadline" if _BEFORE_THEN.match(text[expr_end:expr_end + 100]) else None
