"""Mentions of one event: a noun mentioned again ("the attack ... the attack"), a definite event noun and the verb
that tells the same event near it ("the collapse" and "collapsed", "the launch" and "lifted off"), and what a
light verb carries ("held a rally").  IDENTITY links, for ``_link_rules.build_links``."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Container
from typing import Any

from newsline._model import Event, Link
from newsline.events._clause_links import happened_links, light_verb_links
from newsline.events._coref import noun_verbs
from newsline.events._detect import counted_from

__all__ = ["noun_and_verb_links", "same_event_links"]


# a noun mention that introduces another event of its kind: "a separate trial", "another attack", "a second vote"
_ANOTHER = re.compile(r"(?i)\b(?:another|other|separate|second|third|new|different|fresh|further)\s+"
                      r"(?:[\w-]+\s+){0,2}\Z")


# a noun mention that says which one of its kind: "the previous election in 2022", "Kane's first appeal", "their
# 2019 title" (new-user trial R: each had taken the time of another mention of its noun)
_WHICH_ONE = re.compile(r"(?i)\b(previous|prior|last|first|earlier|former|next|upcoming|coming|final|[12]\d{3})\s+"
                        r"(?:[\w-]+\s+){0,2}\Z")


def _which_one(text: str, at: int) -> str | None:
    m = _WHICH_ONE.search(text, max(0, at - 40), max(0, at))
    return m.group(1).lower() if m else None


def same_event_links(events: list[Event], text: str, offset: int, tallies: Container[str] = (),
                     dated: Container[str] = ()) -> list[Link]:
    """An event noun mentioned again ("the attack ... the attack") is the same event; not one said to be another
    ("Delmont is due to face a separate trial in the spring": not Hale's trial, new-user trial P), nor a tally of a
    verb's (``tallies``) and a mention with a time of its own (``dated``): "passed the committee on March 11 by a
    6-3 vote" is that passing, not "the vote in the House on April 8" (trial AR had it on April 8); "The day
    before the vote" still counts from the passing."""
    out: list[Link] = []
    last: dict[str, Event] = {}
    for event in events:
        if event.pos == "NOUN" and event.lemma:
            before = last.get(event.lemma)
            at = event.start - offset
            if before is not None and event.start - before.end < 2000 \
                    and not _ANOTHER.search(text, max(0, at - 40), max(0, at)) \
                    and _which_one(text, at) == _which_one(text, before.start - offset) \
                    and not (event.id in tallies and before.id in dated or before.id in tallies and event.id in dated):
                out.append(Link("", event.id, before.id, "IDENTITY", "event-event", 0.5))
            last[event.lemma] = event
    return out


_DEFINITE = frozenset({"the", "this", "that"})
_NEAR = 2000  # characters between two mentions of one event (as for a repeated noun)


def noun_and_verb_links(sdoc: Any, by_token: dict[int, Event]) -> list[Link]:
    """A definite event noun and a verb it is made from, near each other, are one event: "the collapse" and
    "collapsed", "the court's ruling" and "ruled", either first (TimeBank-EventTime train: the two gold
    labels are the same for 11 of 18 such pairs, against 5 of 20 when the noun is not definite)."""
    from newsline.events._clause_links import phrasal_verb_of_noun, someone_else
    from newsline.events._detect import verb_of_noun

    tokens = sorted(by_token)
    # a verb that is only announced ("would resign", "will merge") is the noun's event when the noun comes after
    verbs = [(i, by_token[i]) for i in tokens if by_token[i].pos == "VERB" and by_token[i].polarity == "POS"]
    at = [e.start for _, e in verbs]  # in text order: only those within _NEAR of a noun are looked at
    out: list[Link] = []
    for i in tokens:
        noun = by_token[i]
        if noun.pos != "NOUN" or not noun.lemma:
            continue
        if not (any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE) for c in sdoc[i].children)
                or counted_from(sdoc[i])) \
                or any(c.ent_type_ == "DATE" or c.tag_ == "JJS" or c.lower_ in _EARLIER_ONE
                       for c in sdoc[i].children):  # one of its own: "the 2021 findings", "the worst flooding" (not
            continue  # the last one: new-user trial Y), "the previous election" (trial AV: "is expected to be
            # elected premier before Christmas" was in 2021)
        verb = verb_of_noun(noun.lemma)
        particle = None
        if verb is None:  # "the walkout" and "walked out", "the shutdown" and "shut down"
            verb, particle = phrasal_verb_of_noun(noun.lemma.lower())
        told = noun_verbs().get(noun.lemma.lower(), frozenset())  # "the verdict" and "found him guilty"
        heads = {t.partition(" ")[0] for t in told}
        window = verbs[bisect_left(at, noun.start - _NEAR + 1):bisect_left(at, noun.start + _NEAR)]
        near = [e for j, e in window if (e.lemma == verb or (e.lemma in heads and _tells(sdoc[j], told)))
                and abs(e.start - noun.start) < _NEAR
                and ((e.modality is None and e.tense != "FUTURE" and not _planned(sdoc[j])) or e.start < noun.start)
                and (particle is None or any(c.dep_ == "prt" and c.lower_ == particle for c in sdoc[j].children))
                and not someone_else(sdoc[i], sdoc[j]) and not _old_plan(sdoc[j]) and not _another_time(sdoc[j])
                and not (sdoc[j].is_title and sdoc[j].i != sdoc[j].sent.start)  # "the book 'Blowing Up Russia'"
                and not _unrealised(sdoc[j])]
        if near:
            closest = min(near, key=lambda e: abs(e.start - noun.start))
            out.append(Link("", noun.id, closest.id, "IDENTITY", "event-event", 0.5))
    out.extend(happened_links(sdoc, by_token))
    out.extend(light_verb_links(sdoc, by_token))
    return out


