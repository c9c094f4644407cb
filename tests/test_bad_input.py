"""Bad input, generated: every loader (text, Markdown, JSONL, JSON, HTML, feed files, URLs) fed
arbitrary bytes, broken JSON, wrong field types, mixed encodings, huge, empty and deeply nested
documents; the whole ingest on generated records; and odd questions. Never a traceback: each
record is ingested or reported with its reason, each question gets a clear reply."""

from __future__ import annotations

import json
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assistant.__main__ import main as assistant_main
from assistant.chat import NewsAssistant
from assistant.models import Article
from assistant.retrieve import HybridRetriever
from ingest.check import check_store
from ingest.index import Indexer
from ingest.load import KNOWN_SUFFIXES, MAX_ARTICLE_CHARS, LoadError, load_sources

from .conftest import make_settings, seed_store_settings

PROPERTY = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
RECORD_KEYS = st.sampled_from(["id", "text", "title", "date", "source", "url", "lang", "author", "extra"])  # fmt: skip
JSON_ANY = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=60),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),  # fmt: skip
    max_leaves=8,
)
GOOD_TEXT = st.text(st.characters(categories=("L", "N", "P", "Zs")), min_size=1, max_size=300)
RECORDS = st.dictionaries(RECORD_KEYS, JSON_ANY | GOOD_TEXT, max_size=8)


@pytest.fixture(scope="module")
def open_settings(tmp_path_factory):
    """The test HTTP server is on 127.0.0.1, so private URLs are allowed here."""
    return make_settings(tmp_path_factory.mktemp("bad") / "chroma", Path("unused"), allow_private_urls=True, fetch_timeout=5.0)  # fmt: skip


def load(paths, settings_) -> list:
    return list(load_sources([str(p) for p in paths], settings_))


def assert_each_record_accounted(items: list, expected: int | None = None) -> None:
    """Every item is a usable article or an error that says what is wrong."""
    for item in items:
        if isinstance(item, Article):
            assert item.text.strip() and item.lang in ("id", "en") and item.id
            assert len(item.text) <= MAX_ARTICLE_CHARS
        else:
            assert isinstance(item, LoadError) and item.message and item.source
    if expected is not None:
        assert len(items) == expected


# ---- every loader, arbitrary bytes --------------------------------------------------------


@PROPERTY
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(sorted(KNOWN_SUFFIXES)))
def test_any_bytes_in_any_supported_file(tmp_path, open_settings, data, suffix):
    path = tmp_path / f"any{suffix}"
    path.write_bytes(data)
    assert_each_record_accounted(load([path], open_settings))


@PROPERTY
@given(
    text=st.text(
        st.characters(codec="cp1252", categories=("L", "N", "P", "Zs")), min_size=20, max_size=400
    ),  # fmt: skip
    encoding=st.sampled_from(["utf-8", "cp1252", "latin-1"]),
    suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl", ".json"]),
)
def test_mixed_encodings_decode_without_replacement_characters(tmp_path, open_settings, text, encoding, suffix):  # fmt: skip
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return  # a few cp1252 letters have no latin-1 byte
    if suffix in (".jsonl", ".json"):
        body = json.dumps({"id": "x", "text": text}, ensure_ascii=False)
    elif suffix == ".html":
        body = f"<html><body><article><p>{text}</p></article></body></html>"
    else:
        body = text
    path = tmp_path / f"doc{suffix}"
    path.write_bytes(body.encode(encoding))
    items = load([path], open_settings)
    assert_each_record_accounted(items, expected=1)
    for item in items:
        if isinstance(item, Article):
            assert "\ufffd" not in item.text + item.title
        elif suffix == ".jsonl" and encoding != "utf-8":
            assert "UTF-8" in item.message  # JSONL must be UTF-8, and the error says so


@pytest.mark.parametrize("declared", ["windows-1252", "ISO-8859-1", "utf-8", "base64", "hex", "idna", "rot13", "no-such-codec"])  # fmt: skip
def test_html_declared_charset_is_used(tmp_path, open_settings, declared):
    text = "Menteri “Façade” berkata harga naik – São Paulo menolak. " * 3
    html = f'<html><head><meta charset="{declared}"><title>Harga</title></head><body><article><p>{text}</p></article></body></html>'  # fmt: skip
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("cp1252"))  # a page that is cp1252 whatever it declares
    [article] = load([path], open_settings)
    assert isinstance(article, Article)
    if declared == "windows-1252":
        assert "“Façade”" in article.text and "São Paulo" in article.text
    assert "\ufffd" not in article.text or declared == "ISO-8859-1"  # latin-1 has no “ ”


