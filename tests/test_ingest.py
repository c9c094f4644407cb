import json
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.search_index import SearchIndexCache, index_folder
from assistant.store import NewsStore
from ingest.__main__ import main as ingest_main
from ingest.index import Indexer

from .conftest import (
    BBC,
    INDOSUM,
    SEED_DIR,
    CountingEmbeddings,
    require_shared_data,
    sample_records,
)


@pytest.fixture
def small_corpus(tmp_path):
    require_shared_data()
    records = sample_records(INDOSUM, 12) + sample_records(BBC, 8)
    path = tmp_path / "small.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path, records


@pytest.fixture
def cli_env(monkeypatch, settings):
    monkeypatch.setenv("KABAR_EMBEDDING_MODEL", "all-MiniLM-L6-v2")
    monkeypatch.setenv("KABAR_MODEL_CACHE_DIR", str(settings.model_cache_dir))
    monkeypatch.setenv("KABAR_ALLOW_PRIVATE_URLS", "true")  # the test news site is on 127.0.0.1
    return settings


def run_cli(capsys, *args):
    code = ingest_main([*map(str, args), "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out)


def chunk_ids_by_article(store):
    by_article = {}
    for ids, _texts, metas in store.iter_chunks():
        for cid, meta in zip(ids, metas, strict=True):
            by_article.setdefault(meta["article_id"], set()).add(cid)
    return by_article


def test_cli_ingests_seed_and_jsonl_then_reingest_is_a_no_op(
    capsys, cli_env, small_corpus, tmp_path
):
    path, records = small_corpus
    store_dir = tmp_path / "store"
    code, first = run_cli(capsys, SEED_DIR, path, "--store", store_dir)
    assert code == 0
    assert first["articles_read"] == first["articles_added"] == 1 + len(records)
    assert first["chunks_added"] >= first["articles_added"] and first["errors"] == []

    code, again = run_cli(capsys, SEED_DIR, path, "--store", store_dir)
    assert code == 0
    assert again == {
        "articles_read": 1 + len(records),
        "articles_added": 0,
        "articles_updated": 0,
        "articles_unchanged": 1 + len(records),
        "chunks_added": 0,
        "chunks_removed": 0,
        "errors": [],
    }


def test_unchanged_articles_are_not_embedded_and_changed_ones_leave_no_orphans(settings, minilm_embeddings, small_corpus):  # fmt: skip
    path, records = small_corpus
    counting = CountingEmbeddings(minilm_embeddings)
    indexer = Indexer(settings, embeddings=counting)
    first = indexer.ingest_sources([str(path)])
    embedded = counting.documents_embedded
    assert embedded == first.chunks_added > 0

    assert indexer.ingest_sources([str(path)]).articles_unchanged == len(records)
    assert counting.documents_embedded == embedded, "an unchanged corpus must compute no embeddings"

    before = chunk_ids_by_article(indexer.store)
    target = records[0]["id"]
    records[0]["text"] = "Paragraf baru yang pendek. " + records[0]["text"][:300]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    report = indexer.ingest_sources([str(path)])
    assert (report.articles_updated, report.articles_unchanged) == (1, len(records) - 1)
    assert report.chunks_removed == len(before[target])
    after = chunk_ids_by_article(indexer.store)
    assert sum(map(len, after.values())) == indexer.store.count_chunks()
    assert len(after[target]) == report.chunks_added
    assert {a: c for a, c in after.items() if a != target} == {a: c for a, c in before.items() if a != target}  # fmt: skip
    index = SearchIndexCache(indexer.store, index_folder(settings)).get()
    assert set(index.ids) == {c for ids in after.values() for c in ids}, (
        "BM25 is in step with Chroma"
    )


def test_bad_records_are_reported_and_the_rest_is_ingested(capsys, cli_env, tmp_path):
    bad = tmp_path / "mixed.jsonl"
    bad.write_text(
        '{"id": "ok-1", "title": "Banjir", "text": "Banjir melanda Jakarta pada hari Senin pagi."}\n'
        "{not json\n"
        '{"id": "no-text", "title": "Kosong"}\n'
        '{"id": "bad-type", "text": ["a", "b"]}\n'
    )
    code, report = run_cli(capsys, bad, "--store", tmp_path / "store")
    assert code == 1
    assert report["articles_added"] == 1
    lines = sorted(e["line"] for e in report["errors"])
    assert lines == [2, 3, 4]
    assert all(e["source"].endswith("mixed.jsonl") and e["message"] for e in report["errors"])


def test_nothing_readable_exits_2_and_keeps_what_was_ingested(capsys, cli_env, tmp_path):
    store = tmp_path / "store"
    good = tmp_path / "good.txt"
    good.write_text(
        "Judul berita\n\nPemerintah mengumumkan kebijakan baru tentang pajak kendaraan."
    )
    assert run_cli(capsys, good, "--store", store)[0] == 0
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    code, report = run_cli(capsys, binary, tmp_path / "missing.jsonl", "--store", store)
    assert code == 2 and report["articles_read"] == 0 and len(report["errors"]) == 2
    assert "binary" in report["errors"][0]["message"] + report["errors"][1]["message"]
    assert NewsStore(cli_env.model_copy(update={"store_dir": store})).count_articles() == 1


def test_cli_reports_a_bad_collection_name_without_traceback(capsys, cli_env, tmp_path):
    code = ingest_main([str(tmp_path), "--store", str(tmp_path / "s"), "--collection", "ab"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and "KABAR_COLLECTION" in err


class NewsSite(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def news_site(tmp_path):
    """A local site with two article pages and an RSS feed linking to them (one link broken)."""
    site = tmp_path / "site"
    site.mkdir()
    page = """<html><head><title>{title}</title><meta name="author" content="Rina Putri">
    <meta property="article:published_time" content="2024-05-0{day}T08:00:00Z"></head><body>
    <nav>Beranda | Politik | Ekonomi</nav><article><h1>{title}</h1>
    <p>{body} Menurut keterangan resmi, keputusan ini diambil setelah rapat panjang.</p>
    <p>Pemerintah daerah menyatakan akan memantau dampaknya selama tiga bulan ke depan.</p>
    </article><footer>Hak cipta 2024</footer></body></html>"""
    (site / "banjir.html").write_text(page.format(title="Banjir Rendam Bekasi", day=1, body="Banjir setinggi satu meter merendam ratusan rumah di Bekasi."))  # fmt: skip
    (site / "tol.html").write_text(page.format(title="Tarif Tol Naik", day=2, body="Tarif jalan tol Jakarta-Cikampek naik lima persen mulai pekan depan."))  # fmt: skip
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(NewsSite, directory=str(site)))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    (site / "feed.xml").write_text(f"""<?xml version="1.0"?><rss version="2.0"><channel>
    <title>Kabar Lokal</title><link>{base}/</link>
    <item><title>Banjir Rendam Bekasi</title><link>{base}/banjir.html</link><pubDate>Wed, 01 May 2024 08:00:00 GMT</pubDate></item>
    <item><title>Tarif Tol Naik</title><link>{base}/tol.html</link></item>
    <item><title>Hilang</title><link>{base}/missing.html</link></item>
    </channel></rss>""")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


def test_ingests_an_article_url_and_an_rss_feed(capsys, cli_env, tmp_path, news_site):
    store = tmp_path / "store"
    code, report = run_cli(capsys, f"{news_site}/tol.html", "--store", store)
    assert code == 0 and report["articles_added"] == 1
    code, report = run_cli(capsys, f"{news_site}/feed.xml", "--store", store)
    assert code == 1, "the broken item is reported"
    assert report["articles_read"] == 2 and report["articles_added"] == 1
    # tol.html is the article ingested above (same URL, same id); the feed names its outlet.
    assert report["articles_updated"] == 1 and report["chunks_removed"] >= 1
    assert len(report["errors"]) == 1 and "missing.html" in report["errors"][0]["source"] + report["errors"][0]["message"]  # fmt: skip
    store_obj = NewsStore(cli_env.model_copy(update={"store_dir": store}))
    titles = {m["title"] for _, m in store_obj.iter_articles()}
    assert titles == {"Banjir Rendam Bekasi", "Tarif Tol Naik"}


def test_unreachable_url_is_an_error_not_a_traceback(capsys, cli_env, tmp_path):
    code, report = run_cli(capsys, "http://127.0.0.1:1/berita", "--store", tmp_path / "store")
    assert code == 2 and "127.0.0.1:1" in json.dumps(report["errors"])


def test_chroma_server_mode(capsys, cli_env, small_corpus, chroma_server):
    host, port = chroma_server.host, chroma_server.port
    path, records = small_corpus
    code, first = run_cli(capsys, path, "--chroma-host", host, "--chroma-port", port)
    assert code == 0 and first["articles_added"] == len(records)
    code, again = run_cli(capsys, path, "--chroma-host", host, "--chroma-port", port)
    assert again["articles_unchanged"] == len(records) and again["chunks_added"] == 0
    server_settings = cli_env.model_copy(update={"chroma_host": host, "chroma_port": port})
    assert NewsStore(server_settings).count_chunks() == first["chunks_added"]
