"""Can a generated answer be trusted? Checks of a model's answer against the question and the
passages it was shown.

A small model restates the question ("The verdict was postponed [1]" for "When …?"), gives
someone else's words or numbers as the asked speaker's or name's, or cites a passage that does
not back its sentence. The chain (`chat.py`) keeps a generated answer only when these checks
pass, and answers extractively otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.answer import REFUSALS
from assistant.calendar_dates import DATE
from assistant.evidence import leading_up_to, passage_dateline
from assistant.glossary import WORD, translations, written_forms
from assistant.guard import in_language, leaks_prompt, without_instructions
from assistant.models import CITATION_MARK, CITATION_WITH_SPACE, Hit
from assistant.name_match import SAY_VERBS, entity_in, named_in, spelled_in
from assistant.question_parse import (
    COUNTED_SLOTS,
    NUMBER,
    OPENING_WORD,
    QUESTION_WORDS,
    TITLE_WORDS,
    content_terms,
    parse_question,
    question_entities,
)
from assistant.retrieve import asked_speaker, asked_topic
from assistant.search_index import STOPWORDS
from assistant.slot_fillers import SLOT_FILLERS, slot_filled
from ingest.chunk import split_sentences
from ingest.clean import blank_dateline
from ingest.quotes import extract_quotes, same_speaker


def without_citations(answer: str) -> str:
    """A written answer's text without its `[n]` (and the space before each): its sentences."""
    return CITATION_WITH_SPACE.sub("", answer)


def citations_blanked(answer: str) -> str:
    """A written answer with each `[n]` blanked: its words."""
    return CITATION_MARK.sub(" ", answer)


def states_asked_slot(question: str, answer: str, sources: str = "") -> bool:
    """Whether a written answer states what the question asks for: a number for "how many",
    a date for "when", a name for "who". A model's "The verdict was postponed [1]." for "When
    …?" restates the question without answering it. `sources` (the cited passages' text) tells
    a name opening an answer's sentence from a word capitalised only there."""
    parsed = parse_question(question)
    if parsed.slot not in SLOT_FILLERS:
        return True
    text = without_citations(answer)
    context = f"{text}\n{sources}"
    return any(slot_filled(parsed.slot, text[a:b], parsed.given, context, parsed) for a, b in split_sentences(text))  # fmt: skip


# A written answer to "what did X say" is X's words when this share of its content words (other
# than X's name and verbs of saying) is in X's statements of the answer's language. A model that
# pastes the article ("Zelensky mengesak AS … Seruan ini disampaikan … Gencatan Senjata
# Tertunda …") or gives someone else's view as X's falls back to X's quote.
SPEAKERS_WORDS_SHARE = 0.3
_SAYING = frozenset(content_terms(SAY_VERBS.replace("|", " ")))


def _asked_speakers_quotes(question: str, passages: Sequence[str]) -> tuple[str, list[str]]:
    """The speaker a "what did X say" question asks about, and X's quotes in `passages` (none
    when the question asks no speaker)."""
    speaker = asked_speaker(question)
    if not speaker:
        return "", []
    return speaker, [q.text for p in passages for q in extract_quotes(p) if same_speaker(speaker, q.speaker_key)]  # fmt: skip


def states_speakers_words(question: str, answer: str, passages: Sequence[str]) -> bool:
    """Whether a written answer to "what did X say" is made of X's words in `passages` (those
    in the answer's language). True when the question asks no speaker or they quote X nowhere."""
    speaker, quotes = _asked_speakers_quotes(question, passages)
    if not quotes:
        return True
    said = set().union(*(content_terms(q) for q in quotes))
    words = content_terms(citations_blanked(answer)) - content_terms(speaker) - _SAYING
    return not words or len(words & said) / len(words) >= SPEAKERS_WORDS_SHARE


def states_asked_topic(question: str, answer: str) -> bool:
    """Whether a written answer to "what did X say about Y" speaks of Y: it holds one of Y's
    words other than names (names only when Y is nothing else), or a word the glossary gives for
    it in either language ("talks", "negosiasi" for "negotiations"). An account of another of X's
    statements ("Zelensky said that Ukraine only wants Russia to stop its aggression") answers a
    question not asked. True when no topic is asked."""
    topic = asked_topic(question)
    if not topic:
        return True
    words = [w for w in WORD.findall(topic) if content_terms(w)]
    common = [w for w in words if not w[0].isupper()] or words
    if not common:
        return True
    said = content_terms(citations_blanked(answer)) | written_forms(answer)
    for word in common:
        translated = translations(word)
        synonyms = set().union(*map(translations, translated)) if translated else set()
        if (content_terms(word) | {word.lower()} | translated | synonyms) & said:
            return True
    return False


