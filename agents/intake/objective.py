"""The objective a request states, directly or indirectly (README "objective").

Cue patterns per objective; a negation just before a cue ("not urgent", "no rush")
cancels it; a stated priority ("cost matters most") beats plain cues; two criteria with no
priority are `balanced`.
"""

from __future__ import annotations

import re

from agents.intake.text import Hit

_OBJECTIVE: list[tuple[str, str]] = [
    ("balanced", r"\bbal+anc(?:e|ed|ing)\b|\btrade-?off\b|\bcompromise\b|\bmiddle ground\b|"
                 r"\bsweet spot\b|\b(?:matter|count|weigh)s?\s+(?:\w+\s+){0,2}?equally\b|"
                 r"\bequal(?:ly)? weight|"
                 # "somewhere sensible in between", "something in the middle" (s12)
                 r"\b(?:somewhere|something|anything)\s+(?:\w+\s+){0,2}?in\s+(?:between|the "
                 r"middle)\b(?=\s*(?:[.,;:!?)-]|$|is\b|works?\b|would\b|please\b|pls\b))|"
                 r"\bbut not at (?:any|all) (?:price|cost)s?\b|"
                 r"\bweigh\w*\b[^.;]{0,40}\bequally\b|\b(?:matter|count)s?\s+(?:\w+\s+){0,2}?"
                 r"the same\b|"
                 r"\bboth matter\b|\bequally (?:important|weighted|valued)\b|"
                 # "a good mix of price and latency", "a blend of cost and speed" (s13)
                 r"\b(?:mix|blend|mixture)\s+(?:of|between)\s+(?:the\s+)?(?:cost|costs|price|"
                 r"spend|speed|latency|time|carbon|co2|emissions)\s+(?:and|&)\s+(?:the\s+)?(?:cost|"
                 r"costs|price|spend|speed|latency|time|carbon|co2|emissions)\b|"
                 r"\bequal (?:priority|priorities|importance)\b|"
                 # "keep cost and emissions reasonable": two criteria held together
                 r"\b(?:cost|costs|price|spend|speed|time|carbon|co2|emissions|footprint)\s+"
                 r"(?:and|&)\s+(?:cost|costs|price|spend|speed|time|carbon|co2|emissions|"
                 r"footprint)\s+(?:both\s+)?(?:reasonable|in check|under control|sensible|"
                 r"modest|down|low)\b|"
                 # "we care about cost and latency equally", "speed as much as price"
                 r"\b(?:care|cares|caring)\s+about\b[^.;]{0,50}?\b(?:equally|alike|in equal "
                 r"measure|the same)\b|\b(?:cost|price|speed|latency|time|carbon|co2|emissions)\s+"
                 r"(?:just\s+)?as much as\s+(?:cost|price|speed|latency|time|carbon|co2|"
                 r"emissions)\b"),
    ("optimal-time", r"\bbest (?:time|start|window|slot)(?:[- ]slot)?\b|\boptimal (?:time|start|"
                     r"window|slot|start time)\b|\bpick the best time\b|"
                     r"\b(?:right|ideal|sensible|smartest|smart|whatever|most sensible)\s+"
                     r"(?:time\s+)?"
                     r"(?:slot|window|start(?:ing)? time|time to start)\b|"
                     r"\b(?:slot|window|time) (?:that )?makes (?:the )?most sense\b|"
                     # "just pick the slot that works out best", "whichever window suits best"
                     r"\b(?:slot|window|time(?:\s+slot)?|start time)\s+(?:that\s+|which\s+)?"
                     r"(?:works?(?:\s+out)?|suits?|fits?|is)\s+best\b"),
    ("cheapest", r"\bchea?pe?(?:st|r|p)?\b|\bcheep\w*|"
                 r"\blow(?:est)?[- ](?:possible[- ])?(?:cost|price|bill|spend)\b|"
                 # "cost lowest possible", "price as low as possible" (s12)
                 r"\b(?:cost|price|bill|spend)\s+(?:as\s+)?(?:lowest|low|minimal)\s+(?:as\s+)?"
                 r"possible\b|"
                 r"\b(?:spend|pay|costs?)\s+as little as\b|"
                 r"\bmoney is tight\b|\btight budget\b|\btight on (?:money|cash|budget|funds)\b|"
                 r"\bshoe-?string\b|\bminimi[sz]e (?:the )?"
                 r"(?:cost|spend|bill)\b|\bsave (?:money|costs?)\b|\bbudget[- ]friendly\b|"
                 r"\bcost[- ]effective\b|\bleast (?:money|expensive)\b|"
                 # "the most economical option", "keep it lean" (s16)
                 r"\b(?:most|more|an?)\s+economical(?:ly)?\b|\beconomical(?:ly)?\s+(?:option|"
                 r"choice|way|route|setup|plan)\b|\bkeep\s+(?:it|things|costs?|the\s+(?:bill|"
                 r"spend))\s+lean\b|"
                 r"\bprices? (?:dips?|drops?|falls?|(?:is|are) low)\b|"
                 r"\bdip in (?:the )?(?:electricity |power |energy )?price|"
                 r"\belectricity (?:price|is cheap)\w*|\binexpensive\b|\bfrugal\b|"
                 r"\bbudget[- ]conscious\b|\blow[- ]price\b|\bprice is low\w*|"
                 r"\bnot (?:too |very |overly |that |super )?(?:expensive|pricey|costly)\b|"
                 r"\bcosts? (?:must|should|has to|needs? to) (?:be|stay) "
                 r"(?:small|low|minimal|tiny)\b|"
                 r"\bkeep (?:the )?(?:costs?|spend|bill) (?:down|low|small)\b|\bpennies\b|"
                 r"\b(?:pay|spend|costs?) less\b|\b(?:bill|costs?|spend|price)\s+as\s+low\s+as\b|"
                 r"\bevery (?:cent|penny|dollar|euro)\b|"
                 r"\b(?:money|budget|cash)(?:'s| is| are)\s+(?:\w+\s+)?tight\b|"
                 r"\b(?:we(?:'re| are)|i'm|i am)\s+(?:\w+\s+)?(?:broke|skint|strapped|short on "
                 r"(?:cash|money|budget))\b|\bon a (?:tight |shoestring |small |low )?budget\b|"
                 r"\bpenny[- ]pinch\w*|\bcost[- ]conscious\b|\bas little as possible\b|"
                 r"\blow[- ]budget\b|\bcheapskate\b|"
                 r"\bcosts?\s+more\s+than\s+(?:it|they|this)\s+(?:has|have|needs?)\s+to\b|"
                 r"\bpay\s+(?:the\s+)?(?:less|least)(?:est)?\s+(?:possible|we can)\b|"
                 r"\b(?:burn|waste|throw away)\w*\s+(?:\w+\s+)?money\b|"
                 # "my manager only looks at the invoice total"
                 r"\bonly\s+(?:looks?|cares?|care|caring|looking)\s+(?:at|about)\s+(?:the\s+)?"
                 r"(?:invoice|bill|price|cost|spend|total|bottom line)\b|"
                 # a worry about the bill: "if this bill is big again finance will kill me"
                 r"\b(?:bill|invoice|costs?|spend)\s+(?:is|are|gets?|comes?\s+in|was|were)\s+"
                 r"(?:(?!not\b)\w+\s+){0,2}(?:big|high|huge|large|steep|insane|too much)\b|"
                 r"\bfinance\s+(?:will|would|is going to|'ll)\s+"
                 r"(?:kill|murder|fire|have my head)\b|"
                 # "whatever keeps finance off my back", "so the CFO stays happy"
                 r"\b(?:keeps?|keeping|gets?)\s+(?:finance|accounting|procurement|the cfo|"
                 r"controlling|the bean[- ]counters)\s+(?:off\s+(?:my|our)\s+backs?|happy|"
                 r"quiet|calm|off\s+(?:my|our)\s+case)\b|"
                 r"\b(?:finance|accounting|procurement|the cfo|the bean[- ]counters)\s+"
                 r"(?:is|are|will be|'s|'re)\s+(?:watching|breathing down|on my case|"
                 r"counting every)\b"),
    ("fastest", r"\basap\b|\bas soon as possible\b|\burgent(?:ly)?\b|"
                # "need it yesterday" is urgency; "yesterday's calls" is a date
                r"\b(?:need(?:s|ed)?|want(?:s|ed)?|done|ready|finished|complete[d]?|by)\b"
                r"[^.;!?]{0,40}?\byesterday\b(?!'s|’s)(?!\s+(?:at\s+)?(?:\d|noon|midnight|eod))|"
                r"\bright now\b|"
                r"\btime is critical\b|\bfastest\b|\bquickest\b|\bas fast as possible\b|"
                r"\bas quickly as possible\b|\bspeed is (?:key|critical|everything)\b|"
                r"\bno time to lose\b|\bhurry\b|\brush\b|\bhigh priority\b|\btime-critical\b|"
                r"\bfast(?:er)?\b(?!\s+(?:tokeni[sz]er|attention|storage|disks?|ssds?|nvme|network|"
                r"interconnect|path|food))|\bquickly\b|\bthe sooner the better\b|\bright away\b|"
                r"\bimmediately\b|\bquick turnaround\b|"
                r"\bthe (?:quicker|faster|sooner) the better\b|\btime is of the essence\b|"
                r"\bevery (?:hour|minute|day) counts\b|\bwithout delay\b|"
                # Portuguese "pronto até quarta" is "ready by Wednesday", no hurry
                r"\bpronto\b(?!\s+(?:até|ate|para|antes|em|no|na|a|às|as|el|por|de|until|by)\b)|"
                r"\bat once\b|\bno time to waste\b|"
                r"\bevery\s+(?:hour|minute|day)\s+(?:we\s+wait|of\s+delay|it\s+waits)\b|"
                r"\bcosts?\s+us\s+(?:customers|money|users)\s+every\s+(?:hour|minute|day)\b"),
    ("greenest", r"\bgreen(?:est|er)?\b(?!\s+light)|\bcarbon[- ](?:aware|friendly|neutral)\b|"
                 r"\b(?:minimi[sz]e|lowest|low|least|less|reduce|lower|minimal)\s+(?:the\s+)?"
                 r"(?:possible\s+|achievable\s+)?(?:carbon|co2|emissions|footprint)\b|"
                 # "run it on Swedish hydro power", "fossil-free electricity"
                 r"\bhydro(?:[- ]?(?:power|electric\w*))?\b|\bfossil[- ]free\b|"
                 r"\bcarbon[- ]free\b|\bgeothermal\b|"
                 r"\bclean(?:est|er)?\s+(?:grid|energy|power|electricity)\b|"
                 r"\b(?:grid|energy|power|electricity) is (?:clean|green)\w*|\brenewab\w*|"
                 # "when the grid there is at its cleanest" (s12)
                 r"\b(?:grid|energy|power|electricity)\b[^.;!?]{0,25}?\bat its (?:clean|green)"
                 r"(?:est)?\b|"
                 r"\bwind(?:y|iest)?\b|\bsolar\b|\blow[- ]carbon\b|\bclimate[- ]friendly\b|"
                 # "the sustainability office caps it at 0.25 t": a team, not a preference
                 r"\bsustainab\w+\b(?!\s+(?:office|officer|team|department|lead|manager|group|"
                 r"committee|board|director|org|dashboard|metrics|"
                 r"page|portal))|\beco[- ]friendly\b|"
                 # "keep the carbon as low as possible", "emissions as small as we can"
                 r"\b(?:carbon|co2|emissions|footprint)\b[^.;!?]{0,20}?\bas\s+(?:low|small|"
                 r"little|light)\s+as\b|"
                 r"\bcarbon footprint\b|"
                 # "leave as little footprint as we can", "as little carbon as possible"
                 r"\bas (?:little|small|low|light) (?:a\s+)?(?:carbon\s+|co2\s+|environmental\s+)?"
                 r"(?:footprint|carbon|co2|emissions|impact) as\b|"
                 r"\bclean(?:est|er)?\s+(?:hours?|times?|slots?|windows?|periods?)\b|"
                 r"\b(?:care|caring|cares) about the (?:planet|environment|climate)\b|"
                 r"\b(?:kind(?:est|er)?|good|best|gentle|easy) (?:to|for|on) the (?:planet|"
                 r"environment|climate|earth)\b|\benvironmentally (?:friendly|sound|conscious)\b|"
                 r"\b(?:smallest|lightest|minimal) (?:environmental |carbon |climate )?"
                 r"(?:footprint|impact)\b|"
                 # the criterion named, then referred back to: "Carbon is what they ask
                 # about, minimise it."
                 r"\b(?:carbon|co2|emissions|footprint)\b[^.;!?]{0,60}?[,;:.]\s*(?:so\s+|please\s+)?"
                 r"(?:minimi[sz]e|reduce|lower|cut|keep down)\s+(?:it|them|that)\b"),
]
_OBJ_RES = [(v, re.compile(p, re.IGNORECASE)) for v, p in _OBJECTIVE]
_CRITERIA = {"cost": "cheapest", "costs": "cheapest", "price": "cheapest", "money": "cheapest",
             "spend": "cheapest", "budget": "cheapest", "speed": "fastest", "time": "fastest",
             "turnaround": "fastest", "runtime": "fastest", "carbon": "greenest",
             "co2": "greenest", "emissions": "greenest", "footprint": "greenest",
             "sustainability": "greenest"}
