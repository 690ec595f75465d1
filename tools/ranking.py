"""Ranking: hard constraints, the Pareto front, named pathways with deltas, relaxations.

Pathways:
- cheapest (a catalog price flagged implausible yields to a plausible one) / fastest
  (earliest finish) / greenest (least kg CO2e, known CO2 only; an
  option whose CO2 rests on a borrowed grid yields to an own-grid one inside its range);
- optimal-time: the least weighted score of cost, CO2 and finish time (each min-max
  normalised over the feasible options, so deferring a start counts as time);
- recommended: the pathway the request's objective names (`balanced` -> optimal-time),
  else optimal-time.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal, Protocol

import numpy as np

from gridwise.models import Constraints, JobSpec, Pathway, Quote


class QuoteLike(Protocol):
    """What ranking reads: a `Quote`, or quoting's lighter `QuoteDraft`."""

    @property
    def provider(self) -> str: ...  # noqa: D102
    @property
    def region(self) -> str: ...  # noqa: D102
    @property
    def cluster(self) -> str: ...  # noqa: D102
    @property
    def country(self) -> str | None: ...  # noqa: D102
    @property
    def area(self) -> str | None: ...  # noqa: D102
    @property
    def spot(self) -> bool: ...  # noqa: D102
    @property
    def cost_usd(self) -> float: ...  # noqa: D102
    @property
    def finish(self) -> datetime: ...  # noqa: D102
    @property
    def kg_co2e(self) -> float | None: ...  # noqa: D102
    @property
    def count(self) -> int: ...  # noqa: D102
    @property
    def accelerator(self) -> str: ...  # noqa: D102

    def to_quote(self) -> Quote: ...  # noqa: D102

DEFAULT_WEIGHTS = {"cost": 1 / 3, "co2": 1 / 3, "time": 1 / 3}
OBJECTIVE_PATHWAY = {"cheapest": "cheapest", "fastest": "fastest", "greenest": "greenest",
                     "optimal-time": "optimal-time", "balanced": "optimal-time"}
EU = {"DE", "FR", "ES", "IT", "IE", "NL", "BE", "PL", "FI", "SE", "PT", "RO", "GR", "BG", "HU",
      "HR", "SI", "AT", "DK", "CZ", "SK", "LU", "LT", "LV", "EE", "CY", "MT"}
EEA = EU | {"NO", "IS", "LI"}
EUROPE = EEA | {"GB", "CH", "UA", "RU", "RS"}
Check = Literal["deadline", "budget", "co2", "regions", "providers", "spot"]


def _place_matches(q: QuoteLike, token: str, subarea: str | None = None) -> bool:
    t = token.strip().lower()
    country = (q.country or "").upper()
    if t in ("eu", "eea", "europe"):
        return country in {"eu": EU, "eea": EEA, "europe": EUROPE}[t]
    if t in (q.region.lower(), q.cluster.lower(), (q.area or "").lower(), country.lower()):
        return True
    return subarea is not None and t == subarea.lower()


def violations(q: QuoteLike, c: Constraints,
               excluded: frozenset[str] | None = None) -> list[Check]:
    """The hard constraints `q` breaks (empty: feasible).

    `excluded`: the lower-cased `c.exclude_providers`, when the caller checks many quotes.
    """
    out: list[Check] = []
    if c.deadline is not None and q.finish > c.deadline:
        out.append("deadline")
    if c.budget_usd is not None and q.cost_usd > c.budget_usd:
        out.append("budget")
    if c.max_co2_kg is not None and (q.kg_co2e is None or q.kg_co2e > c.max_co2_kg):
        out.append("co2")
    if (c.regions and not any(_place_matches(q, r) for r in c.regions)) or any(
            _place_matches(q, r) for r in c.exclude_regions):
        out.append("regions")
    if excluded is None:
        excluded = frozenset(p.lower() for p in c.exclude_providers)
    if excluded and q.provider.lower() in excluded:
        out.append("providers")
    if q.spot and c.interruptible is not True:
        out.append("spot")
    return out


