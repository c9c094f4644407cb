"""Does a passage answer the question? The passage checked against the question as
`question_parse` reads it.

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
from collections.abc import Sequence, Set
from functools import lru_cache

from assistant.asked_kind import role_spans
from assistant.calendar_dates import YEAR_IN_TEXT
from assistant.glossary import WORD
from assistant.models import Hit
from assistant.name_match import (
    ALIAS_OF,
    HOME_COUNTRY,
    SAY_VERBS,
    entity_in,
    named_in,
    spelled_alike_in,
)
from assistant.question_parse import (
    COUNTED_SLOTS,
    ORDINAL_FORMS,
    POSSESSIVE,
    ParsedQuestion,
    content_terms,
    focus_in_language,
    parse_question,
)
from assistant.retrieve import asked_topic
from assistant.search_index import STOPWORDS
from assistant.slot_fillers import (
    SLOT_FILLERS,
    money_near_terms,
    name_at_sentence_start,
    slot_filled,
)
from ingest.chunk import split_sentences
from ingest.clean import blank_dateline
from ingest.places import CONTINENTS, COUNTRIES, COUNTRY_ALIASES
from ingest.quotes import (
    ROLE_TITLES,
    Quote,
    extract_quotes,
    identifying_words,
    same_speaker,
)

# An Indonesian ordinal takes "-nya" after its noun: "double-double ketiganya" is his third. On
# its own, or after a function word ("Ketiganya ditangkap", "dan keempatnya"), it means "all three
# (four) of them"; "keduanya" is "both" after a noun too.
_ORDINALS_WITH_NYA = frozenset(form for form in ORDINAL_FORMS if form.startswith("ke") and form.isalpha() and form != "kedua")  # fmt: skip


def _ordinal_in(forms: tuple[str, ...], text_lower: str) -> bool:
    for form in forms:
        if form.isdigit():
            if entity_in(form, text_lower):
                return True
        elif re.search(rf"\b{re.escape(form)}\b", text_lower):
            return True
        elif form in _ORDINALS_WITH_NYA:
            for m in re.finditer(rf"\b(\w+)\s+{form}nya\b", text_lower):
                if m.group(1) not in STOPWORDS:
                    return True
    return False


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
    """The retrieved passages that plausibly answer `question` (see `why_not_answered`). An
    article that writes the role a name is asked by, in any of its passages, names the person
    only next to it: "A shareholder in MCI has taken legal action" withholds the name that the
    next passage's "MCI agreed to a buyout by Verizon Communications" does not give either."""
    role = parse_question(question).name_role
    writing_role = {h.article_id for h in hits if role and role_spans(h.text, role)}
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
            role_written_elsewhere=h.article_id in writing_role,
        )
    ]


def passage_answers(question: str, passage: str, title: str = "", same_language: bool = True, date: str = "", passage_language: str | None = None, role_written_elsewhere: bool = False) -> bool:  # fmt: skip
    """Whether `passage` (with its article title and date) plausibly answers `question`."""
    return why_not_answered(question, passage, title, same_language, date, passage_language, role_written_elsewhere) is None  # fmt: skip


def _year_unverifiable(number: str, years: Sequence[str], date: str, text_lower: str) -> bool:
    """Whether a year the question names cannot be checked against the passage: it has no date
    (BBC articles carry none) and states no year of its own. "The 2005 Oscars" is then this
    article's Oscars as much as any year's; a passage that dates itself otherwise is checked."""
    return not date and number in years and not YEAR_IN_TEXT.search(text_lower)


def why_not_answered(question: str, passage: str, title: str = "", same_language: bool = True, date: str = "", passage_language: str | None = None, role_written_elsewhere: bool = False) -> str | None:  # fmt: skip
    """None when the passage plausibly answers the question, else the reason it does not.
    `role_written_elsewhere`: another passage of its article writes the role a name is asked by."""
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
            # The article writes the role, here or in another passage: only a name next to it counts.
            if role_written_elsewhere or any(writes_role):
                filled = [i for i in filled if writes_role[i]]
        asked_countries = _countries_asked(parsed, passage_language)
        if asked_countries:
            filled = [i for i in filled if not _of_other_countries(sentences[i], asked_countries)]  # fmt: skip
        if not filled:
            return f"no {slot} in a relevant sentence"
        # Across languages the question's words are looked for as the glossary translates them.
        money_terms = q_terms if same_language else frozenset().union(*parsed.translated)
        if slot == "money" and money_terms and not any(money_near_terms(sentences[i], entities, body, money_terms) for i in filled):  # fmt: skip
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
            and (w not in ALIAS_OF or _addressed_by_title(w, text))
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
        if opens and not name_at_sentence_start(written, text):
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
    words = set(own).union(*(spelled_alike_in(word, low) for word in own))
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
