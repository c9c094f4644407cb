"""Tests for ingest.clean: Unicode and whitespace hygiene, boilerplate lines, dates, language."""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path

import pytest

from ingest.clean import blank_dateline, clean_text, decode_text, detect_language, normalize_date

DATA_DIR = Path(__file__).parents[1].parent / "shared" / "data"


def test_unicode_and_whitespace_are_normalized():
    text = (
        "Cafe\u0301\u00a0 di\u200b Jakarta\t\tbuka.\r\n"
        "Baris   kedua\x07.\r\n\r\n\r\nParagraf\u2028tiga."
    )
    assert clean_text(text) == "Café di Jakarta buka.\nBaris kedua.\n\nParagraf\ntiga."


def test_paragraphs_are_separated_by_one_blank_line():
    assert clean_text("\n\n  Satu.  \n\n\n\n Dua. \n") == "Satu.\n\nDua."


def test_lone_surrogates_and_private_use_characters_are_dropped():
    assert clean_text("a\ud800b\ue000c") == "abc"


@pytest.mark.parametrize(
    "line",
    [
        "Baca juga: Setya Novanto: Jangan Sampai Kisruh Taksi dan Ojek Online Jadi Besar",
        "Baca Juga: 5 Hal Menarik dari Kemenangan 2 - 0 Tottenham atas Arsenal",
        "SIMAK JUGA: Klasemen Liga Primer Inggris",
        "SIMAK JUGA - Andre Silva Menangkan Portugal",
        "Lihat juga: Video banjir Jakarta",
        "Baca:",
        "Baca_Juga",
        "[Baca juga: Upaya Pemerintah Cegah Kemacetan saat Mudik]",
        "ADVERTISEMENT",
        "Advertisement",
        "SCROLL TO CONTINUE WITH CONTENT",
        "Share this article",
        "Bagikan artikel ini",
        "Follow us on Twitter and Facebook",
        "Ikuti kami di Instagram",
        "Read more: Why markets fell",
        "Related: Election results",
    ],
)
def test_boilerplate_lines_are_dropped(line):
    assert clean_text(f"Paragraf pertama.\n\n{line}\n\nParagraf kedua.") == (
        "Paragraf pertama.\n\nParagraf kedua."
    )


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement spending rose 5% in the quarter.",
        "Baca-baca buku di perpustakaan kota itu menyenangkan.",
        "Related companies also reported losses.",
        "Naskah ini bisa dibaca juga di Tabloid BOLA edisi 2.796.",
    ],
)
def test_sentences_that_only_start_like_boilerplate_are_kept(line):
    assert clean_text(line) == line


@pytest.mark.parametrize(
    "note",
    [
        "DailySocial.id adalah portal berita startup dan inovasi teknologi. Kamu bisa menjadi member komunitas startup dan inovasi DailySocial.id.",  # fmt: skip
        "Bill Thompson is a regular commentator on the BBC World Service programme Go Digital.",
        "Clark Boyd is technology correspondent for The World, a BBC World Service and WGBH-Boston co-production",  # fmt: skip
    ],
)
def test_a_note_closing_an_article_is_dropped_but_not_mid_article(note):
    assert clean_text(f"Isi berita.\n\n{note}\n") == "Isi berita."
    assert clean_text(f"Isi berita.\n\n{note}\n\nLagi.") == f"Isi berita.\n\n{note}\n\nLagi."


@pytest.mark.parametrize(
    "line",
    [
        "Kitabisa.com adalah situs penggalangan dana yang didirikan pada 2013.",
        "The United States is the largest contributor to the UN budget, paying 22%.",
        "Andrew Gilligan is a correspondent for the Today programme. His report sparked the row.",
    ],
)
def test_closing_news_lines_that_only_look_like_notes_are_kept(line):
    assert clean_text(f"Isi berita.\n\n{line}") == f"Isi berita.\n\n{line}"


def test_bracketed_related_link_inside_a_line_is_removed():
    text = "Harga naik. [Baca juga: Jika Juventus Juara (Lagi), Apa Kata Roma] Pasar sepi."
    assert clean_text(text) == "Harga naik. Pasar sepi."


def test_related_heading_takes_its_trailing_headline_list():
    text = "Isi berita.\n\nBERITA TERKAIT:\nJudul satu\nJudul dua"
    assert clean_text(text) == "Isi berita."


def test_related_heading_mid_article_drops_only_itself():
    body = "Paragraf panjang " * 20
    text = f"Isi berita.\nBERITA TERKAIT:\n{body}\n{body}"
    assert clean_text(text) == f"Isi berita.\n{body.strip()}\n{body.strip()}"


def test_seed_article_loses_its_trailing_boilerplate():
    seed = DATA_DIR / "seed" / "000_72ad8f4d44b99d4f.txt"
    if not seed.exists():
        pytest.skip("shared data not available")
    cleaned = clean_text(seed.read_text(encoding="utf-8"))
    assert "BERITA TERKAIT" not in cleaned
    assert cleaned.endswith("untuk membahas dukungan lebih lanjut bagi Ukraina.")
    assert cleaned.startswith("Seruan ini disampaikan di tengah upaya mediasi")