_CRIT = "|".join(_CRITERIA)
_PRIORITY = re.compile(
    rf"\b(?P<a>{_CRIT})\s+(?:matters? most|matters\b(?!\s*,?\s*but\s+not|\s+(?:less|little|not|"
    r"(?:only\s+)?(?:a\s+(?:bit|little)|somewhat|slightly)))|"
    r"is (?:the )?(?:top |main |first )?priority|is key|"
    r"is what matters|is (?:the )?most important|first|matters? more|is more important|"
    rf"over|beats?|trumps?)\b|\b(?:prioriti[sz]e|optimi[sz]e for|focus on|minimi[sz]e|"
    rf"care (?:most )?about)\s+(?:the\s+)?(?P<b>{_CRIT})\b", re.IGNORECASE)
_OBJ_NEG = re.compile(r"(?:\bno|\bnot|\bnon|\bnever|n't|\bwithout|\bdon't care about|\bisn't|"
                      r"\bnothing|\bnone)\s+"
                      r"(?:\w+\s+){0,2}$|"
                      # "it doesn't need to be fast", "does not have to be super cheap"
                      r"(?:n't|\bnot)\s+(?:need|have|has)\s+to\s+be\s+(?:\w+\s+)?$",
                      re.IGNORECASE)
_PRIORITY_AFTER = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:wins|is (?:better|key|the priority|what "
                             r"matters)|matters most|above all|first|even if|over|priority)\b",
                             re.IGNORECASE)
