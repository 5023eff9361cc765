"""The DuckDB corpus store: schema, idempotence, transactions, queries, export, locks."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest

import newsline
from newsline.corpus import _store_schema
from newsline.corpus._store import Store
from newsline.corpus._store_queries import date_bound
from newsline.corpus._store_writes import NewDocument, content_hash, entity_id
from newsline.errors import InputError, StoreError, StoreLockedError

pytest.importorskip("spacy")

TEXTS = {
    "legend": "date 2020-10-16 John Legend dedicated a song to his wife on Wednesday. "
              "Legend wrote a message on Instagram.",
    "apple": "date 2020-11-02 Apple Inc. announced a new iPhone on Monday. Apple said sales rose 5 percent.",
    "cook": "date 2021-01-05 The company said on Tuesday that Tim Cook will visit Paris next week "
            "to open a store with 100% recycled walls.",
}


@pytest.fixture(scope="module")
def annotated(spacy_nlp: object) -> dict[str, newsline.AnnotatedDocument]:
    return {key: newsline.annotate(text, doc_id=key) for key, text in TEXTS.items()}


def new(key: str, docs: dict[str, newsline.AnnotatedDocument], doc_id: str | None = None) -> NewDocument:
    return NewDocument(doc_id or key, f"{key}.txt", docs[key])


@pytest.fixture
def db(tmp_path: Path, annotated: dict[str, newsline.AnnotatedDocument]) -> Path:
    path = tmp_path / "news.duckdb"
    with Store.open(path) as store:
        store.add_documents([new(k, annotated) for k in TEXTS])
    return path


def test_documents_are_stored_and_rebuilt_exactly(db: Path, annotated: dict[str, newsline.AnnotatedDocument]) -> None:
    with Store.open(db, read_only=True) as store:
        infos = store.documents()
        assert [d.id for d in infos] == ["legend", "apple", "cook"]  # by DCT
        assert infos[0].dct == date(2020, 10, 16) and infos[0].content_hash == content_hash(TEXTS["legend"])
        doc = store.document("apple")
        assert doc is not None and doc.text == TEXTS["apple"] and doc.source == "apple.txt"
        assert store.document("nope") is None
        for key, original in annotated.items():
            rebuilt = store.annotated(key)
            assert rebuilt == original
            assert rebuilt is not None and rebuilt.to_dict() == original.to_dict()
        assert store.has_hash(content_hash(TEXTS["cook"])) and not store.has_hash(content_hash("other"))


def test_offsets_point_into_the_stored_text(db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        for table in ("timexes", "events", "mentions"):
            rows = store.execute(f'SELECT d.text, t.start, t."end", t.text FROM {table} t '
                                 "JOIN documents d ON d.id = t.doc_id")
            assert rows
            assert all(text[start:end] == surface for text, start, end, surface in rows)


def test_the_same_text_is_stored_once(db: Path, annotated: dict[str, newsline.AnnotatedDocument]) -> None:
    with Store.open(db) as store:
        again = store.add_documents([new("legend", annotated), new("apple", annotated, "apple-copy"),
                                     NewDocument("cook", "other.txt", annotated["legend"])])
        assert again.stored == ()
        assert [(s.id, s.reason, s.other) for s in again.skipped] == [
            ("legend", "already stored", "legend"),
            ("apple-copy", "duplicate text", "apple"),
            ("cook", "duplicate id", "cook"),
        ]
        assert "different text" in again.skipped[2].message
        assert store.stats()["documents"] == 3
        # within one batch too
        fresh = newsline.annotate("date 2021-02-01 Nothing happened.")
        inside = store.add_documents([NewDocument("x", "x", fresh), NewDocument("y", "y", fresh)])
        assert inside.stored == ("x",) and inside.skipped[0].reason == "duplicate text"


def test_a_batch_is_all_or_nothing(tmp_path: Path, annotated: dict[str, newsline.AnnotatedDocument],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "news.duckdb"
    insert = Store._insert

    def failing(self: Store, table: str, rows: list[tuple[object, ...]], *, or_ignore: bool = False) -> None:
        if table == "mentions":
            raise RuntimeError("disk full")
        insert(self, table, rows, or_ignore=or_ignore)

    with Store.open(path) as store:
        monkeypatch.setattr(Store, "_insert", failing)
        with pytest.raises(RuntimeError):
            store.add_documents([new(k, annotated) for k in TEXTS])
        monkeypatch.setattr(Store, "_insert", insert)
        stats = store.stats()
        assert (stats["documents"], stats["events"], stats["timexes"], stats["entities"]) == (0, 0, 0, 0)
        assert store.add_documents([new("legend", annotated)]).stored == ("legend",)


def test_entities_resolve_short_names_within_a_document(db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        legend = store.entity_mentions("John Legend")
        assert {m.text for m in legend} == {"John Legend", "Legend"}
        assert {m.role for m in legend} >= {"ner"}
        assert all(m.label == "PERSON" and m.doc_id == "legend" for m in legend)
        top = {e.name: e for e in store.entities(50)}
        assert top["John Legend"].documents == 1 and top["John Legend"].mentions >= 2
        assert all(e.label is not None for e in top.values())  # named entities only by default
        assert any(e.label is None for e in store.entities(None, named_only=False))
        assert {e.name for e in store.entities(10, label="GPE")} == {"Paris"}
        participants = store.entity_mentions(role="participant", doc_id="legend")
        assert all(m.event_id for m in participants)
        eid = entity_id("John Legend", "PERSON")
        assert store.execute("SELECT name, label FROM entities WHERE id = ?", [eid]) == [("John Legend", "PERSON")]


def test_search_words_dates_and_literal_input(db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        assert [h.doc_id for h in store.search("iphone apple")] == ["apple"]
        hit = store.search("a new iPhone")[0]
        assert hit.phrase and "new iPhone" in hit.snippet
        assert [h.doc_id for h in store.search("on", "2020-11", "2020-12")] == ["apple"]
        assert [h.doc_id for h in store.search("on", date_to="2020")] == ["legend", "apple"]
        assert store.search("on", "2022") == []
        # any regular form of a word ("announces" finds "announced", "songs" "song"); the snippet is the
        # article's (not its "date" line) and cut between words
        assert [h.doc_id for h in store.search("announces")] == ["apple"]
        assert [h.doc_id for h in store.search("songs")] == ["legend"]
        snippet = store.search("visiting")[0].snippet
        assert "date 2021" not in snippet and "visit" in snippet
        assert all(w in TEXTS["cook"].split() for w in snippet.removeprefix("...").removesuffix("...").split())
        # user input is data, never SQL or a pattern
        for attack in ("'; DROP TABLE documents; --", "x' OR '1'='1", "_", "\\", "a%z"):
            assert store.search(attack) == []
        assert [h.doc_id for h in store.search("%")] == ["cook"]  # only the text with a literal "%"
        # whole words only: the start of a word is no match (trial Z saw "Quill" find "Quillon", "Oka" "Okafor")
        assert store.search("iPho") == [] and store.search("annou") == []
        assert store.stats()["documents"] == 3
        with pytest.raises(InputError):
            store.search("on", "2021", "2020")
        with pytest.raises(InputError):
            store.search("   ")


def test_date_bounds() -> None:
    assert date_bound("2007", end=False) == date(2007, 1, 1)
    assert date_bound("2007", end=True) == date(2007, 12, 31)
    assert date_bound("2007-02", end=True) == date(2007, 2, 28)
    assert date_bound("2008-12", end=True) == date(2008, 12, 31)
    assert date_bound("2007-02-03", end=True) == date(2007, 2, 3)
    with pytest.raises(InputError):
        date_bound("2007-13", end=False)
    with pytest.raises(InputError):
        date_bound("last year", end=False)


def test_export_writes_parquet(db: Path, tmp_path: Path) -> None:
    with Store.open(db, read_only=True) as store:
        written = store.export(tmp_path / "out")
        counts = store.stats()
    assert {p.name for p in written} == {f"{t}.parquet" for t in _store_schema.TABLES}
    con = duckdb.connect()
    for path in written:
        rows = con.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()
        table = path.stem
        assert rows is not None and rows[0] == (counts[table] if table != "meta" else 2)


def _set_version(path: Path, value: str) -> None:
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [value])
    con.close()


def test_a_newer_or_unknown_schema_is_refused(db: Path) -> None:
    _set_version(db, "99")
    with pytest.raises(StoreError, match="schema version 99 was written by a newer newsline"):
        Store.open(db)
    with pytest.raises(StoreError, match="newer"):
        Store.open(db, read_only=True)
    _set_version(db, "beta")
    with pytest.raises(StoreError, match="unknown schema version 'beta'"):
        Store.open(db)


def test_an_older_schema_is_migrated_or_refused(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _set_version(db, "0")
    with pytest.raises(StoreError, match="older than this newsline can upgrade"):
        Store.open(db)

    def add_column(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("ALTER TABLE documents ADD COLUMN lang VARCHAR")

    monkeypatch.setitem(_store_schema.MIGRATIONS, 0, add_column)
    with pytest.raises(StoreError, match="open it once for writing"):
        Store.open(db, read_only=True)
    with Store.open(db) as store:
        assert store.schema_version() == _store_schema.SCHEMA_VERSION
        assert store.execute("SELECT count(lang), count(*) FROM documents") == [(0, 3)]


def test_files_that_are_no_newsline_database(tmp_path: Path) -> None:
    text = tmp_path / "notes.duckdb"
    text.write_text("hello")
    with pytest.raises(StoreError, match="not a DuckDB database"):
        Store.open(text)
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).execute("CREATE TABLE t (a INT)").close()
    with pytest.raises(StoreError, match="not one newsline made"):
        Store.open(other)
    with pytest.raises(StoreError, match="no such database"):
        Store.open(tmp_path / "missing.duckdb", read_only=True)
    with pytest.raises(StoreError, match="is a directory"):
        Store.open(tmp_path)
    with Store.open(tmp_path / "new.duckdb") as store:  # created on first use, empty
        assert store.documents() == [] and store.stats()["schema_version"] == _store_schema.SCHEMA_VERSION
        with pytest.raises(InputError):
            store.export(tmp_path / "x", "csv")


HOLD = textwrap.dedent("""
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "ro")
    print("ready", flush=True)
    sys.stdin.read()
