"""Text hygiene for scraped news: decoding, Unicode, whitespace, boilerplate, dates, language.

Boilerplate is removed by whole-line patterns, so a "Baca juga: ..." line goes but a sentence
that merely mentions related news stays; anything the patterns do not know survives. The
language guess counts function words, which is fast and dependency-free but only knows id/en.
"""

from __future__ import annotations

import codecs
import datetime
import email.utils
import re
import unicodedata
from itertools import islice

# Characters with no visible width that scrapers leave inside words and break tokenizers.
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
LINE_BREAKS = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n", "\u2028": "\n"})
ODD_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Control characters (but not \n), lone surrogates and private-use code points: never text.
UNWANTED_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff]")

# Lines that are page furniture, not article text; each must match the whole line.
BOILERPLATE_LINES = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # "Baca juga: <headline>", "SIMAK JUGA - <headline>", "Baca:", a bare "Baca_Juga".
        r"(baca|simak|lihat)([\s_]+(juga|selengkapnya|video))?"
        r"(\s*:.*|\s+[\-\u2013\u2014|\u00bb>].*)?",
        r"(advertisement|iklan|sponsored( content)?)\s*[:.]?",
        r"scroll (to continue with content|untuk melanjutkan( membaca)?)",
        r"(share this (article|story|page)|bagikan (artikel|berita) ini)\b.*",
        r"(follow us on|ikuti kami di)\b.*",
        r"(read more|related)\s*([:\u00bb>].*)?",
    )
]
# Notes that close an article, dropped only as its last line (mid-article such a line may be
# news: "Kitabisa.com adalah situs penggalangan dana …").
CLOSING_NOTES = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # The site describing itself: "DailySocial.id adalah portal berita startup dan inovasi
        # teknologi. Kamu bisa menjadi member …" (under 318 IndoSum articles).
        r"[\w-]+\.(id|com|co\.id|net)\s+(adalah|merupakan)\s+(sebuah\s+)?(portal|situs|media)\s+berita\b.*",
        r"[\w-]+\.(com|net|co\.uk)\s+is\s+an?\s+(\w+\s+)?news\s+(site|website|portal)\b.*",
        # A columnist's one-sentence note: "Bill Thompson is a regular commentator on the BBC
        # World Service programme Go Digital." (15 BBC articles).
        r"(?-i:[A-Z][\w'’-]+(\s+[A-Z][\w'’-]+){1,3})\s+is\s+(a\s+|the\s+)?(regular\s+|senior\s+)?"
        r"((technology|business|economics|political|science|arts|media|sports?)\s+)?"
        r"(commentator|correspondent|columnist)\s+(on|for|at)\s+[^.!?]*[.!?]?",
    )
]
# A heading that starts the "related stories" list at the foot of a page.
RELATED_HEADING = re.compile(
    r"(berita|artikel) (terkait|lainnya)\s*:?|related (articles|stories|news|coverage)\s*:?"
    r"|more on this story|you may also like",
    re.IGNORECASE,
)
# Boilerplate inside a line: IndoSum's bare "Baca_Juga" marker, sometimes glued to real text,
# and bracketed "[Baca juga: headline]" links, whose brackets show where they end.
INLINE_BOILERPLATE = re.compile(
    r"\bBaca_Juga\b"
    r"|\[\s*(baca|simak|lihat)[\s_]+juga\s*:[^\]\n]{0,200}\]"
    r"|\(\s*(baca|simak|lihat)[\s_]+juga\s*:[^)\n]{0,200}\)",
    re.IGNORECASE,
)
# Links under a related heading are headlines: short, and only a handful of them.
MAX_HEADLINE_CHARS = 160
MAX_TRAILING_HEADLINES = 15

