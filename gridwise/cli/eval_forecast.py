"""`gridwise eval forecast` and `eval shifting-forecast`: forecasts scored, and shifting on them.

Registered on the `eval` group by `gridwise.cli.eval`; the cores are `evals.forecast` and
`evals.shifting_forecast`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from gridwise.cli.common import DbOpt, JsonOpt, out, print_json, settings_with, user_errors
from gridwise.errors import UserError

#: Defaults of `evals.forecast` (not imported here: the shell loads evals lazily).
FROM, TO, EVERY_H = "2023-01-01T00:00:00", "2023-03-31T00:00:00", 25


@user_errors
def forecast_eval(
    zones: Annotated[str | None, typer.Option(
        "--zones", help="comma-separated zones / markets (default: every one loaded)")] = None,
    start: Annotated[str, typer.Option("--from", help="first origin, ISO-8601 UTC")
                     ] = FROM,
    end: Annotated[str, typer.Option("--to", help="last origin, ISO-8601 UTC")
                   ] = TO,
    horizon: Annotated[str, typer.Option("--horizon", help="hours ahead, e.g. 24,72")] = "24,72",
    series: Annotated[str, typer.Option("--series", help="carbon, price or carbon,price")
                      ] = "carbon,price",
    every: Annotated[int, typer.Option("--every", min=1, help="hours between origins")
                     ] = EVERY_H,
    models: Annotated[str | None, typer.Option(
        "--models", help="comma-separated: persistence, seasonal_24, seasonal_168, "
        "ridge_lags (no exogenous inputs), ridge, gbm (default: all)")] = None,
    basis: Annotated[str, typer.Option("--basis", help="carbon basis: lca or direct")
                     ] = "lca",
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Rolling-origin forecast evaluation: MAE and MAPE per zone, horizon and model."""
    from evals.forecast import DEFAULT_EVAL_MODELS, evaluate, parse_horizons
    from gridwise.clock import parse_clock
    from gridwise.store_access import StoreAccess

    kinds = tuple(s.strip() for s in series.split(",") if s.strip())
    bad = [k for k in kinds if k not in ("carbon", "price")]
    if bad or not kinds:
        raise UserError(f"--series {series!r} is not carbon and/or price",
                        "use --series carbon, --series price or --series carbon,price")
    s = settings_with(db_path=db)
    # on the reference file alone: a long evaluation never holds the state file
    with StoreAccess(s.db_file, s.db_wait_s).reference(read_only=True) as store:
        result = evaluate(store, [z.strip() for z in zones.split(",")] if zones else None,
                          parse_clock(start), parse_clock(end), parse_horizons(horizon),
                          kinds, every_h=every, carbon_basis=basis,
                          models=tuple(m.strip() for m in models.split(",") if m.strip())
                          if models else DEFAULT_EVAL_MODELS)
    if json_out:
        print_json(result)
        return
    out.print(results_table(result))


def results_table(result: dict) -> Table:
    """One row per zone, series and horizon; MAPE (MAE) per model."""
    meta = result["meta"]
    models = meta["models"]
    table = Table(title=f"forecast error, {meta['origins']} origins every {meta['every_h']} h, "
                  f"{meta['from'][:10]} .. {meta['to'][:10]}: MAPE % (MAE)")
    for col in ("zone", "series", "h", *models, "ridge 80 % coverage"):
        table.add_column(col, justify="left" if col in ("zone", "series") else "right")
    rows: dict[tuple, dict] = {}
    for r in result["results"]:
        rows.setdefault((r["zone"], r["series"], r["horizon_h"]), {})[r["model"]] = r
    for (zone, kind, h), by in rows.items():
        cells = [f"{by[m]['mape']:.1f} ({by[m]['mae']:.1f})" if m in by and by[m]["mae"]
                 is not None else "-" for m in models]
        cov = by.get("ridge", {}).get("coverage_pct")
        table.add_row(zone, kind, str(h), *cells, "-" if cov is None else f"{cov:.0f} %")
    return table


