"""`python -m assistant.eval`: retrieval and answer quality on a question set.

Retrieval: answer_recall@k (an answer string in a top-k passage), doc_recall@k (a gold article
among the top-k), mrr@10 by article. With --answer: refusal accuracy on unanswerable questions,
false refusals on answerable ones, answer-string presence in the final answer, citation
validity (a cited passage holds a gold answer string or comes from a gold article - measured
against the gold data, not by the checker the chain itself uses) and latency p50/p95.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from assistant.config import Settings
from assistant.errors import KabarError


def load_questions(path: Path) -> list[dict]:
    questions = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            q = json.loads(line)
        except json.JSONDecodeError as exc:
            raise KabarError(f"{path}:{n}: not valid JSON ({exc.msg}) - fix that line") from exc
        for field in ("id", "question", "answers", "gold_doc_ids"):
            if field not in q:
                raise KabarError(f"{path}:{n}: missing field {field!r} - every question needs id, question, answers, gold_doc_ids")  # fmt: skip
        q.setdefault("kind", "all")
        questions.append(q)
    return questions


def resolve_gold_ids(questions: list[dict], corpus: list[str]) -> None:
    """Gold ids written as `folder:stem` (e.g. `seed:000_72ad…`) name a text file of a corpus
    folder; map them to the id the loader gives that file."""
    from ingest.load import path_id

    files = {}
    for item in corpus:
        p = Path(item)
        if p.is_dir():
            for f in p.iterdir():
                files[f"{p.name}:{f.stem}"] = path_id(f)
    for q in questions:
        q["gold_doc_ids"] = [files.get(g, g) for g in q["gold_doc_ids"]]


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def contains_answer(text: str, answers: list[str]) -> bool:
    low = text.lower()
    return any(a.lower() in low for a in answers)


def evaluate(settings: Settings, questions: list[dict], k: int, with_answers: bool, llm: str | None = None, progress: bool = True, retriever=None) -> dict:  # fmt: skip
    from assistant.chat import NewsAssistant
    from assistant.retrieve import HybridRetriever

    retriever = retriever or HybridRetriever(settings)
    assistant = NewsAssistant(settings, retriever) if with_answers else None
    rows = []
    iterator = questions
    if progress:
        from tqdm import tqdm

        iterator = tqdm(questions, desc="questions", file=sys.stderr)
    for q in iterator:
        answerable = bool(q["answers"])
        hits = retriever.retrieve(q["question"], max(k, 10))
        gold = set(q["gold_doc_ids"])
        row = {"kind": q["kind"], "answerable": answerable}
        if answerable:
            top = hits[:k]
            row["answer_recall"] = float(any(contains_answer(h.text, q["answers"]) for h in top))
            row["doc_recall"] = float(any(h.article_id in gold for h in top))
            articles = list(dict.fromkeys(h.article_id for h in hits[:10]))
            rank = next((i + 1 for i, a in enumerate(articles) if a in gold), None)
            row["mrr"] = 1.0 / rank if rank else 0.0
        if assistant is not None:
            start = time.perf_counter()
            answer = assistant.ask(q["question"], llm=llm)
            row["latency"] = time.perf_counter() - start
            row["answered"] = answer.answered
            if answerable and answer.answered:
                row["answer_in_text"] = float(contains_answer(answer.answer, q["answers"]))
                row["citations"] = [
                    contains_answer(c.text, q["answers"]) or c.doc_id in gold
                    for c in answer.citations
                ]
            row["question"] = q["question"]
            row["answer"] = answer.answer
        rows.append(row)
    by_kind = defaultdict(list)
    for row in rows:
        by_kind[row["kind"]].append(row)
    return {"overall": summarize(rows, k), "by_kind": {kind: summarize(r, k) for kind, r in sorted(by_kind.items())}, "rows": rows}  # fmt: skip


def summarize(rows: list[dict], k: int) -> dict:
    out: dict = {"questions": len(rows)}
    answerable = [r for r in rows if r["answerable"]]
    unanswerable = [r for r in rows if not r["answerable"]]

    def mean(values):
        return round(statistics.fmean(values), 4) if values else None

    if answerable:
        out[f"answer_recall@{k}"] = mean([r["answer_recall"] for r in answerable])
        out[f"doc_recall@{k}"] = mean([r["doc_recall"] for r in answerable])
        out["mrr@10"] = mean([r["mrr"] for r in answerable])
    if rows and "answered" in rows[0]:
        if unanswerable:
            out["refusal_accuracy"] = mean([float(not r["answered"]) for r in unanswerable])
        if answerable:
            out["false_refusals"] = mean([float(not r["answered"]) for r in answerable])
            answered = [r for r in answerable if r["answered"]]
            out["answer_presence"] = mean([r["answer_in_text"] for r in answered])
            cites = [c for r in answered for c in r.get("citations", [])]
            out["citation_validity"] = mean([float(c) for c in cites])
        latencies = [r["latency"] for r in rows]
        out["latency_p50_s"] = round(percentile(latencies, 50), 3)
        out["latency_p95_s"] = round(percentile(latencies, 95), 3)
    return out


def ingest_corpus(settings: Settings, corpus: list[str]) -> str:
    from ingest.index import Indexer

    report = Indexer(settings).ingest_sources(corpus)
    return report.summary()


def format_table(result: dict) -> str:
    sections = [("overall", result["overall"])] + list(result["by_kind"].items())
    keys = [k for k in result["overall"] if k != "questions"]
    lines = ["| set | n | " + " | ".join(keys) + " |", "|---" * (len(keys) + 2) + "|"]
    for name, stats in sections:
        cells = ["" if stats.get(k) is None else str(stats.get(k)) for k in keys]
        lines.append(f"| {name} | {stats['questions']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m assistant.eval", description=__doc__.splitlines()[0]
    )
    p.add_argument("--corpus", action="append", required=True, help="article JSONL, file or folder (repeatable)")  # fmt: skip
    p.add_argument("--questions", type=Path, required=True)
    p.add_argument("--k", type=int, default=5)
    p.add_argument("--store", help="reuse this store (ingest is incremental); default: a fresh temp dir")  # fmt: skip
    p.add_argument("--embedding-model")
    p.add_argument("--answer", action="store_true", help="also answer and score the answers")
    p.add_argument("--llm", help="answer backend for --answer (default: KABAR_LLM)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--rows", type=Path, help="write per-question rows (JSONL) here")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    try:
        questions = load_questions(args.questions)
        resolve_gold_ids(questions, args.corpus)
        with tempfile.TemporaryDirectory(prefix="kabar-eval-") as tmp:
            overrides = {"store_dir": Path(args.store or tmp)}
            if args.embedding_model:
                overrides["embedding_model"] = args.embedding_model
            settings = Settings(**overrides)
            summary = ingest_corpus(settings, args.corpus)
            print(f"corpus: {summary}", file=sys.stderr)
            result = evaluate(settings, questions, args.k, args.answer, args.llm, progress=not args.json)  # fmt: skip
    except KabarError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.rows:
        args.rows.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in result["rows"]) + "\n")  # fmt: skip
    if args.json:
        print(json.dumps({"overall": result["overall"], "by_kind": result["by_kind"]}))
    else:
        print(format_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
