"""`python -m ingest`, but SIGKILLed by itself at a chosen point; for tests/test_faults.py.

CRASH_AT names the point and CRASH_NTH which occurrence of it (1 = the first):
  embed            inside the model call of a batch (earlier batches are stored)
  registry-dropped after a batch's registry records are removed, before its chunks change
  chunks-deleted   after a batch's old chunks are deleted, before the new ones are added
  chunks-written   after the new chunks are added, before the registry records
  registry-written after the registry records, before the run's closing generation bump
  index-saving     half-way through writing the search index
The kill is a real SIGKILL of this process: no finally blocks, no atexit, no flush.
"""

from __future__ import annotations

import os
import signal
import sys

import chromadb.api.models.Collection as chroma_collection

import assistant.search_index as search_index
import ingest.index as index
from assistant.store import REGISTRY_SUFFIX
from ingest.__main__ import main

POINT = os.environ["CRASH_AT"]
NTH = int(os.environ.get("CRASH_NTH", "1"))
seen = {"n": 0}

index.ARTICLE_BATCH = int(os.environ.get("CRASH_BATCH", "8"))


def reached(point: str) -> None:
    if point == POINT:
        seen["n"] += 1
        if seen["n"] == NTH:
            os.kill(os.getpid(), signal.SIGKILL)


class KillingEmbeddings:
    def __init__(self, inner):
        self.inner, self.name = inner, inner.name

    def embed_documents(self, texts):
        vectors = self.inner.embed_documents(texts)
        reached("embed")
        return vectors

    def embed_query(self, text):
        return self.inner.embed_query(text)


original_init = index.Indexer.__init__


def init(self, *args, **kwargs):
    original_init(self, *args, **kwargs)
    self.embeddings = KillingEmbeddings(self.embeddings)


index.Indexer.__init__ = init

original_delete = chroma_collection.Collection.delete
original_upsert = chroma_collection.Collection.upsert


def delete(self, *args, **kwargs):
    result = original_delete(self, *args, **kwargs)
    reached("registry-dropped" if self.name.endswith(REGISTRY_SUFFIX) else "chunks-deleted")
    return result


def upsert(self, *args, **kwargs):
    result = original_upsert(self, *args, **kwargs)
    reached("registry-written" if self.name.endswith(REGISTRY_SUFFIX) else "chunks-written")
    return result


chroma_collection.Collection.delete = delete
chroma_collection.Collection.upsert = upsert

original_save = search_index.np.save


def save(path, array, *args, **kwargs):
    original_save(path, array, *args, **kwargs)
    reached("index-saving")


search_index.np.save = save

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
