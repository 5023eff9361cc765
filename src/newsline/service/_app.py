"""The HTTP service and the timeline page: ``newsline serve`` (needs ``newsline[serve]``).

:func:`create_app` builds a FastAPI application over one newsline database
(``docs/service.md`` has the user's view):

- ``POST /v1/annotate``: the timeline JSON of a pasted text (``newsline.annotate``),
  computed in a worker process that is killed when the time budget runs out;
- ``GET /v1/entities?q=``: entity names for suggestions, by mentions;
- ``GET /v1/timeline?entity=&from=&to=``: the cross-document timeline of an entity;
- ``GET /v1/documents/{id}``: a stored document with its annotation;
- ``GET /v1/search?q=&from=&to=``: documents containing words;
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
import json
import multiprocessing
import os
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass, field
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

import anyio
import anyio.to_thread
from fastapi import FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsline._model import AnnotatedDocument
from newsline._version import __version__
from newsline.corpus._store import Store
from newsline.corpus._store_queries import date_bound
from newsline.corpus._store_writes import NewDocument, content_hash
from newsline.errors import InputError, NewslineError, StoreError
from newsline.timex._inputs import parse_dct, split_header

__all__ = ["Limits", "ServiceConfig", "create_app", "app_from_env", "INGEST_TOKEN_ENV"]

INGEST_TOKEN_ENV = "NEWSLINE_INGEST_TOKEN"
CONFIG_ENV = "NEWSLINE_SERVE_CONFIG"  # the JSON config for worker processes (uvicorn --workers N)
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"

T = TypeVar("T")


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


def _error_json(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    return ServiceError(status, code, message, **extra).response()


class ErrorBody(BaseModel):
    """Every 4xx/5xx answer.  ``limit`` names the limit exceeded (``error`` is then ``limit_exceeded``)."""

    model_config = ConfigDict(extra="allow")
    error: str = Field(description="a short code: limit_exceeded, not_found, unknown_entity, invalid_request, ...")
    message: str
    limit: str | None = Field(None, description="the limit exceeded: max_body_bytes, max_text_chars, ...")
    maximum: int | float | None = None
    suggestions: list[str] | None = Field(None, description="close entity names (unknown_entity)")


_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in ((400, "Bad request"), (404, "Not found"), (408, "Time budget exceeded"),
                       (413, "Body or text too large"), (422, "Invalid parameter or a limit exceeded"),
                       (503, "Annotation unavailable (no spaCy model)"))
}


# ------------------------------------------------------------------ response models


class IntervalOut(BaseModel):
    start: str | None
    end: str | None


class TimexOut(BaseModel):
    model_config = ConfigDict(extra="allow")  # further TIMEX3 attributes (quant, freq)
    id: str
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None
    interval: IntervalOut | None
    grain: str | None
    anchor: str
    rule: str
    confidence: float


class SpanOut(BaseModel):
    start: int
    end: int


class EventTimeOut(BaseModel):
    value: str | None
    start: str | None
    end: str | None
    grain: str | None
    basis: str
    evidence: list[str]
    confidence: float


class EventOut(BaseModel):
    id: str
    start: int
    end: int
    text: str
    event_class: str = Field(alias="class")
    lemma: str | None
    pos: str | None
    tense: str | None
    aspect: str | None
    polarity: str | None
    modality: str | None
    sentence: SpanOut
    participants: list[str]
    speaker: str | None
    confidence: float
    time: EventTimeOut


class LinkOut(BaseModel):
    id: str
    source: str
    target: str
    rel: str
    kind: str
    confidence: float


class TimelineJSON(BaseModel):
    """The timeline JSON of one document (``AnnotatedDocument.to_dict()``)."""

    id: str | None = None
    dct: str | None
    events: list[EventOut]
    timexes: list[TimexOut]
    links: list[LinkOut]


class DocumentOut(TimelineJSON):
    """A stored document: its text and source with its timeline JSON."""

    source: str | None
    text: str
    length: int


class EntityOut(BaseModel):
    name: str
    label: str | None
    mentions: int
    documents: int


class EntityPage(BaseModel):
    q: str | None
    total: int
    offset: int
    limit: int
    items: list[EntityOut]


class SearchHitOut(BaseModel):
    id: str
    dct: str | None
    source: str | None
    snippet: str
    phrase: bool


class SearchPage(BaseModel):
    q: str
    date_from: str | None = Field(alias="from")
    date_to: str | None = Field(alias="to")
    offset: int
    limit: int
    items: list[SearchHitOut]


class TimexRef(BaseModel):
    """A time expression of the source's sentence, or one that dated the event (``evidence``)."""

    id: str
    start: int
    end: int
    text: str
    value: str
    in_sentence: bool
    evidence: bool


