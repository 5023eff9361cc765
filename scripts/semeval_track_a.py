"""SemEval-2015 Task 4 (TimeLine), Track A: entity timelines from raw text, scored with the official metric.

Reads the raw CAT documents of the trial data (text and DCT), annotates them with
``newsline.annotate`` into a corpus store, builds each target entity's timeline
across the documents (``newsline.corpus._entity_timeline.entity_timeline``), writes the
system timelines with event ids taken from the CAT tokens
(``CatDocument.event_id_at``) and scores them against the gold timelines::

    .venv/bin/python scripts/semeval_track_a.py                 # prints the per-entity table and F1
    .venv/bin/python scripts/semeval_track_a.py --format json   # every figure by name
    .venv/bin/python scripts/semeval_track_a.py --out sys/ --db trial.duckdb   # keep the files and the store

The target entities are the first lines of the gold files.  ``--db`` keeps the
store so that a second run does not annotate again.  Only the trial data is
used (it is what the task released for development).
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from newsline.corpus._entity_aliases import refresh_aliases
from newsline.corpus._entity_events import EventSource
from newsline.corpus._entity_formats import to_semeval
from newsline.corpus._entity_timeline import entity_timeline
from newsline.corpus._store import Store
from newsline.corpus._store_writes import NewDocument
from newsline.corpus._timeline_files import Timeline, read_timeline_dir, write_timeline_dir
from newsline.errors import NewslineError
from newsline.evaluation._semeval import CatDocument, TimelineScores, read_cat_dir, score_timeline_dirs

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = Path(os.environ.get("NEWSLINE_SHARED_DATA", ROOT.parent / "shared" / "data")) / "timeline" / \
    "semeval2015-task4-trial"
RAW = "Corpus-trial-data_task4"
GOLD = "TimeLines_trial_data_task4_v1.2"


class Layout:
    """The text a CAT document is annotated as: its sentences (one per line in ``CatDocument.text``), each
    ended by a full stop when it has no final punctuation (the title, the dateline), so that the sentence
    splitter keeps the task's sentences apart; offsets map back to the CAT text."""

    def __init__(self, doc: CatDocument) -> None:
        lines = doc.text.split("\n")
        self.cat_starts: list[int] = []
        self.starts: list[int] = []
        parts: list[str] = []
        cat = out = 0
        for line in lines:
            self.cat_starts.append(cat)
            self.starts.append(out)
            ended = line if line.rstrip()[-1:] in _FINAL else line + "."
            parts.append(ended)
            cat += len(line) + 1
            out += len(ended) + 1
        self.text = "\n".join(parts)

    def to_cat(self, offset: int) -> int:
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.cat_starts[i] + (offset - self.starts[i])


_FINAL = frozenset('.!?"\'')


def warn(message: str) -> None:
    print(f"semeval_track_a: warning: {message}", file=sys.stderr)


def ingest_cat(docs: Sequence[CatDocument], db: Path, *, log: bool = False) -> None:
    """Annotate the CAT documents not yet in the store ``db`` and store them under their CAT doc ids.

    A document that cannot be annotated is left out with a warning: one document does not stop the corpus.
    """
    from newsline.events._annotate import annotate

    with Store.open(db) as store:
        known = store.known()
        todo = [d for d in docs if d.doc_id not in known]
        started = time.monotonic()
        new = []
        for d in todo:
            try:
                new.append(NewDocument(d.doc_id, d.doc_name, annotate(Layout(d).text, d.dct, doc_id=d.doc_id)))
            except NewslineError as exc:
                warn(f"{d.doc_name or d.doc_id}: cannot be annotated ({exc}); left out")
        store.add_documents(new)
        refresh_aliases(store)
    if log and todo:
        print(f"annotated {len(new)} documents in {time.monotonic() - started:.1f} s", file=sys.stderr)


def read_documents(folder: Path) -> list[CatDocument]:
    """The CAT documents of ``folder``; a file that cannot be read is left out, and it and every document
    without a DCT (a date newsline cannot pin down) are reported once on stderr."""
    problems: list[str] = []
    docs = read_cat_dir(folder, problems)
    for message in problems:
        warn(message)
    for d in docs:
        if d.dct_warning:
            warn(f"{d.doc_name or d.doc_id}: {d.dct_warning}")
    return docs


@dataclass(frozen=True)
class Options:
    """How entities are matched to events (see ``entity_timeline``) and undated events placed (``to_semeval``).

    The defaults scored best on the trial data (docs/entity_timeline.md has the alternatives)."""

    pronouns: bool = True
    sentences: bool = False
    past_at_dct: bool = True
    story_day: bool = True


