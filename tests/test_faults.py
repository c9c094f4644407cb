"""Faults: an ingest SIGKILLed mid-run, ingests running while the assistant answers (embedded and
server mode), and a Chroma server that goes away and comes back. Real processes, real Chroma,
the packaged MiniLM model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from assistant.chat import NewsAssistant
from assistant.errors import StoreUnavailable
from assistant.retrieve import HybridRetriever
from assistant.search_index import SearchIndexCache, index_folder
from assistant.store import NewsStore
from assistant.web import YieldingEmbeddings
from ingest.check import check_store
from ingest.chunk import article_fingerprint
from ingest.index import Indexer
from ingest.load import load_sources

from .conftest import BBC, INDOSUM, REPO, require_shared_data, sample_records

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
        ("registry-dropped", 1),  # batch 1 unregistered, its version A chunks still there
        ("chunks-deleted", 2),  # batch 1 updated; batch 2's old chunks deleted, new not added
        ("chunks-written", 1),  # batch 2's new chunks added, registry still says version A
        ("registry-written", 2),  # batches 2 and 3 updated; the closing bump never happened
    ]:
        crash_then_check(settings, version_b, point, nth)
    rerun = run_ingest(settings, version_b)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert_store_holds(settings, version_b)


def test_update_killed_then_reverted_is_repaired_by_the_old_version(settings, crash_corpus, minilm_embeddings):  # fmt: skip
    """Killed while replacing A by B, then A is ingested again: A must come back whole, though
    its fingerprints match what the registry held before the killed run."""
    version_a, version_b = crash_corpus
    assert Indexer(settings, embeddings=minilm_embeddings).ingest_sources([str(version_a)]).exit_code == 0  # fmt: skip
    crash_then_check(settings, version_b, "chunks-deleted", 1)
    rerun = run_ingest(settings, version_a)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert_store_holds(settings, version_a)


# ---- concurrent use ------------------------------------------------------------------------

QUESTIONS = [
    "What happened to Time Warner's profits?",
    "How did the dollar do against the euro?",
    "Who is the new chief executive?",
    "What did the airline announce?",
]


@pytest.fixture(scope="module")
def bbc_halves(tmp_path_factory) -> tuple[Path, Path, list[dict]]:
    """(first 30 BBC articles, the next 30, the records of the next 30)."""
    require_shared_data()
    folder = tmp_path_factory.mktemp("bbc")
    records = sample_records(BBC, 60)
    return write_jsonl(folder / "old.jsonl", records[:30]), write_jsonl(folder / "new.jsonl", records[30:]), records[30:]  # fmt: skip


class QuestionLoop:
    """Threads asking questions until stopped; keeps every failure and counts the answers."""

    def __init__(self, bot: NewsAssistant, threads: int = 2):
        self.bot, self.errors, self.answers = bot, [], 0
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(i,)) for i in range(threads)]

    def _run(self, offset: int) -> None:
        i = offset
        while not self._stop.is_set():
            try:
                self.bot.ask(QUESTIONS[i % len(QUESTIONS)])
                self.answers += 1
            except Exception as exc:  # noqa: BLE001 - every failure is the test's business
                self.errors.append(repr(exc))
            i += 1

    def __enter__(self):
        for t in self._threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for t in self._threads:
            t.join(60)


def assert_new_articles_answerable(bot: NewsAssistant, new_records: list[dict]) -> None:
    for record in new_records[:3]:
        hits = bot.retriever.retrieve(record["title"])
        assert record["id"] in [h.article_id for h in hits[:3]], record["title"]


@pytest.mark.parametrize("mode", ["embedded", "server"])
@pytest.mark.parametrize("writer", ["other process", "same process"])
def test_answers_keep_coming_while_an_ingest_runs(request, settings, minilm_embeddings, bbc_halves, mode, writer):  # fmt: skip
    old, new, new_records = bbc_halves
    if mode == "server":
        server = request.getfixturevalue("chroma_server")
        settings = settings.model_copy(update={"chroma_host": server.host, "chroma_port": server.port})  # fmt: skip
    Indexer(settings, embeddings=minilm_embeddings).ingest_sources([str(old)])
    bot = NewsAssistant(settings, HybridRetriever(settings, embeddings=minilm_embeddings))
    bot.ask(QUESTIONS[0])
    with QuestionLoop(bot) as loop:
        if writer == "other process":
            proc = subprocess.Popen([sys.executable, "-m", "ingest", str(new), "--quiet", "--json"], env=ingest_env(settings), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
            out, err = proc.communicate(timeout=600)
            assert proc.returncode == 0, err[-2000:]
            assert json.loads(out)["articles_added"] == len(new_records)
        else:
            # As the web app does: its ingests embed in small groups so questions get the model.
            model = YieldingEmbeddings(minilm_embeddings)
            report = Indexer(settings, store=bot.retriever.store, embeddings=model).ingest_sources([str(new)])  # fmt: skip
            assert report.articles_added == len(new_records)
        during = loop.answers
    assert loop.errors == []
    assert during >= 5, "the questions did not run while the ingest did"
    # No restart: the same assistant object now finds the new articles.
    assert_new_articles_answerable(bot, new_records)
    assert check_store(bot.retriever.store, settings).ok


def test_chroma_server_that_goes_away_and_comes_back(settings, chroma_server, minilm_embeddings, bbc_halves):  # fmt: skip
    old, new, new_records = bbc_halves
    settings = settings.model_copy(update={"chroma_host": chroma_server.host, "chroma_port": chroma_server.port})  # fmt: skip
    Indexer(settings, embeddings=minilm_embeddings).ingest_sources([str(old)])
    bot = NewsAssistant(settings, HybridRetriever(settings, embeddings=minilm_embeddings))
    assert bot.ask(QUESTIONS[0]).answered

    chroma_server.stop()
    with pytest.raises(StoreUnavailable) as asked:
        bot.ask(QUESTIONS[0])
    message = str(asked.value)
    assert f"{chroma_server.host}:{chroma_server.port}" in message and "chroma run" in message
    with pytest.raises(StoreUnavailable):
        Indexer(settings, store=bot.retriever.store, embeddings=minilm_embeddings).ingest_sources([str(new)])  # fmt: skip
    cli = run_ingest(settings, new)
    assert cli.returncode == 2 and "chroma run" in cli.stderr and "Traceback" not in cli.stderr

    chroma_server.start()
    assert bot.ask(QUESTIONS[0]).answered  # the same objects recover, no restart
    assert run_ingest(settings, new).returncode == 0
    assert bot.retriever.store.count_articles() == 60
    assert_new_articles_answerable(bot, new_records)
    assert check_store(bot.retriever.store, settings).ok


def test_a_process_reads_and_writes_after_another_process_wrote(settings, minilm_embeddings, bbc_halves, tmp_path):  # fmt: skip
    """Embedded Chroma caches vectors per process: without a re-open, reading them after a
    foreign write fails, and writing through the stale cache would corrupt the store."""
    old, new, _ = bbc_halves
    indexer = Indexer(settings, embeddings=minilm_embeddings)
    indexer.ingest_sources([str(old)])
    store = indexer.store
    assert len([i for ids, *_ in store.iter_chunks(with_vectors=True) for i in ids]) == store.count_chunks()  # fmt: skip
    assert run_ingest(settings, new).returncode == 0  # another process writes
    assert store.refresh()
    vectors = [v for *_, batch in store.iter_chunks(with_vectors=True) for v in batch]
    assert len(vectors) == store.count_chunks() and all(len(v) == 384 for v in vectors)
    more = write_jsonl(tmp_path / "more.jsonl", sample_records(BBC, 70)[60:])
    assert indexer.ingest_sources([str(more)]).articles_added == 10  # written after the re-open
    assert store.count_articles() == 70
    assert check_store(store, settings).ok
