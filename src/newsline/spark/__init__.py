"""newsline on Apache Spark: annotate a DataFrame of (id, text, dct) with the same annotator as one process.

>>> from newsline import spark as ns                      # doctest: +SKIP
>>> docs = session.read.parquet("news.parquet")           # columns id, text, dct
>>> tables = ns.annotate_tables(docs)                     # documents, timexes, events, links, timeline
>>> tables.timexes.where("type = 'DATE'").show()

The documents go to the executors as Arrow batches (``mapInArrow``); each executor's
Python worker annotates them with :func:`newsline.annotate` (or :func:`newsline.tag`
with ``events=False``), loading spaCy, the event weights and the link model once per
process (module-level cache; PySpark reuses its Python workers between tasks), and
sends back one row per document holding its results as arrays of structs.  The
tables are those arrays exploded, one row per item with the document id in
``doc_id`` and the fields of the JSON output (docs/spark.md lists them).

A row that cannot be annotated (no text, a bad ``dct``, anything newsline raises on
it) does not stop the job: its ``documents`` row carries the message in ``error``
and it has no items.  ``documents`` has exactly one row per input row.

PySpark is imported only when a function here needs it (``pip install
'newsline[spark]'``); the rest of newsline never imports this module.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from newsline.errors import NewslineError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["TABLES", "Tables", "annotate_dataframe", "annotate_tables", "arrow_schema", "explode", "spark_schema"]

MISSING_PYSPARK = "the Spark job needs PySpark: pip install 'newsline[spark]'"

# --- the tables: one spec, turned into the Spark schema and the Arrow schema ------------------------------
# kinds: "string", "int" (32 bits), "double", "strings" (an array of strings)

Fields = tuple[tuple[str, str], ...]

DOCUMENT_FIELDS: Fields = (("doc_id", "string"), ("dct", "string"), ("error", "string"))
TIMEX_FIELDS: Fields = (
    ("id", "string"), ("start", "int"), ("end", "int"), ("text", "string"), ("type", "string"),
    ("value", "string"), ("mod", "string"), ("interval_start", "string"), ("interval_end", "string"),
    ("grain", "string"), ("anchor", "string"), ("rule", "string"), ("confidence", "double"),
    ("freq", "string"), ("quant", "string"),
)
EVENT_FIELDS: Fields = (
    ("id", "string"), ("start", "int"), ("end", "int"), ("text", "string"), ("class", "string"),
    ("lemma", "string"), ("pos", "string"), ("tense", "string"), ("aspect", "string"), ("polarity", "string"),
    ("modality", "string"), ("sentence_start", "int"), ("sentence_end", "int"), ("participants", "strings"),
    ("speaker", "string"), ("confidence", "double"),
)
LINK_FIELDS: Fields = (
    ("id", "string"), ("source", "string"), ("target", "string"), ("rel", "string"), ("kind", "string"),
    ("confidence", "double"),
)
TIMELINE_FIELDS: Fields = (
    ("position", "int"), ("event", "string"), ("text", "string"), ("value", "string"), ("start", "string"),
    ("end", "string"), ("grain", "string"), ("basis", "string"), ("evidence", "strings"), ("confidence", "double"),
)
ITEM_TABLES: dict[str, Fields] = {
    "timexes": TIMEX_FIELDS, "events": EVENT_FIELDS, "links": LINK_FIELDS, "timeline": TIMELINE_FIELDS,
}
TABLES = ("documents", *ITEM_TABLES)


def _spark_type(kind: str | Fields) -> Any:
    from pyspark.sql import types as T

    if isinstance(kind, tuple):
        return T.ArrayType(T.StructType([T.StructField(n, _spark_type(k), True) for n, k in kind]), True)
    return {"string": T.StringType(), "int": T.IntegerType(), "double": T.DoubleType(),
            "strings": T.ArrayType(T.StringType(), True)}[kind]


def _arrow_type(kind: str | Fields) -> Any:
    import pyarrow as pa

    if isinstance(kind, tuple):
        return pa.list_(pa.struct([pa.field(n, _arrow_type(k)) for n, k in kind]))
    return {"string": pa.string(), "int": pa.int32(), "double": pa.float64(), "strings": pa.list_(pa.string())}[kind]


_NESTED: tuple[tuple[str, str | Fields], ...] = (*DOCUMENT_FIELDS, *ITEM_TABLES.items())


def spark_schema() -> Any:
    """The Spark schema of :func:`annotate_dataframe`'s result: a document's fields and its items as arrays."""
    from pyspark.sql import types as T

    return T.StructType([T.StructField(n, _spark_type(k), n != "doc_id") for n, k in _NESTED])


@functools.cache
def arrow_schema() -> Any:
    """The same schema in Arrow, as the executors build their batches."""
    import pyarrow as pa

    return pa.schema([pa.field(n, _arrow_type(k), n != "doc_id") for n, k in _NESTED])


# --- one document -> one row ---------------------------------------------------------------------------


def _interval(d: dict[str, Any], key: str) -> str | None:
    interval = d.get("interval")
    return interval[key] if interval else None


def document_row(doc_id: str, result: dict[str, Any] | None, error: str | None = None) -> dict[str, Any]:
    """The nested row of one document from its JSON (``to_dict()``), or an error row."""
    row: dict[str, Any] = {"doc_id": doc_id, "dct": None, "error": error,
                           "timexes": [], "events": [], "links": [], "timeline": []}
    if result is None:
        return row
    row["dct"] = result["dct"]
    row["timexes"] = [{**{n: t.get(n) for n, _ in TIMEX_FIELDS}, "interval_start": _interval(t, "start"),
                       "interval_end": _interval(t, "end")} for t in result["timexes"]]
    for position, e in enumerate(result.get("events", ())):
        event = {n: e.get(n) for n, _ in EVENT_FIELDS}
        event.update(sentence_start=e["sentence"]["start"], sentence_end=e["sentence"]["end"])
        row["events"].append(event)
        when = e["time"]
        row["timeline"].append({"position": position, "event": e["id"], "text": e["text"], "value": when["value"],
                                "start": when["start"], "end": when["end"], "grain": when["grain"],
                                "basis": when["basis"], "evidence": when["evidence"],
                                "confidence": when["confidence"]})
    row["events"].sort(key=lambda ev: (ev["start"], ev["end"]))
    row["links"] = [{n: x[n] for n, _ in LINK_FIELDS} for x in result.get("links", ())]
    return row


Annotator = Callable[..., Any]
NOT_JSON = "<not JSON> "  # the id of a JSON Lines line that is not JSON: this, then the line's start


def annotate_row(annotator: Annotator, doc_id: str | None, text: object, dct: object) -> dict[str, Any]:
    """Annotate one input row; every problem becomes the row's ``error`` instead of an exception."""
    key = doc_id if doc_id is not None else ""
    try:
        if doc_id is None:
            raise NewslineError("no id")
        if text is None and key.startswith(NOT_JSON):
            raise NewslineError("not JSON")
        if not isinstance(text, str):
            raise NewslineError("no text" if text is None else f"text is {type(text).__name__}, not a string")
        result = annotator(text, dct, doc_id=doc_id).to_dict()
    except NewslineError as exc:
        return document_row(key, None, str(exc))
    except Exception as exc:  # a bug on one odd document must not stop a job over millions
        return document_row(key, None, f"internal error: {type(exc).__name__}: {exc}")
    return document_row(key, result)


