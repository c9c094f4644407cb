"""Tests for ingest.load and ingest.fetch: every input kind, bad input as LoadErrors, a real server.

Web tests talk to a real `ThreadingHTTPServer` on 127.0.0.1; nothing leaves the machine.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ingest.fetch
from assistant.config import Settings
from assistant.models import Article
from ingest.load import LoadError, check_url_allowed, load_sources

DATA_DIR = Path(__file__).parents[1].parent / "shared" / "data"
SEED = DATA_DIR / "seed" / "000_72ad8f4d44b99d4f.txt"
# database=None: no example database in the repo; tmp_path is shared across examples on purpose.
PROPERTY_SETTINGS = settings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@pytest.fixture
def kabar_settings(tmp_path: Path) -> Settings:
    """The test news server is on 127.0.0.1, so private URLs are allowed here."""
    return Settings(_env_file=None, store_dir=tmp_path / "chroma", fetch_timeout=5.0, allow_private_urls=True)  # fmt: skip


def load(sources, kabar_settings, **kwargs) -> list[Article | LoadError]:
    return list(load_sources([str(s) for s in sources], kabar_settings, **kwargs))


def only_articles(items) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def only_errors(items) -> list[LoadError]:
    return [item for item in items if isinstance(item, LoadError)]


# --- plain text -----------------------------------------------------------------------------


def test_seed_article(kabar_settings):
    if not SEED.exists():
        pytest.skip("shared data not available")
    [article] = load([SEED], kabar_settings)
    assert isinstance(article, Article)
    assert article.lang == "id"
    assert article.title == (
        "Seruan ini disampaikan di tengah upaya mediasi gencatan senjata yang difasilitasi "
        "oleh Amerika Serikat."
    )
    assert "BERITA TERKAIT" not in article.text
    assert "Zelensky" in article.text
    assert article.source == "seed"
    assert article.date is None
    assert article.id.startswith("file-")


def test_text_file_id_follows_the_path_not_the_content(tmp_path, kabar_settings):
    path = tmp_path / "berita.txt"
    path.write_text("Judul\n\nPresiden mengatakan bahwa harga akan turun.", encoding="utf-8")
    [before] = load([path], kabar_settings)
    path.write_text("Judul baru\n\nPresiden mengatakan bahwa harga tidak turun.", encoding="utf-8")
    [after] = load([path], kabar_settings, default_source="Kompas")
    assert before.id == after.id
    assert after.title == "Judul baru"
    assert (before.source, after.source) == (tmp_path.name, "Kompas")


def test_long_first_line_is_not_a_title(tmp_path, kabar_settings):
    path = tmp_path / "panjang.md"
    path.write_text("kata " * 60 + "\n\nIsi.", encoding="utf-8")
    [article] = load([path], kabar_settings)
    assert article.title == "panjang"


def test_cp1252_file_is_decoded(tmp_path, kabar_settings):
    path = tmp_path / "legacy.txt"
    path.write_bytes("Café “naïve” – the minister said it was over.".encode("cp1252"))
    [article] = load([path], kabar_settings)
    assert article.text == "Café “naïve” – the minister said it was over."
    assert article.lang == "en"


def test_binary_file_is_a_load_error(tmp_path, kabar_settings):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20
    for name in ("image.txt", "image.jsonl", "image.html", "image.json"):
        (tmp_path / name).write_bytes(png)
        [error] = load([tmp_path / name], kabar_settings)
        assert isinstance(error, LoadError)
        assert error.message.startswith("binary or undecodable file")


def test_empty_and_boilerplate_only_files_are_load_errors(tmp_path, kabar_settings):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "ads.txt").write_text("ADVERTISEMENT\n\nBaca juga: X", encoding="utf-8")
    errors = load([tmp_path / "empty.txt", tmp_path / "ads.txt"], kabar_settings)
    assert [type(e) for e in errors] == [LoadError, LoadError]
    assert all("no article text left" in e.message for e in errors)


# --- paths and sources ----------------------------------------------------------------------


def test_missing_path_and_unsupported_schemes(tmp_path, kabar_settings):
    items = load(
        [tmp_path / "nope.txt", "ftp://example.com/x", "file:///etc/passwd", "  "], kabar_settings
    )
    assert all(isinstance(item, LoadError) for item in items)
    assert items[0].message == "no such file or directory - check the path"
    assert "'ftp://'" in items[1].message
    assert "'file://'" in items[2].message
    assert items[3].message.startswith("empty source")


def test_unknown_lang_option_is_a_load_error(tmp_path, kabar_settings):
    [error] = load([SEED], kabar_settings, lang="fr")
    assert isinstance(error, LoadError)
    assert "use auto, id or en" in error.message


def test_lang_option_overrides_detection_but_not_the_record(tmp_path, kabar_settings):
    path = tmp_path / "a.jsonl"
    records = [{"text": "The minister said it was over."}, {"text": "The end.", "lang": "en"}]
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    assert [a.lang for a in load([path], kabar_settings, lang="id")] == ["id", "en"]


def test_directory_walk(tmp_path, kabar_settings):
    corpus = tmp_path / "corpus"
    (corpus / "b").mkdir(parents=True)
    (corpus / "a").mkdir()
    (corpus / ".hidden").mkdir()
    (corpus / "b" / "two.md").write_text("Dua\n\nBerita kedua yang ada di sini.", encoding="utf-8")
    (corpus / "a" / "one.txt").write_text("Satu\n\nBerita pertama dari sini.", encoding="utf-8")
    (corpus / "a" / "three.jsonl").write_text(
        json.dumps({"id": "r1", "text": "Berita ketiga dan keempat."}), encoding="utf-8"
    )
    (corpus / ".hidden" / "secret.txt").write_text("Rahasia.", encoding="utf-8")
    (corpus / ".draft.txt").write_text("Draf.", encoding="utf-8")
    (corpus / "notes.csv").write_text("a,b\n1,2", encoding="utf-8")
    items = load([corpus], kabar_settings)
    assert [item.title for item in items] == ["Satu", "", "Dua"]
    assert items[1].id == "r1"
    (tmp_path / "empty").mkdir()
    [error] = load([tmp_path / "empty"], kabar_settings)
    assert isinstance(error, LoadError)
    assert error.message.startswith("no .txt, .md")


# --- JSONL and JSON -------------------------------------------------------------------------


def test_jsonl_good_bad_and_blank_lines(tmp_path, kabar_settings):
    path = tmp_path / "news.jsonl"
    lines = [
        json.dumps(
            {
                "id": 17,
                "title": "Harga beras",
                "date": "2017-03-28T04:15:36Z",
                "source": "kumparan",
                "url": "https://kumparan.com/x",
                "lang": "id",
                "author": "Ani",
                "category": "ekonomi",
                "text": "Harga beras naik.\n\nBaca juga: Harga cabai\n\nPedagang mengeluh.",
            }
        ),
        '{"id": "a2", "text": "x" "y"}',
        json.dumps({"title": "Tanpa teks"}),
        "",
        json.dumps({"text": ["a", "b"]}),
        json.dumps({"text": "Presiden berkata bahwa ini penting.", "title": 5}),
        "[1, 2]",
        json.dumps({"text": "The minister said that it was over.", "title": "Over"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = load([path], kabar_settings)
    assert [(type(i).__name__, getattr(i, "line", None)) for i in items] == [
        ("Article", None),
        ("LoadError", 2),
        ("LoadError", 3),
        ("LoadError", 5),
        ("LoadError", 6),
        ("LoadError", 7),
        ("Article", None),
    ]
    first, last = items[0], items[-1]
    assert first.id == "17"
    assert first.text == "Harga beras naik.\n\nPedagang mengeluh."
    assert (first.title, first.source, first.lang, first.author) == (
        "Harga beras",
        "kumparan",
        "id",
        "Ani",
    )
    assert first.date == "2017-03-28T04:15:36+00:00"
    assert first.extra == {"category": "ekonomi"}
    assert items[1].message == (
        "line 2: not valid JSON (Expecting ',' delimiter) - fix or remove that line"
    )
    assert items[2].message == ("line 3: no 'text' field - each record needs a non-empty \"text\"")
    assert "field 'text' must be a string, not a list" in items[3].message
    assert "field 'title' must be a string, not a number" in items[4].message
    assert "not a JSON object" in items[5].message
    assert last.id.startswith("rec-") and last.lang == "en" and last.source == "news"
    assert load([path], kabar_settings)[-1].id == last.id


def test_jsonl_utf8_bom_and_bad_bytes(tmp_path, kabar_settings):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "Halo dunia yang indah."}\n{"text": "\xff"}\n')
    items = load([path], kabar_settings)
    assert isinstance(items[0], Article)
    assert items[1].line == 2 and "not UTF-8" in items[1].message


def test_json_list_object_and_articles_wrapper(tmp_path, kabar_settings):
    listed = tmp_path / "list.json"
    listed.write_text(
        json.dumps([{"text": "Berita satu dari kota."}, {"title": "kosong"}, 3]), encoding="utf-8"
    )
    items = load([listed], kabar_settings)
    assert isinstance(items[0], Article)
    assert [(e.line, e.message.split(":")[0]) for e in items[1:]] == [
        (2, "record 2"),
        (3, "record 3"),
    ]
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"articles": [{"text": "A.", "id": "w1"}]}), encoding="utf-8")
    single = tmp_path / "single.json"
    single.write_text(json.dumps({"text": "B.", "id": "s1"}), encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text('[\n{"text": "A."},\n{"text" "B."}\n]', encoding="utf-8")
    items = load([wrapped, single, broken], kabar_settings)
    assert [getattr(i, "id", None) for i in items[:2]] == ["w1", "s1"]
    assert items[2].line == 3 and "not valid JSON" in items[2].message


def test_real_jsonl_corpus_loads_without_errors(kabar_settings):
    path = DATA_DIR / "indosum_id.jsonl"
    if not path.exists():
        pytest.skip("shared data not available")
    items = load([path], kabar_settings)
    assert only_errors(items) == []
    assert all(a.lang == "id" for a in items)
    assert not any(line.startswith("Baca juga:") for a in items for line in a.text.split("\n"))
    assert items[0].id == "indosum-1490674536-mustahil-transportasi-tradisional-dan-online-bersa"


# --- HTML -----------------------------------------------------------------------------------


def article_html(title: str, paragraphs: list[str], date: str, author: str, site: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!doctype html><html lang="en"><head><title>{title} | {site}</title>
<meta property="og:title" content="{title}"><meta name="author" content="{author}">
<meta property="article:published_time" content="{date}">
<meta property="og:site_name" content="{site}"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1>{body}</article><footer>Copyright {site}</footer></body></html>"""