def test_clean_text_is_idempotent_on_real_text():
    text = "Kata Putin,\u00a0“Kami memahami.”\r\n\r\nBaca juga: X\n\nZelensky  menolak."
    once = clean_text(text)
    assert clean_text(once) == once


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("Apa kata Zelensky tentang negosiasi?", "id"),
        ("What did Zelensky say about the negotiations?", "en"),
        ("Siapa presiden Indonesia?", "id"),
        ("Who won the election?", "en"),
        ("Kapan gencatan senjata dimulai?", "id"),
        ("Mengapa Putin menunda negosiasi?", "id"),
        ("Di mana pertemuan itu?", "id"),
        ("Where did the talks take place?", "en"),
        # A capital initial is not the English article; a sentence-initial "A" is.
        ("Berapa usia desainer aksesori Rinaldy A Yunardi?", "id"),
        ("A man was arrested in Jakarta.", "en"),
        # "-kah" question words and the abbreviations people type are Indonesian too.
        ("siapakah penasihat utama Presiden AS George W Bush", "id"),
        ("Brp negara yg kena serangan ransomware Wannacry?", "id"),
        # Its question word decides a question that quotes an English name: "the bravery".
        ("apa judul single debut the bravery", "id"),
        ("who sang yang terdalam", "en"),
        ("", "en"),
        ("Zelensky Putin Trump", "en"),
    ],
)
def test_detect_language_on_questions(question, lang):
    assert detect_language(question) == lang


@pytest.mark.parametrize("name", ["indosum_id.jsonl", "bbc_en.jsonl"])
def test_detect_language_agrees_with_real_records(name):
    path = DATA_DIR / name
    if not path.exists():
        pytest.skip("shared data not available")
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in islice(handle, 200)]
    for record in records:
        assert detect_language(record["text"]) == record["lang"], record["id"]
        assert detect_language(record["text"][:300]) == record["lang"], record["id"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2017-03-28T04:15:36Z", "2017-03-28T04:15:36+00:00"),
        ("2024-03-05", "2024-03-05"),
        ("Sat, 15 Mar 2025 10:00:00 GMT", "2025-03-15T10:00:00+00:00"),
        ("kemarin sore", "kemarin sore"),
        ("  ", None),
        (None, None),
    ],
)
def test_normalize_date(value, expected):
    assert normalize_date(value) == expected


def test_decode_text_falls_back_to_cp1252_and_refuses_binary():
    assert decode_text("Café “naïve” – ok".encode("cp1252")) == "Café “naïve” – ok"
    assert decode_text("\ufeffhalo".encode()) == "halo"
    assert decode_text("halo dunia".encode("utf-16")) == "halo dunia"
    assert decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") is None
    assert decode_text(bytes(range(1, 32)) * 10) is None


@pytest.mark.parametrize(
    ("text", "news"),
    [
        ("Jakarta, CNN Indonesia -- Presiden berkata.", "Presiden berkata."),
        ("Rimanews - Seorang qari meninggal.", "Seorang qari meninggal."),
        # IndoSum writes CNN Indonesia's "--" as two tokens (177 of its articles in the eval set).
        ("Jakarta, CNN Indonesia - - Novelis Sue Grafton wafat.", "Novelis Sue Grafton wafat."),
        ("Sukabumi, Jawa Barat (ANTARA News) - Banjir melanda.", "Banjir melanda."),
        (
            "JUARA.NET, PARIS - Indonesia meloloskan tujuh wakil.",
            "Indonesia meloloskan tujuh wakil.",
        ),
        ("SEMARANG \u2013 Karyawati bank ditemukan.", "Karyawati bank ditemukan."),
        # An outlet's address in capitals: "juara" (champion) is no word of the story.
        ("JUARA.NET - Lee Jung-jin datang.", "Lee Jung-jin datang."),
        ("BOLASPORT.COM - Persib menang.", "Persib menang."),
        # Hyphenated words and names are no dateline.
        ("Desas - desus soal ponsel Nokia.", "Desas - desus soal ponsel Nokia."),
        (
            "Kevin - Prince Boateng menjalani tes medis.",
            "Kevin - Prince Boateng menjalani tes medis.",
        ),
        ("GO - JEK menambah fungsi GO - PAY.", "GO - JEK menambah fungsi GO - PAY."),
        ("PDIP - Gerindra berkoalisi.", "PDIP - Gerindra berkoalisi."),
        (
            "Manchester United (MU) - Liverpool berakhir imbang.",
            "Manchester United (MU) - Liverpool berakhir imbang.",
        ),  # fmt: skip
        # A long run of capitals with no dateline after it is read in one pass.
        (
            "KPK TETAPKAN SETYA NOVANTO TERSANGKA " * 8 + "lagi.",
            "KPK TETAPKAN SETYA NOVANTO TERSANGKA " * 8 + "lagi.",
        ),  # fmt: skip
    ],
)
def test_a_wire_dateline_is_blanked_keeping_offsets(text, news):
    blanked = blank_dateline(text)
    assert blanked.strip() == news and len(blanked) == len(text)