@PROPERTY
@given(records=st.lists(RECORDS | JSON_ANY, max_size=8))
def test_jsonl_and_json_with_wrong_field_types(tmp_path, open_settings, records):
    lines = [json.dumps(r) for r in records]
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text("\n".join(lines))
    assert_each_record_accounted(load([jsonl], open_settings), expected=len(lines))
    document = tmp_path / "records.json"
    document.write_text(json.dumps(records))
    items = load([document], open_settings)
    assert_each_record_accounted(items, expected=len(records) if records else 1)


@PROPERTY
@given(lines=st.lists(st.text(max_size=120) | RECORDS.map(json.dumps), min_size=1, max_size=8))
@example(lines=["\xa0", "{"])  # a line of a no-break space is blank, as str.strip() says
@example(lines=["\ufeff", "{"])  # a byte-order mark opening the file is no text
def test_broken_json_lines_are_reported_one_by_one(tmp_path, open_settings, lines):
    lines = [line.replace("\n", " ").replace("\r", " ") for line in lines]
    path = tmp_path / "broken.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    items = load([path], open_settings)
    lines_read = [lines[0].removeprefix("\ufeff"), *lines[1:]]  # the file is read as utf-8-sig
    nonblank = [line for line in lines_read if line.strip()]
    if items and isinstance(items[0], LoadError) and items[0].line is None:
        return  # the whole file was refused (e.g. it looks binary): one error for all
    assert_each_record_accounted(items, expected=len(nonblank))


@pytest.mark.parametrize("depth", [50, 1000, 20000])
def test_deeply_nested_html(tmp_path, open_settings, depth):
    body = "<div><span>" * depth + "Banjir merendam 300 rumah di Bekasi pada Selasa." + "</span></div>" * depth  # fmt: skip
    for suffix in (".html", ".txt"):
        path = tmp_path / f"nested{suffix}"
        path.write_text(f"<html><body>{body}</body></html>")
        assert_each_record_accounted(load([path], open_settings), expected=1)


@PROPERTY
@given(
    tags=st.lists(
        st.sampled_from(
            ["div", "p", "table", "tr", "td", "ul", "li", "b", "script", "style", "a", "article"]
        ),
        max_size=60,
    ),  # fmt: skip
    text=st.text(max_size=100),
    close=st.booleans(),
)
def test_tag_soup(tmp_path, open_settings, tags, text, close):
    html = "".join(f"<{t}>" for t in tags) + text + ("".join(f"</{t}>" for t in reversed(tags)) if close else "")  # fmt: skip
    path = tmp_path / "soup.html"
    path.write_text(html, encoding="utf-8", errors="surrogatepass")
    assert_each_record_accounted(load([path], open_settings), expected=1)


def test_huge_and_empty_articles(tmp_path, open_settings):
    huge = "Harga beras naik lagi di pasar. " * 20000  # 640,000 characters
    records = [{"id": "huge", "text": huge}, {"id": "empty", "text": ""}, {"id": "blank", "text": " \n\t "}, {"id": "ok", "text": "Harga beras naik di Pasar Minggu."}]  # fmt: skip
    path = tmp_path / "sizes.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records))
    items = load([path], open_settings)
    assert_each_record_accounted(items, expected=4)
    huge_error, empty_error, blank_error, ok = items
    assert "over the 200,000 limit" in huge_error.message and "split it" in huge_error.message
    assert "no 'text' field" in empty_error.message and "no 'text' field" in blank_error.message
    assert isinstance(ok, Article)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "huge.txt").write_text(huge)
    for name in ("empty.txt", "huge.txt"):
        [error] = load([tmp_path / name], open_settings)
        assert isinstance(error, LoadError)


# ---- URLs: whatever a server sends ----------------------------------------------------------


