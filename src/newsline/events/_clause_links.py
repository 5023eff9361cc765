"""Links from clause patterns that the walk up from a time expression (``_link_rules._timex_governors``) does not
see: a deadline someone has, and a "when" clause that says what happened at a time.

**Deadlines**: "Prosecutors have until May 2 to file a response", "were given until June 30 to leave".

The date after "until" hangs on "have" (or "give", "get"), which is no event of its own or only a state; what
is to be done by then is the infinitive after it, and it happens before (or on) that date: the rules link it
BEFORE the expression, and the placement bounds its time by the date ("after 18 Mar 2025, before 2 May 2025").
TimeBank and AQUAINT hold no such phrase (the TE3 silver news one, "have until Thursday to ...");
new-user trial L: "Prosecutors have until May 2 to file" put the filing at any time after the DCT.

**When clauses**: "cases since Feb. 10, when the campaign began", "came on Tuesday, when the agent flew to
Lisbon": a relative clause on a time expression, opened by "when", tells what happened at that time; its verb
IS_INCLUDED in it (new-user trial M: "the campaign began" fell on the publication day).

**Happenings**: "The collapse happened on Sunday", "the debate began at 8 p.m.", "the vote was held on Sunday",
"her resignation takes effect on Nov. 30": the noun is the event the verb tells the time of; they are linked
IDENTITY (TimeBank-EventTime train: 1 pair, one label; "began", "was held" moved no EventTime figure).  Taking
effect ("takes effect", "comes into force", "goes into effect", "becomes effective") is the rule's or the
decision's own time: new-user trial L placed "her resignation", which takes effect on Nov. 30, around the
publication day; TimeBank and AQUAINT have no such subject that is an event.

**Light verbs**: "held a final rally", "attended the meeting", "made an announcement": the object is the event
the verb carries, at its time (``light_verbs`` in ``lang/en/reference.toml``, with the figures).
"""

from __future__ import annotations

import re
from typing import Any

from newsline._model import Event, Link, Timex

__all__ = ["OTHER_TIME_MARKS", "RULED_OUT_WORDS", "clause_event", "happened_links", "in_a_clause_of",
           "light_verb_links", "phrasal_verb_of_noun", "ruled_out", "someone_else", "when_clause_events"]

_HOLDERS = frozenset({"have", "give", "get"})
_PREPS = frozenset({"until", "till"})


def clause_event(verb: Any, prep: str | None, by_token: dict[int, Event]) -> tuple[Event, str | None] | None:
    """The event a date hung on ``verb`` dates though ``verb`` is none: what "have", "give" or "get" has until the
    date to do, its infinitive (BEFORE); or the complement of a copula ("is due in court on April 22", new-user
    trial V: "due" was placed around the publication day), in the relation the preposition says (None)."""
    lemma = verb.lemma_.lower()
    if prep in _PREPS and lemma in _HOLDERS:
        for c in verb.children:
            if c.dep_ in ("xcomp", "advcl") and c.i in by_token and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                return by_token[c.i], "BEFORE"
    if lemma == "be" and verb.i not in by_token:
        for c in verb.children:
            if c.dep_ == "acomp" and c.i in by_token:
                return by_token[c.i], None
    return None


def when_clause_events(sdoc: Any, offset: int, timex: Timex,
                       by_token: dict[int, Event]) -> list[tuple[str, str, float]]:
    """(event id, IS_INCLUDED, confidence) for the verb of a "when" relative clause on the time expression."""
    span = sdoc.char_span(timex.start - offset, timex.end - offset, alignment_mode="expand")
    if span is None or len(span) == 0:
        return []
    return [(by_token[c.i].id, "IS_INCLUDED", 0.8) for c in span.root.children
            if c.dep_ == "relcl" and c.i in by_token and any(g.dep_ == "advmod" and g.lower_ == "when"
                                                                for g in c.children)]


