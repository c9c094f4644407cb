"""Checks of a generated answer against the question and the evidence (assistant/answer_checks.py)."""

from assistant.answer import REFUSALS
from assistant.answer_checks import claims_attributed, states_evidence_number, verify_citations
from assistant.models import Hit

BREWERS = (
    "Heineken and Carlsberg, two of the largest brewers, have reported falling profits. "
    "Carlsberg saw its annual profit fall by 3% as beer sales slowed in western Europe. "
    "Carlsberg plans to cut 200 jobs in Sweden. "
    "Heineken said it would invest more in marketing. "
    "It increased its dividend payment by 25% to 40 euro cents."
)


def hit(text, lang="id", n=0):
    return Hit(f"c{n}", f"a{n}", text, {"lang": lang, "title": "", "source": "s"}, 1.0)


def test_a_written_answer_to_what_did_x_say_must_be_x_s_words():
    from assistant.answer_checks import states_speakers_words

    passage = (
        "Banyak pihak menduga Putin sengaja menunda pembicaraan gencatan senjata. "
        '"Putin tidak bisa keluar dari perang ini. Itulah sebabnya dia berusaha menggagalkan '
        'negosiasi dengan memberikan syarat yang sangat sulit," kata Zelensky.'
    )
    question = "Apa kata Zelensky tentang negosiasi?"
    faithful = "Zelensky mengatakan Putin berusaha menggagalkan negosiasi dengan syarat yang sangat sulit [1]."  # fmt: skip
    assert states_speakers_words(question, faithful, [passage])
    # Others' view given as his: "banyak pihak menduga", not Zelensky.
    others = "Zelensky mengatakan banyak pihak menduga Putin sengaja menunda pembicaraan gencatan senjata [1]."  # fmt: skip
    assert not states_speakers_words(question, others, [passage])
    # Nothing to check: no speaker asked, or no statement of his in the answer's language.
    assert states_speakers_words("Siapa yang menunda pembicaraan?", others, [passage])
    assert states_speakers_words(question, others, [])


def test_a_say_answer_must_speak_of_the_asked_topic():
    from assistant.answer_checks import states_asked_topic

    question = "What did Zelensky say about the negotiations?"
    other = "Zelensky said that Ukraine only wants Russia to stop its aggression [1]."
    assert not states_asked_topic(question, other)
    assert states_asked_topic(question, "Zelensky said Putin was trying to wreck the talks [1].")
    assert states_asked_topic(question, "Zelensky mengatakan: “Putin menggagalkan negosiasi” [1]")
    assert states_asked_topic("What did Zelensky say?", other)
    # A topic that is only a name must be named.
    assert not states_asked_topic("What did Katy Perry say about Spotify?", "Perry said she loves music [1].")  # fmt: skip


def test_a_written_answer_must_state_what_the_question_asks_for():
    from assistant.answer_checks import states_asked_slot

    when = "When will the FDA panel decide on the COX-2 painkillers?"
    assert not states_asked_slot(when, "The FDA panel will decide on the COX-2 painkillers [1].")
    assert states_asked_slot(when, "The FDA panel will decide on Friday [1].")
    many = "How many banks did Parmalat take to court?"
    assert not states_asked_slot(many, "Parmalat took banks to court [1].")
    assert states_asked_slot(many, "Parmalat took 45 banks to court [1].")
    # Only the question's own name is no answer to "who".
    assert not states_asked_slot("Who coaches Marat Safin?", "Marat Safin has a coach [1].")
    assert states_asked_slot("Who coaches Marat Safin?", "Safin is coached by Peter Lundgren [1].")
    # A name opening the answer is a name when its source writes it as one.
    assert not states_asked_slot("Who coaches Marat Safin?", "Lundgren coaches Safin [1].")
    assert states_asked_slot("Who coaches Marat Safin?", "Lundgren coaches Safin [1].", "Safin's coach Peter Lundgren said so.")  # fmt: skip
    assert states_asked_slot("Why did the talks fail?", "They failed [1].")  # no slot to check


def test_a_number_is_attributed_only_to_the_name_that_has_it_in_the_news():
    from assistant.answer_checks import numbers_attributed

    question = "By how much did Carlsberg raise its dividend?"
    # 25% is Heineken's: "It" two sentences after Carlsberg's last mention is Heineken.
    assert not numbers_attributed(question, "Carlsberg raised its dividend by 25%.", BREWERS, "en")
    assert numbers_attributed("By how much did Heineken raise its dividend?", "Heineken raised its dividend by 25%.", BREWERS, "en")  # fmt: skip
    assert numbers_attributed("How many jobs will Carlsberg cut?", "Carlsberg will cut 200 jobs in Sweden.", BREWERS, "en")  # fmt: skip
    # No number, or none that the question's names are given: nothing to check.
    assert numbers_attributed(question, "Carlsberg's profits fell.", BREWERS, "en")
    assert numbers_attributed(question, "Two brewers reported falling profits, 25% lower.", BREWERS, "en")  # fmt: skip


