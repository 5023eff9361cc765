"""Inputs the web page tests make: a WARC written with warcio (HTML responses, a non-HTML one, a request, and
optionally a broken record after them) and bad pages."""

from __future__ import annotations

import io
from pathlib import Path

PAGES = Path(__file__).resolve().parent / "pages"


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def write_warc(path: Path, pages: list[tuple[str, bytes]], *, gzip: bool = False) -> Path:
    """A WARC file: per page a request and its HTML response, then a PNG response."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for uri, html in pages:
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(uri, "request", http_headers=request))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(html),
                                                          http_headers=headers))
        png = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/logo.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
                                                      http_headers=png))
    return path


GARBAGE = b"this is no WARC record at all\r\n\r\n"
# a response record whose header promises 5,000 bytes and the file ends after a few
CUT_RECORD = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/cut\r\n"
              b"Content-Length: 5000\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>cut")


TRUNCATED = page("og_published.html")[:1200]  # cut inside the article's first paragraph
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
