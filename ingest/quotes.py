"""Find who is quoted in a passage: direct quotes with their speaker, and reported speech.

Patterns, not a parser: `“…,” kata Zelensky`, `“…,” ujar/ucap/tegas/ungkap X`, `X mengatakan
bahwa …`, `“…,” ujarnya`, `"…," said X`, `"…," X said`, `X said that …`, `X, director of Y,
said …`, `menurut X`. Pronoun speakers (dia, ia, he, she, "-nya") are resolved to the last
named speaker in the passage. It misses quotes whose speaker is only named sentences earlier;
retrieval treats speakers as a preference, not a filter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.places import COUNTRIES

# Indonesian offices written as one word ("Menhan Ryamizard", "Wapres Jusuf Kalla") and the
# words they stand for: a title before a name, and the office a question may ask about
# ("siapa mendagri pakistan" is answered by "Menteri Dalam Negeri Pakistan, Sarfraz Bugti").
OFFICE_SHORT_FORMS = {
    "mendagri": "menteri dalam negeri", "menlu": "menteri luar negeri", "menkeu": "menteri keuangan",
    "menhan": "menteri pertahanan", "menkes": "menteri kesehatan", "menag": "menteri agama",
    "mensos": "menteri sosial", "menpora": "menteri pemuda dan olahraga",
    "mendikbud": "menteri pendidikan dan kebudayaan", "menaker": "menteri ketenagakerjaan",
    "menhub": "menteri perhubungan", "mentan": "menteri pertanian", "mendag": "menteri perdagangan",
    "menperin": "menteri perindustrian", "menkumham": "menteri hukum dan ham",
    "menkominfo": "menteri komunikasi dan informatika", "menpar": "menteri pariwisata",
    "menko": "menteri koordinator", "menpan": "menteri pendayagunaan aparatur negara",
    "menristekdikti": "menteri riset teknologi dan pendidikan tinggi",
    "menristek": "menteri riset dan teknologi",
    "menpupr": "menteri pekerjaan umum dan perumahan rakyat",
    "menlhk": "menteri lingkungan hidup dan kehutanan", "menkop": "menteri koperasi",
    "menesdm": "menteri energi dan sumber daya mineral", "menpppa": "menteri pemberdayaan perempuan",
    "kapolri": "kepala kepolisian", "kapolda": "kepala kepolisian daerah",
    "kapolres": "kepala kepolisian resor", "kapolsek": "kepala kepolisian sektor",
    "kajati": "kepala kejaksaan tinggi", "kajari": "kepala kejaksaan negeri",
    "kasad": "kepala staf angkatan darat", "ksad": "kepala staf angkatan darat",
    "pangdam": "panglima daerah militer", "wapres": "wakil presiden", "wagub": "wakil gubernur",
    "wabup": "wakil bupati", "wawali": "wakil wali kota", "walkot": "wali kota",
    "dirjen": "direktur jenderal", "sekjen": "sekretaris jenderal", "kadis": "kepala dinas",
    "dirut": "direktur utama",
}  # fmt: skip
ROLE_TITLES = {
    "presiden", "wakil", "menteri", "ketua", "gubernur", "bupati", "wali", "kota", "kepala",
    "direktur", "juru", "bicara", "jubir", "sekretaris", "jenderal", "panglima", "kapolri",
    "kapolda", "pak", "bu", "bapak", "ibu", "sang", "perdana", "president", "prime", "minister",
    "mr", "mrs", "ms", "dr", "sir", "chancellor", "secretary", "chairman", "chief", "executive",
    "spokesman", "spokeswoman", "senator", "governor", "mayor", "coach", "manager", "the",
    "former", "mantan", "pelatih", "striker", "kapten", "captain",
} | set(OFFICE_SHORT_FORMS)  # fmt: skip
# Nationalities in "Presiden Ukraina Volodymyr Zelensky" are not part of the name. Only the
# countries speakers are most often titled by: every country of ingest.places here would strip
# a surname ("Mr Wales") from its key.
NATIONALITIES = {"ukraina", "rusia", "as", "amerika", "serikat", "inggris", "indonesia", "ri", "us", "uk"}  # fmt: skip
TITLES = ROLE_TITLES | NATIONALITIES
PRONOUNS = {"dia", "ia", "beliau", "mereka", "he", "she", "they", "nya"}

_NAME = r"(?:[A-Z][\w'’.-]*(?:[ \t]+(?:(?:bin|binti|van|de|der|al|el|da|dos)[ \t]+)?[A-Z][\w'’.-]*){0,4})"
_SPEAKER = rf"(?P<speaker>{_NAME}|dia|ia|beliau|he|she)"
_OPEN = '"“”„«'
_CLOSE = '"”“»'
_QUOTE = rf"[{_OPEN}](?P<quote>[^{_OPEN}{_CLOSE}]{{8,}}?)[{_CLOSE}]"
# Their "-nya" forms ("ujarnya") have a pattern of their own: a name after one is no speaker.
_ID_VERBS = (
    r"kata|ujar|ucap|tegas|ungkap|jelas|tutur|imbuh|lanjut|sebut|terang|tambah|papar|pungkas|seru"
)
_EN_VERBS = r"said|says|added|told|stated|explained|insisted|warned|argued|admitted"
_REPORT_VERBS = r"mengatakan|menegaskan|mengungkapkan|menyatakan|menjelaskan|menyebut|menyebutkan|menilai|mengaku|meragukan|menambahkan|said|says|told|warned|insisted|argued|added"

PATTERNS = [
    # “…,” kata Zelensky / "…," said Mr Smith
    re.compile(rf"{_QUOTE}\s*,?\s*(?:{_ID_VERBS}|{_EN_VERBS})\s+{_SPEAKER}", re.UNICODE),
    # "…," Smith said
    re.compile(rf"{_QUOTE}\s*,?\s*{_SPEAKER}\s+(?:{_EN_VERBS})\b", re.UNICODE),
    # “…,” ujarnya: "-nya" is the speaker of the quote before (resolved like "dia")
    re.compile(rf"{_QUOTE}\s*,?\s*(?:{_ID_VERBS})(?P<speaker>nya)\b", re.UNICODE),
    # Zelensky menegaskan bahwa … / Smith said that …  (reported speech, to the sentence end)
    re.compile(
        rf"(?<![\w])(?P<speaker>{_NAME})\s+(?:juga\s+|sendiri\s+|also\s+)?(?:{_REPORT_VERBS})\b[\s,:]*(?:bahwa|that)?\s*(?P<quote>[^.!?]{{8,}}[.!?]?)",
        re.UNICODE,
    ),
    # Shami Chakrabarti, director of Liberty, said …: a description between commas that opens
    # in lower case ("UK, France and Spain, said the report" is no speaker; see APPOSITIVE).
    re.compile(
        rf"(?<![\w])(?P<speaker>{_NAME}),[ \t]+(?=[a-z])[^.,!?;:\n{_OPEN}{_CLOSE}]{{3,80}}?,\s+(?:{_REPORT_VERBS})\b[\s,:]*(?:bahwa|that)?\s*(?P<quote>[^.!?]{{8,}}[.!?]?)",
        re.UNICODE,
    ),
    # menurut Zelensky, … / according to Smith, …
    re.compile(
        rf"(?:[Mm]enurut|[Aa]ccording to)\s+(?P<speaker>{_NAME}),?\s*(?P<quote>[^.!?]{{8,}})"
    ),
]
DIRECT_PATTERNS = 3  # the first three patterns match text in quotation marks
APPOSITIVE = 4  # the "Name, description, said" pattern
# Before an appositive's name, a preposition makes the name someone else's ("a spokesman for
# Tony Blair, the prime minister, said", "juru bicara masjid di Manchester, …, mengatakan").
_PREPOSITIONS = (
    r"di|in|at|of|from|for|to|on|with|by|about|dari|ke|kepada|oleh|untuk|dengan|pada|bagi"
)
_PREPOSITION_BEFORE = re.compile(rf"\b(?:{_PREPOSITIONS})\s+$", re.I)
_PREPOSITION_FIRST = re.compile(rf"(?:{_PREPOSITIONS})\s", re.I)  # "Di Manchester, …"
# A sentence's opening connective is no part of the name after it: "Namun, …", "Meanwhile …".
CONNECTIVES = {
    "but", "and", "however", "meanwhile", "ultimately", "yet", "so", "then", "also", "namun",
    "tetapi", "terpisah", "sementara", "selain", "sedangkan", "adapun", "lalu", "kemudian",
}  # fmt: skip


@dataclass(frozen=True)
class Quote:
    speaker: str
    text: str
    start: int
    direct: bool = True  # in quotation marks, not reported speech

    @property
    def speaker_key(self) -> str:
        return speaker_key(self.speaker)


def speaker_key(name: str) -> str:
    """Lower-case name without titles: 'Presiden Volodymyr Zelensky' -> 'volodymyr zelensky'."""
    words = [w.strip(".,'’").lower() for w in name.split()]
    words = [w for w in words if w and w not in TITLES]
    return " ".join(words)


def same_speaker(a: str, b: str) -> bool:
    """Whether two speaker keys share a name word, however it is spelled: 'zelensky' ~
    'volodymyr zelensky', 'zelenskyy' ~ 'zelensky'. In a key of three words or more a
    country's name is no such word (`identifying_words`)."""
    return any(spelled_alike(x, y) for x in identifying_words(a) for y in identifying_words(b))


