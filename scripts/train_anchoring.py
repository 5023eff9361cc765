"""Train newsline's event-time anchoring model and write events/models/en/anchoring.json.

    python scripts/train_anchoring.py --data ../shared/data --out src/newsline/events/models/en/anchoring.json

    python scripts/train_anchoring.py --data ../shared/data --report   # oracle, train CV, dev, AQUAINT

Training data: TimeBank-EventTime ``train.tab`` (22 TimeBank documents).  Each
document is annotated as ``newsline.annotate`` does (time expressions, the shared
spaCy parse, events, the rules' links and placements); each gold event is aligned
to the system event that overlaps it most, as the scorer does
(``newsline.evaluation._anchoring``), and that event's case
(``newsline.events._anchoring.anchoring_cases``: features and the label of every
template its anchors allow) gets as its target the first template (in the order of
``TEMPLATES``) whose label is the gold label; a case no template fits exactly is left
out of training (``--relaxed`` also takes the first template whose label is only
compatible with the gold one: train CV 26.7% and dev 39.7% strict that way, 27.5% and
40.4% without, measured when the week convention and the ``by-timex`` templates came in).

C is chosen on dev (2026-12-04, after the "within", "days after" and taking-part rules changed the
rules' times the model sees): C 0.05 / 0.1 / 0.15 / 0.2 / 0.3 give train CV 28.1 / 27.9 / 27.2 / 27.1 /
26.9% and dev 41.8 / 41.1 / 44.0 / 44.0 / 44.0% strict (dev relaxed 72.3 / 74.5 / 76.6 / 76.6 / 76.6%);
0.15 is the least regularisation that reaches dev's best.

``dev.tab`` serves model selection only; ``aquaint-cheng.tab`` is reported apart.
The 9 held-out test documents are dropped as the gold files are read and the
script asserts that none is left.  One L2-regularised multinomial logistic
regression (scikit-learn lbfgs, tol 1e-8), weights rounded to 3 digits and tiny
ones pruned: the run is deterministic and rebuilds the shipped file byte for byte.

Tried for issue 14 and not kept (strict train CV / dev, against 27.8% / 41.8%; those
marked * measured with tol 1e-5, where this model gives the same 27.8% / 41.8%): C 0.02,
0.05, 0.2: 27.1/41.1, 28.4/41.8, 26.9/41.1; without the lemma, the head's lemma, or any
feature of the time expression: 28.2/41.8, 27.8/41.8, 29.3/39.0; *a reduced feature set
(class, tense, aspect, modality, basis, DCT relation, the expression's source, relation
and grain, sentence cues): 28.4/39.7 (C 0.3: 28.1/41.8); *features of the context (the
governing event's rule time against the DCT, the document's share of past tenses, a
date on the DCT in the text): 27.9/41.1; *a factorised ranker (a softmax over every
single-day point and every begin x end pair built from the DCT and the expression, event
features crossed with kind, point, begin, end and pair) lifts the oracle from 67.2% to
69.4% on train (dev 76.6% both) but scores 28.4/41.1 (C 0.03), 27.5/40.4 (0.1),
26.2/41.8 (0.3), and averaged with this model at most 28.6/41.8; *a bonus for ``dct``
(0.25 to 2): 26.7-28.1 / 40.4-42.6; *a penalty of 1 on ``before-dct``: 29.6/41.8 but
relaxed 81.6/73.0 (from 82.4/73.8); *the rules' time as one more template the model
may choose (for events the rules place): 27.4/41.1; pooling the probability of
templates that give one label: 27.8/41.8.  Within a class/tense/aspect/modality group
the gold templates are spread (past non-reporting verbs: dct 39, unreachable 35,
before-dct 23, past-process 8 of 114), which bounds what these features can do.

``--given-events`` reports dev with the documents' own TimeML events placed (the
published systems' setting): 43.3% strict, 83.0% relaxed, coverage 100% (45.4% / 83.7%
after dates in relative clauses were kept to their clause, session 6).
``--train-given`` trains on them too (every gold event a case): train CV 29.6% on given
events, but dev 41.8% detected / 43.3% given, against 42.6% / 43.3% trained on the
detected events, so the shipped model is trained on what the detector finds.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from newsline._model import AnnotatedDocument, EventTime, TimelineEntry
from newsline.evaluation._anchoring import (
    HELD_OUT,
    GoldEvent,
    _aligned,
    _event_spans,
    _find_timeml,
    compatible,
    label_kind,
    read_gold,
    strict_match,
)
from newsline.events._anchoring import TEMPLATES, AnchoringModel, Case, anchoring_cases, time_of
from newsline.events._dateline import story_timexes
from newsline.events._detect import extract_events
from newsline.events._link_rules import build_links
from newsline.events._nlp import load_nlp
from newsline.events._placement import rule_times
from newsline.timeml import read_timeml
from newsline.timex._tagger import tag

C = 0.15
TOL = 1e-8
PRUNE = 0.005
DIGITS = 3
FOLDS = 5


@dataclass
class Item:
    """A gold event with its system case (None: undetected) and the rules' time."""

    doc: str
    gold: str
    dct: date
    case: Case | None
    rule: EventTime | None


