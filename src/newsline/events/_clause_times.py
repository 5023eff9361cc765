"""Times a clause takes from another event of its sentence, by the parse (called from ``_placement.rule_times``):
a participle clause after its verb, an aspectual verb's complement, what a dated event noun did, what a past
verb brought about."""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from datetime import date, datetime, timedelta
from typing import Any

from newsline._model import Event, EventTime, Link, Timex
from newsline.events._headline import headline_end
from newsline.events._link_rules import DCT_ID, LEARNING, _events_by_token, reference_words
from newsline.events._nlp import doc_text, relative_head
from newsline.timex._calendar import add_months

__all__ = ["FINER_THAN_DAY", "Bounds", "before_since_clauses", "event_bounds", "finer_within",
           "from_aspectual_complements", "from_causes", "from_dated_subjects", "from_occasions",
           "from_participle_clauses", "lasting_from_mates", "relative_time", "rule_bounds"]

# what the rules know of an event's time for the anchoring model to keep to, by event id: (relation, first day, last
# day) of the time it is before or after ("BEFORE", "AFTER"; "BEFORE_IT", "AFTER_IT" of what happened at that time)
Bounds = dict[str, list[tuple[str, date, date]]]


def relative_time(t: EventTime, evidence: tuple[str, ...], confidence: float) -> EventTime:
    """``t``, as another event's time that the event shares (``evidence``: that event, and what else placed it)."""
    return EventTime(t.value, t.start, t.end, t.grain, "event-relative", evidence, round(confidence, 3))


def from_participle_clauses(events: list[Event], placed: dict[str, EventTime], sdoc: Any, offset: int,
                             linked: Container[str]) -> None:
    """A participle clause set off after its verb is what that verb did or brought about, then: "The river burst
    its banks on Saturday, killing 11 people", "completed the signing on Thursday, ending a saga"; and what one came
    or went to do (``_purpose_of_coming``)."""
    by_token = _events_by_token(sdoc, offset, events)
    for i, event in by_token.items():
        tok = sdoc[i]
        if event.id not in placed and event.id not in linked and _purpose_of_coming(tok):
            head = by_token.get(tok.head.i)  # "she came to collect the money": the collecting is the coming's
            t = placed.get(head.id) if head is not None else None
            if head is not None and t is not None and t.basis in ("timex", "event-relative") and t.span is None:
                placed[event.id] = relative_time(t, (head.id,), t.confidence * 0.7)
            continue
        if tok.tag_ == "VBG" and tok.dep_ == "conj" and tok.head.tag_ == "VBG":
            tok = tok.head  # "killing 42 people and destroying hundreds of homes" (new-user trial AD): as the first
        j = tok.i
        if event.id in placed or event.id in linked or tok.tag_ != "VBG" or tok.dep_ != "advcl" \
                or tok.head.i >= j or j == 0 or sdoc[j - 1].text != ",":
            continue
        head = by_token.get(tok.head.i)
        if head is None:
            continue
        t = placed.get(head.id)
        if t is not None and t.basis == "timex" and t.span is None:
            placed[event.id] = relative_time(t, (head.id,), t.confidence * 0.7)


# verbs of coming and going: what one came or went "to" do is done then (re-check trial AU had "came to collect the
# money" after the publication day; gold, AQUAINT-Cheng: 4 of 4 such infinitives share the verb's label)
_COMING = frozenset({"come", "go", "return", "travel", "fly", "arrive", "rush", "head", "drive", "walk"})


def _purpose_of_coming(tok: Any) -> bool:
    return tok.tag_ == "VB" and tok.dep_ in ("xcomp", "advcl") and tok.head.tag_ == "VBD" \
        and tok.head.lemma_ in _COMING and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


_COMPLEMENTS = frozenset({"xcomp", "dobj", "ccomp"})


