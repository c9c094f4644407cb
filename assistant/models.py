"""Domain records passed between pipeline stages: Article -> Chunk -> Hit -> Answer."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# An answer's citation mark "[n]", its number in group 1; with the space before it, as
# answers are written ("… kota [1]."), when it is taken out.
CITATION_MARK = re.compile(r"\[(\d+)\]")
CITATION_WITH_SPACE = re.compile(r"\s*\[(\d+)\]")


@dataclass
class Article:
    """One news article, cleaned, with the metadata we keep for citations."""

    id: str
    text: str
    title: str = ""
    date: str | None = None  # ISO 8601 when known
    source: str = ""
    url: str | None = None
    lang: str = ""  # "id" or "en"
    author: str | None = None
    extra: dict = field(default_factory=dict)  # other JSONL fields, kept as metadata


@dataclass
class Chunk:
    """A passage of an article; `start`/`end` are character offsets into the article text."""

    id: str
    article_id: str
    text: str
    position: int
    start: int
    end: int
    metadata: dict = field(default_factory=dict)


@dataclass
class Hit:
    """A retrieved chunk with its fused score and the sources it stands for after dedup."""

    chunk_id: str
    article_id: str
    text: str
    metadata: dict
    score: float
    also_in: list[dict] = field(default_factory=list)  # near-duplicate copies from other outlets


@dataclass
class Citation:
    n: int
    doc_id: str
    title: str
    source: str
    date: str | None
    url: str | None
    text: str
    chunk_id: str = ""
    support: str = ""  # the sentence of `text` that supports the claim, for highlighting


@dataclass
class Answer:
    answer: str
    language: str
    backend: str
    citations: list[Citation] = field(default_factory=list)
    answered: bool = True

    def to_json(self) -> dict:
        return {
            "answer": self.answer,
            "language": self.language,
            "backend": self.backend,
            "citations": [
                {
                    "n": c.n,
                    "doc_id": c.doc_id,
                    "title": c.title,
                    "source": c.source,
                    "date": c.date,
                    "url": c.url,
                    "text": c.text,
                }
                for c in self.citations
            ],
        }
