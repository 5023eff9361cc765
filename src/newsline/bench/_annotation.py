"""Events (Task B) and temporal links on the gold corpora, and the speed of full annotation against spaCy's."""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from newsline.bench._shared import CORPORA, Texts
from newsline.errors import NewslineError
from newsline.timeml import read_timeml

__all__ = ["annotation_bench", "events_and_links", "events_and_links_bench"]

ROUNDS = 5  # rounds of the speed comparison with spaCy (the median is reported)


# --- full annotation ----------------------------------------------------------------


def _annotate_one(item: tuple[str, date | None]) -> int:
    from newsline.events._annotate import annotate

    return len(annotate(item[0], item[1]).events)


def annotation_bench(texts: Texts, out: TextIO, workers: int) -> dict[str, Any]:
    """Documents/s of newsline.annotate, and the share of it that spaCy's own pipeline takes."""
    print(f"\nFull annotation (events, links, timeline) on {len(texts)} silver docs", file=out)
    if not texts:
        print("  skipped: no silver news documents under the data folder", file=out)
        return {"skipped": "no silver news documents"}
    try:
        from newsline.events._nlp import load_nlp, model_name

        nlp = load_nlp()
    except NewslineError as exc:
        print(f"  skipped: {exc}", file=out)
        return {"skipped": str(exc)}
    from newsline.events._annotate import annotate

    for text, dct in texts:  # warm up, untimed: the model, the weights, spaCy's vocabulary of these texts
        annotate(text, dct)
    # Rounds over the documents, each document parsed by spaCy alone and then annotated, back to back, timed
    # in this process's CPU time (what other programs on a shared machine do counts less): a slow spell of
    # the machine slows both sides of the same document, not one side of the comparison.  The median round
    # is reported: a burst of load spoils one round, not the figure.
    rounds: list[tuple[float, float]] = []
    events = 0
    clock = time.process_time
    for _ in range(ROUNDS):
        spacy_round = annotate_round = 0.0
        events = 0
        for text, dct in texts:
            start = clock()
            nlp(text)
            middle = clock()
            events += len(annotate(text, dct).events)
            spacy_round += middle - start
            annotate_round += clock() - middle
        rounds.append((spacy_round, annotate_round))
    spacy_s, single_s = sorted(rounds, key=lambda r: r[1] / r[0])[len(rounds) // 2]
    overheads = " ".join(f"{a / s - 1:+.0%}" for s, a in rounds)
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pool_events = sum(pool.imap(_annotate_one, texts, chunksize=8))
    pool_s = time.perf_counter() - start
    n = len(texts)
    overhead = single_s / spacy_s - 1 if spacy_s else 0.0
    print(f"  spaCy {model_name()} alone          {n / spacy_s:8.1f} docs/CPU-s", file=out)
    print(f"  newsline.annotate, 1 process       {n / single_s:8.1f} docs/CPU-s  ({events} events)", file=out)
    print(f"  newsline.annotate, {workers} processes     {n / pool_s:8.1f} docs/s  ({pool_events} events)",
          file=out)
    verdict = "met" if overhead <= 0.30 else "NOT met"
    print(f"  time on top of spaCy's own: {overhead:+.0%}  (goal <= +30%: {verdict}; median of {ROUNDS} rounds "
          f"{overheads})", file=out)
    return {"docs": n, "spacy_docs_per_s": n / spacy_s, "annotate_docs_per_s": n / single_s,
            "annotate_workers": workers, "annotate_workers_docs_per_s": n / pool_s,
            "overhead_vs_spacy": overhead, "overhead_rounds": [a / s - 1 for s, a in rounds], "events": events}


def events_and_links_bench(data: Path, out: TextIO) -> dict[str, Any]:
    """Task B (events) and temporal awareness for Task C (gold events and timexes) and ABC (raw text)."""
    from newsline.events._nlp import load_nlp

    rows: dict[str, Any] = {}
    print("\nEvents (Task B) and temporal links (temporal awareness), %", file=out)
    print("  corpus    split  event F1  class acc  links C P/R/F1      links ABC P/R/F1", file=out)
    try:
        nlp = load_nlp()
    except NewslineError as exc:
        print(f"  skipped: {exc}", file=out)
        return {"skipped": str(exc)}
    for corpus in CORPORA[:2]:
        files = sorted((data / corpus.path).glob("*.tml"))
        if not files:
            continue
        scores = events_and_links(files, nlp)
        ev, c, abc = scores["events"], scores["tlinks_c"], scores["tlinks_abc"]
        rows[corpus.name] = {"split": corpus.split, **scores}
        print(f"  {corpus.name:9} {corpus.split:5}  {100 * ev['relaxed_f1']:8.1f}  {100 * ev['class_accuracy']:9.1f}"
              f"  {100 * c['precision']:5.1f} {100 * c['recall']:5.1f} {100 * c['f1']:5.1f}"
              f"   {100 * abc['precision']:5.1f} {100 * abc['recall']:5.1f} {100 * abc['f1']:5.1f}", file=out)
    if rows:
        print("  The link model is trained on both corpora, so these link figures are on training data; for\n"
              "  held-out ones run `python scripts/train_links.py --report` (AQUAINT, cross-validated by document).",
              file=out)
    return rows


def events_and_links(files: Sequence[Path], nlp: Callable[[str], Any]) -> dict[str, Any]:
    """Task B scores (``events``) and temporal awareness for Task C (``tlinks_c``: gold events and timexes,
    our links) and ABC (``tlinks_abc``: everything from the raw text) of the gold TimeML ``files``.

    ``nlp`` parses a text (spaCy's ``Language``, or anything that returns the same parse, such as a cache).
    """
    from newsline.evaluation._event_scoring import events_from_timeml, score_events
    from newsline.evaluation._tlink_scoring import TLinkDoc, score_tlinks
    from newsline.events._annotate import annotate_with
    from newsline.events._link_model import document_links
    from newsline.events._link_rules import build_links, main_event_pairs
    from newsline.events._placement import order_links, place_events
    from newsline.timex._calendar import interval_of

    event_pairs, c_pairs, abc_pairs = [], [], []
    for path in files:
        gold = read_timeml(path)
        gold_tl = TLinkDoc.from_timeml(gold)
        system = annotate_with(gold.text, gold.dct, doc_id=gold.doc_id, nlp=nlp)
        event_pairs.append((events_from_timeml(gold), system.events))
        abc_pairs.append((gold_tl, TLinkDoc.from_annotated(system, gold_tl.dct or "t0")))
        # Task C: the gold events and time expressions, our links
        gold_events = events_from_timeml(gold)
        timexes = tuple(_with_interval(t, gold.dct, interval_of) for t in gold.timexes)
        sdoc = nlp(gold.text)
        links, anchors = build_links(sdoc, 0, gold_events, timexes, gold.dct)
        timeline = place_events(gold_events, timexes, links, anchors, gold.dct)
        links = document_links(sdoc, 0, gold_events, timexes, gold.dct,
                               links + order_links(main_event_pairs(sdoc, 0, gold_events), timeline))
        if gold_tl.dct and gold_tl.dct != "t0":
            links = [_retarget(x, gold_tl.dct) for x in links]
        c_pairs.append((gold_tl, TLinkDoc(tuple(links), {e.id: (e.start, e.end) for e in gold_events},
                                          {t.tid: (t.start, t.end) for t in timexes}, gold_tl.dct,
                                          gold.doc_id)))
    return {"events": score_events(event_pairs).to_dict(), "tlinks_c": score_tlinks(c_pairs, align="id").to_dict(),
            "tlinks_abc": score_tlinks(abc_pairs).to_dict()}


def _with_interval(t: Any, dct: date | None, interval_of: Any) -> Any:
    from dataclasses import replace

    interval, grain = interval_of(t.value, dct) if t.type in ("DATE", "TIME") else (None, None)
    return replace(t, interval=interval, grain=grain, confidence=1.0)


def _retarget(link: Any, dct_tid: str) -> Any:
    from dataclasses import replace

    return replace(link, target=dct_tid) if link.target == "t0" else link
