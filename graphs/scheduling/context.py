"""Run-time dependencies of the graph (never in state): store, LLM seam, agents, transport."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from agents.cluster import ClusterAgent, provider_ids
from gridwise.llm import LLMSeam
from gridwise.settings import Settings
from gridwise.store import Store
from tools.beckn.transport import InProcessTransport
from tools.placement import Pod

BAP_ID = "gridwise-coordinator"
BAP_URI = "inproc://gridwise-coordinator"


@dataclass
class Deps:
    """What nodes use, injected through `Runtime[Deps]`."""

    store: Store
    settings: Settings
    llm: LLMSeam | None
    transport: InProcessTransport
    providers: list[str]
    auto_confirm: bool = False


def build_deps(store: Store, settings: Settings, llm: LLMSeam | None,
               workload: Sequence[Pod] | None = None, auto_confirm: bool = False) -> Deps:
    """One cluster agent per provider, reachable through an in-process Beckn transport."""
    providers = provider_ids(store)
    agents = {p: ClusterAgent(store, p, workload if p == "onprem" else None) for p in providers}
    transport = InProcessTransport({p: a.handle for p, a in agents.items()})
    return Deps(store, settings, llm, transport, providers, auto_confirm)
