"""Learned temporal links: which pairs to link, and how.

The rules in ``_links.py`` find the links a timeline needs (the date an event is
placed on, "two weeks after X").  The links a TimeML consumer expects are more:
every event against the document date, events against the time expressions of
their sentence, the events of one sentence against each other and the main events
of consecutive sentences.  For each such candidate pair a multinomial logistic
regression over binary features (tense, aspect, class, the dependency path, the
signal words in between, what the rules said) picks a relation or NONE.

The weights are trained by ``scripts/train_links.py`` on TimeBank (the training
split) with the relation the gold graph implies for each candidate pair as its
label, and shipped in ``events/models/en/links.json``; here they are scored with a
dictionary look-up per feature (``_linear``).  Candidate generation and features are
shared by training and use, so the two cannot drift apart.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from newsline._model import Event, Link, Timex
from newsline.errors import ResourceError
from newsline.events._linear import WeightRows, most_probable
from newsline.events._link_rules import DCT_ID, _events_by_token, dct_relation
from newsline.events._nlp import TokenTable, token_table

Token = Any  # spacy.tokens.Token
Doc = Any  # spacy.tokens.Doc

_WEIGHTS_FILE = "links.json"
NONE = "NONE"
KINDS = ("event-dct", "event-timex", "event-event", "main-main", "timex-dct")
_SIGNALS = frozenset({
    "after", "before", "when", "while", "since", "until", "till", "as", "then", "during", "following",
    "once", "later", "earlier", "previously", "meanwhile", "by", "ago", "prior", "now", "already",
    "still", "next", "last", "subsequently", "eventually", "finally", "recently", "soon", "because",
    "if", "to", "and", "but", "for", "on", "in", "at", "from", "over", "within", "throughout",
})
_MAX_PATH = 4
_EE_NEXT = 5  # an event is paired with at most this many following events of its sentence
_ET_WINDOW = 40  # and with the time expressions of its sentence at most this many tokens away
_CHECKED_LINKS = 3000  # documents with more links are not checked for contradictions
_FACT_NEXT = 8  # each time expression is related to this many following ones (and the DCT)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A pair the model decides on: ``source`` and ``target`` ids, their kind and features."""

    kind: str
    source: str
    target: str
    features: tuple[str, ...]


# --- candidates -------------------------------------------------------------------------


