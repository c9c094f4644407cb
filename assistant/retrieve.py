"""Hybrid retrieval: dense (multilingual-e5) + BM25, fused by weighted reciprocal rank.

The dense side is one ranking of both languages, with the embedder's measured cross-language
gap added to other-language cosines (CROSS_LANGUAGE_GAP), so an Indonesian article is not
buried under English ones for an English question. BM25 on the question's own words only helps
when question and passage share a language; across languages its hits are mostly noise that
plain fusion lets crowd out good dense hits, so it is weighed by language match. Fusion counts
a hit's score beside its rank, so a clear winner of one ranking is not outvoted by near-ties in
another. The question's names, and its other words that the glossary knows translated, search
the other language's articles. Then: a preference for passages quoting the asked-about speaker,
optional recency, at most three passages per article, and near-duplicate wire copies merged
into one hit.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.config import Settings
from assistant.embeddings import embedding_name, get_embeddings
from assistant.errors import EmptyStore
from assistant.glossary import translated_question
from assistant.models import Hit
from assistant.search_index import SearchIndexCache, index_folder
from assistant.store import NewsStore
from ingest.chunk import date_timestamp
from ingest.clean import detect_language
from ingest.quotes import same_speaker, speaker_key

log = logging.getLogger(__name__)

RRF_K = 60
CANDIDATES = 40
FUSED_CANDIDATES = 30  # fused hits fetched from the store and considered for the top k
DENSE_WEIGHT = 1.5
LEXICAL_SAME_LANG = 0.5
LEXICAL_CROSS_LANG = 0.15
ENTITY_WEIGHT = 0.5
TRANSLATED_WEIGHT = 0.5
SPEAKER_BONUS = 0.012
RECENCY_BONUS = 0.01
# A question typed in lower case is read as the articles keyword search finds first write it.
AS_WRITTEN_CHUNKS = 5
# Reciprocal rank fusion sees ranks only: a chunk that BM25 scores 7.4 against 4.0 for the next,
# or the one dense hit far above the rest, counts as one place ahead. Each hit therefore also
# gets its score's share of the way from its ranking's last candidate to its first (0 to 1),
# times this and the ranking's weight. At 0.02 that is more than the 0.007 by which ranks alone
# set a ranking's first above its 40th: within a ranking, scores now weigh more than ranks.
# On dev (502) MRR@10 0.898 -> 0.926 and answer_recall@5 0.966 -> 0.975 at 0.02 (0.01 to 0.04
# alike, 0.08 loses an answer); FacQA MRR 0.789 -> 0.803; a fresh batch of 34 MRR 0.708 ->
# 0.780 ("Who is Nintendo Europe's general manager?" had its chunk first by BM25 and 19th by
# dense).
SCORE_SHARE_WEIGHT = 0.02
# A long article's answer may sit in its third chunk (dev: "harga US$ 90 juta" after two chunks
# on the same purchase). On dev as it then stood (325 questions and 38 new ones), answer_recall@5
# was 0.977 with two passages an article and 0.985 with three.
MAX_PER_ARTICLE = 3
NEAR_DUPLICATE = 0.6  # word-shingle Jaccard above which two passages are the same story
# A multilingual embedder scores a passage in the question's own language higher than an equally
# relevant one in the other language. Adding this to the cosine of other-language passages lets
# one dense ranking serve both. For multilingual-e5-small the gap between a dev question's mean
# cosine to same-language and to other-language chunks is 0.032 (mean of its top 20: 0.036);
# on dev retrieval, MRR@10 is 0.851 with one ranking per language, 0.868 with one uncalibrated
# ranking (which drops an id-en answer out of the top 5), and 0.916 at 0.04 (0.02-0.06 keep every
# answer of the per-language rankings). A model without a measured gap keeps one ranking per
# language.
CROSS_LANGUAGE_GAP = {"multilingual-e5-small": 0.04}


@dataclass
class Filters:
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None
    sources: list[str] = field(default_factory=list)
    langs: list[str] = field(default_factory=list)
    prefer_recent: bool = False

    def is_empty(self) -> bool:
        return not (self.date_from or self.date_to or self.sources or self.langs)

    def row_mask(self, index) -> np.ndarray | None:
        if self.is_empty():
            return None
        mask = np.ones(len(index.ids), dtype=bool)
        lo, hi = date_timestamp(self.date_from), date_timestamp(self.date_to)
        if lo >= 0:
            mask &= index.dates >= lo
        if hi >= 0:
            mask &= (index.dates <= hi) & (index.dates >= 0)
        if self.sources:
            mask &= np.isin(index.sources.astype(str), list(self.sources))
        if self.langs:
            mask &= np.isin(index.langs, list(self.langs))
        return mask


_SAY_PATTERNS = [
    re.compile(
        r"what (?:did|does|has|have|had) (?P<who>.+?) (?:say|said|tell|told|think|thought|claim|claimed)(?: (?:about|on|of|regarding) (?P<topic>.+?))?[?.!]*$",
        re.I,
    ),
    re.compile(
        r"apa (?:kata|yang dikatakan|yang disampaikan|yang diungkapkan|pendapat|komentar|tanggapan|pernyataan) (?P<who>.+?)(?: (?:tentang|soal|mengenai|terkait|atas) (?P<topic>.+?))?[?.!]*$",
        re.I,
    ),
    re.compile(
        r"(?:how did|bagaimana) (?P<who>.+?) (?:respond|react|menanggapi)(?P<topic>.*?)[?.!]*$",
        re.I,
    ),
]


def _say_question(question: str) -> re.Match | None:
    """The "what did X say (about Y)" match of a question, after a follow-up's "and"/"dan"."""
    q = re.sub(r"^(?:and|dan|lalu|terus|then|so)\s+", "", question.strip(), flags=re.I)
    return next((m for pattern in _SAY_PATTERNS if (m := pattern.search(q))), None)


