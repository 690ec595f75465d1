"""Feasibility at intake from where things are offered: an accelerator, a place, a grid.

A request that names an accelerator and limits where (regions, excluded regions,
excluded providers) cannot be quoted when the loaded catalog offers that accelerator
nowhere inside those limits: an A10G "but not on AWS" when only AWS rents A10Gs, RTX 6000
Ada "in Germany" when it is offered only elsewhere. A carbon cap cannot be met when the
stated work emits more than the cap even in the cleanest hour of the cleanest grid the
allowed places are on. An accelerator one vendor rents is judged against every limit; one
many vendors rent is judged against the places only (an excluded seller leaves others).
Each problem says what is impossible and offers the closest ways out: other accelerators
offered there, or the places the named one is offered.
Places are matched as the ranking matches them (`tools.ranking`): EU / EEA / Europe as
country sets, else region, cluster, area, country or subarea by name.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from agents.intake.schema import ParsedRequest
from tools.catalog_limits import CatalogLimits, Placement
from tools.ranking import EEA, EU, EUROPE

if TYPE_CHECKING:
    from agents.intake.checks import Problem

_SETS = {"eu": EU, "eea": EEA, "europe": EUROPE}


def _matches(token: str, pl: Placement) -> bool:
    t = token.strip().lower()
    country = (pl.country or "").upper()
    if t in _SETS:
        return country in _SETS[t]
    return t in {pl.region.lower(), pl.cluster.lower(), (pl.area or "").lower(),
                 country.lower(), (pl.subarea or "").lower()} - {""}


def allowed_places(p: ParsedRequest, places: Iterable[Placement]) -> list[Placement]:
    """The placements inside the request's regions, exclusions and provider exclusions."""
    excluded = {e.lower() for e in p.exclude_providers}
    return [pl for pl in places
            if (not p.regions or any(_matches(r, pl) for r in p.regions))
            and not any(_matches(r, pl) for r in p.exclude_regions)
            and pl.provider.lower() not in excluded]


def _where(p: ParsedRequest) -> str:
    parts = []
    if p.regions:
        parts.append("in " + "/".join(p.regions))
    if p.exclude_regions:
        parts.append("outside " + "/".join(p.exclude_regions))
    if p.exclude_providers:
        parts.append("not at " + "/".join(p.exclude_providers))
    return ", ".join(parts)


def _offered_at(places: Iterable[Placement]) -> str:
    names = sorted({f"{pl.provider} {pl.country or pl.region}" for pl in places})
    return ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")


def _family(limits: CatalogLimits, gpu: str) -> list[Placement]:
    """Placements of `gpu` and its memory variants ("A100" also finds "A100-80GB")."""
    return [pl for name, places in limits.placements.items()
            if name == gpu or name.startswith(gpu + "-") for pl in places]


def _one_vendor(places: list[Placement]) -> bool:
    """Whether one provider alone offers these (A10G: AWS, MI300X: Azure, TPUs: Google).

    A single vendor's accelerator has a published region list, so its absence from a
    place is a fact of the product; an accelerator many clouds and marketplaces rent
    comes and goes with the snapshot, and the planner says where it is instead.
    """
    return len({pl.provider for pl in places}) == 1


#: the marketplace (decentralised) sellers: what only they rent (consumer GeForce cards,
#: which NVIDIA's licence keeps out of clouds' data centres) no cloud will start to offer
MARKETPLACES = frozenset({"hyperbolic", "lium", "vast"})


def _marketplace_only(places: list[Placement]) -> bool:
    """Whether only marketplaces offer these (RTX 4090, RTX 3090): a fact of the product."""
    return bool(places) and {pl.provider for pl in places} <= MARKETPLACES


