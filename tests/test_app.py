"""The web chat's handlers, called directly on real stores (the packaged multilingual e5, real
Chroma), plus one smoke test of the launched app through gradio_client."""

from __future__ import annotations

import json
import logging
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import gradio as gr
import pytest

from assistant import web_render
from assistant.__main__ import main as assistant_main
from assistant.web import WebApp, safe_file_name

from .conftest import SEED_DIR, FixedVerifier, free_port, make_settings, seed_store_settings

SEED_QUESTION = "Apa kata Zelensky tentang negosiasi?"
FLOOD_ARTICLE = """Banjir Rendam Kota Sukamaju
Banjir setinggi satu meter merendam ratusan rumah di Kota Sukamaju pada Senin pagi setelah hujan deras mengguyur selama dua hari.
Wali Kota Sukamaju, Ratna Dewi, mengatakan sebanyak 450 warga telah dievakuasi ke gedung olahraga kota.
Badan Penanggulangan Bencana Daerah mengerahkan dua puluh perahu karet untuk membantu evakuasi warga.
"Kami meminta warga di bantaran Sungai Cilemah tetap waspada karena hujan diperkirakan turun hingga Rabu," kata Ratna Dewi.
"""
FLOOD_QUESTION = "Berapa warga Kota Sukamaju yang dievakuasi?"
XSS_ARTICLE = """Festival Layang-layang <img src=x onerror=alert(1)> di Pantai Merakit
Festival layang-layang tahunan di Pantai Merakit <img src=x onerror=alert(1)> diikuti 300 peserta dari 12 negara.
<script>alert(1)</script> Panitia festival mengatakan layang-layang terbesar berukuran dua puluh meter.
Pengunjung festival di Pantai Merakit mencapai lima ribu orang pada hari pertama.
"""
XSS_QUESTION = "Berapa peserta festival layang-layang di Pantai Merakit?"


@pytest.fixture(scope="module")
def seed_settings(tmp_path_factory, model_cache, e5_embeddings):
    """A store holding only the seed article; read-only for tests."""
    return seed_store_settings(tmp_path_factory, model_cache, e5_embeddings, "seed")


@pytest.fixture(scope="module")
def seed_web(seed_settings):
    return WebApp(seed_settings)


@pytest.fixture
def empty_web(tmp_path, model_cache, e5_embeddings):
    return WebApp(make_settings(tmp_path / "chroma", model_cache))


def run_chat(web, question, history=None, turns=None, **filters):
    args = {"date_from": "", "date_to": "", "sources": [], "langs": [], "answer_lang": "auto"}
    args.update(filters)
    return list(web.chat(question, history or [], turns=turns or [], **args))


def upload(web, tmp_path, files: dict[str, str | bytes]) -> list[str]:
    """Write `files` into a folder standing in for gradio's upload cache; run the handler."""
    folder = tmp_path / "gradio-upload"
    folder.mkdir(exist_ok=True)
    paths = []
    for name, content in files.items():
        path = folder / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        paths.append(str(path))
    return list(web.ingest_uploads(paths))


# ---- chat -----------------------------------------------------------------------------------


def test_chat_streams_then_links_each_citation_to_a_highlighted_source(seed_web):
    updates = run_chat(seed_web, SEED_QUESTION)

    assert len(updates) >= 3  # the question with a placeholder, the streamed preview, the answer
    first_messages, first_sources, _ = updates[0]
    assert [m["role"] for m in first_messages] == ["user", "assistant"]
    assert first_messages[1]["content"] == web_render.THINKING
    assert first_sources == web_render.EMPTY_SOURCES
    messages, sources, turns = updates[-1]
    answer = messages[-1]["content"]
    assert '<a class="kabar-cite" href="#src-1-1">[1]</a>' in answer
    assert "menggagalkan negosiasi" in answer
    assert 'id="src-1-1"' in sources
    marked = sources.split("<mark>", 1)[1].split("</mark>", 1)[0]
    assert "menggagalkan negosiasi" in marked
    assert "seed" in sources  # the outlet
    assert (
        turns == [{"turn": 1, "question": SEED_QUESTION, "citations": turns[0]["citations"]}]
        and turns[0]["citations"][0]["n"] == 1
    )


