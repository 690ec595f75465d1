"""The explainer: a structured rationale for each decision, prose, and its verification.

This is the deterministic half: claims bound to the record, counterfactuals, templated
prose and the verifier. The LLM prose step plugs in on top (prompt
`prompts/explainer/rationale.v1.md`) and goes through the same verifier.
"""

from __future__ import annotations

from typing import Any

from agents.explainer.rationale import Rationale, build_rationale
from agents.explainer.verifier import Verification, verify
from gridwise.models import Decision

__all__ = ["Rationale", "Verification", "build_rationale", "explain", "verify"]


def explain(decision: Decision, vocabulary: set[str] | None = None) -> dict[str, Any]:
    """Templated rationale plus its verification, as the report shows them.

    Returns:
        `{"source", "model", "prompt", "prose", "verified_text", "dropped",
        "checked_numbers", "sentences": [{"text", "verified", "problems"}],
        "claims": [...], "counterfactuals": [...]}`.
    """
    r = build_rationale(decision)
    v = verify(r.prose, decision, vocabulary)
    return {
        "source": r.source, "model": r.model or "none (templated)",
        "prompt": r.prompt or {"name": "none (templated)", "version": "", "sha256": ""},
        "prose": r.prose, "verified_text": v.verified_text, "dropped": v.dropped,
        "checked_numbers": v.checked_numbers,
        "sentences": [s.model_dump() for s in v.sentences],
        "claims": [c.model_dump() for c in r.claims],
        "counterfactuals": [c.model_dump() for c in r.counterfactuals],
    }
