"""The jobs view (sort, filter, cancel with confirmation) and the savings view (CSV export)."""

from __future__ import annotations

import asyncio
from typing import Any

import chainlit as cl

from gridwise.console import views
from gridwise.console.state import console
from gridwise.errors import UserError
from gridwise.store import Store

SORTS = ("created_at", "start", "cost_usd", "kg_co2e")


def _open() -> Store:
    return Store.open(console().settings.db_file, migrate=False)


def jobs_markdown(rows: list[dict[str, Any]]) -> str:
    """The orders and their jobs as a Markdown table."""
    if not rows:
        return "No orders match."
    lines = ["| order | who | where | hardware | start (UTC) | cost | CO2e | order | job "
             "| engine |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        co2 = "n/a" if r["kg_co2e"] is None or r["kg_co2e"] < 0 else f"{r['kg_co2e']:,.2f} kg"
        lines.append(f"| `{r['order_id']}` | {r['user_id'] or '-'} | {r['provider']} "
                     f"{r['region']} | {r['count']}× {r['accelerator']} | "
                     f"{r['start']:%Y-%m-%d %H:%M} | ${r['cost_usd']:,.2f} | {co2} | "
                     f"{r['order_status']} | {r['job_status'] or '-'} | "
                     f"{r['engine_state'] or 'not dispatched'} |")
    return "\n".join(lines)


async def show_jobs(sort: str = "created_at", status: str | None = None,
                    mine: bool = False) -> None:
    """List orders with sort / filter buttons and a cancel button per live order."""
    login = getattr(cl.user_session.get("user"), "identifier", None)

    def read() -> list[dict[str, Any]]:
        with _open() as store:
            return views.jobs(store, user=login if mine else None, status=status, sort=sort)
    rows = await asyncio.to_thread(read)
    actions = [cl.Action(name="jobs", label=f"sort: {s}", payload={"sort": s, "status": status,
                                                                   "mine": mine})
               for s in SORTS if s != sort]
    actions += [cl.Action(name="jobs", label=label, payload={"sort": sort, "status": st,
                                                            "mine": m})
                for label, st, m in (("only deferred", "DEFERRED", mine),
                                     ("only scheduled", "SCHEDULED", mine),
                                     ("all", None, False), ("mine", status, True))]
    actions += [cl.Action(name="cancel_order", label=f"cancel {r['order_id']}",
                          payload={"order": r["order_id"]})
                for r in rows if r["order_status"] in views.CANCELLABLE][:10]
    title = f"**Jobs** (sorted by {sort}" + (f", status {status}" if status else "") + \
        (", mine" if mine else "") + ")"
    await cl.Message(content=f"{title}\n\n{jobs_markdown(rows)}", author="gridwise",
                     actions=actions).send()


async def on_jobs(action: cl.Action) -> None:
    """A sort / filter button of the jobs view."""
    p = action.payload
    await show_jobs(p.get("sort") or "created_at", p.get("status"), bool(p.get("mine")))


async def on_cancel_order(action: cl.Action) -> None:
    """Cancel an order after an explicit confirmation."""
    order_id = action.payload["order"]
    login = getattr(cl.user_session.get("user"), "identifier", "an operator")
    ask = cl.AskActionMessage(content=f"Cancel order `{order_id}`? Its GPUs are released.",
                              actions=[cl.Action(name="yes", label="Yes, cancel it",
                                                 payload={"ok": True}),
                                       cl.Action(name="no", label="No", payload={"ok": False})],
                              timeout=120, author="gridwise")
    answer = await ask.send()
    if not answer or not answer.get("payload", {}).get("ok"):
        await cl.Message(content=f"Order `{order_id}` kept.", author="gridwise").send()
        return

    def cancel() -> dict[str, Any]:
        with _open() as store:
            return views.cancel_order(store, order_id, f"{login} (console)")
    try:
        await asyncio.to_thread(cancel)
    except UserError as exc:
        await cl.Message(content=f"**{exc.message}**\n\nTo fix: {exc.hint}",
                         author="gridwise").send()
        return
    await cl.Message(content=f"Order `{order_id}` cancelled: its job and GPU hold ended "
                             "(the in-process providers take no Beckn cancel).",
                     author="gridwise").send()


async def show_savings(by: str = "user") -> None:
    """Savings per user or team against running at once, with the basis and a CSV."""
    region = console().settings.default_region

    def read() -> tuple[list[views.Saving], str]:
        with _open() as store:
            return views.savings(store, region), views.carbon_basis(store)
    rows, basis = await asyncio.to_thread(read)
    groups = views.totals(rows, by)
    lines = [f"| {by} | orders | $ saved | kg CO2e saved | without baseline |",
             "|---|---|---|---|---|"]
    lines += [f"| {g[by]} | {g['orders']} | {g['usd_saved']:,.2f} | {g['kg_co2e_saved']:,.3f} "
              f"| {g['without_baseline']} |" for g in groups]
    baseline = f"running at once in {region}" if region else \
        "running at once on the chosen cluster (set GRIDWISE_DEFAULT_REGION for a fixed region)"
    csv = cl.File(name="savings.csv", content=views.savings_csv(rows, basis).encode(),
                  mime="text/csv", display="inline")
    other = "team" if by == "user" else "user"
    await cl.Message(content=f"**Savings per {by}** against {baseline}.\n\n" + "\n".join(lines)
                     + f"\n\nCarbon basis: {basis}.", author="gridwise", elements=[csv],
                     actions=[cl.Action(name="savings", label=f"per {other}",
                                        payload={"by": other})]).send()


async def on_savings(action: cl.Action) -> None:
    """Switch the savings view between users and teams."""
    await show_savings(action.payload.get("by", "user"))
