"""What a question asks, read once: the names, numbers and years it gives, the slot it asks to
fill (a number, a date, a person, a place, a quote …), the thing it counts and the role it
names. `evidence` checks passages against it; `sentence_ranker` ranks sentences by it.
"""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass
from functools import lru_cache

from assistant.asked_kind import (
    LEGAL_FORMS,
    PERSON_ROLES,
    PLACE_KIND_APA,
    asked_name_role,
    asked_place_kind,
    asked_role_kind,
    asked_role_word,
)
from assistant.glossary import WORD, translations
from assistant.name_match import word_stems
from assistant.retrieve import asked_speaker
from assistant.search_index import STOPWORDS, stem_en, stem_id, tokenize_query
from ingest.quotes import (
    OFFICE_SHORT_FORMS,
    ROLE_TITLES,
)

QUESTION_WORDS = {
    "what", "who", "whom", "whose", "when", "where", "why", "how", "which", "did", "does", "do",
    "is", "are", "was", "were", "apa", "apakah", "siapa", "siapakah", "kapan", "kapankah",
    "dimana", "mana", "bagaimana", "mengapa", "kenapa", "berapa", "berapakah", "dan", "and",
    "according", "menurut", "in", "di", "the", "a", "an", "tell", "me", "please", "tolong",
}  # fmt: skip
MONTHS = (
    "januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember|"
    "january|february|march|may|june|july|august|october|december|jan|feb|mar|apr|jun|jul|aug|"
    "sep|sept|oct|nov|dec|agu|okt|des"
)
DAYS = "senin|selasa|rabu|kamis|jumat|sabtu|minggu|monday|tuesday|wednesday|thursday|friday|saturday|sunday"  # fmt: skip
NUMBER_WORDS = (
    "satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|puluh|ratus|ribu|juta|"
    "miliar|triliun|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
    "thirty|forty|fifty|hundred|thousand|million|billion|dozen|half"
)

# "What sentence", "what is the maximum fine", "what was the total": the asked word may stand
# after a verb, an article and one more word.
_WHAT_THE = r"\bwhat(?:\s+(?:is|was|are|were|will be|would be))?(?:\s+(?:the|a|an))?\s+(?:\w+\s+)?"

