"""Train newsline's temporal-link model and write events/models/en/links.json.

    python scripts/train_links.py --data ../shared/data --out src/newsline/events/models/en/links.json

    python scripts/train_links.py --report     # also: AQUAINT Task C, cross-validated

Training data: TimeBank 1.2 and AQUAINT as cleaned for TempEval-3
(TBAQ-cleaned/TimeBank and TBAQ-cleaned/AQUAINT, every file sorted by name but the 9
TimeBank-Dense documents held out for event time anchoring (``HELD_OUT``)), with
their gold events and time expressions.  AQUAINT's link annotation is much denser
than TimeBank's and closer to what TempEval-3 evaluates, so the shipped model
learns from both.  ``--report`` measures it honestly: Task C temporal awareness on
AQUAINT by two-fold cross-validation over documents (even and odd file index), each
fold scored by a model trained on TimeBank and the other fold.

The candidates and their features come from ``newsline.events._link_model.candidates``.
A candidate's label is the relation the gold TLINK graph implies between its two
ends after closure (BEFORE, AFTER, INCLUDES, IS_INCLUDED or SIMULTANEOUS), and
NONE when the graph implies none of those: a link that the gold graph does not
support costs precision, so the model learns where annotators put links as well
as which relation.  One L2-regularised multinomial logistic regression per
candidate kind (scikit-learn lbfgs, fixed settings, run to a tight tolerance so that
the result does not depend on the scikit-learn version); weights are rounded and small
ones pruned, and the run is deterministic, so it rebuilds the shipped file byte for
byte (scikit-learn 1.7.2 and 1.9.1 give the same file).  The test that checks the
shipped file starts the solver from it (``build(start=...)``): the same optimum in
seconds instead of minutes, equal to it within the solver's tolerance.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from newsline._model import Link, Timex
from newsline._temporal_graph import canonical
from newsline.evaluation._anchoring import HELD_OUT
from newsline.evaluation._event_scoring import events_from_timeml
from newsline.evaluation._tlink_reader import dct_tid, read_tlinks
from newsline.evaluation._tlink_scoring import TLinkDoc, _build, score_tlinks
from newsline.events._annotate import annotate_with
from newsline.events._link_model import (
    KINDS,
    NONE,
    Candidate,
    LinkModel,
    calendar_facts,
    candidates,
    consistent,
    model_from_dict,
    predict_links,
)
from newsline.events._link_rules import DCT_ID, build_links, main_event_pairs
from newsline.events._nlp import load_nlp, model_name
from newsline.events._placement import order_links, place_events
from newsline.timeml import TimeMLDocument, read_timeml
from newsline.timex._calendar import interval_of

CORPUS = Path("tempeval3") / "TBAQ-cleaned"
LABELS = ("BEFORE", "AFTER", "INCLUDES", "IS_INCLUDED", "SIMULTANEOUS")
C = {"event-dct": 0.3, "event-timex": 0.3, "event-event": 0.3, "main-main": 0.3, "timex-dct": 1.0}
# NONE is the first class; its bias is shifted by this much per kind after training
# (negative: more links).  Chosen by the cross-validated AQUAINT score of --report
# among a few settings: half of what a TimeBank-only model needed.
NONE_SHIFT = {"event-dct": -2.0, "event-timex": -1.5, "event-event": -3.0, "main-main": 0.0, "timex-dct": -1.5}
PRUNE = 0.01
DIGITS = 3


def _timexes(doc: TimeMLDocument) -> tuple[Timex, ...]:
    out = []
    for t in doc.timexes:
        interval, grain = interval_of(t.value, doc.dct) if t.type in ("DATE", "TIME") and doc.dct else (None, None)
        out.append(replace(t, interval=interval, grain=grain, confidence=1.0))
    return tuple(out)


def _gold_relations(gold_links: list[Link], dct_id: str | None) -> Any:
    def end(x: str) -> str:
        return DCT_ID if x == dct_id else x
    triples = [canonical(end(x.source), end(x.target), x.rel) for x in gold_links]
    return _build(t for t in triples if t is not None).graph


@dataclass
class _Doc:
    doc_id: str
    candidates: list[Candidate]
    labels: list[str]
    gold: TLinkDoc
    dct_id: str | None
    rule_links: list[Link]  # the rules' links and the timeline's order, as annotate() adds them
    facts: list[Link]  # how the gold time expressions relate, from their values
    text: str
    dct: date | None


def _read(path: Path, nlp: Callable[[str], Any]) -> _Doc:
    """One gold document: its candidates (from gold events and timexes), their labels and its gold graph."""
    doc = read_timeml(path)
    events = events_from_timeml(doc)
    timexes = tuple(t for t in _timexes(doc) if t.tid and t.start < t.end)
    sdoc = nlp(doc.text)
    rule_links, anchors = build_links(sdoc, 0, events, timexes, doc.dct)
    timeline = place_events(events, timexes, rule_links, anchors, doc.dct)
    rule_links += order_links(main_event_pairs(sdoc, 0, events), timeline)
    cands = candidates(sdoc, 0, events, timexes, doc.dct, rule_links)
    dct_id = dct_tid(doc)
    graph = _gold_relations(read_tlinks(doc), dct_id)
    labels = []
    for c in cands:
        rel = graph.relation(c.source, c.target) if c.source in graph and c.target in graph else None
        labels.append(rel if rel in LABELS else NONE)
    return _Doc(doc.doc_id, cands, labels, TLinkDoc.from_timeml(doc), dct_id, rule_links,
                calendar_facts(timexes, doc.dct), doc.text, doc.dct)


def _fit(cands: list[Candidate], labels: list[str], c: float, init: dict[str, Any] | None = None,
         none_shift: float = 0.0) -> tuple[tuple[str, ...], dict[str, list[float]], list[float]]:
    """One kind's regression.  ``init`` (a model of the same kind, as shipped) is where the solver starts:
    the problem is strictly convex, so the optimum is the same from anywhere, only reached sooner."""
    rels = (NONE,) + tuple(r for r in LABELS if r in set(labels))
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([dict.fromkeys(cand.features, 1) for cand in cands])
    y = np.array([rels.index(label) for label in labels])
    # converged to a tight tolerance: the same weights with any scikit-learn version and any start
    clf = LogisticRegression(C=c, max_iter=20000, tol=1e-6, solver="lbfgs", warm_start=init is not None)
    if init is not None and tuple(init["relations"]) == rels:
        names = vec.get_feature_names_out()
        rows = range(1, len(rels)) if len(rels) == 2 else range(len(rels))
        clf.coef_ = np.array([[init["weights"].get(str(n), [0.0] * len(rels))[k] for n in names] for k in rows])
        bias = [b - (none_shift if k == 0 else 0.0) for k, b in enumerate(init["bias"])]
        clf.intercept_ = np.array([bias[k] for k in rows])
    clf.fit(x, y)
    classes = [int(k) for k in clf.classes_]
    binary = len(classes) == 2
    weights: dict[str, list[float]] = {}
    for col, name in enumerate(vec.get_feature_names_out()):
        row = [0.0] * len(rels)
        if binary:
            row[classes[1]] = float(clf.coef_[0, col])
        else:
            for k, cls in enumerate(classes):
                row[cls] = float(clf.coef_[k, col])
        if max(abs(v) for v in row) >= PRUNE:
            weights[str(name)] = [round(v, DIGITS) for v in row]
    bias = [0.0] * len(rels)
    if binary:
        bias[classes[1]] = float(clf.intercept_[0])
    else:
        for k, cls in enumerate(classes):
            bias[cls] = float(clf.intercept_[k])
    return rels, weights, [round(b, DIGITS) for b in bias]


def _train(docs: list[_Doc], log: Any, init: dict[str, Any] | None = None) -> dict[str, Any]:
    by_kind: dict[str, tuple[list[Candidate], list[str]]] = defaultdict(lambda: ([], []))
    for d in docs:
        for cand, label in zip(d.candidates, d.labels, strict=True):
            by_kind[cand.kind][0].append(cand)
            by_kind[cand.kind][1].append(label)
    models: dict[str, Any] = {}
    for kind in KINDS:
        cands, labels = by_kind.get(kind, ([], []))
        if len(set(labels)) < 2:
            continue
        start = (init or {}).get(kind)
        rels, weights, bias = _fit(cands, labels, C[kind], start, NONE_SHIFT[kind])
        bias[0] = round(bias[0] + NONE_SHIFT[kind], DIGITS)
        models[kind] = {"relations": list(rels), "weights": weights, "bias": bias}
        print(f"  {kind}: {len(cands)} candidates {dict(sorted(Counter(labels).items()))}, "
              f"{len(weights)} features", file=log)
    return models


def _task_c(docs: list[_Doc], model: LinkModel) -> list[tuple[TLinkDoc, TLinkDoc]]:
    pairs = []
    for d in docs:
        links = consistent(predict_links(d.candidates, model) + d.rule_links, d.facts)
        links = [replace(x, target=d.dct_id) if x.target == DCT_ID and d.dct_id else x for x in links]
        links = [replace(x, id=f"l{i}") for i, x in enumerate(links, 1)]
        pairs.append((d.gold, TLinkDoc(tuple(links), d.gold.events, d.gold.timexes, d.gold.dct, d.doc_id)))
    return pairs


def _report(timebank: list[_Doc], aquaint: list[_Doc], log: Any, nlp: Callable[[str], Any] | None = None
            ) -> dict[str, dict[str, float]]:
    """Task C and ABC on AQUAINT, cross-validated by document: two folds (even and odd
    file index), each scored by a model trained on TimeBank and the other fold."""
    c_pairs, abc_pairs = [], []
    for fold in (0, 1):
        train = timebank + [d for i, d in enumerate(aquaint) if i % 2 != fold]
        print(f"fold {fold + 1}/2:", file=log)
        model = model_from_dict({"models": _train(train, log)})
        test = [d for i, d in enumerate(aquaint) if i % 2 == fold]
        c_pairs += _task_c(test, model)
        for d in test:  # Task ABC: everything from the raw text
            system = annotate_with(d.text, d.dct, doc_id=d.doc_id, link_model=model, nlp=nlp)
            abc_pairs.append((d.gold, TLinkDoc.from_annotated(system, d.gold.dct or DCT_ID)))
    out = {}
    for task, pairs, align in (("C", c_pairs, "id"), ("ABC", abc_pairs, "span")):
        s = score_tlinks(pairs, align="id" if align == "id" else "span").to_dict()
        out[task] = {k: round(float(s[k]), 4) for k in ("precision", "recall", "f1")}
    return out


def build(data: Path, log: Any, *, report: bool = False, nlp: Callable[[str], Any] | None = None,
          start: dict[str, Any] | None = None) -> tuple[dict[str, Any], dict[str, dict[str, float]] | None]:
    """The shipped model (trained on TimeBank and AQUAINT) and, with ``report``, the cross-validated scores.

    ``nlp`` parses a text (default: the shared spaCy model); the tests pass a cache of parses.  ``start``
    (a weights file's content) is where the solver starts, to check a shipped file in seconds: the
    optimum does not depend on it.
    """
    if nlp is None:
        nlp = load_nlp()
    t0 = time.perf_counter()
    timebank = [_read(p, nlp) for p in sorted((data / CORPUS / "TimeBank").glob("*.tml")) if p.stem not in HELD_OUT]
    aquaint = [_read(p, nlp) for p in sorted((data / CORPUS / "AQUAINT").glob("*.tml"))]
    print(f"parsed {len(timebank)} + {len(aquaint)} documents in {time.perf_counter() - t0:.0f} s", file=log)
    print("all documents:", file=log)
    result: dict[str, Any] = {
        "about": "newsline temporal-link model: one multinomial logistic regression per candidate kind",
        "training_data": "TempEval-3 TBAQ-cleaned/TimeBank (less the 9 TimeBank-Dense documents held out for "
                         "event time anchoring) and TBAQ-cleaned/AQUAINT (gold events and timexes, gold TLINK "
                         "closure as labels)",
        "spacy_model": model_name(),
        "settings": {"C": C, "none_shift": NONE_SHIFT, "prune": PRUNE, "digits": DIGITS, "labels": list(LABELS)},
        "models": _train(timebank + aquaint, log, (start or {}).get("models")),
    }
    scores = _report(timebank, aquaint, log, nlp) if report else None
    print(f"done in {time.perf_counter() - t0:.0f} s", file=log)
    return result, scores


def dumps(result: dict[str, Any]) -> str:
    """The weights file's text: sorted keys, compact, one line."""
    return json.dumps(result, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"), help="the shared corpora folder")
    ap.add_argument("--out", type=Path, default=Path("src/newsline/events/models/en/links.json"))
    ap.add_argument("--report", action="store_true",
                    help="also score Task C on AQUAINT, cross-validated by document (two more trainings)")
    args = ap.parse_args(argv)
    if not (args.data / CORPUS / "TimeBank").is_dir():
        print(f"train_links: no TimeBank under {args.data / CORPUS}", file=sys.stderr)
        return 2
    result, scores = build(args.data, sys.stderr, report=args.report)
    text = dumps(result)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    if scores is not None:
        print("AQUAINT temporal awareness, 2-fold cross-validation by document (trained on TimeBank + the other fold)")
        for task, s in scores.items():
            print(f"  Task {task:3}  P {100 * s['precision']:.1f}  R {100 * s['recall']:.1f}  F1 {100 * s['f1']:.1f}")
    print(f"wrote {args.out} ({len(text.encode()) / 1e6:.2f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