def candidates(sdoc: Doc, offset: int, events: Sequence[Event], timexes: Sequence[Timex],
               dct: date | None, rule_links: Sequence[Link]) -> list[Candidate]:
    """Every pair of a document the model decides on, with its features.

    ``sdoc`` is the spaCy parse of the text from ``offset`` on; ``rule_links`` are
    the links of ``_links.build_links`` (their relations are features).
    """
    by_token = _events_by_token(sdoc, offset, events)
    token_of = {e.id: i for i, e in by_token.items()}
    rules = {(x.source, x.target): x.rel for x in rule_links}
    rules.update({(x.target, x.source): "~" + x.rel for x in rule_links})
    heads = {t.tid: _timex_head(sdoc, offset, t) for t in timexes if t.tid}
    to_dct = {t.tid: _timex_vs_dct(t, dct) for t in timexes if t.tid}
    parse = token_table(sdoc)
    sentences = parse.sentences(sdoc)
    starts = [start for start, _, _ in sentences]

    def sent_of(i: int) -> int:
        return starts[bisect_right(starts, i) - 1] if starts else 0

    governing = _governing_timex(events, timexes, rule_links, to_dct)
    known: dict[tuple[str, str], tuple[str, ...]] = {}

    def features(p: str, e: Event) -> list[str]:
        """:func:`_event_features` of ``e``, computed once a prefix: an event is in many pairs."""
        key = (p, e.id)
        if key not in known:
            i = token_of.get(e.id)
            known[key] = tuple(_event_features(p, e, parse, i, by_token))
        return list(known[key])

    out: list[Candidate] = []
    if dct is not None:
        for e in events:
            f = features("e", e)
            f.append("rule=" + (dct_relation(e) or "none"))
            f.append("tx=" + governing.get(e.id, "none"))
            f.append("tx_rule=" + governing.get(e.id, "none") + "|" + (dct_relation(e) or "none"))
            f.append("tense_class=" + e.tense + "|" + e.eclass)
            out.append(Candidate("event-dct", e.id, DCT_ID, tuple(f)))
        for t in timexes:
            if t.tid and t.type in ("DATE", "TIME"):
                rel = to_dct[t.tid]
                out.append(Candidate("timex-dct", t.tid, DCT_ID, ("rel=" + rel, "type=" + t.type,
                                                                  "rel_mod=" + rel + "|" + (t.mod or "none"))))
    # events against the time expressions of their sentence
    event_tokens = sorted(token_of.values())
    for t in timexes:
        h = heads.get(t.tid)
        if h is None:
            continue
        lo, hi = bisect_left(event_tokens, h - _ET_WINDOW), bisect_right(event_tokens, h + _ET_WINDOW)
        for i in event_tokens[lo:hi]:
            e = by_token[i]
            if sent_of(i) != sent_of(h):
                continue
            f = features("e", e)
            f += _pair_features(parse, i, h, by_token)
            f += ["ttype=" + t.type, "tdct=" + to_dct.get(t.tid, "none"), "tmod=" + (t.mod or "none")]
            rule = rules.get((e.id, t.tid), "none")
            f += ["rule=" + rule, "rule_type=" + rule + "|" + t.type]
            f.append("tense_tdct=" + e.tense + "|" + to_dct.get(t.tid, "none"))
            out.append(Candidate("event-timex", e.id, t.tid, tuple(f)))
    # events of one sentence against each other, in text order
    ordered = sorted(token_of.items(), key=lambda kv: kv[1])
    for n, (a_id, i) in enumerate(ordered):
        for b_id, j in ordered[n + 1:n + 1 + _EE_NEXT]:
            if sent_of(j) != sent_of(i):
                break
            out.append(Candidate("event-event", a_id, b_id, tuple(_ee_features(parse, i, j, by_token, rules,
                                                                                  a_id, b_id, features))))
    # main events of consecutive sentences
    mains = [(by_token[root].id, root) for _, _, root in sentences if root in by_token]
    for (a_id, i), (b_id, j) in zip(mains, mains[1:], strict=False):
        f = _ee_features(parse, i, j, by_token, rules, a_id, b_id, features)
        f += ["first=" + parse.lower[parse.sentence_of(sdoc, j)[0]]]
        f += ["ga=" + governing.get(a_id, "none") + "|gb=" + governing.get(b_id, "none")]
        out.append(Candidate("main-main", a_id, b_id, tuple(f)))
    return out


def _timex_head(sdoc: Doc, offset: int, t: Timex) -> int | None:
    return token_table(sdoc).head_in(t.start - offset, t.end - offset)


def _timex_vs_dct(t: Timex, dct: date | None) -> str:
    """Where a time expression's interval lies against the DCT's day."""
    if t.type == "DURATION":
        return "duration"
    if t.type == "SET":
        return "set"
    if dct is None or t.interval is None:
        if t.value in ("PRESENT_REF",):
            return "present"
        if t.value in ("PAST_REF", "FUTURE_REF"):
            return t.value.split("_")[0].lower()
        return "unknown"
    lo = datetime.combine(dct, time()).isoformat()
    hi = (datetime.combine(dct, time()) + timedelta(days=1)).isoformat()
    start, end = t.interval.start or "", t.interval.end or "~"  # open ends: before / after everything
    if end <= lo:
        return "before"
    if start >= hi:
        return "after"
    if start <= lo and end >= hi:
        return "same" if (start, end) == (lo, hi) else "includes"
    return "inside"


