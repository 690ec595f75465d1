"""What the job is and how the user wants it run: kind, method, precision, spot, objective.

Each finder returns every cue it saw (the candidates) and the value the labelling rules
pick from them. Cues are word patterns; a negation just before a cue ("no rush",
"not urgent") cancels it.
"""

from __future__ import annotations

import re

from agents.intake.kind_hedges import describing_hits, undecided_kinds, without_re_prefix
from agents.intake.kind_shape import infer_kind
from agents.intake.objective import find_objective
from agents.intake.text import Hit

# ----------------------------------------------------------------------------- kind
_KIND_CUES: list[tuple[str, str]] = [
    ("eval", r"\beval(?:uat\w*|s|ute\w*)?\b|(?<!\w)[eé]valu\w+|\bevaul\w*|\bbenchmark(?:s|ing)?\b|"
             r"\bbench\b(?=\s+(?:our|the|my|a|an|this|these|it|\u2591))|\bred[- ]?team"
             r"(?:ing)?\b|\btest suite\b|\blm-eval\b|\bregression (?:eval|test)s?\b|"
             r"\b(?:mmlu|hellaswag|gsm8k|humaneval|mbpp|truthfulqa|helm|arc-challenge)\b|"
             # named suites and harnesses: "BIG-bench Hard", "SWE-bench Lite", "MTEB"
             r"\b(?:big-?bench|bbh|swe-?bench|mteb|alpaca-?eval|arena-?hard|mt-?bench|ifeval|"
             r"gpqa|livebench|winogrande|superglue|glue|squad|xnli|lm[- ]evaluation[- ]harness)\b|"
             # "the regression suite", "our GLUE suite", "an eval sweep over checkpoints"
             r"\b(?:regression|eval|evaluation|benchmark|glue|accuracy)\s+"
             r"(?:suites?|runs?|pass|checks?)\b|\bsuites?\s+(?:on|against|over|for)\b|"
             r"\b(?:eval|benchmark|test)?\s*harness\b|\bleaderboard\b|"
             # an audit of a model: "the bias audit of X", "run the audit suite" (not "the
             # EU office audit is coming")
             r"\b(?:bias|fairness|safety|model|robustness|toxicity)\s+audits?\b|"
             r"\baudit\s+(?:suite|numbers|results|runs?|harness)\b|"
             r"\baudit(?:ing)?\s+(?:of\s+)?(?:our\s+|the\s+)?\u2591|\bperplexity\b"),
    ("train", r"\bpre-?train(?:ing|ed)?\b|\bfrom scratch\b|\bablations?\b|"
              # "a ResNet-50 imagenet run": a run on a training corpus
              r"\b(?:imagenet|cifar-?\d*|c4|the pile|redpajama|fineweb|openwebtext|laion)"
              r"(?:-\w+)?\s+(?:run|job|training)\b|\bcontinued pre-?training\b|"
              r"\b(?:hyper[- ]?param(?:eter)?s?|hparams?)\s+(?:sweep|search|tuning|optimi[sz]ation|"
              r"space)\b|\bsweeps?\b|"
              r"\bdistil(?:l?(?:ed|ing|ation|s)?|l)\b|\bre-?train(?:ing|ed|s)?\b|\breproduc(?:e|ing)\b|"
              # "score 2M training docs": the data a model learnt from, no training job (s12)
              r"\btrain(?:ing)?\b(?!\s+(?:data|set|split|corpus|examples|tokens|docs|documents|"
              r"samples|images|files|records|texts|pairs|shards|dataset)\b)"),
    ("fine-tune", r"\b(?:fine[- ]?tun+|finetun+|fine[- ]?tu|finetu)(?:e|es|ing)\b|(?<!\ba )"
                  r"(?<!\ban )(?<!\bour )(?<!\bthe )(?<!\bmy )(?<!\btheir )(?<!\byour )"
                  r"(?<!\bthese )\b(?:fine[- ]?tun|finetun)ed\b|\bq?lora\b|\bsft\b|"
                  r"\bdpo\b|\brlhf\b|\bppo\b|\bdomain[- ]adapt\w*|\binstruction[- ]tun\w*|"
                  r"\badapt(?:ing)?\b(?=\s+[\w\u2591])|\bdream-?booth\b|\btextual inversion\b"),
    ("batch-inference", r"\bbatch\b|\bembed(?!ded\b)\w*|\btransc?ri(?:be|bing|ption)s?\b|"
                        r"\btranscripts\s+(?:of|for)\b|"
                        r"\bcaption(?:ing|s)?\b|\btranslat(?:e|ion|ing)\b|\bscor(?:e|ing)\b|"
                        r"\bclassif(?:y|ication|ying)\b|\bocr\b|\btagging\b|\btag\s+(?:\d|all|the|our|every|"
                        r"images|photos|documents|videos|frames)|\blabel(?:l)?ing\b|"
                        r"\bsummari[sz](?:e|ing|ation)\b|\bgenerat(?:e|ing)\s+(?:\w+\s+)?"
                        r"(?:completions|outputs|captions|responses|answers|images|descriptions)\b"
                        r"|\bextract(?:ion)?\b|\boffline inference\b|\bdedup\w*|\bre-?rank\w*|"
                        r"\bindex(?:ing)?\b|\bsynthetic data\b|\bgenerat(?:e|ing|ion)\b|"
                        # "pairs generated with X", weather "hindcasts" / "reforecasts" (s12)
                        r"\bgenerated\s+(?:with|by|using)\b|\b(?:hind|re-?fore)casts?\b|"
                        r"\bensemble\s+(?:forecasts?|members|(?:re-?)?runs?)\b|"
                        # "offline forecasting over 30 GB", "offline scoring of the logs" (s16)
                        r"\boffline\s+(?:\w+\s+)?(?:forecast\w*|scor\w*|predict\w*|process\w*|"
                        r"labell?ing|tagging|analysis|evaluation\s+runs?)\b|"
                        # "run our toxicity model over 2.6 million transcripts" (s16)
                        r"\b(?:run|apply)\b[^.;]{0,40}?\b(?:model|classifier|detector|scorer|"
                        r"ranker|tagger|captioner)\s+(?:over|on|across|against)\s+(?:all\s+|"
                        r"the\s+|our\s+|about\s+|~\s?)?\d[\d.,]*\s*(?:[kmb]\b|million|billion|"
                        r"thousand)?\s*[a-z]|"
                        # media and document passes: "segment 2 TB of scans", "upscale frames"
                        r"\b(?:segment(?:ing|ation)?|detect(?:ing|ion)?|upscal(?:e|ing)|scan(?:ning)?|"
                        r"denois(?:e|ing)|vectori[sz](?:e|ing|ation)|anonymi[sz](?:e|ing|ation)|"
                        r"redact(?:ing|ion)?|annotat(?:e|ing|ion)|mask(?:ing)?|classif(?:y|ying|"
                        r"ication))\b(?=[^.;]{0,60}\d\s?(?:[kmgt]i?b|"
                        r"tb|gb|images|files|documents|frames|hours of|videos|pages)|"
                        # "anonymisation of 3.2 million tax declarations" (s16)
                        r"[^.;]{0,40}\d[\d.,]*\s*(?:k|m|million|billion|thousand|lakh)\s+"
                        r"(?:[\w-]+\s+){0,2}?(?:records|studies|scans|declarations|transcripts|"
                        r"tiles|rows|calls|messages|reviews|articles|photos|answers|responses|"
                        r"forms|claims|notes|reports|sessions|documents|images|files|pages))|"
                        # "run X over 1,200 hours of recordings": over a stated dataset
                        r"\brun\b[^.;]{0,40}?\bover\s+(?:all\s+|the\s+|our\s+|every\s+|each\s+|"
                        r"about\s+)?(?:\d[\d,.]*\s*(?:[kmb]\b|million|thousand)?\s*(?:hours of|"
                        r"files|images|documents|records|videos|pages|logs|rows|tb|gb)|"
                        r"[\w-]+\s+(?:files|images|documents|records|recordings|videos|pages|logs|"
                        r"rows)\b)|"
                        # "process 1.2 TiB of images": offline work over a stated dataset
                        r"\bprocess(?:ing)?\s+(?:all\s+|the\s+|our\s+|every\s+|each\s+|about\s+|"
                        r"~\s?)?(?:\d|[\w-]+\s+(?:files|images|documents|records|videos|pages|"
                        r"logs|rows)\b)"),
    ("inference", r"\bserv(?:e|ed|ing)\b|\bendpoint\b|\bapi\b|\bbackend\b|\bhost(?:ing)?\b|"
                  r"\bdemo\b|"
                  r"\bdeploy(?:ment|ing)?\b|\b(?:chat ?)?bots?\b|\binfer[ae]?n?ce\b|\bspin up\b|"
                  r"\bonline\b|\bservice\b|\bstand up\b|"
                  # "set up a vLLM server with X", "an inference server for X"
                  r"\b(?:vllm|tgi|text-generation-inference|triton|ollama|llama\.cpp|sglang)\b|"
                  r"\b(?:inference|model|llm|chat|api)\s+server\b"),
]
_KIND_RES = [(kind, re.compile(p, re.IGNORECASE)) for kind, p in _KIND_CUES]
_SERVICE = re.compile(r"\bserv(?:e|ed|ing)\b|\bservice\b|\bvllm\b|"
                      r"\b(?:inference|model|llm) server\b|"
                      r"\bendpoint\b|\bapi\b|\bhost(?:ing)?\b|\bdemo\b|"
                      r"\b(?:chat ?)?bots?\b|\b24/7\b|\bkeep it up\b", re.IGNORECASE)


