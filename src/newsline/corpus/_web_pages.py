"""Saved web pages as documents: the main text (trafilatura), the title, the page's address and the publication
date (htmldate), with where that date was found (``dct_source``) and how sure it is.

Needs the ``html`` extra (``pip install 'newsline[html]'``); without it :func:`read_page` says so.

Where the date comes from, most reliable first:

``meta``   the page's markup: meta tags (OpenGraph ``article:published_time``, ``dc.date.issued``, ...),
           JSON-LD (``datePublished``) and microdata (``itemprop="datePublished"``); confidence 0.95
``url``    the page's address (``<link rel="canonical">``, ``og:url`` or the one given), when it holds a
           whole date (``/2023/07/18/``, ``2020-02-11``); confidence 0.8
``text``   a date the visible page writes ("Published 14 June 2019"), found by htmldate's extensive search,
           which prefers the original date to an update; confidence 0.5

htmldate is always asked for the original (published) date, not the updated one.  Its upper date bound is
passed explicitly so the result never depends on the day the code runs.  A page without any of these gets
no date (``dct`` None): none is invented from the dates its story mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from newsline.errors import InputError

# A page larger than this is refused before it is parsed (a saved news page is well under 5 MB; a 50 MB
# "page" is a dump or a mistake and would hold a worker for minutes).
MAX_PAGE_BYTES = 10_000_000
CONFIDENCE = {"meta": 0.95, "url": 0.8, "text": 0.5, "given": 1.0}
DCT_SOURCES = ("meta", "url", "text", "given")
# htmldate rejects dates after max_date, which defaults to today: a fixed bound keeps results reproducible.
_MAX_DATE = "2099-12-31"
_MIN_DATE = "1990-01-01"
_HTML_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|"
                         rb"article|div|p|!--)", re.I | re.S)
_TITLE_SPLIT = re.compile(r"\s+[|\u2013\u2014·•-]\s+[^|\u2013\u2014·•]{2,60}$")
_NO_EXTRA = ("reading HTML pages needs the html extra (trafilatura, htmldate): pip install 'newsline[html]'")


class MissingExtraError(InputError):
    """An optional dependency (an extra of the package) that this input needs is not installed."""


@dataclass(frozen=True, slots=True)
class Page:
    """What a saved web page gives a document: its text, title, address and publication date."""

    text: str
    title: str | None
    url: str | None
    dct: date | None
    dct_source: str | None  # meta, url or text (None: no date found)
    dct_confidence: float | None

    @property
    def dct_note(self) -> str:
        """Where the date came from, in words (for messages)."""
        if self.dct is None:
            return "no publication date found in the page (meta tags, JSON-LD, address, visible dateline)"
        where = {"meta": "the page's meta data", "url": "the page's address", "text": "the page's text"}
        return f"from {where.get(self.dct_source or '', 'the page')}, confidence {self.dct_confidence:.2f}"


def _html_import_error() -> str | None:
    """None when the html extra imports, else what failed ("No module named 'lxml_html_clean'")."""
    try:
        import htmldate  # noqa: F401
        import trafilatura  # noqa: F401
    except ImportError as exc:
        return str(exc)
    return None


def html_available() -> bool:
    return _html_import_error() is None


def require_html() -> None:
    """Raise :class:`MissingExtraError` (one line: what to install) when the html extra is missing."""
    problem = _html_import_error()
    if problem is not None:
        raise MissingExtraError(f"{_NO_EXTRA} ({problem})")


def looks_like_html(data: bytes) -> bool:
    """Bytes that start as an HTML document does (a doctype, ``<html>``, ``<head>``, ...)."""
    return bool(_HTML_START.match(data[:4096]))


def read_page(data: bytes, url: str | None = None) -> Page:
    """Read a saved web page: main text, title, address and publication date.

    ``url`` is where the page came from when known (a WARC record's target); otherwise the page's canonical
    link or ``og:url`` is used.  Raises :class:`InputError` with a one-line reason for a page that is too
    large, binary, not HTML or without article text, and :class:`MissingExtraError` without the html extra.
    """
    if len(data) > MAX_PAGE_BYTES:
        raise InputError(f"the page is {len(data) / 1e6:.1f} MB, larger than the {MAX_PAGE_BYTES // 1_000_000} MB "
                         "a saved news page can be; is it really one article?")
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file (NUL bytes), not an HTML page")
    if not data.strip():
        raise InputError("empty: no page to read")
    require_html()
    from trafilatura.utils import load_html

    tree = load_html(data)
    if tree is None or not looks_like_html(data) and tree.find(".//body") is None:
        raise InputError("not an HTML page (no <html> or <body>); give .html files saved from a browser")
    url = url or _page_url(tree)
    title = _title(tree)
    found, source = _publication_date(tree, url)
    text = _paragraphs(_main_text(tree, url), title)
    if not text.strip():
        raise InputError("no article text found in the page (trafilatura found no main content)")
    return Page(text, title, url, found, source, CONFIDENCE[source] if source else None)


def _attr(tree: Any, xpath: str, name: str) -> str | None:
    for node in tree.xpath(xpath):
        value = (node.get(name) or "").strip()
        if value:
            return value
    return None


def _page_url(tree: Any) -> str | None:
    found = (_attr(tree, "//link[@rel='canonical']", "href")
             or _attr(tree, "//meta[@property='og:url']", "content"))
    return found if found and found.startswith(("http://", "https://")) else None


def _title(tree: Any) -> str | None:
    """og:title, else the first <h1>, else <title> without the site's name (" | Coastal Herald")."""
    for found in (_attr(tree, "//meta[@property='og:title']", "content"),
                  _attr(tree, "//meta[@name='twitter:title']", "content")):
        if found:
            return " ".join(found.split())
    for xpath in ("//h1", "//title"):
        for node in tree.xpath(xpath):
            text = " ".join(node.text_content().split())
            if text:
                return _TITLE_SPLIT.sub("", text) if xpath == "//title" else text
    return None


def _markup_only(tree: Any) -> str:
    """A small page holding only the markup that states dates: meta tags, JSON-LD scripts, microdata dates
    (not links: a dated canonical address counts as ``url``)."""
    from lxml import html as lxml_html

    head = tree.xpath("//head/meta | //head/script[@type='application/ld+json']")
    body = tree.xpath("//body//script[@type='application/ld+json'] | //body//*[@itemprop='datePublished'] "
                      "| //body//time[@pubdate]")
    parts = ["".join(lxml_html.tostring(node, encoding="unicode", with_tail=False) for node in nodes)
             for nodes in (head, body)]
    return f"<html><head>{parts[0]}</head><body>{parts[1]}</body></html>"


def _find_date(page: Any, *, url: str | None = None, extensive: bool = False) -> date | None:
    from htmldate import find_date

    found = find_date(page, extensive_search=extensive, original_date=True, url=url, deferred_url_extractor=True,
                      min_date=_MIN_DATE, max_date=_MAX_DATE)
    return date.fromisoformat(found) if found else None


def _publication_date(tree: Any, url: str | None) -> tuple[date | None, str | None]:
    found = _find_date(_markup_only(tree))
    if found is not None:
        return found, "meta"
    if url:
        found = _find_date("<html><body></body></html>", url=url)
        if found is not None and _whole_date_in(url, found):
            return found, "url"
    found = _find_date(_dateline_part(tree), extensive=True)
    if found is not None:
        return found, "text"
    return None, None


def _whole_date_in(url: str, found: date) -> bool:
    """The address writes the whole date (year, month and day), not a year or a month htmldate completed."""
    y, m, d = f"{found.year:04d}", f"{found.month:02d}", f"{found.day:02d}"
    pattern = rf"{y}[/_.-]?{m}[/_.-]?{d}(?!\d)|{y}[/_.-]{found.month}[/_.-]{found.day}(?!\d)"
    return re.search(pattern, url) is not None


def _dateline_part(tree: Any) -> str:
    """The page without its article paragraphs' running text past the first: where a visible dateline
    sits (near the headline), so that a date the story tells ("a fire on 12 March 1936") is not taken for
    the publication date."""
    from lxml import html as lxml_html

    copy = lxml_html.fromstring(lxml_html.tostring(tree))
    for node in copy.xpath("//script | //style"):
        node.drop_tree()
    for node in copy.xpath("//p"):
        text = " ".join(node.text_content().split())
        if len(text) > 80:  # a paragraph of the story, not a dateline ("Published 14 June 2019, by Tom Hale")
            node.drop_tree()
    return str(lxml_html.tostring(copy, encoding="unicode"))


def _paragraphs(text: str, title: str | None) -> str:
    """trafilatura's text (a paragraph a line) with a blank line between paragraphs, so sentences never run
    across them, and without a first line that repeats the title (the headline, kept as the title)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and title and " ".join(lines[0].split()) == title:
        lines = lines[1:]
    return "\n\n".join(lines)


def _main_text(tree: Any, url: str | None) -> str:
    import trafilatura

    text = trafilatura.extract(tree, url=url, include_comments=False, include_tables=False, with_metadata=False,
                               favor_precision=True)
    return str(text or "")