def pareto_front(quotes: Sequence[QuoteLike]) -> list[int]:
    """Indices of quotes no other quote beats on cost, finish and CO2 (unknown CO2 = worst).

    Sweep in (cost, finish, CO2) order: a point can only be beaten by an earlier one, and
    if any earlier point beats it, some point already on the front does. Identical
    options keep only the first.
    """
    if not quotes:
        return []
    stamps: dict[datetime, float] = {}  # many options share a finish: converted once each
    pts = np.array([[q.cost_usd for q in quotes], [_memo(stamps, q.finish, _timestamp)
                                                    for q in quotes],
                    [q.kg_co2e if q.kg_co2e is not None else np.inf for q in quotes]]).T
    order = np.lexsort((pts[:, 2], pts[:, 1], pts[:, 0]))
    finishes: list[float] = []   # the front, sorted by finish
    co2s: list[float] = []
    keep: list[int] = []
    rows = pts.tolist()
    for i in order.tolist():
        _, finish, co2 = rows[i]
        k = bisect.bisect_right(finishes, finish)
        if k and min(co2s[:k]) <= co2:
            continue
        finishes.insert(k, finish)
        co2s.insert(k, co2)
        keep.append(i)
    return sorted(keep)


def _timestamp(when: datetime) -> float:
    return when.timestamp()


def _memo(memo: dict[datetime, float], when: datetime,
          make: Callable[[datetime], float]) -> float:
    """`make(when)`, made once per distinct `when` in `memo`."""
    got = memo.get(when)
    if got is None:
        got = memo[when] = make(when)
    return got


def _finish_hours(quotes: Sequence[QuoteLike], clock: datetime) -> list[float]:
    """Hours from `clock` to each option's finish (exact: strictly increasing with it)."""
    memo: dict[datetime, float] = {}
    return [_memo(memo, q.finish, lambda f: (f - clock) / timedelta(hours=1)) for q in quotes]


def _deltas(a: QuoteLike, b: QuoteLike) -> dict[str, float]:
    d = {"cost_usd": round(a.cost_usd - b.cost_usd, 2),
         "finish_h": round((a.finish - b.finish) / timedelta(hours=1), 2)}
    if a.kg_co2e is not None and b.kg_co2e is not None:
        d["kg_co2e"] = round(a.kg_co2e - b.kg_co2e, 2)
    return d


def describe_delta(d: dict[str, float]) -> str:
    """'+$12.40, -3.1 kg CO2, finishes 6 h later' for a delta dict."""
    parts = [f"{'+' if d['cost_usd'] >= 0 else '-'}${abs(d['cost_usd']):,.2f}"]
    if "kg_co2e" in d:
        parts.append(f"{'+' if d['kg_co2e'] >= 0 else '-'}{abs(d['kg_co2e']):,.1f} kg CO2")
    h = d["finish_h"]
    parts.append("finishes at the same time" if abs(h) < 0.05 else
                 f"finishes {abs(h):,.1f} h {'later' if h > 0 else 'earlier'}")
    return ", ".join(parts)


@dataclass
class Ranking:
    """Feasible options, the Pareto front, pathways and, if none is feasible, relaxations."""

    feasible: list[QuoteLike]
    pareto: list[int]
    pathways: dict[str, Pathway]
    scores: list[float]
    infeasible_reasons: list[str] = field(default_factory=list)
    rejected: dict[str, int] = field(default_factory=dict)
    chosen: dict[str, int] = field(default_factory=dict)  # pathway -> index in `feasible`