def from_dated_subjects(events: list[Event], placed: dict[str, EventTime], sdoc: Any, offset: int,
                         linked: Container[str]) -> None:
    """What a dated event noun did is when it was: "An explosion last Monday killed four workers", "the March 3
    explosion, which killed four workers" (new-user trial V had the killing on the publication day): a verb whose
    subject, or whose relative clause's noun, is an event the rules dated by a time expression; and a past verb
    is when what it brought about is ("scored in stoppage time to give City a 2-1 win on Sunday", trial U)."""
    by_token = _events_by_token(sdoc, offset, events)
    for i, event in by_token.items():
        if event.id in placed or event.id in linked or event.pos != "VERB":
            continue
        tok = sdoc[i]
        if _undoes(tok):
            continue  # "A strike planned for March 25 has been called off": not on the strike's day (trial AD)
        nouns = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if (head := relative_head(tok, lambda w: w.i in by_token and by_token[w.i].pos == "NOUN")) is not None:
            nouns.append(head)  # "the accident in Burlington, Vt., that killed three people", misparsed
        elif tok.dep_ == "relcl":
            nouns.append(tok.head)
        if event.tense == "PAST":  # what it brought about: "to give City a 2-1 win on Sunday"
            nouns += [c for c in tok.children if c.dep_ in ("advcl", "xcomp") and c.i > i
                      and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
        for noun in nouns:
            done = by_token.get(noun.i)
            t = placed.get(done.id) if done is not None and (done.pos != "VERB" or noun.i > i) else None
            if done is not None and t is not None and t.span is None and (t.basis == "timex" or (
                    t.basis == "event-relative" and done.pos == "NOUN" and noun.i < i and event.modality is None
                    and event.polarity == "POS")):  # "The 8-1 vote came"; not "The arrest would not change ..."
                placed[event.id] = relative_time(t, (done.id,), t.confidence * 0.8)
                break


# what calls off, puts off or calls into doubt an event happens before it, not on its day
_UNDOING = frozenset({"cancel", "postpone", "scrap", "abandon", "delay", "suspend", "shelve", "axe", "defer",
                      "annul", "reschedule", "move", "push"})
_UNDOING_PHRASAL = {"call": "off", "put": "off", "push": "back"}


_CAUSING_TO = frozenset({"lead", "result", "contribute"})  # "led to the closure", "resulted in the arrest"
_CAUSING = frozenset({"cause", "prompt", "trigger", "spark", "force", "provoke"})  # "prompted an inquiry"


def from_causes(events: list[Event], placed: dict[str, EventTime], sdoc: Any, offset: int, doers: bool = False) \
        -> None:
    """What a dated event led to, resulted in, caused or prompted is when that was: "The storm in March led to the
    closure of the port" (new-user trial AX had the closure begin after the publication day).  TimeBank-EventTime
    (train, dev, AQUAINT-Cheng): the noun has the verb's gold label in 11 of 14 such pairs (the other 3
    compatible).  With ``doers`` (once every verb the rules date is dated), so is an event noun that did what a dated
    verb says: "A derailment near Ashby closed the route on Tuesday" (new-user trial BA had the derailment after the
    publication day); of the 36 such subjects whose gold labels are days, 31 have their verb's day (train 3 of 3)."""
    by_token = _events_by_token(sdoc, offset, events)
    for i, noun in by_token.items():
        tok = sdoc[i]
        if noun.id in placed or noun.pos != "NOUN":
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ in ("to", "in") and tok.head.head.lemma_ in _CAUSING_TO:
            verb = by_token.get(tok.head.head.i)
        elif tok.dep_ == "dobj" and tok.head.lemma_ in _CAUSING:
            verb = by_token.get(tok.head.i)
        elif doers and tok.dep_ == "nsubj" and tok.head.i in by_token and by_token[tok.head.i].pos == "VERB" \
                and by_token[tok.head.i].eclass not in ("ASPECTUAL", "STATE", "I_STATE", "REPORTING") \
                and tok.lemma_.lower() not in reference_words("process_nouns"):
            verb = by_token[tok.head.i]  # "A derailment near Ashby closed the route on Tuesday" (see the docstring)
        else:
            continue
        t = placed.get(verb.id) if verb is not None else None
        if verb is not None and t is not None and t.span is None and t.basis in ("timex", "event-relative"):
            placed[noun.id] = relative_time(t, (verb.id,), t.confidence * 0.7)


FINER_THAN_DAY = ("part-of-day", "hour", "minute", "second")


def finer_within(a: EventTime, b: EventTime) -> bool:
    """``a`` is a day (or finer) inside ``b``, a month or a year: "collapsed at the 2019 awards" and "the
    collapse happened on Sunday, Oct. 13" are one event, on that Sunday."""
    if a.grain not in ("day", *FINER_THAN_DAY) or b.grain not in ("month", "year") \
            or a.start is None or a.end is None or b.start is None or b.end is None:
        return False
    return b.start <= a.start and a.end <= b.end


def from_occasions(events: list[Event], placed: dict[str, EventTime], sdoc: Any, offset: int) -> None:
    """What one does at or during a dated occasion is then: "Earlier this year, he pleaded not guilty at a hearing
    on Feb. 10" (new-user trial AY had the plea in 2026 only), "spoke during the rally on Monday".  A verb the rules
    left undated, or dated only by a month or year the day lies in.  TimeBank-EventTime (train, dev, AQUAINT-Cheng):
    the verb lies within the noun's gold label in 13 of the 14 "<verb> at <event noun>" pairs whose labels say."""
    by_token = _events_by_token(sdoc, offset, events)
    for i, noun in by_token.items():
        tok = sdoc[i]
        if noun.pos != "NOUN" or tok.dep_ != "pobj" or tok.head.lower_ not in ("at", "during"):
            continue
        up = tok.head.head
        for _ in range(3):  # "pleaded not guilty to all counts at a hearing": past what is no event, to the verb
            if up.i in by_token or up.pos_ not in ("NOUN", "ADJ", "ADP", "NUM") or up.head.i == up.i:
                break
            up = up.head
        verb = by_token.get(up.i)
        t = placed.get(noun.id)
        if verb is None or verb.pos != "VERB" or t is None or t.span is not None \
                or t.basis not in ("timex", "event-relative") or t.grain not in ("day", *FINER_THAN_DAY):
            continue
        if verb.id not in placed or finer_within(t, placed[verb.id]):
            placed[verb.id] = relative_time(t, (noun.id,), t.confidence * 0.7)


_DAYS_OR_WEEKS = re.compile(r"P(\d{1,3})([DW])")


def lasting_from_mates(events: list[Event], placed: dict[str, EventTime], sdoc: Any, offset: int,
                       lengths: dict[str, str]) -> None:
    """A verb joined to a dated one that lasts some days or weeks runs from that day for as long: "The festival opens
    on Thursday, Sept. 17 and runs for eleven days" is 17 to 27 Sep (new-user trial BA had it around the publication
    day).  ``lengths``: the duration value ("P11D") linked to each event.  No gold corpus holds such a pair (no
    figure)."""
    by_token = _events_by_token(sdoc, offset, events)
    for i, event in by_token.items():
        tok = sdoc[i]
        m = _DAYS_OR_WEEKS.fullmatch(lengths.get(event.id, ""))
        mate = by_token.get(tok.head.i) if tok.dep_ == "conj" and event.pos == "VERB" else None
        t = placed.get(mate.id) if mate is not None else None
        if m is None or mate is None or event.id in placed or t is None or t.span is not None or t.grain != "day" \
                or t.basis not in ("timex", "event-relative") or t.start is None:
            continue
        days = int(m.group(1)) * (7 if m.group(2) == "W" else 1)
        first = datetime.fromisoformat(t.start).date()
        last = first + timedelta(days=days - 1)
        placed[event.id] = EventTime(None, t.start, (last + timedelta(days=1)).isoformat() + "T00:00:00", None,
                                     "event-relative", (mate.id,), round(t.confidence * 0.7, 3),
                                     (first.isoformat(), last.isoformat()))


def _undoes(tok: Any) -> bool:
    """Whether the verb cancels, delays or moves what it is about ("has been called off", "was postponed")."""
    lemma = tok.lemma_.lower()
    particle = _UNDOING_PHRASAL.get(lemma)
    return lemma in _UNDOING or (particle is not None and any(c.dep_ == "prt" and c.lower_ == particle
                                                              for c in tok.children))


def from_aspectual_complements(events: list[Event], placed: dict[str, EventTime], sdoc: Any, offset: int) -> None:
    """An aspectual verb is when its complement, dated by a time expression, is: in "Crews finished welding last
    Thursday, and load tests were completed on Monday" the finishing is last Thursday (the parse hangs the date on
    "welding"), not the Monday of the other clause."""
    by_token = _events_by_token(sdoc, offset, events)
    for i, event in by_token.items():
        if event.id in placed or event.eclass != "ASPECTUAL":
            continue
        for child in sdoc[i].children:
            done = by_token.get(child.i)
            t = placed.get(done.id) if done is not None and child.dep_ in _COMPLEMENTS else None
            if done is not None and t is not None and t.basis == "timex" and t.span is None:
                placed[event.id] = relative_time(t, (done.id,), t.confidence * 0.8)
                break


_PERIOD_END = re.compile(r"\s*,?\s*(?:which\s+|that\s+)?(?:ended|ending|ends|to|through)\s+(?:on\s+)?\Z")
_PERIOD = re.compile(r"P(\d+)([DWMY])")


_DAY_OR_FINER = ("day", "part-of-day", "hour", "minute", "second")


def from_period(links: list[Link], timexes: dict[str, Timex], text: str, offset: int) -> EventTime | None:
    """An event told for a reporting period, "the three months ended Sept. 30" (a DURATION and the date it ends
    on, as TimeML writes it): some time in it, from three months before the end's last day to that day ("Net income
    for the three months ended Sept. 30 rose": new-user trial AB had it on the publication day)."""
    for link in links:
        t = timexes.get(link.target)
        m = _PERIOD.fullmatch(t.value) if t is not None and t.type == "DURATION" else None
        if m is None or link.rel not in ("DURING", "IS_INCLUDED") or t is None:
            continue
        ends = [y for y in timexes.values() if y.type == "DATE" and y.start >= t.end and y.interval is not None
                and y.interval.end is not None and y.grain in ("day", "month")
                and _PERIOD_END.match(text[max(0, t.end - offset):max(0, y.start - offset)])]
        if not ends:
            continue
        y = min(ends, key=lambda x: x.start)
        if any(x.target != y.tid and (d := timexes.get(x.target)) is not None and d.type in ("DATE", "TIME")
               and d.grain in _DAY_OR_FINER for x in links):
            return None  # "reported on Wednesday a profit in the three months to June": the day is the report's
            # (new-user trial AT had the reporting some time in the quarter)
        assert y.interval is not None and y.interval.end is not None
        end = datetime.fromisoformat(y.interval.end)
        n, unit = int(m.group(1)), m.group(2)
        start = end - timedelta(days=n) if unit == "D" else end - timedelta(weeks=n) if unit == "W" else \
            datetime.combine(add_months(end.date(), -n * (12 if unit == "Y" else 1)), datetime.min.time())
        return EventTime(None, start.isoformat(), end.isoformat(), None, "timex", (t.tid, y.tid),
                         round(link.confidence * 0.8, 3))
    return None


def before_since_clauses(events: list[Event], placed: dict[str, EventTime], sdoc: Any, offset: int, dct: date) -> None:
    """What a "since" clause in the past tells happened before the publication day: "160 people have died since the
    outbreak began" (new-user trial AG had the beginning on the publication day).  A guess on or after that day
    becomes "before it": on TimeBank-EventTime (train, dev, AQUAINT-Cheng) 9 of the 10 such events in the past tense
    are before the publication day, 1 on it (figures there unchanged: the model had none of them on or after it)."""
    day = datetime(dct.year, dct.month, dct.day)
    by_token = _events_by_token(sdoc, offset, events)
    for i, event in by_token.items():
        tok = sdoc[i]
        t = placed.get(event.id)
        if t is None or t.basis not in ("model", "dct-default", "dct-tense") or t.start is None:
            continue
        start = datetime.fromisoformat(t.start)
        since = tok.tag_ in ("VBD", "VBN") and tok.dep_ == "advcl" \
            and any(c.dep_ == "mark" and c.lower_ == "since" for c in tok.children)
        # nor is a verb in the past tense after it ("complaints had been piling up since December" was a guess
        # after the publication day, trial AJ; TimeBank-EventTime: the 9 such guesses are all before it in gold,
        # 6 of them compatible with the guess)
        ahead = any(a.i in by_token and (by_token[a.i].tense == "FUTURE" or by_token[a.i].modality is not None)
                    for a in tok.ancestors) and (event.aspect != "PERFECTIVE" or tok.dep_ == "advcl")
        # a past perfect is over by the time of its clause, also under what is ahead, unless the clause is one of
        # time ("after you had pushed them"): "would ask him to explain why the agency had rejected the offer" (re-check
        # trial AS had the rejecting after the publication day; gold, train + aquaint-cheng: 1 of 57 past perfects is
        # after the DCT, that clause of time)
        if (since and start >= day) or (event.tense == "PAST" and event.modality is None and start > day
                                        and not ahead):  # "will receive them in coffins after you had pushed them"
            placed[event.id] = EventTime("PAST_REF", None, day.isoformat(), None, "dct-tense", (DCT_ID,), 0.5)
        elif event.tense == "PAST" and tok.dep_ == "advcl" and tok.head.i in by_token \
                and any(c.dep_ == "mark" and c.lower_ == "after" for c in tok.children):
            # "learned of the problem in July, after a dealer reported a broken anchor": no later than July (trial
            # AT; gold, TimeBank-EventTime train + AQUAINT-Cheng: 16 of 16 past "after" clauses comply)
            gov = placed.get(by_token[tok.head.i].id)
            if gov is not None and gov.basis == "timex" and gov.end is not None and gov.span is None \
                    and (t.end is None or t.end > gov.end):
                placed[event.id] = EventTime(None, None, gov.end, None, "event-relative", (by_token[tok.head.i].id,),
                                             round(gov.confidence * 0.6, 3))


_SINCE_AT = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)


