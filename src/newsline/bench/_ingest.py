"""Ingest into DuckDB with 1 worker and several, each in a fresh process, against annotate() alone;
then the latency of the store's queries on the result."""

from __future__ import annotations

import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from newsline.bench._shared import child_env, timed_call

__all__ = ["QUERY_GOAL_MS", "QUERY_RUNS", "ingest_bench"]

QUERY_RUNS = 20
QUERY_BUDGET_S = 10.0  # a slower query gets fewer runs (at least 5)
QUERY_GOAL_MS = 100.0  # an entity timeline from the store
SEARCH_QUERY = "the company"


# --- ingest and queries -------------------------------------------------------------

# Run in a fresh interpreter (argv: mode, JSON file of paths, database, workers); prints one JSON line.
# "annotate" times newsline.annotate() over the documents (read first, untimed), "ingest" times
# newsline.corpus._ingest.ingest() into the database.  Loading spaCy and one warm-up call are not timed.
_INGEST_CHILD = """
import io, json, resource, sys, time
mode, listing, db, workers = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def hwm():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    raw = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return raw / 2**20 if sys.platform == "darwin" else raw / 1024
with open(listing, encoding="utf-8") as f:
    paths = json.load(f)
from newsline.errors import NewslineError
try:
    from newsline.events._annotate import annotate
    from newsline.events._detect import load_model
    from newsline.events._nlp import load_nlp
    load_nlp(); load_model()
    annotate("date 2020-10-16 Acme Corp. said on Monday it would open a plant in Ohio next year.")
except NewslineError as exc:
    print(json.dumps({"skipped": str(exc)})); sys.exit(0)
res = {}
if mode == "annotate":
    from newsline.timeml import read_timeml
    docs = [read_timeml(p) for p in paths]
    t0 = time.perf_counter()
    res["events"] = sum(len(annotate(d.text, d.dct, doc_id=d.doc_id).events) for d in docs)
    res["seconds"] = time.perf_counter() - t0
    res["stored"] = len(docs)
else:
    from newsline.corpus._ingest import ingest
    t0 = time.perf_counter()
    report = ingest(paths, db, workers=workers, out=io.StringIO(), progress=False)
    res["seconds"] = time.perf_counter() - t0
    res["stored"] = report.stored
    res["skipped_by_reason"] = dict(report.skipped)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    res["largest_worker_rss_mb"] = kids / 2**20 if sys.platform == "darwin" else kids / 1024
res["own_peak_rss_mb"] = hwm()
print(json.dumps(res))
"""


def ingest_bench(paths: Sequence[Path], mb: float, out: TextIO, workers: int) -> dict[str, Any]:
    """Ingest ``paths`` with 1 and ``workers`` processes, against annotate() alone; then time queries.

    Each run is a fresh interpreter whose process tree (the ingest and its workers)
    is sampled for memory every 0.2 s: ``peak_rss_mb`` sums the resident memory of
    the processes (pages the forked workers share with the parent count once per
    process; never below the ingest process's own high-water mark), ``peak_pss_mb``
    shares them out (Linux only).  ``ratio_to_annotate`` is the ingest's
    documents/s over annotate()'s in the same bench run.  ``db_mb_per_1000_docs``
    leaves out the size of an empty database (``empty_db_bytes``, DuckDB's fixed blocks).
    """
    n = len(paths)
    print(f"\nIngest into DuckDB: {n} silver docs ({mb:.2f} MB), each run in a fresh process", file=out)
    if not paths:
        print("  skipped: no silver news documents under the data folder", file=out)
        return {"skipped": "no silver news documents"}
    res: dict[str, Any] = {"docs": n, "mb": mb}
    with tempfile.TemporaryDirectory(prefix="newsline-bench-ingest-") as tmp:
        empty = _empty_db_bytes(Path(tmp) / "empty.duckdb")
        res["empty_db_bytes"] = empty
        listing = Path(tmp) / "paths.json"
        listing.write_text(json.dumps([str(p) for p in paths]), encoding="utf-8")
        base = _ingest_child("annotate", listing, Path(tmp) / "unused.duckdb", 1, n)
        if "skipped" in base:
            print(f"  skipped: {base['skipped']}", file=out)
            return {"skipped": base["skipped"]}
        annotate_rate = base["stored"] / max(base["seconds"], 1e-9)
        res.update(annotate_docs_per_s=annotate_rate, annotate_seconds=base["seconds"],
                   annotate_peak_rss_mb=base["own_peak_rss_mb"], annotate_events=base["events"])
        runs: dict[str, Any] = {}
        for w in (1, workers):
            db = Path(tmp) / f"ingest-{w}.duckdb"
            run = _ingest_child("ingest", listing, db, w, n)
            if "skipped" in run:
                print(f"  skipped: {run['skipped']}", file=out)
                return {"skipped": run["skipped"]}
            run["docs_per_s"] = run["stored"] / max(run["seconds"], 1e-9)
            run["ratio_to_annotate"] = run["docs_per_s"] / annotate_rate
            run["db_bytes"] = _db_bytes(db)
            grown = max(run["db_bytes"] - empty, 0)
            run["db_mb_per_1000_docs"] = grown / 1e6 / run["stored"] * 1000 if run["stored"] else None
            run["rows"] = _row_counts(db)
            runs[str(w)] = run
        res["by_workers"] = runs
        _print_ingest(res, out)
        res["queries"] = _query_latency(db, out)
    return res