_LOWER_CASE_WORD = re.compile(
    r"(?<![\w'’-])[a-z][a-z'’-]{3,}(?![\w'’-])"
)  # no names, no short words


def keeps_only_speakers_words(question: str, answer: str, passages: Sequence[str]) -> bool:
    """For "what did X say" answered in another language than `passages`: whether the words the
    answer leaves untranslated from them are X's. "Zelensky said that Putin was sengaja trying to
    delay negotiations" keeps "sengaja" from "banyak pihak menduga Putin sengaja menunda …", a
    view the article does not give as Zelensky's. True when the question asks no speaker or the
    passages quote X nowhere."""
    _, quotes = _asked_speakers_quotes(question, passages)
    if not quotes:
        return True
    written = {w for p in passages for w in _LOWER_CASE_WORD.findall(p)}
    said = {w for q in quotes for w in _LOWER_CASE_WORD.findall(q)}
    kept = {w for w in _LOWER_CASE_WORD.findall(citations_blanked(answer)) if w in written and w not in STOPWORDS}  # fmt: skip
    return kept <= said


def asks_for_a_name(question: str) -> bool:
    """Whether the question asks who, or which named thing."""
    return parse_question(question).slot == "who"


def asks_for_a_count(question: str) -> bool:
    """Whether the question asks for a count, a sum, an age, a span of time or a measure."""
    return parse_question(question).slot in COUNTED_SLOTS


def states_evidence_number(question: str, answer: str, evidence: str) -> bool:
    """For a count, sum, age, span or measure question: whether a written answer's numbers include one
    the best evidence states. A small model's "80 financial institutions" or "2,4 grams" where
    the quoted sentence says 45 banks or two grams picked a number from elsewhere. Dates and
    the question's own numbers say nothing about the count."""
    if not asks_for_a_count(question):
        return True
    asked = _numbers_written(" ".join(parse_question(question).entities))
    numbers = _numbers_written(answer) - asked
    if not numbers:
        return True
    low = evidence.lower()
    return bool(numbers & _numbers_written(evidence)) or any(spelled_in(n, low) for n in numbers)


# How many sentences before a number's own may name whose it is. Two let "149 euros" stand for
# Europe ("4m DS consoles" two sentences on); the claim's subject is most often in the number's
# own sentence or, as "it", the one before.
ATTRIBUTION_REACH = 1


def numbers_attributed(question: str, claim: str, passage: str, passage_language: str | None = None) -> bool:  # fmt: skip
    """Whether a generated claim's numbers belong, in the passage it cites, to the question's
    names it gives them: where the passage states each such number, those names stand in the
    same sentence, the ATTRIBUTION_REACH sentences before it or the dateline. A small model
    answers the question's premise: "Carlsberg raised its dividend by 25%" from a passage where
    25% is Heineken's and Carlsberg is the next sentence's subject, "Nintendo has sold 4m DS
    consoles in Europe" where the 4m were sold in Japan and the US. Dates and the question's own
    numbers are not checked."""
    parsed = parse_question(question)
    claim_low = claim.lower()
    names = [n for n in parsed.names if entity_in(n, claim_low)]
    numbers = _numbers_written(claim) - _numbers_written(" ".join(parsed.entities))
    if not names or not numbers:
        return True
    body = blank_dateline(passage)
    sentences = [body[a:b] for a, b in split_sentences(body)]
    # The dateline's place is the story's; a headline is not: "Nintendo DS makes its Euro debut"
    # over "Nintendo has sold almost 4m DS consoles" since launching in Japan and the US.
    heading = passage_dateline(passage, body)
    for number in numbers:
        stating = [i for i, sentence in enumerate(sentences) if number in _numbers_written(sentence)]  # fmt: skip
        windows = [leading_up_to(sentences, i, ATTRIBUTION_REACH, heading) for i in stating]
        if stating and not any(all(named_in(n, w, passage_language) for n in names) for w in windows):  # fmt: skip
            return False
    return True


