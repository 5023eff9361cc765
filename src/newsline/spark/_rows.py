"""The executor side of the Spark job: the result schema, one document to one nested row, and the
``mapInArrow`` function that annotates batches with models loaded once per Python worker."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from typing import Any

from newsline.errors import NewslineError

__all__ = ["DOCUMENT_FIELDS", "EVENT_FIELDS", "ITEM_TABLES", "LINK_FIELDS", "LOADS", "NOT_JSON", "TABLES",
           "TIMELINE_FIELDS", "TIMEX_FIELDS", "annotate_batches", "annotate_row", "arrow_schema", "document_row",
           "spark_schema", "worker_annotator"]


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
    ("speaker", "string"), ("confidence", "double"), ("title", "string"), ("reports", "string"),
    ("attributed_to", "string"), ("when_text", "string"), ("salience", "double"),
)
LINK_FIELDS: Fields = (
    ("id", "string"), ("source", "string"), ("target", "string"), ("rel", "string"), ("kind", "string"),
    ("confidence", "double"),
)
TIMELINE_FIELDS: Fields = (
    ("position", "int"), ("event", "string"), ("text", "string"), ("value", "string"), ("start", "string"),
    ("end", "string"), ("grain", "string"), ("basis", "string"), ("evidence", "strings"), ("confidence", "double"),
    ("label", "string"), ("when_text", "string"), ("span_begin", "string"), ("span_end", "string"),
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
                                "confidence": when["confidence"], "label": when.get("label"),
                                "when_text": when.get("when_text"),
                                "span_begin": (when.get("span") or {}).get("begin"),
                                "span_end": (when.get("span") or {}).get("end")})
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
