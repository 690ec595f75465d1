"""Model table: the shipped, sourced model list and the name -> `ModelSpec` resolution.

Sizing reads model size and shape from here: `resolve_model` matches names and aliases
(or reads a size written in the name), `_complete` fills a job's model from the table and
`_shape` gives the (layers, hidden, kv ratio) the memory estimates use.
"""

from __future__ import annotations

import csv
import difflib
import re
from functools import lru_cache
from pathlib import Path

from gridwise.errors import UnknownNameError, UserError
from gridwise.models import ModelSpec
from gridwise.names import alias_index

MODELS_CSV = Path(__file__).resolve().parent.parent / "data" / "models.csv"
#: Sanity limit; larger inputs are typos (e.g. parameters given in units, not billions).
MAX_PARAMS_B = 5000.0
#: Without a published shape, hidden size follows N = 12 L h^2 with h / L = 128.
FALLBACK_HIDDEN_PER_LAYER = 128


#: A sized name with a known name's digits and letters this close to its letters (difflib
#: ratio) is taken for a typo and refused with the suggestion, rather than quoted as an
#: unknown model. Names whose digits differ (Qwen2-7B vs Qwen2.5-7B) are other models.
TYPO_CUTOFF = 0.8


def _typo_of(key: str, index: dict[str, str]) -> str | None:
    digits = re.sub(r"\D", "", key)
    letters = re.sub(r"\d", "", key)
    for known in index:
        if re.sub(r"\D", "", known) != digits:
            continue
        other = re.sub(r"\d", "", known)
        if other != letters and difflib.SequenceMatcher(None, letters, other).ratio() >= \
                TYPO_CUTOFF:
            return known
    return None


def _norm(name: str) -> str:
    return "".join(ch for ch in name.lower().rsplit("/", 1)[-1] if ch.isalnum())


_VARIANT_SUFFIX = re.compile(r"(instruct|chat|hf|it|base|v\d+(?:\.\d+)?|\d{4})$")


@lru_cache(maxsize=4)
def load_models(path: Path = MODELS_CSV) -> dict[str, ModelSpec]:
    """Canonical model name -> `ModelSpec` from the shipped, sourced table."""
    out: dict[str, ModelSpec] = {}
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            heads, kv = row["n_heads"], row["n_kv_heads"]
            out[row["name"]] = ModelSpec(
                name=row["name"],
                params_b=float(row["params_b"]),
                active_params_b=float(row["active_params_b"]) if row["active_params_b"] else None,
                moe=row["moe"] == "true",
                layers=int(row["layers"]) if row["layers"] else None,
                hidden=int(row["hidden"]) if row["hidden"] else None,
                kv_heads_ratio=int(kv) / int(heads) if heads and kv else None,
            )
    return out


@lru_cache(maxsize=4)
def _model_index(path: Path = MODELS_CSV) -> dict[str, str]:
    return alias_index(path, _norm)


def _parse_size_b(name: str) -> float | None:
    """Parameters (billions) written in a name: 'Foo-13B' -> 13, 'bar-350M' -> 0.35."""
    low = name.lower()
    moe = re.search(r"(\d+)x(\d+(?:\.\d+)?)b(?![a-z])", low)
    if moe:
        return int(moe.group(1)) * float(moe.group(2))
    hit = re.search(r"(?<![a-z0-9.])(\d+(?:\.\d+)?)\s*([bmk])(?![a-z])", low)
    if not hit:
        return None
    scale = {"b": 1.0, "m": 1e-3, "k": 1e-6}[hit.group(2)]
    return float(hit.group(1)) * scale


def resolve_model(name: str, path: Path = MODELS_CSV) -> ModelSpec:
    """The `ModelSpec` for a model name, alias or any name with an explicit size.

    Matching ignores case, punctuation and an organisation prefix (`meta-llama/...`), then
    retries without variant suffixes (`-Instruct`, `-chat`, `-hf`, `-v0.1`). A name not in the
    table but carrying a size (`Foo-13B`, `bar-350M`) gets that size and no shape.

    Raises:
        UnknownNameError: the name is neither known nor carries a size (with suggestions).
    """
    index, models = _model_index(path), load_models(path)
    key = _norm(name)
    while key:
        if key in index:
            return models[index[key]].model_copy()
        shorter = _VARIANT_SUFFIX.sub("", key)
        if shorter == key:
            break
        key = shorter
    size = _parse_size_b(name)
    if size is None or size <= 0:
        raise UnknownNameError("model", name, models.keys())
    near = _typo_of(key, index)
    if near:  # "Lama-3-8B" is a typo of a known model, not a new 8B model
        raise UnknownNameError("model", name, [models[index[near]].name or near])
    if size > MAX_PARAMS_B:
        raise UserError(f"model {name!r} parses to {size:g}B parameters, beyond {MAX_PARAMS_B:g}B",
                        "check the size in the name (B = billions, M = millions)")
    return ModelSpec(name=name, params_b=size, moe="x" in name.lower() and size > 0)


def _complete(spec: ModelSpec) -> ModelSpec:
    """Fill the model's size and shape from the table when the job names it."""
    if spec.name:
        try:
            known = resolve_model(spec.name)
        except UnknownNameError:
            if spec.params_b is None:
                raise
            known = ModelSpec()
        data = {**known.model_dump(exclude_none=True), **spec.model_dump(exclude_none=True)}
        data["moe"] = spec.moe or known.moe
        spec = ModelSpec(**data)
    if spec.params_b is None:
        raise UserError("the job names no model size",
                        "give a known model name (e.g. 'Llama-3-8B') or its parameters in billions")
    if spec.params_b > MAX_PARAMS_B:
        raise UserError(f"{spec.params_b:g}B parameters is beyond {MAX_PARAMS_B:g}B",
                        "give parameters in billions (7 for a 7B model)")
    return spec


def _params_b(spec: ModelSpec) -> float:
    """Total parameters (billions) of a spec that `_complete` has filled."""
    if spec.params_b is None:
        raise UserError("the job names no model size", "give a model name or its parameters")
    return spec.params_b


def _shape(spec: ModelSpec) -> tuple[int, int, float]:
    """(layers, hidden, kv ratio), published or estimated from the parameter count."""
    if spec.layers and spec.hidden:
        return spec.layers, spec.hidden, spec.kv_heads_ratio or 1.0
    hidden = (_params_b(spec) * 1e9 * FALLBACK_HIDDEN_PER_LAYER / 12) ** (1 / 3)
    layers = max(1, round(hidden / FALLBACK_HIDDEN_PER_LAYER))
    return layers, int(hidden), spec.kv_heads_ratio or 1.0
