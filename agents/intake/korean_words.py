"""Korean job words, for `lexicon.rewrite` (issue 17, session 10).

Hangul words carry their particles without a space ("파인튜닝하고", "분류를"), so, like
`asian_languages.cjk_rewrite`, these are replaced without word boundaries: what the job
is (fine-tune, evaluate, classify, translate, summarise, embed, transcribe, serve
a chatbot or API). A task word before "모델" ("요약 모델", a summarisation model)
describes the model, not the job, and is left. Places are in `world_words`.
"""

from __future__ import annotations

import re

from agents.intake.asian_languages import ROMAJI_PHRASES
from agents.intake.asian_languages import cjk_rewrite as kana_hanzi_rewrite
from agents.intake.korean_time import korean_time_rewrite

__all__ = ["ROMAJI_PHRASES", "cjk_rewrite", "korean_rewrite"]  # lexicon's East Asian rewrites

_KO_TABLE: list[tuple[str, str]] = [
    (r"파인\s?튜닝|미세\s?조정", " fine-tuning "),
    (r"(?:모델\s?)?평가|벤치마크", " evaluation "),
    (r"(?:챗봇|서비스|API|엔드포인트|서버)\s*(?:운영|운용|배포|서빙|호스팅)", " chatbot service "),
    (r"서빙|배포", " serve "),
    (r"분류(?!\s?모델)", " classification "),
    (r"번역(?!\s?모델)", " translation "),
    (r"요약(?!\s?모델)", " summarisation "),
    (r"임베딩(?!\s?모델)", " embeddings "),
    (r"전사|받아쓰기", " transcription "),
]
_KO = [(re.compile(p), r) for p, r in _KO_TABLE]
_HAS_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def korean_rewrite(text: str) -> tuple[str, list[tuple[str, str]]]:
    """`text` with Korean job words in English, and the rewrites made."""
    if not _HAS_HANGUL.search(text):
        return text, []
    text, changes = korean_time_rewrite(text)  # times, run lengths, counters (s11)
    for pattern, repl in _KO:
        for m in pattern.finditer(text):
            changes.append((m.group(0), repl.strip()))
        text = pattern.sub(repl, text)
    return text, changes


def cjk_rewrite(text: str) -> tuple[str, list[tuple[str, str]]]:
    """`asian_languages.cjk_rewrite`, then `korean_rewrite`: all rewrites without spaces."""
    text, changes = kana_hanzi_rewrite(text)
    text, korean = korean_rewrite(text)
    return text, changes + korean
