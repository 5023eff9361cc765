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

The code lives in private modules that never import this one: ``_rows`` (the executors'
side: schema, rows, ``mapInArrow`` function), ``_tables`` (the DataFrame API), ``_session``
(the SparkSession), ``_job`` (``newsline spark-run``'s job) and ``_command`` (its
arguments); this module re-exports their names and runs the command as a script.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsline.spark._job import JSONL_SUFFIXES as JSONL_SUFFIXES
from newsline.spark._job import RunReport as RunReport
from newsline.spark._job import check_run as check_run
from newsline.spark._job import input_format as input_format
from newsline.spark._job import read_input as read_input
from newsline.spark._job import run_command as run_command
from newsline.spark._job import run_job as run_job
from newsline.spark._rows import DOCUMENT_FIELDS as DOCUMENT_FIELDS
from newsline.spark._rows import EVENT_FIELDS as EVENT_FIELDS
from newsline.spark._rows import ITEM_TABLES as ITEM_TABLES
from newsline.spark._rows import LINK_FIELDS as LINK_FIELDS
from newsline.spark._rows import LOADS as LOADS
from newsline.spark._rows import NOT_JSON as NOT_JSON
from newsline.spark._rows import OUT_BATCH as OUT_BATCH
from newsline.spark._rows import TABLES, arrow_schema, spark_schema
from newsline.spark._rows import TIMELINE_FIELDS as TIMELINE_FIELDS
from newsline.spark._rows import TIMEX_FIELDS as TIMEX_FIELDS
from newsline.spark._rows import Annotator as Annotator
from newsline.spark._rows import Fields as Fields
from newsline.spark._rows import annotate_batches as annotate_batches
from newsline.spark._rows import annotate_row as annotate_row
from newsline.spark._rows import document_row as document_row
from newsline.spark._rows import worker_annotator as worker_annotator
from newsline.spark._session import LOG_FILE as LOG_FILE
from newsline.spark._session import MISSING_PYSPARK as MISSING_PYSPARK
from newsline.spark._session import check_java as check_java
from newsline.spark._session import spark_session as spark_session
from newsline.spark._tables import Tables, annotate_dataframe, annotate_tables, explode

__all__ = ["TABLES", "Tables", "annotate_dataframe", "annotate_tables", "arrow_schema", "explode", "spark_schema"]


def main(argv: Sequence[str] | None = None) -> int:
    """``spark-submit .../newsline/spark/__init__.py INPUT OUTPUT_DIR [options]``: ``newsline spark-run``."""
    from newsline.spark._command import main as command_main

    return command_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
