"""Writing tagged documents for people and programs: text, JSON, JSON Lines, TimeML.

The command line reads inputs and calls :func:`newsline.tag`; everything about
how results look lives here.
"""

from __future__ import annotations

import itertools
import json
import textwrap
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, TextIO
from xml.sax.saxutils import escape

from newsline._model import AnnotatedDocument, Document, Interval, TimelineEntry, Timex
from newsline.cli._common import warn
from newsline.corpus._web_pages import Page
from newsline.errors import InputError, file_error
from newsline.timeml import TimeMLDocument, write_timeml
from newsline.timex._inputs import InputKind

OutputFormat = Literal["text", "json", "jsonl", "timeml", "timelinejs", "csv", "ics"]
FORMATS: tuple[OutputFormat, ...] = ("text", "json", "jsonl", "timeml")
# A document timeline in the formats of newsrooms' tools (corpus/_exports.py): timelines only, one per input.
TIMELINE_EXPORTS: tuple[OutputFormat, ...] = ("timelinejs", "csv", "ics")


@dataclass(frozen=True, slots=True)
class Tagged:
    """A tagged document and what the output needs to know about where it came from."""

    source: str  # the file name as given ("-" for stdin), or "file:line" for a record
    doc: Document | AnnotatedDocument
    dct_from: str = ""  # where the DCT came from: "--dct", "the date header", ...
    body: int = 0  # where the text after a ``date YYYY-MM-DD`` header starts
    timeml: TimeMLDocument | None = None  # the parsed input, when it was TimeML
    page: Page | None = None  # the web page, when the input was HTML
    dct_source: str | None = None  # a web page's: meta, url, text or given (--dct)

    def page_fields(self) -> dict[str, Any]:
        """What the JSON of a document read from a web page adds after ``dct``: title, address, where the DCT
        came from and how sure it is (``dct_note`` says why there is none)."""
        if self.page is None:
            return {}
        given = self.dct_source == "given"
        out: dict[str, Any] = {"title": self.page.title, "url": self.page.url, "dct_source": self.dct_source,
                               "dct_confidence": 1.0 if given else self.page.dct_confidence}
        if self.doc.dct is None:
            out["dct_note"] = self.page.dct_note
        return out


# --- text -------------------------------------------------------------------------------

_COLUMNS = ("span", "text", "type", "value", "mod", "interval", "rule")
_MAX_WIDTH = {"text": 36, "value": 24, "interval": 46}
_MIDNIGHT = "T00:00:00"


def text_lines(item: Tagged, *, show_all: bool = False) -> Iterator[str]:
    """A readable listing: a header with the DCT, then one aligned row per timex.

    Rows are made twice (once to measure the columns) rather than kept, so a
    document with hundreds of thousands of timexes is listed in constant memory.
    """
    yield item.source if item.doc.id in (None, item.source) else f"{item.source} ({item.doc.id})"
    if item.page is not None and item.page.title:
        yield f"  title: {item.page.title}"
    yield "  " + _dct_line(item)
    if isinstance(item.doc, AnnotatedDocument):
        yield from timeline_lines(item.doc, show_all=show_all)
        return
    timexes = item.doc.timexes
    if not timexes:
        yield "  no time expressions found"
        return
    yield f"  {len(timexes)} time expression{'s' if len(timexes) != 1 else ''}:"
    widths = [len(name) for name in _COLUMNS]
    for row in map(_row, timexes):
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    widths = [min(w, _MAX_WIDTH.get(name, w)) for w, name in zip(widths, _COLUMNS, strict=True)]
    for row in itertools.chain([_COLUMNS], map(_row, timexes)):
        cells = [_fit(cell, w) for cell, w in zip(row, widths, strict=True)]
        yield ("    " + "  ".join(cells)).rstrip()


_TIMELINE_COLUMNS = ("when", "salience", "event", "trigger", "class", "basis", "conf")
TOP_EVENTS = 8  # events the text view shows unless --all


