"""A GPU count pasted as a table row or a record, away from the accelerator's name.

Writers paste what their tools hold: a CSV header and one row ("job,model,gpu,count" /
"embed,bge,T4,4"), a row whose hardware cell is a layout ("16 x H100" after a comma, which
the prose readers do not take as a count), or a JSON / YAML record whose `count` key sits
beside its `gpu` key (`{"gpu": "T4", "count": 2}`). `hardware.find_hardware` reads these
only when no count was read next to a name.
"""

from __future__ import annotations

import csv
import re

from agents.intake.text import Hit

#: a header cell: a short field name, no digits-only cell, no sentence
_HEADER_CELL = re.compile(r"[A-Za-z_#][\w #./-]{0,23}")
#: headers of a column that holds the number of accelerators
_COUNT_HEADERS = {"count", "gpu_count", "gpu count", "gpus", "num_gpus", "n_gpus", "num gpus",
                  "#gpus", "# gpus", "number of gpus", "qty", "quantity", "gpu_qty", "cards"}
#: headers of a column that holds the hardware, which may be a layout ("4xL4", "16 x H100")
_HARDWARE_HEADERS = {"gpu", "gpus", "gpu_type", "gpu type", "hardware", "hw", "accelerator",
                     "accelerators", "resources", "compute", "instance"}
_WHOLE = re.compile(r"\d{1,4}")
_LAYOUT_CELL = re.compile(r"(?P<n>\d{1,4})\s*(?:x|×|\*)\s*[A-Za-z]", re.IGNORECASE)
#: a record's count key, read only beside a key that names the accelerator
_COUNT_KEY = re.compile(r"[\"']?\b(?:count|qty|quantity|gpu_qty)\b[\"']?\s*[:=]\s*[\"']?"
                        r"(?P<n>\d{1,4})\b(?!\s*(?:x|×|\*|[.,]\d|%))", re.IGNORECASE)
_GPU_KEY = re.compile(r"[\"']?\b(?:gpu|gpu_type|accelerator|hardware)\b[\"']?\s*[:=]\s*[\"']?"
                      r"[A-Za-z]", re.IGNORECASE)
_DELIMITERS = ",;\t|"


def _rows(text: str) -> list[tuple[list[str], list[str], int]]:
    """(header, row, offset of the row) of each pasted table that has exactly one row.

    A header is a line of at least three short field names; its row is the next line with
    the same number of cells, and the table has no second row (several rows are several
    jobs or a data sample, whose numbers are no request's count).
    """
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    out = []
    for i in range(len(lines) - 1):
        delimiter = max(_DELIMITERS, key=lines[i].count)
        header = [c.strip() for c in next(csv.reader([lines[i]], delimiter=delimiter))]
        if len(header) < 3 or not all(_HEADER_CELL.fullmatch(c) for c in header if c):
            continue
        row = [c.strip() for c in next(csv.reader([lines[i + 1]], delimiter=delimiter), [])]
        after = lines[i + 2] if i + 2 < len(lines) else ""
        more = len(next(csv.reader([after], delimiter=delimiter), [])) == len(header)
        if len(row) == len(header) and not more:
            out.append((header, row, offsets[i + 1]))
    return out


def table_counts(text: str) -> list[Hit]:
    """The accelerator count of a pasted one-row table or a record, if it states one.

    Args:
        text: the request (model names masked).

    Returns:
        One hit for the count (none when no table or record states it).
    """
    for header, row, offset in _rows(text):
        end = offset + len(text[offset:].split("\n", 1)[0])
        for name, cell in zip(header, row, strict=True):
            name = name.lower()
            if name in _COUNT_HEADERS and _WHOLE.fullmatch(cell) and int(cell) >= 1:
                return [Hit(int(cell), offset, end, "table")]
            layout = _LAYOUT_CELL.match(cell) if name in _HARDWARE_HEADERS else None
            if layout and int(layout.group("n")) >= 1:
                return [Hit(int(layout.group("n")), offset, end, "table")]
    for key in _COUNT_KEY.finditer(text):
        window = text[max(0, key.start() - 80):key.end() + 80]
        if _GPU_KEY.search(window) and int(key.group("n")) >= 1:
            return [Hit(int(key.group("n")), key.start(), key.end(), "record")]
    return []

