"""Calibration table: every published reference, gridwise before (commit 0cbbace) and after.

`python -m bench.bench_references` prints the Markdown table BENCHMARKS.md carries. The
"before" column was measured once with the pre-issue-12 model (0.35 of the BF16 peak for
every job, linear scaling, no eval overhead, host +25 %, training nodes capped at 16);
"after" is computed now from `tools.calibration`.
"""

from __future__ import annotations

from tests.references.cases import REFERENCES, predict

#: gridwise at commit 0cbbace on the same JobSpecs (runtime scaled linearly to the stated
#: GPUs, as quoting did then; None: refused as "does not fit").
BEFORE: dict[str, float | None] = {
    "MLPerf llama2_70b_lora, 8 x H100": 41.79,
    "MLPerf gpt3 175B, 512 x H100": 121.7,
    "MLPerf llama31_405b, 512 x H100": None,
    "LoRA scaling 8 -> 64 x H100": 8.0,
    "MLPerf Power llama2_70b_lora node": 5.6,
    "MLPerf Power GPT-3 node (64 nodes)": 5.95,
    "MLPerf Power llama2_70b_lora energy": 3.9,
    "MLPerf Power GPT-3 energy (512 x H100)": 772.4,
    "Llama 2 70B pre-training": 2.106e6,
    "Llama 2 7B pre-training": 2.057e5,
    "Llama 2 13B pre-training": 3.968e5,
    "Llama 2 34B pre-training": 1.029e6,
    "BLOOM-176B pre-training": 9.843e5,
}
#: gridwise at main 28dfa66 (the start of the second issue-12 session): the calibrated model
#: without recompute or interruption terms. Missing: the reference was not in the suite.
START: dict[str, float] = {
    "MLPerf llama2_70b_lora, 8 x H100": 28.8,
    "MLPerf gpt3 175B, 512 x H100": 50.8,
    "MLPerf llama31_405b, 512 x H100": 241,
    "LoRA scaling 8 -> 64 x H100": 5.41,
    "MLPerf Power llama2_70b_lora node": 7.17,
    "MLPerf Power GPT-3 node (64 nodes)": 6.86,
    "MLPerf Power llama2_70b_lora energy": 3.44,
    "MLPerf Power GPT-3 energy (512 x H100)": 372,
    "Llama 2 70B pre-training": 1_867_444,
    "Llama 2 7B pre-training": 189_569,
    "Llama 2 13B pre-training": 360_515,
    "Llama 2 34B pre-training": 919_874,
    "BLOOM-176B pre-training": 814_415,
    # TensorRT-LLM rows: the session-start decode model read the KV cache at full length
    "TRT-LLM Llama-2-7B H100 x1, batch 768, 128/128": 20_096,
    "TRT-LLM Llama-2-7B H100 x1, batch 112, 128/2048": 3_964,
    "TRT-LLM Llama-2-7B H100 x1, batch 80, 2048/128": 1_709,
    "TRT-LLM Llama-2-7B H100 x1, batch 48, 2048/2048": 1_983,
    "TRT-LLM Llama-2-70B H100 x2, batch 1024, 128/128": 2_503,
    "TRT-LLM Llama-2-70B H100 x4, batch 480, 128/2048": 4_628,
    "TRT-LLM Llama-2-70B H100 x2, batch 96, 2048/128": 272,
    "TRT-LLM Llama-2-70B H100 x2, batch 64, 2048/2048": 1_107,
    "TRT-LLM Llama-2-7B A100-80GB x1, batch 384, 128/128": 4_826,
    "TRT-LLM Llama-2-7B A100-80GB x1, batch 60, 128/2048": 1_112,
    "TRT-LLM Llama-2-7B A100-80GB x1, batch 52, 2048/128": 397,
}
UNITS = {"runtime_min": "min", "gpu_hours": "GPU-h", "node_kw": "kW", "energy_kwh": "kWh",
         "speedup": "x", "out_tok_s_per_gpu": "tok/s/GPU"}


def _fmt(v: float | None) -> str:
    if v is None:
        return "refused"
    if v != v:  # NaN: not measured then
        return "-"
    return f"{v:,.0f}" if v >= 1000 else f"{v:.3g}"


def main() -> None:
    """Print the reference table (Markdown)."""
    print("| reference | source | unit | published | before (0cbbace) | session start "
          "(28dfa66) | after | ratio before | ratio start | ratio after | band | hit |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    nan = float("nan")
    for r in REFERENCES:
        after = predict(r)
        before = BEFORE.get(r.name, nan)
        start = START.get(r.name, nan)
        ratio = after / r.published
        rb = "-" if before is None or before != before else f"{before / r.published:.2f}"
        rs = "-" if start != start else f"{start / r.published:.2f}"
        hit = "yes" if abs(ratio - 1) <= r.band else (
            "**no** (known)" if r.known_miss else "**no**")
        print(f"| {r.name} | {r.source} | {UNITS[r.metric]} | {_fmt(r.published)} | "
              f"{_fmt(before)} | {_fmt(start)} | {_fmt(after)} | {rb} | {rs} | {ratio:.2f} | "
              f"±{r.band:.0%} | {hit} |")


if __name__ == "__main__":
    main()