def timeline_lines(doc: AnnotatedDocument, *, show_all: bool = False) -> Iterator[str]:
    """Events in time order, each a phrase with a readable date.

    By default the :data:`TOP_EVENTS` most salient ones (a report of another event is shown as that event,
    attributed); ``show_all`` lists every event with its salience, trigger word, class and how it was placed.
    """
    from newsline.events._salience import repeats, top

    if not doc.timeline:
        yield "  no events found"
        return
    n = len(doc.timeline)
    if not show_all:
        again = repeats(doc.timeline, lambda x: x.event.title if " " in (x.event.title or "") else None,
                        lambda i, x: (x.salience, -i))  # a phrase that reads the same shows once, the most salient
        hide = {id(x) for i, x in enumerate(doc.timeline) if i in again or x.event.reports is not None}
        shown = top(doc.timeline, TOP_EVENTS, hidden=lambda x: id(x) in hide)
        more = "; --all lists every one" if len(shown) < n else ""
        yield f"  {n} event{'s' if n != 1 else ''}, the {len(shown)} that matter most in time order{more}:"
        width = max(len(x.time.when_text) for x in shown)
        for x in shown:
            yield f"    {x.time.when_text:<{width}}  {x.event.title or x.event.text}"
        return
    yield f"  {n} event{'s' if n != 1 else ''} in time order:"
    rows = [_timeline_row(entry) for entry in doc.timeline]
    widths = [max(len(r[i]) for r in [_TIMELINE_COLUMNS, *rows]) for i in range(len(_TIMELINE_COLUMNS))]
    widths = [min(w, {0: 40, 2: 70}.get(i, 26)) for i, w in enumerate(widths)]  # when, event, the rest
    for row in [_TIMELINE_COLUMNS, *rows]:
        cells = [_fit(cell, w) for cell, w in zip(row, widths, strict=True)]
        yield ("    " + "  ".join(cells)).rstrip()


def _timeline_row(entry: TimelineEntry) -> tuple[str, ...]:
    event, time = entry.event, entry.time
    basis = time.basis + (f" {','.join(time.evidence)}" if time.evidence and time.basis != "dct-tense" else "")
    title = event.title or event.text
    if event.reports:
        title = f"({event.text}: reports {event.reports})"
    return (time.when_text, f"{entry.salience:.2f}", title, event.text, event.eclass, basis,
            f"{time.confidence:.2f}")


def _dct_line(item: Tagged) -> str:
    dct = item.doc.dct
    if dct is None and item.page is not None:
        return (f"DCT unknown: {item.page.dct_note}; year-relative values stay underspecified "
                "(give --dct YYYY-MM-DD)")
    if dct is None:
        # new-user trial O: a file without a date line gave undated events and no hint what to do
        return ("DCT unknown: year-relative values stay underspecified (give --dct YYYY-MM-DD, or start the "
                "file with a line 'date YYYY-MM-DD')")
    origin = f", from {item.dct_from}" if item.dct_from else ""
    return f"DCT {dct.isoformat()} ({dct.strftime('%A')}{origin})"


def _row(t: Timex) -> tuple[str, ...]:
    shown = " ".join(t.text.split())
    return (f"{t.start}-{t.end}", shown, t.type, t.value, t.mod or "-",
            format_interval(t.interval), t.rule or "-")


def _fit(cell: str, width: int) -> str:
    if len(cell) > width:
        return cell[: width - 1] + "…"
    return cell.ljust(width)


def format_interval(iv: Interval | None) -> str:
    """``[2020-09-30, 2020-10-01)``; times of day are shown only when they matter."""
    if iv is None:
        return "-"
    ends = [e for e in (iv.start, iv.end) if e is not None]
    trim = all(e.endswith(_MIDNIGHT) for e in ends)

    def show(end: str | None) -> str:
        if end is None:
            return "…"
        return end[: -len(_MIDNIGHT)] if trim else end

    return f"[{show(iv.start)}, {show(iv.end)})"


# --- JSON -------------------------------------------------------------------------------


_HOLE = "\x00timexes\x00"


