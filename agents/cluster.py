"""The cluster agent: one Beckn provider platform (BPP) per provider or on-prem fleet.

It reads its own inventory, sizes and quotes the job on its own offers (tools.quoting),
keeps its local Pareto front (the global front is a subset of the union of local ones,
so nothing the coordinator could choose is lost), places on-prem jobs on real nodes with a
placement policy (FGD when a target workload is known, else fgd-online learning from the
cluster's placement history in the store), and answers select / init /
confirm / status with firm quotes and orders it persists. Deterministic: no LLM here.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from gridwise.errors import UserError
from gridwise.models import Quote
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
from tools.offers import Offer, load_offers
from tools.placement import ClusterState, Pod, default_registry
from tools.placement.history import load_history, record_placements
from tools.placement.policy import PolicyContext
from tools.quoting import Candidate, quote_job
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
    workload: Sequence[Pod] | None = None
    max_items: int = MAX_ITEMS
    #: placement policy id; None: fgd with a known workload, else fgd-online (store history)
    policy: str | None = None

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
                           self.max_items, self.policy)
        try:
            return getattr(own, f"on_{action}")(message, clock)  # type: ignore[no-any-return]
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
            book = quote_job(self.store, job, clock, offers=offers)
        except UserError as exc:
            raise BecknError(QUOTE_UNAVAILABLE, exc.message, hint=exc.hint) from None
        if not book.quotes:
            top = sorted(book.skipped.items(), key=lambda kv: -kv[1])[:2]
            raise BecknError(QUOTE_UNAVAILABLE, "no offer here can run the job: "
                             + "; ".join(f"{why} ({n})" for why, n in top))
        keep = self._catalog(book.quotes, job.constraints)
        quotes: list[Quote] = []
        for c in keep:
            q = self._place(c, clock) if c.offer.kind == "onprem" else c.to_quote()
            if q is not None:  # None: the fleet cannot hold it right now
                quotes.append(q)
        txn = message["context"]["transaction_id"]
        with self.store.transaction() as con:  # remembered per transaction, for select
            for q in quotes:
                con.execute("INSERT INTO catalog_items VALUES (?, ?, ?, ?) ON CONFLICT DO "
                            "NOTHING", [txn, m.item_id_for(q), self.provider,
                                        q.model_dump_json()])
        ctx = m.callback_context(message["context"], self.bpp, clock)
        return m.on_search_from_quotes(self.provider, quotes, ctx)

    def _catalog(self, cands: list[Candidate], constraints: Any) -> list[Candidate]:
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
        nearest: dict[str, Candidate] = {}
        for c in cands:
            bad = violations(c, constraints)
            if len(bad) == 1:
                key = measure.get(bad[0], lambda c: (c.cost_usd, c.finish))
                best = nearest.get(bad[0])
                if best is None or key(c) < key(best):
                    nearest[bad[0]] = c
        return list(nearest.values())

    def _state(self, cluster: str) -> tuple[ClusterState, list[dict[str, Any]]]:
        rows = self.store.rows(
            "SELECT name, cpu_free_milli, memory_free_mib, gpu_count, gpu_model, gpu_free_milli "
            "FROM nodes WHERE cluster = ? ORDER BY name", [cluster])
        state = ClusterState.from_inventory(
            [r["name"] for r in rows], [r["cpu_free_milli"] for r in rows],
            [r["memory_free_mib"] for r in rows], [r["gpu_count"] for r in rows],
            [r["gpu_model"] or "" for r in rows])
        for i, r in enumerate(rows):  # GPUs already in use (orders) stay in use
            free = r["gpu_free_milli"]
            if any(f != 1000 for f in free):
                state.set_gpu_free(i, free)
        return state, rows

    def placement(self, cluster: str, accelerator: str, count: int, per_node: int,
                  at: datetime | None = None,
                  ) -> tuple[str, list[tuple[str, tuple[int, ...]]]] | None:
        """Nodes and GPUs for `count` whole GPUs (policy name, [(node, gpus)]), or None.

        Online policies get the cluster's placement history up to `at` as their prior.
        """
        state, _ = self._state(cluster)
        pods = math.ceil(count / per_node)
        pod = self._job_pod(state, accelerator, count, per_node)
        name = self.policy or ("fgd" if self.workload else "fgd-online")
        registry = default_registry()
        history = (load_history(self.store, cluster, at) if at is not None
                   and not registry.needs_workload(name) else None)
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

    @staticmethod
    def _job_pod(state: ClusterState, accelerator: str, count: int, per_node: int) -> Pod:
        """The pod one node of the job runs: up to `per_node` whole GPUs of the model."""
        gpus_per_pod = min(per_node, count)
        models = tuple(sorted({state.models[i] for i in set(state.model_id.tolist())}))
        return Pod(CPU_MILLI_PER_GPU * gpus_per_pod, MEMORY_MIB_PER_GPU * gpus_per_pod,
                   gpus_per_pod, 1000, tuple(mo for mo in models if _model_is(mo, accelerator)))

    def _place(self, cand: Candidate, clock: datetime) -> Quote | None:
        """Place an on-prem quote on real nodes; None if the fleet cannot hold it now."""
        found = self.placement(cand.offer.cluster, cand.acc.name, cand.count,
                               int(cand.offer.gpus_per_instance), clock)
        if found is None:
            return None
        name, placed = found
        quote = cand.to_quote()
        why = ("" if default_registry().needs_workload(name)
               else " (target workload estimated from this cluster's placement history)")
        quote.notes.append(f"placed by {name}{why} on "
                           + "; ".join(f"{node} GPUs {list(g)}" for node, g in placed))
        seen = latest_metrics(self.store.conn, [node for node, _ in placed])
        quote.notes.append(
            "telemetry: " + "; ".join(f"{n} {m['util_pct']:.0f}% util, {m['power_w']:.0f} W at "
                                      f"{m['ts']}" for n, m in sorted(seen.items()))
            if seen else "telemetry: no GPU metrics stored for these nodes")
        return quote

    def reserve(self, order_id: str, quote: Quote, at: datetime | None = None,
                ) -> list[tuple[str, tuple[int, ...]]]:
        """Hold the order's GPUs in the inventory, once per order id (idempotent).

        The placed pods join the cluster's placement history (at `at`, else the quote's
        start), the prior of the online placement policies.
        """
        held = self.store.rows("SELECT node, gpus FROM reservations WHERE order_id = ?",
                               [order_id])
        if held:
            return [(r["node"], tuple(r["gpus"])) for r in held]
        per_node = int(self.store.rows(
            "SELECT max(gpu_count) AS n FROM nodes WHERE cluster = ? AND accelerator = ?",
            [quote.cluster, quote.accelerator])[0]["n"] or 1)
        when = at or quote.start
        found = self.placement(quote.cluster, quote.accelerator, quote.count, per_node, when)
        if found is None:
            raise BecknError(QUANTITY_UNAVAILABLE, f"{quote.cluster} no longer has "
                             f"{quote.count} free {quote.accelerator} GPUs")
        pod = self._job_pod(self._state(quote.cluster)[0], quote.accelerator, quote.count,
                            per_node)
        with self.store.transaction() as con:
            record_placements(con, quote.cluster, [pod] * len(found[1]), when, order_id)
            for node, gpus in found[1]:
                con.execute("INSERT INTO reservations VALUES (?, ?, ?)",
                            [order_id, node, list(gpus)])
                con.execute(
                    "UPDATE nodes SET gpu_free_milli = list_transform(gpu_free_milli, "
                    "lambda f, i: CASE WHEN list_contains(?, i - 1) THEN 0 ELSE f END) "
                    "WHERE name = ?", [list(gpus), node])
        return found[1]

    # -- ordering -------------------------------------------------------------------
    def _offer(self, message: dict[str, Any]) -> Quote:
        item = message["message"]["order"]["items"][0]["id"]
        rows = self.store.rows(
            "SELECT record FROM catalog_items WHERE transaction_id = ? AND item_id = ? "
            "AND provider = ?", [message["context"]["transaction_id"], item, self.provider])
        if not rows:
            raise BecknError(ITEM_NOT_FOUND, f"{self.provider} offered no item {item!r} in "
                             "this transaction", ["$.message.order.items[0].id"])
        return Quote.model_validate_json(rows[0]["record"])

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
            self.reserve(order_id, quote, clock)
        ctx = m.callback_context(message["context"], self.bpp, clock)
        return m.on_confirm_from_quote(quote, self.provider, order["billing"],
                                       order["payments"], order_id, ctx,
                                       self._energy_usd(quote))

    def on_status(self, message: dict[str, Any], clock: datetime) -> dict[str, Any]:
        """Where a confirmed order stands at `clock`."""
        order_id = message["message"]["order_id"]
        row = self.store.rows("SELECT record FROM orders WHERE id = ?", [order_id])
        if not row:
            raise BecknError(ORDER_NOT_FOUND, f"no order {order_id!r}",
                             ["$.message.order_id"])
        quote = Quote.model_validate_json(row[0]["record"])
        state = ("SCHEDULED" if clock < quote.start else
                 "RUNNING" if clock < quote.finish else "COMPLETED")
        ctx = m.callback_context(message["context"], self.bpp, clock)
        return m.on_status_for(order_id, m.fulfillment_id_for(quote), state, ctx)  # type: ignore[arg-type]

    def _free_gpus(self, quote: Quote) -> int:
        rows = self.store.rows(
            "SELECT sum(len(list_filter(gpu_free_milli, lambda x: x = 1000))) AS n FROM nodes "
            "WHERE cluster = ? AND accelerator = ?", [quote.cluster, quote.accelerator])
        return int(rows[0]["n"] or 0)


def _model_is(inventory_model: str, accelerator: str) -> bool:
    """Whether an inventory GPU model (openb naming) is the canonical accelerator."""
    from gridwise.accelerators import alias_index
    from gridwise.names import spelling_key

    return alias_index().get(spelling_key(inventory_model)) == accelerator


def provider_ids(store: Store) -> list[str]:
    """Every provider with offers, in a stable order."""
    offers: list[Offer] = load_offers(store.conn)
    return sorted({o.provider for o in offers})
