"""The HTTP service and the timeline page: ``newsline serve`` (needs ``newsline[serve]``).

:func:`create_app` builds a FastAPI application over one newsline database
(``docs/service.md`` has the user's view):

- ``POST /v1/annotate``: the timeline JSON of a pasted text (``newsline.annotate``),
  computed in a worker process that is killed when the time budget runs out;
- ``GET /v1/entities?q=``: entity names for suggestions, by mentions;
- ``GET /v1/timeline?entity=&from=&to=``: the cross-document timeline of an entity (``&format=timelinejs``,
  ``csv`` or ``ics``: the whole timeline as a file in that format, ``corpus/_exports.py``);
- ``GET /v1/documents/{id}``: a stored document with its annotation;
- ``GET /v1/search?q=&from=&to=``: documents containing words;
- ``GET /v1/summary?q=|entity=&from=&to=&dates=&sentences=``: a topic's key dates (``_summary_route.py``);
- ``POST /v1/documents``: store a new document (only with ``allow_ingest`` and a
  bearer token from the environment);
- ``GET /healthz``; ``GET /openapi.json``; ``/`` and ``/static/...``: the page.

The database is opened read-only unless ingest is enabled.  Every request gets
its own DuckDB cursor; every user value reaches SQL as a bound parameter.
Limits (:class:`Limits`): request body size (checked from ``Content-Length``
before the body is read, and while reading a body without one), text length,
query length, page sizes, and a per-request time budget; each excess is a 4xx
JSON error whose ``limit`` field names the limit.
"""

from __future__ import annotations

import contextlib
import hmac
import importlib.resources
import os
import re
import threading
from collections.abc import Callable
from contextlib import asynccontextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar

import anyio
import anyio.to_thread
from fastapi import FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsline._model import AnnotatedDocument
from newsline._version import __version__
from newsline.corpus._store import Store
from newsline.corpus._store_writes import NewDocument, content_hash
from newsline.corpus._web_pages import Page
from newsline.errors import InputError, StoreError
from newsline.service._cache import TimelineCache, UnknownEntity, entity_timeline_json, page_entries, refresh_aliases
from newsline.service._limits import (
    INGEST_TOKEN_ENV,
    BodyLimit,
    SecurityHeaders,
    ServiceConfig,
    ServiceError,
    check_dates,
    check_page,
    check_query,
    check_text,
    error_json,
    limit_exceeded,
)
from newsline.service._schemas import (
    ERRORS,
    AnnotateBody,
    DocumentOut,
    EntityPage,
    EntityTimelineOut,
    ErrorBody,
    Health,
    IngestBody,
    IngestOut,
    RemoveOut,
    SearchPage,
    TimelineJSON,
)
from newsline.service._summary_route import add_summary_route
from newsline.service._workers import AnnotatePool, AnnotationUnavailable, BudgetExceeded
from newsline.timex._inputs import parse_dct, read_header, split_header

__all__ = ["App", "create_app"]

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
# GET /v1/timeline?format=: the media type and file name suffix of each export
EXPORT_MEDIA = {"timelinejs": ("application/json", ".timelinejs.json"), "csv": ("text/csv; charset=utf-8", ".csv"),
                "ics": ("text/calendar; charset=utf-8", ".ics")}

T = TypeVar("T")


def attachment(title: str, suffix: str) -> str:
    """A Content-Disposition header for a download named after ``title``: an ASCII file name, and the
    UTF-8 one (RFC 6266) when the title has other letters ("José Martí" -> Jose-Marti, José-Martí)."""
    import unicodedata
    from urllib.parse import quote

    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()  # "Zoë Ångström" -> Zoe Angstrom
    ascii_name = "".join(c if c.isalnum() else "-" for c in plain).strip("-")[:60] or "timeline"
    full = "".join(c if c.isalnum() else "-" for c in title).strip("-")[:60]
    header = f'attachment; filename="{ascii_name}{suffix}"'
    if full and full != ascii_name:
        header += f"; filename*=UTF-8''{quote(full + suffix, safe='', errors='replace')}"
    return header


# ------------------------------------------------------------------ the page's files


