"""Entity timelines across documents: the reports of one event merged into one entry, the entries placed
and ordered (``entity_timeline()``).

Three steps, each usable on its own (``docs/entity_timeline.md`` has the user's view):
aliases (``_entity_names``: keys and clusters; ``_entity_aliases``: the stored index and
name lookup), selection (``_entity_events``), and merging and ordering, here;
``_entity_formats`` writes the result as text, JSON, TSV or a SemEval TimeLine.

**Merging and ordering**.  Reports of the same real-world event (dated at day
grain or finer with overlapping intervals, or in one named month, the same trigger lemma, and no
disagreeing named co-participants) become one entry whose sources are the
reports.  Dated entries are sorted by interval; an event whose own time only
bounds it ("after 24 Apr 2025", "around 24 Apr 2025 (ongoing)") is placed at that
day with the same words as in its document's timeline; an event without a time
linked in its document to a dated one (BEFORE, AFTER, SIMULTANEOUS, IS_INCLUDED,
...) is placed next to that one; the rest are listed as undated at the end.  An ongoing
state that a later event of the entity ends ("has led X since 2016", then
"resigned on Monday") is closed there (``_entity_states``).
"""

from __future__ import annotations

import gc
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, Literal

from newsline._model import EventTime
from newsline._records import positional_maker
from newsline._time_labels import ONGOING
from newsline._when_text import span_grain
from newsline.corpus._entity_aliases import _GRAINS, EntityRef, UnknownEntityError, _by_parts, _index, _resolve
from newsline.corpus._entity_events import EventSource, _Anchor, _select, _text_matches
from newsline.corpus._entity_names import _ALL_PRONOUNS, _ARTICLES, _unpossessed, name_key, written_forms
from newsline.corpus._entity_states import closure, enders
from newsline.corpus._store import Store
from newsline.corpus._store_queries import date_bound
from newsline.errors import InputError
from newsline.events._salience import repeats, with_sources

__all__ = ["EntityTimeline", "TimelineItem", "entity_timeline", "to_json_dict"]

Placement = Literal["dated", "bounded", "linked", "undated"]

JSON_VERSION = 1


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """One entry of an entity timeline: an event with all the reports of it (``sources``).

    ``placement`` is ``dated`` (its own time), ``bounded`` (its own time only bounds
    it by a day, as its document's timeline says: ``relation`` is ``before``,
    ``after`` or ``during`` (ongoing around) the day ``start``/``end``),
    ``linked`` (placed by a temporal link to a dated event of its document:
    ``relation`` is ``before``, ``after`` or ``during`` that event, whose time
    ``start``/``end`` then are) or ``undated``.
    """

    position: int
    placement: Placement
    when: str
    value: str | None
    start: str | None
    end: str | None
    grain: str | None
    lemma: str
    text: str
    eclass: str
    sources: tuple[EventSource, ...]
    relation: str | None = None
    anchor: str | None = None  # "doc_id#event_id" of the dated event a linked one is placed by
    title: str = ""  # the phrase people read ("Novak will step down as chief executive")
    when_text: str = ""  # the date in words ("Sep 2023", "before 12 Sep 2023")
    salience: float = 0.0  # see _salience_of
    hidden: bool = False  # a report of an event the timeline has anyway: left out of the default view
    ended_by: str | None = None  # "doc_id#event_id" of the event that ended an ongoing state ("resigned")

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.doc_id for s in self.sources))

    def to_dict(self) -> dict[str, Any]:
        return {
            "position": self.position, "when": self.when, "when_text": self.when_text, "title": self.title,
            "salience": round(self.salience, 3), "hidden": self.hidden, "placement": self.placement,
            "value": self.value,
            "start": self.start, "end": self.end, "grain": self.grain, "relation": self.relation,
            "anchor": self.anchor, "event": self.text, "lemma": self.lemma, "class": self.eclass,
            "documents": list(self.documents), "sources": [s.to_dict() for s in self.sources],
            "ended_by": self.ended_by,
        }


_item = positional_maker(TimelineItem)  # TimelineItem(...) with every field, in order, three times faster


@dataclass(frozen=True, slots=True)
class EntityTimeline:
    """The timeline of one entity across the stored documents."""

    entity: EntityRef
    query: str
    entries: tuple[TimelineItem, ...]
    date_from: date | None = None
    date_to: date | None = None

    def to_dict(self) -> dict[str, Any]:
        return to_json_dict(self)