_WEAK_CUES = {"spin up", "batch", "online", "index", "indexing", "extract", "extraction", "score",
              "scoring", "api", "demo"}


def find_kind(text: str, has_dataset: bool = False) -> tuple[str | None, list[Hit]]:
    """The job kind: the earliest cue wins, with services beating batch words.

    `has_dataset`: the request states a dataset size, which turns a bare "inference" with
    no service words into batch inference.

    "Evaluate 12 Mistral-7B fine-tunes" is an eval (its first cue), a "captioning API" is a
    service, and "inference" over a fixed dataset is batch inference.
    """
    hits: list[Hit] = []
    text = without_re_prefix(text, [p for _, p in _KIND_RES])  # "Redeploy", "re-score"
    for kind, pattern in _KIND_RES:
        for m in pattern.finditer(text):
            hits.append(Hit(kind, m.start(), m.end(), m.group(0)))
    hits.sort(key=lambda h: h.start)
    hits = [h for h in hits if not _names_the_model(text, h)]
    described = describing_hits(text, hits)  # "our detector (CodeBERT fine-tune)"
    if len(described) < len(hits):
        hits = [h for h in hits if h not in described]
    if undecided_kinds(text, hits):
        return None, hits  # "eval or fine-tune, whatever makes sense": asked
    if not hits:
        fallback = _kind_without_verb(text, has_dataset) or infer_kind(text)
        return (str(fallback.value), [fallback]) if fallback else (None, hits)
    # "reproduce a paper's results" states a goal, not how: a later cue says the job
    # ("... : evaluate X on the harness"); alone it is a training run
    if len(hits) > 1 and re.match(r"reproduc", hits[0].cue, re.IGNORECASE):
        hits = hits[1:] + hits[:1]
    kinds = {h.value for h in hits}
    first = hits[0]
    choice = str(first.value)
    strong = [h for h in hits if h.value in ("eval", "train", "fine-tune")]
    if choice in ("inference", "batch-inference") and strong:
        lead = strong[0]
        # The first cue is the main verb ("Serve our LoRA adapter" is a service), unless it
        # is a noun-like word ("a batch of fine-tuning runs") or qualifies an eval
        # ("inference benchmarks").
        weak = first.cue.lower() in _WEAK_CUES
        qualifies = lead.value == "eval" and lead.start - first.end <= 12
        if weak or qualifies:
            choice = str(lead.value)
    if choice == "train" and re.search(r"\bq?lora\b", text, re.IGNORECASE) and not re.search(
            r"\bfrom scratch\b|\bpre-?train", text, re.IGNORECASE):
        choice = "fine-tune"  # LoRA adapts a pretrained model ("training ... in LoRA")
    if choice == "train" and _FROM_PRETRAINED.search(text) and not re.search(
            r"\bfrom scratch\b|\bpre-?train", text, re.IGNORECASE):
        choice = "fine-tune"  # "reward-model training: start from Llama-2-7B" adapts it
    if choice == "batch-inference" and _SERVICE.search(text) and "inference" in kinds \
            and not re.search(r"\bbatch\b", text, re.IGNORECASE):
        choice = "inference"
    if choice == "inference" and not _SERVICE.search(text) and (
            "batch-inference" in kinds or has_dataset
            or re.search(r"\binference\s+(?:over|across|on (?:all|every|each|our|the) )",
                         text, re.IGNORECASE)):
        choice = "batch-inference"
    return choice, hits