def _ingest_child(mode: str, listing: Path, db: Path, workers: int, n: int) -> dict[str, Any]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _INGEST_CHILD, mode, str(listing), str(db), str(workers)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_env(),
    )
    peak_rss = peak_pss = 0.0
    sampled = False
    deadline = time.monotonic() + max(1800.0, 5.0 * n)
    while proc.poll() is None:
        tree = _tree_memory(proc.pid)
        if tree is not None:
            sampled = True
            peak_rss, peak_pss = max(peak_rss, tree[0]), max(peak_pss, tree[1])
        if time.monotonic() > deadline:
            proc.kill()
            break
        time.sleep(0.2)
    stdout, stderr = proc.communicate()
    lines = stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        why = (stderr.strip().splitlines() or [f"exit status {proc.returncode}"])[-1]
        return {"skipped": f"the {mode} run failed: {why}"}
    res: dict[str, Any] = json.loads(lines[-1])
    if "skipped" in res:
        return res
    if sampled:  # a sample can miss the very peak: not below the process's own high-water mark
        res["peak_rss_mb"], res["peak_pss_mb"] = max(peak_rss, res["own_peak_rss_mb"]), peak_pss or None
    else:  # no /proc: the ingest's own peak plus its largest worker's, for each worker
        extra = res.get("largest_worker_rss_mb", 0.0) * workers if workers > 1 else 0.0
        res["peak_rss_mb"], res["peak_pss_mb"] = res["own_peak_rss_mb"] + extra, None
    return res


