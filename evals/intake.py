"""Intake evaluation: score a request parser against labelled requests.

Scoring follows `../shared/data/requests/README.md` ("Scoring"): per case, the fields
scored are the union of keys set in `expect` and keys the parser set (non-null,
non-empty), plus `kind` and `needs_clarification` always; strings compare
case-insensitively, `model` after lower-casing and keeping only letters and digits,
lists as case-insensitive sets, numbers within 1 % relative, datetimes within 60 s.
A parser crash is counted (every field of that case is wrong), never fatal.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from agents.intake import FIELDS, ParsedRequest, parse_request
from gridwise.errors import UserError
from gridwise.yaml_input import load_yaml

DEFAULT_REQUESTS = Path(__file__).resolve().parent / "data" / "requests_dev.yaml"
ALWAYS_SCORED = ("kind", "needs_clarification")
NOT_SCORED = ("clarify_reason",)
REL_TOL = 0.01
TIME_TOL_S = 60.0
_DATETIME_FIELDS = {"deadline", "earliest_start"}

Parser = Callable[[str, datetime], ParsedRequest]


@dataclass(frozen=True)
class Case:
    """One labelled request."""

    id: str
    text: str
    now: datetime
    expect: dict[str, Any]
    tags: tuple[str, ...] = ()


@dataclass
class CaseResult:
    """How one case scored: per field right or wrong, and whether the parser crashed."""

    id: str
    tags: tuple[str, ...]
    fields: dict[str, bool] = field(default_factory=dict)
    got: dict[str, Any] = field(default_factory=dict)
    crashed: str | None = None
    expected: dict[str, Any] = field(default_factory=dict)

    @property
    def exact(self) -> bool:
        """Every scored field right."""
        return all(self.fields.values())


def _parse_time(value: Any, where: str) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as exc:
        raise UserError(f"{where}: {value!r} is not an ISO datetime",
                        "write times as YYYY-MM-DDTHH:MM:SSZ") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def load_requests(path: Path) -> list[Case]:
    """Read and check a labelled requests file (a YAML list of cases).

    Raises:
        UserError: the file is missing, is not YAML, is not a list, or a case lacks
            `id`, `text`, `now` or a mapping `expect`.
    """
    raw = load_yaml(path, "requests file", "evals/data/requests_dev.yaml")
    if not isinstance(raw, list):
        raise UserError(f"requests file {str(path)!r} must hold a YAML list of cases, "
                        f"not {type(raw).__name__}",
                        "write one '- id: ...' entry per request")
    cases: list[Case] = []
    for i, item in enumerate(raw):
        where = f"{path} case #{i + 1}"
        if not isinstance(item, dict):
            raise UserError(f"{where} is not a mapping", "each case needs id, text, now, expect")
        missing = [k for k in ("id", "text", "now") if item.get(k) in (None, "")]
        if missing:
            raise UserError(f"{where} lacks {', '.join(missing)}",
                            "each case needs id, text, now and expect")
        expect = item.get("expect") or {}
        if not isinstance(expect, dict):
            raise UserError(f"{where} ({item['id']!r}): expect must be a mapping",
                            "write expect as field: value lines")
        tags = item.get("tags") or []
        cases.append(Case(id=str(item["id"]), text=str(item["text"]),
                          now=_parse_time(item["now"], where), expect=dict(expect),
                          tags=tuple(str(t) for t in tags)))
    return cases


def _is_set(value: Any) -> bool:
    return value is not None and value != [] and value != ""


def _norm_model(value: Any) -> str:
    return re.sub(r"[^a-z0-9]", "", str(value).lower())


def field_matches(name: str, expected: Any, got: Any) -> bool:
    """Whether a parsed value matches the label under the README's comparison rules."""
    if not _is_set(expected) or not _is_set(got):
        return not _is_set(expected) and not _is_set(got)
    if name == "model":
        return _norm_model(expected) == _norm_model(got)
    if name in _DATETIME_FIELDS:
        try:
            delta = _parse_time(expected, name) - _parse_time(got, name)
        except UserError:
            return False
        return abs(delta.total_seconds()) <= TIME_TOL_S
    if isinstance(expected, bool) or isinstance(got, bool):
        return expected is got
    if isinstance(expected, list) or isinstance(got, list):
        exp = expected if isinstance(expected, list) else [expected]
        val = got if isinstance(got, list) else [got]
        return {str(v).lower() for v in exp} == {str(v).lower() for v in val}
    if isinstance(expected, int | float) and isinstance(got, int | float):
        if expected == 0:
            return got == 0
        return abs(got - expected) <= REL_TOL * abs(expected)
    return str(expected).strip().lower() == str(got).strip().lower()


