"""newsline on Spark (local mode): the same results as one process, document by document; spark-run.

The Spark tests share one SparkSession (local[2]) and skip, saying why, when PySpark
(``pip install 'newsline[spark]'``) or Java is missing.  The command line's checks
before Spark starts run everywhere.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import newsline
from newsline import cli
from newsline import spark as ns
from newsline.errors import NewslineError
from newsline.timeml import read_timeml

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SILVER_DOCS = 8


@functools.cache
def _spark_missing() -> str | None:
    """Why the Spark tests cannot run here, or None."""
    if importlib.util.find_spec("pyspark") is None:
        return "PySpark is not installed (pip install 'newsline[spark]')"
    try:
        ns.check_java()
    except NewslineError as exc:
        return str(exc)
    from newsline.events._nlp import MISSING, MODEL_NAMES

    if importlib.util.find_spec("spacy") is None or not any(importlib.util.find_spec(m) for m in MODEL_NAMES):
        return MISSING
    return None


def needs_spark(test: Callable[..., None]) -> Callable[..., None]:
    """Marked ``spark`` (``-m "not spark"`` leaves them out) and skipped, saying why, without PySpark or Java."""
    why = _spark_missing()
    return pytest.mark.spark(pytest.mark.skipif(why is not None, reason=f"no Spark here: {why}")(test))


@pytest.fixture(scope="module")
def session() -> Iterator[Any]:
    # a short-lived JVM: the quick JIT compiler only, and a small collector, cost less CPU than Spark's defaults
    s = ns.spark_session("local[2]", "newsline-tests", quiet=True,
                         config={"spark.sql.shuffle.partitions": "2", "spark.default.parallelism": "2",
                                 "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"})
    yield s
    s.stop()


# --- the documents: examples (date headers), silver news (DCTs), and rows that cannot be annotated --------------

BAD = [
    ("no-text", None, "2020-10-16", "no text"),
    ("bad-dct", "It rained on Monday.", "2020-02-30", "document date '2020-02-30' is not usable"),
    ("bad-header", "date 2020-13-45 It rained on Monday.", None, "document date '2020-13-45' is not usable"),
]


def _documents() -> list[tuple[str, str, str | None]]:
    docs: list[tuple[str, str, str | None]] = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        docs.append((path.name, path.read_text(encoding="utf-8"), None))
    shared = Path(os.environ.get("NEWSLINE_SHARED_DATA", Path(__file__).resolve().parents[3] / "shared" / "data"))
    for path in sorted(shared.glob("tempeval3/silver/TE3-Silver-data-0/*.tml"))[:SILVER_DOCS]:
        tml = read_timeml(path)
        docs.append((tml.doc_id, tml.text, tml.dct.isoformat() if tml.dct else None))
    docs.append(("empty", "", "2020-10-16"))
    docs.append(("42", "The deal closed on Sept. 30 and talks resume next Friday.", "2020-10-16"))
    return docs


def _json_from_tables(doc: dict[str, Any], rows: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """A document's timeline JSON rebuilt from the Spark tables, to compare with annotate().to_dict()."""
    doc_id = doc["doc_id"]
    timexes = []
    for t in (r for r in rows["timexes"] if r["doc_id"] == doc_id):
        item = {k: t[k] for k in ("id", "start", "end", "text", "type", "value", "mod")}
        both = (t["interval_start"], t["interval_end"])
        item["interval"] = None if both == (None, None) else {"start": both[0], "end": both[1]}
        item.update({k: t[k] for k in ("grain", "anchor", "rule", "confidence")})
        item.update({k: t[k] for k in ("freq", "quant") if t[k] is not None})
        timexes.append(item)
    events = {e["id"]: e for e in rows["events"] if e["doc_id"] == doc_id}
    timeline = sorted((r for r in rows["timeline"] if r["doc_id"] == doc_id), key=lambda r: r["position"])
    out_events = []
    for entry in timeline:
        e = events.pop(entry["event"])
        item = {k: e[k] for k in ("id", "start", "end", "text", "class", "lemma", "pos", "tense", "aspect",
                                  "polarity", "modality", "title", "reports", "attributed_to", "when_text",
                                  "salience")}
        item["sentence"] = {"start": e["sentence_start"], "end": e["sentence_end"]}
        item.update(participants=list(e["participants"]), speaker=e["speaker"], confidence=e["confidence"])
        item["time"] = {k: entry[k] for k in ("value", "start", "end", "grain", "basis", "confidence", "label",
                                              "when_text")}
        item["time"]["evidence"] = list(entry["evidence"])
        both = (entry["span_begin"], entry["span_end"])
        item["time"]["span"] = None if both == (None, None) else {"begin": both[0], "end": both[1]}
        out_events.append(item)
    assert not events, f"{doc_id}: events without a timeline entry: {sorted(events)}"
    links = [{k: x[k] for k in ("id", "source", "target", "rel", "kind", "confidence")}
             for x in rows["links"] if x["doc_id"] == doc_id]
    return {"id": doc_id, "dct": doc["dct"], "events": out_events, "timexes": timexes, "links": links}


