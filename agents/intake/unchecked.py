"""Form lines whose box is left empty ("- [ ] EU only", "☐ spot OK"): options not chosen.

Issue templates and forms list options with a box each; the user ticks the ones that hold
("- [x] must not be preempted") and leaves the rest empty. An empty box's line states
nothing about the job, so it is blanked before the extractors read the text (issue 17,
session 12). A ticked box, and a line without a box, stay as written.
"""

from __future__ import annotations

import re

#: a list line opening with an empty box: "- [ ] x", "* [ ] x", "[ ] x", "☐ x", "□ x"
_EMPTY_BOX = re.compile(r"(?m)^[ \t]*(?:[-*+•][ \t]*|\d+[.)][ \t]*)?(?:\[[ \t]?\]|[☐□])[ \t]*"
                        r"[^\n]*$")


def drop_unchecked(text: str) -> str:
    """`text` with every line of an empty box blanked (its line break kept)."""
    return _EMPTY_BOX.sub("", text)
