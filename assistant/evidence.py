"""Does a passage answer the question, and does a passage support a sentence?

Retrieval scores cannot tell answerable from unanswerable questions (the top hit is always
"similar"), so the decision is made on the text: the question's named entities must occur in
the passage, its content words must largely occur there (same language), and the slot the
question asks for (a number, a date, a person, a place, a quote) must be filled in the best
sentence. Heuristics, tuned on the dev questions; the held-out questions keep them honest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.lexical import STOPWORDS_EN, STOPWORDS_ID, stem_en, stem_id, tokenize_query
from assistant.retrieve import asked_speaker
from ingest.chunk import split_sentences
from ingest.quotes import TITLES, extract_quotes

QUESTION_WORDS = {
    "what", "who", "whom", "whose", "when", "where", "why", "how", "which", "did", "does", "do",
    "is", "are", "was", "were", "apa", "apakah", "siapa", "siapakah", "kapan", "kapankah",
    "dimana", "mana", "bagaimana", "mengapa", "kenapa", "berapa", "berapakah", "dan", "and",
    "according", "menurut", "in", "di", "the", "a", "an", "tell", "me", "please", "tolong",
}  # fmt: skip
MONTHS = (
    "januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember|"
    "january|february|march|may|june|july|august|october|december|jan|feb|mar|apr|jun|jul|aug|"
    "sep|sept|oct|nov|dec|agu|okt|des"
)
DAYS = "senin|selasa|rabu|kamis|jumat|sabtu|minggu|monday|tuesday|wednesday|thursday|friday|saturday|sunday"  # fmt: skip
NUMBER_WORDS = (
    "satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|puluh|ratus|ribu|juta|"
    "miliar|triliun|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
    "thirty|forty|fifty|hundred|thousand|million|billion|dozen|half"
)
SAY_VERBS = r"kata|ujar|ucap|tegas|ungkap|jelas|tutur|imbuh|mengatakan|menegaskan|mengungkapkan|menyatakan|menjelaskan|menilai|said|says|told|added|stated|warned|insisted|argued|claimed"  # fmt: skip

SLOTS = [
    ("age", re.compile(r"\bhow old\b|\bberapa (?:usia|umur)\b|\busia(?:nya)? berapa\b|\bumur(?:nya)? berapa\b", re.I)),
    ("when", re.compile(r"\bwhen\b|\bkapan\b|\bwhat (?:year|date|day|month)\b|\b(?:tahun|tanggal|hari|bulan) (?:berapa|apa)\b|\bpada (?:tahun|tanggal) berapa\b", re.I)),
    ("number", re.compile(r"\bhow (?:many|much|long|far|big|large)\b|\bberapa\b|\bwhat (?:percentage|share|amount|number|price|score)\b", re.I)),
    ("say", re.compile(r"\bwhat did .+ (?:say|tell|claim|think)\b|\bapa (?:kata|yang dikatakan|yang disampaikan|pendapat|komentar|tanggapan)\b", re.I)),
    ("who", re.compile(r"\bwho(?:m|se)?\b|\bsiapa(?:kah)?\b", re.I)),
    ("where", re.compile(r"\bwhere\b|\bdi ?mana(?:kah)?\b|\bwhich (?:city|country|town|place|region|island|stadium)\b|\b(?:kota|negara|provinsi|pulau|daerah|tempat) (?:apa|mana)\b", re.I)),
]  # fmt: skip
SLOT_FILLERS = {
    "age": re.compile(r"\b\d{1,3}(?:[- ]year[- ]old|\s*tahun\b)|\baged? \d{1,3}\b|\b(?:usia|umur)(?:nya)? \d{1,3}\b", re.I),
    "when": re.compile(rf"\b(?:19|20)\d\d\b|\b(?:{MONTHS})\b|\b(?:{DAYS})\b|\b\d{{1,2}}/\d{{1,2}}\b|\b(?:kemarin|yesterday|today|hari ini|last (?:week|month|year)|pekan lalu|bulan lalu|tahun lalu)\b", re.I),
    "number": re.compile(rf"\d|\b(?:{NUMBER_WORDS})\b", re.I),
    "who": re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*"),
    "where": re.compile(r"\b[A-Z][\w'’-]+"),
}  # fmt: skip
_ENTITY = re.compile(r"\b(?:[A-Z][\w'’-]*[A-Za-z0-9]|[A-Z]{2,}|\d[\d.,]*\d|\d)\b")


@dataclass
class Evidence:
    passage_index: int  # 0-based index into the passages
    sentence: str
    start: int  # offsets of the sentence in the passage text
    end: int
    score: float


def question_entities(question: str) -> list[str]:
    """Names, acronyms and numbers the question is about (not question words or titles).

    >>> question_entities("What did Zelensky say about the negotiations?")
    ['zelensky']
    """
    out: list[str] = []
    for m in _ENTITY.finditer(question):
        word = m.group(0)
        low = word.lower()
        if low in QUESTION_WORDS or low in TITLES or low in STOPWORDS_EN or low in STOPWORDS_ID:
            continue
        if low not in out:
            out.append(low)
    return out


def asked_slot(question: str) -> str | None:
    for name, pattern in SLOTS:
        if pattern.search(question):
            return name
    return None


_QUESTION_TERMS = {t for w in QUESTION_WORDS | {"much", "many", "long", "old"} for t in (w, stem_id(w), stem_en(w))}


def content_terms(text: str) -> set[str]:
    return set(tokenize_query(text)) - _QUESTION_TERMS


def _stems(word: str) -> set[str]:
    return {word, stem_id(word), stem_en(word)}


def entity_in(entity: str, text_lower: str) -> bool:
    """Entity match tolerant of inflection: 'Jakarta' in 'jakarta-based', 'Zelensky' in 'zelenskyy'."""
    if entity.isdigit() or re.fullmatch(r"[\d.,]+", entity):
        digits = entity.replace(",", "").replace(".", "")
        return digits in re.sub(r"[.,]", "", text_lower)
    if len(entity) <= 3:
        return re.search(rf"\b{re.escape(entity)}\b", text_lower) is not None
    return any(form[: max(len(form) - 1, 4)] in text_lower for form in _stems(entity))


def best_sentences(question: str, passages: list[str], q_vector=None, sentence_vectors=None) -> list[Evidence]:  # fmt: skip
    """Every sentence of the passages, scored for how well it answers `question`, best first.

    The score mixes content-word overlap (both stemmings), entity hits, the asked slot being
    filled, a quote by the asked-about speaker, and (when vectors are given) dense similarity.
    """
    q_terms = content_terms(question)
    q_entities = question_entities(question)
    slot = asked_slot(question)
    speaker = asked_speaker(question)
    scored: list[Evidence] = []
    k = 0
    for pi, passage in enumerate(passages):
        speaker_quotes = []
        if speaker:
            speaker_quotes = [q for q in extract_quotes(passage) if set(speaker.split()) & set(q.speaker_key.split())]  # fmt: skip
        for a, b in split_sentences(passage):
            sentence = passage[a:b]
            low = sentence.lower()
            terms = content_terms(sentence)
            overlap = len(q_terms & terms) / max(len(q_terms), 1)
            ent = sum(entity_in(e, low) for e in q_entities) / max(len(q_entities), 1)
            score = overlap + 0.5 * ent
            if slot and slot in SLOT_FILLERS and slot_filled(slot, sentence, q_entities):
                score += 0.3
            if speaker_quotes and any(a <= q.start < b for q in speaker_quotes):
                score += 1.0
            if sentence_vectors is not None and q_vector is not None:
                score += 1.5 * float(sentence_vectors[k] @ q_vector)
            k += 1
            scored.append(Evidence(pi, sentence, a, b, score))
    scored.sort(key=lambda e: -e.score)
    return scored


def slot_filled(slot: str, sentence: str, q_entities: list[str]) -> bool:
    pattern = SLOT_FILLERS.get(slot)
    if pattern is None:
        return True
    for m in pattern.finditer(sentence):
        found = m.group(0).lower()
        if slot in ("who", "where"):
            # A name that is only the question's own entity (or a title) answers nothing.
            words = [w for w in re.findall(r"[\w'’-]+", found) if w not in TITLES]
            if not words or all(any(entity_in(e, w) for e in q_entities) for w in words):
                continue
            if m.start() == 0 and len(words) == 1 and words[0] in STOPWORDS_ID | STOPWORDS_EN | QUESTION_WORDS:  # fmt: skip
                continue
        return True
    return False


def passage_answers(question: str, passage: str, title: str = "", same_language: bool = True) -> bool:
    """Whether `passage` (with its article title) plausibly contains the answer to `question`."""
    text = f"{title}\n{passage}"
    low = text.lower()
    entities = question_entities(question)
    if entities:
        hits = sum(entity_in(e, low) for e in entities)
        # Every entity must be there; with 3+ entities allow one miss (a paraphrased name part).
        if hits < len(entities) - (1 if len(entities) >= 3 else 0):
            return False
    slot = asked_slot(question)
    if slot == "say":
        speaker = asked_speaker(question)
        if speaker and not any(
            set(speaker.split()) & set(q.speaker_key.split()) for q in extract_quotes(passage)
        ) and not re.search(rf"\b(?:{'|'.join(map(re.escape, speaker.split()))})\w*\b.{{0,80}}\b(?:{SAY_VERBS})\b|\b(?:{SAY_VERBS})\s+(?:\w+\s+){{0,3}}(?:{'|'.join(map(re.escape, speaker.split()))})", low):  # fmt: skip
            return False
    elif slot in SLOT_FILLERS and not any(
        slot_filled(slot, passage[a:b], entities) for a, b in split_sentences(passage)
    ):
        return False
    if same_language:
        q_terms = content_terms(question) - {e for ent in entities for e in _stems(ent)}
        if q_terms:
            p_terms = content_terms(text)
            if len(q_terms & p_terms) / len(q_terms) < 0.34:
                return False
    return True


def sentence_supported(sentence: str, passage: str, same_language: bool) -> bool:
    """Whether a generated sentence is backed by the passage it cites: its numbers and names
    occur in the passage and (same language) most of its content words do."""
    low = passage.lower()
    for num in re.findall(r"\d[\d.,]*\d|\d", sentence):
        if not entity_in(num, low):
            return False
    names = [e for e in question_entities(sentence) if not e[0].isdigit()]
    if names and sum(entity_in(n, low) for n in names) < max(1, len(names) - 1):
        return False
    if same_language:
        terms = content_terms(sentence)
        if terms and len(terms & content_terms(passage)) / len(terms) < 0.4:
            return False
    return True
