import json
import logging
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from assistant.__main__ import main as assistant_main
from assistant.answer import LOCAL_MODEL_FILE, REFUSALS, llamacpp_available
from assistant.chat import NewsAssistant, condense_heuristic
from assistant.config import DEFAULT_MODEL_CACHE
from assistant.prompts import PromptError, render
from assistant.retrieve import Filters, HybridRetriever
from assistant.sentence_ranker import REFUSAL_THRESHOLD
from ingest.load import path_id

from .conftest import SEED_FILE, FixedVerifier, make_settings

SEED_ID = path_id(SEED_FILE)
GOLDEN = Path(__file__).parent / "golden"
SEED_QUESTIONS = {"en": "What did Zelensky say about the negotiations?", "id": "Apa kata Zelensky tentang negosiasi?"}  # fmt: skip


@pytest.fixture(scope="module")
def retriever(news_settings, e5_embeddings):
    return HybridRetriever(news_settings, embeddings=e5_embeddings)


def assistant_for(settings, retriever, **overrides):
    return NewsAssistant(settings.model_copy(update=overrides), retriever)


def assert_cites_seed(answer, language):
    assert answer.answered and answer.language == language
    assert "menggagalkan negosiasi" in answer.answer
    assert re.search(r"\[1\]", answer.answer)
    assert answer.citations[0].n == 1 and answer.citations[0].doc_id == SEED_ID
    assert "menggagalkan negosiasi" in answer.citations[0].text
    numbers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert numbers == {c.n for c in answer.citations}, "every [n] has its passage and vice versa"


@pytest.mark.parametrize("language", ["id", "en"])
def test_seed_question_is_answered_with_the_quote(news_settings, retriever, language):
    answer = assistant_for(news_settings, retriever).ask(SEED_QUESTIONS[language])
    assert_cites_seed(answer, language)
    assert answer.backend == "extractive"


def test_follow_up_question_is_understood(news_settings, retriever):
    bot = assistant_for(news_settings, retriever)
    first = bot.ask(SEED_QUESTIONS["id"])
    follow_up = bot.ask("Dan apa kata Putin?", history=[(SEED_QUESTIONS["id"], first.answer)])
    assert follow_up.answered and follow_up.language == "id"
    assert "Putin" in follow_up.answer
    assert any(p in follow_up.answer for p in ("Kami memahami permintaan", "keselamatan mereka"))
    assert follow_up.citations[0].doc_id == SEED_ID


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Siapa yang memenangkan Piala Dunia 2030?", "id"),
        ("Who won the 2030 World Cup final?", "en"),
        ("Berapa jumlah penduduk Mars menurut sensus terakhir?", "id"),
    ],
)
def test_unanswerable_questions_are_declined_in_their_language(news_settings, retriever, question, language):  # fmt: skip
    answer = assistant_for(news_settings, retriever).ask(question)
    assert not answer.answered
    assert answer.answer == REFUSALS[language] and answer.citations == []


def test_refusal_threshold_on_the_best_sentence_score(news_settings, retriever):
    """The ranker's best score decides the last step: under the threshold, a question whose
    passages pass the checks is still declined. The threshold is on e5's scale: off for others."""
    assistant = assistant_for(news_settings, retriever)
    assert assistant.refusal_threshold == REFUSAL_THRESHOLD
    state = assistant.prepare.invoke({"question": "Who is Zelensky?", "history": [], "filters": Filters(), "language": "auto", "backend": None})  # fmt: skip
    assert state["ranked"] and state["ranked"] == sorted(state["ranked"], key=lambda e: -e.score)
    assistant.refusal_threshold = state["ranked"][0].score + 0.01
    refused = assistant.ask("Who is Zelensky?")
    assert not refused.answered and refused.answer == REFUSALS["en"]
    assistant.refusal_threshold = state["ranked"][0].score - 0.01
    assert assistant.ask("Who is Zelensky?").answered
    minilm = NewsAssistant(news_settings.model_copy(update={"embedding_model": "all-MiniLM-L6-v2"}), retriever)  # fmt: skip
    assert minilm.refusal_threshold is None


def test_a_question_typed_in_lower_case_is_read_with_the_news_capitals(news_settings, retriever):
    assistant = assistant_for(news_settings, retriever)
    question = "apa kata zelensky tentang negosiasi?"
    state = assistant.prepare.invoke({"question": question, "history": [], "filters": Filters(), "language": "auto", "backend": None})  # fmt: skip
    assert state["standalone"] == "apa kata Zelensky tentang negosiasi?"
    assert_cites_seed(assistant.ask(question), "id")


