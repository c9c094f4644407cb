"""The question as the answer checks read it: contractions spelled out, hedges dropped,
capitals restored."""

from assistant.question_form import normalize_question
from assistant.question_parse import asked_slot, parse_question

PASSAGES = [
    "Marat Safin has hired Peter Lundgren as his coach. Lundgren coached Safin in Melbourne.",
    "Bos Freeport McMoran Richard Adkerson ikut berunding di Jakarta, kata Adkerson.",
    'Coaches said: "Despite the rain we played." The coaches left.',
]


def test_contractions_are_spelled_out_so_the_asked_slot_is_read():
    question = "What's the maximum fine for employers who don't enforce the ban?"
    assert asked_slot(question) == "who"  # "employers who …" was all that was left to read
    normalized = normalize_question(question, [])
    assert normalized.startswith("What is the maximum fine")
    assert asked_slot(normalized) == "money"
    assert normalize_question("who’re the coaches", []) == "who are the coaches"


def test_a_lower_case_question_gets_the_capitals_the_news_writes_mid_sentence():
    assert normalize_question("who coaches marat safin", PASSAGES) == "who coaches marat Safin"
    assert parse_question("who coaches marat Safin").names == ("safin",)
    assert normalize_question("siapa bos freeport mcmoran", PASSAGES) == "siapa bos Freeport McMoran"  # fmt: skip
    # Capitalised only where a sentence or a quote opens, or as often lower-case: no name.
    assert normalize_question("why did the coaches leave despite rain", PASSAGES) == "why did the coaches leave despite rain"  # fmt: skip


def test_typed_short_forms_are_spelled_out_as_news_writes_them():
    news = ["Kata juru bicara Disneyland Hong Kong, Gregory So, pada Rabu."]
    assert normalize_question("siapa jubir disneyland hong kong", news) == "siapa juru bicara Disneyland Hong Kong"  # fmt: skip
    assert asked_slot(normalize_question("brp persen air dlm timun?", [])) == "number"
    assert normalize_question("brp persen air dlm timun?", []) == "berapa persen air dalam timun?"
    # A capital is kept; a name written in capitals ("BLM", "YG Entertainment") stays a name.
    assert normalize_question("Gimana kata jubir KPK?", []) == "Bagaimana kata juru bicara KPK?"
    assert normalize_question("Apa kata gerakan BLM dan YG Entertainment?", []) == "Apa kata gerakan BLM dan YG Entertainment?"  # fmt: skip


def test_a_possessive_is_read_past():
    assert normalize_question("marat safin's coach?", PASSAGES) == "marat Safin's coach?"
    # After a closing quote a sentence opens: "Namun" there is no name.
    assert normalize_question("namun siapa", ["Kami menang.” Namun hujan turun."]) == "namun siapa"  # fmt: skip


def test_a_question_with_a_capital_outside_acronyms_is_left_as_typed():
    assert normalize_question("who coaches Marat safin", PASSAGES) == "who coaches Marat safin"
    # A well-typed question without names stays so: "Latin" is capitalised in the news.
    latin = ["Jarak pagar (Jatropha curcas) punya nama Latin yang panjang."]
    assert normalize_question("Apakah nama latin dari jarak pagar?", latin) == "Apakah nama latin dari jarak pagar?"  # fmt: skip


def test_a_question_typed_in_lower_case_but_for_an_acronym_gets_its_capitals():
    news = ["Imigrasi AS menahan Daud Rasyid Harun. Menurut Rasyid, Daud masuk dengan visa B2."]
    question = "daud rasyid masuk AS pertama kali pake visa apa"
    assert normalize_question(question, news) == "Daud Rasyid masuk AS pertama kali pakai visa apa"
    assert parse_question(normalize_question(question, news)).names == ("rasyid",)
    # Beside the acronym a word keeps its lower case: "DM instagram" is no one name "DM Instagram".
    dm = ["Fitur DM di Instagram kini punya opsi replay, kata Instagram."]
    assert normalize_question("foto di DM instagram", dm) == "foto di DM instagram"
    # Unless the news writes them together: "Presiden AS Joe Biden".
    biden = ["Kata Presiden AS Joe Biden pada Rabu."]
    assert "AS Joe Biden" in normalize_question("presiden AS joe biden ke mana", biden)


def test_short_forms_are_spelled_out_in_indonesian_questions_only():
    assert normalize_question("opsi apa yg hrs dipilih biar ga hilang", []) == "opsi apa yang harus dipilih biar tidak hilang"  # fmt: skip
    # "hrs" in English is hours; "Ga-in" and "JD" are names.
    assert normalize_question("How many hrs a day do office workers sit?", []) == "How many hrs a day do office workers sit?"  # fmt: skip
    assert (
        normalize_question("Apa lagu baru penyanyi Ga-in?", []) == "Apa lagu baru penyanyi Ga-in?"
    )


def test_a_hedge_after_berapa_leaves_what_it_asks():
    question = normalize_question("Berapa persisnya nilai ganti rugi yang dituntut Texas?", [])
    assert question == "Berapa nilai ganti rugi yang dituntut Texas?"
    assert asked_slot(question) == "money"
    assert normalize_question("berapa tepatnya korban tewas?", []) == "berapa korban tewas?"