PAGE_ONE = article_html(
    "Ceasefire talks stall",
    [
        "Russia has not yet agreed to the ceasefire proposal, officials in Kyiv said on Saturday.",
        "The president said that the talks would continue next week in Saudi Arabia with "
        "delegations from both sides, although few expected a breakthrough.",
    ],
    "2025-03-15T08:00:00Z",
    "Jane Reporter",
    "Example News",
)
PAGE_TWO = article_html(
    "Harga beras naik lagi",
    [
        "Harga beras di pasar tradisional Jakarta naik untuk minggu ketiga berturut-turut.",
        "Menurut para pedagang, kenaikan ini disebabkan oleh pasokan yang berkurang dari "
        "daerah produsen di Jawa Tengah dan Jawa Timur.",
    ],
    "2025-03-14T06:00:00Z",
    "Budi Wartawan",
    "Contoh Berita",
)


def test_html_file_metadata(tmp_path, kabar_settings):
    path = tmp_path / "page.html"
    path.write_text(PAGE_ONE, encoding="utf-8")
    [article] = load([path], kabar_settings)
    assert article.title == "Ceasefire talks stall"
    assert article.date == "2025-03-15"
    assert article.author == "Jane Reporter"
    assert article.source == "Example News"
    assert article.lang == "en"
    assert article.text.startswith("Russia has not yet agreed")
    assert "Home" not in article.text and "Copyright" not in article.text