def to_json_dict(tl: EntityTimeline) -> dict[str, Any]:
    """The timeline as the JSON object ``docs/entity_timeline.md`` documents."""
    return {
        "version": JSON_VERSION,
        "entity": tl.entity.name,
        "label": tl.entity.label,
        "aliases": list(tl.entity.aliases),
        "query": tl.query,
        "from": tl.date_from.isoformat() if tl.date_from else None,
        "to": tl.date_to.isoformat() if tl.date_to else None,
        "documents": len({d for e in tl.entries for d in e.documents}),
        "entries": [e.to_dict() for e in tl.entries],
    }


# ------------------------------------------------------------------ placing, merging, ordering

_FINE = frozenset({"day", "part-of-day", "hour", "minute", "second", "time"})
_VAGUE = frozenset({"PAST_REF", "FUTURE_REF"})
def _dated(t: EventTime) -> bool:
    """A time of its own: an interval, or an ongoing one from where it began ("since Jan 2016 (ongoing)")."""
    if t.value == ONGOING and t.start is not None:
        return True
    if t.start is not None and t.end is None and _known_begin(t):
        return True  # a span from a known begin, its end open: "from 1 Feb 2026" (new-user trial N: undated)
    return t.start is not None and t.end is not None and t.value not in _VAGUE


def _known_begin(t: EventTime) -> bool:
    """A multi-day time whose begin is a day, month or year, not only bounded ("beginPoint=2026-02-01...")."""
    return t.span is not None and not t.span[0].startswith(("before", "after", "xxxx"))


def _grain_rank(grain: str | None) -> int:
    return _GRAINS.index(grain) if grain in _GRAINS else len(_GRAINS)


def _show(t: EventTime) -> str:
    """The TIMEX3-style value an entry is shown with (PRESENT_REF as the day it is)."""
    if t.value == "PRESENT_REF" and t.start:
        return t.start[:10]
    if (t.value == ONGOING or (t.value is None and t.end is None and _known_begin(t))) and t.start:
        grain = span_grain(t.span[0]) if t.span else None  # "since 2016-01": as far as its begin is known
        word = "since" if t.value == ONGOING else "from"
        return f"{word} {t.start[:{'year': 4, 'month': 7}.get(grain or '', 10)]}"
    if t.value is None and t.start and t.end:  # days from a begin to an end ("2025-10-19 to 2025-10-21")
        last = (datetime.fromisoformat(t.end) - timedelta(microseconds=1)).date().isoformat()
        return t.start[:10] if last == t.start[:10] else f"{t.start[:10]} to {last}"
    return t.value or "?"


def _same_month_or_finer(a: EventTime, b: EventTime) -> bool:
    """Two day-grain (or finer) times, or one month both name: "arrested in November 2020" twice is one
    arrest; a day inside that month is not merged with it (the month may hold another).  A week and a day in it
    are one ("was arrested last week" and "Police arrested Reyes on Wednesday": new-user trial V listed both)."""
    if "week" in (a.grain, b.grain):
        return a.grain != "month" and b.grain != "month"
    month_a, month_b = a.grain == "month", b.grain == "month"
    return month_a == month_b and (not month_a or a.value == b.value)


def _overlap(a: EventTime, b: EventTime) -> bool:
    return a.start is not None and b.start is not None and a.end is not None and b.end is not None and \
        a.start < b.end and b.start < a.end


_NOT_NAME_START = _ALL_PRONOUNS | _ARTICLES | frozenset({"its", "their", "his", "her", "our", "my", "your"})


def _named_words(phrase: str) -> set[str]:
    """The capitalised words of a participant phrase, but a sentence-initial article or pronoun ("The Arc"
    gives {"arc"}, "its Arc electric car" too, "the car" nothing)."""
    words = [w.strip(".,;:'\"()") for w in phrase.split()]
    if words and words[0].lower() in _NOT_NAME_START:
        words = words[1:]
    return {_unpossessed(w).lower() for w in words if w[:1].isupper()}


def _co_names(src: EventSource, own: frozenset[str]) -> frozenset[str]:
    """The named words of the event's other participants (not the entity's own names)."""
    own_words = {w for key in own for w in key.split()}
    out: set[str] = set()
    for p in src.participants:
        if name_key(p) in own:
            continue
        out |= _named_words(p) - own_words
    return frozenset(out)