def since_spans(events: list[Event], placed: dict[str, EventTime], timexes: tuple[Timex, ...], links: list[Link],
                text: str, offset: int, dct: date) -> None:
    """ "complaints had been accumulating since September": a state or process told in a perfect or progressive
    tense since a time before the publication day runs from that time to the day, not on the day alone (the guess
    the model made; trial AK re-check read "Mon 3 Feb 2025").  On TimeBank-EventTime such guesses of the past
    perfect are compatible with gold either way (gold: mostly spans that end on the publication day)."""
    from newsline._time_labels import time_label

    by_id = {t.tid: t for t in timexes}
    events_by_id = {e.id: e for e in events}
    day = datetime(dct.year, dct.month, dct.day)
    for link in links:
        event = events_by_id.get(link.source) if link.rel == "AFTER" else None
        t = by_id.get(link.target)
        if event is None or t is None or t.interval is None or t.interval.start is None or t.type != "DATE" \
                or not ("PERFECTIVE" in event.aspect or "PROGRESSIVE" in event.aspect):
            continue
        now = placed.get(event.id)
        if now is None or now.basis not in ("model", "dct-default", "dct-tense") or now.grain != "day" \
                or now.start != day.isoformat() or datetime.fromisoformat(t.interval.start) >= day:
            continue
        if not _SINCE_AT.search(text, max(0, t.start - offset - 12), max(0, t.start - offset)):
            continue
        begin = time_label(t.value, t.interval.start, t.interval.end, t.grain, "timex")
        if begin is None or "beginPoint" in begin:
            continue
        placed[event.id] = EventTime(None, t.interval.start, (day + timedelta(days=1)).isoformat(), None,
                                     "model", (DCT_ID, t.tid), round(now.confidence * 0.9, 3),
                                     (begin, dct.isoformat()))