def json_chunks(doc: Document | AnnotatedDocument, *, compact: bool, margin: str = "",
                always_id: bool = False, extra: dict[str, Any] | None = None) -> Iterator[str]:
    """``Document.to_dict()`` as JSON text, written one timex at a time.

    A 20 MB article can hold hundreds of thousands of timexes; serializing them
    one by one keeps memory flat.  ``compact`` gives one line (JSON Lines),
    otherwise two-space indentation with every line prefixed by ``margin``.
    ``always_id`` puts ``"id"`` first even when it is null; ``extra`` fields follow ``"dct"``.
    """
    if isinstance(doc, AnnotatedDocument):  # a timeline: small enough to write at once
        whole = _with_extra(doc.to_dict(), extra)
        if always_id:
            whole = {"id": doc.id, **whole}
        yield textwrap.indent(json.dumps(whole, ensure_ascii=False, **_json_style(compact)), margin)
        return
    head = _with_extra(replace(doc, timexes=()).to_dict(), extra)
    if always_id:
        head = {"id": doc.id, **head}
    head["timexes"] = _HOLE
    text = json.dumps(head, ensure_ascii=False, **_json_style(compact))
    before, after = textwrap.indent(text, margin).split(json.dumps(_HOLE))
    yield before
    yield from _json_array((t.to_dict() for t in doc.timexes), compact=compact,
                           indent=margin + "  ")
    yield after


def _with_extra(obj: dict[str, Any], extra: dict[str, Any] | None) -> dict[str, Any]:
    if not extra:
        return obj
    out: dict[str, Any] = {}
    for key, value in obj.items():
        out[key] = value
        if key == "dct":
            out.update(extra)
    return out


def _json_array(objs: Iterable[dict[str, Any]], *, compact: bool, indent: str) -> Iterator[str]:
    """A JSON array written element by element; ``indent`` is the array's own indentation."""
    opener, separator, closer = ("[", ",", "]") if compact else ("[\n", ",\n", f"\n{indent}]")
    first = True
    for obj in objs:
        text = json.dumps(obj, ensure_ascii=False, **_json_style(compact))
        yield (opener if first else separator) + (
            text if compact else textwrap.indent(text, indent + "  "))
        first = False
    yield "[]" if first else closer


def _json_style(compact: bool) -> dict[str, Any]:
    return {"separators": (",", ":")} if compact else {"indent": 2}


def error_record(record_id: str | None, line: int, message: str) -> dict[str, Any]:
    """What a JSON Lines input line that could not be tagged turns into."""
    return {"id": record_id, "line": line, "error": message}


# --- TimeML -----------------------------------------------------------------------------

_TIMEML_HEAD = (
    '<?xml version="1.0" ?>\n'
    '<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">\n\n'
    "<DOCID>{doc_id}</DOCID>\n\n{dct}<TEXT>"
)
_TIMEML_DCT = (
    '<DCT><TIMEX3 tid="t0" type="DATE" value="{value}" temporalFunction="false" '
    'functionInDocument="CREATION_TIME">{value}</TIMEX3></DCT>\n\n'
)


def timeml_text(item: Tagged) -> str:
    """The document as TimeML with inline TIMEX3 tags.

    A TimeML input keeps everything outside TEXT byte for byte and its tag-free
    TEXT unchanged, so the TempEval-3 scorer aligns it with the gold file.  Plain
    text becomes a new TimeML document: the ``date`` header turns into the DCT
    and TEXT holds the rest.
    """
    annotated = item.doc if isinstance(item.doc, AnnotatedDocument) else None
    if item.timeml is not None:
        if annotated is not None:
            return write_timeml(item.timeml, _with_tids(annotated.timexes), annotated.events, annotated.links)
        return write_timeml(item.timeml, _with_tids(item.doc.timexes))
    doc, body = item.doc, item.body
    dct = _TIMEML_DCT.format(value=doc.dct.isoformat()) if doc.dct else ""
    head = _TIMEML_HEAD.format(doc_id=escape(doc.id or "stdin"), dct=dct)
    skeleton = TimeMLDocument(
        doc_id=doc.id or "stdin",
        dct=doc.dct,
        dct_value=doc.dct.isoformat() if doc.dct else None,
        text=doc.text[body:],
        tags=(),
        raw=head + "</TEXT>\n\n</TimeML>\n",
        text_span=(len(head), len(head)),
    )
    shifted = [replace(t, start=t.start - body, end=t.end - body)
               for t in doc.timexes if t.start >= body]
    if annotated is not None:
        events = [replace(e, start=e.start - body, end=e.end - body) for e in annotated.events if e.start >= body]
        return write_timeml(skeleton, _with_tids(shifted), events, annotated.links)
    return write_timeml(skeleton, _with_tids(shifted))


