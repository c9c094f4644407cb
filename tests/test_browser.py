"""The web chat in a real headless Chromium (Debian's, driven by Playwright): ask the seed
question and open its source, upload an article and ask about it, and check that markup inside
an article never runs. Screenshots land in each test's tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import free_port, seed_store_settings

CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT_MS = 90_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"no Chromium at {CHROMIUM} - run: apt-get install -y chromium",
    ),  # fmt: skip
]

SEED_QUESTION = "Apa kata Zelensky tentang negosiasi?"
FLOOD_ARTICLE = """Banjir Rendam Kota Sukamaju
Banjir setinggi satu meter merendam ratusan rumah di Kota Sukamaju pada Senin pagi setelah hujan deras mengguyur selama dua hari.
Wali Kota Sukamaju, Ratna Dewi, mengatakan sebanyak 450 warga telah dievakuasi ke gedung olahraga kota.
Badan Penanggulangan Bencana Daerah mengerahkan dua puluh perahu karet untuk membantu evakuasi warga.
"""
FLOOD_QUESTION = "Berapa warga Kota Sukamaju yang dievakuasi?"
XSS_ARTICLE = """Festival Layang-layang <img src=x onerror="window.__xss=1"> di Pantai Merakit
Festival layang-layang tahunan di Pantai Merakit <img src=x onerror="window.__xss=1"> diikuti 300 peserta dari 12 negara.
<script>window.__xss=2</script> Panitia festival mengatakan layang-layang terbesar berukuran dua puluh meter.
Pengunjung festival di Pantai Merakit mencapai lima ribu orang pada hari pertama.
Pendaftaran peserta dibuka di <a href="javascript:window.__xss=3">tautan ini</a> sampai akhir bulan.
"""
XSS_QUESTION = "Berapa peserta festival layang-layang di Pantai Merakit?"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, model_cache, e5_embeddings):
    """The app on 127.0.0.1, over a fresh store holding the seed article."""
    from app import build_app

    settings = seed_store_settings(tmp_path_factory, model_cache, e5_embeddings, "browser")
    demo = build_app(settings)
    port = free_port()
    demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True)
    yield f"http://127.0.0.1:{port}/"
    demo.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            headless=True,
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, app_url):
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(app_url)
    page.locator("#kabar-question textarea").wait_for()
    yield page
    page.close()


def ask(page, question: str):
    """Type and submit a question; the locator of the newest answer's first citation link."""
    before = page.locator("#kabar-chat a.kabar-cite").count()
    box = page.locator("#kabar-question textarea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('#kabar-chat a.kabar-cite').length > n", arg=before
    )
    return page.locator("#kabar-chat a.kabar-cite").nth(before)


def upload(page, path: Path, screenshot: Path):
    """Upload `path` in the ingest tab, wait for the summary, go back to the chat."""
    page.get_by_role("tab", name="Tambah berita / Ingest").click()
    page.locator("#kabar-files input[type=file]").set_input_files(str(path))
    page.locator("#kabar-files").get_by_text(
        path.stem
    ).wait_for()  # the name may be split: stem | .txt
    page.locator("#kabar-upload").click()
    page.locator("#kabar-ingest-result").get_by_text("Selesai / Done").wait_for()
    summary = page.locator("#kabar-ingest-result").inner_text()
    page.screenshot(path=screenshot, full_page=True)
    page.get_by_role("tab", name="Obrolan / Chat").click()
    return summary


def test_seed_question_answer_links_to_its_highlighted_source(page, tmp_path):
    assert page.get_by_text("Belum ada artikel? / No articles yet?").is_visible()  # the empty state
    page.screenshot(path=tmp_path / "empty.png", full_page=True)

    link = ask(page, SEED_QUESTION)

    assert link.inner_text() == "[1]"
    chat = page.locator("#kabar-chat").inner_text()
    assert "menggagalkan negosiasi" in chat
    link.click()
    card = page.locator("#src-1-1")
    card.wait_for()
    highlighted = card.locator("mark")
    assert "menggagalkan negosiasi" in highlighted.inner_text()
    page.wait_for_function(
        """() => { const r = document.querySelector('#src-1-1 mark').getBoundingClientRect();
                   return r.top >= 0 && r.bottom <= window.innerHeight; }"""
    )
    assert card.is_visible() and highlighted.is_visible()
    page.screenshot(path=tmp_path / "answer.png", full_page=True)

    page.get_by_role("tab", name="Korpus / Corpus").click()
    corpus = page.locator("#kabar-corpus")
    corpus.get_by_text("seed (1)").wait_for()
    assert "multilingual-e5-small" in corpus.inner_text() and "extractive" in corpus.inner_text()
    page.screenshot(path=tmp_path / "corpus.png", full_page=True)

    page.get_by_role("tab", name="Obrolan / Chat").click()
    page.locator("#kabar-new-chat").click()
    page.get_by_text("Belum ada artikel? / No articles yet?").wait_for()
    assert page.locator("#src-1-1").count() == 0


def test_uploaded_article_can_be_asked_about_at_once(page, tmp_path):
    article = tmp_path / "banjir_sukamaju.txt"
    article.write_text(FLOOD_ARTICLE)

    summary = upload(page, article, tmp_path / "ingest.png")
    assert "1 articles read: 1 added" in summary

    link = ask(page, FLOOD_QUESTION)

    assert "450 warga" in page.locator("#kabar-chat").inner_text()
    link.click()
    card = page.locator("#" + link.get_attribute("href")[1:])
    card.locator("mark").wait_for()  # a highlighted sentence (see test_app for which one)
    assert "Banjir Rendam Kota Sukamaju" in card.inner_text() and "450 warga" in card.inner_text()
    page.screenshot(path=tmp_path / "uploaded-answer.png", full_page=True)


def test_markup_in_an_article_is_shown_never_run(page, tmp_path):
    article = tmp_path / "festival.txt"
    article.write_text(XSS_ARTICLE)
    upload(page, article, tmp_path / "ingest.png")

    link = ask(page, XSS_QUESTION)
    link.click()
    page.wait_for_timeout(500)  # give an injected onerror handler time to fire, were there one

    assert page.evaluate("window.__xss") is None
    assert page.locator("#kabar-chat img, #kabar-sources img, #kabar-sources script").count() == 0
    assert page.locator('a[href^="javascript:"]').count() == 0
    sources = page.locator("#kabar-sources").inner_text()
    assert '<a href="javascript:window.__xss=3">' in sources
    assert '<img src=x onerror="window.__xss=1">' in sources
    assert "<script>window.__xss=2</script>" in sources
    page.screenshot(path=tmp_path / "escaped.png", full_page=True)
