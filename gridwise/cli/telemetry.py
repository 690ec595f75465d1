"""`gridwise telemetry status|collect`: NVML GPU readings into `gpu_metrics`."""

from __future__ import annotations

from typing import Annotated

import typer

from gridwise.cli.common import CountOpt, DbOpt, err, out, settings_with, user_errors

app = typer.Typer(no_args_is_help=True, help="GPU telemetry (NVML).")


@app.command("status")
@user_errors
def telemetry_status() -> None:
    """Whether NVML (an NVIDIA driver) is available here."""
    from tools.telemetry import nvml_status

    out.print(nvml_status())


@app.command("collect")
@user_errors
def telemetry_collect(
    count: Annotated[int, typer.Option("--count", **CountOpt)] = 1,
    interval: Annotated[float, typer.Option("--interval", min=0.1, help="seconds")] = 1.0,
    node: Annotated[str | None, typer.Option("--node", help="node name (default: host)")] = None,
    db: DbOpt = None,
) -> None:
    """Sample every local GPU with NVML into `gpu_metrics`."""
    from gridwise.store import Store
    from tools.telemetry import collect

    errors: list[str] = []
    with Store.open(settings_with(db_path=db).db_file) as store:
        n = collect(store, count, interval, node, errors)
    err.print(f"stored {n} GPU readings")
    for e in errors:
        err.print(f"NVML error (reading left empty): {e}", highlight=False, markup=False)