def _with_tids(timexes: Sequence[Timex]) -> list[Timex]:
    """Give every timex a tid (``t1``, ``t2``, ...; ``t0`` is the DCT) when it has none."""
    return [t if t.tid else replace(t, tid=f"t{i}") for i, t in enumerate(timexes, 1)]


# --- exports ----------------------------------------------------------------------------


def export_text(item: Tagged, fmt: str) -> str:
    """A document timeline as TimelineJS JSON, CSV or iCalendar; its title slide is the page's title, else the
    article's headline, else the file name."""
    from newsline.corpus._exports import document_entries, export
    from newsline.events._headline import headline_text

    if not isinstance(item.doc, AnnotatedDocument):
        raise InputError(f"--format {fmt} writes a timeline: use newsline timeline, not newsline tag")
    title = item.page.title if item.page else None
    if title is None:
        title = headline_text(item.doc.text)
    url = item.page.url if item.page else None
    dct = f"published {item.doc.dct.isoformat()}" if item.doc.dct else "publication date unknown"
    return export(document_entries(item.doc, title, url), fmt, title or item.source, f"{dct} (newsline)")


# --- writers ----------------------------------------------------------------------------


class Writer:
    """Writes tagged documents (and JSON Lines error records) to a stream in one format.

    ``many`` frames JSON output as a list; the other formats ignore it.
    """

    def __init__(self, fmt: OutputFormat, out: TextIO, *, many: bool = False, show_all: bool = False) -> None:
        self.fmt = fmt
        self.out = out
        self.many = many
        self.show_all = show_all  # timelines as text: every event, not the most salient ones
        self.written = 0

    def document(self, item: Tagged) -> None:
        if self.fmt == "text":
            self.out.write("\n" if self.written else "")
            self.out.writelines(line + "\n" for line in text_lines(item, show_all=self.show_all))
        elif self.fmt == "timeml":
            self.out.write(timeml_text(item))
        elif self.fmt in TIMELINE_EXPORTS:
            if item.doc.dct is None:  # trial AL: an empty calendar, exit 0, and no word of why
                why = f" ({item.page.dct_note})" if item.page is not None else ""
                warn(item.source, f"publication date unknown{why}: the {self.fmt} export holds only the events the "
                     "text dates by itself (give --dct YYYY-MM-DD)")
            self.out.write(export_text(item, self.fmt))
        else:
            self._json(json_chunks(item.doc, compact=self.fmt == "jsonl", margin=self._margin,
                                   always_id=self.fmt == "jsonl", extra=item.page_fields()))
        self.written += 1

    def record_error(self, source: str, record_id: str | None, line: int, message: str) -> None:
        if self.fmt == "text":
            named = f" (id {record_id})" if record_id is not None else ""
            self.out.write("\n" if self.written else "")
            self.out.write(f"{source}:{line}{named}\n  error: {message}\n")
        else:
            obj = error_record(record_id, line, message)
            style = _json_style(self.fmt == "jsonl")
            self._json([textwrap.indent(json.dumps(obj, ensure_ascii=False, **style),
                                        self._margin)])
        self.written += 1

    @property
    def _margin(self) -> str:
        return "  " if self.fmt == "json" and self.many else ""

    def _json(self, chunks: Iterable[str]) -> None:
        if self.fmt == "json" and self.many:
            self.out.write("[\n" if not self.written else ",\n")
        self.out.writelines(chunks)
        if not (self.fmt == "json" and self.many):
            self.out.write("\n")

    def close(self) -> None:
        if self.fmt == "json" and self.many:
            self.out.write("\n]\n" if self.written else "[]\n")
        self.out.flush()


