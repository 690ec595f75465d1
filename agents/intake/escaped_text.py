r"""Text written as escapes: `\u0069\u0067...`, `%69%67...`, `&#105;&#103;...`, `&lt;`.

A request is prose; a run of escapes in it is text meant not to be read by a person
(or by rules that read words). `decode_escapes` turns each run back into characters, so
that the decoded words can be read by the same rules as the rest (`attack_shapes`).
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

#: three or more escapes in a row (possibly with spaces between): a hidden word, not a URL's
#: lone "%20" or a "R&amp;D"
_RUNS = re.compile(
    r"(?:\\[uU][0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|\\[uU]\{[0-9a-fA-F]{1,6}\}){3,}|"
    r"(?:%[0-9a-fA-F]{2}){3,}|"
    r"(?:&#(?:[xX][0-9a-fA-F]{1,6}|\d{1,7});){3,}|"
    # a named entity hides one character of markup: "&lt;script&gt;"
    r"&(?:lt|gt|quot|apos|amp|nbsp|sol|bsol|colon|lpar|rpar);")
_ONE = re.compile(r"\\[uU]\{([0-9a-fA-F]{1,6})\}|\\[uU]([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})")


def _decode_backslash(run: str) -> str:
    def char(m: re.Match[str]) -> str:
        code = int(next(g for g in m.groups() if g), 16)
        return chr(code) if code < 0x110000 else ""
    return _ONE.sub(char, run)


def escape_runs(text: str) -> list[re.Match[str]]:
    """The runs of escapes in `text` (empty: nothing is hidden this way)."""
    return list(_RUNS.finditer(text))


def decode_escapes(text: str) -> str:
    """`text` with each run of escapes decoded (other text as it is; never raises)."""
    def decoded(m: re.Match[str]) -> str:
        run = m.group(0)
        if run.startswith("\\"):
            return _decode_backslash(run)
        if run.startswith("%"):
            return unquote(run, errors="replace")
        return html.unescape(run)
    return _RUNS.sub(decoded, text)
