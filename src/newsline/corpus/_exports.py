"""Timelines in the formats newsrooms already use: TimelineJS 3 JSON, CSV (a spreadsheet) and iCalendar.

A document timeline, an entity timeline and a summary are first turned into :class:`ExportEntry` rows (a
time interval with its grain, a date in words, a phrase, a sentence and the sources), then written:

``timelinejs``
    Knight Lab's TimelineJS 3 JSON (``{"title": slide, "events": [slide, ...]}``; a slide has
    ``start_date {year, month, day}``, ``text {headline, text}``): the grain is kept, so a month-grain
    entry has no ``day`` and a year-grain one only a ``year``; a week, quarter or season gets an
    ``end_date``; the sources are links (their address when known) in the slide's text.  Undated entries
    and those placed only before or after a date are left out (TimelineJS needs a start).
``csv``
    one row per entry (undated ones too): a stable id (``DOC#e12``: the event in its first source; a summary's
    day), start, end, grain, value, the date in words, phrase, sentence, sources (document ids), their titles
    and addresses, and the event's character offsets in the first source (``START-END``).
``ics``
    RFC 5545: one all-day ``VEVENT`` per entry placed on one day (``DTSTART;VALUE=DATE``), lines folded at
    75 octets and text escaped.  ``DTSTAMP`` is the latest publication date of the entry's sources (never
    the clock), so the same store gives the same file.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from html import escape
from typing import Any

from newsline._model import AnnotatedDocument
from newsline._time_labels import ONGOING
from newsline.corpus._entity_timeline import EntityTimeline
from newsline.corpus._summary import Summary
from newsline.errors import InputError

EXPORT_FORMATS = ("timelinejs", "csv", "ics")
CSV_COLUMNS = ("id", "start", "end", "grain", "value", "when", "phrase", "sentence", "sources", "titles", "urls",
               "offsets")
_DAY_GRAINS = {"day", "hour", "minute", "second", "part-of-day"}
_VALUE_GRAINS = {4: "year", 7: "month"}  # a value's length: 2016, 2016-01 (else a day)
_SPAN_GRAINS = {"week", "weekend", "quarter", "half", "season", "decade", "century"}
_DAYS_SHOWN = 62  # an interval without a grain this short is shown by its days (three times as long, its months)


@dataclass(frozen=True, slots=True)
class ExportSource:
    """A document an entry comes from: its id, publication date, title and address (when known)."""

    doc_id: str
    dct: date | None = None
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class ExportEntry:
    """One entry of a timeline to export: its interval ``[start, end)`` (ISO datetimes) and grain."""

    start: str | None
    end: str | None
    grain: str | None
    value: str | None
    when: str
    headline: str
    sentence: str
    sources: tuple[ExportSource, ...]
    ref: str = ""  # a stable id: "DOC#e12" (the event, of its first source), "DOC#s1" or a summary's day
    offsets: str = ""  # the event's characters in that document, "START-END" (empty for a summary's day)


DocumentMeta = Mapping[str, tuple[str | None, str | None]]  # doc id -> (title, url)


def document_meta(store: Any, doc_ids: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
    """The title and address of stored documents (for source links)."""
    ids = sorted(set(doc_ids))
    if not ids:
        return {}
    rows = store.execute("SELECT id, title, url FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    return {i: (t, u) for i, t, u in rows}


# --- what is exported ---------------------------------------------------------------------------


def document_entries(doc: AnnotatedDocument, title: str | None = None, url: str | None = None) -> list[ExportEntry]:
    """The entries of a document timeline (every event, in time order; a report of another event is that event's
    entry already: "Thieves broke in, police said" once, not again for "said")."""
    source = ExportSource(doc.id or "document", doc.dct, title, url)
    out = []
    for entry in doc.timeline:
        e, t = entry.event, entry.time
        if e.reports:
            continue
        sentence = " ".join(doc.text[e.sentence[0]:e.sentence[1]].split())
        if t.value in ("PAST_REF", "FUTURE_REF") or (t.value is None and t.span is None
                                                      and (t.start is None) != (t.end is None)):
            # only bounded ("before 13 Mar 2026"): the "when"
            # column says it all, as in an entity timeline's export (new-user trial X saw ends of 13 and 14 Mar)
            out.append(ExportEntry(None, None, None, None, t.when_text, e.title or e.text, sentence, (source,),
                                   f"{source.doc_id}#{e.id}", f"{e.start}-{e.end}"))
            continue
        out.append(ExportEntry(t.start, t.end, t.grain, t.value, t.when_text, e.title or e.text, sentence,
                               (source,), f"{source.doc_id}#{e.id}", f"{e.start}-{e.end}"))
    return out


def _sources(reports: Iterable[Any], meta: DocumentMeta) -> tuple[ExportSource, ...]:
    """One source per document among ``reports`` (anything with ``doc_id`` and ``dct``), in order."""
    out: dict[str, ExportSource] = {}
    for r in reports:
        title, url = meta.get(r.doc_id, (None, None))
        out.setdefault(r.doc_id, ExportSource(r.doc_id, r.dct, title, url))
    return tuple(out.values())


def entity_entries(tl: EntityTimeline, meta: DocumentMeta | None = None) -> list[ExportEntry]:
    """The entries of an entity timeline: one per real-world event, every article that reports it a source (a
    report of an event the timeline has anyway is that event's entry already, as in the default view)."""
    meta = meta or {}
    out = []
    for item in tl.entries:
        if item.hidden:
            continue
        sources = _sources(item.sources, meta)
        sentence = " ".join(item.sources[0].sentence.split()) if item.sources else ""
        # "after 27 Jun 2025" (placed only against another event's date) has no date of its own to show
        # (its grain and value are the other date's, so they go too: the "when" column says it all)
        bounded = item.relation in ("before", "after") or item.placement == "bounded"  # or around it (a state)
        start, end = (None, None) if bounded else (item.start, item.end)
        grain, value = (None, None) if bounded else (item.grain, item.value)
        first = item.sources[0] if item.sources else None
        out.append(ExportEntry(start, end, grain, value, item.when_text or item.when,
                               item.title or item.text, sentence, sources,
                               f"{first.doc_id}#{first.event_id}" if first else "",
                               f"{first.start}-{first.end}" if first else ""))
    return out


def summary_entries(summary: Summary, meta: DocumentMeta | None = None) -> list[ExportEntry]:
    """The key dates of a summary: a day each, its first sentence as the headline, all its sentences as text."""
    meta = meta or {}
    out = []
    for d in summary.dates:
        sources = _sources(d.sentences, meta)
        texts = [" ".join(s.text.split()) for s in d.sentences]
        when = f"{d.date.day} {d.date:%b %Y}"
        headline = _cut(texts[0], 100) if texts else when
        start = datetime(d.date.year, d.date.month, d.date.day)
        out.append(ExportEntry(start.isoformat(), (start + timedelta(days=1)).isoformat(), "day",
                               d.date.isoformat(), when, headline, " ".join(texts), sources, d.date.isoformat()))
    return out


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width].rsplit(" ", 1)[0] + "…"