class SourceEvent(BaseModel):
    id: str
    start: int
    end: int
    text: str


class SourceOut(BaseModel):
    """One report of an event: the document, the event's and its sentence's offsets in the document's text,
    the sentence as written, and the time expressions that dated it."""

    doc_id: str
    dct: str | None
    event: SourceEvent
    sentence: SpanOut
    sentence_text: str
    participants: list[str]
    match: str
    time: EventTimeOut
    timexes: list[TimexRef]


class TimelineItemOut(BaseModel):
    position: int
    placement: str = Field(description="dated, linked (placed by a link to a dated event) or undated")
    when: str
    value: str | None
    start: str | None
    end: str | None
    grain: str | None
    day: str | None = Field(description="YYYY-MM-DD when the entry is dated to one day or finer, else null")
    relation: str | None
    event: str
    lemma: str
    event_class: str = Field(alias="class")
    documents: list[str]
    sources: list[SourceOut]


class EntityTimelineOut(BaseModel):
    entity: str
    label: str | None
    aliases: list[str]
    query: str
    date_from: str | None = Field(alias="from")
    date_to: str | None = Field(alias="to")
    documents: int
    total: int
    offset: int
    limit: int
    entries: list[TimelineItemOut]


class Health(BaseModel):
    status: str
    version: str
    documents: int
    read_only: bool
    ingest: bool
    annotate_workers: int
    limits: dict[str, int | float]


class IngestOut(BaseModel):
    id: str
    stored: bool
    reason: str | None = None
    timexes: int
    events: int


class AnnotateBody(BaseModel):
    text: str = Field(description="the article; a leading 'date YYYY-MM-DD' line gives the DCT when dct is absent")
    dct: str | None = Field(None, description="the publication date, YYYY-MM-DD", examples=["2020-10-16"])


class IngestBody(AnnotateBody):
    id: str | None = Field(None, max_length=500, description="document id (default: api:<content hash>)")
    source: str | None = Field(None, max_length=500)


# ------------------------------------------------------------------ the annotation workers


class BudgetExceeded(Exception):
    """The time budget ran out."""


class AnnotationUnavailable(Exception):
    """The worker could not annotate at all (spaCy or its model missing)."""


def _worker_main(conn: Connection, parent: int) -> None:  # pragma: no cover - runs in a child process
    """A worker process: load spaCy once, then annotate one request at a time until the pipe closes."""
    from newsline.corpus._ingest import worker_init

    worker_init(parent)  # Ctrl-C is the server's business; exit when the server is gone
    from newsline.events._annotate import annotate

    try:
        from newsline.events._detect import load_model
        from newsline.events._nlp import load_nlp

        load_nlp()
        load_model()
        annotate("date 2020-10-16\nThe vote was held on Sunday.")  # warm up
        conn.send(("ready", None))
    except NewslineError as exc:
        conn.send(("unavailable", str(exc)))
        return
    while True:
        try:
            text, dct, doc_id = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", annotate(text, dct, doc_id=doc_id)))
        except NewslineError as exc:
            conn.send(("input", str(exc)))
        except Exception as exc:  # one bad text must not end the worker
            conn.send(("internal", f"{type(exc).__name__}: {exc}"))