#: "start from Llama-2-7B", "initialised from the base checkpoint": a pretrained start
_FROM_PRETRAINED = re.compile(r"\b(?:start(?:s|ing)?|initiali[sz]\w*|init|warm[- ]start\w*|"
                              r"begin(?:ning)?)\s+(?:from|with|off)\s+(?:the\s+|a\s+|our\s+)?"
                              r"(?:pre-?trained\s+|base\s+)?\u2591", re.IGNORECASE)


#: "the OCR model training", "our reranker": a batch word that says what the model does
_MODEL_NOUN_AFTER = re.compile(r"^[\s-]*(?:models?|networks?|nets?|checkpoints?|heads?)\b",
                               re.IGNORECASE)


def _names_the_model(text: str, hit: Hit) -> bool:
    """Whether a batch cue describes the model ("OCR model", "reranker"), not the job."""
    if hit.value != "batch-inference":
        return False
    return bool(re.fullmatch(r"[\w-]+(?:er|or)s?", str(hit.cue), re.IGNORECASE)
                or _MODEL_NOUN_AFTER.match(text[hit.end:hit.end + 20]))


#: No job verb, but a (masked) model name in a shape that says the job:
#: "Run RealToxicityPrompts on <model>" runs a named suite on a model (an eval);
#: "Detect objects with <model> over 12 TB" applies a model to a stated dataset (batch);
#: "<model> needs to be ready by 8pm" keeps a model up for callers (a service).
_SUITE_ON_MODEL = re.compile(r"\b(?:run|execute|launch|do)\s+(?:the\s+|a\s+)?(?-i:[A-Z][\w-]{3,})"
                             r"(?:\s+(?:suite|benchmark|tests?|evals?|prompts))?\s+(?:on|against|"
                             r"for|with)\s+(?:our\s+|the\s+|a\s+)?\u2591", re.IGNORECASE)
