"""Split an article into overlapping passages along sentence boundaries.

A rule-based splitter (punctuation + capital, with Indonesian and English abbreviations) is
enough for news prose and keeps exact character offsets, which citations highlight with. Its
trade-off: an unknown abbreviation before a capitalised word can end a sentence early.
"""

from __future__ import annotations

import hashlib
import re

from assistant.models import Article, Chunk
from ingest.quotes import extract_quotes

ABBREVIATIONS = {
    # English
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "no", "vs", "etc", "inc", "ltd",
    "co", "corp", "gen", "gov", "sen", "rep", "lt", "col", "sgt", "capt", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "e.g", "i.e",
    # Indonesian
    "jl", "jln", "bpk", "ibu", "sdr", "h", "hj", "ir", "drs", "dra", "kh", "tn", "ny", "dll",
    "dsb", "dkk", "tsb", "yth", "hlm", "kab", "kec", "kel", "prov", "rp", "sh", "se",
    "mm", "mh", "mba", "s.h", "s.e", "m.si", "a.md", "pt", "tbk", "cv",
}  # fmt: skip

# A sentence ends at . ! ? or … (plus closing quotes/brackets) followed by whitespace and a
# character that can start a sentence; paragraph breaks always end one.
_BOUNDARY = re.compile(r"""([.!?…]+["'”’)\]]*)(\s+)(?=["'“‘(\[]?[A-Z0-9À-Þ])|(\n\s*\n)""")
_WORD = re.compile(r"\S+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of `text`.

    >>> t = "Dr. Ani datang. Dia pergi."
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['Dr. Ani datang.', 'Dia pergi.']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group(3) is not None:  # paragraph break
            end = match.start(3)
            nxt = match.end(3)
        else:
            end = match.end(1)
            nxt = match.end(2)
            last_word = text[start : match.start(1)].rsplit(None, 1)
            token = last_word[-1].lower().strip("(\"'“") if last_word else ""
            if match.group(1) == "." and (
                token in ABBREVIATIONS
                or (len(token) == 1 and token.isalpha())
                or (len(last_word) == 1 and token.isdigit() and len(token) <= 2)
            ):
                continue  # "Dr. Ani", "J. Smith", and a list's "1. Minum berlebihan"
        if text[start:end].strip():
            spans.append(_strip_span(text, start, end))
        start = nxt
    if text[start:].strip():
        spans.append(_strip_span(text, start, len(text)))
    return spans


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


def chunk_article(article: Article, chunk_words: int = 180, overlap_words: int = 40) -> list[Chunk]:
    """Passages of about `chunk_words` words, each starting with up to `overlap_words` words of
    the previous passage's last sentences. A single over-long sentence becomes its own passage
    (split by words if it exceeds twice the target)."""
    text = article.text
    sentences = _bounded_sentences(text, split_sentences(text), 2 * chunk_words)
    groups: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    current_words = 0
    for span in sentences:
        words = _word_count(text[span[0] : span[1]])
        if current and current_words + words > chunk_words:
            groups.append(current)
            current = _overlap_tail(text, current, overlap_words)
            current_words = sum(_word_count(text[a:b]) for a, b in current)
        current.append(span)
        current_words += words
    if current and (not groups or current[-1] != groups[-1][-1]):
        groups.append(current)

    chunks = []
    for position, group in enumerate(groups):
        start, end = group[0][0], group[-1][1]
        passage = text[start:end]
        chunks.append(
            Chunk(
                id=f"{article.id}#{position}",
                article_id=article.id,
                text=passage,
                position=position,
                start=start,
                end=end,
                metadata=chunk_metadata(article, passage, position, start, end),
            )
        )
    return chunks


def _overlap_tail(text: str, group: list[tuple[int, int]], overlap_words: int):
    tail: list[tuple[int, int]] = []
    words = 0
    for span in reversed(group[1:]):  # never carry the whole previous group
        w = _word_count(text[span[0] : span[1]])
        if words + w > overlap_words:
            break
        tail.insert(0, span)
        words += w
    return tail


def _bounded_sentences(text: str, spans: list[tuple[int, int]], max_words: int):
    """Split sentences longer than `max_words` words (tables, run-on lists) at word boundaries."""
    out = []
    for a, b in spans:
        words = list(_WORD.finditer(text, a, b))
        if len(words) <= max_words:
            out.append((a, b))
            continue
        for i in range(0, len(words), max_words):
            piece = words[i : i + max_words]
            out.append((piece[0].start(), piece[-1].end()))
    return out


def chunk_metadata(article: Article, passage: str, position: int, start: int, end: int) -> dict:
    """Flat, scalar-only metadata (what Chroma stores): everything a citation needs."""
    quotes = extract_quotes(passage)
    speakers = sorted({q.speaker_key for q in quotes})
    return {
        "article_id": article.id,
        "title": article.title or "",
        "date": article.date or "",
        "date_ts": date_timestamp(article.date),
        "source": article.source or "",
        "url": article.url or "",
        "lang": article.lang or "",
        "position": position,
        "start": start,
        "end": end,
        "speakers": "|" + "|".join(speakers) + "|" if speakers else "",
        "n_quotes": len(quotes),
    }


def date_timestamp(date: str | None) -> int:
    """Days since 1970 for date filters in Chroma (which compares numbers only); -1 if unknown."""
    if not date:
        return -1
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", date)
    if not match:
        return -1
    from datetime import date as Date

    try:
        return (Date(*map(int, match.groups())) - Date(1970, 1, 1)).days
    except ValueError:
        return -1


def article_fingerprint(article: Article) -> str:
    """Changes whenever the article's own fields change. Its chunks are cut again only then: a
    change to the chunk settings or the sentence splitter reaches an article already stored when
    it is ingested into a fresh store."""
    h = hashlib.sha1()
    for part in (article.text, article.title, article.date or "", article.source, article.url or "",
                 article.lang, article.author or ""):  # fmt: skip
        h.update(part.encode("utf-8", "replace"))
        h.update(b"\x00")
    return h.hexdigest()
