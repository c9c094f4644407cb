"""The answering chain: condense a follow-up, retrieve, decide answerability, generate, verify.

Answerability is decided by the sentence ranker's best score against its threshold and, for a
quoted (extractive) answer, by the verifier (`assistant/verify.py`): the local model's yes/no
verdict on whether the quoted sentences state the answer, and short of a clear Yes, whether it
can copy the answer out of them.

Preparation is a LangChain (LCEL) chain of small steps; generation streams from the chosen
backend. The generated text is checked (`answer_checks`) before it becomes the answer: every
`[n]` must point to a shown passage that supports its sentence, else the sentence is re-cited or
dropped, and an answer that fails the checks is replaced by the extractive one. Streamed tokens are therefore a
preview; the final `Answer` is what the check let through.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from langchain_core.runnables import RunnableLambda, RunnablePassthrough

from assistant.answer import (
    LLM_PASSAGES,
    REFUSALS,
    ChatModelBackend,
    compose_extractive,
    get_backend,
)
from assistant.answer_checks import (
    asks_for_a_count,
    asks_for_a_name,
    claims_attributed,
    keeps_only_speakers_words,
    states_asked_slot,
    states_asked_topic,
    states_evidence_name,
    states_evidence_number,
    states_speakers_words,
    verify_citations,
)
from assistant.config import Settings
from assistant.embeddings import canonical_embedding_name
from assistant.evidence import answering_passages
from assistant.models import CITATION_WITH_SPACE, Answer, Citation, Hit
from assistant.prompts import render
from assistant.question_form import normalize_question
from assistant.question_parse import question_entities
from assistant.retrieve import Filters, HybridRetriever, asked_speaker
from assistant.sentence_ranker import (
    RANKER_EMBEDDING,
    REFUSAL_THRESHOLD,
    Evidence,
    best_sentences,
    order_by_best_sentence,
    passages_competing,
    rank_sentences,
)
from assistant.verify import (
    EXTRACTION_BELOW,
    VERDICT_REFUSAL,
    AnswerVerifier,
    excerpt_of,
    get_verifier,
    states_an_answer,
)
from ingest.chunk import split_sentences
from ingest.clean import detect_language

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000
_NOT_LOADED = object()  # the verifier is loaded by warm_up or the first question that needs it
_FOLLOW_UP_START = re.compile(r"^(?:and|dan|lalu|terus|kemudian|then|so|also|juga)\b[\s,]*", re.I)
_WHAT_ABOUT = re.compile(r"^(?:what about|how about|and what about|bagaimana dengan|kalau|lalu bagaimana dengan)\s+(?P<x>.+?)[?.!]*$", re.I)  # fmt: skip
_PRONOUN = re.compile(r"\b(?:he|she|they|him|her|them|it|his|their|dia|ia|mereka|beliau|tersebut|itu)\b|nya\b", re.I)  # fmt: skip


@dataclass
class StreamEvent:
    kind: str  # "status" | "token" | "answer"
    text: str = ""
    answer: Answer | None = None


def _declined(language: str, backend: str) -> StreamEvent:
    """The final event of a question the news does not answer."""
    return StreamEvent("answer", answer=Answer(REFUSALS[language], language, backend, [], answered=False))  # fmt: skip


def condense_heuristic(question: str, history: list[tuple[str, str]]) -> str:
    """Make a follow-up standalone from the previous question, without an LLM.

    >>> condense_heuristic("Dan apa kata Putin?", [("Apa kata Zelensky tentang negosiasi?", "…")])
    'apa kata Putin tentang negosiasi?'
    """
    if not history:
        return question
    previous = history[-1][0]
    q = question.strip()
    stripped = _FOLLOW_UP_START.sub("", q)
    is_follow_up = stripped != q or not question_entities(q) or bool(_PRONOUN.search(q)) or _WHAT_ABOUT.match(q)  # fmt: skip
    if not is_follow_up:
        return question
    prev_speaker_topic = _say_topic(previous)
    what_about = _WHAT_ABOUT.match(q)
    if what_about:
        prev_entities = question_entities(previous)
        if prev_entities:
            pattern = re.compile(re.escape(prev_entities[0]), re.I)
            return pattern.sub(what_about.group("x"), previous, count=1)
        return f"{what_about.group('x')} {previous}"
    if asked_speaker(stripped) and prev_speaker_topic and not _say_topic(stripped):
        connector = "tentang" if detect_language(stripped) == "id" else "about"
        return f"{stripped.rstrip('?.! ')} {connector} {prev_speaker_topic}?"
    extra = [e for e in question_entities(previous) if e not in stripped.lower()]
    if not extra:
        return stripped
    return f"{stripped.rstrip('?.! ')} ({' '.join(extra)})?"


def _say_topic(question: str) -> str | None:
    m = re.search(r"\b(?:tentang|soal|mengenai|terkait|about|on|regarding)\s+(?P<t>.+?)[?.!]*$", question, re.I)  # fmt: skip
    return m.group("t") if m else None


class NewsAssistant:
    def __init__(self, settings: Settings, retriever: HybridRetriever | None = None):
        self.settings = settings
        self.retriever = retriever or HybridRetriever(settings)
        self.embeddings = self.retriever.embeddings
        self.prepare = (
            RunnablePassthrough.assign(standalone=RunnableLambda(self._condense_step))
            | RunnablePassthrough.assign(language=RunnableLambda(self._language_step))
            | RunnablePassthrough.assign(
                question_language=lambda x: detect_language(x["standalone"])
            )
            | RunnablePassthrough.assign(hits=RunnableLambda(self._retrieve_step))
            | RunnablePassthrough.assign(standalone=RunnableLambda(self._normalize_step))
            | RunnablePassthrough.assign(evidence=RunnableLambda(self._answerable_step))
            | RunnablePassthrough.assign(ranked=RunnableLambda(self._rank_step))
        )
        self._verifier: AnswerVerifier | None | object = _NOT_LOADED
        self.refusal_threshold = (
            REFUSAL_THRESHOLD if canonical_embedding_name(settings) == RANKER_EMBEDDING else None
        )

    # ---- chain steps -----------------------------------------------------------------------

    def _condense_step(self, inputs: dict) -> str:
        question, history = inputs["question"], inputs.get("history") or []
        standalone = condense_heuristic(question, history)
        backend = inputs["backend"]
        if history and standalone != question and isinstance(backend, ChatModelBackend):
            rewritten = self._condense_with_llm(question, history, backend)
            if rewritten:
                return rewritten
        return standalone

    def _condense_with_llm(self, question: str, history, backend: ChatModelBackend) -> str | None:
        turns = "\n".join(
            f"User: {q}\nAssistant: {CITATION_WITH_SPACE.sub('', a)[:300]}" for q, a in history[-3:]
        )
        try:
            text = backend.complete(render("condense", history=turns, question=question)).strip()
        except Exception as exc:  # noqa: BLE001 - a failed rewrite falls back to the heuristic
            log.warning("Follow-up rewrite failed: %s", exc)
            return None
        text = text.strip().strip('"').splitlines()[0] if text.strip() else ""
        if not text or len(text) > 300 or detect_language(text) != detect_language(question):
            return None
        return text

    def _language_step(self, inputs: dict) -> str:
        requested = inputs.get("language") or "auto"
        return requested if requested in ("id", "en") else detect_language(inputs["question"])

    def _retrieve_step(self, inputs: dict) -> list[Hit]:
        return self.retriever.retrieve(inputs["standalone"], self.settings.top_k, inputs.get("filters"))  # fmt: skip

    def _normalize_step(self, inputs: dict) -> str:
        """The question as the checks, the ranker and the model read it from here on: "What's"
        spelled out, and names capitalised as the retrieved news writes them when it was typed
        in lower case."""
        return normalize_question(inputs["standalone"], [h.text for h in inputs["hits"]])

    def _answerable_step(self, inputs: dict) -> list[Hit]:
        """The retrieved passages that actually answer the question (possibly none)."""
        question = inputs["standalone"]
        return answering_passages(question, inputs["hits"], inputs["question_language"])

    def _rank_step(self, inputs: dict) -> list[Evidence]:
        """The sentences of the answering passages, best answer first (see sentence_ranker)."""
        if not inputs["evidence"]:
            return []
        question = inputs["standalone"]
        return rank_sentences(question, inputs["evidence"], inputs["question_language"], self.embeddings)  # fmt: skip

    # ---- public API ------------------------------------------------------------------------

    def stream(
        self,
        question: str,
        history: list[tuple[str, str]] | None = None,
        filters: Filters | None = None,
        language: str = "auto",
        llm: str | None = None,
    ) -> Iterator[StreamEvent]:
        question = (question or "").strip()
        backend = get_backend(self.settings, self.embeddings, llm)
        if not question or not re.search(r"\w", question):
            lang = language if language in ("id", "en") else "en"
            msg = {"id": "Silakan tulis pertanyaan tentang berita.", "en": "Please type a question about the news."}[lang]  # fmt: skip
            yield StreamEvent("answer", answer=Answer(msg, lang, backend.name, [], answered=False))
            return
        question = question[:MAX_QUESTION_CHARS]
        if self.settings.verify == "local":
            self._loaded_verifier()  # a required verifier that is missing fails before any answer
        state = self.prepare.invoke(
            {
                "question": question,
                "history": history or [],
                "filters": filters or Filters(),
                "language": language,
                "backend": backend,
            }  # fmt: skip
        )
        lang, passages, ranked = state["language"], state["evidence"], state["ranked"]
        if (
            self.refusal_threshold is not None
            and ranked
            and ranked[0].score < self.refusal_threshold
        ):
            passages = []  # passages on the topic, but no sentence that answers the question
        if not passages or not ranked:
            yield _declined(lang, backend.name)
            return
        standalone = state["standalone"]
        passages, ranked = order_by_best_sentence(passages, ranked)
        if backend.name == "extractive":
            text = compose_extractive(standalone, passages, lang, self.embeddings, ranked)
            if not self._quote_answers(standalone, text):
                yield _declined(lang, backend.name)
                return
            yield StreamEvent("token", text)
            yield StreamEvent("answer", answer=self._finish(text, passages, lang, backend.name, standalone))  # fmt: skip
            return
        # The model sees, and may cite, only the passages whose best sentence competes with the
        # best one: a weaker same-topic passage is as often a distractor as a second source.
        shown = passages[: passages_competing(ranked, LLM_PASSAGES)]
        generated = []
        try:
            for token in backend.stream(standalone, shown, history or [], lang, ranked):
                generated.append(token)
                yield StreamEvent("token", token)
        except Exception as exc:  # noqa: BLE001 - an LLM failure must not lose the answer
            log.warning("Backend %s failed (%s); answering extractively", backend.name, exc)
            generated = []
        checked = verify_citations("".join(generated), shown, lang)
        if checked is not None and not states_asked_slot(standalone, checked, "\n".join(h.text for h in shown)):  # fmt: skip
            log.info("The %s answer does not state what was asked; answering extractively", backend.name)  # fmt: skip
            checked = None  # it restates the question; the quoted sentences answer it
        same_language = [h.text for h in shown if (h.metadata.get("lang") or lang) == lang]
        # Words kept untranslated are looked up in every passage that answers, not only those
        # shown: a word the article gives as someone else's is not the speaker's either way.
        other_language = [h.text for h in passages if (h.metadata.get("lang") or lang) != lang]
        if checked is not None and not (states_speakers_words(standalone, checked, same_language) and keeps_only_speakers_words(standalone, checked, other_language)):  # fmt: skip
            log.info("The %s answer is not the asked speaker's words; quoting them", backend.name)  # fmt: skip
            checked = None
        if checked is not None and not states_asked_topic(standalone, checked):
            log.info("The %s answer is not on the asked topic; quoting the speaker", backend.name)
            checked = None
        if checked is not None and not claims_attributed(standalone, checked, shown):
            log.info("The %s answer gives the question's names numbers that are others'; answering extractively", backend.name)  # fmt: skip
            checked = None
        quoted = None
        if checked is not None and (asks_for_a_count(standalone) or asks_for_a_name(standalone)):
            quoted = compose_extractive(standalone, passages, lang, self.embeddings, ranked)
            if not states_evidence_number(standalone, checked, quoted):
                log.info("The %s answer's number is not the best evidence's; answering extractively", backend.name)  # fmt: skip
                checked = None
            elif not states_evidence_name(standalone, checked, quoted):
                log.info("The %s answer's name is not the best evidence's; answering extractively", backend.name)  # fmt: skip
                checked = None
        if checked is None:
            text = quoted or compose_extractive(standalone, passages, lang, self.embeddings, ranked)
            name, cited = f"{backend.name}+extractive-fallback", passages
            if not self._quote_answers(standalone, text):
                yield _declined(lang, name)
                return
        else:
            text, name, cited = checked, backend.name, shown
        yield StreamEvent("answer", answer=self._finish(text, cited, lang, name, standalone))

    def warm_up(self) -> None:
        """Load what the first answer would otherwise wait for: the answering backend's model
        and the verifier (with the local model, about 14 s on two cores)."""
        get_backend(self.settings, self.embeddings)
        self._loaded_verifier()

    def _loaded_verifier(self) -> AnswerVerifier | None:
        if self._verifier is _NOT_LOADED:
            self._verifier = get_verifier(self.settings)
        return self._verifier

    def _quote_answers(self, question: str, quoted: str) -> bool:
        """Whether the verifier (if any) finds that a quoted (extractive) answer states the
        answer. A model's own answer is not put to it: the -0.8 threshold was measured on
        quotes. A verifier that fails lets the answer through."""
        verifier = self._loaded_verifier()
        if verifier is None:
            return True
        excerpt = excerpt_of(quoted)
        try:
            margin = verifier.margin(question, excerpt)
        except Exception as exc:  # noqa: BLE001 - a failed check must not lose the answer
            log.warning("The answer verifier failed (%s); answering unverified", exc)
            return True
        if margin < VERDICT_REFUSAL:
            log.info("The verifier finds no answer in the quoted evidence (margin %.2f); refusing", margin)  # fmt: skip
            return False
        if margin < EXTRACTION_BELOW:
            try:
                extracted = verifier.extract(question, excerpt)
            except Exception as exc:  # noqa: BLE001 - as above
                log.warning("The answer verifier failed to copy the answer (%s); answering", exc)
                return True
            if not states_an_answer(extracted):
                log.info("The verifier copies no answer out of the quoted evidence (margin %.2f); refusing", margin)  # fmt: skip
                return False
        return True

    def ask(self, question: str, history=None, filters=None, language="auto", llm=None) -> Answer:
        answer = None
        for event in self.stream(question, history, filters, language, llm):
            if event.kind == "answer":
                answer = event.answer
        return answer

    def _finish(self, text: str, passages: list[Hit], language: str, backend: str, question: str) -> Answer:  # fmt: skip
        """Renumber `[n]` to the order of first citation and attach the cited passages."""
        order: list[int] = []
        for m in CITATION_WITH_SPACE.finditer(text):
            n = int(m.group(1))
            if 1 <= n <= len(passages) and n not in order:
                order.append(n)
        new_number = {old: i + 1 for i, old in enumerate(order)}
        text = CITATION_WITH_SPACE.sub(lambda m: f" [{new_number[int(m.group(1))]}]" if int(m.group(1)) in new_number else "", text)  # fmt: skip
        citations = []
        claims = _claims_by_citation(text)
        for old in order:
            hit = passages[old - 1]
            n = new_number[old]
            claim = claims.get(n, question)
            support = best_sentences(claim, [hit.text])
            meta = hit.metadata
            citations.append(
                Citation(
                    n=n,
                    doc_id=hit.article_id,
                    title=meta.get("title", ""),
                    source=meta.get("source", ""),
                    date=meta.get("date") or None,
                    url=meta.get("url") or None,
                    text=hit.text,
                    chunk_id=hit.chunk_id,
                    support=support[0].sentence if support else "",
                )
            )
        return Answer(text.strip(), language, backend, citations, answered=True)


_CITES_AFTER_STOP = re.compile(r"([.!?…][”\"’']?)((?:\s*\[\d+\])+)")


def _claims_by_citation(text: str) -> dict[int, str]:
    """The first sentence citing each `[n]` ("… kota. [1]" cites the sentence before it)."""
    claims: dict[int, str] = {}
    text = _CITES_AFTER_STOP.sub(lambda m: m.group(2) + m.group(1), text)
    for a, b in split_sentences(text):
        sentence = text[a:b]
        for m in CITATION_WITH_SPACE.finditer(sentence):
            claims.setdefault(int(m.group(1)), CITATION_WITH_SPACE.sub("", sentence))
    return claims
