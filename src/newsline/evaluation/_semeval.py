"""SemEval-2015 Task 4 "TimeLine: Cross-Document Event Ordering": input, output and the official metric.

Three parts:

**CAT XML input** (:func:`read_cat`): a document is ``<Document doc_id=...>`` with
``<token t_id sentence number>`` elements (``sentence`` counts from 0, the title
being sentence 0; ``number`` is the token's index in the document) and
``<Markables>``: ``EVENT_MENTION`` elements anchored to tokens by ``token_anchor``
and a ``TIMEX3 functionInDocument="CREATION_TIME"`` whose ``value`` is the DCT (an ISO value as it
is; ``07-04-2012`` or ``April 7, 2012`` read by ``timex/_document_date.py``, the document's date line
settling a day-month order; a value that stays ambiguous or is no date leaves the document without a
DCT and says why in :attr:`CatDocument.dct_warning`).
The files carry no whitespace, so :class:`CatDocument` rebuilds a readable text
(no space before ``, . ) 's n't``..., none after ``( $ £``..., double quotes paired,
one line per sentence) and keeps every token's character offsets in it, so a
system event found at a character span can be named in the task's format.

**Timelines** (:func:`read_timeline`, :func:`format_timeline`): a file per target
entity, named after it in lower case with ``_`` for spaces (``steve_jobs.txt``);
the first line is the entity, each further line ``ORDER<TAB>ANCHOR<TAB>EVENT[<TAB>EVENT...]``
where events on one line are coreferent, equal orders are simultaneous, and an
event is ``DOCID-SENTENCE-EXTENT``: the document id, the sentence number and the
event's words in lower case joined by ``_`` (``11778-2-launch``,
``4954-2-court_case``; not a token number).  Order 0 with anchor ``XXXX-XX-XX``
marks events that could not be ordered.  :func:`format_timeline` writes the gold
files' layout byte for byte (LF line ends, a final newline).

**The metric** (:func:`score_timelines`, :func:`score_timeline_dirs`), as the
official evaluation kit states it (its ``00-README.txt``, by Aldabe and Agirre,
for ``evaluation_all.py`` and ``evaluation_timeline.py``):
each timeline becomes a TLINK graph and is scored with TempEval-3 temporal
awareness (UzZaman and Allen, 2011), reusing :mod:`newsline.evaluation._tlink_scoring`.
The graph ("ordering and time anchors"):

a) each time anchor is a TIMEX3: one node per distinct anchor string (``2008``,
   ``2008-06`` and ``2008-06-09`` are three unrelated nodes; the kit adds no
   relations between anchors, so an anchor is right only when its string is);
   ``XXXX-XX-XX`` is an anchor string like any other, so all undated events of a
   timeline share one node;
b) each event is linked to its anchor's node with **SIMULTANEOUS** (the kit's
   choice; ``anchor_relation="IS_INCLUDED"`` gives the variant where an anchor is
   a period containing its events);
c) events at consecutive positions are linked with BEFORE (one link between the
   first events of the two positions: closure gives the rest);
d) events at the same position are linked with SIMULTANEOUS.

Events at position 0 are left out (the kit: "These events are not considered by
the evaluation tool").  With ``anchors=False`` the anchor column is ignored, the
kit's ``--ord`` "ordering only" mode (Subtracks A and B).

With SIMULTANEOUS anchors two events with the same anchor (``XXXX-XX-XX``
included) at different positions contradict the BEFORE between them; the closure
graph keeps the earlier link and marks the later one violated (counted in the
reduced graph, matched only when the other side states it literally), as the
TempEval-3 scorer does.  Links are added in the README's order: anchors (b),
BEFORE (c), SIMULTANEOUS (d), each in file order.  The kit's scripts themselves
were not at hand; the README's example output (v1.0 gold timelines against a
fake system) gives recall as 18/20, 4/7, 19/24 and 11/11 for the Beatles Apple
Corps, iPhone 3G, iPhone 4 and iPod timelines, and these gold graphs have exactly
20, 7, 24 and 11 reduced links here with the choices above (with IS_INCLUDED
anchors: 23, 9, 37, 13; without a node for ``XXXX-XX-XX``: 18, 6, 23, 11).

Precision is the share of the reduced system graph's links the gold graph
implies, recall the share of the reduced gold graph's links the system graph
implies; both are micro-averaged over target entities by summing the counts, as
the TempEval-3 scorer sums them over documents, and F1 is their harmonic mean
(the README's example MICRO-FSCORE is the harmonic mean of its MICRO-PRECISION and
MICRO-RECALL; an early ``evaluation_all.py`` instead weighted each timeline's F1
by its number of gold lines).  A gold timeline without a system file is scored against an empty one
(recall 0 for it), as the kit does ("Fscore set at 0"), and is listed in
``missing``.
"""