def asked_speaker(question: str) -> str | None:
    """The person a "what did X say" question asks about, as a speaker key, else None.

    >>> asked_speaker("Apa kata Zelensky tentang negosiasi?")
    'zelensky'
    """
    m = _say_question(question)
    return (speaker_key(m.group("who")) or None) if m else None


def asked_topic(question: str) -> str | None:
    """What a "what did X say about Y" question asks X's words on: Y, else None.

    >>> asked_topic("Apa kata Zelensky tentang negosiasi?")
    'negosiasi'
    """
    m = _say_question(question)
    return ((m.group("topic") or "").strip() or None) if m else None


_NAME_OR_NUMBER = re.compile(r"\b(?:[A-Z][\w'’-]*[A-Za-z0-9]|[A-Z]{2,})\b|\b\d+(?:[.,]\d+)*")
_NOT_NAMES = {
    "what", "who", "when", "where", "why", "how", "which", "did", "does", "do", "is", "are",
    "was", "were", "the", "a", "an", "in", "on", "and", "apa", "apakah", "siapa", "kapan",
    "dimana", "di", "mana", "bagaimana", "mengapa", "kenapa", "berapa", "dan", "according",
    "menurut", "yang", "ke", "dari", "pada", "ini", "itu",
}  # fmt: skip


def question_names(question: str) -> list[str]:
    """Capitalised words and numbers of a question: the part that needs no translation.

    >>> question_names("Which race marked Valentino Rossi's 350th grand prix start?")
    ['Valentino', "Rossi's", '350']
    """
    return [w for w in _NAME_OR_NUMBER.findall(question) if w.lower() not in _NOT_NAMES]


def shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + n]) for i in range(max(len(words) - n + 1, 1))}


