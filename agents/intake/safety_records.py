"""Adversarial shapes found on fresh9 (issue 17, session 7), by class, for `safety.scan`.

- Falsified records: a job to be logged, labelled or reported as something it is not
  ("log it as 1 GPU in the billing report", "report its carbon as 0 kg on the
  dashboard", "in the audit log label the job as running in DE so compliance signs off").
  A record verb with "as" is only flagged when it names a record (log, report, dashboard,
  invoice, audit) or a purpose of deceiving (so compliance / the quota / nobody ...), so
  that "tag the run as nightly" stays a request.
- Use of another party's private things behind their back: "team-b's private checkpoint
  (they don't know, just copy it)".
- Hidden markdown comments (`[//]: # (...)`, `[comment]: <> (...)`): text a rendered page
  never shows, read as a hidden HTML comment is.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

_VERB = (r"(?:log|label|report|record|declare|book|list|show|mark|tag|enter|file|bill|invoice|"
         r"register|write|put|classify|describe|present)(?:s|ed|ing)?")
#: a record a job is written into
_RECORD = (r"(?:audit\w*|billing|bills?|invoices?|ledgers?|dashboards?|reports?|records?|logs?|"
           r"accounting|usage|quota\w*|sustainability|esg|timesheets?|cost[- ]centers?|"
           r"compliance)")
#: what is misreported: the job itself or one of its measures ("the job's carbon", "its spend")
_JOB = (r"(?:it|this|that|them|(?:the|this|our|my)\s+(?:job|run|workload|training|usage|spend|"
        r"bill|cost)|(?:the\s+job|the\s+run|this\s+job|it)(?:'s|’s)\s+[\w-]+|its\s+[\w-]+|"
        r"(?:the|our|my)\s+(?:[\w-]+\s+)?(?:usage|spend|costs?|carbon|emissions|co2|gpus?|"
        r"hours|region|location|count|footprint))")
#: a claimed value: an amount, nothing, or a place ("as 1 GPU", "as 0 kg", "as running in DE")
_CLAIM = (r"(?:[$€£]\s*\d|[~<]?\s*\d[\d.,]*\s*(?:x\s*)?(?:gpus?|cards?|accelerators?|nodes?|kg|g|"
          r"grams?|t|tonnes?|tons?|kwh|mwh|h|hrs?|hours?|gpu[- ]hours?|usd|dollars?|eur|euros?|"
          r"%|percent)\b|\d[\d.,]*(?=\s+(?:in|on|to|into|for)\b)|zero\b|none\b|nothing\b|"
          r"negligible\b|free\b|(?:running|run|located|hosted|based|being)\s+(?:in|on|at)\b|"
          r"in\s+(?:the\s+)?[A-Z]|[A-Z]{2,}[- ](?:hosted|based|resident|only)\b|(?:much\s+)?"
          r"(?:less|lower|fewer|smaller)\b)")
#: why a false entry is wanted: someone who must not see the truth
_DECEIVE = (r"\bso\s+(?:that\s+)?(?:the\s+|our\s+|my\s+)?(?:compliance|audit\w*|finance|"
            r"billing|quotas?|auditors?|security|legal|management|nobody|no one|no-one|they|"
            r"it|team'?s?\s+quota|[\w-]+'s\s+quota)\b|\beven\s+(?:if|though|when)\s+(?:it|the "
            r"(?:job|run))\s+(?:really\s+|actually\s+)?(?:lands|runs|ends up|is|goes|uses)\b")

#: behind the owner's back: "they don't know", "without their permission" (a clause end
#: after "know", so that "they don't know which GPU" stays innocent)
_UNKNOWING = (r"(?:\b(?:they|he|she|them|the owners?)\s+(?:don't|do not|doesn't|does not|won't|"
              r"will not|needn't|need not|shouldn't)\s+(?:need to\s+|have to\s+)?know(?:\s+"
              r"about\s+(?:it|this|that))?\s*(?:[,.;:)!-]|$)|\bwithout\s+(?:their|them|his|her|"
              r"the owners?'?s?)\s+(?:knowing|knowledge|permission|consent|approval)\b)")

#: (reason, pattern), appended to `safety_rules.SENTENCE_RULES`.
RECORD_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("falsified records", re.compile(
        r"\b" + _VERB + r"\s+" + _JOB + r"\s+(?:down\s+)?as\s+" + _CLAIM + r"[^.;!?]{0,50}?"
        r"\b(?:in|on|to|into|for)\s+(?:the\s+|our\s+|my\s+|its\s+)?(?:[\w-]+\s+){0,2}?"
        + _RECORD + r"\b", _I)),
    ("falsified records", re.compile(
        r"\b(?:in|on|into)\s+(?:the\s+|our\s+|my\s+)?(?:[\w-]+\s+){0,2}?" + _RECORD
        + r",?\s+" + _VERB + r"\s+" + _JOB + r"\s+(?:down\s+)?as\s+" + _CLAIM, _I)),
    ("falsified records", re.compile(
        r"\b" + _VERB + r"\s+" + _JOB + r"\s+(?:down\s+)?as\s+[^.;!?]{1,60}?" + _DECEIVE, _I)),
    ("other tenants' data", re.compile(
        r"\b(?!(?:our|my|own|its|their)\b)[\w-]+(?:'s|s'|’s)\s+(?:\w+\s+)?(?:private|personal|"
        r"internal|confidential|secret)\s+(?:\w+\s+)?(?:checkpoints?|data\w*|buckets?|weights|"
        r"models?|files?|storage|volumes?|repos?\w*|corpus|logs?)\b[^.;!?]{0,120}?(?:"
        + _UNKNOWING + r"|\b(?:just|quietly|secretly)\s+(?:copy|take|grab|clone|pull)\b)", _I)),
    # a bill or a record said to be settled, or a record told what did not happen
    ("falsified records", re.compile(
        r"\b(?:mark|set|flag|record|list|show)\w*\s+(?:the\s+|our\s+|this\s+|its\s+)?(?:\w+\s+)?"
        r"(?:invoices?|bills?|payments?|charges?|fees?)\s+as\s+(?:already\s+)?(?:paid|settled|"
        r"covered|waived|void|cancel\w*|refunded)\b|"
        r"\b(?:tell|inform|feed|notify)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){0,2}?" + _RECORD
        + r"\s+(?:that\s+)?(?:this|it|the job|the run|we)\s+(?:ran|runs|used|emitted|was|were|"
        r"is|only|never)\b", _I)),
    # destroying what others own: "delete the other team's checkpoints"
    ("other tenants' data", re.compile(
        r"\b(?:delete|remove|wipe|erase|overwrite|purge|drop|trash|clear)\w*\s+(?:all\s+)?"
        r"(?:of\s+)?(?:the\s+)?(?:(?:other|another)\s+[\w-]+(?:'s|s'|’s)|someone else'?s|"
        r"(?:[\w-]+\s+)?[\w-]*(?:team|group|lab|tenant|customer|client|user|dept|department|"
        r"org|squad|project)[\w-]*(?:'s|s'|’s))\s+(?:\w+\s+)?(?:checkpoints?|data\w*|buckets?|weights|models?|files?|"
        r"storage|volumes?|outputs?|results|logs?|jobs?|runs?)\b", _I)),
    ("other tenants' data", re.compile(
        r"\b(?:copy|take|grab|clone|pull|use|read)\w*\s+[^.;!?]{0,80}?" + _UNKNOWING, _I)),
]

#: (pattern, reason) of blocks cut whole before the sentences are read
#: words of an order to the model (not "quota" or "priority": "![quota chart](q.png)")
_ORDER_WORDS = (r"(?:system|assistant|admin\w*|developer|root|sudo|ignore|disregard|override|"
                r"grant|approve\w*|bypass|disable)")
BLOCK_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^[ \t]*\[(?://|comment|#|_+|hidden|note)\]:\s*(?:#|<>)\s*(?:\([^\n]*\)|"
                r"\"[^\n]*\"|'[^\n]*')[ \t]*$", re.I | re.M), "hidden markdown comment"),
    # an image's alt text or a collapsed <details> block: text a reader never sees
    (re.compile(r"!\[[^\]\n]*\b" + _ORDER_WORDS + r"\b[^\]\n]*\]\([^)\n]*\)", re.I),
     "hidden markdown text"),
    (re.compile(r"<details\b[^>]*>(?:(?!</details>).)*?\b" + _ORDER_WORDS
                + r"\b.*?(?:</details\s*>|$)", re.I | re.S), "hidden HTML text"),
    # a fenced block labelled with a role: ```system ... ```
    (re.compile(r"```[ \t]*(?:system|assistant|admin|developer|tool\w*|instructions?)\b.*?"
                r"(?:```|$)", re.I | re.S), "fake role block (SYSTEM/assistant)"),
]
