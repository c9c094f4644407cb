from assistant.models import Article
from ingest.chunk import article_fingerprint, chunk_article, date_timestamp, split_sentences
from ingest.quotes import extract_quotes, speaker_key

from .conftest import SEED_FILE


def sentences(text):
    return [text[a:b] for a, b in split_sentences(text)]


def test_split_sentences_indonesian_abbreviations_and_quotes():
    text = "Dr. Ani tinggal di Jl. Sudirman No. 5. Ia berkata, “Kami siap.” Rapat dimulai pukul 10.30 WIB."
    assert sentences(text) == [
        "Dr. Ani tinggal di Jl. Sudirman No. 5.",
        "Ia berkata, “Kami siap.”",
        "Rapat dimulai pukul 10.30 WIB.",
    ]


def test_split_sentences_english_and_paragraphs():
    text = "Mr. Smith met U.S. officials. They agreed!\n\nNext paragraph without stop"
    assert sentences(text) == ["Mr. Smith met U.S. officials.", "They agreed!", "Next paragraph without stop"]  # fmt: skip


def test_a_numbered_list_items_number_stays_with_its_item():
    # A listicle's "1." before a paragraph's first capital is no sentence of its own; it had
    # been quoted as an answer ("According to antaranews: “1.”").
    text = "Berikut di antaranya:\n\n1. Minum berlebihan\n\nKalau Anda minum. 12. Menghindari kafein. Skor akhir 2. Dia pergi."  # fmt: skip
    assert sentences(text) == [
        "Berikut di antaranya:",
        "1. Minum berlebihan",
        "Kalau Anda minum.",
        "12. Menghindari kafein.",
        "Skor akhir 2.",
        "Dia pergi.",
    ]


def long_article(n_sentences=40):
    text = " ".join(f"Kalimat nomor {i} berisi beberapa kata tambahan untuk panjang." for i in range(n_sentences))  # fmt: skip
    return Article(id="a1", text=text, title="Judul", date="2017-03-28T04:15:36Z", source="kumparan", lang="id")  # fmt: skip


def test_chunks_follow_sentences_with_overlap_and_exact_offsets():
    article = long_article()
    chunks = chunk_article(article, chunk_words=50, overlap_words=12)
    assert len(chunks) > 3
    for c in chunks:
        assert article.text[c.start : c.end] == c.text
        assert c.text.endswith(".") and c.text.startswith("Kalimat")
        assert len(c.text.split()) <= 50 + 10
        assert c.metadata["article_id"] == "a1" and c.metadata["lang"] == "id"
        assert c.metadata["date_ts"] == date_timestamp("2017-03-28")
    for prev, nxt in zip(chunks, chunks[1:], strict=False):
        assert nxt.start < prev.end, "consecutive chunks overlap"
    assert chunks[-1].end == len(article.text)
    assert [c.position for c in chunks] == list(range(len(chunks)))
    assert len({c.id for c in chunks}) == len(chunks)


def test_overlong_sentence_is_split_by_words():
    article = Article(id="x", text=" ".join(["kata"] * 1000) + ".", lang="id")
    chunks = chunk_article(article, chunk_words=100, overlap_words=10)
    assert all(len(c.text.split()) <= 200 for c in chunks)
    assert chunks[0].start == 0 and chunks[-1].end == len(article.text)


def test_fingerprint_changes_with_content_and_metadata():
    a = long_article()
    b = long_article()
    assert article_fingerprint(a) == article_fingerprint(b)
    b.title = "Judul lain"
    assert article_fingerprint(a) != article_fingerprint(b)


def test_quotes_of_the_seed_article():
    quotes = extract_quotes(SEED_FILE.read_text(encoding="utf-8"))
    by_speaker = {}
    for q in quotes:
        by_speaker.setdefault(q.speaker_key.split()[-1], []).append(q)
    assert "zelensky" in by_speaker and "putin" in by_speaker
    zelensky_direct = [q for q in by_speaker["zelensky"] if q.direct]
    assert any("menggagalkan negosiasi" in q.text for q in zelensky_direct)


def test_quote_patterns_english_and_pronouns():
    text = '"We will win," said Tony Blair. "It is over," Mr Brown said. Dia menambahkan bahwa rapat ditunda.'
    quotes = extract_quotes(text)
    assert [(q.speaker, q.text) for q in quotes][:2] == [("Tony Blair", "We will win,"), ("Mr Brown", "It is over,")]  # fmt: skip
    assert speaker_key("Presiden Ukraina Volodymyr Zelensky") == "volodymyr zelensky"


def test_a_quote_closed_by_ujarnya_is_the_last_speakers():
    text = '“Kami membeli 11 unit,” kata Ryamizard. “Jadi tidak usah dibawa lagi ke Rusia,” ujarnya. “Tinggal lima unit lagi,” ucapnya.'  # fmt: skip
    quotes = extract_quotes(text)
    assert [(q.speaker, q.direct) for q in quotes] == [("Ryamizard", True)] * 3
    assert quotes[1].text.startswith("Jadi tidak usah")
    # A day after "ujarnya" is no speaker.
    dated = "“Kami siap,” kata Zelensky. “Kami menunggu,” ujarnya Senin (28/3)."
    assert [q.speaker for q in extract_quotes(dated)] == ["Zelensky", "Zelensky"]


def test_a_speaker_described_between_commas_is_the_speaker():
    text = (
        "Vicky Young said a concession was likely. Shami Chakrabarti, director of pressure group "
        'Liberty, said the orders were not the main issue. She said the law was "a travesty".'
    )
    assert [q.speaker for q in extract_quotes(text)] == ["Vicky Young", "Shami Chakrabarti", "Shami Chakrabarti"]  # fmt: skip
    # Each guard on its own: a description that opens with a capital (a list of places), a
    # preposition before the name (someone else's spokesman), one opening the name, and an
    # opening connective, which is no part of the name.
    assert extract_quotes("Prices rose in the UK, France and Spain, said the report from the agency.") == []  # fmt: skip
    assert extract_quotes("A spokesman for Tony Blair, the prime minister, said the plan stood firm.") == []  # fmt: skip
    assert extract_quotes("Di Manchester, juru bicara masjid, mengatakan ayah Abedi beribadah di sana.") == []  # fmt: skip
    (meanwhile,) = extract_quotes("Meanwhile Mark Oaten, the party's home affairs spokesman, said the plan was flawed.")  # fmt: skip
    assert meanwhile.speaker == "Mark Oaten"


def test_chunk_metadata_lists_speakers():
    article = Article(
        id="s", text="“Kami siap berunding,” kata Zelensky. Rusia menolak.", lang="id"
    )
    (chunk,) = chunk_article(article)
    assert "|zelensky|" in chunk.metadata["speakers"]
    assert chunk.metadata["n_quotes"] == 1