class HybridRetriever:
    def __init__(self, settings: Settings, store: NewsStore | None = None, embeddings=None):
        self.settings = settings
        self.embeddings = embeddings or get_embeddings(settings)
        self.store = store or NewsStore(settings, embedding_model=embedding_name(self.embeddings))
        self.index_cache = SearchIndexCache(self.store, index_folder(settings))
        self.weights = {
            "dense": DENSE_WEIGHT,
            "lexical_same_lang": LEXICAL_SAME_LANG,
            "lexical_cross_lang": LEXICAL_CROSS_LANG,
            "entity": ENTITY_WEIGHT,
            "translated": TRANSLATED_WEIGHT,
        }
        self.use_dense = True
        self.use_lexical = True
        self.cross_language_gap = CROSS_LANGUAGE_GAP.get(embedding_name(self.embeddings))
        self.dense_per_language = True  # used when cross_language_gap is None

    def retrieve(self, question: str, k: int | None = None, filters: Filters | None = None) -> list[Hit]:  # fmt: skip
        k = k or self.settings.top_k
        filters = filters or Filters()
        index = self.index_cache.get()
        if not index.ids:
            raise EmptyStore(
                f"No articles indexed in {self.settings.chroma_location()} "
                f"[{self.settings.collection}] - run: python -m ingest PATH_OR_URL"
            )
        mask = filters.row_mask(index)
        question = self._as_written(question, index, mask)
        q_lang = detect_language(question)
        w = self.weights
        rankings: list[tuple[list[tuple[int, float]], object]] = []
        if self.use_dense:
            vector = self.embeddings.embed_query(question)
            if self.cross_language_gap is not None:
                other_language = self.cross_language_gap * (index.langs != q_lang)
                rankings.append((index.nearest(vector, CANDIDATES, mask, bonus=other_language), lambda row: w["dense"]))  # fmt: skip
            else:
                # One ranking per language: a single uncalibrated list would bury the Indonesian
                # article an English question is about.
                for lang in self._languages(index, filters):
                    lang_mask = mask if lang is None else _within(mask, index.langs == lang)
                    rankings.append((index.nearest(vector, CANDIDATES, lang_mask), lambda row: w["dense"]))  # fmt: skip
        if self.use_lexical:
            rankings.append((index.search(question, CANDIDATES, mask), lambda row: w["lexical_same_lang"] if index.langs[row] == q_lang else w["lexical_cross_lang"]))  # fmt: skip
            # Names and numbers are the same in both languages: a second lexical ranking on
            # them alone carries cross-lingual questions to the right article.
            names = " ".join(question_names(question))
            if names:
                rankings.append((index.search(names, CANDIDATES, mask), lambda row: w["entity"]))
            # The question's words the glossary knows, translated, find the other language's
            # articles that BM25 on the question's own words cannot.
            other = _within(mask, index.langs != q_lang)
            translated = translated_question(question, set(names.lower().split()))
            if translated and w["translated"] and other.any():
                rankings.append((index.search(f"{translated} {names}", CANDIDATES, other), lambda row: w["translated"]))  # fmt: skip
        scores = fused_scores(rankings)
        top_rows = sorted(scores, key=lambda row: -scores[row])[:FUSED_CANDIDATES]
        fetched = self.store.get_chunks([index.ids[row] for row in top_rows])
        candidates: dict[str, dict] = {}
        for row in top_rows:
            cid = index.ids[row]
            if cid in fetched:  # else deleted since the index was built
                text, meta = fetched[cid]
                candidates[cid] = {"text": text, "meta": meta, "score": scores[row]}

        speaker = asked_speaker(question)
        if speaker:
            for c in candidates.values():
                said = c["meta"].get("speakers", "").split("|")
                if any(same_speaker(speaker, key) for key in said):
                    c["score"] += SPEAKER_BONUS

        if filters.prefer_recent:
            dated = [c["meta"].get("date_ts", -1) for c in candidates.values()]
            known = [d for d in dated if d >= 0]
            if known:
                lo, hi = min(known), max(known)
                for c in candidates.values():
                    d = c["meta"].get("date_ts", -1)
                    if d >= 0 and hi > lo:
                        c["score"] += RECENCY_BONUS * (d - lo) / (hi - lo)

        ranked = sorted(candidates.items(), key=lambda kv: -kv[1]["score"])
        return diversify(ranked, k)

    def _as_written(self, question: str, index, mask) -> str:
        """A question typed all in lower case ("brp nilai kontrak yg disepakati ferguson sama
        tottenham?") has no capitals to find its names by, so the entity ranking has nothing
        to search and the short forms mislead the dense model: spell it out and capitalise its
        names as the passages keyword search ranks first write them."""
        if any(c.isupper() for c in question):
            return question
        # Imported here: question_form reads the answer checks, which read this module.
        from assistant.question_form import normalize_question

        rows = index.search(question, AS_WRITTEN_CHUNKS, mask)
        fetched = self.store.get_chunks([index.ids[row] for row, _ in rows])
        return normalize_question(question, [text for text, _ in fetched.values()])

    def _languages(self, index, filters: Filters) -> list[str | None]:
        if not self.dense_per_language:
            return [None]
        langs = sorted(set(index.langs.tolist())) if index.ids else []
        if filters.langs:
            langs = [lang for lang in langs if lang in filters.langs]
        return langs if len(langs) > 1 else [None]

    def as_langchain(self, k: int | None = None, filters: Filters | None = None) -> KabarRetriever:
        return KabarRetriever(hybrid=self, k=k or self.settings.top_k, filters=filters or Filters())


