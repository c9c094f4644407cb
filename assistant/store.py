"""The Chroma store: a chunk collection (vectors + text + metadata) and an article registry.

The registry holds one record per article with its fingerprint and chunk count; an article's
record is removed before its chunks change and written back last, so an interrupted ingest
leaves the article unregistered, and the next run replaces its chunks wholesale. Embedded
(`PersistentClient`) or server (`HttpClient`) mode is chosen by `settings.chroma_host`; the
rest of Kabar cannot tell them apart.

Every Chroma call goes through `_calling`, which serializes the calls of one store object (so
`refresh` can swap the client under them) and turns whatever Chroma raises into a
`StoreUnavailable` that says where the store is and what to check. Writers hold `self.lock`
(see `store_lock`).
"""

from __future__ import annotations

import logging
import os
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from assistant.config import Settings
from assistant.errors import KabarError, StoreUnavailable
from assistant.models import Chunk
from assistant.store_lock import StoreLock, store_lock

log = logging.getLogger(__name__)

# Chroma's telemetry phones home; we are offline and private by design.
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

REGISTRY_SUFFIX = "__articles"
WRITE_BATCH = 1000


class NewsStore:
    def __init__(self, settings: Settings, embedding_model: str | None = None):
        self.settings = settings
        self.embedding_model = embedding_model or settings.embedding_model
        self.lock: StoreLock = store_lock(settings.store_dir)
        self._calls = threading.RLock()
        self._open()
        built_with = (self.chunks.metadata or {}).get("embedding_model")
        if built_with and built_with != self.embedding_model:
            raise StoreUnavailable(
                f"The collection {settings.collection!r} was built with the embedding model "
                f"{built_with!r}, not {self.embedding_model!r} - set "
                f"KABAR_EMBEDDING_MODEL={built_with} or choose another KABAR_COLLECTION"
            )
        self._seen_generation = self.generation()

    def _open(self) -> None:
        self.client = _connect(self.settings)
        try:
            self.chunks = self.client.get_or_create_collection(
                self.settings.collection,
                embedding_function=None,
                metadata={"hnsw:space": "cosine", "embedding_model": self.embedding_model},
            )
            self.registry = self.client.get_or_create_collection(
                self.settings.collection + REGISTRY_SUFFIX, embedding_function=None
            )
        except Exception as exc:  # noqa: BLE001 - chroma raises many types for one cause
            raise StoreUnavailable(
                f"Cannot open the collection {self.settings.collection!r} at "
                f"{self.settings.chroma_location()}: {exc} - {_fix_hint(self.settings)}"
            ) from exc

    @contextmanager
    def _calling(self, what: str) -> Iterator[None]:
        with self._calls:
            try:
                yield
            except KabarError:
                raise
            except Exception as exc:  # noqa: BLE001 - chroma raises many types for one cause
                raise StoreUnavailable(
                    f"The news store at {self.settings.chroma_location()} failed while {what}: "
                    f"{type(exc).__name__}: {exc} - {_fix_hint(self.settings)}; nothing already "
                    "ingested is lost, and an interrupted ingest finishes when you run it again"
                ) from exc

    def refresh(self) -> bool:
        """Re-open the embedded client when another process changed the store since this one
        last looked: Chroma caches vectors per process, and reading or writing through a stale
        cache fails or corrupts the store. Call it holding the lock, shared or exclusive.
        Returns True when the store had changed."""
        generation = self.generation()
        if generation == self._seen_generation:
            return False
        if not self.settings.chroma_host:
            from chromadb.api.shared_system_client import SharedSystemClient

            with self._calling("re-opening the store"):
                log.info("The store changed in another process; re-opening it")
                # Chroma shares one System (and its cache) per directory within a process:
                # forget it, so the new client reads the directory afresh. Clients still
                # holding the old one keep it until they are dropped.
                SharedSystemClient._identifier_to_system.pop(self.client._identifier, None)
                self._open()
        self._seen_generation = self.generation()
        return True

    # ---- article registry ------------------------------------------------------------------

    def article_fingerprints(self, article_ids: list[str]) -> dict[str, str]:
        if not article_ids:
            return {}
        with self._calling("reading the article registry"):
            got = self.registry.get(ids=list(article_ids), include=["metadatas"])
        return {
            i: m.get("fingerprint", "") for i, m in zip(got["ids"], got["metadatas"], strict=True)
        }

    def replace_articles(self, items: list[tuple[str, str, list[Chunk], list[list[float]], dict]]) -> int:  # fmt: skip
        """Write (article_id, fingerprint, chunks, vectors, summary) for many articles: drop
        their registry records, delete every chunk they have (an older version, or what a
        killed run left), add the new chunks, then the registry records again, last. A crash
        anywhere in between leaves those articles out of the registry, so the next run redoes
        them whatever version it brings. Each Chroma call takes the call lock on its own, so
        questions are not held up for a whole batch. Returns how many old chunks were removed."""
        ids = [i[0] for i in items]
        with self._calling("writing articles"):
            self.registry.delete(ids=ids)
        with self._calling("writing articles"):
            old = self.chunks.get(where={"article_id": {"$in": ids}}, include=[])
        if old["ids"]:
            with self._calling("writing articles"):
                self.chunks.delete(ids=old["ids"])
        chunks = [c for _, _, cs, _, _ in items for c in cs]
        vectors = [v for _, _, _, vs, _ in items for v in vs]
        for start in range(0, len(chunks), WRITE_BATCH):
            part = slice(start, start + WRITE_BATCH)
            with self._calling("writing articles"):
                self.chunks.upsert(
                    ids=[c.id for c in chunks[part]],
                    documents=[c.text for c in chunks[part]],
                    metadatas=[c.metadata for c in chunks[part]],
                    embeddings=vectors[part],
                )
        metas = []
        for _, fingerprint, cs, _, summary in items:
            meta = {"fingerprint": fingerprint, "n_chunks": len(cs)}
            meta.update({k: v for k, v in summary.items() if v is not None})
            metas.append(meta)
        with self._calling("writing articles"):
            self.registry.upsert(ids=ids, embeddings=[[0.0]] * len(items), metadatas=metas)
        self._seen_generation = self.generation()
        return len(old["ids"])

    # ---- change tracking -------------------------------------------------------------------

    def generation(self) -> str:
        """Changes whenever the store changes (an ingest bumps it before its first write and
        after its last, so a killed run leaves a new one behind too); the search index keys on
        it. It is the registry's stored mark alone: it is read before every question, and
        counting the chunks as well took 17 ms at 100k chunks."""
        with self._calling("reading its state"):
            registry = self.client.get_collection(self.settings.collection + REGISTRY_SUFFIX)
            return str((registry.metadata or {}).get("generation", "0"))

    def bump_generation(self) -> None:
        with self._calling("marking a change"):
            self.registry.modify(metadata={"generation": uuid.uuid4().hex})
        self._seen_generation = self.generation()

    # ---- reading ---------------------------------------------------------------------------

    def count_chunks(self) -> int:
        with self._calling("counting passages"):
            return self.chunks.count()

    def count_articles(self) -> int:
        with self._calling("counting articles"):
            return self.registry.count()

    def iter_chunks(self, batch: int = 5000, with_vectors: bool = False) -> Iterator[tuple]:
        """(ids, texts, metadatas[, vectors]) in batches, over every chunk of the store."""
        include = ["documents", "metadatas", "embeddings"] if with_vectors else ["documents", "metadatas"]  # fmt: skip
        total = self.count_chunks()
        for offset in range(0, total, batch):
            with self._calling("reading passages"):
                got = self.chunks.get(limit=batch, offset=offset, include=include)
            if with_vectors:
                yield got["ids"], got["documents"], got["metadatas"], got["embeddings"]
            else:
                yield got["ids"], got["documents"], got["metadatas"]

    def iter_articles(self, batch: int = 5000) -> Iterator[tuple[str, dict]]:
        total = self.count_articles()
        for offset in range(0, total, batch):
            with self._calling("reading the article registry"):
                got = self.registry.get(limit=batch, offset=offset, include=["metadatas"])
            yield from zip(got["ids"], got["metadatas"], strict=True)

    def get_chunks(self, ids: list[str]) -> dict[str, tuple[str, dict]]:
        if not ids:
            return {}
        with self._calling("reading passages"):
            got = self.chunks.get(ids=list(ids), include=["documents", "metadatas"])
        return {
            i: (d, m)
            for i, d, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        }


def _fix_hint(settings: Settings) -> str:
    if settings.chroma_host:
        return (
            f"check that the Chroma server is running (chroma run --host {settings.chroma_host} "
            f"--port {settings.chroma_port} --path DIR) or fix KABAR_CHROMA_HOST/KABAR_CHROMA_PORT"
        )
    return f"check that {settings.store_dir} exists and is writable, or set KABAR_STORE_DIR"


def _connect(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    try:
        if settings.chroma_host:
            return chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
            )
        settings.store_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.store_dir), settings=chroma_settings)
    except Exception as exc:  # noqa: BLE001
        if settings.chroma_host:
            raise StoreUnavailable(
                f"Cannot reach the Chroma server at {settings.chroma_location()}: {exc} - "
                f"{_fix_hint(settings)}"
            ) from exc
        raise StoreUnavailable(
            f"Cannot open the store in {settings.store_dir}: {exc} - {_fix_hint(settings)}"
        ) from exc