def states_evidence_name(question: str, answer: str, evidence: str) -> bool:
    """For a who/which question: whether a written answer's names (other than the question's
    own) include one the best evidence states. A small model's "The head of public
    communications … is Edy Rahmayadi" where the quoted sentence names Gatot S Dewa Broto took
    a name from elsewhere, or from nowhere."""
    parsed = parse_question(question)
    if parsed.slot != "who":
        return True
    text = without_citations(answer)
    # A capitalised word opening a sentence counts too: "Heineken plans to cut 200 jobs" names
    # Heineken, and a name from nowhere is written nowhere else to tell it by.
    openers = [m.group(1).lower() for a, b in split_sentences(text) if (m := OPENING_WORD.match(text[a:b]))]  # fmt: skip
    asked = " ".join(parsed.given)
    names = [
        n
        for n in [*question_entities(text), *openers]
        if not n[0].isdigit() and n not in TITLE_WORDS | STOPWORDS | QUESTION_WORDS and not entity_in(n, asked)
    ]  # fmt: skip
    low = evidence.lower()
    return not names or any(entity_in(n, low) for n in names)


def _numbers_written(text: str) -> set[str]:
    """The numbers in a text other than its dates and "[n]", thousands unseparated and the
    decimal comma a point: "9.081" and "9,081" are 9081, "2,4" and "2.4" are 2.4."""
    text = re.sub(rf"\[\d+\]|\b(?:{DATE})\b", " ", text)
    tokens = re.findall(NUMBER, text)
    return {re.sub(r"[.,](?=\d{3}(?!\d))", "", t).replace(",", ".") for t in tokens}


def sentence_supported(sentence: str, passage: str, same_language: bool) -> bool:
    """Whether a generated sentence is backed by the passage it cites: some stretch of three
    sentences of it holds the sentence's numbers and names and (same language) most of its
    content words. Support is local: a claim that joins a number from one paragraph to a
    subject from another ("500,000 people bought the single" where 500.000 counts views
    elsewhere) is not backed."""
    numbers = re.findall(NUMBER, sentence)
    names = [e for e in question_entities(sentence) if not e[0].isdigit()]
    terms = content_terms(sentence) if same_language else set()

    def backs(stretch: str) -> bool:
        low = stretch.lower()
        if not all(entity_in(num, low) for num in numbers):
            return False
        if names and sum(entity_in(n, low) for n in names) < max(1, len(names) - 1):
            return False
        return not terms or len(terms & content_terms(stretch)) / len(terms) >= 0.4

    # A stretch holds less than its passage: when the passage does not back the claim, no
    # stretch does, and a passage of three sentences or fewer is its only stretch.
    if not backs(passage):
        return False
    spans = split_sentences(passage)
    if len(spans) <= 3:
        return True
    return any(backs(passage[spans[i - 1][0] : spans[i + 1][1]]) for i in range(1, len(spans) - 1))


def claims_attributed(question: str, answer: str, passages: list[Hit]) -> bool:
    """Whether each cited sentence of a generated answer gives the question's names only the
    numbers a passage it cites gives them (`numbers_attributed`)."""
    for a, b in split_sentences(answer):
        sentence = answer[a:b]
        cited = [
            n for n in map(int, CITATION_WITH_SPACE.findall(sentence)) if 1 <= n <= len(passages)
        ]
        claim = CITATION_WITH_SPACE.sub("", sentence)
        if cited and not any(numbers_attributed(question, claim, passages[n - 1].text, passages[n - 1].metadata.get("lang")) for n in cited):  # fmt: skip
            return False
    return True


