"""Ongoing states that a later event of the same entity ends: "Whitfield has led Meridian Bank since January
2016" (2024) and "Whitfield resigned as chief executive of Meridian Bank on Monday" (2025) make the state's
entry "Jan 2016 to 10 Feb 2025" instead of "since Jan 2016 (ongoing)".

Which events end which states is data (``lang/en/state_ends.toml``: the end verbs, the state lemmas they
end, where the entity is in the end event, examples).  Kept conservative, an end event closes a state when

- it is the entity's by participant or pronoun (not only by sharing a sentence), with the entity where
  the rule says (the subject of "resigned", the object of "fired" or the subject of "was fired"), and the
  entity is the subject of the state ("has led"; a marriage either way);
- it is reported as having happened: no negation, modal or "to" right before it ("did not resign", "will
  retire", "refused to resign"), not dated after its own article (a plan);
- it is dated (an interval of its own) after the state began and no earlier than the day of the latest
  article that still reports the state as ongoing;
- the organisations, places or people it names (other than the entity) are the state's, when both name
  some, and so are its role words ("as chief executive"), when both have them (death ends every state).

The earliest such event closes the state: the entry ends where that event's time ends.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from typing import Protocol, TypeVar

from newsline._when_text import closed_span, span_grain
from newsline.corpus._entity_events import EventSource
from newsline.corpus._entity_names import _ALL_PRONOUNS, _ARTICLES, _unpossessed, name_key

__all__ = ["Closure", "closure", "enders"]

ROLES = ("subject", "object", "any")
_IRREALIS = frozenset({"not", "never", "to", "will", "would", "could", "may", "might", "should", "must", "can",
                       "cannot", "shall", "'ll", "'d", "wo", "ca", "n't"})
_PASSIVE = re.compile(r"\b(?:was|were|been|being|be|is|are|got|get|gets|getting)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"\w['\u2019]s?\b")
_ROLE = re.compile(r"\bas\s+(?:an?\s+|the\s+|its\s+|their\s+)?((?:[a-z-]+\s*){1,4})")
_ROLE_STOP = frozenset({"of", "at", "for", "in", "on", "and", "after", "before", "since", "with", "from", "to"})
_NOT_NAME_START = _ALL_PRONOUNS | _ARTICLES | frozenset({"its", "their", "his", "her", "our", "my", "your"})


@dataclass(frozen=True, slots=True)
class _Rule:
    verbs: tuple[tuple[str, str | None], ...]  # (lemma, particle after it or None)
    states: frozenset[str]  # state lemmas; "*" for every state
    entity: str  # where the entity is in the end event: one of ROLES


@dataclass(frozen=True, slots=True)
class Closure:
    """How a state ends: the end of its interval, its value and words, and the report that ends it."""

    end: str
    value: str
    when_text: str
    source: EventSource


class _Entry(Protocol):
    @property
    def start(self) -> str | None: ...
    @property
    def end(self) -> str | None: ...
    @property
    def value(self) -> str | None: ...
    @property
    def grain(self) -> str | None: ...
    @property
    def sources(self) -> tuple[EventSource, ...]: ...


_EntryT = TypeVar("_EntryT", bound=_Entry)


@lru_cache(maxsize=2)
def rules(lang: str = "en") -> tuple[_Rule, ...]:
    """The entries of ``lang/<lang>/state_ends.toml``."""
    text = resources.files("newsline.corpus").joinpath(f"lang/{lang}/state_ends.toml").read_text("utf-8")
    out = []
    for n, entry in enumerate(tomllib.loads(text).get("end", ()), 1):
        if entry.get("entity") not in ROLES or not entry.get("verbs") or not entry.get("states"):
            raise ValueError(f"state_ends.toml: entry {n} needs verbs, states and entity (one of {ROLES})")
        verbs = tuple((w.split()[0].lower(), w.split()[1].lower() if len(w.split()) > 1 else None)
                      for w in entry["verbs"])
        out.append(_Rule(verbs, frozenset(s.lower() for s in entry["states"]), entry["entity"]))
    return tuple(out)


# ------------------------------------------------------------------ the words of a report

def _before(src: EventSource) -> str:
    """The sentence up to the event's trigger."""
    return src.sentence[:max(0, src.start - src.sentence_start)]


def _after(src: EventSource) -> str:
    return src.sentence[max(0, src.end - src.sentence_start):]


def _verb_rules(src: EventSource) -> list[_Rule]:
    """The rules whose end verbs this report is (its lemma, and the particle right after it if they need one)."""
    lemma = src.lemma.lower()
    following = [w.strip(".,;:'\"") for w in _after(src).lower().split()[:2]]
    return [r for r in rules() if any(v == lemma and (p is None or p in following) for v, p in r.verbs)]


def _happened(src: EventSource) -> bool:
    """Reported as done: no negation, modal or "to" among the three words before it; not after its article."""
    words = _before(src).lower().replace("\u2019", "'").split()[-3:]
    if any(w in _IRREALIS or w.endswith("n't") for w in words):
        return False
    return not (src.dct is not None and src.time.start is not None and src.time.start[:10] > src.dct.isoformat())


def _own_words(own: frozenset[str]) -> frozenset[str]:
    return frozenset(w for key in own for w in key.split())


