"""Document dates as feeds write them: each form, day-month order settled by the text or not, and the places
documents come in (a text header, a JSON Lines record, a TimeML CREATION_TIME)."""

from __future__ import annotations

import json
from datetime import date

import pytest

import newsline
from newsline.errors import DateError, RecordError, TimeMLError
from newsline.timeml import parse_timeml
from newsline.timex._document_date import WINDOW, read_document_date
from newsline.timex._inputs import parse_record, read_header, split_header

APRIL_7 = date(2012, 4, 7)  # a Saturday
JULY_4 = date(2012, 7, 4)  # a Wednesday


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2012-04-07", APRIL_7),
        ("2012-04-07T10:30:00Z", APRIL_7),
        ("2012-04-07 10:30:00+02:00", APRIL_7),
        ("2012/04/07", APRIL_7),
        ("20120407", APRIL_7),
        ("20120407T103000Z", APRIL_7),
        ("13-04-2012", date(2012, 4, 13)),  # the day is the part over 12
        ("04/13/2012", date(2012, 4, 13)),
        ("13.4.2012", date(2012, 4, 13)),
        ("07/07/2012", date(2012, 7, 7)),  # both parts equal: one reading
        ("25/12/2012 18:45", date(2012, 12, 25)),
        ("April 07, 2012", APRIL_7),
        ("Apr. 7, 2012", APRIL_7),
        ("April 7th, 2012", APRIL_7),
        ("7 April 2012", APRIL_7),
        ("7th of April 2012", APRIL_7),
        ("Saturday, April 7, 2012", APRIL_7),
        ("Sat, 07 Apr 2012 10:30:00 +0000", APRIL_7),  # RSS (RFC 822)
        ("sept. 30, 2012", date(2012, 9, 30)),
        ("  April 7, 2012\n", APRIL_7),
    ],
)
def test_each_form_gives_its_date(raw: str, expected: date) -> None:
    found = read_document_date(raw)
    assert (found.value, found.warning, found.invalid) == (expected, None, False)


@pytest.mark.parametrize(
    ("raw", "text", "expected", "evidence"),
    [
        ("07-04-2012", "WASHINGTON, April 7, 2012 -- The fire started on Friday.", APRIL_7, "April 7, 2012"),
        ("07/04/2012", "LONDON (7 April) - Crowds gathered.", APRIL_7, "7 April"),
        ("7.4.2012", "Fireworks are planned for July 4 in the capital.", JULY_4, "July 4"),
        ("07-04-2012", "Published 2012-07-04.\nThe mayor said ...", JULY_4, "2012-07-04"),
        ("07-04-2012", "Saturday\nThe fire started at dawn.", APRIL_7, "Saturday"),  # only 7 April is a Saturday
        ("07-04-2012", "PARIS, Wednesday, 4 July - x", JULY_4, "4 July"),
        ("Saturday, 07/04/2012", "", APRIL_7, "Saturday"),  # its own weekday
        # a written date with its year outweighs one without
        ("07-04-2012", "Published April 7, 2012. Fireworks on July 4 were cancelled.", APRIL_7, "April 7, 2012"),
    ],
)
def test_the_text_settles_an_ambiguous_form(raw: str, text: str, expected: date, evidence: str) -> None:
    found = read_document_date(raw, text)
    assert found.value == expected
    assert found.warning is None
    assert found.note is not None and evidence in found.note


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "does not settle it"),
        ("The fire started on Friday.", "does not settle it"),
        ("On Saturday, police said the fire was out.", "does not settle it"),  # a weekday in a sentence
        ("Between April 7 and July 4 prices rose.", "names both"),
        ("the may 7 or the july 4 deadline", "does not settle it"),  # lower-case names are not dates
        ("Sun Microsystems said ...", "does not settle it"),  # "Sun" at a line's start is a name
        ("x" * WINDOW + " April 7, 2012", "does not settle it"),  # past the window
        ("April 7, 2011", "does not settle it"),  # another year
    ],
)
def test_an_unsettled_form_gives_no_date_and_says_why(text: str, why: str) -> None:
    found = read_document_date("07-04-2012", text)
    assert found.value is None and not found.invalid
    assert found.warning is not None
    assert found.warning.startswith("document date '07-04-2012' is ambiguous (7 April 2012 or July 4, 2012)")
    assert why in found.warning
    assert "YYYY-MM-DD" in found.warning and "--dct" in found.warning
    assert "\n" not in found.warning


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("2012-02-30", "day is out of range for month"),  # the ISO message is today's
        ("31/02/2012", "February 2012 has no day 31"),
        ("02/31/2012", "February 2012 has no day 31"),
        ("February 30, 2012", "February 2012 has no day 30"),
        ("13/13/2012", "month must be in 1..12"),
        ("soon", "expected a date such as"),
        ("", "expected a date such as"),
        ("07/04/12", "two-digit year"),
        ("April 2012", "expected a date such as"),
        ("Smarch 7, 2012", "expected a date such as"),
        ("07-04/2012", "expected a date such as"),  # mixed separators
    ],
)
def test_nonsense_and_impossible_dates_are_invalid_with_a_clear_message(raw: str, why: str) -> None:
    found = read_document_date(raw, "April 7, 2012")
    assert found.value is None and found.invalid
    assert found.warning is not None
    assert why in found.warning
    assert repr(raw.strip()) in found.warning and "YYYY-MM-DD" in found.warning


@pytest.mark.parametrize(
    ("raw", "named"),
    [("Friday, April 7, 2012", "names a Friday, but April 7, 2012 is a Saturday"),
     ("Friday, 07/04/2012", "names a Friday, but neither 7 April 2012 nor July 4, 2012 is one")],
)
def test_a_weekday_that_contradicts_the_date_gives_no_date(raw: str, named: str) -> None:
    found = read_document_date(raw)
    assert found.value is None and not found.invalid
    assert found.warning is not None and named in found.warning