SLOTS = [
    ("age", re.compile(r"\bhow old\b|\bberapa (?:usia|umur)\b|\busia(?:nya)? berapa\b|\bumur(?:nya)? berapa\b", re.I)),
    # "What time …", "Jam berapa …", "Pukul berapa …" ask a time of day, which dates an event too;
    # not a race's time ("What time did he run over 60m?": "6.61 seconds"), a time limit or
    # period, nor hours counted ("Dalam 24 jam berapa orang tewas?").
    ("when", re.compile(r"\bwhen\b|\bkapan\b|\b(?:what|which) (?:year|date|day|month)\b|\bwhat time\b(?!\s+(?:limit|period|frame|span|zone)s?\b)(?![^?]*\b(?:run|ran|runs|clock|clocked|clocks|finish|finished|finishes|recorded|swim|swam|set|post|posted|win|won|complete|completed)\b)|(?<!\d )(?<!tiap )(?<!setiap )(?<!per )\b(?:jam|pukul) berapa\b|\b(?:tahun|tanggal|hari|bulan) (?:berapa|apa)\b|\bpada (?:tahun|tanggal) berapa\b", re.I)),
    # "What prison sentence …", "Vonis apa …": a term of years, or life, death, acquittal.
    # "How long was the prison sentence …", "Berapa lama hukuman …" ask the term too.
    ("penalty", re.compile(_WHAT_THE + r"(?:sentence|penalty|punishment|jail term|prison term)\b|\b(?:hukuman|vonis|divonis|dihukum) (?:apa|berapa)\b"
                           r"|\bhow long (?:is|was|were|will be|would be) (?:the |his |her |their |a |[\w-]+['’]s? )?(?:\w+ )?(?:sentences?|jail terms?|prison terms?)\b|\bhow long an? (?:\w+ )?(?:sentence|jail term|prison term)\b"
                           r"|\bberapa lama (?:masa )?(?:hukuman|vonis|tahanan)\b", re.I)),  # fmt: skip
    # "By how much did profits fall", "how much (or how far) did sales rise": a change, which news
    # gives as a sum ("rise by £1,400") or a share ("fell 33%").
    ("change", re.compile(r"\bby how much\b|\bhow (?:much|far)\b(?=[^?]*\b(?:fall|fell|falls|rise|rose|rises|drop|dropped|drops|grow|grew|grows|increase|increased|decrease|decreased|decline|declined|jump|jumped|slump|slumped|shrink|shrank|climb|climbed|go up|go down|went up|went down)\b)", re.I)),
    # "How much did X pay …", "Berapa harga …": a sum of money, with its currency.
    ("money", re.compile(r"\bhow much\b(?=[^?]*\b(?:pay|paid|pays|paying|cost|costs|costing|spend|spent|spending|earn|earned|earns|earning|raise|raised|raising|offer|offered|offering|bid|bidding|worth|charge|charged|charging|sell for|sold for|fine|fined|price|salary|budget|fee|compensation|invest|invested|investing|owe|owed|lend|lent|borrow|borrowed|money|profits?|revenues?|turnover)\b)|" + _WHAT_THE + r"(?:price|cost|fee|salary|budget|fine|sum)\b|\bwhat (?:does|did|do|will|would)(?![^?]*\b(?:say|said|tell|told|think|claim)\b)(?:\s+[\w'’-]+){1,6}?(?<!\bthe)(?<!\ba)(?<!\bits)(?<!\btheir)(?<!\bhis)(?<!\bher)(?<!\bthis)(?<!\bthat)\s+cost\b|\bwhat (?:(?:is|was|were|are|will be) )?(?:(?:the|its|their|his|her) )?(?:(?-i:[A-Z])[\w.&'’-]*\s+){0,3}(?:(?:net|gross|annual|pre-tax|operating|full-year|quarterly) )*(?:profits?|revenues?|turnover|earnings)\b(?! (?:growth|rise|fall|drop|forecast|warning|margin|increase|decrease|jump|decline|share|per share)s?\b)|\bberapa(?:kah)? (?:(?:besar(?:an|nya)?|jumlah|total) )?(?:harga|biaya|dana|nilai|gaji|anggaran|hadiah uang|denda|tarif|ongkos|upah|uang|modal|investasi|kerugian|ganti rugi|kompensasi)\b|\bberapa(?:kah)? (?:(?:besar(?:an|nya)?|jumlah|total) )?(?:pendapatan|penghasilan|laba|keuntungan|omzet|omset|pemasukan|utang|pinjaman)\b(?![^?]*(?:%|\b(?:persen|naik|turun|tumbuh|meningkat|menurun|rasio|pertumbuhan|kenaikan|penurunan|PDB)\b))|\b(?:harga|biaya|gaji|denda|tarif)(?:nya)? berapa\b", re.I)),
    # "How long …", "Berapa lama …": a span of time.
    ("duration", re.compile(r"\bhow long\b(?! ago)(?!\s+(?:is|was|are|were|will be)\b[^?]*\bin (?:kilomet(?:er|re)s|met(?:er|re)s|miles|km|feet)\b)|\b(?:berapa|sudah berapa)(?:kah)? lama(?:kah|nya)?\b", re.I)),
    # "How far …", "Berapa jauh …": a distance, with its unit.
    ("distance", re.compile(r"\bhow far\b|\bberapa(?:kah)? (?:jauh|jarak)\b|\bjarak(?:nya)? berapa\b", re.I)),
    # A measure asks for its unit: "Berapa kecepatan angin …" is not answered by "12 rumah".
    ("speed", re.compile(r"\bhow fast\b(?![^?]*\b(?:grow|grows|growing|grew|rise|rises|rising|rose|increase|increasing|fall|falling|fell|decline|declining|spread|spreading)\b)|\bwhat (?:(?:is|was) )?(?:the |its )?(?:top |maximum |average )?speed\b|\bberapa(?:kah)? kecepatan\b|\bkecepatan(?:nya)? berapa\b", re.I)),
    ("temperature", re.compile(r"\bhow (?:hot|cold)\b|\bwhat (?:(?:is|was) )?(?:the )?temperature\b|\bberapa(?:kah)? suhu\b|\bsuhu(?:nya)? berapa\b", re.I)),
    ("area", re.compile(r"\bberapa(?:kah)? luas\b|\bluas(?:nya)? berapa\b|\bwhat (?:is|was) (?:the )?(?:total )?area of\b", re.I)),
    ("weight", re.compile(r"\bhow heavy\b|\bberapa(?:kah)? berat\b(?! (?:hukuman|vonis|sanksi|denda|pidana))|\bberat(?:nya)? berapa\b|\bwhat (?:(?:is|was) )?(?:the |its )?weight\b", re.I)),
    # Height, depth, length; not "how high" nor "berapa tinggi" (prices and inflation run high)
    # nor "how long" (a span of time: "How long did it take to build the 57 km tunnel?") unless
    # it asks what something is in a unit of length ("How long is the circuit in kilometres?").
    # "At what altitude …", "Pada ketinggian berapa …": a height above the ground or the sea.
    ("length", re.compile(r"\bhow (?:tall|deep)\b|\bhow long (?:is|was|are|were|will be)\b(?=[^?]*\bin (?:kilomet(?:er|re)s|met(?:er|re)s|miles|km|feet)\b)|\bwhat (?:altitude|elevation|depth)\b|\bberapa(?:kah)? (?:kedalaman|panjang|ketinggian)\b|\b(?:kedalaman|panjang|ketinggian)(?:nya)? berapa\b", re.I)),
    # "What was the final score …", "Berapa skor …": a match's result, "2-1", "lima gol tanpa balas".
    ("score", re.compile(r"\b(?:what|which)\s+(?:(?:is|was|were|will be)\s+)?(?:(?:the|a|an)\s+)?(?:(?:final|full-time|half-time|aggregate)\s+)?score\b|\bberapa(?:kah)? skor\b|\bskor(?:nya)?(?: akhir(?:nya)?)? berapa\b", re.I)),
    ("number", re.compile(r"\bhow (?:many|much|big|large)\b|\bberapa\b|" + _WHAT_THE + r"(?:percentage|proportion|share|amount|number|score|total|figure|rate)\b", re.I)),
    ("say", re.compile(r"\bwhat did .+ (?:say|tell|claim|think)\b|\bapa (?:kata|yang dikatakan|yang disampaikan|pendapat|komentar|tanggapan)\b", re.I)),
    # "What is the name of the airport …", "What are the names of the spammers …", "What stage
    # name did …", "What name was chosen …", "Apa nama yayasan …", "… namanya apa": a name.
    ("who", re.compile(r"\bwho(?:m|se)?\b|\bsiapa(?:kah)?\b|\b(?:what|which) (?:is|was|are|were) (?:the |their |its |his |her )?(?:full |real |first |last )?names? of\b|\b(?:what|which) (?:(?:stage|pen|nick|code|brand|trade|ring|real|maiden|first|last|full|new|official|working) )?names? (?:did|does|do|was|were|is|are|has|had|will|would)\b|\bapa(?:kah)? nama(?:nya)?\b|\bnama(?:nya)? apa(?:kah)?\b", re.I)),
    # "Where does cancer rank among the causes of death?" asks a standing ("peringkat ketiga");
    # "Where did the top-ranked player grow up?" and "… the statue that stands …" ask a place.
    ("where", re.compile(r"\bwhere\b(?!\s+(?:do|does|did|will|would)\s+(?:\S+\s+){1,5}?(?:rank|stand)s?\b(?!-))|\b(?:di|dari|ke) ?mana(?:kah)?\b|\bwhich (?:city|country|state|town|place|region|island|stadium|venue)\b|\b(?:kota|negara(?: bagian)?|provinsi|pulau|daerah|tempat|wilayah|kabupaten) (?:apa|mana)\b|" + PLACE_KIND_APA, re.I)),
    # "Which minister …", "Klub mana …": a named thing, checked like a person. Listed last so a
    # more specific phrase at the same place ("which city", "which year") wins.
    ("who", re.compile(r"\bwhich\b|\b(?!(?:di|dari|ke)\b)\w+ mana(?:kah)?\b", re.I)),
]  # fmt: skip
# Units of time in both languages, one line a unit.
TIME_UNITS = [
    ("second", "seconds", "detik"), ("minute", "minutes", "menit"), ("hour", "hours", "jam"),
    ("day", "days", "hari"), ("week", "weeks", "minggu", "pekan"), ("month", "months", "bulan"),
    ("year", "years", "tahun"), ("decade", "decades", "dekade"), ("century", "centuries", "abad"),
]  # fmt: skip
TIME_WORDS = tuple(word for unit in TIME_UNITS for word in unit)
CALENDAR = re.compile(rf"(?:{MONTHS}|{DAYS})")
POSSESSIVE = re.compile(r"['’]s$")  # "Rossi's", "Safin’s"
NUMBER = r"\d[\d.,]*\d|\d"  # "9.081", "3,911", "2,4", "7"
# A brand written in camel case is a name too: "aCommerce", "iPod", "eBay"; not a unit ("kWh").
_ENTITY = re.compile(
    rf"\b(?:[A-Z][\w'’-]*[A-Za-z0-9]|[A-Z]{{2,}}|[a-z]{{1,2}}[A-Z][a-z]{{2,}}[\w'’-]*|{NUMBER})\b"
)