def _scores(quotes: Sequence[QuoteLike], hours_to_finish: list[float],
            weights: dict[str, float]) -> np.ndarray:
    cost = np.array([q.cost_usd for q in quotes])
    hours = np.array(hours_to_finish)
    co2 = np.array([q.kg_co2e if q.kg_co2e is not None else np.nan for q in quotes])
    if np.isnan(co2).all():
        co2 = np.zeros_like(cost)
    co2 = np.where(np.isnan(co2), np.nanmax(co2), co2)  # unknown CO2 scores as the worst

    def norm(x: np.ndarray) -> np.ndarray:
        span = x.max() - x.min()
        return (x - x.min()) / span if span > 0 else np.zeros_like(x)

    total = sum(weights.values()) or 1.0
    return (weights.get("cost", 0) * norm(cost) + weights.get("co2", 0) * norm(co2)
            + weights.get("time", 0) * norm(hours)) / total


def rank(quotes: Sequence[QuoteLike], job: JobSpec, clock: datetime) -> Ranking:
    """Filter `quotes` by the job's hard constraints and name the pathways."""
    c = job.constraints
    feasible, rejected = _feasible(quotes, c)
    if not feasible:
        return Ranking([], [], {}, [], relaxations(quotes, c), rejected)
    weights: dict[str, float] = {str(k): v for k, v in
                                 (job.preferences.weights or DEFAULT_WEIGHTS).items()}
    f = feasible
    hours = _finish_hours(f, clock)
    scores = _scores(f, hours, weights)
    # each pathway is the first option with the least key (tuples compared in order, as
    # `min` would; a stable sort keeps the first of equals)
    cost = np.array([q.cost_usd for q in f])
    finish = np.array(hours)  # orders options exactly as their finish times do
    co2 = np.array([np.inf if q.kg_co2e is None else q.kg_co2e for q in f])
    # a catalog price flagged as implausible never wins "cheapest" over a plausible one
    flagged = np.array([bool(getattr(q, "price_flagged", False)) for q in f])
    demoted = flagged & (not flagged.all())
    chosen = {
        "cheapest": int(np.lexsort((co2, finish, cost, demoted))[0]),
        "fastest": int(np.lexsort((co2, cost, finish))[0]),
        "optimal-time": int(np.lexsort((cost, scores))[0]),
    }
    known = [i for i, q in enumerate(f) if q.kg_co2e is not None]
    if known:
        chosen["greenest"] = greenest(f, known)
    objective = job.preferences.objective
    rec = OBJECTIVE_PATHWAY.get(objective or "", "optimal-time")
    chosen["recommended"] = chosen.get(rec, chosen["optimal-time"])
    return Ranking(feasible, pareto_front(feasible), _pathways(f, chosen), scores.tolist(), [],
                   rejected, chosen)


def _feasible(quotes: Sequence[QuoteLike], c: Constraints
              ) -> tuple[list[QuoteLike], dict[str, int]]:
    """The quotes that break no hard constraint, and how many break each."""
    excluded = frozenset(p.lower() for p in c.exclude_providers)
    if (c.deadline is None and c.budget_usd is None and c.max_co2_kg is None
            and not c.regions and not c.exclude_regions and not excluded):
        # only the spot check can fail (`violations`' last): the same verdicts, in bulk
        if c.interruptible is True:
            return list(quotes), {}
        feasible = [q for q in quotes if not q.spot]
        spot = len(quotes) - len(feasible)
        return feasible, {"spot": spot} if spot else {}
    feasible = []
    rejected: dict[str, int] = {}
    for q in quotes:
        bad = violations(q, c, excluded)
        if bad:
            for b in bad:
                rejected[b] = rejected.get(b, 0) + 1
        else:
            feasible.append(q)
    return feasible, rejected


def greenest(f: Sequence[QuoteLike], known: list[int]) -> int:
    """Index of the greenest option: least kg CO2e, preferring own-grid data.

    An option whose CO2 rests on a borrowed grid yields to one with its own grid data
    whose CO2 range overlaps it (the difference is inside the uncertainty).
    """
    best = min(known, key=lambda i: (f[i].kg_co2e, f[i].cost_usd))
    if getattr(f[best], "co2_grid_borrowed", None) is None:
        return best
    high = _kg_range(f[best])[1]
    own = [i for i in known if getattr(f[i], "co2_grid_borrowed", None) is None
           and _kg_range(f[i])[0] <= high]
    return min(own, key=lambda i: (f[i].kg_co2e, f[i].cost_usd)) if own else best


