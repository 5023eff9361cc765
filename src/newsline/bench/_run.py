"""The benchmark behind ``newsline bench``: accuracy, throughput and memory.

* Accuracy: every gold corpus found under the data folder is tagged from its plain
  TEXT and DCT with :func:`newsline.tag` and scored with TempEval-3 Task A metrics.
* Throughput: the silver news texts are read first (not timed), then
  :func:`newsline.tag` and spaCy's blank English tokenizer (the baseline, optional
  extra ``newsline[bench]``) each run over all of them, interleaved, best of
  three runs.
* Memory: peak resident memory of tagging the same texts in a fresh interpreter,
  so that nothing the benchmark itself loaded (spaCy, the gold corpora) counts.
* HeidelTime side by side (optional): ``scripts/heideltime_side_by_side.py`` in a
  source checkout, run in a subprocess; never a dependency of the product.
* Ingest (optional): silver news documents ingested into a temporary DuckDB file
  with 1 worker and with several, each in a fresh process, against
  :func:`newsline.annotate` alone on the same documents in the same run; peak
  memory of the whole process tree, database size, and query latency on the result.

This is the one place in newsline that reads the clock, to time the runs.
"""

from __future__ import annotations

import json
import math
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from newsline.errors import NewslineError
from newsline.evaluation._timex_scoring import score_documents
from newsline.timeml import read_timeml
from newsline.timex._tagger import tag

__all__ = ["run_bench"]

RUNS = 3
MEMORY_GOAL_MB = 300.0
SILVER_GLOB = "tempeval3/silver/TE3-Silver-data-*/*.tml"
HEIDELTIME_SAMPLE = 20
QUERY_RUNS = 20
QUERY_BUDGET_S = 10.0  # a slower query gets fewer runs (at least 5)
QUERY_GOAL_MS = 100.0  # an entity timeline from the store
SEARCH_QUERY = "the company"
_SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "heideltime_side_by_side.py"


@dataclass(frozen=True, slots=True)
class _Corpus:
    name: str
    path: str
    split: str
    values_reliable: bool = True


CORPORA = (
    _Corpus("TimeBank", "tempeval3/TBAQ-cleaned/TimeBank", "train"),
    _Corpus("AQUAINT", "tempeval3/TBAQ-cleaned/AQUAINT", "dev"),
    _Corpus("tweets", "tweets/trainingset/tml", "train"),
    _Corpus("WikiWars", "wikiwars/trainingset/tml", "train", values_reliable=False),
)

Texts = Sequence[tuple[str, date | None]]


def run_bench(
    data_dir: Path | None = None,
    *,
    limit: int | None = None,
    out: TextIO = sys.stdout,
    heideltime: bool = False,
    annotation: int = 0,
    workers: int = 2,
    ingest: int | None = 0,
    serve: int = 0,
    spark: int = 0,
) -> dict[str, Any]:
    """Print the benchmark report to ``out`` and return its figures.

    ``data_dir`` is the corpus folder (default: ``../shared/data`` from the current
    directory, else next to the source checkout).  ``limit`` caps the number of silver
    news documents used for throughput, memory and HeidelTime; the gold corpora are
    always scored whole.  Returns ``{}`` (after saying why) when there is no data.

    The result has the keys ``data_dir``, ``accuracy`` (corpus name -> scores,
    ``split`` and ``values_reliable``), ``throughput``, ``memory`` and, when asked
    for, ``heideltime`` and ``annotation`` (full annotation of the first
    ``annotation`` silver documents against spaCy's pipeline alone, in one process
    and with ``workers`` processes) and ``ingest`` (the first ``ingest`` silver
    documents, None for all of them, 0 to skip: ingested with 1 worker and with
    ``workers`` (at least 2), see :func:`_ingest_bench`); a part that could not run
    holds ``{"skipped": reason}``.
    """
    data = _find_data_dir(data_dir)
    if data is None:
        where = data_dir if data_dir is not None else "../shared/data"
        print(
            f"newsline bench: no corpus folder at {where}; "
            "give one with --data DIR (see shared/data/README.md)",
            file=out,
        )
        return {"serve": _serve_bench(serve, out)} if serve else {}
    silver = sorted(data.glob(SILVER_GLOB))
    if limit is not None:
        silver = silver[:limit]
    if not silver and not any((data / c.path).is_dir() for c in CORPORA):
        print(f"newsline bench: {data} holds none of the expected corpora", file=out)
        return {"serve": _serve_bench(serve, out)} if serve else {}

    print(f"newsline bench on {data}", file=out)
    result: dict[str, Any] = {"data_dir": str(data)}
    result["accuracy"] = _accuracy(data, out)
    texts = _read_texts(silver)
    result["throughput"] = _throughput(texts, out)
    result["memory"] = _memory(texts, out)
    if heideltime:
        result["heideltime"] = _heideltime(data, limit, out)
    if annotation:
        result["events_and_links"] = _events_and_links(data, out)
        result["annotation"] = _annotation(texts[:annotation], out, workers)
    if ingest is None or ingest > 0:
        count = len(silver) if ingest is None else ingest
        result["ingest"] = _ingest_bench(silver[:count], _mb(texts[:count]), out, max(workers, 2))
    if serve:
        result["serve"] = _serve_bench(serve, out)
    if spark:
        result["spark"] = _spark_bench(texts[:spark], out)
    return result


