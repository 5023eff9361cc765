"""Temporal links (TLINKs) between events, time expressions and the DCT.

Three kinds, each from a small set of rules over the dependency parse:

* event-timex: a time expression is linked to the event that governs it in the
  parse ("dedicated ... on Wednesday, Oct. 14"); the preposition in between
  gives the relation (on/in/at/during: IS_INCLUDED, before/until/by: BEFORE,
  after/since: AFTER, for/over/throughout: DURING).  Event nouns that are part
  of the phrase the expression attaches to ("our wedding day seven years ago")
  are linked too.
* event-DCT: the tense and aspect of an event against the publication date (past: BEFORE, present
  progressive: INCLUDES, future or "will": AFTER).
* event-event: the main events of consecutive sentences, and "<duration> after/before <clause>" inside a
  sentence ("Two weeks after the couple announced ..., the singer dedicated ..."), ordered when the words say so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from newsline._model import Event, Link, Timex
from newsline.events._clause_links import clause_event, ruled_out, when_clause_events
from newsline.events._event_identity import noun_and_verb_links, same_event_links
from newsline.events._headline import headline_mates
from newsline.events._nlp import doc_text, token_table, tokens_of
from newsline.events._relative_anchors import RelativeAnchor, bare_unit_anchors, relative_anchor

DCT_ID = "t0"

_PREP_REL = {"on": "IS_INCLUDED", "in": "IS_INCLUDED", "at": "IS_INCLUDED", "during": "IS_INCLUDED",
             "within": "IS_INCLUDED", "by": "BEFORE", "before": "BEFORE", "until": "BEFORE", "till": "BEFORE",
             "through": "BEFORE",
             "prior": "BEFORE", "after": "AFTER", "since": "AFTER", "following": "AFTER", "from": "BEGUN_BY",
             "starting": "BEGUN_BY", "beginning": "BEGUN_BY", "for": "DURING", "over": "DURING", "throughout": "DURING"}
# a preposition farther up than the expression's own that orders ("left after the vote on Tuesday"); not "from"
_ORDER_PREPS = frozenset({"after", "before", "following", "prior", "until", "till", "since"})
_AMOUNTS = frozenset({"MONEY", "PERCENT", "CARDINAL", "QUANTITY"})
_BEGIN_WORDS = frozenset({"starting", "beginning"})  # as prepositions: "will serve starting next month"
_AS_PREPOSITION = frozenset({"advcl", "prep", "acl", "xcomp", "npadvmod", "pcomp", "dep"})
def build_links(sdoc: Any, offset: int, events: list[Event], timexes: tuple[Timex, ...],
                dct: date | None) -> tuple[list[Link], list[RelativeAnchor]]:
    """All TLINKs of a document and the event-relative anchors found on the way (``sdoc`` from ``offset`` on)."""
    by_token = _events_by_token(sdoc, offset, events)
    events_by_id = {e.id: e for e in events}
    links: list[Link] = []
    anchors: list[RelativeAnchor] = []
    text = doc_text(sdoc)
    for timex in timexes:
        if ruled_out(text, timex.start - offset):
            continue  # "will open on Nov. 6, not Nov. 8": no day of any event (new-user trial AA)
        anchor = relative_anchor(sdoc, offset, timex, by_token)
        if anchor is not None:  # the duration measures a distance between events, not an event
            anchors.append(anchor)
            rel = "BEFORE" if anchor.direction == "before" else "AFTER"
            links.append(Link("", anchor.event, anchor.anchor, rel, "event-event", 0.8))
            continue
        for event_id, rel, conf in [*_timex_governors(sdoc, offset, timex, by_token),
                                    *when_clause_events(sdoc, offset, timex, by_token)]:
            if rel == "IS_INCLUDED" and dct is not None and _tense_excludes(events_by_id[event_id], timex, dct):
                continue
            links.append(Link("", event_id, timex.tid, rel, "event-timex", conf))
    for anchor in bare_unit_anchors(sdoc, offset, timexes, by_token):
        anchors.append(anchor)
        links.append(Link("", anchor.event, anchor.anchor, "BEFORE" if anchor.direction == "before" else "AFTER",
                          "event-event", 0.8))
    if dct is not None:
        for event in events:
            to_dct = dct_relation(event)
            if to_dct is not None:
                links.append(Link("", event.id, DCT_ID, to_dct, "event-dct", 0.7))
    links = _ranges(doc_text(sdoc), offset, timexes, links, {e.id: e for e in events})
    links.extend(_syntactic_event_links(sdoc, by_token))
    tallies = {e.id for i, e in by_token.items()  # "passed it by a 6-3 vote": the passing's own
               if sdoc[i].dep_ == "pobj" and sdoc[i].head.lower_ == "by" and sdoc[i].head.dep_ == "prep"
               and sdoc[i].head.head.i in by_token}  # not a passive's agent ("the crater left by the blast")
    dated = {x.source for x in links if x.kind == "event-timex"}
    links.extend(same_event_links(events, doc_text(sdoc), offset, tallies, dated))
    links.extend(noun_and_verb_links(sdoc, by_token))
    links.extend(Link("", h, lead, "IDENTITY", "event-event", 0.6)
                 for h, lead in headline_mates(doc_text(sdoc), events, offset).items())
    return [Link(f"l{i}", x.source, x.target, x.rel, x.kind, x.confidence)
            for i, x in enumerate(_dedupe(links), start=1)], anchors


def _tense_excludes(event: Event, timex: Timex, dct: date) -> bool:
    """Whether the event's tense rules out that the expression dates it: a simple past cannot happen in a time
    wholly after the publication date ("promised a referendum next year after delegates voted": the voting is not
    next year), nor a present perfect in a time wholly before it ("said he has sent a team to recover the remains
    of an expert kidnapped almost two years ago": the sending is not two years ago)."""
    iv = timex.interval
    if iv is None or timex.type not in ("DATE", "TIME"):
        return False
    day = dct.isoformat()
    if event.tense == "PAST" and event.aspect == "NONE":
        return iv.start is not None and iv.start[:10] > day
    if event.tense == "PRESENT" and event.aspect == "PERFECTIVE":
        return iv.end is not None and iv.end[:10] <= day and iv.start is not None
    return False


# Head and dependent events in one sentence, and how TimeBank (the training split)
# orders them most often: "said" (REPORTING) is AFTER what it reports in a ccomp;
# a main clause is AFTER its adverbial clause ("after the vote, they left").
_HEAD_CHILD = {("ccomp", "REPORTING"): "AFTER", ("advcl", None): "AFTER", ("conj", None): "SIMULTANEOUS"}


def _syntactic_event_links(sdoc: Any, by_token: dict[int, Event]) -> list[Link]:
    out: list[Link] = []
    for i, event in by_token.items():
        tok = sdoc[i]
        head = tok.head
        if head.i == i or head.i not in by_token:
            continue
        parent = by_token[head.i]
        rel = _HEAD_CHILD.get((tok.dep_, parent.eclass)) or _HEAD_CHILD.get((tok.dep_, None))
        if rel is None:
            continue
        if rel == "AFTER" and tok.dep_ == "ccomp" and event.tense not in ("PAST", "PASTPART") \
                and event.aspect != "PERFECTIVE":
            continue  # "said it will ..." is not before the saying
        out.append(Link("", parent.id, event.id, rel, "event-event", 0.6))
    return out


_RANGE_START = re.compile(r"\b(between|from)\s+$", re.IGNORECASE)
_RANGE_JOIN = {"between": re.compile(r"\s*and\s*"),
               "from": re.compile(r"\s*(?:to|until|till|through|-|\u2013)\s*", re.IGNORECASE)}
# "moved the vote from Monday to Friday" is a change of date, not an event lasting from one to the other
RESCHEDULE = frozenset({"move", "postpone", "delay", "push", "reschedule", "shift", "change", "bring", "switch",
                         "advance", "defer"})


def _ranges(text: str, offset: int, timexes: Sequence[Timex], links: list[Link],
            events: dict[str, Event]) -> list[Link]:
    """ "between January 2019 and August 2020", "from 1956 until 1971": an event the first date is linked to
    began then (BEGUN_BY) and ended at the second (ENDED_BY), instead of happening on either."""
    dated = sorted((t for t in timexes if t.type in ("DATE", "TIME")), key=lambda t: t.start)
    out = list(links)
    for x, y in zip(dated, dated[1:], strict=False):
        m = _RANGE_START.search(text, max(0, x.start - offset - 9), x.start - offset)
        if m is None or not _RANGE_JOIN[m.group(1).lower()].fullmatch(text, x.end - offset, y.start - offset):
            continue
        if x.interval is None or y.interval is None or x.interval.start is None or y.interval.end is None \
                or not x.interval.start < y.interval.end:
            continue
        moved = m.group(1).lower() == "from"  # "moved the vote from Monday to Friday"; not "moved ... between"
        linked = [k.source for k in out if k.kind == "event-timex" and k.target in (x.tid, y.tid)
                  and k.source in events]
        ids = [i for i in linked if not (moved and events[i].lemma in RESCHEDULE)]
        for event_id in dict.fromkeys(ids):  # what is moved from Monday to Friday is on Friday
            out = [k for k in out if not (k.source == event_id and k.target in (x.tid, y.tid))]
            out.extend([Link("", event_id, y.tid, "IS_INCLUDED", "event-timex", 0.85)] if len(ids) < len(linked) else [
                Link("", event_id, x.tid, "BEGUN_BY", "event-timex", 0.85),
                Link("", event_id, y.tid, "ENDED_BY", "event-timex", 0.85)])
    return out


def dct_relation(event: Event) -> str | None:
    """The event's relation to the DCT from its tense and aspect, or None when they do not tell."""
    if event.modality in ("will", "shall", "'ll") or event.tense == "FUTURE":
        return "AFTER"
    if event.tense == "PAST":
        return "BEFORE"
    if event.tense == "PRESENT":
        if event.aspect == "PERFECTIVE":
            return "BEFORE"
        if event.aspect == "PROGRESSIVE" or event.eclass in ("STATE", "I_STATE"):
            return "INCLUDES"
    return None


def _events_by_token(sdoc: Any, offset: int, events: Sequence[Event]) -> dict[int, Event]:
    """The events by the index of the token each starts at, in token order. The tokens' character offsets are
    read as one array: a Python loop over the document's tokens costs a Token object each, and this runs several
    times a document."""
    starts = {e.start - offset: e for e in events}
    return {i: starts[idx] for i, idx in enumerate(sdoc.to_array("IDX").tolist()) if idx in starts}


def _head_of(tokens: list[Any]) -> Any | None:
    """The token of a span whose head lies outside it."""
    inside = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in inside or t.head.i == t.i:
            return t
    return tokens[0] if tokens else None


# A relative clause, a clause modifying a noun and an apposition are phrases of their own: a time expression
# inside one dates only the events inside it ("The mayor, who took office in 2006, cut the ribbon": 2006 is
# the taking office, not the cutting; "Ruiz, chairman since 2019, said": 2019 is not the saying).
_OWN_CLAUSES = frozenset({"relcl", "acl", "appos"})


def _own_clause(tok: Any) -> Any | None:
    """The root of the innermost relative clause, noun-modifying clause or apposition that ``tok`` is in
    (``tok``'s own dependency not counted: "the deadline, March 1," is a date, not a clause), or None."""
    for above in tok.ancestors:
        if above.dep_ in _OWN_CLAUSES and above.lower_ not in _BEGIN_WORDS:  # "chief starting May": no clause
            return above
    return None


def timex_head(sdoc: Any, offset: int, timex: Timex) -> Any | None:
    """The token of a time expression whose head lies outside it (None when it is not in the parse)."""
    i = token_table(sdoc).head_in(timex.start - offset, timex.end - offset)
    return None if i is None else sdoc[i]


def may_date(head: Any | None, event_tok: Any) -> bool:
    """Whether a time expression (``head``: its head token) may date the event at ``event_tok``: always,
    unless the expression is in a relative clause, a noun-modifying clause or an apposition that the
    event is not in."""
    if head is not None and event_tok.pos_ == "NOUN" and event_tok.is_ancestor(head) and _superlative(event_tok) \
            and any(c.lower_ == "since" and c.i < head.i for c in event_tok.children):
        return False  # "the most fraudulent vote since independence in 1991": a record's baseline (trial AO)
    root = None if head is None else _own_clause(head)
    return root is None or root.i == event_tok.i or root.is_ancestor(event_tok)


def _timex_governors(sdoc: Any, offset: int, timex: Timex,
                     by_token: dict[int, Event]) -> list[tuple[str, str, float]]:
    """(event id, relation, confidence) for the events a time expression anchors (within its own clause:
    :func:`may_date`)."""
    tokens = tokens_of(sdoc, offset, timex.start, timex.end)
    head = _head_of(tokens)
    if head is None:
        return []
    inside = {t.i for t in tokens}
    anchored = _anchor_noun_before(sdoc, tokens, by_token)
    if anchored is not None:  # "... three days before the vote on Nov. 5": the date is the vote's
        return [(anchored.id, _relation(timex, sdoc[tokens[0].i - 1].lower_), 0.85)]
    mark = sdoc[head.i - 1] if head.i > 0 else None
    if head.dep_ in ("nsubj", "nsubjpass") and mark is not None and mark.dep_ == "mark" and mark.head.i == head.head.i \
            and mark.lower_ in ("since", "until", "till", "after", "before") and head.head.dep_ == "advcl" \
            and head.head.head.i in by_token:
        # "an outbreak that has sickened 187 people since January appears to be slowing": the parser made "since
        # January" a clause of "appears"; the date is the verb's before it (new-user trial Q)
        return [(by_token[head.head.head.i].id, _relation(timex, mark.lower_), 0.8)]
    ordered = _ordered_by_a_happening(sdoc, tokens, by_token, timex)
    if ordered is not None:  # "had joined the orchestra before the fire in 2016": before 2016
        return [ordered]
    report = _report_right_before(sdoc, tokens, by_token)
    if report is not None:  # "said on Wednesday it would cut jobs": the parser may hang the date on "cut"
        return [(report.id, "IS_INCLUDED", 0.85)]
    prep = None
    node = head
    out: list[tuple[str, str, float]] = _noun_right_before(sdoc, tokens, by_token, timex)
    term_end = False  # the end of an agreement's term ("a contract extension to 2028"; ``term_nouns``)
    qualifies = 0.0  # the expression qualifies a noun on the way ("a fourth-quarter profit on Thursday")
    for depth in range(8):
        parent = node.head
        if parent.i == node.i or (node is not head and node.dep_ in _OWN_CLAUSES and node.lower_ not in _BEGIN_WORDS):
            break
        if node is not head and node.dep_ == "ccomp" and parent.i in by_token \
                and by_token[parent.i].eclass == "REPORTING":
            break  # what is reported holds the date: "'Ten years ago, it was a dream,' Sow said" is not 2015
        if (parent.lower_ in ("from", "than") or parent.lower_ == "with" and parent.head.lemma_ == "compare") \
                and (node is not head or node.dep_ == "npadvmod") and _AMOUNTS & {c.ent_type_ for c in parent.children}:
            break  # "rose to $1.4 billion, from $1.07 billion in the same quarter a year earlier", "compared with
            # $2.7 billion in the fourth quarter", "up from 10.2% last year" (trial U): the compared one's
        if node is head and parent.lower_ in ("with", "to") and parent.head.lower_ in ("compared", "comparison"):
            break  # "Compared with the previous quarter, profit fell 22%": the time compared with (trial AT)
        record = parent.head if parent.lower_ == "since" else parent
        if record.pos_ == "NOUN" and _superlative(record) and (record is not parent or any(
                c.lower_ == "since" and c.i < tokens[0].i for c in parent.children)):
            break  # "the most fraudulent vote since independence in 1991": a record's baseline dates nothing (trial AO)
        if parent.i in by_token and _compared_period(timex) and _compares_amounts(parent):
            break  # "rose to $412 million from $301 million in the same quarter a year earlier", the period hung
            # on the verb: still the compared amount's (new-user trial P)
        if (parent.dep_ == "prep" or parent.pos_ == "ADP") and prep not in _BEGIN_WORDS and node.dep_ != "npadvmod" \
                and (prep is None or (parent.lower_ in _ORDER_PREPS and not (
                    parent.lower_ == "before" and node.i not in by_token))) and parent.i < tokens[0].i:
            # (a place "before" nothing that happens: "testified before a Senate subcommittee on Tuesday", trial AK)
            # not "pulled from a house on Sunday"; nor a preposition after the expression, which is not its own
            # ("reached the village five hours later after clearing a road", parsed under "after": trial T)
            # (a date hung on a preposition is no object of it: "from a collapsed house early Wednesday")
            before = sdoc[parent.i - 1] if parent.i > 0 else None
            prep = before.lower_ if before is not None and before.lower_ in _BEGIN_WORDS else parent.lower_
            term_end = prep in ("to", "until", "till", "through") and timex.type == "DATE" and before is not None \
                and before.lemma_.lower() in reference_words("term_nouns")  # no duration: "through two days of talks"
        if parent.lower_ in _BEGIN_WORDS and parent.dep_ in _AS_PREPOSITION and parent.i not in inside:
            # "will serve as chief starting next month": the starting is next month, the serving begins then
            if parent.i in by_token:
                out.append((by_token[parent.i].id, _relation(timex, None), 0.8 - 0.05 * depth))
            prep = parent.lower_
            node = parent
            continue
        held_by = clause_event(parent, prep, by_token)  # "have until May 2 to file"; "is due in court on April 22"
        if held_by is not None:
            out.append((held_by[0].id, held_by[1] or _relation(timex, prep), 0.85))
        if parent.i in by_token and parent.i not in inside:
            event = by_token[parent.i]
            if term_end:
                break  # "signed a contract extension to 2028": when the contract ends, not the signing (trial S)
            if qualifies and event.eclass == "REPORTING":
                break  # "reported first-quarter revenue": what is reported is of the quarter, not the report
            rel = "IS_INCLUDED" if _set_for(timex, prep, parent) or _result_for(timex, prep, event) \
                else _relation(timex, prep)
            arranging = prep == "for" and timex.grain in ("day", "part-of-day", "hour", "minute") \
                and event.pos == "VERB" and any(
                c.dep_ == "dobj" and c.i in by_token for c in parent.children)  # "called a snap election for April 7"
            if not (prep == "to" and event.lemma in RESCHEDULE) and not arranging:  # "was moved to Feb. 9": the
                out.append((event.id, rel, 0.9 - 0.05 * depth - qualifies))  # hearing's day
            out.extend((e, r, 0.7) for e, r in _adjacent_phrase_events(sdoc, tokens, by_token, timex))
            # event nouns in the phrase the expression attaches to: "our wedding day"
            for child in node.children:
                if child.i in by_token and child.i not in inside and child.dep_ in ("compound", "amod", "nmod"):
                    out.append((by_token[child.i].id, _relation(timex, prep), 0.7))
            arranged = _arranged_event(parent, prep, by_token)
            if arranged is not None:  # "Sentencing is scheduled for May 17": the sentencing is on May 17
                out.append((arranged.id, "IS_INCLUDED", 0.85))
            held = _held_event(parent, by_token)
            if held is not None:  # "faces re-election in November", "held talks on Monday": the object's date
                out.append((held.id, _relation(timex, prep), 0.7))
            by_day = ("with",) if prep == "on" and timex.grain in ("day", "part-of-day") else ()
            verb = _verb_of_event_phrase(parent, by_token, by_day) or _verb_taking_part(parent, node, head, by_token)
            if verb is not None:  # "discussed the idea at a meeting on April 14": the discussing too
                out.append((verb.id, _relation(timex, prep), 0.6))
            elif verb := _verb_of_dated_object(parent, "on" if head.dep_ in ("poss", "npadvmod") else head.head.lower_,
                                               timex, by_token):  # "won Sunday's runoff" as "won the runoff on
                # Sunday"; "accepted his resignation the next day", the day hung on the object (trial AY)
                out.append((verb.id, _relation(timex, "on"), 0.6))
            break
        for child in parent.children:
            if child.i in by_token and child.i not in inside and child.dep_ in ("compound", "amod", "nmod"):
                out.append((by_token[child.i].id, _relation(timex, prep), 0.7))
        if node.dep_ in _NOUN_MODIFIERS and parent.pos_ in ("NOUN", "PROPN") and prep is None:
            if node is head and re.fullmatch(r"\d{4}", timex.value) and parent.i not in by_token:
                # a year in a name ("since the 2018 Mati disaster") dates nothing else (as in _context), but the
                # taking part in the occasion it names ("hosted the 2022 World Cup")
                verb = _verb_taking_part(parent, node, head, by_token)
                if verb is not None:
                    out.append((verb.id, _relation(timex, None), 0.6))
                break
            qualifies = QUALIFIER_PENALTY
        node = parent
    return out


def _superlative(noun: Any) -> bool:
    """ "the most fraudulent vote", "the worst flood", "the lowest turnout", "the first strike": a record."""
    return any(c.tag_ in ("JJS", "RBS") or c.lower_ in ("first", "most", "least")
               or any(g.lower_ in ("most", "least") for g in c.children) for c in noun.children)


_COMPARED_RULES = frozenset({"date.period-year-before", "date.year-period", "date.year-ago-adj"})
_YEAR_BEFORE = re.compile(r"(?i)\b(?:a|one) year (?:earlier|ago|before)\b")


def _compared_period(timex: Timex) -> bool:
    """A period a result is compared with: "the same quarter a year earlier", "the year-ago quarter", "a year ago"."""
    return timex.rule in _COMPARED_RULES or _YEAR_BEFORE.search(timex.text) is not None


def _compares_amounts(verb: Any) -> bool:
    """A verb of change with the amount it changed from: "rose to $412 million from $301 million", "climbed 18%
    compared with $2.7 billion"."""
    return any(c.lower_ in ("from", "compared", "versus", "against") and any(
        g.ent_type_ in _AMOUNTS for t in c.children for g in t.subtree) for c in verb.children)


_EVENT_PHRASE_PREPS = frozenset({"at", "during", "in"})
# A date that qualifies a noun ("a fourth-quarter profit", "its 2019 budget") says when the noun's thing is, not
# when the verb above it happens: its link to that verb counts for less than a date of the verb's own ("reported
# a fourth-quarter profit on Thursday" is Thursday's).  TimeBank (train) has 29 such dates under a verb's
# subject or object, AQUAINT (dev) 5; the annotators linked none of them to the verb.
_NOUN_MODIFIERS = frozenset({"compound", "amod", "nmod", "nummod", "poss"})
QUALIFIER_PENALTY = 0.3


_PARTS_OF_EVENTS = frozenset({"quarter", "half", "period", "inning", "round", "set", "lap", "stage", "part", "end",
                               "start", "beginning", "middle", "minute", "opening", "closing"})


def _verb_of_event_phrase(noun: Any, by_token: dict[int, Event], with_day: tuple[str, ...] = ()) -> Event | None:
    """The verb event an event noun is the place of: "discussed it at a meeting", "spoke during the debate".  A
    date of the noun dates the verb too (AQUAINT, dev: 2 such verbs, "took the child by force in a pre-dawn raid
    on April 22", "held at the NATO Washington summit on April 24", both on that day; TimeBank, train, and the
    TimeBank-EventTime documents have none).  With ``with_day`` ("with", for a day), the means too: "went top
    with a 3-1 win over Castleford on May 2" (new-user trial R had the going top on the publication day)."""
    if noun.pos_ == "NOUN" and noun.dep_ == "pobj" and noun.head.lower_ == "of" \
            and noun.head.head.lemma_.lower() in _PARTS_OF_EVENTS and noun.head.head.dep_ == "pobj":
        noun = noun.head.head  # "was hurt in the second quarter of Thursday's loss" (re-check trial AN)
    if noun.pos_ != "NOUN" or noun.dep_ != "pobj" or noun.head.lower_ not in (*_EVENT_PHRASE_PREPS, *with_day):
        return None
    verb = noun.head.head
    event = by_token.get(verb.i)
    return event if event is not None and event.pos == "VERB" and verb.i != noun.i else None


def _verb_of_dated_object(noun: Any, prep: str, timex: Timex, by_token: dict[int, Event]) -> Event | None:
    """ "will stage a strike on July 24", "completed the signing of Ravelli for 72 million pounds on Thursday": a
    day "on" hung in the verb's object event's phrase is the verb's day too.  Not a period "for" or "in" ("a loss
    for the third quarter": the 13 such objects of TimeBank and AQUAINT, none dated "on").  A month or year "in"
    on the object of a past verb that reports nothing dates the verb ("rejected an approach in 2022", "signed a
    truce in March", "joined the bloc in May 2004": 24 of the 25 "<verb>ed the <noun> in <month|year>" of the TE3
    corpora, TimeBank, AQUAINT and silver; not "matched the decline in September": ``period_nouns``)."""
    if noun.pos_ != "NOUN" or noun.dep_ != "dobj":
        return None
    event = by_token.get(noun.head.i)
    if event is None or event.pos != "VERB":
        return None
    if prep == "on" and timex.grain in ("day", "part-of-day", "hour", "minute"):
        return event
    if prep == "in" and timex.grain in ("year", "month") and event.eclass != "REPORTING" and event.tense == "PAST" \
            and noun.lemma_.lower() not in reference_words("period_nouns"):
        return event  # "rejected an approach in 2022", "signed a truce in March" (new-user trial T)
    return None


def reference_words(key: str) -> frozenset[str]:
    """A word list of ``lang/en/reference.toml``, lower-cased: ``period_nouns`` ("matched the decline in
    September"), ``term_nouns`` ("a contract extension to 2028")."""
    from newsline.events._coref import _words

    return _words(key)


# Light verbs, whose object event is what happens: "held talks on Monday", "gave a speech on Tuesday" (one date).
_LIGHT = frozenset({"hold", "face", "stage", "give", "deliver", "make", "conduct", "undergo", "have", "take"})


def _held_event(verb: Any, by_token: dict[int, Event]) -> Event | None:
    """The event noun that is the direct object of a light verb."""
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in _LIGHT:
        return None
    for c in verb.children:
        if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i in by_token:
            return by_token[c.i]
    return None


# Verbs of taking part in an occasion: its date, written into its name, is theirs ("won the 2018 election", "hosted
# the 2010 World Cup", "boycotted the 1980 Olympics").  TimeBank-EventTime (train): the 2 events whose object or
# prepositional object is an event named with a year lie in that year ("the opening of the 2000 Olympics", "put
# the issue in the spotlight in his unsuccessful 1996 campaign"); a treaty's year ("overruled the 1971
# Convention") is no occasion, and its noun is no event.
_TAKING_PART = frozenset({"win", "lose", "host", "attend", "contest", "boycott", "skip", "enter", "stage", "organise",
                          "organize", "sweep", "dominate", "play", "compete", "run", "finish"})


def _verb_taking_part(noun: Any, node: Any, head: Any, by_token: dict[int, Event]) -> Event | None:
    """The verb event whose object (or object of "in" or "at") is the event noun that the year ``head`` names.
    What happens "at" an occasion named by its year is in that year whatever the verb ("scored for Sweden at the
    2024 Olympics", "settled for a silver medal at the 1998 Nagano Games", "will be presented with the award at
    the 2007 Oscars": all 19 such phrases of the TE3 silver news); "in" and the object only with a verb of
    taking part ("invested in the 2020 fund" is not of 2020)."""
    if node is not head or node.dep_ not in ("nummod", "compound", "amod") or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    while noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN") and noun.head.i != noun.i:
        noun = noun.head  # "the 1998 Nagano Games": the year names the games, through the place
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "at") else noun.head
    if noun.dep_ not in ("dobj", "pobj"):
        return None
    at = noun.dep_ == "pobj" and noun.head.lower_ == "at"
    if at and verb.pos_ == "NOUN" and verb.i not in by_token and verb.dep_ in ("dobj", "pobj"):
        verb = verb.head.head if verb.dep_ == "pobj" else verb.head  # "settled for a medal at the 1998 Games"
    if verb.lemma_.lower() not in _TAKING_PART and not at:
        return None
    event = by_token.get(verb.i)
    return event if event is not None and event.pos == "VERB" else None