# nouns of a time, whose relative clause tells what happened then ("on the same night that she was elected")
_TIME_NOUNS = frozenset({"day", "night", "morning", "afternoon", "evening", "week", "weekend", "month", "year",
                         "time", "moment", "hour", "minute", "season", "date", "era", "period"})


def in_noun_clauses(events: list[Event], sdoc: Any, offset: int) -> dict[str, tuple[int, int]]:
    """The past events of a relative clause on a noun ("ending an emergency that sickened 34 people and killed one
    child"), each with the clause's character span: what the clause tells of its noun happened before the day a
    verb outside it is dated, not on it (TimeBank-EventTime train: of 5 such events whose governing verb has a
    day, 1 shares it, 3 are before it; dev: 0 of 1; trial AR had the child's death on the day the outbreak was
    declared over).  Not a clause of a time or a place ("the summer it drew 12,000 visitors", "the neighborhood,
    where water reached the first floors"): it tells what happened then and there.  Nothing without a parse."""
    if sdoc is None:
        return {}
    out = {}
    for i, event in _events_by_token(sdoc, offset, events).items():
        tok = sdoc[i]
        top = tok
        while top.dep_ == "conj" and top.head.i != top.i:
            top = top.head
        if not _past(tok) or top.dep_ != "relcl" or top.head.pos_ not in ("NOUN", "PROPN") \
                or top.head.ent_type_ in ("DATE", "TIME") or top.head.lemma_.lower() in _TIME_NOUNS \
                or any(c.lower_ in ("when", "where") or (c.lower_ == "that" and c.dep_ in ("advmod", "mark"))
                       for c in top.children):  # "the same night that she was elected": a "when"
            continue
        first, last = top.left_edge, top.right_edge
        out[event.id] = (first.idx + offset, last.idx + len(last.text) + offset)
    return out


