"""Model names outside the family list, read from their shape and their place in the text.

`models_found` reads names that start at a known family. New models keep appearing, so a
name is also read where its spelling is a model's and the words around it put a model
there: a camel-case word ("PaddleOCR", "GraphSAGE", "IndicTrans2", "ColBERTv2") after a
job verb or "with" / "using", or before "model"; a capitalised word with a size class
("Nougat-base"). Tools, companies, datasets and benchmarks share the shape, so they are
listed and skipped ("with DeepSpeed", "on HellaSwag").
"""

from __future__ import annotations

import re

from agents.intake.text import Hit

#: Camel-case words that are tools, services or companies, not models (lower case).
NOT_MODELS = {
    "pytorch", "tensorflow", "deepspeed", "github", "gitlab", "youtube", "linkedin", "openai",
    "huggingface", "sagemaker", "bigquery", "duckdb", "postgresql", "mongodb", "tensorrt",
    "flashattention", "mosaicml", "coreweave", "runpod", "fastapi", "jupyterlab", "jupyterhub",
    "mlflow", "skypilot", "openshift", "powerpoint", "javascript", "typescript", "databricks",
    "cloudwatch", "wandb", "langchain", "llamaindex", "pyspark", "scipy", "numpy", "openmpi",
    "infiniband", "nvlink", "kserve", "torchserve", "bentoml", "torchtune", "sharepoint",
    "onedrive", "dropbox", "whatsapp", "wechat", "tiktok", "paypal", "deepmind", "softbank",
    "servicenow", "salesforce", "hubspot", "stackoverflow", "chatgpt", "megatron", "nvidia",
    "lambdalabs", "googlecloud", "amazonwebservices", "sciml", "pytorchlightning", "tensorboard",
    "dataloader", "webdataset", "parquet", "safetensors", "onnxruntime", "openvino", "macos",
    "iphone", "ipad", "gpus", "tpus", "mlops", "devops", "finops", "kubeflow", "airflow",
    # methods and libraries written like names
    "nemo", "paddlepaddle", "mindspore", "oneflow", "exllama", "exllamav2", "litserve",
    "deepsparse", "openllm", "localai", "fastchat", "textgen", "autogptq", "bitsandbytes",
    "lora", "qlora", "dora", "moe", "setfit", "peft", "trl", "unsloth", "axolotl", "dreambooth",
    "xgboost", "lightgbm", "catboost", "mlperf", "mlcommons",
    # datasets and benchmarks written in camel case
    "imagenet", "librispeech", "openwebtext", "commonvoice", "wikitext", "slimpajama", "fineweb",
    "refinedweb", "codesearchnet", "hellaswag", "truthfulqa", "humaneval", "winogrande",
    "superglue", "squad", "multinli", "triviaqa", "naturalquestions", "boolq", "openbookqa",
    "commonsenseqa", "medqa", "pubmedqa", "livebench", "alpacaeval", "mtbench", "arenahard",
    "bigbench", "scienceqa", "docvqa", "textvqa", "chartqa", "longbench", "thestack", "laion",
    "mscoco", "cifar", "gsm8k", "mbpp", "mmlu", "ifeval", "msmarco", "beir",
}
#: Endings of camel-case words that name datasets, tools or teams rather than models.
_NOT_MODEL_END = re.compile(r"(?:QA|Bench|Eval|Hub|Ops|DB|SQL|Script|Set|Data|Corpus|Lab|Labs|"
                            r"Cloud|Store|Flow|Board|Works|Team|AI|Prompts|Questions|Pile|Stack)$")
_CAMEL = re.compile(r"(?<![\w/.@-])(?P<n>[A-Z][a-z]+(?:[A-Z][A-Za-z]*|\d+[A-Za-z]*)+"
                    r"(?:-[A-Za-z0-9.]+)*|[A-Z][a-z]+[A-Z]{2,}[a-z]*\d*(?:-[A-Za-z0-9.]+)*|"
                    r"[A-Z]{2,}[a-z]{3,}\d*(?:-[A-Za-z0-9.]+)*)"
                    r"(?![\w/@-])")
