"""What every command group shares: consoles, the common options, errors at the edge.

Options a person meets in several commands (`--json`, `--db`, `--at`, `--llm`) are
declared once here, so their names, help and environment variables cannot drift apart.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import typer
from rich.console import Console

from gridwise.edge import MAX_INT_OPTION, as_user_error, print_error
from gridwise.errors import UserError
from gridwise.settings import Settings, load_settings

err = Console(stderr=True, soft_wrap=True)
# Piped output (logs, CI) would otherwise be cut to 80 columns and squeeze the tables.
out = Console(width=None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 132)

DbOpt = Annotated[Path | None, typer.Option(
    "--db", envvar="GRIDWISE_DB_PATH", help="DuckDB file (default .gridwise/gridwise.duckdb)")]
JsonOpt = Annotated[bool, typer.Option("--json", help="machine-readable output on stdout")]
AtOpt = Annotated[str | None, typer.Option(
    "--at", help="the clock, ISO-8601 (UTC if no offset), e.g. 2023-06-14T09:00Z")]
CarbonBasisOpt = Annotated[Literal["lca", "direct"] | None, typer.Option(
    "--carbon-basis", envvar="GRIDWISE_CARBON_BASIS",
    help="CO2 from Electricity Maps life-cycle (lca, default) or direct combustion-only "
    "intensity (direct); both average, location-based")]
LlmOpt = Annotated[str | None, typer.Option(
    "--llm", envvar="GRIDWISE_LLM", help="embedded (default), endpoint or none")]

#: A count-like option: at least 1, at most `MAX_INT_OPTION` (huge values are refused).
CountOpt = {"min": 1, "max": MAX_INT_OPTION}

F = TypeVar("F", bound=Callable[..., Any])


def settings_with(**overrides: Any) -> Settings:
    """Settings with explicit (non-None) CLI values on top of env and defaults.

    Raises:
        UserError: a value (flag or `GRIDWISE_*`) is invalid, e.g. `--llm bogus`.
    """
    return load_settings(**overrides)


def print_json(payload: Any) -> None:
    """One JSON document on stdout (datetimes and paths as text)."""
    print(json.dumps(payload, default=str))


def report_user_error(exc: UserError) -> None:
    """Print a `UserError` as one message and its `To fix:` line (never as markup)."""
    print_error(err, exc)


def user_errors(command: F) -> F:
    """Turn a `UserError` raised by a command into a clean message and exit code 2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (UserError, OSError, RecursionError) as exc:
            user = as_user_error(exc)  # a bad path or input nesting: the person can fix it
            if user is None:
                raise
            report_user_error(user)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]
