"""Latency of entity timelines and summarize on a store, with the outputs dumped for diffing.

usage: python scripts/entity_latency.py DB OUTDIR [--top 30] [--reps 5] [--keywords FILE] [--no-summary]

The figure of issue 13 ("an entity timeline within 100 ms at p95" on the Timeline17 bpoil store that
``scripts/t17_protocol.py`` ingests): the p95 over the 30 most-mentioned entities, cold and warm.

Opens the store read-only once (as the CLI does), lists the `top` most-mentioned entities
(entity_counts), and for each calls entity_timeline `reps` times: the first call of each entity is
"cold" (first time this entity is asked in the process), the rest "warm". The JSON the CLI prints
for `--format json` (render(fmt="json")) is written to OUTDIR/entity/<n>.json. Then summarize for the
query words of keywords.json, `reps` times, its JSON to OUTDIR/summary.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

t_import = time.perf_counter()
from newsline.corpus._entity_aliases import entity_counts  # noqa: E402
from newsline.corpus._entity_formats import render, to_json  # noqa: E402
from newsline.corpus._entity_timeline import entity_timeline  # noqa: E402
from newsline.corpus._store import Store  # noqa: E402
from newsline.corpus._summary import summarize  # noqa: E402

t_import = time.perf_counter() - t_import


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def ms(x: float) -> str:
    return f"{x * 1000:8.1f}"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("out")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--keywords", default="/work/shared/data/t17/bpoil/keywords.json")
    ap.add_argument("--no-summary", action="store_true")
    ap.add_argument("--no-entities", action="store_true")
    a = ap.parse_args()
    out = Path(a.out)
    (out / "entity").mkdir(parents=True, exist_ok=True)
    print(f"import: {t_import * 1000:.0f} ms")
    t0 = time.perf_counter()
    store = Store.open(a.db, read_only=True)
    t_open = time.perf_counter() - t0
    t0 = time.perf_counter()
    total, top = entity_counts(store, a.top)
    t_counts = time.perf_counter() - t0
    print(f"open: {t_open * 1000:.1f} ms; entity_counts: {t_counts * 1000:.1f} ms; {total} clusters")
    cold: list[float] = []
    warm: list[float] = []
    first_call = None
    if not a.no_entities:
        print(f"{'#':>3} {'entity':<32} {'ments':>6} {'entries':>7} {'cold ms':>8} {'warm p50':>8} {'json ms':>8}")
        for n, ec in enumerate(top, 1):
            times = []
            tl = None
            for _ in range(a.reps):
                tl = None  # the previous result freed before the clock starts, not during the next call
                t0 = time.perf_counter()
                tl = entity_timeline(store, ec.name)
                times.append(time.perf_counter() - t0)
            if first_call is None:
                first_call = times[0]
            cold.append(times[0])
            warm.extend(times[1:])
            t0 = time.perf_counter()
            text = render(store, ec.name, fmt="json")
            t_json = time.perf_counter() - t0
            assert tl is not None and text == to_json(tl) + "\n"
            (out / "entity" / f"{n:02d}.json").write_text(text)
            print(f"{n:3d} {ec.name[:32]:<32} {ec.mentions:6d} {len(tl.entries):7d} {ms(times[0])} "
                  f"{ms(statistics.median(times[1:]) if times[1:] else times[0])} {ms(t_json)}")
        print(f"entity timelines over {len(cold)} entities: first call in process {ms(first_call or 0)} ms")
        print(f"  cold (first per entity): p50 {ms(pct(cold, .5))} ms  p95 {ms(pct(cold, .95))} ms  "
              f"max {ms(max(cold))} ms")
        print(f"  warm ({len(warm)} calls):         p50 {ms(pct(warm, .5))} ms  p95 {ms(pct(warm, .95))} ms  "
              f"max {ms(max(warm))} ms")
        alls = cold + warm
        print(f"  all  ({len(alls)} calls):        p50 {ms(pct(alls, .5))} ms  p95 {ms(pct(alls, .95))} ms")
    if not a.no_summary:
        words = json.loads(Path(a.keywords).read_text())
        query = " ".join(words)
        times = []
        s = None
        for _ in range(a.reps):
            t0 = time.perf_counter()
            s = summarize(store, query=query)
            times.append(time.perf_counter() - t0)
        assert s is not None
        (out / "summary.json").write_text(json.dumps(s.to_dict(), ensure_ascii=False, indent=2) + "\n")
        print(f"summarize --query {query!r}: {s.documents} articles, {len(s.dates)} dates; "
              f"cold {ms(times[0])} ms, warm p50 {ms(pct(times[1:], .5))} ms, p95 {ms(pct(times[1:], .95))} ms")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
