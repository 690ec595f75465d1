"""A job spec checked against the catalog before quoting: names it takes, GPUs it asks.

A misspelt name must never be read as "no such offer, so nothing to exclude" or "no
offer in that place": the job would be quoted without the constraint the person meant.
Unknown names raise `UnknownNameError` with close matches. A GPU count no offer can
serve is refused, instead of quoting a bogus "feasible" option.
"""

from __future__ import annotations

from collections.abc import Iterable

from gridwise.errors import UnknownNameError, UserError
from gridwise.models import JobSpec
from tools.offers import Offer

#: Instances of one offer a job may use: more is not a quote anyone can honour from a
#: catalog without availability figures (and beyond it the numbers stop meaning much).
MAX_INSTANCES = 128
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


def most_gpus(offers: list[Offer]) -> int:
    """The most GPUs any one offer can serve a job (free GPUs on-prem, instances in a cloud)."""
    return max((int(o.free_gpus) if o.free_gpus is not None
                else int(o.gpus_per_instance * MAX_INSTANCES) for o in offers), default=0)


def check_gpu_count(job: JobSpec, offers: list[Offer]) -> None:
    """Refuse a GPU count no offer in the catalog can serve (instead of a bogus quote).

    Raises:
        UserError: `hardware.gpu_count` exceeds what the largest offer can provide.
    """
    wanted = job.hardware.gpu_count
    most = most_gpus(offers)
    if wanted is not None and wanted > most:
        raise UserError(f"gpu_count {wanted:,} is more than any offer can serve (at most "
                        f"{most:,} GPUs: {MAX_INSTANCES} instances of the largest shape, or "
                        "the free GPUs of an on-prem cluster)",
                        f"ask for at most {most:,} GPUs, or split the job")