# "in Hong Kong dollars": a currency the answer is to be given in, not a name to look for.
_IN_BEFORE = re.compile(r"\b(?:in|dalam)\s+(?:[A-Z][\w'’-]*\s+)*$")
_CURRENCY = r"dollars?|dolar|pounds?|euros?|yen|yuan|rupees?|francs?|ringgit"
_CURRENCY_AFTER = re.compile(rf"(?:\s+[A-Z][\w'’-]*)*\s+(?i:{_CURRENCY})\b")


# An office written short (`OFFICE_SHORT_FORMS`) also counts as the words it stands for.
_OFFICE_SHORT_FORM = re.compile(rf"\b(?:{'|'.join(OFFICE_SHORT_FORMS)})\b", re.I)


# Capitalised words of a name that are no part of what a passage must hold: a title written as
# an acronym ("siapa CEO Freeport McMoran": the news may say "Chief Executive Officer"), an
# academic or religious honorific ("Prof Dr Djoko Tjahjono", "Ir Holif"), a company's legal form
# ("PT Pertamina" is "Pertamina") and an administrative unit ("Kelurahan Saloloang").
NAME_TITLES = LEGAL_FORMS | {
    "ceo", "cfo", "coo", "cto", "pm", "mp", "mep", "prof", "profesor", "professor",
    "ir", "drs", "dra", "hj", "kh",
    "kelurahan", "kecamatan", "kabupaten", "desa", "dusun", "provinsi", "province",
}  # fmt: skip
TITLE_WORDS = ROLE_TITLES | NAME_TITLES
# "Today's …", "Last year's …": an opening word with "'s" is a name unless it is one of these.
_NOT_OWNERS = {
    "today", "yesterday", "tomorrow", "tonight", "this", "last", "next", "year", "week",
    "month", "world", "country", "nation", "people", "everyone", "someone", "nobody", "it",
}  # fmt: skip


# An acronym in the plural: "How many CVs …", "ATMs"; the passage writes the acronym.
_ACRONYM_PLURAL = re.compile(r"^([A-Z]{2,})s$")


# A name joined to a participle says where or by whom a thing is made or run: "Korean-built",
# "US-based", "Chinese-owned". The name is the first part; news in either language writes it
# apart ("buatan Korea Selatan", "based in the US").
_MADE_IN = re.compile(r"^([A-Z][\w'’]*)-(?:built|made|based|owned|born|led|backed|funded|run|controlled|designed|produced|bred|trained|educated|listed)$")  # fmt: skip


