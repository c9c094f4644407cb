"""What kind of answer a which/who question asks for, and how news writes it.

"In which hospital …" is answered by a name written with its kind ("RS Mitra Keluarga",
"Cottage Hospital"); "What is the name of the spokesman who …" and "Which judge …" by a name
written next to the role, where the article writes the role at all; "Which record label …" by
an organisation's name, which news writes with its kind ("record company Polydor").
`question_parse.parse_question` reads these from the question; `slot_fillers.slot_fillers`,
`evidence.why_not_answered` and the sentence ranker apply them.
"""

from __future__ import annotations

import re
from collections.abc import Set

from assistant.glossary import WORD, translations, written_forms
from assistant.search_index import STOPWORDS, stem_en
from ingest.quotes import ROLE_TITLES

# The kind of thing or person a which/who question names: "Which record label …" -> label, "Klub
# mana …" -> klub. "Which Japanese minister": a capitalised adjective may stand before it.
ASKED_ROLE = re.compile(
    r"\b(?i:which|what|siapa(?:kah)?)\s+(?:[A-Z][\w-]+\s+)?(?P<role>[a-z][\w-]+)|\b(?P<role2>[a-z][\w-]+|^[A-Z][a-z-]+)\s+(?i:mana(?:kah)?)\b"
)


def asked_role_word(question: str) -> str:
    """The word a which/who question names its kind of answer by ("Which record label …" ->
    "record", "Klub mana …" -> "klub"), in lower case; "" when it names none."""
    m = ASKED_ROLE.search(question)
    return (m.group("role") or m.group("role2") or "").lower() if m else ""


# Places news names by their kind: "RS Mitra Keluarga", "Dundee University", "Pengadilan Negeri
# Jakarta Selatan", "Stadion Gajayana". A question asking which one ("In which hospital …",
# "Di stadion mana …") is answered only by a name written with its kind; a sentence naming
# other places ("meninggal di usia 77", "menggugat Kemenag") answers another question. Hotels
# and clubs are left out: "the Beverly Hilton" drops its kind. One line a kind: the question's
# words, then the forms a name writes it in, in both languages.
NAMED_PLACE_KINDS = [
    ("hospital, hospitals, rumah sakit, rs", "hospital, rumah sakit, rs, rsud, rsup, rspad, rsupn"),
    ("stadium, stadion", "stadium, stadion"),
    ("university, universitas, kampus, campus, college", "university, universitas, univ, institut, institute, college"),
    ("court, pengadilan", "court, pengadilan, pn, mahkamah"),
    ("airport, bandara", "airport, bandara, bandar udara"),
    ("prison, jail, penjara, lapas, rutan", "prison, jail, penjara, lapas, lembaga pemasyarakatan, rutan"),
    ("river, sungai", "river, sungai"),
]  # fmt: skip


def _alternatives(words: str) -> str:
    """A regex alternation of comma-separated words, longest first."""
    forms = [w.strip() for w in words.split(",")]
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(forms, key=len, reverse=True)
    )


# "Which hospital spokesman …", "which university professor …" ask a person, not the place.
_PERSON_OF_A_PLACE = r"(?!\s+(?:professors?|lecturers?|students?|spokes\w*|staff|officers?|officials?|doctors?|nurses?|directors?|chiefs?|heads?|judges?|lawyers?|guards?|workers?|employees?|dokter|perawat|mahasiswa|pegawai|petugas|direktur|kepala|hakim|sipir)\b)"  # fmt: skip
_PLACE_KIND_ASKED = [
    (
        re.compile(
            rf"\b(?:which|what)\s+(?:[a-z]+\s+)?(?:{_alternatives(asked)})\b{_PERSON_OF_A_PLACE}|\b(?:{_alternatives(asked)})\s+(?:apa|mana)\b"
            rf"|\bnames? of (?:the|a|an|this|that)\s+(?:[a-z]+\s+)?(?:{_alternatives(asked)})\b{_PERSON_OF_A_PLACE}",
            re.I,
        ),  # fmt: skip
        re.compile(rf"\b(?:{_alternatives(written)})\b", re.I),
    )
    for asked, written in NAMED_PLACE_KINDS
]
# "Rumah sakit apa …", "Sungai apa …": a question asking a place by its kind.
PLACE_KIND_APA = (
    rf"\b(?:{_alternatives(', '.join(asked for asked, _ in NAMED_PLACE_KINDS))})\s+apa\b"
)
# The same kinds written just before a name, "di rumah sakit Cottage", or just after it as part
# of the name, "tampil di Mapei Stadium" (a where-question's fillers are single capitalised
# words); not "a Jakarta hospital", which names no hospital.
KIND_BEFORE_NAME = {
    written: re.compile(rf"(?:{written.pattern})\s+$", re.I) for _, written in _PLACE_KIND_ASKED
}
KIND_AFTER_NAME = {
    written: re.compile(rf"\s+(?=(?-i:[A-Z]))(?:{written.pattern})", re.I)
    for _, written in _PLACE_KIND_ASKED
}


