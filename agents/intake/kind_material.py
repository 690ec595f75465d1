"""The job kind from the material a request names, when no job word and no shape states it.

Casual and mixed-language requests ("yo, need whisper-medium to chew through 600 GiB of
voice notes", "Full FT of Phi-1.5 on 7 GB", a romanised verb) often carry no job word
`workload` knows, yet what they name already says the job:
- a fine-tuning method (LoRA, QLoRA, a full fine-tune: `workload.find_method`) or
  training knobs (epochs, a learning rate, gradient accumulation) applied to a named
  model make a fine-tune;
- a model built for one offline task (speech recognition, translation, embeddings,
  OCR, captioning, detection or segmentation) given data to go through makes a batch
  inference pass.
Each rule needs a named model and the job's own material; a request naming a model
and nothing it should do still asks "which workload?".
"""

from __future__ import annotations

import re

from agents.intake.text import Hit

#: Families whose models do one offline task over data: speech to text, translation,
#: embeddings and retrieval, OCR and documents, captions, detection and segmentation
#: (anywhere in the name: "paraphrase-multilingual-MiniLM-L12-v2").
_TASK_MODELS = re.compile(
    r"(?<![a-z0-9])(?:distil-?)?(?:whisper|wav2vec2?|hubert|wavlm|parakeet|canary|conformer|xls-r|mms|"
    r"seamless\w*|speecht5|unispeech|nllb|opus-mt|marian|m2m100|madlad|bge|e5|"
    r"multilingual-e5|gte|(?:all-)?minilm|(?:all-)?mpnet|nomic-embed|jina-embeddings|"
    r"mxbai-embed|sentence-t5|instructor|stella|labse|colbert|gritlm|trocr|donut|layoutlm\w*|"
    r"paddleocr|blip(?:-?2)?|clip|openclip|siglip|yolo\w*|detr|rt-detr|sam2?|"
    r"segment[\s-]anything|segformer|mask2former|depth-anything|owlvit|florence)(?![a-z])"
    r"|(?:embed|ocr|asr|whisper)", re.IGNORECASE)
#: Knobs only a training run has.
_TRAINING_KNOBS = re.compile(
    r"\b\d+\s*epochs?\b|\bepochs?\s*[:=]?\s*\d|\b(?:learning[- ]rate|lr)\s*[:=]?\s*\d|"
    r"\bgrad(?:ient)?[- ]accum\w*|\bwarm-?up\s+steps\b|\bgradient[- ]checkpointing\b|"
    r"\b(?:adamw?|sgd)\s+optimi[sz]er\b|\bfsdp\b|\bzero[- ]?[23]\b", re.IGNORECASE)


def kind_from_material(text: str, models: list[str], method: str | None,
                       has_data: bool) -> Hit | None:
    """The kind the named model and its material imply, or None when they say too little.

    Args:
        text: the request with model names masked.
        models: the model names found, in text order.
        method: the fine-tuning method stated (`lora`, `qlora`, `full`), if any.
        has_data: the request states a dataset size or token count.
    """
    if not models:
        return None
    if method is not None:
        return Hit("fine-tune", 0, 0, f"material: method {method}")
    knob = _TRAINING_KNOBS.search(text)
    if knob:
        return Hit("fine-tune", knob.start(), knob.end(), "material: " + knob.group(0))
    if has_data and _TASK_MODELS.search(models[0]):
        return Hit("batch-inference", 0, 0, f"material: {models[0]} over data")
    return None