@user_errors
def shifting_forecast(
    lwa_dir: Annotated[Path | None, typer.Option(
        "--lwa-dir", envvar="GRIDWISE_LWA_DIR",
        help="folder with ger_ci.csv, gb_ci.csv, fr_ci.csv (not bundled)")] = None,
    model: Annotated[str, typer.Option("--forecast-model", help="ridge, seasonal_168, "
                                       "seasonal_24 or persistence")] = "ridge",
    zones: Annotated[str | None, typer.Option(
        "--zones", help="Electricity Maps zones for the hourly 2023 runs (comma-separated); "
        "'none' to skip them")] = None,
    jobs: Annotated[int, typer.Option("--jobs", min=1, help="ad-hoc jobs per zone (2023)")
                    ] = 400,
    skip_lwa: Annotated[bool, typer.Option("--skip-lwa", help="only the 2023 zones")] = False,
    sample: Annotated[int, typer.Option(
        "--sample", min=1, help="run every N-th night (and LWA ad-hoc job) only")] = 1,
    rule: Annotated[str, typer.Option(
        "--rule", help="redecide (adopted: look again every hour on the newest forecast, "
        "beside deciding once as `once_fresh`; redecide_1/2/5: start within 1/2/5 % of the "
        "best left; redecide_gate_0.5/1: wait only for a gain beyond the forecast's error; "
        "redecide_wait_0.5/1/2/5: start only when now beats what is ahead by that %) "
        "or once (decide at submission, with the gated rules)")
                    ] = "redecide",
    refit_hours: Annotated[int, typer.Option(
        "--refit-hours", min=1, help="with a redecide rule: hours between refits of the "
        "ridge (the forecast itself is remade every hour)")] = 24,
    year: Annotated[int, typer.Option(
        "--year", help="year of the Electricity Maps runs (2022: where rules are chosen)")
                    ] = 2023,
    db: DbOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Shifting savings realised on forecasts made at each job's clock vs the oracle's."""
    from evals.shifting_forecast import run_em, run_lwa
    from gridwise.store_access import StoreAccess
    from tools.forecast import MODELS
    from tools.forecast.redecide import REDECIDE_RULES

    if model not in MODELS:
        raise UserError(f"unknown forecast model {model!r}", f"use one of {', '.join(MODELS)}")
    if rule not in ("once", *REDECIDE_RULES):
        raise UserError(f"unknown decision rule {rule!r}",
                        f"use --rule once or one of {', '.join(REDECIDE_RULES)}")
    result: dict[str, dict] = {}
    s = settings_with(db_path=db)
    # on the reference file alone: a long evaluation never holds the state file
    with StoreAccess(s.db_file, s.db_wait_s).reference(read_only=True) as store:
        if not skip_lwa:
            result["lets_wait_awhile"] = run_lwa(lwa_dir, model, store=store, sample=sample,
                                                 rule=rule, refit_h=refit_hours)
        if zones != "none":
            result[f"electricitymaps_{year}"] = run_em(
                store, [z.strip() for z in zones.split(",")] if zones else None, model, jobs,
                year=year, sample=sample, rule=rule, refit_h=refit_hours)
    if json_out:
        print_json(result)
        return
    for name, res in result.items():
        out.print(kept_table(name, res))


def kept_table(name: str, res: dict[str, dict]) -> Table:
    """Per zone and experiment: oracle saving, forecast saving, share kept (%)."""
    table = Table(title=f"{name}: saving (%) on the forecast vs the oracle (target: keep >= 85 %)")
    for col in ("zone", "experiment", "oracle %", "forecast %", "kept %", "fallbacks"):
        table.add_column(col, justify="left" if col in ("zone", "experiment") else "right")
    for exp in ("nightly", "adhoc"):
        for zone, rows in res[exp].items():
            for key, r in rows.items():
                label = f"nightly ±{key} h" if exp == "nightly" else f"ad hoc, {key}"
                kept = "-" if r["kept_pct"] is None else f"{r['kept_pct']:.0f}"
                table.add_row(zone, label, f"{r['oracle_pct']:.2f}", f"{r['forecast_pct']:.2f}",
                              kept, str(r["fallbacks"]))
    return table