# --- executors: the annotator, loaded once per Python worker process --------------------------------------

OUT_BATCH = 64  # documents per Arrow batch sent back to the JVM
_lock = threading.Lock()
_loaded: dict[bool, Annotator] = {}
LOADS: dict[bool, int] = {}  # how often this process loaded an annotator (tests check it stays at 1)


def worker_annotator(events: bool) -> Annotator:
    """:func:`newsline.annotate` (models loaded) or :func:`newsline.tag`, once per process."""
    with _lock:
        if events not in _loaded:
            if events:
                from newsline.events._annotate import annotate
                from newsline.events._detect import load_model
                from newsline.events._link_model import load_link_model
                from newsline.events._nlp import load_nlp

                load_nlp(), load_model(), load_link_model()
                _loaded[events] = annotate
            else:
                from newsline.timex._tagger import tag

                _loaded[events] = tag
            LOADS[events] = LOADS.get(events, 0) + 1
        return _loaded[events]


def annotate_batches(batches: Iterator[Any], events: bool = True) -> Iterator[Any]:
    """``mapInArrow`` function: record batches of (id, text, dct) in, nested result rows out."""
    import pyarrow as pa

    annotator = worker_annotator(events)
    schema = arrow_schema()
    for batch in batches:
        for at in range(0, batch.num_rows, OUT_BATCH):  # results go back as they come, not a whole batch at once
            cols = batch.slice(at, OUT_BATCH).to_pydict()
            rows = [annotate_row(annotator, i, t, d) for i, t, d in zip(cols["id"], cols["text"], cols["dct"],
                                                                         strict=True)]
            yield pa.RecordBatch.from_pylist(rows, schema=schema)


