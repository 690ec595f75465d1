"""Ready answers to the intake's clarification questions (shown as buttons by the console).

Each is a phrase the parser reads when it is appended to the request; the operator can
always type another answer instead.
"""

from __future__ import annotations

import re

_CHOICES: list[tuple[re.Pattern[str], list[str]]] = [
    (re.compile(r"what should run|restate the job|what to run", re.I),
     ["train a 350M-parameter model for 10 GPU-hours on H100",
      "fine-tune Llama-3-8B with LoRA on 20 GB of text"]),
    (re.compile(r"interruptible|spot", re.I),
     ["spot capacity is fine", "on-demand only, never interrupted"]),
    (re.compile(r"deadline", re.I), ["no deadline", "done within 7 days"]),
    (re.compile(r"size of the work|how big|gpu-hours", re.I),
     ["10 GPU-hours", "100 GPU-hours"]),
    (re.compile(r"summarise the job|short request", re.I),
     ["train a 350M-parameter model for 10 GPU-hours on H100"]),
]


def answer_choices(question: str) -> list[str]:
    """Up to four short answers that fit `question` (empty: the operator types one)."""
    out: list[str] = []
    for pattern, answers in _CHOICES:
        if pattern.search(question):
            out += [a for a in answers if a not in out]
    return out[:4]
