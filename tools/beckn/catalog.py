"""Discovery in the compute domain: a job as a search intent, quotes as a catalog.

`on_search_from_quotes` writes one provider (a cluster) whose items are offers. The
Beckn-facing fields (price per GPU-hour, available count, time window, tag groups
`hardware`, `energy`, `availability`) are for any reader; the tag groups `offer`,
`notes` and `evidence` carry every remaining `Quote` field, with numbers written so
they parse back bit for bit, so `quotes_from_on_search` rebuilds each `Quote` exactly.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from pydantic import ValidationError

from gridwise.models import Accelerator, Evidence, JobSpec, Quote
from tools.beckn.context import (
    INVALID_REQUEST,
    BecknError,
    Bpp,
    IdSource,
    Transaction,
    new_id,
    request_context,
)
from tools.beckn.wire import (
    TagValue,
    decimal_str,
    iso_duration,
    money_str,
    parse_decimal,
    parse_time,
    rfc3339,
    tag_group,
    tag_values,
    tags_by_group,
)

ITEM_CODE = "gpu-compute"
GPU_HOUR = "gpu-hour"
FULFILLMENT_TYPE = "BATCH-JOB"
CURRENCY = "USD"


class CatalogItem(NamedTuple):
    """One item of an on_search catalog: who offers it, its id, and the quote."""

    provider_id: str
    item_id: str
    quote: Quote


def item_id_for(quote: Quote) -> str:
    """A stable item id for a quote (a hash of its content, so equal quotes share it)."""
    return "q-" + hashlib.sha256(quote.model_dump_json().encode()).hexdigest()[:16]


def search_from_job(job: JobSpec, clock: datetime, txn: Transaction, ids: IdSource = new_id,
                    bpp: Bpp | None = None) -> dict[str, Any]:
    """The search request for a job.

    The intent asks for `gpu-compute` (the amount in gpu-hour when the job states it),
    as a `BATCH-JOB` fulfillment whose start stop ranges from the earliest to the latest
    start and whose end stop is the deadline. Requirements go in the `job-requirements`
    tag group; the full JobSpec travels in `job-spec/json` for gridwise's own agents.

    Args:
        job: the job to place.
        clock: the scenario time (the default earliest start and the timestamp).
        txn: the transaction (BAP identity and transaction id).
        ids: the message-id source.
        bpp: address one provider (unicast); None broadcasts.
    """
    c, hw, m = job.constraints, job.hardware, job.model
    now = parse_time(rfc3339(clock))
    earliest = max(now, c.earliest_start or now)
    start_range = {"start": rfc3339(earliest)}
    stops: list[dict[str, Any]] = [{"type": "start", "time": {"range": start_range}}]
    if c.deadline is not None:
        latest = c.deadline - timedelta(hours=job.duration_hours or 0)
        start_range["end"] = rfc3339(latest if latest > earliest else c.deadline)
        stops.append({"type": "end", "time": {"timestamp": rfc3339(c.deadline)}})
    if len(c.regions) == 1:
        stops[0]["location"] = {"id": c.regions[0]}
    gpu_hours = job.gpu_hours or (job.duration_hours * hw.gpu_count
                                  if job.duration_hours and hw.gpu_count else None)
    item: dict[str, Any] = {"descriptor": {"code": ITEM_CODE}}
    if gpu_hours is not None:
        item["quantity"] = {"selected": {"measure": {"value": decimal_str(gpu_hours),
                                                     "unit": GPU_HOUR}}}
    requirements = {
        "kind": job.kind, "model": m.name, "params-b": m.params_b, "precision": m.precision,
        "method": job.method, "gpu-model": hw.gpu_type, "gpu-count": hw.gpu_count,
        "min-gpu-mem-gb": hw.min_gpu_mem_gb, "allowed-gpus": _csv(hw.allowed_gpus),
        "excluded-gpus": _csv(hw.excluded_gpus), "interconnect": hw.interconnect,
        "est-gpu-hours": job.gpu_hours, "duration-h": job.duration_hours, "flops": job.flops,
        "max-gco2e": None if c.max_co2_kg is None else decimal_str(c.max_co2_kg, 3),
        "max-price-usd": c.budget_usd, "interruptible": c.interruptible,
        "regions": _csv(c.regions), "exclude-regions": _csv(c.exclude_regions),
        "exclude-providers": _csv(c.exclude_providers),
        "objective": job.preferences.objective,
    }
    intent = {
        "item": item,
        "fulfillment": {"type": FULFILLMENT_TYPE, "stops": stops},
        "tags": [tag_group("job-requirements", requirements),
                 tag_group("job-spec", {"json": job.model_dump_json(exclude_defaults=True)})],
    }
    context = request_context(txn, "search", clock, bpp=None, ids=ids)
    if bpp is not None:
        context |= {"bpp_id": bpp.bpp_id, "bpp_uri": bpp.bpp_uri}
    return {"context": context, "message": {"intent": intent}}


def job_from_search(message: Mapping[str, Any]) -> JobSpec:
    """The JobSpec a gridwise search carries (tag `job-spec/json`).

    Raises:
        BecknError: 30000 when the tag is missing or does not hold a valid JobSpec.
    """
    path = "$.message.intent.tags[job-spec].json"
    raw = tag_values(message["message"]["intent"].get("tags"), "job-spec").get("json")
    if raw is None:
        raise BecknError(INVALID_REQUEST, "the search carries no job-spec/json tag", [path],
                         "build searches with tools.beckn.search_from_job")
    try:
        return JobSpec.model_validate_json(raw)
    except ValidationError as exc:
        raise BecknError(INVALID_REQUEST, f"job-spec/json is not a valid JobSpec: {exc}",
                         [path]) from exc


def on_search_from_quotes(provider_id: str, quotes: Sequence[Quote], context: dict[str, Any],
                          specs: Mapping[str, Accelerator] | None = None) -> dict[str, Any]:
    """The on_search callback of one cluster: one provider whose items are the quotes.

    Args:
        provider_id: the cluster's provider id in the catalog.
        quotes: the offers, in the order they should appear.
        context: the callback context (`callback_context(search_context, bpp, clock)`).
        specs: accelerator specs by name, to add gpu-mem-gb and tdp-w to `hardware`.

    Raises:
        ValueError: the context is not an on_search context.
    """
    _expect(context, "on_search")
    regions: dict[str, dict[str, Any]] = {}
    for q in quotes:
        loc = {"id": q.region, "descriptor": {"name": q.region, "code": q.region}}
        regions.setdefault(q.region, loc | ({"country": {"code": q.country}} if q.country
                                            else {}))
    provider: dict[str, Any] = {"id": provider_id}
    if quotes:
        provider["descriptor"] = {"name": quotes[0].provider, "code": quotes[0].cluster}
    provider |= {"locations": list(regions.values()),
                 "items": [_item(q, (specs or {}).get(q.accelerator)) for q in quotes]}
    return {"context": context, "message": {"catalog": {"providers": [provider]}}}


def items_from_on_search(message: Mapping[str, Any]) -> list[CatalogItem]:
    """Every item of an on_search catalog as (provider id, item id, Quote).

    Raises:
        BecknError: the callback carries an error instead of a catalog (its code), or an
            item lacks the tags a Quote is rebuilt from (30000, with the item's path).
    """
    body = message.get("message")
    if body is None:
        raise BecknError.from_body(message.get("error") or {}, "on_search")
    out = []
    for p, provider in enumerate(body["catalog"]["providers"]):
        for i, item in enumerate(provider.get("items", ())):
            path = f"$.message.catalog.providers[{p}].items[{i}]"
            out.append(CatalogItem(provider["id"], item["id"], _quote(item, path)))
    return out


def quotes_from_on_search(message: Mapping[str, Any]) -> list[Quote]:
    """The Quotes an on_search catalog offers, equal to those it was built from.

    Raises:
        BecknError: as `items_from_on_search`.
    """
    return [o.quote for o in items_from_on_search(message)]


def _item(q: Quote, spec: Accelerator | None) -> dict[str, Any]:
    label = f"{q.count}x {q.accelerator}" + (f" ({q.variant})" if q.variant else "")
    hardware: dict[str, TagValue] = {
        "gpu-model": q.accelerator, "gpu-count": q.count,
        "gpu-mem-gb": spec.memory_gb if spec else None, "tdp-w": spec.power_w if spec else None,
        "tensor-parallel": q.tp_degree, "variant": q.variant, "instance-type": q.instance_type}
    e_lo, e_hi = q.energy_kwh_range or (None, None)
    c_lo, c_hi = q.kg_co2e_range or (None, None)
    energy: dict[str, TagValue] = {
        "grid-zone": q.carbon_zone, "est-energy-kwh": q.energy_kwh,
        "est-gco2e": _grams(q.kg_co2e), "source": q.signal,
        "est-energy-kwh-low": e_lo, "est-energy-kwh-high": e_hi,
        "est-gco2e-low": _grams(c_lo), "est-gco2e-high": _grams(c_hi),
        "carbon-basis": q.carbon_basis, "co2-grid-borrowed": q.co2_grid_borrowed,
        "est-gco2e-if-now": _grams(q.kg_co2e_now), "actual-gco2e": _grams(q.kg_co2e_actual)}
    availability: dict[str, TagValue] = {
        "earliest-start": q.start, "window": q.window, "spot": q.spot,
        "run-hours": None if q.run_hours is None else ",".join(map(rfc3339, q.run_hours))}
    offer: dict[str, TagValue] = {
        "cluster": q.cluster, "provider": q.provider, "provider-kind": q.kind,
        "region": q.region, "country": q.country, "area": q.area, "start": q.start,
        "finish": q.finish, "runtime-h": q.runtime_h, "price-usd-per-h": q.price_usd_per_h,
        "cost-usd": q.cost_usd, "confidence": q.confidence}
    return {
        "id": item_id_for(q),
        "descriptor": {"name": f"{label}, {'spot' if q.spot else 'on-demand'}, "
                               f"{q.window} window", "code": ITEM_CODE},
        "price": {"currency": CURRENCY, "value": money_str(q.price_usd_per_h / q.count, 4)},
        "quantity": {"available": {"count": q.count},
                     "unitized": {"measure": {"value": "1", "unit": GPU_HOUR}}},
        "location_ids": [q.region],
        "time": {"label": "run-window",
                 "range": {"start": rfc3339(q.start), "end": rfc3339(q.finish)},
                 "duration": iso_duration(q.runtime_h)},
        "tags": [tag_group("hardware", hardware), tag_group("energy", energy),
                 tag_group("availability", availability), tag_group("offer", offer),
                 tag_group("notes", [("note", n) for n in q.notes]),
                 tag_group("assumptions", q.assumptions),
                 tag_group("evidence", [(e.table, e.model_dump_json()) for e in q.evidence])],
    }


def _quote(item: Mapping[str, Any], path: str) -> Quote:
    groups = tags_by_group(item.get("tags"))
    hw, en, av, of = (dict(groups.get(g, ())) for g in ("hardware", "energy", "availability",
                                                         "offer"))
    if not of or not hw:
        raise BecknError(INVALID_REQUEST, "an offer lacks the 'offer' or 'hardware' tag group",
                         [f"{path}.tags"], "build catalogs with on_search_from_quotes")

    def num(d: dict[str, str], key: str, shift: int = 0) -> float | None:
        return None if key not in d else parse_decimal(d[key], shift)

    try:
        return Quote(
            cluster=of["cluster"], provider=of["provider"], kind=of["provider-kind"],
            region=of["region"], instance_type=hw.get("instance-type"),
            accelerator=hw["gpu-model"], count=int(hw["gpu-count"]),
            tp_degree=int(hw["tensor-parallel"]), variant=hw.get("variant"),
            spot=av["spot"] == "true", start=parse_time(of["start"]),
            finish=parse_time(of["finish"]), runtime_h=parse_decimal(of["runtime-h"]),
            price_usd_per_h=parse_decimal(of["price-usd-per-h"]),
            cost_usd=parse_decimal(of["cost-usd"]), energy_kwh=num(en, "est-energy-kwh"),
            kg_co2e=num(en, "est-gco2e", 3), window=av["window"],
            run_hours=([parse_time(t) for t in av["run-hours"].split(",")]
                       if "run-hours" in av else None),
            carbon_zone=en.get("grid-zone"), country=of.get("country"), area=of.get("area"),
            energy_kwh_range=_pair(num(en, "est-energy-kwh-low"), num(en, "est-energy-kwh-high")),
            kg_co2e_range=_pair(num(en, "est-gco2e-low", 3), num(en, "est-gco2e-high", 3)),
            carbon_basis=en.get("carbon-basis", "lca"),
            co2_grid_borrowed=en.get("co2-grid-borrowed"),
            assumptions=dict(groups.get("assumptions", ())),
            confidence=parse_decimal(of["confidence"]),
            signal=en.get("source", "oracle"), kg_co2e_now=num(en, "est-gco2e-if-now", 3),
            kg_co2e_actual=num(en, "actual-gco2e", 3),
            notes=[v for _, v in groups.get("notes", ())],
            evidence=[Evidence.model_validate_json(v) for _, v in groups.get("evidence", ())])
    except KeyError as exc:
        raise BecknError(INVALID_REQUEST, f"an offer lacks the tag {exc.args[0]!r}",
                         [f"{path}.tags"]) from exc
    except (ValueError, ValidationError) as exc:
        raise BecknError(INVALID_REQUEST, f"an offer's tags do not make a valid Quote: {exc}",
                         [f"{path}.tags"]) from exc


def _grams(kg: float | None) -> str | None:
    """A kg CO2e figure as a decimal tag value (3 places; the tag names say gco2e)."""
    return None if kg is None else decimal_str(kg, 3)


def _pair(low: float | None, high: float | None) -> tuple[float, float] | None:
    return None if low is None or high is None else (low, high)


def _csv(values: Sequence[str]) -> str | None:
    return ",".join(values) if values else None


def _expect(context: Mapping[str, Any], action: str) -> None:
    if context.get("action") != action:
        raise ValueError(f"expected a {action!r} context, got action {context.get('action')!r}")
