"""Turning what users hand over (headers, dates, bytes, JSON Lines) into text and a DCT."""

from __future__ import annotations

from datetime import date, datetime

import pytest

import newsline
from newsline.errors import DateError, InputError, RecordError
from newsline.timex._inputs import decode, input_kind, parse_dct, parse_record, split_header

# --- the "date YYYY-MM-DD" header -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "dct", "body_starts_with"),
    [
        ("date 2020-10-16 Two weeks after", date(2020, 10, 16), "Two weeks"),
        ("date: 2020-10-16 Two weeks", date(2020, 10, 16), "Two weeks"),
        ("DATE 2020-10-16 Two weeks", date(2020, 10, 16), "Two weeks"),
        ("date 2020-10-16\nTwo weeks", date(2020, 10, 16), "Two weeks"),
        ("date 2020-10-16\r\nTwo weeks", date(2020, 10, 16), "Two weeks"),
        ("  date 2020-10-16\tTwo weeks", date(2020, 10, 16), "Two weeks"),
        ("date 2020-10-16T09:30:00Z Two weeks", date(2020, 10, 16), "Two weeks"),
        # a publishing system's header (new-user trial AB), with its colon
        ("Published: 2020-10-16\nTwo weeks", date(2020, 10, 16), "Two weeks"),
        ("PUBLISHED: October 16, 2020\nTwo weeks", date(2020, 10, 16), "Two weeks"),
        ("Posted: 2020-10-16 Two weeks", date(2020, 10, 16), "Two weeks"),
    ],
)
def test_header_gives_dct_and_body_offset(text: str, dct: date, body_starts_with: str) -> None:
    found, body = split_header(text)
    assert found == dct
    assert text[body:].startswith(body_starts_with)


def test_header_alone_leaves_an_empty_body() -> None:
    text = "date 2020-10-16"
    assert split_header(text) == (date(2020, 10, 16), len(text))


@pytest.mark.parametrize(
    "text",
    ["", "Two weeks after", "Date palms grow by the river.", "dated 2020-10-16 x", "update 2020",
     "Posted 3 hours ago", "Published 2020 results show a loss."],
)
def test_text_without_header(text: str) -> None:
    assert split_header(text) == (None, 0)


@pytest.mark.parametrize("text", ["date 2020-13-45 Two weeks", "date 2020-02-30 x", "date 31/02/2012 x",
                                  "date 16/10/20 x", "date 12abc x"])
def test_malformed_header_is_an_error_not_text(text: str) -> None:
    with pytest.raises(DateError, match="YYYY-MM-DD"):
        split_header(text)


def test_tag_keeps_offsets_into_the_original_text_with_header() -> None:
    text = "date 2020-10-16 The deal closed on Sept. 30."
    doc = newsline.tag(text)
    assert doc.text == text
    assert doc.dct == date(2020, 10, 16)
    for t in doc.timexes:
        assert text[t.start : t.end] == t.text
        assert t.start >= len("date 2020-10-16 ")


def test_explicit_dct_overrides_the_header() -> None:
    doc = newsline.tag("date 2020-10-16 Nothing here.", dct="2021-01-02")
    assert doc.dct == date(2021, 1, 2)


def test_no_header_and_no_dct_means_dct_unknown() -> None:
    assert newsline.tag("Nothing here.").dct is None


# --- parse_dct --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        (date(2020, 10, 16), date(2020, 10, 16)),
        (datetime(2020, 10, 16, 23, 59), date(2020, 10, 16)),
        ("2020-10-16", date(2020, 10, 16)),
        (" 2020-10-16\n", date(2020, 10, 16)),
        ("2020-1-2", date(2020, 1, 2)),
        ("2020-10-16T10:00:00Z", date(2020, 10, 16)),
        ("2020-10-16 10:00:00+02:00", date(2020, 10, 16)),
        ("2020-02-29", date(2020, 2, 29)),
    ],
)
def test_parse_dct_accepts(value: object, expected: date | None) -> None:
    assert parse_dct(value) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("2020-02-30", "day is out of range"),
        ("2019-02-29", "day is out of range"),
        ("2020-13-01", "month must be in 1..12"),
        ("16/10/2020", "expected YYYY-MM-DD"),
        ("", "expected YYYY-MM-DD"),
        ("yesterday", "expected YYYY-MM-DD"),
    ],
)
def test_parse_dct_rejects_with_a_message_that_says_what_to_do(value: str, why: str) -> None:
    with pytest.raises(DateError) as info:
        parse_dct(value)
    message = str(info.value)
    assert why in message
    assert repr(value.strip()) in message
    assert "YYYY-MM-DD" in message
    assert "\n" not in message


