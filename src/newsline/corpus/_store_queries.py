"""Reading the corpus store: documents, the annotations they were stored with, entities, mentions,
search by words and dates, Parquet export and statistics."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from newsline._model import AnnotatedDocument, EntityMention, Event, EventTime, Interval, Link, TimelineEntry, Timex
from newsline.corpus._store_schema import _COLUMNS, TABLES, _StoreBase
from newsline.corpus._words import word_core, word_pattern
from newsline.errors import InputError, StoreError
from newsline.events._annotate import mention_order


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
    title: str | None = None  # a web page's title, or a text file's headline (schema version 4)
    url: str | None = None
    dct_source: str | None = None  # meta, url, text or given (None: stored before version 4)
    dct_confidence: float | None = None


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


class _StoreQueries(_StoreBase):
    """The reading methods of :class:`~newsline.corpus._store.Store`."""

    def known(self) -> dict[str, str]:
        """Every stored document's id with its content hash."""
        return dict(self._conn.execute("SELECT id, content_hash FROM documents").fetchall())

    def stored_id(self, doc_id: str) -> str:
        """The id as it is stored when only its path is written otherwise: ingest stores a file's path in its
        plain form ("./a3.txt" is "a3.txt"; new-user trial AA), and a store written before that kept the "./" of
        "ingest .".  An id that is no stored path (a feed's own ids, URLs) comes back as given."""
        plain = os.path.normpath(doc_id) if doc_id else doc_id
        for form in dict.fromkeys((doc_id, plain, f"./{plain}")):
            if self._conn.execute("SELECT 1 FROM documents WHERE id = ?", [form]).fetchone() is not None:
                return form
        return doc_id

    def known_dates(self) -> dict[str, str | None]:
        """Every stored document's id with its DCT (ISO), for corrections of the date alone (ingest --replace)."""
        return {i: d.isoformat() if d is not None else None
                for i, d in self._conn.execute("SELECT id, dct FROM documents").fetchall()}

    def has_hash(self, digest: str) -> bool:
        """Whether a document with this content hash (see :func:`content_hash`) is stored."""
        return self._conn.execute("SELECT 1 FROM documents WHERE content_hash = ?", [digest]).fetchone() is not None

    def documents(self) -> list[DocumentInfo]:
        """Every stored document (without its text), by DCT then id."""
        rows = self._conn.execute(
            "SELECT id, source, dct, content_hash, ingested_at, length(text), '', title, url, dct_source, "
            "dct_confidence FROM documents ORDER BY dct NULLS LAST, id").fetchall()
        return [DocumentInfo(*row) for row in rows]

    def document(self, doc_id: str) -> DocumentInfo | None:
        """One stored document with its text, or None."""
        row = self._conn.execute(
            "SELECT id, source, dct, content_hash, ingested_at, length(text), text, title, url, dct_source, "
            "dct_confidence FROM documents WHERE id = ?", [doc_id]).fetchone()
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
            "time_basis, time_evidence, time_confidence, timeline_rank, title, reports, attributed_to, salience, "
            "time_label FROM events WHERE doc_id = ? "
            "ORDER BY start, \"end\"", [doc_id]).fetchall()
        events = [_event_of(r) for r in event_rows]
        ranked = sorted(((r[23], e, _time_of(r), float(r[27] or 0.0)) for r, e in zip(event_rows, events, strict=True)
                         if r[23] is not None), key=lambda x: x[0])
        links = tuple(Link(*r) for r in self._conn.execute(
            "SELECT id, source, target, rel, kind, confidence FROM links WHERE doc_id = ? "
            "ORDER BY try_cast(substr(id, 2) AS INTEGER), id", [doc_id]).fetchall())
        mentions = tuple(EntityMention(*r) for r in self._conn.execute(
            "SELECT m.start, m.\"end\", m.text, e.name, e.label, m.role, m.event_id FROM mentions m "
            "JOIN entities e ON e.id = m.entity_id WHERE m.doc_id = ?", [doc_id]).fetchall())
        return AnnotatedDocument(text=text, dct=dct, timexes=timexes, events=tuple(events), links=links,
                                 timeline=tuple(TimelineEntry(e, t, s) for _, e, t, s in ranked), id=doc_id,
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
        participants that are no named entity ("the company").  A name without a letter ("2024", which NER
        took for an event) is no entity: the alias index has none, so no timeline would answer it.
        """
        rows = self._conn.execute(
            "WITH spans AS (SELECT DISTINCT e.name, e.label, m.doc_id, m.start, m.\"end\" FROM mentions m "
            "JOIN entities e ON e.id = m.entity_id WHERE (NOT ? OR e.label IS NOT NULL) "
            "AND regexp_matches(e.name, '\\pL')), "
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
        occur as one phrase come first, then by DCT.  Whole words, in any of their regular forms
        ("earthquakes" finds "earthquake", "flooding" finds "flooded"; "Oka" does not find "Okafor": new-user
        trial Z checked a corrected name was gone), by regular expression (DuckDB's full-text extension needs a
        download).
        """
        typed = text.split()
        words = [word_core(w) if w.isalpha() else w for w in typed]
        if not words:
            raise InputError("search needs at least one word")
        lo = date_bound(date_from, end=False) if date_from is not None else None
        hi = date_bound(date_to, end=True) if date_to is not None else None
        if lo and hi and lo > hi:
            raise InputError(f"--from {lo} is after --to {hi}")
        phrase = _like(" ".join(typed))
        where = " AND ".join(["regexp_matches(text, ?)"] * len(typed))
        rows = self._conn.execute(
            f"SELECT id, dct, source, text, text ILIKE ? ESCAPE '\\' AS phrase FROM documents WHERE {where} "
            "AND (?::DATE IS NULL OR dct >= ?) AND (?::DATE IS NULL OR dct <= ?) "
            "ORDER BY phrase DESC, dct NULLS LAST, id LIMIT ?",
            [phrase, *(word_pattern(w) for w in typed), lo, lo, hi, hi, limit]).fetchall()
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


# --- rows read back ------------------------------------------------------------------------------


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
                 speaker=r[14], confidence=r[15], title=r[24] or "", reports=r[25], attributed_to=r[26])


def _time_of(r: tuple[Any, ...]) -> EventTime:
    """The event's time; a multi-day one the model placed gets its span back from the stored label."""
    return EventTime(value=r[16], start=_iso(r[17]), end=_iso(r[18]), grain=r[19], basis=r[20],
                     evidence=tuple(r[21] or ()), confidence=r[22], span=span_of(r[20], r[28]))


def span_of(basis: str | None, label: str | None) -> tuple[str, str] | None:
    """The span (begin, end) of a multi-day time the model placed, from its stored label; else None."""
    if basis == "model" and label and label.startswith("beginPoint=") and "endPoint=" in label:
        begin, end = label[len("beginPoint="):].split("endPoint=", 1)
        return begin, end
    return None


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
    """The words in context: from the article (not its "date ..." line), cut between words."""
    from newsline.timex._inputs import split_header

    _dct, body = split_header(text, strict=False)
    lower = text.lower()
    at = lower.find(" ".join(words).lower(), body)
    if at < 0:  # the words apart: around the longest one
        at = max(lower.find(max(words, key=len).lower(), body), body)
    lo, hi = max(body, at - width), min(len(text), at + width + len(" ".join(words)))
    while lo > body and not text[lo - 1].isspace():  # whole words at both ends
        lo += 1
    while hi < len(text) and not text[hi].isspace():
        hi -= 1
    piece = " ".join(text[lo:max(hi, at + 1)].split())
    return ("..." if lo > body else "") + piece + ("..." if hi < len(text) else "")
