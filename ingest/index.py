"""Write articles into the store: skip unchanged ones, re-chunk and re-embed changed ones.

Articles are processed in batches so one `embed_documents` call covers many chunks (the model
is the bottleneck; everything else here must stay well under its cost). The BM25 index is
rebuilt once at the end of a run that changed anything.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from langchain_core.embeddings import Embeddings

from assistant.config import Settings
from assistant.embeddings import LazyEmbeddings, embedding_name
from assistant.models import Article, Chunk
from assistant.search_index import SearchIndexCache, index_folder, persisted_generation
from assistant.store import NewsStore
from ingest.chunk import article_fingerprint, chunk_article
from ingest.load import LoadError, load_sources

log = logging.getLogger(__name__)

ARTICLE_BATCH = 64


@dataclass
class IngestReport:
    articles_read: int = 0
    articles_added: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    chunks_added: int = 0
    chunks_removed: int = 0
    errors: list[LoadError] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 all went in, 1 some records failed, 2 nothing could be read."""
        if not self.errors:
            return 0
        return 2 if self.articles_read == 0 else 1

    def to_json(self) -> dict:
        return {
            "articles_read": self.articles_read,
            "articles_added": self.articles_added,
            "articles_updated": self.articles_updated,
            "articles_unchanged": self.articles_unchanged,
            "chunks_added": self.chunks_added,
            "chunks_removed": self.chunks_removed,
            "errors": [
                {"source": e.source, "line": e.line, "message": e.message} for e in self.errors
            ],
        }

    def summary(self) -> str:
        text = (
            f"{self.articles_read} articles read: {self.articles_added} added, "
            f"{self.articles_updated} updated, {self.articles_unchanged} unchanged; "
            f"{self.chunks_added} chunks added, {self.chunks_removed} removed"
        )
        if self.errors:
            text += f"; {len(self.errors)} errors"
        return text


def embedding_text(chunk: Chunk) -> str:
    """What the embedder sees: the title gives a passage its topic when the text does not."""
    title = chunk.metadata.get("title", "")
    return f"{title}\n{chunk.text}" if title else chunk.text


class Indexer:
    def __init__(self, settings: Settings, store: NewsStore | None = None, embeddings: Embeddings | None = None):  # fmt: skip
        self.settings = settings
        self.embeddings = embeddings or LazyEmbeddings(settings)
        self.store = store or NewsStore(settings, embedding_model=embedding_name(self.embeddings))

    def ingest_sources(
        self,
        sources: Iterable[str],
        default_source: str | None = None,
        lang: str = "auto",
        progress=None,
    ) -> IngestReport:
        """Load, clean, chunk, embed and store everything in `sources`; never raises for bad
        input (it is reported in the returned report). `progress` is called with the report."""
        items = load_sources(sources, self.settings, default_source=default_source, lang=lang)
        return self.ingest_items(items, progress=progress)

    def ingest_items(self, items: Iterable[Article | LoadError], progress=None, on_wait=None) -> IngestReport:  # fmt: skip
        """Ingest under the store's write lock (`on_wait` is called if another ingest holds it).
        The generation is bumped before the first write and after the last, so a reader never
        trusts a search index built before a run that was killed half-way."""
        report = IngestReport()
        with self.store.lock.exclusive(on_wait=on_wait):
            self.store.refresh()
            batch: list[Article] = []
            for item in items:
                if isinstance(item, LoadError):
                    report.errors.append(item)
                    continue
                report.articles_read += 1
                batch.append(item)
                if len(batch) >= ARTICLE_BATCH:
                    self._write_batch(batch, report)
                    batch = []
                    if progress:
                        progress(report)
            if batch:
                self._write_batch(batch, report)
            if progress:
                progress(report)
            if report.articles_added or report.articles_updated:
                self.store.bump_generation()
            # Also after an unchanged run: a killed run may have left the index behind.
            folder = index_folder(self.settings)
            if persisted_generation(folder) != self.store.generation():
                SearchIndexCache(self.store, folder).get()
        return report

    def _write_batch(self, articles: list[Article], report: IngestReport) -> None:
        # Within one batch the last copy of an id wins, as it would across batches.
        by_id = {a.id: a for a in articles}
        known = self.store.article_fingerprints(list(by_id))
        todo: list[tuple[Article, str, list[Chunk]]] = []
        for article in by_id.values():
            fingerprint = article_fingerprint(article)
            if known.get(article.id) == fingerprint:
                report.articles_unchanged += 1
                continue
            chunks = chunk_article(
                article, self.settings.chunk_words, self.settings.chunk_overlap_words
            )
            todo.append((article, fingerprint, chunks))
        report.articles_unchanged += len(articles) - len(by_id)
        if not todo:
            return
        texts = [embedding_text(c) for _, _, chunks in todo for c in chunks]
        vectors = self.embeddings.embed_documents(texts)
        items, offset = [], 0
        for article, fingerprint, chunks in todo:
            items.append((article.id, fingerprint, chunks, vectors[offset : offset + len(chunks)], article_summary(article)))  # fmt: skip
            offset += len(chunks)
        if not (report.articles_added or report.articles_updated):
            self.store.bump_generation()  # before the run's first write: see ingest_items
        report.chunks_removed += self.store.replace_articles(items)
        report.chunks_added += len(texts)
        updated = sum(1 for article, _, _ in todo if article.id in known)
        report.articles_updated += updated
        report.articles_added += len(todo) - updated


def article_summary(article: Article) -> dict:
    """Registry fields, for the corpus panel and for citations of whole articles."""
    return {
        "title": article.title or "",
        "source": article.source or "",
        "date": article.date or "",
        "url": article.url or "",
        "lang": article.lang or "",
    }