def question_entities(question: str) -> list[str]:
    """Names, acronyms and numbers the question is about (not question words or titles).

    >>> question_entities("What did Zelensky say about the negotiations?")
    ['zelensky']
    """
    out: list[str] = []
    first_word = re.match(r"\W*(\w+)", question)
    for m in _ENTITY.finditer(question):
        word = POSSESSIVE.sub("", m.group(0))  # "Rossi's" -> "Rossi"
        word = _ACRONYM_PLURAL.sub(r"\1", word)  # "CVs" -> "CV": news counts "lima CV"
        made_in = _MADE_IN.match(word)
        word = made_in.group(1) if made_in else word  # "Korean-built": "buatan Korea Selatan"
        low = word.lower()
        if low in QUESTION_WORDS or low in TITLE_WORDS or (low in STOPWORDS and not (made_in and word.isupper())):  # fmt: skip
            continue
        if first_word and m.start() == first_word.start(1) and not word.isupper():
            possessive = word != m.group(0)  # "Zelensky's view on …" opens with a name
            if not possessive or low in _NOT_OWNERS:
                continue  # capitalised only because it starts the sentence
        if CALENDAR.fullmatch(low):
            continue  # month and day names differ between languages; dates are a slot
        if re.fullmatch(_CURRENCY, low) or (
            not low[0].isdigit() and _CURRENCY_AFTER.match(question, m.end()) and _IN_BEFORE.search(question[: m.start()])
        ):  # fmt: skip
            continue  # "in Hong Kong dollars" names a unit: the passage writes "HK$327m"
        if low not in out:
            out.append(low)
    return out


OPENING_WORD = re.compile(r"\W*([A-Z][\w'’-]*)")  # a capitalised word opening a text


def named_in_question(question: str) -> tuple[str, ...]:
    """`question_entities` and the capitalised word the question opens with, which
    `question_entities` leaves out because an opening word is capitalised anyway ("Fifi Letty
    Indra ada di mana …", "Ahok berulang tahun di mana?"): a passage need not hold it, but a name
    the question gives answers nothing. The word may be no name ("After Bush won …"); it only
    keeps a sentence's "After" from answering."""
    entities = question_entities(question)
    m = OPENING_WORD.match(question)
    opening = POSSESSIVE.sub("", m.group(1)).lower() if m else None
    if (
        opening
        and opening not in entities
        and opening not in QUESTION_WORDS | TITLE_WORDS | STOPWORDS
    ):
        return (opening, *entities)
    return tuple(entities)


# "What was Shapovalov's ranking when he beat Nadal?": a "when" after another question word
# opens a clause and asks no date; "How and when did the fire start?" still asks one.
_CLAUSE_WHEN = re.compile(r"\b(?:what|which|who|whom|whose|how|where|why)\b[^?]*?(?<!\band)(?<!\bor)(?<!,)\s+when$", re.I)  # fmt: skip


# A question on a match: only its score is a result ("2-1"), not a test's or a credit score.
_A_MATCH = re.compile(r"\b(?:lawan|melawan|vs|v|versus|menang|mengalahkan|dikalahkan|kalah|kemenangan|kekalahan|imbang|laga|pertandingan|final|semifinal|leg|beat|beaten|won|win|lost|lose|drew|draw|against|match|game|fixture)\b", re.I)  # fmt: skip


def asked_slot(question: str) -> str | None:
    """What the question asks for, by its earliest question phrase: "How many games … when the
    PSP launches" asks a number, not a date.

    >>> asked_slot("How many games will be on sale when the PSP launches in Japan?")
    'number'
    """
    found = []
    for order, (name, pattern) in enumerate(SLOTS):
        m = pattern.search(question)
        if name == "score" and not _A_MATCH.search(question):
            continue  # "Berapa skor IELTS minimal …" asks a number; a match's score is a result
        if m and not (name == "when" and _CLAUSE_WHEN.search(question[: m.end()])):
            found.append((m.start(), order, name))
    return min(found)[2] if found else None


_QUESTION_TERMS = {
    t for w in QUESTION_WORDS | {"much", "many", "long", "old"} for t in (w, stem_id(w), stem_en(w))
}
# Words that say what form the answer takes ("Apa nama …", "Apakah kepanjangan dari LIPI?",
# "What is the name of …"): the passage states the name or the expansion, not the word. Left
# out of a question's content words as written (their stems, "panjang", "singkat", are words).
ANSWER_FORM_WORDS = re.compile(
    r"\b(?:nama|name|judul|kepanjangan|singkatan|istilah|acronym|abbreviation)(?:nya)?\b"
    # "What position did Cynthia Cooper hold?": the news gives the post ("ex-head of internal
    # accounting"), never the word; only as asked ("job cuts", "role model" keep theirs).
    r"|(?<=\bwhat )(?:positions?|posts?|roles?|jobs?)\b|(?<=\bwhich )(?:positions?|posts?|roles?|jobs?)\b"
    r"|\b(?:jabatan|posisi)(?:nya)?(?= apa\b)|(?<=\bapa )(?:jabatan|posisi)(?:nya)?\b"
    # "Binatang apakah …", "Departemen apa …" (opening the question, not "diganti jadi apa"),
    # "nama badan …", "Apakah alat musik …": the kind of thing asked for, which the news names
    # ("katak batu", "BKKBN", "Kementerian Koperasi"). Not a kind of name: "nama asli Mario
    # Teguh" is answered where the news writes "nama asli".
    r"|^[a-z]\w+(?= apa(?:kah)?\b)|(?<=\bnama )(?!(?:asli|lengkap|panggilan|samaran|julukan|kecil|resmi)\b)[a-z]\w+|(?<=^apakah )[a-z]\w+",
    re.I,
)


