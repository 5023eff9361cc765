"""Full annotation: time expressions, events, temporal links and the document timeline."""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from newsline._model import ENTITY_LABELS, AnnotatedDocument, Document, EntityMention, Event, Link
from newsline.errors import InputError
from newsline.events._coref import (
    event_name,
    named_by_role,
    organisation_name,
    person_like,
    place_name,
    titled,
    untitled,
)
from newsline.events._dateline import credit_lines, datelines, story_timexes
from newsline.events._headline import headline_mates
from newsline.events._link_model import LinkModel, document_links
from newsline.events._link_rules import build_links, main_event_pairs
from newsline.events._nlp import doc_text, entities, noun_chunks, seed_text, token_table
from newsline.events._phrases import describe
from newsline.events._placement import order_links, place_events
from newsline.events._salience import scored
from newsline.timex._inputs import parse_dct, split_header
from newsline.timex._lexicon import load_lexicon
from newsline.timex._tagger import tag


def annotate(text: str, dct: date | str | None = None, *, doc_id: str | None = None,
             event_spans: Sequence[tuple[int, int]] | None = None) -> AnnotatedDocument:
    """Annotate ``text``: time expressions, events, temporal links and a timeline.

    ``dct`` is the publication date, as for :func:`newsline.tag`.  ``event_spans``
    (character offsets ``(start, end)`` into ``text``), when given, are the events
    to place in time instead of the ones newsline finds: those of another tool or
    of a gold annotation.  Needs spaCy and its English model
    (``pip install 'newsline[events]'``).
    """
    return annotate_with(text, dct, doc_id=doc_id, event_spans=event_spans)


def annotate_with(text: str, dct: date | str | None = None, *, doc_id: str | None = None,
                  link_model: LinkModel | None = None, nlp: Callable[[str], Any] | None = None,
                  event_spans: Sequence[tuple[int, int]] | None = None) -> AnnotatedDocument:
    """:func:`annotate` with another temporal-link model than the shipped one, or another parser than the
    shared spaCy model (``nlp``: a text's parse, e.g. from a cache of parses) (training, evaluation)."""
    if event_spans is not None:
        _check_spans(event_spans, len(text))
    tagged = tag(text, dct, doc_id=doc_id)
    given = parse_dct(dct) if dct is not None else None
    _, body = split_header(text, strict=given is None)
    # the parse starts at the article's first word: the blank line after a date header, parsed as a token of
    # the first sentence, made "placed" in "Harwick placed Reyes on leave last week, a spokeswoman confirmed on
    # Monday" a modifier and hung "last week" on the confirming (new-user trial V)
    body += len(text) - body - len(text[body:].lstrip())
    if nlp is None:
        from newsline.events._nlp import load_nlp

        nlp = load_nlp()
    return annotate_parsed(tagged, nlp(text[body:]), body, link_model=link_model, event_spans=event_spans)


def _check_spans(spans: Sequence[tuple[int, int]], size: int) -> None:
    for span in spans:
        if not (isinstance(span, tuple | list) and len(span) == 2
                and all(isinstance(x, int) and not isinstance(x, bool) for x in span)
                and 0 <= span[0] < span[1] <= size):
            raise InputError(f"event span {span!r}: give (start, end) character offsets with "
                             f"0 <= start < end <= {size}, the length of the text")