# Verbs of arranging an event for a date: the date is the arranged event's ("The hearing was moved to Friday",
# "postponed the vote until June 3", "Sentencing is scheduled for May 17").
_ARRANGING = frozenset({"schedule", "reschedule", "set", "slate", "plan", "move", "postpone", "push", "delay",
                        "bring", "fix", "book", "call", "adjourn", "defer"})
_ARRANGING_PREPS = frozenset({"for", "to", "until", "till", "on"})


def _arranged_event(verb: Any, prep: str | None, by_token: dict[int, Event]) -> Event | None:
    """The event noun that ``verb`` arranges for the date after ``prep``: its passive subject or its object."""
    if verb.lemma_.lower() not in _ARRANGING or prep not in _ARRANGING_PREPS:
        return None
    for c in verb.children:
        if c.dep_ in ("nsubjpass", "dobj") and c.i in by_token and c.pos_ == "NOUN":
            return by_token[c.i]
    head = verb.head  # "Strand's sentencing, set for Feb. 2" (new-user trial AA); not when it was moved since:
    # "The sentencing, originally set for Oct. 7, was pushed to Oct. 28" (trial AH)
    return by_token[head.i] if verb.dep_ == "acl" and head.i in by_token and head.pos_ == "NOUN" \
        and head.head.lemma_ not in RESCHEDULE else None