# Indonesian "-nya" (his, its, the) on a word of four letters or more: "pengemudinya" is
# "pengemudi", which the stemmer, given the whole word, cuts to "mud" instead of "kemudi".
_NYA = re.compile(r"\b(\w{4,}?)nya\b", re.I)


# "Who chairs the committee?": the news names the chairman. A person named for what they do
# also counts as that word; listed, since "Goldman", "departemen" or "hukuman" name no one so.
_PERSON_NOUN = re.compile(r"\b(chair|police|business|congress|fisher|sports|sales|spokes)(?:wo)?(?:m[ae]n|person|people)\b", re.I)  # fmt: skip


def content_terms(text: str) -> set[str]:
    text = re.sub(r"['’]s\b", "", text)  # "Safin's" -> "safin"
    terms = set(tokenize_query(_NYA.sub(r"\1", text)))
    terms |= {stem_en(m.group(1).lower()) for m in _PERSON_NOUN.finditer(text)}
    for m in _OFFICE_SHORT_FORM.finditer(text):
        terms |= set(tokenize_query(OFFICE_SHORT_FORMS[m.group(0).lower()]))
    return terms - _QUESTION_TERMS


@dataclass(frozen=True)
class ParsedQuestion:
    """What the answerability check and the sentence ranker read from a question."""

    entities: tuple[str, ...]  # names and numbers (`question_entities`)
    given: tuple[str, ...]  # the same, with a name the question opens with (`named_in_question`)
    numbers: tuple[str, ...]
    names: tuple[str, ...]
    terms: frozenset[str]  # content words other than the names
    word_forms: tuple[tuple[str, frozenset[str]], ...]  # the same by word: (word, its forms)
    years: tuple[str, ...]  # numbers that stand as years: "the 2005 Oscars", "pada 2017"
    slot: str | None  # `asked_slot`
    focus: frozenset[str] | None  # the counted thing (`question_focus`)
    counted_time: frozenset[str] | None  # the spans of time that may answer it (`time_counted`)
    person_asked: bool  # a who-question asking for a person by role (`_PERSON_ASKED`)
    role: frozenset[str] | None  # the kind of thing a who/which question asks for
    role_kind: str | None  # "person" or "organisation" when `role` is one's (`asked_role_kind`)
    speaker: str | None  # "what did X say": X
    ordinals: tuple[tuple[str, ...], ...]  # `question_ordinals`
    name_phrases: tuple[tuple[str, ...], ...]  # `question_name_phrases`
    translated: tuple[frozenset[str], ...]  # its words the glossary knows, translated
    role_translated: frozenset[str]  # `role`'s translations
    place_kind: re.Pattern | None  # `asked_place_kind`
    name_role: frozenset[str] | None  # `asked_name_role`
    phrase: str  # its words in lower case, one space apart: "… the cpl world tour grand final …"
    full_name: bool  # it asks a full or real name (`_FULL_NAME`), which initials do not give
    share: bool  # a count asked as a share (`_SHARE_ASKED`), which a percentage or fraction gives
    day: bool  # a date asked to the day (`_DAY_ASKED`), which a year or a month alone does not give
    counts_things: bool  # things counted (`_THINGS_COUNTED`), which no sum gives
    words: frozenset[str]  # every word of the question, in lower case


# "Berapa persen …", "What percentage of …", "What share (proportion) of …": a share, given as a
# percentage or a fraction ("9,36 persen", "nearly a third", "one in ten"); "30,000 people" gives
# none.
_SHARE_ASKED = re.compile(r"\bberapa(?:kah)?\s+(?:\w+\s+)?persen\b|\bpersentase\b|\b(?:what|which)\s+(?:(?:is|was|are|were|will be)\s+)?(?:(?:the|a)\s+)?(?:\w+\s+)?percentage\b|\bwhat\s+(?:(?:is|was|are|were|will be)\s+)?(?:(?:the|a)\s+)?(?:share|proportion) of\b|\bproporsi\b|\bhow (?:many|much) per ?cent\b", re.I)  # fmt: skip


# "How many customers …", "Berapa banyak pelanggan …", "Ada berapa pelukis …": a count of things
# or people, which "$74,500 for every customer" does not give. Not "how much" or "berapa
# besar", which a sum answers.
_THINGS_COUNTED = re.compile(r"\bhow many\b(?!\s+(?:dollars|pounds|euros|yen|rupiah|per ?cent)\b)|\bberapa(?:kah)?\s+(?:banyak|jumlah|orang|buah|lembar|ekor|unit)\b|\bada\s+berapa\b", re.I)  # fmt: skip


# "Tanggal berapa …", "On what date …", "Hari apa …": a day ("23 Agustus", "Rabu (28/6)",
# "May 24"), which "periode 2017 - 2022" or "in March" does not give.
_DAY_ASKED = re.compile(r"\b(?:tanggal|tgl)\s+(?:berapa|apa)\b|\bpada\s+tanggal\b(?!\s+\d)|\b(?:what|which)\s+(?:date|day)\b|\bhari\s+apa\b", re.I)  # fmt: skip


# "Siapa nama lengkap JY …", "What is the full name of the suspect …": news that withholds a name
# writes initials ("MU dan JY"), which do not answer it.
_FULL_NAME = re.compile(r"\b(?:full|real|complete) names?\b|\bnama (?:lengkap|asli)\b", re.I)


