"""`gridwise eval ...`: experiments and evaluations on real data.

gpushare (FGD and baselines on the openb traces), shifting (Let's Wait Awhile), intake
(labelled requests) and faithfulness (verified rationales). The experiments themselves live
in `evals/`; this module only parses options and prints.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from evals.faithfulness import run_faithfulness
from evals.gpushare import run_experiment, summarise, write_outputs
from evals.intake import DEFAULT_REQUESTS, run_intake_eval
from evals.shifting import PAPER_ADHOC, PAPER_NIGHTLY, REGION_FILES, run_shifting
from gridwise.cli import sim
from gridwise.cli.common import (
    CountOpt,
    JsonOpt,
    LlmOpt,
    err,
    out,
    print_json,
    settings_with,
    user_errors,
)
from gridwise.cli.common import out as stdout
from gridwise.errors import UserError
from gridwise.settings import Settings
from tools.placement import OWN_POLICIES, PAPER_POLICIES, default_registry
from tools.placement.openb import node_path, resolve_trace

app = typer.Typer(no_args_is_help=True, help="Experiments and evaluations on real data.")
app.command("scenario")(user_errors(sim.scenario))
app.command("batch")(user_errors(sim.batch))

POLICY_GROUPS = {"all": (*PAPER_POLICIES, *OWN_POLICIES), "paper": PAPER_POLICIES}


#: More seeds than this is not an experiment that finishes.
MAX_SEEDS = 1000


def parse_seeds(spec: str) -> list[int]:
    """Seeds from `42-51` (inclusive range), `42,43`, or a mix such as `42-44,50`.

    Raises:
        UserError: the text is not a list of non-negative integers and ranges.
    """
    seeds: list[int] = []
    try:
        for part in (p.strip() for p in spec.split(",")):
            if not part:
                continue
            lo, sep, hi = part.partition("-")
            first, last = int(lo), int(hi) if sep else int(lo)
            if first < 0 or last < first or last - first >= MAX_SEEDS:
                raise ValueError(part)
            seeds.extend(s for s in range(first, last + 1) if s not in seeds)
            if len(seeds) > MAX_SEEDS:
                raise ValueError(part)
    except ValueError:
        raise UserError(f"bad --seeds value {spec!r}",
                        f"use a range like 42-51 or a list like 42,43 (at most {MAX_SEEDS:,} "
                        "seeds)") from None
    if not seeds:
        raise UserError(f"bad --seeds value {spec!r}", "give at least one seed, e.g. 42")
    return seeds


def _number(value: float, digits: int) -> float | None:
    """Rounded value, or None (JSON null) when it is not finite."""
    return round(value, digits) if math.isfinite(value) else None


@app.command("gpushare")
@user_errors
def gpushare(
    trace: Annotated[str, typer.Option(
        help="openb trace name (default, gpushare40, multigpu20, ...) or a pod-list CSV path",
    )] = "default",
    policy: Annotated[str, typer.Option(
        help="policy names, comma-separated, or a group: all, paper",
    )] = "all",
    seeds: Annotated[str, typer.Option(help="seeds: a range 42-51 or a list 42,43")] = "42-51",
    nodes: Annotated[Path | None, typer.Option(
        help="node-list CSV (default: <source_dir>/openb/openb_node_list_gpu_node.csv)",
    )] = None,
    out: Annotated[Path, typer.Option(help="folder for curves, summary and figures")] = Path(
        "out/gpushare"),
    json_out: JsonOpt = False,
    workers: Annotated[int | None, typer.Option(
        **CountOpt, help="parallel processes (default: one per CPU core)")] = None,
) -> None:
    """Replay GPU-sharing placement (FGD and baselines) on an Alibaba openb trace."""
    names = default_registry().resolve(policy, POLICY_GROUPS)
    seed_list = parse_seeds(seeds)
    source_dir = settings_with().source_dir
    trace_path = resolve_trace(trace, source_dir)
    nodes_path = node_path(nodes, source_dir)
    results = run_experiment(nodes_path, trace_path, names, seed_list, workers, err)
    summaries = summarise(results)
    outputs = write_outputs(results, summaries, out)
    if json_out:
        payload = {"results": [
            {"policy": s.policy, "trace": s.trace, "seeds": s.seeds,
             "unallocated_gpu_pct_at_100": _number(s.unallocated_gpu_pct_at_100, 4),
             "frag_rate_at_90": _number(s.frag_rate_at_90, 4),
             "decisions_per_s": _number(s.decisions_per_s, 1)}
            for s in summaries]}
        print_json(payload)
        if outputs.png_error:
            err.print(f"PNG not written ({outputs.png_error}); HTML at {outputs.html}")
        return
    console = stdout
    table = Table(title=f"openb {summaries[0].trace}: means over seeds {seeds}")
    for col in ("policy", "unalloc. GPU % @100", "@95", "@130", "frag rate % @90",
                "decisions/s", "failed pods"):
        table.add_column(col, justify="left" if col == "policy" else "right")
    for s in summaries:
        table.add_row(s.policy, f"{s.unallocated_gpu_pct_at_100:.2f}",
                      f"{s.unallocated_gpu_pct_at_95:.2f}", f"{s.unallocated_gpu_pct_at_130:.2f}",
                      f"{s.frag_rate_at_90:.1f}", f"{s.decisions_per_s:,.0f}",
                      f"{s.failed_pods:.0f}")
    console.print(table)
    console.print(f"curves: {outputs.curves_csv}\nsummary: {outputs.summary_csv}\n"
                  f"figure: {outputs.html}")
    if outputs.png:
        console.print(f"png: {outputs.png}")
    else:
        console.print(f"png: not written ({outputs.png_error}); the HTML figure is complete")


#: The LLM steps `--llm` will select once they exist.
LLM_CHOICES = ("none", "embedded", "endpoint")
HEADLINE = ("field_accuracy", "exact_match", "clarify_precision", "clarify_recall", "crashes", "n")


@app.command("intake")
@user_errors
def intake(
    requests: Annotated[
        Path,
        typer.Option("--requests", envvar="GRIDWISE_INTAKE_REQUESTS",
                     help="YAML list of labelled requests (default: the bundled dev set)"),
    ] = DEFAULT_REQUESTS,
    llm: Annotated[
        str,
        typer.Option("--llm", envvar="GRIDWISE_INTAKE_LLM",
                     help="LLM step after the parser: none | embedded | endpoint"),
    ] = "none",
    probe: Annotated[
        str,
        typer.Option("--llm-probe", help="also ask the LLM about these fields (comma list; "
                     "only 'kind'), offering every value, where the parser decided: measures "
                     "what the model would change; ungrounded picks are rejected and counted"),
    ] = "",
    json_out: JsonOpt = False,
) -> None:
    """Score intake (deterministic parser) on labelled requests: field accuracy and more."""
    result = _run(requests, llm, probe)
    if json_out:
        print_json(result)
        return
    console = out
    if not result.get("catalog_checks"):
        console.print("catalog checks are off: no store is loaded, so budgets, carbon caps "
                      "and GPU availability are not checked against the catalog (recall is "
                      "lower). To fix: run `gridwise data load` first.")
    console.print(headline_table(result))
    console.print(breakdown_table("per field", result["per_field"], "accuracy"))
    console.print(breakdown_table("per tag", result["per_tag"], "field_accuracy"))
    if result["errors"]:
        console.print(errors_table(result["errors"]))


PROBES = {"kind": ["train", "fine-tune", "inference", "batch-inference", "eval"]}


def _run(requests: Path, llm: str, probe: str = "") -> dict[str, Any]:
    result = _score(requests, llm, probe)
    # Budget, carbon-cap and availability checks read the loaded catalog; without a store
    # they are off and recall is lower, so every result says which it was.
    from tools.catalog_limits import default_limits

    result["catalog_checks"] = default_limits() is not None
    return result


def _score(requests: Path, llm: str, probe: str) -> dict[str, Any]:
    choice = llm.strip().lower()
    if choice not in LLM_CHOICES:
        raise UserError(f"unknown --llm {llm!r}", "use one of: " + ", ".join(LLM_CHOICES))
    fields = [f.strip() for f in probe.split(",") if f.strip()]
    if bad := [f for f in fields if f not in PROBES]:
        raise UserError(f"unknown --llm-probe field(s) {', '.join(bad)}",
                        "use one of: " + ", ".join(PROBES))
    if fields and choice == "none":
        raise UserError("--llm-probe needs an LLM", "add --llm embedded or --llm endpoint")
    offer = {f: PROBES[f] for f in fields} or None
    if choice == "none":
        result = run_intake_eval(requests)
        result["llm"] = choice
        return result
    from agents.intake.understand import parse_hybrid
    from gridwise.llm import LLMSeam

    with LLMSeam(Settings(llm=choice)) as seam:
        result = run_intake_eval(
            requests, lambda text, now: parse_hybrid(text, now, seam, offer=offer)[0])
        result["llm_probe"] = fields
        result["llm"] = f"{choice} ({seam.model_name})"
        result["llm_calls"] = len(seam.calls)
        result["llm_tokens"] = sum(c.prompt_tokens + c.completion_tokens for c in seam.calls)
        result["llm_summary"] = seam.summary()
    return result


def headline_table(result: dict[str, Any]) -> Table:
    """Rich table of the headline metrics."""
    checks = "on" if result.get("catalog_checks") else "off"
    table = Table(title=f"Intake evaluation (llm: {result.get('llm', 'none')}, "
                        f"catalog checks {checks})")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key in HEADLINE:
        value = result[key]
        table.add_row(key, f"{value:.1%}" if isinstance(value, float) else str(value))
    return table


ERRORS_SHOWN = 40


def errors_table(errors: list[dict[str, Any]]) -> Table:
    """Rich table of the wrong fields (the first `ERRORS_SHOWN`; `--json` has them all)."""
    table = Table(title=f"errors ({len(errors)}; first {min(len(errors), ERRORS_SHOWN)} shown)")
    for col in ("id", "field", "expected", "got"):
        table.add_column(col)
    for e in errors[:ERRORS_SHOWN]:
        table.add_row(e["id"], e["field"], escape(str(e["expected"])), escape(str(e["got"])))
    return table


def breakdown_table(title: str, rows: dict[str, dict[str, Any]], key: str) -> Table:
    """Rich table of one breakdown (per field or per tag)."""
    table = Table(title=title)
    table.add_column("name")
    table.add_column(key, justify="right")
    extra = [k for k in next(iter(rows.values()), {}) if k != key]
    for k in extra:
        table.add_column(k, justify="right")
    for name, vals in rows.items():
        table.add_row(name, f"{vals[key]:.1%}", *(str(vals[k]) for k in extra))
    return table



#: Decimals kept in the JSON output (the paper reports two at most).
JSON_DECIMALS = 3


@app.command("shifting")
@user_errors
def shifting(
    lwa_dir: Annotated[
        Path | None,
        typer.Option("--lwa-dir", envvar="GRIDWISE_LWA_DIR",
                     help="folder with ger_ci.csv, gb_ci.csv, fr_ci.csv (not bundled)"),
    ] = None,
    seed: Annotated[int, typer.Option(help="seed of the job sample and forecast error")] = 0,
    json_out: JsonOpt = False,
) -> None:
    """Reproduce Let's Wait Awhile (Middleware '21): nightly and ad-hoc shifting savings."""
    result = run_shifting(lwa_dir, seed=seed)
    if json_out:
        print_json(_rounded(result))
        return
    out.print(comparison_table(result))


def _rounded(result: dict[str, dict]) -> dict[str, dict]:
    return {exp: {region: {k: round(v, JSON_DECIMALS) for k, v in vals.items()}
                  for region, vals in regions.items()}
            for exp, regions in result.items()}


def comparison_table(result: dict[str, dict]) -> Table:
    """Rich table: one row per experiment, ours and the paper's per region (%)."""
    regions = [r for r in REGION_FILES if r in result["nightly"]]
    table = Table(title="Temporal shifting savings (%) — ours vs Let's Wait Awhile")
    table.add_column("experiment")
    for region in regions:
        table.add_column(f"{region} ours", justify="right")
        table.add_column(f"{region} paper", justify="right", style="dim")
    for hours in ("1", "2", "4", "8"):
        row = [f"nightly ±{hours} h"]
        for region in regions:
            row += [f"{result['nightly'][region][hours]:.2f}",
                    f"{PAPER_NIGHTLY[region][int(hours)]:.1f}"]
        table.add_row(*row)
    for mode, label in (("non_interruptible", "non-interruptible"),
                        ("interruptible", "interruptible")):
        row = [f"ad hoc, next workday, 5 % error, {label}"]
        for region in regions:
            row += [f"{result['adhoc'][region][mode]:.2f}", f"{PAPER_ADHOC[region][mode]:.2f}"]
        table.add_row(*row)
    return table