def test_html_without_article_text(tmp_path, kabar_settings):
    path = tmp_path / "empty.htm"
    path.write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    [error] = load([path], kabar_settings)
    assert error.message.startswith("no article text found in the page")


# --- the web, through a real local server ---------------------------------------------------


def rss_feed(base: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Kabar Test Feed</title><link>{base}/</link>
<description>Test</description>
<item><title>Feed title one</title><link>{base}/news/one.html</link>
<pubDate>Sat, 15 Mar 2025 10:00:00 GMT</pubDate><description>Short one.</description></item>
<item><title>Feed title two</title><link>{base}/news/two.html</link>
<pubDate>Fri, 14 Mar 2025 07:30:00 GMT</pubDate></item>
<item><title>Berita yang hilang</title><link>{base}/missing.html</link>
<pubDate>Thu, 13 Mar 2025 07:30:00 GMT</pubDate>
<description>&lt;p&gt;Presiden mengatakan bahwa harga akan turun dalam waktu dekat.&lt;/p&gt;
</description>
</item></channel></rss>"""


ATOM_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Test</title><id>urn:test</id>
<updated>2025-03-16T00:00:00Z</updated>
<entry><title>Atom one</title><link href="/news/one.html"/><id>urn:1</id>
<updated>2025-03-16T09:00:00Z</updated></entry>
<entry><title>Atom gone</title><link href="/gone.html"/><id>urn:2</id>
<updated>2025-03-16T10:00:00Z</updated></entry>
</feed>"""


class NewsHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        routes = self.server.routes  # type: ignore[attr-defined]
        self.server.requests.append(self.path)  # type: ignore[attr-defined]
        status, headers, body = routes.get(self.path, (404, {"Content-Type": "text/html"}, b"?"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # keep test output clean
        pass


@pytest.fixture(scope="module")
def news_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), NewsHandler)
    base = f"http://127.0.0.1:{server.server_port}"
    html = {"Content-Type": "text/html; charset=utf-8"}
    server.routes = {  # type: ignore[attr-defined]
        "/news/one.html": (200, html, PAGE_ONE.encode()),
        "/news/two.html": (200, html, PAGE_TWO.encode()),
        "/old-link": (301, {"Location": "/news/one.html"}, b""),
        "/feed.rss": (200, {"Content-Type": "text/xml"}, rss_feed(base).encode()),
        "/feed.atom": (200, {"Content-Type": "application/atom+xml"}, ATOM_FEED.encode()),
        "/not-a-feed.xml": (200, {"Content-Type": "application/rss+xml"}, b"<oops"),
    }
    server.requests = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, base
    server.shutdown()
    server.server_close()
    thread.join()


def test_url_article_page(news_server, kabar_settings):
    _, base = news_server
    [article] = load([f"{base}/news/one.html"], kabar_settings)
    assert isinstance(article, Article)
    assert article.title == "Ceasefire talks stall"
    assert article.url == f"{base}/news/one.html"
    assert article.id.startswith("url-")
    assert (article.author, article.source, article.lang) == ("Jane Reporter", "Example News", "en")


def test_url_redirect_keeps_the_requested_url_as_id(news_server, kabar_settings):
    _, base = news_server
    [redirected] = load([f"{base}/old-link"], kabar_settings)
    [direct] = load([f"{base}/news/one.html"], kabar_settings)
    assert redirected.url == f"{base}/news/one.html"
    assert redirected.id != direct.id
    assert redirected.text == direct.text


def test_rss_feed_with_a_dead_item_link(news_server, kabar_settings):
    _, base = news_server
    items = load([f"{base}/feed.rss"], kabar_settings)
    assert [type(i) for i in items] == [Article, Article, Article]
    one, two, gone = items
    assert one.title == "Ceasefire talks stall"  # the page's title wins over the feed's
    assert one.date == "2025-03-15T10:00:00+00:00"  # the feed's date wins over the page's
    assert one.source == "Kabar Test Feed"
    assert two.lang == "id" and "pasar tradisional" in two.text
    assert gone.text == "Presiden mengatakan bahwa harga akan turun dalam waktu dekat."
    assert (gone.title, gone.url, gone.lang) == ("Berita yang hilang", f"{base}/missing.html", "id")


def test_atom_feed_with_relative_links_and_no_summary(news_server, kabar_settings):
    _, base = news_server
    items = load([f"{base}/feed.atom"], kabar_settings, default_source="ignored")
    assert isinstance(items[0], Article)
    assert items[0].url == f"{base}/news/one.html"
    assert items[0].date == "2025-03-16T09:00:00+00:00"
    assert items[0].source == "Atom Test"
    assert isinstance(items[1], LoadError)
    assert items[1].source == f"{base}/gone.html"
    assert "HTTP 404" in items[1].message and "no summary to fall back on" in items[1].message


def test_feed_file_and_invalid_feed(news_server, tmp_path, kabar_settings):
    _, base = news_server
    feed = tmp_path / "feed.rss"
    feed.write_text(rss_feed(base), encoding="utf-8")
    assert len(only_articles(load([feed], kabar_settings))) == 3
    bad = tmp_path / "bad.xml"
    bad.write_text("<html><body>not a feed</body></html>", encoding="utf-8")
    [file_error, url_error] = load([bad, f"{base}/not-a-feed.xml"], kabar_settings)
    assert file_error.message.startswith("not a valid RSS/Atom feed")
    assert url_error.message.startswith("not a valid RSS/Atom feed")


def test_unreachable_url_is_a_load_error(kabar_settings):
    [error] = load(["http://127.0.0.1:1/"], kabar_settings)
    assert isinstance(error, LoadError)
    assert error.message.startswith("could not fetch http://127.0.0.1:1/: connection refused")
    assert error.message.endswith("check the URL and that the site is reachable")
    assert "Traceback" not in error.message


def test_404_url_is_a_load_error(news_server, kabar_settings):
    _, base = news_server
    [error] = load([f"{base}/nothing-here"], kabar_settings)
    assert "HTTP 404 Not Found" in error.message


def test_response_size_cap(news_server, kabar_settings, monkeypatch):
    _, base = news_server
    monkeypatch.setattr(ingest.fetch, "MAX_RESPONSE_BYTES", 100)
    [error] = load([f"{base}/news/one.html"], kabar_settings)
    assert "larger than" in error.message


def test_private_urls_refused_when_disallowed(news_server, tmp_path):
    server, base = news_server
    strict = Settings(_env_file=None, store_dir=tmp_path, allow_private_urls=False)
    before = len(server.requests)
    [error] = load([f"{base}/news/one.html"], strict)
    assert "KABAR_ALLOW_PRIVATE_URLS" in error.message
    assert len(server.requests) == before  # refused before any request was made


def test_private_address_behind_a_public_dns_answer_is_refused(news_server, tmp_path, monkeypatch):
    """DNS rebinding: the name looked public when checked, but the connection went to 127.0.0.1."""
    import ipaddress

    server, base = news_server
    port = base.rsplit(":", 1)[1]
    strict = Settings(_env_file=None, store_dir=tmp_path, allow_private_urls=False)
    monkeypatch.setattr(ingest.fetch, "resolve_host", lambda host: [ipaddress.ip_address("93.184.215.14")])  # fmt: skip
    [error] = load([f"http://localhost:{port}/news/one.html"], strict)
    assert isinstance(error, LoadError)
    assert "private address 127.0.0.1 when connecting" in error.message
    assert "KABAR_ALLOW_PRIVATE_URLS" in error.message


def test_check_url_allowed_without_network(tmp_path):
    open_settings = Settings(_env_file=None, store_dir=tmp_path, allow_private_urls=True)
    strict = Settings(_env_file=None, store_dir=tmp_path, allow_private_urls=False)
    assert "only http and https" in check_url_allowed("file:///etc/passwd", open_settings)
    assert "only http and https" in check_url_allowed("ftp://example.com/x", open_settings)
    assert "no host name" in check_url_allowed("http:///path", open_settings)
    assert check_url_allowed("http://127.0.0.1:8000/x", open_settings) is None
    for url in (
        "http://127.0.0.1/",
        "http://10.0.0.1/",
        "https://192.168.1.1/admin",
        "http://169.254.169.254/latest",
        "http://[::1]:80/",
        "http://[::ffff:127.0.0.1]/",
    ):
        message = check_url_allowed(url, strict)
        assert message and "KABAR_ALLOW_PRIVATE_URLS" in message, url
    assert check_url_allowed("http://93.184.215.14/", strict) is None
    assert Settings(_env_file=None, store_dir=tmp_path).allow_private_urls is False  # the default


# --- properties: nothing raises, whatever the bytes -----------------------------------------


def assert_well_formed(items):
    for item in items:
        if isinstance(item, Article):
            assert item.text.strip() and item.lang in ("id", "en")
        else:
            assert isinstance(item, LoadError) and item.message


@PROPERTY_SETTINGS
@given(data=st.binary(max_size=2000))
def test_text_loader_never_raises(tmp_path, kabar_settings, data):
    path = tmp_path / "any.txt"
    path.write_bytes(data)
    assert_well_formed(load([path], kabar_settings))


JSON_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=80),
    st.lists(st.integers(), max_size=3),
)
RECORD_KEYS = st.sampled_from(["id", "text", "title", "date", "source", "url", "lang", "x"])
JSONL_LINES = st.one_of(
    st.text(max_size=200), st.dictionaries(RECORD_KEYS, JSON_VALUES).map(json.dumps)
)


@PROPERTY_SETTINGS
@given(lines=st.lists(JSONL_LINES, max_size=10))
def test_jsonl_loader_never_raises(tmp_path, kabar_settings, lines):
    path = tmp_path / "any.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    assert_well_formed(load([path], kabar_settings))


@PROPERTY_SETTINGS
@given(text=st.text(max_size=2000))
def test_html_loader_never_raises(tmp_path, kabar_settings, text):
    path = tmp_path / "any.html"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    assert_well_formed(load([path], kabar_settings))