def identifying_words(key: str) -> list[str]:
    """The words of a speaker key that tell the speaker apart. A country's name (COUNTRIES, from
    the one table of places in ingest.places) does not in a longer description ('biro
    statistik china', 'china xi jinping'), but a name of two words may hold one ('jimmy
    wales', 'timur pradopo', 'oliver north')."""
    words = key.split()
    if len(words) < 3:
        return words
    return [w for w in words if w not in COUNTRIES] or words


SPELLING_MIN_LENGTH = 6  # shorter names differ by one letter too often: 'Hasan', 'Hasin'


def spelled_alike(a: str, b: str) -> bool:
    """Whether two lower-case words are one name as people spell it: the same, or both of at
    least SPELLING_MIN_LENGTH letters, with the same first letter, and one letter added, dropped,
    changed (not the last) or two neighbours swapped: 'zelenskyy' ~ 'zelensky', 'freport' ~
    'freeport', but not 'warner' ~ 'warned'."""
    if a == b:
        return True
    if min(len(a), len(b)) < SPELLING_MIN_LENGTH or abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    if not (a.isalpha() and b.isalpha()):
        return False
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    if len(a) == len(b):
        swapped = a[start + 1 : start + 2] + a[start : start + 1] + a[start + 2 :]
        # Not the last letter changed: 'warner' / 'warned', 'turner' / 'turned' are two words.
        return (start < len(a) - 1 and a[start + 1 :] == b[start + 1 :]) or swapped == b[start:]
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[start + 1 :] == shorter[start:]


