"""Turning what users hand us (strings, dates, bytes) into a text and a DCT."""

from __future__ import annotations

import re
from datetime import date, datetime

from newsline.errors import InputError, bad_dct

# "date 2020-10-16 Two weeks after ..." : the way dated news arrives in corpora.
_HEADER = re.compile(r"\A\s*date:?[ \t]+(\S+)[ \t]*(?:\r?\n|[ \t]|\Z)", re.I)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?")


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
        raise InputError(f"document date must be a date or a YYYY-MM-DD string, not {type(value).__name__}")
    raw = value.strip()
    m = _ISO.fullmatch(raw)
    if not m:
        raise bad_dct(raw, "expected YYYY-MM-DD")
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        raise bad_dct(raw, str(exc)) from exc


def split_header(text: str) -> tuple[date | None, int]:
    """Find a leading ``date YYYY-MM-DD`` header.

    Returns the header's date (or None when there is no header) and the offset
    where the article body starts.  A header whose date is malformed raises
    :class:`DateError`: silently tagging it as text would hide the mistake.
    """
    m = _HEADER.match(text)
    if not m:
        return None, 0
    raw = m.group(1)
    if not re.match(r"\d", raw):
        return None, 0  # "Date palms ..." is text, not a header
    return parse_dct(raw), m.end()


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