def asked_place_kind(question: str) -> re.Pattern | None:
    """How a name of the kind of place a which/where question asks for is written, if it asks
    for one: "In which hospital did Sue Grafton die?" -> the pattern of "hospital", "RS", "rumah
    sakit" …

    >>> bool(asked_place_kind("Di stadion mana Persib menang?").search("di Stadion Si Jalak"))
    True
    """
    for asked, written in _PLACE_KIND_ASKED:
        if asked.search(question):
            return written
    return None


# "What is the name of the Brazilian programmer who …", "Siapa nama dealer yang …": a question
# asking a person's name by their role. News that withholds it still writes the role ("posted by
# a Brazilian programmer", "one dealer, who asked not to be named"), while a sentence that names
# the person writes the name next to it ("spokesman William Gaillard", "Direktur Utama Pertamina
# Elia Massa Manik"). English puts the role last before "who"; Indonesian first after "nama".
_NAME_ASKED_EN = re.compile(r"\bnames? of (?:the|a|an|this|that)\s+(?:[\w'’-]+\s+){0,4}?(?P<role>[a-z][\w-]+)\s+(?:who|that|which|whose|at|of|in|for|from)\b|\bnames? of (?:the|a|an)\s+(?P<role_before_clause>[a-z][\w-]+)\s+the\b", re.I)  # fmt: skip
_NAME_ASKED_ID = re.compile(r"\b(?:siapa|apa)(?:kah)?\s+nama(?:\s+lengkap)?\s+(?P<role>[a-z][\w-]+)\b|\bnama(?:\s+lengkap)?\s+(?P<role2>[a-z][\w-]+)\b[^?]*\bsiapa\b", re.I)  # fmt: skip
# The roles "which …" and "siapa …" ask a person by, in both languages. A thing's kind ("which
# beer brands", "vitamin apa") is no role: news names brands and vitamins without their kind.
# ROLE_TITLES also holds forms of address and second halves of titles ("juru bicara", "perdana
# menteri"), which are no role on their own.
_NOT_ROLE_TITLES = {
    "the", "sang", "mr", "mrs", "ms", "sir", "dr", "pak", "bu", "bapak", "ibu", "former",
    "mantan", "kota", "bicara", "jenderal", "perdana", "prime", "executive", "wali",
}  # fmt: skip
PERSON_ROLES = ROLE_TITLES - _NOT_ROLE_TITLES | {
    "judge", "hakim", "lawyer", "pengacara", "advokat", "prosecutor", "jaksa", "spokesperson",
    "official", "pejabat", "director", "boss", "bos", "ceo", "ambassador", "duta", "manajer",
    "witness", "saksi", "expert", "ahli", "analyst", "analis", "economist", "ekonom",
    "investigator", "penyidik", "researcher", "peneliti", "founder", "pendiri", "owner",
    "pemilik", "producer", "produser", "writer", "penulis", "singer", "penyanyi", "actor",
    "aktor", "actress", "aktris", "player", "pemain", "referee", "wasit", "doctor", "dokter",
    "dealer", "courier", "kurir", "delegate", "delegasi", "assistant", "asisten", "designer",
    "perancang", "desainer", "employee", "karyawan", "pegawai", "teenager", "remaja",
}  # fmt: skip
# The kinds of organisation a which-question asks for ("Which record label …", "Perusahaan
# mana …"). News writes the kind beside the name ("record company Polydor", "firm Sophos") or
# in it ("PT Darma Kencana Sakti", "Polydor Records"). Not clubs: "Beckham joined LA Galaxy".
ORGANISATION_KINDS = {
    "company", "companies", "firm", "firms", "perusahaan", "label", "labels", "record",
    "university", "universities", "universitas", "investor", "investors", "station", "stations",
    "stasiun", "radio", "publisher", "publishers", "penerbit", "broadcaster", "broadcasters",
    "newspaper", "newspapers", "koran", "insurer", "insurers", "firma", "yayasan", "foundation",
    "organisasi", "organisation", "organization", "lembaga", "asosiasi", "association", "badan",
    "agency", "partai", "party", "institut", "institute",
}  # fmt: skip
# Words after "name of the …" or "nama …" that are no role: "nama asli", "the one who", and
# "man"/"pria", which news writes of anyone.
_NOT_A_ROLE = {
    "yang", "yg", "itu", "tersebut", "one", "person", "orang", "pria", "man", "asli", "panggilan",
    "samaran", "julukan", "lengkap", "baru", "resmi", "lama", "lain", "populer",
}  # fmt: skip
# How far (in words) a name may stand from its role: "spokesman for Uefa, William Gaillard".
ROLE_NAME_REACH = 4


