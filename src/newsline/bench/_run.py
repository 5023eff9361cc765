"""The benchmark behind ``newsline bench``: accuracy, throughput and memory.

* Accuracy: every gold corpus found under the data folder is tagged from its plain
  TEXT and DCT with :func:`newsline.tag` and scored with TempEval-3 Task A metrics.
* Throughput: the silver news texts are read first (not timed), then
  :func:`newsline.tag` and spaCy's blank English tokenizer (the baseline, optional
  extra ``newsline[bench]``) each run over all of them once untimed, then seven
  times, taking turns every 25 documents; the ratio is the median of the runs'.
* Memory: peak resident memory of tagging the same texts in a fresh interpreter,
  so that nothing the benchmark itself loaded (spaCy, the gold corpora) counts.
* HeidelTime side by side (optional): ``scripts/heideltime_side_by_side.py`` in a
  source checkout, run in a subprocess; never a dependency of the product.
* Ingest (optional): silver news documents ingested into a temporary DuckDB file
  with 1 worker and with several, each in a fresh process, against
  :func:`newsline.annotate` alone on the same documents in the same run; peak
  memory of the whole process tree, database size, and query latency on the result; then the same
  documents as saved web pages against the same as text files (``_html_ingest``).
* Events and links (``--annotation N``): Task B and temporal awareness (C, ABC) on
  the gold corpora, event time anchoring on TimeBank-EventTime dev and train
  (``_anchoring``), and annotation speed against spaCy's own parse.
* Service (``--serve N``) and Spark (``--spark N``): a bounded load test of
  ``newsline serve`` on loopback, and Spark local[1] and local[2] against one process.

This module is the driver, :func:`run_bench`; each section lives in a module of its
own (``_accuracy``, ``_throughput``, ``_heideltime``, ``_annotation``, ``_ingest``,
``_serve``, ``_spark``), what they share in ``_shared``.  This package is the one
place in newsline that reads the clock, to time the runs.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from newsline.bench._accuracy import accuracy_bench
from newsline.bench._anchoring import anchoring_bench
from newsline.bench._annotation import annotation_bench, events_and_links_bench
from newsline.bench._heideltime import heideltime_bench
from newsline.bench._html_ingest import html_ingest_bench
from newsline.bench._ingest import ingest_bench
from newsline.bench._serve import serve_bench
from newsline.bench._shared import CORPORA, text_mb
from newsline.bench._spark import spark_bench
from newsline.bench._throughput import memory_bench, throughput_bench
from newsline.timeml import read_timeml

__all__ = ["run_bench"]

SILVER_GLOB = "tempeval3/silver/TE3-Silver-data-*/*.tml"


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
    ``workers`` (at least 2), see :func:`newsline.bench._ingest.ingest_bench`); a part that could not run
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
        return {"serve": serve_bench(serve, out)} if serve else {}
    silver = sorted(data.glob(SILVER_GLOB))
    if limit is not None:
        silver = silver[:limit]
    if not silver and not any((data / c.path).is_dir() for c in CORPORA):
        print(f"newsline bench: {data} holds none of the expected corpora", file=out)
        return {"serve": serve_bench(serve, out)} if serve else {}

    print(f"newsline bench on {data}", file=out)
    result: dict[str, Any] = {"data_dir": str(data)}
    result["accuracy"] = accuracy_bench(data, out)
    texts = _read_texts(silver)
    result["throughput"] = throughput_bench(texts, out)
    result["memory"] = memory_bench(texts, out)
    if heideltime:
        result["heideltime"] = heideltime_bench(data, limit, out)
    if annotation:
        result["events_and_links"] = events_and_links_bench(data, out)
        result["anchoring"] = anchoring_bench(data, out)
        result["annotation"] = annotation_bench(texts[:annotation], out, workers)
    if ingest is None or ingest > 0:
        count = len(silver) if ingest is None else ingest
        result["ingest"] = ingest_bench(silver[:count], text_mb(texts[:count]), out, max(workers, 2))
        result["html_ingest"] = html_ingest_bench(texts[:count], out)
    if serve:
        result["serve"] = serve_bench(serve, out)
    if spark:
        result["spark"] = spark_bench(texts[:spark], out)
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
