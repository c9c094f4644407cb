"""The Chroma store: a chunk collection (vectors + text + metadata) and an article registry.

The registry holds one record per article with its fingerprint and chunk count; it is written
last, so an interrupted ingest leaves an article whose registry record is missing or stale, and
the next run replaces its chunks wholesale. Embedded (`PersistentClient`) or server
(`HttpClient`) mode is chosen by `settings.chroma_host`; the rest of Kabar cannot tell them apart.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterator

from assistant.config import Settings
from assistant.errors import StoreUnavailable
from assistant.models import Chunk

log = logging.getLogger(__name__)

# Chroma's telemetry phones home; we are offline and private by design.
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

REGISTRY_SUFFIX = "__articles"
WRITE_BATCH = 1000


class NewsStore:
    def __init__(self, settings: Settings, embedding_model: str | None = None):
        self.settings = settings
        self.embedding_model = embedding_model or settings.embedding_model
        self.client = _connect(settings)
        try:
            self.chunks = self.client.get_or_create_collection(
                settings.collection,
                embedding_function=None,
                metadata={"hnsw:space": "cosine", "embedding_model": self.embedding_model},
            )
            self.registry = self.client.get_or_create_collection(
                settings.collection + REGISTRY_SUFFIX, embedding_function=None
            )
        except Exception as exc:  # noqa: BLE001 - chroma raises many types for one cause
            raise StoreUnavailable(
                f"Cannot open the collection {settings.collection!r} at "
                f"{settings.chroma_location()}: {exc} - check KABAR_STORE_DIR / KABAR_CHROMA_HOST"
            ) from exc
        built_with = (self.chunks.metadata or {}).get("embedding_model")
        if built_with and built_with != self.embedding_model:
            raise StoreUnavailable(
                f"The collection {settings.collection!r} was built with the embedding model "
                f"{built_with!r}, not {self.embedding_model!r} - set "
                f"KABAR_EMBEDDING_MODEL={built_with} or choose another KABAR_COLLECTION"
            )

    # ---- article registry ------------------------------------------------------------------

    def article_fingerprints(self, article_ids: list[str]) -> dict[str, str]:
        if not article_ids:
            return {}
        got = self.registry.get(ids=list(article_ids), include=["metadatas"])
        return {
            i: m.get("fingerprint", "") for i, m in zip(got["ids"], got["metadatas"], strict=True)
        }

    def replace_articles(self, items: list[tuple[str, str, list[Chunk], list[list[float]], dict]], replaced: set[str]) -> int:  # fmt: skip
        """Write (article_id, fingerprint, chunks, vectors, summary) for many articles in three
        calls: delete the old chunks of `replaced` articles, add all chunks, then the registry
        records, last, so a crash in between leaves those articles marked as not done.
        Returns how many old chunks were removed."""
        removed = 0
        if replaced:
            old = self.chunks.get(where={"article_id": {"$in": sorted(replaced)}}, include=[])
            if old["ids"]:
                self.chunks.delete(ids=old["ids"])
            removed = len(old["ids"])
        chunks = [c for _, _, cs, _, _ in items for c in cs]
        vectors = [v for _, _, _, vs, _ in items for v in vs]
        for start in range(0, len(chunks), WRITE_BATCH):
            part = slice(start, start + WRITE_BATCH)
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
        self.registry.upsert(ids=[i[0] for i in items], embeddings=[[0.0]] * len(items), metadatas=metas)  # fmt: skip
        return removed

    # ---- change tracking -------------------------------------------------------------------

    def generation(self) -> str:
        """Changes after every ingest that altered the store; the BM25 index keys on it."""
        meta = self.client.get_collection(self.settings.collection + REGISTRY_SUFFIX).metadata or {}
        return str(meta.get("generation", "0")) + f":{self.chunks.count()}"

    def bump_generation(self) -> None:
        self.registry.modify(metadata={"generation": uuid.uuid4().hex})

    # ---- reading ---------------------------------------------------------------------------

    def count_chunks(self) -> int:
        return self.chunks.count()

    def count_articles(self) -> int:
        return self.registry.count()

    def iter_chunks(self, batch: int = 5000, with_vectors: bool = False) -> Iterator[tuple]:
        """(ids, texts, metadatas[, vectors]) in batches, over every chunk of the store."""
        include = ["documents", "metadatas", "embeddings"] if with_vectors else ["documents", "metadatas"]  # fmt: skip
        total = self.chunks.count()
        for offset in range(0, total, batch):
            got = self.chunks.get(limit=batch, offset=offset, include=include)
            if with_vectors:
                yield got["ids"], got["documents"], got["metadatas"], got["embeddings"]
            else:
                yield got["ids"], got["documents"], got["metadatas"]

    def iter_articles(self, batch: int = 5000) -> Iterator[tuple[str, dict]]:
        total = self.registry.count()
        for offset in range(0, total, batch):
            got = self.registry.get(limit=batch, offset=offset, include=["metadatas"])
            yield from zip(got["ids"], got["metadatas"], strict=True)

    def get_chunks(self, ids: list[str]) -> dict[str, tuple[str, dict]]:
        if not ids:
            return {}
        got = self.chunks.get(ids=list(ids), include=["documents", "metadatas"])
        return {
            i: (d, m)
            for i, d, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        }


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
                f"Cannot reach the Chroma server at {settings.chroma_location()}: {exc} - start it "
                f"with: chroma run --host {settings.chroma_host} --port {settings.chroma_port}"
            ) from exc
        raise StoreUnavailable(
            f"Cannot open the store in {settings.store_dir}: {exc} - check that the directory "
            "is writable, or set KABAR_STORE_DIR"
        ) from exc
