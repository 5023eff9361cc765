"""TempEval-3 Task A timex scoring: extent, type and value of TIMEX3 annotations.

The definitions are the official TempEval-3 ones (UzZaman et al., 2013):

* **strict match**: a gold and a system timex with the identical character extent;
* **relaxed match**: a gold and a system timex whose extents overlap, aligned one to
  one (a gold timex matches at most one system timex and vice versa);
* precision = matches / system timexes, recall = matches / gold timexes, F1 their
  harmonic mean, for strict and for relaxed matches;
* **type / value accuracy**: the share of relaxed matches whose ``type`` / ``value``
  is identical (exact string equality);
* **type / value F1**: relaxed F1 x type / value accuracy, the figure TempEval-3
  reports as "attribute F1".

Alignment is greedy: every overlapping (gold, system) pair is ranked by overlap length
(largest first), ties broken in favour of identical extents, then of the pair whose
extents differ least (smallest union), then by position; pairs are taken in that
order while both sides are still free.  An identical-extent pair is therefore never
displaced, so every strict match is also one of the relaxed matches.

Scores over several documents are micro-averaged: counts are summed over documents
before the ratios are taken.  Every ratio with a zero denominator is 0.0.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from newsline._model import Timex
from newsline.errors import InputError
from newsline.timeml import read_timeml

__all__ = [
    "Alignment",
    "DocErrors",
    "TimexScores",
    "align",
    "document_errors",
    "errors_json",
    "errors_report",
    "load_pairs",
    "score_dirs",
    "score_documents",
    "timex3_notation",
]


@dataclass(frozen=True, slots=True)
class Alignment:
    """The one-to-one relaxed alignment of one document's gold and system timexes."""

    pairs: tuple[tuple[Timex, Timex], ...]  # (gold, system), overlapping extents
    unmatched_gold: tuple[Timex, ...]  # false negatives
    unmatched_system: tuple[Timex, ...]  # false positives

    @property
    def strict(self) -> int:
        """Number of aligned pairs with identical extents."""
        return sum(1 for g, s in self.pairs if _same_extent(g, s))


def _same_extent(a: Timex, b: Timex) -> bool:
    return a.start == b.start and a.end == b.end


def _overlap(a: Timex, b: Timex) -> int:
    """Characters two extents share, or -1 when they do not overlap.

    Identical extents always overlap (even empty ones, which the gold corpora
    do not contain but hand-made files might).
    """
    if _same_extent(a, b):
        return a.end - a.start
    shared = min(a.end, b.end) - max(a.start, b.start)
    return shared if shared > 0 else -1


