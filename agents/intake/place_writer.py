"""Places that say who writes or where users are, not where a job runs (issue 17, session 10).

- The writer's own place: "we are a hospital in Lisbon", "I'm a founder from Warsaw",
  "a clinic group based in Porto", "our startup in Seoul": an introduction, not a rule.
- Where something goes live for people: "our app launches in Seoul", "the shop opens in
  Madrid next week": the users' place, not the job's.
- A form line saying who asks: "Team: Driving (Stuttgart + Nairobi)", "From: Osaka office".
- A currency written with a country prefix: "US$1,500", "AU$ 900", "CA$200" is money.
A place so written is not a region; a rule said elsewhere ("servers in Spain only") still is.
"""

from __future__ import annotations

import re

_ORG = (r"(?:hospital|clinic|company|startup|start-up|firm|bank|university|school|agency|"
        r"ministry|business|shop|store|studio|newsroom|newspaper|insurer|practice|charity|"
        r"ngo|non-?profit|retailer|manufacturer|publisher|lab|institute|team|group|chain|"
        r"network|family|consultancy|agency)")
#: words of an introduction (not a verb or rule word: "we are only allowed to run in")
_NOUNISH = (r"(?:(?!(?:run|runs|running|host|hosting|hosted|keep|kept|deploy\w*|process\w*|"
            r"train\w*|serv\w*|stor\w*|stay\w*|keep\w*|put\w*|them|only|fine|ok|okay|happy|"
            r"allowed|required|limited|restricted|bound|obliged|forced|going|planning|looking|able)\b)[\w-]+\s+)"
            r"{0,6}?")
#: "we are a hospital (group) in", "I'm a finance analyst in", "our startup (based) in"
_WRITER = re.compile(
    r"(?:\b(?:we\s+are|we're|i\s+am|i'm|this\s+is)\s+(?:an?\s+|the\s+)?" + _NOUNISH
    + r"|\b(?:our|my)\s+(?:[\w-]+\s+){0,2}?" + _ORG + r"\s+)(?:based\s+|located\s+)?(?:in|from|"
    r"out\s+of)\s+(?:the\s+)?$"
    # "our app goes live in", "the shop opens in", "launching in"
    r"|\b(?:goes|going|go|went)\s+live\s+in\s+$|\b(?:launch|launches|launching|opens|"
    r"opening|debuts?)\s+in\s+$"
    # a greeting or sign-off from the writer's place: "Hello from Lagos!", "writing from Oslo"
    r"|\b(?:hello|hi|hey|greetings|cheers|regards|writing|emailing|calling|here)\s+from\s+"
    r"(?:sunny\s+|rainy\s+)?$", re.IGNORECASE)
#: a place before the writer's organisation: "we're a Toronto startup", "our Munich-based lab"
_ORG_BEFORE = re.compile(r"\b(?:a|an|our|my)\s+$", re.IGNORECASE)
_ORG_AFTER = re.compile(r"^(?:-based|\s+based)?\s+(?:[\w-]+\s+)?" + _ORG + r"s?\b", re.IGNORECASE)
#: a form line naming who asks: "Team: Autonomous Driving (Stuttgart + Nairobi)",
#: "From: K. Ito, Osaka office", "Requester: ..." (s12)
_WHO_LINE = re.compile(r"(?:^|\n)[ \t>*-]*(?:team|requester|requested by|from|contact|owner|"
                       r"submitted by|author|office|department|dept|group|lab)\s*:[^\n]*$",
                       re.IGNORECASE)
#: a country prefix of a currency: "US$", "AU $", "CA$"
_CURRENCY_AFTER = re.compile(r"^\s?\$")


#: "the data sits in us-east-1 and must not leave it": where the data is, made a rule
_STAYS = re.compile(r"^\s*(?:,\s*)?(?:and\s+)?(?:it\s+|that\s+)?(?:must|has\s+to|needs\s+to|"
                    r"should|can(?:'t|not)|may\s+not|is\s+not\s+allowed\s+to)\s+(?:not\s+|never\s+)?"
                    r"(?:stay|remain|leave|move|be\s+moved)\b", re.IGNORECASE)


def data_place_is_rule(text: str, end: int) -> bool:
    """Whether a data location ending at `end` is also said to be binding ("... must stay")."""
    return bool(_STAYS.match(text[end:end + 50]))


def not_a_run_place(text: str, start: int, end: int) -> bool:
    """Whether the place at `text[start:end]` names the writer, the users or a currency."""
    return bool(_WRITER.search(text[max(0, start - 70):start])
                or _WHO_LINE.search(text[max(0, start - 120):start])
                or _CURRENCY_AFTER.match(text[end:end + 3])
                or (_ORG_BEFORE.search(text[max(0, start - 12):start])
                    and _ORG_AFTER.match(text[end:end + 40])))
