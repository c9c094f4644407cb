"""Retrieval baselines side by side on the dev sets: BM25 only, dense only (all-MiniLM-L6-v2),
dense only (multilingual-e5-small, one ranking), our hybrid with one dense ranking per language
(before the calibrated cross-language gap) and our full hybrid retrieval.

Usage: python bench/retrieval.py [--stores /tmp/kabar-bench-stores] [--questions evalsets/bilingual_dev.jsonl] [--facqa 300]
The stores are kept between runs (ingest is incremental), so only the first run embeds.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from assistant.config import Settings  # noqa: E402
from assistant.eval import evaluate, ingest_corpus, load_questions, resolve_gold_ids  # noqa: E402
from assistant.retrieve import HybridRetriever  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "data" / "seed"


def configurations(settings_e5: Settings, settings_minilm: Settings):
    def make(settings, dense, lexical, languages="calibrated"):
        r = HybridRetriever(settings)
        r.use_dense, r.use_lexical = dense, lexical
        if languages != "calibrated":  # one plain dense ranking, or one per language
            r.cross_language_gap, r.dense_per_language = None, languages == "per language"
        return r

    return [
        ("BM25 only", lambda: make(settings_e5, False, True, "plain")),
        ("dense only, all-MiniLM-L6-v2", lambda: make(settings_minilm, True, False, "plain")),
        ("dense only, multilingual-e5-small", lambda: make(settings_e5, True, False, "plain")),
        (
            "hybrid, one dense ranking per language",
            lambda: make(settings_e5, True, True, "per language"),
        ),  # fmt: skip
        ("Kabar hybrid (ours)", lambda: make(settings_e5, True, True)),
    ]


def run(name: str, corpus: list[str], questions_path: Path, stores: Path, collection: str, k: int) -> None:  # fmt: skip
    questions = load_questions(questions_path)
    resolve_gold_ids(questions, corpus)
    e5 = Settings(store_dir=stores / "e5", collection=collection)
    minilm = Settings(store_dir=stores / "minilm", collection=collection, embedding_model="all-MiniLM-L6-v2")  # fmt: skip
    for settings in (e5, minilm):
        print(f"[{settings.embedding_model}] {ingest_corpus(settings, corpus)}", file=sys.stderr)
    print(f"\n### {name} ({len(questions)} questions, k={k})\n")
    kinds = sorted({q["kind"] for q in questions if q["answers"]})
    header = "| retrieval | " + " | ".join(f"{kind} ans@{k} / doc@{k} / mrr" for kind in ["all", *kinds]) + " |"  # fmt: skip
    print(header + "\n" + "|---" * (len(kinds) + 2) + "|")
    for label, make in configurations(e5, minilm):
        result = evaluate(e5, questions, k, with_answers=False, progress=False, retriever=make())
        cells = []
        for stats in [result["overall"], *(result["by_kind"][kind] for kind in kinds)]:
            cells.append(f"{stats[f'answer_recall@{k}']:.2f} / {stats[f'doc_recall@{k}']:.2f} / {stats['mrr@10']:.2f}")  # fmt: skip
        print(f"| {label} | " + " | ".join(cells) + " |", flush=True)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--stores", type=Path, default=Path("/tmp/kabar-bench-stores"))
    p.add_argument("--questions", type=Path, default=REPO / "evalsets" / "bilingual_dev.jsonl")
    p.add_argument("--facqa", type=int, default=300, help="FacQA questions (0 to skip)")
    p.add_argument("--k", type=int, default=5)
    args = p.parse_args()
    args.stores.mkdir(parents=True, exist_ok=True)
    corpus = args.stores / "bilingual_corpus.jsonl"
    subprocess.run([sys.executable, str(REPO / "evalsets" / "build_bilingual_corpus.py"), "--out", str(corpus)], check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    run("bilingual dev set", [str(SEED), str(corpus)], args.questions, args.stores, "kabar_news", args.k)  # fmt: skip
    if args.facqa:
        facqa = args.stores / "facqa"
        subprocess.run([sys.executable, str(REPO / "evalsets" / "build_facqa.py"), "--out", str(facqa), "--limit", str(args.facqa)], check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        run("FacQA dev (Indonesian)", [str(facqa / "facqa_corpus.jsonl")], facqa / "facqa_questions.jsonl", args.stores, "facqa", args.k)  # fmt: skip


if __name__ == "__main__":
    main()
