"""`gridwise console`: serve the operator console (the logic is in gridwise.console.launch)."""

from __future__ import annotations

from typing import Annotated

import typer

from gridwise.cli.common import AtOpt, DbOpt, settings_with, user_errors


@user_errors
def console(
    port: Annotated[int, typer.Option("--port", help="port (0: a free one)")] = 8000,
    host: Annotated[str, typer.Option("--host", help="interface (loopback by default)")] =
        "127.0.0.1",
    at: AtOpt = None,
    hash_password: Annotated[bool, typer.Option(
        "--hash-password", help="print a hash of a password for GRIDWISE_CONSOLE_USERS")] = False,
    db: DbOpt = None,
) -> None:
    """Serve the operator console (Chainlit, the `console` extra) until Ctrl-C."""
    if hash_password:
        from gridwise.console.auth import hash_password as make_hash

        print(make_hash(typer.prompt("password", hide_input=True)))
        return
    from gridwise.console.launch import run_console

    raise typer.Exit(run_console(settings_with(db_path=db), host, port, at))
