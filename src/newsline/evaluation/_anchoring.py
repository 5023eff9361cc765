"""Event time anchoring against TimeBank-EventTime (Reimers et al., 2016): when did each event happen?

The gold files (``shared/data/eventtime/*.tab``) give, for each ``<EVENT eid>`` of a
TimeBank (or AQUAINT) document, a label in the notation of
:mod:`newsline._time_labels`.  Scoring a gold file:

1. each document's TimeML file is found by its id (``tempeval3/TBAQ-cleaned/TimeBank``
   or ``.../AQUAINT`` under the data folder) and :func:`newsline.annotate` runs on its
   tag-free TEXT with its DCT (as ``newsline timeline`` does for ``.tml`` input);
2. each gold event (the character span of its ``<EVENT eid>`` in that TEXT) is aligned
   to the system event whose span overlaps it most (ties: the earlier one); a gold
   event no system event overlaps is **undetected**;
3. the system label is ``EventTime.label`` of the aligned event (None when it is
   undetected or its time is unknown).

Measures, each over the gold events whose label is not ``n/a``:

* **strict accuracy**: the share whose system label is exactly the gold label
  (a gold label listing alternatives, comma-separated, is matched by any of them);
* **relaxed accuracy**: the share whose system label is *compatible* with the gold
  label.  Every label allows a range of days, bounds inclusive (``before1998-02-27``
  allows every day up to and including the 27th; ``after1996-01-01before1996-12-31``
  the year 1996; an exact day just that day): a single-day label allows the days its
  bounds allow, a multi-day label the days from its earliest possible begin to its
  latest possible end (``xxxx-xx-xx``: unbounded).  Two labels are compatible when
  their ranges overlap and, if both are multi-day, their begin ranges overlap and
  their end ranges overlap.  This is the lenient comparison the README of the data
  hints at ("bounds are inclusive days, so before1998-02-27 does not exclude the
  27th when compared leniently"), in the spirit of Reimers et al.'s distinction
  between a label and the time frame it allows; it forgives imprecise bounds, never a
  contradiction;
* both **by kind** of the gold label (its first alternative): ``exact day``
  (``1998-02-27``), ``bounded day`` (a single-day event with before/after bounds) and
  ``multi-day`` (``beginPoint=...endPoint=...``);
* **coverage**: the share that got a system label at all; the rest are split into
  ``undetected`` (no system event) and ``unknown`` (an event without a time).

With ``--given-events`` (``given_events=True``) step 1 places the document's own
``<EVENT>`` tags (all of them, not only the scored ones) instead of the events
newsline finds, as Reimers et al. and the published systems do: the figure then
measures anchoring alone, and nothing is undetected.

Gold ``n/a`` (the annotators found no time: 9 events in train, dev and AQUAINT
together) is left out of every denominator and only counted (``n_na``), because
"no time" is not a place on the axis an anchoring can be right or wrong about.

The 9 held-out test documents of TimeBank-Dense (:data:`HELD_OUT`) are dropped
while the gold file is read, before any TimeML is opened: they are never read,
annotated or scored, whatever file lists them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from newsline._model import AnnotatedDocument, Event, EventTime
from newsline.errors import InputError
from newsline.timeml import TimeMLDocument, read_timeml

__all__ = ["HELD_OUT", "KINDS", "AnchoredEvent", "AnchoringScores", "GoldEvent", "anchor_gold",
           "compatible", "label_kind", "read_gold", "score_anchoring", "score_gold_file", "strict_match"]

HELD_OUT = frozenset({
    "APW19980227.0489", "APW19980227.0494", "APW19980308.0201", "APW19980418.0210", "CNN19980126.1600.1104",
    "CNN19980213.2130.0155", "NYT19980402.0453", "PRI19980115.2000.0186", "PRI19980306.2000.1675",
})
KINDS = ("exact day", "bounded day", "multi-day")
CORPUS_DIRS = ("tempeval3/TBAQ-cleaned/TimeBank", "tempeval3/TBAQ-cleaned/AQUAINT")
NA = "n/a"

_DAY = r"\d{4}-\d{2}-\d{2}"
_SINGLE = re.compile(rf"(?P<exact>{_DAY})|(?:after(?P<after>{_DAY}))?(?:before(?P<before>{_DAY}))?|xxxx-xx-xx")
_MULTI = re.compile(r"beginPoint=(?P<begin>.*?)endPoint=(?P<end>.*)")

Range = tuple[date | None, date | None]  # first and last allowed day, inclusive; None: unbounded


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One line of a gold file: a document, an ``<EVENT eid>`` and its label."""

    doc: str
    eid: str
    label: str


