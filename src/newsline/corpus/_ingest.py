"""``newsline ingest``: read dated documents, annotate them (in N processes) and store them.

Inputs are files and folders (walked recursively, hidden entries left out):
``.txt`` with a ``date YYYY-MM-DD`` header (or ``date 07/04/2012``, ``date April 7, 2012``: see
``timex/_document_date.py``; a date whose day-month order the text does not settle is skipped as an
ambiguous date, with the reason), TimeML (``.tml``, ``.TE3input``)
JSON Lines (``.jsonl``, ``.ndjson``: ``{"id", "text", "dct"}`` per line), saved web pages (``.html``,
``.htm``: the main text, title and publication date of the page), crawls (``.warc``, ``.warc.gz``: one
document per HTML response) and CSV (``.csv``: chosen text, date and id columns), the last three read by
``corpus/_ingest_pages.py``; ``-`` reads JSON Lines from standard input.  ``dct`` (``--dct``) gives every
web page, WARC record, CSV row, JSON Lines record and text file of the run that date, whatever the page, record or
header says (TimeML keeps its own).  A file named on the command line
is read whatever its name (its kind told by its content); in a folder only
those suffixes are read and other files are counted as ignored.

The data flow::

    files --read, check--> candidates --annotate (pool of N processes)--> batches --one writer--> DuckDB

Reading and checking run in the parent: a document whose text is stored
already (by content hash) is skipped before it is annotated, so a restarted
ingest only annotates what is missing.  Only the parent writes, one
transaction per batch, opening the database just for that write, so that
readers can open it between batches.  A kill loses at most the batch being
annotated; the next run picks up from there.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import TextIO

from newsline.corpus._ingest_pages import (
    BAD_CSV,
    BAD_PAGE,
    BAD_WARC,
    CSV_SUFFIXES,
    HTML_SUFFIXES,
    NO_EXTRA,
    WARC_SUFFIXES,
    CsvColumns,
    Read,
    Unread,
    read_csv,
    read_html_file,
    read_page_bytes,
    read_warc,
)
from newsline.corpus._store import Store
from newsline.corpus._store_writes import NewDocument, content_hash
from newsline.corpus._web_pages import require_html
from newsline.errors import DateError, InputError, NewslineError, RecordError
from newsline.timeml import parse_timeml
from newsline.timex._inputs import decode, input_kind, parse_record, read_header

INPUT_SUFFIXES = (".txt", ".tml", ".te3input", ".jsonl", ".ndjson", *HTML_SUFFIXES, *WARC_SUFFIXES, *CSV_SUFFIXES)
STDIN = "-"

# Why a document was not stored (the keys of IngestReport.skipped).
ALREADY = "already stored"
DUPLICATE_TEXT = "duplicate text"
DUPLICATE_ID = "duplicate id"
NOT_JSON = "not JSON"
NO_DATE = "no date"
NOT_UTF8 = "not UTF-8"
EMPTY = "empty"
BAD_RECORD = "bad record"
BAD_DATE = "bad date"
UNSETTLED_DATE = "ambiguous date"  # a date with two readings (07/04/2012) the text does not settle
BAD_TIMEML = "bad TimeML"
UNREADABLE = "unreadable"
FAILED = "annotation failed"
REASONS_OF_PAGES = (BAD_PAGE, BAD_WARC, BAD_CSV, NO_EXTRA)  # see corpus/_ingest_pages.py
PRESENT = (ALREADY, DUPLICATE_TEXT)  # skipped, but their text is in the store
# Per-document messages printed for each reason; the rest are only counted (10,000 bad files: no flood).
MESSAGES_PER_REASON = 20


@dataclass(frozen=True, slots=True)
class Candidate:
    """A readable, dated, non-empty document, not stored yet."""

    id: str
    source: str
    text: str
    dct: date
    hash: str
    title: str | None = None  # a web page's
    url: str | None = None
    dct_source: str | None = "given"  # meta, url, text (a web page's) or given
    dct_confidence: float | None = 1.0


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How inputs are read: ``dct`` overrides every document's date, ``csv`` names the CSV columns."""

    dct: date | None = None
    csv: CsvColumns = field(default_factory=CsvColumns)


@dataclass(frozen=True, slots=True)
class Problem:
    """A document (or file, or line) that is not stored: where, why (a reason key) and a message."""

    source: str
    reason: str
    message: str


