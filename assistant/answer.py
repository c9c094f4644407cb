"""Answer backends: one small interface, `stream(question, passages, history, language)`.

- `extractive`: no LLM; quotes the retrieved sentences that best answer the question, each
  with its `[n]`. Instant, offline, and cannot state anything the news does not say; but it
  cannot translate, so an English question about Indonesian news gets the Indonesian quote.
- `llamacpp`: a local GGUF model through llama-cpp-python (LangChain's ChatLlamaCpp).
- `openai`: any OpenAI-compatible endpoint through langchain-openai.
`auto` picks a configured endpoint, else the installed local model, else extractive.
"""

from __future__ import annotations

import atexit
import logging
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from assistant.config import Settings
from assistant.errors import BackendUnavailable
from assistant.guard import is_instruction, without_instructions
from assistant.models import Hit
from assistant.prompts import render
from assistant.question_parse import content_terms
from assistant.retrieve import asked_speaker
from assistant.sentence_ranker import Evidence, best_sentences, rank_sentences
from ingest.chunk import split_sentences
from ingest.clean import blank_dateline
from ingest.quotes import extract_quotes, same_speaker

log = logging.getLogger(__name__)

REFUSALS = {
    "id": "Maaf, berita yang tersedia tidak memuat jawaban atas pertanyaan ini.",
    "en": "Sorry, the news I have does not contain the answer to this question.",
}
FENCE = re.compile(r"<<<|>>>|PASSAGES|KUTIPAN")


LLM_PASSAGES = 3
LLM_SENTENCES = 4
# A second sentence joins the answer when the ranker's log-odds for it are within this of the
# best (dev, cross-validated: answer presence 0.56 with one sentence, 0.63 with this margin).
SECOND_SENTENCE_MARGIN = 1.0


def format_passages(passages: list[Hit], question: str | None = None, ranked: list[Evidence] | None = None) -> str:  # fmt: skip
    """Numbered passages for a prompt; fence markers inside article text are defused and
    sentences addressed to an AI are cut (see guard). With a `question`, each passage is cut to
    its few best sentences (by `ranked` when given, the chain's ranking of these passages): on a
    2-core CPU the prompt's length, not the answer's, sets the time to first token."""
    blocks = []
    for n, hit in enumerate(passages, 1):
        meta = hit.metadata
        head = " | ".join(x for x in (meta.get("title", ""), meta.get("source", ""), (meta.get("date") or "")[:10]) if x)  # fmt: skip
        text = without_instructions(blank_dateline(hit.text).lstrip())  # the head names the outlet
        if question:
            mine = [e for e in ranked if e.passage_index == n - 1] if ranked is not None else None
            text = trim_passage(question, text, ranked=mine)
        blocks.append(f"[{n}] {head}\n{FENCE.sub(' ', text)}")
    return "\n\n".join(blocks)


def trim_passage(question: str, text: str, keep: int = LLM_SENTENCES, ranked: list[Evidence] | None = None) -> str:  # fmt: skip
    """The `keep` sentences of `text` that best answer `question`, in their original order.
    `ranked`: this passage's sentences already ranked (their text must occur in `text`)."""
    ranked = [e for e in ranked if e.sentence in text] if ranked else best_sentences(question, [text])  # fmt: skip
    if len(split_sentences(text)) <= keep:
        return text
    chosen = sorted(ranked[:keep], key=lambda e: e.start)
    return " … ".join(e.sentence for e in chosen)


class AnswerBackend:
    name = "base"

    def stream(self, question: str, passages: list[Hit], history: list[tuple[str, str]], language: str, ranked: list[Evidence] | None = None) -> Iterator[str]:  # fmt: skip
        """Answer text, streamed. `ranked`: the passages' sentences, best answer first."""
        raise NotImplementedError


class ExtractiveBackend(AnswerBackend):
    """Picks the best-answering sentences; `embeddings` (optional) adds dense similarity."""

    name = "extractive"

    def __init__(self, embeddings=None):
        self.embeddings = embeddings

    def stream(self, question, passages, history, language, ranked=None):
        yield compose_extractive(question, passages, language, self.embeddings, ranked)


