"""Timeline17 protocol (news-tls): ingest a topic, summarise it for each reference timeline, score.

    python scripts/t17_protocol.py ../shared/data/t17/H1N1 ../shared/data/t17/MJ --stores /tmp/t17 [--workers 2]

For each topic folder (``articles.jsonl.gz``, ``keywords.json``, ``timelines/*.txt``): the articles are
ingested into ``STORES/<topic>.duckdb`` (once; an existing store is reused as it is), and for each reference
timeline ``newsline summarize`` runs on the articles within the timeline's span with L = its number of dates,
K = round(mean sentences per date) and the topic's query words. Beside it, the baseline: the L busiest
publication days with the first K query-matching sentences of each. Both are scored with ``newsline eval
--tls`` (alignment-based ROUGE-1/2 F1, date F1) per timeline and averaged as news-tls does (precision and
recall averaged, F1 of the averages). ``--out DIR`` keeps the system timelines (``DIR/system/<topic>/...``,
``DIR/baseline/<topic>/...``). Each topic's average (over its timelines, the same way) is printed after it.
``--given-dates`` is a diagnostic: the reference timeline's own dates rank first, so that the figures
measure sentence selection alone (see docs/summaries.md).
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from newsline.corpus import _summary
from newsline.corpus._store import Store
from newsline.corpus._summary import Summary, busiest_days, summarize
from newsline.evaluation._tls_scoring import (
    TimelineScores,
    average_scores,
    format_timeline,
    read_timeline,
    score_timeline,
)


def ingest(topic: Path, db: Path, workers: int) -> None:
    if db.exists():
        return
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / f"{topic.name}.jsonl"
        with gzip.open(topic / "articles.jsonl.gz", "rb") as src, plain.open("wb") as dst:
            shutil.copyfileobj(src, dst)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "newsline", "ingest", "--db", str(db), "--workers", str(workers),
                        str(plain)], check=True)
        print(f"# ingested {topic.name} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)


_DATE_SCORES = _summary._date_scores


def _rank_first(days: set) -> None:  # type: ignore[type-arg]
    """Make summarize rank these days above every other (the --given-dates diagnostic)."""
    def scores(*args: Any) -> dict:  # type: ignore[type-arg]
        return {d: (v[0] + (1e9 if d in days else 0.0), v[1], v[2]) for d, v in _DATE_SCORES(*args).items()}
    _summary._date_scores = scores  # type: ignore[assignment]


def as_timeline(summary: Summary) -> dict:  # type: ignore[type-arg]
    return {d.date: [s.text for s in d.sentences] for d in summary.dates}


def entity_latency(store: Store, people: int = 2, others: int = 2, runs: int = 21) -> list[str]:
    """Median and p95 wall-clock ms of an entity timeline (after one untimed call) for the store's most
    mentioned people and other entities: the scale goal of issue 13 (100 ms at p95)."""
    from newsline.corpus._entity_timeline import entity_timeline

    names = [e.name for e in store.entities(people, label="PERSON")]
    names += [e.name for e in store.entities(others + people) if e.label != "PERSON"][:others]
    lines = []
    for name in names:
        entity_timeline(store, name)
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            entries = len(entity_timeline(store, name).entries)
            times.append(1000 * (time.perf_counter() - t0))
        times.sort()
        lines.append(f"# entity timeline {name!r}: {entries:,} entries, median {times[len(times) // 2]:.0f} ms, "
                     f"p95 {times[int(0.95 * (len(times) - 1))]:.0f} ms")
    return lines


def fmt(s: TimelineScores) -> str:
    return f"{s.rouge1.f1:.3f}  {s.rouge2.f1:.3f}  {s.dates.f1:.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("topics", nargs="+", type=Path)
    ap.add_argument("--stores", type=Path, required=True, help="folder of the topics' DuckDB stores")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path, help="write the system and baseline timelines here")
    ap.add_argument("--json", action="store_true", help="the figures as JSON on stdout instead of a table")
    ap.add_argument("--latency", action="store_true",
                    help="also time entity timelines of each topic's most mentioned names (median, p95)")
    ap.add_argument("--given-dates", action="store_true",
                    help="diagnostic: rank the reference dates first (measures sentence selection alone)")
    args = ap.parse_args(argv)
    args.stores.mkdir(parents=True, exist_ok=True)
    ours: list[TimelineScores] = []
    base: list[TimelineScores] = []
    rows = []
    topics: dict[str, dict] = {}  # type: ignore[type-arg]
    print(f"{'timeline':<48} {'L':>3} {'K':>2}  system AR1/AR2/date-F1   baseline AR1/AR2/date-F1   s")
    for topic in args.topics:
        db = args.stores / f"{topic.name}.duckdb"
        ingest(topic, db, args.workers)
        query = " ".join(json.loads((topic / "keywords.json").read_text()))
        first = len(ours)
        for ref_path in sorted((topic / "timelines").glob("*.txt")):
            ref = read_timeline(ref_path)
            n_dates = len(ref)
            n_sents = round(sum(len(v) for v in ref.values()) / n_dates)
            lo, hi = min(ref), max(ref)
            if args.given_dates:
                _rank_first(set(ref))
            with Store.open(db, read_only=True, wait=60) as store:
                t0 = time.perf_counter()
                summary = summarize(store, query=query, date_from=lo, date_to=hi, n_dates=n_dates,
                                    n_sentences=n_sents)
                took = time.perf_counter() - t0
                baseline = busiest_days(store, query=query, date_from=lo, date_to=hi, n_dates=n_dates,
                                        n_sentences=n_sents)
            sys_tl, base_tl = as_timeline(summary), as_timeline(baseline)
            s, b = score_timeline(sys_tl, ref), score_timeline(base_tl, ref)
            ours.append(s)
            base.append(b)
            name = f"{topic.name}/{ref_path.name}"
            rows.append({"timeline": name, "L": n_dates, "K": n_sents, "system": s.to_dict(),
                         "baseline": b.to_dict(), "seconds": took})
            print(f"{name:<48} {n_dates:>3} {n_sents:>2}  {fmt(s)}      {fmt(b)}      {took:.2f}")
            if args.out:
                for kind, tl in (("system", sys_tl), ("baseline", base_tl)):
                    path = args.out / kind / topic.name / ref_path.name
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(format_timeline(tl), encoding="utf-8")
        if args.latency:
            with Store.open(db, read_only=True, wait=60) as store:
                for line in entity_latency(store):
                    print(line)
        ta, tb = average_scores(ours[first:]), average_scores(base[first:])
        print(f"{'average ' + topic.name:<55}  {fmt(ta)}      {fmt(tb)}")
        topics[topic.name] = {"system": ta.to_dict(), "baseline": tb.to_dict()}
    a, b = average_scores(ours), average_scores(base)
    print(f"{'average (news-tls: mean P and R, F1 of the means)':<55}  {fmt(a)}      {fmt(b)}")
    if args.json:
        print(json.dumps({"timelines": rows, "topics": topics, "system": a.to_dict(), "baseline": b.to_dict()},
                         indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
