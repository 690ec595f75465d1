"""Check prose against the decision record: every number and every named option.

Numbers with their units, and dates and times, are read by `quantities`; names are
providers, regions, clusters, accelerators, grid zones and pathway names. A sentence is
verified when each number matches a value in the record within the kind's tolerance, *for
the options the sentence names* (a cost quoted next to "cheapest" must be a cost of the
cheapest option, or a delta involving it), and each name it uses is in the record.
Sentences that fail are dropped from the verified text and counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import permutations

import duckdb
from pydantic import BaseModel

from agents.explainer.quantities import Mention, extract_datetimes, extract_numbers, split_sentences
from gridwise.models import Decision, Quote

# kind -> (relative tolerance, absolute tolerance); a rounded figure is also accepted when
# the record value rounds to it (half a unit in the last digit shown).
TOLERANCES: dict[str, tuple[float, float]] = {
    "money": (0.005, 0.01), "rate": (0.005, 0.01), "mass": (0.01, 0.0),
    "energy": (0.01, 0.0), "intensity": (0.01, 0.0), "price": (0.005, 0.0),
    "hours": (0.0, 0.1), "percent": (0.0, 0.5), "size": (0.01, 0.0),
    "gpus": (0.0, 0.0), "count": (0.0, 0.0),
}
MINUTE = timedelta(minutes=1)
EVIDENCE_TABLES = {"carbon_intensity", "energy_price", "instance_prices", "clusters"}
RUN_NOW = re.compile(r"\brun(?:ning)?[ -]now\b", re.IGNORECASE)
_TIME = re.compile(r"(?<![\w:])(\d{1,2}):(\d{2})(?![\d:])(?:\s?UTC)?")


@dataclass(frozen=True)
class Fact:
    """A value in the record: kind, value, where it is, and the options it belongs to."""

    kind: str
    value: float
    source: str
    owners: frozenset[int] = frozenset()
    signed: bool = False


class SentenceCheck(BaseModel):
    """One sentence and what the verifier found in it."""

    text: str
    verified: bool
    numbers: int
    names: list[str]
    sources: list[str]
    problems: list[str]


class Verification(BaseModel):
    """The checked sentences, the verified text and the count of dropped sentences."""

    sentences: list[SentenceCheck]
    verified_text: str
    dropped: int
    checked_numbers: int
    tolerances: dict[str, tuple[float, float]]

    @property
    def ok(self) -> bool:
        """True when no sentence was dropped."""
        return self.dropped == 0


def _key(q: Quote) -> tuple[object, ...]:
    return (q.cluster, q.accelerator, q.count, q.start, q.finish, q.spot, q.variant, q.window)


def _quotes(decision: Decision) -> tuple[list[Quote], dict[str, int]]:
    """Distinct quotes of the record (options, then pathways) and pathway -> quote index."""
    quotes: list[Quote] = []
    index: dict[tuple[object, ...], int] = {}
    for q in decision.options + [p.quote for p in decision.pathways.values()]:
        index.setdefault(_key(q), len(quotes))
        if len(quotes) < len(index):
            quotes.append(q)
    return quotes, {n: index[_key(p.quote)] for n, p in decision.pathways.items()}


class Record:
    """The decision record indexed for checking: facts by kind, and names."""

    def __init__(self, decision: Decision, vocabulary: set[str]) -> None:
        self.decision = decision
        self.quotes, self.pathway_index = _quotes(decision)
        self.facts: dict[str, list[Fact]] = {}
        self.times: list[tuple[datetime, str, frozenset[int]]] = []
        self.names: dict[str, frozenset[int]] = {}
        self._index(vocabulary)

    def _add(self, kind: str, value: float | None, source: str,
             owners: frozenset[int] = frozenset(), signed: bool = False) -> None:
        if value is not None:
            self.facts.setdefault(kind, []).append(Fact(kind, float(value), source, owners,
                                                        signed))

    def _text_facts(self, text: str, source: str, owners: frozenset[int],
                    kinds: set[str] | None = None) -> None:
        found, rest = extract_datetimes(text)
        self.times += [(t, source, owners) for _, t, _ in found]
        for m in extract_numbers(rest):
            if kinds is None or m.kind in kinds:
                self._add(m.kind, m.value, source, owners)

    def _index(self, vocabulary: set[str]) -> None:
        d = self.decision
        for i, q in enumerate(self.quotes):
            o, src = frozenset({i}), f"quote[{i}] {q.provider} {q.region} ({q.window})"
            for name in (q.provider, q.region, q.cluster, q.accelerator, q.carbon_zone,
                         q.instance_type):
                if name:
                    self.names[name] = self.names.get(name, frozenset()) | o
            self._add("money", q.cost_usd, f"{src}.cost_usd", o)
            self._add("rate", q.price_usd_per_h, f"{src}.price_usd_per_h", o)
            self._add("mass", q.kg_co2e, f"{src}.kg_co2e", o)
            self._add("energy", q.energy_kwh, f"{src}.energy_kwh", o)
            self._add("hours", q.runtime_h, f"{src}.runtime_h", o)
            self._add("hours", (q.start - d.clock) / timedelta(hours=1), f"{src} start - clock", o)
            self._add("percent", q.confidence * 100, f"{src}.confidence", o)
            self._add("gpus", q.count, f"{src}.count", o)
            self._add("count", q.count, f"{src}.count", o)
            self._add("count", q.tp_degree, f"{src}.tp_degree", o)
            self.times += [(q.start, f"{src}.start", o), (q.finish, f"{src}.finish", o)]
            self.times += [(h, f"{src}.run_hours", o) for h in q.run_hours or []]
            if d.job.constraints.deadline is not None:
                self._add("hours", (d.job.constraints.deadline - q.finish) / timedelta(hours=1),
                          f"job.constraints.deadline - {src}.finish", o)
            for k, e in enumerate(q.evidence):
                if e.table in EVIDENCE_TABLES:  # accelerator notes describe whole boards
                    self._text_facts(e.note, f"{src}.evidence[{k}] ({e.table})", o)
        for name, p in d.pathways.items():
            me = self.pathway_index[name]
            self.names[name] = frozenset({me})
            for other, delta in p.deltas.items():
                pair = frozenset({me, self.pathway_index[other]})
                src = f"pathways.{name}.deltas.{other}"
                self._add("money", delta.get("cost_usd"), f"{src}.cost_usd", pair, True)
                self._add("mass", delta.get("kg_co2e"), f"{src}.kg_co2e", pair, True)
                self._add("hours", delta.get("finish_h"), f"{src}.finish_h", pair, True)
        self.now = frozenset(i for i, q in enumerate(self.quotes) if q.window == "now")
        named = sorted(self.pathway_index.items()) + [
            (f"run-now twin of {n}", t) for n, i in sorted(self.pathway_index.items())
            if (t := self._twin(i)) is not None]
        for a, b in permutations(named, 2):
            qa, qb = self.quotes[a[1]], self.quotes[b[1]]
            pair = frozenset({a[1], b[1]})
            for metric, va, vb in (("cost_usd", qa.cost_usd, qb.cost_usd),
                                   ("kg_co2e", qa.kg_co2e, qb.kg_co2e),
                                   ("runtime_h", qa.runtime_h, qb.runtime_h)):
                if va is not None and vb:
                    self._add("percent", abs(va - vb) / vb * 100,
                              f"|{a[0]} - {b[0]}| / {b[0]} {metric}", pair)
        c, job = d.job.constraints, d.job
        self._add("money", c.budget_usd, "job.constraints.budget_usd")
        self._add("mass", c.max_co2_kg, "job.constraints.max_co2_kg")
        self._add("gpus", job.hardware.gpu_count, "job.hardware.gpu_count")
        self._add("size", job.dataset.size_gb, "job.dataset.size_gb")
        self._add("size", job.hardware.min_gpu_mem_gb, "job.hardware.min_gpu_mem_gb")
        self._add("hours", job.gpu_hours, "job.gpu_hours")
        self._add("hours", job.duration_hours, "job.duration_hours")
        self._add("count", len(d.options), "options (length)")
        self._add("count", len(d.pathways), "pathways (length)")
        self.times += [(t, s, frozenset()) for t, s in (
            (c.deadline, "job.constraints.deadline"),
            (c.earliest_start, "job.constraints.earliest_start"), (d.clock, "clock")) if t]
        for i, text in enumerate(d.reasons):  # counts of rejected / skipped offers only
            self._text_facts(text.split(":")[0], f"reasons[{i}]", frozenset(), {"count"})
        for i, text in enumerate(d.infeasible_reasons):
            self._text_facts(text, f"infeasible_reasons[{i}]", frozenset())
        record_text = " ".join(d.reasons + d.infeasible_reasons + c.regions + c.exclude_regions
                               + c.exclude_providers + d.job.hardware.allowed_gpus
                               + d.job.hardware.excluded_gpus
                               + [d.job.hardware.gpu_type or "", d.job.model.name or ""])
        for name in vocabulary | set(c.regions + c.exclude_regions + c.exclude_providers):
            if name and name not in self.names and _find(name, record_text):
                self.names[name] = frozenset()
        self.unknown = {n for n in vocabulary if n and n not in self.names}
        # Names are found case-insensitively, so spellings that differ only in case (the
        # accelerator 'H100' and an instance type 'h100') must own the same options;
        # otherwise whichever is tried first would decide the check.
        groups: dict[str, frozenset[int]] = {}
        for name, owners in self.names.items():
            groups[name.lower()] = groups.get(name.lower(), frozenset()) | owners
        self.names = {name: groups[name.lower()] for name in self.names}

    def _twin(self, i: int) -> int | None:
        q = self.quotes[i]
        if q.window == "now":
            return None
        return next((k for k, o in enumerate(self.quotes) if o.window == "now" and (
            o.cluster, o.accelerator, o.count, o.spot) == (q.cluster, q.accelerator, q.count,
                                                            q.spot)), None)

    def match(self, m: Mention, allowed: frozenset[int] | None) -> Fact | None:
        """The first fact `m` matches within tolerance among facts of the allowed options."""
        rel, absolute = TOLERANCES[m.kind]
        for f in self.facts.get(m.kind, []):
            if allowed is not None and f.owners and not f.owners & allowed:
                continue
            if m.sign and not f.signed and m.sign == "-":
                continue
            value = f.value if (m.sign or not f.signed) else abs(f.value)
            claimed = -m.value if m.sign == "-" else m.value
            if f.signed and not m.sign:
                claimed = abs(claimed)
            if abs(claimed - value) <= max(rel * abs(value), absolute, 0.5 * m.ulp * 1.000001):
                return f
        return None

    def match_time(self, t: datetime, has_time: bool, allowed: frozenset[int] | None) -> str | None:
        """The source of a record datetime equal to `t` (to the minute, or the day)."""
        for value, source, owners in self.times:
            if allowed is not None and owners and not owners & allowed:
                continue
            if (abs(value - t) <= MINUTE) if has_time else value.date() == t.date():
                return source
        return None


def _find(name: str, text: str) -> list[tuple[int, int]]:
    flags = 0 if len(name) <= 3 else re.IGNORECASE
    return [m.span() for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, flags)]


def _blank(text: str, a: int, b: int) -> str:
    return text[:a] + " " * (b - a) + text[b:]


def check_sentence(sentence: str, record: Record,
                   context: frozenset[int] | None = None) -> tuple[SentenceCheck,
                                                                   frozenset[int] | None]:
    """Verify one sentence: names first (they scope the numbers), then dates, then numbers.

    A sentence that names no option refers to `context` (the options the previous naming
    sentence named, as a pronoun does); the scope it used is returned for the next one.
    """
    text, names, problems, sources = sentence, [], [], []
    owners: set[int] = set()
    pathways: set[int] = set()
    option_names: dict[str, frozenset[int]] = {}
    for m in RUN_NOW.finditer(sentence):
        names.append("run now")
        owners |= record.now
        text = _blank(text, *m.span())
    for name in sorted(set(record.names) | record.unknown, key=lambda n: (-len(n), n)):
        spans = _find(name, text)
        if not spans:
            continue
        names.append(name)
        if name in record.unknown:
            problems.append(f"names {name!r}, which is not in this decision's record")
        elif name in record.pathway_index:
            pathways |= record.names[name]
        elif record.names[name]:
            option_names[name] = record.names[name]
        owners |= record.names.get(name, frozenset())
        for a, b in spans:
            text = _blank(text, a, b)
    if pathways and "run now" not in names:
        problems += [f"{n!r} is not part of the pathway(s) this sentence names"
                     for n, o in option_names.items() if not o & pathways]
    allowed = frozenset(owners) if owners else context
    found, text = extract_datetimes(text)
    for raw, t, has_time in found:
        src = record.match_time(t, has_time, allowed)
        (sources.append(src) if src else problems.append(
            f"{raw.strip()!r} is no time in the record for the options named"))
    for m in _TIME.finditer(text):
        hh, mm = int(m.group(1)), int(m.group(2))
        if not any(v.hour == hh and v.minute == mm for v, _, o in record.times
                   if allowed is None or not o or o & allowed):
            problems.append(f"{m.group(0)!r} is no time of day in the record")
        else:
            sources.append(f"time of day {hh:02d}:{mm:02d}")
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    numbers = extract_numbers(text)
    for n in numbers:
        fact = record.match(n, allowed)
        if fact is None:
            near = min(record.facts.get(n.kind, []), default=None,
                       key=lambda f: abs(abs(f.value) - n.value))
            hint = f" (nearest: {near.value:,.4g} at {near.source})" if near else ""
            problems.append(f"{n.text!r} ({n.kind}) matches no value in the record for the "
                            f"options named{hint}")
        else:
            sources.append(fact.source)
    return SentenceCheck(text=sentence, verified=not problems,
                         numbers=len(numbers) + len(found), names=sorted(names),
                         sources=sources, problems=problems), allowed


def verify(prose: str, decision: Decision, vocabulary: set[str] | None = None) -> Verification:
    """Check every sentence of `prose` against `decision`.

    Args:
        prose: text to check (templated or written by a model).
        decision: the record every number and name must come from.
        vocabulary: names the verifier should recognise even when the record lacks them
            (all providers, regions, accelerators, zones in the store), so that a wrong
            provider or region is caught rather than read as plain words.

    Returns:
        Per-sentence results, the text of the verified sentences only, and how many
        sentences were dropped.
    """
    record = Record(decision, set(vocabulary or ()))
    checks: list[SentenceCheck] = []
    context: frozenset[int] | None = None
    for sentence in split_sentences(prose):
        check, context = check_sentence(sentence, record, context)
        checks.append(check)
    return Verification(
        sentences=checks, verified_text=" ".join(c.text for c in checks if c.verified),
        dropped=sum(not c.verified for c in checks),
        checked_numbers=sum(c.numbers for c in checks), tolerances=TOLERANCES)


def store_vocabulary(conn: duckdb.DuckDBPyConnection) -> set[str]:
    """Every provider, region, cluster, accelerator and grid zone the store knows."""
    rows = conn.execute(
        "SELECT id FROM providers UNION SELECT region FROM regions "
        "UNION SELECT id FROM clusters UNION SELECT name FROM accelerators "
        "UNION SELECT carbon_zone FROM regions WHERE carbon_zone IS NOT NULL").fetchall()
    return {r[0] for r in rows if r[0]}