@dataclass(frozen=True, slots=True)
class AnchoredEvent:
    """A gold event with what the system made of it: the aligned event and its time (None: undetected)."""

    gold: GoldEvent
    dct: date | None
    event: Event | None = None
    time: EventTime | None = None

    @property
    def system(self) -> str | None:
        return self.time.label if self.time is not None else None


# --- labels --------------------------------------------------------------------------


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _single(text: str, where: str) -> Range:
    m = _SINGLE.fullmatch(text)
    if m is None or not text:
        raise InputError(f"{where}: {text!r} is not an EventTime label (e.g. 1998-02-27, before1998-02-27, "
                         "after1996-01-01before1996-12-31, beginPoint=...endPoint=..., n/a)")
    if m.group("exact"):
        day = date.fromisoformat(m.group("exact"))
        return day, day
    return _date(m.group("after")), _date(m.group("before"))


def _parse(label: str, where: str = "label") -> tuple[Range, Range, bool]:
    """(begin range, end range, multi-day?); a single-day label's begin and end are its one range."""
    try:
        m = _MULTI.fullmatch(label)
        if m is not None:
            return _single(m.group("begin"), where), _single(m.group("end"), where), True
        day = _single(label, where)
        return day, day, False
    except InputError:
        raise
    except ValueError as exc:  # a date that does not exist
        raise InputError(f"{where}: {label!r} holds an impossible date ({exc})") from exc


def label_kind(label: str) -> str:
    """``exact day``, ``bounded day``, ``multi-day`` or ``n/a`` (of the first alternative)."""
    first = label.split(",")[0]
    if first == NA:
        return NA
    if first.startswith("beginPoint="):
        return "multi-day"
    return "exact day" if re.fullmatch(_DAY, first) else "bounded day"


def _overlap(a: Range, b: Range) -> bool:
    lo = max((d for d in (a[0], b[0]) if d is not None), default=None)
    hi = min((d for d in (a[1], b[1]) if d is not None), default=None)
    return lo is None or hi is None or lo <= hi


def _compatible_one(gold: str, system: str) -> bool:
    g_begin, g_end, g_multi = _parse(gold)
    s_begin, s_end, s_multi = _parse(system)
    if not _overlap((g_begin[0], g_end[1]), (s_begin[0], s_end[1])):  # the days each allows
        return False
    return not (g_multi and s_multi) or (_overlap(g_begin, s_begin) and _overlap(g_end, s_end))


def strict_match(gold: str, system: str | None) -> bool:
    """The system label is one of the gold label's alternatives, letter for letter."""
    return system is not None and system in gold.split(",")


def compatible(gold: str, system: str | None) -> bool:
    """The system label allows a time one of the gold alternatives allows (see the module doc)."""
    if system is None or gold == NA:
        return False
    return any(_compatible_one(alt, system) for alt in gold.split(","))


# --- the gold file -------------------------------------------------------------------


