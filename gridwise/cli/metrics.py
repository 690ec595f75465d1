"""`gridwise metrics serve`: Prometheus metrics read from the store at every scrape."""

from __future__ import annotations

from typing import Annotated

import typer

from gridwise.cli.common import DbOpt, err, settings_with, user_errors

app = typer.Typer(no_args_is_help=True, help="Prometheus metrics.")


@app.command("serve")
@user_errors
def metrics_serve(
    port: Annotated[int, typer.Option("--port", min=0, max=65535,
                                      help="TCP port (0: any free port, printed)")] = 9464,
    host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
    db: DbOpt = None,
) -> None:
    """Serve Prometheus metrics (decisions, orders, jobs, dispatcher, cost/CO2, GPUs)."""
    from tools.metrics import serve

    server, url = serve(settings_with(db_path=db).db_file, host, port)
    err.print(f"serving Prometheus metrics at {url}/metrics (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
