"""Writing to the corpus store: documents in idempotent batches (one transaction each) and the derived
entity index, with the rows they become and the ids that make two documents or entities the same.

Bulk inserts pass each batch as one JSON parameter (``from_json``), which is
much faster than binding rows one by one; every user value reaches SQL as a
bound parameter, never as SQL text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from newsline._model import AnnotatedDocument, Timex
from newsline.corpus._store_schema import _COLUMNS, DERIVED, _StoreBase, _table_ddl
from newsline.errors import StoreError


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
    title: str | None = None  # a web page's title
    url: str | None = None  # a web page's address
    dct_source: str | None = None  # meta, url, text (a web page) or given
    dct_confidence: float | None = None

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
            return (f"id {self.id!r} is already stored with a different text; skipped (give this one another id, "
                    "or, when it is a corrected version, replace the stored one: ingest --replace, or "
                    "\"replace\": true over HTTP)")
        if self.reason == "duplicate text":
            return f"same text as {self.other!r}, which is stored; not stored twice"
        return f"{self.id!r} is already stored"


@dataclass(frozen=True, slots=True)
class AddResult:
    stored: tuple[str, ...]
    skipped: tuple[Skipped, ...]
    replaced: tuple[str, ...] = ()  # of ``stored``: ids whose earlier text was replaced


# The tables that hold a document's rows, by their column of the document id (the entity index is rebuilt).
_DOCUMENT_ROWS = (("documents", "id"), ("timexes", "doc_id"), ("events", "doc_id"), ("links", "doc_id"),
                  ("mentions", "doc_id"), ("event_hints", "doc_id"), ("entity_events", "doc_id"))


class _StoreWrites(_StoreBase):
    """The writing methods of :class:`~newsline.corpus._store.Store`."""

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

    def add_documents(self, batch: Sequence[NewDocument], *, replace: bool = False) -> AddResult:
        """Store a batch of documents in one transaction: all of them or (on an error) none.

        A document whose text is stored already (under any id) is skipped and reported in the result; so is
        one whose id is stored with another text, unless ``replace``: then it replaces that text and
        everything found in it (a corrected article), in the same transaction.
        """
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only; cannot add documents")
        ids = [d.id for d in batch]
        hashes = [d.content_hash for d in batch]
        with self._transaction():
            have = self._conn.execute(
                "SELECT id, content_hash, dct FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[])) "
                "OR content_hash IN (SELECT unnest(?::VARCHAR[]))", [ids, hashes]).fetchall()
            by_id = {i: h for i, h, _ in have}
            by_hash = {h: i for i, h, _ in have}
            dates = {i: d for i, _, d in have}
            stored: list[NewDocument] = []
            skipped: list[Skipped] = []
            replaced: list[str] = []
            batch_ids: set[str] = set()
            for d, h in zip(batch, hashes, strict=True):
                if by_id.get(d.id) == h and replace and d.id not in batch_ids and dates.get(d.id) != d.doc.dct:
                    replaced.append(d.id)  # the same text with another date: a correction of the date alone
                    stored.append(d)
                    batch_ids.add(d.id)
                elif by_id.get(d.id) == h:
                    skipped.append(Skipped(d.id, d.source, "already stored", d.id))
                elif d.id in by_id and not replace:
                    skipped.append(Skipped(d.id, d.source, "duplicate id", d.id))
                elif h in by_hash:
                    skipped.append(Skipped(d.id, d.source, "duplicate text", by_hash[h]))
                else:
                    if d.id in batch_ids:  # twice in one batch with --replace: the later version (a feed's fix)
                        earlier = next(x for x in stored if x.id == d.id)
                        stored.remove(earlier)
                        by_hash.pop(earlier.content_hash, None)
                    elif d.id in by_id:
                        replaced.append(d.id)
                        by_hash.pop(by_id[d.id], None)
                    stored.append(d)
                    batch_ids.add(d.id)
                    by_id[d.id], by_hash[h] = h, d.id
            self._delete_rows(replaced)
            self._insert_rows(stored)
        return AddResult(tuple(d.id for d in stored), tuple(skipped), tuple(replaced))

    def remove_documents(self, ids: Sequence[str]) -> tuple[str, ...]:
        """Remove stored documents (a retracted article) with everything found in them, in one transaction;
        returns the ids that were stored (the others are left alone: the caller says so)."""
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only; cannot remove documents")
        wanted = list(dict.fromkeys(ids))
        with self._transaction():
            have = {r[0] for r in self._conn.execute(
                "SELECT id FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [wanted]).fetchall()}
            gone = [i for i in wanted if i in have]
            self._delete_rows(gone)
        return tuple(gone)

    def _delete_rows(self, ids: Sequence[str]) -> None:
        """Every row of the documents ``ids`` and the names no other document mentions (inside a transaction)."""
        if not ids:
            return
        for table, column in _DOCUMENT_ROWS:  # our constants, no user value
            self._conn.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?::VARCHAR[]))", [list(ids)])
        self._conn.execute("DELETE FROM entities e WHERE NOT EXISTS "
                           "(SELECT 1 FROM mentions m WHERE m.entity_id = e.id)")

    def _insert_rows(self, docs: Sequence[NewDocument]) -> None:
        if not docs:
            return
        now = datetime.now().replace(microsecond=0).isoformat()
        rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in _COLUMNS}
        entities: dict[int, tuple[Any, ...]] = {}
        for d in docs:
            doc = d.doc
            rows["documents"].append((d.id, d.source, doc.dct.isoformat() if doc.dct else None, doc.text,
                                      d.content_hash, now, d.title, d.url, d.dct_source, d.dct_confidence))
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
    salience = {entry.event.id: entry.salience for entry in doc.timeline}
    events = {entry.event.id: entry.event for entry in doc.timeline}  # titles are set on the timeline's events
    for e in doc.events:
        e = events.get(e.id, e)
        rank, when = placed.get(e.id, (None, None))
        yield (doc_id, e.id, e.start, e.end, e.text, e.eclass, e.lemma, e.pos, e.tense, e.aspect, e.polarity,
               e.modality, e.sentence[0], e.sentence[1], list(e.participants), e.speaker, e.confidence,
               when.value if when else None, _ts(when.start) if when else None, _ts(when.end) if when else None,
               when.grain if when else None, when.basis if when else None,
               list(when.evidence) if when else None, when.confidence if when else None, rank,
               e.title or None, when.when_text if when else None, salience.get(e.id), e.reports, e.attributed_to,
               when.label if when else None)