_MODEL_OVER_DATA = re.compile(r"\b(?:with|using|use|via|through|run|apply)\s+"
                              r"(?:our\s+|the\s+|a\s+)?(?:[\w-]+\s+){0,3}?(?:\(\s*)?\u2591+"
                              r"[^.;]{0,30}?\b(?:over|on|across|for)\s+(?:the\s+|our\s+|all\s+)?"
                              r"(?:~\s?|about\s+)?\d", re.IGNORECASE)
_KEPT_UP = re.compile(r"\u2591[^.;]{0,60}?\b(?:needs? to|must|has to|should)\s+be\s+(?:ready|live|"
                      r"up(?: and running)?|online|available|reachable)\b", re.IGNORECASE)


def _kind_without_verb(text: str, has_dataset: bool) -> Hit | None:
    """The job kind a request with no job word still states by its shape (None: none)."""
    for kind, pattern in (("eval", _SUITE_ON_MODEL), ("batch-inference", _MODEL_OVER_DATA),
                          ("inference", _KEPT_UP)):
        if kind == "batch-inference" and not has_dataset and not re.search(
                r"\b(?:over|across)\s+(?:~\s?|about\s+)?\d[\d.,]*\s?(?:[kmb]\b|million|"
                r"billion|thousand)?\s*[a-z]", text, re.IGNORECASE):
            continue  # "over 500M query pairs": a counted dataset
        m = pattern.search(text)
        if m:
            return Hit(kind, m.start(), m.end(), m.group(0))
    return None


# ----------------------------------------------------------------------------- method etc.
_METHOD = [("qlora", r"\bq-?lora\b"), ("lora", r"\blora\b"),
           ("full", r"\bfull(?:[- ]parameter|[- ]weight)?[- ](?:fine[- ]?tun\w*|finetun\w*|ft|"
                    r"sft|training)\b|\bfull[- ]param(?:eter)?s?\b|\ball param(?:eter)?s\b|"
                    # "fine-tune X (full, bf16)", "method: full": the word as a list item
                    r"(?:[(,]\s*|\bmethod\s*[:=]?\s*)full(?=\s*[,)])|"
                    r"\bfully\s+(?:fine[- ]?tun\w*|finetun\w*)|"
                    # "fine-tune X fully", "fine-tuning complet(o)", "Voll-Feintuning"
                    r"\bfine[- ]?tun\w*\s+(?:of\s+)?\S+\s+fully\b|"
                    r"\bfine[- ]?tun\w*\s+(?:complet[oae]?|integral[e]?|total)\b|"
                    r"\bvoll(?:st[äa]ndig\w*)?[- ]?(?:fine[- ]?tun\w*|feintun\w*)")]