@dataclass
class IngestReport:
    """What an ingest did: documents stored, skipped by reason, files read and ignored, time taken."""

    db: Path
    stored: int = 0
    replaced: int = 0  # of those stored: corrected texts that replaced their stored version (--replace)
    skipped: Counter[str] = field(default_factory=Counter)
    files: int = 0
    files_read: int = 0
    ignored_files: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    unshown: Counter[str] = field(default_factory=Counter)  # messages counted but not printed, by reason
    message_limit: int | None = None  # messages printed per reason (None: all)

    @property
    def status(self) -> int:
        """0 when anything was stored or every readable document is already in the store, else 2."""
        return 0 if self.stored or any(self.skipped[r] for r in PRESENT) else 2

    def summary(self) -> str:
        rate = f", {self.stored / self.seconds:.1f} docs/s" if self.seconds and self.stored else ""
        head = (f"{self.stored:,} document{'s' if self.stored != 1 else ''} stored in {self.db} "
                f"({self.seconds:.1f} s{rate})")
        if self.replaced:
            head += f"; {self.replaced:,} of them replaced the stored text of the same id"
        total = sum(self.skipped.values())
        if total:
            reasons = ", ".join(f"{n:,} {reason}" for reason, n in self.skipped.most_common())
            head += f"; {total:,} skipped: {reasons}"
        if sum(self.unshown.values()):
            hidden = sum(self.unshown.values())
            head += f"; messages for {hidden:,} of them not shown (the first {self.message_limit:,} per reason are)"
        if self.ignored_files:
            head += (f"; {self.ignored_files:,} file{'s' if self.ignored_files != 1 else ''} in folders ignored "
                     f"(not {', '.join(INPUT_SUFFIXES)})")
        if self.interrupted:
            head += "; interrupted: run the same command again to go on"
        return head


# --- reading ----------------------------------------------------------------------------------------


def input_files(paths: Sequence[str | Path], report: IngestReport) -> list[str]:
    """The files to read, in order: named files as given, folders walked (sorted, hidden entries left out)."""
    out: list[str] = []
    for given in paths:
        name = str(given)
        if name == STDIN:
            out.append(name)
            continue
        # a path's plain form is the document's id: "./a3.txt" (from "ingest .") and "a3.txt" name one document,
        # which a later "ingest a3.txt --replace" or "remove a3.txt" must find (new-user trial AA)
        name = os.path.normpath(name)
        if not os.path.isdir(name):
            out.append(name)
            continue
        for root, dirs, files in os.walk(name):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for f in sorted(files):
                if f.startswith("."):
                    continue
                if f.lower().endswith(INPUT_SUFFIXES):
                    out.append(os.path.normpath(os.path.join(root, f)))
                else:
                    report.ignored_files += 1
    report.files = len(out)
    return out


def read_inputs(files: Iterable[str], report: IngestReport,
                options: ReadOptions | None = None) -> Iterator[Candidate | Problem]:
    """Every document of the files, or why it cannot be used."""
    opts = options or ReadOptions()
    for name in files:
        report.files_read += 1
        try:
            yield from _read_file(name, opts)
        except OSError as exc:
            why = "does not exist" if isinstance(exc, FileNotFoundError) else exc.strerror or str(exc)
            yield Problem(name, UNREADABLE, f"cannot read the file ({why})")


def _read_file(name: str, opts: ReadOptions) -> Iterator[Candidate | Problem]:
    if name == STDIN:
        yield from _read_jsonl(name, sys.stdin.buffer, opts.dct)
        return
    lower = name.lower()
    pages = (read_warc(name) if lower.endswith(WARC_SUFFIXES) else read_csv(name, opts.csv)
             if lower.endswith(CSV_SUFFIXES) else None)
    if pages is None and lower.endswith(HTML_SUFFIXES):
        pages = read_html_file(name)
    if pages is not None:
        yield from (_from_pages(item, opts.dct) for item in pages)
        return
    kind = input_kind(name)
    if kind == "jsonl":
        with open(name, "rb") as stream:
            yield from _read_jsonl(name, stream, opts.dct)
        return
    if kind == "html":
        yield from (_from_pages(item, opts.dct) for item in read_html_file(name))
        return
    with open(name, "rb") as stream:
        data = stream.read()
    try:
        text = decode(data, name)
    except InputError as exc:
        yield Problem(name, NOT_UTF8, str(exc).removeprefix(f"{name}: "))
        return
    kind = kind or input_kind(name, text[:4096]) or "text"
    if kind == "jsonl":
        yield from _read_jsonl(name, data.splitlines(keepends=True), opts.dct)
    elif kind == "html":  # a named file whose content is a page
        yield _from_pages(read_page_bytes(name, name, data), opts.dct)
    elif kind == "timeml":
        yield _read_timeml(name, text)
    else:
        yield _read_text(name, text, opts.dct)


