"""Checks of a generated answer against the question and the evidence (assistant/answer_checks.py)."""

BREWERS = (
    "Heineken and Carlsberg, two of the largest brewers, have reported falling profits. "
    "Carlsberg saw its annual profit fall by 3% as beer sales slowed in western Europe. "
    "Carlsberg plans to cut 200 jobs in Sweden. "
    "Heineken said it would invest more in marketing. "
    "It increased its dividend payment by 25% to 40 euro cents."
)


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