_PRECISION = [("bf16", r"\bbf16\b|\bbfloat-?16\b"), ("fp16", r"\bfp16\b|\bfloat-?16\b|\bhalf[- ]"
                                                            r"precision\b"),
              ("fp8", r"\bfp8\b|\bfloat-?8\b"), ("int8", r"\bint-?8\b|\b8[- ]?bit\b"),
              ("int4", r"\bint-?4\b|\b4[- ]?bit\b|\bawq\b|\bgptq\b|\bnf4\b"),
              ("fp32", r"\bfp32\b|\bfloat-?32\b|\bfull[- ]precision\b")]


def _first(text: str, table: list[tuple[str, str]]) -> tuple[str | None, list[Hit]]:
    hits = [Hit(value, m.start(), m.end(), m.group(0)) for value, pattern in table
            for m in re.finditer(pattern, text, re.IGNORECASE)]
    hits.sort(key=lambda h: h.start)
    return (str(hits[0].value) if hits else None), hits


def find_method(text: str) -> tuple[str | None, list[Hit]]:
    """`full`, `lora` or `qlora` when said (DPO, SFT and distillation set none)."""
    return _first(text, _METHOD)


def method_for_kind(method: str | None, kind: str | None) -> str | None:
    """The method, unless the job tunes nothing.

    A method names how a model is tuned: for a service, batch pass or eval of a LoRA model
    ("serve our LoRA adapters", "eval of X-chat LoRA") it describes the model, so none is set.
    """
    return None if kind in ("inference", "batch-inference", "eval") else method


#: "we saw instabilities in fp16", "rather than fp16": a precision named as not wanted
_UNWANTED_BEFORE = re.compile(
    r"(?:\b(?:instabilit\w*|problems?|issues?|trouble|nans?|diverg\w*|crash\w*|overflows?|"
    r"blew up|unstable|broke)\s+(?:\w+\s+){0,2}?(?:in|with|under|on|using|at)|\binstead of|"
    r"\brather than|\bnot|\bno|\bavoid|\baway from|\bswitch(?:ing)? from|\bmove from)\s+$",
    re.IGNORECASE)


def find_precision(text: str) -> tuple[str | None, list[Hit]]:
    """Numeric precision when said; QLoRA alone does not imply int4.

    A precision named only as unwanted ("we saw instabilities in fp16") is not a request.
    """
    _, hits = _first(text, _PRECISION)
    hits = [h for h in hits if not _UNWANTED_BEFORE.search(text[max(0, h.start - 40):h.start])]
    return (str(hits[0].value) if hits else None), hits


# ----------------------------------------------------------------------------- spot
#: + the word as other languages inflect or write it: "spotových instancí", "спотовые
#: инстансы", "instances préemptibles", "抢占式实例" / "可搶佔實例" (s14)
_SPOT = re.compile(r"\b(?:spot|pre-?emptible|pre-?empt(?:ed|ion|ions)?|interrupt(?:ible|ions?|ed)?|"
                   r"on-demand|reserved)\b|\b(?:spot(?:ov|ow)\w+|спот\w*|pr[ée]empti(?:ble|f)s?)\b|"
                   r"(?:可)?(?:抢占|搶佔)式?(?:实例|實例)?", re.IGNORECASE)
#: a negation of another language just before the capacity word ("fără instanţe spot",
#: "jangan guna spot", "לא להשתמש ב-spot", "никаких спотов", "不能用抢占式实例"): the lexicon
#: leaves these words as written where no phrase of the matrix matched
_FOREIGN_NEG_BEFORE = re.compile(r"(?:\b(?:f[ăa]r[ăa]|jangan|tidak|bukan|никаких|никакие|без|"
                                 r"нельзя|bez|żadnych|zadnych|žádné|nada de|sin|sans|pas d'|senza|"
                                 r"niente|ohne|keine?|geen|zonder|ingen|uten|uden|ilman|không)\b|"
                                 r"(?<![\u0590-\u05FF])(?:לא|ללא|בלי)(?![\u0590-\u05FF])|"
                                 r"不能|不要|不用|不可|禁止)[\w\s/'-]{0,16}$", re.IGNORECASE)
