"""`gridwise provider`: serve one cluster agent as a Beckn HTTP provider, print keys."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from gridwise.cli.common import DbOpt, err, settings_with, user_errors

app = typer.Typer(no_args_is_help=True, help="Serve a cluster agent over Beckn HTTP.")


@app.command("serve")
@user_errors
def provider_serve(
    name: Annotated[str, typer.Argument(help="the provider whose cluster agent to serve")],
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="0: any free port")],
    host: Annotated[str, typer.Option("--host", help="address to listen on")] = "127.0.0.1",
    db: DbOpt = None,
) -> None:
    """Run one cluster agent as a Beckn provider (BPP) until Ctrl-C."""
    from agents.provider_server import provider_server, public_key
    from gridwise.store import Store

    s = settings_with(db_path=db)
    with Store.open(s.db_file) as store:
        server = provider_server(store, s, name, host, port)
        err.print(Text(f"serving {name} at {server.url} (public key {public_key(s, name)}); "
                       "register it in the coordinator's GRIDWISE_REMOTE_PROVIDERS"))
        server.serve_forever()


@app.command("key")
@user_errors
def provider_key(
    subscriber: Annotated[str | None, typer.Argument(
        help="subscriber id (default: this coordinator's GRIDWISE_BECKN_ID)")] = None,
) -> None:
    """Print this node's base64 Ed25519 public key for a subscriber id (made if absent)."""
    from agents.provider_server import public_key

    s = settings_with()
    print(public_key(s, subscriber or s.beckn_id))