_MEDIA = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
          ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8",
          ".md": "text/plain; charset=utf-8", ".png": "image/png", ".ico": "image/x-icon", ".ttf": "font/ttf"}


def _web_files() -> dict[str, tuple[bytes, str]]:
    """Every file of the package's ``web`` folder by its path under it: the only files the app serves."""
    files: dict[str, tuple[bytes, str]] = {}
    root = importlib.resources.files("newsline.service").joinpath("web")

    def walk(node: Any, prefix: str) -> None:
        for child in node.iterdir():
            name = f"{prefix}{child.name}"
            if child.is_dir():
                walk(child, name + "/")
            elif Path(child.name).suffix in _MEDIA:
                files[name] = (child.read_bytes(), _MEDIA[Path(child.name).suffix])

    if root.is_dir():
        walk(root, "")
    return files


# ------------------------------------------------------------------ the application


# Validation errors FastAPI raises for parameters past a declared bound: which limit they are.
_LIMIT_OF = {("query", "limit"): "page size", ("query", "offset"): "max_offset"}


class App:
    """The state one server process holds: the database, the annotation workers, the timeline cache."""

    def __init__(self, config: ServiceConfig) -> None:
        self.config = config
        self.limits = config.limits
        self.store: Store | None = None
        if config.db is not None:
            self.store = Store.open(config.db, read_only=not config.allow_ingest, wait=30.0)
        self.pool = AnnotatePool(max(1, config.annotate_workers))
        self.cache = TimelineCache(config.timeline_cache)
        self.write_lock = threading.Lock()
        self.files = _web_files()
        if self.store is not None and not self.store.read_only:
            refresh_aliases(self.store)  # the entity index up to date before any request

    def close(self) -> None:
        self.pool.close()
        if self.store is not None:
            self.store.close()

    def _cursor(self) -> Store:
        if self.store is None:
            raise ServiceError(503, "no_database", "the service runs without a database")
        base = self.store
        return Store(base._conn.cursor(), base.path, base.read_only)

    async def query(self, fn: Callable[[Store], T]) -> T:
        """Run ``fn`` on a fresh cursor in a thread, within the time budget (the query is interrupted after)."""
        store = self._cursor()
        conn = store._conn

        def run() -> T:
            try:
                return fn(store)
            finally:
                conn.close()

        try:
            with anyio.fail_after(self.limits.time_budget_s):
                return await anyio.to_thread.run_sync(run, abandon_on_cancel=True)
        except TimeoutError:
            with contextlib.suppress(Exception):  # closed already: the query ended by itself
                conn.interrupt()
            raise self._budget() from None

    def _budget(self) -> ServiceError:
        b = self.limits.time_budget_s
        return limit_exceeded("time_budget_s", b, f"the request took longer than the limit time_budget_s, {b:g} s",
                              status=408)

    async def annotate(self, text: str, dct: str | None, doc_id: str | None = None) -> AnnotatedDocument:
        budget = self.limits.time_budget_s
        try:
            return await anyio.to_thread.run_sync(self.pool.annotate, text, dct, doc_id, budget)
        except BudgetExceeded:
            raise self._budget() from None
        except AnnotationUnavailable as exc:
            raise ServiceError(503, "annotation_unavailable", str(exc)) from None
        except InputError as exc:
            raise ServiceError(422, "invalid_request", str(exc)) from None


def check_ingest_token(config: ServiceConfig) -> None:
    """With ingest enabled, a bearer token of at least 16 characters must be in ``NEWSLINE_INGEST_TOKEN``."""
    token = os.environ.get(INGEST_TOKEN_ENV, "")
    if config.allow_ingest and len(token) < 16:
        raise InputError(f"ingest over HTTP needs a bearer token of at least 16 characters in the environment "
                         f"variable {INGEST_TOKEN_ENV}, e.g. export {INGEST_TOKEN_ENV}=$(openssl rand -hex 24)")