def _governing_timex(events: Sequence[Event], timexes: Sequence[Timex], rule_links: Sequence[Link],
                     to_dct: dict[str, str]) -> dict[str, str]:
    """For events the rules attach to a time expression: that expression's place against the DCT."""
    out: dict[str, str] = {}
    for link in rule_links:
        if link.kind == "event-timex" and link.target in to_dct and link.source not in out:
            out[link.source] = link.rel + ":" + to_dct[link.target]
    return out


# --- features ---------------------------------------------------------------------------


def _event_features(p: str, e: Event, parse: TokenTable, i: int | None, by_token: dict[int, Event]) -> list[str]:
    f = [f"{p}class={e.eclass}", f"{p}tense={e.tense}", f"{p}aspect={e.aspect}", f"{p}pos={e.pos}",
         f"{p}pol={e.polarity}", f"{p}mod={e.modality or 'none'}", f"{p}ta={e.tense}|{e.aspect}",
         f"{p}lemma={(e.lemma or e.text).lower()}"]
    if i is not None:
        dep = parse.dep[i]
        f += [f"{p}dep={dep}", f"{p}tag={parse.tag[i]}", f"{p}root={dep == 'ROOT'}"]
        head = parse.head[i]
        if head != i:
            f.append(f"{p}head_tag={parse.tag[head]}")
            if head in by_token:
                f.append(f"{p}head_class={by_token[head].eclass}")
        if parse.pos[i] == "NOUN" or e.tense == "NONE":
            verb = _governing_verb(parse, i)
            if verb is not None:
                f.append(f"{p}gov_tag={parse.tag[verb]}")
    return f


def _governing_verb(parse: TokenTable, i: int) -> int | None:
    node = i
    for _ in range(4):
        if parse.head[node] == node:
            return None
        node = parse.head[node]
        if parse.pos[node] in ("VERB", "AUX"):
            return node
    return None


def _path(parse: TokenTable, i: int, j: int) -> str:
    """The dependency path from token i to token j (labels up, then down), or "far"."""
    up_i, up_j = _up(parse, i), _up(parse, j)
    idx_j = {t: n for n, t in enumerate(up_j)}
    for n, t in enumerate(up_i):
        if t in idx_j:
            m = idx_j[t]
            if n + m > _MAX_PATH:
                return "far"
            ups = [parse.dep[x] for x in up_i[:n]]
            downs = [parse.dep[x] for x in reversed(up_j[:m])]
            return "^".join(ups) + "|" + "v".join(downs)
    return "far"


def _up(parse: TokenTable, i: int) -> list[int]:
    """The token and its ancestors, as far as a path of length _MAX_PATH can reach."""
    out = [i]
    while len(out) <= _MAX_PATH and parse.head[out[-1]] != out[-1]:
        out.append(parse.head[out[-1]])
    return out


def _between(parse: TokenTable, i: int, j: int) -> Iterator[str]:
    lo, hi = min(i, j), max(i, j)
    for k in range(lo + 1, min(hi, lo + 12)):
        w = parse.lower[k]
        if w in _SIGNALS:
            yield w


def _pair_features(parse: TokenTable, i: int, j: int, by_token: dict[int, Event]) -> list[str]:
    """Features of a token pair: path, order, distance, signal words and events in between."""
    d = abs(j - i)
    f = ["path=" + _path(parse, i, j), "order=" + ("fwd" if i < j else "back"),
         "dist=" + (str(d) if d < 4 else "4-7" if d < 8 else "8-15" if d < 16 else "16+")]
    f += ["sig=" + w for w in _between(parse, i, j)]
    first = min(i, j)
    prev = parse.lower[first - 1] if first > 0 else "<s>"
    f.append("prev=" + prev)
    inside = sum(1 for k in range(min(i, j) + 1, max(i, j)) if k in by_token)
    f.append("events_between=" + (str(inside) if inside < 3 else "3+"))
    return f


