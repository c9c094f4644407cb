"""The in-memory search mirror of the store: BM25 over the chunks (Indonesian Sastrawi and
English Snowball stemming) and the matrix of their vectors, with per-chunk language, source and
date for filters.

It is derived data: rebuilt from Chroma whenever the store's generation changes and persisted
under the store directory, so it can never go stale after an ingest. Searching vectors with one
matrix product (instead of one filtered Chroma query per language) keeps retrieval fast at 100k
chunks; the price is the matrix in memory (768 bytes a chunk, in half precision) and a rebuild
that reads every chunk back from Chroma.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import threading
import time
import uuid
from functools import lru_cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

# A replaced copy of the index is deleted once it is this old (a reader may still be loading it).
STALE_COPY_SECONDS = 120
# The vectors are kept in half precision. A first pass scores every row with a half-precision
# product (torch: 6 ms at 100k chunks, against 18 ms for numpy's float32 product on one thread).
# Its scores are off by the rounding of the query and of the result to float16 (a float16 step
# is 0.0005 just under 1; measured at most 0.00026 off). Every row the first pass puts within
# ROUGH_ERROR (which covers the error of both the k-th row and a candidate) of its k-th best is
# scored again in float32, so the k returned are the k best, in float32, of the stored vectors.
ROUGH_ERROR = 0.004

STOPWORDS_ID = set(
    [
        "yang",
        "dan",
        "di",
        "ke",
        "dari",
        "ini",
        "itu",
        "dengan",
        "untuk",
        "pada",
        "adalah",
        "dalam",
        "tidak",
        "akan",
        "juga",
        "sudah",
        "telah",
        "atau",
        "oleh",
        "karena",
        "bahwa",
        "ada",
        "bisa",
        "dapat",
        "saat",
        "para",
        "lebih",
        "kami",
        "kita",
        "mereka",
        "ia",
        "dia",
        "saya",
        "anda",
        "sebagai",
        "tersebut",
        "namun",
        "tapi",
        "tetapi",
        "jika",
        "kalau",
        "agar",
        "supaya",
        "maka",
        "serta",
        "hingga",
        "sampai",
        "masih",
        "belum",
        "pun",
        "lagi",
        "hanya",
        "sangat",
        "apa",
        "siapa",
        "kapan",
        "mana",
        "dimana",
        "bagaimana",
        "mengapa",
        "kenapa",
        "berapa",
        "apakah",
        "tentang",
        "kata",
        "ujar",
        "nya",
        "pula",
        "sejak",
        "seperti",
        "antara",
        "bagi",
        "atas",
        "bila",
        "yakni",
        "yaitu",
        "baca",
        "juga",
        "se",
        "sebuah",
        "seorang",
        "begitu",
        "oleh",
    ]
)
STOPWORDS_EN = set(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "your",
        "them",
        "him",
        "us",
        "what",
        "who",
        "whom",
        "when",
        "where",
        "why",
        "how",
        "which",
        "did",
        "do",
        "does",
        "done",
        "have",
        "has",
        "had",
        "not",
        "no",
        "so",
        "than",
        "then",
        "there",
        "here",
        "about",
        "into",
        "over",
        "also",
        "would",
        "could",
        "should",
        "will",
        "can",
        "may",
        "might",
        "said",
        "says",
    ]
)
STOPWORDS = STOPWORDS_ID | STOPWORDS_EN  # either language's, for checks that read both
_TOKEN = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ]+(?:[-'][0-9A-Za-zÀ-ÖØ-öø-ÿ]+)*")


@lru_cache(maxsize=1)
def _stemmers():
    import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer(), Stemmer.Stemmer("english")


@lru_cache(maxsize=200_000)
def stem_id(word: str) -> str:
    if word.isdigit() or len(word) <= 3:
        return word
    return _stemmers()[0].stem(word) or word


@lru_cache(maxsize=200_000)
def stem_en(word: str) -> str:
    return _stemmers()[1].stemWord(word)


def tokenize(text: str, lang: str) -> list[str]:
    """Lower-cased, stop-worded, stemmed terms of `text` in language `lang` ("id" or "en").

    >>> tokenize("Zelensky menggagalkan negosiasi", "id")
    ['zelensky', 'gagal', 'negosiasi']
    """
    stem = stem_id if lang == "id" else stem_en
    stop = STOPWORDS_ID if lang == "id" else STOPWORDS_EN
    return [stem(w) for w in (m.group(0).lower() for m in _TOKEN.finditer(text)) if w not in stop]


def tokenize_query(text: str) -> list[str]:
    """Query terms stemmed both ways, so one query matches documents in either language."""
    terms: list[str] = []
    for w in (m.group(0).lower() for m in _TOKEN.finditer(text)):
        if w in STOPWORDS_ID or w in STOPWORDS_EN:
            continue
        for form in dict.fromkeys((stem_id(w), stem_en(w))):
            terms.append(form)
    return terms


class SearchIndex:
    """BM25 over chunk texts (title + passage); keeps per-chunk lang/source/date for filters."""

    def __init__(self, bm25, ids: list[str], langs: np.ndarray, sources: np.ndarray, dates: np.ndarray, generation: str, vectors: np.ndarray | None = None):  # fmt: skip
        self.bm25 = bm25
        self.vectors = (vectors if vectors is not None else np.zeros((len(ids), 0))).astype(np.float16, copy=False)  # fmt: skip
        self._half_matrix = None  # a torch view of self.vectors, made on the first search
        self.ids = ids
        self.langs = langs
        self.sources = sources
        self.dates = dates
        self.generation = generation

    @classmethod
    def empty(cls) -> SearchIndex:
        import bm25s

        return cls(bm25s.BM25(), [], np.array([]), np.array([], dtype=object), np.array([]), "")

    @classmethod
    def build(cls, store) -> SearchIndex:
        import bm25s

        generation = store.generation()
        ids: list[str] = []
        corpus: list[list[str]] = []
        langs, sources, dates, vectors = [], [], [], []
        for batch_ids, texts, metas, batch_vectors in store.iter_chunks(with_vectors=True):
            vectors.append(np.asarray(batch_vectors, dtype=np.float32))
            for cid, text, meta in zip(batch_ids, texts, metas, strict=True):
                lang = meta.get("lang") or "en"
                ids.append(cid)
                corpus.append(tokenize(f"{meta.get('title', '')}\n{text}", lang) or ["_"])
                langs.append(lang)
                sources.append(meta.get("source", ""))
                dates.append(int(meta.get("date_ts", -1)))
        bm25 = bm25s.BM25()
        if corpus:
            bm25.index(corpus, show_progress=False)
        matrix = np.concatenate(vectors) if vectors else np.zeros((0, 0), np.float32)
        return cls(bm25, ids, np.array(langs), np.array(sources, dtype=object), np.array(dates), generation, matrix)  # fmt: skip

    def save(self, folder: Path) -> None:
        """Write the index into a fresh sub-folder, then point `folder/current` at it with an
        atomic rename: a reader in another process, or a crash mid-save, never sees half an
        index. Older copies are removed once nobody can still be loading them."""
        folder.mkdir(parents=True, exist_ok=True)
        name = uuid.uuid4().hex
        target = folder / name
        target.mkdir()
        if self.ids:
            self.bm25.save(str(target), show_progress=False)
        np.save(target / "vectors.npy", self.vectors)
        (target / "generation").write_text(self.generation)
        (target / "chunks.json").write_text(
            json.dumps(
                {
                    "generation": self.generation,
                    "ids": self.ids,
                    "langs": self.langs.tolist(),
                    "sources": self.sources.tolist(),
                    "dates": self.dates.tolist(),
                }
            )
        )
        previous = _current_name(folder)
        pointer = folder / f"current.{name}.tmp"
        pointer.write_text(name)
        os.replace(pointer, folder / "current")
        now = time.time()
        for old in folder.iterdir():
            try:
                if old.name in (name, previous, "current") or now - old.stat().st_mtime < STALE_COPY_SECONDS:  # fmt: skip
                    continue
                if old.is_dir():
                    shutil.rmtree(old, ignore_errors=True)
                else:
                    old.unlink(missing_ok=True)
            except FileNotFoundError:
                continue  # another process cleaned it up first

    @classmethod
    def load(cls, folder: Path) -> SearchIndex | None:
        import bm25s

        name = _current_name(folder)
        if name is None:
            return None
        try:
            meta = json.loads((folder / name / "chunks.json").read_text())
            bm25 = (
                bm25s.BM25.load(str(folder / name), show_progress=False)
                if meta["ids"]
                else bm25s.BM25()
            )
            vectors = np.load(folder / name / "vectors.npy")
        except (OSError, ValueError, KeyError):
            return None
        return cls(
            bm25,
            meta["ids"],
            np.array(meta["langs"]),
            np.array(meta["sources"], dtype=object),
            np.array(meta["dates"]),
            meta["generation"],
            vectors,
        )

    def nearest(self, vector, k: int, mask: np.ndarray | None = None, bonus: np.ndarray | None = None) -> list[tuple[int, float]]:  # fmt: skip
        """(row, score) of the `k` chunks nearest to a normalized `vector`, within `mask`: the
        cosine, plus `bonus` (one value a row) when given."""
        if not self.ids or self.vectors.shape[1] == 0:
            return []
        if k <= 0:
            return []
        query = np.asarray(vector, dtype=np.float32)
        rough = self._half_precision_scores(query)
        rough[np.isnan(rough)] = -np.inf
        if bonus is not None:
            rough += bonus
        if mask is not None:
            rough[~mask] = -np.inf
        k = min(k, len(rough))
        kth_best = np.partition(rough, len(rough) - k)[len(rough) - k]
        rows = np.flatnonzero(rough >= max(kth_best - ROUGH_ERROR, np.finfo(np.float32).min))
        exact = self.vectors[rows].astype(np.float32) @ query
        if bonus is not None:
            exact += bonus[rows]
        best = np.argsort(-exact, kind="stable")[:k]
        return [(int(rows[i]), float(exact[i])) for i in best]

    def _half_precision_scores(self, query: np.ndarray) -> np.ndarray:
        import torch

        if self._half_matrix is None:
            self._half_matrix = torch.from_numpy(self.vectors)
        with torch.inference_mode():
            scores = torch.mv(self._half_matrix, torch.from_numpy(query).to(torch.float16))
        return scores.float().numpy()

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """(row, score) of the best `k` chunks with a positive score; `mask` limits the rows."""
        if not self.ids:
            return []
        terms = [t for t in tokenize_query(query) if t in self.bm25.vocab_dict]
        if not terms:
            return []
        scores = self.bm25.get_scores(terms)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]


class SearchIndexCache:
    """Keeps the index in step with the store: reloads or rebuilds when the generation moves.

    While a writer is mid-run (in this process or another) it goes on serving the index it has,
    so questions never wait for an ingest; the new articles become answerable when the writer
    finishes. With no index at all yet it serves an empty one rather than block."""

    def __init__(self, store, folder: Path):
        self.store = store
        self.folder = folder
        self._index: SearchIndex | None = None
        self._lock = threading.Lock()

    def get(self) -> SearchIndex:
        generation = self.store.generation()
        if self._index is not None and self._index.generation == generation:
            return self._index
        # One thread loads or rebuilds; the others keep serving the index there is, if any.
        if not self._lock.acquire(blocking=self._index is None):
            return self._index
        try:
            if self._index is not None and self._index.generation == generation:
                return self._index
            with self.store.lock.shared(wait=False) as free:
                if not free:
                    if self._index is None:
                        self._index = SearchIndex.load(self.folder) or SearchIndex.empty()
                    return self._index
                self.store.refresh()
                generation = self.store.generation()
                index = SearchIndex.load(self.folder)
                if index is None or index.generation != generation:
                    log.info("Building the search index for generation %s", generation)
                    index = SearchIndex.build(self.store)
                    try:
                        index.save(self.folder)
                    except OSError as exc:  # a read-only store still answers, from memory
                        log.warning("Could not persist the search index in %s: %s", self.folder, exc)  # fmt: skip
            self._index = index
            return index
        finally:
            self._lock.release()


def persisted_generation(folder: Path) -> str | None:
    """The store generation the saved index mirrors (None when there is none), without loading
    it."""
    name = _current_name(folder)
    try:
        return (folder / name / "generation").read_text() if name else None
    except OSError:
        return None


def _current_name(folder: Path) -> str | None:
    try:
        return (folder / "current").read_text().strip() or None
    except OSError:
        return None


def index_folder(settings) -> Path:
    return Path(settings.store_dir) / "bm25" / settings.collection