def _past(tok: Any) -> bool:
    """A past verb: "killed", or a passive or perfect in the past ("were bused", "had made")."""
    return tok.tag_ == "VBD" or (tok.tag_ == "VBN" and any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in ("was", "were", "had") for c in tok.children))


def before_an_undated_event(anchors: list[Any], decided: dict[str, EventTime], placed: dict[str, EventTime],
                            durations: dict[str, Timex], dct: date, events: list[Event],
                            shift: Callable[[EventTime, str, int], EventTime | None]) -> None:
    """ "Prosecutors say he argued with her two days before the killing": when the rules date neither side, the
    model's guesses for both may contradict the distance (new-user trial AT had the arguing and the killing both on
    the publication day).  A past event a distance before another that the model puts on a day no later than the
    publication day is no later than that distance before it: an upper bound, not a day; when the model puts the
    other anywhere else (after the publication day, a process), the distance counts back from the publication day,
    as a past event's ends by then (re-check trial AU: "ignored a warning three days before the collapse", the
    collapse after the publication day).  ``shift``: the placement's day arithmetic."""
    past = {e.id for e in events if e.tense == "PAST"}
    today = EventTime(dct.isoformat(), dct.isoformat() + "T00:00:00", (dct + timedelta(days=1)).isoformat()
                      + "T00:00:00", "day", "dct-default", (DCT_ID,), 0.5)
    for a in anchors:
        main, other = decided.get(a.event), decided.get(a.anchor)
        timex = durations.get(a.duration)
        value = timex.value if timex is not None else a.amount
        if a.direction != "before" or a.event not in past or main is None or other is None or value is None:
            continue
        if other.grain != "day" or other.start is None or other.start[:10] > dct.isoformat():
            if other.value == "FUTURE_REF" or (other.start is not None and other.start[:10] > dct.isoformat()):
                # ahead of the publication day: then no later than that day either
                placed[a.anchor] = EventTime(None, None, today.end, None, "event-relative", (a.event,), 0.35)
            other = today
        shifted = shift(other, value, -1)
        if shifted is not None and shifted.end is not None and shifted.grain == "day":
            placed[a.event] = EventTime(None, None, shifted.end, None, "event-relative", (a.anchor, a.duration),
                                        round(other.confidence * 0.5, 3))