from __future__ import annotations

import bisect
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal

from newsline._model import Link
from newsline.corpus._timeline_files import (
    Timeline,
    read_timeline,
    timeline_files,
)
from newsline.errors import InputError, file_error
from newsline.evaluation._timex_scoring import _f1, _ratio
from newsline.evaluation._tlink_scoring import TLinkDoc, TLinkScores, score_tlink_doc
from newsline.timex._document_date import read_document_date
from newsline.timex._inputs import parse_dct

__all__ = [
    "AnchorRelation",
    "CatDocument",
    "CatEvent",
    "CatTimex",
    "CatToken",
    "EntityScore",
    "TimelineScores",
    "event_id",
    "parse_cat",
    "parse_event_id",
    "read_cat",
    "read_cat_dir",
    "score_timeline_dirs",
    "score_timelines",
    "timeline_links",
]

AnchorRelation = Literal["SIMULTANEOUS", "IS_INCLUDED"]

# ------------------------------------------------------------------ CAT XML input

# Tokens glued to the token before them / after them when the text is rebuilt.
_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'", "'s", "'S", "n't", "N'T",
                              "'re", "'ve", "'ll", "'d", "'m"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "£", "€", "`", "``", "#"})
_QUOTE = '"'


@dataclass(frozen=True, slots=True)
class CatToken:
    """One token: its CAT ids and its character span in :attr:`CatDocument.text`."""

    t_id: int
    sentence: int
    number: int  # index of the token in the document (CAT's ``number``)
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class CatEvent:
    """An ``EVENT_MENTION`` markable: its tokens and its name in the timeline format."""

    m_id: str
    t_ids: tuple[int, ...]
    sentence: int
    event_id: str  # DOCID-SENTENCE-EXTENT
    start: int  # span from the first token's start to the last token's end
    end: int


@dataclass(frozen=True, slots=True)
class CatTimex:
    """A ``TIMEX3`` markable (the DCT has no tokens)."""

    m_id: str
    t_ids: tuple[int, ...]
    type: str
    value: str
    function: str  # functionInDocument, e.g. "CREATION_TIME"


@dataclass(frozen=True)
class CatDocument:
    """A CAT XML document with its text rebuilt from the tokens (one line per sentence)."""

    doc_id: str
    doc_name: str
    dct: str | None  # value of the CREATION_TIME TIMEX3 when ISO ("2010-06-08"), else its date as ISO, or None
    text: str
    tokens: tuple[CatToken, ...]
    events: tuple[CatEvent, ...] = ()
    timexes: tuple[CatTimex, ...] = ()
    src_url: str = ""
    dct_warning: str | None = None  # why a CREATION_TIME value gave no DCT (ambiguous, not a date)

    @cached_property
    def _starts(self) -> tuple[int, ...]:
        return tuple(t.start for t in self.tokens)

    def token_at(self, offset: int) -> CatToken | None:
        """The token whose span contains the character ``offset``, or None (a space, a line end)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.tokens[i].start <= offset < self.tokens[i].end:
            return self.tokens[i]
        return None

    def tokens_in(self, start: int, end: int) -> tuple[CatToken, ...]:
        """The tokens overlapping the character span ``[start, end)``."""
        i = max(bisect.bisect_right(self._starts, start) - 1, 0)
        out = []
        for tok in self.tokens[i:]:
            if tok.start >= end:
                break
            if tok.end > start:
                out.append(tok)
        return tuple(out)

    def event_id_at(self, start: int, end: int) -> str:
        """The timeline name (``DOCID-SENTENCE-EXTENT``) of an event found at ``[start, end)``.

        The extent is the overlapped tokens of the first one's sentence.  Raises
        :class:`InputError` when the span covers no token.
        """
        toks = self.tokens_in(start, end)
        if not toks:
            raise InputError(f"{self.doc_id}: no token at characters {start}-{end}")
        sentence = toks[0].sentence
        return event_id(self.doc_id, sentence, [t.text for t in toks if t.sentence == sentence])

    def sentence_tokens(self, sentence: int) -> tuple[CatToken, ...]:
        """The tokens of one sentence, in order."""
        return tuple(t for t in self.tokens if t.sentence == sentence)


def event_id(doc_id: str, sentence: int, words: Sequence[str]) -> str:
    """``DOCID-SENTENCE-EXTENT``: the event's words in lower case joined by ``_``."""
    if not words:
        raise InputError(f"{doc_id}-{sentence}: an event needs at least one word")
    return f"{doc_id}-{sentence}-{'_'.join(w.lower() for w in words)}"