def system_timelines(docs: Sequence[CatDocument], db: Path, targets: Sequence[str], out: Path,
                     options: Options = Options()) -> list[Path]:
    """Write one timeline file per target entity into ``out``, event ids from the CAT tokens."""
    by_id = {d.doc_id: (d, Layout(d)) for d in docs}

    def event_id(src: EventSource) -> str | None:
        if src.doc_id not in by_id:
            return None
        doc, layout = by_id[src.doc_id]
        ident = doc.event_id_at(layout.to_cat(src.start), layout.to_cat(src.end - 1) + 1)
        return None if ident.split("-")[1] == "0" else ident  # sentence 0 is the title

    timelines = []
    with Store.open(db, read_only=True) as store:
        for target in targets:
            tl = entity_timeline(store, target, text_match=True, pronouns=options.pronouns,
                                 sentences=options.sentences)
            semeval = to_semeval(tl, event_id, past_at_dct=options.past_at_dct, story_day=options.story_day)
            timelines.append(replace(semeval, entity=target))
    return write_timeline_dir(timelines, out)


def track_a(data: Path, out: Path, db: Path, *, log: bool = False, options: Options = Options()) -> TimelineScores:
    """Annotate the trial documents into ``db`` (unless there already), write the system timelines into
    ``out`` and score them against the gold ones."""
    docs = read_documents(data / RAW)
    gold = data / GOLD
    targets = [t.entity for _, t in sorted(read_timeline_dir(gold).items())]
    ingest_cat(docs, db, log=log)
    system_timelines(docs, db, targets, out, options)
    return score_timeline_dirs(gold, out)


@dataclass(frozen=True)
class EventScore:
    """Which of an entity's gold events the system timeline holds, whatever their order and anchor."""

    entity: str
    gold: int
    system: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    def to_dict(self) -> dict[str, object]:
        return {"gold": self.gold, "system": self.system, "matched": self.matched,
                "precision": self.precision, "recall": self.recall}


def _event_ids(timeline: Timeline | None) -> set[str]:
    return {i for e in timeline.entries for i in e.event_ids} if timeline else set()


def event_scores(gold: Path, system: Path) -> list[EventScore]:
    """Per target entity (gold file order), the events of its gold and system timelines and those in both;
    a last row ``MICRO`` with the sums."""
    sys_files = read_timeline_dir(system) if system.is_dir() else {}
    rows = []
    for name, g in sorted(read_timeline_dir(gold).items()):
        want, got = _event_ids(g), _event_ids(sys_files.get(name))
        rows.append(EventScore(g.entity, len(want), len(got), len(want & got)))
    rows.append(EventScore("MICRO", sum(r.gold for r in rows), sum(r.system for r in rows),
                           sum(r.matched for r in rows)))
    return rows


def format_events(rows: Sequence[EventScore]) -> str:
    """The event table: per entity, gold / system / matched events, precision and recall in percent."""
    out = [f"{'events of':30} {'gold':>5} {'sys':>5} {'both':>5} {'P':>7} {'R':>7}"]
    out += [f"{r.entity:30} {r.gold:5d} {r.system:5d} {r.matched:5d} {100 * r.precision:7.2f} "
            f"{100 * r.recall:7.2f}" for r in rows]
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the trial data folder")
    parser.add_argument("--out", type=Path, default=None, help="write the system timelines here (default: a temp dir)")
    parser.add_argument("--db", type=Path, default=None, help="keep the annotated store in this file")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--sentence-fallback", action="store_true",
                        help="also the event nearest to a mention in sentences where no event has the entity")
    parser.add_argument("--no-pronouns", action="store_true", help="no events by a pronoun participant")
    parser.add_argument("--past-undated", action="store_true",
                        help="leave events placed only before the DCT undated (default: at the DCT's day)")
    parser.add_argument("--at-dct", action="store_true",
                        help="past-tense events without a date at their article's DCT (default: its story day)")
    args = parser.parse_args(argv)
    options = Options(pronouns=not args.no_pronouns, sentences=args.sentence_fallback,
                      past_at_dct=not args.past_undated, story_day=not args.at_dct)
    if not (args.data / RAW).is_dir() or not (args.data / GOLD).is_dir():
        print(f"semeval_track_a: no trial data at {args.data} (want {RAW}/ and {GOLD}/)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="newsline-track-a-") as tmp:
        out = args.out or Path(tmp) / "system"
        db = args.db or Path(tmp) / "trial.duckdb"
        scores = track_a(args.data, out, db, log=True, options=options)
        events = event_scores(args.data / GOLD, out)
    if args.format == "json":
        print(json.dumps({**scores.to_dict(), "events": {r.entity: r.to_dict() for r in events}}, indent=2))
    else:
        print(scores.format())
        print(f"Track A F1 on the trial targets: {100 * scores.f1:.2f}")
        print()
        print(format_events(events))
    return 0


if __name__ == "__main__":
    sys.exit(main())