# what news calls its own story in "The announcement came a week after ...", "The move comes as ..."
_NEWS_NOUNS = frozenset({"announcement", "decision", "move", "statement", "ruling", "report", "comment", "comments",
                         "remark", "remarks", "news", "vote", "resignation", "verdict", "agreement", "deal", "action",
                         "step", "warning", "offer"})


def as_the_lead(events: list[Event], placed: dict[str, EventTime], sdoc: Any, offset: int) -> None:
    """ "The announcement came a week after Moody's cut its rating", "The vote comes three days before the summit":
    the story's news, told in its lead sentence, is what came; both it and the noun take the day of the lead's
    first event dated to a day (TE3 silver: of the first 9 such sentences, 9 are of the lead's news, on its day;
    new-user trial AT had the announcement long before the publication day and what it came after on that day)."""
    text = doc_text(sdoc)
    end = headline_end(text)
    body = offset + (end if end is not None else 0)
    first = min((e for e in events if e.start >= body), key=lambda e: e.start, default=None)
    if first is None:
        return
    lead = sorted((e for e in events if e.sentence == first.sentence and e.id in placed
                   and placed[e.id].basis == "timex" and placed[e.id].grain == "day"), key=lambda e: e.start)
    if not lead:
        return
    day = placed[lead[0].id]
    by_token = _events_by_token(sdoc, offset, events)
    for i, event in by_token.items():
        tok = sdoc[i]
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if event.lemma != "come" or event.id in placed or event.sentence == first.sentence or subj is None \
                or subj.lower_ not in _NEWS_NOUNS or not any(c.dep_ == "det" and c.lower_ == "the"
                                                             for c in subj.children):
            continue
        for e in (event, *([by_token[subj.i]] if subj.i in by_token else [])):
            if e.id not in placed:
                placed[e.id] = relative_time(day, (lead[0].id,), day.confidence * 0.7)