def parse_event_id(ident: str) -> tuple[str, int, str]:
    """``"4954-2-court_case"`` -> ``("4954", 2, "court_case")`` (the extent may hold ``-``)."""
    parts = ident.split("-", 2)
    if len(parts) != 3 or not parts[1].isdigit() or not parts[0] or not parts[2]:
        raise InputError(f"event {ident!r} is not DOCID-SENTENCE-EXTENT (e.g. 11778-2-launch)")
    return parts[0], int(parts[1]), parts[2]


def _int_attr(el: ET.Element, name: str, where: str) -> int:
    raw = el.get(name)
    if raw is None or not raw.strip().lstrip("-").isdigit():
        raise InputError(f"{where}: <{el.tag}> has no integer {name} (got {raw!r})")
    return int(raw)


def _anchors(el: ET.Element, where: str) -> tuple[int, ...]:
    return tuple(_int_attr(a, "t_id", where) for a in el.iter("token_anchor"))


def _layout(raw: Sequence[tuple[int, int, int, str]]) -> tuple[str, list[tuple[int, int]]]:
    """The text of ``(t_id, sentence, number, text)`` tokens and each token's span in it."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    prev_sentence: int | None = None
    glue_next = False
    quote_open = False
    for _, sentence, _, text in raw:
        closing = text == _QUOTE and quote_open
        if prev_sentence is None:
            sep = ""
        elif sentence != prev_sentence:
            sep = "\n"
        elif glue_next or text in _NO_SPACE_BEFORE or closing:
            sep = ""
        else:
            sep = " "
        parts.append(sep)
        pos += len(sep)
        spans.append((pos, pos + len(text)))
        parts.append(text)
        pos += len(text)
        if text == _QUOTE:
            quote_open = not quote_open
            glue_next = quote_open
        else:
            glue_next = text in _NO_SPACE_AFTER
        prev_sentence = sentence
    return "".join(parts), spans


def parse_cat(raw: str | bytes, name: str = "<cat>") -> CatDocument:
    """Parse one CAT XML document (see the module docstring); :class:`InputError` if malformed."""
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        raise InputError(f"{name}: not well-formed XML ({exc})") from None
    if root.tag != "Document":
        raise InputError(f"{name}: the root element is <{root.tag}>, a CAT file's is <Document>")
    doc_id = root.get("doc_id") or ""
    if not doc_id:
        raise InputError(f"{name}: <Document> has no doc_id")
    raw_tokens = [(_int_attr(t, "t_id", name), _int_attr(t, "sentence", name), _int_attr(t, "number", name),
                   t.text or "") for t in root.iter("token")]
    if any(not text for *_, text in raw_tokens):
        raise InputError(f"{name}: a <token> is empty")
    text, spans = _layout(raw_tokens)
    tokens = tuple(CatToken(t, s, n, w, a, b) for (t, s, n, w), (a, b) in zip(raw_tokens, spans, strict=True))
    by_id = {t.t_id: t for t in tokens}
    if len(by_id) != len(tokens):
        raise InputError(f"{name}: two tokens share a t_id")

    events: list[CatEvent] = []
    timexes: list[CatTimex] = []
    dct: str | None = None
    for markables in root.iter("Markables"):
        for el in markables:
            where = f"{name}: {el.tag} m_id={el.get('m_id')!r}"
            if el.tag == "EVENT_MENTION":
                t_ids = _anchors(el, where)
                toks = [by_id[i] for i in t_ids if i in by_id]
                if len(toks) != len(t_ids) or not toks:
                    raise InputError(f"{where}: anchored to unknown or no tokens {t_ids}")
                sentence = toks[0].sentence
                words = [t.text for t in toks if t.sentence == sentence]
                events.append(CatEvent(el.get("m_id") or "", t_ids, sentence, event_id(doc_id, sentence, words),
                                       min(t.start for t in toks), max(t.end for t in toks)))
            elif el.tag == "TIMEX3":
                timex = CatTimex(el.get("m_id") or "", _anchors(el, where), el.get("type") or "",
                                 el.get("value") or "", el.get("functionInDocument") or "")
                timexes.append(timex)
                if timex.function == "CREATION_TIME" and dct is None and timex.value:
                    dct = timex.value
    dct, warning = _cat_dct(dct, text)
    return CatDocument(doc_id, root.get("doc_name") or "", dct, text, tokens, tuple(events), tuple(timexes),
                       root.get("src_url") or "", warning)


def _cat_dct(value: str | None, text: str) -> tuple[str | None, str | None]:
    """The DCT as an ISO string, and why there is none: an ISO value is kept as it is; another form
    (``07-04-2012``, ``April 7, 2012``) is read, a day-month order settled by the document's date line
    or other written dates; what stays ambiguous or is not a date leaves the document without a DCT."""
    if value is None:
        return None, None
    try:
        parse_dct(value)
        return value, None
    except InputError:
        pass
    found = read_document_date(value, text)
    if found.value is None:
        return None, found.warning
    return found.value.isoformat(), None


def read_cat(path: str | Path) -> CatDocument:
    """Read one CAT XML file."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise file_error(str(p), exc) from None
    return parse_cat(raw, str(p))


