"""The immutable values newsline returns: Document, Timex, Interval."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True, slots=True)
class Interval:
    """The half-open span of time a value denotes, as ISO 8601 local datetimes.

    ``Sept. 30`` at DCT 2020-10-16 is ``[2020-09-30T00:00:00, 2020-10-01T00:00:00)``.
    Vague references use a convention (see ARCHITECTURE.md): ``PRESENT_REF`` is the
    DCT's day, ``PAST_REF`` ends at the start of the DCT's day and has no start
    (``start`` is None), ``FUTURE_REF`` starts at the end of the DCT's day and has
    no end.
    """

    start: str | None
    end: str | None

    def to_dict(self) -> dict[str, str | None]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Timex:
    """One time expression: where it is, what kind, and what it means.

    ``start``/``end`` are character offsets into the original input, so
    ``doc.text[t.start:t.end] == t.text`` always holds.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    interval: Interval | None = None
    grain: str | None = None
    anchor: str = "none"
    rule: str = ""
    confidence: float = 1.0
    tid: str = ""
    extra: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.tid,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
            "mod": self.mod,
            "interval": self.interval.to_dict() if self.interval else None,
            "grain": self.grain,
            "anchor": self.anchor,
            "rule": self.rule,
            "confidence": round(self.confidence, 3),
        }
        for key, val in self.extra:
            out[key] = val
        return out


@dataclass(frozen=True, slots=True)
class Document:
    """A text, its document creation time (DCT) and the time expressions in it."""

    text: str
    dct: date | None
    timexes: tuple[Timex, ...] = field(default_factory=tuple)
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = _head(self.id, self.dct)
        out["timexes"] = [t.to_dict() for t in self.timexes]
        return out


EVENT_CLASSES = ("OCCURRENCE", "REPORTING", "STATE", "I_ACTION", "I_STATE", "ASPECTUAL", "PERCEPTION")
TLINK_TYPES = (
    "BEFORE", "AFTER", "INCLUDES", "IS_INCLUDED", "DURING", "DURING_INV", "SIMULTANEOUS", "IAFTER",
    "IBEFORE", "IDENTITY", "BEGINS", "ENDS", "BEGUN_BY", "ENDED_BY", "VAGUE",
)


@dataclass(frozen=True, slots=True)
class Event:
    """A TimeML EVENT: the word that names something that happens or holds.

    ``start``/``end`` are offsets into the original input; ``sentence`` is the
    span of the sentence it sits in.  ``title`` is a short phrase for people
    ("Novak will step down as chief executive", see ``events/_phrases.py``).  A
    reporting event that reports another has that one's id in ``reports`` (the
    entry people read is the reported event, attributed: "..., Novak said"); the
    reported event has the reporting one's id in ``attributed_to``.
    """

    id: str
    start: int
    end: int
    text: str
    eclass: str = "OCCURRENCE"
    lemma: str = ""
    pos: str = "VERB"
    tense: str = "NONE"
    aspect: str = "NONE"
    polarity: str = "POS"
    modality: str | None = None
    sentence: tuple[int, int] = (0, 0)
    participants: tuple[str, ...] = ()
    speaker: str | None = None
    confidence: float = 1.0
    title: str = ""
    reports: str | None = None
    attributed_to: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "start": self.start, "end": self.end, "text": self.text, "title": self.title or self.text,
            "class": self.eclass, "lemma": self.lemma, "pos": self.pos, "tense": self.tense, "aspect": self.aspect,
            "polarity": self.polarity, "modality": self.modality,
            "sentence": {"start": self.sentence[0], "end": self.sentence[1]},
            "participants": list(self.participants), "speaker": self.speaker,
            "reports": self.reports, "attributed_to": self.attributed_to,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class Link:
    """A TLINK: how two things (events, time expressions or the DCT "t0") are ordered in time."""

    id: str
    source: str
    target: str
    rel: str
    kind: str  # "event-timex", "event-dct", "event-event"
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source, "target": self.target, "rel": self.rel,
                "kind": self.kind, "confidence": round(self.confidence, 3)}


