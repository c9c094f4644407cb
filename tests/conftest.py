"""Shared fixtures: settings in tmp dirs, the real packaged models, real Chroma (embedded and a
`chroma run` server), and a real news corpus from ../shared/data ingested once per session."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from assistant.config import Settings  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
SEED_DIR = SHARED_DATA / "seed"
SEED_FILE = SEED_DIR / "000_72ad8f4d44b99d4f.txt"
INDOSUM = SHARED_DATA / "indosum_id.jsonl"
BBC = SHARED_DATA / "bbc_en.jsonl"
CORPUS_INDOSUM = 150
CORPUS_BBC = 100


def require_shared_data():
    if not SEED_FILE.exists() or not INDOSUM.exists() or not BBC.exists():
        pytest.skip(f"the shared news data is not at {SHARED_DATA}")


@pytest.fixture(autouse=True)
def _no_user_env(monkeypatch):
    """Tests build their own Settings; a developer's KABAR_* variables or .env must not leak in."""
    for key in list(os.environ):
        if key.startswith("KABAR_"):
            monkeypatch.delenv(key)
    monkeypatch.setattr(Settings, "model_config", {**Settings.model_config, "env_file": None})


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("models")


def make_settings(store: Path, model_cache: Path, **overrides) -> Settings:
    values = {"store_dir": store, "model_cache_dir": model_cache, "llm": "extractive"}
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
def settings(tmp_path, model_cache) -> Settings:
    """English MiniLM for speed; tests of multilingual behaviour use `e5_settings`."""
    return make_settings(tmp_path / "chroma", model_cache, embedding_model="all-MiniLM-L6-v2")


@pytest.fixture(scope="session")
def e5_embeddings(model_cache):
    from assistant.embeddings import get_embeddings

    return get_embeddings(make_settings(Path("unused"), model_cache))


@pytest.fixture(scope="session")
def minilm_embeddings(model_cache):
    from assistant.embeddings import get_embeddings

    return get_embeddings(make_settings(Path("unused"), model_cache, embedding_model="all-MiniLM-L6-v2"))  # fmt: skip


class CountingEmbeddings:
    """Wraps a real embedder and counts the texts it embeds (to prove what was not embedded)."""

    def __init__(self, inner):
        self.inner = inner
        self.name = inner.name
        self.documents_embedded = 0

    def embed_documents(self, texts):
        self.documents_embedded += len(texts)
        return self.inner.embed_documents(texts)

    def embed_query(self, text):
        return self.inner.embed_query(text)


def sample_records(path: Path, n: int) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in itertools.islice(f, n)]


@pytest.fixture(scope="session")
def news_corpus_file(tmp_path_factory) -> Path:
    """The first IndoSum and BBC articles as one JSONL (written to tmp, never into the repo)."""
    require_shared_data()
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    records = sample_records(INDOSUM, CORPUS_INDOSUM) + sample_records(BBC, CORPUS_BBC)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return path


@pytest.fixture(scope="session")
def news_settings(tmp_path_factory, model_cache, news_corpus_file, e5_embeddings) -> Settings:
    """A store with the seed article plus 250 real IndoSum/BBC articles, embedded with the
    packaged multilingual-e5-small. Read-only for tests: copy it to change it."""
    from ingest.index import Indexer

    settings = make_settings(tmp_path_factory.mktemp("news") / "chroma", model_cache)
    report = Indexer(settings, embeddings=e5_embeddings).ingest_sources([str(SEED_DIR), str(news_corpus_file)])  # fmt: skip
    assert report.errors == [] and report.articles_added == 1 + CORPUS_INDOSUM + CORPUS_BBC
    return settings


def seed_store_settings(tmp_path_factory, model_cache, e5_embeddings, name: str) -> Settings:
    """A fresh store holding only the seed article, embedded with multilingual-e5."""
    if not SEED_FILE.exists():
        pytest.skip(f"the seed article is not at {SEED_FILE}")
    from ingest.index import Indexer

    settings = make_settings(tmp_path_factory.mktemp(name) / "chroma", model_cache)
    report = Indexer(settings, embeddings=e5_embeddings).ingest_sources([str(SEED_DIR)])
    assert report.articles_added == 1 and report.errors == []
    return settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ChromaServer:
    """A real `chroma run` server on 127.0.0.1 that a test can stop and start again (same path,
    same port)."""

    def __init__(self, path: Path):
        self.chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")  # fmt: skip
        if self.chroma is None:
            pytest.skip("the chroma CLI is not installed")
        self.path, self.host, self.port = path, "127.0.0.1", free_port()
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        import requests

        self.proc = subprocess.Popen(
            [
                self.chroma,
                "run",
                "--path",
                str(self.path),
                "--host",
                self.host,
                "--port",
                str(self.port),
            ],  # fmt: skip
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if requests.get(f"http://{self.host}:{self.port}/api/v2/heartbeat", timeout=1).ok:
                    return
            except requests.RequestException:
                time.sleep(0.3)
        self.stop()
        pytest.fail("chroma run did not start within 60 s")

    def stop(self) -> None:
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None


@pytest.fixture
def chroma_server(tmp_path):
    """A running ChromaServer; its `host` and `port` go into the settings."""
    server = ChromaServer(tmp_path / "server")
    server.start()
    yield server
    server.stop()


class FixedVerifier:
    """A verifier with a set verdict and copied answer (None: it fails), to test how the chain
    uses them."""

    def __init__(self, margin: float | None, extracted: str | None = "the answer"):
        self.verdict, self.extracted = margin, extracted
        self.asked: list[tuple[str, str]] = []
        self.asked_to_copy: list[tuple[str, str]] = []

    def margin(self, question: str, excerpt: str) -> float:
        self.asked.append((question, excerpt))
        if self.verdict is None:
            raise RuntimeError("llama_decode returned -1")
        return self.verdict

    def extract(self, question: str, excerpt: str) -> str:
        self.asked_to_copy.append((question, excerpt))
        if self.extracted is None:
            raise RuntimeError("llama_decode returned -1")
        return self.extracted
