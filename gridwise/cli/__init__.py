"""The `gridwise` command line (typer): one module per command group.

The shell sits on top of everything: `gridwise.cli -> graphs -> agents -> tools -> gridwise
core`. Options shared by several commands and the handling of errors a person can fix are
defined once, in `gridwise.cli.common`.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from gridwise import __version__
from gridwise.cli import data, decisions, eval, jobs, metrics, provider, telemetry
from gridwise.cli.ask import ask
from gridwise.cli.common import out, report_user_error
from gridwise.cli.console import console
from gridwise.cli.quote import quote
from gridwise.edge import as_user_error, check_argv
from gridwise.errors import UserError

app = typer.Typer(no_args_is_help=True, add_completion=False,
                  help="gridwise: where and when ML jobs run, and why.")
app.add_typer(data.app, name="data")
app.add_typer(eval.app, name="eval")
app.add_typer(decisions.app, name="decisions")
app.add_typer(telemetry.app, name="telemetry")
app.add_typer(provider.app, name="provider")
app.add_typer(jobs.app, name="jobs")
app.add_typer(metrics.app, name="metrics")
app.command("dispatch")(jobs.dispatch)
app.command("quote")(quote)
app.command("ask")(ask)
app.command("report")(decisions.report)
app.command("console")(console)


def _version(value: bool) -> None:
    if value:
        out.print(f"gridwise {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="print the version and exit")] = False,
) -> None:
    """Gridwise decides where and when ML/AI jobs run, trading off cost, time and CO2."""


def run(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning `UserError` into a clean message and exit code 2.

    Typer already suggests close command names for typos (difflib).
    """
    try:
        check_argv(sys.argv[1:] if argv is None else argv)
        app(args=argv, prog_name="gridwise")
    except (UserError, OSError, RecursionError) as exc:
        user = as_user_error(exc)
        if user is None:
            raise
        report_user_error(user)
        sys.exit(2)