def _report_right_before(sdoc: Any, tokens: list[Any], by_token: dict[int, Event]) -> Event | None:
    """The reporting event right before a day ("said on Wednesday it would ...", "said Wednesday that ..."),
    when what it reports follows the date: the day is the saying's."""
    if _no_day(tokens):
        return None
    first = tokens[0].i
    before = first - 1
    if before >= 0 and sdoc[before].lower_ == "on":
        before -= 1
    event = by_token.get(before) if before >= 0 else None
    last = tokens[-1].i
    if event is None or event.eclass != "REPORTING" or last + 1 >= len(sdoc):
        return None
    after = sdoc[last + 1]  # "that", or the reported clause's subject: "said on Thursday the company accepted"
    subject = after if after.dep_ in ("nsubj", "nsubjpass") else after.head if after.dep_ in ("det", "poss") else None
    return event if after.lower_ == "that" or (subject is not None and subject.dep_ in ("nsubj", "nsubjpass")) \
        else None


def _no_day(tokens: list[Any]) -> bool:
    """A month, year or longer written without a day ("said in 2019 ...") is no day of a saying."""
    return not any(t.lower_ in _WEEKDAYS or t.like_num or t.lower_ in ("today", "yesterday", "tonight")
                   for t in tokens)


_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def _anchor_noun_before(sdoc: Any, tokens: list[Any], by_token: dict[int, Event]) -> Event | None:
    """The event noun of a "before/after <noun>" or "within <duration> of <noun>" phrase right before "on|in
    <expression>"."""
    first = tokens[0].i
    if first < 2 or sdoc[first - 1].pos_ != "ADP":
        return None
    noun = sdoc[first - 2]
    if noun.i not in by_token or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    if noun.head.lower_ in ("before", "after", "until", "since"):
        return by_token[noun.i]
    of = noun.head  # "killed within a week of his capture on March 26": the date is the capture's
    return by_token[noun.i] if of.lower_ == "of" and of.head.dep_ == "pobj" and of.head.head.lower_ == "within" \
        else None