# --- TimelineJS ------------------------------------------------------------------------------------


def _parts(moment: datetime, grain: str | None) -> dict[str, int]:
    if grain in ("year", "decade", "century"):
        return {"year": moment.year}
    if grain in ("month", "quarter", "half", "season"):
        return {"year": moment.year, "month": moment.month}
    if grain in ("hour", "minute", "second"):  # a clock time: TimelineJS dates take the hour and minute too
        return {"year": moment.year, "month": moment.month, "day": moment.day, "hour": moment.hour,
                "minute": moment.minute}
    return {"year": moment.year, "month": moment.month, "day": moment.day}


def timelinejs_dates(entry: ExportEntry) -> tuple[dict[str, int], dict[str, int] | None] | None:
    """``start_date`` and ``end_date`` (None: one moment) of an entry, down to its grain; None when undated."""
    if entry.start is not None and entry.end is None and entry.value == ONGOING:  # "since Jan 2016 (ongoing)"
        try:
            begun = datetime.fromisoformat(entry.start)
        except ValueError:
            return None
        return _parts(begun, "month" if begun.day == 1 else "day"), None
    if entry.start is None or entry.end is None:
        return None
    try:
        a, b = datetime.fromisoformat(entry.start), datetime.fromisoformat(entry.end)
    except ValueError:
        return None
    last = b - timedelta(microseconds=1)
    if entry.value and "/" in entry.value:  # a state an event ended: "2016-01/2025-02-10", each end at its grain
        since, until = entry.value.split("/", 1)
        return _parts(a, _VALUE_GRAINS.get(len(since), "day")), _parts(last, _VALUE_GRAINS.get(len(until), "day"))
    grain = entry.grain
    if grain is None:  # an interval without a calendar grain: as precise as its ends ("between 26 Apr and 5 May
        # 2025": the days, not the year it lies in; new-user trial AJ saw it at the start of the year)
        grain = "day" if last.date() == a.date() or (last - a).days <= _DAYS_SHOWN else "month" \
            if (a.year, a.month) == (last.year, last.month) or (last - a).days <= 3 * _DAYS_SHOWN \
            else "year" if a.year == last.year else "decade"
    start = _parts(a, grain)
    if grain in _SPAN_GRAINS or entry.grain is None:
        end = _parts(last, grain)
        return start, (end if end != start else None)
    return start, None


def _slide_text(entry: ExportEntry) -> str:
    links = []
    for s in entry.sources:
        name = escape(s.title or _short_id(s.doc_id), quote=False)
        when = f" ({s.dct.isoformat()})" if s.dct else ""
        links.append(f'<a href="{escape(s.url)}">{name}</a>{when}' if s.url else f"{name}{when}")
    sources = f"<p>Source{'s' if len(links) > 1 else ''}: {'; '.join(links)}</p>" if links else ""
    return f"<p>{escape(entry.sentence, quote=False)}</p>{sources}"


