"""Prompt files, loaded by role, name and version (`prompts/<role>/<name>.v<N>.md`).

Templates are Jinja with `StrictUndefined`: a variable the caller forgets raises
`jinja2.UndefinedError` instead of rendering an empty hole. Each loaded prompt carries its
name, version and the sha256 of the file, to record with the decision or eval run.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from gridwise.errors import UserError, suggest

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"


@dataclass(frozen=True)
class Prompt:
    """A rendered prompt and what identifies its source file."""

    text: str
    role: str
    name: str
    version: int
    sha256: str
    path: Path

    def record(self) -> dict[str, str]:
        """`{"name", "version", "sha256"}` as stored with a decision."""
        return {"name": f"{self.role}/{self.name}", "version": f"v{self.version}",
                "sha256": self.sha256}


def load_prompt(role: str, name: str, version: int, prompts_dir: Path = PROMPTS_DIR,
                **variables: Any) -> Prompt:
    """Render `prompts/<role>/<name>.v<version>.md` (or `.jinja`) with `variables`.

    Raises:
        UserError: no such prompt file (the message lists the ones that exist).
        jinja2.UndefinedError: the template uses a variable that was not passed.
    """
    folder = prompts_dir / role
    candidates = [folder / f"{name}.v{version}.md", folder / f"{name}.v{version}.jinja"]
    path = next((p for p in candidates if p.is_file()), None)
    if path is None:
        known = sorted(p.name for p in folder.glob("*.v*.*")) if folder.is_dir() else []
        close = suggest(f"{name}.v{version}.md", known)
        raise UserError(f"no prompt {role}/{name} version {version} under {str(prompts_dir)!r}",
                        ("did you mean " + " or ".join(map(repr, close)) + "?") if close else
                        f"add {candidates[0]} (existing: {', '.join(known) or 'none'})")
    source = path.read_text(encoding="utf-8")
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                             autoescape=False)  # noqa: S701 (plain-text prompts, not HTML)
    text = env.from_string(source).render(**variables)
    return Prompt(text=text, role=role, name=name, version=version,
                  sha256=hashlib.sha256(source.encode("utf-8")).hexdigest(), path=path)