def test_follow_up_uses_the_chat_history_and_keeps_earlier_sources(seed_web):
    messages, _, turns = run_chat(seed_web, SEED_QUESTION)[-1]
    # What the browser sends back: gradio's normalized messages.
    history = [{"role": m["role"], "content": [{"type": "text", "text": m["content"]}]} for m in messages]  # fmt: skip

    messages, sources, turns = run_chat(seed_web, "Dan apa kata Putin?", history, turns)[-1]

    assert len(messages) == 4
    answer = messages[-1]["content"]
    assert "Putin" in answer and 'href="#src-2-1"' in answer
    assert 'id="src-2-1"' in sources
    assert 'id="src-1-1"' in sources.split("<details>", 1)[1]  # the first answer's, folded


def test_history_pairs_reads_gradio_messages_back_as_plain_text():
    messages = [
        {"role": "user", "content": [{"type": "text", "text": "<p>Apa &amp; siapa?</p>"}]},
        {
            "role": "assistant",
            "content": '<p>Dia berkata. <a class="kabar-cite" href="#src-1-1">[1]</a></p>',
        },  # fmt: skip
        {"role": "user", "content": "<p>Lalu?</p>"},
    ]
    assert web_render.history_pairs(messages) == [("Apa & siapa?", "Dia berkata. [1]")]


def test_new_chat_clears_messages_sources_and_citations(seed_web):
    assert seed_web.new_chat() == ([], web_render.EMPTY_SOURCES, [])


def test_empty_store_answers_with_what_to_do_not_an_error(empty_web):
    messages, sources, turns = run_chat(empty_web, SEED_QUESTION)[-1]

    reply = messages[-1]["content"]
    assert "python -m ingest PATH" in reply
    assert "Belum ada berita" in reply and "No news is indexed yet" in reply
    assert "RSS" in reply and "Ingest" in reply
    assert sources == web_render.EMPTY_SOURCES and turns == []


def test_chat_filters_apply_to_retrieval(seed_web):
    # The seed article has no date, so a date range leaves nothing to answer from.
    messages, _, turns = run_chat(seed_web, SEED_QUESTION, date_from="2025-01-01")[-1]
    assert "[1]" not in messages[-1]["content"] and turns == []
    messages, _, _ = run_chat(seed_web, SEED_QUESTION, sources=["seed"], langs=["id"])[-1]
    assert "#src-1-1" in messages[-1]["content"]


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"date_from": "14/03/2025"}, "YYYY-MM-DD"),
        ({"date_from": "2025-03-15", "date_to": "2025-03-14"}, "put the earlier date in 'from'"),
        ({"answer_lang": "fr"}, "use auto, id or en"),
    ],
)
def test_bad_filters_become_a_gr_error_that_names_the_fix(seed_web, filters, message):
    with pytest.raises(gr.Error, match=message):
        run_chat(seed_web, SEED_QUESTION, **filters)


def test_unexpected_failures_show_one_generic_line(seed_web, monkeypatch, caplog):
    assistant, _ = seed_web.components()

    def broken(*args, **kwargs):
        raise RuntimeError("internal detail")

    monkeypatch.setattr(assistant, "stream", broken)
    with pytest.raises(gr.Error) as caught:
        run_chat(seed_web, SEED_QUESTION)
    assert "internal detail" not in str(caught.value) and "server log" in str(caught.value)
    assert "internal detail" in caplog.text  # logged, with its traceback, for the operator


# ---- the ask API ----------------------------------------------------------------------------


def test_ask_api_returns_the_json_of_the_cli(seed_web, seed_settings, monkeypatch, capsys):
    result = seed_web.ask_api(SEED_QUESTION)

    monkeypatch.setenv("KABAR_MODEL_CACHE_DIR", str(seed_settings.model_cache_dir))
    code = assistant_main(["ask", SEED_QUESTION, "--store", str(seed_settings.store_dir), "--llm", "extractive", "--json"])  # fmt: skip
    assert code == 0
    assert result == json.loads(capsys.readouterr().out)
    assert set(result) == {"answer", "language", "backend", "citations"}
    assert "[1]" in result["answer"] and result["citations"][0]["doc_id"].startswith("file-")