@lru_cache(maxsize=256)
def parse_question(question: str) -> ParsedQuestion:
    """The question parsed once for all the passages and sentences it is checked against."""
    entities = tuple(question_entities(question))
    slot = asked_slot(question)
    focus, role = question_focus(question), question_role(question, slot)
    named = {form for e in entities for form in word_stems(e)}
    lowered = WORD.findall(question.lower())
    content = ANSWER_FORM_WORDS.sub(" ", question)
    word_forms = {}
    for word in WORD.findall(re.sub(r"['’]s\b", "", content)):
        forms = frozenset(content_terms(word) - named)
        if forms and forms not in word_forms.values():
            word_forms[word.lower()] = forms
    return ParsedQuestion(
        entities=entities,
        given=named_in_question(question),
        numbers=tuple(e for e in entities if e[0].isdigit()),
        names=tuple(e for e in entities if not e[0].isdigit()),
        terms=frozenset(content_terms(content) - named),
        word_forms=tuple(word_forms.items()),
        years=tuple(question_years(question)),
        slot=slot,
        focus=frozenset(focus) if focus else None,
        counted_time=time_counted(focus),
        person_asked=slot == "who" and _PERSON_ASKED.search(question) is not None,
        role=frozenset(role) if role else None,
        role_kind=asked_role_kind(question) if role else None,
        speaker=asked_speaker(question),
        ordinals=tuple(question_ordinals(question)),
        name_phrases=tuple(tuple(words) for words in question_name_phrases(question)),
        translated=tuple(forms for word in word_forms if (forms := translations(word))),
        role_translated=frozenset().union(*map(translations, role)) if role else frozenset(),
        place_kind=asked_place_kind(question) if slot in ("who", "where") else None,
        name_role=asked_name_role(question) if slot == "who" else None,
        phrase=" ".join(lowered),
        full_name=slot == "who" and _FULL_NAME.search(question) is not None,
        share=slot == "number" and _SHARE_ASKED.search(question) is not None,
        day=slot == "when" and _DAY_ASKED.search(question) is not None,
        counts_things=slot == "number" and _THINGS_COUNTED.search(question) is not None,
        words=frozenset(lowered),
    )


_UNIT_OF = {word: frozenset(unit) for unit in TIME_UNITS for word in unit}


def time_counted(focus: Set[str] | None) -> frozenset[str] | None:
    """The spans of time that may answer a "how many" question counting `focus`
    (`question_focus`), as the words of their unit: None when any may (it says not what it
    counts, or asks "berapa waktu"), the unit's words in both languages when it counts one
    ("How many weeks …" -> week, weeks, minggu, pekan), and none when it counts a thing."""
    if not focus or focus & {"time", "waktu"}:
        return None
    return frozenset().union(*(_UNIT_OF.get(stem, ()) for stem in focus))


# Who-questions that ask for a person by what they do.
# "Executive" is no title of its own (asked_kind._NOT_ROLE_TITLES: "chief executive"), but is
# asked for as one ("Which Marsh executive …"); "wakil" is as often a team's as a person's.
_PERSON_ROLE = "|".join(
    map(re.escape, sorted(PERSON_ROLES - {"wakil"} | {"executive", "eksekutif"}))
)
_PERSON_ASKED = re.compile(rf"\b(?i:which|what|siapa(?:kah)?)\s+(?:(?:[A-Z][\w.'’-]*|&|of|and|dan)\s+)*(?i:{_PERSON_ROLE})s?\b(?!['’])|\b(?i:{_PERSON_ROLE})\s+(?:[A-Z][\w.'’-]*\s+)*(?i:siapa|mana)\b")  # fmt: skip


# The slots a number with its unit answers: "5 km", "120 km/jam", "312 hektare".
MEASURED_SLOTS = frozenset({"distance", "speed", "temperature", "area", "weight", "length"})
# The slots a number answers: a figure of some year ("What was Ramayana's net profit in 2015?").
COUNTED_SLOTS = frozenset({"number", "money", "change", "duration", "age", "penalty", "score"}) | MEASURED_SLOTS  # fmt: skip


_ORDINALS_EN = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")  # fmt: skip
_ORDINALS_ID = ("kedua", "ketiga", "keempat", "kelima", "keenam", "ketujuh", "kedelapan", "kesembilan", "kesepuluh")  # fmt: skip
_CARDINALS_EN = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_CARDINALS_ID = ("dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh")  # fmt: skip
# One to ten in words, in both languages: "one in ten", "tiga dari empat".
SMALL_CARDINALS = ("one", "satu", *_CARDINALS_EN, *_CARDINALS_ID)


# An ordinal in the question and the ways a passage in either language may say it. Indonesian
# "kedua tim" also means "both teams", so an Indonesian ordinal accepts the cardinal too.
def _ordinal_table() -> dict[str, tuple[str, ...]]:
    table = {}
    for n, en, id_, card_id, card_en in zip(range(2, 11), _ORDINALS_EN, _ORDINALS_ID, _CARDINALS_ID, _CARDINALS_EN, strict=True):  # fmt: skip
        suffix = {2: "nd", 3: "rd"}.get(n, "th")
        forms = (en, id_, f"{n}{suffix}", f"ke-{n}")
        table[en], table[id_] = forms, (*forms, card_id, card_en)
    return table


ORDINAL_FORMS = _ordinal_table()