def _kg_range(q: QuoteLike) -> tuple[float, float]:
    """(low, high) kg CO2e of an option whose CO2 is known: its range, else its estimate."""
    rng: tuple[float, float] | None = getattr(q, "kg_co2e_range", None)
    if rng:
        return rng
    kg = q.kg_co2e
    assert kg is not None, "greenest() is given only options with known CO2"
    return kg, kg


def _pathways(f: Sequence[QuoteLike], chosen: dict[str, int]) -> dict[str, Pathway]:
    """Pathways with deltas against each other (computed from the same choice map)."""
    pathways = {}
    for name, i in chosen.items():
        deltas = {other: _deltas(f[i], f[j]) for other, j in chosen.items()
                  if other != name and j != i}
        summary = "; ".join(f"vs {o}: {describe_delta(d)}" for o, d in deltas.items())
        pathways[name] = Pathway(name=name, quote=f[i].to_quote(), deltas=deltas,
                                 summary=summary)
    return pathways


def shown_options(r: Ranking, top: int) -> list[int]:
    """Indices of the options worth showing: the `top` best scores, then the Pareto front."""
    order = sorted(range(len(r.feasible)), key=lambda i: r.scores[i])
    return list(dict.fromkeys(order[:top] + r.pareto))


def with_recommended(r: Ranking, name: str) -> Ranking:
    """The same ranking with `recommended` pointing at pathway `name`; every delta redone."""
    if name not in r.chosen:
        raise ValueError(f"no pathway {name!r} to recommend (have {sorted(r.chosen)})")
    chosen = dict(r.chosen) | {"recommended": r.chosen[name]}
    return Ranking(r.feasible, r.pareto, _pathways(r.feasible, chosen), r.scores,
                   r.infeasible_reasons, r.rejected, chosen)


def relaxations(quotes: Sequence[QuoteLike], c: Constraints) -> list[str]:
    """The nearest feasible relaxations when nothing is feasible, one per constraint."""
    if not quotes:
        return ["no offer could run the job at all (see the skipped reasons)"]
    out = []
    checks: list[Check] = ["deadline", "budget", "co2", "regions", "providers", "spot"]
    for drop in checks:
        near = [q for q in quotes if violations(q, c) == [drop]]
        if not near:
            continue
        if drop == "deadline":
            q = min(near, key=lambda q: q.finish)
            out.append(f"feasible if the deadline moves to {q.finish:%Y-%m-%d %H:%M} UTC "
                       f"({q.provider} {q.region}, {q.count} x {q.accelerator})")
        elif drop == "budget":
            q = min(near, key=lambda q: q.cost_usd)
            out.append(f"feasible if the budget rises to ${q.cost_usd:,.2f} "
                       f"({q.provider} {q.region})")
        elif drop == "co2":
            known = [q for q in near if q.kg_co2e is not None]
            if known:
                q = min(known, key=lambda q: q.kg_co2e or 0)
                out.append(f"feasible if the CO2 cap rises to {q.kg_co2e:,.1f} kg "
                           f"({q.provider} {q.region})")
        elif drop == "regions":
            q = min(near, key=lambda q: q.cost_usd)
            out.append(f"feasible if {q.region} ({q.country or 'unknown country'}) is allowed")
        elif drop == "providers":
            q = min(near, key=lambda q: q.cost_usd)
            out.append(f"feasible if provider {q.provider!r} is allowed")
        elif drop == "spot":
            out.append("feasible if spot / interruptible capacity is allowed")
    if not out:
        out.append("no single relaxation is enough: relax two or more constraints")
    return out
