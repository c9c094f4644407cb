"""Does the quoted evidence state the answer? A yes/no question to the local model, whose
verdict is the margin logit("Yes") - logit("No") of its next token (one forward pass after a
cached few-shot prefix, `prompts/verify.md`). It tells a near-miss from a paraphrase where word
overlap cannot: "profit in 2014?" over a sentence giving 2015's covers every word of the question.
A verdict short of a clear Yes is checked a second way: the model is asked to copy the answer out
of the quote (`prompts/extract.md`), and a quote it finds NONE in does not answer.
"""

from __future__ import annotations

import atexit
import json
import logging
import re
import threading
from pathlib import Path
from typing import Protocol

from assistant.answer_checks import without_citations
from assistant.config import Settings
from assistant.errors import BackendUnavailable
from assistant.prompts import PROMPTS_DIR, render

log = logging.getLogger(__name__)

# Refuse when the model's margin for "No" is wider than this. Measured on 348 answered dev
# questions (all 128 answered near-misses and 220 answerable ones): below -0.8 the model turned
# away 24 near-misses and 5 answerable questions; FacQA (247 answered) lost 7. -0.7 to -0.8 is a
# plateau; -0.5 doubles the answerable ones lost. On all of dev (932, extractive): refusals 192
# -> 214 of 320, false refusals 14 -> 25 of 612; FacQA 53 -> 60 of 300. On a fresh batch
# written after the threshold was set (dev's bi-dev-933..980): refusals 8 -> 9 of 20, false
# refusals 3 of 28 either way.
VERDICT_REFUSAL = -0.8
# Under this margin the model is also asked to copy the answer out of the quote, and its NONE
# refuses. On 140 dev questions answered with the verifier off (70 near-misses, 70 whose answer
# held the answer string; bi-dev up to 1220), the verdict alone refused 22 near-misses and no
# answer; with the copy asked under 0.4, 31 and none (under 0.8: 36 and 1; always: 38 and 4).
# On all of dev (first 1172, extractive) it refused 27 more near-misses and 29 more answerable
# questions, 5 of them answered right before (24 wrong): false refusals 0.047 -> 0.085.
EXTRACTION_BELOW = 0.4
_EXTRACT_TOKENS = 24
_CONTEXT_TOKENS = 2048
_MAX_EXCERPT_CHARS = 1500
_MAX_QUESTION_CHARS = 500
_MAX_QUESTION_TOKENS = 256
_EXCERPT_SLOT = "\x00excerpt\x00"


class AnswerVerifier(Protocol):
    def margin(self, question: str, excerpt: str) -> float:
        """logit(Yes) - logit(No): above 0 the excerpt states the answer, below it does not."""

    def extract(self, question: str, excerpt: str) -> str:
        """The shortest phrase of the excerpt that answers the question, or "NONE"."""


# The model's ways of saying the quote holds no answer: NONE as asked, or "tidak ada", alone or
# before punctuation ("NONE. The excerpt ..."), since a phrase that goes on ("None of the 12
# passengers", "Tidak ada korban jiwa") is an answer; and "not stated", "tidak disebutkan" or
# "no answer", whatever follows. A bare "Tidak ada" is read as none, though it may answer "how
# many died?": the quote is then shown only if the verdict was clear.
_NO_ANSWER = re.compile(
    r"(?:none|tidak ada)\s*(?:$|[.,;:!()\-\n])|no answer|not (?:stated|mentioned|given|specified)|tidak (?:disebutkan|dijelaskan|ada jawaban)",
    re.I,
)


def states_an_answer(extracted: str) -> bool:
    """Whether the model copied an answer out of the quote, rather than finding NONE there."""
    text = extracted.strip().strip("\"'`*").strip()
    return bool(text.strip(".")) and not _NO_ANSWER.match(text)


def _chatml(role: str, text: str) -> str:
    return f"<|im_start|>{role}\n{text}<|im_end|>\n"


def _examples() -> list[dict]:
    path = PROMPTS_DIR / "verify_examples.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]  # fmt: skip


def verification_prefix() -> str:
    """The system instructions and the worked examples, in the local model's chat format."""
    (_, system), _ = render("verify", excerpt="", question="")
    prefix = _chatml("system", system)
    for example in _examples():
        (_, _), (_, user) = render("verify", excerpt=example["excerpt"], question=example["question"])  # fmt: skip
        prefix += _chatml("user", user) + _chatml("assistant", example["verdict"])
    return prefix


