"""Faithfulness of rationales over the labelled requests (issue: explainer).

For every request of a labelled file that needs no clarification, the scheduling graph
runs to its decision (on a throw-away copy of the store), and the explanation is scored:
how many rationale sentences verified, how many were dropped, and whether any number
that reached the report text fails a fresh verification (the target is zero).
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from agents.explainer.verifier import store_vocabulary, verify
from evals.intake import DEFAULT_REQUESTS, load_requests
from gridwise.llm import LLMSeam
from gridwise.records.decisions import load_decision
from gridwise.settings import Settings
from gridwise.store import Store


def run_faithfulness(settings: Settings, requests: Path = DEFAULT_REQUESTS,
                     limit: int | None = None) -> dict[str, Any]:
    """Run the graph on each answerable request and score its explanation."""
    from langgraph.checkpoint.memory import InMemorySaver

    from graphs.scheduling.context import build_deps
    from graphs.scheduling.graph import build_graph

    cases = [c for c in load_requests(requests) if not c.expect.get("needs_clarification")]
    cases = cases[:limit] if limit else cases
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "copy.duckdb"
        shutil.copy(settings.db_file, db)
        with Store.open(db) as store, LLMSeam(settings) as seam:
            vocab = store_vocabulary(store.conn)
            lo, hi = store.time_range()
            deps = build_deps(store, settings, seam if seam.enabled else None)
            graph = build_graph(InMemorySaver())
            for case in cases:
                clock = case.now.replace(tzinfo=None) if case.now.tzinfo else case.now
                if not lo <= clock <= hi:
                    rows.append({"id": case.id, "skipped": "clock outside the data"})
                    continue
                t0 = time.perf_counter()
                calls = len(seam.calls)
                tokens = sum(c.prompt_tokens + c.completion_tokens for c in seam.calls)
                out = graph.invoke({"request": case.text, "clock": clock.isoformat()},
                                   {"configurable": {"thread_id": case.id}}, context=deps)
                row: dict[str, Any] = {"id": case.id, "seconds": time.perf_counter() - t0,
                                       "llm_calls": len(seam.calls) - calls,
                                       "llm_tokens": sum(c.prompt_tokens + c.completion_tokens
                                                         for c in seam.calls) - tokens}
                if "explanation" not in out:
                    row["skipped"] = "no decision (clarification asked)"
                    rows.append(row)
                    continue
                e = out["explanation"]
                sentences = e["sentences"]
                decision = load_decision(store, out["decision_id"])
                recheck = verify(e["verified_text"], decision, vocab)
                row |= {"source": e["source"], "sentences": len(sentences),
                        "verified": sum(s["verified"] for s in sentences),
                        "unverifiable_in_report": sum(not s.verified for s in recheck.sentences)
                        + sum(s.numbers for s in recheck.sentences if not s.verified),
                        "llm_sentences": e.get("llm_sentences", 0),
                        "llm_verified": e.get("llm_verified", 0)}
                rows.append(row)
    scored = [r for r in rows if "sentences" in r]
    total = sum(r["sentences"] for r in scored)
    return {
        "llm": settings.llm if settings.llm != "embedded" else
        f"embedded ({settings.llm_embedded_model})",
        "decisions": len(scored), "skipped": len(rows) - len(scored),
        "sentences": total,
        "verified_share": round(sum(r["verified"] for r in scored) / total, 4) if total else None,
        "unverifiable_in_reports": sum(r["unverifiable_in_report"] for r in scored),
        "llm_prose_used": sum(r["source"] == "llm" for r in scored),
        "llm_sentences": sum(r["llm_sentences"] for r in scored),
        "llm_sentences_verified": sum(r["llm_verified"] for r in scored),
        "p50_s": round(statistics.median(r["seconds"] for r in scored), 3) if scored else None,
        "rows": rows, "at": datetime.now().isoformat(timespec="seconds"),
    }
