"""Exports: TimelineJS 3 JSON checked against its documented shape, CSV rows, iCalendar (RFC 5545 folding and
escaping, all-day events for day-grain entries only)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from newsline._model import AnnotatedDocument, Event, EventTime, TimelineEntry
from newsline.corpus._exports import (
    CSV_COLUMNS,
    ExportEntry,
    ExportSource,
    document_entries,
    export,
    ics_escape,
    ics_fold,
    timelinejs_dates,
    to_csv,
    to_ics,
    to_timelinejs,
)
from newsline.errors import InputError

SRC = ExportSource("a.html", date(2024, 3, 5), "Harbour bridge reopens", "https://herald.example/bridge?a=1&b=2")
OTHER = ExportSource("notes.txt", date(2024, 3, 7))


def entry(start: str | None, end: str | None, grain: str | None, headline: str = "Bridge reopened",
          sources: tuple[ExportSource, ...] = (SRC,)) -> ExportEntry:
    return ExportEntry(start, end, grain, None, "when", headline, f"{headline}, officials said; it cost more.",
                       sources)


ENTRIES = [
    entry("2024-03-04T00:00:00", "2024-03-05T00:00:00", "day", sources=(SRC, OTHER)),
    entry("2023-07-01T00:00:00", "2023-08-01T00:00:00", "month", "Cracks found <in> the council's span"),
    entry("2023-01-01T00:00:00", "2024-01-01T00:00:00", "year", "Budget set"),
    entry("2024-03-11T00:00:00", "2024-03-18T00:00:00", "week", "Buses return"),
    entry("2024-09-01T00:00:00", "2024-12-01T00:00:00", "season", "Second inspection"),
    entry("2024-03-05T14:00:00", "2024-03-05T15:00:00", "hour", "Council met"),
    entry(None, "2024-03-05T00:00:00", None, "Engineers warned"),  # before the DCT only
    entry(None, None, None, "Undated"),
]

# TimelineJS 3's JSON format (Knight Lab's documentation of the JSON file): a timeline has events (slides), an
# optional title slide, eras and scale; a slide has these keys; a date has a required numeric year and
# optional month, day, hour, minute, second, millisecond and display_date; a text has headline and text.
_TIMELINE_KEYS = {"events", "title", "eras", "scale"}
_SLIDE_KEYS = {"start_date", "end_date", "text", "media", "group", "display_date", "background", "autolink",
               "unique_id"}
_DATE_KEYS = {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date", "format"}


def check_timelinejs(obj: Any) -> None:
    """Fail unless ``obj`` has the shape TimelineJS 3 documents for its JSON input."""
    assert isinstance(obj, dict) and set(obj) <= _TIMELINE_KEYS and isinstance(obj["events"], list)
    if "title" in obj:
        check_slide(obj["title"], title=True)
    ids = [s.get("unique_id") for s in obj["events"] if "unique_id" in s]
    assert len(ids) == len(set(ids))
    for slide in obj["events"]:
        check_slide(slide)


def check_slide(slide: Any, title: bool = False) -> None:
    assert isinstance(slide, dict) and set(slide) <= _SLIDE_KEYS
    if not title:
        check_date(slide["start_date"])
    if "end_date" in slide:
        check_date(slide["end_date"])
        assert _as_tuple(slide["end_date"]) >= _as_tuple(slide["start_date"])
    text = slide.get("text", {})
    assert isinstance(text, dict) and set(text) <= {"headline", "text"}
    assert all(isinstance(v, str) for v in text.values())


def check_date(d: Any) -> None:
    assert isinstance(d, dict) and set(d) <= _DATE_KEYS
    assert isinstance(d["year"], int)
    if "month" in d:
        assert isinstance(d["month"], int) and 1 <= d["month"] <= 12
    if "day" in d:
        assert "month" in d and isinstance(d["day"], int) and 1 <= d["day"] <= 31
    date(d["year"], d.get("month", 1), d.get("day", 1))  # a real date


def _as_tuple(d: dict[str, int]) -> tuple[int, int, int]:
    return d["year"], d.get("month", 1), d.get("day", 1)


def test_timelinejs_has_the_documented_shape_and_respects_the_grain() -> None:
    obj = to_timelinejs(ENTRIES, "Harbour bridge", "a test")
    check_timelinejs(obj)
    json.dumps(obj)  # plain JSON
    dates = [(s["start_date"], s.get("end_date")) for s in obj["events"]]
    assert dates == [
        ({"year": 2024, "month": 3, "day": 4}, None),
        ({"year": 2023, "month": 7}, None),  # a month: no day
        ({"year": 2023}, None),  # a year: no month
        ({"year": 2024, "month": 3, "day": 11}, {"year": 2024, "month": 3, "day": 17}),  # a week: its days
        ({"year": 2024, "month": 9}, {"year": 2024, "month": 11}),  # a season: its months
        ({"year": 2024, "month": 3, "day": 5, "hour": 14, "minute": 0}, None),  # an hour: its clock time
    ]  # the open and the undated entries are left out: TimelineJS needs a start
    first = obj["events"][0]["text"]
    assert first["headline"] == "Bridge reopened"
    link = '<a href="https://herald.example/bridge?a=1&amp;b=2">Harbour bridge reopens</a> (2024-03-05)'
    assert link in first["text"]
    assert "notes.txt (2024-03-07)" in first["text"] and "Sources:" in first["text"]
    # text is HTML: escaped, but an apostrophe as it is (new-user trial U saw &#x27; in a headline)
    assert obj["events"][1]["text"]["headline"] == "Cracks found &lt;in&gt; the council's span"


def test_csv_has_a_row_per_entry_undated_ones_too() -> None:
    rows = list(csv.reader(io.StringIO(to_csv(ENTRIES), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == len(ENTRIES) + 1
    first = dict(zip(CSV_COLUMNS, rows[1], strict=True))
    assert first["start"] == "2024-03-04T00:00:00" and first["grain"] == "day"
    assert first["sentence"] == "Bridge reopened, officials said; it cost more."
    assert first["sources"] == "a.html; notes.txt" and first["urls"].startswith("https://herald.example/")
    last = dict(zip(CSV_COLUMNS, rows[-1], strict=True))
    assert (last["start"], last["end"], last["grain"], last["phrase"]) == ("", "", "", "Undated")


def test_exports_carry_each_entrys_stable_id_and_offsets() -> None:
    """A newsroom system keys rows by event and links back to the text (new-user trial AG: CSV, TimelineJS and
    iCalendar had no event id or offsets; TimelineJS ids were positions)."""
    entries = [replace(ENTRIES[0], ref="a.html#e12", offsets="140-147"),
               replace(ENTRIES[5], ref="a.html#e3", offsets="40-43"), ENTRIES[7]]
    rows = [dict(zip(CSV_COLUMNS, r, strict=True)) for r in list(csv.reader(io.StringIO(to_csv(entries))))[1:]]
    assert [(r["id"], r["offsets"]) for r in rows] == [("a.html#e12", "140-147"), ("a.html#e3", "40-43"), ("", "")]
    slides = to_timelinejs(entries, "Bridge")["events"]
    assert [s["unique_id"] for s in slides] == ["a_html_e12", "a_html_e3"]
    retitled = replace(entries[0], headline="Bridge reopened to traffic")
    uid = [line for line in to_ics([entries[0]], "x").split("\r\n") if line.startswith("UID:")]
    assert uid == [line for line in to_ics([retitled], "x").split("\r\n") if line.startswith("UID:")]


def test_ics_has_all_day_events_for_day_grain_entries_folded_and_escaped() -> None:
    text = to_ics(ENTRIES, "Harbour bridge; 2024")
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("END:VCALENDAR\r\n")
    lines = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert "\n" not in text.replace("\r\n", "")
    unfolded = text.replace("\r\n ", "")
    assert unfolded.count("BEGIN:VEVENT") == 2  # the day and the hour; not month, year, week, open or undated
    assert "DTSTART;VALUE=DATE:20240304\r\nDTEND;VALUE=DATE:20240305" in unfolded
    assert "DTSTART;VALUE=DATE:20240305\r\nDTEND;VALUE=DATE:20240306" in unfolded
    assert "DTSTAMP:20240307T000000Z" in unfolded  # the latest source's date, not the clock
    assert "DESCRIPTION:Bridge reopened\\, officials said\\; it cost more.\\nSource: Harbour bridge reopens" \
        in unfolded
    assert "X-WR-CALNAME:Harbour bridge\\; 2024" in unfolded
    assert "URL:https://herald.example/bridge?a=1&b=2" in unfolded


def test_ics_folding_counts_octets_and_never_splits_a_character() -> None:
    line = "SUMMARY:" + "\u00e9t\u00e9 " * 40
    folded = ics_fold(line)
    parts = folded.split("\r\n")[:-1]
    assert all(len(p.encode("utf-8")) <= 75 for p in parts) and len(parts) > 2
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line
    assert ics_escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"


def test_a_document_timeline_is_exported_with_its_page() -> None:
    text = "Harbour bridge.\n\nThe bridge reopened on Monday. Work starts in July."
    reopened = Event("e1", 35, 43, "reopened", sentence=(17, 47), title="The bridge reopened")
    starts = Event("e2", 53, 59, "starts", sentence=(48, 71), title="Work starts")
    doc = AnnotatedDocument(text, date(2024, 3, 5), id="a.html", timeline=(
        TimelineEntry(reopened, EventTime("2024-03-04", "2024-03-04T00:00:00", "2024-03-05T00:00:00", "day",
                                          "timex", ("t1",), 0.9)),
        TimelineEntry(starts, EventTime("2024-07", "2024-07-01T00:00:00", "2024-08-01T00:00:00", "month",
                                        "timex", ("t2",), 0.9))))
    entries = document_entries(doc, "Harbour bridge reopens", "https://herald.example/bridge")
    assert [e.sentence for e in entries] == ["The bridge reopened on Monday.", "Work starts in July."]
    obj = json.loads(export(entries, "timelinejs", "Harbour bridge reopens"))
    check_timelinejs(obj)
    assert [s["start_date"] for s in obj["events"]] == [{"year": 2024, "month": 3, "day": 4},
                                                         {"year": 2024, "month": 7}]
    assert obj["events"][0]["display_date"] == "Mon 4 Mar 2024"
    with pytest.raises(InputError, match="unknown export format"):
        export(entries, "xlsx", "x")


def test_a_document_event_only_bounded_by_a_day_has_no_start_or_end_in_any_export() -> None:
    """As in an entity timeline's export: "before 13 Mar 2026" is said by the "when" column; new-user trial X found
    rows of one document with an end of 13 Mar and of 14 Mar for the same "before 13 Mar"."""
    text = "Okafor was arrested. He was charged. Bail was granted on Thursday."
    events = [Event(f"e{n}", a, b, w, sentence=(a - 10, b + 1), title=w) for n, (a, b, w) in enumerate(
        [(10, 18, "arrested"), (29, 36, "charged"), (47, 54, "granted")], 1)]
    times = [EventTime("PAST_REF", None, "2026-03-14T00:00:00", None, "dct-tense"),
             EventTime(None, None, "2026-03-13T00:00:00", None, "model", span=None),
             EventTime("2026-03-12", "2026-03-12T00:00:00", "2026-03-13T00:00:00", "day", "timex")]
    doc = AnnotatedDocument(text, date(2026, 3, 13), id="a3.txt",
                            timeline=tuple(TimelineEntry(e, t) for e, t in zip(events, times, strict=True)))
    rows = list(csv.DictReader(io.StringIO(export(document_entries(doc), "csv", "Okafor"))))
    assert [(r["start"], r["end"], r["value"]) for r in rows[:2]] == [("", "", ""), ("", "", "")]
    assert rows[2]["start"] == "2026-03-12T00:00:00" and rows[2]["value"] == "2026-03-12"
    assert "SUMMARY:granted" in export(document_entries(doc), "ics", "Okafor").replace("\r\n ", "")
    assert export(document_entries(doc), "ics", "Okafor").count("BEGIN:VEVENT") == 1


def test_an_entity_event_placed_only_after_another_is_left_out_of_timelinejs() -> None:
    from newsline.corpus._entity_aliases import EntityRef
    from newsline.corpus._entity_timeline import EntityTimeline, TimelineItem
    from newsline.corpus._exports import entity_entries

    def item(position: int, placement: str, relation: str | None, when: str) -> TimelineItem:
        return TimelineItem(position, placement, when, "2025-06-27", "2025-06-27T00:00:00",  # type: ignore[arg-type]
                            "2025-06-28T00:00:00", "day", "vote", "voted", "OCCURRENCE", (), relation,
                            title=f"Council voted ({when})", when_text=when)

    tl = EntityTimeline(EntityRef("Dunfield council", None, "dunfield council", (), ()), "Dunfield council",
                        (item(1, "dated", None, "Fri 27 Jun 2025"), item(2, "linked", "after", "after 27 Jun 2025"),
                         item(3, "linked", "during", "27 Jun 2025")))
    entries = entity_entries(tl)
    obj = json.loads(export(entries, "timelinejs", "Dunfield council"))
    check_timelinejs(obj)
    assert [s["text"]["headline"] for s in obj["events"]] == ["Council voted (Fri 27 Jun 2025)",
                                                               "Council voted (27 Jun 2025)"]
    rows = list(csv.DictReader(io.StringIO(export(entries, "csv", "x"))))
    assert [r["when"] for r in rows] == ["Fri 27 Jun 2025", "after 27 Jun 2025", "27 Jun 2025"]
    after = rows[1]  # the other date's grain and value are not this entry's: only "when" says it
    assert (after["start"], after["end"], after["grain"], after["value"]) == ("", "", "", "")
    assert (rows[2]["grain"], rows[2]["value"]) == ("day", "2025-06-27")


def test_a_report_is_no_entry_of_its_own() -> None:
    """"The bridge reopened, officials said": the reopening's entry says who said so; "said" adds none."""
    text = "The bridge reopened on Monday, officials said."
    reopened = Event("e1", 11, 19, "reopened", sentence=(0, 46), title="The bridge reopened, officials said")
    said = Event("e2", 41, 45, "said", sentence=(0, 46), title="The bridge reopened, officials said",
                 eclass="REPORTING", reports="e1")
    day = EventTime("2024-03-04", "2024-03-04T00:00:00", "2024-03-05T00:00:00", "day", "timex", ("t1",), 0.9)
    doc = AnnotatedDocument(text, date(2024, 3, 5), id="a.txt",
                            timeline=(TimelineEntry(reopened, day), TimelineEntry(said, day)))
    assert [e.headline for e in document_entries(doc)] == ["The bridge reopened, officials said"]


