"""The cluster agent: one Beckn provider platform (BPP) per provider or on-prem fleet.

It reads its own inventory, sizes and quotes the job on its own offers (tools.quoting),
keeps its local Pareto front (the global front is a subset of the union of local ones,
so nothing the coordinator could choose is lost), places on-prem jobs on real nodes with a
placement policy (FGD when a target workload is known), and answers select / init /
confirm / status with firm quotes and orders it persists. Deterministic: no LLM here.

FGD's target workload is the fleet's pod history stored with the data (`data load`); with
none stored, fgd-online places (its prior: the pods this cluster placed before, recorded
at every confirmed order) and every on-prem quote says so in its notes. GPU holds are
time-windowed (gridwise.records.reservations): a quote is placed on the GPUs free over its
own window.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from gridwise.errors import UserError
from gridwise.models import CarbonBasis, Quote
from gridwise.records import catalog_items, reservations
from gridwise.records.orders import load_order_quote
from gridwise.store import Store
from tools.beckn import messages as m
from tools.beckn.context import (
    ITEM_NOT_FOUND,
    ORDER_NOT_FOUND,
    QUANTITY_UNAVAILABLE,
    QUOTE_UNAVAILABLE,
    BecknError,
    Bpp,
)
from tools.forecast.signals import SignalSource
from tools.offers import Offer, load_offers
from tools.placement import ClusterState, Pod, default_registry
from tools.placement.history import load_history, record_placements, stored_workload
from tools.placement.policy import PolicyContext
from tools.quoting import QuoteDraft, quote_job
from tools.ranking import pareto_front, violations
from tools.telemetry import latest_metrics

#: Items one catalog carries at most (its local Pareto front, cheapest first).
MAX_ITEMS = 40
#: Host resources an on-prem job asks per GPU when it is placed on a node.
CPU_MILLI_PER_GPU = 8000
MEMORY_MIB_PER_GPU = 32 * 1024


@dataclass
class ClusterAgent:
    """A provider platform answering Beckn requests for its own offers."""

    store: Store
    provider: str
    workload: Sequence[Pod] | None = None   # None: the pod history in the store
    max_items: int = MAX_ITEMS
    #: placement policy id; None: fgd with a target workload, else fgd-online
    policy: str | None = None
    carbon_basis: CarbonBasis = "lca"       # which Electricity Maps intensity CO2 uses
    signals: SignalSource | None = None     # None: the forecast made at the clock
    #: where what a search offered goes: (transaction id, provider, [(item id, quote)]);
    #: None: `catalog_items` in `store`. The graph quotes on a private read-only view and
    #: passes a collector: the items join its checkpointed state and are written with
    #: the decision, in one short use of the state store.
    remember: Callable[[str, str, list[tuple[str, Quote]]], None] | None = None

    def __post_init__(self) -> None:
        if self.workload is None and self.provider == "onprem":
            self.workload = stored_workload(self.store.conn)

    @property
    def bpp(self) -> Bpp:
        """The agent's Beckn address (in-process)."""
        return Bpp(bpp_id=self.provider, bpp_uri=f"inproc://{self.provider}")

    def handle(self, message: dict[str, Any]) -> dict[str, Any]:
        """Answer one validated request with its callback.

        Agents run in parallel (one graph branch each): every call works on its own
        DuckDB cursor, since one connection refuses concurrent use.
        """
        action = message["context"]["action"]
        clock = m.parse_time(message["context"]["timestamp"])
        own = ClusterAgent(Store(self.store.conn.cursor(), self.store.path,
                                 self.store.read_only), self.provider, self.workload,
                           self.max_items, self.policy, self.carbon_basis, self.signals,
                           self.remember)
        try:
            return getattr(own, f"on_{action}")(message, clock)
        finally:
            own.store.conn.close()

    # -- discovery ------------------------------------------------------------------
    def on_search(self, message: dict[str, Any], clock: datetime) -> dict[str, Any]:
        """Quote the job on this provider's offers and return the local Pareto front."""
        job = m.job_from_search(message)
        offers = load_offers(self.store.conn, self.provider)
        if not offers:
            raise BecknError(QUOTE_UNAVAILABLE, f"{self.provider} has no priced offers")
        try:
            book = quote_job(self.store, job, clock, offers=offers, signals=self.signals,
                             carbon_basis=self.carbon_basis)
        except UserError as exc:
            raise BecknError(QUOTE_UNAVAILABLE, exc.message, hint=exc.hint) from None
        if not book.quotes:
            top = sorted(book.skipped.items(), key=lambda kv: -kv[1])[:2]
            raise BecknError(QUOTE_UNAVAILABLE, "no offer here can run the job: "
                             + "; ".join(f"{why} ({n})" for why, n in top))
        keep = self._catalog(book.quotes, job.constraints)
        quotes: list[Quote] = []
        for c in keep:
            q = self._place(c) if c.offer.kind == "onprem" else c.to_quote()
            if q is not None:  # None: the fleet cannot hold it right now
                quotes.append(q)
        txn = message["context"]["transaction_id"]
        items = [(m.item_id_for(q), q) for q in quotes]
        if self.remember is not None:
            self.remember(txn, self.provider, items)
        else:
            catalog_items.remember_items(self.store, txn, self.provider, items)
        ctx = m.callback_context(message["context"], self.bpp, clock)
        return m.on_search_from_quotes(self.provider, quotes, ctx)

    def _catalog(self, cands: list[QuoteDraft], constraints: Any) -> list[QuoteDraft]:
        feasible = [c for c in cands if not violations(c, constraints)]
        if feasible:
            front = sorted((feasible[i] for i in pareto_front(feasible)),
                           key=lambda c: (c.cost_usd, c.finish))
            # the cheapest part of the front, and always its fastest and greenest ends
            ends = [min(front, key=lambda c: c.finish),
                    min(front, key=lambda c: (c.kg_co2e is None, c.kg_co2e or 0.0))]
            keep = front[: self.max_items]
            return keep + [c for c in ends if c not in keep]
        # Nothing feasible here: offer the option nearest to feasible per broken
        # constraint (by that constraint's own measure), so the coordinator can say what
        # to relax.
        measure: dict[str, Any] = {
            "deadline": lambda c: c.finish, "budget": lambda c: c.cost_usd,
            "co2": lambda c: (c.kg_co2e is None, c.kg_co2e or 0.0)}
        nearest: dict[str, QuoteDraft] = {}
        for c in cands:
            bad = violations(c, constraints)
            if len(bad) == 1:
                key = measure.get(bad[0], lambda c: (c.cost_usd, c.finish))
                best = nearest.get(bad[0])
                if best is None or key(c) < key(best):
                    nearest[bad[0]] = c
        return list(nearest.values())

    def _state(self, cluster: str, start: datetime, finish: datetime) -> ClusterState:
        """The cluster's GPUs as they are over [start, finish): held ones are in use."""
        rows = self.store.rows(
            "SELECT name, cpu_free_milli, memory_free_mib, gpu_count, gpu_model, gpu_free_milli "
            "FROM nodes WHERE cluster = ? ORDER BY name", [cluster])
        state = ClusterState.from_inventory(
            [r["name"] for r in rows], [r["cpu_free_milli"] for r in rows],
            [r["memory_free_mib"] for r in rows], [r["gpu_count"] for r in rows],
            [r["gpu_model"] or "" for r in rows])
        busy = reservations.busy_gpus(self.store, cluster, start, finish)
        for i, r in enumerate(rows):
            free = _free_in_window(r["gpu_free_milli"], busy.get(r["name"], set()))
            if any(f != 1000 for f in free):
                state.set_gpu_free(i, free)
        return state

    def placement(self, cluster: str, accelerator: str, count: int, per_node: int,
                  start: datetime, finish: datetime,
                  ) -> tuple[str, list[tuple[str, tuple[int, ...]]]] | None:
        """Nodes and GPUs for `count` whole GPUs over [start, finish), or None.

        Returns (policy name, [(node, gpus)]). Online policies get the cluster's
        placement history up to `start` as their prior.
        """
        state = self._state(cluster, start, finish)
        pods = math.ceil(count / per_node)
        pod = _job_pod(state, accelerator, count, per_node)
        name = self.policy or ("fgd" if self.workload else "fgd-online")
        registry = default_registry()
        history = None if registry.needs_workload(name) else load_history(self.store, cluster,
                                                                          start)
        policy = registry.create(name, PolicyContext(seed=0, workload=self.workload,
                                                     history=history))
        placed = []
        for k in range(pods):
            decision = policy.choose(state, pod)
            if decision is None:
                return None
            state.reserve(("job", k), decision.node, decision.gpus, pod)
            placed.append((state.names[decision.node], decision.gpus))
        return name, placed

    def _place(self, cand: QuoteDraft) -> Quote | None:
        """Place an on-prem quote on real nodes; None if the fleet cannot hold it now."""
        found = self.placement(cand.offer.cluster, cand.acc.name, cand.count,
                               int(cand.offer.gpus_per_instance), cand.start, cand.finish)
        if found is None:
            return None
        name, placed = found
        quote = cand.to_quote()
        why = "" if self.workload else (
            " (no target workload is stored for FGD: the workload is estimated from this "
            "cluster's placement history; load the fleet's pod history with `gridwise data "
            "load` for FGD)")
        quote.notes.append(f"placed by {name}{why} on "
                           + "; ".join(f"{node} GPUs {list(g)}" for node, g in placed))
        seen = latest_metrics(self.store.conn, [node for node, _ in placed])
        quote.notes.append(
            "telemetry: " + "; ".join(f"{n} {m['util_pct']:.0f}% util, {m['power_w']:.0f} W at "
                                      f"{m['ts']}" for n, m in sorted(seen.items()))
            if seen else "telemetry: no GPU metrics stored for these nodes")
        return quote

    def reserve(self, order_id: str, quote: Quote) -> list[tuple[str, tuple[int, ...]]]:
        """Hold the order's GPUs over its window, once per order id (idempotent)."""
        held = reservations.holds_of(self.store, order_id)
        if held:
            return held
        per_node = int(self.store.rows(
            "SELECT max(gpu_count) AS n FROM nodes WHERE cluster = ? AND accelerator = ?",
            [quote.cluster, quote.accelerator])[0]["n"] or 1)
        found = self.placement(quote.cluster, quote.accelerator, quote.count, per_node,
                               quote.start, quote.finish)
        if found is None or not reservations.hold(self.store, order_id, quote.start,
                                                  quote.finish, found[1]):
            raise BecknError(QUANTITY_UNAVAILABLE, f"{quote.cluster} no longer has "
                             f"{quote.count} free {quote.accelerator} GPUs from "
                             f"{quote.start:%Y-%m-%d %H:%M} to {quote.finish:%Y-%m-%d %H:%M}")
        # the placed pods join the cluster's history, the online policies' prior (a crash
        # just before this loses one history row, never a hold)
        pod = _job_pod(self._state(quote.cluster, quote.start, quote.finish),
                       quote.accelerator, quote.count, per_node)
        record_placements(self.store, quote.cluster, [pod] * len(found[1]), quote.start,
                          order_id)
        return found[1]

    # -- ordering -------------------------------------------------------------------
    def _offer(self, message: dict[str, Any]) -> Quote:
        item = message["message"]["order"]["items"][0]["id"]
        quote = catalog_items.offered_item(self.store, message["context"]["transaction_id"],
                                           item, self.provider)
        if quote is None:
            raise BecknError(ITEM_NOT_FOUND, f"{self.provider} offered no item {item!r} in "
                             "this transaction", ["$.message.order.items[0].id"])
        return quote

    def _energy_usd(self, quote: Quote) -> float | None:
        if quote.kind != "onprem":
            return None
        capex = self.store.rows("SELECT capex_usd_per_gpu_h AS c FROM clusters WHERE id = ?",
                                [quote.cluster])[0]["c"] or 0.0
        return max(0.0, quote.cost_usd - capex * quote.count * quote.runtime_h)

    def on_select(self, message: dict[str, Any], clock: datetime) -> dict[str, Any]:
        """A firm quote; on-prem capacity is checked again (it may have changed)."""
        quote = self._offer(message)
        if quote.kind == "onprem" and self._free_gpus(quote) < quote.count:
            raise BecknError(QUANTITY_UNAVAILABLE, f"{quote.cluster} no longer has "
                             f"{quote.count} free {quote.accelerator} GPUs")
        ctx = m.callback_context(message["context"], self.bpp, clock)
        return m.on_select_from_quote(quote, self.provider, ctx, self._energy_usd(quote))

    def on_init(self, message: dict[str, Any], clock: datetime) -> dict[str, Any]:
        """Payment and cancellation terms for the selected offer."""
        quote = self._offer(message)
        billing = message["message"]["order"]["billing"]
        ctx = m.callback_context(message["context"], self.bpp, clock)
        return m.on_init_from_quote(quote, self.provider, billing, ctx, self._energy_usd(quote))

    def on_confirm(self, message: dict[str, Any], clock: datetime) -> dict[str, Any]:
        """Create (or return the existing) order: idempotent on the transaction id."""
        quote = self._offer(message)
        order = message["message"]["order"]
        txn = message["context"]["transaction_id"]
        order_id = "o-" + hashlib.sha256(f"{txn}:{self.provider}".encode()).hexdigest()[:16]
        if quote.kind == "onprem":
            self.reserve(order_id, quote)
        ctx = m.callback_context(message["context"], self.bpp, clock)
        return m.on_confirm_from_quote(quote, self.provider, order["billing"],
                                       order["payments"], order_id, ctx,
                                       self._energy_usd(quote))

    def on_status(self, message: dict[str, Any], clock: datetime) -> dict[str, Any]:
        """Where a confirmed order stands: its engine's state, as the dispatcher recorded it."""
        from tools.dispatch.progress import engine_progress

        order_id = message["message"]["order_id"]
        quote = load_order_quote(self.store, order_id)
        if quote is None:
            raise BecknError(ORDER_NOT_FOUND, f"no order {order_id!r}",
                             ["$.message.order_id"])
        p = engine_progress(self.store, order_id)
        ctx = m.callback_context(message["context"], self.bpp, clock)
        return m.on_status_for(order_id, m.fulfillment_id_for(quote), p.state,  # type: ignore[arg-type]
                               ctx, energy_used_kwh=p.energy_used_kwh, updated_at=p.updated_at,
                               order_status=p.order_status)

    def _free_gpus(self, quote: Quote) -> int:
        """Whole GPUs of the quote's accelerator free over the quote's whole window."""
        rows = self.store.rows(
            "SELECT name, gpu_free_milli FROM nodes WHERE cluster = ? AND accelerator = ?",
            [quote.cluster, quote.accelerator])
        busy = reservations.busy_gpus(self.store, quote.cluster, quote.start, quote.finish)
        return sum(f == 1000 for r in rows
                   for f in _free_in_window(r["gpu_free_milli"], busy.get(r["name"], set())))


