"""Error analysis of event time anchoring on the TimeBank-EventTime training split (train.tab only).

Prints three tables, reproducibly:

1. the gold kinds of train.tab: exact day, bounded day, multi-day, n/a;
2. the events the system detects but leaves without a time, by the system's class,
   tense and aspect (and modality), with what the gold says relative to the DCT:
   ``=DCT`` (that day), ``=DCT-1`` (the day before), ``<DCT`` (a single day bounded
   before or on it), ``>DCT`` (a single day on or after it), ``span`` (a multi-day
   event that begins on or before it and ends on or after it), ``other``;
3. candidate default rules against the DCT: for each, the events it would apply to
   (those left unknown, and those now placed by tense alone, basis ``dct-tense``),
   with how many of their gold labels the rule's label matches strictly and relaxed.

Usage: PYTHONPATH=src python scripts/eventtime_analysis.py [--data DIR]
The held-out documents are dropped by the scorer's reader; dev.tab is not read here.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from newsline.evaluation._anchoring import (
    AnchoredEvent,
    compatible,
    find_data_dir,
    label_kind,
    score_gold_file,
    strict_match,
)

MODALS = ("will", "shall", "'ll", "would", "may", "might", "could", "should", "can", "must", "wo")


def relation(label: str, dct: date) -> str:
    """What a gold label says relative to the DCT (see the module doc)."""
    d, d1 = dct.isoformat(), (dct - timedelta(days=1)).isoformat()
    first = label.split(",")[0]
    if first == d:
        return "=DCT"
    if first == d1:
        return "=DCT-1"
    if label_kind(first) == "multi-day":
        begin, end = first[len("beginPoint="):].split("endPoint=")
        if compatible(f"before{d}", begin) and compatible(f"after{d}", end) and "before" in begin \
                and "after" in end:
            return "span"
        return "other"
    if label_kind(first) in ("exact day", "bounded day"):
        if first == f"before{d}" or (compatible(first, f"before{d}") and not compatible(first, f"after{d}")):
            return "<DCT"
        if first == f"after{d}" or (compatible(first, f"after{d}") and not compatible(first, f"before{d}")):
            return ">DCT"
    return "other"


COLUMNS = ("=DCT", "=DCT-1", "<DCT", ">DCT", "span", "other")


def _row(name: str, pairs: list[AnchoredEvent]) -> str:
    counts = Counter(relation(p.gold.label, p.dct) for p in pairs if p.dct)
    n = len(pairs)
    cells = "".join(f"{counts[c]:>5} {100 * counts[c] / n:3.0f}%" for c in COLUMNS)
    return f"{name:42}{n:>5}{cells}"


def _header(first: str) -> str:
    return f"{first:42}{'n':>5}" + "".join(f"{c:>11}" for c in COLUMNS)


def _is_modal(p: AnchoredEvent) -> bool:
    e = p.event
    return e is not None and (e.tense == "FUTURE" or (e.modality or "").lower() in MODALS)


RULES: list[tuple[str, Callable[[AnchoredEvent], bool], Callable[[date], str]]] = [
    ("REPORTING, PAST -> DCT day",
     lambda p: p.event is not None and p.event.eclass == "REPORTING" and p.event.tense == "PAST",
     lambda d: d.isoformat()),
    ("REPORTING, PAST -> DCT day or before (before DCT)",
     lambda p: p.event is not None and p.event.eclass == "REPORTING" and p.event.tense == "PAST",
     lambda d: f"before{d.isoformat()}"),
    ("REPORTING, PRESENT -> DCT day",
     lambda p: p.event is not None and p.event.eclass == "REPORTING" and p.event.tense == "PRESENT",
     lambda d: d.isoformat()),
    ("FUTURE or modal -> after DCT",
     _is_modal, lambda d: f"after{d.isoformat()}"),
    ("FUTURE or modal -> multi-day after DCT",
     _is_modal, lambda d: f"beginPoint=after{d.isoformat()}endPoint=after{d.isoformat()}"),
    ("STATE/I_STATE, PRESENT -> span DCT",
     lambda p: p.event is not None and p.event.eclass in ("STATE", "I_STATE") and p.event.tense == "PRESENT"
     and not _is_modal(p),
     lambda d: f"beginPoint=before{d.isoformat()}endPoint=after{d.isoformat()}"),
    ("PRESENT PROGRESSIVE -> span DCT",
     lambda p: p.event is not None and p.event.tense == "PRESENT" and p.event.aspect == "PROGRESSIVE",
     lambda d: f"beginPoint=before{d.isoformat()}endPoint=after{d.isoformat()}"),
    ("PAST (not REPORTING) -> before DCT",
     lambda p: p.event is not None and p.event.tense == "PAST" and p.event.eclass != "REPORTING",
     lambda d: f"before{d.isoformat()}"),
    ("tense NONE (nouns, adjectives) -> before DCT",
     lambda p: p.event is not None and p.event.tense == "NONE" and not _is_modal(p),
     lambda d: f"before{d.isoformat()}"),
    ("tense NONE (nouns, adjectives) -> DCT day",
     lambda p: p.event is not None and p.event.tense == "NONE" and not _is_modal(p),
     lambda d: d.isoformat()),
]


def _rule_row(name: str, pairs: list[AnchoredEvent], label: Callable[[date], str]) -> str:
    n = len(pairs)
    strict = sum(strict_match(p.gold.label, label(p.dct)) for p in pairs if p.dct)
    relaxed = sum(compatible(p.gold.label, label(p.dct)) for p in pairs if p.dct)
    now = sum(strict_match(p.gold.label, p.system) for p in pairs)
    pct = (lambda k: f"{100 * k / n:5.1f}%") if n else (lambda k: "    -")
    return f"{name:50}{n:>5}{strict:>7} {pct(strict)}{relaxed:>7} {pct(relaxed)}{now:>7} {pct(now)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="the folder holding eventtime/ and tempeval3/")
    args = parser.parse_args(argv)
    data = find_data_dir(args.data)
    scores, pairs = score_gold_file(data / "eventtime" / "train.tab", data)
    print(scores.format(), end="\n\n")

    kinds = Counter(label_kind(p.gold.label) for p in pairs)
    total = sum(kinds.values())
    print("1. gold kinds on train.tab")
    for kind in ("exact day", "bounded day", "multi-day", "n/a"):
        print(f"   {kind:12}{kinds[kind]:>6} {100 * kinds[kind] / total:5.1f}%")
    print()

    scored = [p for p in pairs if label_kind(p.gold.label) != "n/a"]
    unknown = [p for p in scored if p.event is not None and p.system is None]
    print(f"2. the {len(unknown)} detected events left unknown, by system class / tense / aspect, "
          "gold relative to the DCT")
    print(_header("class / tense / aspect"))
    groups: dict[str, list[AnchoredEvent]] = {}
    for p in unknown:
        assert p.event is not None
        modal = " modal" if _is_modal(p) else ""
        groups.setdefault(f"{p.event.eclass} / {p.event.tense} / {p.event.aspect}{modal}", []).append(p)
    for name, members in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        if len(members) >= 5:
            print(_row(name, members))
    rest = [p for members in groups.values() if len(members) < 5 for p in members]
    print(_row("(groups under 5 events)", rest))
    print(_row("all unknown", unknown))
    tense_placed = [p for p in scored if p.time is not None and p.time.basis == "dct-tense"]
    print(_row("(for comparison) placed by tense alone", tense_placed))
    print()

    print("3. candidate rules: events each would label, strict and relaxed hits of its label,")
    print("   and strict hits of the label they have now")
    print(f"{'rule':50}{'n':>5}{'strict':>14}{'relaxed':>14}{'now strict':>14}")
    for name, applies, label in RULES:
        print(_rule_row(f"{name} [unknown]", [p for p in unknown if applies(p)], label))
        print(_rule_row(f"{name} [dct-tense]", [p for p in tense_placed if applies(p)], label))
    return 0


if __name__ == "__main__":
    sys.exit(main())