def _ee_features(parse: TokenTable, i: int, j: int, by_token: dict[int, Event], rules: dict[tuple[str, str], str],
                 a_id: str, b_id: str, features: Callable[[str, Event], list[str]]) -> list[str]:
    """The features of the events at tokens ``i`` and ``j`` (``features``: :func:`_event_features` with the
    prefix and the event) and of the pair."""
    a, b = by_token[i], by_token[j]
    f = features("a", a) + features("b", b)
    f += _pair_features(parse, i, j, by_token)
    f += [f"classes={a.eclass}|{b.eclass}", f"tenses={a.tense}|{b.tense}", f"aspects={a.aspect}|{b.aspect}",
          f"same_lemma={a.lemma == b.lemma and bool(a.lemma)}", "rule=" + rules.get((a_id, b_id), "none")]
    if parse.head[j] == i:
        f.append(f"child={parse.dep[j]}|{a.eclass}")
    if parse.head[i] == j:
        f.append(f"parent={parse.dep[i]}|{b.eclass}")
    return f


# --- the model --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LinkModel:
    """One multinomial model per candidate kind: relations (NONE first), weights, bias."""

    relations: dict[str, tuple[str, ...]]
    weights: dict[str, dict[str, tuple[float, ...]]]
    bias: dict[str, tuple[float, ...]]
    _rows: dict[str, WeightRows] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_rows", {kind: WeightRows(self.bias[kind], self.weights[kind])
                                           for kind in self.relations})

    def decide_all(self, cands: Sequence[Candidate]) -> list[tuple[str, float]]:
        """The most probable relation of each candidate (NONE for no link) and its probability, the
        candidates of a kind scored together."""
        out = [(NONE, 1.0)] * len(cands)
        by_kind: dict[str, list[int]] = {}
        for n, cand in enumerate(cands):
            if self.relations.get(cand.kind):
                by_kind.setdefault(cand.kind, []).append(n)
        for kind, ns in by_kind.items():
            scores = self._rows[kind].scores_many([cands[n].features for n in ns])
            for n, s in zip(ns, scores, strict=True):
                out[n] = most_probable(self.relations[kind], s)
        return out


def model_from_dict(data: dict[str, Any]) -> LinkModel:
    """Build a :class:`LinkModel` from the JSON structure ``train_links.py`` writes."""
    try:
        relations: dict[str, tuple[str, ...]] = {}
        weights: dict[str, dict[str, tuple[float, ...]]] = {}
        bias: dict[str, tuple[float, ...]] = {}
        for kind, part in data["models"].items():
            rels = tuple(str(r) for r in part["relations"])
            rows = {str(f): tuple(float(x) for x in ws) for f, ws in part["weights"].items()}
            if any(len(r) != len(rels) for r in rows.values()) or len(part["bias"]) != len(rels):
                raise ValueError(f"{kind}: weight rows do not match the relation list")
            relations[str(kind)], weights[str(kind)] = rels, rows
            bias[str(kind)] = tuple(float(b) for b in part["bias"])
        return LinkModel(relations, weights, bias)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ResourceError(f"events/models/en/{_WEIGHTS_FILE} is broken ({exc}); reinstall newsline") from exc


def load_link_model() -> LinkModel:
    """The shipped link model (read once, then cached)."""
    from newsline.events._detect import load_weights

    model: LinkModel = load_weights(_WEIGHTS_FILE, model_from_dict)
    return model


def predict_links(cands: Sequence[Candidate], model: LinkModel) -> list[Link]:
    """The links the model keeps (ids left empty: the caller numbers them)."""
    out: list[Link] = []
    for cand, (rel, p) in zip(cands, model.decide_all(cands), strict=True):
        if rel != NONE:
            kind = "timex-timex" if cand.kind == "timex-dct" else \
                "event-event" if cand.kind == "main-main" else cand.kind
            out.append(Link("", cand.source, cand.target, rel, kind, round(p, 3)))
    return out