_EARLIER_ONE = frozenset({"previous", "prior", "former", "earlier"})
_PLAN_WORDS = frozenset({"due", "scheduled", "set", "planned", "slated", "expected", "supposed", "meant", "intended"})


def _old_plan(tok: Any) -> bool:
    """ "had originally been due to launch in the autumn of 2024": the plan the story has moved on from is not the
    event "the launch" is now (trial AL had the launch, and its slipping, in that autumn)."""
    if tok.dep_ != "xcomp" or tok.head.lower_ not in _PLAN_WORDS:
        return False
    plan = tok.head
    words = {c.lower_ for c in plan.children}
    if plan.dep_ == "acomp":  # "had originally been due": the words are the copula's
        words |= {c.lower_ for c in plan.head.children}
    return bool(words & {"originally", "initially"}) or "had" in words


_UNREALISED_HEADS = frozenset({"fail", "try", "attempt", "threaten", "want", "intend", "aim", "seek"})


def _planned(tok: Any) -> bool:
    """ "is expected to be elected premier before Christmas": a plan is ahead, as "will" is (trial AV had it at the
    election counted from before it)."""
    return tok.dep_ == "xcomp" and tok.head.lower_ in _PLAN_WORDS and not _old_plan(tok)


def _unrealised(tok: Any) -> bool:
    """ "she failed to blow herself up", "tried to set fire": an infinitive after a verb of trying did not happen as
    the noun's event ("the blasts" of the same story; TE3 silver had 3 such links, all wrong)."""
    return tok.dep_ == "xcomp" and tok.head.lemma_ in _UNREALISED_HEADS


def _another_time(tok: Any) -> bool:
    """ "A second attempt on 29 April also failed": a verb said to happen again or also is another one of its kind,
    not "the failure" named before (trial AL had it in the failure's month)."""
    return any(c.dep_ == "advmod" and c.lower_ in ("also", "again") for c in tok.children)


def _tells(tok: Any, told: frozenset[str]) -> bool:
    """Whether the verb ``tok`` is one of ``told``: a lemma ("perform"), or a lemma and its object, direct or after
    a preposition ("take stage": "took the stage"; "go polls": "went to the polls")."""
    if tok.lemma_ in told or any(c.dep_ == "prt" and f"{tok.lemma_} {c.lower_}" in told for c in tok.children):
        return True  # "lifted off" for "the launch" (trial AL)
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    objects += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any(f"{tok.lemma_} {o.lemma_}" in told or f"{tok.lemma_} {o.lower_}" in told for o in objects)