class StreamSink:
    """Every input goes to one shared writer (standard output)."""

    def __init__(self, fmt: OutputFormat, out: TextIO, *, many: bool, show_all: bool = False) -> None:
        self._writer = Writer(fmt, out, many=many, show_all=show_all)

    @contextmanager
    def writer_for(self, name: str, kind: InputKind) -> Iterator[Writer]:
        yield self._writer

    def close(self) -> None:
        self._writer.close()


_SUFFIX: dict[OutputFormat, str] = {"text": ".txt", "json": ".json", "jsonl": ".jsonl",
                                    "timeml": ".tml", "timelinejs": ".timelinejs.json", "csv": ".csv",
                                    "ics": ".ics"}


class DirectorySink:
    """Every input goes to its own file in ``directory``.

    TimeML written for a TimeML input keeps the input's file name, which is what
    ``newsline eval GOLD_DIR SYSTEM_DIR`` and the TempEval-3 scorer pair up.
    """

    def __init__(self, fmt: OutputFormat, directory: Path, *, show_all: bool = False) -> None:
        self.fmt = fmt
        self.directory = directory
        self.show_all = show_all
        self._used: dict[Path, str] = {}
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"{directory}: cannot create the output folder "
                             f"({exc.strerror or exc})") from exc

    def output_path(self, name: str, kind: InputKind) -> Path:
        source = Path("stdin" if name == "-" else name)
        if self.fmt == "timeml" and kind == "timeml":
            return self.directory / source.name
        return self.directory / (source.stem + _SUFFIX[self.fmt])

    @contextmanager
    def writer_for(self, name: str, kind: InputKind) -> Iterator[Writer]:
        path = self._claim(name, kind)
        try:
            out = path.open("w", encoding="utf-8", newline="")
        except OSError as exc:
            raise file_error(str(path), exc) from exc
        with out:
            writer = Writer(self.fmt, out, many=self.fmt == "json" and kind == "jsonl", show_all=self.show_all)
            yield writer
            writer.close()

    def _claim(self, name: str, kind: InputKind) -> Path:
        path = self.output_path(name, kind)
        if path in self._used:
            raise InputError(f"{name}: its output {path} would overwrite the one for "
                             f"{self._used[path]}; give inputs different file names")
        if name != "-" and path.exists() and path.samefile(name):
            raise InputError(f"{name}: --out would overwrite this input; choose another folder")
        self._used[path] = name
        return path

    def close(self) -> None:
        pass


Sink = StreamSink | DirectorySink


# --- progress ---------------------------------------------------------------------------


class Progress:
    """A record counter on a terminal's stderr, redrawn at most five times a second.

    Does nothing when the stream is not a terminal, so logs and pipes stay clean.
    """

    def __init__(self, label: str, stream: TextIO) -> None:
        self.label = label
        self.stream = stream
        self.enabled = stream.isatty()
        self._last = 0.0
        self._width = 0

    def update(self, done: int, failed: int) -> None:
        if not self.enabled or time.monotonic() - self._last < 0.2:
            return
        self._last = time.monotonic()
        msg = f"{self.label}: {done:,} records tagged, {failed:,} errors"
        self._width = max(self._width, len(msg))
        self.stream.write("\r" + msg.ljust(self._width))
        self.stream.flush()

    def clearing(self, say: Callable[[str, str], None]) -> Callable[[str, str], None]:
        """``say``, called after the counter is cleared from the terminal line (it is redrawn on the next update)."""
        def cleared(source: str, message: str) -> None:
            self.finish()
            say(source, message)
        return cleared

    def finish(self) -> None:
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