def test_ask_api_applies_filters_and_language(seed_web):
    assert seed_web.ask_api(SEED_QUESTION, sources="seed", langs="id")["citations"]
    assert seed_web.ask_api(SEED_QUESTION, sources="nobody")["citations"] == []
    assert seed_web.ask_api(SEED_QUESTION, language="en")["language"] == "en"
    with pytest.raises(gr.Error, match="use auto, id or en"):
        seed_web.ask_api(SEED_QUESTION, language="de")


# ---- ingest ---------------------------------------------------------------------------------


def test_upload_reports_per_file_errors_and_the_new_article_can_be_asked_at_once(empty_web, tmp_path):  # fmt: skip
    records = [
        {
            "id": "river-1",
            "title": "Sungai Cilemah meluap",
            "source": "Warta Lokal",
            "date": "2025-03-10",
            "text": "Sungai Cilemah meluap setelah hujan deras dan merendam jalan utama.",
        },  # fmt: skip
    ]
    jsonl = json.dumps(records[0]) + "\n{not json\n"
    updates = upload(empty_web, tmp_path, {"banjir.txt": FLOOD_ARTICLE, "news.jsonl": jsonl, "virus.exe": b"MZ\x90\x00"})  # fmt: skip

    assert len(updates) >= 2 and "⏳" in updates[0]
    summary = updates[-1]
    assert "2 articles read: 2 added" in summary
    assert "<code>virus.exe</code>" in summary and "unsupported file type" in summary
    assert "<code>news.jsonl</code>" in summary and "line 2" in summary
    assert not list((empty_web.settings.store_dir / "uploads").iterdir())  # staged copies removed

    messages, sources, _ = run_chat(empty_web, FLOOD_QUESTION)[-1]
    assert "450 warga" in messages[-1]["content"] and "#src-1-1" in messages[-1]["content"]
    assert "Banjir Rendam Kota Sukamaju" in sources and "upload" in sources
    panel = empty_web.corpus_panel()
    assert "Warta Lokal (1)" in panel and "2025-03-10" in panel


def test_the_highlight_is_the_sentence_the_answer_quotes(empty_web, tmp_path):
    upload(empty_web, tmp_path, {"banjir.txt": FLOOD_ARTICLE})
    _, sources, _ = run_chat(empty_web, FLOOD_QUESTION)[-1]
    assert "450 warga" in sources.split("<mark>", 1)[1].split("</mark>", 1)[0]


def test_upload_refuses_oversized_files_and_nothing_chosen(empty_web, tmp_path):
    big = tmp_path / "big.jsonl"
    with big.open("wb") as f:
        f.truncate(20 * 1024 * 1024 + 1)
    summary = list(empty_web.ingest_uploads([str(big)]))[-1]
    assert "<code>big.jsonl</code>" in summary and "20 MB limit" in summary
    with pytest.raises(gr.Error, match="No file chosen"):
        list(empty_web.ingest_uploads([]))


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("a b<c>.JSONL", "a_b_c.jsonl"),
        ("..txt", "upload.txt"),
        ("berita.md", "berita.md"),
    ],  # fmt: skip
)
def test_upload_names_are_sanitized(name, safe):
    assert safe_file_name(name) == safe


def test_url_ingest_refuses_non_http_and_private_urls(tmp_path, model_cache, e5_embeddings):
    web = WebApp(make_settings(tmp_path / "chroma", model_cache))  # private URLs: off by default
    summary = list(web.ingest_urls("file:///etc/passwd\nftp://x  http://127.0.0.1/news"))[-1]

    assert "0 articles read" in summary
    assert "<code>file:///etc/passwd</code>" in summary and "<code>ftp://x</code>" in summary
    assert summary.count("only http(s) URLs can be ingested here") == 2
    assert "private or local address" in summary
    with pytest.raises(gr.Error, match="No URL given"):
        list(web.ingest_urls("  "))