def question_ordinals(question: str) -> list[tuple[str, ...]]:
    """For each ordinal qualifier in the question ("second album", "uji coba kelimanya",
    "350th start"), the forms a passage must contain one of.

    >>> question_ordinals("How many copies did their second album sell?")
    [('second', 'kedua', '2nd', 'ke-2')]
    """
    out = []
    for word in re.findall(r"[\w-]+", question.lower()):
        word = re.sub(r"nya$", "", word)
        if word in ORDINAL_FORMS:
            out.append(ORDINAL_FORMS[word])
        elif (m := re.fullmatch(r"(?:ke-)?(\d+)(?:st|nd|rd|th)?", word)) and word != m.group(1):
            out.append((m.group(1),))  # "350th", "ke-350": the number must be there
    return out


_NAME_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|\d{1,3}\b(?![.,]\d)))+")


def question_name_phrases(question: str) -> list[list[str]]:
    """Runs of two or more capitalised words in the question (a number, not a year, may end one:
    "Galaxy Note 8", "Liga 1"), without leading question words or titles ("Kabupaten", "PT"),
    a trailing company form ("Tbk"), and split after a possessive: "Kapan DPR mengesahkan
    Undang-Undang Ibu Kota Negara?" -> [['undang-undang', 'ibu', 'kota', 'negara']]."""
    out = []
    for m in _NAME_RUN.finditer(question):
        # A possessive ends a name: "Google's AutoLink" is Google's feature, not one name.
        owners = re.sub(r"['’]s\s+", "\n", m.group(0)).split("\n")
        # A month or weekday is no part of a name: "protes terhadap AS Mei lalu".
        runs = [run for part in owners for run in re.split(r"\s*\b(?:" + CALENDAR.pattern + r")\b\s*", POSSESSIVE.sub("", part).lower())]  # fmt: skip
        for run in runs:
            run_words = run.split()
            while run_words and (run_words[0] in QUESTION_WORDS or run_words[0] in TITLE_WORDS):
                run_words.pop(0)
            while run_words and run_words[-1] in NAME_TITLES:  # "Astra International Tbk"
                run_words.pop()
            if len(run_words) >= 2:
                out.append(run_words)
    return out


# A number in a year's place: after "in", "tahun", "since" …, or before a name ("2005 Oscars"),
# a stopword or the question's end; not before a common noun ("2000 workers").
_BEFORE_YEAR = re.compile(r"\b(?:in|of|since|until|by|tahun|pada|sejak|hingga|sampai|musim|season)\s+$", re.I)  # fmt: skip


def question_years(question: str) -> list[str]:
    """The numbers in the question that stand as years.

    >>> question_years("Why were 2000 workers laid off in 2005?")
    ['2005']
    """
    return [
        m.group(0)
        for m in re.finditer(r"\b(?:19|20)\d\d\b", question)
        if _BEFORE_YEAR.search(question[: m.start()]) or not _noun_after(question, m.end())
    ]


def _noun_after(text: str, at: int) -> bool:
    """Whether a common noun follows position `at`: "2000 workers" counts workers, while
    "2005 di Jakarta" and "2005 Oscars" are years."""
    m = re.match(r"\s+([a-z][\w'’-]*)", text[at:])
    return m is not None and m.group(1) not in STOPWORDS


_NOT_ROLES = {"nama", "saja", "kind", "sort", "type", "jenis"}  # stopwords go in content_terms


def question_role(question: str, slot: str | None = None) -> set[str] | None:
    """Stems of the kind of thing a which/who question asks for: "Siapa kiper utama Timnas
    U-22?" -> {'kiper'}, "Which record label …" -> {'record'}. News often names it otherwise
    ("bos" / "CEO"), so it weighs in the ranking rather than decides."""
    if (slot or asked_slot(question)) != "who":
        return None  # a place's kind goes unsaid: "di Florida", not "di negara bagian Florida"
    role = asked_role_word(question)
    terms = content_terms(role) if role not in _NOT_ROLES else set()
    if not terms and (verb := _WHO_DID.search(question)) and (agent := AGENT_OF_VERB.get(verb.group("verb").lower())):  # fmt: skip
        terms = {agent}  # as written: "pendiri" stems to "diri" (self), in every "dirinya"
    return terms or None


# "Who directed …", "Siapa yang melatih …": the news names the doer by the role ("Director
# Southan Morris", "pelatih Luis Milla"). Active forms only: "Siapa yang dilatih …" and "Who was
# found …" ask for who was acted on; "found" is also "find"'s past.
AGENT_OF_VERB = {
    verb: agent
    for verbs, agent in [
        ("direct directs directed", "director"), ("menyutradarai", "sutradara"),
        ("referee referees refereed", "referee"), ("mewasiti", "wasit"),
        ("coach coaches coached", "coach"), ("melatih", "pelatih"),
        ("founded", "founder"), ("mendirikan", "pendiri"),
        ("write writes wrote", "writer"), ("menulis", "penulis"),
        ("produce produces produced", "producer"), ("memproduseri", "produser"),
        ("chair chairs chaired", "chairman"), ("mengetuai", "ketua"),
        ("own owns owned", "owner"), ("memiliki", "pemilik"),
        ("design designs designed", "designer"), ("merancang", "perancang"),
    ]
    for verb in verbs.split()
}  # fmt: skip
_WHO_DID = re.compile(r"\b(?:who|siapa(?:kah)?)\s+(?:(?:yang|that)\s+)?(?:(?:will|would|has|had|did)\s+)?(?P<verb>\w+)", re.I)  # fmt: skip


_FOCUS = re.compile(
    r"\b(?:how (?:many|much)|berapa(?:kah)?(?: (?:banyak|jumlah|total|besar(?:an|nya)?|harga|biaya|tarif))?)\s+(?:(?:more|less|fewer|extra|lebih|kurang)\s+)?(?P<focus>[\w-]+)",
    re.I,
)