_HAPPEN = frozenset({"happen", "occur", "begin", "start", "commence"})  # and "took place", "was held", "takes effect",
# "kicked off" (a match, a summit: like "began")
# what a disaster or a fight does when it happens: "A magnitude 6.8 earthquake struck ... early on Sunday" (new-user
# trial AD had the earthquake after the paper), "a storm hit", "fighting erupted", "a fire broke out"
_STRIKE = frozenset({"strike", "hit", "erupt", "rock", "sweep", "batter", "ravage", "flare"})
_EFFECT = {"take": ("effect", None), "come": ("into", "force"), "go": ("into", "effect"),
           "become": ("effective", None)}


def _takes_effect(tok: Any) -> bool:
    """ "takes effect", "comes into force", "goes into effect", "becomes effective"."""
    want = _EFFECT.get(tok.lemma_)
    if want is None:
        return False
    word, obj = want
    return any(c.lower_ == word and (obj is None or any(g.lower_ == obj for g in c.children)) for c in tok.children)


# "The verdict came on March 19", "the decision came two days after ...": "come" with no place it comes from or to
# (AQUAINT-Cheng gold: 1 of 1 such noun has its verb's label; new-user trial AY counted "a week after the verdict"
# from the publication day)
_CAME_WHENCE = frozenset({"from", "to", "into", "under", "out", "back", "up", "down", "in", "through", "across"})


def _came(tok: Any) -> bool:
    return tok.lemma_ == "come" and not any(c.dep_ in ("prep", "prt", "advmod") and c.lower_ in _CAME_WHENCE
                                            for c in tok.children)


def happened_links(sdoc: Any, by_token: dict[int, Event]) -> list[Link]:
    """IDENTITY links from an event noun to the verb that says when it happened (see the module docstring)."""
    out: list[Link] = []
    for i, verb in by_token.items():
        tok = sdoc[i]
        happens = (tok.lemma_ in _HAPPEN or (tok.lemma_ == "take" and any(c.lower_ == "place" for c in tok.children))
                   or tok.lemma_ in _STRIKE or (tok.lemma_ == "break" and any(c.dep_ == "prt" and c.lower_ == "out"
                                                                             for c in tok.children))
                   or (tok.lemma_ == "kick" and any(c.dep_ == "prt" and c.lower_ == "off" for c in tok.children))
                   or _takes_effect(tok) or _came(tok))
        subjects = ("nsubjpass",) if tok.lemma_ == "hold" else ("nsubj", "nsubjpass") if happens else ()
        for c in tok.children:
            noun = by_token.get(c.i)
            if c.dep_ in subjects and noun is not None and noun.pos == "NOUN":
                out.append(Link("", noun.id, verb.id, "IDENTITY", "event-event", 0.6))
    return out


def light_verb_links(sdoc: Any, by_token: dict[int, Event]) -> list[Link]:
    """IDENTITY links from the event object of a light verb to the verb ("held a rally"), and from the vote that
    decided to the deciding ("adopted the resolution by a vote of 156 to 7")."""
    from newsline.events._coref import _words

    light, means = _words("light_verbs"), _words("decided_by")
    return [Link("", by_token[c.i].id, verb.id, "IDENTITY", "event-event", 0.6)
            for i, verb in by_token.items() if sdoc[i].lemma_ in light
            for c in sdoc[i].children if c.dep_ == "dobj" and c.i in by_token and by_token[c.i].pos == "NOUN"] + [
        Link("", noun.id, by_token[sdoc[i].head.head.i].id, "IDENTITY", "event-event", 0.6)
        for i, noun in by_token.items() if noun.pos == "NOUN" and sdoc[i].lemma_ in means
        and sdoc[i].dep_ == "pobj" and sdoc[i].head.lower_ == "by" and sdoc[i].head.head.i in by_token
        and by_token[sdoc[i].head.head.i].pos == "VERB"] + _tallied_votes(sdoc, by_token, means)  # "approved it by
    # a single vote": the vote is the approving


_TALLY = re.compile(r"\b\d{1,3}\s*(?:-|–|to)\s*\d{1,3}\s*\Z")
_TALLY_REACH = 400  # characters back from a tallied vote to the deciding it tells


