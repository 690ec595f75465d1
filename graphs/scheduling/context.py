"""Run-time dependencies of the graph (never in state): store, LLM seam, agents, transport."""

from __future__ import annotations

from dataclasses import dataclass

from agents.cluster import ClusterAgent, provider_ids
from gridwise.llm import LLMSeam
from gridwise.settings import Settings
from gridwise.store import Store
from tools.beckn.routing import RoutedTransport, open_remote
from tools.beckn.transport import InProcessTransport

BAP_ID = "gridwise-coordinator"
BAP_URI = "inproc://gridwise-coordinator"


@dataclass
class Deps:
    """What nodes use, injected through `Runtime[Deps]`."""

    store: Store
    settings: Settings
    llm: LLMSeam | None
    transport: RoutedTransport
    providers: list[str]
    auto_choice: str | None = None   # answer `present` without asking (a pathway or cancel)

    def close(self) -> None:
        """Release what the run opened (the Beckn callback server, if any)."""
        self.transport.close()


def build_deps(store: Store, settings: Settings, llm: LLMSeam | None,
               auto_confirm: bool = False, auto_choice: str | None = None) -> Deps:
    """One cluster agent per provider: in-process, or over Beckn HTTP where settings list it.

    Providers in `settings.remote_providers` are reached over HTTP (a callback server is
    started; `Deps.close` stops it); every other provider with offers runs in-process.

    `auto_confirm` confirms the recommended pathway; `auto_choice` names another (or
    "cancel"); with neither, `present` interrupts and waits for the operator.
    """
    remote = open_remote(settings) if settings.remote_providers else None
    remote_ids = set(remote.providers) if remote else set()
    local = [p for p in provider_ids(store) if p not in remote_ids]
    agents = {p: ClusterAgent(store, p, carbon_basis=settings.carbon_basis) for p in local}
    transport = RoutedTransport(InProcessTransport({p: a.handle for p, a in agents.items()}),
                                remote)
    choice = auto_choice or ("recommended" if auto_confirm else None)
    return Deps(store, settings, llm, transport, sorted(set(local) | remote_ids), choice)