def test_the_answer_s_name_must_be_one_the_evidence_states():
    from assistant.answer_checks import states_evidence_name

    evidence = (
        "Kepala Komunikasi Publik Kemenpora Gatot S Dewa Broto mengatakan PPLP akan diubah. [1]"
    )
    question = "Who heads public communications at Indonesia's youth and sports ministry?"
    assert states_evidence_name(question, "Gatot S Dewa Broto heads public communications [1].", evidence)  # fmt: skip
    assert not states_evidence_name(question, "The head of public communications is Edy Rahmayadi [1].", evidence)  # fmt: skip
    # A name opening the answer is a name too, though nothing else writes it mid-sentence.
    assert not states_evidence_name(question, "Rahmayadi heads it [1].", evidence)
    # An answer naming no one else, or a question that asks no name, is not checked.
    assert states_evidence_name(question, "The ministry's spokesman heads it [1].", evidence)
    assert states_evidence_name("When will PPLP change?", "Edy Rahmayadi said in 2018 [1].", evidence)  # fmt: skip


def test_words_an_answer_leaves_untranslated_must_be_the_speaker_s():
    from assistant.answer_checks import keeps_only_speakers_words

    article = (
        "Banyak pihak menduga Putin sengaja menunda pembicaraan. "
        "“Dia kini berusaha menggagalkan negosiasi sejak awal,” kata Zelensky."
    )
    question = "What did Zelensky say about the negotiations?"
    assert not keeps_only_speakers_words(question, "Zelensky said Putin was sengaja delaying talks [1].", [article])  # fmt: skip
    assert keeps_only_speakers_words(question, "Zelensky said Putin tries to menggagalkan negosiasi [1].", [article])  # fmt: skip
    assert keeps_only_speakers_words(question, "Zelensky said Putin is trying to thwart the talks [1].", [article])  # fmt: skip
    # No speaker asked, or none quoted: nothing to check.
    assert keeps_only_speakers_words("Why are talks delayed?", "Putin is sengaja delaying [1].", [article])  # fmt: skip


def test_verify_citations_recites_drops_and_rejects():
    passages = [
        hit("Harga beras naik 10 persen di Jakarta pada bulan Maret."),
        hit("Banjir merendam 300 rumah di Bekasi pada hari Senin.", n=1),
    ]
    checked = verify_citations("Banjir merendam 300 rumah di Bekasi [1]. Harga beras naik 10 persen [1].", passages, "id")  # fmt: skip
    assert checked == "Banjir merendam 300 rumah di Bekasi [2]. Harga beras naik 10 persen [1]."
    assert verify_citations("Harga beras turun 50 persen di Surabaya [9].", passages, "id") is None
    assert verify_citations(REFUSALS["id"], passages, "id") is None


def test_verify_citations_leaves_out_words_about_the_passages():
    passages = [hit("Robby Ginepri beat Donald Young 6-2 6-2 at the San Jose Open.", lang="en")]
    answer = "Robby Ginepri beat Donald Young at the San Jose Open, citing [1]. This information is supported by passage [1]."  # fmt: skip
    assert verify_citations(answer, passages, "en") == "Robby Ginepri beat Donald Young at the San Jose Open [1]."  # fmt: skip
    # The question asked back is no claim either.
    echoed = "Who beat Donald Young at the San Jose Open [1]? Robby Ginepri beat Donald Young at the San Jose Open [1]."  # fmt: skip
    assert verify_citations(echoed, passages, "en") == "Robby Ginepri beat Donald Young at the San Jose Open [1]."  # fmt: skip
    jawaban = "Banjir merendam 300 rumah di Bekasi [1]. Informasi ini didukung oleh bagian [1]."
    assert verify_citations(jawaban, [hit("Banjir merendam 300 rumah di Bekasi.")], "id") == "Banjir merendam 300 rumah di Bekasi [1]."  # fmt: skip
    # A claim introduced by its source keeps the claim; a pointer to the source is no claim.
    measles = [hit("Romania recorded 3,911 new measles cases between September 2016 and March 2017, the ECDC said.", lang="en")]  # fmt: skip
    for led in [
        "According to passage [1], Romania",
        "According to [1], Romania",
        "The passage [1] states that Romania",
    ]:
        assert verify_citations(f"{led} recorded 3,911 new measles cases [1].", measles, "en") == "Romania recorded 3,911 new measles cases [1]."  # fmt: skip
    pointer = "Romania recorded 3,911 new measles cases [1]. This can be seen in passage [1], where the ECDC is mentioned."  # fmt: skip
    assert (
        verify_citations(pointer, measles, "en") == "Romania recorded 3,911 new measles cases [1]."
    )
    for sourced in ["According to the ECDC, Romania", "According to sources, Romania"]:
        claim = f"{sourced} recorded 3,911 new measles cases [1]."
        assert verify_citations(claim, measles, "en") == claim, "a named or news source stays"
    # News that merely mentions a part or a statement stays.
    for claim in ["Kerusakan terdapat di bagian atap gedung itu", "Pernyataan tersebut disebutkan Presiden saat rapat"]:  # fmt: skip
        assert verify_citations(f"{claim} [1].", [hit(claim + ".")], "id") == f"{claim} [1]."