def annotate_parsed(tagged: Document, sdoc: Any, body: int = 0, *,
                    link_model: LinkModel | None = None,
                    event_spans: Sequence[tuple[int, int]] | None = None) -> AnnotatedDocument:
    """The events, links, timeline and entities of a tagged document whose text spaCy has already parsed.

    ``sdoc`` is the parse (sentences, POS, dependencies, entities) of ``tagged.text[body:]``,
    ``body`` the offset of the article after a date header (0 without one); every offset
    in the result points into ``tagged.text``.  :func:`annotate` is this function on
    :func:`newsline.tag`'s result and the shared model's parse; the spaCy component
    calls it on the pipeline's own parse.  ``event_spans``: as for :func:`annotate`
    (a span inside the date header is not an event of the article).
    """
    from newsline.events._detect import extract_events

    text = tagged.text
    seed_text(sdoc, text[body:])
    names = _full_names(sdoc)
    given = None if event_spans is None else [(a - body, b - body) for a, b in event_spans if a >= body]
    found = [_shift(e, body) for e in extract_events(sdoc, given=given)]
    if given is None:
        credits = credit_lines(text)
        found = [e for e in found if not any(a <= e.start < b for a, b in credits)]
    _participant_full_names(found, names)
    events, facts = describe(sdoc, body, [_named(e, names) for e in found], names)
    timexes = story_timexes(tagged.timexes, text)  # a dateline's date dates no event
    links, anchors = build_links(sdoc, body, events, timexes, tagged.dct)
    timeline = place_events(events, timexes, links, anchors, tagged.dct, sdoc, body)
    ordered = order_links(main_event_pairs(sdoc, body, events), timeline)
    links = _numbered(document_links(sdoc, body, events, timexes, tagged.dct, links + ordered,
                                     model=link_model))
    mates = headline_mates(doc_text(sdoc), events, body)  # the lead says more: the headline's copy is no top entry
    timeline = scored(timeline, {k: dataclasses.replace(f, part=True) if k in mates else f for k, f in facts.items()})
    return AnnotatedDocument(text=text, dct=tagged.dct, timexes=tagged.timexes, events=tuple(events),
                             links=tuple(links), timeline=timeline, id=tagged.id,
                             entities=_entities(sdoc, text, body, found, names,
                                                [(t.start, t.end) for t in tagged.timexes]))


_PLACES = frozenset({"GPE", "LOC", "FAC"})
_NAME_PARTICLES = frozenset({"de", "van", "von", "di", "da", "du", "le", "la", "del", "della", "der", "den", "ter"})
_BRACKET_ACRONYM = re.compile(r"\s*\(([A-Z][A-Z&]{1,7})\)")
_CORPORATE_SUFFIX = re.compile(r",? (?:Inc|Corp|Co|Ltd|LLC|PLC|plc|AG|SA|NV|GmbH)\.?$")


def _full_names(sdoc: Any) -> dict[str, str]:
    """What the article's short forms stand for: "Legend" -> "John Legend", "Her son" -> "Peter Marsh"."""
    names: dict[str, str] = {}
    chunk_ending: dict[int, str] | None = None  # made when first needed
    ents = entities(sdoc)
    table = token_table(sdoc)
    texts = [table.span_text(sdoc, ent.start, ent.end) for ent in ents]
    labels: dict[str, set[str]] = {}  # what the parser calls each name where it stands alone
    for ent, ent_text in zip(ents, texts, strict=True):
        labels.setdefault(ent_text, set()).add(ent.label_)
    fulls: dict[str, set[str]] = {}
    for ent, ent_text in zip(ents, texts, strict=True):
        # an appositive name: "Her son, Peter Marsh, said" - the role stands for the person
        if ent.label_ == "PERSON" and ent.start >= 2 and table.text[ent.start - 1] == ",":
            if chunk_ending is None:  # a role, not a name: "Anna Smith, Tom Jones and Lee Park" is a list
                chunk_ending = {end: table.span_text(sdoc, start, end) for start, end in noun_chunks(sdoc)
                                if not any(table.ent_type[i] or table.pos[i] == "PROPN" for i in range(start, end))}
            role = chunk_ending.get(ent.start - 1)
            if role and role not in names:
                names[role] = ent_text
        if ent.label_ not in ("PERSON", "ORG") or len(ent) < 2:
            continue
        shorts = [table.text[ent.end - 1], table.text[ent.start] if ent.label_ == "ORG" else None]
        if ent.label_ == "PERSON" and len(ent) >= 3 and table.lower[ent.end - 2] in _NAME_PARTICLES:
            # "Anouk de Vries": "De Vries", "de Vries" (new-user trial W kept "De Vries" apart as a firm)
            particle, last = table.text[ent.end - 2], table.text[ent.end - 1]
            shorts += [f"{particle} {last}", f"{particle[:1].upper()}{particle[1:]} {last}"]
        for short in shorts:
            # not the name of a place ("Harwick", the city, is not "Harwick Grammar School"); the small model
            # often calls a person's short name an organisation, so other labels do not count, nor a place
            # label among others ("Ramos" of "Elena Ramos" was GPE once and ORG three times: new-user trial U)
            # ... but a person's surname may be a place to it everywhere: "Teleki" of "Health Minister Amara Teleki"
            # was GPE each time (new-user trial AG)
            if short and short.strip() and (short[:1].isupper() or short.split()[0] in _NAME_PARTICLES) \
                    and (ent.label_ == "PERSON" or not _only_a_place(labels.get(short, set()))):
                fulls.setdefault(short, set()).add(ent_text)
    # an acronym in brackets right after a name is that name's: "The Royal Netherlands Meteorological Institute (KNMI)
    # said", "The German Weather Service (DWD)" (new-user trial W kept them apart)
    text = doc_text(sdoc)
    for ent, ent_text in zip(ents, texts, strict=True):
        m = _BRACKET_ACRONYM.match(text, ent.end_char)
        if m is not None and len(ent) >= 2 and m.group(1) not in names and ent.label_ not in ("PERSON", "DATE"):
            names[m.group(1)] = ent_text
    _give_short_names(fulls, names, texts)
    return names