class _Worker:
    def __init__(self, ctx: Any) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, os.getpid()), daemon=True,
                                   name="newsline-annotate")
        self.process.start()
        child.close()
        self.ready = False
        self.unavailable: str | None = None
        self._lock = threading.Lock()

    def wait_ready(self, timeout: float) -> None:
        """Wait up to ``timeout`` seconds for the worker to have loaded spaCy."""
        with self._lock:
            if self.ready:
                return
            if self.unavailable is not None:
                raise AnnotationUnavailable(self.unavailable)
            if not self.conn.poll(max(timeout, 0.0)):
                raise BudgetExceeded
            kind, message = self.conn.recv()
            if kind != "ready":
                self.unavailable = str(message)
                raise AnnotationUnavailable(self.unavailable)
            self.ready = True

    def check_ready(self) -> bool:
        """Whether the worker has loaded spaCy, without waiting (False while it is busy being asked)."""
        if self.ready or not self._lock.acquire(blocking=False):
            return self.ready
        try:
            if not self.ready and self.unavailable is None and self.conn.poll(0):
                kind, message = self.conn.recv()
                self.ready = kind == "ready"
                self.unavailable = None if self.ready else str(message)
            return self.ready
        except (EOFError, OSError):
            return False
        finally:
            self._lock.release()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class AnnotatePool:
    """``size`` worker processes (spawned, so no DuckDB handle or thread is copied into them).

    :meth:`annotate` hands a text to an idle worker and waits for the answer
    within the time budget; a worker that does not answer in time is killed and
    replaced, so a runaway text cannot keep a core busy.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self._started = False

    def start(self) -> None:
        with self._lock:
            if self._started:
                return
            self._started = True
            for _ in range(self.size):
                self._add()

    def _add(self) -> None:
        w = _Worker(self._ctx)
        self._all.append(w)
        self._idle.put(w)

    def ready_count(self) -> int:
        """How many workers have their model loaded."""
        with self._lock:
            workers = list(self._all)
        return sum(1 for w in workers if w.check_ready())

    def annotate(self, text: str, dct: str | None, doc_id: str | None, budget: float) -> AnnotatedDocument:
        self.start()
        deadline = time.monotonic() + budget
        try:
            w = self._idle.get(timeout=max(budget, 0.0))
        except queue.Empty:
            raise BudgetExceeded from None
        ok = False
        try:
            w.wait_ready(deadline - time.monotonic())
            w.conn.send((text, dct, doc_id))
            if not w.conn.poll(max(deadline - time.monotonic(), 0.0)):
                raise BudgetExceeded
            kind, payload = w.conn.recv()
            ok = True
        except AnnotationUnavailable:
            ok = True  # the worker is fine, the machine lacks the model: keep it to say so quickly
            raise
        except (EOFError, OSError):
            raise AnnotationUnavailable("the annotation worker stopped; try again") from None
        finally:
            if ok:
                self._idle.put(w)
            else:  # timed out or died: kill it, start a fresh one in its place
                with self._lock:
                    w.stop()
                    self._all.remove(w)
                    self._add()
        if kind == "ok":
            assert isinstance(payload, AnnotatedDocument)
            return payload
        if kind == "input":
            raise InputError(str(payload))
        raise RuntimeError(str(payload))

    def close(self) -> None:
        with self._lock:
            for w in self._all:
                w.stop()
            self._all.clear()


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
                await _error_json(400, "invalid_request", "Content-Length is not a number")(scope, receive, send)
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


# ------------------------------------------------------------------ the page's files


_MEDIA = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
          ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8",
          ".md": "text/plain; charset=utf-8", ".png": "image/png", ".ico": "image/x-icon"}


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


# ------------------------------------------------------------------ the entity timeline adapter


_FINE = frozenset({"day", "part-of-day", "hour", "minute", "second", "time"})


def _day(start: str | None, end: str | None, grain: str | None) -> str | None:
    if start is None or end is None or grain not in _FINE:
        return None
    return start[:10] if end[:10] == start[:10] or end[11:] == "00:00:00" and end[:10] > start[:10] else None


def _page_entries(store: Store, entries: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add to each source the time expressions of its sentence and those that dated it (``time.evidence``)."""
    spans = sorted({(s["doc_id"], s["sentence"]["start"], s["sentence"]["end"]) for e in entries
                    for s in e["sources"]})
    evidence = sorted({(s["doc_id"], t) for e in entries for s in e["sources"] for t in s["time"]["evidence"]
                       if t.startswith("t") and t != "t0"})
    by_doc: dict[str, list[tuple[str, int, int, str, str]]] = {}
    if spans or evidence:
        rows = store.execute(
            "WITH k AS (SELECT unnest(?::VARCHAR[]) AS d, unnest(?::INTEGER[]) AS s, unnest(?::INTEGER[]) AS e), "
            "ev AS (SELECT unnest(?::VARCHAR[]) AS d, unnest(?::VARCHAR[]) AS i) "
            "SELECT DISTINCT t.doc_id, t.id, t.start, t.\"end\", t.text, t.value FROM timexes t "
            "WHERE EXISTS (SELECT 1 FROM k WHERE t.doc_id = k.d AND t.start >= k.s AND t.\"end\" <= k.e) "
            "OR EXISTS (SELECT 1 FROM ev WHERE t.doc_id = ev.d AND t.id = ev.i) ORDER BY t.doc_id, t.start",
            [[x[0] for x in spans], [x[1] for x in spans], [x[2] for x in spans],
             [x[0] for x in evidence], [x[1] for x in evidence]])
        for r in rows:
            by_doc.setdefault(str(r[0]), []).append((str(r[1]), int(r[2]), int(r[3]), str(r[4]), str(r[5])))
    out = []
    for e in entries:
        sources = []
        for s in e["sources"]:
            lo, hi = s["sentence"]["start"], s["sentence"]["end"]
            cited = set(s["time"]["evidence"])
            refs = [{"id": tid, "start": a, "end": b, "text": text, "value": value, "in_sentence": lo <= a and b <= hi,
                     "evidence": tid in cited}
                    for tid, a, b, text, value in by_doc.get(s["doc_id"], ())
                    if tid in cited or (lo <= a and b <= hi)]
            sources.append({**s, "timexes": refs})
        out.append({**e, "sources": sources})
    return out


