"""TempEval-3 temporal awareness: closure-based scoring of TLINK graphs.

This is UzZaman and Allen's metric as the official TempEval-3 scorer computes it
for Tasks C and ABC (UzZaman et al., 2013; ``temporal_evaluation.py``):

* every document's links form a graph over its events, time expressions and DCT;
* each graph is built link by link in the given order; a link is **redundant** when
  the links before it already imply it, **violated** when it contradicts them (it
  is then kept out of the graph), and **added** otherwise.  The *reduced graph* is
  the added and violated links (redundant ones and duplicates left out), like the
  official scorer's ``final_relations``.  This greedy reduction depends on the
  order of the links (``A<C`` before ``A<B``, ``B<C`` is kept), as the official one does;
* precision = |reduced(S) ∩ closure(G)| / |reduced(S)| and recall =
  |reduced(G) ∩ closure(S)| / |reduced(G)|, where a link is "in" the closure of the
  other graph when that graph implies it or states it literally (up to inversion;
  the literal check is what lets a violated link count);
* counts are summed over documents before the ratios are taken (micro-average);
  F1 is the harmonic mean; every ratio with a zero denominator is 0.0.

Relations are normalised to a canonical direction and closed over Allen's interval
semantics as :mod:`newsline._temporal_graph` says (IDENTITY, DURING and DURING_INV are
SIMULTANEOUS: the official scorer's ``consider_DURING_as_SIMULTANEOUS``).  VAGUE
links say nothing and are not scored (the TempEval-3 data has none).

Gold and system nodes are aligned before scoring (``align="span"``): a system event
is its gold event when their character spans are identical, a system timex its
gold timex when the spans are identical (or, with ``relaxed_timexes``, overlap, as
in the timex scorer's one-to-one alignment), the system DCT is the gold DCT.  A
system node without a gold counterpart keeps a fresh id of its own, so its links
count against precision and the gold links it was meant to carry against recall,
as in the official scorer (whose TimeML-Normalizer gives such nodes new ids); with
``unaligned="drop"`` every link with an unaligned end is left out on both sides.

Where figures can differ from the official script: its Timegraph reasoner is not
complete (it misses some implied relations and never verifies a BEGINS link from
the closure alone), while this closure is; it works on event instances (``ei``),
while :func:`newsline.evaluation._tlink_reader.read_tlinks` merges an event's instances into one
node (one event in all of TimeBank and AQUAINT has two instances).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from newsline._model import AnnotatedDocument, Link, Timex
from newsline._temporal_graph import TemporalGraph, Triple, canonical
from newsline.errors import InputError
from newsline.evaluation._timex_scoring import _f1, _ratio, _tml_files
from newsline.evaluation._timex_scoring import align as align_timexes
from newsline.evaluation._tlink_reader import dct_tid, read_tlinks
from newsline.timeml import TimeMLDocument, read_timeml

__all__ = [
    "TLinkDoc",
    "TLinkScores",
    "align_nodes",
    "load_tlink_pairs",
    "score_tlink_dirs",
    "score_tlink_doc",
    "score_tlinks",
]

Span = tuple[int, int]


@dataclass(frozen=True)
class TLinkDoc:
    """One annotated document as the TLINK scorer sees it.

    ``events`` and ``timexes`` map ids to character spans (for alignment); ``dct``
    is the DCT's id; ``links`` join those ids.
    """

    links: tuple[Link, ...]
    events: Mapping[str, Span] = field(default_factory=dict)
    timexes: Mapping[str, Span] = field(default_factory=dict)
    dct: str | None = "t0"
    doc_id: str = ""

    @classmethod
    def from_timeml(cls, doc: TimeMLDocument) -> TLinkDoc:
        """The TLINKs of a TimeML document with the EVENT and TIMEX3 spans in its TEXT."""
        return cls(tuple(read_tlinks(doc)), _spans(doc, "EVENT", "eid"), _spans(doc, "TIMEX3", "tid"),
                   dct_tid(doc), doc.doc_id)

    @classmethod
    def from_annotated(cls, doc: AnnotatedDocument, dct: str | None = "t0") -> TLinkDoc:
        """The links of an annotated document; its DCT is ``dct`` when it has a date."""
        return cls(
            tuple(doc.links),
            {e.id: (e.start, e.end) for e in doc.events},
            {t.tid: (t.start, t.end) for t in doc.timexes if t.tid},
            dct if doc.dct is not None else None,
            doc.id or "",
        )


def _spans(doc: TimeMLDocument, name: str, key: str) -> dict[str, Span]:
    """The span of each ``name`` tag in TEXT by its ``key`` attribute (the first tag wins)."""
    out: dict[str, Span] = {}
    for tag in doc.tags:
        ident = tag.get(key) if tag.name == name else None
        if ident and ident not in out:
            out[ident] = (tag.start, tag.end)
    return out


def _same_span(gold: Mapping[str, Span], system: Mapping[str, Span]) -> dict[str, str]:
    by_span: dict[Span, str] = {}
    for gid, span in gold.items():
        by_span.setdefault(span, gid)
    out: dict[str, str] = {}
    used: set[str] = set()
    for sid, span in system.items():
        match = by_span.get(span)
        if match is not None and match not in used:
            out[sid] = match
            used.add(match)
    return out


def _overlapping(gold: Mapping[str, Span], system: Mapping[str, Span]) -> dict[str, str]:
    def timexes(spans: Mapping[str, Span]) -> list[Timex]:
        return [Timex(start=a, end=b, text="", type="", value="", tid=i) for i, (a, b) in spans.items()]

    return {s.tid: g.tid for g, s in align_timexes(timexes(gold), timexes(system)).pairs}


def align_nodes(gold: TLinkDoc, system: TLinkDoc, *, relaxed_timexes: bool = False) -> dict[str, str]:
    """Map system event, timex and DCT ids to the gold ids of the same spans (one to one)."""
    out = _same_span(gold.events, system.events)
    out.update((_overlapping if relaxed_timexes else _same_span)(gold.timexes, system.timexes))
    if gold.dct is not None and system.dct is not None:
        out[system.dct] = gold.dct
    return out


@dataclass
class _Counts:
    n_docs: int = 0
    n_gold: int = 0
    n_system: int = 0
    gold_reduced: int = 0
    system_reduced: int = 0
    precision_matched: int = 0
    recall_matched: int = 0
    gold_violated: int = 0
    system_violated: int = 0
    gold_unscored: int = 0
    system_unscored: int = 0

    def add(self, other: _Counts) -> None:
        for key, value in asdict(other).items():
            setattr(self, key, getattr(self, key) + value)


@dataclass(frozen=True)
class TLinkScores:
    """Micro-averaged TempEval-3 temporal awareness (ratios in 0..1).

    ``n_gold``/``n_system``: links given; ``*_unscored``: of those, links left out
    (VAGUE, or an unaligned end with ``unaligned="drop"``); ``*_reduced``: links in
    the reduced graphs; ``*_violated``: reduced links that contradict earlier ones;
    ``precision_matched``/``recall_matched``: reduced system/gold links the other
    graph implies.
    """

    n_docs: int
    n_gold: int
    n_system: int
    gold_reduced: int
    system_reduced: int
    precision_matched: int
    recall_matched: int
    precision: float
    recall: float
    f1: float
    gold_violated: int = 0
    system_violated: int = 0
    gold_unscored: int = 0
    system_unscored: int = 0

    @classmethod
    def _from(cls, c: _Counts) -> TLinkScores:
        p = _ratio(c.precision_matched, c.system_reduced)
        r = _ratio(c.recall_matched, c.gold_reduced)
        return cls(
            n_docs=c.n_docs, n_gold=c.n_gold, n_system=c.n_system, gold_reduced=c.gold_reduced,
            system_reduced=c.system_reduced, precision_matched=c.precision_matched,
            recall_matched=c.recall_matched, precision=p, recall=r, f1=_f1(p, r),
            gold_violated=c.gold_violated, system_violated=c.system_violated,
            gold_unscored=c.gold_unscored, system_unscored=c.system_unscored,
        )

    def to_dict(self) -> dict[str, float | int]:
        """Every field by name (ratios in 0..1, counts as ints)."""
        return dict(asdict(self))

    def format(self) -> str:
        """A small human-readable summary, figures in percent."""
        return "\n".join([
            f"{self.n_docs} documents, {self.n_gold} gold links, {self.n_system} system links",
            f"reduced graphs: {self.gold_reduced} gold ({self.gold_violated} violated), "
            f"{self.system_reduced} system ({self.system_violated} violated)",
            f"{'':18} {'P':>6} {'R':>6} {'F1':>6}",
            f"{'temporal awareness':18} {100 * self.precision:6.2f} {100 * self.recall:6.2f} "
            f"{100 * self.f1:6.2f}",
        ])


@dataclass
class _Graph:
    graph: TemporalGraph
    reduced: list[Triple]
    stated: set[Triple]
    violated: int


def _build(triples: Iterable[Triple]) -> _Graph:
    out = _Graph(TemporalGraph(), [], set(), 0)
    for triple in triples:
        if triple in out.stated:
            continue
        out.stated.add(triple)
        state = out.graph.add(*triple)
        if state != "redundant":
            out.reduced.append(triple)
            out.violated += state == "violated"
    return out


def _matched(reduced: Sequence[Triple], other: _Graph) -> int:
    return sum(1 for t in reduced if t in other.stated or other.graph.entails(*t))


def _triples(links: Iterable[Link], rename: Mapping[str, str] | None, fresh: str | None) -> Iterator[Triple | None]:
    """Canonical triples of ``links`` with ends renamed; None for a link left out.

    An end missing from ``rename`` becomes ``fresh + id`` (or leaves its link out
    when ``fresh`` is None); with ``rename`` None ends are kept as they are.
    """
    for link in links:
        ends = []
        for end in (link.source, link.target):
            if rename is None:
                ends.append(end)
            elif end in rename:
                ends.append(rename[end])
            elif fresh is not None:
                ends.append(fresh + end)
        yield canonical(ends[0], ends[1], link.rel) if len(ends) == 2 else None


def _node_ids(doc: TLinkDoc) -> set[str]:
    return {*doc.events, *doc.timexes, *([doc.dct] if doc.dct is not None else [])}


def _doc_counts(gold: TLinkDoc, system: TLinkDoc, *, by: str, relaxed_timexes: bool, drop: bool) -> _Counts:
    g_rename: dict[str, str] | None = None
    s_rename: dict[str, str] | None = None
    if by == "span":
        s_rename = align_nodes(gold, system, relaxed_timexes=relaxed_timexes)
        if drop:
            g_rename = {g: g for g in s_rename.values()}
    elif drop:
        shared = _node_ids(gold) & _node_ids(system)
        g_rename = s_rename = {n: n for n in shared}
    fresh = None if drop else "system:"
    g_triples = [t for t in _triples(gold.links, g_rename, None) if t is not None]
    s_triples = [t for t in _triples(system.links, s_rename, fresh) if t is not None]
    g, s = _build(g_triples), _build(s_triples)
    return _Counts(
        n_docs=1, n_gold=len(gold.links), n_system=len(system.links),
        gold_reduced=len(g.reduced), system_reduced=len(s.reduced),
        precision_matched=_matched(s.reduced, g), recall_matched=_matched(g.reduced, s),
        gold_violated=g.violated, system_violated=s.violated,
        gold_unscored=len(gold.links) - len(g_triples), system_unscored=len(system.links) - len(s_triples),
    )


def score_tlinks(
    pairs: Iterable[tuple[TLinkDoc, TLinkDoc]],
    *,
    align: Literal["span", "id"] = "span",
    relaxed_timexes: bool = False,
    unaligned: Literal["keep", "drop"] = "keep",
) -> TLinkScores:
    """Temporal awareness of (gold, system) documents, micro-averaged.

    ``align="span"`` maps system nodes to gold nodes by span (see the module
    docstring); ``align="id"`` takes equal ids as the same node (Task C, where the
    system was given the gold events and timexes).  ``unaligned="keep"`` scores the
    links of nodes without a counterpart (they cannot match: the official
    behaviour); ``"drop"`` leaves them out on both sides.
    """
    if align not in ("span", "id") or unaligned not in ("keep", "drop"):
        raise InputError(f"align must be 'span' or 'id' and unaligned 'keep' or 'drop', "
                         f"not {align!r} and {unaligned!r}")
    total = _Counts()
    for gold, system in pairs:
        total.add(_doc_counts(gold, system, by=align, relaxed_timexes=relaxed_timexes, drop=unaligned == "drop"))
    return TLinkScores._from(total)


def score_tlink_doc(
    gold: TLinkDoc,
    system: TLinkDoc,
    *,
    align: Literal["span", "id"] = "span",
    relaxed_timexes: bool = False,
    unaligned: Literal["keep", "drop"] = "keep",
) -> TLinkScores:
    """Temporal awareness of one document (options as in :func:`score_tlinks`)."""
    return score_tlinks([(gold, system)], align=align, relaxed_timexes=relaxed_timexes, unaligned=unaligned)


def load_tlink_pairs(gold_dir: str | Path, system_dir: str | Path) -> list[tuple[TLinkDoc, TLinkDoc]]:
    """Read (gold, system) for every TimeML file in ``gold_dir``, paired by file name.

    A gold file without a system file counts as a document without system links;
    system files without a gold file are ignored.  A system file whose TEXT differs
    from the gold TEXT raises :class:`InputError`, since its spans could not be compared.
    """
    gold_files = _tml_files(Path(gold_dir), "gold")
    system_files = _tml_files(Path(system_dir), "system")
    out: list[tuple[TLinkDoc, TLinkDoc]] = []
    for name, gpath in gold_files.items():
        gdoc = read_timeml(gpath)
        spath = system_files.get(name)
        if spath is None:
            out.append((TLinkDoc.from_timeml(gdoc), TLinkDoc((), dct=None, doc_id=gdoc.doc_id)))
            continue
        sdoc = read_timeml(spath)
        if sdoc.text != gdoc.text:
            raise InputError(f"{spath}: its TEXT differs from the gold file {gpath}; "
                             "spans can only be compared on identical text")
        out.append((TLinkDoc.from_timeml(gdoc), TLinkDoc.from_timeml(sdoc)))
    return out


def score_tlink_dirs(
    gold_dir: str | Path,
    system_dir: str | Path,
    *,
    relaxed_timexes: bool = False,
    unaligned: Literal["keep", "drop"] = "keep",
) -> TLinkScores:
    """Temporal awareness of the TimeML files of ``system_dir`` against ``gold_dir``.

    Files are paired by name (see :func:`load_tlink_pairs`); nodes are aligned by
    span.  Raises :class:`InputError` (one-line message) for a missing or empty
    folder or an unreadable file.
    """
    pairs = load_tlink_pairs(gold_dir, system_dir)
    return score_tlinks(pairs, relaxed_timexes=relaxed_timexes, unaligned=unaligned)