def _give_short_names(fulls: dict[str, set[str]], names: dict[str, str], order: Sequence[str]) -> None:
    """Add to ``names`` each short form of ``fulls`` that stands for one name only and has none yet: "Voight" of
    Eleanor and of Arthur Voight stands for neither; "Harwick" of "Harwick Chemicals" and "Harwick Chemicals Inc."
    for one firm (new-user trial V), named as first written in ``order``."""
    for short, full in fulls.items():
        if len({_CORPORATE_SUFFIX.sub("", f) for f in full}) == 1 and short not in names:
            names[short] = min(full, key=lambda f: order.index(f) if f in order else len(order))


def _dateline_place(line: str) -> str:
    """The place of a dateline, lower case: "RIVERTON, Nov 6 -" -> "riverton"; "" when it opens with none."""
    place = re.split(r"[,(\u2013-]", line, maxsplit=1)[0].strip()
    return place.lower() if place[:1].isalpha() and len(place.split()) <= 3 else ""


def _participant_full_names(events: Sequence[Event], names: dict[str, str]) -> None:
    """Add to ``names`` the surname of a person named in full only as a participant, whom the recognizer missed
    ("Tomas Kestrel scored", its "Kestrel" a PERSON elsewhere: new-user trial U found no entity 'Tomas Kestrel');
    not a surname two such names share, nor one the article's names already give."""
    fulls: dict[str, set[str]] = {}
    for e in events:
        for p in e.participants:
            if person_like(p):
                fulls.setdefault(p.split()[-1], set()).add(p)
    _give_short_names(fulls, names, ())


def _only_a_place(labels: set[str]) -> bool:
    return bool(labels) and labels <= _PLACES


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


def _numbered(links: list[Link]) -> list[Link]:
    return [Link(f"l{i}", x.source, x.target, x.rel, x.kind, x.confidence) for i, x in enumerate(links, start=1)]


# Words that stand for someone without naming them: not entities.
_PRONOUN_WORDS = (
    "i me my mine we us our ours you your yours he him his she her hers it its they them their theirs "
    "this that these those who whom which what one ones someone somebody anyone anybody everyone "
    "everybody nobody none something anything everything nothing all both each either neither "
    "other others another some many few several most much itself himself herself themselves"
)
_PRONOUNS = frozenset(_PRONOUN_WORDS.split())
_LEADING_THE = re.compile(r"^[Tt]he\s+(?=[A-Z0-9])")
_SPACES = re.compile(r"\s+")