def test_parse_dct_rejects_other_types() -> None:
    with pytest.raises(InputError, match="not int"):
        parse_dct(20201016)  # type: ignore[arg-type]


# --- decode -----------------------------------------------------------------------------


def test_decode_utf8_and_drop_bom() -> None:
    assert decode("Café on 14 juillet".encode(), "f") == "Café on 14 juillet"
    assert decode(b"\xef\xbb\xbfdate 2020-10-16 x", "f") == "date 2020-10-16 x"
    assert decode(b"", "f") == ""


def test_decode_rejects_latin1_naming_file_and_fix() -> None:
    with pytest.raises(InputError) as info:
        decode("Café".encode("latin-1"), "news.txt")
    message = str(info.value)
    assert message.startswith("news.txt: not UTF-8")
    assert "iconv" in message


def test_decode_rejects_binary() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.png")


# --- input kinds ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("a.jsonl", None, "jsonl"),
        ("a.NDJSON", None, "jsonl"),
        ("APW19980807.0261.tml", None, "timeml"),
        ("doc.TE3input", None, "timeml"),
        ("a.txt", None, None),
        ("-", None, None),
        ("a.txt", "date 2020-10-16 x", "text"),
        ("-", '<?xml version="1.0" ?>\n<TimeML>', "timeml"),
        ("a.xml", "\n  <TimeML>", "timeml"),
        ("a.txt", "The <b>bold</b> claim", "text"),
    ],
)
def test_input_kind(name: str, head: str | None, kind: str | None) -> None:
    assert input_kind(name, head) == kind


# --- JSON Lines records -----------------------------------------------------------------


def test_record_with_and_without_dct() -> None:
    rec = parse_record('{"id": "a1", "text": "On Friday.", "dct": "2020-10-16"}')
    assert (rec.id, rec.text, rec.dct) == ("a1", "On Friday.", date(2020, 10, 16))
    assert parse_record('{"id": "a2", "text": "x", "dct": null}').dct is None
    assert parse_record('{"text": "x"}').id is None


def test_record_ids_become_strings() -> None:
    assert parse_record('{"id": 17, "text": "x"}').id == "17"


@pytest.mark.parametrize(
    ("line", "record_id", "message"),
    [
        ("not json", None, "not JSON"),
        ('["a", "b"]', None, "expected a JSON object"),
        ('{"id": "a", "dct": "2020-10-16"}', "a", 'no "text"'),
        ('{"id": "a", "text": 5}', "a", '"text" is a number'),
        ('{"id": "a", "text": "x", "dct": "2020-02-30"}', "a", "2020-02-30"),
        ('{"id": "a", "text": "x", "dct": 20201016}', "a", "not int"),
        ('{"id": "a", "text": "x\\ud800"}', "a", "surrogate"),
    ],
)
def test_bad_records_say_why_and_keep_the_id(line: str, record_id: str | None, message: str) -> None:
    with pytest.raises(RecordError) as info:
        parse_record(line)
    assert info.value.record_id == record_id
    assert message in str(info.value)


def test_an_explicit_dct_overrides_a_broken_header() -> None:
    import newsline

    doc = newsline.tag("date 2020-13-45 It closed on Sept. 30.", dct="2020-10-16")
    assert doc.dct is not None and doc.dct.isoformat() == "2020-10-16"
    assert [(t.text, t.value) for t in doc.timexes] == [("Sept. 30", "2020-09-30")]
    assert all(t.start >= len("date 2020-13-45 ") for t in doc.timexes)


def test_a_byte_order_mark_before_a_date_header_is_no_text() -> None:
    """The command line drops a BOM as it decodes a file; text read by the caller may keep it (trial Y: no DCT,
    the header tagged as a date and "Friday" as XXXX-WXX-5).  Offsets still point into the text as given."""
    import newsline

    text = "\ufeffdate 2026-03-16\n\nThe recount is on Friday."
    doc = newsline.tag(text)
    assert doc.dct is not None and doc.dct.isoformat() == "2026-03-16"
    assert [(t.text, t.value, text[t.start:t.end]) for t in doc.timexes] == [("Friday", "2026-03-20", "Friday")]
