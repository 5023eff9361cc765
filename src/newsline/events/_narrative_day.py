"""The day of a story's paragraph for its past events that name no time of their own (:func:`narrative_day`).

Called by ``_placement.place_events`` after the rules and the anchoring model have placed every event.
"""

from __future__ import annotations

import re
from datetime import date

from newsline._model import Event, EventTime, Timex
from newsline.timex._calendar import interval_of

__all__ = ["narrative_day"]

_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
_PARAGRAPH_BREAK = "\n\n"


def narrative_day(events: list[Event], timexes: tuple[Timex, ...], text: str, offset: int, dct: date,
                   placed: dict[str, EventTime]) -> None:
    """A past event told in a sentence with no time of its own, in the paragraph of a day before the publication
    day that dates a past event, is on that day: "On Aug. 7, Bushnell had just ended a news conference. They were
    talking when the bomb went off" (new-user trial S: "Lindqvist struck in the 93rd minute" after the Saturday
    win was on the publication day).  Only events the model or tense put on or before the publication day move.

    aquaint-cheng: 14 events to their gold day, none away from it (28.1% -> 28.5% strict); TimeBank-EventTime
    train: 2 away ("Police gave no details" after "talks broke off at noon Thursday", gold the publication day;
    52.9% -> 52.7%), dev unchanged (it has no such sentence)."""
    dated = sorted((t for t in timexes if t.type in ("DATE", "TIME") and t.tid), key=lambda t: t.start)
    if not dated:
        return
    today = dct.isoformat()
    # what a report in the present tells is claimed now, not told on in the paragraph's day ("Her lawyer said on
    # Monday ... Auditors say the mayor moved the funds": re-check trial AU had the moving on the Monday)
    claimed = {r.reports for r in events if r.reports and r.eclass == "REPORTING" and r.tense == "PRESENT"}
    for e in events:
        t = placed.get(e.id)
        if e.tense != "PAST" or e.eclass != "OCCURRENCE" or e.aspect not in ("NONE", "PROGRESSIVE") or t is None \
                or t.basis not in ("model", "dct-default", "dct-tense") or not _on_or_before(t, today) \
                or e.id in claimed:
            continue
        lo, hi = e.sentence
        if any(lo <= x.start < hi for x in dated):
            continue  # a sentence with a time of its own: the rules and the model have read it
        before = [x for x in dated if x.end <= lo]
        if not before:
            continue
        x = before[-1]
        if not _DAY_VALUE.match(x.value) or x.value[:10] >= today \
                or _PARAGRAPH_BREAK in text[max(0, x.end - offset):max(0, lo - offset)]:
            continue
        if not any(o.tense == "PAST" and o.id != e.id and o.id in placed and placed[o.id].basis == "timex"
                   and x.tid in placed[o.id].evidence for o in events):
            continue  # the day dates no past event of the story ("its record high set on Aug. 6")
        day, _ = interval_of(x.value[:10], None)
        assert day is not None
        placed[e.id] = EventTime(x.value[:10], day.start, day.end, "day", "timex", (x.tid,),
                                 round(t.confidence * 0.8, 3))


def _on_or_before(t: EventTime, today: str) -> bool:
    """The publication day, or only bounded by it from above (PAST_REF, "before" it)."""
    return t.value in (today, "PAST_REF") or (t.value is None and t.start is None and t.end is not None
                                               and t.end[:10] <= today)