# --- data ---------------------------------------------------------------------------


def _find_data_dir(data_dir: Path | None) -> Path | None:
    if data_dir is not None:
        return data_dir if data_dir.is_dir() else None
    for base in (Path.cwd(), Path(__file__).resolve().parents[3]):
        candidate = (base / ".." / "shared" / "data").resolve()
        if candidate.is_dir():
            return candidate
    return None


def _read_texts(paths: Sequence[Path]) -> list[tuple[str, date | None]]:
    out = []
    for p in paths:
        doc = read_timeml(p)
        out.append((doc.text, doc.dct))
    return out


def _mb(texts: Texts) -> float:
    return sum(len(t.encode("utf-8")) for t, _ in texts) / 1e6


# --- accuracy -----------------------------------------------------------------------


def _accuracy(data: Path, out: TextIO) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    for corpus in CORPORA:
        files = sorted((data / corpus.path).glob("*.tml"))
        if not files:
            continue
        pairs = []
        for f in files:
            doc = read_timeml(f)
            pairs.append((doc.timexes, tag(doc.text, dct=doc.dct).timexes))
        scores = score_documents(pairs)
        rows[corpus.name] = {
            **scores.to_dict(),
            "split": corpus.split,
            "values_reliable": corpus.values_reliable,
        }
    print(file=out)
    if not rows:
        print("Accuracy: skipped: no gold corpus found", file=out)
        return {"skipped": "no gold corpus found"}
    print("Accuracy (TempEval-3 Task A; %; relaxed = overlapping extents, one to one)", file=out)
    _print_accuracy(rows, out)
    return rows


def _print_accuracy(rows: dict[str, Any], out: TextIO) -> None:
    head = (
        f"  {'corpus':<9} {'split':<5} {'docs':>5} {'gold':>5} {'sys':>5}  "
        f"{'strict P':>8} {'R':>5} {'F1':>5}  {'relax P':>7} {'R':>5} {'F1':>5}  "
        f"{'type acc':>8} {'value F1':>8}"
    )
    print(head, file=out)
    marked = False
    for name, r in rows.items():
        value = f"{100 * r['value_f1']:7.1f}" + (" " if r["values_reliable"] else "*")
        marked = marked or not r["values_reliable"]
        print(
            f"  {name:<9} {r['split']:<5} {r['n_docs']:>5} {r['n_gold']:>5} {r['n_system']:>5}  "
            f"{_pct(r['strict_precision']):>8} {_pct(r['strict_recall']):>5} "
            f"{_pct(r['strict_f1']):>5}  {_pct(r['relaxed_precision']):>7} "
            f"{_pct(r['relaxed_recall']):>5} {_pct(r['relaxed_f1']):>5}  "
            f"{_pct(r['type_accuracy']):>8} {value:>8}".rstrip(),
            file=out,
        )
    if marked:
        print(
            "  * WikiWars values were converted mechanically from TIMEX2 and are not "
            "reliable: read its extents only",
            file=out,
        )


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