def _short_id(doc_id: str) -> str:
    """A file path's name ("2018-05-22-marchetti-transit-bill.txt"); other ids (addresses, record ids) whole."""
    return doc_id if "://" in doc_id or "/" not in doc_id else doc_id.rstrip("/").rsplit("/", 1)[-1]


def to_timelinejs(entries: Sequence[ExportEntry], headline: str, text: str = "") -> dict[str, Any]:
    """The TimelineJS 3 JSON object of ``entries`` (dated ones only), with a title slide."""
    events = []
    used: set[str] = set()
    for n, entry in enumerate(entries):
        dates = timelinejs_dates(entry)
        if dates is None:
            continue
        start, end = dates
        slide: dict[str, Any] = {"start_date": start}
        if end is not None:
            slide["end_date"] = end
        slide["display_date"] = entry.when
        slide["text"] = {"headline": escape(entry.headline, quote=False), "text": _slide_text(entry)}
        slide["unique_id"] = _slide_id(entry.ref, n, used)
        events.append(slide)
    return {"title": {"text": {"headline": escape(headline, quote=False), "text": escape(text, quote=False)}},
            "events": events}


def _slide_id(ref: str, n: int, used: set[str]) -> str:
    """A slide's ``unique_id``: its entry's stable id in the characters TimelineJS keeps in a page address
    ("doc-2025-0301_e12"), else ``entry-N``; unique within the timeline."""
    slide = re.sub(r"[^A-Za-z0-9_-]+", "_", ref).strip("_") if ref else ""
    if not slide or slide in used:
        slide = f"entry-{n}"
    used.add(slide)
    return slide


# --- CSV ---------------------------------------------------------------------------------------------


def to_csv(entries: Sequence[ExportEntry]) -> str:
    """A header row (:data:`CSV_COLUMNS`) and one row per entry; several sources joined by ``; ``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        writer.writerow([e.ref, e.start or "", e.end or "", e.grain or "", e.value or "", e.when, e.headline,
                         e.sentence, "; ".join(s.doc_id for s in e.sources),
                         "; ".join(s.title or "" for s in e.sources), "; ".join(s.url or "" for s in e.sources),
                         e.offsets])
    return out.getvalue()


# --- iCalendar --------------------------------------------------------------------------------------


def ics_escape(text: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon and comma escaped, line breaks as ``\\n``."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def ics_fold(line: str) -> str:
    """Fold a content line at 75 octets (UTF-8), continuation lines starting with a space; CRLF ended."""
    out: list[str] = []
    current, size = "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += ch
        size += width
    out.append(current)
    return "\r\n".join(out) + "\r\n"


def _one_day(entry: ExportEntry) -> date | None:
    if entry.start is None or entry.end is None or entry.grain not in _DAY_GRAINS:
        return None
    try:
        a, b = datetime.fromisoformat(entry.start), datetime.fromisoformat(entry.end)
    except ValueError:
        return None
    if entry.grain == "part-of-day":
        return a.date()  # a night runs past midnight: the evening's day (new-user trial AJ lost "overnight")
    return a.date() if (b - timedelta(microseconds=1)).date() == a.date() else None


def to_ics(entries: Sequence[ExportEntry], name: str) -> str:
    """An iCalendar file with one all-day event per entry placed on one day."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//newsline//newsline timeline export//EN",
             "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{ics_escape(name)}"]
    for e in entries:
        day = _one_day(e)
        if day is None:
            continue
        stamp = max((s.dct for s in e.sources if s.dct), default=day)
        key = e.ref or f"{day}\x1f{e.headline}\x1f{e.sentence}"  # the same event keeps its UID when retitled
        uid = hashlib.sha256(key.encode()).hexdigest()[:24]
        description = e.sentence + "".join(
            f"\nSource: {s.title or s.doc_id}" + (f" <{s.url}>" if s.url else "") for s in e.sources)
        lines += ["BEGIN:VEVENT", f"UID:{uid}@newsline", f"DTSTAMP:{stamp.strftime('%Y%m%d')}T000000Z",
                  f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
                  f"DTEND;VALUE=DATE:{(day + timedelta(days=1)).strftime('%Y%m%d')}",
                  f"SUMMARY:{ics_escape(e.headline)}", f"DESCRIPTION:{ics_escape(description)}"]
        url = next((s.url for s in e.sources if s.url), None)
        if url:
            lines.append(f"URL:{url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(ics_fold(line) for line in lines)


def export(entries: Sequence[ExportEntry], fmt: str, headline: str, text: str = "") -> str:
    """``entries`` written as ``fmt`` (one of :data:`EXPORT_FORMATS`)."""
    if fmt == "timelinejs":
        return json.dumps(to_timelinejs(entries, headline, text), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return to_csv(entries)
    if fmt == "ics":
        return to_ics(entries, headline)
    raise InputError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