#: "spot is fine if it's cheaper": a comparative that conditions another choice
_IF_BEFORE = re.compile(r"\bif\s+(?:(?:it|that|this|they)(?:'s|'re|\s+is|\s+are|\s+gets?)\s+"
                        r"(?:much\s+|a lot\s+|way\s+|significantly\s+|a bit\s+|any\s+)?)?$",
                        re.IGNORECASE)
#: "use spot to save money", "spot if cheaper", "preemptible for cost reasons": the saving
#: is why spot is allowed (README `interruptible`), not what the job is ranked by
_SPOT_REASON = re.compile(r"\b(?:spot|pre-?empt\w*|interrupt\w*)\b[^.;!?,]{0,25}?(?:\b(?:if|to|for|"
                          r"because|since|as|when)\s+(?:it\s+)?|,\s*(?:it's|it is|that's|they're)"
                          r"\s+)(?:\w+\s+){0,2}$", re.IGNORECASE)
#: "my manager says cheapest, I say fastest - you decide": the choice handed back
_DEFERRED = re.compile(r"\byou (?:decide|choose|pick)\b|\byour (?:call|choice|pick)\b|"
                       r"\bup to you\b|\bdealer'?s choice\b", re.IGNORECASE)
_CONDITION = re.compile(r"\bif\b[^.;]*$", re.IGNORECASE)