# Words people shorten when they type an Indonesian question and news writes out ("siapa jubir
# disneyland": IndoSum writes "jubir" once, "juru bicara" 126 times). They mark a text as
# Indonesian, and the answer checks read them spelled out (assistant/question_form.py).
# Abbreviations news writes itself ("Kapolri", "rudal", "Wapres") are not listed: the offices
# among them are ingest/quotes.py OFFICE_SHORT_FORMS, read both ways.
TYPED_SHORT_FORMS = {
    "yg": "yang", "dgn": "dengan", "utk": "untuk", "brp": "berapa", "sdh": "sudah",
    "blm": "belum", "tdk": "tidak", "dlm": "dalam", "kpn": "kapan", "dmn": "di mana",
    "knp": "kenapa", "gmn": "bagaimana", "gimana": "bagaimana", "jubir": "juru bicara",
    "ortu": "orang tua", "tsk": "tersangka", "hrs": "harus", "jd": "jadi", "pake": "pakai",
    "ga": "tidak", "gak": "tidak", "nggak": "tidak",
}  # fmt: skip

# Function and question words, kept as prose (hence the noqa): 90 quoted strings hide the words.
ID_WORDS = frozenset(
    """yang dan di ini itu dengan untuk tidak tak dari dalam akan pada juga ke karena oleh ada
    kata ujar bahwa mereka telah sudah bisa dapat atau adalah sebagai saat kami kita saya dia ia
    secara lebih para tersebut namun tetapi tapi masih hanya belum harus seperti agar jika bagi
    sebuah menjadi setelah sebelum hingga antara ketika sangat serta pun lagi yakni yaitu sejak
    kepada terhadap menurut usai atas bahkan kembali sementara maupun melalui akibat sekitar
    selama sehingga pula lalu kemudian berdasarkan satu dua tiga
    apa siapa kapan dimana mana mengapa kenapa bagaimana berapa apakah tentang
    siapakah kapankah dimanakah manakah mengapakah bagaimanakah berapakah
    kemana kemanakah darimana nama
    """.split()  # noqa: SIM905
) | frozenset(TYPED_SHORT_FORMS)
_ID_QUESTION_WORDS = frozenset(
    """apa siapa kapan dimana mana mengapa kenapa bagaimana berapa apakah siapakah kapankah
    dimanakah manakah mengapakah bagaimanakah berapakah""".split()  # noqa: SIM905
)
# With the short forms people type for them: "brp", "dmn" ("di mana") …
ID_QUESTION_WORDS = _ID_QUESTION_WORDS | {
    short for short, full in TYPED_SHORT_FORMS.items() if _ID_QUESTION_WORDS & set(full.split())
}
EN_QUESTION_WORDS = frozenset(
    {"what", "who", "when", "where", "why", "how", "which", "whom", "whose"}
)
EN_WORDS = frozenset(
    """the and of to in is that for it was on with as said he by at from his be are have has an
    this which not but or had were they their will would been she her its there can could more
    than also after a you we our into over says up out
    what who when where why how which did does do about whom whose""".split()  # noqa: SIM905
)
# Indonesian affixes common enough to count when a text has few function words
# (mengatakan, kebanyakan, rumahnya); rare at the end of English words.
ID_SUFFIXES = ("kan", "nya")
# Enough words to tell the languages apart; counting a whole long article adds nothing.
MAX_WORDS_FOR_LANGUAGE = 3000
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Share of printable characters below which decoded bytes are taken for a binary file.
MIN_PRINTABLE_SHARE = 0.95
PRINTABLE_SAMPLE_CHARS = 100_000  # binary shows itself early; scanning a whole corpus file is slow


