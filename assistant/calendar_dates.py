"""Dates in news text: years, days of the month by their month's name, weekdays, and the
calendar words that are never a name. `slot_fillers` reads them for the when- and number-slots,
`evidence` and `answer_checks` for a year or a date in a passage or an answer."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.question_parse import DAYS, MONTHS

YEAR_IN_TEXT = re.compile(r"\b(?:19|20)\d\d(?!\d)")


# Days and months are capitalised, and never the person, thing or place asked for. Unlike
# `question_parse.CALENDAR`, no "May" or "Jan": those are names too.
CALENDAR_WORD = re.compile(
    r"januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember|"
    rf"january|february|march|june|july|august|october|december|{DAYS}",
    re.I,
)


def dated_otherwise(sentence: str, years: Sequence[str]) -> bool:
    """Whether a sentence names a year, and none of the question's `years`."""
    written = set(YEAR_IN_TEXT.findall(sentence))
    return bool(written) and not written & set(years)


DATE = r"(?:19|20)\d\d|\d{1,2}/\d{1,2}(?:/\d{2,4})?"  # a year, "14/2", "14/2/2017"
DATE_NUMBER = re.compile(rf"{DATE}|\d{{1,2}}[.:]\d\d")  # or a clock time, "07.00"
# A day of the month, by its month's name as news writes it (capitalised): "16 November",
# "pada 5 Mei", "November 16, 2004"; not "16 may be", "thousands march". A number after the
# month is a day only where the date ends: "In January 25 people were jailed" counts 25.
_MONTH_NAME = "|".join(month.capitalize() for month in MONTHS.split("|"))
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_NAME})\b\.?")
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTH_NAME})\.?\s+$")
_DATE_ENDS = re.compile(r"(?:st|nd|rd|th)?(?:\s*[,.;)]|\s+(?:19|20)\d\d\b|\s*$)")


def day_of_month(sentence: str, start: int, end: int) -> bool:
    """Whether the number at start:end is a date's day: 1 to 31 written with a month's name."""
    token = sentence[start:end]
    if not token.isdigit() or not 1 <= int(token) <= 31:
        return False
    if _MONTH_AFTER.match(sentence, end):
        return True
    return bool(_MONTH_BEFORE.search(sentence[:start]) and _DATE_ENDS.match(sentence, end))


# A day of the month beside a month's name: "23 Agustus", "19th of September", "May 24".
_DAY_BEFORE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?$")
_DAY_AFTER = re.compile(r"\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?![.,:]?\d)")
# A day named without its date: "Rabu", "yesterday", "hari ini".
_DAY_WORD = re.compile(rf"(?:{DAYS})s?|kemarin|besok|lusa|yesterday|today|tomorrow|hari ini", re.I)


def names_a_day(sentence: str, m: re.Match) -> bool:
    """Whether a when-slot match names a day: a weekday, "(28/6)", or a month's name with its day."""
    found = m.group(0)
    if _DAY_WORD.fullmatch(found) or re.fullmatch(r"\d{1,2}/\d{1,2}", found):
        return True
    if re.fullmatch(MONTHS, found, re.I):
        return bool(
            _DAY_BEFORE.search(sentence[: m.start()]) or _DAY_AFTER.match(sentence, m.end())
        )
    return False