def find_objective(text: str) -> tuple[str | None, list[Hit]]:
    """The objective the user states, directly or indirectly.

    A stated trade-off, or two criteria with no priority, is `balanced`. Waiting for
    cheap power is `cheapest`; waiting for wind or a clean grid is `greenest`.
    """
    hits: list[Hit] = []
    for value, pattern in _OBJ_RES:
        for m in pattern.finditer(text):
            before = text[max(0, m.start() - 30):m.start()]
            if _OBJ_NEG.search(before) or (_IF_BEFORE.search(before)
                                           and re.fullmatch(r"\w+er", m.group(0))):
                continue
            if value == "cheapest" and _SPOT_REASON.search(text[max(0, m.start() - 45):m.start()]):
                continue
            hits.append(Hit(value, m.start(), m.end(), m.group(0)))
    for m in _PRIORITY.finditer(text):
        if _OBJ_NEG.search(text[max(0, m.start() - 30):m.start()]):
            continue
        crit = (m.group("a") or m.group("b")).lower()
        hits.append(Hit(_CRITERIA[crit], m.start(), m.end(), "priority: " + m.group(0)))
    hits.sort(key=lambda h: h.start)
    values = list(dict.fromkeys(str(h.value) for h in hits))
    if not values:
        return None, hits
    stated = [h for h in hits if str(h.cue).startswith("priority: ")]
    if len(values) > 1 and _DEFERRED.search(text):
        return None, hits  # two criteria and the decision handed back: nothing is stated
    if len({h.value for h in stated}) > 1:
        return "balanced", hits  # "carbon matters, money matters": two with no order
    if stated and "balanced" not in values:
        return str(stated[0].value), hits
    if "balanced" in values:
        return "balanced", hits
    if len(values) == 1:
        return values[0], hits
    lead = [h for h in hits if _PRIORITY_AFTER.match(text[h.end:h.end + 40])]
    if lead:
        return str(lead[0].value), hits
    if "optimal-time" in values and len(values) == 2:
        return next(v for v in values if v != "optimal-time"), hits
    return "balanced", hits
