"""Turning what users hand us (strings, dates, bytes) into a text and a DCT."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from newsline.errors import DateError, InputError, RecordError, bad_dct
from newsline.timex._document_date import ISO, DocumentDate, read_document_date, weekday_lead_end, written_end

# "date 2020-10-16 Two weeks after ..." : the way dated news arrives in corpora.
# "Published: 2026-03-30", "Posted: ..." too (new-user trial AB), with their colon: "Posted 3 hours ago" is text
_HEADER = re.compile(r"\A\ufeff?\s*(?:date:?|(?:published|publication date|pub date|posted|dated):)[ \t]+",
                     re.I)  # a byte order mark the caller left in is no text
_TAIL = re.compile(r"[ \t]*(?:\r?\n|[ \t]|\Z)")
_TOKEN = re.compile(r"\S+")


def parse_dct(value: date | str | None) -> date | None:
    """Turn a DCT given as a date, datetime or ISO string into a date.

    Raises :class:`DateError` for malformed or impossible dates (2020-02-30).
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise InputError(
            f"document date must be a date or a YYYY-MM-DD string, not {type(value).__name__}"
        )
    raw = value.strip()
    m = ISO.fullmatch(raw)
    if not m:
        raise bad_dct(raw, "expected YYYY-MM-DD")
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        raise bad_dct(raw, str(exc)) from exc


def read_header(text: str) -> tuple[DocumentDate | None, int]:
    """Find a leading ``date ...`` header and read its date.

    Returns what the header's date says (None when there is no header) and the
    offset where the article body starts.  The date may be written in any form
    :func:`read_document_date` reads (``date 2012-04-07``, ``date 07/04/2012``,
    ``Date: Saturday, April 7, 2012``); a day-month order is settled by the body.
    """
    m = _HEADER.match(text)
    if not m:
        return None, 0
    end = written_end(text, m.end())
    if end is None:
        at = weekday_lead_end(text, m.end())
        token = _TOKEN.match(text, at)
        if token is None or not re.match(r"\d", token.group(0)):
            return None, 0  # "Date palms ..." is text, not a header
        end = token.end()
    tail = _TAIL.match(text, end)
    if tail is None:
        return None, 0
    body = tail.end()
    return read_document_date(text[m.end():end], text[body:]), body


def split_header(text: str, strict: bool = True) -> tuple[date | None, int]:
    """Find a leading ``date YYYY-MM-DD`` header (or another form :func:`read_header` reads).

    Returns the header's date (or None when there is no header) and the offset
    where the article body starts.  A header whose date is malformed or impossible
    raises :class:`DateError` (silently tagging it as text would hide the mistake),
    unless ``strict`` is false: then the header is skipped and its date is None,
    which is what a caller that has the DCT from elsewhere wants.  A date with two
    readings the body does not settle (``date 07/04/2012``) gives None without an
    error; :func:`read_header` says why.
    """
    found, body = read_header(text)
    if found is None:
        return None, 0
    if found.invalid and strict:
        raise DateError(found.warning)
    return found.value, body


def decode(data: bytes, name: str) -> str:
    """Decode input bytes as UTF-8 (a BOM is dropped) or say clearly why not."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file (NUL bytes); give newsline UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not UTF-8 ({exc.reason} at byte {exc.start}); "
            "convert it first, e.g. iconv -f latin1 -t utf-8"
        ) from exc
    return text


# --- input files: which kind, and JSON Lines records ---------------------------------

InputKind = Literal["text", "timeml", "jsonl", "html"]
_TIMEML_SUFFIXES = (".tml", ".te3input")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_TIMEML_START = re.compile(r"\s*<(?:\?xml|TimeML)")
_SURROGATE = re.compile("[\ud800-\udfff]")


def input_kind(name: str, head: str | None = None) -> InputKind | None:
    """Tell an input's kind from its file name, then from its first characters.

    ``.jsonl``/``.ndjson`` are JSON Lines, ``.tml``/``.TE3input`` and text starting
    with ``<?xml`` or ``<TimeML`` are TimeML, ``.html``/``.htm`` and text starting with
    ``<!DOCTYPE html`` or ``<html`` are web pages, anything else is plain text.  Returns
    None when the name does not tell and ``head`` is not given.
    """
    lower = name.lower()
    if lower.endswith(_JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(_TIMEML_SUFFIXES):
        return "timeml"
    if lower.endswith(_HTML_SUFFIXES):
        return "html"
    if head is None:
        return None
    if _HTML_START.match(head):
        return "html"
    if _TIMEML_START.match(head):
        return "timeml"
    return "jsonl" if _looks_like_jsonl(head) else "text"


def _looks_like_jsonl(head: str) -> bool:
    """A first line that is a JSON object with a "text" field: JSON Lines, not prose."""
    first = head.lstrip().split("\n", 1)[0].strip()
    if not (first.startswith("{") and first.endswith("}")):
        return False
    try:
        record = json.loads(first)
    except ValueError:
        return False
    return isinstance(record, dict) and "text" in record


@dataclass(frozen=True, slots=True)
class Record:
    """One JSON Lines input line: ``{"id": ..., "text": ..., "dct": ...}``."""

    id: str | None
    text: str
    dct: date | None
    dct_warning: str | None = None  # why a "dct" that was given is not used (two readings, unsettled)


def parse_record(line: str) -> Record:
    """Read one JSON Lines record; ``dct`` may be null or missing.

    ``dct`` is a YYYY-MM-DD string or any form :func:`read_document_date` reads; a form
    with two readings that the record's text does not settle leaves the record without a
    DCT and says why in ``dct_warning``.  Raises :class:`RecordError` (carrying the
    record's id when it was readable) for a malformed record or a ``dct`` that is not a
    date at all or an impossible one.
    """
    try:
        obj = json.loads(line)
    except ValueError as exc:
        raise RecordError(f"not JSON ({exc})") from exc
    if not isinstance(obj, dict):
        raise RecordError(f'expected a JSON object {{"id", "text", "dct"}}, got {_json_kind(obj)}')
    rid = _record_id(obj.get("id"))
    text = obj.get("text")
    if not isinstance(text, str):
        why = 'no "text" field' if text is None else f'"text" is {_json_kind(text)}, not a string'
        raise RecordError(why, rid)
    if _SURROGATE.search(text):
        raise RecordError('"text" contains an unpaired surrogate escape (\\ud800-\\udfff)', rid)
    raw = obj.get("dct")
    if isinstance(raw, str) and not ISO.fullmatch(raw.strip()):
        found = read_document_date(raw, text)
        if found.invalid:
            raise RecordError(str(found.warning), rid) from DateError(found.warning)
        return Record(rid, text, found.value, found.warning)
    try:
        dct = parse_dct(raw)
    except InputError as exc:
        raise RecordError(str(exc), rid) from exc
    return Record(rid, text, dct)


def _record_id(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _json_kind(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    return names.get(type(value), "a number" if isinstance(value, int | float) else "null")
