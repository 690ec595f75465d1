"""One cluster agent served as a Beckn HTTP provider (`gridwise provider serve`)."""

from __future__ import annotations

from agents.cluster import ClusterAgent, provider_ids
from gridwise.errors import UnknownNameError, UserError
from gridwise.settings import Settings
from gridwise.store import Store
from tools.beckn.http import BppServer
from tools.beckn.registry import Subscriber, load_or_create_key, public_key_b64
from tools.beckn.routing import registry_of


def provider_server(store: Store, settings: Settings, name: str, host: str,
                    port: int) -> BppServer:
    """The HTTP provider for cluster agent `name`, bound but not yet serving.

    It accepts requests only from the coordinators in `settings.beckn_buyers` and posts
    callbacks to their registered URIs; its key is `settings.beckn_key_path(name)`.

    Raises:
        UnknownNameError: no provider `name` has offers in the store.
        UserError: no coordinator is registered, or the address cannot be bound.
    """
    known = provider_ids(store)
    if name not in known:
        raise UnknownNameError("provider", name, known)
    if not settings.beckn_buyers:
        raise UserError("no coordinator may use this provider: GRIDWISE_BECKN_BUYERS is empty",
                        'set GRIDWISE_BECKN_BUYERS=\'[{"id": "gridwise-coordinator", "uri": '
                        '"http://HOST:PORT", "public_key": "<gridwise provider key>"}]\'')
    key = load_or_create_key(settings.beckn_key_path(name))
    return BppServer(name, ClusterAgent(store, name).handle, registry_of(settings.beckn_buyers),
                     Subscriber(name, "k1", key), timeout_s=settings.beckn_timeout_s,
                     host=host, port=port)


def public_key(settings: Settings, subscriber_id: str) -> str:
    """The base64 public key of `subscriber_id` on this node (its key is made if absent)."""
    return public_key_b64(load_or_create_key(settings.beckn_key_path(subscriber_id)))
