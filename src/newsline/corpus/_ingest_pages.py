"""What ``newsline ingest`` reads beyond text, TimeML and JSON Lines: saved web pages (``.html``), crawls
(``.warc``, ``.warc.gz``: one document per HTML response record) and CSV exports of news databases (``.csv``,
the columns chosen with ``--text-col``, ``--date-col``, ``--id-col``).

Each input yields :class:`Read` (a document with its date, or without one and why) or :class:`Unread` (a
reason key and a one-line message); ``corpus/_ingest.py`` turns them into candidates and problems.  A broken
record or row costs that record, never the rest of the run.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from newsline.corpus._web_pages import MAX_PAGE_BYTES, MissingExtraError, Page, read_page
from newsline.errors import InputError
from newsline.timex._document_date import read_document_date
from newsline.timex._inputs import decode

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
WARC_SUFFIXES = (".warc", ".warc.gz")
CSV_SUFFIXES = (".csv", ".tsv")

# Why a page, record or row was not stored (keys of IngestReport.skipped, beside _ingest.py's).
BAD_PAGE = "bad page"
BAD_WARC = "broken WARC record"
BAD_CSV = "bad CSV"
NO_EXTRA = "missing extra"
_ISO_START = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*\Z")


_DEFAULT_ID_COLUMN = "id"


@dataclass(frozen=True, slots=True)
class CsvColumns:
    """Which CSV columns hold a document's text, date and id (``--text-col``, ``--date-col``, ``--id-col``)."""

    text: str = "text"
    date: str = "date"
    id: str = _DEFAULT_ID_COLUMN


@dataclass(frozen=True, slots=True)
class Read:
    """A document read from a page, a WARC record or a CSV row; ``dct`` None with ``dct_note`` saying why."""

    source: str
    id: str
    text: str
    dct: date | None
    title: str | None = None
    url: str | None = None
    dct_source: str | None = None
    dct_confidence: float | None = None
    dct_note: str = ""


@dataclass(frozen=True, slots=True)
class Unread:
    """A page, record, row or file that gives no document: where, why (a reason key) and a message."""

    source: str
    reason: str
    message: str


def _from_page(source: str, doc_id: str, page: Page) -> Read:
    return Read(source, doc_id, page.text, page.dct, page.title, page.url, page.dct_source, page.dct_confidence,
                "" if page.dct else page.dct_note)


def read_page_bytes(source: str, doc_id: str, data: bytes, url: str | None = None) -> Read | Unread:
    try:
        page = read_page(data, url)
    except MissingExtraError as exc:
        return Unread(source, NO_EXTRA, str(exc))
    except InputError as exc:
        return Unread(source, BAD_PAGE, str(exc))
    except Exception as exc:  # a page that breaks the parser must not stop the run
        return Unread(source, BAD_PAGE, f"the page cannot be parsed ({type(exc).__name__}: {exc})")
    return _from_page(source, doc_id, page)


def read_html_file(name: str) -> Iterator[Read | Unread]:
    """One saved web page; a file past the size cap is refused before it is read."""
    size = os.path.getsize(name)
    if size > MAX_PAGE_BYTES:
        yield Unread(name, BAD_PAGE, f"the page is {size / 1e6:.1f} MB, larger than the "
                     f"{MAX_PAGE_BYTES // 1_000_000} MB a saved news page can be; not read")
        return
    with open(name, "rb") as stream:
        data = stream.read()
    yield read_page_bytes(name, name, data)