def _noun_right_before(sdoc: Any, tokens: list[Any], by_token: dict[int, Event],
                       timex: Timex) -> list[tuple[str, str, float]]:
    """An event noun right before "on|at <expression>": "claimed victory in the general election on Sunday" holds
    the election on Sunday, besides the claiming (new-user trial P: the election went after the publication day)."""
    first = tokens[0].i
    if timex.type not in ("DATE", "TIME") or first < 2 or sdoc[first - 1].lower_ not in ("on", "at"):
        return []
    noun = sdoc[first - 2]
    if noun.i not in by_token or noun.pos_ != "NOUN" or noun.dep_ not in ("pobj", "dobj"):
        return []
    verb = by_token.get(noun.head.i)
    if noun.dep_ == "dobj" and verb is not None and verb.eclass in ("REPORTING", "I_ACTION", "I_STATE"):
        return []  # "announced its closure on Wednesday": the announcing's day, the closure is to come
    return [(by_token[noun.i].id, "IS_INCLUDED", 0.6)]


def _adjacent_phrase_events(sdoc: Any, tokens: list[Any], by_token: dict[int, Event],
                            timex: Timex) -> list[tuple[str, str]]:
    """Event nouns of the phrase right before the expression: "on our wedding day seven years ago"."""
    first = tokens[0].i
    if first == 0:
        return []
    prev = sdoc[first - 1]
    if prev.pos_ not in ("NOUN", "PROPN") or prev.dep_ not in ("pobj", "dobj", "npadvmod"):
        return []
    prep = prev.head.lower_ if prev.dep_ == "pobj" else None
    if prep in ("of", "about") and prev.head.head.lemma_ in LEARNING:
        return []  # "learned of Marsh's death the following morning": the learning's time; the death was before it
        # (new-user trial AT; TimeBank: "I know about the stories today", the one such phrase, likewise)
    found = [prev] + [c for c in prev.children if c.dep_ in ("compound", "amod", "nmod")]
    return [(by_token[t.i].id, _relation(timex, prep)) for t in found if t.i in by_token]