# --- throughput ---------------------------------------------------------------------


def _tag_all(texts: Texts) -> None:
    for text, dct in texts:
        tag(text, dct=dct)


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _spacy_tokenizer() -> tuple[Callable[[Texts], None] | None, str]:
    """spaCy's blank English tokenizer as a function over the texts, or why not."""
    try:
        import spacy
    except ImportError:
        return None, "spaCy is not installed (pip install 'newsline[bench]')"
    nlp = spacy.blank("en")

    def tokenize(texts: Texts) -> None:
        for text, _ in texts:
            nlp.make_doc(text)

    version = getattr(spacy, "__version__", "?")
    return tokenize, f"spaCy {version} blank('en') tokenizer"


def _throughput(texts: Texts, out: TextIO) -> dict[str, Any]:
    print(file=out)
    if not texts:
        print("Throughput: skipped: no silver news documents found", file=out)
        return {"skipped": "no silver news documents found"}
    mb = _mb(texts)
    tokenize, baseline = _spacy_tokenizer()
    _tag_all(texts[:1])  # warm-up, untimed: loading is measured in the memory child
    if tokenize is not None:
        tokenize(texts[:1])
    tag_times: list[float] = []
    tok_times: list[float] = []
    for _ in range(RUNS):  # interleaved, so that machine noise hits both alike
        tag_times.append(_timed(lambda: _tag_all(texts)))
        if tokenize is not None:
            tok_times.append(_timed(lambda: tokenize(texts)))
    res: dict[str, Any] = {
        "docs": len(texts),
        "mb": mb,
        "runs": RUNS,
        **_rates("tagger", len(texts), mb, min(tag_times)),
        "baseline": baseline,
    }
    if tok_times:
        res.update(_rates("tokenizer", len(texts), mb, min(tok_times)))
        res["ratio"] = res["tagger_mb_per_s"] / res["tokenizer_mb_per_s"]
    _print_throughput(res, out)
    return res


def _rates(name: str, docs: int, mb: float, seconds: float) -> dict[str, float]:
    seconds = max(seconds, 1e-9)
    return {
        f"{name}_seconds": seconds,
        f"{name}_docs_per_s": docs / seconds,
        f"{name}_mb_per_s": mb / seconds,
    }


def _print_throughput(res: dict[str, Any], out: TextIO) -> None:
    print(
        f"Throughput on silver news: {res['docs']} docs, {res['mb']:.2f} MB of UTF-8 text, "
        f"single process, best of {res['runs']} interleaved runs",
        file=out,
    )
    print(f"  {'':<34} {'seconds':>8} {'docs/s':>9} {'MB/s':>7}", file=out)
    rows = [("newsline.tag", "tagger")]
    if "ratio" in res:
        rows.append((res["baseline"], "tokenizer"))
    for label, key in rows:
        print(
            f"  {label:<34} {res[f'{key}_seconds']:>8.2f} {res[f'{key}_docs_per_s']:>9.1f} "
            f"{res[f'{key}_mb_per_s']:>7.3f}",
            file=out,
        )
    if "ratio" in res:
        verdict = "met" if res["ratio"] >= 1 else "NOT met"
        print(
            f"  ratio tagger MB/s / tokenizer MB/s: {res['ratio']:.2f}  (goal >= 1: {verdict})",
            file=out,
        )
    else:
        print(f"  baseline skipped: {res['baseline']}; no ratio", file=out)


# --- memory -------------------------------------------------------------------------

