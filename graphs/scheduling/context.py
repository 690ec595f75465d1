"""Run-time dependencies of the graph (never in state): store, LLM seam, agents, transport."""

from __future__ import annotations

from dataclasses import dataclass

from agents.cluster import ClusterAgent, provider_ids
from gridwise.llm import LLMSeam
from gridwise.settings import Settings
from gridwise.store import Store
from tools.beckn.transport import InProcessTransport
from tools.forecast.signals import SignalSource

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
    auto_choice: str | None = None   # answer `present` without asking (a pathway or cancel)


def build_deps(store: Store, settings: Settings, llm: LLMSeam | None,
               auto_confirm: bool = False, auto_choice: str | None = None,
               signals: SignalSource | None = None) -> Deps:
    """One cluster agent per provider, reachable through an in-process Beckn transport.

    `auto_confirm` confirms the recommended pathway; `auto_choice` names another (or
    "cancel"); with neither, `present` interrupts and waits for the operator. `signals`:
    what the agents decide windows on (default: the forecast made at the clock).
    """
    providers = provider_ids(store)
    agents = {p: ClusterAgent(store, p, carbon_basis=settings.carbon_basis, signals=signals)
              for p in providers}
    transport = InProcessTransport({p: a.handle for p, a in agents.items()})
    choice = auto_choice or ("recommended" if auto_confirm else None)
    return Deps(store, settings, llm, transport, providers, choice)