def test_url_ingest_fetches_an_article_page(tmp_path, model_cache, e5_embeddings):
    # The test site is on 127.0.0.1, which needs the setting that allows private addresses.
    empty_web = WebApp(make_settings(tmp_path / "chroma", model_cache, allow_private_urls=True))
    site = tmp_path / "site"
    site.mkdir()
    paragraphs = "".join(f"<p>{line}</p>" for line in FLOOD_ARTICLE.splitlines()[1:])
    (site / "banjir.html").write_text(
        f"<html><head><title>Banjir Rendam Kota Sukamaju</title></head><body><article><h1>Banjir Rendam Kota Sukamaju</h1>{paragraphs}</article></body></html>"  # fmt: skip
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(SimpleHTTPRequestHandler, directory=str(site)))  # fmt: skip
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/banjir.html"
        summary = list(empty_web.ingest_urls(url))[-1]
    finally:
        server.shutdown()
    assert "1 articles read: 1 added" in summary
    messages, sources, _ = run_chat(empty_web, FLOOD_QUESTION)[-1]
    assert "450 warga" in messages[-1]["content"]
    assert f'href="{url}"' in sources


def test_default_corpus_is_ingested_in_the_background_seed_first(tmp_path, model_cache, e5_embeddings):  # fmt: skip
    extra = tmp_path / "extra.jsonl"
    extra.write_text("".join(json.dumps({"id": f"e{i}", "title": f"Berita {i}", "source": "Warta", "text": f"Warga desa {i} menanam padi bersama pada musim hujan tahun ini."}) + "\n" for i in range(5)))  # fmt: skip
    web = WebApp(make_settings(tmp_path / "chroma", model_cache, corpus=f"{SEED_DIR},{extra}"))

    web.start_default_corpus().join(120)

    assert not web.indexing_default_corpus() and web.corpus_status == ""
    assert web.store.count_articles() == 6
    assert "#src-1-1" in run_chat(web, SEED_QUESTION)[-1][0][-1]["content"]
    web.start_default_corpus().join(120)  # a store with articles is left alone
    assert web.store.count_articles() == 6


def test_warm_up_loads_the_verifier_before_the_first_question(seed_settings, monkeypatch, caplog):
    from assistant.errors import BackendUnavailable

    loads = []
    monkeypatch.setattr("assistant.chat.get_verifier", lambda settings: loads.append(1) or FixedVerifier(5.0))  # fmt: skip
    web = WebApp(seed_settings)
    web.start_warm_up().join(120)
    assert loads == [1]
    assert "#src-1-1" in run_chat(web, SEED_QUESTION)[-1][0][-1]["content"]
    assert loads == [1], "the first question found the verifier loaded"

    def missing(settings):
        raise BackendUnavailable("KABAR_VERIFY=local needs the local model - run: make install-llm")

    monkeypatch.setattr("assistant.chat.get_verifier", missing)
    broken = WebApp(seed_settings.model_copy(update={"verify": "local"}))
    with caplog.at_level(logging.WARNING, logger="assistant.web"):
        broken.start_warm_up().join(120)
    assert "make install-llm" in caplog.text  # logged; the first question shows it to the user
    with pytest.raises(gr.Error, match="make install-llm"):
        run_chat(broken, SEED_QUESTION)


# ---- corpus panel and escaping --------------------------------------------------------------


def test_corpus_panel_shows_counts_sources_and_models(seed_web):
    panel = seed_web.corpus_panel()
    chunks = seed_web.store.count_chunks()
    assert "<td><strong>Artikel / Articles</strong></td><td>1</td>" in panel
    assert f"<td><strong>Potongan teks / Chunks</strong></td><td>{chunks}</td>" in panel
    assert "seed (1)" in panel and "id (1)" in panel
    assert "extractive" in panel and "multilingual-e5-small" in panel
    assert seed_web.source_choices() == [("seed (1)", "seed")]


def test_empty_corpus_panel_says_how_to_add_news(empty_web):
    panel = empty_web.corpus_panel()
    assert "python -m ingest PATH" in panel and "<td>0</td>" in panel


