"""Is the store consistent? `python -m ingest --check` answers, and the crash tests rely on it.

Consistent means: every article in the registry has exactly the chunks its record counts
(`<article_id>#0` … `#n-1`), no chunk belongs to an article the registry does not list (what a
killed ingest leaves before the re-run), and the persisted search index mirrors the store (the
same generation and the same chunk ids).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from assistant.search_index import SearchIndex, index_folder
from assistant.store import NewsStore


@dataclass
class StoreCheck:
    articles: int = 0
    chunks: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        head = f"{self.articles} articles, {self.chunks} chunks: "
        if self.ok:
            return head + "consistent"
        shown = self.problems[:20]
        more = len(self.problems) - len(shown)
        lines = [head + f"{len(self.problems)} problems - run the same ingest again to repair"]
        lines += [f"  {p}" for p in shown] + ([f"  … and {more} more"] if more else [])
        return "\n".join(lines)


def check_store(store: NewsStore, settings) -> StoreCheck:
    with store.lock.shared():
        store.refresh()
        return _check(store, settings)


def _check(store: NewsStore, settings) -> StoreCheck:
    result = StoreCheck()
    expected = {aid: int(meta.get("n_chunks", -1)) for aid, meta in store.iter_articles()}
    result.articles = len(expected)
    by_article: dict[str, list[str]] = defaultdict(list)
    all_ids: list[str] = []
    for ids, _texts, metas in store.iter_chunks():
        for cid, meta in zip(ids, metas, strict=True):
            by_article[meta.get("article_id", "")].append(cid)
            all_ids.append(cid)
    result.chunks = len(all_ids)
    for cid, n in Counter(all_ids).items():
        if n > 1:
            result.problems.append(f"chunk {cid} is stored {n} times")
    for aid in sorted(set(by_article) - set(expected)):
        result.problems.append(f"orphan chunks of {aid!r} ({len(by_article[aid])}): the article is not in the registry")  # fmt: skip
    for aid, n in sorted(expected.items()):
        want = {f"{aid}#{i}" for i in range(n)}
        have = set(by_article.get(aid, []))
        if have != want:
            result.problems.append(
                f"article {aid!r} has {len(have)} of its {n} chunks"
                + (f" plus {len(have - want)} stray" if have - want else "")
            )
    index = SearchIndex.load(index_folder(settings))
    generation = store.generation()
    if index is None:
        if all_ids:
            result.problems.append("the search index is missing; it is rebuilt on the next question or ingest")  # fmt: skip
    elif index.generation != generation or sorted(index.ids) != sorted(all_ids):
        result.problems.append(
            f"the search index is out of step (index generation {index.generation}, store "
            f"{generation}); it is rebuilt on the next question or ingest"
        )
    return result