# verbs of learning of something: what one learns of was before (also _clause_times.event_bounds)
LEARNING = frozenset({"learn", "hear", "know", "read", "tell", "inform", "notify", "warn"})


def _ordered_by_a_happening(sdoc: Any, tokens: list[Any], by_token: dict[int, Event],
                            timex: Timex) -> tuple[str, str, float] | None:
    """ "had joined the orchestra before the fire in 2016", "reopened after the floods in February": a definite noun
    said to be in a year, a season or a month happened then (whether or not the detector made it an event), and the
    verb it is before or after is ordered by it, though the parser hangs the expression on the verb (re-check trial
    AW had the joining in 2016).  None when the words are not so."""
    first = tokens[0].i
    if first < 3 or sdoc[first - 1].lower_ != "in" or timex.grain not in ("month", "season", "quarter", "year"):
        return None
    noun = sdoc[first - 2]
    verb = by_token.get(noun.head.head.i)
    if noun.pos_ != "NOUN" or noun.dep_ != "pobj" or noun.head.lower_ not in ("before", "after") or verb is None \
            or not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        return None
    return verb.id, "BEFORE" if noun.head.lower_ == "before" else "AFTER", 0.7


def _relation(timex: Timex, prep: str | None) -> str:
    if timex.type == "DURATION":
        return "DURING" if prep in (None, "for", "over", "throughout", "during") else _PREP_REL.get(prep, "DURING")
    if timex.type == "SET":
        return "SIMULTANEOUS"
    if prep in ("over", "during", "throughout") and timex.grain in _WITHIN_A_WEEK:
        return "IS_INCLUDED"  # "reported over the weekend", "during the night": some time in it (trial AX)
    return _PREP_REL.get(prep or "", "IS_INCLUDED")


