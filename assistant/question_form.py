"""A question as typed, put in the form the answer checks read: contractions spelled out and,
when it was typed all in lower case, the names capitalised as the retrieved news writes them.

The checks read names by their capitals and the asked slot by its words: "who coaches marat
safin" has no name to look for, and "What's the maximum fine …" no "what … fine".
"""

from __future__ import annotations

import re
from collections import Counter

from assistant.search_index import STOPWORDS_EN, STOPWORDS_ID

# "What's the fine", "Who's the coach": the question word and "is".
_CONTRACTION = re.compile(r"\b(what|who|where|when|how|which)['’](s|re)\b", re.I)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*[^\W_]|[^\W\d_]", re.U)
# Capitalised because a sentence or a quote opens there, not because it is a name.
_OPENING = re.compile(r"[.!?:;\"“‘(\n][\s\"“‘(]*$")
_QUESTION_WORDS = {
    "what", "who", "whom", "whose", "when", "where", "why", "how", "which", "apa", "apakah",
    "siapa", "siapakah", "kapan", "kapankah", "dimana", "mana", "bagaimana", "mengapa",
    "kenapa", "berapa", "berapakah", "tell", "please", "tolong",
}  # fmt: skip


def normalize_question(question: str, passages: list[str]) -> str:
    """`question` with contractions spelled out and, if it has no capital letter at all, each
    word that `passages` write capitalised mid-sentence more often than not in their own form
    ("marat safin" -> "Marat Safin", "mcmoran" -> "McMoran")."""
    question = _CONTRACTION.sub(lambda m: f"{m.group(1)} {'is' if m.group(2).lower() == 's' else 'are'}", question)  # fmt: skip
    if any(c.isupper() for c in question):
        return question
    forms: dict[str, str] = {}
    for word in dict.fromkeys(_WORD.findall(question)):
        if word in STOPWORDS_EN or word in STOPWORDS_ID or word in _QUESTION_WORDS:
            continue
        written = Counter(
            m.group(0)
            for text in passages
            for m in re.finditer(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", text, re.I)
            if not _opens_a_sentence(text, m.start())
        )
        capitalised = sum(n for form, n in written.items() if form[0].isupper())
        if capitalised > sum(written.values()) - capitalised:
            forms[word] = max((f for f in written if f[0].isupper()), key=written.__getitem__)
    if not forms:
        return question
    pattern = re.compile(r"(?<![\w'’-])(" + "|".join(map(re.escape, sorted(forms, key=len, reverse=True))) + r")(?![\w'’-])")  # fmt: skip
    return pattern.sub(lambda m: forms[m.group(1)], question)


def _opens_a_sentence(text: str, at: int) -> bool:
    before = text[max(0, at - 4) : at]
    return _OPENING.search(before) is not None or not text[:at].strip(' "“‘(')