# The child reports peak RSS in MB.  On Linux it reads VmHWM from /proc/self/status:
# ru_maxrss is carried over from the parent through fork/vfork + exec (the kernel keeps
# the old address space's high-water mark), so a child of a bench process that holds
# spaCy and the corpora would report the parent's peak.  Elsewhere ru_maxrss it is.
_MEMORY_CHILD = """
import json, resource, sys, time
def rss():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024, "VmHWM"
    except OSError:
        pass
    raw = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return (raw / 2**20 if sys.platform == "darwin" else raw / 1024), "ru_maxrss"
t0 = time.perf_counter()
import newsline
import_s = time.perf_counter() - t0
after_import, _ = rss()
from datetime import date
with open(sys.argv[1], encoding="utf-8") as f:
    texts = [(t, date.fromisoformat(d) if d else None) for t, d in json.load(f)]
loaded, _ = rss()
found = 0
t0 = time.perf_counter()
for text, dct in texts[:1]:
    found += len(newsline.tag(text, dct=dct).timexes)
first_call_s = time.perf_counter() - t0
for text, dct in texts[1:]:
    found += len(newsline.tag(text, dct=dct).timexes)
peak, source = rss()
print(json.dumps({"after_import": after_import, "loaded": loaded, "peak": peak,
                  "source": source, "timexes": found, "import_s": import_s,
                  "first_call_s": first_call_s}))
"""


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    return env


def _memory(texts: Texts, out: TextIO) -> dict[str, Any]:
    print(file=out)
    if not texts:
        print("Memory: skipped: no silver news documents found", file=out)
        return {"skipped": "no silver news documents found"}
    with tempfile.TemporaryDirectory(prefix="newsline-bench-") as tmp:
        payload = Path(tmp) / "texts.json"
        rows = [[t, d.isoformat() if d else None] for t, d in texts]
        payload.write_text(json.dumps(rows), encoding="utf-8")
        proc = subprocess.run(
            [sys.executable, "-c", _MEMORY_CHILD, str(payload)],
            capture_output=True,
            text=True,
            env=_child_env(),
            timeout=1800,
            check=False,
        )
    if proc.returncode != 0:
        why = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"Memory: failed: {why}", file=out)
        return {"skipped": f"failed: {why}"}
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    res = {
        "docs": len(texts),
        "peak_rss_mb": figures["peak"],
        "after_import_rss_mb": figures["after_import"],
        "texts_loaded_rss_mb": figures["loaded"],
        "rss_source": figures["source"],
        "timexes": figures["timexes"],
        "import_s": figures["import_s"],
        "first_call_s": figures["first_call_s"],
        "goal_mb": MEMORY_GOAL_MB,
    }
    verdict = "met" if res["peak_rss_mb"] < MEMORY_GOAL_MB else "NOT met"
    print(
        f"Memory and start-up, tagging {res['docs']} docs in a fresh process "
        f"({res['rss_source']}):",
        file=out,
    )
    print(
        f"  peak RSS {res['peak_rss_mb']:.1f} MB (goal < {MEMORY_GOAL_MB:.0f} MB: {verdict}); "
        f"after import {res['after_import_rss_mb']:.1f} MB, "
        f"texts loaded {res['texts_loaded_rss_mb']:.1f} MB",
        file=out,
    )
    print(
        f"  import newsline {res['import_s']:.3f} s, first tag() call {res['first_call_s']:.3f} s",
        file=out,
    )
    return res


# --- HeidelTime ---------------------------------------------------------------------


def _heideltime(data: Path, limit: int | None, out: TextIO) -> dict[str, Any]:
    print(file=out)
    if not _SCRIPT.is_file():
        return _skip_heideltime(
            "its runner scripts/heideltime_side_by_side.py is only in a source checkout", out
        )
    sample = min(limit, HEIDELTIME_SAMPLE) if limit is not None else HEIDELTIME_SAMPLE
    cmd = [sys.executable, str(_SCRIPT), "--data", str(data), "--sample", str(sample), "--json"]
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, env=_child_env(), timeout=1800, check=False
        )
    except subprocess.TimeoutExpired:
        return _skip_heideltime("timed out after 30 minutes", out)
    lines = proc.stdout.strip().splitlines()
    try:
        res: dict[str, Any] = json.loads(lines[-1]) if lines else {}
    except json.JSONDecodeError:
        res = {}
    if proc.returncode != 0 or not res:
        why = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return _skip_heideltime(f"the runner failed: {why}", out)
    if "skipped" in res:
        return _skip_heideltime(str(res["skipped"]), out)
    for line in res.get("report", []):
        print(line, file=out)
    return res


