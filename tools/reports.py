"""Decision reports: HTML (plotly.js inline, works offline) and PDF (WeasyPrint, PNG charts).

The rationale arrives as plain data (`explanation`, as `agents.explainer.explain` returns
it): tools do not import agents. Outputs are rendered in memory first and then written
atomically (temp file + rename), so a failure never leaves a partial file behind.
"""

from __future__ import annotations

import base64
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
import plotly
import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from gridwise import __version__
from gridwise.carbon_basis import CARBON_BASIS_TEXT
from gridwise.errors import UserError
from gridwise.models import Decision, Quote
from gridwise.store import Store
from tools.chart_export import current_umask, export_server, find_browser
from tools.charts import PATHWAY_ORDER, chart_data, decision_figures, run_now_window
from tools.report_limits import cap_rows, cap_text, refuse_special

TEMPLATES = Path(__file__).resolve().parent / "templates"
CAPTIONS = {
    "options": "Every shown option by cost and kg CO2e (marker area = runtime). The line is "
               "the cost-CO2 Pareto front; stars are the pathways; options with unknown CO2 "
               "sit on the bottom strip.",
    "timeline": "Hourly carbon intensity and energy price in the chosen (else recommended) "
                "option's grid zone: chosen window (green), run-now window (dotted outline), "
                "deadline (dashed); a zone without a wholesale market gets one line instead "
                "of a panel.",
    "clusters": "On-prem clusters: used GPUs, wholly free GPUs and free slivers of shared "
                "GPUs (fragmentation) from the node inventory.",
    "breakdown": "Per pathway: cost split into compute/instance and on-prem energy (total "
                 "on each bar), and kg CO2e with its low-high range.",
}


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                             autoescape=jinja2.select_autoescape(["html", "jinja"]),
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True)
    env.filters["money"] = lambda v: "-" if v is None else f"${v:,.2f}"
    env.filters["num"] = lambda v, d=1: "unknown" if v is None else f"{v:,.{d}f}"
    env.filters["when"] = lambda t: "-" if t is None else f"{t:%Y-%m-%d %H:%M} UTC"
    return env


def _flatten(prefix: str, value: Any) -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [kv for k, v in value.items() for kv in _flatten(f"{prefix}{k}.", v)]
    return [(prefix.rstrip("."), value)]


def request_rows(decision: Decision) -> list[tuple[str, Any]]:
    """The job spec as understood (non-default fields, constraints apart), as (field, value)."""
    spec = decision.job.model_dump(mode="json", exclude_defaults=True, exclude_none=True)
    spec.pop("constraints", None)
    return cap_rows(_flatten("", spec), decision.job.dataset.columns)


def constraint_rows(decision: Decision) -> list[tuple[str, Any]]:
    """The hard constraints that are set, as (name, value)."""
    c = decision.job.constraints.model_dump(mode="json", exclude_defaults=True,
                                            exclude_none=True)
    return [(k, ", ".join(v) if isinstance(v, list) else v) for k, v in c.items()]


def pathway_rows(decision: Decision) -> list[dict[str, Any]]:
    """One row per pathway in fixed order, quote fields included."""
    return [{"name": n, "q": decision.pathways[n].quote, "summary": decision.pathways[n].summary}
            for n in PATHWAY_ORDER if n in decision.pathways]


def relevant_sources(store: Store, decision: Decision) -> tuple[list[dict[str, Any]], int]:
    """`data_sources` rows the pathways' numbers came from, and how many rows exist."""
    rows = store.rows("SELECT name, sha256, rows, licence, loaded_at FROM data_sources "
                      "ORDER BY name")
    quotes: list[Quote] = [p.quote for p in decision.pathways.values()]
    zones = {q.carbon_zone for q in quotes if q.carbon_zone}
    markets = {m for (m,) in store.conn.execute(
        "SELECT price_market FROM clusters WHERE id IN (SELECT unnest(?)) "
        "AND price_market IS NOT NULL", [[q.cluster for q in quotes]]).fetchall()}
    files = {e.note.split(" from ")[-1] for q in quotes for e in q.evidence
             if e.table == "instance_prices" and " from " in e.note}

    def used(name: str) -> bool:
        stem = name.rsplit("/", 1)[-1].removesuffix(".csv")
        return (name.startswith("data/") or name in files
                or (name.startswith(("carbon/", "lets_wait_awhile/"))
                    and (stem in zones or name.split(":")[-1] in zones))
                or (name.startswith("prices/") and stem in markets))

    return [r for r in rows if used(r["name"])], len(rows)


def versions(store: Store, explanation: Mapping[str, Any], static: bool) -> dict[str, str]:
    """Software, schema, model and prompt versions the report was made with."""
    out = {"gridwise": __version__, "schema": str(store.schema_version()),
           "plotly": plotly.__version__}
    if static:
        import kaleido
        import weasyprint

        out["kaleido"] = kaleido.__version__ if hasattr(kaleido, "__version__") else "1.x"
        out["weasyprint"] = weasyprint.__version__
    prompt = explanation.get("prompt") or {}
    usage = explanation.get("llm_usage")
    if usage:
        out["LLM calls"] = (f"{usage.get('calls', 0)} ({usage.get('failed', 0)} failed), "
                            f"{usage.get('tokens', 0)} tokens, {usage.get('rejected', 0)} "
                            f"results rejected; model {usage.get('model', 'none')}")
    if explanation.get("rejected_by"):  # the LLM wrote prose; a check threw it out
        out["explainer model"] = (f"{explanation.get('llm_model', 'LLM')}: prose rejected by "
                                  f"{explanation['rejected_by']}, templated text shown")
    else:
        out["explainer model"] = str(explanation.get("model") or "none (templated)")
    out["explainer prompt"] = " ".join(str(prompt.get(k, "")) for k in
                                       ("name", "version", "sha256")).strip() \
        or "none (templated)"
    return out