# An Indonesian wire story opens with its dateline: "Jakarta, CNN Indonesia - ", "Rimanews - ",
# "London (ANTARA News) - ", "SEMARANG – ". It names the outlet and the place of filing, which
# the article's metadata already carries; 331 of the 452 Indonesian articles of the eval corpus
# open with one.
_CAPITALISED_RUN = r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*"  # one way only to split it into words
DATELINE = re.compile(
    rf"^\s*(?:(?:{_CAPITALISED_RUN}(?:,\s*{_CAPITALISED_RUN})*,?\s*\([A-Z][\w.]*(?:\s+[\w.]+)+\)"  # Palu (ANTARA News)
    rf"|{_CAPITALISED_RUN},\s*{_CAPITALISED_RUN}"  # Jakarta, CNN Indonesia; JUARA.NET, TOKYO
    r"|[A-Za-z]+\.(?i:com|net|co\.id|id)|[A-Z][a-z]*news"  # Suara.com, JUARA.NET, Rimanews
    r")\s*(?:--?|\u2013|\u2014)(?:\s+(?:--?|\u2013|\u2014)(?=\s))*"  # IndoSum splits "--": "- -"
    r"|[A-Z]{4,}\s*[\u2013\u2014])\s+"  # SEMARANG – ("PDIP - Gerindra" is a pair, not a dateline)
)


def blank_dateline(text: str) -> str:
    """`text` with its opening dateline turned into spaces, so offsets into it stay valid.

    >>> blank_dateline("Rimanews - Seorang qari meninggal.").strip()
    'Seorang qari meninggal.'
    """
    m = DATELINE.match(text)
    return " " * m.end() + text[m.end() :] if m else text