def score_case(case: Case, got: dict[str, Any] | None, crashed: str | None = None) -> CaseResult:
    """Score one case; `got` None (a crash) makes every scored field wrong."""
    expect = {k: v for k, v in case.expect.items() if k not in NOT_SCORED}
    result = CaseResult(case.id, case.tags, got=got or {}, crashed=crashed, expected=expect)
    keys = {k for k, v in expect.items() if _is_set(v)}
    keys |= {k for k, v in (got or {}).items() if k in FIELDS and _is_set(v)}
    keys |= set(ALWAYS_SCORED)
    for key in sorted(keys, key=lambda k: FIELDS.index(k) if k in FIELDS else len(FIELDS)):
        if got is None:
            result.fields[key] = False
            continue
        exp = expect.get(key)
        val = got.get(key)
        if key == "needs_clarification":
            result.fields[key] = bool(exp) == bool(val)
        else:
            result.fields[key] = field_matches(key, exp, val)
    return result


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def summarise(results: list[CaseResult], cases: list[Case]) -> dict[str, Any]:
    """Headline metrics plus per-field and per-tag breakdowns."""
    scored = sum(len(r.fields) for r in results)
    right = sum(sum(r.fields.values()) for r in results)
    expected_clarify = {c.id: bool(c.expect.get("needs_clarification")) for c in cases}
    tp = fp = fn = 0
    for r in results:
        said = bool(r.got.get("needs_clarification")) if r.crashed is None else False
        want = expected_clarify[r.id]
        tp += said and want
        fp += said and not want
        fn += want and not said
    per_field: dict[str, dict[str, float]] = {}
    for name in FIELDS:
        marks = [r.fields[name] for r in results if name in r.fields]
        if marks:
            per_field[name] = {"accuracy": round(_ratio(sum(marks), len(marks)), 4),
                               "scored": len(marks), "right": sum(marks)}
    tags = sorted({t for r in results for t in r.tags} | {"(untagged)"})
    per_tag: dict[str, dict[str, float]] = {}
    for tag in tags:
        group = [r for r in results if (tag in r.tags) or (tag == "(untagged)" and not r.tags)]
        if not group:
            continue
        g_scored = sum(len(r.fields) for r in group)
        g_right = sum(sum(r.fields.values()) for r in group)
        per_tag[tag] = {"n": len(group), "field_accuracy": round(_ratio(g_right, g_scored), 4),
                        "exact_match": round(_ratio(sum(r.exact for r in group), len(group)), 4)}
    return {
        "field_accuracy": round(_ratio(right, scored), 4),
        "exact_match": round(_ratio(sum(r.exact for r in results), len(results)), 4),
        "clarify_precision": round(_ratio(tp, tp + fp), 4),
        "clarify_recall": round(_ratio(tp, tp + fn), 4),
        "crashes": sum(r.crashed is not None for r in results),
        "n": len(results),
        "per_field": per_field,
        "per_tag": per_tag,
        "failures": {r.id: sorted(k for k, ok in r.fields.items() if not ok)
                     for r in results if not r.exact},
        "fields": {name: v["accuracy"] for name, v in per_field.items()},
        "errors": errors(results),
    }


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def errors(results: list[CaseResult]) -> list[dict[str, Any]]:
    """One entry per wrong field: `{"id", "field", "expected", "got"}` (a crash: `got` null)."""
    out = []
    for r in results:
        for name, ok in r.fields.items():
            if not ok:
                out.append({"id": r.id, "field": name,
                            "expected": _plain(r.expected.get(name)),
                            "got": None if r.crashed else _plain(r.got.get(name))})
    return out


def run_intake_eval(path: Path = DEFAULT_REQUESTS, parser: Parser = parse_request,
                    ) -> dict[str, Any]:
    """Parse every case of a requests file and score it.

    Args:
        path: YAML list of labelled requests.
        parser: `(text, now) -> ParsedRequest`; an exception in it counts as a crash.

    Returns:
        `field_accuracy`, `exact_match`, `clarify_precision`, `clarify_recall`,
        `crashes`, `n`, plus `per_field`, `fields` (name -> accuracy), `per_tag`,
        `failures`, `errors` (one `{"id", "field", "expected", "got"}` per wrong field)
        and `seconds`.
    """
    cases = load_requests(path)
    results: list[CaseResult] = []
    started = time.perf_counter()
    for case in cases:
        try:
            got: dict[str, Any] | None = parser(case.text, case.now).fields()
            crash = None
        except Exception as exc:  # noqa: BLE001 - a crash is a measured outcome, reported
            got, crash = None, f"{type(exc).__name__}: {exc}"
        results.append(score_case(case, got, crash))
    summary = summarise(results, cases)
    summary["seconds"] = round(time.perf_counter() - started, 3)
    summary["crashed_cases"] = {r.id: r.crashed for r in results if r.crashed}
    return summary
