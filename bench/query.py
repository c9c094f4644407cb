"""Retrieval latency (p50/p95) and resident memory at 10k and 100k chunks.

The real corpus is grown by re-ingesting it under new ids: the same texts and their vectors
are written again with fresh article ids (identical texts have identical embeddings, so this
skips hours of CPU embedding without changing what is searched).
Usage: python bench/query.py --source-store /tmp/kabar-bench-stores/e5 [--collection kabar_news] [--sizes 10000 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from assistant.config import Settings  # noqa: E402
from assistant.eval import percentile  # noqa: E402
from assistant.retrieve import HybridRetriever  # noqa: E402
from assistant.store import NewsStore  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def read_source(store: NewsStore, where: str):
    got = store.chunks.get(include=["documents", "metadatas", "embeddings"])
    if not got["ids"]:
        raise SystemExit(f"{where} holds no chunks - ingest articles into it first (python -m ingest PATH --store DIR --collection NAME), or name its --collection")  # fmt: skip
    return got["ids"], got["documents"], got["metadatas"], got["embeddings"]


def grow(target: NewsStore, source, size: int) -> None:
    ids, docs, metas, vectors = source
    have = target.count_chunks()
    copy = have // len(ids)
    while have < size:
        n = min(len(ids), size - have)
        batch_ids = [f"{i}@{copy}" for i in ids[:n]]
        batch_meta = [{**m, "article_id": f"{m['article_id']}@{copy}"} for m in metas[:n]]
        batch_docs, batch_vectors = docs[:n], vectors[:n]
        for start in range(0, n, 5000):
            sl = slice(start, start + 5000)
            target.chunks.add(ids=batch_ids[sl], documents=batch_docs[sl], metadatas=batch_meta[sl], embeddings=batch_vectors[sl])  # fmt: skip
        have += n
        copy += 1
    target.bump_generation()


class KeepingEmbeddings:
    """Embeds as `inner` does and keeps each vector by the text embedded: the text retrieval
    embeds (a question typed in lower case, as the news writes it), for the search-only pass."""

    def __init__(self, inner):
        self.inner, self.vectors = inner, {}

    def embed_query(self, text: str) -> list[float]:
        self.vectors[text] = self.inner.embed_query(text)
        return self.vectors[text]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--source-store", type=Path, required=True)
    p.add_argument("--collection", default=Settings().collection)
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    p.add_argument("--questions", type=Path, default=REPO / "evalsets" / "bilingual_dev.jsonl")
    args = p.parse_args()
    questions = [json.loads(line)["question"] for line in args.questions.open()]
    source = read_source(NewsStore(Settings(store_dir=args.source_store, collection=args.collection)), f"{args.source_store} [{args.collection}]")  # fmt: skip
    print("| chunks | retrieve p50 ms | retrieve p95 ms | search only p50 ms | search only p95 ms | index build s | RSS MB |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="kabar-query-") as tmp:
        settings = Settings(store_dir=Path(tmp), collection="grown")
        store = NewsStore(settings)
        for size in sorted(args.sizes):
            grow(store, source, size)
            retriever = HybridRetriever(settings, store=store)
            start = time.perf_counter()
            retriever.index_cache.get()
            bm25_build = time.perf_counter() - start
            retriever.retrieve("warm up the model and the index", 5)
            full, search = [], []
            if hasattr(retriever.embeddings, "forget_queries"):
                retriever.embeddings.forget_queries()  # the questions' embeddings are timed too
            cached = retriever.embeddings
            keeping = retriever.embeddings = KeepingEmbeddings(cached)
            for q in questions:
                start = time.perf_counter()
                retriever.retrieve(q, 5)
                full.append((time.perf_counter() - start) * 1000)
            retriever.embeddings = type(
                "Cached", (), {"embed_query": staticmethod(keeping.vectors.__getitem__)}
            )()
            for q in questions:
                start = time.perf_counter()
                retriever.retrieve(q, 5)
                search.append((time.perf_counter() - start) * 1000)
            retriever.embeddings = cached
            print(f"| {store.count_chunks()} | {statistics.median(full):.0f} | {percentile(full, 95):.0f} | "
                  f"{statistics.median(search):.0f} | {percentile(search, 95):.0f} | {bm25_build:.1f} | {rss_mb():.0f} |", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