def align(gold: Sequence[Timex], system: Sequence[Timex]) -> Alignment:
    """Align gold and system timexes one to one by overlapping extent (greedy).

    See the module docstring for the ranking of candidate pairs.
    """
    candidates: list[tuple[tuple[int, bool, int, int, int, int, int], int, int]] = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            shared = _overlap(g, s)
            if shared < 0:
                continue
            union = max(g.end, s.end) - min(g.start, s.start)
            key = (-shared, not _same_extent(g, s), union, g.start, s.start, gi, si)
            candidates.append((key, gi, si))
    candidates.sort()
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, gi, si in candidates:
        if gi in used_gold or si in used_system:
            continue
        used_gold.add(gi)
        used_system.add(si)
        pairs.append((gi, si))
    pairs.sort(key=lambda p: (gold[p[0]].start, gold[p[0]].end))
    return Alignment(
        pairs=tuple((gold[gi], system[si]) for gi, si in pairs),
        unmatched_gold=tuple(g for i, g in enumerate(gold) if i not in used_gold),
        unmatched_system=tuple(s for i, s in enumerate(system) if i not in used_system),
    )


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class TimexScores:
    """Micro-averaged TempEval-3 Task A timex scores (ratios in 0..1)."""

    n_docs: int
    n_gold: int
    n_system: int
    strict_precision: float
    strict_recall: float
    strict_f1: float
    relaxed_precision: float
    relaxed_recall: float
    relaxed_f1: float
    type_accuracy: float  # over relaxed matches
    value_accuracy: float  # over relaxed matches
    type_f1: float  # relaxed F1 x type accuracy
    value_f1: float  # relaxed F1 x value accuracy
    strict_matches: int = 0
    relaxed_matches: int = 0
    type_correct: int = 0
    value_correct: int = 0

    @classmethod
    def from_counts(
        cls,
        *,
        n_docs: int,
        n_gold: int,
        n_system: int,
        strict: int,
        relaxed: int,
        type_correct: int,
        value_correct: int,
    ) -> TimexScores:
        """Compute every ratio from the raw counts."""
        sp, sr = _ratio(strict, n_system), _ratio(strict, n_gold)
        rp, rr = _ratio(relaxed, n_system), _ratio(relaxed, n_gold)
        rf = _f1(rp, rr)
        type_acc = _ratio(type_correct, relaxed)
        value_acc = _ratio(value_correct, relaxed)
        return cls(
            n_docs=n_docs,
            n_gold=n_gold,
            n_system=n_system,
            strict_precision=sp,
            strict_recall=sr,
            strict_f1=_f1(sp, sr),
            relaxed_precision=rp,
            relaxed_recall=rr,
            relaxed_f1=rf,
            type_accuracy=type_acc,
            value_accuracy=value_acc,
            type_f1=rf * type_acc,
            value_f1=rf * value_acc,
            strict_matches=strict,
            relaxed_matches=relaxed,
            type_correct=type_correct,
            value_correct=value_correct,
        )

    def to_dict(self) -> dict[str, float | int]:
        """Every field by name (ratios in 0..1, counts as ints)."""
        return dict(asdict(self))

    def format(self) -> str:
        """A small human-readable table, figures in percent."""

        def pct(x: float) -> str:
            return f"{100 * x:6.2f}"

        lines = [
            f"{self.n_docs} document{'s' if self.n_docs != 1 else ''}, {self.n_gold} gold timexes, "
            f"{self.n_system} system timexes",
            f"{'':10} {'P':>6} {'R':>6} {'F1':>6}",
            f"{'strict':10} {pct(self.strict_precision)} {pct(self.strict_recall)} "
            f"{pct(self.strict_f1)}",
            f"{'relaxed':10} {pct(self.relaxed_precision)} {pct(self.relaxed_recall)} "
            f"{pct(self.relaxed_f1)}",
            f"{'':10} {'acc':>6} {'F1':>6}",
            f"{'type':10} {pct(self.type_accuracy)} {pct(self.type_f1)}",
            f"{'value':10} {pct(self.value_accuracy)} {pct(self.value_f1)}",
        ]
        return "\n".join(lines)


# A corpus's own spellings of TIMEX3 values (the tweets of the SynTime release): a year written as a day with
# unknown month and day, a day with its weekday appended, a week with its month.
_NOTATION = (
    (re.compile(r"^(\d{4})-XX-XX$"), r"\1"),  # 2014-XX-XX: the year 2014
    (re.compile(r"^(\d{4}-\d\d-\d\d)-WXX-[1-7]"), r"\1"),  # 2014-05-04-WXX-7: that day (a Sunday)
    (re.compile(r"^(\d{4})-\d\d-(W\d\d)"), r"\1-\2"),  # 2014-07-W27: the ISO week 2014-W27
)


def timex3_notation(value: str) -> str:
    """``value`` with a corpus's own spellings of dates replaced by TIMEX3's (``2014-XX-XX`` -> ``2014``,
    ``2014-05-04-WXX-7`` -> ``2014-05-04``, ``2014-07-W27`` -> ``2014-W27``); other values as they are."""
    for pattern, repl in _NOTATION:
        value = pattern.sub(repl, value)
    return value


