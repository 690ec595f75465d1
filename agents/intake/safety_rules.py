"""The sentence rules of intake's attack scan: (reason, pattern) pairs, in order.

Each pattern marks text that makes its whole sentence untrustworthy: prompt injection,
credential requests, misreporting, other tenants' data or jobs, policy and residency
bypass, SQL or script fragments. The rules of the later sessions (`safety_more`,
`safety_attacks`, `safety_covert`, `safety_intl`, `safety_records`) are appended, and
`Encoded` last so that a decoded payload is read with every rule before it.
"""

from __future__ import annotations

import re

from agents.intake.safety_attacks import ATTACK_RULES, After
from agents.intake.safety_controls import CONTROL_RULES, SUDO_RULE
from agents.intake.safety_covert import COVERT_RULES, Encoded, Searcher
from agents.intake.safety_intl import INTL_RULES
from agents.intake.safety_languages import LANGUAGE_RULES
from agents.intake.safety_more import MORE_RULES
from agents.intake.safety_parties import PARTY_RULES
from agents.intake.safety_records import RECORD_RULES
from agents.intake.safety_world import WORLD_RULES

_I = re.IGNORECASE
#: (reason, pattern) for text that makes its whole sentence untrustworthy.
SENTENCE_RULES: list[tuple[str, re.Pattern[str] | After | Searcher]] = [
    ("prompt injection", re.compile(
        r"\b(?:ignor(?:e|es|ed|ing)|disregard\w*|forget(?:s|ting)?|overrid(?:e|es|ing)|bypass\w*|"
        r"skip(?:s|ped|ping)?|circumvent\w*)\s+(?:all\s+|any\s+|the\s+|your\s+|my\s+|of\s+|"
        r"previous\s+|prior\s+|above\s+|earlier\s+|these\s+|those\s+)*(?:[\w-]+\s+)?(?:rules?|"
        r"instructions?|"
        r"polic(?:y|ies)|guidelines?|guardrails?|constraints?|limits?|checks?|prompts?|"
        r"restrictions?|safety|system prompt|quotas?|caps?|ceilings?)\b(?!\s+of\s+(?:grammar|"
        r"spelling|syntax|thumb|physics|chess|the game|the road|style))", _I)),
    ("prompt injection", re.compile(
        r"\byou are now\b|\bforget (?:everything|all) (?:you|i|we)\b|\bforget what you\b|"
        r"\bact as (?:an? )?(?:admin|root|system|developer)\b|\bdeveloper mode\b|"
        r"\bnew instructions?\s*:|\bauthori[sz]ed by (?:the )?(?:admin|root|ceo|"
        r"management)\b|\bi am (?:the|an) (?:admin|administrator)\b|\bfor free\b|"
        r"\bfree of charge\b|\bwithout (?:paying|billing|charging)\b|\bunlimited (?:budget|"
        r"credits|quota)\b|\b(?:limits?|checks?|quotas?|billing) (?:are|is) (?:disabled|off|"
        r"lifted|waived)\b|\bdisabl(?:e|ing) (?:the |all )?(?:carbon|budget|limits?|checks?|"
        r"logging|"
        r"audit\w*|billing|quotas?)\b", _I)),
    # a claimed authority that grants itself an exception, and "override" switches
    ("prompt injection", re.compile(
        r"\b(?:i'?m|i am|as|we are|speaking as)\s+(?:the|an?|your)\s+(?:\w+\s+)?(?:admin\w*|owner|"
        r"root|superuser|sysadmin|operator|ceo|cto|head|manager)\b[^.;]{0,60}?\b(?:authori[sz]\w*|"
        r"approv\w*|permit\w*|allow\w*|grant\w*|order\w*|command\w*|instruct\w*|waiv\w*|"
        r"exempt\w*)\b|"
        r"\b(?:system|admin|safety|policy|security|root)\s+override\b|\boverride\s+(?:mode|"
        r"code|enabled|active)\b|"
        r"\b(?:polic(?:y|ies)|rules|limits|checks|guardrails|safety|restrictions?|filters?|"
        r"safeguards?)\s+(?:are\s+|is\s+|now\s+|have been\s+|has been\s+)*(?:disabled|off|"
        r"suspended|lifted|waived|void|removed|deactivated|no longer apply)\b", _I)),
    ("credential request", re.compile(
        r"\b(?:print|show|reveal|send|give|share|dump|list|leak|expose|tell|output|display|e-?mail|"
        r"paste|provide|fetch|export|return|include|post|what are|reply|respond|answer|"
        r"hand over|read out|spell out)\b[^.;]{0,60}?(?:\b(?:api|access|"
        r"secret|private|ssh|aws)[- ]?keys?\b|\bpasswords?\b(?![- ](?:protected|manager|less|"
        r"reset|policy))|\bcredentials?\b|\bsecrets\b|"
        r"\b(?:auth|bearer|access|session) tokens?\b|/etc/(?:shadow|passwd)\b|\bid_rsa\b|\.ssh/|"
        r"\.aws/credentials\b|\bprivate keys?\b)", _I)),
    # a job never needs the scheduler's secrets: asking about theirs is asking for them
    ("credential request", re.compile(
        r"(?:\bwhat|\bwhich|\bwhere|\byour|\byou\b|\btheir|\bthe (?:scheduler|platform|provider|"
        r"system|cluster|admin|service|agent)\w*)[^.;!?]{0,40}?(?<!our )(?<!my )(?<!own )"
        r"(?:\b(?:api|access|secret|private|ssh|aws|gcp|azure|cloud|admin|root)[- ]?keys?\b|"
        r"\bpass(?:words?|phrases?)\b(?![- ](?:polic|manager|reset|protected))|\bcredentials?\b|"
        r"\b(?:auth|bearer|access|session|api|"
        r"service[- ]account) tokens?\b|\bkubeconfig\b)", _I)),
    ("credential request", re.compile(
        r"\b(?:print|show|reveal|send|give|share|dump|list|leak|expose|output|display|paste|"
        r"export|read)\b[^.;]{0,30}?\benv(?:ironment)?[- ]?(?:variables?|vars?)\b", _I)),
    # secret files: no job names them
    ("credential request", re.compile(r"/etc/(?:shadow|passwd|sudoers)\b|\bid_(?:rsa|ed25519)\b|"
                                      r"~?/?\.ssh/|\.aws/credentials\b|\.kube/config\b", _I)),
    # misreporting: billing, carbon, data class or location recorded as what it is not
    ("policy bypass", re.compile(
        r"\b(?:bill|charge|invoice|label|mark|report|log|record|declare|classify|tag|flag|list|"
        r"register|file|book|count|treat|consider)\w*\s+(?:it|this|them|us|(?:the|our|its|this)\s+[\w-]+"
        r"(?:\s+[\w-]+)?)\s+(?:as|under|to)\s+(?!(?:priority|p0|admin|root|system|top|highest)\b)"
        r"[^.;]{0,60}?\b(?:even though|although|though|"
        r"while (?:it|this|we)|but (?:it|this|we)|when in fact|in fact|whatever|regardless|no "
        r"matter|so (?:that\s+)?(?:the|it|we|nobody|no one|they)\b)\b|"
        r"\breport\w*\s+(?:the\s+|our\s+)?(?:carbon|emissions?|co2|footprint|cost|spend|usage|"
        r"region|location)\s+as\s+(?:zero|nothing|none|0|lower|less|smaller)\b|"
        r"\b(?:consider|treat|mark|label|classify|declare|call|deem)\w*\s+(?:it|this|them|the\s+\w+|"
        r"our\s+\w+)\s+(?:as\s+)?(?:non-?sensitive|non-?personal|not personal|anonymi[sz]ed|"
        r"public|synthetic|non-?regulated)\b|"
        r"\b(?:say|claim|tell|report|assure|inform|show)\b[^.;]{0,30}?\bit\s+(?:'s|is|was|runs?|"
        r"ran|stayed|stays|remained|remains)\s+(?:in|inside|within)\b[^.;]{0,40}?\b(?:even if|even "
        r"though|although|while|but|when (?:really|actually|in fact))\b", _I)),
    ("other tenants' data", re.compile(
        r"\b(?:other|another|all)\s+(?:tenants?|customers?|users?|teams?)(?:'s?)?\s+(?:\w+\s+)?"
        r"(?:data|jobs?|"
        r"logs?|usage|workloads?|files|models?|prompts?|outputs?)\b|\bsomeone else'?s\b|"
        r"\b(?:data|jobs?|logs?|usage|files|prompts?|outputs?|workloads?)\s+(?:\w+\s+){0,2}?of\s+"
        r"(?:the\s+)?(?:other|another|all other)\s+(?:tenants?|customers?|users?|teams?)\b|"
        r"\b(?:data|jobs?|logs?|usage|files|prompts?|outputs?|workloads?|models?)\s+(?:that\s+)?"
        r"(?:other|another)\s+(?:tenants?|customers?|users?|teams?)\s+(?:sent|ran|run|submitted|"
        r"uploaded|used|have|own)\b", _I)),
    ("pre-empting other tenants", re.compile(
        r"\b(?:pre-?empt|evict|kill|kick|cancel|suspend|bump|stop)(?!(?:l?ed|ped)\s+by)\w*\s+(?:\w+\s+){0,2}?(?:other|"
        r"everyone|everybody|all other|the other)\b(?!\s+[\w-]+\s+of\s+(?:mine|ours))|"
        r"\bjump the queue\b|\bahead of everyone\b|"
        r"\bpriority over (?:all|everyone|other)\b|"
        r"\bahead of (?:all |every(?:one|body)? ?)?"
        r"(?:the )?(?:others?|other (?:jobs|tenants|users|teams|customers)|everyone|everybody)\b|"
        r"\b(?:front|head) of the (?:queue|line)\b|"
        r"\b(?:skip|cut|jump)\s+(?:in\s+)?(?:the\s+)?(?:queue|line)\b|"
        r"\b(?:pre-?empt|evict|kill|kick(?:ing)? out|bump|suspend)\w*\s+(?:\w+\s+)?(?:whoever|"
        r"anyone|anybody|someone|somebody|their|existing|running)\b|"
        r"\bkick (?:\w+ )?(?:off|out)\b(?=.*\b(?:others|"
        r"tenants|users)\b)", _I)),
    ("policy bypass", re.compile(
        r"\b(?:label|mark|report|log|record|declare|bill)\s+it\s+as\s+(?:being\s+)?(?:in\s+)?"
        r"(?:the\s+)?(?-i:[A-Z])|\bpretend\b|\bfalsif\w+|"
        r"\bfake (?:the )?(?:report|region|location|logs?)\b|"
        r"\bdon'?t (?:tell|report|log|mention)\b|\bwithout telling\b|\boff the books\b|"
        r"\b(?:route|send|move|run|put)\s+it\s+(?:to|in|on)\s+\S+\s+(?:anyway|regardless|instead)\b|"
        r"\bjust (?:route|send|move|put)\s+it\b|"
        r"\b(?:ignore|skip|circumvent|get around|work around|bypass|turn off|switch off|shut off|"
        r"disable|deactivate|drop|remove|waive|lift|relax|suspend|override|overrule|loosen|"
        r"without)\s+(?:the\s+|our\s+|any\s+|this\s+|all\s+)?(?:\w+\s+)?(?:data[- ]?"
        r"residency|residency|data[- ]?locali[sz]ation|compliance|gdpr|sovereignty|"
        r"regulations?|export control|geo-?fenc\w*|region(?:al)? (?:lock|restrictions?|rules?))\b|"
        r"\b(?:data[- ]?residency|residency|gdpr|sovereignty|compliance)(?:\s+\w+)?\s+(?:doesn'?t|"
        r"does not|won'?t|shouldn'?t|need not|needn'?t)\s+(?:really\s+)?(?:apply|matter|count)\b|"
        r"\bno one will (?:know|notice|check)\b|\b(?:nobody|no one|the regulators?|the auditors?|"
        r"they|compliance|legal)\s+(?:will not|won't|wouldn't|doesn't|does not|never|will never)\s+"
        r"(?:check|know|notice|find out|look|audit)\b|"
        r"\b(?:write|put|enter|state|show|list|record|log|report)\w*(?:\s+down)?\s+(?:\w+\s+){1,3}?"
        r"as the (?:location|region|country|site|data ?cent(?:er|re))\b|\bhide (?:it|this)\b|"
        r"\bwhile actually\b|"
        r"\b(?:say|claim|tell \w+|pretend) (?:that )?it(?:'s| is| runs?) in\b|"
        r"\bactually (?:run|put|route|send) it\b", _I)),
    # asking the model to change what it is, or to show its own instructions
    ("prompt injection", re.compile(
        r"\byou(?:'re| are)\b[^.;]{0,40}?\b(?:no|without|free of) (?:restrictions|limits|rules|"
        r"guardrails|filters|constraints)\b|"
        r"\b(?:you(?:'re| are)|act as|behave as|become|switch to)\b[^.;]{0,30}?\b(?:unrestricted|"
        r"unfiltered|jailbroken)\b|\bjailbreak (?:yourself|mode)\b|"
        r"\bnew (?:instructions?|rules|polic(?:y|ies)|system prompt)\b|"
        r"\b(?:admin|system|operator|moderator)(?:'s)? (?:note|override|message|directive)\b|"
        r"\b(?:budget|quotas?|credits?|limits?|caps?)\s*(?:=|:|is|are|set to)\s*"
        r"(?:unlimited|infinite|none|no limit|∞)|"
        r"\b(?:quotas?|limits?|budgets?|rules|polic(?:y|ies)|checks|caps?|restrictions?)\s+"
        r"(?:do not|don't|does not|doesn't|won't|shall not|no longer)\s+apply\b|"
        r"\b(?:reveal|show|print|repeat|output|dump|leak|tell me)\b[^.;]{0,30}?\b(?:system prompt|"
        r"your (?:instructions|prompt|rules|configuration)|hidden prompt|initial prompt)\b|"
        r"\b(?:you can|you may|feel free to|go ahead and|you'?re allowed to|please)\s+(?:waive|"
        r"lift|disable|turn off|switch off|ignore|skip|bypass|override)\s+(?:the\s+|our\s+|any\s+|"
        r"all\s+|my\s+)?(?:[\w-]+\s+)?(?:checks?|limits?|quotas?|rules?|polic(?:y|ies)|caps?|"
        r"restrictions?|guardrails?|validations?|approvals?)\b", _I)),
    # hiding what was done, and residency said not to matter
    ("policy bypass", re.compile(
        r"\bno need to (?:mention|tell|report|say|log)\b|\bwithout (?:mentioning|telling|reporting|"
        r"saying|logging)\b|\bkeep (?:it|this) (?:quiet|between us|off the record|secret|hush)\b|"
        r"\bbetween (?:you and me|us)\b|\boff the record\b|"
        r"\b(?:nobody|no one|no-one)\s+(?:\w+\s+)?(?:audits?|checks?|notices?|looks?|knows?|cares?|"
        r"verif(?:y|ies))\b|"
        r"\b(?:log|record|write|bill|declare|book|enter|put|report|show)\w*\s+(?:it|this|them|the "
        r"\w+)\s+(?:down\s+)?as\s+(?:0|zero|nothing|none|lower|less|negligible)\b|"
        r"\b(?:data[- ]?residency|residency|gdpr|sovereignty|compliance|data protection)"
        r"(?:\s+\w+)?\s+(?:is|'s|isn't|is not|are|aren't|are not|were)\s+(?:not\s+)?"
        r"(?:an issue|a concern|a problem|"
        r"relevant|required|needed|important|irrelevant|optional)\b|"
        r"\b(?:ignor\w*|skip\w*|bypass\w*|circumvent\w*|disabl\w*|deactivat\w*|overrid\w*|"
        r"waiv\w*|turn(?:ing)? off|switch(?:ing)? off)\s+(?:[\w'-]+\s+){0,4}?(?:data[- ]?"
        r"residency|residency|gdpr|data[- ]?sovereignty|sovereignty|data[- ]?locali[sz]ation|"
        r"data protection)\b|"
        # verb last (German order): "die Residency-Prüfung deaktivieren"
        r"\b(?:data[- ]?residency|residency|gdpr|sovereignty|data protection)[\w-]*\s+"
        r"(?:[\w-]+\s+){0,2}?(?:disable|skip|ignore|bypass|turn off|switch off|deactivate|"
        r"waive)\b", _I)),
    ("SQL or script fragment", re.compile(
        r"\b(?:drop|truncate|alter)\s+(?:table|database|schema)\b|\bdelete\s+from\b|"
        r"\binsert\s+into\b|\bunion\s+(?:all\s+)?select\b|\bselect\s+\*\s+from\b|"
        r"\bselect\s+[\w,\s]{1,60}\s+from\s+\w+\s*(?:;|\bwhere\b)|\bor\s+'?1'?\s*=\s*'?1\b|;\s*--|"
        r"<\s*script\b|javascript:|\brm\s+-rf\b|\bos\.system\b|\b__import__\b|\beval\(|"
        r"\bexec\(|\bupdate\s+\w+\s+set\s+\w+\s*=|\bgrant\s+all\b|\$\([^)]*\)|\bcurl\s+\S+\s*\|\s*(?:ba)?sh\b|\{\{.*?\}\}|\$\{[^}]*\}",
        _I)),
]
SENTENCE_RULES.append(SUDO_RULE)
SENTENCE_RULES += MORE_RULES
SENTENCE_RULES += ATTACK_RULES
SENTENCE_RULES += COVERT_RULES
SENTENCE_RULES += INTL_RULES
SENTENCE_RULES += RECORD_RULES
SENTENCE_RULES += CONTROL_RULES
SENTENCE_RULES += PARTY_RULES  # other languages' acts on other parties, concealment (s12)
SENTENCE_RULES += LANGUAGE_RULES  # rules dropped, secrets asked, in 12 more languages (s12)
SENTENCE_RULES += WORLD_RULES  # the classes in 18 more languages, and English gaps (s14)
#: last: a rot13 / base64 payload is decoded and read with every rule above
SENTENCE_RULES.append(("encoded instruction", Encoded(SENTENCE_RULES)))