def extract_quotes(text: str) -> list[Quote]:
    """Quotes and reported statements in `text`, in order of appearance.

    >>> [(q.speaker, q.text) for q in extract_quotes('“Kami siap,” kata Zelensky.')]
    [('Zelensky', 'Kami siap,')]
    """
    found: list[Quote] = []
    seen: set[tuple[int, str]] = set()
    for pattern_index, pattern in enumerate(PATTERNS):
        for match in pattern.finditer(text):
            speaker = match.group("speaker").strip(" .,")
            if pattern_index == APPOSITIVE:
                before = text[: match.start("speaker")]
                if _PREPOSITION_BEFORE.search(before) or _PREPOSITION_FIRST.match(speaker):
                    continue
                words = speaker.split()
                while words and words[0].lower() in CONNECTIVES:
                    words.pop(0)
                speaker = " ".join(words)
            quote = match.group("quote").strip()
            if not speaker or not speaker_key(speaker) and speaker.lower() not in PRONOUNS:
                continue
            key = (match.start("quote"), speaker)
            if key in seen:
                continue
            seen.add(key)
            found.append(
                Quote(speaker, quote, match.start("quote"), direct=pattern_index < DIRECT_PATTERNS)
            )
    found.sort(key=lambda q: q.start)
    return _resolve_pronouns(found, text)


def _resolve_pronouns(quotes: list[Quote], text: str) -> list[Quote]:
    resolved: list[Quote] = []
    last_named: str | None = None
    for q in quotes:
        if q.speaker.lower() in PRONOUNS:
            if last_named is None:
                continue
            q = Quote(last_named, q.text, q.start, q.direct)
        else:
            last_named = q.speaker
        resolved.append(q)
    return resolved