def _from_pages(item: Read | Unread, dct: date | None) -> Candidate | Problem:
    """A page, WARC record or CSV row as a candidate (``dct``: --dct), or why not."""
    if isinstance(item, Unread):
        return Problem(item.source, item.reason, item.message)
    when, source, confidence = (dct, "given", 1.0) if dct else (item.dct, item.dct_source, item.dct_confidence)
    if when is None:
        return Problem(item.source, NO_DATE, f"no date: {item.dct_note}; give one with --dct YYYY-MM-DD")
    found = _candidate(item.id, item.source, item.text, when, 0)
    if isinstance(found, Problem):
        return found
    return Candidate(found.id, found.source, found.text, found.dct, found.hash, item.title, item.url, source,
                     confidence)


def _read_text(name: str, text: str, dct: date | None = None) -> Candidate | Problem:
    if not text.strip():
        return Problem(name, EMPTY, "empty: no text to annotate")
    header, body = read_header(text)
    if dct is not None:
        return _candidate(name, name, text, dct, body)
    if header is None:
        return Problem(name, NO_DATE, "no date: start the file with a 'date YYYY-MM-DD' line, or give --dct "
                       "YYYY-MM-DD for every file read")
    if header.value is None:
        return Problem(name, BAD_DATE if header.invalid else UNSETTLED_DATE, f"date header: {header.warning}")
    return _candidate(name, name, text, header.value, body)


def _read_timeml(name: str, raw: str) -> Candidate | Problem:
    try:
        tml = parse_timeml(raw, name)
    except InputError as exc:
        reason = BAD_DATE if "CREATION_TIME" in str(exc) else BAD_TIMEML
        return Problem(name, reason, str(exc).removeprefix(f"{name}: "))
    if tml.dct is None and tml.dct_warning:
        return Problem(name, UNSETTLED_DATE, f"CREATION_TIME: {tml.dct_warning}")
    if tml.dct is None:
        return Problem(name, NO_DATE, "no date: the TimeML file has no CREATION_TIME TIMEX3 in <DCT>")
    return _candidate(tml.doc_id or Path(name).stem, name, tml.text, tml.dct, 0)


def _read_jsonl(name: str, lines: Iterable[bytes], dct: date | None = None) -> Iterator[Candidate | Problem]:
    """The records of a JSON Lines stream; ``dct`` (``--dct``) is the date of every record, as for ``tag``."""
    label = "<stdin>" if name == STDIN else name
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        source = f"{label}:{number}"
        try:
            line = decode(raw, "the line")
        except InputError as exc:
            yield Problem(source, NOT_UTF8, str(exc).removeprefix("the line: "))
            continue
        try:
            rec = parse_record(line)
        except RecordError as exc:
            message = str(exc)
            if message.startswith("not JSON"):
                yield Problem(source, NOT_JSON, message)
            elif isinstance(exc.__cause__, DateError):
                yield Problem(source, BAD_DATE, f'"dct": {message}')
            else:
                yield Problem(source, BAD_RECORD, message)
            continue
        when = dct or rec.dct  # new-user trial AD: --dct was ignored for records, though tag --dct gives it
        if when is None and rec.dct_warning:
            yield Problem(source, UNSETTLED_DATE, f'"dct": {rec.dct_warning}')
            continue
        if when is None:
            yield Problem(source, NO_DATE, 'no date: give the record a "dct": "YYYY-MM-DD" (or give --dct)')
            continue
        yield _candidate(rec.id if rec.id is not None else source, source, rec.text, when, 0)


def _candidate(doc_id: str, source: str, text: str, dct: date, body: int) -> Candidate | Problem:
    if not text[body:].strip():
        return Problem(source, EMPTY, "empty: no text to annotate")
    return Candidate(doc_id, source, text, dct, content_hash(text))