def test_timelinejs_keeps_the_clock_time_of_a_minute_or_hour() -> None:
    # "The quake hit at 11:42 p.m.": the slide says when in the day (TimelineJS dates take hour and minute)
    obj = to_timelinejs([entry("2023-09-13T23:42:00", "2023-09-13T23:43:00", "minute", "The quake hit")], "Quake")
    check_timelinejs(obj)
    assert obj["events"][0]["start_date"] == {"year": 2023, "month": 9, "day": 13, "hour": 23, "minute": 42}


def test_a_night_is_an_all_day_event_and_a_short_stretch_keeps_its_days() -> None:
    """New-user trial AJ: the overnight software push was in no iCalendar file (a night runs past midnight), and
    "between 26 Apr and 5 May 2025" went to TimelineJS as the year 2025."""
    night = ExportEntry("2025-04-24T22:00:00", "2025-04-25T06:00:00", "part-of-day", "2025-04-24TNI",
                        "Thursday night, 24 Apr 2025", "Update pushed", "The update was pushed overnight.", (SRC,))
    assert "DTSTART;VALUE=DATE:20250424" in to_ics([night], "x")
    stretch = ExportEntry("2025-04-26T00:00:00", "2025-05-06T00:00:00", None, None, "between 26 Apr and 5 May 2025",
                          "Repairs", "Dealers finished repairs.", (SRC,))
    assert timelinejs_dates(stretch) == ({"year": 2025, "month": 4, "day": 26}, {"year": 2025, "month": 5, "day": 5})
    long = replace(stretch, end="2025-09-01T00:00:00")
    assert timelinejs_dates(long) == ({"year": 2025, "month": 4}, {"year": 2025, "month": 8})
