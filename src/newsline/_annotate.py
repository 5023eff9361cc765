"""Full annotation: time expressions, events, temporal links and the document timeline."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from newsline._inputs import parse_dct, split_header
from newsline._links import build_links, main_event_pairs
from newsline._model import AnnotatedDocument, Event, Link
from newsline._tagger import tag
from newsline._timeline import order_links, place_events


def annotate(text: str, dct: date | str | None = None, *, doc_id: str | None = None) -> AnnotatedDocument:
    """Annotate ``text``: time expressions, events, temporal links and a timeline.

    ``dct`` is the publication date, as for :func:`newsline.tag`.  Needs spaCy and
    its English model (``pip install 'newsline[events]'``).
    """
    tagged = tag(text, dct, doc_id=doc_id)
    given = parse_dct(dct) if dct is not None else None
    _, body = split_header(text, strict=given is None)
    from newsline._events import extract_events
    from newsline._nlp import load_nlp

    sdoc = load_nlp()(text[body:])
    names = _full_names(sdoc)
    events = [_named(_shift(e, body), names) for e in extract_events(sdoc)]
    links, anchors = build_links(sdoc, body, events, tagged.timexes, tagged.dct)
    timeline = place_events(events, tagged.timexes, links, anchors, tagged.dct)
    ordered = order_links(main_event_pairs(sdoc, body, events), timeline)
    links = _numbered(links, ordered)
    return AnnotatedDocument(text=text, dct=tagged.dct, timexes=tagged.timexes, events=tuple(events),
                             links=tuple(links), timeline=timeline, id=doc_id)


def _full_names(sdoc: Any) -> dict[str, str]:
    """What the article's short forms stand for: "Legend" -> "John Legend", "Her son" -> "Peter Marsh"."""
    names: dict[str, str] = {}
    chunk_ending = {chunk.end: chunk.text for chunk in sdoc.noun_chunks}
    for ent in sdoc.ents:
        # an appositive name: "Her son, Peter Marsh, said" - the role stands for the person
        if ent.label_ == "PERSON" and ent.start >= 2 and sdoc[ent.start - 1].text == ",":
            role = chunk_ending.get(ent.start - 1)
            if role and role not in names:
                names[role] = ent.text
        if ent.label_ not in ("PERSON", "ORG") or len(ent) < 2:
            continue
        full = ent.text
        for short in (ent[-1].text, ent[0].text if ent.label_ == "ORG" else None):
            if short and short[:1].isupper() and short not in names:
                names[short] = full
    return names


def _named(event: Event, names: dict[str, str]) -> Event:
    if not names:
        return event
    participants = tuple(names.get(p, p) for p in event.participants)
    speaker = names.get(event.speaker, event.speaker) if event.speaker else None
    if participants == event.participants and speaker == event.speaker:
        return event
    return dataclasses.replace(event, participants=participants, speaker=speaker)


def _shift(event: Event, by: int) -> Event:
    if by == 0:
        return event
    return dataclasses.replace(event, start=event.start + by, end=event.end + by,
                               sentence=(event.sentence[0] + by, event.sentence[1] + by))


def _numbered(links: list[Link], more: list[Link]) -> list[Link]:
    have = {(x.source, x.target) for x in links} | {(x.target, x.source) for x in links}
    merged = list(links) + [x for x in more if (x.source, x.target) not in have]
    return [dataclasses.replace(x, id=f"l{i}") for i, x in enumerate(merged, start=1)]
