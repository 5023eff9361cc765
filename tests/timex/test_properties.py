"""Properties that hold for any text: tagging never fails and offsets always line up."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsline
from newsline._model import TIMEX_TYPES, Document
from newsline.timex._inputs import split_header

WORDS = [
    # months and their abbreviations, also the ones that are ordinary words
    "January", "Jan.", "Feb", "March", "march", "April", "May", "may", "June", "July",
    "Aug.", "Sept.", "Sep", "October", "Oct.", "Nov.", "December", "Dec",
    # weekdays and parts of days
    "Monday", "Tues.", "Wednesday", "Thursday", "Fri.", "Saturday", "Sunday", "morning",
    "evening", "tonight", "noon", "midnight", "a.m.", "p.m.",
    # relative words, units and number words
    "today", "yesterday", "tomorrow", "now", "ago", "later", "earlier", "last", "next", "this",
    "past", "coming", "previous", "following", "early", "mid-", "late", "the", "a", "every",
    "each", "since", "until", "before", "after", "about", "nearly", "more than", "day", "days",
    "week", "weeks", "month", "months", "quarter", "year", "years", "decade", "1990s", "'90s",
    "century", "hours", "minutes", "one", "two", "seven", "twelve", "twenty-one", "hundred",
    "first", "third", "fourth", "Christmas", "Easter", "spring", "summer", "fall", "winter",
    "weekend", "season", "fiscal", "Q3", "FY2020", "in", "on", "of", "at", "and", "or", "to",
    "Fall of Rome",
]
PUNCT = [" ", "  ", ", ", ". ", "; ", "-", "/", ":", "'", '"', "(", ")", "\n", "\n\n", "\t"]

numbers = st.integers(min_value=0, max_value=3000).map(str)
times = st.tuples(st.integers(0, 30), st.integers(0, 70)).map(lambda hm: f"{hm[0]}:{hm[1]:02d}")
isoish = st.tuples(st.integers(0, 9999), st.integers(0, 14), st.integers(0, 40)).map(
    lambda ymd: f"{ymd[0]:04d}-{ymd[1]:02d}-{ymd[2]:02d}"
)
token = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(PUNCT), numbers, times, isoish, st.text(max_size=4)
)
bodies = st.lists(token, max_size=40).map("".join)
dcts = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
headers = st.one_of(st.just(""), dcts.map(lambda d: f"date {d.isoformat()} "))

# A body starting with "date <digit>..." reads as a (malformed) header, which is an
# error on purpose; keep such bodies out of the never-raises property.
_HEADERLIKE = re.compile(r"\s*date:?[ \t]+\d", re.I)


def check(doc: Document, text: str) -> None:
    """Every timex points at its own text; timexes are sorted and do not overlap."""
    assert doc.text == text
    _, body = split_header(text)
    previous_end = body
    for t in doc.timexes:
        assert 0 <= t.start < t.end <= len(text)
        assert doc.text[t.start : t.end] == t.text
        assert t.start >= previous_end, "timexes must be sorted and not overlap"
        previous_end = t.end
        assert t.type in TIMEX_TYPES
        assert t.value
        if t.type in ("DURATION", "SET"):
            assert t.interval is None
        assert 0.0 <= t.confidence <= 1.0


PROPERTY = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(header=headers, body=bodies, dct=st.one_of(st.none(), dcts))
def test_tag_never_raises_and_offsets_line_up(header: str, body: str, dct: date | None) -> None:
    if not header and _HEADERLIKE.match(body):
        body = "x" + body
    text = header + body
    check(newsline.tag(text, dct=dct), text)


@PROPERTY
@given(text=st.text(max_size=200), dct=st.one_of(st.none(), dcts))
def test_any_unicode_text(text: str, dct: date | None) -> None:
    if _HEADERLIKE.match(text):
        text = "x" + text
    check(newsline.tag(text, dct=dct), text)
