"""Ingest throughput, in one run on the same articles.

Rows: the raw model encode rate on our chunks (the limit), our full ingest (load, clean, chunk,
embed, store, BM25), a naive LangChain pipeline (RecursiveCharacterTextSplitter + the same
embeddings + Chroma.add_documents), and re-ingesting the unchanged corpus.
Usage: python bench/ingest_speed.py [--indosum 100] [--bbc 100] [--model multilingual-e5-small]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from assistant.config import Settings  # noqa: E402
from assistant.embeddings import get_embeddings  # noqa: E402
from ingest.chunk import chunk_article  # noqa: E402
from ingest.index import Indexer, embedding_text  # noqa: E402
from ingest.load import LoadError, load_sources  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def write_corpus(path: Path, indosum: int, bbc: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for name, n in (("indosum_id.jsonl", indosum), ("bbc_en.jsonl", bbc)):
            with (DATA / name).open(encoding="utf-8") as f:
                out.writelines(itertools.islice(f, n))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--indosum", type=int, default=100)
    p.add_argument("--bbc", type=int, default=100)
    p.add_argument("--model", default="multilingual-e5-small")
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="kabar-bench-") as tmp:
        tmp = Path(tmp)
        corpus = tmp / "corpus.jsonl"
        write_corpus(corpus, args.indosum, args.bbc)
        settings = Settings(store_dir=tmp / "ours", embedding_model=args.model)
        embeddings = get_embeddings(settings)
        articles = [
            a for a in load_sources([str(corpus)], settings) if not isinstance(a, LoadError)
        ]
        chunks = [c for a in articles for c in chunk_article(a, settings.chunk_words, settings.chunk_overlap_words)]  # fmt: skip
        texts = [embedding_text(c) for c in chunks]
        words = sum(len(c.text.split()) for c in chunks) / len(chunks)
        embeddings.embed_documents(texts[:8])  # warm up

        start = time.perf_counter()
        embeddings.embed_documents(texts)
        raw = time.perf_counter() - start

        start = time.perf_counter()
        report = Indexer(settings, embeddings=embeddings).ingest_sources([str(corpus)])
        ours = time.perf_counter() - start

        start = time.perf_counter()
        again = Indexer(settings, embeddings=embeddings).ingest_sources([str(corpus)])
        reingest = time.perf_counter() - start
        assert again.chunks_added == 0 and again.articles_unchanged == len(articles)

        naive_chunks, naive = naive_langchain(corpus, embeddings, tmp / "naive")

    rows = [
        ("raw model encode (our chunks)", len(texts), raw),
        ("our full ingest", report.chunks_added, ours),
        ("naive LangChain (splitter + Chroma.add_documents)", naive_chunks, naive),
    ]
    print(f"{len(articles)} articles, {len(chunks)} chunks of {words:.0f} words on average, model {args.model}")  # fmt: skip
    print("| pipeline | chunks | seconds | chunks/s |\n|---|---|---|---|")
    for name, n, seconds in rows:
        print(f"| {name} | {n} | {seconds:.1f} | {n / seconds:.1f} |")
    print(f"| re-ingest unchanged corpus | 0 | {reingest:.2f} | - |")
    print(
        f"\nfull ingest = {100 * (report.chunks_added / ours) / (len(texts) / raw):.0f}% of the raw encode rate; "  # fmt: skip
        f"unchanged re-ingest {ours / reingest:.0f}x faster than the first"
    )


def naive_langchain(corpus: Path, embeddings, store: Path) -> tuple[int, float]:
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    start = time.perf_counter()
    records = [json.loads(line) for line in corpus.open(encoding="utf-8")]
    splitter = RecursiveCharacterTextSplitter(chunk_size=1200, chunk_overlap=200)
    docs = splitter.split_documents(
        [
            Document(page_content=r["text"], metadata={"id": r["id"], "title": r["title"]})
            for r in records
        ]
    )
    Chroma(collection_name="naive", embedding_function=embeddings, persist_directory=str(store)).add_documents(docs)  # fmt: skip
    return len(docs), time.perf_counter() - start


if __name__ == "__main__":
    main()