def _common_word(text: str, word: str) -> bool:
    """Whether the article writes ``word`` (one capitalised word) in lower case too: a common noun the small
    recognizer took for a person because it opens a sentence ("Turnout was 31%", new-user trial T)."""
    low = word.lower()
    if not word[:1].isupper() or low == word:
        return False
    return re.search(rf"(?<![\w.])(?<!\. ){re.escape(low)}(?!\w)", text) is not None


def _entities(sdoc: Any, text: str, body: int, events: list[Event], names: dict[str, str],
              times: Sequence[tuple[int, int]] = ()) -> tuple[EntityMention, ...]:
    """The document's named entities (spaCy NER) and event participants, with offsets into ``text``.

    ``events`` are the events before their participants were replaced by full
    names, so that a mention keeps its surface form; ``name`` is the full name.
    The names in a wire dateline ("PARIS (Reuters) -") say where and by whom the story
    was filed, not who is in it: no mention (an entity's timeline would take the story's
    first event by its sentence).  Nor are the words of a time expression ("9:30 a.m. Eastern", "14:05 UTC",
    "Easter Monday"), which the recognizer may take for an organisation or a place.
    """
    mentions: list[EntityMention] = []
    starts = sorted(times)

    def in_a_time(start: int, end: int) -> bool:
        k = bisect_right(starts, (start, 1 << 62)) - 1
        return k >= 0 and starts[k][0] <= start and end <= starts[k][1]

    dateline = datelines(text[body:])  # sdoc.text, which spaCy would join anew from the tokens
    credits = credit_lines(text)
    labels: dict[tuple[int, int], str] = {}  # every NER span, wanted label or not
    table = token_table(sdoc)
    # "Health Minister [Amara Teleki]" (GPE to the small recognizer): a person, and so is "Teleki" then
    ents = [(ent.start, ent.end, "PERSON" if ent.label_ in _PLACES and titled(
        text, table.span_chars(ent.start, ent.end)[0] + body) or ent.label_ in (*_PLACES, "ORG", "NORP")
        and named_by_role(ent) else ent.label_, table.span_text(sdoc, ent.start, ent.end)) for ent in entities(sdoc)]
    full_label = {ent_text: label for _, _, label, ent_text in ents}

    # the place a dateline names: "RIVERTON, Nov 6 -" makes "Riverton" a place wherever the story names it (the
    # small recognizer called the city a person: new-user trial U)
    filed_from = {_dateline_place(text[body + a:body + b]) for a, b in dateline} - {""}

    def resolve(surface: str, label: str | None) -> tuple[str, str | None]:
        # short forms stand for people and organisations only ("US" is no short form of "US Navy"); the
        # full name's label wins (spaCy often calls "Fino" an ORG where "Bashkim Fino" is a PERSON), also over a
        # place label of a short form that is not only ever a place ("Ramos" of "Elena Ramos": _full_names)
        full = names.get(surface) if label in (None, "PERSON", "ORG") \
            or full_label.get(names.get(surface, "")) == "PERSON" else None
        if full is None and surface.lower() in filed_from:
            return _clean_name(surface), "GPE"
        if full is None:
            name, found = _clean_name(surface), label
        else:
            name, found = _clean_name(full), full_label.get(full) or ("PERSON" if person_like(full) else label)
            if found == "NORP" and label == "ORG":
                found = label  # "The German Weather Service (DWD)": a "German ..." is no nationality
        if event_name(name):  # "Storm Dara" (PERSON to the small recognizer)
            return name, "EVENT"
        person = untitled(name) if found in (None, "PERSON", "ORG") else None
        if person is not None:  # "Coach Ines Bauer" (ORG to the small recognizer): the person Ines Bauer
            return person, "PERSON"
        return name, "ORG" if found == "PERSON" and organisation_name(name) else found  # "Orrin Biotech"

    label_of_name: dict[str, str] = {}
    for first, last, ent_label, ent_text in ents:
        start_char, end_char = table.span_chars(first, last)
        start, end = start_char + body, end_char + body
        labels[start, end] = ent_label
        if ent_label not in ENTITY_LABELS and full_label.get(names.get(ent_text, "")) == "PERSON":
            ent_label = labels[start, end] = "PERSON"  # "Delaney conceded" (LAW to the small recognizer) after
            # "Mark Delaney": the short form of a person named in full (new-user trial U)
        if ent_label not in ENTITY_LABELS or any(a <= start_char < b for a, b in dateline) or in_a_time(start, end) \
                or any(a <= start < b for a, b in credits):  # "(Reporting by Lena Varga)": who wrote it
            continue
        if last - first == 1 and ent_label == "PERSON" and sdoc[first].is_sent_start and ent_text not in names \
                and _common_word(text, ent_text):
            continue  # "Turnout was 31%": a word that opens a sentence, which the article writes in lower case too
        if ent_text.lower() in _zones():
            continue  # "8 p.m. local time (1800 GMT)": a time zone, no organisation (trial AO)
        name, label = resolve(ent_text, ent_label)
        if label == "PERSON" and place_name(name):
            label = "GPE"  # "Harlan Falls" (PERSON to the small recognizer)
        if label is not None:
            label_of_name.setdefault(name, label)
        mentions.append(EntityMention(start, end, ent_text, name, label, "ner"))
    for event in events:
        for surface in event.participants:
            if _SPACES.sub(" ", surface.lower()).strip() in _PRONOUNS:
                continue
            span = _locate(text, surface, event)
            if span is None or in_a_time(*span):
                continue
            found: str | None = labels.get(span)
            if found is not None and found not in ENTITY_LABELS:
                continue  # "5 percent", "two years": NER says it is no entity
            name, label = resolve(surface, found)
            label = label or label_of_name.get(name) or ("PERSON" if person_like(name) else None)
            mentions.append(EntityMention(span[0], span[1], surface, name, label, "participant", event.id))
    mentions.sort(key=mention_order)
    return tuple(mentions)


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    """The time-zone abbreviations of the time expressions' lexicon ("gmt", "bst"; not "pacific", a place too)."""
    return frozenset(z for z in load_lexicon("en").time_zones if 2 <= len(z) <= 4 and z.isalpha())