def read_cat_dir(folder: str | Path, problems: list[str] | None = None) -> list[CatDocument]:
    """Every ``*.xml`` CAT file of ``folder``, sorted by file name.

    A file that cannot be read raises :class:`InputError`; with a ``problems`` list it is
    left out instead and the message (which names the file) is appended, so one bad
    document does not stop a corpus.  A document date newsline cannot pin down is no
    problem of the file: the document has no DCT and its ``dct_warning`` says why.
    """
    p = Path(folder)
    if not p.is_dir():
        raise InputError(f"CAT folder {p} does not exist or is not a folder")
    files = sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() == ".xml")
    if not files:
        raise InputError(f"CAT folder {p} has no .xml files")
    if problems is None:
        return [read_cat(f) for f in files]
    docs = []
    for f in files:
        try:
            docs.append(read_cat(f))
        except InputError as exc:
            problems.append(f"{exc}; left out")
    return docs


def timeline_links(
    timeline: Timeline, *, anchors: bool = True, anchor_relation: AnchorRelation = "SIMULTANEOUS"
) -> tuple[Link, ...]:
    """The TLINK graph the official evaluation builds from a timeline (see the module docstring).

    Event nodes are the event ids; an anchor's node is ``"date:" + anchor``.
    """
    if anchor_relation not in ("SIMULTANEOUS", "IS_INCLUDED"):
        raise InputError(f"anchor_relation must be 'SIMULTANEOUS' or 'IS_INCLUDED', not {anchor_relation!r}")
    groups: dict[int, list[str]] = {}
    anchored: list[tuple[str, str]] = []
    for e in timeline.entries:
        if e.order <= 0:
            continue
        group = groups.setdefault(e.order, [])
        for ev in e.event_ids:
            if ev not in group:
                group.append(ev)
            if anchors:
                anchored.append((ev, e.date))
    out: list[Link] = []

    def link(source: str, target: str, rel: str, kind: str) -> None:
        out.append(Link(f"l{len(out) + 1}", source, target, rel, kind))

    for ev, date in dict.fromkeys(anchored):
        link(ev, "date:" + date, anchor_relation, "event-timex")
    firsts = [groups[o][0] for o in sorted(groups)]
    for a, b in zip(firsts, firsts[1:], strict=False):
        link(a, b, "BEFORE", "event-event")
    for o in sorted(groups):
        first, *rest = groups[o]
        for ev in rest:
            link(first, ev, "SIMULTANEOUS", "event-event")
    return tuple(out)


@dataclass(frozen=True, slots=True)
class EntityScore:
    """Temporal awareness of one target entity's timeline (ratios in 0..1)."""

    entity: str
    gold_reduced: int
    system_reduced: int
    precision_matched: int
    recall_matched: int
    gold_violated: int
    system_violated: int
    precision: float
    recall: float
    f1: float
    missing: bool = False  # no system timeline: scored as an empty one
    file: str = ""


