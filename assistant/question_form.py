"""A question as typed, put in the form the answer checks read: typed short forms and
contractions spelled out, a hedge after "berapa" ("persisnya") dropped and, when it was typed in
lower case (acronyms aside), the names capitalised as the retrieved news writes them.

The checks (and the model) read names by their capitals and the asked slot by its words: "who
coaches marat safin" has no name to look for, and "What's the maximum fine …" no "what … fine".
"""

from __future__ import annotations

import re
from collections import Counter

from assistant.question_parse import POSSESSIVE, QUESTION_WORDS
from assistant.search_index import STOPWORDS
from ingest.clean import TYPED_SHORT_FORMS, detect_language

# "What's the fine", "Who's the coach": the question word and "is".
_CONTRACTION = re.compile(r"\b(what|who|where|when|how|which)['’](s|re)\b", re.I)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*[^\W_]|[^\W\d_]", re.U)
# Capitalised because a sentence or a quote opens there (after a closing quote too:
# 'menang.” Namun'), not because it is a name.
_OPENING = re.compile(r"[.!?:;\"“”‘’(\n][\s\"“”‘’(]*$")


# A typed short form, in lower case or opening with a capital: "BLM", "YG Entertainment" are
# names as written.
# Two-letter ones only in lower case: "Ga-in", "JD" are names. Not before a hyphen or an
# apostrophe either.
_TYPED_SHORT = re.compile(
    rf"\b(?:{'|'.join(f'{w}|{w.capitalize()}' if len(w) > 2 else w for w in TYPED_SHORT_FORMS)})\b(?![.'’-])"
)


# A word typed all in capitals ("AS", "KPK", "PLN"): in "daud rasyid masuk AS pakai visa apa"
# the rest was still typed in lower case.
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")


# "Berapa persisnya nilai ganti rugi …": a hedge between "berapa" and what it asks says nothing
# of what is asked ("berapa nilai" asks a sum).
_HEDGE_AFTER_BERAPA = re.compile(r"\b(berapa(?:kah)?)\s+(?:persisnya|tepatnya|sebenarnya|kira-kira|kurang lebih|kiranya)\b", re.I)  # fmt: skip


def _spelled_out(m: re.Match) -> str:
    word = TYPED_SHORT_FORMS[m.group(0).lower()]
    return word.capitalize() if m.group(0)[0].isupper() else word


def normalize_question(question: str, passages: list[str]) -> str:
    """`question` with typed short forms and contractions spelled out and, if it has no capital
    letter outside words typed all in capitals ("KPK"), each word that `passages` write
    capitalised mid-sentence more often than not in their own form ("marat safin's coach" ->
    "Marat Safin's coach", "mcmoran" -> "McMoran"), unless it stands beside such a word."""
    if detect_language(question) == "id":  # "hrs" in an English question is hours
        question = _TYPED_SHORT.sub(_spelled_out, question)
    question = _HEDGE_AFTER_BERAPA.sub(r"\1", question)
    question = _CONTRACTION.sub(lambda m: f"{m.group(1)} {'is' if m.group(2).lower() == 's' else 'are'}", question)  # fmt: skip
    typed = _ACRONYM.sub("", question)
    if typed != typed.lower():
        return question  # as typed: "Apakah nama latin …" names nothing, whatever the news writes
    wanted = {POSSESSIVE.sub("", w).lower() for w in _WORD.findall(question)}
    wanted -= STOPWORDS | QUESTION_WORDS
    written: dict[str, Counter] = {}
    for text in passages:
        for m in _WORD.finditer(text):
            bare = POSSESSIVE.sub("", m.group(0))
            if bare.lower() in wanted and not _opens_a_sentence(text, m.start()):
                written.setdefault(bare.lower(), Counter())[bare] += 1
    forms: dict[str, str] = {}
    for word, counts in written.items():
        capitalised = sum(n for form, n in counts.items() if form[0].isupper())
        if capitalised > sum(counts.values()) - capitalised:
            forms[word] = max((f for f in counts if f[0].isupper()), key=counts.__getitem__)

    def as_written(m: re.Match) -> str:
        bare = POSSESSIVE.sub("", m.group(0))
        form = forms.get(bare.lower())
        if not form or _apart_from_acronym(question, m.start(), m.end(), form, passages):
            return m.group(0)
        return form + m.group(0)[len(bare) :]

    return _WORD.sub(as_written, question) if forms else question


def _apart_from_acronym(question: str, start: int, end: int, form: str, passages: list[str]) -> bool:  # fmt: skip
    """Whether a word stands right beside one typed all in capitals that the news never writes
    next to it. Capitalised there, the two would read as one name: "foto di DM instagram" is
    Instagram's DM, not a "DM Instagram"; but "presiden AS joe biden" is "AS Joe Biden"."""
    before = re.search(r"(\S+)\s+$", question[:start])
    after = re.match(r"\s+(\S+)", question[end:])
    for m, pair in ((before, "{} " + form), (after, form + " {}")):
        acronym = m.group(1).strip(".,?!;:") if m else ""
        if _ACRONYM.fullmatch(acronym) and not any(pair.format(acronym) in text for text in passages):  # fmt: skip
            return True
    return False


def _opens_a_sentence(text: str, at: int) -> bool:
    return _OPENING.search(text[max(0, at - 4) : at]) is not None or not text[:at].strip(' "“‘(')
