"""The corpus store's schema: the tables (version 4), their DDL, the migrations from older versions, and
the base of :class:`~newsline.corpus._store.Store` that checks, creates or migrates it on open.

Schema (version 4; ``docs/store.md`` has the same with examples).  Offsets are
character offsets into ``documents.text``, so ``text[start:end]`` is the
mention, time expression or event as written.

``meta(key, value)``
    ``schema_version`` (checked on open), ``created_by`` (the newsline version).
``documents(id, source, dct, text, content_hash, ingested_at, title, url, dct_source, dct_confidence)``
    ``id`` primary key; ``source`` where it came from (file, ``file:line``);
    ``content_hash`` the SHA-256 of ``text`` (unique: the same text is stored once); version 4 adds the
    page's ``title`` and address ``url`` (web pages), where the DCT came from (``dct_source``: ``meta``,
    ``url`` or ``text`` of a web page, ``given`` by a header, record, TimeML or ``--dct``) and how sure
    it is (``dct_confidence``, 0..1).
``timexes(doc_id, id, start, end, text, type, value, mod, interval_start, interval_end, grain, anchor, rule,
confidence, extra)``
    the TIMEX3s; ``extra`` is a JSON object of further attributes (``quant``, ``freq``) or NULL.
``events(doc_id, id, start, end, text, class, lemma, pos, tense, aspect, polarity, modality, sentence_start,
sentence_end, participants, speaker, confidence, time_value, time_start, time_end, time_grain, time_basis,
time_evidence, time_confidence, timeline_rank, title, when_text, salience, reports, attributed_to, time_label)``
    the events with their place on the document timeline (``time_*``, from
    ``AnnotatedDocument.timeline``; ``timeline_rank`` is the position in it); version 3 adds what people
    read (``title``, the date in words ``when_text``), ``salience`` (0..1 within the document), the report
    link (``reports``: the event a reporting event reports; ``attributed_to``: the reporting event) and
    ``time_label`` (``EventTime.label``, the TimeBank-EventTime notation).
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
    columns a timeline shows (copied from ``events`` and ``event_hints``; version 5 adds
    ``title``, ``salience``, ``reports`` and ``time_label``), so that one filtered
    scan answers for a cluster, with no join.
    The three are derived data, rebuilt together by
    :func:`newsline.corpus._entity_aliases.refresh_aliases` (``newsline ingest`` does it at
    the end); ``meta`` key ``aliases_of`` records what they were built from, so a
    stale index is recognised (and computed in memory by a reader).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import cast

import duckdb

from newsline.corpus._sql_literals import LiteralConnection
from newsline.errors import StoreError

SCHEMA_VERSION = 5

Migration = Callable[[duckdb.DuckDBPyConnection], None]
# MIGRATIONS[v] upgrades a version-v database to v + 1 (run inside one transaction on open for writing).
MIGRATIONS: dict[int, Migration] = {}  # filled below the table definitions

# Version 3: what people read of an event (its phrase, its date in words), its salience, the report link
# and the TimeBank-EventTime label of its time.
_V3_EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("title", "VARCHAR"), ("when_text", "VARCHAR"), ("salience", "DOUBLE"), ("reports", "VARCHAR"),
    ("attributed_to", "VARCHAR"), ("time_label", "VARCHAR"),
)

# Version 4: what a web page tells about the document (its title and address) and where its date came from.
_V4_DOCUMENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("title", "VARCHAR"), ("url", "VARCHAR"), ("dct_source", "VARCHAR"), ("dct_confidence", "DOUBLE"),
)

# Version 5: what people read of each of a cluster's events, copied into entity_events (a timeline reads that table
# alone, no join with events).
_V5_ENTITY_EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("title", "VARCHAR"), ("salience", "DOUBLE"), ("reports", "VARCHAR"), ("time_label", "VARCHAR"),
)

_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "documents": (
        ("id", "VARCHAR"), ("source", "VARCHAR"), ("dct", "DATE"), ("text", "VARCHAR"),
        ("content_hash", "VARCHAR"), ("ingested_at", "TIMESTAMP"), *_V4_DOCUMENT_COLUMNS,
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
        *_V3_EVENT_COLUMNS,
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
        ("anchor_confidence", "DOUBLE"), *_V5_ENTITY_EVENT_COLUMNS,
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


def _add_columns(conn: duckdb.DuckDBPyConnection, table: str, columns: Sequence[tuple[str, str]]) -> None:
    """Add to ``table`` those of ``columns`` (name, SQL type) it does not have yet."""
    have = {row[0] for row in conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]).fetchall()}
    for name, sqltype in columns:
        if name not in have:
            conn.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {sqltype}')


def _v2_to_v3(conn: duckdb.DuckDBPyConnection) -> None:
    """Version 3 adds the event columns ``title``, ``when_text``, ``salience``, ``reports``, ``attributed_to``
    and ``time_label`` (NULL for the events already stored: readers fall back to the trigger word, the date
    written from the ``time_*`` columns and no salience; ingest the documents into a new file to fill them)."""
    _add_columns(conn, "events", _V3_EVENT_COLUMNS)


MIGRATIONS[2] = _v2_to_v3


def _v3_to_v4(conn: duckdb.DuckDBPyConnection) -> None:
    """Version 4 adds the document columns ``title``, ``url``, ``dct_source`` and ``dct_confidence`` (NULL for
    the documents already stored: their DCT was given by a header, record or TimeML file)."""
    _add_columns(conn, "documents", _V4_DOCUMENT_COLUMNS)


MIGRATIONS[3] = _v3_to_v4


def _v4_to_v5(conn: duckdb.DuckDBPyConnection) -> None:
    """Version 5 adds to ``entity_events`` the event columns ``title``, ``salience``, ``reports`` and
    ``time_label`` (a derived table: the entity index is rebuilt with them on the next write, as its
    ``ALIAS_VERSION`` changed with them)."""
    conn.execute(_table_ddl("entity_events").replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1))
    _add_columns(conn, "entity_events", _V5_ENTITY_EVENT_COLUMNS)


MIGRATIONS[4] = _v4_to_v5


class _StoreBase:
    """A connection to a newsline database whose schema is checked: what the writes and queries of
    :class:`~newsline.corpus._store.Store` build on."""

    def __init__(self, conn: duckdb.DuckDBPyConnection, path: Path, read_only: bool) -> None:
        # queries with their parameters as literals: binding one makes DuckDB import pandas (``_sql_literals``);
        # the wrapper forwards everything else, so it stands in for the connection
        self._conn = conn if isinstance(conn, LiteralConnection) else cast(duckdb.DuckDBPyConnection,
                                                                           LiteralConnection(conn))
        self.path = path
        self.read_only = read_only

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

    def _transaction(self) -> _StoreBase._Tx:
        return _StoreBase._Tx(self._conn)