@dataclass(frozen=True)
class TimelineScores:
    """Micro-averaged (counts summed over entities) SemEval-2015 Task 4 scores, ratios in 0..1."""

    precision: float
    recall: float
    f1: float
    per_entity: Mapping[str, EntityScore]
    missing: tuple[str, ...] = ()  # entities without a system timeline (scored as empty)
    extra: tuple[str, ...] = ()  # system files without a gold file (not scored)
    gold_reduced: int = 0
    system_reduced: int = 0
    precision_matched: int = 0
    recall_matched: int = 0

    def to_dict(self) -> dict[str, object]:
        """Every field, the per-entity scores as dicts."""
        return {
            "precision": self.precision, "recall": self.recall, "f1": self.f1,
            "gold_reduced": self.gold_reduced, "system_reduced": self.system_reduced,
            "precision_matched": self.precision_matched, "recall_matched": self.recall_matched,
            "missing": list(self.missing), "extra": list(self.extra),
            "per_entity": {k: asdict(v) for k, v in self.per_entity.items()},
        }

    def format(self) -> str:
        """A table like the official kit's output, figures in percent."""
        rows = [f"{'entity':30} {'F1':>7} {'P':>7} {'R':>7}"]
        for name, s in self.per_entity.items():
            note = "  (no system timeline)" if s.missing else ""
            rows.append(f"{name:30} {100 * s.f1:7.2f} {100 * s.precision:7.2f} {100 * s.recall:7.2f}{note}")
        rows.append(f"{'MICRO':30} {100 * self.f1:7.2f} {100 * self.precision:7.2f} {100 * self.recall:7.2f}")
        return "\n".join(rows)


def _entity_score(gold: Timeline, system: Timeline | None, file: str, anchors: bool,
                  anchor_relation: AnchorRelation) -> EntityScore:
    g = TLinkDoc(timeline_links(gold, anchors=anchors, anchor_relation=anchor_relation), doc_id=gold.entity)
    s_links = () if system is None else timeline_links(system, anchors=anchors, anchor_relation=anchor_relation)
    sc: TLinkScores = score_tlink_doc(g, TLinkDoc(s_links), align="id")
    return EntityScore(gold.entity, sc.gold_reduced, sc.system_reduced, sc.precision_matched, sc.recall_matched,
                       sc.gold_violated, sc.system_violated, sc.precision, sc.recall, sc.f1, system is None, file)


def _total(scores: Sequence[EntityScore], extra: tuple[str, ...] = ()) -> TimelineScores:
    per: dict[str, EntityScore] = {}
    for s in scores:
        if s.entity in per:
            raise InputError(f"two gold timelines for the entity {s.entity!r}")
        per[s.entity] = s
    pm, sr = sum(s.precision_matched for s in scores), sum(s.system_reduced for s in scores)
    rm, gr = sum(s.recall_matched for s in scores), sum(s.gold_reduced for s in scores)
    p, r = _ratio(pm, sr), _ratio(rm, gr)
    return TimelineScores(p, r, _f1(p, r), per, tuple(s.entity for s in scores if s.missing), extra,
                          gr, sr, pm, rm)


def score_timelines(
    pairs: Iterable[tuple[Timeline, Timeline | None]],
    *,
    anchors: bool = True,
    anchor_relation: AnchorRelation = "SIMULTANEOUS",
) -> TimelineScores:
    """Score (gold, system) timelines; a system of None is a missing one (scored as empty).

    Per-entity scores are keyed by the gold entity.  ``anchors=False`` is the kit's
    ordering-only mode; ``anchor_relation`` how an event relates to its anchor.
    """
    return _total([_entity_score(g, s, "", anchors, anchor_relation) for g, s in pairs])


def score_timeline_dirs(
    gold_dir: str | Path,
    system_dir: str | Path,
    *,
    anchors: bool = True,
    anchor_relation: AnchorRelation = "SIMULTANEOUS",
) -> TimelineScores:
    """Score the ``*.txt`` timelines of ``system_dir`` against those of ``gold_dir``, paired by file name.

    A gold file without a system file is scored against an empty timeline and listed
    in ``missing``; system files without a gold file are listed in ``extra``.
    """
    gold_files = timeline_files(Path(gold_dir), "gold")
    if not gold_files:
        raise InputError(f"gold folder {gold_dir} has no .txt timelines")
    system_files = timeline_files(Path(system_dir), "system")
    scores = []
    for name, gpath in gold_files.items():
        spath = system_files.get(name)
        system = read_timeline(spath) if spath is not None else None
        scores.append(_entity_score(read_timeline(gpath), system, name, anchors, anchor_relation))
    return _total(scores, tuple(n for n in system_files if n not in gold_files))