class _Seen:
    """Ids and content hashes stored before this run or accepted in it."""

    def __init__(self, known: dict[str, str], replace: bool = False,
                 dates: dict[str, str | None] | None = None) -> None:
        self.by_id = dict(known)
        self.by_hash = {h: i for i, h in known.items()}
        self.replace = replace  # a stored id with another text, or with another date: replace it (ingest --replace)
        self.dates = dates or {}
        self.accepted: set[str] = set()  # ids taken in this run: a second one with another text is a duplicate

    def check(self, items: Iterable[Candidate | Problem]) -> Iterator[Candidate | Problem]:
        for item in items:
            if isinstance(item, Candidate):
                item = self._checked(item)
            yield item

    def _checked(self, c: Candidate) -> Candidate | Problem:
        other = self.by_hash.get(c.hash)
        if other == c.id and self.replace and c.id not in self.accepted and c.id in self.dates \
                and self.dates[c.id] != c.dct.isoformat():  # the same text, another date: a correction of the date
            self.accepted.add(c.id)
            return c
        if other == c.id:
            return Problem(c.source, ALREADY, f"{c.id!r} is already stored")
        if other is not None:
            return Problem(c.source, DUPLICATE_TEXT, f"same text as {other!r}, which is stored; not stored twice")
        if c.id in self.by_id and not self.replace:
            return Problem(c.source, DUPLICATE_ID, f"id {c.id!r} is already stored with a different text; "
                           "skipped (give this document another id, or ingest it with --replace when it is a "
                           "corrected version)" if c.id not in self.accepted else
                           f"id {c.id!r} comes twice in this run with different texts; the first is stored (with "
                           "--replace, the last)")
        self.by_id[c.id], self.by_hash[c.hash] = c.hash, c.id
        self.accepted.add(c.id)
        return c


# --- annotating ---------------------------------------------------------------------------------


def _work(item: Candidate | Problem) -> NewDocument | Problem:
    """Annotate one candidate (in a worker process); problems pass through."""
    if isinstance(item, Problem):
        return item
    from newsline.events._annotate import annotate
    from newsline.events._headline import headline_text

    try:
        doc = annotate(item.text, item.dct, doc_id=item.id)
    except NewslineError as exc:
        return Problem(item.source, FAILED, f"cannot be annotated: {exc}")
    except Exception as exc:  # one document must not stop a corpus: report it and go on
        return Problem(item.source, FAILED, f"cannot be annotated (internal error, please report it): "
                       f"{type(exc).__name__}: {exc}")
    title = item.title if item.title is not None else headline_text(item.text)  # a text file's first line
    return NewDocument(item.id, item.source, doc, title, item.url, item.dct_source, item.dct_confidence)


def worker_init(parent: int) -> None:
    """In each worker: Ctrl-C is the parent's business, and a worker whose parent died (a kill) exits."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


# --- the ingest ----------------------------------------------------------------------------------


class _Progress:
    """A one-line counter on a terminal's stderr, redrawn at most five times a second."""

    def __init__(self, stream: TextIO, report: IngestReport, enabled: bool | None = None) -> None:
        self.stream = stream
        self.report = report
        self.enabled = stream.isatty() if enabled is None else enabled
        self._start = time.monotonic()
        self._last = 0.0
        self._width = 0

    def update(self, force: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not force and now - self._last < 0.2):
            return
        self._last = now
        r = self.report
        done = r.files_read / r.files if r.files else 0.0
        bar = "#" * int(done * 20)
        rate = r.stored / (now - self._start) if now > self._start else 0.0
        msg = (f"ingest [{bar:<20}] file {r.files_read:,}/{r.files:,}  {r.stored:,} stored, "
               f"{sum(r.skipped.values()):,} skipped  {rate:.1f} docs/s")
        self._width = max(self._width, len(msg))
        self.stream.write("\r" + msg.ljust(self._width))
        self.stream.flush()

    def clear(self) -> None:
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()

    def say(self, line: str) -> None:
        self.clear()
        self.stream.write(line + "\n")
        self.stream.flush()
        self._last = 0.0