def _normalised(d: dict[str, Any]) -> dict[str, Any]:
    """Key order and the time object's key order do not matter; the values do."""
    return json.loads(json.dumps(d, sort_keys=True))


@needs_spark
def test_spark_equals_one_process_document_by_document(session: Any) -> None:
    docs = _documents()
    rows = [(i, t, d) for i, t, d in docs] + [(i, t, d) for i, t, d, _ in BAD]
    df = session.createDataFrame(rows, "id string, text string, dct string")
    annotated = ns.annotate_dataframe(df, partitions=2)
    nested = [r.asDict(recursive=True) for r in annotated.collect()]  # one job; explode() is what spark-run writes
    got: dict[str, list[dict[str, Any]]] = {"documents": [{k: r[k] for k in ("doc_id", "dct", "error")}
                                                          for r in nested]}
    for name in ns.ITEM_TABLES:
        got[name] = [{"doc_id": r["doc_id"], **item} for r in nested for item in r[name]]
    tables = ns.explode(annotated)
    assert [f.name for f in tables.timexes.schema.fields] == ["doc_id", *(n for n, _ in ns.TIMEX_FIELDS)]
    assert [f.name for f in tables.events.schema.fields] == ["doc_id", *(n for n, _ in ns.EVENT_FIELDS)]
    assert [f.name for f in tables.documents.schema.fields] == ["doc_id", "dct", "error"]
    documents = {d["doc_id"]: d for d in got["documents"]}
    assert len(documents) == len(got["documents"]) == len(rows)  # one row per input row
    for doc_id, text, dct in docs:
        expected = newsline.annotate(text, dct, doc_id=doc_id)
        assert documents[doc_id]["error"] is None, doc_id
        assert _normalised(_json_from_tables(documents[doc_id], got)) == _normalised(expected.to_dict()), doc_id
    for doc_id, _text, _dct, message in BAD:
        assert documents[doc_id]["error"].startswith(message), doc_id
        assert not any(r["doc_id"] == doc_id for name in ns.ITEM_TABLES for r in got[name])
    assert sum(len(r) for r in got.values()) > 100  # the silver news make it a real test when present
    # each Python worker that annotated loaded the models once (PySpark reuses its workers between tasks)
    assert set(_loads_per_worker(session).values()) <= {0, 1}


def _loads_per_worker(session: Any) -> dict[int, int]:
    """How often each of the session's Python workers loaded the annotator, by process id."""
    import pyarrow as pa

    def loads(batches: Iterator[Any]) -> Iterator[Any]:
        from newsline import spark as module

        for batch in batches:
            yield pa.RecordBatch.from_pydict({"pid": [os.getpid()] * batch.num_rows,
                                              "loads": [module.LOADS.get(True, 0)] * batch.num_rows})

    rows = session.range(16).repartition(4).mapInArrow(loads, "pid long, loads long").collect()
    return {r["pid"]: r["loads"] for r in rows}


@needs_spark
def test_timexes_only_and_typed_columns(session: Any) -> None:
    from pyspark.sql import types as T

    schema = T.StructType([T.StructField("key", T.LongType()), T.StructField("body", T.StringType()),
                           T.StructField("published", T.DateType())])
    df = session.createDataFrame([(7, "It closed on Sept. 30.", date(2020, 10, 16)),
                                  (8, "date 2019-01-02 It closed on Sept. 30.", None)], schema)
    annotated = ns.annotate_dataframe(df, events=False, id_col="key", text_col="body", dct_col="published",
                                      partitions=0)
    result = {r["doc_id"]: r.asDict(recursive=True) for r in annotated.collect()}
    assert result["7"]["dct"] == "2020-10-16" and result["8"]["dct"] == "2019-01-02"
    assert [t["value"] for t in result["7"]["timexes"]] == ["2020-09-30"]
    assert [t["value"] for t in result["8"]["timexes"]] == ["2018-09-30"]
    assert result["7"]["events"] == [] and result["7"]["links"] == []
    with pytest.raises(NewslineError, match="no 'text' column"):
        ns.annotate_dataframe(df, id_col="key")


