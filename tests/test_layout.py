"""The house's layout: imports point down `gridwise.cli -> graphs -> agents -> tools -> core`.

Every module's imports (top-level and inside functions) are parsed with `ast`; an import
against the direction fails with the module, line and the rule it breaks.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("gridwise", "graphs", "agents", "tools", "evals", "bench")

# The layer of a module (higher may import lower, never the reverse). `gridwise.cli` and
# `gridwise.console` are the shell on top; the rest of `gridwise` is the core at the bottom.
# `evals` sits beside the shell: it runs graphs and tools, and only the shell imports it.
LAYER = {"shell": 5, "evals": 4, "graphs": 3, "agents": 2, "tools": 1, "core": 0}
SHELL = ("gridwise.cli", "gridwise.console", "gridwise.__main__")


def layer(module: str) -> str | None:
    """The layer a dotted module name belongs to (None for third-party modules)."""
    top = module.split(".")[0]
    if top == "gridwise":
        return "shell" if module.startswith(SHELL) else "core"
    if top == "bench":
        return "shell"
    return top if top in LAYER else None


def module_name(path: Path) -> str:
    rel = path.relative_to(REPO).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, imported module) for every import in a file, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    here = module_name(path).split(".")
    if path.name != "__init__.py":
        here = here[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(here[: len(here) - node.level + 1] + ([base] if base else []))
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{a.name}") for a in node.names
                      if layer(f"{base}.{a.name}") == "shell"]
    return found


def violations() -> list[str]:
    bad = []
    for pkg in PACKAGES:
        for path in sorted((REPO / pkg).rglob("*.py")):
            own = layer(module_name(path))
            if own is None:
                continue
            for line, target in imports_of(path):
                theirs = layer(target)
                if theirs is None or theirs == own:
                    continue
                if LAYER[theirs] > LAYER[own]:
                    bad.append(f"{path.relative_to(REPO)}:{line} ({own}) imports {target} "
                               f"({theirs})")
    return bad


def test_imports_point_down_the_layers() -> None:
    assert violations() == []


@pytest.mark.parametrize(("module", "target", "expected"), [
    ("tools.quoting", "agents.cluster", True),
    ("tools.quoting", "graphs.scheduling.graph", True),
    ("tools.quoting", "evals.gpushare", True),
    ("gridwise.store", "tools.quoting", True),
    ("gridwise.store", "gridwise.cli.common", True),
    ("agents.cluster", "graphs.scheduling.context", True),
    ("graphs.scheduling.graph", "agents.cluster", False),
    ("gridwise.cli.ask", "graphs.scheduling.session", False),
    ("tools.quoting", "gridwise.store", False),
])
def test_the_rule_itself_can_fail(module: str, target: str, expected: bool) -> None:
    own, theirs = layer(module), layer(target)
    assert own and theirs
    assert (LAYER[theirs] > LAYER[own]) is expected


def test_no_module_is_over_400_lines() -> None:
    long = []
    for pkg in (*PACKAGES, "tests", "data"):
        for path in (REPO / pkg).rglob("*.py"):
            n = len(path.read_text(encoding="utf-8").splitlines())
            if n > 400:
                long.append(f"{path.relative_to(REPO)}: {n} lines")
    assert long == []
