"""The corpus store: annotated documents in one DuckDB file.

Schema (version 1; ``docs/store.md`` has the same with examples).  Offsets are
character offsets into ``documents.text``, so ``text[start:end]`` is the
mention, time expression or event as written.

``meta(key, value)``
    ``schema_version`` (checked on open), ``created_by`` (the newsline version).
``documents(id, source, dct, text, content_hash, ingested_at)``
    ``id`` primary key; ``source`` where it came from (file, ``file:line``);
    ``content_hash`` the SHA-256 of ``text`` (unique: the same text is stored once).
``timexes(doc_id, id, start, end, text, type, value, mod, interval_start, interval_end, grain, anchor, rule,
confidence, extra)``
    the TIMEX3s; ``extra`` is a JSON object of further attributes (``quant``, ``freq``) or NULL.
``events(doc_id, id, start, end, text, class, lemma, pos, tense, aspect, polarity, modality, sentence_start,
sentence_end, participants, speaker, confidence, time_value, time_start, time_end, time_grain, time_basis,
time_evidence, time_confidence, timeline_rank)``
    the events with their place on the document timeline (``time_*``, from
    ``AnnotatedDocument.timeline``; ``timeline_rank`` is the position in it).
``links(doc_id, id, source, target, rel, kind, confidence)``
    the TLINKs (``t0`` is the DCT).
``entities(id, name, label)``
    one row per (document-level resolved name, NER label or NULL); ``id`` is a
    stable 64-bit hash of both (see :func:`entity_id`), the same in every database.
``mentions(entity_id, doc_id, start, end, text, role, event_id)``
    ``text`` is the surface form, the entity's ``name`` what it stands for in its
    document; ``role`` is ``ner`` or ``participant`` (then ``event_id`` is the event).
``entity_aliases(entity_id, alias, cluster, name, label)`` (version 2)
    the names merged across documents ("Jobs", "Apple CEO Steve Jobs" -> "Steve Jobs"):
    one row per entity that belongs to a cluster; ``alias`` is the entity name's
    matching key, ``cluster`` the key of the cluster's full name, ``name`` its
    display name.
``event_hints(doc_id, event_id, start, sentence_start, pronoun, anchor, relation, anchor_value, anchor_start,
anchor_end, anchor_grain, anchor_confidence)`` (version 2)
    per event, what entity timelines need beyond ``events``: ``pronoun`` (``person``
    or ``thing``) when a participant is a pronoun, and for an undated event the
    temporal link that places it (``anchor`` an event id or ``t0``, ``relation``
    ``before``/``after``/``during`` it, the anchor's time).
``entity_events(cluster, doc_id, event_id, how, <the event's columns>, <its event_hints anchor>)`` (version 2)
    the events of each alias cluster: ``how`` 0 a participant, 1 a pronoun
    participant, 2 the event nearest to a mention in its sentence; with the
    columns a timeline shows (copied from ``events`` and ``event_hints``), so
    that one filtered scan answers for a cluster.
    The three are derived data, rebuilt together by
    :func:`newsline.corpus._entity_aliases.refresh_aliases` (``newsline ingest`` does it at
    the end); ``meta`` key ``aliases_of`` records what they were built from, so a
    stale index is recognised (and computed in memory by a reader).

Concurrency: DuckDB lets one process open a file for writing, and while it has
it open no other process may open it at all, not even read-only; several
processes may open it read-only together.  :meth:`Store.open` waits up to
``wait`` seconds for the file to become free, then raises
:class:`StoreLockedError` saying which process holds it.  ``newsline ingest``
holds the file only while it writes a batch, so readers get in between batches.

Bulk inserts pass each batch as one JSON parameter (``from_json``), which is
much faster than binding rows one by one; every user value reaches SQL as a
bound parameter, never as SQL text.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from newsline._model import AnnotatedDocument, EntityMention, Event, EventTime, Interval, Link, TimelineEntry, Timex
from newsline.errors import InputError, StoreError, StoreLockedError
from newsline.events._annotate import mention_order

SCHEMA_VERSION = 2

Migration = Callable[[duckdb.DuckDBPyConnection], None]
# MIGRATIONS[v] upgrades a version-v database to v + 1 (run inside one transaction on open for writing).
MIGRATIONS: dict[int, Migration] = {}  # filled below the table definitions

_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "documents": (
        ("id", "VARCHAR"), ("source", "VARCHAR"), ("dct", "DATE"), ("text", "VARCHAR"),
        ("content_hash", "VARCHAR"), ("ingested_at", "TIMESTAMP"),
    ),
    "timexes": (
        ("doc_id", "VARCHAR"), ("id", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"), ("text", "VARCHAR"),
        ("type", "VARCHAR"), ("value", "VARCHAR"), ("mod", "VARCHAR"), ("interval_start", "TIMESTAMP"),
        ("interval_end", "TIMESTAMP"), ("grain", "VARCHAR"), ("anchor", "VARCHAR"), ("rule", "VARCHAR"),
        ("confidence", "DOUBLE"), ("extra", "VARCHAR"),
    ),
    "events": (
        ("doc_id", "VARCHAR"), ("id", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"), ("text", "VARCHAR"),
        ("class", "VARCHAR"), ("lemma", "VARCHAR"), ("pos", "VARCHAR"), ("tense", "VARCHAR"),
        ("aspect", "VARCHAR"), ("polarity", "VARCHAR"), ("modality", "VARCHAR"), ("sentence_start", "INTEGER"),
        ("sentence_end", "INTEGER"), ("participants", "VARCHAR[]"), ("speaker", "VARCHAR"),
        ("confidence", "DOUBLE"), ("time_value", "VARCHAR"), ("time_start", "TIMESTAMP"),
        ("time_end", "TIMESTAMP"), ("time_grain", "VARCHAR"), ("time_basis", "VARCHAR"),
        ("time_evidence", "VARCHAR[]"), ("time_confidence", "DOUBLE"), ("timeline_rank", "INTEGER"),
    ),
    "links": (
        ("doc_id", "VARCHAR"), ("id", "VARCHAR"), ("source", "VARCHAR"), ("target", "VARCHAR"), ("rel", "VARCHAR"),
        ("kind", "VARCHAR"), ("confidence", "DOUBLE"),
    ),
    "entities": (("id", "BIGINT"), ("name", "VARCHAR"), ("label", "VARCHAR")),
    "mentions": (
        ("entity_id", "BIGINT"), ("doc_id", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"),
        ("text", "VARCHAR"), ("role", "VARCHAR"), ("event_id", "VARCHAR"),
    ),
    "entity_aliases": (
        ("entity_id", "BIGINT"), ("alias", "VARCHAR"), ("cluster", "VARCHAR"), ("name", "VARCHAR"),
        ("label", "VARCHAR"),
    ),
    "event_hints": (
        ("doc_id", "VARCHAR"), ("event_id", "VARCHAR"), ("start", "INTEGER"), ("sentence_start", "INTEGER"),
        ("pronoun", "VARCHAR"), ("anchor", "VARCHAR"), ("relation", "VARCHAR"), ("anchor_value", "VARCHAR"),
        ("anchor_start", "TIMESTAMP"), ("anchor_end", "TIMESTAMP"), ("anchor_grain", "VARCHAR"),
        ("anchor_confidence", "DOUBLE"),
    ),
    "entity_events": (
        ("cluster", "VARCHAR"), ("doc_id", "VARCHAR"), ("event_id", "VARCHAR"), ("how", "TINYINT"),
        ("start", "INTEGER"), ("end", "INTEGER"), ("text", "VARCHAR"), ("lemma", "VARCHAR"), ("class", "VARCHAR"),
        ("sentence_start", "INTEGER"), ("sentence_end", "INTEGER"), ("participants", "VARCHAR[]"),
        ("time_value", "VARCHAR"), ("time_start", "TIMESTAMP"), ("time_end", "TIMESTAMP"), ("time_grain", "VARCHAR"),
        ("time_basis", "VARCHAR"), ("time_evidence", "VARCHAR[]"), ("time_confidence", "DOUBLE"),
        ("timeline_rank", "INTEGER"), ("anchor", "VARCHAR"), ("relation", "VARCHAR"), ("anchor_value", "VARCHAR"),
        ("anchor_start", "TIMESTAMP"), ("anchor_end", "TIMESTAMP"), ("anchor_grain", "VARCHAR"),
        ("anchor_confidence", "DOUBLE"),
    ),
}
# Rebuilt from the other tables, in this order (replace_entity_index).
DERIVED = ("entity_aliases", "event_hints", "entity_events")
TABLES = ("meta", *_COLUMNS)
_CONSTRAINTS = {
    "documents": {"id": "PRIMARY KEY", "text": "NOT NULL", "content_hash": "NOT NULL UNIQUE",
                  "ingested_at": "NOT NULL"},
    "entities": {"id": "PRIMARY KEY", "name": "NOT NULL"},
    "entity_aliases": {"entity_id": "PRIMARY KEY", "alias": "NOT NULL", "cluster": "NOT NULL", "name": "NOT NULL"},
    "entity_events": {"cluster": "NOT NULL", "event_id": "NOT NULL", "how": "NOT NULL"},
}
_NOT_NULL = {"doc_id", "start", "end", "role", "entity_id"}


def _table_ddl(table: str) -> str:
    extra = _CONSTRAINTS.get(table, {})
    cols = ", ".join(
        f'"{name}" {sqltype}' + (f" {extra[name]}" if name in extra else " NOT NULL" if name in _NOT_NULL else "")
        for name, sqltype in _COLUMNS[table]
    )
    return f"CREATE TABLE {table} ({cols})"


def _ddl() -> list[str]:
    out = ["CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)"]
    out.extend(_table_ddl(table) for table in _COLUMNS)
    out.append("CREATE INDEX mentions_entity ON mentions (entity_id)")
    out.extend(_V2_INDEXES)
    return out


# Version 2: for the alias lookups of entity timelines.  (Indexes by document do not help them: DuckDB
# fetches indexed rows one by one, slower than a scan that filters on doc_id before reading other columns.)
_V2_INDEXES = (
    "CREATE INDEX entity_aliases_cluster ON entity_aliases (cluster)",
    "CREATE INDEX entity_aliases_alias ON entity_aliases (alias)",
)


def _v1_to_v2(conn: duckdb.DuckDBPyConnection) -> None:
    """Version 2 adds ``entity_aliases`` and ``event_hints`` (empty: rebuilt on the next ingest, computed
    in memory by readers meanwhile) and indexes by document."""
    for table in DERIVED:
        conn.execute(_table_ddl(table).replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1))
    for statement in _V2_INDEXES:
        conn.execute(statement.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1))


MIGRATIONS[1] = _v1_to_v2


def content_hash(text: str) -> str:
    """The SHA-256 of ``text`` (UTF-8), hex: what makes two documents the same."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def entity_id(name: str, label: str | None) -> int:
    """A stable signed 64-bit id for an entity (resolved name, NER label or None)."""
    digest = hashlib.sha256(f"{label or ''}\x1f{name}".encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


# --- values handed in and out ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NewDocument:
    """A document to store: its id, where it came from, and its annotation (text and DCT included)."""

    id: str
    source: str
    doc: AnnotatedDocument

    @property
    def content_hash(self) -> str:
        return content_hash(self.doc.text)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A document :meth:`Store.add_documents` did not store, and why.

    ``reason`` is ``already stored`` (same id, same text), ``duplicate text``
    (the same text is stored under ``other``) or ``duplicate id`` (``id`` is
    stored with a different text).
    """

    id: str
    source: str
    reason: str
    other: str | None = None

    @property
    def message(self) -> str:
        if self.reason == "duplicate id":
            return f"id {self.id!r} is already stored with a different text; skipped (give this one another id)"
        if self.reason == "duplicate text":
            return f"same text as {self.other!r}, which is stored; not stored twice"
        return f"{self.id!r} is already stored"


@dataclass(frozen=True, slots=True)
class AddResult:
    stored: tuple[str, ...]
    skipped: tuple[Skipped, ...]


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A stored document, without its annotations; ``text`` is empty in :meth:`Store.documents` listings."""

    id: str
    source: str | None
    dct: date | None
    content_hash: str
    ingested_at: datetime
    length: int
    text: str = field(default="", repr=False)


@dataclass(frozen=True, slots=True)
class MentionRow:
    """One entity mention with its entity and document."""

    entity_id: int
    name: str
    label: str | None
    doc_id: str
    dct: date | None
    start: int
    end: int
    text: str
    role: str
    event_id: str | None


@dataclass(frozen=True, slots=True)
class EntityCount:
    """An entity name with how often the corpus mentions it, in how many documents."""

    name: str
    label: str | None
    mentions: int
    documents: int

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "label": self.label, "mentions": self.mentions, "documents": self.documents}


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A document matching a search: its id, DCT, source and a snippet around the first match."""

    doc_id: str
    dct: date | None
    source: str | None
    snippet: str
    phrase: bool  # the query's words occur together, as one phrase

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.doc_id, "dct": self.dct.isoformat() if self.dct else None, "source": self.source,
                "snippet": self.snippet, "phrase": self.phrase}


# --- the store --------------------------------------------------------------------------------


class Store:
    """A newsline database (a DuckDB file).  Use :meth:`open`, preferably as a context manager."""

    def __init__(self, conn: duckdb.DuckDBPyConnection, path: Path, read_only: bool) -> None:
        self._conn = conn
        self.path = path
        self.read_only = read_only

    # -- opening ------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, read_only: bool = False, *, wait: float = 0.0) -> Store:
        """Open (for writing: create when missing) the database at ``path``.

        Checks the schema version: a newer or unknown one is refused, an older one
        migrated when opened for writing (refused read-only).  When another process
        holds the file, retries for up to ``wait`` seconds, then raises
        :class:`StoreLockedError`.
        """
        path = Path(path)
        if read_only and not path.exists():
            raise StoreError(f"{path}: no such database; create it with: newsline ingest FILES... --db {path}")
        if path.is_dir():
            raise StoreError(f"{path}: is a directory; --db takes a database file, e.g. {path / 'newsline.duckdb'}")
        conn = _connect(path, read_only, wait)
        try:
            store = cls(conn, path, read_only)
            store._check_schema()
        except BaseException:
            conn.close()
            raise
        return store

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _check_schema(self) -> None:
        tables = {row[0] for row in self._conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
        if not tables:
            if self.read_only:
                raise StoreError(f"{self.path}: an empty database; fill it with: newsline ingest FILES... "
                                 f"--db {self.path}")
            self._create()
            return
        if "meta" not in tables:
            raise StoreError(f"{self.path}: a DuckDB database, but not one newsline made (it has no meta table); "
                             "give --db another file name")
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        raw = row[0] if row else None
        if raw is None or not str(raw).isdigit():
            raise StoreError(f"{self.path}: unknown schema version {raw!r}; this newsline reads version "
                             f"{SCHEMA_VERSION}: give --db another file name")
        version = int(raw)
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema version {version} was written by a newer newsline; this one "
                             f"reads up to version {SCHEMA_VERSION}: upgrade newsline (pip install -U newsline)")
        if version < SCHEMA_VERSION:
            self._migrate(version)

    def _create(self) -> None:
        from newsline._version import __version__

        with self._transaction():
            for statement in _ddl():
                self._conn.execute(statement)
            self._conn.execute("INSERT INTO meta VALUES ('schema_version', ?), ('created_by', ?)",
                               [str(SCHEMA_VERSION), f"newsline {__version__}"])

    def _migrate(self, version: int) -> None:
        missing = [v for v in range(version, SCHEMA_VERSION) if v not in MIGRATIONS]
        if missing:
            raise StoreError(f"{self.path}: schema version {version} is older than this newsline can upgrade "
                             f"(it reads {SCHEMA_VERSION}); ingest the documents again into a new file")
        if self.read_only:
            raise StoreError(f"{self.path}: schema version {version} must be upgraded to {SCHEMA_VERSION} first; "
                             "open it once for writing (e.g. run newsline ingest with --db on it)")
        with self._transaction():
            for v in range(version, SCHEMA_VERSION):
                MIGRATIONS[v](self._conn)
            self._conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION)])

    def schema_version(self) -> int:
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def meta(self, key: str) -> str | None:
        """A value of the ``meta`` table, or None."""
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else None

    def replace_entity_index(self, aliases: Sequence[tuple[int, str, str, str, str | None]],
                             queries: Sequence[tuple[str, str, Sequence[Any]]], state: str) -> None:
        """Replace the derived tables (``DERIVED``) in one transaction and record ``state`` as meta ``aliases_of``.

        ``aliases`` are the ``entity_aliases`` rows ``(entity_id, alias, cluster, name,
        label)``; each of ``queries`` is ``(table, query, params)``: the rows of another
        derived table, in order, a query that may name the derived tables filled before
        it as ``{entity_aliases}``, ``{event_hints}``.
        :func:`newsline.corpus._entity_aliases.refresh_aliases` computes them.
        """
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only; cannot store the entity index")
        self._conn.execute("SET enable_progress_bar = false")  # a long query would draw one on a terminal
        names = {table: table for table in DERIVED}
        with self._transaction():
            for table in DERIVED:  # a file from before a derived table was added gets it here
                self._conn.execute(_table_ddl(table).replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1))
                self._conn.execute(f"DELETE FROM {table}")
            self._insert("entity_aliases", aliases)
            for table, query, params in queries:  # our constant queries
                self._conn.execute(f"INSERT INTO {table} " + query.format(**names), list(params))
            self._conn.execute("INSERT OR REPLACE INTO meta VALUES ('aliases_of', ?)", [state])

    def temporary_entity_index(self, aliases: Sequence[tuple[int, str, str, str, str | None]],
                               queries: Sequence[tuple[str, str, Sequence[Any]]], state: str,
                               prefix: str = "nl_") -> None:
        """The derived tables as this connection's temporary tables ``<prefix><table>``, with a one-row
        ``<prefix>index_state(value)`` holding ``state``: for a read-only store whose index is out of date.
        Arguments as for :meth:`replace_entity_index`."""
        self._conn.execute("SET enable_progress_bar = false")
        names = {table: f"{prefix}{table}" for table in DERIVED}
        for table in DERIVED:
            ddl = _table_ddl(table).replace(f"CREATE TABLE {table} ", f"CREATE OR REPLACE TEMP TABLE {names[table]} ")
            self._conn.execute(ddl)
        self._insert("entity_aliases", aliases, into=names["entity_aliases"])
        for table, query, params in queries:
            self._conn.execute(f"INSERT INTO {names[table]} " + query.format(**names), list(params))
        self._conn.execute(f"CREATE OR REPLACE TEMP TABLE {prefix}index_state AS SELECT ?::VARCHAR AS value",
                           [state])

    # -- writing ------------------------------------------------------------------------------

    def add_documents(self, batch: Sequence[NewDocument]) -> AddResult:
        """Store a batch of documents in one transaction: all of them or (on an error) none.

        A document whose text is stored already (under any id) or whose id is
        stored with another text is skipped and reported in the result.
        """
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only; cannot add documents")
        ids = [d.id for d in batch]
        hashes = [d.content_hash for d in batch]
        with self._transaction():
            have = self._conn.execute(
                "SELECT id, content_hash FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[])) "
                "OR content_hash IN (SELECT unnest(?::VARCHAR[]))", [ids, hashes]).fetchall()
            by_id = {i: h for i, h in have}
            by_hash = {h: i for i, h in have}
            stored: list[NewDocument] = []
            skipped: list[Skipped] = []
            for d, h in zip(batch, hashes, strict=True):
                if by_id.get(d.id) == h:
                    skipped.append(Skipped(d.id, d.source, "already stored", d.id))
                elif d.id in by_id:
                    skipped.append(Skipped(d.id, d.source, "duplicate id", d.id))
                elif h in by_hash:
                    skipped.append(Skipped(d.id, d.source, "duplicate text", by_hash[h]))
                else:
                    stored.append(d)
                    by_id[d.id], by_hash[h] = h, d.id
            self._insert_rows(stored)
        return AddResult(tuple(d.id for d in stored), tuple(skipped))

    def _insert_rows(self, docs: Sequence[NewDocument]) -> None:
        if not docs:
            return
        now = datetime.now().replace(microsecond=0).isoformat()
        rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in _COLUMNS}
        entities: dict[int, tuple[Any, ...]] = {}
        for d in docs:
            doc = d.doc
            rows["documents"].append((d.id, d.source, doc.dct.isoformat() if doc.dct else None, doc.text,
                                      d.content_hash, now))
            rows["timexes"].extend(_timex_row(d.id, t) for t in doc.timexes)
            rows["events"].extend(_event_rows(d.id, doc))
            rows["links"].extend((d.id, x.id, x.source, x.target, x.rel, x.kind, x.confidence) for x in doc.links)
            for m in doc.entities:
                eid = entity_id(m.name, m.label)
                entities.setdefault(eid, (eid, m.name, m.label))
                rows["mentions"].append((eid, d.id, m.start, m.end, m.text, m.role, m.event))
        rows["entities"] = list(entities.values())
        for table, table_rows in rows.items():
            self._insert(table, table_rows, or_ignore=table == "entities")

    def _insert(self, table: str, rows: Sequence[tuple[Any, ...]], *, or_ignore: bool = False,
                into: str | None = None) -> None:
        """Insert many rows with one statement: the rows go in as one JSON parameter (``into``: another
        table of the same columns)."""
        if not rows:
            return
        columns = _COLUMNS[table]
        names = [name for name, _ in columns]
        spec = json.dumps([{name: sqltype for name, sqltype in columns}])  # our constants, no user value
        payload = json.dumps([dict(zip(names, row, strict=True)) for row in rows], ensure_ascii=False)
        quoted = ", ".join(f'"{n}"' for n in names)
        fields = ", ".join(f'r."{n}"' for n in names)
        verb = "INSERT OR IGNORE INTO" if or_ignore else "INSERT INTO"
        self._conn.execute(f"{verb} {into or table} ({quoted}) SELECT {fields} FROM "
                           f"(SELECT unnest(from_json(?, '{spec}')) AS r)", [payload])

    class _Tx:
        def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
            self.conn = conn

        def __enter__(self) -> None:
            self.conn.begin()

        def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                     tb: TracebackType | None) -> None:
            if exc_type is None:
                self.conn.commit()
            else:
                self.conn.rollback()

    def _transaction(self) -> Store._Tx:
        return Store._Tx(self._conn)

    # -- reading ------------------------------------------------------------------------------

    def known(self) -> dict[str, str]:
        """Every stored document's id with its content hash."""
        return dict(self._conn.execute("SELECT id, content_hash FROM documents").fetchall())

    def has_hash(self, digest: str) -> bool:
        """Whether a document with this content hash (see :func:`content_hash`) is stored."""
        return self._conn.execute("SELECT 1 FROM documents WHERE content_hash = ?", [digest]).fetchone() is not None

    def documents(self) -> list[DocumentInfo]:
        """Every stored document (without its text), by DCT then id."""
        rows = self._conn.execute(
            "SELECT id, source, dct, content_hash, ingested_at, length(text) FROM documents "
            "ORDER BY dct NULLS LAST, id").fetchall()
        return [DocumentInfo(*row) for row in rows]

    def document(self, doc_id: str) -> DocumentInfo | None:
        """One stored document with its text, or None."""
        row = self._conn.execute(
            "SELECT id, source, dct, content_hash, ingested_at, length(text), text FROM documents WHERE id = ?",
            [doc_id]).fetchone()
        return DocumentInfo(*row) if row else None

    def annotated(self, doc_id: str) -> AnnotatedDocument | None:
        """A stored document rebuilt as the :class:`AnnotatedDocument` it was stored from, or None."""
        row = self._conn.execute("SELECT text, dct FROM documents WHERE id = ?", [doc_id]).fetchone()
        if row is None:
            return None
        text, dct = row
        timexes = tuple(_timex_of(r) for r in self._conn.execute(
            "SELECT start, \"end\", text, type, value, mod, interval_start, interval_end, grain, anchor, rule, "
            "confidence, id, extra FROM timexes WHERE doc_id = ? ORDER BY start, \"end\"", [doc_id]).fetchall())
        event_rows = self._conn.execute(
            "SELECT id, start, \"end\", text, class, lemma, pos, tense, aspect, polarity, modality, sentence_start, "
            "sentence_end, participants, speaker, confidence, time_value, time_start, time_end, time_grain, "
            "time_basis, time_evidence, time_confidence, timeline_rank FROM events WHERE doc_id = ? "
            "ORDER BY start, \"end\"", [doc_id]).fetchall()
        events = [_event_of(r) for r in event_rows]
        ranked = sorted(((r[23], e, _time_of(r)) for r, e in zip(event_rows, events, strict=True)
                         if r[23] is not None), key=lambda x: x[0])
        links = tuple(Link(*r) for r in self._conn.execute(
            "SELECT id, source, target, rel, kind, confidence FROM links WHERE doc_id = ? "
            "ORDER BY try_cast(substr(id, 2) AS INTEGER), id", [doc_id]).fetchall())
        mentions = tuple(EntityMention(*r) for r in self._conn.execute(
            "SELECT m.start, m.\"end\", m.text, e.name, e.label, m.role, m.event_id FROM mentions m "
            "JOIN entities e ON e.id = m.entity_id WHERE m.doc_id = ?", [doc_id]).fetchall())
        return AnnotatedDocument(text=text, dct=dct, timexes=timexes, events=tuple(events), links=links,
                                 timeline=tuple(TimelineEntry(e, t) for _, e, t in ranked), id=doc_id,
                                 entities=tuple(sorted(mentions, key=mention_order)))

    def entity_mentions(self, name: str | None = None, *, label: str | None = None, doc_id: str | None = None,
                        role: str | None = None) -> list[MentionRow]:
        """Entity mentions, filtered by exact resolved name, NER label, document and role; by DCT and offset."""
        rows = self._conn.execute(
            "SELECT e.id, e.name, e.label, m.doc_id, d.dct, m.start, m.\"end\", m.text, m.role, m.event_id "
            "FROM mentions m JOIN entities e ON e.id = m.entity_id JOIN documents d ON d.id = m.doc_id "
            "WHERE (?::VARCHAR IS NULL OR e.name = ?) AND (?::VARCHAR IS NULL OR e.label = ?) "
            "AND (?::VARCHAR IS NULL OR m.doc_id = ?) AND (?::VARCHAR IS NULL OR m.role = ?) "
            "ORDER BY d.dct NULLS LAST, m.doc_id, m.start, m.role",
            [name, name, label, label, doc_id, doc_id, role, role]).fetchall()
        return [MentionRow(*r) for r in rows]

    def entities(self, top: int | None = None, *, label: str | None = None,
                 named_only: bool = True) -> list[EntityCount]:
        """Entities by mention count, merged by exact resolved name.

        A mention found both by NER and as a participant counts once.  The label
        shown is the name's most frequent one.  ``named_only`` leaves out
        participants that are no named entity ("the company").
        """
        rows = self._conn.execute(
            "WITH spans AS (SELECT DISTINCT e.name, e.label, m.doc_id, m.start, m.\"end\" FROM mentions m "
            "JOIN entities e ON e.id = m.entity_id WHERE (NOT ? OR e.label IS NOT NULL)), "
            "named AS (SELECT name, mode(label) AS label, count(DISTINCT (doc_id, start, \"end\")) AS n, "
            "count(DISTINCT doc_id) AS docs FROM spans GROUP BY name) "
            "SELECT name, label, n, docs FROM named WHERE (?::VARCHAR IS NULL OR label = ?) "
            "ORDER BY n DESC, docs DESC, name LIMIT ?",
            [named_only, label, label, top if top is not None else 2**62]).fetchall()
        return [EntityCount(*r) for r in rows]

    def search(self, text: str, date_from: date | str | None = None, date_to: date | str | None = None, *,
               limit: int = 20) -> list[SearchHit]:
        """Documents containing every word of ``text`` (case-insensitive), with a DCT in [from, to].

        ``date_from``/``date_to`` take a date or ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``
        (``--to 2007-12`` means up to 2007-12-31).  Documents where the words
        occur as one phrase come first, then by DCT.  Plain substring matching
        (``ILIKE``): DuckDB's full-text extension needs a download.
        """
        words = text.split()
        if not words:
            raise InputError("search needs at least one word")
        lo = date_bound(date_from, end=False) if date_from is not None else None
        hi = date_bound(date_to, end=True) if date_to is not None else None
        if lo and hi and lo > hi:
            raise InputError(f"--from {lo} is after --to {hi}")
        phrase = _like(" ".join(words))
        where = " AND ".join(["text ILIKE ? ESCAPE '\\'"] * len(words))
        rows = self._conn.execute(
            f"SELECT id, dct, source, text, text ILIKE ? ESCAPE '\\' AS phrase FROM documents WHERE {where} "
            "AND (?::DATE IS NULL OR dct >= ?) AND (?::DATE IS NULL OR dct <= ?) "
            "ORDER BY phrase DESC, dct NULLS LAST, id LIMIT ?",
            [phrase, *(_like(w) for w in words), lo, lo, hi, hi, limit]).fetchall()
        return [SearchHit(i, d, s, _snippet(t, words), bool(p)) for i, d, s, t, p in rows]

    def export(self, out_dir: str | Path, format: str = "parquet") -> list[Path]:
        """Write every table to ``out_dir/<table>.parquet``; returns the files written."""
        if format != "parquet":
            raise InputError(f"export format {format!r} is not supported; use parquet")
        out = Path(out_dir)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{out}: cannot create the folder ({exc.strerror or exc})") from exc
        written = []
        for table in TABLES:
            target = out / f"{table}.parquet"
            self._conn.table(table).write_parquet(str(target))  # the Python API: no file name in SQL text
            written.append(target)
        return written

    def stats(self) -> dict[str, Any]:
        """Rows per table, the schema version, the size in bytes (file and write-ahead log) and the DCT range."""
        out: dict[str, Any] = {"path": str(self.path), "schema_version": self.schema_version()}
        for table in _COLUMNS:
            row = self._conn.execute(f"SELECT count(*) FROM {table}").fetchone()  # table: our constant
            out[table] = int(row[0]) if row else 0
        first, last = self._conn.execute("SELECT min(dct), max(dct) FROM documents").fetchone() or (None, None)
        out["dct_from"] = first.isoformat() if first else None
        out["dct_to"] = last.isoformat() if last else None
        files = (self.path, self.path.with_name(self.path.name + ".wal"))
        out["bytes"] = sum(f.stat().st_size for f in files if f.exists())
        return out

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a query (with ``?`` parameters) and return its rows: for code building on the store."""
        return self._conn.execute(sql, list(params)).fetchall()


# --- connecting -----------------------------------------------------------------------------------

_LOCK = re.compile(r"Conflicting lock is held in (.*?) \(PID (\d+)\)")


def _connect(path: Path, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait
    delay = 0.02
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            message = str(exc)
            held = _LOCK.search(message)
            if held is None:
                if "not a valid DuckDB database file" in message:
                    raise StoreError(f"{path}: not a DuckDB database; give --db another file name") from exc
                raise StoreError(f"{path}: cannot open the database ({message})") from exc
            if time.monotonic() >= deadline:
                raise _locked(path, read_only, held.group(1), held.group(2), wait) from exc
        except duckdb.ConnectionException as exc:
            raise StoreError(f"{path}: already open in this process with other settings (read-only and "
                             f"read-write at once); close the other connection first ({exc})") from exc
        except duckdb.Error as exc:
            raise StoreError(f"{path}: cannot open the database ({exc})") from exc
        time.sleep(delay)
        delay = min(delay * 2, 0.25)


def _locked(path: Path, read_only: bool, program: str, pid: str, wait: float) -> StoreLockedError:
    waited = f" (waited {wait:g} s)" if wait else ""
    want = "read it" if read_only else "write it"
    return StoreLockedError(
        f"{path}: in use by another process (PID {pid}, {Path(program).name}){waited}. DuckDB allows one "
        f"process at a time to open a database file for writing, and no other process beside it, not even a "
        f"reader (several readers together are fine). To {want}, wait until the other process is done and try "
        f"again: newsline ingest opens the file only while it writes a batch, so readers get in between "
        f"batches, and an interrupted ingest resumes where it stopped")


# --- rows ----------------------------------------------------------------------------------------


def _ts(value: str | None) -> str | None:
    """An ISO datetime DuckDB can store as TIMESTAMP, or None."""
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.isoformat()


def _timex_row(doc_id: str, t: Timex) -> tuple[Any, ...]:
    interval = t.interval
    extra = json.dumps(dict(t.extra), ensure_ascii=False) if t.extra else None
    return (doc_id, t.tid, t.start, t.end, t.text, t.type, t.value, t.mod,
            _ts(interval.start) if interval else None, _ts(interval.end) if interval else None,
            t.grain, t.anchor, t.rule, t.confidence, extra)


def _event_rows(doc_id: str, doc: AnnotatedDocument) -> Iterator[tuple[Any, ...]]:
    placed = {entry.event.id: (rank, entry.time) for rank, entry in enumerate(doc.timeline)}
    for e in doc.events:
        rank, when = placed.get(e.id, (None, None))
        yield (doc_id, e.id, e.start, e.end, e.text, e.eclass, e.lemma, e.pos, e.tense, e.aspect, e.polarity,
               e.modality, e.sentence[0], e.sentence[1], list(e.participants), e.speaker, e.confidence,
               when.value if when else None, _ts(when.start) if when else None, _ts(when.end) if when else None,
               when.grain if when else None, when.basis if when else None,
               list(when.evidence) if when else None, when.confidence if when else None, rank)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _timex_of(r: tuple[Any, ...]) -> Timex:
    start, end, text, ttype, value, mod, i_start, i_end, grain, anchor, rule, conf, tid, extra = r
    interval = Interval(_iso(i_start), _iso(i_end)) if i_start is not None or i_end is not None else None
    pairs = tuple(json.loads(extra).items()) if extra else ()
    return Timex(start, end, text, ttype, value, mod, interval, grain, anchor, rule, conf, tid, pairs)


def _event_of(r: tuple[Any, ...]) -> Event:
    return Event(id=r[0], start=r[1], end=r[2], text=r[3], eclass=r[4], lemma=r[5], pos=r[6], tense=r[7],
                 aspect=r[8], polarity=r[9], modality=r[10], sentence=(r[11], r[12]), participants=tuple(r[13]),
                 speaker=r[14], confidence=r[15])


def _time_of(r: tuple[Any, ...]) -> EventTime:
    return EventTime(value=r[16], start=_iso(r[17]), end=_iso(r[18]), grain=r[19], basis=r[20],
                     evidence=tuple(r[21] or ()), confidence=r[22])


# --- search helpers --------------------------------------------------------------------------------

_BOUND = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def date_bound(value: date | str, *, end: bool) -> date:
    """A search bound from a date or ``YYYY``/``YYYY-MM``/``YYYY-MM-DD``: the first day, or the last if ``end``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    m = _BOUND.fullmatch(value.strip())
    if not m:
        raise InputError(f"date {value!r} is not usable; give YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2007-01")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day is not None:
            return date(year, int(month or 1), int(day))
        if month is not None:
            first = date(year, int(month), 1)
            if not end:
                return first
            following = date(year + (first.month == 12), first.month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return date(year, 12, 31) if end else date(year, 1, 1)
    except ValueError as exc:
        raise InputError(f"date {value!r} is not usable ({exc}); give YYYY, YYYY-MM or YYYY-MM-DD") from exc


def _like(word: str) -> str:
    """An ILIKE pattern matching ``word`` anywhere, its own % _ and \\ taken literally."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _snippet(text: str, words: Sequence[str], width: int = 70) -> str:
    lower = text.lower()
    at = lower.find(" ".join(words).lower())
    if at < 0:  # the words apart: around the longest one
        at = max(lower.find(max(words, key=len).lower()), 0)
    lo, hi = max(0, at - width), min(len(text), at + width + len(" ".join(words)))
    piece = " ".join(text[lo:hi].split())
    return ("..." if lo > 0 else "") + piece + ("..." if hi < len(text) else "")