_NEG_BEFORE = re.compile(r"(?:\bno|\bnot|\bnothing|\bnever|\bwithout|\bw/o|\bnon-?|\bavoid|n't|"
                         r"\bcannot|\bmust not|\bmustn't|\bshouldn't|\bzero)\b[\w\s/-]{0,14}$|"
                         r"\bnon-?$", re.IGNORECASE)
_POS_AFTER = re.compile(r"^[\w\s/-]{0,22}?\b(?:ok|okay|fine|allowed|acceptable|welcome|is fine|"
                        r"are fine|are ok|works?|no problem)\b", re.IGNORECASE)
_POS_BEFORE = re.compile(r"\b(?:use|using|on|allow|prefer|happy with|can use|go with|cheap)\s+$",
                         re.IGNORECASE)
#: "preemption is not acceptable", "spot isn't an option": the verdict after the word
_CAPACITY_NOUN = r"(?:\s+(?:instances?|capacity|nodes?|vms?))?"
_NEG_AFTER = re.compile(
    rf"^{_CAPACITY_NOUN}\s+(?:is|are|would be|will be)\s+(?:(?:not|never|absolutely not)\b"
    r"(?!\s+(?:a\s+problem|an\s+issue|a\s+concern|an\s+obstacle|required|needed|necessary|"
    r"mandatory|a must))|a no-go|unacceptable|"
    r"(?:a\s+)?(?:problem|dealbreaker|deal-breaker|showstopper)\b|"
    rf"forbidden)|^{_CAPACITY_NOUN}\s+(?:isn't|aren't|won't be|wouldn't be)\b"
    # "Spot/preemptible: not allowed" (a form's line); "(spot) مجاز نیست" (not allowed)
    r"|^(?:\s*/\s*[\w-]+)?\s*\)?\s*[:=]?\s*(?:is\s+)?(?:not (?:ok|okay|allowed|acceptable)|"
    r"unacceptable|forbidden|off[- ]limits|out of the question|مجاز نیست|ممنوع|אסור|"
    r"не допускается|запрещено|interzis|dilarang)(?!\w)", re.IGNORECASE)
_ACCEPT_BEFORE = re.compile(r"\b(?:tolerate|accept|fine with|ok with|okay with|happy with|"
                            r"live with|cope with|deal with|can "
                            r"handle|can survive|allow|survives?|handles?)\s+(?:\w+\s+)?$",
                            re.IGNORECASE)
_REQUIRED_AFTER = re.compile(r"^\s*(?:only|is required|required|instances only)\b", re.IGNORECASE)
_CAN_BE = re.compile(r"\b(?:can|may) be (?:interrupt(?:ed)?|pre-?empt(?:ed)?)\b|\bresumes?\b.{0,30}"
                     r"\binterrupt", re.IGNORECASE)


#: "Book 8 H100, on-demand." / "use on-demand instances": the capacity chosen, not compared
_CAPACITY_CHOICE = re.compile(r"^(?:.*(?:,|;|\band|\buse|\busing|\bon|\bwant|\bneed|\bkeep(?: it)?|"
                              r"\bstay|\bstick (?:to|with)|\bstrictly)|\s*)\s*\0\s*"
                              r"(?:instances?|capacity|nodes?|gpus?|vms?|machines|pricing)?\s*"
                              r"(?:[,.;!)]|$)(?!.*\b(?:or|vs\.?|versus)\b)",
                              re.IGNORECASE | re.DOTALL)


_UNBROKEN = re.compile(r"\b(?:must|has to|needs? to|should) run (?:uninterrupted|non-?stop|"
                       r"without (?:a )?(?:break|pause|interruption))\b|\buninterrupted\b|"
                       r"\bunder no circumstances\b[^.;:]{0,30}?\b(?:interrupt\w*|pre-?empt\w*)|"
                       r"\b(?:cannot|can't|must not|mustn't|may not|should not|shouldn't|"
                       r"must never)"
                       r"\s+(?:\w+\s+)?be\s+(?:interrupt\w*|pre-?empt\w*)|"
                       # a passive "interrupted" the lexicon left foreign after its "not"
                       # ("får not avbrytas", "mag absoluut not onderbroken worden"), s14
                       r"\bnot\s+(?:\w+\s+)?(?:avbrytas|avbrytes|afbrydes|onderbroken|"
                       r"unterbrochen|interrompu\w*|interrumpid\w*|interrott\w*|přerušen\w*|"
                       r"prerušen\w*|przerwan\w*|keskeyte\w*|megszak\w*|întrerup\w*|"
                       r"prekid\w*|prekinu\w*|прерван\w*|прерыва\w*|kesinti\w*|diganggu)\b",
                       re.IGNORECASE)
