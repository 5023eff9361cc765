"""SemEval-2015 Task 4 TimeLine files: an entity's timeline as the task writes it, one file per target entity.

The first line is the entity, each further line ``ORDER<TAB>ANCHOR<TAB>EVENT[<TAB>EVENT...]``
where events on one line are coreferent, equal orders are simultaneous, and an
event is ``DOCID-SENTENCE-EXTENT``.  Order 0 with anchor ``XXXX-XX-XX`` marks
events that could not be ordered.  :func:`format_timeline` writes the gold files'
layout byte for byte (LF line ends, a final newline).  The metric that reads them
is :mod:`newsline.evaluation._semeval`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsline.errors import InputError, file_error

UNDATED = "XXXX-XX-XX"


# ------------------------------------------------------------------ timelines


@dataclass(frozen=True, slots=True)
class Entry:
    """One timeline line: position (0 = not ordered), time anchor, coreferent events."""

    order: int
    date: str
    event_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Timeline:
    """A target entity's timeline: its lines in file order."""

    entity: str
    entries: tuple[Entry, ...] = ()


def timeline_filename(entity: str) -> str:
    """The task's file name for an entity: lower case, spaces as ``_``, ``.txt`` (``steve_jobs.txt``)."""
    return "_".join(entity.lower().split()) + ".txt"


def parse_timeline(text: str, name: str = "<timeline>") -> Timeline:
    """Parse a timeline file's text; blank lines and empty fields are skipped, CRLF is accepted."""
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise InputError(f"{name}: the first line must be the target entity")
    entries = []
    for n, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        fields = [f.strip() for f in line.split("\t")]
        fields = fields[:2] + [f for f in fields[2:] if f]
        if len(fields) < 3:
            raise InputError(f"{name}:{n}: expected ORDER<TAB>ANCHOR<TAB>EVENT..., got {line!r}")
        if not re.fullmatch(r"\d+", fields[0]):
            raise InputError(f"{name}:{n}: the order {fields[0]!r} is not a whole number")
        entries.append(Entry(int(fields[0]), fields[1], tuple(fields[2:])))
    return Timeline(lines[0].strip(), tuple(entries))


def format_timeline(timeline: Timeline) -> str:
    """The file text of a timeline, in the gold files' layout (TAB-separated, LF, final newline)."""
    def clean(value: str, what: str, tabs: bool = False) -> str:
        if not value or "\n" in value or "\r" in value or (not tabs and "\t" in value):
            raise InputError(f"timeline {timeline.entity!r}: {what} {value!r} is empty or holds a tab or line break")
        return value

    out = [clean(timeline.entity, "the entity", tabs=True)]
    for e in timeline.entries:
        if e.order < 0 or not e.event_ids:
            raise InputError(f"timeline {timeline.entity!r}: an entry needs an order >= 0 and events, got {e}")
        fields = [str(e.order), clean(e.date, "the anchor"), *(clean(i, "the event") for i in e.event_ids)]
        out.append("\t".join(fields))
    return "\n".join(out) + "\n"


def read_timeline(path: str | Path) -> Timeline:
    """Read one timeline file (UTF-8)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise file_error(str(p), exc) from None
    except UnicodeDecodeError:
        raise InputError(f"{p}: not UTF-8 text") from None
    return parse_timeline(text, str(p))


def write_timeline(timeline: Timeline, path: str | Path) -> Path:
    """Write one timeline file; returns its path."""
    p = Path(path)
    text = format_timeline(timeline)
    try:
        with p.open("w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    except OSError as exc:
        raise file_error(str(p), exc) from None
    return p


def write_timeline_dir(timelines: Iterable[Timeline], folder: str | Path) -> list[Path]:
    """Write each timeline to ``folder/<timeline_filename(entity)>`` (the folder is created)."""
    p = Path(folder)
    try:
        p.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise file_error(str(p), exc) from None
    return [write_timeline(t, p / timeline_filename(t.entity)) for t in timelines]


def timeline_files(folder: Path, role: str) -> dict[str, Path]:
    if not folder.is_dir():
        raise InputError(f"{role} folder {folder} does not exist or is not a folder")
    return {f.name: f for f in sorted(folder.iterdir()) if f.is_file() and f.suffix.lower() == ".txt"}


def read_timeline_dir(folder: str | Path) -> dict[str, Timeline]:
    """Every ``*.txt`` timeline of ``folder`` by file name."""
    return {name: read_timeline(p) for name, p in timeline_files(Path(folder), "timeline").items()}


# ------------------------------------------------------------------ the metric