def ingest(paths: Sequence[str | Path], db: str | Path, *, workers: int = 1, batch: int = 50,
           out: TextIO | None = None, progress: bool | None = None, wait: float = 120.0,
           messages: int | None = MESSAGES_PER_REASON, options: ReadOptions | None = None,
           replace: bool = False) -> IngestReport:
    """Read, annotate and store the documents of ``paths`` in the database ``db``.

    ``workers`` processes annotate; the calling process alone writes, ``batch``
    documents per transaction.  Per-document problems are reported on ``out``
    (default stderr) as they come, at most ``messages`` per reason (None: all;
    one more line says when the rest are only counted), and the counts are in
    the returned report; ``progress`` (default: when ``out`` is a terminal) shows a counter.
    ``wait`` is how long to wait for a database another process has open; ``options`` say how inputs are
    read (``--dct``, the CSV columns).  ``replace``: a document whose id is stored with another text replaces
    it (a corrected article) instead of being skipped as a duplicate id.
    Raises :class:`NewslineError` when the database cannot be used or spaCy is missing.
    """
    if workers < 1 or batch < 1:
        raise InputError("--workers and --batch must be at least 1")
    stream = out if out is not None else sys.stderr
    started = time.monotonic()
    report = IngestReport(Path(db), message_limit=messages)
    with Store.open(db, wait=wait) as store:
        known = store.known()
        dates = store.known_dates() if replace else None
    files = input_files(paths, report)
    if any(f.lower().endswith((*HTML_SUFFIXES, *WARC_SUFFIXES)) for f in files):
        require_html()  # one message for the run rather than one per page
    bar = _Progress(stream, report, progress)
    items = _Seen(known, replace, dates).check(read_inputs(files, report, options))
    pending: list[NewDocument] = []

    def take(result: NewDocument | Problem) -> None:
        nonlocal pending
        if isinstance(result, Problem):
            _skip(report, result, bar)
        else:
            pending.append(result)
            if len(pending) >= batch:
                _write(db, pending, report, bar, wait, replace)
                pending = []
        bar.update()

    pool = None
    try:
        if workers == 1:
            for item in items:
                if isinstance(item, Candidate):
                    _load_models()
                take(_work(item))
        else:
            # the parent reads and hands out; at most 4 documents per worker in flight, results in order
            inflight: deque[AsyncResult[NewDocument | Problem] | Problem] = deque()
            for item in items:
                if isinstance(item, Problem):
                    inflight.append(item)
                else:
                    if pool is None:
                        _load_models()  # before the fork: the workers share the loaded model
                        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
                        pool = multiprocessing.get_context(method).Pool(workers, initializer=worker_init,
                                                                        initargs=(os.getpid(),))
                    inflight.append(pool.apply_async(_work, (item,)))
                while len(inflight) > 4 * workers or (inflight and isinstance(inflight[0], Problem)):
                    take(_result(inflight.popleft()))
            while inflight:
                take(_result(inflight.popleft()))
        if pending:
            _write(db, pending, report, bar, wait, replace)
        _refresh_aliases(db, wait)
    except KeyboardInterrupt:
        report.interrupted = True
        raise
    except RuntimeError as exc:  # DuckDB turns Ctrl-C during a statement into "Query interrupted"
        if isinstance(exc.__cause__, KeyboardInterrupt) or "interrupted" in str(exc).lower():
            report.interrupted = True
            raise KeyboardInterrupt from exc
        raise
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
        report.seconds = time.monotonic() - started
        bar.clear()
        if report.interrupted:
            stream.write(f"newsline ingest: {report.summary()}\n")
    return report


def _load_models() -> None:
    """spaCy and the event model, loaded when the first document needs annotating (not at all when every
    document is stored already); raises NewslineError when spaCy is missing."""
    from newsline.events._detect import load_model
    from newsline.events._nlp import load_nlp

    load_nlp()
    load_model()


def _result(slot: AsyncResult[NewDocument | Problem] | Problem) -> NewDocument | Problem:
    return slot if isinstance(slot, Problem) else slot.get()


def _skip(report: IngestReport, problem: Problem, bar: _Progress) -> None:
    report.skipped[problem.reason] += 1
    if problem.reason == ALREADY:  # a resumed ingest skips what it stored before: no news
        return
    limit = report.message_limit
    n = report.skipped[problem.reason]
    if limit is None or n <= limit:
        bar.say(f"newsline ingest: {problem.source}: {problem.message}")
        return
    if not report.unshown[problem.reason]:
        bar.say(f"newsline ingest: more than {limit:,} documents skipped as {problem.reason!r}: "
                "the rest are counted in the summary, not listed")
    report.unshown[problem.reason] += 1


def _refresh_aliases(db: str | Path, wait: float) -> None:
    """Rebuild the cross-document alias table when the corpus changed (see ``newsline.corpus._entity_aliases``)."""
    from newsline.corpus._entity_aliases import refresh_aliases

    with Store.open(db, wait=wait) as store:
        refresh_aliases(store)


def _write(db: str | Path, batch: list[NewDocument], report: IngestReport, bar: _Progress, wait: float,
           replace: bool = False) -> None:
    with Store.open(db, wait=wait) as store:
        result = store.add_documents(batch, replace=replace)
    report.stored += len(result.stored)
    report.replaced += len(result.replaced)
    for s in result.skipped:
        _skip(report, Problem(s.source, s.reason, s.message), bar)