def test_a_claim_is_backed_only_by_a_stretch_of_the_passage_that_states_it_whole():
    swift = hit(
        "Video musiknya ditonton 500.000 kali dalam sehari di YouTube. "
        "Lagu itu dirilis pada Kamis malam. Penyanyi itu tampil di Los Angeles pekan lalu. "
        "Konsernya dihadiri ribuan penggemar. Tiketnya habis dalam sepuluh menit. "
        "Menurut catatan Billboard, setidaknya 200.000 orang membeli lagu terbaru Taylor Swift itu."
    )  # fmt: skip
    right = "Menurut catatan Billboard, 200.000 orang membeli lagu terbaru Taylor Swift [1]."
    assert verify_citations(right, [swift], "id") == right
    # 500.000 is in the passage, but as views, five sentences before Billboard's sales.
    stitched = "Menurut catatan Billboard, 500.000 orang membeli lagu terbaru Taylor Swift [1]."
    assert verify_citations(stitched, [swift], "id") is None
    # Two neighbouring sentences back one claim; so does a passage of a single sentence.
    joined = "Lagu terbaru Taylor Swift dirilis pada Kamis malam dan dibeli 200.000 orang [1]."
    two = hit("Lagu terbaru Taylor Swift dirilis pada Kamis malam. Setidaknya 200.000 orang membelinya, menurut catatan Billboard.")  # fmt: skip
    assert verify_citations(joined, [two], "id") == joined
    assert verify_citations(right, [hit("Menurut catatan Billboard, setidaknya 200.000 orang membeli lagu terbaru Taylor Swift itu.")], "id") == right  # fmt: skip


def test_the_answer_s_number_must_be_one_the_evidence_states():
    evidence = "Parmalat has sued 45 banks as it tries to reclaim money paid to banks. [1]"
    question = "How many banks did Parmalat take to court?"
    assert states_evidence_number(question, "Parmalat sued 45 banks [1].", evidence)
    assert not states_evidence_number(question, "Parmalat sued 80 financial institutions [1].", evidence)  # fmt: skip
    assert states_evidence_number(question, "Parmalat sued dozens of banks [1].", evidence)
    # "9.081" and "9,081" are one number; a question that counts nothing is not checked.
    assert states_evidence_number("Berapa paspor dikembalikan?", "Polisi mengembalikan 9,081 paspor [1].", "… 9.081 paspor … [1]")  # fmt: skip
    assert states_evidence_number("Who sued the banks?", "Parmalat, in 2004 [1].", evidence)
    # A year or the question's own number is no count; "2" is the evidence's "two".
    in_2004 = "In 2004 Parmalat sued 45 banks, the company said on 12/3. [1]"
    assert not states_evidence_number(question, "In 2004 Parmalat sued 80 banks on 12/3 [1].", in_2004)  # fmt: skip
    assert not states_evidence_number("How many of the 45 banks paid Parmalat back?", "12 of the 45 banks paid [1].", evidence)  # fmt: skip
    assert states_evidence_number("How many grams did police find?", "Police found 2 grams [1].", "Polisi menemukan dua gram sabu. [1]")  # fmt: skip
    assert not states_evidence_number("How many grams did police find?", "Police found 2,4 grams [1].", "Polisi menemukan 24 gram sabu pada 2/4. [1]")  # fmt: skip


def test_a_generated_claim_is_checked_against_the_passages_it_cites():
    passages = [Hit("c1", "a1", BREWERS, {"lang": "en"}, 1.0), Hit("c2", "a2", "Nothing here.", {"lang": "en"}, 0.5)]  # fmt: skip
    question = "By how much did Carlsberg raise its dividend?"
    assert not claims_attributed(question, "Carlsberg raised its dividend by 25% [1].", passages)
    # One cited passage that bears it out is enough; a sentence citing nothing is not a claim.
    assert claims_attributed(question, "Carlsberg's profit fell by 3% [2] [1].", passages)
    assert claims_attributed(question, "Carlsberg raised its dividend by 25%.", passages)
    # A citation past the passages shown is no passage to check against.
    assert claims_attributed(question, "Carlsberg raised its dividend by 25% [7].", passages)
