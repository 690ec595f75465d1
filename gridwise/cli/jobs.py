"""`gridwise dispatch` and `gridwise jobs list|show|cancel|energy`: orders on their engine."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.table import Table

from gridwise.cli.common import DbOpt, JsonOpt, err, out, print_json, settings_with, user_errors
from gridwise.errors import UserError, suggest
from gridwise.records import jobs as jr
from gridwise.store import Store

app = typer.Typer(no_args_is_help=True, help="Dispatched jobs: Slurm runs, launch specs.")
OrderArg = Annotated[str, typer.Argument(help="an order id (see `gridwise jobs list`)")]


@user_errors
def dispatch(
    once: Annotated[bool, typer.Option("--once", help="one reconcile pass, then exit")] = False,
    interval: Annotated[float | None, typer.Option(
        "--interval", min=0.1, help="seconds between passes (GRIDWISE_DISPATCH_INTERVAL_S)")
    ] = None,
    max_ticks: Annotated[int | None, typer.Option("--max-passes", min=1)] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Submit confirmed on-prem orders to Slurm, follow them, write cloud launch specs.

    A deferred job waiting in Slurm is re-checked once per hour of its decision clock on the
    newest forecast, and its start kept, moved or released (GRIDWISE_DISPATCH_REDECIDE=false
    turns this off); `--json` counts `rechecked`, `moved` and `released`.
    """
    from tools.dispatch.service import run

    def show(done: dict[str, int]) -> None:
        if not json_out and any(done.values()):
            err.print(", ".join(f"{k} {v}" for k, v in done.items() if v))

    result = run(settings_with(db_path=db), once=once, interval_s=interval,
                 max_ticks=max_ticks, on_tick=show)
    if json_out:
        print_json(result)
    else:
        err.print(f"dispatcher {result['run_id']}: {result['ticks']} pass(es)")


def _open(db: Any) -> Store:
    s = settings_with(db_path=db)
    return Store.open(s.db_file, read_only=True, wait_s=s.db_wait_s)


def _job_rows(db: Any, state: str | None) -> list[dict[str, Any]]:
    with _open(db) as store:
        return store.rows(
            "SELECT o.id AS order_id, o.decision_id, j.status, "
            "json_extract_string(o.record, '$.cluster') AS cluster, "
            "json_extract_string(o.record, '$.accelerator') AS accelerator, "
            "CAST(json_extract(o.record, '$.count') AS INTEGER) AS count, "
            "a.attempt, a.engine_job_id, a.reason, a.started_at, a.ended_at "
            "FROM orders o LEFT JOIN jobs j ON j.id = o.id "
            "LEFT JOIN (SELECT * FROM job_attempts QUALIFY row_number() OVER "
            "  (PARTITION BY order_id ORDER BY attempt DESC) = 1) a ON a.order_id = o.id "
            "WHERE ? IS NULL OR j.status = ? ORDER BY o.created_at DESC, o.id",
            [state, state])


