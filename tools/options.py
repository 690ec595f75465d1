"""One job's quotes ranked: quote every offer, rank, and present the result (JSON-ready)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from gridwise.errors import UserError
from gridwise.models import CarbonBasis, Decision, JobSpec, Quote
from gridwise.store import Store
from gridwise.yaml_input import load_yaml
from tools.forecast.signals import SignalSource
from tools.quoting import QuoteBook, quote_job
from tools.ranking import Ranking, rank, shown_options


@dataclass
class RankedQuotes:
    """The quote book and its ranking."""

    job: JobSpec
    clock: datetime
    book: QuoteBook
    ranking: Ranking


def load_spec(path: Path) -> JobSpec:
    """Read a job spec (YAML or JSON) into a `JobSpec`; problems name the field."""
    return parse_spec(load_yaml(path, "the spec", "examples/finetune.yaml"), str(path))


def parse_spec(raw: Any, origin: str = "spec") -> JobSpec:
    """Validate a decoded spec; a `UserError` lists every bad field."""
    if not isinstance(raw, dict):
        raise UserError(f"{origin} must be a mapping of job fields, got {type(raw).__name__}",
                        "start from examples/finetune.yaml")
    try:
        return JobSpec.model_validate(raw)
    except ValidationError as exc:
        bad = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'spec'}: {e['msg']}"
                        for e in exc.errors())
        raise UserError(f"invalid job spec in {origin}: {bad}",
                        "fix the fields named above (see examples/ for valid specs)") from None


def rank_quotes(store: Store, job: JobSpec, clock: datetime,
                forecast_sigma: float = 0.0, signals: SignalSource | None = None,
                carbon_basis: CarbonBasis = "lca") -> RankedQuotes:
    """Quote and rank `job` at `clock` (naive UTC, checked against the carbon data).

    `signals`: what windows are decided on (default: the forecast made at the clock; an
    `OracleSignals` for hindsight). `forecast_sigma` > 0: a noisy oracle (implies it).
    `carbon_basis`: Electricity Maps life-cycle (`lca`) or direct intensity.
    """
    store.check_clock(clock)
    book = quote_job(store, job, clock, forecast_sigma=forecast_sigma, signals=signals,
                     carbon_basis=carbon_basis)
    if not book.quotes:
        top = sorted(book.skipped.items(), key=lambda kv: -kv[1])[:3]
        raise UserError("no offer can run this job: "
                        + "; ".join(f"{n} offer(s): {why}" for why, n in top),
                        "use fewer GPU-hours or a smaller model, allow more GPUs or spot, or "
                        "relax the hardware constraints")
    return RankedQuotes(job, clock, book, rank(book.quotes, job, clock))


def to_decision(opts: RankedQuotes, request_text: str | None = None, top: int = 20,
                now: datetime | None = None) -> Decision:
    """A `Decision` record: the pathways (recommended = chosen), the shown options, reasons."""
    return decision_from_ranking(opts.job, opts.clock, opts.ranking, opts.book.skipped,
                                 request_text, top, now)


def decision_from_ranking(job: JobSpec, clock: datetime, r: Ranking, skipped: dict[str, int],
                          request_text: str | None = None, top: int = 20,
                          now: datetime | None = None) -> Decision:
    """Build the decision record from a ranking (used by `quote --save` and the graph)."""
    from datetime import UTC

    from gridwise.records.decisions import new_decision_id

    now = now or datetime.now(UTC).replace(tzinfo=None)
    keep = shown_options(r, top)
    options = [r.feasible[i].to_quote() for i in keep]
    reasons = [f"{name}: {p.summary}" for name, p in r.pathways.items() if p.summary]
    skipped_lines = [f"{n} offer(s) skipped: {why}" for why, n in sorted(skipped.items())]
    rejected = [f"{n} option(s) broke the {what} constraint" for what, n in
                sorted(r.rejected.items())]
    return Decision(
        id=new_decision_id(now), created_at=now, clock=clock, request_text=request_text,
        job=job, options=options, pathways=r.pathways,
        chosen="recommended" if "recommended" in r.pathways else None,
        reasons=reasons + rejected + skipped_lines, infeasible_reasons=r.infeasible_reasons)


def quote_view(q: Quote) -> dict[str, Any]:
    """The fields a person or script needs from a quote."""
    return {
        "provider": q.provider, "region": q.region, "cluster": q.cluster, "kind": q.kind,
        "instance_type": q.instance_type, "accelerator": q.accelerator, "count": q.count,
        "variant": q.variant, "spot": q.spot, "window": q.window,
        "start": q.start.isoformat(), "finish": q.finish.isoformat(),
        "runtime_h": round(q.runtime_h, 3), "cost_usd": round(q.cost_usd, 2),
        "kg_co2e": None if q.kg_co2e is None else round(q.kg_co2e, 3),
        "energy_kwh": None if q.energy_kwh is None else round(q.energy_kwh, 3),
        "energy_kwh_range": _rounded(q.energy_kwh_range, 3),
        "carbon_basis": q.carbon_basis, "co2_grid_borrowed": q.co2_grid_borrowed,
        "confidence": q.confidence, "assumptions": q.assumptions, "notes": q.notes,
        **carbon_view(q),
    }


def carbon_view(q: Quote) -> dict[str, Any]:
    """What the CO2 was decided on, its range, running now instead, and the actual.

    The range spans the energy (power x runtime) range and the forecast's interval.
    """
    def r(x: float | None) -> float | None:
        return None if x is None else round(x, 3)

    return {"signal": q.signal, "kg_co2e_now": r(q.kg_co2e_now),
            "kg_co2e_range": _rounded(q.kg_co2e_range, 3),
            "kg_co2e_actual": r(q.kg_co2e_actual)}


def _rounded(pair: tuple[float, float] | None, digits: int) -> list[float] | None:
    return None if pair is None else [round(pair[0], digits), round(pair[1], digits)]


def to_json(opts: RankedQuotes, top: int = 20) -> dict[str, Any]:
    """`{"pathways": {...}, "options": [...], "infeasible_reasons": [...]}` plus context."""
    r = opts.ranking
    pathways = {name: {**quote_view(p.quote), "deltas": p.deltas, "summary": p.summary}
                for name, p in r.pathways.items()}
    keep = shown_options(r, top)
    options = [{**quote_view(r.feasible[i].to_quote()), "pareto": i in r.pareto,
                "score": round(r.scores[i], 4)} for i in keep]
    reasons = list(r.infeasible_reasons)
    return {
        "clock": opts.clock.isoformat(),
        "carbon_basis": opts.book.carbon_basis,
        "earliest_start": opts.book.earliest.isoformat(),
        "decided_on": decided_on(opts.book),
        "pathways": pathways,
        "options": options,
        "infeasible_reasons": reasons,
        "counts": {"quotes": len(opts.book.quotes), "feasible": len(r.feasible),
                   "pareto": len(r.pareto)},
        "rejected": r.rejected,
        "skipped": opts.book.skipped,
    }


def decided_on(book: QuoteBook) -> dict[str, Any]:
    """Which series the windows were chosen on: `{"basis", "models", "series": {...}}`."""
    models = sorted({str(d["model"]) for d in book.signals.values()})
    return {"basis": book.basis, "models": models, "series": book.signals}


def decision_view(decision: Decision) -> dict[str, Any]:
    """The `to_json` shape, rebuilt from a stored decision (pathways and shown options)."""
    from tools.ranking import pareto_front

    front = set(pareto_front(decision.options))
    return {
        "clock": decision.clock.isoformat(),
        "carbon_basis": decision_basis(decision),
        "earliest_start": (decision.job.constraints.earliest_start or decision.clock).isoformat(),
        "decided_on": _decided_on_options(decision.options),
        "pathways": {name: {**quote_view(p.quote), "deltas": p.deltas, "summary": p.summary}
                     for name, p in decision.pathways.items()},
        "options": [{**quote_view(q), "pareto": i in front, "score": None}
                    for i, q in enumerate(decision.options)],
        "infeasible_reasons": decision.infeasible_reasons,
        "counts": {"quotes": None, "feasible": len(decision.options), "pareto": len(front)},
    }


def _decided_on_options(options: list[Quote]) -> dict[str, Any]:
    """What a stored decision's windows were chosen on; `none` when no option was kept."""
    if not options:
        return {"basis": "none", "models": []}
    signals = {q.signal for q in options}
    return {"basis": "oracle" if signals == {"oracle"} else "forecast", "models": sorted(signals)}


def decision_basis(decision: Decision) -> CarbonBasis:
    """The carbon basis of a decision's quotes (life-cycle when it has none)."""
    for q in [p.quote for p in decision.pathways.values()] + decision.options:
        return q.carbon_basis
    return "lca"