def compose_extractive(question: str, passages: list[Hit], language: str, embeddings=None, ranked: list[Evidence] | None = None) -> str:  # fmt: skip
    """A short answer made of quoted sentences of `passages`, each followed by its `[n]`.
    `ranked`: the passages' sentences as `rank_sentences` ordered them (computed when None)."""
    quoted = compose_quote_answer(question, passages, language, embeddings)
    if quoted:
        return quoted
    if ranked is None:
        ranked = rank_sentences(question, passages, language, embeddings)
    if not ranked:
        return REFUSALS.get(language, REFUSALS["en"])
    chosen = [ranked[0]]
    for ev in ranked[1:4]:
        # A second sentence only from the same passage: one from another article is as often
        # a distractor on the same topic as a second source (dev: 10 of 19 such were wrong).
        if ev.passage_index == chosen[0].passage_index and ev.score >= ranked[0].score - SECOND_SENTENCE_MARGIN and ev.sentence != chosen[0].sentence:  # fmt: skip
            chosen.append(ev)
            break
    chosen.sort(key=lambda e: (e.passage_index, e.start))
    parts = []
    for ev in chosen:
        hit = passages[ev.passage_index]
        sentence = ev.sentence.strip()
        n = ev.passage_index + 1
        if (hit.metadata.get("lang") or language) == language:
            parts.append(f"{sentence} [{n}]")
        else:
            quoted = sentence.strip('“”"')
            parts.append(f"{_reported_intro(hit, sentence, language)} “{quoted}” [{n}]")
    return " ".join(parts)


def compose_quote_answer(question: str, passages: list[Hit], language: str, embeddings=None) -> str | None:  # fmt: skip
    """For "what did X say (about Y)": X's own words, quoted, best match to Y first."""
    speaker = asked_speaker(question)
    if not speaker:
        return None
    found = [
        (n, q)
        for n, hit in enumerate(passages, 1)
        for q in extract_quotes(hit.text)
        if same_speaker(speaker, q.speaker_key) and not is_instruction(q.text)
    ]
    if not found:
        return None
    q_terms = content_terms(question)
    scores = [float(q.direct) + len(q_terms & content_terms(q.text)) for _, q in found]
    if embeddings is not None:
        q_vector = np.asarray(embeddings.embed_query(question))
        vectors = np.asarray(embeddings.embed_documents([q.text for _, q in found]))
        scores = [s + 2.0 * float(v @ q_vector) for s, v in zip(scores, vectors, strict=True)]
    order = sorted(range(len(found)), key=lambda i: -scores[i])
    parts = []
    for i in order[:2]:
        n, q = found[i]
        if parts and not q.direct:
            continue  # a second, reported statement adds little next to a direct quote
        words = q.text.strip().strip('“”"').rstrip(",")
        name = q.speaker.split()[-1] if len(q.speaker.split()) > 2 else q.speaker
        verb = {"id": "mengatakan", "en": "said"}.get(language, "said")
        if q.direct:
            parts.append(f"{name} {verb}: “{words}” [{n}]")
        else:
            that = {"id": "bahwa", "en": "that"}.get(language, "that")
            parts.append(f"{name} {verb} {that} {words.rstrip('.')} [{n}].")
    order_in_text = parts
    return " ".join(order_in_text)


def _reported_intro(hit: Hit, sentence: str, language: str) -> str:
    """A lead-in in the answer's language for a quote in the passage's language."""
    source = hit.metadata.get("source") or ("the news" if language == "en" else "berita")
    speakers = [q.speaker for q in extract_quotes(sentence)]
    if language == "id":
        return f"Menurut {source}, {speakers[0]} mengatakan:" if speakers else f"Menurut {source}:"
    return f"According to {source}, {speakers[0]} said:" if speakers else f"According to {source}:"


