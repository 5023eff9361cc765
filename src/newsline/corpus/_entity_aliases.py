"""The entity index of a store (alias clusters, event hints, the events of each cluster): building it
(``refresh_aliases``), and finding the entity a name stands for, with close names when none does."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsline.corpus._entity_names import (
    _ORG_LIKE,
    _POSSESSIVE_THING,
    _PRONOUNS_PERSON,
    _PRONOUNS_THING,
    AliasRow,
    NameStat,
    acronyms,
    build_aliases,
    full_name_key,
    name_key,
    other_names,
)
from newsline.corpus._store import Store
from newsline.corpus._store_queries import EntityCount, _like
from newsline.errors import InputError

__all__ = ["ALIAS_VERSION", "EntityRef", "UnknownEntityError", "alias_table", "entity_counts", "refresh_aliases",
           "resolve_entity"]

ALIAS_VERSION = 15  # of the derived tables: a stored index built by another version is rebuilt


@dataclass(frozen=True, slots=True)
class _Index:
    """The tables of the entity index to query: the stored ones, or temporary ones computed by a reader."""

    aliases: str
    hints: str
    events: str


_STORED = _Index("entity_aliases", "event_hints", "entity_events")
_TEMP_PREFIX = "nl_"
_TEMP = _Index(f"{_TEMP_PREFIX}entity_aliases", f"{_TEMP_PREFIX}event_hints", f"{_TEMP_PREFIX}entity_events")

_PERSON_WORDS = sorted({v for w in _PRONOUNS_PERSON for v in (w, w.capitalize())})
_THING_WORDS = sorted({v for w in _PRONOUNS_THING for v in (w, w.capitalize())})
_GRAINS = ("second", "minute", "hour", "time", "part-of-day", "day", "week", "month", "season", "quarter", "half",
           "year", "decade", "century")
_DURING = ("SIMULTANEOUS", "IDENTITY", "IS_INCLUDED", "DURING", "INCLUDES", "BEGINS", "ENDS", "BEGUN_BY",
           "ENDED_BY")
_DATED_SQL = "{t}.time_start IS NOT NULL AND {t}.time_end IS NOT NULL AND coalesce({t}.time_value, '') " \
    "NOT IN ('PAST_REF', 'FUTURE_REF')"

# The rows of event_hints, from events, links and documents (parameters: _HINT_PARAMS).
_HINTS = (
    # a participant that is a pronoun ("she") or a description ("the company"), or a subject (the first
    # participant) that begins with "its" or "their" ("its shares fell"): the event is of what it stands for
    "WITH pr AS (SELECT doc_id, id, start, sentence_start, CASE WHEN list_has_any(participants, ?::VARCHAR[]) "
    "THEN 'person' WHEN list_has_any(participants, ?::VARCHAR[]) "
    "OR list_contains(?::VARCHAR[], lower(split_part(participants[1], ' ', 1))) "
f"THEN 'thing' END AS pronoun, NOT ({_DATED_SQL.format(t='events')}) AS undated FROM events), "
    "und AS (SELECT doc_id, id FROM pr WHERE undated), "
    # the links of undated events, each seen from the undated event
    "ln AS (SELECT u.doc_id, u.id, l.target AS other, true AS forward, l.rel, l.kind, l.confidence FROM und u "
    "JOIN links l ON l.doc_id = u.doc_id AND l.source = u.id WHERE l.kind IN ('event-event', 'event-dct') "
    "UNION ALL SELECT u.doc_id, u.id, l.source, false, l.rel, l.kind, l.confidence FROM und u "
    "JOIN links l ON l.doc_id = u.doc_id AND l.target = u.id WHERE l.kind IN ('event-event', 'event-dct')), "
    # to a dated event of the document, or to its creation time
    "cand AS (SELECT ln.*, false AS dct, o.time_value AS v, o.time_start AS s, o.time_end AS e, o.time_grain AS g "
    "FROM ln JOIN events o ON o.doc_id = ln.doc_id AND o.id = ln.other "
    f"WHERE ln.kind = 'event-event' AND {_DATED_SQL.format(t='o')} "
    "UNION ALL SELECT ln.*, true, strftime(d.dct, '%Y-%m-%d'), d.dct::TIMESTAMP, "
    "d.dct::TIMESTAMP + INTERVAL 1 DAY, 'day' FROM ln JOIN documents d ON d.id = ln.doc_id "
    "WHERE ln.kind = 'event-dct' AND d.dct IS NOT NULL), "
    "rel AS (SELECT *, CASE WHEN rel IN ('BEFORE', 'IBEFORE') THEN (CASE WHEN forward THEN 'before' ELSE 'after' END) "
    "WHEN rel IN ('AFTER', 'IAFTER') THEN (CASE WHEN forward THEN 'after' ELSE 'before' END) "
    "WHEN list_contains(?::VARCHAR[], rel) THEN 'during' END AS relation FROM cand), "
    # the best: to an event before to the DCT, during before before/after, then by confidence and grain
    "best AS (SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY doc_id, id ORDER BY dct, "
    "relation <> 'during', confidence DESC, coalesce(list_position(?::VARCHAR[], g), 99), other) AS n "
    "FROM rel WHERE relation IS NOT NULL) WHERE n = 1) "
    "SELECT pr.doc_id, pr.id, pr.start, pr.sentence_start, pr.pronoun, best.other, best.relation, best.v, best.s, "
    "best.e, best.g, best.confidence FROM pr LEFT JOIN best ON best.doc_id = pr.doc_id AND best.id = pr.id "
    "WHERE pr.pronoun IS NOT NULL OR best.other IS NOT NULL"
)
_HINT_PARAMS = [_PERSON_WORDS, _THING_WORDS, sorted(_POSSESSIVE_THING), list(_DURING), list(_GRAINS)]

# The rows of entity_events: every cluster's events (see _select for the same, for one entity and text matches).
_CLUSTER_EVENTS = (
    "WITH occ AS (SELECT DISTINCT a.cluster, m.doc_id, m.start AS s, m.\"end\" AS e FROM mentions m "
    "JOIN {entity_aliases} a ON a.entity_id = m.entity_id), "
    "part AS (SELECT o.cluster, p.doc_id, p.event_id AS id, 0 AS how FROM mentions p JOIN occ o "
    "ON p.doc_id = o.doc_id WHERE p.role = 'participant' AND o.s < p.\"end\" AND o.e > p.start), "
    "sent AS (SELECT o.cluster, ev.doc_id, arg_min(ev.id, [abs(ev.start - o.s), ev.start]) AS id, 2 AS how "
    "FROM events ev JOIN occ o ON ev.doc_id = o.doc_id WHERE o.s >= ev.sentence_start AND o.e <= ev.sentence_end "
    "GROUP BY o.cluster, ev.doc_id, ev.sentence_start), "
    # a pronoun's antecedent: the nearest named entity of its kind before it, in the same paragraph (a name the
    # recognizer missed but a participant is: "ordered Ellery held ... He was arrested", new-user trial Y)
    "ner AS (SELECT m.doc_id, m.start, min(m.entity_id) AS entity_id, min(e.label) AS label FROM mentions m "
    "JOIN entities e ON e.id = m.entity_id WHERE m.role IN ('ner', 'participant') AND e.label IS NOT NULL "
    "GROUP BY m.doc_id, m.start), "
    "np AS (SELECT doc_id, start, entity_id FROM ner WHERE label = 'PERSON'), "
    "nt AS (SELECT doc_id, start, entity_id FROM ner WHERE list_contains(?::VARCHAR[], label)), "
    "pp AS (SELECT doc_id, event_id, start, sentence_start FROM {event_hints} WHERE pronoun = 'person'), "
    "pt AS (SELECT doc_id, event_id, start, sentence_start FROM {event_hints} WHERE pronoun = 'thing'), "
    "ant AS (SELECT pp.doc_id, pp.event_id, pp.sentence_start, n.start AS at, n.entity_id FROM pp ASOF JOIN np n "
    "ON pp.doc_id = n.doc_id AND pp.start > n.start UNION ALL SELECT pt.doc_id, pt.event_id, pt.sentence_start, "
    "n.start, n.entity_id FROM pt ASOF JOIN nt n ON pt.doc_id = n.doc_id AND pt.start > n.start), "
    "pron AS (SELECT a.cluster, ant.doc_id, ant.event_id AS id, 1 AS how FROM ant "
    "JOIN {entity_aliases} a ON a.entity_id = ant.entity_id JOIN documents d ON d.id = ant.doc_id "
    "WHERE NOT regexp_matches(substring(d.text, ant.at + 1, greatest(ant.sentence_start - ant.at, 0)), "
    "'\\n[ \\t]*\\n')), "
    "pick AS (SELECT cluster, doc_id, id, min(how) AS how FROM (SELECT * FROM part UNION ALL SELECT * FROM pron "
    "UNION ALL SELECT * FROM sent) GROUP BY cluster, doc_id, id) "
    "SELECT pick.cluster, pick.doc_id, pick.id, pick.how, ev.start, ev.\"end\", ev.text, ev.lemma, ev.class, "
    "ev.sentence_start, ev.sentence_end, ev.participants, ev.time_value, ev.time_start, ev.time_end, ev.time_grain, "
    "ev.time_basis, ev.time_evidence, ev.time_confidence, ev.timeline_rank, hi.anchor, hi.relation, "
    "hi.anchor_value, hi.anchor_start, hi.anchor_end, hi.anchor_grain, hi.anchor_confidence, ev.title, ev.salience, "
    "ev.reports, ev.time_label FROM pick "
    "JOIN events ev ON ev.doc_id = pick.doc_id AND ev.id = pick.id "
    "LEFT JOIN {event_hints} hi ON hi.doc_id = pick.doc_id AND hi.event_id = pick.id "
    "ORDER BY pick.cluster, pick.doc_id, ev.start, pick.id"
)
_INDEX_QUERIES: list[tuple[str, str, Sequence[Any]]] = [
    ("event_hints", _HINTS, _HINT_PARAMS),
    ("entity_events", _CLUSTER_EVENTS, [sorted(_ORG_LIKE)]),
]


def _state(store: Store) -> tuple[str, str | None, bool]:
    """What the index is to be built from (version, row counts), the stored index's state, whether a
    temporary index exists on this connection."""
    count, texts, stored = store.execute(
        "SELECT (SELECT count(*) FROM documents), (SELECT coalesce(bit_xor(hash(content_hash)), 0) FROM documents), "
        "(SELECT value FROM meta WHERE key = 'aliases_of')")[0]
    # documents are added or replaced (ingest --replace): their number and texts tell the corpus
    state = f"v{ALIAS_VERSION}:{int(count)}:{int(texts):x}"
    if stored == state or not store.read_only:
        return state, stored, False
    temp = store.execute("SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name = ?",
                         [f"{_TEMP_PREFIX}index_state"])[0][0]
    return state, stored, bool(temp)


def _declared_acronyms(store: Store) -> dict[str, str]:
    """Acronyms an article gave a full name in brackets ("The German Weather Service (DWD) said"), by key: its
    mentions there carry the full name; elsewhere the acronym alone joins that name (new-user trial W)."""
    rows = store.execute(
        "SELECT DISTINCT m.text, e.name, e.label FROM mentions m JOIN entities e ON e.id = m.entity_id "
        "WHERE m.role = 'ner' AND m.text <> e.name AND regexp_full_match(m.text, '[A-Z][A-Z&]{1,7}')")
    out: dict[str, str] = {}
    for text, name, label in rows:
        out.setdefault(name_key(text), name_key(name, label))
    return out


def _name_stats(store: Store) -> list[NameStat]:
    rows = store.execute(
        "SELECT e.id, e.name, e.label, list(DISTINCT m.doc_id), count(DISTINCT (m.doc_id, m.start, m.\"end\")) "
        "FROM entities e JOIN mentions m ON m.entity_id = e.id GROUP BY e.id, e.name, e.label ORDER BY e.id")
    return [NameStat(int(eid), name, label, int(n), frozenset(docs)) for eid, name, label, docs, n in rows]


def refresh_aliases(store: Store, *, force: bool = False) -> bool:
    """Rebuild the stored entity index (``entity_aliases``, ``event_hints``) when the corpus changed since it
    was built; True when it did.  Needs a store opened for writing; ``newsline ingest`` calls it at the end."""
    state, stored, _ = _state(store)
    if not force and stored == state:
        return False
    aliases = [r.as_tuple() for r in build_aliases(_name_stats(store), _declared_acronyms(store))]
    store.replace_entity_index(aliases, _INDEX_QUERIES, state)
    return True


def _index(store: Store) -> _Index:
    """The tables to query: the stored index when up to date; else it is rebuilt (a writable store) or
    computed into temporary tables once per connection (a read-only one)."""
    state, stored, temp = _state(store)
    if stored == state:
        return _STORED
    if not store.read_only:
        refresh_aliases(store)
        return _STORED
    if temp and store.execute(f"SELECT value FROM {_TEMP_PREFIX}index_state")[0][0] == state:
        return _TEMP
    aliases = [r.as_tuple() for r in build_aliases(_name_stats(store), _declared_acronyms(store))]
    store.temporary_entity_index(aliases, _INDEX_QUERIES, state, prefix=_TEMP_PREFIX)
    return _TEMP


def alias_table(store: Store) -> list[AliasRow]:
    """The alias table (computed now when the stored one is out of date)."""
    table = _index(store).aliases
    return [AliasRow(*r) for r in store.execute(
        f"SELECT entity_id, alias, cluster, name, label FROM {table} ORDER BY cluster, alias, entity_id")]


def entity_counts(store: Store, top: int | None = None, *, label: str | None = None, query: str = "",
                  offset: int = 0) -> tuple[int, list[EntityCount]]:
    """The entities as a timeline finds them: one row per alias cluster ("Falk" with "Edwin Falk"), named and
    labelled as the cluster is, by mentions (then documents, then name); with ``query``, those one of whose
    names holds it (any case), names starting with it first.  Also the number of rows without ``top``/``offset``.
    """
    index = _index(store)
    like = _like(query)
    rows = store.execute(
        "WITH c AS (SELECT a.cluster, any_value(a.name) AS name, any_value(a.label) AS label, "
        "count(DISTINCT (m.doc_id, m.start, m.\"end\")) AS n, count(DISTINCT m.doc_id) AS docs, "
        "bool_or(e.name ILIKE ? ESCAPE '\\') AS hit "
        f"FROM mentions m JOIN {index.aliases} a ON a.entity_id = m.entity_id JOIN entities e ON e.id = m.entity_id "
        "GROUP BY a.cluster) "
        "SELECT name, label, n, docs, count(*) OVER () FROM c WHERE hit AND (?::VARCHAR IS NULL OR label = ?) "
        "ORDER BY starts_with(lower(name), lower(?)) DESC, n DESC, docs DESC, name LIMIT ? OFFSET ?",
        [like, label, label, query, top if top is not None else 2**62, offset])
    return (int(rows[0][4]) if rows else 0), [EntityCount(str(r[0]), r[1], int(r[2]), int(r[3])) for r in rows]


# ------------------------------------------------------------------ finding an entity


class UnknownEntityError(InputError):
    """No stored entity goes by the name asked for; ``suggestions`` are close names."""

    def __init__(self, message: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.suggestions = tuple(suggestions)


@dataclass(frozen=True, slots=True)
class EntityRef:
    """A resolved entity: its display name, label, cluster key, names seen in the corpus and entity ids."""

    name: str
    label: str | None
    cluster: str
    aliases: tuple[str, ...]
    entity_ids: tuple[int, ...]
    clusters: tuple[str, ...] = ()  # the alias clusters it stands for (several for a name found by its parts)


def resolve_entity(store: Store, name: str) -> EntityRef:
    """The entity a name stands for, by any of its aliases, case-insensitively.

    Looked up by the name's key (:func:`name_key`): an alias first, then a cluster
    key, then, for one word, the single cluster whose full name ends or starts with
    it.  Raises :class:`UnknownEntityError` (with close names) otherwise.
    """
    return _resolve(store, _index(store), name)


def _resolve(store: Store, index: _Index, name: str) -> EntityRef:
    keys = list(dict.fromkeys(k for k in (name_key(name), name_key(name, "PERSON")) if k))
    if not keys:
        raise UnknownEntityError("give an entity name, e.g. --entity \"Steve Jobs\"")
    for key in keys:
        found = _lookup(store, index, key)
        if found:
            return found
    for key in _other_keys(store, index, keys):
        found = _lookup(store, index, key, fits=False)
        if found:
            return found
    words = name.split()
    if 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words):
        # "Anders Opedal" stored only as "Opedal" (the recognizer left the first name out of "Equinor chief
        # executive Anders Opedal": new-user trial AI): the surname's entity when it is a name of its own
        surname = name_key(words[-1], "PERSON")
        found = _lookup(store, index, surname, fits=False) if surname else None
        if found and found.clusters == (surname,) and found.label == "PERSON":
            return found
    raise _unknown(store, index, name)


def _lookup(store: Store, index: _Index, key: str, *, fits: bool = True) -> EntityRef | None:
    """The cluster of an alias or cluster key; with ``fits``, for one word, the single cluster whose key
    ends or starts with it (or, of several that all end with it, the single one of two words)."""
    rows = store.execute(
        f"WITH exact AS (SELECT cluster FROM {index.aliases} WHERE alias = ? OR cluster = ? "
        "ORDER BY alias = ? DESC, cluster LIMIT 1), "
        f"fits AS (SELECT DISTINCT cluster FROM {index.aliases} WHERE NOT EXISTS (SELECT 1 FROM exact) AND ? "
        "AND (cluster LIKE ? ESCAPE '\\' OR cluster LIKE ? ESCAPE '\\')), "
        # of several that all end with it, the one name of two words ("Delaney": "marcus delaney", not also
        # "ex-halvorsen cfo delaney", a role the recognizer took into the name; "United" of "manchester united"
        # and "united airlines" stays ambiguous)
        "named AS (SELECT cluster FROM fits WHERE (SELECT count(*) FROM fits) > 1 "
        "AND NOT EXISTS (SELECT 1 FROM fits f WHERE NOT f.cluster LIKE ? ESCAPE '\\') "
        "AND length(cluster) - length(replace(cluster, ' ', '')) = 1), "
        "chosen AS (SELECT cluster FROM exact UNION ALL "
        "SELECT cluster FROM fits WHERE (SELECT count(*) FROM fits) = 1 UNION ALL "
        "SELECT cluster FROM named WHERE (SELECT count(*) FROM named) = 1) "
        f"SELECT a.entity_id, a.alias, a.cluster, a.name, a.label, e.name FROM {index.aliases} a "
        "JOIN entities e ON e.id = a.entity_id WHERE a.cluster IN (SELECT cluster FROM chosen) "
        "ORDER BY a.cluster, a.alias, a.entity_id",
        [key, key, key, fits and " " not in key, _like_word(key, last=True), _like_word(key, last=False),
         _like_word(key, last=True)])
    if not rows:
        return None
    first = rows[0]
    seen = sorted({str(r[5]) for r in rows} - {first[3]}, key=lambda n: (n.lower(), n))
    return EntityRef(str(first[3]), first[4], str(first[2]), tuple(seen),
                     tuple(sorted({int(r[0]) for r in rows})), (str(first[2]),))


def _other_keys(store: Store, index: _Index, keys: Sequence[str]) -> list[str]:
    """Keys a name no alias has may go by: its well-known other names (``lang/en/short_names.toml``), its
    acronym ("European Central Bank" -> "ecb"), the cluster it is the acronym of ("IBM" ->
    "international business machines"), the cluster or alias it is without accents ("Zoe Angstrom" ->
    "zoë ångström").  (Not a longer name's first word: "Beatles Apple Corps" is no
    "Beatles".)"""
    out: list[str] = []
    clusters: list[str] | None = None
    names: list[str] | None = None
    for key in keys:
        full = full_name_key(key)
        out += [k for k in (full, *(name_key(n) for n in other_names(key))) if k and k != key]
        out += acronyms(key)
        if clusters is None:
            clusters = [str(c) for (c,) in store.execute(f"SELECT DISTINCT cluster FROM {index.aliases}")]
        if " " not in key:
            out += sorted(c for c in clusters if key.replace(".", "") in acronyms(c))
        if names is None:
            names = sorted({str(a) for (a,) in store.execute(f"SELECT DISTINCT alias FROM {index.aliases}")}
                           | set(clusters))
        plain = _unaccented(key)  # "zoe angstrom" for "Zoë Ångström", as people type without accents
        out += [n for n in names if n != key and _unaccented(n) == plain]
    return list(dict.fromkeys(k for k in out if k not in keys))


def _unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _like_word(word: str, *, last: bool) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"% {escaped}" if last else f"{escaped} %"


def _unknown(store: Store, index: _Index, name: str) -> UnknownEntityError:
    """The error for a name no entity has, suggesting close names (shown by their cluster's full name)."""
    shown: dict[str, str] = {}
    for entity_name, full in store.execute(
            f"SELECT e.name, coalesce(a.name, e.name) FROM entities e LEFT JOIN {index.aliases} a "
            "ON a.entity_id = e.id WHERE e.label IS NOT NULL ORDER BY e.name"):
        shown.setdefault(str(entity_name).lower(), str(full))
        shown.setdefault(str(full).lower(), str(full))
    close = difflib.get_close_matches(name.lower(), list(shown), n=8, cutoff=0.6)
    words = {w for w in name.lower().split() if len(w) > 2}
    if words:  # a word of the name in a stored name: "Novak" -> "Alicia Novak"; the start of one or a word
        # spelt nearly so: "Varg", "Vraga" -> "Dennis Varga"
        close += sorted(n for n in shown if words & set(n.split()))
        close += sorted(n for n in shown if any(
            v.startswith(w) or (len(w) > 3 and difflib.SequenceMatcher(None, w, v).ratio() >= 0.8)
            for w in words for v in n.split()))
    suggestions = list(dict.fromkeys(shown[c] for c in close))[:5]
    hint = f"; did you mean {', '.join(repr(s) for s in suggestions)}?" if suggestions else \
        f"; list the stored names with: newsline entities --db {store.path}"
    return UnknownEntityError(f"no entity {name!r} in {store.path}{hint}", suggestions)


def _by_parts(store: Store, index: _Index, name: str) -> EntityRef:
    """A name no stored entity has, as written, with the entities its longest known parts of two or more
    words name ("Beatles Apple Corps": "Apple Corps")."""
    shown = " ".join(name.split())
    words = shown.split()
    found: list[EntityRef] = []
    for size in range(len(words) - 1, 1, -1):
        for i in range(len(words) - size + 1):
            try:
                found.append(_resolve(store, index, " ".join(words[i:i + size])))
            except UnknownEntityError:
                continue
        if found:
            break
    ids = tuple(sorted({i for r in found for i in r.entity_ids}))
    aliases = tuple(sorted({n for r in found for n in (r.name, *r.aliases)} - {shown}))
    label = found[0].label if found else None
    return EntityRef(shown, label, name_key(shown), aliases, ids, tuple(sorted({c for r in found for c in r.clusters})))