# verbs whose "for <doing>" is what they answer: the doing came first
_REASON_FOR = frozenset({
    "sentence", "convict", "arrest", "jail", "imprison", "fine", "charge", "indict", "prosecute", "punish", "penalize",
    "penalise", "sue", "blame", "criticize", "criticise", "attack", "condemn", "fire", "sack", "suspend", "ban",
    "expel", "close", "praise", "thank", "reward", "honor", "honour", "apologize", "apologise", "forgive", "pardon",
    "acquit", "investigate", "detain"})


def _answers_for(verb: Any) -> bool:
    """A past verb of :data:`_REASON_FOR` (by its form too: the small model lemmatizes "fined" as "fin")."""
    w = verb.lower_
    return verb.tag_ in ("VBD", "VBN") and (verb.lemma_ in _REASON_FOR or w[:-1] in _REASON_FOR
                                            or w[:-2] in _REASON_FOR or w[:-3] in _REASON_FOR)


_SINCE_BEFORE = re.compile(r"\b[Ss]ince\s+$")
_A_HAPPENING_BEFORE = re.compile(r"(?i)\b(?:before|after)\s+the\s+[\w-]+\s+in\s+\Z")  # "before the fire in 2016"
_PLAIN_BEFORE = re.compile(r"\b(?:[Bb]efore|prior to)\s+$")


def rule_bounds(links: list[Link], timexes: tuple[Timex, ...], text: str, offset: int) -> Bounds:
    """The time expressions the rules put an event before or after ("by the end of the year", "until November",
    "after the summer"), as (relation, first day, last day), by event id (relation "BEFORE_IT" or "AFTER_IT" for
    what happened then: "before the fire in 2016"); not "since 1962", which the model's templates read (a state
    since then, or a record that dates nothing)."""
    from newsline.events._anchoring import _timex_days

    by_id = {t.tid: t for t in timexes}
    out: Bounds = {}
    for link in links:
        t = by_id.get(link.target)
        if link.kind == "event-timex" and link.rel in ("BEFORE", "AFTER") and t is not None \
                and not _SINCE_BEFORE.search(text, max(0, t.start - offset - 12), max(0, t.start - offset)):
            days = _timex_days(t)
            if days is not None:
                at = max(0, t.start - offset)
                if link.rel == "BEFORE" and t.mod in (None, "START") and _PLAIN_BEFORE.search(text, max(0, at - 9), at):
                    days = (days[0], days[0] - timedelta(days=1))  # "before Christmas" is by 24 Dec ("by", "until",
                    # "before the end of" reach the expression's last day)
                rel = link.rel + ("_IT" if _A_HAPPENING_BEFORE.search(text, max(0, at - 40), at) else "")
                out.setdefault(link.source, []).append((rel, *days))
    return out