def score_documents(pairs: Iterable[tuple[Sequence[Timex], Sequence[Timex]]]) -> TimexScores:
    """Score (gold, system) timexes per document, micro-averaged over the documents."""
    n_docs = n_gold = n_system = strict = relaxed = type_ok = value_ok = 0
    for gold, system in pairs:
        al = align(gold, system)
        n_docs += 1
        n_gold += len(gold)
        n_system += len(system)
        strict += al.strict
        relaxed += len(al.pairs)
        type_ok += sum(1 for g, s in al.pairs if g.type == s.type)
        value_ok += sum(1 for g, s in al.pairs if g.value == s.value)
    return TimexScores.from_counts(
        n_docs=n_docs,
        n_gold=n_gold,
        n_system=n_system,
        strict=strict,
        relaxed=relaxed,
        type_correct=type_ok,
        value_correct=value_ok,
    )


def _tml_files(folder: Path, role: str) -> dict[str, Path]:
    if not folder.exists():
        raise InputError(f"{role} folder {folder} does not exist")
    if not folder.is_dir():
        raise InputError(f"{role} folder {folder} is not a folder")
    files = {p.name: p for p in sorted(folder.iterdir())
             if p.is_file() and p.suffix.lower() in (".tml", ".te3input")}
    if not files:
        raise InputError(f"{role} folder {folder} has no .tml or .TE3input files")
    return files


def missing_system_files(gold_dir: str | Path, system_dir: str | Path) -> list[str]:
    """Names of gold files that have no system file of the same name."""
    gold_files = _tml_files(Path(gold_dir), "gold")
    system_files = _tml_files(Path(system_dir), "system")
    return sorted(name for name in gold_files if name not in system_files)


def load_pairs(
    gold_dir: str | Path, system_dir: str | Path
) -> list[tuple[str, tuple[Timex, ...], tuple[Timex, ...]]]:
    """Read ``(doc_id, gold, system)`` for every ``.tml`` file in ``gold_dir``.

    Files are paired by file name.  A gold file without a system file counts as a
    document where the system found nothing; system files without a gold file are
    ignored.  A system file whose TEXT differs from the gold TEXT raises
    :class:`InputError`, since its offsets could not be compared.
    """
    gold_files = _tml_files(Path(gold_dir), "gold")
    system_files = _tml_files(Path(system_dir), "system")
    out: list[tuple[str, tuple[Timex, ...], tuple[Timex, ...]]] = []
    for name, gpath in gold_files.items():
        gdoc = read_timeml(gpath)
        spath = system_files.get(name)
        if spath is None:
            out.append((gdoc.doc_id, gdoc.timexes, ()))
            continue
        sdoc = read_timeml(spath)
        if sdoc.text != gdoc.text:
            raise InputError(
                f"{spath}: its TEXT differs from the gold file {gpath}; "
                "offsets can only be compared on identical text"
            )
        out.append((gdoc.doc_id, gdoc.timexes, sdoc.timexes))
    return out


def score_dirs(gold_dir: str | Path, system_dir: str | Path) -> TimexScores:
    """Score the ``.tml`` files of ``system_dir`` against those of ``gold_dir``.

    Pairing rules are those of :func:`load_pairs`.  Raises :class:`InputError`
    (one-line message) for a missing or empty folder or an unreadable file.
    """
    return score_documents((g, s) for _, g, s in load_pairs(gold_dir, system_dir))


@dataclass(frozen=True, slots=True)
class DocErrors:
    """What went wrong in one document, for error analysis."""

    doc_id: str
    false_negatives: tuple[Timex, ...]  # gold timexes no system timex overlaps
    false_positives: tuple[Timex, ...]  # system timexes no gold timex overlaps
    extent_mismatches: tuple[tuple[Timex, Timex], ...]  # (gold, system): overlap only
    type_mismatches: tuple[tuple[Timex, Timex], ...]  # (gold, system): relaxed match
    value_mismatches: tuple[tuple[Timex, Timex], ...]  # (gold, system): relaxed match

    @property
    def is_clean(self) -> bool:
        return not (
            self.false_negatives
            or self.false_positives
            or self.extent_mismatches
            or self.type_mismatches
            or self.value_mismatches
        )