def mention_order(m: EntityMention) -> tuple[int, int, str, int]:
    """Mentions in text order; at one span the NER mention first, then participants by event number."""
    number = int(m.event[1:]) if m.event and m.event[1:].isdigit() else 0
    return m.start, m.end, m.role, number


def _clean_name(name: str) -> str:
    """A name on one line, without a leading "the" or a wire dateline the recognizer ran into it: "the\nFederal
    Reserve" -> "Federal Reserve", "ASHFORD - Lawyers" -> "Lawyers" (new-user trial AH)."""
    cleaned = _LEADING_DATELINE.sub("", _LEADING_THE.sub("", _SPACES.sub(" ", name).strip()))
    return cleaned or name


_LEADING_DATELINE = re.compile(r"^[A-Z][A-Z.'/]+(?: [A-Z][A-Z.'/]+)* [-\u2013\u2014_]+ (?=[A-Z])")


_NEAR = 400  # characters around an event where its participants are looked for first


def _locate(text: str, surface: str, event: Event) -> tuple[int, int] | None:
    """Where a participant phrase is: its occurrence in the event's sentence nearest the event.

    Looked for near the event first, so that a huge sentence costs no more than a short one.
    """
    near = (max(event.sentence[0], event.start - _NEAR), min(event.sentence[1], event.end + _NEAR))
    for lo, hi in (near, (event.sentence[0], event.sentence[1]), (0, len(text))):
        best: int | None = None
        at = text.find(surface, lo, hi)
        while at >= 0:
            if best is None or abs(at - event.start) < abs(best - event.start):
                best = at
            at = text.find(surface, at + 1, hi)
        if best is not None:
            return best, best + len(surface)
    return None