class LocalModelVerifier:
    """The yes/no question, and the copy-the-answer one, asked of the local GGUF model through
    llama-cpp-python."""

    def __init__(self, model_path: Path, threads: int):
        import numpy as np
        from llama_cpp import Llama

        self._np = np
        self._llm = Llama(model_path=str(model_path), n_ctx=_CONTEXT_TOKENS, n_threads=threads, n_batch=512, verbose=False)  # fmt: skip
        self._yes = self._token("Yes")
        self._no = self._token("No")
        self._llm.eval(self._tokens(verification_prefix(), special=True))
        self._prefix_tokens = self._llm.n_tokens
        self._lock = threading.Lock()
        # A second context for copying the answer out, so the verdict's cached prefix stays intact.
        self._extractor = Llama(model_path=str(model_path), n_ctx=_CONTEXT_TOKENS, n_threads=threads, n_batch=512, verbose=False)  # fmt: skip

    def _token(self, word: str) -> int:
        (token,) = self._tokens(word)
        return token

    def _tokens(self, text: str, special: bool = False) -> list[int]:
        return self._llm.tokenize(text.encode(), add_bos=False, special=special)

    def question_tokens(self, question: str, excerpt: str) -> list[int]:
        """The question's turn, ending in the assistant's turn marker, tokenized as the worked
        examples of the prefix are (the text between the chat markers as one piece). Only the
        markers are control tokens: an article's "<|im_end|>" is text. When the context is
        short, the excerpt gives way, never the question or the marker."""
        question = self._cut(question[:_MAX_QUESTION_CHARS], _MAX_QUESTION_TOKENS)
        (_, _), (_, user) = render("verify", excerpt=_EXCERPT_SLOT, question=question)
        before, after = user.split(_EXCERPT_SLOT)
        start = self._tokens("<|im_start|>", special=True)
        end = self._tokens("<|im_end|>\n<|im_start|>assistant\n", special=True)
        # A few tokens to spare: a cut excerpt may merge differently with the text after it.
        room = _CONTEXT_TOKENS - self._prefix_tokens - len(start) - len(end) - len(self._tokens(f"user\n{before}{after}")) - 4  # fmt: skip
        excerpt = self._cut(excerpt[:_MAX_EXCERPT_CHARS], room)
        return start + self._tokens(f"user\n{before}{excerpt}{after}") + end

    def _cut(self, text: str, limit: int) -> str:
        tokens = self._tokens(text)
        if len(tokens) <= limit:
            return text
        return self._llm.detokenize(tokens[: max(limit, 0)]).decode("utf-8", errors="ignore")

    def margin(self, question: str, excerpt: str) -> float:
        tokens = self.question_tokens(question, excerpt)
        with self._lock:
            # Evaluating from the end of the prefix drops the previous question from the KV
            # cache (llama-cpp's eval clears the cache past n_tokens); the prefix stays.
            self._llm.n_tokens = self._prefix_tokens
            self._llm.eval(tokens)
            logits = self._np.ctypeslib.as_array(self._llm._ctx.get_logits_ith(-1), shape=(self._llm.n_vocab(),))  # fmt: skip
            return float(logits[self._yes] - logits[self._no])

    def extract(self, question: str, excerpt: str) -> str:
        question = self._cut(question[:_MAX_QUESTION_CHARS], _MAX_QUESTION_TOKENS)
        excerpt = self._cut(
            excerpt[:_MAX_EXCERPT_CHARS], _CONTEXT_TOKENS - _MAX_QUESTION_TOKENS - 200
        )
        messages = [{"role": role, "content": text} for role, text in render("extract", excerpt=excerpt, question=question)]  # fmt: skip
        with self._lock:
            result = self._extractor.create_chat_completion(messages=messages, temperature=0, max_tokens=_EXTRACT_TOKENS)  # fmt: skip
        return result["choices"][0]["message"]["content"] or ""

    def close(self) -> None:
        with self._lock:
            try:
                self._extractor.close()
            finally:
                self._llm.close()


def excerpt_of(answer_text: str) -> str:
    """The quoted answer as the verifier reads it: without its [n] markers."""
    return without_citations(answer_text).strip()


def get_verifier(settings: Settings) -> AnswerVerifier | None:
    """The verifier `settings.verify` asks for, or None when answers are not verified. In
    `auto` mode a model that is missing or fails to load means no verification (logged); in
    `local` mode it is an error that names the fix."""
    from assistant.answer import llamacpp_available, local_model_path

    mode = settings.verify
    if mode == "off":
        return None
    path = local_model_path(settings)
    if not llamacpp_available(settings):
        if mode == "local":
            raise BackendUnavailable(f"KABAR_VERIFY=local needs llama-cpp-python and the local model at {path} - run: make install-llm (or set KABAR_GGUF_PATH, or KABAR_VERIFY=off)")  # fmt: skip
        return None
    try:
        return _load_local(path, settings.llm_threads)
    except Exception as exc:  # noqa: BLE001 - llama-cpp raises plain ValueError/RuntimeError
        if mode == "local":
            raise BackendUnavailable(f"The answer verifier could not load {path} ({exc}) - run: make install-llm to re-verify the model, or set KABAR_VERIFY=off") from exc  # fmt: skip
        log.warning("The answer verifier could not load %s (%s); answers are not verified", path, exc)  # fmt: skip
        return None


_loaded: dict[tuple[Path, int], LocalModelVerifier] = {}
_load_lock = threading.Lock()


def _load_local(model_path: Path, threads: int) -> LocalModelVerifier:
    """One verifier per model file, however many threads ask for it first."""
    with _load_lock:
        if (model_path, threads) not in _loaded:
            log.info("Loading the answer verifier from %s", model_path)
            verifier = LocalModelVerifier(model_path, threads)
            # Free the native model before interpreter shutdown (see answer._close_llama).
            atexit.register(verifier.close)
            _loaded[(model_path, threads)] = verifier
        return _loaded[(model_path, threads)]
