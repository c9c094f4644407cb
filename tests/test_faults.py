"""Faults: an ingest SIGKILLed mid-run, ingests running while the assistant answers (embedded and
server mode), and a Chroma server that goes away and comes back. Real processes, real Chroma,
the packaged MiniLM model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.search_index import SearchIndexCache, index_folder
from assistant.store import NewsStore
from ingest.check import check_store
from ingest.chunk import article_fingerprint
from ingest.index import Indexer
from ingest.load import load_sources

from .conftest import INDOSUM, REPO, require_shared_data, sample_records

CRASH_ARTICLES = 24  # three batches of eight in the crashing ingest


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return path


def ingest_env(settings) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KABAR_")}
    env.update(
        KABAR_STORE_DIR=str(settings.store_dir),
        KABAR_MODEL_CACHE_DIR=str(settings.model_cache_dir),
        KABAR_EMBEDDING_MODEL=settings.embedding_model,
        HF_HUB_OFFLINE="1",
        PYTHONPATH=str(REPO),
    )
    if settings.chroma_host:
        env.update(KABAR_CHROMA_HOST=settings.chroma_host, KABAR_CHROMA_PORT=str(settings.chroma_port))  # fmt: skip
    return env


def run_ingest(settings, corpus: Path, crash_at: str | None = None, nth: int = 1):
    if crash_at:
        cmd = [sys.executable, str(REPO / "tests" / "crashing_ingest.py")]
        env = {**ingest_env(settings), "CRASH_AT": crash_at, "CRASH_NTH": str(nth)}
    else:
        cmd, env = [sys.executable, "-m", "ingest"], ingest_env(settings)
    return subprocess.run([*cmd, str(corpus), "--quiet", "--json"], env=env, capture_output=True, text=True, timeout=600)  # fmt: skip


def assert_store_holds(settings, corpus: Path) -> None:
    """Consistent, and holding exactly the corpus's current version of every article."""
    store = NewsStore(settings)
    result = check_store(store, settings)
    assert result.ok, result.summary()
    articles = [a for a in load_sources([str(corpus)], settings)]
    registry = dict(store.iter_articles())
    assert set(registry) == {a.id for a in articles}
    for article in articles:
        assert registry[article.id]["fingerprint"] == article_fingerprint(article)
    index = SearchIndexCache(store, index_folder(settings)).get()
    assert sorted(index.ids) == sorted(i for ids, _, _ in store.iter_chunks() for i in ids)


@pytest.fixture(scope="module")
def crash_corpus(tmp_path_factory) -> tuple[Path, Path]:
    """(version A, version B) of 24 IndoSum articles; B changes every text (and so every
    article's chunks), shortening half of them so some chunk ids disappear."""
    require_shared_data()
    folder = tmp_path_factory.mktemp("crash")
    records = sample_records(INDOSUM, CRASH_ARTICLES)
    changed = []
    for i, r in enumerate(records):
        words = r["text"].split()
        text = " ".join(words[: len(words) // 2]) if i % 2 else r["text"] + " Pembaruan: berita ini telah diperbarui."  # fmt: skip
        changed.append({**r, "text": text})
    return write_jsonl(folder / "a.jsonl", records), write_jsonl(folder / "b.jsonl", changed)


def crash_then_check(settings, corpus: Path, point: str, nth: int) -> None:
    crashed = run_ingest(settings, corpus, crash_at=point, nth=nth)
    assert crashed.returncode == -9, f"not killed at {point} #{nth}: " + crashed.stderr[-2000:]
    # Killed mid-run, the store is not consistent, and the check says so.
    result = check_store(NewsStore(settings), settings)
    assert not result.ok, f"killed at {point} #{nth}, yet the check finds nothing"


def test_first_ingest_killed_at_several_points_is_finished_by_a_rerun(settings, crash_corpus):
    """Each run is killed further on (batches of eight: a killed run leaves the batches before
    it stored, so the next run only redoes the rest), then one plain run repairs everything."""
    corpus, _ = crash_corpus
    for point, nth in [
        ("embed", 2),  # batch 1 stored, batch 2 embedded and lost
        ("chunks-written", 1),  # batch 2's chunks stored, its registry records not
        ("registry-written", 1),  # batch 2 complete, batch 3 still to do
        ("index-saving", 1),  # all articles in, the search index half-written
    ]:
        crash_then_check(settings, corpus, point, nth)
    rerun = run_ingest(settings, corpus)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    report = json.loads(rerun.stdout)
    assert report["articles_unchanged"] == CRASH_ARTICLES and report["chunks_added"] == 0
    assert_store_holds(settings, corpus)


def test_update_killed_at_several_points_is_finished_by_a_rerun(settings, crash_corpus, minilm_embeddings):  # fmt: skip
    version_a, version_b = crash_corpus
    assert Indexer(settings, embeddings=minilm_embeddings).ingest_sources([str(version_a)]).exit_code == 0  # fmt: skip
    for point, nth in [
        ("chunks-deleted", 2),  # batch 1 updated; batch 2's old chunks deleted, new not added
        ("chunks-written", 1),  # batch 2's new chunks added, registry still says version A
        ("registry-written", 2),  # batches 2 and 3 updated; the closing bump never happened
    ]:
        crash_then_check(settings, version_b, point, nth)
    rerun = run_ingest(settings, version_b)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert_store_holds(settings, version_b)