""")


def _holder(path: Path, mode: str, *extra: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path), mode, *extra], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def test_a_file_another_process_writes_is_refused_clearly(db: Path) -> None:
    proc = _holder(db, "rw")
    try:
        with pytest.raises(StoreLockedError) as caught:
            Store.open(db, read_only=True, wait=0.2)
        message = str(caught.value)
        assert f"PID {proc.pid}" in message and "not even a reader" in message
        with pytest.raises(StoreLockedError):
            Store.open(db, wait=0)
    finally:
        proc.communicate("")
    with Store.open(db, read_only=True, wait=5) as store:  # free again
        assert store.stats()["documents"] == 3


def test_readers_in_several_processes_share_a_file(db: Path) -> None:
    proc = _holder(db, "ro")
    try:
        with Store.open(db, read_only=True) as store:
            assert len(store.documents()) == 3
        with pytest.raises(StoreLockedError):  # but no writer beside them
            Store.open(db, wait=0)
    finally:
        proc.communicate("")


def test_a_snippet_cuts_between_words_and_skips_the_date_line() -> None:
    from newsline.corpus._store_queries import _snippet

    text = "date 2021-01-05\n" + " ".join(f"before{i}" for i in range(40)) + " the visiting delegation " \
        + " ".join(f"after{i}" for i in range(40))
    snippet = _snippet(text, ["visit"])
    assert snippet.startswith("...") and snippet.endswith("...") and "visiting" in snippet
    assert all(w in text.split() for w in snippet.removeprefix("...").removesuffix("...").split())
    assert "2021" not in _snippet("date 2021-01-05\nA visit to Paris.", ["visit"])


def test_the_export_help_names_every_table_it_writes(capsys: pytest.CaptureFixture[str]) -> None:
    from newsline.cli import main

    with pytest.raises(SystemExit):
        main(["export", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert all(f" {t}," in help_text or f" {t} (" in help_text for t in _store_schema.TABLES)


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads the holder's command line from /proc")
def test_a_running_server_holding_the_file_is_named_with_what_to_do(db: Path) -> None:
    """trial X: ingest waited 120 s and named the holder "python3.11"; a server holds the file as long as it runs."""
    proc = _holder(db, "ro", "newsline", "serve")  # a reader whose command line is a server's
    try:
        started = time.monotonic()
        with pytest.raises(StoreLockedError) as caught:
            Store.open(db, wait=60)  # no waiting: a server holds the file as long as it runs (trial Z waited 120 s)
        assert time.monotonic() - started < 30
        message = str(caught.value)
        assert "running newsline serve" in message and f"kill {proc.pid}" in message and "--allow-ingest" in message
    finally:
        proc.communicate("")
    proc = _holder(db, "rw", "newsline", "serve", "--allow-ingest")  # a server that writes: readers use its API
    try:
        with pytest.raises(StoreLockedError) as caught:
            Store.open(db, read_only=True, wait=60)
        message = str(caught.value)
        assert "/v1/search" in message and "wait until" not in message
    finally:
        proc.communicate("")