def document_links(sdoc: Doc, offset: int, events: Sequence[Event], timexes: Sequence[Timex], dct: date | None,
                   rule_links: Sequence[Link], *, model: LinkModel | None = None) -> list[Link]:
    """A document's TLINKs: the model's and the rules', without contradictions.

    ``rule_links`` are the links of ``_links.build_links`` (and any others the
    caller derived, such as timeline order); the model (the shipped one unless
    given) decides on every candidate pair.  Where links contradict each other or
    the calendar (the values of the time expressions), the more confident ones win.
    """
    found = predict_links(candidates(sdoc, offset, events, timexes, dct, rule_links), model or load_link_model())
    return consistent(found + list(rule_links), calendar_facts(timexes, dct))


def calendar_facts(timexes: Sequence[Timex], dct: date | None) -> list[Link]:
    """How the intervals of the dated time expressions (and the DCT's day) relate, from their values."""
    spans: list[tuple[str, str, str]] = []
    if dct is not None:
        day = datetime.combine(dct, time())
        spans.append((DCT_ID, day.isoformat(), (day + timedelta(days=1)).isoformat()))
    for t in timexes:
        if t.tid and t.interval is not None and t.interval.start and t.interval.end:
            spans.append((t.tid, t.interval.start, t.interval.end))
    out: list[Link] = []
    for n, (a, a0, a1) in enumerate(spans):
        for b, b0, b1 in spans[n + 1:n + 1 + _FACT_NEXT] + (spans[:1] if n > _FACT_NEXT and dct else []):
            rel = _interval_relation(a0, a1, b0, b1)
            if rel is not None:
                out.append(Link("", a, b, rel, "timex-timex", 1.0))
    return out


def _interval_relation(a0: str, a1: str, b0: str, b1: str) -> str | None:
    if (a0, a1) == (b0, b1):
        return "SIMULTANEOUS"
    if a1 < b0:
        return "BEFORE"
    if b1 < a0:
        return "AFTER"
    if a1 == b0:
        return "IBEFORE"
    if b1 == a0:
        return "IAFTER"
    if a0 <= b0 and b1 <= a1:
        return "INCLUDES" if a0 < b0 and b1 < a1 else "BEGUN_BY" if a0 == b0 else "ENDED_BY"
    if b0 <= a0 and a1 <= b1:
        return "IS_INCLUDED" if b0 < a0 and a1 < b1 else "BEGINS" if a0 == b0 else "ENDS"
    return None  # overlapping: no single relation


def consistent(links: Sequence[Link], facts: Sequence[Link] = ()) -> list[Link]:
    """``links``, most confident first, without those that contradict ``facts`` or more confident links.

    One link per pair of ends: a later link between the same two ends is dropped.
    ``facts`` are known to hold and are not returned.
    """
    from newsline._temporal_graph import TemporalGraph

    if len(links) > _CHECKED_LINKS:  # closure over thousands of nodes costs minutes; such text is no article
        return _one_per_pair(sorted(links, key=lambda x: -x.confidence))
    graph = TemporalGraph()
    for fact in facts:
        graph.add(fact.source, fact.target, fact.rel)
    seen: set[frozenset[str]] = set()
    out: list[Link] = []
    for link in sorted(links, key=lambda x: -x.confidence):
        pair = frozenset((link.source, link.target))
        if pair in seen or graph.add(link.source, link.target, link.rel) == "violated":
            continue
        seen.add(pair)
        out.append(link)
    return out


def _one_per_pair(links: Sequence[Link]) -> list[Link]:
    seen: set[frozenset[str]] = set()
    out: list[Link] = []
    for link in links:
        pair = frozenset((link.source, link.target))
        if pair not in seen:
            seen.add(pair)
            out.append(link)
    return out