def test_month_names_come_from_the_lexicon(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsline.timex import _document_date, _lexicon

    lexicon = _lexicon.load_lexicon("en")
    monkeypatch.setitem(lexicon.months, "avril", 4)
    _document_date._names.cache_clear()
    try:
        assert read_document_date("7 avril 2012").value == APRIL_7
    finally:
        monkeypatch.undo()
        _document_date._names.cache_clear()
    assert read_document_date("7 avril 2012").invalid


# --- a text's "date ..." header -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "body"),
    [
        ("date 2012-04-07 The fire", APRIL_7, "The fire"),
        ("date 13/04/2012\nThe fire", date(2012, 4, 13), "The fire"),
        ("Date: April 7, 2012\nThe fire", APRIL_7, "The fire"),
        ("date Saturday, April 7, 2012 The fire", APRIL_7, "The fire"),
        ("date 7 April 2012\nThe fire", APRIL_7, "The fire"),
        ("date 07/04/2012\nWASHINGTON, April 7 - The fire", APRIL_7, "WASHINGTON"),
        ("date Saturday 07/04/2012\nThe fire", APRIL_7, "The fire"),
    ],
)
def test_a_header_in_another_form_gives_the_dct(text: str, expected: date, body: str) -> None:
    found, at = split_header(text)
    assert found == expected
    assert text[at:].startswith(body)
    assert newsline.tag(text).dct == expected


def test_an_ambiguous_header_leaves_the_document_without_a_dct() -> None:
    text = "date 07/04/2012\nThe plant closed on Sept. 30."
    header, at = read_header(text)
    assert header is not None and header.value is None and not header.invalid
    assert header.warning is not None and "ambiguous" in header.warning
    assert split_header(text) == (None, at)  # no error: the document goes on
    doc = newsline.tag(text)
    assert doc.dct is None
    assert [t.value for t in doc.timexes] == ["XXXX-09-30"]
    assert all(t.start >= at for t in doc.timexes)  # the header is still no text to tag
    assert newsline.tag(text, dct="2012-07-04").dct == JULY_4


@pytest.mark.parametrize("text", ["date 31/02/2012 x", "date April 31, 2012 x", "date 07/04/12 x"])
def test_an_impossible_header_is_still_an_error(text: str) -> None:
    with pytest.raises(DateError, match="is not usable"):
        split_header(text)
    assert split_header(text, strict=False)[0] is None


@pytest.mark.parametrize("text", ["Date palms grow.", "date April is cruel", "Date: Saturday night"])
def test_text_that_is_not_a_header_stays_text(text: str) -> None:
    assert read_header(text) == (None, 0)


# --- JSON Lines -------------------------------------------------------------------------------


def line(dct: object, text: str = "The plant closed on Sept. 30.") -> str:
    return json.dumps({"id": "r1", "text": text, "dct": dct})


def test_a_record_dct_in_another_form() -> None:
    assert parse_record(line("April 7, 2012")).dct == APRIL_7
    assert parse_record(line("07/04/2012", "NEW YORK, July 4 (AP) - x")).dct == JULY_4
    rec = parse_record(line("07/04/2012"))
    assert (rec.id, rec.dct) == ("r1", None)  # not a failure: the record goes on
    assert rec.dct_warning is not None and "ambiguous" in rec.dct_warning
    assert parse_record(line("2012-04-07")).dct_warning is None


@pytest.mark.parametrize("dct", ["31/02/2012", "soon", "2012-02-30"])
def test_a_record_dct_that_is_no_date_is_still_an_error(dct: str) -> None:
    with pytest.raises(RecordError, match="is not usable") as info:
        parse_record(line(dct))
    assert info.value.record_id == "r1"
    assert isinstance(info.value.__cause__, DateError)


# --- TimeML -----------------------------------------------------------------------------------


def timeml(value: str, text: str = "The plant closed on Sept. 30.") -> str:
    return (f'<?xml version="1.0" ?>\n<TimeML>\n<DOCID>d1</DOCID>\n<DCT><TIMEX3 tid="t0" type="DATE" '
            f'value="{value}" functionInDocument="CREATION_TIME">{value}</TIMEX3></DCT>\n'
            f"<TEXT>{text}</TEXT>\n</TimeML>\n")


def test_a_timeml_creation_time_in_another_form() -> None:
    doc = parse_timeml(timeml("April 7, 2012"))
    assert (doc.dct, doc.dct_value, doc.dct_warning) == (APRIL_7, "April 7, 2012", None)
    doc = parse_timeml(timeml("07-04-2012", "Saturday, April 7 -- The plant closed on Sept. 30."))
    assert doc.dct == APRIL_7
    doc = parse_timeml(timeml("07-04-2012"))
    assert doc.dct is None and doc.dct_value == "07-04-2012"
    assert doc.dct_warning is not None and "ambiguous" in doc.dct_warning
    assert parse_timeml(timeml("2012-04-07T10:00:00")).dct == APRIL_7  # ISO as before
    assert parse_timeml(timeml("20120407")).dct_warning is None


@pytest.mark.parametrize(("value", "why"), [("soon", "is not a date"), ("2012-02-30", "is not a real date"),
                                            ("31/02/2012", "is not a date")])
def test_a_timeml_creation_time_that_is_no_date_is_still_an_error(value: str, why: str) -> None:
    with pytest.raises(TimeMLError, match=why):
        parse_timeml(timeml(value), "f.tml")