# --- the driver ---------------------------------------------------------------------------------------------


def _input_columns(df: DataFrame, id_col: str, text_col: str, dct_col: str | None) -> DataFrame:
    """``id`` (any type, as a string), ``text`` (strings) and ``dct`` (a string, from a date or text)."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    fields = {f.name: f.dataType for f in df.schema.fields}
    for name in (id_col, text_col):
        if name not in fields:
            raise NewslineError(f"the input has no {name!r} column (it has: {', '.join(fields) or 'none'})")
    if not isinstance(fields[text_col], T.StringType):
        raise NewslineError(f"the {text_col!r} column holds {fields[text_col].simpleString()}, not strings")
    if dct_col is None or dct_col not in fields:
        dct = F.lit(None).cast("string")
    elif isinstance(fields[dct_col], T.DateType | T.TimestampType | T.TimestampNTZType):
        dct = F.date_format(F.col(dct_col), "yyyy-MM-dd")
    else:
        dct = F.col(dct_col).cast("string")
    return df.select(F.col(id_col).cast("string").alias("id"), F.col(text_col).alias("text"), dct.alias("dct"))


def annotate_dataframe(df: DataFrame, *, events: bool = True, id_col: str = "id", text_col: str = "text",
                       dct_col: str | None = "dct", partitions: int | None = None) -> DataFrame:
    """One row per input row: ``doc_id``, ``dct``, ``error`` and the ``timexes``, ``events``, ``links`` and
    ``timeline`` as arrays of structs (schema: :func:`spark_schema`).

    ``dct`` may be a string (YYYY-MM-DD), a date or a timestamp column, or absent;
    without it a leading ``date YYYY-MM-DD`` header in the text is used, as in
    :func:`newsline.tag`.  ``events=False`` finds time expressions only (no spaCy
    needed; the event tables stay empty).  ``partitions`` spreads the rows over that
    many tasks first (default: four per core of the session); 0 keeps the input's
    partitioning.  Lazy, like any DataFrame: persist it before taking several
    tables from it, or the documents are annotated once per table.
    """
    rows = _input_columns(df, id_col, text_col, dct_col)
    if partitions is None:
        partitions = 4 * df.sparkSession.sparkContext.defaultParallelism
    if partitions:
        rows = rows.repartition(partitions)
    return rows.mapInArrow(functools.partial(annotate_batches, events=events), spark_schema())


class Tables(NamedTuple):
    documents: DataFrame
    timexes: DataFrame
    events: DataFrame
    links: DataFrame
    timeline: DataFrame


def explode(annotated: DataFrame) -> Tables:
    """The flat tables of :func:`annotate_dataframe`'s result: one row per item, ``doc_id`` first."""
    from pyspark.sql import functions as F

    items = {name: annotated.select("doc_id", F.inline(name)) for name in ITEM_TABLES}
    return Tables(annotated.select(*(n for n, _ in DOCUMENT_FIELDS)), **items)


def annotate_tables(df: DataFrame, **options: Any) -> Tables:
    """:func:`annotate_dataframe`, persisted (memory and disk), then :func:`explode`; options as there."""
    from pyspark import StorageLevel

    return explode(annotate_dataframe(df, **options).persist(StorageLevel.MEMORY_AND_DISK))


# --- the session and the command line's job ------------------------------------------------------------------