@app.command("faithfulness")
@user_errors
def faithfulness(
    requests: Annotated[Path, typer.Option("--requests", help="labelled requests YAML")
                        ] = DEFAULT_REQUESTS,
    llm: LlmOpt = None,
    limit: Annotated[int | None, typer.Option("--limit", **CountOpt)] = None,
    json_out: JsonOpt = False,
) -> None:
    """Rationale faithfulness over labelled requests: verified share, leaks (target 0)."""
    result = run_faithfulness(settings_with(llm=llm), requests, limit)
    if json_out:
        print_json({k: v for k, v in result.items() if k != "rows"})
        return
    out.print(f"llm {result['llm']}: {result['decisions']} decisions, {result['sentences']} "
              f"rationale sentences, {result['verified_share']:.1%} verified, "
              f"{result['unverifiable_in_reports']} unverifiable numbers in reports, LLM prose "
              f"kept in {result['llm_prose_used']}, p50 {result['p50_s']} s per decision")


# forecasting evaluations live in their own module (this one is near its size cap)
from gridwise.cli.eval_forecast import forecast_eval, shifting_forecast  # noqa: E402

app.command("forecast")(forecast_eval)
app.command("shifting-forecast")(shifting_forecast)


def _register_churn() -> None:
    from gridwise.cli.churn import churn

    app.command("churn")(churn)


_register_churn()