def render_html(decision: Decision, figures: Mapping[str, go.Figure],
                explanation: Mapping[str, Any], sources: list[dict[str, Any]],
                source_total: int, versions: Mapping[str, str],
                images: Mapping[str, bytes] | None = None) -> str:
    """The report as one HTML document.

    With `images` (PNG bytes per chart) the charts are static `<img>` data URIs (for the
    PDF); otherwise they are interactive plotly divs with plotly.js inlined (no CDN).
    """
    if images is not None:
        charts = {k: '<img alt="{k}" src="data:image/png;base64,{b}">'.format(
            k=k, b=base64.b64encode(images[k]).decode("ascii")) for k in figures}
        plotly_js = ""
    else:
        charts = {k: pio.to_html(f, full_html=False, include_plotlyjs=False,
                                 div_id=f"chart-{k}", include_mathjax=False,
                                 config={"displaylogo": False, "responsive": True})
                  for k, f in figures.items()}
        plotly_js = get_plotlyjs()
    rec = decision.shown_pathway()
    return _env().get_template("report.html.jinja").render(
        d=decision, rec=rec.quote if rec else None, run_now=run_now_window(decision),
        request=request_rows(decision), constraints=constraint_rows(decision),
        pathways=pathway_rows(decision), charts=charts, captions=CAPTIONS,
        plotly_js=plotly_js, static=images is not None, ex=explanation, sources=sources,
        request_text=cap_text(decision.request_text),
        source_total=source_total, versions=versions,
        evidence=rec.quote.evidence if rec else [],
        basis_text=CARBON_BASIS_TEXT[rec.quote.carbon_basis if rec else "lca"])


def render_pdf(html: str) -> bytes:
    """PDF bytes of a static report (WeasyPrint; no network: images are data URIs)."""
    import weasyprint

    return bytes(weasyprint.HTML(string=html, base_url=str(TEMPLATES)).write_pdf())


def check_target(path: Path) -> Path:
    """`path` if a report can be written there, else a `UserError` saying why."""
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    why = None
    refuse_special(path)
    if path.is_dir():
        why = "it is a folder"
    elif not parent.exists():
        why = f"the folder {str(parent)!r} does not exist"
    elif not parent.is_dir():
        why = f"{str(parent)!r} is not a folder"
    elif not os.access(parent, os.W_OK | os.X_OK):
        why = f"the folder {str(parent)!r} is not writable"
    if why:
        raise UserError(f"cannot write the report to {str(path)!r}: {why}",
                        "pass --html/--pdf with a path in an existing, writable folder")
    return path


def write_outputs(outputs: Mapping[Path, bytes]) -> None:
    """Write every file or none: temp files in each target folder, then renames.

    Raises:
        UserError: a target cannot be written; temp files and already-renamed outputs of
            this call are removed first.
    """
    temps: dict[Path, str] = {}
    done: list[Path] = []
    current = Path(".")
    try:
        for path, data in outputs.items():
            current = check_target(path)
            fd, tmp = tempfile.mkstemp(dir=current.parent, prefix=f".{current.name}.",
                                       suffix=".tmp")
            temps[current] = tmp
            os.fchmod(fd, 0o666 & ~current_umask())
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        for path, tmp in temps.items():
            current = path
            refuse_special(path)  # again: it may have appeared since the first check
            os.replace(tmp, path)
            done.append(path)
    except OSError as exc:
        for tmp in temps.values():
            Path(tmp).unlink(missing_ok=True)
        for path in done:
            path.unlink(missing_ok=True)
        raise UserError(f"cannot write the report to {str(current)!r}: "
                        f"{exc.strerror or exc}",
                        "choose a path in an existing, writable folder") from None
    except BaseException:
        for tmp in temps.values():
            Path(tmp).unlink(missing_ok=True)
        for path in done:
            path.unlink(missing_ok=True)
        raise


def build_report(store: Store, decision: Decision, explanation: Mapping[str, Any],
                 html: Path | None = None, pdf: Path | None = None,
                 browser: str | None = None) -> dict[str, str | None]:
    """Render and write the HTML and/or PDF report of `decision`.

    Args:
        store: the store the decision and its data come from (read only).
        decision: the decision to report.
        explanation: the rationale and its verification (`agents.explainer.explain`).
        html: where to write the HTML report (None: skip).
        pdf: where to write the PDF report (None: skip); needs Chromium for the charts.
        browser: Chromium executable for static charts (default: `$BROWSER_PATH`, `PATH`).

    Returns:
        `{"html": path or None, "pdf": path or None}`.

    Raises:
        UserError: an unwritable target, or a PDF without Chromium; nothing is written.
    """
    for target in (html, pdf):
        if target is not None:
            check_target(target)
    if pdf is not None:
        find_browser(browser)
    figures = decision_figures(decision, chart_data(store.conn, decision))
    sources, total = relevant_sources(store, decision)
    outputs: dict[Path, bytes] = {}
    if html is not None:
        outputs[Path(html)] = render_html(
            decision, figures, explanation, sources, total,
            versions(store, explanation, static=False)).encode("utf-8")
    if pdf is not None:
        server = export_server(browser)
        images = {k: server.render(f, "png", scale=2.0) for k, f in figures.items()}
        outputs[Path(pdf)] = render_pdf(render_html(
            decision, figures, explanation, sources, total,
            versions(store, explanation, static=True), images=images))
    write_outputs(outputs)
    return {"html": str(html) if html else None, "pdf": str(pdf) if pdf else None}