def _merge(sources: Sequence[EventSource], own: frozenset[str]) -> list[list[EventSource]]:
    """Group reports of the same event: same lemma, fine-grained overlapping times, no clashing named partners."""
    groups: list[list[EventSource]] = []
    parent = list(range(len(sources)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_lemma: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sources):
        if _dated(s.time) and (s.time.grain in _FINE or s.time.grain in ("week", "month")):
            by_lemma[s.lemma.lower()].append(i)
    names: dict[int, frozenset[str]] = {}

    def partners(i: int) -> frozenset[str]:
        if i not in names:
            names[i] = _co_names(sources[i], own)
        return names[i]

    for idx in by_lemma.values():
        idx.sort(key=lambda i: (sources[i].time.start, i))  # a sweep: only the times that start before i ends
        for x, i in enumerate(idx):
            end_i = sources[i].time.end
            for j in idx[x + 1:]:
                if end_i is not None and sources[j].time.start >= end_i:  # type: ignore[operator]
                    break
                if find(i) == find(j):  # joined already (reports of one day): nothing to check
                    continue
                if not _overlap(sources[i].time, sources[j].time) or not _same_month_or_finer(
                        sources[i].time, sources[j].time):
                    continue
                if partners(i) and partners(j) and not partners(i) & partners(j):
                    continue
                if _other_reports(sources[i], sources[j]):
                    continue
                parent[find(j)] = find(i)
    members: dict[int, list[EventSource]] = defaultdict(list)
    for i, s in enumerate(sources):
        members[find(i)].append(s)
    for root in sorted(members):
        group = members[root]
        groups.append(group if len(group) == 1 else sorted(group, key=_source_order))
    return groups


def _other_reports(a: EventSource, b: EventSource) -> bool:
    """Two sayings in one article that report different things are two ("Benning said she would run ...";
    "Benning said she planned to visit ...")."""
    return a.doc_id == b.doc_id and a.reports != b.reports and (a.reports is not None or b.reports is not None)


def _source_order(s: EventSource) -> tuple[Any, ...]:
    return (s.dct or date.max, s.doc_id, s.start)


def _entry(group: list[EventSource], anchors: Mapping[tuple[str, str], _Anchor]) -> tuple[tuple[Any, ...],
                                                                                      TimelineItem]:
    """The entry of one group of reports (position 0) and its sort key."""
    best = group[0] if len(group) == 1 else min(group, key=lambda s: (
        not _dated(s.time), _grain_rank(s.time.grain), -s.time.confidence, _source_order(s)))
    first = group[0]
    t = best.time
    if _dated(t):
        key: tuple[Any, ...] = (0, t.start, 1, t.end or "~", _source_order(first))  # ongoing: open end last
        return key, _item(0, "dated", _show(t), t.value, t.start, t.end, t.grain, best.lemma, best.text,
                          best.eclass, tuple(group), None, None, "", "", 0.0, False, None)
    if (first.doc_id, first.event_id) in anchors:
        a = anchors[first.doc_id, first.event_id]
        shown = _show(a.time)
        when = shown if a.relation == "during" else f"{a.relation} {shown}"
        phase = {"before": 0, "during": 1, "after": 2}[a.relation]
        # what is after a day sorts after everything on it ("Mon 3 Nov, 08:15" before "after 3 Nov")
        key = (0, (a.time.end or a.time.start) if a.relation == "after" else a.time.start, phase, a.time.end,
               _source_order(first))
        if a.own:  # its own time's bounds, in its own words ("after 24 Apr 2025")
            return key, _item(0, "bounded", when, a.time.value, a.time.start, a.time.end, a.time.grain,
                              first.lemma, first.text, first.eclass, tuple(group), a.relation,
                              f"{a.doc_id}#t0" if a.event_id == "t0" else None, "", a.text or "", 0.0, False, None)
        return key, _item(0, "linked", when, a.time.value, a.time.start, a.time.end, a.time.grain,
                          first.lemma, first.text, first.eclass, tuple(group), a.relation,
                          f"{a.doc_id}#{a.event_id}", "", "", 0.0, False, None)
    key = (1, "", 0, "", (first.dct or date.max, first.doc_id, first.rank if first.rank is not None else 1 << 30,
                          first.start))
    return key, _item(0, "undated", "undated", t.value, None, None, None, first.lemma, first.text,
                      first.eclass, tuple(group), None, None, "", "", 0.0, False, None)


def _closed(placed: list[tuple[tuple[Any, ...], TimelineItem]],
            own: frozenset[str]) -> list[tuple[tuple[Any, ...], TimelineItem]]:
    """The entries with each ongoing state that a later event of the entity ends closed there
    (``_entity_states``: "since Jan 2016 (ongoing)" and "resigned ... on Monday" make "Jan 2016 to 10 Feb 2025")."""
    states = [n for n, (_, item) in enumerate(placed) if item.placement == "dated" and item.value == ONGOING
              and item.end is None]
    if not states:
        return placed
    later = enders([item for _, item in placed if item.placement == "dated" and item.value != ONGOING])
    out = list(placed)
    for n in states:
        key, item = placed[n]
        end = closure(item, later, own)
        if end is not None:
            out[n] = ((*key[:3], end.end, *key[4:]), replace(
                item, end=end.end, value=end.value, when=end.value, when_text=end.when_text,
                ended_by=f"{end.source.doc_id}#{end.source.event_id}"))
    return out


def _build(sources: Sequence[EventSource], anchors: Mapping[tuple[str, str], _Anchor], own: frozenset[str],
           lo: datetime | None = None, hi: datetime | None = None) -> list[TimelineItem]:
    """The entries in order (positions from 1), those whose time overlaps ``[lo, hi)`` when either is given;
    states are closed by the entity's later events before the range is applied."""
    placed = _closed([_entry(group, anchors) for group in _merge(sources, own)], own)
    items = [(key, item) for key, item in placed
             if lo is None and hi is None or _in_range(item.start, item.end, lo, hi)]
    items.sort(key=lambda x: x[0])
    events = {(s.doc_id, s.event_id) for _, item in items for s in item.sources}
    return _without_repeats([_readable(item, anchors, events, n) for n, (_, item) in enumerate(items, 1)])


def _without_repeats(items: list[TimelineItem]) -> list[TimelineItem]:
    """Entries of the same documents that read the same ("Lindqvist declined to comment" for both "declined" and
    "comment"; "Marsh ordered him to pay a surety" for "ordered" and "pay": new-user trial X) are one entry in the
    default view: the best placed, then the most salient, shows; the others are hidden (JSON keeps them all)."""
    again = repeats(items, lambda x: None if x.hidden or " " not in x.title else (x.title, x.documents),
                    lambda _i, x: (x.placement == "dated", x.salience, -x.position))
    return [replace(item, hidden=True) if i in again else item for i, item in enumerate(items)]


_SENTENCE_ONLY = -0.10  # an entry the entity is in only by sharing its sentence


def _readable(item: TimelineItem, anchors: Mapping[tuple[str, str], _Anchor],
              events: set[tuple[str, str]], position: int) -> TimelineItem:
    """The entry at ``position`` with its phrase, its date in words and its salience (``events/_salience.py``):
    the best of its reports', more for each further source, less when the entity is only in the sentence.  A
    report whose reported event is an entry of its own is hidden (the entry shows it, attributed)."""
    first = item.sources[0]
    if item.when_text:  # set where it was made (a closed state: "Jan 2016 to 10 Feb 2025")
        when_text = item.when_text
    elif item.placement == "dated":
        # the words of the report whose time it is, as its document's timeline has them ("since Jan 2016
        # (ongoing)"; "between 6 and 20 Oct 2024" for a day the text only bounds, not "6 to 20 Oct 2024")
        own = next((s.time for s in item.sources if s.time.value == item.value and s.time.start == item.start
                    and s.time.end == item.end), None)
        when_text = _time_text(own.value, own.start, own.end, own.grain, own.basis, own.span) if own is not None \
            else _dated_text(item.value, item.start, item.end, item.grain)
    elif item.placement == "linked" and (first.doc_id, first.event_id) in anchors:
        a = anchors[first.doc_id, first.event_id]
        when_text = _linked_text(a.relation, a.time)
    else:
        when_text = EventTime(None, None, None, None, "unknown").when_text
    if len(item.sources) == 1:  # most entries (the same as below, without the generators)
        best = first.salience or 0.0
        if first.match == "sentence":
            best += _SENTENCE_ONLY
        hidden = first.reports is not None and (first.doc_id, first.reports) in events
    else:
        scores = [s.salience for s in item.sources if s.salience is not None]
        best = max(scores) if scores else 0.0
        if all(s.match == "sentence" for s in item.sources):
            best += _SENTENCE_ONLY
        hidden = all(s.reports is not None and (s.doc_id, s.reports) in events for s in item.sources)
    return _item(position, item.placement, item.when, item.value, item.start, item.end, item.grain,
                 item.lemma, item.text, item.eclass, item.sources, item.relation, item.anchor,
                 first.title or item.text, when_text, with_sources(max(0.0, best), len(item.sources)),
                 hidden, item.ended_by)  # not dataclasses.replace: a third of the time on 16,000 entries


_WEEKDAY_BEFORE_DAY = re.compile(r"^\w+ (?=\d{1,2} \w+ \d{4}$)")


@lru_cache(maxsize=4096)
def _linked_text(relation: str, time: EventTime) -> str:
    """A linked entry's time in words: its anchor's, after the relation ("before 14 Jun 2022")."""
    shown = time.when_text
    if relation == "during":
        return shown
    return f"{relation} {_WEEKDAY_BEFORE_DAY.sub('', shown)}"  # no weekday after a preposition


@lru_cache(maxsize=4096)
def _time_text(value: str | None, start: str | None, end: str | None, grain: str | None, basis: str,
               span: tuple[str, str] | None) -> str:
    """A time's words, by what they are made of (not its evidence or confidence, which differ per report)."""
    return EventTime(value, start, end, grain, basis, span=span).when_text


@lru_cache(maxsize=4096)
def _dated_text(value: str | None, start: str | None, end: str | None, grain: str | None) -> str:
    """A dated entry's time in words (the same few thousand days recur across a large entity's reports)."""
    return EventTime(value, start, end, grain, "timex").when_text


def _in_range(start: str | None, end: str | None, lo: datetime | None, hi: datetime | None) -> bool:
    """Whether ``[start, end)`` overlaps ``[lo, hi)``; no end is an ongoing time, open to the future."""
    if start is None:
        return False
    return (hi is None or datetime.fromisoformat(start) < hi) and (lo is None or end is None
                                                                   or datetime.fromisoformat(end) > lo)


def entity_timeline(store: Store, name: str, date_from: date | str | None = None,
                    date_to: date | str | None = None, *, text_match: bool = False, pronouns: bool = True,
                    sentences: bool = True) -> EntityTimeline:
    """The timeline of the entity ``name`` (any alias, any case) across the stored documents.

    ``date_from``/``date_to`` (a date or ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``; ``to``
    inclusive) keep the entries whose time (a linked entry: its anchor's) overlaps
    the range; undated entries are left out when either is given.  ``text_match``
    also counts the places where one of the entity's names is written (for names
    NER misses, such as products); with it, a name no stored entity has is looked
    for as written.  ``pronouns`` and ``sentences`` switch the pronoun and
    same-sentence matches (see the module docstring) off.  Raises
    :class:`UnknownEntityError` for an unknown name.
    """
    lo = date_bound(date_from, end=False) if date_from is not None else None
    hi = date_bound(date_to, end=True) if date_to is not None else None
    if lo and hi and lo > hi:
        raise InputError(f"--from {lo} is after --to {hi}")
    index = _index(store)
    try:
        ref = _resolve(store, index, name)
    except UnknownEntityError:
        if not text_match:
            raise
        ref = _by_parts(store, index, name)
    texts = list(dict.fromkeys([*written_forms(name), *written_forms(ref.name)])) if text_match else []
    extra = _text_matches(store, texts)
    own = frozenset({ref.cluster, *(name_key(a) for a in ref.aliases)})
    lo_dt = datetime.combine(lo, datetime.min.time()) if lo else None
    hi_dt = datetime.combine(hi, datetime.min.time()) + timedelta(days=1) if hi else None
    with _collector_paused():
        sources, anchors = _select(store, index, ref, extra, pronouns=pronouns, sentences=sentences)
        entries = tuple(_build(sources, anchors, own, lo_dt, hi_dt))
    return EntityTimeline(ref, name, entries, lo, hi)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a timeline's objects are made, then resumed (unless it was
    off already).  They hold no reference cycles, and the collector's passes over the tens of thousands of new
    objects of a large entity were a third of its time (BP Plc, 16,292 entries on the 1,460 articles of the
    Timeline17 BP oil spill topic: 861 -> 594 ms).  Another thread's collection waits as long as this lasts."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