@needs_spark
def test_spark_run_writes_parquet_tables(session: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import duckdb

    source = tmp_path / "news.jsonl"
    lines = [json.dumps({"id": 1, "text": "The firm said on Monday it would close the plant next year.",
                         "dct": "2019-05-02"}),
             json.dumps({"id": "two", "text": "date 2020-10-16 Hours later, he wrote a message."}),
             "this is not json", "",
             json.dumps({"id": "bad", "text": "x", "dct": "2020-02-30"})]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["spark-run", str(source), str(out), "--master", "local[2]", "--partitions", "2"]) == 0
    err = capsys.readouterr().err
    assert "2 of 4 documents annotated, 2 with errors" in err, err
    assert sorted(p.name for p in out.iterdir()) == sorted(ns.TABLES)
    con = duckdb.connect()
    docs = dict(con.execute(f"SELECT doc_id, coalesce(error, 'ok') FROM '{out}/documents/*.parquet'").fetchall())
    assert docs == {"1": "ok", "two": "ok", "<not JSON> this is not json": "not JSON",
                    "bad": "document date '2020-02-30' is not usable (day is out of range for month); give it as "
                    "YYYY-MM-DD, e.g. 2020-10-16"}
    values = con.execute(f"SELECT doc_id, value FROM '{out}/timexes/*.parquet' ORDER BY doc_id, start").fetchall()
    assert values == [("1", "2019-04-29"), ("1", "2020"), ("two", "2020-10-16")]
    expected = newsline.annotate("The firm said on Monday it would close the plant next year.", "2019-05-02")
    events = con.execute(f"SELECT text, class FROM '{out}/events/*.parquet' WHERE doc_id = '1' ORDER BY start")
    assert events.fetchall() == [(e.text, e.eclass) for e in expected.events]
    # the output is not overwritten unless asked
    assert cli.main(["spark-run", str(source), str(out)]) == 2
    assert "already exists; pass --overwrite" in capsys.readouterr().err
    assert ns.check_run(str(source), str(out), overwrite=True) == "jsonl"


# --- spark-run's checks before Spark starts: one line each, no Spark needed ---------------------------------------


def _error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert cli.main(["spark-run", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("newsline: error: "), err
    return err


def test_spark_run_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "It rained."}\n', encoding="utf-8")
    assert "missing.jsonl: file does not exist" in _error(capsys, str(tmp_path / "missing.jsonl"), str(tmp_path / "o"))
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    assert "already exists; pass --overwrite" in _error(capsys, str(source), str(tmp_path / "full"))
    (tmp_path / "file").write_text("x")
    assert "is not a folder" in _error(capsys, str(source), str(tmp_path / "file"))
    (tmp_path / "in.txt").write_text("x")
    assert "give --input-format" in _error(capsys, str(tmp_path / "in.txt"), str(tmp_path / "o"))
    if shutil.which("java") or os.environ.get("JAVA_HOME"):
        monkeypatch.setenv("JAVA_HOME", str(tmp_path))
        assert "has no bin/java" in _error(capsys, str(source), str(tmp_path / "o"))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    real = importlib.util.find_spec
    if real("pyspark") is not None:
        assert "there is none on PATH" in _error(capsys, str(source), str(tmp_path / "o"))
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyspark" else real(name, *a))
    assert "needs PySpark: pip install 'newsline[spark]'" in _error(capsys, str(source), str(tmp_path / "o"))


def test_input_format_by_name(tmp_path: Path) -> None:
    assert ns.input_format("a.jsonl", None) == "jsonl"
    assert ns.input_format("s3a://bucket/news.ndjson", None) == "jsonl"
    assert ns.input_format("news.parquet", None) == "parquet"
    assert ns.input_format(str(tmp_path), None) == "parquet"
    assert ns.input_format("news.txt", "jsonl") == "jsonl"
    with pytest.raises(NewslineError, match="--input-format"):
        ns.input_format("news.txt", None)


def test_rows_carry_their_errors_without_spark() -> None:
    """The executor side in plain Python: a bad row is an error row, a good one the JSON's fields."""
    row = ns.annotate_row(newsline.tag, "a", "It closed on Sept. 30.", "2020-10-16")
    assert row["error"] is None and row["dct"] == "2020-10-16"
    assert row["timexes"][0]["value"] == "2020-09-30" and row["timexes"][0]["interval_end"] == "2020-10-01T00:00:00"
    assert ns.annotate_row(newsline.tag, "b", None, None)["error"] == "no text"
    assert ns.annotate_row(newsline.tag, "c", 5, None)["error"] == "text is int, not a string"
    assert ns.annotate_row(newsline.tag, None, "x", None)["error"] == "no id"

    def broken(*_args: Any, **_kw: Any) -> Any:
        raise KeyError("boom")

    assert ns.annotate_row(broken, "d", "x", None)["error"] == "internal error: KeyError: 'boom'"


# --- newsline bench --spark N ----------------------------------------------------------------------------------


def test_bench_spark_option(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import newsline.bench._run

    seen: list[object] = []

    def fake(data_dir: Path | None = None, **kwargs: object) -> dict[str, object]:
        seen.append(kwargs["spark"])
        return {"accuracy": {}}

    monkeypatch.setattr(newsline.bench._run, "run_bench", fake)
    for given, expect in (([], 0), (["--spark", "50"], 50)):
        assert cli.main(["bench", "--data", str(tmp_path), *given]) == 0
        assert seen.pop() == expect


def test_bench_spark_section_says_why_it_cannot_run() -> None:
    import io

    from newsline.bench._spark import spark_bench

    out = io.StringIO()
    assert spark_bench([], out) == {"skipped": "no silver news documents under the data folder"}
    assert "skipped: no silver news documents" in out.getvalue()
