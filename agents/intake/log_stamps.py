"""Times that label text rather than the job: chat and log stamps, file names, versions.

A pasted chat line ("[14:02 CEST] <marta> we need ..."), a log line ("2023-06-01 03:12:44
ERROR ..."), a file name ("eval_2023-06-01.jsonl", "logs/2023-05-30/run.txt") and a version
string ("v2023.06.1", "release 2023-10-02-rc1") all carry a date or a clock time that says
when something was written or built, never when the job may start or must finish.
`stamp_spans` finds them so that `timeparse.find_times` reads the text with them masked.
"""

from __future__ import annotations

import re

_CLOCK = r"\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s?[ap]\.?m\.?)?"
_DATE = r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
_ZONE = r"(?:\s?(?:Z|UTC|GMT|[A-Z]{2,5}T|[+-]\d{2}:?\d{2}))?"
#: a stamp that opens a chat or log line: "[09:14] alice:", "[14:02 CEST] <marta>",
#: "09:14 <bob>", "2023-06-01 03:12:44,120 ERROR", "[2023-06-01T03:12:44Z] worker-3:"
_LINE_STAMP = re.compile(
    rf"(?m)^[ \t>*-]*(?:\[(?:{_DATE}[ T])?{_CLOCK}{_ZONE}\]|\((?:{_DATE}[ T])?{_CLOCK}{_ZONE}\)|"
    rf"(?:{_DATE}[ T]){_CLOCK}{_ZONE}|{_CLOCK}{_ZONE}(?=\s+<))"
    r"(?=\s*(?:<[\w.@-]{1,30}>|[\w.@-]{1,30}:(?!\d)|\[?(?:INFO|WARN(?:ING)?|ERROR|DEBUG|TRACE|"
    r"FATAL|CRITICAL)\b|-\s))")
#: a bracketed stamp before a speaker anywhere in a line: "... (pasted) [09:14] alice: ..."
_INLINE_STAMP = re.compile(rf"\[(?:{_DATE}[ T])?{_CLOCK}{_ZONE}\](?=\s*<?[\w.@-]{{1,30}}>?:?\s)")
#: a date inside a file name or path: "eval_2023-06-01.jsonl", "logs/2023-05-30/run.txt",
#: "ckpt-2023-06-01T1200.pt"
_FILE_DATE = re.compile(
    r"(?<![\w/.-])[\w.-]*?/?(?:[\w.-]+/)*[\w-]*\d{4}[-_]?\d{2}[-_]?\d{2}[\w.-]*?"
    r"(?:/[\w.-]+)*\.(?:log|txt|csv|tsv|jsonl?|parquet|ya?ml|tar|gz|zip|pt|ckpt|bin|"
    r"safetensors|md|out|err)\b"
    r"|(?<![\w-])(?:[\w.-]+/)+\d{4}-\d{2}-\d{2}(?:/[\w.-]*)*")
#: a version or build tag with a date in it: "v2023.06.1", "release 2023-10-02-rc1",
#: "build 20230601", "snapshot-2023-06-01"
_VERSION = re.compile(
    r"(?<![\w.-])v\d{2,4}(?:\.\d+){1,3}\b|"
    r"\b(?:release|version|build|tag|snapshot|checkpoint|ckpt|revision|rev)[\s_:=-]+v?\d{4}[-.]?"
    r"\d{2}[-.]?\d{2}(?:[-.]\w+)*|"
    r"\b(?:snapshot|checkpoint|ckpt|release|build)-\d{4}-\d{2}-\d{2}(?:[-.]\w+)*", re.IGNORECASE)


def stamp_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each chat/log stamp, file-name date and version string in `text`."""
    spans: list[tuple[int, int]] = []
    for pattern in (_LINE_STAMP, _INLINE_STAMP, _FILE_DATE, _VERSION):
        spans += [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
    return spans
