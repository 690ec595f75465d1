"""Job nouns of languages the kind tables do not hold, for `lexicon.rewrite` (s14).

The concept matrix (`pivot`) has job verbs per language; writers also name the job by a
noun phrase: a chatbot service written in Bengali, Nepali / Hindi or Amharic script, a
Swedish customer-service bot, Lithuanian "mokymas nuo nulio" (training from scratch),
Afrikaans "van voor af oplei". Each becomes the English phrase the kind rules read.
`JOB_WORDS`: the single job words of the lexicon's first languages (de / fr / es / pt / nl /
it), kept here beside the phrases.
"""

from __future__ import annotations

#: (pattern, English); whole words, any case.
KIND_PHRASES: list[tuple[str, str]] = [
    # a chatbot (or chat) service: a model served to users
    (r"(?:চ্যাটবট|চ্যাট)\s+সার্ভিস|(?:च्याटबोट|चैटबॉट|चैटबोट)\s+(?:सेवा|सर्विस)|ቻት\s+አገልግሎት",
     "chatbot service"),
    (r"kundtjänstbot\w*|kundeservicebot\w*|kundeservicechatbot\w*", "customer service chatbot"),
    (r"chattbot\w*", "chatbot"),
    # training a model from scratch
    (r"mokym\w*", "training"), (r"nuo\s+nulio", "from scratch"),
    (r"van\s+voor\s+af", "from scratch"), (r"oplei", "train"),
]

#: Job verbs and nouns of the lexicon's first languages (de / fr / es / pt / nl / it) ->
#: English, single words (moved from `lexicon.WORDS`, where they are spliced in place).
JOB_WORDS: dict[str, str] = {
    "feintunen": "fine-tune", "finetunen": "fine-tune", "feinabstimmen": "fine-tune",
    "nachtrainieren": "fine-tune", "afinar": "fine-tune", "affiner": "fine-tune",
    "ajustar": "fine-tune", "trainieren": "train", "entraîner": "train", "entrainer": "train",
    "entraînement": "training", "entrainement": "training", "entrenar": "train",
    "entrenamiento": "training", "treinar": "train", "treinamento": "training",
    "trainen": "train", "addestrare": "train", "addestramento": "training",
    "inferenz": "inference", "inferencia": "inference", "inférence": "inference",
    "inferência": "inference", "bereitstellen": "serve", "servir": "serve", "trainiere": "train",
    "trainiert": "train", "dienst": "service", "during": "for", "modell": "model",
    "modèle": "model", "modello": "model", "transkription": "transcription",
    "transkribieren": "transcribe", "évitant": "avoiding", "evitando": "avoiding",
    "vermeiden": "avoid",
    "evaluieren": "evaluate", "évaluer": "evaluate", "evaluar": "evaluate", "avaliar": "evaluate",
    "evalueren": "evaluate", "valutare": "evaluate",
}