def _skip_heideltime(why: str, out: TextIO) -> dict[str, Any]:
    print(f"HeidelTime side by side: skipped: {why}", file=out)
    return {"skipped": why}


# --- full annotation ----------------------------------------------------------------


def _annotate_one(item: tuple[str, date | None]) -> int:
    from newsline.events._annotate import annotate

    return len(annotate(item[0], item[1]).events)


def _annotation(texts: Texts, out: TextIO, workers: int) -> dict[str, Any]:
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

    annotate(texts[0][0], texts[0][1])  # warm up: loads the model and the weights
    start = time.perf_counter()
    for text, _dct in texts:
        nlp(text)
    spacy_s = time.perf_counter() - start
    start = time.perf_counter()
    events = sum(len(annotate(text, dct).events) for text, dct in texts)
    single_s = time.perf_counter() - start
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pool_events = sum(pool.imap(_annotate_one, texts, chunksize=8))
    pool_s = time.perf_counter() - start
    n = len(texts)
    overhead = single_s / spacy_s - 1 if spacy_s else 0.0
    print(f"  spaCy {model_name()} alone          {n / spacy_s:8.1f} docs/s", file=out)
    print(f"  newsline.annotate, 1 process       {n / single_s:8.1f} docs/s  ({events} events)", file=out)
    print(f"  newsline.annotate, {workers} processes     {n / pool_s:8.1f} docs/s  ({pool_events} events)",
          file=out)
    verdict = "met" if overhead <= 0.30 else "NOT met"
    print(f"  time on top of spaCy's own: {overhead:+.0%}  (goal <= +30%: {verdict})", file=out)
    return {"docs": n, "spacy_docs_per_s": n / spacy_s, "annotate_docs_per_s": n / single_s,
            "annotate_workers": workers, "annotate_workers_docs_per_s": n / pool_s,
            "overhead_vs_spacy": overhead, "events": events}


def _events_and_links(data: Path, out: TextIO) -> dict[str, Any]:
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


def _ingest_bench(paths: Sequence[Path], mb: float, out: TextIO, workers: int) -> dict[str, Any]:
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
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_child_env(),
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
        first = _timed(fn)
        runs = QUERY_RUNS if first * QUERY_RUNS <= QUERY_BUDGET_S else max(5, int(QUERY_BUDGET_S / first))
        times = sorted(_timed(fn) * 1000 for _ in range(runs))
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


# --- the HTTP service under load (bench --serve N) ---------------------------------------------


def _serve_bench(requests: int, out: TextIO, workers: int = 2, clients: int = 4) -> dict[str, Any]:
    """A bounded load test of ``newsline serve --workers 2`` on loopback (:func:`newsline.service._app.load_test`).

    examples/corpus is ingested into a temporary database; then ``requests``
    POST /v1/annotate (the examples/*.txt articles in turn) and ``requests``
    GET /v1/timeline (the ten most mentioned entities in turn), ``clients`` at
    a time: requests/s, p50 and p99 latency, errors (any answer but 200).
    """
    import io

    try:
        from newsline.service import _app as service
    except ImportError as exc:
        why = f"needs newsline[serve] ({exc.name} is missing)"
        print(f"  HTTP service: skipped, {why}", file=out)
        return {"skipped": why}
    examples = Path(__file__).resolve().parents[3] / "examples"
    if not (examples / "corpus").is_dir():
        why = f"no examples/corpus at {examples} (a source checkout has it)"
        print(f"  HTTP service: skipped, {why}", file=out)
        return {"skipped": why}
    from newsline.corpus._ingest import ingest
    from newsline.corpus._store import Store

    with tempfile.TemporaryDirectory(prefix="newsline-bench-serve-") as tmp:
        db = Path(tmp) / "serve.duckdb"
        ingest([examples / "corpus"], db, workers=2, out=io.StringIO(), progress=False)
        with Store.open(db, read_only=True) as store:
            docs = store.stats()["documents"]
            entities = [e.name for e in store.entities(10)]
        texts = service.bench_texts(examples)
        figures = service.load_test(db, requests, workers=workers, concurrency=clients, texts=texts,
                                    entities=entities)
    print(f"HTTP service: newsline serve --workers {workers} on loopback, {docs} documents, {clients} clients, "
          f"{requests} requests per endpoint", file=out)
    print(f"  {'endpoint':<14}{'requests':>9}{'errors':>8}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}", file=out)
    for f in figures:
        print(f"  {f.endpoint:<14}{f.requests:>9}{f.errors:>8}{f.rps:>8.1f}{f.p50_ms:>9.1f}{f.p99_ms:>9.1f}", file=out)
    print(f"  annotate: the {len(texts)} examples/*.txt articles in turn; timeline: the {len(entities)} most mentioned "
          "entities in turn (each server process computes one once, then answers from its cache)", file=out)
    errors = sum(f.errors for f in figures)
    print(f"  errors: {errors}" + ("" if errors == 0 else "  <- every request should succeed"), file=out)
    return {"workers": workers, "clients": clients, "documents": docs,
            "endpoints": {f.endpoint: f.to_dict() for f in figures}, "errors": errors}


