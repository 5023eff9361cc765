"""The driver side of the DataFrame API: documents in, :func:`annotate_dataframe`'s nested rows out, and
:func:`explode` into the flat :class:`Tables`."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, NamedTuple

from newsline.errors import NewslineError
from newsline.spark._rows import DOCUMENT_FIELDS, ITEM_TABLES, annotate_batches, spark_schema

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

__all__ = ["Tables", "annotate_dataframe", "annotate_tables", "explode"]


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