def asked_name_role(question: str) -> frozenset[str] | None:
    """The role of the person a question asks for by it, as the forms `role_spans` finds it
    written in, in both languages: "What is the name of the Uefa spokesman who …" ->
    spokesman, jubir, juru, humas …

    >>> role_spans("kata juru bicara ONS", asked_name_role("Siapa nama jubir ONS?"))
    [(5, 9)]
    """
    m = _NAME_ASKED_EN.search(question) or _NAME_ASKED_ID.search(question)
    if m:
        role = (m.group("role") or m.groupdict().get("role2") or m.groupdict().get("role_before_clause") or "").lower()  # fmt: skip
    elif role := asked_role_word(question):  # "Which judge …", "Siapa hakim …": a person's role too
        if role not in PERSON_ROLES:
            return None
    else:
        return None
    if not role or role in STOPWORDS or role in _NOT_A_ROLE:
        return None
    other = translations(role)  # and back, for the synonyms: "jubir" -> "juru (bicara)", "humas"
    return frozenset({role, stem_en(role), *other, *(form for word in other for form in translations(word))})  # fmt: skip


# Roles news writes as the office or position itself: "Which PSSI official …" is answered by
# "Direktur Media PSSI Hanif Thamrin", "Siapa bos Freeport …" by "CEO Richard Adkerson", "Which
# Irish player …" by "wing Denis Hickie".
_ROLES_WRITTEN_OTHERWISE = {
    "official", "officials", "pejabat", "boss", "bos", "player", "players", "pemain", "leader",
    "pemimpin", "member", "anggota", "executive", "eksekutif", "petinggi", "tokoh", "figure",
}  # fmt: skip


# "Which company official …", "Which club's manager …", "Which university professor …": the kind
# only says whose; the person is asked, by a role news may write otherwise.
_PEOPLE_OF_AN_ORGANISATION = PERSON_ROLES | _ROLES_WRITTEN_OTHERWISE | {
    "professor", "professors", "lecturer", "lecturers", "dosen", "student", "students",
    "mahasiswa", "staff", "worker", "workers", "employee", "employees", "pegawai", "karyawan",
}  # fmt: skip
_KIND_OF_A_PERSON = re.compile(rf"['’]s\b|\s+(?:{'|'.join(sorted(_PEOPLE_OF_AN_ORGANISATION, key=len, reverse=True))})\b", re.I)  # fmt: skip


def asked_role_kind(question: str) -> str | None:
    """Whether a which/who question asks for a "person" by an office or role ("Which judge …",
    "Siapa sutradara …") or for an "organisation" by its kind ("Which record label …"); None
    for any other kind of thing ("which beer brands", "film apa") and for a doer asked by the
    verb ("Who directed …": news also writes "directed by")."""
    m = ASKED_ROLE.search(question)
    role = asked_role_word(question)
    if role in _ROLES_WRITTEN_OTHERWISE:
        return None
    if role in PERSON_ROLES:
        return "person"
    if role in ORGANISATION_KINDS and not (m and _KIND_OF_A_PERSON.match(question, m.end())):
        return "organisation"
    return None


def role_spans(sentence: str, role: Set[str]) -> list[tuple[int, int]]:
    """Where `sentence` writes the role: the words whose `written_forms` (as written, without
    "-nya", their English stems) include one of the role's. Whole words only: "witness" is no
    part of "with"."""
    return [
        (m.start(), m.end()) for m in WORD.finditer(sentence) if written_forms(m.group(0)) & role
    ]


# A company's legal form, written with its name: "PT Pertamina (Persero) Tbk", "Apple Inc".
LEGAL_FORMS = {"pt", "tbk", "persero", "inc", "ltd", "plc", "corp"}
# Words that make a name an organisation's, in both languages: "Menatep Group", "US Airways",
# "Pemprov DKI", "Komisi Pemberantasan Korupsi". A person asked by role is none of these.
ORGANISATION_WORDS = LEGAL_FORMS | {
    "group", "grup", "airways", "airlines", "bank", "corporation",
    "partners", "capital", "ventures", "association", "asosiasi", "council",
    "committee", "komite", "ministry", "kementerian", "department", "departemen",
    "office", "agency", "badan", "komisi", "commission", "dewan", "university", "universitas",
    "fc", "club", "klub", "news", "party", "partai", "pengadilan", "mahkamah",
    "police", "polisi", "polda", "polres", "pemprov", "pemkot", "pemkab", "pemerintah",
    "government", "institute", "institut", "foundation", "yayasan", "union", "serikat",
    "federation", "federasi", "persatuan", "perhimpunan", "ikatan", "himpunan", "organisation",
    "organization", "organisasi", "company", "perusahaan", "holdings", "tv", "radio", "studios",
    "pictures", "records", "harian", "koran", "majalah", "tabloid",
}  # fmt: skip


def names_an_organisation(name: str) -> bool:
    """Whether a capitalised name is an organisation's: it holds a word only organisations are
    named with, in a name of three words or fewer or among its last two ("Menatep Group"), or
    opens with a legal form ("PT Darma Kencana Sakti"). Indonesian writes an office, its
    organisation and its holder as one run of capitals: "Pengadilan Negeri Jakarta Selatan
    Asiadi Sembiring" ends with a judge."""
    words = [word.lower() for word in WORD.findall(name)]
    if words and words[0] in LEGAL_FORMS:
        return True  # "PT Darma Kencana Sakti": a legal form opens the name
    return any(word in ORGANISATION_WORDS for word in (words if len(words) <= 3 else words[-2:]))
