"""Write the scheduling graph's diagram, generated from the compiled graph, into the docs.

`python -m graphs.scheduling.diagram` rewrites `docs/graph.md`; a test fails when the
file differs from what the compiled graph draws, so the docs cannot drift from the wiring.
"""

from __future__ import annotations

from pathlib import Path

from graphs.scheduling.graph import build_graph

DOC = Path(__file__).resolve().parents[2] / "docs" / "graph.md"

HEADER = """# The scheduling graph

Generated from the compiled graph by `python -m graphs.scheduling.diagram`
(`build_graph().get_graph().draw_mermaid()`); do not edit by hand. Node names are the
functions in `graphs/scheduling/graph.py`; dotted edges are the jumps a node's
`Command[Literal[...]]` declares, plain edges are fixed.

"""


def mermaid() -> str:
    """The Mermaid diagram of a freshly compiled graph."""
    return str(build_graph().get_graph().draw_mermaid())


def document() -> str:
    """The whole `docs/graph.md` text."""
    return HEADER + "```mermaid\n" + mermaid().rstrip() + "\n```\n"


def main() -> None:
    """Rewrite docs/graph.md."""
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(document(), encoding="utf-8")
    print(f"wrote {DOC}")


if __name__ == "__main__":
    main()