def _within(mask: np.ndarray | None, rows: np.ndarray) -> np.ndarray:
    """`rows` (a boolean per row) kept to the filters' `mask`, when there is one."""
    return rows if mask is None else rows & mask


def fused_scores(rankings: list[tuple[list[tuple[int, float]], object]]) -> dict[int, float]:
    """Weighted reciprocal rank fusion of (row, score) rankings, each with its weight(row), plus
    each hit's share of its ranking's score range (SCORE_SHARE_WEIGHT)."""
    scores: dict[int, float] = {}
    for ranking, weight in rankings:
        for rank, ((row, _score), share) in enumerate(zip(ranking, score_shares(ranking), strict=True)):  # fmt: skip
            scores[row] = scores.get(row, 0.0) + weight(row) * (1 / (RRF_K + rank) + SCORE_SHARE_WEIGHT * share)  # fmt: skip
    return scores


def score_shares(ranking: list[tuple[int, float]]) -> list[float]:
    """Each hit's score as a share of the way from the ranking's last to its first, 0 to 1; a
    lone hit (the only chunk naming a name) is its ranking's clear first."""
    if len(ranking) < 2:
        return [1.0] * len(ranking)
    top, low = ranking[0][1], ranking[-1][1]
    if top <= low:
        return [0.0] * len(ranking)
    return [(score - low) / (top - low) for _, score in ranking]


def diversify(ranked: list[tuple[str, dict]], k: int) -> list[Hit]:
    """Top `k` hits with at most MAX_PER_ARTICLE passages an article; a passage that repeats
    an earlier one (the same wire story in another outlet) is folded into it as `also_in`."""
    hits: list[Hit] = []
    hit_shingles: list[set] = []
    per_article: dict[str, int] = {}
    for cid, c in ranked:
        meta = c["meta"]
        article = meta.get("article_id", cid)
        sh = shingles(c["text"])
        duplicate_of = next(
            (i for i, other in enumerate(hit_shingles) if len(sh & other) / max(len(sh | other), 1) >= NEAR_DUPLICATE),
            None,
        )  # fmt: skip
        if duplicate_of is not None:
            if hits[duplicate_of].article_id != article:
                hits[duplicate_of].also_in.append(
                    {
                        k_: meta.get(k_, "")
                        for k_ in ("article_id", "title", "source", "date", "url")
                    }
                )
            continue
        if per_article.get(article, 0) >= MAX_PER_ARTICLE:
            continue
        if len(hits) >= k:
            continue  # keep scanning only to fold later duplicates into the hits we have
        per_article[article] = per_article.get(article, 0) + 1
        hits.append(
            Hit(chunk_id=cid, article_id=article, text=c["text"], metadata=meta, score=c["score"])
        )
        hit_shingles.append(sh)
    return hits


class KabarRetriever(BaseRetriever):
    """The hybrid retriever as a LangChain retriever (Documents with our metadata)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    hybrid: HybridRetriever
    k: int = 5
    filters: Filters = Filters()

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:  # fmt: skip
        return [
            Document(
                page_content=h.text,
                metadata={
                    **h.metadata,
                    "chunk_id": h.chunk_id,
                    "score": h.score,
                    "also_in": h.also_in,
                },
                id=h.chunk_id,
            )
            for h in self.hybrid.retrieve(query, self.k, self.filters)
        ]