def read_items(gold_path: Path, data: Path, nlp: Any, given_events: bool = False) -> list[Item]:
    gold = read_gold(gold_path)
    assert not any(g.doc in HELD_OUT for g in gold), "a held-out document got through"
    by_doc: dict[str, list[GoldEvent]] = {}
    for g in gold:
        by_doc.setdefault(g.doc, []).append(g)
    out: list[Item] = []
    for doc_id in sorted(by_doc):
        assert doc_id not in HELD_OUT
        tml = read_timeml(_find_timeml(doc_id, data))
        assert tml.dct is not None
        tagged = tag(tml.text, tml.dct)
        sdoc = nlp(tml.text)
        spans = _event_spans(tml)
        events = extract_events(sdoc, given=sorted(set(spans.values())) if given_events else None)
        timexes = story_timexes(tagged.timexes, tml.text)  # as annotate() does
        links, anchors = build_links(sdoc, 0, events, timexes, tml.dct)
        placed = rule_times(events, timexes, links, anchors, sdoc, 0)
        cases = {c.event.id: c for c in anchoring_cases(sdoc, 0, events, timexes, links, tml.dct, placed)}
        shell = AnnotatedDocument(text=tml.text, dct=tml.dct, timexes=(), events=tuple(events), links=(),
                                  timeline=tuple(TimelineEntry(e, EventTime(None, None, None, None)) for e in events))
        for g in by_doc[doc_id]:
            hit = _aligned(spans[g.eid], shell)
            if hit is None:
                out.append(Item(doc_id, g.label, tml.dct, None, None))
            else:
                e = hit[0]
                out.append(Item(doc_id, g.label, tml.dct, cases[e.id], placed.get(e.id)))
    return out


def target(item: Item, templates: tuple[str, ...]) -> str | None:
    if item.case is None:
        return None
    labels = item.case.labels
    for t in templates:
        if t in labels and strict_match(item.gold, labels[t]):
            return t
    return None


def relaxed_target(item: Item, templates: tuple[str, ...]) -> str | None:
    if item.case is None:
        return None
    for t in templates:
        if t in item.case.labels and compatible(item.gold, item.case.labels[t]):
            return t
    return None


def train(items: list[Item], templates: tuple[str, ...], c: float, relaxed: bool = False) -> AnchoringModel:
    xs, ys = [], []
    for it in items:
        if it.case is None or label_kind(it.gold) == "n/a":
            continue
        y = target(it, templates) or (relaxed_target(it, templates) if relaxed else None)
        if y is None:
            continue
        xs.append({f: 1 for f in it.case.features})
        ys.append(templates.index(y))
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(xs)
    present = sorted(set(ys))
    clf = LogisticRegression(C=c, solver="lbfgs", max_iter=20000, tol=TOL)
    clf.fit(x, np.array(ys))
    names = vec.get_feature_names_out()
    coef = np.full((len(templates), x.shape[1]), 0.0)
    bias = np.full(len(templates), -30.0)
    for row, k in enumerate(clf.classes_):
        coef[k] = clf.coef_[row] if len(present) > 2 else (clf.coef_[0] if row == 1 else -clf.coef_[0])
        bias[k] = clf.intercept_[row] if len(present) > 2 else 0.0
    weights: dict[str, tuple[float, ...]] = {}
    for j, name in enumerate(names):
        col = [round(float(coef[k, j]), DIGITS) for k in range(len(templates))]
        if max(abs(w) for w in col) >= PRUNE:
            weights[str(name)] = tuple(0.0 if abs(w) < PRUNE else w for w in col)
    return AnchoringModel(templates, weights, tuple(round(float(b), DIGITS) for b in bias))


