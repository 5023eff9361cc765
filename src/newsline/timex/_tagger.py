"""The tagger's entry point: text + DCT in, Document out."""

from __future__ import annotations

from datetime import date

from newsline._model import Document
from newsline.timex._inputs import parse_dct, split_header


def tag(text: str, dct: date | str | None = None, *, doc_id: str | None = None) -> Document:
    """Find and resolve every time expression in ``text``.

    ``dct`` is the document creation (publication) time.  When it is None and
    the text starts with a ``date YYYY-MM-DD`` header, the header's date is used.
    Without any DCT, values that need the year stay underspecified
    (``XXXX-10-14``); the clock is never read.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    given = parse_dct(dct) if dct is not None else None
    header_dct, body = split_header(text, strict=given is None)
    when = given if given is not None else header_dct
    from newsline.timex._recognize import find_timexes

    timexes = find_timexes(text, body, when)
    return Document(text=text, dct=when, timexes=timexes, id=doc_id)
