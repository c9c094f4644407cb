"""Does a passage answer the question? The question parsed, and the passage checked against it.

Retrieval scores cannot tell answerable from unanswerable questions (the top hit is always
"similar"), so the decision is made on the text: the question's named entities must occur in
the passage, its content words must largely occur there (same language), and the slot the
question asks for (a number, a date, a person, a place, a quote) must be filled in the best
sentence. Heuristics, tuned on the dev questions; the held-out questions keep them honest.
Which sentence answers is `sentence_ranker`'s to say; whether a model's answer can be trusted,
`answer_checks`'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence, Set
from dataclasses import dataclass
from functools import lru_cache

from assistant.asked_kind import (
    ASKED_ROLE,
    KIND_BEFORE_NAME,
    LEGAL_FORMS,
    PERSON_ROLES,
    PLACE_KIND_APA,
    ROLE_NAME_REACH,
    asked_name_role,
    asked_place_kind,
    names_an_organisation,
    role_spans,
)
from assistant.glossary import WORD, translations
from assistant.models import Hit
from assistant.retrieve import asked_speaker, asked_topic
from assistant.search_index import STOPWORDS, stem_en, stem_id, tokenize_query
from ingest.chunk import split_sentences
from ingest.clean import blank_dateline
from ingest.places import CONTINENTS, COUNTRIES, COUNTRY_ALIASES, DEMONYMS
from ingest.quotes import (
    OFFICE_SHORT_FORMS,
    ROLE_TITLES,
    SPELLING_MIN_LENGTH,
    Quote,
    extract_quotes,
    identifying_words,
    same_speaker,
    spelled_alike,
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
SAY_VERBS = r"kata|ujar|ucap|tegas|ungkap|jelas|tutur|imbuh|mengatakan|menegaskan|mengungkapkan|menyatakan|menjelaskan|menilai|said|says|told|added|stated|warned|insisted|argued|claimed"  # fmt: skip
_SAY_VERB = re.compile(SAY_VERBS)

# "What sentence", "what is the maximum fine", "what was the total": the asked word may stand
# after a verb, an article and one more word.
_WHAT_THE = r"\bwhat(?:\s+(?:is|was|are|were|will be|would be))?(?:\s+(?:the|a|an))?\s+(?:\w+\s+)?"

SLOTS = [
    ("age", re.compile(r"\bhow old\b|\bberapa (?:usia|umur)\b|\busia(?:nya)? berapa\b|\bumur(?:nya)? berapa\b", re.I)),
    ("when", re.compile(r"\bwhen\b|\bkapan\b|\b(?:what|which) (?:year|date|day|month)\b|\b(?:tahun|tanggal|hari|bulan) (?:berapa|apa)\b|\bpada (?:tahun|tanggal) berapa\b", re.I)),
    # "What prison sentence …", "Vonis apa …": a term of years, or life, death, acquittal.
    ("penalty", re.compile(_WHAT_THE + r"(?:sentence|penalty|punishment|jail term|prison term)\b|\b(?:hukuman|vonis|divonis|dihukum) (?:apa|berapa)\b", re.I)),
    # "By how much did profits fall", "how much (or how far) did sales rise": a change, which news
    # gives as a sum ("rise by £1,400") or a share ("fell 33%").
    ("change", re.compile(r"\bby how much\b|\bhow (?:much|far)\b(?=[^?]*\b(?:fall|fell|falls|rise|rose|rises|drop|dropped|drops|grow|grew|grows|increase|increased|decrease|decreased|decline|declined|jump|jumped|slump|slumped|shrink|shrank|climb|climbed|go up|go down|went up|went down)\b)", re.I)),
    # "How much did X pay …", "Berapa harga …": a sum of money, with its currency.
    ("money", re.compile(r"\bhow much\b(?=[^?]*\b(?:pay|paid|pays|paying|cost|costs|costing|spend|spent|spending|earn|earned|earns|earning|raise|raised|raising|offer|offered|offering|bid|bidding|worth|charge|charged|charging|sell for|sold for|fine|fined|price|salary|budget|fee|compensation|invest|invested|investing|owe|owed|lend|lent|borrow|borrowed|money|profits?|revenues?|turnover)\b)|" + _WHAT_THE + r"(?:price|cost|fee|salary|budget|fine|sum)\b|\bwhat (?:does|did|do|will|would)(?![^?]*\b(?:say|said|tell|told|think|claim)\b)(?:\s+[\w'’-]+){1,6}?(?<!\bthe)(?<!\ba)(?<!\bits)(?<!\btheir)(?<!\bhis)(?<!\bher)(?<!\bthis)(?<!\bthat)\s+cost\b|\bwhat (?:(?:is|was|were|are|will be) )?(?:(?:the|its|their|his|her) )?(?:(?-i:[A-Z])[\w.&'’-]*\s+){0,3}(?:(?:net|gross|annual|pre-tax|operating|full-year|quarterly) )*(?:profits?|revenues?|turnover|earnings)\b(?! (?:growth|rise|fall|drop|forecast|warning|margin|increase|decrease|jump|decline|share|per share)s?\b)|\bberapa(?:kah)? (?:harga|biaya|dana|nilai|gaji|anggaran|hadiah uang|denda|tarif|ongkos|upah|uang|modal|investasi|kerugian|ganti rugi|kompensasi)\b|\b(?:harga|biaya|gaji|denda|tarif)(?:nya)? berapa\b", re.I)),
    # "How long …", "Berapa lama …": a span of time.
    ("duration", re.compile(r"\bhow long\b(?! ago)|\b(?:berapa|sudah berapa)(?:kah)? lama(?:kah|nya)?\b", re.I)),
    # "How far …", "Berapa jauh …": a distance, with its unit.
    ("distance", re.compile(r"\bhow far\b|\bberapa(?:kah)? (?:jauh|jarak)\b|\bjarak(?:nya)? berapa\b", re.I)),
    # "What was the final score …", "Berapa skor …": a match's result, "2-1", "lima gol tanpa balas".
    ("score", re.compile(r"\b(?:what|which)\s+(?:(?:is|was|were|will be)\s+)?(?:(?:the|a|an)\s+)?(?:(?:final|full-time|half-time|aggregate)\s+)?score\b|\bberapa(?:kah)? skor\b|\bskor(?:nya)?(?: akhir(?:nya)?)? berapa\b", re.I)),
    ("number", re.compile(r"\bhow (?:many|much|big|large)\b|\bberapa\b|" + _WHAT_THE + r"(?:percentage|share|amount|number|score|total|figure|rate)\b", re.I)),
    ("say", re.compile(r"\bwhat did .+ (?:say|tell|claim|think)\b|\bapa (?:kata|yang dikatakan|yang disampaikan|pendapat|komentar|tanggapan)\b", re.I)),
    ("who", re.compile(r"\bwho(?:m|se)?\b|\bsiapa(?:kah)?\b", re.I)),
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
_TIME_WORDS = tuple(word for unit in TIME_UNITS for word in unit)
# A sum of money: "£2.25m", "Rp 13 juta", "20 miliar dolar".
_SUM = rf"(?:£|\$|€|¥|\bRp\.?)\s?\d|(?:\d|\b(?:{NUMBER_WORDS})\b)[\w.,\s]{{0,20}}?\b(?:dollars?|pounds?|euros?|rupiah|yen|dolar|euro|poundsterling|ringgit|yuan|rupees?|francs?)\b"  # fmt: skip
SLOT_FILLERS = {
    # Indonesian news gives an age after a person noun: "Wanita 28 tahun itu", "bocah 8 tahun".
    "age": re.compile(r"\b\d{1,3}[- ]years?[- ]old\b|\baged? \d{1,3}\b|\bage of \d{1,3}\b|\b(?:berusia|berumur|usia(?:nya)?|umur(?:nya)?) (?:sekitar |kurang lebih |ke\s?-\s?)?\d{1,3}\b|\b(?:pria|wanita|perempuan|lelaki|laki-laki|bocah|anak|remaja|pemuda|gadis|nenek|kakek|balita|bayi|ibu|bapak) \d{1,3} tahun\b(?!\s+(?:penjara|kurungan|lalu|silam|terakhir|lamanya|ke depan))|(?P<own>\b(?-i:[A-Z])[\w'’-]+, \d{1,3},|\(\d{1,3}\))", re.I),
    "when": re.compile(rf"\b(?:19|20)\d\d\b|\b(?:{MONTHS})\b|\b(?:{DAYS})\b|\b\d{{1,2}}/\d{{1,2}}\b|\b(?:kemarin|besok|yesterday|today|tomorrow|hari ini|(?:last|this|next) (?:week|month|year)|(?:pekan|minggu|bulan|tahun) (?:lalu|ini|depan))\b", re.I),
    # A share in words counts too: "a quarter of web users", "dua pertiga", "separuh".
    "number": re.compile(rf"\d|\b(?:{NUMBER_WORDS})\b|\b(?:a|one|two|three)[- ](?:quarters?|thirds?)\b|\b(?:seperempat|sepertiga|setengah|separuh|seperlima|(?:dua|tiga) per(?:tiga|empat))\b", re.I),
    "money": re.compile(_SUM, re.I),
    # A result: "2-1", "21 - 16", "3-nil", "lima gol tanpa balas", "goalless"; not a range of
    # dates, times, ages, pages or counts ("24 - 29 Oktober", "pukul 19-21", "3-4 kali"), nor
    # a date "12-10-2017" or a "4-3-3" formation.
    "score": re.compile(rf"(?<![\d.,:/–-])\b\d{{1,3}}\s?[-–]\s?\d{{1,3}}\b(?![.,:]\d|\s?[-–/]\s?\d)(?!\s*(?:%|persen|per ?cent|juta|miliar|ribu|million|billion|bn|m|km|kg|kali|times|orang|people|{MONTHS}|{'|'.join(_TIME_WORDS)})\b)|\bgoalless\b|\btanpa gol\b|\b(?:\d{{1,2}}|{NUMBER_WORDS})[- ](?:nil|nol)\b|\b(?:\d{{1,2}}|{NUMBER_WORDS}) gol tanpa balas\b", re.I),
    # A change is also a share, points or a magnitude: "33%", "3 percentage points", "2 juta",
    # "doubled".
    "change": re.compile(rf"{_SUM}|\b\d[\d.,]*\s?(?:%|per ?cent\b|persen\b|(?:percentage )?points?\b|poin\b|(?:m|bn|million|billion|juta|miliar|triliun)\b)|\b(?:doubled|halved|tripled|berlipat)\b", re.I),
    "duration": re.compile(rf"\b(?:\d+(?:[.,]\d+)?|{NUMBER_WORDS}|a|an|several|beberapa)[- ](?:{'|'.join(_TIME_WORDS)})\b|\bse(?:detik|menit|jam|hari|minggu|pekan|bulan|tahun|abad)\b|\bsince\b|\bsejak\b|\bselama\b", re.I),
    "distance": re.compile(rf"(?:\b\d[\d.,]*|\b(?:{NUMBER_WORDS}|a few|several|beberapa))\s?-?\s?(?:km|kilomet(?:er|re)s?|miles?|mil|met(?:er|re)s?)\b", re.I),
    "penalty": re.compile(rf"\b(?:\d+(?:[.,]\d+)?|{NUMBER_WORDS}) (?:tahun|bulan|hari|years?|months?|days?)\b|\blife\b|\bseumur hidup\b|\bdeath\b|\bhukuman mati\b|\bacquitted\b|\bbebas\b", re.I),
    "who": re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*"),
    "where": re.compile(r"\b[A-Z][\w'’-]+"),
}  # fmt: skip
_CALENDAR = re.compile(rf"(?:{MONTHS}|{DAYS})")
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


def question_entities(question: str) -> list[str]:
    """Names, acronyms and numbers the question is about (not question words or titles).

    >>> question_entities("What did Zelensky say about the negotiations?")
    ['zelensky']
    """
    out: list[str] = []
    first_word = re.match(r"\W*(\w+)", question)
    for m in _ENTITY.finditer(question):
        word = POSSESSIVE.sub("", m.group(0))  # "Rossi's" -> "Rossi"
        low = word.lower()
        if low in QUESTION_WORDS or low in TITLE_WORDS or low in STOPWORDS:
            continue
        if first_word and m.start() == first_word.start(1) and not word.isupper():
            possessive = word != m.group(0)  # "Zelensky's view on …" opens with a name
            if not possessive or low in _NOT_OWNERS:
                continue  # capitalised only because it starts the sentence
        if _CALENDAR.fullmatch(low):
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


def _stems(word: str) -> set[str]:
    return {word, stem_id(word), stem_en(word)}


def _near_role(sentence: str, start: int, end: int, roles: Sequence[tuple[int, int]], asked: ParsedQuestion) -> bool:  # fmt: skip
    """Whether the span start:end stands within ROLE_NAME_REACH words of one of the role's
    `roles` spans, not counting the question's own words, names and titles between them:
    "Direktur Utama Bursa Efek Surabaya (BES) Bastian Purnama" names the asked director,
    "Pendiri usaha budidaya mutiara mabe di Palabusa, Sukeyo Fujita" the asked founder. A span
    overlapping the role has nothing between them."""
    own = asked.words | TITLE_WORDS
    for role_start, role_end in roles:
        between = sentence[role_end:start] if start >= role_end else sentence[end:role_start]
        words = [w for w in WORD.findall(between.lower()) if w not in own and not content_terms(w) & asked.terms]  # fmt: skip
        if len(words) <= ROLE_NAME_REACH:
            return True
    return False


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
    speaker: str | None  # "what did X say": X
    ordinals: tuple[tuple[str, ...], ...]  # `question_ordinals`
    name_phrases: tuple[tuple[str, ...], ...]  # `question_name_phrases`
    translated: tuple[frozenset[str], ...]  # its words the glossary knows, translated
    role_translated: frozenset[str]  # `role`'s translations
    place_kind: re.Pattern | None  # `asked_place_kind`
    name_role: frozenset[str] | None  # `asked_name_role`
    words: frozenset[str]  # every word of the question, in lower case


@lru_cache(maxsize=256)
def parse_question(question: str) -> ParsedQuestion:
    """The question parsed once for all the passages and sentences it is checked against."""
    entities = tuple(question_entities(question))
    slot = asked_slot(question)
    focus, role = question_focus(question), question_role(question, slot)
    named = {form for e in entities for form in _stems(e)}
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
        speaker=asked_speaker(question),
        ordinals=tuple(question_ordinals(question)),
        name_phrases=tuple(tuple(words) for words in question_name_phrases(question)),
        translated=tuple(forms for word in word_forms if (forms := translations(word))),
        role_translated=frozenset().union(*map(translations, role)) if role else frozenset(),
        place_kind=asked_place_kind(question) if slot in ("who", "where") else None,
        name_role=asked_name_role(question) if slot == "who" else None,
        words=frozenset(WORD.findall(question.lower())),
    )


# Names that differ between Indonesian and English news (countries, demonyms, institutions).
NAME_ALIASES = [
    # Countries come from the one table of places (ingest.places.COUNTRY_ALIASES).
    *COUNTRY_ALIASES,
    {"north", "utara"}, {"south", "selatan"}, {"eu", "ue"},
    {"open", "terbuka"}, {"cup", "piala"}, {"world", "dunia"},
    {"police", "polisi", "polri"}, {"parliament", "dpr", "house", "representatives"},
    {"president", "presiden"}, {"union", "uni"}, {"united", "serikat"},
    # Places, institutions and their words, as English news names Indonesian ones.
    {"west", "barat"}, {"east", "timur"}, {"central", "tengah"}, {"java", "jawa"},
    {"sumatra", "sumatera"}, {"borneo", "kalimantan"}, {"celebes", "sulawesi"},
    {"moluccas", "maluku"}, {"island", "islands", "pulau", "kepulauan"}, {"river", "sungai", "kali"},
    {"mount", "gunung"}, {"lake", "danau"}, {"sea", "laut"}, {"strait", "selat"}, {"bay", "teluk"},
    {"court", "pengadilan", "mahkamah"}, {"constitutional", "konstitusi", "mk"},
    {"commission", "komisi"}, {"corruption", "korupsi", "kpk"}, {"eradication", "pemberantasan"},
    {"ministry", "kementerian"}, {"national", "nasional"}, {"agency", "badan"},
    {"statistics", "statistik", "bps"}, {"election", "elections", "pemilu", "pilkada", "pemilihan"},
    {"regional", "daerah"}, {"province", "provinsi"}, {"regency", "kabupaten"},
    {"islamic", "islam"}, {"university", "universitas"}, {"military", "armed", "tni"},
    {"airport", "bandara"}, {"hospital", "rs"},
    {"prosecutor", "prosecutors", "attorney", "jaksa", "kejaksaan", "kejagung"},
    {"narcotics", "narkotika", "narkoba", "bnn"}, {"finance", "keuangan"}, {"social", "sosial"},
    {"health", "kesehatan"}, {"education", "pendidikan"}, {"religious", "agama"},
    {"trade", "perdagangan"}, {"tourism", "pariwisata"}, {"palace", "istana"},
    {"stock", "exchange", "bursa", "saham"}, {"democratic", "democrats", "demokrat"},
    {"party", "partai"}, {"league", "liga"}, {"championship", "championships", "kejuaraan"},
    # Bodies and measures whose short forms differ between the languages, also written out:
    # "UN" for "the United Nations'" and "PBB", "PDB" for "gross domestic product".
    {"un", "pbb", "united nations", "perserikatan bangsa-bangsa"},
    {"gdp", "pdb", "gross domestic product", "produk domestik bruto"},
    {"imf", "international monetary fund", "dana moneter internasional"},
]  # fmt: skip
_ALIAS_OF = {name: group for group in NAME_ALIASES for name in group}


def entity_in(entity: str, text_lower: str) -> bool:
    """Entity match tolerant of inflection and language: 'Jakarta' in 'jakarta-based',
    'Zelensky' in 'zelenskyy', 'Romania' in 'rumania'."""
    if entity in _ALIAS_OF:
        return any(_entity_in(alias, text_lower) for alias in _ALIAS_OF[entity])
    return _entity_in(entity, text_lower)


# What may follow a name in a word that is still the name: "rossi's", "indonesian", "jakartanya".
_INFLECTION = r"(?:['’]s|s|es|n|an|ian|nya)?"


def _entity_in(entity: str, text_lower: str) -> bool:
    if entity.isdigit() or re.fullmatch(r"[\d.,]+", entity):
        digits = entity.replace(",", "").replace(".", "")
        if digits in re.sub(r"[.,]", "", text_lower):
            return True
        return spelled_in(entity, text_lower)
    if not entity.isalnum():  # GO-JEK also written "GO - JEK" or "gojek"
        squashed = re.sub(r"\W+", "", entity)
        return len(squashed) >= 3 and squashed in re.sub(r"\W+", "", text_lower)
    if len(entity) <= 3:
        return re.search(rf"\b{re.escape(entity)}\b", text_lower) is not None
    # An inflected form, a whole word: "Jakarta" in "jakarta-based", "Indonesia" in
    # "indonesian", "Rossi" in "rossi's"; never a stem cut below four letters, nor the start of
    # another word ("Mars" is neither "Marcus" nor "Marsudi", "Bali" no "balita").
    if any(re.search(rf"\b{re.escape(form[:-1])}\w?{_INFLECTION}\b" if len(form) > 4 else rf"\b{re.escape(form)}{_INFLECTION}\b", text_lower) for form in _stems(entity) if len(form) >= 4):  # fmt: skip
        return True
    return bool(_spelled_alike_in(entity, text_lower))


def _spelled_alike_in(word: str, text_lower: str) -> set[str]:
    """The words of the text that are `word` as people spell it ('zelensky' for 'zelenskyy')."""
    if len(word) < SPELLING_MIN_LENGTH:
        return set()
    return {w for w in _words_of(text_lower) if abs(len(w) - len(word)) <= 1 and spelled_alike(word, w)}  # fmt: skip


@lru_cache(maxsize=2048)
def _words_of(text_lower: str) -> frozenset[str]:
    """The text's words that could be a name (SPELLING_MIN_LENGTH letters or more)."""
    return frozenset(w for w in re.findall(r"[^\W\d_]+", text_lower) if len(w) >= SPELLING_MIN_LENGTH and w not in STOPWORDS and not _SAY_VERB.fullmatch(w))  # fmt: skip


