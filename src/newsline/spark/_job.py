"""The job of ``newsline spark-run``: the checks before Spark starts, reading the input, writing the
Parquet tables, and the report; :func:`run_command` runs it all."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from typing import TYPE_CHECKING, Any, NamedTuple

from newsline.errors import NewslineError
from newsline.spark._rows import ITEM_TABLES, NOT_JSON, TABLES
from newsline.spark._session import LOG_FILE, MISSING_PYSPARK, check_java, local_master, one_line, spark_session
from newsline.spark._tables import annotate_dataframe, explode

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["JSONL_SUFFIXES", "RunReport", "check_run", "input_format", "read_input", "run_command", "run_job"]


# --- the job -------------------------------------------------------------------------------------------------


class RunReport(NamedTuple):
    documents: int
    failed: int
    rows: dict[str, int]
    seconds: float
    first_error: str | None


def read_input(session: SparkSession, path: str, fmt: str) -> DataFrame:
    """JSON Lines (one ``{"id", "text", "dct"}`` per line; a line that is not JSON becomes an error row) or Parquet."""
    from pyspark.sql import functions as F

    if fmt == "parquet":
        return session.read.parquet(path)
    schema = "id string, text string, dct string, _corrupt_record string"
    raw = session.read.schema(schema).option("mode", "PERMISSIVE").json(path)
    # a line that is not JSON: keep it as an input row without text, its id saying where it came from
    return raw.select(F.coalesce(F.col("id"), F.concat(F.lit(NOT_JSON), F.substring("_corrupt_record", 1, 60)))
                      .alias("id"), "text", "dct")


def run_job(session: SparkSession, source: str, fmt: str, out_dir: str, *, overwrite: bool = False,
            events: bool = True, partitions: int | None = None) -> RunReport:
    """Annotate ``source`` and write the Parquet tables ``out_dir/<table>/``; a report of what was written."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    started = time.perf_counter()
    docs = read_input(session, source, fmt)
    annotated = annotate_dataframe(docs, events=events, partitions=partitions).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        tables = explode(annotated)
        mode = "overwrite" if overwrite else "errorifexists"
        for name in TABLES:
            table: DataFrame = getattr(tables, name)
            table.write.mode(mode).parquet(f"{out_dir.rstrip('/')}/{name}")
        error = F.when(F.col("error").isNotNull(), F.concat_ws(": ", "doc_id", "error"))
        counts = annotated.select(
            F.count("*").alias("documents"), F.count("error").alias("failed"),
            F.first(error, ignorenulls=True).alias("first_error"),
            *(F.sum(F.size(name)).alias(name) for name in ITEM_TABLES)).first()
    finally:
        annotated.unpersist()
    assert counts is not None
    rows = {name: int(counts[name] or 0) for name in ITEM_TABLES}
    return RunReport(int(counts["documents"]), int(counts["failed"]), rows, time.perf_counter() - started,
                     counts["first_error"])


# --- newsline spark-run ---------------------------------------------------------------------------------------

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json", ".jsonl.gz", ".ndjson.gz", ".json.gz")


def input_format(source: str, given: str | None) -> str:
    """``jsonl`` or ``parquet``: as given, else by the name (a folder is a Parquet dataset)."""
    if given:
        return given
    name = source.rstrip("/").lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(".parquet") or (_is_local(source) and os.path.isdir(_local(source))):
        return "parquet"
    raise NewslineError(f"{source}: cannot tell whether it is JSON Lines or Parquet from its name; "
                        "give --input-format jsonl or --input-format parquet")


def _is_local(path: str) -> bool:
    return "://" not in path or path.startswith("file://")


def _local(path: str) -> str:
    return path[len("file://"):] if path.startswith("file://") else path


def check_run(source: str, out_dir: str, *, fmt: str | None = None, overwrite: bool = False,
              events: bool = True, local: bool = True) -> str:
    """Everything that can be checked before Spark starts, each problem as one :class:`NewslineError`.

    ``local``: paths without a scheme are files of this machine (a local master), so
    the input must exist and the output folder must not, unless ``overwrite``; on a
    cluster Spark checks them.  Returns the input format (``jsonl`` or ``parquet``).
    """
    import importlib.util

    local_in, local_out = (local and _is_local(source)), (local and _is_local(out_dir))
    if local_in and not os.path.exists(_local(source)):
        raise NewslineError(f"{source}: file does not exist")
    kind = input_format(source, fmt)
    if local_out:
        out = _local(out_dir)
        if os.path.exists(out) and not os.path.isdir(out):
            raise NewslineError(f"{out_dir}: exists and is not a folder; give a folder for the Parquet tables")
        if os.path.isdir(out) and os.listdir(out) and not overwrite:
            raise NewslineError(f"{out_dir}: already exists; pass --overwrite to replace its tables")
    if importlib.util.find_spec("pyspark") is None:
        raise NewslineError(MISSING_PYSPARK)
    check_java()
    if events:
        from newsline.events._nlp import MISSING, MODEL_NAMES

        if importlib.util.find_spec("spacy") is None or not any(importlib.util.find_spec(m) for m in MODEL_NAMES):
            raise NewslineError(f"{MISSING} (or pass --timexes-only)")
    return kind


def run_command(source: str, out_dir: str, *, master: str | None = None, fmt: str | None = None,
                overwrite: bool = False, events: bool = True, partitions: int | None = None,
                out: Any = None) -> int:
    """``newsline spark-run``: check, start Spark, annotate, write the tables, say what was written.

    Returns 0, or 2 when no document could be annotated; user errors raise :class:`NewslineError`.
    """
    out = out or sys.stderr
    kind = check_run(source, out_dir, fmt=fmt, overwrite=overwrite, events=events, local=local_master(master))
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()  # in a notebook or a test: use it, and leave it running
    session = active or spark_session(master, "newsline spark-run", quiet=True, preload=events)
    try:
        report = run_job(session, source, kind, out_dir, overwrite=overwrite, events=events, partitions=partitions)
    except NewslineError:
        raise
    except Exception as exc:  # a Spark or executor failure: its gist, not a JVM stack trace
        log = f" (Spark's log: {LOG_FILE['path']})" if "path" in LOG_FILE and active is None else ""
        raise NewslineError(f"the Spark job failed: {one_line(exc)}{log}") from exc
    finally:
        if active is None:
            session.stop()
    if active is None and "path" in LOG_FILE:  # all went well: the JVM's log holds nothing to read
        with contextlib.suppress(OSError):
            os.remove(LOG_FILE.pop("path"))
    tables = ", ".join(f"{name} {count:,}" for name, count in report.rows.items())
    done = report.documents - report.failed
    errors = f", {report.failed:,} with errors (first: {report.first_error})" if report.failed else ""
    print(f"newsline spark-run: {done:,} of {report.documents:,} documents annotated{errors} in "
          f"{report.seconds:.1f} s; {out_dir}: documents {report.documents:,}, {tables} rows", file=out)
    if report.documents and not done:
        print(f"newsline: error: none of the {report.documents:,} documents could be annotated", file=out)
        return 2
    return 0
