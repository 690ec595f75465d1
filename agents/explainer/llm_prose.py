"""The explainer's LLM step: prose from the claims (and charts), kept only where verified.

The model writes from the structured rationale (claims + counterfactuals) and, for
models that accept images (`GRIDWISE_LLM_VISION=true`), from the chart PNGs. Every
sentence then goes through the verifier; unverifiable ones are dropped and counted. If the
model is unavailable, or nothing it wrote survives, the templated rationale is used and
marked as such.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

from agents.explainer.rationale import build_rationale
from agents.explainer.verifier import verify
from gridwise.llm import LLMSeam, LLMUnavailable
from gridwise.models import Decision
from gridwise.prompts import load_prompt

MAX_SENTENCES = 6


def _image_parts(pngs: list[Path]) -> list[dict[str, Any]]:
    return [{"type": "image_url", "image_url": {
        "url": "data:image/png;base64," + base64.b64encode(p.read_bytes()).decode()}}
        for p in pngs]


def explain_with_llm(decision: Decision, llm: LLMSeam, vocabulary: set[str] | None = None,
                     charts: list[Path] | None = None) -> dict[str, Any]:
    """The explanation dict (as `agents.explainer.explain`), written by the LLM if verified."""
    from agents.explainer import explain

    base = explain(decision, vocabulary)
    r = build_rationale(decision)
    prompt = load_prompt(
        "explainer", "rationale", 2, max_sentences=MAX_SENTENCES,
        request_text=decision.request_text or "",
        claims_json=json.dumps([{"metric": c.metric, "value": c.value, "unit": c.unit}
                                for c in r.claims], default=str),
        counterfactuals_json=json.dumps([c.text for c in r.counterfactuals]))
    content: Any = prompt.text
    if llm.settings.llm_vision and charts:
        content = [{"type": "text", "text": prompt.text}, *_image_parts(charts)]
    try:
        prose = llm.complete("explainer", [("user", content)]).strip()
    except LLMUnavailable as exc:
        llm.reject("explainer", "unavailable", str(exc)[:200])
        return base | {"fallback": f"template: the LLM was unavailable ({exc})",
                       "rejected_by": "unavailable", "llm_model": llm.model_name}
    v = verify(prose, decision, vocabulary)
    sentences = [_strict(s.model_dump()) for s in v.sentences]
    kept = [s for s in sentences if s["verified"]]
    rec = decision.pathways.get("recommended")
    names_rec = rec is not None and any(
        rec.quote.provider in s["text"] and rec.quote.region in s["text"] for s in kept)
    if not kept or not names_rec:
        why = ("none of its sentences could be verified" if not kept else
               "it never names the recommended option")
        check = "verifier: numbers and names" if not kept else "verifier: names the recommended"
        llm.reject("explainer", check, why)
        return base | {"fallback": f"template: the LLM's prose was rejected ({why})",
                       "rejected_by": check, "llm_model": llm.model_name,
                       "llm_sentences": len(sentences), "llm_verified": len(kept)}
    return base | {
        "llm_sentences": len(sentences), "llm_verified": len(kept),
        "source": "llm", "model": llm.model_name, "prompt": prompt.record(), "prose": prose,
        "verified_text": " ".join(s["text"] for s in kept),
        "dropped": len(sentences) - len(kept), "checked_numbers": v.checked_numbers,
        "sentences": sentences,
    }


def _strict(sentence: dict[str, Any]) -> dict[str, Any]:
    """A sentence with no number and no name carries nothing checkable: unverifiable."""
    if sentence["verified"] and not sentence["numbers"] and not sentence["names"]:
        return sentence | {"verified": False,
                           "problems": [*sentence["problems"], "no checkable fact"]}
    return sentence