# --- Spark ---------------------------------------------------------------------------------


def _spark_bench(texts: Texts, out: TextIO) -> dict[str, Any]:
    """Documents/s of :mod:`newsline.spark` with local[1] and local[2] against annotate() in this process.

    The same documents each time; a Spark run is timed twice on one session: ``cold``
    starts its Python workers and loads the models in each, the figure is the warm run.
    ``ratio_to_annotate`` is the warm docs/s over annotate()'s docs/s in this process.
    """
    n = len(texts)
    print(f"\nSpark (newsline.spark, local mode, mapInArrow) on {n} silver docs", file=out)
    try:
        if not texts:
            raise NewslineError("no silver news documents under the data folder")
        from newsline import spark as ns
        from newsline.events._annotate import annotate

        ns.check_run(".", "-", fmt="jsonl", events=True)  # PySpark, Java, spaCy and its model
        annotate(*texts[0])  # warm-up: loads the model and the weights
    except NewslineError as exc:
        print(f"  skipped: {exc}", file=out)
        return {"skipped": str(exc)}
    single = _timed(lambda: [annotate(text, dct) for text, dct in texts])
    res: dict[str, Any] = {"docs": n, "annotate_seconds": single, "annotate_docs_per_s": n / single}
    rows = [(str(i), text, dct.isoformat() if dct else None) for i, (text, dct) in enumerate(texts)]
    for cores in (1, 2):
        try:
            session = ns.spark_session(f"local[{cores}]", "newsline bench", quiet=True)
        except NewslineError as exc:
            print(f"  skipped: {exc}", file=out)
            return {**res, "skipped": str(exc)}
        try:
            docs = session.createDataFrame(rows, "id string, text string, dct string").cache()
            docs.count()

            def job(docs: Any = docs, partitions: int = 4 * cores) -> None:
                ns.annotate_dataframe(docs, partitions=partitions).write.format("noop").mode("overwrite").save()

            cold, warm = _timed(job), _timed(job)
        except Exception as exc:  # a failed Spark job: its gist, and the figures so far
            why = f"local[{cores}] failed: {ns._one_line(exc)}"
            print(f"  skipped: {why}", file=out)
            return {**res, "skipped": why}
        finally:
            session.stop()
        res[f"local[{cores}]"] = {"cold_seconds": cold, "seconds": warm, "docs_per_s": n / warm,
                                  "ratio_to_annotate": single / warm}
    print(f"  {'':<34} {'seconds':>8} {'docs/s':>8} {'/annotate':>9}   first run (workers start, models load)",
          file=out)
    print(f"  {'newsline.annotate(), 1 process':<34} {single:>8.1f} {n / single:>8.1f} {1.0:>9.2f}", file=out)
    for cores in (1, 2):
        r = res[f"local[{cores}]"]
        print(f"  {f'Spark local[{cores}]':<34} {r['seconds']:>8.1f} {r['docs_per_s']:>8.1f} "
              f"{r['ratio_to_annotate']:>9.2f}   {r['cold_seconds']:.1f} s", file=out)
    return res