def _free_in_window(capacity: list[int], held: set[int]) -> list[int]:
    """A node's free milli-GPU per GPU over a window: its capacity, 0 where a hold covers it."""
    return [0 if g in held else f for g, f in enumerate(capacity)]


def _job_pod(state: ClusterState, accelerator: str, count: int, per_node: int) -> Pod:
    """The pod one node of a job runs: up to `per_node` whole GPUs of the accelerator."""
    gpus_per_pod = min(per_node, count)
    models = tuple(sorted({state.models[i] for i in set(state.model_id.tolist())}))
    return Pod(CPU_MILLI_PER_GPU * gpus_per_pod, MEMORY_MIB_PER_GPU * gpus_per_pod,
               gpus_per_pod, 1000, tuple(mo for mo in models if _model_is(mo, accelerator)))


def _model_is(inventory_model: str, accelerator: str) -> bool:
    """Whether an inventory GPU model (openb naming) is the canonical accelerator."""
    from gridwise.accelerators import alias_index
    from gridwise.names import spelling_key

    return alias_index().get(spelling_key(inventory_model)) == accelerator


def provider_ids(store: Store) -> list[str]:
    """Every provider with offers, in a stable order."""
    offers: list[Offer] = load_offers(store.conn)
    return sorted({o.provider for o in offers})