def read_gold(path: Path) -> list[GoldEvent]:
    """The events of a ``.tab`` gold file, held-out documents left out; InputError when it is not one."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such gold file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the gold file ({exc})") from exc
    out: list[GoldEvent] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        cols = line.split("\t")
        where = f"{path}:{n}"
        if len(cols) != 8 or cols[3] != "event" or cols[6] != "time":
            raise InputError(f"{where}: expected 8 tab-separated columns "
                             "(doc, sentence, token, event, eid, 1, time, label), as in TimeBank-EventTime")
        doc, eid, label = cols[0], cols[4], cols[7].strip()
        if doc in HELD_OUT:
            continue
        for alt in label.split(","):
            if alt != NA:
                _parse(alt, where)
        out.append(GoldEvent(doc, eid, label))
    if not out:
        raise InputError(f"{path}: no gold events (outside the held-out documents)")
    return out


def _find_timeml(doc: str, data: Path) -> Path:
    for sub in CORPUS_DIRS:
        candidate = data / sub / f"{doc}.tml"
        if candidate.is_file():
            return candidate
    raise InputError(f"document {doc}: no {doc}.tml under {data}/{{{','.join(CORPUS_DIRS)}}}; "
                     "give the folder laid out like shared/data with --data DIR")


def _event_spans(tml: TimeMLDocument) -> dict[str, tuple[int, int]]:
    return {tag.get("eid") or "": (tag.start, tag.end) for tag in tml.tags if tag.name == "EVENT"}


def _aligned(span: tuple[int, int], doc: AnnotatedDocument) -> tuple[Event, EventTime] | None:
    best: tuple[int, int] | None = None
    found: tuple[Event, EventTime] | None = None
    for entry in doc.timeline:
        e = entry.event
        overlap = min(span[1], e.end) - max(span[0], e.start)
        if overlap <= 0:
            continue
        key = (overlap, -e.start)
        if best is None or key > best:
            best, found = key, (e, entry.time)
    return found


Annotator = Callable[..., AnnotatedDocument]  # (text, dct) -> annotation; with given events also event_spans=


def _default_annotator(text: str, dct: date | None,
                       event_spans: Sequence[tuple[int, int]] | None = None) -> AnnotatedDocument:
    from newsline.events._annotate import annotate

    return annotate(text, dct, event_spans=event_spans)


def anchor_gold(gold: Sequence[GoldEvent], data: Path, annotator: Annotator | None = None,
                progress: Callable[[str], None] | None = None, given_events: bool = False) -> list[AnchoredEvent]:
    """Annotate each gold document once and pair every gold event with the system's event and time.

    With ``given_events`` the annotator places the document's own TimeML events (every
    ``<EVENT>`` of the file, as TimeBank-EventTime and the published systems assume)
    instead of the events it finds: the anchoring figures without event detection's misses.
    """
    run = annotator or _default_annotator
    by_doc: dict[str, list[GoldEvent]] = {}
    for g in gold:
        if g.doc in HELD_OUT:  # never, even when a caller built the list by hand
            continue
        by_doc.setdefault(g.doc, []).append(g)
    paths = {doc: _find_timeml(doc, data) for doc in by_doc}  # every document found before any work
    out: list[AnchoredEvent] = []
    for doc, events in by_doc.items():
        tml = read_timeml(paths[doc])
        spans = _event_spans(tml)
        missing = [g.eid for g in events if g.eid not in spans]
        if missing:
            raise InputError(f"document {doc}: {paths[doc]} has no <EVENT eid=\"{missing[0]}\"> "
                             f"({len(missing)} gold event(s) missing); is it the right file?")
        if progress is not None:
            progress(doc)
        if given_events:
            annotated = run(tml.text, tml.dct, event_spans=sorted(set(spans.values())))
        else:
            annotated = run(tml.text, tml.dct)
        for g in events:
            hit = _aligned(spans[g.eid], annotated)
            out.append(AnchoredEvent(g, tml.dct, *hit) if hit else AnchoredEvent(g, tml.dct))
    return out


# --- the scores ----------------------------------------------------------------------


@dataclass
class _Tally:
    n: int = 0
    strict: int = 0
    relaxed: int = 0

    def add(self, strict: bool, relaxed: bool) -> None:
        self.n += 1
        self.strict += strict
        self.relaxed += relaxed

    def to_dict(self) -> dict[str, Any]:
        return {"n": self.n, "strict": _ratio(self.strict, self.n), "relaxed": _ratio(self.relaxed, self.n)}


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


@dataclass
class AnchoringScores:
    """Strict and relaxed accuracy, overall and by gold kind, and coverage (see the module doc)."""

    name: str = ""
    n_docs: int = 0
    n_na: int = 0
    labelled: int = 0
    undetected: int = 0
    unknown: int = 0
    overall: _Tally = field(default_factory=_Tally)
    by_kind: dict[str, _Tally] = field(default_factory=lambda: {k: _Tally() for k in KINDS})

    @property
    def coverage(self) -> float:
        return _ratio(self.labelled, self.overall.n)

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.name, "n_docs": self.n_docs, "n_gold": self.overall.n, "n_na": self.n_na,
                "strict": _ratio(self.overall.strict, self.overall.n),
                "relaxed": _ratio(self.overall.relaxed, self.overall.n),
                "by_kind": {k: t.to_dict() for k, t in self.by_kind.items()},
                "coverage": self.coverage, "labelled": self.labelled, "undetected": self.undetected,
                "unknown": self.unknown}

    def format(self) -> str:
        o = self.overall
        lines = [f"event time anchoring (TimeBank-EventTime): {self.name}, {self.n_docs} documents, "
                 f"{o.n} gold events scored ({self.n_na} n/a left out)",
                 f"{'':14}{'events':>7}{'strict':>9}{'relaxed':>9}",
                 f"{'all':14}{o.n:>7}{_pct(o.strict, o.n):>9}{_pct(o.relaxed, o.n):>9}"]
        for kind, t in self.by_kind.items():
            lines.append(f"{kind:14}{t.n:>7}{_pct(t.strict, t.n):>9}{_pct(t.relaxed, t.n):>9}")
        lines.append(f"coverage: {_pct(self.labelled, o.n)} of gold events got a time "
                     f"({self.labelled}); {self.unknown} detected with an unknown time, "
                     f"{self.undetected} not detected as events")
        return "\n".join(lines)


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}%" if b else "-"


def score_anchoring(pairs: Iterable[AnchoredEvent], name: str = "") -> AnchoringScores:
    """The scores of gold events paired with the system's times."""
    scores = AnchoringScores(name=name)
    docs: set[str] = set()
    for p in pairs:
        docs.add(p.gold.doc)
        gold = p.gold.label
        if label_kind(gold) == NA:
            scores.n_na += 1
            continue
        system = p.system
        strict, relaxed = strict_match(gold, system), compatible(gold, system)
        scores.overall.add(strict, relaxed)
        scores.by_kind[label_kind(gold)].add(strict, relaxed)
        if p.event is None:
            scores.undetected += 1
        elif system is None:
            scores.unknown += 1
        else:
            scores.labelled += 1
    scores.n_docs = len(docs)
    return scores