#: "a MoE-free decoder", "GPU-heavy": a compound adjective, not a name
_ADJECTIVE_END = re.compile(r"-(?:free|based|like|only|style|heavy|aware|ready|friendly|native|"
                            r"first|scale|level|sized|class|grade|powered|backed)$", re.IGNORECASE)
#: An upper-case stem with a version: "YOLOv8x", "BLIPv2"
_CAPS_VERSION = re.compile(r"(?<![\w/.@-])(?P<n>[A-Z]{2,}[a-z]*v\d+[a-z]{0,2}(?:-[A-Za-z0-9.]+)*)"
                           r"(?![\w/@-])")
#: A capitalised word with a size class: "Nougat-base", "Kestrel-large-v2"
_CAP_SIZED = re.compile(r"(?<![\w/.@-])(?P<n>[A-Z][a-z]{2,}(?:-[A-Za-z0-9.]+)*-(?:small|base|"
                        r"medium|large|xl|xxl|tiny|mini|huge|giant|nano)(?:-[A-Za-z0-9.]+)*)"
                        r"(?![\w/@-])")
#: What puts a model right before a name: a job verb, "with" / "using", a sentence start
_SLOT_BEFORE = re.compile(
    r"(?:\b(?:with|using|via|of|run|running|serve|serving|host|hosting|deploy|deploying|"
    r"fine-?tune|finetune|train|pre-?train|retrain|eval|evaluate|benchmark|distil+|quantize|"
    r"model|checkpoint|"
    # "with" / "by means of" in other languages: "con BirdNET", "mit FooNet", "ile X" (s14)
    r"con|com|mit|med|avec|met|dengan|pomocí|pomocą|gyda|kwa|bằng|моделью|модели|модель)\s+|"
    r"^|[.:;!?]\s+)$", re.IGNORECASE)
_SLOT_AFTER = re.compile(r"^\s+(?:model|checkpoint|encoder|decoder|retriever|embedder|"
                         r"recogni[sz]er|detector|classifier|pipeline|weights|embeddings?|"
                         # "run the ClimaX fine-tune", "the FooNet training job" (s12)
                         r"fine-?tun(?:e|es|ing)|training|pre-?training|evals?|evaluation|"
                         r"inference|endpoint|re-?run)\b(?!\s+(?:benchmark|suite|harness))|"
                         # a postposed "with": Turkish "ile", Bengali "দিয়ে", Hindi "से" (s14)
                         r"^\s+(?:ile|দিয়ে|দিয়ে|से|के साथ)(?!\w)", re.IGNORECASE)
#: a name alone in brackets after the job it runs: "(CorrDiff)", "(EfficientNet-B7
#: architecture)", "segmentation model training (SwinUNETR)" (s12)
_BRACKETED = re.compile(r"\(\s*$")
_BRACKET_CLOSE = re.compile(r"^\s*(?:architecture|model|backbone|network)?\s*\)")
_STOP_AFTER = re.compile(r"^[\s-]?(?:style|like|based|class|type|ish|sized?|family|architecture|"
                         r"alike)\b", re.IGNORECASE)


def shaped_models(text: str, skip: set[str]) -> list[Hit]:
    """Names shaped like models in model slots (`skip`: lower-case words never models)."""
    out = []
    for pattern in (_CAMEL, _CAPS_VERSION, _CAP_SIZED):
        for m in pattern.finditer(text):
            name = m.group("n").rstrip(".")
            first = name.split("-")[0]
            if first.lower() in NOT_MODELS | skip or _NOT_MODEL_END.search(first) \
                    or _ADJECTIVE_END.search(name):
                continue
            before = text[max(0, m.start() - 30):m.start()]
            after = text[m.start() + len(name):]
            bracketed = bool(_BRACKETED.search(before) and _BRACKET_CLOSE.match(after))
            if _STOP_AFTER.match(after) and not bracketed:
                continue
            in_slot = _SLOT_BEFORE.search(before) or _SLOT_AFTER.match(after) or bracketed
            if pattern is not _CAP_SIZED and not in_slot:
                continue
            out.append(Hit(name, m.start(), m.start() + len(name), name))
    return sorted(out, key=lambda h: h.start)
