"""Deadlines someone has: "Prosecutors have until May 2 to file a response", "were given until June 30 to leave".

The date after "until" hangs on "have" (or "give", "get"), which is no event of its own or only a state; what
is to be done by then is the infinitive after it, and it happens before (or on) that date: the rules link it
BEFORE the expression, and the placement bounds its time by the date ("after 18 Mar 2025, before 2 May 2025").
TimeBank and AQUAINT hold no such phrase (the TE3 silver news one, "have until Thursday to ...");
new-user trial L: "Prosecutors have until May 2 to file" put the filing at any time after the DCT.
"""

from __future__ import annotations

from typing import Any

from newsline._model import Event

__all__ = ["deadline_event"]

_HOLDERS = frozenset({"have", "give", "get"})
_PREPS = frozenset({"until", "till"})


def deadline_event(verb: Any, prep: str | None, by_token: dict[int, Event]) -> Event | None:
    """The event ``verb`` ("have", "give", "get") has until the date after ``prep`` to do: its infinitive."""
    if prep not in _PREPS or verb.lemma_.lower() not in _HOLDERS:
        return None
    for c in verb.children:
        if c.dep_ in ("xcomp", "advcl") and c.i in by_token and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            return by_token[c.i]
    return None
