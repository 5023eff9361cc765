"""TempEval-3 Task B event scoring: extent, class, tense, aspect and polarity of EVENTs.

The definitions follow TempEval-3 (UzZaman et al., 2013), as for timexes in
:mod:`newsline.evaluation._timex_scoring`:

* **strict match**: a gold and a system event with the identical character extent;
* **relaxed match**: extents that overlap, aligned one to one (greedy: larger overlap
  first, then identical extents, then the smaller union, then position);
* precision = matches / system events, recall = matches / gold events, F1 their
  harmonic mean, for strict and for relaxed matches;
* **attribute accuracy** (class, tense, aspect, polarity): the share of relaxed
  matches whose attribute is identical; **attribute F1** = relaxed F1 x accuracy.

Counts are summed over documents before ratios are taken (micro-average); a ratio
with a zero denominator is 0.0.  Gold attributes come from each event's first
MAKEINSTANCE (tense, aspect, polarity, modality, pos); an event without one has
tense and aspect NONE and polarity POS.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from newsline._model import Event
from newsline.errors import InputError
from newsline.evaluation._timex_scoring import _f1, _ratio, _tml_files
from newsline.timeml import TimeMLDocument, read_timeml

__all__ = ["ATTRIBUTES", "EventScores", "align_events", "events_from_timeml", "load_event_pairs",
           "score_event_dirs", "score_events"]

ATTRIBUTES = ("eclass", "tense", "aspect", "polarity")
_MAKEINSTANCE = re.compile(r"<MAKEINSTANCE\b([^>]*)>")
_ATTR = re.compile(r'([\w:.-]+)\s*=\s*"([^"]*)"')
_POS = {"VERB": "VERB", "NOUN": "NOUN", "ADJECTIVE": "ADJECTIVE"}


def _instances(raw: str) -> dict[str, dict[str, str]]:
    """eventID -> attributes of its first MAKEINSTANCE."""
    out: dict[str, dict[str, str]] = {}
    for m in _MAKEINSTANCE.finditer(raw):
        attrs = dict(_ATTR.findall(m.group(1)))
        eid = attrs.get("eventID")
        if eid and eid not in out:
            out[eid] = attrs
    return out


def events_from_timeml(doc: TimeMLDocument) -> list[Event]:
    """The EVENT tags of a TimeML document as :class:`Event` values, with MAKEINSTANCE attributes."""
    inst = _instances(doc.raw)
    events: list[Event] = []
    for tag in doc.tags:
        if tag.name != "EVENT":
            continue
        eid = tag.get("eid", "") or ""
        mi = inst.get(eid, {})
        modality = mi.get("modality")
        events.append(Event(
            id=eid, start=tag.start, end=tag.end, text=doc.text[tag.start : tag.end],
            eclass=tag.get("class", "") or "", tense=mi.get("tense", "NONE"), aspect=mi.get("aspect", "NONE"),
            polarity=mi.get("polarity", "POS"), modality=modality.lower() if modality else None,
            pos=_POS.get(mi.get("pos", ""), "OTHER"),
        ))
    return events


def _same_extent(a: Event, b: Event) -> bool:
    return a.start == b.start and a.end == b.end


def _overlap(a: Event, b: Event) -> int:
    if _same_extent(a, b):
        return a.end - a.start
    shared = min(a.end, b.end) - max(a.start, b.start)
    return shared if shared > 0 else -1


def align_events(gold: Sequence[Event], system: Sequence[Event]) -> list[tuple[Event, Event]]:
    """One-to-one (gold, system) pairs of overlapping events, greedy as described above."""
    candidates: list[tuple[tuple[int, bool, int, int, int, int, int], int, int]] = []
    by_start = sorted(range(len(system)), key=lambda i: system[i].start)
    for gi, g in enumerate(gold):
        for si in by_start:
            s = system[si]
            if s.start > g.end:
                break
            shared = _overlap(g, s)
            if shared < 0:
                continue
            union = max(g.end, s.end) - min(g.start, s.start)
            candidates.append(((-shared, not _same_extent(g, s), union, g.start, s.start, gi, si), gi, si))
    candidates.sort()
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, si in candidates:
        if gi not in used_gold and si not in used_system:
            used_gold.add(gi)
            used_system.add(si)
            pairs.append((gi, si))
    pairs.sort(key=lambda p: (gold[p[0]].start, gold[p[0]].end))
    return [(gold[gi], system[si]) for gi, si in pairs]


@dataclass(frozen=True)
class EventScores:
    """Micro-averaged TempEval-3 Task B event scores (ratios in 0..1)."""

    n_docs: int
    n_gold: int
    n_system: int
    strict_matches: int
    relaxed_matches: int
    class_correct: int
    tense_correct: int
    aspect_correct: int
    polarity_correct: int

    @property
    def strict_precision(self) -> float:
        return _ratio(self.strict_matches, self.n_system)

    @property
    def strict_recall(self) -> float:
        return _ratio(self.strict_matches, self.n_gold)

    @property
    def strict_f1(self) -> float:
        return _f1(self.strict_precision, self.strict_recall)

    @property
    def relaxed_precision(self) -> float:
        return _ratio(self.relaxed_matches, self.n_system)

    @property
    def relaxed_recall(self) -> float:
        return _ratio(self.relaxed_matches, self.n_gold)

    @property
    def relaxed_f1(self) -> float:
        return _f1(self.relaxed_precision, self.relaxed_recall)

    def accuracy(self, attribute: str) -> float:
        """Share of relaxed matches with the same ``class``, ``tense``, ``aspect`` or ``polarity``."""
        counts = {"class": self.class_correct, "tense": self.tense_correct, "aspect": self.aspect_correct,
                  "polarity": self.polarity_correct}
        if attribute not in counts:
            raise ValueError(f"unknown event attribute {attribute!r}; use one of {', '.join(counts)}")
        return _ratio(counts[attribute], self.relaxed_matches)

    def attribute_f1(self, attribute: str) -> float:
        """Relaxed F1 x attribute accuracy (TempEval-3's attribute F1)."""
        return self.relaxed_f1 * self.accuracy(attribute)

    def to_dict(self) -> dict[str, float | int]:
        """Counts and every ratio by name (ratios in 0..1)."""
        out: dict[str, float | int] = dict(asdict(self))
        for kind in ("strict", "relaxed"):
            for what in ("precision", "recall", "f1"):
                out[f"{kind}_{what}"] = getattr(self, f"{kind}_{what}")
        for attr in ("class", "tense", "aspect", "polarity"):
            out[f"{attr}_accuracy"] = self.accuracy(attr)
            out[f"{attr}_f1"] = self.attribute_f1(attr)
        return out

    def format(self) -> str:
        """A small human-readable table, figures in percent."""

        def pct(x: float) -> str:
            return f"{100 * x:6.2f}"

        lines = [
            f"{self.n_docs} documents, {self.n_gold} gold events, {self.n_system} system events",
            f"{'':10} {'P':>6} {'R':>6} {'F1':>6}",
            f"{'strict':10} {pct(self.strict_precision)} {pct(self.strict_recall)} {pct(self.strict_f1)}",
            f"{'relaxed':10} {pct(self.relaxed_precision)} {pct(self.relaxed_recall)} {pct(self.relaxed_f1)}",
            f"{'':10} {'acc':>6} {'F1':>6}",
        ]
        for attr in ("class", "tense", "aspect", "polarity"):
            lines.append(f"{attr:10} {pct(self.accuracy(attr))} {pct(self.attribute_f1(attr))}")
        return "\n".join(lines)


def score_events(pairs: Iterable[tuple[Sequence[Event], Sequence[Event]]]) -> EventScores:
    """Score (gold, system) events per document, micro-averaged over the documents."""
    counts = dict.fromkeys(("docs", "gold", "system", "strict", "relaxed", *ATTRIBUTES), 0)
    for gold, system in pairs:
        matched = align_events(gold, system)
        counts["docs"] += 1
        counts["gold"] += len(gold)
        counts["system"] += len(system)
        counts["strict"] += sum(1 for g, s in matched if _same_extent(g, s))
        counts["relaxed"] += len(matched)
        for attr in ATTRIBUTES:
            counts[attr] += sum(1 for g, s in matched if getattr(g, attr) == getattr(s, attr))
    return EventScores(
        n_docs=counts["docs"], n_gold=counts["gold"], n_system=counts["system"],
        strict_matches=counts["strict"], relaxed_matches=counts["relaxed"], class_correct=counts["eclass"],
        tense_correct=counts["tense"], aspect_correct=counts["aspect"], polarity_correct=counts["polarity"],
    )


def load_event_pairs(gold_dir: str | Path, system_dir: str | Path) -> list[tuple[str, list[Event], list[Event]]]:
    """``(doc_id, gold events, system events)`` for every TimeML file of ``gold_dir``.

    Files are paired by name; a gold file without a system file counts as a document
    where the system found nothing.  A system file whose TEXT differs from the gold
    TEXT raises :class:`InputError`, since offsets could not be compared.
    """
    gold_files = _tml_files(Path(gold_dir), "gold")
    system_files = _tml_files(Path(system_dir), "system")
    out: list[tuple[str, list[Event], list[Event]]] = []
    for name, gpath in gold_files.items():
        gdoc = read_timeml(gpath)
        spath = system_files.get(name)
        if spath is None:
            out.append((gdoc.doc_id, events_from_timeml(gdoc), []))
            continue
        sdoc = read_timeml(spath)
        if sdoc.text != gdoc.text:
            raise InputError(f"{spath}: its TEXT differs from the gold file {gpath}; "
                             "offsets can only be compared on identical text")
        out.append((gdoc.doc_id, events_from_timeml(gdoc), events_from_timeml(sdoc)))
    return out


def score_event_dirs(gold_dir: str | Path, system_dir: str | Path) -> EventScores:
    """Task B scores of the TimeML files in ``system_dir`` against those in ``gold_dir``.

    Raises :class:`InputError` (one-line message) for a missing or empty folder or an
    unreadable file.
    """
    return score_events((g, s) for _, g, s in load_event_pairs(gold_dir, system_dir))