#: "we don't not want spot": two negations before the word allow it (s14)
_DOUBLE_NEG = re.compile(r"\b(?:don't|do not|doesn't|does not|wouldn't|would not)\s+not\s+"
                         r"(?:want|need|mind|like|allow)\s*$", re.IGNORECASE)


#: A key-value line ("spot: false", "preemptible=yes"): the value is the answer
_SPOT_KV = re.compile(r"(?:^|[\n,;{]|\s)\"?(?:spot|pre-?emptible|interruptible|use_spot|spot_ok|"
                      r"allow_spot|spot_allowed)\"?"
                      r"\s*[:=]\s*\"?(?P<v>false|no|off|0|never|true|yes|on|1|ok|allowed)\b",
                      re.IGNORECASE)


def find_interruptible(text: str) -> tuple[bool | None, list[Hit], bool]:
    """(interruptible, cues, contradiction): spot allowed, forbidden, or both stated."""
    kv = _SPOT_KV.search(text)
    if kv:
        value = kv.group("v").lower() not in ("false", "no", "off", "0", "never")
        return value, [Hit(value, kv.start("v"), kv.end("v"), kv.group(0))], False
    hits: list[Hit] = []
    for m in _SPOT.finditer(text):
        word = m.group(0).lower()
        if word == "spot" and re.search(r"\b(?:sweet|blind|hot|soft|bright|weak)\s+$",
                                        text[max(0, m.start() - 8):m.start()], re.I):
            continue  # "the sweet spot between cost and carbon" is no spot capacity
        before = re.split(r"\bbut\b|\bhowever\b|[,;.:!?]", text[max(0, m.start() - 30):m.start()],
                          flags=re.IGNORECASE)[-1]
        after = text[m.end():m.end() + 30]
        if word in ("on-demand", "reserved"):
            if re.match(r"^\s*(?:/\s*\w+\s*)?(?:[\w-]+\s+){0,2}?only\b", after, re.I) \
                    or re.search(r"\bonly\s+$", before, re.I) or _CAPACITY_CHOICE.match(
                        before + "\0" + after):
                hits.append(Hit(False, m.start(), m.end(), m.group(0)))
            continue
        if _DOUBLE_NEG.search(before):
            hits.append(Hit(True, m.start(), m.end(), m.group(0)))
        elif _NEG_BEFORE.search(before) and not re.search(r"\bno\s+problem", before, re.I) \
                or _NEG_AFTER.match(after) or _FOREIGN_NEG_BEFORE.search(before):
            hits.append(Hit(False, m.start(), m.end(), m.group(0)))
        elif _POS_AFTER.match(after) or _REQUIRED_AFTER.match(after) \
                or _ACCEPT_BEFORE.search(before) \
                or (word == "spot" and _POS_BEFORE.search(before)) \
                or ((word in ("spot", "preemptible", "pre-emptible", "interruptible")
                     or word.startswith("spot") or not word.isascii())  # "spotových", "спот"
                    and not re.match(r"^[- ]?(?:check|on|light|prices?|market)\b", after, re.I)):
            # capacity words ("A10G spot instances") allow interruption unless negated;
            # event words ("preemptions cost us a day") need a positive cue
            hits.append(Hit(True, m.start(), m.end(), m.group(0)))
    for m in _CAN_BE.finditer(text):
        if not _NEG_BEFORE.search(text[max(0, m.start() - 20):m.start()]):
            hits.append(Hit(True, m.start(), m.end(), m.group(0)))
    for m in _UNBROKEN.finditer(text):  # "it must run uninterrupted"
        hits.append(Hit(False, m.start(), m.end(), m.group(0)))
    values = {bool(h.value) for h in hits}
    if len(values) == 2:
        return None, hits, True
    return (values.pop() if values else None), hits, False


__all__ = ["find_interruptible", "find_kind", "find_method", "find_objective",
           "find_precision"]