def clean_text(text: str) -> str:
    """Normalize Unicode and whitespace and drop page boilerplate lines.

    Paragraphs (blocks separated by blank lines) come back joined by "\\n\\n", lines inside a
    paragraph by "\\n"; runs of spaces collapse. Example:
    `clean_text("Putin\\u00a0 berkata.\\r\\nBaca juga: X\\n\\nBERITA TERKAIT:")`
    -> "Putin berkata."
    """
    text = normalize_characters(text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = drop_boilerplate(lines)
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join("\n".join(p) for p in paragraphs if p)


def normalize_characters(text: str) -> str:
    """NFC-normalize, fold odd spaces to " ", unify line breaks, drop control characters.

    NFC rather than NFKC for the text as a whole, because NFKC also rewrites "m²" to "m2";
    only space-like characters get the compatibility fold. Example: "a\\u00a0b\\r\\n" -> "a b\\n".
    """
    text = unicodedata.normalize("NFC", text).translate(ZERO_WIDTH)
    text = text.replace("\r\n", "\n").translate(LINE_BREAKS).replace("\u2029", "\n\n")
    text = ODD_SPACES.sub(" ", text)
    return UNWANTED_CHARACTERS.sub("", text)


def drop_boilerplate(lines: list[str]) -> list[str]:
    """Remove boilerplate lines; a related-stories heading also takes its trailing headline list.

    The list after a heading goes only when it ends the text and looks like headlines, so a
    heading stuck mid-article costs one line, not the rest of the article.
    Example: ["Isi.", "BERITA TERKAIT:", "Judul lain"] -> ["Isi."].
    """
    kept: list[str] = []
    for index, raw_line in enumerate(lines):
        line = INLINE_BOILERPLATE.sub(" ", raw_line)
        line = " ".join(line.split())
        if RELATED_HEADING.fullmatch(line):
            rest = [later for later in lines[index + 1 :] if later]
            if is_headline_list(rest):
                break
            continue
        if not any(pattern.fullmatch(line) for pattern in BOILERPLATE_LINES):
            kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    if kept and any(note.fullmatch(kept[-1]) for note in CLOSING_NOTES):
        kept.pop()
    return kept


def is_headline_list(lines: list[str]) -> bool:
    return len(lines) <= MAX_TRAILING_HEADLINES and all(
        len(line) <= MAX_HEADLINE_CHARS for line in lines
    )


def detect_language(text: str) -> str:
    """Guess "id" or "en" by counting frequent function words of each language.

    A tie goes to the language of the question words, then to "en", as do texts with no known
    words; works on one-line questions because question words are in the lists, but a
    headline of names only is a coin toss.
    Example: `detect_language("Siapa presiden Indonesia?")` -> "id",
    `detect_language("Who won the election?")` -> "en".
    """
    # In mixed-case text, all-caps tokens are acronyms ("AS" is Amerika Serikat), not words, and
    # a capital letter inside a sentence is an initial ("Rinaldy A Yunardi"), not the article.
    shouting = text.isupper()
    words = [
        m.group().lower()
        for m in islice(WORD.finditer(text), MAX_WORDS_FOR_LANGUAGE)
        if shouting
        or not m.group().isupper()
        or (len(m.group()) == 1 and _starts_sentence(text, m.start()))  # fmt: skip
    ]
    indonesian, english = language_word_counts(words)
    if indonesian == english:
        # A question is in the language of its question word: "apa judul single debut the
        # bravery" asks in Indonesian about an English band.
        indonesian += sum(word in ID_QUESTION_WORDS for word in words)
        english += sum(word in EN_QUESTION_WORDS for word in words)
    return "id" if indonesian > english else "en"


def _starts_sentence(text: str, position: int) -> bool:
    before = text[:position].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?\n"


def language_word_counts(words: list[str]) -> tuple[int, int]:
    """(Indonesian, English) function words among lower-cased `words`."""
    indonesian = sum(
        word in ID_WORDS or (len(word) > 5 and word.endswith(ID_SUFFIXES)) for word in words
    )
    return indonesian, sum(word in EN_WORDS for word in words)


def normalize_date(value: str | None) -> str | None:
    """ISO 8601 for what parses (ISO variants, RFC 2822 as in RSS), else the value as given.

    Example: "Sat, 15 Mar 2025 10:00:00 GMT" -> "2025-03-15T10:00:00+00:00"; "kemarin" stays.
    """
    if not value or not value.strip():
        return None
    value = value.strip()
    parsers = (
        datetime.date.fromisoformat,
        datetime.datetime.fromisoformat,
        email.utils.parsedate_to_datetime,
    )
    for parse in parsers:
        try:
            return parse(value).isoformat()
        except (TypeError, ValueError, IndexError, OverflowError):
            continue
    return value


def decode_text(data: bytes) -> str | None:
    """UTF-8 (BOM allowed) or UTF-16 with BOM, else cp1252 then latin-1 for legacy files.

    Returns None for binary: NUL bytes, or mostly unprintable after decoding. Legacy decoding
    never fails, so a file in another 8-bit encoding comes back with some wrong letters.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    elif b"\x00" in data:
        return None
    else:
        for encoding in ("utf-8-sig", "cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    return text if is_mostly_printable(text) else None


_DECLARED_CHARSET = re.compile(
    rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I
)


def decode_html(data: bytes, content_type: str = "") -> str | None:
    """An HTML page's text: the charset the HTTP header or the page declares (a `<meta>` or XML
    declaration in its first 2 KB), else as `decode_text` guesses. Undecodable bytes under a
    declared charset become U+FFFD rather than losing the page."""
    for declared in (content_type.encode("ascii", "ignore"), data[:2048]):
        match = _DECLARED_CHARSET.search(declared)
        if match:
            try:
                info = codecs.lookup(match.group(1).decode("ascii"))
            except LookupError:
                continue
            if not info._is_text_encoding:  # "charset=base64", "hex", "zlib": not a charset
                continue
            if info.name.startswith("utf-8"):
                break  # decode_text handles UTF-8, with a legacy fallback when it is not
            try:
                text = data.decode(info.name, errors="replace")
            except (LookupError, UnicodeError):  # e.g. idna allows no error handler
                continue
            return text if is_mostly_printable(text) else None
    return decode_text(data)


def is_binary(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return b"\x00" in head


def is_mostly_printable(text: str) -> bool:
    sample = text[:PRINTABLE_SAMPLE_CHARS]
    if not sample:
        return True
    printable = sum(char.isprintable() or char in "\n\r\t\f" for char in sample)
    return printable / len(sample) >= MIN_PRINTABLE_SHARE