@app.command("list")
@user_errors
def jobs_list(
    state: Annotated[str | None, typer.Option("--state", help="only jobs in this state")] = None,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Every ordered job: its state, engine job id and current attempt."""
    rows = _job_rows(db, state.upper() if state else None)
    if json_out:
        print_json({"jobs": rows})
        return
    table = Table(title="jobs")
    for col in ("order", "state", "cluster", "GPUs", "attempt", "engine job", "reason"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["order_id"], r["status"] or "ORDERED", r["cluster"],
                      f"{r['count']} x {r['accelerator']}", str(r["attempt"] or "-"),
                      r["engine_job_id"] or "-", (r["reason"] or "")[:60])
    out.print(table)


def known_order(store: Any, order_id: str) -> str:
    """The order id if it exists; else a `UserError` suggesting close ids."""
    ids = [r["id"] for r in store.rows("SELECT id FROM orders")]
    if order_id in ids:
        return order_id
    close = suggest(order_id, ids)
    raise UserError(f"no order {order_id!r}",
                    ("did you mean " + " or ".join(map(repr, close)) + "?") if close
                    else "list them with `gridwise jobs list`")


def job_detail(store: Any, order_id: str) -> dict[str, Any]:
    """Everything stored about one order's job (attempts, events, re-checks, launch spec)."""
    from tools.dispatch.recheck import recheck_summary
    from tools.dispatch.segments import segment_summary

    row = store.rows("SELECT o.id, o.decision_id, o.status AS order_status, o.record, "
                     "j.status FROM orders o LEFT JOIN jobs j ON j.id = o.id WHERE o.id = ?",
                     [known_order(store, order_id)])
    r = row[0]
    quote = json.loads(r["record"])
    spec = store.rows("SELECT kind, spec, validated FROM launch_specs WHERE order_id = ?",
                      [order_id])
    return {"order_id": r["id"], "decision_id": r["decision_id"],
            "beckn": _beckn_status(store, r["id"], quote["provider"]),
            "order_status": r["order_status"], "status": r["status"] or "ORDERED",
            "cluster": quote["cluster"], "accelerator": quote["accelerator"],
            "count": quote["count"], "predicted_kwh": quote.get("energy_kwh"),
            "attempts": jr.attempts(store, order_id), "events": jr.events(store, order_id),
            "rechecks": (checks := jr.rechecks(store, order_id)),
            "redecided": recheck_summary(checks),
            "plan": segment_summary(store, order_id, r["status"] or "ORDERED"),
            "launch_spec": spec[0] if spec else None}


def _beckn_status(store: Any, order_id: str, provider: str) -> dict[str, Any]:
    """The order's state as its provider answers a Beckn status (polled in-process)."""
    from agents.cluster import ClusterAgent
    from agents.coordinator import Coordinator
    from tools.beckn.context import Transaction
    from tools.beckn.transport import InProcessTransport

    transport = InProcessTransport({provider: ClusterAgent(store, provider).handle})
    coord = Coordinator(store, transport, Transaction(bap_id="gridwise-cli",
                                                      bap_uri="inproc://gridwise-cli"))
    return coord.status(order_id, provider, jr.utcnow()).model_dump()


@app.command("show")
@user_errors
def jobs_show(order_id: OrderArg, db: DbOpt = None, json_out: JsonOpt = False) -> None:
    """One job: every attempt and state change, its launch spec, predicted vs measured kWh."""
    with _open(db) as store:
        d = job_detail(store, order_id)
    if json_out:
        print_json(d)
        return
    out.print(f"[bold]{d['order_id']}[/] {d['status']}: {d['count']} x {d['accelerator']} on "
              f"{d['cluster']} (decision {d['decision_id']}); Beckn status "
              f"{d['beckn']['state']}")
    for a in d["attempts"]:
        kwh = f"{a['measured_kwh']:.3f} kWh measured" if a["measured_kwh"] is not None else \
            "energy not measured (no NVML readings over the run)"
        out.print(f"  attempt {a['attempt']}: {a['state']} Slurm job {a['engine_job_id'] or '-'}"
                  f" started {a['started_at'] or '-'} ended {a['ended_at'] or '-'}; {kwh}"
                  + (f"; {a['reason']}" if a["reason"] else ""))
    if d["predicted_kwh"] is not None:
        out.print(f"  predicted energy: {d['predicted_kwh']:.3f} kWh (quote)")
    if d["redecided"]:
        r = d["redecided"]
        out.print(f"  start {'re-decided' if r['redecided'] else 'kept'} after "
                  f"{r['rechecks']} hourly re-check(s) on the newest forecast: now "
                  f"{r['start']:%Y-%m-%d %H:%M} (decision clock); {r['why']}", markup=False)
    if d["plan"]:
        out.print(f"  interruptible plan of {d['plan']['segments']} segments: "
                  f"{d['plan']['now']}", markup=False)
    for e in d["events"]:
        out.print(f"    {e['ts']:%Y-%m-%d %H:%M:%S} #{e['attempt']} {e['state']}"
                  + (f" ({e['detail']})" if e["detail"] else ""))
    if d["launch_spec"]:
        out.print(f"  launch spec ({d['launch_spec']['kind']}, {d['launch_spec']['validated']}):")
        out.print(d["launch_spec"]["spec"], markup=False, highlight=False)


@app.command("cancel")
@user_errors
def jobs_cancel(order_id: OrderArg, db: DbOpt = None, json_out: JsonOpt = False) -> None:
    """Cancel an order's job in Slurm and end its GPU hold."""
    from tools.dispatch.dispatcher import cancel
    from tools.dispatch.service import slurm_from

    s = settings_with(db_path=db)
    with Store.open(s.db_file, wait_s=s.db_wait_s) as store:
        done = cancel(store, slurm_from(s), known_order(store, order_id))
    if json_out:
        print_json({"order_id": order_id, "status": "CANCELLED", "detail": done})
    else:
        err.print(done)


@app.command("energy")
@user_errors
def jobs_energy(db: DbOpt = None, json_out: JsonOpt = False) -> None:
    """Predicted (quote) vs measured (NVML counter) energy per finished job."""
    from tools.energy import energy_report

    with _open(db) as store:
        rep = energy_report(store)
    if json_out:
        print_json(rep)
        return
    table = Table(title="energy: predicted vs measured")
    for col in ("order", "predicted kWh", "measured kWh", "error"):
        table.add_column(col)
    for j in rep["jobs"]:
        table.add_row(j["order_id"], _num(j["predicted_kwh"]), _num(j["measured_kwh"]),
                      f"{j['error']:+.1%}" if j["error"] is not None else "-")
    out.print(table)
    if rep["note"]:
        err.print(rep["note"])
    else:
        err.print(f"mean absolute error {rep['mean_abs_error']:.1%} over {rep['measured']} job(s)")


def _num(v: float | None) -> str:
    return "-" if v is None else f"{v:.3f}"
