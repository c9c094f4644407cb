"""Article text is only data: the defences against instructions planted in the news.

Three layers, each cheap and each tested against a model that obeys whatever it reads:
1. Sentences that read as instructions to an AI ("Ignore previous instructions…", "Abaikan
   semua instruksi sebelumnya…", "reveal your system prompt") are cut from what the LLM sees and
   are never picked for an extractive answer.
2. The prompt fences the passages and tells the model they are data (prompts/answer_*.md).
3. A generated answer is rejected, and the extractive answer given instead, when it is not in
   the question's language, when it repeats the system prompt, or when its claims are not
   supported by the passages with the instruction sentences removed (answer_checks.verify_citations).
Layer 1 is a list of phrasings and will miss new ones; layer 3 does not depend on it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.models import CITATION_MARK
from ingest.chunk import split_sentences
from ingest.clean import WORD, language_word_counts

_EN = [
    r"\b(ignore|disregard|forget|override|bypass)\b[^.!?\n]{0,20}\b(previous|prior|above|earlier|preceding|original|system|all|any|your)\b[^.!?\n]{0,20}\b(instructions?|prompts?|guidelines|directions)\b",  # fmt: skip
    r"\b(reveal|print|show|repeat|output|leak|display)\b[^.!?\n]{0,40}\b(system|hidden|initial|original)\s+(prompt|instructions?|message)",  # fmt: skip
    r"\byou are now (a|an|the|in|my)\b",
    r"\b(new|updated) instructions?\s*:",
    r"\b(reply|respond|answer|write)\b[^.!?\n]{0,30}\b(only|exclusively)\b[^.!?\n]{0,20}\bin (english|french|german|spanish|chinese|russian|indonesian|bahasa)\b",  # fmt: skip
    r"\bas an ai (language )?model\b",
]
_ID = [
    r"\b(abaikan|lupakan|acuhkan|hiraukan)\b[^.!?\n]{0,20}\b(semua|seluruh|setiap)?\s*(instruksi|perintah|arahan|petunjuk|prompt)\b[^.!?\n]{0,20}\b(sebelumnya|di atas|sistem|awal|tadi)\b",  # fmt: skip
    r"\b(abaikan|lupakan|acuhkan|hiraukan)\s+(semua|seluruh)\s+(instruksi|perintah|arahan|petunjuk|prompt)\b",  # fmt: skip
    r"\b(tampilkan|tunjukkan|ungkapkan|bocorkan|cetak|tuliskan|ulangi)\b[^.!?\n]{0,40}\b(prompt|instruksi|perintah) (sistem|awal|asli|tersembunyi)",  # fmt: skip
    r"\b(kamu|anda|engkau) (sekarang|kini) (adalah|menjadi)\b",
    r"\b(instruksi|perintah) baru\s*:",
    r"\bjawab(lah)?\b[^.!?\n]{0,30}\b(hanya )?dalam bahasa (inggris|prancis|perancis|jerman|spanyol|mandarin|rusia)\b",  # fmt: skip
]
INSTRUCTION = re.compile("|".join(f"(?:{p})" for p in _EN + _ID), re.IGNORECASE)

_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’")
MIN_WORDS_FOR_LANGUAGE = 6
LEAK_SHINGLE = 6


def is_instruction(sentence: str) -> bool:
    """Does this sentence address an AI model rather than report news?"""
    return bool(INSTRUCTION.search(sentence))


def without_instructions(text: str) -> str:
    """`text` with its instruction-like sentences replaced by "…"."""
    if not INSTRUCTION.search(text):
        return text
    parts, last = [], 0
    for a, b in split_sentences(text):
        if is_instruction(text[a:b]):
            parts.append(text[last:a] + "…")
            last = b
    parts.append(text[last:])
    return "".join(parts)


def in_language(answer: str, language: str) -> bool:
    """Is the answer's own wording (quotes and citations aside) in `language` ("id"/"en")?
    Short answers pass: a few words are not enough to tell."""
    words = [w.lower() for w in WORD.findall(CITATION_MARK.sub(" ", _QUOTED.sub(" ", answer)))]
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return True
    indonesian, english = language_word_counts(words)
    ours, theirs = (indonesian, english) if language == "id" else (english, indonesian)
    return ours > theirs and ours >= 0.1 * len(words)


def _shingles(text: str) -> set[tuple[str, ...]]:
    """Every run of LEAK_SHINGLE consecutive lower-cased words."""
    words = [w.lower() for w in WORD.findall(text)]
    return set(zip(*(words[i:] for i in range(LEAK_SHINGLE)), strict=False))


@lru_cache(maxsize=1)
def _prompt_shingles() -> frozenset[tuple[str, ...]]:
    from assistant.prompts import system_texts

    return frozenset().union(*map(_shingles, system_texts()))


def leaks_prompt(answer: str) -> bool:
    """Does the answer repeat six or more consecutive words of a system prompt?"""
    return not _shingles(answer).isdisjoint(_prompt_shingles())
