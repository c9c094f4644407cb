"""What is in the store (for the corpus panel), and the default corpus the app starts with.

The default corpus is the seed article plus a sample of the IndoSum and BBC sets from
../shared/data when present, or whatever `KABAR_CORPUS` names. The sample is streamed straight
from the shared files (nothing is copied) and ingested seed-first, so the example question
works seconds after start while the rest is still being embedded.
"""

from __future__ import annotations

import itertools
import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from assistant.config import Settings
from assistant.models import Article

log = logging.getLogger(__name__)

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@dataclass
class CorpusStats:
    articles: int = 0
    chunks: int = 0
    sources: dict[str, int] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)
    first_date: str | None = None
    last_date: str | None = None


def corpus_stats(store) -> CorpusStats:
    sources: Counter = Counter()
    languages: Counter = Counter()
    dates = []
    articles = 0
    for _id, meta in store.iter_articles():
        articles += 1
        sources[meta.get("source") or "?"] += 1
        languages[meta.get("lang") or "?"] += 1
        if meta.get("date"):
            dates.append(str(meta["date"])[:10])
    return CorpusStats(
        articles=articles,
        chunks=store.count_chunks(),
        sources=dict(sources.most_common()),
        languages=dict(languages.most_common()),
        first_date=min(dates) if dates else None,
        last_date=max(dates) if dates else None,
    )


def default_sources(settings: Settings) -> list[str]:
    """`KABAR_CORPUS` (comma-separated paths or URLs), else the shared sample data."""
    if settings.corpus.strip():
        return [s.strip() for s in settings.corpus.split(",") if s.strip()]
    candidates = [
        SHARED_DATA / "seed",
        SHARED_DATA / "indosum_id.jsonl",
        SHARED_DATA / "bbc_en.jsonl",
    ]
    return [str(p) for p in candidates if p.exists()]


def default_corpus_items(settings: Settings) -> Iterator:
    """Articles (and LoadErrors) of the default corpus; big JSONL files are sampled evenly to
    `corpus_sample_size` articles each, files and folders first so the seed comes early."""
    from ingest.load import load_sources

    sources = default_sources(settings)
    sources.sort(key=lambda s: s.endswith(".jsonl"))
    for source in sources:
        items = load_sources([source], settings)
        if (
            source.endswith(".jsonl")
            and settings.corpus_sample_size
            and not settings.corpus.strip()
        ):
            items = _evenly(items, _count_lines(Path(source)), settings.corpus_sample_size)
        yield from items


def _count_lines(path: Path) -> int:
    with path.open("rb") as f:
        return sum(1 for _ in f)


def _evenly(items: Iterator, total: int, wanted: int) -> Iterator:
    step = max(total // max(wanted, 1), 1)
    articles = (x for x in items if isinstance(x, Article))
    return itertools.islice(itertools.islice(articles, 0, None, step), wanted)