def event_bounds(events: list[Event], placed: dict[str, EventTime], sdoc: Any, offset: int, out: Bounds) -> Bounds:
    """``out`` (the bounds of :func:`rule_bounds`), with those another event gives:

    - a dated event noun after "before" or "after" bounds its verb: "hired 200 workers before the merger in March"
      is by the end of March, "arrested him after the attack on Friday" on or after that Friday (new-user trial AV:
      "had promised a new bridge before the previous election in 2021" was on the publication day).
      TimeBank-EventTime (train, dev, AQUAINT-Cheng): of the 18 such pairs whose gold labels say, 17 comply (not: a
      plan, "is scheduled to leave after the flight"); no figure there changes (the model's labels were within);
    - what one learns or hears of was before the learning's day: "learned of Marsh's death the following morning"
      (new-user trial AT had the death on that morning);
    - what one is sentenced, arrested, blamed or praised for doing was by the day of that: "was sentenced on Friday
      ... for stealing from the pension fund" (new-user trial AY had the stealing after the publication day).
      AQUAINT-Cheng: 4 of 4 such gerunds are by their verb's day by their gold labels, two of them placed after it
      before (train and dev hold none);
    - so does a dated clause after "before" or "after": "will stop trading before the market opens on Monday" is by
      that Monday (new-user trial AY had it after the publication day, with no end).  TimeBank-EventTime: of the 14
      such pairs whose gold labels say, the 11 "after" comply, 1 of the 3 "before" (the other two misparsed: "plans
      to testify before Congress", where the clause is not the verb's)."""
    by_token = _events_by_token(sdoc, offset, events)
    for i, noun in by_token.items():
        tok = sdoc[i]
        if tok.tag_ == "VBG" and tok.dep_ == "pcomp" and tok.head.lower_ == "for" \
                and _answers_for(tok.head.head):
            verb = by_token.get(tok.head.head.i)
            days = _dated(placed.get(verb.id)) if verb is not None else None
            if days is not None:
                out.setdefault(noun.id, []).append(("BEFORE_IT", days[1], days[1]))
            continue
        mark = next((c.lower_ for c in tok.children if c.dep_ == "mark" and c.lower_ in ("before", "after")), None)
        if mark is not None and tok.dep_ == "advcl" and noun.pos == "VERB" and tok.head.i in by_token:
            days = _dated(placed.get(noun.id))
            if days is not None:
                out.setdefault(by_token[tok.head.i].id, []).append(
                    ("BEFORE_IT" if mark == "before" else "AFTER_IT", *days))
            continue
        verb = by_token.get(tok.head.head.i)
        if noun.pos != "NOUN" or tok.dep_ != "pobj" or verb is None:
            continue
        prep = tok.head.lower_
        if prep in ("of", "about") and tok.head.head.lemma_ in LEARNING:
            t = placed.get(verb.id)
            if t is not None and t.basis == "timex" and t.span is None and t.start is not None:
                first = datetime.fromisoformat(t.start).date()
                out.setdefault(noun.id, []).append(("BEFORE", first, first - timedelta(days=1)))
        elif prep in ("before", "after"):
            days = _dated(placed.get(noun.id))
            if days is not None:
                out.setdefault(verb.id, []).append(("BEFORE_IT" if prep == "before" else "AFTER_IT", *days))
    return out


def _dated(t: EventTime | None) -> tuple[date, date] | None:
    """The first and last day of a time a time expression gave, or another mention of the event ("set sentencing for
    April 24. Before sentencing, ...": new-user trial AY); not a span, not a guess."""
    if t is None or t.basis not in ("timex", "event-relative") or t.span is not None or t.start is None \
            or t.end is None:
        return None
    return datetime.fromisoformat(t.start).date(), (datetime.fromisoformat(t.end) - timedelta(microseconds=1)).date()