def read_warc(name: str) -> Iterator[Read | Unread]:
    """Every HTML response of a WARC file, with its target address as id and for a dated address.

    A record that cannot be read ends the file (the records before it are kept): a WARC has no index to
    find the next record by.
    """
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        yield Unread(name, NO_EXTRA, "reading WARC files needs the html extra (warcio): "
                     "pip install 'newsline[html]'")
        return
    number = 0
    said_truncated = False
    with open(name, "rb") as stream:
        try:
            for record in ArchiveIterator(stream):
                number += 1
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                if "html" not in ctype:
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"{name}#{number}"
                data = record.content_stream().read(MAX_PAGE_BYTES + 1)
                source = f"{name}#{number} {uri}"
                if len(data) > MAX_PAGE_BYTES:
                    yield Unread(source, BAD_PAGE, f"the page is larger than the {MAX_PAGE_BYTES // 1_000_000} MB "
                                 "a saved news page can be; not read")
                    continue
                missing = getattr(record.raw_stream, "limit", 0)
                if isinstance(missing, int) and missing > 0:  # the file ends inside the record
                    yield Unread(source, BAD_WARC, f"truncated WARC record: {missing:,} of its {record.length:,} "
                                 "bytes are missing; not read")
                    said_truncated = True
                    continue
                yield read_page_bytes(source, uri, data, uri)
            if name.endswith(".gz") and not said_truncated and not _gzip_complete(name):
                yield Unread(f"{name}#{number + 1}", BAD_WARC,
                             f"truncated WARC file: the compressed data ends early, so the record after the {number} "
                             "read is lost")
        except Exception as exc:  # warcio raises ArchiveLoadFailed, ValueError, zlib and EOF errors alike
            why = " ".join(str(exc).split())[:160] or type(exc).__name__
            yield Unread(f"{name}#{number + 1}", BAD_WARC,
                         f"broken WARC record ({why}); the {number} record{'s' if number != 1 else ''} before it "
                         "were read, the rest of this file is not")


def _gzip_complete(name: str) -> bool:
    """False when a gzip file ends before its last member does (warcio stops there without a word)."""
    import gzip

    try:
        with gzip.open(name, "rb") as g:
            while g.read(1 << 20):
                pass
    except (EOFError, OSError):
        return False
    return True


def _delimiter(text: str) -> str:
    """The separator of a CSV file, from its header line: comma, semicolon (spreadsheets in locales with a
    decimal comma) or tab, whichever the header has most of; comma when it has none."""
    header = text.split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] > 0 else ","


def read_csv(name: str, columns: CsvColumns) -> Iterator[Read | Unread]:
    """One document per row: text, date and id from the chosen columns; a row without a date is kept as
    undated (ingest then skips it unless ``--dct`` is given)."""
    with open(name, "rb") as stream:
        data = stream.read()
    try:
        text = decode(data, name)
    except InputError as exc:
        yield Unread(name, BAD_CSV, str(exc).removeprefix(f"{name}: "))
        return
    csv.field_size_limit(MAX_PAGE_BYTES)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    header = reader.fieldnames or []
    missing = [f"--{flag}-col {col!r}" for flag, col in (("text", columns.text), ("date", columns.date))
               if col not in header]
    if columns.id != _DEFAULT_ID_COLUMN and columns.id not in header:  # the default "id" may be absent: row ids then
        missing.append(f"--id-col {columns.id!r}")
    if missing:
        yield Unread(name, BAD_CSV, f"no column for {' and '.join(missing)} (the columns are: "
                     f"{', '.join(header) or 'none'}); choose them with --text-col, --date-col and --id-col")
        return
    try:
        for row in reader:
            line = reader.line_num
            source = f"{name}:{line}"
            body = row.get(columns.text)
            if body is None or not body.strip():
                yield Unread(source, BAD_CSV, f"empty: no text in column {columns.text!r}")
                continue
            doc_id = (row.get(columns.id) or "").strip() or source
            raw = (row.get(columns.date) or "").strip()
            yield _csv_row(source, doc_id, body, raw, columns.date)
    except csv.Error as exc:
        yield Unread(f"{name}:{reader.line_num}", BAD_CSV, f"not valid CSV ({exc}); the rows before it were read")


def _csv_row(source: str, doc_id: str, body: str, raw: str, column: str) -> Read | Unread:
    if not raw:
        return Read(source, doc_id, body, None, dct_note=f"no date in column {column!r}")
    iso = _ISO_START.match(raw)
    if iso:
        try:
            return Read(source, doc_id, body, date.fromisoformat(iso.group(1)), dct_source="given", dct_confidence=1.0)
        except ValueError as exc:
            return Unread(source, BAD_CSV, f"column {column!r}: {raw!r} is not a real date ({exc})")
    found = read_document_date(raw, body)
    if found.value is None:
        return Unread(source, BAD_CSV, f"column {column!r}: {found.warning or f'{raw!r} is not a date'}")
    return Read(source, doc_id, body, found.value, dct_source="given", dct_confidence=1.0)