def _tree_memory(root: int) -> tuple[float, float] | None:
    """Summed RSS and PSS in MB of ``root`` and its descendants, from /proc; None where there is none."""
    proc = Path("/proc")
    if not (proc / str(root)).is_dir():
        return None
    children: dict[int, list[int]] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    rss = pss = 0.0
    todo = [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        rss += _proc_kb(proc / str(pid) / "status", "VmRSS:")
        pss += _proc_kb(proc / str(pid) / "smaps_rollup", "Pss:")
    return rss / 1024, pss / 1024


def _proc_kb(path: Path, key: str) -> float:
    try:
        with open(path, encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith(key):
                    return float(line.split()[1])
    except OSError:
        pass
    return 0.0


def _row_counts(db: Path) -> dict[str, int]:
    from newsline.corpus._store import Store

    with Store.open(db, read_only=True) as store:
        stats = store.stats()
    return {k: v for k, v in stats.items() if k in ("documents", "timexes", "events", "links", "entities", "mentions")}


def _empty_db_bytes(db: Path) -> int:
    from newsline.corpus._store import Store

    Store.open(db).close()
    return _db_bytes(db)


def _db_bytes(db: Path) -> int:
    return sum(f.stat().st_size for f in (db, db.with_name(db.name + ".wal")) if f.exists())


def _print_ingest(res: dict[str, Any], out: TextIO) -> None:
    print(f"  newsline.annotate() alone, 1 process: {res['annotate_docs_per_s']:.1f} docs/s "
          f"(peak RSS {res['annotate_peak_rss_mb']:.0f} MB)", file=out)
    print(f"  {'workers':>7} {'stored':>6} {'seconds':>8} {'docs/s':>7} {'/annotate':>9} "
          f"{'peak RSS MB':>11} {'PSS MB':>7} {'DB MB/1,000 docs':>16}", file=out)
    for w, r in res["by_workers"].items():
        pss = f"{r['peak_pss_mb']:.0f}" if r["peak_pss_mb"] else "-"
        size = f"{r['db_mb_per_1000_docs']:.1f}" if r["db_mb_per_1000_docs"] is not None else "-"
        print(f"  {w:>7} {r['stored']:>6} {r['seconds']:>8.1f} {r['docs_per_s']:>7.1f} "
              f"{r['ratio_to_annotate']:>9.2f} {r['peak_rss_mb']:>11.0f} {pss:>7} {size:>16}", file=out)
    print(f"  peak RSS sums the ingest process and its workers (forked workers share the model: PSS counts "
          f"shared pages once);\n  DB size over an empty file of {res['empty_db_bytes'] / 1e6:.1f} MB (DuckDB "
          "allocates 256 KB blocks per table: a few hundred documents overstate the size per document)", file=out)


def _query_latency(db: Path, out: TextIO) -> dict[str, Any]:
    """Median and 95th percentile of the store queries on ``db``, after one warm-up run.

    QUERY_RUNS runs each, fewer (at least 5) for a query whose runs would take
    more than QUERY_BUDGET_S.  The entities are the corpus's most mentioned one
    and its most mentioned person: their cross-document timelines
    (``newsline.corpus._entity_timeline.entity_timeline``, where that module exists) and
    mentions (:meth:`Store.entity_mentions`).  The goal applies to the timeline
    of the most mentioned entity, to its mentions when there is no timeline query.
    """
    from newsline.corpus._store import Store

    def timed(fn: Callable[[], object]) -> dict[str, float]:
        first = timed_call(fn)
        runs = QUERY_RUNS if first * QUERY_RUNS <= QUERY_BUDGET_S else max(5, int(QUERY_BUDGET_S / first))
        times = sorted(timed_call(fn) * 1000 for _ in range(runs))
        return {"median_ms": statistics.median(times), "p95_ms": times[math.ceil(0.95 * len(times)) - 1],
                "runs": runs}

    timeline = _entity_timeline_query()
    res: dict[str, Any] = {"max_runs": QUERY_RUNS}
    res["open"] = timed(lambda: Store.open(db, read_only=True).close())
    rows_out: list[tuple[str, dict[str, Any]]] = [("open read-only", res["open"])]
    with Store.open(db, read_only=True) as store:
        res["docs"] = store.stats()["documents"]
        top = store.entities(1)
        person = store.entities(1, label="PERSON")
        res["entities_top50"] = timed(lambda: store.entities(50))
        res["search"] = {"query": SEARCH_QUERY, **timed(lambda: store.search(SEARCH_QUERY))}
        rows_out += [("entities --top 50", res["entities_top50"]), (f"search {SEARCH_QUERY!r}", res["search"])]

        def entity(key: str, name: str) -> None:
            if timeline is not None:
                try:
                    entries = len(timeline(store, name).entries)
                    res[f"{key}entity_timeline"] = {"name": name, "entries": entries,
                                                    **timed(lambda: timeline(store, name))}
                    rows_out.append((f"timeline of {name!r} ({entries} entries)", res[f"{key}entity_timeline"]))
                except Exception as exc:  # a newer module than the bench: report, do not stop
                    why = f"{type(exc).__name__}: {exc}"
                    res[f"{key}entity_timeline"] = {"name": name, "skipped": why}
                    rows_out.append((f"timeline of {name!r}: failed: {why}", {}))
            rows = len(store.entity_mentions(name))
            res[f"{key}entity_mentions"] = {"name": name, "rows": rows, **timed(lambda: store.entity_mentions(name))}
            rows_out.append((f"mentions of {name!r} ({rows} rows)", res[f"{key}entity_mentions"]))

        if top:
            entity("", top[0].name)
        if person and person[0].name != (top[0].name if top else None):
            entity("person_", person[0].name)
    print(f"  queries on the {res['docs']}-document database, ms{'':<22}median     p95  runs", file=out)
    for label, r in rows_out:
        figures = f" {r['median_ms']:>7.1f} {r['p95_ms']:>7.1f} {r['runs']:>5}" if r else ""
        print(f"    {label:<50}{figures}", file=out)
    goal = res.get("entity_timeline", res.get("entity_mentions"))
    if goal is not None:
        res["goal_query"] = "entity_timeline" if "entity_timeline" in res else "entity_mentions"
    if goal is not None and "skipped" in goal:
        print(f"  the timeline of {goal['name']!r} could not be timed: no verdict on the {QUERY_GOAL_MS:.0f} ms goal",
              file=out)
    elif goal is not None:
        what = (f"the timeline of {goal['name']!r}" if "entity_timeline" in res else
                f"the mentions of {goal['name']!r} (Store.entity_mentions: there is no entity-timeline query yet)")
        verdict = "met" if goal["p95_ms"] < QUERY_GOAL_MS else "NOT met"
        print(f"  p95 of {what} < {QUERY_GOAL_MS:.0f} ms: {verdict}", file=out)
    return res


def _entity_timeline_query() -> Callable[[Any, str], Any] | None:
    """``newsline.corpus._entity_timeline.entity_timeline`` when that module exists (it is newer than the bench)."""
    import importlib

    try:
        module = importlib.import_module("newsline.corpus._entity_timeline")
    except ImportError:
        return None
    query: Callable[[Any, str], Any] | None = getattr(module, "entity_timeline", None)
    return query
