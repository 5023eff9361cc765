"""Reading a document's date as news feeds write it, and settling day-month order from the document's text.

Accepted forms (a time of day and a time zone may follow any of them, and a weekday may lead)::

    2012-04-07   2012-04-07T10:30:00Z   2012/04/07   20120407   20120407T103000Z
    07-04-2012   07/04/2012   7.4.2012          day-month or month-day
    April 07, 2012   Apr. 7, 2012   7 April 2012   Saturday, April 7, 2012   Sat, 07 Apr 2012 10:30:00 +0000

Month and weekday names come from the language data (``lang/en/lexicon.toml``).  A numeric
form whose first two parts are both 12 or less and differ (``07-04-2012``) has two readings;
no locale is assumed.  The document's own text may settle it: a date written with a month
name or in ISO form in its first :data:`WINDOW` characters (its dateline, "April 7, 2012",
"7 April"), or a weekday in a dateline position ("Saturday" when only one reading is a
Saturday).  Otherwise the document has no date and :attr:`DocumentDate.warning` says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from newsline.errors import bad_dct
from newsline.timex._lexicon import load_lexicon

WINDOW = 500  # characters of the document's text searched for evidence
ADVICE = "write it as YYYY-MM-DD (newsline tag also takes --dct YYYY-MM-DD)"

# what parse_dct accepts: behaviour on these stays exactly as it was
ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?")
_ZONE = r"(?:\s?(?:Z|UTC|GMT|[+-]\d\d:?\d\d|[A-Z]{3,4}))?"
_CLOCK = r"(?:(?:[T ]|,?\s+(?:at\s+)?)\d{1,2}(?::\d\d){1,2}(?:[.,]\d+)?(?:\s?[AaPp]\.?[Mm]\.?)?" + _ZONE + ")?"
_YEAR_FIRST = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})" + _CLOCK)
_BASIC = re.compile(r"(\d{4})(\d\d)(\d\d)(?:T\d{4}(?:\d\d)?(?:Z|[+-]\d\d:?\d\d)?)?")
_NUMERIC = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})" + _CLOCK)
_SHORT_YEAR = re.compile(r"\d{1,2}([-/.])\d{1,2}\1\d{2}")
_ORD = r"(?:st|nd|rd|th)?"


@dataclass(frozen=True, slots=True)
class DocumentDate:
    """What a document's written date says: its date, or why there is none.

    ``invalid`` is true when ``raw`` is not a date at all or an impossible one
    (``2012-02-30``); false with a ``warning`` when it is a date that cannot be
    pinned down (two readings the text does not settle, a weekday that contradicts it).
    ``note`` says how an ambiguous form was settled.
    """

    raw: str
    value: date | None
    warning: str | None = None
    invalid: bool = False
    note: str | None = None


@dataclass(frozen=True, slots=True)
class _Names:
    months: dict[str, int]
    weekdays: dict[str, int]
    month_names: dict[int, str]  # the full name of each month, capitalised
    written: re.Pattern[str]  # a whole value written with a month name
    weekday_lead: re.Pattern[str]  # a weekday before a value
    in_text: re.Pattern[str]  # a date with a month name, or ISO, inside a text
    weekday_line: re.Pattern[str]  # a weekday in a dateline position inside a text


def _alternation(words: dict[str, int]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _names(language: str = "en") -> _Names:
    lex = load_lexicon(language)
    month, weekday = _alternation(lex.months), _alternation(lex.weekdays)
    full: dict[int, str] = {}
    for word, number in lex.months.items():
        if len(word) > len(full.get(number, "")):
            full[number] = word
    lead = rf"(?:(?P<wd>{weekday})\.?,?\s+)?"
    written = re.compile(
        lead + rf"(?:(?P<m1>{month})\.?\s+(?P<d1>\d{{1,2}}){_ORD},?\s+(?P<y1>\d{{4}})"
        rf"|(?P<d2>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m2>{month})\.?,?\s+(?P<y2>\d{{4}}))" + _CLOCK, re.I)
    in_text = re.compile(
        rf"\b(?P<m1>{month})\b\.?\s+(?P<d1>\d{{1,2}}){_ORD}\b(?:,?\s+(?P<y1>\d{{4}})\b)?"
        rf"|\b(?P<d2>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m2>{month})\b\.?(?:,?\s+(?P<y2>\d{{4}})\b)?"
        r"|\b(?P<y3>\d{4})-(?P<m3>\d\d)-(?P<d3>\d\d)\b", re.I)
    weekday_line = re.compile(
        rf"(?m:^)[ \t]*(?P<a>{weekday})\b|\b(?P<b>{weekday})\b\.?,?[ \t]+(?=\d|(?:{month})\b)", re.I)
    return _Names(lex.months, lex.weekdays, {n: w.capitalize() for n, w in full.items()},
                  written, re.compile(lead, re.I), in_text, weekday_line)


def read_document_date(raw: str, text: str = "", *, language: str = "en") -> DocumentDate:
    """Read the document date ``raw``; ``text`` (the document) may settle a day-month order."""
    value = raw.strip()
    m = ISO.fullmatch(value)
    if m:
        return _make(value, int(m.group(1)), int(m.group(2)), int(m.group(3)))
    names = _names(language)
    for pattern in (_YEAR_FIRST, _BASIC):
        m = pattern.fullmatch(value)
        if m:
            return _make(value, int(m.group(1)), int(m.group(3 if pattern is _YEAR_FIRST else 2)),
                         int(m.group(4 if pattern is _YEAR_FIRST else 3)))
    m = names.written.fullmatch(value)
    if m:
        month = names.months[m.group("m1" if m.group("m1") else "m2").lower().rstrip(".")]
        day = int(m.group("d1") or m.group("d2"))
        found = _make(value, int(m.group("y1") or m.group("y2")), month, day, names)
        return _check_weekday(found, m.group("wd"), names)
    lead = names.weekday_lead.match(value)
    rest = value[lead.end():] if lead else value
    m = _NUMERIC.fullmatch(rest)
    if m:
        wd = lead.group("wd") if lead else None
        return _numeric(value, int(m.group(1)), int(m.group(3)), int(m.group(4)), wd, text, names)
    if _SHORT_YEAR.fullmatch(value):
        return DocumentDate(value, None, _unusable(value, "a two-digit year: give all four digits"), invalid=True)
    return DocumentDate(value, None, _unusable(value, "expected a date such as 2012-04-07, 07/04/2012 or "
                                                      "April 7, 2012"), invalid=True)


def _unusable(raw: str, why: str) -> str:
    return str(bad_dct(raw, why))


def _make(raw: str, year: int, month: int, day: int, names: _Names | None = None) -> DocumentDate:
    """The date, or why there is none; with ``names`` (forms other than ISO) the message names the month."""
    try:
        return DocumentDate(raw, date(year, month, day))
    except ValueError as exc:
        why = str(exc)
        if names is not None and 1 <= month <= 12:
            why = f"{names.month_names[month]} {year} has no day {day}"
        return DocumentDate(raw, None, _unusable(raw, why), invalid=True)


def _weekday_number(word: str, names: _Names) -> int:
    return names.weekdays[word.lower().rstrip(".")]


def _check_weekday(found: DocumentDate, word: str | None, names: _Names) -> DocumentDate:
    if found.value is None or word is None or found.value.isoweekday() == _weekday_number(word, names):
        return found
    return DocumentDate(found.raw, None, f"document date {found.raw!r} names a {word.capitalize()}, but "
                        f"{_written(found.value, names)} is a {found.value.strftime('%A')}, so the document "
                        f"has no DCT: {ADVICE}")


def _written(d: date, names: _Names, day_first: bool = False) -> str:
    month = names.month_names[d.month]
    return f"{d.day} {month} {d.year}" if day_first else f"{month} {d.day}, {d.year}"


def _numeric(raw: str, first: int, second: int, year: int, weekday: str | None, text: str,
             names: _Names) -> DocumentDate:
    """``first``/``second``/``year``: day-month or month-day, settled by the parts, a weekday or the text."""
    if first > 12 or second > 12 or first == second:
        day, month = (first, second) if first > 12 or first == second else (second, first)
        return _check_weekday(_make(raw, year, month, day, names), weekday, names)
    day_first, month_first = date(year, second, first), date(year, first, second)
    both = (day_first, month_first)
    if weekday is not None:
        wanted = _weekday_number(weekday, names)
        fits = [d for d in both if d.isoweekday() == wanted]
        if len(fits) == 1:
            return DocumentDate(raw, fits[0], note=f"settled by its weekday {weekday!r}")
        return DocumentDate(raw, None, f"document date {raw!r} names a {weekday.capitalize()}, but neither "
                            f"{_written(day_first, names, True)} nor {_written(month_first, names)} is one, so "
                            f"the document has no DCT: {ADVICE}")
    chosen, evidence = settle(both, text, names)
    if chosen is not None:
        order = "day first" if chosen == day_first else "month first"
        return DocumentDate(raw, chosen, note=f"read {order}, as the text's {evidence!r} says")
    why = "the text names both" if evidence else "the text does not settle it"
    return DocumentDate(raw, None, f"document date {raw!r} is ambiguous ({_written(day_first, names, True)} or "
                        f"{_written(month_first, names)}) and {why}, so the document has no DCT: {ADVICE}")


def settle(readings: tuple[date, ...], text: str, names: _Names | None = None) -> tuple[date | None, str]:
    """The one reading the first :data:`WINDOW` characters of ``text`` support, and the words that do.

    Evidence in order of strength: dates written with their year ("April 7, 2012",
    "2012-04-07"), dates without it ("7 April"), weekdays in a dateline position (at the
    start of a line, or before a date).  The first kind that supports any reading decides:
    exactly one reading settles it; more than one is a conflict (None and the words found).
    """
    names = names or _names()
    head = text[:WINDOW]
    with_year: dict[date, str] = {}
    without: dict[date, str] = {}
    for m in names.in_text.finditer(head):
        hit = _text_date(m, names)
        if hit is None:
            continue
        month, day, year = hit
        for d in readings:
            if (d.month, d.day) == (month, day) and year in (None, d.year):
                (without if year is None else with_year).setdefault(d, m.group(0))
    days: dict[date, str] = {}
    for m in names.weekday_line.finditer(head):
        word = m.group("a") or m.group("b")
        if not word[0].isupper() or not word.lower().endswith("day"):
            continue  # full names only: "Sun" or "Sat" at a line's start is likely a name
        for d in readings:
            if d.isoweekday() == _weekday_number(word, names):
                days.setdefault(d, word)
    for found in (with_year, without, days):
        if len(found) == 1:
            (d, words), = found.items()
            return d, words
        if found:
            return None, " and ".join(found.values())
    return None, ""


def _text_date(m: re.Match[str], names: _Names) -> tuple[int, int, int | None] | None:
    """(month, day, year or None) of a date found in a text; None for a month name in lower case ("may 7")."""
    if m.group("y3"):
        return int(m.group("m3")), int(m.group("d3")), int(m.group("y3"))
    word = m.group("m1") or m.group("m2")
    if not word[0].isupper():
        return None
    year = m.group("y1") or m.group("y2")
    return names.months[word.lower().rstrip(".")], int(m.group("d1") or m.group("d2")), int(year) if year else None


def written_end(text: str, pos: int, language: str = "en") -> int | None:
    """Where a date written with a month name ("April 7, 2012", "Sat, 7 Apr 2012") starting at ``pos`` ends."""
    m = _names(language).written.match(text, pos)
    return m.end() if m else None


def weekday_lead_end(text: str, pos: int, language: str = "en") -> int:
    """``pos``, or past a weekday ("Saturday, ") starting there."""
    m = _names(language).weekday_lead.match(text, pos)
    return m.end() if m and m.group("wd") else pos