@dataclass(frozen=True, slots=True)
class EventTime:
    """Where an event sits on the time axis, and why we think so.

    ``basis`` is "timex" (a linked time expression), "event-relative" (placed
    relative to another event, as in "two weeks after X"), "dct-default" (what
    news text does by default: a report on the publication day, a present
    progressive ongoing around it (value ``ONGOING_REF``), a modal event after it),
    "dct-tense" (before, at or after the publication date by tense), "model" (chosen by
    the learned anchoring model of ``events/_anchoring.py`` among label templates relative
    to the publication date and a time expression) or "unknown".

    ``span`` is set for an event that lasts over several days: the (begin, end) parts
    of its TimeBank-EventTime label, each a single-day form (``before1998-02-27``,
    ``1998-02-26``, ``after1998-01-01before1998-12-31``); ``start``/``end`` then hold
    what is known of its extent (None where it is open).
    """

    value: str | None
    start: str | None
    end: str | None
    grain: str | None
    basis: str = "unknown"
    evidence: tuple[str, ...] = ()
    confidence: float = 0.0
    span: tuple[str, str] | None = None

    @property
    def label(self) -> str | None:
        """This time in the TimeBank-EventTime notation (``1998-02-27``, ``before1998-02-27``,
        ``after1996-01-01before1996-12-31``, ``beginPoint=...endPoint=...``); None when unknown."""
        from newsline._time_labels import time_label

        return time_label(self.value, self.start, self.end, self.grain, self.basis, self.span)

    @property
    def when_text(self) -> str:
        """This time as people write it: "Wed 14 Oct 2020", "autumn 2019", "before 4 Mar 2019", "undated"."""
        from newsline._when_text import label_text, span_grain, when_text

        if (self.basis == "model" and (self.span is not None or self.value is None)) \
                or (self.basis == "event-relative" and self.value is None and self.span is None):
            # a template of the anchoring model, or a day bounded by another event ("within a week of his
            # capture"): its label says it ("before Mar 2023", "between 2 and 9 May 2025", "around 17 Jan 2024
            # (ongoing)"); the interval holds the label's inclusive days, which read a day off
            return label_text(self.label)
        grain = self.grain
        if grain is None and self.span is not None:  # "since Jan 2016 (ongoing)": the grain its begin has
            grain = span_grain(self.span[0])
        return when_text(self.value, self.start, self.end, grain, self.basis)

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "start": self.start, "end": self.end, "grain": self.grain,
                "basis": self.basis, "evidence": list(self.evidence), "confidence": round(self.confidence, 3),
                "label": self.label, "when_text": self.when_text,
                "span": {"begin": self.span[0], "end": self.span[1]} if self.span is not None else None}


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """An event and its time; ``salience`` (0..1, see ``events/_salience.py``) ranks it within its document."""

    event: Event
    time: EventTime
    salience: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        out = self.event.to_dict()
        out["time"] = self.time.to_dict()
        out["when_text"] = self.time.when_text
        out["salience"] = round(self.salience, 3)
        return out


ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP", "PRODUCT", "EVENT", "FAC", "LOC", "WORK_OF_ART")
MENTION_ROLES = ("ner", "participant")


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A mention of a named entity (spaCy NER) or of an event's participant.

    ``start``/``end`` are offsets into the original input and ``text`` the mention
    as written; ``name`` is what it stands for within the document ("Legend" ->
    "John Legend", "Her son" -> "Peter Marsh"); ``label`` is the NER label
    (one of ``ENTITY_LABELS``), or None for a participant that is no named entity
    ("the singer"); ``role`` is "ner" or "participant"; ``event`` is the id of the
    event a participant takes part in.
    """

    start: int
    end: int
    text: str
    name: str
    label: str | None
    role: str
    event: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "name": self.name,
                "label": self.label, "role": self.role, "event": self.event}


@dataclass(frozen=True, slots=True)
class AnnotatedDocument:
    """A document with its time expressions, events, temporal links and timeline.

    ``entities`` holds the document's entity mentions (not part of the timeline JSON).
    """

    text: str
    dct: date | None
    timexes: tuple[Timex, ...] = ()
    events: tuple[Event, ...] = ()
    links: tuple[Link, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    id: str | None = None
    entities: tuple[EntityMention, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The timeline JSON: events sorted by time (unknown times last), timexes, links."""
        out = _head(self.id, self.dct)
        out["events"] = [e.to_dict() for e in self.timeline]
        out["timexes"] = [t.to_dict() for t in self.timexes]
        out["links"] = [link.to_dict() for link in self.links]
        return out


def _head(doc_id: str | None, dct: date | None) -> dict[str, Any]:
    """The fields every document's JSON starts with: its id (when known) and its DCT."""
    out: dict[str, Any] = {} if doc_id is None else {"id": doc_id}
    out["dct"] = dct.isoformat() if dct else None
    return out
