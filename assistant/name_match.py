"""Is a question's name or number in a text? Matched whatever the inflection ("jakarta-based"),
the spelling ("zelenskyy"), a number written in words ("lima belas") or the other language's
name for it ("Inggris" for "Britain"), and with the news's own country left implicit.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.search_index import STOPWORDS, stem_en, stem_id
from ingest.places import COUNTRY_ALIASES
from ingest.quotes import (
    SPELLING_MIN_LENGTH,
    spelled_alike,
)

SAY_VERBS = r"kata|ujar|ucap|tegas|ungkap|jelas|tutur|imbuh|mengatakan|menegaskan|mengungkapkan|menyatakan|menjelaskan|menilai|said|says|told|added|stated|warned|insisted|argued|claimed"  # fmt: skip
SAY_VERB = re.compile(SAY_VERBS)


def word_stems(word: str) -> set[str]:
    return {word, stem_id(word), stem_en(word)}


# Names that differ between Indonesian and English news (countries, demonyms, institutions).
NAME_ALIASES = [
    # Countries come from the one table of places (ingest.places.COUNTRY_ALIASES).
    *COUNTRY_ALIASES,
    {"north", "utara"}, {"south", "selatan"}, {"eu", "ue"},
    {"open", "terbuka"}, {"cup", "piala"}, {"world", "dunia"},
    # "New Zealand" is "Selandia Baru"; each word is aliased to the other language's whole name,
    # as "new" and "baru" alone are everyday words.
    {"new", "selandia baru"}, {"baru", "new zealand"},
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
    {"islamic", "islam"}, {"labour", "buruh"},
    {"conservative", "conservatives", "konservatif", "tory", "tories"}, {"university", "universitas"}, {"military", "armed", "tni"},
    {"airport", "bandara"}, {"hospital", "rs"},
    {"chapel", "kapel"}, {"church", "gereja"}, {"cathedral", "katedral"}, {"mosque", "masjid"},
    # "Agung" alone is also the Attorney General's ("Jaksa Agung") and a great mosque's.
    {"supreme", "mahkamah agung"},
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
ALIAS_OF = {name: group for group in NAME_ALIASES for name in group}


def entity_in(entity: str, text_lower: str) -> bool:
    """Entity match tolerant of inflection and language: 'Jakarta' in 'jakarta-based',
    'Zelensky' in 'zelenskyy', 'Romania' in 'rumania'."""
    if entity in ALIAS_OF:
        return any(_entity_in(alias, text_lower) for alias in ALIAS_OF[entity])
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
    if len(entity) <= 3:  # an acronym, also in the plural: "cv" in "12 cvs", "atm" in "atms"
        return re.search(rf"\b{re.escape(entity)}(?:['’]?s)?\b", text_lower) is not None
    # An inflected form, a whole word: "Jakarta" in "jakarta-based", "Indonesia" in
    # "indonesian", "Rossi" in "rossi's"; never a stem cut below four letters, nor the start of
    # another word ("Mars" is neither "Marcus" nor "Marsudi", "Bali" no "balita").
    if any(re.search(rf"\b{re.escape(form[:-1])}\w?{_INFLECTION}\b" if len(form) > 4 else rf"\b{re.escape(form)}{_INFLECTION}\b", text_lower) for form in word_stems(entity) if len(form) >= 4):  # fmt: skip
        return True
    return bool(spelled_alike_in(entity, text_lower))


def spelled_alike_in(word: str, text_lower: str) -> set[str]:
    """The words of the text that are `word` as people spell it ('zelensky' for 'zelenskyy')."""
    if len(word) < SPELLING_MIN_LENGTH:
        return set()
    return {w for w in _words_of(text_lower) if abs(len(w) - len(word)) <= 1 and spelled_alike(word, w)}  # fmt: skip


@lru_cache(maxsize=2048)
def _words_of(text_lower: str) -> frozenset[str]:
    """The text's words that could be a name (SPELLING_MIN_LENGTH letters or more)."""
    return frozenset(w for w in re.findall(r"[^\W\d_]+", text_lower) if len(w) >= SPELLING_MIN_LENGTH and w not in STOPWORDS and not SAY_VERB.fullmatch(w))  # fmt: skip


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


# National news leaves its own country implicit: a BBC report on ID cards never says "UK", an
# Indonesian one on inflation rarely says "Indonesia". Keyed by the passage's language.
HOME_COUNTRY = {"en": "britain", "id": "indonesia"}


def named_in(entity: str, text_lower: str, passage_language: str | None) -> bool:
    """Whether a question name is in the text, or is the passage's own, implicit country."""
    if entity_in(entity, text_lower):
        return True
    home = HOME_COUNTRY.get(passage_language or "")
    return home is not None and entity in ALIAS_OF.get(home, ())
