"""Names a job spec takes (providers, places) checked against the catalog before quoting.

A misspelt name must never be read as "no such offer, so nothing to exclude" or "no
offer in that place": the job would be quoted without the constraint the person meant.
Unknown names raise `UnknownNameError` with close matches.
"""

from __future__ import annotations

from collections.abc import Iterable

from gridwise.errors import UnknownNameError
from gridwise.models import JobSpec
from tools.offers import Offer

#: Place words the ranking understands besides regions, clusters, areas and countries.
PLACE_GROUPS = ("eu", "eea", "europe")


def place_names(offers: Iterable[Offer]) -> set[str]:
    """Every place token an offer can match: region, cluster, area, sub-area, country."""
    out = set(PLACE_GROUPS)
    for o in offers:
        out.update(v.lower() for v in (o.region, o.cluster, o.area, o.subarea, o.country) if v)
    return out


def check_spec_names(job: JobSpec, offers: list[Offer]) -> None:
    """Refuse provider and place names in the constraints that no offer carries.

    Raises:
        UnknownNameError: the first unknown name, with suggestions.
    """
    providers = {o.provider.lower(): o.provider for o in offers}
    for name in job.constraints.exclude_providers:
        if name.strip().lower() not in providers:
            raise UnknownNameError("provider", name, providers.values())
    places = place_names(offers)
    for name in (*job.constraints.regions, *job.constraints.exclude_regions):
        if name.strip().lower() not in places:
            raise UnknownNameError("region or place", name, places)