_NOT_COUNTED = {
    "money", "uang", "dana", "nilai", "lama", "long", "far", "jauh", "jual", "beli", "sewa", "the", "a",
    "usia", "umur", "jarak", "luas", "tinggi", "panjang", "berat", "lebar", "kedalaman", "suhu",
    "kecepatan", "angka", "total", "kali", "times",
}  # fmt: skip


# "What growth rate …", "What interest rate …": a rate of one thing; "a rate of 8.28 to the US
# dollar" is another's.
_RATE_OF = re.compile(
    r"\bwhat (?:(?:is|was|will be) )?(?:(?:the|its|their) )?(?P<focus>[a-z]+) rate\b", re.I
)


_COUNTED_AFTER_A_NAME = re.compile(r"\s+([a-z][\w-]*)\s+(?:did|do|does|has|have|had|was|were|is|are|will|would|can|could|yang)\b")  # fmt: skip


def question_focus(question: str) -> set[str] | None:
    """Stems of the word a quantity question counts: 'Berapa hadiah uang…' -> {'hadiah'}."""
    m = _FOCUS.search(question) or _RATE_OF.search(question)
    if not m:
        return None
    focus = m.group("focus")
    # "How many Bafta nominations did …": a name says whose; the thing counted is the word after
    # it, when the clause goes on there. "How many Britons died" counts Britons.
    after = _COUNTED_AFTER_A_NAME.match(question, m.end()) if focus[:1].isupper() else None
    if after and content_terms(after.group(1)):
        focus = after.group(1)
    if focus.lower() in _NOT_COUNTED:
        return None  # a unit or a dimension, not a thing: the passage says "$6bn", "15 km", "(15)"
    terms = content_terms(focus)
    return terms or None


# What counting questions count, in both languages: how a passage in the other language names
# the counted thing. A focus word outside these groups is not checked across languages.
COUNTED_THINGS = [
    {"people", "persons", "person", "humans", "orang", "jiwa", "warga", "manusia"},
    {"visitors", "visitor", "pengunjung", "wisatawan", "tourists", "turis"},
    {"victims", "victim", "korban", "dead", "deaths", "killed", "tewas", "meninggal"},
    {"injured", "wounded", "luka"}, {"countries", "country", "nations", "negara"},
    {"copies", "copy", "kopi", "eksemplar", "keping", "salinan"}, {"votes", "suara"},
    {"seats", "kursi"}, {"years", "tahun"}, {"months", "bulan"}, {"days", "hari"},
    {"weeks", "minggu", "pekan"}, {"hours", "jam"}, {"houses", "homes", "rumah"},
    {"games", "matches", "laga", "pertandingan"}, {"goals", "gol"},
    {"passengers", "penumpang"}, {"students", "pupils", "siswa", "mahasiswa", "pelajar", "murid"},
    {"workers", "employees", "staff", "jobs", "pekerja", "karyawan", "pegawai", "buruh"},
    {"soldiers", "troops", "tentara", "prajurit", "pasukan"},
    {"officers", "policemen", "polisi", "personel", "aparat"},
    {"fans", "supporters", "penggemar", "suporter", "penonton", "spectators"},
    {"stores", "shops", "outlets", "gerai", "toko"}, {"cars", "vehicles", "mobil", "kendaraan"},
    {"tickets", "tiket"}, {"pilgrims", "jemaah", "jamaah"}, {"passports", "paspor"},
    {"locations", "location", "sites", "lokasi", "titik"},
    {"suspects", "tersangka"}, {"titles", "gelar"}, {"medals", "medali"}, {"points", "poin"},
    {"songs", "tracks", "lagu"}, {"films", "movies", "film"}, {"schools", "sekolah"},
    {"villages", "desa"}, {"islands", "pulau"}, {"buildings", "bangunan", "gedung"},
    {"refugees", "evacuees", "pengungsi"}, {"children", "kids", "anak"},
    {"women", "perempuan", "wanita"}, {"members", "anggota"},
    {"candidates", "calon", "kandidat"}, {"companies", "firms", "perusahaan"},
    {"tons", "tonnes", "ton"}, {"hectares", "hektare", "hektar"},
    {"kilometres", "kilometers", "kilometer", "km"}, {"shares", "saham"},
    {"users", "pengguna"}, {"customers", "subscribers", "pelanggan"}, {"units", "unit"},
    {"phones", "handsets", "ponsel", "telepon"}, {"players", "pemain"}, {"teams", "tim"},
    {"cases", "kasus", "perkara"}, {"prisoners", "inmates", "tahanan", "narapidana"},
    {"buses", "bus"}, {"caps"}, {"languages", "bahasa"}, {"grams", "gram"},
    {"kilograms", "kilogram", "kg"}, {"fine", "fined", "fines", "denda", "didenda"},
    {"population", "residents", "inhabitants", "penduduk"},
    {"families", "family", "keluarga", "kk"},
]  # fmt: skip
_COUNTED_GROUP = {
    stem: terms
    for group in COUNTED_THINGS
    for terms in [content_terms(" ".join(group))]
    for stem in terms
}


def focus_in_language(focus: Set[str] | None, same_language: bool) -> Set[str] | None:
    """The counted thing's stems to look for in a passage: the question's own in its language,
    else their translations from COUNTED_THINGS (None: not checkable)."""
    if not focus or same_language:
        return focus
    translated = set().union(*(_COUNTED_GROUP.get(stem, set()) for stem in focus))
    return translated or None
