"""`parse_request`: the deterministic half of intake (no LLM).

The text is normalised, adversarial parts are cut out (and flagged), then each
extractor reads its fields. Model and accelerator names are masked once read, so their
digits are not read again as counts, sizes or times. Every value seen is kept as a
candidate; the chosen value follows the labelling rules of
`../shared/data/requests/README.md`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from agents.intake import money_carbon, run_lengths, units
from agents.intake.attack_hidden import rescan_hidden
from agents.intake.attack_model import AttackModel, default_attack_model, learned_cut
from agents.intake.attack_shapes import rescan
from agents.intake.buildable import unbuildable
from agents.intake.checks import Problem, catalog_problems, find_problems, unrated_budget
from agents.intake.clarify_model import default_clarify_model, second_opinion
from agents.intake.conflicts import drop_corrections, find_conflicts
from agents.intake.count_totals import total_conflict
from agents.intake.hardware import CATALOG_TYPES, HardwareHits, find_hardware, totals_first
from agents.intake.hw_qualifiers import qualify_hardware
from agents.intake.kind_material import kind_from_material
from agents.intake.kind_model import KindModel, combined_kind, default_kind_model
from agents.intake.language_pairs import language_pairs
from agents.intake.lexicon import rewrite
from agents.intake.log_stamps import stamp_spans
from agents.intake.model_choice import chosen_models
from agents.intake.model_sizes import params_from_name, stated_sizes
from agents.intake.models_found import find_models
from agents.intake.open_choices import open_choices
from agents.intake.place_context import drop_examples, zone_names
from agents.intake.place_refine import refine_places
from agents.intake.place_typos import fix_place_typos
from agents.intake.places import find_places
from agents.intake.retracted import drop_retracted
from agents.intake.safety import hidden_characters, scan
from agents.intake.schema import ParsedRequest
from agents.intake.signs import negative_amounts
from agents.intake.text import MAX_CHARS, Hit, mask, normalise
from agents.intake.timeparse import find_times
from agents.intake.twice import two_only_places
from agents.intake.unchecked import drop_unchecked
from agents.intake.units import QTY, parse_number
from agents.intake.unresolved import only_providers, unresolved_places
from agents.intake.unstated import unnamed_zone, unstated_context
from agents.intake.vague_values import vague_problems
from agents.intake.workload import (
    find_interruptible,
    find_kind,
    find_method,
    find_objective,
    find_precision,
    method_for_kind,
)
from tools.catalog_limits import CatalogLimits, default_limits


def _values(hits: Iterable[Hit]) -> list[Any]:
    out: list[Any] = []
    for h in hits:
        value = h.value
        if isinstance(value, datetime):
            value = value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        if value not in out:
            out.append(value)
    return out


def _first(hits: list[Hit]) -> Any:
    return hits[0].value if hits else None


def _outside(hits: list[Hit], spans: list[tuple[int, int]]) -> list[Hit]:
    return [h for h in hits if not any(s <= h.start < e for s, e in spans)]


_UNSET: Any = object()
_OF_THEM = re.compile(rf"\b(?P<n>{QTY})\s+of\s+(?:them|those|these)\b", re.IGNORECASE)


def _hardware_referred_back(text: str, hw: HardwareHits, removed: list[str]) -> HardwareHits:
    """"free up the H100s (flagged), then run X on 8 of them": the type the count refers to.

    The flagged clause is never obeyed, but the accelerator it names is what "them" means
    in the user's own clause; the count comes from that clause only.
    """
    m = _OF_THEM.search(text)
    if m is None:
        return hw
    named = find_hardware(" . ".join(removed))
    if not named.types:
        return hw
    count = parse_number(m.group("n"))
    hw.types = [Hit(named.types[0].value, m.start(), m.end(), named.types[0].cue)]
    if count >= 1 and count == int(count):
        hw.counts = [Hit(int(count), m.start(), m.end(), m.group(0))]
    return hw


def parse_request(text: str, now: datetime, limits: CatalogLimits | None = _UNSET,
                  attack_model: AttackModel | None = _UNSET,
                  kind_model: KindModel | None = _UNSET,
                  answer_to: str | None = None) -> ParsedRequest:
    """Parse one natural-language job request into the intake fields.

    Args:
        text: the request as the operator wrote it (any length; only the first
            `MAX_CHARS` characters are read, and longer text needs clarification).
        now: the clock at request time; relative dates resolve against it (naive = UTC).
        limits: the catalog's extremes for the feasibility checks; default: read from the
            configured store (`GRIDWISE_HOME`) when one is loaded, else none (the
            catalog-free bounds of `checks.find_problems` still apply).
        attack_model: the learned detector read where the rules find no attack; default:
            the shipped one (`attack_model.npz`); None reads rules only.
        kind_model: the learned job-kind reader applied to the rules' final kind;
            default: the shipped one (`kind_model.npz`) if `GRIDWISE_KIND_MODEL` is on;
            None reads rules only.
        answer_to: the field a clarification answer is read for (`answers.read_answer`):
            an answer states no job, yet its bare day ("2022-01-15") is still the date.

    Returns:
        The parsed fields, the candidates seen per field, and whether (and why) the
        request needs clarification. Never raises on odd input.
    """
    now = now if now.tzinfo else now.replace(tzinfo=UTC)
    if isinstance(text, bytes):  # defensive: decoding is the caller's job, but never crash
        text = text.decode("utf-8", errors="replace")
    text = text if isinstance(text, str) else ""
    # NFKC can expand a character 18-fold ("\ufdfa"): the cut applies after it too
    wide = normalise(text[:MAX_CHARS])
    truncated = len(text) > MAX_CHARS or len(wide) > MAX_CHARS
    norm, _rewrites = rewrite(wide[:MAX_CHARS])
    norm = drop_corrections(fix_place_typos(norm))
    safety = rescan_hidden(rescan(scan(norm)))  # + `attack_shapes` (s8), `attack_hidden` (s10)
    safety.reasons = hidden_characters(text[:MAX_CHARS]) + safety.reasons
    safety = learned_cut(safety, default_attack_model() if attack_model is _UNSET else attack_model)
    clean = drop_retracted(safety.clean_text)  # "... I mean start after": words taken back
    clean = drop_unchecked(clean)  # "- [ ] EU only": a form's box left empty (s12)

    named = find_models(clean)
    t1 = mask(clean, [(h.start, h.end) for h in named])
    models = chosen_models(clean, named)  # a name taken back, a teacher, a choice not made
    sizes = stated_sizes(t1)
    hw = find_hardware(t1)  # names, counts, layouts ("2n x 8g", "nodes: 4"), "L4:2", "2枚"
    if not hw.types and safety.removed:
        hw = _hardware_referred_back(t1, hw, safety.removed)
    hw, hw_problems = qualify_hardware(t1, hw)  # bounds, per-run counts, alternatives
    negatives = negative_amounts(t1)
    t2 = mask(t1, hw.spans + [(h.start, h.end) for h in negatives])

    data, memory = units.data_sizes(t2)
    data = units.without_card_memory(t2, data, hw.spans)
    memory = [h for h in memory if float(str(h.value)) > 0]  # "0G GPU": no floor (JobSpec: > 0)
    token_hits = [h for h in units.tokens(t2) if float(str(h.value)) >= 1]  # "0M tokens"
    gpu_h = totals_first(run_lengths.gpu_hours(t2), t2)  # "2 GPU-h each -> 80 total": the total
    durations = _outside(run_lengths.durations(t2), [(h.start, h.end) for h in gpu_h])
    money = money_carbon.money(t2)
    unrated = money_carbon.unrated_money(t2)
    co2 = money_carbon.carbon(t2)
    times = find_times(mask(t2, stamp_spans(t2)), now)  # not chat/log stamps, file names
    places = refine_places(t2, drop_examples(t2, find_places(  # "EN->DE/FR", "Europe/Paris"
        mask(t2, language_pairs(t2) + zone_names(t2)))))  # + restated places, "IT" dept (s11)
    kind, kind_hits = find_kind(t1, has_dataset=bool(data or token_hits))
    method, method_hits = find_method(t1)
    precision, precision_hits = find_precision(t1)
    interruptible, spot_hits, spot_conflict = find_interruptible(t2)
    objective, objective_hits = find_objective(t2)
    if kind is None and safety.bypass:
        # "turn off residency and run the X eval": the job a bypass clause names is still
        # the user's job (its kind and model); its constraints are never read
        aside = " . ".join(safety.bypass)
        aside_models = find_models(aside)
        kind, kind_hits = find_kind(mask(aside, [(h.start, h.end) for h in aside_models]))
        models = models or (aside_models if kind else [])
    if kind is None:  # "Full FT of X on 7 GB": the method, knobs or model's task say the job
        implied = kind_from_material(t1, [str(h.value) for h in models], method,
                                     has_data=bool(data or token_hits))
        kind, kind_hits = (str(implied.value), [implied]) if implied else (kind, kind_hits)
    learned = combined_kind(kind, wide[:MAX_CHARS],  # wording no kind rule knows
                            default_kind_model() if kind_model is _UNSET else kind_model,
                            cued=bool(kind_hits))
    if learned != kind:
        kind, kind_hits = learned, [Hit(learned, 0, 0, "kind model"), *kind_hits]

    method = method_for_kind(method, kind)  # a served LoRA model: no method
    if kind is None and answer_to is None:  # "need gpus thursday": no job, no cue: no deadline
        times.deadlines = [h for h in times.deadlines if ":uncued" not in h.cue]
    deadline = _first(times.deadlines)
    start = _first(times.starts)
    if deadline and start and deadline <= start and times.deadlines[0].cue.endswith(":bare"):
        # "kick off at 23:00 and finish by 06:00": a bare clock deadline follows the start
        deadline += timedelta(days=((start - deadline).days + 1))
    model = str(models[0].value) if models else None
    name_size = (params_from_name(str(models[0].cue)) or params_from_name(str(models[0].value))
                 if models else None)
    # A size in the model's name wins: a size stated elsewhere ("into a 1.3B student")
    # then describes another model. A size-less name ("NLLB-200 (3.3B)") takes the stated one.
    params = name_size if name_size is not None else (float(str(sizes[0].value)) if sizes else None)
    param_hits = list(sizes) + ([Hit(name_size, 0, 0, "name")] if name_size else [])

    parsed = ParsedRequest(
        kind=kind, model=model, params_b=params, method=method, precision=precision,
        gpu_type=_first(hw.types), gpu_count=_first(hw.counts),
        min_gpu_mem_gb=_first(memory), dataset_gb=_first(data),
        dataset_tokens=_first(token_hits), gpu_hours=_first(gpu_h),
        duration_hours=_first(durations), deadline=deadline,
        earliest_start=start, budget_usd=_first(money),
        max_co2_kg=_first(co2),
        # a region both required and excluded is a contradiction: neither is taken (asked)
        regions=[r for r in _values(places.regions) if r not in _values(places.exclude_regions)],
        exclude_regions=[r for r in _values(places.exclude_regions)
                         if r not in _values(places.regions)],
        exclude_providers=_values(places.exclude_providers) + [
            p for p in only_providers(t2, places) if p not in _values(places.exclude_providers)],
        interruptible=interruptible, objective=objective,
    )
    parsed.candidates = {
        "kind": _values(kind_hits), "model": _values(models), "params_b": _values(param_hits),
        "method": _values(method_hits), "precision": _values(precision_hits),
        "gpu_type": _values(hw.types), "gpu_count": _values(hw.counts),
        "min_gpu_mem_gb": _values(memory), "dataset_gb": _values(data),
        "dataset_tokens": _values(token_hits), "gpu_hours": _values(gpu_h),
        "duration_hours": _values(durations),
        "deadline": _values(times.deadlines + times.starts),
        "earliest_start": _values(times.starts + times.deadlines),
        "budget_usd": _values(money), "max_co2_kg": _values(co2),
        "regions": _values(h for h in places.mentions if h.cue == "region"),
        "exclude_regions": _values(h for h in places.mentions if h.cue == "region"),
        "exclude_providers": _values(h for h in places.mentions if h.cue == "provider"),
        "interruptible": _values(spot_hits), "objective": _values(objective_hits),
    }
    conflicts = find_conflicts(t1, method_hits=method_hits, money_hits=money,
                               excluded_providers=parsed.exclude_providers,
                               gpu_words={g.lower() for g in CATALOG_TYPES}, raw=clean,
                               deadline_hits=times.deadlines, precision_hits=precision_hits,
                               co2_hits=co2, duration_hits=durations, count_hits=hw.counts,
                               type_hits=hw.types)
    for name in conflicts.unset:
        setattr(parsed, name, None)
    for name, value in conflicts.values.items():
        setattr(parsed, name, value)
    vague_unset, vague = vague_problems(t1, parsed)  # hedged, unit-less, object-less values
    for name in vague_unset - conflicts.unset:
        setattr(parsed, name, None)
    open_unset, still_open = open_choices(clean, parsed)  # two options, no decision made
    for name in open_unset:
        setattr(parsed, name, None)
    vague += still_open
    if totals := total_conflict(clean, parsed.gpu_count):  # "8 in total" and "2 nodes x 8"
        parsed.gpu_count = None
        vague += totals
    zone_unset, zoneless = unnamed_zone(clean)  # "by 5pm our time": whose clock?
    for name in zone_unset:
        setattr(parsed, name, None)
    vague += zoneless + unstated_context(clean)  # "the dataset Sam mentioned", "the usual"
    vague += times.doubts  # "by Friday, or maybe the Friday after": which day? (s12)
    problems = find_problems(parsed, now, unknown_gpus=[str(h.value) for h in hw.unknown],
                             spot_conflict=spot_conflict,
                             accelerator=str(hw.types[0].cue) if hw.types else None,
                             text=t2)
    problems += conflicts.problems + [q for q in vague if q.field not in conflicts.unset]
    problems += hw_problems
    place_problems = unresolved_places(t2, places)
    if any(q.field == "regions" for q in place_problems):
        parsed.regions = []  # a region asked about ("us-east-7", "EU only ... us-west-2") is unset
    problems += place_problems
    problems += two_only_places(t2, places.regions)  # asked; both places kept as stated
    # a budget in a currency with no rate is asked about, unless the text converts it
    # (fresh6-8 label such budgets unset and not asked; the older sets ask)
    problems += unrated_budget(t2, unrated, money)
    problems += catalog_problems(parsed, default_limits() if limits is _UNSET else limits, now)
    if negatives:
        shown = ", ".join(repr(str(h.value)) for h in negatives)
        problems.insert(0, Problem(f"negative amount(s) {shown}: a job cannot have them",
                                   f"The request has negative amounts ({shown}); what are the "
                                   "actual (positive) values?", "amounts"))
    if safety.reasons:
        parsed.adversarial = safety.reasons
        problems.insert(0, Problem("unsafe text ignored: " + ", ".join(safety.reasons),
                                   "Part of the request was ignored as unsafe ("
                                   + ", ".join(safety.reasons) + "); please restate the job "
                                   "without it.", "safety"))
    if truncated:
        problems.append(Problem(f"request longer than {MAX_CHARS} characters; only the start "
                                "was read", "Please send a short request (a few sentences).",
                                "length"))
    problems = problems or unbuildable(parsed)  # "budget $0": JobSpec's bounds, asked
    if problems:
        parsed.needs_clarification = True
        parsed.clarify_reason = "; ".join(p.reason for p in problems)
        parsed.clarify_question = problems[0].question
        parsed.clarify_field = problems[0].field
        parsed.problems = [{"field": p.field, "reason": p.reason, "question": p.question}
                           for p in problems]
    # the learned second opinion (GRIDWISE_CLARIFY_MODEL, off by default) flips the
    # decision above only when very sure, never withdrawing an attack / infeasible question
    return second_opinion(parsed, text[:MAX_CHARS], default_clarify_model())