def _named_words(phrase: str) -> set[str]:
    """The capitalised words of a phrase, but a first article or pronoun ("The Arc" gives {"arc"})."""
    words = [w.strip(".,;:'\"()\u201c\u201d") for w in phrase.split()]
    if words and words[0].lower() in _NOT_NAME_START:
        words = words[1:]
    return {_unpossessed(w).lower() for w in words if w[:1].isupper()}


def _is_own(phrase: str, src: EventSource, own: frozenset[str]) -> bool:
    """Whether a participant phrase is the entity: its name, or a pronoun the entity was matched by."""
    if phrase.lower() in _ALL_PRONOUNS:
        return src.match == "pronoun"
    if _POSSESSIVE.search(phrase):  # "Whitfield's deputy" is someone else
        return False
    if name_key(phrase) in own:
        return True
    words = _named_words(phrase)
    return bool(words) and words <= _own_words(own)


def _entity_at(src: EventSource, role: str, own: frozenset[str]) -> bool:
    """Whether the entity is where ``role`` wants it in the report (the subject of a passive is its object)."""
    parts = src.participants
    if not parts:
        return False
    if role == "any":
        return any(_is_own(p, src, own) for p in parts)
    passive = bool(_PASSIVE.search(_before(src)))
    if (role == "object") == passive:
        return _is_own(parts[0], src, own)
    return role == "object" and any(_is_own(p, src, own) for p in parts[1:])


def _names(src: EventSource, own: frozenset[str]) -> set[str]:
    """The named words of the report's phrase and participants that are not the entity's own."""
    words = _named_words(src.title or src.text)
    for p in src.participants:
        words |= _named_words(p)
    return words - _own_words(own)


def _roles(src: EventSource) -> set[str]:
    """The role words after "as" ("resigned as chief executive of Meridian Bank": chief, executive)."""
    m = _ROLE.search(src.title or "")
    if m is None:
        return set()
    out: set[str] = set()
    for w in m.group(1).split():
        if w in _ROLE_STOP:
            break
        out.add(w)
    return out


def _compatible(state: EventSource, end: EventSource, own: frozenset[str]) -> bool:
    a, b = _names(state, own), _names(end, own)
    if a and b and not a & b:
        return False
    ra, rb = _roles(state), _roles(end)
    return not (ra and rb and not ra & rb)


# ------------------------------------------------------------------ closing a state

def _ends(state: EventSource, src: EventSource, own: frozenset[str]) -> bool:
    """Whether the report ``src`` ends the state reported by ``state`` (see the module docstring)."""
    if src.match == "sentence" or not _happened(src):
        return False
    lemma = state.lemma.lower()
    for rule in _verb_rules(src):
        every = "*" in rule.states
        if not every and lemma not in rule.states:
            continue
        if rule.entity != "any" and not (state.participants and _is_own(state.participants[0], state, own)):
            continue
        if _entity_at(src, rule.entity, own) and (every or _compatible(state, src, own)):
            return True
    return False


def enders(entries: Sequence[_EntryT]) -> list[_EntryT]:
    """The dated entries that may end a state: a report's lemma is an end verb (one pass, before the states)."""
    lemmas = {v for r in rules() for v, _ in r.verbs}
    return [e for e in entries if e.start is not None and e.end is not None
            and any(s.lemma.lower() in lemmas for s in e.sources)]


def _observed(state: _Entry) -> date | None:
    """The latest day an article reported the state as still going on."""
    days = [s.dct for s in state.sources if s.dct is not None]
    return max(days) if days else None


def closure(state: _Entry, later: Sequence[_Entry], own: frozenset[str]) -> Closure | None:
    """How the ongoing ``state`` (dated from its start, no end) ends: by the earliest entry of ``later`` (dated
    entries of the same timeline) with a report that ends it; None when none does."""
    if state.start is None or state.end is not None:
        return None
    reports = [s for s in state.sources if s.match != "sentence"]
    seen = _observed(state)
    best: tuple[str, _Entry, EventSource] | None = None
    for entry in later:
        if entry.start is None or entry.end is None or entry.start <= state.start:
            continue
        if seen is not None and entry.start[:10] < seen.isoformat():
            continue
        if best is not None and entry.start >= best[0]:
            continue
        src = next((s for s in entry.sources for r in reports if _ends(r, s, own)), None)
        if src is not None:
            best = (entry.start, entry, src)
    if best is None:
        return None
    _, entry, src = best
    assert entry.end is not None
    first = _span_begin(state)
    last_grain = entry.grain if entry.grain in ("year", "month", "day") else "day"
    value = f"{_cut(state.start, first)}/{_cut(entry.start or entry.end, last_grain)}"
    return Closure(entry.end, value, closed_span(state.start, first, entry.end, last_grain), src)


def _span_begin(state: _Entry) -> str:
    """The grain the state's begin is known at: the span of its most precise report's time, else its start's."""
    for s in state.sources:
        if s.time.span is not None and s.time.start == state.start:
            grain = span_grain(s.time.span[0])
            if grain is not None:
                return grain
    at = datetime.fromisoformat(state.start or "0001-01-01")
    return "year" if (at.month, at.day) == (1, 1) else "month" if at.day == 1 else "day"


def _cut(moment: str, grain: str) -> str:
    """A moment as a TIMEX3 value at ``grain``: 2016, 2016-01, 2016-01-04."""
    return moment[:{"year": 4, "month": 7}.get(grain, 10)]