def _tallied_votes(sdoc: Any, by_token: dict[int, Event], means: frozenset[str]) -> list[Link]:
    """ "The council on Monday approved the contract. The 8-1 vote came five months after ...": a vote with its tally
    is the deciding told just before it (new-user trial AF had the vote, and what came five months before it, on the
    publication day)."""
    from newsline.events._coref import _words

    deciding = _words("deciding_verbs")
    verbs = [(e.start, e) for i, e in sorted(by_token.items())
             if e.pos == "VERB" and e.polarity == "POS" and sdoc[i].lemma_ in deciding
             and (sdoc[i].dep_ == "ROOT" or (sdoc[i].dep_ == "conj" and sdoc[i].head.dep_ == "ROOT"))]  # main clauses
    out = []
    for i, noun in by_token.items():
        tok = sdoc[i]
        if noun.pos != "NOUN" or tok.lemma_ not in means or not _TALLY.search(sdoc.text, tok.left_edge.idx, tok.idx):
            continue
        before = [e for at, e in verbs if noun.start - _TALLY_REACH < at < noun.start]
        if before:
            out.append(Link("", noun.id, before[-1].id, "IDENTITY", "event-event", 0.6))
    return out


# the conjunctions of a clause about another time than its main clause's (a "than" clause tells of what is compared)
OTHER_TIME_MARKS = frozenset({"since", "after", "before", "until", "till", "once", "than"})


# "as" opens a clause of another time when its verb says what was asked or foreseen: "approved new wording, as the
# judge required last week" (new-user trial AF had the approving in the judge's week); not "cheered as the team
# arrived on Sunday", one time
AS_ASKED = frozenset({"require", "request", "order", "demand", "promise", "plan", "expect", "predict", "forecast",
                      "announce", "agree", "propose", "recommend", "instruct", "direct", "pledge", "vow", "schedule",
                      "anticipate", "urge", "ask", "advise"})


def in_a_clause_of(head: Any | None, tok: Any, marks: frozenset[str]) -> bool:
    """Whether the expression at ``head`` is in an adverbial clause opened by one of ``marks`` (or by "as" with a
    verb of ``AS_ASKED``) that ``tok`` is not in: "pushed the river to its highest level since records began in
    1881" (the pushing is not in 1881)."""
    for above in ([] if head is None else [head, *head.ancestors]):
        if above.dep_ == "advcl" and any(c.dep_ == "mark" and (c.lower_ in marks or (
                c.lower_ == "as" and above.lemma_ in AS_ASKED)) for c in above.children):
            return not (above.i == tok.i or above.is_ancestor(tok))
    return False


_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj"})


def someone_else(noun: Any, verb: Any) -> bool:
    """Whether the name that owns an event noun takes no part in the verb's event: "Strand's sentencing" is not
    "Lindqvist was sentenced" (new-user trial AA put Strand's sentencing, set for Feb. 2, on Lindqvist's day).
    Only a name owns it here ("his sentencing" may be anyone's) and only a verb with a name among its subject and
    object can tell someone else ("the court sentenced him" may be the same)."""
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    if owner is None:
        return False
    parts = [c for c in verb.children if c.dep_ in _ARGUMENTS]
    named = {t.lower_ for c in parts for t in c.subtree if t.pos_ == "PROPN"}
    return bool(named) and not ({t.lower_ for t in owner.subtree if t.pos_ == "PROPN"} & named)


_PARTICLES = ("out", "down", "over", "off", "up", "back")


def phrasal_verb_of_noun(lemma: str) -> tuple[str | None, str | None]:
    """The verb and particle a noun is written from: "walkout" -> walk out, "takeover" -> take over, "sell-off"
    -> sell off; (None, None) for other nouns."""
    for particle in _PARTICLES:
        if lemma.endswith(particle) and len(lemma) > len(particle) + 2:
            return lemma[:-len(particle)].rstrip("-"), particle
    return None, None


RULED_OUT_WORDS = ("not", "rather than", "instead of")  # before a date a correction rules out (also summaries)
_RULED_OUT = re.compile(rf"(?i)\b(?:{'|'.join(RULED_OUT_WORDS)})\s*\Z")


def ruled_out(text: str, at: int) -> bool:
    """Whether the time expression at ``at`` is one a correction rules out: "opens on Nov. 6, not Nov. 8"."""
    return _RULED_OUT.search(text, max(0, at - 16), at) is not None
