"""The job kind from what a request states, when no job word names it.

Requests in unfamiliar wording ("Rnu", "draaien", "an imagenet run", "the ablation
study") often lack every kind cue `workload` knows, yet say enough to tell the job: a test
set or score is an evaluation; uptime, callers or latency are a service; a count of items
to go through is batch inference; labelled examples for a named model are a fine-tune;
a corpus of tokens for a model only sized, or "our 1B model" with weeks of GPUs, is
training. Each rule needs the job's own material (a masked model name `\u2591`, a size, a
count or a run length), so a request with none of it still asks "which workload?".
"""

from __future__ import annotations

import re

from agents.intake.text import Hit

_MODEL = "\u2591"
#: a stated model: a masked name, or "our 1B model", "a 350M-parameter network"
_SIZED_MODEL = re.compile(r"\b\d+(?:\.\d+)?\s?[BM](?:-?param\w*)?\s+(?:\w+[- ])?(?:model|"
                          r"network|net|transformer|lm|llm|checkpoint|encoder|decoder)\b",
                          re.IGNORECASE)
#: what is measured: test sets, scores, held-out splits
_MEASURED = re.compile(r"\b(?:test|validation|val|dev|held[- ]?out|eval)\s+(?:sets?|splits?|"
                       r"data)\b|\b(?:accuracy|wer|cer|bleu|rouge|f1|pass@\d|exact match|"
                       r"win[- ]rate|scores?)\s+(?:on|for|of|across)\b|"
                       r"\b(?:compare|comparing|score|measure|grade)\b", re.IGNORECASE)
#: a service: callers, traffic, latency, uptime
_SERVED = re.compile(r"\b(?:qps|rps|requests?\s+(?:per|a|an)\s+(?:second|minute|hour)|"
                     r"latency|uptime|concurrent\s+users|users|traffic|callers|24/7|"
                     r"round the clock|always[- ]on|stay(?:s)?\s+up|keep\s+(?:it\s+)?up|"
                     r"up\s+and\s+running|live\s+for)\b", re.IGNORECASE)
#: items to go through once: "600,000 images", "40 million emails", "1,800 hours of audio"
_ITEMS = re.compile(r"\b\d[\d.,]*\s*(?:[km]\b|thousand|million|billion)?\s*(?:images|imgs|"
                    r"photos|pictures|documents|docs|files|pages|scans|emails|mails|records|"
                    r"rows|videos|clips|frames|recordings|calls|transcripts|articles|reviews|"
                    r"tickets|prompts|queries|products|hours of (?:audio|video|speech|"
                    r"recordings?|calls?|footage))\b", re.IGNORECASE)
#: material a named model learns from: examples, pairs, conversations
_EXAMPLES = re.compile(r"\b(?:labell?ed|annotated|instruction|preference|chat)?\s*(?:examples|"
                       r"samples|pairs|conversations|dialogues|dialogs|instructions|"
                       r"demonstrations|q&a|qa pairs)\b|\bour (?:own )?(?:data|dataset|corpus)\b",
                       re.IGNORECASE)
#: a training corpus: tokens, "from scratch", GPU-weeks
_CORPUS = re.compile(r"\b\d[\d.,]*\s*(?:[kmbt]\b|thousand|million|billion|trillion)?\s*"
                     r"tokens\b|\bgpu[- ](?:days|weeks|months)\b|\b\d+\s*(?:weeks?|months?)\b",
                     re.IGNORECASE)


def infer_kind(text: str) -> Hit | None:
    """The kind the request's material implies, or None when it states too little.

    `text` has model names masked.
    """
    named = _MODEL in text
    sized = _SIZED_MODEL.search(text)
    if not (named or sized):
        return None
    for kind, pattern, ok in (
            ("inference", _SERVED, named),
            ("eval", _MEASURED, True),
            ("batch-inference", _ITEMS, named),
            ("fine-tune", _EXAMPLES, named and not sized),
            ("train", _CORPUS, bool(sized) and not named)):
        m = pattern.search(text) if ok else None
        if m:
            return Hit(kind, m.start(), m.end(), "shape: " + m.group(0))
    return None  # a model and a dataset alone may be a fine-tune or a batch pass: asked
