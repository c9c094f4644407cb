"""Time to first token and total time per answer backend on the seed questions.

Usage: python bench/answer.py --store DIR [--backends extractive llamacpp openai]
(openai runs only when KABAR_OPENAI_BASE_URL is set; llamacpp when installed).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from assistant.answer import llamacpp_available  # noqa: E402
from assistant.chat import NewsAssistant  # noqa: E402
from assistant.config import Settings  # noqa: E402
from assistant.retrieve import HybridRetriever  # noqa: E402

QUESTIONS = [
    "What did Zelensky say about the negotiations?",
    "Apa kata Zelensky tentang negosiasi?",
]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--store", type=Path, required=True)
    p.add_argument("--collection", default=None)
    p.add_argument("--backends", nargs="+", default=["extractive", "llamacpp", "openai"])
    args = p.parse_args()
    overrides = {"store_dir": args.store}
    if args.collection:
        overrides["collection"] = args.collection
    settings = Settings(**overrides)
    retriever = HybridRetriever(settings)
    retriever.retrieve(QUESTIONS[0], 5)  # load the model and the BM25 index outside the timings
    print("| backend | question | first token s | total s | answer |\n|---|---|---|---|---|")
    for backend in args.backends:
        if backend == "llamacpp" and not llamacpp_available(settings):
            print(f"| {backend} | - | - | - | not installed (make install-llm) |")
            continue
        if backend == "openai" and not settings.openai_base_url:
            print(f"| {backend} | - | - | - | KABAR_OPENAI_BASE_URL not set |")
            continue
        bot = NewsAssistant(settings.model_copy(update={"llm": backend}), retriever)
        if backend == "llamacpp":
            bot.ask("Apa kata Zelensky?")  # load the GGUF outside the timings
        for question in QUESTIONS:
            start = time.perf_counter()
            first = None
            answer = None
            for event in bot.stream(question):
                if event.kind == "token" and first is None:
                    first = time.perf_counter() - start
                if event.kind == "answer":
                    answer = event.answer
            total = time.perf_counter() - start
            text = answer.answer.replace("|", "/").replace("\n", " ")
            print(f"| {answer.backend} | {question} | {first or total:.2f} | {total:.2f} | {text} |", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