def to_dict(model: AnchoringModel) -> dict[str, Any]:
    return {"templates": list(model.templates), "bias": list(model.bias),
            "weights": {f: list(ws) for f, ws in sorted(model.weights.items())}}


def predict(item: Item, model: AnchoringModel) -> str | None:
    """The label annotate() gives the gold event (None: undetected or unknown)."""
    if item.case is None:
        return None
    template, p = model.decide(item.case)
    if item.rule is not None:  # the rules' time stands (see _placement.place_events)
        return item.rule.label
    return time_of(template, item.case.labels[template], item.dct, item.case.anchor, p).label


def score(items: list[Item], labels: list[str | None]) -> dict[str, Any]:
    tallies: dict[str, list[int]] = {k: [0, 0, 0] for k in ("all", "exact day", "bounded day", "multi-day")}
    covered = 0
    for it, lab in zip(items, labels, strict=True):
        kind = label_kind(it.gold)
        if kind == "n/a":
            continue
        s, r = strict_match(it.gold, lab), compatible(it.gold, lab)
        for k in ("all", kind):
            tallies[k][0] += 1
            tallies[k][1] += s
            tallies[k][2] += r
        covered += lab is not None
    n = tallies["all"][0]
    out = {k: f"n={v[0]} strict={100 * v[1] / max(1, v[0]):.1f}% relaxed={100 * v[2] / max(1, v[0]):.1f}%"
           for k, v in tallies.items()}
    out["coverage"] = f"{100 * covered / max(1, n):.1f}%"
    out["_strict"] = tallies["all"][1] / max(1, n)
    return out


def cross_validate(items: list[Item], templates: tuple[str, ...], c: float, relaxed: bool) -> list[str | None]:
    docs = sorted({it.doc for it in items})
    fold_of = {d: n % FOLDS for n, d in enumerate(docs)}
    labels: list[str | None] = [None] * len(items)
    for k in range(FOLDS):
        model = train([it for it in items if fold_of[it.doc] != k], templates, c, relaxed)
        for n, it in enumerate(items):
            if fold_of[it.doc] == k:
                labels[n] = predict(it, model)
    return labels


def _print(name: str, figures: dict[str, Any]) -> None:
    print(f"{name}: " + "; ".join(f"{k} {v}" for k, v in figures.items() if not k.startswith("_")))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path)
    ap.add_argument("--report", action="store_true", help="oracle, train CV by document, dev and AQUAINT figures")
    ap.add_argument("--aquaint", action="store_true", help="also report on aquaint-cheng.tab (slow)")
    ap.add_argument("--given-events", action="store_true",
                    help="report with the documents' own TimeML events placed (no detection misses)")
    ap.add_argument("--train-given", action="store_true", help="train on the documents' own TimeML events")
    ap.add_argument("--c", type=float, default=C)
    ap.add_argument("--relaxed", action="store_true", help="also train on cases only a compatible label fits")
    args = ap.parse_args(argv)
    folder = args.data / "eventtime"
    nlp = load_nlp()
    t0 = time.time()
    train_items = read_items(folder / "train.tab", args.data, nlp, args.train_given)
    templates = TEMPLATES
    model = train(train_items, templates, args.c, args.relaxed)
    if args.out:
        args.out.write_text(json.dumps(to_dict(model), indent=None, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {args.out}: {len(model.weights)} features, {len(templates)} templates", file=sys.stderr)
    if args.report:
        dev_items = read_items(folder / "dev.tab", args.data, nlp, args.given_events)
        for name, its in (("train", train_items), ("dev", dev_items)):
            scored = [it for it in its if label_kind(it.gold) != "n/a"]
            hit = sum(target(it, templates) is not None for it in scored)
            rel = sum(relaxed_target(it, templates) is not None for it in scored)
            print(f"oracle {name}: strict {100 * hit / len(scored):.1f}% relaxed {100 * rel / len(scored):.1f}% "
                  f"(undetected {sum(it.case is None for it in scored)})")
        used = Counter(target(it, templates) for it in train_items)
        print("train targets: " + ", ".join(f"{k}:{v}" for k, v in used.most_common()))
        cv = cross_validate(train_items, templates, args.c, args.relaxed)
        _print("train 5-fold CV by document", score(train_items, cv))
        _print("dev", score(dev_items, [predict(it, model) for it in dev_items]))
        if args.aquaint:
            aq = read_items(folder / "aquaint-cheng.tab", args.data, nlp)
            _print("aquaint-cheng", score(aq, [predict(it, model) for it in aq]))
    print(f"({time.time() - t0:.0f}s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