@contextlib.contextmanager
def _stderr_to(path: str) -> Iterator[None]:
    """Point file descriptor 2 at ``path`` while Spark's JVM starts: it keeps that stderr for good."""
    sys.stderr.flush()
    saved = os.dup(2)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.dup2(fd, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(fd)


LOG_FILE: dict[str, str] = {}  # "path": where a quiet session's JVM writes its log


def spark_session(master: str | None = None, app_name: str = "newsline", *, quiet: bool = False,
                  preload: bool = True, config: dict[str, str] | None = None) -> SparkSession:
    """A SparkSession whose Python workers run this interpreter (``PYSPARK_PYTHON``), without the web UI.

    ``preload`` runs PySpark's worker daemon as :mod:`newsline.spark._daemon`, which
    loads the annotator's models once per executor before it forks the Python
    workers (they then start with the models in shared memory); without it each
    worker loads its own copy on its first batch.  ``quiet`` sends the JVM's own
    output (start-up notes, executor stack traces) to a log file in the temporary
    folder (``LOG_FILE["path"]``) instead of the terminal, for a local master; the
    JVM's log level is ERROR either way.  Raises
    :class:`NewslineError` with one line when PySpark or Java is missing.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise NewslineError(MISSING_PYSPARK) from exc
    check_java()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    settings = {"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false",
                "spark.sql.execution.arrow.pyspark.enabled": "true", **(config or {})}
    if preload:
        settings.setdefault("spark.python.daemon.module", "newsline.spark._daemon")
    quiet = quiet and _local_master(master) and SparkSession.getActiveSession() is None
    if quiet:
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        if quiet:
            import tempfile

            LOG_FILE["path"] = os.path.join(tempfile.gettempdir(), f"newsline-spark-{os.getpid()}.log")
            with _stderr_to(LOG_FILE["path"]):
                session = builder.getOrCreate()
        else:
            session = builder.getOrCreate()
    except Exception as exc:  # the JVM did not start: say why on one line
        raise NewslineError(f"Spark did not start ({_one_line(exc)}); is Java 17 installed, JAVA_HOME right?") from exc
    session.sparkContext.setLogLevel("ERROR")
    return session


def check_java() -> None:
    """Raise :class:`NewslineError` when there is no ``java`` to run Spark with."""
    import shutil

    home = os.environ.get("JAVA_HOME")
    if home and os.path.isfile(os.path.join(home, "bin", "java")):
        return
    if home:
        raise NewslineError(f"JAVA_HOME={home} has no bin/java; Spark needs Java 17 (or 11, 8): fix JAVA_HOME")
    if shutil.which("java") is None:
        raise NewslineError("Spark needs Java (17, 11 or 8) and there is none on PATH: install a JDK "
                            "(e.g. apt-get install openjdk-17-jre-headless) or set JAVA_HOME")


def _one_line(exc: BaseException) -> str:
    """The gist of an exception from the JVM or an executor: its last meaningful line."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    for line in reversed(lines):
        if line.startswith(("newsline.errors.", "NewslineError", "ImportError", "ModuleNotFoundError")):
            return line
    for line in lines:
        if not line.startswith(("at ", "Traceback", "File ", "...", "JVM stacktrace")):
            return line[:300]
    return type(exc).__name__


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


def _under_spark_submit() -> bool:
    """True in the Python driver that spark-submit started (its JVM is already there)."""
    return "PYSPARK_GATEWAY_PORT" in os.environ


def _local_master(master: str | None) -> bool:
    """Whether the job runs on this machine, where paths without a scheme are local files."""
    return not _under_spark_submit() and (master is None or master.startswith("local"))


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
    kind = check_run(source, out_dir, fmt=fmt, overwrite=overwrite, events=events, local=_local_master(master))
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()  # in a notebook or a test: use it, and leave it running
    session = active or spark_session(master, "newsline spark-run", quiet=True, preload=events)
    try:
        report = run_job(session, source, kind, out_dir, overwrite=overwrite, events=events, partitions=partitions)
    except NewslineError:
        raise
    except Exception as exc:  # a Spark or executor failure: its gist, not a JVM stack trace
        log = f" (Spark's log: {LOG_FILE['path']})" if "path" in LOG_FILE and active is None else ""
        raise NewslineError(f"the Spark job failed: {_one_line(exc)}{log}") from exc
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


def main(argv: Sequence[str] | None = None) -> int:
    """``spark-submit .../newsline/spark.py INPUT OUTPUT_DIR [options]``: the ``newsline spark-run`` command."""
    from newsline.spark._command import main as command_main

    return command_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