def test_article_markup_is_shown_as_text_never_rendered(empty_web, tmp_path):
    record = {"id": "x1", "title": "<img src=x onerror=alert(1)>", "source": "<b>evil</b>", "url": "javascript:alert(1)", "text": XSS_ARTICLE}  # fmt: skip
    upload(empty_web, tmp_path, {"xss.txt": XSS_ARTICLE, "xss.jsonl": json.dumps(record) + "\n"})

    messages, sources, _ = run_chat(empty_web, XSS_QUESTION)[-1]
    answer = messages[-1]["content"]
    panel = empty_web.corpus_panel()
    assert "300 peserta" in answer and "&lt;img src=x onerror=alert(1)&gt;" in answer
    for shown in (answer, sources, panel):
        assert "<img" not in shown and "<script" not in shown and "<b>evil" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in sources
    assert "javascript:" not in sources


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://kompas.com/a", True),
        ("http://x.id/b", True),
        ("javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("//evil.com/x", False),
        (None, False),
    ],  # fmt: skip
)
def test_only_http_urls_become_links(url, link):
    card = web_render.source_card_html({"n": 1, "title": "t", "source": "s", "url": url, "text": "x"}, 1)  # fmt: skip
    assert ("<a href=" in card) is link


# ---- the launched app -----------------------------------------------------------------------


def test_ask_endpoint_through_gradio_client(seed_settings):
    from gradio_client import Client

    from app import build_app

    demo = build_app(seed_settings)
    port = free_port()
    demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True)
    try:
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        assert list(client.view_api(print_info=False, return_format="dict")["named_endpoints"]) == ["/ask"]  # fmt: skip
        result = client.predict(SEED_QUESTION, api_name="/ask")
        assert "[1]" in result["answer"] and result["citations"][0]["doc_id"].startswith("file-")
        filtered = client.predict(SEED_QUESTION, "", "", "seed", "id", "en", api_name="/ask")
        assert filtered["language"] == "en" and filtered["citations"]
    finally:
        demo.close()


def test_login_guards_the_api_and_uploads_too(seed_settings):
    import requests
    from gradio_client import Client

    from app import build_app

    demo = build_app(seed_settings)
    port = free_port()
    demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True, auth=("reader", "s3cret"))  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        call = requests.post(f"{base}/gradio_api/call/ask", json={"data": [SEED_QUESTION]}, timeout=30)  # fmt: skip
        assert call.status_code in (401, 403), call.text[:200]
        upload = requests.post(f"{base}/gradio_api/upload", files={"files": ("a.txt", b"x")}, timeout=30)  # fmt: skip
        assert upload.status_code in (401, 403), upload.text[:200]
        assert requests.get(f"{base}/gradio_api/info", timeout=30).status_code in (401, 403)
        with pytest.raises(Exception):  # noqa: B017 - gradio_client raises its own types
            Client(f"{base}/", verbose=False).predict(SEED_QUESTION, api_name="/ask")
        with pytest.raises(Exception):  # noqa: B017
            Client(f"{base}/", auth=("reader", "wrong"), verbose=False)
        client = Client(f"{base}/", auth=("reader", "s3cret"), verbose=False)
        assert "[1]" in client.predict(SEED_QUESTION, api_name="/ask")["answer"]
    finally:
        demo.close()


def test_app_refuses_a_login_with_no_password(monkeypatch, capsys):
    from app import main

    monkeypatch.setenv("KABAR_AUTH_USER", "admin")
    assert main(["--no-default-corpus"]) == 2
    assert "KABAR_AUTH_PASSWORD" in capsys.readouterr().err


def test_app_binds_localhost_unless_told_otherwise(monkeypatch, tmp_path):
    import gradio as gr

    from app import main

    launched, warmed = [], []
    monkeypatch.setattr(gr.Blocks, "launch", lambda self, **kwargs: launched.append(kwargs))
    monkeypatch.setattr(WebApp, "start_warm_up", lambda self: warmed.append(self))
    monkeypatch.setenv("KABAR_STORE_DIR", str(tmp_path / "chroma"))
    assert main(["--no-default-corpus"]) == 0
    assert launched[-1]["server_name"] == "127.0.0.1" and launched[-1]["auth"] is None
    assert len(warmed) == 1, "the app loads its models before the first question"
    monkeypatch.setenv("KABAR_AUTH_USER", "reader")
    monkeypatch.setenv("KABAR_AUTH_PASSWORD", "s3cret")
    assert main(["--no-default-corpus", "--host", "0.0.0.0"]) == 0
    assert launched[-1]["server_name"] == "0.0.0.0" and launched[-1]["auth"] == ("reader", "s3cret")