class UnknownEntity(Exception):
    def __init__(self, message: str, suggestions: Sequence[str]) -> None:
        super().__init__(message)
        self.suggestions = list(suggestions)


def entity_timeline_json(store: Store, entity: str, date_from: str | None, date_to: str | None,
                         text_match: bool = False) -> dict[str, Any]:
    """The adapter over ``newsline.corpus._entity_timeline``: the one place the service calls it.

    Returns the entity, its aliases and every entry (the keys of
    :class:`EntityTimelineOut` but ``total``/``offset``/``limit``), sources
    without their timex offsets (added per page by :func:`_page_entries`).
    Raises :class:`UnknownEntity` with close names.
    """
    from newsline.corpus._entity_aliases import UnknownEntityError
    from newsline.corpus._entity_timeline import entity_timeline

    try:
        tl = entity_timeline(store, entity, date_from, date_to, text_match=text_match)
    except UnknownEntityError as exc:
        hint = f"; did you mean {', '.join(exc.suggestions)}?" if exc.suggestions else ""
        raise UnknownEntity(f"no entity {entity!r} in the corpus{hint}", exc.suggestions) from exc
    entries: list[dict[str, Any]] = []
    for item in tl.entries:
        sources = [{
            "doc_id": s.doc_id, "dct": s.dct.isoformat() if s.dct else None,
            "event": {"id": s.event_id, "start": s.start, "end": s.end, "text": s.text},
            "sentence": {"start": s.sentence_start, "end": s.sentence_end}, "sentence_text": s.sentence,
            "participants": list(s.participants), "match": s.match, "time": s.time.to_dict(),
        } for s in item.sources]
        entries.append({
            "position": item.position, "placement": item.placement, "when": item.when, "value": item.value,
            "start": item.start, "end": item.end, "grain": item.grain,
            "day": _day(item.start, item.end, item.grain), "relation": item.relation, "event": item.text,
            "lemma": item.lemma, "class": item.eclass, "documents": list(item.documents), "sources": sources,
        })
    return {
        "entity": tl.entity.name, "label": tl.entity.label, "aliases": list(tl.entity.aliases), "query": entity,
        "from": tl.date_from.isoformat() if tl.date_from else None,
        "to": tl.date_to.isoformat() if tl.date_to else None,
        "documents": len({d for e in entries for d in e["documents"]}), "entries": entries,
    }


