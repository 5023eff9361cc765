"""The service's configuration and limits, its JSON errors, and the middleware that enforces them.

:class:`Limits` and :class:`ServiceConfig`, :class:`ServiceError`, the checks of
text, query, page and date parameters, and the ASGI middleware :class:`BodyLimit`
and :class:`SecurityHeaders`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsline.corpus._store_queries import date_bound
from newsline.errors import InputError

__all__ = ["INGEST_TOKEN_ENV", "CONFIG_ENV", "Limits", "ServiceConfig", "ServiceError", "limit_exceeded",
           "error_json", "check_dates", "check_text", "check_query", "check_page", "BodyLimit", "SecurityHeaders"]

INGEST_TOKEN_ENV = "NEWSLINE_INGEST_TOKEN"
CONFIG_ENV = "NEWSLINE_SERVE_CONFIG"  # the JSON config for worker processes (uvicorn --workers N)


# ------------------------------------------------------------------ configuration


@dataclass(frozen=True, slots=True)
class Limits:
    """What one request may ask for.  The field names are the ``limit`` names of the 4xx errors."""

    max_body_bytes: int = 5 * 1024 * 1024  # any request body
    max_text_chars: int = 100_000  # text to annotate or ingest
    max_query_chars: int = 200  # q, entity
    max_page_size: int = 100  # limit of /v1/entities and /v1/search
    max_timeline_page_size: int = 500  # limit of /v1/timeline
    max_offset: int = 10_000  # offset of every paged result
    time_budget_s: float = 20.0  # wall time of one request's work (annotation, queries)


@dataclass(frozen=True, slots=True)
class ServiceConfig:
    """How the app is set up; :func:`app_from_env` reads it from ``NEWSLINE_SERVE_CONFIG`` (JSON)."""

    db: str | None
    allow_ingest: bool = False
    limits: Limits = field(default_factory=Limits)
    annotate_workers: int = 1  # worker processes per server process
    timeline_cache: int = 128  # entity timelines kept per process (the database only changes by ingest)

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, raw: str) -> ServiceConfig:
        data = json.loads(raw)
        limits = Limits(**data.pop("limits", {}))
        return cls(limits=limits, **data)


# ------------------------------------------------------------------ errors


class ServiceError(Exception):
    """An error answered as JSON: ``{"error": code, "message": ..., "limit"?: ..., "maximum"?: ...}``."""

    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra

    def response(self) -> JSONResponse:
        body = {"error": self.code, "message": self.message, **self.extra}
        headers = {"WWW-Authenticate": "Bearer"} if self.status == 401 else None
        return JSONResponse(body, status_code=self.status, headers=headers)


def limit_exceeded(limit: str, maximum: int | float, message: str, status: int = 422) -> ServiceError:
    return ServiceError(status, "limit_exceeded", message, limit=limit, maximum=maximum)


def error_json(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    return ServiceError(status, code, message, **extra).response()


# ------------------------------------------------------------------ checks of request parameters


def check_dates(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    """Validate ``from``/``to`` (YYYY, YYYY-MM, YYYY-MM-DD) as the store reads them; 422 otherwise."""
    bounds: list[date | None] = []
    for name, value in (("from", date_from), ("to", date_to)):
        if value is None or value == "":
            bounds.append(None)
            continue
        try:
            bounds.append(date_bound(value, end=name == "to"))
        except (InputError, ValueError) as exc:
            raise ServiceError(422, "invalid_request", f"{name}: {exc}") from None
    lo, hi = bounds
    if lo and hi and lo > hi:
        raise ServiceError(422, "invalid_request", f"from {lo} is after to {hi}")
    return (date_from or None, date_to or None)


def check_text(text: str, limits: Limits) -> None:
    if len(text) > limits.max_text_chars:
        raise limit_exceeded("max_text_chars", limits.max_text_chars,
                             f"the text has {len(text):,} characters; the limit max_text_chars is "
                             f"{limits.max_text_chars:,}", status=413)
    if "\x00" in text:
        raise ServiceError(422, "invalid_request", "the text contains a NUL character")


def check_query(name: str, value: str, limits: Limits) -> None:
    if len(value) > limits.max_query_chars:
        raise limit_exceeded("max_query_chars", limits.max_query_chars,
                             f"{name} has {len(value):,} characters; the limit max_query_chars is "
                             f"{limits.max_query_chars}")
    if "\x00" in value:
        raise ServiceError(422, "invalid_request", f"{name} contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ServiceError(422, "invalid_request", f"{name} is not valid text: it contains a lone surrogate "
                           "(send UTF-8)") from None


def check_page(limit: int, offset: int, maximum: int, limits: Limits, name: str = "max_page_size") -> None:
    if limit > maximum:
        raise limit_exceeded(name, maximum, f"limit={limit} is more than the limit {name}, {maximum}")
    if offset > limits.max_offset:
        raise limit_exceeded("max_offset", limits.max_offset,
                             f"offset={offset} is more than the limit max_offset, {limits.max_offset}")


# ------------------------------------------------------------------ middleware


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413 before the application reads them.

    With a ``Content-Length`` header the size is known before anything is read;
    without one (chunked), the body is read up to the limit and refused as soon
    as it goes over, else handed on whole.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                await error_json(400, "invalid_request", "Content-Length is not a number")(scope, receive, send)
                return
            if int(declared) > self.max_bytes:
                await self._refuse(int(declared), scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        if scope.get("method") in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        chunks: list[Message] = []
        size = 0
        while True:
            message = await receive()
            chunks.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                await self._refuse(None, scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        replay = iter(chunks)

        async def replayed() -> Message:
            try:
                return next(replay)
            except StopIteration:
                return await receive()

        await self.app(scope, replayed, send)

    async def _refuse(self, declared: int | None, scope: Scope, receive: Receive, send: Send) -> None:
        size = f"{declared:,} bytes" if declared is not None else "more than that"
        response = limit_exceeded("max_body_bytes", self.max_bytes,
                                  f"the request body is {size}; the limit max_body_bytes is "
                                  f"{self.max_bytes:,} bytes", status=413).response()
        response.headers["Connection"] = "close"
        await response(scope, receive, send)


_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class SecurityHeaders:
    """Headers on every answer: no MIME sniffing, no framing, no referrer, a strict CSP (no inline script)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                            (b"referrer-policy", b"no-referrer"), (b"content-security-policy", _CSP.encode())]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