def spelled_in(number: str, text_lower: str) -> bool:
    """Whether the text writes a small whole number in words ("15" as "lima belas")."""
    spelled = SPELLED_NUMBERS.get(number, ()) if number.isdigit() else ()  # not "1.5"
    # "lima" is 5, but not in "lima belas" (15); "twenty" is 20, not in "twenty-five".
    return any(re.search(rf"\b{words}\b(?![\s-]*(?:belas|puluh|ratus|ribu|juta|one|two|three|four|five|six|seven|eight|nine)\b)", text_lower) for words in spelled)  # fmt: skip


def _spelled_numbers() -> dict[str, tuple[str, ...]]:
    """Small numbers as news writes them in words, in English and Indonesian: "15" ->
    ("fifteen", "lima belas"). A question's "15-year-old" is the article's "Fifteen-year-old"."""
    en = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]  # fmt: skip
    id_ = ["dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
    table = {str(n): (word,) for n, word in enumerate(en, 2)}
    for n, word in enumerate(id_, 2):
        table[str(n)] += (word,)
        table[str(n + 10)] += (f"{word} belas",)
        table[str(n * 10)] = table.get(str(n * 10), ()) + (f"{word} puluh",)
    table["10"] += ("sepuluh",)
    table["11"] += ("sebelas",)
    for n, word in zip(range(30, 100, 10), ["thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], strict=True):  # fmt: skip
        table[str(n)] += (word,)
    return table


SPELLED_NUMBERS = _spelled_numbers()


def slot_filled(slot: str, sentence: str, q_entities: Sequence[str], passage: str = "", asked: ParsedQuestion | None = None) -> bool:  # fmt: skip
    if slot not in SLOT_FILLERS:
        return True
    return next(slot_fillers(slot, sentence, q_entities, passage, asked), None) is not None


# A number of months, years, days … counts time (or an age), not the thing a "how many" question
# counts, unless that thing is time itself ("How many weeks …"), and then in its own unit: "three
# days" does not say how many weeks.
# After the matched digit or number word: the rest of the number ("dua puluh", "10-12"), then
# the unit.
_TIME_AFTER = re.compile(rf"(?:[\d.,:/]|\s*-\s*(?=\d)|\s*-?\s*(?:{NUMBER_WORDS}|belas)\b)*\s*(?:-\s*)?(?P<unit>{'|'.join(_TIME_WORDS)})\b", re.I)  # fmt: skip
_UNIT_OF = {word: frozenset(unit) for unit in TIME_UNITS for word in unit}
# "UU Nomor 31 Tahun 1999", "Perpres No 20 Tahun 2017": a law's number and year, not 31 years.
_LAW_NUMBER = re.compile(r"\b(?:nomor|no\.?)\s*\d[\d.,]*\s+tahun\s+(?:19|20)\d\d\b", re.I)
# A letter's or a decision's reference: "surat nomor S-781/MK.08/2017", "Kepmen No. 12/2017",
# "Nomor: S - 781/MK 08/2017" (a part may follow a space: "MK 08"). Not the English "no 2/3
# majority": "no" only as "No" or "No.".
_REFERENCE_NUMBER = re.compile(
    r"\b(?:[Nn]omor|NOMOR|No\.?|NO\.?)\s*:?\s*(?:[A-Z]{1,5}\s*-\s*)?\d[\w.-]*(?:/[\w.-]+(?: \d[\w.-]*(?=/))?)+"
)


_REFERENCED_SLOTS = frozenset({"number", "duration", "penalty", "money", "change"})


def time_counted(focus: Set[str] | None) -> frozenset[str] | None:
    """The spans of time that may answer a "how many" question counting `focus`
    (`question_focus`), as the words of their unit: None when any may (it says not what it
    counts, or asks "berapa waktu"), the unit's words in both languages when it counts one
    ("How many weeks …" -> week, weeks, minggu, pekan), and none when it counts a thing."""
    if not focus or focus & {"time", "waktu"}:
        return None
    return frozenset().union(*(_UNIT_OF.get(stem, ()) for stem in focus))


# Days and months are capitalised, and never the person, thing or place asked for. Unlike
# _CALENDAR, no "May" or "Jan": those are names too.
_CALENDAR_WORD = re.compile(
    r"januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember|"
    rf"january|february|march|june|july|august|october|december|{DAYS}",
    re.I,
)


# Where a capitalised word opens a sentence: the sentence's start, or a quote opened after a
# colon or comma ('He said: "Last week …"', "kata dia, “Kami …"); not a scare quote ('dubbed
# "Brexit"') or a bracket ("(KPK)").
_OPENS_A_SENTENCE = re.compile(r"^[\s\"“‘'(]*$|[:,]\s*[\"“‘']\s*$")


# Who-questions that ask for a person by what they do.
# "Executive" is no title of its own (asked_kind._NOT_ROLE_TITLES: "chief executive"), but is
# asked for as one ("Which Marsh executive …"); "wakil" is as often a team's as a person's.
_PERSON_ROLE = "|".join(
    map(re.escape, sorted(PERSON_ROLES - {"wakil"} | {"executive", "eksekutif"}))
)
_PERSON_ASKED = re.compile(rf"\b(?i:which|what|siapa(?:kah)?)\s+(?:(?:[A-Z][\w.'’-]*|&|of|and|dan)\s+)*(?i:{_PERSON_ROLE})s?\b(?!['’])|\b(?i:{_PERSON_ROLE})\s+(?:[A-Z][\w.'’-]*\s+)*(?i:siapa|mana)\b")  # fmt: skip
# "her" is left out: "told her Putin …" is also its object.
_AFTER_POSSESSIVE = re.compile(r"\b(?:his|its|their|our|my|your)\s+$", re.I)


def _name_at_sentence_start(word: str, passage: str) -> bool:
    """Whether a capitalised word opening a sentence is a name: capitals there say nothing, so
    it is one when the passage also capitalises it mid-sentence ("… said Mr Knapman." then
    "Knapman added …"), and not when it never does ("Despite that …", "Menanggapi …")."""
    return re.search(rf"[\w,;:)]\s+{re.escape(word)}(?![\w'’-])", passage) is not None


# The slots a number answers: a figure of some year ("What was Ramayana's net profit in 2015?").
COUNTED_SLOTS = frozenset({"number", "money", "change", "duration", "age", "penalty", "distance", "score"})  # fmt: skip


def _dated_otherwise(sentence: str, years: Sequence[str]) -> bool:
    """Whether a sentence names a year, and none of the question's `years`."""
    written = set(_YEAR_IN_TEXT.findall(sentence))
    return bool(written) and not written & set(years)


def slot_fillers(slot: str, sentence: str, q_entities: Sequence[str], passage: str = "", asked: ParsedQuestion | None = None) -> Iterator[tuple[int, int]]:  # fmt: skip
    """Spans in `sentence` that could answer a question asking for `slot`: a number, date,
    name, place, age, sum, span of time or distance other than those the question itself names.
    `passage` (the sentence's passage) tells a name from a word capitalised only because it
    opens the sentence. The question as parsed (`asked`) narrows them further:

    - its `counted_time` acts on the "number" slot: None keeps every number, an empty set drops
      the numbers of months, years, days …, and a unit's words keep only the numbers in that unit;
    - its `place_kind` keeps only the names written with that kind of place: "RS Mitra
      Keluarga", "rumah sakit Cedars";
    - its `name_role`, where the sentence writes the role, keeps only the names next to it: "a
      Brazilian programmer" names no one, whatever else the sentence names;
    - its `years`: a figure in a sentence dated to another year only is that year's ("pada 2016
      … laba bersih Rp 408 miliar" is no profit for 2015)."""
    counted_time = asked.counted_time if asked else None
    place_kind = asked.place_kind if asked else None
    roles = role_spans(sentence, asked.name_role) if asked and asked.name_role else []
    if asked and asked.years and slot in COUNTED_SLOTS and _dated_otherwise(sentence, asked.years):
        return
    asked_numbers = {re.sub(r"[.,]", "", e) for e in q_entities}
    # A law's or a letter's number counts nothing; looked for only where a count is asked.
    references = [(ref.start(), ref.end()) for pattern in (_LAW_NUMBER, _REFERENCE_NUMBER) for ref in pattern.finditer(sentence)] if slot in _REFERENCED_SLOTS else []  # fmt: skip
    for m in SLOT_FILLERS[slot].finditer(sentence):
        found, start = m.group(0).lower(), m.start()
        if slot == "when" and _YEAR_IN_TEXT.fullmatch(found) and (name := _YEAR_OF_A_NAME.search(sentence[:start])) and name.group(1).lower() not in STOPWORDS:  # fmt: skip
            continue  # "WITNESS: The Tour 2018", "Prancis Terbuka 2017": a name's year dates nothing
        if slot == "score" and _RANGE_OF.search(sentence[:start]):
            continue  # "pukul 19-21", "aged 18-24", "halaman 10-12": a range, no result
        if slot == "number" and _DATE_NUMBER.fullmatch(_number_at(sentence, m.start(), m.end())):
            continue  # "2015", "(14/2)", "pukul 07.00" date an event; they count nothing
        if any(a <= start < b for a, b in references):
            continue  # "Nomor 31 Tahun 1999" numbers a law, "nomor S-781/MK.08/2017" a letter
        if slot == "number" and counted_time is not None:
            span = _TIME_AFTER.match(sentence, m.end())
            if span and span.group("unit").lower() not in counted_time:
                continue  # "sepuluh bulan", "51 tahun": time or an age, not the thing counted
            if counted_time and not span:
                continue  # "Pasal 22" is no number of years
        if slot in ("number", "when", "penalty", "money", "change", "duration", "distance") and re.sub(r"[.,]", "", found) in asked_numbers:  # fmt: skip
            continue  # a number the question itself mentions answers nothing
        if slot in ("money", "change") and (amount := re.search(NUMBER, sentence[start:])) and re.sub(r"[.,]", "", amount.group(0)) in asked_numbers:  # fmt: skip
            continue  # nor does its own sum or share: "£5m" or "10%" in "… after the 10% levy"
        if slot == "age" and m.group("own"):
            # "Riyad Jaffar (27)" is Riyad Jaffar's age: it answers only for the asked person.
            named = sentence[max(0, m.start() - 40) : m.end()].lower()
            if not any(entity_in(e, named) for e in q_entities if not e[0].isdigit()):
                continue
        if slot in ("who", "where"):
            opens = _OPENS_A_SENTENCE.search(sentence[:start]) is not None
            if opens:
                # A word that opens the sentence without being a name is no part of the name
                # after it: "The Tokyo …", "Fifteen-year-old Donald Young's …".
                lead = WORD.match(sentence, start)
                rest = re.match(r"\s+(?=[A-Z])", sentence[lead.end() : m.end()]) if lead else None
                if rest and lead.group(0).lower() not in TITLE_WORDS and not _name_at_sentence_start(lead.group(0), passage or sentence):  # fmt: skip
                    start, opens = lead.end() + rest.end(), False
                    found = sentence[start : m.end()].lower()
            # A name that is only the question's own entity (or a title) answers nothing.
            words = [w for w in WORD.findall(found) if w not in TITLE_WORDS]
            if (
                slot == "who"
                and asked
                and asked.person_asked
                and all(w in COUNTRIES for w in words)
            ):
                continue  # "US", "China": a country, not the asked person
            if slot == "who" and len(words) == 1 and words[0] in DEMONYMS:
                continue  # "Italian", "Japanese": a nationality, not who
            if slot == "who" and len(words) == 1 and _AFTER_POSSESSIVE.search(sentence[:start]):
                continue  # "his Tour debut", "their Premiership rivals": a thing someone has
            if not words or all(any(entity_in(e, w) for e in q_entities) for w in words):
                continue
            if start == 0 and len(words) == 1 and words[0] in STOPWORDS | QUESTION_WORDS:
                continue
            named = [w for w in words if w not in STOPWORDS]
            if named and all(_CALENDAR_WORD.fullmatch(w) for w in named):
                continue
            as_written = WORD.findall(sentence[start : m.end()])
            if opens and len(as_written) == 1 and not _name_at_sentence_start(as_written[0], passage or sentence):  # fmt: skip
                continue
            if place_kind and not (place_kind.search(sentence[start : m.end()]) or KIND_BEFORE_NAME[place_kind].search(sentence[max(0, start - 30) : start])):  # fmt: skip
                continue  # "In which hospital …": "Kinsey Millhone" names none
            if roles and not _near_role(sentence, start, m.end(), roles, asked):
                continue  # "… by a Brazilian programmer", and "Sophos" said so
            if asked and asked.name_role and names_an_organisation(sentence[start : m.end()]):
                continue  # "Which Rosneft spokesman …": "Menatep Group" is none
        yield start, m.end()


_RANGE_OF = re.compile(r"\b(?:pukul|jam|aged|usia|umur|halaman|page|pages|pasal|article|nomor|no|tahun|years?)\.?\s+$", re.I)  # fmt: skip
# A year right after a capitalised word that is no month, weekday or stopword ("In 2000") ends
# a name: "The Tour 2018", "Piala Presiden 2018".
_YEAR_OF_A_NAME = re.compile(rf"\b(?!(?i:{MONTHS}|{DAYS})\b)([A-Z][\w'’-]*)\s+$")


DATE = r"(?:19|20)\d\d|\d{1,2}/\d{1,2}(?:/\d{2,4})?"  # a year, "14/2", "14/2/2017"
_DATE_NUMBER = re.compile(rf"{DATE}|\d{{1,2}}[.:]\d\d")  # or a clock time, "07.00"


def _number_at(sentence: str, start: int, end: int) -> str:
    """The whole numeric token around a match: "14/2" for the "1" of "(14/2)"."""
    while start > 0 and re.match(r"[\d/.:]", sentence[start - 1]):
        start -= 1
    while end < len(sentence) and re.match(r"[\d/.:]", sentence[end]):
        end += 1
    token = sentence[start:end].rstrip(".:/")
    # "pukul 07.00" is a time; "9.081" (thousands) and "6,96" are counts.
    if re.fullmatch(r"\d{1,2}\.\d\d", token) and not re.search(r"(?:pukul|jam|at)\s*$", sentence[:start], re.I):  # fmt: skip
        return ""
    return token


def filler_near_terms(spans: list[tuple[int, int]], sentence: str, q_terms: Set[str], reach: int = 3, skip: Set[str] = frozenset()) -> bool:  # fmt: skip
    """Whether a slot filler stands within `reach` words of a question content word: "(coach)
    Peter Lundgren", "9.081 paspor", "Direktur Eksekutif …, Juda Agung". Words in `skip`
    (lower-cased) are not counted."""
    if not spans or not q_terms:
        return False
    words = [w for w in WORD.finditer(sentence) if w.group(0).lower() not in skip]
    asked = [i for i, w in enumerate(words) if content_terms(w.group(0)) & q_terms]
    if not asked:
        return False
    for a, b in spans:
        inside = [i for i, w in enumerate(words) if w.start() < b and w.end() > a]
        if inside and any(min(inside) - reach <= i <= max(inside) + reach for i in asked):
            return True
    return False


_ORDINALS_EN = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")  # fmt: skip
_ORDINALS_ID = ("kedua", "ketiga", "keempat", "kelima", "keenam", "ketujuh", "kedelapan", "kesembilan", "kesepuluh")  # fmt: skip
_CARDINALS_EN = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_CARDINALS_ID = ("dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh")  # fmt: skip


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


def _ordinal_in(forms: tuple[str, ...], text_lower: str) -> bool:
    return any(
        entity_in(form, text_lower)
        if form.isdigit()
        else re.search(rf"\b{re.escape(form)}\b", text_lower)  # fmt: skip
        for form in forms
    )


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
        runs = [run for part in owners for run in re.split(r"\s*\b(?:" + _CALENDAR.pattern + r")\b\s*", POSSESSIVE.sub("", part).lower())]  # fmt: skip
        for run in runs:
            run_words = run.split()
            while run_words and (run_words[0] in QUESTION_WORDS or run_words[0] in TITLE_WORDS):
                run_words.pop(0)
            while run_words and run_words[-1] in NAME_TITLES:  # "Astra International Tbk"
                run_words.pop()
            if len(run_words) >= 2:
                out.append(run_words)
    return out


def _word_pattern(word: str) -> str:
    if word.isdigit():
        return rf"(?<![\d.,]){word}(?![\d.,]?\d)"  # "Note 8" is not "Note 80"
    parts = [re.escape(part) for part in re.split(r"\W+", word) if part]
    if len(parts) == 1 and len(word) > 4:
        parts = [
            re.escape(word[:-1])
        ]  # inflected: "globe" in "globes", "ferdinand" in "ferdinand's"
    return r"\b" + r"\W*".join(parts) + r"[\w'’-]*"


def phrase_scattered(words: Sequence[str], text_lower: str) -> bool:
    """Whether the last word of a name phrase and another of its words are in the text, but not
    together: "Undang-Undang Ibu Kota Negara" against a passage on another law that mentions
    "undang-undang" and "negara". Its last two words within three words of each other are
    enough ("Menteri Keuangan Sri Mulyani" -> "Sri Mulyani", "Timnas U-22" -> "Timnas Indonesia
    U-22"). One word alone is no scattering: a surname ("Mr Kilroy-Silk") or, in Indonesian
    news, a first name ("kata Juda") is how a name is repeated."""
    *first, last = words
    if not entity_in(last, text_lower) or not any(entity_in(w, text_lower) for w in first):
        return False  # one word alone, or the name not here at all (the name check's business)
    gap = 0 if last.isdigit() else 2  # a number belongs to the word before it: "Note 8", "Liga 1"
    near = rf"{_word_pattern(words[-2])}(?:\W+[\w'’-]+){{0,{gap}}}\W*{_word_pattern(last)}"
    return re.search(near, text_lower) is None


def passage_dateline(passage: str, body: str) -> str:
    """The dateline ("Rimanews - ") that `blank_dateline` blanked out of `passage` into `body`."""
    return passage[: len(body) - len(body.lstrip())]


def answering_passages(question: str, hits: list[Hit], question_language: str) -> list[Hit]:
    """The retrieved passages that plausibly answer `question` (see `why_not_answered`)."""
    return [
        h
        for h in hits
        if passage_answers(
            question,
            h.text,
            h.metadata.get("title", ""),
            h.metadata.get("lang") == question_language,
            h.metadata.get("date", ""),
            h.metadata.get("lang"),
        )
    ]


def passage_answers(question: str, passage: str, title: str = "", same_language: bool = True, date: str = "", passage_language: str | None = None) -> bool:  # fmt: skip
    """Whether `passage` (with its article title and date) plausibly answers `question`."""
    return why_not_answered(question, passage, title, same_language, date, passage_language) is None


# National news leaves its own country implicit: a BBC report on ID cards never says "UK", an
# Indonesian one on inflation rarely says "Indonesia". Keyed by the passage's language.
HOME_COUNTRY = {"en": "britain", "id": "indonesia"}


def named_in(entity: str, text_lower: str, passage_language: str | None) -> bool:
    """Whether a question name is in the text, or is the passage's own, implicit country."""
    if entity_in(entity, text_lower):
        return True
    home = HOME_COUNTRY.get(passage_language or "")
    return home is not None and entity in _ALIAS_OF.get(home, ())


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


_YEAR_IN_TEXT = re.compile(r"\b(?:19|20)\d\d(?!\d)")


def _year_unverifiable(number: str, years: Sequence[str], date: str, text_lower: str) -> bool:
    """Whether a year the question names cannot be checked against the passage: it has no date
    (BBC articles carry none) and states no year of its own. "The 2005 Oscars" is then this
    article's Oscars as much as any year's; a passage that dates itself otherwise is checked."""
    return not date and number in years and not _YEAR_IN_TEXT.search(text_lower)


def why_not_answered(question: str, passage: str, title: str = "", same_language: bool = True, date: str = "", passage_language: str | None = None) -> str | None:  # fmt: skip
    """None when the passage plausibly answers the question, else the reason it does not."""
    text = f"{title}\n{date[:10]}\n{passage}"  # with its dateline: its place is the story's place
    low = text.lower()
    parsed = parse_question(question)
    entities, names, q_terms, slot = parsed.entities, parsed.names, parsed.terms, parsed.slot
    missing_numbers = [
        n
        for n in parsed.numbers
        if not entity_in(n, low) and not _year_unverifiable(n, parsed.years, date, low)
    ]
    if missing_numbers:
        return f"numbers {missing_numbers} not in passage"
    if names:
        missing = [e for e in names if not named_in(e, low, passage_language) and not _named_by_another_part(e, parsed.name_phrases, text, passage)]  # fmt: skip
        # Every name must be there; with 3+ names allow one miss (a partial name).
        if len(missing) > (1 if len(names) >= 3 else 0):
            return f"names {missing} not in passage"
    for forms in parsed.ordinals:
        if not _ordinal_in(forms, low):
            return f"'{forms[0]}' not in passage"
    if same_language:
        for words in parsed.name_phrases:
            if phrase_scattered(words, low):
                return f"'{' '.join(words)}' not in passage as one name"
    if slot == "say" and parsed.speaker:
        body = blank_dateline(passage)
        theirs = [q for q in extract_quotes(body) if same_speaker(parsed.speaker, q.speaker_key)]
        if not theirs and not _named_saying(parsed.speaker, low):
            return f"no statement by {parsed.speaker}"
        topic = asked_topic(question)
        if topic and not _speaks_on(parsed.speaker, topic, entities, body, theirs, title, passage_language):  # fmt: skip
            return f"no statement by {parsed.speaker} on {topic}"
    elif slot in SLOT_FILLERS:
        body = blank_dateline(passage)  # its sentences, without "Rimanews - "
        sentences = [body[a:b] for a, b in split_sentences(body)]
        focus = focus_in_language(parsed.focus, same_language) if slot in ("number", "age", "money") else None  # fmt: skip
        terms = [content_terms(sentence) for sentence in sentences]
        # A price may follow the sentence naming what it is paid for: "… tur hanya dibuka pada
        # jam 3 sampai jam 6 sore. Kamu perlu membayar sebesar AUD$ 20 …". A count names its
        # counted thing itself.
        focus_reach = 1 if slot == "money" else 0
        # A date is the asked event's only in a sentence that writes the event: "mengumumkan
        # pertunangannya pada bulan lalu" dates no wedding, though it names the couple. The
        # sentence before counts too: "… terhadap tentara Ukraina. Jika mereka menyerah, …
        # kata Putin, seperti dikutip CNN pada Sabtu 15 Maret 2025."
        event_forms = _event_forms(parsed, same_language) if slot == "when" else None

        def on_the_question(i: int) -> bool:
            if event_forms:
                return bool(event_forms & (terms[i] | (terms[i - 1] if i else set())))
            return not same_language or not q_terms or bool(q_terms & terms[i]) or any(entity_in(e, sentences[i].lower()) for e in names)  # fmt: skip

        filled = [
            i
            for i, sentence in enumerate(sentences)
            if on_the_question(i)
            and (not focus or focus & set().union(*terms[max(0, i - focus_reach) : i + 1]) or (same_language and _says_the_rest(parsed, focus, terms[i])))
            and slot_filled(slot, sentence, parsed.given, body, parsed)
        ]  # fmt: skip
        if parsed.name_role:
            writes_role = [bool(role_spans(sentence, parsed.name_role)) for sentence in sentences]
            if any(writes_role):  # the article writes the role: only a name next to it counts
                filled = [i for i in filled if writes_role[i]]
        asked_countries = _countries_asked(parsed, passage_language)
        if asked_countries:
            filled = [i for i in filled if not _of_other_countries(sentences[i], asked_countries)]  # fmt: skip
        if not filled:
            return f"no {slot} in a relevant sentence"
        # Across languages the question's words are looked for as the glossary translates them.
        money_terms = q_terms if same_language else frozenset().union(*parsed.translated)
        if slot == "money" and money_terms and not any(_money_near_terms(sentences[i], entities, body, money_terms) for i in filled):  # fmt: skip
            return "no sum of money near the question's words"
        heading = f"{title} {passage_dateline(passage, body)}"
        if names and not any(_names_near(names, sentences, i, heading, passage_language) for i in filled):  # fmt: skip
            return f"no {slot} near {', '.join(names)}"
    # One content word is no test: news writes "is suing for", not the question's "want".
    if slot is None and same_language and len(parsed.word_forms) >= 2:
        # Counted by word, not by form: "diketuai" (and its stem "tuai") is one word missing.
        p_terms = content_terms(text)
        missing = [word for word, forms in parsed.word_forms if not forms & p_terms]
        if len(missing) / len(parsed.word_forms) > 0.66:
            return f"content words {sorted(missing)} not in passage"
    return None


# "Kapan diadakannya International Conference on Thinking?": the named event is the question's
# event; these words only say that it took place.
_TOOK_PLACE = frozenset(content_terms(
    "diadakan diadakannya digelar berlangsung dilaksanakan diselenggarakan terjadi held take "
    "place happen happened occur occurred"
))  # fmt: skip


@lru_cache(maxsize=256)
def _event_forms(parsed: ParsedQuestion, same_language: bool) -> frozenset[str]:
    """The words that name a when-question's event, as a sentence would write them: the
    question's own in its language, the glossary's translations in the other. Words that only
    say an event took place ("digelar", "held") name none; empty when no word is left."""
    if same_language:
        return parsed.terms - _TOOK_PLACE
    return frozenset().union(*(content_terms(" ".join(forms)) for forms in parsed.translated)) - _TOOK_PLACE  # fmt: skip


_COUNTRY_OF = {name: group for group in COUNTRY_ALIASES for name in group}
# A country's name as a sentence writes it: capitalised, a short form in capitals ("AS", "US").
_COUNTRY_WORD = re.compile(r"\b(?:[A-Z][a-z]+|[A-Z]{2,3})\b")
# Short forms are countries only in capitals: "As of Monday" is no "AS" (Amerika Serikat).
_SHORT_COUNTRY_FORMS = frozenset({"as", "us", "ri", "uk"})
# A country that is no place of the sentence's fact: a currency's ("US$ 50", "dolar AS"), the
# Americas ("South America", "Amerika Latin"), an office's ("Presiden AS", "the US president"),
# whose holder may act anywhere; and words that name a country only beside another: "States"
# but in "United States" ("Member States"), "Arab" but beside "Saudi" ("Uni Emirat Arab").
_NOT_A_PLACE = re.compile(
    r"(?<!United )\bStates\b|(?<!Saudi )\bArab\b(?!\s+Saudi)"
    r"|\b(?:US|S|A|HK)\$|\bdolar\s+(?:AS|Amerika|Singapura|Australia|Hong\s+Kong)\b|\b(?:US|Australian|Singapore|Canadian)\s+dollars?\b"
    r"|\b(?:South|Latin|Central|North)\s+America\b|\bAmerika\s+(?:Selatan|Latin|Tengah)\b"
    r"|\b(?i:presiden|menteri|menlu|dubes|duta\s+besar|perdana\s+menteri|pemerintah|president|minister|ambassador)\s+(?=[A-Z])\w+"
    r"|\b[A-Z]\w*\s+(?=(?:president|minister|ambassador|envoy|officials?|leader|government)\b)"
)


# Continents hold countries: a sentence on Sweden may answer a question on Europe.
_CONTINENTS = frozenset(_COUNTRY_OF[name] for name in CONTINENTS)
# The slots a country's figure or date fills; a who- or where-question may ask for the country.
_COUNTRY_BOUND_SLOTS = COUNTED_SLOTS | {"when"}


def _countries_asked(parsed: ParsedQuestion, passage_language: str | None) -> list[frozenset[str]]:  # fmt: skip
    """The countries whose figure or date a question asks for, but for the passage's own
    (`HOME_COUNTRY`), which its news leaves implicit, continents, and a country's word in a
    longer name."""
    if parsed.slot not in _COUNTRY_BOUND_SLOTS:
        return []
    home = _COUNTRY_OF.get(HOME_COUNTRY.get(passage_language or "", ""))
    # A country's word in a longer name is no country asked: "French Open", "Bank of China".
    in_names = {w for words in parsed.name_phrases if not all(x in COUNTRIES for x in words) for w in words}  # fmt: skip
    asked = dict.fromkeys(_COUNTRY_OF[n] for n in parsed.names if n in _COUNTRY_OF and n not in in_names)  # fmt: skip
    return [group for group in asked if group != home and group not in _CONTINENTS]


def _of_other_countries(sentence: str, asked: Sequence[frozenset[str]]) -> bool:
    """Whether a sentence names countries, none of them the question's: "Sedangkan di Jepang,
    tiket Katy Perry dimulai dari 10 ribu yen" prices no ticket in Australia."""
    text = _NOT_A_PLACE.sub(" ", sentence)
    named = {
        _COUNTRY_OF[word]
        for found in _COUNTRY_WORD.findall(text)
        if (word := found.lower()) in _COUNTRY_OF
        and (word not in _SHORT_COUNTRY_FORMS or found.isupper())
    }
    named -= _CONTINENTS
    return bool(named) and not any(group in named for group in asked)


def share_of_words(words: Sequence[Set[str]], sentence_terms: Set[str]) -> float:
    """The share of `words` (each a set of forms) with a form among `sentence_terms`."""
    return sum(bool(forms & sentence_terms) for forms in words) / len(words) if words else 0.0


def _says_the_rest(parsed: ParsedQuestion, focus: Set[str], sentence_terms: Set[str]) -> bool:
    """Whether a sentence holds most of a count question's words other than the counted thing,
    which it may name otherwise: "How many measures did the all-party betting group recommend?"
    is answered by "The all-party group recommended 15 ways to protect punters"."""
    rest = [forms for _, forms in parsed.word_forms if not forms & focus]
    return len(rest) >= 2 and share_of_words(rest, sentence_terms) >= 2 / 3


_NOT_ROLES = {"nama", "saja", "kind", "sort", "type", "jenis"}  # stopwords go in content_terms


def question_role(question: str, slot: str | None = None) -> set[str] | None:
    """Stems of the kind of thing a which/who question asks for: "Siapa kiper utama Timnas
    U-22?" -> {'kiper'}, "Which record label …" -> {'record'}. News often names it otherwise
    ("bos" / "CEO"), so it weighs in the ranking rather than decides."""
    if (slot or asked_slot(question)) != "who":
        return None  # a place's kind goes unsaid: "di Florida", not "di negara bagian Florida"
    m = ASKED_ROLE.search(question)
    if not m:
        return None
    role = (m.group("role") or m.group("role2")).lower()
    if role in _NOT_ROLES:
        return None
    return content_terms(role) or None


_FOCUS = re.compile(
    r"\b(?:how (?:many|much)|berapa(?:kah)?(?: (?:banyak|jumlah|total|besar|harga|biaya|tarif))?)\s+(?:(?:more|less|fewer|extra|lebih|kurang)\s+)?(?P<focus>[\w-]+)",
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


def question_focus(question: str) -> set[str] | None:
    """Stems of the word a quantity question counts: 'Berapa hadiah uang…' -> {'hadiah'}."""
    m = _FOCUS.search(question) or _RATE_OF.search(question)
    if not m:
        return None
    if m.group("focus").lower() in _NOT_COUNTED:
        return None  # a unit or a dimension, not a thing: the passage says "$6bn", "15 km", "(15)"
    terms = content_terms(m.group("focus"))
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
    {"cases", "kasus"}, {"prisoners", "inmates", "tahanan", "narapidana"},
    {"buses", "bus"}, {"caps"}, {"languages", "bahasa"}, {"grams", "gram"},
    {"kilograms", "kilogram", "kg"}, {"fine", "fined", "fines", "denda", "didenda"},
    {"population", "residents", "inhabitants", "penduduk"},
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


# News is full of sums (revenue, prices, losses); the one a "how much did X pay / offer"
# question asks for stands near one of its words ("paid £5m", "damages of $10m"). On dev a
# reach of 6 words refused two sums that answered other questions (the cost of piracy, money
# missing from an account), and no answerable question; a reach of 3 also refused an answer
# (a rise in maternity pay, "…to rise by £1,400 as part of new proposals"). Checkable only in
# the question's own language. The question's own names are not counted: "Harga Samsung Galaxy
# Note 8 di Indonesia Rp 13 juta" has the price two words from "harga".
MONEY_REACH = 6


# A price stands next to its own word: "moved to Chelsea for £2.25m", "a deal worth $8bn".
_PRICE_BEFORE = re.compile(r"\b(?:for|worth|seharga|senilai)\s+(?:(?:about|around|some|nearly|almost|over|more than|sekitar|hampir|lebih dari)\s+)?$", re.I)  # fmt: skip


def _money_near_terms(sentence: str, q_entities: Sequence[str], passage: str, q_terms: Set[str]) -> bool:  # fmt: skip
    sums = list(slot_fillers("money", sentence, q_entities, passage))
    if any(_PRICE_BEFORE.search(sentence[:a]) for a, _ in sums):
        return True
    named = {w for e in q_entities for w in WORD.findall(e.lower())}
    return filler_near_terms(sums, sentence, q_terms, reach=MONEY_REACH, skip=named)


# A filler answers for the question's names when one of them is in its sentence, in the two
# before it ("Amoruso … . He will be out for six weeks."), or in the heading (title and
# dateline). On dev this refused a number about another player in the same injury round-up,
# and no answerable question.
NAME_REACH = 2


def _named_by_another_part(entity: str, phrases: Sequence[Sequence[str]], text: str, body: str) -> bool:  # fmt: skip
    """Whether a name of two or three words ("Taufik Hidayat", "Tony Gunawan") is in `text` by
    another of its words standing alone as a name: news names a person again by one name
    ("kata Taufik", "Mr Blair"). "Taufik Kiemas" is someone else, "Leicester City" another
    club. Words shared by many names (countries, "Court", "National"; but "Mr Wales" is
    Jimmy Wales), stopwords, numbers and words the text also writes in lower case ("Bank" of
    "Silicon Valley Bank" where a passage on "Bank of America" says "the bank") do not count.
    `text` is the passage with its title, `body` the passage alone."""
    if any(ch.isdigit() for ch in entity):
        return False  # a model's code: "Samsung" does not stand for "SGH-i300" or "Galaxy S8"
    return any(
        entity in words
        and any(
            w != entity
            and (w not in _ALIAS_OF or _addressed_by_title(w, text))
            and w not in STOPWORDS
            and not w[0].isdigit()
            and not _written_in_lower_case(w, body)
            and _stands_alone_as_name(w, text)
            for w in words
        )
        for words in phrases
        if 2 <= len(words) <= 3
    )


_FORM_OF_ADDRESS = r"(?:Mr|Mrs|Ms|Dr|Sir|Pak|Bu|Bapak|Ibu)\.?"


def _addressed_by_title(word: str, text: str) -> bool:
    """Whether `text` writes `word` after a form of address, as a person's name: "Mr Wales" is
    Jimmy Wales, whatever country the word also names."""
    return re.search(rf"\b{_FORM_OF_ADDRESS}\s+(?i:{re.escape(word)})\b", text) is not None


def _written_in_lower_case(word: str, text: str) -> bool:
    """Whether `text` also writes `word` in lower case: a common noun ("the bank"), not a name,
    however often it is capitalised within one ("Bank of America"). A word a personal title
    stands before is a name all the same ("Mr Jobs said … create jobs"). `text` is an article's
    body, not its title: IndoSum titles are all lower case."""
    if _addressed_by_title(word, text):
        return False
    return re.search(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", text) is not None


def _stands_alone_as_name(word: str, text: str) -> bool:
    """Whether `text` writes `word` capitalised, with no other capitalised word next to it (a
    title such as "Mr" or "Presiden" may stand before it), and not only where a sentence opens."""
    tokens = list(WORD.finditer(text))
    for i, token in enumerate(tokens):
        written = token.group(0)
        if not written[:1].isupper() or POSSESSIVE.sub("", written).lower() != word:
            continue
        before = tokens[i - 1] if i else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        opens = before is None or re.search(r"[.!?\n]", text[before.end() : token.start()])
        if opens and not _name_at_sentence_start(written, text):
            continue
        # Any capitalised neighbour joins: "Leicester City" opens its sentence, and is a name.
        joined_before = before and not opens and before.group(0)[:1].isupper() and before.group(0).lower() not in ROLE_TITLES  # fmt: skip
        joined_after = after and after.group(0)[:1].isupper() and not re.search(r"[.!?,;:\n]", text[token.end() : after.start()])  # fmt: skip
        if not joined_before and not joined_after:
            return True
    return False


def _names_near(names: Sequence[str], sentences: list[str], i: int, heading: str, passage_language: str | None) -> bool:  # fmt: skip
    window = leading_up_to(sentences, i, NAME_REACH, heading)
    return any(named_in(e, window, passage_language) for e in names)


def leading_up_to(sentences: Sequence[str], i: int, reach: int, heading: str) -> str:
    """Sentence `i` with the `reach` sentences before it and the heading, lower-cased: where a
    name that a sentence's number or name belongs to is written."""
    return " ".join([heading, *sentences[max(0, i - reach) : i + 1]]).lower()


def _named_saying(speaker: str, low: str) -> bool:
    """Whether the text names the speaker next to a verb of saying, however it spells the name
    ('zelenskyy' asked, 'zelensky' written): a statement no quote pattern caught."""
    own = identifying_words(speaker)
    words = set(own).union(*(_spelled_alike_in(word, low) for word in own))
    alternatives = "|".join(map(re.escape, words))
    return re.search(rf"\b(?:{alternatives})\w*\b.{{0,80}}\b(?:{SAY_VERBS})\b|\b(?:{SAY_VERBS})\s+(?:\w+\s+){{0,3}}(?:{alternatives})", low) is not None  # fmt: skip


def _speaks_on(speaker: str, topic: str, q_entities: Sequence[str], body: str, theirs: Sequence[Quote], title: str, passage_language: str | None) -> bool:  # fmt: skip
    """Whether the speaker's words in `body` (a passage without its dateline) are on `topic`
    ("What did Katy Perry say about Spotify?" against a passage where Spotify is named, but not
    by her). Her words are each of `theirs` (her quotes in `body`) or, without any, each
    sentence naming her, with the NAME_REACH sentences before it (which often name what she
    answers) and the title. A topic with names needs one of them there. A topic of common words
    is not checked: news paraphrases it ("talks" for "negotiations"), and a follow-up ("Dan apa
    kata Putin?") carries the previous question's topic over to a speaker who may not use its
    words."""
    spans = split_sentences(body)
    said = [(q.start, q.start + len(q.text)) for q in theirs]
    if not said:  # reported without a quote: the sentences naming the speaker
        words = set(identifying_words(speaker))
        said = [(a, b) for a, b in spans if words & set(re.findall(r"\w+", body[a:b].lower()))]
    windows = []
    for start, end in said:
        inside = [
            k for k, (a, b) in enumerate(spans) if a < end and b > start
        ]  # a quote may run on
        if inside:
            stretch = spans[max(0, inside[0] - NAME_REACH) : inside[-1] + 1]
            windows.append(f"{title}\n" + " ".join(body[a:b] for a, b in stretch))
    if not windows:
        return True  # the speaker check found the statement; nothing finer to read here
    own = set(speaker.split())
    topic_low = topic.lower()
    names = [
        e
        for e in q_entities
        if e not in own and not e[0].isdigit() and re.search(rf"\b{re.escape(e)}\b", topic_low)
    ]
    return not names or any(
        named_in(e, w.lower(), passage_language) for e in names for w in windows
    )
