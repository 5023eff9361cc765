"""The events of an entity in the stored documents: its occurrences (mentions, names as written) and the
events they make its own (participants, pronouns, sentences), one report of an event each.

**Selection** (:func:`entity_timeline`).  The entity's occurrences are its
mentions (NER and participants) plus, with ``text_match``, the places where one
of its names is written.  An event is the entity's when one of its participant
phrases holds an occurrence ("the new iPhone 4" holds "iPhone 4"), when a
pronoun participant ("he", "its") refers back to it (the nearest person or
organisation named before the event in the same paragraph), or, as a fallback,
when its sentence names the entity and no event of that sentence has it as a
participant.  Candidate rows come from DuckDB with bound parameters only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Literal

from newsline._model import EventTime
from newsline._records import positional_maker
from newsline._time_labels import ONGOING
from newsline.corpus._entity_aliases import EntityRef, _Index
from newsline.corpus._entity_names import _ORG_LIKE, _unpossessed
from newsline.corpus._store import Store
from newsline.corpus._store_queries import span_of
from newsline.events._coref import first_name_gender

__all__ = ["EventSource"]

Match = Literal["participant", "pronoun", "sentence"]


def _one_line(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class EventSource:
    """One report of an event: where it is (document, offsets, sentence), what it is and when it was placed."""

    doc_id: str
    dct: date | None
    event_id: str
    start: int
    end: int
    text: str
    lemma: str
    eclass: str
    sentence_start: int
    sentence_end: int
    sentence: str
    participants: tuple[str, ...]
    match: Match
    time: EventTime
    rank: int | None = None
    title: str = ""
    salience: float | None = None
    reports: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id, "dct": self.dct.isoformat() if self.dct else None, "event_id": self.event_id,
            "start": self.start, "end": self.end, "text": self.text, "title": self.title or self.text,
            "salience": self.salience, "reports": self.reports, "lemma": self.lemma, "class": self.eclass,
            "sentence": {"start": self.sentence_start, "end": self.sentence_end, "text": _one_line(self.sentence)},
            "participants": list(self.participants), "match": self.match, "time": self.time.to_dict(),
        }


# EventSource(...), EventTime(...) with every field, in order, three times faster (a large entity makes thousands)
_source = positional_maker(EventSource)
_time = positional_maker(EventTime)


# ------------------------------------------------------------------ selecting the events

@dataclass(frozen=True, slots=True)
class _Occ:
    doc_id: str
    start: int
    end: int


def _name_pattern(name: str) -> str | None:
    """A regular expression for a name as written: its words in order, one capitalised word allowed between
    two of them ("iTunes Music Store" for "iTunes store"), a model number first ("3G iPhone" for "iPhone 3G").
    A one-word name matches with its own capitals ("Jobs", not "jobs"); longer ones in any case."""
    words = [re.escape(_unpossessed(w)) + "(?:'s|')?" for w in name.split()]
    if not words:
        return None
    if len(words) == 1:
        return rf"(?-i:(?<!\w){words[0]}(?!\w))"
    gap = r"(?:\s+(?-i:[A-Z][\w.&-]*))?\s+"
    forms = [gap.join(words)]
    if len(words) == 2 and any(c.isdigit() for c in name):
        forms.append(rf"{words[1]}\s+{words[0]}")
    return "(?<!\\w)(?:" + "|".join(forms) + ")(?!\\w)"


def _text_matches(store: Store, names: Sequence[str]) -> list[_Occ]:
    """The places where one of ``names`` is written (see :func:`_name_pattern`)."""
    patterns = [p for p in (_name_pattern(n) for n in sorted(set(names))) if p]
    if not patterns:
        return []
    regex = re.compile("|".join(patterns), re.IGNORECASE)
    words = sorted({max(n.split(), key=len) for n in names if n.split()})
    where = " OR ".join(["text ILIKE ? ESCAPE '\\'"] * len(words))
    out: set[_Occ] = set()
    for doc_id, text in store.execute(f"SELECT id, text FROM documents WHERE {where}", [_like(w) for w in words]):
        for m in regex.finditer(text):
            out.add(_Occ(doc_id, m.start(), m.end()))
    return sorted(out, key=lambda o: (o.doc_id, o.start, o.end))


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_SEX_PRONOUNS = {"he": "he", "him": "he", "his": "he", "she": "she", "her": "she", "hers": "she"}


def _other_sex(gender: str | None, participants: Sequence[str] | None) -> bool:
    """Whether an event's pronoun participants are all of the other sex than a person whose first name says
    theirs ("she" for Mark Delaney); False when either is unknown."""
    if gender is None:
        return False
    sexes = {_SEX_PRONOUNS.get(p.lower()) for p in participants or ()} - {None}
    return bool(sexes) and gender not in sexes


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


# The entity's events in the documents that name it (parameters: see _select).  Every table is read with
# ``list_contains(<the documents>, doc_id)``, which DuckDB applies in the scan before it reads other columns.
_IN_DOCS = "list_contains(?::VARCHAR[], doc_id)"
_ISO = "strftime({}, '%Y-%m-%dT%H:%M:%S')"  # a timestamp as the ISO text EventTime holds
_EVENT_FIELDS = ("doc_id, id, start, \"end\", text, lemma, class, sentence_start, sentence_end, participants, "
                 "time_value, time_start, time_end, time_grain, time_basis, time_evidence, time_confidence, "
                 "timeline_rank")
_HINT_FIELDS = ("doc_id, event_id, anchor, relation, anchor_value, anchor_start, anchor_end, anchor_grain, "
                "anchor_confidence")
_CANDIDATES = (
    "WITH occ AS (SELECT unnest(?::VARCHAR[]) AS doc_id, unnest(?::INTEGER[]) AS s, unnest(?::INTEGER[]) AS e), "
    f"mn AS (SELECT doc_id, start, \"end\", role, event_id, entity_id FROM mentions WHERE {_IN_DOCS}), "
    # events with a participant phrase holding (overlapping) an occurrence
    "part AS (SELECT DISTINCT p.doc_id, p.event_id AS id FROM mn p JOIN occ o ON p.doc_id = o.doc_id "
    "WHERE p.role = 'participant' AND o.s < p.\"end\" AND o.e > p.start), "
    # per sentence holding an occurrence, the event nearest to it
    "sent AS (SELECT ev.doc_id, arg_min(ev.id, [abs(ev.start - o.s), ev.start]) AS id FROM "
    f"(SELECT doc_id, id, start, sentence_start, sentence_end FROM events WHERE ? AND {_IN_DOCS}) ev "
    "JOIN occ o ON ev.doc_id = o.doc_id WHERE o.s >= ev.sentence_start AND o.e <= ev.sentence_end "
    "GROUP BY ev.doc_id, ev.sentence_start), "
    # events with a pronoun participant whose nearest preceding name of the right kind is the entity's
    f"pe AS (SELECT doc_id, event_id AS id, start FROM {{hints}} WHERE ? AND pronoun = ? AND {_IN_DOCS}), "
    "nm AS (SELECT doc_id, start, bool_or(ours) AS ours FROM (SELECT m.doc_id, m.start, "
    "m.entity_id IN (SELECT unnest(?::BIGINT[])) AS ours FROM mn m JOIN entities e ON e.id = m.entity_id "
    "WHERE m.role IN ('ner', 'participant') AND e.label IN (SELECT unnest(?::VARCHAR[])) "
    "UNION ALL SELECT doc_id, s, true FROM occ) GROUP BY doc_id, start), "
    "pron AS (SELECT pe.doc_id, pe.id, nm.start AS ant FROM pe ASOF JOIN nm ON pe.doc_id = nm.doc_id "
    "AND pe.start > nm.start WHERE nm.ours), "
    "pick AS (SELECT doc_id, id, min(how) AS how, max(ant) AS ant FROM ("
    "SELECT doc_id, id, 0 AS how, NULL::INTEGER AS ant FROM part UNION ALL SELECT doc_id, id, 1, ant FROM pron "
    "UNION ALL SELECT doc_id, id, 2, NULL FROM sent) GROUP BY doc_id, id), "
    f"ev AS (SELECT {_EVENT_FIELDS} FROM events WHERE {_IN_DOCS}), "
    f"hi AS (SELECT {_HINT_FIELDS} FROM {{hints}} WHERE {_IN_DOCS}) "
)
# The stored events of a cluster (entity_events, which holds their columns and what people read of each: title,
# salience, report, label), in the columns of _FETCH and then those four, in the order _select keeps.
_CLUSTER_SELECT = (
    "SELECT x.doc_id, x.event_id, x.start, x.\"end\", x.text, x.lemma, x.class, x.sentence_start, x.sentence_end, "
    f"x.participants, x.time_value, {_ISO.format('x.time_start')}, {_ISO.format('x.time_end')}, x.time_grain, "
    "x.time_basis, x.time_evidence, x.time_confidence, x.timeline_rank, x.how, NULL, x.anchor, x.relation, "
    f"x.anchor_value, {_ISO.format('x.anchor_start')}, {_ISO.format('x.anchor_end')}, x.anchor_grain, "
    "x.anchor_confidence, x.title, x.salience, x.reports, x.time_label FROM {events} x "
    "WHERE list_contains(?::VARCHAR[], x.cluster) ORDER BY x.doc_id, x.start, x.event_id"
)
_FETCH = (
    "SELECT ev.doc_id, ev.id, ev.start, ev.\"end\", ev.text, ev.lemma, ev.class, ev.sentence_start, ev.sentence_end, "
    f"ev.participants, ev.time_value, {_ISO.format('ev.time_start')}, {_ISO.format('ev.time_end')}, ev.time_grain, "
    "ev.time_basis, ev.time_evidence, ev.time_confidence, ev.timeline_rank, pick.how, pick.ant, hi.anchor, "
    f"hi.relation, hi.anchor_value, {_ISO.format('hi.anchor_start')}, {_ISO.format('hi.anchor_end')}, "
    "hi.anchor_grain, hi.anchor_confidence "
    "FROM pick JOIN ev ON ev.doc_id = pick.doc_id AND ev.id = pick.id "
    "LEFT JOIN hi ON hi.doc_id = pick.doc_id AND hi.event_id = pick.id"
)
_HOW: tuple[Match, Match, Match] = ("participant", "pronoun", "sentence")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True, slots=True)
class _Anchor:
    """Where an event without a time of its own is placed: ``relation`` (before, after, during) a day.

    A link to a dated event of its document (``event_id`` that event's), or (``own``) the bounds its own time
    gives ("after 24 Apr 2025", "around 24 Apr 2025 (ongoing)"), read as the document timeline writes them
    (``text``)."""

    relation: str
    time: EventTime
    doc_id: str
    event_id: str
    own: bool = False
    text: str | None = None


_anchor = positional_maker(_Anchor)

_BOUND = re.compile(r"(before|after)(\d{4}-\d{2}-\d{2})")


@lru_cache(maxsize=4096)
def _bound_of(ends: tuple[str, str]) -> tuple[str, date, EventTime] | None:
    """(relation, day, the day's time) of a label's two ends (a single day's label twice), or None."""
    found = [_BOUND.fullmatch(x) for x in ends]
    if found[0] is None or found[1] is None:
        return None
    (side_a, day_a), (side_b, day_b) = found[0].groups(), found[1].groups()
    if side_a == side_b:
        relation, day = side_a, (day_b if side_a == "before" else day_a)
    elif side_a == "before" and day_a == day_b:
        relation, day = "during", day_a
    else:
        return None
    d = date.fromisoformat(day)
    return relation, d, EventTime(day, f"{day}T00:00:00", f"{date.fromordinal(d.toordinal() + 1).isoformat()}T00:00:00",
                                  "day", "dct")


def own_bounds(time: EventTime, doc_id: str, dct: date | None) -> _Anchor | None:
    """The anchor of an event whose own time only bounds it by one day: before or after that day (a single day
    or both ends of a span on the same side) or around it (a span that began before it and goes on after);
    None for a dated time, an unknown one or bounds by two different days.  ``event_id`` is ``t0`` when the day
    is the publication date ``dct``."""
    found = _bound_day(time)
    return None if found is None else _own_anchor(found, doc_id, dct)


_Bound = tuple[str, date, EventTime, str]  # relation, day, the day's time, the time in words


def _bound_day(time: EventTime) -> _Bound | None:
    """What :func:`own_bounds` finds of a time, whatever its document: it reads only the time's value, interval,
    grain, basis and span (the same few thousand recur across a large entity's reports)."""
    if time.start is not None and time.end is not None and time.value not in ("PAST_REF", "FUTURE_REF"):
        return None  # dated: its interval places it
    if time.value == ONGOING and time.start is not None:
        return None  # "since Jan 2016 (ongoing)": from where it began
    label = time.label
    if label is None:
        return None
    found = _bound_of(time.span if time.span is not None else (label, label))
    if found is None:
        return None
    relation, d, at = found
    return relation, d, at, time.when_text


def _own_anchor(found: _Bound, doc_id: str, dct: date | None) -> _Anchor:
    relation, d, at, text = found
    return _anchor(relation, at, doc_id, "t0" if dct is not None and d == dct else "", True, text)


def _occurrences(store: Store, ref: EntityRef, extra: Sequence[_Occ]) -> list[_Occ]:
    """The entity's mentions (through the index on ``mentions.entity_id``) and the text matches."""
    found = {_Occ(d, s, e) for d, s, e in store.execute(
        "SELECT DISTINCT doc_id, start, \"end\" FROM mentions WHERE entity_id IN (SELECT unnest(?::BIGINT[]))",
        [list(ref.entity_ids)])} if ref.entity_ids else set()
    return sorted(found | set(extra), key=lambda o: (o.doc_id, o.start, o.end))


def _select(store: Store, index: _Index, ref: EntityRef, extra: Sequence[_Occ], *, pronouns: bool,
            sentences: bool) -> tuple[list[EventSource], dict[tuple[str, str], _Anchor]]:
    """The entity's events (see the module docstring), one source per event, and the anchors of the undated.

    A stored cluster without text matches reads its events from ``entity_events``;
    otherwise they are found now, from the occurrences, by the same rules.
    """
    with_readable = not extra and bool(ref.clusters)  # _CLUSTER_SELECT's rows hold what people read
    if with_readable:  # in the order of the loop below
        rows = store.execute(_CLUSTER_SELECT.format(events=index.events), [list(ref.clusters)])
        if len(ref.clusters) > 1:  # an event of two clusters: once, by its closest match, where it came first
            best: dict[tuple[str, str], tuple[Any, ...]] = {}
            for r in rows:
                if (r[0], r[1]) not in best or r[18] < best[r[0], r[1]][18]:
                    best[r[0], r[1]] = r
            rows = list(best.values())
    else:
        occ = _occurrences(store, ref, extra)
        if not occ:
            return [], {}
        docs = sorted({o.doc_id for o in occ})
        person = ref.label == "PERSON"
        ids = list(ref.entity_ids)
        rows = store.execute(_CANDIDATES.format(hints=index.hints) + _FETCH, [
            [o.doc_id for o in occ], [o.start for o in occ], [o.end for o in occ], docs, sentences, docs,
            pronouns, "person" if person else "thing", docs, ids, ["PERSON"] if person else sorted(_ORG_LIKE),
            docs, docs])
    if not (pronouns and sentences):
        rows = [r for r in rows if r[18] == 0 or (r[18] == 1 and pronouns) or (r[18] == 2 and sentences)]
    if not rows:
        return [], {}
    texts = {d: (dct, text) for d, dct, text in store.execute(
        "SELECT id, dct, text FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))",
        [sorted({r[0] for r in rows})])}
    if not with_readable:
        readable = _readable(store, {(r[0], r[1]) for r in rows})
        rows = [(*r, *readable.get((r[0], r[1]), (None, None, None, None))) for r in rows]
        rows.sort(key=lambda r: (r[0], r[2], r[1]))  # the order of _CLUSTER_SELECT's
    gender = first_name_gender(ref.name) if ref.label == "PERSON" else None
    found: list[EventSource] = []
    anchors: dict[tuple[str, str], _Anchor] = {}
    bounds: dict[tuple[Any, ...], _Bound | None] = {}  # _bound_day of each distinct time (a few per hundred events)
    for row in rows:
        (doc_id, eid, start, end, text, lemma, eclass, s_start, s_end, participants, value, t_start, t_end, grain,
         basis, evidence, conf, rank, kind, ant, other, relation, a_value, a_start, a_end, a_grain, a_conf,
         title, salience, reports, label) = row
        dct, doc_text = texts[doc_id]
        if kind == 1 and ant is not None and _PARAGRAPH.search(doc_text, int(ant), max(int(ant), s_start)):
            continue  # the pronoun's antecedent is in an earlier paragraph
        if kind == 1 and _other_sex(gender, participants):
            continue  # "losing to Delaney ... She has said": not Mark Delaney's (new-user trial U)
        basis = basis or "unknown"
        span = span_of(basis, label) if basis == "model" else None  # a multi-day model time: its begin and end
        time = _time(value, t_start, t_end, grain, basis, tuple(evidence or ()), float(conf or 0.0), span)
        found.append(_source(doc_id, dct, eid, start, end, text, lemma or text.lower(), eclass or "OCCURRENCE",
                             s_start, s_end, doc_text[s_start:s_end].rstrip(), tuple(participants or ()), _HOW[kind],
                             time, rank, title or "", None if salience is None else float(salience), reports))
        key = (value, t_start, t_end, grain, basis, span)
        if key in bounds:
            bound = bounds[key]
        else:
            bound = bounds[key] = _bound_day(time)
        # its own bounds, as its document's timeline shows them ("after 24 Apr 2025"), before any link: the
        # document's placement weighed its links already ("analysts have pressed Novak", conjoined to "reported
        # on Feb. 14", is before the publication day, not on Feb. 14)
        if bound is not None:
            anchors[doc_id, eid] = _own_anchor(bound, doc_id, dct)
        elif other is not None:
            at = EventTime(a_value, a_start, a_end, a_grain, "dct" if other == "t0" else "event", (),
                           float(a_conf or 0.0))
            anchors[doc_id, eid] = _Anchor(relation, at, doc_id, other)
    out = [src for src in found if src.match != "sentence"]
    covered = {(src.doc_id, src.sentence_start) for src in out}
    out += [src for src in found if src.match == "sentence" and (src.doc_id, src.sentence_start) not in covered]
    return out, anchors


def _readable(store: Store, events: set[tuple[str, str]]) -> dict[tuple[str, str], tuple[Any, ...]]:
    """What people read of these events (schema version 3), by (document, event): title, salience, report link,
    and the time label a multi-day time's span is read from (schema version 4); these events only, not every
    event of their documents."""
    keys = sorted(events)
    return {(d, e): (t, sal, rep, label) for d, e, t, sal, rep, label in store.execute(
        "SELECT e.doc_id, e.id, e.title, e.salience, e.reports, e.time_label FROM events e JOIN "
        "(SELECT unnest(?::VARCHAR[]) AS doc_id, unnest(?::VARCHAR[]) AS id) k ON e.doc_id = k.doc_id AND e.id = k.id",
        [[d for d, _ in keys], [e for _, e in keys]])}