class _Cache:
    """A small LRU of entity timelines; cleared whenever a document is stored."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[tuple[Any, ...], dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> dict[str, Any] | None:
        with self._lock:
            value = self._data.get(key)
            if value is not None:
                self._data.move_to_end(key)
            return value

    def put(self, key: tuple[Any, ...], value: dict[str, Any]) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()


# ------------------------------------------------------------------ the application


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _check_dates(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
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


def _check_text(text: str, limits: Limits) -> None:
    if len(text) > limits.max_text_chars:
        raise limit_exceeded("max_text_chars", limits.max_text_chars,
                             f"the text has {len(text):,} characters; the limit max_text_chars is "
                             f"{limits.max_text_chars:,}", status=413)
    if "\x00" in text:
        raise ServiceError(422, "invalid_request", "the text contains a NUL character")


def _check_query(name: str, value: str, limits: Limits) -> None:
    if len(value) > limits.max_query_chars:
        raise limit_exceeded("max_query_chars", limits.max_query_chars,
                             f"{name} has {len(value):,} characters; the limit max_query_chars is "
                             f"{limits.max_query_chars}")
    if "\x00" in value:
        raise ServiceError(422, "invalid_request", f"{name} contains a NUL character")


def _check_page(limit: int, offset: int, maximum: int, limits: Limits, name: str = "max_page_size") -> None:
    if limit > maximum:
        raise limit_exceeded(name, maximum, f"limit={limit} is more than the limit {name}, {maximum}")
    if offset > limits.max_offset:
        raise limit_exceeded("max_offset", limits.max_offset,
                             f"offset={offset} is more than the limit max_offset, {limits.max_offset}")


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
        self.cache = _Cache(config.timeline_cache)
        self.write_lock = threading.Lock()
        self.files = _web_files()
        if self.store is not None and not self.store.read_only:
            _refresh_aliases(self.store)  # the entity index up to date before any request

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


def create_app(config: ServiceConfig) -> FastAPI:
    """The FastAPI application over ``config.db`` (read-only unless ``config.allow_ingest``).

    Raises :class:`StoreError` when the database cannot be opened, and
    :class:`InputError` when ingest is enabled without a token in ``NEWSLINE_INGEST_TOKEN``.
    """
    token = os.environ.get(INGEST_TOKEN_ENV, "")
    if config.allow_ingest and len(token) < 16:
        raise InputError(f"ingest over HTTP needs a bearer token of at least 16 characters in the environment "
                         f"variable {INGEST_TOKEN_ENV}, e.g. export {INGEST_TOKEN_ENV}=$(openssl rand -hex 24)")
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
            where = ".".join(str(x) for x in err.get("loc", ()) if x != "body") or "request"
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return _error_json(422, "invalid_request", "; ".join(parts) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return _error_json(exc.status_code, code, str(exc.detail))

    @app.exception_handler(StoreError)
    async def store_error(_request: Request, exc: Exception) -> Response:
        return _error_json(503, "database_unavailable", "the database cannot be read right now; try again")

    # -- the API

    @app.get("/healthz", response_model=Health, tags=["service"])
    async def healthz() -> dict[str, Any]:
        """Liveness and what this server allows."""
        documents = await state.query(lambda s: int(s.execute("SELECT count(*) FROM documents")[0][0])) \
            if state.store is not None else 0
        return {"status": "ok", "version": __version__, "documents": documents,
                "read_only": not config.allow_ingest, "ingest": config.allow_ingest,
                "annotate_workers": state.pool.ready_count(),
                "limits": {k: float(v) for k, v in asdict(limits).items()}}

    @app.post("/v1/annotate", response_model=TimelineJSON, responses=_ERRORS, tags=["annotate"],
              response_model_by_alias=True)
    async def annotate(body: AnnotateBody) -> dict[str, Any]:
        """The timeline JSON of a text: its time expressions, events (in time order) and temporal links."""
        _check_text(body.text, limits)
        dct = _parse_dct(body.dct)
        return (await state.annotate(body.text, dct)).to_dict()

    @app.get("/v1/entities", response_model=EntityPage, responses=_ERRORS, tags=["corpus"])
    async def entities(
        q: str | None = Query(None, description="part of a name, any case; absent: the most mentioned"),
        label: str | None = Query(None, max_length=20, description="only this NER label (PERSON, ORG, GPE, ...)"),
        limit: int = Query(10, ge=1, le=limits.max_page_size),
        offset: int = Query(0, ge=0, le=limits.max_offset),
    ) -> dict[str, Any]:
        """Entity names for suggestions: matching ``q`` (names starting with it first), by mentions."""
        if q is not None:
            _check_query("q", q, limits)
        _check_page(limit, offset, limits.max_page_size, limits)
        query = (q or "").strip()
        lab = label or None

        def run(store: Store) -> tuple[int, list[dict[str, Any]]]:
            rows = store.execute(
                "WITH spans AS (SELECT DISTINCT e.name, e.label, m.doc_id, m.start, m.\"end\" FROM mentions m "
                "JOIN entities e ON e.id = m.entity_id WHERE e.label IS NOT NULL AND e.name ILIKE ? ESCAPE '\\'), "
                "named AS (SELECT name, mode(label) AS label, count(*) AS n, count(DISTINCT doc_id) AS docs "
                "FROM spans GROUP BY name) "
                "SELECT name, label, n, docs, count(*) OVER () FROM named WHERE (?::VARCHAR IS NULL OR label = ?) "
                "ORDER BY starts_with(lower(name), lower(?)) DESC, n DESC, docs DESC, name LIMIT ? OFFSET ?",
                [_like(query), lab, lab, query, limit, offset])
            total = int(rows[0][4]) if rows else 0
            return total, [{"name": r[0], "label": r[1], "mentions": int(r[2]), "documents": int(r[3])}
                           for r in rows]

        total, items = await state.query(run)
        return {"q": q, "total": total, "offset": offset, "limit": limit, "items": items}

    @app.get("/v1/timeline", response_model=EntityTimelineOut, responses=_ERRORS, tags=["corpus"],
             response_model_by_alias=True)
    async def timeline(
        entity: str = Query(..., description="an entity name or alias, any case: 'Delia Marchetti', 'Marchetti'"),
        date_from: str | None = Query(None, alias="from", pattern=DATE_PATTERN,
                                      description="YYYY, YYYY-MM or YYYY-MM-DD (entries overlapping the range)"),
        date_to: str | None = Query(None, alias="to", pattern=DATE_PATTERN, description="inclusive"),
        text_match: bool = Query(False, description="also where a name is written (names NER misses)"),
        limit: int = Query(200, ge=1, le=limits.max_timeline_page_size),
        offset: int = Query(0, ge=0, le=limits.max_offset),
    ) -> dict[str, Any]:
        """The cross-document timeline of an entity: events in time order, each with its source articles."""
        _check_query("entity", entity, limits)
        if not entity.strip():
            raise ServiceError(422, "invalid_request", "entity: give an entity name")
        _check_page(limit, offset, limits.max_timeline_page_size, limits, "max_timeline_page_size")
        lo, hi = _check_dates(date_from, date_to)
        key = (entity, lo, hi, text_match)

        def run(store: Store) -> dict[str, Any]:
            full = state.cache.get(key)
            if full is None:
                # on a writable store the timeline may rebuild the entity index: not beside an ingest
                with contextlib.nullcontext() if store.read_only else state.write_lock:
                    full = entity_timeline_json(store, entity, lo, hi, text_match)
                state.cache.put(key, full)
            page = full["entries"][offset:offset + limit]
            return {**full, "entries": _page_entries(store, page), "total": len(full["entries"]),
                    "offset": offset, "limit": limit}

        try:
            return await state.query(run)
        except UnknownEntity as exc:
            raise ServiceError(404, "unknown_entity", str(exc), suggestions=exc.suggestions) from None
        except InputError as exc:
            raise ServiceError(422, "invalid_request", str(exc)) from None

    @app.get("/v1/documents/{doc_id:path}", response_model=DocumentOut, responses=_ERRORS, tags=["corpus"],
             response_model_by_alias=True)
    async def document(doc_id: str) -> dict[str, Any]:
        """A stored document by id (ids may hold slashes): its text, source and timeline JSON."""
        if len(doc_id) > 1000:
            raise limit_exceeded("max_query_chars", 1000, "the document id is longer than 1,000 characters")

        def run(store: Store) -> dict[str, Any] | None:
            info = store.document(doc_id)
            doc = store.annotated(doc_id) if info is not None else None
            if info is None or doc is None:
                return None
            return {**doc.to_dict(), "id": info.id, "source": info.source, "text": info.text, "length": info.length}

        found = await state.query(run)
        if found is None:
            raise ServiceError(404, "not_found", "no document with this id")
        return found

    @app.get("/v1/search", response_model=SearchPage, responses=_ERRORS, tags=["corpus"],
             response_model_by_alias=True)
    async def search(
        q: str = Query(..., description="words, all of which a document must contain (any case)"),
        date_from: str | None = Query(None, alias="from", pattern=DATE_PATTERN, description="by publication date"),
        date_to: str | None = Query(None, alias="to", pattern=DATE_PATTERN),
        limit: int = Query(20, ge=1, le=limits.max_page_size),
        offset: int = Query(0, ge=0, le=limits.max_offset),
    ) -> dict[str, Any]:
        """Documents containing every word of ``q``, phrase matches first, then by date."""
        _check_query("q", q, limits)
        if not q.split():
            raise ServiceError(422, "invalid_request", "q: give at least one word")
        if len(q.split()) > 20:
            raise limit_exceeded("max_query_words", 20, "q has more than 20 words; the limit max_query_words is 20")
        _check_page(limit, offset, limits.max_page_size, limits)
        lo, hi = _check_dates(date_from, date_to)

        def run(store: Store) -> list[dict[str, Any]]:
            hits = store.search(q, lo, hi, limit=offset + limit)[offset:]
            return [h.to_dict() for h in hits]

        try:
            items = await state.query(run)
        except InputError as exc:
            raise ServiceError(422, "invalid_request", str(exc)) from None
        return {"q": q, "from": lo, "to": hi, "offset": offset, "limit": limit, "items": items}

    @app.post("/v1/documents", response_model=IngestOut, status_code=201, tags=["ingest"],
              responses={**_ERRORS, 401: {"model": ErrorBody, "description": "No bearer token"},
                         403: {"model": ErrorBody, "description": "Ingest disabled, or a wrong token"},
                         409: {"model": ErrorBody, "description": "Already stored (same text or id)"}})
    async def ingest(body: IngestBody, authorization: str | None = Header(None)) -> dict[str, Any]:
        """Annotate a dated article and store it (only when the server runs with --allow-ingest)."""
        if not config.allow_ingest:
            raise ServiceError(403, "ingest_disabled", "this server is read-only; start it with --allow-ingest")
        given = (authorization or "").removeprefix("Bearer ").strip() \
            if (authorization or "").startswith("Bearer ") else ""
        if not given:
            raise ServiceError(401, "unauthorized", "send the ingest token as 'Authorization: Bearer <token>'")
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise ServiceError(403, "forbidden", "wrong ingest token")
        _check_text(body.text, limits)
        dct = _parse_dct(body.dct)
        if dct is None:
            try:
                header, at = split_header(body.text)
            except InputError as exc:
                raise ServiceError(422, "invalid_request", f"date header: {exc}") from None
            if header is None:
                raise ServiceError(422, "invalid_request", "no date: give dct, or start the text with a "
                                   "'date YYYY-MM-DD' line")
        else:
            at = 0
        if not body.text[at:].strip():
            raise ServiceError(422, "invalid_request", "empty: no text to annotate")
        doc_id = body.id or f"api:{content_hash(body.text)[:16]}"
        doc = await state.annotate(body.text, dct, doc_id)

        def write(store: Store) -> dict[str, Any]:
            with state.write_lock:
                result = store.add_documents([NewDocument(doc_id, body.source or "api", doc)])
                if result.stored:
                    _refresh_aliases(store)
            state.cache.clear()
            skipped = result.skipped[0].message if result.skipped else None
            return {"id": doc_id, "stored": bool(result.stored), "reason": skipped,
                    "timexes": len(doc.timexes), "events": len(doc.events)}

        out = await state.query(write)
        if not out["stored"]:
            raise ServiceError(409, "conflict", str(out["reason"]))
        return out

    # -- the page

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


def _refresh_aliases(store: Store) -> None:
    from newsline.corpus._entity_aliases import refresh_aliases

    refresh_aliases(store)


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
        return _error_json(404, "not_found", "no such file")
    content, media = found
    cache = "public, max-age=86400" if name.startswith("vendor/") else "no-cache"
    return Response(content, media_type=media, headers={"Cache-Control": cache})


def app_from_env() -> FastAPI:
    """The app configured by ``NEWSLINE_SERVE_CONFIG`` (how ``newsline serve --workers N`` starts each worker)."""
    raw = os.environ.get(CONFIG_ENV)
    if not raw:
        raise InputError(f"{CONFIG_ENV} is not set; start the service with: newsline serve --db FILE")
    return create_app(ServiceConfig.from_json(raw))


# ------------------------------------------------------------------ serving


def serve(config: ServiceConfig, host: str = "127.0.0.1", port: int = 8000, workers: int = 1,
          announce: Callable[[str], None] | None = None) -> None:
    """Run the service with uvicorn until interrupted; ``announce`` gets the address once it listens."""
    import uvicorn

    if workers > 1 and config.allow_ingest:
        raise InputError("--allow-ingest needs --workers 1: only one process may write the database")
    # open the database once here, so a bad --db is one clear error before uvicorn starts
    if config.db is not None:
        Store.open(config.db, read_only=not config.allow_ingest, wait=30.0).close()
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    if workers > 1:
        os.environ[CONFIG_ENV] = config.to_json()
        if announce:
            announce(url)
        uvicorn.run("newsline.service._app:app_from_env", factory=True, host=host, port=port, workers=workers,
                    log_level="warning", access_log=False, timeout_graceful_shutdown=5)
        return
    app = create_app(config)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                                           timeout_graceful_shutdown=5))
    if announce:
        original = server.startup

        async def startup(sockets: Any = None) -> None:
            await original(sockets)
            if server.started:
                announce(url)

        server.startup = startup  # type: ignore[method-assign]
    server.run()


# ------------------------------------------------------------------ the load test (newsline bench --serve N)


@dataclass(frozen=True, slots=True)
class LoadFigures:
    endpoint: str
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "requests_per_s": round(self.rps, 1)}


def _percentile(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def free_port(host: str = "127.0.0.1") -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, timeout: float = 120.0, process: Any = None) -> None:
    """Poll ``url``/healthz until it answers 200 with every annotation worker ready."""
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with status {process.returncode}")
        try:
            r = httpx.get(url + "healthz", timeout=2.0)
            if r.status_code == 200 and r.json().get("annotate_workers", 0) >= 1:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"the server at {url} did not become ready in {timeout:.0f} s")


def load_test(db: Path, requests: int, *, workers: int = 2, concurrency: int = 4,
              texts: Sequence[tuple[str, str]] = (), entities: Sequence[str] = ()) -> list[LoadFigures]:
    """Start ``newsline serve --workers N`` on a free loopback port, then send ``requests`` requests to
    ``/v1/annotate`` (``texts``: (text, dct) pairs in turn) and ``requests`` to ``/v1/timeline``
    (``entities`` in turn), ``concurrency`` at a time; stops the server.  Bounded: every request
    has a 60 s timeout."""
    import subprocess
    import sys

    import httpx

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    cmd = [sys.executable, "-m", "newsline", "serve", "--db", str(db), "--port", str(port), "--workers",
           str(workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_healthy(url, process=proc)
        with httpx.Client(base_url=url, timeout=60.0) as client:  # each worker process: its model loaded
            for _ in range(2 * workers):
                if texts:
                    client.post("v1/annotate", json={"text": texts[0][0], "dct": texts[0][1]})
        jobs: list[tuple[str, Callable[[httpx.Client, int], httpx.Response]]] = []
        if texts:
            jobs.append(("/v1/annotate", lambda c, i: c.post(
                "v1/annotate", json={"text": texts[i % len(texts)][0], "dct": texts[i % len(texts)][1]})))
        if entities:
            jobs.append(("/v1/timeline", lambda c, i: c.get("v1/timeline",
                                                            params={"entity": entities[i % len(entities)]})))
        return [_hammer(url, name, fn, requests, concurrency) for name, fn in jobs]
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _hammer(url: str, name: str, fn: Callable[[Any, int], Any], requests: int, concurrency: int) -> LoadFigures:
    import httpx

    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(requests))

    def next_index() -> int | None:
        with lock:
            return next(counter, None)

    def client_loop() -> None:
        nonlocal errors
        with httpx.Client(base_url=url, timeout=60.0) as client:
            while (i := next_index()) is not None:
                t0 = time.perf_counter()
                try:
                    ok = fn(client, i).status_code == 200
                except httpx.HTTPError:
                    ok = False
                dt = time.perf_counter() - t0
                with lock:
                    latencies.append(dt)
                    errors += 0 if ok else 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client_loop) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - started
    return LoadFigures(name, len(latencies), errors, seconds, _percentile(latencies, 50) * 1000,
                       _percentile(latencies, 99) * 1000)


def bench_texts(folder: Path) -> list[tuple[str, str]]:
    """(text, dct) pairs of the dated ``.txt`` articles in ``folder`` (the header is left in the text)."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        dct, _ = split_header(text)
        if dct is not None:
            out.append((text, dct.isoformat()))
    return out