# what a business did over a period it reports on: "For fiscal 2025, the brewer earned $30 million", "sales rose 5%
# for the quarter" are in that period, as "in 2025" is (new-user trial AY had the earning on the publication day; the
# gold corpora hold no such sentence): past verbs of an amount only, not of a report, plan or forecast about the
# period ("reported a profit for 2025", "raised its forecast for 2026")
_RESULTS = frozenset({"earn", "lose", "make", "generate", "rise", "fall", "grow", "increase", "decrease", "decline",
                      "drop", "climb", "jump", "slip", "slide", "gain", "total", "reach", "shrink", "sell"})


def _result_for(timex: Timex, prep: str | None, event: Event) -> bool:
    return prep == "for" and timex.type == "DATE" and timex.grain in ("year", "half", "quarter", "month") \
        and event.tense == "PAST" and event.lemma in _RESULTS


_WITHIN_A_WEEK = ("week", "weekend", "day", "part-of-day", "hour", "minute")


def _set_for(timex: Timex, prep: str | None, governor: Any) -> bool:
    """A noun's day "for": "sentencing for Jan. 15" (not a verb's: "called a vote for Tuesday")."""
    return prep == "for" and governor.pos_ == "NOUN" and timex.grain in ("day", "part-of-day", "hour", "minute")




def main_event_pairs(sdoc: Any, offset: int, events: list[Event]) -> list[tuple[str, str]]:
    """(earlier-mentioned, later-mentioned) main events of consecutive sentences. Whether and how they are
    ordered is decided once both are on the time axis."""
    by_token = _events_by_token(sdoc, offset, events)
    mains = [by_token[root] for _, _, root in token_table(sdoc).sentences(sdoc) if root in by_token]
    return [(a.id, b.id) for a, b in zip(mains, mains[1:], strict=False)]


def _dedupe(links: list[Link]) -> list[Link]:
    seen: set[tuple[str, str]] = set()
    out: list[Link] = []
    for link in links:
        key = (link.source, link.target)
        if key in seen or (link.target, link.source) in seen:
            continue
        seen.add(key)
        out.append(link)
    return out