# A small model sometimes talks about its sources instead of the news: "This information is
# supported by passage [1].", "…, citing [1]." Such words are no claim; they are left out.
_PASSAGE_NOUN = r"(?:passages?|bagian|kutipan|teks|paragraf)"  # only ever the passages shown
_SOURCE_NOUN = rf"(?:{_PASSAGE_NOUN}|sources?|sumber)"  # also a news source: "sources say"
_SOURCE_AT_END = rf"(?:the )?{_SOURCE_NOUN}(?:\s*\d+)?\s*[.!?]?$"
_ABOUT_THE_PASSAGES = re.compile(
    rf"^(?:this|that|the above) (?:information|answer)\b.*\b{_SOURCE_AT_END}"
    rf"|\b(?:supported|stated|mentioned|confirmed|found|given) (?:by|in) {_SOURCE_AT_END}"
    rf"|^(?:informasi|jawaban) (?:ini|tersebut)\b.*\b{_SOURCE_AT_END}"
    rf"|\b(?:didukung|disebutkan|terdapat) (?:oleh|dalam|di) {_SOURCE_AT_END}"
    rf"|^this (?:can be|is) (?:seen|found|shown|stated) (?:in|from) (?:the )?{_PASSAGE_NOUN}\b"
    rf"|^hal ini (?:dapat |bisa )?(?:dilihat|terlihat) (?:dari|dalam|di) {_PASSAGE_NOUN}\b",
    re.I,
)
# "According to passage [1], …", "The passage [1] states that …": the claim is what follows. A
# source counts only with its "[n]": "According to sources, the minister …" is reported news.
_CITED = r"(?:\s*\[\d+\])+\s*"
_SHOWN_SOURCE = rf"(?:the\s+)?(?:{_PASSAGE_NOUN}(?:{_CITED})?|(?:(?:sources?|sumber)\s*)?{_CITED})"
_SOURCE_LEAD = re.compile(
    rf"^(?:according to|menurut)\s*{_SHOWN_SOURCE}\s*,\s*"
    rf"|^(?:the|this)\s+{_SHOWN_SOURCE}\s*(?:states?|says?|mentions?|shows?|notes?|reports?)(?: that)?\s+"
    rf"|^{_SHOWN_SOURCE}\s*(?:ini\s+|tersebut\s+)?(?:menyatakan|menyebutkan)(?: bahwa)?\s+",
    re.I,
)
_CITING_TAIL = re.compile(r"(?:,\s*|\s+)(?:citing|as cited in|as stated in)(?:\s+(?:the\s+)?(?:passages?|sources?))?\s*([.!?]?)$", re.I)  # fmt: skip


def verify_citations(text: str, passages: list[Hit], language: str) -> str | None:
    """The generated answer with every sentence cited to a passage that supports it, or None
    when the answer cannot be trusted (a refusal, nothing supported, or most claims dropped)."""
    text = re.sub(r"\s*\[(?!\d+\])[^\]]{0,12}\]", "", text).strip()  # "[n]" copied from the prompt
    if not text or any(r.lower()[:40] in text.lower() for r in REFUSALS.values()):
        return None
    if leaks_prompt(text) or not in_language(text, language):
        return None  # an instruction planted in an article got through to the model (see guard)
    # Support is checked against the news only: a claim backed by a planted instruction is not.
    passages = [replace(h, text=without_instructions(h.text)) for h in passages]
    kept, dropped = [], 0
    for a, b in split_sentences(text):
        sentence = text[a:b].strip()
        lead = _SOURCE_LEAD.match(sentence)
        body = sentence[lead.end() :] if lead else sentence
        if lead and body[:1].islower() and not body[1:2].isupper():
            body = body[0].upper() + body[1:]  # "iPhone" stays
        claim = _CITING_TAIL.sub(r"\1", CITATION_WITH_SPACE.sub("", body).strip())
        asked_back = claim.endswith("?")
        if asked_back or len(re.findall(r"\w+", claim)) < 3 or _ABOUT_THE_PASSAGES.search(claim):
            continue  # no claim: the question asked back, too short, or about the sources
        cited = [int(n) for n in CITATION_WITH_SPACE.findall(sentence)]
        valid = [
            n for n in cited
            if 1 <= n <= len(passages)
            and sentence_supported(claim, passages[n - 1].text, passages[n - 1].metadata.get("lang") == language)
        ]  # fmt: skip
        if not valid:
            valid = [
                i + 1 for i, h in enumerate(passages)
                if sentence_supported(claim, h.text, h.metadata.get("lang") == language)
            ][:1]  # fmt: skip
        if not valid:
            dropped += 1
            continue
        ending = claim[-1] if claim[-1] in ".!" else "."
        body = claim[:-1] if claim[-1] in ".!" else claim
        kept.append(body + "".join(f" [{n}]" for n in dict.fromkeys(valid)) + ending)
    if not kept or dropped >= len(kept):
        return None  # as many unsupported claims as supported ones: trust none of it
    return " ".join(kept)