def find_data_dir(data: Path | None) -> Path:
    """The data folder: ``data`` if given, else ``../shared/data`` from here or from the checkout."""
    if data is not None:
        if not data.is_dir():
            raise InputError(f"{data}: not a directory; --data must be the folder holding tempeval3/")
        return data
    for base in (Path.cwd(), Path(__file__).resolve().parents[3]):
        candidate = (base / ".." / "shared" / "data").resolve()
        if candidate.is_dir():
            return candidate
    raise InputError("no data folder at ../shared/data; give the folder holding tempeval3/ with --data DIR")


def score_gold_file(gold_path: Path, data: Path | None = None, annotator: Annotator | None = None,
                    progress: Callable[[str], None] | None = None,
                    given_events: bool = False) -> tuple[AnchoringScores, list[AnchoredEvent]]:
    """Read a gold ``.tab`` file, annotate its documents and score them; also the paired events."""
    gold = read_gold(gold_path)
    pairs = anchor_gold(gold, find_data_dir(data), annotator, progress, given_events)
    name = gold_path.name + (" (gold events given)" if given_events else "")
    return score_anchoring(pairs, name), pairs


def anchoring_report(gold_path: Path, data: Path | None = None, fmt: str = "text",
                     given_events: bool = False) -> str:
    """What ``newsline eval --anchoring GOLD.tab [--given-events] [--data DIR] [--format text|json]`` prints."""
    import json

    scores, _ = score_gold_file(gold_path, data, given_events=given_events)
    return json.dumps(scores.to_dict(), indent=2) if fmt == "json" else scores.format()