def create_app(config: ServiceConfig) -> FastAPI:
    """The FastAPI application over ``config.db`` (read-only unless ``config.allow_ingest``).

    Raises :class:`StoreError` when the database cannot be opened, and
    :class:`InputError` when ingest is enabled without a token in ``NEWSLINE_INGEST_TOKEN``.
    """
    check_ingest_token(config)
    token = os.environ.get(INGEST_TOKEN_ENV, "")
    state = App(config)
    limits = config.limits

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> Any:
        await anyio.to_thread.run_sync(state.pool.start)
        try:
            yield
        finally:
            state.close()

    app = FastAPI(
        title="newsline", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
        description="Time expressions, events and timelines of dated news. Errors are JSON "
        "(`{\"error\", \"message\", \"limit\"?}`); a limit exceeded answers 408, 413 or 422 with `limit` naming it.",
    )
    app.state.newsline = state

    @app.exception_handler(ServiceError)
    async def service_error(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ServiceError)
        return exc.response()

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = list(exc.errors())
        for err in errors:
            loc = tuple(str(x) for x in err.get("loc", ()))[:2]
            if loc in _LIMIT_OF and err.get("type") in ("less_than_equal", "less_than"):
                maximum = (err.get("ctx") or {}).get("le")
                name = _LIMIT_OF[loc]
                if name == "page size":
                    name = "max_timeline_page_size" if maximum == limits.max_timeline_page_size else "max_page_size"
                return limit_exceeded(name, maximum if isinstance(maximum, (int, float)) else 0,
                                      f"{loc[1]} may be at most {maximum} (the limit {name})").response()
        parts = []
        for err in errors[:5]:
            if err.get("type") == "json_invalid":  # "0: JSON decode error" said neither where nor what to do
                parts.append("the request body is not valid JSON: send a JSON object with "
                             "Content-Type: application/json, e.g. {\"text\": \"...\", \"dct\": \"2024-05-10\"}")
                continue
            where = ".".join(str(x) for x in err.get("loc", ()) if x != "body") or "request"
            pattern = (err.get("ctx") or {}).get("pattern")
            if err.get("type") == "string_pattern_mismatch" and pattern == DATE_PATTERN:  # not a raw regex
                parts.append(f"{where}: {err.get('input')!r} is not a date: give YYYY, YYYY-MM or YYYY-MM-DD")
                continue
            if err.get("type") == "string_pattern_mismatch" and isinstance(pattern, str) \
                    and re.fullmatch(r"\^\(([\w|]+)\)\$", pattern):
                choices = ", ".join(pattern[2:-2].split("|"))
                parts.append(f"{where}: {err.get('input')!r} is not one of {choices}")
                continue
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return error_json(422, "invalid_request", "; ".join(parts) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return error_json(exc.status_code, code, str(exc.detail))

    @app.exception_handler(StoreError)
    async def store_error(_request: Request, exc: Exception) -> Response:
        return error_json(503, "database_unavailable", "the database cannot be read right now; try again")

    # -- the API

    @app.get("/healthz", response_model=Health, tags=["service"])
    async def healthz() -> dict[str, Any]:
        """Liveness and what this server allows."""
        documents = await state.query(lambda s: int(s.execute("SELECT count(*) FROM documents")[0][0])) \
            if state.store is not None else 0
        return {"status": "ok", "version": __version__, "documents": documents,
                "read_only": not config.allow_ingest, "ingest": config.allow_ingest,
                "annotate_workers": state.pool.ready_count(),
                "limits": asdict(limits)}

    @app.post("/v1/annotate", response_model=TimelineJSON, responses=ERRORS, tags=["annotate"],
              response_model_by_alias=True)
    async def annotate(body: AnnotateBody) -> dict[str, Any]:
        """The timeline JSON of a text: its time expressions, events (in time order) and temporal links."""
        check_text(body.text, limits)
        dct = _parse_dct(body.dct)
        return (await state.annotate(body.text, dct)).to_dict()

    @app.get("/v1/entities", response_model=EntityPage, responses=ERRORS, tags=["corpus"])
    async def entities(
        q: str | None = Query(None, description="part of a name, any case; absent: the most mentioned"),
        label: str | None = Query(None, max_length=20, description="only this NER label (PERSON, ORG, GPE, ...)"),
        limit: int = Query(10, ge=1, le=limits.max_page_size),
        offset: int = Query(0, ge=0, le=limits.max_offset),
    ) -> dict[str, Any]:
        """Entity names for suggestions: matching ``q`` (names starting with it first), by mentions."""
        if q is not None:
            check_query("q", q, limits)
        check_page(limit, offset, limits.max_page_size, limits)
        query = (q or "").strip()
        lab = label or None

        def run(store: Store) -> tuple[int, list[dict[str, Any]]]:
            from newsline.corpus._entity_aliases import entity_counts

            # one row per entity as /v1/timeline finds it ("Falk" counted with "Edwin Falk"); on a writable
            # store the entity index may be rebuilt: not beside an ingest
            with contextlib.nullcontext() if store.read_only else state.write_lock:
                total, rows = entity_counts(store, limit, label=lab, query=query, offset=offset)
            return total, [r.to_dict() for r in rows]

        total, items = await state.query(run)
        return {"q": q, "total": total, "offset": offset, "limit": limit, "items": items}

    @app.get("/v1/timeline", response_model=EntityTimelineOut, responses=ERRORS, tags=["corpus"],
             response_model_by_alias=True)
    async def timeline(
        entity: str = Query(..., description="an entity name or alias, any case: 'Delia Marchetti', 'Marchetti'"),
        date_from: str | None = Query(None, alias="from", pattern=DATE_PATTERN,
                                      description="YYYY, YYYY-MM or YYYY-MM-DD (entries overlapping the range)"),
        date_to: str | None = Query(None, alias="to", pattern=DATE_PATTERN, description="inclusive"),
        text_match: bool = Query(False, description="also where a name is written (names NER misses)"),
        limit: int = Query(200, ge=1, le=limits.max_timeline_page_size),
        offset: int = Query(0, ge=0, le=limits.max_offset),
        fmt: str = Query("json", alias="format", pattern="^(json|timelinejs|csv|ics)$",
                         description="json (this page of entries), or the whole timeline as a file: timelinejs "
                         "(TimelineJS 3 JSON), csv (a row an entry) or ics (all-day events for day-grain "
                         "entries)"),
    ) -> Any:
        """The cross-document timeline of an entity: events in time order, each with its source articles."""
        check_query("entity", entity, limits)
        if not entity.strip():
            raise ServiceError(422, "invalid_request", "entity: give an entity name")
        check_page(limit, offset, limits.max_timeline_page_size, limits, "max_timeline_page_size")
        lo, hi = check_dates(date_from, date_to)
        key = (entity, lo, hi, text_match)

        def run(store: Store) -> dict[str, Any] | Response:
            full = state.cache.get(key)
            if full is None:
                # on a writable store the timeline may rebuild the entity index: not beside an ingest
                with contextlib.nullcontext() if store.read_only else state.write_lock:
                    full = entity_timeline_json(store, entity, lo, hi, text_match)
                state.cache.put(key, full)
            if fmt != "json":
                return exported(store)
            page = full["entries"][offset:offset + limit]
            return {**full, "entries": page_entries(store, page), "total": len(full["entries"]),
                    "offset": offset, "limit": limit}

        def exported(store: Store) -> Response:
            from newsline.corpus._entity_timeline import entity_timeline
            from newsline.corpus._exports import document_meta, entity_entries, export

            with contextlib.nullcontext() if store.read_only else state.write_lock:
                tl = entity_timeline(store, entity, lo, hi, text_match=text_match)
            meta = document_meta(store, (s.doc_id for e in tl.entries for s in e.sources))
            body = export(entity_entries(tl, meta), fmt, tl.entity.name,
                          f"{len(tl.entries)} events in the stored articles (newsline)")
            media, suffix = EXPORT_MEDIA[fmt]
            return Response(body, media_type=media,
                            headers={"Content-Disposition": attachment(tl.entity.name, suffix)})

        try:
            return await state.query(run)
        except UnknownEntity as exc:
            raise ServiceError(404, "unknown_entity", str(exc), suggestions=exc.suggestions) from None
        except InputError as exc:
            raise ServiceError(422, "invalid_request", str(exc)) from None

    @app.get("/v1/documents/{doc_id:path}", response_model=DocumentOut, responses=ERRORS, tags=["corpus"],
             response_model_by_alias=True)
    async def document(doc_id: str) -> dict[str, Any]:
        """A stored document by id (ids may hold slashes): its text, source and timeline JSON."""
        if len(doc_id) > 1000:
            raise limit_exceeded("max_query_chars", 1000, "the document id is longer than 1,000 characters")

        def run(store: Store) -> dict[str, Any] | None:
            stored = store.stored_id(doc_id)  # "./a.txt" or "a.txt", as ingest stored it
            info = store.document(stored)
            doc = store.annotated(stored) if info is not None else None
            if info is None or doc is None:
                return None
            return {**doc.to_dict(), "id": info.id, "source": info.source, "text": info.text, "length": info.length,
                    "title": info.title, "url": info.url, "dct_source": info.dct_source,
                    "dct_confidence": info.dct_confidence}

        found = await state.query(run)
        if found is None:
            raise ServiceError(404, "not_found", "no document with this id")
        return found

    @app.get("/v1/search", response_model=SearchPage, responses=ERRORS, tags=["corpus"],
             response_model_by_alias=True)
    async def search(
        q: str = Query(..., description="words, all of which a document must contain (any case)"),
        date_from: str | None = Query(None, alias="from", pattern=DATE_PATTERN, description="by publication date"),
        date_to: str | None = Query(None, alias="to", pattern=DATE_PATTERN),
        limit: int = Query(20, ge=1, le=limits.max_page_size),
        offset: int = Query(0, ge=0, le=limits.max_offset),
    ) -> dict[str, Any]:
        """Documents containing every word of ``q``, phrase matches first, then by date."""
        check_query("q", q, limits)
        if not q.split():
            raise ServiceError(422, "invalid_request", "q: give at least one word")
        if len(q.split()) > 20:
            raise limit_exceeded("max_query_words", 20, "q has more than 20 words; the limit max_query_words is 20")
        check_page(limit, offset, limits.max_page_size, limits)
        lo, hi = check_dates(date_from, date_to)

        def run(store: Store) -> list[dict[str, Any]]:
            hits = store.search(q, lo, hi, limit=offset + limit)[offset:]
            return [h.to_dict() for h in hits]

        try:
            items = await state.query(run)
        except InputError as exc:
            raise ServiceError(422, "invalid_request", str(exc)) from None
        return {"q": q, "from": lo, "to": hi, "offset": offset, "limit": limit, "items": items}

    @app.post("/v1/documents", response_model=IngestOut, status_code=201, tags=["ingest"],
              responses={**ERRORS, 401: {"model": ErrorBody, "description": "No bearer token"},
                         403: {"model": ErrorBody, "description": "Ingest disabled, or a wrong token"},
                         409: {"model": ErrorBody, "description": "Already stored (same text or id)"}})
    async def ingest(body: IngestBody, authorization: str | None = Header(None)) -> dict[str, Any]:
        """Annotate a dated article and store it (only when the server runs with --allow-ingest)."""
        _may_write(authorization)
        if (body.text is None) == (body.html is None):
            raise ServiceError(422, "invalid_request", "give the article as text or as html (a saved web page), "
                               "one of the two")
        page = await _read_page(body.html, body.url) if body.html is not None else None
        text = page.text if page is not None else body.text or ""
        check_text(text, limits)
        dct = _parse_dct(body.dct)
        if page is not None:
            at = 0
            if dct is None and page.dct is None:
                raise ServiceError(422, "invalid_request", f"no date: {page.dct_note}; give dct")
            dct = dct or (page.dct.isoformat() if page.dct else None)
        elif dct is None:
            try:
                header, at = split_header(text)
            except InputError as exc:
                raise ServiceError(422, "invalid_request", f"date header: {exc}") from None
            if header is None:
                found, _ = read_header(text)
                why = f"date header: {found.warning}" if found is not None and found.warning else (
                    "no date: give dct, or start the text with a 'date YYYY-MM-DD' line")
                raise ServiceError(422, "invalid_request", why)
        else:
            at = 0
        if not text[at:].strip():
            raise ServiceError(422, "invalid_request", "empty: no text to annotate")
        doc_id = body.id or (page.url if page and page.url else None) or f"api:{content_hash(text)[:16]}"
        doc = await state.annotate(text, dct, doc_id)
        dct_given = bool(body.dct) or page is None
        new = NewDocument(doc_id, body.source or "api", doc, page.title if page else None,
                          page.url if page else None, "given" if dct_given else page.dct_source if page else None,
                          1.0 if dct_given else page.dct_confidence if page else None)

        def write(store: Store) -> dict[str, Any]:
            with state.write_lock:
                result = store.add_documents([new], replace=body.replace)
                if result.stored:
                    refresh_aliases(store)
            state.cache.clear()
            skipped = result.skipped[0].message if result.skipped else None
            return {"id": doc_id, "stored": bool(result.stored), "replaced": bool(result.replaced), "reason": skipped,
                    "timexes": len(doc.timexes), "events": len(doc.events)}

        out = await state.query(write)
        if not out["stored"]:
            raise ServiceError(409, "conflict", str(out["reason"]))
        return out

    @app.delete("/v1/documents/{doc_id:path}", response_model=RemoveOut, tags=["ingest"],
                responses={**ERRORS, 401: {"model": ErrorBody, "description": "No bearer token"},
                           403: {"model": ErrorBody, "description": "Ingest disabled, or a wrong token"}})
    async def remove(doc_id: str, authorization: str | None = Header(None)) -> dict[str, Any]:
        """Remove a stored document (a retracted article) with everything found in it (only with --allow-ingest,
        and the ingest token)."""
        _may_write(authorization)
        if len(doc_id) > 1000:
            raise limit_exceeded("max_query_chars", 1000, "the document id is longer than 1,000 characters")

        def write(store: Store) -> bool:
            with state.write_lock:
                gone = store.remove_documents([store.stored_id(doc_id)])
                if gone:
                    refresh_aliases(store)
            state.cache.clear()
            return bool(gone)

        if not await state.query(write):
            raise ServiceError(404, "not_found", "no document with this id")
        return {"id": doc_id, "removed": True}

    def _may_write(authorization: str | None) -> None:
        """The checks of every writing request: ingest enabled, the bearer token given and right."""
        if not config.allow_ingest:
            raise ServiceError(403, "ingest_disabled", "this server is read-only; start it with --allow-ingest")
        given = (authorization or "").removeprefix("Bearer ").strip() \
            if (authorization or "").startswith("Bearer ") else ""
        if not given:
            raise ServiceError(401, "unauthorized", "send the ingest token as 'Authorization: Bearer <token>'")
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise ServiceError(403, "forbidden", "wrong ingest token")

    async def _read_page(html: str, url: str | None) -> Page:
        from newsline.corpus._web_pages import MissingExtraError, read_page

        try:
            return await anyio.to_thread.run_sync(read_page, html.encode("utf-8"), url)
        except MissingExtraError as exc:
            raise ServiceError(501, "missing_extra", str(exc)) from None
        except InputError as exc:
            raise ServiceError(422, "invalid_request", f"html: {exc}") from None

    # -- the page

    add_summary_route(app, state, limits)  # GET /v1/summary

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    async def index() -> Response:
        return _file_response(state.files, "index.html")

    @app.api_route("/static/{name:path}", methods=["GET", "HEAD"], include_in_schema=False)
    async def static(name: str) -> Response:
        return _file_response(state.files, name)

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> Response:
        return _file_response(state.files, "favicon.svg")

    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_bytes=limits.max_body_bytes)
    return app


def _parse_dct(raw: str | None) -> str | None:
    if raw is None or raw == "":
        return None
    try:
        parsed = parse_dct(raw)
    except InputError as exc:
        raise ServiceError(422, "invalid_request", f"dct: {exc}") from None
    return parsed.isoformat() if parsed else None


def _file_response(files: dict[str, tuple[bytes, str]], name: str) -> Response:
    found = files.get(name)
    if found is None:
        return error_json(404, "not_found", "no such file")
    content, media = found
    cache = "public, max-age=86400" if name.startswith("vendor/") else "no-cache"
    return Response(content, media_type=media, headers={"Cache-Control": cache})