class ChatModelBackend(AnswerBackend):
    """Shared by the LLM backends: render prompts/answer_<lang>.md and stream a chat model."""

    def __init__(self, chat_model, name: str):
        self.chat_model = chat_model
        self.name = name
        self._lock = threading.Lock()  # one generation at a time on a local model

    def messages(self, question: str, passages: list[Hit], language: str, ranked: list[Evidence] | None = None) -> list[tuple[str, str]]:  # fmt: skip
        lang = language if language in ("id", "en") else "en"
        return render(
            f"answer_{lang}",
            passages=format_passages(passages[:LLM_PASSAGES], question, ranked),
            question=question,
            refusal=REFUSALS[lang],
        )

    def stream(self, question, passages, history, language, ranked=None):
        messages = self.messages(question, passages, language, ranked)
        with self._lock:
            for chunk in self.chat_model.stream(messages):
                text = chunk.content if hasattr(chunk, "content") else str(chunk)
                if text:
                    yield text

    def complete(self, messages: list[tuple[str, str]]) -> str:
        with self._lock:
            return str(self.chat_model.invoke(messages).content)


def local_model_path(settings: Settings) -> Path:
    return settings.gguf_path or (settings.model_cache_dir / LOCAL_MODEL_FILE)


LOCAL_MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"


def llamacpp_available(settings: Settings) -> bool:
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        return False
    return local_model_path(settings).exists()


def _close_llama(model) -> None:
    # Free the native model before interpreter shutdown, where llama-cpp's own __del__ finds
    # its C bindings already torn down and prints a traceback.
    client = getattr(model, "client", None)
    if client is not None and hasattr(client, "close"):
        client.close()


def load_llamacpp(settings: Settings) -> ChatModelBackend:
    path = local_model_path(settings)
    try:
        import llama_cpp  # noqa: F401
    except ImportError as exc:
        raise BackendUnavailable(
            "llama-cpp-python is not installed - run: make install-llm"
        ) from exc
    if not path.exists():
        raise BackendUnavailable(f"No local model at {path} - run: make install-llm (or set KABAR_GGUF_PATH)")  # fmt: skip
    from langchain_community.chat_models import ChatLlamaCpp

    model = ChatLlamaCpp(
        model_path=str(path),
        n_ctx=4096,
        n_threads=settings.llm_threads,
        n_batch=256,
        max_tokens=settings.llm_max_tokens,
        # Greedy: the same question over the same passages gets the same answer, so an eval
        # run can be repeated and two runs compared; sampling draws from a random seed.
        temperature=0.0,
        seed=0,
        verbose=False,
        streaming=True,
    )
    atexit.register(_close_llama, model)
    return ChatModelBackend(model, "llamacpp")


def load_openai(settings: Settings) -> ChatModelBackend:
    if not settings.openai_base_url and not settings.openai_api_key:
        raise BackendUnavailable(
            "The openai backend needs an endpoint - set KABAR_OPENAI_BASE_URL (and "
            "KABAR_OPENAI_API_KEY, KABAR_OPENAI_MODEL)"
        )
    from langchain_openai import ChatOpenAI

    model = ChatOpenAI(
        base_url=settings.openai_base_url,
        api_key=settings.openai_api_key or "not-needed",
        model=settings.openai_model,
        temperature=0.1,
        max_tokens=settings.llm_max_tokens,
        timeout=120,
        max_retries=1,
        streaming=True,
    )
    return ChatModelBackend(model, "openai")


BACKENDS = {
    "extractive": lambda settings, embeddings: ExtractiveBackend(embeddings),
    "llamacpp": lambda settings, embeddings: load_llamacpp(settings),
    "openai": lambda settings, embeddings: load_openai(settings),
}

_cache: dict[tuple, AnswerBackend] = {}
_cache_lock = threading.Lock()


def resolve_backend_name(settings: Settings, requested: str | None = None) -> str:
    name = (requested or settings.llm or "auto").lower()
    if name == "auto":
        if settings.openai_base_url:
            return "openai"
        return "llamacpp" if llamacpp_available(settings) else "extractive"
    if name not in BACKENDS:
        raise BackendUnavailable(
            f"Unknown answer backend {name!r} - use one of: auto, {', '.join(BACKENDS)} (KABAR_LLM or --llm)"  # fmt: skip
        )
    return name


def get_backend(settings: Settings, embeddings=None, requested: str | None = None) -> AnswerBackend:
    name = resolve_backend_name(settings, requested)
    key = (name, settings.openai_base_url, settings.openai_model, str(local_model_path(settings)), id(embeddings))  # fmt: skip
    with _cache_lock:
        if key not in _cache:
            _cache[key] = BACKENDS[name](settings, embeddings)
        return _cache[key]
