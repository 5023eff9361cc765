"""The entity-timeline adapter over ``newsline.corpus._entity_timeline`` and the per-process timeline cache.

:func:`entity_timeline_json` builds a whole timeline, :func:`page_entries` adds the
time expressions to one page of it, :class:`TimelineCache` keeps recent timelines.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from newsline.corpus._store import Store

__all__ = ["TimelineCache", "UnknownEntity", "entity_timeline_json", "page_entries", "refresh_aliases"]


_FINE = frozenset({"day", "part-of-day", "hour", "minute", "second", "time"})


def _day(start: str | None, end: str | None, grain: str | None) -> str | None:
    if start is None or end is None or grain not in _FINE:
        return None
    return start[:10] if end[:10] == start[:10] or end[11:] == "00:00:00" and end[:10] > start[:10] else None


def page_entries(store: Store, entries: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add to each source the time expressions of its sentence and those that dated it (``time.evidence``), and
    its document's title (a web page's; None otherwise)."""
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
    docs = sorted({s["doc_id"] for e in entries for s in e["sources"]})
    titles = dict(store.execute("SELECT id, title FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[])) "
                                "AND title IS NOT NULL", [docs])) if docs else {}
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
            sources.append({**s, "timexes": refs, "title": titles.get(s["doc_id"])})
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
    without their timex offsets (added per page by :func:`page_entries`).
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
            "title": item.title or item.text, "when_text": item.when_text, "salience": round(item.salience, 3),
            "hidden": item.hidden, "ended_by": item.ended_by,
        })
    return {
        "entity": tl.entity.name, "label": tl.entity.label, "aliases": list(tl.entity.aliases), "query": entity,
        "from": tl.date_from.isoformat() if tl.date_from else None,
        "to": tl.date_to.isoformat() if tl.date_to else None,
        "documents": len({d for e in entries for d in e["documents"]}), "entries": entries,
    }


class TimelineCache:
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


def refresh_aliases(store: Store) -> None:
    """Bring the store's entity index up to date (after an ingest, or on opening a writable store)."""
    from newsline.corpus._entity_aliases import refresh_aliases as refresh

    refresh(store)