class AnyBytesHandler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        body, content_type = self.server.reply  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def any_bytes_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), AnyBytesHandler)
    server.reply = (b"", "text/html")  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


@settings(max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(
    body=st.binary(max_size=2000)
    | st.text(max_size=500).map(
        lambda t: (
            f"<rss><channel><item><title>{t}</title><link>/x</link></item></channel></rss>".encode(
                errors="surrogatepass"
            )
        )
    ),  # fmt: skip
    content_type=st.sampled_from(
        [
            "text/html",
            "application/rss+xml",
            "text/plain",
            "application/octet-stream",
            "text/html; charset=latin-1",
        ]
    ),  # fmt: skip
)
def test_any_response_from_a_url(any_bytes_server, open_settings, body, content_type):
    any_bytes_server.reply = (body, content_type)
    url = f"http://127.0.0.1:{any_bytes_server.server_port}/page"
    assert_each_record_accounted(list(load_sources([url], open_settings)))


# ---- the whole ingest, on generated records -----------------------------------------------


@settings(max_examples=12, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
@given(records=st.lists(RECORDS | st.builds(lambda t: {"text": t}, GOOD_TEXT), min_size=1, max_size=6))  # fmt: skip
def test_ingest_takes_or_reports_every_record(model_cache, minilm_embeddings, records):
    with tempfile.TemporaryDirectory() as folder:
        settings_ = make_settings(Path(folder) / "chroma", model_cache, embedding_model="all-MiniLM-L6-v2")  # fmt: skip
        path = Path(folder) / "records.jsonl"
        path.write_text("\n".join(json.dumps(r) for r in records))
        indexer = Indexer(settings_, embeddings=minilm_embeddings)
        report = indexer.ingest_sources([str(path)])
        unique = report.articles_added + report.articles_unchanged + report.articles_updated
        assert report.articles_read + len(report.errors) == len(records)
        assert unique == report.articles_read
        assert all(e.message and e.line for e in report.errors)
        assert check_store(indexer.store, settings_).ok


# ---- odd questions ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_bot(tmp_path_factory, model_cache, e5_embeddings):
    settings_ = seed_store_settings(tmp_path_factory, model_cache, e5_embeddings, "odd")
    return NewsAssistant(settings_, HybridRetriever(settings_, embeddings=e5_embeddings))


ODD_QUESTIONS = [
    "",
    "   \n\t ",
    "😀🔥🇮🇩",
    "??? !!! ...",
    "Apa kata Zelensky " + "tentang negosiasi " * 600,  # 10,000+ characters
    "x" * 10_000,
    "What did Zelensky bilang tentang negosiasi dengan Putin?",
    "\x00\x01 Zelensky \x7f",
    "زيلينسكي مفاوضات",
    "<script>alert(1)</script> Zelensky?",
]


@pytest.mark.parametrize("question", ODD_QUESTIONS, ids=range(len(ODD_QUESTIONS)))
def test_odd_questions_get_a_clear_reply(seed_bot, question):
    answer = seed_bot.ask(question)
    assert answer.answer.strip() and answer.language in ("id", "en")
    if not any(ch.isalnum() for ch in question):
        assert not answer.answered
        assert answer.answer in ("Please type a question about the news.", "Silakan tulis pertanyaan tentang berita.")  # fmt: skip
    numbers = {c.n for c in answer.citations}
    assert numbers == set(range(1, len(numbers) + 1))


@settings(max_examples=25, deadline=None, database=None)
@given(question=st.text(max_size=300))
def test_any_text_as_a_question(seed_bot, question):
    answer = seed_bot.ask(question)
    assert answer.answer.strip() and answer.language in ("id", "en")


@pytest.mark.parametrize("question", ["", "😀", "x" * 10_000])
def test_cli_odd_questions(seed_bot, capsys, monkeypatch, question):
    settings_ = seed_bot.settings
    monkeypatch.setenv("KABAR_MODEL_CACHE_DIR", str(settings_.model_cache_dir))
    code = assistant_main(["ask", question, "--store", str(settings_.store_dir), "--llm", "extractive", "--json"])  # fmt: skip
    out = capsys.readouterr()
    assert code in (0, 3) and "Traceback" not in out.err
    assert json.loads(out.out)["answer"]
