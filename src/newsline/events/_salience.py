"""Salience: how much an event matters to its document, a score in [0, 1].

Views show the top events (:func:`top`) and offer the rest; JSON has every event with its score.  The score
is a sum of simple weights, clipped to [0, 1]:

======================================  =======  =============================================================
base                                     0.35
main clause                             +0.20    the sentence's main verb (or what its main-clause report says)
early in the article                    +0.15    times (1 - sentence index / sentences): the lead counts most
a named agent or patient                +0.10    a person, organisation, place... (or "he"/"she" resolved)
a known time                            +0.15    placed by a time expression or by another event
                                        +0.05    placed by the publication date alone (tense, news defaults)
no time at all                          -0.15
attributed                              +0.05    someone is reported saying so
hypothetical                            -0.15    "would", "could", "may", an if-clause
negated                                 -0.10    "did not approve"
generic                                 -0.10    a noun as a modifier ("our wedding day"), a bare noun
a report of another event               -0.30    "said": the reported event is the entry, attributed;
                                                 and a bare report ("she said" with nothing it reports)
part of another event's phrase          -0.30    "A storm" beside "A storm tore through the harbour",
                                                 "her candidacy" beside "Park announced her candidacy"
======================================  =======  =============================================================

Entity timelines (``corpus/_entity_timeline.py``) start from the best score of an entry's reports and add
:data:`PER_SOURCE` for each further source (up to :data:`MAX_SOURCES_BONUS`): an event several articles
report matters more.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any, Protocol, TypeVar

from newsline._model import TimelineEntry

BASE = 0.35
MAIN = 0.20
EARLY = 0.15
NAMED = 0.10
TIMED = 0.15
DEFAULT_TIMED = 0.05
UNTIMED = -0.15
ATTRIBUTED = 0.05
HYPOTHETICAL = -0.15
NEGATED = -0.10
GENERIC = -0.10
REPORT = -0.30
PART = -0.30
PER_SOURCE = 0.10
MAX_SOURCES_BONUS = 0.20
TOP = 8  # entries a default view shows

_KNOWN = ("timex", "event-relative")
_DEFAULT = ("dct-default", "dct-tense")


def score(entry: TimelineEntry, facts: Any | None) -> float:
    """The salience of one timeline entry, given the parse facts of its event (``_facts.Facts``) or None."""
    e, t = entry.event, entry.time
    s = BASE
    if facts is not None:
        s += MAIN if facts.main else 0.0
        s += EARLY * (1.0 - facts.sentence_index / max(1, facts.sentences))
        s += NAMED if facts.named else 0.0
        s += HYPOTHETICAL if facts.hypothetical else 0.0
        s += GENERIC if facts.generic else 0.0
        s += REPORT if facts.bare_report else 0.0
        s += PART if facts.part else 0.0
    if t.basis in _KNOWN:
        s += TIMED
    elif t.basis in _DEFAULT:
        s += DEFAULT_TIMED
    else:
        s += UNTIMED
    s += ATTRIBUTED if e.attributed_to else 0.0
    s += NEGATED if e.polarity == "NEG" else 0.0
    s += REPORT if e.reports else 0.0
    return round(min(1.0, max(0.0, s)), 3)


def scored(timeline: Sequence[TimelineEntry], facts: Mapping[str, Any]) -> tuple[TimelineEntry, ...]:
    """The timeline with every entry's salience set."""
    return tuple(dataclasses.replace(x, salience=score(x, facts.get(x.event.id))) for x in timeline)


def with_sources(best: float, sources: int) -> float:
    """An entity-timeline entry's salience: its best report's, more for each further source."""
    return round(min(1.0, best + min(MAX_SOURCES_BONUS, PER_SOURCE * max(0, sources - 1))), 3)


class _Ranked(Protocol):
    @property
    def salience(self) -> float: ...


R = TypeVar("R", bound=_Ranked)


def top(entries: Sequence[R], n: int = TOP, *, hidden: Any = None) -> list[R]:
    """The ``n`` most salient entries, in their given (time) order; ``hidden(entry)`` true leaves one out."""
    shown = [(i, x) for i, x in enumerate(entries) if hidden is None or not hidden(x)]
    best = sorted(shown, key=lambda p: (-p[1].salience, p[0]))[:n]
    return [x for _, x in sorted(best, key=lambda p: p[0])]


T = TypeVar("T")


def repeats(entries: Sequence[T], key: Callable[[T], Hashable | None], rank: Callable[[int, T], Any]) -> set[int]:
    """The indexes of entries that read the same as a better one: of those with one ``key`` (None: none to
    compare, as a bare trigger word), all but the one of the highest ``rank(index, entry)``.  "declined" and
    "comment" of "Lindqvist declined to comment" are one entry where people read them (new-user trial X)."""
    best: dict[Hashable, int] = {}
    for i, x in enumerate(entries):
        k = key(x)
        if k is not None and (k not in best or rank(i, x) > rank(best[k], entries[best[k]])):
            best[k] = i
    kept = set(best.values())
    return {i for i, x in enumerate(entries) if key(x) is not None and i not in kept}