def _scope(p: ParsedRequest, family: list[Placement]) -> ParsedRequest | None:
    """The limits an accelerator's absence is judged against (None: not judged).

    A single vendor's accelerator is judged against every limit (its region list is
    published), and so is one only marketplaces rent when all of them are excluded (no
    seller is left; excluding two of them leaves the third, whose snapshot proves little).
    One that many clouds and marketplaces rent is judged only against the places the user
    allows (a country or area it is offered nowhere in is a fact of the catalog), not
    against excluded providers: which of its many sellers remain is the planner's to
    find, and a snapshot that lacks one proves little.
    """
    if _one_vendor(family) or (_marketplace_only(family) and MARKETPLACES <= {
            e.lower() for e in p.exclude_providers}):
        return p  # every marketplace excluded: a card only they rent has no seller left
    if not (p.regions or p.exclude_regions):
        return None
    return p.model_copy(update={"exclude_providers": []})


def _alternatives(p: ParsedRequest, limits: CatalogLimits, gpu: str) -> list[str]:
    """Up to three accelerators offered inside the limits, closest in memory to `gpu`."""
    want = limits.memory_gb.get(gpu)
    there = [name for name, places in limits.placements.items()
             if name != gpu and allowed_places(p, places)]
    if want is None:
        return sorted(there)[:3]
    return sorted(there, key=lambda n: (abs(limits.memory_gb.get(n, 0.0) - want), n))[:3]


def placement_problems(p: ParsedRequest, limits: CatalogLimits | None,
                       gpu_hours: float | None) -> list[Problem]:
    """No offer of the named accelerator within the limits; a cap no allowed grid meets."""
    from agents.intake.checks import Problem

    if limits is None or not limits.placements:
        return []
    constrained = bool(p.regions or p.exclude_regions or p.exclude_providers)
    if not constrained:
        return []
    everywhere = [pl for places in limits.placements.values() for pl in places]
    if p.regions and not any(_matches(r, pl) for r in p.regions for pl in everywhere):
        return []  # a place the catalog does not know: asked about elsewhere, not here
    out: list[Problem] = []
    gpu = p.gpu_type
    family = _family(limits, gpu) if gpu else []
    codes = {pl.region.lower() for pl in everywhere if not pl.region.isupper()}
    by_code = any(r.lower() in codes for r in p.regions)
    scope = _scope(p, family)
    if gpu and family and scope is not None and not by_code \
            and not allowed_places(scope, family):
        alts = _alternatives(scope, limits, gpu)
        offer = (f" Could it use {' or '.join(alts)} there" if alts else " Could it")
        out.append(Problem(
            f"no offer of {gpu} {_where(scope)}: the catalog has {gpu} only at "
            f"{_offered_at(family)}",
            f"No {gpu} is offered {_where(scope)}.{offer}, or run the {gpu} where it is "
            f"offered ({_offered_at(family)})?", "gpu_type"))
        return out
    out += _carbon_problems(p, limits, gpu_hours, family or everywhere)
    return out


def _carbon_problems(p: ParsedRequest, limits: CatalogLimits, gpu_hours: float | None,
                     places: list[Placement]) -> list[Problem]:
    from agents.intake.checks import Problem

    if not (gpu_hours and p.max_co2_kg is not None and (p.regions or p.exclude_regions)):
        return []
    allowed = allowed_places(p, places)
    zones = {pl.carbon_zone for pl in allowed}
    if not allowed or None in zones or not zones <= set(limits.zone_min_g_per_kwh):
        return []  # a grid with no data: its emissions are not known, so not judged here
    kwh = limits.least_kwh_per_gpu_h(p.gpu_type)
    if not kwh:
        return []
    zone = min(zones, key=lambda z: limits.zone_min_g_per_kwh[str(z)])
    grams = limits.zone_min_g_per_kwh[str(zone)]
    least = gpu_hours * kwh * grams / 1000
    if p.max_co2_kg >= least:
        return []
    return [Problem(
        f"a carbon cap of {p.max_co2_kg:g} kg cannot be met {_where(p)}: ~{gpu_hours:,.0f} "
        f"GPU-hours emit at least {least:,.2f} kg even in the cleanest hour of the cleanest "
        f"grid there ({zone}, {grams:,.0f} g/kWh)",
        f"Can the cap rise to at least {least:,.2f} kg, or the job run on a cleaner grid "
        f"than {_where(p)}?", "max_co2_kg")]
