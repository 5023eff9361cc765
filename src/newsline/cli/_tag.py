"""``newsline tag`` and ``newsline timeline FILE...``: read text, TimeML or JSON Lines, tag or annotate each
document, write it out (``--entity`` timelines are in ``_corpus``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, cast

from newsline._model import AnnotatedDocument, Document
from newsline.cli._common import DEFAULT_DB, EXIT_ERROR, EXIT_OK, STDIN, fail, warn
from newsline.cli._corpus import ENTITY_FORMATS, run_entity_timeline
from newsline.cli._output import (
    FORMATS,
    TIMELINE_EXPORTS,
    DirectorySink,
    OutputFormat,
    Progress,
    Sink,
    StreamSink,
    Tagged,
    Writer,
)
from newsline.errors import (
    DateError,
    InputError,
    NewslineError,
    RecordError,
    file_error,
)
from newsline.timeml import parse_timeml
from newsline.timex._inputs import InputKind, decode, input_kind, parse_dct, parse_record, read_header
from newsline.timex._tagger import tag


def _add_tag(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "tag",
        help="tag text, TimeML, JSON Lines or HTML files",
        description="Tag files: plain text (an optional leading 'date YYYY-MM-DD' gives the "
        "DCT), TimeML (.tml, .TE3input, or content starting with <?xml / <TimeML), JSON "
        'Lines (.jsonl, one {"id", "text", "dct"} per line) or saved web pages (.html, .htm: the main '
        "text, with the page's publication date as DCT; needs newsline[html]). \"-\" reads standard input.",
    )
    _add_input_options(p)
    p.set_defaults(command=run_tag)


def _add_timeline(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "timeline",
        help="events of each document in time order (needs newsline[events]), or of an entity across a "
        "stored corpus (--db, --entity)",
        description="Find the events of each document, link them to time expressions and the "
        "DCT, and list them in time order with the sentence they come from. Inputs as for "
        "'newsline tag'. The json format is the timeline JSON; timeml adds EVENT, "
        "MAKEINSTANCE and TLINK tags. With --entity NAME instead of files: the timeline of an entity "
        "(any of its names) across the documents stored in --db, one entry per event with every "
        "article that reports it; formats text, json, tsv, semeval (SemEval-2015 Task 4) and the newsroom "
        "formats timelinejs, csv and ics.",
    )
    _add_input_options(p, files="*", formats=tuple(dict.fromkeys((*FORMATS, *ENTITY_FORMATS))))
    p.add_argument("--db", metavar="FILE", type=Path, default=None,
                   help=f"with --entity: the database (default: {DEFAULT_DB} in the current folder)")
    p.add_argument("--entity", metavar="NAME", help="the entity's timeline across the stored documents")
    p.add_argument("--from", dest="date_from", metavar="DATE",
                   help="with --entity: events from this time on (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", metavar="DATE",
                   help="with --entity: events up to this time, inclusive (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--all", dest="show_all", action="store_true",
                   help="text: every event, with its salience and how it was placed (default: the most "
                   "salient ones); json always has every event")
    p.set_defaults(command=run_timeline)


def _add_input_options(p: argparse.ArgumentParser, files: str = "+",
                       formats: tuple[str, ...] = FORMATS) -> None:
    p.add_argument("files", nargs=files, metavar="FILE", help='input files; "-" is stdin')
    p.add_argument("--dct", metavar="YYYY-MM-DD",
                   help="document creation time; overrides a date header, CREATION_TIME "
                   "and the dct of JSON Lines records")
    p.add_argument("--format", choices=formats, default=None,
                   help="output format (default: jsonl for JSON Lines input, else text)")
    p.add_argument("--id", dest="doc_id", metavar="ID",
                   help="document id for a single text or TimeML input")
    p.add_argument("--input", choices=("text", "timeml", "jsonl", "html"), default=None,
                   help="input kind, when the file name or content does not tell "
                   "(e.g. JSON Lines on stdin)")
    p.add_argument("--out", metavar="DIR", type=Path,
                   help="write one file per input into DIR (TimeML keeps the input's name)")


def run_timeline(args: argparse.Namespace) -> int:
    if args.entity is not None:
        return run_entity_timeline(args)
    given = [f"--{o}" for o, v in (("db", args.db), ("from", args.date_from), ("to", args.date_to)) if v is not None]
    if given:
        raise InputError(f"{', '.join(given)} go{'es' if len(given) == 1 else ''} with --entity NAME "
                         "(an entity's timeline across a stored corpus)")
    if not args.files:
        raise InputError("give FILE... (the events of each document) or --entity NAME with --db FILE "
                         "(an entity's timeline across a stored corpus)")
    if args.format not in (None, *FORMATS, *TIMELINE_EXPORTS):
        raise InputError(f"--format {args.format} is for --entity timelines; for files use one of "
                         f"{', '.join((*FORMATS, *TIMELINE_EXPORTS))}")
    from newsline.events._annotate import annotate

    return run_tag(args, annotator=annotate)


Annotator = Callable[..., Document | AnnotatedDocument]


@dataclass(frozen=True, slots=True)
class TagOptions:
    files: tuple[str, ...]
    fmt: OutputFormat
    dct: date | None
    doc_id: str | None
    input: InputKind | None
    out_dir: Path | None
    any_jsonl: bool = False
    annotator: Annotator = tag

    def kind_by_name(self, name: str) -> InputKind | None:
        return self.input or input_kind(name)


def tag_options(args: argparse.Namespace, annotator: Annotator = tag) -> TagOptions:
    """Check the options of ``newsline tag`` together, before any input is read."""
    files = tuple(cast(list[str], args.files))
    forced = cast(InputKind | None, args.input)
    jsonl = [(forced or input_kind(name)) == "jsonl" for name in files]
    fmt = cast(OutputFormat | None, args.format) or ("jsonl" if all(jsonl) else "text")
    if files.count(STDIN) > 1:
        raise InputError('"-" (standard input) can be given only once')
    if args.doc_id is not None and (len(files) != 1 or any(jsonl)):
        raise InputError("--id names one document: give exactly one text or TimeML input "
                         "(JSON Lines records carry their own ids)")
    if fmt == "timeml" and any(jsonl):
        raise InputError("--format timeml writes one TimeML file per document; "
                         "it cannot be used with JSON Lines input")
    if fmt == "timeml" and len(files) > 1 and args.out is None:
        raise InputError("--format timeml with several inputs needs --out DIR "
                         "(one TimeML file per input)")
    if fmt in TIMELINE_EXPORTS and any(jsonl):
        raise InputError(f"--format {fmt} writes one timeline per document file and cannot read JSON Lines: "
                         "use --format json or jsonl for a feed (every event with its time), or ingest the feed "
                         f"and export an entity timeline or a summary as {fmt}")
    if fmt in TIMELINE_EXPORTS and len(files) > 1 and args.out is None:
        raise InputError(f"--format {fmt} writes one timeline per document: give one text, TimeML or HTML "
                         "input, or several with --out DIR (for many documents together, ingest them and "
                         "export an entity timeline or a summary)")
    return TagOptions(files, fmt, parse_dct(cast(str | None, args.dct)),
                      cast(str | None, args.doc_id), forced, cast(Path | None, args.out),
                      any(jsonl), annotator)


def run_tag(args: argparse.Namespace, annotator: Annotator = tag) -> int:
    opts = tag_options(args, annotator)
    many = len(opts.files) > 1 or opts.any_jsonl
    show_all = bool(getattr(args, "show_all", False))
    sink: Sink = (DirectorySink(opts.fmt, opts.out_dir, show_all=show_all) if opts.out_dir
                  else StreamSink(opts.fmt, sys.stdout, many=many, show_all=show_all))
    status = EXIT_OK
    for name in opts.files:
        try:
            ok = tag_input(name, opts, sink)
        except NewslineError as exc:
            fail(str(exc))
            ok = False
        if not ok:
            status = EXIT_ERROR
    sink.close()
    return status


_MANY_DOCUMENTS = (".csv", ".tsv", ".warc", ".warc.gz")


def tag_input(name: str, opts: TagOptions, sink: Sink) -> bool:
    """Tag one input into the sink; False when nothing in it could be tagged."""
    if opts.input is None and name.lower().endswith(_MANY_DOCUMENTS):  # new-user trial AH: a spreadsheet tagged
        # as one text; an error of this input only, the others are still tagged (trial AK re-check)
        raise InputError(f"{name}: spreadsheets and crawls hold many documents and are read by ingest "
                         f"(newsline ingest {name} --db news.duckdb [--text-col ... --date-col ...]); "
                         "give --input text to tag the file as one plain text")
    with _open(name) as stream:
        kind = opts.kind_by_name(name)
        if kind == "jsonl":
            with sink.writer_for(name, "jsonl") as writer:
                return tag_jsonl(name, stream, opts, writer)
        data = _read(name, stream)
        if kind == "html":
            item = tag_html(name, data, opts)
            with sink.writer_for(name, kind) as writer:
                writer.document(item)
            return True
        text = decode(data, _label(name))
        kind = kind or input_kind(name, text) or "text"
        if kind == "html":  # recognised by its content (<!DOCTYPE html> on standard input)
            item = tag_html(name, data, opts)
            with sink.writer_for(name, kind) as writer:
                writer.document(item)
            return True
        if kind == "jsonl":  # recognised by its content (JSON Lines on standard input)
            with sink.writer_for(name, "jsonl") as writer:
                return tag_jsonl(name, data.splitlines(keepends=True), opts, writer)
        item = tag_timeml(name, text, opts) if kind == "timeml" else tag_text(name, text, opts)
        with sink.writer_for(name, kind) as writer:
            writer.document(item)
    return True


LONG_TEXT = 200_000  # characters: a timeline of more is told what it costs (spaCy's parse grows with the text)


def tag_text(name: str, text: str, opts: TagOptions) -> Tagged:
    header, body = read_header(text)
    if opts.annotator is not tag and len(text) > LONG_TEXT:  # new-user trial Y waited 294 s on a 1.5 MB file
        warn(_label(name), f"{len(text):,} characters is long for one article: a timeline takes about a minute "
             "and 2 GB of memory per 500,000 characters; if it holds many articles, give them one per file (or "
             "as JSON Lines), which also gives each its own date")
    if opts.dct is None and header is not None:
        if header.invalid:
            raise DateError(f"{_label(name)}: {header.warning}")
        if header.warning:
            warn(_label(name), f"date header: {header.warning}")
    try:
        doc = opts.annotator(text, opts.dct, doc_id=opts.doc_id or _default_id(name))
    except DateError as exc:
        raise DateError(f"{_label(name)}: {exc}") from exc
    origin = "--dct" if opts.dct else "the date header" if header and header.value else ""
    return Tagged(_label(name), doc, origin, body)


def tag_html(name: str, data: bytes, opts: TagOptions) -> Tagged:
    """A saved web page: its main text, tagged with its publication date (or --dct), title and address kept."""
    from newsline.corpus._web_pages import read_page

    try:
        page = read_page(data)
    except InputError as exc:
        raise InputError(f"{_label(name)}: {exc}") from exc
    if opts.dct is None and page.dct is None:
        warn(_label(name), f"{page.dct_note}; tagged without a DCT (give one with --dct YYYY-MM-DD)")
    doc = opts.annotator(page.text, opts.dct or page.dct, doc_id=opts.doc_id or _default_id(name))
    if opts.dct:
        return Tagged(_label(name), doc, "--dct", page=page, dct_source="given")
    origin = page.dct_note.removeprefix("from ") if page.dct else ""
    return Tagged(_label(name), doc, origin, page=page, dct_source=page.dct_source)


def tag_timeml(name: str, text: str, opts: TagOptions) -> Tagged:
    tml = parse_timeml(text, _label(name))
    if opts.dct is None and tml.dct_warning:
        warn(_label(name), f"CREATION_TIME: {tml.dct_warning}")
    doc = opts.annotator(tml.text, opts.dct or tml.dct, doc_id=opts.doc_id or tml.doc_id)
    origin = "--dct" if opts.dct else "CREATION_TIME" if tml.dct else ""
    return Tagged(_label(name), doc, origin, timeml=tml)


def tag_jsonl(name: str, lines: Iterable[bytes], opts: TagOptions, writer: Writer) -> bool:
    """Tag JSON Lines one line at a time, in order; a bad line becomes an error record.

    Blank lines are skipped.  Returns False when no line could be tagged.
    """
    label = _label(name)
    progress = Progress(label, sys.stderr)
    done = failed = 0
    first_error = ""
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            item = tag_line(raw, f"{label}:{number}", opts, note=progress.clearing(warn))
        except RecordError as exc:
            writer.record_error(label, exc.record_id, number, str(exc))
            failed += 1
            first_error = first_error or f"line {number}: {exc}"
        else:
            writer.document(item)
            done += 1
        progress.update(done, failed)
    progress.finish()
    return _summary(label, done, failed, first_error)


def tag_line(raw: bytes, source: str, opts: TagOptions,
             note: Callable[[str, str], None] = warn) -> Tagged:
    """Tag one JSON Lines record; every problem is a :class:`RecordError`.

    A "dct" that gives no date (two readings the text does not settle) is no error:
    the record is tagged without a DCT and ``note(source, why)`` is called.
    """
    try:
        rec = parse_record(decode(raw, "the line"))
    except RecordError:
        raise
    except InputError as exc:
        raise RecordError(str(exc)) from exc
    if opts.dct is None and rec.dct_warning:
        note(source if rec.id is None else f"{source} ({rec.id})", f'"dct": {rec.dct_warning}')
    try:
        doc = opts.annotator(rec.text, opts.dct or rec.dct, doc_id=rec.id)
    except NewslineError as exc:
        raise RecordError(str(exc), rec.id) from exc
    return Tagged(source, doc, "--dct" if opts.dct else "the record" if rec.dct else "")


def _summary(label: str, done: int, failed: int, first_error: str) -> bool:
    """Say on stderr how a JSON Lines input went; False when no line could be tagged."""
    if failed and not done:
        fail(f"{label}: none of the {failed:,} lines could be tagged (first: {first_error})")
        return False
    counts = f"{done:,} record{'s' if done != 1 else ''} tagged"
    if failed:
        counts += f", {failed:,} with errors (first: {first_error})"
    print(f"newsline: {label}: {counts}", file=sys.stderr)
    return True


def _open(name: str) -> AbstractContextManager[IO[bytes]]:
    if name == STDIN:
        return nullcontext(sys.stdin.buffer)
    try:
        return open(name, "rb")
    except OSError as exc:
        raise file_error(name, exc) from exc


def _read(name: str, stream: IO[bytes]) -> bytes:
    try:
        return stream.read()
    except OSError as exc:
        raise file_error(_label(name), exc) from exc


def _label(name: str) -> str:
    return "<stdin>" if name == STDIN else name


def _default_id(name: str) -> str | None:
    return None if name == STDIN else name