def document_errors(doc_id: str, gold: Sequence[Timex], system: Sequence[Timex]) -> DocErrors:
    """Classify one document's errors using the same alignment as the scores."""
    al = align(gold, system)
    return DocErrors(
        doc_id=doc_id,
        false_negatives=al.unmatched_gold,
        false_positives=al.unmatched_system,
        extent_mismatches=tuple(p for p in al.pairs if not _same_extent(*p)),
        type_mismatches=tuple(p for p in al.pairs if p[0].type != p[1].type),
        value_mismatches=tuple(p for p in al.pairs if p[0].value != p[1].value),
    )


def _show(t: Timex) -> str:
    return f"[{t.start}:{t.end}] {t.text!r} {t.type} {t.value}"


def _error_lines(errs: DocErrors) -> list[str]:
    lines = [f"  FN   {_show(g)}" for g in errs.false_negatives]
    lines += [f"  FP   {_show(s)}" for s in errs.false_positives]
    lines += [f"  EXT  gold {_show(g)}  system {_show(s)}" for g, s in errs.extent_mismatches]
    lines += [f"  TYPE [{g.start}:{g.end}] {g.text!r} gold {g.type} system {s.type}" for g, s in errs.type_mismatches]
    lines += [
        f"  VAL  [{g.start}:{g.end}] {g.text!r} gold {g.value} system {s.value}" for g, s in errs.value_mismatches
    ]
    return lines


def errors_report(
    docs: Iterable[tuple[str, Sequence[Timex], Sequence[Timex]]],
    *,
    max_per_doc: int | None = None,
) -> str:
    """List the errors of every ``(doc_id, gold, system)`` document as plain text.

    One block per document with errors; each line is one of

    * ``FN``   a gold timex the system missed (no overlap at all),
    * ``FP``   a system timex with no gold timex under it,
    * ``EXT``  a relaxed match whose extents differ,
    * ``TYPE`` / ``VAL``  a relaxed match with a different type / value.

    ``max_per_doc`` caps the lines shown per document (the rest are counted).
    """
    blocks: list[str] = []
    for doc_id, gold, system in docs:
        errs = document_errors(doc_id, gold, system)
        if errs.is_clean:
            continue
        lines = _error_lines(errs)
        if max_per_doc is not None and len(lines) > max_per_doc:
            hidden = len(lines) - max_per_doc
            lines = [*lines[:max_per_doc], f"  ... {hidden} more"]
        blocks.append("\n".join([f"== {doc_id}", *lines]))
    return "\n".join(blocks) + ("\n" if blocks else "")


def _timex_json(t: Timex) -> dict[str, Any]:
    return {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}


def errors_json(docs: Iterable[tuple[str, Sequence[Timex], Sequence[Timex]]]) -> list[dict[str, Any]]:
    """The errors of :func:`errors_report` as JSON: one object per document with errors (``missed``,
    ``spurious``, and ``extent``, ``type`` and ``value`` pairs of gold and system)."""
    out = []
    for doc_id, gold, system in docs:
        e = document_errors(doc_id, gold, system)
        if not e.is_clean:
            out.append({"doc": doc_id, "missed": [_timex_json(t) for t in e.false_negatives],
                        "spurious": [_timex_json(t) for t in e.false_positives],
                        **{k: [{"gold": _timex_json(a), "system": _timex_json(b)} for a, b in pairs] for k, pairs in (
                            ("extent", e.extent_mismatches), ("type", e.type_mismatches),
                            ("value", e.value_mismatches))}})
    return out
