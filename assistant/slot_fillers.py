"""Where a sentence holds what a question asks for: the spans that could fill its slot (a
number, a date, a name, a sum, a span of time …), other than what the question itself gives,
and whether they stand near the question's words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence, Set

from assistant.asked_kind import (
    KIND_AFTER_NAME,
    KIND_BEFORE_NAME,
    ORGANISATION_KINDS,
    ROLE_NAME_REACH,
    names_an_organisation,
    role_spans,
)
from assistant.calendar_dates import (
    CALENDAR_WORD,
    DATE_NUMBER,
    YEAR_IN_TEXT,
    dated_otherwise,
    day_of_month,
    names_a_day,
)
from assistant.glossary import WORD
from assistant.name_match import entity_in
from assistant.question_parse import (
    COUNTED_SLOTS,
    DAYS,
    MEASURED_SLOTS,
    MONTHS,
    NUMBER,
    NUMBER_WORDS,
    QUESTION_WORDS,
    SMALL_CARDINALS,
    TIME_WORDS,
    TITLE_WORDS,
    ParsedQuestion,
    content_terms,
)
from assistant.search_index import STOPWORDS
from ingest.places import COUNTRIES, DEMONYMS

# A sum of money: "£2.25m", "Rp 13 juta", "20 miliar dolar".
_SUM = rf"(?:£|\$|€|¥|\bRp\.?)\s?\d|(?:\d|\b(?:{NUMBER_WORDS})\b)[\w.,\s]{{0,20}}?\b(?:dollars?|pounds?|euros?|rupiah|yen|dolar|euro|poundsterling|ringgit|yuan|rupees?|francs?)\b"  # fmt: skip
# A measure's number, in digits or words, perhaps with its magnitude: "1,2 juta ", "two ".
_AMOUNT = rf"(?:\b\d[\d.,]*|\b(?:{NUMBER_WORDS})\b)\s?(?:(?:juta|ribu|million|thousand)\s)?-?\s?"
# "one in ten", "tiga dari empat": a count of one to ten before "in" or "dari" (no "juta dari
# tiga donatur"), and no span of time after ("two in four minutes").
_SMALL_CARDINALS = "|".join(SMALL_CARDINALS)
# A share: "9,36 persen", "93%", "10 per cent", "one in ten", "a quarter", "nearly a third", "separuh".
_SHARE = re.compile(rf"(?:\d[\d.,]*|\b(?:{NUMBER_WORDS}))\s?(?:%|per ?cent\b|persen\b|percentage points?\b)|\b(?:\d{{1,2}}|{_SMALL_CARDINALS})\s+(?:in|out of|dari(?:\s+setiap)?)\s+(?:\d{{1,3}}|{_SMALL_CARDINALS}|twenty|hundred|seratus)\b(?!\s+(?:{'|'.join(TIME_WORDS)})\b)|\b(?:a|one|two|three)[- ](?:quarters?|thirds?)\b|\b(?:half|seperempat|sepertiga|setengah|separuh|seperlima|(?:dua|tiga) per(?:tiga|empat))\b", re.I)  # fmt: skip
SLOT_FILLERS = {
    # Indonesian news gives an age after a person noun: "Wanita 28 tahun itu", "bocah 8 tahun".
    "age": re.compile(r"\b\d{1,3}[- ]years?[- ]old\b|\baged? \d{1,3}\b|\bage of \d{1,3}\b|\b(?:berusia|berumur|usia(?:nya)?|umur(?:nya)?) (?:sekitar |kurang lebih |ke\s?-\s?)?\d{1,3}\b|\b(?:pria|wanita|perempuan|lelaki|laki-laki|bocah|anak|remaja|pemuda|gadis|nenek|kakek|balita|bayi|ibu|bapak) \d{1,3} tahun\b(?!\s+(?:penjara|kurungan|lalu|silam|terakhir|lamanya|ke depan))|(?P<own>\b(?-i:[A-Z])[\w'’-]+, \d{1,3},|\(\d{1,3}\))", re.I),
    "when": re.compile(rf"\b(?:19|20)\d\d\b|\b(?:{MONTHS})\b|\b(?:{DAYS})\b|\b\d{{1,2}}/\d{{1,2}}\b|\b(?:kemarin|besok|yesterday|today|tomorrow|hari ini|(?:last|this|next) (?:week|month|year)|(?:pekan|minggu|bulan|tahun) (?:lalu|ini|depan))\b"
                       # A time of day: "pukul 02.00", "jam 3 sore", "10:30", "0900 GMT", "7pm", "midnight";
                       # not a race's "2:05:30" or "3:43.13".
                       r"|\b(?:pukul|jam)\s+\d{1,2}(?:[.:]\d\d)?\b|(?<![\d:.])\b\d{1,2}:\d\d\b(?![:.]\d)|\b\d{1,2}(?:[.:]?\d\d)?\s?(?:WIB|WITA|WIT|GMT|BST|am|pm|a\.m\.|p\.m\.)(?!\w)|\b(?:midnight|noon|dini hari|tengah malam)\b", re.I),
    # A share in words counts too: "a quarter of web users", "dua pertiga", "separuh".
    "number": re.compile(rf"\d|\b(?:{NUMBER_WORDS})\b|\b(?:a|one|two|three)[- ](?:quarters?|thirds?)\b|\b(?:seperempat|sepertiga|setengah|separuh|seperlima|(?:dua|tiga) per(?:tiga|empat))\b", re.I),
    "money": re.compile(_SUM, re.I),
    # A result: "2-1", "21 - 16", "3-nil", "lima gol tanpa balas", "goalless"; not a range of
    # dates, times, ages, pages or counts ("24 - 29 Oktober", "pukul 19-21", "3-4 kali"), nor
    # a date "12-10-2017" or a "4-3-3" formation.
    "score": re.compile(rf"(?<![\d.,:/–-])\b\d{{1,3}}\s?[-–]\s?\d{{1,3}}\b(?![.,:]\d|\s?[-–/]\s?\d)(?!\s*(?:%|persen|per ?cent|juta|miliar|ribu|million|billion|bn|m|km|kg|kali|times|orang|people|{MONTHS}|{'|'.join(TIME_WORDS)})\b)|\bgoalless\b|\btanpa gol\b|\b(?:\d{{1,2}}|{NUMBER_WORDS})[- ](?:nil|nol)\b|\b(?:\d{{1,2}}|{NUMBER_WORDS}) gol tanpa balas\b", re.I),
    # A change is also a share, points or a magnitude: "33%", "3 percentage points", "2 juta",
    # "doubled".
    "change": re.compile(rf"{_SUM}|\b\d[\d.,]*\s?(?:%|per ?cent\b|persen\b|(?:percentage )?points?\b|poin\b|(?:m|bn|million|billion|juta|miliar|triliun)\b)|\b(?:doubled|halved|tripled|berlipat)\b", re.I),
    # Not an age: "a 16-year-old burglar".
    "duration": re.compile(rf"\b(?:\d+(?:[.,]\d+)?|{NUMBER_WORDS}|a|an|several|beberapa)[- ](?:{'|'.join(TIME_WORDS)})\b(?![- ]old\b)|\bse(?:detik|menit|jam|hari|minggu|pekan|bulan|tahun|abad)\b|\bsince\b|\bsejak\b|\bselama\b", re.I),
    "distance": re.compile(rf"(?:\b\d[\d.,]*|\b(?:{NUMBER_WORDS}|a few|several|beberapa))\s?-?\s?(?:km|kilomet(?:er|re)s?|miles?|mil|met(?:er|re)s?)\b", re.I),
    # A measure with its unit: "120 km/jam", "38 derajat Celsius", "312 hektare", "5 ton", "30 meter".
    "speed": re.compile(rf"{_AMOUNT}(?:km/j(?:am)?|km/h|kph|kmh|mph|knots?|(?:km|kilomet(?:er|re)s?)(?: per |/)(?:jam|hour)|miles per hour|m/s|met(?:er|re)s? per (?:detik|second))(?![\w/])", re.I),
    # Not a bearing ("7,2 derajat Lintang Selatan"); a minus only before the number ("-5C"), not
    # in a range ("30-35 derajat"). BBC writes "40C".
    "temperature": re.compile(r"(?:(?<![\w-])-)?\b\d[\d.,]*\s?(?:°|(?:derajat|degrees?)\b(?!\s+(?:lintang|bujur|LU|LS|BT|BB)\b)|celsius\b|celcius\b|(?-i:C)\b)", re.I),
    "area": re.compile(rf"{_AMOUNT}(?:hektare?s?|hectares?|ha|acres?|(?:kilo)?met(?:er|re)s? persegi|km persegi|square (?:kilomet(?:er|re)s?|met(?:er|re)s?|miles?|feet)|km2|km²|m2|m²)(?![\w/])", re.I),
    "weight": re.compile(rf"{_AMOUNT}(?:kg|kilo(?:gram)?s?|grams?|gr|ton|tons|tonnes?)(?![\w/])", re.I),
    # No bare "m" ("£435m" is money) nor "kaki" ("dua kaki" are two legs).
    "length": re.compile(rf"{_AMOUNT}(?:met(?:er|re)s?|mdpl|cm|centimet(?:er|re)s?|sentimeter|km|kilomet(?:er|re)s?|feet|ft|foot|inci|inch(?:es)?|mil|miles?)(?![\w/])(?!\s+persegi)", re.I),
    # A term also before its noun ("a four-month jail sentence"), but not an age ("a 16-year-old").
    "penalty": re.compile(rf"\b(?:\d+(?:[.,]\d+)?|{NUMBER_WORDS})[- ](?:tahun|bulan|hari|years?|months?|days?)\b(?![- ]old\b)|\blife\b|\bseumur hidup\b|\bdeath\b|\bhukuman mati\b|\bacquitted\b|\bbebas\b", re.I),
    # A single capital inside a name is part of it: "Stadion I Wayan Dipta".
    "who": re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|[A-Z](?=\s+[A-Z])))*"),
    "where": re.compile(r"\b[A-Z][\w'’-]+"),
}  # fmt: skip


def _near_role(sentence: str, start: int, end: int, roles: Sequence[tuple[int, int]], asked: ParsedQuestion) -> bool:  # fmt: skip
    """Whether the span start:end stands within ROLE_NAME_REACH words of one of the role's
    `roles` spans, not counting the question's own words, names and titles between them:
    "Direktur Utama Bursa Efek Surabaya (BES) Bastian Purnama" names the asked director,
    "Pendiri usaha budidaya mutiara mabe di Palabusa, Sukeyo Fujita" the asked founder. A span
    overlapping the role has nothing between them. A role written with "a" or "seorang" is
    named only in apposition (`_INDEFINITE_ROLE`)."""
    own = asked.words | TITLE_WORDS
    for role_start, role_end in roles:
        between = sentence[role_end:start] if start >= role_end else sentence[end:role_start]
        words = [w for w in WORD.findall(between.lower()) if w not in own and not w.isdigit() and not content_terms(w) & asked.terms]  # fmt: skip
        if not _INDEFINITE_ROLE.search(sentence[:role_start]):
            if len(words) <= ROLE_NAME_REACH:
                return True
        elif set(words) <= _APPOSITION_WORDS or (len(words) <= ROLE_NAME_REACH and _set_off(between, start >= role_end)):  # fmt: skip
            return True
    return False


# A role written with "a" or "seorang" brings in someone the sentence has not named: "a federal
# prosecutor asked him", "dibawa ke sebuah perusahaan yang terletak di Desa Taman Sari". Such
# a role is named only in apposition: "Bob Smith, 45, a spokesman", "seorang warga bernama Budi",
# "A spokesman for Uefa, William Gaillard, said". English adjectives stand between ("a London
# dealer"), but no "of": "a team of company staff". "A" is an article only in lower case or
# opening the sentence: not "Serie A player", "vitamin A", nor the "an" of "1990-an".
_INDEFINITE_ROLE = re.compile(r"(?:^\W*(?i:an?)|(?<![\w-])(?:an?|(?i:seorang|sebuah|salah satu|salah seorang)))\s+(?:(?!(?i:of|the|and|for|dari|dan|yang)\b)[\w'’-]+\s+){0,2}$")  # fmt: skip
_APPOSITION_WORDS = frozenset({
    "a", "an", "seorang", "sebuah", "salah", "satu", "bernama", "named", "called", "namely",
    "yakni", "yaitu", "berinisial", "inisial", "yang", "diketahui", "alias", "as", "known",
    "identified",
})  # fmt: skip


def _set_off(between: str, role_first: bool) -> bool:
    """Whether the words between a role and a name set the name off as the role's apposition:
    a comma or bracket before the name ("a spokesman for Uefa, William Gaillard") or after it
    ("Budi Santoso, seorang karyawan")."""
    return bool(re.search(r"[,(]\s*$", between)) if role_first else bool(re.match(r"\s*[,)]", between))  # fmt: skip


def slot_filled(slot: str, sentence: str, q_entities: Sequence[str], passage: str = "", asked: ParsedQuestion | None = None) -> bool:  # fmt: skip
    if slot not in SLOT_FILLERS:
        return True
    return next(slot_fillers(slot, sentence, q_entities, passage, asked), None) is not None


# A number of months, years, days … counts time (or an age), not the thing a "how many" question
# counts, unless that thing is time itself ("How many weeks …"), and then in its own unit: "three
# days" does not say how many weeks.
# After the matched digit or number word: the rest of the number ("dua puluh", "10-12"), then
# the unit.
# Not "Tahun" naming the year after it: "Harley Davidson Sportster 883 Tahun 2000" is a model of
# 2000, no 883 years ("lima tahun 2019-2024" is five years).
_TIME_AFTER = re.compile(rf"(?:[\d.,:/]|\s*-\s*(?=\d)|\s*-?\s*(?:{NUMBER_WORDS}|belas)\b)*\s*(?:-\s*)?(?P<unit>{'|'.join(TIME_WORDS)})\b(?!(?-i:(?<=Tahun))\s+(?:19|20)\d\d\b(?!\s*[-–]))", re.I)  # fmt: skip
# "UU Nomor 31 Tahun 1999", "Perpres No 20 Tahun 2017": a law's number and year, not 31 years.
_LAW_NUMBER = re.compile(r"\b(?:nomor|no\.?)\s*\d[\d.,]*\s+tahun\s+(?:19|20)\d\d\b", re.I)
# A letter's or a decision's reference: "surat nomor S-781/MK.08/2017", "Kepmen No. 12/2017",
# "Nomor: S - 781/MK 08/2017" (a part may follow a space: "MK 08"). Not the English "no 2/3
# majority": "no" only as "No" or "No.".
_REFERENCE_NUMBER = re.compile(
    r"\b(?:[Nn]omor|NOMOR|No\.?|NO\.?)\s*:?\s*(?:[A-Z]{1,5}\s*-\s*)?\d[\w.-]*(?:/[\w.-]+(?: \d[\w.-]*(?=/))?)+"
)


_REFERENCED_SLOTS = frozenset({"number", "duration", "penalty", "money", "change"})


# Where a capitalised word opens a sentence: the sentence's start, or a quote opened after a
# colon or comma ('He said: "Last week …"', "kata dia, “Kami …"); not a scare quote ('dubbed
# "Brexit"') or a bracket ("(KPK)").
_OPENS_A_SENTENCE = re.compile(r"^[\s\"“‘'(]*$|[:,]\s*[\"“‘']\s*$")
# "her" is left out: "told her Putin …" is also its object.
_AFTER_POSSESSIVE = re.compile(r"\b(?:his|its|their|our|my|your)\s+$", re.I)


def name_at_sentence_start(word: str, passage: str) -> bool:
    """Whether a capitalised word opening a sentence is a name: capitals there say nothing, so
    it is one when the passage also capitalises it mid-sentence ("… said Mr Knapman." then
    "Knapman added …"), and not when it never does ("Despite that …", "Menanggapi …")."""
    return re.search(rf"[\w,;:)]\s+{re.escape(word)}(?![\w'’-])", passage) is not None


def slot_fillers(slot: str, sentence: str, q_entities: Sequence[str], passage: str = "", asked: ParsedQuestion | None = None) -> Iterator[tuple[int, int]]:  # fmt: skip
    """Spans in `sentence` that could answer a question asking for `slot`: a number, date,
    name, place, age, sum, span of time or measure (a distance, speed, area …) other than those
    the question itself names.
    `passage` (the sentence's passage) tells a name from a word capitalised only because it
    opens the sentence. The question as parsed (`asked`) narrows them further:

    - its `counted_time` acts on the "number" slot: None keeps every number, an empty set drops
      the numbers of months, years, days …, and a unit's words keep only the numbers in that unit;
    - its `place_kind` keeps only the names written with that kind of place: "RS Mitra
      Keluarga", "rumah sakit Cedars", "Mapei Stadium";
    - its `share` keeps only numbers written as a share ("13,6 persen", "nearly a third"), and
      its `day` only a day ("Rabu (15/11)", "23 Agustus"), not a year or a month alone, and
      its `counts_things` no number of a sum of money ("$74,500 for every customer");
    - its `name_role`, where the sentence writes the role, keeps only the names next to it: "a
      Brazilian programmer" names no one, whatever else the sentence names (and, a person's
      role, no organisation);
    - its `full_name`: initials ("berinisial MU") do not give a full name;
    - its `phrase`: a name of two words or more that the question itself writes ("the grand
      final" of "CPL World Tour Grand Final") answers nothing, nor does a place that is one of
      its `words`;
    - its `years`: a figure in a sentence dated to another year only is that year's ("pada 2016
      … laba bersih Rp 408 miliar" is no profit for 2015)."""
    counted_time = asked.counted_time if asked else None
    place_kind = asked.place_kind if asked else None
    roles = role_spans(sentence, asked.name_role) if asked and asked.name_role else []
    if asked and asked.years and slot in COUNTED_SLOTS and dated_otherwise(sentence, asked.years):
        return
    asked_numbers = {re.sub(r"[.,]", "", e) for e in q_entities}
    # A law's or a letter's number counts nothing; looked for only where a count is asked.
    references = [(ref.start(), ref.end()) for pattern in (_LAW_NUMBER, _REFERENCE_NUMBER) for ref in pattern.finditer(sentence)] if slot in _REFERENCED_SLOTS else []  # fmt: skip
    shares = [(s.start(), s.end()) for s in _SHARE.finditer(sentence)] if slot == "number" and asked and asked.share else None  # fmt: skip
    sums = _sums(sentence) if slot == "number" and asked and asked.counts_things else []
    for m in SLOT_FILLERS[slot].finditer(sentence):
        found, start = m.group(0).lower(), m.start()
        if slot == "when" and YEAR_IN_TEXT.fullmatch(found) and (name := _YEAR_OF_A_NAME.search(sentence[:start])) and name.group(1).lower() not in STOPWORDS:  # fmt: skip
            continue  # "WITNESS: The Tour 2018", "Prancis Terbuka 2017": a name's year dates nothing
        if slot == "score" and _RANGE_OF.search(sentence[:start]):
            continue  # "pukul 19-21", "aged 18-24", "halaman 10-12": a range, no result
        if slot == "number" and DATE_NUMBER.fullmatch(_number_at(sentence, m.start(), m.end())):
            continue  # "2015", "(14/2)", "pukul 07.00" date an event; they count nothing
        if slot == "number" and day_of_month(sentence, *_digits_at(sentence, m.start(), m.end())):
            continue  # nor does "16 November"
        if slot == "number" and _word_at(sentence, m.start(), m.end()).lower() in q_entities:
            continue  # "Half" of the asked "Half-Life" is part of a name
        if slot == "when" and asked and asked.day and not names_a_day(sentence, m):
            continue  # "Tanggal berapa …": "2017" or "Maret" is no day
        if any(a <= start < b for a, b in sums):
            continue  # "How many customers …": "$74,500 for every customer" counts money
        if shares is not None and not any(a <= start < b for a, b in shares):
            continue  # "Berapa persen …": "30,000 people" is no share
        if any(a <= start < b for a, b in references):
            continue  # "Nomor 31 Tahun 1999" numbers a law, "nomor S-781/MK.08/2017" a letter
        if slot == "number" and counted_time is not None:
            span = _TIME_AFTER.match(sentence, m.end())
            if span and span.group("unit").lower() not in counted_time:
                continue  # "sepuluh bulan", "51 tahun": time or an age, not the thing counted
            if counted_time and not span:
                continue  # "Pasal 22" is no number of years
        if slot in ("number", "when", "penalty", "money", "change", "duration") and re.sub(r"[.,]", "", found) in asked_numbers:  # fmt: skip
            continue  # a number the question itself mentions answers nothing
        if slot in MEASURED_SLOTS and (amount := re.search(NUMBER, found)) and re.sub(r"[.,]", "", amount.group(0)) in asked_numbers:  # fmt: skip
            continue  # nor its own measure: "5 km" in "Jembatan sepanjang 5 km" asked of the 5 km bridge
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
                if rest and lead.group(0).lower() not in TITLE_WORDS and not name_at_sentence_start(lead.group(0), passage or sentence):  # fmt: skip
                    start, opens = lead.end() + rest.end(), False
                    found = sentence[start : m.end()].lower()
            # A name that is only the question's own entity (or a title), or a phrase the
            # question writes as it is, answers nothing.
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
            if slot == "who" and asked and asked.full_name and _INITIALS.fullmatch(sentence[start : m.end()]):  # fmt: skip
                continue  # "berinisial MU": initials withhold the full name asked for
            if slot == "who" and len(words) == 1 and _AFTER_POSSESSIVE.search(sentence[:start]):
                continue  # "his Tour debut", "their Premiership rivals": a thing someone has
            if not words or all(any(entity_in(e, w) for e in q_entities) for w in words):
                continue
            if asked and len(words) > 1 and f" {' '.join(words)} " in f" {asked.phrase} ":
                continue  # "CPL World Tour Grand Final" of "… the CPL World Tour grand final": asked, not an answer
            if slot == "where" and asked and all(w in asked.words for w in words):
                continue  # "Grand" of "… the grand final take place": a place is no word of the question
            if start == 0 and len(words) == 1 and words[0] in STOPWORDS | QUESTION_WORDS:
                continue
            named = [w for w in words if w not in STOPWORDS]
            if named and all(CALENDAR_WORD.fullmatch(w) for w in named):
                continue
            as_written = WORD.findall(sentence[start : m.end()])
            if opens and len(as_written) == 1 and not name_at_sentence_start(as_written[0], passage or sentence):  # fmt: skip
                continue
            if place_kind and not (place_kind.search(sentence[start : m.end()]) or KIND_BEFORE_NAME[place_kind].search(sentence[max(0, start - 30) : start]) or KIND_AFTER_NAME[place_kind].match(sentence, m.end())):  # fmt: skip
                continue  # "In which hospital …": "Kinsey Millhone" names none
            if roles and not _near_role(sentence, start, m.end(), roles, asked):
                continue  # "… by a Brazilian programmer", and "Sophos" said so
            if asked and asked.name_role and not asked.name_role & ORGANISATION_KINDS and names_an_organisation(sentence[start : m.end()]):  # fmt: skip
                continue  # "Which Rosneft spokesman …": "Menatep Group" is none
        yield start, m.end()


# Initials standing for a withheld name: "MU", "JY", "A.S.", "M. R." (and any acronym, "KPK",
# which is no person's full name either).
_INITIALS = re.compile(r"(?:[A-Z]{1,3}\.?)(?:\s*[A-Z]{1,3}\.?)*")
_RANGE_OF = re.compile(r"\b(?:pukul|jam|aged|usia|umur|halaman|page|pages|pasal|article|nomor|no|tahun|years?)\.?\s+$", re.I)  # fmt: skip
# A year right after a capitalised word that is no month, weekday or stopword ("In 2000") ends
# a name: "The Tour 2018", "Piala Presiden 2018".
_YEAR_OF_A_NAME = re.compile(rf"\b(?!(?i:{MONTHS}|{DAYS})\b)([A-Z][\w'’-]*)\s+$")


def _sums(sentence: str) -> list[tuple[int, int]]:
    """The spans of the sums of money in a sentence, each from its last number to its end:
    "$74,500", "500 euros" (not "Three men stole 500 euros")."""
    spans = []
    for m in SLOT_FILLERS["money"].finditer(sentence):
        start = m.start()
        if not _CURRENCY_SIGN.match(m.group(0)):
            # Written "500 euros", "20 miliar dolar": the sum is its last run of numbers and the
            # currency after it.
            numbers = list(_SUM_NUMBER.finditer(sentence, m.start(), m.end()))
            run = len(numbers) - 1
            while run > 0 and not sentence[numbers[run - 1].end() : numbers[run].start()].strip():
                run -= 1
            start = numbers[run].start()
        spans.append((start, _AMOUNT_END.match(sentence, m.end()).end()))
    return spans


_CURRENCY_SIGN = re.compile(r"[£$€¥]|rp\b", re.I)
_SUM_NUMBER = re.compile(rf"\d[\d.,]*|\b(?:{NUMBER_WORDS})\b", re.I)
_AMOUNT_END = re.compile(r"[\d.,]*")


def _run_around(sentence: str, start: int, end: int, char: str) -> tuple[int, int]:
    """The span start:end grown over the characters around it that match the pattern `char`."""
    while start > 0 and re.match(char, sentence[start - 1]):
        start -= 1
    while end < len(sentence) and re.match(char, sentence[end]):
        end += 1
    return start, end


def _word_at(sentence: str, start: int, end: int) -> str:
    """The whole word, hyphens included, around a match: "Half-Life" for its "Half"."""
    start, end = _run_around(sentence, start, end, r"[\w-]")
    return sentence[start:end]


def _digits_at(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The span of the run of digits around a match."""
    return _run_around(sentence, start, end, r"\d")


def _number_at(sentence: str, start: int, end: int) -> str:
    """The whole numeric token around a match: "14/2" for the "1" of "(14/2)"."""
    start, end = _run_around(sentence, start, end, r"[\d/.:]")
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


def money_near_terms(sentence: str, q_entities: Sequence[str], passage: str, q_terms: Set[str]) -> bool:  # fmt: skip
    sums = list(slot_fillers("money", sentence, q_entities, passage))
    if any(_PRICE_BEFORE.search(sentence[:a]) for a, _ in sums):
        return True
    named = {w for e in q_entities for w in WORD.findall(e.lower())}
    return filler_near_terms(sums, sentence, q_terms, reach=MONEY_REACH, skip=named)