@pytest.mark.parametrize("question", ["what did zelenskyy say about putin and the talks", "Apa kata Zelenskiy tentang negosiasi?"])  # fmt: skip
def test_a_name_spelled_another_way_still_finds_the_quote(news_settings, retriever, question):
    answer = assistant_for(news_settings, retriever).ask(question)
    assert_cites_seed(answer, "en" if question.startswith("what") else "id")


def test_answer_language_can_be_chosen(news_settings, retriever):
    answer = assistant_for(news_settings, retriever).ask(SEED_QUESTIONS["id"], language="en")
    assert answer.language == "en" and answer.answered


def test_condense_heuristic():
    history = [("Apa kata Zelensky tentang negosiasi?", "…")]
    assert condense_heuristic("Dan apa kata Putin?", history) == "apa kata Putin tentang negosiasi?"
    assert condense_heuristic("What about Putin?", [("What did Zelensky say about the talks?", "")]) == "What did Putin say about the talks?"  # fmt: skip
    assert condense_heuristic("Siapa presiden Rusia?", history) == "Siapa presiden Rusia?"
    assert condense_heuristic("Apa kata Zelensky?", []) == "Apa kata Zelensky?"


# ---- the OpenAI-compatible backend against a real local HTTP server ------------------------


def make_chat_server(reply):
    """A chat-completions server on 127.0.0.1 that streams `reply(messages)` as SSE chunks."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            text = reply(body["messages"])
            self.send_response(200)
            if not body.get("stream"):
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                message = {"role": "assistant", "content": text}
                self.wfile.write(json.dumps({"id": "x", "object": "chat.completion", "created": 0, "model": body["model"], "choices": [{"index": 0, "message": message, "finish_reason": "stop"}]}).encode())  # fmt: skip
                return
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            for piece in re.findall(r"\S+\s*", text) + [None]:
                delta = {"content": piece} if piece else {}
                chunk = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": body["model"], "choices": [{"index": 0, "delta": delta, "finish_reason": None if piece else "stop"}]}  # fmt: skip
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
            self.wfile.write(b"data: [DONE]\n\n")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def faithful_reply(messages):
    """Quotes the passage that holds the Zelensky quote, citing it correctly."""
    user = messages[-1]["content"]
    if "Standalone question" in user:
        return "Apa kata Putin tentang negosiasi?"
    n = re.search(r"\[(\d+)\][^\[]*menggagalkan negosiasi", user, re.S).group(1)
    if "Answer in English" in user:
        return f"Zelensky said Putin is trying to derail the negotiations (“menggagalkan negosiasi”) with very difficult conditions [{n}]."  # fmt: skip
    return f"Zelensky mengatakan Putin berusaha menggagalkan negosiasi dengan memberikan syarat yang sangat sulit [{n}]."  # fmt: skip


@pytest.fixture
def openai_server():
    servers = []

    def start(reply):
        server = make_chat_server(reply)
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/v1"

    yield start
    for server in servers:
        server.shutdown()


BACKENDS = ["extractive", "openai", "llamacpp"]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("language", ["id", "en"])
def test_backend_contract(news_settings, retriever, openai_server, backend, language):
    """Every backend streams text and ends in a verified, cited answer to the seed question."""
    overrides = {"llm": backend}
    if backend == "openai":
        overrides.update(openai_base_url=openai_server(faithful_reply), openai_model="test-model")
    if backend == "llamacpp":
        overrides["gguf_path"] = DEFAULT_MODEL_CACHE / LOCAL_MODEL_FILE
        if not llamacpp_available(news_settings.model_copy(update=overrides)):
            pytest.skip(
                "llama-cpp-python or the local GGUF is not installed (run: make install-llm)"
            )
    bot = assistant_for(news_settings, retriever, **overrides)
    events = list(bot.stream(SEED_QUESTIONS[language]))
    tokens = [e.text for e in events if e.kind == "token"]
    assert tokens and all(isinstance(t, str) for t in tokens)
    (final,) = [e.answer for e in events if e.kind == "answer"]
    assert final.backend.startswith(backend)
    assert final.answered and final.language == language
    assert final.citations and final.citations[0].doc_id == SEED_ID
    numbers = {int(n) for n in re.findall(r"\[(\d+)\]", final.answer)}
    assert numbers == {c.n for c in final.citations}
    if backend == "openai":
        assert final.backend == "openai", "a faithful answer passes the citation check"
        assert "menggagalkan negosiasi" in final.answer


def with_verifier(monkeypatch, verifier):
    monkeypatch.setattr("assistant.chat.get_verifier", lambda settings: verifier)
    return verifier


def test_a_quote_the_verifier_rejects_is_declined(news_settings, retriever, monkeypatch):
    verifier = with_verifier(monkeypatch, FixedVerifier(-3.0))
    answer = assistant_for(news_settings, retriever).ask(SEED_QUESTIONS["id"])
    assert not answer.answered and answer.answer == REFUSALS["id"] and not answer.citations
    ((question, excerpt),) = verifier.asked
    assert "menggagalkan negosiasi" in excerpt and "[1]" not in excerpt


def test_a_doubtful_verdict_is_checked_by_copying_the_answer_out(news_settings, retriever, monkeypatch, caplog):  # fmt: skip
    from assistant.verify import EXTRACTION_BELOW, VERDICT_REFUSAL

    doubtful = (VERDICT_REFUSAL + EXTRACTION_BELOW) / 2
    verifier = with_verifier(monkeypatch, FixedVerifier(doubtful, extracted="NONE"))
    answer = assistant_for(news_settings, retriever).ask(SEED_QUESTIONS["id"])
    assert not answer.answered and answer.answer == REFUSALS["id"]
    ((question, excerpt),) = verifier.asked_to_copy
    assert "menggagalkan negosiasi" in excerpt and "[1]" not in excerpt
    with_verifier(monkeypatch, FixedVerifier(doubtful, extracted="menggagalkan negosiasi"))
    assert_cites_seed(assistant_for(news_settings, retriever).ask(SEED_QUESTIONS["id"]), "id")
    # A clear Yes is not asked again; a copy that fails does not lose the answer.
    sure = with_verifier(monkeypatch, FixedVerifier(EXTRACTION_BELOW + 1.0, extracted="NONE"))
    assert_cites_seed(assistant_for(news_settings, retriever).ask(SEED_QUESTIONS["id"]), "id")
    assert sure.asked_to_copy == []
    with_verifier(monkeypatch, FixedVerifier(doubtful, extracted=None))
    with caplog.at_level(logging.WARNING, logger="assistant.chat"):
        assert_cites_seed(assistant_for(news_settings, retriever).ask(SEED_QUESTIONS["id"]), "id")
    assert "failed to copy the answer" in caplog.text


def test_a_failing_verifier_does_not_lose_the_answer(news_settings, retriever, monkeypatch, caplog):  # fmt: skip
    with_verifier(monkeypatch, FixedVerifier(None))
    with caplog.at_level(logging.WARNING, logger="assistant.chat"):
        answer = assistant_for(news_settings, retriever).ask(SEED_QUESTIONS["en"])
    assert_cites_seed(answer, "en")
    assert "answer verifier failed" in caplog.text


def test_a_model_s_own_answer_is_not_put_to_the_verifier(news_settings, retriever, openai_server, monkeypatch):  # fmt: skip
    """The verdict threshold was measured on quotes; a checked LLM answer passes without it, a
    fallback to the quote is verified like any quote."""
    verifier = with_verifier(monkeypatch, FixedVerifier(-3.0))
    url = openai_server(faithful_reply)
    answer = assistant_for(news_settings, retriever, llm="openai", openai_base_url=url, openai_model="m").ask(SEED_QUESTIONS["en"])  # fmt: skip
    assert answer.answered and answer.backend == "openai" and verifier.asked == []
    url = openai_server(lambda messages: "Zelensky said 5000 soldiers surrendered in Paris [7].")
    fallback = assistant_for(news_settings, retriever, llm="openai", openai_base_url=url, openai_model="m").ask(SEED_QUESTIONS["en"])  # fmt: skip
    assert not fallback.answered and fallback.backend == "openai+extractive-fallback"
    assert len(verifier.asked) == 1


def test_unfaithful_llm_answer_falls_back_to_extractive(news_settings, retriever, openai_server):
    url = openai_server(lambda messages: "Zelensky said 5000 soldiers surrendered in Paris [7]. Putin agreed to peace [8].")  # fmt: skip
    bot = assistant_for(
        news_settings, retriever, llm="openai", openai_base_url=url, openai_model="m"
    )
    answer = bot.ask(SEED_QUESTIONS["en"])
    assert answer.backend == "openai+extractive-fallback"
    assert "menggagalkan negosiasi" in answer.answer and "Paris" not in answer.answer


def test_an_llm_answer_that_restates_the_question_falls_back_to_the_quote(news_settings, retriever, openai_server):  # fmt: skip
    """Asked "when", a model that cites the right passage but gives no date is not the answer."""

    def restating_reply(messages):
        user = messages[-1]["content"]
        n = re.search(r"\[(\d+)\][^\[]*keselamatan mereka akan dijamin", user, re.S).group(1)
        return (
            f"Putin said the Ukrainian soldiers in Kursk would be safe if they surrendered [{n}]."
        )

    url = openai_server(restating_reply)
    bot = assistant_for(news_settings, retriever, llm="openai", openai_base_url=url, openai_model="m")  # fmt: skip
    answer = bot.ask("When did Putin say the Ukrainian soldiers in Kursk would be safe if they surrendered?")  # fmt: skip
    assert answer.backend == "openai+extractive-fallback"
    assert "15 Maret 2025" in answer.answer and answer.citations[0].doc_id == SEED_ID


def test_an_llm_answer_giving_another_s_view_as_the_speaker_s_falls_back_to_the_quote(news_settings, retriever, openai_server, caplog):  # fmt: skip
    """The article's "banyak pihak menduga Putin sengaja menunda …" is not Zelensky's view."""

    def misattributing_reply(messages):
        user = messages[-1]["content"]
        n = re.search(r"\[(\d+)\][^\[]*menggagalkan negosiasi", user, re.S).group(1)
        return f"Zelensky said that Putin was sengaja trying to delay the negotiations [{n}]."

    url = openai_server(misattributing_reply)
    bot = assistant_for(news_settings, retriever, llm="openai", openai_base_url=url, openai_model="m")  # fmt: skip
    with caplog.at_level(logging.INFO, logger="assistant.chat"):
        answer = bot.ask(SEED_QUESTIONS["en"])
    assert answer.backend == "openai+extractive-fallback", answer.answer
    assert "not the asked speaker's words" in caplog.text
    assert "menggagalkan negosiasi" in answer.answer and "sengaja" not in answer.answer


PARMALAT = (
    "Parmalat sues 45 banks over collapse\n\n"
    "Parmalat has sued 45 banks in its latest round of lawsuits, the Italian dairy group said on Tuesday. "
    "The banks include several large European lenders. "
    "Earlier this year Parmalat had already taken 80 financial institutions to court.\n"
)  # fmt: skip


def bot_over_one_article(tmp_path, model_cache, e5_embeddings, text, url):
    """An assistant over one ingested article, answering with the fake OpenAI server at `url`."""
    from ingest.index import Indexer

    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "article.txt").write_text(text, encoding="utf-8")
    settings = make_settings(tmp_path / "chroma", model_cache)
    assert Indexer(settings, embeddings=e5_embeddings).ingest_sources([str(tmp_path / "news")]).errors == []  # fmt: skip
    retriever = HybridRetriever(settings, embeddings=e5_embeddings)
    return assistant_for(settings, retriever, llm="openai", openai_base_url=url, openai_model="m")


def test_an_llm_answer_with_a_number_the_evidence_does_not_state_falls_back_to_the_quote(tmp_path, model_cache, e5_embeddings, openai_server, caplog):  # fmt: skip
    """The passage backs "80" near Parmalat, but the sentence that answers says 45 banks."""
    url = openai_server(lambda messages: "Parmalat took 80 banks to court in its latest round of lawsuits [1].")  # fmt: skip
    bot = bot_over_one_article(tmp_path, model_cache, e5_embeddings, PARMALAT, url)
    with caplog.at_level(logging.INFO, logger="assistant.chat"):
        answer = bot.ask("How many banks did Parmalat take to court in its latest round of lawsuits?")  # fmt: skip
    assert answer.backend == "openai+extractive-fallback"
    assert "number is not the best evidence's" in caplog.text
    assert "45 banks" in answer.answer and "80" not in answer.answer


BREWERS = (
    "Brewers report falling profits\n\n"
    "Heineken and Carlsberg, two of the largest brewers, have reported falling profits. "
    "Carlsberg saw its annual profit fall by 3% as beer sales slowed in western Europe. "
    "Carlsberg plans to cut 200 jobs in Sweden. "
    "Heineken said it would invest more in marketing. "
    "It increased its dividend payment by 25% to 40 euro cents.\n"
)  # fmt: skip


def test_an_llm_answer_giving_the_asked_name_another_s_number_falls_back_to_the_quote(tmp_path, model_cache, e5_embeddings, openai_server, caplog):  # fmt: skip
    url = openai_server(lambda messages: "Carlsberg increased its dividend payment by 25% to 40 euro cents [1].")  # fmt: skip
    bot = bot_over_one_article(tmp_path, model_cache, e5_embeddings, BREWERS, url)
    with caplog.at_level(logging.INFO, logger="assistant.chat"):
        answer = bot.ask("By how much did Carlsberg raise its dividend?")
    assert answer.backend == "openai+extractive-fallback", answer.answer
    assert "numbers that are others'" in caplog.text
    assert "Carlsberg increased" not in answer.answer


def test_an_llm_answer_naming_someone_the_evidence_does_not_falls_back_to_the_quote(tmp_path, model_cache, e5_embeddings, openai_server, caplog):  # fmt: skip
    url = openai_server(lambda messages: "Heineken plans to cut 200 jobs in Sweden [1].")
    bot = bot_over_one_article(tmp_path, model_cache, e5_embeddings, BREWERS, url)
    with caplog.at_level(logging.INFO, logger="assistant.chat"):
        answer = bot.ask("Which brewer plans to cut 200 jobs in Sweden?")
    assert answer.backend == "openai+extractive-fallback", answer.answer
    assert "name is not the best evidence's" in caplog.text
    assert (
        "Heineken plans" not in answer.answer and "Carlsberg plans to cut 200 jobs" in answer.answer
    )


def test_openai_follow_up_uses_the_condense_prompt(news_settings, retriever, openai_server):
    seen = []

    def reply(messages):
        seen.append(messages[-1]["content"])
        return faithful_reply(messages)

    bot = assistant_for(news_settings, retriever, llm="openai", openai_base_url=openai_server(reply), openai_model="m")  # fmt: skip
    answer = bot.ask("Dan apa kata dia?", history=[(SEED_QUESTIONS["id"], "…")])
    assert any("Standalone question" in s for s in seen)
    assert answer.answered


# ---- prompts ---------------------------------------------------------------------------------


def rendered(name, **values):
    return "\n\n".join(f"## {role}\n{text}" for role, text in render(name, **values))


@pytest.mark.parametrize("name", ["answer_id", "answer_en"])
def test_answer_prompts_are_pinned(name):
    text = rendered(name, passages="[1] Judul | kumparan | 2017-03-28\nIsi berita.", question="Q?", refusal="R.")  # fmt: skip
    assert text == (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")


def test_extract_prompt_is_pinned():
    text = rendered("extract", excerpt="Isi berita.", question="Q?")
    assert text == (GOLDEN / "extract.txt").read_text(encoding="utf-8")


def test_condense_prompt_is_pinned():
    text = rendered("condense", history="User: A?\nAssistant: B.", question="Dan C?")
    assert text == (GOLDEN / "condense.txt").read_text(encoding="utf-8")


def test_prompt_rendering_fails_loudly():
    with pytest.raises(PromptError, match="missing values \\['refusal'\\]"):
        render("answer_en", passages="x", question="y")
    with pytest.raises(PromptError, match="unknown values \\['extra'\\]"):
        render("condense", history="h", question="q", extra="z")


# ---- CLI ---------------------------------------------------------------------------------------


def test_cli_ask_json(news_settings, capsys, monkeypatch):
    monkeypatch.setenv("KABAR_MODEL_CACHE_DIR", str(news_settings.model_cache_dir))
    code = assistant_main(["ask", SEED_QUESTIONS["id"], "--store", str(news_settings.store_dir), "--llm", "extractive", "--json"])  # fmt: skip
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert set(out) == {"answer", "language", "backend", "citations"}
    assert set(out["citations"][0]) == {"n", "doc_id", "title", "source", "date", "url", "text"}
    assert out["citations"][0]["doc_id"] == SEED_ID
    code = assistant_main(["ask", "Who won the 2030 World Cup final?", "--store", str(news_settings.store_dir), "--llm", "extractive"])  # fmt: skip
    assert code == 3 and capsys.readouterr().out.strip() == REFUSALS["en"]


def test_cli_names_the_fix_for_an_empty_store(tmp_path, capsys, monkeypatch, news_settings):
    monkeypatch.setenv("KABAR_MODEL_CACHE_DIR", str(news_settings.model_cache_dir))
    code = assistant_main(["ask", "Apa kabar?", "--store", str(tmp_path / "empty"), "--llm", "extractive"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and "python -m ingest" in err and "Traceback" not in err
